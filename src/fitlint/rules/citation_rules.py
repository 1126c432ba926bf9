"""Citation integrity (``kind: citation``): do the citations a document makes hold together?

Checks (``unit``): author–year citations with no entry in the reference list, footnote
references without definitions and definitions never referenced, reference entries never cited,
malformed DOIs, works the evidence registry could not verify (reported as info, never as proof
of fabrication), and figures quoted for a registry study that differ from the recorded ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from fitlint.diagnostics import Diagnostic
from fitlint.document.model import Document
from fitlint.lazyregex import lazy_compile
from fitlint.rules.citations import (
    DOI,
    DOI_LIKE,
    NUMBERED_MARKER,
    CitationIndex,
    author_years,
    citation_index,
    valid_doi,
)
from fitlint.rules.emit import make_span_diagnostic
from fitlint.rules.model import Evidence, Rule, RuleSet

_REGISTRY_SHORT = lazy_compile(r"([A-Z][\p{L}'’-]+).*?((?:19|20)\d{2})")  # "Ramírez-Campillo 2013"
_FOOTNOTE_LITERAL = lazy_compile(r"\[\^([^\]\s]+)\]")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FIGURE = lazy_compile(r"[-−]?\d[\d,]*(?:\.\d+)?\s?(?:%|g\b|kg\b)")


def _norm_figure(text: str) -> str:
    return text.replace(",", "").replace(" ", "").replace("−", "-").lstrip("-+").lower()


class CitationRules:
    def __init__(self, rules: Sequence[Rule], ruleset: RuleSet) -> None:
        self.by_unit = {rule.unit: rule for rule in rules}
        self.ruleset = ruleset
        self._registry_by_doi = {e.doi.lower(): e for e in ruleset.evidence.values() if e.doi}

    @cached_property
    def _registry_by_author_year(self) -> dict[tuple[str, str], Evidence]:
        # Built on first use: most documents cite nothing, and this is the only \p{…} pattern here.
        index: dict[tuple[str, str], Evidence] = {}
        for entry in self.ruleset.evidence.values():
            match = _REGISTRY_SHORT.match(entry.short or "")
            if match:
                index[(match.group(1).lower(), match.group(2))] = entry
        return index

    def run(self, document: Document) -> list[Diagnostic]:
        if not self.by_unit:
            return []
        text = document.text
        if not any(ch in text for ch in "[(1⁰¹²³⁴⁵⁶⁷⁸⁹") and "doi" not in text.lower():
            return []
        index = citation_index(document)
        found: list[Diagnostic] = []
        found += self._author_year(document, index)
        found += self._footnotes(document)
        found += self._unused_entries(document, index)
        found += self._dois(document)
        # Say so once per source: the first place an unverified work is cited.
        seen: set[str] = set()
        kept = []
        for diagnostic in sorted(found, key=lambda d: d.start):
            if diagnostic.code == self._code("unverified-source"):
                key = (
                    diagnostic.message.split("'")[1].split()[0].lower()
                    if "'" in diagnostic.message
                    else diagnostic.text
                )
                if key in seen:
                    continue
                seen.add(key)
            kept.append(diagnostic)
        return kept

    def _code(self, unit: str) -> str | None:
        rule = self.by_unit.get(unit)
        return rule.code if rule else None

    # -- helpers -------------------------------------------------------------------------------
    def _emit(
        self, unit: str, document: Document, start: int, end: int, values: dict[str, str]
    ) -> list[Diagnostic]:
        rule = self.by_unit.get(unit)
        if rule is None or end <= start:
            return []
        return [
            make_span_diagnostic(
                rule, self.ruleset, document.path, document.text, start, end, values
            )
        ]

    def _prose_blocks(self, document: Document, index: CitationIndex):
        for position, block in enumerate(document.blocks):
            if position not in index.reference_blocks and block.kind != "front_matter":
                yield position, block

    def _author_year(self, document: Document, index: CitationIndex) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        entries = [(e.author.lower(), e.year) for e in index.entries if e.author and e.year]
        for _, block in self._prose_blocks(document, index):
            for match in author_years(block.text):
                name = (match.group("name") or match.group("name2") or "").lower()
                year = match.group("year") or match.group("year2") or ""
                start, end = block.source_span(match.start(), match.end())
                label = f"{(match.group('name') or match.group('name2'))} {year}"
                if index.entries and (name, year) not in entries:
                    found += self._emit(
                        "missing-reference", document, start, end, {"citation": label}
                    )
                registry = self._registry_by_author_year.get((name, year))
                if registry is not None:
                    found += self._registry_checks(document, block, match, registry, label)
        return found

    def _registry_checks(
        self, document, block, match, entry: Evidence, label: str
    ) -> list[Diagnostic]:
        start, end = block.source_span(match.start(), match.end())
        if entry.status in ("unverified", "retracted"):
            return self._emit(
                "unverified-source",
                document,
                start,
                end,
                {"citation": label, "status": entry.status, "finding": entry.finding or ""},
            )
        if not entry.figures:
            return []
        # The sentence around the citation: its figures should be ones the study reported.
        sentence_start = max(block.text.rfind(". ", 0, match.start()) + 1, 0)
        sentence_end = block.text.find(". ", match.end())
        sentence = block.text[
            sentence_start : sentence_end if sentence_end >= 0 else len(block.text)
        ]
        recorded = {_norm_figure(f) for f in entry.figures}
        stray = [
            f.group() for f in _FIGURE.finditer(sentence) if _norm_figure(f.group()) not in recorded
        ]
        if not stray:
            return []
        return self._emit(
            "figure-mismatch",
            document,
            start,
            end,
            {
                "citation": label,
                "figures": ", ".join(stray),
                "recorded": ", ".join(entry.figures[:8]),
            },
        )

    def _footnotes(self, document: Document) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        referenced: set[str] = set()
        for block in document.blocks:
            referenced.update(label for _, label in block.footnote_refs)
            for match in _FOOTNOTE_LITERAL.finditer(block.text):
                label = match.group(1)
                if label not in document.footnote_definitions:
                    start, end = block.source_span(match.start(), match.end())
                    found += self._emit(
                        "undefined-footnote", document, start, end, {"label": label}
                    )
        for label, line in document.footnote_definitions.items():
            if label not in referenced:
                line_text = document.lines.line_text(line)
                marker = line_text.find(f"[^{label}]")
                start = document.lines.starts[line] + max(marker, 0)
                found += self._emit(
                    "unused-footnote",
                    document,
                    start,
                    start + len(line_text.rstrip()) - max(marker, 0),
                    {"label": label},
                )
        return found

    def _unused_entries(self, document: Document, index: CitationIndex) -> list[Diagnostic]:
        if not index.entries or index.mode != "marked":
            return []
        numbers: set[str] = set()
        body = []
        for _, block in self._prose_blocks(document, index):
            body.append(block.text)
            for match in NUMBERED_MARKER.finditer(block.text):
                raw = match.group().translate(_SUPERSCRIPT).strip("[]")
                for part in re.split(r"\s*,\s*", raw):
                    if "-" in part or "–" in part:
                        low, _, high = re.split(r"\s*([-–])\s*", part)
                        if low.isdigit() and high.isdigit():
                            numbers.update(str(n) for n in range(int(low), int(high) + 1))
                    elif part.isdigit():
                        numbers.add(part)
        joined = "\n".join(body)
        found: list[Diagnostic] = []
        for entry in index.entries:
            cited = entry.number in numbers if entry.number else False
            if not cited and entry.author and entry.year:
                cited = bool(
                    re.search(rf"\b{re.escape(entry.author)}\b.{{0,60}}?\b{entry.year}", joined)
                )
            if not cited and not entry.number and not (entry.author and entry.year):
                continue  # not an entry we can match (a bare link list)
            if not cited:
                block = document.blocks[entry.block]
                start, end = block.source_span(0, len(block.text))
                found += self._emit(
                    "uncited-reference", document, start, end, {"entry": entry.text[:60]}
                )
        return found

    def _dois(self, document: Document) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for block in document.blocks:
            # A cheap test first: both DOI_LIKE forms contain "doi" (DOI itself looks for "10.").
            for match in DOI_LIKE.finditer(block.text) if "doi" in block.text.lower() else ():
                group = 1 if match.group(1) else 2
                candidate = (match.group(group) or "").rstrip(".,;)]\"'”’")
                if candidate and not valid_doi(candidate):
                    start, end = block.source_span(
                        match.start(), match.start(group) + len(candidate)
                    )
                    found += self._emit("malformed-doi", document, start, end, {"doi": candidate})
            for match in DOI.finditer(block.text):
                entry = self._registry_by_doi.get(match.group().rstrip(".,;)").lower())
                if entry is not None and entry.status in ("unverified", "retracted"):
                    start, end = block.source_span(match.start(), match.end())
                    found += self._emit(
                        "unverified-source",
                        document,
                        start,
                        end,
                        {
                            "citation": entry.short or entry.id,
                            "status": entry.status,
                            "finding": entry.finding or "",
                        },
                    )
        return found
