"""What an author meets: scripts/new-roundup, the check's messages and tag suggestions, pre-commit."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from newsarchive import cli, scaffold
from newsarchive.mentions import CompanyMentions
from newsarchive.model import Company
from newsarchive.parse import parse_file

from tests.conftest import ROOT, roundup_text, site_project

PATH = "roundups/2024/2024-03-12.md"


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def check_lines(capsys: pytest.CaptureFixture, root: Path, *args: str) -> tuple[int, list[str]]:
    """Exit code and the problem lines (without the closing summary) of ``scripts/check``."""
    code = cli.main(list(args), root)
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("Checked ")
    return code, lines[:-1]


# scripts/new-roundup -----------------------------------------------------------------------------

OWN_WORDS = {
    "Write the headline of the day here": "Chip makers report",
    "Write one sentence on the day's news here; it appears in listings, feeds and search results.":
        "Three chip makers publish results.",
    "An optional paragraph introducing the day's roundup.": "",
    "Headline of the first story": "Chip revenue rises",
    "The first paragraph of the story.": "Revenue rose in the quarter.",
    "A second paragraph. Copy this story, from its '## ' line to here, for each story of the day.": "",
    "\nTags:\n": "\nTags: ev\n",
}


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])  # UTC+14 and UTC-11
def test_a_new_roundup_is_dated_today_where_the_archive_publishes(tmp_path: Path, zone: str) -> None:
    project = site_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("time_zone: UTC", f"time_zone: {zone}"),
                      encoding="utf-8")
    day = dt.datetime.now(ZoneInfo(zone)).date()
    assert scaffold.main([], project) == 0
    assert (project / f"roundups/{day.year}/{day}.md").is_file()


def test_a_new_roundup_passes_the_check_once_every_placeholder_is_replaced(tmp_path: Path) -> None:
    project = site_project(tmp_path)
    shutil.copytree(ROOT / "scripts", project / "scripts")
    created = run([sys.executable, "scripts/new-roundup", "--date", "2031-05-06"], project)
    assert created.returncode == 0, created.stderr
    path = "roundups/2031/2031-05-06.md"
    assert f"Created {path}." in created.stdout

    before = run([sys.executable, "scripts/check", path], project)
    assert before.returncode == 1
    lines = before.stdout.splitlines()
    assert [line.split(": ")[2] for line in lines[:-1]] == [
        "title", "summary", "body", "story", "Tags", "story", "story"
    ], "each placeholder, and the empty Tags line, is an error"
    assert all("is the template's placeholder — replace it with your own text" in line
               for line in lines[:-1] if ": Tags: " not in line)
    assert lines[-1].endswith(": 7 errors, no warnings, no suggestions.")

    text = (project / path).read_text(encoding="utf-8")
    for placeholder, words in OWN_WORDS.items():
        assert text.count(placeholder) == 1, placeholder
        text = text.replace(placeholder, words)
    (project / path).write_text(text, encoding="utf-8")
    after = run([sys.executable, "scripts/check", path], project)
    assert after.returncode == 0, after.stdout
    assert after.stdout.splitlines() == [
        "Checked 26 roundups (161 stories published, 0 drafts, 1 dated in the future) in "
        + after.stdout.split(" in ")[-1].split(" s:")[0] + " s: no errors, no warnings, no suggestions."
    ]


def test_the_new_roundup_has_every_required_field_and_the_optional_ones_commented() -> None:
    text = scaffold.roundup_template(dt.date(2024, 3, 12))
    frontmatter = text.split("---\n")[1]
    assert [line.split(":")[0] for line in frontmatter.splitlines() if not line.startswith("#")] == [
        "title", "date", "summary"
    ]
    assert "date: 2024-03-12\n" in frontmatter
    for optional in ("image", "source", "ai_generated", "corrections", "draft"):
        assert f"\n# {optional}:" in frontmatter
    sections = parse_file(text).sections
    assert len(sections) == 1 and sections[0].tags_line and sections[0].body


def test_new_roundup_names_the_file_for_today_or_the_date_and_edition_given(tmp_path: Path) -> None:
    assert scaffold.main([], tmp_path, today=dt.date(2025, 1, 2)) == 0
    assert scaffold.main(["--date", "2024-03-12", "--edition", "evening"], tmp_path) == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")) == [
        "roundups/2024/2024-03-12-evening.md",
        "roundups/2025/2025-01-02.md",
    ]


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "12/03/2024"], "'12/03/2024' is not a date: write it as YYYY-MM-DD"),
    (["--edition", "Evening"], "'Evening' cannot be an edition name"),
])
def test_new_roundup_refuses_a_bad_date_or_edition(
    tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        scaffold.main(args, tmp_path)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "roundups").exists()


def test_new_roundup_never_overwrites_a_roundup(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    existing = tmp_path / PATH
    existing.parent.mkdir(parents=True)
    existing.write_text("my finished roundup\n", encoding="utf-8")
    assert scaffold.main(["--date", "2024-03-12"], tmp_path) == 1
    assert capsys.readouterr().err.startswith(f"{PATH} already exists; nothing was changed.\n")
    assert existing.read_text(encoding="utf-8") == "my finished roundup\n"


# scripts/check --github ---------------------------------------------------------------------------

def test_github_annotations_one_per_problem_on_its_line(content, capsys: pytest.CaptureFixture) -> None:
    body = "## A sales date for the SU7\n\nTags: xaomi, ev\n\nThe car goes on sale soon.\n"
    content(PATH, roundup_text(extra="colour: red\n", body=body))
    content("roundups/2024/2024-03-14.md", roundup_text(date="2024-03-15"))
    code, lines = check_lines(capsys, content.root, "--github")
    assert code == 1
    assert lines == [
        f"::error file={PATH},line=5::colour: unknown key 'colour' — allowed keys: title, date, summary, image, "
        "source, ai_generated, corrections, draft, authors, editor, time",
        f"::error file={PATH},line=10::Tags: unknown tag 'xaomi' — did you mean 'xiaomi' (Xiaomi Corp., 小米集团)?",
        "::error file=roundups/2024/2024-03-14.md,line=3::date: date 2024-03-15 does not match the file name's "
        "2024-03-14 — make them equal (rename the file or fix the date)",
    ]


def test_check_reports_only_the_files_named(content, capsys: pytest.CaptureFixture) -> None:
    content(PATH, roundup_text())
    content("roundups/2024/2024-03-14.md", roundup_text(date="2024-03-15"))
    code, lines = check_lines(capsys, content.root, str(content.root / PATH))
    assert (code, lines) == (0, [])


# Tag suggestions ----------------------------------------------------------------------------------

MENTIONS_XIAOMI = "## Car launch date set\n\nTags: {tags}\n\nThe first car from 小米 goes on sale on March 28.\n"


SUGGESTION = ("Tags: the story mentions 小米 but is not tagged 'xiaomi' — add xiaomi to its Tags line, "
              "or '; not about: xiaomi' if the story is not about it")


def test_a_story_naming_a_company_it_does_not_tag_gets_a_suggestion(content, capsys: pytest.CaptureFixture) -> None:
    content(PATH, roundup_text(body=MENTIONS_XIAOMI.format(tags="ev")))
    code, lines = check_lines(capsys, content.root)
    assert code == 0  # a suggestion, not an error
    assert lines == [f"{PATH}:11: suggestion: {SUGGESTION}"]
    code, lines = check_lines(capsys, content.root, "--github")
    assert lines == [f"::notice file={PATH},line=11::{SUGGESTION}"]


def test_a_suggestion_is_answered_by_not_about(content, capsys: pytest.CaptureFixture) -> None:
    content(PATH, roundup_text(body=MENTIONS_XIAOMI.format(tags="ev; not about: xiaomi")))
    assert check_lines(capsys, content.root) == (0, [])


@pytest.mark.parametrize(("tags", "problem"), [
    ("ev; not about: xiaomy", "error: Tags: unknown company 'xiaomy' after 'not about:' — did you mean 'xiaomi' "
                              "(Xiaomi Corp., 小米集团)?"),
    ("ev; not abut: xiaomi", "error: Tags: unknown marker 'not abut' after ';' — did you mean 'not about'?"),
    ("xiaomi, ev; not about: xiaomi", "error: Tags: 'xiaomi' is both tagged and marked 'not about' — keep it in one "
                                      "place: tagged if the story is about it, else after 'not about:'"),
    ("ev; not about: xiaomi, byd", "warning: Tags: 'byd' is marked 'not about' but the story does not name it — "
                                   "remove it from the Tags line"),
])
def test_a_slip_in_not_about_is_reported(content, capsys: pytest.CaptureFixture, tags: str, problem: str) -> None:
    content(PATH, roundup_text(body=MENTIONS_XIAOMI.format(tags=tags)))
    code, lines = check_lines(capsys, content.root)
    assert f"{PATH}:9: {problem}" in lines
    assert code == (0 if problem.startswith("warning") else 1)


def test_a_story_tagging_the_company_it_names_gets_none(content, capsys: pytest.CaptureFixture) -> None:
    content(PATH, roundup_text(body=MENTIONS_XIAOMI.format(tags="xiaomi, ev")))
    assert check_lines(capsys, content.root) == (0, [])


def test_suggestions_cover_drafts_too(content, capsys: pytest.CaptureFixture) -> None:
    content(PATH, roundup_text(extra="draft: true\n", body=MENTIONS_XIAOMI.format(tags="ev")))
    code, lines = check_lines(capsys, content.root)
    assert code == 0
    assert [line.split(": ", 2)[2] for line in lines] == [SUGGESTION]


COMPANIES = [
    Company("xiaomi", "Xiaomi Corp.", "小米集团", aliases=("Xiaomi", "小米")),
    Company("li-auto", "Li Auto Inc.", "理想汽车", aliases=("Li Auto", "Li")),
    Company("alibaba", "Alibaba Group", aliases=("Alibaba",)),
    Company("alibaba-health", "Alibaba Health", aliases=("Alibaba Health",)),
    Company("sk-hynix", "SK Hynix Inc.", "SK海力士", aliases=("SK Hynix",)),
    Company("lg", "LG Electronics", aliases=("LG",)),
]


@pytest.mark.parametrize(("text", "found"), [
    ("据小米称，新车三月上市。", {"xiaomi": "小米"}),                  # CJK names need no spaces around them
    ("Xiaomi's SU7 and Li Auto's L9.", {"xiaomi": "Xiaomi", "li-auto": "Li Auto"}),
    ("Li Wei, an analyst, said so.", {}),                            # short alias "Li" is ignored
    ("see https://www.xiaomi.com/ and XiaomiFans", {}),              # case-sensitive, whole words only
    ("Alibaba Health rose; Alibaba fell.", {"alibaba-health": "Alibaba Health", "alibaba": "Alibaba"}),
    ("Alibaba Health rose.", {"alibaba-health": "Alibaba Health"}),  # the longest name wins
    ("ASK海力士 and SK海力士", {"sk-hynix": "SK海力士"}),                # Latin edges still need word edges
    ("LG and a LGBT group", {"lg": "LG"}),
])
def test_mentions_match_whole_names_only(text: str, found: dict[str, str]) -> None:
    assert {slug: name for slug, (name, _) in CompanyMentions(COMPANIES).find(text).items()} == found


def test_a_suggestion_points_at_the_line_of_the_first_mention() -> None:
    text = roundup_text(body="## Chips\n\nTags: ai\n\nFirst paragraph.\n\nSecond one,\nnaming Li Auto twice: Li Auto.\n")
    (section,) = parse_file(text).sections
    assert [(p.line, p.message) for p in CompanyMentions(COMPANIES).problems(PATH, section, {"ai"})] == [
        (14, "the story mentions Li Auto but is not tagged 'li-auto'")
    ]


# pre-commit ---------------------------------------------------------------------------------------

def test_pre_commit_runs_the_check_with_the_python_on_path(tmp_path: Path) -> None:
    """No .venv anywhere: the hooks run scripts/check with the python3 first on PATH (here the
    interpreter running the tests, as CI's Python or an activated venv would be). A python3 without
    the site's requirements gets one line saying how to get them; a .venv that `make check` made is
    used then, as a convenience."""
    project = site_project(tmp_path)
    for name in ("scripts", ".pre-commit-config.yaml"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    bad = project / "roundups/2031/2031-05-06.md"
    bad.parent.mkdir()
    bad.write_text(roundup_text(date="2031-05-06", body="## Chips\n\nTags: chipz\n\nText.\n"), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    env |= {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "init", "-q", str(project)], check=True, env=env)
    wrapper = f"#!/bin/sh\nexec {shlex.quote(sys.executable)} \"$@\"\n"  # runs the interpreter running the tests
    tests_python = tmp_path / "tests-python" / "python3"
    tests_python.parent.mkdir()
    tests_python.write_text(wrapper, encoding="utf-8")
    tests_python.chmod(0o755)
    bare = tmp_path / "bare"  # a python3 without the requirements
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True, timeout=300)

    def pre_commit(path: str, python3: Path) -> subprocess.CompletedProcess:
        """`pre-commit run --files path` with ``python3`` first on PATH."""
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", path], cwd=project,
                              env={**env, "PATH": f"{python3.parent}{os.pathsep}{env['PATH']}"},
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)

    assert not (project / ".venv").exists()
    result = pre_commit("roundups/2031/2031-05-06.md", tests_python)
    assert result.returncode == 1
    assert "roundups/2031/2031-05-06.md:9: error: Tags: unknown tag 'chipz'" in result.stdout
    result = pre_commit("roundups/2024/2024-03-12.md", tests_python)
    assert result.returncode == 0, result.stdout

    result = pre_commit("roundups/2024/2024-03-12.md", bare / "bin" / "python3")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout
    (line,) = [line for line in result.stdout.splitlines() if "requirements" in line]
    assert re.fullmatch(rf"scripts/check needs the site's requirements \({re.escape(str(bare))}/bin/python3 cannot "
                        r"import [\w.]+\): run `make check` once, then `source \.venv/bin/activate`, "
                        r"or `pip install --require-hashes -r requirements\.txt`", line), line

    venv_python = project / ".venv" / "bin" / "python"  # as `make check` leaves it
    venv_python.parent.mkdir(parents=True)
    venv_python.write_text(wrapper, encoding="utf-8")
    venv_python.chmod(0o755)
    result = pre_commit("roundups/2031/2031-05-06.md", bare / "bin" / "python3")
    assert result.returncode == 1
    assert "roundups/2031/2031-05-06.md:9: error: Tags: unknown tag 'chipz'" in result.stdout
