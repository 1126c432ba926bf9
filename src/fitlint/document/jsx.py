"""JavaScript, TypeScript, JSX and TSX → prose blocks, through tree-sitter's grammars.

The copy of a script is its JSX text and the string props that render as text (``alt``,
``title``, ``aria-label``, ``placeholder``), the metadata strings it exports (``title:``,
``description:`` … as in Next.js's ``export const metadata``), and HTML held in string or
template literals. Imports, identifiers, class names and every ``{expression}`` are code.

The parser's tree decides what is code; a copy of the source in which everything else is blanked
(same length, line breaks kept) then goes through the HTML reader, one JSX tree or HTML string at
a time, so ranges are the source's own. Components are read as the elements they stand for: a
``Link`` is a link, a few text wrappers are inline, any other component separates blocks.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

from fitlint.document.html import in_page_order, parse_html
from fitlint.document.model import ProseBlock
from fitlint.document.templates import (
    MARKUP_STRING,
    STAT_FIGURE,
    data_field,
    figure_and_label,
    keyed_copy,
    metadata_key,
    reads_as_prose,
    string_literal,
)

_JSX_ROOTS = frozenset({"jsx_element", "jsx_self_closing_element"})
_TAGS = frozenset({"jsx_opening_element", "jsx_closing_element", "jsx_self_closing_element"})
_STRINGS = frozenset({"string", "template_string"})
# Components that wrap words inside a sentence (rendered as <a> or <span>, or as their text).
_LINKS = frozenset({"link", "nextlink", "routerlink", "navlink", "anchor", "externallink"})
_INLINE = frozenset(
    {"trans", "formattedmessage", "strong", "em", "b", "i", "highlight", "mark", "tooltip", "abbr"}
)
_MAX_DEPTH = 400
# Object keys whose strings are code, not copy, however sentence-like they read.
_CODE_KEYS = frozenset(
    {"classname", "class", "style", "href", "src", "url", "path", "id", "key", "type", "icon"}
    | {"image", "img", "color", "variant", "slug", "query", "sql", "pattern", "regex", "format"}
)


# Translation lookups whose arguments hold the copy a screen shows: i18next and vue-i18n's t and
# $t, gettext's _ and __ (also Laravel's and WordPress's __), Qt's tr.
_TRANSLATORS = frozenset({"t", "$t", "_", "__", "gettext", "translate", "tr", "i18n"})


@lru_cache(maxsize=3)
def _parser(grammar: str) -> Any:
    from tree_sitter import Language, Parser

    if grammar == "javascript":
        import tree_sitter_javascript as module

        language = module.language()
    else:
        import tree_sitter_typescript as module

        language = module.language_tsx() if grammar == "tsx" else module.language_typescript()
    return Parser(Language(language))


def grammar_for(path: str) -> str:
    lowered = path.lower()
    if lowered.endswith(".tsx"):
        return "tsx"
    if lowered.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    return "javascript"  # JavaScript's grammar reads JSX too


class _Offsets:
    """UTF-8 byte offsets (tree-sitter's) → str offsets."""

    def __init__(self, text: str) -> None:
        self.ascii = text.isascii()
        self.byte_starts: list[int] = []  # byte offset of each non-ASCII character
        self.extra: list[int] = []  # extra bytes up to and including that character
        if not self.ascii:
            extra = 0
            for index, char in enumerate(text):
                if char >= "\x80":
                    self.byte_starts.append(index + extra)
                    extra += len(char.encode("utf-8", "surrogatepass")) - 1
                    self.extra.append(extra)

    def __call__(self, byte: int) -> int:
        if self.ascii:
            return byte
        before = bisect.bisect_left(self.byte_starts, byte)
        return byte - (self.extra[before - 1] if before else 0)


class _Painter:
    """Builds the masked copy: code blank, JSX trees and HTML strings as they are."""

    def __init__(self, text: str, keys: frozenset[str]) -> None:
        self.text = text
        self.keys = keys
        self.chars = [ch if ch in "\r\n" else " " for ch in text]
        self.offset = _Offsets(text)
        self.roots: list[tuple[int, int]] = []  # spans of the masked copy to read as HTML
        self.apart: list[tuple[int, int]] = []  # HTML strings inside a tag: read on their own
        self.metadata: list[tuple[str, Any]] = []  # (key, ProseBuilder)
        self.strings: list[Any] = []  # ProseBuilders of strings a page shows as data
        self.components: dict[int, str] = {}  # where renamed components' tags start: names

    def span(self, node: Any) -> tuple[int, int]:
        return self.offset(node.start_byte), self.offset(node.end_byte)

    def paint(self, start: int, end: int) -> None:
        self.chars[start:end] = self.text[start:end]

    def blank(self, start: int, end: int) -> None:
        self.chars[start:end] = [ch if ch in "\r\n" else " " for ch in self.text[start:end]]

    def masked(self) -> str:
        return "".join(self.chars)

    # -- the walk ------------------------------------------------------------------------------
    def visit(
        self,
        node: Any,
        in_jsx: bool = False,
        in_attribute: bool = False,
        in_root: bool = False,
        depth: int = 0,
    ) -> None:
        """``in_jsx``: among an element's children; ``in_root``: inside a span already read as
        HTML (an expression inside JSX: what it holds is painted back, not read twice)."""
        if depth > _MAX_DEPTH:
            return
        kind = node.type
        if kind in _JSX_ROOTS:
            if in_attribute:
                return  # an element passed as a prop sits inside a tag: not read
            if not in_jsx:
                start, end = self.span(node)
                self.paint(start, end)
                if not in_root:
                    self.roots.append((start, end))
        if kind in _TAGS:
            self.rename(node)
        if kind == "jsx_expression":
            self.blank(*self.span(node))
            attribute = node.parent is not None and node.parent.type == "jsx_attribute"
            for child in node.named_children:
                self.visit(child, False, attribute, in_root, depth + 1)
            return
        if kind == "comment":
            if in_jsx:
                self.blank(*self.span(node))
            return
        if kind in _STRINGS and not in_jsx:
            self.string(node, in_attribute, in_root, depth)
            return
        inside = in_jsx or kind in _JSX_ROOTS
        root = in_root or kind in _JSX_ROOTS
        for child in node.children:
            self.visit(child, inside, in_attribute, root, depth + 1)

    def rename(self, node: Any) -> None:
        """``<Hero>`` → a block; ``<Link>`` → ``<a>``; ``<>`` fragments → nothing."""
        name = node.child_by_field_name("name")
        if name is None:
            self.blank(*self.span(node))  # <> and </>
            return
        start, end = self.span(name)
        label = self.text[start:end]
        if not label[:1].isupper() and "." not in label and ":" not in label:
            return  # an HTML element
        base = label.rsplit(".", 1)[-1].lower()
        if base in _LINKS:
            replacement = "a"
        elif base in _INLINE:
            replacement = "span" if end - start >= 4 else "b"
        else:
            replacement = "div" if end - start >= 3 else "p"
            if node.type != "jsx_closing_element":
                self.components[self.span(node)[0]] = label  # its text props are copy
        self.chars[start:end] = replacement.ljust(end - start)

    def string(self, node: Any, in_attribute: bool, in_root: bool, depth: int) -> None:
        start, end = self.span(node)
        key = self.metadata_name(node)
        if key is not None:
            literal = string_literal(self.text, start, end)
            if literal is not None and literal.text().strip():
                self.metadata.append((key, literal))
            return
        content = self.text[start + 1 : end - 1]
        if in_root and not in_attribute and node.type == "string" and self.in_place(node, content):
            # "<p>{'Melt your love handles'}</p>", "<h1>{t('Burn belly fat …')}</h1>": the text
            # the element shows where it stands, read with the markup around it.
            self.paint(start + 1, end - 1)
            return
        # Data a prop passes (items={[{ text: "…" }]}) is shown as much as data a page keeps.
        if (in_attribute or not in_root) and self.shown_data(node):
            literal = string_literal(self.text, start, end)
            if literal is not None and (
                reads_as_prose(literal.text()) or keyed_copy(self.key_of(node), literal.text())
            ):
                self.strings.append(self.with_figure(node, start, end) or literal)
                return
        if MARKUP_STRING.search(content):
            if in_attribute:  # dangerouslySetInnerHTML={{__html: "<p>…</p>"}}: inside a tag
                self.apart.append((start + 1, end - 1))
            else:
                self.paint(start + 1, end - 1)
                if not in_root:
                    self.roots.append((start + 1, end - 1))
        for child in node.named_children:
            if child.type == "template_substitution":
                self.blank(*self.span(child))
                for inner in child.named_children:
                    self.visit(inner, False, in_attribute, in_root, depth + 1)

    def in_place(self, node: Any, content: str) -> bool:
        """Is this string an element's child as it stands: the whole of a ``{…}`` expression among
        the element's children, or the text a translation call there is given? A key
        ("goal.belly") or a path is not words."""
        parent = node.parent
        if parent is not None and parent.type == "arguments":
            call = parent.parent
            if not self.translated(call):
                return False
            parent = call.parent
        if parent is None or parent.type != "jsx_expression":
            return False
        if parent.parent is None or parent.parent.type == "jsx_attribute":
            return False
        words = content.strip()
        return " " in words and "\\" not in words  # words, not a key or a path; no escapes

    def with_figure(self, node: Any, start: int, end: int) -> Any | None:
        """A stat card's figure and its text as one sentence: in "{ value: '87%', label: 'of
        users saw a smaller waist' }" the label reads on from the figure, the code between them
        as a space. None when the pair before this one holds no figure alone."""
        pair = node.parent
        if pair is None or pair.type != "pair" or pair.parent is None:
            return None
        previous = pair.prev_named_sibling
        if previous is None or previous.type != "pair":
            return None
        value = previous.child_by_field_name("value")
        if value is None or value.type != "string":
            return None
        figure_start, figure_end = self.span(value)
        if STAT_FIGURE.fullmatch(self.text[figure_start + 1 : figure_end - 1]) is None:
            return None
        return figure_and_label(self.text, figure_start, figure_end, start, end)

    def key_of(self, node: Any) -> str:
        """The key a string is the value of in an object literal ("" when it is not one)."""
        parent = node.parent
        if parent is None or parent.type != "pair" or parent.child_by_field_name("value") != node:
            return ""
        key = parent.child_by_field_name("key")
        return self.text[slice(*self.span(key))].strip("'\"`") if key is not None else ""

    def shown_data(self, node: Any) -> bool:
        """Is a string data a page renders: an item of an array, or a property's value under a
        key that is not code ("testimonials = [{ text: '…' }]", "features: ['…', '…']")?"""
        parent = node.parent
        if parent is None:
            return False
        if parent.type == "array":
            return True
        if parent.type == "arguments":
            return self.translated(parent.parent)
        if parent.type != "pair" or parent.child_by_field_name("value") != node:
            return False
        return self.key_of(node).lower() not in _CODE_KEYS

    def translated(self, call: Any) -> bool:
        """Is this call a translation lookup, ``t("goal.belly", "Lose belly fat")`` or
        ``i18n.t(…)``, ``__("…")``? Its text argument is the copy the screen shows until a
        translation replaces it (the key, "goal.belly", does not read as prose)."""
        if call is None or call.type != "call_expression":
            return False
        function = call.child_by_field_name("function")
        if function is not None and function.type == "member_expression":
            function = function.child_by_field_name("property")
        if function is None:
            return False
        return self.text[slice(*self.span(function))] in _TRANSLATORS

    def metadata_name(self, node: Any) -> str | None:
        """The front-matter key a string is the value of: ``title: "…"``, ``const description = "…"``."""
        parent = node.parent
        if parent is None:
            return None
        if parent.type == "pair" and parent.child_by_field_name("value") == node:
            name_node = parent.child_by_field_name("key")
        elif parent.type == "variable_declarator" and parent.child_by_field_name("value") == node:
            name_node = parent.child_by_field_name("name")
        elif parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
            name_node = parent.child_by_field_name("left")
            if name_node is not None and name_node.type == "member_expression":
                name_node = name_node.child_by_field_name("property")
        else:
            return None
        if name_node is None or name_node.type not in (
            "property_identifier",
            "identifier",
            "string",
            "shorthand_property_identifier",
        ):
            return None
        name = self.text[slice(*self.span(name_node))].strip("'\"`")
        return metadata_key(name, self.keys)


def parse_jsx(
    text: str, path: str, line_starts: list[int], front_matter_keys: frozenset[str]
) -> list[ProseBlock]:
    tree = _parser(grammar_for(path)).parse(text.encode("utf-8", "surrogatepass"))
    painter = _Painter(text, front_matter_keys)
    painter.visit(tree.root_node)
    blocks: list[ProseBlock] = []
    for key, builder in painter.metadata:
        start = builder.smap.start(0)
        end = builder.smap.end(builder.length)
        blocks.append(
            ProseBlock(
                kind="front_matter",
                text=builder.text(),
                smap=builder.smap,
                line=bisect.bisect_right(line_starts, start) - 1,
                end_line=bisect.bisect_right(line_starts, max(start, end - 1)) - 1,
                section=-1,
                key=key,
            )
        )
    masked = painter.masked()
    blank = None
    spans = [(start, end, False) for start, end in painter.roots]
    spans += [(start, end, True) for start, end in painter.apart]
    section = -1
    for start, end, apart in sorted(spans):
        source = masked
        if apart:
            blank = (
                blank if blank is not None else "".join(ch if ch in "\r\n" else " " for ch in text)
            )
            source = blank[:start] + text[start:end] + blank[end:]
        found = parse_html(
            text,
            line_starts,
            front_matter_keys,
            start,
            end,
            section,
            page=True,
            masked=source,
            templates=False,
            titles=True,
            components=painter.components,
        )
        section = found.section
        blocks.extend(found.blocks)
    if painter.strings:
        shown = [
            builder.block("attribute", line_starts, -1, data_field(text, builder.smap.start(0)))
            for builder in painter.strings
        ]
        front = [block for block in blocks if block.kind == "front_matter"]
        rest = [block for block in blocks if block.kind != "front_matter"]
        blocks = front + in_page_order(rest, shown, -1)
    return blocks
