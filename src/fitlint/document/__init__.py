"""Source text → :class:`Document` (prose blocks with source maps, suppressions)."""

from __future__ import annotations

from fitlint.document.markdown import parse_markdown
from fitlint.document.model import Document, Link, ProseBlock, Suppression
from fitlint.document.plaintext import parse_plaintext
from fitlint.document.suppressions import find_suppressions
from fitlint.positions import LineIndex

DEFAULT_FRONT_MATTER_KEYS = frozenset({"title", "description", "excerpt", "summary", "subtitle"})

__all__ = ["Document", "Link", "ProseBlock", "Suppression", "parse_document"]


def parse_document(
    text: str, path: str, front_matter_keys: frozenset[str] = DEFAULT_FRONT_MATTER_KEYS
) -> Document:
    index = LineIndex(text)
    starts = index.starts
    lines = [index.line_text(number) for number in range(index.line_count())]
    lowered = path.lower()
    if lowered.endswith(".txt"):
        blocks = parse_plaintext(lines, starts)
        code_lines: frozenset[int] = frozenset()
        footnotes: dict[str, int] = {}
    else:
        result = parse_markdown(text, lines, starts, front_matter_keys, mdx=lowered.endswith(".mdx"))
        blocks = result.blocks
        code_lines = frozenset(result.code_lines)
        footnotes = result.footnote_definitions
    blocks.sort(key=lambda block: (block.line, block.smap.start(0)))
    return Document(
        path=path,
        text=text,
        lines=index,
        blocks=blocks,
        suppressions=find_suppressions(text, index, code_lines),
        footnote_definitions=footnotes,
        code_lines=code_lines,
    )
