"""Fixes never cut through code: an edit that removes an opening delimiter of template code, a
JSX expression, a comment or a CDATA section without its closing one (or the reverse) would
leave the file broken ("<p>{{ __('</p>"); so would one that opens an element it does not close. Such
a suggestion is shown but not applied.

Prose edits replace words inside one run of text; a removal of a repeated paragraph takes the
paragraph's markup with it. Either way a well-placed edit removes delimiters in pairs."""

from __future__ import annotations

from dataclasses import replace

from fitlint.diagnostics import Diagnostic, Edit, FixSafety, Suggestion
from fitlint.lazyregex import lazy_compile

# Longest first: "{!!" before "{", "<![CDATA[" before "<!".
_PAIRS = (
    ("<![CDATA[", "]]>"),
    ("<!--", "-->"),
    ("{!!", "!!}"),
    ("{{", "}}"),
    ("{%", "%}"),
    ("<%", "%>"),
    ("<?", "?>"),
)


def cuts_code(removed: str) -> bool:
    """Does ``removed`` hold one side of a code delimiter pair without the other, or unmatched
    braces (a JSX expression's ``{…}``)?"""
    if not any(char in removed for char in "{}<>]"):
        return False  # plain words: the common case, decided without counting
    rest = removed
    for opening, closing in (*_PAIRS, ("{", "}")):
        if _unpaired(rest, opening, closing):
            return True
        rest = rest.replace(opening, " ").replace(closing, " ")
    return _cuts_element(rest)


def _unpaired(text: str, opening: str, closing: str) -> bool:
    """Does ``text`` close a pair it did not open ("') }} … {{ __('") or leave one open?"""
    depth = position = 0
    while True:
        at_open, at_close = text.find(opening, position), text.find(closing, position)
        if at_open < 0 and at_close < 0:
            return depth != 0
        if at_close < 0 or 0 <= at_open < at_close:
            depth, position = depth + 1, at_open + len(opening)
        else:
            depth, position = depth - 1, at_close + len(closing)
            if depth < 0:
                return True


# An element's tag: "<p>", "<h2 class=…>", "</p>"; a self-closing one ("<img … />") has no pair.
_TAG = lazy_compile(r"<(/?)([A-Za-z][\w:.-]*)\b[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _cuts_element(removed: str) -> bool:
    """Does ``removed`` open an element it does not close, or close one it did not open ("<h2>…
    </h2><p>…" without its "</p>")?"""
    if "<" not in removed:
        return False
    depth: dict[str, int] = {}
    for match in _TAG.finditer(removed):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if self_closing or name in _VOID:
            continue
        depth[name] = depth.get(name, 0) + (-1 if closing else 1)
        if depth[name] < 0:
            return True  # "…</p>\n<p>…": closes an element opened before the edit
    return any(depth.values())


# A placeholder a translation or format string fills at run time: "%s", "%1$d", "{name}",
# Laravel's ":name". A rewrite that drops one breaks the call that fills it.
_PLACEHOLDER = lazy_compile(r"%(?:\d+\$)?[sdif]\b|\{\w+\}|(?<![\w:]):[A-Za-z_]\w*")


def breaks_edit(text: str, edit: Edit) -> bool:
    """Would applying ``edit`` cut code, or drop a placeholder the replaced words held?"""
    removed = text[edit.start : edit.end]
    if cuts_code(removed):
        return True
    return any(p not in edit.new_text for p in _PLACEHOLDER.findall(removed))


def keep_code_whole(text: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each suggestion whose edits would cut code keeps its words but loses its edits."""
    out = []
    for d in diagnostics:
        if not any(s.edits for s in d.suggestions) or not any(
            breaks_edit(text, e) for s in d.suggestions for e in s.edits
        ):
            out.append(d)
            continue
        out.append(replace(d, suggestions=tuple(_shown_only(text, s) for s in d.suggestions)))
    return out


def _shown_only(text: str, suggestion: Suggestion) -> Suggestion:
    broken = [e for e in suggestion.edits if breaks_edit(text, e)]
    if not broken:
        return suggestion
    if any(cuts_code(text[e.start : e.end]) for e in broken):
        why = "the edit would cut through markup or code"
    else:
        why = "the edit would drop a placeholder the code fills in"
    note = f" (no automatic fix: {why})"
    return Suggestion(suggestion.text.rstrip(".") + note, suggestion.evidence, FixSafety.NONE, ())
