"""``--fix`` writes only regular files inside the linted tree, and never over an edit made while
it ran."""

from __future__ import annotations

import os
import stat

import pytest
from conftest import write

import fitlint.fixes

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")

CLAIM = "Melt your love handles.\n"
FIX = ("--fix", "--unsafe-fixes", "--no-source")


@pytest.fixture
def fixed(cli, tmp_path) -> str:
    """CLAIM as --fix rewrites it (the wording belongs to the rule pack, not to these tests)."""
    text = cli("check", "-", "--fix", "--unsafe-fixes", cwd=tmp_path, stdin=CLAIM.encode()).out
    assert text and text != CLAIM
    return text


def _layout(tmp_path):
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    write(tree / "own.md", CLAIM)
    write(outside / "target.md", CLAIM)
    return tree, outside


def test_symlinked_file_out_of_the_tree_is_not_written(cli, tmp_path, fixed):
    tree, outside = _layout(tmp_path)
    (tree / "link.md").symlink_to(outside / "target.md")
    result = cli("check", ".", *FIX, cwd=tree)
    assert (outside / "target.md").read_text() == CLAIM
    assert (tree / "link.md").is_symlink()
    assert (tree / "own.md").read_text() == fixed  # the rest of the run goes on
    target = os.path.realpath(outside / "target.md")
    assert (
        f"fitlint: warning: link.md: not fixed: a symbolic link leads to {target}, outside the linted tree"
        in result.err.splitlines()
    )
    assert "Fixed 1 problem." in result.out


def test_symlinked_directory_out_of_the_tree_is_not_written(cli, tmp_path, fixed):
    tree, outside = _layout(tmp_path)
    (tree / "shared").symlink_to(outside, target_is_directory=True)
    result = cli("check", ".", *FIX, cwd=tree)
    assert (outside / "target.md").read_text() == CLAIM
    assert "shared/target.md: not fixed: a symbolic link leads to" in result.err
    assert (tree / "own.md").read_text() == fixed


def test_named_link_to_a_file_elsewhere_is_not_written(cli, tmp_path):
    tree, outside = _layout(tmp_path)
    (tree / "link.md").symlink_to(outside / "target.md")
    result = cli("check", "link.md", *FIX, cwd=tree)
    assert (outside / "target.md").read_text() == CLAIM
    assert "outside the linted tree" in result.err and result.code == 1


def test_link_inside_the_tree_is_fixed_once_in_its_target(cli, tmp_path, fixed):
    tree, _ = _layout(tmp_path)
    write(tree / "posts" / "real.md", CLAIM)
    (tree / "alias.md").symlink_to(tree / "posts" / "real.md")
    result = cli("check", ".", *FIX, cwd=tree)
    assert (tree / "posts" / "real.md").read_text() == fixed
    assert (tree / "alias.md").is_symlink()
    assert result.err == ""  # two paths lead to one file: written once, no "changed" warning
    assert result.code == 0
    # Naming only the link fixes its target too: the target is inside the named file's tree.
    write(tree / "posts" / "real.md", CLAIM)
    result = cli("check", "alias.md", *FIX, cwd=tree)
    assert (tree / "posts" / "real.md").read_text() == fixed and result.err == ""


def test_file_edited_while_fixing_keeps_the_edit(cli, tmp_path, monkeypatch, fixed):
    tree, _ = _layout(tmp_path)
    write(tree / "edited.md", CLAIM)
    (tree / "edited.md").chmod(0o640)
    fix_text = fitlint.fixes.fix_text

    def user_saves_meanwhile(text, lint, unsafe):
        outcome = fix_text(text, lint, unsafe)
        edited = tree / "edited.md"
        if edited.read_text() == CLAIM:  # the user appends a line after fitlint read the file
            with edited.open("a") as stream:
                stream.write("A line the user just typed.\n")
        return outcome

    monkeypatch.setattr(fitlint.fixes, "fix_text", user_saves_meanwhile)
    result = cli("check", ".", *FIX, cwd=tree)
    assert (tree / "edited.md").read_text() == CLAIM + "A line the user just typed.\n"
    assert stat.S_IMODE((tree / "edited.md").stat().st_mode) == 0o640
    assert (
        "fitlint: warning: edited.md: changed since it was read; not fixed, the edit is kept (run again to fix it)"
        in result.err.splitlines()
    )
    assert (tree / "own.md").read_text() == fixed
    assert "Fixed 1 problem." in result.out
    assert sorted(p.name for p in tree.iterdir()) == ["edited.md", "own.md"]  # no temp files left


def test_file_replaced_by_a_link_while_fixing_is_not_written_through(cli, tmp_path, monkeypatch):
    tree, outside = _layout(tmp_path)
    fix_text = fitlint.fixes.fix_text

    def swap_in_a_link(text, lint, unsafe):
        outcome = fix_text(text, lint, unsafe)
        own = tree / "own.md"
        if not own.is_symlink():
            own.unlink()
            own.symlink_to(outside / "target.md")
        return outcome

    monkeypatch.setattr(fitlint.fixes, "fix_text", swap_in_a_link)
    result = cli("check", "own.md", *FIX, cwd=tree)
    assert (outside / "target.md").read_text() == CLAIM
    assert "own.md: not fixed: a symbolic link leads to" in result.err
