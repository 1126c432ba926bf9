"""Worker processes: the same results and warnings as a serial run under every start method, and
no worker outliving the run.

``FITLINT_START_METHOD`` forces a start method for a whole test session too (``spawn`` is what a
platform without ``fork`` gets): ``FITLINT_START_METHOD=spawn python -m pytest``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CATASTROPHIC_PACK, write

from fitlint.workers import START_METHOD_VARIABLE, resolve_jobs, worker_count

METHODS = [
    m for m in ("spawn", "forkserver", "fork") if m in multiprocessing.get_all_start_methods()
]


def _fitlint(args: list[str], cwd: Path, method: str | None = None, timeout: float = 300, **kwargs):
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop(START_METHOD_VARIABLE, None)
    if method is not None:
        env[START_METHOD_VARIABLE] = method
    return subprocess.run(
        [sys.executable, "-m", "fitlint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def _posts_with_both_stages(folder: Path, count: int = 24) -> None:
    """Files with findings of both stages: a spot-reduction promise (spaCy) and a pasted
    paragraph (lexical), with an unused suppression and a per-file ignore to post-process."""
    write(folder / ".fitlint.yaml", "per-file-ignores:\n  post03.md: [FL302]\n")
    for number in range(count):
        pasted = f"Post {number} repeats this paragraph on purpose, so the duplicate check has work to do.\n\n"
        write(
            folder / f"post{number:02d}.md",
            f"# Post {number}\n\nMelt your love handles, tip {number}.\n\n"
            "<!-- fitlint-disable-next-line FL401 -->\nA quiet line.\n\n" + pasted * 2,
        )


@pytest.mark.parametrize("method", METHODS)
def test_parallel_run_gives_the_serial_output_byte_for_byte(tmp_path, method):
    _posts_with_both_stages(tmp_path)
    command = ["check", ".", "--format", "json", "--no-cache", "--report-unused-suppressions"]
    serial = _fitlint([*command, "-j", "1"], tmp_path)
    parallel = _fitlint([*command, "-j", "2"], tmp_path, method)
    assert serial.returncode == parallel.returncode == 1, parallel.stderr
    assert parallel.stdout == serial.stdout
    assert serial.stdout.count('"FL101"') == 24 and serial.stdout.count('"FL302"') == 23
    assert serial.stdout.count('"FL002"') == 24
    assert parallel.stderr == serial.stderr == ""


def test_claim_inventory_in_workers_matches_serial(tmp_path):
    _posts_with_both_stages(tmp_path, 20)
    write(
        tmp_path / "stats.md",
        "Studies show it burns 39% more fat [1].\n\n[1]: https://doi.org/10.1000/x\n",
    )
    serial = _fitlint(["claims", ".", "--format", "json", "--no-cache", "-j", "1"], tmp_path)
    parallel = _fitlint(
        ["claims", ".", "--format", "json", "--no-cache", "-j", "2"], tmp_path, "spawn"
    )
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == serial.stdout and '"cited"' in serial.stdout


@pytest.mark.parametrize("method", ["spawn", "default"])
def test_a_rule_a_worker_disables_is_reported_as_in_a_serial_run(tmp_path, method):
    # Before: with -j 2 the rule was disabled inside a worker and never reported.
    write(tmp_path / "rules" / "slow.yaml", CATASTROPHIC_PACK)
    write(tmp_path / ".fitlint.yaml", "regex-timeout: 0.05\n")
    write(tmp_path / "slow.md", ("a " * 4000) + "c " * 15 + "b\n\nBurn belly fat.\n")
    for number in range(16):
        write(tmp_path / f"post{number:02d}.md", f"Melt your love handles, tip {number}.\n")
    args = ["check", ".", "--rule-dir", "rules", "--no-source", "--no-cache"]
    serial = _fitlint([*args, "-j", "1"], tmp_path)
    parallel = _fitlint([*args, "-j", "2"], tmp_path, None if method == "default" else method)
    warning = "fitlint: warning: rule FL950 disabled: pattern"
    assert warning in serial.stderr and "catastrophic backtracking" in serial.stderr
    assert parallel.stderr == serial.stderr
    assert parallel.stdout == serial.stdout and "slow.md:3:1: FL101" in parallel.stdout


def test_a_file_over_its_time_budget_in_a_worker_is_reported_and_not_cached(tmp_path):
    # 2 s: far below the long file's time (about 25 s), far above a short post's even on a busy
    # machine where a spawned worker's first sentence also warms spaCy up.
    write(tmp_path / ".fitlint.yaml", "file-time-budget: 2\n")
    write(tmp_path / "long.md", "Burn belly fat. " * 20_000 + "\n")
    for number in range(16):
        write(tmp_path / f"post{number:02d}.md", f"Melt your love handles, tip {number}.\n")
    for _ in range(2):  # the second run must not take the stopped file from the cache
        result = _fitlint(["check", ".", "--no-source", "-j", "2"], tmp_path, "spawn")
        assert result.returncode == 1, result.stderr
        assert (
            "long.md:1:1: FL001 [error] File not fully linted: linting ran past its time budget of 2 s"
            in (result.stdout)
        )
        assert (
            "fitlint: long.md: linting ran past its time budget of 2 s (file-time-budget)"
            in result.stderr
        )
        assert result.stdout.count("FL101") >= 16


def test_unknown_start_method_is_a_usage_error(tmp_path):
    for number in range(16):
        write(tmp_path / f"post{number:02d}.md", "Melt your love handles.\n")
    result = _fitlint(["check", ".", "-j", "2", "--no-cache"], tmp_path, "threads")
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"fitlint: error: {START_METHOD_VARIABLE}='threads': not a start method here"
    )


def test_jobs_must_not_be_negative_and_more_than_the_cpus_are_cut(cli, tmp_path):
    write(tmp_path / "a.md", "Melt your love handles.\n")
    negative = cli("check", "a.md", "-j", "-3", cwd=tmp_path)
    assert negative.code == 2
    assert negative.err.strip() == (
        "fitlint: error: argument -j/--jobs: must be 0 (one worker per CPU) or a positive number, not -3"
    )
    cpus = resolve_jobs(0)[0]
    absurd = cli("check", "a.md", "-j", "100000", "--no-source", cwd=tmp_path)
    assert absurd.code == 1 and "a.md:1:1: FL101" in absurd.out
    assert f"fitlint: note: -j 100000 is more than the {cpus} CPU" in absurd.err
    assert resolve_jobs(100_000) == (cpus, absurd.err.split("fitlint: note: ")[1].strip())
    assert resolve_jobs(1) == (1, None)


def test_never_more_workers_than_chunks_of_files():
    assert worker_count(jobs=8, files=3) == 1
    assert worker_count(jobs=8, files=17) == 3  # chunks of 8 files
    assert worker_count(jobs=2, files=400) == 2
    assert worker_count(jobs=1, files=0) == 1


# -- kill -9 of the parent -----------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _descendants(pid: int) -> set[int]:
    tree, found, stack = _children(), set(), [pid]
    while stack:
        for child in tree.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stream:
            state = stream.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status is left


def _kill_parent_and_count_survivors(folder: Path, method: str | None) -> int:
    env = {**os.environ}
    env.pop(START_METHOD_VARIABLE, None)
    if method is not None:
        env[START_METHOD_VARIABLE] = method
    process = subprocess.Popen(
        [sys.executable, "-m", "fitlint", "check", ".", "-j", "2", "--no-cache", "--quiet"],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and process.poll() is None:
            workers = _descendants(process.pid)
            # Two workers (and, for spawn and forkserver, a resource tracker or fork server).
            if len(workers) >= 2 and all(_alive(pid) for pid in workers):
                time.sleep(0.3)  # let them get to work
                workers = _descendants(process.pid)
                break
            time.sleep(0.05)
        assert (
            process.poll() is None and len(workers) >= 2
        ), "the run ended before its workers were seen"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        return sum(1 for pid in workers if _alive(pid))
    finally:
        if process.poll() is None:
            process.kill()


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="finds the workers through /proc")
@pytest.mark.parametrize("method", ["default", *[m for m in METHODS if m != "fork"]])
def test_kill_9_of_the_parent_leaves_no_worker_alive(tmp_path, method):
    # Before: workers (about 100 MB each) outlived the parent in 12 of 20 tries.
    for number in range(120):
        write(
            tmp_path / f"post{number:03d}.md",
            f"# Post {number}\n\nMelt your love handles, tip {number}.\n" * 20,
        )
    tries = int(os.environ.get("FITLINT_KILL_TRIES", "2"))
    survivors = [
        _kill_parent_and_count_survivors(tmp_path, None if method == "default" else method)
        for _ in range(tries)
    ]
    assert survivors == [0] * tries
