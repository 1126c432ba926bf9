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
def test_case(one_rule_linters, code, case, tmp_path):
    linter = one_rule_linters[code]
    if "files" in case:
        _files_case(code, case, tmp_path)
        return
    if "pass" in case:
        found = linter.lint_text(_text(case["pass"]), "case.md")
        assert found == [], [d.text for d in found]
        return
    text = _text(case["fail"])
    found = linter.lint_text(text, "case.md")
    assert found, f"{code} did not flag: {case['fail']}"
    assert all(d.code == code for d in found)
    if "text" in case:
        assert found[0].text == case["text"]
    assert found[0].message and found[0].suggestions
    if "fixed" in case:
        edit = next(s for s in found[0].suggestions if s.edits).edits[0]
        assert text[: edit.start] + edit.new_text + text[edit.end :] == _text(case["fixed"])


def test_every_rule_explains_and_cites():
    ruleset = load_rules()
    for rule in ruleset.rules.values():
        assert rule.rationale and rule.message
        if rule.category not in ("spot-reduction", "quick-fix"):
            continue
        cited = [ev for suggestion in rule.suggest for ev in suggestion.evidence]
        assert cited, f"{rule.code} suggests nothing with evidence"
        for key in cited:
            entry = ruleset.evidence[key]
            assert entry.link, f"{rule.code}: evidence {key} has no DOI, PMID or URL"
            assert entry.status in (
                "verified",
                "partial",
            ), f"{rule.code} cites {key} ({entry.status})"
        assert rule.regulators, f"{rule.code} maps to no regulatory guidance"


def _text(value: str) -> str:
    """Cases written as one line get a final newline; block scalars already end with one."""
    return value if value.endswith("\n") else value + "\n"


def _files_case(code: str, case: dict, tmp_path: Path) -> None:
    """A case over several files (cross-file rules): one run over a directory."""
    for name, text in case["files"].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    extra = case.get("config", {})
    config = Config(
        root=tmp_path,
        select=(code,),
        allow_duplicates=tuple(extra.get("allow-duplicates", ())),
    )
    results = {Path(r.path).name: r for r in Linter(config).lint_paths([tmp_path])}
    found = [d for r in results.values() for d in r.diagnostics]
    if case.get("pass_files"):
        assert found == [], [d.text for d in found]
        return
    assert len(found) == 1, [d.text for d in found]
    assert Path(found[0].path).name == case["fail_path"]
    assert found[0].text == case["text"]
    assert {Path(r.path).name for r in found[0].related} == set(case["files"]) - {case["fail_path"]}
