"""Sitemaps for search engines, and the robots.txt that points to them.

``sitemap.xml`` replaces MkDocs' own, whose ``lastmod`` is the build date: here it is the date
the content last changed, the roundup's date or its latest correction, and for a page that lists
roundups the newest of them; the page of a company or topic without stories is left out (it asks
not to be indexed). The Google News sitemap holds the roundups of the newest two days.

Sitemaps need absolute URLs; without a ``site_url`` none of these files is made. Crawlers read
robots.txt only at the root of a host, so under a sub-path site_url it is written but unused.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree
from collections.abc import Iterable

from .. import urls
from ..archive import Archive
from ..model import Roundup
from .layout import paginate
from .public import PublicSite, xml_document

NEWS_DAYS = 2
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def sitemap_names(site: PublicSite) -> tuple[str, ...]:
    """The files ``sitemap_files`` makes."""
    return (urls.SITEMAP, urls.NEWS_SITEMAP, urls.ROBOTS) if site.url else ()


def sitemap_files(
    page_urls: list[str], other_pages: Iterable[str], archive: Archive, site: PublicSite
) -> dict[str, str]:
    """The sitemaps and robots.txt by URL, for the generated pages at ``page_urls`` and the pages
    written by hand (docs/) at ``other_pages``."""
    if not site.url:
        return {}
    empty = without_stories(archive)
    return {
        urls.SITEMAP: sitemap([url for url in page_urls if url not in empty], other_pages, last_modified(archive),
                              site),
        urls.NEWS_SITEMAP: news_sitemap(archive, site),
        urls.ROBOTS: robots(site),
    }


def shown(roundup: Roundup) -> tuple[object, ...]:
    """What the sitemaps show of a roundup, or depends on: its date and title (the news sitemap),
    when it last changed, its stories' tags (which pages list it), its people and its corrections'
    dates. A change to anything else leaves them as they are."""
    return (roundup.date, roundup.title, roundup.updated, roundup.authors, roundup.editor,
            [(story.companies, story.topics) for story in roundup.stories],
            [correction.date for correction in roundup.corrections])


def without_stories(archive: Archive) -> set[str]:
    """The pages of the companies and topics that no story tags."""
    return {urls.entity_url(entity) for entity in archive.registry.entities() if not archive.stories_of(entity.slug)}


def last_modified(archive: Archive) -> dict[str, dt.date]:
    """When each page showing roundups last changed, by URL: the newest ``updated`` among them."""
    dates: dict[str, dt.date] = {}

    def note(url: str, day: dt.date) -> None:
        dates[url] = max(dates.get(url, day), day)

    for roundup in archive.roundups:
        year, month = roundup.date.year, roundup.date.month
        for url in (urls.roundup_url(roundup), urls.year_url(year), urls.month_url(year, month),
                    urls.HOME, urls.ARCHIVE, urls.COMPANIES, urls.TOPICS):
            note(url, roundup.updated)
    for slug, refs in (*archive.by_company.items(), *archive.by_topic.items()):
        entity = archive.registry.get(slug)
        if entity is None:
            continue
        for number, chunk in enumerate(paginate(refs), start=1):
            dates[urls.entity_url(entity, number)] = max(ref.roundup.updated for ref in chunk)
    for slug, roundups in archive.by_person.items():
        if (person := archive.registry.people.get(slug)) is not None:
            for number, part in enumerate(paginate(roundups), start=1):
                dates[urls.person_url(person, number)] = max(roundup.updated for roundup in part)
    for number, corrections in enumerate(paginate(archive.corrections) if archive.corrections else [], start=1):
        dates[urls.corrections_page_url(number)] = max(ref.correction.date for ref in corrections)
    return dates


def sitemap(page_urls: list[str], other_pages: Iterable[str], dates: dict[str, dt.date], site: PublicSite) -> str:
    """Every page's address, with ``lastmod`` where the content dates it."""
    root = etree.Element("urlset", xmlns=_SITEMAP_NS)
    for url in dict.fromkeys((*page_urls, *other_pages)):
        element = etree.SubElement(root, "url")
        etree.SubElement(element, "loc").text = site.absolute(url)
        if url in dates:
            etree.SubElement(element, "lastmod").text = dates[url].isoformat()
    return xml_document(root)


def news_sitemap(archive: Archive, site: PublicSite) -> str:
    """The roundups of the newest ``NEWS_DAYS`` days, counted back from the newest roundup."""
    root = etree.Element("urlset", {"xmlns": _SITEMAP_NS, "xmlns:news": _NEWS_NS})
    if archive.roundups:
        since = archive.roundups[0].date - dt.timedelta(days=NEWS_DAYS - 1)
        for roundup in archive.roundups:
            if roundup.date < since:
                break
            element = etree.SubElement(root, "url")
            etree.SubElement(element, "loc").text = site.absolute(urls.roundup_url(roundup))
            news = etree.SubElement(element, "news:news")
            publication = etree.SubElement(news, "news:publication")
            etree.SubElement(publication, "news:name").text = site.name
            etree.SubElement(publication, "news:language").text = site.language
            etree.SubElement(news, "news:publication_date").text = roundup.date.isoformat()
            etree.SubElement(news, "news:title").text = roundup.title
    return xml_document(root)


def robots(site: PublicSite) -> str:
    return (
        "User-agent: *\nDisallow:\n\n"
        f"Sitemap: {site.absolute(urls.SITEMAP)}\nSitemap: {site.absolute(urls.NEWS_SITEMAP)}\n"
    )
