"""A reader's first visit stays light, and what Material's script did on the reader's pages is
still done by the archive's own (hooks/theme/assets/javascripts/shell.js): the colour scheme
toggle, the drawer, the header and "Back to top"; the pages written by hand keep Material's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsarchive import urls
from playwright.sync_api import Browser, Page, Response, expect

from tests.browser import DESKTOP, MOBILE, PAGE_TYPES, gzipped_size

FIRST_VISIT = 60_000
"""Bytes of HTML, CSS and JavaScript, gzipped, that a first visit of a roundup loads before its
``load`` event (the issue "Scale, third round": it was 86 KB with all of Material's)."""
WEIGHED = ("document", "stylesheet", "script")


@pytest.fixture
def first_visit(browser: Browser, site_url: str) -> Iterator[tuple[Page, list[Response]]]:
    """A roundup opened in a fresh browser, and the responses it had until ``load``."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))  # noqa: PLW0108 - Playwright needs a Python function
    page.goto(site_url + PAGE_TYPES["roundup"], wait_until="load")
    yield page, list(responses)
    context.close()


def test_a_first_visit_of_a_roundup_loads_under_60_kb_of_html_css_and_javascript(first_visit) -> None:
    _, responses = first_visit
    sizes = {r.url: gzipped_size(r.body()) for r in responses if r.request.resource_type in WEIGHED and r.ok}
    breakdown = "\n".join(f"{size:>8} {url}" for url, size in sorted(sizes.items(), key=lambda kv: -kv[1]))
    assert sum(sizes.values()) <= FIRST_VISIT, f"{sum(sizes.values())} bytes gzipped:\n{breakdown}"


def test_a_readers_page_runs_the_archives_script_and_not_materials(first_visit) -> None:
    _, responses = first_visit
    scripts = [r.url.rsplit("/", 1)[-1] for r in responses if r.request.resource_type == "script"]
    assert "shell.js" in scripts
    assert not [name for name in scripts if name.startswith("bundle.")], scripts


def test_the_author_guide_keeps_materials_script_and_its_code_copy_buttons(open_page) -> None:
    page = open_page(urls.AUTHORING).page
    expect(page.locator("pre .md-clipboard, pre .md-code__button").first).to_be_attached()
    assert page.evaluate("typeof window.document$") == "object", "Material's script did not run"


def test_enter_on_the_scheme_toggle_switches_the_scheme_and_the_browser_colour(open_page) -> None:
    page = open_page(PAGE_TYPES["roundup"]).page
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light = page.locator('meta[name="theme-color"]').get_attribute("content")
    assert re.fullmatch(r"#[0-9a-f]{6}", light or ""), light
    page.locator(".md-option:checked").focus()
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("form[data-md-component=palette] label:visible")).to_have_attribute("title",
                                                                                             "Switch to light mode")
    assert page.locator('meta[name="color-scheme"]').get_attribute("content") == "dark"
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_the_drawer_marks_the_current_tab_as_the_tabs_do(open_page) -> None:
    page = open_page(PAGE_TYPES["companies"], **MOBILE).page
    assert page.locator(".md-sidebar--primary .md-nav__link--active").all_inner_texts() == ["Companies"]


def test_the_drawer_holds_the_links_of_the_tabs(open_page) -> None:
    page = open_page(PAGE_TYPES["company"], **MOBILE).page
    tabs = page.locator(".md-tabs__link")
    drawer = page.locator(".md-sidebar--primary .md-nav__link")
    assert drawer.all_inner_texts() == [text.strip() for text in tabs.all_text_contents()]
    assert drawer.evaluate_all("links => links.map(a => a.href)") == tabs.evaluate_all("links => links.map(a => a.href)")
    page.locator("label.md-header__button[for=__drawer]").click()
    expect(drawer.first).to_be_in_viewport()
    assert page.locator(".md-sidebar--primary .md-nav__title").inner_text().strip() == "Asia Tech Roundup Archive"


def test_without_scripts_a_phone_shows_the_tabs_instead_of_the_drawers_button(open_page) -> None:
    page = open_page(PAGE_TYPES["roundup"], javascript=False, **MOBILE).page
    expect(page.locator(".md-tabs")).to_be_visible()
    expect(page.locator("label.md-header__button[for=__drawer]")).to_be_hidden()
    tabs = page.locator(".md-tabs__list")
    assert tabs.bounding_box()["x"] + tabs.bounding_box()["width"] <= MOBILE["width"], "the tabs run off the screen"
    assert tabs.evaluate("list => getComputedStyle(list).overflowX") == "auto", "the tabs do not scroll sideways"


def test_the_header_shows_the_pages_title_once_its_headline_scrolls_away(open_page) -> None:
    page = open_page(PAGE_TYPES["roundup"]).page
    title = page.locator("[data-md-component=header-title]")
    expect(title).not_to_have_class(re.compile("md-header__title--active"))
    page.mouse.wheel(0, 800)
    expect(title).to_have_class(re.compile("md-header__title--active"))
    expect(page.locator(".md-header")).to_have_class(re.compile("md-header--shadow"))


def test_back_to_top_shows_while_scrolling_back_up_and_leads_there(open_page) -> None:
    page = open_page(PAGE_TYPES["roundup"]).page
    button = page.locator("[data-md-component=top]")
    page.mouse.wheel(0, 2000)
    page.wait_for_function("scrollY > 1500")
    expect(button).to_have_attribute("hidden", "")  # Material's stylesheet fades it out
    page.mouse.wheel(0, -300)
    expect(button).not_to_have_attribute("hidden", "")
    expect(button).to_have_css("opacity", "1")
    button.click()
    page.wait_for_function("scrollY === 0")
    expect(button).to_have_attribute("hidden", "")


def test_every_icon_a_page_draws_is_in_the_icons_file(sample_site: Path) -> None:
    icons = (sample_site / urls.ICONS).read_text(encoding="utf-8")
    drawn = set(re.findall(r'id="([\w-]+)"', icons))
    for page in (sample_site / PAGE_TYPES["roundup"] / "index.html", sample_site / "about" / "index.html"):
        used = re.findall(r'<use href="([^"#]*)#([\w-]+)"', page.read_text(encoding="utf-8"))
        assert used, page
        for path, name in used:
            assert (page.parent / path).resolve() == (sample_site / urls.ICONS).resolve(), path
            assert name in drawn, name


def test_material_search_and_source_maps_are_not_published(sample_site: Path) -> None:
    assets = [path.relative_to(sample_site).as_posix() for path in (sample_site / "assets").rglob("*") if path.is_file()]
    assert not [path for path in assets if path.endswith(".map") or "/lunr/" in path or "/workers/" in path], assets
    stylesheets = [path for path in assets if path.endswith(".css")]
    assert len(stylesheets) == 1 and re.fullmatch(r"assets/stylesheets/theme\.[0-9a-f]{8}\.min\.css", stylesheets[0])


def test_a_readers_page_carries_nothing_only_materials_script_uses(sample_site: Path) -> None:
    """Its storage helpers, its empty skip, announcement and dialog places and the palettes'
    list are in the pages that run Material's script, not in the ten thousand that do not."""
    material_only = ("__md_scope", 'data-md-component="skip"', 'data-md-component="announce"',
                     'data-md-component="dialog"', "data-na-palette")
    reader = (sample_site / PAGE_TYPES["roundup"] / "index.html").read_text(encoding="utf-8")
    assert [part for part in material_only if part in reader] == []
    by_hand = (sample_site / "about" / "index.html").read_text(encoding="utf-8")
    assert [part for part in material_only[:4] if part not in by_hand] == []
    shell = (sample_site / urls.SHELL_SCRIPT).read_text(encoding="utf-8")
    assert re.search(r'const PALETTES = \[\{"media": "\(prefers-color-scheme: light\)", "scheme": "default"', shell)


def test_on_a_phone_the_page_stays_still_behind_the_open_search_and_moves_again_once_closed(open_page) -> None:
    page = open_page(PAGE_TYPES["roundup"], **MOBILE).page
    page.mouse.wheel(0, 600)
    page.wait_for_function("scrollY >= 600")
    body = page.locator("body")
    page.locator("label.md-header__button[for=__search]").click()
    expect(body).to_have_attribute("data-md-scrolllock", "")
    page.keyboard.press("Escape")
    expect(body).not_to_have_attribute("data-md-scrolllock", "")
    page.wait_for_function("scrollY >= 600")
