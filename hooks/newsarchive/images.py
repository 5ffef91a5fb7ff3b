"""Images, known by their bytes: the six types the site shows, the size their files state, and
what an SVG file holds.

A file under docs/ is published as it is, and a reader who opens an image on its own (a link, "open
image in new tab") opens it on the site's address: an SVG file is then a document, whose script,
event handlers, embedded HTML or links would act for the site. So an SVG may hold a drawing and
nothing else, and it is read with a parser that expands no entity and fetches nothing (expat, with
a document type that declares anything refused before it is read). No number read from an image
is used beyond ``limits.PIXELS``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import imagesize

from . import limits, links

KINDS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "WebP": (".webp",), "AVIF": (".avif",), "GIF": (".gif",),
         "SVG": (".svg",)}
"""The types of image the site shows, each with the file name endings it takes (the first is the usual one)."""
ACCEPTED = "PNG, JPEG, WebP, AVIF, GIF or SVG"
HEAD_BYTES = 1024
"""Bytes at the start of a file that tell its type."""
_SVG_NS = "http://www.w3.org/2000/svg"
_HTML_NS = "http://www.w3.org/1999/xhtml"
_XML_BASE = "http://www.w3.org/XML/1998/namespace base"
_LOCAL_ONLY = ("an SVG on the site may refer only to its own parts ('#id'): remove the reference, or export the "
               "picture as PNG or WebP")
_DRAWING_ONLY = "remove it (an SVG on the site holds a drawing and nothing else), or export the picture as PNG or WebP"
_NO_SCRIPT = "remove it: a picture needs no script, and one in an image file would run on the site"
_LOADS = re.compile(r"@import|image-set\(|\bsrc\(", re.IGNORECASE)
"""What in a style loads a file other than through ``url(…)``."""
_URL = re.compile(r"url\(", re.IGNORECASE)
_LENGTH = re.compile(r"[ \t\r\n]*([0-9]+)(?:\.[0-9]*)?[ \t\r\n]*(px|pt|pc|mm|cm|in)?[ \t\r\n]*")
_PER_UNIT = {None: 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_DIGITS = len(str(limits.PIXELS))
"""Digits in a whole number of pixels within the bound (more is beyond it, whatever the unit)."""


def kind_named(name: str) -> str | None:
    """The type of image a file name says (``PNG`` for ``a.png``); None when it names none of them."""
    ending = posixpath.splitext(name)[1].lower()
    return next((kind for kind, endings in KINDS.items() if ending in endings), None)


def kind_held(head: bytes) -> str | None:
    """The type of image the first bytes of a file (``HEAD_BYTES`` of them) show; None for anything
    else. An SVG is told by an ``<svg`` tag only: whether it is one is for ``read_svg`` to say."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp" and _brands(head) & {b"avif", b"avis"}:
        return "AVIF"
    return "SVG" if b"<svg" in head else None


def _brands(head: bytes) -> set[bytes]:
    """The brands of an ISO media file's ``ftyp`` box: its main one and those it is compatible with."""
    end = min(int.from_bytes(head[:4], "big"), len(head))
    return {head[8:12], *(head[at:at + 4] for at in range(16, end - 3, 4))}


@dataclass(frozen=True)
class Finding:
    """One thing a file holds that the site may not publish (an SVG's script, a page's), at its line."""

    line: int
    message: str
    hint: str


@dataclass
class Svg:
    """What reading an SVG file found."""

    findings: list[Finding] = field(default_factory=list)
    size: tuple[int, int] | None = (0, 0)
    """Its width and height in pixels: (0, 0) when it states none in pixels or other absolute
    units, None when it states more than ``limits.PIXELS``."""


class _Stop(Exception):
    """The reading goes no further: what follows cannot be read safely, or need not be."""


class _SvgReader:
    """Reads an SVG file with expat, noting each finding at its line."""

    def __init__(self) -> None:
        self.svg = Svg()
        self.depth = 0
        self.style: list[str] | None = None
        self.style_line = 0
        parser = self.parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.ProcessingInstructionHandler = self._instruction
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text

    def read(self, data: bytes) -> Svg:
        try:
            self.parser.Parse(data, True)
        except _Stop:
            pass
        except expat.ExpatError as exc:
            self._found(f"is not a well-formed SVG file ({expat.ErrorString(exc.code)})",
                        "open it in a drawing program and export it again as SVG", exc.lineno)
        return self.svg

    def _found(self, message: str, hint: str, line: int | None = None) -> None:
        self.svg.findings.append(Finding(line or self.parser.CurrentLineNumber, message, hint))

    def _doctype(self, name: str, system: str | None, public: str | None, declares: bool) -> None:
        if declares:  # entities, attribute defaults…: nothing of it is read, so nothing is expanded
            self._found("the SVG's <!DOCTYPE> declares entities or attributes (between '[' and ']')",
                        "delete the <!DOCTYPE …> block: an image needs none")
            raise _Stop

    def _instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self._found("the SVG has an <?xml-stylesheet?> instruction, which can make a program of it",
                        "delete the line")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        space, _, local = name.rpartition(" ")
        self.depth += 1
        if self.depth == 1:
            if name != f"{_SVG_NS} svg":
                element = f"<{local}>" + ("" if local != "svg" else " outside the SVG namespace")
                self._found(f"is not an SVG image: its first element is {element}",
                            f'an SVG file starts with <svg xmlns="{_SVG_NS}" …>')
                raise _Stop
            self.svg.size = _svg_size(attributes.get("width", ""), attributes.get("height", ""))
            if self.svg.size is None:
                self._found(f"the SVG says it is more than {limits.PIXELS:,} pixels wide or high",
                            "correct its width and height, or export it again")
        if local.lower() == "script":
            self._found("the SVG has a <script> element", _NO_SCRIPT)
        elif local.lower() == "foreignobject":
            self._found("the SVG has a <foreignObject> element, which can hold a web page", _DRAWING_ONLY)
        elif space == _HTML_NS:
            self._found(f"the SVG has an HTML element, <{local}>", _DRAWING_ONLY)
        for attribute, value in attributes.items():
            if attribute == _XML_BASE:  # '#id' would then lead to another file
                self._found("the SVG sets the address its references start from (xml:base)", _LOCAL_ONLY)
            self._attribute(attribute.rpartition(" ")[2], value)
        if local == "style":
            self.style, self.style_line = [], self.parser.CurrentLineNumber

    def _attribute(self, name: str, value: str) -> None:
        lowered = name.lower()
        if lowered.startswith("on"):
            self._found(f"the SVG has an event handler, '{name}'", _NO_SCRIPT)
        elif lowered in ("href", "src") and not _local(value):
            self._found(_reference(value), _LOCAL_ONLY)
        elif lowered == "attributename" and value.rpartition(":")[2].lower() in ("href", "src"):
            self._found(f"the SVG animates a link ('{value}')", "remove the <set> or <animate> element")
        elif lowered == "style" or _URL.search(value):
            for finding in _style_findings(value, self.parser.CurrentLineNumber):
                self.svg.findings.append(finding)

    def _text(self, text: str) -> None:
        if self.style is not None:
            self.style.append(text)

    def _end(self, name: str) -> None:
        self.depth -= 1
        if self.style is not None and name.endswith(" style"):
            self.svg.findings.extend(_style_findings("".join(self.style), self.style_line))
            self.style = None


def read_svg(data: bytes) -> Svg:
    """What the SVG file whose bytes are ``data`` holds that the site may not publish, and its size."""
    return _SvgReader().read(data)


def _local(value: str) -> bool:
    """Whether the address ``value`` (as the XML parser decoded it) leads within its own file: a
    browser drops spaces and control characters before it, and an address starting with '#' is a
    part of the same file. Anything else, relative or with any scheme, leads elsewhere."""
    return value.lstrip("".join(map(chr, range(0x21)))).startswith("#")


def _reference(value: str) -> str:
    """A reference out of the file, named for its author: by its scheme, which says the most."""
    scheme = links.scheme(value)
    if scheme in ("javascript", "vbscript", "data"):
        return f"the SVG has a '{scheme}:' address"
    shown = value if len(value) <= 60 else value[:57] + "…"
    return f"the SVG refers to '{shown}', outside the file"


def _style_findings(css: str, line: int) -> list[Finding]:
    """What a style (a ``style`` attribute, a ``<style>`` element, or an attribute with ``url(…)``
    starting on file line ``line``) would load from elsewhere. Comments are not skipped: a
    comment inside ``url(…)`` is part of the address."""
    found = []
    if "\\" in css:
        found.append(Finding(line, "the SVG's style has a '\\' escape, which can hide what it loads",
                             "write the style without '\\'"))
    for loads in _LOADS.finditer(css):
        found.append(Finding(line + css.count("\n", 0, loads.start()),
                             f"the SVG's style loads another file ('{loads.group()}')", _LOCAL_ONLY))
    for url in _URL.finditer(css):
        target = css[url.end():].lstrip(" \t\r\n\f").lstrip("'\"")
        if not _local(target):
            found.append(Finding(line + css.count("\n", 0, url.start()),
                                 _reference(target.split(")")[0].rstrip("'\" \t\r\n\f")), _LOCAL_ONLY))
    return found


def _svg_size(width: str, height: str) -> tuple[int, int] | None:
    """The size in pixels that an SVG's ``width`` and ``height`` state, read without turning a
    long row of digits into a number; (0, 0) when one is missing or relative (``100%``, ``2em``)."""
    sides = [_pixels(width), _pixels(height)]
    if any(side is not None and side > limits.PIXELS for side in sides):
        return None
    return (sides[0], sides[1]) if sides[0] and sides[1] else (0, 0)


def _pixels(length: str) -> int | None:
    """Whole pixels in an absolute SVG length (``1200``, ``12.5cm``); None for any other.
    Beyond the bound, any number above it."""
    found = _LENGTH.fullmatch(length)
    if found is None:
        return None
    whole, unit = found.groups()
    if len(whole.lstrip("0")) > _DIGITS:
        return limits.PIXELS + 1
    return int(int(whole) * _PER_UNIT[unit])


def pixel_size(path: Path) -> tuple[int, int] | None:
    """The width and height in pixels the image file at ``path`` (a regular file the repository
    holds) states: (0, 0) when it states none or cannot be read; None when it states more than
    ``limits.PIXELS``."""
    try:
        if kind_named(path.name) == "SVG":
            with path.open("rb") as file:
                data = file.read(limits.SVG_BYTES + 1)
            return read_svg(data).size if len(data) <= limits.SVG_BYTES else (0, 0)
        width, height = imagesize.get(path)
    except (ValueError, OSError):
        return 0, 0
    if max(width, height) > limits.PIXELS:
        return None
    return (int(width), int(height)) if width > 0 and height > 0 else (0, 0)


def local_file(src: str) -> str:
    """The file under docs/ an image's ``src`` names (``images/2024/a.jpg``); "" for a web address."""
    return "" if links.is_web_url(src) else posixpath.normpath(src)
