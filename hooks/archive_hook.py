"""MkDocs adapter: runs the newsarchive core and hands MkDocs what it produced.

The only module that imports MkDocs. MkDocs does not reload hooks on `mkdocs serve`: a build keeps
no state, but a preview served with `--dirty` (`make serve`) keeps its site between rebuilds
(newsarchive.incremental), so a saved roundup shows in seconds, and MkDocs renders again only the
pages whose output changed. It imports the core at the top because MkDocs puts hooks/ on sys.path
only while this file is first executed.
"""

from __future__ import annotations

import gc
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from newsarchive import urls
from newsarchive.files import Repository
from newsarchive.incremental import Rebuild, Workspace
from newsarchive.permalinks import MANIFEST, manifest, site_paths
from newsarchive.problems import Problem, counts, failed
from newsarchive.publish import DEEPEST, SHELL_FOLDER, Shell, depth, shell_page, write
from newsarchive.reading import link_problems
from newsarchive.render.html import compact, plural
from newsarchive.render.layout import Page as ArchivePage
from newsarchive.render.search import search_bundles
from newsarchive.settings import Settings, SettingsError
from newsarchive.site import page_document, summary
from newsarchive.urls import source_uri
from search_index import SearchIndex, SearchIndexError

log = logging.getLogger("mkdocs.hooks.archive")
HOOK = "archive_hook.py"
"""How MkDocs names this hook in File.generated_by (its path as mkdocs.yml writes it)."""
INDEXING: list[SearchIndex] = []
"""The search index of the build under way, started by on_files and written by on_post_build (in
a preview's rebuild, after it: the next rebuild stops it if it is still running)."""
SERVING: list[Workspace | None] = []
"""Set once by on_startup when this process runs `mkdocs serve`: the preview's workspace, kept
between rebuilds when it serves with --dirty (else None: every rebuild starts afresh)."""
KEPT: dict[str, File] = {}
"""A preview's files of the generated pages MkDocs does not render, by URI (see ``_kept``)."""
BUILD: list[Build] = []
"""The build under way: what on_files made, for the events after it."""


@dataclass
class Build:
    workspace: Workspace
    rebuild: Rebuild
    settings: Settings
    hand_written: dict[str, str]
    themed: dict[str, ArchivePage]
    """Generated pages the theme renders itself (the home page, those in the nav), by URI: the
    others are laid into the shells."""
    shells: dict[int, Shell] = field(default_factory=dict)
    """The theme's page for each depth of address, read from the shell pages MkDocs renders."""
    search_later: bool = False
    """A preview's rebuild: the pages show before their search bundle is written."""


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this process serves a preview: only then do pages show the content's problems."""
    if command == "serve":
        SERVING[:] = [Workspace(preview=True) if dirty else None]


def _preview_rebuild() -> bool:
    """Whether the build starting is a rebuild of a preview that keeps its workspace."""
    return bool(SERVING and SERVING[0] and SERVING[0].last)


def on_pre_build(config: MkDocsConfig) -> None:
    """Refuse links under docs/ that lead out of the repository before MkDocs walks docs/ (it
    follows links into folders) and copies what they point to into the site.

    A preview's rebuild runs without Python's cycle collector, which would walk the whole archive
    the preview keeps (a third of a second at ten years) for the little a rebuild leaves: it runs
    again after the rebuild."""
    if _preview_rebuild():
        gc.disable()
    settings = _settings(config)
    problems = link_problems(Repository(settings.root), settings)
    _log(problems)
    if problems:
        raise PluginError(f"{plural(len(problems), 'link')} out of the repository (listed above); "
                          "replace each with the file itself")


@event_priority(50)  # before plugins' on_files, so mkdocs-redirects can target generated pages
def _add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    if not config.use_directory_urls:
        raise PluginError("the archive's permanent URLs need 'use_directory_urls: true' in mkdocs.yml")
    settings = _settings(config)
    hand_written = {file.src_uri: file.url for file in files.documentation_pages()}
    search_later = _preview_rebuild()
    workspace = SERVING[0] if SERVING and SERVING[0] else Workspace()
    loading = workspace.load(settings, _environment(config))
    # Pagefind indexes on the second core from now on, while the pages are rendered and written,
    # the bundles of this change and those an earlier rebuild's index had not written yet.
    unwritten, only = _stop_indexing(), loading.bundles
    only = None if only is None or unwritten is None else only | unwritten
    INDEXING.append(SearchIndex(search_bundles(loading.loaded.archive), settings.language, only))
    rebuild = workspace.plan(loading, settings, hand_written)
    if not SERVING:
        # The archive just read lives as long as the build: Python's cycle collector need not walk
        # it again at each full collection while the pages are rendered (a second at ten years).
        gc.freeze()
    loaded = rebuild.loaded
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
    # The theme renders the home page and the pages in the nav (their tab shows as the current
    # one) and the shells; on_post_build lays every other page into its shell and writes it. Every
    # output is a file MkDocs knows, so that links from docs/ and mkdocs-redirects can lead to it.
    plan, in_nav = rebuild.plan, {source_uri(urls.HOME), *_nav_sources(config.nav)}
    themed_units = [unit for unit, uris in plan.uris.items() if in_nav & set(uris)]
    start = time.perf_counter()
    themed = {o.uri: o.page for o in workspace.outputs(rebuild, settings, themed_units, hand_written.values(),
                                                         bool(SERVING), every=True, sitemaps=False) if o.page}
    loaded.timings["render the theme's pages"] = time.perf_counter() - start
    themed |= {source_uri(page.url): page for page in map(shell_page, range(1, DEEPEST + 1))}
    BUILD[:] = [Build(workspace, rebuild, settings, hand_written, themed, search_later=search_later)]
    under_docs = {file.src_uri: file for file in files}
    for uri in dict.fromkeys([*plan.all(), *themed]):
        if (hidden := under_docs.get(uri)) is not None:
            files.remove(hidden)  # reported by the core
        page = themed.get(uri)
        inclusion = InclusionLevel.NOT_IN_NAV if uri.endswith(".md") else InclusionLevel.EXCLUDED
        if page is None and SERVING:
            generated = _kept(config, uri, inclusion)
        else:
            generated = File.generated(config, uri, content=page_document(page) if page else "", inclusion=inclusion)
        generated.archive_page = page  # type: ignore[attr-defined]  # read by on_page_content
        files.append(generated)
    for gone in KEPT.keys() - plan.all():
        del KEPT[gone]
    log.info("Archive: %s", summary(loaded, plan))
    return files


def _kept(config: MkDocsConfig, uri: str, inclusion: InclusionLevel) -> File:
    """The File of a generated page MkDocs does not render, kept from the last rebuild of a
    preview when it can be (making one parses its path: ten years have 11,000)."""
    kept = KEPT.get(uri)
    if kept is None or kept.dest_dir != config.site_dir or kept.use_directory_urls != config.use_directory_urls:
        kept = KEPT[uri] = File.generated(config, uri, content="", inclusion=inclusion)
    kept.inclusion = inclusion  # the last rebuild's on_files excluded it
    return kept


def _nav_sources(nav: object) -> set[str]:
    """The source files the nav of mkdocs.yml names (``archive/index.md``)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return {source for value in nav.values() for source in _nav_sources(value)}
    if isinstance(nav, list):
        return {source for item in nav for source in _nav_sources(item)}
    return set()


@event_priority(-100)  # after every plugin's on_files: mkdocs-redirects has seen the generated pages
def _leave_generated_pages_to_the_archive(files: Files, config: MkDocsConfig) -> Files:
    """Leave the generated pages the theme does not render out of MkDocs' own work (its nav,
    which makes an object of each page, and its rendering): the archive writes them itself."""
    themed = BUILD[0].themed
    for file in files.documentation_pages():
        if file.generated_by and file.generated_by.endswith(HOOK) and file.src_uri not in themed:
            file.inclusion = InclusionLevel.EXCLUDED
    return files


on_files = CombinedEvent(_add_generated_files, _leave_generated_pages_to_the_archive)


class _WrittenByTheArchive(logging.Filter):
    """MkDocs tells at INFO that a link from docs/ leads to a file "excluded from the built site"
    when the file is one the archive writes itself: true for MkDocs, wrong for a reader."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (BUILD and "which is excluded from the built site" in record.getMessage())


logging.getLogger("mkdocs.structure.pages").addFilter(_WrittenByTheArchive())


def _environment(config: MkDocsConfig) -> tuple[float, ...]:
    """What every page depends on besides the archive: mkdocs.yml and the theme's own templates.
    When one of them changes, a preview renders every page again."""
    theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    templates = sorted(theme.rglob("*.html")) if theme else []
    return tuple(path.stat().st_mtime for path in (Path(config.config_file_path), *templates))


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


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, kept between a preview's rebuilds: MkDocs
    makes a new template environment for each build, which would compile them all again (a
    template whose source changed is compiled again: Jinja checks each one's checksum)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.kept.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledTemplates()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if SERVING:
        env.bytecode_cache = COMPILED
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give a generated page the core's HTML body and head (the theme prints ``na_head``)."""
    rendered = getattr(page.file, "archive_page", None)
    if rendered is None:
        return html
    page.meta["na_head"] = rendered.head
    return rendered.body


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page without the template's indentation (a tenth of a page's bytes); a shell is kept."""
    output = compact(output)
    rendered = getattr(page.file, "archive_page", None)
    if rendered is not None and rendered.url.startswith(SHELL_FOLDER):
        BUILD[0].shells[depth(rendered.url)] = Shell.of(output, page.canonical_url or "")
    return output


@event_priority(-100)  # after every plugin's on_post_build: mkdocs-redirects writes its pages there
def on_post_build(config: MkDocsConfig) -> None:
    """Write the generated pages (laid into their shells) and files that changed, remove those
    gone, write the search index, then the permalinks manifest: the URL of every file the build
    wrote, redirect pages included (also on every `mkdocs serve` rebuild, after its pages)."""
    build, site_dir = BUILD.pop(), Path(config.site_dir)
    shutil.rmtree(site_dir / SHELL_FOLDER, ignore_errors=True)
    rebuild = build.rebuild
    units = [unit for unit in rebuild.units if not set(rebuild.plan.uris[unit]) & build.themed.keys()]
    outputs = build.workspace.outputs(rebuild, build.settings, units, build.hand_written.values(), bool(SERVING))
    written = ((o.uri, build.shells[depth(o.page.url)].fill(o.page, config.site_url or "") if o.page else o.content)
               for o in outputs)
    start = time.perf_counter()
    count = write(site_dir, written, rebuild.removed)
    log.info("Archive pages: %s written, %d removed in %.2f s", plural(count, "file"), len(rebuild.removed),
             time.perf_counter() - start)
    permalinks = partial(_write_manifest, site_dir, config.site_url or "")
    if build.search_later:
        INDEXING[-1].write_later(site_dir / "pagefind", partial(_written_later, INDEXING[-1], permalinks))
        gc.enable()  # off since on_pre_build
        return
    start = time.perf_counter()
    index = INDEXING.pop()
    try:
        index.write(site_dir / "pagefind")
    except SearchIndexError as exc:
        raise PluginError(f"Search index: {exc}") from exc
    log.info("Search index: %d records (%d bundles) in %.2f s, %.2f s of it after the pages",
             index.records, len(index.bundles), time.perf_counter() - index.started, time.perf_counter() - start)
    permalinks()


def _write_manifest(site_dir: Path, site_url: str) -> None:
    (site_dir / MANIFEST).write_text(manifest(site_paths(site_dir), site_url), encoding="utf-8")


def _written_later(index: SearchIndex, then: Callable[[], None], error: Exception | None) -> None:
    """Tell the author how a preview's search index, written after its pages, went; ``then``
    write the permalinks manifest (a preview shows a saved roundup without waiting for either)."""
    if error is not None:
        log.error("Search index: %s; save again to retry", error)
    else:
        log.info("Search index: %d records (%d bundles) in %.2f s, written after the pages",
                 index.records, len(index.bundles), time.perf_counter() - index.started)
    try:
        then()
    except OSError as exc:  # the next rebuild, started meanwhile, writes it again
        log.debug("Permalinks manifest not written: %s", exc)


def on_build_error(error: Exception) -> None:
    gc.enable()
    BUILD.clear()
    _stop_indexing()


def _stop_indexing() -> set[str] | None:
    """Stop the search indexes still running: the bundles they had not written (None: all)."""
    unwritten: set[str] | None = set()
    while INDEXING:
        left = INDEXING.pop().cancel()
        unwritten = None if unwritten is None or left is None else unwritten | left
    return unwritten
