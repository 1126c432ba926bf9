"""When a matched phrase is not a claim: negation, questions, quotation, reported speech, debunking.

Each test looks at the spaCy tokens of the sentence that holds the match, the match's token
range, and the framing around it (the block, its section heading, the next sentence). Tests are
tied to the claim they excuse: a negation must stand in the claim's own phrase, a report or a
hypothesis in its clause, a debunk in its sentence, its heading or the sentence that answers it.
Rules list the tests that apply to them under ``unless:`` (and ``requires:``); the word lists the
tests read are lexicons of the ``context`` pack (``rules/context.yaml``), so a house pack can
extend them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from fitlint.lazyregex import lazy_compile
from fitlint.nlp import doc_text
from fitlint.rules.amounts import sustainable
from fitlint.rules.periods import DEADLINE, DEADLINE_RE

if TYPE_CHECKING:
    from spacy.tokens import Span

NEGATIVE_MARKS = ("❌", "✗", "✘", "🚫", "⛔", "×")
QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'", "«": "»"}
# Apostrophes vary in real copy ("won’t"); the lemma table knows only the straight one.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})

# Lexicons of the context pack, by the attribute that holds them.
_LEXICONS = {
    "breaks": "clause-break",
    "negation": "negation",
    "negation_near": "negation-near",
    "affirming": "affirming-idioms",
    "debunk": "debunk",
    "contrast": "contrast-opener",
    "report": "report",
    "first_person": "first-person",
    "maker": "maker",
    "customer": "customer",
    "endorsement": "endorsement",
    "authority": "authority",
    "caution": "caution",
    "hypothesis": "hypothesis",
    "desire": "desire",
    "means_marker": "means-marker",
    "anaphor": "anaphor",
    "invitation": "invitation",
    "whole_body": "whole-body-means",
    "exercise": "exercise-means",
    "product": "product-means",
    "agent": "reduce-noun",
    "fat_verb": "fat-verb",
    "hype": "hype-verb",
    "effort": "effort",
    "area": "fat-area",
    "label": "slimming-label",
    "programme": "programme",
}


class WordSet:
    """Lemmatised lexicon entries: single words as a set, phrases as one regex over lemma text."""

    def __init__(self, entries: Iterable[str]) -> None:
        words = {entry for entry in entries if entry}
        # Regular plurals too: the lemma table lacks many nouns of fitness copy ("burpees").
        self.single = frozenset(
            form
            for w in words
            if " " not in w
            for form in (w, w + "s", w + "es")
            if form == w or w[-1:].isalpha()
        )
        phrases = sorted((w for w in words if " " in w), key=len, reverse=True)
        # Words of a phrase may stand apart or be hyphenated ("water weight", "water-weight").
        forms = ["(?: - | )".join(re.escape(word) for word in p.split(" ")) for p in phrases]
        self._phrases = (
            re.compile(r"(?<![^ ])(?:" + "|".join(forms) + r")(?![^ ])") if phrases else None
        )

    def __contains__(self, lemma: object) -> bool:
        return lemma in self.single

    def find(self, lemmas: list[str]) -> int:
        """Index of the first token that starts an entry in ``lemmas``, or -1."""
        for index, lemma in enumerate(lemmas):
            if lemma in self.single:
                return index
        if self._phrases is not None:
            text = " ".join(lemmas)
            match = self._phrases.search(text)
            if match:
                return text.count(" ", 0, match.start())
        return -1

    def positions(self, lemmas: list[str]) -> list[int]:
        """Indexes of every token that starts an entry in ``lemmas``, in order."""
        found = [index for index, lemma in enumerate(lemmas) if lemma in self.single]
        if self._phrases is not None:
            text = " ".join(lemmas)
            found += [text.count(" ", 0, m.start()) for m in self._phrases.finditer(text)]
        return sorted(set(found))

    def covered(self, lemmas: list[str]) -> set[int]:
        """Indexes of every token inside a multi-word entry found in ``lemmas``."""
        if self._phrases is None:
            return set()
        text = " ".join(lemmas)
        covered: set[int] = set()
        for match in self._phrases.finditer(text):
            first = text.count(" ", 0, match.start())
            covered.update(range(first, first + match.group().count(" ") + 1))
        return covered

    def find_phrase(self, lemmas: list[str]) -> bool:
        """Does a multi-word entry occur in ``lemmas``?"""
        return self._phrases is not None and self._phrases.search(" ".join(lemmas)) is not None

    def starts(self, lemmas: list[str]) -> bool:
        """Does ``lemmas`` open with an entry?"""
        if lemmas and lemmas[0] in self.single:
            return True
        if self._phrases is not None:
            match = self._phrases.match(" ".join(lemmas))
            return match is not None
        return False


@dataclass(frozen=True)
class ContextWords:
    breaks: WordSet
    negation: WordSet
    negation_near: WordSet
    affirming: WordSet
    debunk: WordSet
    contrast: WordSet
    report: WordSet
    first_person: WordSet
    maker: WordSet
    customer: WordSet
    endorsement: WordSet
    authority: WordSet
    caution: WordSet
    hypothesis: WordSet
    desire: WordSet
    means_marker: WordSet
    anaphor: WordSet
    invitation: WordSet
    whole_body: WordSet
    exercise: WordSet
    product: WordSet
    agent: WordSet
    fat_verb: WordSet
    hype: WordSet
    effort: WordSet
    area: WordSet
    label: WordSet
    programme: WordSet
    # Surface forms of targeted means, for text that is not tokenised (titles, earlier sentences).
    targeting_surface: re.Pattern[str] | None
    whole_body_surface: re.Pattern[str] | None
    # Surface forms of fat on a body part, for the sentence a pronoun points back to.
    deposit_surface: re.Pattern[str] | None
    area_surface: re.Pattern[str] | None
    fat_noun_surface: re.Pattern[str] | None
    disliked_surface: re.Pattern[str] | None
    # What introduces promised results (a list's lead-in, a table column's header).
    forecast_surface: re.Pattern[str] | None
    overrides: Mapping[str, str]  # the packs' lemma overrides ("trimmer" is a product)

    @classmethod
    def build(
        cls,
        lexicons: Mapping[str, tuple[str, ...]],
        lemmatize: Callable[[str], str],
        overrides: Mapping[str, str] | None = None,
    ) -> ContextWords:
        def forms(entry: str) -> tuple[str, str]:
            # The entry as written and as lemmatised: "n't" is both "n't" and "not".
            return entry.lower().translate(_APOSTROPHES), lemmatize(entry).lower().translate(
                _APOSTROPHES
            )

        sets = {
            attribute: WordSet(form for entry in lexicons.get(name, ()) for form in forms(entry))
            for attribute, name in _LEXICONS.items()
        }
        means = [*lexicons.get("exercise-means", ()), *lexicons.get("product-means", ())]
        return cls(
            **sets,
            targeting_surface=_surface_regex(means),
            whole_body_surface=_surface_regex(lexicons.get("whole-body-means", ())),
            deposit_surface=_surface_regex(lexicons.get("fat-deposit", ())),
            area_surface=_surface_regex(lexicons.get("fat-area", ())),
            fat_noun_surface=_surface_regex(lexicons.get("fat-noun", ())),
            disliked_surface=_surface_regex(lexicons.get("disliked", ())),
            forecast_surface=_surface_regex(lexicons.get("forecast", ())),
            overrides=dict(overrides or {}),
        )

    @property
    def targeted(self) -> tuple[WordSet, WordSet]:
        return (self.exercise, self.product)


def _surface_regex(entries: Iterable[str]) -> re.Pattern[str] | None:
    """Raw-text forms of noun phrases: "leg raise" also finds "Leg raises", "leg-raises"."""
    alternatives = sorted(
        {
            r"[\s-]+".join(re.escape(word) for word in entry.lower().split())
            for entry in entries
            if entry
        },
        key=len,
        reverse=True,
    )
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")(?:e?s)?\b", re.IGNORECASE)


def context_words(ruleset: Any, lemmatize: Callable[[str], str]) -> ContextWords:
    """The rule set's context words, lemmatised once per run."""
    words = ruleset.derived.get("context-words")
    if words is None:
        words = ContextWords.build(ruleset.lexicons, lemmatize, ruleset.lemma_overrides)
        ruleset.derived["context-words"] = words
    return words


EMPTY_WORDS = ContextWords(
    **{a: WordSet(()) for a in _LEXICONS},
    targeting_surface=None,
    whole_body_surface=None,
    deposit_surface=None,
    area_surface=None,
    fat_noun_surface=None,
    disliked_surface=None,
    forecast_surface=None,
    overrides={},
)


class MatchContext(NamedTuple):
    sentence: Span
    first: int  # doc index of the first matched token
    last: int  # doc index of the last matched token
    heading: str  # lower-cased text of the section heading ("" if none)
    block_kind: str
    next_sentence: str = ""  # lower-cased text of the following sentence in the block
    document_debunks: bool = False  # the document's title debunks spot reduction
    title: str = ""  # lower-cased document title
    before: str = ""  # the block's text before this sentence
    words: ContextWords = EMPTY_WORDS
    key: str = ""  # front matter key of the block (title, description, …)
    lead: str = ""  # lower-cased text of the block before this one in its section
    in_blockquote: bool = False  # the block is quoted (a Markdown ">" or an HTML <blockquote>)
    sources: bool = False  # the sentence carries a footnote reference or a link
    intro: str = ""  # what introduces the block: a list's lead-in; a table cell's row and header
    answer: str = ""  # lower-cased text after the sentence: the next one, or the next block's start


def lemma_of(token: Any, overrides: Mapping[str, str] | None = None) -> str:
    """A token's lemma as the rules read it: the pack's lemma overrides first, apostrophes
    normalised."""
    if overrides:
        override = overrides.get(token.lower_)
        if override is not None:
            return override
    lemma = (token.lemma_ or token.lower_).lower().translate(_APOSTROPHES)
    return "not" if lemma == "n't" else lemma


class _DocLemmas(threading.local):
    """The lemmas of the doc the rules are reading, each worked out once: every match in a
    sentence looks at its clause and its neighbours again, and a long run-on sentence with many
    matches would otherwise pay for each token once per match. One per thread: the language
    server lints in a thread of its own."""

    def __init__(self) -> None:
        self.doc: Any = None
        self.overrides: Mapping[str, str] | None = None
        self.lemmas: list[str | None] = []

    def at(self, doc: Any, overrides: Mapping[str, str] | None, index: int) -> str:
        if doc is not self.doc or overrides is not self.overrides:
            self.doc, self.overrides = doc, overrides
            self.lemmas = [None] * len(doc)
        lemma = self.lemmas[index]
        if lemma is None:
            lemma = self.lemmas[index] = lemma_of(doc[index], overrides)
        return lemma


_DOC_LEMMAS = _DocLemmas()


def _lemma(ctx: MatchContext, token: Any) -> str:
    return _DOC_LEMMAS.at(token.doc, ctx.words.overrides, token.i)


def _lemma_at(ctx: MatchContext, index: int) -> str:
    """The lemma of the sentence's doc's token at ``index``."""
    return _DOC_LEMMAS.at(ctx.sentence.doc, ctx.words.overrides, index)


class _Clause(NamedTuple):
    start: int  # doc index of the clause's first token
    end: int  # doc index after its last token


_SUBORDINATORS = frozenset(
    {
        "while",
        "although",
        "though",
        "whereas",
        "because",
        "unless",
        "if",
        "since",
        "when",
        "whether",
    }
)


CLAUSE_REACH = 60  # tokens


def clause_of(ctx: MatchContext, tight: bool = False) -> _Clause:
    """Tokens of the match's clause, between the nearest clause breaks on either side; the comma
    that closes a subordinate clause ("While diet matters for belly fat, exercise …") is one too.
    With ``tight``, every comma and coordinator ends it: the scope of a negation."""
    breaks = ctx.words.breaks
    boundaries = []  # token indices that end one clause and start the next
    subordinate = False
    # A clause reaches at most CLAUSE_REACH tokens past the match: a run-on sentence with no
    # break stays linear to read, as every match looks at a bounded stretch of it.
    low = max(ctx.sentence.start, ctx.first - CLAUSE_REACH)
    high = min(ctx.sentence.end, ctx.last + 1 + CLAUSE_REACH)
    for index in range(low, high):
        lemma = _lemma_at(ctx, index)
        if lemma in _SUBORDINATORS:
            subordinate = True
        if lemma in breaks or (lemma == "," and subordinate):
            boundaries.append(index)
            subordinate = lemma in _SUBORDINATORS
        elif tight and (
            lemma in ("and", "or", "so", "then")
            or (lemma == "," and _opens_clause(ctx, index + 1))
            or (lemma == "(" and _encloses_match(ctx, index))
        ):
            boundaries.append(index)
    start, end = low, high
    for index in boundaries:
        if index < ctx.first:
            start = index + 1
        elif index > ctx.last:
            end = index
            break
    return _Clause(start, end)


def _encloses_match(ctx: MatchContext, index: int) -> bool:
    """Does the bracket opening at ``index`` stay open up to the match ("no jumping (melt that
    pouch FAST!)"), so that what stands before it does not govern the match? "No pill will
    (ever) melt …" closes its bracket first."""
    if index >= ctx.first:
        return False
    return all(_lemma_at(ctx, i) != ")" for i in range(index + 1, ctx.first))


_CLAUSE_OPENERS = frozenset(
    {
        "and",
        "or",
        "but",
        "so",
        "then",
        "which",
        "who",
        "while",
        "i",
        "you",
        "we",
        "they",
        "he",
        "she",
        "it",
        "this",
        "that",
        "there",
        "these",
        "those",
        "yet",
        "nor",
        "because",
        "if",
        "when",
    }
)


def _opens_clause(ctx: MatchContext, index: int) -> bool:
    """Does a new clause start here (after a comma)? "…, and you will …" does; the comma between
    two adjectives ("a meaningful, localized reduction") does not."""
    return index < ctx.sentence.end and _lemma_at(ctx, index) in _CLAUSE_OPENERS


def _lemmas(ctx: MatchContext, start: int, end: int) -> list[str]:
    doc, overrides, at = ctx.sentence.doc, ctx.words.overrides, _DOC_LEMMAS.at
    return [at(doc, overrides, i) for i in range(start, end)]


# A section heading that sets out a claim to be tested, as fact-checks do ("The claim", then
# "The evidence"); not "The promise", which sellers use for their own.
_CLAIM_HEADINGS = frozenset({"the claim", "claim", "the claims", "the theory", "the idea"})
_DEBUNK_CUES = (
    "myth",
    "debunk",
    "misconception",
    "truth about",
    "the lie",
    "busted",
    "busting",
    "fallacy",
    # An evidence review of the idea: "Losing fat around your middle: what the evidence supports".
    "what the evidence",
    "what the science",
    "what the research",
    "what science says",
    "what research says",
    "fact or fiction",
)
_NEGATED_TITLE = lazy_compile(
    r"\b(?:won[’']?t|can[’']?t|cannot|doesn[’']?t|don[’']?t|isn[’']?t|aren[’']?t|not|never|no)\b"
    r"(?:\W+\w+){0,4}?\W+(?:spot|target|burn|melt|lose|reduc|flatten|shrink|trim|work|fix|remove|get rid)"
)
_SPOT_TOPIC = lazy_compile(r"\bspot[\s-]*(?:reduc|train|fat|target)|\btarget(?:ed|ing)?\s+fat\b")
_LOCAL_FAT_TOPIC = lazy_compile(
    r"\b(?:belly|tummy|stomach|ab|abs|arm|thigh|hip|chin|face|chest|back|waist)[\s-]+fat\b|\bcrunch|\bsit[\s-]?ups?\b"
    r"|\bfat\s+(?:around|on|from|off)\s+(?:your|the|my)\s+(?:belly|tummy|stomach|middle|midsection|waist|arms?|thighs?|hips?|chin|face)\b"
)


def debunked_topic(title: str) -> frozenset[str]:
    """What a title that debunks spot reduction is about ("The Myth of Spot Reduction", "Why
    Crunches Won't Burn Belly Fat" → {"crunch", "belly"}); empty when it debunks nothing. A title
    that merely holds a negation ("Why You Can't Out-Train a Bad Diet") debunks nothing."""
    title = title.lower()
    if not (_SPOT_TOPIC.search(title) or _LOCAL_FAT_TOPIC.search(title)):
        return frozenset()
    if not (any(cue in title for cue in _DEBUNK_CUES) or _NEGATED_TITLE.search(title)):
        return frozenset()
    return frozenset(_TOPIC_WORD.findall(title))


_TOPIC_WORD = lazy_compile(
    r"\b(?:spot|belly|tummy|stomach|abs?|arms?|thighs?|hips?|chin|face|chest|back|waist|middle|midsection|crunch|sit[\s-]?up)"
)


def document_debunks(title: str) -> bool:
    return bool(debunked_topic(title))


def _negated_list_subject(ctx: MatchContext) -> bool:
    """Does a negation open a list that is the claim's subject ("no food, drink or exercise burns
    fat from one part", "No cream, wrap or pill can melt …")? The list's commas end the tight
    clause before the negation is reached."""
    start = max(ctx.sentence.start, ctx.first - 14)
    lemmas = _lemmas(ctx, start, ctx.first)
    for position, lemma in enumerate(lemmas):
        # "no …", "neither …", "not a single …", "not one …"
        opens = lemma in ("no", "neither") or (
            lemma == "not" and lemmas[position + 1 : position + 2] in (["a"], ["one"])
        )
        if not opens:
            continue
        between = lemmas[position + 1 :]
        if (
            2 <= len(between) <= 13
            and ("," in between or len(between) <= 5)
            and any(word in ("or", "nor") for word in between)
            and all(
                word in (",", "or", "nor", "-")
                or (word.replace("-", "").isalpha() and word not in ctx.words.breaks)
                for word in between
            )
        ):
            return True
    return False


# Verbs of expecting a result: "… and expect to burn belly fat", "… and hope your thighs slim".
_EXPECTING = frozenset({"expect", "hope", "choose", "assume", "think", "count", "wait", "pray"})
_CONTRAST = frozenset({"but", "yet", "though", "although", "however", ",", ";", ":", "."})


def _denied_expectation(ctx: MatchContext) -> bool:
    """A negated doing, then "and expect" the claim: "You can't do crunches all day and expect to
    burn belly fat", "Don't just do sit-ups and hope your belly fat melts". The negation before
    "and" governs the expectation too; the claim is what the reader must not expect."""
    start = max(ctx.sentence.start, ctx.first - 24)
    lemmas = _lemmas(ctx, start, ctx.first)
    for position in range(len(lemmas) - 1, 0, -1):
        if lemmas[position] in _EXPECTING and lemmas[position - 1] == "and":
            if len(lemmas) - position > 7:
                return False  # the expectation is too far from the claim to be its verb
            before = lemmas[max(0, position - 15) : position - 1]
            if any(word in _CONTRAST for word in before):
                before = before[max(i for i, w in enumerate(before) if w in _CONTRAST) + 1 :]
            return any(word in ctx.words.negation for word in before)
    return False


def negated(ctx: MatchContext) -> bool:
    """A negation in the match's own phrase, before it ("won't burn belly fat", "no pill can
    melt …"); advice against it right before it ("avoid promising to …"); a list of what
    something does not do (❌ items, or list items under "What Pilates Won't Do")."""
    doc = ctx.sentence.doc
    if doc_text(doc).lstrip().startswith(NEGATIVE_MARKS):
        return True
    if ctx.block_kind == "list_item" and _negative_heading(ctx.heading):
        return True
    if _negative_lead_in(ctx):
        return True  # "What they will not do: melt a double chin in two weeks."
    words = ctx.words
    if _unsold_denials(ctx):
        return True
    if _negated_list_subject(ctx):
        return True
    if _denied_expectation(ctx):
        return True
    clause = clause_of(ctx, tight=True)
    # Eight words back, not counting the hyphens a word like "sit-ups" splits into.
    hyphens = sum(doc[i].text in "-‐–" for i in range(max(clause.start, ctx.first - 8), ctx.first))
    start = max(clause.start, ctx.first - 8 - hyphens)
    lemmas = _lemmas(ctx, start, ctx.first)
    if (
        _lemma_at(ctx, ctx.first) in _LISTED_DENIALS
        and "," in lemmas
        and lemmas[0] in _LISTED_DENIALS
        and _about_loss(ctx)
    ):
        # "No diet charts, no starving, no gym": the claim is a list of denials, and the items
        # before it are more of the same, not a negation of it.
        start += len(lemmas) - lemmas[::-1].index(",")
        lemmas = _lemmas(ctx, start, ctx.first)
    idioms = words.affirming.covered(_lemmas(ctx, start, min(clause.end, ctx.first + 2)))
    for position, lemma in enumerate(lemmas):
        if _compound_modifier(doc, start + position):
            continue  # "the no-cardio plan that torches belly fat": "no" describes the plan
        if position in idioms:
            continue  # "no cap, my stomach was flatter": an idiom that affirms
        # "It is not uncommon to lose …" asserts the claim (a litotes), it does not deny it.
        if (
            (lemma in words.negation or lemma == "cannot")
            and lemmas[position + 1 : position + 2] != []
            and lemmas[position + 1] in _LITOTES
        ):
            continue
        if (
            lemma in ("no", "zero", "without")
            and "," in lemmas[position + 2 :]
            and _lemma_at(ctx, ctx.first) not in _LISTED_DENIALS
        ):
            continue  # "no tingling, the pooch-flattening effect …": "no" ends at the comma
        if lemma == "never" and _NEVER_SEEN.search(ctx.sentence.text):
            continue  # "never seen anything melt fat this quickly": a superlative, not a denial
        if lemma in words.negation or lemma == "cannot":
            return True
    near = _lemmas(ctx, max(clause.start, ctx.first - 3), ctx.first)
    if any(lemma in words.negation_near for lemma in near):
        return True

    # The match as the subject of a negated verb: "A flat stomach does not equal a strong one".
    if all(
        lemma in _DETERMINERS
        for lemma in lemmas[-(ctx.first - clause.start) :]
        if ctx.first > clause.start
    ):
        after = _lemmas(ctx, ctx.last + 1, min(clause.end, ctx.last + 5))
        after_idioms = words.affirming.covered(after)
        for position, lemma in enumerate(after):
            if position in after_idioms:
                continue  # "burns the fat off your thighs like nothing else": a superlative
            # "Say goodbye to love handles without surgery" or "with no surgery": the negation
            # qualifies the means.
            if lemma == "no" and after[position - 1 : position] == ["with"]:
                continue
            # "Instantly slimmer thighs, no workout needed": after a comma, "no … needed" denies
            # the effort, which adds to the claim; it does not negate a verb.
            if (
                lemma in ("no", "zero")
                and position + 1 < len(after)
                and after[position + 1] in words.effort
            ) or (
                lemma in ("no", "zero")
                and after[position - 1 : position] == [","]
                and _EFFORT_DENIED.intersection(after[position + 1 : position + 4])
            ):
                # "15 minutes a day, no gym", "LOSE 10KG IN 10 DAYS no gym!!": the effort denied
                # adds to the claim
                break
            # "No diet, no exercise, no side effects": the claim is itself a list of denials,
            # and a denial after a comma is one more item of it.
            if (
                lemma in ("no", "zero")
                and after[position - 1 : position] == [","]
                and _lemma_at(ctx, ctx.first) in ("no", "zero")
                and not _DENIED_RESULT.search(ctx.sentence.text)
                and _about_loss(ctx)
            ):
                break
            if lemma in words.negation and lemma != "without":
                following = after[position + 1 : position + 2]
                if following and following[0] in ("just", "only", "merely", "simply"):
                    continue  # "Lose inches from your waist, not just pounds": a contrast
                # "… are not unusual" asserts the claim (a litotes), it does not deny it.
                return not (following and following[0] in _LITOTES)
    return False


def _unsold_denials(ctx: MatchContext) -> bool:
    """A run of denials written as fragments ("No gym. No sweat.") promises effortless loss only
    when loss is what the lines are about; "No gym. No sweat. Just a gentle chair yoga class."
    and "No diet. No gym. No weight loss." promise none."""
    doc = ctx.sentence.doc
    if _lemma_at(ctx, ctx.first) not in ("no", "zero") or not any(
        doc[i].text == "." for i in range(ctx.first, ctx.last)
    ):
        return False
    if _DENIED_RESULT.search(ctx.sentence.text) or not _about_loss(ctx):
        return True
    # "No crunches. No sit-ups. They don't flatten your belly.": the loss is denied too ("…
    # goes after chest fat, not just muscle" contrasts, it denies nothing)
    return _NEGATION_WORD.search(_CONTRASTS.sub("", ctx.next_sentence)) is not None


_CONTRASTS = lazy_compile(r"\bnot\s+(?:just|only|merely|simply)\b", re.IGNORECASE)
_NEGATION_WORD = lazy_compile(r"\b(?:don[’']?t|doesn[’']?t|won[’']?t|can[’']?t|cannot|not|never)\b")
# A denial of the result itself: "No weight loss.", "No results."
_DENIED_RESULT = lazy_compile(
    r"\b(?:no|zero)\s+(?:weight\s+loss|results?|change|difference|progress)\b", re.IGNORECASE
)
_LISTED_DENIALS = frozenset({"no", "zero", "without", "never", "nothing"})
# A list of denials is an effortless-loss promise when loss is the subject ("No gym, no diet.
# Just watch the kilos drop"), not when it sells a workout ("No weights, no gym, no problem").
_LOSS_TALK = lazy_compile(
    r"\b(?:los[et]|losing|loss|fat|weight|kilos?|kg|lbs?|pounds?|slim\w*|drop\w*|melt\w*|"
    r"shed\w*|inch(?:es)?|belly|tummy|waist)\b",
    re.IGNORECASE,
)


def _about_loss(ctx: MatchContext) -> bool:
    """Is loss what a list of denials is about? Its sentence or the next says so, or what frames
    it does: the section heading, the list's lead-in or the page title ("ThermoCore X Belly
    Burner" over "No jitters, no crash, zero workout required")."""
    return any(
        _LOSS_TALK.search(text)
        for text in (
            ctx.sentence.text,
            ctx.next_sentence,
            ctx.answer,
            ctx.heading,
            ctx.intro,
            ctx.title,
        )
        if text
    )


def _compound_modifier(doc: Any, index: int) -> bool:
    """Is the token the first part of a hyphenated modifier ("no-cardio", "zero-effort")?"""
    token = doc[index]
    return (
        not token.whitespace_
        and index + 2 < len(doc)
        and doc[index + 1].text == "-"
        and not doc[index + 1].whitespace_
    )


# "We've never seen anything work this fast", "I have never tried anything like it": praise.
_NEVER_SEEN = lazy_compile(
    r"\bnever\s+(?:\w+\s+)?(?:seen|tried|found|had|used|experienced|known)\s+(?:anything|something|a\s+\w+)"
    r"\b[^.!?]*?\b(?:this|so|like\s+(?:it|this|that))\b",
    re.IGNORECASE,
)
_EFFORT_DENIED = frozenset({"need", "needed", "require", "required", "necessary"})
_LITOTES = frozenset(
    {"unusual", "uncommon", "unheard", "rare", "unlikely", "impossible", "unrealistic"}
)
_DETERMINERS = frozenset(
    {"a", "an", "the", "your", "my", "our", "their", "his", "her", "that", "this", "those", "these"}
)


_HEADING_NEGATION = lazy_compile(
    r"\b(?:won[’']?t|can[’']?t|doesn[’']?t|don[’']?t|isn[’']?t|aren[’']?t|not|never|fail)\b"
)
_ADVICE_OPENING = lazy_compile(r"^\W*(?:never|don[’']?t|do not|stop|avoid|no)\b")


def _negative_lead_in(ctx: MatchContext) -> bool:
    """Does a lead-in that says what something does not do introduce the claim after a colon in
    its own sentence ("What it won't do: melt a double chin in two weeks")? Advice ("Never
    promise this: …") is not such a lead-in."""
    doc = ctx.sentence.doc
    before = doc_text(doc)[ctx.sentence.start_char : doc[ctx.first].idx]
    colon = before.rfind(":")
    if colon < 0 or len(before[colon + 1 :].split()) > 3:
        return False
    return _NOT_DO_LEAD.search(before[:colon]) is not None


# A lead-in naming what something does not do: "What it won't do", "what they will not promise".
# ("Diets don't work: this tea melts belly fat" denies something else and sells the claim.)
_NOT_DO_LEAD = lazy_compile(
    r"(?i)\b(?:won[’']?t|will\s+not|can[’']?t|cannot|doesn[’']?t|does\s+not|don[’']?t|do\s+not|"
    r"never)\s+(?:do|promise|claim|offer)\W*$"
)


def _negative_heading(heading: str) -> bool:
    """ "What Pilates Won't Do" introduces things it does not do; "Never skip leg day" and
    "Don't skip warm-ups" are advice, not a list of denials."""
    return bool(
        heading and _HEADING_NEGATION.search(heading) and not _ADVICE_OPENING.search(heading)
    )


def denied(ctx: MatchContext) -> bool:
    """A negated verb inside the match: "Belly fat won't disappear", "fat will never melt".
    (Not for rules whose claim holds a negation itself: "exercise is not necessary".)"""
    inside = _lemmas(ctx, ctx.first + 1, ctx.last + 1)
    # "the spots diet and exercise can't reach": a negation that describes the area, not the
    # claim; "my thighs have never looked so slim": an emphatic yes.
    for i, lemma in enumerate(inside[:-1]):
        if lemma not in ("not", "never", "cannot"):
            continue
        following = inside[i + 1 : i + 3]
        if following[:1] in (["reach"], ["touch"], ["shift"], ["budge"], ["fix"], ["stand"]):
            continue  # ... "doesn't stand a chance": an idiom that promises the fat will lose
        if following[:1] in (["month"], ["year"], ["week"]):
            continue  # "results in days, not months": a contrast that makes the promise
        if following == ["take", "long"]:
            continue  # "it didn't take long": speed claimed, not denied
        if (
            lemma == "never"
            and following[:1] in (["look"], ["feel"], ["be"])
            and following[1:2] in (["so"], ["this"], ["good"], ["well"])
        ):
            continue
        return True
    # "lost no more abdominal fat than the control group": a comparison that denies the effect.
    clause = clause_of(ctx)
    lemmas = _lemmas(ctx, max(clause.start, ctx.first - 2), clause.end)
    return any(
        lemmas[i] in ("no", "not")
        and lemmas[i + 1] in ("more", "much", "less", "little", "great", "greater", "extra")
        and "than" in lemmas[i + 2 :]
        for i in range(len(lemmas) - 2)
    )


def question(ctx: MatchContext) -> bool:
    """A real question: it ends in "?" and asks whether the claim holds ("Can sit-ups burn belly
    fat?", "How many crunches does it take to lose belly fat?"). A how-to title that ends in a
    question mark, a question that takes the claim for granted ("Why …", "How does the device
    achieve spot reduction?"), a sales invitation ("Ready to zap that muffin top?") and a
    statement with a question mark ("It can reduce large thighs…?") are not."""
    if _asked_indirectly(ctx):
        return True  # "students ask which exercise burns belly fat": a question reported
    text = ctx.sentence.text.rstrip(" \"'”’)*_")
    if not text.endswith("?"):
        return False
    if _AFFIRMED.match(ctx.answer) and _asks_of_product(ctx):
        # "Will it burn belly fat without diet? Yes!": the page answers for what it sells. A
        # reader's question ("Can I lose belly fat in a week?") stays a question; its answer
        # makes its own claim.
        return False
    if _REFUSED.match(ctx.answer):
        return True  # "Lose weight fast? We can't promise that.": asked only to be turned down
    if ctx.block_kind == "heading" and _QUOTED_QUESTION.match(ctx.sentence.text):
        return True  # '### "I'm losing weight fast, why bother with exercise?"': a reader's words
    # The question is the clause that holds the match: "Sit-ups build the core, but how many
    # does it take to lose belly fat?" asks in its second clause.
    clause = clause_of(ctx)
    start = clause.start
    doc = ctx.sentence.doc
    lead = [i for i in range(ctx.sentence.start, clause.start) if not _is_mark(doc[i])]
    if len(lead) == 1 and doc[lead[0]].lower_ in ("which", "who", "when", "whose"):
        start = lead[0]  # "Which class burns belly fat?": the interrogative opens the question
    tokens = doc[start : ctx.sentence.end]
    opening = [_lemma(ctx, t) for t in tokens if not _is_mark(t)][:4]
    words = ctx.words
    if not opening or words.invitation.starts(opening) or opening[0] in words.invitation:
        return False
    if opening[0] in ("q", "faq", "question", "quiz") and len(opening) > 1:
        opening = opening[1:]  # "Q: Can crunches …?", "FAQ - What is …?"
    asker = (
        _lemma(ctx, ctx.sentence.doc[clause.start - 1]) if clause.start > ctx.sentence.start else ""
    )
    if (opening[0] in _ASKS_ABOUT or asker in _ASKS_ABOUT) and _capitalised_name(ctx):
        return False  # "What is the Mummy Tummy Melt?" asks about a name the page sells
    if opening[0] == "how":
        # "How does the device achieve spot reduction?" presupposes; "how many/much/long" asks,
        # and so does someone asking for themselves in running text ("how do I lose my belly?").
        if (
            opening[1:2] in (["do"], ["can"], ["should"])
            and opening[2:3] in (["i"], ["we"])
            and ctx.block_kind != "heading"
            and not ctx.key
        ):
            return True
        return len(opening) > 1 and opening[1] not in _PRESUPPOSING
    return opening[0] in _QUESTION_OPENERS


_ASKS_ABOUT = frozenset({"what", "which", "who", "where", "when", "how"})


def _is_mark(token: Any) -> bool:
    """Punctuation, space or Markdown markup ("#", ">", "*", "_", "-"): not a word of the text."""
    return token.is_punct or token.is_space or token.text in "#>*_-"


# A heading that is a question wholly in quotation marks: a reader's question or objection.
_QUOTED_QUESTION = lazy_compile(r'^[\W_]*["“‘][^"“”]{3,200}\?["”’][\W_]*$')


def _asked_indirectly(ctx: MatchContext) -> bool:
    """Is the claim the object of someone asking ("asks which exercise burns belly fat", "people
    wonder whether crunches flatten the stomach")? An asking verb, then a question word a few
    words before the claim."""
    # The sentence's first word asking is an imperative: "Ask me how this tea melts belly fat!"
    # invites, it does not report.
    first_word = next((t.i for t in ctx.sentence if t.is_alpha), ctx.sentence.end)
    for index in range(max(ctx.sentence.start + 1, ctx.first - 5), ctx.first):
        if _lemma_at(ctx, index) not in ("which", "whether", "if", "how", "what"):
            continue
        if any(
            _lemma_at(ctx, i) in _ASKING_VERBS for i in range(max(first_word + 1, index - 2), index)
        ):
            return True
    return False


_ASKING_VERBS = frozenset({"ask", "wonder", "google", "query", "asking", "wondering"})


def _asks_of_product(ctx: MatchContext) -> bool:
    """Does the question ask what a thing does ("Will it burn belly fat …?", "Does this tea
    melt …?"), not what the reader can do ("Can I lose belly fat in a week?")?"""
    opening = [_lemma(ctx, t) for t in ctx.sentence if not _is_mark(t)][:3]
    if opening[:1] in (["q"], ["faq"], ["question"]):
        opening = opening[1:]
    return len(opening) > 1 and opening[1] in ("it", "this", "these", "they", "the")


def _capitalised_name(ctx: MatchContext) -> bool:
    """Is the match a name written in capitals ("Mummy Tummy Melt") in a sentence that is not
    itself title-cased, so the capitals mark the name and not the line's style?"""
    matched = [t for t in ctx.sentence.doc[ctx.first : ctx.last + 1] if t.is_alpha]
    if len(matched) < 2 or not all(t.is_title for t in matched):
        return False
    words = [t for t in ctx.sentence if t.is_alpha]
    rest = [t for t in words[1:] if len(t.text) > 3 and not ctx.first <= t.i <= ctx.last]
    return not rest or sum(t.is_title for t in rest) / len(rest) < 0.5


# An answer that says yes outright ("Yes!", "Absolutely.", "It sure can.", "If you follow the plan,
# yes."), not a hedge ("Yes and no", "Yes, but only …", "Not really").
_AFFIRMED = lazy_compile(
    r"^[\W_]*(?:(?:q|a|answer)\s*[:.)-]\s*)?"
    r"(?:(?:yes|yep|yup|yeah|absolutely|definitely|certainly|of course|you bet|100\s*%)(?![\s,;:–—-]*(?:and no|not|but|though|however|sort of|kind of|in a way))"
    r"|(?:it|they|he|she|you)\s+(?:sure|really|absolutely|definitely|totally)\s+(?:can|does|do|will|did|is|are)\b"
    r"|(?:it|they|you|we)\s+(?:can|does|do|will)\s*[.!]"
    r"|(?:you|they|we|it)\s+(?:can|will|could)\s+(?:definitely|absolutely|certainly|easily|really)\b(?!\s+not)"
    r"|(?:some|many|most|lots of|plenty of|loads of|thousands of|hundreds of)\b[^.?!]{0,30}?\b(?:do|can|did|have)\s*(?:[.!,]|$)"
    r"|[^.?!]{3,80},\s*yes\b(?![\s,;:–—-]*but)"
    # "That's the whole idea.", "That's exactly what it does.": yes, said another way.
    r"|that[’']?s\s+(?:the\s+whole\s+(?:idea|point)|exactly\s+(?:the\s+idea|the\s+point|what\s+(?:it|they)\s+(?:does|do|is|are)\s+for|what\s+(?:it|they)\s+(?:does|do)))\b)"
)
# An answer that turns the question down: "No.", "Sadly not.", "We can't promise that".
_REFUSED = lazy_compile(
    r"^[\W_]*(?:(?:q|a|answer)\s*[:.)-]\s*)?(?:no\b(?!\s+(?:doubt|question|wonder|problem)\b)|nope\b|not\s+really\b|"
    r"(?:sadly|unfortunately),?\s+(?:no|not)\b|"
    r"(?:we|you|it|they|nobody|no\s+one|nothing)\s+(?:can[’']?t|cannot|won[’']?t|don[’']?t|doesn[’']?t|will\s+not|can\s+not)\b|"
    # the question's claim called false: "That headline is false.", "That's not how it works."
    r"(?:that|this)(?:\s+(?:claim|headline|promise|idea|line|one|advert|ad))?(?:['’]s|\s+is)\s+"
    r"(?:false|untrue|not\s+true|a\s+myth|nonsense|rubbish|a\s+lie|not\s+how\b))"
)
_PRESUPPOSING = frozenset({"do", "does", "can", "will", "to", "be", "exactly", "this", "it"})
_QUESTION_OPENERS = frozenset(
    {
        "can",
        "could",
        "do",
        "does",
        "did",
        "be",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "should",
        "have",
        "has",
        "may",
        "might",
        "must",
        "what",
        "which",
        "where",
        "when",
        "whether",
        "true",
        "does",
        "so",
        "and",
        "or",
        "but",
    }
)


# One quotation closing and the next opening inside a match: the match joins the words of two.
_JOINED_QUOTATIONS = lazy_compile(r"[\"”]\s*(?:,|and|or|&|/)?\s*[\"“]")


def quoted(ctx: MatchContext) -> bool:
    """The match sits inside quotation marks that mention someone else's words: a reporting word
    introduces the quotation ("ads promise 'burn belly fat in 10 minutes'", "the label promises,
    '…'") or it is one of a list of examples. Quotation marks alone do not excuse: copy puts
    product names and slogans in quotes ("our 'belly burner' circuit") to sell them."""
    doc = ctx.sentence.doc
    if ctx.block_kind == "table_cell" and _CLAIMS_COLUMN.match(ctx.intro.rsplit(";", 1)[-1]):
        return True  # a cell under "Claim" or "Myth" (beside "Evidence") names a claim to test it
    start_char = doc[ctx.first].idx
    end_char = doc[ctx.last].idx + len(doc[ctx.last])
    text = doc_text(doc)
    open_index = -1
    closer = ""
    # Scan the whole block: the sentencizer may leave an opening quote on the sentence before.
    for index in range(max(0, ctx.sentence.start_char - 2000), start_char):
        char = text[index]
        if open_index < 0 and char in QUOTES and _is_opening(text, index):
            open_index, closer = index, QUOTES[char]
        elif open_index >= 0 and char == closer and _is_closing(text, index):
            open_index, closer = -1, ""
    if _SCARE_QUOTED.search(text[max(0, start_char - 1) : end_char]):
        return True  # 'a "fat-burning" ab belt': scare quotes round the claim word keep it at a distance
    if _JOINED_QUOTATIONS.search(text[start_char:end_char]):
        return True  # 'promise to "target belly fat" and "melt …"': words from two quotations
    if open_index < 0:
        return False
    closing = text.find(closer, end_char)
    if closing < 0:
        # The quotation closes inside the match ('"Tone Your Thighs in 30 Days" Programmes'):
        # the match runs over its closing mark into the word it names.
        closing = text.find(closer, start_char, end_char)
        if closing < 0 or not _is_closing(text, closing) or len(text[closing:end_char].split()) > 2:
            return False  # the claim goes on past the quotation: '"passive burn" mode melts fat'
    lead = (ctx.before + text[:open_index]).rstrip(" *_>\t")
    if (
        _EXAMPLES.search(text[end_char:])
        or _SUCH_AS.search(lead[-40:])
        or _EXAMPLE_BEFORE.search(lead[-12:])
    ):
        return True  # a list of quoted examples ('claims such as "…", "…"') mentions them
    after = text[closing + 1 : closing + 60]
    if _OWN_OFFER_BEFORE.search(lead[-40:]) and _OFFER_AFTER.match(after):
        return False  # 'backed by a 90-day "lighter or it's free" promise': the seller's own offer
    if (_REPORT_AFTER.match(after) or _MENTION_AFTER.match(after)) and not _OWN_BEFORE.search(
        lead[-8:]
    ):
        return True  # '"flat tummy Pilates" ads', '"Target your thighs for lean legs" joins …'
    if _INTERFACE_AFTER.match(after):
        return True  # 'pick the number from the "Lose Weight Fast" section': a label on the page
    if _PRODUCTS_AFTER.match(after) and _THOSE_BEFORE.search(lead[-20:]):
        return True  # 'Those "lose weight while you sleep" patches are just stickers'
    if lead and _MENTION_WORDS.search(lead[-60:]):
        return True  # 'Regulators treat "lose fat from one body part" as …'
    if not lead and _MENTION_AFTER.match(after):
        return True
    # A quotation the writer then endorses ("a 'belly-buster', and I agree") is still a claim.
    if any(_lemma(ctx, token) in ctx.words.endorsement for token in ctx.sentence):
        return False
    # The words that introduce it, in its own sentence: a report or a myth marks a mention. A
    # list item or cell that opens with a quotation takes its lead-in's words ("The box makes big
    # promises. We copied them word for word:"; "The phrases I saw most in diet adverts:" then
    # '"Flat tummy in 7 days." Any tummy that …'), whether or not the writer's comment follows.
    if not lead.strip() and ctx.intro and _QUOTATION_THEN_COMMENT.match(text[closing + 1 :]):
        if _NAMES_QUOTATIONS.search(ctx.intro):
            return True  # "The five phrases I saw most in diet adverts:" names what is quoted
        lead = ctx.intro
    return _mentioned_by(lead, ctx.words)


# A table column of claims set out to be checked: "Claim", "The myth", "What the ad says".
_CLAIMS_COLUMN = lazy_compile(
    r"\s*(?:the\s+|common\s+|popular\s+)?(?:claims?|myths?|promises?|what\s+(?:the\s+)?(?:ads?|adverts?|labels?|box|brands?)\s+(?:says?|claims?|promises?))\s*:?\s*$",
    re.IGNORECASE,
)
# A lead-in that names the quotations below as other people's claims.
_NAMES_QUOTATIONS = lazy_compile(
    r"\b(?:phrases?|slogans?|claims?|headlines?|taglines?|captions?|ads|adverts?|advertisements?|"
    r"myths?|buzzwords?|red\s+flags?|sales\s+pitch(?:es)?|marketing\s+lines?)\b",
    re.IGNORECASE,
)
# After a quotation that opens an item: nothing, or the writer's own sentence after it.
_QUOTATION_THEN_COMMENT = lazy_compile(r"[\s.!?*_]*(?:$|[A-Z(]|[:;—–-])")

# Whose words a seller quotes to sell ("what our customers say"); "my mum" is not one of them.
_SELLERS_PEOPLE = frozenset(
    {"customer", "client", "member", "user", "reader", "buyer", "subscriber", "follower"}
    | {"tester", "reviewer", "patient", "student", "athlete", "trainee"}
)


def _mentioned_by(lead: str, words: ContextWords) -> bool:
    """Do the last words before a quotation report or debunk it? "the label promises, '…'" and
    "what our customers say: '…'" quote the seller's own words to sell, and do not."""
    if _COPIED.search(lead[-80:]):
        return True  # "Some of the lines I saved, word for word:" sets out examples, not claims
    intro = _FRAME_WORDS.findall(lead[-80:].lower().translate(_APOSTROPHES))[-8:]
    for position in range(len(intro) - 1, -1, -1):
        word = intro[position]
        if word in words.debunk:
            return True
        if _reports(word, words):
            speaker = [w.rstrip("s") for w in intro[max(0, position - 3) : position]]
            # "what our customers say": the seller's own showcase; "my mum says" is a mention.
            showcase = any(
                owner in ("our", "my") and who in _SELLERS_PEOPLE
                for owner, who in zip(speaker, speaker[1:])
            )
            return not (_definite_maker(speaker, words) or showcase)
    return False


# Words that say the quotations below were collected as they stand.
_COPIED = lazy_compile(
    r"\b(?:word\s+for\s+word|verbatim|as\s+written|screenshotted|screenshots?\s+of|i\s+(?:saved|collected|copied))\b",
    re.IGNORECASE,
)


# After the closing quote, another quotation in a list: "…", "…" or "…" or "…".
_EXAMPLES = lazy_compile(r"^[^\"“”‘’']{0,3}[\"”’']\s*(?:,|;|or|and)\s*[\"“‘']")
_EXAMPLE_BEFORE = lazy_compile(r"[\"”’']\s*(?:,|;|or|and)\s*$")
# What follows a closing quote that names the quotation as someone's marketing, or makes it the
# subject of a sentence about it ('"…" joins a fair claim to …', '"…" sounds specific').
_REPORT_AFTER = lazy_compile(
    r"^\s*(?:\w+\s+){0,2}?(?:ads?|adverts?|advertisements?|claims?|promises?|slogans?|headlines?|"
    r"marketing|hype|pitch(?:es)?|taglines?|influencers?|posts?|programmes|programs|challenges|classes|"
    # a kind of content named by a quoted example: '"burn lower belly fat in 7 days" reels'
    r"reels|videos|vids|tiktoks|shorts|memes|pins|trends|hacks|tutorials|workouts|routines)\b",
    re.IGNORECASE,
)
# A quotation naming a kind of product, after a word that points at other people's ("those",
# "these", "such", "all the"): 'Those "lose weight while you sleep" patches are stickers'.
_PRODUCTS_AFTER = lazy_compile(
    r"^\s*(?:patch(?:es)?|pills?|teas?|wraps?|belts?|creams?|gels?|gadgets?|devices?|products?|gummies|"
    r"capsules?|drinks?|shakes?|supplements?|apps?|plans?|diets?|programmes?|programs?|machines?)\b",
    re.IGNORECASE,
)
# A part of a page or an app named by its label: 'the "Lose Weight Fast" section', 'the "Fat
# Burn" zone tab'. A button is left out: its label is a call to act, and sells.
_INTERFACE_AFTER = lazy_compile(
    r"^\s*(?:\w+\s+)?(?:section|tab|option|column|field|setting|mode|filter|menu|category|heading)s?\b",
    re.IGNORECASE,
)
_THOSE_BEFORE = lazy_compile(r"\b(?:those|these|such|all\s+the|any|so-called)\s*$", re.IGNORECASE)
# A quotation that names the seller's own offer: 'our "drop a size" guarantee'.
_OWN_OFFER_BEFORE = lazy_compile(r"\b(?:a|an|our|its|this|my)(?:\s+[\w-]+)?$", re.IGNORECASE)
_OWN_BEFORE = lazy_compile(r"\b(?:our|my)\s*$", re.IGNORECASE)  # 'our "melt belly fat" routines'
_OFFER_AFTER = lazy_compile(r"^\s*(?:promise|guarantee|pledge|offer|challenge)\b", re.IGNORECASE)
_MENTION_AFTER = lazy_compile(
    r"^[\s,]*(?:is|are|was|were|means|joins|sounds|suggests|implies|promises|claims|does|doesn[’']t|isn[’']t|"
    r"aren[’']t|has|have|becomes|turns|reads|borrows|sells|misleads|needs)\b",
    re.IGNORECASE,
)
# Words before a quotation that talk about wording: 'Regulators treat "…" as …', 'the phrase "…"'.
_MENTION_WORDS = lazy_compile(
    r"\b(?:regulators?|ftc|asa|cap|treat|treats|call|calls|called|label|labels|labelled|labeled|term|terms|"
    r"phrase|phrases|wording|words|example|examples|e\.g\.|write|writes|written|avoid|ban|bans|banned|"
    # a style guide's verdict on wording: 'Not good: "…"', 'Wrong: "…"', 'Instead of: "…"'
    # (and each quotation of a list after it)
    r"(?:not\s+(?:good|ok|okay|allowed)|bad|wrong|incorrect|off-limits|instead\s+of)\s*[:=–—-]"
    r"(?:\s*[\"“][^\"“”]{0,160}[\"”][\s,;]*(?:or\s+|and\s+)?)*|"
    # "the truth about '…' plans", "myths behind '…'", "the problem with '…'"
    r"(?:truths?|myths?|problems?|trouble|lies?)\s+(?:about|with|behind))\W*$",
    re.IGNORECASE,
)
_SUCH_AS = lazy_compile(
    r"\b(?:such as|like|e\.g\.|for example|for instance|phrases?|wording|slogans?)\W*$",
    re.IGNORECASE,
)


# A claim word in quotation marks inside a match: 'a "fat-burning" belt', 'the "toning" cream'.
# Quotation marks round a body part only ('the "spare tyre"') are the copy's slang, not distance.
_SCARE_QUOTED = lazy_compile(
    r"[\"“‘][^\"“”‘’]{0,30}\b(?:fat|flat|burn\w*|melt\w*|slim\w*|ton(?:e|ed|ing)|trim\w*|sculpt\w*|shred\w*|blast\w*|firm\w*|spot\w*)\b[^\"“”‘’]{0,30}[\"”’]",
    re.IGNORECASE,
)


def _is_opening(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def _is_closing(text: str, index: int) -> bool:
    return index + 1 >= len(text) or not text[index + 1].isalnum()


def reported(ctx: MatchContext) -> bool:
    """Speech or belief reported, not asserted, in the match's clause or the one that
    introduces it: "ads promise …", "many believe that …", "you may hear that …". The writer's
    own "I hope …" or "we believe …" is an assertion."""
    doc = ctx.sentence.doc
    words = ctx.words
    clause = clause_of(ctx)
    if any(_lemma_at(ctx, i) in words.endorsement for i in range(ctx.last + 1, ctx.sentence.end)):
        return False  # "I saw a video saying … melts belly fat, and it's true": passed on, endorsed
    for index in range(ctx.sentence.start, ctx.first):
        if _lemma_at(ctx, index) not in words.report:
            continue
        if _claims_a_thing(ctx, index):
            continue  # "readers can claim a free bottle": claim as in take, not as in say
        if _bids_farewell(ctx, index):
            continue  # "Say goodbye to your love handles": a slogan, not a report
        if index == ctx.sentence.start and _lemma_at(ctx, index + 1) in ("me", "us"):
            continue  # "Ask me about my 30 Day Waist Snatch Challenge": an offer, not a report
        if (
            index > ctx.sentence.start
            and _lemma_at(ctx, index - 1) == "be"
            and index + 1 < ctx.sentence.end
            and doc[index + 1].lower_ == "to"
        ):
            continue  # "bromelain, which is said to dissolve belly fat": the writer's hedge, no speaker
        if _aged_customer(ctx, index):
            continue  # "Linda, 52, says her belly just melted away": a testimonial's caption
        subject = _lemmas(ctx, max(ctx.sentence.start, index - 3), index)
        if index - ctx.sentence.start <= 8:
            subject += _lemmas(
                ctx, ctx.sentence.start, min(index, ctx.sentence.start + 2)
            )  # "Readers who … tell me"
        if (
            _particular_means(ctx, max(ctx.sentence.start, index - 3), index, words)
            or _definite_maker(subject, words)
            or any(lemma in words.customer for lemma in subject)
            or _SHARE_SAYS.search(doc[max(ctx.sentence.start, index - 12) : index + 1].text)
            or _named_speaker(ctx, index)
            or _authority_vouches(ctx, index, subject)
        ):
            # "the cream promises …", "the makers say …": the seller's claim, passed on;
            # "readers tell me they lost …", "regulars swear …", "89% said …": testimonials,
            # used to sell.
            continue
        if index < clause.start and not _introduces(ctx, index, clause.start):
            continue  # a report in an earlier, separate clause
        if (
            any(lemma in _RESEARCH_SPEAKERS for lemma in subject)
            and _lemma_at(ctx, index + 1) not in ("about", "on", "regard", "regarding", "of")
            and not (ctx.sources or cited(ctx))
        ):
            # "Researchers found that vinegar users lost twice as much belly fat": research
            # named but not cited lends the claim authority; it does not distance the writer.
            continue
        window = range(max(ctx.sentence.start, index - 4), index)
        if not _participle_of_noun(ctx, index) and any(
            _lemma_at(ctx, i) in words.first_person for i in window
        ):
            continue  # "I am of the belief that …", "I hope …": the writer's own claim
        if doc[index].lower_ in _FORECAST_IMPERATIVES and (
            all(not token.is_alpha for token in doc[ctx.sentence.start : index])
            or _forecast_to_reader(ctx, index)
        ):
            continue  # "Expect your belt to move a notch …": the writer's forecast, told to you
        return True
    if _lemma_at(ctx, ctx.sentence.start) in ("but", "however", "yet"):
        return False  # "Nutritionists say … But our tea acts directly on the belly": the reply
    return _reporting_frame(ctx.before, words)


_RESEARCH_SPEAKERS = frozenset(
    {"study", "research", "researcher", "scientist", "trial", "review", "meta-analysis"}
)


def _aged_customer(ctx: MatchContext, index: int) -> bool:
    """Is the speaker of the report at ``index`` named with an age, as testimonials are ("Linda,
    52, says …", "Mark (41) told us …")?"""
    doc = ctx.sentence.doc
    at = index - 1
    if at >= ctx.sentence.start and doc[at].text in (",", ")"):
        at -= 1
    if at < ctx.sentence.start or not doc[at].like_num or not doc[at].text.isdigit():
        return False
    if not 16 <= int(doc[at].text) <= 99:
        return False
    at -= 1
    if at >= ctx.sentence.start and doc[at].text in (",", "("):
        at -= 1
    return at >= ctx.sentence.start and doc[at].text[:1].isupper() and doc[at].is_alpha


# Verbs by which an authority vouches for a claim; "claim", "believe" or "think" keep it at a
# distance ("some doctors still claim …").
_VOUCHING = frozenset({"say", "agree", "recommend", "confirm", "swear", "tell"})
_DOUBTED = frozenset(
    {"some", "few", "certain", "other", "old", "outdated", "so-called", "not", "no"}
)


def _authority_vouches(ctx: MatchContext, index: int, subject: list[str]) -> bool:
    """Is the report at ``index`` an unnamed authority vouching for the claim ("Experts say
    skipping is the #1 exercise for belly fat", "doctors agree …")? Offered as proof, the claim
    is the writer's; "some trainers say …" doubts it."""
    if _lemma(ctx, ctx.sentence.doc[index]) not in _VOUCHING:
        return False
    near = subject[-3:]
    return any(lemma in ctx.words.authority for lemma in near) and not _DOUBTED.intersection(near)


def _claims_a_thing(ctx: MatchContext, index: int) -> bool:
    """Is "claim" at ``index`` followed by a thing to take ("claim a free bottle", "claim your
    discount")?"""
    doc = ctx.sentence.doc
    if doc[index].lower_ != "claim" or index + 1 >= ctx.sentence.end:
        return False  # "a reel claiming a squat shrinks …" reports
    before = doc[index - 1].lower_ if index > ctx.sentence.start else ""
    return before in ("", "can", "to", "now", "today", "and", "please", "just") and doc[
        index + 1
    ].lower_ in ("a", "an", "your", "the", "this", "our", "one", "my")


def _bids_farewell(ctx: MatchContext, index: int) -> bool:
    """Is "say" at ``index`` a slogan's imperative ("Say goodbye to love handles", "say no more
    belly fat"), not someone's words reported?"""
    doc = ctx.sentence.doc
    if doc[index].lower_ != "say" or index + 1 >= ctx.sentence.end:
        return False
    before = doc[index - 1].lower_ if index > ctx.sentence.start else ""
    return before in ("", "and", "now", "just", "so", "finally") and doc[index + 1].lower_ in (
        "goodbye",
        "bye",
        "bye-bye",
        "no",
        "hello",
        "farewell",
        "adios",
        "sayonara",
    )


def _participle_of_noun(ctx: MatchContext, index: int) -> bool:
    """Is the reporting word a participle after a noun ("I saw a video saying …", "a post
    claiming …")? The noun reports; the writer only came across it."""
    doc = ctx.sentence.doc
    if index <= ctx.sentence.start or not doc[index].lower_.endswith("ing"):
        return False
    before = doc[index - 1]
    lemma = _lemma(ctx, before)
    return before.is_alpha and lemma not in ctx.words.first_person and lemma not in _NOT_NOUNS


_NOT_NOUNS = frozenset(
    {"be", "am", "is", "are", "was", "were", "keep", "kept", "start", "stop", "you"}
)


def _forecast_to_reader(ctx: MatchContext, index: int) -> bool:
    """Is the forecast word at ``index`` told to the reader: "you can expect to drop 8 pounds",
    "Follow it exactly and expect to lose an inch"?"""
    doc = ctx.sentence.doc
    before = [doc[i].lower_ for i in range(max(ctx.sentence.start, index - 3), index)]
    if before and before[-1] in ("can", "will", "'ll", "’ll", "should"):
        return len(before) >= 2 and before[-2] == "you"  # not "you might expect …": a hedge
    return bool(before) and before[-1] in ("and", "then", "so")


def _named_speaker(ctx: MatchContext, index: int) -> bool:
    """Is the reporting word's subject a person named by the page, telling of their own body
    ("Derek swore his beer belly …", "Mark from Winnipeg said the belly he'd had …"): a
    customer's or tester's result told to sell?"""
    doc = ctx.sentence.doc
    if not any(_speaker_name(ctx, i) for i in range(max(ctx.sentence.start, index - 4), index)):
        return False
    if _title_cased(ctx.sentence):
        return False
    told = {doc[i].lower_ for i in range(index + 1, ctx.last + 1)}
    if not told & _OWN_BODY:
        return False  # "Sarah says crunches burn belly fat": a belief passed on, not her result
    rest = doc_text(doc)[doc[index].idx : ctx.sentence.end_char]
    words = ctx.words
    # "… in 10 days", "… with our cream"; not "Tom says his gut is smaller since he stopped
    # drinking" (no time, and no product named as one).
    return DEADLINE_RE.search(rest) is not None or any(
        (_lemma_at(ctx, i) in words.product or _lemma_at(ctx, i) in words.programme)
        and doc[i - 1].lower_ in _DETERMINERS
        for i in range(index + 2, ctx.sentence.end)
    )


def _speaker_name(ctx: MatchContext, i: int) -> bool:
    token = ctx.sentence.doc[i]
    if not _is_name(token) or token.lower_ in _NOT_SPEAKERS:
        return False
    # "Ads promise …", "Experts say …": capitalised only because they open the sentence.
    return not (i == ctx.sentence.start and token.lemma_.lower() != token.lower_)


_OWN_BODY = frozenset({"his", "her", "their", "my", "he", "she", "he'd", "she'd", "he’d", "she’d"})
# Capitalised words that report claims without being a person who tried the product.
_NOT_SPEAKERS = frozenset(
    {"science", "everyone", "everybody", "someone", "somebody", "nobody", "marketing"}
    | {"advertising", "instagram", "tiktok", "youtube", "google", "facebook", "media", "society"}
)


# Reporting verbs that, opening a sentence, tell the reader what will happen to them.
_FORECAST_IMPERATIVES = frozenset({"expect", "imagine"})

_PREVIOUS_SENTENCE = lazy_compile(r"(?:^|[.!?:]\s+)([^.!?:]*[.!?:])\s*$")
_FRAME_WORDS = lazy_compile(r"[\w’']+")


_DEFINITE = frozenset({"the", "its", "our", "this", "that", "their"})


def _particular_means(ctx: MatchContext, start: int, end: int, words: ContextWords) -> bool:
    """Is a reporting word's subject a product or workout the page offers ("the cream promises",
    "this belt claims", "a wrap that says"), not such things in general ("gadgets that promise
    …", "these creams claim …"), whose claims a writer reports to weigh them?"""
    doc = ctx.sentence.doc
    for index in range(start, end):
        lemma = _lemma_at(ctx, index)
        if not any(lemma in means for means in words.targeted):
            continue
        plural = doc[index].lower_ != lemma and doc[index].lower_.endswith("s")
        before = _lemma_at(ctx, index - 1) if index > ctx.sentence.start else ""
        if not plural or before in _DEFINITE:
            return True
    return False


def _definite_maker(words_before: list[str], words: ContextWords) -> bool:
    """A particular seller or product ("the makers", "the label", "this tea"), not sellers in
    general ("labels that say …", "supplement ads promise …")."""
    return any(
        (word in words.maker or word in words.product)
        and index > 0
        and words_before[index - 1] in _DEFINITE
        for index, word in enumerate(words_before)
    )


def _reports(word: str, words: ContextWords) -> bool:
    """Is a raw word ("promises", "claimed", "say") a reporting word?"""
    return word in words.report or word.rstrip("sd") in words.report


def _reporting_frame(before: str, words: ContextWords) -> bool:
    """Does a short sentence just before announce what follows as something heard or claimed
    ("You've heard it a thousand times.", "The pitch goes like this:")?"""
    match = _PREVIOUS_SENTENCE.search(before.rstrip()[-160:])
    if match is None:
        return False
    sentence = match.group(1)
    tokens = [t.lower().translate(_APOSTROPHES) for t in _FRAME_WORDS.findall(sentence)]
    if not tokens or (len(tokens) > 10 and not sentence.endswith(":")):
        return False
    return any(
        _reports(token, words)
        and not (position + 1 < len(tokens) and tokens[position + 1] in _SAY_IDIOM)
        # "All I can say is that I love this.": the writer's own voice, not a claim passed on
        and not any(word in words.first_person for word in tokens[max(0, position - 3) : position])
        for position, token in enumerate(tokens)
    )


# "Say goodbye to side fat.", "say hello to …", "say no to …": a slogan, not a report.
_SAY_IDIOM = frozenset({"goodbye", "bye", "hello", "farewell", "no", "yes", "adios", "sayonara"})


def _introduces(ctx: MatchContext, index: int, clause_start: int) -> bool:
    """Does the reporting word at ``index`` introduce the clause starting at ``clause_start``
    ("marketers claim: …", "the promise — burn belly fat — is …")?"""
    between = _lemmas(ctx, index + 1, clause_start)
    return len(between) <= 3 and all(
        lemma in (":", "—", "–", "that", '"', "“", "'") for lemma in between
    )


def _praise_removed(lemmas: list[str]) -> list[str]:
    """The lemmas without a debunk word used as praise: a "no-nonsense guide" calls nothing
    nonsense."""
    out = list(lemmas)
    for index, lemma in enumerate(out):
        if lemma == "nonsense" and "no" in out[max(0, index - 2) : index]:
            out[index] = ""
    return out


# A text that is one quotation: '"Burn fat while you sleep"', '“Results in 7 days”'.
_WHOLLY_QUOTED = lazy_compile(r"""^\s*["“'‘][^"“”]+["”'’][\s.!?]*$""")


def debunk(ctx: MatchContext) -> bool:
    """Myth framing of this claim: a debunk cue in its sentence ("It is a myth that …", "… or so
    the story goes"), its section heading ("Myth #3: …"), a next sentence that refutes it
    ("However, …", "But that isn't how fat loss works"), or a title that debunks spot reduction
    when the claim is that title's own topic."""
    if ctx.key == "myth":
        return True  # a myth card's myth: { myth: "…", verdict: "Busted" }
    if (
        ctx.block_kind == "heading"
        and _WHOLLY_QUOTED.match(ctx.sentence.text)
        and ("myth" in ctx.title or "misconception" in ctx.title)
    ):
        return True  # a myths page's heading quotes the claim it takes apart: '"Burn fat while you sleep"'
    words = ctx.words
    lemmas = _lemmas(ctx, ctx.sentence.start, ctx.sentence.end)
    if words.debunk.find(_praise_removed(lemmas)) >= 0:
        return True
    heading = ctx.heading
    if any(
        cue in heading
        for cue in _DEBUNK_CUES + ("doesn't work", "don't work", "doesn’t work", "don’t work")
    ):
        return True
    if heading.strip(" \t#*_:.").lower() in _CLAIM_HEADINGS:
        return True  # a fact-check's "## The claim" section sets out what the next one tests
    if ctx.document_debunks:
        # A debunking article restates the myth it refutes: a claim on the title's own topic.
        topic = debunked_topic(ctx.title)
        # A title that debunks spot reduction itself covers every restatement of it; one that
        # debunks "crunches for belly fat" covers sentences about crunches or belly fat.
        if ctx.block_kind in ("heading", "front_matter") or any(
            word == "spot" or word in ctx.sentence.text.lower() for word in topic
        ):
            return True
    if _refutes(ctx.next_sentence, words):
        return True
    if (
        ctx.block_kind == "heading"
        and not ctx.next_sentence
        and _refutes(_FIRST_SENTENCE.match(ctx.answer).group(), words)
    ):
        return True  # '### "Results in 7 days"' answered "No. Weight changes over months."
    if _CORRECTION_LEAD.search(ctx.lead):
        return True  # "Rewrite this caption so it is honest:" then the quoted caption
    if reports_others_claims(ctx.lead):
        return True  # "Here are some of the labels I've been shown, word for word:" then quotes
    if _MYTH_LABEL.match(ctx.lead):
        return True  # a card or field labelled "Myth" (an MDX title="Myth", a "**Myth:**" line)
    # An answer to a question that doubts the claim ("Q: If spot reduction isn't possible, why …?"),
    # in the block before or earlier in this one.
    previous = _PREVIOUS_SENTENCE.search(ctx.before.rstrip()[-300:])
    for question in (ctx.lead, previous.group(1).lower() if previous else ""):
        if question.rstrip().endswith("?") and _doubts(question, words):
            return True
    return False


# A lead-in that hands the reader a claim to correct: "Rewrite this caption so it is honest:",
# "What's wrong with this ad?", "Spot the red flags in this post:".
_CORRECTION_LEAD = lazy_compile(
    r"\b(?:rewrite|fix|correct|reword|improve)\s+(?:this|the\s+following|these)\b[^.!?]{0,80}[:?]\s*$"
    r"|\bwhat(?:'s|’s|\s+is)\s+wrong\s+with\s+(?:this|these)\b[^.!?]{0,60}[:?]\s*$"
    r"|\bspot\s+the\s+(?:red\s+flags?|problems?|mistakes?|errors?)\b[^.!?]{0,60}[:?]\s*$"
)
# A lead-in that hands over other people's marketing to look at: "Here are some of the labels
# I've been shown this year, word for word:", "Claims you will see on the packs:".
_QUOTED_CLAIMS_LEAD = lazy_compile(
    r"\b(?:labels?|packs?|packets?|packaging|ads?|adverts?|advertisements?|claims?|slogans?|"
    r"taglines?|headlines?|marketing|messages?|forwards?|posts?|captions?|tweets?|videos?|reels?)\b"
    r"[^.!?]{0,80}:\s*$"
)
# What says they are someone else's words: "I've been shown", "word for word", "you'll see".
_SHOWN = lazy_compile(
    r"\b(?:word\s+for\s+word|verbatim|shown|i(?:'ve|’ve|\s+have)\s+seen|you(?:'ll|’ll|\s+will)?\s+see|"
    r"on\s+the\s+shelf|copied|real\s+examples?"
    # a message going round, as a fact-check quotes it: "A forward doing the rounds reads, in part:"
    r"|viral|circulating|doing\s+the\s+rounds|going\s+(?:a)?round|forwarded|in\s+part)\b"
)
_OWN_CLAIMS = lazy_compile(r"\b(?:our|we)\b")
_FIRST_SENTENCE = lazy_compile(r"[^.!?]*[.!?]?")
_MYTH_LABEL = lazy_compile(
    r"^\W*(?:the\s+|common\s+)?(?:myth|misconception|fiction|claim\s+we\s+hear)(?:\s*(?:#|no\.?)?\s*\d+)?\W*$"
)


def reports_others_claims(lead: str) -> bool:
    """Does a lead-in hand over other people's claims to look at ("A forward doing the rounds
    reads, in part:", "Claims you will see on the packs:")?"""
    return bool(
        _QUOTED_CLAIMS_LEAD.search(lead) and _SHOWN.search(lead) and not _OWN_CLAIMS.search(lead)
    )


def _doubts(question: str, words: ContextWords) -> bool:
    # "Don't worry, habibti. Want to lose 5 kilo before Eid?": a reassurance doubts nothing.
    question = _REASSURANCE.sub(" ", question)
    plain = question.translate(_APOSTROPHES).replace("n't", " not")
    tokens = _FRAME_WORDS.findall(plain)
    return words.debunk.find(tokens) >= 0 or bool(_NEGATED_TITLE.search(question))


_REASSURANCE = lazy_compile(
    r"(?i)\b(?:don[’']?t|do\s+not|no\s+need\s+to)\s+(?:worry|stress|panic|fret)\b"
    r"|\bno\s+(?:worries|stress|problem)\b"
)
_NEXT_WORDS = lazy_compile(r"[\w’']+")
_REFUTING = lazy_compile(
    r"\b(?:not|n[’']t|no|never|myth|impossible|truth|wrong|false|doesn|won|can|isn|aren|research|studies|science)\b"
)


def _refutes(following: str, words: ContextWords) -> bool:
    """Does the next sentence open by refuting the one before? "However, fat loss …" does;
    "But first, warm up" does not (a "but" must bring a negation or a debunk cue)."""
    tokens = [t.translate(_APOSTROPHES) for t in _NEXT_WORDS.findall(following[:160].lower())]
    if not tokens:
        return False
    # "In fact" and "actually" as often go on to back the claim up ("In fact, one study found
    # …"): like "but", they refute only with a negation or a debunk word.
    if tokens[0] == "actually" or tokens[:2] == ["in", "fact"]:
        rest = tokens[1:13] if tokens[0] == "actually" else tokens[2:14]
        return bool(_NEGATING.search(" ".join(rest)))
    if words.contrast.starts(tokens):
        return True
    courtesy = 0
    while courtesy < 4 and courtesy < len(tokens) - 1 and tokens[courtesy] in _COURTESY:
        courtesy += 1
    if courtesy and tokens[courtesy] in ("but", "yet"):
        tokens = tokens[courtesy:]  # "Thank you, but I don't think a band can do that."
    if tokens[0] in ("but", "yet"):
        return bool(_REFUTING.search(" ".join(tokens[1:12])))
    # A flat "It doesn't." or "They won't." after the claim.
    return len(tokens) <= 4 and _FLAT_DENIAL.match(" ".join(tokens)) is not None


# Polite words a reply puts before its "but": "Thanks, but …", "Sorry, but …", "Nice try, but …".
_COURTESY = frozenset(
    {"thank", "thanks", "you", "sorry", "nice", "try", "love", "lol", "haha", "ok", "okay", "well"}
    | {"respectfully", "honestly", "sure", "i", "get", "it", "hear"}
)
_FLAT_DENIAL = lazy_compile(
    r"^(?:it|they|that|this|nope|no)\b(?:\s+(?:doesn|does|don|do|won|will|can|isn|is|aren|are)\s*(?:'t|t|not))?"
    r"(?:\s+(?:at\s+all|really))?\s*$|^(?:it|they)\s+(?:doesn't|don't|won't|can't|isn't|aren't)\b"
)
_NEGATING = lazy_compile(
    r"\b(?:not|n[’']t|no|never|myth|impossible|wrong|false|doesn|won|can|isn|aren|nothing|little)\b"
)


def hypothetical(ctx: MatchContext) -> bool:
    """The claim stands inside an if-clause ("if crunches burned belly fat, …") or a wish of the
    writer's own ("I want to lose my belly"). An if-clause of wishes ("if you want to lose belly
    fat, …") is an invitation, and a claim in the main clause of a conditional ("if you do these
    daily, you'll burn belly fat") is a promise."""
    doc = ctx.sentence.doc
    words = ctx.words
    if _first_person_wish(ctx):
        return True
    if (
        ctx.first - ctx.sentence.start <= 2
        and _lemma_at(ctx, ctx.sentence.start) in ("any", "every")
        and any(_lemma_at(ctx, i) in ("that", "which", "who") for i in range(ctx.first, ctx.last))
    ):
        return (
            True  # "Any tummy that is flatter after a week has lost water": any case, not a promise
        )
    if any(doc[i].text == "," for i in range(ctx.first, ctx.last)):
        return False  # the match runs on into the main clause: the conditional is the promise
    for index in range(ctx.first - 1, ctx.sentence.start - 1, -1):
        lemma = _lemma_at(ctx, index)
        if lemma in (",", ";", ":", "then", "—", "–"):
            return False  # the match is past the if-clause
        if (
            lemma in _MODALS
            and index - 1 > ctx.sentence.start
            and _lemma_at(ctx, index - 1) in _SUBJECTS
            and _lemma_at(ctx, index - 2) not in words.hypothesis
        ):
            # "If you follow all 9 tips you can lose an inch": a new subject and a modal start
            # the main clause, comma or not ("if you can lose …" keeps them in the if-clause).
            return False
        if lemma in words.hypothesis:
            if index > ctx.sentence.start and _lemma_at(ctx, index - 1) == "what":
                return False  # "What if you could shrink your waist while you sleep?": a hook
            if index - 1 > ctx.sentence.start and _lemma_at(ctx, index - 1) == "even":
                # "It works even if you still have pizza": a concession after the claim it
                # asserts ("Even if crunches burned belly fat, …" opens a counterfactual).
                return False
            following = _lemmas(ctx, index + 1, min(ctx.first, index + 5))
            if any(lemma in words.desire for lemma in following):
                return _answered_by_whole_body(ctx)
            return True
    return False


def _answered_by_whole_body(ctx: MatchContext) -> bool:
    """Does the main clause after an if-clause of wishes answer it with whole-body means and
    nothing sold ("If you want to lose weight faster, you'll need to eat less and exercise
    more")? The wish is then the reader's goal, not a promise; "…, try our tea" sells."""
    doc = ctx.sentence.doc
    words = ctx.words
    comma = next((i for i in range(ctx.last + 1, ctx.sentence.end) if doc[i].text == ","), None)
    if comma is None:
        return False
    main = _lemmas(ctx, comma + 1, ctx.sentence.end)
    for position, lemma in enumerate(main):
        pointed = position > 0 and (main[position - 1] in _SPECIFIC or main[position - 1].isdigit())
        if lemma in words.product or (lemma in words.exercise and pointed):
            return False  # "…, try our tea", "…, do these 5 moves": something sold or set
    return words.whole_body.find(main) >= 0


_MODALS = frozenset({"can", "will", "'ll", "’ll", "could", "should", "may", "might", "must"})
_SUBJECTS = frozenset({"you", "they", "she", "he", "we", "it", "i"})


def _first_person_wish(ctx: MatchContext) -> bool:
    """A wish the writer states for themselves, the match right after it: "I want to lose my
    belly", "we'd love to finally shrink our waists". "Mums who want to lose the baby belly"
    (sold to them) and "I want to help you lose belly fat" (a promise) are not."""
    # "YES! I Want To Melt My Belly Fat Now": the buyer's part, written by the seller.
    if (
        _call_to_action(ctx)
        or _lemma_at(ctx, ctx.sentence.start) == "yes"
        or _YES_BEFORE.search(ctx.before) is not None
    ):
        return False
    before = _lemmas(ctx, max(ctx.sentence.start, ctx.first - 6), ctx.first)
    while before and before[-1] in ("finally", "really", "just", "so", "badly", "desperately"):
        before.pop()
    if len(before) < 3 or before[-1] != "to" or before[-2] not in ctx.words.desire:
        return False
    subject = [w for w in before[:-2] if w not in ("would", "'d", "’d", "do", "really", "so")]

    def wisher(word: str) -> bool:
        return word in ctx.words.first_person or word in _ONE_PERSON

    if subject and wisher(subject[-1]):
        return True  # and a wish told of one person: "she wants to lose her muffin top"
    # The wish as a participle of the writer's own clause: "I came in wanting to lose my tummy".
    doc = ctx.sentence.doc
    raw = [doc[i].lower_ for i in range(max(ctx.sentence.start, ctx.first - 6), ctx.first)]
    wish = len(before) - 2  # the desire word: adverbs were dropped from the end of ``before`` only
    return (
        0 <= wish < len(raw) and raw[wish].endswith("ing") and any(wisher(w) for w in subject[:-1])
    )


_ONE_PERSON = frozenset({"she", "he"})
_YES_BEFORE = lazy_compile(r"(?i)(?:^|[^\w'’])yes\W*$")  # "YES! I want to …": a button's opening


def _either_way(between: list[str]) -> bool:
    """Do these lemmas (between a claim and a means after it) say the result came either way:
    "whether or not they added ab exercises", "with or without the belt", "regardless of"?"""
    text = f" {' '.join(between)} "
    return any(f" {phrase} " in text for phrase in _EITHER_WAY)


_EITHER_WAY = ("whether or not", "with or without", "regardless of")


def _areas_listed(ctx: MatchContext) -> bool:
    """Does the match name the fat of two or more different body areas joined as a list ("hip,
    waist and upper-arm fat", "belly and thigh fat")?"""
    doc = ctx.sentence.doc
    areas = {
        lemma
        for i in range(ctx.first, ctx.last + 1)
        if (lemma := _lemma_at(ctx, i)) in ctx.words.area
    }
    joined = any(doc[i].lower_ in (",", "and", "&", "or", "/") for i in range(ctx.first, ctx.last))
    fat = any(doc[i].lower_ in ("fat", "flab") for i in range(ctx.first, ctx.last + 1))
    return len(areas) >= 2 and joined and fat


# A treatment word inside the match is the means when the areas are named as fat: "love handles
# and saddlebags are common treatment areas" (a physio's "shoulder and lower back" are not).
_MEANS_INSIDE = frozenset({"treatment", "treatments"})


def _names_fat(ctx: MatchContext) -> bool:
    doc = ctx.sentence.doc
    text = doc_text(doc)[doc[ctx.first].idx : doc[ctx.last].idx + len(doc[ctx.last])]
    surface = ctx.words.deposit_surface
    return "fat" in text.lower() or (surface is not None and surface.search(text) is not None)


def targeting(ctx: MatchContext) -> bool:
    """The claim credits a targeted means: an exercise, a workout, a product or a device in its
    clause ("crunches to get rid of your muffin top", "our wrap helps reduce thigh fat"), a
    means introduced in it ("with these moves", "using this plan"), the means of the sentence
    before when this one goes on about it ("Leg raises build stability. They also help reduce
    belly fat."), or a document whose title sells exercises for it."""
    doc = ctx.sentence.doc
    words = ctx.words
    if _BEFORE_AFTER_OF.search(ctx.sentence.text):
        return True  # "thighs before and after two weeks of SveltaHeat": the result of a means
    if _areas_listed(ctx):
        return True  # "cut hip, waist and upper-arm fat": a list of areas picks where it goes
    # A title joins its parts with a colon ("Lose Love Handles: 7 Oblique Exercises"): its
    # whole sentence is one clause. So in a title set as a list item, a card or a link (a
    # related article: "How to Lose Arm Fat: 8 Moves for Toned Arms").
    titled = ctx.block_kind in ("heading", "front_matter") or _title_line(ctx)
    clause = _Clause(ctx.sentence.start, ctx.sentence.end) if titled else clause_of(ctx)
    matched = set(range(ctx.first, ctx.last + 1))
    lemmas = _lemmas(ctx, clause.start, clause.end)
    for offset, lemma in enumerate(lemmas):
        index = clause.start + offset
        if any(lemma in means for means in words.targeted) and not _whole_body_kind(
            lemmas, offset, words
        ):
            if _either_way(lemmas[ctx.last + 1 - clause.start : offset]):
                continue  # "lost belly fat whether or not they added ab work": not credited
            if index not in matched or lemma in ("target", "targeted"):
                return True
            if lemma in _MEANS_INSIDE and _names_fat(ctx):
                return True  # "love handles and saddlebags are common treatment areas"
        if lemma in words.whole_body and offset and index not in matched:
            if lemmas[offset - 1] in words.area or lemmas[offset - 1] in _MUSCLE_AREAS:
                return True  # "core intervals", "belly cardio": a whole-body means aimed at an area
        # The means follows the claim ("lose belly fat with this plan") or opens its clause
        # ("Using our wrap, you can …"); "losing belly fat, track progress using a tape" has none.
        right_after = (
            ctx.last < index <= ctx.last + 3
            and "," not in lemmas[ctx.last + 1 - clause.start : offset]
        )
        if lemma in words.means_marker and (right_after or offset == 0):
            following = lemmas[offset + 1 : offset + 5]
            if (
                following
                and not any(w in words.whole_body for w in following)
                and _names_a_thing(following)
            ):
                return True
    if _targeted_phrase(lemmas, words):
        return True
    if not titled and _antecedent_means(ctx, clause):
        return True  # "The leggings massage with every step, which breaks the fat cells …"
    if _edibles_credited(ctx, clause):
        return True  # "foods that help you lose belly fat": foods sold for the area
    if _quoted_story(ctx):
        return True  # a customer's words quoted on a page credit what the page sells
    if _benefit_line(ctx):
        return True  # "Reduces back fat and arm fat": the page's product is the subject
    if _sold_as_made_to(ctx):
        return True  # "Clinically proven to reduce visceral belly fat": a product's claim
    opening = _lemmas(ctx, ctx.sentence.start, min(ctx.sentence.end, ctx.sentence.start + 2))
    if opening[:1] in (["do"], ["try"], ["perform"], ["repeat"]) and opening[1:2] in (
        ["these"],
        ["this"],
        ["them"],
        ["both"],
    ):
        return True  # "Do these to reduce fat on your back": the moves the page lists
    # A labelled feature names the means: "SLIMMING BELT: helps reduce waist size".
    opening = doc_text(doc)[ctx.sentence.start_char : doc[ctx.first].idx]
    colon = opening.find(":")
    if (
        0 < colon < 60
        and words.targeting_surface is not None
        and words.targeting_surface.search(opening[:colon])
    ):
        return True
    # A sentence that goes on about the means of the one before ("Leg raises build stability.
    # They also help reduce belly fat.").
    opening = _lemmas(ctx, ctx.sentence.start, min(ctx.sentence.end, ctx.sentence.start + 2))
    if opening and opening[0] in words.anaphor and words.targeting_surface is not None:
        if words.targeting_surface.search(ctx.before.rstrip()[-300:]) and not _whole_body_clause(
            ctx
        ):
            return True
    surface = words.targeting_surface
    if surface is None:
        return False
    whole = words.whole_body_surface
    if ctx.block_kind in ("heading", "list_item"):
        # A heading, or an item in a list of results, speaks for its article's title ("Chin
        # Lift Exercise": "- Reduced double chin"), unless the title sells whole-body means too
        # ("… With Diet and Exercise").
        if surface.search(ctx.title) is not None and not (
            whole is not None and whole.search(ctx.title)
        ):
            return True
        if ctx.block_kind == "heading":
            return False
    # A section about one exercise or product ("## Leg Raises") credits it; a title-like heading
    # that itself names the fat ("7 Exercises to Lose Belly Fat") does not credit every sentence.
    return bool(surface.search(ctx.heading)) and not _FAT_WORD.search(ctx.heading)


_FAT_WORD = lazy_compile(r"\b(?:fat|flab|weight|slim\w*|lose|loss|burn\w*)\b")


def _benefit_line(ctx: MatchContext) -> bool:
    """Does the claim open its sentence with a verb whose subject is left out ("Reduces back fat
    and arm fat for that fine shape", "Burns stubborn belly fat from the inside")? A product
    page's benefit lines are written so: the thing sold is the subject. An imperative ("Reduce
    belly fat with …") or a noun ("Reduction of …") is not such a line."""
    if ctx.first != ctx.sentence.start:
        return False
    token = ctx.sentence.doc[ctx.first]
    lower = token.lower_
    lemma = lemma_of(token, ctx.words.overrides)
    return (
        lower.endswith("s")
        and lemma != lower
        and lower.startswith(lemma[:-1] if lemma.endswith("e") else lemma)
        and (lemma in ctx.words.fat_verb or lemma in _REDUCING_VERBS)
    )


def _sold_as_made_to(ctx: MatchContext) -> bool:
    """Does the sentence open by saying what something was made or proven to do, its subject
    left out as on a product page ("Clinically proven to reduce belly fat by 23%", "Formulated
    to target thigh fat")?"""
    opening = _lemmas(ctx, ctx.sentence.start, min(ctx.first, ctx.sentence.start + 4))
    opening = [lemma for lemma in opening if lemma.isalpha()]
    for lead in _MADE_TO:
        if opening[: len(lead)] == list(lead):
            return True
    return False


_MADE_TO = (
    ("clinically", "prove", "to"),
    ("clinically", "proven", "to"),
    ("scientifically", "prove", "to"),
    ("scientifically", "proven", "to"),
    ("prove", "to"),
    ("proven", "to"),
    ("formulate", "to"),
    ("formulated", "to"),
    ("design", "to"),
    ("designed", "to"),
    ("engineer", "to"),
    ("engineered", "to"),
)


# Verbs a benefit line sells a loss with, beside the fat verbs ("Reduces …", "Eliminates …").
_REDUCING_VERBS = frozenset(
    {"reduce", "eliminate", "remove", "shed", "fight", "combat", "tackle", "target", "attack"}
)


def _whole_body_opening(ctx: MatchContext) -> bool:
    """Does the sentence open with whole-body means that govern every clause after it
    ("Through whole-body movements that did not focus on the abdominals, my muscles got toned and
    my belly flattened")? Only an opening means phrase, ended by a comma before the match."""
    doc = ctx.sentence.doc
    start = ctx.sentence.start
    while start < ctx.first and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if start >= ctx.first or not ctx.words.means_marker.starts(_lemmas(ctx, start, start + 2)):
        return False
    for end in range(start + 1, min(ctx.first, start + 20)):
        if doc[end].text == ",":
            opening = _lemmas(ctx, start, end)
            if any(any(lemma in means for means in ctx.words.targeted) for lemma in opening):
                return False  # "With these ab moves and a walk, …": a targeted means too
            return ctx.words.whole_body.find(opening) >= 0
    return False


def _whole_body_clause(ctx: MatchContext) -> bool:
    """Does the match's own clause name a whole-body means ("a calorie deficit reduces belly fat")?"""
    clause = clause_of(ctx)
    lemmas = _lemmas(ctx, clause.start, clause.end)
    return ctx.words.whole_body.find(lemmas) >= 0


def _antecedent_means(ctx: MatchContext, clause: _Clause) -> bool:
    """Does the claim sit in a relative clause ("…, which breaks the fat cells on the thighs")
    hung on a clause that names a targeted means ("The leggings massage with every step")? The
    relative pronoun stands for what the clause before it is about."""
    opener = clause.start - 1
    if opener <= ctx.sentence.start or _lemma_at(ctx, opener) != "which":
        return False
    start = opener
    floor = max(ctx.sentence.start, opener - CLAUSE_REACH)
    while start > floor and _lemma_at(ctx, start - 1) not in ctx.words.breaks:
        start -= 1
    words = ctx.words
    lemmas = _lemmas(ctx, start, opener)
    return any(
        any(lemma in means for means in words.targeted)
        and not _whole_body_kind(lemmas, offset, words)
        for offset, lemma in enumerate(lemmas)
    )


def _targeted_phrase(lemmas: list[str], words: ContextWords) -> bool:
    return any(means.find_phrase(lemmas) for means in words.targeted)


def _whole_body_kind(lemmas: list[str], offset: int, words: ContextWords) -> bool:
    """Is the means at ``offset`` a whole-body kind of it ("cardio workouts", "full-body
    exercises", "a HIIT routine", "strength training"), or the body as a whole moved ("moving
    your body most days", "move your whole body")?"""
    window = lemmas[max(0, offset - 2) : offset + 1]
    if lemmas[offset] in words.product and lemmas[offset] not in words.exercise:
        return False  # "weight-loss pills", "a diet tea": a product, whatever it is named for
    if any(lemma in words.whole_body for lemma in window[:-1]) or words.whole_body.find_phrase(
        window
    ):
        return True
    after = lemmas[offset + 1 : offset + 4]
    return lemmas[offset] == "move" and "body" in after and not any(w in words.area for w in after)


def _names_a_thing(following: list[str]) -> bool:
    """Does a means marker introduce a thing ("with this plan", "using our wrap"), not a person
    or a time ("with you", "by then", "with time")?"""
    for lemma in following:
        if lemma in _DETERMINERS:
            continue
        return lemma.isalpha() and lemma not in _NOT_A_MEANS
    return False


_NOT_A_MEANS = frozenset(
    {
        "you",
        "me",
        "us",
        "them",
        "him",
        "her",
        "it",
        "time",
        "age",
        "then",
        "now",
        "far",
        "way",
        "all",
        "each",
        "every",
        "any",
        "some",
        "consistency",
        "patience",
        "effort",
        "practice",
        "ease",
    }
)


def promoted(ctx: MatchContext) -> bool:
    """The outcome is sold, not wished for: a title, heading, headline field or button ("Flat
    Tummy Focus", "Start my flat tummy countdown"), or a sentence that credits a targeted means
    ("get a flat stomach with these moves"). "Many people want a flat tummy" is neither."""
    if ctx.block_kind == "heading" or _headline_field(ctx) or _call_to_action(ctx):
        return True
    if _labelled_title(ctx):
        return True
    if _BEFORE_AFTER.search(ctx.sentence.text):
        return True  # "Jenny before and after: her belly completely flat": a result shown to sell
    surface = ctx.words.targeting_surface
    if ctx.block_kind == "list_item" and surface is not None and surface.search(ctx.heading):
        return True  # a list of what the exercises under "Why These Exercises Work" give
    if _customer_result(ctx):
        return True
    if _forecast(ctx):
        return True  # "What you'll notice:" then "- Love handles noticeably smaller"
    if _told_to_reader(ctx):
        return True  # "You will see a slimmer waist …", "2 weeks to see a slimmer tummy"
    if _woken_to(ctx) and not _other_cause(ctx):
        return True  # "… and wake up with a flatter tummy": an overnight result, forecast
    if _effort_spared(ctx):
        return True  # "a slimmer waist while you sleep", "flat abs without a single crunch"
    if ctx.block_kind == "table_cell" and len(ctx.sentence) <= 8 and _title_cased(ctx.sentence):
        return True  # a name in a plan's table ("Flat Tummy Finish") or a list of headlines
    if guaranteed(ctx):
        return True  # a result with a refund on it is sold: "lose 3 inches or your money back"
    if not _other_cause(ctx) and (_achieved(ctx) or _timed(ctx)):
        return True  # a result stated as reached or given a deadline, not put down to swelling …
    if _product_name(ctx):
        return True
    if _aimed_at(ctx):
        return True  # "your 30-day plan to a flat stomach", "Yoga for flat stomach"
    if _invited_then_offered(ctx):
        return True  # "Want slimmer thighs? Try these inner-thigh toners."
    if _for_occasion(ctx):
        return True  # "Sleeker upper arms for sleeveless season"
    return targeting(ctx)


# An occasion the outcome is promised for: "for sleeveless season", "in time for the wedding".
_OCCASION_AFTER = lazy_compile(
    r"\s*(?:for|by|before|in\s+time\s+for)\s+(?:(?:the|your|my|this|next)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:season|summer|wedding|holidays?|vacation|christmas|party|beach|prom|reunion)\b",
    re.IGNORECASE,
)


def _for_occasion(ctx: MatchContext) -> bool:
    """The outcome promised for an occasion, and not wished for ("many women want slimmer arms
    for summer")."""
    doc = ctx.sentence.doc
    end = doc[ctx.last].idx + len(doc[ctx.last])
    if _OCCASION_AFTER.match(doc_text(doc), end, end + 60) is None:
        return False
    clause = clause_of(ctx)
    return not any(lemma in ctx.words.desire for lemma in _lemmas(ctx, clause.start, ctx.first))


_OFFER = lazy_compile(
    r"^\W*(?:try|grab|get|start|join|shop|buy|book|order|meet|discover|check\s+out|click|sign\s+up|"
    r"download|these|this|our|here(?:'s|’s|\s+is|\s+are))\b"
)


def _invited_then_offered(ctx: MatchContext) -> bool:
    """A sales invitation asked as a question ("Want slimmer thighs?", "Ready for a flatter
    tummy?") and answered with an offer ("Try these toners.", "Our plan …"): the outcome is sold.
    Answered with advice ("Forget crunches: eat a little less"), it is not."""
    text = ctx.sentence.text.rstrip(" \"'”’)*_")
    if not text.endswith("?"):
        return False
    opening = [_lemma(ctx, t) for t in ctx.sentence if not (t.is_punct or t.is_space)][:4]
    invited = bool(opening) and (
        ctx.words.invitation.starts(opening) or opening[0] in ("want", "ready", "craving")
    )
    return invited and bool(_OFFER.match(ctx.answer))


# What is offered for an outcome: "a plan to a flat stomach", "yoga for a flatter tummy".
_OFFERED = frozenset(
    """plan guide course class workshop routine workout session challenge method system secret
    tip trick hack recipe diet meal food drink exercise move stretch yoga pilates programme
    program app""".split()
)


def _aimed_at(ctx: MatchContext) -> bool:
    """Is the outcome what something offered is for ("your 30-day plan to a flat stomach", "Yoga
    for flat stomach", "tips for a slimmer waist")? A wish ("I want a flat stomach") is not."""
    index = ctx.first - 1
    while index >= ctx.sentence.start and _lemma_at(ctx, index) in ("a", "an", "the", "your"):
        index -= 1
    if index <= ctx.sentence.start or _lemma_at(ctx, index) not in ("for", "to", "towards"):
        return False
    offered = _lemma_at(ctx, index - 1)
    words = ctx.words
    return (
        offered in _OFFERED
        or offered in words.programme
        or offered in words.product
        or offered in words.exercise
    )


_NAME_TAILS = frozenset({"guarantee", "pack", "bundle", "method", "blueprint", "recipe"})


def _product_name(ctx: MatchContext) -> bool:
    """The outcome names what is sold: a product, plan or offer follows it ("Flat Tummy Tea",
    "Flat Tummy Recipe Pack", "the Flat Belly Challenge", "Flat Tummy Guarantee") or a
    number does in a title-cased name ("Flat Belly 30")."""
    doc = ctx.sentence.doc
    words = ctx.words
    following = [doc[i] for i in range(ctx.last + 1, min(ctx.sentence.end, ctx.last + 3))]
    for token in following:
        lemma = _lemma(ctx, token)
        if lemma in words.product or lemma in words.programme or lemma in _NAME_TAILS:
            return True
        if not (token.is_title or token.is_upper):
            break  # a name runs on only in capitals: "Flat Tummy Morning Tea"
    matched = [t for t in doc[ctx.first : ctx.last + 1] if t.is_alpha]
    capitalised = bool(matched) and all(t.is_title or t.is_upper for t in matched)
    if following and following[0].like_num and not following[0].is_punct:
        return capitalised
    # A time-boxed name: "the 21-Day Flat Tummy Glow-Up", "28-Day Tummy Trim Walk".
    before = doc_text(doc)[
        max(ctx.sentence.start_char, doc[ctx.first].idx - 14) : doc[ctx.first].idx
    ]
    return capitalised and _TIME_BOX.search(before) is not None


_TIME_BOX = lazy_compile(r"\b\d{1,2}[- ](?:day|week|night)s?\s*$", re.IGNORECASE)


# Finite forms that state a body part's change as fact: "my belly is flatter", "her waist went
# down 3 inches", "my jeans feel loose on the tummy".
_STATED = frozenset(
    {
        "is",
        "'s",
        "’s",
        "are",
        "'re",
        "’re",
        "was",
        "were",
        "has",
        "have",
        "had",
        "looks",
        "looked",
        "feels",
        "felt",
        "got",
        "gets",
        "went",
        "goes",
        "became",
        "becomes",
        "seems",
        "seemed",
        "sits",
        "sat",
        "stays",
        "stayed",
        "started",
        "starts",
        "began",
        "shrank",
        "shrunk",
        "dropped",
        "drops",
        "fit",
        "fits",
        "look",
        "feel",
        "seem",
        "sit",
        "stay",
    }
)
_UNREAL = frozenset(
    {
        "will",
        "would",
        "could",
        "can",
        "might",
        "may",
        "should",
        "must",
        "if",
        "when",
        "until",
        "unless",
        "whether",
        "to",
        "hope",
        "wish",
        "want",
        "dream",
        "imagine",
        "picture",
        "need",
    }
)


def _achieved(ctx: MatchContext) -> bool:
    """A testimonial states the change as having happened: the match holds a finite verb of
    being or change with the body part as its subject ("my belly is so much flatter, thank
    you!!", a quoted "my mom pooch is flatter"), with no wish, modal or condition before it in
    its clause ("I want a flatter stomach", "if your waist is smaller"). Only a quoted or
    exclaimed result counts: a writer's own account ("my tummy is flatter than it was at six
    weeks, …") reports a change and usually says why."""
    if not (ctx.in_blockquote or _inside_quotes(ctx) or _exclaimed(ctx) or _quote_field(ctx)):
        return False
    doc = ctx.sentence.doc
    stated = any(doc[i].lower_ in _STATED for i in range(ctx.first + 1, ctx.last + 1))
    if not stated:
        return False
    clause = clause_of(ctx)
    before = _lemmas(ctx, clause.start, ctx.first)
    if any(word in _UNREAL or word in ctx.words.desire for word in before):
        return False
    # A modal inside the match hedges it too: "your face may look slimmer".
    return not any(doc[i].lower_ in _UNREAL for i in range(clause.start, ctx.last + 1))


def _exclaimed(ctx: MatchContext) -> bool:
    """Does the sentence, or the short one after it, end in "!" (a customer's delight)?"""
    own = ctx.sentence.text.rstrip(" \"'”’)*_")
    after = ctx.next_sentence.strip().rstrip(" \"'”’)*_")
    return own.endswith("!") or (after.endswith("!") and len(after.split()) <= 8)


# What makes a body part smaller that is not fat: "the swelling in my ankle is smaller", "the
# wound on my belly", "the gap between my ab muscles after physio for diastasis".
_NOT_FAT = frozenset(
    {"swelling", "swollen", "swell", "bloating", "bloat", "bloated", "wound", "scar", "bruise"}
    | {"fluid", "oedema", "edema", "hernia", "fibroid", "diastasis", "sprain", "cast", "cyst"}
    | {"inflammation", "tumour", "tumor", "gap", "pregnancy", "pregnant", "postpartum"}
)


def _other_cause(ctx: MatchContext) -> bool:
    """Does the sentence put the change down to something other than fat?"""
    return any(t.lower_ in _NOT_FAT for t in ctx.sentence)


def _timed(ctx: MatchContext) -> bool:
    """A period set on the outcome in its clause: "flatter stomach within 2 weeks", "a slimmer
    waist in 21 days". A result given a deadline is sold, whoever it is told to."""
    doc = ctx.sentence.doc
    if _opened_by_period(ctx):
        return True
    clause = clause_of(ctx)
    end = min(clause.end, ctx.last + 8)
    if end <= ctx.last + 1:
        return False
    following = doc_text(doc)[
        doc[ctx.last].idx + len(doc[ctx.last]) : doc[end - 1].idx + len(doc[end - 1])
    ]
    found = DEADLINE_RE.search(following) or _PRODUCT_UNITS.search(following)
    return found is not None and found.start() <= 25


def _opened_by_period(ctx: MatchContext) -> bool:
    """A quoted result whose sentence opens with its period: "In the 30 days I lost 7 cm of
    waist" in a testimonial. A writer's own diary entry is left alone."""
    doc = ctx.sentence.doc
    opening = doc_text(doc)[doc[ctx.sentence.start].idx : doc[ctx.first].idx]
    if _PERIOD_FRAGMENTS.match(opening):
        return True  # a headline of fragments: "14 days, 20 minutes a day, one flat belly."
    opening = opening.lstrip(" \"“'‘*_")
    if len(opening) > 40 or not (DEADLINE_RE.match(opening) or _UNITS_USED.match(opening)):
        return False  # tested first: the quotation scan reads up to 2,000 characters back
    return ctx.in_blockquote or _quote_field(ctx) or _inside_quotes(ctx)


# A run of short fragments opened by a period, the outcome last: "14 days, 20 minutes a day, one
# flat belly", "Preheader: 3 weeks. 10 minutes a day. Your flattest tummy yet".
_PERIOD_FRAGMENTS = lazy_compile(
    r"^\W*(?:[a-z][\w ]{0,20}:\W*)?\d+[\s-]*(?:days?|nights?|weeks?)\s*[,.:–—]\s*"
    r"(?:[^,.:–—]{1,30}[,.:–—]\s*){1,3}"
    r"(?:one|a|an|your|the)?\s*$",
    re.IGNORECASE,
)


# A count of what was used, opening a testimonial as its period: "Three tubs in and 2 inches off
# each thigh", "Twelve sessions in, my love handles have vanished".
_PACKS = r"(?:bottles?|jars?|tubs?|packs?|box(?:es)?|bags?|sachets?)"
_UNITS_USED = lazy_compile(
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|a\s+couple\s+of)\s+"
    rf"(?:{_PACKS}|sessions?|classes|treatments?|wraps?)\s+in\b",
    re.IGNORECASE,
)


# A product's first units as the time it took: "smaller after one bottle", "by the second jar".
_PRODUCT_UNITS = lazy_compile(
    r"\b(?:after|from|by|in)\s+(?:one|a|a\s+single|the\s+first|your\s+first|my\s+first|the\s+second|two|three)\s+"
    rf"{_PACKS}\b",
    re.IGNORECASE,
)


_SEEING = frozenset({"see", "notice", "get", "have", "reveal", "enjoy", "achieve", "spot"})
_FUTURE = frozenset({"will", "'ll", "’ll", "can", "could", "should"})
_TIME_UNITS = frozenset({"day", "week", "month", "hour", "minute", "session", "night"})


def _told_to_reader(ctx: MatchContext) -> bool:
    """The outcome is forecast to the reader in its own clause: "you will see a slimmer waist",
    "you'll notice flatter abs", or a time to it: "2 weeks to see a slimmer tummy". "Many
    people want a slimmer waist" and "it takes months to see a flatter stomach" are neither."""
    doc = ctx.sentence.doc
    start = max(clause_of(ctx).start, ctx.first - 8)
    lemmas = [_lemma_at(ctx, i) for i in range(start, ctx.first)]
    texts = [doc[i].lower_ for i in range(start, ctx.first)]
    for position, lemma in enumerate(lemmas):
        if lemma not in _SEEING:
            continue
        before = texts[max(0, position - 3) : position]
        if "you" in before and any(word in _FUTURE for word in before):
            return True  # "you will see", "you'll notice", "you can get"
        if position >= 3 and texts[position - 1] == "to" and lemmas[position - 2] in _TIME_UNITS:
            if doc[start + position - 3].like_num:
                return True  # "2 weeks to see", "ten days to get"
    return False


def _woken_to(ctx: MatchContext) -> bool:
    """The outcome is what the reader wakes up with ("wake up with a flatter tummy", "wake up each
    morning to a visibly slimmer face"): "wake up with" or "wake up to" at most three words before
    it, told to the reader ("… and wake up with", "you'll wake up to"), not a habit or an
    explanation ("I used to wake up with", "most people wake up with")."""
    doc = ctx.sentence.doc
    start = max(clause_of(ctx).start, ctx.first - 10)
    words = [doc[i].lower_ for i in range(start, ctx.first)]
    for i in range(len(words) - 2):
        if words[i] not in _WAKE or words[i + 1] != "up":
            continue
        after = i + 2
        if words[after] in _EACH and after + 2 < len(words):
            after += 2  # "wake up each morning with", "wake up every day to"
        if words[after] not in ("with", "to") or len(words) - (after + 1) > 3:
            continue
        if i == 0:
            return True
        before = words[i - 1]
        return before in _WAKE_LEADS and not (
            before == "to" and i >= 2 and words[i - 2] in _HABIT_BEFORE_TO
        )
    return False


_WAKE = frozenset({"wake", "wakes", "waking", "woke", "woken"})
_EACH = frozenset({"each", "every", "the", "next", "tomorrow"})
_HABIT_BEFORE_TO = frozenset({"used", "want", "wants", "wanted", "like", "love", "hate", "tend"})
_WAKE_LEADS = frozenset(
    {"and", "you", "'ll", "’ll", "will", "then", "to", "so", "&", "can", "just", "simply", "&amp;"}
)

# The effort an outcome spares, right after it: "while you sleep", "without a single crunch".
_EFFORT_SPARED = lazy_compile(
    r"\s*(?:[\w'’-]+\s+){0,3}?(?:(?:even\s+)?(?:while|as)\s+(?:you|she|he|they|we|i|u)"
    r"(?:['’](?:re|s|m)|\s+(?:are|is|am))?\s+(?:sleep|sleeps|sleeping|nap|naps|napping|rest|rests|resting)\b|without\s+(?:any\s+|a\s+|one\s+)?"
    r"(?:single\s+)?(?:diet|diets|dieting|exercise|exercising|gym|effort|sweat|sweating|sit-?ups?|"
    r"crunch(?:es)?|squats?|lunges?|planks?|burpees?|push-?ups?|workouts?|working\s+out|surgery|needles)\b)"
    # and the phrase ends there: "… without surgery takes time" makes it a subject, not a promise
    r"(?=\s*(?:$|[.!?,;:)\]—–-]|(?:in|with|for|and|or|using|thanks)\b))",
    re.IGNORECASE,
)


def _effort_spared(ctx: MatchContext) -> bool:
    """The outcome is joined to the effort it spares: "a slimmer waist while you sleep", "a
    sculpted tummy without surgery". A wish is left alone ("I want flat abs without dieting")."""
    doc = ctx.sentence.doc
    end = doc[ctx.last].idx + len(doc[ctx.last])
    if _EFFORT_SPARED.match(doc_text(doc), end, end + 80) is None:
        return False
    clause = clause_of(ctx)
    before = _lemmas(ctx, clause.start, ctx.first)
    return not any(word in _UNREAL or word in ctx.words.desire for word in before)


def _forecast(ctx: MatchContext) -> bool:
    """A list item or table cell introduced as results the reader will get: the list's lead-in
    or the cell's column header says so ("What you'll notice", "Expected results")."""
    surface = ctx.words.forecast_surface
    return (
        ctx.block_kind in ("list_item", "table_cell")
        and surface is not None
        and surface.search(ctx.intro.translate(_APOSTROPHES)) is not None
    )


def _customer_result(ctx: MatchContext) -> bool:
    """The outcome reported of the seller's customers: "89% of users said their thighs looked
    slimmer", "members say their belly looks flatter", "my husband's moobs are smaller"."""
    before = ctx.sentence.doc[clause_of(ctx).start : ctx.first]
    if any(_lemma(ctx, token) in ctx.words.customer for token in before):
        return True
    # A share of them: "89% said their thighs looked slimmer", "9 out of 10 say …", "94% of
    # the girls who bought it said …" (the share may stand in the clause that introduces it).
    lead = ctx.sentence.doc[max(ctx.sentence.start, ctx.first - 16) : ctx.first]
    return _SHARE_SAYS.search(lead.text) is not None


_SHARE_SAYS = lazy_compile(
    r"(?:\d+(?:\.\d+)?\s*%|\b\w+\s+(?:out\s+)?of\s+(?:\d+|ten|five|four|three)\b)"
    r".{0,60}?\b(?:say|says|said|report|reports|reported|agree|agreed|noticed|saw|felt|found)\b",
    re.IGNORECASE,
)


def testimonial(ctx: MatchContext) -> bool:
    """Someone's result shown to sell: a customer or a named person is the subject ("Greg has
    dropped 27.5 lbs", "last round's winner went from 212 to 181 pounds"), or the words are a
    quoted first-person story. The writer's own diary ("I've lost 21 pounds since November") is
    not a testimonial."""
    doc = ctx.sentence.doc
    clause = clause_of(ctx)
    start = max(clause.start, ctx.first - 6)
    subject = [doc[i] for i in range(start, ctx.first)]
    words = ctx.words
    if _TYPICAL.search(ctx.sentence.text):
        return False  # "members lose 20 pounds on average": a typical result, a statistic
    if _BEFORE_AFTER.search(ctx.sentence.text):
        return True  # "Jenny before and after: 47 pounds lighter"
    if any(_lemma(ctx, token) in words.customer for token in subject):
        return True
    if any(
        token.text in ("I", "I'm", "I’m") or _lemma(ctx, token) in ("i", "my", "me")
        for token in subject
    ):
        return ctx.in_blockquote or _inside_quotes(ctx)
    if _title_cased(ctx.sentence):
        return False  # in a title-cased line every word looks like a name
    return any(_is_name(token) for token in subject[:3])


_TYPICAL = lazy_compile(
    r"\b(?:on\s+average|an\s+average|average|typical(?:ly)?|median)\b", re.IGNORECASE
)


def _quoted_story(ctx: MatchContext) -> bool:
    """A first-person story in quotation marks or a quoted block: "I finally got rid of my
    beer belly!" under a product's name."""
    first_person = any(
        token.text in ("I", "I'm", "I’m", "I've", "I’ve") or token.lower_ in ("my", "me")
        for token in ctx.sentence
    )
    return first_person and (ctx.in_blockquote or _inside_quotes(ctx))


# Fields that hold someone's words: a component's quote="…", a review's or testimonial's text.
_QUOTE_FIELDS = frozenset({"quote", "testimonial", "review"})


def _quote_field(ctx: MatchContext) -> bool:
    """Is the block a field that quotes a customer (``<Testimonial quote="…">``)?"""
    return ctx.key.lower() in _QUOTE_FIELDS


def _inside_quotes(ctx: MatchContext) -> bool:
    """Is the match inside quotation marks opened earlier in its block?"""
    at = ctx.sentence.doc[ctx.first].idx
    text = ctx.before + doc_text(ctx.sentence.doc)[max(0, at - 2000) : at]
    depth = 0
    for index, char in enumerate(text):
        if char in "“«":
            depth += 1
        elif char in "”»":
            depth = max(0, depth - 1)
        elif char == '"':
            depth = 0 if depth else 1
    return depth > 0


def _title_line(ctx: MatchContext) -> bool:
    """A sentence set as a title outside a heading: Title Case, no closing full stop."""
    text = ctx.sentence.text.rstrip()
    return not text.endswith((".", "!")) and _title_cased(ctx.sentence)


def _title_cased(sentence: Any) -> bool:
    long_words = [t.text for t in sentence if t.is_alpha and len(t.text) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def _is_name(token: Any) -> bool:
    """A person's name as written: capitalised, not a common word ("Nancy", not "Our" or "Results")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    text = token.text
    return (
        text[:1].isupper()
        and text[1:].islower()
        and token.is_alpha
        and len(text) > 2
        and text.lower() not in STOP_WORDS
        and text.lower() not in _NOT_NAMES
    )


# Capitalised words that open a sentence about a result and are not names.
_NOT_NAMES = frozenset(
    {
        "people",
        "women",
        "men",
        "users",
        "customers",
        "clients",
        "members",
        "patients",
        "readers",
        "dieters",
        "studies",
        "research",
        "researchers",
        "participants",
        "subjects",
        "most",
        "many",
        "average",
        "typical",
        "results",
        "lose",
        "drop",
        "shed",
        "burn",
        "imagine",
        "just",
        "total",
        "weight",
        "body",
        "today",
        "week",
        "month",
        "day",
        "year",
        "since",
        "after",
        "before",
        "still",
        "finally",
        "already",
        "overall",
    }
)


_BEFORE_AFTER = lazy_compile(r"\bbefore\s*(?:and|&|/|\+)\s*after\b", re.IGNORECASE)
# A before-and-after credited to something used: "after two weeks of SveltaHeat", "before and
# after the Lean Core Blueprint", "after 14 days with the wrap".
_BEFORE_AFTER_OF = lazy_compile(
    r"\b(?i:before\s*(?:and|&|/|\+)\s*after)\s+(?:\w+\s+){0,3}?(?:of|with|on|using)\s+"
    r"(?:the\s+|our\s+|my\s+)?[A-Z\d]",
)


def headline(ctx: MatchContext) -> bool:
    """The match is in a title, heading or page description: the copy a page sells itself with,
    also when a field label names it ("**Title:** …", "Subject line: …")."""
    return ctx.block_kind == "heading" or _headline_field(ctx) or _labelled_title(ctx)


# Fields a page sells itself with: front matter, and the props of a page component
# (<Hero title="…" subtitle="…">) or the strings a template passes on.
_HEADLINE_KEYS = frozenset({"title", "subtitle", "headline", "heading", "tagline", "description"})
# Fields and controls that ask the reader to act on the offer: a button, a call to action.
_CALL_KEYS = frozenset({"cta", "button", "action"})


def _headline_field(ctx: MatchContext) -> bool:
    # A paragraph has a key when its element's class names a headline role (class="tagline").
    return (
        ctx.block_kind in ("front_matter", "attribute", "paragraph") and ctx.key in _HEADLINE_KEYS
    )


def _call_to_action(ctx: MatchContext) -> bool:
    return ctx.block_kind == "control" or (ctx.block_kind == "attribute" and ctx.key in _CALL_KEYS)


# A paragraph that opens with a title field: video and email copy, caption banks, briefs.
_TITLE_FIELD = lazy_compile(
    r"^\W*(?:(?:video|episode|page|post|email|seo|meta)\s+)?(?:title|headline|subject(?:\s+line)?|tagline|"
    r"description)\W*:\W*$",
    re.IGNORECASE,
)


def _block_before_match(ctx: MatchContext) -> str:
    """The match's block up to the match: a field's label and what follows it ("**Best for:**")."""
    doc = ctx.sentence.doc
    return ctx.before + doc_text(doc)[ctx.sentence.start_char : doc[ctx.first].idx]


def _labelled_title(ctx: MatchContext) -> bool:
    opening = _block_before_match(ctx)
    colon = opening.find(":")
    return (
        0 < colon < 40
        and bool(_TITLE_FIELD.match(opening[: colon + 1]))
        and not opening[colon + 1 :].strip(" *_")
    )


# A field that says what a product is for: a table column's header or a card's label.
_USE_FIELD = lazy_compile(
    r"^\W*(?:best|ideal|good|great|made|designed|perfect)\s+for|^\W*targets?\W*$|^\W*(?:target(?:s|ed)?|"
    r"focus|problem|treatment|trouble)\s+(?:areas?|zones?|spots?)|^\W*(?:works|use|used|apply)\s+on|^\W*for\W*$",
    re.IGNORECASE,
)


def listed_for(ctx: MatchContext) -> bool:
    """The match fills a field that says what a product is for: a table cell under "Best for" or
    "Target area", or a card's "**Best for:** belly fat". The field's whole value is the body
    part, so "Best for: beginners who want a flatter tummy" is left to the other rules."""
    doc = ctx.sentence.doc
    tail = [t for t in doc[ctx.last + 1 : ctx.sentence.end] if not t.is_punct]
    if len(tail) > 2:
        return False
    if ctx.block_kind == "table_cell":
        header = ctx.intro.rsplit(";", 1)[-1].strip()
        lead = doc_text(doc)[ctx.sentence.start_char : doc[ctx.first].idx]
        return len(lead.strip(" *_").split()) <= 2 and bool(_USE_FIELD.match(header))
    if len(ctx.next_sentence.split()) > 3:
        return False  # "Target area: love handles. It won't remove fat there.": prose, not a field
    opening = _block_before_match(ctx)
    colon = opening.rfind(":")
    return (
        0 < colon < 30
        and len(opening[colon + 1 :].strip(" *_").split()) <= 2  # "Best for: stubborn belly fat"
        and bool(_USE_FIELD.match(opening[:colon].strip(" *_-•|")))
        and len(opening[:colon].split()) <= 3
    )


def realistic_pace(ctx: MatchContext) -> bool:
    """The claim states its amount and period, and the pace is one the guidance supports: "down
    1.2 kg in three weeks", "in 3 weeks you can maybe lose a kilo". Time words alone ("in 3
    weeks") do not make a quick fix when the figure beside them is a sustainable pace."""
    doc = ctx.sentence.doc
    last = doc[ctx.last]
    if _GUIDELINE_PACE.search(ctx.sentence.text):
        return True  # "aim for about 0.5–1 kg a week (NHS weight loss plan)": the guidance itself
    return sustainable(doc_text(doc)[doc[ctx.first].idx : last.idx + len(last)])


# The guideline pace, stated: "0.5–1 kg a week", "1-2 lb per week", "up to about 1 kg a week".
_GUIDELINE_PACE = lazy_compile(
    r"\b(?:0?[.,]5|half\s+a)\s*(?:[-–]|to)\s*1\s*(?:kg|kilos?|kilograms?)\s+(?:a|per|each)\s+week"
    r"|\b1\s*(?:[-–]|to)\s*2\s*(?:lbs?|pounds?)\s+(?:a|per|each)\s+week"
    r"|\bup\s+to\s+(?:about\s+|around\s+)?(?:1\s*(?:kg|kilo)|2\s*(?:lbs?|pounds?))\s+(?:a|per|each)\s+week",
    re.IGNORECASE,
)


def cited(ctx: MatchContext) -> bool:
    """The sentence carries its own citation (a numbered marker, an author-year, a DOI)."""
    from fitlint.rules.citations import DOI, NUMBERED_MARKER, author_years

    text = ctx.sentence.text
    return bool(NUMBERED_MARKER.search(text) or DOI.search(text) or any(author_years(text)))


_STUDY_WORDS = lazy_compile(
    r"\b(?:trial|trials|randomi[sz]ed|participants|subjects|volunteers|cohort|"
    r"both\s+groups|control\s+group|the\s+\w+\s+group)\b",
    re.IGNORECASE,
)


def study_finding(ctx: MatchContext) -> bool:
    """A result narrated from a trial the sentence cites: "In a six-week randomised trial, adults
    who did ab exercises lost no belly fat.[^1]" reports a finding; it promises nothing. An appeal
    ("found by researchers to be the best exercise …") is not a narrated trial."""
    if ctx.key in _FINDING_KEYS and ctx.sources:
        return True  # a study card's finding, linked to the study it reports
    return _STUDY_WORDS.search(ctx.sentence.text) is not None and (ctx.sources or cited(ctx))


_FINDING_KEYS = frozenset({"finding", "findings", "result", "conclusion", "takeaway"})


def caution(ctx: MatchContext) -> bool:
    """The sentence warns against the idea ("unrealistic rapid weight loss goals lead to …").
    A risk denied is a selling point, not a warning: "no diet, no exercise, no side effects",
    "no jitters, no crash", "risk-free"."""
    lemmas = _lemmas(ctx, ctx.sentence.start, ctx.sentence.end)
    amount = _states_weight_amount(lemmas)
    return any(
        not _risk_denied(lemmas, at) and not (amount and lemmas[at] in _WATER_WORDS)
        for at in ctx.words.caution.positions(lemmas)
    )


# A water-weight caveat beside a stated amount still promises the amount: "5-10 lbs gone, mostly
# water", "lose up to 10 pounds in the first week, both body fat and water weight".
_WATER_WORDS = frozenset({"water", "water-weight", "mostly"})
_WEIGHT_UNITS = frozenset(
    {"lb", "lbs", "pound", "pounds", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "stone"}
)


def _states_weight_amount(lemmas: list[str]) -> bool:
    return any(
        any(char.isdigit() for char in lemma) and after in _WEIGHT_UNITS
        for lemma, after in zip(lemmas, lemmas[1:])
    )


_RISK_DENIALS = frozenset({"no", "zero", "without", "nor", "minimal"})


def _risk_denied(lemmas: list[str], at: int) -> bool:
    """Is the caution word at ``at`` denied as a selling point ("no side effects", "zero risk",
    "without the crash", "risk-free")?"""
    before = lemmas[max(0, at - 2) : at]
    after = lemmas[at + 1 : at + 4]
    return (
        bool(_RISK_DENIALS.intersection(before))
        or after[:1] == ["free"]
        or after[:2] == ["-", "free"]
    )


_FOCUSED = frozenset({"focus", "focused", "target", "targeted", "specific", "centred", "centered"})


_RANKS = frozenset({"best", "top", "pick", "winner", "choice"})


def _area_name(ctx: MatchContext, matched_lemmas: list[str]) -> bool:
    """Is the match a capitalised name that opens with the area and goes on with a word of
    burning or blasting ("Belly Blast", "Thigh Burn")? "Burn Belly Fat" opens with a verb."""
    tokens = [t for t in ctx.sentence.doc[ctx.first : ctx.last + 1] if t.is_alpha]
    if len(tokens) < 2 or not all(t.is_title or t.is_upper for t in tokens):
        return False
    words = ctx.words
    return matched_lemmas[0] in words.area and any(
        lemma in words.agent or lemma in words.fat_verb or lemma in _SLIMMING_VERBS
        for lemma in matched_lemmas[1:]
    )


# Verbs that slim an area when a name puts them after it: "Tummy Trim Walk", "Waist Whittle".
_SLIMMING_VERBS = frozenset({"trim", "slim", "shrink", "whittle", "shred", "melt", "cinch", "tuck"})


_VENUE_NOUNS = frozenset(
    {"journal", "society", "association", "institute", "department", "school", "science", "expert"}
)


def _lost_last(ctx: MatchContext) -> bool:
    """Is the area named as where fat goes last ("lose fat from the legs last", "my hips last")?
    That is the order whole-body loss takes; nobody sells an area as the last to slim."""
    doc = ctx.sentence.doc
    after = [t.lower_ for t in doc[ctx.last + 1 : min(ctx.sentence.end, ctx.last + 3)]]
    return after[:1] == ["last"] or after[:2] == ["the", "last"]


def whole_body(ctx: MatchContext) -> bool:
    """The clause credits whole-body means (walking, a calorie deficit, sleep, more protein) and
    no targeted one: "walking can slim your waist" is not a spot-reduction promise. "Without
    dieting" and "while you sleep" deny a whole-body means instead of naming it."""
    words = ctx.words
    doc = ctx.sentence.doc
    clause = clause_of(ctx)
    if _made_easier(ctx, clause):
        return True
    if _lost_last(ctx):
        return True  # "Most women lose fat from the legs last": the order fat leaves in
    matched = set(range(ctx.first, ctx.last + 1))
    named = False
    lemmas = _lemmas(ctx, clause.start, clause.end)
    matched_lemmas = [_lemma(ctx, ctx.sentence.doc[i]) for i in range(ctx.first, ctx.last + 1)]
    if any(
        (lemma in words.agent or lemma in words.label)
        and (lemma.endswith(("er", "or")) or (lemma in words.agent and lemma not in words.fat_verb))
        for lemma in matched_lemmas
    ):
        # "a belly-buster diet", "Muffin Top Meltdown HIIT": a name sells the area, whatever the
        # means ("burn" and "slim" as verbs may still credit walking).
        return False
    if any(lemma in _LOCAL_WORDS for lemma in matched_lemmas):
        return False  # "target belly fat with these foods": aiming at an area is the promise
    surface = [doc[i].lower_ for i in range(ctx.first, ctx.last + 1)]
    if "than" in surface or "as" in surface[-2:]:
        return False  # "dieters lost twice as much belly fat as …": one means over another there
    if "of" in surface and any(doc[i].like_num for i in range(ctx.first, ctx.last + 1)):
        return False  # "walking makes you lose 1 kg of the belly fat": an amount of one area's fat
    if any(lemma in words.hype for lemma in matched_lemmas) and not any(
        lemma in _WHOLE_SCOPE for lemma in lemmas
    ):
        return False  # "jeera water and a walk melt tummy fat": fat destroyed where it sits
    if _taken_off_area(matched_lemmas, words):
        return False  # "a cardio burst that shreds fat off the upper arms": the area is named
    if _edibles_credited(ctx, clause):
        return False  # "foods that burn belly fat", "what to eat to lose arm fat"
    if _area_name(ctx, matched_lemmas):
        return False  # "Belly Blast Walks": a name that sells the area, whatever it trains
    if any(
        _lemma_at(ctx, i) in words.whole_body and doc[i + 1].lower_ in ("off", "away")
        for i in range(ctx.first, ctx.last)
    ):
        return False  # "walk away your muffin top": the means itself takes fat off the area
    if ctx.last + 1 < clause.end and doc[ctx.last + 1].lower_ == "first":
        return False  # "a morning walk burns belly fat first": the area said to go before the rest
    if _timed_outcome(ctx, clause.end):
        return False  # "flattens your stomach in as little as two weeks": a date for the area
    for before, after in zip(matched_lemmas, matched_lemmas[1:]):
        if before in words.area and any(after in means for means in words.targeted):
            return False  # "weight-loss chest workouts": a workout named for the area
    if any(
        lemma in words.product and lemma not in words.exercise and lemma not in words.area
        for lemma in matched_lemmas
    ):
        return False  # "our tea acts direct in the abdominal region": the product is the means
    if _targeted_phrase(lemmas, words):
        return False  # "chlorogenic acid reduced abdominal fat": a means named in two words
    for index in range(clause.start, clause.end):
        lemma = lemmas[index - clause.start]
        # A means is a thing or an activity, never a verb in the past: "my muscles got toned".
        targeted = any(lemma in means for means in words.targeted) and not (
            doc[index].lower_.endswith("ed") and doc[index].lower_ != lemma
        )
        if (
            index not in matched
            and targeted
            and not _whole_body_kind(lemmas, index - clause.start, words)
        ):
            return False
        if lemma in words.whole_body:
            before = _lemmas(ctx, max(clause.start, index - 2), index)
            if lemma == "overall" and index > clause.start and doc[index - 1].lower_ in _RANKS:
                continue  # "Best Overall for Belly Fat": a ranking, not whole-body fat loss
            if (
                lemma in ("walk", "run")
                and index + 1 < clause.end
                and lemmas[index + 1 - clause.start] in ("into", "out", "onto")
            ):
                continue  # "walk into February feeling lighter": a way of speaking, not a means
            if before and (before[-1] in words.area or before[-1] in _MUSCLE_AREAS):
                return False  # "core intervals", "belly cardio": whole-body means aimed at an area
            if index + 1 < clause.end and lemmas[index + 1 - clause.start] in words.area:
                continue  # "hormonal belly", "stress belly": a name for the area, not a means
            if before and before[-1] == "blood":
                continue  # "balances blood sugar": a level in the blood, not a way of eating
            if index + 1 < clause.end and lemmas[index + 1 - clause.start] in _VENUE_NOUNS:
                continue  # "a leading nutrition journal": where a study appeared, not a means
            if lemma == "calorie" and any(b in words.fat_verb for b in before):
                continue  # "chewing burns calories and may reduce facial fat": an outcome, not a means
            aimed = _lemmas(ctx, max(clause.start, index - 4), index)
            if any(w in _FOCUSED for w in aimed) and any(
                w in words.area or w in _MUSCLE_AREAS for w in aimed
            ):
                return False  # "oblique-focused HIIT", "belly-targeted cardio"
            if index in matched and any(
                _lemma(ctx, ctx.sentence.doc[i]) in words.area for i in range(ctx.first, index)
            ):
                return False  # "a belly reduction diet": the means is named for the area
            if lemma in _EDIBLES and before and (before[-1] in _SPECIFIC or before[-1].isdigit()):
                return (
                    False  # "eat these 5 foods", "this drink": a product sold, not a way of eating
                )
            if lemma in _LISTED_MEANS and any(b.isdigit() for b in before):
                return False  # "14 Tiny Habits That Help Flatten Your Stomach": a listicle's means
            if "than" in _lemmas(ctx, max(clause.start, index - 3), index) and "alone" in (
                _lemmas(ctx, index + 1, min(clause.end, index + 4))
            ):
                continue  # "three times more belly fat than with diet alone": the baseline
            if before and before[-1] in ("than", "like") and index > ctx.last:
                continue  # "burns belly fat 3x faster than running": the baseline, not the means
            if lemma == "sleep" and before and before[-1] in _WHEN_WORDS:
                continue  # "stick it on your navel before sleeping": a time, not a means
            denied_means = _lemmas(ctx, max(clause.start, index - 4), index)
            if any(
                b in ("without", "no", "skip", "instead", "while", "as", "despite", "whatever")
                for b in before
            ):
                continue
            if any(b in words.negation for b in denied_means):
                continue  # "I didn't change my diet at all": the means is denied, not named
            if any(
                a in words.negation for a in _lemmas(ctx, index + 1, min(clause.end, index + 5))
            ):
                continue  # "the spots diet and exercise can't reach": the means fails there
            named = True
    if not named and _whole_body_opening(ctx):
        return True
    if not named and not words.whole_body.find_phrase(lemmas):
        # The means in the clause that conditions this one: "belly fat gets burned when you eat
        # in a calorie deficit", "… if you walk every day".
        after = _lemmas(ctx, clause.end, min(ctx.sentence.end, clause.end + 14))
        if after[:1] and after[0] in ("when", "if", "once", "by", "through", "because"):
            return words.whole_body.find(after) >= 0
    return named or words.whole_body.find_phrase(lemmas)


# Words that make "sleep" a time of day rather than a habit: "before sleeping", "while you sleep".
_WHEN_WORDS = frozenset({"before", "after", "while", "during", "until", "at", "you", "we", "they"})


def _edibles_credited(ctx: MatchContext, clause: _Clause) -> bool:
    """Are foods or drinks picked out by what they do to the area ("foods that burn belly fat",
    "the best drink to flatten your stomach", "what to eat to lose arm fat")? A list of foods
    sold for one area is a local claim; eating less ("eating fewer snacks trims belly fat") and
    a diet as a whole stay whole-body means."""
    start = max(clause.start, ctx.first - _EDIBLE_REACH)
    before = _lemmas(ctx, start, ctx.first)
    if any(before[-len(lead) :] == lead for lead in _EAT_LEADS):
        return True
    for offset, lemma in enumerate(before):
        if lemma not in _EDIBLES or offset + 1 >= len(before):
            continue
        if offset and before[offset - 1] in _EATING_LESS:
            continue  # "eating fewer snacks": a way of eating, not foods that act on the area
        if before[offset + 1] in ("that", "which", "to", "for") and not any(
            word in _EDIBLE_BREAKS for word in before[offset + 1 :]
        ):
            return True
    return False


# "What to eat to lose arm fat": foods asked for by what they do.
_EAT_LEADS = (["what", "to", "eat", "to"], ["what", "to", "eat", "to", "help"])
# Words before a food that make it a way of eating ("eating fewer snacks", "cut sugary drinks").
_EATING_LESS = frozenset({"eat", "eating", "few", "fewer", "less", "little", "cut", "skip"})
# How far before the match the foods may stand ("high-fibre foods that you can add to your diet
# to help burn belly fat").
_EDIBLE_REACH = 12
# Words that end the stretch the foods govern: a new subject or a means of the reader's own.
_EDIBLE_BREAKS = frozenset({"and", "but", "while", "when", "if", "because", "walk", "exercise"})


def _timed_outcome(ctx: MatchContext, clause_end: int) -> bool:
    """Does a period of days or weeks follow the match in its clause ("… in 8 weeks")?"""
    doc = ctx.sentence.doc
    if ctx.last + 1 >= clause_end:
        return False
    rest = doc[ctx.last + 1 : clause_end].text
    found = _PERIOD_AFTER_MATCH.match(rest)
    return found is not None and found.group("per") is None


_PERIOD_AFTER_MATCH = lazy_compile(rf"\s*(?:[\w'’-]+\s+){{0,4}}?(?:{DEADLINE})", re.IGNORECASE)


# Words that widen a clause to the whole body: "melts fat everywhere, belly included".
_WHOLE_SCOPE = frozenset({"everywhere", "overall", "whole", "entire", "total", "all-over"})

_LOCAL_WORDS = frozenset(
    {"target", "targeted", "spot", "spot-reduce", "specifically", "pinpoint"}
    # acting on the fat where it sits: "methi water dissolves belly fat"
    | {"dissolve", "flush", "liquefy", "emulsify", "drain"}
)


def _made_easier(ctx: MatchContext, clause: _Clause) -> bool:
    """ "Yoga eases stress, so that it's easier to burn belly fat": what the clause before credits
    helps the loss along and takes no fat off the area, when the clause of the match names no
    targeted means ("this belt makes it easier to burn belly fat" sells the belt)."""
    if _lemmas(ctx, max(clause.start, ctx.first - 2), ctx.first) not in (
        ["easy", "to"],
        ["easier", "to"],
    ):
        return False
    targeted = ctx.words.targeted
    own = clause_of(ctx, tight=True)  # "…, so that it's easier to …" starts a clause of its own
    return not any(
        any(lemma in means for means in targeted) for lemma in _lemmas(ctx, own.start, ctx.first)
    )


def _taken_off_area(lemmas: list[str], words: ContextWords) -> bool:
    """Does the match take fat off, from or out of a named area: "fat off the upper arms", "the
    fat layer off your arms", "inches from your waist", "sweeps fat out of your midsection"?"""
    if not any(w in _FAT_TAKEN for w in lemmas):
        return False  # not "shed weight from the face", which overall fat loss does
    return any(
        (
            lemma in ("off", "from")
            or (lemma == "out" and lemmas[position + 1 : position + 2] == ["of"])
        )
        and any(w in words.area for w in lemmas[position + 1 :])
        for position, lemma in enumerate(lemmas)
    )


_FAT_TAKEN = frozenset({"fat", "flab", "layer", "inch", "cm", "centimetre", "centimeter"})
_SPECIFIC = frozenset({"this", "these", "our"})
# Whole-body means a listicle counts out ("14 tiny habits", "7 walks"); a count of steps or
# calories is a dose, not a list.
_LISTED_MEANS = frozenset(
    {"habit", "walk", "meal", "snack", "drink", "food", "recipe", "tip", "way"}
)
_EDIBLES = frozenset(
    {"food", "meal", "drink", "snack", "smoothie", "juice", "tea", "shake", "recipe", "superfood"}
    | {"spice", "herb", "fruit", "vegetable", "seed", "ingredient", "beverage", "tonic"}
)
_MUSCLE_AREAS = frozenset(
    {
        "core",
        "oblique",
        "obliques",
        "glute",
        "glutes",
        "ab",
        "abs",
        "tummy",
        "belly",
        "thigh",
        "arm",
    }
)


_RESHAPING = frozenset(
    {
        "flatten",
        "shrink",
        "slim",
        "trim",
        "whittle",
        "smaller",
        "slimmer",
        "flatter",
        "tighter",
        "inch",
        "cm",
        "centimetre",
        "centimeter",
    }
)


def _reshapes(ctx: MatchContext) -> bool:
    """The claim (or the measure just before it) is about the part's size, not its fat."""
    start = max(ctx.sentence.start, ctx.first - 2)
    return any(lemma in _RESHAPING for lemma in _lemmas(ctx, start, ctx.last + 1))


def antecedent_fat(ctx: MatchContext) -> bool:
    """The pronoun the claim is about points back to fat on a body part named just before it, in
    its sentence or the one before: "The biggest change was my back fat. They just melted.",
    "a mom pooch I thought I was stuck with. Three weeks in and it's gone." """
    words = ctx.words
    if words.deposit_surface is None or words.area_surface is None:
        return False
    doc = ctx.sentence.doc
    match_start = doc[ctx.first].idx
    own = doc_text(doc)[max(ctx.sentence.start_char, match_start - 300) : match_start]
    before = ctx.before.rstrip()[-400:]
    earlier = _PREVIOUS_SENTENCE.search(before)
    previous = earlier.group(1) if earlier else before[-200:]
    if earlier and len(previous.split()) <= 5 and previous.rstrip().endswith("!"):
        # A short exclamation between ("I thought the pooch was permanent. It's not! It was gone
        # by week three."): the sentence before it still holds the antecedent.
        further = _PREVIOUS_SENTENCE.search(before[: earlier.start(1)].rstrip())
        if further:
            previous = further.group(1) + " " + previous
    text = (previous + " " + own).lower()
    if words.deposit_surface.search(text):
        return True
    if _reshapes(ctx) and words.area_surface.search(text):
        # The claim slims or measures the part itself ("My thighs touched for years. This
        # slimmed them right down.", "Measured my tummy. 3.5 inches gone."): the part is enough.
        return True
    # An area with fat named near it ("my back fat"), or one called stubborn ("that stubborn
    # belly").
    for area in words.area_surface.finditer(text):
        near = text[max(0, area.start() - 40) : area.end() + 40]
        if (words.fat_noun_surface is not None and words.fat_noun_surface.search(near)) or (
            words.disliked_surface is not None
            and words.disliked_surface.search(text[max(0, area.start() - 25) : area.start()])
        ):
            return True
    return False


def slogan(ctx: MatchContext) -> bool:
    """The claim stands as a slogan: it opens its sentence (after "just", "only", a number or a
    label such as "SUPER:") and at most a few words follow it: "Only 5 minutes a day", "JUST 5
    MINUTES A DAY!", "Just 10 minutes a day on the plate". "I wore the belt for 20 minutes a
    day" reports what someone did."""
    doc = ctx.sentence.doc
    start = ctx.sentence.start
    for index in range(ctx.first - 1, start - 1, -1):
        if doc[index].text in (":", "|"):
            start = index + 1  # a label before the slogan: "SUPER:", "Tagline |"
            break
    before = [
        token
        for token in doc[start : ctx.first]
        if not (token.is_punct or token.is_space or token.like_num)
        and token.lower_ not in ("just", "only", "simply")
    ]
    after = [
        token
        for token in doc[ctx.last + 1 : ctx.sentence.end]
        if not (token.is_punct or token.is_space)
    ]
    return not before and len(after) <= _SLOGAN_TAIL


_SLOGAN_TAIL = 6  # words after a slogan's claim: "on your living room floor", "no sweat, no gym"


TESTS: dict[str, Callable[[MatchContext], bool]] = {
    "antecedent-fat": antecedent_fat,
    "negated": negated,
    "denied": denied,
    "question": question,
    "listed-for": listed_for,
    "realistic-pace": realistic_pace,
    "quoted": quoted,
    "reported": reported,
    "debunk": debunk,
    "hypothetical": hypothetical,
    "whole-body": whole_body,
    "targeting": targeting,
    "promoted": promoted,
    "headline": headline,
    "cited": cited,
    "study-finding": study_finding,
    "caution": caution,
    "testimonial": testimonial,
    "slogan": slogan,
}


# A seller's guarantee asserts the result it is conditioned on: "if your chest isn't flatter in
# 30 days, email me for a refund", "lose the belly in 60 days or your money back", "try it
# risk-free", "if you don't lose 3 inches, you pay nothing". Its "if", "not" and "risk" neither
# deny nor warn.
_GUARANTEE = lazy_compile(
    r"\b(?:refund(?:ed|s)?|money[\s-]*back|your\s+money|risk[\s-]*free|guaranteed?\s+or\b"
    r"|pay\s+nothing|(?:don[’']?t|won[’']?t)\s+pay|it[’']?s\s+free\b|or\s+it[’']?s\s+free"
    r"|send\s+(?:it|them)\s+back|return\s+(?:it|them)\s+(?:for|within)\b"
    # "… email us and you get every dollar back": the money back is the guarantee's own clause
    r"|\b(?:and\s+)?(?:you\s+)?(?:get|receive)\s+(?:every|each)\s+(?:dollar|penny|cent|euro|pound|rand|peso)\s+back\b"
    r"|\b(?:dollar|penny|cent)s?\s+back\b"
    # "guaranteed 5 inch waist loss", "guaranteed results": the result itself is guaranteed
    r"|(?<!\bnot\s)(?<!\bno\s)\bguaranteed\s+(?!or\b|by\b|that\b|if\b|for\b)(?=\w))",
    re.IGNORECASE,
)
_GUARANTEE_BLIND = frozenset({"negated", "denied", "hypothetical", "caution"})


_CLAUSE_TURN = lazy_compile(r"\b(?:but|and|although|though|while|whereas|yet|however)\b|[;.!?]")


def guaranteed(ctx: MatchContext) -> bool:
    """The match's clause, or the condition it states, offers a refund or a risk-free trial on
    the result ("… or your money back"; "if it isn't flatter in 30 days, get a refund"). A
    guarantee in another clause ("a full refund if you are not happy, but no cream can …") does
    not speak for this one. Only cues within a clause's reach of the match count."""
    doc = ctx.sentence.doc
    text = doc_text(doc)
    start, end = doc[ctx.first].idx, doc[ctx.last].idx + len(doc[ctx.last])
    low = max(ctx.sentence.start_char, start - _GUARANTEE_REACH)
    high = min(ctx.sentence.end_char, end + _GUARANTEE_REACH)
    for cue in _GUARANTEE.finditer(text, low, high):
        between = text[end : cue.start()] if cue.start() >= end else text[cue.end() : start]
        if _CLAUSE_TURN.search(between) is None:
            return True
    return False


_GUARANTEE_REACH = 200  # characters: a clause's length; keeps a run-on sentence linear


def excused(
    ctx: MatchContext, unless: frozenset[str], requires: frozenset[str] = frozenset()
) -> str | None:
    """Why the match is not a claim (a failed ``requires`` or a matching ``unless`` test), or None."""
    for name in sorted(requires):
        if not TESTS[name](ctx):
            return f"not {name}"
    guarantee: bool | None = None
    for name in sorted(unless):
        if name in _GUARANTEE_BLIND:
            if guarantee is None:
                guarantee = guaranteed(ctx)
            if guarantee:
                continue
        if TESTS[name](ctx):
            return name
    return None
