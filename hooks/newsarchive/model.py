"""The archive's content as plain, frozen data: what parse and validate produce."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

CJK_START = 0x2E80
"""Scripts from here on (Chinese, Japanese, Korean) are written without spaces between words."""


def is_cjk(text: str) -> bool:
    """Whether ``text`` has a character of a CJK script."""
    return any(ord(char) >= CJK_START for char in text)


@dataclass(frozen=True)
class Entity:
    """A registry entry: what a story's tag names, a company or a topic."""

    slug: str
    name: str
    """The full (legal) name, as on the entry's own page and in structured data."""
    name_zh: str = ""
    short: str = ""
    """The registry's display name (``short:``), if it gives one; see ``display``."""
    aliases: tuple[str, ...] = ()
    description: str = ""

    section: ClassVar[str]
    """The folder of the kind's pages: ``companies`` or ``topics``."""
    label: ClassVar[str]
    """The kind, as a reader reads it: ``Company``."""
    labels: ClassVar[str]
    """The kind in the plural: ``Companies``."""

    @cached_property
    def display(self) -> str:
        """The name chips, listings and asides show: ``short:``, else the shortest English alias,
        else the full name (``Xiaomi``, not ``Xiaomi Corp.``)."""
        english = [alias for alias in self.aliases if not is_cjk(alias)]
        return self.short or min(english, key=len, default="") or self.name

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every name a reader may know it by, each once: full, display, Chinese, aliases."""
        return tuple(dict.fromkeys(n for n in (self.name, self.display, self.name_zh, *self.aliases) if n))


@dataclass(frozen=True)
class Company(Entity):
    tickers: tuple[str, ...] = ()
    hq: str = ""
    url: str = ""

    section: ClassVar[str] = "companies"
    label: ClassVar[str] = "Company"
    labels: ClassVar[str] = "Companies"


@dataclass(frozen=True)
class Topic(Entity):
    section: ClassVar[str] = "topics"
    label: ClassVar[str] = "Topic"
    labels: ClassVar[str] = "Topics"


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
    creator: str = ""
    """Who made the picture (a photographer, an agency), where the credit line does not say it."""
    copyright: str = ""
    """The copyright notice, as the picture's licence asks for it."""


@dataclass(frozen=True)
class Source:
    """What a story (or a whole roundup) is based on: an outlet's article."""

    name: str
    """The outlet: ``TechNode``."""
    url: str = ""
    """The article itself, not the outlet's home page."""
    title: str = ""
    """The article's headline, as the outlet gave it."""
    date: dt.date | None = None
    language: str = ""
    """The article's language, as a BCP 47 code (``zh``, ``en``)."""
    cited: tuple[tuple[int, int, str], ...] = ()
    """The paragraphs a story cites of it, in order, each once: the first and last of a run
    (``[paras. 2–4]``), and the opening words an author gave (``[para. 3 "The round was"]``), for
    a link that jumps to the paragraph; "" where none were given."""


@dataclass(frozen=True)
class Original:
    """Where a republished roundup first appeared."""

    name: str
    url: str
    date: dt.date | None = None


@dataclass(frozen=True)
class Correction:
    date: dt.date
    note: str
    story: str = ""
    """The anchor of the story it corrects, if it corrects one story."""


@dataclass(frozen=True)
class Person:
    """Someone who writes, edits or reviews the archive's roundups (roundups/people.yml)."""

    slug: str
    name: str
    name_zh: str = ""
    role: str = ""
    """As the masthead gives it: ``Managing editor``."""
    bio: str = ""
    links: tuple[str, ...] = ()
    """http(s) addresses: a profile, a social account."""
    editor: bool = False
    """An editor of the archive: on the masthead, and may review machine-written stories."""


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
    sources: tuple[Source, ...] = ()
    """The sources its foot lists: its own (``Source:`` lines under its headline), or its roundup's
    ``source`` when it cites that one; none when it relies on its roundup's without citing it."""
    ai_generated: bool | None = None
    """Whether a machine wrote it (``AI-generated:`` line); None: as its roundup says."""


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
    """The default source of its stories."""
    ai_generated: bool = False
    corrections: tuple[Correction, ...] = ()
    authors: tuple[str, ...] = ()
    """Slugs of its authors in the people registry."""
    editor: str = ""
    """Slug of its editor."""
    time: dt.time | None = None
    """When on its date it was published, in the archive's time zone, if the author says."""
    reviewed_by: str = ""
    """Slug of the editor who reviewed what a machine wrote in it."""
    reviewed: dt.date | None = None
    original: Original | None = None
    """Where it first appeared, if it is republished."""

    @cached_property
    def updated(self) -> dt.date:
        """The date of the latest correction, or the roundup's own date."""
        return max([self.date, *(c.date for c in self.corrections)])

    def sources_of(self, story: Story) -> tuple[Source, ...]:
        """What ``story`` is based on: the sources its foot lists, else its roundup's."""
        return story.sources or ((self.source,) if self.source else ())

    def by_machine(self, story: Story) -> bool:
        """Whether a machine wrote ``story``: as it says, else as its roundup says."""
        return self.ai_generated if story.ai_generated is None else story.ai_generated

    @cached_property
    def machine_written(self) -> str:
        """``all``, ``some`` or ``none`` of its stories written by a machine."""
        count = sum(self.by_machine(story) for story in self.stories)
        return "none" if not count else "all" if count == len(self.stories) else "some"

    @property
    def companies(self) -> tuple[str, ...]:
        return _union(s.companies for s in self.stories)

    @property
    def topics(self) -> tuple[str, ...]:
        return _union(s.topics for s in self.stories)


def _union(groups: object) -> tuple[str, ...]:
    """Slugs of all groups, each once, in first-seen order."""
    return tuple(dict.fromkeys(slug for group in groups for slug in group))  # type: ignore[attr-defined]
