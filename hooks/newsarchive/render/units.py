"""The site's outputs in units: groups of pages and feeds rendered together from the archive.

A unit is a roundup's page, a company's or topic's pages and feeds, a month, a year, or one of the
site-wide pages. Each kind keeps its three rules together: which outputs it makes (known before
anything is rendered, so outputs can be rendered and written one unit at a time, none of them
kept), how it renders them, and which units a changed roundup reaches (a preview's rebuild renders
only those; a full build renders every unit).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import ClassVar, TypeVar

from .. import urls
from ..archive import Archive, StoryRef, around_story
from ..model import Roundup, Story
from ..urls import Address
from .corrections_page import corrections_pages
from .date_pages import archive_page, month_page, year_page
from .entity_pages import companies_index, entity_pages, topics_index
from .feeds import corrections_feed, feed_files, files_of, person_feed
from .front_page import home_page
from .layout import Page, page_count
from .not_found import suggestions_file
from .people_pages import masthead_page, person_pages
from .provenance import title_label
from .public import PublicSite
from .roundup_page import roundup_page
from .share_cards import drawn, entity_card, roundup_card, site_card

T = TypeVar("T")
FEEDS = (urls.ATOM, urls.JSON_FEED)


@dataclass
class Made:
    """What a unit renders."""

    pages: list[Page] = field(default_factory=list)
    """Without their heads (head.with_head adds them)."""
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    """Feeds (text) and pictures (bytes), by URL."""


class Unit(ABC):
    """A group of outputs rendered together. Units are values: equal units are the same unit."""

    @abstractmethod
    def addresses(self, archive: Archive) -> list[Address]:
        """Every output the unit makes (as ``render`` renders them): nothing for a unit the
        archive no longer has (a deleted roundup, a company without stories)."""

    @abstractmethod
    def render(self, archive: Archive, site: PublicSite) -> Made:
        """The unit's pages and feeds."""

    @classmethod
    @abstractmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        """The units of this kind whose output changes when ``roundup`` (as in ``archive``)
        is edited, added or deleted."""

    @classmethod
    def reached_by(cls, before: Archive, after: Archive, changed: list[tuple[Archive, Roundup]]) -> Iterable[Unit]:
        """The units of this kind whose output changes with the roundups ``changed`` (each with the
        archive, ``before`` or ``after``, that holds it as it was or is): what ``reached`` says,
        but for a roundup edited in what this kind does not show (``shows``)."""
        return [unit for archive, roundup in changed if not cls._shows_the_same(before, after, roundup.path)
                for unit in cls.reached(archive, roundup)]

    @classmethod
    def shows(cls, roundup: Roundup) -> object | None:
        """What the units of this kind show of a roundup, where it is less than all of it: an edit
        that leaves it equal reaches none of them. None (most kinds): any edit may change them."""
        return None

    @classmethod
    def _shows_the_same(cls, before: Archive, after: Archive, path: str) -> bool:
        """Whether the roundup at ``path``, in both archives, shows the same in this kind's units."""
        old, new = before.by_path.get(path), after.by_path.get(path)
        if old is None or new is None:
            return False
        shown = cls.shows(old)
        return shown is not None and shown == cls.shows(new)


def _pages(urls_: Iterable[str]) -> list[Address]:
    return [Address(url) for url in urls_]


@dataclass(frozen=True)
class RoundupUnit(Unit):
    """A roundup's page."""

    path: str

    def addresses(self, archive: Archive) -> list[Address]:
        roundup = archive.by_path.get(self.path)
        return _pages([urls.roundup_url(roundup)] if roundup else [])

    def render(self, archive: Archive, site: PublicSite) -> Made:
        roundup = archive.by_path.get(self.path)
        return Made([roundup_page(archive, roundup, site.zone)] if roundup else [])

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        """Its own page, its neighbours' (their pagers name it), and the pages of the stories next
        to its stories on each company (their threads lead to them)."""
        neighbours = (archive.older.get(roundup.path), archive.newer.get(roundup.path))
        threads = (ref.roundup for story in roundup.stories
                   for ref in _thread_neighbours(archive, StoryRef(roundup, story)))
        return [cls(other.path) for other in (roundup, *neighbours, *threads) if other]


@dataclass(frozen=True)
class EntityUnit(Unit):
    """A company's or topic's pages and feeds: every registry entry has them."""

    slug: str

    def addresses(self, archive: Archive) -> list[Address]:
        """Its pages and feeds, stories or not (entity_pages says why): nothing once the registry
        no longer holds it."""
        entity = archive.registry.get(self.slug)
        if entity is None:
            return []
        return _pages(urls.entity_urls(entity, page_count(len(archive.stories_of(self.slug))))) + [
            Address(urls.feed_url(entity, name)) for name in FEEDS]

    def render(self, archive: Archive, site: PublicSite) -> Made:
        entity = archive.registry.get(self.slug)
        if entity is None:
            return Made()
        return Made(list(entity_pages(archive, entity)), feed_files(archive, site, entity))

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        return ()  # one roundup cannot tell which of its stories changed: reached_by compares them

    @classmethod
    def reached_by(cls, before: Archive, after: Archive, changed: list[tuple[Archive, Roundup]]) -> Iterable[Unit]:
        """The companies and topics that the stories of ``changed`` that changed tag, before or
        after: a story reworded reaches its own, not every one its roundup tags."""
        paths = dict.fromkeys(roundup.path for _, roundup in changed)
        stories = [story for path in paths
                   for story in changed_stories(before.by_path.get(path), after.by_path.get(path))]
        return [cls(slug) for story in stories for slug in (*story.companies, *story.topics)]


@dataclass(frozen=True)
class MonthUnit(Unit):
    """A month's page."""

    year: int
    month: int

    def addresses(self, archive: Archive) -> list[Address]:
        return _pages([urls.month_url(self.year, self.month)] if (self.year, self.month) in archive.by_month else [])

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made([month_page(archive, self.year, self.month)] if (self.year, self.month) in archive.by_month
                    else [])

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        """Its month's page and the months on either side (their pagers name it)."""
        month = (roundup.date.year, roundup.date.month)
        return [cls(*around) for around in _with_neighbours(list(archive.by_month), month)]


@dataclass(frozen=True)
class YearUnit(Unit):
    """A year's page."""

    year: int

    def addresses(self, archive: Archive) -> list[Address]:
        return _pages([urls.year_url(self.year)] if self.year in archive.by_year else [])

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made([year_page(archive, self.year)] if self.year in archive.by_year else [])

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        """Its year's page and the years on either side (their pagers name it)."""
        return [cls(year) for year in _with_neighbours(list(archive.by_year), roundup.date.year)]


class SiteWideUnit(Unit):
    """A unit that shows something of every roundup (the newest, counts): every change reaches it."""

    urls: ClassVar[tuple[str, ...]]

    def addresses(self, archive: Archive) -> list[Address]:
        return [Address(url) for url in self.urls]

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        return [cls()]


@dataclass(frozen=True)
class HomeUnit(SiteWideUnit):
    urls = (urls.HOME,)

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made([home_page(archive, site)])


@dataclass(frozen=True)
class ArchiveUnit(SiteWideUnit):
    """The archive's index: every year a calendar of its days, each day naming its roundups."""

    urls = (urls.ARCHIVE,)

    @classmethod
    def shows(cls, roundup: Roundup) -> object | None:
        """Its day, its edition and its title with its label."""
        return roundup.date, roundup.edition, title_label(roundup) + roundup.title

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made([archive_page(archive)])


@dataclass(frozen=True)
class IndexesUnit(SiteWideUnit):
    """The indexes of every company and every topic."""

    urls = (urls.COMPANIES, urls.TOPICS)

    @classmethod
    def shows(cls, roundup: Roundup) -> object | None:
        """Its stories' tags (the indexes count the stories of each company and topic) and, for the
        topics index, which names each topic's latest story, their headlines, labels and links."""
        return roundup.date, roundup.edition, [(story.companies, story.topics, story.title, story.anchor,
                                                roundup.by_machine(story)) for story in roundup.stories]

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made([companies_index(archive, archive.in_the_archive(archive.registry.companies.values())),
                     topics_index(archive, archive.in_the_archive(archive.registry.topics.values()))])


@dataclass(frozen=True)
class SiteFeedUnit(SiteWideUnit):
    """The feeds of the whole archive."""

    urls = tuple(urls.feed_url(None, name) for name in FEEDS)

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made(files=feed_files(archive, site))


@dataclass(frozen=True)
class SuggestionsUnit(SiteWideUnit):
    """The addresses the "not found" page guesses from."""

    urls = (urls.SUGGESTIONS,)

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made(files={urls.SUGGESTIONS: suggestions_file(archive)})


@dataclass(frozen=True)
class SiteCardUnit(Unit):
    """The site's share card: its name and description, which no roundup changes."""

    def addresses(self, archive: Archive) -> list[Address]:
        return [Address(urls.SITE_CARD)]

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made(files={urls.SITE_CARD: site_card(site)})

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        return []


@dataclass(frozen=True)
class EntityCardUnit(Unit):
    """A company's or topic's share card, which it has while it has stories."""

    slug: str

    def addresses(self, archive: Archive) -> list[Address]:
        entity = archive.registry.get(self.slug)
        return [Address(urls.entity_card_url(entity))] if entity and archive.stories_of(self.slug) else []

    def render(self, archive: Archive, site: PublicSite) -> Made:
        entity = archive.registry.get(self.slug)
        if entity is None or not archive.stories_of(self.slug):
            return Made()
        return Made(files={urls.entity_card_url(entity): entity_card(entity, site)})

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        return ()  # one roundup cannot tell: reached_by compares the archives

    @classmethod
    def reached_by(cls, before: Archive, after: Archive, changed: list[tuple[Archive, Roundup]]) -> Iterable[Unit]:
        """The companies and topics the change gives their first story or takes their last from: a
        card comes and goes with them (what it shows comes from the registry, whose change renders
        everything)."""
        slugs = {slug for _, roundup in changed for story in roundup.stories
                 for slug in (*story.companies, *story.topics)}
        return [cls(slug) for slug in slugs if bool(before.stories_of(slug)) != bool(after.stories_of(slug))]


@dataclass(frozen=True)
class RoundupCardUnit(Unit):
    """A roundup's lead image drawn for sharing, where sharing sites would not show the file."""

    path: str

    def addresses(self, archive: Archive) -> list[Address]:
        roundup = archive.by_path.get(self.path)
        return [Address(urls.roundup_card_url(roundup))] if roundup and drawn(roundup) else []

    def render(self, archive: Archive, site: PublicSite) -> Made:
        roundup = archive.by_path.get(self.path)
        if roundup is None or not drawn(roundup):
            return Made()
        return Made(files={urls.roundup_card_url(roundup): roundup_card(archive, roundup, site)})

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        return [cls(roundup.path)]


# People and corrections ------------------------------------------------------------------------

@dataclass(frozen=True)
class MastheadUnit(Unit):
    """The masthead: everyone in people.yml. It shows nothing of the roundups, so only a change
    of people.yml (which renders everything) reaches it."""

    def addresses(self, archive: Archive) -> list[Address]:
        return [Address(urls.PEOPLE)]

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made([masthead_page(archive, site)])

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        return []


@dataclass(frozen=True)
class PersonUnit(Unit):
    """A person's pages and feeds."""

    slug: str

    def addresses(self, archive: Archive) -> list[Address]:
        person = archive.registry.people.get(self.slug)
        if person is None:
            return []
        pages = page_count(len(archive.by_person.get(self.slug, [])))
        return _pages(urls.person_url(person, number) for number in range(1, pages + 1)) + [
            Address(urls.feed_beside(urls.person_url(person), name)) for name in FEEDS]

    def render(self, archive: Archive, site: PublicSite) -> Made:
        person = archive.registry.people.get(self.slug)
        if person is None:
            return Made()
        return Made(list(person_pages(archive, person)), files_of(person_feed(archive, site, person)))

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        """The people who wrote and edited it."""
        return [cls(slug) for slug in (*roundup.authors, roundup.editor) if slug]


class CorrectedUnit(Unit):
    """A unit that shows every correction: what a roundup with corrections reaches."""

    @classmethod
    def reached(cls, archive: Archive, roundup: Roundup) -> Iterable[Unit]:
        return [cls()] if roundup.corrections else []


@dataclass(frozen=True)
class CorrectionsUnit(CorrectedUnit):
    """The corrections pages. The theme renders the first (pages under docs/ link to it), so the
    feeds are a unit of their own, as the home page's are."""

    def addresses(self, archive: Archive) -> list[Address]:
        pages = page_count(len(archive.corrections))
        return _pages(urls.corrections_page_url(number) for number in range(1, pages + 1))

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made(list(corrections_pages(archive, site)))


@dataclass(frozen=True)
class CorrectionsFeedUnit(CorrectedUnit):
    """The feeds of every correction."""

    def addresses(self, archive: Archive) -> list[Address]:
        return [Address(urls.feed_beside(urls.CORRECTIONS_PAGE, name)) for name in FEEDS]

    def render(self, archive: Archive, site: PublicSite) -> Made:
        return Made(files=files_of(corrections_feed(archive, site)))


KINDS: tuple[type[Unit], ...] = (
    HomeUnit, ArchiveUnit, IndexesUnit, MastheadUnit, CorrectionsUnit, YearUnit, MonthUnit, EntityUnit, PersonUnit,
    RoundupUnit, SiteFeedUnit, CorrectionsFeedUnit, SuggestionsUnit, SiteCardUnit, EntityCardUnit, RoundupCardUnit)
"""Every kind of unit, a page's parents before it (breadcrumbs name them)."""


def all_units(archive: Archive) -> list[Unit]:
    """Every unit of the archive, a page's parents before it."""
    return [
        HomeUnit(),
        ArchiveUnit(),
        IndexesUnit(),
        MastheadUnit(),
        CorrectionsUnit(),
        *(YearUnit(year) for year in archive.by_year),
        *(MonthUnit(year, month) for year, month in archive.by_month),
        *(EntityUnit(e.slug) for e in archive.registry.entities()),
        *(PersonUnit(slug) for slug in archive.registry.people.persons),
        *(RoundupUnit(r.path) for r in archive.roundups),
        SiteFeedUnit(),
        CorrectionsFeedUnit(),
        SuggestionsUnit(),
        SiteCardUnit(),
        *(EntityCardUnit(e.slug) for e in archive.registry.entities()),
        *(RoundupCardUnit(r.path) for r in archive.roundups),
    ]


def affected(before: Archive, after: Archive, paths: Iterable[str]) -> set[Unit]:
    """The units whose output a change of the roundups at ``paths`` (edited, added or deleted)
    can change, as the archive was ``before`` and is ``after``: what each kind says the change
    reaches, in either archive."""
    changed = [(archive, roundup) for archive in (before, after) for path in paths
               if (roundup := archive.by_path.get(path))]
    return {unit for kind in KINDS for unit in kind.reached_by(before, after, changed)}


def changed_stories(before: Roundup | None, after: Roundup | None) -> list[Story]:
    """The stories of a roundup, as it was ``before`` and is ``after`` an edit (None: it was added
    or deleted), whose entries and feed items the edit changes: those that differ; all of them when
    stories came, went or moved, or the rest of the roundup changed (its date, title or labels
    show with each of its stories)."""
    if before is None or after is None:
        return [story for roundup in (before, after) if roundup is not None for story in roundup.stories]
    if (replace(before, stories=()) != replace(after, stories=())
            or [story.anchor for story in before.stories] != [story.anchor for story in after.stories]):
        return [*before.stories, *after.stories]
    return [story for pair in zip(before.stories, after.stories, strict=True) if pair[0] != pair[1] for story in pair]


def _with_neighbours(items: Sequence[T], item: T) -> Sequence[T]:
    """``item`` and the items on either side of it in ``items``."""
    position = items.index(item)
    return items[max(0, position - 1) : position + 2]


def _thread_neighbours(archive: Archive, ref: StoryRef) -> list[StoryRef]:
    """The stories just before and after ``ref`` on each of its companies (their threads lead to it)."""
    found = []
    for slug in ref.story.companies:
        found += [other for other in around_story(archive.by_company[slug], archive.place(slug, ref)) if other]
    return found
