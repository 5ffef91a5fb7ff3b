"""Atom and JSON Feed 1.1 feeds: the whole archive's roundups, and each company's and topic's stories.

Every feed is written in both formats from one ``Feed`` value, so the two always agree. Entries
keep the id they were first published with (see ``PublicSite.tag``); ``updated`` moves only when
a correction is added, which feed readers show as an update.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from .. import urls
from ..archive import Archive, CorrectionRef, StoryRef
from ..dates import Zone, long_date, stamp
from ..model import Entity, Person, Roundup
from .html import esc
from .notices import corrected_line, corrections_note
from .provenance import (
    ai_notice,
    intro_html,
    original_note,
    source_note,
    story_html,
    story_sources,
    title_label,
)
from .public import PublicSite, xml_document

SITE_LIMIT = 50
"""Entries of the site feed: the newest roundups."""
ENTRY_LIMIT = 10
"""Entries of a company's, topic's or person's feed: the newest, as jekyll-feed keeps (the RSS
plugin of MkDocs keeps 20). A feed reader keeps what it has seen; a new follower finds the rest
on the page the feed follows. With 20 each, the feeds of a registry of 400 entries were 29 MB of
the site, an eighth of it at ten years."""
_ATOM_NS = "http://www.w3.org/2005/Atom"
_JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def feed_title(entity: Entity | None, site: PublicSite) -> str:
    return titled(entity.display if entity else "", site)


def titled(name: str, site: PublicSite) -> str:
    """The title of the feeds that follow ``name`` (a company, a person…): ``Xiaomi · Archive``;
    the site's name alone for the site's feeds (``name`` empty)."""
    return f"{name} · {site.name}" if name else site.name


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    """Absolute, or relative to the feed when the site's address is unknown."""
    title: str
    published: dt.date
    updated: dt.date
    content: str
    """HTML."""
    base: str
    """The page that links inside ``content`` are relative to (they are absolute when site_url is set)."""
    summary: str = ""
    image: str = ""
    tags: tuple[str, ...] = ()
    via: str = ""
    """Where a republished roundup first appeared (Atom ``rel="via"``, JSON Feed ``external_url``)."""
    time: dt.time | None = None
    """When on its day it was published (its roundup's ``time:``), if the author says."""
    authors: tuple[tuple[str, str], ...] = ()
    """Its roundup's authors: each one's name and page."""


@dataclass(frozen=True)
class Feed:
    folder: str
    """Site-relative folder of the feed and of the page it follows: ``""`` or ``companies/xiaomi/``."""
    title: str
    description: str
    entries: list[Entry]
    page_url: str
    atom_url: str
    json_url: str
    author: str
    """The archive itself (its editors answer for every roundup), or the person a feed follows."""
    author_url: str
    language: str
    zone: Zone
    """Where the entries' days begin (they carry a date, and an hour only when the author gives one)."""

    def published(self, entry: Entry) -> dt.datetime:
        return self.zone.at(entry.published, entry.time)

    def changed(self, entry: Entry) -> dt.datetime:
        """When the entry last changed: its publication, or the start of the day of its latest correction."""
        return self.published(entry) if entry.updated == entry.published else self.zone.at(entry.updated)

    @property
    def updated(self) -> dt.datetime:
        return max((self.changed(e) for e in self.entries), default=self.zone.at(dt.date(1970, 1, 1)))


def feed_files(archive: Archive, site: PublicSite, entity: Entity | None = None) -> dict[str, str]:
    """The files of one feed, Atom and JSON Feed, by their URI: the site's roundups (``feed.xml``),
    or a company's or topic's stories (``companies/xiaomi/feed.xml``)."""
    return files_of(entity_feed(archive, site, entity) if entity else site_feed(archive, site))


def files_of(feed: Feed) -> dict[str, str]:
    """A feed's files, Atom and JSON Feed, by their URI (beside the page it follows)."""
    return {urls.feed_beside(feed.folder, urls.ATOM): atom(feed), urls.feed_beside(feed.folder, urls.JSON_FEED):
            json_feed(feed)}


def site_feed(archive: Archive, site: PublicSite) -> Feed:
    """The newest roundups, each whole."""
    entries = _Entries(archive, site)
    return _feed(site, urls.HOME, feed_title(None, site), "Every roundup of the archive, newest first",
                 [entries.roundup(r, urls.HOME) for r in archive.roundups[:SITE_LIMIT]])


def entity_feed(archive: Archive, site: PublicSite, entity: Entity) -> Feed:
    """A company's or topic's newest stories."""
    entries = _Entries(archive, site)
    description = entity.description or f"Stories about {entity.display} from the archive's roundups"
    refs = archive.stories_of(entity.slug)[:ENTRY_LIMIT]
    folder = urls.followed_url(entity)
    return _feed(site, folder, feed_title(entity, site), description, [entries.story(ref, folder) for ref in refs])


def person_feed(archive: Archive, site: PublicSite, person: Person) -> Feed:
    """The newest roundups a person wrote or edited, each whole."""
    entries, folder = _Entries(archive, site), urls.person_url(person)
    return _feed(site, folder, titled(person.name, site), person.bio or f"Roundups by {person.name}",
                 [entries.roundup(r, folder) for r in archive.by_person.get(person.slug, [])[:ENTRY_LIMIT]],
                 author=(person.name, site.link(folder, folder)))


def corrections_feed(archive: Archive, site: PublicSite) -> Feed:
    """The newest corrections, each leading to the story (or roundup) it corrects."""
    entries, folder = _Entries(archive, site), urls.CORRECTIONS_PAGE
    return _feed(site, folder, titled("Corrections", site), "Every correction to the archive's roundups, newest first",
                 [entries.correction(ref, folder) for ref in archive.corrections[:SITE_LIMIT]])


def _feed(site: PublicSite, folder: str, title: str, description: str, entries: list[Entry],
          author: tuple[str, str] | None = None) -> Feed:
    """The feed beside the page at ``folder``; its author the archive, unless a person's given."""
    name, author_url = author or (site.name, site.link(urls.HOME, folder))
    return Feed(
        folder, title, description, entries,
        page_url=site.link(folder, folder),
        atom_url=site.link(urls.feed_beside(folder, urls.ATOM), folder),
        json_url=site.link(urls.feed_beside(folder, urls.JSON_FEED), folder),
        author=name,
        author_url=author_url,
        language=site.language,
        zone=site.zone,
    )


class _Entries:
    """Feed entries of roundups and stories (each story's text is converted once, however many
    feeds carry it). A title says first what a machine wrote: a feed reader may show only titles."""

    def __init__(self, archive: Archive, site: PublicSite) -> None:
        self.archive, self.site = archive, site

    def roundup(self, roundup: Roundup, folder: str) -> Entry:
        """A roundup, whole, for the feed in ``folder``."""
        url, image = urls.roundup_url(roundup), roundup.image
        figure = f'<p><img src="{esc(self.site.link(image.src, url))}" alt="{esc(image.alt)}"></p>' if image else ""
        stories = "".join(f"<h2>{esc(s.title)}</h2>{'<p><em>AI-generated</em></p>' if roundup.by_machine(s) else ''}"
                          f"{story_html(roundup, s)}{story_sources(roundup, s)}" for s in roundup.stories)
        return Entry(
            id=self.site.tag(roundup.date, url, folder),
            url=self.site.link(url, folder),
            title=title_label(roundup) + roundup.title,
            published=roundup.date,
            updated=roundup.updated,
            content=f"{ai_notice(roundup)}{original_note(roundup)}<p><strong>{esc(roundup.summary)}</strong></p>"
            f"{figure}{intro_html(roundup)}{stories}{source_note(roundup)}{corrections_note(roundup)}",
            base=self.site.link(url, folder),
            summary=roundup.summary,
            image=self.site.link(image.src, folder) if image else "",
            tags=self._tag_names((*roundup.companies, *roundup.topics)),
            via=roundup.original.url if roundup.original else "",
            time=roundup.time,
            authors=self._authors(roundup, folder),
        )

    def story(self, ref: StoryRef, folder: str) -> Entry:
        """A story for the feed in ``folder``; its roundup's title, date and corrections as context."""
        roundup, story = ref.roundup, ref.story
        url, page = urls.story_url(roundup, story), urls.roundup_url(roundup)
        context = (
            f'<p>From the roundup <a href="{esc(self.site.link(page, page))}">{esc(roundup.title)}</a> '
            f"of {esc(long_date(roundup.date))}.</p>"
        )
        return Entry(
            id=self.site.tag(roundup.date, url, folder),
            url=self.site.link(url, folder),
            title=title_label(roundup, story) + story.title,
            published=roundup.date,
            updated=roundup.updated,
            content=f"{ai_notice(roundup) if roundup.by_machine(story) else ''}{story_html(roundup, story)}"
            f"{story_sources(roundup, story) or source_note(roundup)}{context}"
            f"{corrected_line(roundup, self.site.link(urls.corrections_url(roundup), folder))}",
            base=self.site.link(page, folder),
            tags=self._tag_names((*story.companies, *story.topics)),
            time=roundup.time,
            authors=self._authors(roundup, folder),
        )

    def correction(self, ref: CorrectionRef, folder: str) -> Entry:
        """A correction for the feed in ``folder``, dated the day it was made, leading to what it corrects."""
        roundup, story, correction = ref.roundup, ref.story, ref.correction
        page = urls.roundup_url(roundup)
        target = urls.story_url(roundup, story) if story else urls.correction_url(roundup, ref.number)
        what = f"the story {esc(story.title)} in the roundup" if story else "the roundup"
        context = (f'<p>Corrected {what} <a href="{esc(self.site.link(page, page))}">{esc(roundup.title)}</a> '
                   f"of {esc(long_date(roundup.date))}.</p>")
        return Entry(
            id=self.site.tag(correction.date, urls.correction_url(roundup, ref.number), folder),
            url=self.site.link(target, folder),
            title=f"Correction: {story.title if story else roundup.title}",
            published=correction.date,
            updated=correction.date,
            content=f"<p>{esc(correction.note)}</p>{context}",
            base=self.site.link(page, folder),
            summary=correction.note,
        )

    def _authors(self, roundup: Roundup, folder: str) -> tuple[tuple[str, str], ...]:
        people = self.archive.registry.people
        return tuple((person.name, self.site.link(urls.person_url(person), folder))
                     for slug in roundup.authors if (person := people.get(slug)) is not None)

    def _tag_names(self, slugs: tuple[str, ...]) -> tuple[str, ...]:
        entities = (self.archive.registry.get(slug) for slug in slugs)
        return tuple(e.name for e in entities if e is not None)


# Formats ----------------------------------------------------------------------------------------

def atom(feed: Feed) -> str:
    """The feed as an Atom (RFC 4287) document."""
    root = etree.Element("feed", {"xmlns": _ATOM_NS, "xml:lang": feed.language})
    _text(root, "id", feed.page_url)
    _text(root, "title", feed.title)
    _text(root, "subtitle", feed.description)
    _text(root, "updated", stamp(feed.updated))
    etree.SubElement(root, "link", rel="self", type="application/atom+xml", href=feed.atom_url)
    etree.SubElement(root, "link", rel="alternate", type="text/html", href=feed.page_url)
    author = etree.SubElement(root, "author")
    _text(author, "name", feed.author)
    _text(author, "uri", feed.author_url)
    for entry in feed.entries:
        element = etree.SubElement(root, "entry")
        _text(element, "id", entry.id)
        _text(element, "title", entry.title)
        etree.SubElement(element, "link", rel="alternate", type="text/html", href=entry.url)
        if entry.via:
            etree.SubElement(element, "link", rel="via", type="text/html", href=entry.via)
        _text(element, "published", stamp(feed.published(entry)))
        _text(element, "updated", stamp(feed.changed(entry)))
        for name, page in entry.authors:
            author = etree.SubElement(element, "author")
            _text(author, "name", name)
            _text(author, "uri", page)
        for tag in entry.tags:
            etree.SubElement(element, "category", term=tag)
        if entry.summary:
            _text(element, "summary", entry.summary)
        _text(element, "content", entry.content, {"type": "html", "xml:base": entry.base})
    return xml_document(root)


def _text(parent: etree.Element, tag: str, text: str, attrs: dict[str, str] | None = None) -> None:
    etree.SubElement(parent, tag, attrs or {}).text = text


def json_feed(feed: Feed) -> str:
    """The feed as a JSON Feed 1.1 document."""
    items = []
    for entry in feed.entries:
        item = {
            "id": entry.id,
            "url": entry.url,
            "external_url": entry.via,
            "title": entry.title,
            "content_html": entry.content,
            "summary": entry.summary,
            "image": entry.image,
            "date_published": stamp(feed.published(entry)),
            "date_modified": stamp(feed.changed(entry)),
            "authors": [{"name": name, "url": page} for name, page in entry.authors],
            "tags": list(entry.tags),
        }
        items.append({key: value for key, value in item.items() if value})
    document = {
        "version": _JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.page_url,
        "feed_url": feed.json_url,
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": feed.author, "url": feed.author_url}],
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
