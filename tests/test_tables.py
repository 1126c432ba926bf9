"""Tables read as a reader reads them: each cell with its row's label and its column's header."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitlint.config import Config
from fitlint.document import parse_document
from fitlint.engine import Linter

FORMATS = {"html": "html", "mdx": "markdown"}


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    return Linter(Config(root=Path(tmp_path_factory.mktemp("tables")), formats=FORMATS))


def _found(linter: Linter, text: str, name: str = "page.md") -> list[tuple[str, str, int]]:
    """(code, exact source slice, 1-based line) of every reported diagnostic."""
    found = []
    for d in linter.lint_text(text, name):
        assert d.text == text[d.start : d.end]
        found.append((d.code, d.text, text.count("\n", 0, d.start) + 1))
    return found


def _cells(text: str, path: str) -> list[tuple[str, int, int, bool]]:
    document = parse_document(text, path, formats=FORMATS)
    return [
        (block.text, block.cell.row, block.cell.column, block.cell.header)
        for block in document.blocks
        if block.cell is not None
    ]


def test_markdown_and_html_cells_know_their_row_column_and_header():
    markdown = "| Week | Result |\n|---|---|\n| 1 | Looser |\n| 2 | |\n"
    assert _cells(markdown, "a.md") == [
        ("Week", 0, 0, True),
        ("Result", 0, 1, True),
        ("1", 1, 0, False),
        ("Looser", 1, 1, False),
        ("2", 2, 0, False),  # the empty cell is no block, but the columns still count
    ]
    html = (
        "<table>\n<tr><th>Week</th><th>Result</th></tr>\n<tr>\n  <td>1</td>\n"
        "  <td><p>Looser</p></td>\n</tr>\n</table>\n<table><tr><td>a</td></tr></table>\n"
    )
    cells = _cells(html, "a.html")
    assert cells == [
        ("Week", 0, 0, True),
        ("Result", 0, 1, True),
        ("1", 1, 0, False),
        ("Looser", 1, 1, False),
        ("a", 0, 0, False),  # a second table starts over
    ]
    tables = {b.cell.table for b in parse_document(html, "a.html", formats=FORMATS).blocks}
    assert len(tables) == 2


def test_a_timeline_row_takes_its_period_from_its_label_and_its_promise_from_the_header(linter):
    text = (
        "# The plan\n\n"
        "| Time | What you'll notice |\n|---|---|\n"
        "| Week 2 | Up to 2 inches off your waist |\n"
        "| Week 4 | Love handles noticeably smaller |\n"
    )
    found = _found(linter, text)
    assert ("FL204", "2 inches off", 5) in found  # two inches by week two: a rate
    assert ("FL108", "2 inches off your waist", 5) in found
    assert ("FL105", "Love handles noticeably smaller", 6) in found


def test_the_same_cells_under_a_neutral_header_are_not_sold(linter):
    text = (
        "# What the trial measured\n\n"
        "| Group | Measured change |\n|---|---|\n"
        "| Crunches | Love handles noticeably smaller |\n"
    )
    assert not [code for code, _, _ in _found(linter, text) if code.startswith("FL1")]


def test_a_numbered_row_label_reads_with_its_column_header(linter):
    html = (
        "<table><tr><th>Week</th><th>Sessions</th><th>Your results</th></tr>\n"
        "<tr><td>4</td><td>5 &times; 20 min</td><td>Up to 5cm off your thighs</td></tr>\n"
        "</table>\n"
    )
    found = _found(linter, html, "page.html")
    assert ("FL204", "5cm off", 2) in found  # "4" under "Week": by week 4
    assert ("FL108", "5cm off your thighs", 2) in found


def test_a_list_introduced_as_what_the_reader_will_notice_is_sold(linter):
    text = "# Results\n\nWhat you'll notice:\n\n- Love handles noticeably smaller\n"
    assert ("FL105", "Love handles noticeably smaller", 5) in _found(linter, text)
    text = "# Results\n\nWhat the old adverts said:\n\n- Love handles noticeably smaller\n"
    assert not _found(linter, text)


def test_an_average_change_in_a_body_measurement_is_an_uncited_statistic(linter):
    text = (
        "# Best fat burners\n\n"
        "| Rank | Product | Avg. waist change (30 days) | Price |\n|---|---|---|---|\n"
        "| 1 | Product A | −2.4 in | $59 |\n"
        "| 2 | Product B | −1.9 in | $49 |\n"
    )
    found = [f for f in _found(linter, text) if f[0] == "FL401"]
    assert found == [
        ("FL401", "| 1 | Product A | −2.4 in | $59 |", 5),
        ("FL401", "| 2 | Product B | −1.9 in | $49 |", 6),
    ]


def test_a_row_on_several_html_lines_is_reported_from_its_first_cell_to_its_last(linter):
    html = (
        "<h2>Results</h2>\n<table>\n<tr><th>Week</th><th>Average waist change</th></tr>\n"
        "<tr>\n  <td>1</td>\n  <td>-1.2 in</td>\n</tr>\n</table>\n"
    )
    found = [f for f in _found(linter, html, "page.html") if f[0] == "FL401"]
    assert found == [("FL401", "1</td>\n  <td>-1.2 in", 5)]


def test_a_log_of_ones_own_waist_a_size_chart_and_a_workout_are_not_statistics(linter):
    diary = (
        "# My four weeks with the belt\n\n"
        "| Week | Waist change |\n|---|---|\n| 1 | 0 in |\n| 2 | -0.25 in |\n"
    )
    sizes = (
        "# Sizes\n\nPick the size that burns the most fat for your frame.\n\n"
        "| Size | Waist | Width |\n|---|---|---|\n| S/M | 60–85 | 20 cm |\n"
    )
    workout = (
        "# Fat-burning strength plan\n\n"
        "| Style | Sets | Reps | Rest |\n|---|---|---|---|\n| Strength | 3-5 | 4-6 | 2-3 min |\n"
    )
    nutrition = (
        "# Lauki soup\n\nLow in calories and filling.\n\n"
        "| Calories | Protein | Carbs | Fat |\n|---|---|---|---|\n| 92 kcal | 2.5 g | 13 g | 3.5 g |\n"
    )
    tester_log = (
        "<h2>Four weeks of weight loss claims, tested</h2>\n<table>\n"
        "<tr><th>Week</th><th>Weight</th><th>Waist</th></tr>\n"
        "<tr><td>1</td><td>187.9 lb</td><td>36.5 in</td></tr>\n</table>\n"
    )
    for text in (diary, sizes, workout, nutrition):
        assert not [f for f in _found(linter, text) if f[0] == "FL401"], text
    assert not [f for f in _found(linter, tester_log, "log.html") if f[0] == "FL401"]


def test_a_component_s_compound_text_props_are_copy(linter):
    text = (
        "# Coaching\n\n"
        '<Story imageAlt="Dave before and after the programme, 16 lbs down" '
        'className="hero" />\n'
    )
    found = _found(linter, text, "page.mdx")
    assert ("FL207", "16 lbs down", 3) in found
    assert not any("hero" in slice_ for _, slice_, _ in found)


def test_a_header_cell_that_labels_a_row_leaves_the_row_a_data_row(linter):
    html = (
        "<h2>Results</h2>\n<table>\n<tr><th>Week</th><th>Average waist loss</th></tr>\n"
        '<tr><th scope="row">Week 2</th><td>-2.4 in</td></tr>\n</table>\n'
    )
    found = [f for f in _found(linter, html, "page.html") if f[0] == "FL401"]
    assert found == [("FL401", "Week 2</th><td>-2.4 in", 4)]


def test_a_colspan_takes_its_columns():
    html = (
        '<table><tr><th colspan="2">When</th><th>Average waist loss</th></tr>\n'
        "<tr><td>Week</td><td>2</td><td>-2.4 in</td></tr></table>\n"
    )
    assert [(text, column) for text, _, column, _ in _cells(html, "a.html")] == [
        ("When", 0),
        ("Average waist loss", 2),
        ("Week", 0),
        ("2", 1),
        ("-2.4 in", 2),
    ]


def test_rows_of_a_page_written_on_one_line_are_reported_one_by_one(linter):
    html = (
        "<h2>Results</h2><table><tr><th>Week</th><th>Average waist loss</th></tr>"
        "<tr><td>Week 2</td><td>2.4 in</td></tr><tr><td>Week 4</td><td>3.1 in</td></tr>"
        "</table><p>Contact us today.</p>\n"
    )
    found = [f for f in _found(linter, html, "page.html") if f[0] == "FL401"]
    assert found == [
        ("FL401", "Week 2</td><td>2.4 in", 1),
        ("FL401", "Week 4</td><td>3.1 in", 1),
    ]


def test_a_page_class_does_not_make_its_paragraphs_headlines(linter):
    html = (
        '<html><body class="single hide-title">\n'
        "<p>We tested many plans for quick weight loss over a year.</p>\n</body></html>\n"
    )
    assert not _found(linter, html, "page.html")


def test_a_rowspan_keeps_its_column_taken_in_the_rows_below():
    html = (
        "<table><tr><th>Phase</th><th>Week</th><th>Average waist loss</th></tr>\n"
        '<tr><td rowspan="2">Phase 1</td><td>Week 1</td><td>-1.2 in</td></tr>\n'
        "<tr><td>Week 2</td><td>-2.4 in</td></tr>\n"
        '<tr><td colspan="2">Phase 2</td><td>-3.0 in</td></tr></table>\n'
    )
    cells = [(text, row, column) for text, row, column, _ in _cells(html, "a.html")]
    assert cells[3:] == [
        ("Phase 1", 1, 0),
        ("Week 1", 1, 1),
        ("-1.2 in", 1, 2),
        ("Week 2", 2, 1),
        ("-2.4 in", 2, 2),
        ("Phase 2", 3, 0),
        ("-3.0 in", 3, 2),
    ]
