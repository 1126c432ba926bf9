"""Duplicated copy within a file and across files."""

from __future__ import annotations

import random

from conftest import SHARED, needs_shared

from fitlint.config import Config
from fitlint.document import parse_document
from fitlint.engine import Linter
from fitlint.fixes import apply_edits, chosen_edits
from fitlint.rules.duplicates import CrossFileIndex, Options, Spans


@needs_shared
def test_seed_repeated_closing_section(linter):
    seed = SHARED / "corpus" / "seeds" / "000_f86680dc0150a919.txt"
    text = seed.read_text(encoding="utf-8")
    found = [d for d in linter.lint_text(text, str(seed)) if d.category == "duplicate"]
    assert len(found) == 1
    diagnostic = found[0]
    lines = text.splitlines(keepends=True)
    assert lines[47].startswith("How Planfit applies this")
    assert diagnostic.code == "FL301"
    assert diagnostic.start == sum(
        len(line) for line in lines[:47]
    )  # the second copy's heading line
    assert diagnostic.text == lines[47] + lines[48]  # heading and its paragraph
    related = diagnostic.related[0]
    assert text[related.start : related.end] == (lines[45] + lines[46]).rstrip("\n")
    fixed = apply_edits(text, chosen_edits([diagnostic], unsafe=False))
    assert fixed == "".join(lines[:47] + lines[49:])  # exactly that copy removed


def test_cross_file_reported_once_with_all_locations(cli, tmp_path):
    shared = "Every programme on this site is reviewed by a qualified coach before it is published."
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(
            f"# {name}\n\n{shared}\n\nUnique text for {name} about rest days and sleep.\n"
        )
    plain = cli("check", ".", "--no-source", cwd=tmp_path)
    assert "FL305" not in plain.out  # opt-in
    result = cli("check", ".", "--no-source", "--extend-select", "FL305", cwd=tmp_path)
    lines = [line for line in result.out.splitlines() if "FL305" in line]
    assert lines == [
        "a.md:3:1: FL305 [warning] This paragraph also appears in 2 other file(s): b.md, c.md."
    ]
    (tmp_path / ".fitlint.yaml").write_text(
        'extend-select: [FL305]\nallow-duplicates: ["reviewed by a qualified coach"]\n'
    )
    assert "FL305" not in cli("check", ".", "--no-source", cwd=tmp_path).out


def test_cross_file_index_on_a_generated_10000_file_tree():
    """Near-linear index: 10,000 generated files, a few planted copies, nothing else reported."""
    rng = random.Random(7)
    words = "squat lunge plank protein sleep recovery tempo interval walking mobility hinge press row carry".split()
    index = CrossFileIndex(Options())
    planted = "This paragraph was pasted into two different articles by mistake last spring."
    for number in range(10_000):
        body = " ".join(rng.choice(words) for _ in range(40))
        text = f"{body} {number}.\n"
        if number in (17, 9_001):
            text += f"\n{planted}\n"
        index.add(parse_document(text, f"post-{number}.txt"))
    groups = index.groups()
    assert len(groups) == 1
    assert sorted(path for path, _ in groups[0]) == ["post-17.txt", "post-9001.txt"]


def test_template_headings_from_config(tmp_path):
    text = (
        "## Disclaimer\n\nThis section lists the equipment and the warm-up for every session below.\n\n"
        * 2
    )
    default = Linter(Config(root=tmp_path)).lint_text(text, "a.md")
    assert [d.code for d in default] == ["FL301"]
    configured = Linter(Config(root=tmp_path, template_headings=("Disclaimer",))).lint_text(
        text, "a.md"
    )
    assert configured == []  # a template section's text repeats by design


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fitlint.rules.duplicates import _SENTENCES, normalise  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab Z9é_.!?\"'”’)\n\t-…", max_size=80))
def test_a_text_normalises_as_the_join_of_its_sentences(text):
    # Sections and paragraphs are normalised piecewise (by line, by sentence) and joined.
    pieces = (normalise(match.group()) for match in _SENTENCES.finditer(text))
    assert " ".join(words for words in pieces if words) == normalise(text)
    by_line = (normalise(line) for line in text.splitlines())
    assert " ".join(words for words in by_line if words) == normalise(text)


def test_a_comment_posted_twice_in_an_html_comment_list(tmp_path):
    comment = "Great recipe! I make it every Sunday and my kids ask for seconds every single time."
    text = (
        '<ul class="comments">\n'
        f"  <li>\n    <p>{comment}</p>\n  </li>\n"
        f"  <li>\n    <p>{comment}</p>\n  </li>\n"
        "</ul>\n"
    )
    linter = Linter(Config(root=tmp_path))
    found = [
        d for d in linter.lint_text(text, str(tmp_path / "page.html")) if d.category == "duplicate"
    ]
    assert [(d.code, text.count("\n", 0, d.start) + 1) for d in found] == [("FL302", 6)]
    assert found[0].text == comment
    # Deleting the words would leave an empty <p> in its <li>: reported, removed by hand.
    assert not any(s.edits for s in found[0].suggestions)


def test_a_copied_list_item_with_items_nested_under_it_is_reported_without_a_fix(tmp_path):
    item = "Loved this plan. I walked every morning and felt stronger after a month of steady work."
    text = f"- {item}\n- Another item.\n- {item}\n  - a nested step\n- Last item.\n"
    linter = Linter(Config(root=tmp_path))
    found = [
        d for d in linter.lint_text(text, str(tmp_path / "list.md")) if d.category == "duplicate"
    ]
    assert [(d.code, text.count("\n", 0, d.start) + 1, d.text) for d in found] == [
        ("FL302", 3, item)
    ]
    assert not any(s.edits for s in found[0].suggestions)  # removing it would re-parent the step


def test_template_fields_and_notices_are_not_copies_but_a_repeated_php_testimonial_is(tmp_path):
    linter = Linter(Config(root=tmp_path, formats={"php": "html"}))
    fields = (
        "# Squats\n\nOptimal sets and reps: 3 sets of 15-20 reps.\n\n"
        "# Lunges\n\nOptimal sets and reps: 3 sets of 15-20 reps.\n"
    )
    assert not [d for d in linter.lint_text(fields, "plan.md") if d.category == "duplicate"]
    notices = (
        "> **Disclosure:** We are reader-supported and may earn a commission when you buy.\n\n"
        "Our picks for the best running shoes this year, tested over 300 miles each.\n\n"
        "> **Disclosure:** We are reader-supported and may earn a commission when you buy, "
        "and we may receive free product for testing.\n"
    )
    assert not [d for d in linter.lint_text(notices, "review.md") if d.code == "FL303"]
    review = "I had the wrap the day before the wedding and felt great. My dress zipped up easily!"
    php = (
        "<?php\n$reviews = [\n"
        f"    ['name' => 'Amy', 'text' => '{review}'],\n"
        "    ['name' => 'Bo', 'text' => 'Lovely staff and a calm room, I will be back next month.'],\n"
        f"    ['name' => 'Cat', 'text' => '{review}'],\n"
        "];\n?>\n"
    )
    found = [d for d in linter.lint_text(php, "reviews.php") if d.code == "FL302"]
    assert [(d.text, php.count("\n", 0, d.start) + 1) for d in found] == [(review, 5)]
    assert not chosen_edits(found, unsafe=True)  # emptying a string in code is no fix


def test_a_repeated_sales_sentence_link_is_a_copy_but_a_repeated_button_label_is_not(linter):
    """A link that is a whole sales sentence pasted again is a copy; a Title Case button label
    with no full stop ("Check If … Is Still Available In Your Province »") repeats by design."""
    sentence = '<p><a href="/buy">Stop waiting and check the real results from people using our plan!</a></p>\n'
    button = '<div><a href="/buy" class="btn">Check If The Plan Is Still Available In Your Province &raquo;</a></div>\n'
    for link, repeated in ((sentence, True), (button, False)):
        text = link + "<p>Walk daily.</p>\n" + link + "<p>Sleep well.</p>\n"
        found = [d for d in linter.lint_text(text, "page.html") if d.code == "FL302"]
        assert bool(found) == repeated, (link, [d.text for d in found])


def test_reported_spans_answer_as_testing_every_span():
    # Spans looks only at the spans that start close enough to matter; the answers must be those
    # of testing every span, whatever their lengths and order of arrival.
    rng = random.Random(38)
    for _ in range(300):
        spans = Spans()
        added: list[tuple[int, int]] = []
        for _ in range(rng.randrange(25)):
            start = rng.randrange(200)
            span = (start, start + rng.choice((0, 1, 5, 20, 90)))
            spans.add(*span)
            added.append(span)
            a, b = rng.randrange(200), rng.randrange(200)
            a, b = min(a, b), max(a, b)
            assert spans.contain(a, b) == any(s <= a and b <= e for s, e in added)
            assert spans.overlap(a, b) == any(s < b and a < e for s, e in added)
