"""Map offsets in extracted prose back to offsets in the source file.

Prose is built from pieces of the source (markup removed, entities decoded). Each piece is a
segment: ``prose_len`` prose characters that come from ``src_len`` source characters. Most
segments are identity runs (equal lengths); a decoded entity such as ``&nbsp;`` is 1 → 6.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple


class Segment(NamedTuple):
    prose_start: int
    src_start: int
    prose_len: int
    src_len: int


class SourceMap:
    def __init__(self) -> None:
        self._prose_starts: list[int] = []
        self._segments: list[Segment] = []

    def add(self, prose_start: int, src_start: int, prose_len: int, src_len: int | None = None):
        if prose_len <= 0:
            return
        src_len = prose_len if src_len is None else src_len
        if self._segments:
            last = self._segments[-1]
            contiguous = (
                last.prose_len == last.src_len
                and prose_len == src_len
                and last.prose_start + last.prose_len == prose_start
                and last.src_start + last.src_len == src_start
            )
            if contiguous:
                self._segments[-1] = Segment(
                    last.prose_start,
                    last.src_start,
                    last.prose_len + prose_len,
                    last.src_len + src_len,
                )
                return
        self._prose_starts.append(prose_start)
        self._segments.append(Segment(prose_start, src_start, prose_len, src_len))

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self._segments)

    def _segment(self, prose_offset: int) -> Segment:
        index = bisect.bisect_right(self._prose_starts, prose_offset) - 1
        return self._segments[max(index, 0)]

    def start(self, prose_offset: int) -> int:
        seg = self._segment(prose_offset)
        delta = prose_offset - seg.prose_start
        if seg.prose_len == seg.src_len:
            return seg.src_start + min(delta, seg.src_len)
        return seg.src_start

    def end(self, prose_end: int) -> int:
        """Source offset just past the prose character at ``prose_end - 1``."""
        seg = self._segment(max(prose_end - 1, 0))
        delta = prose_end - seg.prose_start
        if seg.prose_len == seg.src_len:
            return seg.src_start + min(delta, seg.src_len)
        return seg.src_start + seg.src_len

    def span(self, prose_start: int, prose_end: int) -> tuple[int, int]:
        if not self._segments:
            return (0, 0)
        start = self.start(prose_start)
        end = self.end(prose_end) if prose_end > prose_start else start
        return start, max(start, end)
