"""The language server survives hostile framing and bad params, and answers while it lints.

Each test talks raw JSON-RPC over the server's stdio, so it can send what no LSP client library
would: a huge or unparsable Content-Length, params of the wrong type.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

import pytest
from conftest import CATASTROPHIC_PACK, write

TIMEOUT = 60  # seconds to wait for an answer that must come: generous for a busy machine


def _frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _request(request_id: int, method: str, params: object) -> bytes:
    return json.dumps(
        {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
    ).encode()


def _notify(method: str, params: object) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode()


class Server:
    def __init__(self, cwd) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fitlint", "lsp"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.seen: list[dict] = []

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put(json.loads(stream.read(length)))

    def send(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def wait_for(self, test) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for message in self.seen:
                if test(message):
                    return message
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                stderr = (
                    self.process.stderr.read1(10_000) if self.process.poll() is not None else b""
                )
                pytest.fail(f"no such message; got {self.seen}; stderr: {stderr[-2000:]!r}")
            try:
                self.seen.append(self.messages.get(timeout=min(remaining, 1)))
            except queue.Empty:
                pass

    def response(self, request_id: int) -> dict:
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m)

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    running.close()


def _initialize(server: Server, root, request_id: int = 1) -> dict:
    server.send(
        _frame(
            _request(
                request_id,
                "initialize",
                {"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
            )
        )
    )
    reply = server.response(request_id)
    server.send(_frame(_notify("initialized", {})))
    return reply


@pytest.mark.parametrize(
    "header",
    [b"Content-Length: 99999999999999", b"Content-Length: abc", b"Content-Length: -5"],
    ids=["huge", "not-a-number", "negative"],
)
def test_bad_content_length_is_dropped_and_the_next_request_answered(server, tmp_path, header):
    _initialize(server, tmp_path)
    # The request behind the bad header is answered with an error, and so is the one after it.
    server.send(header + b"\r\n\r\n" + _request(7, "shutdown", None))
    server.send(
        _frame(
            _request(
                8,
                "textDocument/hover",
                {
                    "textDocument": {"uri": (tmp_path / "x.md").as_uri()},
                    "position": {"line": 0, "character": 0},
                },
            )
        )
    )
    dropped = server.response(7)
    assert dropped["error"]["code"] == -32600 and "Request dropped" in dropped["error"]["message"]
    assert server.response(8) == {"jsonrpc": "2.0", "id": 8, "result": None}
    kind = "window/showMessage" if header.endswith(b"99999999999999") else "window/logMessage"
    note = server.wait_for(
        lambda m: m.get("method") == kind and "fitlint: dropped" in m["params"]["message"]
    )
    assert note["params"]["type"] == 1  # error
    if kind == "window/showMessage":
        assert "over the 67,108,864 byte limit" in note["params"]["message"]
    assert server.process.poll() is None


def test_garbage_between_messages_is_skipped(server, tmp_path):
    _initialize(server, tmp_path)
    server.send(b"hello\r\nthis is not a header\r\n" + _frame(_request(4, "shutdown", None)))
    assert server.response(4)["result"] is None


def test_request_with_invalid_params_gets_an_invalid_params_error(server, tmp_path):
    _initialize(server, tmp_path)
    server.send(
        _frame(_request(5, "textDocument/hover", {"textDocument": {"uri": 5}, "position": "start"}))
    )
    server.send(_frame(_request(6, "textDocument/codeAction", {"textDocument": {}})))
    for request_id, method in ((5, "textDocument/hover"), (6, "textDocument/codeAction")):
        error = server.response(request_id)["error"]
        assert error["code"] == -32602 and error["message"].startswith(
            f"Invalid params for {method}"
        )
    server.send(_frame(_request(9, "shutdown", None)))
    assert server.response(9)["result"] is None


def test_requests_are_answered_while_a_slow_document_is_linted(server, tmp_path):
    # A rule that backtracks until the regex timeout: linting slow.md takes 1.5 s however fast the
    # machine, and the server must answer a hover meanwhile.
    write(tmp_path / "rules" / "slow.yaml", CATASTROPHIC_PACK)
    write(tmp_path / ".fitlint.yaml", "rule-dirs: [rules]\nregex-timeout: 1.5\n")
    _initialize(server, tmp_path)
    slow = (tmp_path / "slow.md").as_uri()
    text = ("a " * 4000) + "c " * 15 + "b\n\nBurn belly fat.\n"
    server.send(
        _frame(
            _notify(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": slow,
                        "languageId": "markdown",
                        "version": 1,
                        "text": text,
                    }
                },
            )
        )
    )
    server.send(
        _frame(
            _request(
                11,
                "textDocument/hover",
                {"textDocument": {"uri": slow}, "position": {"line": 0, "character": 0}},
            )
        )
    )
    server.response(11)
    published = [m for m in server.seen if m.get("method") == "textDocument/publishDiagnostics"]
    assert published == []  # the answer came while slow.md was still being linted
    diagnostics = server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert [d["code"] for d in diagnostics["params"]["diagnostics"]] == ["FL101"]
