"""A company's and a topic's page, and the companies and topics indexes, as a reader meets them.

The latest stories lead, with their first sentence, and the first of them is on a phone's first
screen; the rest are compact rows; every company named under a story is a link to its page; the
rail stays in view beside the stories; the companies index keeps each letter whole under its
heading, with a filter box that works as one types and a whole list without JavaScript; every
link and box a finger taps on these pages is at least 24 by 24 px on a phone (WCAG 2.2, 2.5.8).
"""

from __future__ import annotations

import re

import lxml.html
import pytest
from newsarchive import urls
from newsarchive.archive import Archive
from newsarchive.render.entity_pages import LEAD
from newsarchive.settings import Settings
from newsarchive.site import load
from playwright.sync_api import expect

from tests.browser import PAGE_TYPES
from tests.conftest import COMPANIES, ROOT, TOPICS, roundup_text
from tests.core_build import build

PHONE = {"width": 390, "height": 844}
TAPPED = "#na-content a, #na-content input, #na-content button"
"""What a reader taps on a page's content."""
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def archive() -> Archive:
    return load(Settings.read(ROOT)).archive


def _story(headline: str, tags: str, text: str = "Its first sentence says enough. Then it goes on.") -> str:
    return f"## {headline}\n\nTags: {tags}\n\n{text}\n\n"


def _pages(content, days: dict[str, str], companies: str = COMPANIES, topics: str = TOPICS) -> dict[str, str]:
    """The core's pages for roundups on ``days`` (date: body), by URL."""
    content("roundups/companies.yml", companies)
    content("roundups/topics.yml", topics)
    for day, body in days.items():
        content(f"roundups/2024/{day}.md", roundup_text(date=day, body=body))
    site = build(Settings.read(content.root))
    assert site.loaded.problems == []
    return {o.address.url: o.page.body for o in site.outputs if o.page}


# What the core writes ----------------------------------------------------------------------------

def test_every_company_named_under_a_story_links_to_its_page(content) -> None:
    pages = _pages(content, {"2024-03-12": _story("Xiaomi and BYD cut prices", "xiaomi, byd, shengshu, ev")})
    date = f"12{NBSP}Mar{NBSP}2024"
    assert f'<p class="na-meta">{date} · Also{NBSP}<a href="../byd/">BYD</a>, <a href="../shengshu/">Shengshu</a></p>' \
        in pages["companies/xiaomi/"]
    assert (f'<p class="na-meta">{date} · <a href="../../companies/xiaomi/">Xiaomi</a>, '
            f'<a href="../../companies/byd/">BYD</a>, <a href="../../companies/shengshu/">Shengshu</a></p>'
            in pages["topics/ev/"])


def test_the_newest_stories_lead_with_their_first_sentence_and_the_rest_are_compact_rows(content) -> None:
    days = {f"2024-03-{day:02d}": _story(f"Xiaomi story of {day} March", "xiaomi, ev") for day in range(1, 7)}
    body = _pages(content, days)["companies/xiaomi/"]
    assert '<h3>2024</h3><ul class="na-entries na-stories na-rows">' in body
    assert f'<li><a href="../../2024/03/01/#xiaomi-story-of-1-march">Xiaomi story of 1 March</a><p>1{NBSP}Mar' \
           "</p></li>" in body, "a row is more than its headline, day and other companies (its heading says the year)"
    page = lxml.html.fromstring(body)
    lead = page.xpath('//ul[contains(@class, "na-lead-stories")]/li')
    rows = page.xpath('//ul[contains(@class, "na-rows")]/li')
    assert [li.xpath("./a")[0].text_content() for li in lead] == [f"Xiaomi story of {d} March" for d in (6, 5, 4)]
    assert [li.xpath("./p")[0].text_content() for li in lead] == ["Its first sentence says enough."] * LEAD
    assert [li.xpath("./a")[0].text_content() for li in rows] == [f"Xiaomi story of {d} March" for d in (3, 2, 1)]
    assert [[p.text_content() for p in li.xpath("./p")] for li in rows] == [[f"{d}{NBSP}Mar"] for d in (3, 2, 1)]


def test_a_machine_written_story_keeps_its_label_as_a_row(content) -> None:
    days = {f"2024-03-{day:02d}": _story(f"Xiaomi story of {day} March", "xiaomi, ev") for day in range(2, 6)}
    content("roundups/people.yml", "li-na:\n  name: Li Na\n  editor: true\n")
    content("roundups/2024/2024-03-01.md", roundup_text(
        date="2024-03-01", extra="ai_generated: true\nreviewed_by: li-na\nreviewed: 2024-03-01\n",
        body="## A machine wrote this\n\nTags: xiaomi, ev\nSource: TechNode, https://technode.com/2024/03/01/x/\n\n"
             "The car goes on sale soon.\n"))
    page = _pages(content, days)["companies/xiaomi/"]
    row = re.search(r'<li><a href="[^"]+">A machine wrote this</a>(.*?)</li>', page)
    assert row and row.group(1).startswith(' <span class="na-ai">AI-generated</span><p>'), page


def test_one_fact_is_a_line_under_the_description_and_more_are_a_box_beside_the_stories(content) -> None:
    topics = TOPICS.replace("  name_zh: 电动汽车\n", "  name_zh: 电动汽车\n  short: EVs\n")
    pages = _pages(content, {"2024-03-12": _story("Xiaomi sets a date", "xiaomi, ev")}, topics=topics)
    topic = lxml.html.fromstring(pages["topics/ev/"])
    assert [p.text_content() for p in topic.xpath('//header[@class="na-masthead"]/p[@class="na-fact"]')] == [
        "Known as EVs"]
    assert topic.xpath('//dl[@class="na-facts"]') == []
    company = lxml.html.fromstring(pages["companies/xiaomi/"])
    assert company.xpath('//p[@class="na-fact"]') == []
    assert company.xpath('//aside//dl[@class="na-facts"]/dt/text()') == ["Known as", "Tickers", "Headquarters", "Website"]


def test_the_companies_index_filter_knows_names_the_list_does_not_show(content) -> None:
    companies = COMPANIES + "bytedance:\n  name: ByteDance Ltd.\n  name_zh: 字节跳动\n  short: ByteDance\n  aliases: [TikTok, 抖音]\n"
    pages = _pages(content, {"2024-03-12": _story("ByteDance and Xiaomi", "bytedance, xiaomi, ai")}, companies)
    index = lxml.html.fromstring(pages["companies/"])
    assert index.xpath('//div[@class="na-filter"]/@hidden') == [""], "the box shows without its script"
    entries = {li.xpath("./a")[0].text_content(): li.get("data-names") for li in index.xpath('//ul[@class="na-index"]/li')}
    assert entries == {"ByteDance": "TikTok 抖音", "Xiaomi": None}
    assert [x.text_content() for x in index.xpath('//p[@class="na-xrefs"]/span[@class="na-xref"]')] == [
        "TikTok → ByteDance"]


def test_a_topic_card_leads_to_the_topics_latest_story(content) -> None:
    pages = _pages(content, {"2024-03-12": _story("Xiaomi sets a date", "xiaomi, ev"),
                             "2024-03-14": _story("BYD cuts prices", "byd, ev")})
    card = lxml.html.fromstring(pages["topics/"]).xpath('//li[@class="na-card"][.//a[@href="ev/"]]')[0]
    assert card.xpath('.//p[@class="na-card__latest"]/a/@href') == ["../2024/03/14/#byd-cuts-prices"]
    assert card.xpath('.//p[@class="na-meta"]')[0].text_content() == f"14{NBSP}Mar{NBSP}2024 · 2 stories"


# What a reader sees ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["company", "topic"])
def test_the_first_story_is_on_a_phones_first_screen(open_page, name: str) -> None:
    page = open_page(PAGE_TYPES[name], **PHONE).page
    first = page.locator(".na-entries > li").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"], f"the first story ends at {first['y'] + first['height']}px"


def test_on_a_phone_the_chart_follows_the_latest_stories(open_page) -> None:
    page = open_page(PAGE_TYPES["company"], **PHONE).page
    top = {name: page.locator(selector).first.bounding_box()["y"] for name, selector in (
        ("facts", ".na-facts"), ("latest", ".na-lead-stories"), ("chart", ".na-chart"), ("rows", ".na-rows"),
        ("covered with", ".na-covered"))}
    assert sorted(top, key=top.get) == ["facts", "latest", "chart", "rows", "covered with"], top
    caption = page.locator(".na-chart figcaption")
    assert caption.evaluate("e => e.getBoundingClientRect().width") <= 1, "the caption repeats the labelled bars"
    assert caption.text_content() == "11 stories from March to May 2024, most in April: 5."  # for screen readers


@pytest.mark.parametrize("name", ["company", "topic"])
def test_the_latest_stories_weigh_more_than_the_rest(open_page, name: str) -> None:
    page = open_page(PAGE_TYPES[name]).page
    lead, rows = page.locator(".na-lead-stories > li"), page.locator(".na-rows > li")
    assert lead.count() == LEAD and rows.count() > 5
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    smallest_lead = min(lead.locator(":scope > a").evaluate_all(f"links => links.map({size})"))
    largest_row = max(rows.locator(":scope > a").evaluate_all(f"links => links.map({size})"))
    assert smallest_lead >= 1.15 * largest_row
    assert all(len(text) > 30 for text in lead.locator(":scope > a + p").all_inner_texts())
    assert rows.locator(":scope > a + p:not(:last-child)").count() == 0, "a row has its first sentence"


@pytest.mark.parametrize("name", ["company", "topic"])
def test_every_company_under_a_story_is_a_link_to_its_page(open_page, archive, name: str) -> None:
    path = PAGE_TYPES[name]
    page = open_page(path).page
    about = archive.registry.get(path.split("/")[1])
    stories = {urls.story_url(ref.roundup, ref.story): ref.story for ref in archive.stories_of(about.slug)}
    checked = 0
    for entry in page.locator(".na-entries > li").all():
        story = stories[entry.locator(":scope > a").get_attribute("href").replace("../", "")]
        named = [archive.registry.companies[slug] for slug in story.companies if slug != about.slug]
        links = entry.locator(":scope > p:last-child a")
        assert links.all_inner_texts() == [company.display for company in named]
        assert [href.replace("../", "") for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
                ] == [urls.entity_url(company).removeprefix("companies/") if name == "company" else urls.entity_url(company)
                      for company in named]
        checked += len(named)
    assert checked > 10


def test_the_rail_stays_in_view_as_the_stories_scroll(open_page) -> None:
    page = open_page(PAGE_TYPES["topic"], width=1280, height=800).page
    page.locator(".na-rows > li").nth(20).scroll_into_view_if_needed()
    box = page.locator(".na-covered").bounding_box()
    assert page.evaluate("window.scrollY") > 1000
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box


@pytest.mark.parametrize("width", [1280, 1000])
def test_each_letter_of_the_companies_index_stays_in_one_column_under_its_heading(open_page, width: int) -> None:
    page = open_page(PAGE_TYPES["companies"], width=width).page
    split = page.evaluate("""() => [...document.querySelectorAll('.na-letter')].flatMap(letter => {
        const heading = letter.querySelector('h2').getBoundingClientRect();
        return [...letter.querySelectorAll('li, .na-xrefs')].map(e => e.getBoundingClientRect())
            .filter(box => Math.abs(box.left - heading.left) > 1 || box.top < heading.bottom)
            .map(() => letter.querySelector('h2').textContent);
    })""")
    assert split == [], "letters split from their heading"
    columns = {round(x) for x in page.locator(".na-letter h2").evaluate_all("hs => hs.map(h => h.getBoundingClientRect().left)")}
    assert len(columns) >= 2


@pytest.mark.parametrize("path", ["company", "topic", "companies", "topics"])
def test_every_link_and_box_a_finger_taps_is_24px_on_a_phone(open_page, path: str) -> None:
    page = open_page(PAGE_TYPES[path], **PHONE).page
    small = page.evaluate("""selector => [...document.querySelectorAll(selector)]
        .filter(e => e.getClientRects().length)
        .map(e => [e.textContent.trim() || e.outerHTML.slice(0, 60), e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24)
        .map(([text, r]) => `${text}: ${Math.round(r.width)}x${Math.round(r.height)}`)""", TAPPED)
    assert small == []
    assert page.locator(TAPPED).count() > 20


def test_the_companies_filter_narrows_the_list_as_one_types(open_page, archive) -> None:
    page = open_page(PAGE_TYPES["companies"], **PHONE).page
    shown = page.locator(".na-index > li:visible > a")
    total = len(archive.in_the_archive(archive.registry.companies.values()))
    box = page.get_by_label("Find a company")
    for typed, found in (("xiao", ["Xiaomi"]), ("小米", ["Xiaomi"]), ("TIKTOK", ["ByteDance"]), ("byd", ["BYD"])):
        box.fill(typed)
        assert shown.all_inner_texts() == found, typed
        expect(page.locator(".na-filter").get_by_role("status")).to_have_text(f"1 of {total} companies")
    assert not page.locator(".na-xrefs").first.is_visible() and not page.locator(".na-letters").is_visible()
    box.fill("no such company")
    expect(page.locator(".na-filter").get_by_role("status")).to_have_text("No company by that name")
    assert shown.count() == 0 and page.locator(".na-letter:visible").count() == 0
    box.fill("")
    assert shown.count() == total and page.locator(".na-letters").is_visible()
    expect(page.locator(".na-filter").get_by_role("status")).to_have_text("")


def test_without_javascript_the_companies_index_is_the_whole_list(open_page, archive) -> None:
    page = open_page(PAGE_TYPES["companies"], javascript=False).page
    assert not page.locator(".na-filter").is_visible(), "a box that does nothing"
    total = len(archive.in_the_archive(archive.registry.companies.values()))
    assert page.locator(".na-index > li:visible").count() == total
    assert page.locator(".na-xrefs:visible").count() > 10
