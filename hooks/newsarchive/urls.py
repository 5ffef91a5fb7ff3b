"""Every address of the site, in one place. URLs are permanent: change one only with a redirect.

A URL here is site-relative, without a leading slash, the form MkDocs uses with
``use_directory_urls``: a page's is its folder (``2024/03/12/``, ``""`` for the home page), a
file's is its path (``feed.xml``), and a place on a page adds a fragment (``2024/03/12/#byd``).
An ``Address`` is one output of the build: it knows its URL, the source MkDocs publishes it from,
the file it is written to under ``site/`` and its path on the site, so no other module turns one
into another by hand (tests/test_code_quality.py holds them to it).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

from .dates import month
from .model import Company, Entity, Person, Roundup, Story, Topic

_PAGE_SOURCE = "index.md"
_PAGE_FILE = "index.html"
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The endings of the files MkDocs renders as pages."""


@dataclass(frozen=True, slots=True)
class Address:
    """Where one output of the site is: a page (its URL ends with ``/``) or a file."""

    url: str
    """Site-relative: ``2024/03/12/``, ``""`` (the home page), ``companies/xiaomi/feed.xml``."""

    @property
    def is_page(self) -> bool:
        return self.url == "" or self.url.endswith("/")

    @property
    def source(self) -> str:
        """The MkDocs ``src_uri`` that publishes it: ``2024/03/12/index.md``, ``feed.xml``."""
        return self.url + _PAGE_SOURCE if self.is_page else self.url

    @property
    def file(self) -> str:
        """The file written under ``site/``: ``2024/03/12/index.html``, ``feed.xml``."""
        return self.url + _PAGE_FILE if self.is_page else self.url

    @property
    def path(self) -> str:
        """Its path on the site, from the site's root: ``/2024/03/12/``."""
        return site_path(self.url)

    @classmethod
    def of_source(cls, src_uri: str) -> Address:
        """Where MkDocs publishes the source ``src_uri`` (under ``docs/`` or generated):
        ``about.md`` at ``about/``, ``x/index.md`` and ``x/README.md`` at ``x/`` (any ending in
        ``MARKDOWN`` alike), a file as itself."""
        stem, ending = posixpath.splitext(src_uri)
        if ending not in MARKDOWN:
            return cls(src_uri)
        folder, _, name = stem.rpartition("/")
        if name in ("index", "README"):
            return cls(f"{folder}/" if folder else "")
        return cls(f"{stem}/")

    @classmethod
    def of_file(cls, file: str) -> Address:
        """The output written to ``file`` under ``site/`` (``x/index.html`` is the page ``x/``)."""
        if file == _PAGE_FILE or file.endswith("/" + _PAGE_FILE):
            return cls(file.removesuffix(_PAGE_FILE))
        return cls(file)

    @classmethod
    def of_path(cls, path: str) -> Address:
        """The output at the site path ``path`` (``/2024/03/12/``)."""
        return cls(path.removeprefix("/"))


def site_path(url: str) -> str:
    """A URL's path from the site's root (``/2024/03/12/#byd``): what search results and the
    permalinks manifest carry, for the site's own base address to be put in front."""
    return f"/{url}"


HOME = ""
COMPANIES = f"{Company.section}/"
TOPICS = f"{Topic.section}/"
ARCHIVE = "archive/"
ABOUT = "about/"
"""The About page, written by hand (docs/about.md)."""
AUTHORING = "authoring/"
"""The author guide, written by hand (docs/authoring.md)."""
STANDARDS = "standards/"
"""The editorial standards, written by hand (docs/standards.md); the places below are its headings' ids."""
STANDARDS_AI = f"{STANDARDS}#ai"
STANDARDS_SOURCING = f"{STANDARDS}#sourcing"
STANDARDS_CORRECTIONS = f"{STANDARDS}#corrections"
STANDARDS_INDEPENDENCE = f"{STANDARDS}#independence"
STANDARDS_REPORT = f"{STANDARDS}#report-an-error"
"""How a reader reports an error (with the contact address of mkdocs.yml)."""
PEOPLE = "people/"
"""The masthead: every person of people.yml, editors first; each person's page is under it."""
CORRECTIONS_PAGE = "corrections/"
"""Every correction of the archive, newest first, with its feeds."""
LINKED_FROM_DOCS = (PEOPLE, CORRECTIONS_PAGE)
"""Generated pages that pages under docs/ link to (About, the standards): MkDocs renders them
with the theme, as it renders the nav's, so it knows them when it checks those links."""
ATOM = "feed.xml"
JSON_FEED = "feed.json"
SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "sitemap-news.xml"
ROBOTS = "robots.txt"
PERMALINKS = "permalinks.json"
"""The manifest of every URL the site answers (permalinks.py)."""
SEARCH = "pagefind/"
"""The search index's folder: Pagefind's engine and the first bundle, the years' bundles inside."""
SEARCH_BUNDLES = f"{SEARCH}bundles.json"
"""The list of the bundles the browser merges into the first (render/search.py)."""
SEARCH_OLDER_WORDS = f"{SEARCH}older-headlines/"
"""The words without a Latin letter or digit of the older years' headlines, a file for each first
character (render/search.py)."""
CORRECTIONS = "na-corrections"
"""The anchor of a roundup's corrections."""
CORRECTION = "na-correction-"
"""The start of the anchor of each correction on its roundup's page (``na-correction-1``)."""
SHELLS = "na-shell/"
"""Where the theme renders the shells of the generated pages (publish.py), removed once read."""
SHARE = "share/"
"""The pictures the archive makes for sharing its pages (render/share_cards.py): made again when
what they show changes, so not permalinks (permalinks.py leaves the folder out)."""
SITE_CARD = f"{SHARE}site.png"
"""The picture a page about nothing in particular shares (the home page, dates, indexes)."""
SUGGESTIONS = "suggestions.json"
"""The addresses the "not found" page guesses from (render/not_found.py)."""
ICON_PNG = "images/favicon-32.png"
"""The archive's mark as a 32-pixel PNG, for browsers without SVG icons (docs/images/favicon.svg)."""
TOUCH_ICON = "images/apple-touch-icon.png"
"""The mark at 180 pixels, square, for a phone's home screen."""
ICONS = "assets/images/icons.svg"
"""The header's and the back-to-top button's icons, one file for every page (hooks/theme/assets/
images/icons.svg, a template of mkdocs.yml's ``static_templates``); pages refer to them by
``#name`` instead of each carrying their drawings."""
SHELL_SCRIPT = "assets/javascripts/shell.js"
"""What the generated pages need of Material's script (hooks/theme/assets/javascripts/shell.js)."""
SECTIONS = {"home": HOME, "archive": ARCHIVE, "companies": COMPANIES, "topics": TOPICS, "about": ABOUT,
            "authoring": AUTHORING, "atom": ATOM, "json_feed": JSON_FEED, "search": SEARCH,
            "search_bundles": SEARCH_BUNDLES, "icon_png": ICON_PNG, "touch_icon": TOUCH_ICON,
            "suggestions": SUGGESTIONS, "site_card": SITE_CARD, "standards": STANDARDS, "masthead": PEOPLE,
            "corrections": CORRECTIONS_PAGE, "icons": ICONS, "shell_script": SHELL_SCRIPT}
"""The addresses the theme's templates and script link to, by name (the adapter hands them over)."""


def day_url(day: dt.date, edition: str = "") -> str:
    """The roundup of ``day`` (``2024/03/12/``), or its second edition (``2024/03/12/evening/``)."""
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}/" + (f"{edition}/" if edition else "")


def roundup_url(roundup: Roundup) -> str:
    return day_url(roundup.date, roundup.edition)


def story_url(roundup: Roundup, story: Story) -> str:
    return f"{roundup_url(roundup)}#{story.anchor}"


def corrections_url(roundup: Roundup) -> str:
    return f"{roundup_url(roundup)}#{CORRECTIONS}"


def correction_url(roundup: Roundup, number: int) -> str:
    """The ``number``th correction (from 1) among the notes at the foot of the roundup's page."""
    return f"{roundup_url(roundup)}#{CORRECTION}{number}"


def year_url(year: int) -> str:
    return f"{year}/"


def month_url(year: int, month: int) -> str:
    return f"{year}/{month:02d}/"


def year_in_archive_url(year: int) -> str:
    """A year's calendar on the archive's index: ``archive/#year-2024``."""
    return f"{ARCHIVE}#year-{year}"


def month_in_year_url(year: int, number: int) -> str:
    """A month's roundups on its year's page: ``2024/#march``."""
    return f"{year_url(year)}#{month(number).lower()}"


def roundup_in_month_url(roundup: Roundup) -> str:
    """A roundup's entry on its month's page: ``2024/03/#day-12`` (``#day-12-evening``)."""
    day = roundup.date
    return f"{month_url(day.year, day.month)}#day-{day.day}" + (f"-{roundup.edition}" if roundup.edition else "")


def anchor(url: str) -> str:
    """The id of the place on a page that ``url`` leads to: ``day-12`` for ``2024/03/#day-12``."""
    return url.partition("#")[2]


def section_url(entity: Entity) -> str:
    """The index page of the entity's kind: companies/ or topics/."""
    return f"{entity.section}/"


def entity_url(entity: Entity, page: int = 1) -> str:
    """A company's or topic's page; with ``page`` > 1, its listing of older stories."""
    url = f"{section_url(entity)}{entity.slug}/"
    return f"{url}page/{page}/" if page > 1 else url


def entity_urls(entity: Entity, pages: int) -> list[str]:
    """Every page of a company or topic whose stories fill ``pages`` pages."""
    return [entity_url(entity, number) for number in range(1, pages + 1)]


def followed_url(entity: Entity | None) -> str:
    """The page a feed follows: an entity's page, or the home page for the site feed."""
    return entity_url(entity) if entity else HOME


def feed_url(entity: Entity | None, name: str) -> str:
    """Where the feed ``name`` (``ATOM`` or ``JSON_FEED``) of an entity, or of the site, is published:
    beside the page it follows, so that page links it as plain ``feed.xml``."""
    return feed_beside(followed_url(entity), name)


def feed_beside(page_url: str, name: str) -> str:
    """The feed ``name`` that follows the page at ``page_url``, published beside it."""
    return page_url + name


def person_url(person: Person, page: int = 1) -> str:
    """A person's page, under the masthead; with ``page`` > 1, its listing of older roundups."""
    url = f"{PEOPLE}{person.slug}/"
    return f"{url}page/{page}/" if page > 1 else url


def corrections_page_url(page: int = 1) -> str:
    """The corrections page; with ``page`` > 1, older corrections."""
    return f"{CORRECTIONS_PAGE}page/{page}/" if page > 1 else CORRECTIONS_PAGE


def entity_card_url(entity: Entity) -> str:
    """A company's or topic's share card: ``share/companies/xiaomi.png``."""
    return f"{SHARE}{section_url(entity)}{entity.slug}.png"


def roundup_card_url(roundup: Roundup) -> str:
    """A roundup's lead image drawn for sharing: ``share/2024/03/12.png``, ``share/2024/03/12/evening.png``."""
    return f"{SHARE}{roundup_url(roundup).rstrip('/')}.png"


def shell_url(depth: int) -> str:
    """Where the shell of the pages ``depth`` folders deep is rendered (publish.py)."""
    return SHELLS + "x/" * (depth - 1)


def depth(url: str) -> int:
    """How many folders deep the page at ``url`` is: ``""`` 0, ``2024/03/`` 2."""
    return url.count("/")


def relative(from_url: str, to_url: str) -> str:
    """The link from the page at ``from_url`` to ``to_url``: a directory URL ("x/", maybe with a
    #fragment) or a file path ("images/a.svg").

    Computed on the path segments rather than with posixpath.relpath, which normalises through
    the file system's rules and is the costliest call of a large build.
    """
    path, _, fragment = to_url.partition("#")
    base = from_url.split("/")[:-1]
    target = path.split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    link = "../" * (len(base) - common) + "/".join(target[common:])
    if not link:
        link = "" if fragment else "./"
    return link + (f"#{fragment}" if fragment else "")
