"""The corrections page: every correction of the archive, newest first, each leading to the story
(or the roundup) it corrects, 100 to a page, with its own feeds."""

from __future__ import annotations

from collections.abc import Iterator

from .. import urls
from ..archive import Archive, CorrectionRef
from .html import esc, headline, link, time
from .layout import Feeds, Page, article, crumbs, page_numbers, paginate
from .public import PublicSite

TITLE = "Corrections"
_CLASS = "na-corrections-page"


def corrections_pages(archive: Archive, site: PublicSite) -> Iterator[Page]:
    chunks = paginate(archive.corrections)
    page_urls = [urls.corrections_page_url(number) for number in range(1, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        url = page_urls[number - 1]
        entries = "".join(correction_entry(ref, url) for ref in chunk)
        listing = [f'<ul class="na-entries na-stories na-corrections-log">{entries}</ul>' if entries else
                   '<p class="na-meta">No corrections so far.</p>', page_numbers(url, page_urls, number)]
        if number > 1:
            title = f"{TITLE}, page {number} of {len(chunks)}"
            parts = [crumbs(url, page_urls[0], TITLE), f"<h1>{title}</h1>", *listing]
            yield Page(url, title, "Older corrections", article(_CLASS, parts))
            continue
        parts = [f"<h1>{TITLE}</h1>", _intro(site, url), *listing]
        yield Page(url, TITLE, f"Every correction to {site.name}, newest first", article(_CLASS, parts),
                   feeds=Feeds(url, TITLE))


def _intro(site: PublicSite, url: str) -> str:
    policy = link(urls.relative(url, urls.STANDARDS_CORRECTIONS), "how we correct")
    report = (f' Seen an error? Write to <a href="mailto:{esc(site.contact)}">{esc(site.contact)}</a>.'
              if site.contact else f" Seen an error? {link(urls.relative(url, urls.STANDARDS_REPORT), 'Tell us')}.")
    return (f'<p class="na-dek">Every correction we have made to a roundup, newest first; each note stays on the '
            f"corrected page too.</p><p>Read {policy}.{report}</p>"
            f'<p class="na-follow"><strong>Follow</strong> corrections in a feed reader: {link(urls.ATOM, "Atom")} · '
            f'{link(urls.JSON_FEED, "JSON Feed")}</p>')


def correction_entry(ref: CorrectionRef, url: str) -> str:
    """A correction in the list: what it corrects (linking there), its note, its date and roundup."""
    roundup, story = ref.roundup, ref.story
    target = urls.story_url(roundup, story) if story else urls.correction_url(roundup, ref.number)
    corrected = headline(story.title if story else roundup.title)
    where = (f' · in the roundup {link(urls.relative(url, urls.roundup_url(roundup)), roundup.title)} of '
             f"{time(roundup.date)}" if story else f" · the roundup of {time(roundup.date)}")
    return (f'<li><a href="{esc(urls.relative(url, target))}">{corrected}</a><p>{esc(ref.correction.note)}</p>'
            f'<p class="na-meta">Corrected {time(ref.correction.date)}{where}</p></li>')
