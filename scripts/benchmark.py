#!/usr/bin/env python3
"""Measure the build on synthetic archives of growing size (issue 4's figures).

    .venv/bin/python scripts/benchmark.py                       # N = 365, 1825, 3650, 7300
    .venv/bin/python scripts/benchmark.py --sizes 365,730 --no-serve
    .venv/bin/python scripts/benchmark.py --profile 3650        # pyinstrument -> .bench/profile-3650.txt

For each N it generates (or reuses) a project under .bench/archive-N/ with a fresh copy of
mkdocs.yml, docs/, hooks/ and scripts/check, then times in subprocesses, as CI and authors run them:
``mkdocs build --strict`` (the fastest of ``--runs``, made in rounds over the sizes), then for
each N ``scripts/check`` and ``mkdocs serve`` from saving the newest roundup until the served page
shows the change. It also weighs the output (by kind of page, and per roundup: how many roundups
GitHub Pages' 1 GB holds) and a reader's first visit of the newest roundup (scripts/page_weight.py).
When ``hugo`` is on PATH (unless ``--no-hugo``), the same roundups are also built by Hugo, as a
yardstick (scripts/hugo_anchor.py says what it renders), in the same rounds as our builds: ``hugo
--quiet``, then Pagefind over Hugo's output. The table goes to stdout and to .bench/latest.txt.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from generate_archive import END, ROOT, copy_project, generate
from page_weight import Weight, weigh

sys.path.insert(0, str(ROOT / "hooks"))
from hugo_anchor import SITE as HUGO_SITE  # it reads the roundups with the archive's own parser
from hugo_anchor import convert as convert_for_hugo
from newsarchive import urls
from newsarchive.model import Company, Topic

if TYPE_CHECKING:
    from pyinstrument.frame import Frame

T = TypeVar("T")

BENCH = ROOT / ".bench"
SIZES = (365, 1825, 3650, 7300)
SEED = 2024
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SERVE = ("serve", "--dirty", "--livereload")
"""`mkdocs serve` as `make serve` runs it (Makefile): a preview that keeps its site between rebuilds."""
SUMMARY = re.compile(r"Archive: (?P<what>.*) in (?P<total>[\d.]+) s \((?P<phases>[^)]*)\)")
WRITTEN = re.compile(r"Archive pages: (?P<files>[\d,]+) files? written, \d+ removed in (?P<seconds>[\d.]+) s")
BUILT = re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds")
SEARCH = re.compile(r"Search index: (?P<records>\d+) records \(\d+ bundles?\) in (?P<seconds>[\d.]+) s, "
                    r"(?P<after>[\d.]+) s of it after the pages")
SEARCH_DIRS = (urls.SEARCH.rstrip("/"), "search")
"""Where the search index lands in site/: Pagefind's bundle, or Material's search_index.json."""
FEEDS = (urls.ATOM, urls.JSON_FEED)
SECTIONS = (Company.section, Topic.section)
OUTPUT_KINDS = ("roundup pages", "company and topic pages", "date pages", "feeds", "search index", "other")
ROUNDUP_PAGE = re.compile(r"\d{4}/\d{2}/\d{2}/")
SERVING = re.compile(r"Serving on (?P<url>http://\S+)")
INDEXED_AFTER = "written after the pages"
"""What a preview's log says once a rebuild's search bundles are written (archive_hook.py)."""
SERVE_TIMEOUT = 1800.0
SERVE_EDITS = 3
"""Edits in a row timed in ``mkdocs serve``; the median is reported."""
PAGES_LIMIT = 1e9
"""GitHub Pages' limit on a published site, in bytes: a site over 1 GB is refused."""
HUGO = "hugo"
HUGO_INSTALL = "install it to compare (Debian: apt-get install hugo)"


@dataclass
class Run:
    """One child process: its wall time and its own resource usage, as ``wait4`` reports it.

    ``wait4`` gives the child's rusage directly: the same CPU times as RUSAGE_CHILDREN deltas, and
    a peak RSS of this child alone (RUSAGE_CHILDREN's ru_maxrss is the largest of all children).
    Both include what the child itself waited for (the Pagefind process): CPU is their sum, peak
    RSS the larger of the two. What the machine needs is the peak of their sum while both run:
    ``peak_total_mb``, sampled from /proc every 100 ms.
    """

    returncode: int
    wall: float
    cpu: float
    peak_rss_mb: float
    peak_total_mb: float
    output: str


@dataclass(frozen=True)
class Searched:
    """What a reader's browser fetched for one query: until its first results show, until they are
    final (every year searched, or the newest year's results settled: search.js), and until every
    year is searched (asking for more results where the older years wait)."""

    query: str
    first: int
    first_requests: int
    whole: int
    whole_requests: int
    every: int
    every_requests: int


@dataclass(frozen=True)
class HugoRun:
    """One build of the same roundups by Hugo (scripts/hugo_anchor.py), then Pagefind over its output."""

    build: float
    """Wall seconds of ``hugo --quiet``."""
    search: float
    """Wall seconds of Pagefind indexing Hugo's output."""
    output_bytes: int
    """Hugo's output, before Pagefind's."""
    indexed_bytes: int
    """Hugo's output with Pagefind's index."""

    @property
    def with_search(self) -> float:
        return self.build + self.search


@dataclass
class Result:
    size: int
    stories: str = ""
    build: Run | None = None
    build_walls: list[float] = field(default_factory=list)
    """Wall seconds of every build run; ``build`` is the fastest."""
    phases: dict[str, float] = field(default_factory=dict)
    """Core phases from the hook's lines (registry, read, index, render and write), in seconds."""
    core: float = 0.0
    built_in: float = 0.0
    """MkDocs' own 'Documentation built in' figure: the build without interpreter start and config."""
    html_pages: int = 0
    output_bytes: int = 0
    output_by_kind: dict[str, int] = field(default_factory=dict)
    search_seconds: float | None = None
    """Search indexing time from the hook's 'Search index: …' line: Pagefind, from on_files."""
    search_after: float | None = None
    """The part of it after MkDocs rendered the pages (on_post_build), which adds to the build."""
    check: Run | None = None
    serve_first: float | None = None
    serve_edits: list[float] = field(default_factory=list)
    first_search: list[Searched] = field(default_factory=list)
    """Each default query in a fresh browser."""
    first_visit: Weight | None = None
    """A reader's first visit of the newest roundup: its HTML, CSS and JavaScript, and its requests."""
    hugo: list[HugoRun] = field(default_factory=list)
    """Every build of the same roundups by Hugo, made in the same rounds as ours."""


def measure(command: list[str], cwd: Path) -> Run:
    """Run ``command`` to completion and measure it; its stdout and stderr are kept together."""
    with tempfile.TemporaryFile() as output_file:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output_file, stderr=subprocess.STDOUT, env=ENV)
        peak_total = [0]
        sampler = threading.Thread(target=_sample_rss, args=(process, peak_total), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.join()
        output_file.seek(0)
        output = output_file.read().decode("utf-8", "replace")
    return Run(process.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               peak_total[0] / 2**20, output)


def _sample_rss(process: subprocess.Popen[bytes], peak: list[int]) -> None:
    """Keep in ``peak[0]`` the largest RSS in bytes of ``process`` and its descendants together."""
    page = os.sysconf("SC_PAGE_SIZE")
    while process.returncode is None:
        total, pending = 0, [process.pid]
        while pending:
            pid = pending.pop()
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
                for task in Path(f"/proc/{pid}/task").iterdir():
                    pending += map(int, (task / "children").read_text().split())
            except (OSError, ValueError, IndexError):
                continue  # the process ended between two reads
        peak[0] = max(peak[0], total)
        time.sleep(0.1)


def prepare(size: int, seed: int, code: Path = ROOT) -> Path:
    """The project for ``size`` roundups, with the build's code copied from ``code``.

    The roundups are regenerated only when the generator or the seed changed.
    """
    project = BENCH / f"archive-{size}"
    generator = (ROOT / "scripts" / "generate_archive.py").read_bytes()
    stamp = f"{size} {seed} {hashlib.sha256(generator).hexdigest()}\n"
    stamp_file = project / "generated.txt"
    if not stamp_file.is_file() or stamp_file.read_text() != stamp:
        log(f"generating {size} roundups in {project.relative_to(ROOT)}/")
        generate(project, size, seed)
        stamp_file.write_text(stamp)
    copy_project(project, code)
    return project


def prepare_hugo(size: int, project: Path) -> Path:
    """The Hugo project of ``project``'s roundups (scripts/hugo_anchor.py), converted again only
    when the roundups or the anchor changed. Converting is not timed: only ``hugo`` is."""
    site = BENCH / f"hugo-{size}"
    anchor = [Path(__file__).with_name("hugo_anchor.py"), *sorted(p for p in HUGO_SITE.rglob("*") if p.is_file())]
    digest = hashlib.sha256((project / "generated.txt").read_bytes())
    for path in anchor:
        digest.update(path.read_bytes())
    stamp_file = site / "converted.txt"
    if not stamp_file.is_file() or stamp_file.read_text() != digest.hexdigest():
        log(f"N={size}: converting the roundups for Hugo in {site.relative_to(ROOT)}/")
        convert_for_hugo(project / "roundups", site)
        stamp_file.write_text(digest.hexdigest())
    return site


def bench_builds(projects: dict[int, Path], runs: int, trash: Path,
                 hugo_sites: dict[int, Path]) -> dict[int, Result]:
    """The fastest of ``runs`` builds of each project, by size, and as many of its Hugo site in
    ``hugo_sites`` (if any), each right after ours, so load affects both alike. The runs go in
    rounds (every size once, then again), so the ratio of two sizes compares builds made minutes
    apart rather than one size's builds against another's a quarter of an hour later: this
    machine's speed drifts that much (the same build's CPU time ranged from 54 to 74 s in one day).

    Noise only adds, so the fastest run is the closest to the build's own cost. Memory is not
    noise: the peaks reported are the largest of all runs."""
    done: dict[int, list[Result]] = {size: [] for size in projects}
    hugo: dict[int, list[HugoRun]] = {size: [] for size in projects}
    for _ in range(runs):
        for size, project in projects.items():
            done[size].append(_build_once(Result(size), project, trash))
            if size in hugo_sites:
                hugo[size].append(_hugo_once(size, hugo_sites[size], trash))
    return {size: replace(_fastest(results), hugo=hugo[size]) for size, results in done.items()}


def _fastest(results: list[Result]) -> Result:
    builds = [r.build for r in results if r.build]  # every one: _build_once sets it or exits
    fastest = min(builds, key=lambda run: run.wall)
    best = next(r for r in results if r.build is fastest)
    best.build_walls = [run.wall for run in builds]
    best.build = replace(fastest, peak_rss_mb=max(run.peak_rss_mb for run in builds),
                         peak_total_mb=max(run.peak_total_mb for run in builds))
    return best


def bench_search(result: Result, project: Path) -> None:
    """What a reader's browser fetches for a first query on the last build (scripts/search_figures.py)."""
    from search_figures import default_queries, measure_queries  # it imports this module's patterns

    log(f"N={result.size}: first searches in a fresh browser")
    queries, _ = measure_queries(project / "site", default_queries(project))
    result.first_search = [Searched(query.text, query.total, query.requests, query.whole, query.whole_requests,
                                    query.every, query.every_requests) for query in queries]


def bench_first_visit(result: Result, project: Path) -> None:
    """What a reader's browser fetches on a first visit of the newest roundup's page."""
    log(f"N={result.size}: a first visit of the newest roundup in a fresh browser")
    (result.first_visit,) = weigh(project / "site", [urls.day_url(END)])


def growth(results: list[Result]) -> dict[int, tuple[float, float]]:
    """The output of each size as a fixed part and a part per roundup, in bytes: the line through
    its size and the next smaller one measured (the smallest, the next larger). The fixed part is
    what no roundup adds (the theme's files, feeds capped at their newest entries, share cards, a
    page per company and topic); the part per roundup is what one more roundup adds to every page
    and file that lists it. Empty with fewer than two sizes."""
    ordered = sorted(results, key=lambda r: r.size)
    lines = {}
    for index, result in enumerate(ordered):
        if len(ordered) < 2:
            break
        other = ordered[index - 1] if index else ordered[1]
        per_roundup = (result.output_bytes - other.output_bytes) / (result.size - other.size)
        lines[result.size] = (result.output_bytes - per_roundup * result.size, per_roundup)
    return lines


def roundups_in_a_site(fixed: float, per_roundup: float) -> int:
    """How many roundups a published site holds within GitHub Pages' limit, the fixed part counted once."""
    return int((PAGES_LIMIT - fixed) / per_roundup) if per_roundup > 0 else 0


def _build_once(result: Result, project: Path, trash: Path) -> Result:
    """One strict build into ``project``/site. The last build's site is moved into ``trash``,
    deleted after the last measurement: creating files here takes up to twice the system time
    while the file system is still freeing the 70,000 files of a site deleted just before."""
    site = project / "site"
    if site.exists():
        site.rename(trash / f"site-{result.size}-{time.monotonic_ns()}")
    log(f"N={result.size}: mkdocs build --strict")
    run = measure([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project)
    result.build = run
    if run.returncode != 0:
        raise SystemExit(f"mkdocs build failed for N={result.size}:\n{run.output[-3000:]}")
    summary, built = SUMMARY.search(run.output), BUILT.search(run.output)
    if summary is None or built is None:
        raise SystemExit(
            f"no 'Archive: …' or 'Documentation built' line in the build log:\n{run.output[-3000:]}"
        )
    result.stories = summary["what"].split(" -> ")[0]
    result.core = float(summary["total"])
    phases = (phase.rsplit(" ", 1) for phase in summary["phases"].split(", "))
    result.phases = {name: float(seconds) for name, seconds in phases}
    if written := WRITTEN.search(run.output):
        result.phases["render and write the rest"] = float(written["seconds"])
        result.core += float(written["seconds"])
    result.built_in = float(built["seconds"])
    search = SEARCH.search(run.output)
    result.search_seconds = float(search["seconds"]) if search else None
    result.search_after = float(search["after"]) if search else None
    files = [p for p in site.rglob("*") if p.is_file()]
    result.html_pages = sum(p.suffix == ".html" for p in files)
    result.output_bytes = sum(p.stat().st_size for p in files)
    for path in files:
        kind = output_kind(path.relative_to(site).as_posix())
        result.output_by_kind[kind] = result.output_by_kind.get(kind, 0) + path.stat().st_size
    return result


def _hugo_once(size: int, site: Path, trash: Path) -> HugoRun:
    """One ``hugo --quiet`` of ``site`` into its public/, then Pagefind over it; the last build's
    output is moved into ``trash``, as ours is."""
    public = site / "public"
    if public.exists():
        public.rename(trash / f"hugo-{size}-{time.monotonic_ns()}")
    log(f"N={size}: hugo --quiet, then Pagefind over its output")
    build = measure([HUGO, "--quiet"], site)
    if build.returncode != 0:
        raise SystemExit(f"hugo failed for N={size}:\n{build.output[-3000:]}")
    output = folder_bytes(public)
    search = measure([sys.executable, "-m", "pagefind", "--site", str(public)], site)
    if search.returncode != 0:
        raise SystemExit(f"Pagefind failed on Hugo's output for N={size}:\n{search.output[-3000:]}")
    return HugoRun(build.wall, search.wall, output, folder_bytes(public))


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def output_kind(path: str) -> str:
    """Which part of the site a built file belongs to, for the output breakdown (one of OUTPUT_KINDS)."""
    top = path.split("/", 1)[0]
    if path.rsplit("/", 1)[-1] in FEEDS:
        return "feeds"
    if top in SEARCH_DIRS:
        return "search index"
    if top in SECTIONS:
        return "company and topic pages"
    if ROUNDUP_PAGE.match(path):
        return "roundup pages"
    if top == "archive" or (top.isdigit() and len(top) == 4):
        return "date pages"
    return "other"


def bench_check(result: Result, project: Path) -> None:
    log(f"N={result.size}: scripts/check")
    result.check = measure([sys.executable, "scripts/check"], project)
    if result.check.returncode != 0:
        raise SystemExit(f"scripts/check found errors in the generated archive:\n{result.check.output[-3000:]}")


def bench_serve(project: Path, edits: int) -> tuple[float, list[float]]:
    """Start ``mkdocs serve`` on the whole archive as ``make serve`` does, then give the newest
    roundup's first story a new headline ``edits`` times, each save once the last one's pages show
    and its search bundle is written;
    return the seconds to the first build, and of each edit from the save until the new headline
    shows on the roundup's page, its month's, and the pages of the story's first company and last
    topic (the generator tags companies first, then topics)."""
    day = END  # the generator's newest roundup
    source = project / "roundups" / str(day.year) / f"{day}.md"
    port = _free_port()
    log(f"{project.name}: mkdocs {' '.join(SERVE)} on port {port}")
    with tempfile.TemporaryFile() as server_log:
        start = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *SERVE, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=server_log, stderr=subprocess.STDOUT, env=ENV,
        )
        try:
            base = _wait_for(lambda: _serving_url(server, server_log), SERVE_TIMEOUT, "the first serve build")
            first = time.perf_counter() - start
            original = source.read_bytes()
            text = original.decode()
            headline = re.search(r"^## .+$", text, re.MULTILINE)
            tags = re.search(r"^Tags: (.+)$", text[headline.end():], re.MULTILINE) if headline else None
            if headline is None or tags is None:
                raise SystemExit(f"{source}: no story with a Tags line to edit")
            slugs = [slug.strip() for slug in tags[1].split(",")]
            company, topic = Company(slugs[0], slugs[0]), Topic(slugs[-1], slugs[-1])
            pages = [base + url for url in (urls.day_url(day), urls.month_url(day.year, day.month),
                                            urls.entity_url(company), urls.entity_url(topic))]
            times = []
            try:
                for _ in range(edits):
                    marker = f"edited {time.time_ns()}"
                    indexed = _log(server_log).count(INDEXED_AFTER)
                    source.write_text(text.replace(headline[0], f"{headline[0]}, {marker}", 1), encoding="utf-8")
                    edited = time.perf_counter()
                    _wait_for(partial(_show, pages, marker), SERVE_TIMEOUT, "the edited pages")
                    times.append(time.perf_counter() - edited)
                    # The next save comes once this one's search bundle, indexed after its pages, is
                    # written, as an author's next does: it is not timed against that work.
                    _wait_for(partial(_logged_more, server_log, INDEXED_AFTER, indexed), SERVE_TIMEOUT,
                              "the edit's search bundle")
                    time.sleep(0.5)
                return first, times
            finally:
                server.terminate()
                server.wait(timeout=30)
                source.write_bytes(original)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()


def _show(pages: list[str], text: str) -> bool:
    """Whether every page at ``pages`` holds ``text``."""
    return all(text in _fetch(page) for page in pages)


def _serving_url(server: subprocess.Popen[bytes], server_log: IO[bytes]) -> str | None:
    if server.poll() is not None:
        raise SystemExit(f"mkdocs serve exited:\n{_log(server_log)[-3000:]}")
    found = SERVING.search(_log(server_log))
    return found["url"] if found else None


def _log(server_log: IO[bytes]) -> str:
    """What the server has logged so far."""
    server_log.seek(0)
    return server_log.read().decode("utf-8", "replace")


def _logged_more(server_log: IO[bytes], text: str, times: int) -> bool:
    """Whether the server has logged ``text`` more than ``times`` times."""
    return _log(server_log).count(text) > times


def _wait_for(probe: Callable[[], T | None], timeout: float, what: str) -> T:
    """Call ``probe`` every 50 ms until it returns something true; return that."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.05)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}")


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - only mkdocs serve's http://127.0.0.1
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Report -----------------------------------------------------------------------------------------

def table(results: list[Result]) -> str:
    """Metrics as rows, archive sizes as columns."""
    by_size = {r.size: r for r in results}

    def hugo(of: Callable[[Result, list[HugoRun]], str]) -> Callable[[Result], str]:
        return lambda r: of(r, r.hugo) if r.hugo and r.build else "—"

    def fastest(runs: list[HugoRun], of: Callable[[HugoRun], float]) -> float:
        return min(map(of, runs))

    def ratio(of: Callable[[Run], float]) -> Callable[[Result], str]:
        def cell(r: Result) -> str:
            half = by_size.get(r.size // 2) if r.size % 2 == 0 else None
            if half is None or not (r.build and half.build):
                return "—"
            return f"{of(r.build) / of(half.build):.2f}"
        return cell

    def secs(value: float | None) -> str:
        return "—" if value is None else f"{value:.2f}"

    def fetched(queries: list[tuple[int, int]]) -> str:
        """The largest of the queries' bytes in KB, with its number of requests."""
        if not queries:
            return "—"
        size, requests = max(queries)
        return f"{size / 1e3:.0f} ({requests})"

    phases = list(dict.fromkeys(name for r in results for name in r.phases))
    parts = growth(results)

    def fit(r: Result) -> str:
        if r.size in parts:
            return f"{roundups_in_a_site(*parts[r.size]):,}"
        # One size alone: its average per roundup, fixed part included, gives a lower bound.
        return f"≥ {roundups_in_a_site(0, r.output_bytes / r.size):,}" if r.output_bytes else "—"

    def visit(of: Callable[[Weight], str]) -> Callable[[Result], str]:
        return lambda r: of(r.first_visit) if r.first_visit else "—"

    rows: list[tuple[str, Callable[[Result], str]]] = [
        ("content", lambda r: r.stories.split(", ")[1] if r.stories else "—"),
        ("HTML pages", lambda r: f"{r.html_pages:,}"),
        ("output MB", lambda r: f"{r.output_bytes / 1e6:.1f}"),
        *((f"  {kind} MB", lambda r, kind=kind: f"{r.output_by_kind.get(kind, 0) / 1e6:.1f}") for kind in OUTPUT_KINDS),
        ("output KB per roundup (output / N)", lambda r: f"{r.output_bytes / r.size / 1e3:.1f}"),
        ("  added by each roundup KB", lambda r: f"{parts[r.size][1] / 1e3:.1f}" if r.size in parts else "—"),
        ("  fixed part MB", lambda r: f"{parts[r.size][0] / 1e6:.1f}" if r.size in parts else "—"),
        ("roundups that fit in GitHub Pages' 1 GB", fit),
        ("first visit of a roundup KB (HTML, CSS, JS gzipped)", visit(lambda w: f"{w.gzipped / 1e3:.1f}")),
        ("  requests until load", visit(lambda w: str(w.requests))),
        ("build wall s (mkdocs build --strict)", lambda r: secs(r.build.wall if r.build else None)),
        ("  every run s", lambda r: " / ".join(f"{wall:.1f}" for wall in r.build_walls) or "—"),
        ("build CPU s", lambda r: secs(r.build.cpu if r.build else None)),
        ("build peak RSS MB, largest process", lambda r: f"{r.build.peak_rss_mb:.0f}" if r.build else "—"),
        ("build peak RSS MB, all processes", lambda r: f"{r.build.peak_total_mb:.0f}" if r.build else "—"),
        *((f"  core: {name} s", lambda r, name=name: secs(r.phases.get(name))) for name in phases),
        ("  core total s", lambda r: secs(r.core)),
        ("  search index s (Pagefind, beside MkDocs' pages)", lambda r: secs(r.search_seconds)),
        ("    of which after the pages s", lambda r: secs(r.search_after)),
        ("  MkDocs pages etc. s (built-in − core − after)",
         lambda r: secs(r.built_in - r.core - (r.search_after or 0))),
        ("  start-up and config s (wall − built-in)", lambda r: secs(r.build.wall - r.built_in if r.build else None)),
        ("Hugo build s", hugo(lambda r, runs: secs(fastest(runs, lambda run: run.build)))),
        ("  every run s", hugo(lambda r, runs: " / ".join(f"{run.build:.1f}" for run in runs))),
        ("Hugo + Pagefind s", hugo(lambda r, runs: secs(fastest(runs, lambda run: run.with_search)))),
        ("our build / Hugo", hugo(lambda r, runs: f"{r.build.wall / fastest(runs, lambda run: run.build):.2f}"
                                   if r.build else "—")),
        ("our build / (Hugo + Pagefind)",
         hugo(lambda r, runs: f"{r.build.wall / fastest(runs, lambda run: run.with_search):.2f}" if r.build else "—")),
        ("Hugo output MB", hugo(lambda r, runs: f"{runs[-1].output_bytes / 1e6:.1f}")),
        ("  with Pagefind's index MB", hugo(lambda r, runs: f"{runs[-1].indexed_bytes / 1e6:.1f}")),
        ("wall(N) / wall(N/2)", ratio(lambda run: run.wall)),
        ("CPU(N) / CPU(N/2)", ratio(lambda run: run.cpu)),
        ("first search: KB until the first result (requests)",
         lambda r: fetched([(s.first, s.first_requests) for s in r.first_search])),
        ("  each query KB", lambda r: " / ".join(f"{s.first / 1e3:.0f}" for s in r.first_search) or "—"),
        ("first search: KB of the whole query (requests)",
         lambda r: fetched([(s.whole, s.whole_requests) for s in r.first_search])),
        ("  each query KB", lambda r: " / ".join(f"{s.whole / 1e3:.0f}" for s in r.first_search) or "—"),
        ("first search: KB once every year is merged (requests)",
         lambda r: fetched([(s.every, s.every_requests) for s in r.first_search])),
        ("  each query KB", lambda r: " / ".join(f"{s.every / 1e3:.0f}" for s in r.first_search) or "—"),
        ("scripts/check wall s", lambda r: secs(r.check.wall if r.check else None)),
        ("make serve: first build s", lambda r: secs(r.serve_first)),
        ("make serve: edit → its 4 pages show it s (median)",
         lambda r: secs(statistics.median(r.serve_edits)) if r.serve_edits else "—"),
        ("  every edit s", lambda r: " / ".join(f"{edit:.2f}" for edit in r.serve_edits) or "—"),
    ]
    cells = [(name, [cell(r) for r in results]) for name, cell in rows]
    width = max(len(name) for name, _ in rows)
    column = max(len(text) for _, texts in cells for text in texts) + 3
    lines = [f"{'N (roundups)':<{width}}" + "".join(f"{r.size:>{column},}" for r in results)]
    lines += [f"{name:<{width}}" + "".join(f"{text:>{column}}" for text in texts) for name, texts in cells]
    return "\n".join(lines)


def header() -> str:
    """When, where and on what code; the load average tells whether other work competed for the CPUs."""
    # Outside a git checkout the commit is '?': the exit code is not an error here.
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    return (
        f"Benchmark {time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} CPUs · load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} · Python {platform.python_version()} · "
        f"commit {commit.stdout.strip() or '?'} (plus uncommitted changes, if any)"
    )


def hugo_note(hugo: str | None, skipped: bool) -> str:
    """Which Hugo the Hugo rows measured, or why they are empty."""
    if skipped:
        return "Hugo: skipped (--no-hugo)"
    if hugo is None:
        return f"Hugo: not on PATH, so its rows are empty; {HUGO_INSTALL}"
    version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False).stdout.strip()
    return f"Hugo: {version or hugo}, building the same roundups as scripts/hugo_anchor.py converts them"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# Profile ----------------------------------------------------------------------------------------

# (label, calls): time in the last call of the chain, entered from within the calls before it;
# a call is "path/ending.py:function", and nested calls of the same function count once.
_BUILD, _PAGE = "mkdocs/commands/build.py:_populate_page", "mkdocs/commands/build.py:_build_page"
_POST = "archive_hook.py:on_post_build"
PROFILE_PARTS = (
    ("core: read, check and index the roundups", ("newsarchive/site.py:load",)),
    ("  of which Markdown.convert (this process's share)", ("newsarchive/site.py:load", "markdown/core.py:convert")),
    ("core: render the theme's pages", ("archive_hook.py:_add_generated_files", "newsarchive/incremental.py:outputs")),
    ("adapter: File.generated for each output", ("archive_hook.py:_add_generated_files",
                                                  "mkdocs/structure/files.py:generated")),
    ("MkDocs: navigation", ("mkdocs/structure/nav.py:get_navigation",)),
    ("MkDocs: read pages, Markdown → HTML", (_BUILD,)),
    ("MkDocs: copy static files", ("mkdocs/structure/files.py:copy_static_files",)),
    ("MkDocs: theme templates, write (_build_page)", (_PAGE,)),
    ("  of which Jinja rendering", (_PAGE, "jinja2/environment.py:render")),
    ("core: render and write the other pages, feeds, sitemaps", (_POST, "newsarchive/publish.py:write")),
    ("  of which story listings", (_POST, "newsarchive/render/listing.py:stories_by_year")),
    ("  of which feeds", (_POST, "newsarchive/render/feeds.py:feed_files")),
    ("search index: waiting for Pagefind, writing its files", (_POST, "search_index.py:write")),
    ("permalinks manifest", (_POST, "archive_hook.py:_write_manifest")),
)


def profile(size: int, seed: int) -> Path:
    """Build ``size`` roundups in-process under pyinstrument; write the report to .bench/."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from pyinstrument import Profiler

    project = prepare(size, seed)
    started = header()
    report = BENCH / f"profile-{size}.txt"
    summary = _LogCapture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(summary)
    logger.setLevel(logging.INFO)
    cwd = Path.cwd()
    os.chdir(project)
    try:
        with tempfile.TemporaryDirectory() as site:
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site, strict=True)
            profiler = Profiler()
            log(f"N={size}: profiling an in-process build")
            profiler.start()
            build(config)
            session = profiler.stop()
    finally:
        os.chdir(cwd)
        logger.removeHandler(summary)
    root = session.root_frame()
    total = root.time if root else 0.0
    parts = "\n".join(
        f"{label:<56}{seconds:8.2f} s {100 * seconds / total:5.1f}%"
        for label, calls in PROFILE_PARTS
        for seconds in [_time_in(root, calls)]
    )
    text = (
        f"{started}\nProfile of an in-process `mkdocs build --strict` of {size} roundups "
        f"({total:.1f} s of wall time; a 'CPU time' below much lower than 'Duration' means other work "
        f"competed for the CPUs)\n{summary.text()}\n\nWhere the time goes:\n{parts}\n\n"
        + profiler.output_text(unicode=True, color=False)
        + "\n\nFunctions by own time:\n"
        + "\n".join(profiler.output_text(unicode=True, color=False, flat=True).splitlines()[:60])
    )
    report.write_text(text, encoding="utf-8")
    return report


def _time_in(frame: Frame | None, calls: tuple[str, ...]) -> float:
    """Time in ``calls[-1]`` made from within ``calls[:-1]``, in ``frame``'s tree."""
    if frame is None:
        return 0.0
    path, function = calls[0].rsplit(":", 1)
    if frame.function == function and (frame.file_path or "").endswith(path):
        if len(calls) == 1:
            return frame.time
        return sum(_time_in(child, calls[1:]) for child in frame.children)
    return sum(_time_in(child, calls) for child in frame.children)


class _LogCapture(logging.Handler):
    """Keeps the hook's 'Archive: …' line and MkDocs' total from an in-process build."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if any(pattern.search(message) for pattern in (SUMMARY, WRITTEN, BUILT, SEARCH)):
            self.lines.append(message)

    def text(self) -> str:
        return "\n".join(self.lines)


# Main -------------------------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated N (default: %(default)s)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve edit timing")
    parser.add_argument("--no-check", action="store_true", help="skip timing scripts/check")
    parser.add_argument("--no-search", action="store_true", help="skip measuring first searches in Chromium")
    parser.add_argument("--no-visit", action="store_true", help="skip weighing a first visit of a roundup in Chromium")
    parser.add_argument("--no-hugo", action="store_true", help="skip building the same roundups with Hugo")
    parser.add_argument("--profile", type=int, metavar="N", help="only profile a build of N roundups with pyinstrument")
    parser.add_argument("--runs", type=int, default=2,
                        help="builds per N; the fastest is reported (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    BENCH.mkdir(exist_ok=True)
    if args.profile:
        print(f"Wrote {profile(args.profile, args.seed).relative_to(ROOT)}")
        return 0
    # One snapshot of the code for every size, so a file saved meanwhile cannot skew the ratios.
    snapshot = BENCH / "code"
    copy_project(snapshot)
    started = header()
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    projects = {size: prepare(size, args.seed, snapshot) for size in sizes}
    hugo = None if args.no_hugo else shutil.which(HUGO)
    hugo_sites = {size: prepare_hugo(size, project) for size, project in projects.items()} if hugo else {}
    trash = BENCH / "trash"
    shutil.rmtree(trash, ignore_errors=True)
    trash.mkdir()
    try:
        results = bench_builds(projects, args.runs, trash, hugo_sites)
        for size, project in projects.items():
            result = results[size]
            if not args.no_visit:
                bench_first_visit(result, project)
            if not args.no_search:
                bench_search(result, project)
            if not args.no_check:
                bench_check(result, project)
            if not args.no_serve:
                result.serve_first, result.serve_edits = bench_serve(project, SERVE_EDITS)
            log(f"N={size}: {result.build.wall:.1f} s wall" if result.build else f"N={size}: done")
    finally:
        shutil.rmtree(trash, ignore_errors=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    ordered = [results[size] for size in sizes]
    report = (f"{started}\nLoad average at the end: {load}\n{hugo_note(hugo, args.no_hugo)}\n\n{table(ordered)}"
              "\n\nHook summaries:\n" + "\n".join(f"  N={r.size}: {r.stories}; core {r.core:.2f} s" for r in ordered))
    print(report)
    (BENCH / "latest.txt").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
