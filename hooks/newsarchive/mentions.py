"""Tag suggestions: registry companies a story names in its text but does not tag.

A mention may be incidental ("a former ByteDance engineer"), so these are warnings for the check
command, never build errors. One Aho-Corasick automaton holds every name, alias and Chinese name
of every company, so each story is scanned once whatever the size of the registry.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick_rs

from .model import Company, Roundup
from .parse import Section, parse_file
from .problems import WARNING, Problem

_CJK_START = 0x2E80
"""Scripts from here on (Chinese, Japanese, Korean) are written without spaces between words."""


def _wordlike(char: str) -> bool:
    """A letter or digit of a script that separates words with spaces (Latin, Greek, Cyrillic)."""
    return char.isalnum() and ord(char) < _CJK_START


def _distinctive(name: str) -> bool:
    """Long enough to be worth a warning: "Li" or "Go" would match ordinary words.

    Names in CJK script need two characters; others three, or two capitals (LG, GM).
    """
    if any(ord(char) >= _CJK_START for char in name):
        return len(name) >= 2
    return len(name) >= 3 or (len(name) == 2 and name.isupper())


class CompanyMentions:
    """Finds the registry companies a text names.

    Names match case-sensitively ("Tesla", not "tesla" in a URL). An edge of a name that is a
    Latin letter or digit must also be an edge of a word ("BYD" does not match in "BYDs"), while
    CJK edges need none (小米 matches in 据小米称). Where names overlap, the longest wins, so
    "Alibaba Health" is not also a mention of "Alibaba".
    """

    def __init__(self, companies: Iterable[Company]) -> None:
        slug_of: dict[str, str] = {}
        for company in companies:
            for name in (company.name, company.name_zh, *company.aliases):
                if _distinctive(name):
                    slug_of.setdefault(name, company.slug)
        self._names = list(slug_of)
        self._slugs = [slug_of[name] for name in self._names]
        self._automaton = ahocorasick_rs.AhoCorasick(self._names) if self._names else None

    def find(self, text: str) -> dict[str, tuple[str, int]]:
        """The companies ``text`` mentions: slug -> (the name as written, offset of its first mention)."""
        if self._automaton is None:
            return {}
        hits = sorted(
            ((start, end, index)
             for index, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True)
             if self._whole(text, start, end)),
            key=lambda hit: (hit[0], -hit[1]),
        )
        found: dict[str, tuple[str, int]] = {}
        reach = -1
        for start, end, index in hits:
            if end <= reach:
                continue  # inside a longer name found at or before this start
            reach = end
            found.setdefault(self._slugs[index], (self._names[index], start))
        return found

    @staticmethod
    def _whole(text: str, start: int, end: int) -> bool:
        """True unless the match cuts a word of a space-separated script."""
        if start > 0 and _wordlike(text[start]) and _wordlike(text[start - 1]):
            return False
        return not (end < len(text) and _wordlike(text[end - 1]) and _wordlike(text[end]))

    def any_untagged(self, roundup: Roundup) -> bool:
        """Whether any story of an already-read roundup names a company it does not tag.

        A quick test, so that only the files with suggestions are read again for line numbers.
        """
        return any(
            slug not in story.companies
            for story in roundup.stories
            for slug in self.find(f"{story.title}\n{story.body}")
        )

    def untagged(self, path: str, text: str) -> list[Problem]:
        """A warning for each company a story of the roundup file ``text`` names but does not tag."""
        return [problem for section in parse_file(text).sections for problem in self._section(path, section)]

    def _section(self, path: str, section: Section) -> list[Problem]:
        tagged = set(section.tags)
        heading_end = len(section.heading)
        problems = []
        for slug, (name, offset) in self.find(f"{section.heading}\n{section.body}").items():
            if slug in tagged:
                continue
            if offset < heading_end:
                line = section.line
            else:
                line = section.body_line + section.body.count("\n", 0, offset - heading_end - 1)
            problems.append(
                Problem(path, line, "Tags", f"the story mentions {name} but is not tagged '{slug}'",
                        f"add {slug} to its Tags line", WARNING)
            )
        return problems
