"""The front page's first screen, sharing (a picture for every page, a story's link to copy), the
"not found" page's guess and headlines, and the archive's own mark, as a reader meets them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import lxml.html
import pytest
from newsarchive import urls
from newsarchive.archive import Archive, StoryRef
from newsarchive.incremental import Workspace
from newsarchive.render import share_cards, units
from newsarchive.render.not_found import LATEST, suggestions_file
from newsarchive.render.public import PublicSite
from newsarchive.settings import Settings
from newsarchive.site import load
from PIL import Image
from playwright.sync_api import expect

from tests.browser import PAGE_TYPES, SITE_PATH
from tests.conftest import roundup_text
from tests.core_build import build

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
HEADLINES = ".na-lead__title a, .na-lead__stories > li > a:first-child, .na-news > li > a"
"""Every headline the front page links: the lead's, its stories', the rail's."""


@pytest.fixture(scope="module")
def archive() -> Archive:
    return load(Settings.read(ROOT)).archive


def _bottoms(page, selector: str) -> list[float]:
    return page.locator(selector).evaluate_all("links => links.map(a => a.getBoundingClientRect().bottom)")


# The front page ---------------------------------------------------------------------------------

def test_a_desktop_first_screen_shows_six_story_headlines_or_more(open_page) -> None:
    page = open_page(PAGE_TYPES["home"], **DESKTOP).page
    seen = [bottom for bottom in _bottoms(page, HEADLINES) if bottom <= DESKTOP["height"]]
    assert len(seen) >= 6 + 4, f"{len(seen)} headlines on the first screen"
    lead = [bottom for bottom in _bottoms(page, ".na-lead__stories > li > a:first-child")
            if bottom <= DESKTOP["height"]]
    assert len(lead) >= 5, "the lead's picture pushes its stories below the first screen"


def test_a_phones_first_screen_shows_the_lead_and_the_start_of_its_stories(open_page) -> None:
    page = open_page(PAGE_TYPES["home"], **PHONE).page
    assert _bottoms(page, ".na-lead__title a")[0] <= PHONE["height"]
    assert _bottoms(page, ".na-lead__stories > li > a:first-child")[0] <= PHONE["height"]


def test_the_rail_leads_with_the_news_each_name_with_its_latest_story(open_page, archive) -> None:
    page = open_page(PAGE_TYPES["home"], **DESKTOP).page
    sections = page.locator(".na-columns__aside > section")
    headings = [text.strip() for text in sections.locator("h2").all_text_contents()]
    assert headings == ["Companies in the news", "Topics in the news", "Follow"], "the feeds lead the rail"
    lead = archive.roundups[0]
    lead_stories = {urls.story_url(lead, story) for story in lead.stories}
    shown = []
    for entry in page.locator(".na-news > li").all():
        name = entry.locator(".na-news__name a").text_content()
        headline = entry.locator(":scope > a")
        href = headline.get_attribute("href")
        entity = next(e for e in archive.registry.entities() if e.display == name)
        ref = next(r for r in archive.stories_of(entity.slug) if urls.story_url(r.roundup, r.story) == href)
        assert headline.text_content() == ref.story.title
        shown.append(href)
    assert len(shown) == 10 and len(set(shown)) == 10, "a story shown twice"
    assert not lead_stories & set(shown), "the rail repeats a story of the lead"
    assert _bottoms(page, ".na-news > li > a")[0] <= DESKTOP["height"]


# Sharing ----------------------------------------------------------------------------------------

def test_copy_link_puts_the_story_address_on_the_clipboard(open_page, site_url, archive) -> None:
    opened = open_page(PAGE_TYPES["roundup"], width=PHONE["width"], height=PHONE["height"])
    opened.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    story = next(r for r in archive.roundups if urls.roundup_url(r) == PAGE_TYPES["roundup"]).stories[1]
    button = opened.page.locator(".na-story").nth(1).locator(".na-copy")
    expect(button).to_have_text("Copy link")
    assert button.is_visible() and button.bounding_box()["height"] >= 24
    button.click()
    expect(button).to_have_text("Link copied")
    copied = opened.page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{site_url}{PAGE_TYPES['roundup']}#{story.anchor}"
    assert opened.page.url == site_url + PAGE_TYPES["roundup"], "the page moved"


def test_a_story_links_to_itself_from_the_contents_and_with_a_script_from_its_foot(open_page, archive) -> None:
    roundup = next(r for r in archive.roundups if urls.roundup_url(r) == PAGE_TYPES["roundup"])
    anchors = [f"#{story.anchor}" for story in roundup.stories]
    bare = open_page(PAGE_TYPES["roundup"], javascript=False).page
    contents = bare.locator(".na-contents a")
    assert [contents.nth(i).get_attribute("href") for i in range(contents.count())] == anchors
    assert bare.locator(".na-copy").count() == 0, "a control that needs a script, shown without one"
    page = open_page(PAGE_TYPES["roundup"]).page
    links = page.locator(".na-story .na-story__foot > .na-copy:first-child")
    expect(links).to_have_count(len(roundup.stories))
    assert links.all_text_contents() == ["Copy link"] * len(roundup.stories)
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == anchors


@pytest.mark.parametrize("clipboard", [True, False], ids=["copy", "no clipboard"])
def test_on_a_phone_a_storys_link_sits_beside_its_tags_which_flow_under_it(open_page, clipboard) -> None:
    opened = open_page(PAGE_TYPES["roundup"], width=360, height=740)
    if not clipboard:  # an address over plain http, a browser without the clipboard: a plain link
        opened.context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
        opened.page.reload()
    page = opened.page
    links = page.locator(".na-story .na-copy")
    expect(links).to_have_count(page.locator(".na-story").count())
    assert set(links.all_text_contents()) == {"Copy link" if clipboard else "Link to story"}
    under = False
    for story in page.locator(".na-story").all():
        link = story.locator(".na-copy").bounding_box()
        for tag in story.locator(".na-tags a").all():
            box = tag.bounding_box()
            below = box["y"] >= link["y"] + link["height"]
            assert below or box["x"] + box["width"] <= link["x"], "a tag under the story's link"
            under = under or (below and box["x"] + box["width"] > link["x"])
    assert under, "the tags of a long list use the whole width once past the link"


def _heads(site: Path) -> dict[str, dict[str, str]]:
    """The Open Graph and Twitter tags of every page of the built site, by its file."""
    found = {}
    for page in site.rglob("*.html"):
        if "na-shell" in page.parts or page.name not in ("index.html", "404.html"):
            continue
        tree = lxml.html.parse(str(page)).getroot()
        found[page.relative_to(site).as_posix()] = {
            meta.get("property") or meta.get("name"): meta.get("content") for meta in tree.iter("meta")}
    return found


def test_every_page_shares_a_png_or_jpeg_of_the_size_it_states(sample_site: Path) -> None:
    site_url = Settings.read(ROOT).site_url
    seen: dict[str, tuple[int, int]] = {}
    for file, meta in _heads(sample_site).items():
        image = meta.get("og:image")
        assert image, f"{file}: no og:image"
        assert meta["twitter:card"] == "summary_large_image", file
        if not image.startswith(site_url):
            continue  # an image elsewhere (none in the sample)
        if image not in seen:
            with Image.open(sample_site / image.removeprefix(site_url)) as picture:
                picture.load()
                assert picture.format in ("PNG", "JPEG"), image
                seen[image] = picture.size
        assert (meta["og:image:width"], meta["og:image:height"]) == tuple(map(str, seen[image])), file
    cards = {image: size for image, size in seen.items() if f"/{urls.SHARE}" in image}
    assert len(cards) > 50 and set(cards.values()) == {share_cards.SIZE}
    meta = _heads(sample_site)
    assert meta["2024/05/29/index.html"]["og:image"] == f"{site_url}share/2024/05/29.png", "its SVG, drawn"
    assert meta["companies/xiaomi/index.html"]["og:image"] == f"{site_url}share/companies/xiaomi.png"
    assert meta["about/index.html"]["og:image"] == meta["index.html"]["og:image"] == f"{site_url}share/site.png"


def test_a_roundup_shares_its_png_or_jpeg_as_it_is_and_draws_any_other_kind(content) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 30, 30)).save(picture, "WEBP")
    content("docs/images/red.webp", picture.getvalue())
    Image.new("RGB", (640, 480), (30, 30, 200)).save(content.root / "docs/images/blue.jpg")
    image = "image:\n  src: images/{}\n  alt: A colour\n"
    content("roundups/2024/2024-03-12.md", roundup_text("2024-03-12", extra=image.format("red.webp")))
    content("roundups/2024/2024-03-13.md", roundup_text("2024-03-13", extra=image.format("blue.jpg")))
    content("roundups/2024/2024-03-14.md", roundup_text("2024-03-14"))
    built = build(Settings(root=content.root, site_url="https://example.org/"))
    files = {o.address.url: o.content for o in built.outputs}
    drawn = Image.open(io.BytesIO(files["share/2024/03/12.png"]))
    assert (drawn.format, drawn.size) == ("PNG", share_cards.SIZE)
    assert all(abs(a - b) <= 8 for a, b in zip(drawn.convert("RGB").getpixel((600, 315)), (200, 30, 30), strict=True))
    heads = {o.address.url: o.page.head for o in built.outputs if o.page}
    assert 'property="og:image" content="https://example.org/images/blue.jpg"' in heads["2024/03/13/"]
    assert 'property="og:image:width" content="640"' in heads["2024/03/13/"]
    assert "share/2024/03/13.png" not in files, "a JPEG is shared as it is"
    assert 'content="https://example.org/share/topics/ev.png"' in heads["2024/03/14/"], "its lead topic's card"


def test_a_card_is_drawn_without_the_fonts_it_asks_for(monkeypatch) -> None:
    monkeypatch.setattr(share_cards, "_SERIF_BOLD", (Path("/nowhere/serif.ttf"),))
    monkeypatch.setattr(share_cards, "_CHINESE", (Path("/nowhere/chinese.ttc"),))
    for cached in (share_cards._serif, share_cards._chinese):
        cached.cache_clear()
    try:
        entity = load_entity("xiaomi")
        card = Image.open(io.BytesIO(share_cards.entity_card(entity, PublicSite(name="Archive"))))
        assert (card.format, card.size) == ("PNG", share_cards.SIZE)
    finally:
        for cached in (share_cards._serif, share_cards._chinese):
            cached.cache_clear()


def load_entity(slug: str):
    archive = load(Settings.read(ROOT)).archive
    entity = archive.registry.get(slug)
    assert entity is not None
    return entity


def test_a_long_name_wraps_and_chinese_breaks_between_characters() -> None:
    font = share_cards._serif(84)
    lines = share_cards._wrapped("Contemporary Amperex Technology Co. Limited of Ningde", font, 1040, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 1040 for line in lines)
    assert share_cards._wrapped("宁德时代新能源科技股份有限公司" * 3, font, 600, 2)[0].startswith("宁德")


def test_a_preview_draws_again_only_the_cards_a_change_reaches(content, monkeypatch) -> None:
    body = "## Xiaomi and BYD cut prices\n\nTags: xiaomi, byd, ev\n\nBoth cut prices.\n"
    content("roundups/2024/2024-03-12.md", roundup_text("2024-03-12", body=body))
    body = "## BYD opens a plant\n\nTags: byd, ev\n\nThe plant makes cars.\n"
    content("roundups/2024/2024-03-13.md", roundup_text("2024-03-13", body=body))
    settings = Settings(root=content.root, site_url="https://example.org/")
    workspace = Workspace(preview=True)
    drawn: list[str] = []
    entity_card = units.entity_card
    monkeypatch.setattr(units, "entity_card", lambda entity, site: drawn.append(entity.slug) or entity_card(entity, site))

    def rebuilt() -> set[str]:
        rebuild = workspace.plan(workspace.load(settings, show_problems=True))
        written = {o.address.url for o in workspace.outputs(rebuild, settings, rebuild.units, (), True)}
        workspace.written(rebuild)
        return written

    first = rebuilt()
    assert {"share/site.png", "share/companies/xiaomi.png", "share/companies/byd.png", "share/topics/ev.png"} <= first
    assert sorted(drawn) == ["byd", "ev", "xiaomi"]
    drawn.clear()
    body = "## BYD opens a plant\n\nTags: byd, shengshu, ev\n\nThe plant makes cars.\n"
    content("roundups/2024/2024-03-13.md", roundup_text("2024-03-13", title="A new title", body=body))
    assert {url for url in rebuilt() if url.startswith(urls.SHARE)} == {"share/companies/shengshu.png"}
    assert drawn == ["shengshu"], "a card drawn again though nothing it shows changed"


# The "not found" page ---------------------------------------------------------------------------

def _guesses(open_page, path: str) -> list[str]:
    page = open_page(path).page
    guess = page.locator("#na-guess a")
    expect(guess.first).to_be_visible()
    return [href.removeprefix(SITE_PATH) for href in guess.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


@pytest.mark.parametrize(("typed", "meant"), [
    ("2024/05/99/", "2024/05/29/"),  # no 99th: the nearest roundup to the month's end
    ("2024/05/11/", "2024/05/10/"),
    ("2024/03/12/evning/", "2024/03/12/evening/"),
    ("companies/xiaomy/", "companies/xiaomi/"),
    ("topics/evs/", "topics/ev/"),
    ("xioami/", "companies/xiaomi/"),
])
def test_not_found_guesses_the_page_meant_from_the_address(open_page, typed: str, meant: str) -> None:
    assert _guesses(open_page, typed)[0] == meant


def test_not_found_lists_the_latest_headlines_without_a_script(open_page, archive) -> None:
    page = open_page(PAGE_TYPES["notfound"], javascript=False).page
    latest = [StoryRef(r, s) for r in archive.roundups for s in r.stories][:LATEST]
    links = page.locator(".na-notfound .na-stories > li > a")
    assert links.all_text_contents() == [ref.story.title for ref in latest]
    assert links.first.get_attribute("href") == SITE_PATH + urls.story_url(latest[0].roundup, latest[0].story)
    assert page.locator("#na-guess").is_hidden()


def test_the_guess_list_grows_by_a_few_bytes_a_roundup(archive) -> None:
    size = len(suggestions_file(archive).encode())
    entities = len(archive.in_the_archive(archive.registry.entities()))
    assert size < 16 * len(archive.roundups) + 50 * entities + 400, size


# The archive's mark ----------------------------------------------------------------------------

@pytest.mark.parametrize("page_type", ["home", "roundup", "notfound", "about"])
def test_every_page_carries_the_archives_own_icons(open_page, site_url, page_type: str) -> None:
    opened = open_page(PAGE_TYPES[page_type])
    icons = opened.page.locator("link[rel=icon], link[rel=apple-touch-icon]").evaluate_all(
        "links => links.map(l => [l.rel, l.type, l.href])")
    found = {(rel, kind or re.sub(r".*\.", "", href)): href for rel, kind, href in icons}
    assert found.keys() == {("icon", "svg"), ("icon", "image/png"), ("apple-touch-icon", "png")}, found
    assert found[("icon", "svg")].endswith("images/favicon.svg")
    for key, size in ((("icon", "image/png"), (32, 32)), (("apple-touch-icon", "png"), (180, 180))):
        response = opened.page.request.get(found[key])
        assert response.ok, found[key]
        assert Image.open(io.BytesIO(response.body())).size == size
