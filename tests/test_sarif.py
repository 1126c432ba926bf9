"""SARIF output: valid against the official SARIF 2.1.0 schema (vendored in tests/schemas/),
locations relative to %SRCROOT% (the project root), rules documented as `fitlint rule` documents
them. Run as a user runs it: ``python -m fitlint check … --format sarif``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO

SCHEMA = json.loads((REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
# RFC 3986 URI-reference characters; '%' only as a percent-encoded octet.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$")
CLAIM = "Melt your love handles with these five moves.\n"
PARAGRAPH = "Jog for five minutes at an easy pace, then stretch your calves and hips.\n"


def fitlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fitlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    # Duplicates only: found without spaCy, with related locations and fixes to check.
    (root / ".fitlint.yaml").write_text("select: [FL3]\n")
    section = f"## Warm-up routine for every session\n\n{PARAGRAPH}"
    (root / "docs" / "été plan #1.md").write_text(
        f"# Plan\n\n{section}\n## Main\n\n{CLAIM}\n{section}"
    )
    html = f"<html><body><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></body></html>\n"
    (root / "docs" / "page.html").write_text(html)
    return root


def _artifact_locations(node):
    if isinstance(node, dict):
        if "artifactLocation" in node:
            yield node["artifactLocation"]
        for value in node.values():
            yield from _artifact_locations(value)
    elif isinstance(node, list):
        for value in node:
            yield from _artifact_locations(value)


def test_sarif_is_valid_and_locations_are_relative_to_the_project_root(project):
    run = fitlint("check", ".", "--format", "sarif", "--no-cache", cwd=project / "docs")
    assert run.returncode == 1, run.stderr
    log = json.loads(run.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)

    sarif_run = log["runs"][0]
    assert sarif_run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.as_uri() + "/"}}
    results = sarif_run["results"]
    assert {r["ruleId"] for r in results} <= {"FL301", "FL302", "FL303", "FL306", "FL307"}
    locations = list(_artifact_locations(results))
    assert any("relatedLocations" in r for r in results) and any("fixes" in r for r in results)
    assert len(locations) > len(results)  # related locations and fixes are covered too
    for location in locations:
        assert location["uriBaseId"] == "%SRCROOT%"
        assert URI_REFERENCE.match(location["uri"]), location
        assert not location["uri"].startswith(("/", "file:"))
    uris = {location["uri"] for location in locations}
    assert uris == {"docs/%C3%A9t%C3%A9%20plan%20%231.md", "docs/page.html"}


def test_without_a_config_the_root_is_the_current_directory(tmp_path):
    (tmp_path / "a b").mkdir()
    (tmp_path / "a b" / "post.md").write_text(CLAIM)
    run = fitlint("check", "a b", "--format", "sarif", "--isolated", "--no-cache", cwd=tmp_path)
    log = json.loads(run.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "a%20b/post.md", "uriBaseId": "%SRCROOT%"}


def test_rules_carry_their_documentation(tmp_path):
    (tmp_path / "post.md").write_text(CLAIM)
    run = fitlint("check", "post.md", "--format", "sarif", "--isolated", "--no-cache", cwd=tmp_path)
    log = json.loads(run.stdout)
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    explained = fitlint("rule", "FL101", cwd=tmp_path).stdout
    fl101 = rules["FL101"]
    assert fl101["help"]["text"] == explained
    assert fl101["help"]["markdown"].startswith("## FL101 `")
    assert "**Evidence:**" in fl101["help"]["markdown"] and "doi.org" in fl101["help"]["markdown"]
    for rule in rules.values():
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"].endswith("#" + rule["id"].lower())
    assert fl101["fullDescription"]["text"] in " ".join(explained.split())

    # The vendored schema is strict enough to catch a broken log.
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert os.path.getsize(REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json") == 112768
