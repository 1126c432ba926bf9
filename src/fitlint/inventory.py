"""``fitlint claims``: every claim the rules considered, with its status, for sign-off.

A claim is what a sentence rule matched (kinds ``phrase``, ``rate`` and ``claim``: promises,
statistics, appeals to research). Each is listed as

- ``flagged``: reported by ``fitlint check``;
- ``excused``: matched, then excused by a context test (negated, quoted, a debunk, …), with the
  reason (what ``--show-excused`` shows);
- ``cited``: a statistic or research appeal that has a citation in scope, with the source found
  (a link, a footnote, a marker and its reference entry, a DOI, an author–year citation, …) and
  where it was found (its sentence, paragraph, the list after it, earlier in its section, the
  reference list).

Duplicate sections and citation-integrity checks (FL3xx, FL5xx) are not claims; ``check`` reports
them. CSV follows RFC 4180 (CRLF rows, fields quoted as needed); a cell that a spreadsheet would
run as a formula (starting with = + - @, a tab or CR) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from fitlint import __version__
from fitlint.config import Config
from fitlint.diagnostics import Diagnostic, FixSafety, Severity
from fitlint.document.model import Document
from fitlint.engine import Linter
from fitlint.results import FileResult
from fitlint.positions import LineIndex

CLAIM_KINDS = frozenset({"phrase", "rate", "claim"})
STATUSES = ("flagged", "excused", "cited")
COLUMNS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "category",
    "code",
    "rule",
    "severity",
    "status",
    "reason",
    "source",
    "text",
    "sentence",
    "message",
    "evidence",
)
SOURCE_CHARS = 300
_SCOPE_WORDS = {
    "sentence": "in its sentence",
    "paragraph": "in its paragraph",
    "list": "in the list it introduces",
    "section": "earlier in its section",
    "references": "by the reference list",
}


class InventoryLinter(Linter):
    """A linter that also reports excused matches and cited claims, as hints (``extra`` names
    the excuse, or the citation and where it was found)."""

    def __init__(
        self, config: Config, ruleset: Any = None, report_unused_suppressions: bool = False
    ) -> None:
        super().__init__(replace(config, show_excused=True), ruleset, report_unused_suppressions)
        self.claims.report_cited = True

    def fingerprint(self) -> str:
        return super().fingerprint() + "|claims-inventory"  # its results differ from check's

    def finish(self, document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        cited = self.claims.cited
        if cited:
            marked = []
            for d in diagnostics:
                record = cited.pop((document.path, d.code, d.start, d.end), None)
                marked.append(d if record is None else cited_hint(d, document, record))
            cited.clear()
            diagnostics = marked
        return super().finish(document, diagnostics)


def cited_hint(d: Diagnostic, document: Document, record: tuple[str, int, int, int]) -> Diagnostic:
    scope = record[0]
    source = citation_source(document, record)
    where = _SCOPE_WORDS.get(scope, scope)
    return replace(
        d,
        severity=Severity.HINT,
        message=f"Cited {where}: {source}",
        suggestions=tuple(s._replace(edits=(), fix=FixSafety.NONE) for s in d.suggestions),
        extra={**d.extra, "cited": source, "cited_scope": scope},
    )


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SOURCE_CHARS else text[: SOURCE_CHARS - 1] + "…"


def _found_in(
    document: Document, block_index: int, start: int = 0, end: int | None = None
) -> str | None:
    """The citation in blocks[block_index].text[start:end]: a source link, a footnote (with its
    definition), a DOI or PMID, an author–year citation, or a numbered marker (with the reference
    entry it points to); else an attribution line after the block."""
    from fitlint.rules.citations import (
        ATTRIBUTION,
        DOI,
        GLUED_MARKER,
        NUMBERED_MARKER,
        PMID,
        SPACED_LIST_MARKER,
        author_years,
        citation_index,
    )

    index = citation_index(document)
    block = document.blocks[block_index]
    end = len(block.text) if end is None else end
    text = block.text[start:end]
    for link in block.links:
        if link.prose_start < end and start < link.prose_end and index.is_source_link(link.href):
            return link.href
    for offset, label in block.footnote_refs:
        if start <= offset <= end:
            line = document.footnote_definitions.get(label)
            definition = (
                document.lines.line_text(line).split(":", 1)[-1].strip() if line is not None else ""
            )
            return f"[^{label}]" + (f" {definition}" if definition else "")
    for pattern in (DOI, PMID):
        match = pattern.search(text)
        if match:
            return match.group(0).rstrip(".,;)")
    for match in author_years(text):
        return match.group(0)
    for pattern in (NUMBERED_MARKER, GLUED_MARKER, SPACED_LIST_MARKER):
        match = pattern.search(text)
        if match:
            marker = match.group(0).strip()
            numbers = [
                part for part in "".join(ch if ch.isdigit() else " " for ch in marker).split()
            ]
            entry = next((e for e in index.entries if numbers and e.number == numbers[0]), None)
            return marker + (f" {entry.text}" if entry is not None else "")
    following = document.blocks[block_index + 1] if block_index + 1 < len(document.blocks) else None
    if following is not None and ATTRIBUTION.match(following.text):
        return following.text.strip()
    return None


def citation_source(document: Document, record: tuple[str, int, int, int]) -> str:
    """What a cited claim cites, as text: the link, marker and entry, DOI … found in its scope."""
    from fitlint.rules.citations import citation_index

    scope, block_index, start, end = record
    index = citation_index(document)
    blocks = document.blocks
    found: str | None = None
    if scope == "sentence":
        found = _found_in(document, block_index, start, end) or _found_in(document, block_index)
    elif scope == "paragraph":
        found = _found_in(document, block_index)
    elif scope == "list":
        for after in range(block_index + 1, min(len(blocks), block_index + 50)):
            if index.block_has_citation(after):
                found = _found_in(document, after)
                break
    elif scope == "section":
        section = blocks[block_index].section
        for before in range(block_index - 1, -1, -1):
            if blocks[before].section != section and section >= 0:
                break
            if index.block_has_citation(before):
                found = _found_in(document, before)
                break
    elif scope == "references":
        entries = index.entries
        if len(entries) == 1:
            found = entries[0].text
        elif entries:
            found = f"the reference list ({len(entries)} entries, first: {entries[0].text})"
    return _cut(found) if found else f"a citation {_SCOPE_WORDS.get(scope, scope)}"


def status_of(d: Diagnostic) -> str:
    if "cited" in d.extra:
        return "cited"
    if "excused" in d.extra:
        return "excused"
    return "flagged"


def inventory_rows(results: Sequence[FileResult], linter: Linter) -> list[dict[str, Any]]:
    """One row per claim, in file order."""
    from fitlint.document import parse_document
    from fitlint.locate import sentence_of
    from fitlint.rules.matching import EXCUSE_WORDS

    config = linter.config
    claim_codes = {code for code, rule in linter.ruleset.rules.items() if rule.kind in CLAIM_KINDS}
    rows: list[dict[str, Any]] = []
    for result in results:
        claims = [d for d in result.diagnostics if d.code in claim_codes]
        if not claims or result.source is None:
            continue
        text = result.source.text
        index = LineIndex(text)
        document = parse_document(text, result.path, config.front_matter_keys, config.formats)
        for d in claims:
            line, column = index.position(d.start)
            end_line, end_column = index.position(d.end)
            status = status_of(d)
            message = d.message
            reason = source = ""
            if status == "excused":
                raw = str(d.extra.get("excused", ""))
                reason = EXCUSE_WORDS.get(raw, raw)
                if message.startswith("Not reported (") and "): " in message:
                    message = message.split("): ", 1)[1]
            elif status == "cited":
                source = str(d.extra.get("cited", ""))
                reason = "cited " + _SCOPE_WORDS.get(str(d.extra.get("cited_scope", "")), "")
                reason = reason.strip()
            rule = linter.rules.get(d.code)
            severity = rule.severity if rule is not None else d.severity
            rows.append(
                {
                    "path": result.path,
                    "line": line + 1,
                    "column": column + 1,
                    "end_line": end_line + 1,
                    "end_column": end_column + 1,
                    "category": d.category,
                    "code": d.code,
                    "rule": d.rule,
                    "severity": severity.label,
                    "status": status,
                    "reason": reason,
                    "source": source,
                    "text": d.text,
                    "sentence": sentence_of(document, d.start, d.end) or d.text,
                    "message": message,
                    "evidence": " ".join(ref.id for ref in d.evidence),
                }
            )
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # a spreadsheet would evaluate it as a formula
    return value


def render_csv(rows: Sequence[dict[str, Any]]) -> str:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return stream.getvalue()


def render_json(rows: Sequence[dict[str, Any]]) -> str:
    counts = Counter(row["status"] for row in rows)
    payload = {
        "fitlint": __version__,
        "counts": {status: counts.get(status, 0) for status in STATUSES},
        "claims": list(rows),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
