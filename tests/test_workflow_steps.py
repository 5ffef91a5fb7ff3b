"""Every `run:` step of .github/workflows/ci.yml, deploy.yml and fuzz.yml, in order, in a fresh
clone, as a GitHub runner would run it.

Each job gets a `git clone` of the repository's HEAD (commit first: what is not committed is not
run) and a fresh virtual environment made with ``python -m venv`` as its Python, first on PATH, so
the workflow's own install step (pip installs uv, uv the lock) installs into it (from pip's and
uv's caches when they can). Only fuzz.yml, which runs `make fuzz`, has a ``.venv``: make's. The
environment is a runner's:
``GITHUB_ACTIONS=true``, ``CI=true``, ``GITHUB_WORKSPACE``, ``RUNNER_TEMP``, and fresh
``GITHUB_OUTPUT``, ``GITHUB_ENV``, ``GITHUB_PATH`` and ``GITHUB_STEP_SUMMARY`` files per step (what
a step adds to GITHUB_ENV and GITHUB_PATH reaches the later steps), without this machine's
PYTHONDONTWRITEBYTECODE, which a runner does not set. Each `run:` runs as GitHub runs
it: written to a file and run by ``bash -e {0}``, or ``bash --noprofile --norc -eo pipefail {0}``
under ``shell: bash``, without stdin.

`uses:` steps are stood in for by what they do here: checkout is the clone, setup-python the fresh
venv (of the Python version asked for), setup-node the machine's node (of the major version asked
for), upload-artifact and upload-pages-artifact check that their path exists, deploy-pages and the
cache's restore and save (a first run's: nothing to take up) do nothing. A step the test does not know (another action, an expression in a script, an `if:` it
cannot decide) fails the test, so the test learns of every change to the workflows.

The live site, whose permalinks.json the "Keep every URL of the live site" step fetches, is a local
http server holding the permalinks.json of a build of the same commit, at
http://127.0.0.1:<port>/roundup-archive/, built before the first step that fetches it runs. The
steps reach it through site_url: in each clone mkdocs.yml says that address from the checkout
until the step that fetches the live manifest has run, and is then put back, so the steps after
it (the test suite) see the commit's own files.

Two steps run as markers of themselves. The test suite's (`python -m pytest`) runs with
``--collect-only -q``: the runner's Python, with what the earlier steps installed, imports every
test module and takes the suite's options (pyproject.toml: xdist's ``-n``, pytest-timeout's
``timeout``), without the suite running inside itself (the suite runs in `make test` and in the
workflow; running it here again took five of the suite's nine minutes). The fuzzing's (`make
fuzz`) runs once, on 3 examples a test (FUZZ_MINUTES=0, FUZZ_EXAMPLES=3). Root: a step's `sudo` runs
the command itself when the machine has no sudo and the test runs as root (`apt-get install` of an
installed package is quick and needs no network).
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

SUITE = re.compile(r"^(python -m pytest\b.*)$", re.MULTILINE)
"""The command of the step that runs the test suite, run as a marker: with ``SUITE_MARKER``."""
SUITE_MARKER = r"\1 --collect-only -q"
OTHER_SUITE = re.compile(r"\bpytest\b|\bmake\b.*\btest\b")
"""Another way to run the test suite, which the test would run inside itself: refused."""
COLLECTED = re.compile(r"^(\d+) tests collected in ", re.MULTILINE)
WORKFLOWS = ("ci.yml", "deploy.yml", "fuzz.yml")
MAKE = {"fuzz.yml"}
"""The workflows that run a `make` target, which makes .venv as on a developer's machine; the
others install into the runner's Python."""
FUZZ = re.compile(r"^make fuzz$", re.MULTILINE)
"""The command of the step that fuzzes, run for the least time: one run of ``FUZZ_MARKER`` examples."""
FUZZ_MARKER = {"FUZZ_MINUTES": "0", "FUZZ_EXAMPLES": "3"}
SITE_PATH = "roundup-archive/"
"""The path of site_url in mkdocs.yml, kept by the local stand-in of the live site."""
SITE_URL = re.compile(r"^site_url: .*$", re.MULTILINE)
STEP_KEYS = {"name", "id", "if", "run", "uses", "with", "env", "shell", "working-directory", "timeout-minutes"}
JOB_KEYS = {"name", "runs-on", "needs", "steps", "timeout-minutes", "permissions", "environment", "env", "defaults",
            "concurrency", "if"}
CONDITION = re.compile(r"!cancelled\(\)|success\(\)|steps\.([\w-]+)\.outcome == 'success'")
"""The `if:` terms the test decides: all true, since it stops at the first step that fails."""
SHELLS = {None: "bash -e {0}", "bash": "bash --noprofile --norc -eo pipefail {0}"}
OUTPUT_SHOWN = 20_000
"""Characters of a failed step's output shown in the failure (the whole output is in its log)."""


def load(origin: Path, name: str) -> dict:
    """The workflow ``name`` as committed in the repository ``origin``."""
    workflow = yaml.safe_load(git(origin, "show", f"HEAD:.github/workflows/{name}"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true
    return workflow


def in_order(jobs: dict[str, dict]) -> list[str]:
    """The job ids, each after the jobs it `needs`."""
    done: list[str] = []
    while len(done) < len(jobs):
        ready = [job_id for job_id, job in jobs.items() if job_id not in done
                 and all(need in done for need in _list(job.get("needs")))]
        assert ready, f"jobs whose `needs` cannot be met: {sorted(set(jobs) - set(done))}"
        done.append(ready[0])
    return done


def _list(value: str | list[str] | None) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


# The live site ------------------------------------------------------------------------------------

class _LiveSite(SimpleHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


class LiveSite:
    """The stand-in of the live site for the commit in ``work``/origin.git: its address, the paths
    asked for, and its permalinks.json, built when a step first needs it."""

    def __init__(self, work: Path, site_url: str, requests: list[str]) -> None:
        self.work, self.url, self.requests = work, site_url, requests
        self.built = False

    def build(self) -> None:
        """The permalinks.json of a strict build of the commit (at its address), served from now on."""
        clone(self.work / "origin.git", self.work / "live-clone")
        point_site_url(self.work / "live-clone", self.url)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.work / "live-build")],
            cwd=self.work / "live-clone", capture_output=True, text=True, stdin=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=900)
        assert result.returncode == 0, f"the build of the live site failed:\n{result.stderr[-OUTPUT_SHOWN:]}"
        (self.work / "live-site" / SITE_PATH).mkdir(parents=True)
        shutil.copy(self.work / "live-build" / "permalinks.json", self.work / "live-site" / SITE_PATH / "permalinks.json")
        self.built = True


@contextmanager
def live_site(work: Path) -> Iterator[LiveSite]:
    """Serve ``work``/live-site, at first empty."""
    requests: list[str] = []
    folder = work / "live-site"
    folder.mkdir()
    handler = type("Handler", (_LiveSite,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield LiveSite(work, f"http://127.0.0.1:{server.server_address[1]}/{SITE_PATH}", requests)
    finally:
        server.shutdown()
        server.server_close()


def clone(source: Path, target: Path, *options: str) -> str:
    """`git clone` of ``source``'s HEAD into ``target``; returns the commit."""
    subprocess.run(["git", "clone", "--quiet", *options, str(source), str(target)],
                   check=True, capture_output=True, stdin=subprocess.DEVNULL, timeout=300)
    return git(target, "rev-parse", "HEAD")


def git(repository: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repository), *args], check=True, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300).stdout.strip()


def point_site_url(repository: Path, site_url: str) -> None:
    """Make mkdocs.yml in ``repository`` say ``site_url`` (the stand-in of the live site)."""
    config = repository / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    (line,) = SITE_URL.findall(text)
    assert line.rstrip("/").endswith(SITE_PATH.rstrip("/")), f"{line}: the site's path is no longer /{SITE_PATH}"
    config.write_text(SITE_URL.sub(f"site_url: {site_url}", text), encoding="utf-8")


# The runner ---------------------------------------------------------------------------------------

def runner_path(tools: Path) -> list[str]:
    """The machine's PATH for the steps, after ``tools``: without the interpreter running the tests
    (its venv) or any other virtual environment."""
    def is_venv(folder: str) -> bool:
        return (Path(folder).parent / "pyvenv.cfg").exists()
    own = Path(sys.executable).parent
    return [str(tools), *(folder for folder in os.environ.get("PATH", "").split(os.pathsep)
                          if folder and Path(folder) != own and not is_venv(folder))]


def tools_folder(folder: Path) -> Path:
    """Programs a runner has and this machine may not: `sudo` (passwordless on a runner)."""
    folder.mkdir()
    if shutil.which("sudo") is None and os.geteuid() == 0:
        sudo = folder / "sudo"
        sudo.write_text('#!/bin/sh\n# sudo as root, on a machine without sudo: run the command itself\nexec "$@"\n',
                        encoding="utf-8")
        sudo.chmod(0o755)
    return folder


def runner_env(workspace: Path, temp: Path, workflow: str, job_id: str, commit: str, path: list[str]) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONDONTWRITEBYTECODE"}
           and not key.startswith("PYTEST_")}
    local = "127.0.0.1,localhost"
    env |= {
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_WORKFLOW": workflow,
        "GITHUB_JOB": job_id,
        "GITHUB_EVENT_NAME": "pull_request" if workflow == "ci.yml" else "push",
        "GITHUB_SHA": commit,
        "RUNNER_OS": "Linux",
        "RUNNER_TEMP": str(temp),
        "PATH": os.pathsep.join(path),
        "NO_PROXY": ",".join(filter(None, (os.environ.get("NO_PROXY"), local))),
        "no_proxy": ",".join(filter(None, (os.environ.get("no_proxy"), local))),
    }
    return env


def expand(value: object, what: str) -> str:
    text = str(value)
    assert "${{" not in text, f"{what}: the test does not evaluate expressions: {text!r}"
    return text


def decide(condition: str | None, earlier: set[str], what: str) -> None:
    """Check that ``condition`` is one the test decides (true: every earlier step succeeded)."""
    if condition is None:
        return
    text = condition.strip().removeprefix("${{").removesuffix("}}").strip()
    for term in (term.strip() for term in text.split("&&")):
        matched = CONDITION.fullmatch(term)
        assert matched, f"{what}: the test cannot decide `if: {condition}` (term {term!r})"
        assert matched.group(1) is None or matched.group(1) in earlier, f"{what}: no earlier step {matched.group(1)!r}"


def github_files(temp: Path, step: int) -> dict[str, Path]:
    files = {name: temp / f"{name.lower()}-{step}" for name in
             ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
    for file in files.values():
        file.touch()
    return files


def read_github_env(path: Path) -> dict[str, str]:
    """What a step wrote to GITHUB_ENV: ``NAME=value`` lines and ``NAME<<DELIMITER`` blocks."""
    values: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines:
        line = lines.pop(0)
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter)
            values[name], lines = "\n".join(lines[:end]), lines[end + 1:]
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


class Job:
    """One job of a workflow on a runner of its own: a workspace, a Python, its steps in order."""

    def __init__(self, workflow: str, job_id: str, job: dict, defaults: dict, work: Path, tools: Path,
                 live: LiveSite, log: list[str]) -> None:
        self.workflow, self.job_id, self.job = workflow, job_id, job
        self.name = f"{workflow} › {job.get('name', job_id)}"
        run_defaults = (job.get("defaults") or defaults or {}).get("run") or {}
        assert set(run_defaults) <= {"shell"}, f"{self.name}: run defaults the test does not know: {run_defaults}"
        self.shell = run_defaults.get("shell")
        self.root, self.origin = work / f"{workflow.removesuffix('.yml')}-{job_id}", work / "origin.git"
        self.workspace, self.temp = self.root / "workspace", self.root / "runner-temp"
        self.temp.mkdir(parents=True)
        self.env = runner_env(self.workspace, self.temp, workflow, job_id, git(self.origin, "rev-parse", "HEAD"),
                              runner_path(tools))
        self.live, self.log = live, log
        self.ran: list[str] = []
        """What the job's steps did that the test looks for: "live site" and "test suite"."""

    def run(self, workflow_env: dict) -> None:
        assert set(self.job) <= JOB_KEYS, f"{self.name}: keys the test does not know: {sorted(set(self.job) - JOB_KEYS)}"
        self.env |= {k: expand(v, f"{self.name}: env") for k, v in {**workflow_env, **(self.job.get("env") or {})}.items()}
        done: set[str] = set()
        for number, step in enumerate(self.job["steps"], 1):
            what = f"{self.name}, step {number} ({step.get('name') or step.get('uses') or step.get('run')!r})"
            assert set(step) <= STEP_KEYS, f"{what}: keys the test does not know: {sorted(set(step) - STEP_KEYS)}"
            decide(step.get("if"), done, what)
            start = time.perf_counter()
            if "uses" in step:
                self.stand_in(step, what)
            else:
                self.run_step(step, number, what)
            self.log.append(f"{time.perf_counter() - start:8.1f} s  {what}")
            if step.get("id"):
                done.add(step["id"])

    def stand_in(self, step: dict, what: str) -> None:
        """What a `uses:` step does, here."""
        action, options = step["uses"].split("@")[0], step.get("with") or {}
        if action == "actions/checkout":
            assert not self.workspace.exists(), f"{what}: a second checkout"
            clone(self.origin, self.workspace)
            point_site_url(self.workspace, self.live.url)
        elif action == "actions/setup-python":
            version = str(options["python-version"])
            python = sys.executable if f"{sys.version_info.major}.{sys.version_info.minor}" == version else (
                shutil.which(f"python{version}"))
            assert python, f"{what}: no Python {version} on this machine to make the runner's Python from"
            venv = self.root / "python"
            subprocess.run([python, "-m", "venv", str(venv)], check=True, capture_output=True,
                           stdin=subprocess.DEVNULL, timeout=600)
            self.env["PATH"] = os.pathsep.join([str(venv / "bin"), self.env["PATH"]])
        elif action == "actions/setup-node":
            node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True,
                                  env=self.env, timeout=60).stdout.strip()
            assert node.lstrip("v").split(".")[0] == str(options["node-version"]), (
                f"{what}: the machine's node is {node}, the workflow asks for {options['node-version']}")
        elif action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
            path = self.workspace / expand(options["path"], what)
            if options.get("if-no-files-found") != "ignore":
                assert path.exists() and any(path.iterdir()), f"{what}: nothing to upload at {options['path']}"
            if action == "actions/upload-pages-artifact":
                assert (path / "index.html").is_file(), f"{what}: {options['path']} holds no index.html"
        else:  # deploy-pages, and a cache a first run finds empty and saves for the next
            assert action in ("actions/deploy-pages", "actions/cache/restore", "actions/cache/save"), (
                f"{what}: the test does not know what {action} does here")

    def run_step(self, step: dict, number: int, what: str) -> None:
        """Run one `run:` step as GitHub does, then take what it added to GITHUB_ENV and GITHUB_PATH."""
        script = expand(step["run"], what)
        script, suite = SUITE.subn(SUITE_MARKER, script)
        assert suite or not OTHER_SUITE.search(script), f"{what}: the test runs the suite only as `python -m pytest`"
        shell = step.get("shell", self.shell)
        assert shell in SHELLS, f"{what}: the test runs bash steps only, not shell {shell!r}"
        file = self.temp / f"step-{number}.sh"
        file.write_text(script, encoding="utf-8")
        files = github_files(self.temp, number)
        step_env = {**self.env, **{name: str(path) for name, path in files.items()},
                    **{k: expand(v, what) for k, v in (step.get("env") or {}).items()}}
        fuzz = bool(FUZZ.search(script))
        if fuzz:
            step_env |= FUZZ_MARKER
        cwd = self.workspace / expand(step.get("working-directory", "."), what)
        minutes = step.get("timeout-minutes", self.job.get("timeout-minutes", 360))
        output = self.temp / f"step-{number}.log"
        live = "scripts/check-permalinks" in script
        if live and not self.live.built:
            start = time.perf_counter()
            self.live.build()
            self.log.append(f"{time.perf_counter() - start:8.1f} s  the live site: a strict build of the commit")
        fetched = len(self.live.requests)
        with output.open("w", encoding="utf-8") as out:
            try:
                result = subprocess.run(shlex.split(SHELLS[shell].format(str(file))), cwd=cwd, env=step_env,
                                        stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                        timeout=60 * float(minutes))
                code = result.returncode
            except subprocess.TimeoutExpired:
                code = None
        text = output.read_text(encoding="utf-8", errors="replace")
        if code != 0:
            ending = "timed out" if code is None else f"failed (exit {code})"
            pytest.fail(f"{what} {ending}; its output ({output}), last {OUTPUT_SHOWN} characters:\n"
                        f"{text[-OUTPUT_SHOWN:]}", pytrace=False)
        if live:
            assert self.live.requests[fetched:] == [f"/{SITE_PATH}permalinks.json"], (
                f"{what}: the stand-in of the live site was asked for {self.live.requests[fetched:]}")
            git(self.workspace, "checkout", "--", "mkdocs.yml")  # the later steps see the commit's own files
            self.ran.append("live site")
        if suite:
            collected = COLLECTED.search(text)
            assert collected and int(collected.group(1)) > 0, f"{what}: no test collected:\n{text[-OUTPUT_SHOWN:]}"
            self.ran.append("test suite")
        if fuzz:
            assert f"Stopped because settings.max_examples={FUZZ_MARKER['FUZZ_EXAMPLES']}" in text, f"{what}: no fuzzing:\n{text[-OUTPUT_SHOWN:]}"
            self.ran.append("fuzz")
        self.env |= read_github_env(files["GITHUB_ENV"])
        added = files["GITHUB_PATH"].read_text(encoding="utf-8").splitlines()
        if added:
            self.env["PATH"] = os.pathsep.join([*reversed(added), self.env["PATH"]])


def replay(source: Path, work: Path, workflows: tuple[str, ...] = WORKFLOWS) -> dict[str, list[str]]:
    """Run every job of ``workflows`` on ``source``'s HEAD in ``work``, as GitHub would; what each
    job ran that the test looks for ("live site", "test suite", "fuzz"), by "workflow job". A
    failing step fails the test, naming the step, with its output."""
    work.mkdir(exist_ok=True)
    tools = tools_folder(work / "tools")
    log: list[str] = []
    ran: dict[str, list[str]] = {}
    try:
        with live_site(work) as live:
            commit = clone(source, work / "origin.git", "--bare")  # HEAD, as every job's checkout gets it
            for name in workflows:
                workflow = load(work / "origin.git", name)
                for job_id in in_order(workflow["jobs"]):
                    job = Job(name, job_id, workflow["jobs"][job_id], workflow.get("defaults") or {}, work, tools,
                              live, log)
                    decide(job.job.get("if"), set(), job.name)
                    job.run(workflow.get("env") or {})
                    if job.workspace.exists():
                        assert git(job.workspace, "rev-parse", "HEAD") == commit
                        made = (job.workspace / ".venv").exists()
                        assert made == (name in MAKE), f"{job.name}: .venv {'made' if made else 'not made'}"
                    ran[f"{name} {job_id}"] = job.ran
    finally:
        print("\n".join(["Steps (wall time):", *log]))
    return ran


# A class per workflow: xdist hands each class to a worker of its own (``--dist loadscope``), so
# the three replays run side by side.

class TestCi:
    @pytest.mark.timeout(900)
    def test_every_run_step_passes_in_a_fresh_clone(self, tmp_path: Path) -> None:
        assert replay(ROOT, tmp_path, ("ci.yml",)) == {"ci.yml check": ["live site", "test suite"]}


class TestDeploy:
    @pytest.mark.timeout(900)
    def test_every_run_step_passes_in_a_fresh_clone(self, tmp_path: Path) -> None:
        assert replay(ROOT, tmp_path, ("deploy.yml",)) == {"deploy.yml build": ["live site"], "deploy.yml deploy": []}


class TestFuzz:
    @pytest.mark.timeout(900)
    def test_every_run_step_passes_in_a_fresh_clone(self, tmp_path: Path) -> None:
        assert replay(ROOT, tmp_path, ("fuzz.yml",)) == {"fuzz.yml fuzz": ["fuzz"]}


def test_every_workflow_is_replayed() -> None:
    assert {cls.__name__.removeprefix("Test").lower() + ".yml" for cls in (TestCi, TestDeploy, TestFuzz)} == {
        *WORKFLOWS}


def test_a_broken_step_fails_naming_the_step_and_showing_its_output(tmp_path: Path) -> None:
    """A commit whose CI workflow installs from a misspelt lock (its first command, so the replay
    installs nothing before it fails): the replay stops at that step."""
    source = tmp_path / "source"
    clone(ROOT, source)
    ci = source / ".github" / "workflows" / "ci.yml"
    text = ci.read_text(encoding="utf-8")
    assert text.count("-r requirements-uv.txt") == 1
    ci.write_text(text.replace("-r requirements-uv.txt", "-r requirements-uv.tx"), encoding="utf-8")
    git(source, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-qam", "A misspelt lock")
    with pytest.raises(pytest.fail.Exception) as failed:
        replay(source, tmp_path / "work")
    message = str(failed.value)
    assert message.startswith("ci.yml › Check, build and test, step 4 ('Install the pinned requirements') failed "
                              "(exit 1); its output ("), message
    assert "Could not open requirements file" in message and "requirements-uv.tx'" in message, message
