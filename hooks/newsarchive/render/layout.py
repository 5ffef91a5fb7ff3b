"""What every generated page shares: the page value, the article around its body, breadcrumbs,
and the one pager (previous and next, and numbered pages of a long listing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from .. import urls
from ..model import Entity, Person, Roundup
from .html import esc, link

T = TypeVar("T")
CONTENT_ID = "na-content"
"""The id of every generated page's article: the target of the theme's "Skip to content" link."""


class Feeds(NamedTuple):
    """The feeds a page has of its own, beside it (a company's, a person's, the corrections')."""

    folder: str
    """The page they follow: ``companies/xiaomi/``."""
    name: str
    """What they follow, as their titles name it: ``Xiaomi``."""


@dataclass(frozen=True)
class Page:
    url: str
    title: str
    """Plain text; escaped wherever it is written."""
    description: str
    body: str
    """HTML."""
    head: str = ""
    """HTML for the page's <head> (feeds, structured data), already escaped."""
    subject: Roundup | Entity | Person | None = None
    """The roundup, company, topic or person the page shows, if any."""
    indexed: bool = True
    """Whether search engines may index it (a company's page without stories says no)."""
    feeds: Feeds | None = None
    """Its own feeds, if it has any besides the site's."""


def article(css_class: str, parts: Sequence[str]) -> str:
    return f'<article id="{CONTENT_ID}" class="{css_class}">' + "\n".join(p for p in parts if p) + "</article>"


def crumbs(url: str, parent_url: str, parent_name: str) -> str:
    return f'<nav class="na-crumbs" aria-label="Breadcrumb">{link(urls.relative(url, parent_url), parent_name)}</nav>'


@dataclass(frozen=True)
class Neighbour:
    """A page a pager leads to: where it is, what to call it, and a line about it."""

    url: str
    label: str
    detail: str = ""


def pager(url: str, older: Neighbour | None, newer: Neighbour | None, name: str) -> str:
    """The previous (older) and next (newer) page, side by side; ``name`` labels the navigation."""
    links = []
    for rel, arrow, neighbour in (("prev", "←", older), ("next", "→", newer)):
        if neighbour is None:
            continue
        detail = f'<span class="na-pager__detail">{esc(neighbour.detail)}</span>' if neighbour.detail else ""
        label = f"{arrow} {esc(neighbour.label)}" if rel == "prev" else f"{esc(neighbour.label)} {arrow}"
        links.append(f'<a class="na-pager__{rel}" rel="{rel}" href="{esc(urls.relative(url, neighbour.url))}">'
                     f'<span class="na-pager__label">{label}</span>{detail}</a>')
    return f'<nav class="na-pager" aria-label="{esc(name)}">{"".join(links)}</nav>' if links else ""


def older_and_newer(items: Sequence[T], current: T) -> tuple[T | None, T | None]:
    """The items after and before ``current`` in ``items`` (newest first): (older, newer)."""
    position = items.index(current)
    older = items[position + 1] if position + 1 < len(items) else None
    return older, items[position - 1] if position > 0 else None


PER_PAGE = 100
"""Most entries on the first page of a listing that grows with the archive: /companies/x/."""
OLDER_PER_PAGE = 200
"""Most entries on each of its later pages, /companies/x/page/2/ …: rows of a headline and a date,
twice as many as the first page's, so half as many pages (and their header, footer and head)."""


def paginate(items: Sequence[T]) -> list[Sequence[T]]:
    """A listing's entries as its pages: ``PER_PAGE`` on the first, ``OLDER_PER_PAGE`` on each
    later one (one empty page for none)."""
    older = items[PER_PAGE:]
    return [items[:PER_PAGE], *(older[i : i + OLDER_PER_PAGE] for i in range(0, len(older), OLDER_PER_PAGE))]


def page_count(entries: int) -> int:
    """How many pages ``paginate`` makes of ``entries`` entries."""
    return 1 + max(0, -(-(entries - PER_PAGE) // OLDER_PER_PAGE))


AROUND = 2
"""Page numbers linked on either side of the current page of a listing, besides the first and last."""


def page_numbers(url: str, page_urls: Sequence[str], current: int) -> str:
    """Links to the pages of a listing, the ``current`` (1-based) marked: the first, the last and
    ``AROUND`` on either side of the current, a gap between them shown as an ellipsis. A company
    with a hundred pages links seven from each, not a hundred."""
    if len(page_urls) < 2:
        return ""
    mark = ' aria-current="page"'
    shown = sorted({1, len(page_urls), *range(max(1, current - AROUND), min(len(page_urls), current + AROUND) + 1)})
    items = []
    for number, after in zip(shown, [0, *shown], strict=False):
        if number - after > 1:
            items.append('<li class="na-pages__gap" aria-hidden="true">…</li>')
        target = urls.relative(url, page_urls[number - 1])
        items.append(f'<li><a href="{esc(target)}"{mark if number == current else ""}>{number}</a></li>')
    return f'<nav class="na-pages" aria-label="Pages"><ol>{"".join(items)}</ol></nav>'
