"""Module-level regular expressions compiled on first use.

The ``regex`` module parses patterns in pure Python, so compiling every module-level pattern at
import costs more than linting a short clean file (the pre-commit case), and such a run uses few
of them. ``lazy_compile`` keeps the patterns beside the code that uses them without paying for
the ones a run never reaches.
"""

from __future__ import annotations

from typing import Any, cast

import regex


class _LazyPattern:
    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags
        self._compiled: regex.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        # Only called for names the slots do not hold: the Pattern's own methods and attributes.
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = regex.compile(self._source, self._flags)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags!r})"


def lazy_compile(source: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern that behaves as ``regex.compile(source, flags)`` and compiles when first used."""
    return cast("regex.Pattern[str]", _LazyPattern(source, flags))
