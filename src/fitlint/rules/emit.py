"""Rule + match → Diagnostic: fill the message and suggestion templates, attach evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fitlint.diagnostics import Diagnostic, Edit, EvidenceRef, FixSafety, Related, Suggestion
from fitlint.document.model import Document, ProseBlock
from fitlint.lazyregex import lazy_compile
from fitlint.memo import MEMO_TEXT, remember
from fitlint.rules.model import Rule, RuleSet

if TYPE_CHECKING:
    from fitlint.rules.rewrite import Rewrite

DOCS_BASE = "https://github.com/fitlint/fitlint/blob/main/docs/rules.md"
_PLACEHOLDER = lazy_compile(r"\{([a-z][a-z0-9-]*)\}")


_URLS: dict[str, str] = {}


def docs_url(code: str) -> str:
    url = _URLS.get(code)
    if url is None:
        url = _URLS[code] = f"{DOCS_BASE}#{code.lower()}"
    return url


# An example in advice ('…, e.g. "…{fat-area}…"') whose placeholder the match did not fill.
_UNFILLED_EXAMPLE = lazy_compile(r',?\s*e\.g\.\s*"[^"]*\{[\w-]+\}[^"]*"')


def _names_a_body_part(ruleset: RuleSet, deposit: str) -> bool:
    """Does a deposit name a body part ("love handles", "bingo wings"), not just fat ("pockets of
    fat", "jiggle")? Body parts are those the rewrite areas know."""
    words = {w.lower() for area in ruleset.rewrite_areas.values() for w in area.words}
    return not words or deposit.lower() in words


# Filled templates by (template, values): findings of one rule on the same words (a paragraph
# pasted many times) share their message and advice strings instead of holding a copy each.
_FILLED: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}


def fill(template: str, values: dict[str, str]) -> str:
    key = (template, tuple(values.items()))
    try:
        filled = _FILLED.get(key)
    except TypeError:  # a value that cannot be a key: fill it as it is
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    if filled is None:
        filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
        remember(_FILLED, key, filled)
    return filled


_SMALL_WORDS = frozenset("a an and around at by for in of on or the to your with".split())


def _match_case(replacement: str, original: str) -> str:
    words = original.split()
    if len(words) > 1 and all(word[:1].isupper() for word in words if word[:1].isalpha()):
        # Title Case in, Title Case out ("Burn Belly Fat" → "Strengthen the Muscles Around Your Belly").
        out = [
            word if (index and word.lower() in _SMALL_WORDS) else word[:1].upper() + word[1:]
            for index, word in enumerate(replacement.split(" "))
        ]
        return " ".join(out)
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def removal(text: str, start: int, end: int) -> Edit:
    """An edit that removes whole lines [start, end) and keeps the file's layout: where the text
    after the removal opens with a blank line or the file ends, the blank lines just before it go
    too (a removed closing section leaves no blank line at the end), and a file without a final
    newline stays without one. Only whitespace outside [start, end) is ever removed."""
    at_line_end = end == len(text) or text[end - 1] in "\r\n"
    whole = (start == 0 or text[start - 1] in "\r\n") and at_line_end
    if not whole or start == 0 or (end < len(text) and not _blank_start(text, end)):
        return Edit(start, end, "")
    begin = start
    while begin > 0:
        line_start = _line_start(text, begin - 1)
        if text[line_start:begin].strip():
            break
        begin = line_start  # a blank line before the removal
    if end == len(text) and text[end - 1] not in "\r\n":
        # The file ends inside the removal without a line ending: so must the text before it.
        if text[begin - 2 : begin] == "\r\n":
            begin -= 2
        elif text[begin - 1 : begin] in ("\n", "\r"):
            begin -= 1
    return Edit(begin, end, "")


def _blank_start(text: str, at: int) -> bool:
    """Does ``text`` from ``at`` open with a blank line (only whitespace up to its first line
    ending)? Read in place: a copy of the rest of the file per removal would make a file of many
    pasted paragraphs cost the square of its length."""
    for index in range(at, len(text)):
        ch = text[index]
        if ch in "\r\n":
            return True
        if not ch.isspace():
            return False
    return True


def _line_start(text: str, offset: int) -> int:
    """Start of the line holding ``offset`` (a line ending belongs to the line it ends)."""
    index = offset
    if text[index] == "\n" and index > 0 and text[index - 1] == "\r":
        index -= 1
    while index > 0 and text[index - 1] not in "\r\n":
        index -= 1
    return index


# Per evidence table (kept in the value, so its id is not reused): the references for each list
# of ids. Diagnostics share the tuple: 100,000 findings of one rule hold one copy, not 600,000.
_EVIDENCE_MEMO: dict[int, tuple[dict, dict[tuple[str, ...], tuple[EvidenceRef, ...]]]] = {}


def evidence_refs(ruleset: RuleSet, ids) -> tuple[EvidenceRef, ...]:
    table = ruleset.evidence
    memo = _EVIDENCE_MEMO.get(id(table))
    if memo is None or memo[0] is not table:
        memo = remember(_EVIDENCE_MEMO, id(table), (table, {}), size=8)
    key = tuple(ids)
    refs = memo[1].get(key)
    if refs is None:
        found = []
        for name in dict.fromkeys(key):
            entry = table.get(name)
            if entry is not None:
                found.append(
                    EvidenceRef(
                        name, entry.citation, entry.status, entry.doi, entry.pmid, entry.url
                    )
                )
        refs = memo[1][key] = tuple(found)
    return refs


def make_diagnostic(
    rule: Rule,
    ruleset: RuleSet,
    document: Document,
    block: ProseBlock,
    prose_start: int,
    prose_end: int,
    captures: dict[str, str] | None = None,
    message_values: dict[str, str] | None = None,
) -> Diagnostic:
    """A diagnostic for a match inside a prose block ({text} is the prose, without markup).

    The same match in an identical block (a paragraph pasted many times, in one file or many) is
    made once and moved: everything but its positions and path depends only on the block's
    source and what the rule captured."""
    base, last = block.source_span(0, len(block.text))
    key = _match_key(
        rule, ruleset, document, block, (base, last), prose_start, prose_end, captures, 1
    )
    if key is None:
        return _make_diagnostic(
            rule, ruleset, document, block, prose_start, prose_end, captures, message_values
        )
    key += (rule.severity, tuple(sorted((message_values or {}).items())))
    made = _MADE.get(key)
    if made is not None:
        return moved(made, base, document.path)
    diagnostic = _make_diagnostic(
        rule, ruleset, document, block, prose_start, prose_end, captures, message_values
    )
    if removes_text(diagnostic):
        return diagnostic  # a removal looks at the blank lines around the block: not kept
    remember(_MADE, key, moved(diagnostic, -base, ""))
    return diagnostic


_MADE: dict[tuple, Diagnostic] = {}  # by block and match, positions relative to the block
REWRITE_UNIT = "rewrite-unit"  # diagnostic.extra key, only until settle_rewrites has run


def removes_text(diagnostic: Diagnostic) -> bool:
    """Does a fix of this finding remove text? A removal reads the blank lines around its block,
    so it is never kept to be moved."""
    return any(e.new_text == "" for s in diagnostic.suggestions for e in s.edits)


def moved(diagnostic: Diagnostic, by: int, path: str) -> Diagnostic:
    """A copy of ``diagnostic`` with every position moved by ``by``, in file ``path``."""
    d = diagnostic
    suggestions = tuple(
        s._replace(edits=tuple(Edit(e.start + by, e.end + by, e.new_text) for e in s.edits))
        if s.edits
        else s
        for s in d.suggestions
    )
    extra = dict(d.extra)
    if REWRITE_UNIT in extra:
        unit_start, unit_end = extra[REWRITE_UNIT]  # type: ignore[misc]
        extra[REWRITE_UNIT] = (unit_start + by, unit_end + by)
    return Diagnostic(
        path=path,
        start=d.start + by,
        end=d.end + by,
        code=d.code,
        rule=d.rule,
        category=d.category,
        severity=d.severity,
        message=d.message,
        text=d.text,
        suggestions=suggestions,
        related=d.related,
        evidence=d.evidence,
        docs_url=d.docs_url,
        extra=extra,
    )


def _make_diagnostic(
    rule: Rule,
    ruleset: RuleSet,
    document: Document,
    block: ProseBlock,
    prose_start: int,
    prose_end: int,
    captures: dict[str, str] | None,
    message_values: dict[str, str] | None,
) -> Diagnostic:
    start, end = block.source_span(prose_start, prose_end)
    prose_text = block.text[prose_start:prose_end]
    diagnostic = make_span_diagnostic(
        rule,
        ruleset,
        document.path,
        document.text,
        start,
        end,
        {"text": prose_text, **(captures or {}), **(message_values or {})},
    )
    if rule.code in ruleset.rewrites:
        # A promise is rewritten as a whole unit (heading, clause, list item), in its shape.
        from fitlint.rules.rewrite import rewrite_suggestion

        rewrite = _planned(rule, ruleset, document, block, prose_start, prose_end, captures)
        if rewrite is not None:
            diagnostic.suggestions += (rewrite_suggestion(rewrite),)
            if rewrite.reason is None:
                diagnostic.extra[REWRITE_UNIT] = rewrite.unit_span  # for settle_rewrites
    return diagnostic


# Rewrites planned for a block's text, by rule and match: a paragraph pasted many times (or
# the same sentence in many files of a run) is planned once. Offsets are kept relative to the
# block's source, which parses to the same prose wherever the same source text stands.
_PLANS: dict[tuple, Rewrite | None] = {}


def _planned(
    rule: Rule,
    ruleset: RuleSet,
    document: Document,
    block: ProseBlock,
    prose_start: int,
    prose_end: int,
    captures: dict[str, str] | None,
) -> Rewrite | None:
    from fitlint.rules.rewrite import plan_rewrite

    base, last = block.source_span(0, len(block.text))
    key = _match_key(
        rule, ruleset, document, block, (base, last), prose_start, prose_end, captures, 0
    )
    if key is None:
        return plan_rewrite(rule, ruleset, document, block, prose_start, prose_end, captures)
    if key in _PLANS:
        relative = _PLANS[key]
        return None if relative is None else _shifted(relative, base)
    rewrite = plan_rewrite(rule, ruleset, document, block, prose_start, prose_end, captures)
    remember(_PLANS, key, None if rewrite is None else _shifted(rewrite, -base))
    return rewrite


def _match_key(
    rule: Rule,
    ruleset: RuleSet,
    document: Document,
    block: ProseBlock,
    source: tuple[int, int],
    prose_start: int,
    prose_end: int,
    captures: dict[str, str] | None,
    margin: int,
) -> tuple | None:
    """What a match's finding or rewrite depends on, by block and match, for the memos above;
    None when it must be made afresh (see ``block_key``)."""
    block_part = block_key(document, block, source, margin)
    if block_part is None:
        return None
    return (
        ruleset.digest,
        rule.code,
        *block_part,
        prose_start,
        prose_end,
        tuple(sorted((captures or {}).items())),
    )


def block_key(
    document: Document, block: ProseBlock, source: tuple[int, int], margin: int
) -> tuple | None:
    """What a block's findings depend on in the block itself, for the memos of findings made once
    and moved to each identical block; None when they must be made afresh. Front matter and
    attributes read beyond their block; a long block is rarely pasted twice, and a key holding it
    for each of its findings would cost memory with the square of its length. ``source`` is the
    block's span in the file; ``margin`` characters either side of it are part of the key (an
    edit may reach them)."""
    base, last = source
    if block.kind in ("front_matter", "attribute") or last - base > MEMO_TEXT:
        return None
    return (
        block.kind,
        block.containers,
        block.heading_level,
        block.key,
        document.path.rsplit(".", 1)[-1],
        block.text,
        document.text[max(0, base - margin) : last + margin],
    )


def _shifted(rewrite: Rewrite, by: int) -> Rewrite:
    edit = rewrite.edit
    return rewrite._replace(
        edit=edit._replace(start=edit.start + by, end=edit.end + by),
        unit_span=(rewrite.unit_span[0] + by, rewrite.unit_span[1] + by),
    )


def make_span_diagnostic(
    rule: Rule,
    ruleset: RuleSet,
    path: str,
    text: str,
    start: int,
    end: int,
    values: dict[str, str],
    related: tuple[Related, ...] = (),
) -> Diagnostic:
    """A diagnostic for source offsets [start, end); ``values`` fill the templates."""
    # Never split a CRLF pair: a position between CR and LF has no line/column of its own.
    if 0 < end < len(text) and text[end - 1] == "\r" and text[end] == "\n":
        end -= 1
    if 0 < start < len(text) and text[start - 1] == "\r" and text[start] == "\n":
        start += 1
    end = max(start, end)
    source_text = text[start:end]
    values = {"text": source_text, **values}
    prose_text = values["text"]
    suggestions = []
    if (
        "fat-area" not in values
        and "fat-deposit" in values
        and _names_a_body_part(ruleset, values["fat-deposit"])
    ):
        values = {**values, "fat-area": values["fat-deposit"]}  # "love handles" names the area too
    for template in rule.suggest:
        edits: tuple[Edit, ...] = ()
        fix = template.fix
        if template.replace is not None and rule.code in ruleset.rewrites:
            continue  # the rule's whole-unit rewrites (rules/rewrites.yaml) replace word swaps
        if template.replace is not None and fix is not FixSafety.NONE:
            replacement = fill(template.replace, values)
            if _PLACEHOLDER.search(replacement):
                fix = (
                    FixSafety.NONE
                )  # the match did not capture what the rewrite needs: advice only
            elif replacement == "":
                edits = (removal(text, start, end),)
            else:
                edits = (Edit(start, end, _match_case(replacement, prose_text)),)
        text = fill(template.text, values)
        if _PLACEHOLDER.search(text):
            # The match named no body part to fill the example with: give the advice without it.
            text = _UNFILLED_EXAMPLE.sub("", text).rstrip()
            text += "" if text.endswith((".", "!", "?")) else "."
        suggestions.append(Suggestion(text, template.evidence, fix, edits))
    evidence_ids = [ev for template in rule.suggest for ev in template.evidence] + list(
        rule.evidence
    )
    return Diagnostic(
        path=path,
        start=start,
        end=end,
        code=rule.code,
        rule=rule.name,
        category=rule.category,
        severity=rule.severity,
        message=fill(rule.message, values),
        text=source_text,
        suggestions=tuple(suggestions),
        evidence=evidence_refs(ruleset, evidence_ids),
        docs_url=docs_url(rule.code),
        related=related,
    )
