"""The strict YAML reader: keys are the text an author wrote, and every fault is a located
problem that says how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsarchive.settings import Settings
from newsarchive.site import load
from newsarchive.validate import FRONTMATTER_KEYS
from newsarchive.yamlload import YamlError
from newsarchive.yamlload import load as load_yaml

from tests.conftest import COMPANIES, roundup_text

PATH = "roundups/2024/2024-03-12.md"


def problems(root: Path) -> list[str]:
    return [str(p) for p in load(Settings.read(root)).problems]


# Keys as written ----------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["007", "0x10", "360", "1.50", "true", "no", "null", "~", "2024-03-12", "1_000"])
def test_a_key_is_the_text_it_is_written_as(key: str) -> None:
    data = load_yaml(f"{key}: a\nb: c\n")
    assert list(data) == [key, "b"]
    assert data.key_lines == {key: 1, "b": 2}


@pytest.mark.parametrize(("text", "key"), [
    ('360: a\n"360": b\n', "360"),
    ("'007': a\n007: b\n", "007"),
    ("true: a\n!!str true: b\n", "true"),
])
def test_the_same_key_quoted_and_unquoted_is_a_duplicate(text: str, key: str) -> None:
    with pytest.raises(YamlError) as error:
        load_yaml(text, first_line=4)
    assert (error.value.message, error.value.hint, error.value.line) == (
        f"duplicate key '{key}' (first given on line 4)", "keep only one", 5)


@pytest.mark.parametrize("key", ["007", "0x10", "360"])
def test_a_registry_slug_of_digits_keeps_its_digits(content, key: str) -> None:
    content("roundups/companies.yml", COMPANIES + f"{key}:\n  name: Number Co\n")
    content(PATH, roundup_text(body=f"## Number Co reports\n\nTags: {key}, ev\n\nNumber Co made a profit.\n"))
    loaded = load(Settings.read(content.root))
    assert loaded.problems == []
    assert loaded.archive.roundups[0].stories[0].companies == (key,)


def test_a_slug_written_twice_as_number_and_text_is_an_error(content) -> None:
    content("roundups/companies.yml", COMPANIES + '360:\n  name: Qihoo 360\n"360":\n  name: Other 360\n')
    assert problems(content.root) == [
        "roundups/companies.yml:19: error: file: duplicate key '360' (first given on line 17) — keep only one",
    ]


@pytest.mark.parametrize("key", ["007", "true", "null"])
def test_a_frontmatter_key_that_yaml_would_type_is_an_unknown_key(content, key: str) -> None:
    content(PATH, roundup_text(extra=f"{key}: x\n"))
    assert problems(content.root) == [
        f"{PATH}:5: error: {key}: unknown key '{key}' — allowed keys: {', '.join(FRONTMATTER_KEYS)}",
    ]


# Faults, told as the mistake made and how to fix it -----------------------------------------------

QUOTE_IT = "put the whole value in quotes: "
LINE_UP = "line it up with the keys around it, and check that the line above is 'key: value'"
FRONTMATTER_FAULTS = {
    "colon-in-title": ("title: Xiaomi: a car at last\n", 2,
                       f'the value has \': \' in it — {QUOTE_IT}title: "Xiaomi: a car at last"'),
    "colon-in-summary": ("title: T\ndate: 2024-03-12\nsummary: Note: the car is late\n", 4,
                         f'the value has \': \' in it — {QUOTE_IT}summary: "Note: the car is late"'),
    "colon-and-quotes": ('title: He said "no": twice\n', 2,
                         f'the value has \': \' in it — {QUOTE_IT}title: "He said \\"no\\": twice"'),
    "colon-in-a-long-value": (f"title: T\nsummary: {'word ' * 20}then: more\n", 3,
                              f'the value has \': \' in it — {QUOTE_IT}summary: "…"'),
    "tab-indent": ("title: T\nimage:\n\tsrc: a.jpg\n", 4,
                   "a tab is used here, and YAML allows only spaces for indentation — replace the tab with spaces"),
    "unclosed-double-quote": ('title: "Xiaomi sets a date\ndate: 2024-03-12\nsummary: S\n', 2,
                              'the quote mark " that opens this value is never closed — end the value with " as well'),
    "unclosed-single-quote": ("title: T\nsummary: 'Sales rise\n", 3,
                              "the quote mark ' that opens this value is never closed — end the value with ' as well"),
    "apostrophe-in-single-quotes": ("title: 'Xiaomi's car'\n", 2,
                                    "the value goes on after its closing quote — inside single quotes write an "
                                    "apostrophe twice ('it''s'), or put the value in double quotes"),
    "text-after-double-quotes": ('title: "Xiaomi" sets a date\n', 2,
                                 "the value goes on after its closing quote — inside double quotes write a quote mark "
                                 "as \\\", or put the value in single quotes"),
    "unknown-escape": ('title: "C:\\drive"\n', 2, "a backslash in double quotes starts an escape, and this one is "
                       "unknown — write \\\\ for a backslash, or put the value in single quotes instead"),
    "key-indented-under-a-value": ("title: T\n  date: 2024-03-12\n", 3, f"a key is not expected here — {LINE_UP}"),
    "key-after-a-line-without-colon": ("title Xiaomi\ndate: 2024-03-12\n", 3, f"a key is not expected here — {LINE_UP}"),
    "line-without-colon": ("title: T\ndate 2024-03-12\nsummary: S\n", 3, "this line has no ': ' after its key — "
                           "write 'key: value', or indent a line that continues the value above it"),
    "outdented-key": ("image:\n  src: a.jpg\n alt: A car\n", 4, "this line is not indented like the lines around it "
                      "— line up the keys of one level under each other, with spaces only"),
    "stray-list-item": ("title: T\n- ev\n", 3, "a list item is not expected here — line up the '- ' items under "
                        "each other, indented under their key, or write the list as [a, b]"),
    "unclosed-brace": ("title: T\nimage: {src: a.jpg\n", 3, "the '{' here opens a mapping that is not closed "
                       "properly — end it with '}', or put the whole value in quotes if the '{' is part of the text"),
    "at-sign": ("title: @xiaomi on sales\n", 2, f"a value cannot start with '@' — {QUOTE_IT}title: \"@xiaomi on sales\""),
    "backtick": ("title: `SU7` on sale\n", 2, f"a value cannot start with '`' — {QUOTE_IT}title: \"`SU7` on sale\""),
    "asterisk": ("title: *Updated* figures\n", 2,
                 f"a value cannot start with '*' — {QUOTE_IT}title: \"*Updated* figures\""),
    "vertical-bar": ("title: T\nsummary: |SU7| prices cut\n", 3,
                     f"a value cannot start with '|' — {QUOTE_IT}summary: \"|SU7| prices cut\""),
    "comma": ("title: , and more\n", 2, f"a value cannot start with ',' — {QUOTE_IT}title: \", and more\""),
}


@pytest.mark.parametrize(("yaml_text", "line", "expected"), FRONTMATTER_FAULTS.values(), ids=FRONTMATTER_FAULTS.keys())
def test_a_frontmatter_fault_says_where_and_how_to_fix_it(content, yaml_text: str, line: int, expected: str) -> None:
    content(PATH, f"---\n{yaml_text}---\n\n## S\n\nTags: ev\n\nText.\n")
    assert problems(content.root)[0] == f"{PATH}:{line}: error: frontmatter: {expected}"


@pytest.mark.parametrize(("value", "expected"), [
    ("9" * 5000, "this value of 5,000 characters cannot be read as a whole number"),
    ("!!float many", "'many' cannot be read as a number"),
    ("!!bool maybe", "'maybe' cannot be read as true or false"),
    ("!!timestamp soon", "'soon' cannot be read as a date"),
    ("!!int ''", "'' cannot be read as a whole number"),
], ids=["5000-digits", "tagged-float", "tagged-bool", "tagged-date", "empty-tagged-int"])
def test_a_value_yaml_cannot_read_as_a_number_is_told_at_its_line(content, value: str, expected: str) -> None:
    content(PATH, f"---\ntitle: T\ndate: 2024-03-12\nsummary: {value}\n---\n\n## S\n\nTags: ev\n\nText.\n")
    assert problems(content.root)[0] == (
        f"{PATH}:4: error: frontmatter: {expected} — put the whole value in quotes to keep it as text")


def test_a_registry_fault_says_where_and_how_to_fix_it(content) -> None:
    content("roundups/companies.yml", COMPANIES + "geely:\n  name: Geely Auto\n  description: Maker of cars: "
                                      "Geely, Zeekr, Lynk\n")
    assert problems(content.root) == [
        "roundups/companies.yml:19: error: file: the value has ': ' in it — put the whole value in quotes: "
        'description: "Maker of cars: Geely, Zeekr, Lynk"',
    ]
