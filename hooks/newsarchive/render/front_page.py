"""The home page, laid out as a front page: the latest roundup leads with its image, summary and
stories; earlier roundups follow as compact cards; an aside holds the feeds and what is in the news."""

from __future__ import annotations

from .. import urls
from ..archive import Archive, StoryRef
from ..model import Roundup
from .html import esc, headline, link, plural, time
from .layout import Page, article
from .listing import edition_name, story_line
from .provenance import roundup_label
from .public import PublicSite
from .roundup_page import figure

EARLIER = 9
"""Earlier roundups shown as cards under the lead."""
BUSIEST = 10
BUSIEST_DAYS = 90


def home_page(archive: Archive, site: PublicSite) -> Page:
    url = urls.HOME
    lead, earlier = '<p class="na-dek">No roundups yet.</p>', ""
    if archive.roundups:
        lead, earlier = _lead(archive.roundups[0], url), _earlier(archive.roundups[1 : 1 + EARLIER], url)
    aside = [
        _follow(url),
        _busiest(archive, archive.by_company, "Companies in the news", url),
        _busiest(archive, archive.by_topic, "Topics in the news", url),
    ]
    # The earlier roundups come before the aside in reading order (on a phone too); on a wide
    # screen the aside stands beside the lead and the cards run under both (archive.css).
    parts = [
        f'<h1 class="na-visually-hidden">{esc(site.name)}</h1>',
        f'<div class="na-columns na-columns--front"><div class="na-columns__main">{lead}</div>{earlier}'
        f'<aside class="na-columns__aside">{"".join(aside)}</aside></div>',
    ]
    return Page(url, "Latest roundups", site.description, article("na-front", parts))


def _lead(roundup: Roundup, url: str) -> str:
    href = urls.relative(url, urls.roundup_url(roundup))
    stories = "".join(f"<li>{story_line(url, roundup, s)}</li>" for s in roundup.stories)
    edition = f" · {esc(edition_name(roundup))}" if roundup.edition else ""
    return (
        '<section class="na-lead" aria-labelledby="na-lead-title">'
        f'<p class="na-kicker">Latest roundup · {time(roundup.date)}{edition}</p>'
        f'<h2 id="na-lead-title" class="na-lead__title"><a href="{esc(href)}">{headline(roundup.title)}</a>'
        f"{roundup_label(roundup)}</h2>"
        f'<p class="na-dek">{esc(roundup.summary)}</p>{figure(roundup, url)}'
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


def _busiest(archive: Archive, index: dict[str, list[StoryRef]], heading: str, url: str) -> str:
    rows = []
    for slug, count in archive.busiest(index, BUSIEST_DAYS, BUSIEST):
        entity = archive.registry.get(slug)
        if entity is not None:
            rows.append(f"<li>{link(urls.relative(url, urls.entity_url(entity)), entity.display)} "
                        f'<span class="na-count" title="{plural(count, "story")}">{count}</span></li>')
    slug = heading.split()[0].lower()
    return (f'<section class="na-busiest" aria-labelledby="na-busiest-{slug}">'
            f'<h2 id="na-busiest-{slug}">{esc(heading)}</h2>'
            f'<p class="na-meta">Stories in the last {BUSIEST_DAYS} days</p>'
            f'<ol class="na-ranked">{"".join(rows)}</ol></section>')
