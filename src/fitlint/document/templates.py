"""Template code in pages: masked so it is never prose, mined for the page metadata it sets.

``mask_templates`` blanks PHP (``<?php … ?>``, ``<?= … ?>``), Liquid, Jinja, Twig, Nunjucks,
Handlebars, Hugo and Blade echoes (``{{ … }}``, ``{!! … !!}``, ``{% … %}``, ``{# … #}``), ERB and
ASP (``<% … %>``) and Blade directives (``@if(…)``, ``@endif``, ``@extends(…)``, ``@csrf``) with
spaces of the same length, keeping line breaks, so every offset of the masked text is the same
offset in the source and text around a tag stays one sentence.

Strings that template code hands to the page as its title or description
(``@extends('layouts.app', ['title' => '…'])``, ``$meta_description = '…';``,
``{% set title = "…" %}``) are published copy: ``metadata_strings`` finds them, with an exact
map into the string literal (escapes and entities decoded).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from fitlint.document.inline import ProseBuilder
from fitlint.document.props import is_name_prop, is_text_prop, names_something_sold
from fitlint.lazyregex import lazy_compile

# Openers of template code; each is closed by scanning, never by one big regular expression, so
# an unclosed opener costs one bounded search.
_OPENERS = lazy_compile(r"<\?|<%|\{\{|\{!!|\{%|\{#|(?<![\w@.!&/\\-])@(?=[A-Za-z])")
_CLOSERS = {"<?": "?>", "<%": "%>", "{{": "}}", "{!!": "!!}", "{%": "%}", "{#": "#}"}
_MAX_TAG = {"<?": -1, "<%": 20_000, "{{": 4_000, "{!!": 4_000, "{%": 4_000, "{#": 4_000}
# Blade's directives (a name alone, or with arguments in parentheses). A name that is not one of
# these (an @handle, a CSS at-rule) is left alone; @end… closes one of them.
_BLADE = frozenset(
    """if elseif else endif unless endunless isset endisset empty endempty auth endauth guest endguest
    production endproduction env endenv section endsection yield show stop append overwrite parent
    hassection sectionmissing extends include includeif includewhen includeunless includefirst each
    once endonce push endpush pushonce endpushonce prepend endprepend stack component endcomponent
    slot endslot props aware switch case break default endswitch for endfor foreach endforeach
    forelse endforelse while endwhile continue php endphp verbatim endverbatim csrf method error
    enderror json lang choice can cannot endcan endcannot canany endcanany inject livewire
    livewirestyles livewirescripts vite viteReactRefresh checked selected disabled readonly required
    class style dd dump use fragment endfragment session endsession context endcontext
    """.lower().split()
)
_BLADE_NAME = lazy_compile(r"@([A-Za-z_]\w*)")
_BLADE_NEEDS_ARGS = frozenset(
    {"for", "while", "include", "each", "class", "style", "error", "json", "can"}
)


class Region(NamedTuple):
    start: int
    end: int
    kind: str  # php | echo | tag | comment | erb | blade | schema (Liquid) | script (Astro) | data (JSON)


def template_regions(text: str) -> list[Region]:
    """Spans of template code, in order, non-overlapping."""
    if not _might_hold_templates(text):
        return []
    regions: list[Region] = []
    position = 0
    length = len(text)
    while position < length:
        opener = _OPENERS.search(text, position)
        if opener is None:
            break
        start = opener.start()
        token = opener.group()
        if token == "@":
            end = _blade_end(text, start)
            if end is None:
                position = start + 1
                continue
            # A Blade @php … @endphp block is PHP: its strings may be the page's copy.
            php_block = text.startswith(("@php", "@PHP"), start) and text.endswith(
                "@endphp", 0, end
            )
            regions.append(Region(start, end, "php" if php_block else "blade"))
            position = end
            continue
        comment = text.startswith(("{{--", "{{!", "<%#"), start)  # Blade, Handlebars, ERB comments
        if text.startswith("{{--", start):
            token_close = "--}}"
        elif token == "{{" and text.startswith("{{{", start):
            token_close = "}}}"
        else:
            token_close = _CLOSERS[token]
        limit = _MAX_TAG[token]
        search_end = length if limit < 0 else min(length, start + limit)
        close = text.find(token_close, start + len(token), search_end)
        if close < 0:
            if token == "<?":  # PHP runs to the end of the file when it is never closed
                regions.append(Region(start, length, "php"))
                break
            position = start + len(token)
            continue
        end = close + len(token_close)
        kind = {
            "<?": "php",
            "<%": "erb",
            "{{": "echo",
            "{!!": "echo",
            "{%": "tag",
            "{#": "comment",
        }[token]
        regions.append(Region(start, end, "comment" if comment else kind))
        position = end
    return _liquid_blocks(text, regions) if "{%" in text else regions


# Liquid blocks whose body is not page text: a comment, a section's settings schema (JSON), its
# script and style, raw template source.
_LIQUID_BLOCK = lazy_compile(r"\{%-?\s*(comment|schema|javascript|stylesheet|style|raw)\s*-?%\}")


_LIQUID_END = lazy_compile(r"\{%-?\s*end(\w+)\s*-?%\}")


def _closes(text: str, region: Region, name: str) -> bool:
    """Is ``region`` the tag that ends a Liquid ``name`` block ({% endschema %})?"""
    end = _LIQUID_END.match(text, region.start) if region.kind == "tag" else None
    return end is not None and end.group(1) == name


def _liquid_blocks(text: str, regions: list[Region]) -> list[Region]:
    """The regions with each Liquid comment, schema, script or style block made one region, from
    its opening tag to its closing one: "schema" for a section's settings, whose text defaults
    the page shows, and "comment" for the rest."""
    merged: list[Region] = []
    index = 0
    while index < len(regions):
        region = regions[index]
        opening = _LIQUID_BLOCK.match(text, region.start) if region.kind == "tag" else None
        if opening is None:
            merged.append(region)
            index += 1
            continue
        end = index + 1
        while end < len(regions) and not _closes(text, regions[end], opening.group(1)):
            end += 1
        if end == len(regions):
            merged.append(region)  # never closed: only the tag is code
            index += 1
            continue
        kind = "schema" if opening.group(1) == "schema" else "comment"
        merged.append(Region(region.start, regions[end].end, kind))
        index = end + 1
    return merged


def _might_hold_templates(text: str) -> bool:
    return (
        "<?" in text
        or "<%" in text
        or "{{" in text
        or "{%" in text
        or "{#" in text
        or "{!!" in text
        or "@" in text
    )


def _blade_end(text: str, start: int) -> int | None:
    """End of the Blade directive at ``start`` (an ``@``), or None when it is not one."""
    match = _BLADE_NAME.match(text, start)
    if match is None:
        return None
    name = match.group(1).lower()
    end = match.end()
    known = name in _BLADE or (name.startswith("end") and name[3:] in _BLADE)  # not @endurance
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    has_args = after < len(text) and text[after] == "("
    if not known:
        return None
    if name in _BLADE_NEEDS_ARGS and not has_args:
        return None  # "@for you" in a sentence is not a loop
    if has_args:
        closed = _balanced(text, after)
        if closed is None:
            return None
        end = closed
    if name == "php" and not has_args:
        stop = text.find("@endphp", end)
        return len(text) if stop < 0 else stop + len("@endphp")
    return end


def _balanced(text: str, open_at: int, limit: int = 20_000) -> int | None:
    """Offset just past the parenthesis that closes the one at ``open_at`` (quotes respected)."""
    depth = 0
    index = open_at
    stop = min(len(text), open_at + limit)
    while index < stop:
        char = text[index]
        if char in "'\"":
            index = _string_end(text, index, stop)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def _string_end(text: str, quote_at: int, stop: int) -> int:
    quote = text[quote_at]
    index = quote_at + 1
    while index < stop:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == quote:
            return index + 1
        if char == "\n" and quote != "`":
            return index  # an apostrophe in prose, not a string
        index += 1
    return stop


# A tag that renders text on the page, in a string template code prints: "<p>", "<h2 class=…>".
MARKUP_STRING = lazy_compile(
    r"<(?:p|h[1-6]|div|li|ul|ol|br|strong|em|b|i|a|span|section|article|blockquote|table|td|th"
    r"|tr|figure|figcaption|img|sup|small|label|button)\b[^<>]*>",
    re.IGNORECASE,
)
# A heredoc or nowdoc: <<<EOT … EOT; (its closing label alone on a line, maybe indented).
_HEREDOC = lazy_compile(r"<<<[ \t]*(['\"]?)([A-Za-z_]\w*)\1[ \t]*\r?\n")


# What prints the string right after it where it stands: "<?= '…'", "echo '…'", "print('…')",
# WordPress's "_e('…', 'theme')" and "esc_html_e('…')".
_PRINTS = lazy_compile(
    r"\b(?:echo|print|_e|_ex|esc_html_e|esc_html_x|printf)\s*\(?\s*"
    r"(?:(?:__|_x|esc_html__|gettext|_)\s*\(\s*)?$",
    re.IGNORECASE,
)
# A translation call that hands its source-language text to the page: Laravel's
# "{{ __('Burn belly fat fast') }}", gettext's "{{ _(\"…\") }}", "{{ trans('…') }}", vue-i18n's
# "{{ $t('…') }}". The text is the page's words in the site's own language.
_TRANSLATED = lazy_compile(
    r"\s*(?:__|_|_x|trans|trans_choice|gettext|t|\$t|lang)\s*\(\s*$"
    r"|\s*(?:t|i18n|translate|__|_)\s+$"  # a Handlebars helper: "{{t "…"}}", "{{i18n "…"}}"
)


# A view helper in an output tag that prints its first string as the page's text: Rails's
# "<%= link_to "Belly-Blasting Detox Water", path %>", "button_to", "submit_tag", and
# "content_tag(:h2, "…")" after the tag's name.
_TEXT_HELPER = lazy_compile(
    r"\s*(?:link_to|button_to|submit_tag|label_tag|button_tag|link_to_unless_current)\s*\(?\s*$"
    r"|\s*content_tag\s*\(?\s*:\w+\s*,\s*$"
)


# A directive or tag that prints its translated text where it stands: Blade's "@lang('…')",
# Django's and Twig's "{% trans "…" %}".
_PRINTING_DIRECTIVE = lazy_compile(r"@(?:lang|choice)\s*\(\s*|\{%-?\s*(?:trans|translate)\s+")


def _printed(text: str, region: Region, quote_at: int) -> bool:
    """Is the string at ``quote_at`` printed where it stands: first in an output tag (``<?=``,
    ``<%=``, ``{{ }}``), the text a view helper there prints, or after a printing call?"""
    if region.kind in ("blade", "tag") and _PRINTING_DIRECTIVE.fullmatch(
        text, region.start, quote_at
    ):
        return True
    for opener in ("<?=", "<%=", "{{", "{!!"):
        if text.startswith(opener, region.start):
            lead = text[region.start + len(opener) : quote_at]
            if (
                not lead.strip()
                or _TRANSLATED.fullmatch(lead)
                or (opener == "<%=" and _TEXT_HELPER.fullmatch(lead))
            ):
                return True
    return (
        region.kind != "echo"
        and _PRINTS.search(text, max(region.start, quote_at - 40), quote_at) is not None
    )


def markup_strings(text: str, regions: Iterable[Region]) -> list[tuple[int, int]]:
    """Spans inside code regions that print text where they stand (``echo '<h2>…</h2>';``,
    ``<?= 'Flat Belly Blast' ?>``, ``_e('…', 'theme')``, a heredoc of markup): the page's own
    words, kept for the HTML reader rather than blanked as code, so a heading printed by code
    is the heading's text. The span is the string's inside, so offsets are the source's."""
    spans: list[tuple[int, int]] = []
    for region in regions:
        if region.kind == "schema":
            spans.extend(_schema_markup(text, region))
            continue
        if region.kind not in ("php", "erb", "echo") and not (
            region.kind in ("blade", "tag") and _PRINTING_DIRECTIVE.match(text, region.start)
        ):
            continue
        for kind, start, end in _code_pieces(text, region, heredocs=True):
            if kind == "heredoc":
                if MARKUP_STRING.search(text, start, end):
                    spans.append((start, end))
            elif end - start > 2 and (
                MARKUP_STRING.search(text, start + 1, end - 1)
                or (_printed(text, region, start) and _is_copy(text[start + 1 : end - 1]))
            ):
                spans.append((start + 1, end - 1))
    return spans


def _code_pieces(
    text: str, region: Region, heredocs: bool = False
) -> Iterator[tuple[str, int, int]]:
    """The string literals of a code region, comments passed over: ("string", quote, end) with
    ``end`` past the closing quote, and with ``heredocs`` ("heredoc", body start, body end)."""
    index = region.start + (0 if region.kind == "data" else 2)  # past "<?", "{%", "<%"
    stop = region.end
    while index < stop:
        char = text[index]
        if (
            char == "/"
            and text.startswith("//", index)
            or (char == "#" and region.kind in ("php", "erb"))
        ):
            newline = text.find("\n", index, stop)
            index = stop if newline < 0 else newline + 1
        elif char == "/" and text.startswith("/*", index):
            close = text.find("*/", index + 2, stop)
            index = stop if close < 0 else close + 2
        elif heredocs and char == "<" and (heredoc := _HEREDOC.match(text, index, stop)):
            closing = re.compile(rf"^[ \t]*{re.escape(heredoc.group(2))}\b", re.MULTILINE)
            end = closing.search(text, heredoc.end(), stop)
            yield "heredoc", heredoc.end(), end.start() if end is not None else stop
            index = end.end() if end is not None else stop
        elif char in "'\"":
            end = _string_end(text, index, stop)
            yield "string", index, end
            index = max(end, index + 1)
        else:
            index += 1


def mask_except(text: str, spans: Iterable[tuple[int, int]], keep: list[tuple[int, int]]) -> str:
    """:func:`mask` of ``spans``, leaving the ``keep`` spans inside them as they are."""
    if not keep:
        return mask(text, spans)
    pieces: list[tuple[int, int]] = []
    kept = sorted(keep)
    next_kept = 0  # both lists run in text order: one pass over each
    for start, end in spans:
        position = start
        while next_kept < len(kept) and kept[next_kept][1] <= position:
            next_kept += 1
        while next_kept < len(kept) and kept[next_kept][0] < end:
            keep_start, keep_end = kept[next_kept]
            pieces.append((position, keep_start))
            position = max(position, keep_end)
            next_kept += 1
        pieces.append((position, end))
    return mask(text, pieces)


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces, line breaks kept (same length)."""
    parts: list[str] = []
    position = 0
    for start, end in spans:
        start = max(start, position)
        if end <= start:
            continue
        parts.append(text[position:start])
        parts.append(_blank(text[start:end]))
        position = end
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)


_NOT_BREAK = lazy_compile(r"[^\r\n]+")


def _blank(piece: str) -> str:
    if "\n" not in piece and "\r" not in piece:
        return " " * len(piece)
    return _NOT_BREAK.sub(lambda m: " " * len(m.group()), piece)


# -- metadata strings ---------------------------------------------------------------------------
# name = "…" (PHP, Twig/Nunjucks set, Liquid assign, ERB), 'name' => '…' (PHP arrays),
# name: "…" / "name": "…" (objects), $name := "…" (Hugo), ['name'] = '…'.
_ASSIGNMENT = lazy_compile(
    r"""(?P<name>[A-Za-z_][\w-]*)['"]?\s*\]?\s*(?P<op>=>|:=|(?<![=!<>.+\-*/%?&|^])=(?!=)|:)\s*(?P<quote>['"])"""
)
_SECTION = lazy_compile(r"""@section\s*\(\s*['"](?P<name>[\w-]+)['"]\s*,\s*(?P<quote>['"])""")
# Rails: content_for :title, "…" / provide(:title, "…")
_CONTENT_FOR = lazy_compile(
    r"""\b(?:content_for|provide)\s*\(?\s*:(?P<name>\w+)\s*,\s*(?P<quote>['"])"""
)
_SOCIAL = ("og", "twitter", "fb")


class MetadataString(NamedTuple):
    key: str
    builder: ProseBuilder


# Short names templates give the same fields.
_SHORT_KEYS = {"desc": "description"}


def metadata_key(name: str, keys: frozenset[str]) -> str | None:
    """The front-matter key a variable or array key names: ``title``, ``pageTitle``,
    ``meta_description`` → title, title, description; ``og_title`` (a social card) → None."""
    lowered = name.lower()
    for short, key in _SHORT_KEYS.items():  # "desc", "seo_desc", "metaDesc": a description
        snake = lowered == short or lowered.endswith(("_" + short, "-" + short))
        camel = name.endswith(short.capitalize()) and name[:1].islower()
        if key in keys and (snake or camel):
            prefix = lowered[: -len(short)].rstrip("_-.")
            return None if prefix in _SOCIAL else key
    for key in keys:
        if lowered == key:
            return key
        if not lowered.endswith(key):
            continue
        prefix = name[: -len(key)]
        camel = name[-len(key)].isupper() and prefix[-1:].islower()
        if not (prefix.endswith(("_", "-", ".")) or camel):
            continue
        if prefix.lower().rstrip("_-.") in _SOCIAL:
            return None
        return key
    return None


def metadata_strings(
    text: str, regions: Iterable[Region], keys: frozenset[str]
) -> list[MetadataString]:
    """Title/description strings set by template code inside ``regions`` of ``text``."""
    found: list[MetadataString] = []
    for region in regions:
        if region.kind == "comment" or region.end - region.start < 8:
            continue
        chunk_end = region.end
        for pattern in (_SECTION, _CONTENT_FOR, _ASSIGNMENT):
            for match in pattern.finditer(text, region.start, chunk_end):
                key = metadata_key(match.group("name"), keys)
                if key is None:
                    continue
                if (
                    pattern is _ASSIGNMENT
                    and match.group("op") == ":"
                    and text[match.start() - 1 : match.start()] == "$"
                ):
                    continue
                literal = string_literal(text, match.start("quote"), chunk_end)
                if literal is not None and _is_copy(literal.text()):
                    found.append(MetadataString(key, literal))
    found.sort(key=lambda item: item.builder.smap.start(0))
    unique: list[MetadataString] = []
    seen: set[int] = set()
    for item in found:
        start = item.builder.smap.start(0)
        if start not in seen:
            seen.add(start)
            unique.append(item)
    return unique


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "$": "$",
    "/": "/",
    "`": "`",
}
_ENTITY = lazy_compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def string_literal(
    text: str, quote_at: int, stop: int, into: ProseBuilder | None = None
) -> ProseBuilder | None:
    """The value of the quoted string at ``quote_at``, mapped character by character (escapes
    ``\\'`` and entities ``&rsquo;`` decoded), or None when it is not closed before ``stop``;
    appended to ``into`` when given."""
    quote = text[quote_at]
    builder = ProseBuilder() if into is None else into
    index = quote_at + 1
    run_start = index
    while index < stop:
        char = text[index]
        if char == quote:
            if index > run_start:
                _add_decoded(builder, text, run_start, index)
            return builder
        if char == "\\" and index + 1 < stop:
            if index > run_start:
                _add_decoded(builder, text, run_start, index)
            escaped = text[index + 1]
            if quote == "'" and escaped not in "'\\":
                builder.add_source_run("\\", index)  # PHP single quotes keep other backslashes
                index += 1
                run_start = index
                continue
            builder.add_mapped(_ESCAPES.get(escaped, escaped), index, 2)
            index += 2
            run_start = index
            continue
        if char == "\n" and quote != "`":
            return None
        index += 1
    return None


def _add_decoded(builder: ProseBuilder, text: str, start: int, end: int) -> None:
    if "&" not in text[start:end]:
        builder.add_source_run(text[start:end], start)
        return
    position = start
    for entity in _ENTITY.finditer(text, start, end):
        if entity.start() > position:
            builder.add_source_run(text[position : entity.start()], position)
        builder.add_mapped(
            html.unescape(entity.group()), entity.start(), entity.end() - entity.start()
        )
        position = entity.end()
    if position < end:
        builder.add_source_run(text[position:end], position)


def code_strings(text: str, regions: Iterable[Region], taken: set[int]) -> list[ProseBuilder]:
    """Sentences template code prints or hands to the page as data: ``echo "…";``, ``<?= '…' ?>``,
    an array of testimonials or feature bullets, a Blade partial's parameters, an ERB block's
    Ruby hash of plans, a Twig ``{% set %}`` list of cards. A string counts
    when it reads as prose (see :func:`reads_as_prose`); array keys, comments and strings
    already read as metadata (``taken``: their start offsets) do not."""
    found: list[ProseBuilder] = []
    for region in regions:
        if region.kind == "schema":
            found.extend(_schema_defaults(text, region, taken))
            continue
        if region.kind not in ("php", "script", "erb", "data") and not (
            (region.kind == "blade" and _BLADE_DATA.match(text, region.start))
            or (region.kind == "tag" and _LIQUID_DATA.match(text, region.start))
        ):
            continue
        stop = region.end
        figure: int | None = None  # the last string, when it is a figure on its own
        for _, index, end in _code_pieces(text, region):
            literal = string_literal(text, index, stop)
            if literal is None or index + 1 in taken:
                continue
            after = text[end : end + 8].lstrip()
            value = literal.text()
            if (
                not after.startswith("=>")
                and not _social_card(text, index)
                and (reads_as_prose(value) or _named_copy(text, index, value))
            ):
                found.append(_with_figure(text, figure, index, stop) or literal)
            if STAT_FIGURE.match(value):
                figure = index
            elif not after.startswith(("=>", ":")):
                figure = None  # a key ('text' =>, 'label':) may stand between a figure and its text
    return found


# A figure on its own, as a stat card gives it: "94%", "4.5 cm", "3x", "2,000+", "10 kg".
STAT_FIGURE = lazy_compile(
    r"\s*(?:up\s+to\s+|over\s+|~\s*|[-−–]\s?)?\d[\d.,]*\s*(?:%|x|×|k\+?|\+|cm|mm|kg|kgs|lbs?|pounds|inch(?:es)?|[\"″”]|"
    r"kcal|calories|sizes?|dress\s+sizes?|days?|weeks?|minutes?)?\s*$",
    re.IGNORECASE,
)
# What stands between a stat card's figure and its text: "'94%' => 'of customers …'",
# "'figure' => '94%', 'text' => 'of customers …'", or a script's object literal
# "{ value: '11 kg', label: 'average loss …' }" (a key quoted or not, then => or :).
# The text may come through a translation call: "'label' => __( 'of members lose …', 'fba' )".
_CARD_GAP = lazy_compile(
    r"\s*(?:=>|,|:)\s*(?:(['\"]?)[\w-]{1,20}\1\s*(?:=>|:)\s*)?"
    r"(?:(?:__|_e|_x|esc_html__|esc_attr__|esc_html_e|t|\$t|i18n\.t)\s*\(\s*)?$"
)


def _with_figure(text: str, figure: int | None, quote_at: int, stop: int) -> ProseBuilder | None:
    """A stat card's figure and its text as one sentence ("94% of customers saw a flatter
    stomach"), when the string just before this one on its line is the figure alone; the code
    between them reads as a space."""
    if figure is None:
        return None
    figure_end = _string_end(text, figure, stop)
    gap = text[figure_end:quote_at]
    if "\n" in gap or not _CARD_GAP.match(gap):
        return None
    return figure_and_label(text, figure, figure_end, quote_at, stop)


def figure_and_label(
    text: str, figure_at: int, figure_end: int, label_at: int, stop: int
) -> ProseBuilder | None:
    """The quoted figure at ``figure_at`` (its string ends at ``figure_end``) and the quoted label
    at ``label_at`` read as one sentence, each character mapped to its source; the code between
    them reads as one space."""
    joined = string_literal(text, figure_at, stop)
    if joined is None:
        return None
    joined.add_mapped(" ", figure_end, label_at + 1 - figure_end)
    return string_literal(text, label_at, stop, joined)


# Blade directives that hand strings to the page: a partial's parameters (@include('banner',
# ['heading' => '…'])), a component's, a section's inline content (@section('hero', '…')).
_BLADE_DATA = lazy_compile(
    r"@(?:include\w*|component|each|livewire|section|slot|props|lang|choice)\s*\("
)


# A text setting's default in a Liquid section schema: the copy the section shows until an editor
# changes it ("default": "Blitz belly bulge …"), and a preset's text settings, which fill the
# blocks a new section starts with ("settings": {"text": "I lost 5 cm …"}). Labels, names and
# help text ("label", "name", "info") are the editor's, not the page's.
_SCHEMA_DEFAULT = lazy_compile(
    r'"(?:default|text|heading|subheading|title|subtitle|quote|caption|description|content|body|'
    r'question|answer)"'
    r'\s*:\s*(?=")'
)


def _schema_defaults(text: str, region: Region, taken: set[int]) -> list[ProseBuilder]:
    found = []
    for default in _SCHEMA_DEFAULT.finditer(text, region.start, region.end):
        quote_at = default.end()
        literal = string_literal(text, quote_at, region.end)
        if literal is not None and quote_at + 1 not in taken and _shown_setting(literal.text()):
            found.append(literal)
    return found


def _shown_setting(value: str) -> bool:
    """A text setting's default is copy the page shows, a badge's three words too ("Belly-fat
    melting formula"); a one- or two-word value is an option ("left", "Shop now")."""
    return _plain_words(value) and len(_PROSE_WORD.findall(value)) >= 2 and len(value.split()) >= 3


def _schema_markup(text: str, region: Region) -> list[tuple[int, int]]:
    """A rich-text setting's default holds markup ("<p>Melt your … in <strong>7 days</strong></p>"):
    its inside is left for the HTML reader, as markup a template prints is."""
    spans = []
    for default in _SCHEMA_DEFAULT.finditer(text, region.start, region.end):
        quote_at = default.end()
        end = _string_end(text, quote_at, region.end)
        inside = text[quote_at + 1 : end - 1] if text[end - 1 : end] == '"' else ""
        # A JSON escape (\", \u2019) would reach the HTML reader undecoded: such a value is left.
        if inside and "\\" not in inside and MARKUP_STRING.search(inside):
            spans.append((quote_at + 1, end - 1))
    return spans


# Liquid, Twig, Jinja and Nunjucks tags that hand strings to the page: a variable the page
# prints ({% assign headline = "…" %}, a {% liquid %} block of them, {% set plans = [{name: "…"}]
# %}), a snippet's or section's parameters ({% render 'hero', heading: "…" %}, {% include
# 'card.twig' with {text: "…"} %}).
_LIQUID_DATA = lazy_compile(
    r"\{%-?\s*(?:assign|liquid|render|include|section|set|embed|trans|blocktrans|translate)\b"
)


_TARGET = lazy_compile(r"([A-Za-z_][\w.:-]*)['\"]?\s*(?:=>|=|:)\s*$")


def _key_before(text: str, quote_at: int) -> str | None:
    """The name a string at ``quote_at`` is assigned to or keyed by (``$og_title = '…'``,
    ``'name' => '…'``, ``label: "…"``), as written; None when it stands alone."""
    target = _TARGET.search(text, max(0, quote_at - 60), max(0, quote_at))
    return None if target is None else target.group(1)


# The key a data string's block carries: "string", or "myth" for a myth card's myth (``{ myth:
# "Crunches flatten a paunch", verdict: "Busted" }``, ``'misconception' => '…'``), which the page
# states in order to refute it.
DATA_KEYS = ("string", "myth")
_MYTH_KEYS = frozenset({"myth", "misconception", "fiction", "mythtext", "falseclaim", "oldbelief"})


def data_field(text: str, start: int) -> str:
    """The block key of a string whose text starts at ``start`` (just inside its quote)."""
    name = _key_before(text, start - 1)
    if name is None:
        return "string"
    key = name.rsplit(".", 1)[-1].lower().replace("_", "").replace("-", "")
    return "myth" if key in _MYTH_KEYS else "string"


def _social_card(text: str, quote_at: int) -> bool:
    """Is the string assigned to a social-card name (``$og_title = '…'``, ``'twitter:description'
    => '…'``)? Those repeat the page's title and description for other sites."""
    name = _key_before(text, quote_at)
    if name is None:
        return False
    name = name.lower()
    return any(
        name.startswith((prefix + "_", prefix + ":", prefix + ".", prefix + "-"))
        for prefix in _SOCIAL
    )


def _named_copy(text: str, quote_at: int, value: str) -> bool:
    """A short string under a key that holds copy (``'name' => 'Flat Belly Pack'``, ``$product =
    "BellyBurn Pro";``, ``headline: 'Abs & Belly Off'``): a name or a label the page prints,
    too short to read as a sentence."""
    name = _key_before(text, quote_at)
    if name is None:
        return False
    return keyed_copy(name.rsplit(".", 1)[-1], value)


def keyed_copy(key: str, value: str) -> bool:
    """Is a short value under ``key`` copy the page prints: a product's or a week's name under a
    name key ("Flat Belly Pack"), a label under a text key ("Abs & Belly Off")?"""
    if not _plain_words(value) or not _PROSE_WORD.search(value):
        return False
    if is_name_prop(key):
        return names_something_sold(value)
    return is_text_prop(key) and 2 <= len(value.split()) <= 12


_PROSE_WORD = re.compile(r"[^\W\d_]{3,}")


def reads_as_prose(value: str) -> bool:
    """A sentence a reader would see: three words or more with sentence punctuation, or five
    words or more; no markup, code or interpolation ("btn btn-primary", "SELECT … WHERE id =",
    "{$name}", "Y-m-d H:i")."""
    if not _plain_words(value):
        return False
    words = value.split()
    if len(_PROSE_WORD.findall(value)) < 2:
        return False
    return len(words) >= 5 or (len(words) >= 3 and any(p in value for p in ".!?,:"))


def _plain_words(value: str) -> bool:
    """Words with no markup, code or interpolation in them, and not a path, URL or identifier."""
    return not any(mark in value for mark in "<>{}$=;_\\|") and _is_copy(value)


_WORD = re.compile(r"[^\W\d_]{2,}")
_URL_LIKE = lazy_compile(
    r"^\s*(?:[a-z][a-z0-9+.-]*:|//|/|#|\.{0,2}/)\S*\s*$|^\S+\.(?:php|html?|png|jpe?g|gif|svg|webp|css|js)\s*$",
    re.IGNORECASE,
)


def _is_copy(value: str) -> bool:
    """Words a reader could see, not a path, URL or identifier."""
    return bool(_WORD.search(value)) and not _URL_LIKE.match(value) and ("{{" not in value)
