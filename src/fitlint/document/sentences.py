"""A fast sentence splitter for the lexical pre-filter stage.

spaCy runs only on sentences some rule could match, so sentences are found first without it.
Splits after ., ! or ? (plus closing quotes and brackets) followed by whitespace, except after
common abbreviations and initials; an opening quote stays with the sentence it opens.
"""

from __future__ import annotations

import re

from fitlint.lazyregex import lazy_compile

# Only from the start of a run of marks: tried at every mark of a long run ("!" × 40,000), the
# match would fail once per mark, each time after scanning the rest of the run.
_BOUNDARY = lazy_compile(r"(?<![.!?…])[.!?…]+[\"'”’)\]]*(?=\s+\S)")
_NEXT_CHARACTER = lazy_compile(r"\s*(\S)")
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs al dr mr mrs ms prof fig no approx est min max cf ca st jr sr inc ltd co mt".split()
)


def is_abbreviation(word: str) -> bool:
    """Does a full stop after ``word`` end an abbreviation or an initial ("e.g", "al", "J"), not
    a sentence?"""
    word = word.lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            word = text[max(0, match.start() - 12) : match.start()].rsplit(None, 1)
            if word and is_abbreviation(word[-1]):
                continue  # "e.g. ", "et al. ", "J. Smith"
            following = _NEXT_CHARACTER.match(text, end)  # the boundary's lookahead promises one
            if following is not None and following.group(1).islower():
                continue  # "3.5 kg" never gets here; "approx. twice" and similar lower-case runs on
        spans.append(_trim(text, start, end))
        start = end
    if start < len(text):
        spans.append(_trim(text, start, len(text)))
    spans = [(s, e) for s, e in spans if e > s]
    runs = sentence_runs([text[s:e] for s, e in spans])
    return [(spans[first][0], spans[last][1]) for first, last in runs]


# A verbless denial of a few words: "No gym.", "Zero calorie counting!", "NO SWEAT."
_DENIAL = lazy_compile(r"(?:no|zero|without)\s+\S+(?:\s+\S+){0,2}?[.!]+", re.IGNORECASE)


def is_denial(text: str) -> bool:
    """Is ``text`` a verbless denial of a few words ("No gym.", "NO SWEAT.")?"""
    return _DENIAL.fullmatch(text.strip()) is not None


def denial_runs(pieces: list[str]) -> list[tuple[int, int]]:
    """Index ranges (first, last) of the pieces to read as one sentence: a run of verbless
    denials reads as one list ("No gym. No calorie counting."), so a rule sees the run whole, as
    it would with commas ("no gym, no calorie counting"). Every other piece stands alone."""
    runs: list[tuple[int, int]] = []
    after_denial = False
    for index, piece in enumerate(pieces):
        denial = is_denial(piece)
        if runs and denial and after_denial:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
        after_denial = denial
    return runs


# A sentence that is only a stretch of time, a few words at most: "Only 20 days!", "In three
# weeks.", "It's only been two weeks." Testimonials set the time apart for effect; it belongs to
# the result before it ("My love handles shrank so much. Only 20 days!").
_PERIOD_FRAGMENT = lazy_compile(
    r"(?:(?:and|but|all|only|just|in|within|after|under|barely|not\s+even|less\s+than|"
    r"it(?:'s|’s|\s+has|\s+was)?|that(?:'s|’s|\s+was)?|been|took|over|by)\s+){0,4}"
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|twenty|twenty-one|thirty|a|a\s+few|a\s+couple\s+of)\s+"
    r"(?:days?|nights?|weeks?|fortnight)(?:\s+(?:later|in|flat|tops|total|only))?"
    r"[\s.!]*[^\w\s]{0,3}[\s.!]*",
    re.IGNORECASE,
)


def is_period_fragment(text: str) -> bool:
    """Is ``text`` a sentence that is only a stretch of time ("Only 20 days!")?"""
    return _PERIOD_FRAGMENT.fullmatch(text.strip()) is not None


def sentence_runs(pieces: list[str]) -> list[tuple[int, int]]:
    """Index ranges (first, last) of the pieces to read as one sentence: a run of verbless
    denials (see :func:`denial_runs`), and a stretch of time standing alone after a sentence,
    which is read with it ("My belly is flatter. Only 10 days!")."""
    runs: list[tuple[int, int]] = []
    for first, last in denial_runs(pieces):
        if runs and first == last and is_period_fragment(pieces[first]):
            runs[-1] = (runs[-1][0], last)
            # A headline of short fragments before it is one promise: "Flat tummy. Snatched
            # waist. In 28 days." reads as "a flat tummy and a snatched waist in 28 days".
            while (
                len(runs) >= 2
                and runs[-1][1] - runs[-2][0] < _HEADLINE_PIECES
                and _short(pieces, runs[-1][0])
                and runs[-2][0] == runs[-2][1]
                and _short(pieces, runs[-2][0])
            ):
                runs[-2:] = [(runs[-2][0], runs[-1][1])]
        else:
            runs.append((first, last))
    return runs


_HEADLINE_PIECES = 5  # a headline has a few fragments; a page of them is not one sentence


def _short(pieces: list[str], index: int) -> bool:
    """A headline fragment: three words at most, closed by a full stop, not opened by a pronoun
    ("Flat tummy.", "Snatched waist."; not "Did it work?" or "I lost weight.")."""
    words = pieces[index].split()
    return (
        len(words) <= 3
        and pieces[index].rstrip().endswith(".")
        and words[0].lower().strip("\"'“‘") not in _PRONOUNS
    )


_PRONOUNS = frozenset("i we you he she it they my our your this that".split())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
