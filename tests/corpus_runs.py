"""Lint runs over ../shared/corpus that several test modules read, made once per session."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from conftest import SHARED

# As src/fitlint/eval.py reads the corpus: its PHP and Blade templates are HTML pages.
CORPUS_CONFIG = 'formats: {php: html, "blade.php": html}\n'


@functools.lru_cache(maxsize=None)
def corpus_copy(*names: str) -> Path:
    """A private copy of corpus folders' files (tests edit it), with the corpus config beside it:
    <tmp>/<name>/<file>, <tmp>/.fitlint.yaml."""
    root = Path(tempfile.mkdtemp(prefix="fitlint-corpus-"))
    atexit.register(shutil.rmtree, root, True)
    (root / ".fitlint.yaml").write_text(CORPUS_CONFIG, encoding="utf-8")
    for name in names:
        shutil.copytree(SHARED / "corpus" / name / "files", root / name)
    return root
