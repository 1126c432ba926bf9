"""--fix, --unsafe-fixes and --diff: atomic, idempotent, byte-exact outside the edits."""

from __future__ import annotations

import os
import shutil
import stat
from collections import Counter

from conftest import SHARED, needs_shared

from fitlint.diagnostics import Edit
from fitlint.files import decode
from fitlint.fixes import apply_edits, chosen_edits, fix_text
from fitlint.rules.rewrite import joiner_length


def test_adjacent_edits_are_all_applied_and_overlaps_dropped():
    from fitlint.diagnostics import Diagnostic, FixSafety, Severity, Suggestion

    def diag(start, end, new):
        return Diagnostic(
            "p",
            start,
            end,
            "FL101",
            "r",
            "spot-reduction",
            Severity.WARNING,
            "m",
            "t",
            (Suggestion("s", (), FixSafety.SAFE, (Edit(start, end, new),)),),
        )

    edits = chosen_edits(
        [diag(0, 3, "X"), diag(3, 6, "Y"), diag(4, 8, "Z"), diag(6, 6, "!")], unsafe=False
    )
    assert [(e.start, e.end) for e in edits] == [(0, 3), (3, 6), (6, 6)]
    assert apply_edits("abcdefghij", edits) == "XY!ghij"


def test_unsafe_fixes_need_the_flag(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Burn belly fat today.\n")
    result = cli("check", "a.md", "--fix", cwd=tmp_path)
    assert path.read_text() == "Burn belly fat today.\n"  # FL101's rewrite is unsafe
    assert result.code == 1
    result = cli("check", "a.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert path.read_text() == "Strengthen your core.\n"  # the whole clause, in its shape
    assert "Fixed 1 problem." in result.out and result.code == 0


def test_fix_keeps_crlf_bom_permissions_and_is_idempotent(cli, tmp_path):
    path = tmp_path / "a.md"
    original = b"\xef\xbb\xbfIntro line.\r\n\r\nThese moves torch belly fat \xf0\x9f\x94\xa5.\r\nNo newline at end"
    path.write_bytes(original)
    path.chmod(0o640)
    cli("check", "a.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    fixed = path.read_bytes()
    assert fixed == original.replace(b"torch belly fat \xf0\x9f\x94\xa5", b"strengthen your core")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    cli("check", "a.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert path.read_bytes() == fixed
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temp files left behind


def test_diff_shows_but_does_not_write(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Melt your love handles.\n")
    result = cli("check", "a.md", "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert result.code == 1
    assert result.out == (
        "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-Melt your love handles.\n+Strengthen your core.\n"
    )
    assert path.read_text() == "Melt your love handles.\n"


def test_stdin_fix_prints_fixed_text(cli, tmp_path):
    result = cli(
        "check", "-", "--fix", "--unsafe-fixes", cwd=tmp_path, stdin=b"Zap your muffin top!\n"
    )
    assert result.out == "Strengthen your core!\n"
    assert (
        result.err == "All clear: 1 file checked, no problems.\nFixed 1 problem.\n"
    )  # stdout is the text


def test_interrupted_write_leaves_original_intact(cli, tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("Burn belly fat.\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = cli("check", "a.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert result.code == 2
    assert (
        result.err
        == "fitlint: error: a.md: could not write fixes, file left as it was: No space left on device\n"
    )
    assert path.read_text() == "Burn belly fat.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


@needs_shared
def test_fix_every_shared_file_changes_only_reported_ranges(linter, tmp_path):
    """--fix on a copy of every shared file, twice: the first run changes only the units it fixes
    (each edit covers the range of the diagnostic it fixes and reaches no further than its
    sentence, or than the blank lines around a removed copy; the output is exactly the input with
    those edits), adds no finding, and the second run changes nothing."""
    files = sorted(p for p in (SHARED / "corpus").rglob("*") if p.suffix in (".md", ".txt"))
    changed_files = 0
    for source_path in files:
        copy = tmp_path / source_path.name
        shutil.copyfile(source_path, copy)
        source = decode(copy.read_bytes(), str(copy))
        diagnostics = linter.lint_text(source.text, str(copy))
        first = fix_text(
            source.text, lambda t, path=str(copy): linter.lint_text(t, path), unsafe=True
        )
        assert first.passes <= 1, source_path.name  # fixes never create new fixable findings
        for edit in first.first_edits:
            owner = [d for d in diagnostics for s in d.suggestions if edit in s.edits]
            assert owner, (source_path.name, edit)
            start, end = owner[0].start, owner[0].end
            if edit.new_text:  # a rewrite: its unit holds the match, within one paragraph
                start += joiner_length(owner[0].text)  # "for | Rapid Weight Loss": "for" stays
                assert edit.start <= start and "\n\n" not in source.text[edit.start : edit.end]
            else:  # a removal: the copy, and blank lines only
                assert source.text[edit.start : start].strip() == "" and edit.end == end, (
                    source_path.name,
                    edit,
                )
        assert apply_edits(source.text, first.first_edits) == first.text
        added = Counter((d.code, d.text) for d in linter.lint_text(first.text, str(copy)))
        added.subtract((d.code, d.text) for d in diagnostics)
        assert all(count <= 0 for count in added.values()), source_path.name
        second = fix_text(
            first.text, lambda t, path=str(copy): linter.lint_text(t, path), unsafe=True
        )
        assert second.text == first.text and second.applied == 0
        changed_files += first.text != source.text
    assert changed_files > 0


def test_removing_a_closing_section_keeps_the_end_of_the_file(cli, tmp_path):
    """A duplicated closing section goes with the blank line before it: the file ends as it did,
    with one final newline, or with none if it had none."""
    section = (
        "## How we apply this\n\nOur plans balance the whole session, so every muscle works.\n"
    )
    for ending in ("\n", ""):
        text = "# Train smarter\n\n" + section + "\n" + section[:-1] + ending
        path = tmp_path / "a.md"
        path.write_text(text)
        cli("check", "a.md", "--isolated", "--fix", cwd=tmp_path)
        assert path.read_text() == "# Train smarter\n\n" + section[:-1] + ending


def test_removing_a_paragraph_between_others_leaves_one_blank_line(cli, tmp_path):
    paragraph = "Progressive overload means adding a little weight or a few reps every week.\n"
    rest = "Rest at least one day between hard sessions for the same muscles.\n"
    path = tmp_path / "a.md"
    path.write_bytes(
        (paragraph + "\n" + rest + "\n" + paragraph + "\nThe end of the plan, for now.\n")
        .replace("\n", "\r\n")
        .encode()
    )
    cli("check", "a.md", "--isolated", "--fix", cwd=tmp_path)
    assert (
        path.read_bytes()
        == (paragraph + "\n" + rest + "\nThe end of the plan, for now.\n")
        .replace("\n", "\r\n")
        .encode()
    )


def test_a_fix_that_would_add_a_finding_is_left_out():
    """fix_text never adds a finding: an edit whose result lints with a new one is withheld."""
    from fitlint.diagnostics import Diagnostic, FixSafety, Severity, Suggestion

    def lint(text: str) -> list[Diagnostic]:
        found = []
        for word, code, new in (
            ("bad", "FL101", "worse"),
            ("worse", "FL202", None),
            ("ugly", "FL203", "nice"),
        ):
            start = text.find(word)
            if start >= 0:
                edit = Edit(start, start + len(word), new or word)
                found.append(
                    Diagnostic(
                        "p",
                        start,
                        start + len(word),
                        code,
                        "r",
                        "c",
                        Severity.WARNING,
                        "m",
                        word,
                        (Suggestion("s", (), FixSafety.SAFE, (edit,)),),
                    )
                )
        return found

    outcome = fix_text("a bad day", lint, unsafe=False)
    assert outcome.text == "a bad day" and outcome.withheld == 1 and outcome.applied == 0
    outcome = fix_text("a bad and ugly day", lint, unsafe=False)
    assert outcome.text == "a bad and nice day" and outcome.withheld == 1 and outcome.applied == 1


def test_withheld_fixes_are_reported(cli, tmp_path, monkeypatch):
    from fitlint import fixes

    real = fixes._added
    monkeypatch.setattr(
        fixes, "_added", lambda before, after: True if after is not before else real(before, after)
    )
    path = tmp_path / "a.md"
    path.write_text("Burn belly fat with these 5 moves.\n")
    result = cli("check", "a.md", "--isolated", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert path.read_text() == "Burn belly fat with these 5 moves.\n"
    assert (
        "fitlint: warning: a.md: 1 fix left out: applied, it would make a new finding appear\n"
        in result.err
    )
