"""The strict YAML reader: keys are the text an author wrote, and every fault is a located
problem that says how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsarchive.settings import Settings
from newsarchive.site import load
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
    assert (error.value.message, error.value.line) == (
        f"duplicate key '{key}' (first given on line 4); keep only one", 5)


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
        "roundups/companies.yml:19: error: file: duplicate key '360' (first given on line 17); keep only one",
    ]


@pytest.mark.parametrize("key", ["007", "true", "null"])
def test_a_frontmatter_key_that_yaml_would_type_is_an_unknown_key(content, key: str) -> None:
    content(PATH, roundup_text(extra=f"{key}: x\n"))
    assert problems(content.root) == [
        f"{PATH}:5: error: {key}: unknown key '{key}' — allowed keys: title, date, summary, image, source, "
        "ai_generated, corrections, draft",
    ]
