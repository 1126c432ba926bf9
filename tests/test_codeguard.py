"""A fix never cuts through template code, a JSX expression, a CDATA section or an element: it is
shown, and --fix leaves the file as it was."""

from __future__ import annotations

import pytest

from fitlint.codeguard import cuts_code
from fitlint.config import Config
from fitlint.diagnostics import FixSafety
from fitlint.engine import Linter

FORMATS = {"blade.php": "html", "erb": "html", "jsx": "jsx"}


@pytest.mark.parametrize(
    ("removed", "cuts"),
    [
        ("These crunches tone your arms. Then rest for a day.", False),
        ("<p>Rest for a day.</p>\n", False),
        ("<h2>Rest days</h2>\n<p>Sleep well.</p>\n", False),
        ("<img src='a.png' alt='x'> Sleep well.<br>", False),
        ("{{ __('Rest days') }} Sleep well.", False),
        ("These crunches tone your arms.') }} Then rest for a day.</p>\n<p>{{ __('", True),
        ("These crunches tone your arms.'} Then rest.</p>\n<p>{'", True),
        ("Sleep well.]]> More.&lt;/p&gt;</description></item>\n<item><title>Two</title>", True),
        ("<h2>Rest days matter</h2>\n    <p>Sleep well and recover.", True),
        ("Burn belly fat <!-- draft", True),
    ],
)
def test_an_edit_that_removes_one_side_of_a_pair_cuts_code(removed, cuts):
    assert cuts_code(removed) is cuts


@pytest.mark.parametrize(
    ("name", "line"),
    [
        (
            "dup.blade.php",
            "<p>{{ __('These crunches tone your arms.') }} Then rest for a day between sessions.</p>",
        ),
        (
            "dup.erb",
            "<p><%= link_to 'These crunches tone your arms.', '/arms' %> Then rest for a day.</p>",
        ),
    ],
)
def test_a_repeated_paragraph_opening_in_template_code_is_not_removed(name, line):
    text = f"{line}\n{line}\n"
    found = Linter(Config(formats=FORMATS)).lint_text(text, name)
    repeats = [d for d in found if d.code == "FL302"]
    assert repeats, "the repeat is still reported"
    for d in repeats:
        assert all(s.fix is FixSafety.NONE and not s.edits for s in d.suggestions)
        assert any(
            "no automatic fix: the edit would cut through markup or code" in s.text
            for s in d.suggestions
        )


def test_a_repeated_paragraph_in_plain_markdown_keeps_its_fix():
    line = "Sleep well and take easy walks between sessions so your muscles can recover."
    found = Linter(Config()).lint_text(f"{line}\n\n{line}\n", "a.md")
    repeats = [d for d in found if d.code == "FL302"]
    assert repeats and any(s.edits for s in repeats[0].suggestions)


def test_fix_leaves_a_jsx_file_whole(cli, tmp_path):
    line = "    <p>{'These crunches tone your arms.'} Then rest for a day between sessions.</p>"
    text = f"export const A = () => (\n  <div>\n{line}\n{line}\n  </div>\n);\n"
    target = tmp_path / "A.jsx"
    target.write_text(text, encoding="utf-8")
    (tmp_path / ".fitlint.yaml").write_text("formats: {jsx: jsx}\n", encoding="utf-8")
    cli("check", "A.jsx", "--fix", "--no-cache", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == text


def test_a_rewrite_that_would_drop_a_placeholder_is_not_applied():
    text = "<h2><?php printf(__('Lose %s pounds in a week', 'x'), 10); ?></h2>\n"
    found = Linter(Config(formats={"php": "html"})).lint_text(text, "ph.php")
    rewrites = [s for d in found for s in d.suggestions if "placeholder" in s.text]
    assert rewrites and all(s.fix is FixSafety.NONE and not s.edits for s in rewrites)
    assert not any(s.edits for d in found for s in d.suggestions)
