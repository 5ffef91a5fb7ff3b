"""Permalinks never break: the manifest of every URL a build's site answers, and its comparison
with the manifest of the site deployed before.

The manifest is made from what the build actually wrote into site_dir, after every plugin: the
generated and hand-written pages, mkdocs-redirects' pages at old addresses, feeds, sitemaps,
robots.txt, images and other files. Only the theme's and the search engine's own files, whose
names change with their versions, are left out. A URL of the deployed site that the new build no
longer answers must be listed in the ``redirects`` plugin's ``redirect_maps`` in mkdocs.yml, which
then writes a page at the old address that forwards readers to the new one, and so lists it again.
``scripts/check-permalinks`` reads the two manifests and applies these rules.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from . import urls
from .urls import Address

INTERNAL = frozenset({"assets", "javascripts", urls.SEARCH.rstrip("/"), "search", "stylesheets"})
"""Top-level folders of site_dir that hold the theme's, the search engine's and the site's own
scripts and styles: their file names change with versions and nobody links to them."""


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


def manifest(paths: Iterable[str], site_url: str) -> str:
    """The manifest, as JSON, of a site whose site_dir holds the files ``paths`` (relative, with
    ``/``): the URL of each one that is not internal, and of the manifest itself."""
    found = {path for path in map(permalink, paths) if path is not None} | {Address(urls.PERMALINKS).path}
    return json.dumps({"site_url": site_url, "urls": sorted(found)}, ensure_ascii=False, indent=0) + "\n"


def read_manifest(text: str) -> set[str]:
    """The URLs listed in a manifest; ValueError, saying what is wrong, for anything else."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("not a permalinks manifest: JSON nested too deeply") from None
    except ValueError as error:
        raise ValueError(f"not a permalinks manifest: invalid JSON ({error})") from None
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(data), "a number")
        raise ValueError(f"not a permalinks manifest: JSON {kind}, not an object with a 'urls' list")
    listed = data.get("urls")
    if not isinstance(listed, list) or not all(isinstance(url, str) for url in listed):
        raise ValueError("not a permalinks manifest: its 'urls' is not a list of strings")
    return set(listed)


def broken(old: set[str], new: set[str]) -> list[str]:
    """URLs of the old site that the new one no longer answers."""
    return sorted(old - new)
