"""What the parsers produce: a Document of prose blocks, each with a map back to the source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from fitlint.document.sourcemap import SourceMap
from fitlint.positions import LineIndex


class Link(NamedTuple):
    prose_start: int
    prose_end: int
    href: str


class Cell(NamedTuple):
    """Where a table cell sits: its table (the table's source offset, unique in a document), row
    and column (from 0), and whether it is a header cell."""

    table: int
    row: int
    column: int
    header: bool


def header_rows(blocks: Sequence[ProseBlock]) -> dict[int, list[int]]:
    """For each table, its header rows in order: rows made only of header cells (a ``<th>``
    that labels a data row does not make its row a header)."""
    only_headers: dict[tuple[int, int], bool] = {}
    for block in blocks:
        cell = block.cell
        if cell is not None:
            key = (cell.table, cell.row)
            only_headers[key] = only_headers.get(key, True) and cell.header
    rows: dict[int, list[int]] = {}
    for (table, row), headers in only_headers.items():
        if headers:
            rows.setdefault(table, []).append(row)
    for found in rows.values():
        found.sort()
    return rows


def document_header_rows(document: Document) -> dict[int, list[int]]:
    """:func:`header_rows` of a document's blocks, computed once per document."""
    rows = document.derived.get("header_rows")
    if not isinstance(rows, dict):
        rows = document.derived["header_rows"] = header_rows(document.blocks)
    return rows


@dataclass
class ProseBlock:
    # heading | paragraph | list_item | table_cell | html | front_matter | footnote; from HTML also
    # attribute (alt, aria-label … text; ``key`` names the attribute) and control (a button, or a
    # block that is one link: navigation and calls to action)
    kind: str
    text: str
    smap: SourceMap
    line: int  # 0-based first source line
    end_line: int  # 0-based last source line (inclusive)
    section: int  # index of the heading this block sits under (-1 before any heading)
    heading_level: int = 0
    containers: tuple[str, ...] = ()  # e.g. ("blockquote", "list_item")
    links: list[Link] = field(default_factory=list)
    footnote_refs: list[tuple[int, str]] = field(default_factory=list)  # (prose offset, label)
    key: str = ""  # front matter key for front_matter blocks
    cell: Cell | None = None  # for table cells

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.smap.span(start, end)


class Suppression(NamedTuple):
    kind: str  # next-line | disable | enable | file
    codes: frozenset[str]  # empty = every code
    start: int  # offset of the comment
    end: int
    line: int


@dataclass
class Document:
    path: str
    text: str
    lines: LineIndex
    blocks: list[ProseBlock]
    suppressions: list[Suppression] = field(default_factory=list)
    footnote_definitions: dict[str, int] = field(default_factory=dict)  # label -> line
    code_lines: frozenset[int] = frozenset()
    # Where the reader had to stop and why (a feed that is not well-formed XML past some point):
    # what came before it is linted, and the run reports the rest as not read.
    unread: tuple[int, str] | None = None
    # Analyses several checks share (e.g. the citation index), computed once per document.
    derived: dict[str, object] = field(default_factory=dict)
