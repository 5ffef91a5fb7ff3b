"""The code is clean by the project's own rules: ruff and mypy, both configured in pyproject.toml.

Both tools run from the interpreter running the tests (``sys.executable -m …``), so the test works
in any virtual environment that has requirements-dev.txt installed, not only in ``.venv``.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LINTED = ("hooks", "scripts", "tests")


def python_scripts(root: Path = ROOT) -> list[str]:
    """The Python tools without a .py suffix (scripts/check…), which ruff's walk of a folder skips."""
    folder = root / "scripts"
    return sorted(
        path.relative_to(root).as_posix()
        for path in (folder.iterdir() if folder.is_dir() else ())
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


# One address rule ---------------------------------------------------------------------------------

SITE_FILES = re.compile(r"(?<![\w-])(?:index\.md|index\.html|feed\.xml|feed\.json|sitemap\.xml|sitemap-news\.xml"
                        r"|robots\.txt|permalinks\.json|bundles\.json|pagefind/|na-shell|companies/|topics/|archive/|people/"
                        r"|corrections/|standards/)"
                        r"|%Y/%m")
"""Names of the site's own files and folders, and its date paths: only urls.py spells them."""
ADDRESS_HOME = Path("hooks/newsarchive/urls.py")


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a Python file that are code, not docstrings, with their lines; an
    f-string counts with its placeholders as ``{}``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    attribute_docs = {id(node.value) for node in ast.walk(tree)
                      if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.append((node.lineno, _template(node)))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in docstrings | attribute_docs):
            found.append((node.lineno, node.value))
    return found


def _template(node: ast.JoinedStr) -> str:
    """An f-string with its placeholders as ``{}``, or ``{:spec}`` where they have a format."""
    parts = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            parts.append(str(part.value))
        elif isinstance(part, ast.FormattedValue) and isinstance(part.format_spec, ast.JoinedStr):
            parts.append("{:" + _template(part.format_spec) + "}")
        else:
            parts.append("{}")
    return "".join(parts)


def hand_built_addresses(root: Path = ROOT) -> list[str]:
    """Places outside urls.py that spell a file of the site or put a site path together by hand:
    in the core and the adapter, the tools, the theme's templates and the site's scripts."""
    found = []
    python = [*(root / "hooks").rglob("*.py"), *(root / "scripts").glob("*.py"),
              *(root / path for path in python_scripts(root))]
    for path in sorted(python):
        if path.relative_to(root) == ADDRESS_HOME:
            continue
        for line, text in _code_strings(path):
            if SITE_FILES.search(text) or text.startswith("/{}"):
                found.append(f"{path.relative_to(root)}:{line}: {text!r}")
    theme = [*(root / "hooks" / "theme").rglob("*.html"), *(root / "docs" / "javascripts").glob("*.js")]
    literal_url = re.compile(r"""["'][^"'{}]*["']\s*\|\s*url\b""")
    for path in sorted(theme):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if literal_url.search(line) or SITE_FILES.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_every_site_address_comes_from_urls_py() -> None:
    assert hand_built_addresses() == []


def test_the_address_rule_finds_a_path_built_by_hand(tmp_path: Path) -> None:
    module = tmp_path / "hooks" / "newsarchive" / "render" / "made_up.py"
    template = tmp_path / "hooks" / "theme" / "partials" / "made_up.html"
    module.parent.mkdir(parents=True)
    template.parent.mkdir(parents=True)
    module.write_text('URL = f"/{1}"\nFEED = "companies/x/feed.xml"\n"""A docstring may say index.md."""\n',
                      encoding="utf-8")
    template.write_text('<a href="{{ "archive/" | url }}">Archive</a>\n', encoding="utf-8")
    found = hand_built_addresses(tmp_path)
    assert found == ["hooks/newsarchive/render/made_up.py:1: '/{}'",
                     "hooks/newsarchive/render/made_up.py:2: 'companies/x/feed.xml'",
                     'hooks/theme/partials/made_up.html:1: <a href="{{ "archive/" | url }}">Archive</a>']
