"""Who wrote and edited a roundup, as its page shows it: the byline under the headline and the
"About the author" box at its foot; and a person's card, as that box and the masthead show it.

Names link to the people's pages; an archive without people.yml has neither byline nor box.
"""

from __future__ import annotations

from .. import urls
from ..archive import Archive
from ..dates import NO_BREAK
from ..model import Person, Roundup
from .html import esc, web_link, zh


def authors_of(archive: Archive, roundup: Roundup) -> list[Person]:
    """The roundup's authors, as people.yml has them."""
    people = archive.registry.people
    return [person for slug in roundup.authors if (person := people.get(slug)) is not None]


def editor_of(archive: Archive, roundup: Roundup) -> Person | None:
    return archive.registry.people.get(roundup.editor) if roundup.editor else None


def person_link(person: Person, url: str, *attrs: str) -> str:
    """A person's name linking to their page, from the page at ``url``; kept on one line."""
    extra = "".join(f" {attr}" for attr in attrs)
    return (f'<a class="na-person-link" href="{esc(urls.relative(url, urls.person_url(person)))}"{extra}>'
            f"{esc(person.name)}</a>")


def names(people: list[Person], url: str, *attrs: str) -> str:
    """``A``, ``A and B``, ``A, B and C``: the people's linked names as a sentence lists them."""
    linked = [person_link(person, url, *attrs) for person in people]
    return " and ".join([", ".join(linked[:-1]), linked[-1]]) if len(linked) > 1 else "".join(linked)


_AUTHOR = 'rel="author"'
SEPARATOR = f"{NO_BREAK}· "
"""Between the parts of a byline or a dateline: a line may break after it, never before."""


def byline(archive: Archive, roundup: Roundup, url: str) -> str:
    """``By Mei Lin and Zhou Hao · Edited by Li Na``; for a roundup a machine wrote, ``AI-generated
    summary · Reviewed by Li Na`` (its people wrote the prompt, not the text: the byline says who
    stands behind it); "" when the roundup names nobody. On a phone the editor takes a line of
    their own, without the separator (archive.css)."""
    authors, editor = authors_of(archive, roundup), editor_of(archive, roundup)
    reviewer = archive.registry.people.get(roundup.reviewed_by) if roundup.reviewed_by else None
    if roundup.machine_written == "all":
        written = "AI-generated summary" + (f", compiled by {names(authors, url, _AUTHOR)}" if authors else "")
    else:
        written = f"By {names(authors, url, _AUTHOR)}" if authors else ""
    roles = [("Edited by", editor)] if editor is not None and editor != reviewer else []
    if reviewer is not None:
        roles.append(("Reviewed by" if editor != reviewer else "Edited and reviewed by", reviewer))
    credits = ""
    for role, person in roles:
        separator = f'<span class="na-byline__separator">{SEPARATOR}</span>' if written or credits else ""
        credits += f'<span class="na-byline__editor">{separator}{role} {person_link(person, url)}</span>'
    return f'<p class="na-byline">{written}{credits}</p>' if written or credits else ""


def about_authors(archive: Archive, roundup: Roundup, url: str) -> str:
    """The box at the foot of the roundup's page: each author's name, role, bio and links."""
    authors = authors_of(archive, roundup)
    if not authors:
        return ""
    heading = "About the author" if len(authors) == 1 else "About the authors"
    cards = "".join(f"<li>{person_card(person, url, 'h3')}</li>" for person in authors)
    return (f'<section class="na-about" aria-labelledby="na-about"><h2 id="na-about">{heading}</h2>'
            f'<ul class="na-people">{cards}</ul></section>')


def person_card(person: Person, url: str, heading: str) -> str:
    """A person as the masthead and the "About the author" box show them, named in a ``heading``
    element (``h2``, ``h3``) that links to their page."""
    role = f'<p class="na-person__role">{esc(person.role)}</p>' if person.role else ""
    bio = f'<p class="na-person__bio">{esc(person.bio)}</p>' if person.bio else ""
    return (f'<{heading} class="na-person__name">{person_link(person, url)}{zh(person.name_zh)}</{heading}>'
            f"{role}{bio}{profile_links(person)}")


def profile_links(person: Person) -> str:
    """The person's links (a profile, a social account), each named by its address without ``https://``."""
    items = "".join(f"<li>{web_link(address, address.split('://', 1)[-1].rstrip('/'))}</li>"
                    for address in person.links)
    return f'<ul class="na-person__links" aria-label="Elsewhere">{items}</ul>' if items else ""
