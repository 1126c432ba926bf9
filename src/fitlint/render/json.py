"""``--format json``: a list of {path, uri, diagnostics: [LSP Diagnostic]} (schemas/diagnostics.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from fitlint.results import FileResult
from fitlint.positions import LineIndex
from fitlint.render.lsp_shape import path_to_uri, to_lsp


def json_payload(results: Sequence[FileResult]) -> list[dict]:
    payload = []
    for result in results:
        text = result.source.text if result.source else ""
        index = LineIndex(text)
        uri = path_to_uri(result.path)
        payload.append(
            {
                "path": result.path,
                "uri": uri,
                "diagnostics": [to_lsp(d, index, uri) for d in result.diagnostics],
            }
        )
    return payload


def render_json(results: Sequence[FileResult], **_: object) -> str:
    return json.dumps(json_payload(results), indent=2, ensure_ascii=False) + "\n"
