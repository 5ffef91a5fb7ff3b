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
from dataclasses import dataclass

from .dates import month
from .model import Company, Entity, Roundup, Story, Topic

_PAGE_SOURCE = "index.md"
_PAGE_FILE = "index.html"


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
        ``about.md`` at ``about/``, ``x/index.md`` and ``x/README.md`` at ``x/``, a file as itself."""
        if not src_uri.endswith(".md"):
            return cls(src_uri)
        stem = src_uri.removesuffix(".md")
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
CORRECTIONS = "na-corrections"
"""The anchor of a roundup's corrections."""
SHELLS = "na-shell/"
"""Where the theme renders the shells of the generated pages (publish.py), removed once read."""
SECTIONS = {"home": HOME, "archive": ARCHIVE, "companies": COMPANIES, "topics": TOPICS, "about": ABOUT,
            "authoring": AUTHORING, "atom": ATOM, "json_feed": JSON_FEED, "search": SEARCH,
            "search_bundles": SEARCH_BUNDLES}
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
    return followed_url(entity) + name


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
