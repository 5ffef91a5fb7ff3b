"""``scripts/check``: the build's validation without MkDocs, for authors, pre-commit and CI."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .mentions import CompanyMentions
from .problems import Problem, errors
from .render.html import plural
from .site import Loaded, load


def main(argv: list[str], root: Path) -> int:
    """Print every problem of the archive under ``root``; return 1 if any is an error."""
    parser = argparse.ArgumentParser(prog="scripts/check", description=__doc__)
    parser.add_argument("files", nargs="*", help="report only problems in these files (the whole archive is read)")
    parser.add_argument("--github", action="store_true", help="print GitHub Actions annotations (::error file=…)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    loaded = load(root, root / "docs")
    wanted = {Path(f).resolve() for f in args.files}

    def shown(path: str) -> bool:
        return not wanted or (root / path).resolve() in wanted

    suggestions = tag_suggestions(root, [path for path in _roundup_paths(loaded) if shown(path)], loaded)
    problems = sorted([p for p in loaded.problems if shown(p.path)] + suggestions, key=lambda p: (p.path, p.line))
    for problem in problems:
        print(problem.github() if args.github else problem)
    failed = errors(problems)
    archive = loaded.archive
    print(
        f"Checked {len(archive.roundups) + len(loaded.left_out) + len(loaded.drafts)} roundups "
        f"({archive.story_count} stories, {len(loaded.drafts)} drafts) in {time.perf_counter() - start:.2f} s: "
        + (f"{plural(len(failed), 'error')} in {plural(len({p.path for p in failed}), 'file')}" if failed else "no errors")
        + (f", {plural(len(suggestions), 'tag suggestion')}." if suggestions else ".")
    )
    return 1 if failed else 0


def _roundup_paths(loaded: Loaded) -> list[str]:
    """Every roundup file that was read, published or not."""
    return sorted({r.path for r in loaded.archive.roundups} | set(loaded.left_out) | set(loaded.drafts))


def tag_suggestions(root: Path, paths: list[str], loaded: Loaded) -> list[Problem]:
    """Warnings for companies the stories of ``paths`` name without tagging them."""
    mentions = CompanyMentions(loaded.archive.registry.companies.values())
    published = {roundup.path: roundup for roundup in loaded.archive.roundups}
    found = []
    for path in paths:
        if path in published and not mentions.any_untagged(published[path]):
            continue
        try:
            text = (root / path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # already reported by the check
        found.extend(mentions.untagged(path, text))
    return found
