"""The site's settings, read once from mkdocs.yml and handed to the build and the check alike.

From MkDocs' own keys: ``site_name``, ``site_url``, ``site_description``, ``docs_dir`` and
``theme.language``. The archive's own sit under ``extra.archive`` (MkDocs passes ``extra`` to the
templates and nothing else reads it)::

    extra:
      archive:
        roundups: roundups      # the folder of roundup files and the registry
        time_zone: UTC          # the day a roundup's date is compared with (future-dated wait)
        publish_as_is: []       # files under docs/ of a type the site would not publish (publishable.py)
        removed: []             # stories taken down on purpose, by address (permalinks.py)
        contact: corrections@example.com   # where readers report errors (standards, footer, structured data)
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .dates import Zone

CONFIG_FILE = "mkdocs.yml"
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+")
"""An e-mail address as a reader can write to it: a name, '@', and a domain with a dot."""


class SettingsError(ValueError):
    """A setting in mkdocs.yml the archive cannot use; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    root: Path
    """The repository: the folder of mkdocs.yml. Nothing outside it is read."""
    roundups: str = "roundups"
    """The folder of the roundups and the registry, relative to ``root`` (as reported paths show it)."""
    docs_dir: str = "docs"
    site_url: str = ""
    site_name: str = ""
    description: str = ""
    language: str = "en"
    time_zone: str = "UTC"
    as_is: tuple[str, ...] = ()
    """Files under docs/ that mkdocs.yml names, published as they are whatever they hold, by their
    paths there (``javascripts/search.js``): the theme's ``extra_css`` and ``extra_javascript``,
    and ``extra.archive.publish_as_is``, where a maintainer decides to publish any other file."""
    removed: tuple[str, ...] = ()
    """The addresses of stories taken down on purpose (``/2024/03/12/#xiaomi-sets-a-date``): the
    permalinks manifest lists them, so the check of permalinks lets them go."""
    contact: str = ""
    """The e-mail address readers report errors to (``extra.archive.contact``): the standards page,
    the footer and the publisher's structured data give it."""

    @property
    def roundups_dir(self) -> Path:
        return self.root / self.roundups

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def zone(self) -> Zone:
        """The archive's time zone: which day today is, and when a roundup's day begins."""
        return Zone(self.time_zone)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], config_file: Path) -> Settings:
        """The settings of the MkDocs configuration ``config`` (MkDocs' own, or mkdocs.yml read
        as plain YAML) whose file is ``config_file``."""
        root = config_file.resolve().parent
        theme = config.get("theme")
        language = theme.get("language") if isinstance(theme, Mapping) else None
        extra = config.get("extra")
        archive = extra.get("archive") if isinstance(extra, Mapping) else None
        archive = archive if isinstance(archive, Mapping) else {}
        settings = cls(
            root=root,
            roundups=_folder(root, str(archive.get("roundups") or "roundups"), "extra.archive.roundups"),
            docs_dir=_folder(root, str(config.get("docs_dir") or "docs"), "docs_dir"),
            site_url=str(config.get("site_url") or ""),
            site_name=str(config.get("site_name") or ""),
            description=str(config.get("site_description") or ""),
            language=str(language or "en"),
            time_zone=str(archive.get("time_zone") or "UTC"),
            as_is=_declared(config.get("extra_css"), config.get("extra_javascript"), archive.get("publish_as_is")),
            removed=_story_addresses(archive.get("removed"), "extra.archive.removed"),
            contact=str(archive.get("contact") or "").strip(),
        )
        if not settings.zone.valid():
            raise SettingsError(f"{CONFIG_FILE}: extra.archive.time_zone: '{settings.time_zone}' is not a time zone"
                                " — write an IANA name such as UTC or Asia/Shanghai")
        if settings.contact and not _EMAIL.fullmatch(settings.contact):
            raise SettingsError(f"{CONFIG_FILE}: extra.archive.contact: '{settings.contact}' is not an e-mail address"
                                " — write the address readers report errors to, such as corrections@example.com")
        return settings

    @classmethod
    def read(cls, root: Path) -> Settings:
        """The settings of the repository at ``root`` from its mkdocs.yml (defaults without one)."""
        path = root / CONFIG_FILE
        if not path.is_file():
            return cls(root=root.resolve())
        try:
            config = yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506 - a SafeLoader
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise SettingsError(f"{CONFIG_FILE}: cannot be read: {exc}") from None
        return cls.from_config(config if isinstance(config, Mapping) else {}, path)


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything: MkDocs' ``!!python/…`` and ``!ENV`` tags read as null."""


ConfigLoader.add_multi_constructor("", lambda loader, tag, node: None)


def _declared(*lists: object) -> tuple[str, ...]:
    """The paths that lists of files in mkdocs.yml name (an entry of ``extra_javascript`` may be
    a mapping with a ``path``), normalised; addresses of other sites are not files of docs/."""
    paths = []
    for entries in lists:
        for entry in entries if isinstance(entries, list) else []:
            path = str(entry.get("path") if isinstance(entry, Mapping) else entry)
            if "://" not in path:
                paths.append(posixpath.normpath(path))
    return tuple(paths)


def _story_addresses(value: object, key: str) -> tuple[str, ...]:
    """A list of stories' addresses, each as the check of permalinks names it: a page's path and
    the story's anchor (``/2024/03/12/#xiaomi-sets-a-date``)."""
    if value is None:
        return ()
    hint = "write each as scripts/check-permalinks names it, e.g. /2024/03/12/#xiaomi-sets-a-date"
    if not isinstance(value, list):
        raise SettingsError(f"{CONFIG_FILE}: {key}: not a list — {hint}")
    for entry in value:
        page, mark, anchor = str(entry).partition("#")
        if not (isinstance(entry, str) and page.startswith("/") and page.endswith("/") and mark and anchor.strip()):
            raise SettingsError(f"{CONFIG_FILE}: {key}: '{entry}' is not the address of a story — {hint}")
    return tuple(value)


def _folder(root: Path, value: str, key: str) -> str:
    """A folder setting, relative to the repository and inside it."""
    path = Path(value)
    relative = path.resolve().relative_to(root) if path.is_absolute() and path.resolve().is_relative_to(root) else path
    if relative.is_absolute() or ".." in PurePosixPath(relative.as_posix()).parts:
        raise SettingsError(f"{CONFIG_FILE}: {key}: '{value}' is not a folder inside the repository")
    return relative.as_posix()
