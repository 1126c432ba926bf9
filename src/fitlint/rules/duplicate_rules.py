"""Duplicate rules (``kind: duplicate``): turn the copies found by :mod:`duplicates` into diagnostics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from fitlint.diagnostics import Diagnostic, Related
from fitlint.document.model import Document
from fitlint.positions import LineIndex
from fitlint.rules.duplicates import Copy, CrossFileIndex, Options, find_copies, normalise
from fitlint.rules.emit import make_span_diagnostic
from fitlint.rules.model import Rule, RuleSet

_UNIT_NAMES = {"section": "section", "paragraph": "paragraph"}


def build_options(
    rules: Iterable[Rule], template_headings: Sequence[str] = (), allow: Sequence[str] = ()
) -> Options:
    """One set of options for all duplicate rules: their ``options`` merged, then the config's lists."""
    merged: dict[str, object] = {}
    for rule in rules:
        merged.update(rule.options)
    ignore = {str(h).strip().lower() for h in merged.pop("ignore-headings", []) or []}  # type: ignore[union-attr]
    ignore |= {h.strip().lower() for h in template_headings}
    allowed = tuple(normalise(str(a)) for a in [*(merged.pop("allow", []) or []), *allow])  # type: ignore[misc]
    boilerplate = tuple(normalise(str(a)) for a in merged.pop("boilerplate", []) or [])  # type: ignore[union-attr]
    return Options(
        boilerplate=boilerplate,
        min_chars=int(merged.get("min-chars", 40)),  # type: ignore[arg-type]
        threshold=float(merged.get("threshold", 0.7)),  # type: ignore[arg-type]
        shingle=int(merged.get("shingle", 3)),  # type: ignore[arg-type]
        ignore_headings=frozenset(ignore),
        allow=allowed,
    )


class DuplicateRules:
    def __init__(self, rules: Sequence[Rule], ruleset: RuleSet, options: Options) -> None:
        self.by_unit = {rule.unit: rule for rule in rules}
        self.ruleset = ruleset
        self.options = options

    @property
    def cross_file(self) -> Rule | None:
        return self.by_unit.get("cross-file")

    def run(self, document: Document) -> list[Diagnostic]:
        within = {"section", "passage", "paragraph", "near", "pull-quote", "heading"}
        if not within & set(self.by_unit):
            return []
        diagnostics = []
        for copy in find_copies(document, self.options):
            rule = self.by_unit.get(copy.kind)
            if rule is not None:
                diagnostics.append(self._diagnostic(rule, document, copy))
        return diagnostics

    def _diagnostic(self, rule: Rule, document: Document, copy: Copy) -> Diagnostic:
        lines = document.lines
        original_line = lines.line_of(copy.original.start) + 1
        values = {
            "heading": copy.copy.heading,
            "first-line": str(original_line),
            "last-line": str(lines.line_of(max(copy.copy.end - 1, copy.copy.start)) + 1),
            "original-lines": f"{original_line}-{lines.line_of(max(copy.original.end - 1, copy.original.start)) + 1}",
            "similarity": f"{copy.similarity:.0%}",
        }
        related = (
            Related(
                document.path,
                copy.original.start,
                _trim_end(document.text, copy.original),
                f"first copy (line {original_line})",
            ),
        )
        diagnostic = make_span_diagnostic(
            rule,
            self.ruleset,
            document.path,
            document.text,
            copy.copy.start,
            copy.copy.end,
            values,
            related,
        )
        if not copy.copy.removable:  # deleting the words alone would leave an empty list marker
            diagnostic = replace(
                diagnostic, suggestions=tuple(s for s in diagnostic.suggestions if not s.edits)
            )
        return diagnostic

    def cross_file_diagnostics(self, index: CrossFileIndex) -> dict[str, list[Diagnostic]]:
        rule = self.cross_file
        found: dict[str, list[Diagnostic]] = {}
        if rule is None:
            return found
        for group in index.groups():
            path, unit = group[0]
            text = index.texts[path]
            others = group[1:]
            files = sorted({p for p, _ in others if p != path})
            related = tuple(
                Related(
                    other_path,
                    other.start,
                    _trim_end(index.texts[other_path], other),
                    f"also here (line {LineIndex(index.texts[other_path]).line_of(other.start) + 1})",
                    source=index.texts[other_path] if other_path != path else None,
                )
                for other_path, other in others
            )
            values = {
                "unit": _UNIT_NAMES.get(unit.kind, unit.kind),
                "count": str(len(files)),
                "files": ", ".join(files[:5])
                + (f" and {len(files) - 5} more" if len(files) > 5 else ""),
                "heading": unit.heading,
            }
            diagnostic = make_span_diagnostic(
                rule, self.ruleset, path, text, unit.start, _trim_end(text, unit), values, related
            )
            # Cross-file copies are reported, not removed: which copy should go is an editorial call.
            diagnostic = replace(
                diagnostic, suggestions=tuple(s for s in diagnostic.suggestions if not s.edits)
            )
            found.setdefault(path, []).append(diagnostic)
        return found


def _trim_end(text: str, unit) -> int:
    """End of a unit without its final line ending (what a related-location highlight should show)."""
    end = unit.end
    while end > unit.start and text[end - 1] in "\r\n":
        end -= 1
    return end
