"""Dates as the archive writes them, and the archive's time zone: the one home of both.

Names of months are the site's own (English), not the machine's locale (``%B`` and ``calendar``
follow it). A roundup carries a date, not an hour: it is published at the start of its day in
the archive's time zone (``extra.archive.time_zone`` of mkdocs.yml), which decides both which
roundups are out today and the time feeds give them.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from functools import cached_property

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NO_BREAK = "\u00a0"


def month(number: int) -> str:
    """``March`` for 3."""
    return MONTHS[number - 1]


def short_month(number: int) -> str:
    """``Mar`` for 3."""
    return MONTHS[number - 1][:3]


def short_weekday(day: dt.date) -> str:
    """``Tue`` for a Tuesday."""
    return WEEKDAYS[day.weekday()][:3]


def month_name(year: int, number: int) -> str:
    """``March 2024``: a month's heading, title and label."""
    return f"{month(number)} {year}"


def long_date(day: dt.date) -> str:
    """``12 March 2024``."""
    return f"{day.day} {month(day.month)} {day.year}"


def short_date(day: dt.date) -> str:
    """``9 Dec 2024`` for small print, never broken across lines (no-break spaces)."""
    return NO_BREAK.join((str(day.day), short_month(day.month), str(day.year)))


def day_in_year(day: dt.date) -> str:
    """``9 Dec``: the small print of a row under its year's (or month's) heading, which says the year."""
    return NO_BREAK.join((str(day.day), short_month(day.month)))


@dataclass(frozen=True)
class Zone:
    """The archive's time zone, by its IANA name."""

    name: str = "UTC"

    @cached_property
    def info(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.name)

    def valid(self) -> bool:
        try:
            zoneinfo.ZoneInfo(self.name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return False
        return True

    def today(self, now: dt.datetime | None = None) -> dt.date:
        """The date in this zone, now (or at ``now``)."""
        return (now or dt.datetime.now(dt.UTC)).astimezone(self.info).date()

    def start(self, day: dt.date) -> dt.datetime:
        """The moment ``day`` begins here: when a roundup of that date is published."""
        return self.at(day)

    def at(self, day: dt.date, clock: dt.time | None = None) -> dt.datetime:
        """The moment of ``day`` here at ``clock`` (a roundup's ``time:``), else at its start."""
        return dt.datetime.combine(day, clock or dt.time(), self.info)

    def timestamp(self, day: dt.date, clock: dt.time | None = None) -> str:
        """``day`` at ``clock`` (else its start) as an RFC 3339 date-time, with this zone's offset
        then (``2024-03-12T00:00:00+08:00``; ``Z`` for UTC)."""
        return stamp(self.at(day, clock))

    def clock(self, day: dt.date, clock: dt.time) -> str:
        """``08:30 CST``: a time of ``day`` as a reader reads it, with the zone's abbreviation then
        (or its offset from UTC where the zone has none: ``UTC+7``)."""
        moment = self.at(day, clock)
        name = moment.tzname() or ""
        if not name or name[0] in "+-":
            offset = int((moment.utcoffset() or dt.timedelta(0)).total_seconds()) // 60
            hours, minutes = divmod(abs(offset), 60)
            sign = "-" if offset < 0 else "+"
            name = f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "") if offset else "UTC"
        return f"{moment:%H:%M} {name}"


def stamp(moment: dt.datetime) -> str:
    """An RFC 3339 date-time, ``Z`` for UTC."""
    text = moment.isoformat()
    return text.removesuffix("+00:00") + "Z" if moment.utcoffset() == dt.timedelta(0) else text
