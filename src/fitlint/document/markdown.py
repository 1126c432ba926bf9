"""Markdown → prose blocks, via markdown-it-py (CommonMark + tables, strikethrough, footnotes).

Code (fenced, indented, inline), HTML comments and link and image URLs are not prose and are
dropped; an image's alt text is an attribute block, as in HTML; raw HTML blocks contribute their
visible text; front matter contributes only its published keys (title, description, …).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from fitlint.document.frontmatter import find_front_matter, published_values
from fitlint.document.inline import ContentMap, ProseBuilder, align_text
from fitlint.document.model import Cell, Link, ProseBlock
from fitlint.document.props import shortcode_line
from fitlint.lazyregex import lazy_compile

_CONTAINERS = {
    "blockquote_open": "blockquote",
    "list_item_open": "list_item",
    "footnote_open": "footnote",
    "td_open": "table_cell",
    "th_open": "table_cell",
}


_FOOTNOTE_DEFINITION = lazy_compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
# An MDX component that marks a citation: its name, then the id or number it points at.
_CITATION_COMPONENT = lazy_compile(
    r"<(Cite|Citation|Ref|Reference|Footnote|FootnoteRef|Fn)\b"
    r"(?:[^>]*?\b(?:id|n|num|ref|key|source)\s*=\s*[{\"']*([\w.-]+))?[^>]*>"
)
_HREF = lazy_compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", 2)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return (
        MarkdownIt(
            "commonmark", {"html": True, "linkify": False, "typographer": False, "maxNesting": 100}
        )
        .enable(["table", "strikethrough"])
        .use(footnote_plugin)
    )


class MarkdownResult:
    def __init__(self) -> None:
        self.blocks: list[ProseBlock] = []
        self.code_lines: set[int] = set()
        self.footnote_definitions: dict[str, int] = {}


_FENCE = lazy_compile(r"^ {0,3}(```+|~~~+)")
_COMPONENT_OPEN = lazy_compile(r"<([A-Z][\w.]*)(?=\s|/?>|$)")


def _has_expression_props(lines: list[str], first: int) -> bool:
    """Does the component opening at ``first`` take a JavaScript expression (``={[ … ]}``)?"""
    for line in lines[first:]:
        if not line.strip():
            return False
        if "={" in line.replace(" ", ""):
            return True
    return False


def _blank_expression_props(
    lines: list[str], first: int
) -> tuple[list[tuple[int, int, int]], int] | None:
    """Blank the JavaScript expressions (``features={[ … ]}``) in the props of the component
    whose opening tag starts at ``first``, with the props' names, with spaces of the same
    length: they are code, and the HTML reader can then read the tag's text props. Returns the
    one-line string literals inside them as (line, start, end), as a list of comments or quotes
    is copy, and the tag's last line; None, with the lines left as they were, when the tag does
    not close before a blank line (a brace or a quote this reading cannot balance)."""
    depth = 0
    quote = ""
    opened = (0, 0)
    strings: list[tuple[int, int, int]] = []
    original: dict[int, str] = {}
    for number in range(first, len(lines)):
        line = lines[number]
        if not line.strip():
            break
        original[number] = line
        chars = list(line)
        escaped = False
        for index, char in enumerate(chars):
            if quote:
                if escaped:
                    escaped = False
                elif char == "\\":
                    escaped = True
                elif char == quote:
                    if depth and opened[0] == number:
                        strings.append((number, opened[1], index))
                    quote = ""
                if depth:
                    chars[index] = " "
            elif char in "\"'`":
                quote, opened = char, (number, index + 1)
                if depth:
                    chars[index] = " "
            elif depth:
                if char == "{":
                    depth += 1
                elif char == "}":
                    depth -= 1
                chars[index] = " "
            elif char == "{":
                depth = 1
                chars[index] = " "
                _blank_prop_name(chars, index - 1)
            elif char == ">":
                lines[number] = "".join(chars)
                return strings, number
        lines[number] = "".join(chars)
        if quote and depth and quote != "`":
            quote = ""  # a JavaScript string does not run over lines: an apostrophe in JSX text
    for number, line in original.items():
        lines[number] = line
    return None


def _blank_prop_name(chars: list[str], back: int) -> None:
    """Blank ``name =`` before an expression's brace, so the tag's other props still parse."""
    while back >= 0 and chars[back] in " \t":
        back -= 1
    if back < 0 or chars[back] != "=":
        return
    end = back
    back -= 1
    while back >= 0 and chars[back] in " \t":
        back -= 1
    while back >= 0 and (chars[back].isalnum() or chars[back] in "-_:"):
        back -= 1
    for index in range(back + 1, end + 1):
        chars[index] = " "


def _string_builder(text: str, start: int, end: int) -> ProseBuilder:
    """A one-line string literal's text, its escapes (``\\'``) read as the characters they
    stand for."""
    builder = ProseBuilder()
    position = start
    while position < end:
        slash = text.find("\\", position, end)
        if slash < 0:
            builder.add_source_run(text[position:end], position)
            break
        if slash > position:
            builder.add_source_run(text[position:slash], position)
        if slash + 1 < end:
            builder.add_mapped(text[slash + 1], slash, 2)
        position = slash + 2
    return builder


def parse_markdown(
    text: str,
    lines: list[str],
    line_starts: list[int],
    front_matter_keys: frozenset[str],
    mdx: bool = False,
) -> MarkdownResult:
    result = MarkdownResult()
    section = -1
    body_lines = list(lines)
    front = find_front_matter(lines)
    if front is not None:
        for value in published_values(front, lines, line_starts, front_matter_keys):
            result.blocks.append(value.block())
        # Blank the front matter for the parser; line numbers stay aligned.
        for index in range(front.first_line, front.last_line + 1):
            body_lines[index] = ""
    expression_strings: list[tuple[int, int, int]] = []  # (line, start, end) in the source
    html_source = list(text) if mdx else []  # the source with JSX expressions blanked
    blanked = False
    if mdx:
        fence = ""
        for index, line in enumerate(body_lines):
            opening = _FENCE.match(line)
            if opening and (not fence or opening.group(1)[0] == fence):
                fence = "" if fence else opening.group(1)[0]
                continue
            if fence:
                continue  # code: a component in a fence is an example, not the page
            if line.startswith(("import ", "export ")):
                body_lines[index] = ""
                continue
            component = _COMPONENT_OPEN.match(line)
            if component is not None and len(component.group(1)) >= 3:
                # A component whose props run over several lines (<Hero⏎ title="…"⏎ />) is not
                # an HTML block to the Markdown parser; named as a <div> of the same length it
                # is, with its expression props blanked, the HTML reader reads its text props
                # from the source.
                blanked_tag = _blank_expression_props(body_lines, index)
                if blanked_tag is None:
                    if _has_expression_props(body_lines, index):
                        continue  # left to the Markdown parser: a paragraph, its strings text
                    blanked_tag = ([], index)
                strings, last = blanked_tag
                for number, start, end in strings:
                    expression_strings.append(
                        (number, line_starts[number] + start, line_starts[number] + end)
                    )
                for number in range(index, last + 1):
                    old, new = lines[number], body_lines[number]
                    if old == new:
                        continue
                    for column, (was, now) in enumerate(zip(old, new)):
                        if was != now:
                            html_source[line_starts[number] + column] = " "
                            blanked = True
                    if not new.strip():
                        # A line of the tag that was all expression must not read as a blank
                        # line, which would end the HTML block for the Markdown parser.
                        body_lines[number] = "." + new[1:]
                line = body_lines[index]
                name = component.group(1)
                body_lines[index] = "<div" + " " * (len(name) - 3) + line[1 + len(name) :]
    _read_shortcodes(body_lines, line_starts, expression_strings)
    html_text = "".join(html_source) if blanked else text
    tokens = _parser().parse("\n".join(body_lines))
    copy_fences = [
        token.map for token in tokens if token.type == "fence" and token.map and _holds_copy(token)
    ]
    if copy_fences:
        # Email and page copy kept in a fence ("### Content:" then ```): drop the fence lines and
        # read what they held as Markdown (or its HTML as HTML). Line numbers stay aligned.
        for first, last in copy_fences:
            body_lines[first] = ""
            if last - 1 > first and body_lines[last - 1].strip().startswith(("```", "~~~")):
                body_lines[last - 1] = ""
        tokens = _parser().parse("\n".join(body_lines))
    containers: list[str] = []
    table_cursor: dict[int, int] = {}
    pending_footnote: str | None = None
    cell: Cell | None = None  # the table cell being read: (table, row, column, header)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "table_open":
            cell = Cell(line_starts[token.map[0]] if token.map else index, -1, -1, False)
        elif kind == "tr_open" and cell is not None:
            cell = cell._replace(row=cell.row + 1, column=-1)
        elif kind in ("th_open", "td_open") and cell is not None:
            cell = cell._replace(column=cell.column + 1, header=kind == "th_open")
        if kind in _CONTAINERS:
            containers.append(_CONTAINERS[kind])
            if kind == "footnote_open":
                pending_footnote = str(token.meta.get("label", token.meta.get("id", "")))
            continue
        if kind.endswith("_close") and kind.replace("_close", "_open") in _CONTAINERS:
            if containers:
                containers.pop()
            continue
        if kind in ("fence", "code_block") and token.map:
            result.code_lines.update(range(token.map[0], token.map[1]))
            continue
        if pending_footnote is not None and token.map:
            result.footnote_definitions[pending_footnote] = token.map[0]
            pending_footnote = None
        if kind == "html_block" and token.map:
            from fitlint.document.html import parse_html  # html.parser: only for HTML blocks

            first, last = token.map
            base = line_starts[first]
            end = line_starts[last] if last < len(line_starts) else len(text)
            found = parse_html(
                html_text, line_starts, front_matter_keys, base, end, section, page=False
            )
            section = found.section
            outer = tuple(containers)
            for block in found.blocks:
                block.containers = outer + block.containers
                result.blocks.append(block)
            result.code_lines.update(found.code_lines)
            continue
        if kind != "inline" or not token.map:
            continue
        parent = tokens[index - 1].type if index else ""
        heading_level = 0
        if parent == "heading_open":
            block_kind = "heading"
            heading_level = int(tokens[index - 1].tag[1:])
            section += 1
        elif containers and containers[-1] == "table_cell":
            block_kind = "table_cell"
        elif containers and containers[-1] in ("list_item", "footnote"):
            block_kind = containers[-1]
        else:
            block_kind = "paragraph"
        first = token.map[0]
        hint = table_cursor.get(first, 0) if block_kind == "table_cell" else 0
        to_source = ContentMap.locate(token.content, lines, line_starts, first, hint)
        if block_kind == "table_cell":
            table_cursor[first] = to_source(len(token.content)) - line_starts[first]
        block, alts = _inline_block(token, to_source)
        block.kind = block_kind
        block.line = first
        block.end_line = max(first, token.map[1] - 1)
        block.section = section
        block.heading_level = heading_level
        block.containers = tuple(containers)
        if block_kind == "table_cell":
            block.cell = cell
        if block.text.strip():
            result.blocks.append(block)
        for alt in alts:
            # An image's alt text is published copy (read aloud, shown when the image is not),
            # as an HTML <img alt> is.
            result.blocks.append(
                alt.block("attribute", line_starts, section, "alt", tuple(containers))
            )
    # Definitions nobody references are dropped by the footnote plugin: find them in the source.
    for number, line in enumerate(body_lines):
        definition = _FOOTNOTE_DEFINITION.match(line)
        if definition and number not in result.code_lines:
            result.footnote_definitions.setdefault(definition.group(1), number)
    if expression_strings:
        # Sentences held in components' expressions (comments={[{ text: "…" }]}) are copy,
        # placed among the blocks in source order.
        merged: list[ProseBlock] = []
        section_now = -1
        pending = iter(expression_strings)
        waiting = next(pending, None)
        for block in [*result.blocks, None]:
            while waiting is not None and (block is None or waiting[0] < block.line):
                line, start, end = waiting
                value = text[start:end]
                if len(value.split()) >= 3 and any(char.isalpha() for char in value):
                    builder = _string_builder(text, start, end)
                    merged.append(builder.block("attribute", line_starts, section_now, "prop"))
                waiting = next(pending, None)
            if block is not None:
                merged.append(block)
                if block.kind == "heading":
                    section_now = block.section
        result.blocks = merged
    # An image's alt text that repeats the title or a heading (a post's cover image) is that
    # copy in a second place, not new copy.
    titles = {
        _normalised(block.text)
        for block in result.blocks
        if block.kind == "heading" or (block.kind == "front_matter" and block.key == "title")
    }
    result.blocks = [
        block
        for block in result.blocks
        if not (
            block.kind == "attribute" and block.key == "alt" and _normalised(block.text) in titles
        )
    ]
    return result


def _read_shortcodes(
    body_lines: list[str], line_starts: list[int], strings: list[tuple[int, int, int]]
) -> None:
    """A line that is one Hugo shortcode or Liquid include ("{{< product tagline="…" >}}") is
    markup, not a paragraph: blank it, and keep its text-valued parameters, which the page shows,
    as strings to read."""
    fence = ""
    for number, line in enumerate(body_lines):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1)[0] == fence):
            fence = "" if fence else opening.group(1)[0]
            continue
        if fence or "{" not in line:
            continue
        spans = shortcode_line(line)
        if spans is None:
            continue
        body_lines[number] = ""
        start = line_starts[number]
        strings.extend((number, start + first, start + last) for first, last in spans)
    strings.sort()


def _normalised(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".!?:")


def _inline_block(token: Token, to_source: ContentMap) -> tuple[ProseBlock, list[ProseBuilder]]:
    """The inline token's prose, and the alt text of each image in it."""
    content = token.content
    builder = ProseBuilder()
    alts: list[ProseBuilder] = []
    links: list[Link] = []
    footnote_refs: list[tuple[int, str]] = []
    open_links: list[tuple[int, str]] = []
    html_links = 0  # of open_links, those opened by an inline <a> tag
    cursor = 0
    in_autolink = False
    for child in token.children or []:
        ctype = child.type
        if in_autolink and ctype != "link_close":
            continue  # an autolink's text is its URL: not prose
        if ctype == "text":
            if "[[" in child.content:
                cursor = _align_wiki_text(builder, child.content, content, cursor, to_source)
            else:
                cursor = align_text(builder, child.content, content, cursor, to_source)
        elif ctype in ("softbreak", "hardbreak"):
            cursor = _add_break(builder, content, cursor, to_source)
        elif ctype == "code_inline":
            # Find the span by its backtick fences: the parser has already turned line endings
            # inside it into spaces, so its content is not a substring of the source.
            opening = content.find("`", cursor)
            if opening >= 0:
                run = len(child.markup) or 1
                closing = content.find(child.markup or "`", opening + run)
                while (
                    closing >= 0 and closing + run < len(content) and content[closing + run] == "`"
                ):
                    closing = content.find(child.markup or "`", closing + run + 1)
                builder.add_mapped(" ", to_source(opening), 0)
                cursor = closing + run if closing >= 0 else opening + run
        elif ctype == "link_open" and child.markup == "autolink":
            in_autolink = True
            links.append(Link(builder.length, builder.length, str(child.attrs.get("href", ""))))
            found = content.find("<", cursor)
            if found >= 0:
                cursor = found
        elif ctype == "link_close" and in_autolink:
            in_autolink = False
            found = content.find(">", cursor)
            cursor = found + 1 if found >= 0 else cursor
        elif ctype == "link_open":
            open_links.append((builder.length, str(child.attrs.get("href", ""))))
            bracket = content.find("[", cursor)
            if bracket >= 0:
                cursor = bracket + 1
        elif ctype == "link_close":
            if open_links:
                start, href = open_links.pop()
                links.append(Link(start, builder.length, href))
            cursor = _skip_link_destination(content, cursor)
        elif ctype == "image":
            opening = content.find("![", cursor)
            if opening >= 0 and any(char.isalpha() for char in child.content):
                alt_builder = ProseBuilder()
                at = opening + 2
                for part in child.children or []:  # the alt's words, without their emphasis
                    if part.type in ("text", "code_inline"):
                        at = align_text(alt_builder, part.content, content, at, to_source)
                    elif part.type in ("softbreak", "hardbreak"):
                        at = _add_break(alt_builder, content, at, to_source)
                if alt_builder.length:
                    alts.append(alt_builder)
            cursor = _skip_link_destination(
                content, content.find("]", cursor) if "]" in content[cursor:] else cursor
            )
        elif ctype == "footnote_ref":
            label = str(child.meta.get("label", ""))
            footnote_refs.append((builder.length, label))
            marker = content.find("[^", cursor)
            if marker >= 0:
                close = content.find("]", marker)
                cursor = close + 1 if close >= 0 else cursor
        elif ctype == "html_inline":
            found = content.find(child.content, cursor)
            if found >= 0:
                tag = child.content.lower()
                citation = _CITATION_COMPONENT.match(child.content)
                if tag.startswith("<br"):
                    builder.add_mapped(" ", to_source(found), 0)
                elif citation is not None:
                    # An MDX citation marker (<Cite id="kostek" />, <Ref n={2} />) renders as a
                    # numbered link to the reference list, as a footnote reference does.
                    footnote_refs.append((builder.length, citation.group(2) or citation.group(1)))
                elif (
                    tag.startswith("<a") and tag[2:3].isspace()
                ):  # <a href="…">: a link, as in HTML
                    href = _HREF.search(child.content)
                    open_links.append(
                        (
                            builder.length,
                            (href.group(1) or href.group(2) or href.group(3) or "") if href else "",
                        )
                    )
                    html_links += 1
                elif tag.startswith("</a") and html_links and open_links:
                    html_links -= 1
                    start, href = open_links.pop()
                    links.append(Link(start, builder.length, href))
                cursor = found + len(child.content)
        # em/strong/s open/close: markup only, the aligner skips their characters.
    paragraph = ProseBlock(
        kind="paragraph",
        text=builder.text(),
        smap=builder.smap,
        line=0,
        end_line=0,
        section=-1,
        links=links,
        footnote_refs=footnote_refs,
    )
    return paragraph, alts


def _add_break(builder: ProseBuilder, content: str, cursor: int, to_source: ContentMap) -> int:
    """A line break becomes one space, mapped onto the end of the source line; returns the
    cursor after it."""
    newline = content.find("\n", cursor)
    if newline < 0:
        newline = len(content)
    builder.add_mapped(" ", to_source(newline), 0)
    return newline + 1 if newline < len(content) else newline


# A wiki link (Obsidian, Foam, Quartz): [[note_name]] or [[note_name | the words shown]].
_WIKI_LINK = lazy_compile(r"\[\[([^\[\]|\n]+?)(?:\s*\|\s*([^\[\]\n]+?))?\s*\]\]")


def _align_wiki_text(
    builder: ProseBuilder, text: str, content: str, cursor: int, to_source: ContentMap
) -> int:
    """Align a text token that holds wiki links: a link reads as the words it shows (its label,
    or the note's name), not as its target and brackets."""
    last = 0
    for link in _WIKI_LINK.finditer(text):
        cursor = align_text(builder, text[last : link.start()], content, cursor, to_source)
        opening = content.find("[[", cursor)
        if opening < 0:
            break
        label = link.group(2)
        shown_at = content.find("|", opening) + 1 if label else opening + 2
        cursor = align_text(builder, label or link.group(1), content, shown_at, to_source)
        closing = content.find("]]", cursor)
        cursor = closing + 2 if closing >= 0 else cursor
        last = link.end()
    return align_text(builder, text[last:], content, cursor, to_source)


def _skip_link_destination(content: str, cursor: int) -> int:
    """Move past ``](destination "title")`` or ``][ref]`` after a link's text."""
    close = content.find("]", cursor)
    if close < 0:
        return cursor
    after = close + 1
    if after < len(content) and content[after] == "(":
        depth = 0
        for index in range(after, len(content)):
            if content[index] == "(":
                depth += 1
            elif content[index] == ")":
                depth -= 1
                if depth == 0:
                    return index + 1
        return len(content)
    if after < len(content) and content[after] == "[":
        end = content.find("]", after)
        return end + 1 if end >= 0 else after
    return after


# Fences that may hold published copy rather than code: no language, a text-like one, or HTML.
_COPY_FENCE_INFO = frozenset(
    {"", "text", "txt", "plain", "plaintext", "email", "markdown", "md", "html"}
)
_TAG = lazy_compile(
    r"<(?:style|script)\b.*?</(?:style|script)\s*>|<[^<>]{0,2000}>|&#?\w{1,10};", 16
)
_PLACEHOLDER = lazy_compile(r"\{\{?[^{}\n]{0,40}\}\}?")  # {first_name}, {{ name }}
_CODE_SIGNS = lazy_compile(
    r"[{}=\\|`]|;[ \t]*$|\$(?!\d)|^\s*(?:#!|//|>>>|def |import |function |const |var |let )", 8
)
_SENTENCE = lazy_compile(r"[a-z]{2,}[,;]?\s+[a-z]{2,}\s+[a-z]{2,}[^.!?\n]{0,200}[.!?]")


def _holds_copy(token: Token) -> bool:
    """Is a fenced block prose a reader sees (an email body, a page's copy), not code? Its
    language is none, text or HTML, and without tags and placeholders it reads as sentences
    with next to no code punctuation."""
    info = token.info.strip().lower().split(" ")[0] if token.info else ""
    if info not in _COPY_FENCE_INFO:
        return False
    content = _PLACEHOLDER.sub(" ", _TAG.sub(" ", token.content))
    words = sum(1 for word in content.split() if word.isalpha())
    if words < 20:
        return False
    signs = len(_CODE_SIGNS.findall(content))
    return signs * 40 <= words and len(_SENTENCE.findall(content.lower())) >= 2
