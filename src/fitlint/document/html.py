"""HTML → prose blocks, for HTML pages, templates read as HTML, and raw HTML inside Markdown.

What a reader or a search result sees is prose: visible text by block (``h1``–``h6`` headings
that open sections, paragraphs, list items, table cells, captions, quotes), the ``<title>`` and
``<meta name="description">`` (as front-matter ``title`` and ``description``), and the text of
``alt``, ``title`` (images), ``aria-label``, ``placeholder`` and ``data-pin-description``
attributes. Scripts (JSON-LD too), styles, templates, SVG, code, comments, social cards (``og:*``,
``twitter:*``) and URLs are not prose; ``noscript`` is (a page's fallback copy, shown to readers
without scripts and to search engines: reviews, a product's story).

The standard library's parser reads a copy of the source in which template code is masked with
spaces (see :mod:`fitlint.document.templates`), so its positions are the source's. Runs of
whitespace (and ``<br>``, and masked template code) become one space mapped onto the whole run;
entities are decoded and mapped onto their source characters. Links are recorded as in Markdown,
so a link to a study cites the sentence around it.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import NamedTuple

from fitlint.document.inline import ProseBuilder
from fitlint.document.model import Cell, Link, ProseBlock
from fitlint.document.props import (
    component_source,
    is_name_prop,
    is_text_prop,
    names_something_sold,
)
from fitlint.document.templates import (
    Region,
    code_strings,
    data_field,
    markup_strings,
    mask,
    mask_except,
    metadata_strings,
    string_literal,
    template_regions,
)
from fitlint.document.figures import join_figures
from fitlint.lazyregex import lazy_compile

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


# Inline elements a stat widget styles as separate items.
_ITEM_TAGS = frozenset({"span", "strong", "b", "em", "small", "label"})
_CLOSED_INLINE = lazy_compile(rf"</(?:{'|'.join(sorted(_ITEM_TAGS))})>$", re.IGNORECASE)


def _separate_spans(source: str, offset: int, start_tag: str) -> bool:
    """Does an inline element that follows another with no space begin a separate item? Stat
    widgets write "<span>94%</span><span>felt slimmer</span>" or "<strong>11 lbs</strong><span>
    average loss</span>" and style each as a block; a figure or a mark against a word, or a
    word against a figure, is two items. Letters on both sides ("<span>Un</span><span>real
    </span>", a word split for an animation) stay one word; so does a figure's own unit."""
    closed = _CLOSED_INLINE.search(source, max(0, offset - 9), offset)
    if closed is None:
        return False
    before = source[closed.start() - 1 : closed.start()]
    after = source[offset + len(start_tag) : offset + len(start_tag) + 1]
    if not before or not after or before.isspace() or after.isspace():
        return False
    if before.isalpha() and after.isalpha():
        return _figure_before(source, closed.start())
    return (not before.isalnum() and after.isalpha()) or (before.isalpha() and after.isdigit())


_FIGURE_END = lazy_compile(
    r">\s*[$£€]?\d[\d.,]*\s?(?:lbs?|kgs?|kilos?|cm|in|st|k|x)$", re.IGNORECASE
)


def _figure_before(source: str, end: int) -> bool:
    """Is the element that closes at ``end`` a figure with its unit ("<strong>11 lbs")?"""
    return _FIGURE_END.search(source, max(0, end - 24), end) is not None


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Elements whose start and end separate blocks of prose.
_BLOCKS = _names(
    """address article aside blockquote body button caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html
    label legend li main menu nav ol optgroup option p section summary table tbody td tfoot th thead title
    tr ul select pre textarea iframe object video audio canvas"""
    # MJML's email layout: each section, column, text and button renders as its own block.
    """ mj-body mj-wrapper mj-section mj-group mj-column mj-hero mj-text mj-button mj-title
    mj-preview mj-accordion mj-accordion-element mj-accordion-title mj-accordion-text
    mj-navbar mj-navbar-link mj-social mj-social-element mj-raw mj-head mj-carousel"""
)
# Elements read as the HTML element they render: MJML's table holds plain rows and cells.
_ALIASES = {"mj-table": "table"}
# Elements whose content is never prose. Scripts and styles are raw text to the parser; the rest
# are counted so nested markup inside them is skipped as a whole.
_HIDDEN = _names(
    "script style template svg math iframe object canvas video audio textarea pre code kbd samp"
    " mj-style mj-attributes mj-breakpoint mj-font"
)
_CODE = _names("code kbd samp")  # inline code: a gap in the sentence, as in Markdown
_VOID = _names("area base br col embed hr img input link meta param source track wbr")
_GAPS = _names("br img input embed")  # a line break or an object between words
# Phrasing elements: their tags neither break a block nor separate words. Any other element this
# reader does not know (a custom element, a component) separates words.
_INLINE = _names(
    """a abbr acronym b bdi bdo big cite data del dfn em font i ins mark nobr q rp rt ruby s
    small span strike strong sub sup time tt u var wbr"""
)
# Text attributes that are published copy (search results, screen readers, Pinterest pins).
_TEXT_ATTRIBUTES = ("alt", "aria-label", "placeholder", "data-pin-description")
# Containers whose kind a block of text inside them takes, innermost first.
_KIND_OF = {"li": "list_item", "td": "table_cell", "th": "table_cell"}
_KIND_STOPS = frozenset({"blockquote", "table", "ul", "ol", "dl", "figure"})
_CONTAINER_NAMES = {
    "blockquote": "blockquote",
    "li": "list_item",
    "td": "table_cell",
    "th": "table_cell",
}
# Elements an opening tag of the same name closes, and where that search stops.
_IMPLIED_END = {
    "p": frozenset(_BLOCKS - {"p"}),
    "li": frozenset({"ul", "ol", "menu"}),
    "dt": frozenset({"dl"}),
    "dd": frozenset({"dl"}),
    "tr": frozenset({"table"}),
    "td": frozenset({"tr", "table"}),
    "th": frozenset({"tr", "table"}),
    "option": frozenset({"select", "datalist"}),
}

_NOT_SPACE = lazy_compile(r"[^ \t\n\r\f]")
_ODD_SPACE = lazy_compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")  # whitespace that is not one plain space
_ENTITY = lazy_compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ATTRIBUTE = lazy_compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_TAG_NAME = lazy_compile(r"<[^\s/>]+")
# Props a component lists bullets under, bound to an array of strings: ``:features="['…', '…']"``.
_LIST_PROPS = frozenset(
    {"features", "benefits", "bullets", "items", "perks", "highlights", "points", "includes"}
)
# A stat badge's props: the figure ("94%", "9 of 10", "-5.2 cm") and the words under it.
_FIGURE_PROPS = ("value", "stat", "number", "figure", "metric", "amount", "count", "num")
_LABEL_PROPS = ("label", "text", "caption", "description")
_CARD_FIGURE = lazy_compile(
    r"\s*(?:(?:up\s+to|over|~)\s*)?[-−+]?\d[\d.,]*(?:\s*(?:%|x|×|k\+?|\+|cm|mm|kg|kgs|lbs?|pounds|"
    r"inch(?:es)?|in|kcal|calories|sizes?|days?|weeks?|minutes?))?\s*"
    r"|\s*\d+\s+(?:out\s+)?(?:of|in)\s+\d+\s*",
    2,
)
_URL_LIKE = lazy_compile(
    r"^(?:[a-z][a-z0-9+.-]*:|//|/|#|\.{1,2}/)\S*$|^\S+\.(?:php|html?|png|jpe?g|gif|svg|webp|avif)$",
    2,
)


class _Prose:
    """One block's prose being built: whitespace runs collapse into one mapped space."""

    __slots__ = ("builder", "pending")

    def __init__(self) -> None:
        self.builder = ProseBuilder()
        self.pending: tuple[int, int] | None = None  # source span of whitespace not yet emitted

    @property
    def length(self) -> int:
        return self.builder.length + (1 if self.pending is not None and self.builder.length else 0)

    def gap(self, start: int, end: int) -> None:
        if self.builder.length:
            self.pending = (self.pending[0] if self.pending is not None else start, end)

    def add(self, source: str, start: int, end: int) -> None:
        """Source characters ``source[start:end]`` (text, no tags).

        A lone space between words stays as it is; any other run of whitespace (line breaks,
        indentation, blanked template code) becomes one space mapped onto the run. Most text
        is then one identity run per source line."""
        first = _NOT_SPACE.search(source, start, end)
        if first is None:
            self.gap(start, end)
            return
        if first.start() > start:
            self.gap(start, first.start())
        last = end
        while source[last - 1] in " \t\n\r\f":
            last -= 1
        position = first.start()
        for space in _ODD_SPACE.finditer(source, position, last):
            self._word(source, position, space.start())
            self.gap(space.start(), space.end())
            position = space.end()
        self._word(source, position, last)
        if last < end:
            self.gap(last, end)

    def add_decoded(self, decoded: str, start: int, end: int) -> None:
        if decoded.isspace() and decoded.isascii():
            self.gap(start, end)
            return
        self._flush_gap()
        self.builder.add_mapped(decoded, start, end - start)

    def _flush_gap(self) -> None:
        if self.pending is not None:
            if self.builder.length:
                start, end = self.pending
                self.builder.add_mapped(" ", start, end - start)
            self.pending = None

    def _word(self, source: str, start: int, end: int) -> None:
        self._flush_gap()
        if "&" not in source[start:end]:
            self.builder.add_source_run(source[start:end], start)
            return
        position = start
        for entity in _ENTITY.finditer(source, start, end):
            if entity.start() > position:
                self.builder.add_source_run(source[position : entity.start()], position)
            self.builder.add_mapped(
                html.unescape(entity.group()), entity.start(), entity.end() - entity.start()
            )
            position = entity.end()
        if position < end:
            self.builder.add_source_run(source[position:end], position)


class HtmlResult(NamedTuple):
    blocks: list[ProseBlock]
    section: int
    code_lines: set[int]


@dataclass
class _OpenTable:
    """A table being read, at its current cell."""

    cell: Cell
    next_column: int = 0  # the column the row's next cell takes
    spanned: dict[int, int] = field(default_factory=dict)  # column -> rows a rowspan still fills
    occupied: set[int] = field(default_factory=set)  # columns a rowspan fills in this row


class _Reader(HTMLParser):
    def __init__(
        self,
        source: str,
        base: int,
        line_starts: Sequence[int],
        section: int,
        page: bool,
        titles: bool = False,
        components: Mapping[int, str] | None = None,
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.titles = titles  # every title attribute is copy (a component's title prop)
        # Where a component renamed for reading (<Hero …> read as <div …>) starts its tag, and
        # its name: its text props are copy, as a component's are.
        self.components = components or {}
        self.source = source  # the masked text; same offsets as the original
        self.base = base  # offset of the fed text in the source
        self.line_starts = line_starts  # the document's lines (CRLF, CR or LF)
        # The parser counts LF only; with a lone CR about, its lines are not the document's.
        self.pos_starts = _lf_table(source) or line_starts
        self.first_line = bisect.bisect_right(self.pos_starts, base) - 1
        self.section = section
        self.page = page
        self.blocks: list[ProseBlock] = []
        self.code_lines: set[int] = set()
        self.stack: list[str] = []  # open block elements
        self.roles: list[str] = []  # for each open block element, the headline role its class names
        self.hidden: list[tuple[str, int]] = []  # open hidden elements, with their start offsets
        self.prose = _Prose()
        self.open_links: list[list] = []  # [prose start, href]
        self.links: list[Link] = []
        self.tables: list[_OpenTable] = []  # nested ones last

    # -- positions -----------------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        if line == 1:
            return self.base + column
        return self.pos_starts[self.first_line + line - 1] + column

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    # -- blocks --------------------------------------------------------------------------------
    def _kind(self) -> tuple[str, int, str]:
        for tag in reversed(self.stack):
            if tag in _HEADINGS:
                return "heading", _HEADINGS[tag], ""
            if tag in ("title", "mj-title"):
                return "front_matter", 0, "title"
            if tag == "mj-preview":  # the preheader an inbox shows beside the subject
                return "front_matter", 0, "description"
            kind = _KIND_OF.get(tag)
            if kind is not None:
                return kind, 0, ""
            if tag in _KIND_STOPS:
                break
        return "paragraph", 0, ""

    def flush(self) -> None:
        builder = self.prose.builder
        if self.open_links:
            for link in self.open_links:
                if builder.length > link[0]:
                    self.links.append(Link(link[0], builder.length, link[1]))
                link[0] = 0
        text = builder.text()
        if text.strip():
            kind, level, key = self._kind()
            if kind == "front_matter" and (not self.page or self.hidden):
                kind, key = "paragraph", ""
            if kind == "paragraph" and self._is_control(len(text)):
                kind = "control"
            if kind == "paragraph" and not key:
                key = next((role for role in reversed(self.roles) if role), "")
            if kind == "heading":
                self.section += 1
            self._emit(kind, builder, level=level, key=key, links=self.links)
        self.prose = _Prose()
        self.links = []

    def _is_control(self, length: int) -> bool:
        """A button, or a block that is one link and nothing else: navigation and calls to
        action, which pages repeat by design (still read for claims, never as pasted copy)."""
        if self.stack and self.stack[-1] == "button":
            return True
        return (
            len(self.links) == 1
            and self.links[0].prose_start == 0
            and self.links[0].prose_end >= length
        )

    def _emit(
        self, kind: str, builder: ProseBuilder, level: int = 0, key: str = "", links=()
    ) -> None:
        start = builder.smap.start(0)
        end = builder.smap.end(builder.length)
        self.blocks.append(
            ProseBlock(
                kind=kind,
                text=builder.text(),
                smap=builder.smap,
                line=self._line(start),
                end_line=self._line(max(start, end - 1)),
                section=-1 if kind == "front_matter" else self.section,
                heading_level=level,
                containers=tuple(_CONTAINER_NAMES[t] for t in self.stack if t in _CONTAINER_NAMES),
                links=list(links),
                key=key,
                cell=self.tables[-1].cell if kind == "table_cell" and self.tables else None,
            )
        )

    # -- tags ----------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        tag = _ALIASES.get(tag, tag)
        self._start(tag, attrs, self_closing=tag in _VOID)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._start(_ALIASES.get(tag, tag), attrs, self_closing=True)

    def _start(self, tag: str, attrs, self_closing: bool) -> None:
        if self.hidden:
            if tag in _HIDDEN and not self_closing:
                self.hidden.append((tag, -1))
            return
        offset = self._offset()
        if tag in _BLOCKS:
            self.flush()
            if not self_closing and tag not in _VOID:
                self._close_implied(tag)
                self.stack.append(tag)
                self.roles.append("" if tag in _PAGE_WRAPPERS else _headline_role(attrs))
                self._table_position(tag, offset, attrs)
        elif tag in _GAPS or tag not in _INLINE:
            # A line break, an image, an element this reader does not know: a space, never glue.
            self.prose.gap(offset, offset + len(self.get_starttag_text() or ""))
        elif tag in _ITEM_TAGS and _separate_spans(
            self.source, offset, self.get_starttag_text() or ""
        ):
            self.prose.gap(offset, offset)
        if attrs:
            self._attributes(tag, attrs, offset)
        if tag == "template" and not self.stack and not self.hidden:
            pass  # a single-file component's own markup (Vue, Svelte): the page it renders
        elif tag in _HIDDEN and not self_closing:
            if tag in _CODE:
                self.prose.gap(offset, offset)
            self.hidden.append((tag, offset))
        elif tag == "a" and not self_closing:
            href = next((value for name, value in attrs if name == "href"), None)
            self.open_links.append([self.prose.length, (href or "").strip()])

    def _table_position(self, tag: str, offset: int, attrs) -> None:
        """Keep count of the open table's rows and columns: a colspan takes several columns, and
        a rowspan keeps its columns taken in the rows below."""
        if tag == "table":
            self.tables.append(_OpenTable(Cell(offset, -1, -1, False)))
            return
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == "tr":
            table.cell = table.cell._replace(row=table.cell.row + 1, column=-1)
            table.next_column = 0
            table.occupied = {column for column, left in table.spanned.items() if left > 0}
            for column in table.occupied:
                table.spanned[column] -= 1
        elif tag in ("td", "th"):
            column = table.next_column
            while column in table.occupied:
                column += 1
            table.cell = Cell(table.cell.table, max(table.cell.row, 0), column, tag == "th")
            width, height = _span(attrs, "colspan"), _span(attrs, "rowspan")
            table.next_column = column + width
            if height > 1:
                for taken in range(column, column + width):
                    table.spanned[taken] = height - 1

    def _close_table(self) -> None:
        if self.tables:
            self.tables.pop()

    def _close_implied(self, tag: str) -> None:
        stops = _IMPLIED_END.get(tag)
        if stops is None:
            return
        for depth in range(len(self.stack) - 1, -1, -1):
            open_tag = self.stack[depth]
            if open_tag == tag:
                for _ in range(self.stack[depth:].count("table")):
                    self._close_table()  # a table left open inside the element closed here
                del self.stack[depth:]
                del self.roles[depth:]
                return
            if open_tag in stops:
                return

    def handle_endtag(self, tag: str) -> None:
        tag = _ALIASES.get(tag, tag)
        if self.hidden:
            names = [name for name, _ in self.hidden]
            if tag not in names:
                return
            while self.hidden:
                name, start = self.hidden.pop()
                if name == tag:
                    break
            if not self.hidden and tag in _CODE:
                end = self._offset() + len(tag) + 3
                self.prose.gap(start, end)
            if not self.hidden and tag in ("pre", "code", "script", "style") and start >= 0:
                first = self._line(start)
                self.code_lines.update(range(first + 1, self._line(self._offset()) + 1))
            if tag not in _BLOCKS:
                return
        if tag in _BLOCKS:
            if tag in self.stack:
                self.flush()
                while self.stack:
                    closed = self.stack.pop()
                    self.roles.pop()
                    if closed == "table":
                        self._close_table()
                    if closed == tag:
                        break
            else:
                self.flush()
        elif tag == "a" and self.open_links:
            start, href = self.open_links.pop()
            end = self.prose.builder.length
            if end > start:
                self.links.append(Link(start, end, href))

    # -- text ----------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        start = self._offset()
        self.prose.add(self.source, start, start + len(data))

    def _entity(self, head: str) -> None:
        if self.hidden:
            return
        start = self._offset()
        end = start + len(head)
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[start:end]
        decoded = html.unescape(raw)
        if decoded == raw:
            self.prose.add(self.source, start, end)
        else:
            self.prose.add_decoded(decoded, start, end)

    def handle_entityref(self, name: str) -> None:
        self._entity("&" + name)

    def handle_charref(self, name: str) -> None:
        self._entity("&#" + name)

    # -- attributes ----------------------------------------------------------------------------
    def _attributes(self, tag: str, attrs, offset: int) -> None:
        names = {name for name, _ in attrs}
        if tag == "meta":
            if self.page and any(
                n == "name" and (v or "").strip().lower() == "description" for n, v in attrs
            ):
                self._attribute_blocks(offset, ("content",), "front_matter", "description")
            return
        wanted = [name for name in _TEXT_ATTRIBUTES if name in names]
        if "title" in names and (tag == "img" or self.titles):
            wanted.append("title")
        raw = self.get_starttag_text() or ""
        source = ""
        if raw[1:2].isupper() or tag.startswith("x-") or offset in self.components:
            # A JSX or Blade component (<BuyButton label="…" />, <x-plan-card title="…" />): its
            # text props are what the page shows.
            wanted += [name for name in sorted(names) if name not in wanted and is_text_prop(name)]
            wanted += [
                name
                for name, value in attrs
                if name not in wanted and is_name_prop(name) and names_something_sold(value or "")
            ]
            source = component_source(attrs)
            joined = self._stat_card(offset, raw, source)
            if joined is not None:
                wanted = [name for name in wanted if name != joined]
            self._bound_list_props(offset, raw)
            name_end = _TAG_NAME.match(raw)
            component = self.components.get(offset) or (raw[1 : name_end.end()] if name_end else "")
            if _MYTH_COMPONENT.search(component):
                # <Myth claim="…">, <MythCard title="…">: the claim it states, to refute it
                stated = [name for name in wanted if name in _STATED_PROPS]
                if stated:
                    self._attribute_blocks(offset, tuple(stated), "attribute", "myth", source)
                wanted = [name for name in wanted if name not in _STATED_PROPS]
        if tag == "input" and "value" in names:
            kind = next((v for n, v in attrs if n == "type"), "") or ""
            if kind.lower() in ("submit", "button"):
                wanted.append("value")
        if wanted:
            self._attribute_blocks(offset, tuple(wanted), "attribute", "", source)

    def _bound_list_props(self, offset: int, raw: str) -> None:
        """A component's bound list of bullets (``:features="['Macro-matched meal plan', 'The
        14-Day Belly Blitz program']"`` in Blade or Vue): each string is a bullet the page shows."""
        for match in _ATTRIBUTE.finditer(raw, 1):
            name = match.group(1).lower()
            bound = name[1:] if name.startswith(":") else name.partition("v-bind:")[2]
            group = 2 if match.group(2) is not None else 3 if match.group(3) is not None else 0
            if not group or bound.replace("-", "").replace("_", "") not in _LIST_PROPS:
                continue  # a bound text prop (:title="'…'") is read with the other text props
            start, stop = offset + match.start(group), offset + match.end(group)
            inner = "'" if group == 2 else '"'
            position = self.source.find(inner, start, stop)
            while position >= 0:
                literal = string_literal(self.source, position, stop)
                if literal is None:
                    break
                end = literal.smap.end(literal.length) + 1 if literal.length else position + 2
                value = literal.text()
                if len(value.split()) >= 2 and any(char.isalpha() for char in value):
                    self._emit("list_item", literal, key=bound)
                position = self.source.find(inner, end, stop)

    def _stat_card(self, offset: int, raw: str, source: str) -> str | None:
        """A stat badge's figure and label as one sentence (<StatBadge value="9 of 10"
        label="participants see results in the first week" />), the gap between them a space;
        the label prop's name when joined."""
        spans: dict[str, tuple[int, int]] = {}
        for match in _ATTRIBUTE.finditer(raw, 1):
            name = match.group(1).lower()
            group = next((g for g in (2, 3) if match.group(g) is not None), None)
            if group is not None and name not in spans:
                spans[name] = (offset + match.start(group), offset + match.end(group))
        figure = next(
            (
                spans[name]
                for name in _FIGURE_PROPS
                if name in spans and _CARD_FIGURE.fullmatch(self.source[slice(*spans[name])])
            ),
            None,
        )
        label = next((name for name in _LABEL_PROPS if name in spans), None)
        if figure is None or label is None or spans[label][0] < figure[1]:
            return None
        words = self.source[slice(*spans[label])]
        if not any(char.isalpha() for char in words) or _URL_LIKE.match(words.strip()):
            return None
        prose = _Prose()
        prose.add(self.source, *figure)
        prose.gap(figure[1], spans[label][0])
        prose.add(self.source, *spans[label])
        links = [Link(0, prose.builder.length, source)] if source else ()
        self._emit("attribute", prose.builder, key=label, links=links)
        return label

    def _attribute_blocks(
        self, offset: int, wanted: tuple[str, ...], kind: str, key: str, source: str = ""
    ) -> None:
        """Blocks of the wanted attributes' values; ``source``: a study the element cites (a
        card's DOI), linked from each of its blocks as a link in the text would be."""
        raw = self.get_starttag_text() or ""
        name_end = _TAG_NAME.match(raw)
        position = name_end.end() if name_end else 1
        seen: set[str] = set()
        for match in _ATTRIBUTE.finditer(raw, position):
            name = match.group(1).lower()
            if name not in wanted:
                continue
            group = next((g for g in (2, 3, 4) if match.group(g) is not None), None)
            if group is None:
                continue
            value = match.group(group)
            if not value.strip() or _URL_LIKE.match(value.strip()):
                continue
            prose = _Prose()
            prose.add(self.source, offset + match.start(group), offset + match.end(group))
            text = prose.builder.text()
            if not text.strip():
                continue
            if kind != "front_matter":
                normalised = " ".join(text.lower().split())
                if normalised in seen:
                    continue  # an image's alt text repeated as its title: one place in the copy
                seen.add(normalised)
            links = [Link(0, len(text), source)] if source else ()
            self._emit(kind, prose.builder, key=key or name, links=links)

    def close(self) -> None:
        super().close()
        self.flush()


# Components that set out a myth to refute it, and the props that state it.
_MYTH_COMPONENT = lazy_compile(r"(?i)myth|misconception|busted|debunk|factcheck|fact-check")
_STATED_PROPS = frozenset({"claim", "myth", "statement", "title", "heading", "text", "quote"})

# Class names that mark an element as the page's headline copy: "tagline", "hero__subtitle",
# "product-title", "lede". Text in it sells the page as a title or heading does.
_HEADLINE_CLASS = lazy_compile(
    r"(?:^|[\s_-])(?:headline|subheadline|subhead|tagline|slogan|strapline|title|subtitle|lede|hero)(?:$|[\s_-])",
    2,
)


def _span(attrs, name: str) -> int:
    """A cell's colspan or rowspan: a whole number from 1 to 1,000 (anything else counts as 1)."""
    value = next((value for key, value in attrs if key == name), None) or "1"
    value = value.strip()
    return min(int(value), 1000) if value.isdigit() and int(value) > 0 else 1


# Elements that wrap a whole page or article: a class on them ("single hide-title") styles the
# page, it does not make every paragraph a headline.
_PAGE_WRAPPERS = frozenset({"html", "body", "main", "article"})


def _headline_role(attrs) -> str:
    """The headline role the element's class names ("tagline"), or ""."""
    for name, value in attrs:
        if name == "class" and value:
            for token in value.split():
                if not token.lower().startswith(("hide-", "no-", "has-", "without-")) and (
                    _HEADLINE_CLASS.search(token)
                ):
                    return "tagline"
    return ""


@lru_cache(maxsize=2)
def _lf_table(source: str) -> tuple[int, ...] | None:
    """The parser's line starts (LF only) when the text has a CR, else None; computed once per
    text, since a feed reads each of its posts as a part of the same masked text."""
    return tuple(_lf_starts(source)) if "\r" in source else None


def _lf_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def parse_html(
    text: str,
    line_starts: Sequence[int],
    front_matter_keys: frozenset[str],
    start: int = 0,
    end: int | None = None,
    section: int = -1,
    page: bool = True,
    masked: str | None = None,
    templates: bool = True,
    titles: bool = False,
    script: tuple[int, int] | None = None,
    components: Mapping[int, str] | None = None,
) -> HtmlResult:
    """Prose blocks of ``text[start:end]`` (``start`` at a line start).

    ``page``: a whole page or template, whose ``<title>``, meta description and template
    metadata strings are its front matter; false for an HTML block inside Markdown.
    ``masked``: ``text`` with other non-prose already blanked (front matter, script code).
    ``templates``: mask template code; ``titles``: every ``title`` attribute is copy.
    ``script``: the span of a page's component script (Astro front matter), whose strings are
    read like a template's. ``components``: where the tags of components renamed to HTML
    elements start (see :mod:`fitlint.document.jsx`).
    """
    end = len(text) if end is None else end
    source = text if masked is None else masked
    if not templates:
        regions = []
    elif start or end != len(text):
        regions = template_regions(source[start:end])
    else:
        regions = template_regions(source)
    if start and regions:
        regions = [r._replace(start=r.start + start, end=r.end + start) for r in regions]
    if script is not None:
        regions = [Region(script[0], script[1], "script"), *regions]
    blocks: list[ProseBlock] = []
    strings: list[ProseBlock] = []
    if regions:
        # What a template's code prints where it stands is read in place, like the markup around it.
        printed = markup_strings(text, regions) if templates else []
        if page:
            metadata = metadata_strings(text, regions, front_matter_keys)
            for item in metadata:
                blocks.append(item.builder.block("front_matter", line_starts, -1, item.key))
            taken = {item.builder.smap.start(0) for item in metadata}
            taken.update(start for start, _ in printed)  # read in place below, not twice
            strings = [
                builder.block(
                    "attribute", line_starts, section, data_field(text, builder.smap.start(0))
                )
                for builder in code_strings(text, regions, taken)
            ]
        source = mask_except(source, ((r.start, r.end) for r in regions), printed)
    reader = _Reader(source, start, line_starts, section, page, titles, components)
    try:
        reader.feed(source[start:end])
        reader.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; never let markup stop a lint run
        reader.flush()
    read = join_figures(reader.blocks)  # stat cards: "98%" then "Success Rate" is one claim
    if strings:
        blocks.extend(in_page_order(read, strings, section))
    else:
        blocks.extend(read)
    return HtmlResult(blocks, reader.section, reader.code_lines)


def in_page_order(
    read: list[ProseBlock], strings: list[ProseBlock], section: int
) -> list[ProseBlock]:
    """Strings from template code among the markup's blocks, each under the heading the markup
    before it stands under (the reader knew the headings; the strings were found before it ran)."""
    found = {id(block) for block in strings}
    merged = sorted(read + strings, key=lambda block: block.smap.start(0))
    current = section
    for block in merged:
        if id(block) in found:
            block.section = current
        else:
            current = block.section
    return merged


def parse_page(
    text: str, lines: list[str], line_starts: Sequence[int], front_matter_keys: frozenset[str]
) -> tuple[list[ProseBlock], set[int]]:
    """A whole HTML page or template: its front matter (Jekyll, Hugo), its metadata and its prose."""
    from fitlint.document.frontmatter import find_front_matter, published_values

    blocks: list[ProseBlock] = []
    masked = None
    front = find_front_matter(lines)
    if front is not None:
        for value in published_values(front, lines, list(line_starts), front_matter_keys):
            blocks.append(value.block())
        end = (
            line_starts[front.last_line + 1]
            if front.last_line + 1 < len(line_starts)
            else len(text)
        )
        masked = mask(text, [(0, end)])
    script = None
    if front is not None and not blocks and _SCRIPT_FENCE.search(text, 0, end):
        script = (0, end)  # an Astro page's front matter is its script: its strings may be copy
    elif front is None:
        script = component_script(text)
    result = parse_html(text, line_starts, front_matter_keys, masked=masked, script=script)
    blocks.extend(result.blocks)
    return blocks, result.code_lines | markup_lines(blocks, lines)


def component_script(text: str) -> tuple[int, int] | None:
    """The span of a single-file component's script: a ``<script>`` at the start of a line beside
    a root ``<template>`` (Vue), whose data (testimonials, cards, taglines) the template renders.
    Read like a template's code: only strings that read as prose count. A plain page's inline
    scripts stay code."""
    if not _ROOT_TEMPLATE.search(text):
        return None
    opened = _ROOT_SCRIPT.search(text)
    if opened is None:
        return None
    closed = text.find("</script>", opened.end())
    return (opened.end(), closed) if closed > opened.end() else None


_ROOT_TEMPLATE = lazy_compile(r"^<template[\s>]", re.MULTILINE)
_ROOT_SCRIPT = lazy_compile(r"^<script\b(?![^>]*\bsrc=)[^>]*>", re.MULTILINE)


# Front matter that is code, not YAML: an Astro component script.
_SCRIPT_FENCE = lazy_compile(
    r"^\s*(?:import\s|export\s|const\s|let\s|var\s|function\s)", re.MULTILINE
)


def markup_lines(blocks: Sequence[ProseBlock], lines: Sequence[str]) -> set[int]:
    """Lines of a page that hold no prose: markup, code, template logic (a suppression comment's
    line excepted, in an HTML or a JSX comment). Checks that compare raw lines (pasted passages)
    leave them alone."""
    prose: set[int] = set()
    for block in blocks:
        prose.update(range(block.line, block.end_line + 1))
    return {
        number
        for number, line in enumerate(lines)
        if number not in prose and "<!--" not in line and "fitlint-" not in line
    }
