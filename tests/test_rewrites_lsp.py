"""Language server code actions: one action per title and edit, "fix all safe fixes" as
source.fixAll.fitlint, rewrites of whole units, and disable comments JSX can hold."""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from fitlint.document import parse_document
from fitlint.document.jsx import _parser
from fitlint.positions import LineIndex


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "fitlint", "lsp"])
)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    (root / ".fitlint.yaml").write_text("formats: {tsx: jsx}\n")
    lsp_client.workspace_root = root  # type: ignore[attr-defined]
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="workspace")],
        )
    )
    lsp_client.capabilities_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, name: str, text: str, language: str = "markdown") -> str:
    uri = (client.workspace_root / name).as_uri()  # type: ignore[attr-defined]
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30
    )
    return uri


async def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30
    )


async def _actions(client: LanguageClient, uri: str, where: types.Range, only=None, diagnostics=()):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=where,
            context=types.CodeActionContext(diagnostics=list(diagnostics), only=only),
        )
    )


def _apply(text: str, edits) -> str:
    index = LineIndex(text)
    spans = [
        (
            index.offset_from_lsp(e.range.start.line, e.range.start.character),
            index.offset_from_lsp(e.range.end.line, e.range.end.character),
            e.new_text,
        )
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.asyncio(loop_scope="function")
async def test_actions_are_unique_and_fix_all_is_a_source_action(client: LanguageClient):
    provider = client.capabilities_result.capabilities.code_action_provider  # type: ignore[attr-defined]
    assert set(provider.code_action_kinds) == {"quickfix", "source.fixAll.fitlint"}

    # Two FL401 findings on one line: one "Disable FL401 for this line", answering both.
    text = "Our shake burns 39% more fat. Members lost 12% of their weight in a month.\n"
    uri = await _open(client, "stats.md", text)
    found = [d for d in client.diagnostics[uri] if d.code == "FL401"]
    assert len(found) == 2
    line = types.Range(types.Position(0, 0), types.Position(0, len(text) - 1))
    actions = await _actions(client, uri, line, diagnostics=found)
    titles = [a.title for a in actions]
    assert titles.count("Disable FL401 for this line") == 1
    disable = next(a for a in actions if a.title == "Disable FL401 for this line")
    assert len(disable.diagnostics) == 2
    assert len(titles) == len(set(titles))

    # Fix all: the safe fixes only (the repeated paragraph goes; the rewrite of the promise
    # changes meaning, so it stays), as one source.fixAll.fitlint action.
    paragraph = "Progressive overload means adding a little weight or a few reps every week.\n"
    text = paragraph + "\nBurn belly fat with these 5 moves.\n\n" + paragraph
    uri = await _open(client, "fixall.md", text)
    assert {"FL101", "FL302"} <= {d.code for d in client.diagnostics[uri]}
    everywhere = types.Range(types.Position(0, 0), types.Position(0, 0))
    actions = await _actions(client, uri, everywhere, only=[types.CodeActionKind.SourceFixAll])
    assert [(a.kind, a.title) for a in actions] == [
        ("source.fixAll.fitlint", "fitlint: fix all safe fixes")
    ]
    fixed = _apply(text, actions[0].edit.document_changes[0].edits)
    assert fixed == paragraph + "\nBurn belly fat with these 5 moves.\n"
    quick = await _actions(client, uri, everywhere, only=[types.CodeActionKind.QuickFix])
    assert all(a.kind == types.CodeActionKind.QuickFix for a in quick)

    # Nothing safe to fix: no fix-all action.
    uri = await _open(client, "nothing.md", "Burn belly fat with these 5 moves.\n")
    assert not await _actions(client, uri, everywhere, only=["source.fixAll.fitlint"])


TSX = """export const metadata = { title: "Burn Belly Fat Fast" };

export default function Page() {
  return (
    <main>
      <h1>Plans</h1>
      <p>Burn belly fat with these 5 moves.</p>
    </main>
  );
}
"""


@pytest.mark.asyncio(loop_scope="function")
async def test_disable_comment_in_tsx_is_a_jsx_comment_that_parses_and_suppresses(
    client: LanguageClient,
):
    uri = await _open(client, "page.tsx", TSX, language="typescriptreact")
    body = next(d for d in client.diagnostics[uri] if d.code == "FL101" and d.range.start.line == 6)
    actions = await _actions(client, uri, body.range, diagnostics=[body])
    disable = next(a for a in actions if a.title == "Disable FL101 for this line")
    new_text = _apply(TSX, disable.edit.document_changes[0].edits)
    assert "      {/* fitlint-disable-next-line FL101 */}\n      <p>Burn belly fat" in new_text
    assert "<!--" not in new_text
    assert not _parser("tsx").parse(new_text.encode()).root_node.has_error  # still a valid script
    assert any(
        s.kind == "next-line"
        for s in parse_document(new_text, "page.tsx", reader="jsx").suppressions
    )
    await _change(client, uri, 2, new_text)
    assert [d.range.start.line for d in client.diagnostics[uri] if d.code == "FL101"] == [0]
    # In the metadata object a comment of either kind would break the script: no disable action.
    head = next(d for d in client.diagnostics[uri] if d.code == "FL101")
    actions = await _actions(client, uri, head.range, diagnostics=[head])
    assert not [a for a in actions if a.title.startswith("Disable")]
