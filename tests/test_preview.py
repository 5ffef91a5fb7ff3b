"""Preview builds: a recent window of the archive plus what the author edited, nothing else."""

from __future__ import annotations

import os
import time

import pytest
from newsarchive.preview import Preview, PreviewError
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import roundup_text


def write_days(content, days: list[str]) -> None:
    for day in days:
        content(f"roundups/{day[:4]}/{day}.md", roundup_text(date=day))


def test_preview_builds_the_window_and_the_edited_file(content):
    write_days(content, ["2023-12-01", "2024-02-20", "2024-03-01", "2024-03-12"])
    old = content.root / "roundups/2023/2023-12-01.md"
    past = time.time() - 3600
    for path in (content.root / "roundups").rglob("*.md"):
        os.utime(path, (past, past))
    preview = Preview(days=14, edited_since=time.time() - 60)
    os.utime(old, None)  # the author just saved the oldest roundup
    loaded = load(Settings.read(content.root), preview)
    assert sorted(r.date.isoformat() for r in loaded.archive.roundups) == ["2023-12-01", "2024-03-01", "2024-03-12"]
    assert loaded.skipped == 1


def test_no_setting_means_a_full_build():
    assert Preview.from_setting(None, 0) is None and Preview.from_setting("", 0) is None


@pytest.mark.parametrize("value", ["x", "0", "-3", "1.5", "²", "1000000", "9" * 5000])
def test_a_bad_setting_is_refused_with_the_fix(value):
    with pytest.raises(PreviewError, match=r"give a number of days from 1 to 36,500, e\.g\. ARCHIVE_PREVIEW_DAYS=30"):
        Preview.from_setting(value, 0)
