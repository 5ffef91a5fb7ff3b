"""Reading the roundup files: each read, checked and rendered once, in two processes when there are
many, and kept between the rebuilds of a preview."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

from . import limits
from .files import Repository, Unreadable
from .people import PEOPLE_FILE
from .problems import Problem
from .publishable import content_problems
from .registry import COMPANIES_FILE, TOPICS_FILE, Registry, load_registry
from .render.markup import Rendered, Written, remember, renderings
from .settings import Settings
from .validate import Context, FileResult, read_roundup

PARALLEL_FROM = 300
"""Files to read before a second process pays for itself (it checks and renders half of them)."""
REGISTRY_FILES = (COMPANIES_FILE, TOPICS_FILE, PEOPLE_FILE)
"""The files of the roundups folder that are not roundups."""
Signature = tuple[int, int, int]
"""A file's size, modification time and inode: a file whose signature is unchanged is unchanged."""
Signatures = tuple[Signature, ...]
"""What a roundup reads as depends on: the signature of its file, then of each file under docs/ it
names (FileResult.docs_files), as what it leads to and as itself (a link)."""


class Reads(dict[str, tuple[Signatures, FileResult]]):
    """What each roundup file read as, by path, with the signatures of what that depends on then;
    valid for one registry, one set of settings and one day (a change of any empties it)."""

    valid_for: tuple[Registry, Settings, dt.date] | None = None
    """The registry, settings and day the files were checked against."""
    registry: tuple[tuple[Signature, ...], Registry, list[Problem]] | None = None
    """The registry last read, with its files' signatures then and its problems."""


def read_registry(repository: Repository, folder: str, reads: Reads) -> tuple[Registry, list[Problem]]:
    """The registry in ``folder``, read again only when one of its files changed since ``reads``
    kept it."""
    signatures = tuple(signature(repository.root / folder / name) for name in REGISTRY_FILES)
    if reads.registry is None or reads.registry[0] != signatures:
        reads.registry = (signatures, *load_registry(repository, folder))
    _, registry, problems = reads.registry
    return registry, list(problems)


def read_roundups(
    repository: Repository, settings: Settings, registry: Registry, reads: Reads, problems: list[Problem],
    today: dt.date,
) -> dict[str, FileResult]:
    """What every roundup file reads as on ``today``, by path (the files kept in ``reads`` not read
    again); problems with the roundups folder itself go to ``problems``."""
    paths = _roundup_files(repository, settings.roundups, problems)
    for gone in reads.keys() - set(paths):
        del reads[gone]
    root = str(settings.root)
    own = {path: signature(os.path.join(root, path)) for path in paths}
    todo = [path for path in paths
            if path not in reads or reads[path][0] != _signatures(own[path], reads[path][1], settings)]
    context = Context.of(registry, repository, settings.docs_dir, today)
    for path, result in _read(todo, repository, settings.root, context).items():
        reads[path] = (_signatures(own[path], result, settings), result)
    return {path: reads[path][1] for path in paths}


def _signatures(own: Signature, result: FileResult, settings: Settings) -> Signatures:
    """What the roundup whose file's signature is ``own`` and that read as ``result`` depends on."""
    names = [settings.docs_path / name for name in result.docs_files]
    return (own, *(kept for file in names for kept in (signature(file), signature(file, False))))


def signature(file: Path | str, follow: bool = True) -> Signature:
    """The signature of ``file``, or of the link itself unless ``follow``; (-1, -1, -1) for nothing."""
    try:
        info = os.stat(file, follow_symlinks=follow)
    except OSError:
        return (-1, -1, -1)
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def _read(paths: list[str], repository: Repository, root: Path, context: Context) -> dict[str, FileResult]:
    """The files at ``paths`` read and checked: in two processes when there are many (fork keeps
    the registry and the checker, which need not be sent); each sends back its renderings, which
    the pages and feeds use."""
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {path: _read_one(repository, root, path, context) for path in paths}
    _WORK[:] = [(repository, root, context)]
    try:
        with multiprocessing.get_context("fork").Pool(2) as pool:
            halves = pool.map(_read_part, [paths[0::2], paths[1::2]])
    finally:
        _WORK.clear()
    results: dict[str, FileResult] = {}
    for part, rendered in halves:
        results.update(part)
        remember(rendered)
    return {path: results[path] for path in paths}


_WORK: list[tuple[Repository, Path, Context]] = []
"""What the processes reading in parallel work with (set before they fork, so never sent)."""


def _read_part(paths: list[str]) -> tuple[dict[str, FileResult], dict[Written, Rendered]]:
    repository, root, context = _WORK[0]
    renderings().clear()  # only what this process renders goes back
    return {path: _read_one(repository, root, path, context) for path in paths}, renderings()


def _read_one(repository: Repository, root: Path, path: str, context: Context) -> FileResult:
    """The roundup file at ``path`` read and checked."""
    try:
        return read_roundup(path, repository.read(root / path, limits.FILE_BYTES), context)
    except Unreadable as exc:
        return FileResult(None, [Problem(path, 1, "file", exc.message, exc.hint)])
    except OSError as exc:
        return FileResult(None, [Problem(path, 1, "file", f"cannot be read ({exc.strerror})", "check the file")])


def _roundup_files(repository: Repository, folder: str, problems: list[Problem]) -> list[str]:
    """Repository paths of the roundup files; anything else under the roundups folder is reported.

    Links are not followed into folders; a link to a file is followed only to a regular file
    inside the repository (files.Repository). A regular file met on the walk of a folder inside
    the repository is one already, which the walk's own listing tells without asking the system
    again (a preview lists the folder on every rebuild)."""
    top = repository.root / folder
    inside = top.resolve().is_relative_to(repository.root.resolve())
    found: list[str] = []
    folders = [(top, 1)] if top.is_dir() else []
    while folders:
        here, depth = folders.pop()
        with os.scandir(here) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        subfolders = [(Path(entry.path), depth + 1) for entry in entries if entry.is_dir(follow_symlinks=False)]
        folders.extend(reversed(subfolders))  # walked in name order, each after the files above it
        prefix = here.relative_to(repository.root).as_posix() + "/"
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name.endswith(".md"):
                    problems.append(Problem(prefix + entry.name, 1, "file", "is a folder, so it is not published",
                                            f"a roundup is one file, {folder}/YYYY/YYYY-MM-DD.md"))
                continue
            if depth == 1 and entry.name in REGISTRY_FILES:
                continue
            rel = prefix + entry.name
            if not (inside and entry.is_file(follow_symlinks=False)):
                try:
                    repository.regular_file(Path(entry.path))
                except Unreadable as exc:
                    problems.append(Problem(rel, 1, "file", exc.message, exc.hint))
                    continue
            if os.path.splitext(entry.name)[1] != ".md" or depth != 2:
                problems.append(Problem(rel, 1, "file", "is not a roundup file, so it is not published",
                                        f"roundups are {folder}/YYYY/YYYY-MM-DD.md; move or delete this file"))
            else:
                found.append(rel)
    return sorted(found)


def link_problems(repository: Repository, settings: Settings) -> list[Problem]:
    """Everything under docs/ the site may not publish, in path order: links that lead out of
    docs/ (to the roundups, drafts and all, or out of the repository), to a folder or nowhere,
    hard links, what is neither a folder nor a regular file (MkDocs would hang on a pipe), and
    files whose name or content the site may not publish (publishable.py). The roundups folder is
    not copied: its files are checked as they are listed and read."""
    walked = [Problem(path.relative_to(settings.root).as_posix(), 1, "file", exc.message, exc.hint)
              for path, exc in repository.unpublishable(settings.docs_path)]
    return sorted([*walked, *content_problems(repository, settings)], key=lambda p: (p.path, p.line))
