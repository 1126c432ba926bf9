"""Generate the benchmark corpus: ≥400 Markdown files, ≥500k words, with front matter, headings,
lists, links, tables and code, assembled from this repo's own examples and fixtures and, when it
is present, ../shared/corpus. Sentences are recombined at random (fixed seed), so whole paragraphs
rarely repeat.

    python bench/make_corpus.py [--out bench/corpus] [--files 400] [--words 520000]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "examples", REPO / "fixtures", REPO.parent / "shared" / "corpus"]
_SENTENCE = re.compile(r"[^.!?\n]{20,300}[.!?]")
_MARKUP = re.compile(r"[#>*_`|\[\]<>{}]|\(http\S*\)|---+")


def sentence_pool() -> list[str]:
    pool: set[str] = set()
    for root in SOURCES:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix not in (".md", ".txt", ".markdown") or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in _SENTENCE.finditer(_MARKUP.sub(" ", text)):
                sentence = " ".join(match.group().split())
                if len(sentence.split()) >= 5:
                    pool.add(sentence)
    return sorted(pool)


def mutate(rng: random.Random, sentence: str, vocabulary: list[str]) -> str:
    """Vary a sentence so the corpus does not repeat itself: new numbers, one or two words swapped."""
    words = sentence.split()
    for _ in range(rng.randint(1, 2)):
        position = rng.randrange(1, len(words))
        if not words[position][:1].isdigit():
            words[position] = rng.choice(vocabulary)
    return re.sub(r"\d+", lambda m: str(rng.randint(2, 99)), " ".join(words))


def make_file(rng: random.Random, pool: list[str], number: int, vocabulary: list[str]) -> str:
    def sentences(k: int) -> str:
        return " ".join(mutate(rng, rng.choice(pool), vocabulary) for _ in range(k))

    title = rng.choice(pool)[:70].rstrip(" ,;:")
    parts = [f'---\ntitle: "{title.replace(chr(34), "")}"\ndate: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\ntags: [fitness, post-{number}]\n---\n', f"# {title}\n"]
    for section in range(rng.randint(6, 10)):
        parts.append(f"## {rng.choice(pool)[:60].rstrip(' ,;:.')}\n")
        for _ in range(rng.randint(2, 4)):
            parts.append(sentences(rng.randint(3, 6)) + "\n")
        if section % 3 == 0:
            parts.append("\n".join(f"- {mutate(rng, rng.choice(pool), vocabulary)}" for _ in range(rng.randint(3, 5))) + "\n")
        if section % 4 == 1:
            parts.append(f"Read more in [our guide](https://example.org/guides/{number}-{section}) about {rng.choice(pool)[:40]}.\n")
        if section % 5 == 2:
            parts.append("```text\nwarm-up: 5 min\nmain set: 3 x 10\n```\n")
        if section % 6 == 3:
            parts.append("| Exercise | Sets | Reps |\n|---|---|---|\n| Squat | 3 | 10 |\n| Row | 3 | 12 |\n")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "corpus")
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--words", type=int, default=520_000)
    parser.add_argument("--max-words-per-file", type=int, default=1400)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = sentence_pool()
    vocabulary = sorted({w.strip(".,;:!?\"'()").lower() for s in pool for w in s.split() if w.isalpha() and len(w) > 3})
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    words = 0
    number = 0
    while number < args.files or words < args.words:
        text = make_file(rng, pool, number, vocabulary)
        (args.out / f"post-{number:04d}.md").write_text(text, encoding="utf-8")
        words += len(text.split())
        number += 1
    distinct = len({line for p in args.out.glob("*.md") for line in p.read_text().splitlines() if len(line) > 40})
    print(f"{number} files, {words} words, {distinct} distinct prose lines, from {len(pool)} source sentences -> {args.out}")


if __name__ == "__main__":
    main()
