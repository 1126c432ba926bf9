"""The language server honours the config's ``exclude``: an excluded document gets no diagnostics."""

from __future__ import annotations

import asyncio
import sys

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

TEXT = "# Plan\n\nMelt your love handles with these five moves.\n"


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "fitlint", "lsp"])
)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    (root / ".fitlint.yaml").write_text('exclude: ["drafts/", "legal/*.md"]\n')
    lsp_client.workspace_root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


async def _diagnostics(client: LanguageClient, name: str) -> list[types.Diagnostic]:
    path = client.workspace_root / name  # type: ignore[attr-defined]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT)
    item = types.TextDocumentItem(uri=path.as_uri(), language_id="markdown", version=1, text=TEXT)
    client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30
    )
    return list(client.diagnostics[path.as_uri()])


async def test_excluded_documents_get_no_diagnostics(client: LanguageClient):
    assert [d.code for d in await _diagnostics(client, "post.md")] == ["FL101"]
    assert await _diagnostics(client, "drafts/post.md") == []
    assert await _diagnostics(client, "legal/terms.md") == []
    assert [d.code for d in await _diagnostics(client, "legal/sub/terms.md")] == ["FL101"]
