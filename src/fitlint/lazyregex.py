"""Module-level regular expressions, compiled on first use by the cheapest engine that can.

Compiling every module-level pattern at import costs more than linting a short clean file (the
pre-commit case), and such a run uses few of them. ``lazy_compile`` keeps each pattern beside
the code that uses it without paying for the ones a run never reaches.

Patterns compile with the standard library's ``re``, which is already loaded; those it cannot
compile (Unicode property classes such as ``\\p{L}``, one group name in two alternatives) use
the ``regex`` module, so a run that meets none of them never imports ``regex`` at all.
Rule-pack patterns are not compiled here: they always use ``regex``, for its match timeouts
(see :mod:`fitlint.rules.phrase`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast


def _compile(source: str, flags: int) -> Any:
    if "\\p{" not in source and "\\P{" not in source:  # re rejects property classes: skip the try
        try:
            return re.compile(source, flags)
        except re.error:
            pass  # e.g. one group name in two alternatives, which only regex allows
    import regex

    return regex.compile(source, flags)


# Bound to slots once compiled, so later calls cost what they cost on a compiled pattern.
_METHODS = ("findall", "finditer", "fullmatch", "match", "search", "split", "sub", "subn")


class _LazyPattern:
    __slots__ = ("_compiled", "_flags", "_source", *_METHODS)

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags
        self._compiled: Any = None

    def compiled(self) -> Any:
        if self._compiled is None:
            compiled = self._compiled = _compile(self._source, self._flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Called for a name no slot holds yet: a method before the first use, or another attribute.
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags!r})"


def lazy_compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern that behaves as ``re.compile(source, flags)`` (or ``regex.compile`` when ``re``
    cannot compile it) and compiles when first used. ``flags`` are ``re`` flags; ``regex``
    gives the ones used here (IGNORECASE, MULTILINE, DOTALL, VERBOSE) the same values."""
    return cast("re.Pattern[str]", _LazyPattern(source, flags))


class Needled:
    """A pattern with the literal strings it cannot match without (any one of them must occur).

    ``search`` looks for the strings first: a substring test runs at memory speed, while ``re``
    tries a pattern that opens with ``\\b`` or an alternation at every position of the text.
    Per-sentence checks that most sentences fail get much cheaper this way.
    """

    __slots__ = ("needles", "pattern")

    def __init__(self, pattern: re.Pattern[str], *needles: str) -> None:
        self.pattern = pattern
        self.needles = needles

    def _possible(self, text: str) -> bool:
        return any(needle in text for needle in self.needles)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self._possible(text) else iter(())


def all_lazy_patterns(namespace: dict[str, Any]) -> dict[str, Any]:
    """The lazy patterns of a module namespace, compiled (for a test that every one compiles)."""
    found = {}
    for name, value in namespace.items():
        pattern = value.pattern if isinstance(value, Needled) else value
        if isinstance(pattern, _LazyPattern):
            found[name] = pattern.compiled()
    return found
