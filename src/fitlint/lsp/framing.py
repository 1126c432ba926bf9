"""The language server's message loop, hardened: bounded messages, resynchronisation, answers.

pygls reads ``Content-Length`` and then that many bytes, so a client (or anything else writing to
the server's stdin) can stop it three ways: a huge length allocates that much (MemoryError), a
length it cannot parse leaves the body to be read as the next header (the server then reads every
later message shifted by one and answers none), and a request whose params do not fit the method's
type gets no answer at all. This loop replaces pygls' reader:

- a body over :data:`MAX_MESSAGE_BYTES` is never buffered: it is skipped as it streams past and
  the client is told why (``window/showMessage``);
- after a header it cannot use (``Content-Length: abc``, ``-5``, a header block over
  :data:`MAX_HEADER_BYTES`, bytes outside any message) it resynchronises on the next
  ``Content-Length:`` line. That search cannot land inside a message body: a header line ends in
  a raw CR LF, which a JSON body can only hold between tokens, never inside a string, and
  ``Content-Length:`` is no JSON token. A request whose body it can still read gets an error
  response (``-32600``), so the client does not wait for it forever;
- a request whose params do not fit gets ``-32602`` Invalid Params.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from typing import Any, BinaryIO, NamedTuple

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_HEADER_BYTES = 8 * 1024  # one header block: Content-Length and Content-Type are ~80 bytes
_KEEP_DROPPED = 64 * 1024  # the start of skipped bytes, kept to answer a dropped request
_CHUNK = 64 * 1024
_LENGTH_LINE = re.compile(rb"content-length[ \t]*:[ \t]*([^\r\n]*)\r\n", re.IGNORECASE)
_LONGEST_LINE = 256  # bytes kept back while no Content-Length line is complete
# What may sit before Content-Length without comment: other header lines, blank lines.
_HARMLESS = re.compile(rb"(?:[!-9;-~]+[ \t]*:[^\r\n]*\r\n|[ \t]*\r\n)*[ \t\r\n]*")


class Message(NamedTuple):
    body: bytes


class Dropped(NamedTuple):
    """Bytes that were not a usable message, and why; ``request_id`` if they held a request.

    A bad header is reported as soon as it is read; the request id, if any, only once the skipped
    body has streamed past (``answer_only``)."""

    reason: str
    request_id: int | str | None = None
    oversized: bool = False
    answer_only: bool = False


class Framer:
    """Splits a byte stream into LSP message bodies; memory stays within the limits above."""

    def __init__(
        self, max_body: int = MAX_MESSAGE_BYTES, max_header: int = MAX_HEADER_BYTES
    ) -> None:
        self.max_body = max_body
        self.max_header = max_header
        self._buffer = bytearray()
        self._length: int | None = None  # the body length, once its header block is read
        self._reason: str | None = None  # why bytes are being skipped, until the next header
        self._oversized = False
        self._dropped = bytearray()
        self._dropped_all = True  # whether _dropped holds every skipped byte

    def feed(self, data: bytes) -> list[Message | Dropped]:
        self._buffer += data
        events: list[Message | Dropped] = []
        buffer = self._buffer
        while True:
            if self._length is not None:
                if len(buffer) < self._length:
                    break
                events.append(Message(bytes(buffer[: self._length])))
                del buffer[: self._length]
                self._length = None
                continue
            match = _LENGTH_LINE.search(buffer)
            if match is None:
                if len(buffer) > _LONGEST_LINE:  # no header starts before the last line's worth
                    self._skip(buffer[:-_LONGEST_LINE])
                    del buffer[:-_LONGEST_LINE]
                break
            start, line_end, value = match.start(), match.end(), bytes(match.group(1)).strip()
            self._skip(buffer[:start])
            if self._reason is not None or self._dropped or not self._dropped_all:
                ended = self._end_skip()
                if ended is not None:
                    events.append(ended)
            del buffer[:start]
            end = buffer.find(b"\r\n\r\n", line_end - start - 2)
            if end < 0 and len(buffer) <= self.max_header:
                break  # the rest of the header block is still to come
            if end < 0 or end > self.max_header:
                del buffer[: line_end - start]
                events.append(self._start_skip(f"a header block over {self.max_header:,} bytes"))
                continue
            del buffer[: end + 4]
            if value.isdigit() and len(value) <= 18:
                length = int(value)
                if length <= self.max_body:
                    self._length = length
                    continue
                reason = f"a message of {length:,} bytes, over the {self.max_body:,} byte limit"
                events.append(self._start_skip(reason, oversized=True))
            else:
                shown = value[:40].decode("ascii", "backslashreplace")
                events.append(
                    self._start_skip(f"a message with the header 'Content-Length: {shown}'")
                )
        return events

    def _start_skip(self, reason: str, oversized: bool = False) -> Dropped:
        self._reason = reason
        self._oversized = oversized
        return Dropped(reason, None, oversized)

    def _skip(self, data: bytes | bytearray) -> None:
        if self._reason is None and not self._dropped and _HARMLESS.fullmatch(data):
            return  # blank lines or other headers before Content-Length
        room = _KEEP_DROPPED - len(self._dropped)
        if len(data) > room:
            self._dropped_all = False
        self._dropped += data[: max(room, 0)]

    def _end_skip(self) -> Dropped | None:
        request_id = _request_id(bytes(self._dropped)) if self._dropped_all else None
        if self._reason is None:
            dropped: Dropped | None = Dropped("bytes outside any message", request_id)
        elif request_id is not None:
            dropped = Dropped(self._reason, request_id, self._oversized, answer_only=True)
        else:
            dropped = None  # reported when its header was read
        self._reason, self._oversized = None, False
        self._dropped, self._dropped_all = bytearray(), True
        return dropped


def _request_id(data: bytes) -> int | str | None:
    """The id of the request at the start of ``data`` (a dropped body), if it reads as one."""
    try:
        found, _ = json.JSONDecoder().raw_decode(data.decode("utf-8").lstrip())
    except (ValueError, RecursionError):
        return None
    if isinstance(found, dict) and "method" in found:
        request_id = found.get("id")
        if type(request_id) in (int, str):
            return request_id
    return None


# -- the loop --------------------------------------------------------------------------------------
async def serve(server: Any, stdin: BinaryIO) -> None:
    """Read ``stdin`` until it ends (or the server stops) and hand each message to pygls."""
    from lsprotocol import types

    loop = asyncio.get_running_loop()
    chunks: asyncio.Queue[bytes] = asyncio.Queue(maxsize=4)  # backpressure on the reader

    def read() -> None:  # a daemon thread: a blocked read never holds up the exit
        read_chunk = getattr(stdin, "read1", stdin.read)
        while True:
            try:
                chunk = read_chunk(_CHUNK)
            except (OSError, ValueError):
                chunk = b""
            try:
                asyncio.run_coroutine_threadsafe(chunks.put(chunk), loop).result()
            except RuntimeError:  # the loop has closed
                return
            if not chunk:
                return

    threading.Thread(target=read, name="fitlint-lsp-reader", daemon=True).start()
    framer = Framer()
    stop = getattr(server, "_stop_event", None)
    while stop is None or not stop.is_set():
        chunk = await chunks.get()
        if not chunk:
            break
        for event in framer.feed(chunk):
            if isinstance(event, Message):
                handle_body(server, event.body)
            else:
                _report_dropped(server, event, types)


def handle_body(server: Any, body: bytes) -> None:
    """One message body: to pygls, or an error response for a request pygls cannot take."""
    from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest

    protocol = server.protocol
    try:
        message = json.loads(body, object_hook=protocol.structure_message)
    except JsonRpcException as exc:  # params (or the message) do not fit the method's types
        request = _request(body)
        if request is None:
            log.error(
                "fitlint: dropped a notification that does not fit its type: %s",
                exc.__cause__ or exc,
            )
            return
        request_id, method = request
        if isinstance(exc, JsonRpcInvalidParams):
            detail = " ".join(str(exc.__cause__ or exc).split())[:300]
            exc = JsonRpcInvalidParams(f"Invalid params for {method}: {detail}")
        protocol._send_response(request_id, None, exc.to_response_error())
        return
    except (ValueError, RecursionError) as exc:
        log.error("fitlint: dropped a message that is not JSON: %s", exc)
        return
    if not hasattr(message, "jsonrpc"):  # JSON, but no JSON-RPC message (e.g. "jsonrpc" missing)
        request = _request(body)
        if request is None:
            log.error("fitlint: dropped a message that is not JSON-RPC 2.0")
        else:
            error = JsonRpcInvalidRequest("Invalid request: not a JSON-RPC 2.0 message")
            protocol._send_response(request[0], None, error.to_response_error())
        return
    try:
        protocol.handle_message(message)
    except Exception:  # pygls answers requests itself; nothing may stop the loop
        log.exception("fitlint: handling a message failed")


def _request(body: bytes) -> tuple[int | str, str] | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if (
        isinstance(data, dict)
        and type(data.get("id")) in (int, str)
        and isinstance(data.get("method"), str)
    ):
        return data["id"], data["method"]
    return None


def _report_dropped(server: Any, event: Dropped, types: Any) -> None:
    from pygls.exceptions import JsonRpcInvalidRequest

    if not event.answer_only:
        text = f"fitlint: dropped {event.reason}"
        log.error("%s", text)
        if event.oversized:
            server.window_show_message(types.ShowMessageParams(types.MessageType.Error, text))
        else:
            server.window_log_message(types.LogMessageParams(types.MessageType.Error, text))
    if event.request_id is not None:
        error = JsonRpcInvalidRequest(f"Request dropped: {event.reason}")
        server.protocol._send_response(event.request_id, None, error.to_response_error())
