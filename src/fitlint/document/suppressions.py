"""Inline suppressions, written as HTML comments so they never render:

    <!-- fitlint-disable-next-line FL101 -->   the next non-blank line
    <!-- fitlint-disable FL101, FL102 -->     until <!-- fitlint-enable --> (or end of file)
    <!-- fitlint-enable -->
    <!-- fitlint-disable-file -->              the whole file

In JSX, TSX and MDX, where an HTML comment is not allowed, the same words go in a JSX comment:
``{/* fitlint-disable-next-line FL101 */}``. No codes means every code. Comments inside code
blocks are examples, not suppressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fitlint.document.model import Suppression
from fitlint.lazyregex import lazy_compile
from fitlint.positions import LineIndex

_COMMENT = lazy_compile(
    r"<!--\s*fitlint-(?P<kind>disable-next-line|disable-file|disable|enable)\b(?P<codes>[^>]*?)-->",
    re.IGNORECASE,
)
_JSX_COMMENT = lazy_compile(
    r"\{\s*/\*\s*fitlint-(?P<kind>disable-next-line|disable-file|disable|enable)\b"
    r"(?P<codes>(?:[^*]|\*(?!/))*?)\*/\s*\}",
    re.IGNORECASE,
)
_CODE = lazy_compile(r"[A-Za-z]+[0-9]+")
_KINDS = {
    "disable-next-line": "next-line",
    "disable-file": "file",
    "disable": "disable",
    "enable": "enable",
}


def find_suppressions(text: str, lines: LineIndex, code_lines: Iterable[int]) -> list[Suppression]:
    if "fitlint-" not in text:
        return []
    skip = set(code_lines)
    found: list[Suppression] = []
    matches = sorted(
        [*_COMMENT.finditer(text), *_JSX_COMMENT.finditer(text)], key=lambda m: m.start()
    )
    for match in matches:
        line = lines.line_of(match.start())
        if line in skip:
            continue
        codes = frozenset(code.upper() for code in _CODE.findall(match.group("codes")))
        found.append(
            Suppression(
                _KINDS[match.group("kind").lower()], codes, match.start(), match.end(), line
            )
        )
    return found
