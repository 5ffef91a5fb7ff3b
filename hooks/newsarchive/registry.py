"""The company and topic registry: loading, checking and looking up tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .fields import SLUG, FieldReader, closest
from .model import Company, Entity, Topic
from .problems import Problem
from .yamlload import Mapping, YamlError, load

COMPANIES_FILE = "companies.yml"
TOPICS_FILE = "topics.yml"
_COMPANY_KEYS = ("name", "name_zh", "aliases", "tickers", "hq", "url", "description")
_TOPIC_KEYS = ("name", "name_zh", "description")


class _Entry(NamedTuple):
    data: Mapping
    reader: FieldReader
    line: int
    """Line of the entry's slug."""


@dataclass
class Registry:
    companies: dict[str, Company] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_name = {
            name.casefold(): entity.slug
            for entity in self.entities()
            for name in (entity.name, entity.name_zh, *getattr(entity, "aliases", ()))
            if name
        }

    def entities(self) -> list[Entity]:
        return [*self.companies.values(), *self.topics.values()]

    def get(self, slug: str) -> Entity | None:
        return self.companies.get(slug) or self.topics.get(slug)

    def describe(self, slug: str) -> str:
        """``'xiaomi' (Xiaomi Corp., 小米集团)``: a slug as an author recognises it."""
        entity = self.get(slug)
        names = ", ".join(n for n in (entity.name, entity.name_zh) if n) if entity else ""
        return f"'{slug}' ({names})"

    def suggest(self, tag: str) -> str:
        """A hint for an unknown tag: the entry it names or most resembles."""
        slug = self._by_name.get(tag.casefold()) or self._by_name.get(tag.replace("-", " ").casefold())
        slug = slug or closest(tag.lower(), [*self.companies, *self.topics])
        if slug:
            return f"did you mean {self.describe(slug)}?"
        return f"add it to roundups/{COMPANIES_FILE} or roundups/{TOPICS_FILE}, or fix the spelling"

    def topic_examples(self, limit: int = 5) -> str:
        return ", ".join(list(self.topics)[:limit])


def load_registry(folder: Path, label: str = "roundups") -> tuple[Registry, list[Problem]]:
    """Read ``companies.yml`` and ``topics.yml`` from ``folder``; ``label`` prefixes reported paths."""
    problems: list[Problem] = []
    companies = _load_entries(folder / COMPANIES_FILE, f"{label}/{COMPANIES_FILE}", _COMPANY_KEYS, problems)
    topics = _load_entries(folder / TOPICS_FILE, f"{label}/{TOPICS_FILE}", _TOPIC_KEYS, problems)
    registry = Registry(
        companies={slug: _company(slug, entry.data, entry.reader) for slug, entry in companies.items()},
        topics={slug: _topic(slug, entry.data, entry.reader) for slug, entry in topics.items()},
    )
    for slug in sorted(registry.companies.keys() & registry.topics.keys()):
        line = topics[slug].line
        problems.append(
            Problem(f"{label}/{TOPICS_FILE}", line, slug, f"slug '{slug}' is also a company",
                    "companies and topics share one namespace: rename one of them")
        )
    return registry, problems


def _load_entries(
    path: Path, label: str, keys: tuple[str, ...], problems: list[Problem]
) -> dict[str, _Entry]:
    """The valid-looking entries of one registry file, each with a reader for its fields."""
    reader = FieldReader(label, problems)
    try:
        data = load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        reader.report(1, "file", "registry file is missing", f"create {label}")
        return {}
    except UnicodeDecodeError as exc:
        reader.report(1, "file", f"is not valid UTF-8 (byte {exc.start})", "save the file as UTF-8")
        return {}
    except YamlError as exc:
        reader.report(exc.line, "file", exc.message)
        return {}
    if data is None:
        return {}
    top = reader.mapping(data, 1, "file")
    if top is None:
        return {}
    entries = {}
    for slug, value in top.items():
        line = top.key_lines[slug]
        slug = str(slug)
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
        slug=slug,
        name=reader.text(data, "name", where) or slug,
        name_zh=reader.text(data, "name_zh", where),
        aliases=reader.text_list(data, "aliases", where),
        tickers=reader.text_list(data, "tickers", where),
        hq=reader.text(data, "hq", where),
        url=reader.url(data, "url", where),
        description=reader.text(data, "description", where),
    )


def _topic(slug: str, data: Mapping, reader: FieldReader) -> Topic:
    where = f"{slug}."
    return Topic(
        slug=slug,
        name=reader.text(data, "name", where) or slug,
        name_zh=reader.text(data, "name_zh", where),
        description=reader.text(data, "description", where),
    )
