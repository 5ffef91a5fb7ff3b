"""What each page tells machines in its <head>: its feeds, its sharing preview, its structured data.

- ``<link rel="alternate">`` feed autodiscovery: the site feed everywhere, plus the page's own
  company or topic feed.
- Open Graph and Twitter card meta, for link previews in chat apps and social networks.
- schema.org JSON-LD: ``NewsArticle`` on roundups (its authors and editor as ``Person``s with
  their pages), ``Organization`` on company pages, ``ProfilePage`` on a person's, ``WebSite`` on
  the home page and a ``BreadcrumbList`` on every page below it. The publisher is a
  ``NewsMediaOrganization`` pointing at the standards page, the masthead and the contact address.
  A node is given in full once, on its own page (the publisher on the home page, a person on
  theirs, a company on its page); an article names it by its name and ``@id``.

Without a ``site_url`` the absolute URLs these need are unknown: feed links become relative and
the structured data and the preview's url and image are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .. import urls
from ..archive import Archive
from ..model import Company, Image, Person, Roundup, Source
from .feeds import titled
from .html import esc
from .layout import Page
from .provenance import articles_of, backstory
from .public import PublicSite
from .share_cards import share_image

_FEED_TYPES = ((urls.ATOM, "application/atom+xml", "Atom"), (urls.JSON_FEED, "application/feed+json", "JSON Feed"))
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def crumb_titles(pages: Iterable[Page], site: PublicSite) -> dict[str, str]:
    """The title of every page a breadcrumb can lead to (all but roundups; the home page is the
    site's name), by URL."""
    titles = {page.url: page.title for page in pages if not isinstance(page.subject, Roundup)}
    titles[urls.HOME] = site.name
    return titles


def with_head(page: Page, archive: Archive, site: PublicSite, titles: dict[str, str]) -> Page:
    """``page`` with its <head> HTML; ``titles`` names the pages its breadcrumbs lead to (crumb_titles)."""
    return replace(page, head=_page_head(page, archive, site, titles))


def _page_head(page: Page, archive: Archive, site: PublicSite, crumb_names: dict[str, str]) -> str:
    """The head HTML of one page; ``crumb_names`` names every page a breadcrumb can lead to, by URL."""
    lines = _feed_links(page.url, urls.HOME, site.name)
    if page.feeds is not None:
        lines += _feed_links(page.url, page.feeds.folder, titled(page.feeds.name, site))
    lines += _meta_tags(page, archive, site)
    if site.url:
        lines.append(json_ld(_graph(page, archive, site, crumb_names)))
    return "\n".join(lines)


def _feed_links(page_url: str, folder: str, title: str) -> list[str]:
    """Feed autodiscovery links to the feeds of the page at ``folder``, titled ``title``, relative
    to the page as its other links are (feed readers resolve them against the page's address).

    ``rel`` carries a second token: Material's script fetches ``sitemap.xml`` next to every
    ``link[rel=alternate]`` (an exact match, meant for language versions) on each page view;
    feed readers look for the ``alternate`` token and the feed type, which are still there.
    """
    return [
        f'<link rel="alternate feed" type="{kind}" title="{esc(f"{title} ({label})")}" '
        f'href="{esc(urls.relative(page_url, urls.feed_beside(folder, name)))}">'
        for name, kind, label in _FEED_TYPES
    ]


# Sharing previews -------------------------------------------------------------------------------

def _meta_tags(page: Page, archive: Archive, site: PublicSite) -> list[str]:
    roundup = page.subject if isinstance(page.subject, Roundup) else None
    shared = share_image(archive, page.subject, site)
    image_url = site.absolute(shared.url) if site.url or "://" in shared.url else ""
    properties = [
        ("og:type", "article" if roundup else "website"),
        ("og:site_name", site.name),
        ("og:title", page.title),
        ("og:description", page.description),
        ("og:url", site.absolute(page.url) if site.url else ""),
        ("og:locale", site.locale),
    ]
    if image_url:  # a PNG or JPEG (share_cards.py): sharing sites show no SVG
        properties += [("og:image", image_url), ("og:image:alt", shared.alt)]
        if shared.width and shared.height:
            properties += [("og:image:width", str(shared.width)), ("og:image:height", str(shared.height))]
    if roundup:
        properties.append(("article:published_time", _published(roundup, site)))
        if roundup.corrections:  # else it would say the publication's time again
            properties.append(("article:modified_time", _modified(roundup, site)))
        if site.url:
            properties += [("article:author", site.absolute(urls.person_url(person)))
                           for slug in roundup.authors if (person := archive.registry.people.get(slug))]
    # X reads og:title, og:description and og:image where its own twitter: tags are missing: only
    # the card's kind has no Open Graph equivalent.
    names = [("twitter:card", "summary_large_image" if image_url else "summary")]
    if not page.indexed:
        names.append(("robots", "noindex"))
    return [
        *(f'<meta property="{key}" content="{esc(value)}">' for key, value in properties if value),
        *(f'<meta name="{key}" content="{esc(value)}">' for key, value in names if value),
    ]


def _image_url(image: Image | None, site: PublicSite) -> str:
    """The image's absolute address, if it can be known."""
    if image is None or not (site.url or "://" in image.src):
        return ""
    return site.absolute(image.src)


def _names(archive: Archive, slugs: tuple[str, ...]) -> list[str]:
    entities = (archive.registry.get(slug) for slug in slugs)
    return [e.name for e in entities if e is not None]


# Structured data --------------------------------------------------------------------------------

def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script element. ``<``, ``>`` and ``&`` are written as JSON escapes, so text such
    as ``</script>`` in a title stays inside the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_SAFE:
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def _graph(page: Page, archive: Archive, site: PublicSite, crumb_names: dict[str, str]) -> dict[str, Any]:
    nodes = []
    if isinstance(page.subject, Roundup):
        nodes.append(_news_article(page.subject, archive, site))
    elif isinstance(page.subject, Company):
        nodes.append(_organization(page.subject, site))
    elif isinstance(page.subject, Person):
        nodes.append(_profile_page(page.subject, site))
    if page.url == urls.HOME:
        nodes.append(_website(site))
    else:
        nodes.append(_breadcrumbs(page, site, crumb_names))
    return {"@context": "https://schema.org", "@graph": nodes}


def _news_article(roundup: Roundup, archive: Archive, site: PublicSite) -> dict[str, Any]:
    """The roundup as a ``NewsArticle``: what Google's article data reads (headline, dates, authors
    with their pages, image), its publisher, tags, sources, corrections and what wrote it.

    What the page or the site says elsewhere is not said again: the summary is the page's
    description, the publisher's policies and the people's roles and links are on the home page and
    their own pages (referred to by ``@id``), a company's other names and facts on its page. The
    keywords are the roundup's topics, the sections it is filed under: its companies (up to twenty
    full names, 700 bytes a page) are named in its text and its tags.
    """
    page = site.absolute(urls.roundup_url(roundup))
    article: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": f"{page}#article",
        "url": page,
        "headline": roundup.title,
        "inLanguage": site.language,
        "datePublished": _published(roundup, site),
        "dateModified": _modified(roundup, site),
        "publisher": _publisher_ref(site),
        "keywords": _names(archive, roundup.topics),
    }
    article |= _credits(roundup, archive, site)
    if roundup.image:
        article["image"] = _drop_empty({
            "@type": "ImageObject",
            "url": _image_url(roundup.image, site),
            "caption": roundup.image.caption or roundup.image.alt,
            "creditText": roundup.image.credit,
            "creator": _image_creator(roundup.image, archive, site),
            "copyrightNotice": roundup.image.copyright,
            "width": roundup.image.width,
            "height": roundup.image.height,
        })
    cited = articles_of(list(roundup.stories), roundup)
    if cited:
        article["citation"] = [_source(source) for source in cited]
    if roundup.original:
        article["isBasedOn"] = _drop_empty({
            "@type": "NewsArticle", "url": roundup.original.url, "publisher": _named(roundup.original.name),
            "datePublished": roundup.original.date.isoformat() if roundup.original.date else ""})
    if roundup.machine_written != "none":
        article["digitalSourceType"] = _DIGITAL_SOURCE[roundup.machine_written]
        article["backstory"] = backstory(roundup)
    if roundup.corrections:
        article["correction"] = [
            {"@type": "CorrectionComment", "text": c.note, "datePublished": c.date.isoformat()}
            for c in roundup.corrections
        ]
    return _drop_empty(article)


_DIGITAL_SOURCE = {"all": "https://schema.org/TrainedAlgorithmicMediaDigitalSource",
                   "some": "https://schema.org/CompositeWithTrainedAlgorithmicMediaDigitalSource"}
"""What wrote an article, as the IPTC codes schema.org carries say it: a machine, or a machine
and people together."""


def _source(source: Source) -> dict[str, Any]:
    """An article a roundup's stories are based on."""
    return _drop_empty({"@type": "NewsArticle", "headline": source.title, "url": source.url,
                        "publisher": _named(source.name),
                        "datePublished": source.date.isoformat() if source.date else "",
                        "inLanguage": source.language})


def _named(name: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": name}


def _organization(company: Company, site: PublicSite) -> dict[str, Any]:
    """A company as schema.org data; ``Corporation`` (an ``Organization`` with shares) when it has tickers."""
    page = site.absolute(urls.entity_url(company))
    other_names = [n for n in dict.fromkeys((company.name_zh, *company.aliases)) if n and n != company.name]
    return _drop_empty({
        "@type": "Corporation" if company.tickers else "Organization",
        "@id": f"{page}#organization",
        "name": company.name,
        "alternateName": other_names,
        "tickerSymbol": list(company.tickers),
        "url": company.url or page,
        "description": company.description,
        "location": company.hq,
        "mainEntityOfPage": page,
    })


def _breadcrumbs(page: Page, site: PublicSite, crumb_names: dict[str, str]) -> dict[str, Any]:
    """The page's place in the URL hierarchy: every enclosing page, then the page itself, which
    is named without its address (Google's breadcrumbs take the page's own for the last)."""
    segments = page.url.split("/")[:-1]
    parents = ["/".join(segments[:depth]) + "/" if depth else urls.HOME for depth in range(len(segments))]
    trail = [(url, crumb_names[url]) for url in parents if url in crumb_names]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            *({"@type": "ListItem", "position": position, "name": name, "item": site.absolute(url)}
              for position, (url, name) in enumerate(trail, start=1)),
            {"@type": "ListItem", "position": len(trail) + 1, "name": page.title},
        ],
    }


def _website(site: PublicSite) -> dict[str, Any]:
    home = site.absolute(urls.HOME)
    return {"@type": "WebSite", "@id": f"{home}#website", "name": site.name, "url": home, "inLanguage": site.language,
            "publisher": _publisher(site)}


# People and publishing principles ---------------------------------------------------------------

_POLICIES = {
    "publishingPrinciples": urls.STANDARDS,
    "correctionsPolicy": urls.STANDARDS_CORRECTIONS,
    "ethicsPolicy": urls.STANDARDS_INDEPENDENCE,
    "masthead": urls.PEOPLE,
    "actionableFeedbackPolicy": urls.STANDARDS_REPORT,
}
"""Where the publisher's policies are, by the schema.org property that points at them."""


def _publisher(site: PublicSite) -> dict[str, Any]:
    """The archive as a news organisation, with the pages of its standards and its masthead: in
    full on the home page, where search engines look for a site's organisation."""
    return _drop_empty({**_publisher_ref(site), "url": site.absolute(urls.HOME),
                        **{key: site.absolute(url) for key, url in _POLICIES.items()}, "email": site.contact})


def _publisher_ref(site: PublicSite) -> dict[str, Any]:
    """The publisher as an article names it: by its name and the ``@id`` of its full form on the
    home page (its policies on each of 3,650 articles were 1.8 MB)."""
    return {"@type": "NewsMediaOrganization", "@id": f"{site.absolute(urls.HOME)}#publisher", "name": site.name}


def _published(roundup: Roundup, site: PublicSite) -> str:
    """The roundup's date, with its time and the zone's offset when the author gives the time."""
    return site.zone.timestamp(roundup.date, roundup.time) if roundup.time else roundup.date.isoformat()


def _modified(roundup: Roundup, site: PublicSite) -> str:
    """The date of its latest correction; uncorrected, when it was published."""
    return roundup.updated.isoformat() if roundup.corrections else _published(roundup, site)


def _credits(roundup: Roundup, archive: Archive, site: PublicSite) -> dict[str, Any]:
    """Who wrote the roundup (``author``) and who edited it (``editor``), each a Person with a page."""
    people = archive.registry.people
    authors = [_person_ref(person, site) for slug in roundup.authors if (person := people.get(slug))]
    editor = people.get(roundup.editor) if roundup.editor else None
    return _drop_empty({"author": authors, "editor": _person_ref(editor, site) if editor else None})


def _person_ref(person: Person, site: PublicSite) -> dict[str, Any]:
    """A person as a byline names them in structured data: their name and their page (what
    Google's article data asks of an author), and the ``@id`` of their full form there."""
    page = site.absolute(urls.person_url(person))
    return {"@type": "Person", "@id": f"{page}#person", "name": person.name, "url": page}


def _person(person: Person, site: PublicSite) -> dict[str, Any]:
    """A person as schema.org data, in full: their other name, role and links elsewhere."""
    return _drop_empty({**_person_ref(person, site), "alternateName": person.name_zh, "jobTitle": person.role,
                        "sameAs": list(person.links)})


def _profile_page(person: Person, site: PublicSite) -> dict[str, Any]:
    page = site.absolute(urls.person_url(person))
    return {"@type": "ProfilePage", "@id": f"{page}#page", "url": page, "inLanguage": site.language,
            "mainEntity": _drop_empty({**_person(person, site), "description": person.bio})}


def _image_creator(image: Image, archive: Archive, site: PublicSite) -> dict[str, Any] | None:
    """Who made the picture: a person of people.yml (by slug), else an organisation by its name
    (an agency, a company's press office)."""
    if not image.creator:
        return None
    person = archive.registry.people.get(image.creator)
    return _person_ref(person, site) if person else {"@type": "Organization", "name": image.creator}


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", 0, [], None)}
