"""Tag suggestions: registry companies a story names in its text but does not tag.

A mention may be incidental ("a former ByteDance engineer"): the author answers the suggestion
by tagging the company, or by listing it after ``; not about:`` on the Tags line. Suggestions
never fail anything. One Aho-Corasick automaton holds every name, alias and Chinese name of every
company, so each story is scanned once whatever the size of the registry.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick_rs

from .model import CJK_START, Company, is_cjk
from .parse import NOT_ABOUT, Section
from .problems import SUGGESTION, WARNING, Problem


def _wordlike(char: str) -> bool:
    """A letter or digit of a script that separates words with spaces (Latin, Greek, Cyrillic)."""
    return char.isalnum() and ord(char) < CJK_START


def _distinctive(name: str) -> bool:
    """Long enough to be worth a warning: "Li" or "Go" would match ordinary words.

    Names in CJK script need two characters; others three, or two capitals (LG, GM).
    """
    if is_cjk(name):
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
            for name in company.names:
                if _distinctive(name):
                    slug_of.setdefault(name, company.slug)
        self._names = list(slug_of)
        self._slugs = [slug_of[name] for name in self._names]
        self._listed = set(self._slugs)
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

    def problems(self, path: str, section: Section, meant: set[str]) -> list[Problem]:
        """A suggestion for each company the story of ``section`` names but neither tags nor marks
        'not about', and a warning for each it marks 'not about' without naming it. ``meant`` are
        the slugs its tags stand for (a misspelt tag is reported as such, not suggested again)."""
        if not section.tags_line:
            return []  # the missing Tags line is the problem to fix first
        heading_end = len(section.heading)
        found = self.find(f"{section.heading}\n{section.body}")
        problems = []
        for slug, (name, offset) in found.items():
            if slug in meant:
                continue
            if offset < heading_end:
                line = section.line
            else:
                line = section.body_line + section.body.count("\n", 0, offset - heading_end - 1)
            problems.append(
                Problem(path, line, "Tags", f"the story mentions {name} but is not tagged '{slug}'",
                        f"add {slug} to its Tags line, or '; {NOT_ABOUT}: {slug}' if the story is not about it",
                        SUGGESTION)
            )
        for slug in section.not_about:
            if slug in self._listed and slug not in found:
                problems.append(Problem(path, section.tags_line, "Tags", f"'{slug}' is marked '{NOT_ABOUT}' but the "
                                        "story does not name it", "remove it from the Tags line", WARNING))
        return problems
