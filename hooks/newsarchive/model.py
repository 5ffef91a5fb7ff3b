"""The archive's content as plain, frozen data: what parse and validate produce."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Company:
    slug: str
    name: str
    name_zh: str = ""
    aliases: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    hq: str = ""
    url: str = ""
    description: str = ""

    kind = "company"


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    name_zh: str = ""
    description: str = ""

    kind = "topic"


Entity = Company | Topic
"""A registry entry: what a story's tag names."""


@dataclass(frozen=True)
class Image:
    src: str
    """A path under ``docs/`` (site-relative) or an http(s) URL."""
    alt: str
    credit: str = ""
    caption: str = ""
    width: int = 0
    """Pixel size read from a local file, so the page keeps its place while the image loads."""
    height: int = 0


@dataclass(frozen=True)
class Source:
    name: str
    url: str = ""


@dataclass(frozen=True)
class Correction:
    date: dt.date
    note: str


@dataclass(frozen=True)
class Story:
    title: str
    anchor: str
    companies: tuple[str, ...]
    """Slugs of the tagged companies, in the order the author wrote them."""
    topics: tuple[str, ...]
    body: str
    """The story's Markdown, without its heading and Tags line."""
    line: int
    """Line of the story's heading in its roundup file."""
    not_about: tuple[str, ...] = ()
    """Companies the story names but is not about (``; not about:`` on its Tags line)."""


@dataclass(frozen=True)
class Roundup:
    path: str
    """Repository-relative source path, e.g. ``roundups/2024/2024-03-12.md``."""
    date: dt.date
    edition: str
    """The file name's suffix for a second edition of the day (``evening``), else ``""``."""
    title: str
    summary: str
    intro: str
    """Markdown before the first story."""
    stories: tuple[Story, ...]
    image: Image | None = None
    source: Source | None = None
    ai_generated: bool = False
    corrections: tuple[Correction, ...] = ()

    @property
    def updated(self) -> dt.date:
        """The date of the latest correction, or the roundup's own date."""
        return max([self.date, *(c.date for c in self.corrections)])

    @property
    def companies(self) -> tuple[str, ...]:
        return _union(s.companies for s in self.stories)

    @property
    def topics(self) -> tuple[str, ...]:
        return _union(s.topics for s in self.stories)


def _union(groups: object) -> tuple[str, ...]:
    """Slugs of all groups, each once, in first-seen order."""
    return tuple(dict.fromkeys(slug for group in groups for slug in group))  # type: ignore[attr-defined]
