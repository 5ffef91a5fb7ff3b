"""``scripts/new-roundup``: start the file of a new roundup, in the right place, ready to fill in."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import posixpath
import sys
from pathlib import Path, PurePosixPath

from .fields import DATE, FIRST_YEAR, SLUG
from .problems import printable
from .settings import Settings, SettingsError

PLACEHOLDERS = (
    "Write the headline of the day here",
    "Write one sentence on the day's news here",
    "An optional paragraph introducing the day's roundup",
    "Headline of the first story",
    "The first paragraph of the story",
    "Copy this story, from its",
)
"""The template's placeholder texts: left in a roundup, each is an error (validate.py)."""

_TEMPLATE = """\
---
title: Write the headline of the day here
date: {date}
summary: Write one sentence on the day's news here; it appears in listings, feeds and search results.
# Optional fields: remove the '# ' in front of the lines you need.
# authors: [your-slug]        # slugs of roundups/people.yml
# editor: editors-slug
# time: "08:30"               # when it comes out, in quotes
# image:
#   src: images/{year}/{date}-photo.jpg   # a file under docs/, or an https:// address
#   alt: What the photo shows, for readers who cannot see it
#   credit: Photographer or agency
#   caption: One line shown under the photo
#   creator: Who made it (a people.yml slug, or a name)
#   copyright: © 2024 The agency
# source:
#   name: Caixin Global
#   url: https://www.caixinglobal.com/
# ai_generated: true          # the page says the text was written by AI
# corrections:
#   - date: {date}
#     note: What an earlier version got wrong.
#     story: the-story-s-address   # optional: the part after '#' in the story's link
# draft: true                 # keeps the roundup off the site until you delete this line
---

An optional paragraph introducing the day's roundup.

## Headline of the first story

Tags:

The first paragraph of the story.

A second paragraph. Copy this story, from its '## ' line to here, for each story of the day.
"""


def roundup_path(folder: str, day: dt.date, edition: str = "") -> str:
    """Repository path of the roundup for ``day``: ``roundups/2024/2024-03-12.md`` (or ``…-evening.md``)."""
    suffix = f"-{edition}" if edition else ""
    return f"{folder}/{day.year}/{day.isoformat()}{suffix}.md"


def roundup_template(day: dt.date) -> str:
    """A new roundup's text: every required field filled in with a placeholder, the optional ones
    commented out, and one story whose Tags line the author completes."""
    return _TEMPLATE.format(date=day.isoformat(), year=day.year)


def _date(text: str) -> dt.date:
    if not DATE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"'{printable(text)}' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-12")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a real date: check the day and the month") from None
    if day.year < FIRST_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' is before the year {FIRST_YEAR}: check the year")
    return day


def _edition(text: str) -> str:
    if not SLUG.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"'{printable(text)}' cannot be an edition name: use lowercase letters, digits and hyphens, e.g. evening"
        )
    return text


def _unusable(root: Path, folder: str) -> str | None:
    """Why a roundup cannot be written into ``folder`` (a path relative to ``root``): a part of it
    is a file, or a link, which could lead out of the repository. None when it can."""
    path = root
    for part in PurePosixPath(folder).parts:
        path = path / part
        shown = printable(path.relative_to(root).as_posix())
        if path.is_symlink():
            return (f"{shown} is a link (to {printable(os.readlink(path))}), not a folder; nothing was changed.\n"
                    "The archive reads only files inside the repository: replace the link with a folder.")
        if path.exists() and not path.is_dir():
            return (f"{shown} is a file, not a folder; nothing was changed.\n"
                    "Move or rename that file, then run scripts/new-roundup again.")
    return None


def main(argv: list[str], root: Path, today: dt.date | None = None) -> int:
    """Create the roundup file under ``root``; refuse (exit 1) if it already exists, or if its folder
    (or the roundups folder) is a file or a link."""
    parser = argparse.ArgumentParser(prog="scripts/new-roundup", description=__doc__)
    parser.add_argument("--date", type=_date,
                        help="the roundup's date, YYYY-MM-DD (default: today in the archive's time zone)")
    parser.add_argument("--edition", type=_edition, metavar="SUFFIX",
                        help="a second edition that day, e.g. 'evening' -> YYYY-MM-DD-evening.md")
    args = parser.parse_args(argv)
    try:
        settings = Settings.read(root)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    day = args.date or today or settings.zone.today()
    path = roundup_path(settings.roundups, day, args.edition or "")
    target = root / path
    if (refusal := _unusable(root, posixpath.dirname(path))) is not None:
        print(refusal, file=sys.stderr)
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as file:
            file.write(roundup_template(day))
    except FileExistsError:
        print(f"{path} already exists; nothing was changed.\n"
              "Edit that file, or pass --edition SUFFIX (e.g. --edition evening) for a second edition that day.",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{path} cannot be written ({exc.strerror}); nothing was changed.", file=sys.stderr)
        return 1
    print(f"Created {path}.\n"
          "Fill in the title, summary and stories, list each story's tags on its 'Tags:' line, then run:\n"
          f"  scripts/check {path}")
    return 0
