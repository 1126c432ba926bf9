"""The pre-filter's second stage only saves work: when a sentence holds the word stems a phrase
pattern needs (the first stage, ``allowed``) but not in the pattern's shape (the second stage,
``prefilter``), the patterns the first stage allowed do not match it either. Checked through the
matchers' own ``allowed``, ``prefilter`` and ``find`` on every sentence of known texts and on
random sentences of rule words."""

from __future__ import annotations

import os

import pytest
import yaml
from conftest import FIXTURES, REPO, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fitlint.config import Config
from fitlint.document import parse_document
from fitlint.document.sentences import split_sentences
from fitlint.engine import Linter
from fitlint.nlp import lemma_text, parse
from fitlint.rules.phrase import PhraseMatcher

EXAMPLES = int(os.environ.get("FITLINT_FUZZ_EXAMPLES", "60"))


@pytest.fixture(scope="module")
def linter() -> Linter:
    linter = Linter(Config(root=REPO))
    linter.checks.prepare()
    return linter


def _phrases(linter: Linter) -> list[tuple[str, PhraseMatcher]]:
    """Every phrase pattern set the sentence rules hold: phrase rules' own, and claim rules'."""
    found = []
    for matcher in linter.sentence_rules.matchers:
        phrase = matcher if isinstance(matcher, PhraseMatcher) else getattr(matcher, "phrase", None)
        if phrase is not None:
            found.append((matcher.rule.code, phrase))
    return found


def _turned_away_matches(linter: Linter, sentences: list[str]) -> list[tuple[str, str]]:
    """(rule, sentence) for each sentence the second stage turned away from a rule although a
    pattern the first stage allowed matches it (the patterns run as the engine runs them)."""
    phrases = _phrases(linter)
    rules = linter.sentence_rules
    overrides = linter.ruleset.lemma_overrides
    missed = []
    for raw in sentences:
        lowered = raw.lower()
        stems = rules.scanner.scan(lowered)
        rejecting = [
            (code, phrase)
            for code, phrase in phrases
            if phrase.allowed(stems) and not phrase.prefilter(lowered, stems)
        ]
        if not rejecting:
            continue
        for sentence in parse([raw])[0].sents:
            lemmas = lemma_text(sentence, overrides)
            for code, phrase in rejecting:
                if next(iter(phrase.find(sentence, lemmas, 10.0, stems=stems)), None) is not None:
                    missed.append((code, raw))
    return missed


def _sentences(text: str) -> list[str]:
    document = parse_document(text, "doc.md")
    return [
        block.text[start:end]
        for block in document.blocks
        for start, end in split_sentences(block.text)
    ]


def _texts() -> list[str]:
    texts = []
    for path in sorted((FIXTURES / "rules").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts += [case[key] for key in ("fail", "pass") if key in case]
    for folder in (FIXTURES / "eval" / "files", REPO / "examples", SHARED / "corpus" / "real"):
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))]
    return texts


def test_second_stage_turns_away_no_sentence_a_pattern_matches_in_known_texts(linter):
    texts = _texts()
    assert len(texts) > 100
    sentences = list(dict.fromkeys(sentence for text in texts for sentence in _sentences(text)))
    assert len(sentences) > 1000
    assert _turned_away_matches(linter, sentences) == []


def test_second_stage_turns_away_scattered_rule_words(linter):
    """Every word of "burn belly fat" is here, but not in that shape: no spaCy for this sentence."""
    text = "Belly dancing is fun, and the fat cat sat on the mat burning nothing.\n"
    units = linter.sentence_rules.candidates(parse_document(text, "doc.md").blocks)
    assert not {
        linter.sentence_rules.matchers[i].rule.code for unit in units for i in unit.matchers
    } & {
        "FL101",
        "FL104",
    }
    lowered = text.strip().lower()
    stems = linter.sentence_rules.scanner.scan(lowered)
    spot = dict(_phrases(linter))["FL101"]
    assert spot.allowed(stems)  # the words alone would let it through; their shape does not


def test_words_out_of_order_are_turned_away_before_any_shape_is_built(linter):
    """FL101's "@fat-area @vanish": "come back" holds both words, the wrong way round. The order
    of the scanner's offsets rules it out; the pattern's shape is never built or compiled."""
    spot = dict(_phrases(linter))["FL101"]
    number = spot.rule.patterns.index("@fat-area @vanish")
    lowered = "drink some water and come back to the mat."
    stems = linter.sentence_rules.scanner.scan(lowered)
    spot._surface.pop(number, None)
    assert not spot._in_order(number, stems)
    assert not spot._shape_fits(number, lowered, stems)
    assert number not in spot._surface  # no shape was built for it
    right_way = "my belly disappeared."
    assert spot._in_order(number, linter.sentence_rules.scanner.scan(right_way))


def test_second_stage_needs_both_sides_of_an_either_order_pattern(linter):
    """FL202's "<local-outcome> & <within-a-month>": "days" and "back" are words of its sides,
    but no side's shape holds here; with the sides in either order it passes."""
    calm = "Rest days matter: sleep well, walk, and come back ready."
    units = linter.sentence_rules.candidates(parse_document(calm + "\n", "doc.md").blocks)
    assert "FL202" not in {
        linter.sentence_rules.matchers[i].rule.code for unit in units for i in unit.matchers
    }
    for text in (
        "Lose your back fat in 7 days with this wrap.",
        "In just 7 days this wrap melts your back fat.",
    ):
        lowered = text.lower()
        stems = linter.sentence_rules.scanner.scan(lowered)
        assert dict(_phrases(linter))["FL202"].prefilter(lowered, stems), text


# Rule words, lexicon entries and filler in random order: the shape must never hide a match.
WORDS = [
    "burn",
    "burns",
    "burning",
    "melt",
    "melted",
    "lose",
    "losing",
    "lost",
    "shed",
    "drop",
    "target",
    "tone",
    "belly",
    "bellies",
    "fat",
    "flab",
    "love",
    "handles",
    "muffin",
    "top",
    "thigh",
    "thighs",
    "arm",
    "back",
    "your",
    "the",
    "stubborn",
    "away",
    "off",
    "from",
    "in",
    "just",
    "7",
    "10",
    "days",
    "week",
    "a",
    "fast",
    "quickly",
    "without",
    "dieting",
    "exercise",
    "with",
    "these",
    "moves",
    "studies",
    "show",
    "research",
    "e.g.",
    "10,000",
    "U.S.",
    "don't",
    "can't",
    "-",
    ",",
    "—",
    "(",
    ")",
    '"',
    "'s",
    "!",
    "?",
    "x-ray",
    "https://example.com/a/b",
    "effortlessly",
    "overnight",
    "dress",
    "sizes",
    "two",
    "pounds",
    "lbs",
]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=18),
    st.sampled_from([" ", "-", " ", ", "]),
)
def test_second_stage_turns_away_no_match_in_random_sentences(linter, words, joiner):
    text = joiner.join(words).capitalize() + "."
    assert _turned_away_matches(linter, [text]) == []


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
    names = {
        "claims._PERCENT",
        "claims._MULTIPLIER",
        "claims._SOCIAL_PROOF",
        "claims._PERSONAL_LOSS",
        "citations.DOI",
    }
    assert names <= set(_needled_patterns())


@pytest.mark.parametrize("name", sorted(_needled_patterns()))
@settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_needles_never_hide_a_match(name, data):
    needled = _needled_patterns()[name]
    text = data.draw(st.from_regex(needled.pattern.compiled(), fullmatch=False))
    assert needled.pattern.search(text) is not None
    assert (
        needled.search(text) is not None
    ), f"{name} matches {text!r}, which holds none of its needles"
