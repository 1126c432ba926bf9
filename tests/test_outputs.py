"""Machine outputs: JSON (validated against the committed schema), SARIF 2.1.0, GitHub annotations."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

from fitlint.positions import LineIndex

TEXT = '---\ntitle: "Melt your love handles 💪"\n---\n\n# Plan\n\n- 💪🏽 Burn belly fat fast.\r\n'


def _schema() -> dict:
    return json.loads(
        resources.files("fitlint").joinpath("schemas/diagnostics.schema.json").read_text("utf-8")
    )


def test_json_validates_and_is_lsp_shaped(cli, tmp_path):
    (tmp_path / "a.md").write_bytes(TEXT.encode())
    (tmp_path / "clean.md").write_text("Nothing to see.\n")
    result = cli("check", ".", "--format", "json", cwd=tmp_path)
    assert result.code == 1
    payload = json.loads(result.out)
    jsonschema.validate(payload, _schema())
    by_path = {entry["path"]: entry for entry in payload}
    assert by_path["clean.md"]["diagnostics"] == []
    entry = by_path["a.md"]
    assert entry["uri"] == (tmp_path / "a.md").as_uri()
    first = entry["diagnostics"][0]
    assert first["code"] == "FL101" and first["source"] == "fitlint" and first["severity"] == 2
    assert first["range"] == {
        "start": {"line": 1, "character": 8},
        "end": {"line": 1, "character": 30},
    }
    assert first["data"]["category"] == "spot-reduction"
    assert first["data"]["text"] == "Melt your love handles"
    assert first["codeDescription"]["href"].endswith("rules.md#fl101")
    assert first["data"]["evidence"][0]["doi"]
    # UTF-16: the emoji with a skin tone is 4 code units, so "Burn" starts at character 7.
    burn = next(d for d in entry["diagnostics"] if d["data"]["text"] == "Burn belly fat")
    assert burn["range"]["start"] == {"line": 6, "character": 7}
    fix = next(s for s in burn["data"]["suggestions"] if s["edits"])
    assert fix["fix"] == "unsafe"
    # The rewrite replaces the claim's unit, "Burn belly fat fast", in its imperative shape.
    unit = {"start": {"line": 6, "character": 7}, "end": {"line": 6, "character": 26}}
    assert fix["edits"][0] == {"range": unit, "newText": "Strengthen your core"}


def test_json_schema_rejects_a_broken_payload():
    bad = [{"path": "a.md", "uri": "file:///a.md", "diagnostics": [{"range": {}, "severity": 9}]}]
    try:
        jsonschema.validate(bad, _schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an invalid diagnostic")


def test_sarif_one_result_per_diagnostic_with_matching_regions(cli, tmp_path):
    (tmp_path / "a.md").write_bytes(TEXT.encode())
    as_json = json.loads(cli("check", "a.md", "--format", "json", cwd=tmp_path).out)[0][
        "diagnostics"
    ]
    sarif = json.loads(cli("check", "a.md", "--format", "sarif", cwd=tmp_path).out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "fitlint"
    assert len(run["results"]) == len(as_json)
    index = LineIndex(TEXT)
    for result, diagnostic in zip(run["results"], as_json):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert result["ruleId"] == diagnostic["code"]
        assert region["startLine"] == diagnostic["range"]["start"]["line"] + 1
        assert region["startColumn"] == diagnostic["range"]["start"]["character"] + 1
        assert region["endColumn"] == diagnostic["range"]["end"]["character"] + 1
        assert region["snippet"]["text"] == diagnostic["data"]["text"]
        rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        start = index.offset_from_lsp(region["startLine"] - 1, region["startColumn"] - 1)
        assert TEXT[start : start + len(diagnostic["data"]["text"])] == diagnostic["data"]["text"]


def test_github_annotations(cli, tmp_path):
    (tmp_path / "a.md").write_text("Intro.\n\nBurn belly fat, 100% guaranteed.\n")
    out = cli("check", "a.md", "--format", "github", "--select", "FL101", cwd=tmp_path).out
    assert out.splitlines()[0].startswith(
        "::warning file=a.md,line=3,col=1,endLine=3,endColumn=15,title=FL101 fat-burning-body-part::'Burn belly fat'"
    )


def test_output_file(cli, tmp_path):
    (tmp_path / "a.md").write_text("Burn belly fat.\n")
    result = cli("check", "a.md", "--format", "json", "--output-file", "report.json", cwd=tmp_path)
    assert result.code == 1 and result.out == ""
    jsonschema.validate(json.loads((tmp_path / "report.json").read_text()), _schema())
