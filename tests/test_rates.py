"""FL204 works out a claim's pace from what was lost: the figures in its message are the claim's."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitlint.config import Config
from fitlint.engine import Linter


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    return Linter(Config(root=Path(tmp_path_factory.mktemp("rates"))))


def _rates(linter: Linter, text: str) -> list[tuple[str, str]]:
    return [(d.text, d.message) for d in linter.lint_text(text, "post.md") if d.code == "FL204"]


@pytest.mark.parametrize(
    ("text", "claim", "pace"),
    [
        # From one weight to another: the difference was lost, not the weight reached.
        (
            "Dropped from 92 kg to 84 kg in under a month.",
            "Dropped from 92 kg to 84 kg in under a month",
            "about 1.8 kg (4.1 lb) a week",
        ),
        (
            "She went from 80 kg down to 72 kg in three weeks.",
            "from 80 kg down to 72 kg in three weeks",
            "about 2.7 kg (5.9 lb) a week",
        ),
        ("I lost up to 5 kg in a week.", "lost up to 5 kg in a week", "about 5.0 kg (11.0 lb)"),
        # Dress sizes go in twos; an odd size from 24 up is a jeans waist in inches.
        (
            "I went from a size 14 to a size 10 in 3 weeks.",
            "from a size 14 to a size 10 in 3 weeks",
            "about 3.0 kg (6.6 lb) a week",
        ),
        (
            "I went from size 32 to 28 jeans in two weeks.",
            "from size 32 to 28 jeans in two weeks",
            "about 5.1 cm of girth a week",
        ),
        (
            "I went from size 32 to 29 in 2 weeks.",
            "from size 32 to 29 in 2 weeks",
            "about 3.8 cm of girth a week",
        ),
    ],
)
def test_the_pace_is_worked_out_from_the_amount_lost(linter, text, claim, pace):
    [(found, message)] = _rates(linter, text)
    assert found == claim and pace in message


def test_a_weight_come_down_from_one_figure_to_another_loses_the_difference(linter):
    # "down from 90 to 85 kg" is 5 kg lost, not a range whose low end is 90.
    assert _rates(linter, "My weight came down from 90 to 85 kg in ten weeks.") == []
    [(found, message)] = _rates(linter, "My weight came down from 90 to 84 kg in two weeks.")
    assert "about 3.0 kg (6.6 lb) a week" in message


def test_a_weight_reached_is_not_an_amount_lost(linter):
    assert _rates(linter, "By March my weight fell to 84 kg in two weeks of rest.") == []
