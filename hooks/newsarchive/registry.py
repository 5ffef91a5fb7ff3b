"""The registry: loading, checking and looking up tags (companies and topics), with the people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, TypedDict

from . import limits
from .fields import SLUG, FieldReader, closest
from .files import Repository, Unreadable
from .model import Company, Entity, Topic
from .people import PEOPLE_FILE, PERSON_KEYS, People, person
from .problems import Problem
from .yamlload import Mapping, Sequence, YamlError, load

REGISTRY_BYTES = 4 * 1024 * 1024
"""A registry file's size (a thousand companies take about 300 KB)."""
COMPANIES_FILE = "companies.yml"
TOPICS_FILE = "topics.yml"
_COMPANY_KEYS = ("name", "name_zh", "short", "aliases", "tickers", "hq", "url", "description")
_TOPIC_KEYS = ("name", "name_zh", "short", "description")


class Entry(NamedTuple):
    """An entry of a registry file, as read."""

    data: Mapping
    reader: FieldReader
    line: int
    """Line of the entry's slug."""


@dataclass
class Registry:
    """What a story is tagged with (companies and topics, one namespace of slugs), and the people
    who write and edit the roundups (a namespace of their own: a person is never a tag)."""

    companies: dict[str, Company] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    folder: str = "roundups"
    """Where the registry files are, as hints name it."""
    people: People = field(default_factory=People)

    def __post_init__(self) -> None:
        self._slugs = {*self.companies, *self.topics}
        self._by_name: dict[str, str] = {}
        for entity in self.entities():
            for name in entity.names:
                self._by_name.setdefault(name.casefold(), entity.slug)

    def entities(self) -> list[Entity]:
        return [*self.companies.values(), *self.topics.values()]

    def get(self, slug: str) -> Entity | None:
        return self.companies.get(slug) or self.topics.get(slug)

    def describe(self, slug: str) -> str:
        """``'xiaomi' (Xiaomi Corp., 小米集团)``: a slug as an author recognises it."""
        entity = self.get(slug)
        names = ", ".join(n for n in (entity.name, entity.name_zh) if n) if entity else ""
        return f"'{slug}' ({names})"

    def meant(self, tag: str, among: Iterable[str] | None = None) -> str | None:
        """The slug (of ``among``, default all) that the tag ``tag`` stands for: itself, the entry
        it names (``小米`` -> ``xiaomi``), or the one it most resembles (``xiaomy``)."""
        choices = self._slugs if among is None else set(among)
        if tag in choices:
            return tag
        slug = self._by_name.get(tag.casefold()) or self._by_name.get(tag.replace("-", " ").casefold())
        return slug if slug in choices else closest(tag.lower(), choices)

    def suggest(self, tag: str, among: Iterable[str] | None = None) -> str:
        """A hint for an unknown tag: the entry (of the slugs ``among``, default all) it names or
        most resembles."""
        slug = self.meant(tag, among)
        if slug:
            return f"did you mean {self.describe(slug)}?"
        return f"add it to {self.folder}/{COMPANIES_FILE} or {self.folder}/{TOPICS_FILE}, or fix the spelling"

    def topic_examples(self, limit: int = 5) -> str:
        """Topic slugs to show in a hint; the registry file to fill in when there are none."""
        return ", ".join(list(self.topics)[:limit]) or f"a topic added to {self.folder}/{TOPICS_FILE} first"


def load_registry(repository: Repository, folder: str) -> tuple[Registry, list[Problem]]:
    """Read ``companies.yml`` and ``topics.yml`` from ``folder`` (relative to the repository)."""
    problems: list[Problem] = []
    companies = load_entries(repository, f"{folder}/{COMPANIES_FILE}", _COMPANY_KEYS, problems)
    topics = load_entries(repository, f"{folder}/{TOPICS_FILE}", _TOPIC_KEYS, problems)
    registry = Registry(
        companies={slug: _company(slug, entry.data, entry.reader) for slug, entry in companies.items()},
        topics={slug: _topic(slug, entry.data, entry.reader) for slug, entry in topics.items()},
        folder=folder,
        people=load_people(repository, folder, problems),
    )
    for slug in sorted(registry.companies.keys() & registry.topics.keys()):
        line = topics[slug].line
        problems.append(
            Problem(f"{folder}/{TOPICS_FILE}", line, slug, f"slug '{slug}' is also a company",
                    "companies and topics share one namespace: rename one of them")
        )
    named: list[tuple[str, Entity, Mapping]] = [(f"{folder}/{COMPANIES_FILE}", company, companies[slug].data)
                                                for slug, company in registry.companies.items()]
    named += [(f"{folder}/{TOPICS_FILE}", topic, topics[slug].data) for slug, topic in registry.topics.items()]
    return registry, problems + _shared_names(named)


_NAME_FIELDS = {"name": ("name", "the name"), "short": ("short name", "the short name"),
                "name_zh": ("Chinese name", "the Chinese name"), "aliases": ("alias", "an alias")}
"""The fields that name an entry, each as a message calls it alone and after "is also"."""


class _Name(NamedTuple):
    field: str
    name: str
    line: int


def _shared_names(named: list[tuple[str, Entity, Mapping]]) -> list[Problem]:
    """An error at each name (name, short name, Chinese name or alias, in any case) that an entry
    before it already has, the entries given as (file, entity, its YAML) in file order: a tag
    suggestion, a "did you mean" and the search filter take a name to one entry only."""
    problems = []
    first: dict[str, tuple[str, str, _Name]] = {}
    for label, entity, data in named:
        for given in _names(entity, data):
            owner, owner_label, earlier = first.setdefault(given.name.casefold(), (entity.slug, label, given))
            if owner == entity.slug:
                continue
            where = f"line {earlier.line}" if owner_label == label else f"{owner_label}, line {earlier.line}"
            problems.append(Problem(
                label, given.line, f"{entity.slug}.{given.field}",
                f"{_NAME_FIELDS[given.field][0]} '{given.name}' is also {_NAME_FIELDS[earlier.field][1]} of "
                f"'{owner}' ({where})",
                "a name leads tag suggestions and search to one entry: keep it on one of them, and give the other "
                "a fuller name",
            ))
    return problems


def _names(entity: Entity, data: Mapping) -> list[_Name]:
    """The names the entry ``data`` gives that its entity kept (a refused one is reported already),
    in the order of the file."""
    names = [_Name(key, getattr(entity, key), data.key_lines[key]) for key in ("name", "short", "name_zh")
             if isinstance(data.get(key), str) and data[key].strip() == getattr(entity, key)]
    aliases = data.get("aliases")
    if isinstance(aliases, Sequence):
        names += [_Name("aliases", item.strip(), line) for item, line in zip(aliases, aliases.item_lines, strict=True)
                  if isinstance(item, str) and item.strip() in entity.aliases]
    return sorted(names, key=lambda name: name.line)


def load_people(repository: Repository, folder: str, problems: list[Problem]) -> People:
    """The people of ``folder``/people.yml; none (and no problem) when the archive has no such file."""
    label = f"{folder}/{PEOPLE_FILE}"
    path = repository.root / label
    if not path.exists() and not path.is_symlink():
        return People(folder=folder)
    entries = load_entries(repository, label, PERSON_KEYS, problems, example="mei-lin")
    return People({slug: person(slug, entry.data, entry.reader) for slug, entry in entries.items()},
                  present=True, folder=folder)


def load_entries(
    repository: Repository, label: str, keys: tuple[str, ...], problems: list[Problem], example: str = "li-auto"
) -> dict[str, Entry]:
    """The valid-looking entries of the registry file ``label``, each with a reader for its fields;
    ``example`` is a slug a hint shows."""
    reader = FieldReader(label, problems)
    path = repository.root / label
    if not path.exists() and not path.is_symlink():
        reader.report(1, "file", "registry file is missing", f"create {label}")
        return {}
    try:
        data = load(repository.read(path, REGISTRY_BYTES).decode("utf-8"))
    except Unreadable as exc:
        reader.report(1, "file", exc.message, exc.hint)
        return {}
    except UnicodeDecodeError as exc:
        reader.report(1, "file", f"is not valid UTF-8 (byte {exc.start})", "save the file as UTF-8")
        return {}
    except YamlError as exc:
        reader.report(exc.line, "file", exc.message, exc.hint)
        return {}
    if data is None:
        reader.report(1, "file", "the registry file is empty", "add entries: 'slug:' then an indented 'name:' line")
        return {}
    top = reader.mapping(data, 1, "file")
    if top is None:
        return {}
    entries = {}
    for slug, value in top.items():
        line = top.key_lines[slug]
        if not SLUG.fullmatch(slug):
            reader.report(line, slug, f"'{slug}' is not a valid slug",
                          f"use lowercase letters, digits and single hyphens, e.g. '{example}'")
            continue
        if len(slug) > limits.SLUG_CHARS:
            reader.report(line, f"{slug[:limits.SLUG_CHARS]}…", f"the slug is {len(slug):,} characters long, more "
                          f"than the {limits.SLUG_CHARS} allowed", "shorten it: it is part of the page's address")
            continue
        entry = reader.mapping(value, line, slug)
        if entry is None:
            continue
        reader.known_keys(entry, keys, f"{slug}.")
        reader.required(entry, ["name"], f"{slug}.", line)
        entries[slug] = Entry(entry, reader, line)
    return entries


def _company(slug: str, data: Mapping, reader: FieldReader) -> Company:
    where = f"{slug}."
    common = _common(slug, data, reader)
    return Company(
        **common,
        aliases=_aliases(data, reader, where, common),
        tickers=reader.text_list(data, "tickers", where),
        hq=reader.text(data, "hq", where, limits.NAME_CHARS),
        url=reader.url(data, "url", where),
    )


def _topic(slug: str, data: Mapping, reader: FieldReader) -> Topic:
    return Topic(**_common(slug, data, reader))


def _aliases(data: Mapping, reader: FieldReader, where: str, named: _Common) -> tuple[str, ...]:
    """The entry's aliases, none when they take its names together past ``limits.NAMES_CHARS``
    (its name, short name and Chinese name alone stay within it)."""
    aliases = reader.text_list(data, "aliases", where)
    total = sum(map(len, (named["name"], named["short"], named["name_zh"], *aliases)))
    if total > limits.NAMES_CHARS:
        reader.report(data.key_lines["aliases"], where + "aliases",
                      f"the entry's names are {total:,} characters long together, more than the "
                      f"{limits.NAMES_CHARS:,} allowed; its aliases are left out",
                      "keep the few aliases readers search for")
        return ()
    return aliases


class _Common(TypedDict):
    slug: str
    name: str
    name_zh: str
    short: str
    description: str


def _common(slug: str, data: Mapping, reader: FieldReader) -> _Common:
    """The fields every registry entry has."""
    where = f"{slug}."
    return {
        "slug": slug,
        "name": reader.text(data, "name", where, limits.NAME_CHARS) or slug,
        "name_zh": reader.text(data, "name_zh", where, limits.NAME_CHARS),
        "short": reader.text(data, "short", where, limits.SHORT_CHARS),
        "description": reader.text(data, "description", where),
    }
