"""The per-file time budget: a deadline the slow stages of linting check as they go.

``with time_budget(7.0): ...`` sets a deadline for the calling thread; :func:`check` raises
:class:`BudgetExceeded` once it has passed. The checks sit where the work of a hostile file piles
up (each piece of text handed to spaCy, each sentence the rules read, each pattern search), so a
file stops within about one sentence's work of its budget, and nothing is interrupted halfway
through an update. Threads have their own deadlines (the language server lints in a thread).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_local = threading.local()


class BudgetExceeded(Exception):
    """The file being linted ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"linting ran past its time budget of {seconds:g} s")
        self.seconds = seconds
        self.found: list = []  # diagnostics the stage had finished before the deadline


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Give the work inside the block ``seconds`` (None: no limit) before :func:`check` raises."""
    previous = getattr(_local, "deadline", None)
    _local.deadline = None if seconds is None else (time.monotonic() + seconds, seconds)
    try:
        yield
    finally:
        _local.deadline = previous


@contextmanager
def excluded() -> Iterator[None]:
    """Work that is not the file's own (loading spaCy, compiling the rules' patterns once per run)
    does not count against its budget: the deadline moves on by the time spent inside."""
    deadline = getattr(_local, "deadline", None)
    if deadline is None:
        yield
        return
    start = time.monotonic()
    try:
        yield
    finally:
        current = getattr(_local, "deadline", None)
        if current is not None:
            _local.deadline = (current[0] + time.monotonic() - start, current[1])


def check() -> None:
    """Raise :class:`BudgetExceeded` if the calling thread's deadline has passed."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline[0]:
        raise BudgetExceeded(deadline[1])
