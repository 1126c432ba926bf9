"""A run's own guards: a file's time budget, rule packs that are not regular files or are huge.

Worker processes (results, warnings, kill -9 of the parent, -j) are tested in test_workers.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import write

from fitlint import budget, nlp
from fitlint.config import Config, ConfigError, load_config
from fitlint.engine import Linter


def test_a_file_over_its_time_budget_is_reported_and_the_run_goes_on(cli, tmp_path):
    # Before: 'burn belly fat '*70,000 on one line took 168 s, and every file after it waited.
    write(tmp_path / ".fitlint.yaml", "file-time-budget: 1\n")
    write(tmp_path / "l.md", "burn belly fat " * 70_000 + "\n")
    write(tmp_path / "ok.md", "Burn belly fat now.\n")
    cli("check", "ok.md", "--no-cache", cwd=tmp_path)  # spaCy and the patterns: once, before timing
    start = time.monotonic()
    result = cli("check", "l.md", "ok.md", "--no-cache", "--no-source", "-j", "1", cwd=tmp_path)
    elapsed = time.monotonic() - start
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == (
        "l.md:1:1: FL001 [error] File not fully linted: linting ran past its time budget of 1 s "
        "(file-time-budget); findings after that point are not reported"
    )
    assert any(line.startswith("ok.md:1:1: FL101") for line in lines)
    assert "fitlint: l.md: linting ran past its time budget of 1 s (file-time-budget)" in result.err
    assert elapsed < 30, elapsed  # the budget, the file's reading and parsing, and ok.md


def test_lexical_findings_made_before_the_budget_ran_out_are_kept(monkeypatch):
    linter = Linter(Config(file_time_budget=0.5))
    pasted = "This paragraph is pasted twice on purpose, so the duplicate check reports it.\n\n"
    text = pasted * 2 + "Burn belly fat now.\n"
    assert {d.code for d in linter.lint_text(text, "a.md")} >= {"FL101", "FL302"}

    def slow(*args, **kwargs):
        raise budget.BudgetExceeded(0.5)  # as if the sentence stage ran out of time

    monkeypatch.setattr(linter.sentence_rules, "run", slow)
    checked = linter.check_text(text, "a.md")
    assert checked.stopped.startswith("linting ran past its time budget of 0.5 s")
    assert [d.code for d in checked.diagnostics] == ["FL001", "FL302"]


def test_sentence_findings_made_before_the_deadline_are_kept(monkeypatch):
    """The deadline passes after the rules have read some sentences: what they found is reported
    with the FL001, each finding where it is; the sentences after it are not."""
    text = "".join(f"Paragraph {n}: burn belly fat with move {n}.\n\n" for n in range(40))
    assert len([d for d in Linter(Config()).lint_text(text, "a.md") if d.code == "FL101"]) == 40
    read = nlp.lemma_text  # each sentence the rules read passes here (a budget checkpoint)
    calls = []

    def lemma_text(*args, **kwargs):
        calls.append(1)
        if len(calls) > 10:  # the deadline passes after ten sentences
            raise budget.BudgetExceeded(7)
        return read(*args, **kwargs)

    monkeypatch.setattr(nlp, "lemma_text", lemma_text)
    checked = Linter(Config()).check_text(text, "a.md")
    assert checked.stopped.startswith("linting ran past its time budget of 7 s")
    kept = [d for d in checked.diagnostics if d.code == "FL101"]
    assert 0 < len(kept) < 40
    assert all(d.text == text[d.start : d.end] == "burn belly fat" for d in kept)


def test_budget_deadline_and_excluded_set_up():
    with budget.time_budget(0.05):
        with budget.excluded():
            time.sleep(0.1)  # set-up time does not count
        budget.check()
        time.sleep(0.06)
        with pytest.raises(budget.BudgetExceeded, match="time budget of 0.05 s"):
            budget.check()
    budget.check()  # outside any budget: never raises


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (".inf", "'inf'"),
        (".nan", "'nan'"),
        ("0", "0"),
        ("-5", "-5"),
        ("3601", "3601"),
        ("x", "'x'"),
    ],
)
def test_file_time_budget_must_be_finite_positive_seconds(tmp_path, value, shown):
    write(tmp_path / ".fitlint.yaml", f"select: [FL1]\nfile-time-budget: {value}\n")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert str(error.value) == (
        f"{tmp_path / '.fitlint.yaml'}:2: 'file-time-budget' must be a number of seconds over 0 and at most 3600, "
        f"not {shown}"
    )
    write(tmp_path / ".fitlint.yaml", "file-time-budget: 2.5\n")
    assert load_config(tmp_path).file_time_budget == 2.5
    assert Config().file_time_budget == 7


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes and /dev/zero")
@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_rule_pack_that_is_a_special_file_or_huge_is_never_read(cli, tmp_path, kind):
    # Before: a link to /dev/zero named *.yaml in a rule directory was read until memory ran out,
    # and a FIFO blocked the run forever.
    pack = tmp_path / "rules" / "pack.yaml"
    pack.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(pack)
        reason = "a named pipe (FIFO), not a regular file; skipped without opening it"
    elif kind == "device":
        pack.symlink_to("/dev/zero")
        reason = "a character device (the link leads to /dev/zero), not a regular file; skipped without opening it"
    else:
        pack.write_bytes(b"#" * (17 * 1024 * 1024))
        reason = "file is 17.0 MiB, over the 16.0 MiB limit"
    write(tmp_path / "a.md", "Burn belly fat.\n")
    result = cli("check", "a.md", "--rule-dir", "rules", cwd=tmp_path)
    assert result.code == 2
    assert (
        result.err
        == f"fitlint: error: {Path(tmp_path / 'rules' / 'pack.yaml')}:0: cannot read rule pack: {reason}\n"
    )
