"""Data files a site renders as copy: JSON and YAML (an FAQ list, programme cards, testimonials,
a myths page's entries, a store's product data).

Only values are read, never keys, and only values a reader would see: a value that reads as a
sentence, a name under a key that names what is sold ("name", "plan", "workout"), or a value
under a published key ("title", "description", "answer", an image's "alt"). Paths, URLs,
identifiers, numbers and flags are data. A JSON file is read as a script's object literal is in a
template (the same string scanner, with its exact offsets); a YAML file as front matter is, with
any value that reads as prose added. Lock files are machine-written and never read.
"""

from __future__ import annotations

from collections.abc import Sequence

from fitlint.document.frontmatter import FrontMatter, published_values
from fitlint.document.model import ProseBlock
from fitlint.document.templates import Region, code_strings, data_field

# package-lock.json, pnpm-lock.yaml, a lock file's copy of a dependency's description.
_LOCK_SUFFIXES = ("-lock.json", ".lock.json", "-lock.yaml", "-lock.yml", ".lock.yaml", ".lock.yml")


def parse_data(
    text: str,
    lines: list[str],
    line_starts: Sequence[int],
    path: str,
    front_matter_keys: frozenset[str],
) -> list[ProseBlock]:
    if path.replace("\\", "/").rsplit("/", 1)[-1].endswith(_LOCK_SUFFIXES):
        return []
    if text.lstrip()[:1] in ("{", "["):
        return [
            builder.block("attribute", line_starts, -1, data_field(text, builder.smap.start(0)))
            for builder in code_strings(text, [Region(0, len(text), "data")], set())
        ]
    front = FrontMatter(-1, len(lines))
    return [
        value.block()
        for value in published_values(
            front, lines, list(line_starts), front_matter_keys, prose_values=True
        )
    ]
