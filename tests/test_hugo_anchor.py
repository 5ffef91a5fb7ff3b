"""The benchmark's Hugo yardstick (scripts/hugo_anchor.py) publishes the same archive as Hugo would:
a page per roundup with every story, and a page per company and topic listing its stories."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts.generate_archive import generate
from scripts.hugo_anchor import convert

ROUNDUPS = 20
HEADLINE = re.compile(r"^## (.+)$", re.MULTILINE)
TAGS = re.compile(r"^Tags: (.+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small generated archive's roundups/, and its Hugo project."""
    root = tmp_path_factory.mktemp("hugo")
    generate(root / "archive", ROUNDUPS)
    assert convert(root / "archive" / "roundups", root / "site") == ROUNDUPS
    return root / "archive" / "roundups", root / "site"


def front(path: Path) -> dict:
    """The JSON front matter of a Hugo content file."""
    return json.loads(path.read_text(encoding="utf-8").split("\n\n", 1)[0])


def roundup_folder(site: Path, roundup: Path) -> Path:
    """Where a roundup file's section is in the Hugo content: 2025-12-27-evening.md at 2025/12/27/evening/."""
    year, month, day, *edition = roundup.stem.split("-")
    return site / "content" / year / month / day / "/".join(edition)


def test_each_roundup_is_a_section_with_a_page_per_story_in_order(archive) -> None:
    roundups, site = archive
    files = sorted(roundups.glob("2025/*.md"))
    sections = sorted(p.parent for p in (site / "content").glob("2025/**/_index.md") if front(p)["type"] == "roundup")
    assert sections == sorted(roundup_folder(site, f) for f in files)
    for file in files:
        text = file.read_text(encoding="utf-8")
        stories = sorted(roundup_folder(site, file).glob("[0-9]*.md"))
        assert [front(s)["title"] for s in stories] == HEADLINE.findall(text), file.name
        assert front(roundup_folder(site, file) / "_index.md")["title"] == yaml.safe_load(text.split("---")[1])["title"]


def test_every_tag_is_a_term_with_the_registrys_name_and_each_story_carries_its_tags(archive) -> None:
    roundups, site = archive
    registry = {section: yaml.safe_load((roundups / f"{section}.yml").read_text(encoding="utf-8"))
                for section in ("companies", "topics")}
    for file in roundups.glob("2025/*.md"):
        for story, line in zip(sorted(roundup_folder(site, file).glob("[0-9]*.md")),
                               TAGS.findall(file.read_text(encoding="utf-8")), strict=True):
            slugs = line.split(", ")
            tagged = front(story)
            assert tagged["companies"] + tagged["topics"] == slugs
            for section, slug in [("companies", s) for s in tagged["companies"]] + [("topics", s) for s in tagged["topics"]]:
                assert front(site / "content" / section / slug / "_index.md")["title"] == registry[section][slug]["name"]


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian: apt-get install hugo)")
def test_hugo_builds_a_company_page_listing_its_stories_and_linking_each_to_its_roundup(archive) -> None:
    roundups, site = archive
    subprocess.run(["hugo", "--quiet"], cwd=site, check=True, timeout=60)
    newest = max(roundups.glob("2025/*.md"))
    text = newest.read_text(encoding="utf-8")
    headline, company = HEADLINE.findall(text)[0], TAGS.findall(text)[0].split(", ")[0]
    roundup_page = html.unescape((site / "public" / "2025" / "12" / "31" / "index.html").read_text(encoding="utf-8"))
    anchor = re.search(rf'<h2 id="([^"]+)">{re.escape(headline)}</h2>', roundup_page)
    assert anchor, f"{headline!r} not a headline of the roundup's page"
    company_page = html.unescape((site / "public" / "companies" / company / "index.html").read_text(encoding="utf-8"))
    assert f'<a href="/2025/12/31/#{anchor[1]}">{headline}</a>' in company_page
    assert (site / "public" / "companies" / company / "index.xml").is_file()
