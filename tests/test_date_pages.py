"""The date archive as a reader finds a day: every year a calendar of its days on the archive's
index, each day with a roundup a link titled with its headline; a year's page with a jump link to
each month; a month's page with the older and newer month and the calendar of its days at the top,
then its roundups a line each, their stories a click away."""

from __future__ import annotations

import calendar
import datetime as dt
from urllib.parse import urljoin

import lxml.html
import pytest
from newsarchive import urls
from newsarchive.archive import Archive, publication_order
from newsarchive.model import Roundup
from newsarchive.render.date_pages import TITLE_CHARS
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.browser import PAGE_TYPES, serving, visit
from tests.conftest import ROOT, mkdocs_build, roundup_text, site_project
from tests.core_build import build

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AI_REVIEW = "ai_generated: true\nreviewed_by: li-na\nreviewed: 2024-03-14\n"
AI_STORY = ("## Xiaomi sets a sales date for the SU7\n\nTags: xiaomi, ev\n"
            "Source: TechNode, https://technode.com/2024/03/14/xiaomi-su7/\n\nThe car goes on sale soon.\n")


@pytest.fixture(scope="module")
def archive() -> Archive:
    return load(Settings.read(ROOT)).archive


def _page(texts: dict[str, str], url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(texts[url])


def _calendar(page: lxml.html.HtmlElement, year: int, month: int) -> lxml.html.HtmlElement:
    """The list of a month's days in the year's section of the archive's index."""
    (section,) = page.xpath(f'//section[@id="{urls.anchor(urls.year_in_archive_url(year))}"]')
    (days,) = section.xpath(f'.//li[h3[normalize-space()="{calendar.month_name[month]}"]]/ol[contains(@class, "na-cal")]')
    return days


def _target(page_url: str, href: str) -> str:
    """The site URL a link on the page at ``page_url`` leads to."""
    return urljoin(f"/{page_url}", href).removeprefix("/")


def _editions(archive: Archive, day: dt.date) -> list[Roundup]:
    return sorted((r for r in archive.roundups if r.date == day), key=publication_order)


# The archive's index ------------------------------------------------------------------------------

def test_every_roundup_is_linked_from_its_day_in_the_calendar_with_its_headline_as_title(archive) -> None:
    texts = build(Settings.read(ROOT)).texts()
    page = _page(texts, urls.ARCHIVE)
    seen = set()
    for roundup in archive.roundups:
        day = roundup.date
        cell = _calendar(page, day.year, day.month).xpath("li")[day.day - 1]
        (link,) = cell.xpath("a")
        editions = _editions(archive, day)
        label = "AI-generated: " if roundup.machine_written == "all" else (
            "Partly AI-generated: " if roundup.machine_written == "some" else "")
        if len(editions) == 1:
            assert _target(urls.ARCHIVE, link.get("href")) == urls.roundup_url(roundup), roundup.path
            assert link.get("title") == label + roundup.title
        else:  # one target for the day: its editions on the month's page, each named in the title
            assert _target(urls.ARCHIVE, link.get("href")) == urls.roundup_in_month_url(editions[0]), roundup.path
            assert (f"Evening edition: {label}{roundup.title}" if roundup.edition else label + roundup.title) in (
                link.get("title").split(" · "))
        assert link.text_content() == str(day.day)
        seen.add(roundup.path)
    assert len(seen) == len(archive.roundups) == 25
    cell = _calendar(page, 2024, 3).xpath("li")[11]
    assert [_target(urls.ARCHIVE, href) for href in cell.xpath("a/@href")] == ["2024/03/#day-12"]


def test_the_calendars_run_from_the_first_month_to_the_newest_roundup_and_no_further(archive) -> None:
    page = _page(build(Settings.read(ROOT)).texts(), urls.ARCHIVE)
    months = page.xpath("//ol[contains(@class, 'na-year')]/li/h3")
    assert [m.text_content() for m in months] == ["March", "April", "May"]
    newest = archive.roundups[0].date
    days = _calendar(page, newest.year, newest.month).xpath("li")
    assert [d.text_content() for d in days] == [str(n) for n in range(1, newest.day + 1)]
    assert len(_calendar(page, 2024, 4).xpath("li")) == 30
    unlinked = [li for li in _calendar(page, 2024, 3).xpath("li") if not li.xpath("a")]
    assert [li.text_content() for li in unlinked][:4] == ["1", "2", "3", "4"]  # the first roundup is of 5 March


def test_a_calendar_day_is_plain_markup_and_a_long_headline_is_cut_at_a_word(content) -> None:
    long = "Xiaomi " + " ".join(["sets a date for the SU7 and a price"] * 4)  # 150 characters
    content("roundups/2024/2024-03-12.md", roundup_text(title=long))
    content("roundups/people.yml", "li-na:\n  name: Li Na\n  editor: true\n")
    content("roundups/2024/2024-03-14.md", roundup_text(date="2024-03-14", extra=AI_REVIEW, body=AI_STORY))
    site = build(Settings.read(content.root))
    assert [str(p) for p in site.loaded.problems if p.severity == "error"] == []
    page = _page(site.texts(), urls.ARCHIVE)
    days = _calendar(page, 2024, 3)
    assert days.get("class") == "na-cal na-w4"  # 1 March 2024 was a Friday
    assert days.xpath(".//*[@class or @style or @id]") == [], "a class on a day costs 3,650 times"
    (cut,) = days.xpath("li[12]/a/@title")
    assert cut == "Xiaomi sets a date for the SU7 and a price sets a date for the SU7 and a price sets a date for the…"
    assert len(cut) <= TITLE_CHARS + 1 and long.startswith(cut.removesuffix("…"))
    assert days.xpath("li[14]/a/@title") == ["AI-generated: Xiaomi sets a date"]


def test_each_year_of_the_archive_has_its_calendar_and_a_jump_link(content) -> None:
    for day in ("2022-11-30", "2023-06-01", "2024-03-12"):
        content(f"roundups/{day[:4]}/{day}.md", roundup_text(date=day))
    site = build(Settings.read(content.root))
    page = _page(site.texts(), urls.ARCHIVE)
    jumps = page.xpath('//nav[@aria-label="Years"]//a')
    assert [(a.text_content(), a.get("href")) for a in jumps] == [
        ("2024", "#year-2024"), ("2023", "#year-2023"), ("2022", "#year-2022")]
    for year, months in ((2024, ["January", "February", "March"]), (2023, list(calendar.month_name)[1:]),
                         (2022, ["November", "December"])):
        (section,) = page.xpath(f'//section[@id="year-{year}"]')
        assert [h.text_content() for h in section.xpath(".//h3")] == months
        linked = [h.text_content() for h in section.xpath(".//h3[a]")]
        assert linked == {2024: ["March"], 2023: ["June"], 2022: ["November"]}[year]


# A year's page -----------------------------------------------------------------------------------

def test_a_year_has_a_jump_link_to_each_month_with_roundups(content) -> None:
    for day in ("2024-01-09", "2024-01-30", "2024-03-12", "2024-05-02"):
        content(f"roundups/2024/{day}.md", roundup_text(date=day, title=f"News of {day}"))
    texts = build(Settings.read(content.root)).texts()
    page = _page(texts, urls.year_url(2024))
    (jump,) = page.xpath('//nav[@aria-label="Months"]')
    assert [(li.text_content(), li.xpath("a/@href")) for li in jump.xpath(".//li")] == [
        ("Jan", ["#january"]), ("Feb", []), ("Mar", ["#march"]), ("Apr", []), ("May", ["#may"])]
    for month, titles in (("may", ["News of 2024-05-02"]), ("march", ["News of 2024-03-12"]),
                          ("january", ["News of 2024-01-30", "News of 2024-01-09"])):
        (heading,) = page.xpath(f'//h2[@id="{month}"]')
        (entries,) = heading.xpath("following-sibling::ol[1]")
        assert [a.text_content() for a in entries.xpath("li/a")] == titles
    assert page.xpath('//ol[contains(@class, "na-days")]/li[1]/time')[0].text_content() == "Thu 2"


# A month's page ----------------------------------------------------------------------------------

def test_a_month_opens_with_its_neighbours_and_its_days_each_leading_to_its_roundups(archive) -> None:
    texts = build(Settings.read(ROOT)).texts()
    url = urls.month_url(2024, 3)
    page = _page(texts, url)
    article = page.xpath('//article[@id="na-content"]')[0]
    names = [child.get("aria-label") or child.tag for child in article]
    assert names == ["Breadcrumb", "h1", "Months", "Days of March 2024", "ol", "Older and newer months"]
    (top,) = article.xpath('nav[@aria-label="Months"]')
    assert [(a.get("rel"), a.text_content()) for a in top.xpath("a")] == [("next", "April 2024 →")]
    (index,) = article.xpath('nav[@aria-label="Days of March 2024"]')
    assert [li.text_content() for li in index.xpath('ol[contains(@class, "na-week")]/li')] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    ids = article.xpath('ol[contains(@class, "na-days")]/li/@id')
    linked = {int(a.text_content()): a.get("href") for a in index.xpath('ol[contains(@class, "na-cal")]/li/a')}
    roundups = archive.by_month[(2024, 3)]
    assert sorted(linked) == sorted({r.date.day for r in roundups})
    for day, href in linked.items():
        newest = _editions(archive, dt.date(2024, 3, day))[-1]
        assert href == f"#{urls.anchor(urls.roundup_in_month_url(newest))}" and href[1:] in ids
    assert linked[12] == "#day-12-evening" and ids.index("day-12-evening") + 1 == ids.index("day-12")


def test_a_month_lists_each_roundup_in_a_line_with_its_stories_a_click_away(archive) -> None:
    texts = build(Settings.read(ROOT)).texts()
    url = urls.month_url(2024, 4)
    entries = _page(texts, url).xpath('//ol[contains(@class, "na-days")]/li')
    roundups = archive.by_month[(2024, 4)]
    assert len(entries) == len(roundups)
    for entry, roundup in zip(entries, roundups, strict=True):
        (title,) = entry.xpath("h2/a")
        assert (title.text_content(), _target(url, title.get("href"))) == (roundup.title, urls.roundup_url(roundup))
        assert entry.xpath("time/@datetime") == [roundup.date.isoformat()]
        (details,) = entry.xpath("details")
        assert details.get("open") is None, "the stories show before the reader asks"
        assert details.xpath("summary")[0].text_content() == f"{len(roundup.stories)} stories"
        assert details.xpath("p")[0].text_content() == roundup.summary
        stories = details.xpath("ul/li")
        assert [_target(url, li.xpath("a/@href")[0]) for li in stories] == [
            urls.story_url(roundup, s) for s in roundup.stories]
        assert [li.text_content() for li in stories] == [
            s.title + (" AI-generated" if roundup.by_machine(s) else "") for s in roundup.stories]
        label = {"all": " AI-generated", "some": " Partly AI-generated"}.get(roundup.machine_written, "")
        assert entry.xpath("h2")[0].text_content() == roundup.title + label


# In a browser ------------------------------------------------------------------------------------

def test_a_month_on_a_phone_shows_its_neighbours_and_its_days_in_the_first_screen(open_page) -> None:
    page = open_page(urls.month_url(2024, 4), **PHONE).page
    top = page.get_by_role("navigation", name="Months", exact=True)
    for link in (top.get_by_role("link", name="March 2024"), top.get_by_role("link", name="May 2024"),
                 page.get_by_role("navigation", name="Days of April 2024").get_by_role("link", name="30")):
        box = link.bounding_box()
        assert link.is_visible() and box["y"] + box["height"] <= PHONE["height"], link
    page.get_by_role("navigation", name="Days of April 2024").get_by_role("link", name="25", exact=True).click()
    entry = page.locator("#day-25")
    assert entry.locator("h2").inner_text().startswith("Beijing auto show opens")
    assert 0 <= entry.bounding_box()["y"] < PHONE["height"] / 2, "the day's roundup is not brought into view"


def test_a_roundups_stories_open_under_it(open_page) -> None:
    page = open_page(urls.month_url(2024, 4)).page
    entry = page.locator("#day-25")
    stories = entry.locator(".na-headlines a")
    assert stories.count() == 8 and not stories.first.is_visible()
    entry.get_by_text("8 stories").click()
    assert stories.first.is_visible() and stories.first.inner_text() == "CATL's Shenxing Plus promises 1,000 km on LFP"
    headline, first = entry.locator("h2").bounding_box(), stories.first.bounding_box()
    assert first["y"] > headline["y"] + headline["height"], "the stories do not open under the roundup"


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("name", ["archive", "year", "month"])
def test_date_pages_fit_a_phone(open_page, name: str, width: int) -> None:
    page = open_page(PAGE_TYPES[name], width=width, height=800).page
    assert page.evaluate("document.documentElement.scrollWidth") == width


@pytest.mark.parametrize("path", [urls.ARCHIVE, urls.month_url(2024, 3)])
@pytest.mark.parametrize("width", [390, 1280])
def test_each_day_of_a_calendar_sits_under_its_weekday(open_page, path: str, width: int) -> None:
    page = open_page(path, width=width, height=900).page
    placed = page.evaluate("""() => [...document.querySelectorAll('ol.na-cal')].map(list => {
        const first = list.firstElementChild.getBoundingClientRect();
        const width = (list.getBoundingClientRect().width + 2) / 7;
        return [list.closest('li, nav').querySelector('h3, [aria-label]') ?.textContent ?? '',
                [...list.children].map(day => Math.round((day.getBoundingClientRect().left
                    - list.getBoundingClientRect().left) / width))];
    })""")
    months = [(2024, 3), (2024, 4), (2024, 5)] if path == urls.ARCHIVE else [(2024, 3)]
    assert len(placed) == len(months)
    for (year, month), (_, columns) in zip(months, placed, strict=True):
        assert columns == [dt.date(year, month, day).weekday() for day in range(1, len(columns) + 1)], (year, month)


def test_a_month_of_thirty_roundups_reads_in_two_screens_on_a_desktop(tmp_path, browser) -> None:
    roundups = tmp_path / "roundups"
    (roundups / "2024").mkdir(parents=True)
    for name in ("companies.yml", "topics.yml"):
        (roundups / name).write_text((ROOT / "roundups" / name).read_text(encoding="utf-8"), encoding="utf-8")
    story = "## {} sells {} more cars in March than a year ago\n\nTags: xiaomi, ev\n\nIt sold more cars.\n\n"
    for day in range(1, 31):
        stories = "".join(story.format(name, day + n) for n, name in enumerate(("Xiaomi", "BYD", "NIO", "Li Auto",
                                                                                  "XPeng", "Zeekr", "Geely", "SAIC")))
        title = f"Xiaomi's car sales rise {day}% as price cuts spread to rivals"
        (roundups / "2024" / f"2024-03-{day:02d}.md").write_text(
            roundup_text(date=f"2024-03-{day:02d}", title=title, body=stories.replace("Tags: xiaomi", "Tags: xiaomi, byd")),
            encoding="utf-8")
    project = site_project(tmp_path, roundups)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    with serving(tmp_path / "site") as base:
        opened = visit(browser, base + urls.month_url(2024, 3), **DESKTOP)
        try:
            entries = opened.page.locator(".na-days > li")
            assert entries.count() == 30
            bottom = entries.last.evaluate("e => e.getBoundingClientRect().bottom + window.scrollY")
            assert bottom <= 2 * DESKTOP["height"], f"the month's last roundup ends at {bottom} px"
        finally:
            opened.close()


def test_the_days_and_jump_links_are_big_enough_to_tap_on_a_phone(open_page) -> None:
    """24 by 24 px (WCAG 2.2 AA) but for a day with two editions, which shares its square between
    them: the month's page, a tap away, lists both in full."""
    for path in (urls.ARCHIVE, urls.year_url(2024), urls.month_url(2024, 3)):
        page = open_page(path, **PHONE).page
        small = page.evaluate("""() => [...document.querySelectorAll(
                '.na-cal li:not(:has(a + a)) > a, .na-jump a, .na-year h3 a')]
            .map(e => [e.textContent, e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 24 || r.height < 24)
            .map(([text, r]) => `${text}: ${Math.round(r.width)}x${Math.round(r.height)}`)""")
        assert small == [], path
