"""Problems found in the content, the one rule of which of them fail, and how they are printed.

Every problem has a severity:

- ``error``: the page would be wrong or missing. Fails ``scripts/check`` and a strict build.
- ``warning``: probably a slip (a tag listed twice); the site is right all the same.
- ``suggestion``: something worth a look (a company named in a story but not tagged).

Warnings and suggestions never fail anything: the check, the build and the preview share
``failed`` to decide.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "suggestion"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
SUGGESTION: Severity = "suggestion"
SEVERITIES: tuple[Severity, ...] = (ERROR, WARNING, SUGGESTION)
_GITHUB_COMMAND = {ERROR: "error", WARNING: "warning", SUGGESTION: "notice"}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an author's file, located precisely enough to fix it."""

    path: str
    """Repository-relative path of the file, e.g. ``roundups/2024/2024-03-12.md``."""
    line: int
    """1-based line in that file (1 when the whole file is at fault)."""
    field: str
    """What the problem is about: a frontmatter key, ``Tags``, ``story``, ``file``."""
    message: str
    """What is wrong."""
    hint: str = ""
    """How to fix it, e.g. ``did you mean 'xiaomi' (Xiaomi Corp., 小米集团)?``."""
    severity: Severity = ERROR

    @property
    def text(self) -> str:
        """What is wrong and how to fix it, without the location, on one printable line:
        ``Tags: unknown tag … — did you mean …?``."""
        text = f"{self.field}: {self.message}"
        return printable(f"{text} — {self.hint}" if self.hint else text)

    def __str__(self) -> str:
        """Compiler-style: ``roundups/2024/2024-03-12.md:14: error: Tags: unknown tag 'xiaomy' — …``."""
        return f"{printable(self.path)}:{self.line}: {self.severity}: {self.text}"

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command: an annotation on its line of the diff."""
        command = _GITHUB_COMMAND[self.severity]
        return (f"::{command} file={_github_property(printable(self.path))},line={self.line}"
                f"::{_github_data(self.text)}")


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
"""What a terminal or a CI log would act on instead of showing: line breaks (a new line in a log
can start a workflow command such as ``::error``), other C0 and C1 controls (``ESC [`` sequences
recolour, move the cursor or retitle the terminal) and the bidirectional controls, which reorder
what is shown."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` safe to print on one line of a terminal or a CI log: every line break, control
    and bidirectional control shown as its escape (``\\n``, ``\\x1b``, ``\\u202e``), the rest as
    it is. Every message about the content goes through it, file names included."""
    return _UNPRINTABLE.sub(lambda found: _NAMED.get(found[0]) or _escape(found[0]), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _github_data(text: str) -> str:
    """Escape the message of a workflow command as GitHub's runner reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """Escape a property value (a file name): also ``:`` and ``,``, which end a property."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


FILE_PROBLEMS = 100
"""Problems listed for one file; the rest are counted in one more line. A file pasted wrong can
make tens of thousands (a line of dashes under each of thousands of lines)."""


def capped(problems: list[Problem], limit: int = FILE_PROBLEMS) -> list[Problem]:
    """The problems of one file in line order, at most ``limit`` of them then one that counts the
    rest, as severe as the worst of those: the verdict does not change."""
    if len(problems) <= limit:
        return problems
    ordered = sorted(problems, key=lambda problem: problem.line)
    listed, rest = ordered[:limit], ordered[limit:]
    first = rest[0]
    worst = min((problem.severity for problem in rest), key=SEVERITIES.index)
    return [*listed, Problem(first.path, first.line, "file",
                             f"{len(rest):,} more problems from this line on are not listed ({counts(rest)})",
                             "fix the ones listed, then check again", worst)]


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that fail the check and a strict build: the one pass/fail rule."""
    return [p for p in problems if p.severity == ERROR]


def failed(problems: Iterable[Problem]) -> bool:
    return bool(errors(problems))


def counts(problems: Iterable[Problem]) -> str:
    """``2 errors, 1 warning, no suggestions``: how many of each kind."""
    found = Counter(p.severity for p in problems)
    return ", ".join(f"{found[kind]:,} {kind}{'' if found[kind] == 1 else 's'}" if found[kind] else f"no {kind}s"
                     for kind in SEVERITIES)
