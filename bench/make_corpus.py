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


def make_file(rng: random.Random, pool: list[str], number: int) -> str:
    def sentences(k: int) -> str:
        return " ".join(rng.choice(pool) for _ in range(k))

    title = rng.choice(pool)[:70].rstrip(" ,;:")
    parts = [f'---\ntitle: "{title.replace(chr(34), "")}"\ndate: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\ntags: [fitness, post-{number}]\n---\n', f"# {title}\n"]
    for section in range(rng.randint(6, 10)):
        parts.append(f"## {rng.choice(pool)[:60].rstrip(' ,;:.')}\n")
        for _ in range(rng.randint(2, 4)):
            parts.append(sentences(rng.randint(3, 6)) + "\n")
        if section % 3 == 0:
            parts.append("\n".join(f"- {rng.choice(pool)}" for _ in range(rng.randint(3, 5))) + "\n")
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
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = sentence_pool()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    words = 0
    number = 0
    while number < args.files or words < args.words:
        text = make_file(rng, pool, number)
        (args.out / f"post-{number:04d}.md").write_text(text, encoding="utf-8")
        words += len(text.split())
        number += 1
    print(f"{number} files, {words} words, from {len(pool)} distinct sentences -> {args.out}")


if __name__ == "__main__":
    main()
