"""``--format sarif``: SARIF 2.1.0, one result per diagnostic, columns in UTF-16 code units."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fitlint import __version__
from fitlint.diagnostics import Diagnostic, Severity
from fitlint.engine import FileResult
from fitlint.positions import LineIndex, utf16_len
from fitlint.render.lsp_shape import path_to_uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.HINT: "note"}


def _region(index: LineIndex, start: int, end: int) -> dict[str, Any]:
    start_line, start_col = index.lsp_position(start)
    end_line, end_col = index.lsp_position(end)
    return {
        "startLine": start_line + 1,
        "startColumn": start_col + 1,
        "endLine": end_line + 1,
        "endColumn": end_col + 1,
        "charOffset": utf16_len(index.text[:start]),
        "charLength": utf16_len(index.text[start:end]),
        "snippet": {"text": index.text[start:end]},
    }


def _rule_descriptor(d: Diagnostic, rules_meta: dict[str, Any]) -> dict[str, Any]:
    meta = rules_meta.get(d.code)
    descriptor: dict[str, Any] = {
        "id": d.code,
        "name": d.rule,
        "shortDescription": {"text": meta.name if meta else d.rule},
        "properties": {"category": d.category},
    }
    if meta is not None:
        descriptor["fullDescription"] = {"text": meta.rationale}
        descriptor["defaultConfiguration"] = {"level": _LEVEL[meta.severity]}
    if d.docs_url:
        descriptor["helpUri"] = d.docs_url
    return descriptor


def render_sarif(results: Sequence[FileResult], rules: dict[str, Any] | None = None, **_: object) -> str:
    rules = rules or {}
    descriptors: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []
    for result in results:
        index = LineIndex(result.source.text if result.source else "")
        uri = path_to_uri(result.path)
        for d in result.diagnostics:
            if d.code not in rule_index:
                rule_index[d.code] = len(descriptors)
                descriptors.append(_rule_descriptor(d, rules))
            entry: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code],
                "level": _LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": _region(index, d.start, d.end),
                        }
                    }
                ],
                "properties": {"category": d.category, "text": d.text},
            }
            if d.related:
                entry["relatedLocations"] = [
                    {
                        "id": number,
                        "message": {"text": item.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri if item.source is None else path_to_uri(item.path)},
                            "region": _region(index if item.source is None else LineIndex(item.source), item.start, item.end),
                        },
                    }
                    for number, item in enumerate(d.related)
                ]
            fixes = [s for s in d.suggestions if s.edits]
            if fixes:
                entry["fixes"] = [
                    {
                        "description": {"text": s.text},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": _region(index, edit.start, edit.end),
                                        "insertedContent": {"text": edit.new_text},
                                    }
                                    for edit in s.edits
                                ],
                            }
                        ],
                    }
                    for s in fixes
                ]
            sarif_results.append(entry)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fitlint",
                        "version": __version__,
                        "informationUri": "https://github.com/fitlint/fitlint",
                        "rules": descriptors,
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
