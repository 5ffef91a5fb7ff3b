"""What the site search indexes: one record per story, company and topic, as plain data.

Indexing records rather than rendered pages makes every search result a story that links to its
anchor, gives each story its own filters, and keeps navigation, tag chips and footers out of the
index by construction.

A story's ``tags`` meta holds the names, Chinese names and aliases of everything it is tagged
with, so a reader finds it by any of them even where its text spells none. Pagefind matches a
word by its prefix, and in English text a run of Chinese characters is one word: listed on their
own, 小米集团 is found by 小米 and by 小米集团, whatever the story's text runs them into.
Every meta key is searched; the result shows ``title``, ``date``, ``kind`` and ``label``
(docs/javascripts/search.js), not ``names`` or ``tags``.
Every story is found by its headline: Pagefind indexes a record only if its content has a word,
so a story whose text has none is indexed with its headline as its content.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from typing import overload

from .. import urls
from ..archive import Archive, StoryRef
from ..dates import long_date
from ..model import Company, Entity, Roundup, Topic
from .html import plural
from .provenance import story_text

ENTITIES_BUNDLE = ""
"""The first bundle, of companies and topics (in ``pagefind/`` itself); the others are years."""
NAMES = "names"
"""Meta key of a company's or topic's own names; searched, not shown; a match ranks first."""
TAGS = "tags"
"""Meta key of the names of what a story is tagged with; searched, not shown."""
LABEL = "label"
KIND = "kind"
"""Meta key of what a result other than a story is, shown above its title where a story's date is:
``Company``, ``Topic`` or ``Year``; a result without one is a story."""
"""Meta key of what a result shows beside its headline: ``AI-generated`` for a story a machine wrote."""


@dataclass(frozen=True)
class SearchRecord:
    url: str
    """Site-relative with a leading slash, plus any #anchor; the search UI prefixes the site's path."""
    content: str
    """Plain text: what is matched, and where excerpts come from."""
    meta: dict[str, str]
    """Searched too; ``title`` is the result's link text, ``date`` its dateline."""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)
    """``date`` (ISO) of a story or a year: the search UI lists stories newest first within a tier."""


@dataclass(frozen=True)
class SearchBundle:
    """Records the browser loads as one Pagefind bundle (see hooks/search_index.py for why several)."""

    name: str
    """The bundle's folder under ``pagefind/``: "" for the first, a year for that year's stories."""
    records: Sequence[SearchRecord]


class _Made(Sequence[SearchRecord]):
    """Records of a known number, made when first read: the build starts indexing the first
    bundle while Pagefind's thread makes the next ones.

    Going through them (Pagefind's thread does, once a bundle) makes them anew and keeps none:
    each year's records, with every story's text, kept to the end of a build held 64 MB at ten
    years. Reading one by its place makes them once and keeps them."""

    def __init__(self, size: int, make: Callable[[], list[SearchRecord]]) -> None:
        self._size, self._make = size, make
        self._kept: list[SearchRecord] | None = None

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[SearchRecord]:
        return iter(self._make() if self._kept is None else self._kept)

    @overload
    def __getitem__(self, index: int) -> SearchRecord: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[SearchRecord]: ...
    def __getitem__(self, index: int | slice) -> SearchRecord | Sequence[SearchRecord]:
        if self._kept is None:
            self._kept = self._make()
        return self._kept[index]


def search_bundles(archive: Archive) -> list[SearchBundle]:
    """Every company and topic, then each year: its archive page and its stories, newest first.

    A year in a bundle of its own bounds what one Pagefind run holds; the browser merges the
    bundles into one newest-first list (docs/javascripts/search.js).
    """
    entities = archive.in_the_archive(archive.registry.entities())
    bundles = [SearchBundle(ENTITIES_BUNDLE, [entity_record(archive, entity) for entity in entities])]
    for year, group in groupby(archive.roundups, key=lambda roundup: roundup.date.year):
        roundups = list(group)
        size = 1 + sum(len(roundup.stories) for roundup in roundups)
        bundles.append(SearchBundle(str(year), _Made(size, partial(_year_records, archive, year, roundups))))
    return bundles


def _year_records(archive: Archive, year: int, roundups: list[Roundup]) -> list[SearchRecord]:
    """A year's page, then its stories."""
    return [year_record(year, roundups),
            *(story_record(archive, StoryRef(roundup, story)) for roundup in roundups for story in roundup.stories)]


def year_record(year: int, roundups: list[Roundup]) -> SearchRecord:
    """A year's archive page, dated before any of its stories.

    Sorted by date, Pagefind scores a result by its place among its bundle's dated records, from
    0 for the oldest; the search UI scales those places per bundle to merge the bundles, which
    works only if no story is a bundle's oldest record.
    """
    stories = sum(len(roundup.stories) for roundup in roundups)
    return SearchRecord(
        url=urls.site_path(urls.year_url(year)),
        content=f"The archive of {year}, month by month: {plural(len(roundups), 'roundup')}, "
        f"{plural(stories, 'story')}.",
        meta={"title": f"Roundups of {year}", KIND: "Year"},
        filters={"year": [str(year)]},
        sort={"date": f"{year}-00-00"},
    )


def bundle_list(bundles: Sequence[SearchBundle]) -> str:
    """The list of the bundles merged into the first (``urls.SEARCH_BUNDLES``): each one's folder and size."""
    return json.dumps([[bundle.name, len(bundle.records)] for bundle in bundles[1:]])


def story_record(archive: Archive, ref: StoryRef) -> SearchRecord:
    roundup, story = ref.roundup, ref.story
    tagged = [entity for entity in map(archive.registry.get, (*story.companies, *story.topics)) if entity]
    return SearchRecord(
        url=urls.site_path(urls.story_url(roundup, story)),
        content=_findable(story_text(roundup, story), story.title, long_date(roundup.date)),
        meta={"title": story.title, "date": long_date(roundup.date), TAGS: " ".join(_names(tagged)),
              **({LABEL: "AI-generated"} if roundup.by_machine(story) else {})},
        filters={
            **{kind.label.lower(): [e.display for e in tagged if isinstance(e, kind)] for kind in (Topic, Company)},
            "year": [str(roundup.date.year)],
        },
        sort={"date": roundup.date.isoformat()},
    )


def _findable(*texts: str) -> str:
    """The first of ``texts`` with a letter or a digit, which Pagefind indexes as a word.

    Pagefind leaves out a record whose content has no word, whatever its meta fields hold: a story
    whose text is only a picture without a description, an arrow link or a dash would be found by
    nothing, not even its headline. The last text always has one (a date).
    """
    return next((text for text in texts if any(char.isalnum() for char in text)), texts[-1])


def entity_record(archive: Archive, entity: Entity) -> SearchRecord:
    """A company's or topic's page, found by any of its names."""
    chinese = f" ({entity.name_zh})" if entity.name_zh else ""
    facts = [f"{entity.label}: {entity.name}{chinese}.", entity.description]
    if isinstance(entity, Company):
        facts += [
            f"Also known as {', '.join(entity.aliases)}." if entity.aliases else "",
            f"Listed as {', '.join(entity.tickers)}." if entity.tickers else "",
            f"Based in {entity.hq}." if entity.hq else "",
        ]
    facts.append(f"{plural(len(archive.stories_of(entity.slug)), 'story')} in the archive.")
    return SearchRecord(
        url=urls.site_path(urls.entity_url(entity)),
        content=" ".join(fact for fact in facts if fact),
        meta={"title": f"{entity.display}{chinese}", KIND: entity.label, NAMES: " ".join(_names([entity]))},
        filters={entity.label.lower(): [entity.display]},
    )


def _names(entities: list[Entity]) -> list[str]:
    """Every name of ``entities`` a reader may search for, each once."""
    return list(dict.fromkeys(name for entity in entities for name in entity.names))
