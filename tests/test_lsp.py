"""End-to-end language server tests: a real LSP client over stdio (pytest-lsp)."""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from fitlint.positions import LineIndex


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "fitlint", "lsp"])
)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    (root / ".fitlint.yaml").write_text("ignore: [FL203]\n")
    lsp_client.workspace_root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="workspace")],
        )
    )
    yield
    await lsp_client.shutdown_session()


TEXT = "# Plan 💪🏽\n\n> 🔥 Burn belly fat with these moves. Guaranteed results!\n"


async def _open(client: LanguageClient, name: str, text: str) -> str:
    uri = (client.workspace_root / name).as_uri()  # type: ignore[attr-defined]
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
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


async def _code_actions(client: LanguageClient, uri: str, diagnostic: types.Diagnostic):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
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
async def test_diagnostics_with_utf16_ranges_and_workspace_config(client: LanguageClient):
    uri = await _open(client, "post.md", TEXT)
    diagnostics = client.diagnostics[uri]
    codes = [d.code for d in diagnostics]
    assert "FL101" in codes and "FL203" not in codes  # .fitlint.yaml in the workspace ignores FL203
    burn = next(d for d in diagnostics if d.code == "FL101")
    # "> 🔥 " is 2 + 2 (surrogate pair) + 1 UTF-16 units.
    assert burn.range == types.Range(types.Position(2, 5), types.Position(2, 19))
    assert burn.source == "fitlint" and burn.data["text"] == "Burn belly fat"
    assert burn.code_description.href.endswith("#fl101")


@pytest.mark.asyncio(loop_scope="function")
async def test_code_action_rewrite_applies_and_diagnostics_update(client: LanguageClient):
    text = TEXT.replace(
        "> ", ""
    )  # in a blockquote the words are quoted: a rewrite is text only there
    uri = await _open(client, "rewrite.md", text)
    burn = next(d for d in client.diagnostics[uri] if d.code == "FL101")
    actions = await _code_actions(client, uri, burn)
    titles = [a.title for a in actions]
    title = "FL101: Rewrite the sentence: “🔥 Strengthen your core with these moves.” (changes the meaning)"
    assert title in titles
    assert "Disable FL101 for this line" in titles
    rewrite = next(a for a in actions if a.title == title)
    new_text = _apply(text, rewrite.edit.document_changes[0].edits)
    assert (
        new_text == "# Plan 💪🏽\n\n🔥 Strengthen your core with these moves. Guaranteed results!\n"
    )
    await _change(client, uri, 2, new_text)
    assert "FL101" not in [d.code for d in client.diagnostics[uri]]


@pytest.mark.asyncio(loop_scope="function")
async def test_suppression_action_keeps_blockquote_and_silences(client: LanguageClient):
    uri = await _open(client, "suppress.md", TEXT)
    burn = next(d for d in client.diagnostics[uri] if d.code == "FL101")
    actions = await _code_actions(client, uri, burn)
    disable = next(a for a in actions if a.title == "Disable FL101 for this line")
    new_text = _apply(TEXT, disable.edit.document_changes[0].edits)
    assert new_text.splitlines()[2] == "> <!-- fitlint-disable-next-line FL101 -->"
    await _change(client, uri, 2, new_text)
    assert "FL101" not in [d.code for d in client.diagnostics[uri]]


@pytest.mark.asyncio(loop_scope="function")
async def test_hover_shows_rationale_and_doi(client: LanguageClient):
    uri = await _open(client, "hover.md", TEXT)
    burn = next(d for d in client.diagnostics[uri] if d.code == "FL101")
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=burn.range.start
        )
    )
    assert result is not None
    assert result.contents.value.startswith("**FL101 fat-burning-body-part** (spot-reduction)")
    assert "DOI: 10.1519/JSC.0b013e3181fb4a46" in result.contents.value


@pytest.mark.asyncio(loop_scope="function")
async def test_typing_is_debounced_to_the_latest_text(client: LanguageClient):
    uri = await _open(client, "typing.md", "Strength work.\n")
    assert list(client.diagnostics[uri]) == []
    for version, text in enumerate(["M", "Me", "Mel", "Melt your love handles.\n"], start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30
    )
    assert [d.code for d in client.diagnostics[uri]] == ["FL101"]


def _frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_message(stream) -> dict:
    import json

    length = 0
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("server closed stdout")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def test_garbage_and_out_of_order_messages_get_errors_and_server_keeps_serving(tmp_path):
    import json
    import subprocess

    server = subprocess.Popen(
        [sys.executable, "-m", "fitlint", "lsp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        uri = (tmp_path / "x.md").as_uri()
        messages = [
            b"{this is not json",
            json.dumps(
                {"jsonrpc": "2.0", "id": 1, "method": "no/such/method", "params": {}}
            ).encode(),
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didChange",
                    "params": {
                        "textDocument": {"uri": uri, "version": 3},
                        "contentChanges": [{"text": "Burn belly fat"}],
                    },
                }
            ).encode(),
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "id": 2,
                    "method": "initialize",
                    "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
                }
            ).encode(),
        ]
        for body in messages:
            server.stdin.write(_frame(body))
        server.stdin.flush()
        replies = {}
        while 2 not in replies:
            message = _read_message(server.stdout)
            if "id" in message:
                replies[message["id"]] = message
        assert replies[1]["error"]["code"] == -32601  # method not found
        assert replies[2]["result"]["capabilities"]["codeActionProvider"]
        assert replies[2]["result"]["serverInfo"]["name"] == "fitlint"
    finally:
        server.kill()
        server.wait()
