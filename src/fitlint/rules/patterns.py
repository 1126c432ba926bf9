"""The pattern language of phrase rules, and its compiled forms.

A pattern is a sequence of items separated by spaces::

    @reduce-verb away? & <local-fat>

- ``word``       a word, matched on its lemma ("burns", "burning" and "burned" all match burn)
- ``a|b|@lex``   any of several words, lexicons or phrases; ``_`` joins a multi-word option
                 (``slim_down``)
- ``@lexicon``   any entry of a lexicon (entries may be phrases: "love handles", "muffin top")
- ``<phrase>``   any of a named sub-pattern's forms (``phrases:`` in a pack): shared building
                 blocks such as ``<local-fat>`` or ``<duration>``
- ``*``          any one token
- ``#num``       a number, in digits ("28", "1,200", "2.5") or words ("three", "a dozen"), or a
                 range of two ("7 to 10", "5-7"); a range of two numbers of a lexicon such as
                 ``@few`` is one of its entries too
- ``[m-n]``      between m and n tokens of anything but a clause break (``[n]`` = exactly n)
- ``item+``      a coordinated list of the item ("hips, thighs and upper arms")
- ``item?``      an optional item (``item+?``: an optional list)
- ``!a|b``       the next word is not one of these (zero-width): ``without @effort !much``
- ``L & R``      both halves in one clause, in either order, up to 6 tokens apart (``&[m-n]``
                 sets the distance): ``@reduce-verb & <local-fat>``

Gaps never cross a clause break (the ``clause-break`` lexicon: ";", ":", "but", "although", …),
so "burn calories; your belly will thank you" does not read as "burn … belly".

Compiled forms:
- a regular expression over a sentence's lemma text (see :mod:`fitlint.nlp`), needing spaCy;
- a cheap pre-filter over the lower-cased raw text (word stems of each required item), which
  decides whether spaCy needs to run at all, and a second stage that checks the pattern's words
  stand in order and near each other.
"""

from __future__ import annotations

from itertools import product

import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import NamedTuple

from fitlint.data import irregular_forms
from fitlint.lazyregex import lazy_compile


class PatternError(ValueError):
    pass


class Item(NamedTuple):
    options: tuple[str, ...]  # literal words, "@lexicon", "<phrase>" or "#num"
    optional: bool = False
    repeat: bool = False  # a coordinated list: "A, B and C"


class AnyToken(NamedTuple):
    optional: bool = False


class NotNext(NamedTuple):
    options: tuple[str, ...]


class Gap(NamedTuple):
    low: int
    high: int


class Either(NamedTuple):
    """``&``: the items before and after it, in either order, ``low``-``high`` tokens apart."""

    low: int
    high: int


Piece = Item | AnyToken | Gap | NotNext | Either


class Grammar(NamedTuple):
    """What patterns refer to: lexicons, named sub-patterns, irregular forms, clause breaks."""

    lexicons: Mapping[str, tuple[str, ...]]
    phrases: Mapping[str, tuple[str, ...]] = {}
    forms: Mapping[str, tuple[str, ...]] = {}
    clause_breaks: tuple[str, ...] = ()


class ParsedPattern(NamedTuple):
    source: str
    items: tuple[Piece, ...]

    @property
    def lexicons(self) -> frozenset[str]:
        return frozenset(o[1:] for o in self._options() if o.startswith("@"))

    @property
    def phrases(self) -> frozenset[str]:
        return frozenset(o[1:-1] for o in self._options() if o.startswith("<"))

    def _options(self) -> list[str]:
        return [option for item in self.items if isinstance(item, Item) for option in item.options]

    def halves(self) -> tuple[tuple[Piece, ...], tuple[Piece, ...], Either] | None:
        """For an ``L & R`` pattern: L, R and the distance between them."""
        for index, item in enumerate(self.items):
            if isinstance(item, Either):
                return self.items[:index], self.items[index + 1 :], item
        return None


_GAP = lazy_compile(r"^\[(\d+)(?:-(\d+))?\]$")
_EITHER = lazy_compile(r"^&(?:\[(\d+)(?:-(\d+))?\])?$")
_WORD = lazy_compile(r"^[\w'’.%&+/=-]+$")  # \w: letters, digits and _
_LEXICON = lazy_compile(r"^@[a-z][a-z0-9-]*$")
_PHRASE = lazy_compile(r"^<[a-z][a-z0-9-]*>$")
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand dozen couple few"
).split()
# A stat card signs a loss: "-6 cm off her waist", "−3.2 kg".
_ONE_NUMBER = r"(?:[-−]?[0-9][0-9,.]*(?:[-–][0-9][0-9,.]*)?|" + "|".join(NUMBER_WORDS) + ")"
# A number or a range of two ("7 to 10", "5 - 7", "2 or 3"): a promise made with a range is
# made with its numbers.
_RANGE_JOINT = " (?:-|–|to|or) "
_NUMBER_REGEX = f"(?:{_ONE_NUMBER}(?:{_RANGE_JOINT}{_ONE_NUMBER})?)"
_MAX_GAP = 12
_EITHER_DEFAULT = Either(0, 6)
_MAX_LIST = 5  # more entries after the first in a coordinated list
# Coordinators of a list in lemma text (tokens joined by single spaces): ", and", "or", "/", …
_COORDINATOR = r"(?:, (?:and|or|&|plus) |, |and |or |& |/ |plus |and/or |\+ )"


@lru_cache(maxsize=4096)  # the loader validates each pattern and the matcher uses it: parse once
def parse_pattern(source: str) -> ParsedPattern:
    items: list[Piece] = []
    for piece in source.split():
        if piece.startswith("!"):
            options = tuple(option.lower() for option in piece[1:].split("|"))
            if not items or not isinstance(items[-1], Item | AnyToken | NotNext):
                raise PatternError(f"{piece!r}: write !word|word right after a word or lexicon")
            if not all(_WORD.match(o) for o in options):
                raise PatternError(f"{piece!r}: write !word|word right after a word or lexicon")
            items.append(NotNext(options))
            continue
        either = _EITHER.match(piece)
        if either:
            if any(isinstance(item, Either) for item in items):
                raise PatternError("a pattern takes one '&'")
            low = int(either.group(1)) if either.group(1) else _EITHER_DEFAULT.low
            high = (
                int(either.group(2) or either.group(1)) if either.group(1) else _EITHER_DEFAULT.high
            )
            if low > high or high > _MAX_GAP:
                raise PatternError(f"{piece} must be &[m-n] with m ≤ n ≤ {_MAX_GAP}")
            items.append(Either(low, high))
            continue
        gap = _GAP.match(piece)
        if gap:
            low = int(gap.group(1))
            high = int(gap.group(2)) if gap.group(2) else low
            if low > high or high > _MAX_GAP:
                raise PatternError(f"gap {piece} must be [m-n] with m ≤ n ≤ {_MAX_GAP}")
            if items and isinstance(items[-1], Gap | Either):
                raise PatternError("two gaps in a row")
            items.append(Gap(low, high))
            continue
        optional = piece.endswith("?") and len(piece) > 1
        body = piece[:-1] if optional else piece
        repeat = body.endswith("+") and len(body) > 1
        body = body[:-1] if repeat else body
        if body == "*":
            items.append(AnyToken(optional))
            continue
        options = tuple(body.split("|"))
        for option in options:
            valid = (
                option == "#num"
                or _LEXICON.match(option)
                or _PHRASE.match(option)
                or _WORD.match(option)
            )
            if not option or not valid:
                raise PatternError(f"{option!r} is not a word, @lexicon or <phrase>")
        options = tuple(o if o.startswith(("@", "<")) else o.lower() for o in options)
        items.append(Item(options, optional, repeat))
    if not items:
        raise PatternError("empty pattern")
    parsed = ParsedPattern(source, tuple(items))
    halves = parsed.halves()
    for part in (halves[0], halves[1]) if halves else (parsed.items,):
        _check_sequence(part)
    return parsed


def _check_sequence(items: tuple[Piece, ...]) -> None:
    if not items:
        raise PatternError("'&' needs items on both sides")
    last = items[-1] if not isinstance(items[-1], NotNext) else items[0]
    for edge in (items[0], last):
        if isinstance(edge, Gap | NotNext) or getattr(edge, "optional", False):
            raise PatternError(
                "a pattern (and each side of '&') must start and end with a required word or lexicon"
            )
    if not any(isinstance(item, Item) and not item.optional for item in items):
        raise PatternError("a pattern needs at least one required word or lexicon")


def _group_name(lexicon: str) -> str:
    return lexicon.replace("-", "_")


# -- the lemma regex --------------------------------------------------------------------------


_DETERMINERS = ("a", "an", "the", "your", "my", "her", "his", "their", "our", "this", "that")


def _is_reference(item: Item) -> bool:
    """Does the item name a lexicon or a phrase (rather than list literal words)?"""
    return any(option.startswith(("@", "<")) for option in item.options)


def compile_lemma_regex(
    pattern: ParsedPattern, grammar: Grammar, lemmatize: Callable[[str], str]
) -> str:
    """The regex (as a string) matching ``pattern`` in lemma text."""
    compiler = _LemmaCompiler(grammar, lemmatize)
    return f"(?<![^ ]){compiler.pattern(pattern)}(?![^ ])"


class _LemmaCompiler:
    def __init__(self, grammar: Grammar, lemmatize: Callable[[str], str]) -> None:
        import regex  # compiled with regex for its timeouts; needed only once a sentence is a candidate

        self.regex = regex
        self.grammar = grammar
        self.lemmatize = lemmatize
        # Longest first, then alphabetical: the same packs always give the same regex source
        # (compiled patterns are cached by it, see fitlint.rules.compiled).
        breaks = sorted(
            {lemmatize(b) for b in grammar.clause_breaks if b.strip()}, key=lambda b: (-len(b), b)
        )
        words = "|".join(regex.escape(b, literal_spaces=True) for b in breaks)
        # One token that is not a clause break: a gap's step.
        self.step = f"(?!(?:{words})(?![^ ]))[^ ]+" if words else "[^ ]+"
        # A determiner may stand before a lexicon or phrase reference that follows a word
        # directly: "the lazy way to <outcome>" reads "the lazy way to a flat stomach" too.
        determiners = sorted({lemmatize(d) for d in _DETERMINERS} | set(_DETERMINERS))
        self.determiner = "(?: (?:" + "|".join(regex.escape(d) for d in determiners) + "))? "

    def pattern(self, pattern: ParsedPattern, depth: int = 0) -> str:
        halves = pattern.halves()
        if halves is None:
            return self.sequence(pattern.items, depth)
        left, right, either = halves
        lhs, rhs = self.sequence(left, depth), self.sequence(right, depth)
        gap = self.gap(Gap(either.low, either.high))
        return f"(?:{lhs}{gap}{rhs}|{rhs}{gap}{lhs})"

    def gap(self, gap: Gap | None) -> str:
        if gap is None or gap.high == 0:
            return " "
        return f"(?: {self.step}){{{gap.low},{gap.high}}} "

    def sequence(self, items: tuple[Piece, ...], depth: int) -> str:
        out = ""
        gap: Gap | None = None
        for item in items:
            if isinstance(item, Gap):
                gap = item
                continue
            if isinstance(item, NotNext):
                words = "|".join(self._literal(option) for option in item.options)
                out += f"(?! (?:{words})(?![^ ]))"
                continue
            if isinstance(item, Either):  # only at the top level (see pattern)
                raise PatternError("'&' inside a phrase")
            body = "[^ ]+" if isinstance(item, AnyToken) else self.item(item, depth)
            joint = self.gap(gap)
            if gap is None and not isinstance(item, AnyToken) and _is_reference(item):
                joint = self.determiner
            if not out:
                out = body
            else:
                out += f"(?:{joint}{body})?" if item.optional else joint + body
            gap = None
        return out

    def item(self, item: Item, depth: int) -> str:
        alternatives: list[str] = []
        words: list[str] = []  # a run of literal words, written as one alternation
        for option in item.options:
            if option != "#num" and not option.startswith(("@", "<")):
                words.append(self._escaped(option))
                continue
            if words:
                alternatives.append(_alternation(words))
                words = []
            if option == "#num":
                alternatives.append(_NUMBER_REGEX)
            elif option.startswith("@"):
                name = option[1:]
                lemmas = {self.lemmatize(entry) for entry in self.grammar.lexicons[name]}
                entries = sorted(lemmas, key=lambda e: (-len(e), e))
                alt = _alternation(
                    [self.regex.escape(e, literal_spaces=True) for e in entries if e]
                )
                digits = [e for e in entries if e.isdigit()]
                if digits:
                    # A range of two of a lexicon's numbers is one of them too, as "#num" reads
                    # ranges: "in 7-10 days", "within 1 to 2 weeks" are short periods.
                    number = f"(?:{_alternation(digits)})"
                    alt = f"{number}(?:[-–]|{_RANGE_JOINT}){number}|{alt}"
                alternatives.append(f"(?P<{_group_name(name)}>{alt})")
            elif option.startswith("<"):
                if depth > 4:
                    raise PatternError(f"{option}: phrases nest too deeply")
                forms = [
                    self.pattern(parse_pattern(s), depth + 1)
                    for s in self.grammar.phrases[option[1:-1]]
                ]
                alternatives.append("(?:" + "|".join(forms) + ")")
        if words:
            alternatives.append(_alternation(words))
        body = "(?:" + "|".join(alternatives) + ")"
        if item.repeat:
            body = f"{body}(?: {_COORDINATOR}{body}){{0,{_MAX_LIST}}}"
        return body

    def _escaped(self, option: str) -> str:
        return self.regex.escape(self.lemmatize(option.replace("_", " ")), literal_spaces=True)

    def _literal(self, option: str) -> str:
        return _plural(self._escaped(option))


def _alternation(escaped: list[str]) -> str:
    """Words, in the order given, as one alternation, each also in its regular plural (see
    :func:`_plural`). The plural ending is written once after the words that take it rather than
    after each: a lexicon of a hundred entries compiles in a fraction of the time, and matches
    the same text."""
    plural = [e for e in escaped if _takes_plural(e)]
    other = [e for e in escaped if not _takes_plural(e)]
    parts = []
    if plural:
        parts.append("(?:" + "|".join(plural) + ")(?:e?s)?")
    parts.extend(other)
    return "|".join(parts)


def _plural(escaped: str) -> str:
    """A word also matches its regular plural: the lemma table lacks many nouns of fitness copy
    ("burpees", "glutes", "situps"), which then stay plural in lemma text."""
    return f"{escaped}(?:e?s)?" if _takes_plural(escaped) else escaped


def _takes_plural(escaped: str) -> bool:
    return escaped[-1:].isalpha()


# -- first pre-filter stage: word stems ---------------------------------------------------------

# Function words never make a good pre-filter anchor: nearly every block contains them.
_WEAK = frozenset(
    "a an the in on of to for with and or your you my our their this that these those is are be "
    "it its at by from as just only up down off out into per "
    # Auxiliaries and "not" hide in contractions ("don't", "won't", "isn't"): never an anchor.
    "not do does did will would can could am was were have has had".split()
    # A symbol standing for a word ("10 minutes = 1 hour"): no word stem to scan for.
    + ["="]
)


def _words(phrase: str) -> list[str]:
    """A phrase's words as both pre-filter stages read them: "slim_down", "belly-fat" → two words."""
    return phrase.lower().replace("_", " ").replace("-", " ").split()


def _phrases(option: str, lexicons: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return lexicons[option[1:]] if option.startswith("@") else (option,)


def _narrows(item: Piece) -> bool:
    """Can this item narrow the pre-filter? Both stages skip the same items, so the first part of a
    pattern's shape is its first pre-filter item. (An item with a function-word option is skipped
    too; see :func:`_phrase_alternatives` and :func:`_phrase_surface`.)"""
    # Numbers take too many forms to pre-filter on.
    return isinstance(item, Item) and not item.optional and "#num" not in item.options


def prefilter_stem(word: str) -> str:
    """The part of ``word`` (lower-cased) that its regular forms all contain, which the
    pre-filter looks for in the raw text."""
    stem = word
    if len(stem) >= 3 and stem.endswith("s") and not stem.endswith("ss"):
        stem = stem[:-1]  # plural entries: "thighs" must also find "thigh"
    if len(stem) > 3 and stem.endswith(("e", "y")):
        stem = stem[:-1]  # "lose" → "los" finds losing; "belly" → "bell" finds bellies
    return stem


def irregular_forms_of(table: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """From a lemma table (form -> lemma), each lemma's forms that do not contain its
    :func:`prefilter_stem` ("leave": "left"; "come": "came"; "try": "tried"): the pre-filter
    looks for these too, so "has left the building" still reaches "leave the building"."""
    found: dict[str, list[str]] = {}
    for form, lemma in table.items():
        if form.isalpha() and prefilter_stem(lemma) not in form:
            found.setdefault(lemma, []).append(form)
    return {lemma: tuple(sorted(forms)) for lemma, forms in sorted(found.items())}


@cache
def _stems(word: str, forms: tuple[str, ...]) -> frozenset[str]:
    """The stems under which ``word`` (lower-cased) or one of its irregular ``forms`` appears:
    the forms a pack lists and those the lemma table gives."""
    base = _regular_base(word)
    bases = (prefilter_stem(base),) if base else ()
    return frozenset((prefilter_stem(word), *bases, *forms, *irregular_forms().get(word, ())))


def _regular_base(word: str) -> str | None:
    """The base of a regular -ed or -ing form ("toned" → "ton", "slimming" → "slim"): the
    patterns match lemmas, so an option written "toned" also matches "tone" and "tones"."""
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeiousl":
                base = base[:-1]  # "slimming" → "slim"
            return base
    return None


def _phrase_alternatives(
    phrase: str, forms: Mapping[str, tuple[str, ...]]
) -> list[frozenset[str]] | None:
    """The stem sets that let ``phrase`` match; None when it has no informative word."""
    strong = [w for w in _words(phrase) if w not in _WEAK]
    if not strong:
        return None  # "in|within": "in" is everywhere, so the item filters nothing
    # Each word may appear in any of its forms: one stem set per word, all required.
    per_word = [_stems(word, forms.get(word, ())) for word in strong]
    if len(per_word) == 1:
        return [frozenset({stem}) for stem in per_word[0]]
    # A word with irregular forms ("go" in "go after": "went after") may stand in any of them:
    # one alternative per combination, sorted so the pre-filter is the same on every run.
    combinations = 1
    for stems in per_word:
        combinations *= len(stems)
    if combinations <= _MAX_COMBINATIONS:
        return [frozenset(c) for c in product(*(sorted(stems) for stems in per_word))]
    # Too many: require only the words that have one form (still a necessary condition).
    fixed = [next(iter(stems)) for stems in per_word if len(stems) == 1]
    return [frozenset(fixed)] if fixed else None


_MAX_COMBINATIONS = 16


def _sequences(pattern: ParsedPattern) -> list[tuple[Piece, ...]]:
    """The item sequences a pattern is made of: itself, or the two sides of '&'."""
    halves = pattern.halves()
    return [pattern.items] if halves is None else [halves[0], halves[1]]


def _option_alternatives(
    option: str,
    grammar: Grammar,
    memo: dict[str, tuple[list[frozenset[str]], bool]],
    depth: int = 0,
) -> tuple[list[frozenset[str]], bool]:
    """Stem sets of an option, and whether it is informative. A phrase option is as informative
    as the first narrowing item of each of its forms (a necessary condition, so never too strict)."""
    if option in memo:
        return memo[option]
    found: list[frozenset[str]] = []
    informative = True
    if option.startswith("<"):
        for source in grammar.phrases[option[1:-1]]:
            first = _first_informative(parse_pattern(source), grammar, memo, depth + 1)
            if first is None or depth > 4:
                informative = False
                continue
            found.extend(_item_alternatives(first, grammar, memo, depth + 1)[0])
    else:
        for phrase in _phrases(option, grammar.lexicons):
            sets = _phrase_alternatives(phrase, grammar.forms)
            if sets is None:
                informative = False
            else:
                found.extend(sets)
    memo[option] = (found, informative)
    return memo[option]


def _item_alternatives(
    item: Item, grammar: Grammar, memo: dict[str, tuple[list[frozenset[str]], bool]], depth: int = 0
) -> tuple[list[frozenset[str]], bool]:
    alternatives: list[frozenset[str]] = []
    informative = True
    for option in item.options:
        found, option_informative = _option_alternatives(option, grammar, memo, depth)
        alternatives.extend(found)
        informative = informative and option_informative
    return alternatives, informative and bool(alternatives)


def _first_informative(
    pattern: ParsedPattern,
    grammar: Grammar,
    memo: dict[str, tuple[list[frozenset[str]], bool]],
    depth: int = 0,
) -> Item | None:
    """The first required item of a phrase form that narrows the pre-filter (None if none does).
    Both stages anchor a phrase on it: a necessary condition for any form to match."""
    if pattern.halves() is not None or depth > 4:
        return None
    for item in pattern.items:
        if _narrows(item) and _item_alternatives(item, grammar, memo, depth)[1]:  # type: ignore[arg-type]
            return item  # type: ignore[return-value]
    return None


def prefilter_sets(
    pattern: ParsedPattern,
    grammar: Grammar,
    memo: dict[str, tuple[list[frozenset[str]], bool]] | None = None,
) -> list[list[frozenset[str]]]:
    """For each required, informative item: its alternatives, each the set of word stems that
    must all occur for that alternative ("love handles" needs both "lov" and "handl").

    ``memo`` may be shared across the patterns of one rule set: lexicons recur in many patterns.
    """
    memo = {} if memo is None else memo
    required: list[list[frozenset[str]]] = []
    for sequence in _sequences(pattern):
        for item in sequence:
            if not _narrows(item):
                continue
            alternatives, informative = _item_alternatives(item, grammar, memo)  # type: ignore[arg-type]
            if informative:
                required.append(alternatives)
    return required


def ordered_stems(
    pattern: ParsedPattern,
    grammar: Grammar,
    memo: dict[str, tuple[list[frozenset[str]], bool]] | None = None,
) -> list[list[frozenset[str]]]:
    """Per sequence of the pattern (itself, or each side of '&'), the word stems of each required,
    informative item, in the order the items must stand in the text: the pre-filter's cheapest
    test of order, run before any shape is built."""
    memo = {} if memo is None else memo
    sequences: list[list[frozenset[str]]] = []
    for sequence in _sequences(pattern):
        items = []
        for item in sequence:
            if not _narrows(item):
                continue
            alternatives, informative = _item_alternatives(item, grammar, memo)  # type: ignore[arg-type]
            if informative:
                items.append(frozenset().union(*alternatives))
        sequences.append(items)
    return sequences


def first_sets(
    pattern: ParsedPattern,
    grammar: Grammar,
    memo: dict[str, tuple[list[frozenset[str]], bool]] | None = None,
) -> list[list[frozenset[str]]] | None:
    """Per part of the pattern's shape (see :func:`surface_parts`), stem sets of the items that
    can begin it: the first informative item of the pattern, or of each side of ``L & R``. None
    when a part has no such item."""
    memo = {} if memo is None else memo
    parts: list[list[frozenset[str]]] = []
    for sequence in _sequences(pattern):
        for item in sequence:
            if not _narrows(item):
                continue
            alternatives, informative = _item_alternatives(item, grammar, memo)  # type: ignore[arg-type]
            if informative:
                parts.append(alternatives)
                break
        else:
            return None
    return parts


# -- second pre-filter stage: the pattern's shape over the raw sentence ---------------------------

_SLACK = 2  # extra surface words per token: "e.g." and "10,000" are one token but two words
# Word classes alternate (\w+ / \W+), so matching is polynomial in the gaps; three parts bound it.
_MAX_PARTS = 3


def _word_surface(word: str, forms: Mapping[str, tuple[str, ...]]) -> str | None:
    if word in _WEAK:
        return None
    stems = sorted(_stems(word, forms.get(word, ())), key=lambda stem: (-len(stem), stem))
    return "(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*"


def _phrase_surface(phrase: str, forms: Mapping[str, tuple[str, ...]]) -> str | None:
    """A lexicon entry or word option as surface words; None when it has no informative word."""
    out = ""
    room = 0
    for word in _words(phrase):
        body = _word_surface(word, forms)
        if body is None:
            room += 1 + _SLACK  # a function word: any word may stand in its place
            continue
        out = body if not out else out + rf"(?:\W+\w+){{0,{room + _SLACK}}}\W+" + body
        room = 0
    return out or None


def _width(item: Item, grammar: Grammar, depth: int = 0) -> int:
    """The most tokens an item can span."""
    widest = 1
    for option in item.options:
        if option.startswith("<"):
            forms = [parse_pattern(source) for source in grammar.phrases[option[1:-1]]]
            widest = max([widest, *(_pattern_width(form, grammar, depth + 1) for form in forms)])
        else:
            phrases = _phrases(option, grammar.lexicons)
            widest = max([widest, *(len(_words(phrase)) for phrase in phrases)])
            if option == "#num" or (option.startswith("@") and any(p.isdigit() for p in phrases)):
                widest = max(widest, 3)  # a range: "7 to 10"
    return widest * (1 + _MAX_LIST) + _MAX_LIST * 2 if item.repeat else widest


def _pattern_width(pattern: ParsedPattern, grammar: Grammar, depth: int = 0) -> int:
    if depth > 6:
        return _MAX_GAP * 4
    total = 0
    for item in pattern.items:
        if isinstance(item, Gap | Either):
            total += item.high
        elif isinstance(item, AnyToken):
            total += 1
        elif isinstance(item, Item):
            total += _width(item, grammar, depth)
    return total


class _Shape(NamedTuple):
    regex: str  # the item's words as they stand in raw text
    trailing: int  # most tokens of the item that may follow the last word the regex matches


# A list's coordinators in raw text: ", ", " and ", ", or ", " & ", "/".
_RAW_COORDINATOR = r"(?:\W+(?:and|or|plus|and/or))?\W+"


def _item_surface(item: Item, grammar: Grammar, depth: int = 0) -> _Shape | None:
    """The item's alternatives as surface words; None when it cannot narrow the pre-filter.
    A phrase option stands for the shape of each of its forms; a list for its entries joined
    by coordinators, so that neither needs a wide gap after it."""
    if not _narrows(item):
        return None
    alternatives: set[str] = set()
    trailing = 0
    for option in item.options:
        if option.startswith("<"):
            if depth >= 4:
                return None
            for source in grammar.phrases[option[1:-1]]:
                form = parse_pattern(source)
                if _first_informative(form, grammar, {}, depth + 1) is None:
                    return None
                shape = _sequence_surface(form.items, grammar, depth + 1)
                if shape is None:
                    return None
                alternatives.add(shape.regex)
                trailing = max(trailing, shape.trailing)
            continue
        for phrase in _phrases(option, grammar.lexicons):
            surface = _phrase_surface(phrase, grammar.forms)
            if surface is None:
                return None  # a function-word option: the item filters nothing
            alternatives.add(surface)
    if not alternatives:
        return None
    body = "(?:" + "|".join(_merged_alternatives(alternatives)) + ")"
    if item.repeat:
        body = f"{body}(?:{_RAW_COORDINATOR}{body}){{0,{_MAX_LIST}}}"
        trailing = trailing * (1 + _MAX_LIST) + 2 * _MAX_LIST if trailing else 0
    return _Shape(r"(?<![^\W\d_])" + body, trailing)


_ATOM = r"\(\?:[^()]*\)\\w\*"  # one word: (?:stem|stem)\w*
_SEPARATOR = r"\(\?:\\W\+\\w\+\)\{0,\d+\}\\W\+"  # room for words between two of them
_WORDS_SURFACE = re.compile(rf"(?:{_ATOM})(?:{_SEPARATOR}{_ATOM})*")
_PIECE = re.compile(rf"({_SEPARATOR})?({_ATOM})")


def _merged_alternatives(alternatives: set[str]) -> list[str]:
    """The alternatives as a shorter alternation that matches the same text: word sequences
    (``(?:love)\\w*(?:\\W+\\w+){0,2}\\W+(?:handl)\\w*``) share their common first words, as in
    a trie, and the one-word ones become one group of stems (a stem that another stem begins
    with adds nothing before ``\\w*``). A lexicon of a hundred entries then compiles as a few
    short groups."""
    trie: dict = {}
    rest = []
    for alternative in alternatives:
        if _WORDS_SURFACE.fullmatch(alternative) is None:
            rest.append(alternative)
            continue
        node = trie
        for piece in _PIECE.finditer(alternative):
            node = node.setdefault((piece.group(1) or "", piece.group(2)), {})
        node[None] = {}
    out = sorted(rest, key=lambda a: (-len(a), a))
    stems: set[str] = set()
    for (separator, atom), child in sorted(trie.items(), key=lambda kv: kv[0]):
        if set(child) == {None}:
            stems.update(atom[3:-4].split("|"))  # a one-word alternative: pool its stems
        else:
            out.append(_emit(atom, child))
    kept = sorted(
        (stem for stem in stems if not any(stem != o and stem.startswith(o) for o in stems)),
        key=lambda stem: (-len(stem), stem),
    )
    if kept:
        out.append("(?:" + "|".join(kept) + r")\w*")
    return out


def _emit(prefix: str, node: dict) -> str:
    """A trie node as regex: ``prefix`` then any of its continuations (optional if it can end)."""
    branches = [
        _emit(separator + atom, child)
        for (separator, atom), child in sorted(
            ((key, child) for key, child in node.items() if key is not None), key=lambda kv: kv[0]
        )
    ]
    if not branches:
        return prefix
    tail = "(?:" + "|".join(branches) + ")"
    return prefix + tail + ("?" if None in node else "")


def _sequence_surface(items: tuple[Piece, ...], grammar: Grammar, depth: int = 0) -> _Shape | None:
    out = ""
    parts = 0
    room = 0  # words that may stand between the previous part and the next
    for item in items:
        if parts == _MAX_PARTS:
            # A prefix of the parts is still necessary; what is left may follow the last one.
            room += _width(item, grammar) * (1 + _SLACK) if isinstance(item, Item) else 0
            room += item.high * (1 + _SLACK) if isinstance(item, Gap) else 0
            room += 1 + _SLACK if isinstance(item, AnyToken) else 0
            continue
        if isinstance(item, NotNext):
            continue  # zero-width: it can only narrow the lemma regex's matches
        if isinstance(item, Gap):
            room += item.high * (1 + _SLACK)
            continue
        if isinstance(item, AnyToken):
            room += 1 + _SLACK
            continue
        assert isinstance(item, Item)
        shape = _item_surface(item, grammar, depth)
        if shape is None:
            room += _width(item, grammar) * (1 + _SLACK)  # optional, a number, or function words
            continue
        out = shape.regex if not out else out + rf"(?:\W+\w+){{0,{room + _SLACK}}}\W+" + shape.regex
        parts += 1
        room = shape.trailing * (1 + _SLACK)
    if not out:
        return None
    return _Shape(out, (room + (1 + _SLACK) - 1) // (1 + _SLACK))


def surface_parts(pattern: ParsedPattern, grammar: Grammar) -> tuple[str, ...] | None:
    """Regexes over a sentence's lower-cased raw text that each match wherever the pattern's
    lemma regex could: each informative required item as a word starting with one of its stems,
    in the pattern's order, with room for more words between them than the lemma regex allows
    (a token may be several words). Sentences whose rule words are present but out of order or
    far apart fail and never reach spaCy. An ``L & R`` pattern has one part per side, each of
    which must be found, in either order (its distance is left to the lemma regex): the sides
    compile apart, so a large phrase shared by many patterns compiles once, and a sentence that
    fails the small side never compiles the large one. None when the pattern (or one side of
    '&') has no informative item."""
    parts = []
    for sequence in _sequences(pattern):
        shape = _sequence_surface(sequence, grammar)
        if shape is None:
            return None
        parts.append(shape.regex)
    return tuple(parts)
