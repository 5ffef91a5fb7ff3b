"""Site search: what is indexed (the core's records), what ships, and what a reader finds by typing
into the header box in a real browser, with the site served under a sub-path as on GitHub Pages."""

from __future__ import annotations

import base64
import functools
import gc
import gzip
import io
import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from newsarchive import urls
from newsarchive.archive import Archive
from newsarchive.render.markup import plain_text
from newsarchive.render.search import (
    SearchBundle,
    SearchPage,
    SearchRecord,
    bundle_list,
    older_headline_words,
    search_bundles,
)
from newsarchive.settings import Settings
from newsarchive.site import load
from playwright.sync_api import Browser, Locator, Page, expect
from search_index import SearchIndex, SearchIndexError, _Service, _write

from tests.browser import HOST, visit
from tests.conftest import ROOT, mkdocs_build, roundup_text, site_project
from tests.preview import Preview
from tests.search_document import read

SUB_PATH = "roundup-archive/"
"""The path of the site's public address (site_url in mkdocs.yml), where the tests serve it too."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(site: Path, tmp_path: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``site`` at http://127.0.0.1:<free port>/roundup-archive/."""
    (tmp_path / SUB_PATH.strip("/")).symlink_to(site, target_is_directory=True)
    server = ThreadingHTTPServer((HOST, 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{HOST}:{server.server_address[1]}/{SUB_PATH}"


@pytest.fixture(scope="module")
def base(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server, url = _serve(sample_site, tmp_path_factory.mktemp("served"))
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def archive() -> Archive:
    """The archive the sample site was built from, to know what a search must find."""
    return load(Settings.read(ROOT)).archive


@pytest.fixture
def page(browser: Browser, base: str) -> Iterator[Page]:
    opened = visit(browser, base + "2024/03/12/")
    yield opened.page
    opened.close()


def search(page: Page, query: str, *, pasted: bool = False) -> None:
    """Type ``query`` into the header box as a reader does, and wait for its results; ``pasted``:
    put in at once, so that no query of its first letters runs before it (one could merge older
    years, depending on how fast the page answers as the letters come)."""
    box = page.locator(".md-search__input")
    if not box.is_visible():  # on a phone, behind the header's search button
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    if pasted:
        box.fill(query)
    else:
        box.press_sequentially(query, delay=30)
    # Final: every year searched, or the newest year's results settled and the older years waiting.
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(rf"(found|No results) for “{re.escape(query)}”( in \d{{4}}(–\d{{4}})?)?$"))


def results(page: Page) -> list[tuple[str, str]]:
    """Every result as (decoded URL, headline), after asking for more results until there are none."""
    more = page.locator(".na-search__more")
    while True:
        expect(more).not_to_have_attribute("aria-disabled", "true")  # the last press answered
        if not more.is_visible():
            break
        shown = page.locator(".md-search-result__item").count()
        more.click()
        expect(page.locator(".md-search-result__item")).not_to_have_count(shown)
    return [
        (href(link), link.locator("h1").inner_text())
        for link in page.locator(".md-search-result__link").all()
    ]


def href(link: Locator) -> str:
    """Where a link goes, absolute and decoded (the anchors of Chinese headlines are Chinese)."""
    return unquote(link.evaluate("a => a.href"))


def absolute(base: str, url: str) -> str:
    return unquote(base + url)


# What is indexed ---------------------------------------------------------------------------------

@pytest.fixture
def small_archive(content) -> Archive:
    content("roundups/2024/2024-03-12.md", roundup_text(body=(
        "## A sedan goes on sale\n\nTags: xiaomi, ev\n\n"
        "The company's first car goes on sale on **March 28**, see [the launch](https://example.com/su7).\n\n"
        "- Price: secret\n- Range: 700 km\n"
    )))
    content("roundups/2024/2024-05-07.md", roundup_text(date="2024-05-07", body=(
        "## Video start-up raises money\n\nTags: shengshu, ai\n\nA Beijing start-up raised money.\n"
    )))
    return load(Settings.read(content.root)).archive


def test_a_roundup_s_document_holds_its_stories_and_what_each_is_tagged_with(small_archive):
    page = next(r for r in _records(small_archive) if r.url == "/2024/03/12/")
    assert isinstance(page, SearchPage)
    document = read(page)
    assert document.meta == {"title": "A sedan goes on sale", "date": "12 March 2024",
                             "tags": "Xiaomi Corp. Xiaomi 小米集团 小米 Electric vehicles 电动汽车"}
    assert document.filters == {"topic": ["Electric vehicles"], "company": ["Xiaomi"], "year": ["2024"]}
    assert document.sort == {"date": "2024-03-12"}
    (story,) = document.stories
    assert (story.anchor, story.title) == ("a-sedan-goes-on-sale", "A sedan goes on sale")
    assert story.marks == ["company:Xiaomi|topic:Electric%20vehicles"]  # an id has no spaces
    # The story's text as a reader sees it, then the names of what it is tagged with.
    assert story.paragraphs == ["The company's first car goes on sale on March 28, see the launch. Price: secret Range: 700 km",
                                "Xiaomi Corp. Xiaomi 小米集团 小米 Electric vehicles 电动汽车"]


def test_a_roundup_s_document_keeps_markup_a_story_types_as_text_and_marks_what_a_machine_wrote(content):
    machine = "ai_generated: true\nreviewed_by: li-na\nreviewed: 2024-03-12\nsource:\n  name: Ex\n  url: https://example.com/a\n"
    content("roundups/people.yml", "li-na:\n  name: Li Na\n  role: Editor\n  editor: true\n")
    content("roundups/2024/2024-03-12.md", roundup_text(extra=machine, body=(
        '## <b>"Bold" & co</b>, 小米 \'quoted\'\n\nTags: xiaomi, ev\n\nSee <img src=x onerror="alert(1)"> here.\n'
        "## Second story\n\nTags: ev\n\nPlain.\n"
    )))
    archive = load(Settings.read(content.root)).archive
    (page,) = [r for r in _records(archive) if isinstance(r, SearchPage)]
    first, second = read(page).stories
    assert first.title == '<b>"Bold" & co</b>, 小米 \'quoted\''
    assert first.paragraphs[0] == 'See <img src=x onerror="alert(1)"> here.'
    assert first.marks == ["company:Xiaomi|topic:Electric%20vehicles|ai"] and second.marks == ["topic:Electric%20vehicles|ai"]
    assert read(page).meta["title"] == '<b>"Bold" & co</b>, 小米 \'quoted\' · Second story'


def _records(archive: Archive) -> list[SearchRecord | SearchPage]:
    return [record for bundle in search_bundles(archive) for record in bundle.records]


def test_companies_and_topics_come_first_then_each_year_of_stories_newest_first(small_archive):
    bundles = search_bundles(small_archive)
    assert [bundle.name for bundle in bundles] == ["", "2024"]
    assert [r.url for r in _records(small_archive)] == [  # BYD, tagged by no story, has no page to find
        "/companies/xiaomi/", "/companies/shengshu/", "/topics/ev/", "/topics/ai/",
        "/2024/", "/2024/05/07/", "/2024/03/12/",  # a year's page, then its roundups
    ]
    assert json.loads(bundle_list(bundles)) == {"years": [["2024", 3]]}  # the sizes the browser weighs the years by
    assert [len(bundle.records) for bundle in bundles] == [len(list(bundle.records)) for bundle in bundles]
    year = bundles[1].records[0]  # dated before every story of its year
    assert year.meta == {"title": "Roundups of 2024", "kind": "Year"} and year.sort == {"date": "2024-00-00"}
    assert year.content == "The archive of 2024, month by month: 2 roundups, 2 stories."
    records = bundles[0].records
    xiaomi = records[0]
    assert xiaomi.meta == {"title": "Xiaomi (小米集团)", "kind": "Company", "names": "Xiaomi Corp. Xiaomi 小米集团 小米"}
    assert records[2].meta["kind"] == "Topic"  # Electric vehicles
    assert "kind" not in read(_records(small_archive)[-1]).meta  # a roundup: its date says what it is
    assert xiaomi.filters == {"company": ["Xiaomi"]} and xiaomi.sort == {}
    assert xiaomi.content == ("Company: Xiaomi Corp. (小米集团). Smartphone and electronics maker that entered the EV "
                              "market in 2024. Also known as Xiaomi, 小米. Listed as 1810.HK. Based in Beijing. "
                              "1 story in the archive.")


def test_the_newest_year_is_a_bundle_of_its_own_and_the_older_ones_go_two_by_two(content):
    for day in ("2025-02-01", "2023-05-01", "2022-05-01", "2021-05-01"):
        content(f"roundups/{day[:4]}/{day}.md", roundup_text(date=day))
    bundles = search_bundles(load(Settings.read(content.root)).archive)
    assert [bundle.name for bundle in bundles] == ["", "2025", "2022-2023", "2020-2021"]
    assert [record.url for record in bundles[2].records] == ["/2023/", "/2023/05/01/", "/2022/", "/2022/05/01/"]
    assert json.loads(bundle_list(bundles)) == {"years": [["2025", 2], ["2022-2023", 4], ["2020-2021", 2]],
                                                "older": "older-headlines/"}


def test_the_older_years_headline_words_without_a_latin_letter_are_listed_by_first_character(content):
    """Every word without a Latin letter or digit Pagefind could hold: a run between spaces without
    punctuation or signs, and its parts, cut at signs, letters turning to digits, lower case to
    upper; in lower case, without diacritics; in a file for each first character, by bundle."""
    content("roundups/2025/2025-02-01.md", roundup_text(date="2025-02-01", body="## 新闻 of the day\n\nTags: byd, ev\n\nNew.\n"))
    content("roundups/2023/2023-05-01.md", roundup_text(date="2023-05-01", body=(
        "## 小米·华为 show a car\n\nTags: xiaomi, ev\n\nA car.\n\n"
        "## U.S.-China 芯片法案 and 小米SU7, at Café №5\n\nTags: xiaomi, ev\n\nAnother car.\n\n"
        "## «ЛукОйл» buys 蔚来ES8，\n\nTags: xiaomi, ev\n\nA third car.\n")))
    content("roundups/2021/2021-05-01.md", roundup_text(date="2021-05-01", body="## A plain headline\n\nTags: xiaomi, ev\n\nText.\n"))
    files = older_headline_words(search_bundles(load(Settings.read(content.root)).archive))
    assert {name: json.loads(text) for name, text in files.items()} == {  # none of the newest year's 新闻
        "43b.json": {"2022-2023": ["лук", "лукоил"]}, "43e.json": {"2022-2023": ["оил"]},
        "2116.json": {"2022-2023": ["№"]}, "534e.json": {"2022-2023": ["华为"]},
        "5c0f.json": {"2022-2023": ["小米", "小米华为"]}, "82af.json": {"2022-2023": ["芯片法案"]},
        "851a.json": {"2022-2023": ["蔚来"]},
    }


@pytest.mark.parametrize("markdown, text", [
    ("See [the filing](https://example.com/a_b) and ![a chart](chart.png).", "See the filing and a chart."),
    ("*Very* __big__ `code` and snake_case_name stay", "Very big code and snake_case_name stay"),
    ("### A subhead\n\n> A quote\n\n1. one\n2. two", "A subhead A quote one two"),
    ("Raw <b>HTML</b> stays text, as the page shows it", "Raw <b>HTML</b> stays text, as the page shows it"),
    (r"An escaped \*star\*", "An escaped *star*"),
])
def test_plain_text_keeps_what_a_reader_reads(markdown, text):
    assert plain_text(markdown) == text


# What ships --------------------------------------------------------------------------------------

def test_a_rebuilt_bundle_replaces_the_old_one(tmp_path):
    bundle = tmp_path / urls.SEARCH
    SearchIndex([SearchBundle("", [SearchRecord("/old/", "An old story", {"title": "Old"})])]).write(tmp_path)
    SearchIndex([SearchBundle("", [SearchRecord("/new/", "A new story", {"title": "New"})])]).write(tmp_path)
    fragments = [gzip.decompress(path.read_bytes()) for path in (bundle / "fragment").iterdir()]
    assert len(fragments) == 1 and b'"url":"/new/"' in fragments[0]
    assert len(list(bundle.glob("*.pf_meta"))) == 1


def test_bundles_after_the_first_carry_only_their_index(tmp_path):
    first, year = tmp_path / urls.SEARCH, tmp_path / urls.SEARCH / "2024"
    SearchIndex([SearchBundle("", [SearchRecord("/a/", "A company", {"title": "A"})]),
                 SearchBundle("2024", [SearchRecord("/b/", "A story", {"title": "B"})])]).write(tmp_path)
    assert {"pagefind.js", "wasm.en.pagefind"} <= {p.name for p in first.iterdir()}
    assert sorted(p.name for p in year.iterdir() if not p.name.endswith(".pf_meta")) == [
        "fragment", "index", "pagefind-entry.json"]
    assert not list(tmp_path.rglob("pagefind-ui*"))
    assert not list(tmp_path.rglob("pagefind-worker*"))  # search.js searches in the page


def test_a_year_s_records_are_let_go_once_pagefind_has_them(archive, tmp_path):
    """Each year's records, every story's text with them, are made for Pagefind and not kept to the
    end of the build (with a cache of every story's text, 165 MiB of its peak memory at twenty years)."""
    def records() -> int:
        gc.collect()
        return sum(isinstance(thing, (SearchRecord, SearchPage)) for thing in gc.get_objects())

    before = records()
    bundles = search_bundles(archive)
    index = SearchIndex(bundles)
    index.write(tmp_path)
    assert len(bundles) > 1 and index.records > len(bundles[0].records) + len(bundles) - 1
    assert records() - before == len(bundles[0].records)  # the companies' and topics', made at once
    assert len(bundles[1].records[1:]) == len(bundles[1].records) - 1  # read by place, a year's are all there


def test_a_stopped_index_writes_nothing(tmp_path):
    records = [SearchRecord(f"/s{n}/", f"Story number {n} about batteries", {"title": f"S{n}"}) for n in range(3000)]
    index = SearchIndex([SearchBundle("", records), SearchBundle("2024", records)])
    index.cancel()
    with pytest.raises(SearchIndexError, match="stopped"):
        index.write(tmp_path)
    assert not (tmp_path / urls.SEARCH).exists()


def test_a_preview_index_stopped_before_it_is_written_names_what_the_next_must_index_again(tmp_path):
    records = [SearchRecord(f"/s{n}/", f"Story number {n} about batteries", {"title": f"S{n}"}) for n in range(3000)]
    bundles = [SearchBundle("", records[:1]), SearchBundle("2023", records), SearchBundle("2024", records)]
    assert SearchIndex(bundles, only={"", "2024"}).cancel() == {"", "2024"}
    assert SearchIndex(bundles).cancel() is None  # all of them
    written, reports, done = SearchIndex(bundles, only={"2024"}), [], threading.Event()
    written.write_later(tmp_path, lambda error: (reports.append(error), done.set()))
    assert done.wait(120) and reports == [None]
    assert (tmp_path / urls.SEARCH / "2024/pagefind-entry.json").is_file()
    assert written.cancel() == set()


def test_a_preview_rebuild_does_not_wait_for_the_bundle_being_written_and_writes_after_it(tmp_path, monkeypatch):
    """A save while the last save's search bundle is being written: the rebuild stops that index
    at once (its pages are not held up), names its bundles to index again, and the new index
    writes into the same folders only once the stopped one's bundle is whole."""
    records = [SearchRecord(f"/s{n}/", f"Story number {n} about batteries", {"title": f"S{n}"}) for n in range(50)]
    bundles = [SearchBundle("", records[:1]), SearchBundle("2024", records)]
    writing, release, order = threading.Event(), threading.Event(), []
    real_write = _write

    def held_write(files, folder, keep_engine):
        order.append(("start", threading.current_thread().ident))
        if len(order) == 1:  # the first index's first bundle: held until the test lets it go
            writing.set()
            release.wait(60)
        real_write(files, folder, keep_engine)
        order.append(("end", threading.current_thread().ident))

    monkeypatch.setattr("search_index._write", held_write)
    last, reports = SearchIndex(bundles, only={"2024"}), []
    last.write_later(tmp_path, reports.append)
    assert writing.wait(120)
    stopped: list[set[str] | None] = []
    stopping = threading.Thread(target=lambda: stopped.append(last.stop()))
    stopping.start()
    stopping.join(60)
    assert stopped == [{"2024"}], "stopped while its bundle is held, which is indexed again by the next"
    done = threading.Event()
    following = SearchIndex(bundles, only={"2024"}, after=[last])
    following.write_later(tmp_path, lambda error: (reports.append(error), done.set()))
    following._writer.join(1)
    assert following._writer.is_alive() and [step for step, _ in order] == ["start"], \
        "the next index waits for the bundle being written"
    release.set()
    assert done.wait(120) and reports == [None], "the stopped index reports nothing; the next one is written"
    assert [step for step, _ in order] == ["start", "end", "start", "end"]
    assert (tmp_path / urls.SEARCH / "2024/pagefind-entry.json").is_file()


def test_answers_of_any_size_are_read_whole_and_in_order():
    """A bundle's files come back as one answer of megabytes, spread over many reads."""
    answers = [{"message_id": 1, "payload": {"type": "IndexedFile"}},
               {"message_id": 2, "payload": {"files": [{"path": "f", "content": "x" * 3_000_000}]}},
               {"message_id": 3, "payload": {}}]
    stream = io.BufferedReader(io.BytesIO(b"".join(base64.b64encode(json.dumps(a).encode()) + b"," for a in answers)))
    assert list(_Service._read(stream)) == [(a["message_id"], a["payload"]) for a in answers]


@pytest.mark.parametrize("name", ["../escaped.pf_fragment", "/tmp/escaped.pf_fragment", "fragment/../../x"])
def test_a_file_pagefind_names_outside_its_bundle_is_refused(tmp_path, name):
    with pytest.raises(SearchIndexError, match="outside its bundle"):
        _write({name: b"x"}, tmp_path / "pagefind", keep_engine=True)
    assert not list(tmp_path.rglob("*escaped*")) and not (tmp_path / "x").exists()


def test_a_record_pagefind_refuses_is_reported(tmp_path):
    index = SearchIndex([SearchBundle("", [SearchRecord("/a/", "A story", {"title": "A"}, sort={"date": ["not", "text"]})])])
    with pytest.raises(SearchIndexError, match="Pagefind refused"):
        index.write(tmp_path)
    assert not (tmp_path / urls.SEARCH).exists()


def test_build_ships_a_pagefind_bundle_and_no_lunr_index(sample_build, archive):
    site, log = sample_build
    assert list(site.rglob("search_index.json")) == []
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()
    years = {roundup.date.year for roundup in archive.roundups}
    assert len(years) == 1  # else the older years' words are a bundle of their own, and records too
    records = len(archive.in_the_archive(archive.registry.entities())) + len(archive.roundups) + len(years)
    assert json.loads((site / "pagefind" / "bundles.json").read_text()) == {"years": [
        [str(year), sum(r.date.year == year for r in archive.roundups) + 1] for year in sorted(years, reverse=True)]}
    assert re.search(rf"INFO\s+-\s+Search index: {records} records \(2 bundles\) in \d+\.\d\d s, \d+\.\d\d s of it after the pages", log)


# What a reader finds -----------------------------------------------------------------------------

@pytest.mark.parametrize("query, slug", [
    ("小米", "xiaomi"), ("Xiaomi", "xiaomi"), ("xiaomi", "xiaomi"), ("Xiaomi Corp", "xiaomi"),
    ("生数", "shengshu"), ("Shengshu", "shengshu"),
])
def test_query_finds_every_story_tagged_with_the_company_and_lands_on_the_story(page, base, archive, query, slug):
    tagged = archive.stories_of(slug)
    assert tagged, f"the sample has no story tagged {slug}"
    search(page, query)
    found = dict(results(page))
    for ref in tagged:
        assert absolute(base, urls.story_url(ref.roundup, ref.story)) in found, ref.story.title

    # Prefer a story that does not spell the query: found only through its tags' names.
    ref = next((r for r in tagged if query.casefold() not in (r.story.title + r.story.body).casefold()), tagged[0])
    heading = page.get_by_role("heading", name=re.compile("^" + re.escape(ref.story.title) + "( AI-generated)?$"))
    page.locator(".md-search-result__link").filter(has=heading).click()
    expect(page).to_have_url(re.compile(re.escape(urls.roundup_url(ref.roundup)) + "#"))
    assert unquote(page.url) == absolute(base, urls.story_url(ref.roundup, ref.story))
    expect(page.locator(f'[id="{ref.story.anchor}"]')).to_be_in_viewport()


def test_results_show_headline_date_and_highlighted_excerpt(page, archive):
    search(page, "Shengshu")
    ref = next(r for r in archive.stories_of("shengshu") if "Shengshu" in r.story.body)
    item = page.locator(".md-search-result__item").filter(has=page.get_by_role("heading", name=ref.story.title))
    expect(item.locator(".na-search__date")).to_have_text(f"{ref.roundup.date.day} {ref.roundup.date:%B %Y}")
    expect(item.locator("p mark").first).to_have_text(re.compile("Shengshu", re.I))
    # A story that starts with the name and goes on well past the excerpt: cut at the end only.
    cut = next(r for r in archive.stories_of("shengshu")
               if r.story.body.startswith("Shengshu") and len(r.story.body.split()) > 60)
    item = page.locator(".md-search-result__item").filter(has=page.get_by_role("heading", name=cut.story.title))
    expect(item.locator("p").last).to_have_text(re.compile(r"^Shengshu[^…]+ …$"))


def test_topic_filter_narrows_the_results_to_that_topic(page, base, archive):
    search(page, "Xiaomi")
    before = dict(results(page))
    counts: dict[str, int] = {}
    for ref in archive.stories_of("xiaomi"):
        for slug in ref.story.topics:
            counts[slug] = counts.get(slug, 0) + 1
    slug = next(s for s, n in sorted(counts.items(), key=lambda item: -item[1]) if n < len(before))
    topic = archive.registry.get(slug)

    page.get_by_role("button", name="Filters").click()
    chip = page.locator(".na-search__chip", has_text=re.compile(rf"^{re.escape(topic.display)} \d+$"))
    count = int(chip.locator(".na-search__count").inner_text())
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".md-search-result__meta")).to_have_text(f"{count} page{'s' * (count != 1)} found for “Xiaomi”")
    after = dict(results(page))
    # The chip counts the roundups (and the topic's page); the results are their stories on the
    # topic that the search found, and only those.
    on_topic = {absolute(base, urls.story_url(r.roundup, r.story)) for r in archive.stories_of(slug)}
    expected = {absolute(base, urls.story_url(r.roundup, r.story)) for r in archive.stories_of("xiaomi") if slug in r.story.topics}
    assert expected and set(after) - {absolute(base, urls.entity_url(topic))} == expected
    assert len(after) < len(before) and expected <= on_topic


@pytest.mark.parametrize("phrase", ["In this roundup", "Asia Tech Roundup Archive"])
def test_text_only_the_page_around_the_stories_carries_finds_nothing(page, archive, phrase):
    """The contents box of every roundup page and the site's name in every header are not indexed.

    Searched as an exact phrase (in quotes), which Pagefind matches word for word.
    """
    texts = [r.story.title + " " + plain_text(r.story.body) for refs in archive.by_topic.values() for r in refs]
    assert not any(phrase.casefold() in text.casefold() for text in texts), f"a story says {phrase!r}"
    search(page, f'"{phrase}"')
    expect(page.locator(".md-search-result__meta")).to_have_text(f"No results for “\"{phrase}\"”")


@pytest.mark.parametrize("query, slug", [("比亚迪", "byd"), ("Shengshu Technology", "shengshu"), ("电动汽车", "ev")])
def test_company_and_topic_pages_are_found_by_name(page, base, archive, query, slug):
    entity = archive.registry.get(slug)
    search(page, query)
    first = page.locator(".md-search-result__link").first
    assert href(first) == absolute(base, urls.entity_url(entity))
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(entity.name)


def test_a_search_runs_in_the_page_and_fetches_no_worker(page):
    """Pagefind's Web Worker is 41 KB of script more on every reader's first search."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, "Xiaomi")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert any(url.endswith("/pagefind/pagefind.js") for url in fetched)
    assert not [url for url in fetched if "worker" in url]


def test_slash_opens_the_search_and_enter_follows_the_first_result(page, base):
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("Shengshu")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("found for “Shengshu”"))
    first = href(page.locator(".md-search-result__link").first)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(first.split("#")[0])))
    assert unquote(page.url) == first


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_take_the_colours_of_the_scheme(browser, base, scheme):
    opened = visit(browser, base + "2024/03/12/", scheme=scheme)
    search(opened.page, "BYD")
    colours = opened.page.evaluate("""() => {
        const style = (selector) => getComputedStyle(document.querySelector(selector));
        return [style('.md-search__scrollwrap').backgroundColor, style('body').backgroundColor,
                style('.md-search-result__article h1').color, style('.md-content h1').color];
    }""")
    opened.close()
    results_background, page_background, headline, page_headline = colours
    assert results_background == page_background
    assert headline == page_headline


# A small site of our own: ties, escaping --------------------------------------------------------

@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same story on four days over three years, a newer mention in a story's text, and raw
    HTML in a story's text."""
    tmp = tmp_path_factory.mktemp("own")
    project = site_project(tmp, roundups=_own_roundups(tmp / "roundups"))
    result = mkdocs_build(project, tmp / "site", "--strict")
    assert result.returncode == 0, result.stderr
    server, url = _serve(tmp / "site", tmp_path_factory.mktemp("own-served"))
    yield url
    server.shutdown()
    server.server_close()


def _own_roundups(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("companies.yml", "topics.yml"):
        (folder / name).write_text((ROOT / "roundups" / name).read_text(encoding="utf-8"), encoding="utf-8")
    story = "## Xiaomi opens a showroom\n\nTags: xiaomi, ev\n\nXiaomi opened a showroom in Beijing.\n"
    mention = "## BYD cuts prices\n\nTags: byd, ev\n\nBYD cut prices; rivals were opening showrooms.\n"
    robots = "## Walker robots join a car plant\n\nTags: ubtech, robotics\n\nHumanoids began trial work on a line.\n"
    days = {"2024-03-12": story, "2025-01-06": story, "2023-11-20": story, "2024-05-07": story, "2025-02-03": mention,
            "2023-06-01": robots,
            "2024-02-01": ("## A markup test\n\nTags: xiaomi, ev\n\n"
                           'An author typed <img src=x onerror="window.pwned=1"> and <b>bold</b> into the quirkword text.\n')}
    for day, body in days.items():
        (folder / day[:4]).mkdir(exist_ok=True)
        (folder / day[:4] / f"{day}.md").write_text(roundup_text(date=day, body=body), encoding="utf-8")
    return folder


def test_headline_matches_come_before_text_matches_and_each_newest_first_across_years(browser, own_site):
    opened = visit(browser, own_site)
    search(opened.page, "showroom")
    found = [url for url, _ in results(opened.page)]
    opened.close()
    assert [url.split(f"/{SUB_PATH}")[1].split("#")[0] for url in found] == [
        "2025/01/06/", "2024/05/07/", "2024/03/12/", "2023/11/20/",  # in their headline
        "2025/02/03/",  # in the text of a story
        "companies/ubtech/",  # in the description of a company
    ]


def test_a_whole_query_fetches_of_each_bundle_its_entry_its_meta_and_the_chunk_of_its_word(browser, own_site):
    """What a query costs grows with the years only by these three files a bundle of two years (and
    the fragments of the results shown): the filters load only when the reader opens them."""
    opened = visit(browser, own_site)
    fetched: list[str] = []
    opened.page.on("request", lambda request: fetched.append(unquote(request.url.split("?")[0])))
    search(opened.page, "showroom", pasted=True)
    opened.page.wait_for_load_state("networkidle")
    opened.close()
    index = f"/{SUB_PATH}{urls.SEARCH}"
    by_bundle: dict[str, list[str]] = {}
    for url in fetched:
        if (found := re.search(re.escape(index) + r"([\d-]+)/(.+)$", url)) and not found[2].startswith("fragment/"):
            by_bundle.setdefault(found[1], []).append(re.sub(r"_[0-9a-f]+\.", "_*.", found[2]))
    each_bundle = ["pagefind-entry.json", "pagefind.en_*.pf_meta", "index/en_*.pf_index"]
    # The newest year alone, then the older years two by two (an even year and the odd one after).
    assert sorted(by_bundle, reverse=True) == ["2025", "2024", "2022-2023"]
    assert all(files == each_bundle for files in by_bundle.values()), by_bundle


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A word in a headline of thirty roundups of the newest year and of three older ones."""
    yield from _days_site(tmp_path_factory, "busy", {
        day: f"## Xiaomi shows the zephyrword of {day}\n\nTags: xiaomi, ev\n\nA launch in Beijing.\n" for day in BUSY_DAYS})


def _days_site(factory: pytest.TempPathFactory, name: str, bodies: dict[str, str]) -> Iterator[str]:
    """The address of a site of the sample's companies and topics and a roundup on each day of
    ``bodies`` with its stories, built and served."""
    tmp = factory.mktemp(name)
    folder = tmp / "roundups"
    folder.mkdir()
    for registry in ("companies.yml", "topics.yml"):
        (folder / registry).write_text((ROOT / "roundups" / registry).read_text(encoding="utf-8"), encoding="utf-8")
    for day, body in bodies.items():
        (folder / day[:4]).mkdir(exist_ok=True)
        (folder / day[:4] / f"{day}.md").write_text(roundup_text(date=day, body=body), encoding="utf-8")
    result = mkdocs_build(site_project(tmp, roundups=folder), tmp / "site", "--strict")
    assert result.returncode == 0, result.stderr
    server, url = _serve(tmp / "site", factory.mktemp(f"{name}-served"))
    yield url
    server.shutdown()
    server.server_close()


BUSY_DAYS = [f"2025-01-{day:02d}" for day in range(30, 0, -1)] + ["2024-06-01", "2023-06-01", "2022-06-01"]
"""Newest first."""


def test_results_the_newest_year_settles_leave_the_older_years_until_the_reader_asks_for_more(browser, busy_site):
    """Ten headline matches in the newest year: no older one could come before them, so the query
    fetches nothing of the older years and says which year it searched; "More results" merges them
    in, and the results go on, newest first, after the same first ten."""
    opened = visit(browser, busy_site)
    fetched: list[str] = []
    opened.page.on("request", lambda request: fetched.append(request.url))
    search(opened.page, "zephyrword", pasted=True)
    opened.page.wait_for_load_state("networkidle")
    status = opened.page.locator(".md-search-result__meta")
    expect(status).to_have_text("30 pages found for “zephyrword” in 2025")
    older = re.compile(rf"/{SUB_PATH}{urls.SEARCH}(2024|2022-2023)/")
    assert not [url for url in fetched if older.search(url)]
    first = [url for url, _ in zip(_shown(opened.page), range(10), strict=False)]
    assert len(first) == 10
    found = [url.split(f"/{SUB_PATH}")[1].split("#")[0] for url, _ in results(opened.page)]
    expect(status).to_have_text("33 pages found for “zephyrword”")
    assert [url for url in fetched if older.search(url)], "the older years are searched once asked"
    assert found == [f"{day[:4]}/{day[5:7]}/{day[8:]}/" for day in BUSY_DAYS]
    assert _shown(opened.page)[:10] == first
    opened.close()


def test_more_results_pressed_twice_at_once_shows_each_result_once(browser, busy_site):
    """Pressed again before the first press's results are in, "More results" does nothing more:
    while the older years merge in, and once they are."""
    opened = visit(browser, busy_site)
    search(opened.page, "zephyrword")
    more = opened.page.locator(".na-search__more")
    items = opened.page.locator(".md-search-result__item")
    for shown in (20, 30):
        more.dblclick()
        expect(opened.page.locator(".md-search-result__meta")).to_have_text("33 pages found for “zephyrword”")
        opened.page.wait_for_load_state("networkidle")
        expect(items).to_have_count(shown)
    links = _shown(opened.page)
    assert len(set(links)) == len(links) == 30
    opened.close()


def test_an_older_year_that_fails_to_load_says_to_reload_the_page(browser, busy_site):
    """Pagefind fails every search once a bundle has failed to load: the reader is told to load
    the page again, and no result of an earlier query stays under a newer one."""
    opened = visit(browser, busy_site)
    errors: list[str] = []
    opened.page.on("pageerror", lambda error: errors.append(str(error)))
    opened.page.route(re.compile(rf"/{SUB_PATH}{urls.SEARCH}2024/"), lambda route: route.abort())
    search(opened.page, "zephyrword")
    more = opened.page.locator(".na-search__more")
    more.focus()
    opened.page.keyboard.press("Enter")
    status = opened.page.locator(".md-search-result__meta")
    expect(status).to_have_text("Search is not available right now: reload the page to try again")
    expect(more).to_have_text("Search is not available right now: reload the page to try again")  # where it was asked
    expect(more).to_have_attribute("aria-disabled", "true")
    opened.page.locator(".md-search__input").press_sequentially(" showroom", delay=30)
    opened.page.wait_for_timeout(500)
    expect(status).to_have_text("Search is not available right now: reload the page to try again")
    expect(opened.page.locator(".md-search-result__item")).to_have_count(0)
    expect(more).to_be_hidden()
    opened.page.locator(".na-search__filter-button").click()
    expect(opened.page.locator(".na-search__filters")).to_have_text("Filters are not available right now")
    assert errors == []
    opened.close()


def _shown(page: Page) -> list[str]:
    return [href(link) for link in page.locator(".md-search-result__link").all()]


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Xiaomi's electric cars, tagged ``xiaomi`` and ``ev``, in twelve roundups of the newest year
    and one of each older year; only 2022's headline names Xiaomi in Chinese, and only 2021's in
    English; 2023's has a word that starts with its name."""
    headlines = {"2023": "A xiaomiwagon is shown", "2022": "小米 shows a car", "2021": "Xiaomi shows a car"}
    yield from _days_site(tmp_path_factory, "tagged", {
        day: f"## {headlines.get(day[:4], 'A phone maker shows a car')} on {day}\n\nTags: xiaomi, ev\n\nA launch in Beijing.\n"
        for day in TAGGED_DAYS})


TAGGED_DAYS = [f"2025-01-{day:02d}" for day in range(12, 0, -1)] + ["2024-06-01", "2023-06-01", "2022-06-01",
                                                                      "2021-06-01", "2020-06-01"]
"""Newest first."""


def _day_url(day: str) -> str:
    return f"{day[:4]}/{day[5:7]}/{day[8:]}/"


@pytest.mark.parametrize("query, own_page, in_headline, years, merged", [
    # In a headline of 2022: it comes first after the company's page, and the years down to 2022
    # are searched with the newest; 2020-2021 waits.
    ("小米", "companies/xiaomi/", ["2022-06-01"], "2022–2025", {"2025", "2024", "2022-2023"}),
    # In no older headline: the first results are the newest year's, and every older year waits.
    ("电动汽车", "topics/ev/", [], "2025", {"2025"}),
])
def test_first_results_that_end_in_tagged_stories_wait_only_for_the_years_with_the_words_in_a_headline(
        browser, tagged_site, query, own_page, in_headline, years, merged):
    """An older roundup with the words in a headline ranks above the newest year's tagged stories;
    the older years' words tell which years have one, without searching the others."""
    every = [own_page, *map(_day_url, in_headline), *(_day_url(day) for day in TAGGED_DAYS if day not in in_headline)]
    opened = visit(browser, tagged_site)
    fetched: list[str] = []
    opened.page.on("request", lambda request: fetched.append(unquote(request.url)))
    search(opened.page, query, pasted=True)
    status = opened.page.locator(".md-search-result__meta")
    expect(status).to_have_text(re.compile(rf"found for “{query}” in {years}$"))
    opened.page.wait_for_load_state("networkidle")
    assert [url.split(f"/{SUB_PATH}")[1].split("#")[0] for url in _shown(opened.page)] == every[:10]
    searched = {found[1] for url in fetched if (found := re.search(rf"/{SUB_PATH}{urls.SEARCH}([\d-]+)/", url))}
    assert searched == merged
    assert [url for url in fetched if urls.SEARCH_OLDER_WORDS in url] == [
        f"{tagged_site}{urls.SEARCH_OLDER_WORDS}{ord(query[0]):x}.json"]  # one file, whatever the years
    found = [url.split(f"/{SUB_PATH}")[1].split("#")[0] for url, _ in results(opened.page)]
    expect(status).to_have_text(f"{len(every)} pages found for “{query}”")
    assert found == every
    opened.close()


def test_markup_in_a_story_shows_as_text_in_its_excerpt(browser, own_site):
    opened = visit(browser, own_site)
    search(opened.page, "quirkword")
    excerpt = opened.page.locator(".md-search-result__article p").last
    expect(excerpt).to_contain_text('<img src=x onerror="window.pwned=1"> and <b>bold</b>')
    assert opened.page.locator(".md-search-result__list img, .md-search-result__list b").count() == 0
    assert opened.page.evaluate("window.pwned") is None
    opened.close()


def test_a_word_with_latin_letters_found_in_tags_is_searched_in_every_year(browser, tagged_site):
    """Pagefind stems such a word, and matches it where nothing starts with it by the longest word
    it starts with: "xiaomiw" matches 2023's "xiaomiwagon" and, where no word starts with it, 2021's
    "Xiaomi", both in a headline. Which older years could have it in a headline cannot be told from
    their words: every year is searched before the first results are final."""
    opened = visit(browser, tagged_site)
    search(opened.page, "xiaomiw")
    expect(opened.page.locator(".md-search-result__meta")).to_have_text(re.compile(r"found for “xiaomiw”$"))
    first = [url.split(f"/{SUB_PATH}")[1].split("#")[0] for url in _shown(opened.page)]
    assert first == ["companies/xiaomi/", "2023/06/01/", "2021/06/01/", *(f"2025/01/{day:02d}/" for day in range(12, 5, -1))]
    opened.close()


# mkdocs serve ------------------------------------------------------------------------------------

def test_mkdocs_serve_indexes_the_archive_and_the_box_searches_it(browser, preview: Preview):
    with urllib.request.urlopen(preview.url + "pagefind/pagefind-entry.json", timeout=5) as answer:
        assert answer.status == 200
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(preview.url + "companies/", wait_until="load")  # serve's live-reload request never goes idle
        search(page, "Xiaomi")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
    finally:
        context.close()
