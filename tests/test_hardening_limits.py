"""Hostile input that costs memory or blocks: long paragraphs of claims, many identical
paragraphs, special files (FIFOs, devices), config values that switch checks off.

Growth tests compare n with 2n (peak memory traced, or the fastest of a few runs) instead of
asserting a wall-clock figure, so they hold on a slow machine and stay small.
"""

from __future__ import annotations

import tracemalloc

from fitlint.rules.matching import CONTEXT_CHARS


def _peak(run, text: str) -> int:
    tracemalloc.start()
    try:
        run(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_long_paragraph_of_claims_keeps_memory_in_proportion_to_its_length(linter):
    # Before, the claim cache keyed every sentence on the whole paragraph before it: 20,000
    # sentences (720 KB) reached 7 GB. Doubling 600 sentences multiplied the peak by 3.7.
    def make(n: int) -> str:
        return f"{n} " + "Studies show it burns 39% more fat. " * n + "\n"

    def run(text: str) -> None:
        diagnostics = linter.lint_text(text, "r.md")
        assert len(diagnostics) == text.count("Studies")

    run(make(10))  # load the pipeline outside the measurement
    small, large = _peak(run, make(600)), _peak(run, make(1200))
    assert large < 2.5 * small, f"n: {small // 1024} KB, 2n: {large // 1024} KB"
    assert max(len(key[2]) for key in linter.claims._cache) <= CONTEXT_CHARS
