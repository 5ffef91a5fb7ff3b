"""A reader in a real browser follows a citation of a machine-written story to its source, and
meets the story's AI label wherever they first meet the story."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.test_search import search

AI_ROUNDUP = "2024/05/10/"
STORY = "smic-s-revenue-rises-by-a-fifth-as-margins-narrow"
ARTICLE = "https://technode.com/2024/05/10/briefing-smic-hua-hong-zeekr-qwen/"


def test_a_citation_leads_to_the_source_whose_link_is_the_article(open_page) -> None:
    page = open_page(AI_ROUNDUP).page
    story = page.locator(f"section.na-story:has(h2[id='{STORY}'])")
    expect(story.locator(".na-story__label")).to_have_text("AI-generated")
    story.locator("sup.na-cite a", has_text="¶2").first.click()
    entry = page.locator(f"#na-{STORY}-source-1")
    expect(page).to_have_url(re.compile(f"#na-{STORY}-source-1$"))
    expect(entry).to_be_in_viewport()
    expect(entry.get_by_role("link", name="TechNode")).to_have_attribute("href", ARTICLE)
    fragment = entry.get_by_role("link", name=re.compile("^Paragraph 2 of the article"))
    expect(fragment).to_have_attribute("href", ARTICLE + "#:~:text=Net%20profit%20fell")


def test_the_ai_label_is_where_a_reader_first_meets_the_story(open_page) -> None:
    label = "AI-generated"
    home = open_page("").page
    expect(home.locator(".na-card", has_text="SMIC's sales rebound").locator(".na-ai")).to_have_text(label)
    company = open_page("companies/alibaba/").page
    expect(company.locator("li", has_text="Alibaba releases Qwen 2.5").locator(".na-ai").first).to_have_text(label)
    found = open_page("").page
    search(found, "Hua Hong")
    result = found.locator(".md-search-result__item", has_text="Hua Hong's sales fall more than a quarter")
    expect(result.locator("h1 .na-ai")).to_have_text(label)


def test_in_search_results_only_the_story_a_machine_wrote_carries_the_label(open_page) -> None:
    """A roundup is one search record: the label is each story's own, not its roundup's."""
    found = open_page("").page
    search(found, "videos")
    machine = found.locator(".md-search-result__item", has_text="Shengshu's Vidu makes 16-second videos")
    expect(machine.locator("h1 .na-ai")).to_have_text("AI-generated")
    other = open_page("").page
    search(other, "Huawei")
    human = other.locator(".md-search-result__item", has_text="Huawei's first-quarter profit soars")
    expect(human.locator("h1")).to_have_text("Huawei's first-quarter profit soars")
    assert human.locator(".na-ai").count() == 0
