"""Per-file result cache in ``.fitlint_cache/`` (``--no-cache`` turns it off).

A file's diagnostics are reused when nothing that could change them has changed: the key hashes
the file's bytes and path, the rule packs, the configuration, the fitlint version and its code. Entries are
JSON (never pickle: a cache directory must not be a way to run code) and are written atomically
(temporary file + rename), so concurrent runs — pre-commit may start several — never read a
half-written entry; the worst case is two runs computing the same entry.

A cloned repository may bring its own ``.fitlint_cache``, so the cache is untrusted input:

- every entry is checked field by field before use (types, ranges, nesting); an entry that fails
  (a wrong type, truncated or deeply nested JSON, not a regular file) is deleted and recomputed;
- the directory and its files are opened one level at a time from the project root with
  ``O_NOFOLLOW`` (``openat``), so nothing is read or created through a symbolic link and every
  write lands inside the project root: a symlinked ``.fitlint_cache`` (or ``v1``) turns the cache
  off for the run with one warning on stderr; a linked shard directory is skipped (warned once),
  a linked entry is deleted and recomputed, a linked ``.gitignore`` is left alone.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import operator
import os
import stat
import sys
from pathlib import Path
from typing import Any

from fitlint import __version__
from fitlint.diagnostics import (
    Diagnostic,
    Edit,
    EvidenceRef,
    FixSafety,
    Related,
    Severity,
    Suggestion,
)

CACHE_DIR_NAME = ".fitlint_cache"
_FORMAT = "1"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # larger results are not cached; larger files are not read
_MAX_EXTRA_DEPTH = 8
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as an entry must not block the open
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC
# Without openat and O_NOFOLLOW (e.g. Windows) the checks above cannot be made: no cache there.
_SUPPORTED = (
    bool(_O_NOFOLLOW and _O_DIRECTORY)
    and {os.open, os.mkdir, os.rename, os.unlink, os.stat} <= os.supports_dir_fd
)
_warned: set[str] = set()


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "start": d.start,
        "end": d.end,
        "code": d.code,
        "rule": d.rule,
        "category": d.category,
        "severity": int(d.severity),
        "message": d.message,
        "text": d.text,
        "suggestions": [
            {
                "text": s.text,
                "evidence": list(s.evidence),
                "fix": s.fix.value,
                "edits": [[e.start, e.end, e.new_text] for e in s.edits],
            }
            for s in d.suggestions
        ],
        "related": [[r.path, r.start, r.end, r.message, r.source] for r in d.related],
        "evidence": [[e.id, e.citation, e.status, e.doi, e.pmid, e.url] for e in d.evidence],
        "docs_url": d.docs_url,
        "extra": d.extra,
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _write_entry(stream: Any, diagnostics: list[Diagnostic]) -> bool:
    """Write the entry's JSON a diagnostic at a time; False once it grows past
    ``MAX_ENTRY_BYTES`` (the caller discards it). A result too large to cache (100,000 findings
    in one file) so costs no more time than the cap and no memory beyond one diagnostic, where
    building it whole as one string took a gigabyte only to be thrown away."""
    size = 2
    stream.write(b"[")
    for i, d in enumerate(diagnostics):
        part = _ENCODER.encode(diagnostic_to_dict(d)).encode()
        size += len(part) + 1
        if size > MAX_ENTRY_BYTES:
            return False
        stream.write(b"," + part if i else part)
    stream.write(b"]")
    return True


def code_fingerprint() -> str:
    """Size and modification time of fitlint's own modules: an editable install whose code
    changed must not reuse results computed by the old code (a release bumps the version anyway)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, directory: Path, context: str) -> None:
        self.base = directory  # .fitlint_cache, in the project root
        self.directory = directory / f"v{_FORMAT}"
        self._fd: int | None = None  # the version directory, once opened
        self._usable = True  # False once a symbolic link was found where a directory belongs
        self.context = hashlib.sha256(
            f"{__version__}\0{code_fingerprint()}\0{context}".encode()
        ).hexdigest()

    @classmethod
    def for_run(cls, root: Path, ruleset_digest: str, config_fingerprint: str) -> ResultCache:
        return cls(root / CACHE_DIR_NAME, f"{ruleset_digest}\0{config_fingerprint}")

    def key(self, path: str, raw: bytes) -> str:
        digest = hashlib.sha256(raw)
        digest.update(b"\0" + path.encode("utf-8", "surrogatepass") + b"\0" + self.context.encode())
        return digest.hexdigest()

    def get(self, key: str) -> list[Diagnostic] | None:
        """The entry's diagnostics, or None (missing, unusable or invalid: recompute)."""
        directory = self._version_directory(create=False)
        if directory is None:
            return None
        try:
            sub = os.open(key[:2], _DIR_FLAGS, dir_fd=directory)
        except OSError:
            return None
        name = f"{key}.json"
        try:
            try:
                handle = os.open(
                    name, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC, dir_fd=sub
                )
            except FileNotFoundError:
                return None
            except OSError:
                _discard(sub, name)  # e.g. a symbolic link where an entry should be
                return None
            with os.fdopen(handle, "rb") as stream:
                info = os.fstat(stream.fileno())
                raw = stream.read(MAX_ENTRY_BYTES + 1) if stat.S_ISREG(info.st_mode) else b""
            diagnostics = _decode(raw)
            if diagnostics is None:
                _discard(sub, name)
            return diagnostics
        except OSError:
            return None
        finally:
            os.close(sub)

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        directory = self._version_directory(create=True)
        if directory is None:
            return
        try:
            sub = _open_directory(directory, key[:2], create=True)
        except _Refused as exc:
            _warn_once(
                f"{self.directory / exc.name} is a symbolic link; results there are not cached"
            )
            return
        except OSError:
            return
        try:
            name = f"{key}.json"
            temp = f".{key}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC
            handle = os.open(temp, flags, 0o644, dir_fd=sub)
            try:
                with os.fdopen(handle, "wb") as stream:
                    complete = _write_entry(stream, diagnostics)
                if not complete:
                    _discard(sub, temp)
                    return
                # Replaces whatever has the name (a link too), never follows it.
                os.replace(temp, name, src_dir_fd=sub, dst_dir_fd=sub)
            except BaseException:
                _discard(sub, temp)
                raise
        except OSError:
            pass  # a read-only checkout still lints, just without a cache
        finally:
            os.close(sub)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.close()

    def _version_directory(self, create: bool) -> int | None:
        """A descriptor of ``.fitlint_cache/v1``, each level opened without following links."""
        if self._fd is not None or not self._usable:
            return self._fd
        if not _SUPPORTED:
            self._usable = False
            return None
        try:
            root = os.open(
                self.base.parent, os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC
            )  # the user's own path
            try:
                base = _open_directory(root, self.base.name, create)
            finally:
                os.close(root)
            if base is None:
                return None
            try:
                if create:
                    _write_gitignore(base)
                self._fd = _open_directory(base, self.directory.name, create)
            finally:
                os.close(base)
        except _Refused as exc:
            self._usable = False
            shown = self.base if exc.name == self.base.name else self.base / exc.name
            _warn_once(
                f"{shown} is a symbolic link; running without the cache (remove it to use one)"
            )
        except OSError:
            return None
        return self._fd


class _Refused(Exception):
    """A symbolic link where the cache expects a directory."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _open_directory(parent: int, name: str, create: bool) -> int | None:
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=parent)
    except FileNotFoundError:
        if not create:
            return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK) and _is_link(parent, name):
            raise _Refused(name) from None
        raise
    try:
        os.mkdir(name, 0o777, dir_fd=parent)
    except FileExistsError:
        pass  # another run made it meanwhile
    return _open_directory(parent, name, create=False)


def _is_link(parent: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _write_gitignore(base: int) -> None:
    """``.fitlint_cache/.gitignore``, created only if nothing (not even a link) has that name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC
    try:
        handle = os.open(".gitignore", flags, 0o644, dir_fd=base)
    except OSError:
        return
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write("# created by fitlint\n*\n")


def _discard(directory: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=directory)  # removes a link itself, never what it points to
    except OSError:
        pass


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        print(f"fitlint: warning: {message}", file=sys.stderr)


# -- reading entries back: every field checked before it is trusted ----------------------------
class _Invalid(Exception):
    pass


def _decode(raw: bytes) -> list[Diagnostic] | None:
    if not raw or len(raw) > MAX_ENTRY_BYTES:
        return None
    try:
        data = json.loads(raw)
        if type(data) is not list:
            return None
        return [_diagnostic(item) for item in data]
    except (ValueError, RecursionError, _Invalid, TypeError, KeyError):  # the last two: defence
        return None


def _depth_ok(value: Any, depth: int) -> bool:
    if type(value) in (dict, list):
        if depth <= 0:
            return False
        items = value.values() if type(value) is dict else value
        return all(_depth_ok(item, depth - 1) for item in items)
    return value is None or type(value) in (str, int, float, bool)


# Entries are read on every warm run, so checking and building are one pass, with lookups
# instead of enum calls, and each distinct evidence reference is checked and built once.
_NONE = type(None)
_FIELDS = operator.itemgetter(
    "path", "start", "end", "code", "rule", "category", "severity", "message", "text",
    "suggestions", "related", "evidence", "docs_url",
)  # fmt: skip
_SUGGESTION = operator.itemgetter("text", "evidence", "fix", "edits")
_EVIDENCE_SHAPES = {(str, str, str, *rest) for rest in itertools.product((str, _NONE), repeat=3)}
_RELATED_SHAPES = {(str, int, int, str, str), (str, int, int, str, _NONE)}
_FIXES = {f.value: f for f in FixSafety}
_SEVERITIES = {int(s): s for s in Severity}
_EVIDENCE: dict[tuple[Any, ...], EvidenceRef] = {}


def _diagnostic(data: Any) -> Diagnostic:
    """A cache entry's item as a Diagnostic, every field checked; raises ``_Invalid`` (or
    ``KeyError``/``TypeError``, also taken as invalid)."""
    if type(data) is not dict:
        raise _Invalid
    path, start, end, code, rule, category, severity, message, text, suggestions, related, evidence, docs_url = _FIELDS(data)  # fmt: skip
    if not (
        type(path) is str and type(code) is str and type(rule) is str and type(category) is str
        and type(message) is str and type(text) is str and type(start) is int and type(end) is int
        and type(docs_url) in (str, _NONE) and type(severity) is int
    ):  # fmt: skip
        raise _Invalid
    # The text is the source at the range (the fuzz test holds every rule to it).
    if start < 0 or end - start != len(text):
        raise _Invalid
    extra = data.get("extra", {})
    if type(extra) is not dict or (extra and not _depth_ok(extra, _MAX_EXTRA_DEPTH)):
        raise _Invalid
    if type(suggestions) is not list or type(related) is not list or type(evidence) is not list:
        raise _Invalid
    built = []
    for suggestion in suggestions:
        if type(suggestion) is not dict:
            raise _Invalid
        advice, cited, fix, edits = _SUGGESTION(suggestion)
        if type(advice) is not str or type(cited) is not list or type(edits) is not list:
            raise _Invalid
        if any(type(item) is not str for item in cited):
            raise _Invalid
        changes = []
        for edit in edits:
            if type(edit) is not list or len(edit) != 3:
                raise _Invalid
            first, last, new_text = edit
            if type(first) is not int or type(last) is not int or type(new_text) is not str:
                raise _Invalid
            if not 0 <= first <= last:
                raise _Invalid
            changes.append(Edit(first, last, new_text))
        built.append(Suggestion(advice, tuple(cited), _FIXES[fix], tuple(changes)))
    for item in related:
        if type(item) is not list or tuple(map(type, item)) not in _RELATED_SHAPES:
            raise _Invalid
        if not 0 <= item[1] <= item[2]:
            raise _Invalid
    refs = []
    for item in evidence:
        if type(item) is not list:
            raise _Invalid
        key = tuple(item)
        ref = _EVIDENCE.get(key)  # TypeError for an unhashable item: invalid
        if ref is None:
            if tuple(map(type, item)) not in _EVIDENCE_SHAPES:
                raise _Invalid
            ref = EvidenceRef(*item)
            if len(_EVIDENCE) < 10_000:
                _EVIDENCE[key] = ref
        refs.append(ref)
    return Diagnostic(
        path=path,
        start=start,
        end=end,
        code=code,
        rule=rule,
        category=category,
        severity=_SEVERITIES[severity],
        message=message,
        text=text,
        suggestions=tuple(built),
        related=tuple(Related(*item) for item in related),
        evidence=tuple(refs),
        docs_url=docs_url,
        extra=extra,
    )
