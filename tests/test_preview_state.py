"""The preview is the build: after any sequence of saves, deletions and failed rebuilds, what a
preview's workspace has written and what it says equal a fresh build of the same files, and the
check's verdict (`make serve` keeps one workspace, hooks/archive_hook.py)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import struct
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule
from mkdocs.commands.build import build as build_in_process
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from newsarchive import incremental
from newsarchive.incremental import Workspace
from newsarchive.publish import write
from newsarchive.settings import Settings
from newsarchive.site import Output, load
from newsarchive.urls import Address

from tests.conftest import COMPANIES, TOPICS, mkdocs_build, roundup_text, site_project
from tests.core_build import build
from tests.test_incremental import _differences

DAYS = ("2024-03-12", "2024-03-14", "2024-04-02")
IMAGE = "images/lead.png"
TAGS = {"clean": "xiaomi, ev", "other company": "byd, ev", "unknown tag": "xiaomy, ev"}
"""A story's Tags line: the unknown tag is an error, which keeps the roundup off a build."""


def png(width: int, height: int) -> bytes:
    """The start of a PNG file, enough for its type and size to be read."""
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sII5s", 13, b"IHDR", width, height, b"\x08\x02\x00\x00\x00") + b"0" * 8


def roundup(day: str, title: str = "Xiaomi sets a date", tags: str = TAGS["clean"], image: bool = False) -> str:
    lead = f"image:\n  src: {IMAGE}\n  alt: A car on a stand\n" if image else ""
    body = f"## Xiaomi sets a date for its car\n\nTags: {tags}\n\nThe car goes on sale soon.\n"
    return roundup_text(day, title, lead, body)


def _text(output: Output) -> str | bytes:
    """What the site holds for an output (a page: its meta, head and body; a picture: its bytes)."""
    if isinstance(output.content, bytes):
        return output.content
    return output.content + (output.page.head + output.page.body if output.page else "")


def _read(path: Path) -> str | bytes:
    """A file of the site as its output made it: text, or a picture's bytes."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


class Failure(Exception):
    """A rebuild stopped on the way, as by a full disk or an exception in a page."""


class Project:
    """A small archive and a preview of it kept between rebuilds, with the folder it writes."""

    def __init__(self, root: Path) -> None:
        roundups = root / "content"
        (roundups / "2024").mkdir(parents=True)
        (roundups / "companies.yml").write_text(COMPANIES, encoding="utf-8")
        (roundups / "topics.yml").write_text(TOPICS, encoding="utf-8")
        self.root = site_project(root, roundups)
        self.site = root / "site"
        self.workspace = Workspace(preview=True)
        self.said: list[str] = []
        self.read_settings: dict[str, Settings] = {}
        self.clock = (self.root / "mkdocs.yml").stat().st_mtime_ns

    def settings(self) -> Settings:
        """The settings of mkdocs.yml, read again when it changed (PyYAML takes a while)."""
        text = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        if text not in self.read_settings:
            self.read_settings[text] = Settings.read(self.root)
        return self.read_settings[text]

    def save(self, path: str, data: str | bytes) -> None:
        """Save a file, a second after the last save: saves by hand are further apart than the
        ticks of the file system's clock."""
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data.encode() if isinstance(data, str) else data)
        self.clock += 1_000_000_000
        os.utime(file, ns=(self.clock, self.clock))

    def delete(self, path: str) -> None:
        (self.root / path).unlink(missing_ok=True)

    def rebuild(self, stop_writing_at: int | None = None) -> None:
        """A rebuild of the preview, as the adapter runs it; with ``stop_writing_at``, it stops
        at that output, which is not written (a full disk)."""
        settings = self.settings()
        environment = (self.root / "mkdocs.yml").stat().st_mtime_ns
        loading = self.workspace.load(settings, environment, show_problems=True)
        rebuild = self.workspace.plan(loading)
        self.said = [str(problem) for problem in rebuild.loaded.problems]
        outputs = self.workspace.outputs(rebuild, settings, rebuild.units, (), show_problems=True)
        write(self.site, _stopping(((o.address, _text(o)) for o in outputs), stop_writing_at), rebuild.removed)
        self.workspace.written(rebuild)

    def shown(self) -> dict[str, str | bytes]:
        """Every file the preview has written, by its path in the site."""
        return {path.relative_to(self.site).as_posix(): _read(path) for path in self.site.rglob("*") if path.is_file()}

    def fresh(self) -> tuple[dict[str, str | bytes], list[str], list[str]]:
        """What a fresh build of the same files shows and says, and what the check says."""
        settings = self.settings()
        built = build(settings, {}, show_problems=True)
        return ({o.address.file: _text(o) for o in built.outputs}, [str(p) for p in built.loaded.problems],
                [str(p) for p in load(settings).problems])

    def assert_as_fresh(self) -> None:
        shown, said, checked = self.fresh()
        assert self.said == said == checked
        assert self.shown() == shown


def _stopping(outputs: Iterable[tuple[Address, str | bytes]], at: int | None) -> Iterator[tuple[Address, str | bytes]]:
    for number, output in enumerate(outputs):
        if number == at:
            raise Failure("no space left on the disk")
        yield output


def _failing_page(at: int) -> Callable[..., Iterator[Output]]:
    """``incremental.render`` that raises at its output number ``at``, as a page with a bug would."""
    render = incremental.render

    def rendering(*args: object, **kwargs: object) -> Iterator[Output]:
        for number, output in enumerate(render(*args, **kwargs)):  # type: ignore[arg-type]
            if number == at:
                raise Failure("a page could not be rendered")
            yield output
    return rendering


@pytest.fixture
def project(tmp_path: Path) -> Project:
    made = Project(tmp_path)
    made.save(f"roundups/2024/{DAYS[0]}.md", roundup(DAYS[0]))
    made.rebuild()
    return made


def test_a_lead_image_added_replaced_or_removed_checks_its_roundup_again(project: Project) -> None:
    project.save(f"roundups/2024/{DAYS[0]}.md", roundup(DAYS[0], image=True))
    project.rebuild()
    assert "roundups/2024/2024-03-12.md:6: error: image.src: no image at docs/images/lead.png — add the file or " \
           "fix the path" in project.said
    project.save(f"docs/{IMAGE}", png(800, 600))
    project.rebuild()
    assert not project.said
    assert 'width="800" height="600"' in project.shown()["2024/03/12/index.html"]
    project.save(f"docs/{IMAGE}", png(640, 480))
    project.rebuild()
    assert 'width="640" height="480"' in project.shown()["2024/03/12/index.html"]
    project.assert_as_fresh()
    project.delete(f"docs/{IMAGE}")
    project.rebuild()
    assert project.said and 'width="640"' not in project.shown()["2024/03/12/index.html"]
    project.assert_as_fresh()


@pytest.mark.parametrize("stop", [0, 1, 3])
def test_a_rebuild_that_stops_while_writing_leaves_what_it_did_not_write_to_the_next(
    project: Project, stop: int
) -> None:
    project.save(f"roundups/2024/{DAYS[1]}.md", roundup(DAYS[1], "A new roundup"))
    with pytest.raises(Failure):
        project.rebuild(stop_writing_at=stop)
    project.rebuild()
    assert "A new roundup" in project.shown()["2024/03/14/index.html"]
    assert "A new roundup" in project.shown()["2024/03/12/index.html"], "its neighbour links to it"
    project.assert_as_fresh()


def test_a_rebuild_stopped_by_a_page_leaves_what_it_did_not_write_to_the_next(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.save(f"roundups/2024/{DAYS[1]}.md", roundup(DAYS[1], "A new roundup"))
    monkeypatch.setattr(incremental, "render", _failing_page(2))
    with pytest.raises(Failure):
        project.rebuild()
    monkeypatch.undo()
    project.rebuild()
    assert "A new roundup" in project.shown()["2024/03/14/index.html"]
    project.assert_as_fresh()


@pytest.mark.parametrize("stop", [3, 9])
def test_what_a_stopped_rebuild_wrote_for_a_roundup_deleted_since_is_undone(project: Project, stop: int) -> None:
    project.save(f"roundups/2024/{DAYS[2]}.md", roundup(DAYS[2], "A roundup saved by mistake", TAGS["other company"]))
    with pytest.raises(Failure):
        project.rebuild(stop_writing_at=stop)
    project.delete(f"roundups/2024/{DAYS[2]}.md")
    project.rebuild()
    assert "A roundup saved by mistake" not in project.shown()["index.html"]
    assert "2024/04/index.html" not in project.shown()
    assert "No stories in the archive yet" in project.shown()["companies/byd/index.html"], "a page kept, saying so"
    project.assert_as_fresh()


def test_a_company_whose_first_stories_come_in_two_roundups_at_once_gets_its_share_card(project: Project) -> None:
    """Found by the state machine: a company's card comes with its first story; two roundups saved
    between rebuilds each share the company with the other, so neither was its only story."""
    project.delete(f"roundups/2024/{DAYS[0]}.md")
    project.rebuild()
    assert "share/companies/xiaomi.png" not in project.shown()
    project.save(f"roundups/2024/{DAYS[1]}.md", roundup(DAYS[1]))
    project.save(f"roundups/2024/{DAYS[0]}.md", roundup(DAYS[0]))
    project.rebuild()
    assert "share/companies/xiaomi.png" in project.shown()
    project.assert_as_fresh()


def test_a_site_name_changed_while_a_rebuild_fails_is_on_every_page_of_the_next(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.save("mkdocs.yml", config.replace("site_name: Asia Tech Roundup Archive", "site_name: Another Name"))
    with pytest.raises(Failure):
        project.rebuild(stop_writing_at=2)
    project.rebuild()
    assert all("Asia Tech Roundup Archive" not in text for text in project.shown().values() if isinstance(text, str))
    project.assert_as_fresh()


class Served:
    """`mkdocs serve --dirty` of a project in this process: each ``rebuild`` is what its watcher
    starts after a save. The project's site_url is the served one, as `mkdocs serve` sets it, so
    that a build of the project makes the same files."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project, self.site = project, site
        config_file = project / "mkdocs.yml"
        config_file.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {SERVED}",
                                      config_file.read_text(encoding="utf-8")), encoding="utf-8")
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.hook = config.hooks["hooks/archive_hook.py"]

    def config(self) -> MkDocsConfig:
        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVED
        return config

    def rebuild(self) -> bool:
        """Whether the rebuild went through; once its search index and permalinks manifest, which
        a preview writes after the pages, are written too."""
        try:
            build_in_process(self.config(), serve_url=SERVED, dirty=True)
        except (Abort, BuildError):
            return False
        finally:
            for thread in threading.enumerate():
                if thread.name.startswith("pagefind"):
                    thread.join()
        return True


SERVED = "http://127.0.0.1:8000/roundup-archive/"


class Index:
    """Stands for the search index (hooks/search_index.py): notes the bundles each build indexes;
    a preview's index is still being written when the next build starts."""

    made: ClassVar[list[Index]] = []

    def __init__(self, bundles: object, language: str, only: set[str] | None = None, start: bool = True,
                 after: object = ()) -> None:
        self.only, self.written, self.records, self.bundles, self.started = only, False, 0, [], 0.0
        self.at_once = start
        Index.made.append(self)

    def start(self) -> None:
        self.started = 1.0

    def write(self, site: Path) -> None:
        self.written = True

    def write_later(self, site: Path, done: object) -> None:
        pass

    def cancel(self) -> set[str] | None:
        return set() if self.written else self.only

    stop = cancel


def test_the_search_bundles_a_failed_rebuild_stopped_are_indexed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project(tmp_path)
    project.save(f"roundups/2024/{DAYS[0]}.md", roundup(DAYS[0]))
    served = Served(project.root, tmp_path / "served")
    monkeypatch.setattr(served.hook, "SearchIndex", Index)
    monkeypatch.setattr(Index, "made", [])
    assert served.rebuild()
    project.save(f"roundups/2024/{DAYS[0]}.md", roundup(DAYS[0], "A title saved just now"))
    assert served.rebuild()
    assert Index.made[-1].only == {"", "2024"}, "the rebuild indexes the bundle of 2024 after its pages"
    assert not Index.made[-1].at_once and Index.made[-1].started, "it starts once the pages are written"
    project.save("docs/notes.html", "<p>Notes</p>")  # a file docs/ may not publish: the rebuild fails
    assert not served.rebuild()
    project.delete("docs/notes.html")
    assert served.rebuild()
    assert Index.made[-1].only == {"", "2024"}, "the bundle of 2024 was never written"


def new_site_name(root: Path) -> None:
    """A new site_name: on every page, those written by hand (about/, authoring/) too."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Asia Tech Roundup Archive",
                                                                 "site_name: A Renamed Archive", 1), encoding="utf-8")


EXTRA = "docs/images/extra.svg"


def drawing(colour: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" ' \
           f'fill="{colour}"/></svg>\n'


def add_image(root: Path) -> None:
    (root / EXTRA).write_text(drawing("#336699"), encoding="utf-8")


def restore_an_older_image(root: Path) -> None:
    """Another drawing under the same name, with an older time than the copy published (as a
    file restored from a backup has)."""
    (root / EXTRA).write_text(drawing("#993366"), encoding="utf-8")
    os.utime(root / EXTRA, (1_600_000_000, 1_600_000_000))


def delete_image(root: Path) -> None:
    (root / EXTRA).unlink()


def delete_page(root: Path) -> None:
    (root / "docs/authoring.md").unlink()


def test_a_served_site_after_changes_to_mkdocs_yml_and_docs_is_the_site_a_fresh_build_makes(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.save(f"roundups/2024/{DAYS[0]}.md", roundup(DAYS[0]))
    served = Served(project.root, tmp_path / "served")
    assert served.rebuild()
    for step in [new_site_name, add_image, restore_an_older_image, delete_image, delete_page]:
        step(project.root)
        assert served.rebuild(), step.__name__
        # A fresh build of a copy: in this process, a build of the project itself would share the
        # served hook module (MkDocs loads a hook once per path), as two processes never do.
        copy, built = tmp_path / f"copy-{step.__name__}", tmp_path / f"built-{step.__name__}"
        shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns("served", "built-*", "copy-*"))
        result = mkdocs_build(copy, built)
        assert result.returncode == 0, result.stderr
        assert _differences(served.site, built) == [], step.__name__
        shutil.rmtree(built)
        shutil.rmtree(copy)
    assert "A Renamed Archive" in (served.site / "about/index.html").read_text(encoding="utf-8")
    assert not (served.site / "authoring").exists() and not (served.site / "images/extra.svg").exists()


REBUILDS = st.sampled_from(["whole", "whole", "none", "stopped while writing", "stopped by a page"])
"""What follows a save: a rebuild that completes (as often as the rest), none yet (the next
rebuild takes this save with the next), or one that stops on the way."""


class PreviewMachine(RuleBasedStateMachine):
    """Saves and deletions, each followed by a rebuild that completes, stops on the way or waits
    for the next save: after each rebuild that completes, the preview shows and says what a fresh
    build does."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="preview-state-"))
        self.project = Project(self.folder)

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize()
    def first_build(self) -> None:
        self.project.save(f"roundups/2024/{DAYS[0]}.md", roundup(DAYS[0]))
        self.project.rebuild()

    def then(self, rebuild: str, stop: int) -> None:
        if rebuild == "whole":
            self.project.rebuild()
            self.project.assert_as_fresh()
        elif rebuild == "stopped while writing":
            with contextlib.suppress(Failure):
                self.project.rebuild(stop_writing_at=stop)
        elif rebuild == "stopped by a page":
            with pytest.MonkeyPatch.context() as patch, contextlib.suppress(Failure):
                patch.setattr(incremental, "render", _failing_page(stop))
                self.project.rebuild()

    @rule(day=st.sampled_from(DAYS), title=st.sampled_from(["Xiaomi sets a date", "A title saved just now"]),
          tags=st.sampled_from(list(TAGS.values())), image=st.booleans(), rebuild=REBUILDS, stop=st.integers(0, 12))
    def save_roundup(self, day: str, title: str, tags: str, image: bool, rebuild: str, stop: int) -> None:
        self.project.save(f"roundups/2024/{day}.md", roundup(day, title, tags, image))
        self.then(rebuild, stop)

    @rule(day=st.sampled_from(DAYS), rebuild=REBUILDS, stop=st.integers(0, 12))
    def delete_roundup(self, day: str, rebuild: str, stop: int) -> None:
        self.project.delete(f"roundups/2024/{day}.md")
        self.then(rebuild, stop)

    @rule(image=st.sampled_from([png(800, 600), png(640, 480), b"not a picture"]), rebuild=REBUILDS,
          stop=st.integers(0, 12))
    def save_image(self, image: bytes, rebuild: str, stop: int) -> None:
        self.project.save(f"docs/{IMAGE}", image)
        self.then(rebuild, stop)

    @rule(rebuild=REBUILDS, stop=st.integers(0, 12))
    def delete_image(self, rebuild: str, stop: int) -> None:
        self.project.delete(f"docs/{IMAGE}")
        self.then(rebuild, stop)

    @rule(name=st.sampled_from(["Asia Tech Roundup Archive", "Another Name"]), rebuild=REBUILDS,
          stop=st.integers(0, 12))
    def rename_site(self, name: str, rebuild: str, stop: int) -> None:
        config = self.project.root / "mkdocs.yml"
        lines = config.read_text(encoding="utf-8").splitlines()
        self.project.save("mkdocs.yml", "".join(f"site_name: {name}\n" if line.startswith("site_name:") else
                                                f"{line}\n" for line in lines))
        self.then(rebuild, stop)


TestPreviewMachine = PreviewMachine.TestCase
TestPreviewMachine.settings = settings(max_examples=10, stateful_step_count=12, deadline=None)
