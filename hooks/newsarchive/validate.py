"""Turn one roundup file into a Roundup, reporting every rule of the content format it breaks (the
author guide, docs/authoring.md, says each one and what to do).

Validation never stops at the first fault and never raises on bad input. It returns the most
complete Roundup it can (a story without an unknown tag, a page without a broken image) so the
preview shows what it can beside the problems (a build leaves out a roundup with an error); it
returns None only when the page cannot be placed or titled at all.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from . import citations, images, limits, links, sources
from .citations import Citing, Misread, citing_for
from .fields import SLUG, FieldReader, closest
from .files import Repository, Unreadable
from .mentions import CompanyMentions
from .model import Correction, Image, Roundup, Source, Story
from .parse import NOT_ABOUT, ParsedFile, Section, StrayTags, parse_file
from .people import People
from .problems import WARNING, Problem, capped
from .registry import Registry
from .render.markup import Rendered, render_markdown
from .scaffold import PLACEHOLDERS
from .yamlload import Mapping, Sequence, YamlError, load

FRONTMATTER_KEYS = ("title", "date", "summary", "image", "source", "ai_generated", "reviewed_by", "reviewed",
                    "original", "corrections", "draft", "authors", "editor", "time")
REQUIRED_KEYS = ("title", "date", "summary")
_IMAGE_KEYS = ("src", "alt", "credit", "caption", "creator", "copyright")
_CORRECTION_KEYS = ("date", "note", "story")
_CORRECTION_REQUIRED = ("date", "note")
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
    today: dt.date
    """The date in the archive's time zone: nothing may be corrected after it."""

    @classmethod
    def of(cls, registry: Registry, repository: Repository, docs_dir: str, today: dt.date) -> Context:
        return cls(registry, CompanyMentions(registry.companies.values()), repository, docs_dir, today)


@dataclass(frozen=True)
class FileResult:
    roundup: Roundup | None
    problems: list[Problem]
    draft: bool = False
    image: str = ""
    """The file under docs/ that its lead image is (``images/2024/a.jpg``), even for a draft;
    "" for none, or an image elsewhere on the web."""
    docs_files: tuple[str, ...] = ()
    """The files under docs/ that its check looks at, whether or not they are there (the one its
    lead image names): a change of one can change what the roundup reads as."""


def read_roundup(path: str, raw: bytes, context: Context) -> FileResult:
    """Check the roundup file at repository path ``path`` whose bytes are ``raw``."""
    result = _read_roundup(path, raw, context)
    return FileResult(result.roundup, capped(result.problems), result.draft, result.image, result.docs_files)


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
    title = reader.text(data, "title", limit=limits.NAME_CHARS, meant="the roundup's headline")
    summary = reader.text(data, "summary", meant="a one-sentence summary")
    date = reader.date(data, "date")
    edition = _check_name(path, name, date, data, reader)
    draft = reader.boolean(data, "draft")
    source = sources.read_source(data, reader)
    intro_citing = citing_for(citations.INTRO, (source,) if source else ())
    cited_in_intro = _citations(parsed.intro, parsed.intro_line, intro_citing, "body", reader)
    if source and cited_in_intro:
        source = _with_cited(source, cited_in_intro.get(1, []))
    for key in ("title", "summary"):
        _no_citations(data, key, reader)
    stories = _stories(parsed, context.registry, reader, source)
    roundup = Roundup(
        path=path,
        date=date or dt.date.min,
        edition=edition,
        title=title,
        summary=summary,
        intro=parsed.intro if _renderable(parsed.intro, parsed.intro_line, "body", reader, intro_citing) else "",
        stories=stories,
        image=_image(data, reader, context.repository, context.docs_dir),
        source=source,
        ai_generated=reader.boolean(data, "ai_generated"),
        corrections=_corrections(data, date, reader, context.today, stories),
        reviewed_by=_editor(data, "reviewed_by", reader, context.registry.people),
        reviewed=reader.date(data, "reviewed"),
        original=sources.read_original(data, reader),
        authors=_authors(data, reader, context.registry.people),
        editor=_editor(data, "editor", reader, context.registry.people),
        time=_time(data, reader),
    )
    _own_editor(roundup, data, reader)
    _machine_written(roundup, data, parsed, reader, context.today)
    _placeholders(parsed, data, reader)
    _stray_tags(parsed, reader)
    kept = {story.line for story in roundup.stories}
    for section in parsed.sections:
        # A story left out (by a limit, or for its anchor) is not scanned for mentions; nor is text
        # after a stray Tags line, which is another story's: that is the slip to fix first.
        if section.line in kept and not section.stray_tags:
            problems.extend(context.mentions.problems(path, section, _meant(section, context.registry)))
    if not parsed.sections and not parsed.stray_tags:
        reader.report(parsed.body_line, "body", "the roundup has no stories", "start each story with a '## ' heading")
    image = images.local_file(roundup.image.src) if roundup.image else ""
    looked_at = _image_file(data)
    if draft:
        return FileResult(None, problems, draft=True, image=image, docs_files=looked_at)
    placeable = date is not None and name is not None and bool(title)
    return FileResult(roundup if placeable else None, problems, image=image, docs_files=looked_at)


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


def _stories(parsed: ParsedFile, registry: Registry, reader: FieldReader, default: Source | None
             ) -> tuple[Story, ...]:
    """The stories of ``parsed``; ``default`` is the roundup's source, that of a story naming none."""
    stories: list[Story] = []
    anchors: dict[str, int] = {}
    for number, section in enumerate(parsed.sections, start=1):
        if number > limits.STORIES:
            reader.report(section.line, "story", f"the roundup has {len(parsed.sections)} stories, more than the "
                          f"{limits.STORIES} one roundup may hold; this one and the ones after it are left out",
                          "move some stories to another roundup")
            break
        story = _story(section, registry, reader, default)
        if story is None:
            continue
        if story.anchor in anchors:
            reader.report(section.line, "story", f"anchor '{story.anchor}' is already used by the story on line "
                          f"{anchors[story.anchor]}", "reword one headline or give it its own {#anchor}")
            continue
        anchors[story.anchor] = section.line
        stories.append(story)
    return _within_roundup_tags(stories, parsed, reader)


def _within_roundup_tags(stories: list[Story], parsed: ParsedFile, reader: FieldReader) -> tuple[Story, ...]:
    """The stories, untagged from the one whose tags take the roundup past ``limits.ROUNDUP_TAGS``
    (reported on its Tags line) to the last."""
    counted = 0
    for number, story in enumerate(stories):
        counted += len(story.companies) + len(story.topics)
        if counted > limits.ROUNDUP_TAGS:
            total = sum(len(each.companies) + len(each.topics) for each in stories)
            line = {section.line: section.tags_line for section in parsed.sections}[story.line]
            reader.report(line, "Tags", f"the roundup's stories have {total} tags together, more than the "
                          f"{limits.ROUNDUP_TAGS} one roundup may hold; the tags of this story and the ones after it "
                          "are left out", "keep the companies and topics each story is mainly about")
            untagged = [replace(later, companies=(), topics=(), not_about=()) for later in stories[number:]]
            return (*stories[:number], *untagged)
    return tuple(stories)


def _story(section: Section, registry: Registry, reader: FieldReader, default: Source | None) -> Story | None:
    """The story of ``section``; None when its text cannot be shown (the problem says why)."""
    if not section.heading:
        reader.report(section.line, "story", "the story has no headline", "write the headline after '## '")
    elif len(section.heading) > limits.NAME_CHARS:
        reader.report(section.line, "story", f"the headline is {len(section.heading):,} characters long, more than "
                      f"{limits.NAME_CHARS}", "shorten it")
        return None
    anchor = section.anchor if section.anchor and _anchor_allowed(section, reader) else anchor_for(section.heading)
    companies, topics, not_about = _tags(section, registry, reader)
    if not section.body:
        reader.report(section.line, "story", f"the story '{section.heading}' has no text",
                      "write it under the Tags line")
    own = _source_lines(section, reader)
    based_on = own or ((default,) if default else ())
    citing = citing_for(anchor, based_on)
    cited = _citations(section.body, section.body_line, citing, "story", reader)
    if not _renderable(section.body, section.body_line, "story", reader, citing):
        return None
    listed = tuple(_with_cited(source, cited.get(number, [])) for number, source in enumerate(based_on, start=1)
                   ) if own or cited else ()
    return Story(section.heading, anchor, companies, topics, section.body, section.line, not_about, listed,
                 _ai_line(section, reader))


def _source_lines(section: Section, reader: FieldReader) -> tuple[Source, ...]:
    """The story's ``Source:`` lines, read; a Source or AI-generated line lower in its text is
    reported (it would be printed as text)."""
    for line, label in section.stray_headers:
        reader.report(line, label, f"the {label}: line is not under the story's headline, so it is read as text",
                      "move it up, next to the story's Tags line")
    if len(section.source_lines) > limits.SOURCES:
        reader.report(section.source_lines[0][0], "Source", f"the story has {len(section.source_lines)} Source: "
                      f"lines, more than the {limits.SOURCES} allowed", "keep the articles the story draws on")
        return ()
    found = [sources.read_line(text, line, reader) for line, text in section.source_lines]
    return tuple(source for source in found if source is not None)


def _ai_line(section: Section, reader: FieldReader) -> bool | None:
    """What the story's ``AI-generated:`` line says; None without one (as its roundup says)."""
    if section.ai_line is None:
        return None
    line, value = section.ai_line
    answer = value.strip().casefold()
    if answer in ("yes", "true"):
        return True
    if answer in ("no", "false"):
        return False
    reader.report(line, "AI-generated", f"'{value}' is neither yes nor no",
                  "write 'AI-generated: yes' for a story a machine wrote, 'no' for one a person wrote")
    return None


def _citations(text: str, first_line: int, citing: Citing | None, field: str, reader: FieldReader
               ) -> dict[int, list[tuple[int, int, str]]]:
    """The paragraphs ``text`` cites of each of its sources (by number), each citation checked:
    written as the site reads it, of a paragraph that can be, of a source the text has."""
    cited: dict[int, list[tuple[int, int, str]]] = {}
    for found in citations.find(text):
        line = first_line + text.count("\n", 0, found.offset)
        if isinstance(found, Misread):
            reader.report(line, "citation", f"'{found.written}' is not a citation the site reads",
                          f"write {citations.EXAMPLE}")
            continue
        if found.first < 1 or found.last < found.first:
            reader.report(line, "citation", f"'{found.written}' cites no paragraph of its source",
                          "paragraphs are numbered from 1, and a run goes from the lower to the higher: [paras. 2–4]")
            continue
        if citing is None:
            reader.report(line, "citation", f"'{found.written}' cites a source, but the {field} names none",
                          "add 'Source: Outlet, https://…' under the story's headline (or source: in the frontmatter)"
                          if field == "story" else "add source: (name and url) to the frontmatter")
            continue
        number = citing.resolve(found.which)
        if number is None:
            listed = ", ".join(f"{n} {name}" for n, name in enumerate(citing.outlets, start=1))
            if found.which:
                reader.report(line, "citation", f"'{found.written}' names no source of the {field}",
                              f"its sources are {listed}")
            else:
                reader.report(line, "citation", f"'{found.written}' does not say which of the {field}'s "
                              f"{len(citing.outlets)} sources it cites",
                              f"name it by number or outlet, e.g. [1, para. {found.first}] ({listed})")
            continue
        run = (found.first, found.last, found.words)
        if run not in cited.setdefault(number, []):
            cited[number].append(run)
    return cited


def _with_cited(source: Source, runs: list[tuple[int, int, str]]) -> Source:
    """``source`` with the paragraphs a story cites of it, in order; a run cited with its opening
    words once and without them elsewhere is listed once, with them."""
    worded = {(first, last) for first, last, words in runs if words}
    kept = sorted({run for run in runs if run[2] or (run[0], run[1]) not in worded})
    return replace(source, cited=tuple(kept))


def _no_citations(data: Mapping, key: str, reader: FieldReader) -> None:
    """A title or summary is plain text: a citation there would show as brackets."""
    value = data.get(key)
    if isinstance(value, str) and any(True for _ in citations.find(value)):
        reader.report(data.key_lines[key], key, "cites a paragraph, which only a story's text can",
                      "remove the citation here; cite the paragraph in the story that draws on it")


def _machine_written(roundup: Roundup, data: Mapping, parsed: ParsedFile, reader: FieldReader,
                     today: dt.date) -> None:
    """What a machine wrote names what it is based on and who reviewed it."""
    lines = {section.line: section for section in parsed.sections}
    written = [story for story in roundup.stories if roundup.by_machine(story)]
    for story in written:
        if not roundup.sources_of(story):
            reader.report(story.line, "story", f"the story '{story.title}' is AI-generated but names no source",
                          "add 'Source: Outlet, https://…' under its headline (or source: in the frontmatter)")
    if not written:
        return
    section = lines.get(written[0].line)
    line = data.key_lines.get("ai_generated") or (section.ai_line[0] if section and section.ai_line else data.line)
    if "reviewed_by" not in data:
        also = " and 'reviewed: YYYY-MM-DD'" if "reviewed" not in data else ""
        reader.report(line, "reviewed_by", "no editor reviewed this AI-generated story",
                      f"add 'reviewed_by: <editor's slug>'{also} to the frontmatter")
    elif "reviewed" not in data:
        reader.report(line, "reviewed", "this AI-generated story has no day of review",
                      "add 'reviewed: YYYY-MM-DD' to the frontmatter")
    elif roundup.reviewed and roundup.reviewed > today:
        reader.report(data.key_lines["reviewed"], "reviewed", f"review date {roundup.reviewed} is after today, "
                      f"{today}", "date the review the day it was made")


def _anchor_allowed(section: Section, reader: FieldReader) -> bool:
    """Whether the ``{#anchor}`` written on the story's headline can be its anchor."""
    anchor = section.anchor
    if invisible := _invisible(anchor):
        reader.report(section.line, "story", f"anchor '{_INVISIBLE.sub('', anchor)}' contains an invisible "
                      f"character ({invisible})", "delete it")
    elif len(anchor) > limits.ANCHOR_CHARS:
        reader.report(section.line, "story", f"the anchor is {len(anchor):,} characters long, more than "
                      f"{limits.ANCHOR_CHARS}", "shorten it")
    elif not SLUG.fullmatch(anchor):
        reader.report(section.line, "story", f"anchor '{anchor}' is not valid",
                      "use lowercase letters, digits and hyphens, e.g. {#xiaomi-su7}")
    elif anchor.startswith(PAGE_ID_PREFIX):
        reader.report(section.line, "story", f"anchor '{anchor}' starts with '{PAGE_ID_PREFIX}', which the page "
                      "keeps for its own parts", f"choose another, e.g. {{#{anchor_for(section.heading)}}}")
    else:
        return True
    return False


def _renderable(text: str, first_line: int, field: str, reader: FieldReader, citing: Citing | None = None) -> bool:
    """Whether the Markdown ``text`` (starting on file line ``first_line``) stays within the limits
    and renders as what it is meant to be: text without top headings or unsafe links."""
    excess = limits.text_excess(text, first_line)
    for found in excess:
        reader.report(found.line, field, f"{found.message}; it is left out", found.hint)
    if excess:
        return False
    rendered = render_markdown(text, citing)
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
    for target in rendered.schemeless:
        reader.report(_line_of(text, target, first_line), "link",
                      f"'{target}' has no scheme, so it links inside this site", f"write {links.meant_address(target)}")
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
        elif _FIRST_LEVEL.match(lines[number]):
            message = "a '# ' heading is not allowed in a roundup"
            hint = "the page title comes from 'title:'; make stories '## ' headings"
        else:
            message = f"'{heading}' is read as a headline inside the story"
            hint = "a story starts with '## ' at the very start of a line; for a subheading inside it, use '### '"
        reader.report(first_line + number, field, message, hint)


_HEADING_LOOKAHEAD = 8
_FIRST_LEVEL = re.compile(r" {0,3}#(?:[ \t]|$)")
"""A line that makes a first-level heading, which only the page's title may be."""
_TOP_HEADING = re.compile(r" {0,3}##?(?!#)")
"""A line the renderer reads as a top heading (``# Title``, ``##Title``), reported as such."""
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
        first = section.body.split("\n", 1)[0]
        if (label_written := _TAGS_WRITTEN_OTHERWISE.match(first)) is not None:
            reader.report(section.body_line, "Tags", f"'{label_written.group().strip()}' is not read as a Tags: line",
                          f"write it as 'Tags: {first[label_written.end():].strip()}', at the start of the line")
            return (), (), ()
        misplaced = _misplaced(section)
        where = f" (found on line {misplaced.line}; move it up)" if misplaced else ""
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
    topic_meant = False
    for written in _written_tags(section, registry):
        for tag in _read_tag(written, line, registry, reader):
            if tag in companies or tag in topics:
                reader.report(line, "Tags", f"tag '{tag}' is listed twice", "remove one", WARNING)
            elif tag in registry.companies:
                companies.append(tag)
            elif tag in registry.topics:
                topics.append(tag)
            else:
                topic_meant |= registry.meant(_undecorated(tag)) in registry.topics
                reader.report(line, "Tags", f"unknown tag '{tag}'", registry.suggest(_undecorated(tag)))
    if not topics and not topic_meant:
        reader.report(line, "Tags", f"the story '{section.heading}' has no topic",
                      f"add at least one topic, e.g. {registry.topic_examples()}")
    for label in section.unknown_markers:
        guess = closest(label.casefold(), [NOT_ABOUT], 60)
        if _semicolon_for_comma(label, registry):
            hint = f"separate tags with commas: ', {label}', not '; {label}'"
        elif guess:
            hint = f"did you mean '{guess}'?"
        else:
            hint = f"write '; {NOT_ABOUT}: slug, slug' or remove the ';'"
        reader.report(line, "Tags", f"unknown marker '{label}' after ';'", hint)
    return tuple(companies), tuple(topics), _not_about(section, registry, companies, reader)


_INVISIBLE = re.compile("[\u00a0\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Characters an editor shows as nothing, or as a space, that text pasted into a tag may carry:
zero-width spaces and joiners, direction marks, the byte-order mark, the no-break space."""
_RUN_TOGETHER = re.compile(r"[\s/]+")
"""What stands between tags written without a comma between them: spaces, or a slash."""
_DECORATION = "\"'`#*_\u201c\u201d\u2018\u2019"
"""What a tag may be wrapped in by habit (quotes, a hashtag's '#', emphasis): not part of the slug
it stands for."""
_TAGS_WRITTEN_OTHERWISE = re.compile(r"[ \t]*[*_]*[ \t]*tags?[ \t]*[*_]*[ \t]*:[*_]*[ \t]*", re.IGNORECASE)
"""A Tags line's label in bold or italics, or in the singular (``**Tags:**``, ``Tag:``)."""


def _undecorated(tag: str) -> str:
    """The slug a tag wrapped in quotes or marks stands for, to look up: ``"xiaomi"`` is ``xiaomi``."""
    return tag.strip(_DECORATION) or tag


def _written_tags(section: Section, registry: Registry) -> list[str]:
    """The tags of the story's Tags line as written, with those written after a ';' in place of a
    comma (``Tags: xiaomi; ev``)."""
    return section.tags + [tag for label in section.unknown_markers for tag in _semicolon_for_comma(label, registry)]


def _semicolon_for_comma(label: str, registry: Registry) -> list[str]:
    """The slugs of a part of the Tags line after ';' that are tags, not a marker: each a slug of
    the registry (a marker's label never is)."""
    slugs = [slug.strip() for slug in label.split(",")]
    return slugs if all(registry.get(slug) for slug in slugs) else []


def _as_written(tag: str, registry: Registry) -> tuple[str, tuple[str, ...]]:
    """A tag as its author sees it (without invisible characters), and the slugs it runs together
    without a comma between them (``xiaomi ev``), if it is made of slugs."""
    visible = _INVISIBLE.sub("", tag).strip()
    words = tuple(word for word in _RUN_TOGETHER.split(visible) if word)
    return visible, words if len(words) > 1 and all(registry.get(word) for word in words) else ()


def _read_tag(tag: str, line: int, registry: Registry, reader: FieldReader, kind: str = "tag",
              where: str = "") -> tuple[str, ...]:
    """What the ``kind`` ``tag`` (written on the Tags line at ``line``, ``where`` on it) stands for,
    once an invisible character in it or a missing comma is reported: one error for one slip."""
    visible, run_together = _as_written(tag, registry)
    if invisible := _invisible(tag):
        shown = f"{kind} '{visible}'{where}" if visible else f"an empty {kind}{where}"
        reader.report(line, "Tags", f"{shown} contains an invisible character ({invisible})", "delete it")
    if run_together:
        reader.report(line, "Tags", f"unknown {kind} '{visible}'{where}",
                      f"missing comma? write '{', '.join(run_together)}'")
        return run_together
    return (visible,) if visible else ()


def _invisible(text: str) -> str:
    """The first invisible character in ``text`` as a message names it (``U+200B ZERO WIDTH
    SPACE``); "" when there is none."""
    found = _INVISIBLE.search(text)
    return f"U+{ord(found.group()):04X} {unicodedata.name(found.group(), '')}".rstrip() if found else ""


def _meant(section: Section, registry: Registry) -> set[str]:
    """The slugs the story's tags stand for, known or not: a misspelt tag stands for the slug it
    most resembles, so the slip is reported once, as a tag, and not again as a mention."""
    meant: set[str] = set()
    for tag in (*_written_tags(section, registry), *section.not_about):
        visible, run_together = _as_written(tag, registry)
        meant.update(run_together or [registry.meant(_undecorated(visible)) or visible])
    return meant


def _misplaced(section: Section) -> StrayTags | None:
    """The story's own Tags line, written lower in its text than directly under its headline: the
    first Tags line of a story without one, unless a line above it looks like another headline."""
    if section.tags_line or not section.stray_tags or _headline_written(section.stray_tags[0].above):
        return None
    return section.stray_tags[0]


def _stray_tags(parsed: ParsedFile, reader: FieldReader) -> None:
    """Tags lines that belong to no story: in the introduction, a story's second one, or one under
    a line that was meant to be a headline (``**Xiaomi sets a date**``), whose story has merged
    into the one above it. (Under a '#' or '##' line that is not a story's headline, the heading's
    own error says what to do.)"""
    strays = [*parsed.stray_tags, *(s for section in parsed.sections for s in section.stray_tags
                                    if s is not _misplaced(section))]
    for stray in strays:
        if _TOP_HEADING.match(stray.above):
            continue  # the renderer's heading is reported at its line
        headline = _headline_written(stray.above)
        hint = (f"make line {stray.above_line} a story's headline: '## {headline}'" if headline
                else "move it directly under its story's '## ' headline, or delete it")
        reader.report(stray.line, "Tags", "the Tags: line is not directly under a '## ' headline, so it belongs to "
                      "no story", hint)


def _headline_written(line: str) -> str:
    """The headline a line was meant to be when it stands alone in bold or italics (``**…**``,
    ``_…_``) or as a heading of another level (``### …``); "" for any other line."""
    text = line.strip()
    for mark in ("**", "__", "*", "_"):
        if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(mark):
            return text[len(mark):-len(mark)].strip()
    return text.strip("#").strip() if text.startswith("#") else ""


def _not_about(section: Section, registry: Registry, companies: list[str], reader: FieldReader) -> tuple[str, ...]:
    """The companies after ``; not about:``: named in the story, deliberately not tagged."""
    kept: list[str] = []
    marked = [slug for written in section.not_about
              for slug in _read_tag(written, section.tags_line, registry, reader, "company", f" after '{NOT_ABOUT}:'")]
    for slug in marked:
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
        size = images.pixel_size(local) or (0, 0)  # a size beyond the bound is reported with the file
    return Image(src, alt, reader.text(image, "credit", "image.", limits.NAME_CHARS),
                 reader.text(image, "caption", "image."), *size,
                 creator=reader.text(image, "creator", "image.", limits.NAME_CHARS,
                                     meant="who made the picture: a person's slug in people.yml, or a name"),
                 copyright=reader.text(image, "copyright", "image.", limits.NAME_CHARS,
                                       meant="the copyright notice, e.g. © 2024 VCG"))


def _image_file(data: Mapping) -> tuple[str, ...]:
    """The file under docs/ that the lead image's ``src`` names, if it names one, whether or not
    it is there (what ``_local_image`` looks at)."""
    image = data.get("image")
    src = image.get("src") if isinstance(image, Mapping) else None
    named = images.local_file(src.strip()) if isinstance(src, str) else ""
    return (named,) if named and not named.startswith(("/", "..")) else ()


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
    if images.kind_named(normal) is None:
        reader.report(line, "image.src", f"{docs_dir}/{normal} is not an image the site shows",
                      f"use a {images.ACCEPTED} file")
        return None
    return real


def _corrections(data: Mapping, date: dt.date | None, reader: FieldReader, today: dt.date,
                 stories: tuple[Story, ...]) -> tuple[Correction, ...]:
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
        reader.required(entry, _CORRECTION_REQUIRED, where)
        when, note = reader.date(entry, "date", where), reader.text(entry, "note", where, meant="what was corrected")
        story = _corrected_story(entry, where, reader, stories)
        if when and when > today:
            reader.report(entry.key_lines["date"], where + "date", f"correction date {when} is after today, {today}",
                          "a correction is dated the day it was made")
            continue
        if when and date and when < date:
            reader.report(entry.key_lines["date"], where + "date",
                          f"correction date {when} is before the roundup's {date}",
                          "a correction is dated the day it was made")
        if when and note:
            corrections.append(Correction(when, note, story))
    return tuple(corrections)


# Who wrote and edited it, and when it came out ---------------------------------------------------

_CLOCK = re.compile(r"(?P<hour>[01]?[0-9]|2[0-3]):(?P<minute>[0-5][0-9])")
"""A time of day as an author writes it: ``08:30``, ``8:30``, ``18:05`` (a 24-hour clock)."""


def _authors(data: Mapping, reader: FieldReader, people: People) -> tuple[str, ...]:
    """The slugs of ``authors:`` (a list, or one slug alone) that name people of people.yml."""
    if "authors" not in data:
        return ()
    written, line = data["authors"], data.key_lines["authors"]
    if written is None or written == [] or (isinstance(written, str) and not written.strip()):
        reader.report(line, "authors", "is empty", "write authors: [slug, slug], with slugs from people.yml")
        return ()
    if isinstance(written, str):
        named = [(written.strip(), line)]
    else:
        listed = set(reader.text_list(data, "authors"))  # reports a value that is not a list, and bad items
        named = [(item.strip(), at) for item, at in zip(written, getattr(written, "item_lines", []), strict=False)
                 if isinstance(item, str) and item.strip() in listed]
    authors: list[str] = []
    for slug, at in named:
        if slug in authors:
            reader.report(at, "authors", f"'{slug}' is listed twice", "remove one", WARNING)
        elif fault := people.fault(slug):
            reader.report(at, "authors", *fault)
        else:
            authors.append(slug)
    return tuple(authors)


def _editor(data: Mapping, key: str, reader: FieldReader, people: People) -> str:
    """The slug ``key`` gives (``editor:``, ``reviewed_by:``), if it names an editor of people.yml:
    a roundup is edited, and what a machine wrote in it reviewed, under the archive's editorial
    responsibility."""
    slug = reader.text(data, key, limit=limits.SLUG_CHARS, meant="the slug of an editor in people.yml")
    if slug and (fault := people.fault(slug, editor=True)):
        reader.report(data.key_lines[key], key, *fault)
        return ""
    return slug


def _own_editor(roundup: Roundup, data: Mapping, reader: FieldReader) -> None:
    """An editor who is also an author: the standards ask for a second reader."""
    if roundup.editor and roundup.editor in roundup.authors:
        reader.report(data.key_lines["editor"], "editor", f"'{roundup.editor}' is also an author of this roundup",
                      "name another editor: a roundup is checked by someone who did not write it", WARNING)


def _time(data: Mapping, reader: FieldReader) -> dt.time | None:
    """When on its date the roundup came out (``time: "08:30"``), in the archive's time zone."""
    if "time" not in data:
        return None
    value, line = data["time"], data.key_lines["time"]
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML reads 18:30 without quotes as a number of minutes (1110); 08:30 stays text.
        reader.report(line, "time", "is read as a number, not a time",
                      'write it in quotes as HH:MM, e.g. time: "08:30"')
        return None
    text = reader.text(data, "time", meant='the time as HH:MM, e.g. "08:30"')
    if not text:
        return None
    clock = _CLOCK.fullmatch(text)
    if clock is None:
        reader.report(line, "time", f"'{text}' is not a time", 'write it as HH:MM on a 24-hour clock, e.g. "18:30"')
        return None
    return dt.time(int(clock["hour"]), int(clock["minute"]))


def _corrected_story(entry: Mapping, where: str, reader: FieldReader, stories: tuple[Story, ...]) -> str:
    """The anchor ``story:`` gives, if it is the anchor of one of the roundup's stories."""
    anchor = reader.text(entry, "story", where, limits.NAME_CHARS, meant="the anchor of the story corrected")
    if not anchor or any(story.anchor == anchor for story in stories):
        return anchor
    by_headline = {story.title.casefold(): story.anchor for story in stories}
    guess = by_headline.get(anchor.casefold()) or closest(anchor, [story.anchor for story in stories])
    hint = (f"did you mean '{guess}'?" if guess else
            "write the anchor of a story of this roundup: the end of its address, after '#'")
    reader.report(entry.key_lines["story"], where + "story", f"no story of this roundup has the anchor '{anchor}'",
                  hint)
    return ""


PAGE_ID_PREFIX = "na-"
"""The start of every id a roundup's page gives its own parts (``na-content``, ``na-corrections``):
no story's anchor starts with it, written or made."""


def anchor_for(headline: str) -> str:
    """A stable anchor for a headline: ASCII words when it has any, else its own characters; one
    that would start like the page's own ids starts with ``story-`` (``story-na-ion-batteries…``)."""
    ascii_words = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_words).strip("-")
    if not slug:
        slug = re.sub(r"[^\w]+", "-", headline.lower()).strip("-_")
    if slug.startswith(PAGE_ID_PREFIX):
        slug = f"story-{slug}"
    if len(slug) > limits.ANCHOR_CHARS:
        slug = slug[: limits.ANCHOR_CHARS].rsplit("-", 1)[0]
    return slug or "story"
