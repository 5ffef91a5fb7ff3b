"""The author's preview: `make serve` reloads the open page after a save and shows the content's
problems on the page (only there), in a real browser."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import HOST
from tests.conftest import ROOT, site_project

ROUNDUP = "roundups/2024/2024-03-12.md"


def serve_arguments(target: str) -> list[str]:
    """The arguments the Makefile's ``target`` passes to ``mkdocs`` (so the test runs what
    ``make serve`` runs), without ``--dev-addr``, which the test chooses."""
    recipe = re.search(rf"^{target}:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert recipe, f"no {target} target in the Makefile"
    words = shlex.split(recipe.group(1))
    arguments = words[words.index("$(BIN)/mkdocs") + 1 :]
    position = arguments.index("--dev-addr")
    return arguments[:position] + arguments[position + 2 :]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """`mkdocs serve` as `make serve` runs it, on a copy of the project: (project, base URL)."""
    project = site_project(tmp_path_factory.mktemp("serve"))
    port = _free_port()
    log = (project / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *serve_arguments("serve"), "--dev-addr", f"{HOST}:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://{HOST}:{port}/roundup-archive/"
    try:
        deadline = time.monotonic() + 120
        while "Serving on" not in (project / "serve.log").read_text(encoding="utf-8"):
            assert server.poll() is None and time.monotonic() < deadline, (project / "serve.log").read_text()
            time.sleep(0.2)
        yield project, base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_make_serve_asks_for_live_reload_and_a_kept_site_explicitly() -> None:
    assert serve_arguments("serve") == ["serve", "--dirty", "--livereload"]


def test_a_saved_roundup_reloads_the_open_page_and_shows_its_problems(browser, served) -> None:
    project, base = served
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "2024/03/12/", wait_until="load")  # live reload keeps a request open: never idle
        assert page.locator(".na-problems").count() == 0, "a clean roundup shows no notice"
        text = (project / ROUNDUP).read_text(encoding="utf-8")
        edited = text.replace("title: Funds pour into Chinese video-generation start-ups",
                              "title: A new title, saved while the page is open", 1)
        edited = edited.replace("Tags: xiaomi, tesla, byd, ev", "Tags: xiaomi, tesla, byd, ev, xiaomy", 1)
        assert edited.count("A new title") == 1 and "xiaomy" in edited
        (project / ROUNDUP).write_text(edited, encoding="utf-8")

        expect(page.locator("h1")).to_have_text("A new title, saved while the page is open", timeout=60_000)
        notice = page.locator(".na-problems")
        expect(notice).to_be_visible()
        assert "unknown tag 'xiaomy'" in notice.inner_text()
        assert "did you mean 'xiaomi'" in notice.inner_text()
        assert f"line {edited.splitlines().index('Tags: xiaomi, tesla, byd, ev, xiaomy') + 1}" in notice.inner_text()

        page.goto(base, wait_until="load")
        summary = page.locator(".na-problems")
        expect(summary).to_contain_text("1 file has problems")
        summary.get_by_role("link", name=ROUNDUP).click()
        expect(page).to_have_url(base + "2024/03/12/")
    finally:
        context.close()
        (project / ROUNDUP).write_text(text, encoding="utf-8")


def test_a_build_never_shows_the_problems(tmp_path: Path) -> None:
    from tests.conftest import mkdocs_build

    project = site_project(tmp_path)
    path = project / ROUNDUP
    path.write_text(path.read_text(encoding="utf-8").replace("Tags: xiaomi, tesla, byd, ev",
                                                             "Tags: xiaomi, xiaomi, tesla, byd, ev"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    line = path.read_text(encoding="utf-8").splitlines().index("Tags: xiaomi, xiaomi, tesla, byd, ev") + 1
    assert f"roundups/2024/2024-03-12.md:{line}: warning: Tags: tag 'xiaomi' is listed twice — remove one" in result.stderr
    assert "na-problems" not in (tmp_path / "site/2024/03/12/index.html").read_text(encoding="utf-8")
