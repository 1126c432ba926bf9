"""Apply fixes: choose non-overlapping edits, rewrite the text, write the file atomically.

Only the bytes inside an edit change: the text is edited as decoded (line endings untouched) and
encoded back with the file's own encoding and BOM. Fixing repeats until nothing more applies, so
a second ``--fix`` run changes nothing.

Writing is guarded (:class:`FixTargets`): only regular files inside the linted tree (the
directories named on the command line, or the directory of a named file) are written. A path that
reaches a file through symbolic links is fixed in its target when the target is inside the tree,
once however many paths lead there (a docs site's ``latest -> v2`` links publish the same file,
and that one file is what needs the fix); a link that leads out of the tree is never followed. A
file is replaced only if it still holds the bytes that were linted, compared right before the
rename: an edit saved while ``--fix`` ran is kept and the file is skipped.
"""

from __future__ import annotations

import difflib
import os
import shutil
import stat
import tempfile
from collections import Counter
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
    withheld: int = 0  # fixes left out because they would have made a new finding appear


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
    """Fix ``text`` to a fixed point. A fix that would make a new finding appear (a rewritten
    title can change how the rest of a page reads) is left out, so fixing never adds a diagnostic
    that was not there before: each pass keeps only the edits whose text lints without one."""
    applied = 0
    passes = 0
    first: tuple[Edit, ...] = ()
    withheld = 0
    diagnostics = lint(text)
    rejected: set[tuple[str, str]] = set()  # (old text, new text) of edits that added findings
    for _ in range(MAX_PASSES):
        edits = [
            e
            for e in chosen_edits(diagnostics, unsafe)
            if text[e.start : e.end] != e.new_text
            and (text[e.start : e.end], e.new_text) not in rejected
        ]
        if not edits:
            break
        fixed = apply_edits(text, edits)
        after = lint(fixed)
        if _added(diagnostics, after):
            # Add the edits one at a time, keeping each that adds nothing with those kept so far
            # (two rewrites alike are fine alone and a repeated sentence together).
            kept: list[Edit] = []
            fixed, after = text, diagnostics
            for edit in edits:
                trial = apply_edits(text, [*kept, edit])
                found = lint(trial)
                if _added(diagnostics, found):
                    rejected.add((text[edit.start : edit.end], edit.new_text))
                    withheld += 1
                else:
                    kept.append(edit)
                    fixed, after = trial, found
            if not kept:
                continue  # the next pass chooses among the remaining fixes
            edits = kept
        if not passes:
            first = tuple(edits)
        text, diagnostics = fixed, after
        applied += len(edits)
        passes += 1
    return FixOutcome(text, applied, passes, first, withheld)


def _added(before: Sequence[Diagnostic], after: Sequence[Diagnostic]) -> bool:
    """Does ``after`` hold a finding that ``before`` did not (by rule and flagged words)?"""
    counts = Counter((d.code, d.text) for d in before)
    counts.subtract((d.code, d.text) for d in after)
    return any(count < 0 for count in counts.values())


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{path.lstrip('/')}",
            f"b/{path.lstrip('/')}",
        )
    )


class FixSkipped(Exception):
    """A file ``--fix`` leaves as it is; the message says why, for one line on stderr."""


class FileChanged(FixSkipped):
    """The file no longer holds the bytes that were linted: someone edited it meanwhile."""


class FixTargets:
    """Where ``--fix`` may write: regular files inside the linted tree, each written once."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.roots: list[Path] = []
        for name in paths:
            if name == "-":
                continue
            path = Path(name)
            self.roots.append(
                Path(os.path.realpath(path if path.is_dir() else path.absolute().parent))
            )
        self._written: dict[Path, tuple[bytes, bytes]] = {}  # real path -> (bytes read, written)

    def destination(self, path: Path) -> Path:
        """The real file to write for ``path`` (itself, or the target of links on its way)."""
        real = Path(os.path.realpath(path))
        if not any(real == root or root in real.parents for root in self.roots):
            raise FixSkipped(f"not fixed: a symbolic link leads to {real}, outside the linted tree")
        try:
            mode = os.stat(real, follow_symlinks=False).st_mode
        except OSError as exc:
            raise FixSkipped(f"not fixed: {exc.strerror or exc}") from None
        if not stat.S_ISREG(mode):
            raise FixSkipped("not fixed: not a regular file")
        return real

    def write(self, path: Path, before: bytes, after: bytes) -> None:
        """Replace the file ``path`` leads to with ``after`` if it still holds ``before``.

        Raises :class:`FixSkipped` (or :class:`FileChanged`) when the file is left alone, and
        ``OSError`` when writing failed (the file is then intact too)."""
        real = self.destination(path)
        if self._written.get(real) == (before, after):
            return  # the same file, reached by another path, already has this fix
        write_atomic(real, after, expected=before)
        self._written[real] = (before, after)


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Write via a temporary file in the same directory and rename over the original, so an
    interrupted write leaves the original intact. Permission bits are kept.

    With ``expected``, the file must still hold exactly those bytes right before the rename, or
    :class:`FileChanged` is raised and the file is left as it is (the window that remains is the
    one between that read and the rename, not the whole run)."""
    path = path.resolve()  # through symlinks: replace the file, not the link
    directory = path.parent
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".fitlint-tmp", dir=directory
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        shutil.copymode(path, temp_name)
        if expected is not None and not _holds(path, expected):
            raise FileChanged(
                "changed since it was read; not fixed, the edit is kept (run again to fix it)"
            )
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def _holds(path: Path, expected: bytes) -> bool:
    """Does the regular file at ``path`` (not a link put there since) hold exactly ``expected``?"""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return False
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return False
        return stream.read(len(expected) + 1) == expected
