"""What the check and the build print about the content is printable: one line per problem, no
terminal escape sequence, no workflow command of the runner, whatever the author's text holds."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from newsarchive import cli
from newsarchive.problems import Problem, printable

from tests.conftest import ROOT, mkdocs_build, roundup_text, site_project

PATH = "roundups/2024/2024-03-12.md"
INJECTED = "\n::error file=x::pwned"


@pytest.mark.parametrize(("text", "shown"), [
    ("line\nbreak", "line\\nbreak"),
    ("carriage\rreturn", "carriage\\rreturn"),
    ("tab\there", "tab\\there"),
    ("next\x85line", "next\\x85line"),
    ("line\u2028separator\u2029paragraph", "line\\u2028separator\\u2029paragraph"),
    ("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07"),
    ("null\x00 and delete\x7f", "null\\x00 and delete\\x7f"),
    ("\u202eevil\u202c \u2066isolate\u2069 \u200fmark\u200e \u061c", "\\u202eevil\\u202c \\u2066isolate\\u2069 "
                                                                       "\\u200fmark\\u200e \\u061c"),
    ("小米 — “quoted” café", "小米 — “quoted” café"),
])
def test_every_break_and_control_is_shown_escaped(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_a_workflow_command_in_a_value_stays_on_its_problem_line() -> None:
    problem = Problem(PATH, 2, "title", f"'Xiaomi{INJECTED}' is not valid", "fix it\r\n::stop-commands::x")
    assert str(problem) == (f"{PATH}:2: error: title: 'Xiaomi\\n::error file=x::pwned' is not valid — "
                            "fix it\\r\\n::stop-commands::x")
    assert problem.github() == (f"::error file={PATH},line=2::title: 'Xiaomi\\n::error file=x::pwned' is not valid — "
                                "fix it\\r\\n::stop-commands::x")


def test_a_file_name_with_a_line_break_or_an_escape_prints_on_one_line() -> None:
    problem = Problem("roundups/2024/a\n::stop-commands::x,y:z%\x1b[31m.md", 3, "file", "bad")
    assert str(problem) == "roundups/2024/a\\n::stop-commands::x,y:z%\\x1b[31m.md:3: error: file: bad"
    assert problem.github() == ("::error file=roundups/2024/a\\n%3A%3Astop-commands%3A%3Ax%2Cy%3Az%25\\x1b[31m.md,"
                                "line=3::file: bad")


def test_a_value_with_a_workflow_command_is_one_line_in_both_formats(content, capsys) -> None:
    """A quoted YAML value may hold any character as an escape ("\\n", "\\e"): a message that
    quotes it must not break the line it is on."""
    content(PATH, roundup_text(title='"Xiaomi\\n::error file=x::pwned"',
                               extra='source:\n  name: Caixin\n  url: "Caixin\\n::error file=x::pwned"\n'))
    message = "source.url: 'Caixin\\n::error file=x::pwned' is not an http(s) URL — write a full address starting with https://"
    assert cli.main([], content.root) == 1
    assert capsys.readouterr().out.splitlines()[:-1] == [f"{PATH}:7: error: {message}"]
    assert cli.main(["--github"], content.root) == 1
    assert capsys.readouterr().out.splitlines()[:-1] == [f"::error file={PATH},line=7::{message}"]


def test_a_headline_with_terminal_escapes_is_printed_escaped(content, capsys) -> None:
    content(PATH, roundup_text(body="## \x1b]0;owned\x07\x1b[2JXiaomi sets a date\n\nTags: xiaomi\n\nText.\n"))
    assert cli.main([], content.root) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{PATH}:9: error: Tags: the story '\\x1b]0;owned\\x07\\x1b[2JXiaomi sets a date' has no topic — add at least "
        "one topic, e.g. ev, ai"
    )


def test_the_coloured_check_prints_only_its_own_escapes() -> None:
    line = cli._coloured(Problem("roundups/2024/\x1b[8m.md", 1, "title", "\x1b[8mhidden"))
    assert line == ("roundups/2024/\\x1b[8m.md:1: \x1b[1;31merror:\x1b[0m title: \\x1b[8mhidden")


def test_the_build_log_carries_no_workflow_command_from_the_content(content, tmp_path) -> None:
    """CI runs the strict build after a failed check: its log is read by the runner too."""
    content(PATH, roundup_text(extra='source:\n  name: Caixin\n  url: "x\\n::stop-commands::t\\n::error file=x::pwned"\n',
                               body="## \x1b]0;owned\x07Xiaomi\n\nTags: xiaomi\n\nText.\n"))
    result = mkdocs_build(site_project(tmp_path, content.root / "roundups"), tmp_path / "site", "--strict")
    assert result.returncode == 1
    assert "x\\n::stop-commands::t\\n::error file=x::pwned' is not an http(s) URL" in result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("::") or "\x1b" in line]


def test_a_vanished_url_with_a_line_break_is_one_line_of_the_permalink_check(tmp_path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps({"urls": ["/", "/a\n::error file=x::pwned/"]}), encoding="utf-8")
    new.write_text(json.dumps({"urls": ["/"]}), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check-permalinks"), str(old), str(new)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "/a\\n::error file=x::pwned/: answered by the deployed site, gone from this build"
    assert "          a\\n::error file=x::pwned/index.md: <new page>/index.md" in result.stdout.splitlines()


def test_every_line_the_build_logs_about_a_file_stays_on_its_line(content, tmp_path) -> None:
    """Not only problems: the list of roundups left out, drafts and roundups dated ahead name files too."""
    content("roundups/2024/2024-03-1\n::error file=x::pwned.md", roundup_text())
    content("roundups/2024/2024-03-14.md", roundup_text("2024-03-14", extra="draft: true\n"))
    result = mkdocs_build(site_project(tmp_path, content.root / "roundups"), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Left out of the site because of their errors: roundups/2024/2024-03-1\\n::error file=x::pwned.md" in result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("::")]
