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

from . import limits, links
from .fields import SLUG, FieldReader, closest
from .files import Repository, Unreadable
from .mentions import CompanyMentions
from .model import Correction, Image, Roundup, Source, Story
from .parse import NOT_ABOUT, ParsedFile, Section, parse_file
from .problems import WARNING, Problem, capped
from .registry import Registry
from .render.markup import Rendered, render_markdown
from .scaffold import PLACEHOLDERS
from .yamlload import Mapping, Sequence, YamlError, load

FRONTMATTER_KEYS = ("title", "date", "summary", "image", "source", "ai_generated", "corrections", "draft")
REQUIRED_KEYS = ("title", "date", "summary")
_IMAGE_KEYS = ("src", "alt", "credit", "caption")
_SOURCE_KEYS = ("name", "url")
_CORRECTION_KEYS = ("date", "note")
FILE_NAME = re.compile(r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:-(?P<edition>[a-z0-9]+(?:-[a-z0-9]+)*))?\.md")
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
"""A line under text that Markdown reads as making that text a heading ("setext")."""


@dataclass(frozen=True)
class Context:
    """What checking a roundup needs besides the file itself."""

    registry: Registry
    mentions: CompanyMentions
    repository: Repository
    docs_dir: str
    """The folder (in the repository) that local images are under."""

    @classmethod
    def of(cls, registry: Registry, repository: Repository, docs_dir: str) -> Context:
        return cls(registry, CompanyMentions(registry.companies.values()), repository, docs_dir)


@dataclass(frozen=True)
class FileResult:
    roundup: Roundup | None
    problems: list[Problem]
    draft: bool = False


def read_roundup(path: str, raw: bytes, context: Context) -> FileResult:
    """Check the roundup file at repository path ``path`` whose bytes are ``raw``."""
    result = _read_roundup(path, raw, context)
    return FileResult(result.roundup, capped(result.problems), result.draft)


def _read_roundup(path: str, raw: bytes, context: Context) -> FileResult:
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
    title = reader.text(data, "title", limit=limits.NAME_CHARS)
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
        intro=parsed.intro if _renderable(parsed.intro, parsed.intro_line, "body", reader) else "",
        stories=_stories(parsed, context.registry, reader),
        image=_image(data, reader, context.repository, context.docs_dir),
        source=_source(data, reader),
        ai_generated=reader.boolean(data, "ai_generated"),
        corrections=_corrections(data, date, reader),
    )
    _placeholders(parsed, data, reader)
    kept = {story.line for story in roundup.stories}
    for section in parsed.sections:
        if section.line not in kept:
            continue  # left out, by a limit or its anchor: its text is not scanned for mentions
        meant = {context.registry.meant(tag) or tag for tag in (*section.tags, *section.not_about)}
        problems.extend(context.mentions.problems(path, section, meant))
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
        reader.report(exc.line, "frontmatter", exc.message, exc.hint)
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
        reader.report(data.key_lines["date"], "date",
                      f"date {date} does not match the file name's {name.group('date')}",
                      "make them equal (rename the file or fix the date)")
    return name.group("edition") or ""


def _stories(parsed: ParsedFile, registry: Registry, reader: FieldReader) -> tuple[Story, ...]:
    stories: list[Story] = []
    anchors: dict[str, int] = {}
    for number, section in enumerate(parsed.sections, start=1):
        if number > limits.STORIES:
            reader.report(section.line, "story", f"the roundup has {len(parsed.sections)} stories, more than the "
                          f"{limits.STORIES} one roundup may hold; this one and the ones after it are left out",
                          "move some stories to another roundup")
            break
        story = _story(section, registry, reader)
        if story is None:
            continue
        if story.anchor in anchors:
            reader.report(section.line, "story", f"anchor '{story.anchor}' is already used by the story on line "
                          f"{anchors[story.anchor]}", "reword one headline or give it its own {#anchor}")
            continue
        anchors[story.anchor] = section.line
        stories.append(story)
    return tuple(stories)


def _story(section: Section, registry: Registry, reader: FieldReader) -> Story | None:
    """The story of ``section``; None when its text cannot be shown (the problem says why)."""
    if not section.heading:
        reader.report(section.line, "story", "the story has no headline", "write the headline after '## '")
    elif len(section.heading) > limits.NAME_CHARS:
        reader.report(section.line, "story", f"the headline is {len(section.heading):,} characters long, more than "
                      f"{limits.NAME_CHARS}", "shorten it")
        return None
    anchor = section.anchor or anchor_for(section.heading)
    if section.anchor and not SLUG.fullmatch(section.anchor):
        reader.report(section.line, "story", f"anchor '{section.anchor}' is not valid",
                      "use lowercase letters, digits and hyphens, e.g. {#xiaomi-su7}")
        anchor = anchor_for(section.heading)
    companies, topics, not_about = _tags(section, registry, reader)
    if not section.body:
        reader.report(section.line, "story", f"the story '{section.heading}' has no text",
                      "write it under the Tags line")
    if not _renderable(section.body, section.body_line, "story", reader):
        return None
    return Story(section.heading, anchor, companies, topics, section.body, section.line, not_about)


def _renderable(text: str, first_line: int, field: str, reader: FieldReader) -> bool:
    """Whether the Markdown ``text`` (starting on file line ``first_line``) stays within the limits
    and renders as what it is meant to be: text without top headings or unsafe links."""
    excess = limits.text_excess(text, first_line)
    for found in excess:
        reader.report(found.line, field, f"{found.message}; it is left out", found.hint)
    if excess:
        return False
    rendered = render_markdown(text)
    if rendered.too_deep:
        reader.report(first_line, field, "the text nests too deeply to be shown; it is left out",
                      "flatten its lists and quotes")
        return False
    _report_headings(rendered, text, first_line, field, reader)
    for target in rendered.unlinked:
        shown = links.scheme(target) or target
        message, hint = links.disguise_problem(target) or (
            f"'{shown}:' links are not allowed", "links may use http(s) and mailto, images http(s); it is shown as "
            "plain text")
        reader.report(_line_of(text, target, first_line), "link", message, hint)
    return True


def _report_headings(rendered: Rendered, text: str, first_line: int, field: str, reader: FieldReader) -> None:
    """Headings the renderer reads inside a story's text, where only a '## ' line starts a story,
    each at its own line: the renderer's headings are matched in order with the lines that can
    make one (a few ahead are compared, so the work stays linear however many there are)."""
    lines = text.split("\n")
    candidates = _heading_lines(lines)
    cursor = 0
    for heading in rendered.headings:
        ahead = candidates[cursor:cursor + _HEADING_LOOKAHEAD]
        found = next((i for i, (number, _) in enumerate(ahead) if heading and heading in lines[number]), 0)
        number, underlined = ahead[found] if ahead else (0, False)
        cursor += found + 1
        if underlined:
            message = f"'{heading}' is read as a headline: a line of '=' or '-' under text makes it one"
            hint = "start a story with a '## Headline' line; to keep a line of dashes, put a blank line above it"
        else:
            message = f"'{heading}' is read as a headline inside the story"
            hint = "a story starts with '## ' at the very start of a line; for a subheading inside it, use '### '"
        reader.report(first_line + number, field, message, hint)


_HEADING_LOOKAHEAD = 8
_MARKERS = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
"""The quote and list markers and indentation a heading may follow on its line."""


def _heading_lines(lines: list[str]) -> list[tuple[int, bool]]:
    """The lines of a text that may make a heading, in order, each with whether a line of '=' or
    '-' under it does (that line is then taken) or it starts with '#'."""
    found = []
    taken = -1
    for number, line in enumerate(lines):
        if number == taken:
            continue
        underlined = (bool(line.strip()) and number + 1 < len(lines)
                      and _UNDERLINE.fullmatch(lines[number + 1]) is not None)
        if underlined or _MARKERS.sub("", line, count=1).startswith("#"):
            found.append((number, underlined))
            taken = number + 1 if underlined else taken
    return found


def _line_of(text: str, needle: str, first_line: int) -> int:
    """The file line of ``needle``'s first occurrence in ``text``, which starts on ``first_line``."""
    found = text.find(needle)
    return first_line + (text.count("\n", 0, found) if found >= 0 else 0)


def _tags(
    section: Section, registry: Registry, reader: FieldReader
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The story's companies, topics and the companies it is not about, each known to the registry."""
    if not section.tags_line:
        where = f" (found on line {section.stray_tags_line}; move it up)" if section.stray_tags_line else ""
        reader.report(section.line, "Tags", f"the story '{section.heading}' has no Tags: line directly under its "
                      f"headline{where}", f"add e.g. 'Tags: {registry.topic_examples(2)}' after a blank line")
        return (), (), ()
    line = section.tags_line
    if len(section.tags) + len(section.not_about) > limits.TAGS:
        reader.report(line, "Tags", f"the story has {len(section.tags) + len(section.not_about)} tags, more than the "
                      f"{limits.TAGS} allowed", "keep the companies and topics the story is about")
        return (), (), ()
    companies: list[str] = []
    topics: list[str] = []
    for tag in section.tags:
        if tag in companies or tag in topics:
            reader.report(line, "Tags", f"tag '{tag}' is listed twice", "remove one", WARNING)
        elif tag in registry.companies:
            companies.append(tag)
        elif tag in registry.topics:
            topics.append(tag)
        else:
            reader.report(line, "Tags", f"unknown tag '{tag}'", registry.suggest(tag))
    if not topics:
        reader.report(line, "Tags", f"the story '{section.heading}' has no topic",
                      f"add at least one topic, e.g. {registry.topic_examples()}")
    for label in section.unknown_markers:
        guess = closest(label.casefold(), [NOT_ABOUT], 60)
        reader.report(line, "Tags", f"unknown marker '{label}' after ';'",
                      f"did you mean '{guess}'?" if guess else f"write '; {NOT_ABOUT}: slug, slug' or remove the ';'")
    return tuple(companies), tuple(topics), _not_about(section, registry, companies, reader)


def _not_about(section: Section, registry: Registry, companies: list[str], reader: FieldReader) -> tuple[str, ...]:
    """The companies after ``; not about:``: named in the story, deliberately not tagged."""
    kept: list[str] = []
    for slug in section.not_about:
        if slug in companies:
            reader.report(section.tags_line, "Tags", f"'{slug}' is both tagged and marked '{NOT_ABOUT}'",
                          "keep it in one place: tagged if the story is about it, else after 'not about:'")
        elif slug in registry.companies:
            kept.append(slug)
        else:
            reader.report(section.tags_line, "Tags", f"unknown company '{slug}' after '{NOT_ABOUT}:'",
                          registry.suggest(slug, registry.companies))
    return tuple(dict.fromkeys(kept))


def _placeholders(parsed: ParsedFile, data: Mapping, reader: FieldReader) -> None:
    """Text of scripts/new-roundup's template left as it was: it would be published as it stands."""
    texts = [(data.key_lines[key], key, data[key]) for key in ("title", "summary") if isinstance(data.get(key), str)]
    texts.append((parsed.intro_line, "body", parsed.intro))
    for section in parsed.sections:
        texts += [(section.line, "story", section.heading), (section.body_line, "story", section.body)]
    for line, field, text in texts:
        for placeholder in PLACEHOLDERS:
            if placeholder in text:
                reader.report(line + text.count("\n", 0, text.find(placeholder)), field,
                              f"'{placeholder}' is the template's placeholder", "replace it with your own text")


def _image(data: Mapping, reader: FieldReader, repository: Repository, docs_dir: str) -> Image | None:
    if "image" not in data:
        return None
    image = reader.mapping(data["image"], data.key_lines["image"], "image")
    if image is None:
        return None
    reader.known_keys(image, _IMAGE_KEYS, "image.")
    reader.required(image, ("src", "alt"), "image.")
    src = reader.text(image, "src", "image.")
    alt = reader.text(image, "alt", "image.")
    if not src or not alt:
        return None
    size = (0, 0)
    if not links.is_web_url(src):
        local = _local_image(src, image.key_lines["src"], reader, repository, docs_dir)
        if local is None:
            return None
        size = _pixel_size(local)
    return Image(src, alt, reader.text(image, "credit", "image.", limits.NAME_CHARS),
                 reader.text(image, "caption", "image."), *size)


def _pixel_size(path: Path) -> tuple[int, int]:
    """Width and height from the image file's header; (0, 0) when the format is unknown."""
    try:
        width, height = imagesize.get(path)
    except (ValueError, OSError):
        return 0, 0
    return max(int(width), 0), max(int(height), 0)


def _local_image(src: str, line: int, reader: FieldReader, repository: Repository, docs_dir: str) -> Path | None:
    """The image file that ``src`` names under docs/, if it is a regular file there."""
    if links.scheme(src) or src.startswith(("/", "\\")) or "\\" in src:
        reader.report(line, "image.src", f"'{src}' is neither an http(s) URL nor a path under {docs_dir}/",
                      "write a path such as images/2024/photo.jpg, or a full https:// address")
        return None
    normal = posixpath.normpath(src)
    if normal.startswith(".."):
        reader.report(line, "image.src", f"'{src}' points outside {docs_dir}/",
                      "keep images under docs/, e.g. images/2024/")
        return None
    folder = repository.root / docs_dir
    if not (folder / normal).exists() and not (folder / normal).is_symlink():
        reader.report(line, "image.src", f"no image at {docs_dir}/{normal}", "add the file or fix the path")
        return None
    try:
        real = repository.regular_file(folder / normal)
    except Unreadable as exc:
        reader.report(line, "image.src", f"{docs_dir}/{normal} {exc.message}", exc.hint)
        return None
    if not real.is_relative_to(folder.resolve()):
        reader.report(line, "image.src", f"'{src}' points outside {docs_dir}/",
                      "keep images under docs/, e.g. images/2024/")
        return None
    return real


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
    if len(items) > limits.CORRECTIONS:
        reader.report(data.key_lines["corrections"], "corrections", f"the roundup has {len(items)} corrections, more "
                      f"than the {limits.CORRECTIONS} allowed", "merge notes about the same change into one")
        return ()
    corrections = []
    for number, (item, line) in enumerate(zip(items, items.item_lines, strict=True), start=1):
        entry = reader.mapping(item, line, f"corrections[{number}]")
        if entry is None:
            continue
        where = f"corrections[{number}]."
        reader.known_keys(entry, _CORRECTION_KEYS, where)
        reader.required(entry, _CORRECTION_KEYS, where)
        when, note = reader.date(entry, "date", where), reader.text(entry, "note", where)
        if when and date and when < date:
            reader.report(entry.key_lines["date"], where + "date",
                          f"correction date {when} is before the roundup's {date}",
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
