"""The pattern language of phrase rules, and its two compiled forms.

A pattern is a sequence of items separated by spaces::

    burn|melt|@fat-verb [0-3] @body-part fat?

- ``word``       a word, matched on its lemma ("burns", "burning" and "burned" all match burn)
- ``a|b|@lex``   any of several words or lexicons; ``_`` joins a multi-word option (``slim_down``)
- ``@lexicon``   any entry of a lexicon (entries may be phrases: "love handles", "muffin top")
- ``*``          any one token
- ``#num``       a number, in digits ("28", "1,200", "2.5") or words ("three", "a dozen")
- ``[m-n]``      between m and n tokens of anything (``[n]`` = exactly n)
- trailing ``?`` makes a word or lexicon optional
- ``!a|b``       the next word is not one of these (zero-width): ``without @effort !much``

Compiled forms:
- a regular expression over a sentence's lemma text (see :mod:`fitlint.nlp`), needing spaCy;
- a cheap pre-filter over the lower-cased raw text (word stems of each required item), which
  decides whether spaCy needs to run at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import NamedTuple

from fitlint.lazyregex import lazy_compile


class PatternError(ValueError):
    pass


class Item(NamedTuple):
    options: tuple[str, ...]  # literal words, or "@lexicon"
    optional: bool = False


class AnyToken(NamedTuple):
    optional: bool = False


class NotNext(NamedTuple):
    options: tuple[str, ...]


class Gap(NamedTuple):
    low: int
    high: int


class ParsedPattern(NamedTuple):
    source: str
    items: tuple[Item | AnyToken | Gap | NotNext, ...]

    @property
    def lexicons(self) -> frozenset[str]:
        return frozenset(
            option[1:]
            for item in self.items
            if isinstance(item, Item)
            for option in item.options
            if option.startswith("@")
        )


_GAP = lazy_compile(r"^\[(\d+)(?:-(\d+))?\]$")
_WORD = lazy_compile(r"^[\w'’.%&+/-]+$")  # \w: letters, digits and _
_LEXICON = lazy_compile(r"^@[a-z][a-z0-9-]*$")
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand dozen couple few"
).split()
_NUMBER_REGEX = r"(?:[0-9][0-9,.]*(?:[-–][0-9][0-9,.]*)?|" + "|".join(NUMBER_WORDS) + ")"
_MAX_GAP = 12


@lru_cache(maxsize=4096)  # the loader validates each pattern and the matcher uses it: parse once
def parse_pattern(source: str) -> ParsedPattern:
    items: list[Item | AnyToken | Gap | NotNext] = []
    for piece in source.split():
        if piece.startswith("!"):
            options = tuple(option.lower() for option in piece[1:].split("|"))
            if not items or isinstance(items[-1], Gap) or not all(_WORD.match(o) for o in options):
                raise PatternError(f"{piece!r}: write !word|word right after a word or lexicon")
            items.append(NotNext(options))
            continue
        gap = _GAP.match(piece)
        if gap:
            low = int(gap.group(1))
            high = int(gap.group(2)) if gap.group(2) else low
            if low > high or high > _MAX_GAP:
                raise PatternError(f"gap {piece} must be [m-n] with m ≤ n ≤ {_MAX_GAP}")
            if items and isinstance(items[-1], Gap):
                raise PatternError("two gaps in a row")
            items.append(Gap(low, high))
            continue
        optional = piece.endswith("?") and len(piece) > 1
        body = piece[:-1] if optional else piece
        if body == "*":
            items.append(AnyToken(optional))
            continue
        options = tuple(option for option in body.split("|"))
        for option in options:
            if not option or not (option == "#num" or _LEXICON.match(option) or _WORD.match(option)):
                raise PatternError(f"{option!r} is not a word or @lexicon")
        items.append(Item(tuple(option.lower() if not option.startswith("@") else option for option in options), optional))
    if not items:
        raise PatternError("empty pattern")
    for edge in (items[0], items[-1] if not isinstance(items[-1], NotNext) else items[0]):
        if isinstance(edge, Gap) or getattr(edge, "optional", False):
            raise PatternError("a pattern must start and end with a required word or lexicon")
    if not any(isinstance(item, Item) and not item.optional for item in items):
        raise PatternError("a pattern needs at least one required word or lexicon")
    return ParsedPattern(source, tuple(items))


def _group_name(lexicon: str) -> str:
    return lexicon.replace("-", "_")


def compile_lemma_regex(
    pattern: ParsedPattern,
    lexicons: Mapping[str, tuple[str, ...]],
    lemmatize: Callable[[str], str],
) -> str:
    """The regex (as a string) matching ``pattern`` in lemma text."""
    import regex  # compiled with regex for its timeouts; needed only once a sentence is a candidate

    named: set[str] = set()
    out = ""
    gap: Gap | None = None
    for item in pattern.items:
        if isinstance(item, Gap):
            gap = item
            continue
        if isinstance(item, NotNext):
            words = "|".join(regex.escape(lemmatize(option.replace("_", " ")), literal_spaces=True) for option in item.options)
            out += f"(?! (?:{words})(?![^ ]))"
            continue
        if isinstance(item, AnyToken):
            body = "[^ ]+"
        else:
            alternatives: list[str] = []
            for option in item.options:
                if option == "#num":
                    alternatives.append(_NUMBER_REGEX)
                elif option.startswith("@"):
                    name = option[1:]
                    entries = sorted({lemmatize(entry) for entry in lexicons[name]}, key=len, reverse=True)
                    alt = "|".join(regex.escape(entry, literal_spaces=True) for entry in entries if entry)
                    group = _group_name(name)
                    if group not in named:
                        named.add(group)
                        alt = f"(?P<{group}>{alt})"
                    alternatives.append(f"(?:{alt})")
                else:
                    alternatives.append(regex.escape(lemmatize(option.replace("_", " ")), literal_spaces=True))
            body = "(?:" + "|".join(alternatives) + ")"
        if not out:
            out = body
        else:
            separator = " " if gap is None else f"(?: [^ ]+){{{gap.low},{gap.high}}} "
            out += f"(?:{separator}{body})?" if item.optional else separator + body
        gap = None
    return f"(?<![^ ]){out}(?![^ ])"


# Function words never make a good pre-filter anchor: nearly every block contains them.
_WEAK = frozenset(
    "a an the in on of to for with and or your you my our their this that these those is are be "
    "it its at by from as just only up down off out into per".split()
)


def _words(phrase: str) -> list[str]:
    """A phrase's words as both pre-filter stages read them: "slim_down", "belly-fat" → two words."""
    return phrase.lower().replace("_", " ").replace("-", " ").split()


def _phrases(option: str, lexicons: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return lexicons[option[1:]] if option.startswith("@") else (option,)


def _narrows(item: Item | AnyToken | Gap | NotNext) -> bool:
    """Can this item narrow the pre-filter? Both stages skip the same items, so the first part of a
    pattern's shape is its first pre-filter item. (An item with a function-word option is skipped
    too; see :func:`_phrase_alternatives` and :func:`_phrase_surface`.)"""
    # Numbers take too many forms to pre-filter on.
    return isinstance(item, Item) and not item.optional and "#num" not in item.options


@cache
def _stems(word: str, forms: tuple[str, ...]) -> frozenset[str]:
    """The stems under which ``word`` (lower-cased) or one of its irregular ``forms`` appears."""
    stem = word
    if len(stem) >= 3 and stem.endswith("s") and not stem.endswith("ss"):
        stem = stem[:-1]  # plural entries: "thighs" must also find "thigh"
    if len(stem) > 3 and stem.endswith(("e", "y")):
        stem = stem[:-1]  # "lose" → "los" finds losing; "belly" → "bell" finds bellies
    return frozenset((stem, *forms))


def _phrase_alternatives(phrase: str, forms: Mapping[str, tuple[str, ...]]) -> list[frozenset[str]] | None:
    """The stem sets that let ``phrase`` match; None when it has no informative word."""
    strong = [w for w in _words(phrase) if w not in _WEAK]
    if not strong:
        return None  # "in|within": "in" is everywhere, so the item filters nothing
    # Each word may appear in any of its forms: one stem set per word, all required.
    per_word = [_stems(word, forms.get(word, ())) for word in strong]
    if len(per_word) == 1:
        return [frozenset({stem}) for stem in per_word[0]]
    # Irregular forms of a word inside a phrase are rare; the shortest stem suffices (ties broken
    # alphabetically, so the pre-filter is the same on every run).
    return [frozenset(min(stems, key=lambda stem: (len(stem), stem)) for stems in per_word)]


def prefilter_sets(
    pattern: ParsedPattern,
    lexicons: Mapping[str, tuple[str, ...]],
    forms: Mapping[str, tuple[str, ...]],
    memo: dict[str, tuple[list[frozenset[str]], bool]] | None = None,
) -> list[list[frozenset[str]]]:
    """For each required, informative item: its alternatives, each the set of word stems that
    must all occur for that alternative ("love handles" needs both "lov" and "handl").

    ``memo`` may be shared across the patterns of one rule set: lexicons recur in many patterns.
    """
    memo = {} if memo is None else memo
    required: list[list[frozenset[str]]] = []
    for item in pattern.items:
        if not _narrows(item):
            continue
        alternatives: list[frozenset[str]] = []
        informative = True
        for option in item.options:
            if option not in memo:
                found: list[frozenset[str]] = []
                option_informative = True
                for phrase in _phrases(option, lexicons):
                    sets = _phrase_alternatives(phrase, forms)
                    if sets is None:
                        option_informative = False
                    else:
                        found.extend(sets)
                memo[option] = (found, option_informative)
            found, option_informative = memo[option]
            alternatives.extend(found)
            informative = informative and option_informative
        if informative and alternatives:
            required.append(alternatives)
    return required


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


def _width(item: Item, lexicons: Mapping[str, tuple[str, ...]]) -> int:
    """The most tokens an item can span."""
    return max([1, *(len(_words(phrase)) for option in item.options for phrase in _phrases(option, lexicons))])


def _item_surface(item: Item, lexicons: Mapping[str, tuple[str, ...]], forms: Mapping[str, tuple[str, ...]]) -> str | None:
    """The item's alternatives as surface words; None when it cannot narrow the pre-filter."""
    if not _narrows(item):
        return None
    alternatives = set()
    for option in item.options:
        for phrase in _phrases(option, lexicons):
            surface = _phrase_surface(phrase, forms)
            if surface is None:
                return None  # a function-word option: the item filters nothing
            alternatives.add(surface)
    if not alternatives:
        return None
    return r"(?<![^\W_])(?:" + "|".join(sorted(alternatives, key=lambda a: (-len(a), a))) + ")"


def surface_regex(
    pattern: ParsedPattern,
    lexicons: Mapping[str, tuple[str, ...]],
    forms: Mapping[str, tuple[str, ...]],
) -> str | None:
    """A regex over a sentence's lower-cased raw text that matches wherever the pattern's lemma
    regex could: each informative required item as a word starting with one of its stems, in the
    pattern's order, with room for more words between them than the lemma regex allows (a token
    may be several words). Sentences whose rule words are present but out of order or far apart
    fail it and never reach spaCy. None when the pattern has no informative item."""
    out = ""
    parts = 0
    room = 0  # words that may stand between the previous part and the next
    for item in pattern.items:
        if parts == _MAX_PARTS:
            break  # a prefix of the parts is still necessary, and keeps matching time small
        if isinstance(item, NotNext):
            continue  # zero-width: it can only narrow the lemma regex's matches
        if isinstance(item, Gap):
            room += item.high * (1 + _SLACK)
            continue
        if isinstance(item, AnyToken):
            room += 1 + _SLACK
            continue
        body = _item_surface(item, lexicons, forms)
        if body is None:
            room += _width(item, lexicons) * (1 + _SLACK)  # optional, a number, or function words
            continue
        out = body if not out else out + rf"(?:\W+\w+){{0,{room + _SLACK}}}\W+" + body
        parts += 1
        room = 0
    return out or None
