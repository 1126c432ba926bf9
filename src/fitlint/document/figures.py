"""Stat cards: a figure set apart from its label.

Landing pages show counters as a number in one element and what it counts in the next
("<h2>98%</h2><p>Success Rate</p>", "<strong>11 lbs</strong> <span>average loss in 6 weeks</span>"
styled as blocks). Read apart, "98%" says nothing and "Success Rate" has no figure; the page
shows one claim, "98% Success Rate", and that is what the rules should read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fitlint.document.model import Link, ProseBlock
from fitlint.document.sourcemap import SourceMap
from fitlint.lazyregex import lazy_compile

# A figure and nothing else: "98%", "6000+", "11 lbs", "2.4\"", "3x", "$49", "10k+".
_FIGURE = lazy_compile(
    r"^\W{0,2}[$£€₹]?\d[\d.,]*\s?(?:%|\+|k|x|×|lbs?|kgs?|kilos?|in|inches|cm|\"|”|″|st|stone)?\+?\*?\s*$",
    re.IGNORECASE,
)
MAX_LABEL_WORDS = 12  # a card's label is short; a paragraph after a counter is not its label
_JOINABLE = ("heading", "paragraph")


def join_figures(blocks: Sequence[ProseBlock]) -> list[ProseBlock]:
    """The blocks, each bare figure joined to the short label right after it."""
    joined: list[ProseBlock] = []
    index = 0
    while index < len(blocks):
        figure = blocks[index]
        label = blocks[index + 1] if index + 1 < len(blocks) else None
        if label is not None and _card(figure, label):
            joined.append(_join(figure, label))
            index += 2
        else:
            joined.append(figure)
            index += 1
    return joined


def _card(figure: ProseBlock, label: ProseBlock) -> bool:
    return (
        figure.kind in _JOINABLE
        and label.kind in _JOINABLE
        and _FIGURE.match(figure.text) is not None
        and _FIGURE.match(label.text) is None
        and any(c.isalpha() for c in label.text)
        and len(label.text.split()) <= MAX_LABEL_WORDS
        and 0 <= label.line - figure.end_line <= 2
    )


def _join(figure: ProseBlock, label: ProseBlock) -> ProseBlock:
    """One paragraph, "<figure> <label>": the space between stands for the markup between."""
    shift = len(figure.text) + 1
    smap = SourceMap()
    for segment in figure.smap.segments:
        smap.add(*segment)
    gap = figure.smap.end(len(figure.text))
    smap.add(len(figure.text), gap, 1, max(label.smap.start(0) - gap, 0))
    for prose_start, src_start, prose_len, src_len in label.smap.segments:
        smap.add(prose_start + shift, src_start, prose_len, src_len)
    return ProseBlock(
        kind="paragraph",
        text=f"{figure.text} {label.text}",
        smap=smap,
        line=figure.line,
        end_line=label.end_line,
        section=label.section,
        containers=label.containers,
        links=[
            *figure.links,
            *(Link(k.prose_start + shift, k.prose_end + shift, k.href) for k in label.links),
        ],
        footnote_refs=[
            *figure.footnote_refs,
            *((at + shift, name) for at, name in label.footnote_refs),
        ],
        key=figure.key or label.key,
    )
