"""The site's outputs in units: groups of pages and feeds rendered together from the archive.

A unit is a roundup's page, a company's or topic's pages and feeds, a month, a year, or one of the
site-wide pages. A full build renders every unit; a rebuild of a running preview renders only the
units a change reaches (``affected``) and keeps the others as they were. What a unit makes is
known before it is rendered (``pages_of``, ``files_of``), so outputs can be rendered and written
one unit at a time, none of them kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import urls
from ..archive import Archive, StoryRef, around_story
from ..model import Roundup
from .date_pages import archive_page, month_page, year_page
from .entity_pages import companies_index, entity_pages, topics_index
from .feeds import feed_files
from .front_page import home_page
from .layout import Page, page_count
from .public import PublicSite
from .roundup_page import roundup_page

Unit = tuple[str, ...]
"""``("roundup", path)``, ``("entity", slug)``, ``("month", "2024", "3")``, ``("year", "2024")``,
or a site-wide unit below."""
HOME: Unit = ("home",)
ARCHIVE: Unit = ("archive",)
INDEXES: Unit = ("indexes",)
SITE_FEED: Unit = ("site feed",)
SITE_WIDE = (HOME, ARCHIVE, INDEXES, SITE_FEED)
FEEDS = (urls.ATOM, urls.JSON_FEED)
"""Units that show something of every roundup (the newest, counts): every change reaches them."""


@dataclass
class Rendered:
    pages: list[Page] = field(default_factory=list)
    """Without their heads (head.with_head adds them)."""
    files: dict[str, str] = field(default_factory=dict)
    """Feeds, by URI."""


def roundup_unit(roundup: Roundup) -> Unit:
    return ("roundup", roundup.path)


def month_unit(year: int, month: int) -> Unit:
    return ("month", str(year), str(month))


def year_unit(year: int) -> Unit:
    return ("year", str(year))


def all_units(archive: Archive) -> list[Unit]:
    """Every unit of the archive, a page's parents before it (breadcrumbs name them)."""
    return [
        HOME,
        ARCHIVE,
        INDEXES,
        *(year_unit(y) for y in archive.by_year),
        *(month_unit(y, m) for y, m in archive.by_month),
        *(("entity", e.slug) for e in archive.in_the_archive(archive.registry.entities())),
        *(roundup_unit(r) for r in archive.roundups),
        SITE_FEED,
    ]


def pages_of(unit: Unit, archive: Archive) -> list[str]:
    """The URLs of the pages ``unit`` makes (as render_unit renders them)."""
    kind, *key = unit
    if kind == "roundup":
        return [urls.roundup_url(archive.by_path[key[0]])] if key[0] in archive.by_path else []
    if kind == "entity":
        entity, refs = archive.registry.get(key[0]), archive.stories_of(key[0])
        return urls.entity_urls(entity, page_count(len(refs))) if entity and refs else []
    if kind == "month":
        return [urls.month_url(int(key[0]), int(key[1]))] if (int(key[0]), int(key[1])) in archive.by_month else []
    if kind == "year":
        return [urls.year_url(int(key[0]))] if int(key[0]) in archive.by_year else []
    return {HOME: [urls.HOME], ARCHIVE: [urls.ARCHIVE], INDEXES: [urls.COMPANIES, urls.TOPICS], SITE_FEED: []}[unit]


def files_of(unit: Unit, archive: Archive) -> list[str]:
    """The URIs of the other files ``unit`` makes: feeds."""
    kind, *key = unit
    if unit == SITE_FEED:
        return [urls.feed_url(None, name) for name in FEEDS]
    entity = archive.registry.get(key[0]) if kind == "entity" else None
    if entity is None or not archive.stories_of(entity.slug):
        return []
    return [urls.feed_url(entity, name) for name in FEEDS]


def render_unit(unit: Unit, archive: Archive, site: PublicSite) -> Rendered:
    """The pages and feeds of ``unit``; nothing for a unit the archive no longer has (a deleted
    roundup, a company without stories)."""
    kind, *key = unit
    if kind == "roundup":
        roundup = archive.by_path.get(key[0])
        return Rendered([roundup_page(archive, roundup)] if roundup else [])
    if kind == "entity":
        entity = archive.registry.get(key[0])
        if entity is None or not archive.stories_of(entity.slug):
            return Rendered()
        return Rendered(list(entity_pages(archive, entity)), feed_files(archive, site, entity))
    if kind == "month":
        year, month = int(key[0]), int(key[1])
        return Rendered([month_page(archive, year, month)] if (year, month) in archive.by_month else [])
    if kind == "year":
        return Rendered([year_page(archive, int(key[0]))] if int(key[0]) in archive.by_year else [])
    if unit == HOME:
        return Rendered([home_page(archive, site)])
    if unit == ARCHIVE:
        return Rendered([archive_page(archive)])
    if unit == INDEXES:
        return Rendered([companies_index(archive, archive.in_the_archive(archive.registry.companies.values())),
                         topics_index(archive, archive.in_the_archive(archive.registry.topics.values()))])
    if unit == SITE_FEED:
        return Rendered(files=feed_files(archive, site))
    raise ValueError(f"no such unit: {unit}")


def affected(before: Archive, after: Archive, paths: Iterable[str]) -> set[Unit]:
    """The units whose output a change of the roundups at ``paths`` (edited, added or deleted)
    can change, as the archive was ``before`` and is ``after``: the roundups' own pages and their
    neighbours', their months and years and the neighbouring ones (whose pagers name them), the
    companies and topics they tag, the stories next to theirs on each company (whose threads lead
    to them), and everything site-wide."""
    units = set(SITE_WIDE)
    for archive in (before, after):
        months, years = list(archive.by_month), list(archive.by_year)
        for path in paths:
            roundup = archive.by_path.get(path)
            if roundup is None:
                continue
            units.add(roundup_unit(roundup))
            units.update(roundup_unit(n) for n in (archive.older.get(path), archive.newer.get(path)) if n)
            units.update(month_unit(*ym) for ym in _around(months, (roundup.date.year, roundup.date.month)))
            units.update(year_unit(y) for y in _around(years, roundup.date.year))
            for story in roundup.stories:
                units.update(("entity", slug) for slug in (*story.companies, *story.topics))
                units.update(roundup_unit(ref.roundup) for ref in _thread_neighbours(archive, StoryRef(roundup, story)))
    return units


def _around(items: list, item: object) -> list:
    """``item`` and the items on either side of it in ``items``."""
    position = items.index(item)
    return items[max(0, position - 1) : position + 2]


def _thread_neighbours(archive: Archive, ref: StoryRef) -> list[StoryRef]:
    """The stories just before and after ``ref`` on each of its companies (their threads lead to it)."""
    found = []
    for slug in ref.story.companies:
        line = archive.by_company.get(slug, [])
        position = next(i for i, other in enumerate(line) if other.key == ref.key)
        found += [other for other in around_story(line, position) if other]
    return found
