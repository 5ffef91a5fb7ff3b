"""Permalinks never break: the manifest of every URL a build's site answers, and its comparison
with the manifest of the site deployed before.

The manifest is made from what the build actually wrote into site_dir, after every plugin: the
generated and hand-written pages, mkdocs-redirects' pages at old addresses, feeds, sitemaps,
robots.txt, images and other files. Only the theme's and the search engine's own files, whose
names change with their versions, are left out. A URL of the deployed site that the new build no
longer answers must be listed in the ``redirects`` plugin's ``redirect_maps`` in mkdocs.yml, which
then writes a page at the old address that forwards readers to the new one, and so lists it again.

It also lists the address of every story the build published (``/2024/03/12/#xiaomi-sets-a-date``,
made from its headline unless the headline ends with ``{#anchor}``), with the file of each
roundup page, and the stories mkdocs.yml says were removed on purpose (``extra.archive.removed``):
a story's address is as permanent as a page's. A story whose page is gone is covered by that
page (a redirect carries the ``#anchor`` to the new address); a story whose page is still a
roundup must keep its anchor there, or be listed as removed. A manifest written before stories
were listed (only ``urls``) is read as one without stories.
``scripts/check-permalinks`` reads the two manifests and applies these rules.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .archive import Archive
from .urls import Address

INTERNAL = frozenset({"assets", "javascripts", urls.SEARCH.rstrip("/"), "search", "stylesheets",
                      urls.SHARE.rstrip("/")})
"""Top-level folders of site_dir that hold the theme's, the search engine's and the site's own
scripts and styles, whose file names change with versions and nobody links to them, and the
pictures made for sharing pages, which come and go with what they show (a page names its own)."""


def internal(folder: str) -> bool:
    """Whether the folder at ``folder`` (relative to site_dir, with ``/``) holds no permalinks:
    a walk of site_dir need not enter it."""
    return folder in INTERNAL


def permalink(file: str) -> str | None:
    """The path at which the site answers with the file at ``file`` (relative to site_dir, with
    ``/``): ``2024/03/12/index.html`` -> ``/2024/03/12/``, ``404.html`` and ``feed.xml`` as they
    are; None for a file of an :func:`internal` folder."""
    top, slash, _ = file.partition("/")
    if slash and internal(top):
        return None
    return Address.of_file(file).path


def site_paths(site: Path) -> list[str]:
    """Every file in the built ``site`` (relative, with ``/``), the :func:`internal` folders not
    entered (Pagefind's alone hold 30,000 files at ten years)."""
    paths: list[str] = []
    folders = [""]  # relative to site, with a trailing "/"
    while folders:
        folder = folders.pop()
        with os.scandir(site / folder) as entries:
            for entry in entries:
                path = folder + entry.name
                if not entry.is_dir():
                    paths.append(path)
                elif not internal(path):
                    folders.append(f"{path}/")
    return paths


def published_roundups(archive: Archive) -> dict[str, str]:
    """The page of every roundup the build published, by its path on the site, with the file it
    is made from (``/2024/03/12/``: ``roundups/2024/2024-03-12.md``)."""
    return {urls.site_path(urls.roundup_url(roundup)): roundup.path for roundup in archive.roundups}


def published_stories(archive: Archive) -> list[str]:
    """The address of every story the build published: ``/2024/03/12/#xiaomi-sets-a-date``."""
    return [urls.site_path(urls.story_url(roundup, story)) for roundup in archive.roundups
            for story in roundup.stories]


@dataclass(frozen=True)
class Manifest:
    """What a site answers: its files and pages, and the places of its stories."""

    urls: frozenset[str]
    """The path of every page and file: ``/2024/03/12/``, ``/feed.xml``."""
    stories: frozenset[str]
    """The address of every story: ``/2024/03/12/#xiaomi-sets-a-date``."""
    roundups: Mapping[str, str]
    """The file each roundup page is made from, by the page's path."""
    removed: frozenset[str]
    """The addresses of stories removed on purpose (``extra.archive.removed`` in mkdocs.yml)."""


def manifest(paths: Iterable[str], site_url: str, archive: Archive, removed: Iterable[str] = ()) -> str:
    """The manifest, as JSON, of a site whose site_dir holds the files ``paths`` (relative, with
    ``/``): the URL of each one that is not internal, and of the manifest itself; the roundups
    and stories of the ``archive`` the build published; the stories ``removed`` on purpose."""
    found = {path for path in map(permalink, paths) if path is not None} | {Address(urls.PERMALINKS).path}
    published = {
        "site_url": site_url,
        "urls": sorted(found),
        "roundups": dict(sorted(published_roundups(archive).items())),
        "stories": sorted(published_stories(archive)),
        "removed": sorted(set(removed)),
    }
    return json.dumps(published, ensure_ascii=False, indent=0) + "\n"


def read_manifest(text: str) -> Manifest:
    """The manifest in ``text``; ValueError, saying what is wrong, for anything else. One written
    before stories were listed has only ``urls``."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("not a permalinks manifest: JSON nested too deeply") from None
    except ValueError as error:
        raise ValueError(f"not a permalinks manifest: invalid JSON ({error})") from None
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(data), "a number")
        raise ValueError(f"not a permalinks manifest: JSON {kind}, not an object with a 'urls' list")
    listed = {"urls": data.get("urls"), "stories": data.get("stories", []), "removed": data.get("removed", [])}
    for key, value in listed.items():
        if not isinstance(value, list) or not all(isinstance(url, str) for url in value):
            raise ValueError(f"not a permalinks manifest: its '{key}' is not a list of strings")
    roundups = data.get("roundups", {})
    if not isinstance(roundups, dict) or not all(isinstance(file, str) for file in roundups.values()):
        raise ValueError("not a permalinks manifest: its 'roundups' is not an object of file names")
    return Manifest(frozenset(listed["urls"]), frozenset(listed["stories"]), roundups, frozenset(listed["removed"]))


def broken(old: Manifest, new: Manifest) -> list[str]:
    """The pages and files of the old site that the new one no longer answers."""
    return sorted(old.urls - new.urls)


def broken_stories(old: Manifest, new: Manifest) -> list[str]:
    """The addresses of the old site's stories that the new one no longer answers on a roundup's
    page: a story whose page is gone is named with its page (:func:`broken`), and one whose page
    the new site answers with a page that is no roundup's (a redirect) follows it, ``#anchor`` and
    all, to the roundup's new address."""
    stories = (old.stories | old.removed) - new.stories - new.removed
    return sorted(story for story in stories if story_anchor(story) and story_page(story) in new.roundups)


def story_page(address: str) -> str:
    """The page of a story's address (``/2024/03/12/#byd``: ``/2024/03/12/``)."""
    return address.partition("#")[0]


def story_anchor(address: str) -> str:
    """The anchor of a story's address (``/2024/03/12/#byd``: ``byd``), or ``""`` for a page's."""
    return address.partition("#")[2]
