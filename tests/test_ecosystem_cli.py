"""ruff-style command-line conventions, run as a user runs them: ``python -m fitlint …``.

-V, --exit-zero, --show-settings, --color (NO_COLOR / FORCE_COLOR), --add-noqa, --watch, and
configuration errors that name their file.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from fitlint import __version__

CLAIM = "Melt your love handles with these five moves.\n"
# A repeated paragraph: found by the lexical stage alone, so a run with --select FL3 is fast.
PARAGRAPH = "Jog for five minutes at an easy pace, then stretch your calves and hips.\n"
REPEATED = f"# Plan\n\n{PARAGRAPH}\n{PARAGRAPH}"
FAST = ("--select", "FL3", "--no-cache")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def fitlint(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None):
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "fitlint", *args],
        cwd=cwd,
        env={**environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_short_version_flag(tmp_path):
    short, long = fitlint("-V", cwd=tmp_path), fitlint("--version", cwd=tmp_path)
    assert short.returncode == long.returncode == 0
    assert short.stdout == long.stdout == f"fitlint {__version__}\n"


def test_exit_zero_reports_findings_but_exits_0(tmp_path):
    (tmp_path / "post.md").write_text(REPEATED)
    plain = fitlint("check", "post.md", *FAST, cwd=tmp_path)
    zero = fitlint("check", "post.md", *FAST, "--exit-zero", cwd=tmp_path)
    assert plain.returncode == 1 and zero.returncode == 0
    assert zero.stdout == plain.stdout and "FL302" in zero.stdout
    broken = fitlint("check", "post.md", "--exit-zero", "--select", "FL999", cwd=tmp_path)
    assert broken.returncode == 2  # errors are still errors


def test_show_settings_says_where_each_setting_comes_from(tmp_path):
    config = tmp_path / ".fitlint.yaml"
    config.write_text('ignore: [FL203]\nformats: {php: html}\nexclude: ["drafts/"]\n')
    (tmp_path / "post.md").write_text(CLAIM)
    run = fitlint("check", "post.md", "--show-settings", "--select", "FL1,FL2", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert f"Config file: {config}" in lines
    assert f"Root: {tmp_path}" in run.stdout
    setting = {
        line.split(" = ")[0].strip(): line.split(" = ", 1)[1] for line in lines if " = " in line
    }
    assert setting["ignore"] == f'["FL203"]  # {config}'
    assert setting["formats"] == f'{{"php": "html"}}  # {config}'
    assert setting["exclude"] == f'["drafts/"]  # {config}'
    assert setting["select"] == '["FL1", "FL2"]  # command line (--select)'
    assert setting["fail-on"] == '"warning"  # default'
    assert setting["max-file-size"] == "5242880  # default"
    assert "FL101" in run.stdout.split("Rules selected")[1]
    assert "FL401" not in run.stdout.split("Rules selected")[1]
    assert "FL101 [warning]" not in run.stdout  # nothing is linted


def test_show_settings_without_a_config_file(tmp_path):
    run = fitlint("check", ".", "--show-settings", "--isolated", cwd=tmp_path)
    assert run.returncode == 0
    assert "Config file: none (defaults)" in run.stdout
    assert "ignore            = []  # default" in run.stdout


def test_color(tmp_path):
    (tmp_path / "post.md").write_text(REPEATED)
    args = ("check", "post.md", *FAST)
    never = fitlint(*args, "--color", "never", cwd=tmp_path)
    always = fitlint(*args, "--color", "always", cwd=tmp_path)
    assert "\x1b[" not in never.stdout
    assert "\x1b[1;33mFL302\x1b[0m" in always.stdout  # the code in the warning colour
    assert "\x1b[1;33m^^^^" in always.stdout  # and the carets under the claim
    assert ANSI.sub("", always.stdout) == never.stdout  # colour adds nothing else
    assert "\x1b[" not in fitlint(*args, cwd=tmp_path).stdout  # auto: stdout is a pipe here
    assert "\x1b[" in fitlint(*args, cwd=tmp_path, env={"FORCE_COLOR": "1"}).stdout
    assert (
        "\x1b["
        not in fitlint(*args, cwd=tmp_path, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout
    )
    assert (
        "\x1b[" in fitlint(*args, "--color", "always", cwd=tmp_path, env={"NO_COLOR": "1"}).stdout
    )
    for other in ("json", "sarif"):
        run = fitlint(*args, "--format", other, "--color", "always", cwd=tmp_path)
        assert run.returncode == 1 and "\x1b" not in run.stdout, other


def test_config_errors_name_their_file(tmp_path):
    (tmp_path / "post.md").write_text(CLAIM)
    (tmp_path / ".fitlint.yaml").write_text("select: [FL1]\nignore:\n  - FL203\n  - FL999\n")
    run = fitlint("check", "post.md", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == (
        f"fitlint: error: {tmp_path / '.fitlint.yaml'}:4: unknown rule code or prefix 'FL999' in 'ignore'\n"
    )
    (tmp_path / ".fitlint.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.fitlint]\nextend-select = ["fl777"]\n')
    run = fitlint("check", "post.md", cwd=tmp_path)
    assert run.returncode == 2
    assert (
        f"{tmp_path / 'pyproject.toml'}:2: unknown rule code or prefix 'FL777' in 'extend-select'"
        in run.stderr
    )
    flag = fitlint("check", "post.md", "--ignore", "FL555", cwd=tmp_path)
    assert "FL777" in flag.stderr  # the config's own error comes first
    (tmp_path / "pyproject.toml").unlink()
    flag = fitlint("check", "post.md", "--ignore", "FL555", cwd=tmp_path)
    assert flag.stderr == "fitlint: error: unknown rule code or prefix 'FL555' in ignore\n"


# -- --add-noqa ------------------------------------------------------------------------------

MARKDOWN = (
    "---\n"
    "title: Burn belly fat fast\n"
    "---\n"
    "\n"
    "# Summer plan\n"
    "\n"
    "Melt your love handles with these five moves.\n"
    "\n"
    "Try these:\n"
    "- Burn belly fat with crunches.\n"
    "- Plank for a minute.\n"
    "- Melt your love handles with twists.\n"
    "\n"
    "It helps you\\\n"
    "burn belly fat with crunches.\n"
    "\n"
    "> A reader wrote in.\n"
    ">\n"
    "> Melt your love handles with side bends.\n"
    "\n"
    "| Day | Plan |\n"
    "|---|---|\n"
    "| Mon | Melt your love handles |\n"
    "| Tue | Rest |\n"
    "\n"
    "Walking is good for you.\n"
)

NOQA_MARKDOWN = (
    "---\n"
    "# <!-- fitlint-disable-next-line FL101, FL202 -->\n"
    "title: Burn belly fat fast\n"
    "---\n"
    "\n"
    "# Summer plan\n"
    "\n"
    "<!-- fitlint-disable-next-line FL101 -->\n"
    "Melt your love handles with these five moves.\n"
    "\n"
    "Try these:\n"
    "<!-- fitlint-disable-next-line FL101 -->\n"
    "- Burn belly fat with crunches.\n"
    "- Plank for a minute.\n"
    "  <!-- fitlint-disable-next-line FL101 -->\n"
    "- Melt your love handles with twists.\n"
    "\n"
    "It helps you <!-- fitlint-disable-next-line FL101 -->\\\n"
    "burn belly fat with crunches.\n"
    "\n"
    "> A reader wrote in.\n"
    ">\n"
    "> <!-- fitlint-disable-next-line FL101 -->\n"
    "> Melt your love handles with side bends.\n"
    "\n"
    "<!-- fitlint-disable FL101 -->\n"
    "| Day | Plan |\n"
    "|---|---|\n"
    "| Mon | Melt your love handles |\n"
    "| Tue | Rest |\n"
    "<!-- fitlint-enable FL101 -->\n"
    "\n"
    "Walking is good for you.\n"
)


def _lines_with_findings(run) -> set[int]:
    return {int(m.group(1)) for m in re.finditer(r"^post\.md:(\d+):", run.stdout, re.MULTILINE)}


def test_add_noqa_markdown_places_comments_where_they_work(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(MARKDOWN)  # findings on lines 2, 7, 10, 12, 15, 19 and 23
    added = fitlint("check", "post.md", "--add-noqa", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert added.stderr == "Added 7 fitlint-disable comments to 1 file.\n"
    assert post.read_text() == NOQA_MARKDOWN
    after = fitlint("check", "post.md", "--no-cache", "--report-unused-suppressions", cwd=tmp_path)
    assert after.returncode == 0 and "All clear" in after.stdout, after.stdout
    again = fitlint("check", "post.md", "--add-noqa", cwd=tmp_path)
    assert again.returncode == 0 and post.read_text() == NOQA_MARKDOWN  # idempotent
    assert again.stderr == "Added 0 fitlint-disable comments to 0 files.\n"


def test_add_noqa_keeps_bom_line_endings_and_merges_codes(tmp_path):
    post = tmp_path / "post.md"
    text = "Intro line.\r\n\r\n<!-- fitlint-disable-next-line FL999 -->\r\nBurn belly fat fast with crunches."
    post.write_bytes(b"\xef\xbb\xbf" + text.encode())
    mode = 0o640
    post.chmod(mode)
    first = tmp_path / "first.md"
    first.write_bytes("Burn belly fat with crunches.\r\nMore text.".encode("utf-16"))
    run = fitlint("check", ".", "--add-noqa", "--isolated", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    expected = text.replace("FL999", "FL101, FL202, FL999")
    assert post.read_bytes() == b"\xef\xbb\xbf" + expected.encode()  # BOM, CRLF, no final newline
    assert post.stat().st_mode & 0o777 == mode
    assert first.read_bytes() == (
        "<!-- fitlint-disable-next-line FL101 -->\r\nBurn belly fat with crunches.\r\nMore text."
    ).encode("utf-16")
    assert fitlint("check", ".", "--no-cache", "--isolated", cwd=tmp_path).returncode == 0


def test_add_noqa_html(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Plan</title></head><body>\n"
        "  <p>\n"
        "    Melt your love handles with these moves.\n"
        "  </p>\n"
        '  <img src="a.png"\n'
        '       alt="Melt your love handles fast">\n'
        "</body></html>\n"
    )
    run = fitlint("check", "page.html", "--add-noqa", cwd=tmp_path)
    assert run.returncode == 0
    assert "page.html:6: not suppressed: the line starts inside an HTML tag" in run.stderr
    assert page.read_text().splitlines()[2:4] == [
        "    <!-- fitlint-disable-next-line FL101 -->",
        "    Melt your love handles with these moves.",
    ]
    check = fitlint("check", "page.html", "--no-cache", "--no-source", cwd=tmp_path)
    lines = {
        int(m.group(1)) for m in re.finditer(r"^page\.html:(\d+):", check.stdout, re.MULTILINE)
    }
    assert lines == {7}  # only the alt text, one line down now


def test_add_noqa_refuses_stdin(tmp_path):
    run = fitlint("check", "-", "--add-noqa", cwd=tmp_path, stdin=CLAIM)
    assert run.returncode == 2 and "cannot read stdin" in run.stderr


# -- --watch ------------------------------------------------------------------------------


def test_watch_lints_again_when_a_file_changes_and_ctrl_c_exits_0(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    post = docs / "post.md"
    post.write_text("# Plan\n\nWalk every day.\n")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fitlint",
            "check",
            "docs",
            "--watch",
            "--no-source",
            "--select",
            "FL3",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out: list[str] = []
    err: list[str] = []
    readers = [
        threading.Thread(target=lambda: out.extend(iter(process.stdout.readline, "")), daemon=True),
        threading.Thread(target=lambda: err.extend(iter(process.stderr.readline, "")), daemon=True),
    ]
    for reader in readers:
        reader.start()

    def wait_for(predicate, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.05)
        return False

    try:
        assert wait_for(lambda: sum("Watching for file changes" in line for line in err) == 1), err
        # stdout and stderr have a reader thread each; either may be read first.
        assert wait_for(lambda: any("All clear" in line for line in out)), out
        time.sleep(0.3)
        post.write_text(REPEATED)
        assert wait_for(lambda: sum("Watching for file changes" in line for line in err) == 2), err
        assert any("File change detected (post.md)" in line for line in err)
        assert wait_for(
            lambda: any(line.startswith("docs/post.md:5:1: FL302") for line in out)
        ), out
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert not any("Traceback" in line for line in err)


def test_watch_refuses_stdin(tmp_path):
    run = fitlint("check", "-", "--watch", cwd=tmp_path, stdin=CLAIM)
    assert run.returncode == 2 and "cannot read stdin" in run.stderr


def test_show_files_still_works(tmp_path):
    (tmp_path / "a.md").write_text(CLAIM)
    (tmp_path / "b.php").write_text("<p>hi</p>\n")
    run = fitlint("check", ".", "--show-files", cwd=tmp_path)
    assert run.returncode == 0 and run.stdout == "a.md\tmarkdown\n"
