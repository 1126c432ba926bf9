"""Code actions and hover text, built from the diagnostics of a document."""

from __future__ import annotations

from dataclasses import dataclass

from fitlint.diagnostics import Diagnostic, FixSafety
from fitlint.document import Document
from fitlint.positions import LineIndex
from fitlint.rules.model import RuleSet
from fitlint.rules.rewrite import is_rewrite


@dataclass(frozen=True)
class TextEditSpec:
    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class ActionSpec:
    title: str
    diagnostic: Diagnostic
    edits: tuple[TextEditSpec, ...]
    preferred: bool = False


def _prefix(line: str) -> str:
    """Container markers to repeat on an inserted line ("> " inside a blockquote, indentation)."""
    index = 0
    while index < len(line) and line[index] in " \t>":
        index += 1
    return line[:index]


def actions_for(
    diagnostic: Diagnostic, document: Document, reader: str = "markdown"
) -> list[ActionSpec]:
    """Quick fixes for one diagnostic: its fixes, then a comment that disables its rule (in the
    comment syntax of the document's reader; none where no comment can go)."""
    actions: list[ActionSpec] = []
    for suggestion in diagnostic.suggestions:
        if not suggestion.edits or suggestion.fix is FixSafety.NONE:
            continue
        removal = len(suggestion.edits) == 1 and suggestion.edits[0].new_text == ""
        if is_rewrite(suggestion) or removal:
            title = f"{diagnostic.code}: {suggestion.text}"
        else:
            shown = suggestion.edits[0].new_text
            title = f"{diagnostic.code}: replace with '{shown}'"
        if suggestion.fix is FixSafety.UNSAFE:
            title += " (changes the meaning)"
        actions.append(
            ActionSpec(
                title,
                diagnostic,
                tuple(TextEditSpec(e.start, e.end, e.new_text) for e in suggestion.edits),
                preferred=suggestion.fix is FixSafety.SAFE,
            )
        )
    suppression = (
        _jsx_suppression(diagnostic, document)
        if reader == "jsx"
        else _suppression(diagnostic, document)
    )
    if suppression is not None:
        actions.append(suppression)
    return actions


def unique(actions: list[ActionSpec]) -> list[tuple[ActionSpec, list[Diagnostic]]]:
    """Each distinct action once (same title, same edits), with every diagnostic it answers: two
    FL401 findings on one line get one "Disable FL401 for this line"."""
    found: dict[tuple[str, tuple[TextEditSpec, ...]], tuple[ActionSpec, list[Diagnostic]]] = {}
    for action in actions:
        key = (action.title, action.edits)
        if key in found:
            if action.diagnostic not in found[key][1]:
                found[key][1].append(action.diagnostic)
        else:
            found[key] = (action, [action.diagnostic])
    return list(found.values())


def _jsx_suppression(diagnostic: Diagnostic, document: Document) -> ActionSpec | None:
    """In JSX and TSX an HTML comment is a syntax error: the comment is a JSX comment on a line of
    its own above the diagnostic's, offered only where the script still parses with it there
    (inside an element's children) and the suppression parser reads it as that line's."""
    lines: LineIndex = document.lines
    line = lines.line_of(diagnostic.start)
    block = next((b for b in document.blocks if b.line <= line <= b.end_line), None)
    if block is None or block.line != line or not lines.line_text(line).lstrip().startswith("<"):
        return None  # between two lines of JSX text a comment would join their words
    eol = "\r\n" if "\r\n" in document.text else "\n"
    line_start = lines.starts[line]
    prefix = _prefix(lines.line_text(line)).replace(">", "")
    comment = f"{prefix}{{/* fitlint-disable-next-line {diagnostic.code} */}}{eol}"
    edited = document.text[:line_start] + comment + document.text[line_start:]
    try:
        from fitlint.document import parse_document
        from fitlint.document.jsx import _parser, grammar_for

        parser = _parser(grammar_for(document.path))
        before = parser.parse(document.text.encode("utf-8")).root_node.has_error
        if parser.parse(edited.encode("utf-8")).root_node.has_error and not before:
            return None  # not inside JSX children: the comment would break the script
        reread = parse_document(edited, document.path, reader="jsx")
    except Exception:  # noqa: BLE001 - no grammar, no comment: never offer a broken edit
        return None
    if not any(
        s.kind == "next-line" and s.line == line and diagnostic.code in s.codes
        for s in reread.suppressions
    ):
        return None
    return ActionSpec(
        f"Disable {diagnostic.code} for this line",
        diagnostic,
        (TextEditSpec(line_start, line_start, comment),),
    )


def _suppression(diagnostic: Diagnostic, document: Document) -> ActionSpec:
    lines: LineIndex = document.lines
    line = lines.line_of(diagnostic.start)
    block = next((b for b in document.blocks if b.line <= line <= b.end_line), None)
    eol = "\r\n" if "\r\n" in document.text else "\n"
    line_start = lines.starts[line]
    prefix = _prefix(lines.line_text(line))
    if block is None or block.line == line or block.kind in ("front_matter", "table_cell"):
        if block is not None and block.kind == "front_matter":
            # Comments cannot go inside front matter: disable for the file instead.
            comment = f"<!-- fitlint-disable-file -->{eol}"
            end_of_front = lines.starts[min(block.end_line + 2, lines.line_count() - 1)]
            return ActionSpec(
                f"Disable fitlint for this file ({diagnostic.code} is in front matter)",
                diagnostic,
                (TextEditSpec(end_of_front, end_of_front, comment),),
            )
        comment = f"{prefix}<!-- fitlint-disable-next-line {diagnostic.code} -->{eol}"
        return ActionSpec(
            f"Disable {diagnostic.code} for this line",
            diagnostic,
            (TextEditSpec(line_start, line_start, comment),),
        )
    # Inside a wrapped paragraph a comment line would split it: fence the whole block instead.
    first_start = lines.starts[block.line]
    block_prefix = _prefix(lines.line_text(block.line))
    after_line = block.end_line + 1
    end_offset = lines.starts[after_line] if after_line < lines.line_count() else len(document.text)
    closing = f"{block_prefix}<!-- fitlint-enable {diagnostic.code} -->{eol}"
    if end_offset == len(document.text) and not document.text.endswith(("\n", "\r")):
        closing = eol + closing
    return ActionSpec(
        f"Disable {diagnostic.code} for this paragraph",
        diagnostic,
        (
            TextEditSpec(
                first_start,
                first_start,
                f"{block_prefix}<!-- fitlint-disable {diagnostic.code} -->{eol}",
            ),
            TextEditSpec(end_offset, end_offset, closing),
        ),
    )


def hover_markdown(diagnostic: Diagnostic, ruleset: RuleSet) -> str:
    rule = ruleset.rules.get(diagnostic.code)
    parts = [
        f"**{diagnostic.code} {diagnostic.rule}** ({diagnostic.category})",
        "",
        diagnostic.message,
    ]
    if rule is not None:
        parts += ["", " ".join(rule.rationale.split())]
    rewrites = [s.text for s in diagnostic.suggestions]
    if rewrites:
        parts += ["", "**Use instead:**", *(f"- {' '.join(text.split())}" for text in rewrites)]
    if diagnostic.evidence:
        parts += ["", "**Evidence:**"]
        for ref in diagnostic.evidence:
            link = (
                f"https://doi.org/{ref.doi}"
                if ref.doi
                else (f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" if ref.pmid else ref.url or "")
            )
            doi = f" DOI: {ref.doi}." if ref.doi else ""
            parts.append(f"- {ref.citation}{doi} {link} ({ref.status})".rstrip())
    if diagnostic.docs_url:
        parts += ["", f"[Rule documentation]({diagnostic.docs_url})"]
    return "\n".join(parts)
