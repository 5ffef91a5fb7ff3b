"""The one rule for which links the site makes, judged on the address a browser will follow.

Pages, feeds and validation all ask this module. A link target written in Markdown reaches the
browser through HTML, where character references are decoded (``&#106;avascript:`` is
``javascript:``), and through feeds, whose XML writer drops control characters XML cannot carry.
The URL standard then strips leading and trailing controls and spaces and removes tabs and
newlines anywhere. So the scheme is read after all of that, and more: every whitespace and control
character is removed, which can only make a refusal more likely, never less.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

LINKED = frozenset({"http", "https", "mailto"})
"""Schemes a link (``<a href>``) may use."""
EMBEDDED = frozenset({"http", "https"})
"""Schemes an embedded image (``<img src>``) may use."""

_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def as_followed(value: str) -> str:
    """``value`` (an attribute as written in HTML) as the address a browser follows, for judging only."""
    return _INVISIBLE.sub("", html.unescape(value))


def scheme(value: str) -> str:
    """The scheme a browser reads in the attribute ``value``, lowercased; "" for a relative link."""
    found = _SCHEME.match(as_followed(value))
    return found.group(1).lower() if found else ""


def refused(value: str, allowed: frozenset[str] = LINKED) -> bool:
    """True when the attribute ``value`` would take a reader to a scheme outside ``allowed``
    (``javascript:``, ``data:``, ``file:`` …). Relative links stay on the site and are allowed."""
    found = scheme(value)
    return bool(found) and found not in allowed


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) address with a host and no whitespace or control character:
    the only form the registry and the frontmatter accept for a URL. Such a value is escaped
    wherever it is written, so the browser follows it as it is."""
    if _INVISIBLE.search(value):
        return False
    return scheme(html.escape(value)) in EMBEDDED and bool(urlsplit(value).hostname)
