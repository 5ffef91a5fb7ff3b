"""Hostile and careless input, by class: script links, lost stories and published drafts, hangs,
crashes, non-regular files and leaks. Each case is one fixture; each class is tested as a class
(every member listed), and the property-based tests in test_hostile_properties.py look for more."""

from __future__ import annotations

import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from newsarchive import links
from newsarchive.limits import BRACKETS, LINE_CHARS, NAME_CHARS, NESTING, ROUNDUP_TAGS, STORIES, STORY_BYTES
from newsarchive.problems import FILE_PROBLEMS, Problem
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import roundup_text
from tests.core_build import build

PATH = "roundups/2024/2024-03-12.md"
STORY = "## {headline}\n\nTags: xiaomi, ev\n\n{text}\n"


def problems(root: Path) -> list[str]:
    return [str(p) for p in load(Settings.read(root)).problems]


def story(text: str, headline: str = "Xiaomi sets a date") -> str:
    return STORY.format(headline=headline, text=text)


class _Targets(HTMLParser):
    """Every URL-bearing attribute of a document, decoded as a browser decodes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]


def followed_schemes(html: str) -> set[str]:
    """The schemes of every link and image in ``html`` as a browser follows them."""
    parser = _Targets()
    parser.feed(html)
    return {links.scheme(target) for target in parser.found} - {""}


def outputs_of(root: Path) -> dict[str, str]:
    """Every generated file of the archive under ``root`` as the preview makes it, by URL (pages as
    their HTML body and head): a build leaves out a roundup with an error, the preview shows it."""
    return build(Settings.read(root), show_problems=True).texts()


# Script links ------------------------------------------------------------------------------------

SCRIPT_LINKS = {  # the link's line is the story's first (11), or the reference definition's (13)
    "decimal-reference": "See [the filing](&#106;avascript:alert(document.domain)).",
    "hex-reference": "See [the filing](&#x6A;avascript:alert(1)).",
    "tab-reference-inside": "See [the filing](java&#x09;script:alert(1)).",
    "named-tab-reference": "See [the filing](jav&Tab;ascript:alert(1)).",
    "newline-reference": "See [the filing](java&#10;script:alert(1)).",
    "leading-space-reference": "See [the filing](&#32;javascript:alert(1)).",
    "control-character": "See [the filing](java\x01script:alert(1)).",
    "mixed-case": "See [the filing](JaVaScRiPt:alert(1)).",
    "reference-definition": "See [the filing][f].\n\n[f]: &#106;avascript:alert(1)",
    "angle-brackets": "See [the filing](<&#106;avascript:alert(1)>).",
    "data-url": "See [the filing](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).",
    "vbscript": "See [the filing](vbscript:msgbox(1)).",
    "image-script": "![the filing](&#106;avascript:alert(1))",
    "image-mailto": "![the filing](mailto:press@example.com)",
}


@pytest.mark.parametrize("text", SCRIPT_LINKS.values(), ids=SCRIPT_LINKS.keys())
def test_a_script_link_is_reported_and_never_published(content, text: str) -> None:
    content(PATH, roundup_text(body=story(text)))
    found = problems(content.root)
    line = 13 if "\n\n[f]:" in text else 11
    assert len(found) == 1 and re.fullmatch(
        rf"{PATH}:{line}: error: link: '(javascript|data|vbscript|mailto):' links are not allowed — links may use "
        r"http\(s\) and mailto, images http\(s\); it is shown as plain text", found[0]), found
    outputs = outputs_of(content.root)
    page = outputs["2024/03/12/"]
    assert "the filing" in page, "the link's text is still shown"
    for uri, text_out in outputs.items():
        assert followed_schemes(text_out) <= {"http", "https", "mailto"}, uri
        if uri.endswith(".json"):
            assert "javascript:" not in text_out.lower().replace("\\u0026#106;", "j"), uri


def test_safe_links_stay_links(content) -> None:
    text = "See [the filing](https://example.com/a?b=1&c=2), [mail](mailto:press@example.com) and [more](#top)."
    content(PATH, roundup_text(body=story(text)))
    assert problems(content.root) == []
    page = outputs_of(content.root)["2024/03/12/"]
    assert '<a href="https://example.com/a?b=1&amp;c=2">the filing</a>' in page
    assert '<a href="mailto:press@example.com">mail</a>' in page


def test_raw_html_and_event_handlers_stay_text(content) -> None:
    text = '<img src=x onerror=alert(1)> <script>alert(2)</script> <a href="javascript:alert(3)">x</a>'
    content(PATH, roundup_text(body=story(text)))
    page = outputs_of(content.root)["2024/03/12/"]
    assert "<script>alert" not in page and "<img src=x" not in page and '<a href="javascript' not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


# Stories lost, drafts published ------------------------------------------------------------------

def _published_stories(root: Path) -> list[str]:
    (roundup,) = load(Settings.read(root)).archive.roundups
    return [s.title for s in roundup.stories]


def test_an_unclosed_fence_hides_no_story(content) -> None:
    body = (story("Someone wrote ```rm -rf /``` was typed. Then more.", "First story")
            + story("Second text.", "Second story") + story("Third text.", "Third story"))
    content(PATH, roundup_text(body=body))
    assert problems(content.root) == []
    assert _published_stories(content.root) == ["First story", "Second story", "Third story"]
    outputs = outputs_of(content.root)
    for uri in ("2024/03/12/", "companies/xiaomi/", "topics/ev/feed.xml"):
        assert all(headline in outputs[uri] for headline in ("First story", "Second story", "Third story")), uri


def test_a_fence_line_does_not_hide_the_next_story(content) -> None:
    body = story("```\ncode here", "First story") + story("Text.", "Second story")
    content(PATH, roundup_text(body=body))
    assert _published_stories(content.root) == ["First story", "Second story"]


HEADINGS_INSIDE = {
    "setext-equals": ("Some text.\n\nHidden headline\n===============\n\nMore text.", 13,
                      "'Hidden headline' is read as a headline: a line of '=' or '-' under text makes it one — start a "
                      "story with a '## Headline' line; to keep a line of dashes, put a blank line above it"),
    "setext-dashes": ("Some text.\n\nHidden headline\n---\n\nMore text.", 13,
                      "'Hidden headline' is read as a headline: a line of '=' or '-' under text makes it one — start a "
                      "story with a '## Headline' line; to keep a line of dashes, put a blank line above it"),
    "in-a-list": ("- ## Hidden headline", 11, "'Hidden headline' is read as a headline inside the story — a story "
                  "starts with '## ' at the very start of a line; for a subheading inside it, use '### '"),
    "in-a-quote": ("> ## Hidden headline", 11, "'Hidden headline' is read as a headline inside the story — a story "
                   "starts with '## ' at the very start of a line; for a subheading inside it, use '### '"),
    "no-space": ("Text.\n\n##Hidden headline", 13, "'Hidden headline' is read as a headline inside the story — a "
                 "story starts with '## ' at the very start of a line; for a subheading inside it, use '### '"),
}


@pytest.mark.parametrize(("text", "line", "message"), HEADINGS_INSIDE.values(), ids=HEADINGS_INSIDE.keys())
def test_a_headline_the_renderer_would_see_inside_a_story_is_an_error(content, text, line, message) -> None:
    content(PATH, roundup_text(body=story(text)))
    assert problems(content.root) == [f"{PATH}:{line}: error: story: {message}"]


def test_each_headline_inside_a_story_is_reported_at_its_own_line(content) -> None:
    text = "Some text.\n\nAgain\n---\n\n**Bold** words\n===\n\nAgain\n---\n\n- ## Listed\n\nLast\n-"
    content(PATH, roundup_text(body=story(text)))
    found = [(p.line, p.message.split("'")[1]) for p in load(Settings.read(content.root)).problems]
    assert found == [(13, "Again"), (16, "Bold words"), (19, "Again"), (22, "Listed"), (24, "Last")]


def test_a_flood_of_problems_in_one_file_is_listed_in_part_and_counted(content) -> None:
    """A line of dashes under every line makes a heading of each: 4,001 of them here."""
    content(PATH, roundup_text(body=story("Some text.\n" + "-\n" * 8_001)))
    found = load(Settings.read(content.root)).problems
    assert len(found) == FILE_PROBLEMS + 1
    assert [p.line for p in found[:3]] == [11, 13, 15], "the first ones, each at its line"
    last = found[-1]
    assert (last.severity, last.line) == ("error", 11 + 2 * FILE_PROBLEMS)
    assert last.message == ("3,901 more problems from this line on are not listed "
                            "(3,901 errors, no warnings, no suggestions)")


@pytest.mark.parametrize("marker", ["...", "---", "  ---"])
def test_only_an_unindented_dash_line_closes_the_frontmatter(content, marker: str) -> None:
    text = ("---\ntitle: A draft\ndate: 2024-03-12\nsummary: |\n  First line.\n  " + marker.strip()
            + "\n  Last line.\ndraft: true\n---\n\n" + story("Text."))
    content(PATH, text)
    loaded = load(Settings.read(content.root))
    assert loaded.drafts == [PATH], "the draft stays a draft"
    assert loaded.archive.roundups == [] and loaded.problems == []


def test_an_indented_fence_line_in_the_body_is_text(content) -> None:
    content(PATH, roundup_text(body=story("A line.\n\n    ---\n\nAnother.")))
    assert problems(content.root) == []


# Hangs, crashes, super-linear work --------------------------------------------------------------

BOUNDS = {
    "headline-of-spaces": (
        roundup_text(body=f"## a{' ' * 5000}b\n\nTags: xiaomi, ev\n\nText.\n"),
        f"{PATH}:7: error: story: the headline is 5,002 characters long, more than {NAME_CHARS} — shorten it",
    ),
    "brackets": (
        roundup_text(body=story("[" * 40_000)),
        f"{PATH}:11: error: story: the text has 40,000 '[' brackets, more than the {BRACKETS} allowed; it is left "
        "out — a link or image takes one; remove the stray ones",
    ),
    "nested-list": (
        roundup_text(body=story("- " * 500 + "x")),
        f"{PATH}:11: error: story: lists or quotes nest 500 levels deep here, more than {NESTING}; it is left out "
        "— flatten the list: fewer '-', '>' or '1.' markers, or less indentation",
    ),
    "nested-quotes": (
        roundup_text(body=story("> " * 300 + "x")),
        f"{PATH}:11: error: story: lists or quotes nest 300 levels deep here, more than {NESTING}; it is left out "
        "— flatten the list: fewer '-', '>' or '1.' markers, or less indentation",
    ),
    "indented-list": (
        roundup_text(body=story("\n".join("    " * i + "- x" for i in range(12)))),
        f"{PATH}:19: error: story: lists or quotes nest 9 levels deep here, more than {NESTING}; it is left out "
        "— flatten the list: fewer '-', '>' or '1.' markers, or less indentation",
    ),
    "long-line": (
        roundup_text(body=story("word " * 1500)),
        f"{PATH}:11: error: story: the line is 7,499 characters long, more than {LINE_CHARS:,}; it is left out "
        "— break it into paragraphs (a blank line between them)",
    ),
    "big-story": (
        roundup_text(body=story("\n\n".join(["A sentence of the story, over and over again."] * 500))),
        f"{PATH}:11: error: story: the text is 23,498 bytes long, more than the {STORY_BYTES:,} a story may hold; it "
        "is left out — split it into several stories, or shorten it",
    ),
    "many-stories": (
        roundup_text(body="".join(story("Text.", f"Story {n}") for n in range(STORIES + 5))),
        f"{PATH}:{7 + 5 * STORIES}: error: story: the roundup has {STORIES + 5} stories, more than the {STORIES} one "
        "roundup may hold; this one and the ones after it are left out — move some stories to another roundup",
    ),
    "many-tags": (
        roundup_text(body="## S\n\nTags: " + ", ".join(["ev"] * 30) + "\n\nText.\n"),
        f"{PATH}:9: error: Tags: the story has 30 tags, more than the 20 allowed — keep the companies and topics the "
        "story is about",
    ),
    "many-corrections": (
        roundup_text(extra="corrections:\n" + "  - date: 2024-03-13\n    note: A fix.\n" * 1_000),
        f"{PATH}:5: error: corrections: the roundup has 1000 corrections, more than the 20 allowed — merge notes "
        "about the same change into one",
    ),
    "big-file": (
        roundup_text(body=story("Text.") + "<!-- padding -->\n" * 20_000),
        f"{PATH}:1: error: file: is {len(roundup_text(body=story('Text.'))) + 17 * 20_000:,} bytes long, more than the "
        "262,144 allowed — split or shorten it",
    ),
}


@pytest.mark.parametrize(("text", "expected"), BOUNDS.values(), ids=BOUNDS.keys())
def test_what_a_roundup_may_hold_is_bounded_with_a_clear_error(content, text: str, expected: str) -> None:
    content(PATH, text)
    start = time.perf_counter()
    found = problems(content.root)
    build(Settings.read(content.root))
    assert time.perf_counter() - start < 20, "the check and the build stay quick whatever the input"
    assert expected in found, found


def test_the_heading_pattern_is_linear() -> None:
    """A pathological headline line is read in microseconds (the old pattern took minutes)."""
    from newsarchive.parse import parse_file

    start = time.perf_counter()
    for spaces in (5_000, 50_000, 500_000):
        parse_file(f"## a{' ' * spaces}b {{#x{' ' * spaces}\n")
    assert time.perf_counter() - start < 1


def test_no_input_grows_the_output_by_more_than_a_bounded_factor(content) -> None:
    """At the limits (notes, tags, long texts), every byte of input is written a bounded number
    of times: the page, the site feed, and each feed of what a story is tagged with."""
    registry = "".join(f"c{n}:\n  name: Company {n}\n" for n in range(18))
    content("roundups/companies.yml", registry)
    note = "A correction note of reasonable length. " * 24
    extra = "corrections:\n" + f"  - date: 2024-03-13\n    note: {note}\n" * 20
    tags = ", ".join([*(f"c{n}" for n in range(18)), "ev", "ai"])
    body = "".join(f"## Story {n}\n\nTags: {tags}\n\n{'Text of the story. ' * 50}\n\n" for n in range(ROUNDUP_TAGS // 20))
    content(PATH, roundup_text(extra=extra, body=body))
    assert problems(content.root) == []
    written = sum(len(text.encode()) for text in outputs_of(content.root).values())
    read = (content.root / PATH).stat().st_size + len(registry)
    assert written / read < 60, f"{written:,} bytes written for {read:,} read"


# Non-regular files and links --------------------------------------------------------------------

def test_a_fifo_roundup_is_reported_not_read(content) -> None:
    os.mkfifo(content.root / PATH)
    assert problems(content.root) == [
        f"{PATH}:1: error: file: is not a regular file (a pipe, socket or device) — replace it with an ordinary file"
    ]


def test_a_fifo_under_docs_is_reported_before_mkdocs_would_copy_it(content) -> None:
    (content.root / "docs/images").mkdir(parents=True, exist_ok=True)
    os.mkfifo(content.root / "docs/images/pipe.svg")
    assert problems(content.root) == [
        "docs/images/pipe.svg:1: error: file: is not a regular file (a pipe, socket or device) — replace it with an "
        "ordinary file"
    ]


def test_a_fifo_or_folder_registry_is_reported(content) -> None:
    (content.root / "roundups/topics.yml").unlink()
    os.mkfifo(content.root / "roundups/topics.yml")
    (content.root / "roundups/companies.yml").unlink()
    (content.root / "roundups/companies.yml").mkdir()
    found = problems(content.root)
    assert found[:2] == [
        "roundups/companies.yml:1: error: file: is a folder, not a file — replace it with the file",
        "roundups/topics.yml:1: error: file: is not a regular file (a pipe, socket or device) — replace it with an "
        "ordinary file",
    ]


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.symlink_to(p), "cannot be followed (a loop of links) — replace the link with the file itself"),
    (lambda p: p.symlink_to(p.parent / "missing.md"),
     "is a link to nothing (its target is missing) — delete the link or restore its target"),
    (lambda p: p.symlink_to("/etc/hostname"),
     "is a link to a file outside the repository — replace the link with the file itself"),
], ids=["loop", "dangling", "outside"])
def test_a_bad_link_among_the_roundups_is_a_located_problem(content, make, message: str) -> None:
    make(content.root / "roundups/2024/2024-03-13.md")
    content(PATH, roundup_text())
    assert problems(content.root) == [f"roundups/2024/2024-03-13.md:1: error: file: {message}"], "once"


def test_a_link_inside_the_repository_is_read(content) -> None:
    content("drafts/2024-03-12.md", roundup_text())
    (content.root / PATH).symlink_to(content.root / "drafts/2024-03-12.md")
    assert problems(content.root) == []


def test_an_image_through_a_link_loop_is_a_located_problem(content) -> None:
    (content.root / "docs/images").mkdir(parents=True)
    (content.root / "docs/images/loop.png").symlink_to(content.root / "docs/images/loop.png")
    content(PATH, roundup_text(extra="image:\n  src: images/loop.png\n  alt: A photo\n"))
    assert f"{PATH}:6: error: image.src: docs/images/loop.png cannot be followed (a loop of links) — replace the link " \
           "with the file itself" in problems(content.root)


def test_a_link_under_docs_to_outside_the_repository_is_an_error(content) -> None:
    content(PATH, roundup_text())
    (content.root / "docs/images").mkdir(parents=True)
    (content.root / "docs/images/leak.svg").symlink_to("/etc/passwd")
    (content.root / "docs/everything").symlink_to("/")
    assert problems(content.root) == [
        "docs/everything:1: error: file: is a link to a file outside the repository — replace the link with the file "
        "itself",
        "docs/images/leak.svg:1: error: file: is a link to a file outside the repository — replace the link with the "
        "file itself",
    ]


# Wrong answers -----------------------------------------------------------------------------------

def test_an_empty_topics_file_is_one_clear_error_and_hints_name_the_file(content) -> None:
    content("roundups/topics.yml", "")
    content(PATH, roundup_text(body="## S\n\nTags: xiaomi\n\nText about 小米.\n"))
    assert problems(content.root) == [
        f"{PATH}:9: error: Tags: the story 'S' has no topic — add at least one topic, e.g. a topic added to "
        "roundups/topics.yml first",
        "roundups/topics.yml:1: error: file: the registry file is empty — add entries: 'slug:' then an indented "
        "'name:' line",
    ]


@pytest.mark.parametrize("date", ["0999-01-01", "0001-01-01"])
def test_a_year_before_1000_is_refused(content, date: str) -> None:
    content(f"roundups/{date[:4]}/{date}.md", roundup_text(date=date))
    assert f"roundups/{date[:4]}/{date}.md:3: error: date: '{date}' is before the year 1000 — check the year" in \
        problems(content.root)


def test_a_problem_is_a_value_whatever_its_file_name() -> None:
    problem = Problem("roundups/2024/a\n::stop-commands::x,y:z%.md", 3, "file", "bad\nline")
    assert problem.github() == ("::error file=roundups/2024/a\\n%3A%3Astop-commands%3A%3Ax%2Cy%3Az%25.md,line=3"
                                "::file: bad\\nline")
