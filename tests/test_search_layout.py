"""The search panel as a reader sees it: on a phone, however it opens, it fits the screen; the
words searched for read as highlights, not links; and a company's, a topic's and a year's page
are told apart from a story at a glance."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from newsarchive import urls
from newsarchive.archive import Archive
from newsarchive.dates import long_date
from newsarchive.settings import Settings
from newsarchive.site import load
from playwright.sync_api import Browser, Page, expect

from tests.browser import PAGE_TYPES, SITE_PATH, serious_axe_violations, visit
from tests.conftest import ROOT
from tests.phone import PHONE, phone_pages
from tests.test_search import results, search


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Callable[..., Page]]:
    yield from phone_pages(browser, site_url)


@pytest.fixture(scope="module")
def archive() -> Archive:
    return load(Settings.read(ROOT)).archive


def searched_by_address(phone: Callable[..., Page], how: str, query: str, scheme: str = "light") -> Page:
    """The search for ``query`` opened by address: typed into the 404 page's form, or a link to ?q=."""
    if how == "404 form":
        page = phone(PAGE_TYPES["notfound"], scheme)
        page.get_by_role("searchbox", name="Search the archive").fill(query)
        page.get_by_role("button", name="Search", exact=True).tap()
        page.wait_for_url(re.compile(r"\?q="))
    else:
        page = phone(f"?q={query}", scheme)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(rf"found for “{re.escape(query)}”$"))
    return page


def sides(page: Page, selector: str) -> list[list[float]]:
    """Where each element matching ``selector`` starts and ends across the page, in CSS pixels."""
    return page.locator(selector).evaluate_all(
        "all => all.map(e => { const box = e.getBoundingClientRect(); return [box.left, box.right]; })")


@pytest.mark.parametrize("how", ["address", "404 form"])
def test_a_search_opened_by_address_fits_a_phone_and_closes(phone, how: str) -> None:
    """Opened as the page loads, Material's round backdrop (45 times its button's size) used to widen
    the page to 1,262 px: the panel, its results and its buttons ran off a 390 px screen."""
    page = searched_by_address(phone, how, "xiaomi")
    assert page.evaluate("[innerWidth, document.documentElement.scrollWidth]") == [PHONE["width"]] * 2
    back = "label.md-search__icon[for=__search]"
    edges = {selector: sides(page, selector) for selector in (
        ".md-search__inner", ".md-search-result__item", ".na-search__filter-button", "button[type=reset]", back)}
    off = {selector: found for selector, found in edges.items()
           if not found or any(left < 0 or right > PHONE["width"] for left, right in found)}
    assert not off, f"off a {PHONE['width']} px screen: {off}"

    expect(page.locator(back)).to_be_visible()
    page.locator(back).tap()
    expect(page.locator(".md-search__inner")).not_to_be_visible()
    expect(page.locator(".md-search-result__item").first).not_to_be_visible()
    expect(page.locator("label.md-header__button[for=__search]")).to_be_in_viewport(ratio=1)
    assert page.evaluate("[innerWidth, document.documentElement.scrollWidth]") == [PHONE["width"]] * 2


def test_the_search_button_opens_the_same_panel_on_a_phone(phone) -> None:
    page = phone(PAGE_TYPES["roundup"])
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").press_sequentially("xiaomi", delay=30)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("found for “xiaomi”$"))
    assert sides(page, ".md-search__inner") == [[0, PHONE["width"]]]
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_words_searched_for_are_highlighted_not_linked(phone, scheme: str) -> None:
    page = searched_by_address(phone, "address", "xiaomi", scheme)
    marks = page.locator(".md-search-result mark")
    expect(marks.first).to_have_text(re.compile("xiaomi", re.I))
    looks = marks.first.evaluate("""mark => {
        const link = mark.parentElement.appendChild(document.createElement('a'));
        link.href = '#';
        const [own, linked] = [getComputedStyle(mark), getComputedStyle(link)];
        const result = {underline: own.textDecorationLine, colour: own.color, link: linked.color,
                        text: getComputedStyle(mark.parentElement).color, tint: own.backgroundColor};
        link.remove();
        return result;
    }""")
    assert looks["underline"] == "none"
    assert looks["colour"] != looks["link"], "a highlighted word has the colour of a link"
    assert looks["tint"] not in ("rgba(0, 0, 0, 0)", "transparent", looks["text"]), looks
    assert serious_axe_violations(page) == []


def kickers(page: Page) -> dict[str, tuple[str, str]]:
    """Every result's kind and kicker (the line over its title), by the path it links to."""
    results(page)  # every result shown
    found = page.locator(".md-search-result__link").evaluate_all("""all => all.map(a => [
        new URL(a.href).pathname + decodeURIComponent(new URL(a.href).hash),
        a.querySelector('article').dataset.kind, a.querySelector('.na-search__kind').textContent])""")
    return {path.removeprefix(SITE_PATH[:-1]): (kind, kicker) for path, kind, kicker in found}


def test_companies_topics_years_and_stories_are_told_apart(browser, site_url, archive) -> None:
    opened = visit(browser, site_url + PAGE_TYPES["roundup"])
    page = opened.page
    search(page, "Hua Hong")
    found = kickers(page)
    company = archive.registry.get("hua-hong")
    stories = {urls.site_path(urls.story_url(ref.roundup, ref.story)): ref for ref in archive.stories_of("hua-hong")}
    assert found.pop(urls.site_path(urls.entity_url(company))) == ("company", "Company")
    for path, ref in stories.items():
        assert found.pop(path) == ("story", long_date(ref.roundup.date)), path
    assert all(kind == "story" for kind, _ in found.values()), found  # stories that name it untagged

    # A story a machine wrote keeps its label in its title, the kicker still its date.
    ai = next(ref for ref in stories.values() if ref.roundup.by_machine(ref.story))
    title = page.locator(".md-search-result__article", has=page.get_by_role("heading", name=ai.story.title)).locator("h1")
    expect(title.locator(".na-ai")).to_have_text("AI-generated")

    search_again(page, "roundups")
    found = kickers(page)
    assert found[urls.site_path(urls.year_url(2024))] == ("year", "Year")
    assert ("topic", "Topic") in found.values()

    # Each kind has its own icon beside it.
    icons = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.md-search-result__article')].map(
        a => [a.dataset.kind, getComputedStyle(a.querySelector('.md-search-result__icon'), '::after').maskImage]))""")
    search_again(page, "Hua Hong")
    icons |= page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.md-search-result__article')].map(
        a => [a.dataset.kind, getComputedStyle(a.querySelector('.md-search-result__icon'), '::after').maskImage]))""")
    opened.close()
    assert set(icons) == {"company", "topic", "year", "story"} and len(set(icons.values())) == 4, icons


def search_again(page: Page, query: str) -> None:
    page.locator(".md-search__input").fill("")
    search(page, query)


def test_on_a_phone_a_company_or_topic_kicker_carries_its_icon_and_a_story_its_date(phone) -> None:
    page = searched_by_address(phone, "address", "electric")
    icons = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__article')].map(a => [
        a.dataset.kind, getComputedStyle(a.querySelector('.na-search__kind'), '::before').maskImage !== 'none'])""")
    assert {"company", "topic", "story"} <= {kind for kind, _ in icons}
    assert all(has == (kind != "story") for kind, has in icons), icons
