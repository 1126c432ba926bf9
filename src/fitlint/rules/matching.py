"""The shared loop of every sentence-level rule kind.

Stage 1: each rule's cheap pre-filter runs on the lower-cased raw text of every block.
Stage 2: only blocks some rule wants go through spaCy; each sentence is offered to those rules,
whose matches are then checked against their context tests and turned into diagnostics.
A rule kind (phrase, rate, …) only has to say how it pre-filters and how it finds matches.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from fitlint import budget
from fitlint.diagnostics import Diagnostic
from fitlint.document.model import Document, ProseBlock, document_header_rows
from fitlint.document.sentences import is_period_fragment, sentence_runs, split_sentences
from fitlint.lazyregex import lazy_compile
from fitlint.memo import MEMO_TEXT, remember
from fitlint.nlp import LemmaText, doc_text
from fitlint.rules.citations import REFERENCE_HEADING
from fitlint.rules.context import (
    ContextWords,
    MatchContext,
    context_words,
    document_debunks,
    excused,
)
from fitlint.rules.emit import block_key, make_diagnostic, moved, removes_text
from fitlint.rules.model import Rule, RuleSet
from fitlint.rules.prefilter import StemScanner


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
    gated: bool  # True: prefilter() is False for a sentence holding none of stems()
    # True: its findings depend on the document beyond the sentence's block (what it cites), so
    # a sentence's findings are never reused for an identical block elsewhere.
    reads_document: bool

    def stems(self) -> Iterable[str]: ...

    def gate_stems(
        self,
    ) -> Iterable[str]: ...  # a gated matcher needs one of these (a subset of stems())

    def prefilter(self, lowered: str, stems: Collection[str]) -> bool: ...

    def prepare(self, lemmatize: Callable[[str], str]) -> None: ...

    def begin(self, document: Any) -> None: ...  # per-document state (e.g. what it cites)

    def compile_all(self) -> None: ...  # compile every pattern now (before forking workers)

    def find(
        self,
        sentence: Any,
        lemmas: LemmaText,
        timeout: float,
        block_index: int,
        offset: int,
        stems: Collection[str] | None,
        context: str = "",  # text before the sentence a claim may continue: its paragraph, a lead-in
        following: str = "",  # the next sentence of the block, lower-cased ("In 30 days!")
    ) -> Iterable[Found]: ...


class Frame(NamedTuple):
    """What surrounds a sentence: its section heading, the next sentence, the document's stance,
    and whether the sentence itself carries a footnote reference or a link."""

    heading: str
    next_sentence: str
    document_debunks: bool
    title: str
    sources: bool
    answer: str  # what follows: the next sentence, or at a block's end the next block's start


class Candidate(NamedTuple):
    """A sentence (by the fast splitter) that some rule could match. Plain data, so the lexical
    stage can run in another process than the one that tokenises (see ``Linter.lint_paths``)."""

    block: int
    start: int  # offset of the sentence in the block's prose
    end: int
    following: str  # the next sentence of the block, lower-cased
    matchers: tuple[int, ...]  # positions in SentenceRules.matchers of the rules that may match
    stems: dict[str, list[int]]  # rule word stems the scanner found in it, with their offsets
    answer: str = ""  # at a block's end: the start of the next block (an FAQ's answer)


class SentenceRules:
    def __init__(
        self,
        matchers: Sequence[Matcher],
        ruleset: RuleSet,
        timeout: float,
        show_excused: bool = False,
        silent: frozenset[str] = frozenset(),
    ) -> None:
        self.matchers = list(matchers)
        self.silent = silent  # rules run only for the claims other rules need beside them
        self.ruleset = ruleset
        self.timeout = timeout
        self.show_excused = show_excused  # report excused matches too, as hints naming the test
        self.disabled: dict[str, str] = {}  # code -> reason
        self._prepared = False
        self.words: ContextWords | None = None
        self._verdicts: dict[tuple, list] = {}
        # A candidate's findings by everything they depend on, positions relative to its block.
        self._units: dict[tuple, list[Diagnostic]] = {}
        self.scanner = StemScanner(stem for matcher in self.matchers for stem in matcher.stems())
        # Most sentences hold no rule word: only ungated matchers, and the gated ones one of whose
        # gate stems a sentence holds, are asked (by position, so rules keep their order).
        self._applicable_memo: dict[tuple[str, int], frozenset[int]] = {}
        self._chosen: dict[tuple[str, frozenset[int]], tuple[int, ...]] = {}
        self._ungated = frozenset(i for i, m in enumerate(self.matchers) if not m.gated)
        self._by_stem: dict[str, set[int]] = {}
        for position, matcher in enumerate(self.matchers):
            if matcher.gated:
                for stem in matcher.gate_stems():
                    self._by_stem.setdefault(stem, set()).add(position)

    def candidates(self, blocks: Sequence[ProseBlock]) -> list[Candidate]:
        """Stage 1: split blocks into sentences and keep those some rule's pre-filter accepts."""
        units: list[Candidate] = []
        # A reference list names the works it cites: their titles ("Double Chin Exercises") are
        # not the page's claims.
        cited_works = {
            block.section
            for block in blocks
            if block.kind == "heading" and REFERENCE_HEADING.match(block.text)
        }
        for index, block in enumerate(blocks):
            if block.section in cited_works and block.kind != "heading":
                continue
            applicable = self._applicable(block.kind)
            if not applicable:
                continue
            ungated = sorted(applicable & self._ungated)
            matchers = self.matchers
            text = block.text
            lowered_block = text.lower()
            hits = self.scanner.positions(lowered_block)  # one pass over the block
            if not hits and not any(matchers[i].prefilter(lowered_block, {}) for i in ungated):
                continue  # no rule word anywhere in the block, and nothing an ungated rule needs
            spans = split_sentences(text)
            cursor = 0  # hits are in text order: hand each sentence its own, in one pass
            for position, (start, end) in enumerate(spans):
                lowered = lowered_block[start:end]
                while cursor < len(hits) and hits[cursor][0] < start:
                    cursor += 1
                found: dict[str, list[int]] = {}  # stem -> its offsets in the sentence
                while cursor < len(hits) and hits[cursor][0] < end:
                    found.setdefault(hits[cursor][1], []).append(hits[cursor][0] - start)
                    cursor += 1
                # The same sentence in the same kind of block gets the same answer: a paragraph
                # pasted many times is pre-filtered once.
                memo_key = (lowered, applicable)
                chosen = self._chosen.get(memo_key)
                if chosen is None:
                    asked = ungated
                    if found:
                        gated = set().union(*(self._by_stem.get(stem, ()) for stem in found))
                        asked = sorted(applicable & (gated | self._ungated))
                    chosen = self._with_claims(
                        tuple(i for i in asked if matchers[i].prefilter(lowered, found))
                    )
                    if len(lowered) <= MEMO_TEXT:
                        remember(self._chosen, memo_key, chosen)
                if chosen:
                    following = (
                        lowered_block[slice(*spans[position + 1])]
                        if position + 1 < len(spans)
                        else ""
                    )
                    answer = "" if following else _next_block_start(blocks, index)
                    units.append(Candidate(index, start, end, following, chosen, found, answer))
        return units

    def _with_claims(self, chosen: tuple[int, ...]) -> tuple[int, ...]:
        """Drop the rules that need a claim beside them where no rule that may find one is
        chosen: a sentence they alone would match is not worth parsing."""
        if not any(self.matchers[i].rule.beside for i in chosen):
            return chosen
        categories = {
            self.matchers[i].rule.category for i in chosen if not self.matchers[i].rule.beside
        }
        return tuple(
            i
            for i in chosen
            if not self.matchers[i].rule.beside or self.matchers[i].rule.beside in categories
        )

    def _applicable(self, kind: str) -> frozenset[int]:
        """Positions of the matchers that may run on a block of this kind (scope, not disabled)."""
        key = (kind, len(self.disabled))  # rules are only ever added to ``disabled``
        applicable = self._applicable_memo.get(key)
        if applicable is None:
            applicable = self._applicable_memo[key] = frozenset(
                position
                for position, m in enumerate(self.matchers)
                if m.rule.code not in self.disabled
                and not (m.rule.scope and kind not in m.rule.scope)
            )
        return applicable

    def prepare(self) -> None:
        """Compile every matcher's lemma patterns (needs spaCy); once per run."""
        if self._prepared:
            return
        from fitlint.nlp import collector_paused, lemmatize_phrase

        overrides = self.ruleset.lemma_overrides
        lemmas: dict[str, str] = {}  # lexicons recur across patterns: run spaCy once per entry

        def lemmatize(phrase: str) -> str:
            if phrase not in lemmas:
                lemmas[phrase] = lemmatize_phrase(phrase, overrides)
            return lemmas[phrase]

        with collector_paused():  # compiled patterns live for the run: nothing to collect
            for matcher in self.matchers:
                matcher.prepare(lemmatize)
            self.words = context_words(self.ruleset, lemmatize)
        self._prepared = True

    def run(
        self,
        document: Document,
        annotate: Callable[[list[str]], list[Any]],
        units: list[Candidate] | None = None,
    ) -> list[Diagnostic]:
        """Stage 2 over the document's candidates (found here unless ``units`` brings them)."""
        if units is None:
            units = self.candidates(document.blocks)
        if not units:
            return []
        self.prepare()
        self._verdicts = {}  # per document: (matcher, sentence, surroundings) -> judged matches
        for position in sorted({i for unit in units for i in unit.matchers}):
            self.matchers[position].begin(document)
        title = title_of(document.blocks)
        around = _Surroundings(
            {
                block.section: block.text.lower()
                for block in document.blocks
                if block.kind == "heading"
            },
            lead_ins(document),
            previous_blocks(document.blocks),
            title,
            document_debunks(title),
        )
        # A sentence met again in an identical block with the same surroundings (a paragraph
        # pasted many times) gives the same findings, moved: it is parsed and matched once.
        found: list[list[Diagnostic] | None] = [None] * len(units)
        fresh: list[int] = []  # candidates to parse and match
        keys: dict[int, tuple] = {}  # of the fresh candidates only: a key per copy costs memory
        copies: dict[tuple, list[int]] = {}  # later candidates of this document, by key
        bases: dict[int, int] = {}  # where the block of each kept candidate starts in the file
        disabled = tuple(sorted(self.disabled))
        for index, unit in enumerate(units):
            keyed = self._unit_key(document, unit, around, disabled)
            if keyed is None:
                fresh.append(index)
                continue
            key, bases[index] = keyed
            if key in self._units:
                found[index] = _copied(self._units[key], bases[index], document.path)
            elif key in copies:
                copies[key].append(index)
            else:
                copies[key] = []
                keys[index] = key
                fresh.append(index)
        try:
            while fresh:
                docs = annotate([_prose(document, units[i]) for i in fresh])
                again: list[int] = []
                for index, doc in zip(fresh, docs):
                    unit = units[index]
                    findings = found[index] = self._sentences(unit, doc, document, around)
                    key = keys.get(index)
                    if key is None:
                        continue
                    if any(removes_text(d) for d in findings):
                        # A removal reads the blank lines around its block: each copy is found
                        # afresh.
                        again.extend(copies[key])
                        continue
                    relative = [moved(d, -bases[index], "") for d in findings]
                    remember(self._units, key, relative)
                    for copy in copies[key]:
                        found[copy] = _copied(relative, bases[copy], document.path)
                fresh, keys = again, {}
        except budget.BudgetExceeded as exc:
            # What was found before the deadline is reported with the file's FL001.
            exc.found = [d for findings in found for d in findings or ()] + exc.found
            raise
        return [d for findings in found for d in findings or ()]

    def _unit_key(
        self, document: Document, unit: Candidate, around: _Surroundings, disabled: tuple
    ) -> tuple[tuple, int] | None:
        """Everything a candidate's findings depend on but their positions, and where its block
        starts in the file; None when they must be found afresh (claim rules, blocks that read
        beyond themselves, long blocks)."""
        block = document.blocks[unit.block]
        if len(block.text) > MEMO_TEXT:
            return None
        if any(self.matchers[i].reads_document for i in unit.matchers):
            return None
        base, last = block.source_span(0, len(block.text))
        block_part = block_key(document, block, (base, last), 1)  # a fix may reach a character out
        if block_part is None:
            return None
        heading = around.headings.get(block.section, "")
        lead = around.leads.get(unit.block, "")
        before = around.previous.get(unit.block, "")
        if len(heading) + len(lead) + len(before) + len(around.title) > MEMO_TEXT:
            return None  # a key holding long text for each of its copies would cost memory
        key = (
            unit.start,
            unit.end,
            unit.following,
            unit.answer,
            unit.matchers,
            disabled,
            *block_part,
            tuple((link.prose_start, link.prose_end) for link in block.links),
            tuple(at for at, _ in block.footnote_refs),
            heading,
            lead,
            before,
            around.title,
        )
        return key, base

    def _sentences(
        self, unit: Candidate, doc: Any, document: Document, around: _Surroundings
    ) -> list[Diagnostic]:
        """The findings in a candidate's sentences (spaCy may split it further)."""
        from fitlint.nlp import lemma_text

        overrides = self.ruleset.lemma_overrides
        block = document.blocks[unit.block]
        lead = around.leads.get(unit.block, "")
        diagnostics: list[Diagnostic] = []
        runs = _runs_joined(doc)
        sentences = [sentence for sentence, _ in runs]
        # Rules that need a claim beside their match run after the rules that report claims.
        ordered = sorted(
            (self.matchers[i] for i in unit.matchers), key=lambda m: bool(m.rule.beside)
        )
        try:
            for position, (sentence, fragments) in enumerate(runs):
                lemmas = lemma_text(sentence, overrides)
                following = (
                    sentences[position + 1].text.lower()
                    if position + 1 < len(sentences)
                    else unit.following
                )
                frame = Frame(
                    around.headings.get(block.section, ""),
                    following,
                    around.debunking,
                    around.title.lower(),
                    _sources(
                        block, unit.start + sentence.start_char, unit.start + sentence.end_char
                    ),
                    following or unit.answer,
                )
                claims: dict[str, list[tuple[int, int]]] = {}
                for matcher in ordered:
                    if matcher.rule.code not in self.disabled:
                        diagnostics.extend(
                            self._apply(
                                matcher,
                                sentence,
                                lemmas,
                                block,
                                frame,
                                document,
                                unit,
                                lead,
                                around.previous,
                                claims,
                                fragments,
                            )
                        )
        except budget.BudgetExceeded as exc:
            exc.found = diagnostics  # the candidate's sentences read before the deadline
            raise
        return diagnostics

    def _apply(
        self,
        matcher: Matcher,
        sentence,
        lemmas,
        block,
        frame: Frame,
        document,
        unit: Candidate,
        lead: str,
        previous: dict[int, str],
        claims: dict[str, list[tuple[int, int]]],
        fragments: tuple[tuple[int, int], ...] = (),
    ) -> list[Diagnostic]:
        """A matcher's reported findings in one sentence; each is also added to ``claims``.
        ``fragments``: token ranges of stretches of time set apart after the sentence."""
        rule = matcher.rule
        beside: tuple[tuple[int, int], ...] = ()
        if rule.beside:
            beside = tuple(claims.get(rule.beside, ()))
            if not beside:
                return []
        # Context reads a bounded stretch before the sentence, so that a huge block costs time
        # in proportion to its length, not its square.
        before = block.text[max(0, unit.start - CONTEXT_CHARS) : unit.start]
        context = (lead + "\n" if lead else "") + before
        doc = sentence.doc
        # A sentence met again with the same surroundings (a paragraph pasted many times) gets the
        # same matches and the same verdicts: only their positions differ. Rules that read the
        # document beyond the block (what it cites) are judged each time.
        key = None
        if not matcher.reads_document:
            key = (
                id(matcher),
                doc_text(doc),
                sentence.start_char,
                sentence.end_char,
                frame,
                block.kind,
                block.key,
                context,
                previous.get(unit.block, ""),
                "blockquote" in block.containers,
                beside,
            )
            verdicts = self._verdicts.get(key)
            if verdicts is not None:
                return self._emit(verdicts, matcher, doc, block, document, unit, claims)
        try:
            found = list(
                matcher.find(
                    sentence,
                    lemmas,
                    self.timeout,
                    unit.block,
                    unit.start,
                    unit.stems,
                    context,
                    frame.next_sentence,
                )
            )
        except RuleTimeout as exc:
            self.disabled[rule.code] = str(exc)
            return []
        if rule.beside:
            # Words another rule of this category already reported are not reported again.
            said = claims.get(rule.category, ())
            found = [
                hit
                for hit in joined_to_claims(
                    found, beside, rule.beside_within, doc, self.words.breaks, fragments
                )
                if not any(hit.first <= b and hit.last >= a for a, b in said)
            ]
        verdicts = []
        for hit in found:
            ctx = MatchContext(
                _window(sentence, hit.first, hit.last),
                hit.first,
                hit.last,
                frame.heading,
                block.kind,
                frame.next_sentence,
                frame.document_debunks,
                frame.title,
                before,
                self.words,
                block.key,
                previous.get(unit.block, ""),
                "blockquote" in block.containers,
                frame.sources,
                lead,
                frame.answer,
            )
            reason = (
                excused(ctx, rule.unless, rule.requires) if (rule.unless or rule.requires) else None
            )
            if reason is not None and (not self.show_excused or reason in _UNSHOWN):
                continue
            verdicts.append((hit, reason))
        if key is not None:
            self._verdicts[key] = verdicts
        return self._emit(verdicts, matcher, doc, block, document, unit, claims)

    def _emit(
        self,
        verdicts,
        matcher: Matcher,
        doc,
        block,
        document,
        unit: Candidate,
        claims: dict[str, list[tuple[int, int]]],
    ) -> list[Diagnostic]:
        """Diagnostics for a sentence's judged matches, placed in this block's source."""
        rule = matcher.rule
        results: list[Diagnostic] = []
        taken: list[tuple[int, int]] = []
        hinted: set[tuple[int, int]] = set()
        for hit, reason in verdicts:
            if any(hit.first <= b and hit.last >= a for a, b in taken):
                continue  # several patterns of one rule on the same words: report once
            if reason is not None and rule.code in self.silent:
                continue
            if reason is not None and (hit.first, hit.last) in hinted:
                continue  # and show an excused match on the same words once
            if reason is not None:
                hinted.add((hit.first, hit.last))
            prose_start = unit.start + doc[hit.first].idx
            prose_end = unit.start + doc[hit.last].idx + len(doc[hit.last])
            start, end = block.source_span(prose_start, prose_end)
            if end <= start or not _placed(
                block.text[prose_start:prose_end], document.text[start:end]
            ):
                continue  # the words could not be placed in the source: never report a wrong range
            if rule.code in self.silent:
                # Run only for the claims other rules need beside them: nothing to report.
                taken.append((hit.first, hit.last))
                claims.setdefault(rule.category, []).append((hit.first, hit.last))
                continue
            diagnostic = make_diagnostic(
                rule,
                self.ruleset,
                document,
                block,
                prose_start,
                prose_end,
                hit.captures,
                hit.values,
            )
            if reason is not None:
                results.append(excused_hint(diagnostic, reason))
                continue
            taken.append((hit.first, hit.last))
            claims.setdefault(rule.category, []).append((hit.first, hit.last))
            results.append(diagnostic)
        return results


def joined_to_claims(
    found: Iterable[Found],
    claims: Sequence[tuple[int, int]],
    within: int,
    doc: Any,
    breaks: Container[str],
    fragments: Sequence[tuple[int, int]] = (),
) -> list[Found]:
    """Matches in the same clause as a claim and within ``within`` words of it, each widened to
    cover the claims near it; a match with no claim near is dropped. Several matches on the same
    claims give the widest once. A clause break (``breaks``) or a bracket between them keeps
    them apart: an aside is not the claim's clause. A match inside a stretch of time set apart
    after the sentence (``fragments``: "… Only 20 days!") belongs to the claims before it."""
    joined: dict[tuple[int, int], Found] = {}
    for hit in found:
        if any(start <= hit.first and hit.last < end for start, end in fragments):
            starts = [first for first, last in claims if last < hit.first]
            if starts:
                first = min(starts)
                joined.setdefault(
                    (first, hit.last), Found(first, hit.last, hit.captures, hit.values)
                )
            continue
        near = sorted(
            (max(first - hit.last, hit.first - last, 0) - 1, first, last) for first, last in claims
        )
        near = [
            (gap, first, last)
            for gap, first, last in near
            if gap <= within
            and (
                not any(
                    doc[i].lower_ in breaks or doc[i].text in _BRACKETS
                    for i in range(min(hit.last, last) + 1, max(hit.first, first))
                )
                or _dash_tail(doc, last, hit)
            )
        ]
        if not near:
            continue
        # The finding covers every claim near the match ("muffin top was gone" and "gone").
        first = min(first for _, first, _ in near)
        last = max(last for _, _, last in near)
        span = (min(hit.first, first), max(hit.last, last))
        kept = joined.get((first, last))
        if kept is None or span[1] - span[0] > kept.last - kept.first:
            joined[(first, last)] = Found(span[0], span[1], hit.captures, hit.values)
    return list(joined.values())


_DASHES = frozenset({"-", "–", "—", "--"})


def _dash_tail(doc: Any, claim_last: int, hit: Found) -> bool:
    """Is the match a tail set off by a dash after the claim, ending its sentence ("Say goodbye
    to the muffin top – in only 21 days!", "… – already after the first week of wear")? A
    slogan's tail belongs to the claim before it; a tail with a subject of its own ("… – in 21
    days you will feel …") is a clause of its own."""
    between = [doc[i] for i in range(claim_last + 1, hit.first)]
    if not between or any(
        not (t.is_punct or t.is_space or t.lower_ in _TAIL_LEADS) for t in between
    ):
        return False
    if not any(t.text in _DASHES for t in between):
        return False
    end = doc[hit.last].sent.end
    return not any(t.lower_ in _TAIL_SUBJECTS for t in doc[hit.last + 1 : end])


_TAIL_LEADS = frozenset({"already", "just", "only", "even"})
# Words that give a dash's tail a clause of its own: a subject or a modal.
_TAIL_SUBJECTS = frozenset(
    {"i", "you", "we", "they", "it", "she", "he", "will", "'ll", "’ll", "can", "would", "should"}
)


_BRACKETS = frozenset("()[]")
CONTEXT_CHARS = 2000  # how much of the block before a sentence its context tests may read
CONTEXT_TOKENS = 60  # how far either side of a match they read in a very long sentence


class _Surroundings(NamedTuple):
    """What the sentences of one document read around their block."""

    headings: dict[int, str]  # section -> its heading, lower-cased
    leads: dict[int, str]  # list item block -> the text that introduces its list
    previous: dict[int, str]  # block -> the block before it in its section, lower-cased
    title: str
    debunking: bool  # the document's title frames it as a myth-buster


def _next_block_start(blocks: Sequence[ProseBlock], index: int) -> str:
    """The first words of the block after ``index`` when it goes on in the same section and is
    not a heading: where an FAQ's question (a <summary>, a bold line) gets its answer."""
    if index + 1 >= len(blocks):
        return ""
    block, after = blocks[index], blocks[index + 1]
    if after.section != block.section or after.kind == "heading":
        return ""
    return after.text[:160].lower()


def _prose(document: Document, unit: Candidate) -> str:
    return document.blocks[unit.block].text[unit.start : unit.end]


def _copied(relative: list[Diagnostic], base: int, path: str) -> list[Diagnostic]:
    """Findings kept with positions relative to their block, placed in a block at ``base``."""
    return [moved(d, base, path) for d in relative]


def _sources(block: ProseBlock, start: int, end: int) -> bool:
    """Does the sentence at prose offsets [start, end) carry a footnote reference or a link (a
    marker just after its full stop counts)?"""
    return any(start <= at <= end + 2 for at, _ in block.footnote_refs) or any(
        link.prose_start < end and link.prose_end > start for link in block.links
    )


def _window(sentence: Any, first: int, last: int) -> Any:
    """The sentence, or in one far longer than prose has (a run-on line of thousands of words),
    the stretch around the match: context tests then cost the same for every match."""
    if len(sentence) <= 3 * CONTEXT_TOKENS:
        return sentence
    return sentence.doc[
        max(sentence.start, first - CONTEXT_TOKENS) : min(sentence.end, last + CONTEXT_TOKENS + 1)
    ]


# What each context test means when it excuses a match, for --show-excused.
EXCUSE_WORDS = {
    "negated": "negated",
    "question": "asked as a question",
    "quoted": "quoted",
    "reported": "reported speech",
    "debunk": "framed as a myth",
    "hypothetical": "hypothetical",
    "whole-body": "credited to whole-body means",
    "caution": "a warning",
    "cited": "cited",
    "study-finding": "a cited study's finding",
    "not targeting": "credits no targeted exercise or product",
    "not promoted": "not sold as an outcome",
    "not headline": "not a title or heading",
    "not testimonial": "not someone else's reported result",
    "not slogan": "a sentence that reports, not a slogan",
    "realistic-pace": "a sustainable pace",
}


# Failed requirements not worth a hint: a rule that reads a field matches every mention of its
# words, and "not a field" said of each would bury the hints that help.
_UNSHOWN = frozenset({"not listed-for"})


def excused_hint(diagnostic: Diagnostic, reason: str) -> Diagnostic:
    """A match a context test excused, shown on request: a hint with no fix, naming the test."""
    from dataclasses import replace

    from fitlint.diagnostics import FixSafety, Severity

    words = EXCUSE_WORDS.get(reason, reason)
    return replace(
        diagnostic,
        severity=Severity.HINT,
        message=f"Not reported ({words}): {diagnostic.message}",
        suggestions=tuple(s._replace(edits=(), fix=FixSafety.NONE) for s in diagnostic.suggestions),
        extra={**diagnostic.extra, "excused": reason},
    )


def _placed(prose: str, source: str) -> bool:
    """Do the prose words sit in this source span? Their letters must appear in order (markup,
    URLs and entities may add letters in between) and the span must start on the first of them."""
    want = [ch for ch in prose.lower() if ch.isalnum()]
    have = [ch for ch in source.lower() if ch.isalnum()]
    if not want:
        return True
    if not have or have[0] != want[0]:
        return False
    letters = iter(have)
    return all(ch in letters for ch in want)


def _runs_joined(doc: Any) -> list[tuple[Any, tuple[tuple[int, int], ...]]]:
    """spaCy's sentences, joined as the pre-filter's splitter joins them (a run of verbless
    denials, a stretch of time standing alone after a sentence), each with the token ranges of
    the stretches of time it took in."""
    sentences = list(doc.sents)
    texts = [sentence.text for sentence in sentences]
    joined = []
    for first, last in sentence_runs(texts):
        if first == last:
            joined.append((sentences[first], ()))
            continue
        fragments = tuple(
            (sentences[i].start, sentences[i].end)
            for i in range(first + 1, last + 1)
            if is_period_fragment(texts[i])
        )
        joined.append((doc[sentences[first].start : sentences[last].end], fragments))
    return joined


def lead_ins(document: Document) -> dict[int, str]:
    """For each list item, the text that introduces its list: the block before the list in the
    same section ("In your first 28 days you will:" before "- drop 10 lb"). For each data cell of
    a table, its row's label and its column's header, which a reader takes with it: "Week 2;
    What you'll notice:" before "Up to 2 inches off your waist"."""
    blocks = document.blocks
    leads: dict[int, str] = {}
    lead = ""
    cells: dict[tuple[int, int, int], str] = {}  # (table, row, column) -> text
    for index, block in enumerate(blocks):
        if block.kind == "list_item":
            leads[index] = lead
        elif block.kind in ("paragraph", "heading", "html"):
            lead = block.text
        if block.cell is not None:
            cells[block.cell[:3]] = block.text
    if cells:
        heads_of = document_header_rows(document)
        for index, block in enumerate(blocks):
            cell = block.cell
            if cell is None:
                continue
            heads = heads_of.get(cell.table, [])
            above = bisect_left(heads, cell.row) - 1
            if above + 1 < len(heads) and heads[above + 1] == cell.row:
                continue  # a header row
            head = heads[above] if above >= 0 else None
            header = cells.get((cell.table, head, cell.column), "") if head is not None else ""
            label = ""
            if cell.column > 0:
                label = cells.get((cell.table, cell.row, 0), "")
                if _BARE_NUMBER.fullmatch(label) and head is not None:
                    # "4" under "Week": the label is "Week 4"
                    label = f"{cells.get((cell.table, head, 0), '')} {label}".strip()
                point = _TIME_POINT.fullmatch(label)
                if point is not None:
                    # A timeline's row: what holds by week 4; a span of days holds by its end
                    # ("Day 4–10" is "By day 10").
                    label = f"By {point.group('unit')} {point.group('end')}"
            parts = [part for part in (label, header) if part.strip()]
            if parts:
                leads[index] = "; ".join(parts) + ":"
    return leads


_BARE_NUMBER = lazy_compile(r"\s*\d+(?:\s*[-–]\s*\d+)?\s*")
_TIME_POINT = lazy_compile(
    r"\s*(?P<unit>day|night|week|month)s?\s+(?:\d+\s*[-–]\s*)?(?P<end>\d+)\s*", re.IGNORECASE
)


def previous_blocks(blocks: Sequence[ProseBlock]) -> dict[int, str]:
    """For each block, the lower-cased text of the block before it in its section."""
    return {
        index: blocks[index - 1].text.lower()
        for index in range(1, len(blocks))
        if blocks[index - 1].section == blocks[index].section
        and blocks[index - 1].kind != "front_matter"
    }


def title_of(blocks: Sequence[ProseBlock]) -> str:
    for block in blocks:
        if block.kind == "front_matter" and block.key == "title":
            return block.text
    for block in blocks:
        if block.kind == "heading":
            return block.text
    return ""


def surface(doc: Any, first: int, last: int) -> str:
    return doc[first : last + 1].text  # doc.text would rebuild the whole text from its tokens
