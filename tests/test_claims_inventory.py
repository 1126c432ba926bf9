"""``fitlint claims``: every flagged claim, plus the excused and cited ones, as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from conftest import needs_shared, write
from corpus_runs import corpus_copy

from fitlint.inventory import COLUMNS

POST = (
    "# Walking\n\n"
    "Walking burns 40% more fat than sitting [1].\n\n"
    'Studies show, "clearly", that a brisk walk\nburns 300 calories an hour.\n\n'
    "Research shows walking helps ([a trial](https://doi.org/10.1000/abc123)).\n\n"
    "+50% more fat burned than jogging, studies show.\n\n"
    "Burn belly fat with these moves.\n\n"
    "Do not believe that you can burn belly fat with crunches.\n\n"
    "## References\n\n"
    "1. Smith J (2020). Walking and fat. doi:10.1000/xyz\n"
)
SPOT_EVIDENCE = "vispute-2011"


def test_statuses_sources_and_reasons(cli, tmp_path):
    write(tmp_path / "post.md", POST)
    result = cli("claims", "post.md", "--isolated", "--no-cache", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["counts"] == {"flagged": 3, "excused": 1, "cited": 2}
    rows = {(row["line"], row["code"]): row for row in data["claims"]}
    assert list(data["claims"][0]) == list(COLUMNS)
    marker = rows[(3, "FL401")]
    assert (marker["status"], marker["reason"]) == ("cited", "cited in its sentence")
    assert (
        marker["source"] == "[1] Smith J (2020). Walking and fat. doi:10.1000/xyz"
    )  # the marker and its entry
    link = rows[(8, "FL402")]
    assert (link["status"], link["source"]) == ("cited", "https://doi.org/10.1000/abc123")
    assert (
        link["sentence"] == "Research shows walking helps (a trial)."
    )  # prose, without the link markup
    spot = rows[(12, "FL101")]
    assert (spot["status"], spot["column"], spot["text"]) == ("flagged", 1, "Burn belly fat")
    assert SPOT_EVIDENCE in spot["evidence"].split()
    negated = rows[(14, "FL101")]
    assert (negated["status"], negated["reason"], negated["column"]) == ("excused", "negated", 29)
    assert not negated["message"].startswith("Not reported")
    # check reports exactly the flagged ones; the cited ones are not findings there.
    check = cli("check", "post.md", "--isolated", "--no-cache", "--no-source", cwd=tmp_path)
    flagged = {(line, code) for (line, code), row in rows.items() if row["status"] == "flagged"}
    reported = {
        (int(line.split(":")[1]), line.split(": ")[1].split()[0])
        for line in check.out.splitlines()
        if line.startswith("post.md:")
        and line.split(": ")[1].split()[0][:3] in ("FL1", "FL2", "FL4")
    }
    assert reported == flagged
    only = json.loads(
        cli(
            "claims", "post.md", "--isolated", "--format", "json", "--status", "cited", cwd=tmp_path
        ).out
    )
    assert {row["status"] for row in only["claims"]} == {"cited"}
    assert cli("claims", "post.md", "--status", "maybe", cwd=tmp_path).code == 2


def test_csv_quoting_round_trips(cli, tmp_path):
    write(tmp_path / 'post, with "comma".md', POST)
    out = tmp_path / "claims.csv"
    assert (
        cli("claims", ".", "--isolated", "--no-cache", "--output-file", str(out), cwd=tmp_path).code
        == 0
    )
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == 7 and b"\n" in raw.replace(
        b"\r\n", b""
    )  # CRLF rows; a LF inside a field
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == list(COLUMNS)
    table = [dict(zip(COLUMNS, row)) for row in rows[1:]]
    assert all(len(row) == len(COLUMNS) for row in rows)
    assert {row["path"] for row in table} == {'post, with "comma".md'}
    quoted = next(row for row in table if row["line"] == "5")
    assert (
        quoted["text"] == 'Studies show, "clearly", that a brisk walk\nburns 300 calories an hour.'
    )
    assert b'"Studies show, ""clearly"", that a brisk walk\nburns 300 calories an hour."' in raw
    # A cell a spreadsheet would run as a formula is kept as text.
    formula = next(row for row in table if row["line"] == "10")
    assert formula["text"].startswith("'+50%")
    json_rows = json.loads(cli("claims", ".", "--isolated", "--format", "json", cwd=tmp_path).out)[
        "claims"
    ]
    assert [row["text"].lstrip("'") for row in table] == [row["text"] for row in json_rows]


@needs_shared
def test_inventory_of_a_corpus_lists_every_flagged_diagnostic(cli):
    """real2: every claim finding of `check` is listed as flagged, every excused match as excused
    (with the reason), and the cited statistics and appeals with their source."""
    root = corpus_copy("real2")
    check = cli("check", "real2", "--show-excused", "--format", "json", cwd=root)
    claims = json.loads(cli("claims", "real2", "--format", "json", cwd=root).out)["claims"]
    csv_rows = list(csv.DictReader(io.StringIO(cli("claims", "real2", cwd=root).out, newline="")))

    def claim_code(code: str) -> bool:
        return code[:3] in ("FL1", "FL2", "FL4")

    found = json.loads(check.out)
    flagged, excused = Counter(), Counter()
    for result in found:
        for d in result["diagnostics"]:
            if claim_code(d["code"]):
                key = (result["path"], d["code"], d["range"]["start"]["line"] + 1)
                (excused if "excused" in d.get("data", {}) else flagged)[key] += 1
    by_status = {status: Counter() for status in ("flagged", "excused", "cited")}
    for row in claims:
        by_status[row["status"]][(row["path"], row["code"], row["line"])] += 1
    assert sum(flagged.values()) > 100 and sum(excused.values()) > 10
    assert by_status["flagged"] == flagged
    assert by_status["excused"] == excused
    assert sum(by_status["cited"].values()) >= 5
    assert all(
        row["source"] and row["reason"].startswith("cited")
        for row in claims
        if row["status"] == "cited"
    )
    assert all(row["reason"] for row in claims if row["status"] == "excused")
    assert {row["code"][:3] for row in claims if row["status"] == "cited"} == {"FL4"}
    assert len(csv_rows) == len(claims)
    assert [
        (r["path"], r["line"], r["code"], r["status"], r["text"].lstrip("'")) for r in csv_rows
    ] == [(r["path"], str(r["line"]), r["code"], r["status"], r["text"]) for r in claims]
