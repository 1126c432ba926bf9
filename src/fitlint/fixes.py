"""Apply fixes: choose non-overlapping edits, rewrite the text, write the file atomically.

Only the bytes inside an edit change: the text is edited as decoded (line endings untouched) and
encoded back with the file's own encoding and BOM. Fixing repeats until nothing more applies, so
a second ``--fix`` run changes nothing.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fitlint.diagnostics import Diagnostic, Edit, FixSafety

MAX_PASSES = 10


@dataclass(frozen=True)
class FixOutcome:
    text: str
    applied: int  # number of edits applied over all passes
    passes: int = 0  # passes that changed something
    first_edits: tuple[Edit, ...] = ()  # the first pass's edits, in the original text's offsets


def chosen_edits(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Edit]:
    """The first applicable fix of each diagnostic, without overlaps (earlier edits win).

    Edits that only touch (one ends where the next starts) are all kept.
    """
    allowed = {FixSafety.SAFE, FixSafety.UNSAFE} if unsafe else {FixSafety.SAFE}
    candidates: list[Edit] = []
    for diagnostic in diagnostics:
        for suggestion in diagnostic.suggestions:
            if suggestion.fix in allowed and suggestion.edits:
                candidates.extend(suggestion.edits)
                break
    candidates.sort(key=lambda edit: (edit.start, edit.end))
    accepted: list[Edit] = []
    for edit in candidates:
        if accepted and edit.start < accepted[-1].end:
            continue
        if accepted and edit.start == edit.end == accepted[-1].end == accepted[-1].start:
            continue  # two insertions at one point: keep the first
        accepted.append(edit)
    return accepted


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    pieces: list[str] = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.start])
        pieces.append(edit.new_text)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool) -> FixOutcome:
    applied = 0
    passes = 0
    first: tuple[Edit, ...] = ()
    for _ in range(MAX_PASSES):
        edits = [e for e in chosen_edits(lint(text), unsafe) if text[e.start : e.end] != e.new_text]
        if not edits:
            break
        if not passes:
            first = tuple(edits)
        text = apply_edits(text, edits)
        applied += len(edits)
        passes += 1
    return FixOutcome(text, applied, passes, first)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{path.lstrip('/')}",
            f"b/{path.lstrip('/')}",
        )
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory and rename over the original, so an
    interrupted write leaves the original intact. Permission bits are kept."""
    path = path.resolve()  # through symlinks: replace the file, not the link
    directory = path.parent
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".fitlint-tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        shutil.copymode(path, temp_name)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
