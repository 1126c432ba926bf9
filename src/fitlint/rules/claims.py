"""Claim rules (``kind: claim``): statistics and appeals to research with no citation in scope.

Three claim types, one per rule (``unit``): ``venue`` ("a study in *Sports Medicine* found"),
``appeal`` ("studies show", "clinically proven") and ``statistic`` (percentages, multipliers,
outcome amounts). A sentence is reported once, as the most specific type that applies. Whether it
is cited is decided by :class:`~fitlint.rules.citations.CitationIndex`: the sentence, then its
paragraph or list item, then how the document cites as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from fitlint.document.model import Document
from fitlint.lazyregex import Needled, lazy_compile
from fitlint.nlp import LemmaText
from fitlint.rules.citations import CitationIndex, citation_index
from fitlint.rules.context import EMPTY_WORDS, ContextWords, MatchContext, context_words, quoted
from fitlint.rules.matching import Found
from fitlint.rules.model import Rule, RuleSet
from fitlint.rules.phrase import PhraseMatcher

# The statistic patterns are matched against lower-cased text (see statistic_in), so they are
# written in lower case and compiled without IGNORECASE, which costs re a case fold per character.
# Most are Needled: the words each cannot match without are looked for first.
_NUM = r"\d+(?:[.,]\d+)?"
_PERCENT = Needled(lazy_compile(rf"{_NUM}\s?(?:[-–]\s?{_NUM}\s?)?(?:%|per ?cent\b)"), "%", "cent")
# "at 70% of max heart rate", "80% of 1RM": intensity prescriptions, not findings.
_INTENSITY = lazy_compile(
    rf"{_NUM}\s?(?:[-–]\s?{_NUM}\s?)?%\s*(?:of\s+(?:your\s+)?)?(?:1\s?rm|one-rep|max\w*|hr\s?max|mhr|vo2|v̇o2|heart rate|effort|intensity|body ?weight)",
)
_MULTIPLIER = Needled(
    lazy_compile(
        r"\b(?:twice|double|triple|half)\s+(?:as|the)\b"
        rf"|\b(?:{_NUM}|two|three|four|five|six|seven|eight|nine|ten)\s?(?:x|×|times)\s+(?:more|less|fewer|higher|lower|greater|faster|slower|as|the)\b",
    ),
    "twice", "double", "triple", "half", "x", "×", "times",
)
_RATIO = lazy_compile(r"\b\d+\s+(?:out\s+of|in)\s+(?:every\s+)?\d+\b|\bone\s+in\s+(?:\d+|two|three|four|five|ten)\b")
_TEST_STAT = Needled(lazy_compile(r"\b[rp]\s?[=<>≤]\s?0?\.\d+"), "=", "<", ">", "≤")
_RANK = Needled(
    lazy_compile(r"\b(?:number\s+one|#1|leading|top)\s+(?:reason|cause|predictor)\b"),
    "reason", "cause", "predictor",
)
_AMOUNT = lazy_compile(
    rf"\b{_NUM}(?:\s?[-–]\s?{_NUM})?\s?(?:calories|kcal|cal\b|grams?\b|g\b|kg\b|kilos?\b|lbs?\b|pounds?\b|inch(?:es)?\b|cm\b|mg\b|ounces\b|oz\b|billion\b|million\b)",
)
_DOSE = Needled(
    lazy_compile(
        rf"\b{_NUM}(?:\s?[-–]\s?{_NUM})?\s?(?:minutes?|mins?|hours?|hrs?|sessions?|days?|steps|times)\s+(?:a|per|each|every)\s+(?:day|week|night|session)\b",
    ),
    "day", "week", "night", "session",
)
_OUTCOME = lazy_compile(
    r"\b(?:burn|torch|los[et]|losing|reduc|increas|boost|rais|lower|improv|process|spen[dt]|affect|account|cut|gain|"
    r"maximi[sz]|support|promot|lead|led\b|caus|produc|decreas|prevent|sav|elevat|enhanc|doubl|tripl|shrink|drop|"
    r"extend|prolong|add|risk|linked|associated|predict)\w*",
)
_CALORIES_BURNED = Needled(
    lazy_compile(
        rf"\b(?:burn|torch|us)\w*\s+(?:about\s+|around\s+|up\s+to\s+)?{_NUM}(?:\s?[-–]\s?{_NUM})?\s?(?:calories|kcal)\b",
    ),
    "calories", "kcal",
)
# "Most adults need about 1.6 g of protein per kg": a recommendation stated as fact.
_GUIDELINE = Needled(
    lazy_compile(r"\b(?:needs?|requires?|recommend\w*|should\s+(?:get|eat|aim|have|drink))\b"),
    "need", "requir", "recommend", "should",
)
# "Join over 1 million happy users": a satisfaction figure used as proof.
_SOCIAL_PROOF = Needled(
    lazy_compile(
        rf"\b{_NUM}\s?(?:k|thousand|million|billion)?\+?\s+(?:happy|satisfied|delighted|successful)\s+(?:users|customers|members|clients|people|dieters|readers)\b",
    ),
    "happy", "satisfied", "delighted", "successful",
)
_STUDY_REFERENCE = lazy_compile(
    r"\b(?:this|the)\s+(?:study|trial|paper|review|meta-analysis|authors|researchers|findings|results)\b|\bparticipants\b|\bsubjects\b",
    re.IGNORECASE,
)
# A statistic needs a figure: a digit or a word of these (on lower-cased text).
_DIGIT = lazy_compile(r"\d")
_FIGURE_WORDS = ("percent", "twice", "double", "triple", "half", "times", "number one")
PRIORITY = ("venue", "appeal", "statistic")


# Instructions ("Be active 30-60 minutes a day", "Consider 100-200 mg of caffeine") prescribe;
# they do not report findings. Their numbers count only as calories burned or a real percentage.
_IMPERATIVE = lazy_compile(
    r"^\W*(?:be|do|aim|try|get|add|build|consider|start|keep|walk|eat|drink|take|make|use|include|limit|"
    r"avoid|choose|perform|hold|rest|stay|schedule|set|plan|go|focus|nourish|fuel|repeat|complete|finish|"
    r"begin|increase|reduce|swap|replace|skip|cut|pair|combine|follow|track|log|write|prepare|cook|store|"
    r"aim|allow|give|let|remember|note|check|warm|cool|stretch|breathe|drop|lift|run|jog|swim|cycle|target|"
    r"lighten|film|brace|lower|raise|join|download|sign|grab|buy|order)\b",
)
_PROPORTION_OF_TIME = lazy_compile(rf"{_NUM}\s?%\s+of\s+the\s+time")
# Weight lost by a person is a result or a promise (quick-fix rules judge it), not a statistic.
_PERSONAL_LOSS = Needled(
    lazy_compile(
        r"\b(?:los[et]|losing|losses|drop(?:ped)?|shed|down)\b(?:[^.!?]|\.(?=\d)){0,40}?\b(?:pounds?|lbs?|kgs?|kilos?|stone|sizes?|weight)\b"
        r"|\b(?:twice|double|triple|\d+\s?(?:x|times))\s+(?:as\s+much|more)\s+(?:weight|fat)\b",
    ),
    "los", "drop", "shed", "down", "twice", "double", "triple", "x", "times",
)


_QUOTED = lazy_compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]{3,}’")
_POINTER = lazy_compile(r"^\W*(?:see|read|check out|learn more|find out)\b", re.IGNORECASE)


_LIST_LINE = lazy_compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s")


def _introduces_cited_list(index: CitationIndex, block_index: int) -> bool:
    """Is the block followed by list items (or plain-text numbered lines) of which one cites?"""
    blocks = index.document.blocks
    following = block_index + 1
    cited = False
    while following < len(blocks) and (blocks[following].kind == "list_item" or _LIST_LINE.match(blocks[following].text)):
        cited = cited or index.block_has_citation(following)
        following += 1
    return cited


def statistic_in(text: str) -> bool:
    """Does the sentence state an outcome statistic (not a prescription, date or list number)?

    Figures inside quotation marks are someone else's words being quoted ("ads promise 'burn
    fat in 10 minutes a day'"), not the writer's claim."""
    cleaned = text.lower()
    if "“" in cleaned or '"' in cleaned or "‘" in cleaned:
        cleaned = _QUOTED.sub(" ", cleaned)
    if "%" in cleaned:
        cleaned = _PROPORTION_OF_TIME.sub(" ", _INTENSITY.sub(" ", cleaned))
    if _PERSONAL_LOSS.search(cleaned):
        return False
    imperative = bool(_IMPERATIVE.match(cleaned))
    if imperative:
        # "Lighten the bar by about 20%": an instruction's numbers prescribe. Only a claimed
        # outcome ("…, burning 100 calories") counts.
        return bool(_CALORIES_BURNED.search(cleaned) or _SOCIAL_PROOF.search(cleaned))
    if _PERCENT.search(cleaned) or _MULTIPLIER.search(cleaned) or _RATIO.search(cleaned):
        return True
    if _SOCIAL_PROOF.search(cleaned):
        return True
    if _TEST_STAT.search(cleaned) or _RANK.search(cleaned):
        return True
    if (_AMOUNT.search(cleaned) or _DOSE.search(cleaned)) and (_OUTCOME.search(cleaned) or _GUIDELINE.search(cleaned)):
        return True
    return False


@dataclass
class ClaimGroup:
    """The claim rules of a run, sharing one classification per sentence and one citation index
    per document."""

    matchers: dict[str, ClaimMatcher] = field(default_factory=dict)
    index: CitationIndex | None = None
    document: Document | None = None
    words: ContextWords = EMPTY_WORDS
    _cache: dict[tuple[int, int, str], str | None] = field(default_factory=dict)
    _scanner: Any = None

    def stems_of(self, lowered: str) -> dict[str, list[int]]:
        from fitlint.rules.prefilter import StemScanner

        if self._scanner is None:
            self._scanner = StemScanner(stem for m in self.matchers.values() for stem in m.stems())
        return self._scanner.scan(lowered)

    def begin(self, document: Document) -> None:
        if self.document is not document:
            self.document = document
            self.index = citation_index(document)
            self._cache.clear()

    def classify(
        self, sentence: Any, lemmas: LemmaText, timeout: float, before: str = "", around: Collection[str] | None = None
    ) -> str | None:
        """The claim the sentence makes, if any. ``around``: word stems of the text holding the
        sentence, which lets a claim none of whose patterns those stems allow be ruled out at once."""
        # The sentence doc is shared by identical sentences; what precedes it in the block
        # (quote context) can differ, so it is part of the key.
        key = (id(sentence.doc), sentence.start, before)
        if key not in self._cache:
            kind = None
            for claim in PRIORITY:
                matcher = self.matchers.get(claim)
                if matcher is not None and matcher.detects(sentence, lemmas, timeout, before, around):
                    kind = claim
                    break
            self._cache[key] = kind
        return self._cache[key]


class ClaimMatcher:
    kind = "claim"

    def __init__(self, rule: Rule, ruleset: RuleSet, group: ClaimGroup) -> None:
        self.rule = rule
        self.claim = rule.unit
        self.group = group
        group.matchers[self.claim] = self
        self.ruleset = ruleset
        self.phrase = PhraseMatcher(rule, ruleset) if rule.patterns else None
        self.gated = self.phrase is not None  # statistics are found by their figures, not by words

    def stems(self) -> Iterator[str]:
        if self.phrase is not None:
            yield from self.phrase.stems()

    def gate_stems(self) -> Iterator[str]:
        if self.phrase is not None:
            yield from self.phrase.gate_stems()

    def prefilter(self, lowered: str, stems: Collection[str]) -> bool:
        if self.phrase is not None:
            return self.phrase.prefilter(lowered, stems)
        # Statistics need no spaCy to find: only sentences that state one go on.
        has_figure = _DIGIT.search(lowered) is not None or any(word in lowered for word in _FIGURE_WORDS)
        return has_figure and statistic_in(lowered)

    def prepare(self, lemmatize: Callable[[str], str]) -> None:
        if self.phrase is not None:
            self.phrase.prepare(lemmatize)
        self.group.words = context_words(self.ruleset, lemmatize)

    def begin(self, document: Document) -> None:
        self.group.begin(document)

    def detects(
        self, sentence: Any, lemmas: LemmaText, timeout: float, before: str = "", around: Collection[str] | None = None
    ) -> bool:
        if self.phrase is not None:
            # A sentence's stems are a subset of its surrounding text's, and fewer stems never
            # allow more patterns: nothing allowed around the sentence, nothing in it.
            if around is not None and not self.phrase.allowed(around):
                return False
            lowered = sentence.text.lower()
            stems = self.group.stems_of(lowered)
            if not self.phrase.prefilter(lowered, stems):
                return False
            # An appeal inside quotation marks is being quoted, not made.
            return any(
                not quoted(MatchContext(sentence, hit.first, hit.last, "", "", before=before, words=self.group.words))
                for hit in self.phrase.find(sentence, lemmas, timeout, stems=stems)
            )
        return statistic_in(sentence.text)

    def find(
        self,
        sentence: Any,
        lemmas: LemmaText,
        timeout: float,
        block_index: int = -1,
        offset: int = 0,
        stems: Collection[str] | None = None,
        context: str = "",
    ) -> Iterator[Found]:
        index = self.group.index
        assert index is not None
        document = index.document
        block = document.blocks[block_index]
        if self.group.classify(sentence, lemmas, timeout, block.text[:offset], stems) != self.claim:
            return
        if block.kind in ("heading", "table_cell") or block_index in index.reference_blocks:
            return
        if block.kind == "front_matter" and block.key == "title":
            return
        start = offset + sentence.start_char
        end = offset + sentence.end_char
        text = sentence.text.strip()
        if _POINTER.match(text):
            return  # "See our guide for what the data says": a pointer to a source, not a claim
        if index.span_cites(block_index, start, end) or index.block_has_citation(block_index):
            return
        if text.endswith(":") and _introduces_cited_list(index, block_index):
            return  # "Here's what the research supports:" followed by cited points
        if self.claim == "statistic" and index.cited_earlier_in_section(block_index):
            return  # a study's figures, discussed in the section that cites it
        mode = index.mode
        if mode == "bulk" and self.claim != "venue":
            return  # a reference list with no inline markers: the writer cites in bulk
        if mode == "single" and (self.claim == "statistic" or _STUDY_REFERENCE.search(sentence.text)):
            return  # a study summary: its figures come from the one reference
        first, last = _trim(sentence)
        if first is None:
            return
        yield Found(first, last)


def _trim(sentence: Any) -> tuple[int | None, int]:
    """Token range of the sentence without leading list markers or trailing spaces."""
    tokens = [t for t in sentence if not t.is_space]
    while tokens and tokens[0].text in ("-", "*", "•", "—", "–", ">"):
        tokens = tokens[1:]
    if not tokens:
        return None, 0
    return tokens[0].i, tokens[-1].i


# Tables about bodies and energy (calories burned, fat lost, % change); not benchmarks or prices.
_TABLE_TOPIC = lazy_compile(
    r"\b(?:calories?|kcal|burn(?:ed|s|ing)?|fat|weight|metabolism|loss|lose|lost|percent)\b|%", re.IGNORECASE
)
_NUMERIC_CELL = lazy_compile(r"^\s*[~≈]?\d[\d,.]*\s*(?:%|kcal|cal|kg|lbs?|g)?\s*$")


def uncited_table_rows(document: Document, index: CitationIndex) -> list[tuple[int, int]]:
    """Source spans of data rows in tables of outcome figures (calories burned, % change) that
    have no citation in the table, its heading or the paragraph around it."""
    blocks = document.blocks
    rows: dict[int, list[int]] = {}
    for position, block in enumerate(blocks):
        if block.kind == "table_cell":
            rows.setdefault(block.line, []).append(position)
    if not rows:
        return []
    spans = []
    lines = sorted(rows)
    # Group consecutive table lines (header, delimiter row, data rows) into tables.
    tables: list[list[int]] = []
    for line in lines:
        if tables and line - tables[-1][-1] <= 2:
            tables[-1].append(line)
        else:
            tables.append([line])
    for table in tables:
        first_cell = rows[table[0]][0]
        context = [blocks[i] for i in range(max(0, first_cell - 2), first_cell) if blocks[i].kind != "table_cell"]
        after = rows[table[-1]][-1] + 1
        if after < len(blocks):
            context.append(blocks[after])
        header = " ".join(blocks[i].text for i in rows[table[0]])
        around = " ".join(
            b.text for b in context if b.kind == "heading" or b.section == blocks[first_cell].section
        ).replace("%", " ")  # a percentage in nearby prose says nothing about the table's subject
        if not _TABLE_TOPIC.search(header + " " + around):
            continue
        cells_text = " ".join(blocks[i].text for line in table for i in rows[line])
        cited = any(index.block_has_citation(blocks.index(b)) for b in context) or bool(
            index.span_cites(first_cell, 0, len(blocks[first_cell].text))
        ) or any(index.block_has_citation(i) for line in table for i in rows[line])
        if cited or index.mode == "bulk" or "source" in cells_text.lower():
            continue
        for line in table[1:]:
            cells = [blocks[i].text for i in rows[line]]
            numeric = sum(1 for cell in cells if _NUMERIC_CELL.match(cell))
            if numeric >= 2 and numeric * 2 >= len(cells):
                text = document.lines.line_text(line)
                start = document.lines.starts[line] + (len(text) - len(text.lstrip()))
                spans.append((start, document.lines.starts[line] + len(text.rstrip())))
    return spans
