"""Bad input never crashes a run or loses data: the battery documented in docs/hardening.md."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import CATASTROPHIC_PACK, REPO, write


def test_empty_file_is_clean(cli, tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n\n  \n")
    result = cli("check", ".", cwd=tmp_path)
    assert result.code == 0 and "All clear: 2 files checked" in result.out


def test_twenty_megabyte_file_is_skipped_with_a_warning_others_linted(cli, tmp_path):
    big = tmp_path / "huge.md"
    line = "Strength training builds muscle and bone over time.\n"
    big.write_text(line * (20 * 1024 * 1024 // len(line) + 1), encoding="utf-8")
    write(tmp_path / "small.md", "Burn belly fat fast.\n")
    result = cli("check", ".", "--no-source", cwd=tmp_path)
    assert (
        "fitlint: huge.md: file is 20.0 MiB, over the 5.0 MiB limit; skipped (raise max-file-size to lint it)"
        in result.err
    )
    assert "small.md:1:1: FL101" in result.out
    assert result.code == 1


def test_broken_pyproject_section_is_exit_2(cli, tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.fitlint\nselect = 1\n")
    write(tmp_path / "a.md", "Text.\n")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and "pyproject.toml: invalid TOML" in result.err
    write(tmp_path / "pyproject.toml", "[tool.fitlint]\nfail-on = 'sometimes'\n")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and "'fail-on': unknown severity 'sometimes'" in result.err


def test_config_cannot_point_rule_dirs_outside_the_project(cli, tmp_path):
    write(tmp_path / "project" / ".fitlint.yaml", "rule-dirs: [../elsewhere]\n")
    write(tmp_path / "project" / "a.md", "Text.\n")
    result = cli("check", "a.md", cwd=tmp_path / "project")
    assert result.code == 2 and "points outside the project" in result.err


def test_rule_yaml_cannot_run_code(cli, tmp_path):
    write(
        tmp_path / "rules" / "evil.yaml",
        "schema: 1\nrules: !!python/object/apply:os.system ['touch pwned']\n",
    )
    write(tmp_path / "a.md", "Text.\n")
    result = cli("check", "a.md", "--rule-dir", "rules", cwd=tmp_path)
    assert result.code == 2 and "invalid YAML" in result.err
    assert not (tmp_path / "pwned").exists()


def test_catastrophic_rule_is_disabled_and_the_run_finishes(cli, tmp_path):
    write(
        tmp_path / "rules" / "slow.yaml",
        CATASTROPHIC_PACK,
    )
    write(tmp_path / ".fitlint.yaml", "regex-timeout: 0.05\n")
    # No match exists (15 words between the last "a" and "b" exceed every gap), so the regex
    # engine tries every way of splitting 4,000 words into gaps: it never finishes unaided.
    write(tmp_path / "slow.md", ("a " * 4000) + "c " * 15 + "b\n\nBurn belly fat.\n")
    result = cli(
        "check", "slow.md", "--rule-dir", "rules", "--no-source", "--no-cache", cwd=tmp_path
    )
    assert "fitlint: warning: rule FL950 disabled: pattern" in result.err
    assert "catastrophic backtracking" in result.err
    assert "slow.md:3:1: FL101" in result.out  # other rules still ran
    assert result.code == 1


def test_two_runs_at_once_share_the_cache(tmp_path):
    for number in range(30):
        write(tmp_path / f"post{number}.md", f"Post {number}: burn belly fat with move {number}.\n")
    command = [sys.executable, "-m", "fitlint", "check", ".", "--no-source", "-j", "1"]
    runs = [
        subprocess.Popen(
            command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [1, 1]
    assert outputs[0][0] == outputs[1][0] and outputs[0][0].count("FL101") == 30
    third = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert third.stdout == outputs[0][0]  # from the cache, identical
    assert not list((tmp_path / ".fitlint_cache").rglob("*.tmp"))


def test_parallel_output_is_deterministic(cli, tmp_path):
    for number in range(40):
        write(tmp_path / f"p{number:02d}.md", f"Melt your love handles, tip {number}.\n")
    serial = cli("check", ".", "--no-source", "--no-cache", "-j", "1", cwd=tmp_path).out
    parallel = cli("check", ".", "--no-source", "--no-cache", "-j", "2", cwd=tmp_path).out
    assert serial == parallel and serial.count("FL101") == 40


def test_no_traceback_for_internal_errors(tmp_path):
    write(tmp_path / "a.md", "Burn belly fat.\n")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fitlint",
            "check",
            "a.md",
            "--format",
            "json",
            "--output-file",
            str(tmp_path / "no" / "such" / "dir.json"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.startswith("fitlint: error:")


def test_sentence_cache_smaller_than_one_document():
    """A document with more candidate sentences than the spaCy cache holds still lints, and the
    cache never holds more than its size."""
    from fitlint.config import Config
    from fitlint.engine import Linter
    from fitlint.nlp import DocCache

    linter = Linter(Config())
    linter.checks.docs = DocCache(size=5)
    text = "\n\n".join(f"Burn belly fat with move number {i}." for i in range(12)) + "\n"
    assert [d.code for d in linter.lint_text(text, "x.md")] == ["FL101"] * 12
    assert len(linter.checks.docs) == 5
    assert [d.code for d in linter.lint_text(text, "x.md")] == ["FL101"] * 12  # again, half evicted
