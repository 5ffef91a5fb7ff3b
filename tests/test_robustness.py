"""No input, however broken, produces a traceback or a hang: only located problems."""

from __future__ import annotations

import random

import pytest
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import roundup_text

PATH = "roundups/2024/2024-03-12.md"
BOMB = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("bcdefgh", "cdefghi", strict=True)
) + "title: x\n---\n"


def problems_for(content, data: str | bytes) -> list[str]:
    content(PATH, data)
    return [str(p) for p in load(Settings.read(content.root)).problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("", f"{PATH}:1: error: file: the file is empty — start it with a '---' frontmatter block (see the author guide)"),
        (b"---\ntitle: caf\xe9\n", f"{PATH}:2: error: file: is not valid UTF-8 (byte 14) — save the file as UTF-8"),
        ("---\n- a\n- b\n---\n", f"{PATH}:2: error: frontmatter: must be a mapping of keys to values, not a list"),
        ("---\ntitle: x\n", f"{PATH}:1: error: frontmatter: the frontmatter block is never closed"
                            " — end it with a line holding only '---'"),
        ("Just text\n", f"{PATH}:1: error: frontmatter: the file does not start with a '---' frontmatter block"
                        " — put '---' on line 1, then title, date and summary, then '---'"),
        (BOMB, f"{PATH}:2: error: frontmatter: this value is reused through an alias (*name), which is not allowed"
               " — write it out each time"),
        ("---\ntitle: [unclosed\n---\n", f"{PATH}:2: error: frontmatter: the '[' here opens a list that is not closed"
                                        " properly — end it with ']', or put the whole value in quotes if the '[' is"
                                        " part of the text"),
        ("---\ntitle: !!python/object:os.system x\n---\n",
         f"{PATH}:2: error: frontmatter: a value cannot start with '!' — put the whole value in quotes:"
         ' title: "!!python/object:os.system x"'),
    ],
)
def test_broken_file_gives_one_located_problem(content, data, expected):
    assert problems_for(content, data)[0] == expected


@pytest.mark.parametrize(
    "extra",
    ["image: just-a-string\n", "corrections: {date: 2024-03-13}\n", "corrections: [1, 2]\n", "source: [a]\n",
     "image:\n  src: [1]\n  alt: {a: 1}\n", "draft: 2024-03-12\n", "? [a]\n: b\n", "<<: {title: x}\n"],
)
def test_wrong_shapes_are_problems_not_crashes(content, extra):
    problems = problems_for(content, roundup_text(extra=extra))
    assert problems and all(p.startswith(f"{PATH}:") for p in problems)


def test_deep_nesting_is_refused(content):
    problems = problems_for(content, "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    assert problems[0].startswith(f"{PATH}:2: ")


def test_random_damage_never_raises(content):
    """A fixed-seed fuzz: thousands of damaged copies of a valid roundup, each only reported."""
    rng = random.Random(1234)
    original = roundup_text(extra="image:\n  src: x.png\n  alt: y\ncorrections:\n  - date: 2024-03-13\n    note: n\n")
    alphabet = "-:#\n []{}&*!|>'\"\t,?%@`\\小é\x00\ufeff"
    for _ in range(1500):
        text = list(original)
        for _ in range(rng.randint(1, 6)):
            text[rng.randrange(len(text))] = rng.choice(alphabet)
        content(PATH, "".join(text).encode("utf-8", "surrogatepass"))
        load(Settings.read(content.root))
