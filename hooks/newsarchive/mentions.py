"""Tag suggestions: registry companies a story names in its text but does not tag.

A mention may be incidental ("a former ByteDance engineer"): the author answers the suggestion
by tagging the company, or by listing it after ``; not about:`` on the Tags line. Suggestions
never fail anything. One Aho-Corasick automaton holds every name, alias and Chinese name of every
company, so each story is scanned once, in time and memory that grow with its length only, whatever
the size of the registry or how its names nest ("A", "AA", "AAA"…).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick_rs

from .model import CJK_START, Company, is_cjk
from .parse import NOT_ABOUT, Section
from .problems import SUGGESTION, WARNING, Problem

_EDGE, _STAND_IN = "\ufdd0", "\ufdd1"
"""A word edge in the text scanned, and what the text's own ``_EDGE`` is scanned as: Unicode
noncharacters, which no text should hold, and no name found may."""
_WORDLIKE = rf"[^\W_{chr(CJK_START)}-\U0010ffff]"
"""A letter or digit of a script that separates words with spaces (Latin, Greek, Cyrillic): a
character ``str.isalnum`` accepts, below the CJK scripts."""
_WORDS = re.compile(f"({_WORDLIKE}+)")
"""A run of such letters and digits: a word, whose two ends are word edges."""


def _with_edges(text: str) -> str:
    """``text`` with every word edge marked: a name marked so is found in a text marked so only
    where each of its Latin ends is a word edge of the text ("BYD" in "BYD's", not in "BYDs"),
    and anywhere for its CJK ends (小米 in 据小米称)."""
    return _EDGE.join(_WORDS.split(text.replace(_EDGE, _STAND_IN)))  # words and what is between, alternately


def _distinctive(name: str) -> bool:
    """Long enough to be worth a warning: "Li" or "Go" would match ordinary words.

    Names in CJK script need two characters; others three, or two capitals (LG, GM).
    """
    if _EDGE in name or _STAND_IN in name:
        return False
    if is_cjk(name):
        return len(name) >= 2
    return len(name) >= 3 or (len(name) == 2 and name.isupper())


class CompanyMentions:
    """Finds the registry companies a text names.

    Names match case-sensitively ("Tesla", not "tesla" in a URL). An edge of a name that is a
    Latin letter or digit must also be an edge of a word ("BYD" does not match in "BYDs"), while
    CJK edges need none (小米 matches in 据小米称). Mentions found do not overlap: where several
    names start, the longest wins ("Alibaba Health" is not also a mention of "Alibaba"), and the
    scan goes on after it.
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
        self._automaton = ahocorasick_rs.AhoCorasick(
            [_with_edges(name) for name in self._names], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        ) if self._names else None

    def find(self, text: str) -> dict[str, tuple[str, int]]:
        """The companies ``text`` mentions: slug -> (the name as written, offset of its first mention).

        One pass over the text, whatever the registry: the scan takes the longest name starting
        at the leftmost place one starts and goes on after it, so the names it keeps do not
        overlap and are at most as many as the text has characters.
        """
        if self._automaton is None:
            return {}
        marked = _with_edges(text)
        found: dict[str, tuple[str, int]] = {}
        edges = cursor = 0
        for index, start, _ in self._automaton.find_matches_as_indexes(marked):
            edges += marked.count(_EDGE, cursor, start)
            cursor = start
            found.setdefault(self._slugs[index], (self._names[index], start - edges))
        return found

    def problems(self, path: str, section: Section, meant: set[str]) -> list[Problem]:
        """A suggestion for each company the story of ``section`` names but neither tags nor marks
        'not about', and a warning for each it marks 'not about' without naming it. ``meant`` are
        the slugs its tags stand for (a misspelt tag is reported as such, not suggested again)."""
        if not section.tags_line:
            return []  # the missing Tags line is the problem to fix first
        text = f"{section.heading}\n{section.body}"
        found = self.find(text)
        problems = []
        breaks = counted = 0
        for slug, (name, offset) in found.items():  # in the order of their first mentions
            breaks += text.count("\n", counted, offset)
            counted = offset
            if slug in meant:
                continue
            line = section.body_line + breaks - 1 if breaks else section.line
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
