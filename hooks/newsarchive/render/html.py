"""Small HTML building blocks. Every string from content passes through ``esc`` here."""

from __future__ import annotations

import datetime as dt
import re
from html import escape, unescape

from ..dates import long_date
from ..links import is_web_url


def esc(text: object) -> str:
    """Text made safe for an HTML element or a double-quoted attribute."""
    return escape(str(text), quote=True)


_COMPOUND = re.compile(r"[^\s-]+(?:-[^\s-]+)+")
"""A hyphenated compound ("start-ups", "video-generation"): one word, not to be broken at its hyphen."""
_COMPOUND_CHARS = 24
"""Longer compounds may break at a hyphen: kept whole they could overflow a phone's line."""


def headline(text: str) -> str:
    """A headline, escaped, its hyphenated compounds kept whole on a line ("start-" / "ups" reads badly)."""
    def whole(word: re.Match[str]) -> str:
        return f'<span class="na-nw">{word.group()}</span>' if len(word.group()) <= _COMPOUND_CHARS else word.group()

    escaped = esc(text)
    return _COMPOUND.sub(whole, escaped) if "-" in escaped else escaped


_MARKUP = re.compile(r"<[^<>]*>")


def words(html: str) -> str:
    """What HTML says, as plain text: without its tags, its character references decoded."""
    return unescape(_MARKUP.sub("", html))


def link(href: str, text: str, *attrs: str) -> str:
    """``<a>`` to an internal (already relative) ``href``; ``text`` is escaped."""
    extra = "".join(f" {a}" for a in attrs)
    return f'<a href="{esc(href)}"{extra}>{esc(text)}</a>'


def web_link(url: str, text: str) -> str:
    """A link out of the site, only for http(s) URLs; anything else is plain text."""
    if not is_web_url(url):
        return esc(text)
    return f'<a href="{esc(url)}" rel="noopener nofollow">{esc(text)}</a>'


def time(day: dt.date, text: str | None = None) -> str:
    return f'<time datetime="{day.isoformat()}">{esc(text or long_date(day))}</time>'


def zh(text: str) -> str:
    """A Chinese name, marked as such for screen readers and font choice."""
    return f' <span lang="zh-Hans" class="na-zh">{esc(text)}</span>' if text else ""


def plural(count: int, word: str, words: str = "") -> str:
    """``1 story``, ``2 stories``, ``3,650 roundups``: the count (its thousands set apart) with the
    word in the right number."""
    many = words or (f"{word[:-1]}ies" if word.endswith("y") else f"{word}s")
    return f"{count:,} {word if count == 1 else many}"


_VERBATIM = re.compile(r"<(pre|textarea)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n\s+")


def compact(html: str) -> str:
    """``html`` without the indentation and blank lines a template leaves; a newline stays where
    there was one, so text keeps its spaces, and ``<pre>`` and ``<textarea>`` stay as written."""
    kept, start = [], 0
    for match in _VERBATIM.finditer(html):
        kept += [_INDENT.sub("\n", html[start:match.start()]), match.group()]
        start = match.end()
    return "".join([*kept, _INDENT.sub("\n", html[start:])])
