"""What Pagefind reads of a roundup's search document (render/search.py), read back as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from newsarchive.render.search import SearchPage


@dataclass
class Story:
    anchor: str
    title: str = ""
    marks: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Document(HTMLParser):
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)
    _open: tuple[str, str] | None = None
    _text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for kind in ("meta", "filter", "sort"):
            if (name := found.get(f"data-pagefind-{kind}")) is not None:
                self._open = (kind, name)
        if tag == "h2":
            self.stories.append(Story(found["id"] or ""))
            self._open = ("h2", "")
        elif tag == "s":
            self.stories[-1].marks.append(found["id"] or "")
        elif tag == "p":
            self._open = ("p", "")
        self._text = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is None or tag not in ("span", "h2", "p"):
            return
        kind, name = self._open
        text = "".join(self._text)
        if kind == "meta":
            self.meta[name] = text
        elif kind == "filter":
            self.filters.setdefault(name, []).append(text)
        elif kind == "sort":
            self.sort[name] = text
        elif kind == "h2":
            self.stories[-1].title = text
        else:
            self.stories[-1].paragraphs.append(text)
        self._open = None


def read(page: SearchPage) -> Document:
    document = Document()
    document.feed(page.html)
    return document
