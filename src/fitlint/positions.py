"""Offsets ↔ (line, column) conversion, done once per document at the render edge."""

from __future__ import annotations

import bisect
import operator
from itertools import accumulate

from fitlint.lazyregex import lazy_compile

_EOL = lazy_compile(r"\r\n|\r|\n")
_NON_ASCII = lazy_compile(r"[^\x00-\x7f]")


class LineIndex:
    """Line starts of a text; lines end at CRLF, CR or LF as CommonMark defines them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._wide_chars: dict[str, tuple[list[int], list[int]]] = {}
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
        return line, self.units_between(self.starts[line], offset, encoding)

    # reviewdog (rdjson): 1-based line, 1-based column counted in UTF-8 bytes.
    def utf8_position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line + 1, self.units_between(self.starts[line], offset, "utf-8") + 1

    def units_between(self, start: int, end: int, encoding: str) -> int:
        """Code units of ``encoding`` in ``text[start:end]``: the code points plus the extra units
        of the wider characters, found by bisection so that a diagnostic deep in a megabyte-long
        line costs no scan of the line before it."""
        offsets, extra = self._wide(encoding)
        if not offsets:
            return end - start
        before_end = bisect.bisect_left(offsets, end)
        before_start = bisect.bisect_left(offsets, start)
        return end - start + (extra[before_end] - extra[before_start])

    def _wide(self, encoding: str) -> tuple[list[int], list[int]]:
        """Offsets of the characters wider than one code unit, and the extra units before each
        (``extra[k]``: before the k-th, so ``extra`` has one entry more)."""
        found = self._wide_chars.get(encoding)
        if found is None:
            offsets: list[int] = []
            extra = [0]
            if encoding != "utf-32" and not self.text.isascii():
                for match in _NON_ASCII.finditer(self.text):
                    units = unit_len(match.group(), encoding) - 1
                    if units:
                        offsets.append(match.start())
                        extra.append(extra[-1] + units)
            found = self._wide_chars[encoding] = (offsets, extra)
        return found

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
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def unit_len(text: str, encoding: str = "utf-16") -> int:
    """Length in the code units of an LSP position encoding (utf-16 is the protocol default)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == "utf-32":
        return len(text)
    return utf16_len(text)
