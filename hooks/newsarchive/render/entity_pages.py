"""Company and topic pages, and their indexes.

A company's page is why a reader comes back: its coverage at a glance (a chart of stories per
period), what it is covered with, and every story with its context, newest first, 100 to a page.
Only entries with stories have pages: a registry filled in ahead of the news makes no empty ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from itertools import groupby

from .. import urls
from ..archive import Archive
from ..model import Company, Entity, Topic, is_cjk
from .chart import SPARK_MONTHS, coverage_chart, sparkline
from .html import esc, link, plural, web_link, zh
from .layout import Feeds, Page, article, crumbs, page_numbers, paginate
from .listing import stories_by_period


def entity_pages(archive: Archive, entity: Entity) -> Iterator[Page]:
    """A company's or topic's pages: everything about it and its newest stories, then older stories."""
    refs = archive.stories_of(entity.slug)
    chunks = paginate(refs)
    page_urls = urls.entity_urls(entity, len(chunks))
    for number, chunk in enumerate(chunks, start=1):
        url = page_urls[number - 1]
        listing = [stories_by_period(archive, chunk, url, entity), page_numbers(url, page_urls, number)]
        if number == 1:
            yield _main_page(archive, entity, listing)
            continue
        title = f"{entity.display}: older stories, page {number} of {len(chunks)}"
        parts = [crumbs(url, page_urls[0], entity.display), f"<h1>{esc(title)}</h1>", *listing]
        body = article(f"na-entity na-{entity.section}", parts)
        yield Page(url, title, f"Older stories about {entity.display}", body)


def _main_page(archive: Archive, entity: Entity, listing: list[str]) -> Page:
    url = urls.entity_url(entity)
    count = len(archive.stories_of(entity.slug))
    main = [
        coverage_chart(url, archive.months(entity.slug)),
        f'<h2 class="na-section-title">Stories <span class="na-count">{count}</span></h2>',
        *listing,
    ]
    aside = [_facts(entity), _covered_with(archive, entity, url), _follow()]
    parts = [
        crumbs(url, urls.section_url(entity), entity.labels),
        f'<header class="na-masthead"><h1>{_heading(entity)}{zh(entity.name_zh)}</h1>'
        + (f'<p class="na-dek">{esc(entity.description)}</p>' if entity.description else "") + "</header>",
        f'<div class="na-columns"><div class="na-columns__main">{"".join(main)}</div>'
        f'<aside class="na-columns__aside">{"".join(p for p in aside if p)}</aside></div>',
    ]
    description = entity.description or f"{plural(count, 'story')} about {entity.display} in the archive"
    return Page(url, entity.name, description, article(f"na-entity na-{entity.section}", parts), subject=entity,
                feeds=Feeds(urls.followed_url(entity), entity.display))


def _heading(entity: Entity) -> str:
    """The entry's full name, escaped; a short one kept on one line ("Xiaomi / Corp." reads badly)."""
    name = esc(entity.name)
    return f'<span class="na-nw">{name}</span>' if len(entity.name) <= _WHOLE_NAME else name


_WHOLE_NAME = 24
"""Longer names may wrap: kept whole they could overflow a phone's line."""


def _facts(entity: Entity) -> str:
    known = ", ".join(n for n in entity.names if n not in (entity.name, entity.name_zh))
    rows = [("Known as", esc(known))]
    if isinstance(entity, Company):
        rows += [
            ("Tickers", esc(", ".join(entity.tickers))),
            ("Headquarters", esc(entity.hq)),
            ("Website", web_link(entity.url, entity.url.split("://", 1)[-1].rstrip("/")) if entity.url else ""),
        ]
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows if value)
    return f'<dl class="na-facts">{items}</dl>' if items else ""


def _covered_with(archive: Archive, entity: Entity, url: str) -> str:
    """The companies and topics most often tagged in the same stories, with how often."""
    registry = archive.registry
    sections = [_ranked(url, Company.labels, archive.covered_with(entity.slug, registry.companies)),
                _ranked(url, Topic.labels, archive.covered_with(entity.slug, registry.topics))]
    if not any(sections):
        return ""
    return (f'<section class="na-covered" aria-labelledby="na-covered"><h2 id="na-covered">Covered with</h2>'
            f'{"".join(sections)}</section>')


def _ranked(url: str, heading: str, ranked: Sequence[tuple[Entity, int]]) -> str:
    items = "".join(
        f'<li>{link(urls.relative(url, urls.entity_url(other)), other.display)} <span class="na-count">{n}</span></li>'
        for other, n in ranked
    )
    return f'<h3>{heading}</h3><ol class="na-ranked">{items}</ol>' if items else ""


def _follow() -> str:
    return (f'<p class="na-follow"><strong>Follow</strong> in a feed reader: {link(urls.ATOM, "Atom")} · '
            f'{link(urls.JSON_FEED, "JSON Feed")}</p>')


# Indexes ----------------------------------------------------------------------------------------

def companies_index(archive: Archive, companies: Sequence[Company]) -> Page:
    """Every company with stories, A–Z by the name readers know (its short name), in columns, after
    one "#" group of the names that start with no letter A–Z; its other names lead to it as
    cross-references ("Hon Hai Precision Industry → Foxconn")."""
    url = urls.COMPANIES
    entries = [(company.display, company, True) for company in companies]
    entries += [(name, company, False) for company in companies for name in _cross_references(company)]
    entries.sort(key=lambda entry: (_initial(entry[0]), _folded(entry[0]), not entry[2]))
    groups = [(letter, list(group)) for letter, group in groupby(entries, key=lambda entry: _initial(entry[0]))]
    letters = "".join(f'<li><a href="#letter-{esc(letter.lower())}">{esc(letter)}</a></li>' for letter, _ in groups)
    sections = "".join(
        f'<section class="na-letter" aria-labelledby="letter-{esc(letter.lower())}">'
        f'<h2 id="letter-{esc(letter.lower())}">{esc(letter)}</h2><ul class="na-index">'
        + "".join(_index_entry(archive, url, name, company, main) for name, company, main in group)
        + "</ul></section>"
        for letter, group in groups
    )
    parts = [
        "<h1>Companies</h1>",
        f'<p class="na-dek">{plural(len(companies), "company", "companies")} in the archive, by the name readers '
        "know them by, with the number of stories about each.</p>",
        f'<nav class="na-letters" aria-label="Jump to letter"><ul>{letters}</ul></nav>',
        f'<div class="na-index-columns">{sections}</div>',
    ]
    return Page(url, "Companies", "Every company in the archive with its Chinese name and story count",
                article("na-index-page", parts))


def _cross_references(company: Company) -> list[str]:
    """The company's other English names (its legal name first) that would be looked for elsewhere
    than its short name: one per first word ("Hon Hai Precision Industry Co." stands for "Hon Hai")."""
    seen = {company.display.split()[0].casefold()}
    names = []
    for name in (company.name, *company.aliases):
        word = name.split()[0].casefold()
        if not is_cjk(name) and word not in seen:
            seen.add(word)
            names.append(name)
    return names


def _index_entry(archive: Archive, url: str, name: str, company: Company, main: bool) -> str:
    href = urls.relative(url, urls.entity_url(company))
    if not main:
        return f'<li class="na-xref">{esc(name)} → {link(href, company.display)}</li>'
    legal = f'<span class="na-legal">{esc(company.name)}</span>' if company.name != company.display else ""
    return (f"<li>{link(href, company.display)}{zh(company.name_zh)} "
            f'<span class="na-count">{len(archive.stories_of(company.slug))}</span>{legal}</li>')


def _initial(name: str) -> str:
    """The letter a name is listed under, its accent dropped (Émile under E); "#", listed first,
    for every name starting with a digit, a sign or a character of another script (360, 小米)."""
    first = unicodedata.normalize("NFKD", name[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _folded(name: str) -> str:
    """``name`` as the index orders it: without accents or case (Émile between Elm and Ezra)."""
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char)).casefold()


def topics_index(archive: Archive, topics: Sequence[Entity]) -> Page:
    """Every topic with stories, as cards: name, Chinese name, description, count and a sparkline."""
    url = urls.TOPICS
    newest = (archive.roundups[0].date.year, archive.roundups[0].date.month) if archive.roundups else (1970, 1)
    cards = "".join(
        f'<li class="na-card"><h2 class="na-card__title">{link(urls.relative(url, urls.entity_url(topic)), topic.name)}'
        f"{zh(topic.name_zh)}</h2>"
        + (f'<p class="na-card__text">{esc(topic.description)}</p>' if topic.description else "")
        + f'<p class="na-meta">{plural(len(archive.stories_of(topic.slug)), "story")} '
        f"{sparkline(archive.months(topic.slug), newest)}</p></li>"
        for topic in sorted(topics, key=lambda topic: topic.name.casefold())
    )
    parts = [
        "<h1>Topics</h1>",
        f'<p class="na-dek">{plural(len(topics), "topic")} in the archive, each with its stories over the last '
        f"{SPARK_MONTHS} months.</p>",
        f'<ul class="na-cards na-cards--topics">{cards}</ul>',
    ]
    return Page(url, "Topics", "Every topic in the archive with its Chinese name and story count",
                article("na-index-page", parts))
