"""Per-file result cache in ``.fitlint_cache/`` (``--no-cache`` turns it off).

A file's diagnostics are reused when nothing that could change them has changed: the key hashes
the file's bytes and path, the rule packs, the configuration, the fitlint version and its code. Entries are
JSON (never pickle: a cache directory must not be a way to run code) and are written atomically
(temporary file + rename), so concurrent runs — pre-commit may start several — never read a
half-written entry; the worst case is two runs computing the same entry.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from fitlint import __version__
from fitlint.diagnostics import (
    Diagnostic,
    Edit,
    EvidenceRef,
    FixSafety,
    Related,
    Severity,
    Suggestion,
)

CACHE_DIR_NAME = ".fitlint_cache"
_FORMAT = "1"


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path, "start": d.start, "end": d.end, "code": d.code, "rule": d.rule,
        "category": d.category, "severity": int(d.severity), "message": d.message, "text": d.text,
        "suggestions": [
            {"text": s.text, "evidence": list(s.evidence), "fix": s.fix.value,
             "edits": [[e.start, e.end, e.new_text] for e in s.edits]}
            for s in d.suggestions
        ],
        "related": [[r.path, r.start, r.end, r.message, r.source] for r in d.related],
        "evidence": [[e.id, e.citation, e.status, e.doi, e.pmid, e.url] for e in d.evidence],
        "docs_url": d.docs_url,
        "extra": d.extra,
    }


def diagnostic_from_dict(data: dict[str, Any]) -> Diagnostic:
    return Diagnostic(
        path=data["path"], start=data["start"], end=data["end"], code=data["code"], rule=data["rule"],
        category=data["category"], severity=Severity(data["severity"]), message=data["message"], text=data["text"],
        suggestions=tuple(
            Suggestion(s["text"], tuple(s["evidence"]), FixSafety(s["fix"]), tuple(Edit(*e) for e in s["edits"]))
            for s in data["suggestions"]
        ),
        related=tuple(Related(*r) for r in data["related"]),
        evidence=tuple(EvidenceRef(*e) for e in data["evidence"]),
        docs_url=data["docs_url"],
        extra=data.get("extra", {}),
    )


def code_fingerprint() -> str:
    """Size and modification time of fitlint's own modules: an editable install whose code
    changed must not reuse results computed by the old code (a release bumps the version anyway)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, directory: Path, context: str) -> None:
        self.directory = directory / f"v{_FORMAT}"
        self.context = hashlib.sha256(f"{__version__}\0{code_fingerprint()}\0{context}".encode()).hexdigest()

    @classmethod
    def for_run(cls, root: Path, ruleset_digest: str, config_fingerprint: str) -> ResultCache:
        return cls(root / CACHE_DIR_NAME, f"{ruleset_digest}\0{config_fingerprint}")

    def key(self, path: str, raw: bytes) -> str:
        digest = hashlib.sha256(raw)
        digest.update(b"\0" + path.encode("utf-8", "surrogatepass") + b"\0" + self.context.encode())
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Diagnostic] | None:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            return [diagnostic_from_dict(item) for item in data]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable: recompute

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by fitlint\n*\n", encoding="utf-8")
            import tempfile  # only a run that writes the cache needs it

            handle, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump([diagnostic_to_dict(d) for d in diagnostics], stream, ensure_ascii=False)
            os.replace(temp, target)
        except OSError:
            pass  # a read-only checkout still lints, just without a cache
