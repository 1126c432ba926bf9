"""Phrase rules: lemma patterns (see :mod:`fitlint.rules.patterns`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from fitlint.memo import MEMO_TEXT, remember
from fitlint.rules import derived
from fitlint.nlp import LemmaText
from fitlint.rules.matching import Found, RuleTimeout, surface
from fitlint.rules.model import Rule, RuleSet
from fitlint.rules.patterns import (
    compile_lemma_regex,
    first_sets,
    ParsedPattern,
    ordered_stems,
    parse_pattern,
    prefilter_sets,
    surface_parts,
)

if TYPE_CHECKING:
    import regex


_UNBUILT = object()  # a shape not built yet (None is a pattern with no shape to check)

# A shape part: its regex source, compiled on first need, and the stems its first word may have.
_Part = tuple[str, frozenset[str]]

# A required pattern item: its one-stem alternatives, and its multi-stem ones keyed by a stem.
_Item = tuple[frozenset[str], dict[str, list[frozenset[str]]]]
# A match: its span in the lemma text, and (group name, span) for each named group it filled.
_Spans = tuple[tuple[int, int], tuple[tuple[str, tuple[int, int]], ...]]


class PhraseMatcher:
    kind = "phrase"
    reads_document = False
    gated = True  # no stem of its patterns in a sentence: the pre-filter says no

    def __init__(self, rule: Rule, ruleset: RuleSet) -> None:
        self.rule = rule
        self.ruleset = ruleset
        # Patterns are parsed on first need: with the pre-filter kept per machine, a clean
        # file needs none of them.
        self._parsed: list[ParsedPattern | None] = [None] * len(rule.patterns)
        # Per pattern: for each required item, its alternatives (stem sets that must all occur),
        # split into one-stem alternatives (a set test in C) and multi-stem ones ("love handles"
        # needs "lov" and "handl"), indexed by one of their stems so that a sentence's few stems
        # pick out the few multi-word alternatives worth a subset test.
        grammar = ruleset.grammar
        memo = ruleset.prefilter_memo
        # What the pre-filter derives from the patterns is kept per machine (see
        # :mod:`fitlint.rules.derived`): on one small file, deriving it costs more than linting.
        self._entry = derived.entry_name(rule.code, *rule.patterns)
        kept = _read_prefilter(derived.load(ruleset, self._entry), len(self._parsed))
        if kept is not None:
            self._required, self._first_stems = kept
        else:
            self._required = [
                [_split(alternatives) for alternatives in prefilter_sets(parsed, grammar, memo)]
                for parsed in map(self._parsed_pattern, range(len(self._parsed)))
            ]
            # Per part of each pattern's shape (for '&', one per side), the stems of the items
            # that can begin it.
            self._first_stems = []
            for number, items in enumerate(self._required):
                parsed = self._parsed_pattern(number)
                parts = first_sets(parsed, grammar, memo)
                self._first_stems.append(
                    tuple(frozenset().union(*firsts) for firsts in parts)
                    if parts and all(parts) and items
                    else ()
                )
            derived.store(ruleset, self._entry, _prefilter_value(self._required, self._first_stems))
        # Each item's stems, once: a rule's items are read twice below, and on one small file
        # gathering them is a good part of the start-up.
        item_stems = [[_item_stems(item) for item in items] for items in self._required]
        self._any_stem = frozenset().union(*(stems for items in item_stems for stems in items))
        # Each pattern indexed by the stems of its most selective required item: a sentence's
        # stems pick out the few patterns worth the full test (a rule may have forty).
        self._by_stem: dict[str, list[int]] = {}
        self._unindexed: list[int] = []  # patterns with no required item
        for number, items in enumerate(item_stems):
            if not items:
                self._unindexed.append(number)
                continue
            for stem in min(items, key=len):
                self._by_stem.setdefault(stem, []).append(number)
        # Lemma regexes, compiled the first time a sentence needs each: a pattern built from
        # large lexicons takes a tenth of a second or more to compile, and most runs need few.
        self._regexes: list[regex.Pattern[str] | None] = []
        self._lemmatize: Callable[[str], str] | None = None
        self._allowed: dict[frozenset[str], tuple[int, ...]] = {}
        self._surface: dict[int, tuple[_Part, ...] | None] = {}  # built on first need
        # Per pattern, its required items' stems in order (see ``_in_order``); built on need.
        self._ordered: list[list[list[frozenset[str]]] | None] = [None] * len(self._parsed)
        # Match spans per (pattern, lemma text): identical sentences (a paragraph pasted many
        # times) run each pattern once.
        self._spans: dict[tuple[int, str], list[_Spans]] = {}

    def _parsed_pattern(self, number: int) -> ParsedPattern:
        parsed = self._parsed[number]
        if parsed is None:
            parsed = self._parsed[number] = parse_pattern(self.rule.patterns[number])
        return parsed

    def stems(self) -> Iterator[str]:
        return iter(self._any_stem)

    def gate_stems(self) -> frozenset[str]:
        """A pattern needs its first required item, so a sentence with none of the first items'
        stems cannot pass; these are rarer than the stems of every item ("no", "more", "how")."""
        if not all(self._required) or not all(self._first_stems):
            return (
                self._any_stem
            )  # a pattern with no required word passes on any of the rule's stems
        return frozenset().union(*(part for parts in self._first_stems for part in parts))

    def allowed(self, stems: Collection[str]) -> tuple[int, ...]:
        """Numbers of the patterns that could match a sentence holding these word stems."""
        # Keyed by the stems this rule knows: sentences bring many stem sets, but few per rule.
        key = self._any_stem.intersection(stems)
        allowed = self._allowed.get(key)
        if allowed is None:
            numbers = set(self._unindexed) if key else set()
            for stem in key:
                numbers.update(self._by_stem.get(stem, ()))
            allowed = tuple(n for n in sorted(numbers) if _possible(self._required[n], key))
            remember(self._allowed, key, allowed)
        return allowed

    def prefilter(self, lowered: str, stems: Collection[str]) -> bool:
        """``stems`` may map each stem to its offsets in ``lowered`` (from the scanner): the
        pattern's shape is then tried only where its first word can start."""
        allowed = self.allowed(stems)
        if not allowed:
            return False
        positions = (
            stems if isinstance(stems, dict) else None
        )  # dict, not the Mapping ABC: a cheap test
        for number in allowed:  # a plain loop: this runs for every sentence holding a rule word
            if self._shape_fits(number, lowered, positions):
                return True
        return False

    def _shape(self, number: int) -> tuple[_Part, ...] | None:
        """Pattern ``number``'s pre-filter shape: its parts, the smaller (quicker to compile and
        more often absent) first."""
        shape = self._surface.get(number, _UNBUILT)
        if shape is _UNBUILT:
            name = derived.entry_name(self._entry, str(number))
            kept = derived.load(self.ruleset, name)
            if type(kept) is dict and "parts" in kept and kept["parts"] is None:
                sources = None
            elif type(kept) is dict and derived.strings(kept.get("parts"), tuple):
                sources = kept["parts"]
            else:
                sources = surface_parts(self._parsed_pattern(number), self.ruleset.grammar)
                derived.store(self.ruleset, name, {"parts": sources})
            if sources is None or len(sources) != len(self._first_stems[number]):
                shape = None
            else:
                parts = zip(sources, self._first_stems[number])
                shape = tuple(sorted(parts, key=lambda part: len(part[0])))
            self._surface[number] = shape
        return shape  # type: ignore[return-value]

    def _shape_fits(
        self, number: int, lowered: str, positions: Mapping[str, list[int]] | None
    ) -> bool:
        """Are the pattern's words in order and near enough in the raw sentence (second stage)?
        With the scanner's offsets, their order is checked first: most sentences that hold a
        pattern's words hold them in another order ("come back" for "back … come off"), and
        that check needs no shape built or compiled."""
        if positions is not None and not self._in_order(number, positions):
            return False
        shape = self._shape(number)
        if shape is None:
            return True
        return all(_part_fits(source, firsts, lowered, positions) for source, firsts in shape)

    def _in_order(self, number: int, positions: Mapping[str, list[int]]) -> bool:
        """Can each required word of pattern ``number`` stand after the one before it? Each item
        takes the first offset of any of its stems past the previous item's: never later than
        where a real match has it, so a sentence a pattern matches always passes."""
        sequences = self._ordered[number]
        if sequences is None:
            sequences = self._ordered[number] = ordered_stems(
                self._parsed_pattern(number), self.ruleset.grammar, self.ruleset.prefilter_memo
            )
        for items in sequences:
            cursor = -1
            for stems in items:
                best = -1
                for stem, offsets in positions.items():
                    if stem in stems:
                        for offset in offsets:  # in text order
                            if offset > cursor:
                                if best < 0 or offset < best:
                                    best = offset
                                break
                if best < 0:
                    return False
                cursor = best
        return True

    def begin(self, document: object) -> None:
        """Nothing to set up per document."""

    def prepare(self, lemmatize: Callable[[str], str]) -> None:
        self._lemmatize = lemmatize
        self._regexes = [None] * len(self._parsed)
        self._spans.clear()

    def compile_all(self) -> None:
        """Compile every pattern and pre-filter shape now (before forking workers that share
        them)."""
        for number in range(len(self._parsed)):
            self._pattern(number)
            for source, _ in self._shape(number) or ():
                _compiled(source)

    def _pattern(self, number: int) -> regex.Pattern[str]:
        pattern = self._regexes[number]
        if pattern is None:
            from fitlint import budget
            from fitlint.rules.compiled import compile_rule_regex

            assert self._lemmatize is not None, "prepare() first"
            with budget.excluded():  # the run's set-up, not the file's cost
                source = compile_lemma_regex(
                    self._parsed_pattern(number), self.ruleset.grammar, self._lemmatize
                )
                # regex, for its match timeout; compiled once per machine
                pattern = self._regexes[number] = compile_rule_regex(source)
        return pattern

    def find(
        self,
        sentence: Any,
        lemmas: LemmaText,
        timeout: float,
        block_index: int = -1,
        offset: int = 0,
        stems: Collection[str] | None = None,
        context: str = "",
        following: str = "",
    ) -> Iterator[Found]:
        """Matches of the rule's patterns; with ``stems`` (of the text holding the sentence), only
        the patterns the pre-filter lets through run."""
        doc = sentence.doc
        for number in range(len(self._regexes)) if stems is None else self.allowed(stems):
            for span, groups in self._match_spans(number, lemmas.text, timeout):
                first, last = lemmas.token_range(*span)
                captures = {}
                for name, group in groups:
                    words = surface(doc, *lemmas.token_range(*group))
                    # The writer's own words ("love handles"), not the lemmas.
                    captures[name.replace("_", "-")] = (
                        words if words.isupper() and len(words) < 5 else words.lower()
                    )
                yield Found(first, last, captures)

    def _match_spans(self, number: int, text: str, timeout: float) -> list[_Spans]:
        """Each match of pattern ``number`` in a sentence's lemma text: its span and the spans of
        its named groups that matched something."""
        key = (number, text)
        found = self._spans.get(key)
        if found is not None:
            return found
        source, pattern = self.rule.patterns[number], self._pattern(number)
        try:
            matches = list(pattern.finditer(text, timeout=timeout))
        except TimeoutError:
            raise RuleTimeout(
                f"pattern {source!r} took longer than {timeout:g}s (catastrophic backtracking); "
                "rule disabled for this run"
            ) from None
        found = [
            (
                match.span(),
                tuple(
                    (name, match.span(name)) for name, value in match.groupdict().items() if value
                ),
            )
            for match in matches
        ]
        if len(text) <= MEMO_TEXT:
            remember(self._spans, key, found)
        return found


def _part_fits(
    source: str, firsts: frozenset[str], lowered: str, positions: Mapping[str, list[int]] | None
) -> bool:
    """Is a shape part found in the sentence? With the scanner's stem offsets it is tried only
    where its first word can start."""
    regex = _compiled(source)
    if positions is None:
        return regex.search(lowered) is not None
    for stem in firsts.intersection(positions):
        for offset in positions[stem]:
            if regex.match(lowered, offset):
                return True
    return False


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """Shape parts compile once per process: the sides of '&' patterns (a large phrase such as
    the outcomes a body part can have) recur across patterns and rules. They come compiled from
    the user's cache when it has them (see :func:`fitlint.rules.compiled.cached_shape`), else
    from ``re``, which compiles them fastest."""
    from fitlint.rules.compiled import cached_shape

    return cached_shape(source) or re.compile(source)


def _prefilter_value(
    required: list[list[_Item]], first_stems: list[tuple[frozenset[str], ...]]
) -> dict[str, Any]:
    return {"required": required, "first": first_stems}


def _read_prefilter(
    value: Any, patterns: int
) -> tuple[list[list[_Item]], list[tuple[frozenset[str], ...]]] | None:
    """:func:`_prefilter_value` read back, or None unless every field has its expected type.
    The checks run over flattened lists (``map`` and ``join`` loop in C): there are tens of
    thousands of stems, and checking them one call at a time cost what deriving them saves."""
    if type(value) is not dict:
        return None
    required, first = value.get("required"), value.get("first")
    if type(required) is not list or type(first) is not list:
        return None
    if len(required) != patterns or len(first) != patterns:
        return None
    if not _all_of(required, list) or not _all_of(first, tuple):
        return None
    items = [item for pattern in required for item in pattern]
    if not _all_of(items, tuple) or not set(map(len, items)) <= {2}:
        return None
    singles = [item[0] for item in items]
    multis = [item[1] for item in items]
    if not _all_of(singles, frozenset) or not _all_of(multis, dict):
        return None
    keys = [stem for multi in multis for stem in multi]
    lists = [alternatives for multi in multis for alternatives in multi.values()]
    if not _all_of(lists, list):
        return None
    sets = singles + [alternative for alternatives in lists for alternative in alternatives]
    sets += [part for parts in first for part in parts]
    if not _all_of(sets, frozenset) or not derived.strings(keys, list):
        return None
    if not derived.strings(frozenset().union(*sets), frozenset):
        return None
    return required, first


def _all_of(values: list[Any], kind: type) -> bool:
    return set(map(type, values)) <= {kind}


def _split(alternatives: list[frozenset[str]]) -> _Item:
    """One-stem alternatives (a set test in C) apart from multi-stem ones, keyed by a stem."""
    singles = frozenset(next(iter(alt)) for alt in alternatives if len(alt) == 1)
    multis: dict[str, list[frozenset[str]]] = {}
    for alt in alternatives:
        if len(alt) > 1:
            multis.setdefault(min(alt), []).append(alt)
    return singles, multis


def _item_stems(item: _Item) -> frozenset[str]:
    singles, multis = item
    return singles.union(*(alt for alts in multis.values() for alt in alts))


def _possible(items: list[_Item], stems: frozenset[str]) -> bool:
    """Could a pattern with these required items match a sentence holding these word stems?"""
    for singles, multis in items:
        if singles.isdisjoint(stems) and not (multis and _holds_phrase(multis, stems)):
            return False
    return True


def _holds_phrase(multis: dict[str, list[frozenset[str]]], stems: frozenset[str]) -> bool:
    for stem in stems:
        for alternative in multis.get(stem, ()):
            if alternative <= stems:
                return True
    return False
