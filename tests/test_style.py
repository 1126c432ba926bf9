"""Style is enforced: the ruff version pinned in ``.pre-commit-config.yaml`` (and in the ``test``
extra) finds nothing to report or reformat. ``.ci/run`` runs the test suite, so CI runs both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _pinned_ruff() -> str:
    text = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    after = text.split("astral-sh/ruff-pre-commit", 1)[1]
    return after.split("rev:", 1)[1].split()[0].lstrip("v")


def test_the_installed_ruff_is_the_pinned_one():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0, "ruff is not installed: pip install -e '.[test]'"
    assert result.stdout.split()[-1] == _pinned_ruff()
    assert f'"ruff=={_pinned_ruff()}"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_is_clean(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
