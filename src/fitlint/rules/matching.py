"""The shared loop of every sentence-level rule kind.

Stage 1: each rule's cheap pre-filter runs on the lower-cased raw text of every block.
Stage 2: only blocks some rule wants go through spaCy; each sentence is offered to those rules,
whose matches are then checked against their context tests and turned into diagnostics.
A rule kind (phrase, rate, …) only has to say how it pre-filters and how it finds matches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from fitlint.diagnostics import Diagnostic
from fitlint.document.model import Document, ProseBlock
from fitlint.nlp import LemmaText
from fitlint.rules.context import MatchContext, document_debunks, excused
from fitlint.rules.emit import make_diagnostic
from fitlint.rules.model import Rule, RuleSet


class RuleTimeout(Exception):
    """A rule's pattern ran past the regex timeout (catastrophic backtracking)."""


@dataclass(frozen=True)
class Found:
    first: int  # doc token index
    last: int
    captures: dict[str, str] = field(default_factory=dict)  # fills {placeholders}
    values: dict[str, str] = field(default_factory=dict)  # extra message values ({rate}, …)


class Matcher(Protocol):
    rule: Rule

    def prefilter(self, lowered: str) -> bool: ...

    def prepare(self, lemmatize: Callable[[str], str]) -> None: ...

    def find(self, sentence: Any, lemmas: LemmaText, timeout: float, block_index: int) -> Iterable[Found]: ...


@dataclass(frozen=True)
class Frame:
    """What surrounds a sentence: its section heading, the next sentence, the document's stance."""

    heading: str
    next_sentence: str
    document_debunks: bool
    title: str


class SentenceRules:
    def __init__(self, matchers: Sequence[Matcher], ruleset: RuleSet, timeout: float) -> None:
        self.matchers = list(matchers)
        self.ruleset = ruleset
        self.timeout = timeout
        self.disabled: dict[str, str] = {}  # code -> reason
        self._prepared = False

    def candidates(self, blocks: Sequence[ProseBlock]) -> dict[int, list[Matcher]]:
        found: dict[int, list[Matcher]] = {}
        for index, block in enumerate(blocks):
            lowered = block.text.lower()
            for matcher in self.matchers:
                rule = matcher.rule
                if rule.code in self.disabled or (rule.scope and block.kind not in rule.scope):
                    continue
                if matcher.prefilter(lowered):
                    found.setdefault(index, []).append(matcher)
        return found

    def run(self, document: Document, annotate: Callable[[list[int]], dict[int, Any]]) -> list[Diagnostic]:
        candidates = self.candidates(document.blocks)
        if not candidates:
            return []
        from fitlint.nlp import lemma_text, lemmatize_phrase

        overrides = self.ruleset.lemma_overrides
        if not self._prepared:
            for matcher in self.matchers:
                matcher.prepare(lambda phrase: lemmatize_phrase(phrase, overrides))
            self._prepared = True
        for matcher in {id(m): m for ms in candidates.values() for m in ms}.values():
            begin = getattr(matcher, "begin", None)
            if begin is not None:
                begin(document)  # per-document state (e.g. what the document cites)
        docs = annotate(sorted(candidates))
        headings = {block.section: block.text.lower() for block in document.blocks if block.kind == "heading"}
        title = title_of(document.blocks)
        debunking = document_debunks(title)
        diagnostics: list[Diagnostic] = []
        for index, matchers in candidates.items():
            block = document.blocks[index]
            sentences = list(docs[index].sents)
            for position, sentence in enumerate(sentences):
                lemmas = lemma_text(sentence, overrides)
                following = sentences[position + 1].text.lower() if position + 1 < len(sentences) else ""
                frame = Frame(headings.get(block.section, ""), following, debunking, title.lower())
                for matcher in matchers:
                    if matcher.rule.code not in self.disabled:
                        diagnostics.extend(self._apply(matcher, sentence, lemmas, block, frame, document, index))
        return diagnostics

    def _apply(self, matcher: Matcher, sentence, lemmas, block, frame: Frame, document, block_index: int) -> list[Diagnostic]:
        rule = matcher.rule
        try:
            found = list(matcher.find(sentence, lemmas, self.timeout, block_index))
        except RuleTimeout as exc:
            self.disabled[rule.code] = str(exc)
            return []
        results: list[Diagnostic] = []
        taken: list[tuple[int, int]] = []
        doc = sentence.doc
        for hit in found:
            if any(hit.first <= b and hit.last >= a for a, b in taken):
                continue  # several patterns of one rule on the same words: report once
            ctx = MatchContext(
                sentence,
                hit.first,
                hit.last,
                frame.heading,
                block.kind,
                frame.next_sentence,
                frame.document_debunks,
                frame.title,
            )
            if (rule.unless or rule.requires) and excused(ctx, rule.unless, rule.requires):
                continue
            taken.append((hit.first, hit.last))
            prose_start = doc[hit.first].idx
            prose_end = doc[hit.last].idx + len(doc[hit.last])
            results.append(
                make_diagnostic(rule, self.ruleset, document, block, prose_start, prose_end, hit.captures, hit.values)
            )
        return results


def title_of(blocks: Sequence[ProseBlock]) -> str:
    for block in blocks:
        if block.kind == "front_matter" and block.key == "title":
            return block.text
    for block in blocks:
        if block.kind == "heading":
            return block.text
    return ""


def surface(doc: Any, first: int, last: int) -> str:
    return doc.text[doc[first].idx : doc[last].idx + len(doc[last])]
