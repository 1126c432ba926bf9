"""``--format rdjson``: reviewdog's Diagnostic Format (1-based lines, UTF-8 byte columns)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fitlint.diagnostics import Severity
from fitlint.results import FileResult
from fitlint.positions import LineIndex

_LEVEL = {
    Severity.ERROR: "ERROR",
    Severity.WARNING: "WARNING",
    Severity.INFO: "INFO",
    Severity.HINT: "INFO",
}


def _range(index: LineIndex, start: int, end: int) -> dict[str, Any]:
    start_line, start_col = index.utf8_position(start)
    end_line, end_col = index.utf8_position(end)
    return {
        "start": {"line": start_line, "column": start_col},
        "end": {"line": end_line, "column": end_col},
    }


def render_rdjson(results: Sequence[FileResult], **_: object) -> str:
    diagnostics = []
    for result in results:
        index = LineIndex(result.source.text if result.source else "")
        for d in result.diagnostics:
            entry: dict[str, Any] = {
                "message": d.message,
                "location": {"path": d.path, "range": _range(index, d.start, d.end)},
                "severity": _LEVEL[d.severity],
                "code": {"value": d.code, **({"url": d.docs_url} if d.docs_url else {})},
                "original_output": d.text,
            }
            suggestions = [
                {"range": _range(index, edit.start, edit.end), "text": edit.new_text}
                for s in d.suggestions
                for edit in s.edits
            ][:1]
            if suggestions:
                entry["suggestions"] = suggestions
            diagnostics.append(entry)
    payload = {
        "source": {"name": "fitlint", "url": "https://github.com/fitlint/fitlint"},
        "severity": "WARNING",
        "diagnostics": diagnostics,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
