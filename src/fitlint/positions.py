"""Offsets ↔ (line, column) conversion, done once per document at the render edge."""

from __future__ import annotations

import bisect
import operator
from itertools import accumulate

from fitlint.lazyregex import lazy_compile

_EOL = lazy_compile(r"\r\n|\r|\n")


class LineIndex:
    """Line starts of a text; lines end at CRLF, CR or LF as CommonMark defines them."""

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" in text:
            self.starts = [0] + [m.end() for m in _EOL.finditer(text)]
        else:  # LF only, the common case: line lengths summed in C, no match object per line
            lengths = map(len, text.split("\n")[:-1])
            self.starts = [
                0,
                *map(operator.add, accumulate(lengths), range(1, text.count("\n") + 1)),
            ]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_text(self, line: int) -> str:
        """The line without its line ending."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def line_count(self) -> int:
        return len(self.starts)

    def offset(self, line: int, column: int) -> int:
        return self.starts[line] + column

    # Columns in code points (str indices); the text format shows these 1-based.
    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self.starts[line]

    # LSP: 0-based line and UTF-16 code units (or the encoding a client negotiated).
    def lsp_position(self, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
        line = self.line_of(offset)
        prefix = self.text[self.starts[line] : offset]
        return line, unit_len(prefix, encoding)

    # reviewdog (rdjson): 1-based line, 1-based column counted in UTF-8 bytes.
    def utf8_position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        prefix = self.text[self.starts[line] : offset]
        return line + 1, len(prefix.encode("utf-8")) + 1

    def offset_from_lsp(self, line: int, character: int, encoding: str = "utf-16") -> int:
        """Inverse of :meth:`lsp_position`; clamps to the line like LSP clients expect."""
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        units = 0
        text = self.line_text(line)
        for index, char in enumerate(text):
            if units >= character:
                return start + index
            units += unit_len(char, encoding)
        return start + len(text)


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def unit_len(text: str, encoding: str = "utf-16") -> int:
    """Length in the code units of an LSP position encoding (utf-16 is the protocol default)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == "utf-32":
        return len(text)
    return utf16_len(text)
