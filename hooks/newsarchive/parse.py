"""Split a roundup file into frontmatter, introduction and story sections, keeping line numbers.

Parsing passes no judgement beyond what it must to find the parts; validate.py decides what is
acceptable. python-frontmatter is not used: its boundary pattern lets blank lines around the
closing ``---`` shift, which would make every reported body line uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_H1 = re.compile(r"^ {0,3}#(?:[ \t]+|$)")
_H2 = re.compile(r"^ {0,3}##(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_TAGS = re.compile(r"^\s*tags\s*:(.*)$", re.IGNORECASE)
_EXPLICIT_ANCHOR = re.compile(r"\s*\{#([^}\s]*)\}\s*$")


@dataclass
class Section:
    """An H2 section of the body: one story, as written."""

    heading: str
    line: int
    anchor: str = ""
    """The ``{#anchor}`` written after the heading, if any."""
    tags: list[str] = field(default_factory=list)
    tags_line: int = 0
    """Line of the ``Tags:`` line directly under the heading; 0 when there is none."""
    stray_tags_line: int = 0
    """Line of a ``Tags:`` line found elsewhere in the story (a likely misplacement)."""
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
    sections: list[Section] = field(default_factory=list)
    h1_lines: list[int] = field(default_factory=list)


def parse_file(text: str) -> ParsedFile:
    """Split ``text`` (a whole roundup file) into its parts."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        parsed = ParsedFile(None, 1, 1)
        _split_body(parsed, lines, 1)
        return parsed
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return ParsedFile("\n".join(lines[1:]), 2, len(lines) + 1, unterminated=True)
    parsed = ParsedFile("\n".join(lines[1:end]) + "\n", 2, end + 2)
    _split_body(parsed, lines[end + 1 :], end + 2)
    return parsed


def _split_body(parsed: ParsedFile, lines: list[str], first_line: int) -> None:
    """Fill the intro and sections of ``parsed`` from the body ``lines``."""
    intro: list[str] = []
    current = intro
    story_lines: list[list[str]] = []
    fence = ""
    for number, line in enumerate(lines, start=first_line):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        elif (heading := _H2.match(line)) is not None:
            parsed.sections.append(_section(heading.group(1) or "", number))
            current = []
            story_lines.append(current)
            continue
        elif _H1.match(line):
            parsed.h1_lines.append(number)
        current.append(line)
    parsed.intro = "\n".join(intro).strip()
    for section, section_lines in zip(parsed.sections, story_lines):
        _read_tags(section, section_lines)


def _section(heading: str, line: int) -> Section:
    explicit = _EXPLICIT_ANCHOR.search(heading)
    if explicit:
        return Section(heading[: explicit.start()].strip(), line, anchor=explicit.group(1))
    return Section(heading.strip(), line)


def _read_tags(section: Section, lines: list[str]) -> None:
    """Take the ``Tags:`` line directly under the heading; the rest is the story's text."""
    start = section.line + 1
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and (tags := _TAGS.match(lines[first])):
        section.tags = [t.strip() for t in tags.group(1).split(",") if t.strip()]
        section.tags_line = start + first
        start += first + 1
        lines = lines[first + 1 :]
    else:
        stray = next((i for i, line in enumerate(lines) if _TAGS.match(line)), None)
        if stray is not None:
            section.stray_tags_line = start + stray
    blank = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    section.body = "\n".join(lines[blank:]).strip()
    section.body_line = start + blank
