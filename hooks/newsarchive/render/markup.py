"""An author's Markdown to safe HTML: raw HTML shown as text, only allowed links kept, and the
result passed through an allow-list sanitiser as the last step.

Rendering also reports what validation must know about the text as the renderer reads it: the
link targets it unlinked, those that are web addresses without their scheme, and the headings it
found (a story's body holds no ``#``/``##`` heading: only the parser's ``## `` lines start
stories, so the two always agree on the stories). A text is rendered with what its citations
(``[para. 3]``) lead to, its ``Citing``: each becomes a small numbered link to its list of
sources, or nothing where it leads nowhere (validation reports it); never bracketed text.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .. import links
from ..citations import CITATION, Citation, Citing, mark

_CHECKED = {"a": ("href", links.LINKED), "img": ("src", links.EMBEDDED)}
"""The attribute of each element that a reader follows, and the schemes it may use."""
_TOP_HEADINGS = ("h1", "h2")
_SANITISER = nh3.Cleaner(
    tags={"p", "br", "hr", "a", "img", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
          "h1", "h2", "h3", "h4", "h5", "h6", "span", "sup"},
    attributes={"a": {"href", "title", "aria-label"}, "img": {"src", "alt", "title", "loading"}, "ol": {"start"},
                "sup": {"class"}},
    url_schemes=set(links.LINKED),
    link_rel=None,
    strip_comments=True,
)


@dataclass(frozen=True)
class Rendered:
    html: str
    unlinked: tuple[str, ...] = ()
    """Link and image targets, as written, that were shown as text because of their scheme."""
    headings: tuple[str, ...] = ()
    """The text of every ``<h1>``/``<h2>`` the renderer made (none belong in a story's body)."""
    schemeless: tuple[str, ...] = ()
    """Link and image targets, as written, that are web or e-mail addresses without their scheme
    (``www.sec.gov/…``): a browser takes them for pages of this site."""
    too_deep: bool = False
    """The renderer gave up: the text nests deeper than it can follow (nothing is shown)."""


class _Inspect(Treeprocessor):
    """Unlinks every target whose scheme is not allowed, and notes it, every target that is an
    address without its scheme, and every top heading."""

    def run(self, root: etree.Element) -> None:
        unlinked: list[str] = []
        headings: list[str] = []
        schemeless: list[str] = []
        for element in root.iter():
            if element.tag in _TOP_HEADINGS:
                headings.append("".join(element.itertext()).strip())
            attribute, allowed = _CHECKED.get(element.tag, ("", links.LINKED))
            value = element.get(attribute) if attribute else None
            if value is not None and links.refused(value, allowed):
                unlinked.append(value)
                _unlink(element)
            else:
                if value is not None and links.meant_address(value):
                    schemeless.append(value)
                if element.tag == "img":
                    element.set("loading", "lazy")
        self.found = (tuple(unlinked), tuple(headings), tuple(schemeless))


def _unlink(element: etree.Element) -> None:
    """Turn a link into its text, an image into its description."""
    if element.tag == "img":
        element.text = element.get("alt", "")
    element.tag = "span"
    element.attrib.clear()


CITE_CLASS = "na-cite"


class _Cite(InlineProcessor):
    """A citation as a small numbered link to its entry in the list of sources (before the link
    patterns, which would take ``[para. 2][para. 3]`` for a reference)."""

    citing: Citing | None = None

    def handleMatch(  # type: ignore[override]  # the stubs, too, override Pattern's signature
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        first = int(m["first"])
        citation = Citation(m.start(), m.group(), (m["which"] or "").strip(), first,
                            int(m["last"]) if m["last"] else first, "")
        number = self.citing.resolve(citation.which) if self.citing else None
        if self.citing is None or number is None:
            return "", m.start(), m.end()
        text, entry, label = mark(citation, number, self.citing)
        sup = etree.Element("sup", {"class": CITE_CLASS})
        link = etree.SubElement(sup, "a", {"href": f"#{entry}", "aria-label": label})
        link.text = text
        return sup, m.start(), m.end()


def _converter() -> tuple[markdown.Markdown, _Inspect, _Cite]:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    inspect = _Inspect(md)
    md.treeprocessors.register(inspect, "inspect", 0)
    cite = _Cite(r"[ \t]*" + CITATION.pattern, md)  # the mark sits on the word before it
    md.inlinePatterns.register(cite, "cite", 175)
    return md, inspect, cite


class _Converters(threading.local):
    """A converter for each thread: the search records of a year are made on the search index's
    thread while the pages are rendered on the main one, and a converter keeps state as it works."""

    def __init__(self) -> None:
        self.md, self.inspect, self.cite = _converter()


_CONVERTERS = _Converters()


CACHED = 1 << 17
"""Renderings kept (a ten-year archive has 60,000 stories); past that the cache starts again."""
Written = tuple[str, Citing | None]
"""A text as the author wrote it, with what its citations lead to."""
_RENDERED: dict[Written, Rendered] = {}


def render_markdown(text: str, citing: Citing | None = None) -> Rendered:
    """The author's Markdown ``text`` as sanitised HTML, its citations leading where ``citing``
    says, with what validation needs to know.

    Cached: a story is rendered when it is checked and shown again on its page and in its feeds
    (``renderings``/``remember`` hand the cache between processes). Callers bound the text first
    (see limits.py); a text nested too deep for the renderer all the same comes back empty and
    marked ``too_deep`` instead of raising.
    """
    found = _RENDERED.get((text, citing))
    if found is None:
        found = _render(text, citing)
        remember({(text, citing): found})
    return found


def _render(text: str, citing: Citing | None) -> Rendered:
    converter = _CONVERTERS
    converter.inspect.found = ((), (), ())
    converter.cite.citing = citing
    try:
        html = converter.md.reset().convert(text)
    except RecursionError:
        return Rendered("", too_deep=True)
    unlinked, headings, schemeless = converter.inspect.found
    return Rendered(_SANITISER.clean(html), unlinked, headings, schemeless=schemeless)


def renderings() -> dict[Written, Rendered]:
    """Every rendering cached in this process, by its Markdown and citations."""
    return _RENDERED


def remember(rendered: dict[Written, Rendered]) -> None:
    """Add renderings (made in another process) to the cache."""
    if len(_RENDERED) + len(rendered) > CACHED:
        _RENDERED.clear()
    _RENDERED.update(rendered)


def to_html(text: str, citing: Citing | None = None) -> str:
    """Safe HTML for an author's Markdown; raw HTML in it comes out escaped, as visible text."""
    return render_markdown(text, citing).html


_CITES = re.compile(rf'<sup class="{CITE_CLASS}">.*?</sup>')
_TAG = re.compile(r"<(img\b[^<>]*)>|<[^<>]*>")
_ALT = re.compile(r'\balt="([^"]*)"')
_SENTENCE_END = re.compile(r"[.!?][\u201d\"')]*(?=\s+[^a-z\s])|[\u3002\uff01\uff1f]")
"""Where a sentence may end: a full stop, question or exclamation mark (and closing quotes) before
a space and a word that is not lowercase; a Chinese full stop ends one outright."""
_ABBREVIATION = re.compile(r"[A-Z]|Co|Corp|Inc|Ltd|Mr|Ms|Dr|No|vs|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
                           r"|U\.S|U\.K|approx|est")
"""A word that a full stop after it does not end a sentence: an initial, a suffix, a month."""
LEDE_WORDS = 30
LEDE_CHARS = 300
"""A lede's length in characters, whatever its words: Chinese text runs a sentence into one
"word", and every listing of a story repeats its lede (on each tagged entity's page too)."""


def plain_text(markdown: str, citing: Citing | None = None) -> str:
    """An author's Markdown as the words a reader sees: its rendered HTML (rendered once, for the
    page, and cached) without the tags and the citations; an image counts as its description.
    Not cached: each story's text is asked for once a build (its search record; ``lede`` keeps
    what listings show), and a cache of every story's text held 24 MB at ten years."""
    html = _CITES.sub("", to_html(markdown, citing))
    text = _TAG.sub(lambda tag: alt.group(1) if tag.group(1) and (alt := _ALT.search(tag.group(1))) else "", html)
    return " ".join(unescape(text).split())


@lru_cache(maxsize=1 << 16)
def lede(markdown: str, citing: Citing | None = None, words: int = LEDE_WORDS) -> str:
    """A story's first sentence, for listings: cut at a word near ``words`` words or
    ``LEDE_CHARS`` characters, with an ellipsis."""
    text = plain_text(markdown, citing)
    for end in _SENTENCE_END.finditer(text):
        word = text[max(0, end.start() - 8) : end.start()].rsplit(" ", 1)[-1].lstrip("(\"\u201c")
        if not _ABBREVIATION.fullmatch(word):
            text = text[: end.end()]
            break
    kept = text.split(" ")
    cut = text if len(kept) <= words else " ".join(kept[:words])
    if len(cut) > LEDE_CHARS:
        cut = cut[:LEDE_CHARS].rsplit(" ", 1)[0] if " " in cut[1:LEDE_CHARS] else cut[:LEDE_CHARS]
    return text if cut == text else cut.rstrip(",;:") + "…"
