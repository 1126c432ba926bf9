"""Plain text → prose blocks: paragraphs separated by blank lines.

A paragraph that is one short line without closing punctuation reads as a heading (plain-text
articles put headings on their own line), which matters for section-level checks. Articles with
one paragraph per line and no blank lines are split at each line that ends a sentence.
"""

from __future__ import annotations

from fitlint.document.inline import ProseBuilder
from fitlint.document.model import ProseBlock
from fitlint.lazyregex import lazy_compile

_HEADING_MAX_CHARS = 90
_SENTENCE_END = tuple(".!?:;…\"'”’)")
_HEADING_END = tuple(".!:;,…")
_LIST_MARKER = lazy_compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s")


def _wrapped(line: str, following: str) -> bool:
    """Does ``line`` continue on ``following`` (hard-wrapped prose)?

    Plain-text articles come two ways: hard-wrapped at ~72 columns, or one paragraph per line
    with no blank lines between. A long line that stops mid-sentence, followed by a line that
    starts mid-sentence, is wrapped; anything else ends its paragraph.
    """
    stripped = line.rstrip()
    nxt = following.lstrip()
    if _LIST_MARKER.match(following):
        return False  # a list item starts its own block
    return (
        len(stripped) >= 50
        and not stripped.endswith(_SENTENCE_END)
        and not nxt[:1].isupper()
        and not nxt[:1].isdigit()
    )


def parse_plaintext(lines: list[str], line_starts: list[int]) -> list[ProseBlock]:
    blocks: list[ProseBlock] = []
    section = -1
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        first = index
        builder = ProseBuilder()
        while index < len(lines) and lines[index].strip():
            if builder.length and not _wrapped(lines[index - 1], lines[index]):
                break  # the previous line ended its paragraph (an unwrapped one-line paragraph)
            line = lines[index]
            stripped = line.strip()
            column = line.find(stripped)
            if builder.length:
                previous_end = line_starts[index - 1] + len(lines[index - 1].rstrip())
                builder.add_mapped(" ", previous_end, 0)
            builder.add_source_run(stripped, line_starts[index] + column)
            index += 1
        text = builder.text()
        is_heading = (
            index - first == 1
            and len(text) <= _HEADING_MAX_CHARS
            and not text.rstrip().endswith(_HEADING_END)
            and index < len(lines)
            and any(line.strip() for line in lines[index : index + 2])  # text follows it
        )
        if is_heading:
            section += 1
        kind = (
            "heading"
            if is_heading
            else "list_item"
            if _LIST_MARKER.match(lines[first])
            else "paragraph"
        )
        blocks.append(
            ProseBlock(
                kind=kind,
                text=text,
                smap=builder.smap,
                line=first,
                end_line=index - 1,
                section=section,
                heading_level=2 if is_heading else 0,
            )
        )
    return blocks
