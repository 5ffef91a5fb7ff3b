"""Material's static files as the archive publishes them: the one module that knows them.

Material copies into every site its search (lunr and its workers, which this site replaces with
Pagefind), the source maps of its scripts and stylesheets (a megabyte no reader asks for), and one
stylesheet for every site it can make (blogs, code annotations, content tabs, tags, versions,
twenty colour palettes), which a reader's first visit downloads whole. The archive leaves out the
first two (``left_out``) and publishes instead of the stylesheets ``theme.<digest>.min.css``:
Material's ``main`` and ``palette`` stylesheets in one file (``is_stylesheet``, in the order
``stylesheet_order`` gives), less the rules that no page of this site can match:

- rules of Material's components the site never shows (``UNUSED``): its blog, tags, versions,
  cookie consent, announcement bar, repository facts, tooltips, code annotations, the previous and
  next links of its footer (the archive has its own footer), and the markup of Markdown extensions
  that mkdocs.yml does not enable (content tabs, task lists, footnotes, highlighted code, emoji,
  grids, keys, maths, diagrams);
- rules for the other writing direction than the site's (``[dir=rtl]`` on an English site);
- rules for colour schemes, primary and accent colours that the palettes of mkdocs.yml do not name;
- ``@keyframes`` and custom properties (``--md-…``) that nothing left refers to, in this file or
  in the site's own stylesheets.

A selector is dropped only when what it needs is outside every pseudo-class's parentheses
(``a:not(.md-tag)`` stays); a rule goes when all of its selectors do. Everything else stays as
Material wrote it, in its order, so the cascade is unchanged. One more change: Material styles
keyboard focus with the ``.focus-visible`` class its script adds, which pages without that
script would never get; it is written as the ``:focus-visible`` pseudo-class, which browsers
match themselves (and which also matches where Material's script runs). The result depends only
on Material's files, mkdocs.yml and the site's stylesheets: the same input makes the same file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

STYLESHEETS = "assets/stylesheets/"
"""Where Material's stylesheets are, and where the trimmed one goes."""
_STYLESHEET = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css")
_LEFT_OUT = re.compile(r"assets/javascripts/(lunr|workers)/.*|assets/.*\.map")

UNUSED = frozenset({
    # Material's components the archive does not show
    "md-annotation", "md-annotation-list", "md-author", "md-banner", "md-consent", "md-content__button",
    "md-copyright", "md-draft", "md-feedback", "md-footer__button", "md-footer__direction", "md-footer__inner",
    "md-footer__link", "md-footer__title", "md-input", "md-meta", "md-pagination", "md-path", "md-pin", "md-post",
    "md-profile", "md-progress", "md-select", "md-social", "md-source", "md-source-file", "md-status", "md-tag",
    "md-tag-icon", "md-tag-shadow", "md-tags", "md-tooltip", "md-tooltip2", "md-version", "giscus",
    # the markup of Markdown extensions mkdocs.yml does not enable
    "arithmatex", "card", "cards", "critic", "emojione", "filename", "footnote", "footnote-backref",
    "footnote-ref", "gemoji", "grid", "highlight", "highlighttable", "hll", "katex-html", "keys", "linenodiv",
    "linenos", "mermaid", "result", "tabbed-block", "tabbed-button", "tabbed-content", "tabbed-control",
    "tabbed-labels", "tabbed-set", "task-list-control", "task-list-indicator", "task-list-item", "twemoji",
})
"""Class names (and their ``__element`` and ``--modifier`` forms) that no page of the site carries."""
_KEY = re.compile(r"key-[\w-]+")
"""pymdownx.keys' classes (``key-ctrl``…), not enabled either."""

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)\s*(?:[~|^$*]?=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]*)))?[^\]]*\]")
_VARIABLE = re.compile(r"var\(\s*(--[\w-]+)")
_ANIMATION = re.compile(r"animation(?:-name)?\s*:([^;}]*)")
_FOCUS_CLASS = re.compile(r"\.focus-visible\b")
_COLORS = ("scheme", "primary", "accent")


def is_stylesheet(path: str) -> bool:
    """Whether the theme's file at ``path`` (under the site) is one of Material's stylesheets."""
    return _STYLESHEET.fullmatch(path) is not None


def stylesheet_order(path: str) -> int:
    """Where Material's stylesheet at ``path`` goes in the trimmed one: ``main`` before ``palette``."""
    found = _STYLESHEET.fullmatch(path)
    return 0 if found is None or found.group(1) == "main" else 1


def left_out(path: str) -> bool:
    """Whether the theme's file at ``path`` stays out of the site: Material's search, source maps."""
    return _LEFT_OUT.fullmatch(path) is not None


@dataclass(frozen=True)
class Palette:
    """What the site's palettes name (mkdocs.yml ``theme.palette``) and its writing direction."""

    schemes: frozenset[str]
    primary: frozenset[str]
    accent: frozenset[str]
    direction: str = ""
    """``ltr`` or ``rtl`` (mkdocs.yml ``theme.direction``); unset, the rules of both stay."""

    @classmethod
    def of(cls, palettes: object, direction: str | None) -> Palette:
        """The palettes of mkdocs.yml (``theme.palette``: one, a list, or none) and its direction,
        with Material's defaults for what a palette leaves out."""
        options = _options(palettes) or [_option({})]

        def named(kind: str) -> frozenset[str]:
            return frozenset(str(option[kind]) for option in options)

        return cls(named("scheme"), named("primary"), named("accent"), direction or "")

    def colors(self, kind: str) -> frozenset[str]:
        return {"scheme": self.schemes, "primary": self.primary, "accent": self.accent}[kind]


@dataclass(frozen=True)
class Stylesheet:
    """The trimmed stylesheet: its text and the name it is published under (its digest in it)."""

    text: str

    @property
    def path(self) -> str:
        """Where the site publishes it: a new name whenever its text changes, as Material's are."""
        return f"{STYLESHEETS}theme.{hashlib.sha256(self.text.encode()).hexdigest()[:8]}.min.css"


def trimmed(sheets: Iterable[str], palette: Palette, others: Iterable[str] = ()) -> Stylesheet:
    """Material's stylesheets ``sheets`` (in order) as one, less what no page uses; ``others`` are
    the site's own stylesheets, whose references to Material's custom properties keep them."""
    rules = [rule for sheet in sheets for rule in _kept(_parse(_without_comments(sheet)), palette)]
    others = list(others)
    rules = _without_unused_keyframes(rules, others)
    rules = _without_unused_variables(rules, others)
    return Stylesheet('@charset "UTF-8";' + "".join(_text(rule) for rule in rules if not _is_charset(rule)))


_EMPTY = (
    '<div data-md-component="skip">\n</div>\n',
    '<div data-md-component="announce">\n</div>\n',
    '<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n',
)
"""Material's places (after ``compact``) that only its script fills: the skip link it takes from a
page's table of contents, its announcement bar and the dialog of its copy buttons. The pages
that run shell.js instead leave them empty."""


def without_empty_places(page: str) -> str:
    """A generated page (which runs shell.js, not Material's script) without ``_EMPTY``: a
    kilobyte on every roundup page, ten thousand of them."""
    for place in _EMPTY:
        page = page.replace(place, "", 1)
    return page


_PALETTES = "/* the palettes of mkdocs.yml, written in as the site is built (theme_assets.py) */[]"
"""Where shell.js (urls.SHELL_SCRIPT) takes the palettes, an empty list until they are written in."""


def with_palettes(script: str, palettes: object) -> str:
    """shell.js, ``script``, with the palettes of mkdocs.yml (``theme.palette``) written in, from
    which it builds the colour scheme toggle of every generated page (partials/palette.html): the
    palettes in one file, not in each of ten thousand pages."""
    if _PALETTES not in script:
        raise ValueError("shell.js has no place for the palettes")
    return script.replace(_PALETTES, json.dumps(_options(palettes), ensure_ascii=False), 1)


def automatic_scheme(palettes: object) -> bool:
    """Whether a palette of mkdocs.yml follows the system's colour scheme (``media:
    "(prefers-color-scheme)"``), which the script before the header leaves to Material's script
    and shell.js, after the toggles (partials/scheme.html)."""
    return any(option["media"] == "(prefers-color-scheme)" for option in _options(palettes))


def _options(palettes: object) -> list[dict[str, str]]:
    """The palettes of mkdocs.yml (one, a list, or none), each with Material's defaults for what it
    leaves out: its media query, colours (spaces as hyphens, as Material writes them) and toggle."""
    listed = [palettes] if isinstance(palettes, dict) else palettes if isinstance(palettes, list) else []
    return [_option(option) for option in listed if isinstance(option, dict)]


def _option(palette: dict[str, Any]) -> dict[str, str]:
    toggle = palette.get("toggle")
    return {
        "media": str(palette.get("media") or ""),
        **{kind: str(palette.get(kind) or default).replace(" ", "-")
           for kind, default in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo"))},
        "toggle": str(toggle.get("name") or "") if isinstance(toggle, dict) else "",
    }


# Rules ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Rule:
    """A rule: ``prelude`` (selectors, or an at-rule's head) and either ``body`` (declarations, or an
    at-rule's text kept whole) or ``children`` (the rules inside ``@media`` or ``@supports``)."""

    prelude: str
    body: str | None = None
    children: list[_Rule] | None = None


def _without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)


def _scan(text: str, start: int, stops: str) -> int:
    """The index of the first of ``stops`` at ``start`` or after it outside strings, parentheses
    and brackets (``len(text)`` if none)."""
    depth, quote, index = 0, "", start
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0 and char in stops:
            return index
        index += 1
    return index


def _block_end(text: str, open_brace: int) -> int:
    """The index of the ``}`` closing the ``{`` at ``open_brace``."""
    depth, index = 0, open_brace
    while True:
        index = _scan(text, index, "{}")
        if index >= len(text):
            raise ValueError("unbalanced braces in a stylesheet")
        depth += 1 if text[index] == "{" else -1
        if depth == 0:
            return index
        index += 1


def _parse(text: str) -> list[_Rule]:
    rules, index = [], 0
    while index < len(text):
        stop = _scan(text, index, "{;")
        prelude = text[index:stop].strip()
        if stop >= len(text):
            break
        if text[stop] == ";":  # a statement: @charset, @import
            if prelude:
                rules.append(_Rule(prelude + ";"))
            index = stop + 1
            continue
        end = _block_end(text, stop)
        inside = text[stop + 1:end]
        if prelude.startswith(("@media", "@supports", "@layer", "@container")):
            rules.append(_Rule(prelude, children=_parse(inside)))
        else:
            rules.append(_Rule(prelude, body=inside))
        index = end + 1
    return rules


def _text(rule: _Rule) -> str:
    if rule.children is not None:
        return rule.prelude + "{" + "".join(_text(child) for child in rule.children) + "}"
    if rule.body is None:
        return rule.prelude
    return rule.prelude + "{" + rule.body + "}"


def _is_charset(rule: _Rule) -> bool:
    return rule.prelude.startswith("@charset")


def _flat(rules: list[_Rule]) -> Iterator[_Rule]:
    for rule in rules:
        if rule.children is not None:
            yield from _flat(rule.children)
        else:
            yield rule


# Selectors --------------------------------------------------------------------------------------

def _kept(rules: list[_Rule], palette: Palette) -> list[_Rule]:
    """``rules`` without the selectors no page matches, and without the rules left with none."""
    return _mapped(rules, functools.partial(_matched, palette=palette))


def _matched(rule: _Rule, palette: Palette) -> _Rule | None:
    """A rule (not a block of rules) with only the selectors a page can match; None if none can."""
    if rule.body is None or rule.prelude.startswith("@"):
        return rule
    selectors = [s for s in _split(rule.prelude) if _matchable(s, palette)]
    if not selectors:
        return None
    return _Rule(_FOCUS_CLASS.sub(":focus-visible", ",".join(selectors)), body=rule.body)


def _split(selectors: str) -> list[str]:
    """A selector list's selectors (commas inside ``:is(…)`` and strings do not split it)."""
    parts, start = [], 0
    while start <= len(selectors):
        stop = _scan(selectors, start, ",")
        parts.append(selectors[start:stop].strip())
        start = stop + 1
    return [part for part in parts if part]


def _outside_parentheses(selector: str) -> str:
    """``selector`` without what pseudo-classes' parentheses hold (``:not(.x)`` → ``:not()``)."""
    out, depth = [], 0
    for char in selector:
        if char == "(":
            depth += 1
            if depth == 1:
                out.append(char)
        elif char == ")":
            depth -= 1
            if depth == 0:
                out.append(char)
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _matchable(selector: str, palette: Palette) -> bool:
    """Whether a page of the site can match ``selector``."""
    needed = _outside_parentheses(selector)
    for name in _CLASS.findall(re.sub(r"\[[^\]]*\]", "", needed)):
        if _KEY.fullmatch(name) or any(name == unused or name.startswith((f"{unused}__", f"{unused}--"))
                                       for unused in UNUSED):
            return False
    for attribute, *values in _ATTRIBUTE.findall(needed):
        value = next((v for v in values if v), None)
        if value is None:
            continue
        if attribute == "dir" and palette.direction and value != palette.direction:
            return False
        for kind in _COLORS:
            if attribute == f"data-md-color-{kind}" and value not in palette.colors(kind):
                return False
    return True


# What nothing refers to -------------------------------------------------------------------------

def _without_unused_keyframes(rules: list[_Rule], others: list[str]) -> list[_Rule]:
    """``rules`` without the ``@keyframes`` no animation left names (here or in ``others``)."""
    used = " ".join([*(match for rule in _flat(rules) if rule.body and not rule.prelude.startswith("@keyframes")
                       for match in _ANIMATION.findall(rule.body)), *others])
    words = set(re.findall(r"[\w-]+", used))

    def named(rule: _Rule) -> _Rule | None:
        head = rule.prelude.split()
        return None if head[0].endswith("keyframes") and len(head) > 1 and head[1] not in words else rule

    return _mapped(rules, named)


def _mapped(rules: list[_Rule], change: Callable[[_Rule], _Rule | None]) -> list[_Rule]:
    """``rules`` as ``change`` makes each (None: left out), the at-rule blocks left empty left out too."""
    kept = []
    for rule in rules:
        if rule.children is not None:
            children = _mapped(rule.children, change)
            if children:
                kept.append(_Rule(rule.prelude, children=children))
        elif (changed := change(rule)) is not None:
            kept.append(changed)
    return kept


def _declarations(body: str) -> list[str]:
    parts, start = [], 0
    while start < len(body):
        stop = _scan(body, start, ";")
        parts.append(body[start:stop])
        start = stop + 1
    return [part for part in parts if part.strip()]


def _without_unused_variables(rules: list[_Rule], others: list[str]) -> list[_Rule]:
    """``rules`` without the custom properties that nothing refers to, through ``var()``, in them
    or in ``others``; a property only another unused one refers to goes too."""
    outside = set(_VARIABLE.findall(" ".join(others)))
    while True:
        used = outside | set(_VARIABLE.findall(" ".join(rule.body or "" for rule in _flat(rules))))
        trimmed = _mapped(rules, functools.partial(_with_only, used=used))
        if trimmed == rules:
            return rules
        rules = trimmed


def _with_only(rule: _Rule, used: set[str]) -> _Rule | None:
    """``rule`` without the custom properties not in ``used``; None if no declaration is left."""
    if rule.body is None or rule.prelude.startswith("@"):
        return rule
    declarations = _declarations(rule.body)
    left = [d for d in declarations if not d.strip().startswith("--") or d.split(":", 1)[0].strip() in used]
    if len(left) == len(declarations):
        return rule
    return _Rule(rule.prelude, body=";".join(left)) if left else None
