"""Rate rules: an amount lost in a period ("10 lbs in a week", "a dress size in 7 days"),
converted to kilograms per week and compared with a limit the guidance supports.

"10 kg in 3 months" (about 0.8 kg a week) passes; "36 pounds in 28 days" (4 kg a week) does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from typing import Any, NamedTuple

from fitlint.lazyregex import lazy_compile
from fitlint.nlp import LemmaText
from fitlint.rules.matching import Found
from fitlint.rules.model import Rule, RuleSet

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "a few": 3, "a single": 1,
}
_NUM = r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")"
_RANGE = rf"(?P<amount>{_NUM})(?:\s*(?:-|–|to)\s*(?P<amount_high>{_NUM}))?"
_UNIT = (
    r"(?P<unit>lbs?\b|pounds?|kgs?\b|kilos?|kilograms?|stones?|st\b|(?:dress|clothes|jean|pant)\s+sizes?|sizes?|"
    r"inch(?:es)?|in\.|cm\b|centimet(?:re|er)s?)"
)
_PERIOD = (
    r"(?:(?:in|within|over|after|during|inside)\s+(?:(?:just|only|the|your|their|a|first|next|opening|mere|less\s+than|under)\s+){0,3}"
    r"(?P<count>" + _NUM + r")?\s*[- ]?\s*(?P<period>hours?|days?|weeks?|wks?|months?)\b"
    r"|(?:a|per|each|every|/)\s*(?P<per>day|week|month)\b"
    # a programme's length: "with our 14-day cleanse", "on a 30-day plan"
    r"|(?:with|on|using|via|through|from|during)\s+(?:(?:a|an|the|our|this|that|my|your|their|his|her)\s+)?"
    r"(?P<count>" + _NUM + r")\s*-\s*(?P<period>day|week|month)\b)"
)
_LOSS = (
    r"(?:los[et]|losing|loss(?:es)?|drop(?:ped|ping|s)?|shed(?:ding|s)?|melt(?:ed|s|ing)?|burn(?:ed|t|s|ing)?|"
    r"took\s+off|take\s+off|taking\s+off|slim(?:med)?\s+down|trim(?:med)?|gone|down)"
)
# Loss word, then (within a few words) the amount, then (within a few more) the period.
# Gaps between the parts are a few words joined by spaces only: a comma or full stop ends the claim.
_WORDS = r"(?:[ \t]+[\w'’-]+)"
_PATTERN = lazy_compile(
    rf"\b{_LOSS}\b{_WORDS}{{0,4}}?[ \t]+(?:up\s+to\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+)?{_RANGE}\s*{_UNIT}"
    rf"{_WORDS}{{0,6}}?[ \t]+{_PERIOD}"
    rf"|\b{_RANGE}\s*{_UNIT}\s+(?:gone|down|lighter|off)\b{_WORDS}{{0,3}}?[ \t]+{_PERIOD}",
    re.IGNORECASE,
)
_PREFILTER = lazy_compile(r"\b(?:lb|pound|kg|kilo|stone|size|inch|cm|centimet|st\b|in\.)", re.IGNORECASE)
_UNIT_STEMS = ("lb", "pound", "kg", "kilo", "stone", "size", "inch", "cm", "centimet")
_UNIT_STEMS_SET = frozenset(_UNIT_STEMS)

_KG_PER_UNIT = {"lb": 0.4536, "pound": 0.4536, "kg": 1.0, "kilo": 1.0, "kilogram": 1.0, "stone": 6.35, "st": 6.35}
_WEEKS_PER = {"hour": 1 / 168, "day": 1 / 7, "week": 1.0, "wk": 1.0, "month": 4.35}


class Limits(NamedTuple):
    max_kg_per_week: float = 1.0
    kg_per_size: float = 4.5  # a dress size is roughly 4-5 kg of body weight
    max_cm_per_week: float = 1.0  # waist girth; a heuristic, girth claims also need a period


def _number(text: str) -> float:
    text = text.lower().strip()
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    return float(text.replace(",", "") if text.count(",") and len(text.split(",")[-1]) == 3 else text.replace(",", "."))


def _unit_key(unit: str) -> str:
    unit = unit.lower().rstrip(".")
    for key in ("lb", "pound", "kilogram", "kilo", "kg", "stone"):
        if unit.startswith(key):
            return key
    if unit == "st":
        return "st"
    if "size" in unit:
        return "size"
    if unit.startswith(("inch", "in")):
        return "inch"
    return "cm"


def _weeks(count: str | None, period: str) -> float:
    amount = _number(count) if count else 1.0
    key = period.lower().rstrip("s")
    return amount * _WEEKS_PER["wk" if key == "wk" else key]


class RateMatcher:
    kind = "rate"
    gated = True  # needs a unit word (kg, pounds, sizes, …)

    def __init__(self, rule: Rule, ruleset: RuleSet) -> None:
        self.rule = rule
        self.limits = Limits(**{k.replace("-", "_"): float(v) for k, v in rule.limits.items()})

    def stems(self) -> tuple[str, ...]:
        return _UNIT_STEMS

    def gate_stems(self) -> tuple[str, ...]:
        return _UNIT_STEMS

    def prefilter(self, lowered: str, stems: Collection[str] | None = None) -> bool:
        if stems is not None and _UNIT_STEMS_SET.isdisjoint(stems):
            return False
        return bool(_PREFILTER.search(lowered)) and bool(_PATTERN.search(lowered))

    def prepare(self, lemmatize: Callable[[str], str]) -> None:
        return None

    def assess(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, rate description) for each implausible rate in ``text``."""
        found = []
        for match in _PATTERN.finditer(text):
            groups = match.groupdict()
            amount = _number(groups["amount"])  # the low end of a range, to be fair to the writer
            unit = _unit_key(groups["unit"])
            weeks = _weeks(groups["count"], groups["period"]) if groups["period"] else _weeks(None, groups["per"])
            if weeks <= 0 or amount <= 0:
                continue
            if unit in ("inch", "cm"):
                cm = amount * (2.54 if unit == "inch" else 1.0)
                rate = cm / weeks
                if rate > self.limits.max_cm_per_week:
                    found.append((match.start(), match.end(), f"{rate:.1f} cm of girth a week"))
                continue
            kg = amount * (self.limits.kg_per_size if unit == "size" else _KG_PER_UNIT[unit])
            rate = kg / weeks
            if rate > self.limits.max_kg_per_week:
                found.append((match.start(), match.end(), f"{rate:.1f} kg ({rate / 0.4536:.1f} lb) a week"))
        return found

    def find(
        self,
        sentence: Any,
        lemmas: LemmaText,
        timeout: float,
        block_index: int = -1,
        offset: int = 0,
        stems: Collection[str] | None = None,
    ) -> Iterator[Found]:
        base = sentence.start_char
        for start, end, rate in self.assess(sentence.text):
            span = sentence.doc.char_span(base + start, base + end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            yield Found(span.start, span.end - 1, values={"rate": rate})
