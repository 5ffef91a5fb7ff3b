"""Coverage at a glance: stories per period as inline SVG bars, drawn at build time.

No JavaScript and no library: each bar is a rectangle, coloured by CSS (``currentColor``), so it
reads in both colour schemes and in print; hovering a bar names its period and count. The bars
are not links: at three years by month a bar is a few pixels wide, too small a target for a
finger. The figure's caption is the text alternative: how many stories, over what span, and the
busiest period. A short chart shows each bar's count and period, so its caption would only repeat
them: it is there for screen readers alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..dates import month_name, short_month
from .html import esc, plural

MONTHLY_UP_TO = 36
"""Months a chart shows month by month; a longer span is shown by quarter."""
QUARTERLY_UP_TO = 48
"""Quarters a chart shows quarter by quarter; a longer span is shown by year."""
LABELLED_UP_TO = 12
"""Bars a chart labels one by one, with their counts; a longer chart names its first and last period."""
_BAR, _GAP, _HEIGHT = 10, 2, 40
"""A bar's slot and the space between bars, and the chart's height, in SVG units."""


@dataclass(frozen=True)
class Period:
    name: str
    """As a reader says it: ``March 2024``, ``Q1 2024``, ``2024``."""
    count: int
    label: str = ""
    """Its name under a bar, without the year: ``Mar``, ``Q1``; "" for a year."""
    year: int = 0
    opens_year: bool = False
    """Whether it is the first period of its year (January, Q1)."""


def periods(months: Counter[tuple[int, int]]) -> tuple[str, list[Period]]:
    """The stories per period, from the first month with stories to the last, and the period's
    name (``month``, ``quarter`` or ``year``): months when the span is short, else quarters or years."""
    (y0, m0), (y1, m1) = min(months), max(months)
    span = (y1 - y0) * 12 + m1 - m0 + 1
    if span <= MONTHLY_UP_TO:
        spans = [((y0 * 12 + m0 - 1 + i) // 12, (m0 - 1 + i) % 12 + 1) for i in range(span)]
        return "month", [_period(month_name(y, m), months, [(y, m)], short_month(m), y, m == 1) for y, m in spans]
    first, last = y0 * 4 + (m0 - 1) // 3, y1 * 4 + (m1 - 1) // 3
    if last - first + 1 <= QUARTERLY_UP_TO:
        quarters = [(q // 4, q % 4) for q in range(first, last + 1)]
        return "quarter", [_period(f"Q{q + 1} {y}", months, [(y, 3 * q + n) for n in (1, 2, 3)], f"Q{q + 1}", y, q == 0)
                           for y, q in quarters]
    return "year", [_period(str(y), months, [(y, m) for m in range(1, 13)]) for y in range(y0, y1 + 1)]


def _period(name: str, months: Counter[tuple[int, int]], covered: list[tuple[int, int]], label: str = "",
            year: int = 0, opens_year: bool = False) -> Period:
    return Period(name, sum(months[month] for month in covered), label, year, opens_year)


def caption(bars: list[Period]) -> str:
    """The chart's text alternative: ``11 stories from March to May 2024, most in March: 5`` (a
    year said once when every bar is in it); the earliest of equally busy periods is named."""
    total = sum(bar.count for bar in bars)
    busiest = max(bars, key=lambda bar: bar.count)
    if len(bars) == 1:
        return f"{plural(total, 'story')}, all in {bars[0].name}"
    first, last, most = bars[0].name, bars[-1].name, busiest.name
    year = last.rsplit(" ", 1)[-1]
    if " " in first and first.endswith(f" {year}"):
        first, most = first.rsplit(" ", 1)[0], most.rsplit(" ", 1)[0]
    return f"{plural(total, 'story')} from {first} to {last}, most in {most}: {busiest.count}"


def coverage_chart(months: Counter[tuple[int, int]]) -> str:
    """The coverage chart of an entry whose stories fall in ``months``, under its heading (``Stories per month``)."""
    unit, bars = periods(months)
    tallest = max(bar.count for bar in bars)
    shapes = []
    for index, bar in enumerate(bars):
        height = max(round(bar.count / tallest * (_HEIGHT - 1), 1), 1) if bar.count else 0.5
        empty = "" if bar.count else ' class="na-chart__none"'
        shapes.append(f'<rect x="{index * _BAR + _GAP // 2}" y="{_HEIGHT - height:g}" width="{_BAR - _GAP}" '
                      f'height="{height:g}"{empty}><title>{esc(bar.name)}: {plural(bar.count, "story")}</title></rect>')
    labelled = len(bars) <= LABELLED_UP_TO
    if labelled:  # each bar with its count above and its period below
        counts = "".join(f"<span>{bar.count or ''}</span>" for bar in bars)
        names = "".join(f"<span>{esc(_short(bar, index))}</span>" for index, bar in enumerate(bars))
        above = f'<div class="na-chart__counts" aria-hidden="true">{counts}</div>'
        axis = f'<div class="na-chart__axis na-chart__axis--each" aria-hidden="true">{names}</div>'
    else:  # the first and last period only
        above = ""
        axis = (f'<div class="na-chart__axis" aria-hidden="true"><span>{esc(bars[0].name)}</span>'
                f'<span>{esc(bars[-1].name)}</span></div>')
    hidden = ' class="na-visually-hidden"' if labelled else ""
    return (
        f'<section class="na-coverage" aria-labelledby="na-coverage"><h2 id="na-coverage">Stories per {unit}</h2>'
        f'<figure class="na-chart"><div class="na-chart__plot" style="--na-bars: {len(bars)}">{above}'
        f'<svg viewBox="0 0 {len(bars) * _BAR} {_HEIGHT}" preserveAspectRatio="none" aria-hidden="true">'
        f'{"".join(shapes)}</svg>{axis}</div><figcaption{hidden}>{esc(caption(bars))}.</figcaption></figure></section>'
    )


def _short(bar: Period, index: int) -> str:
    """A bar's label under a labelled chart: ``Mar`` for ``March 2024``, ``Q2`` for ``Q2 2024``,
    the year added on the first bar and where a year begins (``Mar 2024``, ``Jan 2025``)."""
    if not bar.label:
        return bar.name
    return f"{bar.label} {bar.year}" if index == 0 or bar.opens_year else bar.label
