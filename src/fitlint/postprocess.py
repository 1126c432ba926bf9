"""What happens to a file's findings after the checks, before they are reported.

In order: a claim in a front-matter excerpt and its copy in the body point at each other; a name
a timetable repeats is reported once; per-file ignores and suppression comments drop findings;
each claim unit keeps one complete rewrite; no edit cuts through template or script code;
suppressions that suppressed nothing are reported if asked; the findings are sorted. Plain
functions of a document and its findings, run in whichever process linted the file and again
after cross-file checks add findings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from pathlib import Path
from typing import Any

from fitlint.codeguard import keep_code_whole
from fitlint.config import Config
from fitlint.diagnostics import Diagnostic, Related, Severity
from fitlint.document import Document
from fitlint.results import UNUSED_SUPPRESSION, engine_diagnostic
from fitlint.rules.model import RuleSet
from fitlint.rules.rewrite import settle_rewrites
from fitlint.suppress import apply_suppressions


class PostProcess:
    """The steps after the checks, for one configuration."""

    def __init__(
        self, config: Config, ruleset: RuleSet, report_unused_suppressions: bool = False
    ) -> None:
        self.config = config
        self.ruleset = ruleset
        self.report_unused_suppressions = report_unused_suppressions and config.selects(
            UNUSED_SUPPRESSION[0]
        )
        self._per_file = []
        if config.per_file_ignores:
            import pathspec

            self._per_file = [
                (pathspec.GitIgnoreSpec.from_lines([glob]), frozenset(codes))
                for glob, codes in config.per_file_ignores.items()
            ]

    def __call__(self, document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        diagnostics = link_front_matter_repeats(document, diagnostics)
        diagnostics = fold_name_mentions(document, diagnostics, self.ruleset)
        diagnostics = self._filter_per_file(document.path, diagnostics)
        diagnostics, unused = apply_suppressions(document, diagnostics)
        diagnostics = settle_rewrites(diagnostics, self.ruleset)  # one complete fix per claim unit
        diagnostics = keep_code_whole(document.text, diagnostics)  # no edit cuts through code
        if self.report_unused_suppressions:
            for suppression in unused:
                codes = ", ".join(sorted(suppression.codes)) or "all rules"
                diagnostics.append(
                    engine_diagnostic(
                        UNUSED_SUPPRESSION,
                        document.path,
                        suppression.start,
                        suppression.end,
                        document.text[suppression.start : suppression.end],
                        Severity.WARNING,
                        f"Unused suppression ({codes}): nothing here was reported; remove the comment.",
                    )
                )
        return sorted(diagnostics, key=Diagnostic.sort_key)

    def _filter_per_file(self, path: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        if not self._per_file:
            return diagnostics
        try:
            rel = Path(path).absolute().relative_to(self.config.root).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        ignored: set[str] = set()
        for spec, codes in self._per_file:
            if spec.match_file(rel):
                ignored |= codes
        if not ignored:
            return diagnostics
        return [d for d in diagnostics if not any(d.code.startswith(code) for code in ignored)]


EXCERPT_KEYS = frozenset({"excerpt", "summary"})


def _normalised(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def link_front_matter_repeats(
    document: Document, diagnostics: list[Diagnostic]
) -> list[Diagnostic]:
    """Point a claim in a front-matter excerpt and its copy in the body at each other.

    An excerpt (or summary) is usually the article's opening copied for listings, but it is
    published on its own (in feeds, cards and meta tags) and edited on its own, so both places
    are reported; each names the other so a writer fixes the two together.
    """
    if not diagnostics:
        return diagnostics
    excerpts = [b for b in document.blocks if b.kind == "front_matter" and b.key in EXCERPT_KEYS]
    if not excerpts:
        return diagnostics
    body = _normalised(" ".join(b.text for b in document.blocks if b.kind != "front_matter"))
    # Only an excerpt that is a copy of body text: a summary that words its own claim is copy.
    spans = [
        (*block.smap.span(0, len(block.text)), block.key, block.line)
        for block in excerpts
        if _normalised(block.text) in body
    ]
    if not spans:
        return diagnostics

    def front_matter(d: Diagnostic):
        return next(
            ((key, line) for start, end, key, line in spans if start <= d.start < end), None
        )

    in_body: dict[tuple[str, str], Diagnostic] = {}
    for d in diagnostics:
        if front_matter(d) is None:
            in_body.setdefault((d.code, _normalised(d.text)), d)
    for d in diagnostics:
        where = front_matter(d)
        twin = in_body.get((d.code, _normalised(d.text))) if where is not None else None
        if twin is None:
            continue
        key, line = where
        twin.related = (
            *twin.related,
            Related(d.path, d.start, d.end, f"also in the front matter '{key}' (line {line + 1})"),
        )
        d.related = (
            *d.related,
            Related(twin.path, twin.start, twin.end, "the same claim in the body"),
        )
    return diagnostics


def fold_name_mentions(
    document: Document, diagnostics: list[Diagnostic], ruleset: Any
) -> list[Diagnostic]:
    """Report a name once in a timetable: for rules that find names (``once: true``: "Thigh
    Trimmer", "Waist Whittler Core"), a name a table repeats (a class timetable) is reported
    where the page first uses it, and its repeats in the table become related locations of that
    finding. A name in a sentence, a heading or a price list (each name once) is always reported."""
    once = {code for code, rule in ruleset.rules.items() if rule.once}
    if not once or not any(d.code in once for d in diagnostics):
        return diagnostics
    # Tables: runs of table cells on nearby lines (a paragraph or blank lines end one), by the
    # source span of each cell.
    cell_table: list[tuple[int, int, int]] = []
    table, last_line = -1, -2
    for index, block in enumerate(document.blocks):
        if block.kind != "table_cell":
            last_line = -2
            continue
        between = range(last_line + 1, block.line)
        # A Markdown table's |---| row may stand between its cells; a blank line ends a table.
        if (
            last_line < 0
            or len(between) > 1
            or any(not document.lines.line_text(n).strip() for n in between)
        ):
            table = index
        last_line = block.line
        cell_table.append((*block.smap.span(0, len(block.text)), table))

    starts = [start for start, _, _ in cell_table]

    def table_of(d: Diagnostic) -> int | None:
        at = bisect_right(starts, d.start) - 1
        return cell_table[at][2] if at >= 0 and d.start < cell_table[at][1] else None

    names = [d for d in diagnostics if d.code in once and "excused" not in d.extra]
    per_table = Counter((d.code, _normalised(d.text), table_of(d)) for d in names)
    first: dict[tuple[str, str], Diagnostic] = {}
    folded: set[int] = set()
    for d in sorted(names, key=lambda d: d.start):
        key = (d.code, _normalised(d.text))
        where = table_of(d)
        earlier = first.setdefault(key, d)
        if earlier is d or where is None or per_table[(*key, where)] < 2:
            continue
        line = document.lines.position(d.start)[0] + 1
        earlier.related = (
            *earlier.related,
            Related(d.path, d.start, d.end, f"the same name again (line {line})"),
        )
        folded.add(id(d))
    return [d for d in diagnostics if id(d) not in folded]
