"""The problems of the content, shown on the pages an author previews (``mkdocs serve`` only).

A roundup with problems carries a notice at its top listing each one (line, message, hint);
the home page says how many roundups have problems and links to them. A build never shows
these: readers see them nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .. import urls
from ..archive import Archive
from ..model import Roundup
from ..problems import Problem, counts, failed
from .html import esc, link, plural
from .layout import Page

NOTICE_CLASS = "na-problems"
_LEFT_OUT = " A build leaves this roundup out of the site until its errors are fixed."


@dataclass(frozen=True)
class ProblemNotes:
    """The problems of the content, by file, ready to be put on the pages they concern."""

    by_path: dict[str, list[Problem]]
    shown: dict[str, str]
    """The URL of each roundup on the site, by path: the home page's summary links to it."""
    left_out: set[str]

    @classmethod
    def of(cls, problems: Iterable[Problem], archive: Archive, left_out: Iterable[str]) -> ProblemNotes:
        by_path: dict[str, list[Problem]] = defaultdict(list)
        for problem in problems:
            by_path[problem.path].append(problem)
        return cls(dict(by_path), {r.path: urls.roundup_url(r) for r in archive.roundups}, set(left_out))

    def on(self, page: Page) -> Page:
        """``page`` with its roundup's problems at its top, or, for the home page, the summary."""
        if isinstance(page.subject, Roundup) and page.subject.path in self.by_path:
            return replace(page, body=_notice(page.subject.path, self.by_path[page.subject.path]) + page.body)
        if page.url == urls.HOME and self.by_path:
            return replace(page, body=_summary(page.url, self.by_path, self.shown, self.left_out) + page.body)
        return page


def _notice(path: str, problems: list[Problem]) -> str:
    items = "".join(
        f'<li class="na-problem na-problem--{p.severity}"><strong>{esc(p.severity)}</strong> '
        f"line {p.line}: {esc(p.field)}: {esc(p.message)}"
        + (f' <span class="na-problem__hint">{esc(p.hint)}</span>' if p.hint else "")
        + "</li>"
        for p in problems
    )
    return (
        f'<aside class="{NOTICE_CLASS}" role="note" aria-label="Problems in this roundup">'
        f"<p><strong>{esc(path)}</strong>: {esc(counts(problems))}. Only this preview shows this box; "
        f"<code>scripts/check</code> prints the same list.{_LEFT_OUT if failed(problems) else ''}</p>"
        f"<ul>{items}</ul></aside>"
    )


def _summary(url: str, by_path: dict[str, list[Problem]], shown: dict[str, str], left_out: set[str]) -> str:
    rows = []
    for path, problems in sorted(by_path.items()):
        name = link(urls.relative(url, shown[path]), path) if path in shown else esc(path)
        state = (" (not on the site)" if path in left_out
                 else " (a build leaves it out until its errors are fixed)" if failed(problems) else "")
        rows.append(f"<li>{name}{state}: {esc(counts(problems))}</li>")
    return (
        f'<aside class="{NOTICE_CLASS}" role="note" aria-label="Problems in the archive">'
        f"<p><strong>{plural(len(by_path), 'file has', 'files have')} problems</strong> "
        "(only this preview shows this box):</p>"
        f"<ul>{''.join(rows)}</ul></aside>"
    )
