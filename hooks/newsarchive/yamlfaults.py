"""What PyYAML's complaints mean for an author, and how to fix each, at the line to fix.

PyYAML says what its parser met ("mapping values are not allowed in this context"), often on the
line after the mistake (an unclosed quote is noticed at the end of the file). Each common fault is
recognised from the complaint and the text of its line, and told as the mistake an author made:
a ``: `` inside a value, a tab, a quote or bracket left open, a line indented out of step.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Where YAML ends a line, so that a mark's line number finds its text."""
_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?(?P<key>[^:#\s][^:#]*?)[ \t]*:(?:[ \t]+|$)")
"""The key that starts a line (``  title: …``, ``- date: …``) and the space after its colon."""
_SHOWN_VALUE = 60
"""Characters of a value a hint repeats in quotes; a longer value is shown as ``…``."""
_RESERVED = "@`%*!&|>,]}"
"""Characters YAML gives a meaning at the start of a value (``*`` names an alias, ``!`` a type,
``|`` starts a block of lines)."""


class Fault(NamedTuple):
    message: str
    hint: str
    line: int
    """0-based line of the text where the author should look."""


def explain(error: yaml.MarkedYAMLError, text: str) -> Fault:
    """The fault ``error`` reports in ``text``, as what to fix and where."""
    lines = _LINE_BREAK.split(text)
    problem, context = error.problem or "", error.context or ""
    at = error.problem_mark or error.context_mark
    opened = error.context_mark or at
    row, column = (at.line, at.column) if at else (0, 0)
    line = lines[row] if row < len(lines) else ""
    char = _char(lines, row, column)
    opening = _char(lines, opened.line, opened.column) if opened else ""  # a quote mark, a bracket…
    if char == "\t" or "tab character" in problem:
        return Fault("a tab is used here, and YAML allows only spaces for indentation",
                     "replace the tab with spaces", row)
    if "quoted scalar" in context and "end of stream" in problem and opened:
        return Fault(f"the quote mark {opening} that opens this value is never closed",
                     f"end the value with {opening} as well", opened.line)
    if "unknown escape" in problem:
        return Fault("a backslash in double quotes starts an escape, and this one is unknown",
                     "write \\\\ for a backslash, or put the value in single quotes instead", row)
    if problem.startswith("mapping values are not allowed"):
        return _colon(line, column, row)
    if "expected ':'" in problem and opened:
        return Fault("this line has no ': ' after its key",
                     "write 'key: value', or indent a line that continues the value above it", opened.line)
    if context.startswith("while parsing a flow") and opened and opening in ("[", "{"):
        kind, closing = ("mapping", "}") if opening == "{" else ("list", "]")
        return Fault(f"the '{opening}' here opens a {kind} that is not closed properly",
                     f"end it with '{closing}', or put the whole value in quotes if the '{opening}' is part of "
                     "the text", opened.line)
    if any(found in problem for found in ("expected key", "expected <block end>", "expected '-'", "<document start>")):
        return _out_of_step(line, column, row)
    for first in (_value_start(line), char):
        if first and first in _RESERVED:
            return Fault(f"a value cannot start with '{first}'", _quote_hint(line), row)
    return Fault(f"invalid YAML: {problem or error}", "check the quotes, colons and indentation of this line", row)


def _char(lines: list[str], row: int, column: int) -> str:
    """The character at a mark; "" past the end of the text."""
    return lines[row][column : column + 1] if row < len(lines) else ""


def _colon(line: str, column: int, row: int) -> Fault:
    """A ``:`` YAML takes for the end of a key: inside a value, or a key where none may start."""
    key = _KEY.match(line)
    if key is not None and column >= key.end():
        return Fault("the value has ': ' in it", _quote_hint(line), row)
    return Fault("a key is not expected here",
                 "line it up with the keys around it, and check that the line above is 'key: value'", row)


def _out_of_step(line: str, column: int, row: int) -> Fault:
    """A line the block it is in cannot take: text after a closing quote, or indented out of step."""
    key = _KEY.match(line)
    if key is not None and line[key.end() : key.end() + 1] in ("'", '"') and column > key.end():
        quote = line[key.end()]
        if quote == "'":
            hint = "inside single quotes write an apostrophe twice ('it''s'), or put the value in double quotes"
        else:
            hint = "inside double quotes write a quote mark as \\\", or put the value in single quotes"
        return Fault("the value goes on after its closing quote", hint, row)
    if line.lstrip().startswith("-"):
        return Fault("a list item is not expected here",
                     "line up the '- ' items under each other, indented under their key, or write the list as [a, b]",
                     row)
    return Fault("this line is not indented like the lines around it",
                 "line up the keys of one level under each other, with spaces only", row)


def _value_start(line: str) -> str:
    """The first character of the value on ``line``, after its key or list dash."""
    key = _KEY.match(line)
    value = line[key.end() :] if key is not None else line.lstrip(" \t").removeprefix("- ")
    return value.lstrip(" \t")[:1]


def _quote_hint(line: str) -> str:
    """``put the whole value in quotes: title: "Xiaomi: a new car"``, for the key of ``line``."""
    key = _KEY.match(line)
    if key is None:
        return "put the whole value in quotes"
    value = line[key.end() :].strip()
    shown = value.replace("\\", "\\\\").replace('"', '\\"') if len(value) <= _SHOWN_VALUE else "…"
    return f'put the whole value in quotes: {key.group("key")}: "{shown}"'
