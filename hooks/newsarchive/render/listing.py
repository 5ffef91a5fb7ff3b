"""Entries of the listings: a story with its context, a roundup with its stories.

Listings hold every story-tag pair of the archive (165,000 entries at ten years), so an entry
carries what a reader needs to choose, and no more: the headline, one sentence, the date, the
roundup, and the other companies by their short names.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from .. import urls
from ..archive import Archive, StoryRef
from ..model import Entity, Roundup, Story
from .html import esc, headline, link, short_date, time
from .markup import lede


def story_entry(archive: Archive, ref: StoryRef, url: str, about: Entity | None = None) -> str:
    """A story in a listing on the page at ``url``: its headline (linking to it), its first
    sentence, its date and roundup, and the companies it tags besides ``about``."""
    roundup, story = ref.roundup, ref.story
    others = [archive.registry.companies[slug].display for slug in story.companies
              if slug in archive.registry.companies and (about is None or slug != about.slug)]
    also = f' · <span class="na-also">Also {esc(", ".join(others))}</span>' if others else ""
    return (
        f'<li class="na-entry">{_headline(url, roundup, story)}{_lede(story)}'
        f'<p class="na-meta">{time(roundup.date, short_date(roundup.date))} · in '
        f"{link(urls.relative(url, urls.roundup_url(roundup)), roundup.title)}{also}</p></li>"
    )


def stories_by_year(archive: Archive, refs: Sequence[StoryRef], url: str, about: Entity | None = None) -> str:
    """Stories (newest first) under a heading per year."""
    return "".join(
        f'<h3 class="na-year">{year}</h3><ul class="na-entries">'
        + "".join(story_entry(archive, ref, url, about) for ref in group) + "</ul>"
        for year, group in groupby(refs, key=lambda ref: ref.roundup.date.year)
    )


def roundup_entry(roundup: Roundup, url: str, with_stories: bool) -> str:
    """A roundup in a listing: date, title, summary, and (``with_stories``) each story's headline
    and first sentence."""
    edition = f" · {esc(edition_name(roundup))}" if roundup.edition else ""
    stories = ""
    if with_stories:
        items = "".join(f'<li>{_headline(url, roundup, s)}{_lede(s)}</li>' for s in roundup.stories)
        stories = f'<ul class="na-headlines">{items}</ul>'
    return (
        f'<li class="na-roundup-entry"><p class="na-meta">{time(roundup.date)}{edition}</p>'
        f'<h3 class="na-entry__title"><a href="{esc(urls.relative(url, urls.roundup_url(roundup)))}">'
        f"{headline(roundup.title)}</a></h3>"
        f'<p class="na-entry__summary">{esc(roundup.summary)}</p>{stories}</li>'
    )


def edition_name(roundup: Roundup) -> str:
    """``Evening edition`` for ``…-evening.md``."""
    return f"{roundup.edition.replace('-', ' ').capitalize()} edition"


def _headline(url: str, roundup: Roundup, story: Story) -> str:
    href = urls.relative(url, urls.story_url(roundup, story))
    return f'<a class="na-entry__link" href="{esc(href)}">{headline(story.title)}</a>'


def _lede(story: Story) -> str:
    sentence = lede(story.body)
    return f'<p class="na-entry__lede">{esc(sentence)}</p>' if sentence else ""
