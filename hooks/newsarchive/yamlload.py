"""A strict YAML reader for frontmatter and the registry.

PyYAML's safe loader silently keeps the last of two duplicate keys, expands aliases (the
"billion laughs" bomb), types keys as it types values (``007:`` becomes the number 7, ``0x10:``
16, and ``360:`` then ``"360":`` are two keys) and turns invalid dates such as 2024-02-30 into a
ValueError that is not a YAMLError. This reader takes every key as the text it is written as
(``360`` and ``"360"`` are the same key, so the second is a duplicate), refuses duplicates and
aliases, leaves dates as text for the validator, and remembers the line of every key and list
item so problems can point at them.
"""

from __future__ import annotations

from typing import Any, ClassVar

import yaml

from .yamlfaults import explain

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEY_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "value"))
"""The tags a key written as plain or quoted text resolves to (``007``, ``true``, ``"360"``, ``=``)."""


class YamlError(Exception):
    """Raised for YAML an author must fix; ``line`` is the 1-based line in the author's file."""

    def __init__(self, message: str, line: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint
        """How to fix it."""


class Mapping(dict[str, Any]):
    """A dict that knows the file line of itself and of each of its keys, which are text as written."""

    line: int = 0
    key_lines: dict[str, int]


class Sequence(list):
    """A list that knows the file line of itself and of each of its items."""

    line: int = 0
    item_lines: list[int]


class _Loader(_Base):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, first_line: int) -> None:
        super().__init__(stream)
        self._seen: set[int] = set()
        self._first_line = first_line

    def _line(self, node: yaml.Node) -> int:
        return self._first_line + node.start_mark.line

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # The C composer hands an alias back as the very node it names: a node met twice is one.
        if id(node) in self._seen and not isinstance(node, yaml.ScalarNode):
            raise YamlError("this value is reused through an alias (*name), which is not allowed",
                            self._line(node), "write it out each time")
        self._seen.add(id(node))
        try:
            return super().construct_object(node, deep)
        except _UNREADABLE:
            if not isinstance(node, yaml.ScalarNode):
                raise
            raise YamlError(_unreadable(node), self._line(node), "put the whole value in quotes to keep it as text") \
                from None

    def _mapping(self, node: yaml.MappingNode) -> Mapping:
        result = Mapping()
        result.line = self._line(node)
        result.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError("merge keys (<<) are not allowed", self._line(key_node), "write the keys out")
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _KEY_TAGS:
                raise YamlError("a key must be plain text", self._line(key_node),
                                "write the key as a word followed by ':', with no '!', '?', '[' or '{'")
            key = key_node.value
            if key in result:
                raise YamlError(f"duplicate key '{key}' (first given on line {result.key_lines[key]})",
                                self._line(key_node), "keep only one")
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = self._line(key_node)
        return result

    def _sequence(self, node: yaml.SequenceNode) -> Sequence:
        result = Sequence(self.construct_object(item, deep=True) for item in node.value)
        result.line = self._line(node)
        result.item_lines = [self._line(item) for item in node.value]
        return result


_UNREADABLE = (ValueError, TypeError, ArithmeticError, LookupError, AttributeError)
"""What PyYAML's constructors raise for a value its tag cannot read: ``!!bool maybe`` a KeyError,
``!!timestamp x`` an AttributeError, ``!!float ''`` an IndexError, a 5,000-digit number a ValueError."""
_KINDS = {"tag:yaml.org,2002:int": "a whole number", "tag:yaml.org,2002:float": "a number",
          "tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:timestamp": "a date"}
_SHOWN = 40
"""The most characters of a value a message repeats."""


def _unreadable(node: yaml.ScalarNode) -> str:
    """What is wrong with a value YAML reads as a number (or as what its tag names) and cannot."""
    kind = _KINDS.get(node.tag, f"'{node.tag.rsplit(':', 1)[-1]}'")
    if len(node.value) > _SHOWN:
        return f"this value of {len(node.value):,} characters cannot be read as {kind}"
    return f"'{node.value}' cannot be read as {kind}"


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader._mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader._sequence)
_Loader.add_constructor("tag:yaml.org,2002:omap", _Loader._sequence)


def load(text: str, first_line: int = 1) -> Any:
    """Parse one YAML document whose first line is line ``first_line`` of its file.

    Raises :class:`YamlError` naming the file line on any fault.
    """
    loader = _Loader(text, first_line)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        fault = explain(exc, text)
        raise YamlError(fault.message, first_line + fault.line, fault.hint) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", first_line) from None
    except _UNREADABLE as exc:
        raise YamlError(f"invalid YAML value: {exc}", first_line) from None
    except RecursionError:
        raise YamlError("invalid YAML: nested too deeply", first_line, "write the value out flat") from None
    finally:
        loader.dispose()
