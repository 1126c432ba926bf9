"""The pre-filter only saves work: with or without its second stage (the pattern's shape over the
raw sentence), every text gets exactly the same diagnostics."""

from __future__ import annotations

import os

import pytest
import yaml
from conftest import FIXTURES, REPO, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fitlint.config import Config
from fitlint.document import parse_document
from fitlint.engine import Linter
from fitlint.rules.phrase import PhraseMatcher

EXAMPLES = int(os.environ.get("FITLINT_FUZZ_EXAMPLES", "60"))


@pytest.fixture(scope="module")
def pair() -> tuple[Linter, Linter]:
    filtered = Linter(Config(root=REPO))
    unfiltered = Linter(Config(root=REPO))
    for matcher in unfiltered.sentence_rules.matchers:
        phrase = matcher if isinstance(matcher, PhraseMatcher) else getattr(matcher, "phrase", None)
        if phrase is not None:
            phrase._shape_fits = lambda number, lowered, positions: True  # stems only, as before
    return filtered, unfiltered


def _signature(linter: Linter, text: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.start, d.end, d.message) for d in linter.lint_text(text, "doc.md")]


def _texts() -> list[str]:
    texts = []
    for path in sorted((FIXTURES / "rules").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts += [case[key] for key in ("fail", "pass") if key in case]
    for folder in (FIXTURES / "eval" / "files", REPO / "examples", SHARED / "corpus" / "real"):
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))]
    return texts


def test_second_stage_changes_no_diagnostic_on_known_texts(pair):
    filtered, unfiltered = pair
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        assert _signature(filtered, text) == _signature(unfiltered, text), text[:200]


def test_second_stage_rejects_scattered_rule_words(pair):
    """Every word of "burn belly fat" is here, but not in that shape: no spaCy for this sentence."""

    def spot_candidates(linter: Linter) -> set[str]:
        text = "Belly dancing is fun, and the fat cat sat on the mat burning nothing.\n"
        units = linter.sentence_rules.candidates(parse_document(text, "doc.md").blocks)
        return {linter.sentence_rules.matchers[i].rule.code for unit in units for i in unit.matchers} & {"FL101", "FL104"}

    filtered, unfiltered = pair
    assert spot_candidates(unfiltered)
    assert not spot_candidates(filtered)


# Rule words, lexicon entries and filler in random order: the shape must never hide a match.
WORDS = [
    "burn", "burns", "burning", "melt", "melted", "lose", "losing", "lost", "shed", "drop", "target", "tone",
    "belly", "bellies", "fat", "flab", "love", "handles", "muffin", "top", "thigh", "thighs", "arm", "back",
    "your", "the", "stubborn", "away", "off", "from", "in", "just", "7", "10", "days", "week", "a", "fast",
    "quickly", "without", "dieting", "exercise", "with", "these", "moves", "studies", "show", "research",
    "e.g.", "10,000", "U.S.", "don't", "can't", "-", ",", "—", "(", ")", "\"", "'s", "!", "?", "x-ray",
    "https://example.com/a/b", "effortlessly", "overnight", "dress", "sizes", "two", "pounds", "lbs",
]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=18), st.sampled_from([" ", "-", " ", ", "]))
def test_second_stage_changes_no_diagnostic_on_random_sentences(pair, words, joiner):
    filtered, unfiltered = pair
    text = joiner.join(words).capitalize() + ".\n"
    assert _signature(filtered, text) == _signature(unfiltered, text)


# Needled patterns look for literal words before scanning; the words must be ones the pattern
# cannot match without. Hypothesis writes texts each pattern matches; every one holds a needle.
def _needled_patterns() -> dict[str, object]:
    from fitlint.lazyregex import Needled
    from fitlint.rules import citations, claims

    return {
        f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
        for module in (claims, citations)
        for name, value in vars(module).items()
        if isinstance(value, Needled)
    }


def test_statistic_and_doi_patterns_are_needled():
    names = {"claims._PERCENT", "claims._MULTIPLIER", "claims._SOCIAL_PROOF", "claims._PERSONAL_LOSS", "citations.DOI"}
    assert names <= set(_needled_patterns())


@pytest.mark.parametrize("name", sorted(_needled_patterns()))
@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_needles_never_hide_a_match(name, data):
    needled = _needled_patterns()[name]
    text = data.draw(st.from_regex(needled.pattern.compiled(), fullmatch=False))
    assert needled.pattern.search(text) is not None
    assert needled.search(text) is not None, f"{name} matches {text!r}, which holds none of its needles"
