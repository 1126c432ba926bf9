"""The pre-commit hook, run by the real pre-commit against this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_try_repo_fails_then_passes(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    _git(content, "init", "-q")
    _git(content, "config", "user.email", "writer@example.com")
    _git(content, "config", "user.name", "Writer")
    post = content / "post.md"
    post.write_text("# Summer plan\n\nMelt your love handles with these five moves.\n")
    _git(content, "add", "post.md")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(REPO),
        "fitlint",
        "--files",
        "post.md",
    ]

    failing = subprocess.run(
        command, cwd=content, env=env, capture_output=True, text=True, timeout=900
    )
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "post.md:3:1: FL101 [warning] 'Melt your love handles'" in failing.stdout

    post.write_text("# Summer plan\n\nStrengthen your core with these five moves.\n")
    _git(content, "add", "post.md")
    passing = subprocess.run(
        command, cwd=content, env=env, capture_output=True, text=True, timeout=900
    )
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "fitlint" in passing.stdout and "Passed" in passing.stdout
