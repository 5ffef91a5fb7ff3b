"""What a page written by hand under docs/ may hold.

MkDocs renders a page's Markdown and keeps the HTML written in it as it is, so a page could carry
a script onto the site's own address as an SVG could (images.py). A page's rendered HTML may hold
no element that runs or embeds something (``<script>``, ``<iframe>``, ``<object>`` …), none that
changes where the page's links lead or what it loads (``<base>``, ``<meta>``, ``<link>``), no event
handler (``onclick=`` …) and no address whose scheme a link may not use (``javascript:``, ``data:``
…, by ``links.refused``). Such a page is an error at the line that holds it, in the check, the
build and the preview alike, rather than published cleaned: a page by hand is the maintainers'
own, and what they wrote should either go out as written or not at all. A page that must carry it
is named under ``extra.archive.publish_as_is`` in mkdocs.yml: the maintainer's decision.

The page is rendered with Python-Markdown's extensions that turn text into markup (attributes,
HTML blocks, tables, fences …): more than mkdocs.yml may enable, so nothing MkDocs would make an
attribute is missed, and code examples, which Markdown escapes, are never taken for markup.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown

from . import limits, links
from .images import Finding

_ACTIVE = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base",
                     "meta", "link"})
"""Elements that run something, embed another document, or change where the page leads and
what it loads."""
_ADDRESSES = frozenset({"href", "src", "xlink:href", "action", "formaction", "data", "poster", "background",
                        "cite", "srcset", "ping"})
"""Attributes whose value is an address a browser follows or loads."""
_EXTENSIONS = ("attr_list", "md_in_html", "tables", "fenced_code", "footnotes", "def_list", "admonition", "abbr")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_HINT = ("remove it; if the site must publish the page as it is, name it under extra.archive.publish_as_is "
         "in mkdocs.yml")


@lru_cache(maxsize=16)
def findings(text: str) -> tuple[Finding, ...]:
    """What the page whose Markdown is ``text`` would publish that may run on the site, each at
    the first line of ``text`` that shows it (1 when none does, as with a link written by
    reference); or where it nests lists or quotes deeper than the renderer may follow (as a
    story may not: limits.py)."""
    lines = text.splitlines()
    beyond = limits.too_deep(lines) or limits.crowded(lines)
    if beyond is not None:  # the renderer would not get to the end of it, or not soon
        return (Finding(beyond.line, beyond.message, beyond.hint),)
    try:
        html = markdown.Markdown(extensions=list(_EXTENSIONS)).convert(text)
    except RecursionError:  # as a story's (render/markup.py): HTML blocks nested past the bound of lists
        return (Finding(1, "the page nests deeper than the renderer can follow",
                        "flatten its lists, quotes or HTML blocks"),)
    reader = _ActiveMarkup()
    reader.feed(html)
    reader.close()
    shown = _markup_lines(lines)
    after: dict[tuple[str, ...], int] = {}
    found = []
    for needles, message in reader.found:
        start = after.get(needles, 0)
        after[needles] = min((line for needle in needles if (line := _line(shown, needle, start))), default=start)
        found.append(Finding(after[needles] or 1, message, _HINT))
    return tuple(found)


class _ActiveMarkup(HTMLParser):
    """Collects, from rendered HTML, what may run: each as the texts that show it in the page's
    Markdown (the first found places it) and the message."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE:
            self.found.append(((f"<{tag}",), f"the page has a <{tag}> element, which the site does not publish"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(((name,), f"the page has an event handler, '{name}', which would run on the site"))
            elif name in _ADDRESSES and value and links.refused(value):
                scheme = links.scheme(value)
                self.found.append(((f"{scheme}:" if scheme else value, f"{name}=", "]("),
                                   f"the page has a link or source that leads to '{_shown(value)}'"))

    handle_startendtag = handle_starttag


def _markup_lines(lines: list[str]) -> list[str]:
    """The Markdown ``lines``, lowercased, with code (fenced blocks and spans in backticks, which
    Markdown shows as text) blanked out; a fence never closed fences nothing."""
    fences = [number for number, line in enumerate(lines) if _FENCE.match(line)]
    fenced = {number for opening, closing in zip(fences[::2], fences[1::2], strict=False)
              for number in range(opening, closing + 1)}
    return ["" if number in fenced else _CODE_SPAN.sub("", line.lower()) for number, line in enumerate(lines)]


def _line(lines: list[str], needle: str, after: int) -> int:
    """The number of the first of ``lines`` after line ``after`` holding ``needle``; 0 if none does."""
    needle = needle.lower()
    return next((number for number, line in enumerate(lines[after:], start=after + 1) if needle in line), 0)


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "…"
