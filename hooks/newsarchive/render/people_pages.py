"""The masthead and a page per person: who they are and the roundups they wrote or edited.

Every person of people.yml has a page, with feeds, from the day they are added: the masthead and
bylines link to it before their first roundup (a company's page waits for its first story). The
newest 100 roundups show with their summaries; the older pages list them a line each, as a
company's older stories are (a reporter of ten years fills 30 pages).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from .. import urls
from ..archive import Archive
from ..model import Person, Roundup
from .bylines import person_card, profile_links
from .html import esc, link, zh
from .layout import Feeds, Page, article, crumbs, page_numbers, paginate
from .listing import roundup_row, roundup_summary
from .public import PublicSite

MASTHEAD = "Masthead"


def person_pages(archive: Archive, person: Person) -> Iterator[Page]:
    """A person's page (who they are, their newest roundups), then the pages of older roundups."""
    roundups = archive.by_person.get(person.slug, [])
    chunks = paginate(roundups)
    page_urls = [urls.person_url(person, number) for number in range(1, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        url = page_urls[number - 1]
        listing = [_by_year(person, chunk, url, summaries=number == 1), page_numbers(url, page_urls, number)]
        if number == 1:
            yield _main_page(person, len(roundups), listing)
            continue
        title = f"{person.name}: older roundups, page {number} of {len(chunks)}"
        parts = [crumbs(url, page_urls[0], person.name), f"<h1>{esc(title)}</h1>", *listing]
        yield Page(url, title, f"Older roundups by {person.name}", article("na-person-page", parts))


def _main_page(person: Person, count: int, listing: list[str]) -> Page:
    url = urls.person_url(person)
    role = f'<p class="na-dek">{esc(person.role)}</p>' if person.role else ""
    about = [f'<p class="na-person__bio">{esc(person.bio)}</p>' if person.bio else "", profile_links(person),
             f'<p class="na-follow"><strong>Follow</strong> {esc(person.name)}’s roundups in a feed reader: '
             f'{link(urls.ATOM, "Atom")} · {link(urls.JSON_FEED, "JSON Feed")}</p>']
    heading = f'<h2 class="na-section-title">Roundups <span class="na-count">{count}</span></h2>'
    parts = [
        crumbs(url, urls.PEOPLE, MASTHEAD),
        f'<header class="na-masthead"><h1>{esc(person.name)}{zh(person.name_zh)}</h1>{role}</header>',
        f'<div class="na-person">{"".join(about)}</div>',
        heading,
        *(listing if count else ['<p class="na-meta">No roundups yet.</p>']),
    ]
    description = person.bio or f"Roundups by {person.name}"
    return Page(url, person.name, description, article("na-person-page", parts), subject=person,
                feeds=Feeds(url, person.name))


def _by_year(person: Person, roundups: Sequence[Roundup], url: str, summaries: bool) -> str:
    """The roundups (newest first) under a heading per year, with their ``summaries`` or a line
    each; those the person edited say so."""
    entry, kind = (roundup_summary, "na-entries") if summaries else (roundup_row, "na-entries na-stories na-rows")
    return "".join(
        f'<h3>{year}</h3><ul class="{kind}">'
        + "".join(entry(r, url, note=_part(person, r)) for r in group) + "</ul>"
        for year, group in groupby(roundups, key=lambda roundup: roundup.date.year)
    )


def _part(person: Person, roundup: Roundup) -> str:
    """What the person did for a roundup, when it is not writing it."""
    return "" if person.slug in roundup.authors else "Edited"


def masthead_page(archive: Archive, site: PublicSite) -> Page:
    """Who makes the archive: its editors, then everyone else who writes for it, with how to
    reach them and the rules they work by."""
    url = urls.PEOPLE
    people = list(archive.registry.people.persons.values())
    groups = [("Editors", [p for p in people if p.editor]), ("Writers", [p for p in people if not p.editor])]
    sections = [
        f'<section aria-labelledby="na-{name.lower()}"><h2 id="na-{name.lower()}" class="na-section-title">{name}</h2>'
        f'<ul class="na-people">{_cards(group, url)}</ul></section>'
        for name, group in groups if group
    ]
    contact = (f' To report an error, write to <a href="mailto:{esc(site.contact)}">{esc(site.contact)}</a>.'
               if site.contact else "")
    parts = [
        f"<h1>{MASTHEAD}</h1>",
        f'<p class="na-dek">The people who write and edit {esc(site.name)}.</p>' if people else
        '<p class="na-dek">The archive does not list its people yet.</p>',
        f'<p>How we work: {link(urls.relative(url, urls.STANDARDS), "our editorial standards")}. Every correction '
        f'we have made: {link(urls.relative(url, urls.CORRECTIONS_PAGE), "Corrections")}.{contact}</p>',
        *sections,
    ]
    return Page(url, MASTHEAD, f"The people who write and edit {site.name}", article("na-people-page", parts))


def _cards(people: list[Person], url: str) -> str:
    return "".join(f"<li>{person_card(person, url, 'h3')}</li>" for person in people)
