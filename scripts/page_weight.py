#!/usr/bin/env python3
"""What a reader's browser fetches on a first visit of a page: the HTML, CSS and JavaScript it
loads before its ``load`` event, in a fresh Chromium (empty cache), counted gzipped as a static
host (GitHub Pages) sends them, and every request it makes until then.

    .venv/bin/python scripts/page_weight.py SITE [PATH ...]    # e.g. site 2025/12/31/

The site is served from 127.0.0.1 by Python's http.server, which does not compress: each body is
gzipped here (level 6, as tests/browser.py counts it). A file fetched after ``load`` (the search
index, which loads when the reader first focuses the box) is not counted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium-headless-shell"
"""The browser of the benchmark and the tests (tests/browser.py): Debian's Chromium, its headless
shell (the chromium-headless-shell package, which scripts/install-browser installs), what Playwright
runs for headless Chromium by default: the same Blink and V8 as the chromium package, without the
desktop browser around them, for some 40% less CPU a page (0.3 s against 0.5 s a new page, 0.1–0.2 s
against 0.3–0.5 s a new context, on this machine)."""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
WEIGHED = ("document", "stylesheet", "script")
"""The kinds of response weighed: HTML, CSS and JavaScript (images and the favicon are counted as requests)."""


@dataclass(frozen=True)
class Weight:
    """A first visit of one page."""

    path: str
    gzipped: int
    """Bytes of HTML, CSS and JavaScript before ``load``, gzipped."""
    requests: int
    """Requests made before ``load``, of every kind."""
    files: tuple[tuple[str, int], ...]
    """Each weighed file's path under the site and its gzipped bytes, largest first."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def gzipped_size(body: bytes) -> int:
    """Bytes on the wire for ``body`` compressed as a static host serves it."""
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def weigh(site: Path, paths: list[str]) -> list[Weight]:
    """A first visit of each page at ``paths`` (under ``site``), each in a fresh browser context."""
    from playwright.sync_api import Response, sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    weights = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for path in paths:
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    page = context.new_page()
                    seen: list[Response] = []
                    page.on("response", functools.partial(list.append, seen))
                    page.goto(root + path, wait_until="load")
                    before_load = list(seen)
                    sizes = sorted(((r.url.removeprefix(root), gzipped_size(r.body())) for r in before_load
                                    if r.request.resource_type in WEIGHED and r.ok), key=lambda file: -file[1])
                    weights.append(Weight(path, sum(size for _, size in sizes), len(before_load), tuple(sizes)))
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return weights


def report(weight: Weight) -> str:
    files = "\n".join(f"  {size / 1e3:6.1f} KB  {path}" for path, size in weight.files)
    return (f"{weight.path}: {weight.gzipped / 1e3:.1f} KB of HTML, CSS and JavaScript gzipped, "
            f"{weight.requests} requests before load\n{files}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("paths", nargs="*", default=[""], help="pages under it (default: the home page)")
    args = parser.parse_args(argv)
    for weight in weigh(args.site, args.paths):
        print(report(weight))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
