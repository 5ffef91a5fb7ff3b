"""Each rule of the content format: the message names the file, the line and the fix."""

from __future__ import annotations

import pytest
from newsarchive.problems import Problem
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import roundup_text

PATH = "roundups/2024/2024-03-12.md"


def check(content, text: str | bytes, path: str = PATH) -> list[str]:
    content(path, text)
    root = content.root
    return [str(p) for p in load(Settings.read(root)).problems]


def test_valid_roundup_has_no_problems(content):
    assert check(content, roundup_text()) == []


def test_unknown_tag_suggests_the_registry_entry(content):
    body = "## Xiaomi sets a date\n\nTags: xiaomy, ev\n\nText.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:9: error: Tags: unknown tag 'xiaomy' — did you mean 'xiaomi' (Xiaomi Corp., 小米集团)?"
    ]


@pytest.mark.parametrize("tag", ["小米", "Xiaomi", "XIAOMI"])
def test_tag_written_as_a_name_suggests_the_slug(content, tag):
    body = f"## Xiaomi sets a date\n\nTags: {tag}, ev\n\nText.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:9: error: Tags: unknown tag '{tag}' — did you mean 'xiaomi' (Xiaomi Corp., 小米集团)?"
    ]


def test_unknown_frontmatter_key_suggests_the_closest(content):
    assert check(content, roundup_text(extra="sumary: typo\n")) == [
        f"{PATH}:5: error: sumary: unknown key 'sumary' — did you mean 'summary'?"
    ]


def test_title_read_as_boolean_is_refused(content):
    problems = check(content, roundup_text(title="no"))
    assert problems == [
        f"{PATH}:2: error: title: must be text, not the boolean false (YAML reads yes/no/on/off/true/false as booleans)"
        ' — write it in quotes: title: "…"'
    ]


def test_impossible_date_is_refused(content):
    assert check(content, roundup_text(date="2024-02-30"), "roundups/2024/2024-02-30.md") == [
        "roundups/2024/2024-02-30.md:3: error: date: '2024-02-30' is not a real date — check the day and the month"
    ]


def test_date_must_equal_file_name(content):
    assert check(content, roundup_text(date="2024-03-13")) == [
        f"{PATH}:3: error: date: date 2024-03-13 does not match the file name's 2024-03-12"
        " — make them equal (rename the file or fix the date)"
    ]


def test_folder_must_be_the_year(content):
    assert check(content, roundup_text(), "roundups/2023/2024-03-12.md") == [
        "roundups/2023/2024-03-12.md:1: error: file: the file is in folder '2023/' but its name says 2024"
        " — move it to roundups/2024/"
    ]


def test_bad_edition_suffix_is_refused(content):
    problems = check(content, roundup_text(), "roundups/2024/2024-03-12-Evening.md")
    assert problems == [
        "roundups/2024/2024-03-12-Evening.md:1: error: file: file name is not a roundup name — name it YYYY-MM-DD.md,"
        " or YYYY-MM-DD-suffix.md for a second edition (suffix: a-z, 0-9, -)"
    ]


def test_duplicate_yaml_key_is_an_error(content):
    assert check(content, roundup_text(extra="title: Again\n")) == [
        f"{PATH}:5: error: frontmatter: duplicate key 'title' (first given on line 2) — keep only one"
    ]


def test_missing_required_key(content):
    text = "---\ntitle: T\ndate: 2024-03-12\n---\n\n## S\n\nTags: ev\n\nText.\n"
    assert check(content, text) == [f"{PATH}:2: error: summary: 'summary' is missing — add a 'summary:' line"]


def test_story_without_topic(content):
    body = "## Xiaomi sets a date\n\nTags: xiaomi\n\nText.\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:9: error: Tags: the story 'Xiaomi sets a date' has no topic — add at least one topic, e.g. ev, ai"
    ]


def test_story_without_tags_line(content):
    body = "## Xiaomi sets a date\n\nText.\n\nTags: ev\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:7: error: Tags: the story 'Xiaomi sets a date' has no Tags: line directly under its headline"
        " (found on line 11; move it up) — add e.g. 'Tags: ev, ai' after a blank line"
    ]


def test_duplicate_anchor(content):
    story = "## Same headline\n\nTags: ev\n\nText.\n\n"
    assert check(content, roundup_text(body=story * 2)) == [
        f"{PATH}:13: error: story: anchor 'same-headline' is already used by the story on line 7"
        " — reword one headline or give it its own {#anchor}"
    ]


def test_second_edition_at_same_address_is_an_error(content):
    content("roundups/2024/2024-03-12.md", roundup_text())
    problems = check(content, roundup_text(), "roundups/2023/2024-03-12.md")
    assert (
        "roundups/2024/2024-03-12.md:1: error: file: roundups/2023/2024-03-12.md already publishes at /2024/03/12/"
        " — each date has one roundup; name a second edition YYYY-MM-DD-suffix.md"
    ) in problems


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("source:\n  name: X\n  url: javascript:alert(1)\n",
         f"{PATH}:7: error: source.url: 'javascript:alert(1)' is not an http(s) URL"
         " — write a full address starting with https://"),
        ("image:\n  src: ../../etc/passwd\n  alt: x\n",
         f"{PATH}:6: error: image.src: '../../etc/passwd' points outside docs/ — keep images under docs/, e.g. images/2024/"),
        ("image:\n  src: /etc/passwd\n  alt: x\n",
         f"{PATH}:6: error: image.src: '/etc/passwd' is neither an http(s) URL nor a path under docs/"
         " — write a path such as images/2024/photo.jpg, or a full https:// address"),
        ("image:\n  src: images/missing.jpg\n  alt: x\n",
         f"{PATH}:6: error: image.src: no image at docs/images/missing.jpg — add the file or fix the path"),
        ("corrections:\n  - date: 2024-03-11\n    note: Fixed.\n",
         f"{PATH}:6: error: corrections[1].date: correction date 2024-03-11 is before the roundup's 2024-03-12"
         " — a correction is dated the day it was made"),
        ("ai_generated: maybe\n", f"{PATH}:5: error: ai_generated: must be true or false, not 'maybe'"),
    ],
)
def test_frontmatter_values(content, extra, expected):
    assert check(content, roundup_text(extra=extra)) == [expected]


def test_non_web_link_in_story(content):
    body = "## Xiaomi sets a date\n\nTags: xiaomi, ev\n\nSee [this](javascript:alert(1)).\n"
    assert check(content, roundup_text(body=body)) == [
        f"{PATH}:11: error: link: 'javascript:' links are not allowed"
        " — links may use http(s) and mailto, images http(s); it is shown as plain text"
    ]


def test_registry_problems_are_located(content):
    content("roundups/companies.yml", "Bad_Slug:\n  name: X\nnio:\n  nmae: NIO\n  url: ftp://nio.com\n")
    assert check(content, roundup_text(body="## S\n\nTags: ev\n\nText.\n")) == [
        "roundups/companies.yml:1: error: Bad_Slug: 'Bad_Slug' is not a valid slug"
        " — use lowercase letters, digits and single hyphens, e.g. 'li-auto'",
        "roundups/companies.yml:3: error: nio.name: 'name' is missing — add a 'name:' line",
        "roundups/companies.yml:4: error: nio.nmae: unknown key 'nmae' — did you mean 'name'?",
        "roundups/companies.yml:5: error: nio.url: 'ftp://nio.com' is not an http(s) URL"
        " — write a full address starting with https://",
    ]


def test_slug_shared_by_company_and_topic(content):
    content("roundups/topics.yml", "ev:\n  name: EVs\nbyd:\n  name: BYD topic\n")
    assert check(content, roundup_text()) == [
        "roundups/topics.yml:3: error: byd: slug 'byd' is also a company"
        " — companies and topics share one namespace: rename one of them"
    ]


def test_all_problems_of_all_files_in_one_run(content):
    content("roundups/2024/2024-03-13.md", roundup_text(date="2024-03-13", extra="colour: red\n"))
    problems = check(content, roundup_text(extra="sumary: x\n"))
    assert [p.split(":")[0] for p in problems] == ["roundups/2024/2024-03-12.md", "roundups/2024/2024-03-13.md"]


def test_stray_file_is_reported_not_ignored(content):
    content("roundups/2024/notes.txt", "x")
    assert check(content, roundup_text()) == [
        "roundups/2024/notes.txt:1: error: file: is not a roundup file, so it is not published"
        " — roundups are roundups/YYYY/YYYY-MM-DD.md; move or delete this file"
    ]


def test_a_folder_named_like_a_roundup_is_reported_not_ignored(content):
    (content.root / "roundups/2024/2024-03-13.md").mkdir(parents=True)
    assert check(content, roundup_text()) == [
        "roundups/2024/2024-03-13.md:1: error: file: is a folder, so it is not published"
        " — a roundup is one file, roundups/YYYY/YYYY-MM-DD.md"
    ]


def test_problem_formats():
    problem = Problem(PATH, 14, "Tags", "unknown tag 'xiaomy'", "did you mean 'xiaomi'?")
    assert problem.github() == f"::error file={PATH},line=14::Tags: unknown tag 'xiaomy' — did you mean 'xiaomi'?"
