"""A real browser on the built site: Debian's Chromium, driven by Playwright, over http://127.0.0.1.

The browser is the benchmark's, Debian's Chromium headless shell (``CHROMIUM`` in
scripts/page_weight.py, which says why): the suite's browser tests open some three hundred pages.

Fixtures (registered in conftest.py through ``pytest_plugins``):
- ``site_url``: the strict sample build (``sample_site``) served by Python's http.server on a free
  loopback port; the base URL ends with "/".
- ``browser``: one headless Chromium (its shell) for the whole session.
- ``open_page``: ``open_page("2024/03/12/", width=360, scheme="dark", javascript=False)`` opens the
  page in a browser context of its own and returns a ``Visit``: the page, and every request and
  response it caused. Requests to any other host are recorded and refused, so a stray web font or
  CDN script shows up in the log instead of hanging the test. ``visit()`` does the same for
  wider-scoped fixtures, which close the visit themselves. Contexts are kept between visits
  (``Contexts``): a new one costs Chromium twice the work.
- ``desktop_page``: ``desktop_page("roundup")``, the ``Visit`` of a page type on a desktop, opened
  once a session for the tests that only look at it.
"""

from __future__ import annotations

import functools
import gzip
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Response, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from scripts.page_weight import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import locked

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ARTIFACTS = ROOT / "test-artifacts"
TESTS = ROOT / "tests"

PAGE_TYPES = {
    "home": "",
    "roundup": "2024/03/12/",
    "company": "companies/xiaomi/",
    "topic": "topics/ev/",
    "month": "2024/03/",
    "year": "2024/",
    "companies": "companies/",
    "topics": "topics/",
    "archive": "archive/",
    "about": "about/",
    "notfound": "2023/no-such-page/",
}
"""One page of each kind a reader meets, by the name used in test ids and screenshot files."""

SITE_PATH = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]).path
"""The path of site_url, e.g. /roundup-archive/."""

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does: quietly, and with its own 404.html for a missing page."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        """The site's files also under the path of its site_url (/roundup-archive/), where the 404
        page's absolute links point."""
        return super().translate_path(path.removeprefix(SITE_PATH[:-1]))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over http://127.0.0.1 on a free port; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    with serving(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium headless shell ({CHROMIUM}) is missing: run scripts/install-browser")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A page opened in a browser context of its own while it is open, with what it asked the
    network for. ``close()`` when done; a test that changes the context itself (permissions, init
    scripts, a CDP session) takes ``context``, and the context is then closed with the page."""

    page: Page
    _context: BrowserContext
    _release: Callable[[Visit], None]
    requests: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    changed: bool = False
    """Whether the test took the context, which is then not lent again."""

    @property
    def context(self) -> BrowserContext:
        self.changed = True
        return self._context

    def close(self) -> None:
        self._release(self)

    def foreign_requests(self) -> list[str]:
        """Requests to any host but the local server."""
        return [url for url in self.requests if not _local(url)]

    def failed_responses(self) -> list[str]:
        """Responses with an error status, but for a "not found" page's own (a 404 by design)."""
        return [f"{r.status} {r.url}" for r in self.responses
                if r.status >= 400 and not (r.status == 404 and r.url == self.page.url)]

    def settle(self) -> None:
        """Scroll to the end and back, so lazy content loads, and wait until the network is idle."""
        self.page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        self.page.wait_for_load_state("networkidle")
        self.page.evaluate("window.scrollTo(0, 0)")


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname == HOST


class Contexts:
    """The browser contexts of a browser, lent to one visit at a time and kept between visits.

    A page in a context that has another page open (a blank one, kept for the purpose) costs
    Chromium under half the CPU of a page in a new context or in one whose pages all closed (0.7 s
    against 1.8 s on this machine, measured with the full browser), and the suite opens some three
    hundred pages. A context is lent only while no other visit has it, so what a test does in its
    page meets no other page, as with a context of its own: between visits the page is closed (its
    sessionStorage with it) and what it kept for the site (localStorage) is cleared; a context that
    kept anything else (cookies, another origin's storage) or that a test took (``Visit.context``)
    is closed instead. Requests to any other host are refused in every context (its route is set
    once; Playwright's routing also keeps the HTTP cache off, so every visit asks the network as a
    first one does)."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.idle: dict[tuple[bool, bool, str], list[BrowserContext]] = {}
        """Contexts no visit has, by the options they were made with."""
        self.lent: dict[BrowserContext, tuple[tuple[bool, bool, str], Visit]] = {}

    def open(self, url: str, viewport: ViewportSize, scheme: str, *, javascript: bool, phone: bool,
             refuse: str) -> Visit:
        """A visit of ``url`` in a context made with the same options; the size of the window and
        the colour scheme are the page's own."""
        key = (javascript, phone, refuse)
        idle = self.idle.setdefault(key, [])
        context = idle.pop() if idle else self._new(javascript=javascript, phone=phone, refuse=refuse)
        opened = Visit(context.new_page(), context, self._release)
        self.lent[context] = (key, opened)
        opened.page.set_viewport_size(viewport)
        opened.page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        opened.page.goto(url, wait_until="load")  # settle() waits for the network where a test needs it
        return opened

    def _new(self, *, javascript: bool, phone: bool, refuse: str) -> BrowserContext:
        context = self.browser.new_context(java_script_enabled=javascript, is_mobile=phone, has_touch=phone)
        context.on("request", lambda request: self._visit_of(context, request.url, lambda v: v.requests))
        context.on("response", lambda response: self._visit_of(context, response, lambda v: v.responses))
        context.route(lambda url: not _local(url), lambda route: route.abort("blockedbyclient"))
        if refuse:
            context.route(refuse, lambda route: route.abort("blockedbyclient"))
        context.new_page()  # blank, open for as long as the context: it keeps the next page's start cheap
        return context

    def _visit_of(self, context: BrowserContext, item: object, log: Callable[[Visit], list]) -> None:
        if context in self.lent:
            log(self.lent[context][1]).append(item)

    def _release(self, visit: Visit) -> None:
        context = visit._context
        if context not in self.lent or self.lent[context][1] is not visit:
            return  # closed already
        key, _ = self.lent.pop(context)
        if visit.changed or not _cleared(visit.page, context):
            context.close()
            return
        visit.page.close()
        self.idle[key].append(context)


def _cleared(page: Page, context: BrowserContext) -> bool:
    """Clear what ``page`` kept in ``context`` for its site; whether the context keeps nothing else."""
    if page.is_closed() or not page.url.startswith("http"):
        return False
    parts = urlsplit(page.url)
    origin = f"{parts.scheme}://{parts.netloc}"
    try:
        page.evaluate("localStorage.clear()")
        state = context.storage_state(indexed_db=True)
    except PlaywrightError:
        return False
    return not state["cookies"] and all(
        kept["origin"] == origin and not kept.get("localStorage") and not kept.get("indexedDB")
        for kept in state["origins"])


_CONTEXTS: WeakKeyDictionary[Browser, Contexts] = WeakKeyDictionary()


def visit(browser: Browser, url: str, *, width: int = DESKTOP["width"], height: int = DESKTOP["height"],
          scheme: str = "light", javascript: bool = True, phone: bool = False, refuse: str = "") -> Visit:
    """Open ``url`` in a context of its own until ``Visit.close()`` (``Contexts``); ``phone``: a
    touch screen that lays pages out as a phone's browser does; ``refuse`` is a glob of local URLs
    to fail as well, to see the page without them."""
    contexts = _CONTEXTS.setdefault(browser, Contexts(browser))
    return contexts.open(url, {"width": width, "height": height}, scheme, javascript=javascript, phone=phone,
                         refuse=refuse)


@pytest.fixture
def open_page(browser: Browser, site_url: str) -> Iterator[Callable[..., Visit]]:
    """``open_page(path, **options)``: ``visit`` a page of the site, closed after the test."""
    visits: list[Visit] = []

    def open_(path: str, **options: object) -> Visit:
        visits.append(visit(browser, site_url + path, **options))
        return visits[-1]

    yield open_
    for opened in visits:
        opened.close()


@pytest.fixture(scope="session")
def desktop_page(browser: Browser, site_url: str) -> Iterator[Callable[[str], Visit]]:
    """``desktop_page("company")``: the page of that type (PAGE_TYPES) as a desktop browser shows
    it, settled: opened once a session and shared by the tests that only look at it (none clicks,
    types, hovers or navigates there)."""
    opened: dict[str, Visit] = {}

    def open_(page_type: str) -> Visit:
        if page_type not in opened:
            opened[page_type] = visit(browser, site_url + PAGE_TYPES[page_type])
            opened[page_type].settle()
        return opened[page_type]

    yield open_
    for shown in opened.values():
        shown.close()


def gzipped_size(body: bytes) -> int:
    """Bytes on the wire for ``body`` compressed as a static host (GitHub Pages) serves it."""
    return len(gzip.compress(body, compresslevel=6))


def artifact(*parts: str) -> Path:
    """A path under test-artifacts/ (gitignored), its folder created."""
    path = ARTIFACTS.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def serious_axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    page.add_script_tag(content=node_package("axe-core/axe.min.js").read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def node_package(file: str) -> Path:
    """A file of an npm package pinned in tests/package.json; ``npm ci`` installs them on first use,
    in one test process at a time (the others, xdist's workers, wait for it: `npm ci` starts by
    deleting node_modules)."""
    path = TESTS / "node_modules" / file
    if path.exists():
        return path
    with locked(TESTS):
        if not path.exists():
            npm = shutil.which("npm")
            if npm is None:
                pytest.fail("npm is needed to install the test tools of tests/package.json")
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=TESTS, check=True, capture_output=True,
                           timeout=600)
    return path
