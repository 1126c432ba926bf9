"""The language server lints HTML pages and templates with the same ranges as the CLI."""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "fitlint", "lsp"])
)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / ".fitlint.yaml").write_text('formats: {"blade.php": html}\n')
    lsp_client.workspace_root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


async def _open(
    client: LanguageClient, name: str, language: str, text: str
) -> list[types.Diagnostic]:
    uri = (client.workspace_root / name).as_uri()  # type: ignore[attr-defined]
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30
    )
    return client.diagnostics[uri]


PAGE = (
    "<html><head><title>Core 💪🏽</title>\n"
    '<script type="application/ld+json">{"headline": "Burn belly fat with these 5 moves"}</script></head>\n'
    "\n"  # read as Markdown, the indented line below would be a code block
    "    <body><p>💪 Hi <?= $name ?>, burn belly fat with these 5 moves.</p></body></html>\n"
)


@pytest.mark.asyncio(loop_scope="function")
async def test_php_page_is_read_as_html_by_its_language_id(client: LanguageClient):
    diagnostics = await _open(client, "page.php", "php", PAGE)
    assert [(d.code, d.range) for d in diagnostics] == [
        # "    <body><p>💪 Hi <?= $name ?>, " is 13 + 2 (surrogate pair) + 18 UTF-16 units.
        ("FL101", types.Range(types.Position(3, 33), types.Position(3, 47)))
    ]


@pytest.mark.asyncio(loop_scope="function")
async def test_mapped_template_extension_uses_the_configured_reader(client: LanguageClient):
    text = "@extends('layouts.app', ['title' => 'Burn belly fat with these 5 moves'])\n@section('content')\n<p>Rest.</p>\n@endsection\n"
    diagnostics = await _open(client, "home.blade.php", "blade", text)
    assert [(d.code, d.range) for d in diagnostics] == [
        ("FL101", types.Range(types.Position(0, 37), types.Position(0, 51)))
    ]
