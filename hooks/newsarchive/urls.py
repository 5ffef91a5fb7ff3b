"""Every URL of the site, in one place. URLs are permanent: change one only with a redirect.

URLs here are site-relative directory URLs without a leading slash ("2024/03/12/"), the form
MkDocs uses with ``use_directory_urls``; "" is the home page.
"""

from __future__ import annotations

from .model import Company, Entity, Roundup, Story, Topic

HOME = ""
COMPANIES = f"{Company.section}/"
TOPICS = f"{Topic.section}/"
ARCHIVE = "archive/"


def roundup_url(roundup: Roundup) -> str:
    day, edition = roundup.date, f"{roundup.edition}/" if roundup.edition else ""
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}/{edition}"


def story_url(roundup: Roundup, story: Story) -> str:
    return f"{roundup_url(roundup)}#{story.anchor}"


CORRECTIONS = "na-corrections"
"""The anchor of a roundup's corrections."""


def corrections_url(roundup: Roundup) -> str:
    return f"{roundup_url(roundup)}#{CORRECTIONS}"


def year_url(year: int) -> str:
    return f"{year}/"


def month_url(year: int, month: int) -> str:
    return f"{year}/{month:02d}/"


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


ATOM = "feed.xml"
JSON_FEED = "feed.json"


def followed_url(entity: Entity | None) -> str:
    """The page a feed follows: an entity's page, or the home page for the site feed."""
    return entity_url(entity) if entity else HOME


def feed_url(entity: Entity | None, name: str) -> str:
    """Where the feed ``name`` (``ATOM`` or ``JSON_FEED``) of an entity, or of the site, is published:
    beside the page it follows, so that page links it as plain ``feed.xml``."""
    return followed_url(entity) + name


def source_uri(url: str) -> str:
    """The MkDocs src_uri that publishes at ``url``."""
    return f"{url}index.md"


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
