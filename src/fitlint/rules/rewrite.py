"""Whole-unit rewrites of promise claims, from the ``rewrites:`` section of the rule packs.

A promise diagnostic (spot reduction, quick fix) gets a rewrite of the *unit* that holds it — the
heading or title, the clause, the list item, the front-matter value (:mod:`rewrite_units`) —
written for the unit's *shape* (title, imperative, workout claim, …). The rewrite is rendered from
the rule's template for that shape and is shown as a suggestion; it is also a fix (unsafe: it
changes what the copy says) only when all of these hold:

- the unit is plain copy: no link, footnote or citation marker; no quotation marks and not in a
  blockquote; no negation, myth, report, hypothesis or caution word outside the match; not a
  question;
- the detection is certain: the rule needed no ``requires:`` test that infers intent from context
  (``targeting``, ``promoted``) — except in a title or heading, which sells by position — and the
  unit is at most :data:`~fitlint.rules.rewrite_units.MAX_WORDS` words;
- the rewrite is complete: every placeholder filled, the words it keeps from the unit (a lead such
  as "How to", a subject such as "These moves", a means such as "with these 5 moves", a title's head
  noun such as "Focus") hold no promise word and no amount over a period, and the source of the
  replaced words holds nothing but the words and emphasis (no link, code or template tag), and the
  new words need no escaping where they go (a quoted front-matter value, an HTML attribute);
- no other finding shares the unit unless the rewrite resolves it: every other diagnostic in the
  unit lies inside the replaced words and its rule is the same or listed under ``resolves:``
  (checked by :func:`settle_rewrites` once a document's diagnostics are all known). When several
  findings share a unit, the one whose rewrite resolves all the others carries the fix.

Otherwise the rewrite is text only (``fix: none``), with the reason.
"""

from __future__ import annotations

import bisect
import heapq
import html
import re
from dataclasses import replace
from typing import NamedTuple

from fitlint.lazyregex import lazy_compile
from fitlint.diagnostics import Diagnostic, Edit, FixSafety, Severity, Suggestion
from fitlint.document.model import Document, ProseBlock
from fitlint.rules import rewrite_units as units
from fitlint.rules.emit import REWRITE_UNIT
from fitlint.rules.model import RewriteTemplate, Rule, RuleSet


UNCERTAIN_TESTS = frozenset({"targeting", "promoted"})
# A shape with no rewrite of its own borrows one written to hold for any subject.
FALLBACK = {"workout": "claim", "product": "claim", "rate": "claim"}
SHAPE_WORDS = {
    "title": "title",
    "description": "description",
    "list-item": "list item",
    "testimonial": "testimonial",
    "imperative": "sentence",
    "rate": "sentence",
    "product": "sentence",
    "workout": "sentence",
    "claim": "sentence",
}
_SUBORDINATORS = frozenset(["while", "though", "although", "whereas"])
_JOINERS = frozenset(["for", "to", "with", "into", "toward", "towards"])
_DETERMINERS = frozenset(
    ["a", "an", "the", "your", "my", "our", "their", "his", "her", "this", "that", "these", "those"]
)
_FORBIDDEN = set('<>&{}\\`$"')


class Rewrite(NamedTuple):
    shape: str
    what: str  # the unit in words: "title", "sentence", "list item", …
    unit: str  # the whole unit as rewritten, with its closing punctuation
    edit: Edit  # source offsets
    unit_span: tuple[int, int]  # source offsets of the unit
    evidence: tuple[str, ...]
    reason: str | None  # why it is not offered as a fix (None: it is)


def shape_of(
    block: ProseBlock,
    text: str,
    terminal: str,
    words: list[units.Token],
    rule: Rule,
    vocab: units.Vocabulary,
) -> str:
    """The unit's claim shape (see :mod:`fitlint.rules.rewrite_units`)."""
    by_block = units.shape_of_block(block)
    if by_block is not None:
        return by_block
    if units.is_first_person(words) or units.is_first_person(units.tokens(block.text)):
        return "testimonial"  # a customer's words, or a sentence of their story
    if units.title_like(text, terminal):
        return "title"
    if units.opens_with_verb(words, vocab) is not None:
        return "imperative"
    if block.kind in ("list_item", "table_cell") and not terminal:
        return "list-item"
    if rule.kind == "rate":
        return "rate"
    if vocab.product.search(text):
        return "product"
    end = units.subject_end(words, vocab)
    if end is not None and vocab.exercise.search(text[: words[end].start]):
        return "workout"
    return "claim"


def _template(
    rule_shapes: dict[str, tuple[RewriteTemplate, ...]], shape: str, outcome: str
) -> tuple[str, RewriteTemplate | None]:
    """The template for a shape (or the shape it falls back to) and the promised outcome, with the
    shape it was written for."""
    for name in (shape, FALLBACK.get(shape)):
        variants = rule_shapes.get(name or "")
        if name and variants:
            exact = [v for v in variants if v.outcome == outcome]
            plain = [v for v in variants if v.outcome is None]
            return name, (exact or plain or [None])[0]
    return shape, None


MAX_UNIT_CHARS = 1500


def plan_rewrite(
    rule: Rule,
    ruleset: RuleSet,
    document: Document,
    block: ProseBlock,
    prose_start: int,
    prose_end: int,
    captures: dict[str, str] | None = None,
) -> Rewrite | None:
    """The rewrite of the unit holding a match, or None when there is none to propose."""
    entry = ruleset.rewrites.get(rule.code)
    if entry is None or block.kind == "attribute":
        return None
    vocab = units.vocabulary(ruleset)
    unit = units.find_unit(block, prose_start, prose_end)
    if unit is None:
        return None
    if unit.end - unit.start > MAX_UNIT_CHARS:
        return None  # a run-on unit of thousands of words: no rewrite could stand for it
    text = block.text[unit.start : unit.end]
    words = units.tokens(text)
    if not words:
        return None
    start, end = prose_start - unit.start, prose_end - unit.start
    if unit.terminal.startswith("?"):
        return (
            None  # a question is never rewritten: asked, it promises nothing; presupposed, by hand
        )
    shape = shape_of(block, text, unit.terminal, words, rule, vocab)
    if shape == "title":
        # A match may open with the preposition that joins it to the title ("Dinners | for Rapid
        # Weight Loss"): the preposition stays, and says which form comes next.
        start += joiner_length(text[start:end])
    if shape == "workout" and not _subject_keeps(text, words, start, vocab):
        shape = "claim"  # the subject holds the claim ("Belly-blaster moves melt fat")
    outcome = units.outcome_of(text, vocab)
    written_for, template = _template(entry.shapes, shape, outcome)
    if template is None or shape == "title" and vocab.product.search(text):
        return None  # a title that names a product is renamed by its maker, not by a template
    captured = [v for k, v in (captures or {}).items() if k in ("fat-area", "fat-deposit")]
    area = units.area_of(text, captured, vocab, (start, end))
    if not area and "{muscle" in (template.text or template.verb or template.noun or ""):
        # No one body part a rewrite can name (face, cellulite, "problem areas", or several): a
        # statement may still take the rule's subject-free product rewrite; a title, an
        # instruction or a list item may not.
        written_for, template = _template(entry.shapes, "product", outcome)
        statement = shape in ("claim", "product", "rate", "workout", "description")
        if not statement or template is None or "{muscle" in (template.text or ""):
            return None
    plan = _region(written_for, text, words, start, end, template, vocab)
    if plan is None:
        return None
    lead_end, region_end, form, agree = plan
    source = getattr(template, form) or ""
    means = units.means_start(text, end, vocab)
    if source.endswith("{means}") and means is not None and means >= lead_end:
        source = source[: -len("{means}")]
        region_end = min(region_end, means - 1)  # the means stays as written
    elif "{means}" in source:
        kept = f" {text[means:region_end]}" if means is not None and means < region_end else ""
        source = source.replace("{means}", kept)
    if area:
        source = source.replace("{muscles}", area.muscles).replace("{muscle}", area.muscle)
    new = source
    kept_head = units.tokens(text[region_end:])[:1]
    if shape == "title" and kept_head and kept_head[0].lower in units._TITLE_HEADS:
        last = new.rsplit(" ", 1)
        if len(last) == 2 and last[1].lower() in units._TITLE_HEADS:
            new = last[0]  # "Belly Buster | Workout" → "Core | Workout", not "Core Workout Workout"
    if agree == "3sg":
        new = units.third_person(new)
    region = text[lead_end:region_end]
    lead_words = units.tokens(text[:lead_end])
    if lead_words and lead_words[-1].lower in ("a", "an"):
        article = lead_words[-1]
        wanted = "an" if new[:1].lower() in "aeiou" else "a"
        if article.lower != wanted:  # "An Effortless Plan" → "A Steady Weight Loss Plan"
            return None
    if shape == "title":
        new = units.apply_case(new, units.case_style(text), at_start=lead_end == 0)
    elif region[:1].isupper() and not region.startswith("I "):
        new = new[:1].upper() + new[1:]
    while region_end > lead_end and text[region_end - 1].isspace():
        region_end -= 1  # never swallow the space before kept words
    heads_only = all(w.lower in units._TITLE_HEADS for w in units.tokens(text[region_end:end]))
    if not (lead_end <= start and (end <= region_end or shape == "title" and heads_only)):
        return (
            None  # the rewrite would keep some of the matched words (a title's head noun may stay)
        )
    src_start, src_end = block.source_span(unit.start + lead_end, unit.start + region_end)
    unit_src = block.source_span(unit.start, unit.end)
    rewritten = (text[:lead_end] + new + text[region_end:]).strip(units.QUOTE_CHARS) + unit.terminal
    if _balanced(text) and not _balanced(rewritten):
        return None  # the match took one bracket of a pair: "in 3 Weeks (Inner Thigh Workout)"
    reason = _why_not(
        rule, shape, block, unit, text, words, start, end, lead_end, region_end, vocab
    )
    reason = reason or _why_not_source(document, block, src_start, src_end, region, new)
    evidence = template.evidence or entry.evidence
    what = "list item" if block.kind == "list_item" else SHAPE_WORDS.get(shape, "sentence")
    edit = Edit(src_start, src_end, new)
    return Rewrite(shape, what, rewritten, edit, unit_src, evidence, reason)


def locate(diagnostic: Diagnostic, document: Document) -> tuple[ProseBlock, int, int] | None:
    """The block and prose offsets of a diagnostic's source range, if it lies in one block."""
    for block in document.blocks:
        first, last = block.source_span(0, len(block.text))
        if not (first <= diagnostic.start < max(last, first + 1)):
            continue
        span = block.source_span
        starts = [p for p in range(len(block.text)) if span(p, p + 1)[0] == diagnostic.start]
        ends = [p for p in range(1, len(block.text) + 1) if span(p - 1, p)[1] == diagnostic.end]
        if starts and ends and starts[0] < ends[-1]:
            return block, starts[0], ends[-1]
    return None


def rewrite_of(diagnostic: Diagnostic, document: Document, ruleset: RuleSet) -> Rewrite | None:
    """The rewrite of a diagnostic's unit, planned again from its source range (for tests and
    tools; the linter plans rewrites as it makes diagnostics)."""
    rule, found = ruleset.rules.get(diagnostic.code), locate(diagnostic, document)
    if rule is None or found is None:
        return None
    block, start, end = found
    return plan_rewrite(rule, ruleset, document, block, start, end, {"fat-area": diagnostic.text})


def shape_at(diagnostic: Diagnostic, document: Document, ruleset: RuleSet) -> str | None:
    """The claim shape of a diagnostic's unit, whether or not a rewrite exists for it."""
    rule, found = ruleset.rules.get(diagnostic.code), locate(diagnostic, document)
    if rule is None or found is None:
        return None
    block, start, end = found
    unit = units.find_unit(block, start, end)
    if unit is None:
        return None
    vocab = units.vocabulary(ruleset)
    if unit.end - unit.start > MAX_UNIT_CHARS:
        return None  # a run-on unit of thousands of words: no rewrite could stand for it
    text = block.text[unit.start : unit.end]
    words = units.tokens(text)
    shape = shape_of(block, text, unit.terminal, words, rule, vocab)
    if shape == "workout" and not _subject_keeps(text, words, start - unit.start, vocab):
        shape = "claim"
    return shape


def _region(
    shape: str,
    text: str,
    words: list[units.Token],
    start: int,
    end: int,
    template: RewriteTemplate,
    vocab: units.Vocabulary,
) -> tuple[int, int, str, str | None] | None:
    """(lead end, region end, template form, agreement) for a unit: the region is what the rewrite
    replaces; what comes before it (a lead, a subject) and after it (a means, a head noun) stays."""
    form, agree = "text", None
    lead_end, region_end = _plain_lead(words, vocab), len(text)
    if shape == "title":
        lead = [w for w in words if w.end <= start]
        while lead and not units.clean_edges(text[: lead[-1].end], "", vocab):
            lead.pop()  # "How to use vinegar for | quick and easy weight loss"
        while lead and lead[-1].lower in ("and", "or", "&"):
            lead.pop()
        if len(lead) >= 2 and lead[-1].lower in _DETERMINERS and lead[-2].lower in vocab.verbs:
            del lead[-2:]  # "How to Get a | Flat Tummy": the verb and its article go with the claim
        while lead and lead[-1].lower in vocab.verbs:
            lead.pop()
        lead_end = lead[-1].end if lead else 0
        while lead_end < len(text) and not (text[lead_end].isalnum()):
            lead_end += 1
        region = units.tokens(text[lead_end:])
        opens_verb = bool(region) and region[0].lower in vocab.verbs
        last = lead[-1].lower if lead else ""
        form = "verb" if opens_verb else "noun"
        if last in ("that", "which", "who"):
            form = "verb"
            agree = None if units.plural(lead[:-1][-1:]) else "3sg"
        elif not lead and getattr(template, form) is None:
            form = "noun" if form == "verb" else "verb"  # a whole title can take either form
        if getattr(template, form) is None:
            return None
        tail = [w for w in words if w.start >= end]
        if (
            form == "noun"
            and tail
            and len(tail) <= 2
            and all(w.lower in units._TITLE_HEADS for w in tail)
        ):
            region_end = tail[0].start  # "Flat Tummy | Focus": the head noun stays
        elif (
            form == "noun"
            and not tail
            and len(region) > 1
            and region[-1].lower in units._TITLE_HEADS
        ):
            region_end = lead_end + region[-1].start  # "3-Day Weight Loss | Challenge"
        return lead_end, region_end, form, agree
    if shape == "imperative":
        index = units.opens_with_verb(words, vocab)
        return (words[index].start if index is not None else lead_end), region_end, form, agree
    if shape == "workout":
        index = units.subject_end(words, vocab)
        if index is None:
            return None
        return (
            words[index].start,
            region_end,
            form,
            "plural" if units.plural(words[:index]) else "3sg",
        )
    return lead_end, region_end, form, agree


def joiner_length(words: str) -> int:
    """Length of a joining preposition (and the space after it) that opens ``words``."""
    first, space, rest = words.partition(" ")
    return len(first) + 1 if space and rest and first.lower() in _JOINERS else 0


def _subject_keeps(
    text: str, words: list[units.Token], start: int, vocab: units.Vocabulary
) -> bool:
    """Can a workout claim keep its subject ("These moves")? Not when the match or a promise
    word lies in it."""
    index = units.subject_end(words, vocab)
    if index is None:
        return False
    last = words[index - 1]
    return last.end <= start and units.clean(text[: last.end], vocab)


def _plain_lead(words: list[units.Token], vocab: units.Vocabulary) -> int:
    """Offset after leading conjunctions and adverbs ("But", "So", "Just") that stay as written;
    "while", "though" … only inside a sentence (", while …"): "While …" opens a clause that needs
    the rest of its sentence."""
    index = 0
    while index < len(words) - 1 and words[index].lower in units._LEADS:
        if words[index].lower in _SUBORDINATORS and words[index].text[:1].isupper():
            break
        index += 1
    return words[index].start if words else 0


def _why_not(
    rule: Rule,
    shape: str,
    block: ProseBlock,
    unit: units.Unit,
    text: str,
    words: list[units.Token],
    start: int,
    end: int,
    lead_end: int,
    region_end: int,
    vocab: units.Vocabulary,
) -> str | None:
    """Why this rewrite must stay a suggestion, or None when it can be a fix."""
    if units.cites(block, unit):
        return "the sentence links to or cites a source"
    if units.quoted(text) or "blockquote" in block.containers:
        return "the words are quoted"
    if unit.terminal.startswith("?") or text.endswith("?"):
        return "it is a question"
    sentence = block.text[unit.sentence[0] : unit.sentence[1]]
    match_start, match_end = (
        unit.start + start - unit.sentence[0],
        unit.start + end - unit.sentence[0],
    )
    outside = sentence[:match_start] + " " + sentence[match_end:]
    if vocab.hedge.search(outside):  # anywhere in the sentence: "However, … - you can slim …"
        return "the sentence negates, reports, questions or debunks the claim"
    uncertain = rule.requires & UNCERTAIN_TESTS
    if uncertain and shape != "title":
        return f"the finding rests on the {'/'.join(sorted(uncertain))} test, an inference from context"
    if len(words) > units.MAX_WORDS:
        return f"the sentence is longer than {units.MAX_WORDS} words"
    if not units.clean_edges(text[:lead_end], text[region_end:], vocab):
        return "the words the rewrite would keep still hold a promise"
    if unit.terminal.startswith(":"):
        return "it introduces what follows"
    if _CONSEQUENCE.match(block.text, unit.end):
        # "This tea melts belly fat, so you can skip the gym": the rewritten claim would leave
        # its consequence standing on a premise the sentence no longer makes.
        return "the clause after it follows from the claim"
    return None


_CONSEQUENCE = lazy_compile(r",\s+so\b")


def _why_not_source(
    document: Document, block: ProseBlock, start: int, end: int, region: str, new: str
) -> str | None:
    """Can the new words replace source[start:end] as plain text?"""
    source = document.text[start:end]
    if _plain(source) != _plain(region):
        return "the words sit among links, code or markup a rewrite would remove"
    if _FORBIDDEN & set(new):
        return "the rewrite would need escaping here"
    if block.kind == "front_matter":
        value_start = block.source_span(0, len(block.text))[0]
        quote = document.text[value_start - 1 : value_start] if value_start else ""
        if quote in ("'", '"'):
            if quote in new:
                return "the rewrite would need escaping in this quoted value"
        elif quote != ">" and (": " in new or " #" in new or new[:1] in "-?:,[]{}#&*!|>'\"%@`"):
            return "the rewrite would need quoting in this front-matter value"
        elif (
            quote != ">" and set(new) & set(",[]{}") and "[" in _line_before(document, value_start)
        ):
            return "the rewrite would need quoting in this list item"
    return None


def _balanced(text: str) -> bool:
    """Does every bracket in ``text`` close one opened before it?"""
    depth = {"(": 0, "[": 0}
    for ch in text:
        if ch in "([":
            depth[ch] += 1
        elif ch in ")]":
            opener = "(" if ch == ")" else "["
            if depth[opener] == 0:
                return False
            depth[opener] -= 1
    return not any(depth.values())


def _line_before(document: Document, position: int) -> str:
    """The text of ``position``'s line before it."""
    return document.text[document.text.rfind("\n", 0, position) + 1 : position]


_MARKUP = lazy_compile(
    r"</?(?:em|strong|b|i|u|mark|span|small|big)\b[^<>]*>|[*_~]|^\s*>\s?|\n\s*>?\s*", re.IGNORECASE
)


def _plain(text: str) -> str:
    text = html.unescape(_MARKUP.sub(" ", text)).replace("\u00a0", " ")
    return " ".join(text.split())


# -- suggestions -------------------------------------------------------------------------------
def rewrite_suggestion(rewrite: Rewrite) -> Suggestion:
    what = rewrite.what
    if rewrite.reason is None:
        return Suggestion(
            f"Rewrite the {what}: “{rewrite.unit}”",
            rewrite.evidence,
            FixSafety.UNSAFE,
            (rewrite.edit,),
        )
    return _text_only(rewrite.evidence, what, rewrite.unit, rewrite.reason)


def _text_only(evidence: tuple[str, ...], what: str, unit: str, reason: str) -> Suggestion:
    return Suggestion(
        f"Rewrite the {what} by hand, e.g. “{unit}” (no automatic fix: {reason}).", evidence
    )


def is_rewrite(suggestion: Suggestion) -> bool:
    return suggestion.text.startswith("Rewrite the ")


def settle_rewrites(diagnostics: list[Diagnostic], ruleset: RuleSet) -> list[Diagnostic]:
    """Once a document's diagnostics are known: keep a rewrite's fix only if every other finding in
    its unit lies inside the replaced words and is resolved by it (same rule, or listed under
    ``resolves:``), and give each unit one fix. Drops the bookkeeping in ``extra``.

    Linear in the number of findings (bar sorting): each unit looks only at the findings that
    overlap it, and a rewrite only at the rewrites whose edits it could overlap (100,000 findings
    compared all against all took minutes)."""
    pending = [d for d in diagnostics if REWRITE_UNIT in d.extra]
    if not pending:
        return diagnostics
    findings = [
        d for d in diagnostics if "excused" not in d.extra and d.severity is not Severity.HINT
    ]
    edits = {id(d): _fix_edit(d) for d in pending}
    fixing = [d for d in pending if edits[id(d)] is not None]
    overlapping = _overlapping(
        [d.extra[REWRITE_UNIT] for d in fixing], [(other.start, other.end) for other in findings]
    )
    verdicts: dict[int, str | None] = {}
    for d, near in zip(fixing, overlapping):
        edit = edits[id(d)]
        assert edit is not None
        entry = ruleset.rewrites.get(d.code)
        resolves = (entry.resolves if entry else frozenset()) | {d.code}
        reason = None
        for position in near:  # in the order of the findings
            other = findings[position]
            if other is d:
                continue
            if other.code not in resolves:
                reason = f"the sentence also holds {other.code}, which this rewrite does not settle"
                break
            # A sentence-wide finding (a statistic) ends with the sentence's own full stop, which
            # the rewrite keeps: only the words count.
            other_end = other.end - (len(other.text) - len(other.text.rstrip(" .!?…")))
            if not (
                edit.start <= other.start + joiner_length(other.text) and other_end <= edit.end
            ):
                reason = f"the rewrite would keep the words {other.code} flags"
                break
        verdicts[id(d)] = reason
    # Edits can overlap only inside a cluster of edits chained by overlaps; each cluster keeps
    # its winners in the order they won.
    cluster: dict[int, list[Diagnostic]] = {}
    reach = -1
    winners_here: list[Diagnostic] = []
    for d in sorted(fixing, key=lambda d: edits[id(d)].start):  # type: ignore[union-attr]
        edit = edits[id(d)]
        assert edit is not None
        if edit.start >= reach:
            winners_here = []  # no edit so far reaches this one: a new cluster
        reach = max(reach, edit.end)
        cluster[id(d)] = winners_here
    # One fix per unit: the first (by code) whose rewrite resolves the others keeps it.
    winners: set[int] = set()
    for d in sorted(
        (d for d in pending if verdicts.get(id(d), "x") is None), key=lambda d: (d.code, d.start)
    ):
        edit = edits[id(d)]
        clash = next((w for w in cluster[id(d)] if _overlap(edits[id(w)], edit)), None)
        if clash is None:
            cluster[id(d)].append(d)
            winners.add(id(d))
        else:
            verdicts[id(d)] = f"the rewrite for {clash.code} replaces this unit"
    out = []
    for d in diagnostics:
        if REWRITE_UNIT not in d.extra:
            out.append(d)
            continue
        extra = {k: v for k, v in d.extra.items() if k != REWRITE_UNIT}
        reason = verdicts.get(id(d))
        edit = edits.get(id(d))
        covering = None
        if edit is not None and id(d) in cluster:
            covering = next(
                (w for w in cluster[id(d)] if w is not d and _overlap(edits[id(w)], edit)), None
            )
        if reason is not None and covering is not None:
            reason = f"the rewrite for {covering.code} replaces this unit"
        suggestions = d.suggestions
        if reason is not None:
            suggestions = tuple(
                _demote(s, reason) if is_rewrite(s) and s.edits else s for s in suggestions
            )
        out.append(replace(d, suggestions=suggestions, extra=extra))
    return out


def _overlapping(units: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[list[int]]:
    """For each unit, the positions in ``spans`` of the spans overlapping it (``start < unit end``
    and ``unit start < end``), in ascending order. Spans starting inside a unit are found by
    bisection; spans starting before it and reaching into it by a sweep holding the spans that
    are open at the unit's start. Costs time in proportion to the answer, not units × spans."""
    by_start = sorted(range(len(spans)), key=lambda i: spans[i][0])
    starts = [spans[i][0] for i in by_start]
    found: list[list[int]] = [[] for _ in units]
    opened: list[tuple[int, int]] = []  # heap of (end, position) of spans started before the unit
    added = 0
    for query in sorted(range(len(units)), key=lambda q: units[q][0]):
        unit_start, unit_end = units[query]
        if unit_end < unit_start:  # not a range: test every span
            found[query] = [i for i, (a, b) in enumerate(spans) if a < unit_end and unit_start < b]
            continue
        while added < len(by_start) and starts[added] < unit_start:
            position = by_start[added]
            heapq.heappush(opened, (spans[position][1], position))
            added += 1
        while opened and opened[0][0] <= unit_start:
            heapq.heappop(opened)
        near = [position for _, position in opened]
        low, high = bisect.bisect_left(starts, unit_start), bisect.bisect_left(starts, unit_end)
        near.extend(by_start[k] for k in range(low, high) if spans[by_start[k]][1] > unit_start)
        found[query] = sorted(near)
    return found


def _fix_edit(diagnostic: Diagnostic) -> Edit | None:
    for suggestion in diagnostic.suggestions:
        if is_rewrite(suggestion) and suggestion.edits:
            return suggestion.edits[0]
    return None


def _overlap(a: Edit | None, b: Edit | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _demote(suggestion: Suggestion, reason: str) -> Suggestion:
    text = suggestion.text
    prefix = "Rewrite the "
    what, _, unit = text[len(prefix) :].partition(": ")
    return _text_only(suggestion.evidence, what, unit.strip("“”"), reason)
