"""Permalinks never break: the manifest of every URL a build produced, and its comparison with
the manifest of the site deployed before.

A URL of the deployed site that the new build no longer produces must be listed in the
``redirects`` plugin's ``redirect_maps`` in mkdocs.yml (mkdocs-redirects), which then writes a
page at the old address that forwards readers to the new one. ``scripts/check-permalinks`` reads
the two manifests and applies these rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import yaml

MANIFEST = "permalinks.json"
"""Where the manifest is published, next to the home page."""


def url_of(src_uri: str) -> str:
    """The site URL (``/2024/03/12/``) MkDocs publishes a file at, with ``use_directory_urls``.

    The same rule serves the build's outputs and the old paths of ``redirect_maps``.
    """
    if not src_uri.endswith(".md"):
        return f"/{src_uri}"
    stem = src_uri.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"/{folder}/" if folder else "/"
    return f"/{stem}/"


def redirect_key(url: str) -> str:
    """The ``redirect_maps`` key that redirects ``url``: the inverse of :func:`url_of` for pages."""
    return f"{url.removeprefix('/')}index.md" if url.endswith("/") else url.removeprefix("/")


def manifest(src_uris: Iterable[str], other_pages: Iterable[str], site_url: str) -> str:
    """The manifest, as JSON, of a build whose generated files are ``src_uris`` and whose
    hand-written pages have the site-relative URLs ``other_pages`` (``about/``)."""
    urls = sorted({url_of(uri) for uri in (*src_uris, MANIFEST)} | {f"/{url}" for url in other_pages})
    return json.dumps({"site_url": site_url, "urls": urls}, ensure_ascii=False, indent=0) + "\n"


def read_manifest(text: str) -> set[str]:
    """The URLs listed in a manifest."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("urls"), list):
        raise ValueError("not a permalinks manifest (a JSON object with a 'urls' list)")
    return {str(url) for url in data["urls"]}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything: MkDocs' ``!!python/…`` and ``!ENV`` tags read as null."""


_ConfigLoader.add_multi_constructor("", lambda loader, tag, node: None)


def redirected(config_text: str) -> set[str]:
    """The old URLs that mkdocs.yml redirects (the keys of the redirects plugin's ``redirect_maps``)."""
    config = yaml.load(config_text, Loader=_ConfigLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("redirects"), dict):
            return {url_of(str(old)) for old in plugin["redirects"].get("redirect_maps") or {}}
    return set()


def broken(old: set[str], new: set[str], redirects: set[str]) -> list[str]:
    """URLs of the old site that the new one neither publishes nor redirects."""
    return sorted(old - new - redirects)
