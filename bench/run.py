"""Benchmark fitlint against proselint and the spaCy tokenising floor, side by side, in one run.

    pip install -e '.[bench]'        # proselint for the comparison
    python bench/make_corpus.py      # once: the generated corpus (bench/corpus, gitignored)
    python bench/run.py [--runs 5]

Each figure is the median wall time (seconds) of --runs runs (--single-runs for the single-file
rows), with the peak resident memory of the measured process. Commands compared with each other
take turns run by run, so drift on a shared machine affects them alike. Rows:
- fitlint cold: the whole corpus, no cache (--no-cache), default jobs (all CPUs); rule regexes
  come compiled from the user's cache, as in every run after a machine's first
- fitlint cold, regexes compiled: the same with FITLINT_REGEX_CACHE=off, as a machine's first run
- fitlint cold, HTML pages: the same text rendered as HTML pages (bench/corpus-html), no cache;
  compared with the Markdown run as HTML / Markdown (--html-only measures just these two)
- fitlint warm: the whole corpus again with the cache filled and nothing changed
- fitlint single clean file / single file with findings: the pre-commit case
- proselint: the same corpus and the same single files
- spaCy floor: blank English + sentencizer + lookup lemmatizer over the corpus's raw text
- LSP relint: one-character edit of a 2,000-word document, relinted by the server's engine
  (p50/p95 over --relints edits, in-process, caches warm as in an editor session)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "bench" / "corpus"
CORPUS_HTML = REPO / "bench" / "corpus-html"
COLD = "fitlint cold (corpus, -j all CPUs)"
COLD_HTML = "fitlint cold, HTML pages (same text)"
FIRST = "fitlint cold, regexes compiled (1st run)"


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """(wall seconds, peak RSS in MiB) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = 0
    return elapsed, usage.ru_maxrss // 1024


def interleaved(
    runs: int, commands: dict[str, list[str]], cwd: Path
) -> dict[str, tuple[list[float], int]]:
    """Wall times and peak memory of each command, the commands taking turns run by run: on a
    shared machine speed drifts over minutes, and taking turns spreads the drift evenly."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, peak = measure(command, cwd)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {name: (times[name], peaks[name]) for name in commands}


def paired_ratio(numerator: list[float], denominator: list[float]) -> float:
    """Median of run-by-run ratios: runs that took turns saw the same machine load."""
    return statistics.median(a / b for a, b in zip(numerator, denominator))


SPACY_FLOOR = r"""
import sys
from pathlib import Path
from fitlint.nlp import pipeline
nlp = pipeline()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.md"))]
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""


def relint_latency(edits: int) -> tuple[float, float]:
    sys.path.insert(0, str(REPO / "src"))
    from fitlint.config import Config
    from fitlint.engine import Linter

    files = sorted(CORPUS.glob("*.md"))
    text = ""
    for path in files:
        text += path.read_text(encoding="utf-8") + "\n"
        if len(text.split()) >= 2000:
            break
    linter = Linter(Config(root=REPO))
    linter.lint_text(text, "doc.md")  # the editor opened it: caches warm
    samples = []
    middle = len(text) // 2
    for number in range(edits):
        position = middle + number % 50
        edited = text[:position] + "x" + text[position:]
        start = time.perf_counter()
        linter.lint_text(edited, "doc.md")
        samples.append(time.perf_counter() - start)
    samples.sort()
    return samples[len(samples) // 2], samples[int(len(samples) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each whole-corpus command")
    parser.add_argument(
        "--single-runs", type=int, default=21, help="runs of each single-file command"
    )
    parser.add_argument("--relints", type=int, default=100)
    parser.add_argument(
        "--html-only", action="store_true", help="only the Markdown and HTML cold runs"
    )
    args = parser.parse_args()
    if not CORPUS.is_dir() or not CORPUS_HTML.is_dir():
        subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py")], check=True)
    # An installed wheel has its bytecode compiled by pip, as proselint's has; an editable
    # checkout run with PYTHONDONTWRITEBYTECODE would recompile every module on every run.
    import fitlint

    subprocess.run([sys.executable, "-m", "compileall", "-q", *fitlint.__path__], check=True)
    files = sorted(CORPUS.glob("*.md"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    proselint = shutil.which("proselint")
    fitlint = [
        sys.executable,
        "-m",
        "fitlint",
        "check",
        "--isolated",
        "--no-respect-gitignore",
        "--quiet",
    ]
    work = Path(tempfile.mkdtemp(prefix="fitlint-bench-"))
    corpus = work / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(CORPUS_HTML, work / "pages")
    if args.html_only:
        return _html_only(args.runs, fitlint, work, len(files), words)
    clean = work / "clean.md"
    clean.write_text(
        "# Building a weekly routine\n\n"
        + "Start each session with five minutes of easy movement, then work through the main lifts. "
        "Keep a notebook of what you did so next week you know where to begin. Rest days matter: "
        "sleep well, walk, and come back ready. Pick exercises you enjoy so you keep showing up. "
        "Warm up the joints you will load, move with control, and stop a set when your form slips. "
        "Write down how each session felt as well as what you lifted. " * 2,
        encoding="utf-8",
    )
    findings = work / "findings.md"
    findings.write_text(
        "# Summer shred\n\nMelt your love handles with these moves and lose 10 lbs in a week. "
        "Studies show this works for everyone. " * 10,
        encoding="utf-8",
    )

    cold = {COLD: [*fitlint, "--no-cache", "corpus"], COLD_HTML: [*fitlint, "--no-cache", "pages"]}
    # A machine's first run also compiles every rule regex (later runs load them compiled).
    cold[FIRST] = ["env", "FITLINT_REGEX_CACHE=off", *fitlint, "--no-cache", "corpus"]
    cold["spaCy floor (tokenise corpus)"] = [sys.executable, "-c", SPACY_FLOOR, str(corpus)]
    single = {
        "fitlint single clean file": [*fitlint, "--no-cache", "clean.md"],
        "fitlint single file with findings": [*fitlint, "--no-cache", "findings.md"],
    }
    if proselint:
        cold["proselint (corpus)"] = [proselint, "check", "corpus"]
        single["proselint single clean file"] = [proselint, "check", "clean.md"]
        single["proselint single file with findings"] = [proselint, "check", "findings.md"]
    measured = interleaved(args.runs, cold, work)
    measure([*fitlint, "corpus"], work)  # fill the cache
    measured.update(
        interleaved(args.runs, {"fitlint warm (corpus, cache filled)": [*fitlint, "corpus"]}, work)
    )
    measured.update(interleaved(args.single_runs, single, work))
    order = [
        COLD,
        FIRST,
        COLD_HTML,
        "fitlint warm (corpus, cache filled)",
        "fitlint single clean file",
        "fitlint single file with findings",
        "spaCy floor (tokenise corpus)",
        "proselint (corpus)",
        "proselint single clean file",
        "proselint single file with findings",
    ]
    rows = [(name, *measured[name]) for name in order if name in measured]
    p50, p95 = relint_latency(args.relints)
    shutil.rmtree(work, ignore_errors=True)

    samples = {name: runs for name, runs, _ in rows}
    print(
        f"corpus: {len(files)} files, {words} words; {args.runs} runs of each corpus command, "
        f"{args.single_runs} of each single-file one, taking turns; {os.cpu_count()} CPUs\n"
    )
    print(f"{'measurement':<40}{'median s':>10}{'min s':>10}{'peak MiB':>10}")
    for name, runs, peak in rows:
        print(f"{name:<40}{statistics.median(runs):>10.3f}{min(runs):>10.3f}{peak:>10}")
    print(f"{'LSP relint, 2,000 words (p50 / p95)':<40}{p50 * 1000:>8.1f}ms{p95 * 1000:>8.1f}ms\n")
    cold = samples["fitlint cold (corpus, -j all CPUs)"]
    warm = samples["fitlint warm (corpus, cache filled)"]
    print(
        "ratios (medians; cold / spaCy floor and the proselint ones also as the median of run-by-run ratios)"
    )
    print(
        f"  warm / cold                       {statistics.median(warm) / statistics.median(cold):6.3f}   (target <= 0.1)"
    )
    pairs = [
        ("cold / spaCy floor", cold, samples["spaCy floor (tokenise corpus)"], "1.5"),
        ("HTML pages / Markdown (same text)", samples[COLD_HTML], cold, "1.5"),
    ]
    if proselint:
        pairs.append(("cold / proselint", cold, samples["proselint (corpus)"], "0.333"))
        pairs.append(
            (
                "single clean: fitlint / proselint",
                samples["fitlint single clean file"],
                samples["proselint single clean file"],
                "1.0",
            )
        )
    for label, ours, theirs, target in pairs:
        by_median = statistics.median(ours) / statistics.median(theirs)
        print(
            f"  {label:<33} {by_median:6.3f}   paired {paired_ratio(ours, theirs):6.3f}   (target <= {target})"
        )
    return 0


def _html_only(runs: int, fitlint: list[str], work: Path, files: int, words: int) -> int:
    """The same text as Markdown and as HTML pages, cold, taking turns."""
    commands = {
        COLD: [*fitlint, "--no-cache", "corpus"],
        COLD_HTML: [*fitlint, "--no-cache", "pages"],
    }
    commands["fitlint -j 1, Markdown"] = [*fitlint, "--no-cache", "-j", "1", "corpus"]
    commands["fitlint -j 1, HTML pages"] = [*fitlint, "--no-cache", "-j", "1", "pages"]
    measured = interleaved(runs, commands, work)
    shutil.rmtree(work, ignore_errors=True)
    print(
        f"corpus: {files} files, {words} words (Markdown) and the same rendered as HTML; {runs} runs each\n"
    )
    print(f"{'measurement':<40}{'median s':>10}{'min s':>10}{'peak MiB':>10}")
    for name, (samples, peak) in measured.items():
        print(f"{name:<40}{statistics.median(samples):>10.3f}{min(samples):>10.3f}{peak:>10}")
    print()
    for label, html_name, markdown_name in (
        ("HTML / Markdown, all CPUs", COLD_HTML, COLD),
        ("HTML / Markdown, -j 1", "fitlint -j 1, HTML pages", "fitlint -j 1, Markdown"),
    ):
        ours, theirs = measured[html_name][0], measured[markdown_name][0]
        by_median = statistics.median(ours) / statistics.median(theirs)
        print(
            f"  {label:<33} {by_median:6.3f}   paired {paired_ratio(ours, theirs):6.3f}   (target <= 1.5)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
