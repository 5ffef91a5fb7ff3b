"""The date archive: every year and month at a glance, a year's roundups, a month's stories."""

from __future__ import annotations

from .. import dates, urls
from ..archive import Archive
from .html import esc, link, plural
from .layout import Neighbour, Page, article, crumbs, older_and_newer, pager
from .listing import roundup_entry


def archive_page(archive: Archive) -> Page:
    url = urls.ARCHIVE
    since = dates.long_date(archive.roundups[-1].date) if archive.roundups else "the start"
    parts = ["<h1>Archive</h1>", f'<p class="na-dek">{plural(len(archive.roundups), "roundup")} since {since}.</p>']
    first, last = (min(archive.by_month), max(archive.by_month)) if archive.by_month else ((0, 0), (0, 0))
    for year, roundups in archive.by_year.items():
        # A year as a calendar, January first: each month of the archive's span, a month without
        # roundups shown but not linked.
        months = "".join(
            _month_tile(archive, url, year, month)
            for month in range(1, 13) if first <= (year, month) <= last
        )
        parts.append(
            f'<section class="na-year-block"><h2>{link(urls.relative(url, urls.year_url(year)), str(year))} '
            f'<span class="na-count">{plural(len(roundups), "roundup")}</span></h2><ol class="na-months">{months}</ol>'
            "</section>"
        )
    return Page(url, "Archive", "Every roundup by year and month", article("na-dates", parts))


def _month_tile(archive: Archive, url: str, year: int, month: int) -> str:
    count = len(archive.by_month.get((year, month), ()))
    if not count:
        return f'<li class="na-month--none">{dates.month(month)} <span class="na-count">none</span></li>'
    href = urls.relative(url, urls.month_url(year, month))  # the whole tile is the link
    return (f'<li><a href="{esc(href)}">{esc(dates.month(month))} '
            f'<span class="na-count">{plural(count, "roundup")}</span></a></li>')


def year_page(archive: Archive, year: int) -> Page:
    url = urls.year_url(year)
    parts = [crumbs(url, urls.ARCHIVE, "Archive"), f"<h1>{year}</h1>"]
    for (y, month), roundups in archive.by_month.items():
        if y != year:
            continue
        items = "".join(roundup_entry(r, url, with_stories=False) for r in roundups)
        parts.append(f"<h2>{link(urls.relative(url, urls.month_url(y, month)), dates.month(month))}</h2>"
                     f'<ul class="na-entries">{items}</ul>')
    older, newer = (None if y is None else Neighbour(urls.year_url(y), str(y))
                    for y in older_and_newer(list(archive.by_year), year))
    parts.append(pager(url, older, newer, "Older and newer years"))
    return Page(url, str(year), f"Roundups of {year}", article("na-dates", parts))


def month_page(archive: Archive, year: int, month: int) -> Page:
    url = urls.month_url(year, month)
    name = dates.month_name(year, month)
    items = "".join(roundup_entry(r, url, with_stories=True) for r in archive.by_month[(year, month)])
    months = older_and_newer(list(archive.by_month), (year, month))
    older, newer = (None if ym is None else _month(*ym) for ym in months)
    parts = [
        crumbs(url, urls.year_url(year), str(year)),
        f"<h1>{name}</h1>",
        f'<ul class="na-entries">{items}</ul>',
        pager(url, older, newer, "Older and newer months"),
    ]
    return Page(url, name, f"Roundups of {name}", article("na-dates", parts))


def _month(year: int, month: int) -> Neighbour:
    return Neighbour(urls.month_url(year, month), dates.month_name(year, month))
