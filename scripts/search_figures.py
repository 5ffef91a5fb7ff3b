#!/usr/bin/env python3
"""The site search's costs for one project: what indexing adds to the build, what the index
weighs on disk, and what a reader's browser fetches for a first query, beside the size of the
search_index.json that Material's own search would make every reader download.

    .venv/bin/python scripts/search_figures.py PROJECT             # build PROJECT, then measure
    .venv/bin/python scripts/search_figures.py PROJECT --site DIR  # measure an existing build
    scripts/generate_archive.py --roundups 3650 --project /tmp/a3650 && \\
        .venv/bin/python scripts/search_figures.py /tmp/a3650

A first query is measured in a fresh browser (empty cache) on the site served from 127.0.0.1: the
reader focuses the header box and enters the query in one input event (pasted, or typed without the
100 ms pause after which search.js searches what is typed so far: typed slowly, a prefix's results
are the first to show, at the same cost); every response from then until the first results show is
counted, by kind, and apart from it what the search then fetches until every year is
searched (search.js shows the newest year's results first and merges the older years in after).
Files are counted as the server sends them (http.server does not compress; Pagefind's index files
are gzipped already, its scripts are not). ``figures()`` returns the same numbers as data.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Response

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from benchmark import BUILT, SEARCH  # noqa: E402
from newsarchive import urls  # noqa: E402
from newsarchive.files import Repository  # noqa: E402
from newsarchive.registry import load_registry  # noqa: E402
from newsarchive.settings import Settings, SettingsError  # noqa: E402
from page_weight import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_INDEX = re.escape(urls.site_path(urls.SEARCH))
"""The search index's folder, as a request's path ends with it."""
KINDS = (
    ("fragment", re.compile(_INDEX + r"([\w-]+/)?fragment/")),
    ("index chunk", re.compile(_INDEX + r"([\w-]+/)?index/")),
    ("filter", re.compile(_INDEX + r"([\w-]+/)?filter/")),
    ("meta", re.compile(_INDEX + r"([\w-]+/)?pagefind\.[^/]*\.pf_meta$")),
    ("entry", re.compile(_INDEX + r"([\w-]+/)?pagefind-entry\.json|" + re.escape(urls.site_path(urls.SEARCH_BUNDLES)))),
    ("wasm", re.compile(_INDEX + r"wasm\.[^/]*\.pagefind$")),
    ("pagefind.js + worker", re.compile(_INDEX + r"pagefind(-worker)?\.js$")),
)
"""What a query fetches, by the file names of Pagefind's bundle."""


@dataclass
class Query:
    text: str
    results: int = 0
    """Results once every year is searched."""
    fetched: dict[str, int] = field(default_factory=dict)
    """Bytes by kind (see KINDS), and "other" for anything else fetched until the first results show."""
    files: dict[str, int] = field(default_factory=dict)
    """How many files of each kind."""
    later: int = 0
    """Bytes fetched after the first results show, until the query's results are final: every year
    searched, or the newest year's results settled (search.js) and the older years waiting."""
    later_files: int = 0
    asked: int = 0
    """Bytes fetched once the reader asks for more results, while the older years wait: until every
    year is searched."""
    asked_files: int = 0

    @property
    def total(self) -> int:
        """Bytes fetched until the first results show."""
        return sum(self.fetched.values())

    @property
    def requests(self) -> int:
        """Files fetched until the first results show."""
        return sum(self.files.values())

    @property
    def whole(self) -> int:
        """Bytes fetched until the results are final: what the whole query costs unasked."""
        return self.total + self.later

    @property
    def whole_requests(self) -> int:
        return self.requests + self.later_files

    @property
    def every(self) -> int:
        """Bytes fetched until every year is searched (asking for more results if they wait)."""
        return self.whole + self.asked

    @property
    def every_requests(self) -> int:
        return self.whole_requests + self.asked_files


@dataclass
class SearchFigures:
    records: int = 0
    index_seconds: float = 0.0
    build_seconds: float = 0.0
    bundle_bytes: int = 0
    """Everything in the search index's folder under site/."""
    index_bytes: int = 0
    """Of which the index itself: entry, meta, index chunks, filters, fragments (not scripts or wasm)."""
    index_files: int = 0
    queries: list[Query] = field(default_factory=list)
    filters_bytes: int = 0
    """What opening the filters adds after a query."""
    lunr_bytes: int = 0
    """search/search_index.json of a build with Material's search plugin."""


def build(project: Path, site: Path, config: Path | None = None) -> str:
    """``mkdocs build --strict`` of ``project`` into ``site``; returns the build's log."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    if config is not None:
        command += ["--config-file", str(config)]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=ENV, check=False)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    return result.stderr


def lunr_index_bytes(project: Path) -> int:
    """The size of the search_index.json that Material's search plugin builds for ``project``.

    Builds once with a copy of mkdocs.yml (next to it, so its relative paths hold) whose plugins
    start with ``search``; the copy is removed afterwards.
    """
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    with_search, found = re.subn(r"^plugins:.*$", "plugins:\n  - search", text, count=1, flags=re.MULTILINE)
    if not found:
        with_search = text + "\nplugins:\n  - search\n"
    config = project / ".mkdocs-with-lunr.yml"
    config.write_text(with_search, encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as site:
            build(project, Path(site), config)
            return (Path(site) / "search" / "search_index.json").stat().st_size
    finally:
        config.unlink()


def bundle_sizes(site: Path) -> tuple[int, int, int]:
    """Bytes of the whole bundle, bytes and number of its index files."""
    bundle = site / urls.SEARCH
    files = [path for path in bundle.rglob("*") if path.is_file()]
    index = [p for p in files if p.suffix in (".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment")
             or p.name == "pagefind-entry.json"]
    return sum(p.stat().st_size for p in files), sum(p.stat().st_size for p in index), len(index)


def default_queries(project: Path) -> list[str]:
    """A company's English name, its Chinese name, and an everyday word of the roundups."""
    try:
        settings = Settings.read(project)
    except SettingsError as exc:
        raise SystemExit(f"{project}: {exc}") from None
    registry, _ = load_registry(Repository(settings.root), settings.roundups)
    company = next(iter(registry.companies.values()), None)
    if company is None:
        raise SystemExit(f"no company in {settings.roundups}/ of {project}: name the queries with --query")
    return [company.name.split(" ")[0], company.name_zh or company.name, "profit"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


MARK_FIRST_RESULTS = """(text) => {
  const status = document.querySelector(".md-search-result__meta");
  new MutationObserver((_, observer) => {
    if (!status.textContent.includes(`for “${text}”`)) return;
    window.naFirstResults = performance.timeOrigin + performance.now();
    observer.disconnect();
  }).observe(status, { childList: true, characterData: true, subtree: true });
}"""
"""Records in the page the moment (ms since the epoch) the status first names the query's results:
a test polling the page from outside would see it late, after the older years' first files."""


def measure_queries(site: Path, queries: list[str]) -> tuple[list[Query], int]:
    """Each query in a fresh browser; and the bytes that opening the filters adds to the first."""
    from playwright.sync_api import expect, sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    measured, filters_bytes = [], 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for number, text in enumerate(queries):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto(url, wait_until="networkidle")
                fetched: list[Response] = []
                page.on("response", _recorder(fetched))
                page.evaluate(MARK_FIRST_RESULTS, text)
                page.locator(".md-search__input").click()
                page.keyboard.insert_text(text)
                status = page.locator(".md-search-result__meta")
                searched = rf"for “{re.escape(text)}”"
                expect(status).to_have_text(re.compile(searched + r"( in [^…]+)?$"), timeout=60_000)
                page.wait_for_load_state("networkidle")
                shown = page.evaluate("window.naFirstResults")
                before = [response for response in fetched if _finished(response) <= shown]
                query = Query(text)
                query.fetched, query.files = _by_kind(before)
                later_sizes, later_files = _by_kind([r for r in fetched if r not in before])
                query.later, query.later_files = sum(later_sizes.values()), sum(later_files.values())
                if not re.search(searched + "$", status.inner_text()):  # the older years wait: ask for more
                    fetched.clear()
                    page.locator(".na-search__more").click()
                    expect(status).to_have_text(re.compile(searched + "$"), timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    asked_sizes, asked_files = _by_kind(fetched)
                    query.asked, query.asked_files = sum(asked_sizes.values()), sum(asked_files.values())
                count = re.match(r"\d+", status.inner_text())
                query.results = int(count[0]) if count else 0
                measured.append(query)
                if number == 0:
                    fetched.clear()
                    page.locator(".na-search__filter-button").click()
                    expect(page.locator(".na-search__chip").first).to_be_visible(timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    filters_bytes = sum(len(response.body()) for response in fetched)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return measured, filters_bytes


def _recorder(into: list[Response]) -> Callable[[Response], None]:
    """A response handler that appends to ``into`` (this query's list, not the loop variable's
    later value); a plain function, as Playwright marks its handlers with an attribute."""

    def record(response: Response) -> None:
        into.append(response)

    return record


def _finished(response: Response) -> float:
    """When the browser had the whole response, in ms since the epoch (as the page's clock)."""
    timing = response.request.timing
    return timing["startTime"] + timing["responseEnd"]


def _by_kind(fetched: list[Response]) -> tuple[dict[str, int], dict[str, int]]:
    sizes: Counter[str] = Counter()
    files: Counter[str] = Counter()
    for response in fetched:
        kind = next((name for name, pattern in KINDS if pattern.search(response.url.split("?")[0])), "other")
        sizes[kind] += len(response.body())
        files[kind] += 1
    return dict(sizes), dict(files)


def figures(project: Path, site: Path | None = None, queries: list[str] | None = None,
            lunr: bool = True) -> SearchFigures:
    """Build ``project`` (unless ``site`` is an existing build of it) and measure its search."""
    result = SearchFigures()
    with tempfile.TemporaryDirectory() as scratch:
        if site is None:
            site = Path(scratch) / "site"
            log = build(project, site)
            indexed, built = SEARCH.search(log), BUILT.search(log)
            if indexed is None:
                raise SystemExit("the build log has no 'Search index: N records (K bundles) in X s' line")
            result.records, result.index_seconds = int(indexed["records"]), float(indexed["seconds"])
            result.build_seconds = float(built["seconds"]) if built else 0.0
        result.bundle_bytes, result.index_bytes, result.index_files = bundle_sizes(site)
        result.queries, result.filters_bytes = measure_queries(site, queries or default_queries(project))
    if lunr:
        result.lunr_bytes = lunr_index_bytes(project)
    return result


def report(result: SearchFigures) -> str:
    def kb(size: int) -> str:
        return f"{size / 1000:,.1f} KB"

    lines = []
    if result.records:
        lines.append(f"Indexing: {result.records:,} records in {result.index_seconds:.2f} s "
                     f"(of a {result.build_seconds:.1f} s build)")
    lines.append(f"Bundle on disk: {result.bundle_bytes / 1e6:.1f} MB, "
                 f"of which index {result.index_bytes / 1e6:.1f} MB in {result.index_files:,} files")
    if result.lunr_bytes:
        lines.append(f"Material's search_index.json for the same site: {result.lunr_bytes / 1e6:.1f} MB")
    kinds = [name for name, _ in reversed(KINDS)] + ["other"]
    lines.append("")
    lines.append("A first query, until its first results show (bytes and files by kind), then until they are"
                 " final (the whole query), then until every year is in (asking for more results if they wait):")
    lines.append(f"{'first query':<22}{'results':>8}" + "".join(f"{k:>22}" for k in kinds)
                 + f"{'total':>12}{'of lunr':>9}{'then':>18}{'whole query':>20}{'every year':>20}")
    for query in result.queries:
        cells = "".join(f"{kb(query.fetched.get(k, 0)) + f' ({query.files.get(k, 0)})':>22}" for k in kinds)
        share = f"{query.total / result.lunr_bytes:.1%}" if result.lunr_bytes else "-"
        then = f"{kb(query.later)} ({query.later_files})"
        whole = f"{kb(query.whole)} ({query.whole_requests})"
        every = f"{kb(query.every)} ({query.every_requests})"
        lines.append(f"{query.text:<22}{query.results:>8}{cells}{kb(query.total):>12}{share:>9}{then:>18}{whole:>20}"
                     f"{every:>20}")
    lines.append(f"Opening the filters after the first query adds {kb(result.filters_bytes)}.")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, help="folder with mkdocs.yml, docs/, hooks/ and roundups/")
    parser.add_argument("--site", type=Path, help="an existing build of PROJECT (no index time then)")
    parser.add_argument("--query", action="append", help="a query to measure (repeatable)")
    parser.add_argument("--no-lunr", action="store_true", help="skip the build with Material's search")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    result = figures(args.project.resolve(), args.site, args.query, lunr=not args.no_lunr)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(asdict(result), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
