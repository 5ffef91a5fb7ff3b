"""A story's address is a permalink too: the manifest lists every published story with its
#anchor, and scripts/check-permalinks fails when one disappears, saying how to keep it (the old
anchor written after the headline) or how to let it go (a story removed on purpose, listed in
mkdocs.yml)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from newsarchive.permalinks import read_manifest
from newsarchive.settings import Settings, SettingsError
from newsarchive.urls import PERMALINKS as MANIFEST

from tests.conftest import roundup_text
from tests.test_permalinks import build, check_permalinks, project_with

OLD_ANCHOR = "xiaomi-sets-a-sales-date-for-the-su7"
STORY = f"/2024/03/12/#{OLD_ANCHOR}"
FIXED = "## Xiaomi sets a sale date for the SU7"
"""The headline, its typo corrected: the anchor made from it changes."""
XIAOMI = "## Xiaomi sets a sales date for the SU7\n\nTags: xiaomi, ev\n\nThe car goes on sale soon.\n"
BYD = "## BYD cuts prices again\n\nTags: byd, ev\n\nBYD lowers the price of two models.\n"


def write_manifest(path: Path, urls: list[str], stories: list[str] = (), roundups: dict[str, str] | None = None,
                   removed: list[str] = ()) -> Path:
    path.write_text(json.dumps({"site_url": "https://example.org/", "urls": urls, "roundups": roundups or {},
                                "stories": list(stories), "removed": list(removed)}), encoding="utf-8")
    return path


# The build's manifest


def test_the_manifest_lists_every_story_of_every_roundup_page_with_its_file(sample_site: Path) -> None:
    listed = read_manifest((sample_site / MANIFEST).read_text(encoding="utf-8"))
    assert len(listed.roundups) >= 20 and listed.roundups["/2024/03/12/"] == "roundups/2024/2024-03-12.md"
    on_pages = set()
    for page, file in listed.roundups.items():
        assert page in listed.urls and Path(file).is_file(), page
        html = (sample_site / page.lstrip("/") / "index.html").read_text(encoding="utf-8")
        on_pages |= {f"{page}#{anchor}" for anchor in re.findall(r'<h2 id="([^"]+)"', html)
                     if not anchor.startswith("na-")}
    assert listed.stories == on_pages and STORY in listed.stories
    assert listed.removed == frozenset()


# A corrected headline


def test_a_corrected_headline_breaks_its_story_address_until_it_keeps_the_old_anchor(tmp_path: Path) -> None:
    roundup = roundup_text()
    project = project_with(tmp_path, {"2024-03-12.md": roundup})
    path = project / "roundups/2024/2024-03-12.md"
    first = build(project, tmp_path / "first")
    assert STORY in first.stories

    # A typo in the headline is corrected: the anchor made from the headline changes with it.
    path.write_text(roundup.replace("## Xiaomi sets a sales date for the SU7", FIXED), encoding="utf-8")
    build(project, tmp_path / "fixed")
    result, _ = check_permalinks(tmp_path / "first" / MANIFEST, tmp_path / "fixed" / MANIFEST)
    assert (result.returncode, result.stdout.splitlines()) == (1, [
        f"{STORY}: a story's address, gone from this build — if its headline changed, keep the old address by "
        f"ending the headline with {{#{OLD_ANCHOR}}} (roundups/2024/2024-03-12.md)",
        "1 URL of the deployed site would break. Restore it.",
        "A story removed on purpose: list its address in mkdocs.yml, and say why in a correction of its roundup:",
        "  extra:",
        "    archive:",
        "      removed:",
        f"        - {STORY}",
    ])

    # Written after the corrected headline, the old anchor keeps the story at its address.
    path.write_text(roundup.replace("## Xiaomi sets a sales date for the SU7", f"{FIXED} {{#{OLD_ANCHOR}}}"),
                    encoding="utf-8")
    kept = build(project, tmp_path / "kept")
    result, _ = check_permalinks(tmp_path / "first" / MANIFEST, tmp_path / "kept" / MANIFEST)
    assert (result.returncode, result.stdout) == (
        0, f"All {len(first.urls) + len(first.stories)} URLs of the deployed site are kept.\n")
    assert kept.stories == first.stories
    feeds = [json.loads((tmp_path / site / "companies/xiaomi/feed.json").read_text(encoding="utf-8"))
             for site in ("first", "kept")]
    assert [item["id"] for item in feeds[1]["items"]] == [item["id"] for item in feeds[0]["items"]], (
        "the story's feed entry keeps its id")
    assert feeds[1]["items"][0]["title"] == FIXED.removeprefix("## ")


# A story removed on purpose


def test_a_story_removed_on_purpose_is_let_go_while_mkdocs_yml_lists_it(tmp_path: Path) -> None:
    roundup = roundup_text(body=f"{XIAOMI}\n{BYD}")
    project = project_with(tmp_path, {"2024-03-12.md": roundup})
    config = project / "mkdocs.yml"
    first = build(project, tmp_path / "first")
    byd = "/2024/03/12/#byd-cuts-prices-again"
    assert byd in first.stories

    # The BYD story turns out to be wrong and is taken down; mkdocs.yml says so.
    (project / "roundups/2024/2024-03-12.md").write_text(roundup.replace(BYD, ""), encoding="utf-8")
    plain = config.read_text(encoding="utf-8")
    listed, found = re.subn(r"\n  archive:[^\n]*\n", rf"\g<0>    removed:\n      - {byd}\n", plain, count=1)
    config.write_text(listed, encoding="utf-8")
    assert found == 1
    removed = build(project, tmp_path / "removed")
    assert byd not in removed.stories and removed.removed == {byd}
    result, _ = check_permalinks(tmp_path / "first" / MANIFEST, tmp_path / "removed" / MANIFEST)
    assert result.returncode == 0, result.stdout

    # Once deployed, the list stays: deleting the entry breaks the address again.
    config.write_text(plain, encoding="utf-8")
    build(project, tmp_path / "forgotten")
    result, _ = check_permalinks(tmp_path / "removed" / MANIFEST, tmp_path / "forgotten" / MANIFEST)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{byd}: a story's address, gone from this build — if its headline changed, keep the old address by "
        "ending the headline with {#byd-cuts-prices-again} (roundups/2024/2024-03-12.md)")


@pytest.mark.parametrize(("value", "problem"), [
    ("/2024/03/12/", "'/2024/03/12/' is not the address of a story"),
    ("2024/03/12/#byd", "'2024/03/12/#byd' is not the address of a story"),
    ("/2024/03/12/#", "'/2024/03/12/#' is not the address of a story"),
    ("/2024/03/12#byd", "'/2024/03/12#byd' is not the address of a story"),
    (12, "'12' is not the address of a story"),
])
def test_a_removed_entry_that_is_no_story_address_is_an_error_naming_it(value: object, problem: str) -> None:
    config = {"extra": {"archive": {"removed": [value]}}}
    with pytest.raises(SettingsError) as raised:
        Settings.from_config(config, Path("mkdocs.yml"))
    assert str(raised.value) == (f"mkdocs.yml: extra.archive.removed: {problem} — write each as "
                                 "scripts/check-permalinks names it, e.g. /2024/03/12/#xiaomi-sets-a-date")


def test_removed_is_a_list() -> None:
    with pytest.raises(SettingsError, match=r"^mkdocs.yml: extra.archive.removed: not a list — write each as "):
        Settings.from_config({"extra": {"archive": {"removed": "/2024/03/12/#byd"}}}, Path("mkdocs.yml"))


# The check, on manifests


def test_a_second_edition_s_story_names_its_own_file(tmp_path: Path) -> None:
    page = "/2024/03/12/evening/"
    old = write_manifest(tmp_path / "old.json", ["/", page], [f"{page}#chips"])
    new = write_manifest(tmp_path / "new.json", ["/", page], [f"{page}#chip-exports"],
                         {page: "roundups/2024/2024-03-12-evening.md"})
    result, _ = check_permalinks(old, new)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{page}#chips: a story's address, gone from this build — if its headline changed, keep the old address by "
        "ending the headline with {#chips} (roundups/2024/2024-03-12-evening.md)")


def test_a_story_goes_with_its_page_and_follows_its_redirect(tmp_path: Path) -> None:
    old = write_manifest(tmp_path / "old.json", ["/", "/2024/03/12/"], ["/2024/03/12/#chips"],
                         {"/2024/03/12/": "roundups/2024/2024-03-12.md"})
    # The page is gone: the page is named, not each of its stories.
    gone = write_manifest(tmp_path / "gone.json", ["/"])
    result, _ = check_permalinks(old, gone)
    assert result.stdout.splitlines()[0:2] == [
        "/2024/03/12/: answered by the deployed site, gone from this build",
        "1 URL of the deployed site would break. Restore it, or send readers of a page on to its new address in "
        "mkdocs.yml:"]
    assert "story" not in result.stdout
    # The page is a redirect now (a page, but no roundup's): it carries the #anchor to the new address.
    redirected = write_manifest(tmp_path / "redirected.json", ["/", "/2024/03/12/", "/2024/03/12/evening/"],
                                ["/2024/03/12/evening/#chips"], {"/2024/03/12/evening/": "roundups/2024/x.md"})
    result, _ = check_permalinks(old, redirected)
    assert (result.returncode, result.stdout) == (0, "All 3 URLs of the deployed site are kept.\n")


def test_a_manifest_deployed_before_stories_were_listed_is_read(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"site_url": "https://example.org/", "urls": ["/", "/2024/03/12/"]}), encoding="utf-8")
    new = write_manifest(tmp_path / "new.json", ["/", "/2024/03/12/"], [STORY],
                         {"/2024/03/12/": "roundups/2024/2024-03-12.md"})
    result, _ = check_permalinks(old, new)
    assert (result.returncode, result.stdout, result.stderr) == (0, "All 2 URLs of the deployed site are kept.\n", "")


@pytest.mark.parametrize(("fields", "problem"), [
    ({"stories": "/2024/03/12/#x"}, "its 'stories' is not a list of strings"),
    ({"removed": [1]}, "its 'removed' is not a list of strings"),
    ({"roundups": ["/2024/03/12/"]}, "its 'roundups' is not an object of file names"),
    ({"roundups": {"/2024/03/12/": None}}, "its 'roundups' is not an object of file names"),
])
def test_a_manifest_with_stories_of_the_wrong_shape_is_an_error_naming_the_file(tmp_path: Path, fields: dict,
                                                                                problem: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"urls": ["/"], **fields}), encoding="utf-8")
    good = write_manifest(tmp_path / "good.json", ["/"])
    result, _ = check_permalinks(bad, good)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"check-permalinks: {bad}: not a permalinks manifest: {problem}\n")
