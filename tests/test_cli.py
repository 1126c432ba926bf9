"""The command line as users see it: exit codes, stdin, config, suppressions, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, write

BAD = "Burn belly fat with these 5 moves.\n"
CLEAN = "Strength training builds muscle.\n"


def test_exit_0_when_clean(cli, tmp_path):
    write(tmp_path / "a.md", CLEAN)
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 0
    assert "All clear: 1 file checked" in result.out


def test_exit_1_with_findings_and_ruff_style_line(cli, tmp_path):
    write(tmp_path / "a.md", "Intro.\n\n" + BAD)
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 1
    assert result.out.startswith(
        "a.md:3:1: FL101 [warning] 'Burn belly fat' promises to burn fat off one body part."
    )
    assert "3 | Burn belly fat with these 5 moves." in result.out
    assert "  | ^^^^^^^^^^^^^^\n" in result.out
    assert "= unsafe fix: Strengthen your core" in result.out


def test_fail_on_error_turns_warnings_into_exit_0(cli, tmp_path):
    write(tmp_path / "a.md", BAD)
    assert cli("check", "a.md", "--fail-on", "error", cwd=tmp_path).code == 0


def test_exit_2_on_usage_error_with_one_line(cli, tmp_path):
    result = cli("check", "--format", "yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.err.startswith("fitlint: error:")
    assert "Traceback" not in result.err


def test_exit_2_on_unknown_rule_code(cli, tmp_path):
    write(tmp_path / "a.md", BAD)
    result = cli("check", "a.md", "--select", "FL999", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "fitlint: error: unknown rule code or prefix 'FL999' in select\n"


def test_stdin_with_filename(cli, tmp_path):
    result = cli("check", "-", "--stdin-filename", "draft.md", cwd=tmp_path, stdin=BAD.encode())
    assert result.code == 1
    assert result.out.startswith("draft.md:1:1: FL101")


def test_select_and_ignore_prefixes(cli, tmp_path):
    write(tmp_path / "a.md", "Burn belly fat fast. Guaranteed results.\n")
    codes = lambda out: sorted({line.split()[1] for line in out.splitlines() if ": FL" in line})  # noqa: E731
    assert codes(cli("check", "a.md", "--no-source", cwd=tmp_path).out) == [
        "FL101",
        "FL202",
        "FL203",
    ]
    assert codes(cli("check", "a.md", "--no-source", "--select", "FL2", cwd=tmp_path).out) == [
        "FL202",
        "FL203",
    ]
    assert codes(cli("check", "a.md", "--no-source", "--ignore", "FL20", cwd=tmp_path).out) == [
        "FL101"
    ]


def test_config_discovered_upward_and_cli_overrides(cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.fitlint]\nignore = ["FL101"]\nfail-on = "error"\n')
    write(tmp_path / "docs" / "deep" / "a.md", "Burn belly fat. Guaranteed results.\n")
    result = cli("check", "docs", "--no-source", cwd=tmp_path)
    assert "FL101" not in result.out and "FL203" in result.out
    assert result.code == 0  # fail-on error from config
    assert cli("check", "docs", "--fail-on", "warning", cwd=tmp_path).code == 1  # flag wins


def test_fitlint_yaml_is_closer_than_pyproject(cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.fitlint]\nignore = ["FL101"]\n')
    write(tmp_path / "docs" / ".fitlint.yaml", "select: [FL101]\nseverity: {FL101: error}\n")
    write(tmp_path / "docs" / "a.md", "Burn belly fat. Guaranteed results.\n")
    result = cli("check", "docs", "--no-source", cwd=tmp_path)
    assert "FL101 [error]" in result.out and "FL203" not in result.out


def test_isolated_ignores_config(cli, tmp_path):
    write(tmp_path / ".fitlint.yaml", "ignore: [FL1]\n")
    write(tmp_path / "a.md", BAD)
    assert "FL101" in cli("check", "a.md", "--isolated", cwd=tmp_path).out


def test_per_file_ignores_and_exclude(cli, tmp_path):
    write(
        tmp_path / ".fitlint.yaml",
        'per-file-ignores: {"legal/*.md": [FL101]}\nexclude: ["drafts/"]\n',
    )
    write(tmp_path / "legal" / "a.md", BAD)
    write(tmp_path / "drafts" / "b.md", BAD)
    write(tmp_path / "c.md", BAD)
    result = cli("check", ".", "--no-source", cwd=tmp_path)
    assert (
        "legal" not in result.out and "drafts" not in result.out and "c.md:1:1: FL101" in result.out
    )
    # Named explicitly, an excluded directory is linted; --force-exclude skips it (pre-commit).
    assert "drafts" in cli("check", "drafts", "--no-source", cwd=tmp_path).out
    assert cli("check", "drafts/b.md", "--force-exclude", cwd=tmp_path).code == 0


def test_gitignore_honoured(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "build/\n*.tmp.md\n")
    write(tmp_path / "build" / "a.md", BAD)
    write(tmp_path / "x.tmp.md", BAD)
    write(tmp_path / "ok.md", CLEAN)
    result = cli("check", ".", cwd=tmp_path)
    assert result.code == 0 and "1 file checked" in result.out
    assert cli("check", ".", "--no-respect-gitignore", cwd=tmp_path).code == 1


def test_broken_config_is_exit_2(cli, tmp_path):
    write(tmp_path / ".fitlint.yaml", "select: [FL101\n")
    write(tmp_path / "a.md", BAD)
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and ".fitlint.yaml:2: invalid YAML" in result.err
    write(tmp_path / ".fitlint.yaml", "selct: [FL101]\n")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and "unknown setting 'selct'" in result.err


def test_broken_rule_file_reports_path_and_line(cli, tmp_path):
    write(tmp_path / "rules" / "mine.yaml", "schema: 1\nrules:\n  - code: FL9\n    name: x\n")
    write(tmp_path / "a.md", BAD)
    result = cli("check", "a.md", "--rule-dir", "rules", cwd=tmp_path)
    assert result.code == 2
    assert f"{Path('rules') / 'mine.yaml'}:3: " in result.err
    write(tmp_path / "rules" / "mine.yaml", "schema: 1\nrules: [\n")
    result = cli("check", "a.md", "--rule-dir", "rules", cwd=tmp_path)
    assert result.code == 2 and "mine.yaml:3: invalid YAML" in result.err


def test_extra_rule_dir_adds_a_rule(cli, tmp_path):
    write(
        tmp_path / "rules" / "house.yaml",
        """schema: 1
rules:
  - code: FL901
    name: detox-tea
    category: quick-fix
    severity: error
    kind: phrase
    message: "'{text}' sells detox tea as weight loss."
    rationale: Teas do not cause fat loss.
    patterns: ["detox tea"]
    suggest: [{text: "Remove the claim."}]
""",
    )
    write(tmp_path / "a.md", "Our detox teas work.\n")
    result = cli("check", "a.md", "--rule-dir", "rules", "--no-source", cwd=tmp_path)
    assert result.out.startswith(
        "a.md:1:5: FL901 [error] 'detox teas' sells detox tea as weight loss."
    )


def test_suppressions_all_forms(cli, tmp_path):
    text = (
        "<!-- fitlint-disable-next-line FL101 -->\n"
        "Burn belly fat now.\n"
        "Burn belly fat again.\n"
        "<!-- fitlint-disable FL101 -->\n"
        "Burn belly fat in a block.\n"
        "<!-- fitlint-enable -->\n"
        "Burn belly fat after.\n"
    )
    write(tmp_path / "a.md", text)
    out = cli("check", "a.md", "--no-source", "--select", "FL101", cwd=tmp_path).out
    lines = [line.split(":")[1] for line in out.splitlines() if "FL101" in line]
    assert lines == ["3", "7"]
    write(tmp_path / "b.md", "<!-- fitlint-disable-file -->\n" + BAD)
    assert cli("check", "b.md", cwd=tmp_path).code == 0


def test_report_unused_suppressions(cli, tmp_path):
    write(tmp_path / "a.md", "<!-- fitlint-disable-next-line FL203 -->\nBurn belly fat.\n")
    result = cli(
        "check",
        "a.md",
        "--no-source",
        "--report-unused-suppressions",
        "--select",
        "FL101,FL002",
        cwd=tmp_path,
    )
    assert "a.md:1:1: FL002 [warning] Unused suppression (FL203)" in result.out


def test_bad_files_reported_and_others_still_linted(cli, tmp_path):
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 burn belly fat\n".encode("latin-1"))
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02burn belly fat")
    write(tmp_path / "good.md", BAD)
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "self").symlink_to(tmp_path / "loop", target_is_directory=True)
    result = cli("check", ".", "--no-source", cwd=tmp_path)
    assert result.code == 1
    assert "good.md:1:1: FL101" in result.out
    assert "fitlint: latin1.md: not valid UTF-8: byte 0xe9 at offset 3; file skipped" in result.err
    # A binary file a walk finds is skipped (counted in the summary); named, it is reported.
    assert "binary.md" not in result.err + result.out.replace("1 binary", "")
    assert "1 binary" in result.out.splitlines()[-1]
    assert "symlink loop" in result.err
    assert "Traceback" not in result.err
    named = cli("check", "binary.md", "good.md", "--no-source", cwd=tmp_path)
    assert "fitlint: binary.md: binary file" in named.err
    assert "binary.md:1:1: FL001" in named.out


def test_rules_and_rule_commands(cli):
    listing = cli("rules").out
    assert listing.splitlines()[0].split() == ["CODE", "NAME", "CATEGORY", "SEVERITY"]
    assert "FL101  fat-burning-body-part" in listing
    explained = cli("rule", "fl101").out
    assert explained.startswith("FL101 fat-burning-body-part (spot-reduction, warning)")
    assert "doi.org/10.1519/JSC.0b013e3181fb4a46" in explained
    assert cli("rule", "FL999").code == 2


def test_docs_rules_page_is_current(cli):
    """docs/rules.md is generated from the packs; regenerate with `fitlint rules --format markdown`."""
    generated = cli("rules", "--format", "markdown").out
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == generated


def test_python_m_and_console_script(tmp_path):
    write(tmp_path / "a.md", BAD)
    result = subprocess.run(
        [sys.executable, "-m", "fitlint", "check", "a.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "FL101" in result.stdout


def test_own_docs_are_clean(cli):
    """fitlint lints its own README and docs (as the repo's pre-commit config does)."""
    result = cli("check", "README.md", "docs", cwd=REPO)
    assert result.code == 0, result.out


def test_unreadable_file_is_reported_and_run_goes_on(cli, tmp_path, monkeypatch):
    write(tmp_path / "locked.md", BAD)
    write(tmp_path / "open.md", BAD)
    real_open = os.open

    def open_file(path, flags, *args, **kwargs):  # the tests run as root, whom chmod cannot stop
        if os.fspath(path).endswith("locked.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)
    result = cli("check", ".", "--no-source", cwd=tmp_path)
    assert result.code == 1
    assert "fitlint: locked.md: cannot read: Permission denied" in result.err
    assert (
        "locked.md:1:1: FL001 [error] File not linted: cannot read: Permission denied" in result.out
    )
    assert "open.md:1:1: FL101" in result.out


def test_utf8_bom_and_utf16_are_decoded(cli, tmp_path):
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + BAD.encode())
    (tmp_path / "wide.md").write_bytes(b"\xff\xfe" + BAD.encode("utf-16-le"))
    out = cli("check", ".", "--no-source", cwd=tmp_path).out
    assert "bom.md:1:1: FL101" in out and "wide.md:1:1: FL101" in out


def test_huge_file_is_skipped_with_a_clear_message(cli, tmp_path):
    write(tmp_path / ".fitlint.yaml", "max-file-size: 1000\n")
    write(tmp_path / "big.md", "Strength work. " * 200)
    result = cli("check", "big.md", cwd=tmp_path)
    assert "fitlint: big.md: file is 2.9 KiB, over the 1000 bytes limit; skipped" in result.err
    assert result.code == 1


def test_regulator_profile_selects_and_raises(cli, tmp_path):
    write(tmp_path / "a.md", "Burn belly fat. Guaranteed results. Burn 3 times more fat.\n")
    asa = cli("check", "a.md", "--no-source", "--profile", "asa", cwd=tmp_path).out
    assert "FL101 [error]" in asa and "FL203 [error]" in asa
    eu = cli("check", "a.md", "--no-source", "--profile", "eu", cwd=tmp_path).out
    assert (
        "FL101" not in eu and "FL203" not in eu
    )  # EU 1924/2006 Art. 12 is about rate and amount claims
    ftc = cli("check", "a.md", "--no-source", "--profile", "ftc", cwd=tmp_path).out
    assert "FL205 [error]" in ftc


def test_excerpt_repeating_the_body_is_reported_in_both_places(cli, tmp_path):
    write(
        tmp_path / "a.md",
        '---\nexcerpt: "Try these tips for rapid results."\n---\n\nIntro.\n\nTry these tips for rapid results.\n',
    )
    out = cli("check", "a.md", "--format", "json", cwd=tmp_path).out
    import json

    diagnostics = json.loads(out)[0]["diagnostics"]
    # The excerpt is published on its own (feeds, cards, meta tags): both places are reported,
    # each pointing at the other.
    assert [(d["code"], d["range"]["start"]["line"]) for d in diagnostics] == [
        ("FL202", 1),
        ("FL202", 6),
    ]
    assert diagnostics[0]["relatedInformation"][0]["message"] == "the same claim in the body"
    assert diagnostics[0]["relatedInformation"][0]["location"]["range"]["start"]["line"] == 6
    assert (
        diagnostics[1]["relatedInformation"][0]["message"]
        == "also in the front matter 'excerpt' (line 2)"
    )


def test_show_excused_lists_excused_matches_as_hints(cli, tmp_path):
    (tmp_path / "a.md").write_text(
        "Crunches won't burn belly fat.\n\nBurn belly fat with these 5 moves.\n"
    )
    plain = cli("check", "a.md", "--no-cache", "--format", "json", cwd=tmp_path)
    assert [d["range"]["start"]["line"] for d in json.loads(plain.out)[0]["diagnostics"]] == [2]
    shown = cli("check", "a.md", "--no-cache", "--format", "json", "--show-excused", cwd=tmp_path)
    found = json.loads(shown.out)[0]["diagnostics"]
    excused = [d for d in found if d["data"].get("excused")]
    assert [
        (d["code"], d["severity"], d["data"]["excused"], d["data"]["text"]) for d in excused
    ] == [("FL101", 4, "negated", "burn belly fat")]
    assert all(not s["edits"] for s in excused[0]["data"]["suggestions"])
    assert shown.code == plain.code == 1  # hints never change the exit code


_TIMETABLE = (
    "## Thigh Trimmer\n\nPulses at the barre.\n\n"
    "| Day | 7 am | 6 pm |\n|---|---|---|\n| Mon | Thigh Trimmer | Stretch |\n| Tue | Stretch | Thigh Trimmer |\n\n"
    "| Class | Price |\n|---|---|\n| Thigh Trimmer | £12 |\n"
)


def test_a_name_is_reported_wherever_the_page_shows_it(cli, tmp_path):
    write(tmp_path / "classes.md", _TIMETABLE)
    out = cli("check", "classes.md", "--no-cache", "--format", "json", cwd=tmp_path).out
    found = [d for d in json.loads(out)[0]["diagnostics"] if d["code"] == "FL102"]
    # Each rendering is one a reader sees and an editor renames: the heading, both timetable
    # cells and the price list.
    assert [d["range"]["start"]["line"] for d in found] == [0, 6, 7, 11]
    assert all(not d.get("relatedInformation") for d in found)


HOUSE_NAME_RULE = """schema: 1
rules:
  - code: FL951
    name: trimmer-name
    category: spot-reduction
    severity: warning
    kind: phrase
    once: true
    message: "'{text}' is a class name"
    rationale: A house rule that finds names.
    patterns: ["thigh trimmer"]
    suggest: [{text: "Rename the class."}]
"""


def test_a_rule_with_once_reports_a_timetables_repeats_as_related(cli, tmp_path):
    write(tmp_path / "rules" / "names.yaml", HOUSE_NAME_RULE)
    write(tmp_path / ".fitlint.yaml", "rule-dirs: [rules]\n")
    write(tmp_path / "classes.md", _TIMETABLE)
    out = cli("check", "classes.md", "--no-cache", "--format", "json", cwd=tmp_path).out
    found = [d for d in json.loads(out)[0]["diagnostics"] if d["code"] == "FL951"]
    # The heading and the price list (each name once) are reported; the timetable's repeats are
    # related locations of the first finding.
    assert [d["range"]["start"]["line"] for d in found] == [0, 11]
    assert [r["message"] for r in found[0]["relatedInformation"]] == [
        "the same name again (line 7)",
        "the same name again (line 8)",
    ]
