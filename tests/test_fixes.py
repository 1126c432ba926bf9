"""--fix, --unsafe-fixes and --diff: atomic, idempotent, byte-exact outside the edits."""

from __future__ import annotations

import os
import shutil
import stat

from conftest import SHARED, needs_shared

from fitlint.diagnostics import Edit
from fitlint.files import decode
from fitlint.fixes import apply_edits, chosen_edits, fix_text


def test_adjacent_edits_are_all_applied_and_overlaps_dropped():
    from fitlint.diagnostics import Diagnostic, FixSafety, Severity, Suggestion

    def diag(start, end, new):
        return Diagnostic("p", start, end, "FL101", "r", "spot-reduction", Severity.WARNING, "m", "t",
                          (Suggestion("s", (), FixSafety.SAFE, (Edit(start, end, new),)),))

    edits = chosen_edits([diag(0, 3, "X"), diag(3, 6, "Y"), diag(4, 8, "Z"), diag(6, 6, "!")], unsafe=False)
    assert [(e.start, e.end) for e in edits] == [(0, 3), (3, 6), (6, 6)]
    assert apply_edits("abcdefghij", edits) == "XY!ghij"


def test_unsafe_fixes_need_the_flag(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Burn belly fat today.\n")
    result = cli("check", "a.md", "--fix", cwd=tmp_path)
    assert path.read_text() == "Burn belly fat today.\n"  # FL101's rewrite is unsafe
    assert result.code == 1
    result = cli("check", "a.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert path.read_text() == "Strengthen the muscles around your belly today.\n"
    assert "Fixed 1 problem." in result.out and result.code == 0


def test_fix_keeps_crlf_bom_permissions_and_is_idempotent(cli, tmp_path):
    path = tmp_path / "a.md"
    original = b"\xef\xbb\xbfIntro line.\r\n\r\nThese moves torch belly fat \xf0\x9f\x94\xa5 fast.\r\nNo newline at end"
    path.write_bytes(original)
    path.chmod(0o640)
    cli("check", "a.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    fixed = path.read_bytes()
    assert fixed == original.replace(b"torch belly fat", b"strengthen the muscles around your belly")
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
        "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-Melt your love handles.\n"
        "+Strengthen the muscles around your love handles.\n"
    )
    assert path.read_text() == "Melt your love handles.\n"


def test_stdin_fix_prints_fixed_text(cli, tmp_path):
    result = cli("check", "-", "--fix", "--unsafe-fixes", cwd=tmp_path, stdin=b"Zap your muffin top!\n")
    assert result.out == "Strengthen the muscles around your muffin top!\n"


def test_interrupted_write_leaves_original_intact(cli, tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("Burn belly fat.\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = cli("check", "a.md", "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "fitlint: error: a.md: could not write fixes, file left as it was: No space left on device\n"
    assert path.read_text() == "Burn belly fat.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


@needs_shared
def test_fix_every_shared_file_changes_only_reported_ranges(linter, tmp_path):
    """--fix on a copy of every shared file, twice: the first run changes only bytes inside
    reported ranges (each edit sits inside the range of the diagnostic it fixes, and the output is
    exactly the input with those edits), the second changes nothing."""
    files = sorted(p for p in (SHARED / "corpus").rglob("*") if p.suffix in (".md", ".txt"))
    changed_files = 0
    for source_path in files:
        copy = tmp_path / source_path.name
        shutil.copyfile(source_path, copy)
        source = decode(copy.read_bytes(), str(copy))
        diagnostics = linter.lint_text(source.text, str(copy))
        first = fix_text(source.text, lambda t, path=str(copy): linter.lint_text(t, path), unsafe=True)
        assert first.passes <= 1, source_path.name  # fixes never create new fixable findings
        for edit in first.first_edits:
            owner = [d for d in diagnostics for s in d.suggestions if edit in s.edits]
            assert owner and owner[0].start <= edit.start and edit.end <= owner[0].end, (source_path.name, edit)
        assert apply_edits(source.text, first.first_edits) == first.text
        second = fix_text(first.text, lambda t, path=str(copy): linter.lint_text(t, path), unsafe=True)
        assert second.text == first.text and second.applied == 0
        changed_files += first.text != source.text
    assert changed_files > 0
