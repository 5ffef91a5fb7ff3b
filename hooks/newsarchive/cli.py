"""``scripts/check``: the build's validation without MkDocs, for authors, pre-commit and CI.

It prints the very problems a build logs, decided by the same rule (problems.failed): errors fail
it, warnings and suggestions do not.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from .problems import ERROR, SUGGESTION, WARNING, Problem, counts, failed, printable
from .render.html import plural
from .settings import Settings, SettingsError
from .site import Loaded, load

_COLOURS = {ERROR: "\033[1;31m", WARNING: "\033[1;33m", SUGGESTION: "\033[1;36m"}
_RESET = "\033[0m"


def main(argv: list[str], root: Path, out: TextIO | None = None) -> int:
    """Print every problem of the archive under ``root``; return 1 if any shown is an error, 2 if
    the command line or the settings are wrong."""
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="scripts/check", description=__doc__)
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="report only problems in these files or folders (the whole archive is read)")
    parser.add_argument("--github", action="store_true", help="print GitHub Actions annotations (::error file=…)")
    args = parser.parse_args(argv)
    missing = [path for path in args.paths if not Path(path).exists() and not Path(path).is_symlink()]
    if missing:
        print(f"scripts/check: no such file or folder: {printable(', '.join(missing))}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        settings = Settings.read(root)
    except SettingsError as exc:
        print(f"scripts/check: {exc}", file=sys.stderr)
        return 2
    outside = [path for path in args.paths if not _in_archive(Path(path), settings)]
    for path in outside:
        print(printable(f"scripts/check: {path}: not part of the archive; name files or folders under "
                        f"{settings.roundups_dir} or {settings.docs_path}"), file=sys.stderr)
    if outside:
        return 2
    loaded = load(settings)
    wanted = {place for path in args.paths for place in _places(Path(path))}
    problems = [p for p in loaded.problems if not wanted or _inside(_places(root / p.path), wanted)]
    colour = _colour_wanted(out) and not args.github
    for problem in problems:
        print(problem.github() if args.github else _coloured(problem) if colour else str(problem), file=out)
    print(_summary(loaded, problems, time.perf_counter() - start), file=out)
    return 1 if failed(problems) else 0


def _in_archive(path: Path, settings: Settings) -> bool:
    """Whether the check can say anything of ``path``: the repository itself, or a file or folder
    in its roundups or docs folder, where it is written (a link there to elsewhere is a problem
    of the archive) or where it leads."""
    places = _places(path)
    return settings.root.resolve() in places or _inside(places, {settings.roundups_dir.resolve(),
                                                                 settings.docs_path.resolve()})


def _places(path: Path) -> set[Path]:
    """Where ``path`` is written (made absolute, its links not followed) and where it leads."""
    return {Path(os.path.abspath(path)), path.resolve()}


def _inside(places: set[Path], folders: set[Path]) -> bool:
    """Whether one of ``places`` is one of ``folders`` or inside one."""
    return any(place.is_relative_to(folder) for place in places for folder in folders)


def _summary(loaded: Loaded, problems: Iterable[Problem], seconds: float) -> str:
    archive = loaded.archive
    read = len(archive.roundups) + len(loaded.left_out) + len(loaded.drafts) + len(loaded.future)
    waiting = f", {len(loaded.future)} dated in the future" if loaded.future else ""
    return (f"Checked {plural(read, 'roundup')} ({plural(archive.story_count, 'story')} published, "
            f"{plural(len(loaded.drafts), 'draft')}{waiting}) in {seconds:.2f} s: {counts(problems)}.")


def _colour_wanted(out: TextIO) -> bool:
    """Colour on a terminal only: never in CI logs, never when NO_COLOR is set."""
    return out.isatty() and not os.environ.get("NO_COLOR") and not os.environ.get("CI")


def _coloured(problem: Problem) -> str:
    location = f"{printable(problem.path)}:{problem.line}:"
    return f"{location} {_COLOURS[problem.severity]}{problem.severity}:{_RESET} {problem.text}"
