"""A news site, not a docs site: what a reader sees of the layout, in a real browser.

Measured, not just present: where the columns sit, how far a story's text is from its headline
on a phone, what every listing entry carries, the order of the indexes, where the 404 leads.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import pairwise

import pytest
from newsarchive import urls
from newsarchive.archive import Archive
from newsarchive.render.entity_pages import LEAD
from newsarchive.settings import Settings
from newsarchive.site import load
from playwright.sync_api import expect

from tests.browser import DESKTOP, PAGE_TYPES
from tests.conftest import ROOT

PHONE = {"width": 390, "height": 844}
READING = ("roundup", "month", "year", "archive", "notfound", "about")
"""Pages read in one centred column."""
WIDE = ("home", "company", "topic", "companies", "topics")
"""Pages laid out over the whole width: a grid, columns, an aside."""


@pytest.fixture(scope="module")
def archive() -> Archive:
    return load(Settings.read(ROOT)).archive


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("name", READING + WIDE)
def test_desktop_pages_have_no_navigation_sidebar_and_centred_content(desktop_page, name: str) -> None:
    page = desktop_page(name).page
    assert not page.locator(".md-sidebar--primary").is_visible(), "the empty navigation sidebar shows"
    article = _box(page, "#na-content, .na-doc")
    centre = article["x"] + article["width"] / 2
    assert abs(centre - DESKTOP["width"] / 2) <= 2, f"content centred at {centre}px"
    if name in WIDE:
        assert article["width"] >= 1000
    else:
        em = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
        assert 38 <= article["width"] / em <= 46, f"a reading column of {article['width'] / em:.1f} em"


@pytest.mark.parametrize("width", [320, 360, 390])
def test_the_site_name_shows_whole_in_a_phone_masthead(open_page, width: int) -> None:
    page = open_page(PAGE_TYPES["roundup"], width=width, height=740).page
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    expect(name).to_have_text(Settings.read(ROOT).site_name)
    whole = name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
    header, box = _box(page, ".md-header"), name.bounding_box()
    assert whole and header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"], (box, header)


def test_every_company_and_topic_page_fits_a_phone(open_page, archive) -> None:
    visit = open_page(PAGE_TYPES["company"], width=360, height=740)
    base = visit.page.url.removesuffix(PAGE_TYPES["company"])
    entities = [*map(archive.registry.companies.get, archive.by_company), *map(archive.registry.topics.get, archive.by_topic)]
    wide = []
    for entity in entities:
        visit.page.goto(base + urls.entity_url(entity), wait_until="load")
        if visit.page.evaluate("document.documentElement.scrollWidth") > 360:
            wide.append(entity.slug)
    assert wide == [], "pages wider than a 360 px phone"


def test_the_company_with_the_longest_name_fits_a_phone_without_scripts(open_page, archive) -> None:
    """Without scripts the page's own title waits, hidden, beside the site's in the header: it must
    not widen the page (it did by 13 px, for eight companies)."""
    longest = max(map(archive.registry.companies.get, archive.by_company), key=lambda company: len(company.name))
    page = open_page(urls.entity_url(longest), width=360, height=740, javascript=False).page
    assert page.evaluate("document.documentElement.scrollWidth") == 360, longest.slug


def test_a_story_starts_right_under_its_headline_on_a_phone(open_page, archive) -> None:
    page = open_page(PAGE_TYPES["roundup"], **PHONE).page
    gaps = page.evaluate("""() => [...document.querySelectorAll('.na-story')].map(story => {
        const headline = story.querySelector('h2').getBoundingClientRect();
        const text = story.querySelector('.na-story-body > *').getBoundingClientRect();
        return text.top - headline.bottom;
    })""")
    assert len(gaps) == 6 and max(gaps) <= 120, gaps


def test_tags_are_one_compact_line_of_short_names_after_the_story(desktop_page, archive) -> None:
    page = desktop_page("roundup").page
    roundup = next(r for r in archive.roundups if urls.roundup_url(r) == PAGE_TYPES["roundup"])
    for story in roundup.stories:
        section = page.locator(f'section.na-story:has(> h2[id="{story.anchor}"])')
        tags = section.locator(".na-tags")
        assert tags.bounding_box()["y"] > section.locator(".na-story-body").bounding_box()["y"]
        tops = sorted(link.bounding_box()["y"] for link in tags.locator("a").all())
        lines = 1 + sum(lower - upper > 8 for upper, lower in pairwise(tops))
        assert lines <= 2, "a story's tags are a line or two on a desktop, side by side"
        shown = tags.locator("a").all_text_contents()
        assert shown == [archive.registry.get(slug).display for slug in (*story.companies, *story.topics)]
        companies, topics = section.locator(".na-tags li:not(.na-topic) a").first, section.locator(".na-tags .na-topic a").first
        if story.companies and story.topics:
            looks = "e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).textTransform]"
            assert companies.evaluate(looks) != topics.evaluate(looks), "topics look like companies"


@pytest.mark.parametrize("name", ["company", "topic"])
def test_every_story_in_a_listing_carries_its_context(desktop_page, name: str) -> None:
    page = desktop_page(name).page
    entries = page.locator(".na-entries > li")
    assert entries.count() >= 5
    assert all(len(text) > 30 for text in page.locator(".na-lead-stories > li > a + p").all_inner_texts()), "no summary"
    for entry in entries.all():
        headline = entry.locator(":scope > a")
        assert headline.get_attribute("href").count("#") == 1, "not linked to the story"
        meta = entry.locator(":scope > p:last-child")
        others = r"Also\s\S.*" if name == "company" else r"(?!Also\s)\S.*"  # a topic's: its companies
        # a lead story's date has its year; a row's is under its year's or month's heading, which says it
        year = r"\s\d{4}" if entry.evaluate("e => e.parentElement.matches('.na-lead-stories')") else ""
        assert re.match(rf"\d{{1,2}}\s[A-Z][a-z]{{2}}{year}( · {others})?$", meta.inner_text()), meta.inner_text()
        title, date = headline.bounding_box(), meta.bounding_box()
        assert date["y"] >= title["y"] + title["height"], "the date runs into the headline"


def test_a_month_lists_each_roundup_in_a_line_with_its_stories_a_click_away(desktop_page, archive) -> None:
    page = desktop_page("month").page
    roundups = archive.by_month[(2024, 3)]
    entries = page.locator(".na-days > li")
    assert entries.locator("h2 > a").all_inner_texts() == [r.title for r in roundups]
    stories = page.locator(".na-days .na-headlines > li")
    assert stories.count() == sum(len(r.stories) for r in roundups)
    assert not any(story.is_visible() for story in stories.all()), "tests/test_date_pages.py opens them"


def test_headline_links_are_not_underlined_until_hovered(open_page, desktop_page) -> None:
    page = open_page(PAGE_TYPES["company"]).page
    link = page.locator(".na-entries > li > a").first
    assert link.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    link.hover()
    assert link.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    body_link = desktop_page("roundup").page.locator(".na-sources a").first
    assert body_link.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"


def test_the_home_page_is_a_front_page(desktop_page, archive) -> None:
    page = desktop_page("home").page
    latest = archive.roundups[0]
    lead = page.locator(".na-lead")
    expect(lead.locator(".na-lead__title")).to_have_text(latest.title)
    assert lead.locator(".na-figure img").is_visible() and latest.image is not None
    assert lead.locator(".na-dek").inner_text() == latest.summary
    stories = lead.locator(".na-lead__stories > li")
    assert stories.locator(":scope > a").all_inner_texts() == [s.title for s in latest.stories]
    assert all(len(text) > 20 for text in stories.locator(":scope > a + p").all_inner_texts())
    assert page.locator(".na-earlier .na-card").count() == 9
    follow = page.locator(".na-follow-box")
    assert follow.is_visible() and follow.locator('a[href="feed.xml"]').count() == 1
    names = page.locator(".na-in-the-news").first.locator(".na-news__name a").all_text_contents()
    assert "Huawei" in names and "Huawei Technologies Co." not in names
    lead_box, aside = _box(page, ".na-lead"), _box(page, ".na-columns__aside")
    assert aside["x"] > lead_box["x"] + lead_box["width"], "the aside is not beside the lead"


def test_the_companies_index_reads_a_to_z_by_the_names_readers_know(desktop_page, archive) -> None:
    page = desktop_page("companies").page
    names = page.locator(".na-index > li > a").all_inner_texts()
    with_stories = [c for c in archive.registry.companies.values() if archive.stories_of(c.slug)]
    assert names == sorted((c.display for c in with_stories), key=str.casefold)
    assert "Zhipu AI" not in page.locator("#na-content").inner_text(), "a company without stories is listed"
    xref = page.locator(".na-xref", has_text="TikTok")
    assert xref.inner_text() == "TikTok → ByteDance"
    assert xref.locator("a").get_attribute("href") == "bytedance/"
    columns = {round(box["x"]) for box in page.locator(".na-letter h2").evaluate_all(
        "hs => hs.map(h => h.getBoundingClientRect())")}
    assert len(columns) >= 3, "one long column"
    letters = _box(page, ".na-letters")
    assert letters["height"] < 80, "the A–Z bar takes more than two rows"


def test_the_topics_index_is_cards_with_chinese_names_counts_and_the_latest_story(desktop_page, archive) -> None:
    page = desktop_page("topics").page
    cards = page.locator(".na-card")
    topics = sorted((t for t in archive.registry.topics.values() if archive.stories_of(t.slug)), key=lambda t: t.name)
    assert cards.count() == len(topics)
    for card, topic in zip(cards.all(), topics, strict=True):
        assert card.locator(".na-zh").count() == 1
        assert card.locator(".na-card__latest > a").inner_text() == archive.stories_of(topic.slug)[0].story.title
        assert "stor" in card.locator(".na-meta").inner_text()


def test_a_corrected_roundup_says_so_under_its_date_and_the_ai_label_shows_once(open_page, archive) -> None:
    corrected = next(r for r in archive.roundups if r.corrections)
    page = open_page(urls.roundup_url(corrected)).page
    note = page.locator(".na-dateline .na-corrected")
    expect(note).to_have_text(f"Corrected {corrected.updated.day} {corrected.updated:%B %Y}")
    note.click()
    assert page.url.endswith("#na-corrections") and page.locator("#na-corrections").is_visible()
    machine = next(r for r in archive.roundups if r.ai_generated)
    page = open_page(urls.roundup_url(machine)).page
    assert page.locator(".na-ai-notice").count() == 1, "one notice atop the roundup"
    assert page.locator(".na-story__label .na-ai").count() == len(machine.stories), "a label on each of its stories"


def test_the_404_page_has_search_and_the_way_back(open_page) -> None:
    visit = open_page(PAGE_TYPES["notfound"])
    page = visit.page
    assert any(r.status == 404 and r.url == page.url for r in visit.responses)
    for name, target in (("Latest roundups", "/"), ("Every roundup by date", "/archive/"),
                         ("Companies", "/companies/"), ("Topics", "/topics/")):
        link = page.get_by_role("link", name=name, exact=True).first
        assert link.evaluate("a => new URL(a.href).pathname").endswith(f"roundup-archive{target}"), name
    page.get_by_role("searchbox", name="Search the archive").fill("Xiaomi")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".md-search-result__list li").first).to_be_visible(timeout=20_000)
    assert page.locator(".md-search__input").input_value() == "Xiaomi"


def test_the_footer_leads_to_about_the_feeds_the_archive_and_the_authors(desktop_page) -> None:
    footer = desktop_page("roundup").page.locator(".na-footer")
    for name in ("About", "Archive", "Atom", "JSON Feed", "For authors", "The archive's files (GitHub)"):
        assert footer.get_by_role("link", name=name, exact=True).count() == 1, name
    assert "Made with" not in footer.inner_text()


def test_the_author_guide_is_not_a_readers_tab(desktop_page) -> None:
    tabs = desktop_page("home").page.locator(".md-tabs__link").all_inner_texts()
    assert [t.strip() for t in tabs] == ["Home", "Topics", "Companies", "Archive", "About"]


def test_on_a_phone_a_companys_facts_come_first_and_what_it_is_covered_with_after_its_stories(
    open_page, desktop_page
) -> None:
    page = open_page(PAGE_TYPES["company"], **PHONE).page
    top = {name: _box(page, selector)["y"] for name, selector in (
        ("description", ".na-masthead .na-dek"), ("facts", ".na-facts"), ("chart", ".na-chart"),
        ("last story", ".na-entries > li >> nth=-1"), ("covered with", ".na-covered"))}
    assert sorted(top, key=top.get) == ["description", "facts", "chart", "last story", "covered with"], top
    assert page.get_by_role("complementary").count() == 1, "the aside is still a landmark"
    desktop = desktop_page("company").page
    facts, stories = _box(desktop, ".na-facts"), _box(desktop, ".na-entries")
    assert facts["x"] > stories["x"] + stories["width"], "on a desktop the facts stay in the aside"


PERIOD = "h3:has(+ ul.na-stories)"
"""The heading of a year's or a month's stories on a company's or topic's page."""


def test_a_busy_year_is_listed_by_month_and_a_quiet_one_as_a_year(open_page, desktop_page, archive) -> None:
    busy = desktop_page("topic").page  # EVs: 41 stories in 2024, the latest 3 leading the page
    months = Counter((r.roundup.date.year, r.roundup.date.month) for r in archive.stories_of("ev")[LEAD:])
    headings = busy.locator(PERIOD)
    assert headings.all_inner_texts() == [f"{date(y, m, 1):%B %Y}" for y, m in months]  # newest first
    for (year, month), heading in zip(months, headings.all(), strict=True):
        entries = heading.locator("xpath=following-sibling::ul[1]/li")
        assert entries.count() == months[year, month] > 1
        assert all(meta.split(" · ")[0].endswith(f"\u00a0{date(year, month, 1):%b}")
                   for meta in entries.locator(":scope > p:last-child").all_inner_texts())
    # A company with stories in several months but fewer than three a month: one heading for the year.
    quiet = next(company for company in archive.registry.companies.values()
                 if len(spread := Counter(r.roundup.date.month for r in archive.stories_of(company.slug))) > 1
                 and sum(spread.values()) < 3 * len(spread))
    page = open_page(urls.entity_url(quiet)).page
    assert page.locator(PERIOD).all_inner_texts() == ["2024"], quiet.slug


SECTION_TAB = {"home": "Home", "company": "Companies", "companies": "Companies", "topic": "Topics",
               "topics": "Topics", "roundup": "Archive", "month": "Archive", "year": "Archive", "archive": "Archive",
               "about": "About"}


@pytest.mark.parametrize("name", SECTION_TAB)
def test_the_tab_a_page_is_found_under_is_marked(desktop_page, name: str) -> None:
    page = desktop_page(name).page
    marked = [link.inner_text().strip() for link in page.locator(".md-tabs__link").all()
              if link.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"]
    assert marked == [SECTION_TAB[name]]


def test_headlines_are_not_hyphenated_and_chinese_names_stay_whole(open_page) -> None:
    page = open_page(PAGE_TYPES["roundup"], **PHONE).page
    assert page.locator("h1").evaluate("e => getComputedStyle(e).hyphens") == "manual"
    compounds = page.locator("h1 .na-nw, h2 .na-nw")
    assert compounds.count() >= 1
    for word in compounds.all():
        assert len(word.evaluate("e => [...e.getClientRects()].map(r => r.top)")) == 1, word.inner_text()
    zh = open_page(PAGE_TYPES["company"], **PHONE).page.locator("h1 .na-zh")
    assert len(zh.evaluate("e => e.getClientRects().length ? [...e.getClientRects()] : []")) == 1
