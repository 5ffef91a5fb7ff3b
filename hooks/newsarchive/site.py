"""The whole pipeline: read and check every file, index once, render every output."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from . import limits
from .archive import Archive, build_archive
from .files import Repository, Unreadable
from .model import Roundup
from .problems import Problem
from .registry import COMPANIES_FILE, TOPICS_FILE, Registry, load_registry
from .render.head import crumb_titles, with_head
from .render.html import esc
from .render.layout import Page
from .render.problem_notes import ProblemNotes
from .render.public import PublicSite
from .render.sitemaps import sitemap_files
from .render.units import Unit, all_units, render_unit
from .settings import Settings
from .urls import source_uri
from .validate import Context, FileResult, read_roundup

T = TypeVar("T")


@dataclass(frozen=True)
class Output:
    uri: str
    """Where MkDocs publishes it: ``2024/03/12/index.md`` (a themed page) or ``feed.xml``."""
    content: str
    page: Page | None = None
    """For a themed page: the rendered page, whose body and head replace what MkDocs converts
    from ``content`` (which only carries the page's meta)."""


@dataclass
class Loaded:
    """What reading and indexing the content produced: enough for the check command."""

    archive: Archive
    problems: list[Problem]
    left_out: list[str] = field(default_factory=list)
    """Roundups that could not be rendered at all, by path."""
    drafts: list[str] = field(default_factory=list)
    future: list[str] = field(default_factory=list)
    """Roundups dated after today: checked, and published on their date."""
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Site:
    loaded: Loaded
    outputs: list[Output]
    rendition: Rendition

    def summary(self) -> str:
        """The one line a build logs so an author sees what happened."""
        archive, t = self.loaded.archive, self.loaded.timings
        pages = sum(o.uri.endswith(".md") for o in self.outputs)
        phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in t.items())
        return (
            f"{len(archive.roundups)} roundups, {archive.story_count} stories, "
            f"{len(archive.registry.companies)} companies, {len(archive.registry.topics)} topics -> "
            f"{pages} pages, {len(self.outputs) - pages} other files in {sum(t.values()):.2f} s ({phases})"
        )


def _timed(timings: dict[str, float], name: str, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    timings[name] = time.perf_counter() - start
    return result


def load(settings: Settings, now: dt.datetime | None = None, reads: Reads | None = None) -> Loaded:
    """Read, check and index the roundups and registry of the repository ``settings`` describe;
    roundups dated after today (at ``now``, in the archive's time zone) are checked but left out.

    ``reads`` keeps what each roundup file read as between loads of a running preview: a file
    whose size and modification time are unchanged is not read again.
    """
    timings: dict[str, float] = {}
    repository = Repository(settings.root)
    registry, problems = _timed(timings, "registry", lambda: load_registry(repository, settings.roundups))
    problems.extend(link_problems(repository, settings))
    loaded = Loaded(Archive(registry, []), problems)
    reads = reads if reads is not None else Reads()
    if reads.made_with != (registry, settings):
        reads.clear()
        reads.made_with = (registry, settings)
    roundups = _timed(timings, "read", lambda: _read_roundups(repository, settings, registry, loaded, reads))
    today = settings.today(now)
    loaded.future = sorted(r.path for r in roundups if r.date > today)
    published = [r for r in roundups if r.date <= today]
    archive, index_problems = _timed(timings, "index", lambda: build_archive(published, registry))
    problems.extend(index_problems)
    loaded.left_out.extend(p.path for p in index_problems)
    problems.sort(key=lambda p: (p.path, p.line))
    loaded.archive, loaded.timings = archive, timings
    return loaded


class Reads(dict[str, tuple[tuple[int, int, int], FileResult]]):
    """What each roundup file read as, by path, with the file's (size, mtime, inode) then; valid
    for one registry and one set of settings (a change of either empties it)."""

    made_with: tuple[Registry, Settings] | None = None


def _read_roundups(
    repository: Repository, settings: Settings, registry: Registry, loaded: Loaded, reads: Reads
) -> list[Roundup]:
    """Every roundup file that reads as a roundup; the rest is noted in ``loaded``."""
    paths = _roundup_files(repository, settings.roundups, loaded.problems)
    context = Context.of(registry, repository, settings.docs_dir)
    roundups = []
    for gone in reads.keys() - set(paths):
        del reads[gone]
    for path in paths:
        result = _read_one(repository, settings.root / path, path, context, reads)
        loaded.problems.extend(result.problems)
        if result.roundup is not None:
            roundups.append(result.roundup)
        elif result.draft:
            loaded.drafts.append(path)
        else:
            loaded.left_out.append(path)
    return roundups


def _read_one(repository: Repository, file: Path, path: str, context: Context, reads: Reads) -> FileResult:
    """The roundup file at ``path`` read and checked, or as it was read before if unchanged."""
    try:
        info = file.stat()
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        if path in reads and reads[path][0] == signature:
            return reads[path][1]
        result = read_roundup(path, repository.read(file, limits.FILE_BYTES), context)
    except Unreadable as exc:
        return FileResult(None, [Problem(path, 1, "file", exc.message, exc.hint)])
    except OSError as exc:
        return FileResult(None, [Problem(path, 1, "file", f"cannot be read ({exc.strerror})", "check the file")])
    reads[path] = (signature, result)
    return result


def _roundup_files(repository: Repository, folder: str, problems: list[Problem]) -> list[str]:
    """Repository paths of the roundup files; anything else under the roundups folder is reported.

    Links are not followed into folders; a link to a file is followed only to a regular file
    inside the repository (files.Repository)."""
    top = repository.root / folder
    found = []
    for directory, folders, names in os.walk(top):
        here = Path(directory)
        depth = len(here.relative_to(top).parts) + 1
        entries = [*((name, True) for name in folders), *((name, False) for name in names)]
        for name, is_folder in sorted(entries):
            path = here / name
            rel = path.relative_to(repository.root).as_posix()
            if is_folder and not path.is_symlink():
                continue
            if depth == 1 and name in (COMPANIES_FILE, TOPICS_FILE):
                continue
            try:
                repository.regular_file(path)
            except Unreadable as exc:
                problems.append(Problem(rel, 1, "file", exc.message, exc.hint))
                continue
            if path.suffix != ".md" or depth != 2:
                problems.append(Problem(rel, 1, "file", "is not a roundup file, so it is not published",
                                        f"roundups are {folder}/YYYY/YYYY-MM-DD.md; move or delete this file"))
            else:
                found.append(rel)
    return sorted(found)


def link_problems(repository: Repository, settings: Settings) -> list[Problem]:
    """Links under docs/ and the roundups folder that lead out of the repository or nowhere:
    MkDocs would publish what a link under docs/ points to."""
    return [
        Problem(path.relative_to(settings.root).as_posix(), 1, "file", exc.message, exc.hint)
        for folder in (settings.docs_path, settings.roundups_dir)
        for path, exc in repository.escaping_links(folder)
    ]


@dataclass
class Rendition:
    """What rendering produced, by unit, so that a rebuild can render only what changed."""

    outputs: dict[Unit, list[Output]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    """The titles breadcrumbs show, by URL (head.crumb_titles)."""

    def all(self) -> list[Output]:
        return [output for outputs in self.outputs.values() for output in outputs]


def render(
    loaded: Loaded, settings: Settings, other_pages: Iterable[str] = (), show_problems: bool = False,
    kept: Rendition | None = None, changed: set[Unit] | None = None,
) -> Rendition:
    """Every output of the site, from the indexed archive; ``other_pages`` are the URLs of the
    hand-written pages under docs/, for the sitemap. With ``show_problems`` (a preview, never a
    build), pages carry the problems of their roundups.

    With ``kept`` (an earlier rendition of the same settings and registry), only the ``changed``
    units and the new ones are rendered again; the others keep their outputs.
    """
    archive, site = loaded.archive, PublicSite.of(settings)
    units = all_units(archive)
    again = changed or set()
    fresh = {u: render_unit(u, archive, site) for u in units if kept is None or u in again or u not in kept.outputs}
    rendition = Rendition(titles={**(kept.titles if kept else {}),
                                  **crumb_titles((p for r in fresh.values() for p in r.pages), site)})
    notes = ProblemNotes.of(loaded.problems, archive, loaded.left_out) if show_problems else None
    for unit in units:
        if unit not in fresh:
            rendition.outputs[unit] = kept.outputs[unit] if kept else []
            continue
        pages = [with_head(page, archive, site, rendition.titles) for page in fresh[unit].pages]
        pages = [notes.on(page) for page in pages] if notes else pages
        rendition.outputs[unit] = [Output(source_uri(p.url), page_document(p), p) for p in pages] + [
            Output(uri, text) for uri, text in fresh[unit].files.items()]
    page_urls = [o.page.url for o in rendition.all() if o.page]
    rendition.outputs[("sitemaps",)] = [
        Output(uri, text) for uri, text in sitemap_files(page_urls, other_pages, archive, site).items()]
    return rendition


def build(
    settings: Settings, hand_written: dict[str, str] | None = None, show_problems: bool = False,
    kept: Rendition | None = None, changed: set[Unit] | None = None, loaded: Loaded | None = None,
) -> Site:
    """Load (unless ``loaded`` is given) and render the site (see ``render`` for the rest).
    ``hand_written`` maps the source of each page under docs/ (``about.md``) to its URL
    (``about/``); one at the address of a generated page is an error."""
    hand_written = hand_written or {}
    loaded = loaded or load(settings)
    rendition = _timed(loaded.timings, "render", lambda: render(
        loaded, settings, hand_written.values(), show_problems, kept, changed))
    outputs = rendition.all()
    loaded.problems.extend(
        Problem(f"{settings.docs_dir}/{o.uri}", 1, "file",
                f"is hidden by the generated page at /{o.uri.removesuffix('index.md')}",
                "rename or move it: the archive makes that page")
        for o in outputs if o.uri in hand_written
    )
    return Site(loaded, outputs, rendition)


def page_document(page: Page) -> str:
    """The Markdown document MkDocs reads for a page: only its meta, as JSON (which is YAML).

    The body is not in it: the adapter hands MkDocs the rendered HTML after conversion, so
    Python-Markdown never reparses thousands of large HTML blocks. MkDocs and Material write
    ``title`` and ``description`` into the page unescaped (no Jinja autoescape), so they are
    escaped here, once, for every place they land.
    """
    meta = {
        "title": esc(page.title),
        "description": esc(page.description),
        "hide": ["toc"],  # the pages carry their own contents; the nav stays for the mobile drawer
    }
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"
