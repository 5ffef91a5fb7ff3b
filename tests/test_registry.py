"""The registry: what a slug may be, and names that lead to one entry only."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsarchive.limits import SLUG_CHARS
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import COMPANIES, TOPICS, mkdocs_build, roundup_text, site_project

PATH = "roundups/2024/2024-03-12.md"
SHARED_HINT = ("a name leads tag suggestions and search to one entry: keep it on one of them, and give the other a "
               "fuller name")


def problems(root: Path) -> list[str]:
    return [str(p) for p in load(Settings.read(root)).problems]


# Slugs ----------------------------------------------------------------------------------------------

def test_a_slug_of_the_longest_length_allowed_is_a_slug(content) -> None:
    slug = "a" * (SLUG_CHARS - 2) + "-b"
    content("roundups/companies.yml", COMPANIES + f"{slug}:\n  name: Long Name Co\n")
    content(PATH, roundup_text(body=f"## Results\n\nTags: {slug}, ev\n\nText.\n"))
    assert problems(content.root) == []


@pytest.mark.parametrize("length", [SLUG_CHARS + 1, 256, 1000])
def test_a_slug_longer_than_allowed_is_an_error_and_tags_naming_it_are_unknown(content, length: int) -> None:
    slug = "a" * length
    content("roundups/companies.yml", COMPANIES + f"{slug}:\n  name: Long Name Co\n")
    content(PATH, roundup_text(body=f"## Results\n\nTags: {slug}, ev\n\nText.\n"))
    assert problems(content.root) == [
        f"{PATH}:9: error: Tags: unknown tag '{slug}' — add it to roundups/companies.yml or roundups/topics.yml, or "
        "fix the spelling",
        f"roundups/companies.yml:17: error: {'a' * SLUG_CHARS}…: the slug is {length:,} characters long, more than "
        f"the {SLUG_CHARS} allowed — shorten it: it is part of the page's address",
    ]


def test_the_strict_build_fails_on_a_long_slug_as_the_check_does(content, tmp_path: Path) -> None:
    """A slug of 300 characters once passed the check and made the build die writing its folder
    (OSError: File name too long)."""
    slug = "a" * 300
    content("roundups/companies.yml", COMPANIES + f"{slug}:\n  name: Long Name Co\n")
    content(PATH, roundup_text(body=f"## Results\n\nTags: {slug}, xiaomi, ev\n\nText.\n"))
    result = mkdocs_build(site_project(tmp_path, content.root / "roundups"), tmp_path / "site", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "OSError" not in result.stderr
    assert f"roundups/companies.yml:17: error: {'a' * SLUG_CHARS}…: the slug is 300 characters long" in result.stderr


# Names shared between entries -----------------------------------------------------------------------

@pytest.mark.parametrize(("added", "expected"), [
    ("geely:\n  name: Geely Holding\n  aliases: [Geely, 吉利]\n"
     "geely-auto:\n  name: Geely Automobile\n  aliases: [Zeekr, Geely]\n",
     [f"roundups/companies.yml:22: error: geely-auto.aliases: alias 'Geely' is also an alias of 'geely' (line 19) — "
      f"{SHARED_HINT}"]),
    ("mi:\n  name: Mi Home\n  aliases: [XIAOMI]\n",
     [f"roundups/companies.yml:19: error: mi.aliases: alias 'XIAOMI' is also an alias of 'xiaomi' (line 4) — "
      f"{SHARED_HINT}"]),
    ("xiaomi-ev:\n  name: Xiaomi EV\n  name_zh: 小米\n  short: Xiaomi Corp.\n",
     [f"roundups/companies.yml:19: error: xiaomi-ev.name_zh: Chinese name '小米' is also an alias of 'xiaomi' "
      f"(line 4) — {SHARED_HINT}",
      f"roundups/companies.yml:20: error: xiaomi-ev.short: short name 'Xiaomi Corp.' is also the name of 'xiaomi' "
      f"(line 2) — {SHARED_HINT}"]),
])
def test_a_name_another_company_has_is_an_error_at_the_second(content, added: str, expected: list[str]) -> None:
    content("roundups/companies.yml", COMPANIES + added)
    assert problems(content.root) == expected


def test_a_topic_named_like_a_company_is_an_error_in_the_topics_file(content) -> None:
    content("roundups/topics.yml", TOPICS + "byd-cars:\n  name: byd\n")
    assert problems(content.root) == [
        f"roundups/topics.yml:7: error: byd-cars.name: name 'byd' is also an alias of 'byd' (roundups/companies.yml, "
        f"line 12) — {SHARED_HINT}",
    ]


def test_an_entry_may_repeat_its_own_name_as_an_alias(content) -> None:
    content("roundups/companies.yml", COMPANIES + "nio:\n  name: NIO\n  short: NIO\n  aliases: [NIO, nio, 蔚来]\n"
                                      "  name_zh: 蔚来\n")
    assert problems(content.root) == []


def test_a_shared_name_suggests_the_first_entry_everywhere(content) -> None:
    """While the error stands, a tag suggestion and a "did you mean" agree on the entry."""
    content("roundups/companies.yml", COMPANIES + "mi:\n  name: Mi Home\n  aliases: [Xiaomi]\n")
    content(PATH, roundup_text(body="## Sales\n\nTags: Xiaomi, ev\n\nPhones sold well.\n"))
    content("roundups/2024/2024-03-13.md", roundup_text(date="2024-03-13",
                                                        body="## Sales\n\nTags: ev\n\nXiaomi sold more.\n"))
    assert problems(content.root)[:2] == [
        f"{PATH}:9: error: Tags: unknown tag 'Xiaomi' — did you mean 'xiaomi' (Xiaomi Corp., 小米集团)?",
        "roundups/2024/2024-03-13.md:11: suggestion: Tags: the story mentions Xiaomi but is not tagged 'xiaomi' — "
        "add xiaomi to its Tags line, or '; not about: xiaomi' if the story is not about it",
    ]
