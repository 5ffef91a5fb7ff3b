"""The structured data uses schema.org's vocabulary as schema.org defines it, and points at real
pages: every type and property exists, applies to the node it is on and takes the value it has,
and the publisher's policies lead to places on the site."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from newsarchive import urls
from newsarchive.contact import filled
from newsarchive.settings import Settings, SettingsError
from newsarchive.site import load

from tests.conftest import ROOT, roundup_text
from tests.core_build import build
from tests.fixtures.newsroom import SITE_URL, Head, write_newsroom
from tests.schemaorg import FIXTURE, LICENCE, Vocabulary


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.load()


def json_ld_problems(root: Path, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """What schema.org does not allow in the structured data of every page of the archive at ``root``."""
    built = build(replace(Settings.read(root), site_url=SITE_URL, contact="desk@example.com"),
                  {"about.md": "about/", "standards.md": "standards/"})
    found = {}
    for output in built.outputs:
        if output.page is not None:
            data = Head(output.page.head).json_ld
            assert data, f"{output.address.url} has no structured data"
            found[output.address.url] = vocabulary.problems(data)
    return {url: listed for url, listed in found.items() if listed}


def test_the_sample_archive_uses_only_what_schema_org_defines(vocabulary: Vocabulary) -> None:
    assert json_ld_problems(ROOT, vocabulary) == {}


def test_a_newsroom_with_people_corrections_and_images_uses_only_what_schema_org_defines(content, vocabulary) -> None:
    root = write_newsroom(content)
    content("roundups/people.yml", "mei-lin:\n  name: Mei Lin\n  bio: Writes.\n  links: [https://mei.example/]\n"
                                   "li-na:\n  name: Li Na\n  editor: true\n")
    content("roundups/2024/2024-03-14.md", "---\ntitle: With people\ndate: 2024-03-14\nsummary: S.\n"
            "authors: mei-lin\neditor: li-na\ntime: \"08:30\"\nimage:\n  src: https://img.example/a.jpg\n  alt: A\n"
            "  credit: VCG\n  creator: mei-lin\n  copyright: © VCG\ncorrections:\n  - date: 2024-03-15\n"
            "    note: Fixed.\n    story: a-story\n---\n\n## A story\n\nTags: xiaomi, ev\n\nText.\n")
    assert json_ld_problems(root, vocabulary) == {}


def test_the_check_finds_every_kind_of_misuse(vocabulary: Vocabulary) -> None:
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": "H", "author": {"@type": "Place", "name": "Beijing"}, "colour": "red",
         "tickerSymbol": "1810.HK", "isBasedOnUrl": "https://example.com/", "wordCount": "many"},
        {"@type": "Newspaperish", "name": "x"},
        {"@type": "Person", "name": "P", "sameAs": 3, "knowsAbout": True},
    ]}
    assert vocabulary.problems(data) == [
        "$.@graph[0].author: a Place is not among its values (Organization, Person)",
        "$.@graph[0].colour: unknown property colour",
        "$.@graph[0].tickerSymbol: tickerSymbol does not apply to NewsArticle (only to Corporation)",
        "$.@graph[0].isBasedOnUrl: property isBasedOnUrl is superseded",
        "$.@graph[0].wordCount: text 'many' is not among its values (Integer)",
        "$.@graph[1]: unknown type Newspaperish",
        "$.@graph[2].sameAs: a number is not among its values (URL)",
        "$.@graph[2].knowsAbout: a boolean is not among its values (Text, URL, Thing)",
    ]


def test_the_vocabulary_names_where_it_comes_from_and_its_licence() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert '"licence": "' + LICENCE + '"' in text
    assert re.search(r'"source": "schema\.org vocabulary release [\d.]+ .*github\.com/schemaorg/schemaorg at commit '
                     r'[0-9a-f]{40}"', text)


# The pages the publisher's data points at ----------------------------------------------------------------

def test_every_policy_the_publisher_points_at_is_a_place_on_the_published_site(sample_site: Path) -> None:
    for address in (urls.STANDARDS, urls.STANDARDS_AI, urls.STANDARDS_SOURCING, urls.STANDARDS_CORRECTIONS,
                    urls.STANDARDS_INDEPENDENCE, urls.STANDARDS_REPORT, urls.PEOPLE, urls.CORRECTIONS_PAGE):
        page, _, anchor = address.partition("#")
        html = (sample_site / urls.Address(page).file).read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html, address


def test_the_standards_and_about_pages_give_the_contact_address_and_every_page_links_them(sample_site: Path) -> None:
    contact = Settings.read(ROOT).contact
    assert contact
    for page in (urls.STANDARDS, urls.ABOUT):
        html = (sample_site / urls.Address(page).file).read_text(encoding="utf-8")
        assert "{{ contact }}" not in html
        assert "mailto:" in html and contact.split("@")[0] in html, page
    footer = (sample_site / urls.Address(urls.HOME).file).read_text(encoding="utf-8").split('class="md-footer"')[1]
    linked = {urlsplit(href).path.removeprefix(urlsplit(SITE_URL).path) for href in re.findall(r'href="([^"]+)"', footer)}
    assert {urls.STANDARDS, urls.PEOPLE, urls.CORRECTIONS_PAGE} <= {path.removeprefix("./") for path in linked}
    assert f'href="mailto:{contact}"' in footer


# The contact address ---------------------------------------------------------------------------------

def test_the_contact_address_becomes_a_link_where_a_page_asks_for_it() -> None:
    assert filled("Write to {{ contact }}.", "desk@example.com") == "Write to <desk@example.com>."


def test_a_page_asking_for_the_contact_address_when_mkdocs_yml_sets_none_is_an_error(content) -> None:
    content("roundups/2024/2024-03-12.md", roundup_text())
    content("docs/standards.md", "# Standards\n\nTo report an error,\nwrite to {{ contact }}.\n")
    assert [str(p) for p in load(Settings.read(content.root)).problems] == [
        "docs/standards.md:4: error: contact: '{{ contact }}' stands for the contact address, but mkdocs.yml sets "
        "none — add 'contact: corrections@example.com' (your address) under 'extra:', 'archive:' in mkdocs.yml",
    ]
    content("mkdocs.yml", "extra:\n  archive:\n    contact: desk@example.com\n")
    assert load(Settings.read(content.root)).problems == []


@pytest.mark.parametrize("address", ["call us", "desk@example", "<desk@example.com>"])
def test_a_contact_that_is_not_an_e_mail_address_is_refused(tmp_path: Path, address: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_config({"extra": {"archive": {"contact": address}}}, tmp_path / "mkdocs.yml")
    assert str(refused.value) == (f"mkdocs.yml: extra.archive.contact: '{address}' is not an e-mail address — write "
                                  "the address readers report errors to, such as corrections@example.com")
