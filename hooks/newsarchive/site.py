"""The whole pipeline: read and check every file, index once, render every output."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .archive import Archive, build_archive
from .model import Roundup
from .preview import Preview
from .problems import Problem
from .registry import COMPANIES_FILE, TOPICS_FILE, load_registry
from .render.feeds import feed_files
from .render.head import with_heads
from .render.html import esc
from .render.pages import Page, all_pages
from .render.public import PublicSite
from .render.sitemaps import sitemap_files
from .urls import source_uri
from .validate import read_roundup

ROUNDUPS = "roundups"
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
    timings: dict[str, float] = field(default_factory=dict)
    skipped: int = 0
    """Roundups a preview build left out."""


@dataclass
class Site:
    loaded: Loaded
    outputs: list[Output]

    def summary(self) -> str:
        """The one line a build logs so an author sees what happened."""
        archive, t = self.loaded.archive, self.loaded.timings
        pages = sum(o.uri.endswith(".md") for o in self.outputs)
        phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in t.items())
        preview = f" (preview: {self.loaded.skipped} older roundups left out)" if self.loaded.skipped else ""
        return (
            f"{len(archive.roundups)} roundups{preview}, {archive.story_count} stories, "
            f"{len(archive.registry.companies)} companies, {len(archive.registry.topics)} topics -> "
            f"{pages} pages, {len(self.outputs) - pages} other files in {sum(t.values()):.2f} s ({phases})"
        )


def _timed(timings: dict[str, float], name: str, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    timings[name] = time.perf_counter() - start
    return result


def load(root: Path, docs_dir: Path, preview: Preview | None = None) -> Loaded:
    """Read, check and index the roundups and registry under ``root`` (with ``preview``, only
    the roundups it selects)."""
    timings: dict[str, float] = {}
    registry, problems = _timed(timings, "registry", lambda: load_registry(root / ROUNDUPS, ROUNDUPS))
    roundups: list[Roundup] = []
    left_out: list[str] = []
    drafts: list[str] = []
    skipped: list[int] = []

    def read_all() -> None:
        paths = _roundup_files(root, problems)
        selected = preview.select(root, paths) if preview else paths
        skipped.append(len(paths) - len(selected))
        for path in selected:
            result = read_roundup(path, (root / path).read_bytes(), registry, docs_dir)
            problems.extend(result.problems)
            if result.roundup is not None:
                roundups.append(result.roundup)
            elif result.draft:
                drafts.append(path)
            else:
                left_out.append(path)

    _timed(timings, "read", read_all)
    archive, index_problems = _timed(timings, "index", lambda: build_archive(roundups, registry))
    problems.extend(index_problems)
    left_out.extend(p.path for p in index_problems)
    problems.sort(key=lambda p: (p.path, p.line))
    return Loaded(archive, problems, left_out, drafts, timings, skipped=skipped[0])


def _roundup_files(root: Path, problems: list[Problem]) -> list[str]:
    """Repository paths of the roundup files; anything else under roundups/ is reported."""
    folder = root / ROUNDUPS
    inside = folder.resolve()
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(root).as_posix()
        depth = len(path.relative_to(folder).parts)
        if path.is_dir() or (depth == 1 and path.name in (COMPANIES_FILE, TOPICS_FILE)):
            continue
        if not path.resolve().is_relative_to(inside):
            problems.append(Problem(rel, 1, "file", "is a link to a file outside roundups/", "replace it with the file"))
        elif path.suffix != ".md" or depth != 2:
            problems.append(Problem(rel, 1, "file", "is not a roundup file, so it is not published",
                                    "roundups are roundups/YYYY/YYYY-MM-DD.md; move or delete this file"))
        else:
            found.append(rel)
    return found


def render(loaded: Loaded, site_url: str, site_name: str = "", other_pages: Iterable[str] = ()) -> list[Output]:
    """Every output of the site, from the indexed archive.

    ``site_url`` is the site's public address (``https://owner.github.io/archive/``), for the
    absolute links that feeds and structured data need; ``other_pages`` are the URLs of the
    hand-written pages under docs/, for the sitemap.
    """
    archive, site = loaded.archive, PublicSite.of(site_url, site_name)
    pages = with_heads(list(all_pages(archive)), archive, site)
    files = {**feed_files(archive, site), **sitemap_files(pages, other_pages, archive, site)}
    return [Output(source_uri(p.url), page_document(p), p) for p in pages] + [Output(u, t) for u, t in files.items()]


def build(
    root: Path,
    docs_dir: Path,
    site_url: str = "",
    site_name: str = "",
    other_pages: Iterable[str] = (),
    preview: Preview | None = None,
) -> Site:
    loaded = load(root, docs_dir, preview)
    outputs = _timed(loaded.timings, "render", lambda: render(loaded, site_url, site_name, other_pages))
    return Site(loaded, outputs)


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
