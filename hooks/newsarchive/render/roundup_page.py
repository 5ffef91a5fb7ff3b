"""A roundup's page: headline, summary, byline and date line, lead image, contents, each story with
what it is tagged with and where its lead company's thread goes before and after it, and at its
foot the source, the corrections and who the authors are."""

from __future__ import annotations

from .. import urls
from ..archive import Archive, StoryRef
from ..dates import Zone, long_date, short_date
from ..model import Entity, Roundup, Story
from .bylines import SEPARATOR, about_authors, byline
from .html import esc, headline, time
from .layout import Neighbour, Page, article, pager
from .listing import edition_name, entity_link
from .notices import corrections_note, story_corrected
from .provenance import (
    ai_label,
    ai_notice,
    intro_html,
    original_note,
    roundup_label,
    source_note,
    story_html,
    story_sources,
)


def roundup_page(archive: Archive, roundup: Roundup, zone: Zone) -> Page:
    """The roundup's page; ``zone`` is the archive's time zone, in which its ``time:`` is given."""
    url = urls.roundup_url(roundup)
    parts = [
        f'<header class="na-masthead">{_roundup_kicker(roundup)}<h1>{headline(roundup.title)}</h1>'
        f'<p class="na-dek">{esc(roundup.summary)}</p>'
        f"{_credits(archive, roundup, url, zone)}{original_note(roundup)}"
        f"{ai_notice(roundup, archive.registry.people.name)}</header>",
        figure(roundup, url),
        f'<div class="na-intro">{intro_html(roundup)}</div>' if roundup.intro else "",
        _contents(roundup),
        *(_story(archive, roundup, story, url) for story in roundup.stories),
        source_note(roundup),
        corrections_note(roundup),
        about_authors(archive, roundup, url),
        pager(url, _neighbour(archive.older.get(roundup.path)), _neighbour(archive.newer.get(roundup.path)),
              "Previous and next roundups"),
    ]
    return Page(url, roundup.title, description(roundup), article("na-roundup", parts), subject=roundup)


def description(roundup: Roundup) -> str:
    """What a search engine and a share card say of the roundup: its summary, after what a machine
    wrote of it (the first a reader meets of it may be there)."""
    said = {"all": "AI-generated summary. ", "some": "Partly AI-generated. "}.get(roundup.machine_written, "")
    return said + roundup.summary


def _credits(archive: Archive, roundup: Roundup, url: str, zone: Zone) -> str:
    """Under the headline: who wrote and edited the roundup, then when it came out."""
    return f'<div class="na-credits">{byline(archive, roundup, url)}{dateline(roundup, url, zone)}</div>'


def dateline(roundup: Roundup, url: str, zone: Zone) -> str:
    """The roundup's date and time (linking to its month), its edition, and when it was corrected
    (linking to its corrections)."""
    month = urls.relative(url, urls.month_url(roundup.date.year, roundup.date.month))
    when = long_date(roundup.date)
    stamp = roundup.date.isoformat()
    if roundup.time is not None:
        when, stamp = f"{when}, {zone.clock(roundup.date, roundup.time)}", zone.timestamp(roundup.date, roundup.time)
    parts = [f'<a href="{esc(month)}"><time datetime="{stamp}">{esc(when)}</time></a>']
    if roundup.edition:
        parts.append(esc(edition_name(roundup)))
    if roundup.corrections:
        parts.append(f'<a class="na-corrected" href="#{urls.CORRECTIONS}">Corrected {time(roundup.updated)}</a>')
    return f'<p class="na-dateline">{SEPARATOR.join(parts)}</p>'


def figure(roundup: Roundup, url: str, lazy: bool = False) -> str:
    """The roundup's lead image with its caption and credit; ``lazy`` where it is below the fold."""
    image = roundup.image
    if image is None:
        return ""
    src = image.src if "://" in image.src else urls.relative(url, image.src)
    size = f' width="{image.width}" height="{image.height}"' if image.width and image.height else ""
    loading = ' loading="lazy"' if lazy else ""
    credit = f'<span class="na-credit">Image: {esc(image.credit)}</span>' if image.credit else ""
    caption = esc(image.caption)
    figcaption = f"<figcaption>{caption} {credit}</figcaption>" if caption or credit else ""
    return (f'<figure class="na-figure"><img src="{esc(src)}" alt="{esc(image.alt)}"{size}{loading} '
            f'decoding="async">{figcaption}</figure>')


def _contents(roundup: Roundup) -> str:
    items = "".join(f'<li><a href="#{esc(s.anchor)}">{esc(s.title)}</a></li>' for s in roundup.stories)
    return (
        '<nav class="na-contents" aria-labelledby="na-contents-title">'
        f'<h2 id="na-contents-title">In this roundup</h2><ol>{items}</ol></nav>'
    )


def _story(archive: Archive, roundup: Roundup, story: Story, url: str) -> str:
    return (
        '<section class="na-story">'
        f'<h2 id="{esc(story.anchor)}">{headline(story.title)}</h2>'
        f'{_story_label(roundup, story)}<div class="na-story-body">{story_html(roundup, story)}</div>'
        f'{story_corrected(roundup, story)}{story_sources(roundup, story)}<footer class="na-story__foot">'
        f"{tag_line(archive, story, url)}{_thread(archive, StoryRef(roundup, story), url)}"
        "</footer></section>"
    )


def _roundup_kicker(roundup: Roundup) -> str:
    """Above the headline of a roundup a machine wrote some or all of: the first thing a reader reads."""
    return _label("na-masthead__kicker", roundup_label(roundup))


def _story_label(roundup: Roundup, story: Story) -> str:
    """Under the headline of a story a machine wrote, so a reader sent to it sees so first."""
    return _label("na-story__label", ai_label(roundup, story))


def _label(css_class: str, label: str) -> str:
    return f'<p class="{css_class}">{label.strip()}</p>' if label else ""


def tag_line(archive: Archive, story: Story, url: str) -> str:
    """What the story is tagged with, by short names: its companies, then its topics (marked, which
    styles them as labels), in one list."""
    items = [f'<li{mark}>{entity_link(url, entity)}</li>'
             for slugs, mark in ((story.companies, ""), (story.topics, ' class="na-topic"'))
             for slug in slugs if (entity := archive.registry.get(slug)) is not None]
    return f'<ul class="na-tags" aria-label="Tagged">{"".join(items)}</ul>'


def _thread(archive: Archive, ref: StoryRef, url: str) -> str:
    """Links to the stories just before and after this one on its lead company."""
    thread = archive.thread(ref)
    if thread is None:
        return ""
    lines = []
    for word, step in (("Earlier", thread.earlier), ("Later", thread.later)):
        if step is not None:
            company, other = archive.registry.companies[step[0]], step[1]
            lines.append(f"<li>{_step(word, company, other, url)}</li>")
    return f'<ul class="na-thread">{"".join(lines)}</ul>'


def _step(word: str, company: Entity, other: StoryRef, url: str) -> str:
    href = urls.relative(url, urls.story_url(other.roundup, other.story))
    return (f"{word} on {esc(company.display)}: "
            f'<a href="{esc(href)}">{esc(other.story.title)}</a>, {short_date(other.roundup.date)}')


def _neighbour(other: Roundup | None) -> Neighbour | None:
    if other is None:
        return None
    return Neighbour(urls.roundup_url(other), long_date(other.date), other.title)
