"""Every kind of page in a real browser: private, light, accessible and usable on a phone.

Each page type, and the header search with results, is opened three times (desktop light, desktop
dark, 360 px phone) and the checks share those visits. Their screenshots go to
test-artifacts/screenshots/ for a person to look at; nothing compares them pixel by pixel.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser import MOBILE, PAGE_TYPES, Visit, artifact, gzipped_size, serious_axe_violations, visit

BUDGET = 100_000
"""Most bytes a roundup page may transfer, compressed, for its HTML, CSS and JS (issue 8)."""
TEXT_RESOURCES = ("document", "stylesheet", "script", "xhr", "fetch", "font", "other")
TAP_TARGETS = {".na-pager a": 44, ".na-tags a, .na-letters a, .na-pages a, .na-ranked a, .na-footer a": 24}
"""Links a reader taps, and their smallest size in px: the pager's as a phone's guidelines ask
(44), the compact ones as WCAG 2.2 AA asks (2.5.8: 24 by 24)."""


SEARCH = "search"
"""The header search, opened on a roundup page with a query's results showing."""
QUERY = "Xiaomi"


@pytest.fixture(scope="module", params=[*PAGE_TYPES, SEARCH])
def page_type(request: pytest.FixtureRequest) -> str:
    return request.param


def _search(page: Page) -> None:
    button = page.locator("label.md-header__button[for=__search]")
    if button.is_visible():  # a phone's header has a button where a desktop's has the box
        button.click()
    page.locator(".md-search__input").fill(QUERY)
    expect(page.locator(".md-search-result__list li").first).to_be_visible(timeout=20_000)  # loads Pagefind
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def _visited(browser, site_url: str, page_type: str, shot: str, **options: object) -> Iterator[Visit]:
    opened = visit(browser, site_url + PAGE_TYPES.get(page_type, PAGE_TYPES["roundup"]), **options)
    opened.settle()
    if page_type == SEARCH:
        _search(opened.page)
    _screenshot(opened, page_type, shot)
    yield opened
    opened.close()


def _screenshot(opened: Visit, page_type: str, shot: str) -> None:
    opened.page.screenshot(path=artifact("screenshots", f"{page_type}-{shot}.png"), full_page=page_type != SEARCH)


@pytest.fixture(scope="module")
def desktop(browser, site_url, desktop_page, page_type) -> Iterator[Visit]:
    if page_type == SEARCH:  # typed into: a page of its own
        yield from _visited(browser, site_url, page_type, "desktop")
        return
    opened = desktop_page(page_type)
    _screenshot(opened, page_type, "desktop")
    yield opened


@pytest.fixture(scope="module")
def desktop_dark(browser, site_url, page_type) -> Iterator[Visit]:
    yield from _visited(browser, site_url, page_type, "desktop-dark", scheme="dark")


@pytest.fixture(scope="module")
def phone(browser, site_url, page_type) -> Iterator[Visit]:
    yield from _visited(browser, site_url, page_type, "mobile", **MOBILE)


def test_page_asks_no_host_but_the_site(desktop):
    assert desktop.requests, "the log saw no request at all"
    assert desktop.foreign_requests() == []


def test_every_request_of_the_page_succeeds(desktop):
    assert desktop.failed_responses() == []


def test_axe_finds_nothing_serious_in_the_light_scheme(desktop):
    assert serious_axe_violations(desktop.page) == []


def test_axe_finds_nothing_serious_in_the_dark_scheme(desktop_dark):
    assert desktop_dark.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert serious_axe_violations(desktop_dark.page) == []


def test_axe_finds_nothing_serious_on_a_phone(phone):
    assert serious_axe_violations(phone.page) == []


def test_page_fits_a_360px_screen_without_sideways_scrolling(phone):
    assert phone.page.evaluate("document.documentElement.scrollWidth") == MOBILE["width"]


def test_links_a_reader_taps_are_big_enough_on_a_phone(phone):
    for selector, least in TAP_TARGETS.items():
        small = phone.page.evaluate(
            """([selector, least]) => [...document.querySelectorAll(selector)]
                .filter(e => e.getClientRects().length)
                .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
                .filter(([, r]) => r.height < least || r.width < least)
                .map(([text, r]) => `${text}: ${Math.round(r.width)}x${Math.round(r.height)}`)""",
            [selector, least],
        )
        assert small == [], selector


def test_roundup_page_transfers_under_100_kb_compressed_apart_from_its_image(open_page):
    opened = open_page(PAGE_TYPES["roundup"])
    opened.settle()
    sizes = {
        r.url: gzipped_size(r.body()) for r in opened.responses
        if r.request.resource_type in TEXT_RESOURCES and r.ok
    }
    breakdown = "\n".join(f"{size:>8} {url}" for url, size in sorted(sizes.items(), key=lambda kv: -kv[1]))
    assert any(r.request.resource_type == "document" for r in opened.responses)
    assert sum(sizes.values()) < BUDGET, f"{sum(sizes.values())} bytes gzipped:\n{breakdown}"
