"""A phone's browser: Chromium as a 390 × 844 touch screen that lays a page out as phones do.

Unlike a narrow desktop window, a phone's browser zooms out to show a page wider than its screen:
the page's width then becomes the width of everything laid out by the viewport (a fixed panel at
100% included), which is how a box reaching past the page's side breaks a phone's layout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from playwright.sync_api import Browser, Page

from tests.browser import Visit, visit

PHONE = {"width": 390, "height": 844}


def on_a_phone(browser: Browser, url: str, scheme: str = "light") -> Visit:
    """Open ``url`` on a phone (the caller closes the visit)."""
    return visit(browser, url, width=PHONE["width"], height=PHONE["height"], scheme=scheme, phone=True)


def phone_pages(browser: Browser, site_url: str) -> Iterator[Callable[..., Page]]:
    """For a test module's fixture (``yield from phone_pages(browser, site_url)``): ``open(path,
    scheme="light")`` opens a page of the sample site on a phone; all are closed after the test."""
    visits: list[Visit] = []

    def open_(path: str, scheme: str = "light") -> Page:
        visits.append(on_a_phone(browser, site_url + path, scheme))
        return visits[-1].page

    yield open_
    for opened in visits:
        opened.close()
