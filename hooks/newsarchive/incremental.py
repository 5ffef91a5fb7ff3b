"""The site built one unit at a time, and kept between the rebuilds of one `mkdocs serve`, so that a
saved roundup shows in seconds whatever the size of the archive.

A build plans its outputs (every URI, before rendering), then renders the units one at a time and
hands each output to be written at once: no build holds its whole site in memory. MkDocs rebuilds
everything on every change, but the hooks are not reloaded, so a preview keeps its Workspace: a
rebuild reads again only the roundup files whose size or time changed, indexes the archive again
(cheap), renders again only the units the change reaches (render/units.affected), writes only the
outputs whose content changed (a digest of each is kept), removes the ones gone, and indexes again
only the search bundles of the years touched. A change to the registry, the settings or the theme
renders everything again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field

from .archive import Archive
from .reading import Reads
from .render import sitemaps
from .render.listing import Entries, keeping
from .render.search import ENTITIES_BUNDLE, bundle_name, newest_year
from .render.units import Unit, affected
from .settings import Settings
from .site import Loaded, Output, Plan, load, render
from .urls import HOME, Address


@dataclass(frozen=True)
class Loading:
    """A load of the archive, and what it changed since the last build of the workspace."""

    loaded: Loaded
    made_with: tuple[Settings, object]
    """The settings and environment it was loaded with."""
    before: Archive | None
    """The archive of the last build, when only what changed since is rendered again; None when
    everything is (the first build, or the registry, settings or environment changed)."""
    paths: set[str]
    """The roundups edited, added or deleted since the last build."""

    @property
    def bundles(self) -> set[str] | None:
        """The search bundles to index again (None for all): the companies' and topics', and those
        of the years of the roundups that changed, before and after; all when the newest year
        changed (its bundle and its pair's are made anew)."""
        if self.before is None:
            return None
        archives = (self.before, self.loaded.archive)
        if newest_year(self.before) != newest_year(self.loaded.archive):
            return None
        return {ENTITIES_BUNDLE} | {bundle_name(archive, archive.by_path[path].date.year)
                                    for archive in archives for path in self.paths if path in archive.by_path}


@dataclass(frozen=True)
class Rebuild:
    """A planned build: what it makes, what it renders, what is gone since the last one."""

    loaded: Loaded
    made_with: tuple[Settings, object]
    plan: Plan
    units: list[Unit]
    """The units to render, a page's parents before it: all of them, or those a change reaches."""
    removed: set[Address]
    """Outputs written by the builds before (in full or in part) that this one does not make."""
    bundles: set[str] | None
    """Names of the search bundles to index again; None for all."""
    sitemaps: bool
    """Whether the sitemaps may change (else they are not rendered again; a sitemap lists every
    page, and a preview's rebuild does not pay for the whole archive's)."""


@dataclass
class Workspace:
    """One site, from build to build: ``load``, ``plan``, ``outputs``, then ``written`` once
    they are. What a build renders anew is reckoned from the last one written whole: a build that
    fails on the way (a full disk, an exception in a page) leaves what it did not write to the next."""

    reads: Reads = field(default_factory=Reads)
    rendered_with: tuple[Settings, object] | None = None
    """The settings and environment (theme, mkdocs.yml) of the last build written: every page
    depends on them."""
    last: Rebuild | None = None
    """The last build whose outputs were all written."""
    digests: dict[Address, bytes] = field(default_factory=dict)
    """What each output held when it was last written, by every build (in full or in part) since
    the first; b"" for one to write again whatever it holds (the settings or environment changed)."""
    tried: set[Unit] = field(default_factory=set)
    """The units that the builds since the last one written whole set out to render, and may have
    written in part (a roundup since deleted reached them): the next build renders them again."""
    titles: dict[str, str] = field(default_factory=dict)
    """The titles breadcrumbs show, by URL (kept for the units not rendered again)."""
    sitemaps_tried: bool = False
    """Whether a build since the last one written whole set out to render the sitemaps."""
    sitemapped: tuple[str, ...] = ()
    """The pages written by hand that the sitemaps rendered last list."""
    preview: bool = False
    """Kept between the rebuilds of a preview: then it keeps the story entries of the listings too."""
    entries: Entries = field(default_factory=dict)

    def load(self, settings: Settings, environment: object = None, show_problems: bool = False) -> Loading:
        """Read what changed since the last build; ``environment`` stands for whatever else the
        pages depend on (the theme's files, mkdocs.yml): when it differs, every page is new. With
        ``show_problems`` (a preview) a roundup with errors is shown with them, else left out."""
        loaded = load(settings, reads=self.reads, preview=show_problems)
        made_with = (settings, environment)
        before = self.last.loaded.archive if self.last else None
        if before is None or self.rendered_with != made_with or before.registry != loaded.archive.registry:
            self.digests = dict.fromkeys(self.digests, b"")
            self.entries.clear()
            return Loading(loaded, made_with, None, set())
        paths = changed_paths(before, loaded.archive)
        loaded.archive.inherit(before, paths)
        return Loading(loaded, made_with, before, paths)

    def plan(self, loading: Loading) -> Rebuild:
        """What this build makes and renders."""
        loaded = loading.loaded
        plan = loaded.plan
        units = list(plan.addresses)
        if loading.before is not None and self.last is not None:
            reached = affected(loading.before, loaded.archive, loading.paths) | self.tried
            if loaded.problems != self.last.loaded.problems:  # a preview's home page sums them up
                reached |= {unit for unit, addresses in plan.addresses.items() if Address(HOME) in addresses}
            units = [unit for unit in units if unit in reached or unit not in self.last.plan.addresses]
        removed = self.digests.keys() - set(plan.all())
        self.tried.update(units)
        sitemaps = self.sitemaps_tried = self.sitemaps_tried or _sitemaps_change(loading, self.last)
        return Rebuild(loaded, loading.made_with, plan, units, removed, loading.bundles, sitemaps)

    def outputs(self, rebuild: Rebuild, settings: Settings, units: Iterable[Unit], other_pages: Iterable[str],
                show_problems: bool, every: bool = False, sitemaps: bool = True) -> Iterator[Output]:
        """The outputs of ``units`` (of ``rebuild``), rendered one unit at a time, and (unless not
        ``sitemaps``) the sitemaps: those that differ from what was last written (all, on a first
        build), or ``every`` one. An output counts as written once the next one is asked for."""
        other_pages = tuple(other_pages)
        sitemaps = sitemaps and (rebuild.sitemaps or other_pages != self.sitemapped)
        if sitemaps:
            self.sitemaps_tried, self.sitemapped = True, other_pages
        outputs = render(rebuild.loaded, settings, rebuild.plan, units, other_pages, show_problems, self.titles,
                         sitemaps)
        with keeping(self.entries) if self.preview else nullcontext():
            for output in outputs:
                digest = _digest(output)
                if every or self.digests.get(output.address) != digest:
                    yield output
                    self.digests[output.address] = digest

    def written(self, rebuild: Rebuild) -> None:
        """Note that the outputs of ``rebuild`` are written and those it removes removed: the next
        build renders anew only what changes since."""
        self.last, self.rendered_with = rebuild, rebuild.made_with
        self.tried.clear()
        self.sitemaps_tried = False
        for address in rebuild.removed:
            del self.digests[address]


def changed_paths(before: Archive, after: Archive) -> set[str]:
    """The roundups edited, added or deleted between two loads: a roundup read again is a new
    object, one kept from the last load the very same."""
    edited = {path for path, roundup in after.by_path.items() if before.by_path.get(path) is not roundup}
    return edited | (before.by_path.keys() - after.by_path.keys())


def _sitemaps_change(loading: Loading, last: Rebuild | None) -> bool:
    """Whether the sitemaps of ``loading`` may differ from those of the ``last`` build: a page
    came or went, or a roundup changed what they show of it."""
    before, after = loading.before, loading.loaded.archive
    if before is None or last is None or loading.loaded.plan.page_urls() != last.plan.page_urls():
        return True
    return any(path not in before.by_path or path not in after.by_path
               or sitemaps.shown(before.by_path[path]) != sitemaps.shown(after.by_path[path]) for path in loading.paths)


def _digest(output: Output) -> bytes:
    content = output.content
    made = hashlib.blake2b(content.encode() if isinstance(content, str) else content, digest_size=16)
    if output.page is not None:
        made.update(output.page.head.encode())
        made.update(output.page.body.encode())
    return made.digest()
