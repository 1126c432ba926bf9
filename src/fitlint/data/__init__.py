"""Data shipped inside the package.

``en_lemma_lookup.tsv.gz``: English lemmas (``form<TAB>lemma``, lower case), derived from
spacy-lookups-data's ``en`` ``lemma_lookup`` table by ``scripts/build_lemma_data.py``; licence
notices in ``LICENSE-spacy-lookups-data`` beside it.
"""

from __future__ import annotations

import gzip
from pathlib import Path

LEMMA_TABLE = Path(__file__).with_name("en_lemma_lookup.tsv.gz")


def lemma_lookup() -> dict[str, str]:
    """The lemma table as a plain dict: lower-cased form -> lower-cased lemma."""
    text = gzip.decompress(LEMMA_TABLE.read_bytes()).decode("utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines())
