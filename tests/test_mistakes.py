"""Slips a new author makes, each tried as a new author would: none passes in silence, and one slip
gives one error, which says what to do."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from newsarchive import limits
from newsarchive.limits import NESTING
from newsarchive.reading import Reads
from newsarchive.render.front_page import home_page
from newsarchive.render.markup import render_markdown
from newsarchive.render.public import PublicSite
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import roundup_text

PATH = "roundups/2024/2024-03-12.md"


def check(content, text: str, path: str = PATH, now: dt.datetime | None = None) -> list[str]:
    content(path, text)
    return [str(p) for p in load(Settings.read(content.root), now).problems]


# A Tags line that belongs to no story ------------------------------------------------------------

STRAY = "the Tags: line is not directly under a '## ' headline, so it belongs to no story"

HEADLINES_WRITTEN_OTHERWISE = {
    # the first story written in bold merges into the introduction, its Tags line printed as text
    "bold-first": ("**Xiaomi sets a date**\n\nTags: xiaomi, ev\n\nXiaomi said so.\n",
                   f"{PATH}:9: error: Tags: {STRAY} — make line 7 a story's headline: '## Xiaomi sets a date'"),
    "bold-in-intro": ("An introduction.\n\n__Xiaomi sets a date__\n\nTags: xiaomi, ev\n\nXiaomi said so.\n\n"
                      "## Second story\n\nTags: ev\n\nText.\n",
                      f"{PATH}:11: error: Tags: {STRAY} — make line 9 a story's headline: '## Xiaomi sets a date'"),
    # a later story written in bold or as a subheading merges into the story above it
    "bold-in-story": ("## First story\n\nTags: ev\n\nText.\n\n**Xiaomi sets a date**\n\nTags: xiaomi, ev\n\n"
                      "Xiaomi said so.\n",
                      f"{PATH}:15: error: Tags: {STRAY} — make line 13 a story's headline: '## Xiaomi sets a date'"),
    "italics": ("## First story\n\nTags: ev\n\nText.\n\n*Xiaomi sets a date*\n\nTags: xiaomi, ev\n\nXiaomi said so.\n",
                f"{PATH}:15: error: Tags: {STRAY} — make line 13 a story's headline: '## Xiaomi sets a date'"),
    "subheading": ("## First story\n\nTags: ev\n\nText.\n\n### Xiaomi sets a date ###\n\nTags: xiaomi, ev\n\n"
                   "Xiaomi said so.\n",
                   f"{PATH}:15: error: Tags: {STRAY} — make line 13 a story's headline: '## Xiaomi sets a date'"),
    # a second Tags line under plain text
    "second-tags-line": ("## First story\n\nTags: ev\n\nText.\n\nTags: xiaomi\n",
                         f"{PATH}:13: error: Tags: {STRAY} — move it directly under its story's '## ' headline, "
                         "or delete it"),
    "tags-in-intro": ("Tags: ev\n\n## First story\n\nTags: ev\n\nText.\n",
                      f"{PATH}:7: error: Tags: {STRAY} — move it directly under its story's '## ' headline, "
                      "or delete it"),
}


@pytest.mark.parametrize(("body", "expected"), HEADLINES_WRITTEN_OTHERWISE.values(),
                         ids=HEADLINES_WRITTEN_OTHERWISE.keys())
def test_a_tags_line_that_belongs_to_no_story_is_an_error_at_its_line(content, body: str, expected: str) -> None:
    """One error, not also "the roundup has no stories", nor a suggestion to tag the merged
    story's company in the story above it."""
    assert check(content, roundup_text(body=body)) == [expected]


def test_a_story_whose_own_tags_line_is_lower_is_told_to_move_it_and_a_headline_in_bold_is_not(content) -> None:
    body = "## First story\n\nText.\n\n**Xiaomi sets a date**\n\nTags: xiaomi, ev\n\nXiaomi said so.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:7: error: Tags: the story 'First story' has no Tags: line directly under its headline"
        " — add e.g. 'Tags: ev, ai' after a blank line",
        f"{PATH}:13: error: Tags: {STRAY} — make line 11 a story's headline: '## Xiaomi sets a date'",
    ]


@pytest.mark.parametrize("where", ["intro", "story"])
def test_a_first_level_heading_is_one_error_wherever_it_is(content, where: str) -> None:
    """A '# ' heading was reported twice inside a story (as a '# ' heading and as a headline inside
    the story), and its Tags line would be a third."""
    headline = "# Xiaomi sets a date\n\nTags: xiaomi, ev\n\nXiaomi said so.\n"
    body = headline if where == "intro" else "## First story\n\nTags: ev\n\nText.\n\n" + headline
    line, field = (7, "body") if where == "intro" else (13, "story")
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:{line}: error: {field}: a '# ' heading is not allowed in a roundup — the page title comes from "
        "'title:'; make stories '## ' headings"
    ]


def test_a_headline_without_its_space_is_one_error_not_also_its_tags_line(content) -> None:
    body = "## First story\n\nTags: ev\n\nText.\n\n##Xiaomi sets a date\n\nTags: xiaomi, ev\n\nXiaomi said so.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:13: error: story: 'Xiaomi sets a date' is read as a headline inside the story — a story starts with"
        " '## ' at the very start of a line; for a subheading inside it, use '### '"
    ]


@pytest.mark.parametrize("label", ["**Tags:**", "**Tags**:", "*Tags:*", "Tag:"])
def test_a_tags_line_written_otherwise_is_named_not_reported_missing(content, label: str) -> None:
    body = f"## Xiaomi sets a date\n\n{label} xiaomi, ev\n\nXiaomi said so.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:9: error: Tags: '{label}' is not read as a Tags: line — write it as 'Tags: xiaomi, ev', at the "
        "start of the line"
    ]


def test_a_story_left_out_for_its_text_does_not_also_leave_the_roundup_without_stories(content) -> None:
    body = "## First story\n\nTags: ev\n\n" + ">" * (NESTING + 1) + " Text.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:11: error: story: lists or quotes nest {NESTING + 1} levels deep here, more than {NESTING}; it is "
        "left out — flatten the list: fewer '-', '>' or '1.' markers, or less indentation"
    ]


# Links without a scheme --------------------------------------------------------------------------

SCHEMELESS = {
    "www": ("[filing](www.sec.gov/Archives/edgar/x.htm)", "www.sec.gov/Archives/edgar/x.htm",
            "https://www.sec.gov/Archives/edgar/x.htm"),
    "host-and-path": ("[filing](sec.gov/Archives/x.htm)", "sec.gov/Archives/x.htm", "https://sec.gov/Archives/x.htm"),
    "bare-host": ("[Caixin](caixinglobal.com)", "caixinglobal.com", "https://caixinglobal.com"),
    "host-with-query": ("[IR](ir.mi.com?lang=en)", "ir.mi.com?lang=en", "https://ir.mi.com?lang=en"),
    "e-mail": ("[press office](press@mi.com)", "press@mi.com", "mailto:press@mi.com"),
    "colon-missing": ("[site](https//www.mi.com/)", "https//www.mi.com/", "https://www.mi.com/"),
    "image": ("![The car](www.mi.com/su7.jpg)", "www.mi.com/su7.jpg", "https://www.mi.com/su7.jpg"),
    "reference": ("See [the filing][f].\n\n[f]: www.sec.gov/x.htm", "www.sec.gov/x.htm", "https://www.sec.gov/x.htm"),
}


@pytest.mark.parametrize(("text", "target", "fixed"), SCHEMELESS.values(), ids=SCHEMELESS.keys())
def test_a_web_address_without_its_scheme_is_an_error_with_the_address_to_write(content, text, target, fixed) -> None:
    body = f"## Xiaomi sets a date\n\nTags: xiaomi, ev\n\n{text}\n"
    line = 13 if "[f]:" in text else 11
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:{line}: error: link: '{target}' has no scheme, so it links inside this site — write {fixed}"
    ]


def test_a_web_address_without_its_scheme_in_the_introduction_is_an_error(content) -> None:
    body = "As [Caixin](www.caixinglobal.com/2024/) reported:\n\n## Xiaomi sets a date\n\nTags: xiaomi, ev\n\nText.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:7: error: link: 'www.caixinglobal.com/2024/' has no scheme, so it links inside this site"
        " — write https://www.caixinglobal.com/2024/"
    ]


@pytest.mark.parametrize(("url", "hint"), [("www.caixinglobal.com", "write https://www.caixinglobal.com"),
                                         ("press@mi.com", "write a full address starting with https://")])
def test_a_source_address_without_its_scheme_is_given_the_address_to_write(content, url: str, hint: str) -> None:
    assert check(content, roundup_text(extra=f"source:\n  name: Caixin\n  url: {url}\n")) == [
        f"{PATH}:7: error: source.url: '{url}' is not an http(s) URL — {hint}"
    ]


@pytest.mark.parametrize("target", ["images/2024/a.jpg", "../2024/03/12/", "#xiaomi-sets-a-date", "report.pdf",
                                    "report.pdf#page=2", "/about/", "//www.mi.com/", "v1.2/notes", "mailto:a@mi.com"])
def test_links_into_the_site_are_not_taken_for_addresses_without_a_scheme(content, target: str) -> None:
    body = f"## Xiaomi sets a date\n\nTags: xiaomi, ev\n\nSee [this]({target}).\n"
    assert check(content, roundup_text(body=body)) == []


# One slip, one error -----------------------------------------------------------------------------

ONE_SLIP = {
    "topic-typo": ("xiaomi, evv", "unknown tag 'evv' — did you mean 'ev' (Electric vehicles, 电动汽车)?"),
    "missing-comma": ("xiaomi ev", "unknown tag 'xiaomi ev' — missing comma? write 'xiaomi, ev'"),
    "missing-comma-topic-first": ("ev xiaomi", "unknown tag 'ev xiaomi' — missing comma? write 'ev, xiaomi'"),
    "slash-for-comma": ("xiaomi/ev", "unknown tag 'xiaomi/ev' — missing comma? write 'xiaomi, ev'"),
    "semicolon-for-comma": ("xiaomi; ev", "unknown marker 'ev' after ';' — separate tags with commas: ', ev', "
                                          "not '; ev'"),
    "not-about-missing-comma": ("ev; not about: xiaomi byd",
                                "unknown company 'xiaomi byd' after 'not about:' — missing comma? "
                                "write 'xiaomi, byd'"),
}


@pytest.mark.parametrize(("tags", "message"), ONE_SLIP.values(), ids=ONE_SLIP.keys())
def test_one_slip_on_the_tags_line_is_one_error(content, tags: str, message: str) -> None:
    """Not also "has no topic", nor a suggestion to tag the company the story names, which the
    tags already meant."""
    body = f"## Car launch date set\n\nTags: {tags}\n\nXiaomi set its date.\n"
    assert check(content, roundup_text(body=body)) == [f"{PATH}:9: error: Tags: {message}"]


@pytest.mark.parametrize(("tags", "first", "second"), [('"xiaomi", "ev"', '"xiaomi"', '"ev"'),
                                                        ("#xiaomi, #ev", "#xiaomi", "#ev")])
def test_tags_in_quotes_or_as_hashtags_are_told_their_slugs(content, tags: str, first: str, second: str) -> None:
    body = f"## Car launch date set\n\nTags: {tags}\n\nXiaomi set its date.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:9: error: Tags: unknown tag '{first}' — did you mean 'xiaomi' (Xiaomi Corp., 小米集团)?",
        f"{PATH}:9: error: Tags: unknown tag '{second}' — did you mean 'ev' (Electric vehicles, 电动汽车)?",
    ]


def test_a_company_typo_on_a_line_without_topic_still_says_it_has_no_topic(content) -> None:
    body = "## Car launch date set\n\nTags: xiaomy\n\nText.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:9: error: Tags: unknown tag 'xiaomy' — did you mean 'xiaomi' (Xiaomi Corp., 小米集团)?",
        f"{PATH}:9: error: Tags: the story 'Car launch date set' has no topic — add at least one topic, e.g. ev, ai",
    ]


EMPTY = {
    "summary": ("---\ntitle: T\ndate: 2024-03-12\nsummary:\n---\n", 4,
                "summary: is empty — write a one-sentence summary after 'summary:'"),
    "summary-quoted": ("---\ntitle: T\ndate: 2024-03-12\nsummary: '  '\n---\n", 4,
                       "summary: is empty — write a one-sentence summary after 'summary:'"),
    "title": ("---\ntitle:\ndate: 2024-03-12\nsummary: S.\n---\n", 2,
              "title: is empty — write the roundup's headline after 'title:'"),
    "date": ("---\ntitle: T\ndate:\nsummary: S.\n---\n", 3,
             "date: is empty — write the date as YYYY-MM-DD, e.g. 2024-03-12"),
    "correction-note": ("---\ntitle: T\ndate: 2024-03-12\nsummary: S.\ncorrections:\n  - date: 2024-03-12\n"
                        "    note:\n---\n", 7, "corrections[1].note: is empty — write what was corrected after 'note:'"),
    "source-name": ("---\ntitle: T\ndate: 2024-03-12\nsummary: S.\nsource:\n  name:\n---\n", 6,
                    "source.name: is empty — write the publication's name after 'name:'"),
    "source-url": ("---\ntitle: T\ndate: 2024-03-12\nsummary: S.\nsource:\n  name: Caixin\n  url: ''\n---\n", 7,
                   "source.url: is empty — write a full address starting with https:// after 'url:'"),
}


@pytest.mark.parametrize(("frontmatter", "line", "message"), EMPTY.values(), ids=EMPTY.keys())
def test_an_empty_field_is_told_to_be_written_not_quoted(content, frontmatter: str, line: int, message: str) -> None:
    text = frontmatter + "\n## Xiaomi sets a date\n\nTags: xiaomi, ev\n\nText.\n"
    assert check(content, text) == [f"{PATH}:{line}: error: {message}"]


def test_an_empty_item_of_a_registry_list_is_told_to_be_written_or_deleted(content) -> None:
    content("roundups/companies.yml", "nio:\n  name: NIO Inc.\n  aliases:\n    - NIO\n    -\n")
    assert check(content, roundup_text(body="## EV news\n\nTags: ev\n\nText.\n")) == [
        "roundups/companies.yml:5: error: nio.aliases: an item is empty — write it, or delete it"
    ]


# Invisible characters ------------------------------------------------------------------------------

INVISIBLE = {
    "zero-width-space": ("\u200b", "U+200B ZERO WIDTH SPACE"),
    "byte-order-mark": ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    "zero-width-joiner": ("\u200d", "U+200D ZERO WIDTH JOINER"),
    "word-joiner": ("\u2060", "U+2060 WORD JOINER"),
    "left-to-right-mark": ("\u200e", "U+200E LEFT-TO-RIGHT MARK"),
    "embedding": ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    "isolate": ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    "no-break-space": ("\u00a0", "U+00A0 NO-BREAK SPACE"),
}


@pytest.mark.parametrize(("char", "name"), INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_in_a_tag_is_named_not_taken_for_a_typo(content, char: str, name: str) -> None:
    body = f"## Xiaomi sets a date\n\nTags: xia{char}omi, ev\n\nXiaomi said so.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:9: error: Tags: tag 'xiaomi' contains an invisible character ({name}) — delete it"
    ]


def test_invisible_characters_after_not_about_in_an_anchor_and_alone_are_named(content) -> None:
    body = ("## Xiaomi sets a date {#xiaomi-date\u200b}\n\nTags: xiaomi, ev,\u200b; not about: \ufeffbyd\n\n"
            "Xiaomi and BYD said so.\n")
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:7: error: story: anchor 'xiaomi-date' contains an invisible character (U+200B ZERO WIDTH SPACE)"
        " — delete it",
        f"{PATH}:9: error: Tags: an empty tag contains an invisible character (U+200B ZERO WIDTH SPACE) — delete it",
        f"{PATH}:9: error: Tags: company 'byd' after 'not about:' contains an invisible character (U+FEFF ZERO WIDTH "
        "NO-BREAK SPACE) — delete it",
    ]


# Nesting inside quotes ---------------------------------------------------------------------------

def _nested_in_a_quote(levels: int) -> str:
    """A list nested ``levels`` deep in all, inside a quote: each level indented four more spaces."""
    return "\n".join("> " + "    " * level + "- item" for level in range(levels - 1))


@pytest.mark.parametrize(("line", "depth"), [
    (">         - x", 4), (">     - x", 3), ("> - - x", 3), ("> > - > x", 4), ("    - x", 2), ("- x", 1), ("x", 0),
])
def test_nesting_counts_indentation_inside_a_quote(line: str, depth: int) -> None:
    assert limits.nesting(line) == depth


def test_a_list_nested_in_a_quote_beyond_the_limit_is_an_error_and_at_the_limit_renders(content) -> None:
    at_limit = _nested_in_a_quote(NESTING)
    rendered = render_markdown(at_limit)
    assert not rendered.too_deep and rendered.html.count("<ul>") == NESTING - 1
    body = "## Xiaomi sets a date\n\nTags: xiaomi, ev\n\n{}\n"
    assert check(content, roundup_text(body=body.format(at_limit))) == []
    assert check(content, roundup_text(body=body.format(_nested_in_a_quote(NESTING + 1)))) == [
        f"{PATH}:{11 + NESTING - 1}: error: story: lists or quotes nest {NESTING + 1} levels deep here, more than "
        f"{NESTING}; it is left out — flatten the list: fewer '-', '>' or '1.' markers, or less indentation"
    ]


# Anchors -----------------------------------------------------------------------------------------

ANCHORS = {
    "too-long": ("a" * (limits.ANCHOR_CHARS + 1),
                 f"the anchor is {limits.ANCHOR_CHARS + 1} characters long, more than {limits.ANCHOR_CHARS} "
                 "— shorten it"),
    "page-content": ("na-content", "anchor 'na-content' starts with 'na-', which the page keeps for its own parts"
                                   " — choose another, e.g. {#xiaomi-sets-a-date}"),
    "page-corrections": ("na-corrections", "anchor 'na-corrections' starts with 'na-', which the page keeps for its "
                                           "own parts — choose another, e.g. {#xiaomi-sets-a-date}"),
    "with-a-space": ("xiaomi su7", "anchor 'xiaomi su7' is not valid — use lowercase letters, digits and hyphens, "
                                   "e.g. {#xiaomi-su7}"),
}


@pytest.mark.parametrize(("anchor", "message"), ANCHORS.values(), ids=ANCHORS.keys())
def test_an_anchor_the_page_cannot_take_is_an_error(content, anchor: str, message: str) -> None:
    body = f"## Xiaomi sets a date {{#{anchor}}}\n\nTags: xiaomi, ev\n\nText.\n"
    assert check(content, roundup_text(body=body)) == [f"{PATH}:7: error: story: {message}"]


def test_a_headline_that_would_make_a_page_id_gets_an_anchor_of_its_own(content) -> None:
    content(PATH, roundup_text(body="## Na-ion batteries reach the market\n\nTags: ev\n\nText.\n"))
    loaded = load(Settings.read(content.root))
    assert loaded.problems == []
    assert [s.anchor for s in loaded.archive.roundups[0].stories] == ["story-na-ion-batteries-reach-the-market"]


def test_every_id_of_a_roundup_page_but_its_stories_starts_with_the_prefix_anchors_may_not(
    sample_site: Path,
) -> None:
    """Story anchors are slugs (no '_', so never Material's '__drawer'…) and never start with
    'na-', so they cannot take an id the page gives its own parts."""
    for page in ("2024/03/12/index.html", "2024/05/08/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        stories = set(re.findall(r'<section class="na-story"><h2 id="([^"]+)"', html))
        own = set(re.findall(r' id="([^"]+)"', html)) - stories
        assert stories and own and all(i.startswith(("na-", "__")) for i in own), own
        assert not any(i.startswith("na-") for i in stories)


# Corrections after today -----------------------------------------------------------------------

def _corrected(day: str) -> str:
    return roundup_text(extra=f"corrections:\n  - date: {day}\n    note: The price was wrong.\n")


def test_a_correction_dated_after_today_is_an_error(content) -> None:
    now = dt.datetime(2024, 3, 14, 12, tzinfo=dt.UTC)
    assert check(content, _corrected("2024-03-14"), now=now) == []
    assert check(content, _corrected("2099-03-15"), now=now) == [
        f"{PATH}:6: error: corrections[1].date: correction date 2099-03-15 is after today, 2024-03-14"
        " — a correction is dated the day it was made"
    ]


def test_a_preview_running_past_midnight_checks_a_correction_against_the_new_day(content) -> None:
    content(PATH, _corrected("2024-03-15"))
    settings, reads = Settings.read(content.root), Reads()
    assert [p.message for p in load(settings, dt.datetime(2024, 3, 14, 23, tzinfo=dt.UTC), reads).problems] == [
        "correction date 2024-03-15 is after today, 2024-03-14"
    ]
    assert load(settings, dt.datetime(2024, 3, 15, 1, tzinfo=dt.UTC), reads).problems == []


# Editions of one day ------------------------------------------------------------------------------

def test_editions_of_a_day_come_in_the_order_of_the_day_not_of_the_alphabet(content) -> None:
    for edition in ("", "-noon", "-evening", "-morning", "-markets-close"):
        content(f"roundups/2024/2024-03-12{edition}.md", roundup_text(title=f"Edition{edition or ' one'}"))
    archive = load(Settings.read(content.root)).archive
    assert [r.edition for r in archive.roundups] == ["markets-close", "evening", "noon", "morning", ""]
    front = home_page(archive, PublicSite()).body
    assert 'Latest roundup · <time datetime="2024-03-12">' in front and "Markets close edition</p>" in front
    cards = re.findall(r"(\w+(?: \w+)?) edition</p>", front)
    assert cards == ["Markets close", "Evening", "Noon", "Morning"]
