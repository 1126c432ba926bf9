"""The rewrites section of a rule pack: what a broken one reports (path:line: message, exit 2)."""

from __future__ import annotations

import pytest
from conftest import write

from fitlint.rules.loader import load_rules
from fitlint.rules.model import RuleError

GOOD = """schema: 1
rewrites:
  FL203:
    evidence: [hubal-2005]
    shapes:
      claim: "results vary from one person to the next"
"""


def _pack(tmp_path, body: str):
    write(tmp_path / "house" / "rewrites-house.yaml", body)
    return tmp_path / "house"


@pytest.mark.parametrize(
    "body,line,message",
    [
        (
            'schema: 1\nrewrites:\n  FL999:\n    evidence: [hubal-2005]\n    shapes:\n      claim: "x"\n',
            3,
            "rewrites: unknown rule code FL999",
        ),
        (
            'schema: 1\nrewrites:\n  FL777:\n    evidence: [hubal-2005]\n    shapes:\n      titel: {noun: "x"}\n',
            3,
            "rewrites: unknown rule code FL777",
        ),
        (
            "schema: 1\nrewrite-areas:\n  face:\n    muscles: face\n    muscle: face\n    words: [belly]\n",
            3,
            "rewrite area 'face': 'belly' already belongs to 'core'",
        ),
    ],
)
def test_unknown_rule_and_area_clash(tmp_path, body, line, message):
    with pytest.raises(RuleError) as info:
        load_rules([_pack(tmp_path, body)])
    assert str(info.value) == f"{tmp_path / 'house' / 'rewrites-house.yaml'}:{line}: {message}"


def _house(tmp_path, rule_body: str) -> str:
    """A house pack with rule FL901 and the given rewrites entry for it."""
    return (
        "schema: 1\nrules:\n  - code: FL901\n    name: house-rule\n    category: quick-fix\n"
        "    severity: warning\n    kind: phrase\n    message: m\n    rationale: r\n"
        '    patterns: ["detox tea"]\n    suggest:\n      - text: advice\n'
        "rewrites:\n  FL901:\n" + rule_body
    )


@pytest.mark.parametrize(
    "rule_body,line,message",
    [
        (
            '    evidence: [hubal-2005]\n    shapes:\n      titel: {noun: "x"}\n',
            17,
            (
                "rewrites for FL901: unknown shape 'titel' (expected one of title, description, "
                "list-item, testimonial, rate, product, imperative, workout, claim)"
            ),
        ),
        (
            '    evidence: [hubal-2005, smith-2099]\n    shapes:\n      claim: "x"\n',
            15,
            "rewrites for FL901: unknown evidence id 'smith-2099'",
        ),
        (
            (
                '    evidence: [hubal-2005]\n    shapes:\n      claim:\n        text: "x"\n'
                "        evidence: [zourmand-2025]\n"
            ),
            19,
            (
                "rewrites for FL901: evidence 'zourmand-2025' is unverified; a rewrite rests on "
                "verified or partial records only"
            ),
        ),
        (
            '    evidence: [hubal-2005]\n    shapes:\n      imperative: "tone your {bodypart}"\n',
            17,
            (
                "rewrites for FL901: unknown placeholder {bodypart} in 'tone your {bodypart}' "
                "(expected {means}, {muscle}, {muscles})"
            ),
        ),
        (
            '    evidence: [hubal-2005]\n    shapes:\n      title: "steady results"\n',
            17,
            "rewrites for FL901: a title rewrite has 'verb' and/or 'noun' forms, not 'text'",
        ),
        (
            '    evidence: [hubal-2005]\n    resolves: [FL998]\n    shapes:\n      claim: "x"\n',
            16,
            "rewrites for FL901: resolves unknown rule code FL998",
        ),
    ],
)
def test_broken_rewrites_name_their_line(tmp_path, rule_body, line, message):
    with pytest.raises(RuleError) as info:
        load_rules([_pack(tmp_path, _house(tmp_path, rule_body))])
    assert str(info.value) == f"{tmp_path / 'house' / 'rewrites-house.yaml'}:{line}: {message}"


def test_rewrites_defined_twice(tmp_path):
    with pytest.raises(RuleError) as info:
        load_rules([_pack(tmp_path, GOOD)])
    assert "rewrites for FL203 are already defined at" in str(info.value)
    assert str(info.value).startswith(f"{tmp_path / 'house' / 'rewrites-house.yaml'}:3: ")


def test_the_cli_reports_a_broken_rewrite_and_exits_2(cli, tmp_path):
    pack = _pack(
        tmp_path, _house(tmp_path, '    evidence: [smith-2099]\n    shapes:\n      claim: "x"\n')
    )
    write(tmp_path / "a.md", "Fine.\n")
    result = cli("check", "a.md", "--isolated", "--rule-dir", str(pack), cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        f"fitlint: error: {pack / 'rewrites-house.yaml'}:15: rewrites for FL901: unknown evidence id 'smith-2099'\n"
    )


def test_a_house_pack_can_add_rewrites_for_its_rule(tmp_path, cli):
    body = _house(
        tmp_path,
        '    evidence: [hubal-2005]\n    shapes:\n      product: "results vary from one person to the next"\n',
    )
    pack = _pack(tmp_path, body)
    write(tmp_path / "a.md", "Our detox tea is here.\n")
    result = cli(
        "check",
        "a.md",
        "--isolated",
        "--rule-dir",
        str(pack),
        "--fix",
        "--unsafe-fixes",
        cwd=tmp_path,
    )
    assert (tmp_path / "a.md").read_text() == "Results vary from one person to the next.\n"
    assert result.code == 0
