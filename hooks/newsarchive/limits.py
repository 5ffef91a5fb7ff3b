"""What one roundup may hold, checked before the renderer sees any of its text.

A daily roundup is about 10 KB: 6 to 10 stories of a few short paragraphs. The bounds below are
many times that, and low enough that no file can make the build slow or crash it: the renderer
(Python-Markdown) takes time that grows faster than linearly with unclosed ``[`` brackets in a
paragraph, and recurses once per level of nested lists or quotes. Images under docs/ are read
within bounds too (``PIXELS``, ``SVG_BYTES``).

They also bound what a roundup adds to the site and to the search index's memory, which is
more than its size: each tag puts a story whole in two feeds of the company or topic, and the
tagged entry's names in the story's search record (``TAGS``, ``ROUNDUP_TAGS``, ``NAMES_CHARS``).
A roundup at the limits, tagging registry entries at theirs, makes at most 360 bytes of site a
byte (an ``&`` is 14 bytes in a company's two feeds) and Pagefind indexes it in at most 200 MB
(tests/test_bounds.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

FILE_BYTES = 256 * 1024
"""A roundup file's size."""
LINE_CHARS = 5_000
"""Characters on one line of a story (a 700-word paragraph on one line is about 4,500)."""
STORIES = 40
STORY_BYTES = 20_000
"""A story's text, in UTF-8 bytes (a long story is 3,000)."""
BRACKETS = 200
"""Opening square brackets in one story: each link or image takes one."""
NESTING = 8
"""Levels of lists and quotes inside each other (and indentation, four spaces a level)."""
TAGS = 20
"""Slugs on one Tags line, ``not about`` included."""
ROUNDUP_TAGS = 100
"""Tags of one roundup's stories together (a company on two stories counts twice). Each tag puts
its story on the company's or topic's page, whole in its two feeds, and the company's names in
the story's search record, so this bounds what a roundup adds to the site and to Pagefind's
memory; the busiest roundup of the sample archive has 32."""
CORRECTIONS = 20
SOURCES = 10
"""Source: lines under one story (a story draws on one to three articles)."""
TEXT_CHARS = 1_000
"""A frontmatter or registry text: a summary, a caption, a correction's note, a description."""
NAME_CHARS = 200
"""A title, a headline, a name, a credit."""
SHORT_CHARS = 40
"""A registry entry's display name (``short:``), shown in chips and listings."""
NAMES_CHARS = 500
"""A registry entry's names together: ``name``, ``short``, ``name_zh`` and ``aliases``. The
search record of every story tagged with the entry carries them all, so this is what one tag can
add to the search index; the longest names of an entry in the sample registry take 88 characters,
and the three single names at their limits take 440, which leaves room for aliases."""
ANCHOR_CHARS = 80
"""A story's anchor, written (``{#xiaomi-su7}``) or made from its headline."""
PIXELS = 100_000
"""An image's width or height in pixels, as its file states it (browsers draw at most about
32,000 a side): more is a broken file, and a number read from one is never used beyond this."""
PAGE_BYTES = 2 * 1024 * 1024
"""A page written by hand under docs/, read in full to check it (the author guide is 50 KB)."""
SVG_BYTES = 5 * 1024 * 1024
"""An SVG file, read in full to check it (a drawing for the web is tens of kilobytes)."""
DRAWN_BYTES = 20 * 1024 * 1024
"""A lead image the archive draws again to share its page (render/share_cards.py): a larger one
shares its topic's card instead."""
SLUG_CHARS = 60
"""A registry slug. It is a folder of the built site and the last part of a page's address
(``/companies/lg-energy-solution/``), which readers type and share: the longest in the sample
registry has 20 characters, and a file system refuses a name over 255 bytes."""

_CONTAINER = re.compile(r"([ \t]*)(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
"""One list or quote marker at the start of what remains of a line, with the indentation before
it (each match consumes one)."""


@dataclass(frozen=True)
class Excess:
    """One bound a text goes beyond, located."""

    line: int
    message: str
    hint: str


def nesting(line: str) -> int:
    """How deeply ``line`` nests: its list and quote markers, plus a level per four columns of
    indentation before each of them and before the text. Inside a quote, indentation nests a list
    as it does outside (``>`` then eight spaces and ``-`` is three levels), and the one space that
    follows a marker is part of the marker."""
    depth = 0
    position = 0
    after_marker = False
    while (marker := _CONTAINER.match(line, position)) is not None:
        depth += 1 + _levels(marker.group(1), after_marker)
        position, after_marker = marker.end(), True
    rest = line[position:]
    return depth + _levels(rest[: len(rest) - len(rest.lstrip(" \t"))], after_marker)


def _levels(indent: str, after_marker: bool) -> int:
    """The levels of nesting an indentation makes: one per four columns, not counting the space
    that separates a marker from what follows it."""
    columns = len(indent.expandtabs(4)) - (1 if after_marker and indent else 0)
    return max(columns, 0) // 4


def text_excess(text: str, first_line: int) -> list[Excess]:
    """Where the Markdown ``text``, whose first line is file line ``first_line``, goes beyond
    the bounds of a story; nothing when it is fine to render."""
    found = []
    size = len(text.encode("utf-8"))
    if size > STORY_BYTES:
        found.append(Excess(first_line,
                            f"the text is {size:,} bytes long, more than the {STORY_BYTES:,} a story may hold",
                            "split it into several stories, or shorten it"))
    if (brackets := text.count("[")) > BRACKETS:
        found.append(Excess(first_line, f"the text has {brackets:,} '[' brackets, more than the {BRACKETS} allowed",
                            "a link or image takes one; remove the stray ones"))
    lines = text.split("\n")
    for number, line in enumerate(lines, start=first_line):
        if len(line) > LINE_CHARS:
            found.append(Excess(number, f"the line is {len(line):,} characters long, more than {LINE_CHARS:,}",
                                "break it into paragraphs (a blank line between them)"))
    deep = too_deep(line if len(line) <= LINE_CHARS else "" for line in lines)  # a long line: reported above
    if deep is not None:
        found.append(replace(deep, line=deep.line + first_line - 1))
    return sorted(found, key=lambda excess: excess.line)


def crowded(lines: Iterable[str]) -> Excess | None:
    """The first paragraph of ``lines`` (numbered from 1; paragraphs are parted by blank lines)
    with more '[' brackets than a story may hold: the renderer's time grows faster than linearly
    with the unclosed ones in a paragraph."""
    start, brackets = 1, 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            start, brackets = number + 1, 0
        elif (brackets := brackets + line.count("[")) > BRACKETS:
            return Excess(start, f"the paragraph has more than {BRACKETS} '[' brackets",
                          "a link or image takes one; remove the stray ones, or split the paragraph")
    return None


def too_deep(lines: Iterable[str]) -> Excess | None:
    """The first of ``lines`` (numbered from 1) that nests lists or quotes deeper than the
    renderer may follow, if any: one list too deep is one problem, however many of its lines are."""
    for number, line in enumerate(lines, start=1):
        if (depth := nesting(line)) > NESTING:
            return Excess(number, f"lists or quotes nest {depth} levels deep here, more than {NESTING}",
                          "flatten the list: fewer '-', '>' or '1.' markers, or less indentation")
    return None
