"""A generated archive of a few hundred roundups: every listing is bounded, linked and complete.

The expected contents come from the generated source files (dates, headlines, Tags lines), not
from the core's own index, so a story missing from a listing is caught.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin

import lxml.html
import pytest
import yaml
from newsarchive.render.pages import HOME_ROUNDUPS, PER_PAGE

from tests.conftest import ROOT, mkdocs_build

ROUNDUPS = 400
ROUNDUP_LINK = re.compile(r"/\d{4}/\d{2}/\d{2}/(?:[a-z0-9-]+/)?")
STORY_LINK = re.compile(ROUNDUP_LINK.pattern + r"#.+")
FILE_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-([a-z0-9-]+))?\.md")


@dataclass(frozen=True)
class Source:
    """One generated roundup as written: where it publishes and its stories' headlines and tags."""

    url: str
    date: dt.date
    edition: str
    stories: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Story:
    date: dt.date
    link: str
    """``/2025/03/12/#anchor``, the anchor read from the roundup's own page."""
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Archive:
    site: Path
    roundups: list[Source]
    """Newest first; on one day the later edition first."""
    stories: list[Story]
    """In the same order, and in file order within a roundup."""
    sections: dict[str, str]
    """Slug -> "/companies/" or "/topics/"."""

    def tagged(self, slug: str) -> list[Story]:
        return [story for story in self.stories if slug in story.tags]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    project = tmp_path_factory.mktemp("scale") / "project"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_archive.py"), "--roundups", str(ROUNDUPS),
         "--project", str(project)],
        check=True, capture_output=True,
    )
    site = project.parent / "site"
    result = mkdocs_build(project, site, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    sections = {}
    for file_name, section in (("companies.yml", "/companies/"), ("topics.yml", "/topics/")):
        registry = yaml.safe_load((project / "roundups" / file_name).read_text(encoding="utf-8"))
        sections.update(dict.fromkeys(registry, section))
    roundups = [_read(path) for path in (project / "roundups").glob("*/*.md")]
    roundups.sort(key=lambda r: (r.date, bool(r.edition), r.edition), reverse=True)
    assert len(roundups) == ROUNDUPS
    stories = []
    for roundup in roundups:
        anchors = {h.text_content().rstrip("¶").strip(): h.get("id") for h in page(site, roundup.url).xpath("//h2[@id]")}
        stories += [Story(roundup.date, f"{roundup.url}#{anchors[headline]}", tags) for headline, tags in roundup.stories]
    return Archive(site, roundups, stories, sections)


def _read(path: Path) -> Source:
    day, edition = FILE_NAME.fullmatch(path.name).groups()
    date = dt.date.fromisoformat(day)
    lines = path.read_text(encoding="utf-8").splitlines()
    stories = [
        (line[3:], tuple(t.strip() for t in lines[number + 2].removeprefix("Tags:").split(",")))
        for number, line in enumerate(lines) if line.startswith("## ")
    ]
    url = f"/{date:%Y/%m/%d}/" + (f"{edition}/" if edition else "")
    return Source(url, date, edition or "", tuple(stories))


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / url.lstrip("/") / "index.html")).getroot()


def links(site: Path, url: str) -> list[str]:
    """Every link in the page's content area, resolved to a site path (with any #fragment)."""
    content = page(site, url).xpath('//div[contains(@class, "md-content")]')[0]
    return [unquote(urljoin(url, href)) for href in content.xpath(".//a/@href")]


def matching(pattern: re.Pattern, found: list[str]) -> list[str]:
    return [link for link in found if pattern.fullmatch(link)]


def listing_url(section: str, slug: str, number: int = 1) -> str:
    return f"{section}{slug}/" + (f"page/{number}/" if number > 1 else "")


def test_home_page_shows_the_newest_roundups(archive: Archive) -> None:
    shown = list(dict.fromkeys(matching(ROUNDUP_LINK, links(archive.site, "/"))))
    assert HOME_ROUNDUPS == 10
    assert shown == [r.url for r in archive.roundups[:HOME_ROUNDUPS]]


def test_month_pages_list_every_roundup_of_their_month(archive: Archive) -> None:
    months: dict[str, set[str]] = {}
    for roundup in archive.roundups:
        months.setdefault(f"/{roundup.date:%Y/%m}/", set()).add(roundup.url)
    assert len(months) >= 13
    for month, expected in months.items():
        assert set(matching(ROUNDUP_LINK, links(archive.site, month))) == expected, month


def test_company_and_topic_listings_hold_every_story_in_pages_of_at_most_per_page(archive: Archive) -> None:
    most_pages = 0
    for slug, section in archive.sections.items():
        tagged = [story.link for story in archive.tagged(slug)]
        count = max(1, -(-len(tagged) // PER_PAGE))
        most_pages = max(most_pages, count)
        pages = [listing_url(section, slug, n) for n in range(1, count + 1)]
        for number, url in enumerate(pages, start=1):
            found = links(archive.site, url)
            on_page = matching(STORY_LINK, found)
            assert len(on_page) <= PER_PAGE
            assert on_page == tagged[(number - 1) * PER_PAGE : number * PER_PAGE], url
            if count > 1:
                assert set(pages) - {url} <= set(found), f"{url} does not link every page of {slug}"
        after = listing_url(section, slug, count + 1)
        assert not (archive.site / after.lstrip("/") / "index.html").exists(), after
    assert most_pages >= 3, "the generated archive should be big enough to split a listing into 3+ pages"
