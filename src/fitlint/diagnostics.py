"""The single contract every stage after the rules speaks: Diagnostic and its parts.

Positions are ``str`` offsets into the decoded source text. They become (line, UTF-16 column)
only at the render edge (see :mod:`fitlint.positions`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(enum.IntEnum):
    """LSP DiagnosticSeverity numbering: a lower number is more severe."""

    ERROR = 1
    WARNING = 2
    INFO = 3
    HINT = 4

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {name!r} (expected error, warning, info or hint)"
            ) from None

    @property
    def label(self) -> str:
        return self.name.lower()


class FixSafety(str, enum.Enum):
    SAFE = "safe"  # keeps the meaning: applied by --fix
    UNSAFE = "unsafe"  # changes what the copy says: applied only with --unsafe-fixes
    NONE = "none"  # advice only, no mechanical edit


class Edit(NamedTuple):
    start: int
    end: int
    new_text: str


class Suggestion(NamedTuple):
    text: str
    evidence: tuple[str, ...] = ()
    fix: FixSafety = FixSafety.NONE
    edits: tuple[Edit, ...] = ()


class Related(NamedTuple):
    """Another place the diagnostic refers to (e.g. the first copy of a duplicate)."""

    path: str
    start: int
    end: int
    message: str
    # Text of the related file when it is not the diagnostic's own file; None = same file.
    source: str | None = None


class EvidenceRef(NamedTuple):
    id: str
    citation: str
    status: str
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None


@dataclass
class Diagnostic:
    path: str
    start: int
    end: int
    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    text: str
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Related, ...] = ()
    evidence: tuple[EvidenceRef, ...] = ()
    docs_url: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.code)
