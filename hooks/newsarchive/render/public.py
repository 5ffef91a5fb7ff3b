"""The site's public address, and the one XML writer of feeds and sitemaps.

Feeds, sitemaps and sharing metadata are read away from the site, so they need absolute URLs
built from ``site_url``, which may carry a sub-path (``https://owner.github.io/archive/``).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from .. import urls
from ..dates import Zone
from ..settings import Settings

_URL_SAFE = "/#:@!$&'()*+,;=~%-._"
"""Characters kept as they are when a URL is percent-encoded: ASCII URLs pass unchanged."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class PublicSite:
    url: str = ""
    """``site_url`` with a trailing slash; empty when mkdocs.yml sets none."""
    name: str = "News archive"
    description: str = ""
    language: str = "en"
    """The site's language (``theme.language``), for feeds, structured data and sitemaps."""
    zone: Zone = field(default_factory=Zone)
    """The archive's time zone: a roundup is published at the start of its day there."""
    docs: Path | None = None
    """The folder of the site's own files (docs/), where lead images are read to draw them for
    sharing (render/share_cards.py); None: none is read."""
    contact: str = ""
    """The e-mail address readers report errors to, if mkdocs.yml gives one."""

    @classmethod
    def of(cls, settings: Settings) -> PublicSite:
        url = settings.site_url.strip()
        name = settings.site_name or cls.name
        return cls(url if not url or url.endswith("/") else f"{url}/", name,
                   settings.description or f"{name}: every roundup, company and topic", settings.language,
                   settings.zone, settings.docs_path, settings.contact)

    @property
    def locale(self) -> str:
        """The language as Open Graph writes it: ``en``, ``zh_CN``."""
        return self.language.replace("-", "_")

    def absolute(self, url: str) -> str:
        """The public address of a site-relative URL (``2024/03/12/#anchor``, ``images/a.jpg``).

        An http(s) URL (an image hosted elsewhere) is returned as it is. Call only when ``self.url``
        is set; without it the site's address is unknown.
        """
        if "://" in url:
            return url
        return self.url + quote(url, safe=_URL_SAFE)

    def link(self, url: str, base: str) -> str:
        """``url`` for a document at the site-relative folder ``base``: absolute when the site's
        address is known, else relative to ``base``."""
        if self.url or "://" in url:
            return self.absolute(url)
        return quote(urls.relative(base, url), safe=_URL_SAFE)

    def tag(self, minted: dt.date, url: str, base: str) -> str:
        """A permanent id for the thing at ``url``, first published on ``minted``.

        A tag URI (RFC 4151) keeps its value when the roundup's text, title or corrections
        change; only a new address (site_url, date, edition or anchor) makes a new id. Without a
        site address the id is the permalink relative to ``base``, which readers resolve.
        """
        if not self.url:
            return self.link(url, base)
        parts = urlsplit(self.url)
        return f"tag:{parts.hostname},{minted.isoformat()}:{quote(parts.path + url, safe=_URL_SAFE)}"


def xml_document(root: etree.Element) -> str:
    """``root`` as an XML file: ElementTree escapes text and attributes; characters XML 1.0
    cannot carry at all are dropped so one stray byte cannot make a whole feed unreadable."""
    body = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + _NOT_XML.sub("", body) + "\n"
