"""The notes a roundup carries on its page and in feeds about its corrections (what it is based on
and what a machine wrote: provenance.py)."""

from __future__ import annotations

from .. import urls
from ..model import Roundup, Story
from .html import esc, time


def corrected_line(roundup: Roundup, corrections_href: str) -> str:
    """One line saying the roundup was corrected, linking to its corrections: what a story's feed
    entry carries instead of every note (a roundup's notes would repeat in each of its stories)."""
    if not roundup.corrections:
        return ""
    return (f'<p class="na-corrected">Corrected {time(roundup.updated)}: see '
            f'<a href="{esc(corrections_href)}">the corrections</a>.</p>')


def corrections_note(roundup: Roundup) -> str:
    """The roundup's corrections, each with its own anchor and a link to the story it corrects."""
    if not roundup.corrections:
        return ""
    stories = {story.anchor: story for story in roundup.stories}
    items = "".join(
        f'<li id="{urls.CORRECTION}{number}">{time(c.date)}: {esc(c.note)}{_in_story(stories.get(c.story))}</li>'
        for number, c in enumerate(roundup.corrections, start=1)
    )
    return (
        f'<section class="na-corrections" aria-labelledby="{urls.CORRECTIONS}">'
        f'<h2 id="{urls.CORRECTIONS}">Corrections</h2><ul>{items}</ul></section>'
    )


def _in_story(story: Story | None) -> str:
    if story is None:
        return ""
    return f' <span class="na-correction__story">(in <a href="#{esc(story.anchor)}">{esc(story.title)}</a>)</span>'


def story_corrected(roundup: Roundup, story: Story) -> str:
    """A line at the end of a corrected story, linking to each of its corrections."""
    notes = [(number, c) for number, c in enumerate(roundup.corrections, start=1) if c.story == story.anchor]
    links = ", ".join(f'<a href="#{urls.CORRECTION}{number}">{time(c.date)}</a>' for number, c in notes)
    return f'<p class="na-story__corrected">This story was corrected on {links}.</p>' if notes else ""
