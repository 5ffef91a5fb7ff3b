"""Corrections in the open: a correction names its story, the roundup's page leads to it, and the
corrections page and its feeds list every correction, newest first."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from newsarchive.render.units import CorrectionsUnit, affected
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import roundup_text
from tests.core_build import build
from tests.fixtures.newsroom import Head, check_json_feed, parse

SITE_URL = "https://owner.github.io/archive/"
PATH = "roundups/2024/2024-03-12.md"
STORIES = ("## Xiaomi sets a sales date for the SU7\n\nTags: xiaomi, ev\n\nThe car goes on sale soon.\n\n"
           "## BYD cuts prices {#byd-prices}\n\nTags: byd, ev\n\nPrices fall again.\n")


def corrections(*notes: tuple[str, str, str]) -> str:
    """A ``corrections:`` block of (date, note, story) notes; a story "" is left out."""
    items = "".join(f"  - date: {day}\n    note: {note}\n" + (f"    story: {story}\n" if story else "")
                    for day, note, story in notes)
    return f"corrections:\n{items}"


ROUNDUPS = {
    PATH: roundup_text("2024-03-12", "Xiaomi sets a date", body=STORIES, extra=corrections(
        ("2024-03-13", "The price was wrong.", "xiaomi-sets-a-sales-date-for-the-su7"),
        ("2024-03-20", "BYD's cut was 5%, not 10%.", "byd-prices"))),
    "roundups/2024/2024-03-14.md": roundup_text("2024-03-14", "A later day", extra=corrections(
        ("2024-03-20", "The date was wrong.", ""))),
    "roundups/2024/2024-03-15.md": roundup_text("2024-03-15", "Never corrected"),
}


def check(content, extra: str) -> list[str]:
    content(PATH, roundup_text(extra=extra, body=STORIES))
    return [str(p) for p in load(Settings.read(content.root)).problems]


@pytest.fixture
def site(content) -> dict[str, str]:
    for path, text in ROUNDUPS.items():
        content(path, text)
    built = build(replace(Settings.read(content.root), site_url=SITE_URL))
    assert [str(p) for p in built.loaded.problems] == []
    return built.texts()


# What an author meets ------------------------------------------------------------------------------

def test_a_correction_naming_a_story_of_the_roundup_is_fine(content) -> None:
    assert check(content, corrections(("2024-03-13", "Fixed.", "byd-prices"))) == []


def test_a_correction_naming_no_story_of_the_roundup_is_an_error_with_a_did_you_mean(content) -> None:
    assert check(content, corrections(("2024-03-13", "Fixed.", "byd-price"),
                                      ("2024-03-13", "Fixed.", "Xiaomi sets a sales date for the SU7"),
                                      ("2024-03-13", "Fixed.", "tsmc-grants"))) == [
        f"{PATH}:8: error: corrections[1].story: no story of this roundup has the anchor 'byd-price' — did you mean "
        "'byd-prices'?",
        f"{PATH}:11: error: corrections[2].story: no story of this roundup has the anchor 'Xiaomi sets a sales date "
        "for the SU7' — did you mean 'xiaomi-sets-a-sales-date-for-the-su7'?",
        f"{PATH}:14: error: corrections[3].story: no story of this roundup has the anchor 'tsmc-grants' — write the "
        "anchor of a story of this roundup: the end of its address, after '#'",
    ]


def test_the_guide_explains_the_correction_s_story(content) -> None:
    guide = (Path(__file__).parent.parent / "docs/authoring.md").read_text(encoding="utf-8")
    assert "`corrections[1].story: no story of this roundup has the anchor" in guide
    assert "- **story** (optional)" in guide


# What a reader sees --------------------------------------------------------------------------------

def test_the_corrections_page_lists_every_correction_newest_first_linking_what_it_corrects(site) -> None:
    page = site["corrections/"]
    entries = re.findall(r'<li><a href="([^"]+)">(.*?)</a><p>(.*?)</p><p class="na-meta">Corrected '
                         r'<time datetime="([\d-]+)">', page)
    assert entries == [
        ("../2024/03/14/#na-correction-1", "A later day", "The date was wrong.", "2024-03-20"),
        ("../2024/03/12/#byd-prices", "BYD cuts prices", "BYD&#x27;s cut was 5%, not 10%.", "2024-03-20"),
        ("../2024/03/12/#xiaomi-sets-a-sales-date-for-the-su7", "Xiaomi sets a sales date for the SU7",
         "The price was wrong.", "2024-03-13"),
    ]
    assert '<a href="feed.xml">Atom</a> · <a href="feed.json">JSON Feed</a>' in page
    assert 'href="../standards/#corrections"' in page


def test_the_corrections_feeds_list_every_correction_newest_first(site) -> None:
    feed = parse(site["corrections/feed.xml"])
    assert feed.feed.title == "Corrections · News archive"
    assert [(entry.title, entry.link, entry.updated) for entry in feed.entries] == [
        ("Correction: A later day", f"{SITE_URL}2024/03/14/#na-correction-1", "2024-03-20T00:00:00Z"),
        ("Correction: BYD cuts prices", f"{SITE_URL}2024/03/12/#byd-prices", "2024-03-20T00:00:00Z"),
        ("Correction: Xiaomi sets a sales date for the SU7", f"{SITE_URL}2024/03/12/#xiaomi-sets-a-sales-date-for-"
         "the-su7", "2024-03-13T00:00:00Z"),
    ]
    assert [entry.id for entry in feed.entries][1:] == [
        "tag:owner.github.io,2024-03-20:/archive/2024/03/12/#na-correction-2",
        "tag:owner.github.io,2024-03-13:/archive/2024/03/12/#na-correction-1",
    ], "a correction's id is its own place on the page, dated the day it was made"
    assert feed.entries[1].summary == "BYD's cut was 5%, not 10%."
    document = json.loads(site["corrections/feed.json"])
    check_json_feed(document)
    assert [item["url"] for item in document["items"]] == [entry.link for entry in feed.entries]


def test_a_corrected_roundup_leads_to_each_note_and_from_it_to_the_story(site) -> None:
    page = site["2024/03/12/"]
    assert re.findall(r'<li id="(na-correction-\d)">.*?\(in <a href="#([^"]+)">', page) == [
        ("na-correction-1", "xiaomi-sets-a-sales-date-for-the-su7"), ("na-correction-2", "byd-prices")]
    assert ('<p class="na-story__corrected">This story was corrected on <a href="#na-correction-2"><time '
            'datetime="2024-03-20">20 March 2024</time></a>.</p>') in page
    assert ('<a class="na-corrected" href="#na-corrections">Corrected <time datetime="2024-03-20">20 March 2024'
            "</time></a>") in page, "the date line says when it was last corrected"
    assert "na-story__corrected" not in site["2024/03/14/"], "a note naming no story marks none"


def test_the_article_data_carries_each_correction_with_its_date(site) -> None:
    article = Head(site["2024/03/12/"]).node("NewsArticle")
    assert article["correction"] == [
        {"@type": "CorrectionComment", "text": "The price was wrong.", "datePublished": "2024-03-13"},
        {"@type": "CorrectionComment", "text": "BYD's cut was 5%, not 10%.", "datePublished": "2024-03-20"},
    ]


def test_without_corrections_the_page_says_so_and_its_feeds_are_empty(content) -> None:
    content(PATH, roundup_text())
    texts = build(replace(Settings.read(content.root), site_url=SITE_URL)).texts()
    assert "No corrections so far." in texts["corrections/"]
    assert parse(texts["corrections/feed.xml"]).entries == []


def test_only_a_roundup_with_corrections_reaches_the_corrections_page(content) -> None:
    for path, text in ROUNDUPS.items():
        content(path, text)
    archive = load(Settings.read(content.root)).archive
    assert CorrectionsUnit() in affected(archive, archive, [PATH])
    assert CorrectionsUnit() not in affected(archive, archive, ["roundups/2024/2024-03-15.md"])


def test_the_published_site_has_the_corrections_page_and_its_feeds(sample_site: Path) -> None:
    """The theme renders the corrections page (the standards link to it): its feeds are written all the same."""
    page = (sample_site / "corrections/index.html").read_text(encoding="utf-8")
    assert 'class="na-corrections-page"' in page and "md-footer" in page
    for name in ("feed.xml", "feed.json"):
        assert (sample_site / "corrections" / name).is_file(), name
    assert [entry.link.rsplit("/", 4)[-4:] for entry in parse((sample_site / "corrections/feed.xml").read_text(
        encoding="utf-8")).entries] == [["2024", "04", "04", "#tsmc-recovers-quickly-from-the-hualien-earthquake"],
                                       ["2024", "03", "26", "#xiaomi-s-profit-jumps-as-it-prepares-to-sell-cars"]]
