"""The rule packs' ``examples:`` are data that documentation shows (``fitlint rule CODE``): each
``flag`` example must be reported by its rule and each ``pass`` example must not, with only that
rule selected."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitlint.config import Config
from fitlint.engine import Linter
from fitlint.rules.loader import load_rules

RULESET = load_rules()
# Examples the rules do not meet today, with why; each is checked to still fail (strict), so one
# that starts to pass must leave this list.
KNOWN: dict[tuple[str, str, str], str] = {}
CASES = [
    pytest.param(
        code,
        expected,
        text,
        id=f"{code}-{expected}-{number}",
        marks=[pytest.mark.xfail(reason=KNOWN[(code, expected, text)], strict=True)]
        if (code, expected, text) in KNOWN
        else [],
    )
    for code, rule in sorted(RULESET.rules.items())
    for expected, examples in (("flag", rule.examples_flag), ("pass", rule.examples_pass))
    for number, text in enumerate(examples)
]


@pytest.fixture(scope="module")
def linters() -> dict[str, Linter]:
    return {}


def test_the_packs_have_examples_to_run():
    assert len(CASES) >= 40
    assert {code for code, *_ in (case.values for case in CASES)} >= {"FL101", "FL201", "FL401"}


@pytest.mark.parametrize("code,expected,text", CASES)
def test_pack_example(linters, code, expected, text):
    linter = linters.get(code)
    if linter is None:
        linter = linters[code] = Linter(Config(root=Path.cwd(), select=(code,)), RULESET)
    found = [d for d in linter.lint_text(text + "\n", "example.md") if d.code == code]
    if expected == "flag":
        assert found, f"{code} does not report its own example {text!r}"
    else:
        assert not found, f"{code} reports {[d.text for d in found]} in its pass example {text!r}"
