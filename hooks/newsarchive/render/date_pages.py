"""The date archive: every year as a calendar of its days, a year's roundups month by month, and a
month's roundups under the calendar of its days, each roundup's stories a click away.

The archive's index shows every day of the archive (3,650 at ten years), so a day is plain markup,
its number in a list item, a link where a roundup has it: the calendar's list carries the class
that lays its days out in weeks.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping

from .. import dates, urls
from ..archive import Archive, publication_order
from ..model import Roundup
from .html import esc, link, plural
from .layout import Neighbour, Page, article, crumbs, older_and_newer, pager
from .listing import edition_name, roundup_entry
from .provenance import title_label

TITLE_CHARS = 100
"""Characters of a headline a day's link on the calendars names it by (a title may have 200):
the archive's index holds one for every roundup."""


def archive_page(archive: Archive) -> Page:
    url = urls.ARCHIVE
    since = dates.long_date(archive.roundups[-1].date) if archive.roundups else "the start"
    parts = ["<h1>Archive</h1>", f'<p class="na-dek">{plural(len(archive.roundups), "roundup")} since {since}.</p>',
             '<p class="na-meta">Each marked day links to its roundup; a day with two editions, to both on its '
             "month's page.</p>"]
    if len(archive.by_year) > 1:
        parts.append(_jump(url, "Years", [(str(year), urls.year_in_archive_url(year)) for year in archive.by_year]))
    for year, roundups in archive.by_year.items():
        months = "".join(f"<li>{_month_calendar(archive, url, year, month)}</li>" for month in _span(archive, year))
        parts.append(
            f'<section id="{urls.anchor(urls.year_in_archive_url(year))}">'
            f"<h2>{link(urls.relative(url, urls.year_url(year)), str(year))} "
            f'<span class="na-count">{plural(len(roundups), "roundup")}</span></h2>'
            f'<ol class="na-year">{months}</ol></section>'
        )
    return Page(url, "Archive", "Every roundup by year, month and day", article("na-dates na-archive", parts))


def _span(archive: Archive, year: int) -> list[int]:
    """The months of ``year`` from the archive's first to its newest, January first."""
    first, last = min(archive.by_month), max(archive.by_month)
    return [month for month in range(1, 13) if first <= (year, month) <= last]


def _month_calendar(archive: Archive, url: str, year: int, month: int) -> str:
    """A month of the archive's index: its name (linking to its page) over its days, each day with
    a roundup linking to it, titled with its headline; a day with several editions links to them on
    the month's page (one target a finger can take, not one per edition)."""
    roundups = archive.by_month.get((year, month), [])
    name = dates.month(month)
    heading = link(urls.relative(url, urls.month_url(year, month)), name) if roundups else esc(name)
    days = {day: _day_link(url, editions) for day, editions in _by_day(roundups).items()}
    return f"<h3>{heading}</h3>{_weekdays(1)}{_calendar(archive, year, month, days)}"


def _weekdays(letters: int) -> str:
    """The row of the weekdays' names over a calendar, ``letters`` of each (``M``, ``Mon``)."""
    names = "".join(f"<li>{day[:letters]}</li>" for day in dates.WEEKDAYS)
    return f'<ol class="na-week" aria-hidden="true">{names}</ol>'


def _day_link(url: str, editions: list[Roundup]) -> str:
    first = editions[0]
    if len(editions) == 1:
        href, title = urls.roundup_url(first), title_label(first) + _bounded(first.title)
    else:
        href = urls.roundup_in_month_url(first)
        title = " · ".join(f"{edition_name(r) + ': ' if r.edition else ''}{title_label(r)}{_bounded(r.title)}"
                           for r in editions)
    return f'<a href="{esc(urls.relative(url, href))}" title="{esc(title)}">{first.date.day}</a>'


def _bounded(text: str) -> str:
    """``text`` within ``TITLE_CHARS``, cut after a word with an ellipsis if it is longer."""
    if len(text) <= TITLE_CHARS:
        return text
    return text[: TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _by_day(roundups: list[Roundup]) -> dict[int, list[Roundup]]:
    """A month's roundups by day of the month, each day's in publication order."""
    days: dict[int, list[Roundup]] = {}
    for roundup in sorted(roundups, key=publication_order):
        days.setdefault(roundup.date.day, []).append(roundup)
    return days


def _calendar(archive: Archive, year: int, month: int, days: Mapping[int, str]) -> str:
    """A month's days in weeks from Monday, up to the archive's newest: each its number, or the
    links ``days`` gives it. The list's class names the weekday of the 1st (``na-w0`` a Monday)."""
    weekday, length = calendar.monthrange(year, month)
    newest = archive.roundups[0].date
    if (year, month) == (newest.year, newest.month):
        length = newest.day
    cells = "".join(f"<li>{days.get(day, day)}</li>" for day in range(1, length + 1))
    return f'<ol class="na-cal na-w{weekday}">{cells}</ol>'


def _jump(url: str, name: str, targets: list[tuple[str, str | None]]) -> str:
    """Links to places on the page (``None``: a place the page does not have, shown unlinked)."""
    items = "".join(f"<li>{link(urls.relative(url, target), label) if target else esc(label)}</li>"
                    for label, target in targets)
    return f'<nav class="na-jump" aria-label="{esc(name)}"><ul>{items}</ul></nav>'


def year_page(archive: Archive, year: int) -> Page:
    url = urls.year_url(year)
    parts = [crumbs(url, urls.ARCHIVE, "Archive"), f"<h1>{year}</h1>",
             f'<p class="na-dek">{plural(len(archive.by_year[year]), "roundup")}.</p>']
    parts.append(_jump(url, "Months", [
        (dates.short_month(month), urls.month_in_year_url(year, month) if (year, month) in archive.by_month else None)
        for month in _span(archive, year)]))
    for (y, month), roundups in archive.by_month.items():
        if y != year:
            continue
        items = "".join(roundup_entry(r, url, with_stories=False) for r in roundups)
        parts.append(f'<h2 id="{urls.anchor(urls.month_in_year_url(y, month))}">'
                     f"{link(urls.relative(url, urls.month_url(y, month)), dates.month(month))} "
                     f'<span class="na-count">· {plural(len(roundups), "roundup")}</span></h2>'
                     f'<ol class="na-entries na-days">{items}</ol>')
    older, newer = (None if y is None else Neighbour(urls.year_url(y), str(y))
                    for y in older_and_newer(list(archive.by_year), year))
    parts.append(pager(url, older, newer, "Older and newer years"))
    return Page(url, str(year), f"Roundups of {year}", article("na-dates", parts))


def month_page(archive: Archive, year: int, month: int) -> Page:
    url = urls.month_url(year, month)
    name = dates.month_name(year, month)
    roundups = archive.by_month[(year, month)]
    items = "".join(roundup_entry(r, url, with_stories=True) for r in roundups)
    months = older_and_newer(list(archive.by_month), (year, month))
    older, newer = (None if ym is None else _month(*ym) for ym in months)
    parts = [
        crumbs(url, urls.year_url(year), str(year)),
        f"<h1>{name}</h1>",
        pager(url, older, newer, "Months"),
        _day_index(archive, url, year, month, roundups),
        f'<ol class="na-entries na-days">{items}</ol>',
        pager(url, older, newer, "Older and newer months"),
    ]
    return Page(url, name, f"Roundups of {name}", article("na-dates na-month", parts))


def _day_index(archive: Archive, url: str, year: int, month: int, roundups: list[Roundup]) -> str:
    """The month's calendar at the top of its page: each day with roundups leads to the first of
    them on the page (the newest), titled with the headlines of the day."""
    days = {}
    for day, editions in _by_day(roundups).items():
        titles = " · ".join(title_label(r) + _bounded(r.title) for r in editions)
        target = urls.relative(url, urls.roundup_in_month_url(editions[-1]))
        days[day] = f'<a href="{esc(target)}" title="{esc(titles)}">{day}</a>'
    return (f'<nav class="na-day-index" aria-label="Days of {esc(dates.month_name(year, month))}">'
            f'{_weekdays(3)}{_calendar(archive, year, month, days)}'
            f'<p class="na-count">{plural(len(roundups), "roundup")}</p></nav>')


def _month(year: int, month: int) -> Neighbour:
    return Neighbour(urls.month_url(year, month), dates.month_name(year, month))
