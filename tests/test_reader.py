"""A reader's experience of the sample archive in a real browser: the way through it, reading
without JavaScript, fonts, colour schemes, images, printing and the keyboard."""

from __future__ import annotations

import time

import pytest
from newsarchive import urls
from newsarchive.archive import Archive
from newsarchive.model import Roundup
from newsarchive.settings import Settings
from newsarchive.site import load
from playwright.sync_api import Route, expect

from tests.browser import MOBILE, PAGE_TYPES, artifact
from tests.conftest import ROOT

ROUNDUP = PAGE_TYPES["roundup"]
CJK_FONTS = {"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei"}
"""The Chinese fallbacks of archive.css; scripts/install-browser installs WenQuanYi Micro Hei."""


@pytest.fixture(scope="module")
def archive() -> Archive:
    """The archive the sample site was built from, to know what each page must show."""
    return load(Settings.read(ROOT)).archive


def _roundup_at(archive: Archive, url: str) -> Roundup:
    return next(r for r in archive.roundups if urls.roundup_url(r) == url)


def test_journey_from_home_to_a_company_a_story_the_date_archive_and_the_next_roundup(open_page, site_url, archive):
    page = open_page(PAGE_TYPES["home"]).page
    latest = archive.roundups[0]

    page.locator(".na-lead__title a").click()
    expect(page).to_have_url(site_url + urls.roundup_url(latest))
    assert page.get_by_role("heading", level=1).inner_text() == latest.title

    story = latest.stories[0]
    company = archive.registry.get(story.companies[0])
    page.locator(f'section.na-story:has(> h2[id="{story.anchor}"]) .na-tags li:not(.na-topic) a').first.click()
    expect(page).to_have_url(site_url + urls.entity_url(company))
    assert company.name in page.get_by_role("heading", level=1).inner_text()

    ref = archive.stories_of(company.slug)[0]
    page.locator(".na-entries").get_by_role("link", name=ref.story.title, exact=True).first.click()
    expect(page).to_have_url(site_url + urls.story_url(ref.roundup, ref.story))
    page.wait_for_load_state()  # the address changes first; the browser goes to the story once the page is in
    header = page.locator(".md-header").bounding_box()
    top = page.locator(f'[id="{ref.story.anchor}"]').bounding_box()["y"]
    assert header["y"] + header["height"] <= top < page.viewport_size["height"] / 2, "the story is not at the top"

    page.locator(".na-dateline a").click()
    date = ref.roundup.date
    expect(page).to_have_url(site_url + urls.month_url(date.year, date.month))
    page.locator(".na-entries").get_by_role("link", name=ref.roundup.title, exact=True).click()
    expect(page).to_have_url(site_url + urls.roundup_url(ref.roundup))

    older, newer = archive.older.get(ref.roundup.path), archive.newer.get(ref.roundup.path)
    assert older or newer
    if older:
        page.locator('.na-pager a[rel="prev"]').click()
        expect(page).to_have_url(site_url + urls.roundup_url(older))
        page.locator('.na-pager a[rel="next"]').click()
    else:
        page.locator('.na-pager a[rel="next"]').click()
        expect(page).to_have_url(site_url + urls.roundup_url(newer))
        page.locator('.na-pager a[rel="prev"]').click()
    expect(page).to_have_url(site_url + urls.roundup_url(ref.roundup))


def test_roundup_shows_every_story_and_its_tag_links_without_javascript(open_page, site_url, archive):
    roundup = _roundup_at(archive, ROUNDUP)
    page = open_page(ROUNDUP, javascript=False).page
    assert page.evaluate("typeof window.document$") == "undefined", "JavaScript ran"
    for story in roundup.stories:
        section = page.locator(f'section.na-story:has(> h2[id="{story.anchor}"])')
        assert section.get_by_role("heading", level=2).inner_text().rstrip("¶") == story.title
        assert section.locator(".na-story-body").is_visible()
        chips = section.locator(".na-tags a")
        expected = [site_url + urls.entity_url(archive.registry.get(s)) for s in (*story.companies, *story.topics)]
        assert chips.evaluate_all("chips => chips.map(c => c.href)") == expected
        assert all(chip.is_visible() for chip in chips.all())


def test_fonts_are_system_fonts_and_chinese_names_get_a_chinese_one(desktop_page):
    visit = desktop_page("company")
    page = visit.page
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert {"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"} <= {f.strip().strip('"') for f in family.split(",")}
    assert page.evaluate("document.fonts.size") == 0, "a web font is declared"
    cdp = visit.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    name = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1 .na-zh"})["nodeId"]
    used = {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": name})["fonts"]}
    cdp.detach()
    assert used and used <= CJK_FONTS, f"Chinese name drawn with {used}"


@pytest.mark.parametrize(("system", "scheme", "other"), [("light", "default", "slate"), ("dark", "slate", "default")])
def test_colour_scheme_follows_the_system_and_the_toggle_switches_it_for_good(open_page, system, scheme, other):
    opened = open_page(ROUNDUP, scheme=system)
    page = opened.page
    body = page.locator("body")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    expect(body).to_have_attribute("data-md-color-scheme", scheme)
    page.locator("form[data-md-component=palette] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", other)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    roundup_url = page.url
    # Without Material's script, as the next page is first drawn: the header's own script sets it
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    page.locator(".na-pager a").first.click()
    page.wait_for_url(lambda url: url != roundup_url)
    expect(body).to_have_attribute("data-md-color-scheme", other)
    # Another reader, in a browser of their own (here the context the suite lends next), meets the system's again
    opened.close()
    expect(open_page(ROUNDUP, scheme=system).page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


SHIFTS = """window.naShifts = [];
new PerformanceObserver(list => window.naShifts.push(
    ...list.getEntries().filter(e => !e.hadRecentInput).map(e => e.sources.map(s => s.node && s.node.nodeName))
)).observe({type: 'layout-shift', buffered: true});"""
"""Collects the layout shifts of the page (not caused by input) in ``window.naShifts``."""


@pytest.mark.parametrize("size", [{}, MOBILE], ids=["desktop", "mobile"])
def test_roundup_image_is_sized_and_nothing_moves_when_it_loads(open_page, archive, size):
    """The lead image is the first thing under the headline: loaded at once (not lazily), with its
    box reserved by its width and height so the text does not jump when it arrives."""
    image = _roundup_at(archive, ROUNDUP).image
    assert image is not None and image.width and image.height
    without = open_page(ROUNDUP, refuse="**/images/**", **size).page.locator(".na-figure img")
    assert without.get_attribute("loading") is None
    assert (without.get_attribute("width"), without.get_attribute("height")) == (str(image.width), str(image.height))
    reserved = without.bounding_box()
    assert reserved["height"] == pytest.approx(reserved["width"] * image.height / image.width, abs=1)

    visit = open_page(ROUNDUP, **size)
    visit.context.add_init_script(SHIFTS)
    visit.page.route("**/images/**", _late)  # the lead image and the logo arrive after the text is laid out
    visit.page.reload(wait_until="networkidle")
    visit.settle()
    img = visit.page.locator(".na-figure img")
    assert img.evaluate("i => i.complete && i.naturalWidth > 0"), "the image did not load"
    assert img.bounding_box()["height"] == pytest.approx(reserved["height"], abs=1)
    assert visit.page.evaluate("window.naShifts") == []


def _late(route: Route) -> None:
    time.sleep(0.3)
    route.continue_()


def test_roundup_prints_without_navigation_and_with_link_addresses(open_page, archive):
    roundup = _roundup_at(archive, ROUNDUP)
    (source, *_) = roundup.stories[0].sources
    page = open_page(ROUNDUP).page
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-footer", ".na-pager", ".na-contents"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.get_by_role("heading", level=1).is_visible()
    after = page.locator(".na-sources a").first.evaluate("a => getComputedStyle(a, '::after').content")
    assert source.url in after, "a story's source prints with its address"
    page.screenshot(path=artifact("print", "roundup.png"), full_page=True)
    pdf = page.pdf(path=artifact("print", "roundup.pdf"), format="A4")
    assert pdf.startswith(b"%PDF")


FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(open_page):
    page = open_page(ROUNDUP).page
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#na-content")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#na-content') !== null")


@pytest.mark.parametrize("name", ["home", "roundup", "companies"])
def test_keyboard_reaches_every_control_and_shows_where_it_is(open_page, name):
    page = open_page(PAGE_TYPES[name]).page
    expected = page.evaluate(
        """selector => {
            const shown = e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden';
            const all = [...document.querySelectorAll(selector)].filter(e =>
                e.tabIndex >= 0 && !e.disabled && !e.closest('[hidden]')
                && shown(e.matches('.md-option') ? e.nextElementSibling : e));
            all.forEach((e, i) => e.dataset.naStop = i);
            return all.length;
        }""",
        FOCUSABLE,
    )
    reached, unmarked = set(), []
    for _ in range(expected + 20):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => {
                const e = document.activeElement;
                const shown = e.matches('.md-option') ? e.nextElementSibling : e;
                const style = getComputedStyle(shown);
                const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
                return {stop: e === document.body ? 'end' : e.dataset.naStop, ring, what: e.outerHTML.slice(0, 80)};
            }"""
        )
        if stop["stop"] == "end" or stop["stop"] in reached:
            break
        if stop["stop"] is not None:
            reached.add(stop["stop"])
        if not stop["ring"]:
            unmarked.append(stop["what"])
    assert unmarked == []
    missed = sorted(set(map(str, range(expected))) - reached, key=int)
    assert not missed, page.evaluate(
        "ids => ids.map(i => document.querySelector(`[data-na-stop='${i}']`).outerHTML.slice(0, 80))", missed)

