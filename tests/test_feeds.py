"""Atom and JSON feeds, read back the way feed readers read them."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest

from tests.conftest import roundup_text
from tests.fixtures.newsroom import (
    BODY_WITH_MARKUP,
    CORRECTED,
    SITE_URL,
    ZH_HEADLINE,
    check_json_feed,
    outputs,
    parse,
    write_newsroom,
)

FEED_URIS = ["feed.xml", "companies/xiaomi/feed.xml", "companies/byd/feed.xml", "companies/shengshu/feed.xml",
             "topics/ev/feed.xml", "topics/ai/feed.xml", "corrections/feed.xml", "people/li-na/feed.xml"]
"""The site feed, one per registry entry of conftest's registry, the corrections', and one per person of
the newsroom's people.yml (its editor)."""


@pytest.fixture
def files(content) -> dict[str, str]:
    return outputs(write_newsroom(content))


def test_every_entity_and_the_site_have_an_atom_and_a_json_feed(files):
    feeds = sorted(uri for uri in files if uri.endswith(("feed.xml", "feed.json")))
    assert feeds == sorted([*FEED_URIS, *(uri.replace(".xml", ".json") for uri in FEED_URIS)])
    for uri in FEED_URIS:
        parse(files[uri])
        check_json_feed(json.loads(files[uri.replace(".xml", ".json")]))


def test_site_feed_lists_roundups_newest_first_with_permanent_ids(files):
    feed = parse(files["feed.xml"])
    assert feed.feed.title == "Test Archive"
    assert feed.feed.link == SITE_URL
    assert [e.link for e in feed.entries] == [
        f"{SITE_URL}2024/03/13/", f"{SITE_URL}2024/03/12/evening/", f"{SITE_URL}2024/03/12/", f"{SITE_URL}2024/02/27/"
    ]
    assert [e.id for e in feed.entries][2:] == [
        "tag:owner.github.io,2024-03-12:/archive/2024/03/12/", "tag:owner.github.io,2024-02-27:/archive/2024/02/27/"
    ]
    corrected = feed.entries[2]
    assert corrected.published == "2024-03-12T00:00:00Z"
    assert corrected.updated == f"{CORRECTED}T00:00:00Z"
    assert feed.feed.updated == f"{CORRECTED}T00:00:00Z"


def test_roundup_entry_carries_every_story_the_source_and_corrections(files):
    entry = parse(files["feed.xml"]).entries[2]
    html = entry.content[0].value
    assert "<h2>Xiaomi sets a sales date for the SU7</h2>" in html and "<h2>Shengshu raises money</h2>" in html
    assert "Caixin Global" in html
    assert "An earlier version misnamed the car." in html
    assert entry.summary == "A short summary."
    assert {t.term for t in entry.tags} == {"Xiaomi Corp.", "BYD Co.", "Shengshu Technology", "Electric vehicles",
                                             "Artificial intelligence"}


def test_company_feed_entries_are_stories_linking_to_their_anchor(files):
    feed = parse(files["companies/xiaomi/feed.xml"])
    assert feed.feed.title == "Xiaomi · Test Archive"
    assert feed.feed.link == f"{SITE_URL}companies/xiaomi/"
    assert feed.entries[0].title == f"AI-generated: {ZH_HEADLINE}"
    su7 = feed.entries[2]
    assert su7.link == f"{SITE_URL}2024/03/12/#xiaomi-sets-a-sales-date-for-the-su7"
    assert su7.id == "tag:owner.github.io,2024-03-12:/archive/2024/03/12/#xiaomi-sets-a-sales-date-for-the-su7"
    assert (su7.published, su7.updated) == ("2024-03-12T00:00:00Z", f"{CORRECTED}T00:00:00Z")
    html = su7.content[0].value
    assert f'From the roundup <a href="{SITE_URL}2024/03/12/">Xiaomi sets a date</a> of 12 March 2024' in html
    assert "An earlier version misnamed the car." not in html, "the roundup's notes stay on its page"
    assert (f'Corrected <time datetime="{CORRECTED}">20 March 2024</time>: see '
            f'<a href="{SITE_URL}2024/03/12/#na-corrections">the corrections</a>.') in html
    assert "Shengshu" not in html, "a story entry carries only its own story"


def test_chinese_anchor_is_a_working_link(files):
    entry = parse(files["topics/ev/feed.xml"]).entries[0]
    link = urlsplit(entry.link)
    assert unquote(link.fragment) == ZH_HEADLINE
    assert link.geturl().isascii()
    page = files["2024/03/13/"]
    assert f'id="{ZH_HEADLINE}"' in page


def test_ai_generated_label_is_in_the_feed_title_and_content(files):
    """A feed reader may show a reader only titles: a title is where they first meet the story."""
    site_entry = parse(files["feed.xml"]).entries[0]
    story_entry = parse(files["companies/xiaomi/feed.xml"]).entries[0]
    assert site_entry.title == "AI-generated: A machine-written day"
    assert story_entry.title == f"AI-generated: {ZH_HEADLINE}"
    for html in (site_entry.content[0].value, story_entry.content[0].value):
        assert "<strong>AI-generated.</strong> A machine wrote this roundup's stories as summaries of Example Wire's " in html
        assert "li-na reviewed them on 13 March 2024" in re.sub(r"<[^>]+>", "", html)
    assert "AI-generated" not in parse(files["feed.xml"]).entries[2].content[0].value
    assert "AI-generated" not in parse(files["feed.xml"]).entries[2].title


def test_markup_and_ampersands_from_content_stay_text(files):
    atom_html = parse(files["companies/xiaomi/feed.xml"]).entries[2].content[0].value
    json_html = json.loads(files["companies/xiaomi/feed.json"])["items"][2]["content_html"]
    for html in (atom_html, json_html):
        assert "Profit rose 5% &amp; margins &lt;b&gt;held&lt;/b&gt;" in html
        assert "<b>" not in html
        assert '"Lei Jun"' in html or "&quot;Lei Jun&quot;" in html
    assert BODY_WITH_MARKUP not in files["companies/xiaomi/feed.xml"], "the raw text is escaped in the XML"


def test_json_feed_matches_the_atom_feed(files):
    atom = parse(files["topics/ev/feed.xml"])
    document = json.loads(files["topics/ev/feed.json"])
    assert document["feed_url"] == f"{SITE_URL}topics/ev/feed.json"
    assert document["home_page_url"] == f"{SITE_URL}topics/ev/"
    assert [(i["id"], i["url"], i["title"]) for i in document["items"]] == [
        (e.id, e.link, e.title) for e in atom.entries
    ]
    corrected = next(i for i in document["items"] if i["id"].endswith("#xiaomi-sets-a-sales-date-for-the-su7"))
    assert corrected["date_published"] == "2024-03-12T00:00:00Z"
    assert corrected["date_modified"] == f"{CORRECTED}T00:00:00Z"
    site = json.loads(files["feed.json"])
    assert site["items"][2]["image"] == "https://images.example.com/su7.jpg"


def test_ids_stay_when_a_roundup_is_edited(content):
    root = write_newsroom(content)
    before = parse(outputs(root)["companies/xiaomi/feed.xml"])
    text = (root / "roundups/2024/2024-03-12.md").read_text(encoding="utf-8")
    edited = text.replace("title: Xiaomi sets a date", "title: Xiaomi names the day").replace(
        "A new round", "A larger round"
    ).replace("corrections:\n", "corrections:\n  - date: 2024-03-25\n    note: The round was larger.\n")
    content("roundups/2024/2024-03-12.md", edited)
    after = parse(outputs(root)["companies/xiaomi/feed.xml"])
    assert [e.id for e in after.entries] == [e.id for e in before.entries]
    assert after.entries[2].updated == "2024-03-25T00:00:00Z"
    assert "Xiaomi names the day" in after.entries[2].content[0].value


def test_the_site_feed_holds_fifty_roundups_and_a_company_or_topic_feed_ten_stories(content):
    for day in range(55):
        date = dt.date(2024, 1, 1) + dt.timedelta(days=day)
        content(f"roundups/2024/{date}.md", roundup_text(str(date), f"Day {day}"))
    files = outputs(content.root)
    for uri, kept, oldest in (("feed.xml", 50, "2024-01-06"), ("companies/xiaomi/feed.xml", 10, "2024-02-15"),
                              ("topics/ev/feed.xml", 10, "2024-02-15")):
        entries = parse(files[uri]).entries
        assert len(entries) == kept, uri
        assert entries[0].published == "2024-02-24T00:00:00Z" and entries[-1].published == f"{oldest}T00:00:00Z"
    assert len(json.loads(files["feed.json"])["items"]) == 50
    assert len(json.loads(files["companies/xiaomi/feed.json"])["items"]) == 10


def test_a_registry_entry_without_stories_has_a_page_and_empty_feeds_but_no_index_or_sitemap_entry(content):
    content("roundups/2024/2024-03-12.md", roundup_text())
    files = outputs(content.root)
    for page in ("companies/byd/", "companies/shengshu/", "topics/ai/"):
        assert '<p class="na-dek">No stories in the archive yet.</p>' in files[page], page
        assert parse(files[f"{page}feed.xml"]).entries == []
        check_json_feed(document := json.loads(files[f"{page}feed.json"]))
        assert document["items"] == []
        assert f"<loc>{SITE_URL}{page}</loc>" not in files["sitemap.xml"], page
    assert f"<loc>{SITE_URL}companies/xiaomi/</loc>" in files["sitemap.xml"]
    assert "byd/" not in files["companies/"] and "ai/" not in files["topics/"]


def test_company_page_has_a_follow_link_to_its_feeds(files):
    body = files["companies/xiaomi/"]
    follow = re.search(r'<p class="na-follow">(.*?)</p>', body).group(1)
    hrefs = re.findall(r'href="([^"]+)"', follow)
    assert [urljoin("companies/xiaomi/", href) for href in hrefs] == ["companies/xiaomi/feed.xml",
                                                                      "companies/xiaomi/feed.json"]
    assert all(urljoin("companies/xiaomi/", href) in files for href in hrefs)
    assert 'class="na-follow"' in files["topics/ev/"]


def test_without_site_url_feeds_link_relative_to_themselves(content):
    files = outputs(write_newsroom(content), site_url="")
    served_at = "https://any.host/x/companies/xiaomi/feed.xml"
    feed = feedparser.parse(files["companies/xiaomi/feed.xml"], response_headers={
        "content-location": served_at, "content-type": "application/atom+xml; charset=utf-8"
    })
    assert not feed.bozo
    su7 = feed.entries[2]
    assert su7.link == "https://any.host/x/2024/03/12/#xiaomi-sets-a-sales-date-for-the-su7"
    assert '<a href="https://any.host/x/2024/03/12/">Xiaomi sets a date</a>' in su7.content[0].value
    assert su7.id == su7.link, "the id falls back to the permalink"
    assert json.loads(files["feed.json"])["items"][3]["url"] == "2024/02/27/"
