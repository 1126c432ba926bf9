"""Rule-pack regexes compiled once per machine, not once per run.

A phrase pattern expands its lexicons and phrases into one regex over lemmas, up to tens of
kilobytes of source; compiling all of them takes longer than linting a large corpus does. The
``regex`` module pickles a compiled pattern as its compiled code (it registers that pickling
itself), and loading the code skips the parser and the optimiser. So each compiled pattern is
kept under the user's cache directory, ``$XDG_CACHE_HOME/fitlint/regex/<regex version>/``
(``~/.cache`` without ``XDG_CACHE_HOME``), in a file named by a hash of its source:

- an entry can never be stale: a changed pattern has another name, and a new ``regex`` release
  another directory;
- the directory is the user's own, never the project's, so a cloned repository cannot plant an
  entry; each file is still read as untrusted: the unpickler resolves nothing but ``regex``'s
  own compile function, and what it builds must be a pattern with the expected source and
  flags, or it is compiled afresh and the entry replaced;
- entries are written atomically (temporary file, then rename), so concurrent runs and worker
  processes never read half an entry; a read-only or missing home directory only costs time.

``FITLINT_REGEX_CACHE=off`` compiles every pattern in each run instead.

Pre-filter shapes (see :mod:`fitlint.rules.phrase`) compile faster with ``re``, whose
patterns cannot be kept, so the cache fills with them a little at a time: a shape the cache lacks
is compiled with ``regex`` and kept while the run has spent less than ``SHAPE_BUDGET`` seconds
doing so, and with ``re`` after that. A machine's first run then costs what it did without the
cache, and each later run finds more shapes compiled.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex

_SWITCH = "FITLINT_REGEX_CACHE"
_ALLOWED = {("regex._regex", "compile"), ("_regex", "compile")}


def user_cache_dir() -> Path:
    """fitlint's directory under the user's cache directory (shared with the pack cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fitlint"


def code_key(digest: str, modules: Iterable[str]) -> str | None:
    """A hash of fitlint's version, the rule packs' ``digest`` and the source of ``modules``
    (files beside this one): what anything computed from the packs by that code is valid for.
    None when a module cannot be read: then no stored result can be trusted to match."""
    from fitlint import __version__

    key = hashlib.sha256(f"{__version__}\0{digest}".encode())
    for module in modules:
        source = _module_source(module)
        if source is None:
            return None
        key.update(source)
    return key.hexdigest()


@lru_cache(maxsize=None)
def _module_source(module: str) -> bytes | None:
    try:
        return (Path(__file__).parent / module).read_bytes()
    except OSError:
        return None


def turned_off() -> bool:
    return os.environ.get(_SWITCH, "").lower() in ("off", "0", "false", "no")


def compile_rule_regex(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, from the user's cache when it holds the pattern."""
    import regex

    if turned_off():
        return regex.compile(source, flags)
    path = _entry(source, flags, regex.__version__)
    pattern = _load(path, source, flags)
    if pattern is None:
        pattern = regex.compile(source, flags)
        _store(path, pattern)
    return pattern


SHAPE_BUDGET = 1.0  # seconds per process spent compiling shapes for the cache
_spent = [0.0]


def cached_shape(source: str) -> Any:
    """A pre-filter shape from the cache, or compiled for it while this process's budget lasts;
    None when it is neither (the caller compiles it with ``re``)."""
    import regex

    if turned_off():
        return None
    path = _entry(source, 0, regex.__version__)
    pattern = _load(path, source, 0)
    if pattern is not None or _spent[0] >= SHAPE_BUDGET:
        return pattern
    start = time.perf_counter()
    pattern = regex.compile(source)
    _store(path, pattern)
    _spent[0] += time.perf_counter() - start
    return pattern


def _entry(source: str, flags: int, version: str) -> Path:
    digest = hashlib.sha256(f"{flags}\0{source}".encode()).hexdigest()
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    return user_cache_dir() / "regex" / f"{version}-{python}" / f"{digest}.pickle"


class _PatternUnpickler(pickle.Unpickler):
    """Builds nothing but compiled ``regex`` patterns: any other global is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"refused global {module}.{name}")
        return super().find_class(module, name)


def _load(path: Path, source: str, flags: int) -> regex.Pattern[str] | None:
    import regex

    try:
        with open(path, "rb") as stream:
            data = stream.read()
        pattern = _PatternUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a missing, unreadable or damaged entry: compile instead
        return None
    if not isinstance(pattern, regex.Pattern) or pattern.pattern != source:
        return None
    # The stored flags include those compiling adds (UNICODE, the version); the asked-for ones
    # must all be there.
    return pattern if pattern.flags & flags == flags else None


def _store(path: Path, pattern: regex.Pattern[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(pattern, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, pickle.PicklingError):
        pass  # no cache, no problem: the pattern is compiled and in use
