"""Where a diagnostic sits in its document's prose: its block and its sentence.

Diagnostics carry source offsets; the baseline's context hash and the claim inventory's sentence
column need the prose around them (markup removed), which this maps back to.
"""

from __future__ import annotations

from typing import NamedTuple

from fitlint.document.model import Document, ProseBlock
from fitlint.document.sentences import split_sentences


class Place(NamedTuple):
    index: int  # position of the block in document.blocks
    block: ProseBlock
    prose_start: int  # the diagnostic's range in the block's prose
    prose_end: int


def _prose_offset(block: ProseBlock, source_offset: int) -> int:
    """The first prose offset whose source position is at or after ``source_offset``."""
    low, high = 0, len(block.text)
    while low < high:
        middle = (low + high) // 2
        if block.smap.start(middle) < source_offset:
            low = middle + 1
        else:
            high = middle
    return low


def place_of(document: Document, start: int, end: int) -> Place | None:
    """The smallest prose block whose source span holds [start, end), if one does."""
    spans = document.derived.get("block_spans")
    if not isinstance(spans, list):
        spans = document.derived["block_spans"] = [
            block.source_span(0, len(block.text)) if block.text else (-1, -1)
            for block in document.blocks
        ]
    best: tuple[int, int, ProseBlock] | None = None
    for index, (block_start, block_end) in enumerate(spans):
        block = document.blocks[index]
        if block_start >= 0 and block_start <= start and end <= block_end:
            size = block_end - block_start
            if best is None or size < best[0]:
                best = (size, index, block)
    if best is None:
        return None
    _, index, block = best
    prose_start = _prose_offset(block, start)
    prose_end = max(prose_start, _prose_offset(block, end))
    return Place(index, block, prose_start, prose_end)


def sentence_of(document: Document, start: int, end: int) -> str | None:
    """The prose sentence(s) holding the source range [start, end), or None outside prose."""
    place = place_of(document, start, end)
    if place is None:
        return None
    spans = split_sentences(place.block.text)
    touched = [
        (s, e)
        for s, e in spans
        if s < max(place.prose_end, place.prose_start + 1) and place.prose_start < e
    ]
    if not touched:
        return place.block.text.strip() or None
    return place.block.text[touched[0][0] : touched[-1][1]]


def normalise(text: str) -> str:
    """Case-folded, with every run of whitespace one space: what a context hash and a claim's
    identity are computed over (re-wrapping a paragraph changes neither)."""
    return " ".join(text.casefold().split())
