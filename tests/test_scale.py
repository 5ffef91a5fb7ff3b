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
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
import yaml
from newsarchive.render.feeds import ENTRY_LIMIT, SITE_LIMIT
from newsarchive.render.front_page import EARLIER
from newsarchive.render.layout import OLDER_PER_PAGE, PER_PAGE

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


def test_home_page_leads_with_the_newest_roundup_and_lists_the_next_ones(archive: Archive) -> None:
    shown = list(dict.fromkeys(matching(ROUNDUP_LINK, links(archive.site, "/"))))
    assert EARLIER == 9
    assert shown == [r.url for r in archive.roundups[: 1 + EARLIER]]
    lead = page(archive.site, "/").xpath('//section[@class="na-lead"]//ol[contains(@class, "na-lead__stories")]/li/a/@href')
    assert [unquote(urljoin("/", href)) for href in lead] == [s.link for s in archive.stories if s.date == archive.roundups[0].date
                                                            and s.link.startswith(archive.roundups[0].url + "#")]


def test_month_pages_list_every_roundup_of_their_month(archive: Archive) -> None:
    months: dict[str, set[str]] = {}
    for roundup in archive.roundups:
        months.setdefault(f"/{roundup.date:%Y/%m}/", set()).add(roundup.url)
    assert len(months) >= 13
    for month, expected in months.items():
        assert set(matching(ROUNDUP_LINK, links(archive.site, month))) == expected, month


def test_company_and_topic_listings_hold_every_story_newest_first_in_pages(archive: Archive) -> None:
    most_pages = 0
    for slug, section in archive.sections.items():
        tagged = [story.link for story in archive.tagged(slug)]
        # the newest PER_PAGE first, then OLDER_PER_PAGE a page; an entry without stories has its page too
        starts = [0, *range(PER_PAGE, len(tagged), OLDER_PER_PAGE)]
        count = len(starts)
        most_pages = max(most_pages, count)
        pages = [listing_url(section, slug, n) for n in range(1, count + 1)]
        for number, url in enumerate(pages, start=1):
            found = links(archive.site, url)
            on_page = matching(STORY_LINK, found)
            size = PER_PAGE if number == 1 else OLDER_PER_PAGE
            assert on_page == tagged[starts[number - 1] : starts[number - 1] + size], url
            if count > 1:  # the first, the last and two on either side: a bounded pager at any size
                near = {pages[n - 1] for n in (1, count, *range(number - 2, number + 3)) if 1 <= n <= count}
                assert near - {url} <= set(found), f"{url} does not link the pages near it of {slug}"
                assert set(pages) & set(found) <= near, f"{url} links pages of {slug} far from it"
        after = listing_url(section, slug, count + 1)
        assert not (archive.site / after.lstrip("/") / "index.html").exists(), after
    assert most_pages >= 3, "the generated archive should be big enough to split a listing into 3+ pages"


# Company and topic pages that follow a story (issue 16) -----------------------------------------

def _periods(archive: Archive, slug: str) -> list[tuple[tuple[int, int], int]]:
    """The stories of ``slug`` per month, from its first month to its last (the generated archive
    spans about 13 months, so the chart is monthly)."""
    counts: dict[tuple[int, int], int] = {}
    for story in archive.tagged(slug):
        counts[(story.date.year, story.date.month)] = counts.get((story.date.year, story.date.month), 0) + 1
    (y0, m0), (y1, m1) = min(counts), max(counts)
    months = [((y0 * 12 + m0 - 1 + i) // 12, (m0 - 1 + i) % 12 + 1) for i in range((y1 - y0) * 12 + m1 - m0 + 1)]
    return [(month, counts.get(month, 0)) for month in months]


def test_every_chart_has_a_bar_per_month_as_tall_as_its_stories(archive: Archive) -> None:
    checked = 0
    for slug, section in archive.sections.items():
        if not archive.tagged(slug):
            continue
        chart = page(archive.site, listing_url(section, slug)).xpath('//figure[@class="na-chart"]')[0]
        periods = _periods(archive, slug)
        bars = chart.xpath(".//rect")
        assert len(bars) == len(periods), slug
        tallest = max(n for _, n in periods)
        for rect, (month, count) in zip(bars, periods, strict=True):
            height = float(rect.get("height"))
            if count:
                assert abs(height - max(count / tallest * 39, 1)) < 0.11, (slug, month)
                title = rect.xpath("./title")[0].text_content()
                assert title == f"{dt.date(*month, 1):%B %Y}: {count} stor{'y' if count == 1 else 'ies'}"
            else:
                assert height < 1, (slug, month)
        caption = chart.xpath("./figcaption")[0].text_content()
        total = sum(n for _, n in periods)
        busiest = max(periods, key=lambda period: period[1])
        assert f"{total} stor" in caption and caption.endswith(f": {busiest[1]}."), caption
        assert f"{dt.date(*busiest[0], 1):%B}" in caption.split("most in ")[1], caption
        checked += 1
    assert checked > 300


def test_covered_with_counts_the_stories_tagged_together(archive: Archive) -> None:
    for slug, section in list(archive.sections.items())[::7]:
        stories = archive.tagged(slug)
        if not stories:
            continue
        together: dict[str, int] = {}
        for story in stories:
            for other in story.tags:
                if other != slug:
                    together[other] = together.get(other, 0) + 1
        box = page(archive.site, listing_url(section, slug)).xpath('//section[@class="na-covered"]')
        assert box, slug
        here = listing_url(section, slug)
        for kind in ("/companies/", "/topics/"):
            listed = {}
            for item in box[0].xpath(".//li[a]"):
                target = urljoin(here, item.xpath("./a/@href")[0])
                if target.startswith(kind):
                    listed[target[len(kind):].strip("/")] = int(item.xpath('./span[@class="na-count"]')[0].text_content())
            expected = {other: n for other, n in together.items() if archive.sections[other] == kind}
            assert len(listed) == min(8, len(expected)), (slug, kind)
            assert all(listed[other] == expected[other] for other in listed), (slug, kind)
            if listed:
                assert max((n for other, n in expected.items() if other not in listed), default=0) <= min(listed.values())


def test_every_story_links_to_the_story_before_it_on_its_lead_company(archive: Archive) -> None:
    by_company: dict[str, list[Story]] = {}
    for story in archive.stories:
        for slug in story.tags:
            if archive.sections[slug] == "/companies/":
                by_company.setdefault(slug, []).append(story)
    checked = 0
    pages: dict[str, lxml.html.HtmlElement] = {}
    for story in archive.stories[::5]:
        lead = next(slug for slug in story.tags if archive.sections[slug] == "/companies/")
        line = by_company[lead]
        position = line.index(story)
        url, anchor = story.link.split("#")
        earlier = next((other for other in line[position + 1 :] if not other.link.startswith(url + "#")), None)
        if earlier is None:  # a story of the same roundup is not an earlier one
            continue
        html = pages.setdefault(url, page(archive.site, url))
        section = html.xpath(f'//section[h2/@id="{anchor}"]')[0]
        first = section.xpath('.//ul[@class="na-thread"]/li')[0]
        assert first.text_content().startswith("Earlier on "), story.link
        assert unquote(urljoin(url, first.xpath("./a/@href")[0])) == earlier.link, story.link
        checked += 1
    assert checked > 300


def test_a_company_without_stories_has_a_page_that_says_so_and_feeds_but_no_index_entry(archive: Archive) -> None:
    quiet = [slug for slug in archive.sections if not archive.tagged(slug)]
    assert quiet, "the generated registry should hold companies that no story tags"
    index = " ".join(page(archive.site, "/companies/").xpath('//div[@class="na-index-columns"]//a/@href'))
    sitemap = (archive.site / "sitemap.xml").read_text(encoding="utf-8")
    for slug in quiet:
        url = listing_url(archive.sections[slug], slug)
        html = page(archive.site, url)
        assert html.xpath('//meta[@name="robots"]/@content') == ["noindex"], slug
        assert "No stories in the archive yet." in html.xpath('//article[@id="na-content"]')[0].text_content(), slug
        assert (archive.site / url.lstrip("/") / "feed.xml").is_file() and f"{slug}/" not in index, slug
        assert f"{url}</loc>" not in sitemap, slug


def test_feeds_hold_the_newest_ten_stories_of_a_company_and_fifty_roundups(archive: Archive) -> None:
    import json

    busiest = max((slug for slug in archive.sections), key=lambda slug: len(archive.tagged(slug)))
    feed = json.loads((archive.site / archive.sections[busiest].strip("/") / busiest / "feed.json").read_text())
    assert len(archive.tagged(busiest)) > ENTRY_LIMIT == 10
    assert [urlsplit(unquote(item["url"])).path.removeprefix("/roundup-archive") + "#" + unquote(item["url"]).split("#")[1]
            for item in feed["items"]] == [s.link for s in archive.tagged(busiest)[:ENTRY_LIMIT]]
    site_feed = json.loads((archive.site / "feed.json").read_text())
    assert SITE_LIMIT == 50 and len(site_feed["items"]) == 50
