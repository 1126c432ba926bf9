"""Diagnostic → LSP 3.17 ``Diagnostic`` JSON (0-based lines, UTF-16 characters).

The JSON output format and the language server both use this one function, so editors and CI
see identical data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fitlint.diagnostics import Diagnostic
from fitlint.positions import LineIndex


def path_to_uri(path: str) -> str:
    if path.startswith(("file:", "untitled:")):
        return path
    if path == "-" or path.startswith("<"):
        return f"untitled:{path}"
    return Path(path).absolute().as_uri()


def lsp_range(index: LineIndex, start: int, end: int, encoding: str = "utf-16") -> dict[str, Any]:
    start_line, start_char = index.lsp_position(start, encoding)
    end_line, end_char = index.lsp_position(end, encoding)
    return {
        "start": {"line": start_line, "character": start_char},
        "end": {"line": end_line, "character": end_char},
    }


def to_lsp(
    diagnostic: Diagnostic, index: LineIndex, uri: str | None = None, encoding: str = "utf-16"
) -> dict[str, Any]:
    uri = uri or path_to_uri(diagnostic.path)
    related = []
    for item in diagnostic.related:
        other_index = index if item.source is None else LineIndex(item.source)
        related.append(
            {
                "location": {
                    "uri": uri if item.source is None else path_to_uri(item.path),
                    "range": lsp_range(other_index, item.start, item.end, encoding),
                },
                "message": item.message,
            }
        )
    suggestions = [
        {
            "text": suggestion.text,
            "evidence": list(suggestion.evidence),
            "fix": suggestion.fix.value,
            "edits": [
                {
                    "range": lsp_range(index, edit.start, edit.end, encoding),
                    "newText": edit.new_text,
                }
                for edit in suggestion.edits
            ],
        }
        for suggestion in diagnostic.suggestions
    ]
    evidence = []
    for ref in diagnostic.evidence:
        entry: dict[str, Any] = {"id": ref.id, "citation": ref.citation, "status": ref.status}
        for key in ("doi", "pmid", "url"):
            value = getattr(ref, key)
            if value:
                entry[key] = value
        evidence.append(entry)
    result: dict[str, Any] = {
        "range": lsp_range(index, diagnostic.start, diagnostic.end, encoding),
        "severity": int(diagnostic.severity),
        "code": diagnostic.code,
        "source": "fitlint",
        "message": diagnostic.message,
        "relatedInformation": related,
        "data": {
            "category": diagnostic.category,
            "rule": diagnostic.rule,
            "text": diagnostic.text,
            "suggestions": suggestions,
            "evidence": evidence,
            **diagnostic.extra,
        },
    }
    if diagnostic.docs_url:
        result["codeDescription"] = {"href": diagnostic.docs_url}
    return result
