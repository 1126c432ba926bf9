"""Build fitlint's English lemma table from spacy-lookups-data.

    python -m pip install "spacy-lookups-data==1.0.5"
    python scripts/build_lemma_data.py            # writes src/fitlint/data/
    python scripts/build_lemma_data.py --check    # exit 1 if the shipped files differ

fitlint needs one table from spacy-lookups-data (a 99 MB wheel with every language's tables):
English ``lemma_lookup``. The lemmatizer (``fitlint.nlp``) looks a token up by its lower-cased
form and lower-cases the lemma it finds, so only entries whose key is already lower case can
ever be used, and an entry whose lower-cased lemma is its key changes nothing. The script keeps
the others, with the lemma lower-cased, as ``form<TAB>lemma`` lines sorted by form, gzip'd with
a fixed timestamp so the output is byte-for-byte reproducible. From that table it derives
``en_irregular_forms.tsv``: each lemma's forms that do not contain its stem ("leave": "left"),
which the rules' pre-filter must look for too. It also writes the licence
notices that must travel with the data: spacy-lookups-data's MIT licence and the WordNet 3.0
licence of its English tables.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "fitlint" / "data"
TABLE = "en_lemma_lookup.tsv.gz"
IRREGULAR = "en_irregular_forms.tsv"
LICENSE = "LICENSE-spacy-lookups-data"


def build() -> dict[str, bytes]:
    import spacy_lookups_data
    from spacy.util import load_language_data

    source = Path(spacy_lookups_data.en["lemma_lookup"])
    table = load_language_data(source)
    rows = []
    for form, lemma in sorted(table.items()):
        lemma = str(lemma).lower()
        if form != form.lower() or lemma == form:
            continue  # never looked up (keys are lower-cased first), or a no-op
        if any(ch in "\t\n\r" for ch in form + lemma):
            raise SystemExit(f"unexpected control character in entry {form!r}: {lemma!r}")
        rows.append(f"{form}\t{lemma}\n")
    data = gzip.compress("".join(rows).encode("utf-8"), compresslevel=9, mtime=0)
    irregular = irregular_table(dict(row.rstrip("\n").split("\t") for row in rows))

    version = importlib.metadata.version("spacy-lookups-data")
    dist = importlib.metadata.distribution("spacy-lookups-data")
    mit = next(
        (f for f in dist.files or () if f.name in ("LICENSE", "LICENSE.txt", "LICENSE.md")), None
    )
    mit_text = Path(dist.locate_file(mit)).read_text("utf-8") if mit else ""
    if "MIT" not in mit_text and "Permission is hereby granted" not in mit_text:
        raise SystemExit("could not find spacy-lookups-data's MIT licence text")
    wordnet = (source.parent / "en_license.txt").read_text("utf-8")
    notice = (
        f"{TABLE} is derived from the English lemma_lookup table of spacy-lookups-data "
        f"{version}\n(https://github.com/explosion/spacy-lookups-data), built by "
        "scripts/build_lemma_data.py.\n\n"
        "spacy-lookups-data is distributed under the MIT licence:\n\n"
        f"{mit_text.strip()}\n\n"
        "Its English tables carry this notice (spacy_lookups_data/data/en_license.txt):\n\n"
        f"{wordnet.strip()}\n"
    )
    notice = "\n".join(line.rstrip() for line in notice.splitlines()) + "\n"
    return {TABLE: data, IRREGULAR: irregular, LICENSE: notice.encode("utf-8")}


def irregular_table(table: dict[str, str]) -> bytes:
    """The forms the rules' pre-filter cannot find from a lemma's stem ("leave": "left"), as
    ``lemma<TAB>form form …`` lines."""
    from fitlint.rules.patterns import irregular_forms_of

    lines = (f"{lemma}\t{' '.join(forms)}\n" for lemma, forms in irregular_forms_of(table).items())
    return "".join(lines).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    files = build()
    if args.check:
        stale = [n for n, data in files.items() if (args.out / n).read_bytes() != data]
        for name in stale:
            print(f"{args.out / name} is out of date; run scripts/build_lemma_data.py")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
