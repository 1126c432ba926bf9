"""Rate rules: an amount lost in a period ("10 lbs in a week", "a dress size in 7 days"),
converted to kilograms per week and compared with a limit the guidance supports.

"10 kg in 3 months" (about 0.8 kg a week) passes; "36 pounds in 28 days" (4 kg a week) does not.
The amount and the period may be written in either order ("In just 4 weeks, you can lose 10 lbs"),
as a from–to weight ("from 90 kg to 81 kg in a month"), or in two sentences of one paragraph or a
list item and its lead-in ("By day five I had more energy. I was down 3 pounds."): a testimonial
spread over a paragraph sets the same expectation as one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from typing import Any

from fitlint.lazyregex import lazy_compile
from fitlint.nlp import LemmaText, doc_text
from fitlint.rules.amounts import Amount, Limits, centimetres, kilograms, located, mentions_amount
from fitlint.rules.matching import Found
from fitlint.rules.model import Rule, RuleSet

_PREFILTER = lazy_compile(
    r"(?:\b|(?<=\d))(?:lb|pound|kg|kilo|stone|size|inch|cm|centimet|st\b|in\.|from\s+(?:an?\s+)?\d)",
    re.IGNORECASE,
)
_UNIT_STEMS = ("lb", "pound", "kg", "kilo", "stone", "size", "inch", "cm", "centimet", "from")
_UNIT_STEMS_SET = frozenset(_UNIT_STEMS)


class RateMatcher:
    kind = "rate"
    reads_document = False
    gated = True  # needs a unit word (kg, pounds, sizes, …)

    def __init__(self, rule: Rule, ruleset: RuleSet) -> None:
        self.rule = rule
        self.limits = Limits(**{k.replace("-", "_"): float(v) for k, v in rule.limits.items()})
        self.checks_rate = "max-kg-total" not in rule.limits or "max-kg-per-week" in rule.limits

    def stems(self) -> tuple[str, ...]:
        return _UNIT_STEMS

    def gate_stems(self) -> tuple[str, ...]:
        return _UNIT_STEMS

    def prefilter(self, lowered: str, stems: Collection[str] | None = None) -> bool:
        """Any amount of loss may be a rate: its period can stand in the paragraph around it."""
        if stems is not None and _UNIT_STEMS_SET.isdisjoint(stems):
            return False
        return bool(_PREFILTER.search(lowered)) and mentions_amount(lowered)

    def begin(self, document: object) -> None:
        """Nothing to set up per document."""

    def compile_all(self) -> None:
        """Nothing to compile: the rate patterns are module-level."""

    def prepare(self, lemmatize: Callable[[str], str]) -> None:
        return None

    def _rate(self, amount: Amount, weeks: float) -> str | None:
        """The rate as shown in the message, when it is over the limit."""
        if weeks <= 0 or amount.value <= 0:
            return None
        if amount.unit in ("inch", "cm"):
            rate = centimetres(amount) / weeks
            return f"{rate:.1f} cm of girth a week" if rate > self.limits.max_cm_per_week else None
        rate = kilograms(amount, self.limits) / weeks
        if rate > self.limits.max_kg_per_week:
            return f"{rate:.1f} kg ({rate / 0.4536:.1f} lb) a week"
        return None

    def _total(self, amount: Amount) -> str | None:
        """A total with no period, as shown in the message, when it is over the total limit."""
        if self.limits.max_kg_total <= 0 or amount.unit in ("inch", "cm"):
            return None
        kg = kilograms(amount, self.limits)
        if kg > self.limits.max_kg_total:
            return f"{kg:.0f} kg ({kg / 0.4536:.0f} lb)"
        return None

    def assess(
        self, text: str, context: str = "", following: str = ""
    ) -> list[tuple[int, int, str]]:
        """(start, end, rate description) for each implausible rate in ``text``; ``context`` is
        the text before it that the same claim may draw its period from, ``following`` the next
        sentence, which gives it its period when it is only that ("I lost 12 lbs. In 30 days!")."""
        found = []
        for claim in located(text, context, following):
            if claim.weeks is None:
                total = self._total(claim.amount)
                if total is not None:
                    found.append((claim.start, claim.end, total))
                continue
            if not self.checks_rate:
                continue
            rate = self._rate(claim.amount, claim.weeks)
            if rate is not None:
                found.append((claim.start, claim.end, rate))
        return found

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
        base = sentence.start_char
        whole = doc_text(sentence.doc)
        earlier = context + whole[max(0, base - 2000) : base]
        text = sentence.text
        rest = whole[sentence.end_char : sentence.end_char + 200]
        if rest[:1].isspace() and rest.lstrip()[:1].islower():
            text += rest  # "10 lbs. in 4 weeks": split after an abbreviation, not a sentence
        for start, end, rate in self.assess(text, earlier, following):
            span = sentence.doc.char_span(base + start, base + end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            yield Found(span.start, span.end - 1, values={"rate": rate, "amount": rate})
