"""What phrase matchers derive from their patterns, kept once per machine like compiled regexes.

A phrase matcher turns each pattern into pre-filter stem sets, and, the first time a sentence
needs it, into the sources of its shape regexes. Both depend only on the rule packs and on the
code that derives them, and on a single file they cost more than the linting does. So they are
kept under the user's cache directory, ``$XDG_CACHE_HOME/fitlint/derived/<key>/``, where the key
hashes fitlint's version, the packs' digest and the source of the deriving modules: an entry can
never be stale, and a changed pack or release simply finds another directory.

Entries are pickles of plain values (lists, dicts, strings, frozensets), named by a hash of what
they were derived from, and read as untrusted: the unpickler resolves no global at all, so it
can build nothing but those plain values, and the caller checks every field's type and derives
afresh when anything is off. Entries are written atomically (temporary file, then rename), so
concurrent runs and workers never read half an entry; a read-only or missing home directory only
costs time. ``FITLINT_REGEX_CACHE=off`` turns this cache off with the regex cache.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from fitlint.rules.compiled import code_key, turned_off, user_cache_dir
from fitlint.rules.model import RuleSet

_KEY = "derived-cache-key"
# The modules whose code decides what is derived: a change to either is a new key.
_DERIVING = ("patterns.py", "phrase.py")


def entry_name(*parts: str) -> str:
    """A file name for what ``parts`` (a rule code, its pattern sources, …) derive."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:40] + ".pickle"


def load(ruleset: RuleSet, name: str) -> Any:
    """The stored value, or None when there is none (or it cannot be read)."""
    directory = _directory(ruleset)
    if directory is None:
        return None
    try:
        data = (directory / name).read_bytes()
        return _PlainUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a missing, unreadable or damaged entry: derive afresh
        return None


def store(ruleset: RuleSet, name: str, value: Any) -> None:
    directory = _directory(ruleset)
    if directory is None:
        return
    try:
        if not directory.is_dir():
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            _prune(directory.parent, keep=directory)
        handle, temp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=5)
            os.replace(temp, directory / name)
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # no cache, no problem: the values are derived and in use


KEPT_KEYS = 8  # each change to the packs or a release starts a new directory; older ones go


def _prune(parent: Path, keep: Path) -> None:
    """Remove all but the most recently used key directories (another run may still be reading
    one: it then derives afresh, as with any missing entry)."""
    import shutil

    try:
        others = sorted(
            (entry for entry in parent.iterdir() if entry.is_dir() and entry != keep),
            key=lambda entry: entry.stat().st_mtime,
            reverse=True,
        )
    except OSError:
        return
    for stale in others[KEPT_KEYS - 1 :]:
        shutil.rmtree(stale, ignore_errors=True)


class _PlainUnpickler(pickle.Unpickler):
    """Builds plain values only: every global (a class, a function) is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refused global {module}.{name}")


def _directory(ruleset: RuleSet) -> Path | None:
    if turned_off() or not ruleset.digest:
        return None  # a rule set built in code has no packs to key the entries by
    key = ruleset.derived.get(_KEY)
    if key is None:
        full = code_key(ruleset.digest, _DERIVING)
        if full is None:
            return None  # cannot tell which code derived an entry: derive afresh
        key = ruleset.derived[_KEY] = full[:32]
    return user_cache_dir() / "derived" / key


# -- typed reading: each returns None unless the value has exactly the expected shape ---------


def strings(value: Any, kind: type) -> bool:
    """Is ``value`` a ``kind`` (list, frozenset, …) of strings only? (``join`` checks each item
    in C, and the unpickler can build no subclass of ``str``.)"""
    if type(value) is not kind:
        return False
    try:
        "".join(value)
    except TypeError:
        return False
    return True
