"""The site kept between the rebuilds of one `mkdocs serve`, so that a saved roundup shows in seconds
whatever the size of the archive.

MkDocs rebuilds everything on every change; the hooks are not reloaded, so what the core read,
indexed and rendered can be kept. A rebuild reads again only the roundup files whose size or time
changed, indexes the archive again (cheap), renders again only the units the change reaches
(render/units.affected), and tells the adapter which outputs changed, which disappeared, and which
search bundles to index again. A change to the registry, the settings or the theme renders
everything again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .archive import Archive
from .render.search import ENTITIES_BUNDLE
from .render.units import affected
from .settings import Settings
from .site import Loaded, Output, Reads, Site, build, load


@dataclass(frozen=True)
class Rebuild:
    site: Site
    modified: set[str]
    """URIs of the outputs whose content is new or differs from the last build's."""
    removed: set[str]
    """URIs the last build made and this one does not."""
    bundles: set[str] | None
    """Names of the search bundles to index again; None for all."""


@dataclass(frozen=True)
class Loading:
    """A load of the archive, and what it changed since the last build of the workspace."""

    loaded: Loaded
    before: Archive | None
    """The archive of the last build, when only what changed since is rendered again; None when
    everything is (the first build, or the registry, settings or environment changed)."""
    paths: set[str]
    """The roundups edited, added or deleted since the last build."""

    @property
    def bundles(self) -> set[str] | None:
        """The search bundles to index again (None for all): the companies' and topics', and the
        years of the roundups that changed, before and after."""
        if self.before is None:
            return None
        archives = (self.before, self.loaded.archive)
        return {ENTITIES_BUNDLE} | {str(archive.by_path[path].date.year)
                                    for archive in archives for path in self.paths if path in archive.by_path}


@dataclass
class Workspace:
    """One preview's site, from build to build: ``load``, then ``render``."""

    reads: Reads = field(default_factory=Reads)
    last: Site | None = None
    made_with: tuple[Settings, object] | None = None

    def load(self, settings: Settings, environment: object = None) -> Loading:
        """Read what changed since the last build; ``environment`` stands for whatever else the
        pages depend on (the theme's files, mkdocs.yml): when it differs, every page is new."""
        loaded = load(settings, reads=self.reads)
        before = self.last.loaded.archive if self.last else None
        if before is None or self.made_with != (settings, environment) or before.registry != loaded.archive.registry:
            before = None
        self.made_with = (settings, environment)
        return Loading(loaded, before, changed_paths(before, loaded.archive) if before else set())

    def render(self, loading: Loading, settings: Settings, hand_written: dict[str, str],
               show_problems: bool) -> Rebuild:
        """The site of ``loading``, rendering only what changed since the last build."""
        last, loaded = self.last, loading.loaded
        if loading.before is None or last is None:
            site = build(settings, hand_written, show_problems, loaded=loaded)
            modified = {o.uri for o in site.outputs}
        else:
            units = affected(loading.before, loaded.archive, loading.paths)
            site = build(settings, hand_written, show_problems, kept=last.rendition, changed=units, loaded=loaded)
            modified = _modified(last.outputs, site.outputs)
        removed = {o.uri for o in last.outputs} - {o.uri for o in site.outputs} if last else set()
        self.last = site
        return Rebuild(site, modified, removed, loading.bundles)

    def build(self, settings: Settings, hand_written: dict[str, str], show_problems: bool,
              environment: object = None) -> Rebuild:
        """``load`` then ``render``."""
        return self.render(self.load(settings, environment), settings, hand_written, show_problems)


def changed_paths(before: Archive, after: Archive) -> set[str]:
    """The roundups edited, added or deleted between two loads: a roundup read again is a new
    object, one kept from the last load the very same."""
    edited = {path for path, roundup in after.by_path.items() if before.by_path.get(path) is not roundup}
    return edited | (before.by_path.keys() - after.by_path.keys())


def _modified(before: list[Output], after: list[Output]) -> set[str]:
    old = {o.uri: o for o in before}
    return {o.uri for o in after if o.uri not in old or not _same(old[o.uri], o)}


def _same(old: Output, new: Output) -> bool:
    if old is new:
        return True
    if old.page is None or new.page is None:
        return old.content == new.content
    return (old.page.body, old.page.head, old.content) == (new.page.body, new.page.head, new.content)
