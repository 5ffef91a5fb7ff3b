"""Shared fixtures: small content trees written inline, and builds of the real sample site."""

from __future__ import annotations

import fcntl
import gc
import logging
import os
import shutil
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis, by HYPOTHESIS_PROFILE: "ci" (the default, for `make test` and CI) derandomized, so a
# commit gives the same result on every run and machine; "fuzz" (`make fuzz`) random, with
# FUZZ_EXAMPLES examples a test, and the failures it finds kept in .hypothesis/ and tried first
# by the next run.
settings.register_profile("ci", settings.get_profile("ci"), max_examples=150)
settings.register_profile(  # from Hypothesis' defaults, not from the profile active (its "ci" where CI is set)
    "fuzz", settings.get_profile("default"), max_examples=int(os.environ.get("FUZZ_EXAMPLES", "1000")),
    derandomize=False, deadline=None, print_blob=True,
    database=DirectoryBasedExampleDatabase(ROOT / ".hypothesis" / "examples"),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

COMPANIES = """\
xiaomi:
  name: Xiaomi Corp.
  name_zh: 小米集团
  aliases: [Xiaomi, 小米]
  tickers: ["1810.HK"]
  hq: Beijing
  url: https://www.mi.com/
  description: Smartphone and electronics maker that entered the EV market in 2024.
byd:
  name: BYD Co.
  name_zh: 比亚迪
  aliases: [BYD]
shengshu:
  name: Shengshu Technology
  name_zh: 生数科技
  aliases: [Shengshu]
"""

TOPICS = """\
ev:
  name: Electric vehicles
  name_zh: 电动汽车
ai:
  name: Artificial intelligence
"""


def roundup_text(
    date: str = "2024-03-12",
    title: str = "Xiaomi sets a date",
    extra: str = "",
    body: str = "## Xiaomi sets a sales date for the SU7\n\nTags: xiaomi, ev\n\nThe car goes on sale soon.\n",
) -> str:
    """A valid roundup, with ``extra`` frontmatter lines and ``body`` to vary one thing at a time."""
    return f"---\ntitle: {title}\ndate: {date}\nsummary: A short summary.\n{extra}---\n\n{body}"


@pytest.fixture
def content(tmp_path: Path):
    """Write a content tree (registry + roundups) under tmp_path; return a writer function."""
    (tmp_path / "roundups" / "2024").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "roundups" / "companies.yml").write_text(COMPANIES, encoding="utf-8")
    (tmp_path / "roundups" / "topics.yml").write_text(TOPICS, encoding="utf-8")

    def write(relpath: str, text: str | bytes) -> Path:
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    write.root = tmp_path  # type: ignore[attr-defined]
    return write


def site_project(tmp_path: Path, roundups: Path | None = None) -> Path:
    """A copy of the project (config, docs, hooks) to build elsewhere; roundups from ``roundups``."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(roundups or ROOT / "roundups", project / "roundups")
    return project


@dataclass
class Built:
    """What `mkdocs build` gives back: its exit status and its log, as lines and as records."""

    returncode: int
    stderr: str
    records: list[logging.LogRecord]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []
        self.setFormatter(logging.Formatter(MKDOCS_LOG))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


MKDOCS_LOG = "%(levelname)-8s-  %(message)s"
"""The lines of `mkdocs build`'s log where it writes to no terminal (CI's log, a pipe)."""


def mkdocs_build(project: Path, site_dir: Path, *args: str) -> Built:
    """`mkdocs build` of ``project`` into ``site_dir`` (``args``: "--strict" or nothing), as CI
    runs it, here in the test's process: what the command does, from reading mkdocs.yml to the
    plugins' shutdown, its log (INFO and up, in its format) and its exit status (1 for a build it
    aborts). An exception that the command would show as a traceback fails the test."""
    assert set(args) <= {"--strict"}, args
    logger, handler = logging.getLogger("mkdocs"), _Records()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    code = 0
    try:
        config = load_config(str(project / "mkdocs.yml"), strict="--strict" in args, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except (Abort, BuildError) as error:
        handler.records.append(logging.makeLogRecord({"levelname": "ERROR", "levelno": logging.ERROR,
                                                      "name": "mkdocs", "msg": error.format_message()}))
        code = 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        gc.unfreeze()  # the hook freezes what a build loaded, for as long as the command lives
    return Built(code, "".join(handler.format(record) + "\n" for record in handler.records), handler.records)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> tuple[Path, str]:
    """The real sample archive, built strictly from the repository into a temporary folder,
    with the build's log: once a run, by the first of xdist's workers to ask for it, the others
    waiting for it (tests only read it)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base if worker_id == "master" else base.parent) / "sample"
    folder.mkdir(exist_ok=True)
    log = folder / "build.log"
    with locked(folder):
        if not log.exists():
            result = mkdocs_build(ROOT, folder / "site", "--strict")
            assert result.returncode == 0, result.stderr
            log.write_text(result.stderr, encoding="utf-8")
    return folder / "site", log.read_text(encoding="utf-8")


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s lock: one test process at a time (xdist's workers wait their turn)."""
    lock = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)  # and with it the lock


@pytest.fixture(scope="session")
def sample_site(sample_build: tuple[Path, str]) -> Path:
    return sample_build[0]


pytest_plugins = [
    "tests.browser",  # site_url, browser, open_page: the real-browser fixtures
    "tests.preview",  # preview: `make serve`'s mkdocs serve
]

FIRST = ("tests/test_workflow_steps.py", "tests/test_reader_layout.py", "tests/test_reader_pages.py")
"""The slowest modules, run first so that no worker is left with a long one at the end (xdist
hands out whole modules, and classes, in this order: ``--dist loadscope --no-loadscope-reorder``)."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: a worker more than the machine's cores, as many tests spend their time waiting
    on a browser, a server or pip (on 2 cores the suite took 319 s with 2 workers, 288 s with 3)."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: FIRST.index(module) if (module := item.nodeid.split("::")[0]) in FIRST else len(FIRST))
