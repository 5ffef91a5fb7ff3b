"""Problems found in the content, and the two ways of printing them."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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
    severity: str = ERROR

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command (an annotation on the diff)."""
        text = f"{self.field}: {self.message}" + (f" — {self.hint}" if self.hint else "")
        return f"::{self.severity} file={self.path},line={self.line}::{_github_escape(text)}"


def _github_escape(text: str) -> str:
    """Escape the characters GitHub's workflow-command parser treats specially."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that must fail a strict build."""
    return [p for p in problems if p.severity == ERROR]
