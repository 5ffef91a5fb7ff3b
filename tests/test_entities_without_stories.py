"""Every registry entry keeps its page and both feeds, stories or not: untagging a company's only
story (a mistag corrected) leaves its page, which says it has no stories and asks not to be
indexed, and valid empty feeds, so the addresses published stay and check-permalinks passes. An
entry without stories stays out of the companies and topics indexes, the sitemap and search."""

from __future__ import annotations

import json
import time
from pathlib import Path

import feedparser
from newsarchive.incremental import Workspace
from newsarchive.render.search import search_bundles
from newsarchive.settings import Settings
from newsarchive.urls import PERMALINKS as MANIFEST
from newsarchive.urls import Address

from tests.conftest import roundup_text, site_project
from tests.core_build import build as core_build
from tests.test_incremental import _outputs, _rebuild
from tests.test_permalinks import build, check_permalinks, project_with

MISTAGGED = "Tags: xiaomi, byd, ev"
"""BYD, tagged by mistake: the story is about Xiaomi alone, and BYD's only story."""
NOINDEX = '<meta name="robots" content="noindex">'
SAYS_SO = '<p class="na-dek">No stories in the archive yet.</p>'
SITE_URL = "https://example.github.io/roundup-archive/"


def test_a_company_that_loses_its_only_story_keeps_its_page_and_feeds(tmp_path: Path) -> None:
    mistagged = roundup_text(body=f"## Xiaomi sets a sales date for the SU7\n\n{MISTAGGED}\n\nThe car goes on sale.\n")
    project = project_with(tmp_path, {"2024-03-12.md": mistagged})
    first = build(project, tmp_path / "first")
    assert {"/companies/byd/", "/companies/byd/feed.xml", "/companies/byd/feed.json"} <= first.urls

    (project / "roundups/2024/2024-03-12.md").write_text(mistagged.replace(MISTAGGED, "Tags: xiaomi, ev"),
                                                          encoding="utf-8")
    build(project, tmp_path / "fixed")
    result, _ = check_permalinks(tmp_path / "first" / MANIFEST, tmp_path / "fixed" / MANIFEST)
    assert (result.returncode, result.stdout) == (
        0, f"All {len(first.urls) + len(first.stories)} URLs of the deployed site are kept.\n")

    site = tmp_path / "fixed"
    page = (site / "companies/byd/index.html").read_text(encoding="utf-8")
    assert SAYS_SO in page and NOINDEX in page and "<h1>" in page and "比亚迪" in page
    assert NOINDEX not in (site / "companies/xiaomi/index.html").read_text(encoding="utf-8")
    atom = feedparser.parse((site / "companies/byd/feed.xml").read_bytes())
    assert not atom.bozo and atom.feed.title == "BYD · Asia Tech Roundup Archive" and atom.entries == []
    assert json.loads((site / "companies/byd/feed.json").read_text(encoding="utf-8"))["items"] == []
    index = (site / "companies/index.html").read_text(encoding="utf-8")
    assert 'href="byd/"' not in index and 'href="xiaomi/"' in index
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}companies/byd/</loc>" not in sitemap
    assert f"<loc>{SITE_URL}companies/xiaomi/</loc>" in sitemap


def test_every_registry_entry_has_its_page_and_feeds_and_only_those_with_stories_a_search_record(
        tmp_path: Path) -> None:
    project = project_with(tmp_path, {"2024-03-12.md": roundup_text()})
    built = core_build(Settings.read(project))
    archive, texts = built.loaded.archive, built.texts()
    for entity in archive.registry.entities():
        page = f"{entity.section}/{entity.slug}/"
        assert {page, f"{page}feed.xml", f"{page}feed.json"} <= texts.keys(), page
        assert (NOINDEX in texts[page]) == (SAYS_SO in texts[page]) == (not archive.stories_of(entity.slug)), page
    records = [record.url for bundle in search_bundles(archive)[:1] for record in bundle.records]
    assert records == ["/companies/xiaomi/", "/topics/ev/"]


def test_a_preview_keeps_the_page_of_a_company_whose_only_story_it_untags(tmp_path: Path) -> None:
    project = site_project(tmp_path)
    settings = Settings.read(project)
    archive = core_build(settings).loaded.archive
    only = next(c for c in archive.registry.companies.values() if len(archive.stories_of(c.slug)) == 1)
    ref = archive.stories_of(only.slug)[0]
    workspace = Workspace()
    _rebuild(workspace, settings, show_problems=False)

    path = project / ref.roundup.path
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    tags = next(n for n in range(ref.story.line, len(lines)) if lines[n].startswith("Tags:"))
    assert f" {only.slug}," in lines[tags], lines[tags]
    lines[tags] = lines[tags].replace(f" {only.slug},", "", 1)
    path.write_text("".join(lines), encoding="utf-8")

    rebuild, written = _rebuild(workspace, settings, show_problems=False)
    page = f"{only.section}/{only.slug}/"
    assert SAYS_SO in written[Address(page)][1]
    assert not {Address(page), Address(f"{page}feed.xml"), Address(f"{page}feed.json")} & rebuild.removed
    full = _outputs(core_build(settings).outputs)
    assert {address: full[address] for address in written} == written


def test_a_registry_of_ten_thousand_entries_without_stories_costs_three_small_files_each(tmp_path: Path) -> None:
    project = project_with(tmp_path, {"2024-03-12.md": roundup_text()})
    quiet = "".join(f"quiet-{n}:\n  name: Quiet Company {n} Ltd.\n  name_zh: 安静公司{n}\n  hq: Shenzhen\n"
                    for n in range(10_000))
    with (project / "roundups/companies.yml").open("a", encoding="utf-8") as registry:
        registry.write(quiet)
    start = time.perf_counter()
    built = core_build(Settings.read(project))
    seconds = time.perf_counter() - start
    texts = built.texts()
    made = [texts[f"companies/quiet-{n}/{name}"] for n in range(10_000) for name in ("", "feed.xml", "feed.json")]
    assert sum(map(len, made)) / 10_000 < 5_000, "characters per entry, before the theme lays the page out"
    assert len(texts) == len(made) + len([url for url in texts if not url.startswith("companies/quiet-")])
    assert "quiet-" not in texts["companies/"] + texts["sitemap.xml"]
    assert seconds < 30, f"{seconds:.1f} s"
