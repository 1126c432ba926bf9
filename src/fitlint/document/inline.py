"""Align markdown-it inline text back to the source characters it came from.

markdown-it gives block tokens line maps but no inline offsets, and its text tokens are already
unescaped (``\\*`` → ``*``) and entity-decoded (``&amp;`` → ``&``). This module recovers, for
each extracted prose character, the exact source span, so every diagnostic range is exact.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Sequence

from fitlint.document.model import ProseBlock
from fitlint.document.sourcemap import SourceMap
from fitlint.lazyregex import lazy_compile

_ENTITY = lazy_compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# How far alignment may skip markup in the source before giving up on a character.
_MAX_SKIP = 64


class ContentMap:
    """Offsets in an inline token's ``content`` → offsets in the source text."""

    def __init__(self, content_starts: list[int], src_starts: list[int]) -> None:
        self._content_starts = content_starts
        self._src_starts = src_starts

    def __call__(self, content_offset: int) -> int:
        index = bisect.bisect_right(self._content_starts, content_offset) - 1
        index = max(index, 0)
        return self._src_starts[index] + content_offset - self._content_starts[index]

    @classmethod
    def locate(
        cls,
        content: str,
        source_lines: list[str],
        line_starts: list[int],
        first_line: int,
        column_hint: int = 0,
    ) -> ContentMap:
        """Find each content line inside its source line (containers strip a prefix)."""
        content_starts: list[int] = []
        src_starts: list[int] = []
        offset = 0
        shift = 0  # lines the parser dropped before the content (e.g. a lone form feed)
        for index, piece in enumerate(content.split("\n")):
            line_no = min(first_line + index + shift, len(source_lines) - 1)
            if piece.strip() and piece.strip() not in source_lines[line_no]:
                for ahead in range(1, 4):
                    candidate = line_no + ahead
                    if candidate < len(source_lines) and piece.strip() in source_lines[candidate]:
                        shift += ahead
                        line_no = candidate
                        break
            line = source_lines[line_no]
            column = _find_in_line(piece, line, column_hint if index == 0 else 0)
            content_starts.append(offset)
            src_starts.append(line_starts[line_no] + column)
            offset += len(piece) + 1
        return cls(content_starts, src_starts)


def _find_in_line(piece: str, line: str, hint: int) -> int:
    if not piece:
        return len(line.rstrip())
    stripped = line.rstrip()
    # Paragraph lines are the tail of the source line once container markers are removed.
    if hint == 0 and stripped.endswith(piece.rstrip()) and piece.rstrip():
        return len(stripped) - len(piece.rstrip())
    found = line.find(piece, hint)
    if found >= 0:
        return found
    found = line.find(piece.strip(), hint)
    if found >= 0:
        return found
    # Tabs expanded by the parser or other rewriting: best effort, the line's first text.
    return len(line) - len(line.lstrip())


class ProseBuilder:
    """Accumulates prose text and its source map for one block."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.smap = SourceMap()

    def add_source_run(self, text: str, src_start: int) -> None:
        self.smap.add(self.length, src_start, len(text))
        self.parts.append(text)
        self.length += len(text)

    def add_mapped(self, text: str, src_start: int, src_len: int) -> None:
        self.smap.add(self.length, src_start, len(text), src_len)
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)

    def block(
        self,
        kind: str,
        line_starts: Sequence[int],
        section: int,
        key: str = "",
        containers: tuple[str, ...] = (),
    ) -> ProseBlock:
        """The built text as a block of its own (an image's alt, a string read from template
        code), its lines derived from where its characters sit in the source."""
        start = self.smap.start(0)
        end = max(start, self.smap.end(self.length) - 1)
        return ProseBlock(
            kind=kind,
            text=self.text(),
            smap=self.smap,
            line=bisect.bisect_right(line_starts, start) - 1,
            end_line=bisect.bisect_right(line_starts, end) - 1,
            section=section,
            containers=containers,
            key=key,
        )


def align_text(
    builder: ProseBuilder, text: str, content: str, cursor: int, to_source: ContentMap
) -> int:
    """Append ``text`` (a decoded text token) to the builder; return the new content cursor."""
    if not text:
        return cursor
    found = content.find(text, cursor)
    if found >= 0 and "\n" not in content[cursor:found]:
        _add_content_run(builder, text, found, to_source)
        return found + len(text)
    # Escapes or entities: walk character by character.
    position = cursor
    for char in text:
        matched = _match_char(char, content, position)
        if matched is None:
            # Unalignable character: map it to where we are so ranges stay inside the block.
            builder.add_mapped(char, to_source(min(position, len(content))), 0)
            continue
        start, end = matched
        if end - start == 1:
            _add_content_run(builder, char, start, to_source)
        else:
            builder.add_mapped(char, to_source(start), end - start)
        position = end
    return position


def _add_content_run(builder: ProseBuilder, text: str, content_start: int, to_source) -> None:
    builder.add_source_run(text, to_source(content_start))


def _match_char(char: str, content: str, position: int) -> tuple[int, int] | None:
    limit = min(len(content), position + _MAX_SKIP)
    index = position
    while index < limit:
        current = content[index]
        if current == char:
            return index, index + 1
        if current == "\\" and index + 1 < len(content) and content[index + 1] == char:
            return index + 1, index + 2
        if current == "&":
            entity = _ENTITY.match(content, index)
            if entity and html.unescape(entity.group()) == char:
                return index, entity.end()
        index += 1
    return None
