"""RSS and Atom feeds and WordPress exports (WXR) → prose blocks.

A feed or an export holds a site's posts: each item's title, summary and HTML body (usually in a
CDATA section). Any other XML (a sitemap, a build file, a layout) holds no copy and gives no
blocks, so ``.xml`` files can be read by default.

The stdlib's expat parser finds the elements and their byte offsets; no entity is expanded and a
document that declares any is not read. A copy of the source with everything but the chosen
elements' content blanked (same length, line breaks kept), CDATA markers blank and each element's
tags ending in a short HTML tag (``<title>`` → ``   <h2>``), then goes through the HTML reader one
post at a time, so ranges are the source's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple
from xml.parsers import expat

from fitlint.document.html import parse_html
from fitlint.document.model import ProseBlock
from fitlint.lazyregex import lazy_compile

_ROOTS = frozenset({"rss", "feed", "rdf"})  # RSS 2.0 and WXR, Atom, RSS 1.0
_ENTRIES = frozenset({"item", "entry"})
# What each element is read as: a title is a heading, a summary or body a block of HTML.
_READ_AS = {
    "title": "h2",
    "description": "div",
    "summary": "div",
    "subtitle": "div",
    "content": "div",
    "encoded": "div",  # content:encoded, excerpt:encoded
    "comment_content": "div",  # a WordPress comment, shown under its post
    "meta_value": "div",  # a post's SEO title or description (see _SEO_KEY)
}
# The post meta an SEO plugin prints as the page's title or meta description.
_SEO_KEY = lazy_compile(
    r"(?i)^(?!.*(?:opengraph|twitter|og[_-])).*(?:metadesc|description|seo_?title|_title)$"
)
# What a readable element may stand in.
_PARENTS = frozenset({"item", "entry", "channel", "feed", "comment", "postmeta"})
# WordPress items that are not posts or pages: media, menus, revisions.
_NOT_POSTS = frozenset({"attachment", "nav_menu_item", "revision", "wp_navigation"})
# A start tag, its attributes quoted ("<title type='a>b'>").
_START_TAG = lazy_compile(
    r"""<[^\s/>]+(?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*/?>"""
)
_CDATA_MARKER = lazy_compile(r"<!\[CDATA\[|\]\]>")
# HTML escaped into text: a tag (its attributes may hold escaped "&amp;" and quotes) or a comment.
_ESCAPED_MARKUP = lazy_compile(
    r"&lt;!--.*?--&gt;|&lt;/?[A-Za-z](?:[^&<>]|&(?:amp|quot|apos|#\d+|#x[0-9A-Fa-f]+);)*?&gt;",
    re.DOTALL,
)
_CDATA_OPEN = "<![CDATA["


def _local(name: str) -> str:
    """``content:encoded`` and ``{namespace}encoded`` → ``encoded``."""
    return name.rsplit(":", 1)[-1].rsplit("}", 1)[-1].lower()


class _Element:
    __slots__ = ("name", "start", "end", "entry")

    def __init__(self, name: str, start: int, entry: int) -> None:
        self.name = name
        self.start = start  # byte offset of its start tag's "<"
        self.end = -1  # byte offset of its end tag's "<"
        self.entry = entry  # the item it belongs to, or -1 for the channel


def _elements(data: bytes) -> tuple[list[_Element], dict[int, str], _Broken | None] | None:
    """The readable elements of a feed, each item's WordPress post type, and where the feed
    stops being well-formed XML if it does (the elements closed before that point are kept: a
    truncated export loses only its tail); None when the document is not a feed."""
    # The text was decoded already and is handed over as UTF-8, whatever its declaration says.
    parser = expat.ParserCreate("UTF-8")
    stack: list[str] = []  # local names of the open elements
    open_: list[_Element | None] = []
    found: list[_Element] = []
    post_types: dict[int, str] = {}
    entries = 0
    entry = -1
    outer: list[int] = []  # the items an item is nested in (a malformed export)
    collected: list[str] = []  # the text of a post type or a meta key, while it is read
    meta_key = ""

    rooted = False  # a feed's root element was opened

    def start(name: str, _attrs: dict) -> None:
        nonlocal entries, entry, rooted
        local = _local(name)
        if not stack and local not in _ROOTS:
            raise _NotAFeed
        rooted = True
        element = None
        if local in _ENTRIES:
            outer.append(entry)
            entry = entries
            entries += 1
        elif local in ("post_type", "meta_key"):
            collected.clear()
        elif (
            local in _READ_AS
            and stack
            and stack[-1] in _PARENTS
            and (local != "meta_value" or _SEO_KEY.search(meta_key))
        ):
            element = _Element(local, parser.CurrentByteIndex, entry)
            found.append(element)
        stack.append(local)
        open_.append(element)

    def end(_name: str) -> None:
        nonlocal entry, meta_key
        element = open_.pop()
        local = stack.pop()
        if element is not None:
            element.end = parser.CurrentByteIndex
        if local in _ENTRIES:
            entry = outer.pop() if outer else -1
        elif local == "post_type" and entry >= 0:
            post_types[entry] = "".join(collected).strip().lower()
        elif local == "meta_key":
            meta_key = "".join(collected).strip()
        elif local == "postmeta":
            meta_key = ""

    def text(value: str) -> None:
        if stack and stack[-1] in ("post_type", "meta_key"):
            collected.append(value)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = _refuse_entities
    try:
        parser.Parse(data, True)
    except _NotAFeed:
        return None
    except expat.ExpatError as exc:
        if not rooted:
            return None  # broken before any element: not taken for a feed
        at = max(0, min(parser.ErrorByteIndex, len(data)))
        while 0 < at < len(data) and 0x80 <= data[at] < 0xC0:
            at -= 1  # a character's first byte
        broken = _Broken(at, expat.ErrorString(exc.code))
        return found, post_types, broken
    return found, post_types, None


class _NotAFeed(Exception):
    pass


class _Broken(NamedTuple):
    """Where a feed stops being well-formed XML, and expat's reason."""

    at: int  # byte offset, at a character's first byte
    reason: str


def _refuse_entities(*_: object) -> None:
    raise _NotAFeed  # a feed declares no entities; a document that does is not read


def parse_feed(
    text: str, line_starts: Sequence[int], front_matter_keys: frozenset[str]
) -> tuple[list[ProseBlock], tuple[int, str] | None]:
    """The feed's posts as prose blocks, and where and why reading stopped if the feed is not
    well-formed XML to its end."""
    data = text.encode("utf-8", "surrogatepass")
    parsed = _elements(data)
    if parsed is None:
        return [], None
    elements, post_types, broken = parsed
    offsets = [b for e in elements for b in (e.start, e.end) if b >= 0]
    chars = _char_offsets(data, offsets + ([broken.at] if broken else []))
    unread = None
    if broken is not None:
        # An element still open at the break (a title cut short) is not read either: the
        # warning stands where the unread text begins.
        cut = min([e.start for e in elements if e.end < 0 and e.start >= 0] + [broken.at])
        unread = (
            chars[cut],
            f"the feed is not well-formed XML past this point ({broken.reason}); nothing from"
            " here on was read",
        )
    masked = [ch if ch in "\r\n" else " " for ch in text]
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}  # an item's spans, read together
    for number, element in enumerate(elements):
        if element.end < 0 or post_types.get(element.entry, "post") in _NOT_POSTS:
            continue
        start = chars[element.start]
        end = chars[element.end]
        opening = _START_TAG.match(text, start, end)
        if opening is None:
            continue
        open_end = opening.end()
        close_end = text.find(">", end)
        close_end = len(text) if close_end < 0 else close_end + 1
        tag = "h1" if element.name == "title" and element.entry < 0 else _READ_AS[element.name]
        # The tags become HTML ones at their ends, the rest blank: a long attribute is no work.
        _place_tag(masked, text, start, open_end, f"<{tag}>")
        _place_tag(masked, text, end, close_end, f"</{tag}>")
        masked[open_end:end] = list(text[open_end:end])
        # CDATA markers are blank (a section split in two to hold "]]>" too), their content HTML.
        for marker in _CDATA_MARKER.finditer(text, open_end, end):
            _blank(masked, text, marker.start(), marker.end())
        if _CDATA_OPEN not in text[open_end:end]:
            # HTML escaped into the feed ("&lt;p&gt;Burn …&lt;/p&gt;"): its tags are markup.
            for escaped in _ESCAPED_MARKUP.finditer(text, open_end, end):
                _blank(masked, text, escaped.start(), escaped.end())
        key = (element.entry, number) if element.entry < 0 else (element.entry, -1)
        groups.setdefault(key, []).append((start, close_end))
    source = "".join(masked)
    blocks: list[ProseBlock] = []
    # Each post on its own: one post's broken HTML (an unclosed <code> or comment in a
    # truncated excerpt) cannot hide the posts after it.
    for spans in sorted(groups.values()):
        found = parse_html(
            text,
            line_starts,
            front_matter_keys,
            spans[0][0],
            spans[-1][1],
            page=False,
            masked=source,
            templates=False,
        )
        blocks.extend(found.blocks)
    return blocks, unread


def _place_tag(masked: list[str], text: str, start: int, end: int, tag: str) -> None:
    """Write ``tag`` over the end of the last stretch of ``text[start:end]`` without a line
    break that holds it (the rest of the tag stays blank), so the HTML reader sees a short tag
    on the source's own lines."""
    stop = end
    while stop > start:
        brk = max(text.rfind("\n", start, stop), text.rfind("\r", start, stop))
        if stop - (brk + 1 if brk >= start else start) >= len(tag):
            masked[stop - len(tag) : stop] = list(tag)
            return
        if brk < start:
            return
        stop = brk


def _blank(masked: list[str], text: str, start: int, end: int) -> None:
    """Blank ``masked[start:end]``, keeping the source's line breaks (the HTML reader counts
    lines in the masked copy)."""
    masked[start:end] = [ch if ch in "\r\n" else " " for ch in text[start:end]]


def _char_offsets(data: bytes, offsets: Sequence[int]) -> dict[int, int]:
    """Byte offsets (each at a tag's "<", so never inside a character) → character offsets, in
    one pass over the bytes."""
    chars: dict[int, int] = {}
    previous = count = 0
    for byte in sorted(set(offsets)):
        count += len(data[previous:byte].decode("utf-8", "surrogatepass"))
        chars[byte] = count
        previous = byte
    return chars
