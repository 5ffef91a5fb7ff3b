"""Tag suggestions scan a story once, in memory that grows with the story only: names that nest
("AAA", "AAAA", … up to the longest name allowed) cannot make a valid roundup slow to check, and a
story a limit has refused is not scanned at all."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st
from newsarchive.limits import NAME_CHARS, NAMES_CHARS, STORY_BYTES, TAGS
from newsarchive.mentions import CompanyMentions
from newsarchive.model import Company
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import COMPANIES, roundup_text

PATH = "roundups/2024/2024-03-12.md"
T = TypeVar("T")

NESTED = ["A" * length for length in range(3, NAME_CHARS + 1)]
"""Every name of A's a registry may hold, each inside the longer ones."""


def _packed(names: list[str]) -> list[list[str]]:
    """``names`` in order, as many to an entry as its names may be (``TAGS`` aliases, the first
    also its name, ``NAMES_CHARS`` characters together)."""
    entries: list[list[str]] = [[]]
    for name in names:
        entry = entries[-1]
        if entry and (len(entry) == TAGS or len(entry[0]) + sum(map(len, entry)) + len(name) > NAMES_CHARS):
            entries.append(entry := [])
        entry.append(name)
    return entries


NESTED_COMPANIES = [Company(f"a{n}", names[0], aliases=tuple(names)) for n, names in enumerate(_packed(NESTED))]
LONG = next(company.slug for company in NESTED_COMPANIES if "A" * 150 in company.aliases)
"""The entry that has the name of 150 A's."""
NESTED_REGISTRY = "".join(f"a{n}:\n  name: {company.name}\n  aliases: [{', '.join(company.aliases)}]\n"
                          for n, company in enumerate(NESTED_COMPANIES))


def peak_memory(work: Callable[[], T]) -> tuple[T, int]:
    """What ``work`` returns, and the most memory (bytes) Python held for it at once."""
    tracemalloc.start()
    try:
        return work(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def story_text(word: int) -> str:
    """Lines of words of ``word`` A's, as much as a story may hold."""
    line = " ".join(["A" * word] * (4_000 // (word + 1)))
    return "\n\n".join([line] * (STORY_BYTES // (len(line) + 2)))


def test_nested_names_find_the_longest_at_each_place_in_memory_the_size_of_the_story() -> None:
    text = story_text(150)
    found, peak = peak_memory(lambda: CompanyMentions(NESTED_COMPANIES).find(text))
    assert found == {LONG: ("A" * 150, 0)}  # every word is the name of 150 A's, none of its 148 shorter ones
    assert peak < 1_000_000, f"{peak:,} bytes to scan {len(text):,} characters"  # it took 185 MB


def test_a_roundup_of_stories_at_the_limit_checks_in_bounded_memory(content) -> None:
    content("roundups/companies.yml", COMPANIES + NESTED_REGISTRY)
    stories = "".join(f"## Story {n}\n\nTags: {LONG}, ev\n\n{story_text(150)}\n\n" for n in range(3))
    content(PATH, roundup_text(body=stories))
    loaded, peak = peak_memory(lambda: load(Settings.read(content.root)))
    assert [str(p) for p in loaded.problems] == []
    assert len(loaded.archive.roundups[0].stories) == 3
    assert peak < 20_000_000, f"{peak:,} bytes to check {3 * STORY_BYTES:,} bytes of stories"  # 185 MB a story


def test_a_story_a_limit_refused_is_not_scanned_for_mentions(content) -> None:
    content("roundups/companies.yml", COMPANIES + NESTED_REGISTRY)
    text = story_text(5) + "\n\nXiaomi and BYD were named too."
    content(PATH, roundup_text(body=f"## An oversized story\n\nTags: ev\n\n{text}\n"))
    problems = [str(p) for p in load(Settings.read(content.root)).problems]
    size = len(text.encode())
    assert problems == [
        f"{PATH}:11: error: story: the text is {size:,} bytes long, more than the {STORY_BYTES:,} a story may hold; "
        "it is left out — split it into several stories, or shorten it",
    ]


# The scan keeps the rule it had: whole words of Latin script, the longest name at each place --------

def whole(text: str, start: int, end: int) -> bool:
    """The word-edge rule, written out: a Latin letter or digit at an end of the name is not
    next to another one in the text."""
    def wordlike(char: str) -> bool:
        return char.isalnum() and ord(char) < 0x2E80
    return not (start > 0 and wordlike(text[start]) and wordlike(text[start - 1])) and not (
        end < len(text) and wordlike(text[end - 1]) and wordlike(text[end]))


def expected_mentions(companies: list[Company], text: str) -> dict[str, tuple[str, int]]:
    """The mentions by the rule, the slow and obvious way: at each place, the longest name that
    is a whole word there; the scan goes on after it."""
    slug_of: dict[str, str] = {}
    for company in companies:
        for name in company.names:
            if "\ufdd0" not in name and "\ufdd1" not in name:  # the characters the scan marks edges with
                slug_of.setdefault(name, company.slug)
    found: dict[str, tuple[str, int]] = {}
    place = 0
    while place < len(text):
        names = [name for name in slug_of if text.startswith(name, place) and whole(text, place, place + len(name))]
        if not names:
            place += 1
            continue
        name = max(names, key=len)
        found.setdefault(slug_of[name], (name, place))
        place += len(name)
    return found


NAMES = st.text(alphabet="Abé1 小米-'\ufdd0\ufdd1", min_size=3, max_size=6).filter(lambda name: name == name.strip())


@settings(max_examples=400, deadline=None)
@given(names=st.lists(NAMES, min_size=1, max_size=6, unique=True),
       text=st.text(alphabet="Abé1 小米-'\n\ufdd0\ufdd1", max_size=60))
def test_the_scan_finds_what_the_rule_says(names: list[str], text: str) -> None:
    companies = [Company(f"c{n}", name) for n, name in enumerate(names)]
    assert CompanyMentions(companies).find(text) == expected_mentions(companies, text)


def test_a_shorter_whole_word_name_counts_where_the_longest_one_cuts_a_word() -> None:
    companies = [Company("xiaomi", "Xiaomi Corp.", aliases=("Xiaomi",)),
                 Company("xiaomi-auto", "Xiaomi Auto Co.", aliases=("Xiaomi Auto",))]
    assert CompanyMentions(companies).find("Xiaomi Automation and Xiaomi Auto") == {
        "xiaomi": ("Xiaomi", 0), "xiaomi-auto": ("Xiaomi Auto", 22)}


def test_a_name_after_one_that_cuts_a_word_counts() -> None:
    companies = [Company("x-corp", "X Corp"), Company("corp-ltd", "Corp Ltd")]
    assert CompanyMentions(companies).find("AX Corp Ltd") == {"corp-ltd": ("Corp Ltd", 3)}


def test_the_line_of_a_mention_is_found_after_a_text_with_the_edge_character(content: Path) -> None:
    content(PATH, roundup_text(body="## Phones\n\nTags: ev\n\nA \ufdd0 sign.\n\nThen Xiaomi \ufdd0 sold more.\n"))
    assert [str(p) for p in load(Settings.read(content.root)).problems] == [
        f"{PATH}:13: suggestion: Tags: the story mentions Xiaomi but is not tagged 'xiaomi' — add xiaomi to its Tags "
        "line, or '; not about: xiaomi' if the story is not about it",
    ]


def test_each_suggestion_is_at_the_line_of_its_first_mention(content: Path) -> None:
    content(PATH, roundup_text(body="## Xiaomi and BYD\n\nTags: ev\n\nFirst.\n\nBYD again,\nthen 生数科技.\n"))
    assert [(p.line, p.message) for p in load(Settings.read(content.root)).problems] == [
        (7, "the story mentions Xiaomi but is not tagged 'xiaomi'"),
        (7, "the story mentions BYD but is not tagged 'byd'"),
        (14, "the story mentions 生数科技 but is not tagged 'shengshu'"),
    ]
