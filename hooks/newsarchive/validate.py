"""Turn one roundup file into a Roundup, reporting every rule of DESIGN.md it breaks.

Validation never stops at the first fault and never raises on bad input. It returns the most
complete Roundup it can (a story without an unknown tag, a page without a broken image) so a
non-strict build shows what it can; it returns None only when the page cannot be placed or
titled at all.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import imagesize

from .fields import SLUG, FieldReader, is_web_url
from .model import Correction, Image, Roundup, Source, Story
from .parse import ParsedFile, Section, parse_file
from .problems import WARNING, Problem
from .registry import Registry
from .yamlload import Mapping, Sequence, YamlError, load

FRONTMATTER_KEYS = ("title", "date", "summary", "image", "source", "ai_generated", "corrections", "draft")
REQUIRED_KEYS = ("title", "date", "summary")
_IMAGE_KEYS = ("src", "alt", "credit", "caption")
_SOURCE_KEYS = ("name", "url")
_CORRECTION_KEYS = ("date", "note")
FILE_NAME = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:-(?P<edition>[a-z0-9]+(?:-[a-z0-9]+)*))?\.md")
_LINK = re.compile(
    r"\]\(\s*<?\s*(?P<a>[A-Za-z][A-Za-z0-9+.\-]*):"  # [text](scheme:…)
    r"|^\s{0,3}\[[^\]]+\]:\s*<?(?P<b>[A-Za-z][A-Za-z0-9+.\-]*):"  # [ref]: scheme:…
    r"|<(?P<c>[A-Za-z][A-Za-z0-9+.\-]*):[^\s>]*>",  # <scheme:…>
    re.MULTILINE,
)
_LINKED_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class FileResult:
    roundup: Roundup | None
    problems: list[Problem]
    draft: bool = False


def read_roundup(path: str, raw: bytes, registry: Registry, docs_dir: Path) -> FileResult:
    """Check the roundup file at repository path ``path`` whose bytes are ``raw``."""
    problems: list[Problem] = []
    reader = FieldReader(path, problems)
    name = FILE_NAME.fullmatch(posixpath.basename(path))
    if name is None:
        reader.report(1, "file", "file name is not a roundup name",
                      "name it YYYY-MM-DD.md, or YYYY-MM-DD-suffix.md for a second edition (suffix: a-z, 0-9, -)")
    text = _decode(raw, reader)
    if text is None:
        return FileResult(None, problems)
    parsed = parse_file(text)
    data = _frontmatter(parsed, reader)
    if data is None:
        return FileResult(None, problems)
    reader.known_keys(data, FRONTMATTER_KEYS)
    reader.required(data, REQUIRED_KEYS)
    title = reader.text(data, "title")
    summary = reader.text(data, "summary")
    date = reader.date(data, "date")
    edition = _check_name(path, name, date, data, reader)
    draft = reader.boolean(data, "draft")
    roundup = Roundup(
        path=path,
        date=date or dt.date.min,
        edition=edition,
        title=title,
        summary=summary,
        intro=parsed.intro,
        stories=_stories(parsed, registry, reader),
        image=_image(data, reader, docs_dir),
        source=_source(data, reader),
        ai_generated=reader.boolean(data, "ai_generated"),
        corrections=_corrections(data, date, reader),
    )
    for line in parsed.h1_lines:
        reader.report(line, "body", "a '# ' heading is not allowed in a roundup",
                      "the page title comes from 'title:'; make stories '## ' headings")
    if not roundup.stories:
        reader.report(parsed.body_line, "body", "the roundup has no stories", "start each story with a '## ' heading")
    if draft:
        return FileResult(None, problems, draft=True)
    placeable = date is not None and name is not None and bool(title)
    return FileResult(roundup if placeable else None, problems)


def _decode(raw: bytes, reader: FieldReader) -> str | None:
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        reader.report(line, "file", f"is not valid UTF-8 (byte {exc.start})", "save the file as UTF-8")
        return None
    if not text.strip():
        reader.report(1, "file", "the file is empty", "start it with a '---' frontmatter block (see the author guide)")
        return None
    return text


def _frontmatter(parsed: ParsedFile, reader: FieldReader) -> Mapping | None:
    if parsed.frontmatter_text is None:
        reader.report(1, "frontmatter", "the file does not start with a '---' frontmatter block",
                      "put '---' on line 1, then title, date and summary, then '---'")
        return None
    if parsed.unterminated:
        reader.report(parsed.frontmatter_line - 1, "frontmatter", "the frontmatter block is never closed",
                      "end it with a line holding only '---'")
        return None
    try:
        data = load(parsed.frontmatter_text, parsed.frontmatter_line)
    except YamlError as exc:
        reader.report(exc.line, "frontmatter", exc.message)
        return None
    if data is None:
        data = Mapping()
        data.line, data.key_lines = parsed.frontmatter_line, {}
    return reader.mapping(data, parsed.frontmatter_line, "frontmatter")


def _check_name(path: str, name: re.Match | None, date: dt.date | None, data: Mapping, reader: FieldReader) -> str:
    """Check the file name and folder against ``date:``; return the edition suffix."""
    if name is None:
        return ""
    folder = posixpath.basename(posixpath.dirname(path))
    if folder != name.group("date")[:4]:
        reader.report(1, "file", f"the file is in folder '{folder}/' but its name says {name.group('date')[:4]}",
                      f"move it to roundups/{name.group('date')[:4]}/")
    if date is not None and date.isoformat() != name.group("date"):
        reader.report(data.key_lines["date"], "date", f"date {date} does not match the file name's {name.group('date')}",
                      "make them equal (rename the file or fix the date)")
    return name.group("edition") or ""


def _stories(parsed: ParsedFile, registry: Registry, reader: FieldReader) -> tuple[Story, ...]:
    stories: list[Story] = []
    anchors: dict[str, int] = {}
    for section in parsed.sections:
        story = _story(section, registry, reader)
        if story.anchor in anchors:
            reader.report(section.line, "story", f"anchor '{story.anchor}' is already used by the story on line "
                          f"{anchors[story.anchor]}", "reword one headline or give it its own {#anchor}")
            continue
        anchors[story.anchor] = section.line
        stories.append(story)
    return tuple(stories)


def _story(section: Section, registry: Registry, reader: FieldReader) -> Story:
    if not section.heading:
        reader.report(section.line, "story", "the story has no headline", "write the headline after '## '")
    anchor = section.anchor or anchor_for(section.heading)
    if section.anchor and not SLUG.fullmatch(section.anchor):
        reader.report(section.line, "story", f"anchor '{section.anchor}' is not valid",
                      "use lowercase letters, digits and hyphens, e.g. {#xiaomi-su7}")
        anchor = anchor_for(section.heading)
    companies, topics = _tags(section, registry, reader)
    if not section.body:
        reader.report(section.line, "story", f"the story '{section.heading}' has no text", "write it under the Tags line")
    _check_links(section, reader)
    return Story(section.heading, anchor, companies, topics, section.body, section.line)


def _tags(section: Section, registry: Registry, reader: FieldReader) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not section.tags_line:
        where = f" (found on line {section.stray_tags_line}; move it up)" if section.stray_tags_line else ""
        reader.report(section.line, "Tags", f"the story '{section.heading}' has no Tags: line directly under its "
                      f"headline{where}", f"add e.g. 'Tags: {registry.topic_examples(2)}' after a blank line")
        return (), ()
    companies: list[str] = []
    topics: list[str] = []
    for tag in section.tags:
        if tag in companies or tag in topics:
            reader.report(section.tags_line, "Tags", f"tag '{tag}' is listed twice", "remove one", WARNING)
        elif tag in registry.companies:
            companies.append(tag)
        elif tag in registry.topics:
            topics.append(tag)
        else:
            reader.report(section.tags_line, "Tags", f"unknown tag '{tag}'", registry.suggest(tag))
    if not topics:
        reader.report(section.tags_line, "Tags", f"the story '{section.heading}' has no topic",
                      f"add at least one topic, e.g. {registry.topic_examples()}")
    return tuple(companies), tuple(topics)


def _check_links(section: Section, reader: FieldReader) -> None:
    for match in _LINK.finditer(section.body):
        scheme = (match.group("a") or match.group("b") or match.group("c")).lower()
        if scheme not in _LINKED_SCHEMES:
            line = section.body_line + section.body.count("\n", 0, match.start())
            reader.report(line, "link", f"'{scheme}:' links are not allowed",
                          "link only http(s) addresses; the link is shown as plain text")


def _image(data: Mapping, reader: FieldReader, docs_dir: Path) -> Image | None:
    if "image" not in data:
        return None
    image = reader.mapping(data["image"], data.key_lines["image"], "image")
    if image is None:
        return None
    reader.known_keys(image, _IMAGE_KEYS, "image.")
    reader.required(image, ("src", "alt"), "image.")
    src = reader.text(image, "src", "image.")
    alt = reader.text(image, "alt", "image.")
    if not src or not alt or not _image_source_ok(src, image, reader, docs_dir):
        return None
    width, height = (0, 0) if is_web_url(src) else _pixel_size(docs_dir / posixpath.normpath(src))
    return Image(
        src, alt, reader.text(image, "credit", "image."), reader.text(image, "caption", "image."), width, height
    )


def _pixel_size(path: Path) -> tuple[int, int]:
    """Width and height from the image file's header; (0, 0) when the format is unknown."""
    try:
        width, height = imagesize.get(path)
    except (ValueError, OSError):
        return 0, 0
    return max(int(width), 0), max(int(height), 0)


def _image_source_ok(src: str, image: Mapping, reader: FieldReader, docs_dir: Path) -> bool:
    line = image.key_lines["src"]
    if is_web_url(src):
        return True
    if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", src) or src.startswith(("/", "\\")) or "\\" in src:
        reader.report(line, "image.src", f"'{src}' is neither an http(s) URL nor a path under docs/",
                      "write a path such as images/2024/photo.jpg, or a full https:// address")
        return False
    normal = posixpath.normpath(src)
    target = (docs_dir / normal).resolve()
    if normal.startswith("..") or not target.is_relative_to(docs_dir.resolve()):
        reader.report(line, "image.src", f"'{src}' points outside docs/", "keep images under docs/, e.g. images/2024/")
        return False
    if not target.is_file():
        reader.report(line, "image.src", f"no image at docs/{normal}", "add the file or fix the path")
        return False
    return True


def _source(data: Mapping, reader: FieldReader) -> Source | None:
    if "source" not in data:
        return None
    source = reader.mapping(data["source"], data.key_lines["source"], "source")
    if source is None:
        return None
    reader.known_keys(source, _SOURCE_KEYS, "source.")
    reader.required(source, ("name",), "source.")
    name = reader.text(source, "name", "source.")
    return Source(name, reader.url(source, "url", "source.")) if name else None


def _corrections(data: Mapping, date: dt.date | None, reader: FieldReader) -> tuple[Correction, ...]:
    if "corrections" not in data:
        return ()
    items = data["corrections"]
    if not isinstance(items, Sequence):
        reader.report(data.key_lines["corrections"], "corrections", "must be a list of {date, note} items",
                      "write '- date: YYYY-MM-DD' and 'note: …' under it")
        return ()
    corrections = []
    for number, (item, line) in enumerate(zip(items, items.item_lines), start=1):
        entry = reader.mapping(item, line, f"corrections[{number}]")
        if entry is None:
            continue
        where = f"corrections[{number}]."
        reader.known_keys(entry, _CORRECTION_KEYS, where)
        reader.required(entry, _CORRECTION_KEYS, where)
        when, note = reader.date(entry, "date", where), reader.text(entry, "note", where)
        if when and date and when < date:
            reader.report(entry.key_lines["date"], where + "date", f"correction date {when} is before the roundup's {date}",
                          "a correction is dated the day it was made")
        if when and note:
            corrections.append(Correction(when, note))
    return tuple(corrections)


def anchor_for(headline: str) -> str:
    """A stable anchor for a headline: ASCII words when it has any, else its own characters."""
    ascii_words = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_words).strip("-")
    if not slug:
        slug = re.sub(r"[^\w]+", "-", headline.lower()).strip("-_")
    if len(slug) > 80:
        slug = slug[:80].rsplit("-", 1)[0]
    return slug or "story"
