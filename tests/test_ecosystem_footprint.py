"""The English lemma table ships inside fitlint: no spacy-lookups-data at run time."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import REPO

from fitlint.data import LEMMA_TABLE, lemma_lookup


def test_lemma_table_is_small_and_knows_the_words_rules_use():
    assert LEMMA_TABLE.stat().st_size < 300_000
    table = lemma_lookup()
    assert len(table) > 40_000
    assert table["burns"] == "burn" and table["burning"] == "burn" and table["melted"] == "melt"
    assert table["handles"] == "handle" and table["thighs"] == "thigh"
    assert all(key == key.lower() and value == value.lower() for key, value in table.items())
    assert (LEMMA_TABLE.parent / "LICENSE-spacy-lookups-data").read_text().count("MIT") >= 1


def test_pipeline_lemmatises_without_spacy_lookups_data():
    code = (
        "import sys; sys.modules['spacy_lookups_data'] = None\n"  # any import of it fails
        "from fitlint.nlp import lemmatize_phrase\n"
        "print(lemmatize_phrase('Burning Love Handles and thighs'))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "burn love handle and thigh"


@pytest.mark.skipif(
    importlib.util.find_spec("spacy_lookups_data") is None,
    reason="spacy-lookups-data is only needed to rebuild the table",
)
def test_shipped_table_is_what_the_build_script_makes():
    script = REPO / "scripts" / "build_lemma_data.py"
    run = subprocess.run(
        [sys.executable, str(script), "--check"], check=False, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_irregular_forms_are_derived_from_the_shipped_table():
    """The pre-filter's irregular forms ("leave": "left") come from the lemma table itself, so
    they can be checked without spacy-lookups-data."""
    from fitlint.data import IRREGULAR_FORMS, irregular_forms
    from fitlint.rules.patterns import irregular_forms_of

    derived = irregular_forms_of(lemma_lookup())
    assert irregular_forms() == derived
    shipped = IRREGULAR_FORMS.read_text("utf-8")
    assert shipped == "".join(f"{k}\t{' '.join(v)}\n" for k, v in derived.items())
    assert derived["leave"] == ("left",) and "came" in derived["come"]
