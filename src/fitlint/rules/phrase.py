"""Phrase rules: lemma patterns, filtered by context, turned into diagnostics.

Two stages keep this cheap: a stem pre-filter on the raw lower-cased block text decides which
blocks could match at all; only those go through spaCy and the lemma regexes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from fitlint.diagnostics import Diagnostic
from fitlint.document.model import Document, ProseBlock
from fitlint.rules.context import MatchContext, excused
from fitlint.rules.emit import make_diagnostic
from fitlint.rules.model import Rule, RuleSet
from fitlint.rules.patterns import compile_lemma_regex, parse_pattern, prefilter_sets

log = logging.getLogger(__name__)


class RuleTimeout(Exception):
    def __init__(self, rule: Rule) -> None:
        super().__init__(rule.code)
        self.rule = rule


@dataclass
class _CompiledPattern:
    source: str
    prefilter: list[regex.Pattern[str]]
    lemma_regex: regex.Pattern[str] | None = None


@dataclass
class _CompiledRule:
    rule: Rule
    patterns: list[_CompiledPattern]


class PhraseCheck:
    kind = "phrase"

    def __init__(self, rules: Iterable[Rule], ruleset: RuleSet, timeout: float) -> None:
        self.ruleset = ruleset
        self.timeout = timeout
        self.disabled: dict[str, str] = {}  # code -> reason
        self._rules: list[_CompiledRule] = []
        for rule in rules:
            compiled = []
            for source in rule.patterns:
                parsed = parse_pattern(source)
                stems = prefilter_sets(parsed, ruleset.lexicons, ruleset.forms)
                prefilter = [
                    regex.compile(r"\b(?:" + "|".join(sorted(map(regex.escape, group), key=len, reverse=True)) + ")")
                    for group in stems
                ]
                compiled.append(_CompiledPattern(source, prefilter))
            self._rules.append(_CompiledRule(rule, compiled))
        self._lemma_ready = False

    # -- stage 1 -----------------------------------------------------------------------------
    def candidates(self, blocks: Sequence[ProseBlock]) -> dict[int, list[_CompiledRule]]:
        """Block index → the rules whose pre-filter fires on it."""
        found: dict[int, list[_CompiledRule]] = {}
        for index, block in enumerate(blocks):
            lowered = block.text.lower()
            for compiled in self._rules:
                if compiled.rule.code in self.disabled:
                    continue
                if compiled.rule.scope and block.kind not in compiled.rule.scope:
                    continue
                if any(all(f.search(lowered) for f in p.prefilter) for p in compiled.patterns):
                    found.setdefault(index, []).append(compiled)
        return found

    # -- stage 2 -----------------------------------------------------------------------------
    def _ensure_lemma_regexes(self, lemmatize: Callable[[str], str]) -> None:
        if self._lemma_ready:
            return
        for compiled in self._rules:
            for pattern in compiled.patterns:
                source = compile_lemma_regex(parse_pattern(pattern.source), self.ruleset.lexicons, lemmatize)
                pattern.lemma_regex = regex.compile(source)
        self._lemma_ready = True

    def run(self, document: Document, annotate: Callable[[list[int]], dict[int, object]]) -> list[Diagnostic]:
        candidates = self.candidates(document.blocks)
        if not candidates:
            return []
        from fitlint.nlp import lemma_text, lemmatize_phrase

        self._ensure_lemma_regexes(lemmatize_phrase)
        docs = annotate(sorted(candidates))
        headings = _section_headings(document.blocks)
        diagnostics: list[Diagnostic] = []
        for index, compiled_rules in candidates.items():
            block = document.blocks[index]
            doc = docs[index]
            for sentence in doc.sents:  # type: ignore[attr-defined]
                lemmas = lemma_text(sentence)
                for compiled in compiled_rules:
                    rule = compiled.rule
                    if rule.code in self.disabled:
                        continue
                    diagnostics.extend(
                        self._match_rule(compiled, lemmas, sentence, block, headings.get(block.section, ""), document)
                    )
        return diagnostics

    def _match_rule(self, compiled, lemmas, sentence, block, heading, document) -> list[Diagnostic]:
        rule = compiled.rule
        results: list[Diagnostic] = []
        taken: list[tuple[int, int]] = []
        for pattern in compiled.patterns:
            try:
                matches = list(pattern.lemma_regex.finditer(lemmas.text, timeout=self.timeout))
            except TimeoutError:
                self.disabled[rule.code] = (
                    f"pattern {pattern.source!r} took longer than {self.timeout:g}s (catastrophic "
                    "backtracking); rule disabled for this run"
                )
                return []
            for match in matches:
                first, last = lemmas.token_range(match.start(), match.end())
                if any(first <= b and last >= a for a, b in taken):
                    continue  # several patterns of one rule matching the same words: report once
                doc = sentence.doc
                ctx = MatchContext(sentence, first, last, heading, block.kind)
                if rule.unless and excused(ctx, rule.unless):
                    continue
                taken.append((first, last))
                prose_start = doc[first].idx
                prose_end = doc[last].idx + len(doc[last])
                captures = {}
                for name, value in match.groupdict().items():
                    if value:
                        g_first, g_last = lemmas.token_range(*match.span(name))
                        # The writer's own words ("love handles"), not the lemmas.
                        words = doc.text[doc[g_first].idx : doc[g_last].idx + len(doc[g_last])]
                        captures[name.replace("_", "-")] = words if words.isupper() and len(words) < 5 else words.lower()
                results.append(
                    make_diagnostic(rule, self.ruleset, document, block, prose_start, prose_end, captures)
                )
        return results


def _section_headings(blocks: Sequence[ProseBlock]) -> dict[int, str]:
    return {block.section: block.text.lower() for block in blocks if block.kind == "heading"}
