"""The GitHub Action (action.yml): valid against the Action schema, and its shell steps run here.

The steps run as the runner runs them (``bash --noprofile --norc -eo pipefail``), with the
``GITHUB_*`` files in a temporary directory and ``${{ … }}`` expressions filled in from the inputs
and the earlier steps' outputs. ``uses:`` steps (setup-python, upload-sarif) need GitHub and are
skipped; the install step installs into a throwaway virtual environment, offline.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO

ACTION = REPO / "action.yml"
PARAGRAPH = "Jog for five minutes at an easy pace, then stretch your calves and hips.\n"
REPEATED = f"# Plan\n\n{PARAGRAPH}\n{PARAGRAPH}"
_EXPRESSION = re.compile(r"\$\{\{\s*(inputs|steps)\.([\w-]+)(?:\.outputs\.([\w-]+))?\s*\}\}")


def test_action_validates_against_the_github_action_schema():
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-actions",
            str(ACTION),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_broken_action_fails_the_schema(tmp_path):
    broken = yaml.safe_load(ACTION.read_text())
    del broken["runs"]["using"]
    (tmp_path / "action.yml").write_text(yaml.safe_dump(broken))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-actions",
            str(tmp_path / "action.yml"),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1


class Runner:
    """Runs the composite action's ``run:`` steps the way the Actions runner does."""

    def __init__(self, tmp_path: Path, workspace: Path, inputs: dict[str, str]) -> None:
        self.action = yaml.safe_load(ACTION.read_text())
        defaults = {name: spec.get("default", "") for name, spec in self.action["inputs"].items()}
        self.inputs = {**defaults, **inputs}
        self.tmp = tmp_path
        self.workspace = workspace
        self.outputs: dict[str, dict[str, str]] = {}
        venv = tmp_path / "venv"
        if not venv.exists():  # the runner's Python: here a venv on top of the test environment
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "venv",
                    "--without-pip",
                    "--system-site-packages",
                    str(venv),
                ],
                check=True,
            )
        self.env = {
            **os.environ,
            "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_ACTION_PATH": str(REPO),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(tmp_path),
            "PIP_NO_INDEX": "1",  # offline: every dependency is already in the test environment
            "PIP_NO_BUILD_ISOLATION": "0",
        }

    def fill(self, text: str) -> str:
        def value(match: re.Match[str]) -> str:
            kind, name, output = match.groups()
            if kind == "inputs":
                return self.inputs[name]
            return self.outputs.get(name, {}).get(output, "")

        return _EXPRESSION.sub(value, text)

    def run_step(self, step: dict) -> subprocess.CompletedProcess[str]:
        output_file = self.tmp / f"output-{step.get('id', 'step')}"
        output_file.write_text("")
        env = {**self.env, "GITHUB_OUTPUT": str(output_file)}
        env.update({key: self.fill(str(value)) for key, value in step.get("env", {}).items()})
        assert step["shell"] == "bash"
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", self.fill(step["run"])],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if "id" in step:
            pairs = [
                line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
            ]
            self.outputs[step["id"]] = dict(pairs)
        return result

    def run_all(self) -> dict[str, subprocess.CompletedProcess[str]]:
        results = {}
        for step in self.action["runs"]["steps"]:
            if "uses" in step:
                continue  # setup-python and upload-sarif run on GitHub only
            results[step["name"]] = self.run_step(step)
        return results


def _workspace(tmp_path: Path, text: str) -> Path:
    workspace = tmp_path / "repo with space"
    (workspace / "docs").mkdir(parents=True)
    (workspace / "docs" / "summer plan.md").write_text(text)
    return workspace


def test_action_steps_write_sarif_and_fail_the_job_on_findings(tmp_path):
    workspace = _workspace(tmp_path, "# Plan\n\nMelt your love handles with these five moves.\n")
    runner = Runner(tmp_path, workspace, {"paths": "docs"})
    steps = runner.run_all()

    install = steps["Install fitlint"]
    assert install.returncode == 0, install.stdout + install.stderr
    assert (tmp_path / "venv" / "bin" / "fitlint").exists()  # installed from the action's checkout

    assert steps["Run fitlint"].returncode == 0  # findings never stop this step: upload comes next
    assert runner.outputs["lint"] == {"exit-code": "1", "sarif-written": "true"}
    sarif = json.loads((workspace / "fitlint.sarif").read_text())
    result = sarif["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert result["ruleId"] == "FL101"
    assert location == {"uri": "docs/summer%20plan.md", "uriBaseId": "%SRCROOT%"}

    upload = next(s for s in runner.action["runs"]["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["if"] == "inputs.upload == 'true' && steps.lint.outputs.sarif-written == 'true'"
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"

    fail = steps["Fail on findings"]
    assert fail.returncode == 1
    assert "::error title=fitlint::findings at or above warning" in fail.stdout


def test_action_honours_config_and_fail_on(tmp_path):
    workspace = _workspace(tmp_path, REPEATED)  # FL302, a warning
    (workspace / "lint.yaml").write_text("select: [FL3]\n")
    inputs = {"paths": "\ndocs\n", "config": "lint.yaml", "fail-on": "error"}  # one path a line
    runner = Runner(tmp_path, workspace, inputs)
    action_steps = [s for s in runner.action["runs"]["steps"] if "run" in s]
    runner.run_step(next(s for s in action_steps if s.get("id") == "lint"))
    assert runner.outputs["lint"] == {"exit-code": "0", "sarif-written": "true"}
    results = json.loads((workspace / "fitlint.sarif").read_text())["runs"][0]["results"]
    assert {(r["ruleId"], r["level"]) for r in results} == {("FL302", "warning")}
    fail = runner.run_step(action_steps[-1])
    assert fail.returncode == 0 and "nothing at or above error" in fail.stdout


def test_action_reports_a_broken_config_as_exit_2_with_nothing_to_upload(tmp_path):
    workspace = _workspace(tmp_path, "Fine text.\n")
    (workspace / "lint.yaml").write_text("ignore: [FL999]\n")
    runner = Runner(tmp_path, workspace, {"paths": "docs", "config": "lint.yaml"})
    action_steps = [s for s in runner.action["runs"]["steps"] if "run" in s]
    lint = runner.run_step(next(s for s in action_steps if s.get("id") == "lint"))
    assert "lint.yaml:1: unknown rule code or prefix 'FL999'" in lint.stderr
    assert runner.outputs["lint"] == {"exit-code": "2", "sarif-written": "false"}
    fail = runner.run_step(action_steps[-1])
    assert fail.returncode == 2 and "could not run" in fail.stdout


def test_action_paths_input_takes_several_paths(tmp_path):
    workspace = tmp_path / "ws"
    (workspace / "docs").mkdir(parents=True)
    for name in ("a.md", "b.md", "c.md"):  # c.md is not named: not linted
        (workspace / "docs" / name).write_text(REPEATED)
    runner = Runner(tmp_path, workspace, {"paths": "docs/a.md docs/b.md", "config": "lint.yaml"})
    (workspace / "lint.yaml").write_text("select: [FL3]\n")  # no spaCy needed: fast
    lint_step = next(s for s in runner.action["runs"]["steps"] if s.get("id") == "lint")
    runner.run_step(lint_step)
    sarif = json.loads((workspace / "fitlint.sarif").read_text())
    results = sarif["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"docs/a.md", "docs/b.md"}
