"""Citations of a source's paragraphs in a story's text: ``[para. 3]``, ``[paras. 2–4]``,
``[2, para. 3]`` or ``[TechNode, para. 3]`` (which of the story's sources), and ``[para. 3 "The
round was led"]`` (the paragraph's opening words, for a link that jumps to it).

The page shows each as a small numbered link (¶3) to the story's list of sources, whose entries
link the articles; nothing prints the brackets as text. Validation finds every citation and every
bracket that looks like one but is not (``[para 3]``, ``[para. three]``), each at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import limits
from .model import Source

CITATION = re.compile(
    r"\[(?:(?P<which>[^\[\]\n,\"“]{1,80}?)\s*,\s*)?(?P<label>paras?)\.[ \t]*(?P<first>\d{1,4})"
    r"(?:[ \t]*[-–][ \t]*(?P<last>\d{1,4}))?(?:[ \t]+(?P<words>\"[^\"\[\]\n]{1,200}\"|“[^”\[\]\n]{1,200}”))?\]"
)
"""A citation as written. Every quantifier is bounded: linear in the text."""
_LOOKS_LIKE = re.compile(
    r"\[[ \t]*(?:[^\[\]\n,]{1,80},[ \t]*)?(?:¶|p|pp|par|pars|para|paras|paragraph|paragraphs)\b[^\[\]\n]{0,200}\]"
    r"(?!\()", re.IGNORECASE)
"""A bracket that reads as a citation, or was meant as one (a link's text is not: it is followed by '(')."""
EXAMPLE = "[para. 3], [paras. 2–4] or [2, para. 3]"
INTRO = "roundup"
"""Where the citations of a roundup's introduction lead: the entry of the roundup's own source."""


@dataclass(frozen=True)
class Citation:
    """One citation, as found in a text."""

    offset: int
    """Where it starts in the text."""
    written: str
    which: str
    """The source it names (its number or its outlet), or "" for the story's only source."""
    first: int
    last: int
    words: str
    """The paragraph's opening words, if given (without their quotes)."""


@dataclass(frozen=True)
class Misread:
    """A bracket meant as a citation that is not one."""

    offset: int
    written: str


def find(text: str) -> Iterator[Citation | Misread]:
    """Every citation of ``text``, and every bracket that looks like one but is not, in order."""
    for found in _LOOKS_LIKE.finditer(text):
        exact = CITATION.fullmatch(found.group())
        if exact is None:
            yield Misread(found.start(), found.group())
            continue
        first = int(exact["first"])
        yield Citation(found.start(), found.group(), (exact["which"] or "").strip(), first,
                       int(exact["last"]) if exact["last"] else first, (exact["words"] or "")[1:-1].strip())


@dataclass(frozen=True)
class Citing:
    """What a text's citations lead to: the place of its list of sources on the page, and the
    sources in the list's order, by outlet."""

    place: str
    """What its list of sources is of, in its entries' ids: a story's anchor, or ``INTRO``."""
    outlets: tuple[str, ...]

    def resolve(self, which: str) -> int | None:
        """The number (from 1) of the source ``which`` names: its number, or its outlet as written
        on its Source line (any case); the only source for ""."""
        if not which:
            return 1 if len(self.outlets) == 1 else None
        if which.isdigit():
            number = int(which)
            return number if 1 <= number <= len(self.outlets) else None
        names = [outlet.casefold() for outlet in self.outlets]
        return names.index(which.casefold()) + 1 if which.casefold() in names else None

    def entry(self, number: int) -> str:
        """The id of the list entry of source ``number`` (in the page's own ``na-`` ids, which no
        story's anchor can take)."""
        return f"na-{self.place}-source-{number}"


def citing_for(place: str, sources: tuple[Source, ...]) -> Citing | None:
    """What the citations of a text at ``place`` based on ``sources`` lead to; None without sources.
    The one rule validation (which renders every text once) and the pages share."""
    return Citing(place, tuple(source.name for source in sources)) if sources else None


def mark(citation: Citation, number: int, citing: Citing) -> tuple[str, str, str]:
    """What the page shows for ``citation`` of source ``number``: its text (``¶3``, ``¶2–4``,
    ``2:¶3`` where a story has several sources), the id of the list entry it links to, and its
    words for a screen reader."""
    paragraphs = f"{citation.first}–{citation.last}" if citation.last != citation.first else str(citation.first)
    several = len(citing.outlets) > 1
    text = f"{number}:¶{paragraphs}" if several else f"¶{paragraphs}"
    spoken = "paragraphs" if citation.last != citation.first else "paragraph"
    label = f"{citing.outlets[number - 1]}, {spoken} {paragraphs}"
    return text, citing.entry(number), label


def fragment_link(url: str, words: str) -> str:
    """``url`` with a text fragment (``#:~:text=``) that takes a browser that knows them to the
    paragraph opening with ``words``; the plain address for one that does not."""
    words = " ".join(words.split())[: limits.NAME_CHARS]
    encoded = "".join(char if char.isalnum() and char.isascii() else "%" + "%".join(
        f"{byte:02X}" for byte in char.encode("utf-8")) for char in words)
    return f"{url.split('#', 1)[0]}#:~:text={encoded}"
