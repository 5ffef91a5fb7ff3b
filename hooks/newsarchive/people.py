"""The archive's people (``roundups/people.yml``): who writes and edits the roundups.

Read like the registry of companies and topics (registry.load_people), in a namespace of its own:
a person is never a tag. An archive may have no people.yml, and then no bylines; a roundup that
names a person needs one. ``People.fault`` is the one check of a slug a roundup names (an author,
its editor, its reviewer), with the "did you mean" an author needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import limits
from .fields import FieldReader, closest
from .model import Person
from .yamlload import Mapping

PEOPLE_FILE = "people.yml"
PERSON_KEYS = ("name", "name_zh", "role", "bio", "links", "editor")


def person(slug: str, data: Mapping, reader: FieldReader) -> Person:
    """The person of the entry ``slug`` of people.yml, its faults reported."""
    where = f"{slug}."
    return Person(
        slug=slug,
        name=reader.text(data, "name", where, limits.NAME_CHARS, meant="the person's name") or slug,
        name_zh=reader.text(data, "name_zh", where, limits.NAME_CHARS, meant="the Chinese name"),
        role=reader.text(data, "role", where, limits.NAME_CHARS, meant="the role, e.g. 'Reporter, Shanghai'"),
        bio=reader.text(data, "bio", where, meant="a sentence or two about the person"),
        links=reader.url_list(data, "links", where),
        editor=reader.boolean(data, "editor", where),
    )


@dataclass(frozen=True)
class People:
    """Everyone in people.yml, by slug, in the file's order."""

    persons: dict[str, Person] = field(default_factory=dict)
    present: bool = False
    """Whether the archive has a people.yml at all."""
    folder: str = "roundups"
    """Where people.yml is, as hints name it."""

    def get(self, slug: str) -> Person | None:
        return self.persons.get(slug)

    def name(self, slug: str) -> str:
        """A person's name, as a byline gives it (the slug itself for one people.yml does not hold)."""
        person = self.get(slug)
        return person.name if person else slug

    def editors(self) -> list[Person]:
        """The archive's editors (``editor: true``), in the file's order: the masthead."""
        return [person for person in self.persons.values() if person.editor]

    def describe(self, slug: str) -> str:
        """``'mei-lin' (Mei Lin, 林美)``: a slug as an author recognises it."""
        person = self.get(slug)
        names = ", ".join(n for n in (person.name, person.name_zh) if n) if person else ""
        return f"'{slug}' ({names})"

    def meant(self, written: str) -> str | None:
        """The slug that ``written`` stands for: itself, the person it names (``Mei Lin``, ``林美``),
        or the slug it most resembles (``mei-ln``)."""
        if written in self.persons:
            return written
        folded = written.strip().casefold()
        for person in self.persons.values():
            if folded in (person.name.casefold(), person.name_zh.casefold(), person.name.casefold().replace(" ", "-")):
                return person.slug
        return closest(folded, self.persons)

    def suggest(self, written: str) -> str:
        """A hint for a slug that names nobody: the person it names or most resembles."""
        slug = self.meant(written)
        if slug:
            return f"did you mean {self.describe(slug)}?"
        return f"add the person to {self.folder}/{PEOPLE_FILE}, or fix the spelling"

    def fault(self, slug: str, editor: bool = False) -> tuple[str, str] | None:
        """What is wrong with a roundup naming ``slug`` (as one of its ``editor``s, if so), as a
        message and a hint; None when nothing is."""
        if not self.present:
            file = f"{self.folder}/{PEOPLE_FILE}"
            return (f"'{slug}' names a person, but there is no {file}",
                    f"create {file} with an entry '{slug}:' and its 'name:' (see the author guide)")
        person = self.get(slug)
        if person is None:
            return f"unknown person '{slug}'", self.suggest(slug)
        if editor and not person.editor:
            editors = ", ".join(p.slug for p in self.editors()) or "none yet"
            return (f"{self.describe(slug)} is not an editor",
                    f"name an editor ({editors}), or add 'editor: true' to '{slug}' in {self.folder}/{PEOPLE_FILE}")
        return None
