"""``fitlint lsp``: a pygls language server over stdio.

Diagnostics on open, change (debounced while typing) and save — the same engine and the same
LSP-shaped data as ``fitlint check --format json``. Code actions apply a suggested rewrite or
insert a suppression comment; hover shows the rule's rationale and evidence. Configuration is the
workspace's own (pyproject.toml or .fitlint.yaml found upward from each document).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from fitlint import __version__
from fitlint.config import CONFIG_NAMES, Config, ConfigError, find_config, load_config
from fitlint.diagnostics import Diagnostic, FixSafety
from fitlint.document import Document, parse_document
from fitlint.document.formats import LANGUAGE_READERS, reader_for
from fitlint.engine import Linter
from fitlint.lsp.actions import actions_for, hover_markdown, unique
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


class _Snapshot(NamedTuple):
    """A document's text as it was when a lint was asked for, taken on the message loop."""

    ticket: int
    source: str
    version: int | None
    language_id: str


class _Outcome(NamedTuple):
    ticket: int
    version: int | None
    document: Document | None
    diagnostics: list[Diagnostic]
    message: str | None = None  # a configuration error to show the user


class FitlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "fitlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.linted: dict[str, LintedDocument] = {}
        self._linters: dict[str, Linter] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}
        # Linting runs in one worker thread, off the message loop (see lint_uri).
        self._lint_pool: ThreadPoolExecutor | None = None
        self._queued: dict[str, _Snapshot] = {}  # newest text of each document waiting for it
        self._queue_lock = threading.Lock()
        self._latest: dict[str, int] = {}  # ticket of each open document's newest lint request
        self._tickets = 0

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """pygls' stdio server with fitlint's own message loop (:mod:`fitlint.lsp.framing`):
        bounded messages, resynchronisation after a bad header, an answer to every request."""
        from pygls.io_ import StdoutWriter

        from fitlint.lsp.framing import serve

        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(serve(self, stdin or sys.stdin.buffer))
        except BrokenPipeError:
            log.error("fitlint: the connection to the client is lost; stopping")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

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
        """Lint the document as it is now and publish the result.

        The text is taken here, on the message loop, and linted in one worker thread, so requests
        (hover, code actions, shutdown) are answered while a long document is linted. A document's
        newer text replaces text still waiting for the worker (a burst of edits lints once), and a
        result is published only if no newer lint was asked for and the document is still open."""
        try:
            text_document = self.workspace.get_text_document(uri)
            self._tickets += 1
            source, version = text_document.source, text_document.version
            snapshot = _Snapshot(self._tickets, source, version, text_document.language_id or "")
        except Exception:  # one bad document must not take the server down
            log.exception("fitlint: reading %s failed", uri)
            return
        self._latest[uri] = snapshot.ticket
        with self._queue_lock:
            waiting = uri in self._queued
            self._queued[uri] = snapshot
        if waiting:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # called outside the server's loop (a script): lint right here
            self._finish(uri, self._lint_queued(uri))
            return
        if self._lint_pool is None:
            self._lint_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fitlint-lint")
        future = loop.run_in_executor(self._lint_pool, self._lint_queued, uri)
        future.add_done_callback(lambda done: done.cancelled() or self._finish(uri, done.result()))

    def _lint_queued(self, uri: str) -> _Outcome | None:
        """In the worker thread: lint the newest text waiting for ``uri``. Never raises."""
        with self._queue_lock:
            snapshot = self._queued.pop(uri, None)
        if snapshot is None:
            return None
        try:
            path = Path(to_fs_path(uri) or uri)
            linter = self.linter_for(path)
            config = linter.config
            reader = reader_for(str(path), config.formats)
            reader = reader or LANGUAGE_READERS.get(snapshot.language_id)
            document = parse_document(
                snapshot.source, str(path), config.front_matter_keys, config.formats, reader
            )
            diagnostics = [] if _excluded(config, path) else linter.lint_document(document)
            return _Outcome(snapshot.ticket, snapshot.version, document, diagnostics)
        except (ConfigError, RuleError) as exc:
            return _Outcome(snapshot.ticket, snapshot.version, None, [], f"fitlint: {exc}")
        except Exception:  # one bad document must not take the server down
            log.exception("fitlint: linting %s failed", uri)
            return None

    def _finish(self, uri: str, outcome: _Outcome | None) -> None:
        """On the message loop: publish a worker's result unless it is out of date."""
        if outcome is None or self._latest.get(uri) != outcome.ticket:
            return  # failed (logged), the document closed, or newer text is on its way
        if outcome.message is not None:
            error = types.ShowMessageParams(types.MessageType.Error, outcome.message)
            self.window_show_message(error)
            return
        if outcome.document is not None:
            document, diagnostics = outcome.document, outcome.diagnostics
            self.linted[uri] = LintedDocument(outcome.version, document, diagnostics)
            self.publish(uri, outcome.version, document, diagnostics)

    def publish(
        self, uri: str, version: int | None, document: Document, diagnostics: list[Diagnostic]
    ) -> None:
        encoding = self.encoding
        payload = [
            _converter.structure(to_lsp(d, document.lines, uri, encoding), types.Diagnostic)
            for d in diagnostics
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


def _excluded(config: Config, path: Path) -> bool:
    """Is the document excluded by the config's ``exclude``? Such a document gets no diagnostics,
    as a file the config excludes gets none from ``fitlint check`` or the pre-commit hook."""
    if not config.exclude:
        return False
    from fitlint.files import ExcludeRules

    return ExcludeRules.build(config.root, config.exclude).excludes(path)


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
    ls._latest.pop(uri, None)  # a lint still running for it publishes nothing
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


FIX_ALL = "source.fixAll.fitlint"  # "fix all safe fixes", as ruff's source.fixAll.ruff


def _wanted(only: list[str] | None, kind: str) -> bool:
    """Does the client's ``only`` filter ask for actions of ``kind`` (kinds are dotted paths)?"""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False
    ),
)
def code_action(ls: FitlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None:
        return []
    lines = linted.document.lines
    encoding = ls.encoding
    only = (
        [str(getattr(k, "value", k)) for k in params.context.only] if params.context.only else None
    )
    start = lines.offset_from_lsp(params.range.start.line, params.range.start.character, encoding)
    end = lines.offset_from_lsp(params.range.end.line, params.range.end.character, encoding)
    reader = _reader(ls, uri)
    result: list[types.CodeAction] = []

    def edit(edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)]
        )

    def text_edit(start: int, end: int, new_text: str) -> types.TextEdit:
        span = _converter.structure(lsp_range(lines, start, end, encoding), types.Range)
        return types.TextEdit(range=span, new_text=new_text)

    if _wanted(only, types.CodeActionKind.QuickFix.value):
        found = [
            action
            for diagnostic in linted.diagnostics
            if _overlaps(diagnostic, start, end)
            for action in actions_for(diagnostic, linted.document, reader)
        ]
        for action, diagnostics in unique(found):  # one action per title and edits
            result.append(
                types.CodeAction(
                    title=action.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[
                        _converter.structure(to_lsp(d, lines, uri, encoding), types.Diagnostic)
                        for d in diagnostics
                    ],
                    edit=edit([text_edit(e.start, e.end, e.new_text) for e in action.edits]),
                    is_preferred=action.preferred or None,
                )
            )
    if _wanted(only, FIX_ALL):
        fixed = _fix_all(ls, uri, linted, reader)
        if fixed is not None:
            result.append(
                types.CodeAction(
                    title="fitlint: fix all safe fixes",
                    kind=FIX_ALL,
                    edit=edit([text_edit(*fixed)]),
                )
            )
    return result


def _reader(ls: FitlintServer, uri: str) -> str:
    path = Path(to_fs_path(uri) or uri)
    try:
        language = ls.workspace.get_text_document(uri).language_id or ""
    except Exception:  # noqa: BLE001 - a closed document: read by its extension
        language = ""
    return (
        reader_for(str(path), ls.linter_for(path).config.formats)
        or LANGUAGE_READERS.get(language)
        or "markdown"
    )


def _fix_all(
    ls: FitlintServer, uri: str, linted: LintedDocument, reader: str
) -> tuple[int, int, str] | None:
    """The safe fixes of the document, to a fixed point, as one edit (the changed span)."""
    from fitlint.fixes import fix_text

    if not any(
        s.fix is FixSafety.SAFE and s.edits for d in linted.diagnostics for s in d.suggestions
    ):
        return None
    path = Path(to_fs_path(uri) or uri)
    linter = ls.linter_for(path)
    config = linter.config

    def lint(text: str) -> list[Diagnostic]:
        return linter.lint_document(
            parse_document(text, str(path), config.front_matter_keys, config.formats, reader)
        )

    before = linted.document.text
    after = fix_text(before, lint, unsafe=False).text
    if after == before:
        return None
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while (
        end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]
    ):
        end_before -= 1
        end_after -= 1
    if start and before[start - 1] == "\r":  # never between CR and LF: that has no position
        start -= 1
    if (
        end_before < len(before)
        and before[end_before] == "\n"
        and before[end_before - 1 : end_before] == "\r"
    ):
        end_before += 1
        end_after += 1
    return start, end_before, after[start:end_after]


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
        range=_converter.structure(
            lsp_range(lines, first.start, first.end, ls.encoding), types.Range
        ),
    )


def run(argv: Any = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    server.start_io()
    return 0
