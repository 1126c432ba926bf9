"""Baselines: --write-baseline, --baseline / the 'baseline' setting, --report-unused-baseline."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from conftest import needs_shared, write
from corpus_runs import corpus_copy

from fitlint.config import load_config
from fitlint.engine import Linter

POST = """# Flat stomach plan

Burn belly fat fast with these five moves. Start on Monday.

Walk every day and sleep well.

Burn belly fat fast with these five moves. Try them at home.
"""


def _against_baseline(cli, folder, *extra: str):
    """`fitlint check .` in ``folder`` against its base.json, with no config and no cache."""
    return cli(
        "check", ".", "--isolated", "--no-cache", "--baseline", "base.json", *extra, cwd=folder
    )


def test_write_then_check_reports_nothing_until_a_claim_changes(cli, tmp_path):
    write(tmp_path / "post.md", POST)
    written = cli(
        "check", ".", "--isolated", "--no-cache", "--write-baseline", "base.json", cwd=tmp_path
    )
    assert written.code == 0 and written.out == ""
    assert re.match(r"Wrote \d+ findings \(\d+ entries\) to the baseline base\.json\.", written.err)
    data = json.loads((tmp_path / "base.json").read_text())
    assert data["fitlint-baseline"] == 1
    entry = next(e for e in data["entries"] if e["code"] == "FL101")
    assert entry == {
        "path": "post.md",
        "code": "FL101",
        "claim": "burn belly fat",
        "context": entry["context"],
        "count": 2,
    }
    assert all(
        set(e) == {"path", "code", "claim", "context", "count"} for e in data["entries"]
    )  # no line numbers
    quiet = _against_baseline(cli, tmp_path)
    assert quiet.code == 0
    assert quiet.out.startswith("All clear: 1 file checked, no problems.\n")
    assert re.search(r"^\d+ findings hidden by the baseline .*base\.json\.$", quiet.out, re.M)

    # Lines and paragraphs added above, the paragraphs moved and re-wrapped: nothing new.
    moved = POST.replace(
        "# Flat stomach plan\n", "# Flat stomach plan\n\nA new opening line.\nAnd a second one.\n"
    )
    first, walk, second = moved.split("\n\n")[2:5]
    moved = (
        moved.replace(first, "@@")
        .replace(second, first.replace(" five", "\nfive"))
        .replace("@@", second)
    )
    write(tmp_path / "post.md", moved + "\nA closing paragraph.\n")
    assert _against_baseline(cli, tmp_path).code == 0

    # A changed claim is new.
    write(
        tmp_path / "post.md",
        POST.replace(
            "Burn belly fat fast with these five moves. Start",
            "Burn thigh fat fast with these five moves. Start",
        ),
    )
    changed = _against_baseline(cli, tmp_path, "--no-source")
    assert changed.code == 1
    assert _reported(changed.out) == {(3, "FL101"), (3, "FL202")}  # 'Burn thigh fat (fast)'
    # Two identical claims were recorded: a third copy is new, the first two are not.
    write(
        tmp_path / "post.md",
        POST + "\nBurn belly fat fast with these five moves. Try them at home.\n",
    )
    third = _against_baseline(cli, tmp_path, "--no-source")
    assert third.code == 1
    assert {line for line, _ in _reported(third.out)} == {9}
    assert {(9, "FL101"), (9, "FL202")} <= _reported(third.out)


def _reported(output: str) -> set[tuple[int, str]]:
    return {
        (int(line), code)
        for line, code in re.findall(r"^post\.md:(\d+):\d+: (FL\d+)", output, re.M)
    }


def test_unused_entries_are_listed(cli, tmp_path):
    write(tmp_path / "post.md", POST)
    write(tmp_path / "gone.md", "Lose 10 pounds in 3 days.\n")
    cli("check", ".", "--isolated", "--no-cache", "--write-baseline", "base.json", cwd=tmp_path)
    write(
        tmp_path / "post.md",
        POST.replace("Burn belly fat fast with these five moves. Try them at home.", "Walk more."),
    )
    (tmp_path / "gone.md").unlink()
    result = _against_baseline(cli, tmp_path, "--report-unused-baseline")
    assert result.code == 0
    unused = [
        line
        for line in result.err.splitlines()
        if line.startswith("fitlint: unused baseline entry: ")
    ]
    assert any("post.md: FL101 'burn belly fat'" in line for line in unused), result.err
    assert any(
        line.startswith("fitlint: unused baseline entry: gone.md: FL2") for line in unused
    ), result.err
    # Without the flag nothing is listed; without a baseline the flag is an error.
    assert "unused" not in _against_baseline(cli, tmp_path).err
    no_baseline = cli("check", ".", "--isolated", "--report-unused-baseline", cwd=tmp_path)
    assert no_baseline.code == 2 and "needs a baseline" in no_baseline.err


def test_baseline_setting(cli, tmp_path):
    write(tmp_path / ".fitlint.yaml", "baseline: .fitlint-baseline.json\n")
    write(tmp_path / "docs" / "post.md", POST)
    assert (
        cli("check", "docs", "--no-cache", "--write-baseline", cwd=tmp_path).code == 0
    )  # to the setting's file
    assert (tmp_path / ".fitlint-baseline.json").is_file()
    entries = json.loads((tmp_path / ".fitlint-baseline.json").read_text())["entries"]
    assert {e["path"] for e in entries} == {"docs/post.md"}  # relative to the baseline's folder
    assert cli("check", "docs", "--no-cache", cwd=tmp_path).code == 0
    assert cli("check", "docs", "--no-cache", "--no-baseline", cwd=tmp_path).code == 1
    settings = cli("check", "docs", "--show-settings", cwd=tmp_path).out
    assert re.search(
        r"^baseline +=.*\.fitlint-baseline\.json.*# .*\.fitlint\.yaml$", settings, re.M
    )
    # A missing or broken baseline is a one-line error (exit 2), as is a bad setting.
    (tmp_path / ".fitlint-baseline.json").write_text("[]")
    broken = cli("check", "docs", "--no-cache", cwd=tmp_path)
    assert (
        broken.code == 2
        and "not a fitlint baseline" in broken.err
        and len(broken.err.splitlines()) == 1
    )
    (tmp_path / ".fitlint-baseline.json").unlink()
    missing = cli("check", "docs", "--no-cache", cwd=tmp_path)
    assert missing.code == 2 and "baseline file not found" in missing.err
    clash = cli("check", "docs", "--write-baseline", "--fix", cwd=tmp_path)
    assert clash.code == 2 and "--write-baseline cannot be combined" in clash.err
    write(tmp_path / ".fitlint.yaml", "baseline: [a, b]\n")
    assert "'baseline' must be the path" in cli("check", "docs", cwd=tmp_path).err


def _insertion_points(text: str, before: int, html: bool) -> list[int]:
    """Line starts above ``before`` where a new top-level paragraph can go without joining or
    splitting another block: after a blank line, before a paragraph or heading (Markdown), or
    before a line that opens a paragraph or heading tag (HTML)."""
    points = []
    body = 0
    if text.startswith("---"):
        closing = text.find("\n---", 3)
        body = closing + 4 if closing >= 0 else len(text)
    for match in re.finditer(r"\n", text[:before]):
        start = match.end()
        if start <= body or start >= before:
            continue
        line = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)]
        if html:
            if re.match(r"\s*<(p|h[1-6])[ >]", line):
                points.append(start)
        elif text[start - 2 : start] == "\n\n" and re.match(r"(#{1,6} |[A-Z])", line):
            points.append(start)
    return points


@needs_shared
def test_corpus_baseline_survives_edits_above_claims(cli):
    """The issue's acceptance test: a baseline over ../shared/corpus/real*, ten random edits above
    claims (inserted lines and paragraphs) report nothing new; a changed claim is reported."""
    root = corpus_copy("real", "real2", "real2b")
    assert cli("check", ".", "--write-baseline", cwd=root).code == 0
    assert cli("check", ".", "--baseline", ".fitlint-baseline.json", cwd=root).code == 0
    config = load_config(root)
    results = Linter(config).lint_paths(
        [Path(".")], jobs=1, use_cache=True
    )  # cached by the runs above
    rng = random.Random(18)
    candidates = []
    for result in results:
        html = not result.path.endswith((".md", ".mdx", ".markdown"))
        # A line inserted inside a finding's own text (or the first copy a duplicate points
        # to) changes that finding: only points outside every one are edits "above a claim".
        spans = [(d.start, d.end) for d in result.diagnostics]
        spans += [
            (r.start, r.end) for d in result.diagnostics for r in d.related if r.path == d.path
        ]
        for d in result.diagnostics:
            points = [
                p
                for p in _insertion_points(result.source.text, d.start, html)
                if not any(start < p < end for start, end in spans)
            ]
            if points:
                candidates.append((result.path, d, points, html))
    edits = rng.sample(candidates, 10)
    by_file: dict[str, list[int]] = {}
    for number, (path, d, points, html) in enumerate(edits):
        by_file.setdefault(path, []).append(rng.choice(points))
    for number, (path, points) in enumerate(sorted(by_file.items())):
        text = open(path, encoding="utf-8", newline="").read()
        html = not path.endswith((".md", ".mdx", ".markdown"))
        for k, point in enumerate(sorted(points, reverse=True)):  # from the end: offsets stay true
            added = f"Note {number}.{k}: the layout of this page changed in spring."
            if html:
                added = (
                    f"<p>{added}</p>\n"
                    if k % 2
                    else f"<h3>Update {number}.{k}</h3>\n<p>{added}</p>\n"
                )
            else:
                added = (
                    f"{added}\n\n"
                    if k % 2
                    else f"## Update {number}.{k}\n\n{added}\nA second line of it.\n\n"
                )
            text = text[:point] + added + text[point:]
        with open(path, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    after = cli("check", ".", "--baseline", ".fitlint-baseline.json", "--no-source", cwd=root)
    assert after.code == 0, after.out
    assert after.out.startswith("All clear:")

    # Change one claim: a figure in an uncited statistic.
    statistic = next(
        (path, d)
        for path, d, _, _ in sorted(candidates, key=lambda c: (c[0], c[1].start))
        if d.code == "FL401" and re.search(r"\d", d.text) and "\n" not in d.text
    )
    path, d = statistic
    text = open(path, encoding="utf-8", newline="").read()
    old = d.text
    new = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), old, count=1)
    assert text.count(old) == 1
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.write(text.replace(old, new))
    changed = cli("check", ".", "--baseline", ".fitlint-baseline.json", "--no-source", cwd=root)
    assert changed.code == 1
    reported = [line for line in changed.out.splitlines() if ": FL" in line]
    assert (
        len(reported) == 1 and "FL401" in reported[0] and reported[0].startswith(path)
    ), changed.out
