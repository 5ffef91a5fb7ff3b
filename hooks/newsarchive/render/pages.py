"""The site's pages as HTML fragments, rendered from the archive once indexed.

Every page is bounded in size whatever the archive's age: listings that grow with it are split
into pages of at most ``PER_PAGE`` entries, or by year and month.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from .. import urls
from ..archive import Archive, StoryRef
from ..model import Company, Entity, Roundup, Story
from .html import esc, link, long_date, plural, short_date, time, web_link, zh
from .markup import to_html
from .notices import ai_notice, corrections_note, source_note
from .public import PublicSite

T = TypeVar("T")
HOME_ROUNDUPS = 10
BUSIEST = 10
BUSIEST_DAYS = 90
PER_PAGE = 100
"""Most stories on one listing page of a company or topic: /companies/x/, then /companies/x/page/2/ …"""


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
    subject: Roundup | Entity | None = None
    """The roundup, company or topic the page shows, if any."""


def all_pages(archive: Archive, site: PublicSite) -> Iterator[Page]:
    """Every generated page of the site."""
    yield home_page(archive, site)
    yield from (roundup_page(archive, r) for r in archive.roundups)
    yield archive_page(archive)
    yield from (year_page(archive, y) for y in archive.by_year)
    yield from (month_page(archive, y, m) for y, m in archive.by_month)
    for kind, entities in (("company", archive.registry.companies), ("topic", archive.registry.topics)):
        yield index_page(archive, kind, list(entities.values()))
        for entity in entities.values():
            yield from entity_pages(archive, entity)


# Roundups ---------------------------------------------------------------------------------------

def roundup_page(archive: Archive, roundup: Roundup) -> Page:
    url = urls.roundup_url(roundup)
    edition = f" · {esc(roundup.edition.replace('-', ' ').capitalize())} edition" if roundup.edition else ""
    month = urls.month_url(roundup.date.year, roundup.date.month)
    parts = [
        f'<p class="na-dateline"><a href="{esc(urls.relative(url, month))}" title="More from this month">'
        f"{time(roundup.date)}</a>{edition}</p>",
        f"<h1>{esc(roundup.title)}</h1>",
        f'<p class="na-summary">{esc(roundup.summary)}</p>',
        ai_notice(roundup),
        _figure(roundup, url),
        f'<div class="na-intro">{to_html(roundup.intro)}</div>' if roundup.intro else "",
        _contents(roundup),
        *(_story(archive, roundup, story, url) for story in roundup.stories),
        source_note(roundup),
        corrections_note(roundup),
        _pager(archive, roundup, url),
    ]
    return Page(url, roundup.title, roundup.summary, _article("na-roundup", parts), subject=roundup)


def _figure(roundup: Roundup, url: str) -> str:
    image = roundup.image
    if image is None:
        return ""
    src = image.src if "://" in image.src else urls.relative(url, image.src)
    size = f' width="{image.width}" height="{image.height}"' if image.width and image.height else ""
    credit = f'<span class="na-credit">Image: {esc(image.credit)}</span>' if image.credit else ""
    caption = esc(image.caption)
    figcaption = f"<figcaption>{caption} {credit}</figcaption>" if caption or credit else ""
    return (
        f'<figure class="na-figure"><img src="{esc(src)}" alt="{esc(image.alt)}"{size} '
        f'loading="lazy" decoding="async">{figcaption}</figure>'
    )


def _contents(roundup: Roundup) -> str:
    items = "".join(f'<li><a href="#{esc(s.anchor)}">{esc(s.title)}</a></li>' for s in roundup.stories)
    return (
        '<nav class="na-contents" aria-labelledby="na-contents-title">'
        f'<h2 id="na-contents-title">In this roundup</h2><ol>{items}</ol></nav>'
    )


def _story(archive: Archive, roundup: Roundup, story: Story, url: str) -> str:
    return (
        f'<section class="na-story" aria-labelledby="{esc(story.anchor)}">'
        f'<h2 id="{esc(story.anchor)}">{esc(story.title)}'
        f'<a class="headerlink" href="#{esc(story.anchor)}" title="Link to this story">¶</a></h2>'
        f"{tag_chips(archive, story, url)}"
        f'<div class="na-story-body">{to_html(story.body)}</div></section>'
    )


def tag_chips(archive: Archive, story: Story, from_url: str) -> str:
    """The story's companies and topics as links; company chips carry the Chinese name too."""
    chips = []
    for slug in (*story.companies, *story.topics):
        entity = archive.registry.get(slug)
        if entity is None:
            continue
        href = esc(urls.relative(from_url, urls.entity_url(entity)))
        chips.append(
            f'<li><a class="na-chip na-chip--{entity.kind}" href="{href}">{esc(entity.name)}'
            f"{zh(entity.name_zh) if entity.kind == 'company' else ''}</a></li>"
        )
    return f'<ul class="na-tags" aria-label="Tags">{"".join(chips)}</ul>'


def _pager(archive: Archive, roundup: Roundup, url: str) -> str:
    older, newer = archive.older.get(roundup.path), archive.newer.get(roundup.path)
    links = []
    if older:
        links.append(_pager_link(url, older, "prev", "Previous"))
    if newer:
        links.append(_pager_link(url, newer, "next", "Next"))
    return f'<nav class="na-pager" aria-label="Previous and next roundups">{"".join(links)}</nav>'


def _pager_link(url: str, other: Roundup, rel: str, label: str) -> str:
    href = esc(urls.relative(url, urls.roundup_url(other)))
    return (
        f'<a class="na-pager__{rel}" rel="{rel}" href="{href}"><span class="na-pager__label">{label} · '
        f"{esc(short_date(other.date))}</span> <span>{esc(other.title)}</span></a>"
    )


# Companies and topics ---------------------------------------------------------------------------

def listing_pages(refs: list[StoryRef]) -> list[list[StoryRef]]:
    """A company's or topic's stories (newest first) as its pages: at most ``PER_PAGE`` each."""
    return [refs[i : i + PER_PAGE] for i in range(0, len(refs), PER_PAGE)] or [[]]


def entity_pages(archive: Archive, entity: Entity) -> Iterator[Page]:
    """A company's or topic's pages: facts and its newest stories, then older stories."""
    refs = archive.stories_of(entity.slug)
    chunks = listing_pages(refs)
    page_urls = [urls.entity_url(entity, number) for number in range(1, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        url = page_urls[number - 1]
        listing = [_story_list(chunk, url) if refs else "<p>No stories yet.</p>", _page_numbers(url, page_urls, number)]
        if number == 1:
            yield _entity_main(entity, len(refs), listing)
            continue
        title = f"{entity.name}: older stories, page {number} of {len(chunks)}"
        parts = [_crumbs(url, page_urls[0], entity.name), f"<h1>{esc(title)}</h1>", *listing]
        yield Page(url, title, f"Older stories tagged {entity.name}", _article(f"na-{entity.kind}", parts))


def _entity_main(entity: Entity, count: int, listing: list[str]) -> Page:
    url = urls.entity_url(entity)
    parts = [
        _crumbs(url, urls.section_url(entity), "Companies" if entity.kind == "company" else "Topics"),
        f"<h1>{esc(entity.name)}{zh(entity.name_zh)}</h1>",
        f'<p class="na-description">{esc(entity.description)}</p>' if entity.description else "",
        _facts(entity, count),
        f'<p class="na-follow">Follow in a feed reader: {link(urls.ATOM, "Atom")} · '
        f'{link(urls.JSON_FEED, "JSON Feed")}</p>',
        "<h2>Stories</h2>",
        *listing,
    ]
    body = _article(f"na-{entity.kind}", parts)
    return Page(url, entity.name, _entity_description(entity, count), body, subject=entity)


def _entity_description(entity: Entity, count: int) -> str:
    return entity.description or f"{plural(count, 'story')} about {entity.name} in the archive"


def _facts(entity: Entity, count: int) -> str:
    rows = [("Chinese name", esc(entity.name_zh))]
    if isinstance(entity, Company):
        rows += [
            ("Also known as", esc(", ".join(entity.aliases))),
            ("Tickers", esc(", ".join(entity.tickers))),
            ("Headquarters", esc(entity.hq)),
            ("Website", web_link(entity.url, entity.url.split("://", 1)[-1].rstrip("/")) if entity.url else ""),
        ]
    rows.append(("Stories", str(count)))
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows if value)
    return f'<dl class="na-facts">{items}</dl>'


def _story_list(refs: list[StoryRef], url: str) -> str:
    """Stories grouped by year, newest first, each linking to its anchor."""
    out = []
    for year, group in groupby(refs, key=lambda r: r.roundup.date.year):
        items = "".join(_story_item(ref, url) for ref in group)
        out.append(f'<h3 class="na-year">{year}</h3><ul class="na-stories">{items}</ul>')
    return "".join(out)


def _story_item(ref: StoryRef, url: str) -> str:
    """One story in a listing: its headline, linking to its anchor, and its date (kept short:
    listings hold every story-tag pair of the archive)."""
    story_href = urls.relative(url, urls.story_url(ref.roundup, ref.story))
    return f'<li>{link(story_href, ref.story.title)} {time(ref.roundup.date, short_date(ref.roundup.date))}</li>'


def _page_numbers(url: str, page_urls: list[str], current: int) -> str:
    if len(page_urls) < 2:
        return ""
    current_mark = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{esc(urls.relative(url, target))}"{current_mark if number == current else ""}>{number}</a></li>'
        for number, target in enumerate(page_urls, start=1)
    )
    return f'<nav class="na-pages" aria-label="Pages"><ol>{items}</ol></nav>'


def index_page(archive: Archive, kind: str, entities: list[Entity]) -> Page:
    """``/companies/`` grouped A–Z, or ``/topics/``: every entry with its Chinese name and count."""
    url = urls.COMPANIES if kind == "company" else urls.TOPICS
    title = "Companies" if kind == "company" else "Topics"
    ordered = sorted(entities, key=lambda e: e.name.casefold())
    groups = [(letter, list(group)) for letter, group in groupby(ordered, key=_initial)]
    letters = "".join(f'<li><a href="#letter-{esc(letter.lower())}">{esc(letter)}</a></li>' for letter, _ in groups)
    parts = [f"<h1>{title}</h1>", f"<p>{plural(len(entities), kind)} "
             "in the archive, with the number of stories that tag each.</p>"]
    if kind == "company":
        parts.append(f'<nav class="na-letters" aria-label="Jump to letter"><ul>{letters}</ul></nav>')
    for letter, group in groups:
        items = "".join(
            f"<li>{link(urls.relative(url, urls.entity_url(e)), e.name)}{zh(e.name_zh)} "
            f'<span class="na-count">{plural(len(archive.stories_of(e.slug)), "story")}</span></li>'
            for e in group
        )
        heading = f'<h2 id="letter-{esc(letter.lower())}">{esc(letter)}</h2>' if kind == "company" else ""
        parts.append(f'{heading}<ul class="na-entities">{items}</ul>')
    description = f"Every {kind} in the archive with its Chinese name and story count"
    return Page(url, title, description, _article("na-index", parts))


def _initial(entity: Entity) -> str:
    first = entity.name[:1].upper()
    return first if "A" <= first <= "Z" else "#"


# Dates ------------------------------------------------------------------------------------------

def archive_page(archive: Archive) -> Page:
    url = urls.ARCHIVE
    parts = ["<h1>Archive</h1>", f"<p>{plural(len(archive.roundups), 'roundup')} since "
             f"{long_date(archive.roundups[-1].date) if archive.roundups else 'the start'}.</p>"]
    for year, roundups in archive.by_year.items():
        months = "".join(
            f"<li>{link(urls.relative(url, urls.month_url(y, m)), calendar.month_name[m])} "
            f'<span class="na-count">{len(archive.by_month[(y, m)])}</span></li>'
            for (y, m) in archive.by_month
            if y == year
        )
        parts.append(
            f"<h2>{link(urls.relative(url, urls.year_url(year)), str(year))} "
            f'<span class="na-count">{plural(len(roundups), "roundup")}</span></h2><ul class="na-months">{months}</ul>'
        )
    return Page(url, "Archive", "Every roundup by year and month", _article("na-dates", parts))


def year_page(archive: Archive, year: int) -> Page:
    url = urls.year_url(year)
    parts = [_crumbs(url, urls.ARCHIVE, "Archive"), f"<h1>{year}</h1>"]
    for (y, month), roundups in archive.by_month.items():
        if y != year:
            continue
        items = "".join(_roundup_item(r, url, headlines=False) for r in roundups)
        parts.append(
            f"<h2>{link(urls.relative(url, urls.month_url(y, month)), calendar.month_name[month])}</h2>"
            f'<ul class="na-roundups">{items}</ul>'
        )
    years = list(archive.by_year)
    parts.append(_neighbours(url, years, year, urls.year_url, str))
    return Page(url, str(year), f"Roundups of {year}", _article("na-dates", parts))


def month_page(archive: Archive, year: int, month: int) -> Page:
    url = urls.month_url(year, month)
    name = f"{calendar.month_name[month]} {year}"
    items = "".join(_roundup_item(r, url, headlines=True) for r in archive.by_month[(year, month)])
    months = list(archive.by_month)
    parts = [
        _crumbs(url, urls.year_url(year), str(year)),
        f"<h1>{name}</h1>",
        f'<ul class="na-roundups">{items}</ul>',
        _neighbours(url, months, (year, month), lambda ym: urls.month_url(*ym),
                    lambda ym: f"{calendar.month_name[ym[1]]} {ym[0]}"),
    ]
    return Page(url, name, f"Roundups of {name}", _article("na-dates", parts))


def _neighbours(
    url: str, ordered: list[T], current: T, url_of: Callable[[T], str], label_of: Callable[[T], str]
) -> str:
    """Links to the older and newer neighbours of ``current`` in ``ordered`` (newest first)."""
    position = ordered.index(current)
    links = []
    if position + 1 < len(ordered):
        older = ordered[position + 1]
        links.append(f'<a rel="prev" href="{esc(urls.relative(url, url_of(older)))}">← {esc(label_of(older))}</a>')
    if position > 0:
        newer = ordered[position - 1]
        links.append(f'<a rel="next" href="{esc(urls.relative(url, url_of(newer)))}">{esc(label_of(newer))} →</a>')
    return f'<nav class="na-pager" aria-label="Older and newer">{"".join(links)}</nav>'


def _roundup_item(roundup: Roundup, url: str, headlines: bool) -> str:
    href = urls.relative(url, urls.roundup_url(roundup))
    edition = f" ({esc(roundup.edition)} edition)" if roundup.edition else ""
    extra = ""
    if headlines:
        stories = "".join(
            f"<li>{link(urls.relative(url, urls.story_url(roundup, s)), s.title)}</li>" for s in roundup.stories
        )
        extra = f'<p class="na-summary">{esc(roundup.summary)}</p><ul class="na-headlines">{stories}</ul>'
    return (
        f'<li><span class="na-meta">{time(roundup.date, short_date(roundup.date))}{edition}</span> '
        f'<strong class="na-title">{link(href, roundup.title)}</strong>{extra}</li>'
    )


# Home -------------------------------------------------------------------------------------------

def home_page(archive: Archive, site: PublicSite) -> Page:
    url = urls.HOME
    latest = archive.roundups[:HOME_ROUNDUPS]
    items = "".join(_roundup_item(r, url, headlines=True) for r in latest)
    parts = [
        '<h1 class="na-visually-hidden">Latest roundups</h1>',
        f'<div class="na-home"><section class="na-latest" aria-labelledby="na-latest"><h2 id="na-latest">'
        f'Latest roundups</h2><ul class="na-roundups">{items}</ul>'
        f'<p>{link(urls.relative(url, urls.ARCHIVE), "All roundups by date →")}</p></section>',
        '<aside class="na-busiest">',
        _busiest(archive, archive.by_company, "Companies in the news", url),
        _busiest(archive, archive.by_topic, "Topics in the news", url),
        "</aside></div>",
    ]
    return Page(url, "Latest roundups", site.description, _article("na-front", parts))


def _busiest(archive: Archive, index: dict[str, list[StoryRef]], heading: str, url: str) -> str:
    rows = []
    for slug, count in archive.busiest(index, BUSIEST_DAYS, BUSIEST):
        entity = archive.registry.get(slug)
        if entity is not None:
            rows.append(
                f"<li>{link(urls.relative(url, urls.entity_url(entity)), entity.name)}{zh(entity.name_zh)} "
                f'<span class="na-count">{plural(count, "story")}</span></li>'
            )
    return f'<h2>{esc(heading)}</h2><p class="na-meta">Last {BUSIEST_DAYS} days</p><ol>{"".join(rows)}</ol>'


# Shared -----------------------------------------------------------------------------------------

def _crumbs(url: str, parent_url: str, parent_name: str) -> str:
    return f'<nav class="na-crumbs" aria-label="Breadcrumb">{link(urls.relative(url, parent_url), parent_name)}</nav>'


CONTENT_ID = "na-content"
"""The id of every generated page's article: the target of the theme's "Skip to content" link."""


def _article(css_class: str, parts: list[str]) -> str:
    return f'<article id="{CONTENT_ID}" class="{css_class}">' + "\n".join(p for p in parts if p) + "</article>"
