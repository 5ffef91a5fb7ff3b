"""Every published story is found by its headline, whatever its text: Pagefind leaves out a record
whose content has no word, so a story of only a picture, an arrow link or a dash was found by
nothing when each story was a record of its own; in its roundup's document its headline is its
first words. Searched in Chromium against the bundles the build makes."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from newsarchive import urls
from newsarchive.render.search import SearchPage, search_bundles
from newsarchive.settings import Settings
from newsarchive.site import load
from playwright.sync_api import Browser
from search_index import SearchIndex

from tests.browser import HOST
from tests.conftest import roundup_text
from tests.search_document import read

WORDLESS = {
    "Pictures from the battery plant": "![](https://images.example.com/plant.jpg)",
    "Read the filing": "[→](https://example.com/filing)",
    "A quiet day for carmakers": "— …",
}
"""Headlines of stories whose text has no word, by that text."""
STORIES = "".join(f"## {headline}\n\nTags: xiaomi, ev\n\n{text}\n\n" for headline, text in WORDLESS.items())
WORDY = "## Xiaomi opens a showroom\n\nTags: xiaomi, ev\n\nXiaomi opened a showroom in Beijing.\n\n"


def _stories(root: Path) -> dict[str, list[str]]:
    """Each story's paragraphs in its roundup's search document, by its headline."""
    archive = load(Settings.read(root)).archive
    return {story.title: story.paragraphs for bundle in search_bundles(archive)[1:]
            for page in bundle.records if isinstance(page, SearchPage) for story in read(page).stories}


def test_a_story_without_a_word_in_its_text_is_in_its_roundup_s_document_under_its_headline(content):
    content("roundups/2024/2024-03-12.md", roundup_text(body=STORIES + WORDY + "## ⚡ → ⚡\n\nTags: xiaomi, ev\n\n→\n"))
    names = "Xiaomi Corp. Xiaomi 小米集团 小米 Electric vehicles 电动汽车"
    assert _stories(content.root) == {
        "Pictures from the battery plant": ["", names], "Read the filing": ["→", names],
        "A quiet day for carmakers": ["— …", names],
        "Xiaomi opens a showroom": ["Xiaomi opened a showroom in Beijing.", names],
        "⚡ → ⚡": ["→", names],  # nor in its headline: found by its tags' names
    }


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def searched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The search bundles of a roundup with those stories, served: their address, and each
    story's URL by its headline."""
    root = tmp_path_factory.mktemp("findable")
    (root / "roundups" / "2024").mkdir(parents=True)
    (root / "docs").mkdir()
    for name, text in (("companies.yml", "xiaomi:\n  name: Xiaomi Corp.\n"), ("topics.yml", "ev:\n  name: EVs\n")):
        (root / "roundups" / name).write_text(text, encoding="utf-8")
    (root / "roundups/2024/2024-03-12.md").write_text(roundup_text(body=WORDY + STORIES), encoding="utf-8")
    site = root / "site"
    archive = load(Settings.read(root)).archive
    SearchIndex(search_bundles(archive)).write(site)
    stories = {story.title: urls.site_path(urls.story_url(roundup, story))
               for roundup in archive.roundups for story in roundup.stories}
    (site / "index.html").write_text("<!doctype html><title>search</title>", encoding="utf-8")
    server = ThreadingHTTPServer((HOST, 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://{HOST}:{server.server_address[1]}/", stories
    server.shutdown()
    server.server_close()


FIND = """async ([query, index, list]) => {
  const pagefind = await import(`/${index}pagefind.js`);
  for (const [name] of (await (await fetch(`/${list}`)).json()).years) await pagefind.mergeIndex(`/${index}${name}/`);
  const answer = await pagefind.search(query);
  const found = await Promise.all(answer.results.map(async (result) =>
    (await result.data()).sub_results.map((hit) => [hit.url, result.matchedMetaFields])));
  return found.flat();
}"""
"""The stories Pagefind finds for a query (its sub-results), from every bundle, with the meta fields
of their roundup that matched."""


@pytest.mark.parametrize("headline", [*WORDLESS, "Xiaomi opens a showroom"])
def test_every_story_is_found_by_its_exact_headline_as_a_headline_match(browser: Browser, searched, headline):
    address, stories = searched
    page = browser.new_page()
    try:
        page.goto(address)
        found = dict(page.evaluate(FIND, [headline, urls.SEARCH, urls.SEARCH_BUNDLES]))
    finally:
        page.close()
    assert stories[headline] in found
    assert "title" in found[stories[headline]]  # search.js ranks its roundup with the headline matches
