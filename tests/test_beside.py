"""Rules that report a match only beside another rule's claim (``beside:``): FL211 gives a
spot-reduction promise's deadline the quick-fix finding, whichever rules are selected."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from fitlint.config import Config
from fitlint.engine import Linter
from fitlint.rules.loader import load_rules
from fitlint.rules.model import RuleError


@pytest.fixture(scope="module")
def ruleset():
    return load_rules()


def found(ruleset, text: str, **config) -> list[tuple[str, str]]:
    linter = Linter(Config(**config), ruleset)
    return [(d.code, d.text) for d in linter.lint_text(text, "page.md")]


def test_a_deadline_beside_a_spot_promise_is_a_quick_fix_over_both(ruleset):
    text = "My paunch reduced in just 3 weeks of the evening class.\n"
    codes = found(ruleset, text)
    assert ("FL211", "paunch reduced in just 3 weeks") in codes
    assert any(code.startswith("FL10") for code, _ in codes)


def test_no_deadline_without_a_spot_promise(ruleset):
    assert found(ruleset, "The class runs for three weeks.\n", select=("FL211",)) == []
    assert found(ruleset, "She lost 2 kg in three weeks.\n", select=("FL211",)) == []


def test_words_another_fast_result_rule_reported_are_not_reported_again(ruleset):
    codes = found(ruleset, "My love handles shrank in just 3 weeks.\n")
    assert ("FL202", "love handles shrank in just 3 weeks") in codes
    assert not [c for c in codes if c[0] == "FL211"]


def test_selected_alone_it_still_finds_the_claim_it_needs_and_reports_only_itself(ruleset):
    text = "My love handles shrank in just 3 weeks.\n"
    assert found(ruleset, text, select=("FL211",)) == [
        ("FL211", "love handles shrank in just 3 weeks")
    ]
    # The spot rules' excused matches are shown only when those rules are selected.
    quoted = 'Ads promise "love handles gone in three weeks", which no plan can keep.\n'
    assert "FL101" in {code for code, _ in found(ruleset, quoted, show_excused=True)}
    assert found(ruleset, quoted, select=("FL211",), show_excused=True) == []


def test_a_clause_break_or_a_bracket_keeps_the_deadline_from_the_claim(ruleset):
    assert (
        found(
            ruleset,
            "The belly-slimming gel is sold out; the next batch ships in two weeks.\n",
            select=("FL211",),
        )
        == []
    )
    assert (
        found(ruleset, "Belly Slimming Wraps (We Wore Them for 30 Days)\n", select=("FL211",)) == []
    )


HOUSE = """schema: 1
rules:
  - code: FL961
    name: deadline-again
    category: {category}
    severity: warning
    kind: {kind}
    beside: {{category: spot-reduction}}
    message: "'{{text}}'"
    rationale: A house rule.
    {patterns}
    suggest: [{{text: "Say something else."}}]
"""


@pytest.mark.parametrize(
    "category,kind,patterns,error",
    [
        ("quick-fix", "rate", "", "only a phrase rule can need a claim beside it"),
        ("spot-reduction", "phrase", 'patterns: ["in a week"]', "of its own category"),
    ],
)
def test_a_pack_that_misuses_beside_is_refused_with_its_line(
    tmp_path: Path, category, kind, patterns, error
):
    pack = tmp_path / "house.yaml"
    write(pack, HOUSE.format(category=category, kind=kind, patterns=patterns))
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path])
    assert error in str(caught.value)
    assert caught.value.origin.line == 8
