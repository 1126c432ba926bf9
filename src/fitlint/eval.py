"""Score detection against a labelled corpus: ``python -m fitlint.eval CORPUS LABELS.tsv``.

LABELS.tsv has columns file, line (1-based), label, text. Labels map to diagnostic categories:
SPOT_PROMISE → spot-reduction, QUICKFIX_PROMISE → quick-fix, STAT_UNCITED → uncited-statistic,
DUP_SECTION → duplicate. SPOT_DEBUNK, STAT_CITED and NONE lines are deliberate negatives.

- recall: labelled lines covered by a diagnostic of the label's category;
- precision: a diagnostic is right when a line in its range carries its category's label, wrong
  when its first line carries a negative label or lies in a file marked ``full-pass`` in
  LABELED_FILES.tsv (every line judged); other unlabelled lines are not counted either way.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fitlint.config import Config
from fitlint.engine import Linter

LABEL_TO_CATEGORY = {
    "SPOT_PROMISE": "spot-reduction",
    "QUICKFIX_PROMISE": "quick-fix",
    "STAT_UNCITED": "uncited-statistic",
    "DUP_SECTION": "duplicate",
}
NEGATIVE_LABELS = {"SPOT_DEBUNK", "STAT_CITED", "NONE"}


@dataclass
class Score:
    label: str
    labelled: int = 0
    found: int = 0
    true_positive: int = 0
    false_positive: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None

    @property
    def precision(self) -> float | None:
        judged = self.true_positive + self.false_positive
        return self.true_positive / judged if judged else None


def read_labels(path: Path) -> dict[str, dict[int, set[str]]]:
    labels: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            labels[row["filename"]][int(row["line"])].add(row["label"])
    return labels


def read_coverage(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row["coverage"] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}


def evaluate(corpus: Path, labels_path: Path, linter: Linter | None = None) -> dict[str, Score]:
    labels = read_labels(labels_path)
    coverage = read_coverage(labels_path.parent / "LABELED_FILES.tsv")
    files_dir = corpus / "files" if (corpus / "files").is_dir() else corpus
    linter = linter or Linter(Config(root=files_dir))
    scores = {label: Score(label) for label in LABEL_TO_CATEGORY}
    names = sorted(set(labels) | set(coverage))
    # One run over the directory, as a user would run it (cross-file checks included).
    by_name = {Path(r.path).name: r for r in linter.lint_paths([files_dir])}
    for name in names:
        result = by_name.get(name)
        if result is None or result.source is None:
            continue
        from fitlint.positions import LineIndex

        index = LineIndex(result.source.text)
        file_labels = labels.get(name, {})
        covered: dict[str, set[int]] = defaultdict(set)
        for label, category in LABEL_TO_CATEGORY.items():
            score = scores[label]
            seen_lines: set[int] = set()
            for d in result.diagnostics:
                if d.category != category:
                    continue
                first = index.line_of(d.start) + 1
                last = index.line_of(max(d.end - 1, d.start)) + 1
                lines = range(first, last + 1)
                covered[category].update(lines)
                if first in seen_lines:
                    continue  # one judgement per line and category
                seen_lines.add(first)
                if any(label in file_labels.get(line, ()) for line in lines):
                    score.true_positive += 1
                elif file_labels.get(first, set()) & NEGATIVE_LABELS or coverage.get(name) == "full-pass":
                    score.false_positive += 1
                    score.false_alarms.append(f"{name}:{first}: {d.code} {d.text[:100]!r}")
            for line, line_labels in file_labels.items():
                if label in line_labels:
                    score.labelled += 1
                    if line in covered[category]:
                        score.found += 1
                    else:
                        score.misses.append(f"{name}:{line}: {index.line_text(line - 1)[:120]!r}" if line - 1 < index.line_count() else f"{name}:{line}")
    return scores


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def render_table(scores: dict[str, Score]) -> str:
    rows = [f"{'label':<18}{'category':<20}{'labelled':>9}{'found':>7}{'recall':>8}{'TP':>5}{'FP':>5}{'precision':>10}"]
    for label, score in scores.items():
        rows.append(
            f"{label:<18}{LABEL_TO_CATEGORY[label]:<20}{score.labelled:>9}{score.found:>7}{_fmt(score.recall):>8}"
            f"{score.true_positive:>5}{score.false_positive:>5}{_fmt(score.precision):>10}"
        )
    return "\n".join(rows) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fitlint.eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="corpus directory (its files/ subfolder is used if present)")
    parser.add_argument("labels", type=Path, help="LABELS.tsv")
    parser.add_argument("--json", action="store_true", help="machine-readable scores")
    parser.add_argument("--show-errors", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    scores = evaluate(args.corpus, args.labels)
    if args.json:
        print(json.dumps({k: {"labelled": s.labelled, "found": s.found, "recall": s.recall, "true_positive": s.true_positive, "false_positive": s.false_positive, "precision": s.precision} for k, s in scores.items()}, indent=2))
    else:
        sys.stdout.write(render_table(scores))
    if args.show_errors:
        for score in scores.values():
            for line in score.misses:
                print(f"MISS {score.label} {line}")
            for line in score.false_alarms:
                print(f"FP   {score.label} {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
