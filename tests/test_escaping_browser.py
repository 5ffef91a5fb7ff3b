"""A payload in every field an author or the registry controls stays text in a real browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.browser import serving, visit
from tests.conftest import mkdocs_build, site_project
from tests.test_hostile import SCRIPT_LINKS

PAYLOAD = "\"'></title><img src=x onerror=alert(1)><script>alert(2)</script>&amp;"


def quoted(text: str) -> str:
    """``text`` as a single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("payload")
    project = site_project(tmp)
    with (project / "roundups/companies.yml").open("a", encoding="utf-8") as registry:
        registry.write(f"payload-co:\n  name: {quoted('Evil ' + PAYLOAD)}\n  name_zh: {quoted('坏' + PAYLOAD)}\n"
                       f"  description: {quoted(PAYLOAD)}\n")
    (project / "roundups/2024/2024-06-01.md").write_text(  # the newest, so the home page shows it
        f"---\ntitle: {quoted(PAYLOAD)}\ndate: 2024-06-01\nsummary: {quoted('Summary ' + PAYLOAD)}\n"
        f"source:\n  name: {quoted(PAYLOAD)}\n  url: https://example.com/?a=1&b=2\n"
        f"corrections:\n  - date: 2024-06-02\n    note: {quoted(PAYLOAD)}\n---\n\n"
        f"Intro {PAYLOAD}\n\n## Headline {PAYLOAD}\n\nTags: payload-co, ev\n\nBody {PAYLOAD}\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp / "site", "--strict")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.mark.parametrize("path", ["2024/06/01/", "companies/payload-co/", "companies/", "", "2024/06/"])
def test_payload_runs_nowhere_and_reads_as_text(browser, payload_site, path):
    with serving(payload_site) as base:
        opened = visit(browser, base + path)
        try:
            dialogs: list[str] = []
            opened.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            opened.page.reload(wait_until="networkidle")
            assert dialogs == []
            assert opened.page.locator("img[src='x']").count() == 0
            running = "[...document.scripts].filter(s => !s.type || /javascript|module/.test(s.type))"
            assert opened.page.evaluate(f"{running}.some(s => s.text.includes('alert(2)'))") is False
            assert PAYLOAD in opened.page.locator("#na-content").inner_text()
            if path == "2024/06/01/":
                assert opened.page.title().startswith(PAYLOAD)
                assert opened.page.locator("h1").inner_text() == PAYLOAD
                description = opened.page.locator("meta[name=description]").get_attribute("content")
                assert description == "Summary " + PAYLOAD
        finally:
            opened.close()


@pytest.fixture(scope="module")
def script_link_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every script-link payload of test_hostile.py in one roundup, built as the preview builds it
    (each is an error: a build leaves the roundup out, the author's preview shows it)."""
    tmp = tmp_path_factory.mktemp("script-links")
    project = site_project(tmp)
    body = "\n\n".join(f"{name}: {text}" for name, text in SCRIPT_LINKS.items())
    (project / "roundups/2024/2024-06-01.md").write_text(
        f"---\ntitle: Links\ndate: 2024-06-01\nsummary: Every kind of script link.\n---\n\n"
        f"## Links of every kind\n\nTags: xiaomi, ev\n\n{body}\n", encoding="utf-8")
    messages = [str(p) for p in load(Settings.read(project)).problems]
    assert sum("links are not allowed" in message for message in messages) == len(SCRIPT_LINKS), messages
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp / "site"))
    config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` starts
    build(config)
    assert (tmp / "site/2024/06/01/index.html").is_file()
    return tmp / "site"


def test_no_script_link_survives_into_what_chromium_follows(browser, script_link_site):
    with serving(script_link_site) as base:
        opened = visit(browser, base + "2024/06/01/")
        try:
            page = opened.page
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            followed = page.evaluate("[...document.querySelectorAll('[href], [src]')]"
                                     ".map(e => new URL(e.href || e.src, location.href).protocol)")
            assert set(followed) <= {"http:", "https:", "mailto:"}
            story = page.locator(".na-story-body")
            assert "the filing" in story.inner_text()
            for element in story.locator("span, a").all():
                element.click(no_wait_after=True)
            assert dialogs == []
        finally:
            opened.close()
