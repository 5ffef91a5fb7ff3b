"""MkDocs adapter: runs the newsarchive core and hands MkDocs what it produced.

The only module that imports MkDocs. It keeps no state between builds (MkDocs does not reload
hooks on `mkdocs serve`) beyond whether the process serves a preview and the search indexing of
the build under way, which a failed build stops. It imports the core at the top because MkDocs
puts hooks/ on sys.path only while this file is first executed.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from newsarchive.files import Repository
from newsarchive.permalinks import MANIFEST, internal, manifest
from newsarchive.preview import ENV as PREVIEW_ENV
from newsarchive.preview import Preview, PreviewError
from newsarchive.problems import Problem, counts, failed
from newsarchive.render.html import compact, plural
from newsarchive.render.search import search_bundles
from newsarchive.settings import Settings, SettingsError
from newsarchive.site import build, link_problems
from search_index import SearchIndex, SearchIndexError

log = logging.getLogger("mkdocs.hooks.archive")
STARTED = time.time()
"""When this process loaded the hook; a preview build always includes files edited after it."""
INDEXING: list[SearchIndex] = []
"""The search index of the build under way, started by on_files and written by on_post_build."""
SERVING: list[bool] = []
"""Whether this process runs `mkdocs serve` (set once, by on_startup)."""


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this process serves a preview: only then do pages show the content's problems."""
    SERVING[:] = [command == "serve"]


def on_pre_build(config: MkDocsConfig) -> None:
    """Refuse links under docs/ that lead out of the repository before MkDocs walks docs/ (it
    follows links into folders) and copies what they point to into the site."""
    settings = _settings(config)
    problems = link_problems(Repository(settings.root), settings)
    _log(problems)
    if problems:
        raise PluginError(f"{plural(len(problems), 'link')} out of the repository (listed above); "
                          "replace each with the file itself")


@event_priority(50)  # before plugins' on_files, so mkdocs-redirects can target generated pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not config.use_directory_urls:
        raise PluginError("the archive's permanent URLs need 'use_directory_urls: true' in mkdocs.yml")
    settings = _settings(config)
    try:
        preview = Preview.from_setting(os.environ.get(PREVIEW_ENV), STARTED)
    except PreviewError as exc:
        raise PluginError(str(exc)) from exc
    hand_written = {file.src_uri: file.url for file in files.documentation_pages()}
    site = build(settings, hand_written, preview, show_problems=bool(SERVING and SERVING[0]))
    loaded = site.loaded
    _log(loaded.problems)
    for path in loaded.drafts:
        log.info("%s: info: a draft (draft: true), left out of the site", path)
    for path in loaded.future:
        log.info("%s: info: dated after today (%s, time zone %s), published on its date",
                 path, settings.today(), settings.time_zone)
    if loaded.left_out:
        log.info("Left out of the site because of their errors: %s", ", ".join(loaded.left_out))
    if config.strict and failed(loaded.problems):
        raise PluginError(f"{counts(loaded.problems)} in the roundups (listed above); fix the errors and rebuild")
    for output in site.outputs:
        if (hidden := files.get_file_from_path(output.uri)) is not None:
            files.remove(hidden)  # reported by the core
        generated = File.generated(config, output.uri, content=output.content, inclusion=InclusionLevel.NOT_IN_NAV)
        generated.archive_page = output.page  # type: ignore[attr-defined]  # read by on_page_content
        files.append(generated)
    log.info("Archive: %s", site.summary())
    _stop_indexing()
    INDEXING.append(SearchIndex(search_bundles(loaded.archive), settings.language))
    return files


def _settings(config: MkDocsConfig) -> Settings:
    try:
        return Settings.from_config(config, Path(config.config_file_path))
    except SettingsError as exc:
        raise PluginError(str(exc)) from exc


def _log(problems: list[Problem]) -> None:
    """Errors at ERROR, which a strict build counts; warnings and suggestions at INFO, which no
    build counts (problems.failed is the one rule of what fails)."""
    for problem in problems:
        log.log(logging.ERROR if failed([problem]) else logging.INFO, "%s", problem)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give a generated page the core's HTML body and head (the theme prints ``na_head``)."""
    rendered = getattr(page.file, "archive_page", None)
    if rendered is None:
        return html
    page.meta["na_head"] = rendered.head
    return rendered.body


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page without the template's indentation: a tenth of a generated page's bytes."""
    return compact(output)


@event_priority(-100)  # after every plugin's on_post_build: mkdocs-redirects writes its pages there
def on_post_build(config: MkDocsConfig) -> None:
    """Write the search index into site_dir/pagefind/, then the permalinks manifest: the URL of
    every file the build wrote, redirect pages included (also on every `mkdocs serve` rebuild)."""
    start = time.perf_counter()
    index = INDEXING.pop()
    try:
        index.write(Path(config.site_dir) / "pagefind")
    except SearchIndexError as exc:
        raise PluginError(f"Search index: {exc}") from exc
    log.info("Search index: %d records (%d bundles) in %.2f s, %.2f s of it after the pages",
             index.records, len(index.bundles), time.perf_counter() - index.started, time.perf_counter() - start)
    paths: list[str] = []
    folders = [""]  # relative to site_dir, with a trailing "/"; internal folders are not entered
    while folders:
        folder = folders.pop()
        with os.scandir(os.path.join(config.site_dir, folder)) as entries:
            for entry in entries:
                path = folder + entry.name
                if not entry.is_dir():
                    paths.append(path)
                elif not internal(path):
                    folders.append(f"{path}/")
    Path(config.site_dir, MANIFEST).write_text(manifest(paths, config.site_url or ""), encoding="utf-8")


def on_build_error(error: Exception) -> None:
    _stop_indexing()


def _stop_indexing() -> None:
    while INDEXING:
        INDEXING.pop().cancel()
