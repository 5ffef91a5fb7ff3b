"""Permalinks never break: the build's URL manifest, and scripts/check-permalinks against the
deployed site's, with mkdocs-redirects as the way to rename a page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import COMPANIES, ROOT, TOPICS, mkdocs_build, roundup_text, site_project

from newsarchive.permalinks import MANIFEST, redirected, url_of

NO_REDIRECTS = "      redirect_maps: {}\n"


def check_permalinks(old: Path, new: Path, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check-permalinks"), str(old), str(new), "--redirects", str(config)],
        capture_output=True, text=True, timeout=60,
    )


def write_manifest(path: Path, urls: list[str]) -> Path:
    path.write_text(json.dumps({"site_url": "https://example.org/", "urls": urls}), encoding="utf-8")
    return path


def project_with(tmp_path: Path, roundups: dict[str, str]) -> Path:
    """A copy of the project whose roundups are ``roundups`` (file name in 2024/ -> text)."""
    folder = tmp_path / "content"
    (folder / "2024").mkdir(parents=True)
    (folder / "companies.yml").write_text(COMPANIES, encoding="utf-8")
    (folder / "topics.yml").write_text(TOPICS, encoding="utf-8")
    for name, text in roundups.items():
        (folder / "2024" / name).write_text(text, encoding="utf-8")
    return site_project(tmp_path, folder)


def build(project: Path, site: Path) -> set[str]:
    result = mkdocs_build(project, site, "--strict")
    assert result.returncode == 0, result.stderr
    return set(json.loads((site / MANIFEST).read_text(encoding="utf-8"))["urls"])


def page_urls(site: Path) -> set[str]:
    """URLs of the pages of a built site: every folder with an index.html."""
    return {"/" + "".join(f"{part}/" for part in p.parent.relative_to(site).parts) for p in site.rglob("index.html")}


@pytest.mark.parametrize(("src_uri", "url"), [
    ("index.md", "/"),
    ("2024/03/12/index.md", "/2024/03/12/"),
    ("about.md", "/about/"),
    ("feed.xml", "/feed.xml"),
    ("companies/xiaomi/feed.xml", "/companies/xiaomi/feed.xml"),
])
def test_url_of_follows_mkdocs_directory_urls(src_uri: str, url: str) -> None:
    assert url_of(src_uri) == url


def test_redirects_are_read_from_mkdocs_yml_even_with_python_tags() -> None:
    config = """\
site_name: x
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - redirects:
      redirect_maps:
        2024/03/12/index.md: 2024/03/12/evening/index.md
        old-about.md: about.md
"""
    assert redirected(config) == {"/2024/03/12/", "/old-about/"}
    assert redirected((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) == set()


def test_a_vanished_url_fails_until_it_is_redirected(tmp_path: Path) -> None:
    old = write_manifest(tmp_path / "old.json", ["/", "/2024/03/12/", "/about/", "/feed.xml"])
    new = write_manifest(tmp_path / "new.json", ["/", "/2024/03/12/evening/", "/about/", "/feed.xml"])
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")

    result = check_permalinks(old, new, config)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "/2024/03/12/: published by the deployed site, gone from this build and not redirected"
    assert "          2024/03/12/index.md: <new page>/index.md" in result.stdout.splitlines()

    config.write_text(config.read_text(encoding="utf-8").replace(
        NO_REDIRECTS, "      redirect_maps:\n        2024/03/12/index.md: 2024/03/12/evening/index.md\n"
    ), encoding="utf-8")
    result = check_permalinks(old, new, config)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "All 4 URLs of the deployed site are kept (1 by a redirect).\n"


def test_a_broken_manifest_is_an_error_not_a_pass(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text("<html>Not found</html>", encoding="utf-8")
    new = write_manifest(tmp_path / "new.json", ["/"])
    result = check_permalinks(old, new, ROOT / "mkdocs.yml")
    assert result.returncode == 2
    assert result.stderr.startswith("check-permalinks: ")


def test_the_build_lists_every_url_and_a_redirect_keeps_a_renamed_roundup(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"2024-03-12.md": roundup_text()})
    first = build(project, tmp_path / "first")
    site = tmp_path / "first"
    assert page_urls(site) <= first
    assert {"/", "/2024/03/12/", "/about/", "/authoring/", "/companies/xiaomi/", "/topics/ev/", "/feed.xml",
            f"/{MANIFEST}"} <= first
    assert all((site / url.lstrip("/")).exists() for url in first)

    # The roundup turns out to be the evening edition: its file is renamed, so its URL changes.
    (project / "roundups/2024/2024-03-12.md").rename(project / "roundups/2024/2024-03-12-evening.md")
    second = build(project, tmp_path / "second")
    result = check_permalinks(site / MANIFEST, tmp_path / "second" / MANIFEST, project / "mkdocs.yml")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:1] == [
        "/2024/03/12/: published by the deployed site, gone from this build and not redirected"
    ]
    assert "/2024/03/12/evening/" in second

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        NO_REDIRECTS, "      redirect_maps:\n        2024/03/12/index.md: 2024/03/12/evening/index.md\n"
    ), encoding="utf-8")
    build(project, tmp_path / "third")
    result = check_permalinks(site / MANIFEST, tmp_path / "third" / MANIFEST, config)
    assert result.returncode == 0, result.stdout
    redirect_page = (tmp_path / "third" / "2024/03/12/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=evening/"' in redirect_page
