"""``fitlint check --watch``: lint, then lint again whenever a file under the paths changes.

Changes are watched with ``watchfiles`` (Rust ``notify``: inotify, FSEvents, ReadDirectoryChangesW)
and debounced, so an editor's save (temporary file, rename) is one run. Each run uses the cache,
so only the files that changed are linted again. On a terminal the screen is cleared before each
run, as ruff does. Ctrl-C stops watching and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

_CLEAR = "\x1b[2J\x1b[3J\x1b[H"
_OWN_FILES = (".fitlint_cache", ".fitlint-tmp")  # written by the runs themselves


def _stamp() -> str:
    return time.strftime("%H:%M:%S")


def _relevant(change: object, path: str) -> bool:
    from watchfiles import DefaultFilter

    parts = Path(path).parts
    if any(part == ".fitlint_cache" or part.endswith(".fitlint-tmp") for part in parts):
        return False
    return DefaultFilter()(change, path)


def watch(args: argparse.Namespace, run_check: Callable[[argparse.Namespace], int]) -> int:
    from watchfiles import watch as watch_changes

    from fitlint.cli import UsageError
    from fitlint.config import ConfigError
    from fitlint.rules.model import RuleError

    if "-" in args.paths:
        raise UsageError("--watch lints files; it cannot read stdin")
    if args.add_noqa or args.diff:
        raise UsageError("--watch cannot be combined with --add-noqa or --diff")
    paths = [Path(p) for p in args.paths] or [Path(".")]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"--watch: no such file or directory: {missing[0]}")
    terminal = sys.stdout.isatty()

    def run(reason: str) -> None:
        if terminal:
            sys.stdout.write(_CLEAR)
        print(f"[{_stamp()}] {reason}", file=sys.stderr, flush=True)
        try:
            run_check(args)
        except (
            ConfigError,
            RuleError,
            OSError,
        ) as exc:  # say so and keep watching: the fix is a save away
            print(f"fitlint: error: {exc}", file=sys.stderr)
        sys.stdout.flush()
        print(f"[{_stamp()}] Watching for file changes (Ctrl-C to stop).", file=sys.stderr)
        sys.stderr.flush()

    try:
        run("Starting fitlint in watch mode…")
        for changes in watch_changes(*paths, watch_filter=_relevant, raise_interrupt=True):
            names = sorted({Path(path).name for _, path in changes})
            shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
            run(f"File change detected ({shown}); linting again…")
    except KeyboardInterrupt:
        return 0
    return 0
