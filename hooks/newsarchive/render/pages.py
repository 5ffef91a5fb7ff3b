"""Every generated page of the site, rendered from the archive once indexed.

Every page is bounded in size whatever the archive's age: listings that grow with it are split
into pages of at most ``layout.PER_PAGE`` entries, or by year and month.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Archive
from .layout import Page
from .public import PublicSite
from .units import all_units, render_unit

__all__ = ["Page", "all_pages"]


def all_pages(archive: Archive, site: PublicSite) -> Iterator[Page]:
    """Every generated page of the site (without its head)."""
    for unit in all_units(archive):
        yield from render_unit(unit, archive, site).pages
