"""Style is enforced: the ruff version pinned in ``.pre-commit-config.yaml`` (and in the ``test``
extra) finds nothing to report or reformat. ``.ci/run`` runs the test suite, so CI runs both."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _pinned_ruff() -> str:
    text = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    after = text.split("astral-sh/ruff-pre-commit", 1)[1]
    return after.split("rev:", 1)[1].split()[0].lstrip("v")


def _ruff() -> str:
    """The ruff binary the installed package ships (its scripts directory, else PATH)."""
    try:
        from ruff.__main__ import find_ruff_bin

        return str(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        found = shutil.which("ruff")
        assert found, "ruff is not installed: pip install -e '.[test]'"
        return found


def test_the_installed_ruff_is_the_pinned_one():
    result = subprocess.run([_ruff(), "--version"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == _pinned_ruff()
    assert f'"ruff=={_pinned_ruff()}"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_is_clean(command):
    result = subprocess.run([_ruff(), *command, "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
