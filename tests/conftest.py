"""Shared fixtures: small content trees written inline, and builds of the real sample site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

COMPANIES = """\
xiaomi:
  name: Xiaomi Corp.
  name_zh: 小米集团
  aliases: [Xiaomi, 小米]
  tickers: ["1810.HK"]
  hq: Beijing
  url: https://www.mi.com/
  description: Smartphone and electronics maker that entered the EV market in 2024.
byd:
  name: BYD Co.
  name_zh: 比亚迪
  aliases: [BYD]
shengshu:
  name: Shengshu Technology
  name_zh: 生数科技
  aliases: [Shengshu]
"""

TOPICS = """\
ev:
  name: Electric vehicles
  name_zh: 电动汽车
ai:
  name: Artificial intelligence
"""


def roundup_text(
    date: str = "2024-03-12",
    title: str = "Xiaomi sets a date",
    extra: str = "",
    body: str = "## Xiaomi sets a sales date for the SU7\n\nTags: xiaomi, ev\n\nThe car goes on sale soon.\n",
) -> str:
    """A valid roundup, with ``extra`` frontmatter lines and ``body`` to vary one thing at a time."""
    return f"---\ntitle: {title}\ndate: {date}\nsummary: A short summary.\n{extra}---\n\n{body}"


@pytest.fixture
def content(tmp_path: Path):
    """Write a content tree (registry + roundups) under tmp_path; return a writer function."""
    (tmp_path / "roundups" / "2024").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "roundups" / "companies.yml").write_text(COMPANIES, encoding="utf-8")
    (tmp_path / "roundups" / "topics.yml").write_text(TOPICS, encoding="utf-8")

    def write(relpath: str, text: str | bytes) -> Path:
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    write.root = tmp_path  # type: ignore[attr-defined]
    return write


def site_project(tmp_path: Path, roundups: Path | None = None) -> Path:
    """A copy of the project (config, docs, hooks) to build elsewhere; roundups from ``roundups``."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(roundups or ROOT / "roundups", project / "roundups")
    return project


def mkdocs_build(project: Path, site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build` on ``project`` into ``site_dir``, as CI does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir), *args],
        cwd=project, capture_output=True, text=True, env=env, timeout=900,
    )


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real sample archive, built strictly from the repository into a temporary folder,
    with the build's log."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(ROOT, site, "--strict")
    assert result.returncode == 0, result.stderr
    return site, result.stderr


@pytest.fixture(scope="session")
def sample_site(sample_build: tuple[Path, str]) -> Path:
    return sample_build[0]


pytest_plugins = ["tests.browser"]  # site_url, browser, open_page: the real-browser fixtures
