"""Story Markdown to HTML, with the author's raw HTML shown as text and only safe links kept."""

from __future__ import annotations

import re
from functools import lru_cache
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*):")
_LINKED = {"a": ("href", ("http", "https", "mailto")), "img": ("src", ("http", "https"))}


class _SafeLinks(Treeprocessor):
    """Unlink any URL whose scheme the site does not link (javascript:, data:, file: …)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            attribute, schemes = _LINKED.get(element.tag, (None, ()))
            value = element.get(attribute) if attribute else None
            scheme = _SCHEME.match(value) if value else None
            if scheme and scheme.group(1).lower() not in schemes:
                if element.tag == "img":
                    element.tag, element.text = "span", element.get("alt", "")
                    element.attrib.clear()
                else:
                    del element.attrib[attribute]
                    element.tag = "span"
            elif element.tag == "img":
                element.set("loading", "lazy")


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
    return md


_MD = _converter()


@lru_cache(maxsize=1 << 16)
def to_html(text: str) -> str:
    """HTML for an author's Markdown; raw HTML in it comes out escaped, as visible text.

    Cached: a story's text is shown on its roundup page and in several feeds.
    """
    return _MD.reset().convert(text)
