"""The authors' commands refuse what they cannot do, in one clear line: scripts/check on a file
that is not part of the archive, scripts/new-roundup on a year folder that is not a folder or a
date that is not YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from newsarchive import cli, scaffold

from tests.conftest import roundup_text

PATH = "roundups/2024/2024-03-12.md"


# scripts/check PATH ---------------------------------------------------------------------------------

def check(capsys: pytest.CaptureFixture, root: Path, *paths: str) -> tuple[int, str, str]:
    code = cli.main(list(paths), root)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_file_outside_the_repository_is_not_part_of_the_archive(content, capsys, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "2024-03-12.md"
    elsewhere.write_text(roundup_text(title="[broken"), encoding="utf-8")  # a copy with an error in it
    content(PATH, roundup_text())
    roots = f"{content.root / 'roundups'} or {content.root / 'docs'}"
    assert check(capsys, content.root, str(elsewhere)) == (
        2, "", f"scripts/check: {elsewhere}: not part of the archive; name files or folders under {roots}\n")
    assert check(capsys, content.root, "/etc/passwd", str(content.root / PATH)) == (
        2, "", f"scripts/check: /etc/passwd: not part of the archive; name files or folders under {roots}\n")


def test_a_file_of_the_repository_outside_its_content_is_not_part_of_the_archive(content, capsys) -> None:
    content("notes.md", roundup_text(title="[broken"))
    code, out, err = check(capsys, content.root, str(content.root / "notes.md"))
    assert (code, out) == (2, "")
    assert err.startswith(f"scripts/check: {content.root / 'notes.md'}: not part of the archive;")


def test_the_repository_its_roundups_and_a_link_among_them_are_part_of_the_archive(content, capsys) -> None:
    outside = content.root.parent / "outside.md"
    outside.write_text("text\n", encoding="utf-8")
    os.symlink(outside, content.root / "roundups/2024/2024-03-13.md")
    for path in (content.root, content.root / "roundups", content.root / "roundups/2024/2024-03-13.md"):
        code, out, err = check(capsys, content.root, str(path))
        assert (code, err) == (1, "")
        assert out.startswith("roundups/2024/2024-03-13.md:1: error: file: is a link to a file outside the repository")


def test_a_path_with_a_line_break_is_printed_on_one_line(content, capsys) -> None:
    code, out, err = check(capsys, content.root, "no\n::error::such")
    assert (code, out, err) == (2, "", "scripts/check: no such file or folder: no\\n::error::such\n")


# scripts/new-roundup ----------------------------------------------------------------------------------

def new_roundup(capsys: pytest.CaptureFixture, root: Path, *args: str) -> tuple[int, str]:
    code = scaffold.main(list(args), root, today=dt.date(2030, 1, 2))
    return code, capsys.readouterr().err


def test_a_year_folder_that_is_a_file_is_refused(tmp_path: Path, capsys) -> None:
    (tmp_path / "roundups").mkdir()
    (tmp_path / "roundups/2030").write_text("notes\n", encoding="utf-8")
    assert new_roundup(capsys, tmp_path) == (1, "roundups/2030 is a file, not a folder; nothing was changed.\n"
                                                "Move or rename that file, then run scripts/new-roundup again.\n")
    assert (tmp_path / "roundups/2030").read_text(encoding="utf-8") == "notes\n"


def test_a_roundups_folder_that_is_a_file_is_refused(tmp_path: Path, capsys) -> None:
    (tmp_path / "roundups").write_text("", encoding="utf-8")
    assert new_roundup(capsys, tmp_path)[1].startswith("roundups is a file, not a folder; nothing was changed.\n")


def test_a_year_folder_that_is_a_link_is_refused_and_nothing_is_written_through_it(tmp_path: Path, capsys) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "project/roundups").mkdir(parents=True)
    os.symlink(elsewhere, tmp_path / "project/roundups/2030")
    assert new_roundup(capsys, tmp_path / "project") == (
        1, f"roundups/2030 is a link (to {elsewhere}), not a folder; nothing was changed.\n"
           "The archive reads only files inside the repository: replace the link with a folder.\n")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(("date", "message"), [
    ("2024-W10-2", "'2024-W10-2' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-12"),   # an ISO week date
    ("2024W102", "'2024W102' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-12"),
    ("2024-072", "'2024-072' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-12"),       # an ordinal date
    ("20240312", "'20240312' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-12"),
    ("2024-02-30", "'2024-02-30' is not a real date: check the day and the month"),
    ("2024-03-12\n::error::x", "'2024-03-12\\n::error::x' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-12"),
])
def test_a_date_not_written_yyyy_mm_dd_is_refused(tmp_path: Path, capsys, date: str, message: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        scaffold.main(["--date", date], tmp_path)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(f"error: argument --date: {message}\n")
    assert not (tmp_path / "roundups").exists()
