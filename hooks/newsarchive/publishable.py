"""What the site may publish from docs/, which MkDocs copies into the site as it is.

A browser opens every such file on the site's own address, where whatever runs in it acts for the
site: an HTML page, a script, an XML file, an SVG with a script. So docs/ publishes, by one rule
that the check, the build and the preview share (``reading.link_problems``), only:

- pages (``.md``), which MkDocs renders with the theme, when they hold nothing that would run on
  the site (hand_pages.py);
- images of the types the site shows (images.py), known by their bytes, which must be the type
  the file's name says; an SVG only when it holds a drawing and nothing else;
- plain documents a browser shows without running anything on the site: text, CSV, JSON and PDF
  (browsers show a PDF in a viewer of their own, apart from the site's pages);
- the files mkdocs.yml names (``Settings.as_is``): the theme's stylesheets and scripts, and any
  other file a maintainer decides to publish as it is.

Any other file is an error, and so is a name a web address cannot carry as it is (``#``, ``?``,
``%``, ``:``, ``\\``, a space or a control character): refusing such names is one rule, where
encoding them would be one in every place that writes an address. Names starting with '.' are
left out of the site by MkDocs, and so are not checked.
"""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import hand_pages, images, limits
from .files import Repository, Unreadable
from .problems import Problem, capped
from .settings import CONFIG_FILE, Settings
from .urls import MARKDOWN

if TYPE_CHECKING:
    from .reading import Reads
    from .site import Loaded

PLAIN = (".txt", ".csv", ".json", ".pdf")
"""Documents published as they are: a browser shows them without running anything on the site."""
_RESERVED = re.compile(r"[#?%:\\\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
"""Characters a web address cannot carry as they are (``#`` and ``?`` end its path, ``%``
starts an escape, ``:`` ends a scheme in a relative address, a browser reads ``\\`` as ``/``),
and the invisible ones."""
_SAFE_NAMES = "rename it with letters, digits, '-', '_' and '.' (and change every link to it)"


def content_problems(repository: Repository, settings: Settings) -> list[Problem]:
    """Every file and folder under docs/ whose name or content the site may not publish. What is
    not a regular file or folder inside the repository, or leads out of docs/, is never read here:
    ``Repository.unpublishable`` reports it."""
    docs = settings.docs_path
    real_docs = docs.resolve()
    inside = real_docs.is_relative_to(settings.root.resolve())
    found: list[Problem] = []
    for directory, folders, names in os.walk(docs):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted([*folders, *(name for name in names if not name.startswith("."))]):
            path = Path(directory, name)
            where = path.relative_to(settings.root).as_posix()
            if (reserved := _RESERVED.search(name)) is not None:
                found.append(Problem(where, 1, "file", f"the name has {_character(reserved.group())}, which a web "
                                     "address cannot carry as it is", _SAFE_NAMES))
            if inside and name not in folders and path.relative_to(docs).as_posix() not in settings.as_is:
                found.extend(_file_problems(repository, path, where, real_docs))
    return found


def _file_problems(repository: Repository, path: Path, where: str, docs: Path) -> list[Problem]:
    """What keeps the file ``path`` (``where`` in the repository) under ``docs`` (a real path) off
    the site, by its type and content."""
    ending = path.suffix.lower()
    if ending in PLAIN:
        return []
    if ending in MARKDOWN:
        return _page_problems(repository, path, where, docs)
    kind = images.kind_named(path.name)
    if kind is None:
        named = f"a '{ending}' file" if ending else "a file with no ending (such as '.png')"
        return [Problem(where, 1, "file", f"is {named}, which the site does not publish from docs/: a browser "
                        "might run it as part of the site",
                        f"delete it, or list it under extra.archive.publish_as_is in {CONFIG_FILE} if the site "
                        "must publish it as it is")]
    if (found := _regular_file(repository, path, docs)) is None:
        return []  # reported by Repository.unpublishable
    real, info = found
    return capped([Problem(where, finding.line, "image", finding.message, finding.hint)
                   for finding in _image_findings(real, path.name, (info.st_size, info.st_mtime_ns, info.st_ino))])


def _page_problems(repository: Repository, path: Path, where: str, docs: Path) -> list[Problem]:
    """What keeps the page written by hand at ``path`` (``where`` in the repository) under ``docs``
    off the site: what in it would run there."""
    if _regular_file(repository, path, docs) is None:
        return []  # reported by Repository.unpublishable
    try:
        text = repository.read(path, limits.PAGE_BYTES).decode("utf-8")
    except Unreadable as exc:
        return [Problem(where, 1, "file", exc.message, exc.hint)]
    except UnicodeDecodeError:
        return [Problem(where, 1, "file", "is not UTF-8 text", "save it as UTF-8")]
    return capped([Problem(where, finding.line, "page", finding.message, finding.hint)
                   for finding in hand_pages.findings(text)])


def _regular_file(repository: Repository, path: Path, docs: Path) -> tuple[Path, os.stat_result] | None:
    """Where the file ``path`` really is, and its status, if that is a regular file inside
    ``docs`` (a real path); a link is followed only there."""
    try:
        info = path.lstat()
        if not stat.S_ISLNK(info.st_mode):
            return (path, info) if stat.S_ISREG(info.st_mode) else None
        real = repository.regular_file(path)
        return (real, real.stat()) if real.is_relative_to(docs) else None
    except (Unreadable, OSError):
        return None


@lru_cache(maxsize=16_384)
def _image_findings(real: Path, name: str, signature: tuple[int, int, int]) -> tuple[images.Finding, ...]:
    """What keeps the image file at ``real``, published as ``name``, off the site; kept while the
    file's size, time and inode (``signature``) are unchanged, as a preview rebuilds often."""
    kind = images.kind_named(name)
    with real.open("rb") as file:
        held = images.kind_held(file.read(images.HEAD_BYTES))
        if kind == "SVG" and held in (None, "SVG"):  # an SVG's tag may come after a long comment
            file.seek(0)
            return _svg_findings(file.read(limits.SVG_BYTES + 1))
    if held != kind:
        return (_mistyped(name, kind, held),)
    if images.pixel_size(real) is None:
        return (images.Finding(1, f"the image says it is more than {limits.PIXELS:,} pixels wide or high",
                               "export it again"),)
    return ()


def _svg_findings(data: bytes) -> tuple[images.Finding, ...]:
    if len(data) > limits.SVG_BYTES:
        return (images.Finding(1, f"the SVG is more than {limits.SVG_BYTES:,} bytes long",
                               "simplify the drawing, or export it as PNG or WebP"),)
    return tuple(images.read_svg(data).findings)


def _mistyped(name: str, kind: str | None, held: str | None) -> images.Finding:
    """The finding for the file ``name``, named as a ``kind`` image, that holds a ``held`` one or none."""
    if held is None:
        return images.Finding(1, f"is not a{_n(kind)} {kind} image, nor any image the site shows ({images.ACCEPTED})",
                              f"export the picture again as {kind}, or delete the file")
    return images.Finding(1, f"holds a{_n(held)} {held} image but is named '{Path(name).suffix}'",
                          f"rename it to end in '{images.KINDS[held][0]}'")


def _n(kind: str | None) -> str:
    """What makes 'a' 'an' before the type of image ``kind``."""
    return "n" if kind and kind[0] in "AS" else ""


def _character(character: str) -> str:
    """A character of a name, as a message names it."""
    if character == " ":
        return "a space"
    if character.isprintable() and not character.isspace():
        return f"'{character}'"
    return f"an invisible character (U+{ord(character):04X})"


def unpublished_images(loaded: Loaded, reads: Reads) -> set[str]:
    """The images under docs/ (``images/2024/a.jpg``, as MkDocs names the file) that only roundups
    off the site lead with: drafts, roundups dated ahead and roundups left out for their errors.
    Published, such an image would show what is not public yet, and once in permalinks.json it
    could never be withdrawn. ``reads`` is what the roundups read as, from the load of ``loaded``."""
    shown = {images.local_file(roundup.image.src) for roundup in loaded.archive.roundups if roundup.image}
    waiting = {reads[path][1].image for path in (*loaded.drafts, *loaded.future, *loaded.left_out) if path in reads}
    return waiting - shown - {""}
