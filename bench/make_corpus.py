"""Generate the benchmark corpus: ≥400 Markdown files, ≥500k words, with front matter, headings,
lists, links, tables and code, assembled from this repo's own examples and fixtures and, when it
is present, ../shared/corpus. Sentences are recombined at random (fixed seed), so whole paragraphs
rarely repeat.

    python bench/make_corpus.py [--out bench/corpus] [--files 400] [--words 520000]

Each post is also rendered as an HTML page (``--html-out``, default bench/corpus-html): the same
text as the Markdown corpus, in the page furniture a site adds (head with title and meta
description, JSON-LD, navigation, footer), so the two readers can be timed on equal copy.
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
    parts = [
        f'---\ntitle: "{title.replace(chr(34), "")}"\ndate: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\ntags: [fitness, post-{number}]\n---\n',
        f"# {title}\n",
    ]
    for section in range(rng.randint(6, 10)):
        parts.append(f"## {rng.choice(pool)[:60].rstrip(' ,;:.')}\n")
        for _ in range(rng.randint(2, 4)):
            parts.append(sentences(rng.randint(3, 6)) + "\n")
        if section % 3 == 0:
            parts.append(
                "\n".join(
                    f"- {mutate(rng, rng.choice(pool), vocabulary)}"
                    for _ in range(rng.randint(3, 5))
                )
                + "\n"
            )
        if section % 4 == 1:
            parts.append(
                f"Read more in [our guide](https://example.org/guides/{number}-{section}) about {rng.choice(pool)[:40]}.\n"
            )
        if section % 5 == 2:
            parts.append("```text\nwarm-up: 5 min\nmain set: 3 x 10\n```\n")
        if section % 6 == 3:
            parts.append(
                "| Exercise | Sets | Reps |\n|---|---|---|\n| Squat | 3 | 10 |\n| Row | 3 | 12 |\n"
            )
    return "\n".join(parts)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <meta name="description" content="{title}">
  <meta property="og:title" content="{title}">
  <link rel="stylesheet" href="/assets/site.css">
  <script type="application/ld+json">{{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "{title}"}}</script>
</head>
<body>
  <header class="site-header">
    <nav><ul><li><a href="/">Home</a></li><li><a href="/blog/">Blog</a></li><li><a href="/about/">About</a></li></ul></nav>
  </header>
  <main class="post">
    <article>
{body}
    </article>
  </main>
  <footer class="site-footer"><p>&copy; 2024 Example Studio &middot; <a href="/privacy/">Privacy</a></p></footer>
  <script src="/assets/site.js" defer></script>
</body>
</html>
"""


def render_html(markdown_text: str) -> str:
    """A Markdown post as the HTML page a static site would publish."""
    import html

    from markdown_it import MarkdownIt

    _, _, rest = markdown_text.partition("---\n")
    front, _, body = rest.partition("\n---\n")
    title = next(
        (
            line.split(":", 1)[1].strip().strip('"')
            for line in front.splitlines()
            if line.startswith("title:")
        ),
        "",
    )
    rendered = MarkdownIt("commonmark").enable("table").render(body)
    return _PAGE.format(title=html.escape(title), body=rendered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "corpus")
    parser.add_argument("--html-out", type=Path, default=REPO / "bench" / "corpus-html")
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--words", type=int, default=520_000)
    parser.add_argument("--max-words-per-file", type=int, default=1400)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = sentence_pool()
    vocabulary = sorted(
        {
            w.strip(".,;:!?\"'()").lower()
            for s in pool
            for w in s.split()
            if w.isalpha() and len(w) > 3
        }
    )
    for out in (args.out, args.html_out):
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
    words = 0
    number = 0
    while number < args.files or words < args.words:
        text = make_file(rng, pool, number, vocabulary)
        (args.out / f"post-{number:04d}.md").write_text(text, encoding="utf-8")
        (args.html_out / f"post-{number:04d}.html").write_text(render_html(text), encoding="utf-8")
        words += len(text.split())
        number += 1
    distinct = len(
        {
            line
            for p in args.out.glob("*.md")
            for line in p.read_text().splitlines()
            if len(line) > 40
        }
    )
    print(
        f"{number} files, {words} words, {distinct} distinct prose lines, from {len(pool)} source sentences -> {args.out}"
    )


if __name__ == "__main__":
    main()
