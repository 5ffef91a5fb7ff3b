"""Permalinks never break: the manifest of every URL a build produced, and its comparison with
the manifest of the site deployed before.

A URL of the deployed site that the new build no longer produces must be listed in the
``redirects`` plugin's ``redirect_maps`` in mkdocs.yml (mkdocs-redirects), which then writes a
page at the old address that forwards readers to the new one.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

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


def _fetch(source: str) -> str | None:
    """A manifest's text from a file or an http(s) address; None when the address answers 404."""
    if not source.startswith(("http://", "https://")):
        return Path(source).read_text(encoding="utf-8")
    try:
        with urllib.request.urlopen(source, timeout=30) as response:  # noqa: S310 (http(s) only, checked above)
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def main(argv: list[str]) -> int:
    """Compare two manifests; return 1 when a URL of the old one disappears without a redirect."""
    parser = argparse.ArgumentParser(
        prog="scripts/check-permalinks",
        description="Fail when a URL of the deployed site disappears from the new build without a redirect.",
    )
    parser.add_argument("old", help=f"the deployed site's manifest: a file, or its address (…/{MANIFEST}); "
                                    "a 404 there means nothing was deployed yet")
    parser.add_argument("new", help=f"the new build's manifest, e.g. site/{MANIFEST}")
    parser.add_argument("--redirects", metavar="MKDOCS_YML", help="mkdocs.yml, whose redirect_maps count as kept URLs")
    args = parser.parse_args(argv)
    try:
        old_text = _fetch(args.old)
        new = read_manifest(Path(args.new).read_text(encoding="utf-8"))
        if old_text is None:
            print(f"No manifest at {args.old} (404): nothing deployed yet, so no URL can disappear.")
            return 0
        old = read_manifest(old_text)
        redirects = redirected(Path(args.redirects).read_text(encoding="utf-8")) if args.redirects else set()
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"check-permalinks: {error}", file=sys.stderr)
        return 2
    missing = broken(old, new, redirects)
    for url in missing:
        print(f"{url}: published by the deployed site, gone from this build and not redirected")
    if missing:
        print(f"{len(missing)} URLs of the deployed site would break. Restore the pages, or send readers on to "
              "their new address in mkdocs.yml:\n  plugins:\n    - redirects:\n        redirect_maps:")
        print("\n".join(f"          {redirect_key(url)}: <new page>/index.md" for url in missing))
        return 1
    print(f"All {len(old)} URLs of the deployed site are kept ({len((old - new) & redirects)} by a redirect).")
    return 0
