"""Hostile text on the spaCy path: sentences over spaCy's length limit, long punctuation runs.

Timing tests compare n with 2n characters (the minimum of a few runs each) instead of asserting a
wall-clock time: spaCy's punctuation splitting grows with the cube of a run's length, so doubling
it multiplied the time by 3 to 5 at these sizes, where the bounded path stays within noise.
"""

from __future__ import annotations

import time

import pytest
from conftest import write

from fitlint import nlp
from fitlint.positions import LineIndex


def _timed(run, text: str) -> float:
    start = time.perf_counter()
    run(text)
    return time.perf_counter() - start


def _grows_linearly(make, n: int, run) -> None:
    """Doubling the input at most multiplies the time by 2.5 (a quadratic path gives 4).

    The n and 2n runs take turns, and the median of the three pairs' ratios decides: a busy
    machine slows both runs of a pair alike, and one run helped by a cache the one before filled
    (spaCy's, or the linter's) does not decide the comparison. Each run differs in length
    (spaCy's tokenizer caches each whitespace-delimited chunk) and each text by a counter up front
    (the engine caches sentences)."""
    pairs = []
    for i in range(3):
        small = _timed(run, make(n, i))
        large = _timed(run, make(2 * n, i + 3))
        pairs.append((small, large))
    # 0.1 s of slack on the large run: at small sizes, fixed costs and timer noise dominate.
    ratios = sorted((large - 0.1) / small for small, large in pairs)
    times = ", ".join(f"{small:.3f}s/{large:.3f}s" for small, large in pairs)
    assert ratios[1] < 2.5, f"n/2n: {times}"


@pytest.fixture
def spacy_limit(monkeypatch):
    """spaCy's own limit lowered from a million characters, so a sentence over it stays cheap."""
    pipeline = nlp.pipeline()
    monkeypatch.setattr(pipeline, "max_length", 40_000)
    assert nlp.MAX_CHUNK < pipeline.max_length
    return pipeline.max_length


def test_sentence_over_spacy_max_length_is_linted_and_the_next_file_reported(
    cli, tmp_path, spacy_limit
):
    # One sentence (no closing punctuation anywhere) three times spaCy's limit, with a claim at
    # the end: before, spaCy raised E088, the run exited 2 and ok.md was never reported.
    filler = "and more words " * (3 * spacy_limit // 15)
    write(tmp_path / "long.md", "Burn belly fat " + filler + "melt your love handles\n")
    write(tmp_path / "ok.md", "Burn belly fat now.\n")
    result = cli("check", "long.md", "ok.md", "--no-cache", "--no-source", "-j", "1", cwd=tmp_path)
    assert result.code == 1, result.err
    assert "E088" not in result.err and "internal error" not in result.err
    lines = result.out.splitlines()
    # The claim after the pieces' seams has its exact column: offsets survive the join.
    column = len("Burn belly fat " + filler) + 1
    assert any(line.startswith(f"long.md:1:{column}: FL10") for line in lines), lines
    assert any(line.startswith("long.md:1:1: FL101") for line in lines), lines
    assert any(line.startswith("ok.md:1:1: FL101") for line in lines), lines


def test_long_text_is_tokenised_in_pieces_with_exact_offsets():
    text = ("word " * 1500) + "x" * 12_000 + " burn belly fat " + "tail " * 2000
    [doc] = nlp.parse([text])
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    assert max(len(sentence.text) for sentence in doc.sents) <= nlp.MAX_CHUNK
    burn = next(token for token in doc if token.text == "burn")
    assert burn.idx == text.index(" burn belly") + 1 and burn.lemma_ == "burn"


@pytest.mark.parametrize(
    "run",
    ["!", "[", "]", "*_", "🔥", "?!."],
    ids=["bang", "open-bracket", "close-bracket", "star-underscore", "emoji", "mixed"],
)
def test_punctuation_run_keeps_the_text_length_and_every_word_offset(run):
    text = "Burn belly fat" + run * 2000 + " then melt your love handles" + run * 40 + "."
    [doc] = nlp.parse([text])
    assert len(doc.text) == len(text)
    words = [token for token in doc if token.is_alpha]
    assert [t.text for t in words] == [
        "Burn",
        "belly",
        "fat",
        "then",
        "melt",
        "your",
        "love",
        "handles",
    ]
    for token in words:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    assert len(doc) < 20  # the run is one token and a whitespace token, not 2,000 tokens


def test_short_punctuation_is_tokenised_as_before():
    text = "Burn belly fat!!! Really?! Yes... (see [3]) — *now*_"
    [doc] = nlp.parse([text])
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in nlp.pipeline()(text)]


def test_long_exclamation_run_is_reported_at_the_claim_and_time_grows_linearly(linter):
    def make(n: int, i: int) -> str:
        return f"Day {i}: burn belly fat" + "!" * (n + i) + " Really.\n"

    text = make(3000, 99)
    diagnostics = linter.lint_text(text, "bang.md")
    assert [(d.code, d.text) for d in diagnostics] == [("FL101", "burn belly fat")]
    assert LineIndex(text).position(diagnostics[0].start) == (0, len("Day 99: "))
    _grows_linearly(make, 2000, lambda text: linter.lint_text(text, "bang.md"))


def test_a_run_of_marks_at_the_end_of_a_text_is_split_in_linear_time():
    """The sentence splitter tries a boundary only where a run of marks starts: tried at every
    mark of a run with nothing after it, it failed once per mark after scanning the rest of the
    run (40,000 "!" took 20 s)."""
    from fitlint.document.sentences import split_sentences

    def make(n: int, i: int) -> str:
        return f"Day {i}: burn belly fat" + "!" * (n + i)

    text = make(5, 0)
    assert [text[s:e] for s, e in split_sentences(text)] == [text]
    _grows_linearly(make, 8000, split_sentences)


def test_bracket_runs_in_plain_text_time_grows_linearly(linter):
    def make(n: int, i: int) -> str:
        return f"{i} " + "[" * (n + i) + " burn belly fat " + "]" * (n + i) + "\n"

    text = make(4000, 99)
    diagnostics = linter.lint_text(text, "brackets.txt")
    assert [d.code for d in diagnostics] == ["FL101"]
    assert text[diagnostics[0].start : diagnostics[0].end] == "burn belly fat"
    _grows_linearly(make, 2000, lambda text: linter.lint_text(text, "brackets.txt"))


def test_star_underscore_pairs_time_grows_linearly(linter):
    def make(n: int, i: int) -> str:
        return f"{i} burn belly fat " + "*_" * (n // 2 + i) + "\n"

    _grows_linearly(make, 4000, lambda text: linter.lint_text(text, "pairs.txt"))


def test_a_run_on_sentence_full_of_claims_costs_time_in_proportion_to_its_length(linter):
    # Every match reads a bounded stretch of its sentence and block, not all of it.
    def make(n: int, i: int) -> str:
        return f"{i} " + "burn belly fat " * (n // 15 + i) + "\n"

    text = make(3000, 7)
    diagnostics = linter.lint_text(text, "runon.md")
    assert "FL101" in {d.code for d in diagnostics}
    assert all(text[d.start : d.end] == d.text for d in diagnostics)
    _grows_linearly(make, 3000, lambda text: linter.lint_text(text, "runon.md"))


@pytest.mark.parametrize(
    "text",
    [
        "Trained legs lost no more fat (Ramirez-Campillo et al. 2022). Diet mattered more.",
        "Trained legs lost no more fat (Ramirez-Campillo et al., 2022). Diet mattered more.",
        "Trained legs lost no more fat, as J. Smith found. Diet mattered more.",
    ],
)
def test_a_citation_s_abbreviation_does_not_end_its_sentence(text):
    (doc,) = nlp.parse([text])
    first = next(iter(doc.sents)).text
    assert first.endswith("2022).") or first.endswith("found.")
