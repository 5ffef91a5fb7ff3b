"""Company and topic pages, and their indexes.

A company's page is why a reader comes back: its stories, newest first, 100 to a page, the latest
few with their first sentence and the rest as compact rows; beside them (after the latest on a
phone) its facts, its coverage at a glance (a chart of stories per period) and what it is covered
with, which stays in view as the stories scroll by.
Every registry entry has its page and feeds, so that their addresses keep answering once published:
an entry without stories (none yet, or its only story untagged) has a page that says so, with its
facts, which search engines are asked not to index; the indexes list only entries with stories.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from itertools import groupby

from .. import urls
from ..archive import Archive, StoryRef
from ..dates import short_date
from ..model import Company, Entity, Topic, is_cjk
from .chart import coverage_chart
from .html import esc, link, plural, web_link, zh
from .layout import Feeds, Page, article, crumbs, page_numbers, paginate
from .listing import entity_link, kept, lead_stories, stories_by_period, story_link

LEAD = 3
"""Stories that lead an entry's first page, with their first sentence: the newest."""


def entity_pages(archive: Archive, entity: Entity) -> Iterator[Page]:
    """A company's or topic's pages: everything about it and its newest stories, then older stories."""
    refs = archive.stories_of(entity.slug)
    if not refs:
        yield _without_stories(entity)
        return
    chunks = paginate(refs)
    page_urls = urls.entity_urls(entity, len(chunks))
    for number, chunk in enumerate(chunks, start=1):
        url = page_urls[number - 1]
        numbers = page_numbers(url, page_urls, number)
        if number == 1:
            yield _main_page(archive, entity, chunk, numbers)
            continue
        title = f"{entity.display}: older stories, page {number} of {len(chunks)}"
        yield Page(url, title, f"Older stories about {entity.display}", _older_stories(archive, entity, chunk, url,
                                                                                       title, page_urls, numbers))


def _older_stories(archive: Archive, entity: Entity, refs: Sequence[StoryRef], url: str, title: str,
                   page_urls: list[str], numbers: str) -> str:
    """The body of a page of older stories, kept by a preview while its stories and the number of
    pages stay the same: a story edited renders its own page of a topic's hundred again."""
    def render() -> str:
        parts = [crumbs(url, page_urls[0], entity.display), f"<h1>{esc(title)}</h1>",
                 stories_by_period(archive, refs, url, entity, linked=False), numbers]
        return article(f"na-entity na-{entity.section} na-older", parts)

    return kept(tuple(shown for ref in refs for shown in (ref.story, ref.roundup)),
                ("older stories", url, len(page_urls)), render)


def _main_page(archive: Archive, entity: Entity, refs: Sequence[StoryRef], numbers: str) -> Page:
    url = urls.entity_url(entity)
    count = len(archive.stories_of(entity.slug))
    latest = (f'<div class="na-latest"><h2 class="na-section-title">Stories <span class="na-count">{count}</span></h2>'
              f"{lead_stories(archive, refs[:LEAD], url, entity)}</div>")
    main = [latest, stories_by_period(archive, refs[LEAD:], url, entity), numbers]
    facts = _facts(entity)
    aside = [_fact_box(facts), coverage_chart(archive.months(entity.slug)),
             f'<div class="na-rail-end">{_covered_with(archive, entity, url)}{_follow()}</div>']
    parts = [
        crumbs(url, urls.section_url(entity), entity.labels),
        _masthead(entity, facts),
        f'<div class="na-columns"><div class="na-columns__main">{"".join(main)}</div>'
        f'<aside class="na-columns__aside">{"".join(aside)}</aside></div>',
    ]
    description = entity.description or f"{plural(count, 'story')} about {entity.display} in the archive"
    return Page(url, entity.name, description, article(f"na-entity na-{entity.section}", parts), subject=entity,
                feeds=Feeds(urls.followed_url(entity), entity.display))


def _without_stories(entity: Entity) -> Page:
    """The page of an entry no story tags: its name, description and facts, and that it has no
    stories yet; out of search engines' indexes (a registry filled in ahead of the news would
    otherwise fill them with empty pages)."""
    url = urls.entity_url(entity)
    facts = _facts(entity)
    parts = [
        crumbs(url, urls.section_url(entity), entity.labels),
        _masthead(entity, facts),
        f'<div class="na-columns"><div class="na-columns__main"><h2 class="na-section-title">Stories '
        f'<span class="na-count">0</span></h2><p class="na-dek">{NO_STORIES}</p></div>'
        f'<aside class="na-columns__aside">{_fact_box(facts)}{_follow()}</aside></div>',
    ]
    description = entity.description or f"{entity.display}: {NO_STORIES.lower()}"
    return Page(url, entity.name, description, article(f"na-entity na-{entity.section}", parts), subject=entity,
                indexed=False)


NO_STORIES = "No stories in the archive yet."
"""What the page of an entry without stories says."""


def _masthead(entity: Entity, facts: list[tuple[str, str]]) -> str:
    """The entry's name, description and, if it has just one fact, that fact as a line."""
    fact = f'<p class="na-fact"><span>{facts[0][0]}</span> {facts[0][1]}</p>' if len(facts) == 1 else ""
    return (f'<header class="na-masthead"><h1>{_heading(entity)}{zh(entity.name_zh)}</h1>'
            + (f'<p class="na-dek">{esc(entity.description)}</p>' if entity.description else "") + f"{fact}</header>")


def _heading(entity: Entity) -> str:
    """The entry's full name, escaped; a short one kept on one line ("Xiaomi / Corp." reads badly)."""
    name = esc(entity.name)
    return f'<span class="na-nw">{name}</span>' if len(entity.name) <= _WHOLE_NAME else name


_WHOLE_NAME = 14
"""Longer names may wrap: kept whole they could overflow a phone's line (a 360 px screen holds
about 15 characters of the heading: "Sony Group Corp." overflows it)."""


def _facts(entity: Entity) -> list[tuple[str, str]]:
    """What the registry says of the entry besides its name and description, as (name, HTML) pairs."""
    known = ", ".join(n for n in entity.names if n not in (entity.name, entity.name_zh))
    rows = [("Known as", esc(known))]
    if isinstance(entity, Company):
        rows += [
            ("Tickers", esc(", ".join(entity.tickers))),
            ("Headquarters", esc(entity.hq)),
            ("Website", web_link(entity.url, entity.url.split("://", 1)[-1].rstrip("/")) if entity.url else ""),
        ]
    return [(name, value) for name, value in rows if value]


def _fact_box(facts: list[tuple[str, str]]) -> str:
    """Two facts or more as a box of names and values ("" for fewer: one is a line of the masthead)."""
    if len(facts) < 2:
        return ""
    return f'<dl class="na-facts">{"".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)}</dl>'


def _covered_with(archive: Archive, entity: Entity, url: str) -> str:
    """The companies and topics most often tagged in the same stories, with how often."""
    registry = archive.registry
    sections = [_ranked(url, Company.labels, archive.covered_with(entity.slug, registry.companies)),
                _ranked(url, Topic.labels, archive.covered_with(entity.slug, registry.topics))]
    if not any(sections):
        return ""
    return (f'<section class="na-covered" aria-labelledby="na-covered"><h2 id="na-covered">Covered with</h2>'
            f'{"".join(sections)}</section>')


def _ranked(url: str, heading: str, ranked: Sequence[tuple[Entity, int]]) -> str:
    items = "".join(
        f'<li>{entity_link(url, other)} <span class="na-count">{n}</span></li>'
        for other, n in ranked
    )
    return f'<h3>{heading}</h3><ol class="na-ranked">{items}</ol>' if items else ""


def _follow() -> str:
    return (f'<p class="na-follow"><strong>Follow</strong> in a feed reader: {link(urls.ATOM, "Atom")} · '
            f'{link(urls.JSON_FEED, "JSON Feed")}</p>')


# Indexes ----------------------------------------------------------------------------------------

def companies_index(archive: Archive, companies: Sequence[Company]) -> Page:
    """Every company with stories, A–Z by the name readers know (its short name), in columns, after
    one "#" group of the names that start with no letter A–Z; a letter's other names (legal names,
    brands) follow its companies in one quiet line, each leading to its company ("TikTok →
    ByteDance"). A box above filters the list as one types; without JavaScript it stays hidden and
    the list is whole."""
    url = urls.COMPANIES
    entries = [(company.display, company, True) for company in companies]
    entries += [(name, company, False) for company in companies for name in _cross_references(company)]
    entries.sort(key=lambda entry: (_initial(entry[0]), _folded(entry[0]), not entry[2]))
    groups = [(letter, list(group)) for letter, group in groupby(entries, key=lambda entry: _initial(entry[0]))]
    letters = "".join(f'<li><a href="#letter-{esc(letter.lower())}">{esc(letter)}</a></li>' for letter, _ in groups)
    sections = "".join(_letter(archive, url, letter, group) for letter, group in groups)
    parts = [
        "<h1>Companies</h1>",
        f'<p class="na-dek">{plural(len(companies), "company", "companies")} in the archive, by the name readers '
        "know them by, with the number of stories about each.</p>",
        FILTER,
        f'<nav class="na-letters" aria-label="Jump to letter"><ul>{letters}</ul></nav>',
        f'<div class="na-index-columns">{sections}</div>',
        FILTER_SCRIPT,
    ]
    return Page(url, "Companies", "Every company in the archive with its Chinese name and story count",
                article("na-index-page", parts))


FILTER = ('<div class="na-filter" hidden><label for="na-filter">Find a company</label> '
          '<input id="na-filter" type="search" autocomplete="off" spellcheck="false" '
          'placeholder="Name in English or Chinese"><p class="na-meta" role="status"></p></div>')
"""The companies index's filter box, hidden until its script runs."""
FILTER_SCRIPT = """<script>(()=>{
const box=document.querySelector(".na-filter"),input=box.querySelector("input"),status=box.querySelector("p"),
list=document.querySelector(".na-index-columns"),fold=s=>s.normalize("NFKD").replace(/\\p{M}/gu,"").toLowerCase(),
items=[...list.querySelectorAll(".na-index>li")].map(li=>[li,fold(li.textContent+" "+(li.dataset.names||""))]);
box.hidden=false;
input.addEventListener("input",()=>{const q=fold(input.value.trim());let n=0;
for(const [li,text] of items){li.hidden=!text.includes(q);n+=!li.hidden}
for(const letter of list.children)letter.hidden=!letter.querySelector(".na-index>li:not([hidden])");
list.classList.toggle("na-filtered",!!q);document.querySelector(".na-letters").hidden=!!q;
status.textContent=q?(n?`${n} of ${items.length} companies`:"No company by that name"):""})})()</script>"""
"""Filters the companies index by any of a company's names (accents, case and script aside: "xiao",
"小米" and "tiktok" find Xiaomi and ByteDance) and says how many match; hides the other names'
lines and the letters while it filters."""


def _letter(archive: Archive, url: str, letter: str, group: list[tuple[str, Company, bool]]) -> str:
    """A letter's section of the companies index: its companies, then its other names in one line."""
    mains = "".join(_index_entry(archive, url, company) for _, company, main in group if main)
    others = " · ".join(f'<span class="na-xref">{esc(name)} → {entity_link(url, company)}</span>'
                        for name, company, main in group if not main)
    anchor = f"letter-{esc(letter.lower())}"
    return (f'<section class="na-letter" aria-labelledby="{anchor}"><h2 id="{anchor}">{esc(letter)}</h2>'
            + (f'<ul class="na-index">{mains}</ul>' if mains else "")
            + (f'<p class="na-xrefs"><span>Other names</span> {others}</p>' if others else "") + "</section>")


def _cross_references(company: Company) -> list[str]:
    """The company's other English names (its legal name first) that would be looked for elsewhere
    than its short name: one per first word ("Hon Hai Precision Industry Co." stands for "Hon Hai")."""
    seen = {company.display.split()[0].casefold()}
    names = []
    for name in (company.name, *company.aliases):
        word = name.split()[0].casefold()
        if not is_cjk(name) and word not in seen:
            seen.add(word)
            names.append(name)
    return names


def _index_entry(archive: Archive, url: str, company: Company) -> str:
    """A company in the index: its short name (linking to its page), Chinese name, story count and
    legal name; the names the filter also matches, if they are not shown, in ``data-names``."""
    legal = f'<span class="na-legal">{esc(company.name)}</span>' if company.name != company.display else ""
    shown = " ".join((company.display, company.name, company.name_zh)).casefold()
    hidden = [name for name in company.aliases if name.casefold() not in shown]
    names = f' data-names="{esc(" ".join(hidden))}"' if hidden else ""
    return (f"<li{names}>{entity_link(url, company)}{zh(company.name_zh)} "
            f'<span class="na-count">{len(archive.stories_of(company.slug))}</span>{legal}</li>')


def _initial(name: str) -> str:
    """The letter a name is listed under, its accent dropped (Émile under E); "#", listed first,
    for every name starting with a digit, a sign or a character of another script (360, 小米)."""
    first = unicodedata.normalize("NFKD", name[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _folded(name: str) -> str:
    """``name`` as the index orders it: without accents or case (Émile between Elm and Ezra)."""
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char)).casefold()


def topics_index(archive: Archive, topics: Sequence[Entity]) -> Page:
    """Every topic with stories, as cards: name, Chinese name, description, its latest story's
    headline (with its AI label) and date, and its story count."""
    url = urls.TOPICS
    cards = "".join(_topic_card(archive, url, topic) for topic in sorted(topics, key=lambda t: t.name.casefold()))
    parts = [
        "<h1>Topics</h1>",
        f'<p class="na-dek">{plural(len(topics), "topic")} in the archive, each with its latest story.</p>',
        f'<ul class="na-cards na-cards--topics">{cards}</ul>',
    ]
    return Page(url, "Topics", "Every topic in the archive with its Chinese name and story count",
                article("na-index-page", parts))


def _topic_card(archive: Archive, url: str, topic: Entity) -> str:
    refs = archive.stories_of(topic.slug)
    latest = refs[0]
    headline = story_link(url, latest.roundup, latest.story)
    title = entity_link(url, topic, topic.name)
    return (f'<li class="na-card"><h2 class="na-card__title">{title}{zh(topic.name_zh)}</h2>'
            + (f'<p class="na-card__text">{esc(topic.description)}</p>' if topic.description else "")
            + f'<p class="na-card__latest"><span class="na-kicker">Latest</span> {headline}</p>'
            f'<p class="na-meta">{short_date(latest.roundup.date)} · {plural(len(refs), "story")}</p></li>')
