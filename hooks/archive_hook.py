"""MkDocs adapter: runs the newsarchive core and hands MkDocs what it produced.

The only module that imports MkDocs. Its state lives on one object, ``ArchivePlugin``: MkDocs
loads a hook file once per process and keeps it across the rebuilds of `mkdocs serve` (hooks are
not reloaded), so the instance made here lives as long as the process, as a plugin with an
``on_startup`` event would. A build keeps nothing from one build to the next but the preview's
workspace (`make serve`, `mkdocs serve --dirty`), so a saved roundup shows in seconds. The core is
imported at the top because MkDocs puts hooks/ on sys.path only while this file is first executed.

The MkDocs events it uses, and why:
- ``on_startup``: whether this process serves a preview, and with ``--dirty`` a kept workspace.
- ``on_config``: the archive's settings, read once per build from the configuration.
- ``on_pre_build``: refuse what under docs/ MkDocs must not copy (links out of it, pipes, active
  files, unsafe images), before it walks docs/; a preview's rebuild runs without the cycle collector.
- ``on_files`` (priority 50, before other plugins, so mkdocs-redirects can lead to generated
  pages): read, check and plan the archive and register every output as a File; the theme renders
  the home page, the pages in the nav and one shell page per depth; the lead images of roundups
  not on the site leave it; in a preview's rebuild, the outputs from docs/ that MkDocs' --dirty
  build would keep stale are removed (``_renew_kept_site``). At priority -100 (after every
  plugin): the other generated pages leave MkDocs' nav and rendering (the archive writes them).
- ``on_env``: the templates get the site's addresses (urls.SECTIONS) and the "not found" page the
  latest headlines; the compiled templates are kept for the process's next build (a preview's
  rebuild); generated files other than pages leave MkDocs' copying, once links from docs/ to them
  were resolved (they are files of the site, which the archive writes).
- ``on_page_markdown``: a page written by hand gets the contact address of mkdocs.yml (contact.py).
- ``on_page_content``: a generated page gets the core's body and head.
- ``on_post_page``: every page without the template's indentation; the shells are read.
- ``on_post_build`` (priority -100, after mkdocs-redirects writes its pages): the other pages laid
  into their shells and written (then the workspace counts the build as written whole), then the
  search index and the permalinks manifest.
- ``on_build_error``: the search index stopped, the collector back on.
"""

from __future__ import annotations

import gc
import logging
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from newsarchive import urls
from newsarchive.archive import Archive
from newsarchive.contact import filled
from newsarchive.files import Repository
from newsarchive.incremental import Rebuild, Workspace
from newsarchive.permalinks import manifest, site_paths
from newsarchive.problems import Problem, counts, failed, printable
from newsarchive.publish import DEEPEST, Shell, shell_page, write
from newsarchive.publishable import unpublished_images
from newsarchive.reading import Signature, link_problems, signature
from newsarchive.render.html import compact, plural
from newsarchive.render.layout import Page as ArchivePage
from newsarchive.render.not_found import latest_headlines
from newsarchive.render.search import search_bundles
from newsarchive.render.units import Unit
from newsarchive.settings import Settings, SettingsError
from newsarchive.site import load, page_document, summary
from newsarchive.urls import Address
from search_index import SearchIndex, SearchIndexError
from theme_assets import (
    Palette,
    Stylesheet,
    automatic_scheme,
    is_stylesheet,
    left_out,
    stylesheet_order,
    trimmed,
    with_palettes,
    without_empty_places,
)

log = logging.getLogger("mkdocs.hooks.archive")


class _OnOneLine(logging.Filter):
    """Every line the archive logs shows line breaks and control characters escaped: a title or a
    file name from the content cannot start a line of its own in a CI log (``::error file=…``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = printable(record.getMessage()), None
        return True


log.addFilter(_OnOneLine())


@dataclass
class Build:
    """The build under way: what on_files made, for the events after it."""

    workspace: Workspace
    rebuild: Rebuild
    hand_written: dict[str, str]
    themed: dict[str, ArchivePage]
    """Generated pages the theme renders itself (the home page, those in the nav, the shells), by
    source: the others are laid into the shells."""
    written_by_the_archive: list[File]
    """The generated outputs the theme does not render: the archive writes them, not MkDocs."""
    search_later: bool
    """A preview's rebuild: the pages show before their search bundle is written."""
    shells: dict[int, Shell] = field(default_factory=dict)
    """The theme's page for each depth of address, read from the shell pages MkDocs renders."""


class ArchivePlugin(BasePlugin):
    """The archive inside MkDocs: one instance per process (see the module's docstring)."""

    def __init__(self) -> None:
        self.serving = False
        """This process runs `mkdocs serve`: pages show the content's problems."""
        self.preview: Workspace | None = None
        """A preview's workspace, kept between rebuilds when it serves with --dirty."""
        self.settings: Settings | None = None
        self.build: Build | None = None
        self.indexing: list[SearchIndex] = []
        """The search index of the build under way, started by on_files and written by
        on_post_build (in a preview's rebuild, after it: the next rebuild stops it if it still runs)."""
        self.unindexed: set[str] | None = set()
        """Search bundles that the indexes of earlier builds, stopped, did not write (None: all)."""
        self.kept_files: dict[str, File] = {}
        """A preview's Files of the generated pages MkDocs does not render, by source (see ``_kept``)."""
        self.from_docs: dict[str, tuple[Address, Signature]] = {}
        """A preview's files from docs/ at its last rebuild, by source: where each is published, and
        its signature then (see ``_renew_kept_site``)."""
        self.themed: dict[str, ArchivePage] = {}
        """A preview's pages the theme renders, from its last rebuild, by source (see ``_themed_pages``)."""
        self.generated: set[str] = set()
        """A preview's generated outputs at its last rebuild, by source."""
        self.compiled = _CompiledTemplates()
        self.stylesheet: tuple[tuple[object, ...], Stylesheet] | None = None
        """The trimmed stylesheet of the last build and what it was made from (see ``_theme_files``)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this process serves a preview: only then do pages show the content's problems."""
        self.serving = command == "serve"
        self.preview = Workspace(preview=True) if self.serving and dirty else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.settings = Settings.from_config(config, Path(config.config_file_path))
        except SettingsError as exc:
            raise PluginError(printable(str(exc))) from exc
        return config

    def _rebuilding_preview(self) -> bool:
        """Whether the build starting is a rebuild of a preview that keeps its workspace."""
        return bool(self.preview and self.preview.last)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Refuse links under docs/ that lead out of the repository before MkDocs walks docs/ (it
        follows links into folders) and copies what they point to into the site; the refusal lists
        the roundups' problems too, so that a build shows every problem in one run, as the check.

        A preview's rebuild runs without Python's cycle collector, which would walk the whole archive
        the preview keeps (a third of a second at ten years) for the little a rebuild leaves: it runs
        again after the rebuild."""
        if self._rebuilding_preview():
            gc.disable()
        settings = self._settings()
        problems = link_problems(Repository(settings.root), settings)
        if problems:
            _log(load(settings).problems)  # every problem in one run, as scripts/check lists them
            raise PluginError(f"{plural(len(problems), 'problem')} with files under {settings.docs_dir}/ (listed "
                              "above with the others): nothing is published until each is fixed")

    def _settings(self) -> Settings:
        assert self.settings is not None, "on_config reads the settings"
        return self.settings

    @event_priority(50)  # before plugins' on_files, so mkdocs-redirects can target generated pages
    def _add_generated_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not config.use_directory_urls:
            raise PluginError("the archive's permanent URLs need 'use_directory_urls: true' in mkdocs.yml")
        settings = self._settings()
        hand_written = {file.src_uri: file.url for file in files.documentation_pages()}
        search_later = self._rebuilding_preview()
        workspace = self.preview or Workspace()
        loading = workspace.load(settings, _environment(config), show_problems=self.serving)
        # Pagefind indexes on the second core from now on, while the pages are rendered and written,
        # the bundles of this change and those an earlier rebuild's index had not written yet; in a
        # preview's rebuild, once the pages are written (its records are made in this process).
        stopped = self._stop_indexing(wait=not search_later)
        unwritten, only, self.unindexed = self.unindexed, loading.bundles, set()
        only = None if only is None or unwritten is None else only | unwritten
        self.indexing.append(SearchIndex(search_bundles(loading.loaded.archive), settings.language, only,
                                         start=not search_later, after=stopped))
        rebuild = workspace.plan(loading)
        if not self.serving:
            # The archive just read lives as long as the build: Python's cycle collector need not walk
            # it again at each full collection while the pages are rendered (a second at ten years).
            gc.freeze()
        loaded = rebuild.loaded
        _log(loaded.problems)
        for path in loaded.drafts:
            log.info("%s: info: a draft (draft: true), left out of the site", path)
        for path in loaded.future:
            log.info("%s: info: dated after today (%s, time zone %s), published on its date",
                     path, settings.zone.today(), settings.time_zone)
        if loaded.left_out:
            log.info("Left out of the site because of their errors: %s", ", ".join(loaded.left_out))
        for source in sorted(unpublished_images(loaded, workspace.reads)):
            if (image := files.get_file_from_path(source)) is not None:
                files.remove(image)
                Path(image.abs_dest_path).unlink(missing_ok=True)  # a preview's copy from before
                log.info("%s/%s: info: the lead image of a roundup not on the site yet, left out with it",
                         settings.docs_dir, source)
        if config.strict and failed(loaded.problems):
            raise PluginError(f"{counts(loaded.problems)} in the roundups (listed above); fix the errors and rebuild")
        # The theme renders the home page, the pages in the nav (their tab shows as the current
        # one), those the pages under docs/ link to (MkDocs checks those links) and the shells;
        # on_post_build lays every other page into its shell and writes it. Every output is a file
        # MkDocs knows, so that links from docs/ and mkdocs-redirects can lead to it.
        plan = rebuild.plan
        in_nav = {Address(url).source for url in (urls.HOME, *urls.LINKED_FROM_DOCS)} | _nav_sources(config.nav)
        themed_units = [unit for unit, addresses in plan.addresses.items()
                        if in_nav & {address.source for address in addresses}]
        start = time.perf_counter()
        themed = self._themed_pages(workspace, rebuild, settings, themed_units, hand_written.values())
        loaded.timings["render the theme's pages"] = time.perf_counter() - start
        themed |= {Address(page.url).source: page for page in map(shell_page, range(1, DEEPEST + 1))}
        under_docs = {file.dest_uri: file for file in files}
        left_to_the_archive: list[File] = []
        sources = dict.fromkeys([*(address.source for address in plan.all()), *themed])
        for source in sources:
            if (hidden := under_docs.get(Address.of_source(source).file)) is not None:
                files.remove(hidden)  # reported by the core (site.hidden_files)
            page = themed.get(source)
            if page is None and self.serving:
                generated = self._kept(config, source)
            else:
                generated = File.generated(config, source, content=page_document(page) if page else "",
                                           inclusion=InclusionLevel.NOT_IN_NAV)
            if page is None:
                left_to_the_archive.append(generated)
            files.append(generated)
        for gone in self.kept_files.keys() - sources.keys():
            del self.kept_files[gone]
        self._theme_files(files, config)
        if self.preview is not None:
            self._renew_kept_site(files, config, loading.before is None or sources.keys() != self.generated)
            self.generated = set(sources)
        self.build = Build(workspace, rebuild, hand_written, themed, left_to_the_archive, search_later)
        log.info("Archive: %s", summary(loaded, plan))
        return files

    def _theme_files(self, files: Files, config: MkDocsConfig) -> None:
        """Material's stylesheets in one, less what no page uses, and its search and source maps
        left out (theme_assets.py); the templates link the stylesheet (``na_theme_css``); shell.js
        gets the palettes of mkdocs.yml written in. A preview makes the stylesheet again only when
        Material's stylesheets, mkdocs.yml's palettes or the site's own stylesheets changed."""
        sheets = sorted((file for file in files if is_stylesheet(file.src_uri) and file.abs_src_path),
                        key=lambda file: stylesheet_order(file.src_uri))
        for file in [file for file in files if left_out(file.src_uri)] + sheets:
            files.remove(file)
        script = files.get_file_from_path(urls.SHELL_SCRIPT)
        if script is not None and script.abs_src_path:
            files.remove(script)
            files.append(File.generated(config, script.src_uri,
                                        content=with_palettes(script.content_string, config.theme.get("palette"))))
        if not sheets:
            self.stylesheet = None
            return
        own = [css.content_string for path in config.extra_css
               if (css := files.get_file_from_path(str(path))) is not None and css.abs_src_path]
        palette = Palette.of(config.theme.get("palette"), config.theme.get("direction"))
        made_from = (*(file.content_string for file in sheets), *own, palette)
        if self.stylesheet is None or self.stylesheet[0] != made_from:
            self.stylesheet = made_from, trimmed([file.content_string for file in sheets], palette, own)
        sheet = self.stylesheet[1]
        files.append(File.generated(config, sheet.path, content=sheet.text))

    def _themed_pages(self, workspace: Workspace, rebuild: Rebuild, settings: Settings, units: list[Unit],
                      hand_written: Iterable[str]) -> dict[str, ArchivePage]:
        """The pages of ``units`` the theme renders (MkDocs renders them on every build), by
        source: those of the units the build renders anew, and a preview's from its last rebuild
        for the others (the archive's index, a calendar of every day, is not made again for a
        roundup's new headline)."""
        kept = self.themed if self.preview is not None else {}
        planned = rebuild.plan.addresses
        anew = set(rebuild.units)
        todo = [unit for unit in units if unit in anew or any(a.source not in kept for a in planned[unit])]
        fresh = {o.address.source: o.page for o in workspace.outputs(
            rebuild, settings, todo, hand_written, self.serving, every=True, sitemaps=False) if o.page}
        pages = {address.source: fresh.get(address.source) or kept[address.source]
                 for unit in units for address in planned[unit] if address.source in fresh or address.source in kept}
        if self.preview is not None:
            self.themed = pages
        return pages

    def _renew_kept_site(self, files: Files, config: MkDocsConfig, site_changed: bool) -> None:
        """Have a preview's rebuild leave from docs/ what a fresh build makes. MkDocs' --dirty
        build writes a file from docs/ only when it is newer than what it wrote last, so it would
        keep the outputs of files since deleted or replaced by older ones, and pages as they were
        before mkdocs.yml, the theme or the pages they link to changed. Their outputs are removed
        before MkDocs decides: each file's that is gone or changed since the last rebuild, and every
        page's when any file under docs/ did, or when ``site_changed`` (mkdocs.yml, the theme, the
        registry or the settings changed, or the site gained or lost an address). A roundup's
        edit renders no page by hand again."""
        docs = Path(config.docs_dir)
        now = {file.src_uri: (Address.of_file(file.dest_uri), signature(Path(file.abs_src_path)))
               for file in files if file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs)}
        changed = [address for source, (address, was) in self.from_docs.items()
                   if now.get(source, (address, None))[1] != was]
        pages = site_changed or changed or now.keys() != self.from_docs.keys()
        stale = dict.fromkeys([*changed, *(address for address, _ in self.from_docs.values()
                                           if pages and address.is_page)])
        write(Path(config.site_dir), (), stale)
        self.from_docs = now

    def _kept(self, config: MkDocsConfig, source: str) -> File:
        """The File of a generated output MkDocs does not render, kept from the last rebuild of a
        preview when it can be (making one parses its path: ten years have 11,000)."""
        kept = self.kept_files.get(source)
        if kept is None or kept.dest_dir != config.site_dir or kept.use_directory_urls != config.use_directory_urls:
            kept = self.kept_files[source] = File.generated(config, source, content="",
                                                            inclusion=InclusionLevel.NOT_IN_NAV)
        kept.inclusion = InclusionLevel.NOT_IN_NAV  # the last rebuild left it out of MkDocs' work
        return kept

    @event_priority(-100)  # after every plugin's on_files: mkdocs-redirects has seen the generated pages
    def _leave_generated_pages_to_the_archive(self, files: Files, config: MkDocsConfig) -> Files:
        """Leave the generated pages the theme does not render out of MkDocs' own work (its nav,
        which makes an object of each page, and its rendering): the archive writes them itself."""
        for file in self._build().written_by_the_archive:
            if file.is_documentation_page():
                file.inclusion = InclusionLevel.EXCLUDED
        return files

    on_files = CombinedEvent(_add_generated_files, _leave_generated_pages_to_the_archive)

    def _build(self) -> Build:
        assert self.build is not None, "on_files starts the build"
        return self.build

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["na_urls"] = urls.SECTIONS
        env.globals["na_theme_css"] = self.stylesheet[1].path if self.stylesheet else None
        env.globals["na_automatic_scheme"] = automatic_scheme(config.theme.get("palette"))
        env.globals["na_latest"] = latest_headlines(self._build().rebuild.loaded.archive)
        env.bytecode_cache = self.compiled
        for file in self._build().written_by_the_archive:
            file.inclusion = InclusionLevel.EXCLUDED  # written in on_post_build
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the contact address where a page written by hand asks for it (``{{ contact }}``)."""
        return markdown if page.file.generated_by else filled(markdown, self._settings().contact)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give a generated page the core's HTML body and head (the theme prints ``na_head``)."""
        rendered = self._build().themed.get(page.file.src_uri)
        if rendered is None:
            return html
        page.meta["na_head"] = rendered.head
        return rendered.body

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page without the template's indentation (a tenth of a page's bytes); a shell is kept."""
        output = compact(output)
        build = self._build()
        rendered = build.themed.get(page.file.src_uri)
        if rendered is not None and rendered.url.startswith(urls.SHELLS):
            build.shells[urls.depth(rendered.url)] = Shell.of(without_empty_places(output), page.canonical_url or "")
        return output

    @event_priority(-100)  # after every plugin's on_post_build: mkdocs-redirects writes its pages there
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the generated pages (laid into their shells) and files that changed, remove those
        gone, write the search index, then the permalinks manifest: the URL of every file the build
        wrote, redirect pages included (also on every `mkdocs serve` rebuild, after its pages)."""
        build, site_dir, settings = self._build(), Path(config.site_dir), self._settings()
        self.build = None
        shutil.rmtree(site_dir / urls.SHELLS, ignore_errors=True)
        rebuild = build.rebuild
        units = [unit for unit in rebuild.units
                 if not {address.source for address in rebuild.plan.addresses[unit]} & build.themed.keys()]
        outputs = build.workspace.outputs(rebuild, settings, units, build.hand_written.values(), self.serving)
        written = ((o.address, build.shells[urls.depth(o.page.url)].fill(o.page, config.site_url or "") if o.page
                    else o.content) for o in outputs)
        start = time.perf_counter()
        count = write(site_dir, written, rebuild.removed)
        build.workspace.written(rebuild)
        log.info("Archive pages: %s written, %d removed in %.2f s", plural(count, "file"), len(rebuild.removed),
                 time.perf_counter() - start)
        permalinks = partial(_write_manifest, site_dir, config.site_url or "", rebuild.loaded.archive,
                             settings.removed)
        if build.search_later:
            index = self.indexing[-1]
            index.start()
            index.write_later(site_dir, partial(_written_later, index, permalinks))
            gc.enable()  # off since on_pre_build
            return
        start = time.perf_counter()
        index = self.indexing.pop()
        try:
            index.write(site_dir)
        except SearchIndexError as exc:
            raise PluginError(f"Search index: {exc}") from exc
        log.info("Search index: %d records (%d bundles) in %.2f s, %.2f s of it after the pages",
                 index.records, len(index.bundles), time.perf_counter() - index.started, time.perf_counter() - start)
        permalinks()

    def on_build_error(self, *, error: Exception) -> None:
        gc.enable()
        self.build = None
        self._stop_indexing()

    def _stop_indexing(self, wait: bool = True) -> list[SearchIndex]:
        """Stop the search indexes still running: the bundles they had not written are left to
        the next build's (``unindexed``). Unless ``wait``, a bundle one of them is writing is left
        to finish in its thread; they are returned, for the next index to write after them."""
        stopped = []
        while self.indexing:
            index = self.indexing.pop()
            left = index.cancel() if wait else index.stop()
            self.unindexed = None if self.unindexed is None or left is None else self.unindexed | left
            stopped.append(index)
        return [] if wait else stopped


def _nav_sources(nav: object) -> set[str]:
    """The source files the nav of mkdocs.yml names (``archive/index.md``)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return {source for value in nav.values() for source in _nav_sources(value)}
    if isinstance(nav, list):
        return {source for item in nav for source in _nav_sources(item)}
    return set()


def _environment(config: MkDocsConfig) -> tuple[float, ...]:
    """What every page depends on besides the archive: mkdocs.yml and the theme's own templates.
    When one of them changes, a preview renders every page again."""
    theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    templates = sorted(theme.rglob("*.html")) if theme else []
    return tuple(path.stat().st_mtime for path in (Path(config.config_file_path), *templates))


def _log(problems: list[Problem]) -> None:
    """Errors at ERROR, which a strict build counts; warnings and suggestions at INFO, which no
    build counts (problems.failed is the one rule of what fails)."""
    for problem in problems:
        log.log(logging.ERROR if failed([problem]) else logging.INFO, "%s", problem)


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as Jinja compiled them, kept between the builds of one process (a
    preview's rebuilds, the test suite's builds): MkDocs makes a new template environment for each
    build, which would compile them all again (a template whose source changed is compiled again:
    Jinja checks each one's checksum)."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.kept.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


def _write_manifest(site_dir: Path, site_url: str, archive: Archive, removed: tuple[str, ...]) -> None:
    """The permalinks manifest of what the build wrote and the ``archive`` it published."""
    (site_dir / urls.PERMALINKS).write_text(manifest(site_paths(site_dir), site_url, archive, removed),
                                            encoding="utf-8")


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


_ARCHIVE = ArchivePlugin()
on_startup = _ARCHIVE.on_startup
on_config = _ARCHIVE.on_config
on_pre_build = _ARCHIVE.on_pre_build
on_files = _ARCHIVE.on_files
on_env = _ARCHIVE.on_env
on_page_markdown = _ARCHIVE.on_page_markdown
on_page_content = _ARCHIVE.on_page_content
on_post_page = _ARCHIVE.on_post_page
on_post_build = _ARCHIVE.on_post_build
on_build_error = _ARCHIVE.on_build_error
