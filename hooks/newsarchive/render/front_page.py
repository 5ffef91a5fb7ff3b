"""The home page, laid out as a front page: the latest roundup leads with its headline, summary and
every story's headline, its picture beside them; earlier roundups follow as compact cards; the
rail beside the lead carries what is new on the companies and topics in the news, then the feeds."""

from __future__ import annotations

from .. import urls
from ..archive import Archive, StoryRef
from ..dates import short_date
from ..model import Roundup
from .html import esc, headline, link, plural, time
from .layout import Page, article
from .listing import edition_name, entity_link, story_line
from .provenance import ai_label, roundup_label
from .public import PublicSite
from .roundup_page import figure

EARLIER = 9
"""Earlier roundups shown as cards under the lead."""
IN_THE_NEWS = 5
"""Companies, and topics, in the news that the rail shows with their newest story."""
ALSO_IN_THE_NEWS = 5
"""More companies, and topics, named after those (by name and count only)."""
BUSIEST_DAYS = 90


def home_page(archive: Archive, site: PublicSite) -> Page:
    url = urls.HOME
    lead, earlier = '<p class="na-dek">No roundups yet.</p>', ""
    shown: set[tuple[str, str]] = set()
    if archive.roundups:
        first = archive.roundups[0]
        lead, earlier = _lead(first, url), _earlier(archive.roundups[1 : 1 + EARLIER], url)
        shown = {StoryRef(first, story).key for story in first.stories}
    aside = [
        _in_the_news(archive, archive.by_company, "Companies in the news", url, shown),
        _in_the_news(archive, archive.by_topic, "Topics in the news", url, shown),
        _follow(url),
    ]
    # The earlier roundups come before the aside in reading order (on a phone too); on a wide
    # screen the aside stands beside the lead and the cards run under both (archive.css).
    parts = [
        f'<h1 class="na-visually-hidden">{esc(site.name)}</h1>',
        f'<div class="na-columns na-columns--front"><div class="na-columns__main">{lead}</div>{earlier}'
        f'<aside class="na-columns__aside" aria-label="In the news">{"".join(aside)}</aside></div>',
    ]
    return Page(url, "Latest roundups", site.description, article("na-front", parts))


def _lead(roundup: Roundup, url: str) -> str:
    """The latest roundup: its headline, summary and picture, then every story's headline with
    its first sentence (the picture stands beside the headline on a wide screen, so the stories
    start on the first screen)."""
    href = urls.relative(url, urls.roundup_url(roundup))
    stories = "".join(f"<li>{story_line(url, roundup, s)}</li>" for s in roundup.stories)
    edition = f" · {esc(edition_name(roundup))}" if roundup.edition else ""
    return (
        '<section class="na-lead" aria-labelledby="na-lead-title"><div class="na-lead__top">'
        f'<p class="na-kicker">Latest roundup · {time(roundup.date)}{edition}</p>'
        f'<h2 id="na-lead-title" class="na-lead__title"><a href="{esc(href)}">{headline(roundup.title)}</a>'
        f"{roundup_label(roundup)}</h2>"
        f'<p class="na-dek">{esc(roundup.summary)}</p>{figure(roundup, url)}</div>'
        f'<ol class="na-lead__stories na-stories">{stories}</ol>'
        f'<p class="na-more">{link(href, "Read the roundup")}</p></section>'
    )


def _earlier(roundups: list[Roundup], url: str) -> str:
    if not roundups:
        return ""
    cards = "".join(
        f'<li class="na-card"><p class="na-meta">{time(r.date)}'
        + (f" · {esc(edition_name(r))}" if r.edition else "")
        + f'</p><h3 class="na-card__title"><a href="{esc(urls.relative(url, urls.roundup_url(r)))}">'
        f"{headline(r.title)}</a>{roundup_label(r)}</h3>"
        f'<p class="na-card__text">{esc(r.summary)}</p></li>'
        for r in roundups
    )
    return (
        '<section class="na-earlier" aria-labelledby="na-earlier"><h2 id="na-earlier" class="na-section-title">'
        f'Earlier roundups</h2><ul class="na-cards">{cards}</ul>'
        f'<p class="na-more">{link(urls.relative(url, urls.ARCHIVE), "Every roundup, by date")}</p></section>'
    )


def _follow(url: str) -> str:
    return (
        '<section class="na-follow-box" aria-labelledby="na-follow"><h2 id="na-follow">Follow</h2>'
        "<p>Every roundup in your feed reader: "
        f'{link(urls.relative(url, urls.ATOM), "Atom")} · {link(urls.relative(url, urls.JSON_FEED), "JSON Feed")}. '
        "Each company and topic has its own feed on its page.</p></section>"
    )


def _in_the_news(archive: Archive, index: dict[str, list[StoryRef]], heading: str, url: str,
                 shown: set[tuple[str, str]]) -> str:
    """The companies (or topics) with most stories lately, each with its newest story that the
    page does not show yet (the lead's stories are above it, and each story once), then a few
    more by name only."""
    entries: list[str] = []
    more: list[str] = []
    for slug, count in archive.busiest(index, BUSIEST_DAYS, IN_THE_NEWS + ALSO_IN_THE_NEWS):
        entity = archive.registry.get(slug)
        if entity is None:
            continue
        name = entity_link(url, entity)
        counted = f'<span class="na-count" title="{plural(count, "story")} in {BUSIEST_DAYS} days">{count}</span>'
        newest = next((ref for ref in index[slug] if ref.key not in shown), None)
        if len(entries) == IN_THE_NEWS or newest is None:
            more.append(f"<li>{name} {counted}</li>")
            continue
        shown.add(newest.key)
        story = urls.relative(url, urls.story_url(newest.roundup, newest.story))
        entries.append(
            f'<li><p class="na-news__name">{name} {counted}</p>'
            f'<a href="{esc(story)}">{headline(newest.story.title)}</a>{ai_label(newest.roundup, newest.story)}'
            f'<p class="na-meta">{short_date(newest.roundup.date)}</p></li>')
    if not entries and not more:
        return ""
    slug = heading.split()[0].lower()
    also = (f'<p class="na-meta na-news__also">Also in the news:</p><ul class="na-news__more">{"".join(more)}</ul>'
            if more else "")
    return (f'<section class="na-in-the-news" aria-labelledby="na-news-{slug}">'
            f'<h2 id="na-news-{slug}">{esc(heading)}</h2>'
            f'<p class="na-meta">Most covered in the last {BUSIEST_DAYS} days, with the latest story</p>'
            f'<ol class="na-news">{"".join(entries)}</ol>{also}</section>')
