"""Typed reading of YAML fields, shared by the frontmatter and the registry.

Every reader records a Problem instead of raising and returns a usable default, so one pass over
a file reports all of its faults.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process

from . import limits
from .limits import TEXT_CHARS
from .links import disguise_problem, is_web_url, meant_address
from .problems import ERROR, Problem, Severity
from .yamlload import Mapping, Sequence

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""How a date is written: YYYY-MM-DD, and no other form ISO 8601 allows (2024-W10-2, 2024-072, 20240312)."""
FIRST_YEAR = 1000
"""Years have four digits: the URLs (/2024/03/12/) and file names (2024-03-12.md) rely on it."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def closest(word: str, choices: Iterable[str], cutoff: float = 70) -> str | None:
    """The choice most like ``word``, if any is close enough to be a likely typo."""
    match = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None


def _kind(value: Any) -> str:
    """How to name a wrongly typed value in a message."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} (YAML reads yes/no/on/off/true/false as booleans)"
    if value is None:
        return "empty"
    for kind, name in ((dict, "a mapping"), (list, "a list"), ((int, float), "a number")):
        if isinstance(value, kind):
            return name
    return f"'{value}'"


def _blank(value: Any) -> bool:
    """Whether a field is written with no value: ``summary:`` alone, or only spaces in quotes."""
    return value is None or (isinstance(value, str) and not value.strip())


class FieldReader:
    """Reads the fields of one file's YAML, collecting problems as it goes."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def report(self, line: int, field: str, message: str, hint: str = "", severity: Severity = ERROR) -> None:
        self.problems.append(Problem(self.path, line, field, message, hint, severity))

    def mapping(self, value: Any, line: int, field: str) -> Mapping | None:
        if isinstance(value, Mapping):
            return value
        self.report(line, field, f"must be a mapping of keys to values, not {_kind(value)}")
        return None

    def known_keys(self, data: Mapping, allowed: Iterable[str], where: str = "") -> None:
        allowed = list(allowed)
        for key in data:
            if key not in allowed:
                guess = closest(key, allowed)
                hint = f"did you mean '{guess}'?" if guess else "allowed keys: " + ", ".join(allowed)
                self.report(data.key_lines[key], where + key, f"unknown key '{key}'", hint)

    def required(self, data: Mapping, keys: Iterable[str], where: str = "", line: int = 0) -> None:
        """Report each of ``keys`` missing from ``data``, at ``line`` (default: where ``data`` starts)."""
        for key in keys:
            if key not in data:
                self.report(line or data.line, where + key, f"'{key}' is missing", f"add a '{key}:' line")

    def text(self, data: Mapping, key: str, where: str = "", limit: int = TEXT_CHARS, meant: str = "its text") -> str:
        """A non-empty single string of at most ``limit`` characters; numbers and booleans are
        refused, not converted. ``meant`` is what the field holds, for the hint when it is empty
        ("a one-sentence summary")."""
        if key not in data:
            return ""
        value = data[key]
        if _blank(value):
            self.report(data.key_lines[key], where + key, "is empty", f"write {meant} after '{key}:'")
            return ""
        if isinstance(value, str) and value.strip():
            if _CONTROL.search(value):
                self.report(data.key_lines[key], where + key, "contains control characters", "delete them")
            if len(value.strip()) > limit:
                self.report(data.key_lines[key], where + key, f"is {len(value.strip()):,} characters long, more than "
                            f"the {limit:,} allowed", "shorten it")
                return ""
            return value.strip()
        self.report(
            data.key_lines[key], where + key, f"must be text, not {_kind(value)}", f"write it in quotes: {key}: \"…\""
        )
        return ""

    def url(self, data: Mapping, key: str, where: str = "") -> str:
        value = self.text(data, key, where, meant="a full address starting with https://")
        return self._web_address(value, data.key_lines[key], where + key) if value else ""

    def _web_address(self, value: str, line: int, field: str) -> str:
        """``value`` if it is an http(s) address that leads where it says; else "" and the problem."""
        if problem := url_problem(value):
            self.report(line, field, *problem)
            return ""
        return value

    def url_list(self, data: Mapping, key: str, where: str = "") -> tuple[str, ...]:
        """A list of http(s) addresses (a person's profiles), each checked as ``url`` checks one."""
        items = self.text_list(data, key, where)
        if not items:
            return ()
        value = data[key]
        line_of = {item.strip(): line for item, line in zip(value, value.item_lines, strict=True)
                   if isinstance(item, str)}
        return tuple(address for item in items if (address := self._web_address(item, line_of[item], where + key)))

    def text_list(self, data: Mapping, key: str, where: str = "") -> tuple[str, ...]:
        if key not in data:
            return ()
        value = data[key]
        if not isinstance(value, Sequence):
            self.report(data.key_lines[key], where + key, f"must be a list, not {_kind(value)}", f"write {key}: [a, b]")
            return ()
        if len(value) > limits.TAGS:
            self.report(data.key_lines[key], where + key,
                        f"has {len(value)} items, more than the {limits.TAGS} allowed", "keep the ones readers use")
            return ()
        items = []
        for item, line in zip(value, value.item_lines, strict=True):
            if isinstance(item, str) and item.strip() and len(item.strip()) > limits.NAME_CHARS:
                self.report(line, where + key, f"an item is {len(item.strip()):,} characters long, more than "
                            f"{limits.NAME_CHARS}", "shorten it")
            elif isinstance(item, str) and item.strip():
                items.append(item.strip())
            elif _blank(item):
                self.report(line, where + key, "an item is empty", "write it, or delete it")
            else:
                self.report(line, where + key, f"items must be text, not {_kind(item)}", "put the item in quotes")
        return tuple(items)

    def boolean(self, data: Mapping, key: str, where: str = "") -> bool:
        if key not in data:
            return False
        value = data[key]
        if isinstance(value, bool):
            return value
        self.report(data.key_lines[key], where + key, f"must be true or false, not {_kind(value)}")
        return False

    def date(self, data: Mapping, key: str, where: str = "") -> dt.date | None:
        if key not in data:
            return None
        value = data[key]
        line = data.key_lines[key]
        if _blank(value):
            self.report(line, where + key, "is empty", "write the date as YYYY-MM-DD, e.g. 2024-03-12")
            return None
        day, problem = read_date(value)
        if problem:
            self.report(line, where + key, *problem)
        return day


def read_date(value: object) -> tuple[dt.date | None, tuple[str, str] | None]:
    """The day ``value`` (as an author wrote it) is, or what is wrong with it and how to fix it."""
    if not isinstance(value, str) or not DATE.fullmatch(value.strip()):
        return None, (f"'{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2024-03-12")
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return None, (f"'{value}' is not a real date", "check the day and the month")
    if day.year < FIRST_YEAR:
        return None, (f"'{value}' is before the year {FIRST_YEAR}", "check the year")
    return day, None


def url_problem(value: str) -> tuple[str, str] | None:
    """What is wrong with ``value`` as a web address an author wrote, and how to fix it; None for
    an http(s) address the site links."""
    if disguised := disguise_problem(value):
        return disguised
    if is_web_url(value):
        return None
    meant = meant_address(value)
    return (f"'{value}' is not an http(s) URL",
            f"write {meant}" if meant.startswith("http") else "write a full address starting with https://")
