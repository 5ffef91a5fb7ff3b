"""The author's preview for the tests: one `mkdocs serve`, as `make serve` runs it, on a copy of the
project, for the whole test session (for each xdist worker that asks for it).

Fixture (registered in conftest.py through ``pytest_plugins``): ``preview``, a ``Preview``. A test
that changes the copy's files does it inside ``preview.editing(...)``, which puts them back and
waits for the rebuild, so every test finds the sample archive served.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import HOST
from tests.conftest import ROOT, site_project

BUILT = "Search index:"
"""The log line that ends each build of the preview (its search index is written last)."""


def serve_arguments(target: str) -> list[str]:
    """The arguments the Makefile's ``target`` passes to ``mkdocs`` (so the test runs what
    ``make serve`` runs), without ``--dev-addr``, which the test chooses."""
    recipe = re.search(rf"^{target}:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert recipe, f"no {target} target in the Makefile"
    words = shlex.split(recipe.group(1))
    arguments = words[words.index("$(BIN)/mkdocs") + 1 :]
    position = arguments.index("--dev-addr")
    return arguments[:position] + arguments[position + 2 :]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Preview:
    """`mkdocs serve` running on ``project``: its address, the folder it builds the site into, its log."""

    project: Path
    url: str
    """http://127.0.0.1:<port>/roundup-archive/, which is also site_url in the copy's mkdocs.yml, as
    `mkdocs serve` sets it (so that a build of the copy makes the same files)."""
    site: Path
    log: Path
    server: subprocess.Popen

    def builds(self) -> int:
        """How many builds the preview has finished."""
        return self.log.read_text(encoding="utf-8").count(BUILT)

    def wait(self, builds: int) -> None:
        """Until the preview has finished ``builds`` builds."""
        deadline = time.monotonic() + 120
        while self.builds() < builds:
            assert self.server.poll() is None and time.monotonic() < deadline, self.tail()
            time.sleep(0.1)
        time.sleep(0.5)  # the permalinks manifest, written after the search index

    def tail(self) -> str:
        return self.log.read_text(encoding="utf-8")[-3000:]

    @contextmanager
    def editing(self, *paths: str) -> Iterator[Path]:
        """The project to change the files at ``paths`` in (relative to it; new ones too); after
        the block, they are as they were, and the preview has rebuilt them."""
        kept = {path: (self.project / path).read_bytes() if (self.project / path).exists() else None
                for path in paths}
        try:
            yield self.project
        finally:
            changed = {path: text for path, text in kept.items() if self._read(path) != text}
            if changed:
                done = self.builds()
                for path, text in changed.items():
                    if text is None:
                        (self.project / path).unlink()
                    else:
                        (self.project / path).write_bytes(text)
                self.wait(done + 1)

    def _read(self, path: str) -> bytes | None:
        file = self.project / path
        return file.read_bytes() if file.exists() else None


@pytest.fixture(scope="session")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """`mkdocs serve` as `make serve` runs it, on a copy of the project, once its first build is done."""
    tmp = tmp_path_factory.mktemp("preview")
    project = site_project(tmp)
    port = free_port()
    url = f"http://{HOST}:{port}/roundup-archive/"
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {url}", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    temp = tmp / "serve-tmp"  # where `mkdocs serve` makes the folder it builds into
    temp.mkdir()
    log = tmp / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *serve_arguments("serve"), "--dev-addr", f"{HOST}:{port}"],
            cwd=project, stdout=output, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)},
        )
    try:
        deadline = time.monotonic() + 120
        while "Serving on" not in log.read_text(encoding="utf-8") or not list(temp.glob("mkdocs_*")):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")[-3000:]
            time.sleep(0.1)
        (site,) = temp.glob("mkdocs_*")
        running = Preview(project, url, site, log, server)
        running.wait(1)
        yield running
    finally:
        server.terminate()
        server.wait(timeout=30)
