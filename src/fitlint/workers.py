"""Worker processes for runs over many files: one model under every start method.

A worker builds its own :class:`~fitlint.engine.Linter` from a :class:`WorkerSetup` (the linter's
class, its :class:`~fitlint.config.Config` and options: plain, picklable data), loading the rule
packs from their validated cache, so it works the same whether it was forked, spawned or forked
from a fork server. Files go out in chunks, in order; each chunk comes back with every file's
findings, the file's time-budget error if it ran out, and the rules the worker has switched off
(a pattern that ran past ``regex-timeout``), which the parent adds to its own so they are reported
as they are in a serial run. Results are put back in the order the files were given.

Start method: ``FITLINT_START_METHOD`` (``spawn``, ``forkserver`` or ``fork``) forces one;
otherwise see :func:`start_method`. Workers die with the process that started them (``kill -9``
of the parent included): on Linux through ``PR_SET_PDEATHSIG``, elsewhere through a thread that
watches the parent's process id.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from fitlint.checks import Checked
from fitlint.config import Config, ConfigError
from fitlint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from fitlint.engine import Linter
    from fitlint.files import SourceFile

START_METHOD_VARIABLE = "FITLINT_START_METHOD"
START_METHODS = ("spawn", "forkserver", "fork")
CHUNK = 8  # files per task sent to a worker


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker needs to build the parent's linter for itself (picklable)."""

    factory: Callable[..., Linter]  # the linter's class: Linter, or the claim inventory's
    config: Config
    report_unused_suppressions: bool
    ruleset_digest: str  # the packs the parent loaded; a worker that loads others stops

    def build(self) -> Linter:
        from fitlint.rules.loader import load_rules

        ruleset = load_rules(self.config.rule_dirs)
        if ruleset.digest != self.ruleset_digest:
            raise RuntimeError(
                "the rule packs changed on disk while the run started its workers; run again"
            )
        return self.factory(
            self.config, ruleset, report_unused_suppressions=self.report_unused_suppressions
        )


class Reply(NamedTuple):
    checked: list[tuple[list[Diagnostic], str | None]]  # per file of the chunk: findings, stopped
    disabled: dict[str, str]  # rules the worker has switched off so far, with why


def start_method() -> str:
    """``FITLINT_START_METHOD`` if set; else ``fork`` on Linux when this process runs one thread
    (a fork then copies no lock another thread holds, and the workers share the parent's loaded
    spaCy and compiled patterns), else ``forkserver`` where there is one, else ``spawn``."""
    import multiprocessing  # here, not at import: a run on a few files starts no worker

    available = multiprocessing.get_all_start_methods()
    forced = os.environ.get(START_METHOD_VARIABLE, "").strip().lower()
    if forced:
        if forced not in START_METHODS or forced not in available:
            usable = ", ".join(m for m in START_METHODS if m in available)
            raise ConfigError(
                f"{START_METHOD_VARIABLE}={forced!r}: not a start method here (use {usable})"
            )
        return forced
    if "fork" in available and sys.platform.startswith("linux") and single_threaded():
        return "fork"
    return "forkserver" if "forkserver" in available else "spawn"


def single_threaded() -> bool:
    """Does this process run one thread (Python's and the operating system's count)?"""
    if threading.active_count() != 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def cpu_count() -> int:
    """CPUs this process may run on (its affinity, where the system reports one)."""
    if hasattr(os, "sched_getaffinity"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except OSError:
            pass
    return os.cpu_count() or 1


def resolve_jobs(requested: int) -> tuple[int, str | None]:
    """Worker processes for ``-j/--jobs``: 0 means one per CPU; more than the CPUs is cut to
    their number, with a note saying so. A negative number is an error."""
    cpus = cpu_count()
    if requested < 0:
        raise ConfigError(
            f"-j/--jobs must be 0 (one worker per CPU) or a positive number, not {requested}"
        )
    if requested == 0:
        return cpus, None
    if requested > cpus:
        return (
            cpus,
            f"-j {requested} is more than the {cpus} CPU{'s' if cpus != 1 else ''} here; using {cpus}",
        )
    return requested, None


def worker_count(jobs: int, files: int) -> int:
    """Workers for ``files`` files: at most ``jobs``, and never more than there are chunks."""
    return max(1, min(jobs, -(-files // CHUNK)))


def lint_in_workers(
    linter: Linter, sources: list[SourceFile], jobs: int, progress: bool
) -> list[Checked]:
    """Lint ``sources`` in at most ``jobs`` worker processes (never more than there are chunks of
    files); the worker-disabled rules join ``linter``'s. Results in the order of ``sources``."""
    import gc
    from concurrent.futures import ProcessPoolExecutor

    import multiprocessing

    method = start_method()
    context = multiprocessing.get_context(method)
    setup = WorkerSetup(
        type(linter), linter.config, linter.report_unused_suppressions, linter.ruleset.digest
    )
    chunks = [
        [(source.text, source.path) for source in sources[i : i + CHUNK]]
        for i in range(0, len(sources), CHUNK)
    ]
    workers = worker_count(jobs, len(sources))
    if method == "fork":
        # Load spaCy and compile the patterns once, here: the forked workers find them in memory
        # (copy-on-write) and build their linters in a fraction of a second. ``prepare`` freezes
        # them: the collector never scans them, so the workers do not copy the pages that hold them.
        linter.checks.prepare(every_pattern=True)
    elif method == "forkserver":
        context.set_forkserver_preload(["fitlint.workers"])
    # A fork server's children are its own; the others' parent is this process.
    parent = None if method == "forkserver" else os.getpid()
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_initialise, initargs=(setup, parent)
    )
    bar = None
    out: list[Checked] = []
    try:
        # Submitting starts the workers; the progress bar (a thread) only after they exist.
        futures = [pool.submit(_lint_chunk, chunk) for chunk in chunks]
        if progress:
            from fitlint.runner import progress_bar

            bar = progress_bar(len(sources))
        disabled = linter.checks.sentence_rules.disabled
        for future in futures:
            reply = future.result()
            out.extend(Checked(diagnostics, stopped) for diagnostics, stopped in reply.checked)
            for code, reason in reply.disabled.items():
                disabled.setdefault(code, reason)
            if bar is not None:
                bar.update(len(reply.checked))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        if bar is not None:
            bar.close()
        if method == "fork":
            gc.unfreeze()
    pool.shutdown(wait=True)
    return out


# -- in the worker ---------------------------------------------------------------------------
_linter: Linter | None = None  # set in worker processes only, by _initialise


def _initialise(setup: WorkerSetup, parent: int | None) -> None:
    from fitlint.runner import tune_collector

    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent stops the run, the workers with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tune_collector()
    global _linter
    _linter = setup.build()


def _lint_chunk(items: list[tuple[str, str]]) -> Reply:
    linter = _linter
    if linter is None:  # pragma: no cover - the initializer failed, and says why in the parent
        raise RuntimeError("worker started without a linter")
    checked = [tuple(linter.check_text(text, path)) for text, path in items]
    return Reply(checked, linter.disabled_rules)  # type: ignore[arg-type]


def _die_with_parent(parent: int | None) -> None:
    """End this worker when the process that started the run ends, however it ends.

    ``parent``: the pid the worker's parent has (fork and spawn). On Linux the kernel then sends
    SIGKILL when it ends (``PR_SET_PDEATHSIG``). A fork server's child (``parent`` None) has the
    server for a parent, which outlives the run while any worker holds its pipe, so the worker
    waits on the run's sentinel instead: a pipe whose only write end the run holds. Without
    either, a thread checks the parent's pid every half second."""
    if parent is not None and sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:
                    os._exit(1)  # the parent ended before the request took effect
                return
        except (OSError, AttributeError):
            pass
    import multiprocessing

    run = multiprocessing.parent_process()
    if parent is None and run is not None and run.sentinel is not None:

        def watch() -> None:
            from multiprocessing.connection import wait

            wait([run.sentinel])
            os._exit(1)

    else:
        watched = os.getppid()

        def watch() -> None:
            import time

            while os.getppid() == watched:
                time.sleep(0.5)
            os._exit(1)

    threading.Thread(target=watch, name="fitlint-parent-watch", daemon=True).start()
