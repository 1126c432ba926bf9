"""Source text → :class:`Document` (prose blocks with source maps, suppressions)."""

from __future__ import annotations

from collections.abc import Mapping

from fitlint.document.formats import reader_for
from fitlint.document.frontmatter import LIST_KEYS
from fitlint.document.markdown import parse_markdown
from fitlint.document.model import Document, Link, ProseBlock, Suppression
from fitlint.document.plaintext import parse_plaintext
from fitlint.document.suppressions import find_suppressions
from fitlint.positions import LineIndex

# Front matter keys a site publishes: the page's title and description, and the lines themes
# print as a hero's tagline or a card's teaser (a search or Pinterest snippet's keys, such as
# seo_title and pin_description, are read as the key they end in: see frontmatter).
DEFAULT_FRONT_MATTER_KEYS = frozenset(
    {
        "title", "description", "excerpt", "summary", "subtitle",
        "tagline", "headline", "subheadline", "lead", "lede", "teaser", "blurb", "caption",
    }
    | LIST_KEYS  # lists a product or programme page prints as badges or bullet points
)  # fmt: skip

__all__ = ["Document", "Link", "ProseBlock", "Suppression", "parse_document"]


def parse_document(
    text: str,
    path: str,
    front_matter_keys: frozenset[str] = DEFAULT_FRONT_MATTER_KEYS,
    formats: Mapping[str, str] | None = None,
    reader: str | None = None,
) -> Document:
    """``formats``: the extension → reader setting; ``reader`` forces one. A path whose extension
    no reader claims (stdin, a file named on the command line) is read as Markdown."""
    index = LineIndex(text)
    starts = index.starts
    lines = [index.line_text(number) for number in range(index.line_count())]
    lowered = path.lower()
    reader = reader or reader_for(lowered, formats) or "markdown"
    code_lines: frozenset[int] = frozenset()
    footnotes: dict[str, int] = {}
    unread: tuple[int, str] | None = None
    if reader == "text":
        blocks = parse_plaintext(lines, starts)
    elif reader == "data":
        from fitlint.document.data import parse_data

        blocks = parse_data(text, lines, starts, lowered, front_matter_keys)
    elif reader == "html":
        from fitlint.document.html import parse_page  # html.parser: only runs that read HTML

        blocks, html_code_lines = parse_page(text, lines, starts, front_matter_keys)
        code_lines = frozenset(html_code_lines)
    elif reader == "feed":
        from fitlint.document.feeds import parse_feed  # expat: only runs that read feeds

        blocks, unread = parse_feed(text, starts, front_matter_keys)
    elif reader == "jsx":
        from fitlint.document.html import markup_lines
        from fitlint.document.jsx import parse_jsx  # tree-sitter: only runs that lint scripts

        blocks = parse_jsx(text, lowered, starts, front_matter_keys)
        code_lines = frozenset(markup_lines(blocks, lines))
    else:
        result = parse_markdown(
            text, lines, starts, front_matter_keys, mdx=lowered.endswith(".mdx")
        )
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
        unread=unread,
    )
