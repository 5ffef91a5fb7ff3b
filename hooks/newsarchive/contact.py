"""Where readers report errors, in the pages written by hand.

The address has one home, ``extra.archive.contact`` in mkdocs.yml (settings.py). A page under
docs/ writes ``{{ contact }}`` where it gives it (the standards page, the About page), and the
adapter puts the address there, as a link, when MkDocs reads the page. A page that asks for it
while mkdocs.yml sets none is an error at that line: the check, the build and the preview say so.
"""

from __future__ import annotations

import os
from pathlib import Path

from .files import Repository, Unreadable
from .problems import Problem
from .settings import CONFIG_FILE, Settings
from .urls import MARKDOWN

TOKEN = "{{ contact }}"  # noqa: S105 - a placeholder in a page, not a secret
PAGE_BYTES = 1024 * 1024
"""A page written by hand, read to find the token (the author guide is 40 KB)."""


def filled(markdown: str, contact: str) -> str:
    """A hand-written page's Markdown with the contact address, as a link, for each token."""
    return markdown.replace(TOKEN, f"<{contact}>") if contact else markdown


def contact_problems(repository: Repository, settings: Settings) -> list[Problem]:
    """Each line of a page under docs/ that gives the contact address when mkdocs.yml sets none."""
    if settings.contact:
        return []
    found = []
    for page in _pages(settings.docs_path):
        try:
            text = repository.read(page, PAGE_BYTES).decode("utf-8", errors="replace")
        except (Unreadable, OSError):
            continue  # what cannot be published is reported by reading.link_problems
        where = page.relative_to(settings.root).as_posix()
        found += [Problem(where, number, "contact", f"'{TOKEN}' stands for the contact address, but {CONFIG_FILE} "
                          "sets none", "add 'contact: corrections@example.com' (your address) under 'extra:', "
                          f"'archive:' in {CONFIG_FILE}")
                  for number, line in enumerate(text.splitlines(), start=1) if TOKEN in line]
    return found


def _pages(docs: Path) -> list[Path]:
    """The pages under ``docs`` MkDocs renders, in path order (names starting with '.' are not published)."""
    pages = []
    for directory, folders, names in os.walk(docs):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        pages += [Path(directory, name) for name in sorted(names)
                  if not name.startswith(".") and Path(name).suffix.lower() in MARKDOWN]
    return pages
