"""Reading a built site as a browser would: its pages, their links and their anchors."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "img", "script", "source"):
                self.links.append(values[name])


def page_links(site: Path) -> dict[str, _Links]:
    """Every HTML page of ``site`` by its URL path ("/2024/03/12/"), parsed once."""
    pages = {}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[url] = parser
    return pages


def broken_links(site: Path) -> list[str]:
    """Internal links of the site whose target file or #anchor does not exist."""
    pages = page_links(site)
    broken = []
    for url, parsed in pages.items():
        if url == "/404.html":  # MkDocs writes it with links absolute from site_url's path, by design
            continue
        for link in parsed.links:
            target = urlsplit(urljoin("http://site" + url, link))
            if target.netloc != "site":
                continue
            path = unquote(target.path)
            file = site / path.lstrip("/")
            if path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{url} -> {link} (no file)")
            elif target.fragment and path in pages and unquote(target.fragment) not in pages[path].ids:
                broken.append(f"{url} -> {link} (no anchor)")
    return broken
