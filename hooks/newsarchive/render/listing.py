"""Entries of the listings: a story with its context, a roundup with its stories.

Listings hold every story-tag pair of the archive (165,000 entries at ten years), so an entry
carries what a reader needs to choose, and no more: the headline, the date and the other
companies by their short names, each a link to its page, in plain markup (the lists' classes
style their items). The few stories that lead a company's or topic's page add their first sentence.
On the pages of older stories (page 2 on) the other companies are named without links: three in
four entries are there, and their links were a fifth of the bytes of company and topic pages
(the story's own page links each of them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import groupby

from .. import urls
from ..archive import Archive, StoryRef
from ..dates import day_in_year, month_name, short_date, short_weekday
from ..model import Company, Entity, Roundup, Story
from .html import esc, headline, link, plural, time
from .provenance import ai_label, roundup_label, story_lede

Entries = dict[tuple[object, ...], tuple[tuple[object, ...], str]]
"""Entries rendered already, by the ids of what they show (a story and its roundup, or a roundup)
and how (the page's URL, the entry the page is about, the kind of entry): each keeps what it shows
alive, so an id names one object while its entry is kept; a roundup read again is new objects,
whose entries are rendered anew."""
_ENTRIES: ContextVar[Entries | None] = ContextVar("entries", default=None)
KEPT_AT_MOST = 1 << 19
"""Entries a preview keeps (a ten-year archive lists 165,000); past that it starts again."""


@contextmanager
def keeping(entries: Entries) -> Iterator[None]:
    """Render entries through ``entries``: a preview keeps them between rebuilds, which then
    render only the entries of what changed (a big topic lists thousands of stories, an editor's
    pages thousands of roundups)."""
    token = _ENTRIES.set(entries)
    try:
        yield
    finally:
        _ENTRIES.reset(token)


def kept(shown: tuple[object, ...], how: tuple[object, ...], render: Callable[[], str]) -> str:
    """What ``render`` makes of ``shown`` as ``how`` says (an entry, or a page of entries), kept
    from an earlier rebuild where it can be."""
    kept = _ENTRIES.get()
    if kept is None:
        return render()
    key = (*map(id, shown), *how)
    found = kept.get(key)
    if found is not None and all(was is now for was, now in zip(found[0], shown, strict=True)):
        return found[1]
    if len(kept) >= KEPT_AT_MOST:
        kept.clear()
    entry = kept[key] = (shown, render())
    return entry[1]


def story_entry(archive: Archive, ref: StoryRef, url: str, about: Entity | None = None, lead: bool = False,
                linked: bool = True) -> str:
    """A story in a listing on the page at ``url``: its headline (linking to it), its date and the
    companies it tags besides ``about`` (``linked`` to their pages); a story that leads the page
    (``lead``) adds its first sentence and the year, which a row's heading says for the others."""
    return kept((ref.story, ref.roundup), ("story", url, about.slug if about else "", lead, linked),
                 lambda: _story_entry(archive, ref, url, about, lead, linked))


def _story_entry(archive: Archive, ref: StoryRef, url: str, about: Entity | None, lead: bool, linked: bool) -> str:
    roundup, story = ref.roundup, ref.story
    companies = archive.registry.companies
    others = [entity_link(url, companies[slug]) if linked else esc(companies[slug].display)
              for slug in story.companies if slug in companies and (about is None or slug != about.slug)]
    # On a company's page the others are "Also" in the story; on a topic's they are its companies.
    label = "Also\u00a0" if isinstance(about, Company) else ""
    also = f" · {label}{', '.join(others)}" if others else ""
    if lead:
        return f'<li>{story_line(url, roundup, story)}<p class="na-meta">{short_date(roundup.date)}{also}</p></li>'
    return f"<li>{story_link(url, roundup, story)}<p>{day_in_year(roundup.date)}{also}</p></li>"


def entity_link(url: str, entity: Entity, text: str = "") -> str:
    """A link from the page at ``url`` to ``entity``'s page, by ``text`` or its short name."""
    return link(urls.relative(url, urls.entity_url(entity)), text or entity.display)


def story_line(url: str, roundup: Roundup, story: Story) -> str:
    """A story's headline, linking to it from the page at ``url``, and its first sentence: how an
    item of every list of stories starts."""
    sentence = story_lede(roundup, story)
    return story_link(url, roundup, story) + (f"<p>{esc(sentence)}</p>" if sentence else "")


def story_link(url: str, roundup: Roundup, story: Story) -> str:
    """A story's headline, linking to it from the page at ``url``, with its AI label if a machine wrote it."""
    href = urls.relative(url, urls.story_url(roundup, story))
    return f'<a href="{esc(href)}">{headline(story.title)}</a>{ai_label(roundup, story)}'


def lead_stories(archive: Archive, refs: Sequence[StoryRef], url: str, about: Entity) -> str:
    """The newest stories of a company's or topic's page, each with its first sentence."""
    entries = "".join(story_entry(archive, ref, url, about, lead=True) for ref in refs)
    return f'<ul class="na-entries na-stories na-lead-stories">{entries}</ul>' if entries else ""


BUSY_MONTH = 3
"""Stories a month of a year holds on average, on one page of a listing, from which that year's
stories are grouped by month: a topic's busy year reads as months, while a company with a story
or two a month keeps one heading for the year (not a heading over every story)."""


def stories_by_period(archive: Archive, refs: Sequence[StoryRef], url: str, about: Entity | None = None,
                      linked: bool = True) -> str:
    """Stories (newest first), one compact row each (its other companies ``linked``), under a
    heading per year, or per month in a year whose months on the page (from the first to the last,
    empty ones too) hold ``BUSY_MONTH`` stories or more on average."""
    parts = []
    for year, in_year in groupby(refs, key=lambda ref: ref.roundup.date.year):
        stories = list(in_year)
        months = [(month_name(year, month), list(in_month))
                  for month, in_month in groupby(stories, key=lambda ref: ref.roundup.date.month)]
        span = stories[0].roundup.date.month - stories[-1].roundup.date.month + 1  # newest first
        periods = months if len(months) > 1 and len(stories) >= BUSY_MONTH * span else [(str(year), stories)]
        parts += [f'<h3>{name}</h3><ul class="na-entries na-stories na-rows">'
                  + "".join(story_entry(archive, ref, url, about, linked=linked) for ref in group) + "</ul>"
                  for name, group in periods]
    return "".join(parts)


def roundup_entry(roundup: Roundup, url: str, with_stories: bool) -> str:
    """A roundup in a list of its month's or year's days: its day beside its title (linking to it,
    with its labels) and, ``with_stories``, a disclosure of its summary and its stories' headlines.
    A line each, so that a month of roundups reads in a screen or two."""
    href = urls.relative(url, urls.roundup_url(roundup))
    title = f'<a href="{esc(href)}">{headline(roundup.title)}</a>{roundup_label(roundup)}'
    if roundup.edition:
        title += f' <span class="na-edition">{esc(edition_name(roundup))}</span>'
    day = time(roundup.date, f"{short_weekday(roundup.date)} {roundup.date.day}")
    if not with_stories:
        return f"<li>{day}{title}</li>"
    stories = "".join(f'<li><a href="{esc(urls.relative(url, urls.story_url(roundup, s)))}">{headline(s.title)}</a>'
                      f"{ai_label(roundup, s)}</li>" for s in roundup.stories)
    return (f'<li id="{esc(urls.anchor(urls.roundup_in_month_url(roundup)))}">{day}<h2>{title}</h2>'
            f"<details><summary>{plural(len(roundup.stories), 'story')}</summary><p>{esc(roundup.summary)}</p>"
            f'<ul class="na-headlines">{stories}</ul></details></li>')


def roundup_summary(roundup: Roundup, url: str, note: str = "") -> str:
    """A roundup in a list of someone's work: date, title and summary; ``note`` (text) follows the
    date (``Edited``)."""
    return kept((roundup,), ("summary", url, note), lambda: _roundup_summary(roundup, url, note))


def _roundup_summary(roundup: Roundup, url: str, note: str) -> str:
    after_date = "".join(f" · {esc(part)}" for part in (edition_name(roundup) if roundup.edition else "", note) if part)
    return (
        f'<li class="na-roundup-entry"><p class="na-meta">{time(roundup.date)}{after_date}</p>'
        f'<h3><a href="{esc(urls.relative(url, urls.roundup_url(roundup)))}">{headline(roundup.title)}</a>'
        f"{roundup_label(roundup)}</h3>"
        f"<p>{esc(roundup.summary)}</p></li>"
    )


def roundup_row(roundup: Roundup, url: str, note: str = "") -> str:
    """A roundup in a compact list of someone's older work, under its year's heading: its title
    (linking to it, with its labels) and under it its day, its edition and ``note`` (text), as a
    story's row."""
    return kept((roundup,), ("row", url, note), lambda: _roundup_row(roundup, url, note))


def _roundup_row(roundup: Roundup, url: str, note: str) -> str:
    after_date = "".join(f" · {esc(part)}" for part in (edition_name(roundup) if roundup.edition else "", note) if part)
    return (f'<li><a href="{esc(urls.relative(url, urls.roundup_url(roundup)))}">{headline(roundup.title)}</a>'
            f"{roundup_label(roundup)}<p>{day_in_year(roundup.date)}{after_date}</p></li>")


def edition_name(roundup: Roundup) -> str:
    """``Evening edition`` for ``…-evening.md``."""
    return f"{roundup.edition.replace('-', ' ').capitalize()} edition"
