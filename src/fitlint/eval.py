"""Score detection against labelled corpora: ``python -m fitlint.eval CORPUS [CORPUS ...]``.

Each CORPUS is a directory holding ``LABELS.tsv`` (columns file, line (1-based), label, text),
optionally ``LABELED_FILES.tsv``, and the files themselves (in its ``files/`` subfolder if there
is one). A ``LABELS.tsv`` path given right after a corpus overrides where its labels are read.
Labels map to diagnostic categories: SPOT_PROMISE → spot-reduction, QUICKFIX_PROMISE → quick-fix,
STAT_UNCITED → uncited-statistic, DUP_SECTION → duplicate. SPOT_DEBUNK, STAT_CITED and NONE lines
are deliberate negatives.

- recall: labelled lines covered by a diagnostic of the label's category; a labelled file that
  the run did not lint (an extension no reader is mapped to, say) counts as missed;
- precision: a diagnostic is right when a line in its range carries its category's label, wrong
  when its first line carries a negative label or lies in a file marked ``full-pass`` in
  LABELED_FILES.tsv (every line judged); other unlabelled lines are not counted either way.

Several corpora are scored each on its own and pooled (sums of counts, not a mean of ratios).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from fitlint.config import Config
from fitlint.engine import Linter
from fitlint.positions import LineIndex

LABEL_TO_CATEGORY = {
    "SPOT_PROMISE": "spot-reduction",
    "QUICKFIX_PROMISE": "quick-fix",
    "STAT_UNCITED": "uncited-statistic",
    "DUP_SECTION": "duplicate",
}
NEGATIVE_LABELS = {"SPOT_DEBUNK", "STAT_CITED", "NONE"}
# A labelled corpus is all content: its templates and page components are read as a team that
# keeps them would configure ``formats`` (server-side templates as HTML with template code in it,
# page components through the script reader, JSON and YAML content through the data reader).
CORPUS_FORMATS = {
    "php": "html",
    "blade.php": "html",
    "liquid": "html",
    "astro": "html",
    "erb": "html",
    "njk": "html",
    "twig": "html",
    "hbs": "html",
    "handlebars": "html",
    "mustache": "html",
    "ejs": "html",
    "jinja": "html",
    "jinja2": "html",
    "j2": "html",
    "tpl": "html",
    "cshtml": "html",
    "jsp": "html",
    "vue": "html",
    "svelte": "html",
    "xhtml": "html",
    "shtml": "html",
    "jsx": "jsx",
    "tsx": "jsx",
    "js": "jsx",
    "mjs": "jsx",
    "ts": "jsx",
    # Copy a site renders from data files: FAQ lists, programme cards, testimonials.
    "json": "data",
    "yaml": "data",
    "yml": "data",
}


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

    def __iadd__(self, other: Score) -> Score:
        for name in ("labelled", "found", "true_positive", "false_positive"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false_alarms += other.false_alarms
        return self


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
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["filename"]: row["coverage"] for row in reader}


def corpus_config(files_dir: Path, formats: dict[str, str] | None = None) -> Config:
    """The configuration a corpus is linted with: defaults, plus the template formats."""
    formats = CORPUS_FORMATS if formats is None else formats
    if formats and any(f.name == "formats" for f in fields(Config)):
        return Config(root=files_dir, formats=dict(formats))  # type: ignore[call-arg]
    return Config(root=files_dir)


def evaluate(
    corpus: Path, labels_path: Path | None = None, linter: Linter | None = None
) -> dict[str, Score]:
    labels_path = labels_path or corpus / "LABELS.tsv"
    labels = read_labels(labels_path)
    coverage = read_coverage(labels_path.parent / "LABELED_FILES.tsv")
    files_dir = corpus / "files" if (corpus / "files").is_dir() else corpus
    linter = linter or Linter(corpus_config(files_dir))
    scores = {label: Score(label) for label in LABEL_TO_CATEGORY}
    names = sorted(set(labels) | set(coverage))
    # One run over the directory, as a user would run it (cross-file checks included).
    by_name = {Path(r.path).name: r for r in linter.lint_paths([files_dir])}
    for name in names:
        file_labels = labels.get(name, {})
        result = by_name.get(name)
        if result is None or result.source is None:
            for label, score in scores.items():  # not linted: every label in it is missed
                for line, line_labels in sorted(file_labels.items()):
                    if label in line_labels:
                        score.labelled += 1
                        score.misses.append(f"{name}:{line}: (file not linted)")
            continue
        index = LineIndex(result.source.text)
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
                elif (
                    file_labels.get(first, set()) & NEGATIVE_LABELS
                    or coverage.get(name) == "full-pass"
                ):
                    score.false_positive += 1
                    score.false_alarms.append(f"{name}:{first}: {d.code} {d.text[:100]!r}")
            for line, line_labels in sorted(file_labels.items()):
                if label not in line_labels:
                    continue
                score.labelled += 1
                if line in covered[category]:
                    score.found += 1
                elif line - 1 < index.line_count():
                    score.misses.append(
                        f"{name}:{line}: {index.line_text(line - 1).strip()[:120]!r}"
                    )
                else:
                    score.misses.append(f"{name}:{line}")
    return scores


def pooled(per_corpus: Sequence[dict[str, Score]]) -> dict[str, Score]:
    total = {label: Score(label) for label in LABEL_TO_CATEGORY}
    for scores in per_corpus:
        for label, score in scores.items():
            total[label] += score
    return total


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


HEADER = ("label", "category", "labelled", "found", "recall", "TP", "FP", "precision")


def render_table(scores: dict[str, Score]) -> str:
    rows = [
        f"{'label':<18}{'category':<20}{'labelled':>9}{'found':>7}{'recall':>8}"
        f"{'TP':>5}{'FP':>5}{'precision':>10}"
    ]
    for label, score in scores.items():
        rows.append(
            f"{label:<18}{LABEL_TO_CATEGORY[label]:<20}{score.labelled:>9}{score.found:>7}"
            f"{_fmt(score.recall):>8}{score.true_positive:>5}{score.false_positive:>5}"
            f"{_fmt(score.precision):>10}"
        )
    return "\n".join(rows) + "\n"


def _as_json(scores: dict[str, Score]) -> dict[str, dict[str, float | int | None]]:
    return {
        label: {
            "labelled": s.labelled,
            "found": s.found,
            "recall": s.recall,
            "true_positive": s.true_positive,
            "false_positive": s.false_positive,
            "precision": s.precision,
        }
        for label, s in scores.items()
    }


def _pairs(arguments: Sequence[str]) -> list[tuple[Path, Path | None]]:
    """Corpus directories, each optionally followed by its LABELS.tsv."""
    pairs: list[tuple[Path, Path | None]] = []
    for argument in arguments:
        path = Path(argument)
        if argument.endswith(".tsv"):
            if not pairs or pairs[-1][1] is not None:
                raise SystemExit(f"{argument}: a LABELS.tsv must follow the corpus it labels")
            pairs[-1] = (pairs[-1][0], path)
        else:
            pairs.append((path, None))
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fitlint.eval", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "corpora", nargs="+", help="corpus directories, each optionally followed by its LABELS.tsv"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable scores")
    parser.add_argument("--show-errors", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    pairs = _pairs(args.corpora)
    results = [(corpus, evaluate(corpus, labels)) for corpus, labels in pairs]
    if args.json:
        out = {str(corpus): _as_json(scores) for corpus, scores in results}
        if len(results) > 1:
            out["pooled"] = _as_json(pooled([scores for _, scores in results]))
        print(json.dumps(out if len(results) > 1 else out[str(pairs[0][0])], indent=2))
    else:
        for corpus, scores in results:
            if len(results) > 1:
                sys.stdout.write(f"== {corpus}\n")
            sys.stdout.write(render_table(scores))
        if len(results) > 1:
            sys.stdout.write("== pooled\n" + render_table(pooled([s for _, s in results])))
    if args.show_errors:
        for corpus, scores in results:
            for score in scores.values():
                for line in score.misses:
                    print(f"MISS {score.label} {line}")
                for line in score.false_alarms:
                    print(f"FP   {score.label} {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
