"""The code is clean by the project's own rules: ruff and mypy, both configured in pyproject.toml.

Both tools run from the interpreter running the tests (``sys.executable -m …``), so the test works
in any virtual environment that has requirements-dev.txt installed, not only in ``.venv``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

LINTED = ("hooks", "scripts", "tests")


def python_scripts() -> list[str]:
    """The Python tools without a .py suffix (scripts/check…), which ruff's walk of a folder skips."""
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "scripts").iterdir()
        if path.is_file() and not path.suffix and "python" in _shebang(path)
    )


def _shebang(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as file:
        line = file.readline()
    return line if line.startswith("#!") else ""


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=900)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "--no-cache", "--output-format", "concise", *LINTED, *python_scripts())
    findings = f"{result.stdout}{result.stderr}".strip()
    if result.returncode != 0:
        print(findings)
    assert result.returncode == 0, f"ruff: {findings.splitlines()[-1] if findings else 'failed'} (printed below)"


def test_mypy_succeeds() -> None:
    result = run("mypy")  # files and options from [tool.mypy]
    findings = f"{result.stdout}{result.stderr}".strip()
    succeeded = result.returncode == 0 and "Success" in result.stdout
    if not succeeded:
        print(findings)
    assert succeeded, f"mypy: {findings.splitlines()[-1] if findings else 'failed'} (printed below)"
