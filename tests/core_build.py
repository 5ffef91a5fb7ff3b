"""The archive built by the core as the MkDocs adapter builds it (hooks/archive_hook.py), without
MkDocs: a workspace loads and plans the site and renders every unit. Tests of what the core makes
(feeds, structured data, hostile input) go through this production path."""

from __future__ import annotations

from dataclasses import dataclass

from newsarchive.incremental import Workspace
from newsarchive.settings import Settings
from newsarchive.site import Loaded, Output


@dataclass(frozen=True)
class Built:
    loaded: Loaded
    outputs: list[Output]

    def texts(self) -> dict[str, str]:
        """Every output but pictures by its URL (``2024/03/12/``, ``feed.xml``): a page's head and
        body, or a file's text."""
        return {o.address.url: (o.page.head + o.page.body) if o.page else o.content for o in self.outputs
                if isinstance(o.content, str)}


def build(settings: Settings, hand_written: dict[str, str] | None = None, show_problems: bool = False) -> Built:
    """Every output of the site ``settings`` describe, ``hand_written`` mapping each page under docs/
    to its URL (``about.md``: ``about/``); with ``show_problems``, as a preview shows them."""
    hand_written = hand_written or {}
    workspace = Workspace(preview=show_problems)
    rebuild = workspace.plan(workspace.load(settings, show_problems=show_problems))
    return Built(rebuild.loaded, list(workspace.outputs(rebuild, settings, rebuild.units, hand_written.values(),
                                                        show_problems)))
