"""The author's preview: `make serve` reloads the open page after a save and shows the content's
problems on the page (only there), in a real browser."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.conftest import mkdocs_build, site_project
from tests.preview import Preview, serve_arguments

ROUNDUP = "roundups/2024/2024-03-12.md"


def test_make_serve_asks_for_live_reload_and_a_kept_site_explicitly() -> None:
    assert serve_arguments("serve") == ["serve", "--dirty", "--livereload"]


def test_a_saved_roundup_reloads_the_open_page_and_shows_its_problems(browser, preview: Preview) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(preview.url + "2024/03/12/", wait_until="load")  # live reload keeps a request open: never idle
        assert page.locator(".na-problems").count() == 0, "a clean roundup shows no notice"
        with preview.editing(ROUNDUP) as project:
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
            line = edited.splitlines().index("Tags: xiaomi, tesla, byd, ev, xiaomy") + 1
            assert f"line {line}" in notice.inner_text()

            page.goto(preview.url, wait_until="load")
            summary = page.locator(".na-problems")
            expect(summary).to_contain_text("1 file has problems")
            summary.get_by_role("link", name=ROUNDUP).click()
            expect(page).to_have_url(preview.url + "2024/03/12/")
    finally:
        context.close()


def test_a_build_never_shows_the_problems(tmp_path: Path) -> None:
    project = site_project(tmp_path)
    path = project / ROUNDUP
    path.write_text(path.read_text(encoding="utf-8").replace("Tags: xiaomi, tesla, byd, ev",
                                                             "Tags: xiaomi, xiaomi, tesla, byd, ev"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    line = path.read_text(encoding="utf-8").splitlines().index("Tags: xiaomi, xiaomi, tesla, byd, ev") + 1
    assert f"roundups/2024/2024-03-12.md:{line}: warning: Tags: tag 'xiaomi' is listed twice — remove one" in result.stderr
    assert "na-problems" not in (tmp_path / "site/2024/03/12/index.html").read_text(encoding="utf-8")
