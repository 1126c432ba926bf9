"""YAML (``---``) and TOML (``+++``) front matter: find it, and pull out the published values.

Only keys that end up on the page or in meta tags (title, description, an image's alt text, …)
are linted; other values (dates, slugs, image paths) are data, not copy.
"""

from __future__ import annotations

from typing import NamedTuple

from fitlint.document.inline import ProseBuilder
from fitlint.document.model import ProseBlock
from fitlint.document.props import is_name_prop, names_something_sold
from fitlint.document.templates import reads_as_prose
from fitlint.document.sourcemap import SourceMap
from fitlint.lazyregex import lazy_compile

# Keys whose value is a list a page prints as badges or bullet points: each item is short
# copy, read (and rewritten) like a title.
LIST_KEYS = frozenset({"badges", "features", "highlights", "benefits", "bullets"})

_KEY_LINE = lazy_compile(
    r"^(?P<indent>[ \t]*)(?P<item>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?P<value>.*?)[ \t]*$"
)
# Keys whose value is copy wherever they sit: a landing page's hero, cards, testimonials and
# questions are nested in front matter ("hero:\n  heading: …", "- quote: …").
NESTED_COPY_KEYS = frozenset(
    {"heading", "subheading", "text", "quote", "body", "content", "answer", "cta", "cta_text"}
    | {"button_text", "review", "testimonial", "message", "intro", "copy"}
    # What a listed pose, class or product does for the reader: "benefit: Burns stomach fat".
    | {"benefit", "desc", "feature", "bullet", "highlight", "claim", "promise", "result"}
    | {"finding", "takeaway"}
)
_BLOCK_SCALAR = lazy_compile(r"^[|>][+-]?[0-9]?$")


class FrontMatter(NamedTuple):
    first_line: int  # the opening fence line
    last_line: int  # the closing fence line


class FrontMatterValue(NamedTuple):
    key: str
    text: str
    smap: SourceMap
    line: int
    end_line: int

    def block(self) -> ProseBlock:
        """The value as a prose block of its own, before any section."""
        return ProseBlock(
            kind="front_matter",
            text=self.text,
            smap=self.smap,
            line=self.line,
            end_line=self.end_line,
            section=-1,
            key=self.key,
        )


def find_front_matter(lines: list[str]) -> FrontMatter | None:
    if not lines:
        return None
    fence = lines[0].strip()
    if fence not in ("---", "+++"):
        return None
    closers = ("---", "...") if fence == "---" else ("+++",)
    for index in range(1, len(lines)):
        if lines[index].strip() in closers:
            return FrontMatter(0, index)
    return None


def published_values(
    front: FrontMatter,
    lines: list[str],
    line_starts: list[int],
    keys: frozenset[str],
    prose_values: bool = False,
) -> list[FrontMatterValue]:
    """The values a page publishes. ``prose_values`` (a YAML data file, which a site renders as
    FAQ entries, cards or testimonials) also takes any value that reads as a sentence, whatever
    its key."""
    values: list[FrontMatterValue] = []
    index = front.first_line + 1
    # An Astro page's front matter is a script: its objects are read as code, not as YAML.
    script = any(
        _SCRIPT_LINE.match(lines[line]) for line in range(front.first_line + 1, front.last_line)
    )
    media = _media_fields(lines, front)
    while index < front.last_line:
        match = _KEY_LINE.match(lines[index])
        if match is None:
            index += 1
            continue
        name, value = match.group("key"), match.group("value")
        nested = bool(match.group("indent") or match.group("item"))
        if nested and (script or index in media) and not _alt_key(name):
            index += 1  # an image's title or caption field is its tooltip; a script is code
            continue
        indent = match.end("item") if match.group("item") else len(match.group("indent"))
        # A nested key is copy when its name says so ("quote", "heading", a published key) and
        # its value is words, not a path, a number or a flag.
        if nested:
            copy = _nested_copy(name, value, keys) or _data_copy(name, value)
        else:
            copy = _published(name, keys) or _nested_copy(name, value, frozenset())
        # In a data file any other value that could hold a sentence is read: one that reads as
        # prose, a block scalar, a plain scalar wrapped over lines, a list; the text it gives is
        # tested again once read, so a code block (`run: |`) or a list of tags is dropped.
        prose = prose_values and not copy and not _alt_key(name)
        if prose and not (
            _BLOCK_SCALAR.match(value)
            or reads_as_prose(_unquote(value)[0])
            or _is_plain_continued(value, lines, index, front.last_line, indent)
            or (not value and not _mapping_below(lines, index, front.last_line, indent))
            or (value.startswith("[") and value.endswith("]"))
        ):
            prose = False
        if not (copy or prose):
            index += 1
            continue
        key, raw_value = name.lower(), value
        if not raw_value and _mapping_below(lines, index, front.last_line, indent):
            index += 1  # "hero:" over nested keys: each is read on its own line
            continue
        value_start = line_starts[index] + match.start("value")
        items = _sequence_items(raw_value, lines, index, front.last_line, indent)
        if items is not None:
            # A list of lines ("badges: [...]", or "- …" lines below the key): each item is
            # shown on its own, so each is its own value, never run into the next.
            for line, column, item in items:
                if prose and not reads_as_prose(item):
                    continue
                builder = ProseBuilder()
                offset = value_start if line == index else line_starts[line]
                builder.add_source_run(item, offset + column)
                values.append(FrontMatterValue(key, builder.text(), builder.smap, line, line))
            index = max([index, *(line for line, _, _ in items)]) + 1
            continue
        builder = ProseBuilder()
        first = index
        if raw_value and not _BLOCK_SCALAR.match(raw_value):
            text, offset = _unquote(raw_value)
            builder.add_source_run(text, value_start + offset)
            index += 1
            # Plain multi-line scalars continue on more-indented lines.
            while (
                index < front.last_line and _indent(lines[index]) > indent and lines[index].strip()
            ):
                _append_continuation(builder, lines[index], line_starts[index])
                index += 1
        else:
            index += 1
            while index < front.last_line and (
                _indent(lines[index]) > indent or not lines[index].strip()
            ):
                if lines[index].strip():
                    _append_continuation(builder, lines[index], line_starts[index])
                index += 1
        text = builder.text().strip()
        if text and (not prose or reads_as_prose(text)):
            values.append(FrontMatterValue(key, builder.text(), builder.smap, first, index - 1))
    return values


def _is_plain_continued(value: str, lines: list[str], index: int, last: int, indent: int) -> bool:
    """Does a plain scalar go on over more-indented lines (a sentence wrapped in the file)?"""
    following = index + 1
    return (
        bool(value)
        and following < last
        and bool(lines[following].strip())
        and _indent(lines[following]) > indent
        and _KEY_LINE.match(lines[following]) is None
        and not lines[following].lstrip().startswith("- ")
    )


# An item of a flow sequence: a quoted string, or plain text up to the next comma.
_FLOW_ITEM = lazy_compile(
    r"""\s*(?:"(?P<double>(?:[^"\\]|\\.)*)"|'(?P<single>(?:[^']|'')*)'|(?P<plain>[^,\]]*))\s*(?:,|$)"""
)
_BLOCK_ITEM = lazy_compile(r"""^[ \t]*-[ \t]+(?P<value>.*?)[ \t]*$""")


def _sequence_items(
    raw_value: str, lines: list[str], index: int, last_line: int, indent: int
) -> list[tuple[int, int, str]] | None:
    """A list value's items as (line, column, text), the column from the value's start on the
    key's line and from the line's start below it; None when the value is not a list. Items that
    are not plain text (nested lists or mappings) end the reading: they are data."""
    if raw_value.startswith("[") and raw_value.endswith("]"):
        inner = raw_value[1:-1]
        items: list[tuple[int, int, str]] = []
        position = 0
        while position < len(inner):
            match = _FLOW_ITEM.match(inner, position)
            if match is None or match.end() == position:
                return None
            group = next(
                name for name in ("double", "single", "plain") if match.group(name) is not None
            )
            text = match.group(group)
            if group == "plain":
                text = text.strip()
                if text.startswith(("[", "{")):
                    return None
            if text:
                start = match.start(group) + (
                    match.group(group).find(text) if group == "plain" else 0
                )
                items.append((index, 1 + start, text))
            position = match.end()
        return items
    if raw_value:
        return None
    items = []
    line = index + 1
    while line < last_line and (
        _indent(lines[line]) > indent or lines[line].lstrip().startswith("- ")
    ):
        match = _BLOCK_ITEM.match(lines[line])
        if match is None:
            return items or None
        value = match.group("value")
        text, offset = _unquote(value)
        if not text.strip() or text.startswith(("[", "{")) or _KEY_LINE.match(text):
            return items or None
        items.append((line, match.start("value") + offset, text))
        line += 1
    return items or None


def _nested_copy(key: str, value: str, keys: frozenset[str]) -> bool:
    lowered = key.lower().replace("-", "_")
    if _alt_key(key):
        return True
    if lowered not in keys and lowered not in NESTED_COPY_KEYS:
        return False
    if not value or _BLOCK_SCALAR.match(value):
        return True  # a block of text below, or nested keys (see _mapping_below)
    text = _unquote(value)[0].strip()
    return bool(_WORDS.search(text)) and not _NOT_COPY.match(text)


def _data_copy(key: str, value: str) -> bool:
    """Copy in a data list's item: a listed class, plan or product's name ("- name: Belly
    Blitz"; a testimonial's "Chioma, Lekki" is a person), or a card's benefit line under a data
    key ("kcal: Burns up to 450 kcal"), whose subject is the thing listed."""
    text = _unquote(value)[0].strip()
    if not text:
        return False
    if is_name_prop(key):
        return names_something_sold(text)
    return _BENEFIT_LINE.match(text) is not None


_BENEFIT_LINE = lazy_compile(
    r"(?:Burns|Melts|Torches|Blasts|Boosts|Builds|Tones|Trims|Slims|Shrinks|Flattens|Reduces|"
    r"Targets|Sculpts|Tightens|Firms|Strengthens|Improves|Increases)\s+\S+\s+\S+"
)
_SCRIPT_LINE = lazy_compile(r"^\s*(?:import|export|const|let|var|function)\b")
_WORDS = lazy_compile(r"[^\W\d_]{2,}[\s,.!?;:]+[^\W\d_]{2,}")  # two words at least
# A path, a link, a flag or a number: data, not copy.
_NOT_COPY = lazy_compile(r"^(?:[\w.-]*/\S*|https?:\S+|true|false|yes|no|null|\d[\d.,]*)$", 2)


_MEDIA_KEYS = frozenset(
    {"image", "images", "img", "photo", "photos", "gallery", "thumbnail", "cover", "media"}
    | {"logo", "icon", "video", "videos", "teaser", "header", "og_image", "social_image"}
)


def _media_fields(lines: list[str], front: FrontMatter) -> set[int]:
    """Lines that are fields of an image or other media ("images:\n  - url: …\n    title: …"):
    such a title is a tooltip, not copy on the page. One pass, keeping the open keys by indent;
    the items of a list are not the key that holds it."""
    fields: set[int] = set()
    open_keys: list[tuple[int, str]] = []
    for line in range(front.first_line + 1, front.last_line):
        text = lines[line]
        if not text.strip():
            continue
        indent = _indent(text)
        while open_keys and open_keys[-1][0] >= indent:
            open_keys.pop()
        if open_keys and open_keys[-1][1] in _MEDIA_KEYS:
            fields.add(line)
        match = _KEY_LINE.match(text)
        if match is not None and not match.group("item"):
            open_keys.append((indent, match.group("key").lower().replace("-", "_")))
    return fields


def _mapping_below(lines: list[str], index: int, last_line: int, indent: int) -> bool:
    """Do more-indented key lines (or "- key:" items) follow an empty value?"""
    for line in range(index + 1, last_line):
        if not lines[line].strip():
            continue
        match = _KEY_LINE.match(lines[line])
        return _indent(lines[line]) > indent - (
            2 if lines[line].lstrip().startswith("-") else 0
        ) and bool(match)
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _alt_key(key: str) -> bool:
    lowered = key.lower()
    return (
        lowered == "alt"
        or lowered.endswith(("_alt", "-alt"))
        or (key.endswith("Alt") and key[:1].islower())
    )


def _published(key: str, keys: frozenset[str]) -> bool:
    """One of the published keys, or an image's alt text (``hero_alt``, ``image-alt``,
    ``coverAlt``): read aloud and shown in place of the image, like ``<img alt>``."""
    plain = key.lower().replace("-", "_")  # "subTitle" is "subtitle"
    lowered = _CAMEL_HUMP.sub("_", key).lower().replace("-", "_")  # "pinterestTitle" too
    prefix, _, last = lowered.rpartition("_")
    return (
        plain in keys
        or lowered in keys
        # A snippet's copy of a published key: "seo_title", "meta_description", "pin_title".
        or (prefix in _SNIPPET_PREFIXES and last in keys)
        or _alt_key(key)
    )


_CAMEL_HUMP = lazy_compile(r"(?<=[a-z0-9])(?=[A-Z])")


# Front matter prefixes for the same text in a search result, a pin or a card; not "og" or
# "twitter", whose social cards repeat the page's title and description for other sites.
_SNIPPET_PREFIXES = frozenset({"seo", "meta", "pin", "pinterest", "page", "hero", "card", "post"})


def _append_continuation(builder: ProseBuilder, line: str, line_start: int) -> None:
    stripped = line.strip()
    column = line.find(stripped)
    if builder.length:
        builder.add_mapped(" ", line_start + column, 0)
    builder.add_source_run(
        stripped.rstrip("\"'") if stripped.endswith(('"', "'")) else stripped, line_start + column
    )


def _unquote(value: str) -> tuple[str, int]:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1], 1
    if value[:1] in "\"'":
        return value[1:], 1  # opening quote of a multi-line quoted scalar
    return value, 0
