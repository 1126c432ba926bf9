"""sqlfluff-style cases per rule (fixtures/rules/FLxxx.yaml): must flag, must pass, fixed text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES

from fitlint.config import Config
from fitlint.engine import Linter
from fitlint.rules.loader import load_rules

CASE_FILES = sorted((FIXTURES / "rules").glob("FL*.yaml"))


def _cases():
    for path in CASE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


@pytest.fixture(scope="module")
def one_rule_linters():
    ruleset = load_rules()
    return {code: Linter(Config(select=(code,)), ruleset) for code in ruleset.rules}


def test_every_rule_has_cases():
    covered = {Path(p).stem for p in CASE_FILES}
    assert set(load_rules().rules) <= covered


@pytest.mark.parametrize("code,case", list(_cases()))
def test_case(one_rule_linters, code, case):
    linter = one_rule_linters[code]
    if "pass" in case:
        found = linter.lint_text(case["pass"] + "\n", "case.md")
        assert found == [], [d.text for d in found]
        return
    text = case["fail"] + "\n"
    found = linter.lint_text(text, "case.md")
    assert found, f"{code} did not flag: {case['fail']}"
    assert all(d.code == code for d in found)
    if "text" in case:
        assert found[0].text == case["text"]
    assert found[0].message and found[0].suggestions
    if "fixed" in case:
        edit = next(s for s in found[0].suggestions if s.edits).edits[0]
        assert text[: edit.start] + edit.new_text + text[edit.end :] == case["fixed"] + "\n"


def test_every_rule_explains_and_cites():
    ruleset = load_rules()
    for rule in ruleset.rules.values():
        assert rule.rationale and rule.message
        cited = [ev for suggestion in rule.suggest for ev in suggestion.evidence]
        assert cited, f"{rule.code} suggests nothing with evidence"
        for key in cited:
            entry = ruleset.evidence[key]
            assert entry.link, f"{rule.code}: evidence {key} has no DOI, PMID or URL"
            assert entry.status in ("verified", "partial"), f"{rule.code} cites {key} ({entry.status})"
        assert rule.regulators, f"{rule.code} maps to no regulatory guidance"
