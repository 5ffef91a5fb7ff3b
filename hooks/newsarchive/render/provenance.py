"""Where a story came from and what a machine wrote, as the pages and feeds show it: a story's text
with its citations as links, the list of its sources at its foot, the AI label wherever a reader
meets a story a machine wrote, the roundup's notice, its own source and where it first appeared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..citations import INTRO, Citing, citing_for, fragment_link
from ..dates import long_date
from ..model import Roundup, Source, Story
from ..sources import language_name
from .html import esc, time, web_link, words
from .markup import lede, plain_text, to_html

AI_CLASS = "na-ai"


def citing(roundup: Roundup, story: Story) -> Citing | None:
    """What the citations of ``story`` lead to: its list of sources on its roundup's page."""
    return citing_for(story.anchor, roundup.sources_of(story))


def _intro_citing(roundup: Roundup) -> Citing | None:
    return citing_for(INTRO, (roundup.source,) if roundup.source else ())


def story_html(roundup: Roundup, story: Story) -> str:
    """The story's text as HTML, its citations small numbered links to its sources."""
    return to_html(story.body, citing(roundup, story))


def intro_html(roundup: Roundup) -> str:
    return to_html(roundup.intro, _intro_citing(roundup))


def story_text(roundup: Roundup, story: Story) -> str:
    """The story's words, without markup or citations: what search finds."""
    return plain_text(story.body, citing(roundup, story))


def story_lede(roundup: Roundup, story: Story) -> str:
    """The story's first sentence, for listings."""
    return lede(story.body, citing(roundup, story))


# Sources -----------------------------------------------------------------------------------------

def story_sources(roundup: Roundup, story: Story) -> str:
    """The list of the sources at the foot of a story that names its own or cites its roundup's:
    each links the article, and each paragraph the story cites with its opening words links the
    place in the article."""
    found = citing(roundup, story)
    if not story.sources or found is None:
        return ""
    default = roundup.source
    return _source_list(story.sources, found, f"Sources of “{story.title}”",
                        lambda source: default is not None and (source.name, source.url) == (default.name, default.url))


def _source_list(sources: tuple[Source, ...], found: Citing, label: str,
                 described_below: Callable[[Source], bool] = lambda source: False) -> str:
    """A story's sources, numbered where there are several (citations name them by number), each
    in full but the roundup's own source, which the end of the page describes (``described_below``)."""
    heading = "Sources" if len(sources) > 1 else "Source"
    items = "".join(f'<li id="{esc(found.entry(number))}">{_source(source, brief=described_below(source))}</li>'
                    for number, source in enumerate(sources, start=1))
    listed = f"<ol>{items}</ol>" if len(sources) > 1 else f'<ul class="na-sources__one">{items}</ul>'
    return (f'<aside class="na-sources" aria-label="{esc(label)}"><p class="na-sources__title">{heading}</p>'
            f"{listed}</aside>")


def _source(source: Source, brief: bool = False) -> str:
    """One source: the outlet linking the article, the article's headline, date and language
    (unless ``brief``), and the paragraphs cited, each linking the article."""
    parts = [web_link(source.url, source.name) if source.url else esc(source.name)]
    if source.title and not brief:
        parts.append(f"“{esc(source.title)}”")
    details = [long_date(source.date)] if source.date and not brief else []
    if source.language and not brief:
        details.append(f"in {esc(language_name(source.language))}")
    line = ", ".join(parts) + (f" ({', '.join(details)})" if details else "")
    if source.cited:
        cited = ", ".join(_paragraph(source, first, last, words) for first, last, words in source.cited)
        line += f'. <span class="na-sources__cited">Cited: {cited}</span>'
    return line


def _paragraph(source: Source, first: int, last: int, words: str) -> str:
    shown = f"¶{first}–{last}" if last != first else f"¶{first}"
    if not source.url:
        return shown
    spoken = f"Paragraphs {first} to {last}" if last != first else f"Paragraph {first}"
    if words:  # straight to the paragraph, in a browser that follows text fragments
        return (f'<a href="{esc(fragment_link(source.url, words))}" rel="noopener nofollow" '
                f'aria-label="{esc(f"{spoken} of the article, opening “{words}”")}">{shown}</a>')
    return f'<a href="{esc(source.url)}" rel="noopener nofollow" aria-label="{esc(spoken)} of the article">{shown}</a>'


def source_note(roundup: Roundup) -> str:
    """The roundup's own source, at the end of its page: the default of its stories, and what its
    introduction cites."""
    found = _intro_citing(roundup)
    if roundup.source is None or found is None:
        return ""
    if roundup.source.cited:
        return _source_list((roundup.source,), found, "Source of this roundup")
    return f'<p class="na-source" id="{esc(found.entry(1))}">Source: {_source(roundup.source)}</p>'


def original_note(roundup: Roundup) -> str:
    """Where a republished roundup first appeared."""
    original = roundup.original
    if original is None:
        return ""
    when = f" on {time(original.date)}" if original.date else ""
    return f'<p class="na-original">Originally published by {web_link(original.url, original.name)}{when}.</p>'


def articles_of(stories: list[Story], roundup: Roundup) -> list[Source]:
    """The articles ``stories`` (of ``roundup``) are based on, each once, in order (the paragraphs
    each story cites aside)."""
    found: dict[tuple[str, str], Source] = {}
    for story in stories:
        for source in roundup.sources_of(story):
            found.setdefault((source.name, source.url), replace(source, cited=()))
    return list(found.values())


# What a machine wrote ----------------------------------------------------------------------------

def ai_label(roundup: Roundup, story: Story) -> str:
    """The label of a story a machine wrote, where a reader meets it (its page, any listing)."""
    return f' <span class="{AI_CLASS}">AI-generated</span>' if roundup.by_machine(story) else ""


def roundup_label(roundup: Roundup) -> str:
    """The label of a roundup some or all of whose stories a machine wrote, in listings."""
    words = {"all": "AI-generated", "some": "Partly AI-generated"}.get(roundup.machine_written)
    return f' <span class="{AI_CLASS}">{words}</span>' if words else ""


def title_label(roundup: Roundup, story: Story | None = None) -> str:
    """What a feed entry's title starts with, for a reader who sees only titles: ``AI-generated:``."""
    if story is not None:
        return "AI-generated: " if roundup.by_machine(story) else ""
    return {"all": "AI-generated: ", "some": "Partly AI-generated: "}.get(roundup.machine_written, "")


def backstory(roundup: Roundup, name: Callable[[str], str] = str) -> str:
    """How the roundup was written, in plain words (structured data's ``backstory``); "" when
    people wrote all of it. ``name`` gives a person's name by slug."""
    return words(_account(roundup, name))


def ai_notice(roundup: Roundup, name: Callable[[str], str] = str) -> str:
    """The notice at the top of a roundup a machine wrote some or all of (its page, its feed entry)."""
    account = _account(roundup, name)
    if not account:
        return ""
    heading = "AI-generated." if roundup.machine_written == "all" else "Partly AI-generated."
    return f'<p class="na-ai-notice" role="note"><strong>{heading}</strong> {account}</p>'


def _account(roundup: Roundup, name: Callable[[str], str]) -> str:
    """Who wrote what of the roundup, as HTML: the one report its machine-written stories
    summarise links the article."""
    written = roundup.machine_written
    if written == "none":
        return ""
    reviewer = esc(name(roundup.reviewed_by)) if roundup.reviewed_by else "an editor"
    when = f" on {time(roundup.reviewed)}" if roundup.reviewed else ""
    articles = articles_of([story for story in roundup.stories if roundup.by_machine(story)], roundup)
    if len(articles) == 1:
        source = articles[0]
        based = f"{esc(source.name)}'s " + (web_link(source.url, "report") if source.url else "report")
    else:
        based = "the reports listed under each"
    if written == "all":
        return (f"A machine wrote this roundup's stories as summaries of {based}; {reviewer} reviewed them{when}. "
                "The numbered links (¶) lead to the paragraphs of the source each sentence draws on.")
    return (f"A machine wrote the stories marked AI-generated, as summaries of {based}; {reviewer} reviewed "
            f"them{when}. People wrote the others.")
