"""Periods of time as copy writes them ("in 3 weeks", "within the first 28 days", "by day
five", "overnight"): a building block the rate rules and the context tests share."""

from __future__ import annotations

import re

from fitlint.lazyregex import lazy_compile
from fitlint.rules.numberwords import CARDINALS

NUMBER_WORDS: dict[str, float] = {
    **CARDINALS,
    "a": 1,
    "an": 1,
    "half a": 0.5,
    "half an": 0.5,
    "a couple of": 2,
    "a few": 3,
    "a single": 1,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "tenth": 10,
    "fourteenth": 14,
    "twenty-first": 21,
    "thirtieth": 30,
}
NUM = (
    r"(?:\d+(?:[.,]\d+)?|"
    + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
COUNT = rf"(?P<count>{NUM})"
_UNITS = r"hours?|days?|nights?|weeks?|wks?|fortnights?|months?|weekends?"
UNITS_OF_TIME = rf"(?P<period>{_UNITS}|years?)\b"


def _period(years: bool) -> str:
    """A period as copy writes it: "in 3 weeks", "within the first 28 days", "over one weekend",
    "a week", "per day", "with our 14-day cleanse", "by day five", "by the end of the second
    week", "overnight"; with ``years``, also "in a year", "two years later"."""
    units = UNITS_OF_TIME if years else rf"(?P<period>{_UNITS})\b"
    later = r"days?|weeks?|months?" + (r"|years?" if years else "")
    return (
        r"(?:(?:in|within|over|after|during|inside|under)\s+(?:(?:just|only|the|your|their|my|his|her|our|a|first|next|opening|mere|less\s+than|under|as\s+little\s+as|like|literally|about|around|roughly|approximately|nearly|almost|barely|exactly)\s+){0,3}"
        # A range counts as its longer end: "within 10 to 14 days" is a 14-day period.
        rf"(?:{NUM}\s*(?:-|–|—|to|or)\s*(?={NUM}))?{COUNT}?\s*[- ]?\s*{units}"
        r"|(?:a|per|each|every|/)\s*(?P<per>day|night|week|wk|month)\b"
        r"|(?:with|on|using|via|through|from|during)\s+(?:(?:a|an|the|our|this|that|my|your|their|his|her)\s+)?"
        rf"{COUNT}\s*-\s*(?P<period>day|week|month)\b"
        rf"|(?:by|on|after)\s+(?:day|night)\s+(?P<day>{NUM})\b"
        # "by week 3", "in month two": that many weeks or months in
        rf"|(?:by|in|during|after)\s+(?:the\s+)?(?P<period>week|month)\s+(?P<ordinal>{NUM})\b"
        rf"|(?:by|after|at|before)\s+the\s+end\s+of\s+(?:the\s+|my\s+|your\s+)?(?P<ordinal>{NUM})\s+(?P<period>day|week|month)s?\b"
        # "by the end of week four"
        rf"|(?:by|after|at|before)\s+the\s+end\s+of\s+(?P<period>week|month)\s+(?P<ordinal>{NUM})\b"
        r"|(?P<overnight>overnight)\b"
        # "lost 12 pounds the first month": the first of its kind, said without a preposition
        r"|the\s+(?:very\s+)?(?:first|1st|opening)\s+(?P<period>day|week|weekend|fortnight|month)\b"
        # "this week", "next weekend"
        r"|(?:this|next|last)\s+(?P<period>week|weekend|fortnight)\b"
        # "three days later", "eight weeks later", "a year later"
        rf"|{COUNT}\s+(?P<period>{later})\s+(?:later|after)\b"
        # "just finished day 3", "completed day five"
        rf"|(?:finished|finishing|completed|completing)\s+(?:day|night)\s+(?P<day>{NUM})\b"
        r")"
    )


PERIOD = _period(years=True)
PERIOD_RE = lazy_compile(PERIOD, re.IGNORECASE)
# A deadline a result is sold with: the same periods short of a year. A year or more is how long
# a study ran or a diary went on ("a 3 cm smaller waist over a year"), not a quick result.
DEADLINE = _period(years=False)
DEADLINE_RE = lazy_compile(DEADLINE, re.IGNORECASE)

# A period that can only open a clause, counted from the start of what was done: "for 5 days,
# lost 3 kg", "Two weeks in, I was down 8 lbs", "One month of walking melts 5 kg", "Three weeks
# on the tea and 12 pounds gone". After an amount these read as something else ("kept it off
# for 2 weeks"), so only the opening test reads them.
OPENING_PERIOD = (
    r"(?:for\s+(?:(?:just|only|the|about|around|a\s+mere)\s+){0,2}"
    rf"{COUNT}\s*[- ]?\s*{UNITS_OF_TIME}"
    rf"|{COUNT}\s+(?P<period>days?|nights?|weeks?|months?|fortnights?)\s+(?:in\b|into\s+it\b|of\b|on\b|with\b|using\b)"
    # A headline's period then its amount: "21 days, 21 lbs gone", "10 days: 10 pounds"
    rf"|{COUNT}\s+(?P<period>days?|nights?|weeks?)\s*[,:–—]"
    # A diary's or timeline's day or week: "Day 7 results: my face is 2 cm slimmer", "Week 1:
    # 5-10 lbs gone"
    rf"|(?:day|night)\s+(?P<day>{NUM})\b"
    rf"|(?P<period>week|month)\s+(?P<ordinal>{NUM})\b"
    r")"
)
OPENING_PERIOD_RE = lazy_compile(rf"{PERIOD}|{OPENING_PERIOD}", re.IGNORECASE)
