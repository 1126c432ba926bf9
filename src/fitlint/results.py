"""What a run hands its front ends: one :class:`FileResult` per file, and the engine's own codes
for problems with the input rather than its copy (a file that could not be read, or not linted
in full; a suppression comment that suppresses nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fitlint.diagnostics import Diagnostic, Severity
from fitlint.files import SourceFile
from fitlint.rules.emit import docs_url

# Engine-level codes (not rule packs): (code, name, category).
UNREADABLE = ("FL001", "unreadable-file", "input")
UNUSED_SUPPRESSION = ("FL002", "unused-suppression", "suppression")
ENGINE_CODES = (UNREADABLE[0], UNUSED_SUPPRESSION[0])


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: SourceFile | None = None
    error: str | None = None  # why the file was not linted, or not in full (also on stderr)


def engine_diagnostic(
    identity: tuple[str, str, str],
    path: str,
    start: int,
    end: int,
    text: str,
    severity: Severity,
    message: str,
) -> Diagnostic:
    code, name, category = identity
    return Diagnostic(
        path=path,
        start=start,
        end=end,
        code=code,
        rule=name,
        category=category,
        severity=severity,
        message=message,
        text=text,
        docs_url=docs_url(code),
    )


def unreadable(path: str, reason: str) -> FileResult:
    """A file that was not linted, with an ``FL001`` error saying why."""
    diagnostic = engine_diagnostic(
        UNREADABLE, path, 0, 0, "", Severity.ERROR, f"File not linted: {reason}"
    )
    return FileResult(path, [diagnostic], None, reason)


def incomplete(path: str, reason: str) -> Diagnostic:
    """The ``FL001`` error of a file whose linting stopped part way (its time budget ran out)."""
    return engine_diagnostic(
        UNREADABLE, path, 0, 0, "", Severity.ERROR, f"File not fully linted: {reason}"
    )


def partly_read(path: str, at: int, reason: str) -> Diagnostic:
    """The ``FL001`` warning of a file read only up to ``at``: what came before it was linted."""
    return engine_diagnostic(
        UNREADABLE, path, at, at, "", Severity.WARNING, f"File only partly linted: {reason}."
    )


def count_at_or_above(results: Iterable[FileResult], threshold: Severity) -> int:
    return sum(1 for result in results for d in result.diagnostics if d.severity <= threshold)
