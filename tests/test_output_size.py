"""What the archive writes per roundup stays small: listings of older entries are a line each,
and the theme's own files are shared by every page rather than repeated in each."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from newsarchive import urls
from newsarchive.model import Person
from newsarchive.render.layout import page_numbers
from newsarchive.settings import Settings

from tests.conftest import roundup_text
from tests.core_build import build

PEOPLE = "mei-lin:\n  name: Mei Lin\nli-na:\n  name: Li Na\n  editor: true\n"


def _person_pages(content, count: int) -> dict[str, str]:
    content("roundups/people.yml", PEOPLE)
    first = dt.date(2024, 1, 1)
    for day in range(count):
        date = first + dt.timedelta(days=day)
        extra = "authors: mei-lin\neditor: li-na\n" if day % 2 else "authors: li-na\n"
        content(f"roundups/{date.year}/{date}.md", roundup_text(date=str(date), title=f"Roundup number {day}",
                                                                extra=extra))
    built = build(replace(Settings.read(content.root), site_url="https://owner.github.io/archive/"), {})
    assert [str(p) for p in built.loaded.problems] == []
    return built.texts()


def test_a_persons_newest_roundups_show_their_summaries_and_the_older_a_line_each(content) -> None:
    texts = _person_pages(content, 305)
    person = Person("li-na", "Li Na")
    first, second, third = (texts[urls.person_url(person, number)] for number in (1, 2, 3))
    assert first.count('class="na-roundup-entry"') == 100 and first.count("A short summary.") == 100
    for older in (second, third):
        assert "A short summary." not in older and 'class="na-roundup-entry"' not in older
    rows = re.findall(r"<li><a href=\"([^\"]+)\">([^<]+)</a><p>([^<]+)</p></li>", second)
    assert len(rows) == 200, "a later page holds twice the first's"
    # the 101st newest of the 305: she writes the even days' roundups and edits the odd days'
    assert rows[0] == ("../../../../2024/07/23/", "Roundup number 204", "23\u00a0Jul")
    assert rows[1] == ("../../../../2024/07/22/", "Roundup number 203", "22\u00a0Jul · Edited")
    assert len(re.findall(r"<li><a href=[^>]+>[^<]+</a><p>", third)) == 5


def test_older_stories_name_their_other_companies_and_the_newest_link_them(content) -> None:
    first = dt.date(2024, 1, 1)
    for day in range(104):
        date = first + dt.timedelta(days=day)
        content(f"roundups/{date.year}/{date}.md", roundup_text(
            date=str(date), title=f"Day {day}", body=f"## Xiaomi story {day}\n\nTags: xiaomi, byd, ev\n\nText.\n"))
    texts = build(Settings.read(content.root), {}).texts()
    newest, older = texts["companies/xiaomi/"], texts["companies/xiaomi/page/2/"]
    assert '<p>11\u00a0Jan · Also\u00a0<a href="../byd/">BYD</a></p>' in newest
    assert re.findall(r"<li><a href=\"([^\"]+)\">([^<]+)</a><p>([^<]+)</p></li>", older) == [
        ("../../../../2024/01/04/#xiaomi-story-3", "Xiaomi story 3", "4\u00a0Jan · Also\u00a0BYD"),
        ("../../../../2024/01/03/#xiaomi-story-2", "Xiaomi story 2", "3\u00a0Jan · Also\u00a0BYD"),
        ("../../../../2024/01/02/#xiaomi-story-1", "Xiaomi story 1", "2\u00a0Jan · Also\u00a0BYD"),
        ("../../../../2024/01/01/#xiaomi-story-0", "Xiaomi story 0", "1\u00a0Jan · Also\u00a0BYD"),
    ]
    topic = texts["topics/ev/page/2/"]
    assert "Xiaomi, BYD</p>" in topic and 'href="../../../../companies/' not in topic


def test_the_theme_files_every_page_shares_are_one_copy_each(sample_site: Path) -> None:
    roundup = (sample_site / "2024" / "03" / "12" / "index.html").read_text(encoding="utf-8")
    assert "<path" not in roundup, "an icon drawn in the page"
    assert 'data-md-component="palette"' in roundup and "__palette_0" not in roundup, "the scheme toggle's markup"
    assert roundup.count('class="md-nav__link"') == 0, "the drawer's links in the page"


def test_a_long_listing_links_its_first_and_last_pages_and_those_near_the_one_shown() -> None:
    """A topic of a hundred pages links seven from each, not a hundred: its pager stays one line."""
    pages = [urls.HOME + "topics/ev/"] + [f"topics/ev/page/{number}/" for number in range(2, 101)]
    middle = page_numbers(pages[49], pages, 50)
    assert re.findall(r">(\d+)</a>", middle) == ["1", "48", "49", "50", "51", "52", "100"]
    assert middle.count("…") == 2 and 'aria-current="page">50<' in middle
    assert re.findall(r">(\d+)</a>", page_numbers(pages[1], pages, 2)) == ["1", "2", "3", "4", "100"]
    assert "…" not in page_numbers(pages[2], pages[:6], 3), "no gap where no page is left out"
