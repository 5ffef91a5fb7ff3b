"""What the site search indexes: one document per roundup, one record per company, topic and year.

A roundup is indexed as a document of its stories alone (``SearchPage``), each story an ``<h2>``
with its anchor's id: Pagefind's sub-results of a found roundup are the stories its words are in,
and each result leads to its story. Navigation, tag chips and footers stay out of the index by
construction. One document a roundup rather than one record a story: Pagefind's index of a year
lists each of its records (``pf_meta``, which a search fetches of every year), and a year of
8-story roundups as 3,000 story records made that list 29 KB a year (5 KB as 365 roundups), and
took Pagefind twice the time to index.

A roundup's ``tags`` meta holds the names, Chinese names and aliases of everything its stories
are tagged with, so a reader finds a story by any of them even where its text spells none.
Pagefind matches a word by its prefix, and in English text a run of Chinese characters is one
word: listed on their own, 小米集团 is found by 小米 and by 小米集团, whatever the text runs them
into. Every meta key is searched; a result shows ``title``, ``date``, ``kind`` and ``label``
(docs/javascripts/search.js), not ``names`` or ``tags``; a roundup's ``title`` is its headlines.
After each story's text come the names of what it is tagged with: a story is found by them, and
the result leads to it. What search.js needs of each story (what it is tagged with, whether a
machine wrote it: for the filters and the AI label of each story) is in an empty mark after its
headline (``roundup_page``).

Besides the bundles, the words of each older year bundle's headlines that have no Latin letter or
digit (``older_headline_words``) tell the browser which older years could have such a word of a
query (a company's Chinese name) in a headline, without searching them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from html import escape
from itertools import groupby
from typing import overload
from urllib.parse import quote

from .. import urls
from ..archive import Archive
from ..dates import long_date
from ..model import Company, Entity, Roundup, Topic
from .html import plural
from .provenance import story_text

ENTITIES_BUNDLE = ""
"""The first bundle, of companies and topics (in ``pagefind/`` itself); the others are years."""
NAMES = "names"
"""Meta key of a company's or topic's own names; searched, not shown; a match ranks first."""
TAGS = "tags"
"""Meta key of the names of what a roundup's stories are tagged with; searched, not shown."""
KIND = "kind"
"""Meta key of what a result other than a roundup is, shown above its title where a story's date
is: ``Company``, ``Topic`` or ``Year``; a result without one is a roundup."""


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
    """``date`` (ISO) of a year's page, dated before its roundups (``year_record``)."""


@dataclass(frozen=True)
class SearchPage:
    """A roundup's stories as one HTML document for Pagefind: each story an ``<h2>`` with its
    anchor's id, so that a result's sub-results lead to the stories its words are in. What a
    result needs to know of each story (what it is tagged with, whether a machine wrote it) is
    an empty element with an id after its headline, which Pagefind lists among the page's
    anchors in the order of the document."""

    url: str
    html: str


@dataclass(frozen=True)
class SearchBundle:
    """Records the browser loads as one Pagefind bundle (see hooks/search_index.py for why several)."""

    name: str
    """The bundle's folder under ``pagefind/``: "" for the first, else ``bundle_name``'s."""
    records: Sequence[SearchRecord | SearchPage]
    headline_words: Callable[[], tuple[str, ...]] = tuple
    """Of a year bundle, makes the words of its headlines without a Latin letter or digit
    (``_unstemmed``): once its index is written (``older_headline_words``), not as a build starts."""


class _Made(Sequence[SearchRecord | SearchPage]):
    """Records of a known number, made when first read: the build starts indexing the first
    bundle while Pagefind's thread makes the next ones.

    Going through them (Pagefind's thread does, once a bundle) makes them anew and keeps none:
    each year's records, with every story's text, kept to the end of a build held 64 MB at ten
    years. Reading one by its place makes them once and keeps them."""

    def __init__(self, size: int, make: Callable[[], list[SearchRecord | SearchPage]]) -> None:
        self._size, self._make = size, make
        self._kept: list[SearchRecord | SearchPage] | None = None

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[SearchRecord | SearchPage]:
        return iter(self._make() if self._kept is None else self._kept)

    @overload
    def __getitem__(self, index: int) -> SearchRecord | SearchPage: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[SearchRecord | SearchPage]: ...
    def __getitem__(self, index: int | slice) -> SearchRecord | SearchPage | Sequence[SearchRecord | SearchPage]:
        if self._kept is None:
            self._kept = self._make()
        return self._kept[index]


def search_bundles(archive: Archive) -> list[SearchBundle]:
    """Every company and topic, then the newest year's roundups, then the older years' two by two
    (``bundle_name``), newest first; each year's page before its roundups.

    A bundle of one or two years bounds what one Pagefind run holds (about 170 MB a year); the
    browser merges the bundles into one newest-first list (docs/javascripts/search.js). A whole
    query fetches of each bundle its ``pf_meta`` and the index chunk of each word: two years a
    bundle fetch half the chunks of the older years (about 2 KB a year less).
    """
    entities = archive.in_the_archive(archive.registry.entities())
    bundles = [SearchBundle(ENTITIES_BUNDLE, [entity_record(archive, entity) for entity in entities])]
    by_year = [(year, list(group)) for year, group in groupby(archive.roundups, key=lambda roundup: roundup.date.year)]
    for name, years in groupby(by_year, key=lambda item: bundle_name(archive, item[0])):
        group = list(years)
        size = sum(1 + len(roundups) for _, roundups in group)
        bundles.append(SearchBundle(name, _Made(size, partial(_years_records, archive, group)),
                                    partial(_headline_words, group)))
    return bundles


def bundle_name(archive: Archive, year: int) -> str:
    """The folder of the search bundle of ``year``'s roundups: the newest year's own, and for the
    years before it, the even year and the odd one after it (``2022-2023``), which keeps the
    names as years pass (but for the newest year's and its pair's)."""
    newest = newest_year(archive)
    if newest in (None, year):
        return str(year)
    first = year - year % 2
    return "-".join(str(one) for one in (first, first + 1) if one != newest)


def newest_year(archive: Archive) -> int | None:
    """The year of the newest roundup, whose bundle is searched first and alone."""
    return archive.roundups[0].date.year if archive.roundups else None


YEARS_FOLDER = re.compile(r"\d{4}(-\d{4})?")
"""The name of a bundle's folder (``bundle_name``) among Pagefind's own folders of the first bundle."""


def _years_records(archive: Archive, years: list[tuple[int, list[Roundup]]]) -> list[SearchRecord | SearchPage]:
    """Each year's page, then its roundups, newest year first."""
    records: list[SearchRecord | SearchPage] = []
    for year, roundups in years:
        records.append(year_record(year, roundups))
        records += (roundup_page(archive, roundup) for roundup in roundups)
    return records


def roundup_page(archive: Archive, roundup: Roundup) -> SearchPage:
    """The document Pagefind indexes for ``roundup``: its stories, and around them (not searched
    as text) its date, its filters and the names of everything its stories are tagged with."""
    tagged: list[Entity] = []
    stories = []
    for story in roundup.stories:
        entities = [entity for entity in map(archive.registry.get, (*story.companies, *story.topics)) if entity]
        tagged += entities
        facts = [f"{entity.label.lower()}:{quote(entity.display, safe='')}" for entity in entities]
        if roundup.by_machine(story):
            facts.append(AI_FACT)
        names = " ".join(_names(entities))
        stories.append(f'<h2 id="{escape(story.anchor)}">{escape(story.title)}</h2>'
                       + f'<s id="{escape(FACTS.join(facts))}"></s>'
                       + f"<p>{escape(story_text(roundup, story))}</p>"
                       + f'<p data-pagefind-weight="{NAMES_WEIGHT}">{escape(names)}</p>')
    filters = {**{kind.label.lower(): list(dict.fromkeys(e.display for e in tagged if isinstance(e, kind)))
                  for kind in (Topic, Company)}, "year": [str(roundup.date.year)]}
    around = [_field("meta", "title", HEADLINES.join(story.title for story in roundup.stories)),
              _field("meta", "date", long_date(roundup.date)), _field("meta", TAGS, " ".join(_names(tagged))),
              _field("sort", "date", roundup.date.isoformat()),
              *(_field("filter", name, value) for name, values in filters.items() for value in values)]
    body = f'<main data-pagefind-body>{"".join(stories)}</main>'
    return SearchPage(url=urls.site_path(urls.roundup_url(roundup)),
                      html=f'<html><body>{"".join(around)}{body}</body></html>')  # its language: the index's


def _headline_words(years: list[tuple[int, list[Roundup]]]) -> tuple[str, ...]:
    """The words of the headlines of ``years`` without a Latin letter or digit (their year pages'
    titles, "Roundups of 2021", have none)."""
    return _unstemmed(story.title for _, roundups in years for roundup in roundups for story in roundup.stories)


def _unstemmed(headlines: Iterable[str]) -> tuple[str, ...]:
    """Every word without a Latin letter or digit that Pagefind could hold of ``headlines``, sorted.

    Pagefind stems a word with Latin letters only (its English stemmer changes nothing else), so
    a word of a query without one matches a headline's word when either starts with the other:
    a word that starts with the query's, or the query's longest start that a word of the year is,
    which Pagefind takes where no word starts with the query's (of the index chunks it has
    loaded, which differ from one search to the next). Pagefind holds each run between spaces
    (without its punctuation) and, where that has a sign in it, its parts: cut at the signs, and
    within those where a letter turns to a digit or lower case to upper, a symbol or emoji a word
    of its own; each in lower case without diacritics. Listed here, so as to hold all of those:
    the run without punctuation and without any sign, each symbol, and every stretch of a part
    between two of the places where its kind of character changes (``_cuts``). Of a word with a
    digit, its stretch before the digit is listed; a query's word with a digit is searched in
    every year."""
    words: set[str] = set()
    for token in set(_NOT_LATIN.findall(" ".join(headlines))):  # not most words of an English headline
        found = ["".join(char for char in token if unicodedata.category(char) not in _DROPPED),
                 _SIGN.sub("", token), *(char for char in token if unicodedata.category(char).startswith("S"))]
        for part in _SIGN.split(token):
            cuts = [0, *_cuts(part), len(part)]
            found += (part[start:stop] for at, start in enumerate(cuts) for stop in cuts[at + 1:])
        for word in found:
            plain = "".join(char for char in unicodedata.normalize("NFD", word.lower())
                            if not unicodedata.category(char).startswith("M"))
            if plain and not _LATIN.search(plain) and "digit" not in map(_kind, plain):
                words.add(plain)
    return tuple(sorted(words))


def _cuts(part: str) -> list[int]:
    """Where the kind of character changes: a letter to a digit or back, a cased letter to an
    uncased one or back, lower case to upper, and before the last of two capitals or more that
    lower case follows ("HTML|Parser")."""
    kinds = [_kind(char) for char in part]
    cuts = set()
    for at in range(1, len(part)):
        if (kinds[at - 1], kinds[at]) == ("upper", "lower"):
            if at > 1 and kinds[at - 2] == "upper":
                cuts.add(at - 1)
        elif kinds[at] != kinds[at - 1]:
            cuts.add(at)
    return sorted(cuts)


def _kind(char: str) -> str:
    if unicodedata.category(char).startswith("N"):
        return "digit"
    return "upper" if char.isupper() else "lower" if char.islower() else "other"


_DROPPED = {"Pd", "Pe", "Pf", "Pi", "Po", "Ps"}
"""The punctuation Pagefind drops from a query (search.js's DROPPED)."""
_SIGN = re.compile(r"[^\w\s]|_")
"""What is not a letter or a digit: where Pagefind cuts a word into its parts."""
_LATIN = re.compile("[a-z]")
_NOT_LATIN = re.compile(r"\S*[^\sA-Za-z]\S*")
"""A run between spaces that is not of Latin letters alone."""


def _field(kind: str, name: str, value: str) -> str:
    return f'<span data-pagefind-{kind}="{name}">{escape(value)}</span>'


HEADLINES = " · "
"""Between the headlines of a roundup's ``title`` meta: searched, so that a roundup whose headline
holds a word ranks above those whose text does; the results show each story's own headline."""
NAMES_WEIGHT = 0.1
"""The weight of the names after a story's text: a story is found by them, but its excerpt is
taken from its text where the word is in it too (Pagefind takes it where the weights are)."""
FACTS = "|"
"""Between the facts of a story in the id of its mark: one mark a story (an anchor in Pagefind's
fragment of the roundup costs 50 bytes), each fact's value percent-encoded."""
AI_FACT = "ai"
"""The id of the mark after the headline of a story a machine wrote."""


def year_record(year: int, roundups: list[Roundup]) -> SearchRecord:
    """A year's archive page, dated before any of its stories.

    Sorted by date, Pagefind scores a result by its place among its bundle's dated records, from
    0 for the oldest; the search UI scales those places per bundle to merge the bundles, which
    works only if no roundup is a bundle's oldest record.
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
    """What the browser merges into the first bundle (``urls.SEARCH_BUNDLES``): the years' bundles,
    each one's folder and size; and where there are older years, the address of their headlines'
    words (``older_headline_words``) in the search index's folder."""
    older = {"older": urls.SEARCH_OLDER_WORDS.removeprefix(urls.SEARCH)} if _older(bundles) else {}
    return json.dumps({"years": [[bundle.name, len(bundle.records)] for bundle in bundles[1:]], **older})


def older_headline_words(bundles: Sequence[SearchBundle]) -> dict[str, str]:
    """The words without a Latin letter or digit of the headlines of each year bundle but the
    newest's, by bundle, in a file for each first character (its code point in hex, ``5c0f.json``
    in ``urls.SEARCH_OLDER_WORDS``): a word of a query can match only words with its own first
    character, so the browser fetches one small file a word, whatever the archive's age, and only
    when it must know whether an older year could have the word in a headline (search.js)."""
    by_first: dict[str, dict[str, list[str]]] = {}
    for bundle in _older(bundles):
        for word in bundle.headline_words():
            by_first.setdefault(word[0], {}).setdefault(bundle.name, []).append(word)
    return {f"{ord(first):x}.json": json.dumps(held, ensure_ascii=False, separators=(",", ":"))
            for first, held in by_first.items()}


def _older(bundles: Sequence[SearchBundle]) -> Sequence[SearchBundle]:
    """The bundles of the years before the newest (after the companies' and topics', the newest's)."""
    return bundles[2:]


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
