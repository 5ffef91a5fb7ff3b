"""One rule decides pass or fail: ``scripts/check`` and ``mkdocs build --strict`` print the same
errors and agree on the verdict for every rule of the validator, and warnings and suggestions
fail neither."""

from __future__ import annotations

import io
import logging
import shutil
from pathlib import Path

import pytest
from newsarchive import cli

from tests.conftest import COMPANIES, TOPICS, mkdocs_build, roundup_text, site_project

DAY = "roundups/2024/2024-03-12.md"
STORY = "## Xiaomi sets a date\n\nTags: {tags}\n\n{text}\n"
PEOPLE = "roundups/people.yml"
PEOPLE_YML = "mei-lin:\n  name: Mei Lin\n"


def _story(tags: str = "xiaomi, ev", text: str = "The car goes on sale soon.") -> str:
    return STORY.format(tags=tags, text=text)


SOURCE = "source:\n  name: Caixin\n  url: https://www.caixinglobal.com/2024-03-12/xiaomi.html\n"
RULES: dict[str, dict[str, str]] = {
    # errors
    "unknown-tag": {DAY: roundup_text(body=_story("xiaomy, ev"))},
    "name-as-tag": {DAY: roundup_text(body=_story("小米, ev"))},
    "unknown-key": {DAY: roundup_text(extra="sumary: x\n")},
    "title-boolean": {DAY: roundup_text(title="no")},
    "impossible-date": {"roundups/2024/2024-02-30.md": roundup_text(date="2024-02-30")},
    "date-not-file-name": {DAY: roundup_text(date="2024-03-13")},
    "year-before-1000": {"roundups/0999/0999-03-12.md": roundup_text(date="0999-03-12")},
    "folder-not-year": {"roundups/2023/2024-03-12.md": roundup_text()},
    "bad-edition": {"roundups/2024/2024-03-12-Evening.md": roundup_text()},
    "duplicate-yaml-key": {DAY: roundup_text(extra="title: Again\n")},
    "missing-summary": {DAY: "---\ntitle: T\ndate: 2024-03-12\n---\n\n" + _story()},
    "unclosed-frontmatter": {DAY: "---\ntitle: T\n"},
    "empty-file": {DAY: ""},
    "no-topic": {DAY: roundup_text(body=_story("xiaomi"))},
    "no-tags-line": {DAY: roundup_text(body="## Xiaomi sets a date\n\nText.\n")},
    "duplicate-anchor": {DAY: roundup_text(body=_story() * 2)},
    "same-address": {DAY: roundup_text(), "roundups/2023/2024-03-12.md": roundup_text()},
    "source-not-web": {DAY: roundup_text(extra="source:\n  name: X\n  url: javascript:alert(1)\n")},
    "image-outside-docs": {DAY: roundup_text(extra="image:\n  src: ../../etc/passwd\n  alt: x\n")},
    "image-missing": {DAY: roundup_text(extra="image:\n  src: images/missing.jpg\n  alt: x\n")},
    "correction-before-date": {DAY: roundup_text(extra="corrections:\n  - date: 2024-03-11\n    note: Fixed.\n")},
    "ai-not-boolean": {DAY: roundup_text(extra="ai_generated: maybe\n")},
    "script-link": {DAY: roundup_text(body=_story(text="See [it](&#106;avascript:alert(1))."))},
    "mailto-image": {DAY: roundup_text(body=_story(text="![it](mailto:a@example.com)"))},
    "headline-in-story": {DAY: roundup_text(body=_story(text="Text.\n\nHidden\n======"))},
    "first-level-heading": {DAY: roundup_text(body="# Title\n\n" + _story())},
    "too-many-brackets": {DAY: roundup_text(body=_story(text="[" * 500))},
    "too-many-tags-in-a-roundup": {DAY: roundup_text(body="".join(
        _story("xiaomi, byd, shengshu, ev, ai").replace("date", f"date {n}", 1) for n in range(21)))},
    "placeholder": {DAY: roundup_text(title="Write the headline of the day here")},
    "not-about-typo": {DAY: roundup_text(body=_story("xiaomi, ev; not about: byf"))},
    "unknown-marker": {DAY: roundup_text(body=_story("xiaomi, ev; not abut: byd"))},
    "missing-comma": {DAY: roundup_text(body=_story("xiaomi ev"))},
    "invisible-in-tag": {DAY: roundup_text(body=_story("xia\u200bomi, ev"))},
    "stray-tags-line": {DAY: roundup_text(body="**Xiaomi sets a date**\n\nTags: xiaomi, ev\n\nText.\n")},
    "link-without-scheme": {DAY: roundup_text(body=_story(text="See [the filing](www.sec.gov/x.htm)."))},
    "empty-summary": {DAY: roundup_text().replace("summary: A short summary.", "summary:")},
    "anchor-of-the-page": {DAY: roundup_text(body=_story().replace("date\n", "date {#na-content}\n", 1))},
    "correction-after-today": {DAY: roundup_text(extra="corrections:\n  - date: 2999-01-01\n    note: Fixed.\n")},
    "stray-file": {"roundups/2024/notes.txt": "x"},
    "registry-bad-slug": {"roundups/companies.yml": COMPANIES + "Bad_Slug:\n  name: X\n"},
    "registry-url": {"roundups/companies.yml": COMPANIES + "nio:\n  name: NIO\n  url: ftp://nio.com\n"},
    "registry-shared-slug": {"roundups/topics.yml": TOPICS + "byd:\n  name: BYD topic\n"},
    "registry-empty": {"roundups/topics.yml": ""},
    "registry-long-slug": {"roundups/companies.yml": COMPANIES + f"{'a' * 300}:\n  name: Long\n",
                           DAY: roundup_text(body=_story(f"{'a' * 300}, ev"))},
    "registry-names-too-long": {"roundups/companies.yml": COMPANIES + f"nio:\n  name: NIO\n  aliases: [{'N' * 200}, {'O' * 200}, {'P' * 200}]\n"},
    "registry-shared-alias": {"roundups/companies.yml": COMPANIES + "mi:\n  name: Mi Home\n  aliases: [xiaomi]\n"},
    "registry-key-twice": {"roundups/companies.yml": COMPANIES + '360:\n  name: Qihoo\n"360":\n  name: Other\n'},
    "url-with-user": {DAY: roundup_text(body=_story(text="See [it](https://www.mi.com@evil.example/)."))},
    "colon-in-title": {DAY: roundup_text(title="Xiaomi: a car")},
    "escape-in-headline": {DAY: roundup_text(body="## \x1b[2JXiaomi\n\nTags: xiaomi\n\nText.\n")},
    "docs-page-hidden": {"docs/companies/xiaomi.md": "# Our own Xiaomi page\n"},
    "docs-index-hidden": {"docs/2024/03/14/index.md": "# A page of that day\n"},
    "docs-file-hidden": {"docs/robots.txt": "User-agent: *\n"},
    "docs-archive-own": {"docs/permalinks.json": "[]\n"},
    "docs-two-at-one-address": {"docs/about/index.md": "# About, again\n"},
    "docs-readme-beside-index": {"docs/notes/README.md": "# Notes\n", "docs/notes/index.md": "# Notes, again\n"},
    "docs-markdown-ending-hidden": {"docs/topics/ev.markdown": "# Our own EV page\n"},
    "unknown-person": {PEOPLE: PEOPLE_YML, DAY: roundup_text(extra="authors: [mei-ln]\n")},
    "no-people-yml": {DAY: roundup_text(extra="authors: mei-lin\n")},
    "editor-not-editor": {PEOPLE: PEOPLE_YML, DAY: roundup_text(extra="editor: mei-lin\n")},
    "time-as-number": {DAY: roundup_text(extra="time: 18:30\n")},
    "correction-story": {DAY: roundup_text(extra="corrections:\n  - date: 2024-03-12\n    note: Fixed.\n"
                                                  "    story: xiaomi-sets-a-dat\n")},
    "people-link": {PEOPLE: PEOPLE_YML + "  links: [www.mei.example]\n"},
    # warnings and suggestions: they fail nothing
    "editor-also-author": {PEOPLE: PEOPLE_YML + "  editor: true\n",
                           DAY: roundup_text(extra="authors: mei-lin\neditor: mei-lin\n")},
    "tag-twice": {DAY: roundup_text(body=_story("xiaomi, xiaomi, ev"))},
    "mention-untagged": {DAY: roundup_text(body=_story("ev", "Xiaomi's car."))},
    "not-about-unnamed": {DAY: roundup_text(body=_story("xiaomi, ev; not about: byd"))},
    "citation-without-source": {DAY: roundup_text(body=_story(text="It sold out [para. 2]."))},
    "citation-malformed": {DAY: roundup_text(extra=SOURCE, body=_story(text="It sold out [para 2]."))},
    "citation-unknown-source": {DAY: roundup_text(extra=SOURCE, body=_story(text="It sold out [2, para. 2]."))},
    "ai-without-reviewer": {DAY: roundup_text(extra="ai_generated: true\n" + SOURCE)},
    "ai-story-without-source": {DAY: roundup_text(body=_story().replace("Tags: xiaomi, ev\n", "Tags: xiaomi, ev\n"
                                                                         "AI-generated: yes\n", 1))},
    "anchor-too-long": {DAY: roundup_text(body=_story().replace("date\n", "date {#" + "a" * 81 + "}\n", 1))},
    "list-nested-in-a-quote": {DAY: roundup_text(body=_story(text="> " + "".join(
        f"{'    ' * depth}- level {depth}\n" for depth in range(10))))},
    "docs-page-script": {"docs/notes.md": "# Notes\n\n<script>alert(document.domain)</script>\n"},
    "docs-and-roundup-problems": {"docs/images/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
                                                          "</script></svg>",
                                  DAY: roundup_text(body=_story("xiaomy, ev"))},
    # info: a draft and a roundup dated after today are left out, and fail nothing
    "draft": {DAY: roundup_text(extra="draft: true\n")},
    "future": {"roundups/2999/2999-01-01.md": roundup_text(date="2999-01-01")},
}
PASSING = {"editor-also-author", "tag-twice", "mention-untagged", "not-about-unnamed", "draft", "future"}


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    roundups = tmp_path / "content"
    (roundups / "2024").mkdir(parents=True)
    (roundups / "companies.yml").write_text(COMPANIES, encoding="utf-8")
    (roundups / "topics.yml").write_text(TOPICS, encoding="utf-8")
    (roundups / "2024/2024-03-14.md").write_text(roundup_text(date="2024-03-14"), encoding="utf-8")
    project = site_project(tmp_path, roundups)
    for path, text in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    return project


def _check(project: Path) -> tuple[bool, list[str]]:
    out = io.StringIO()
    code = cli.main([], project, out)
    return code == 0, out.getvalue().splitlines()[:-1]


def _strict_build(project: Path) -> tuple[bool, list[str], list[str]]:
    built = mkdocs_build(project, project / "site", "--strict")
    ours = [r for r in built.records if r.name == "mkdocs.hooks.archive" and ": " in r.getMessage()]
    return built.returncode == 0, [r.getMessage() for r in ours if r.levelno >= logging.WARNING], [
        r.getMessage() for r in ours if r.levelno < logging.WARNING]


@pytest.mark.parametrize("rule", RULES, ids=RULES)
def test_the_check_and_the_strict_build_agree(tmp_path: Path, rule: str) -> None:
    project = _project(tmp_path, RULES[rule])
    checked, printed = _check(project)
    built, logged_errors, logged_other = _strict_build(project)
    assert (checked, built) == ((True, True) if rule in PASSING else (False, False)), printed
    errors = [line for line in printed if ": error: " in line]
    assert errors == logged_errors, "the build logs, as errors, exactly the check's errors"
    others = [line for line in printed if ": error: " not in line]
    assert all(line in logged_other for line in others), "warnings and suggestions are logged below WARNING"
    assert rule in PASSING or errors, "a failing rule names its error"


def test_the_sample_archive_passes_with_no_problem_at_all(capsys: pytest.CaptureFixture) -> None:
    from tests.conftest import ROOT

    assert cli.main([], ROOT) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].endswith(": no errors, no warnings, no suggestions."), lines


def test_a_symlink_out_of_docs_stops_every_build_before_anything_is_copied(tmp_path: Path) -> None:
    project = _project(tmp_path, {})
    (project / "docs/images/leak.svg").symlink_to("/etc/passwd")
    (project / "docs/everything").symlink_to("/")
    for options in (["--strict"], []):
        built = mkdocs_build(project, tmp_path / "site", *options)
        assert built.returncode == 1, options
        assert "docs/images/leak.svg:1: error: file: is a link to a file outside the repository — replace the link " \
               "with the file itself" in built.stderr
        assert not (tmp_path / "site/images/leak.svg").exists()
    shutil.rmtree(tmp_path / "site", ignore_errors=True)
