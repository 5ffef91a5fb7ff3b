"""schema.org's vocabulary, and a check that structured data uses only its terms as they are defined.

``tests/fixtures/schemaorg-vocabulary.json`` holds the vocabulary's types (with their direct
supertypes), properties (with the types they apply to and the types of their values), the
members of its enumerations and the terms it has superseded. It is derived from schema.org's own
vocabulary file, the release named in it, which schema.org publishes under the Creative Commons
Attribution-ShareAlike License 3.0 (https://creativecommons.org/licenses/by-sa/3.0/), as the
derived file is. To derive it from another release::

    python -m tests.schemaorg data/releases/30.0/schemaorg-current-https.jsonld "<where it comes from>"

``problems(data)`` walks JSON-LD as a page carries it and lists every use that the vocabulary does
not allow: an unknown or superseded type or property, a property on a type outside its domain, a
value of a type outside its range.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "fixtures" / "schemaorg-vocabulary.json"
LICENCE = "Creative Commons Attribution-ShareAlike License 3.0, https://creativecommons.org/licenses/by-sa/3.0/"
_SCHEMA = "schema:"
_WRITTEN = ("Text", "Date", "DateTime", "Time", "Quantity")
"""Data types whose values are written as text (a URL is a kind of Text; a Distance of Quantity)."""
_AMOUNTS = ("Number", "Quantity")
"""Data types a number may stand for (a Distance in pixels, as an image's width)."""


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Vocabulary:
    types: dict[str, list[str]]
    """Each type's direct supertypes."""
    properties: dict[str, list[list[str]]]
    """Each property's domain (the types it applies to) and range (the types of its values)."""
    members: dict[str, list[str]]
    """Each member of an enumeration (``TrainedAlgorithmicMedia``), with the enumeration."""
    superseded: list[str]
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls) -> Vocabulary:
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        return cls(data["types"], data["properties"], data["members"], data["superseded"])

    def ancestors(self, kind: str) -> frozenset[str]:
        """``kind`` and every type it is a kind of."""
        found = self._ancestors.get(kind)
        if found is None:
            found = self._ancestors[kind] = frozenset({kind}).union(
                *(self.ancestors(parent) for parent in self.types.get(kind, [])))
        return found

    def problems(self, data: Any, where: str = "") -> list[str]:
        """Every use of a term in the JSON-LD ``data`` that schema.org's vocabulary does not allow."""
        return list(self._walk(data, where or "$"))

    def _walk(self, data: Any, where: str) -> Iterator[str]:
        if isinstance(data, list):
            for number, item in enumerate(data):
                yield from self._walk(item, f"{where}[{number}]")
            return
        if not isinstance(data, dict):
            return
        if "@graph" in data:
            yield from self._walk(data["@graph"], f"{where}.@graph")
            return
        kind = data.get("@type")
        if kind is None:
            if set(data) - {"@id"}:
                yield f"{where}: a node without @type"
            return
        if kind not in self.types:
            yield f"{where}: unknown type {kind}"
            return
        if kind in self.superseded:
            yield f"{where}: type {kind} is superseded"
        for key, value in data.items():
            if key.startswith("@"):
                continue
            yield from self._property(kind, key, value, f"{where}.{key}")

    def _property(self, kind: str, key: str, value: Any, where: str) -> Iterator[str]:
        if key not in self.properties:
            yield f"{where}: unknown property {key}"
            return
        if key in self.superseded:
            yield f"{where}: property {key} is superseded"
        domain, values = self.properties[key]
        if not self.ancestors(kind) & set(domain):
            yield f"{where}: {key} does not apply to {kind} (only to {', '.join(domain)})"
        for number, item in enumerate(value if isinstance(value, list) else [value]):
            place = f"{where}[{number}]" if isinstance(value, list) else where
            yield from self._value(item, values, place)

    def _value(self, item: Any, values: list[str], where: str) -> Iterator[str]:
        if isinstance(item, dict):
            kind = item.get("@type")
            if kind is not None and kind in self.types and not self.ancestors(kind) & set(values):
                yield f"{where}: a {kind} is not among its values ({', '.join(values)})"
            yield from self._walk(item, where)
        elif isinstance(item, str) and not self._literal(item, values):
            yield f"{where}: text '{item[:40]}' is not among its values ({', '.join(values)})"
        elif isinstance(item, bool) and not self._takes(values, "Boolean"):
            yield f"{where}: a boolean is not among its values ({', '.join(values)})"
        elif isinstance(item, (int, float)) and not isinstance(item, bool) and not self._takes(values, *_AMOUNTS):
            yield f"{where}: a number is not among its values ({', '.join(values)})"

    def _takes(self, values: list[str], *kinds: str) -> bool:
        """Whether one of ``values`` is one of ``kinds`` or a kind of one."""
        return any(self.ancestors(value) & set(kinds) for value in values)

    def _literal(self, text: str, values: list[str]) -> bool:
        """Whether a property with values of ``values`` may be written as ``text``: as text, a date
        or time, an amount (a number, or with its unit), the address of a node (a link stands for
        what it names), or an enumeration's member by its schema.org address."""
        if self._takes(values, *_WRITTEN) or (self._takes(values, "Number") and _number(text)):
            return True
        member = text.removeprefix("https://schema.org/")
        if member != text and member in self.members:
            return any(self.ancestors(kind) & set(values) for kind in self.members[member])
        return text.startswith(("https://", "http://"))


def derive(release: Path, source: str) -> dict[str, Any]:
    """The fixture's content from a vocabulary release of schema.org in JSON-LD."""
    types: dict[str, list[str]] = {}
    properties: dict[str, list[list[str]]] = {}
    members: dict[str, list[str]] = {}
    superseded: list[str] = []
    for node in json.loads(release.read_text(encoding="utf-8"))["@graph"]:
        name, kinds = node["@id"], _listed(node["@type"])
        if not name.startswith(_SCHEMA):
            continue
        name = name.removeprefix(_SCHEMA)
        if "schema:supersededBy" in node:
            superseded.append(name)
        if "rdfs:Class" in kinds:
            types[name] = _terms(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in kinds:
            properties[name] = [_terms(node.get("schema:domainIncludes")), _terms(node.get("schema:rangeIncludes"))]
        elif kinds := [kind.removeprefix(_SCHEMA) for kind in kinds if kind.startswith(_SCHEMA)]:
            members[name] = kinds
    return {"source": source, "licence": LICENCE, "superseded": sorted(superseded),
            "types": types, "properties": properties, "members": members}


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _terms(value: Any) -> list[str]:
    """The schema.org terms a node's ``{"@id": …}`` value (or list of them) names."""
    return [item["@id"].removeprefix(_SCHEMA) for item in _listed(value or []) if item["@id"].startswith(_SCHEMA)]


def _write(data: dict[str, Any]) -> str:
    """The fixture as JSON with one term a line, so a new release shows as a readable diff."""
    lines = [f"{json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False)}" for key in
             ("source", "licence", "superseded")]
    for key in ("types", "properties", "members"):
        entries = ",\n".join(f"  {json.dumps(name)}: {json.dumps(value)}" for name, value in sorted(data[key].items()))
        lines.append(f"{json.dumps(key)}: {{\n{entries}\n}}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    FIXTURE.write_text(_write(derive(Path(sys.argv[1]), sys.argv[2])), encoding="utf-8")
