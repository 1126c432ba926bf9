"""The wheel ships the rule packs and the schemas: an install used from elsewhere finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_contains_rules_and_runs_from_another_directory(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    wheel = next((tmp_path / "dist").glob("fitlint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "fitlint/_rules/spot-reduction.yaml" in names
    assert "fitlint/_rules/evidence.yaml" in names
    assert "fitlint/schemas/diagnostics.schema.json" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "post.md").write_text("Melt your love handles.\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-c", "import fitlint.rules.loader as l; print(l.builtin_rules_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.stdout.strip() == str(site / "fitlint" / "_rules")
    check = subprocess.run(
        [sys.executable, "-m", "fitlint", "check", "post.md"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "FL101" in check.stdout
