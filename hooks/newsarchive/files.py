"""The only way the core reads an author's file: regular files inside the repository, nothing else.

A symbolic link is followed only to a regular file inside the repository. A link out of it (to
``/etc/passwd``), a broken link, a loop of links, a folder, a FIFO or a device where a file is
expected are each a located problem: reading a FIFO would hang the build, and publishing a file
from outside the repository would leak the CI runner's files. Under docs/, which is copied into the
site as it is, a link must also stay in docs/ and lead to a file, and a file must have no other
name (``unpublishable``): else the site would publish the drafts under roundups/, say.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path


class Unreadable(Exception):
    """A file the archive cannot read, and why, in words for its author."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Repository:
    """The folder holding mkdocs.yml, roundups/ and docs/: nothing outside it is ever read."""

    root: Path

    def resolve(self, path: Path) -> Path:
        """Where ``path`` really is, if it is a regular file or folder inside the repository."""
        try:
            real = path.resolve(strict=True)
        except FileNotFoundError:
            raise Unreadable("is a link to nothing (its target is missing)",
                             "delete the link or restore its target") from None
        except (RuntimeError, OSError) as exc:  # a loop of links, or a name the system cannot follow
            raise Unreadable(f"cannot be followed ({_reason(exc)})", "replace the link with the file itself") from None
        if not real.is_relative_to(self.root.resolve()):
            raise Unreadable("is a link to a file outside the repository", "replace the link with the file itself")
        return real

    def regular_file(self, path: Path) -> Path:
        """``path`` resolved, if it is a regular file inside the repository."""
        real = self.resolve(path)
        mode = real.stat().st_mode
        if stat.S_ISDIR(mode):
            raise Unreadable("is a folder, not a file", "replace it with the file")
        if not stat.S_ISREG(mode):
            raise Unreadable("is not a regular file (a pipe, socket or device)", "replace it with an ordinary file")
        return real

    def read(self, path: Path, limit: int) -> bytes:
        """The bytes of the regular file ``path``, if it holds at most ``limit`` bytes."""
        real = self.regular_file(path)
        size = real.stat().st_size
        if size > limit:
            raise Unreadable(f"is {size:,} bytes long, more than the {limit:,} allowed", "split or shorten it")
        with real.open("rb") as file:
            return file.read(limit + 1)

    def unpublishable(self, folder: Path) -> list[tuple[Path, Unreadable]]:
        """Every entry under ``folder``, which is copied as it is into the site, that would publish
        something other than itself, or hang the copy: a link that leads out of ``folder`` (to the
        roundups, drafts and all, or out of the repository) or nowhere; a link to a folder (the
        site would publish its files again under the link's name, and over and over for a link to
        a folder it is in); a file that is a hard link (its other name may be anywhere); anything
        neither a folder nor a regular file (a pipe would hang the copy). Links are not followed
        into folders, so a link to ``/`` is found, not walked; a regular file met on the walk of a
        folder inside the repository is one already, which the walk's own listing tells."""
        real_folder = folder.resolve()
        inside = real_folder.is_relative_to(self.root.resolve())
        found = []
        folders = [folder] if folder.is_dir() else []
        while folders:
            try:
                listing = list(os.scandir(folders.pop()))
            except OSError:
                continue  # as MkDocs' own walk does
            for entry in listing:
                path = Path(entry.path)
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                    elif inside and entry.is_file(follow_symlinks=False):
                        _one_name(entry.stat(follow_symlinks=False).st_nlink)
                    else:
                        self._published(path, real_folder)
                except Unreadable as exc:
                    found.append((path, exc))
        return sorted(found, key=lambda item: item[0])

    def _published(self, path: Path, folder: Path) -> None:
        """Refuse ``path``, a link or something other than a regular file, unless it leads to one
        regular file inside ``folder`` (a real path) and nowhere else."""
        if path.is_dir():
            real = self._within(path, folder)
            raise Unreadable(f"is a link to the folder '{self._named(real)}', whose files the site would publish "
                             "again under this name", "move the folder here, or delete the link")
        self.regular_file(path)
        _one_name(self._within(path, folder).stat().st_nlink)

    def _within(self, path: Path, folder: Path) -> Path:
        """Where ``path`` really is, if that is inside ``folder`` (a real path)."""
        real = self.resolve(path)
        if not real.is_relative_to(folder):
            raise Unreadable(f"is a link to '{self._named(real)}', outside {self._named(folder)}/, so the "
                             "site would publish it", "copy here only what the site should show, and delete the link")
        return real

    def _named(self, real: Path) -> str:
        """How a message names the real path ``real``: as the repository sees it, when inside it."""
        root = self.root.resolve()
        return (real.relative_to(root) if real.is_relative_to(root) else real).as_posix()


def _one_name(names: int) -> None:
    """Refuse a file with ``names`` names (hard links) but one."""
    if names > 1:
        raise Unreadable(f"is a hard link (the same file has {names} names, which may be anywhere)",
                         "replace it with a copy of the file")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return "a loop of links" if isinstance(exc, RuntimeError) else type(exc).__name__
