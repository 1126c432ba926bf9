"""Bounded memos for work repeated on identical text (a paragraph pasted many times, the same
sentence in many files of a run). A run meets many distinct keys, so a full memo is emptied
rather than grown: the keys that recur come back at once, and memory stays bounded."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

MEMO_SIZE = 4096  # entries a memo holds before it is emptied
MEMO_TEXT = 2000  # longest text (characters) kept in a key: a longer one is rarely repeated


def remember(memo: dict[K, V], key: K, value: V, size: int = MEMO_SIZE) -> V:
    """Store ``value`` under ``key``, emptying ``memo`` first when it holds ``size`` entries."""
    if len(memo) >= size:
        memo.clear()
    memo[key] = value
    return value
