"""What a story is based on, as an author writes it: ``Source:`` lines under a story's headline,
the roundup's ``source:`` (the default of its stories) and its ``original:`` (where a republished
roundup first appeared).

A Source line names the outlet, then the article's address, then, if the author wants, the
article's headline in quotes, its date and its language, separated by commas::

    Source: TechNode, https://technode.com/2024/03/12/shengshu/, "Shengshu raises…", 2024-03-12, zh
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import limits
from .fields import FieldReader, read_date, url_problem
from .model import Original, Source
from .problems import SUGGESTION
from .yamlload import Mapping

_ADDRESS = re.compile(r"(?:https?:/{0,2}|www\.)[^\s,]+(?:,[^\s,]+)*", re.IGNORECASE)
"""The article's address: the first word that looks like one (a comma followed by a space ends it)."""
_QUOTED = re.compile(r'"(?P<plain>[^"]*)"|“(?P<curly>[^”]*)”')
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}")
LANGUAGES = {"zh": "Chinese", "zh-hans": "Chinese", "zh-hant": "Chinese", "zh-cn": "Chinese", "zh-tw": "Chinese",
             "zh-hk": "Chinese", "en": "English", "ja": "Japanese", "ko": "Korean", "de": "German", "fr": "French",
             "es": "Spanish", "vi": "Vietnamese", "id": "Indonesian", "th": "Thai", "ms": "Malay", "hi": "Hindi"}
"""Languages a source list names in words (others by their code)."""
FORM = 'Source: TechNode, https://technode.com/…, "Headline", 2024-03-12, zh'
"""A whole Source line, for hints."""
_SOURCE_KEYS = ("name", "url", "title", "date", "language")
_ORIGINAL_KEYS = ("name", "url", "date")


def language_name(code: str) -> str:
    """``Chinese`` for ``zh``; the code itself for a language the table does not name."""
    return LANGUAGES.get(code.casefold(), code)


def home_page(url: str) -> bool:
    """Whether ``url`` is a site's home page rather than an article on it."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def read_line(text: str, line: int, reader: FieldReader) -> Source | None:
    """The source a story's ``Source:`` line (``text``, after the label) names; None, reported,
    when it names none."""
    address = _ADDRESS.search(text)
    if address is None:
        outlet = text.strip().rstrip(",") or "TechNode"
        reader.report(line, "Source", f"'Source: {text}' has no article address",
                      f"write 'Source: {outlet}, https://…' with the address of the article itself")
        return None
    outlet = text[: address.start()].strip().rstrip(",").strip()
    url = address.group()
    problems = 0
    if not outlet:
        reader.report(line, "Source", "the source has no outlet before its address", f"write it as '{FORM}'")
        problems += 1
    elif len(outlet) > limits.NAME_CHARS:
        reader.report(line, "Source", f"the outlet's name is {len(outlet):,} characters long, more than "
                      f"{limits.NAME_CHARS}", "shorten it")
        problems += 1
    if problem := url_problem(url):
        reader.report(line, "Source", *problem)
        problems += 1
    source = _rest(Source(outlet, url), text[address.end():], line, reader)
    if source is None or problems:
        return None
    _suggest_article(source.url, line, "Source", reader)
    return source


def _rest(source: Source, rest: str, line: int, reader: FieldReader) -> Source | None:
    """``source`` with what follows its address on its line: a headline in quotes, a date, a
    language, in any order, separated by commas."""
    title, day, language = "", None, ""
    rest = rest.strip()
    while rest:
        rest = rest.lstrip(", \t")
        if not rest:
            break
        if quoted := _QUOTED.match(rest):
            title = (quoted["plain"] if quoted["plain"] is not None else quoted["curly"]).strip()
            rest = rest[quoted.end():]
        elif (written := _DATE.match(rest)) and _ends(rest, written.end()):
            day, problem = read_date(written.group())
            if problem:
                reader.report(line, "Source", *problem)
                return None
            rest = rest[written.end():]
        elif (code := _LANGUAGE.match(rest)) and _ends(rest, code.end()):
            language = code.group()
            rest = rest[code.end():]
        else:
            word = rest.split(",", 1)[0].strip()
            reader.report(line, "Source", f"'{word}' after the address is not a headline in quotes, a date or a "
                          "language", f"write the line as '{FORM}' (all after the address is optional)")
            return None
    if len(title) > limits.NAME_CHARS:
        reader.report(line, "Source", f"the article's headline is {len(title):,} characters long, more than "
                      f"{limits.NAME_CHARS}", "shorten it")
        return None
    return Source(source.name, source.url, title, day, language)


def _ends(text: str, end: int) -> bool:
    """Whether a part of a Source line that ends at ``end`` ends there (a comma or the line's end follows)."""
    return end == len(text) or text[end] in ", \t"


def _suggest_article(url: str, line: int, field: str, reader: FieldReader) -> None:
    if home_page(url):
        reader.report(line, field, f"'{url}' is the outlet's home page, not an article",
                      "link the article itself, so a reader can check the story against it", SUGGESTION)


def read_source(data: Mapping, reader: FieldReader) -> Source | None:
    """The roundup's ``source:``: the default source of its stories."""
    source = _mapping(data, "source", _SOURCE_KEYS, reader)
    if source is None:
        return None
    name = reader.text(source, "name", "source.", limits.NAME_CHARS, meant="the publication's name")
    url = reader.url(source, "url", "source.")
    title = reader.text(source, "title", "source.", limits.NAME_CHARS)
    day = reader.date(source, "date", "source.")
    language = reader.text(source, "language", "source.", limits.NAME_CHARS)
    if language and not _LANGUAGE.fullmatch(language):
        reader.report(source.key_lines["language"], "source.language", f"'{language}' is not a language code",
                      "write its code, such as zh or en")
        language = ""
    if url:
        _suggest_article(url, source.key_lines["url"], "source.url", reader)
    return Source(name, url, title, day, language) if name else None


def read_original(data: Mapping, reader: FieldReader) -> Original | None:
    """Where a republished roundup first appeared (``original:``)."""
    original = _mapping(data, "original", _ORIGINAL_KEYS, reader)
    if original is None:
        return None
    reader.required(original, ("url",), "original.")
    name = reader.text(original, "name", "original.", limits.NAME_CHARS, meant="the publication's name")
    url = reader.url(original, "url", "original.")
    day = reader.date(original, "date", "original.")
    return Original(name, url, day) if name and url else None


def _mapping(data: Mapping, key: str, keys: tuple[str, ...], reader: FieldReader) -> Mapping | None:
    if key not in data:
        return None
    found = reader.mapping(data[key], data.key_lines[key], key)
    if found is None:
        return None
    reader.known_keys(found, keys, f"{key}.")
    reader.required(found, ("name",), f"{key}.")
    return found
