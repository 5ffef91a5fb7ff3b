"""The archive's people: people.yml, a roundup's authors, editor and time, the byline and the
"About the author" box, a page and feeds per person, the masthead, and what machines read of them."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from newsarchive import urls
from newsarchive.incremental import Workspace
from newsarchive.render.units import PersonUnit, affected
from newsarchive.settings import Settings
from newsarchive.site import load
from playwright.sync_api import expect

from tests.browser import serious_axe_violations
from tests.conftest import ROOT, roundup_text
from tests.core_build import build
from tests.fixtures.newsroom import Head, check_json_feed, parse

PATH = "roundups/2024/2024-03-12.md"
SITE_URL = "https://owner.github.io/archive/"
PEOPLE = """\
mei-lin:
  name: Mei Lin
  name_zh: 林美
  role: Reporter, Shanghai
  bio: Covers carmakers and their batteries.
  links: [https://mei.example/, https://mastodon.example/@meilin]
zhou-hao:
  name: Zhou Hao
  role: Reporter, Beijing
li-na:
  name: Li Na
  role: Managing editor
  editor: true
"""
BYLINE = "authors: [mei-lin, zhou-hao]\neditor: li-na\n"


def problems(content, extra: str = "", people: str | None = PEOPLE, body: str | None = None) -> list[str]:
    if people is not None:
        content("roundups/people.yml", people)
    content(PATH, roundup_text(extra=extra, **({"body": body} if body else {})))
    return [str(p) for p in load(Settings.read(content.root)).problems]


def settings(root: Path) -> Settings:
    return replace(Settings.read(root), site_url=SITE_URL, time_zone="Asia/Shanghai", contact="desk@example.com")


def outputs(content, roundups: dict[str, str], people: str = PEOPLE) -> dict[str, str]:
    """Every output by URL (a page's head and body) of an archive with ``people`` and ``roundups``."""
    content("roundups/people.yml", people)
    for path, text in roundups.items():
        content(path, text)
    built = build(settings(content.root), {"about.md": "about/"})
    assert [str(p) for p in built.loaded.problems] == []
    return built.texts()


def text_of(html: str) -> str:
    """What a reader reads of some HTML: tags out, entities and no-break spaces as plain text."""
    return re.sub(r"<[^>]+>", "", html).replace("&#x27;", "'").replace("\u00a0", " ")


def one(html: str, pattern: str) -> str:
    [found] = re.findall(pattern, html, re.DOTALL)
    return found


# What an author meets ------------------------------------------------------------------------------

def test_a_roundup_with_authors_an_editor_and_a_time_has_no_problems(content) -> None:
    assert problems(content, BYLINE + 'time: "08:30"\n') == []
    assert problems(content, "authors: mei-lin\n") == [], "one author may be written without brackets"


def test_an_unknown_person_is_an_error_with_a_did_you_mean(content) -> None:
    assert problems(content, "authors: [mei-lin, zhou-ho, Mei Lin]\neditor: li-nah\n") == [
        f"{PATH}:5: error: authors: unknown person 'zhou-ho' — did you mean 'zhou-hao' (Zhou Hao)?",
        f"{PATH}:5: error: authors: unknown person 'Mei Lin' — did you mean 'mei-lin' (Mei Lin, 林美)?",
        f"{PATH}:6: error: editor: unknown person 'li-nah' — did you mean 'li-na' (Li Na)?",
    ]
    assert problems(content, "authors:\n  - nobody-here\n") == [
        f"{PATH}:6: error: authors: unknown person 'nobody-here' — add the person to roundups/people.yml, or fix the "
        "spelling",
    ]


def test_naming_a_person_without_people_yml_says_to_create_it(content) -> None:
    assert problems(content, "authors: mei-lin\n", people=None) == [
        f"{PATH}:5: error: authors: 'mei-lin' names a person, but there is no roundups/people.yml — create "
        "roundups/people.yml with an entry 'mei-lin:' and its 'name:' (see the author guide)",
    ]
    assert problems(content, "", people=None) == [], "an archive without people.yml needs no bylines"


def test_the_editor_must_be_an_editor_and_not_an_author(content) -> None:
    assert problems(content, "authors: mei-lin\neditor: zhou-hao\n") == [
        f"{PATH}:6: error: editor: 'zhou-hao' (Zhou Hao) is not an editor — name an editor (li-na), or add "
        "'editor: true' to 'zhou-hao' in roundups/people.yml",
    ]
    people = PEOPLE.replace("  role: Reporter, Shanghai\n", "  role: Reporter, Shanghai\n  editor: true\n")
    assert problems(content, "authors: [mei-lin, mei-lin]\neditor: mei-lin\n", people) == [
        f"{PATH}:5: warning: authors: 'mei-lin' is listed twice — remove one",
        f"{PATH}:6: warning: editor: 'mei-lin' is also an author of this roundup — name another editor: a roundup is "
        "checked by someone who did not write it",
    ]


@pytest.mark.parametrize(("written", "message"), [
    ("18:30", "time: is read as a number, not a time — write it in quotes as HH:MM, e.g. time: \"08:30\""),
    ('"8.30"', "time: '8.30' is not a time — write it as HH:MM on a 24-hour clock, e.g. \"18:30\""),
    ('"24:10"', "time: '24:10' is not a time — write it as HH:MM on a 24-hour clock, e.g. \"18:30\""),
    ("", "time: is empty — write the time as HH:MM, e.g. \"08:30\" after 'time:'"),
])
def test_a_time_that_is_not_one_is_an_error(content, written: str, message: str) -> None:
    assert problems(content, f"time: {written}\n") == [f"{PATH}:5: error: {message}"]


def test_empty_or_malformed_authors_are_errors(content) -> None:
    assert problems(content, "authors: []\n") == [
        f"{PATH}:5: error: authors: is empty — write authors: [slug, slug], with slugs from people.yml"]
    assert problems(content, "authors: {mei-lin: 1}\n") == [
        f"{PATH}:5: error: authors: must be a list, not a mapping — write authors: [a, b]"]


def test_people_yml_is_checked_like_the_registry(content) -> None:
    content("roundups/people.yml", PEOPLE + (
        "Bad_Slug:\n  name: X\nkim-su:\n  role: Intern\n  editor: yes please\n  links: [www.kim.example, ftp://x]\n"
        "  twitter: '@kim'\n"))
    content(PATH, roundup_text())
    assert [str(p) for p in load(Settings.read(content.root)).problems] == [
        "roundups/people.yml:14: error: Bad_Slug: 'Bad_Slug' is not a valid slug — use lowercase letters, digits and "
        "single hyphens, e.g. 'mei-lin'",
        "roundups/people.yml:16: error: kim-su.name: 'name' is missing — add a 'name:' line",
        "roundups/people.yml:18: error: kim-su.editor: must be true or false, not 'yes please'",
        "roundups/people.yml:19: error: kim-su.links: 'www.kim.example' is not an http(s) URL — write "
        "https://www.kim.example",
        "roundups/people.yml:19: error: kim-su.links: 'ftp://x' is not an http(s) URL — write a full address "
        "starting with https://",
        "roundups/people.yml:20: error: kim-su.twitter: unknown key 'twitter' — allowed keys: name, name_zh, role, "
        "bio, links, editor",
    ]


def test_people_yml_is_not_taken_for_a_roundup(content) -> None:
    assert problems(content) == []


def test_the_guide_explains_every_message_about_people(content) -> None:
    """Every message above is in the author guide's tables, word for word up to its first quote."""
    messages = {
        "unknown person", "names a person, but there is no roundups/people.yml", "is not an editor",
        "is listed twice", "is also an author of this roundup", "is read as a number, not a time", "is not a time",
        "is not an http(s) URL",
    }
    guide = (ROOT / "docs/authoring.md").read_text(encoding="utf-8")
    assert [message for message in messages if message not in guide] == []
    sections = ("## People", "**authors**", "**editor**", "**time**", "`roundups/people.yml`")
    assert [section for section in sections if section not in guide] == []


# What a reader sees --------------------------------------------------------------------------------

@pytest.fixture
def site(content) -> dict[str, str]:
    return outputs(content, {
        PATH: roundup_text(extra=BYLINE + 'time: "08:30"\n'),
        "roundups/2024/2024-03-14.md": roundup_text("2024-03-14", "Later", extra="authors: zhou-hao\neditor: li-na\n"),
        "roundups/2024/2024-03-15.md": roundup_text("2024-03-15", "No byline"),
    })


def test_the_byline_names_the_authors_and_editor_with_the_time_in_the_archive_zone(site) -> None:
    page = site["2024/03/12/"]
    credits = one(page, r'<div class="na-credits">(.*?)</div>')
    assert text_of(credits) == "By Mei Lin and Zhou Hao · Edited by Li Na12 March 2024, 08:30 CST"
    assert re.findall(r'<a class="na-person-link" href="([^"]+)"', credits) == [
        "../../../people/mei-lin/", "../../../people/zhou-hao/", "../../../people/li-na/"]
    assert '<time datetime="2024-03-12T08:30:00+08:00">' in credits
    assert page.index("na-dek") < page.index("na-credits"), "the byline comes under the summary"


def test_without_people_there_is_no_byline_but_the_date_line(site) -> None:
    page = site["2024/03/15/"]
    assert text_of(one(page, r'<div class="na-credits">(.*?)</div>')) == "15 March 2024"
    assert "na-about" not in page


def test_the_foot_of_the_page_says_who_the_authors_are(site) -> None:
    box = one(site["2024/03/12/"], r'<section class="na-about".*?</section>')
    assert text_of(box) == ("About the authorsMei Lin 林美Reporter, ShanghaiCovers carmakers and their batteries."
                            "mei.examplemastodon.example/@meilinZhou HaoReporter, Beijing")
    assert "About the author<" in site["2024/03/14/"]


def test_a_person_page_lists_their_roundups_newest_first_with_feeds(site) -> None:
    page = site["people/li-na/"]
    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', page) == ["Later", "Xiaomi sets a date"]
    assert text_of(one(page, r'<h2 class="na-section-title">(.*?)</h2>')) == "Roundups 2"
    assert page.count("· Edited</p>") == 2, "an editor's roundups say they edited them"
    assert "<h1>Li Na</h1>" in page and '<p class="na-dek">Managing editor</p>' in page
    assert '<a href="feed.xml">Atom</a> · <a href="feed.json">JSON Feed</a>' in page
    assert 'rel="alternate feed" type="application/atom+xml" title="Li Na · News archive (Atom)" href="feed.xml"' \
        in page, "feed readers find its feeds"
    assert "No roundups yet." not in page


def test_a_person_without_roundups_has_a_page_saying_so(content) -> None:
    texts = outputs(content, {PATH: roundup_text(extra="authors: mei-lin\n")})
    assert "No roundups yet." in texts["people/zhou-hao/"]
    assert parse(texts["people/zhou-hao/feed.xml"]).entries == []


def test_a_person_feed_carries_their_roundups_by_them(site) -> None:
    feed = parse(site["people/zhou-hao/feed.xml"])
    assert feed.feed.title == "Zhou Hao · News archive"
    assert (feed.feed.author_detail.name, feed.feed.author_detail.href) == ("Zhou Hao", f"{SITE_URL}people/zhou-hao/")
    assert [entry.link for entry in feed.entries] == [f"{SITE_URL}2024/03/14/", f"{SITE_URL}2024/03/12/"]
    first = feed.entries[1]
    assert [author.name for author in first.authors] == ["Mei Lin", "Zhou Hao"]
    assert first.published == "2024-03-12T08:30:00+08:00" and first.updated == first.published
    document = json.loads(site["people/zhou-hao/feed.json"])
    check_json_feed(document)
    assert document["items"][1]["authors"] == [{"name": "Mei Lin", "url": f"{SITE_URL}people/mei-lin/"},
                                               {"name": "Zhou Hao", "url": f"{SITE_URL}people/zhou-hao/"}]
    assert document["items"][1]["date_published"] == "2024-03-12T08:30:00+08:00"


def test_the_masthead_lists_editors_then_writers_with_the_contact(site) -> None:
    page = site["people/"]
    assert re.findall(r'<h2 id="na-(\w+)"', page) == ["editors", "writers"]
    assert re.findall(r'class="na-person-link" href="([^"]+)"', page) == ["li-na/", "mei-lin/", "zhou-hao/"]
    assert '<a href="mailto:desk@example.com">desk@example.com</a>' in page
    assert 'href="../standards/"' in page and 'href="../corrections/"' in page


def test_without_people_yml_the_masthead_says_so_and_no_person_has_a_page(content) -> None:
    content(PATH, roundup_text())
    texts = build(settings(content.root)).texts()
    assert "The archive does not list its people yet." in texts["people/"]
    assert not [url for url in texts if url.startswith(urls.PEOPLE) and url != urls.PEOPLE]


# What machines read ---------------------------------------------------------------------------------

def test_the_article_names_its_authors_and_editor_as_people_with_their_pages(site) -> None:
    head = Head(site["2024/03/12/"])
    article = head.node("NewsArticle")
    assert article["author"] == [
        {"@type": "Person", "@id": f"{SITE_URL}people/mei-lin/#person", "name": "Mei Lin",
         "url": f"{SITE_URL}people/mei-lin/"},
        {"@type": "Person", "@id": f"{SITE_URL}people/zhou-hao/#person", "name": "Zhou Hao",
         "url": f"{SITE_URL}people/zhou-hao/"},
    ], "named with their pages, where they are in full"
    assert Head(site["people/mei-lin/"]).node("ProfilePage")["mainEntity"] == {
        "@type": "Person", "@id": f"{SITE_URL}people/mei-lin/#person", "name": "Mei Lin",
        "url": f"{SITE_URL}people/mei-lin/", "alternateName": "林美", "jobTitle": "Reporter, Shanghai",
        "sameAs": ["https://mei.example/", "https://mastodon.example/@meilin"],
        "description": "Covers carmakers and their batteries."}
    assert article["editor"]["url"] == f"{SITE_URL}people/li-na/"
    assert article["datePublished"] == article["dateModified"] == "2024-03-12T08:30:00+08:00"
    assert head.meta["article:author"] == [f"{SITE_URL}people/mei-lin/", f"{SITE_URL}people/zhou-hao/"]
    assert head.meta["article:published_time"] == ["2024-03-12T08:30:00+08:00"]
    assert "article:modified_time" not in head.meta, "never corrected: its publication's time, said once"


def test_a_person_page_is_a_profile_page(site) -> None:
    page = Head(site["people/mei-lin/"]).node("ProfilePage")
    assert page["url"] == f"{SITE_URL}people/mei-lin/"
    assert page["mainEntity"]["@type"] == "Person"
    assert page["mainEntity"]["description"] == "Covers carmakers and their batteries."
    crumbs = Head(site["people/mei-lin/"]).node("BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["News archive", "Masthead", "Mei Lin"]


def test_the_publisher_is_a_news_organisation_with_its_standards_and_masthead(site) -> None:
    publisher = Head(site[""]).node("WebSite")["publisher"]
    assert publisher == {
        "@type": "NewsMediaOrganization", "@id": f"{SITE_URL}#publisher", "name": "News archive", "url": SITE_URL,
        "publishingPrinciples": f"{SITE_URL}standards/", "correctionsPolicy": f"{SITE_URL}standards/#corrections",
        "ethicsPolicy": f"{SITE_URL}standards/#independence", "masthead": f"{SITE_URL}people/",
        "actionableFeedbackPolicy": f"{SITE_URL}standards/#report-an-error", "email": "desk@example.com",
    }
    assert Head(site["2024/03/12/"]).node("NewsArticle")["publisher"] == {
        "@type": "NewsMediaOrganization", "@id": f"{SITE_URL}#publisher", "name": "News archive"}, "by its @id"


def test_an_image_credits_its_creator_and_copyright(content) -> None:
    image = ("image:\n  src: https://img.example/a.jpg\n  alt: A car\n  credit: VCG\n  creator: {creator}\n"
             "  copyright: © 2024 VCG\n")
    texts = outputs(content, {
        PATH: roundup_text(extra=image.format(creator="mei-lin")),
        "roundups/2024/2024-03-13.md": roundup_text("2024-03-13", extra=image.format(creator="Visual China Group")),
    })
    staff = Head(texts["2024/03/12/"]).node("NewsArticle")["image"]
    agency = Head(texts["2024/03/13/"]).node("NewsArticle")["image"]
    assert (staff["creator"]["@type"], staff["creator"]["url"]) == ("Person", f"{SITE_URL}people/mei-lin/")
    assert agency["creator"] == {"@type": "Organization", "name": "Visual China Group"}
    assert (agency["creditText"], agency["copyrightNotice"]) == ("VCG", "© 2024 VCG")


# What a change reaches --------------------------------------------------------------------------

def test_a_roundup_reaches_the_pages_of_its_authors_and_editor(content) -> None:
    content("roundups/people.yml", PEOPLE)
    content(PATH, roundup_text(extra=BYLINE))
    archive = load(Settings.read(content.root)).archive
    reached = {unit for unit in affected(archive, archive, [PATH]) if isinstance(unit, PersonUnit)}
    assert reached == {PersonUnit("mei-lin"), PersonUnit("zhou-hao"), PersonUnit("li-na")}


def test_a_preview_shows_a_renamed_person_on_every_page(content) -> None:
    """people.yml is read again when it changes, and every page with its name is rendered again."""
    content("roundups/people.yml", PEOPLE)
    content(PATH, roundup_text(extra=BYLINE))
    workspace, ours = Workspace(preview=True), settings(content.root)

    def rebuild() -> dict[str, str]:
        plan = workspace.plan(workspace.load(ours, show_problems=True))
        pages = {o.address.url: o.page.body for o in workspace.outputs(plan, ours, plan.units, (), True) if o.page}
        workspace.written(plan)
        return pages

    assert "Mei Lin" in rebuild()["2024/03/12/"]
    content("roundups/people.yml", PEOPLE.replace("name: Mei Lin", "name: Lin Mei"))
    renamed = rebuild()
    assert "Lin Mei" in renamed["2024/03/12/"] and "Lin Mei" in renamed["people/"]


# In a browser -----------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [320, 390])
def test_the_byline_reads_whole_on_a_phone(open_page, width: int) -> None:
    page = open_page("2024/03/12/evening/", width=width, height=740).page
    byline = page.locator(".na-byline")
    expect(byline).to_have_text("By Kenji Mori and Chen Yuxuan · Edited by Priya Raman")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    for part in [byline, page.locator(".na-credits .na-dateline"), *page.locator(".na-person-link").all()]:
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (part, box)
    editor = page.locator(".na-byline__editor")
    lines = editor.evaluate("e => new Set([...e.getClientRects()].map(r => r.top)).size")
    assert lines == 1, "'Edited by Priya Raman' breaks across lines"
    assert editor.bounding_box()["x"] == byline.bounding_box()["x"], "on a phone the editor starts a line"
    assert not page.locator(".na-byline__separator").is_visible(), "a line starts or ends with a dot"
    byline.get_by_role("link", name="Kenji Mori").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kenji Mori")


@pytest.mark.parametrize("path", [urls.PEOPLE, "people/chen-yuxuan/", urls.CORRECTIONS_PAGE, "2024/04/04/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_people_and_corrections_pages_have_no_serious_accessibility_faults(open_page, path: str, scheme: str) -> None:
    assert serious_axe_violations(open_page(path, scheme=scheme).page) == []
