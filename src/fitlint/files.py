"""Find the files to lint and read them without losing a byte.

Walking honours ``.gitignore`` files and config ``exclude`` patterns (both through pathspec),
follows directory symlinks but never twice into the same directory (symlink loops), and sniffs
binary files. Reading keeps the raw bytes, BOM and encoding so ``--fix`` can write back exactly.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fitlint.document.formats import lookup, merged

if TYPE_CHECKING:
    import pathspec

ALWAYS_SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        ".fitlint_cache",
        ".tox",
    }
)
BINARY_SNIFF_BYTES = 8192


class ReadError(Exception):
    """A file that cannot be linted; the message says why in one line."""


class BinaryFile(ReadError):
    """A file holding NUL bytes (and no UTF-16 BOM): not text."""


class SourceFile(NamedTuple):
    path: str  # as shown to the user
    raw: bytes
    text: str  # decoded, without BOM
    encoding: str
    bom: bytes = b""


@dataclass
class WalkResult:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    # What a directory walk passed over, so a run never silently checks nothing.
    unknown: dict[str, int] = field(default_factory=dict)  # extension ("" for none) -> files
    ignored: int = 0  # files and directories matched by .gitignore or exclude
    empty: list[str] = field(default_factory=list)  # named directories that held no file to lint
    walked: set[Path] = field(default_factory=set)  # files found in a directory walk, not named
    binary: int = 0  # binary files a walk found: skipped, and counted in the summary

    def passes_over(self, path: Path, error: ReadError) -> bool:
        """Is an unreadable file one to skip silently? A binary file found in a directory walk is
        (an image or archive with a text extension); named on the command line, it is reported."""
        if isinstance(error, BinaryFile) and path in self.walked:
            self.binary += 1
            return True
        return False

    @property
    def unknown_count(self) -> int:
        return sum(self.unknown.values())


def _extension(name: str) -> str:
    """What a user would map in ``formats``: the last suffix (``.php`` of ``page.blade.php``)."""
    stem, dot, suffix = name.rpartition(".")
    return "." + suffix.lower() if dot and stem else ""


def _spec(lines: Iterable[str]) -> pathspec.PathSpec:
    import pathspec  # only runs that walk directories or exclude paths pay for it

    return pathspec.GitIgnoreSpec.from_lines(list(lines))


class ExcludeRules(NamedTuple):
    """Config ``exclude`` patterns, anchored at the directory holding the config file."""

    root: Path
    spec: pathspec.PathSpec

    @classmethod
    def build(cls, root: Path, patterns: Iterable[str]) -> ExcludeRules:
        return cls(root.resolve(), _spec(patterns))

    def excludes(self, path: Path, is_dir: bool = False) -> bool:
        try:
            rel = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return False
        if rel == ".":
            return False
        return self.spec.match_file(rel + "/" if is_dir else rel)


def _gitignore_in(directory: Path) -> pathspec.PathSpec | None:
    ignore_file = directory / ".gitignore"
    try:
        lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _spec(lines)


def _ignored(path: Path, is_dir: bool, gitignores: list[tuple[Path, pathspec.PathSpec]]) -> bool:
    ignored = False
    for base, spec in gitignores:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        # Deeper .gitignore files are applied later and may re-include (!pattern).
        result = spec.check_file(rel + "/" if is_dir else rel)
        if result.include is not None:
            ignored = result.include
    return ignored


def _ancestor_gitignores(directory: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    """.gitignore files from the enclosing git work tree down to ``directory``."""
    chain: list[Path] = []
    for candidate in [directory, *directory.parents]:
        chain.append(candidate)
        if (candidate / ".git").exists():
            break
    else:
        chain = [directory]
    specs = []
    for base in reversed(chain):
        spec = _gitignore_in(base)
        if spec is not None:
            specs.append((base, spec))
    return specs


def discover(
    paths: Iterable[Path],
    exclude: ExcludeRules | None = None,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
    formats: Mapping[str, str] | None = None,
) -> WalkResult:
    """Files to lint under ``paths``.

    Like ruff, a path named on the command line is linted even when config ``exclude`` matches
    it; ``force_exclude`` (what the pre-commit hook passes) applies the exclusions anyway.
    ``formats`` (extension → reader) decides which files a walk lints, over the defaults.
    """
    table = merged(formats)
    result = WalkResult()
    seen_files: set[Path] = set()
    for given in paths:
        if not given.exists() and not given.is_symlink():
            result.problems.append((str(given), "no such file or directory"))
            continue
        if given.is_dir():
            walk_exclude = exclude
            if exclude is not None and exclude.excludes(given, is_dir=True):
                if force_exclude:
                    continue
                walk_exclude = None
            before = len(result.files)
            for found in _walk(
                given, walk_exclude, respect_gitignore, result, lambda name: lookup(name, table)
            ):
                key = found.resolve()
                if key not in seen_files:
                    seen_files.add(key)
                    result.files.append(found)
                    result.walked.add(found)
            if len(result.files) == before:
                result.empty.append(str(given))
            continue
        if force_exclude and exclude is not None and exclude.excludes(given):
            continue
        key = given.resolve()
        if key not in seen_files:
            seen_files.add(key)
            result.files.append(given)
    return result


def _walk(
    top: Path,
    exclude: ExcludeRules | None,
    respect_gitignore: bool,
    result: WalkResult,
    reader: Callable[[str], str | None],
) -> Iterator[Path]:
    top_abs = top.absolute()
    visited: set[tuple[int, int]] = set()
    base_ignores = _ancestor_gitignores(top_abs) if respect_gitignore else []

    def visit(directory: Path, shown: Path, ignores: list[tuple[Path, pathspec.PathSpec]]):
        try:
            status = directory.stat()
        except OSError as exc:
            result.problems.append((str(shown), f"cannot read directory: {exc.strerror}"))
            return
        identity = (status.st_dev, status.st_ino)
        if identity in visited:
            result.problems.append((str(shown), "symlink loop: directory already visited, skipped"))
            return
        visited.add(identity)
        if respect_gitignore and directory != top_abs:
            spec = _gitignore_in(directory)
            if spec is not None:
                ignores = [*ignores, (directory, spec)]
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as exc:
            result.problems.append((str(shown), f"cannot read directory: {exc.strerror}"))
            return
        for entry in entries:
            full = directory / entry.name
            display = shown / entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name in ALWAYS_SKIPPED_DIRS:
                    continue
                if _ignored(full, True, ignores) or (
                    exclude is not None and exclude.excludes(full, is_dir=True)
                ):
                    result.ignored += 1
                    continue
                yield from visit(full, display, ignores)
                continue
            if reader(entry.name) is None:
                if not entry.name.startswith("."):  # dotfiles are settings, not content
                    extension = _extension(entry.name)
                    result.unknown[extension] = result.unknown.get(extension, 0) + 1
                continue
            if entry.is_symlink() and not full.exists():
                result.problems.append((str(display), "broken symlink"))
                continue
            if _ignored(full, False, ignores) or (exclude is not None and exclude.excludes(full)):
                result.ignored += 1
                continue
            yield display

    yield from visit(top_abs, top, base_ignores)


def looks_binary(raw: bytes) -> bool:
    head = raw[:BINARY_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def decode(raw: bytes, path: str) -> SourceFile:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is an error.

    fitlint reports undecodable files and skips them rather than guessing: a guessed encoding
    would make --fix rewrite bytes the author never touched.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            body = raw[len(bom) :]
            try:
                return SourceFile(path, raw, body.decode(encoding), encoding, bom)
            except UnicodeDecodeError as exc:
                raise ReadError(_decode_message(exc, len(bom))) from None
    if looks_binary(raw):
        raise BinaryFile("binary file (contains NUL bytes), skipped")
    try:
        return SourceFile(path, raw, raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if path.lower().endswith(_XML_SUFFIXES):
            # XML is read for its feeds, and a build file or an app's strings in Latin-1 or
            # Shift_JIS is neither copy nor a problem: passed over, as a binary file is.
            raise BinaryFile("XML in an encoding other than UTF-8 or UTF-16, skipped") from None
        raise ReadError(_decode_message(exc, 0)) from None


_XML_SUFFIXES = (".xml", ".rss", ".atom")


def _decode_message(exc: UnicodeDecodeError, offset: int) -> str:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return (
        f"not valid {exc.encoding.upper()}: byte 0x{bad} at offset {exc.start + offset}; "
        "file skipped (re-save it as UTF-8)"
    )


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _not_regular(path: Path, mode: int) -> str:
    """Why a file that is not a regular file is skipped, without opening it: opening a FIFO
    blocks until a writer comes, and a device such as /dev/zero never ends."""
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "not a regular file")
    try:
        target = f" (the link leads to {os.path.realpath(path)})" if path.is_symlink() else ""
    except OSError:
        target = ""
    return f"{kind}{target}, not a regular file; skipped without opening it"


def read_source(path: Path, display: str, max_bytes: int) -> SourceFile:
    """Read and decode a regular file of at most ``max_bytes`` (see :func:`read_regular`)."""
    return decode(read_regular(path, max_bytes), display)


def read_regular(path: Path, max_bytes: int, setting: str | None = "max-file-size") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``. The type and size come from ``stat``
    before opening, and reading stops after ``max_bytes`` whatever ``stat`` said (a file that
    grows, a /proc file whose size reads 0), so memory stays bounded. ``setting``: what a user
    raises to read a bigger file, named in the message (None: nothing to raise)."""
    hint = f"; skipped (raise {setting} to lint it)" if setting else ""
    try:
        info = path.stat()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(_not_regular(path, info.st_mode))
    if info.st_size > max_bytes:
        raise ReadError(f"file is {_human(info.st_size)}, over the {_human(max_bytes)} limit{hint}")
    try:
        # Non-blocking: a FIFO put in the file's place after the stat must not block the open.
        handle = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise ReadError(_not_regular(path, mode))
            raw = _read_at_most(stream, max_bytes + 1, info.st_size)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise ReadError(
            f"file holds more than {_human(max_bytes)} (its size read {_human(info.st_size)}), over the limit{hint}"
        )
    return raw


def _read_at_most(stream, limit: int, expected: int) -> bytes:
    """Up to ``limit`` bytes: one read of what ``stat`` promised (and a byte more, to notice a
    file that holds more), then 1 MiB at a time while more comes. ``read(limit)`` alone would
    allocate ``limit`` bytes up front, however small the file."""
    first = stream.read(min(limit, expected + 1))
    if len(first) <= expected or len(first) >= limit:
        return first
    chunks, got = [first], len(first)
    while got < limit:
        chunk = stream.read(min(limit - got, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1048576:.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size} bytes"


def encode(source: SourceFile, text: str) -> bytes:
    """Encode edited text exactly as the original was stored (same encoding, same BOM)."""
    return source.bom + text.encode(source.encoding)
