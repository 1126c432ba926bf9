"""Baselines: today's findings recorded so that a run reports only new ones.

``fitlint check --write-baseline FILE`` records every finding by a fingerprint that does not
depend on where it is in its file: the file (relative to the baseline's folder), the rule code,
the claim's text and a hash of the sentence holding it, both case-folded with whitespace runs as
one space. Adding or removing lines above a claim, re-wrapping its paragraph or moving the
paragraph leaves its fingerprint as it was; changing the claim or its sentence makes a new one.

Identical fingerprints are counted: a file baselined with two identical claims reports a third.
``--baseline FILE`` (or the ``baseline`` setting) hides up to that many findings of each
fingerprint, in file order; ``--report-unused-baseline`` lists the entries that matched less
than they were written for (fixed or changed claims) in the files the run linted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from fitlint.config import Config, ConfigError
from fitlint.diagnostics import Diagnostic
from fitlint.results import FileResult
from fitlint.locate import normalise, sentence_of

FORMAT_KEY = "fitlint-baseline"
FORMAT_VERSION = 1
DEFAULT_NAME = ".fitlint-baseline.json"
_CLAIM_CHARS = 200  # longer claims (copied sections) are kept as their opening and a hash


class Fingerprint(NamedTuple):
    path: str  # the file, relative to the baseline's folder, with forward slashes
    code: str
    claim: str  # the finding's text, normalised (long ones cut, with a hash of the whole)
    context: str  # hash of the normalised sentence holding it


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def claim_key(text: str) -> str:
    claim = normalise(text)
    if len(claim) <= _CLAIM_CHARS:
        return claim
    return f"{claim[:_CLAIM_CHARS]}… #{_digest(claim)}"


def relative_path(path: str, base: Path) -> str:
    """``path`` relative to ``base``, with forward slashes (``..`` where it lies outside)."""
    if path == "-":
        return path
    return os.path.relpath(Path(path).absolute(), base.absolute()).replace(os.sep, "/")


def counts_as_finding(d: Diagnostic) -> bool:
    """Excused and cited matches (hints shown on request) are not findings to record."""
    return "excused" not in d.extra and "cited" not in d.extra


def fingerprints(result: FileResult, config: Config, base: Path) -> list[Fingerprint | None]:
    """One fingerprint per diagnostic of ``result`` (None for the ones that are not findings)."""
    wanted = [counts_as_finding(d) for d in result.diagnostics]
    if not any(wanted):
        return [None] * len(wanted)
    path = relative_path(result.path, base)
    document = None
    if result.source is not None:
        from fitlint.document import parse_document

        document = parse_document(
            result.source.text, result.path, config.front_matter_keys, config.formats
        )
    out: list[Fingerprint | None] = []
    for d, want in zip(result.diagnostics, wanted):
        if not want:
            out.append(None)
            continue
        sentence = (
            sentence_of(document, d.start, d.end)
            if document is not None and d.end > d.start
            else None
        )
        context = normalise(sentence if sentence is not None else d.text)
        out.append(Fingerprint(path, d.code, claim_key(d.text), _digest(context)))
    return out


@dataclass
class Outcome:
    hidden: int = 0  # findings the baseline matched, not reported
    unused: list[tuple[Fingerprint, int]] = field(default_factory=list)  # entries, unmatched count


@dataclass
class Baseline:
    file: Path
    entries: Counter[Fingerprint]

    @property
    def base(self) -> Path:
        return self.file.absolute().parent

    @classmethod
    def load(cls, file: Path) -> Baseline:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(
                f"{file}: baseline file not found (write one with --write-baseline {file})"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: cannot read baseline: {exc}") from None
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{file}:{exc.lineno}: invalid baseline JSON: {exc.msg}") from None
        if (
            not isinstance(data, dict)
            or data.get(FORMAT_KEY) != FORMAT_VERSION
            or not isinstance(data.get("entries"), list)
        ):
            raise ConfigError(
                f'{file}: not a fitlint baseline (expected {{"{FORMAT_KEY}": {FORMAT_VERSION}, "entries": [...]}})'
            )
        entries: Counter[Fingerprint] = Counter()
        for number, entry in enumerate(data["entries"], 1):
            try:
                fingerprint = Fingerprint(*(entry[key] for key in Fingerprint._fields))
                count = entry.get("count", 1)
            except (KeyError, TypeError, AttributeError):
                raise ConfigError(
                    f"{file}: baseline entry {number} needs path, code, claim and context"
                ) from None
            if (
                not all(isinstance(part, str) for part in fingerprint)
                or not isinstance(count, int)
                or isinstance(count, bool)
                or count < 1
            ):
                raise ConfigError(
                    f"{file}: baseline entry {number}: path, code, claim and context are strings, count a positive number"
                )
            entries[fingerprint] += count
        return cls(file, entries)

    def apply(self, results: Sequence[FileResult], config: Config) -> Outcome:
        """Remove the findings the baseline holds from ``results`` (in place)."""
        left = Counter(self.entries)
        outcome = Outcome()
        linted: set[str] = set()
        for result in results:
            linted.add(relative_path(result.path, self.base))
            if not result.diagnostics:
                continue
            kept = []
            for d, fingerprint in zip(result.diagnostics, fingerprints(result, config, self.base)):
                if fingerprint is not None and left[fingerprint] > 0:
                    left[fingerprint] -= 1
                    outcome.hidden += 1
                else:
                    kept.append(d)
            result.diagnostics = kept
        for fingerprint, count in sorted(left.items()):
            if count <= 0:
                continue
            # Only files this run linted can tell; a baselined file that is gone is unused too.
            if fingerprint.path in linted or not (self.base / fingerprint.path).exists():
                outcome.unused.append((fingerprint, count))
        return outcome


def build_entries(
    results: Iterable[FileResult], config: Config, base: Path
) -> Counter[Fingerprint]:
    entries: Counter[Fingerprint] = Counter()
    for result in results:
        for fingerprint in fingerprints(result, config, base):
            if fingerprint is not None:
                entries[fingerprint] += 1
    return entries


def write_baseline(file: Path, results: Iterable[FileResult], config: Config) -> tuple[int, int]:
    """Write every finding of ``results`` to ``file`` (atomically); (findings, entries)."""
    base = file.absolute().parent
    entries = build_entries(results, config, base)
    payload = {
        FORMAT_KEY: FORMAT_VERSION,
        "entries": [
            {**fingerprint._asdict(), "count": count}
            for fingerprint, count in sorted(entries.items())
        ],
    }
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    base.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".fitlint-baseline-", dir=base)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sum(entries.values()), len(entries)


def describe_unused(baseline: Baseline, unused: list[tuple[Fingerprint, int]]) -> str:
    """``--report-unused-baseline``: one line per entry that matched less than recorded."""
    lines = []
    for fingerprint, count in unused:
        times = f" ({count} of them)" if count > 1 else ""
        lines.append(
            f"fitlint: unused baseline entry: {fingerprint.path}: {fingerprint.code} {fingerprint.claim!r}{times}: "
            "no longer found; rewrite the baseline with --write-baseline to drop it"
        )
    return "".join(line + "\n" for line in lines)
