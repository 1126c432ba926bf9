"""Data shipped inside the package.

``en_lemma_lookup.tsv.gz``: English lemmas (``form<TAB>lemma``, lower case), derived from
spacy-lookups-data's ``en`` ``lemma_lookup`` table by ``scripts/build_lemma_data.py``; licence
notices in ``LICENSE-spacy-lookups-data`` beside it.

``en_irregular_forms.tsv``: derived from that table by the same script: each lemma with its forms
that do not contain the lemma's stem (``leave<TAB>left``), ``lemma<TAB>form form …``, for the
rules' pre-filter.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

LEMMA_TABLE = Path(__file__).with_name("en_lemma_lookup.tsv.gz")
IRREGULAR_FORMS = Path(__file__).with_name("en_irregular_forms.tsv")


def lemma_lookup() -> dict[str, str]:
    """The lemma table as a plain dict: lower-cased form -> lower-cased lemma."""
    text = gzip.decompress(LEMMA_TABLE.read_bytes()).decode("utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines())


@cache
def irregular_forms() -> dict[str, tuple[str, ...]]:
    """Lemma -> its forms that do not contain its stem ("leave" -> ("left",))."""
    forms: dict[str, tuple[str, ...]] = {}
    for line in IRREGULAR_FORMS.read_text("utf-8").splitlines():
        lemma, _, listed = line.partition("\t")
        forms[lemma] = tuple(listed.split())
    return forms
