"""``--format sarif``: SARIF 2.1.0, one result per diagnostic, columns in UTF-16 code units.

Locations are relative to ``%SRCROOT%`` (the project root: the config file's directory, or the
current directory), posix separators, percent-encoded; ``originalUriBaseIds`` gives the root's
absolute ``file:`` URI, as GitHub code scanning expects. Each rule carries its documentation:
``shortDescription`` (name and category), ``fullDescription`` (the rationale) and ``help`` (the
text of ``fitlint rule CODE`` and its Markdown from the rule reference)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fitlint import __version__
from fitlint.diagnostics import Diagnostic, Severity
from fitlint.results import FileResult
from fitlint.positions import LineIndex

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
    Severity.HINT: "note",
}


def _region(index: LineIndex, start: int, end: int) -> dict[str, Any]:
    start_line, start_col = index.lsp_position(start)
    end_line, end_col = index.lsp_position(end)
    return {
        "startLine": start_line + 1,
        "startColumn": start_col + 1,
        "endLine": end_line + 1,
        "endColumn": end_col + 1,
        "charOffset": index.units_between(0, start, "utf-16"),
        "charLength": index.units_between(start, end, "utf-16"),
        "snippet": {"text": index.text[start:end]},
    }


class _Locator:
    """Artifact locations relative to the project root (``%SRCROOT%``)."""

    def __init__(self, root: Path) -> None:
        self.root = root.absolute()

    def __call__(self, path: str) -> dict[str, Any]:
        if path == "-" or path.startswith(("<", "untitled:")):
            return {
                "uri": quote(path.removeprefix("untitled:").strip("<>") or "stdin"),
                "uriBaseId": SRCROOT,
            }
        if path.startswith("file:"):
            return {"uri": path}
        absolute = Path(os.path.abspath(path))
        try:
            relative = os.path.relpath(absolute, self.root)
        except ValueError:  # another drive (Windows): no relative path exists
            return {"uri": absolute.as_uri()}
        return {"uri": quote(Path(relative).as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _rule_docs(ruleset: Any) -> dict[str, tuple[str, str]]:
    """Each rule's help: (text of ``fitlint rule CODE``, its section of the Markdown reference)."""
    if ruleset is None:
        return {}
    from fitlint.rules.explain import explain_rule, rules_markdown

    reference = rules_markdown(ruleset)
    docs: dict[str, tuple[str, str]] = {}
    for code, rule in ruleset.rules.items():
        anchor = f'<a id="{code.lower()}"></a>\n'
        markdown = ""
        if anchor in reference:
            section = reference.split(anchor, 1)[1]
            markdown = section.split('\n<a id="', 1)[0].strip() + "\n"
        docs[code] = (explain_rule(ruleset, rule), markdown)
    return docs


def _rule_descriptor(
    d: Diagnostic, rules_meta: dict[str, Any], docs: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    meta = rules_meta.get(d.code)
    name = meta.name if meta else d.rule
    descriptor: dict[str, Any] = {
        "id": d.code,
        "name": d.rule,
        "shortDescription": {"text": f"{name} ({d.category})"},
        "properties": {"category": d.category, "tags": [d.category]},
    }
    if meta is not None:
        rationale = " ".join(meta.rationale.split())
        descriptor["fullDescription"] = {"text": rationale}
        descriptor["defaultConfiguration"] = {"level": _LEVEL[meta.severity]}
    if d.code in docs:
        text, markdown = docs[d.code]
        descriptor["help"] = {"text": text, "markdown": markdown or text}
    elif meta is None:
        descriptor["fullDescription"] = {"text": d.message}
        descriptor["help"] = {"text": d.message}
    if d.docs_url:
        descriptor["helpUri"] = d.docs_url
    return descriptor


def render_sarif(
    results: Sequence[FileResult],
    rules: dict[str, Any] | None = None,
    root: Path | None = None,
    ruleset: Any = None,
    **_: object,
) -> str:
    rules = rules or {}
    locate = _Locator(root or Path.cwd())
    docs = _rule_docs(ruleset)
    descriptors: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []
    for result in results:
        index = LineIndex(result.source.text if result.source else "")
        location = locate(result.path)
        for d in result.diagnostics:
            if d.code not in rule_index:
                rule_index[d.code] = len(descriptors)
                descriptors.append(_rule_descriptor(d, rules, docs))
            entry: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code],
                "level": _LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": location,
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
                            "artifactLocation": location
                            if item.source is None
                            else locate(item.path),
                            "region": _region(
                                index if item.source is None else LineIndex(item.source),
                                item.start,
                                item.end,
                            ),
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
                                "artifactLocation": location,
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
                "originalUriBaseIds": {SRCROOT: {"uri": locate.root.as_uri().rstrip("/") + "/"}},
                "columnKind": "utf16CodeUnits",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
