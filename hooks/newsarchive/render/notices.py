"""The notes a roundup carries on its page and in feeds about its corrections (what it is based on
and what a machine wrote: provenance.py)."""

from __future__ import annotations

from .. import urls
from ..model import Roundup
from .html import esc, time


def corrected_line(roundup: Roundup, corrections_href: str) -> str:
    """One line saying the roundup was corrected, linking to its corrections: what a story's feed
    entry carries instead of every note (a roundup's notes would repeat in each of its stories)."""
    if not roundup.corrections:
        return ""
    return (f'<p class="na-corrected">Corrected {time(roundup.updated)}: see '
            f'<a href="{esc(corrections_href)}">the corrections</a>.</p>')


def corrections_note(roundup: Roundup) -> str:
    if not roundup.corrections:
        return ""
    items = "".join(f"<li>{time(c.date)}: {esc(c.note)}</li>" for c in roundup.corrections)
    return (
        f'<section class="na-corrections" aria-labelledby="{urls.CORRECTIONS}">'
        f'<h2 id="{urls.CORRECTIONS}">Corrections</h2><ul>{items}</ul></section>'
    )
