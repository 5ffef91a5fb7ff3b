"""The suite's own rules, on a miniature of the repository (its Makefile, pytest settings and
conftest, with a test or two of its own): a commit gives the same result on every run, `make fuzz`
explores with random examples and keeps what fails, and a test that hangs fails alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.conftest import ROOT

RECORDING = """
    from pathlib import Path

    from hypothesis import given, strategies as st

    SEEN = Path(__file__).with_name("seen.txt")


    @given(st.text())
    def test_records_its_examples(text):
        with SEEN.open("a", encoding="utf-8") as seen:
            seen.write(repr(text) + "\\n")
"""
FAILING = """
    from hypothesis import given, strategies as st


    @given(st.integers())
    def test_below_a_thousand(n):
        assert n < 1000
"""
HANGING = """
    import time


    def test_hangs():
        time.sleep(600)


    def test_after_it():
        pass
"""


def miniature(folder: Path, tests: dict[str, str]) -> Path:
    """A repository with this one's Makefile, pytest settings and test plugins (with the browser
    they name, in scripts/page_weight.py), and ``tests`` (file name: source) as its tests."""
    folder.mkdir()
    for name in ("Makefile", "pyproject.toml", "mkdocs.yml"):
        shutil.copy(ROOT / name, folder)
    (folder / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "page_weight.py", folder / "scripts")
    (folder / "tests").mkdir()
    for name in ("conftest.py", "browser.py", "preview.py"):
        shutil.copy(ROOT / "tests" / name, folder / "tests")
    for name, source in tests.items():
        (folder / "tests" / name).write_text(textwrap.dedent(source), encoding="utf-8")
    return folder


def run(folder: Path, *command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``command`` in ``folder``, in an environment without this pytest's own variables."""
    base = {key: value for key, value in os.environ.items()
            if not key.startswith(("PYTEST_", "HYPOTHESIS_", "FUZZ_")) and key != "PYTHONPATH"}
    return subprocess.run(command, cwd=folder, env={**base, **env}, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=240)


def pytest(folder: Path, *options: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The suite's command, `python -m pytest`, as `make test` and CI run it."""
    return run(folder, sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *options, **env)


def make_fuzz(folder: Path, minutes: int, examples: int) -> subprocess.CompletedProcess[str]:
    """`make fuzz` with the Python running these tests (its venv stands for .venv)."""
    return run(folder, "make", "fuzz", f"BIN={Path(sys.executable).parent}", "-o", ".venv/dev.stamp",
               "-o", ".venv/site.stamp", FUZZ_MINUTES=str(minutes), FUZZ_EXAMPLES=str(examples))


def test_property_tests_take_the_same_examples_on_every_run(tmp_path: Path) -> None:
    """As `make test` runs them (on xdist's workers), and in pytest's own process."""
    project = miniature(tmp_path / "repository", {"test_recording.py": RECORDING})
    seen = project / "tests" / "seen.txt"
    runs = []
    for options in ([], ["-n", "0"]):
        result = pytest(project, "-q", *options)
        assert result.returncode == 0, result.stdout + result.stderr
        runs.append(seen.read_text(encoding="utf-8").splitlines())
        seen.unlink()
    assert len(runs[0]) >= 150 and runs[0] == runs[1], "the examples changed between two runs"


def test_make_fuzz_draws_new_examples_each_run(tmp_path: Path) -> None:
    project = miniature(tmp_path / "repository", {"test_recording.py": RECORDING})
    seen = project / "tests" / "seen.txt"
    runs = []
    for _ in range(2):
        result = make_fuzz(project, minutes=0, examples=20)
        assert result.returncode == 0, result.stdout + result.stderr
        runs.append(seen.read_text(encoding="utf-8").splitlines())
        seen.unlink()
    assert 20 <= len(runs[0]) < 150 and runs[0] != runs[1]


def test_make_fuzz_keeps_a_failing_example_and_tries_it_first_next_time(tmp_path: Path) -> None:
    project = miniature(tmp_path / "repository", {"test_failing.py": FAILING})
    found = make_fuzz(project, minutes=0, examples=300)
    assert found.returncode != 0, found.stdout
    assert "make fuzz: run 1, 300 random examples a test" in found.stdout
    assert "Failing test case: test_below_a_thousand(" in found.stdout, found.stdout
    assert "n=1000," in found.stdout and "@reproduce_failure" in found.stdout  # and how to replay it
    assert any((project / ".hypothesis" / "examples").iterdir())
    again = make_fuzz(project, minutes=0, examples=1)  # one example: the one the database holds
    assert again.returncode != 0 and "n=1000," in again.stdout, again.stdout


def test_a_hung_test_fails_alone_after_the_timeout_and_the_slowest_are_listed(tmp_path: Path) -> None:
    project = miniature(tmp_path / "repository", {"test_hanging.py": HANGING})
    start = time.monotonic()
    result = pytest(project, "-o", "timeout=3")
    assert time.monotonic() - start < 300, "the test slept its 600 s"
    assert result.returncode == 1, result.stdout
    assert "Failed: Timeout (>3.0s) from pytest-timeout." in result.stdout, result.stdout
    assert result.stdout.splitlines()[-1].startswith("=") and " 1 failed, 1 passed in " in result.stdout.splitlines()[-1]
    assert "slowest 15 durations" in result.stdout
