"""Rule-pack regexes are compiled once per machine and kept under the user's cache directory.

What a user relies on: the cached pattern matches exactly as a fresh one does, the same packs
always name the same entries (or the cache would never hit), a damaged or planted entry is never
trusted, and a missing or read-only cache directory only costs time.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from fitlint.rules.compiled import compile_rule_regex

SOURCE = r"(?<![^ ])(?:burn|melt) (?P<area>belly|thigh) fat(?![^ ])"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.delenv("FITLINT_REGEX_CACHE", raising=False)
    return tmp_path / "home-cache"


def _entries(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "fitlint" / "regex").glob("*/*.pickle"))


def test_a_compiled_pattern_is_stored_and_matches_the_same_when_loaded(cache_home):
    fresh = compile_rule_regex(SOURCE)
    [entry] = _entries(cache_home)
    loaded = compile_rule_regex(SOURCE)
    assert loaded.pattern == fresh.pattern == SOURCE
    text = "to burn belly fat and melt thigh fat"
    assert [m.span("area") for m in loaded.finditer(text, timeout=1.0)] == [
        m.span("area") for m in fresh.finditer(text)
    ]
    assert entry.parent.name.startswith(regex.__version__)  # a new regex release: new entries


def test_a_damaged_entry_is_compiled_afresh_and_replaced(cache_home):
    compile_rule_regex(SOURCE)
    [entry] = _entries(cache_home)
    entry.write_bytes(b"\x80\x05not a pickle")
    assert compile_rule_regex(SOURCE).search("burn thigh fat").group("area") == "thigh"
    assert pickle.loads(entry.read_bytes()).pattern == SOURCE


def test_an_entry_that_would_run_code_is_refused(cache_home, tmp_path):
    compile_rule_regex(SOURCE)
    [entry] = _entries(cache_home)
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    entry.write_bytes(pickle.dumps(Planted()))
    assert compile_rule_regex(SOURCE).search("melt belly fat")
    assert not marker.exists()


def test_an_entry_holding_another_pattern_is_not_used(cache_home):
    compile_rule_regex(SOURCE)
    [entry] = _entries(cache_home)
    entry.write_bytes(pickle.dumps(regex.compile("fat")))
    assert compile_rule_regex(SOURCE).pattern == SOURCE


def test_no_cache_directory_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert compile_rule_regex(SOURCE).search("burn belly fat")


def test_the_cache_can_be_turned_off(cache_home, monkeypatch):
    monkeypatch.setenv("FITLINT_REGEX_CACHE", "off")
    assert compile_rule_regex(SOURCE).search("burn belly fat")
    assert _entries(cache_home) == []


_SOURCES = """
import hashlib
from fitlint.config import Config
from fitlint.engine import Linter
from fitlint.nlp import pipeline
from fitlint.rules.phrase import PhraseMatcher
from fitlint.rules.patterns import compile_lemma_regex, parse_pattern, surface_parts

checks = Linter(Config()).checks
pipeline()
checks.sentence_rules.prepare()
digest = hashlib.sha256()
for matcher in checks.sentence_rules.matchers:
    if isinstance(matcher, PhraseMatcher):
        for parsed in map(parse_pattern, matcher.rule.patterns):
            grammar = matcher.ruleset.grammar
            digest.update(compile_lemma_regex(parsed, grammar, matcher._lemmatize).encode())
            digest.update(repr(surface_parts(parsed, grammar)).encode())
print(digest.hexdigest())
"""


def test_the_same_packs_give_the_same_regexes_in_every_process():
    # Entries are named by their source: a source that changed with Python's hash seed (a set's
    # order) would miss the cache on every run.
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _SOURCES], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_a_run_from_the_cache_reports_what_a_fresh_run_reports(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(
        "# Summer\n\nMelt your love handles with these moves and lose 10 lbs in a week.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home-cache")}
    env.pop("FITLINT_REGEX_CACHE", None)
    command = [sys.executable, "-m", "fitlint", "check", "--isolated", "--no-cache"]
    runs = []
    for _ in range(2):
        out = subprocess.run(
            [*command, "--format", "json", "post.md"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert out.returncode == 1, out.stderr
        runs.append(json.loads(out.stdout))
    codes = {d["code"] for file in runs[0] for d in file["diagnostics"]}
    assert runs[0] == runs[1] and codes >= {"FL101"}
    assert _entries(tmp_path / "home-cache")


def test_shapes_fill_the_cache_within_a_budget_per_run(cache_home, monkeypatch):
    # A pre-filter shape is kept compiled once a run has time for it; past the budget the
    # caller compiles it with re, and a later run keeps it.
    from fitlint.rules import compiled

    monkeypatch.setattr(compiled, "_spent", [compiled.SHAPE_BUDGET])
    assert compiled.cached_shape(SOURCE) is None and _entries(cache_home) == []
    monkeypatch.setattr(compiled, "_spent", [0.0])
    shape = compiled.cached_shape(SOURCE)
    assert shape is not None and shape.search("melt thigh fat") and len(_entries(cache_home)) == 1
    monkeypatch.setattr(compiled, "_spent", [compiled.SHAPE_BUDGET])
    assert compiled.cached_shape(SOURCE).pattern == SOURCE  # a hit costs no budget


# -- what phrase matchers derive from their patterns (pre-filter sets, shape sources) ----------

_POST = "# Summer\n\nMelt your love handles with these moves.\n\nPlan your week of training.\n"


def _derived(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "fitlint" / "derived").glob("*/*.pickle"))


def _lint(text: str = _POST) -> list[tuple[str, int, int]]:
    from fitlint.config import Config
    from fitlint.engine import Linter

    return [(d.code, d.start, d.end) for d in Linter(Config()).lint_text(text, "post.md")]


def test_derived_prefilter_sets_are_kept_and_give_the_same_findings(cache_home):
    fresh = _lint()
    entries = _derived(cache_home)
    assert entries and ("FL101", 10, 32) in fresh
    stamps = {entry: entry.stat().st_mtime_ns for entry in entries}
    assert _lint() == fresh
    assert {entry: entry.stat().st_mtime_ns for entry in _derived(cache_home)} == stamps


@pytest.mark.parametrize(
    "planted",
    [
        b"\x80\x05not a pickle",
        pickle.dumps({"required": [[("not", "a pair", "of sets")]], "first": []}),
        pickle.dumps({"required": 1, "first": 2, "parts": ("(?!)",)}),
        pickle.dumps({"parts": [1, 2]}),
        pickle.dumps({"parts": ("x",), "required": [], "first": []}),
    ],
)
def test_a_damaged_or_mistyped_derived_entry_is_derived_afresh(cache_home, planted):
    fresh = _lint()
    for entry in _derived(cache_home):
        entry.write_bytes(planted)
    assert _lint() == fresh


def test_a_derived_entry_that_would_run_code_is_refused(cache_home, tmp_path):
    fresh = _lint()
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for entry in _derived(cache_home):
        entry.write_bytes(pickle.dumps(Planted()))
    assert _lint() == fresh
    assert not marker.exists()


def test_derived_entries_are_not_kept_with_the_cache_turned_off(cache_home, monkeypatch):
    monkeypatch.setenv("FITLINT_REGEX_CACHE", "off")
    assert ("FL101", 10, 32) in _lint()
    assert _derived(cache_home) == []


def test_directories_of_old_packs_are_pruned(cache_home):
    from fitlint.rules.derived import KEPT_KEYS

    parent = cache_home / "fitlint" / "derived"
    for number in range(KEPT_KEYS + 3):
        old = parent / f"old{number}"
        old.mkdir(parents=True)
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    _lint()
    left = sorted(entry.name for entry in parent.iterdir())
    assert len(left) == KEPT_KEYS
    assert "old0" not in left and f"old{KEPT_KEYS + 2}" in left


def test_a_derived_entry_with_a_stem_of_another_type_is_derived_afresh(cache_home):
    # The right shape with one wrong value deep inside: a number among the stems would reach
    # the word scanner (and crash it) if only the outer types were checked.
    fresh = _lint()
    changed = 0
    for entry in _derived(cache_home):
        value = pickle.loads(entry.read_bytes())
        if isinstance(value, dict) and value.get("required"):
            pattern = next(items for items in value["required"] if items)
            singles, multis = pattern[0]
            pattern[0] = (frozenset({*singles, 7}), multis)
            entry.write_bytes(pickle.dumps(value, protocol=5))
            changed += 1
    assert changed
    assert _lint() == fresh


def test_a_pack_with_an_unknown_lexicon_is_an_error_on_every_run(cache_home, tmp_path):
    """Packs whose patterns checked out are marked so later runs skip the check; a changed pack
    is another set of packs, checked again, and its error still names its line."""
    from fitlint.rules.loader import RuleError, load_rules

    rules = tmp_path / "rules"
    rules.mkdir()
    pack = rules / "house.yaml"
    good = (
        "schema: 1\nrules:\n  - code: FL901\n    name: detox-tea\n    category: quick-fix\n"
        "    severity: error\n    kind: phrase\n    message: x\n    rationale: y\n"
        '    patterns: ["detox tea"]\n    suggest: [{text: "Remove the claim."}]\n'
    )
    pack.write_text(good, encoding="utf-8")
    first = load_rules([rules])
    assert list((cache_home / "fitlint" / "packs").glob("*.checked"))
    second = load_rules([rules])  # from the marker: same rules, same digest
    assert second.digest == first.digest and second.rules.keys() == first.rules.keys()
    pack.write_text(good.replace('"detox tea"', '"detox @nolexicon"'), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError, match=r"house.yaml:10: unknown lexicon @nolexicon"):
            load_rules([rules])
