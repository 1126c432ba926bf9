"""The text format never sends control characters from linted files to the terminal."""

from __future__ import annotations

import os
import re

import pytest
from conftest import write

# What a terminal would act on: C0 controls other than tab and newline, DEL, C1 controls.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_escape_sequences_in_source_and_message_are_shown_not_sent(cli, tmp_path):
    write(
        tmp_path / "esc.md",
        "Burn belly fat \x1b[31mnow\x1b[0m \x1b]0;pwned\x07 and \x9b2J.\n\n"
        "Studies show it burns 39% more fat \x1b[2J.\n",
    )
    result = cli("check", "esc.md", "--no-cache", cwd=tmp_path)
    assert result.code == 1
    assert not RAW_CONTROL.search(result.out)
    lines = result.out.splitlines()
    assert "1 | Burn belly fat ␛[31mnow␛[0m ␛]0;pwned␇ and \ufffd2J." in lines
    assert any(
        line.startswith("esc.md:3:1: FL402")
        and "'Studies show it burns 39% more fat ␛[2J.'" in line
        for line in lines
    )
    assert "3 | Studies show it burns 39% more fat ␛[2J." in lines


def test_without_source_the_message_line_is_escaped_too(cli, tmp_path):
    write(tmp_path / "esc.md", "Studies show it burns 39% more fat \x1b[2J.\n")
    result = cli("check", "esc.md", "--no-cache", "--no-source", cwd=tmp_path)
    assert not RAW_CONTROL.search(result.out) and "fat ␛[2J.'" in result.out


def test_tabs_still_align_the_carets_and_each_control_is_one_column(cli, tmp_path):
    write(tmp_path / "tab.md", "y\t\x1b\x1b Melt your love handles.\n")
    result = cli("check", "tab.md", "--no-cache", cwd=tmp_path)
    lines = result.out.splitlines()
    assert lines[0].startswith("tab.md:1:6: FL101")
    source = lines.index("1 | y\t␛␛ Melt your love handles.")
    assert lines[source + 1] == "  |  \t   " + "^" * len("Melt your love handles")


@pytest.mark.skipif(os.name != "posix", reason="control characters in file names")
def test_control_characters_in_a_file_name_are_escaped(cli, tmp_path):
    write(tmp_path / "evil\x1b]0;title\x07.md", "Burn belly fat.\n")
    result = cli("check", ".", "--no-cache", "--no-source", cwd=tmp_path)
    assert result.out.startswith("evil␛]0;title␇.md:1:1: FL101")
    assert not RAW_CONTROL.search(result.out)


def test_a_long_source_line_is_shown_around_the_range(cli, tmp_path):
    filler = "Walking is good for you and your heart. " * 60
    write(tmp_path / "long.md", filler + "Burn belly fat with these moves. " + filler + "\n")
    lines = cli("check", "long.md", "--no-cache", cwd=tmp_path).out.splitlines()
    source = next(line for line in lines if line.startswith("1 | "))
    carets = lines[lines.index(source) + 1]
    assert len(source) < 200 and source.startswith("1 | …") and source.endswith("…")
    start = carets.index("^")
    assert source[start : start + len("Burn belly fat")] == "Burn belly fat"
    assert carets[start:].rstrip() == "^" * len("Burn belly fat")


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path):
    """`fitlint check docs/ | head`: no "internal error" line and no traceback on stderr; the
    exit status is what a shell reports for a program a closed pipe ended."""
    import subprocess
    import sys

    write(tmp_path / "many.md", "Burn belly fat with these moves.\n\n" * 2_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "fitlint", "check", "many.md", "--no-cache", "--isolated"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline().startswith(b"many.md:1:1: FL101")
    process.stdout.close()  # the reader goes away with most of the report unwritten
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert err == ""
