"""What search engines, chat apps and crawlers read: head metadata, JSON-LD, sitemaps, robots.txt."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import etree

from tests.fixtures.newsroom import (
    CORRECTED,
    HAND_WRITTEN,
    SITE_NAME,
    SITE_URL,
    TRICKY,
    Head,
    check_json_feed,
    mkdocs_site,
    outputs,
    pages,
    parse,
    write_newsroom,
)

FIXTURES = Path(__file__).parent / "fixtures"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture
def newsroom(content) -> Path:
    return write_newsroom(content)


@pytest.fixture
def heads(newsroom) -> dict[str, Head]:
    return {url: Head(page.head) for url, page in pages(newsroom).items()}


def valid_sitemap(text: str) -> etree._Element:
    """The sitemap parsed, after checking it against the protocol's schema (and Google News')."""
    schema = etree.XMLSchema(etree.parse(FIXTURES / "sitemap.xsd"))
    document = etree.fromstring(text.encode("utf-8"))
    schema.assertValid(document)
    return document


# Head metadata ----------------------------------------------------------------------------------

def test_roundup_page_is_a_news_article(heads):
    article = heads["2024/03/12/"].node("NewsArticle")
    page = f"{SITE_URL}2024/03/12/"
    assert article["headline"] == "Xiaomi sets a date"
    assert article["url"] == page and heads["2024/03/12/"].one("og:description") == "A short summary."
    assert (article["datePublished"], article["dateModified"]) == ("2024-03-12", CORRECTED)
    assert article["image"]["url"] == "https://images.example.com/su7.jpg"
    assert article["image"]["creditText"] == "VCG"
    assert article["publisher"] == {"@type": "NewsMediaOrganization", "@id": f"{SITE_URL}#publisher", "name": SITE_NAME}
    assert heads[""].node("WebSite")["publisher"]["@id"] == article["publisher"]["@id"], "in full on the home page"
    assert article["citation"] == [{"@type": "NewsArticle", "url": "https://www.caixinglobal.com/2024-03-12/xiaomi-su7.html",
                                    "publisher": {"@type": "Organization", "name": "Caixin Global"}}]
    assert "isBasedOn" not in article and "digitalSourceType" not in article, "an original work, written by people"
    assert article["keywords"] == ["Electric vehicles", "Artificial intelligence"], "its topics, by their names"
    assert not {"about", "description", "mainEntityOfPage"} & set(article), "what the page or a company's says"
    assert article["correction"] == [
        {"@type": "CorrectionComment", "text": "An earlier version misnamed the car.", "datePublished": CORRECTED}
    ]
    assert "author" not in article, "the content names no author, so none is claimed"


def test_news_article_without_image_source_or_corrections_leaves_them_out(heads):
    article = heads["2024/03/12/evening/"].node("NewsArticle")
    assert not {"image", "citation", "isBasedOn", "correction"} & set(article)
    assert article["dateModified"] == "2024-03-12"


def test_breadcrumbs_follow_the_url_hierarchy(heads):
    def trail(url: str) -> list[tuple[int, str, str]]:
        items = heads[url].node("BreadcrumbList")["itemListElement"]
        return [(i["position"], i["name"], i.get("item", "")) for i in items]

    assert trail("2024/03/12/evening/") == [
        (1, SITE_NAME, SITE_URL), (2, "2024", f"{SITE_URL}2024/"), (3, "March 2024", f"{SITE_URL}2024/03/"),
        (4, TRICKY, ""),
    ], "the page itself last, by its name: Google takes its address from the page"
    assert trail("companies/xiaomi/")[1:3] == [(2, "Companies", f"{SITE_URL}companies/"), (3, "Xiaomi Corp.", "")]
    assert heads[""].node("WebSite")["url"] == SITE_URL


def test_company_page_carries_organization_data(heads):
    xiaomi = heads["companies/xiaomi/"].node("Corporation")
    assert xiaomi["@id"] == f"{SITE_URL}companies/xiaomi/#organization"
    assert xiaomi["name"] == "Xiaomi Corp."
    assert xiaomi["alternateName"] == ["小米集团", "Xiaomi", "小米"]
    assert xiaomi["tickerSymbol"] == ["1810.HK"]
    assert xiaomi["url"] == "https://www.mi.com/"
    assert xiaomi["mainEntityOfPage"] == f"{SITE_URL}companies/xiaomi/"
    byd = heads["companies/byd/"].node("Organization")
    assert (byd["name"], byd["alternateName"]) == ("BYD Co.", ["比亚迪", "BYD"])
    assert byd["url"] == f"{SITE_URL}companies/byd/", "without a website of its own, its page here"
    assert "tickerSymbol" not in byd


def test_every_page_announces_the_site_feed_and_entity_pages_their_own(newsroom, heads):
    files = outputs(newsroom)
    site_feeds = {("application/atom+xml", f"{SITE_URL}feed.xml"), ("application/feed+json", f"{SITE_URL}feed.json")}
    for url, head in heads.items():  # resolved against the page's address, as a feed reader does
        feeds = {(a["type"], urljoin(SITE_URL + url, a["href"])) for a in head.alternates}
        assert site_feeds <= feeds, url
        assert all(href.removeprefix(SITE_URL) in files for _, href in feeds), url
    own = {(a["title"], urljoin(f"{SITE_URL}topics/ev/", a["href"])) for a in heads["topics/ev/"].alternates} - {
        (a["title"], urljoin(SITE_URL, a["href"])) for a in heads[""].alternates
    }
    assert own == {(f"Electric vehicles · {SITE_NAME} (Atom)", f"{SITE_URL}topics/ev/feed.xml"),
                   (f"Electric vehicles · {SITE_NAME} (JSON Feed)", f"{SITE_URL}topics/ev/feed.json")}


def test_every_page_has_a_sharing_preview(newsroom, heads):
    for url, page in pages(newsroom).items():
        head = heads[url]
        assert head.one("og:title") == page.title and head.one("og:description") == page.description
        assert not {"twitter:title", "twitter:description", "twitter:image"} & head.meta.keys(), "read from og:"
        assert head.one("og:url") == SITE_URL + url
        assert head.one("og:site_name") == SITE_NAME
    roundup = heads["2024/03/12/"]
    assert roundup.one("og:type") == "article"
    assert roundup.one("og:image") == "https://images.example.com/su7.jpg"
    assert roundup.one("og:image:alt") == "The SU7 on a stage"
    assert roundup.one("twitter:card") == "summary_large_image"
    assert roundup.one("article:modified_time") == CORRECTED
    assert "og:image:width" not in roundup.meta, "an image elsewhere: its size is unknown"
    plain = heads["companies/xiaomi/"]
    assert (plain.one("og:type"), plain.one("twitter:card")) == ("website", "summary_large_image")
    assert plain.one("og:image") == f"{SITE_URL}share/companies/xiaomi.png", "its own card"
    assert (plain.one("og:image:width"), plain.one("og:image:height")) == ("1200", "630")


def test_a_hostile_title_survives_escaped_into_every_format(newsroom):
    files = outputs(newsroom)
    page = pages(newsroom)["2024/03/12/evening/"]
    head = Head(page.head)
    assert "<script>alert" not in page.head
    assert head.one("og:title") == TRICKY
    [script] = head.scripts
    assert not set("<>&") & set(script), "JSON-LD cannot close its <script> element"
    assert head.node("NewsArticle")["headline"] == TRICKY
    assert head.node("BreadcrumbList")["itemListElement"][-1]["name"] == TRICKY

    for uri in ("feed.xml", "companies/xiaomi/feed.xml", "topics/ev/feed.xml"):
        assert "<script>" not in files[uri] and "]]>" not in files[uri]
        assert TRICKY in [entry.title for entry in parse(files[uri]).entries], uri
        assert TRICKY in [item["title"] for item in json.loads(files[uri.replace(".xml", ".json")])["items"]], uri

    news = valid_sitemap(files["sitemap-news.xml"])
    assert "<script>" not in files["sitemap-news.xml"]
    assert TRICKY in news.xpath("//news:title/text()", namespaces=NS)


# Sitemaps and robots.txt ------------------------------------------------------------------------

def test_sitemap_lists_every_page_once_with_a_valid_schema(newsroom):
    files = outputs(newsroom)
    sitemap = valid_sitemap(files["sitemap.xml"])
    locs = sitemap.xpath("//sm:loc/text()", namespaces=NS)
    page_urls = [url for url in files if url == "" or url.endswith("/")]
    assert sorted(locs) == sorted(SITE_URL + url for url in [*page_urls, *HAND_WRITTEN.values()])


def test_sitemap_dates_pages_by_their_content(newsroom):
    sitemap = valid_sitemap(outputs(newsroom)["sitemap.xml"])
    lastmod = {
        url.findtext("sm:loc", namespaces=NS).removeprefix(SITE_URL): url.findtext("sm:lastmod", namespaces=NS)
        for url in sitemap.iterfind("sm:url", NS)
    }
    assert lastmod["2024/03/12/"] == CORRECTED, "a correction is a change"
    assert lastmod["2024/03/13/"] == "2024-03-13"
    assert lastmod["2024/02/"] == lastmod["2024/02/27/"] == "2024-02-27"
    assert lastmod["2024/03/"] == lastmod["companies/xiaomi/"] == lastmod[""] == CORRECTED
    assert lastmod["companies/shengshu/"] == CORRECTED
    assert lastmod["about/"] is None, "a hand-written page has no date to give"


def test_news_sitemap_holds_the_newest_two_days(newsroom):
    news = valid_sitemap(outputs(newsroom)["sitemap-news.xml"])
    rows = [
        (url.findtext("sm:loc", namespaces=NS), url.findtext(".//news:publication_date", namespaces=NS))
        for url in news.iterfind("sm:url", NS)
    ]
    assert rows == [(f"{SITE_URL}2024/03/13/", "2024-03-13"), (f"{SITE_URL}2024/03/12/evening/", "2024-03-12"),
                    (f"{SITE_URL}2024/03/12/", "2024-03-12")]
    assert news.xpath("//news:name/text()", namespaces=NS) == [SITE_NAME] * 3


def test_robots_txt_points_to_both_sitemaps(newsroom):
    robots = outputs(newsroom)["robots.txt"]
    assert re.findall(r"(?m)^Sitemap: (.+)$", robots) == [f"{SITE_URL}sitemap.xml", f"{SITE_URL}sitemap-news.xml"]
    assert "User-agent: *\nDisallow:\n" in robots


def test_without_site_url_only_what_needs_no_address_is_made(newsroom):
    files = outputs(newsroom, site_url="")
    assert not {"sitemap.xml", "sitemap-news.xml", "robots.txt"} & set(files)
    page = pages(newsroom, site_url="")["companies/xiaomi/"]
    head = Head(page.head)
    assert not head.json_ld and "og:url" not in head.meta
    assert head.one("og:title") == page.title
    for alternate in head.alternates:
        assert urljoin(f"https://any.host/{page.url}", alternate["href"]).removeprefix("https://any.host/") in files


# The published site -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return mkdocs_site(tmp_path_factory.mktemp("newsroom"))


def test_published_site_uses_the_archive_sitemap(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    valid_sitemap(sitemap)
    assert f"<loc>{SITE_URL}2024/03/12/</loc><lastmod>{CORRECTED}</lastmod>" in sitemap
    assert f"<loc>{SITE_URL}about/</loc>" in sitemap
    assert not (site / "sitemap.xml.gz").exists(), "MkDocs' own sitemap (dated by build) is not written"
    valid_sitemap((site / "sitemap-news.xml").read_text(encoding="utf-8"))
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_published_feeds_parse(site):
    atom = sorted(site.rglob("feed.xml"))
    assert len(atom) == 8, "the site's, one per company and topic, the corrections' and the newsroom editor's"
    for path in atom:
        feed = parse(path.read_text(encoding="utf-8"))
        assert feed.feed.links[0].href == SITE_URL + path.relative_to(site).as_posix()
        check_json_feed(json.loads(path.with_name("feed.json").read_text(encoding="utf-8")))


def test_published_roundup_head_agrees_with_the_canonical_url(site):
    html = (site / "2024/03/12/index.html").read_text(encoding="utf-8")
    head = Head(html.split("</head>")[0])
    [canonical] = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert canonical == head.one("og:url") == head.node("NewsArticle")["url"] == f"{SITE_URL}2024/03/12/"
    assert f"{SITE_URL}feed.xml" in [urljoin(canonical, a["href"]) for a in head.alternates]


def test_published_company_page_follow_link_reaches_its_feed(site):
    html = (site / "companies/xiaomi/index.html").read_text(encoding="utf-8")
    follow = re.search(r'<p class="na-follow">(.*?)</p>', html).group(1)
    for href in re.findall(r'href="([^"]+)"', follow):
        assert (site / "companies/xiaomi" / href).is_file(), href
    assert Head(html.split("</head>")[0]).node("Corporation")["tickerSymbol"] == ["1810.HK"]
