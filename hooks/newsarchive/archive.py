"""The archive's indexes, computed once per build so no page walks the whole archive."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import takewhile

from .model import Roundup, Story
from .problems import Problem
from .registry import Registry
from .urls import roundup_url


@dataclass(frozen=True)
class StoryRef:
    """A story together with the roundup it appeared in."""

    roundup: Roundup
    story: Story


@dataclass
class Archive:
    registry: Registry
    roundups: list[Roundup]
    """Newest first; on one day the later edition first."""
    by_company: dict[str, list[StoryRef]] = field(default_factory=dict)
    by_topic: dict[str, list[StoryRef]] = field(default_factory=dict)
    by_year: dict[int, list[Roundup]] = field(default_factory=dict)
    by_month: dict[tuple[int, int], list[Roundup]] = field(default_factory=dict)
    older: dict[str, Roundup] = field(default_factory=dict)
    """The previous roundup of each roundup, by source path."""
    newer: dict[str, Roundup] = field(default_factory=dict)

    @property
    def story_count(self) -> int:
        return sum(len(r.stories) for r in self.roundups)

    def stories_of(self, slug: str) -> list[StoryRef]:
        """Stories tagging ``slug`` (company or topic), newest first."""
        return self.by_company.get(slug) or self.by_topic.get(slug) or []

    def busiest(self, index: dict[str, list[StoryRef]], days: int, limit: int) -> list[tuple[str, int]]:
        """The slugs with most stories in the ``days`` before the newest roundup."""
        if not self.roundups:
            return []
        since = self.roundups[0].date - dt.timedelta(days=days)
        counts = Counter(
            {slug: sum(1 for _ in takewhile(lambda r: r.roundup.date > since, refs)) for slug, refs in index.items()}
        )
        return [(slug, n) for slug, n in counts.most_common(limit) if n]


def publication_order(roundup: Roundup) -> tuple[dt.date, bool, str]:
    """Sort key: by date, the day's first edition before its later ones."""
    return (roundup.date, bool(roundup.edition), roundup.edition)


def build_archive(roundups: list[Roundup], registry: Registry) -> tuple[Archive, list[Problem]]:
    """Index ``roundups``; report two files that would publish at the same address."""
    problems: list[Problem] = []
    seen: dict[str, Roundup] = {}
    unique = []
    for roundup in sorted(roundups, key=lambda r: (publication_order(r), r.path)):
        url = roundup_url(roundup)
        if url in seen:
            problems.append(Problem(roundup.path, 1, "file", f"{seen[url].path} already publishes at /{url}",
                                    "each date has one roundup; name a second edition YYYY-MM-DD-suffix.md"))
            continue
        seen[url] = roundup
        unique.append(roundup)
    archive = Archive(registry, unique[::-1])
    by_company: dict[str, list[StoryRef]] = defaultdict(list)
    by_topic: dict[str, list[StoryRef]] = defaultdict(list)
    for position, roundup in enumerate(archive.roundups):
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
    return archive, problems
