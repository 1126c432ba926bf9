"""When a matched phrase is not a claim: negation, questions, quotation, reported speech, debunking.

Each test looks at spaCy tokens of the sentence that holds the match, the match's token range,
and the framing around it (the block and its section heading). Rules list the tests that apply
to them under ``unless:``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from fitlint.lazyregex import lazy_compile

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
NEGATIVE_MARKS = ("❌", "✗", "✘", "🚫", "⛔", "×")
_NEGATIVE_HEADING = lazy_compile(r"\b(?:won[’']t|can[’']t|doesn[’']t|don[’']t|isn[’']t|not|never|avoid)\b")
QUOTES = {"\"": "\"", "“": "”", "‘": "’", "'": "'", "«": "»"}


CONTRAST_OPENERS = ("however", "but ", "but,", "yet ", "in reality", "actually", "unfortunately", "sadly",
                    "that's not", "that is not", "this isn't", "this is not", "not so", "wrong")
CAUTION_LEMMAS = frozenset(
    {"unrealistic", "dangerous", "unsafe", "unhealthy", "harmful", "risky", "risk", "fad", "crash",
     "deficiency", "regain", "unsustainable", "warning", "beware", "scam", "gimmick"}
)
FIRST_PERSON = frozenset({"i", "we"})
ENDORSEMENT_LEMMAS = frozenset({"agree", "absolutely", "definitely", "indeed", "truly"})
# Titles that announce a debunking article ("Spot Reduction Workouts Don't Work: Here's Why").
_DEBUNK_TITLE_CUES = ("myth", "debunk", "misconception", "don't work", "doesn't work", "don’t work", "doesn’t work",
                      "won't", "won’t", "can't", "can’t", "isn't", "isn’t", "not possible", "impossible", "truth about",
                      "the lie", "fails", "busted", "busting")
_SPOT_TOPIC_CUES = ("spot", "target", "crunch", "sit-up", "sit up", "belly", "ab ", "abs", "fat", "toning", "myth")


class MatchContext(NamedTuple):
    sentence: Span
    first: int  # doc index of the first matched token
    last: int  # doc index of the last matched token
    heading: str  # lower-cased text of the section heading ("" if none)
    block_kind: str
    next_sentence: str = ""  # lower-cased text of the following sentence in the block
    document_debunks: bool = False  # the document's title announces a debunk
    title: str = ""  # lower-cased document title
    before: str = ""  # the block's text before this sentence


_DEBUNK_TITLE = lazy_compile(r"\b(?:" + "|".join(re.escape(cue) for cue in _DEBUNK_TITLE_CUES) + r")\b")
_SPOT_TOPIC = lazy_compile(r"\b(?:" + "|".join(re.escape(cue.strip()) for cue in _SPOT_TOPIC_CUES) + r")")


def document_debunks(title: str) -> bool:
    """Does the title frame the whole document as a debunk of spot reduction or fitness myths?"""
    title = title.lower()
    return bool(_DEBUNK_TITLE.search(title) and _SPOT_TOPIC.search(title))


def negated(ctx: MatchContext) -> bool:
    """A negation cue in the match's clause before the match ("won't burn belly fat")."""
    doc = ctx.sentence.doc
    if doc.text.lstrip().startswith(NEGATIVE_MARKS):
        return True  # "❌ Cause rapid weight loss": a list of what something does not do
    if _NEGATIVE_HEADING.search(ctx.heading):
        return True  # under "What Pilates Won't Do"
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


# Rhetorical questions that sell ("Ready to zap that muffin top?") are invitations, not doubt.
_INVITATIONS = ("ready to", "want to", "want a", "want an", "wanna", "need to", "tired of", "looking to",
                "looking for", "dreaming of", "ready for", "wish you could", "would you like", "fed up")


def question(ctx: MatchContext) -> bool:
    text = ctx.sentence.text.rstrip(" \"'”’)*_")
    if not text.endswith("?"):
        return False
    opening = ctx.sentence.text.lstrip(" \"'“‘*_#>-").lower()
    return not opening.startswith(_INVITATIONS)


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
    if open_index < 0 or closer not in text[end_char:]:
        return False
    # A quotation that stands alone as the copy (a testimonial, maybe after a label such as
    # "Customer favourite:") is used, not mentioned: it still makes the claim.
    lead = (ctx.before + text[:open_index]).rstrip(" *_>\t")
    if not lead or lead.endswith((":", "—", "–", "-")):
        return False
    # A quotation the writer then endorses ("a 'belly-buster', and I agree") is still a claim.
    return not any(token.lemma_ in ENDORSEMENT_LEMMAS for token in ctx.sentence)


def _is_opening(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def _is_closing(text: str, index: int) -> bool:
    return index + 1 >= len(text) or not text[index + 1].isalnum()


def reported(ctx: MatchContext) -> bool:
    """Speech or belief reported, not asserted: "ads promise …", "many people hope that …".

    The writer's own "I hope …" or "we believe …" is an assertion, not a report.
    """
    doc = ctx.sentence.doc
    for index in range(ctx.sentence.start, ctx.first):
        if doc[index].lemma_ in REPORT_LEMMAS:
            window = range(max(ctx.sentence.start, index - 4), index)
            if any(doc[i].lower_ in FIRST_PERSON for i in window):
                continue  # "I am of the belief that …", "I hope …": the writer's own claim
            return True
    return False


def debunk(ctx: MatchContext) -> bool:
    """Debunk framing: in the sentence, its section heading ("Myth #3: …"), the sentence right
    after it ("However, …"), or the document's own title."""
    if ctx.document_debunks:
        return True
    if any(token.lemma_ in DEBUNK_LEMMAS for token in ctx.sentence):
        return True
    heading = ctx.heading
    if any(cue in heading for cue in ("myth", "misconception", "debunk", "truth about", "doesn't work", "don't work")):
        return True
    return ctx.next_sentence.startswith(CONTRAST_OPENERS)


# Titles join their parts with a colon ("Lose love handles: 7 exercises"), so only these split
# a targeting word from the claim.
_TARGETING_BREAKS = frozenset({",", ";", "but", "while", "although", "whereas", "however", "yet"})
_TARGETING_WORDS = lazy_compile(r"\b(?:exercises?|moves?|workouts?|routines?|crunch(?:es)?|sit-?ups?|targeted|squats?|planks?)\b")
_MEANS = frozenset({"with", "through", "using", "use", "by", "do", "doing", "via", "on", "of"})


def targeting(ctx: MatchContext) -> bool:
    """The sentence credits targeted exercise with the result: a targeting word in the match's
    clause ("exercises to lose face fat"), or one introduced as the means ("with targeted
    exercises, diet changes …, you can slim your face"). "While diet is primary for losing belly
    fat, exercise helps too" does not count: the exercise is in another clause."""
    doc = ctx.sentence.doc
    start, end = ctx.sentence.start, ctx.sentence.end
    for index in range(start, end):
        token = doc[index]
        if token.lemma_ not in TARGETING_LEMMAS:
            continue
        if ctx.first <= index <= ctx.last:
            if token.lemma_ in ("target", "targeted"):
                return True
            continue
        if any(doc[i].lemma_ in _MEANS for i in range(max(start, index - 3), index)):
            return True
        low, high = (index, ctx.first) if index < ctx.first else (ctx.last, index)
        if not any(doc[i].lemma_ in _TARGETING_BREAKS for i in range(low + 1, high)):
            return True
    # A heading ("Get rid of love handles") speaks for the article its title describes.
    return ctx.block_kind == "heading" and bool(_TARGETING_WORDS.search(ctx.title))


def caution(ctx: MatchContext) -> bool:
    """The sentence warns against the idea ("unrealistic rapid weight loss goals lead to …")."""
    return any(token.lemma_ in CAUTION_LEMMAS for token in ctx.sentence)


def hypothetical(ctx: MatchContext) -> bool:
    doc = ctx.sentence.doc
    return any(doc[index].lower_ in ("if", "whether", "unless") for index in range(ctx.sentence.start, ctx.first))


# Whole-body means: activity or eating patterns that reduce fat everywhere. A sentence built on
# them ("walking can slim your waist") is not a spot-reduction promise, unless it also credits
# targeted exercise.
WHOLE_BODY_LEMMAS = frozenset(
    {"walk", "walking", "jog", "jogging", "run", "running", "cardio", "aerobic", "swim", "swimming",
     "cycling", "diet", "dieting", "calorie", "deficit", "eat", "eating", "sleep", "stress", "lifestyle",
     "habit", "overall", "nutrition", "fasting", "activity", "hormone", "hormonal", "metabolic", "metabolism",
     "insulin", "cortisol", "whole", "total", "general", "healthy", "step", "steps"}
)
TARGETING_LEMMAS = frozenset(
    {"target", "targeted", "specific", "crunch", "sit", "move", "exercise", "workout", "routine", "spot",
     "squat", "lunge", "plank", "toning", "facial"}
)


_NOT_A_METHOD = frozenset({"without", "no", "skip", "instead", "while", "as", "despite", "whatever"})


def whole_body(ctx: MatchContext) -> bool:
    doc = ctx.sentence.doc
    start = ctx.sentence.start
    # "without dieting" and "while you sleep" deny the whole-body method instead of naming it.
    lemmas = {
        doc[i].lemma_
        for i in range(start, ctx.sentence.end)
        if not any(doc[j].lemma_ in _NOT_A_METHOD for j in range(max(start, i - 2), i))
    }
    if not lemmas & WHOLE_BODY_LEMMAS:
        return False
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
    "targeting": targeting,
    "caution": caution,
}


def excused(ctx: MatchContext, unless: frozenset[str], requires: frozenset[str] = frozenset()) -> str | None:
    """Why the match is not a claim (a failed ``requires`` or a matching ``unless`` test), or None."""
    for name in sorted(requires):
        if not TESTS[name](ctx):
            return f"not {name}"
    for name in sorted(unless):
        if TESTS[name](ctx):
            return name
    return None
