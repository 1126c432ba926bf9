"""The checks of one configuration, run on one parsed document.

A document goes one way: the lexical checks that need no spaCy (duplicate sections and passages,
statistics in table rows, citation integrity) and the sentence rules' pre-filter; then, for the
candidate sentences only, spaCy (through a bounded :class:`~fitlint.nlp.DocCache`) and the
sentence rules. What comes out is the document's raw findings; :mod:`fitlint.postprocess` turns
them into what is reported.

A file's time budget (``file-time-budget``) covers both stages. When it runs out, the lexical
findings are kept and the reason is returned with them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from fitlint import budget
from fitlint.config import Config
from fitlint.diagnostics import Diagnostic, Severity
from fitlint.document import Document
from fitlint.nlp import DocCache
from fitlint.rules.citation_rules import CitationRules
from fitlint.rules.citations import citation_index
from fitlint.rules.claims import ClaimGroup, ClaimMatcher, uncited_table_rows
from fitlint.rules.duplicate_rules import DuplicateRules, build_options
from fitlint.rules.emit import make_span_diagnostic
from fitlint.rules.matching import SentenceRules
from fitlint.rules.model import Rule, RuleSet
from fitlint.rules.phrase import PhraseMatcher
from fitlint.rules.rate import RateMatcher


def select_rules(config: Config, ruleset: RuleSet) -> dict[str, Rule]:
    """The rules a configuration turns on, by code, with the severity it gives them."""
    rules = {}
    for rule in ruleset.rules.values():
        if not config.selects(rule.code, rule.enabled):
            continue
        if config.profile is not None:
            # A regulator profile keeps the rules mapped to its guidance and makes them errors.
            if not any(ruleset.guidance[g].profile == config.profile for g in rule.regulators):
                continue
            rule = replace(rule, severity=Severity.ERROR)
        if rule.code in config.severity:
            rule = replace(rule, severity=config.severity[rule.code])
        rules[rule.code] = rule
    return rules


class Checked(NamedTuple):
    diagnostics: list[Diagnostic]  # raw findings, before post-processing
    stopped: str | None  # why the checks stopped before the end (the time budget), or None


class Checks:
    def __init__(self, config: Config, ruleset: RuleSet, rules: dict[str, Rule]) -> None:
        self.config = config
        self.ruleset = ruleset
        claims = self.claims = ClaimGroup()
        kinds = {
            "phrase": PhraseMatcher,
            "rate": RateMatcher,
            "claim": lambda rule, ruleset: ClaimMatcher(rule, ruleset, claims),
        }
        selected = list(rules.values())
        # A rule that needs a claim beside its match gets the rules that find such claims even
        # when they are not selected: they run silently, for it alone.
        needed = {r.beside for r in selected if r.beside}
        helpers = [
            r
            for r in ruleset.rules.values()
            if r.category in needed and r.code not in rules and r.enabled and r.kind in kinds
        ]
        self.sentence_rules = SentenceRules(
            [kinds[r.kind](r, ruleset) for r in selected + helpers if r.kind in kinds],
            ruleset,
            config.regex_timeout,
            show_excused=config.show_excused,
            silent=frozenset(r.code for r in helpers),
        )
        # Options are shared by every duplicate rule of the packs, whichever are selected.
        all_duplicate_rules = [r for r in ruleset.rules.values() if r.kind == "duplicate"]
        self.duplicates = DuplicateRules(
            [r for r in selected if r.kind == "duplicate"],
            ruleset,
            build_options(all_duplicate_rules, config.template_headings, config.allow_duplicates),
        )
        self.citations = CitationRules([r for r in selected if r.kind == "citation"], ruleset)
        self.docs = DocCache()  # spaCy docs of candidate sentences, kept across documents
        self._set_up = False

    def prepare(self, every_pattern: bool = False) -> None:
        """Load spaCy and set the sentence rules up (once; the first candidate sentence of a run
        does it if nothing did before). Patterns compile when first needed, or all now with
        ``every_pattern`` (before forking workers, which then share them)."""
        import gc

        from fitlint.nlp import pipeline

        first = not self._set_up
        pipeline()
        self.sentence_rules.prepare()
        if every_pattern:
            for matcher in self.sentence_rules.matchers:
                matcher.compile_all()
        if first:
            # spaCy's vocabulary and the rules' patterns live for the run: the collector need not
            # scan them on every full collection (frozen objects still go when unreferenced).
            gc.freeze()
            self._set_up = True

    def run(self, document: Document) -> Checked:
        lexical: list[Diagnostic] = []
        with budget.time_budget(self.config.file_time_budget):
            try:
                candidates = self.sentence_rules.candidates(document.blocks)
                lexical = self.duplicates.run(document)
                lexical += self._table_statistics(document)
                lexical += self.citations.run(document)
                if not candidates:
                    return Checked(lexical, None)
                with budget.excluded():  # the run's one-time set-up is not this file's cost
                    self.prepare()
                found = self.sentence_rules.run(document, self.docs, candidates)
            except budget.BudgetExceeded as exc:
                return Checked(
                    exc.found + lexical,
                    f"{exc} (file-time-budget); findings after that point are not reported",
                )
        return Checked(found + lexical, None)

    def _table_statistics(self, document: Document) -> list[Diagnostic]:
        statistic = self.claims.matchers.get("statistic")
        if statistic is None or not any(b.kind == "table_cell" for b in document.blocks):
            return []
        index = citation_index(document)
        return [
            make_span_diagnostic(
                statistic.rule, self.ruleset, document.path, document.text, start, end, {}
            )
            for start, end in uncited_table_rows(document, index)
        ]
