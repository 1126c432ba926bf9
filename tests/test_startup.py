"""What a run loads: the two-stage design keeps heavy libraries out of runs that do not need them.

These assert which modules a run imports, never how long it takes (bench/run.py measures time).
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import fitlint
from fitlint.lazyregex import all_lazy_patterns, lazy_compile

HEAVY = ("spacy", "regex", "yaml", "jsonschema", "pathspec", "markdown_it")

_PROBE = """
import json, sys
from fitlint.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": [m for m in %r if m in sys.modules]}))
""" % (HEAVY,)


def _run(tmp_path: Path, *args: str) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, "check", "--isolated", "--no-cache", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_module_level_pattern_compiles():
    patterns = {}
    for info in pkgutil.walk_packages(fitlint.__path__, "fitlint."):
        if info.name == "fitlint.__main__":
            continue  # importing it runs the CLI
        module = importlib.import_module(info.name)
        patterns.update(
            {f"{info.name}.{name}": p for name, p in all_lazy_patterns(vars(module)).items()}
        )
    assert len(patterns) > 50
    assert all(hasattr(p, "finditer") for p in patterns.values())


def test_lazy_patterns_fall_back_to_regex_for_what_re_cannot_compile():
    assert lazy_compile(r"[\p{L}]+").findall("héllo wörld 42") == ["héllo", "wörld"]
    either = lazy_compile(r"(?P<n>\d+) kg|(?P<n>\d+) lb")  # one group name, two alternatives
    assert either.search("lose 5 lb").group("n") == "5"
    assert lazy_compile(r"BELLY", 2).search("belly fat").span() == (0, 5)  # flags: re.IGNORECASE


def test_clean_file_does_not_load_spacy(tmp_path):
    # What the README promises: spaCy is loaded only when a file holds a candidate sentence.
    (tmp_path / "clean.md").write_text(
        "# A weekly routine\n\nWarm up for five minutes, then work through the main lifts. "
        "Rest well and come back ready.\n",
        encoding="utf-8",
    )
    _run(tmp_path, "clean.md")  # the first run ever parses and caches the rule packs
    outcome = _run(tmp_path, "clean.md")
    assert outcome["code"] == 0 and "spacy" not in outcome["loaded"]


def test_file_with_a_candidate_loads_spacy(tmp_path):
    (tmp_path / "post.md").write_text(
        "# Summer\n\nMelt your love handles with these moves.\n", encoding="utf-8"
    )
    outcome = _run(tmp_path, "post.md")
    assert outcome["code"] == 1
    assert {"spacy", "regex"} <= set(outcome["loaded"])


_SPACY_PROBE = """
import json, sys
from fitlint import nlp
if sys.argv[1] == "plain":
    nlp._cli_import_is_deferrable = lambda: False  # as with a spaCy whose __init__ changed
lemmas = [t.lemma_ for t in nlp.pipeline()("Burning stubborn belly fat")]
import spacy, spacy.cli  # spaCy's own command-line package is there for whoever imports it
print(json.dumps({"lemmas": lemmas, "download": callable(spacy.cli.download), "info": sorted(spacy.info())[:2]}))
"""


@pytest.mark.parametrize("mode", ["as installed", "plain"])
def test_spacy_loads_and_its_command_line_interface_stays_importable(mode):
    # fitlint imports spaCy without its CLI only when spaCy's __init__ is known to allow it, and
    # imports it plainly otherwise: both give the same pipeline and a working spacy.cli.
    result = subprocess.run(
        [sys.executable, "-c", _SPACY_PROBE, mode], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "lemmas": ["burn", "stubborn", "belly", "fat"],
        "download": True,
        "info": ["location", "pipelines"],
    }
