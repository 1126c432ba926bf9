"""Claim units and claim shapes: what a rewrite replaces, and which kind of sentence it is.

A *unit* is the smallest piece of copy a rewrite can replace and leave readable: a heading or
title (the part of it that holds the claim, when a colon, dash or bar splits it), a front-matter
value, a list item, or the clause of a sentence that holds the claim (sentences split at ``;``,
dashes and ``, but``). The unit's closing punctuation is never part of it, so it survives the
rewrite.

A *shape* says what kind of sentence the unit is, from its block and its words (no parser is
needed, so a rewrite depends on the unit, not on how a rule's pattern matched):

=============  ==========================================================================
title          a heading, a page or front-matter title, a button ("Flat Tummy Focus")
description    a front-matter or meta description, excerpt or summary
list-item      a list item or table cell that is a fragment ("A slim waistline")
testimonial    first person singular ("I lost 36 pounds in 28 days")
imperative     opens with a base-form verb ("Burn belly fat with these 5 moves")
rate           an amount lost over a period, said of no one in particular (rate rules)
product        names a product, device, supplement, treatment or food ("This tea melts belly fat")
workout        its subject is an exercise or a workout ("These moves burn belly fat")
claim          any other statement ("You will see results within three days")
=============  ==========================================================================

Everything here reads words from the rule packs' lexicons (``fat-area``, ``exercise-means``,
``product-means``, ``negation``, …) once per rule set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from fitlint.lazyregex import lazy_compile
from fitlint.document.frontmatter import LIST_KEYS
from fitlint.document.model import ProseBlock
from fitlint.document.sentences import split_sentences
from fitlint.rules.model import RewriteArea, RuleSet


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MAX_WORDS = 25  # a longer unit is rewritten by hand: a template would drop too much of it

WORD = lazy_compile(r"[A-Za-z0-9][A-Za-z0-9'’]*(?:[-.][A-Za-z0-9'’]+)*")
QUOTE_CHARS = '"“”«»„'
_SINGLE_QUOTED = lazy_compile(r"(?:^|[\s(\[])‘[^’]+’")
_TERMINAL = ".!?…"
# Titles: "How to Lose Chest Fat: Top 5 Exercises", "Burn Belly Fat | Site", "Slim Down - Day 1".
_SEGMENT_BREAK = lazy_compile(r":\s+|\s+[|–—·]\s+|\s+-{1,2}\s+")
# A label before a sentence: "Tip: …", "Pro tip: …", "NEW! …".
_LABEL = lazy_compile(r"\s*(?:[^\s:!?.]+(?:\s[^\s:!?.]+){0,2}:|[A-Z]{2,}!)\s+")
# Clauses of a sentence: "…; …", "… — …", "…, but …".
_CLAUSE_BREAK = lazy_compile(
    r";\s+|\s+[—–]\s+|\s+-{1,2}\s+|,\s+(?=(?:but|yet|so|though|although|while)\b)"
)
_CITATION = lazy_compile(
    r"\]\(|\{\{|\{%|<\?|\[\["  # a Markdown link or template code the reader left in the prose
    r"|\[\d+(?:\s*[,–-]\s*\d+)*\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]|\bdoi\b|\bpmid\b|\bet al\b|https?://"
    r"|\([A-Z][A-Za-z'’-]+(?: (?:et al\.?|and|&) [A-Z][A-Za-z'’-]+)?,? (?:19|20)\d\d[a-z]?\)"
    r"|\(\d+(?:Trusted Source)?\)",
    re.IGNORECASE,
)
# An amount over a period in words a rewrite keeps would keep the promise: "… in 14 days".
_TIMED = lazy_compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:-|–|to)?\s*\d*\s*(?:days?|weeks?|months?|hours?|nights?|minutes|mins|lbs?|pounds?"
    r"|kgs?|kilos?|kilograms?|inch(?:es)?|cm|sizes?|stones?)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = _words("i i'm i’m i've i’ve i'd i’d i'll i’ll my me myself mine")
_SECOND_PERSON = _words("you you'll you’ll you're you’re your")
_MODALS = _words(
    """can could will would may might should must shall help helps helped helping is are was
    were be been will't won't can't don't doesn't"""
)
_LEADS = _words("and but so yet or then now just simply also plus while though although whereas")
_PLURAL_DETERMINERS = _words(
    """these those many some all both several few two three four five six seven eight nine ten"""
)
_UNCOUNTABLE = _words("pilates barre yoga hiit fitness cardio training")
_TITLE_HEADS = _words(
    """focus plan plans workout workouts routine routines program programme programs challenge
    circuit tips guide class classes session sessions series method methods moves exercises
    ideas recipes meals dinners diet diets foods snacks habits steps strategies rules
    schedule journey club bootcamp camp"""
)
# Base-form verbs that open an imperative, besides the rule packs' fat and loss verbs.
_IMPERATIVE_VERBS = _words(
    """get try start transform see build sculpt tone tighten flatten shrink reduce eliminate
    banish zap ditch blast torch melt burn lose drop shed trim slim whittle target achieve
    watch discover make take use do follow join eat sip drink apply wear rub fight erase
    tackle attack firm lift define carve strip cut boost kickstart jumpstart unlock reveal
    flaunt score grab enjoy experience change reshape contour shape fit wave kiss say bid
    work train focus aim add incorporate combine crush shred sweat rev supercharge
    turbocharge fast-track expedite accelerate speed spot-reduce bust slash obliterate nuke
    torch dissolve vaporize eradicate cinch narrow"""
)


class WordMatcher:
    """Lexicon entries matched on lower-cased text, with regular endings (belly/bellies, burn/burns,
    burned, burning, quick/quickly): a cheap stand-in for lemmas that errs towards matching."""

    def __init__(self, entries: Iterable[str], exclude: Iterable[str] = ()) -> None:
        self._exclude = frozenset(exclude)
        words = sorted(
            {" ".join(e.lower().split()) for e in entries if e and e.strip()}, key=len, reverse=True
        )
        forms = []
        for entry in words:
            parts = [re.escape(part) for part in entry.split(" ")]
            last = parts[-1]
            if entry[-1:].isalpha():
                if entry.endswith("y"):
                    last = (
                        f"(?:{last}|{re.escape(entry.split(' ')[-1][:-1])}(?:ies|ied|ier|iest|ily))"
                    )
                last += r"(?:s|es|d|ed|ing|er|est|ly)?"
            forms.append(r"(?:[\s-]+)".join([*parts[:-1], last]))
        self._regex = (
            re.compile(r"(?<![\w’'])(?:" + "|".join(forms) + r")(?![\w’'])") if forms else None
        )

    def search(self, text: str) -> re.Match[str] | None:
        return next(iter(self.finditer(text)), None)

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        if self._regex is None:
            return ()
        return (m for m in self._regex.finditer(text.lower()) if m.group() not in self._exclude)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.search(text) is not None


@dataclass(frozen=True)
class Vocabulary:
    verbs: frozenset[str]  # base forms that can open an imperative
    verb_forms: WordMatcher  # any form of a verb that ends a subject ("burn", "burns", "can")
    claim: WordMatcher  # words that carry a promise, body parts included
    promise: WordMatcher  # the same without body parts
    product: WordMatcher
    exercise: WordMatcher
    hedge: WordMatcher  # negation, debunk, report, hypothesis, caution: not a plain claim
    areas: tuple[tuple[WordMatcher, RewriteArea], ...]
    abs: WordMatcher
    weight: WordMatcher


def _lexicon(ruleset: RuleSet, *names: str) -> list[str]:
    entries: list[str] = []
    for name in names:
        entries.extend(ruleset.lexicons.get(name, ()))
    return entries


def vocabulary(ruleset: RuleSet) -> Vocabulary:
    cached = ruleset.derived.get("rewrite-vocabulary")
    if cached is None:
        cached = ruleset.derived["rewrite-vocabulary"] = _build(ruleset)
    return cached


def _build(ruleset: RuleSet) -> Vocabulary:
    verbs = set(_IMPERATIVE_VERBS)
    for entry in _lexicon(
        ruleset, "fat-verb", "fat-verb-direct", "loss-verb", "accelerate", "farewell"
    ):
        verbs.add(entry.lower().split()[0])
    irregular = [form for lemma, forms in ruleset.forms.items() if lemma in verbs for form in forms]
    areas = _lexicon(ruleset, "fat-area", "fat-only-area")
    claim_words = _lexicon(
        ruleset,
        "fat-deposit",
        "fat-noun",
        "fat-verb",
        "fat-verb-direct",
        "fat-adjective",
        "slimmer",
        "slimming-label",
        "loss-verb",
        "reduce-noun",
        "loss-noun",
        "speed-word",
        "accelerate",
        "vanish",
        "farewell",
    )
    claim_words += [
        form for lemma, forms in ruleset.forms.items() for form in forms if lemma in claim_words
    ]
    claim_words += [
        "weight",
        "pound",
        "lb",
        "lbs",
        "kg",
        "kilo",
        "kilogram",
        "inch",
        "guarantee",
        "guaranteed",
        "effortless",
        "effortlessly",
        "miracle",
        "magic",
        "overnight",
        "spot",
        "targeted",
        "sleep",
        "autopilot",
        "slimming",
        "fat-burning",
        "weight-loss",
        "fat-loss",
        "six-pack",
        "6-pack",
        "sixpack",
        "washboard",
        "shredded",
        "ripped",
        "detox",
        "cleanse",
        "results",
    ]
    hedges = _lexicon(
        ruleset, "negation", "debunk", "report", "hypothesis", "caution", "contrast-opener"
    )
    hedges += [
        "n't",
        "n’t",
        "don't",
        "won't",
        "can't",
        "doesn't",
        "isn't",
        "aren't",
        "didn't",
        "myth",
        "myths",
    ]
    # "fasting" is no form of "fast": the packs' lemma overrides say which forms are not.
    not_forms = [form for form, lemma in ruleset.lemma_overrides.items() if form == lemma]
    area_matchers = tuple(
        (WordMatcher(area.words), area)
        for area in sorted(
            ruleset.rewrite_areas.values(), key=lambda a: -max(len(w) for w in a.words)
        )
    )
    return Vocabulary(
        verbs=frozenset(verbs),
        verb_forms=WordMatcher([*verbs, *irregular]),
        claim=WordMatcher([*claim_words, *areas], exclude=not_forms),
        promise=WordMatcher(claim_words, exclude=not_forms),
        product=WordMatcher(_lexicon(ruleset, "product-means", "product", "edible")),
        exercise=WordMatcher(_lexicon(ruleset, "exercise-means")),
        hedge=WordMatcher(hedges),
        areas=area_matchers,
        abs=WordMatcher(
            [
                "abs",
                "ab",
                "six-pack",
                "6-pack",
                "sixpack",
                "washboard",
                "shredded",
                "ripped",
                "toned",
                "tone",
                "core",
            ]
        ),
        weight=WordMatcher(
            [
                "weight",
                "pound",
                "lb",
                "lbs",
                "kg",
                "kilo",
                "kilogram",
                "fat",
                "inch",
                "size",
                "slim",
                "slimmer",
                "slimming",
                "belly",
                "waist",
            ]
        ),
    )


# -- units ----------------------------------------------------------------------------------------
class Unit(NamedTuple):
    start: int  # prose offsets in the block, closing punctuation excluded
    end: int
    sentence_start: bool  # the unit opens its sentence (or the block)
    terminal: str  # the punctuation that closes it in the copy ("", ".", "!", "?", …)
    sentence: tuple[int, int]  # prose offsets of the sentence (or title) that holds the unit


MAX_SENTENCE_CHARS = 5000


@lru_cache(maxsize=32)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """A block's sentences, split once however many findings it holds."""
    return tuple(split_sentences(text))


def find_unit(block: ProseBlock, start: int, end: int) -> Unit | None:
    """The unit of ``block`` that holds the match [start, end) (prose offsets), or None when the
    match crosses units it cannot be told apart from."""
    text = block.text
    title = shape_of_block(block) == "title"
    pieces = _sentences(text) or ((0, len(text)),)
    outer = next(((s, e) for s, e in pieces if s <= start and end <= e), None)
    if outer is None or outer[1] - outer[0] > MAX_SENTENCE_CHARS:
        return None  # a run-on "sentence" of thousands of words has no unit a rewrite could replace
    breaks = _SEGMENT_BREAK if title else _CLAUSE_BREAK
    parts, cursor = [], outer[0]
    for found in breaks.finditer(text, outer[0], outer[1]):
        parts.append((cursor, found.start()))
        cursor = found.end()
    parts.append((cursor, outer[1]))
    unit = next(((s, e) for s, e in parts if s <= start and end <= e), outer)
    first = unit == outer or unit[0] == outer[0]
    s, e = unit
    label = None if title else _LABEL.match(text, s, e)
    if label is not None and label.end() <= start:
        s = label.end()  # "Tip: burn belly fat …": the label stays, the clause after it is the unit
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    terminal_end = e
    while e > s and (text[e - 1] in _TERMINAL or text[e - 1] == ":" and not title):
        e -= 1
    if not (s <= start and end <= max(e, start)):
        return None
    return Unit(s, e, first, text[e:terminal_end], outer)


# Front matter keys set as a title: the page's own, and a landing page's hero and buttons.
_TITLE_KEYS = frozenset(
    {"title", "subtitle", "name", "headline", "heading", "subheading", "cta", "cta_text"}
    | {"button_text"}
)


def shape_of_block(block: ProseBlock) -> str | None:
    """The shape the block alone decides, if any."""
    if block.kind == "heading" or block.kind == "control":
        # A heading that is a full sentence ("In just 4 weeks, you can lose …, and more.") is read
        # by its grammar.
        text = block.text.rstrip()
        return None if text.endswith(".") and len(WORD.findall(text)) > 6 else "title"
    if block.kind == "front_matter":
        if block.key in ("quote", "testimonial", "review"):
            return "testimonial"  # someone's words, nested in a landing page's front matter
        titled = block.key in _TITLE_KEYS or block.key in LIST_KEYS
        return "title" if titled else "description"
    return None


def title_like(text: str, terminal: str) -> bool:
    """A line of body copy set as a title: Title Case, short, no closing full stop."""
    return (
        not terminal.startswith((".", ":"))
        and len(WORD.findall(text)) <= 12
        and case_style(text) == "title"
    )


# -- words of a unit ---------------------------------------------------------------------------
class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def clean(text: str, vocab: Vocabulary) -> bool:
    """Can this text be kept beside a rewrite (a subject, a means)? It must hold no promise word
    (a body part alone is none: "these arm moves") and no amount over a period, or the rewrite
    would keep what it was meant to remove."""
    return vocab.promise.search(text) is None and _TIMED.search(text) is None


def clean_edges(before: str, after: str, vocab: Vocabulary) -> bool:
    """Can these words stay on either side of a rewrite? No amount over a period anywhere, and no
    promise word next to the new words, where it would attach to them ("quick | weight loss")."""
    if _TIMED.search(before) or _TIMED.search(after):
        return False
    near = (
        " ".join(w.text for w in tokens(before)[-2:])
        + " | "
        + " ".join(w.text for w in tokens(after)[:2])
    )
    return vocab.claim.search(near) is None


def is_first_person(words: Sequence[Token]) -> bool:
    return any(w.lower in _FIRST_PERSON for w in words)


def opens_with_verb(words: Sequence[Token], vocab: Vocabulary) -> int | None:
    """Index of the base-form verb that opens an imperative ("Just burn …" → 1), or None."""
    index = 0
    while index < len(words) - 1 and words[index].lower in _LEADS:
        index += 1
    if index < len(words) and words[index].lower in vocab.verbs:
        following = words[index + 1].lower if index + 1 < len(words) else ""
        if following not in _MODALS:  # "Burn fat is …", "Cut calories will …": not imperatives
            return index
    return None


def subject_end(words: Sequence[Token], vocab: Vocabulary) -> int | None:
    """Index of the word that ends the unit's subject (its first verb or modal), or None when the
    unit opens with no plain subject (a relative clause, an infinitive, a pronoun)."""
    for index, word in enumerate(words[:8]):
        if word.lower in _NOT_IN_SUBJECT:
            return None
        if index and (word.lower in _MODALS or vocab.verb_forms.search(word.text) is not None):
            return index
    return None


_NOT_IN_SUBJECT = _words(
    """that which who whom whose to if when while because it they you we i he she"""
)


def plural(subject: Sequence[Token]) -> bool:
    if not subject:
        return False
    if any(w.lower in _PLURAL_DETERMINERS for w in subject[:-1]):
        return True
    if any(w.lower.isdigit() and w.lower != "1" for w in subject[:-1]):
        return True
    heads = [w.lower for w in subject if w.text[:1].isalpha()]
    if not heads:
        return False
    head = heads[-1]
    if head in _UNCOUNTABLE:
        return False
    return head.endswith("s") and not head.endswith(("ss", "us", "is"))


def third_person(verb_phrase: str) -> str:
    """'strengthen your core' → 'strengthens your core'."""
    verb, _, rest = verb_phrase.partition(" ")
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        verb += "es"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        verb = verb[:-1] + "ies"
    else:
        verb += "s"
    return f"{verb} {rest}" if rest else verb


_MEANS = lazy_compile(r"\s(?:with|using|through)\s", re.IGNORECASE)


def means_start(text: str, after: int, vocab: Vocabulary) -> int | None:
    """Offset of a trailing means phrase ("… with these 5 moves") that starts at or after
    ``after`` and names exercise, not a product, and promises nothing; None if there is none."""
    for found in reversed(list(_MEANS.finditer(text))):
        if found.start() < after:
            break
        phrase = text[found.start() + 1 :]
        if len(phrase.split()) > 8:
            continue
        if (
            vocab.exercise.search(phrase)
            and not vocab.product.search(phrase)
            and clean(phrase, vocab)
        ):
            return found.start() + 1
    return None


def area_of(
    text: str,
    captured: Iterable[str],
    vocab: Vocabulary,
    match: tuple[int, int] | None = None,
) -> RewriteArea | None | bool:
    """The one body-part group the claim names: from the words the match captured, else from the
    unit. None when it names none a rewrite knows; False when it names several, the match's own
    words included ("Tummy, Arms & Thighs Sculpted": a capture holds only the last of a list)."""
    in_unit = _areas_in(text, vocab)
    if match is not None:
        named = {area.name for s, e, area in in_unit if match[0] <= s and e <= match[1]}
        if len(named) > 1:
            return False
    lowered = text.lower()
    for value in captured:
        # The unit's own words around the captured ones: "the inner thighs" when "thighs" matched.
        value = value.lower()
        groups = {
            area.name: area
            for s, e, area in in_unit
            if value in lowered[s:e] or lowered[s:e] in value
        }
        if len(groups) != 1:
            groups = {area.name: area for _, _, area in _areas_in(value, vocab)}
        if len(groups) == 1:
            return next(iter(groups.values()))
        if len(groups) > 1:
            return False
    groups = {area.name: area for _, _, area in in_unit}
    if len(groups) == 1:
        return next(iter(groups.values()))
    return False if groups else None


def _areas_in(text: str, vocab: Vocabulary) -> list[tuple[int, int, RewriteArea]]:
    found = [
        (m.start(), m.end(), area) for matcher, area in vocab.areas for m in matcher.finditer(text)
    ]
    # "inner thighs" names the inner thighs, not the thighs: a match inside a longer one goes.
    return [
        f
        for f in found
        if not any(o[0] <= f[0] and f[1] <= o[1] and o[1] - o[0] > f[1] - f[0] for o in found)
    ]


def outcome_of(text: str, vocab: Vocabulary) -> str:
    """What a quick-fix promise promises: 'abs', 'weight', or 'results' (anything else)."""
    abs_ = vocab.abs.search(text) is not None
    weight = vocab.weight.search(text) is not None
    if abs_ and not weight:
        return "abs"
    if weight and not abs_:
        return "weight"
    return "results"


def cites(block: ProseBlock, unit: Unit) -> bool:
    """A link, footnote or citation marker inside the unit (or closing it), or a link or template
    tag that the reader could not take apart."""
    if any(link.prose_start < unit.end + 1 and unit.start < link.prose_end for link in block.links):
        return True
    if any(unit.start <= offset <= unit.end + 1 for offset, _ in block.footnote_refs):
        return True
    return _CITATION.search(block.text[unit.start : unit.end + 4]) is not None


def quoted(text: str) -> bool:
    return any(ch in text for ch in QUOTE_CHARS) or _SINGLE_QUOTED.search(text) is not None


# -- case ---------------------------------------------------------------------------------------
_SMALL_WORDS = _words("""a an and as at but by for from in into nor of on or per the to via with""")
_KEEP_CASE = lazy_compile(r"\d|^(?:kg|lb|lbs|cm)$")


def case_style(text: str) -> str:
    """'upper', 'title', 'sentence' or 'lower': how the unit's words are capitalised."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and letters[0].islower():
        return "lower"  # "## burn belly fat fast" stays in lower case
    words = [w for w in WORD.findall(text) if w[:1].isalpha()]
    if len(words) >= 2 and letters and all(ch.isupper() for ch in letters):
        return "upper"
    long = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(long) >= 2 and sum(w[:1].isupper() for w in long) / len(long) >= 0.7:
        return "title"
    return "sentence"


def title_case(text: str, first: bool = True) -> str:
    out = []
    for index, word in enumerate(text.split(" ")):
        if _KEEP_CASE.search(word) or not word[:1].isalpha() and not word[1:2].isalpha():
            out.append(word)
        elif (index or not first) and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


def apply_case(text: str, style: str, at_start: bool) -> str:
    if style == "upper":
        return text.upper()
    if style == "title":
        return title_case(text, first=at_start)
    if at_start and style != "lower":
        return text[:1].upper() + text[1:]
    return text
