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
    (``javascript:``, ``data:``, ``file:`` …) or to a host disguised by a user name (see
    ``disguise``). Relative links stay on the site and are allowed."""
    found = scheme(value)
    return (bool(found) and found not in allowed) or disguise(value) is not None


_SPECIAL = frozenset({"http", "https", "ftp", "ws", "wss", "file"})
"""Schemes whose addresses always have a host, even written without ``//`` (``https:evil.example``)."""
_AUTHORITY = re.compile(r"(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):)?(?P<slashes>[/\\]*)(?P<authority>[^/\\?#]*)")
"""An address's scheme, the slashes after it (a browser reads ``\\`` as ``/``) and its host part."""


def disguise(value: str) -> tuple[str, str] | None:
    """``(user part, host)`` when the address ``value`` has a user name or password before its
    host: ``https://www.mi.com@evil.example/`` reads as Xiaomi's site and takes the reader to
    ``evil.example``. None for an address without one (``mailto:press@mi.com`` has no host part)."""
    parts = _AUTHORITY.match(as_followed(value))
    if parts is None:
        return None
    has_host = (parts["scheme"] or "").lower() in _SPECIAL or len(parts["slashes"]) >= 2
    user, at, host = parts["authority"].rpartition("@")
    return (user, host) if has_host and at else None


def disguise_problem(value: str) -> tuple[str, str] | None:
    """What is wrong with an address that has a user name or password before its host, and how
    to fix it: the message and hint every check of a URL reports."""
    found = disguise(value)
    if found is None:
        return None
    user, host = found
    return (f"'{value}' leads to {host or 'no host'}: '{user}@' before it is a user name, not the site",
            "write the site's own address; a published link carries no user name or password")


def is_web_url(value: str) -> bool:
    """True for an absolute http(s) address with a host, no user name or password and no
    whitespace or control character: the only form the registry and the frontmatter accept for a
    URL. Such a value is escaped wherever it is written, so the browser follows it as it is."""
    if _INVISIBLE.search(value) or disguise(value) is not None:
        return False
    try:
        host = urlsplit(value).hostname
    except ValueError:  # a '[' that opens no IPv6 address
        return False
    return scheme(html.escape(value)) in EMBEDDED and bool(host)


_HOST_NAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63})", re.IGNORECASE)
_BARE_HOST_ENDINGS = frozenset({"com", "net", "org", "gov", "edu", "cn", "hk", "tw", "jp", "kr", "sg"})
"""Endings that make a host name of a link with no path (``sec.gov``): ``report.pdf`` is a file."""
_MAIL_ADDRESS = re.compile(r"[^@\s/:?#]+@(?:[a-z0-9-]+\.)+[a-z]{2,63}", re.IGNORECASE)
_SLASHES_WITHOUT_COLON = re.compile(r"(https?)//", re.IGNORECASE)


def meant_address(value: str) -> str:
    """The address a relative link ``value`` was meant to be when it is a web or e-mail address
    written without its scheme (``www.sec.gov/…`` is ``https://www.sec.gov/…``, ``press@mi.com``
    is ``mailto:press@mi.com``); "" for a link into this site (``images/a.jpg``, ``../2024/``,
    ``#x``, ``report.pdf``) or one with a scheme."""
    followed = as_followed(value)
    if not followed or scheme(value):
        return ""
    if (slashes := _SLASHES_WITHOUT_COLON.match(followed)) is not None:
        return f"{slashes.group(1).lower()}://{followed[slashes.end():]}"
    if _MAIL_ADDRESS.fullmatch(followed):
        return f"mailto:{followed}"
    host = re.split(r"[/?#]", followed, maxsplit=1)[0]
    name = _HOST_NAME.fullmatch(host)
    if name is None:
        return ""
    has_path = followed[len(host):].startswith("/")
    if host.lower().startswith("www.") or has_path or name.group(1).lower() in _BARE_HOST_ENDINGS:
        return f"https://{followed}"
    return ""
