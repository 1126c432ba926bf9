"""Phrase rules: lemma patterns (see :mod:`fitlint.rules.patterns`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from fitlint.nlp import LemmaText
from fitlint.rules.matching import Found, RuleTimeout, surface
from fitlint.rules.model import Rule, RuleSet
from fitlint.rules.patterns import compile_lemma_regex, parse_pattern, prefilter_sets

if TYPE_CHECKING:
    import regex


class PhraseMatcher:
    kind = "phrase"

    def __init__(self, rule: Rule, ruleset: RuleSet) -> None:
        self.rule = rule
        self.ruleset = ruleset
        self._parsed = [parse_pattern(source) for source in rule.patterns]
        # Per pattern: for each required item, its alternatives (stem sets that must all occur),
        # split into one-stem alternatives (a set test in C) and multi-stem ones (subset tests).
        self._required: list[list[tuple[frozenset[str], tuple[frozenset[str], ...]]]] = []
        for parsed in self._parsed:
            items = []
            for alternatives in prefilter_sets(parsed, ruleset.lexicons, ruleset.forms, ruleset.prefilter_memo):
                singles = frozenset(next(iter(alt)) for alt in alternatives if len(alt) == 1)
                multis = tuple(alt for alt in alternatives if len(alt) > 1)
                items.append((singles, multis))
            self._required.append(items)
        self._any_stem = frozenset(
            stem for items in self._required for singles, multis in items for stem in singles.union(*multis)
        )
        self._regexes: list[regex.Pattern[str]] = []

    def stems(self) -> Iterator[str]:
        return iter(self._any_stem)

    def prefilter(self, lowered: str, stems: set[str]) -> bool:
        if self._any_stem.isdisjoint(stems):
            return False
        for items in self._required:
            for singles, multis in items:
                if singles.isdisjoint(stems) and not any(alt <= stems for alt in multis):
                    break
            else:
                return True
        return False

    def prepare(self, lemmatize: Callable[[str], str]) -> None:
        import regex  # rule patterns use regex for its match timeout

        self._regexes = [
            regex.compile(compile_lemma_regex(parsed, self.ruleset.lexicons, lemmatize)) for parsed in self._parsed
        ]

    def find(self, sentence: Any, lemmas: LemmaText, timeout: float, block_index: int = -1, offset: int = 0) -> Iterator[Found]:
        doc = sentence.doc
        for source, pattern in zip(self.rule.patterns, self._regexes):
            try:
                matches = list(pattern.finditer(lemmas.text, timeout=timeout))
            except TimeoutError:
                raise RuleTimeout(
                    f"pattern {source!r} took longer than {timeout:g}s (catastrophic backtracking); "
                    "rule disabled for this run"
                ) from None
            for match in matches:
                first, last = lemmas.token_range(match.start(), match.end())
                captures = {}
                for name, value in match.groupdict().items():
                    if value:
                        words = surface(doc, *lemmas.token_range(*match.span(name)))
                        # The writer's own words ("love handles"), not the lemmas.
                        captures[name.replace("_", "-")] = words if words.isupper() and len(words) < 5 else words.lower()
                yield Found(first, last, captures)
