"""The lexical pre-filter: one Aho-Corasick pass over a sentence finds every rule word stem in it.

Each phrase pattern needs, for each of its required items, at least one stem present at the start
of a word; a rule is a candidate for a sentence when one of its patterns is satisfied. A phrase
pattern must then also fit its shape in the raw sentence (its words in order and near each other,
:func:`fitlint.rules.patterns.surface_regex`), tried from the offsets found here. Only candidates
go on to spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


class StemScanner:
    def __init__(self, stems: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._size = 0
        for stem in sorted(set(stems)):
            if stem:
                self._automaton.add_word(stem, stem)
                self._size += 1
        if self._size:
            self._automaton.make_automaton()

    def scan(self, lowered: str) -> dict[str, list[int]]:
        """Stems that occur in ``lowered`` at the start of a word (or right after a number), each with its offsets."""
        found: dict[str, list[int]] = {}
        for offset, stem in self.positions(lowered):
            found.setdefault(stem, []).append(offset)
        return found

    def positions(self, lowered: str) -> list[tuple[int, str]]:
        """(start offset, stem) of every stem that starts a word in ``lowered``, in text order."""
        if not self._size:
            return []
        found = []
        for end, stem in self._automaton.iter(lowered):
            start = end - len(stem) + 1
            # A unit run on to its number ("27.5lbs", "10kg") starts a word too.
            if start == 0 or not lowered[start - 1].isalpha():
                found.append((start, stem))
        found.sort()  # the automaton reports by end offset; callers walk by start
        return found
