"""``fitlint lsp``: a pygls language server over stdio.

Diagnostics on open, change (debounced while typing) and save — the same engine and the same
LSP-shaped data as ``fitlint check --format json``. Code actions apply a suggested rewrite or
insert a suppression comment; hover shows the rule's rationale and evidence. Configuration is the
workspace's own (pyproject.toml or .fitlint.yaml found upward from each document).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from fitlint import __version__
from fitlint.config import CONFIG_NAMES, Config, ConfigError, find_config, load_config
from fitlint.diagnostics import Diagnostic
from fitlint.document import Document, parse_document
from fitlint.document.formats import LANGUAGE_READERS, reader_for
from fitlint.engine import Linter
from fitlint.lsp.actions import actions_for, hover_markdown
from fitlint.positions import LineIndex
from fitlint.render.lsp_shape import lsp_range, to_lsp
from fitlint.rules.model import RuleError

log = logging.getLogger(__name__)
DEBOUNCE_SECONDS = 0.15
_converter = get_converter()


@dataclass
class LintedDocument:
    version: int | None
    document: Document
    diagnostics: list[Diagnostic]


class FitlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("fitlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linted: dict[str, LintedDocument] = {}
        self._linters: dict[str, Linter] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}

    # -- configuration --------------------------------------------------------------------
    def linter_for(self, path: Path) -> Linter:
        found = find_config(path)
        key = str(found[0]) if found else "<defaults>"
        if key not in self._linters:
            config = load_config(path) if found else Config(root=path.parent)
            self._linters[key] = Linter(config)
        return self._linters[key]

    def forget_configuration(self) -> None:
        self._linters.clear()

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(encoding.value if hasattr(encoding, "value") else encoding or "utf-16")

    # -- linting ------------------------------------------------------------------------------
    def lint_uri(self, uri: str) -> None:
        try:
            text_document = self.workspace.get_text_document(uri)
            path = Path(to_fs_path(uri) or uri)
            source = text_document.source
            try:
                linter = self.linter_for(path)
            except (ConfigError, RuleError) as exc:
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"fitlint: {exc}"))
                return
            config = linter.config
            reader = reader_for(str(path), config.formats) or LANGUAGE_READERS.get(text_document.language_id or "")
            document = parse_document(source, str(path), config.front_matter_keys, config.formats, reader)
            diagnostics = linter.lint_document(document)
            self.linted[uri] = LintedDocument(text_document.version, document, diagnostics)
            self.publish(uri, text_document.version, document, diagnostics)
        except Exception:  # noqa: BLE001 - one bad document must not take the server down
            log.exception("fitlint: linting %s failed", uri)

    def publish(self, uri: str, version: int | None, document: Document, diagnostics: list[Diagnostic]) -> None:
        encoding = self.encoding
        payload = [
            _converter.structure(to_lsp(d, document.lines, uri, encoding), types.Diagnostic) for d in diagnostics
        ]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=payload, version=version)
        )

    def schedule(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            self._pending.pop(uri, None)
            self.lint_uri(uri)

        self._pending[uri] = asyncio.ensure_future(later())


server = FitlintServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FitlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.lint_uri(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FitlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: FitlintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if Path(to_fs_path(uri) or uri).name in CONFIG_NAMES:
        ls.forget_configuration()
        for open_uri in list(ls.linted):
            ls.lint_uri(open_uri)
        return
    ls.lint_uri(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FitlintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.linted.pop(uri, None)
    pending = ls._pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: FitlintServer, params: types.DidChangeConfigurationParams) -> None:
    ls.forget_configuration()
    for uri in list(ls.linted):
        ls.lint_uri(uri)


def _overlaps(diagnostic: Diagnostic, start: int, end: int) -> bool:
    return diagnostic.start <= end and start <= diagnostic.end


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix], resolve_provider=False),
)
def code_action(ls: FitlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None:
        return []
    lines = linted.document.lines
    encoding = ls.encoding
    start = lines.offset_from_lsp(params.range.start.line, params.range.start.character, encoding)
    end = lines.offset_from_lsp(params.range.end.line, params.range.end.character, encoding)
    result: list[types.CodeAction] = []
    for diagnostic in linted.diagnostics:
        if not _overlaps(diagnostic, start, end):
            continue
        lsp_diagnostic = _converter.structure(to_lsp(diagnostic, lines, uri, encoding), types.Diagnostic)
        for action in actions_for(diagnostic, linted.document):
            edits = [
                types.TextEdit(range=_converter.structure(lsp_range(lines, e.start, e.end, encoding), types.Range), new_text=e.new_text)
                for e in action.edits
            ]
            result.append(
                types.CodeAction(
                    title=action.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diagnostic],
                    edit=types.WorkspaceEdit(
                        document_changes=[
                            types.TextDocumentEdit(
                                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version),
                                edits=edits,
                            )
                        ]
                    ),
                    is_preferred=action.preferred or None,
                )
            )
    return result


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: FitlintServer, params: types.HoverParams) -> types.Hover | None:
    linted = ls.linted.get(params.text_document.uri)
    if linted is None:
        return None
    lines: LineIndex = linted.document.lines
    offset = lines.offset_from_lsp(params.position.line, params.position.character, ls.encoding)
    found = [d for d in linted.diagnostics if d.start <= offset <= d.end]
    if not found:
        return None
    path = Path(to_fs_path(params.text_document.uri) or params.text_document.uri)
    ruleset = ls.linter_for(path).ruleset
    text = "\n\n---\n\n".join(hover_markdown(d, ruleset) for d in found)
    first = found[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=_converter.structure(lsp_range(lines, first.start, first.end, ls.encoding), types.Range),
    )


def run(argv: Any = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    server.start_io()
    return 0
