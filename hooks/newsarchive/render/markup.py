"""An author's Markdown to safe HTML: raw HTML shown as text, only allowed links kept, and the
result passed through an allow-list sanitiser as the last step.

Rendering also reports what validation must know about the text as the renderer reads it: the
link targets it unlinked and the headings it found (a story's body holds no ``#``/``##``
heading: only the parser's ``## `` lines start stories, so the two always agree on the stories).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from .. import links

_CHECKED = {"a": ("href", links.LINKED), "img": ("src", links.EMBEDDED)}
"""The attribute of each element that a reader follows, and the schemes it may use."""
_TOP_HEADINGS = ("h1", "h2")
_SANITISER = nh3.Cleaner(
    tags={"p", "br", "hr", "a", "img", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
          "h1", "h2", "h3", "h4", "h5", "h6", "span"},
    attributes={"a": {"href", "title"}, "img": {"src", "alt", "title", "loading"}, "ol": {"start"}},
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
    too_deep: bool = False
    """The renderer gave up: the text nests deeper than it can follow (nothing is shown)."""


class _Inspect(Treeprocessor):
    """Unlinks every target whose scheme is not allowed, and notes it and every top heading."""

    def run(self, root: etree.Element) -> None:
        unlinked: list[str] = []
        headings: list[str] = []
        for element in root.iter():
            if element.tag in _TOP_HEADINGS:
                headings.append("".join(element.itertext()).strip())
            attribute, allowed = _CHECKED.get(element.tag, ("", links.LINKED))
            value = element.get(attribute) if attribute else None
            if value is not None and links.refused(value, allowed):
                unlinked.append(value)
                _unlink(element)
            elif element.tag == "img":
                element.set("loading", "lazy")
        self.found = (tuple(unlinked), tuple(headings))


def _unlink(element: etree.Element) -> None:
    """Turn a link into its text, an image into its description."""
    if element.tag == "img":
        element.text = element.get("alt", "")
    element.tag = "span"
    element.attrib.clear()


def _converter() -> tuple[markdown.Markdown, _Inspect]:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    inspect = _Inspect(md)
    md.treeprocessors.register(inspect, "inspect", 0)
    return md, inspect


_MD, _INSPECT = _converter()


@lru_cache(maxsize=1 << 16)
def render_markdown(text: str) -> Rendered:
    """The author's Markdown ``text`` as sanitised HTML, with what validation needs to know.

    Cached: a story is rendered when it is checked and shown again on its page and in its feeds.
    Callers bound the text first (see limits.py); a text nested too deep for the renderer all the
    same comes back empty and marked ``too_deep`` instead of raising.
    """
    _INSPECT.found = ((), ())
    try:
        html = _MD.reset().convert(text)
    except RecursionError:
        return Rendered("", too_deep=True)
    unlinked, headings = _INSPECT.found
    return Rendered(_SANITISER.clean(html), unlinked, headings)


def to_html(text: str) -> str:
    """Safe HTML for an author's Markdown; raw HTML in it comes out escaped, as visible text."""
    return render_markdown(text).html
