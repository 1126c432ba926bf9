"""The API every front end calls: a :class:`Linter` for one configuration.

``lint_text`` / ``lint_document`` lint one text (the language server calls them on each change,
``--fix`` after each round of edits); ``lint_paths`` lints files and directories (the CLI and
pre-commit). One text goes one way: parsed (:mod:`fitlint.document`), checked
(:mod:`fitlint.checks`), post-processed (:mod:`fitlint.postprocess`). Runs over many files, with
the cache, worker processes and cross-file checks, are :mod:`fitlint.runner`'s. Nothing here
knows about output formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fitlint.checks import Checked, Checks, select_rules
from fitlint.config import Config
from fitlint.diagnostics import Diagnostic
from fitlint.document import Document, parse_document
from fitlint.files import ReadError, SourceFile, WalkResult, decode
from fitlint.postprocess import PostProcess
from fitlint.results import (
    ENGINE_CODES,
    UNREADABLE,
    UNUSED_SUPPRESSION,
    FileResult,
    count_at_or_above,
    incomplete,
    partly_read,
    unreadable,
)
from fitlint.rules.loader import load_rules
from fitlint.rules.model import RuleSet

__all__ = [
    "ENGINE_CODES",
    "UNREADABLE",
    "UNUSED_SUPPRESSION",
    "FileResult",
    "Linter",
    "count_at_or_above",
]


class Linter:
    def __init__(
        self,
        config: Config,
        ruleset: RuleSet | None = None,
        report_unused_suppressions: bool = False,
    ) -> None:
        self.config = config
        self.ruleset = ruleset if ruleset is not None else load_rules(config.rule_dirs)
        self.report_unused_suppressions = report_unused_suppressions
        self.rules = select_rules(config, self.ruleset)
        self.checks = Checks(config, self.ruleset, self.rules)
        self.postprocess = PostProcess(config, self.ruleset, report_unused_suppressions)
        self.last_walk: WalkResult | None = None  # what lint_paths walked (the CLI's skip summary)

    @property
    def claims(self):
        return self.checks.claims

    @property
    def sentence_rules(self):
        return self.checks.sentence_rules

    @property
    def duplicates(self):
        return self.checks.duplicates

    @property
    def disabled_rules(self) -> dict[str, str]:
        """Rules switched off during the run (a pattern that ran past ``regex-timeout``), with why;
        including those a worker process switched off."""
        return dict(self.checks.sentence_rules.disabled)

    # -- one text ---------------------------------------------------------------------------
    def lint_text(self, text: str, path: str) -> list[Diagnostic]:
        return self.check_text(text, path).diagnostics

    def lint_document(self, document: Document) -> list[Diagnostic]:
        return self.check_document(document).diagnostics

    def lint_bytes(self, raw: bytes, display: str) -> FileResult:
        try:
            source = decode(raw, display)
        except ReadError as exc:
            return unreadable(display, str(exc))
        return self.lint_source(source)

    def lint_source(self, source: SourceFile) -> FileResult:
        checked = self.check_text(source.text, source.path)
        return FileResult(source.path, checked.diagnostics, source, checked.stopped)

    def check_text(self, text: str, path: str) -> Checked:
        document = parse_document(text, path, self.config.front_matter_keys, self.config.formats)
        return self.check_document(document)

    def check_document(self, document: Document) -> Checked:
        """The document's reported findings, and why linting stopped early if it did (its time
        budget ran out: the findings so far are kept, after an ``FL001`` error saying so)."""
        checked = self.checks.run(document)
        diagnostics = self.finish(document, checked.diagnostics)
        if document.unread is not None:
            diagnostics.append(partly_read(document.path, *document.unread))
            diagnostics.sort(key=Diagnostic.sort_key)
        if checked.stopped is not None:
            diagnostics.insert(0, incomplete(document.path, checked.stopped))
        return Checked(diagnostics, checked.stopped)

    def finish(self, document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Post-processing (see :mod:`fitlint.postprocess`); the claim inventory adds to it."""
        return self.postprocess(document, diagnostics)

    # -- many files -------------------------------------------------------------------------
    def lint_paths(
        self, paths: Sequence[Path], jobs: int = 1, use_cache: bool = False, progress: bool = False
    ) -> list[FileResult]:
        """Lint files and directories (walked as configured); results in a stable order. ``jobs``
        over 1 lints in that many worker processes when there are enough files."""
        from fitlint.runner import lint_paths

        results, self.last_walk = lint_paths(
            self, paths, jobs=jobs, use_cache=use_cache, progress=progress
        )
        return results

    def fingerprint(self) -> str:
        """What, besides the rule packs, changes the diagnostics of a file (for the cache key)."""
        c = self.config
        parts = [
            sorted(self.rules),
            sorted((k, int(v)) for k, v in c.severity.items()),
            sorted(c.per_file_ignores.items()),
            sorted(c.front_matter_keys),
            c.profile,
            c.regex_timeout,
            c.allow_duplicates,
            c.template_headings,
            self.report_unused_suppressions,
            str(c.root),
            sorted(c.formats.items()),
            c.show_excused,
            {code: int(rule.severity) for code, rule in self.rules.items()},
        ]
        return repr(parts)
