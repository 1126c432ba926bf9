"""Hostile input that costs memory or blocks: long paragraphs of claims, many identical
paragraphs, special files (FIFOs, devices), config values that switch checks off.

Growth tests compare n with 2n (peak memory traced, or the fastest of a few runs) instead of
asserting a wall-clock figure, so they hold on a slow machine and stay small.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from conftest import write
from test_hardening_nlp import _grows_linearly

from fitlint.config import ConfigError, load_config
from fitlint.files import ReadError, read_source
from fitlint.rules.matching import CONTEXT_CHARS
from fitlint.rules.rewrite import _overlapping

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None


def _peak(run, text: str) -> int:
    tracemalloc.start()
    try:
        run(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_long_paragraph_of_claims_keeps_memory_in_proportion_to_its_length(linter):
    # Before, the claim cache keyed every sentence on the whole paragraph before it: 20,000
    # sentences (720 KB) reached 7 GB. Doubling 600 sentences multiplied the peak by 3.7.
    def make(n: int) -> str:
        return f"{n} " + "Studies show it burns 39% more fat. " * n + "\n"

    def run(text: str) -> None:
        diagnostics = linter.lint_text(text, "r.md")
        assert len(diagnostics) == text.count("Studies")

    run(make(10))  # load the pipeline outside the measurement
    small, large = _peak(run, make(600)), _peak(run, make(1200))
    assert large < 2.5 * small, f"n: {small // 1024} KB, 2n: {large // 1024} KB"
    assert max(len(key[2]) for key in linter.claims._cache) <= CONTEXT_CHARS


def _run_guarded(args: list[str], cwd: Path, seconds: float = 60) -> subprocess.CompletedProcess:
    """fitlint in a child with a time limit and a 4 GB address-space limit: a regression (a FIFO
    opened, /dev/zero read) fails the test instead of hanging it or taking the machine's memory."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    return subprocess.run(
        [sys.executable, "-m", "fitlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limit,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes and /dev/zero")
def test_fifo_and_device_are_reported_without_opening_them_and_the_walk_goes_on(tmp_path):
    # Before: a FIFO named x.md blocked the run forever (opened to read, waiting for a writer),
    # and a link to /dev/zero was read until memory ran out (24 GB in 68 s).
    os.mkfifo(tmp_path / "x.md")
    (tmp_path / "z.md").symlink_to("/dev/zero")
    write(tmp_path / "ok.md", "Burn belly fat now.\n")
    result = _run_guarded(["check", "--no-source", "--select", "FL101", "."], tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        (
            "ok.md:1:1: FL101 [warning] 'Burn belly fat' promises to burn fat off one body part. "
            "Fat comes off the whole body, not from the area you train."
        ),
        "x.md:1:1: FL001 [error] File not linted: a named pipe (FIFO), not a regular file; skipped without opening it",
        (
            "z.md:1:1: FL001 [error] File not linted: a character device (the link leads to /dev/zero), "
            "not a regular file; skipped without opening it"
        ),
    ]
    assert "in 3 of 3 files" in lines[-1]
    assert "fitlint: x.md: a named pipe (FIFO)" in result.stderr
    # Named on the command line: the same.
    named = _run_guarded(["check", "--no-source", "--no-cache", "x.md", "z.md"], tmp_path)
    assert named.returncode == 1 and "Traceback" not in named.stderr
    assert [line.split(" [")[0] for line in named.stdout.splitlines()[:2]] == [
        "x.md:1:1: FL001",
        "z.md:1:1: FL001",
    ]


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc")
def test_reading_stops_at_max_file_size_whatever_stat_says():
    # /proc files report a size of 0 but hold more: reading stops after the limit.
    path = Path("/proc/self/status")
    assert path.stat().st_size == 0
    with pytest.raises(
        ReadError, match=r"holds more than 100 bytes \(its size read 0 bytes\), over the limit"
    ):
        read_source(path, "status.md", 100)
    assert "Name:" in read_source(path, "status.md", 1 << 20).text


def test_binary_file_found_in_a_walk_is_skipped_and_reported_when_named(cli, tmp_path):
    # Before: reported as FL001 wherever it was found, though the docs said a walk skips it.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "logo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "docs" / "post.md", "Hello.\n")
    walked = cli("check", "docs", "--no-cache", "--isolated", cwd=tmp_path)
    assert walked.code == 0, walked.out
    assert "logo.md" not in walked.out + walked.err
    assert walked.out.splitlines()[-2:] == [
        "All clear: 1 file checked, no problems.",
        "Skipped 1 binary.",
    ]
    named = cli(
        "check", "docs/logo.md", "docs", "--no-cache", "--isolated", "--no-source", cwd=tmp_path
    )
    assert named.code == 1
    assert named.out.splitlines()[0] == (
        "docs/logo.md:1:1: FL001 [error] File not linted: binary file (contains NUL bytes), skipped"
    )
    assert "fitlint: docs/logo.md: binary file (contains NUL bytes), skipped" in named.err


def test_identical_paragraphs_cost_time_in_proportion_to_their_number(linter):
    # 100,000 copies of one paragraph: every finding was compared with every other when the
    # rewrites were settled (10,000 took six minutes). Each text differs by a counter up front.
    def make(n: int, i: int) -> str:
        return f"# Copy {i}\n\n" + "Burn belly fat with these moves.\n\n" * n

    text = make(50, 0)
    diagnostics = linter.lint_text(text, "d.md")
    assert [d.code for d in diagnostics] == ["FL101"] * 50
    assert all(len(d.suggestions[-1].edits) == 1 for d in diagnostics)  # each keeps its rewrite fix
    _grows_linearly(make, 400, lambda t: linter.lint_text(t, "d.md"))


def test_many_pasted_paragraphs_cost_time_in_proportion_to_their_number(linter):
    # Each paragraph pasted right under itself: every copy was checked against every span already
    # reported, the heading above each was searched for from the top of the file, and each
    # removal copied the rest of the file (100,000 copies of a 50-character paragraph took 455 s).
    def make(n: int, i: int) -> str:
        pasted = (
            f"Copy {i}, note {k}: this paragraph is long enough to count as pasted.\n\n"
            for k in range(n)
        )
        return "".join(paragraph * 2 for paragraph in pasted)

    found = linter.lint_text(make(3, 0), "d.md")
    assert [d.code for d in found] == ["FL302"] * 3
    _grows_linearly(make, 4000, lambda t: linter.lint_text(t, "d.md"))


def test_a_paragraph_printed_five_times_or_more_is_a_template(linter):
    # A sign-off or a banner a template prints again and again is not a paste; a paragraph on
    # the page three times may be either, and its copies are still reported.
    line = "Reply to this email and tell me your why. I read every single one.\n\n"
    assert [d.code for d in linter.lint_text(line * 3, "d.md")] == ["FL302", "FL302"]
    assert linter.lint_text(line * 5, "d.md") == []


def test_a_pasted_paragraph_is_judged_in_each_copy_s_own_surroundings(linter):
    # Copies of a paragraph share their findings only when everything around them matches: the
    # copy under a myth heading is excused; the others are reported at their own positions, in
    # this file and in the next one.
    claim = "Crunches burn belly fat.\n\n"
    text = "# Core plan\n\n" + claim + "## Myth: you can spot reduce\n\n" + claim
    text += "## Training\n\n" + claim + claim
    for path in ("a.md", "b.md"):
        diagnostics = linter.lint_text(text, path)
        copies = [i for i in range(len(text)) if text.startswith(claim, i) and text[i - 1] == "\n"]
        assert [(d.code, d.path) for d in diagnostics] == [("FL101", path)] * 3
        assert [d.start for d in diagnostics] == [copies[0] + 9, copies[2] + 9, copies[3] + 9]
        assert all(text[d.start : d.end] == d.text for d in diagnostics)
        for d in diagnostics:
            (edit,) = d.suggestions[-1].edits
            assert d.start - 9 <= edit.start < edit.end <= d.start - 9 + len(claim)


def test_overlapping_spans_are_found_as_by_testing_every_pair():
    rng = random.Random(19)
    for _ in range(200):
        spans = [
            (a, a + rng.choice((0, 1, 3, 10, 60)))
            for a in (rng.randrange(100) for _ in range(rng.randrange(30)))
        ]
        units = [
            (a, a + rng.choice((0, 2, 8, 30)))
            for a in (rng.randrange(100) for _ in range(rng.randrange(10)))
        ]
        expected = [
            [i for i, (a, b) in enumerate(spans) if a < end and start < b] for start, end in units
        ]
        assert _overlapping(units, spans) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (".inf", "'inf'"),
        ("-.inf", "'-inf'"),
        (".nan", "'nan'"),
        ("0", "0"),
        ("-1", "-1"),
        ("61", "61"),
        ("abc", "'abc'"),
        ("true", "True"),
        ("[1]", "[1]"),
    ],
)
def test_regex_timeout_that_would_switch_the_guard_off_is_a_config_error_with_its_line(
    tmp_path, value, shown
):
    # Before: .inf (never times out) disabled every phrase rule and exited 0; .nan passed too.
    write(tmp_path / ".fitlint.yaml", f"select: [FL1]\nregex-timeout: {value}\n")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert str(error.value) == (
        f"{tmp_path / '.fitlint.yaml'}:2: 'regex-timeout' must be a number of seconds over 0 and at most 60, not {shown}"
    )


def test_numeric_settings_in_pyproject_are_checked_and_named_by_their_line(tmp_path):
    toml = (
        '[tool.other]\nregex-timeout = 5\n\n[tool.fitlint]\nselect = ["FL1"]\nregex-timeout = inf\n'
    )
    write(tmp_path / "pyproject.toml", toml)
    with pytest.raises(
        ConfigError, match=r"pyproject\.toml:6: 'regex-timeout' must be .* not 'inf'$"
    ):
        load_config(tmp_path)
    write(tmp_path / "pyproject.toml", "[tool.fitlint]\nregex-timeout = nan\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml:2: .* not 'nan'$"):
        load_config(tmp_path)
    # A size past any file worth linting overflowed the read: an internal error, exit 2.
    write(tmp_path / "pyproject.toml", "[tool.fitlint]\nmax-file-size = 99999999999999999999\n")
    with pytest.raises(
        ConfigError,
        match=r"pyproject\.toml:2: 'max-file-size' must be a whole number of bytes from 1 to 1073741824",
    ):
        load_config(tmp_path)
    write(
        tmp_path / "pyproject.toml", "[tool.fitlint]\nregex-timeout = 0.25\nmax-file-size = 1024\n"
    )
    config = load_config(tmp_path)
    assert (config.regex_timeout, config.max_file_size) == (0.25, 1024)


def test_a_config_error_ends_the_run_with_exit_2(cli, tmp_path):
    write(tmp_path / ".fitlint.yaml", "regex-timeout: .inf\n")
    write(tmp_path / "a.md", "Burn belly fat now.\n")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        f"fitlint: error: {tmp_path / '.fitlint.yaml'}:1: 'regex-timeout' must be a number of seconds over 0 "
        "and at most 60, not 'inf'\n"
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_removing_a_repeated_last_paragraph_adds_no_final_newline(cli, tmp_path, newline):
    # The file ends without a line ending; removing its last paragraph (a copy of an earlier one)
    # must leave the text before it ending the same way.
    copy = "Progressive overload means adding a little weight or a few reps every single week."
    text = newline.join(
        ["Intro to the plan.", "", copy, "", "Rest between hard sessions.", "", copy]
    )
    (tmp_path / "a.md").write_bytes(text.encode())
    result = cli(
        "check", "a.md", "--isolated", "--no-cache", "--fix", "--select", "FL3", cwd=tmp_path
    )
    assert result.code == 0, result.out
    assert (tmp_path / "a.md").read_bytes() == newline.join(
        ["Intro to the plan.", "", copy, "", "Rest between hard sessions."]
    ).encode()
