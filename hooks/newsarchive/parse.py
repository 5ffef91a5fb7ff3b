"""Split a roundup file into frontmatter, introduction and story sections, keeping line numbers.

Parsing passes no judgement beyond what it must to find the parts; validate.py decides what is
acceptable. python-frontmatter is not used: its boundary pattern lets blank lines around the
closing ``---`` shift, which would make every reported body line uncertain.

A story starts at a ``## `` line and nowhere else. The renderer (Python-Markdown, without fenced
code) knows no fences, so neither does the parser: a stray ```` ``` ```` hides no story. Where
the renderer would still read a heading inside a story (``Title`` over ``===``, ``- ## x``),
validation rejects it, so the parser's stories are the reader's stories. Every pattern here
matches in linear time: no nested or adjacent unbounded quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_H2 = re.compile(r" {0,3}##(?:[ \t]|$)")
_TAGS = re.compile(r"[ \t]*tags[ \t]*:", re.IGNORECASE)
_SOURCE = re.compile(r"[ \t]*sources?[ \t]*:", re.IGNORECASE)
_AI = re.compile(r"[ \t]*ai[ \t]*-?[ \t]*generated[ \t]*:", re.IGNORECASE)
_FRONTMATTER_FENCE = "---"
_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class StrayTags:
    """A ``Tags:`` line that is not directly under a ``## `` headline, so it belongs to no story."""

    line: int
    above: str
    """The nearest line above it that is not blank, as written ("" when there is none)."""
    above_line: int


@dataclass
class Section:
    """An H2 section of the body: one story, as written."""

    heading: str
    line: int
    anchor: str = ""
    """The ``{#anchor}`` written after the heading, if any."""
    tags: list[str] = field(default_factory=list)
    not_about: list[str] = field(default_factory=list)
    """Slugs after ``; not about:`` on the Tags line: named in the story, but not its subject."""
    unknown_markers: list[str] = field(default_factory=list)
    """Labels of other ``; label: …`` parts of the Tags line (likely typos of ``not about``)."""
    tags_line: int = 0
    """Line of the ``Tags:`` line directly under the heading; 0 when there is none."""
    source_lines: list[tuple[int, str]] = field(default_factory=list)
    """Each ``Source:`` line under the heading, with Tags: its line and what follows the label."""
    ai_line: tuple[int, str] | None = None
    """The ``AI-generated:`` line under the heading, if any: its line and its value."""
    stray_headers: list[tuple[int, str]] = field(default_factory=list)
    """``Source:`` and ``AI-generated:`` lines further down the story, by line: belonging to no
    story's heading (the label as written)."""
    stray_tags: list[StrayTags] = field(default_factory=list)
    """The other ``Tags:`` lines of the story: misplaced, or under a headline not written ``## ``."""
    body: str = ""
    body_line: int = 0
    """File line of the first line of ``body``."""


@dataclass
class ParsedFile:
    frontmatter_text: str | None
    """The YAML between the ``---`` lines; None when the file has no frontmatter block."""
    frontmatter_line: int
    """File line of the first YAML line."""
    body_line: int
    """File line where the body starts."""
    unterminated: bool = False
    intro: str = ""
    intro_line: int = 0
    """File line of the first line of ``intro``."""
    stray_tags: list[StrayTags] = field(default_factory=list)
    """``Tags:`` lines in the introduction, before any story."""
    sections: list[Section] = field(default_factory=list)


def parse_file(text: str) -> ParsedFile:
    """Split ``text`` (a whole roundup file) into its parts.

    Lines end where an editor and the renderer end them (at CR, LF or CRLF), not at the other
    separators ``str.splitlines`` knows (U+2028, form feed …), so line numbers match the editor's.
    """
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()  # the file's final line break
    if not lines or not _is_fence(lines[0]):
        parsed = ParsedFile(None, 1, 1)
        _split_body(parsed, lines, 1)
        return parsed
    end = next((i for i in range(1, len(lines)) if _is_fence(lines[i])), None)
    if end is None:
        return ParsedFile("\n".join(lines[1:]), 2, len(lines) + 1, unterminated=True)
    parsed = ParsedFile("\n".join(lines[1:end]) + "\n", 2, end + 2)
    _split_body(parsed, lines[end + 1 :], end + 2)
    return parsed


def _is_fence(line: str) -> bool:
    """Only an unindented ``---`` opens or closes the frontmatter: an indented one (or ``...``)
    inside a ``summary: |`` block is part of the text."""
    return line.rstrip() == _FRONTMATTER_FENCE


def _split_body(parsed: ParsedFile, lines: list[str], first_line: int) -> None:
    """Fill the intro and sections of ``parsed`` from the body ``lines``."""
    intro: list[str] = []
    current = intro
    story_lines: list[list[str]] = []
    for number, line in enumerate(lines, start=first_line):
        if (heading := _H2.match(line)) is not None:
            parsed.sections.append(_section(_heading_text(line[heading.end() :]), number))
            current = []
            story_lines.append(current)
            continue
        current.append(line)
    parsed.intro = "\n".join(intro).strip()
    parsed.intro_line = first_line + next((i for i, line in enumerate(intro) if line.strip()), 0)
    parsed.stray_tags = _tags_lines(intro, first_line)
    for section, section_lines in zip(parsed.sections, story_lines, strict=True):
        _read_header(section, section_lines)


def _heading_text(rest: str) -> str:
    """A heading's text: what follows ``## ``, without the optional closing ``#``s."""
    return rest.strip(" \t").rstrip("#").rstrip(" \t")


def _section(heading: str, line: int) -> Section:
    """A story's section; a trailing ``{#anchor}`` on the headline names its anchor (validation
    judges what is written there, spaces included)."""
    start = heading.rfind("{#")
    if heading.endswith("}") and start >= 0 and "}" not in heading[start + 2 : -1]:
        return Section(heading[:start].strip(), line, anchor=heading[start + 2 : -1].strip())
    return Section(heading, line)


NOT_ABOUT = "not about"
"""The marker on a Tags line for companies a story names without being about them:
``Tags: xiaomi, ev; not about: byd``."""


def _read_tag_list(section: Section, text: str) -> None:
    """The slugs of a Tags line, and those after its ``; not about:`` marker."""
    tags, *marked = text.split(";")
    section.tags = _slugs(tags)
    for part in marked:
        label, _, slugs = part.partition(":")
        if " ".join(label.split()).casefold() == NOT_ABOUT:
            section.not_about += _slugs(slugs)
        else:
            section.unknown_markers.append(label.strip())


def _slugs(text: str) -> list[str]:
    return [slug.strip() for slug in text.split(",") if slug.strip()]


def _read_header(section: Section, lines: list[str]) -> None:
    """Take the lines under the heading that say what the story is tagged with, what it is based on
    and whether a machine wrote it (``Tags:``, ``Source:``, ``AI-generated:``, in any order, blank
    lines between them allowed); the rest is the story's text."""
    start = section.line + 1
    section.stray_tags = _tags_lines(lines, start)
    taken = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if (tags := _TAGS.match(line)) and not section.tags_line:
            _read_tag_list(section, line[tags.end() :])
            section.tags_line = start + index
            section.stray_tags = [stray for stray in section.stray_tags if stray.line != section.tags_line]
        elif source := _SOURCE.match(line):
            section.source_lines.append((start + index, line[source.end() :].strip()))
        elif (ai := _AI.match(line)) and section.ai_line is None:
            section.ai_line = (start + index, line[ai.end() :].strip())
        else:
            break
        taken = index + 1
    section.stray_headers = [(start + index, label.group().strip().rstrip(":").strip())
                             for index, line in enumerate(lines[taken:], start=taken)
                             if (label := _SOURCE.match(line) or _AI.match(line))]
    rest = lines[taken:]
    blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    section.body = "\n".join(rest[blank:]).strip()
    section.body_line = start + taken + blank


def _tags_lines(lines: list[str], first_line: int) -> list[StrayTags]:
    """Every ``Tags:`` line of ``lines`` (whose first is file line ``first_line``), each with the
    line written above it; the caller takes out the one that belongs under the headline."""
    found = []
    above, above_line = "", 0
    for number, line in enumerate(lines, start=first_line):
        if _TAGS.match(line):
            found.append(StrayTags(number, above, above_line))
        if line.strip():
            above, above_line = line, number
    return found
