"""Preview builds for `mkdocs serve` on a large archive: a recent window plus what was edited.

A full build of ten years takes most of a minute; an author previewing today's roundup needs the
page back in seconds. A preview reads, checks and renders only the roundups dated within ``days``
of the newest one, plus any file edited since the server started. CI always builds everything.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from pathlib import Path

from .validate import FILE_NAME

ENV = "ARCHIVE_PREVIEW_DAYS"
"""The environment variable that turns a preview on, e.g. ``ARCHIVE_PREVIEW_DAYS=30 mkdocs serve``."""


MAX_DAYS = 36_500
"""A century: any longer window is the whole archive."""


class PreviewError(ValueError):
    """The preview setting is not a positive number of days."""


@dataclass(frozen=True)
class Preview:
    days: int
    edited_since: float
    """Seconds since the epoch: files modified after this are always included."""

    @classmethod
    def from_setting(cls, value: str | None, edited_since: float) -> Preview | None:
        """The preview asked for by the environment variable's ``value``, or None for a full build."""
        if not value:
            return None
        if not (value.isascii() and value.isdigit() and len(value) <= 6) or not 1 <= int(value) <= MAX_DAYS:
            raise PreviewError(f"{ENV}={value!r}: give a number of days from 1 to {MAX_DAYS:,}, e.g. {ENV}=30")
        return cls(int(value), edited_since)

    def select(self, root: Path, paths: list[str]) -> list[str]:
        """The roundup ``paths`` (repository-relative) that this preview builds."""
        dates = {path: _file_date(path) for path in paths}
        known = [day for day in dates.values() if day]
        if not known:
            return paths
        cutoff = max(known) - dt.timedelta(days=self.days)
        return [
            path for path, day in dates.items()
            if day is None or day >= cutoff or (root / path).stat().st_mtime >= self.edited_since
        ]


def _file_date(path: str) -> dt.date | None:
    name = FILE_NAME.fullmatch(posixpath.basename(path))
    try:
        return dt.date.fromisoformat(name.group("date")) if name else None
    except ValueError:
        return None
