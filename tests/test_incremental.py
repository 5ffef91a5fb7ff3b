"""A preview kept between rebuilds (`make serve`) makes exactly what a full build makes: after a
changed roundup, a new one and a deleted one, the same outputs in the core, the same files on disk."""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest
from newsarchive.incremental import Rebuild, Workspace
from newsarchive.settings import Settings
from newsarchive.site import Output
from newsarchive.urls import Address

from tests.conftest import mkdocs_build, roundup_text, site_project
from tests.core_build import build
from tests.preview import Preview

EDITED = "roundups/2024/2024-03-12.md"
NEW = "roundups/2024/2024-05-30.md"
DELETED = "roundups/2024/2024-04-30.md"


def edit(root: Path) -> None:
    """A new title and a new company on a story: the roundup, its neighbours, the company pages."""
    path = root / EDITED
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Funds pour into Chinese video-generation start-ups", "title: A title saved just now", 1)
    text = text.replace("Tags: xiaomi, tesla, byd, ev", "Tags: xiaomi, tesla, byd, nio, ev", 1)
    path.write_text(text, encoding="utf-8")


def reword(root: Path) -> None:
    """A story's text reworded: its roundup's page and the feeds carrying it, not the sitemaps."""
    path = root / EDITED
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("a start-up spun out of", "a company that grew out of", 1), encoding="utf-8")


def add(root: Path) -> None:
    body = "## Zeekr opens a plant in Hungary\n\nTags: zeekr, geely, ev\n\nThe plant makes cars for Europe.\n"
    (root / NEW).write_text(roundup_text("2024-05-30", "A newer roundup", body=body), encoding="utf-8")


def delete(root: Path) -> None:
    (root / DELETED).unlink()


STEPS = [edit, reword, add, delete]


def _outputs(outputs: Iterable[Output]) -> dict[str, tuple[str, str, str]]:
    return {o.address: (o.content, o.page.body if o.page else "", o.page.head if o.page else "") for o in outputs}


def _rebuild(workspace: Workspace, settings: Settings, show_problems: bool) -> tuple[Rebuild, dict]:
    """A build in the workspace as the preview runs it: the plan, and the outputs it writes."""
    rebuild = workspace.plan(workspace.load(settings))
    written = _outputs(workspace.outputs(rebuild, settings, rebuild.units, (), show_problems))
    workspace.written(rebuild)
    return rebuild, written


@pytest.mark.parametrize("show_problems", [False, True], ids=["build", "serve"])
def test_each_rebuild_makes_what_a_full_build_makes(tmp_path: Path, show_problems: bool) -> None:
    project = site_project(tmp_path)
    settings = Settings.read(project)
    workspace = Workspace(preview=show_problems)  # a preview keeps its listings' entries too
    first, on_disk = _rebuild(workspace, settings, show_problems)
    assert first.bundles is None and on_disk == _outputs(build(settings, {}, show_problems).outputs)
    for step in STEPS:
        before = dict(on_disk)
        step(project)
        rebuild, written = _rebuild(workspace, settings, show_problems)
        on_disk = {uri: output for uri, output in {**on_disk, **written}.items() if uri not in rebuild.removed}
        assert on_disk == _outputs(build(settings, {}, show_problems).outputs), step.__name__
        assert written.keys() == {uri for uri in on_disk if before.get(uri) != on_disk[uri]}, step.__name__
        assert rebuild.removed == before.keys() - on_disk.keys(), step.__name__
        assert rebuild.bundles == {"", "2024"}
        assert len(rebuild.units) < len(rebuild.plan.addresses) / 2, "a rebuild renders again only what changed"
    assert Address("2024/04/30/") in rebuild.removed


def test_a_change_indexes_again_the_bundle_of_its_year_and_all_when_a_year_begins(tmp_path: Path) -> None:
    """The older years are searched two by two (the even year and the odd one after): an edit in
    2021 indexes 2020-2021 again; the first roundup of a new year makes the pairs anew."""
    project = site_project(tmp_path)
    for day in ("2021-06-01", "2022-06-01"):
        (project / "roundups" / day[:4]).mkdir()
        (project / "roundups" / day[:4] / f"{day}.md").write_text(roundup_text(date=day), encoding="utf-8")
    settings = Settings.read(project)
    workspace = Workspace()
    _rebuild(workspace, settings, False)
    older = project / "roundups/2021/2021-06-01.md"
    older.write_text(roundup_text(date="2021-06-01", title="Xiaomi sets another date"), encoding="utf-8")
    assert _rebuild(workspace, settings, False)[0].bundles == {"", "2020-2021"}
    (project / "roundups/2024/2024-12-31.md").write_text(roundup_text(date="2024-12-31"), encoding="utf-8")
    assert _rebuild(workspace, settings, False)[0].bundles == {"", "2024"}  # still the newest year
    (project / "roundups/2025").mkdir()
    (project / "roundups/2025/2025-01-01.md").write_text(roundup_text(date="2025-01-01"), encoding="utf-8")
    assert _rebuild(workspace, settings, False)[0].bundles is None


def test_a_registry_change_renders_everything_again(tmp_path: Path) -> None:
    project = site_project(tmp_path)
    settings = Settings.read(project)
    workspace = Workspace()
    _rebuild(workspace, settings, False)
    registry = project / "roundups/companies.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("name: Xiaomi Corp.", "name: Xiaomi Inc."),
                        encoding="utf-8")
    rebuild, written = _rebuild(workspace, settings, False)
    assert rebuild.bundles is None and rebuild.units == list(rebuild.plan.addresses)
    assert written == _outputs(build(settings, {}, False).outputs)


# The served site on disk ------------------------------------------------------------------------

def _differences(served: Path, built: Path) -> list[str]:
    """Files that differ between two site folders, or are in one only (Pagefind's engine files
    aside: its WebAssembly and script names change with each index it makes)."""
    found: list[str] = []

    def walk(compare: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in compare.left_only + compare.right_only + compare.diff_files)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(served, built), "")
    return sorted(path for path in found if not path.startswith("pagefind/") or path.endswith("bundles.json"))


def test_a_served_site_after_each_change_is_the_site_a_full_build_makes(tmp_path: Path, preview: Preview) -> None:
    """`mkdocs serve` as `make serve` runs it, its site folder against a build of the same files."""
    with preview.editing(EDITED, NEW, DELETED) as project:
        for step in STEPS:
            done = preview.builds()
            step(project)
            preview.wait(done + 1)
            built = tmp_path / f"built-{step.__name__}"
            result = mkdocs_build(project, built)
            assert result.returncode == 0, result.stderr
            assert _differences(preview.site, built) == [], step.__name__
            shutil.rmtree(built)
        assert not (preview.site / "2024/04/30/index.html").exists()
        assert "A newer roundup" in (preview.site / "index.html").read_text(encoding="utf-8")
        assert "2024/03/12/" in (preview.site / "companies/nio/index.html").read_text(encoding="utf-8")
