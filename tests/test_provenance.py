"""Where a sentence came from and what a machine wrote: a story's sources (``Source:`` lines),
citations of their paragraphs (``[para. 3]``) as links a reader can follow, the AI label wherever a
reader first meets a machine-written story, and the messages an author gets for each slip."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from newsarchive.citations import fragment_link
from newsarchive.dates import Zone
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import ROOT, roundup_text
from tests.core_build import build

PATH = "roundups/2024/2024-03-12.md"
SOURCE = "Source: TechNode, https://technode.com/2024/03/12/xiaomi-su7/"
REVIEW = "reviewed_by: li-na\nreviewed: 2024-03-12\n"
PEOPLE = "li-na:\n  name: Li Na\n  role: Editor\n  editor: true\n"
"""The editor who reviews what a machine wrote."""


def story(text: str = "The car goes on sale soon.", header: str = SOURCE, headline: str = "Xiaomi sets a date") -> str:
    return f"## {headline}\n\nTags: xiaomi, ev\n{header}\n\n{text}\n"


def problems(content, text: str) -> list[str]:
    content("roundups/people.yml", PEOPLE)
    content(PATH, text)
    return [str(p) for p in load(Settings.read(content.root)).problems]


# What an author is told ---------------------------------------------------------------------------

MISTAKES = {
    "source-without-address": (
        roundup_text(body=story(header="Source: TechNode")),
        f"{PATH}:10: error: Source: 'Source: TechNode' has no article address — write 'Source: TechNode, https://…' "
        "with the address of the article itself"),
    "source-without-outlet": (
        roundup_text(body=story(header="Source: https://technode.com/2024/03/12/xiaomi-su7/")),
        f"{PATH}:10: error: Source: the source has no outlet before its address — write it as 'Source: TechNode, "
        "https://technode.com/…, \"Headline\", 2024-03-12, zh'"),
    "source-without-scheme": (
        roundup_text(body=story(header="Source: TechNode, www.technode.com/2024/03/12/x/")),
        f"{PATH}:10: error: Source: 'www.technode.com/2024/03/12/x/' is not an http(s) URL — write "
        "https://www.technode.com/2024/03/12/x/"),
    "source-leftover": (
        roundup_text(body=story(header=f"{SOURCE}, 12 March")),
        f"{PATH}:10: error: Source: '12 March' after the address is not a headline in quotes, a date or a language — "
        "write the line as 'Source: TechNode, https://technode.com/…, \"Headline\", 2024-03-12, zh' (all after the "
        "address is optional)"),
    "source-bad-date": (
        roundup_text(body=story(header=f"{SOURCE}, 2024-02-30")),
        f"{PATH}:10: error: Source: '2024-02-30' is not a real date — check the day and the month"),
    "source-in-the-text": (
        roundup_text(body=story(header="", text="The car goes on sale soon.\n\n" + SOURCE)),
        f"{PATH}:14: error: Source: the Source: line is not under the story's headline, so it is read as text — move "
        "it up, next to the story's Tags line"),
    "ai-line-not-yes-or-no": (
        roundup_text(extra=REVIEW, body=story(header=f"{SOURCE}\nAI-generated: partly")),
        f"{PATH}:13: error: AI-generated: 'partly' is neither yes nor no — write 'AI-generated: yes' for a story a "
        "machine wrote, 'no' for one a person wrote"),
    "citation-misspelt": (
        roundup_text(body=story(text="It goes on sale soon [para 3].")),
        f"{PATH}:12: error: citation: '[para 3]' is not a citation the site reads — write [para. 3], [paras. 2–4] or "
        "[2, para. 3]"),
    "citation-in-words": (
        roundup_text(body=story(text="It goes on sale soon [para. three].")),
        f"{PATH}:12: error: citation: '[para. three]' is not a citation the site reads — write [para. 3], "
        "[paras. 2–4] or [2, para. 3]"),
    "citation-of-paragraph-0": (
        roundup_text(body=story(text="It goes on sale soon [para. 0].")),
        f"{PATH}:12: error: citation: '[para. 0]' cites no paragraph of its source — paragraphs are numbered from 1, "
        "and a run goes from the lower to the higher: [paras. 2–4]"),
    "citation-without-source": (
        roundup_text(body=story(header="", text="It goes on sale soon [para. 3].")),
        f"{PATH}:12: error: citation: '[para. 3]' cites a source, but the story names none — add 'Source: Outlet, "
        "https://…' under the story's headline (or source: in the frontmatter)"),
    "citation-of-an-unknown-source": (
        roundup_text(body=story(text="It goes on sale soon [3, para. 2].")),
        f"{PATH}:12: error: citation: '[3, para. 2]' names no source of the story — its sources are 1 TechNode"),
    "citation-not-saying-which": (
        roundup_text(body=story(header=f"{SOURCE}\nSource: Caixin, https://www.caixinglobal.com/2024-03-12/x.html",
                                text="It goes on sale soon [para. 3].")),
        f"{PATH}:13: error: citation: '[para. 3]' does not say which of the story's 2 sources it cites — name it by "
        "number or outlet, e.g. [1, para. 3] (1 TechNode, 2 Caixin)"),
    "citation-in-the-summary": (
        roundup_text(extra="").replace("summary: A short summary.", "summary: Xiaomi sets a date [para. 2]."),
        f"{PATH}:4: error: summary: cites a paragraph, which only a story's text can — remove the citation here; cite "
        "the paragraph in the story that draws on it"),
    "ai-story-without-source": (
        roundup_text(extra="ai_generated: true\n" + REVIEW, body=story(header="")),
        f"{PATH}:10: error: story: the story 'Xiaomi sets a date' is AI-generated but names no source — add 'Source: "
        "Outlet, https://…' under its headline (or source: in the frontmatter)"),
    "ai-without-reviewer": (
        roundup_text(extra="ai_generated: true\n", body=story()),
        f"{PATH}:5: error: reviewed_by: no editor reviewed this AI-generated story — add "
        "'reviewed_by: <editor's slug>' and 'reviewed: YYYY-MM-DD' to the frontmatter"),
    "ai-story-without-review-date": (
        roundup_text(extra="reviewed_by: li-na\n", body=story(header=f"{SOURCE}\nAI-generated: yes")),
        f"{PATH}:12: error: reviewed: this AI-generated story has no day of review — add 'reviewed: "
        "YYYY-MM-DD' to the frontmatter"),
    "original-without-address": (
        roundup_text(extra="original:\n  name: The Asia Tech Letter\n"),
        f"{PATH}:6: error: original.url: 'url' is missing — add a 'url:' line"),
}


@pytest.mark.parametrize(("text", "message"), MISTAKES.values(), ids=MISTAKES.keys())
def test_each_slip_is_one_located_error_that_says_what_to_do(content, text: str, message: str) -> None:
    assert problems(content, text) == [message]


def test_a_home_page_where_an_article_belongs_is_a_suggestion(content) -> None:
    text = roundup_text(body=story(header="Source: TechNode, https://technode.com/"))
    assert problems(content, text) == [
        f"{PATH}:10: suggestion: Source: 'https://technode.com/' is the outlet's home page, not an article — link the "
        "article itself, so a reader can check the story against it"]


def test_a_review_dated_ahead_is_an_error(content) -> None:
    text = roundup_text(extra="ai_generated: true\nreviewed_by: li-na\nreviewed: 2999-01-01\n", body=story())
    assert problems(content, text) == [
        f"{PATH}:7: error: reviewed: review date 2999-01-01 is after today, {Zone().today()} — date the review the day "
        "it was made"]


# What a reader sees -------------------------------------------------------------------------------

def page_of(content, text: str, url: str = "2024/03/12/") -> str:
    content("roundups/people.yml", PEOPLE)
    content(PATH, text)
    built = build(Settings.read(content.root))
    assert not [p for p in built.loaded.problems if p.severity == "error"], built.loaded.problems
    return built.texts()[url]


def test_a_citation_is_a_numbered_link_to_the_source_that_links_the_article(content) -> None:
    text = story(header=f"{SOURCE}, \"Xiaomi prices the SU7\", 2024-03-12, zh",
                 text="It goes on sale soon [para. 2][para. 3 \"The car will\"] for less than a Tesla [paras. 4–5].")
    page = page_of(content, roundup_text(body=text))
    entry = "na-xiaomi-sets-a-date-source-1"
    assert re.findall(r'<sup class="na-cite"><a aria-label="([^"]+)" href="#([^"]+)">([^<]+)</a></sup>', page) == [
        ("TechNode, paragraph 2", entry, "¶2"), ("TechNode, paragraph 3", entry, "¶3"),
        ("TechNode, paragraphs 4–5", entry, "¶4–5")]
    assert "soon<sup" in page, "the mark sits on the word before it"
    listed = re.search(rf'<li id="{entry}">(.*?)</li>', page).group(1)
    assert listed.startswith('<a href="https://technode.com/2024/03/12/xiaomi-su7/" rel="noopener nofollow">TechNode</a>, '
                             "“Xiaomi prices the SU7” (12 March 2024, in Chinese). ")
    fragment = fragment_link("https://technode.com/2024/03/12/xiaomi-su7/", "The car will")
    assert fragment == "https://technode.com/2024/03/12/xiaomi-su7/#:~:text=The%20car%20will"
    cited = re.findall(r'<a href="([^"]+)"[^>]*>(¶[^<]+)</a>', listed.split("Cited: ")[1])
    article = "https://technode.com/2024/03/12/xiaomi-su7/"
    assert cited == [(article, "¶2"), (fragment, "¶3"), (article, "¶4–5")], "each cited paragraph links the article"


def test_a_story_with_several_sources_numbers_them(content) -> None:
    caixin = "Source: Caixin, https://www.caixinglobal.com/2024-03-12/x.html"
    page = page_of(content, roundup_text(body=story(header=f"{SOURCE}\n{caixin}", text="Soon [2, para. 1] [technode, para. 4].")))
    assert re.findall(r'href="#(na-xiaomi-sets-a-date-source-\d)">([^<]+)<', page) == [
        ("na-xiaomi-sets-a-date-source-2", "2:¶1"), ("na-xiaomi-sets-a-date-source-1", "1:¶4")]
    assert '<p class="na-sources__title">Sources</p>' in page


def test_citations_of_the_roundups_source_lead_to_it(content) -> None:
    extra = "source:\n  name: Caixin Global\n  url: https://www.caixinglobal.com/2024-03-12/x.html\n"
    text = roundup_text(extra=extra, body="An introduction [para. 1].\n\n" + story(header="", text="Soon [para. 2]."))
    page = page_of(content, text)
    assert 'href="#na-roundup-source-1">¶1<' in page and '<li id="na-roundup-source-1">' in page
    assert 'href="#na-xiaomi-sets-a-date-source-1">¶2<' in page and '<li id="na-xiaomi-sets-a-date-source-1">' in page


def test_no_output_of_the_sample_shows_a_citation_as_brackets(sample_site: Path) -> None:
    """The author guide, which teaches the syntax, is the one page that may show it."""
    shown = [path.relative_to(sample_site).as_posix() for path in sample_site.rglob("*")
             if path.suffix in (".html", ".xml", ".json") and "[para" in path.read_text(encoding="utf-8")]
    assert shown == ["authoring/index.html"]
    assert '<sup class="na-cite">' in (sample_site / "2024/05/10/index.html").read_text(encoding="utf-8")


# The AI label at first exposure -------------------------------------------------------------------

AI_ROUNDUP = "2024/05/10/"
"""The sample's machine-written roundup; 2024/04/30/ mixes a machine-written story with people's."""


def test_the_sample_labels_what_a_machine_wrote_wherever_a_reader_meets_it(sample_site: Path) -> None:
    def read(url: str) -> str:
        return (sample_site / url / "index.html").read_text(encoding="utf-8")

    label = ' <span class="na-ai">AI-generated</span>'
    roundup = read(AI_ROUNDUP)
    assert roundup.count('<p class="na-story__label">' + label.strip()) == 6, "every story of the roundup, under its headline"
    assert "<strong>AI-generated.</strong> A machine wrote this roundup's stories as summaries of TechNode's" in roundup
    assert re.search(r'<meta name="description" content="AI-generated summary\. SMIC and Hua Hong', roundup)
    assert re.search(r'<meta property="og:description" content="AI-generated summary\. SMIC', roundup)
    mixed = read("2024/04/30/")
    assert mixed.count(label.strip()) == 1 and "<strong>Partly AI-generated.</strong>" in mixed
    assert re.search(r"Qwen 2\.5</a>" + re.escape(label), read("companies/alibaba/")), "a company's listing"
    assert re.search(r"16-second</span> videos</a>" + re.escape(label), read("topics/ai/")), "a topic's listing"
    month = read("2024/05/")
    assert re.search(r"profit shrinks</a>" + re.escape(label + "</h2>"), month)
    feed = json.loads((sample_site / "feed.json").read_text(encoding="utf-8"))
    titles = [item["title"] for item in feed["items"]]
    assert "AI-generated: SMIC's sales rebound while its profit shrinks" in titles
    assert "Partly AI-generated: Musk's Beijing trip clears a path for Tesla's driver assistance" in titles
    atom = (sample_site / "topics/ai/feed.xml").read_text(encoding="utf-8")
    assert "<title>AI-generated: Alibaba releases Qwen 2.5</title>" in atom


def test_structured_data_says_what_wrote_a_roundup(sample_site: Path) -> None:
    def article(url: str) -> dict:
        html = (sample_site / url / "index.html").read_text(encoding="utf-8")
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
        return next(node for node in data["@graph"] if node["@type"] == "NewsArticle")

    machine, mixed, people = article(AI_ROUNDUP), article("2024/04/30/"), article("2024/03/12/")
    assert machine["digitalSourceType"] == "https://schema.org/TrainedAlgorithmicMediaDigitalSource"
    assert mixed["digitalSourceType"] == "https://schema.org/CompositeWithTrainedAlgorithmicMediaDigitalSource"
    assert "digitalSourceType" not in people and "backstory" not in people
    assert mixed["backstory"].startswith("A machine wrote the stories marked AI-generated, as summaries of Pandaily's report")
    assert [c["publisher"]["name"] for c in people["citation"]] == ["36Kr", "TechNode", "Caixin Global", "Reuters"]
    republished = article("2024/03/22/")
    assert republished["isBasedOn"] == {"@type": "NewsArticle", "url": "https://asiatechletter.example/2024/03/22/tencent-buybacks/",
                                        "publisher": {"@type": "Organization", "name": "The Asia Tech Letter"},
                                        "datePublished": "2024-03-22"}


def test_a_republished_roundup_names_where_it_first_appeared(sample_site: Path) -> None:
    page = (sample_site / "2024/03/22/index.html").read_text(encoding="utf-8")
    assert ('<p class="na-original">Originally published by <a href="https://asiatechletter.example/2024/03/22/tencent-'
            'buybacks/" rel="noopener nofollow">The Asia Tech Letter</a> on <time datetime="2024-03-22">22 March 2024'
            "</time>.</p>") in page
    atom = (sample_site / "feed.xml").read_text(encoding="utf-8")
    assert '<link rel="via" type="text/html" href="https://asiatechletter.example/2024/03/22/tencent-buybacks/" />' in atom
    item = next(i for i in json.loads((sample_site / "feed.json").read_text(encoding="utf-8"))["items"]
                if i["url"].endswith("/2024/03/22/"))
    assert item["external_url"] == "https://asiatechletter.example/2024/03/22/tencent-buybacks/"
    assert '<link rel="canonical" href="https://example.github.io/roundup-archive/2024/03/22/">' in page


def test_the_sample_roundups_are_written_as_the_guide_says(sample_site: Path) -> None:
    """Each shape the archive holds is in the sample at least once."""
    text = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "roundups/2024").glob("*.md")}
    assert sum("\nSource: " in t for t in text.values()) >= 2, "stories naming their own sources"
    assert "ai_generated: true" in text["2024-05-10.md"] and "AI-generated: yes" in text["2024-04-30.md"]
    assert "original:" in text["2024-03-22.md"]
