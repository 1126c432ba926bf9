"""When a matched phrase is not a claim: negation, questions, quotation, reported speech, debunking.

Each test looks at spaCy tokens of the sentence that holds the match, the match's token range,
and the framing around it (the block and its section heading). Rules list the tests that apply
to them under ``unless:``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

NEGATION_LEMMAS = frozenset(
    {"not", "never", "no", "cannot", "nothing", "neither", "nor", "hardly", "nobody", "none", "without",
     # advice against the claim: "avoid promising …", "remove the guarantee"
     "avoid", "remove", "beware", "ban", "stop"}
)
# Punctuation and conjunctions that close the scope of a negation before the match.
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "but", "however", "yet", "instead", "while", "whereas", "."})
DEBUNK_LEMMAS = frozenset(
    {"myth", "misconception", "debunk", "impossible", "fallacy", "falsehood", "bust", "nonsense",
     "misleading", "mistaken", "wrong", "false", "untrue", "pseudoscience", "misinformation"}
)
REPORT_LEMMAS = frozenset(
    {"promise", "claim", "advertise", "advertisement", "ad", "advert", "marketing", "marketer", "slogan",
     "phrase", "headline", "tout", "hear", "hype", "belief", "believe", "hope", "wish", "imagine",
     "tempt", "tempting", "assume", "think", "people", "suppose"}
)
QUOTES = {"\"": "\"", "“": "”", "‘": "’", "'": "'", "«": "»"}


@dataclass(frozen=True)
class MatchContext:
    sentence: Span
    first: int  # doc index of the first matched token
    last: int  # doc index of the last matched token
    heading: str  # lower-cased text of the section heading ("" if none)
    block_kind: str


def negated(ctx: MatchContext) -> bool:
    """A negation cue in the match's clause before the match ("won't burn belly fat")."""
    doc = ctx.sentence.doc
    # Only words before the match: a negation inside it ("no diet required") is the claim itself.
    for index in range(ctx.first - 1, ctx.sentence.start - 1, -1):
        token = doc[index]
        if token.lemma_ in CLAUSE_BREAKS:
            return False
        if token.lemma_ in NEGATION_LEMMAS or token.lower_ in ("n't", "cannot"):
            return True
        if ctx.first - index > 8:
            return False
    return False


def question(ctx: MatchContext) -> bool:
    text = ctx.sentence.text.rstrip(" \"'”’)*_")
    return text.endswith("?")


def quoted(ctx: MatchContext) -> bool:
    """The match sits inside quotation marks."""
    doc = ctx.sentence.doc
    start_char = doc[ctx.first].idx
    end_char = doc[ctx.last].idx + len(doc[ctx.last])
    text = doc.text
    open_index = -1
    closer = ""
    # Scan the whole block: the sentencizer may leave an opening quote on the sentence before.
    for index in range(0, start_char):
        char = text[index]
        if open_index < 0 and char in QUOTES and _is_opening(text, index):
            open_index, closer = index, QUOTES[char]
        elif open_index >= 0 and char == closer and _is_closing(text, index):
            open_index, closer = -1, ""
    if open_index < 0:
        return False
    return closer in text[end_char:]


def _is_opening(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def _is_closing(text: str, index: int) -> bool:
    return index + 1 >= len(text) or not text[index + 1].isalnum()


def reported(ctx: MatchContext) -> bool:
    """Speech or belief reported, not asserted: "ads promise …", "many people hope that …"."""
    doc = ctx.sentence.doc
    for index in range(ctx.sentence.start, ctx.first):
        if doc[index].lemma_ in REPORT_LEMMAS:
            return True
    return False


def debunk(ctx: MatchContext) -> bool:
    """Debunk framing in the sentence or its section heading ("Myth #3: …")."""
    if any(token.lemma_ in DEBUNK_LEMMAS for token in ctx.sentence):
        return True
    heading = ctx.heading
    return any(cue in heading for cue in ("myth", "misconception", "debunk", "truth about", "doesn't work", "don't work"))


def hypothetical(ctx: MatchContext) -> bool:
    doc = ctx.sentence.doc
    return any(doc[index].lower_ in ("if", "whether", "unless") for index in range(ctx.sentence.start, ctx.first))


# Whole-body means: activity or eating patterns that reduce fat everywhere. A sentence built on
# them ("walking can slim your waist") is not a spot-reduction promise, unless it also credits
# targeted exercise.
WHOLE_BODY_LEMMAS = frozenset(
    {"walk", "walking", "jog", "jogging", "run", "running", "cardio", "aerobic", "swim", "swimming",
     "cycling", "diet", "dieting", "calorie", "deficit", "eat", "eating", "sleep", "stress", "lifestyle",
     "habit", "overall", "nutrition", "fasting", "activity", "hormone", "whole", "total", "general"}
)
TARGETING_LEMMAS = frozenset(
    {"target", "targeted", "specific", "crunch", "sit", "move", "exercise", "workout", "routine", "spot"}
)


def whole_body(ctx: MatchContext) -> bool:
    lemmas = {token.lemma_ for token in ctx.sentence}
    if not lemmas & WHOLE_BODY_LEMMAS:
        return False
    doc = ctx.sentence.doc
    matched = {doc[i].lemma_ for i in range(ctx.first, ctx.last + 1)}
    return not ((lemmas - matched) & TARGETING_LEMMAS)


TESTS: dict[str, Callable[[MatchContext], bool]] = {
    "negated": negated,
    "question": question,
    "quoted": quoted,
    "reported": reported,
    "debunk": debunk,
    "hypothetical": hypothetical,
    "whole-body": whole_body,
}


def excused(ctx: MatchContext, unless: frozenset[str]) -> str | None:
    """Name of the first context test that excuses the match, or None."""
    for name in sorted(unless):
        if TESTS[name](ctx):
            return name
    return None
