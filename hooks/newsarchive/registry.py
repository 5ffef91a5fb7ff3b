"""The company and topic registry: loading, checking and looking up tags."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, TypedDict

from . import limits
from .fields import SLUG, FieldReader, closest
from .files import Repository, Unreadable
from .model import Company, Entity, Topic
from .problems import Problem
from .yamlload import Mapping, YamlError, load

REGISTRY_BYTES = 4 * 1024 * 1024
"""A registry file's size (a thousand companies take about 300 KB)."""
COMPANIES_FILE = "companies.yml"
TOPICS_FILE = "topics.yml"
_COMPANY_KEYS = ("name", "name_zh", "short", "aliases", "tickers", "hq", "url", "description")
_TOPIC_KEYS = ("name", "name_zh", "short", "description")


class _Entry(NamedTuple):
    data: Mapping
    reader: FieldReader
    line: int
    """Line of the entry's slug."""


@dataclass
class Registry:
    companies: dict[str, Company] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    folder: str = "roundups"
    """Where the registry files are, as hints name it."""

    def __post_init__(self) -> None:
        self._slugs = {*self.companies, *self.topics}
        self._by_name = {name.casefold(): entity.slug for entity in self.entities() for name in entity.names}

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
    companies = _load_entries(repository, f"{folder}/{COMPANIES_FILE}", _COMPANY_KEYS, problems)
    topics = _load_entries(repository, f"{folder}/{TOPICS_FILE}", _TOPIC_KEYS, problems)
    registry = Registry(
        companies={slug: _company(slug, entry.data, entry.reader) for slug, entry in companies.items()},
        topics={slug: _topic(slug, entry.data, entry.reader) for slug, entry in topics.items()},
        folder=folder,
    )
    for slug in sorted(registry.companies.keys() & registry.topics.keys()):
        line = topics[slug].line
        problems.append(
            Problem(f"{folder}/{TOPICS_FILE}", line, slug, f"slug '{slug}' is also a company",
                    "companies and topics share one namespace: rename one of them")
        )
    return registry, problems


def _load_entries(
    repository: Repository, label: str, keys: tuple[str, ...], problems: list[Problem]
) -> dict[str, _Entry]:
    """The valid-looking entries of the registry file ``label``, each with a reader for its fields."""
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
    for key, value in top.items():
        line, slug = top.key_lines[key], key
        if not SLUG.fullmatch(slug):
            reader.report(line, slug, f"'{slug}' is not a valid slug",
                          "use lowercase letters, digits and single hyphens, e.g. 'li-auto'")
            continue
        entry = reader.mapping(value, line, slug)
        if entry is None:
            continue
        reader.known_keys(entry, keys, f"{slug}.")
        reader.required(entry, ["name"], f"{slug}.", line)
        entries[slug] = _Entry(entry, reader, line)
    return entries


def _company(slug: str, data: Mapping, reader: FieldReader) -> Company:
    where = f"{slug}."
    return Company(
        **_common(slug, data, reader),
        aliases=reader.text_list(data, "aliases", where),
        tickers=reader.text_list(data, "tickers", where),
        hq=reader.text(data, "hq", where, limits.NAME_CHARS),
        url=reader.url(data, "url", where),
    )


def _topic(slug: str, data: Mapping, reader: FieldReader) -> Topic:
    return Topic(**_common(slug, data, reader))


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
