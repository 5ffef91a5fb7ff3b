"""Writing the generated site into its folder: the one place the core writes what it made.

Each generated page is laid into a shell: the theme's page around an article, rendered once for
each depth of address (``archive/`` is one deep, ``2024/03/12/`` three) with sentinels where a
page's own title, description, address, head and body go. Every page of a depth shares the rest,
header, tabs, drawer, footer and scripts, whose links are relative to the depth. Rendering 5,600
pages one by one through the theme's templates took most of a ten-year build; filling a shell
takes microseconds. The adapter has the theme render the shells (archive_hook.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .render.html import esc
from .render.layout import Page
from .urls import Address, shell_url

TITLE, DESCRIPTION, HEAD, BODY, CANONICAL = (f"\ue000na-{slot}\ue000" for slot in
                                             ("title", "description", "head", "<h1>body", "canonical"))
"""What a shell carries where a page's own parts go (private-use characters no content holds).
The body's holds ``<h1>``, as every generated page's body does: the theme gives a page without one
a heading of its title."""
SLOTS = (TITLE, DESCRIPTION, HEAD, BODY, CANONICAL)
DEEPEST = 4
"""The deepest generated page: ``2024/03/12/evening/`` or ``companies/xiaomi/page/2/``."""


def shell_page(deep: int) -> Page:
    """The page the theme renders as the shell of its depth: sentinels for everything its own."""
    return Page(shell_url(deep), TITLE, DESCRIPTION, BODY, HEAD)


@dataclass(frozen=True)
class Shell:
    """A page of the theme cut at its slots: ``parts[0] slot[0] parts[1] slot[1] … parts[-1]``."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]

    @classmethod
    def of(cls, html: str, canonical: str = "") -> Shell:
        """The shell in ``html``, the theme's rendering of a ``shell_page``; ``canonical`` is the
        absolute address the theme wrote for it (rel="canonical"), if any."""
        if canonical:
            html = html.replace(f'"{canonical}"', f'"{CANONICAL}"')
        parts, slots, start = [], [], 0
        while True:
            found = [(html.find(slot, start), slot) for slot in SLOTS if html.find(slot, start) >= 0]
            if not found:
                break
            position, slot = min(found)
            parts.append(html[start:position])
            slots.append(slot)
            start = position + len(slot)
        parts.append(html[start:])
        missing = {BODY, HEAD, TITLE} - set(slots)
        if missing:
            raise ValueError(f"the theme's page has no place for {', '.join(sorted(missing))}")
        return cls(tuple(parts), tuple(slots))

    def fill(self, page: Page, site_url: str) -> str:
        """``page`` as a whole HTML document."""
        values = {TITLE: esc(page.title), DESCRIPTION: esc(page.description), HEAD: page.head, BODY: page.body,
                  CANONICAL: esc(site_url + page.url)}
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out += [values[slot], part]
        return "".join(out)


def write(folder: Path, files: Iterable[tuple[Address, str | bytes]], removed: Iterable[Address] = ()) -> int:
    """Write ``files`` (each output's address and text or bytes, made one at a time) into ``folder`` and
    delete what the ``removed`` outputs had written there, with the folders that leaves empty; how
    many files were written."""
    made: set[str] = set()
    count = 0
    for address, text in files:
        count += 1
        path = os.path.join(folder, address.file)
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if isinstance(text, bytes):
            with open(path, "wb") as binary:
                binary.write(text)
            continue
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
    for address in removed:
        gone = folder / address.file
        gone.unlink(missing_ok=True)
        for folder_left in gone.parents:
            if folder_left == folder or any(folder_left.iterdir()):
                break
            folder_left.rmdir()
    return count
