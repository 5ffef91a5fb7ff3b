"""Every generated page of the site, rendered from the archive once indexed.

Every page is bounded in size whatever the archive's age: listings that grow with it are split
into pages of at most ``layout.PER_PAGE`` entries, or by year and month.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Archive
from .date_pages import archive_page, month_page, year_page
from .entity_pages import companies_index, entity_pages, topics_index
from .front_page import home_page
from .layout import Page
from .public import PublicSite
from .roundup_page import roundup_page

__all__ = ["Page", "all_pages"]


def all_pages(archive: Archive, site: PublicSite) -> Iterator[Page]:
    """Every generated page of the site."""
    yield home_page(archive, site)
    yield from (roundup_page(archive, r) for r in archive.roundups)
    yield archive_page(archive)
    yield from (year_page(archive, y) for y in archive.by_year)
    yield from (month_page(archive, y, m) for y, m in archive.by_month)
    companies = archive.in_the_archive(archive.registry.companies.values())
    topics = archive.in_the_archive(archive.registry.topics.values())
    yield companies_index(archive, companies)
    yield topics_index(archive, topics)
    for entity in (*companies, *topics):
        yield from entity_pages(archive, entity)
