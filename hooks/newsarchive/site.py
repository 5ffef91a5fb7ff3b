"""The whole pipeline: read and check every file, index once, render every output."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from . import urls
from .archive import Archive, build_archive, one_per_address
from .contact import contact_problems
from .files import Repository
from .problems import Problem, failed
from .reading import Reads, link_problems, read_registry, read_roundups
from .render.head import crumb_titles, with_head
from .render.html import esc
from .render.layout import Page
from .render.problem_notes import ProblemNotes
from .render.public import PublicSite
from .render.sitemaps import sitemap_files, sitemap_names
from .render.units import Unit, all_units
from .settings import Settings
from .urls import Address, site_path

T = TypeVar("T")


@dataclass(frozen=True)
class Output:
    address: Address
    content: str | bytes
    """A file's text (a picture's bytes); for a page, the document MkDocs reads for it (page_document)."""
    page: Page | None = None
    """For a page: the rendered page, whose body and head replace what MkDocs converts from
    ``content`` (which only carries the page's meta)."""


@dataclass
class Loaded:
    """What reading and indexing the content produced: enough for the check command."""

    archive: Archive
    problems: list[Problem]
    left_out: list[str] = field(default_factory=list)
    """Roundups with an error, by path: left out of the site (a preview shows those it can)."""
    drafts: list[str] = field(default_factory=list)
    future: list[str] = field(default_factory=list)
    """Roundups dated after today: checked, and published on their date."""
    plan: Plan = field(default_factory=lambda: Plan({}, []))
    """Every output the archive makes of what was read."""
    timings: dict[str, float] = field(default_factory=dict)


def _timed(timings: dict[str, float], name: str, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    timings[name] = time.perf_counter() - start
    return result


def load(settings: Settings, now: dt.datetime | None = None, reads: Reads | None = None,
         preview: bool = False) -> Loaded:
    """Read, check and index the roundups and registry of the repository ``settings`` describe;
    roundups dated after today (at ``now``, in the archive's time zone) are checked but left out,
    and so is a roundup with an error, but in a ``preview``, which shows it with its problems.

    ``reads`` keeps what each roundup file and the registry read as between loads of a running
    preview: a file whose size and modification time are unchanged is not read again.
    """
    timings: dict[str, float] = {}
    repository = Repository(settings.root)
    reads = reads if reads is not None else Reads()
    registry, problems = _timed(timings, "registry", lambda: read_registry(repository, settings.roundups, reads))
    problems.extend(link_problems(repository, settings))
    problems.extend(contact_problems(repository, settings))
    loaded = Loaded(Archive(registry, []), problems)
    today = settings.zone.today(now)
    if reads.valid_for != (registry, settings, today):
        reads.clear()
        reads.valid_for = (registry, settings, today)
    results = _timed(timings, "read", lambda: read_roundups(repository, settings, registry, reads, problems, today))
    roundups, with_errors = [], set()
    for path, result in results.items():
        problems.extend(result.problems)
        if result.draft:
            loaded.drafts.append(path)
        elif result.roundup is None:
            loaded.left_out.append(path)
        else:
            roundups.append(result.roundup)
            if failed(result.problems) and not preview:
                with_errors.add(path)
    loaded.future = sorted(r.path for r in roundups if r.date > today)
    placed, clashes = one_per_address([r for r in roundups if r.date <= today])
    problems.extend(clashes)
    faulty = {problem.path for problem in clashes} | {r.path for r in placed if r.path in with_errors}
    loaded.left_out.extend(sorted(faulty))
    published = [roundup for roundup in placed if roundup.path not in faulty]
    archive = _timed(timings, "index", lambda: build_archive(published, registry))
    plan = _timed(timings, "plan", lambda: Plan.of(archive, PublicSite.of(settings)))
    problems.extend(hidden_files(plan, settings))
    problems.sort(key=lambda p: (p.path, p.line))
    loaded.archive, loaded.plan, loaded.timings = archive, plan, timings
    return loaded


@dataclass(frozen=True)
class Plan:
    """What a build makes, known before anything is rendered: each unit's outputs."""

    addresses: dict[Unit, list[Address]]
    sitemaps: list[Address]
    """The sitemaps and robots.txt (none without a site_url)."""

    @classmethod
    def of(cls, archive: Archive, site: PublicSite) -> Plan:
        return cls({unit: unit.addresses(archive) for unit in all_units(archive)},
                   [Address(url) for url in sitemap_names(site)])

    def all(self) -> list[Address]:
        return [address for addresses in self.addresses.values() for address in addresses] + self.sitemaps

    def page_urls(self) -> list[str]:
        return [address.url for address in self.all() if address.is_page]


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
        made = unit.render(archive, site)
        titles.update(crumb_titles(made.pages, site))
        for bare in made.pages:
            page = with_head(bare, archive, site, titles)
            yield Output(Address(page.url), page_document(page), notes.on(page) if notes else page)
        yield from (Output(Address(url), text) for url, text in made.files.items())
    if sitemaps:
        for url, text in sitemap_files(plan.page_urls(), other_pages, archive, site).items():
            yield Output(Address(url), text)


ARCHIVE_OWN = (urls.PERMALINKS, urls.SEARCH, urls.SHELLS)
"""What the adapter writes besides the plan's outputs: the permalinks manifest, the search index's
folder and the shells' folder."""


def hidden_files(plan: Plan, settings: Settings) -> list[Problem]:
    """Files under docs/ that the site would not show: one at the address of a generated output,
    which hides it (``companies/xiaomi.md`` and ``companies/xiaomi/index.md`` are both the page
    ``companies/xiaomi/``), one in what the adapter writes itself (``ARCHIVE_OWN``), and one at the
    address of another file under docs/ (``about.md`` and ``about/index.md``), of which MkDocs would
    publish one. The check and every build report them alike."""
    generated = {address.file: address for address in plan.all()}
    found: list[Problem] = []
    first: dict[str, str] = {}
    for source, address in _docs_files(settings):
        where = f"{settings.docs_dir}/{source}"
        if (hiding := generated.get(address.file)) is not None:
            kind = "page" if hiding.is_page else "file"
            found.append(Problem(where, 1, "file", f"is hidden by the generated {kind} at {hiding.path}",
                                 f"rename or move it: the archive makes that {kind}"))
        elif (own := next((url for url in ARCHIVE_OWN if _within(address.url, url)), None)) is not None:
            kind = "folder" if own.endswith("/") else "file"
            found.append(Problem(where, 1, "file", f"is hidden by the archive's own {kind} {site_path(own)}",
                                 f"rename or move it: the archive writes that {kind}"))
        elif (other := first.setdefault(address.file, where)) != where:
            found.append(Problem(where, 1, "file", f"is published at {address.path}, as {other} is",
                                 "rename, move or delete one of them"))
    return found


def _within(url: str, own: str) -> bool:
    """Whether ``url`` is ``own``, or inside it when it is a folder."""
    return url == own or (own.endswith("/") and url.startswith(own))


def _docs_files(settings: Settings) -> Iterator[tuple[str, Address]]:
    """Each file under docs/ that MkDocs publishes, by its path there, with its address, in the
    order MkDocs walks them (names starting with '.' are left out of the site)."""
    docs = settings.docs_path
    for folder, folders, names in os.walk(docs):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(name for name in names if not name.startswith(".")):
            source = Path(folder, name).relative_to(docs).as_posix()
            yield source, Address.of_source(source)


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
