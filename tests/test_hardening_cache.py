"""The result cache is untrusted input: a cloned repository may bring any ``.fitlint_cache``.

Bad entries are dropped and recomputed (never fatal); nothing is read or written through a
symbolic link, so the cache can never be used to write outside the project.
"""

from __future__ import annotations

import json
import os
import threading

import pytest
from conftest import write

from fitlint.cache import CACHE_DIR_NAME

pytestmark = pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX only")

ARGS = ("check", ".", "--no-source", "-j", "1")


def _project(tmp_path):
    project = tmp_path / "project"
    write(project / "a.md", "Burn belly fat with these moves.\n")
    write(project / "b.md", "Melt your love handles in a week.\n")
    return project


def _entries(project):
    return sorted((project / CACHE_DIR_NAME).rglob("*.json"))


def _fresh(cli, project):
    result = cli(*ARGS, "--no-cache", cwd=project)
    assert result.code == 1 and "FL101" in result.out
    return result


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda data: data.replace('"start": ', '"start": "x", "was": ', 1), id="wrong-type"
        ),
        pytest.param(lambda data: "[" * 100_000 + "]" * 100_000, id="deeply-nested"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(
            lambda data: data.replace('"start": ', '"start": 99999999, "was": ', 1),
            id="range-past-text",
        ),
        pytest.param(lambda data: '[{"path": 1}]', id="missing-fields"),
        pytest.param(
            lambda data: data.replace('"fix": ', '"fix": ["x"], "was": ', 1), id="unhashable"
        ),
        pytest.param(
            lambda data: data.replace('"evidence": [[', '"evidence": [[7, ', 1), id="evidence-type"
        ),
        pytest.param(
            lambda data: data.replace(
                '"extra": {', '"extra": {"x": ' + "[" * 50 + "]" * 50 + ", ", 1
            ),
            id="extra-depth",
        ),
        pytest.param(lambda data: '{"not": "a list"}', id="not-a-list"),
        pytest.param(lambda data: "\udcff" + data, id="not-utf8"),
    ],
)
def test_bad_cache_entry_is_recomputed_not_fatal(cli, tmp_path, damage):
    project = _project(tmp_path)
    expected = _fresh(cli, project)
    assert cli(*ARGS, cwd=project).out == expected.out  # fills the cache
    entries = _entries(project)
    assert len(entries) == 2
    for entry in entries:
        original = entry.read_text(encoding="utf-8")
        damaged = damage(original)
        assert damaged != original
        entry.write_bytes(damaged.encode("utf-8", "surrogateescape"))  # "\udcff" is byte 0xff
    result = cli(*ARGS, cwd=project)
    assert (result.code, result.out, result.err) == (1, expected.out, "")
    for entry in _entries(project):  # dropped and written again, valid
        data = json.loads(entry.read_text(encoding="utf-8"))
        assert all(type(item["start"]) is int for item in data)
    assert cli(*ARGS, cwd=project).out == expected.out


def test_symlinked_cache_directory_is_refused_once_and_nothing_written_through_it(cli, tmp_path):
    project = _project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / CACHE_DIR_NAME).symlink_to(outside, target_is_directory=True)
    expected = _fresh(cli, project)
    result = cli(*ARGS, cwd=project)
    assert result.code == 1 and result.out == expected.out
    warnings = [line for line in result.err.splitlines() if "symbolic link" in line]
    assert len(warnings) == 1, result.err
    assert (
        warnings[0].startswith("fitlint: warning: ") and "running without the cache" in warnings[0]
    )
    assert list(outside.iterdir()) == []


def test_symlinked_version_directory_and_gitignore_are_not_followed(cli, tmp_path):
    project = _project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine\n")
    cache = project / CACHE_DIR_NAME
    cache.mkdir()
    (cache / ".gitignore").symlink_to(outside / "keep.txt")
    (cache / "v1").symlink_to(outside, target_is_directory=True)
    result = cli(*ARGS, cwd=project)
    assert result.code == 1 and result.out == _fresh(cli, project).out
    assert "v1 is a symbolic link; running without the cache" in result.err
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert (outside / "keep.txt").read_text() == "mine\n"


def test_symlinked_shard_and_entry_are_never_followed(cli, tmp_path):
    project = _project(tmp_path)
    expected = _fresh(cli, project)
    cli(*ARGS, cwd=project)
    first, second = _entries(project)
    outside = tmp_path / "outside"
    outside.mkdir()
    # An entry that is a link to a file elsewhere: never read (the file holds a lie), never written.
    planted = outside / "planted.json"
    lie = json.loads(first.read_text(encoding="utf-8"))
    lie[0]["message"] = "planted"
    planted.write_text(json.dumps(lie), encoding="utf-8")
    first.unlink()
    first.symlink_to(planted)
    # A shard directory that is a link elsewhere: nothing is created there.
    shard = second.parent
    if shard == first.parent:
        pytest.skip("both entries share a shard")
    for item in shard.iterdir():
        item.unlink()
    shard.rmdir()
    shard.symlink_to(outside, target_is_directory=True)
    result = cli(*ARGS, cwd=project)
    assert result.code == 1 and result.out == expected.out and "planted" not in result.out
    assert sorted(p.name for p in outside.iterdir()) == ["planted.json"]
    assert json.loads(planted.read_text(encoding="utf-8")) == lie
    assert (
        not first.is_symlink()
        and json.loads(first.read_text(encoding="utf-8"))[0]["message"] != "planted"
    )
    assert "is a symbolic link; results there are not cached" in result.err


def test_fifo_planted_as_an_entry_does_not_block(cli, tmp_path):
    project = _project(tmp_path)
    expected = _fresh(cli, project)
    cli(*ARGS, cwd=project)
    for entry in _entries(project):
        entry.unlink()
        os.mkfifo(entry)
    done = {}
    worker = threading.Thread(
        target=lambda: done.setdefault("result", cli(*ARGS, cwd=project)), daemon=True
    )
    worker.start()
    worker.join(60)
    if worker.is_alive():
        for entry in _entries(project):  # unblock the reader so the test process can end
            with open(os.open(entry, os.O_WRONLY | os.O_NONBLOCK), "w"):
                pass
        pytest.fail("the run blocked on a FIFO in the cache")
    assert done["result"].out == expected.out


def test_result_too_large_for_the_cache_is_not_written_and_leaves_nothing(
    cli, tmp_path, monkeypatch
):
    import fitlint.cache

    project = _project(tmp_path)
    write(project / "many.md", "Burn belly fat with these moves.\n\n" * 40)
    expected = _fresh(cli, project)
    one_entry = max(len(p.read_bytes()) for p in (_fill(cli, project)))
    for path in (project / CACHE_DIR_NAME).rglob("*.json"):
        path.unlink()
    # Room for the two one-finding files' entries, not for the forty findings of many.md.
    monkeypatch.setattr(fitlint.cache, "MAX_ENTRY_BYTES", one_entry // 10)
    encoded = []
    to_dict = fitlint.cache.diagnostic_to_dict
    monkeypatch.setattr(
        fitlint.cache, "diagnostic_to_dict", lambda d: encoded.append(d) or to_dict(d)
    )
    written = _fill(cli, project)
    # Encoding stops at the cap: about four of many.md's findings, not all forty.
    assert len(encoded) < 10
    assert len(written) == 2 and all(len(p.read_bytes()) < one_entry // 10 for p in written)
    assert not [p for p in (project / CACHE_DIR_NAME).rglob("*") if p.name.endswith(".tmp")]
    assert cli(*ARGS, cwd=project).out == expected.out


def _fill(cli, project):
    cli(*ARGS, cwd=project)
    return _entries(project)
