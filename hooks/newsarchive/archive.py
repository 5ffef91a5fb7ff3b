"""The archive's indexes, computed once per build so no page walks the whole archive."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import takewhile
from typing import TypeVar

from .model import Correction, Entity, Roundup, Story
from .problems import Problem
from .registry import Registry
from .urls import Address, roundup_url

E = TypeVar("E", bound=Entity)


@dataclass(frozen=True)
class StoryRef:
    """A story together with the roundup it appeared in."""

    roundup: Roundup
    story: Story

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the story in the archive: its roundup's file and its anchor."""
        return self.roundup.path, self.story.anchor


@dataclass(frozen=True)
class Thread:
    """A story's neighbours on its lead company: the story about it just before and just after.

    The lead company is the first one on the story's Tags line; when it has no earlier (or later)
    story, the first of the story's other companies that has one stands in."""

    earlier: tuple[str, StoryRef] | None = None
    """The company's slug and its story before this one."""
    later: tuple[str, StoryRef] | None = None


@dataclass(frozen=True)
class CorrectionRef:
    """A correction together with the roundup it corrects and its place among the roundup's notes."""

    roundup: Roundup
    correction: Correction
    number: int
    """1 for the roundup's first correction."""

    @property
    def story(self) -> Story | None:
        """The story it corrects, if it names one."""
        return next((s for s in self.roundup.stories if s.anchor == self.correction.story), None)


COVERED_WITH = 8
"""Companies, and topics, listed as most often tagged together with an entry."""

@dataclass
class Archive:
    registry: Registry
    roundups: list[Roundup]
    """Newest first; on one day the later edition first."""
    by_company: dict[str, list[StoryRef]] = field(default_factory=dict)
    by_topic: dict[str, list[StoryRef]] = field(default_factory=dict)
    by_year: dict[int, list[Roundup]] = field(default_factory=dict)
    by_month: dict[tuple[int, int], list[Roundup]] = field(default_factory=dict)
    by_path: dict[str, Roundup] = field(default_factory=dict)
    """Each roundup by its source path."""
    older: dict[str, Roundup] = field(default_factory=dict)
    """The previous roundup of each roundup, by source path."""
    newer: dict[str, Roundup] = field(default_factory=dict)
    by_person: dict[str, list[Roundup]] = field(default_factory=dict)
    """The roundups each person wrote or edited, by slug, newest first."""
    corrections: list[CorrectionRef] = field(default_factory=list)
    """Every correction, newest first (by its date, then by its roundup's, the later note first)."""
    # What a page shows of one entry is computed when the page is rendered, once: a preview's
    # rebuild renders a few pages, and does not pay for the whole archive's (``inherit``).
    _together: dict[str, Counter[str]] = field(default_factory=dict, repr=False, compare=False)
    _months: dict[str, Counter[tuple[int, int]]] = field(default_factory=dict, repr=False, compare=False)
    _places: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict, repr=False, compare=False)

    def thread(self, ref: StoryRef) -> Thread | None:
        """The story's earlier and later story on its lead company (or the next of its companies
        that has one); None when it has neither."""
        earlier: tuple[str, StoryRef] | None = None
        later: tuple[str, StoryRef] | None = None
        for slug in ref.story.companies:
            before, after = around_story(self.by_company[slug], self.place(slug, ref))
            if earlier is None and before is not None:
                earlier = (slug, before)
            if later is None and after is not None:
                later = (slug, after)
        return Thread(earlier, later) if earlier or later else None

    def place(self, slug: str, ref: StoryRef) -> int:
        """Where ``ref`` is among the stories of the company ``slug`` (``by_company``), which it tags."""
        places = self._places.get(slug)
        if places is None:
            places = self._places[slug] = {other.key: index for index, other in enumerate(self.by_company[slug])}
        return places[ref.key]

    def together(self, slug: str) -> Counter[str]:
        """How many of the stories tagging ``slug`` tag each other slug too."""
        counts = self._together.get(slug)
        if counts is None:
            counts = self._together[slug] = Counter(
                other for ref in self.stories_of(slug) for other in (*ref.story.companies, *ref.story.topics)
                if other != slug)
        return counts

    def inherit(self, before: Archive, changed: set[str]) -> None:
        """Take over what ``before``, the archive of the last build, counted of its entries: this
        one differs from it by the roundups at ``changed``, whose counts are taken off and added
        again. A preview's rebuild then counts the stories of the roundups it read again, not every
        story of each entry they tag."""
        gone = build_archive([before.by_path[path] for path in changed if path in before.by_path], self.registry)
        new = build_archive([self.by_path[path] for path in changed if path in self.by_path], self.registry)
        touched = {*gone.by_company, *gone.by_topic, *new.by_company, *new.by_topic}
        for slug, counts in before._together.items():
            self._together[slug] = counts - gone.together(slug) + new.together(slug) if slug in touched else counts
        for slug, months in before._months.items():
            self._months[slug] = months - gone.months(slug) + new.months(slug) if slug in touched else months

    def months(self, slug: str) -> Counter[tuple[int, int]]:
        """The stories tagging ``slug`` per (year, month)."""
        counts = self._months.get(slug)
        if counts is None:
            counts = self._months[slug] = Counter((r.roundup.date.year, r.roundup.date.month)
                                                  for r in self.stories_of(slug))
        return counts

    @property
    def story_count(self) -> int:
        return sum(len(r.stories) for r in self.roundups)

    def stories_of(self, slug: str) -> list[StoryRef]:
        """Stories tagging ``slug`` (company or topic), newest first."""
        return self.by_company.get(slug) or self.by_topic.get(slug) or []

    def in_the_archive(self, entities: Iterable[E]) -> list[E]:
        """The ``entities`` that have stories: the indexes of companies and topics, the sitemap and
        search list only these. A registry entry without any (none yet, or its last one untagged)
        keeps its page and feeds, which say so (render/entity_pages.py)."""
        return [entity for entity in entities if self.stories_of(entity.slug)]

    def covered_with(self, slug: str, kind: Mapping[str, E]) -> list[tuple[E, int]]:
        """The entries of ``kind`` (the registry's companies or topics) most often tagged in the
        same stories as ``slug``, with how often; the most first, then by name."""
        counts = self.together(slug)
        ranked = sorted(((kind[other], n) for other, n in counts.items() if other in kind),
                        key=lambda pair: (-pair[1], pair[0].display.casefold()))
        return ranked[:COVERED_WITH]

    def busiest(self, index: dict[str, list[StoryRef]], days: int, limit: int) -> list[tuple[str, int]]:
        """The slugs with most stories in the ``days`` before the newest roundup."""
        if not self.roundups:
            return []
        since = self.roundups[0].date - dt.timedelta(days=days)
        counts = Counter(
            {slug: sum(1 for _ in takewhile(lambda r: r.roundup.date > since, refs)) for slug, refs in index.items()}
        )
        return [(slug, n) for slug, n in counts.most_common(limit) if n]


DAY_PARTS = ("morning", "noon", "midday", "afternoon", "evening", "night")
"""Words of an edition's name that tell when in the day it comes out, in the day's order."""


def publication_order(roundup: Roundup) -> tuple[dt.date, bool, int, str]:
    """Sort key: by date, the day's first edition (no suffix) before its later ones; those by the
    part of the day their name holds (``noon`` before ``evening``), then the others by name. A
    file name carries no time, and these words are how editions are named."""
    words = roundup.edition.split("-")
    part = next((DAY_PARTS.index(word) for word in words if word in DAY_PARTS), len(DAY_PARTS))
    return (roundup.date, bool(roundup.edition), part, roundup.edition)


def one_per_address(roundups: list[Roundup]) -> tuple[list[Roundup], list[Problem]]:
    """``roundups`` in publication order, the first of two that would publish at the same address
    kept and the other reported."""
    problems: list[Problem] = []
    seen: dict[str, Roundup] = {}
    unique = []
    for roundup in sorted(roundups, key=lambda r: (publication_order(r), r.path)):
        address = Address(roundup_url(roundup))
        if address.url in seen:
            problems.append(Problem(roundup.path, 1, "file", f"{seen[address.url].path} already publishes at "
                                    f"{address.path}", "each date has one roundup; name a second edition "
                                    "YYYY-MM-DD-suffix.md"))
            continue
        seen[address.url] = roundup
        unique.append(roundup)
    return unique, problems


def build_archive(roundups: list[Roundup], registry: Registry) -> Archive:
    """The indexes of ``roundups``, in publication order, one per address (``one_per_address``)."""
    archive = Archive(registry, roundups[::-1])
    by_company: dict[str, list[StoryRef]] = defaultdict(list)
    by_topic: dict[str, list[StoryRef]] = defaultdict(list)
    for position, roundup in enumerate(archive.roundups):
        archive.by_path[roundup.path] = roundup
        archive.by_year.setdefault(roundup.date.year, []).append(roundup)
        archive.by_month.setdefault((roundup.date.year, roundup.date.month), []).append(roundup)
        if position:
            archive.newer[roundup.path] = archive.roundups[position - 1]
            archive.older[archive.roundups[position - 1].path] = roundup
        for story in roundup.stories:
            ref = StoryRef(roundup, story)
            for slug in story.companies:
                by_company[slug].append(ref)
            for slug in story.topics:
                by_topic[slug].append(ref)
    archive.by_company, archive.by_topic = dict(by_company), dict(by_topic)
    _index_people(archive)
    return archive


def _index_people(archive: Archive) -> None:
    """Each person's roundups and every correction, from the archive's roundups (newest first)."""
    by_person: dict[str, list[Roundup]] = defaultdict(list)
    for roundup in archive.roundups:
        for slug in dict.fromkeys((*roundup.authors, roundup.editor)):
            if slug:
                by_person[slug].append(roundup)
        archive.corrections += [CorrectionRef(roundup, correction, number) for number, correction
                                in reversed(list(enumerate(roundup.corrections, start=1)))]
    archive.by_person = dict(by_person)
    archive.corrections.sort(key=lambda ref: ref.correction.date, reverse=True)  # stable: newest roundup first


def around_story(line: list[StoryRef], index: int) -> tuple[StoryRef | None, StoryRef | None]:
    """The stories of ``line`` (one company's, newest first) just before and just after the one at
    ``index``, from other roundups: two stories of one roundup are not earlier or later than each
    other."""
    here = line[index].roundup.path
    # By index, not over slices: a slice copies the rest of the line, for each of its stories.
    earlier = next((line[i] for i in range(index + 1, len(line)) if line[i].roundup.path != here), None)
    later = next((line[i] for i in range(index - 1, -1, -1) if line[i].roundup.path != here), None)
    return earlier, later
