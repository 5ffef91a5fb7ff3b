"""``scripts/check``: the build's validation without MkDocs, for authors, pre-commit and CI."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .problems import errors
from .site import load


def main(argv: list[str], root: Path) -> int:
    """Print every problem of the archive under ``root``; return 1 if any is an error."""
    parser = argparse.ArgumentParser(prog="scripts/check", description=__doc__)
    parser.add_argument("files", nargs="*", help="report only problems in these files (the whole archive is read)")
    parser.add_argument("--github", action="store_true", help="print GitHub Actions annotations (::error file=…)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    loaded = load(root, root / "docs")
    wanted = {Path(f).resolve() for f in args.files}
    shown = [p for p in loaded.problems if not wanted or (root / p.path).resolve() in wanted]
    for problem in shown:
        print(problem.github() if args.github else problem)
    failed = errors(shown)
    archive = loaded.archive
    print(
        f"Checked {len(archive.roundups) + len(loaded.left_out) + len(loaded.drafts)} roundups "
        f"({archive.story_count} stories, {len(loaded.drafts)} drafts) in {time.perf_counter() - start:.2f} s: "
        + (f"{len(failed)} errors in {len({p.path for p in failed})} files." if failed else "no errors.")
    )
    return 1 if failed else 0
