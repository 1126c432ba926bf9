"""``--format github``: GitHub Actions workflow commands, one annotation per diagnostic."""

from __future__ import annotations

from collections.abc import Sequence

from fitlint.diagnostics import Severity
from fitlint.results import FileResult
from fitlint.positions import LineIndex

_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.HINT: "notice",
}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileResult], **_: object) -> str:
    lines = []
    for result in results:
        index = LineIndex(result.source.text if result.source else "")
        for d in result.diagnostics:
            line, column = index.position(d.start)
            end_line, end_column = index.position(d.end)
            props = [
                f"file={_escape_property(d.path)}",
                f"line={line + 1}",
                f"col={column + 1}",
                f"endLine={end_line + 1}",
                f"endColumn={end_column + 1}",
                f"title={_escape_property(f'{d.code} {d.rule}')}",
            ]
            lines.append(f"::{_LEVEL[d.severity]} {','.join(props)}::{_escape_data(d.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
