"""The whole pipeline: read and check every file, index once, render every output."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from .archive import Archive, build_archive
from .files import Repository
from .problems import Problem
from .reading import Reads, link_problems, read_registry, read_roundups
from .render.head import crumb_titles, with_head
from .render.html import esc
from .render.layout import Page
from .render.problem_notes import ProblemNotes
from .render.public import PublicSite
from .render.sitemaps import sitemap_files, sitemap_names
from .render.units import Unit, all_units, files_of, pages_of, render_unit
from .settings import Settings
from .urls import source_uri

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


def _timed(timings: dict[str, float], name: str, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    timings[name] = time.perf_counter() - start
    return result


def load(settings: Settings, now: dt.datetime | None = None, reads: Reads | None = None) -> Loaded:
    """Read, check and index the roundups and registry of the repository ``settings`` describe;
    roundups dated after today (at ``now``, in the archive's time zone) are checked but left out.

    ``reads`` keeps what each roundup file and the registry read as between loads of a running
    preview: a file whose size and modification time are unchanged is not read again.
    """
    timings: dict[str, float] = {}
    repository = Repository(settings.root)
    reads = reads if reads is not None else Reads()
    registry, problems = _timed(timings, "registry", lambda: read_registry(repository, settings.roundups, reads))
    problems.extend(link_problems(repository, settings))
    loaded = Loaded(Archive(registry, []), problems)
    today = settings.today(now)
    if reads.made_with != (registry, settings, today):
        reads.clear()
        reads.made_with = (registry, settings, today)
    results = _timed(timings, "read", lambda: read_roundups(repository, settings, registry, reads, problems, today))
    roundups = []
    for path, result in results.items():
        problems.extend(result.problems)
        if result.roundup is not None:
            roundups.append(result.roundup)
        elif result.draft:
            loaded.drafts.append(path)
        else:
            loaded.left_out.append(path)
    loaded.future = sorted(r.path for r in roundups if r.date > today)
    published = [r for r in roundups if r.date <= today]
    archive, index_problems = _timed(timings, "index", lambda: build_archive(published, registry))
    problems.extend(index_problems)
    loaded.left_out.extend(p.path for p in index_problems)
    problems.sort(key=lambda p: (p.path, p.line))
    loaded.archive, loaded.timings = archive, timings
    return loaded


@dataclass(frozen=True)
class Plan:
    """What a build makes, known before anything is rendered: each unit's outputs, by URI."""

    uris: dict[Unit, list[str]]
    sitemaps: list[str]
    """The sitemaps and robots.txt (none without a site_url)."""

    @classmethod
    def of(cls, archive: Archive, site: PublicSite) -> Plan:
        uris = {unit: [source_uri(url) for url in pages_of(unit, archive)] + files_of(unit, archive)
                for unit in all_units(archive)}
        return cls(uris, list(sitemap_names(site)))

    def all(self) -> list[str]:
        return [uri for uris in self.uris.values() for uri in uris] + self.sitemaps

    def page_urls(self) -> list[str]:
        return [uri.removesuffix("index.md") for uri in self.all() if uri.endswith("index.md")]


def summary(loaded: Loaded, plan: Plan) -> str:
    """The line a build logs once the archive is read, so an author sees what it holds and makes."""
    archive, t = loaded.archive, loaded.timings
    pages = len(plan.page_urls())
    phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in t.items())
    return (
        f"{len(archive.roundups)} roundups, {archive.story_count} stories, "
        f"{len(archive.registry.companies)} companies, {len(archive.registry.topics)} topics -> "
        f"{pages} pages, {len(plan.all()) - pages} other files in {sum(t.values()):.2f} s ({phases})"
    )


def render(
    loaded: Loaded, settings: Settings, plan: Plan, units: Iterable[Unit], other_pages: Iterable[str] = (),
    show_problems: bool = False, titles: dict[str, str] | None = None, sitemaps: bool = True,
) -> Iterator[Output]:
    """The outputs of ``units`` (of ``plan``, a page's parents before it), one unit at a time, then
    (unless not ``sitemaps``) the sitemaps; ``other_pages`` are the URLs of the hand-written pages
    under docs/, for the sitemap. With ``show_problems`` (a preview, never a build), pages carry the problems of their
    roundups. ``titles`` names the pages breadcrumbs lead to, by URL; it gains each unit's."""
    archive, site = loaded.archive, PublicSite.of(settings)
    titles = titles if titles is not None else {}
    notes = ProblemNotes.of(loaded.problems, archive, loaded.left_out) if show_problems else None
    for unit in units:
        rendered = render_unit(unit, archive, site)
        titles.update(crumb_titles(rendered.pages, site))
        for bare in rendered.pages:
            page = with_head(bare, archive, site, titles)
            yield Output(source_uri(page.url), page_document(page), notes.on(page) if notes else page)
        yield from (Output(uri, text) for uri, text in rendered.files.items())
    if sitemaps:
        for uri, text in sitemap_files(plan.page_urls(), other_pages, archive, site).items():
            yield Output(uri, text)


def build(
    settings: Settings, hand_written: dict[str, str] | None = None, show_problems: bool = False,
    loaded: Loaded | None = None,
) -> Site:
    """Load (unless ``loaded`` is given) and render the whole site, every output kept in memory
    (the adapter renders and writes them one unit at a time: incremental.Workspace).
    ``hand_written`` maps the source of each page under docs/ (``about.md``) to its URL
    (``about/``); one at the address of a generated page is an error."""
    hand_written = hand_written or {}
    loaded = loaded or load(settings)
    plan = Plan.of(loaded.archive, PublicSite.of(settings))
    loaded.problems.extend(hidden_pages(plan, settings, hand_written))
    outputs = _timed(loaded.timings, "render", lambda: list(render(
        loaded, settings, plan, plan.uris, hand_written.values(), show_problems)))
    return Site(loaded, outputs)


def hidden_pages(plan: Plan, settings: Settings, hand_written: dict[str, str]) -> list[Problem]:
    """Pages under docs/ at the address of a generated page, which hides them."""
    return [
        Problem(f"{settings.docs_dir}/{uri}", 1, "file",
                f"is hidden by the generated page at /{uri.removesuffix('index.md')}",
                "rename or move it: the archive makes that page")
        for uri in plan.all() if uri in hand_written
    ]


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
