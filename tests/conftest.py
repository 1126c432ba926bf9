from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from fitlint.cli import main
from fitlint.config import Config
from fitlint.engine import Linter

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"

# A rule pack whose pattern backtracks catastrophically: the regex timeout must disable it.
CATASTROPHIC_PACK = """schema: 1
rules:
  - code: FL950
    name: nested-gaps
    category: quick-fix
    severity: warning
    kind: phrase
    message: "{text}"
    rationale: A pathological pattern.
    patterns: ["a [0-12] a [0-12] a [0-12] a [0-12] a [0-12] b"]
    suggest: [{text: "none"}]
"""

needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(),
    reason="../shared/corpus is not present (it sits beside the repo in the project workspace only)",
)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Config(root=REPO))


@pytest.fixture
def cli(capsys, monkeypatch) -> Callable[..., CliResult]:
    def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def write(path: Path, text: str) -> Path:
    """Create a file (and its folders) with UTF-8 text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
