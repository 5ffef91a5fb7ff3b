"""What the "not found" page offers a reader at an address the archive does not have: the latest
headlines (in the page, so they show without a script too), and the addresses a script on that
page guesses from (one file, for the one page that is served at every missing address).

The guess is made in the browser from the address typed, which only the browser knows (GitHub
Pages serves the same page for every missing address): a mistyped date leads to the nearest
roundup, a mistyped company or topic to the nearest name. The file lists every roundup, month,
year, company and topic page by its URL and a company's or topic's by its name too: about 60 KB
at ten years (10 KB compressed), read only when a reader reaches a missing address.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import urls
from ..archive import Archive
from ..dates import long_date
from .provenance import ai_label

LATEST = 8
"""Headlines the page lists, newest first."""


@dataclass(frozen=True)
class Headline:
    """A story as the "not found" page lists it (the theme's template writes it)."""

    url: str
    title: str
    """Plain text: the template escapes it."""
    date: str
    label: str
    """HTML: the story's AI label, if a machine wrote it."""


def latest_headlines(archive: Archive) -> list[Headline]:
    """The newest stories, in the order their roundups give them."""
    found = []
    for roundup in archive.roundups:
        for story in roundup.stories:
            found.append(Headline(urls.story_url(roundup, story), story.title, long_date(roundup.date),
                                  ai_label(roundup, story).strip()))
            if len(found) == LATEST:
                return found
    return found


def suggestions_file(archive: Archive) -> str:
    """The addresses a mistyped one is compared with: roundups (oldest first), months and years
    by their URLs, then companies and topics with stories as [URL, name]."""
    registry = archive.registry
    data = {
        "roundups": " ".join(urls.roundup_url(r) for r in reversed(archive.roundups)),
        "months": " ".join(urls.month_url(year, month) for year, month in sorted(archive.by_month)),
        "years": " ".join(urls.year_url(year) for year in sorted(archive.by_year)),
        "names": [[urls.entity_url(e), e.display] for e in archive.in_the_archive(registry.entities())],
        "sections": [[urls.COMPANIES, "Companies"], [urls.TOPICS, "Topics"], [urls.ARCHIVE, "Archive"]],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
