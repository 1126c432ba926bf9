"""Apply inline suppressions to diagnostics and find the ones that suppressed nothing."""

from __future__ import annotations

from dataclasses import dataclass

from fitlint.diagnostics import Diagnostic
from fitlint.document.model import Document, Suppression


@dataclass
class _Region:
    suppression: Suppression
    start_line: int
    end_line: int  # inclusive
    used: bool = False

    def covers(self, diagnostic: Diagnostic, line: int) -> bool:
        codes = self.suppression.codes
        return self.start_line <= line <= self.end_line and (not codes or diagnostic.code in codes)


def _regions(document: Document) -> list[_Region]:
    last_line = document.lines.line_count() - 1
    regions: list[_Region] = []
    open_blocks: list[_Region] = []
    for suppression in document.suppressions:
        if suppression.kind == "file":
            regions.append(_Region(suppression, 0, last_line))
        elif suppression.kind == "next-line":
            end_of_comment = document.lines.line_of(suppression.end)
            target = end_of_comment + 1
            while target <= last_line and not document.lines.line_text(target).strip():
                target += 1
            regions.append(_Region(suppression, target, target))
        elif suppression.kind == "disable":
            region = _Region(suppression, suppression.line, last_line)
            regions.append(region)
            open_blocks.append(region)
        elif suppression.kind == "enable":
            for region in list(open_blocks):
                if not suppression.codes or region.suppression.codes & suppression.codes:
                    region.end_line = suppression.line
                    open_blocks.remove(region)
    return regions


def apply_suppressions(
    document: Document, diagnostics: list[Diagnostic]
) -> tuple[list[Diagnostic], list[Suppression]]:
    """(diagnostics that survive, suppressions that matched nothing)."""
    regions = _regions(document)
    if not regions:
        return diagnostics, []
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        line = document.lines.line_of(diagnostic.start)
        suppressed = False
        for region in regions:
            if region.covers(diagnostic, line):
                region.used = True
                suppressed = True
        if not suppressed:
            kept.append(diagnostic)
    unused = [region.suppression for region in regions if not region.used]
    return kept, unused
