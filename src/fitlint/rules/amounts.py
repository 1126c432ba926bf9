"""Amounts lost and the periods they are lost in, as copy writes them: "10 lbs in a week", "a
dress size in 7 days", "from 90 kg to 81 kg in a month", "In just 4 weeks, you can lose 10 lbs",
and a paragraph's testimonial whose period stands in the sentence before ("By day five I had more
energy. I was down 3 pounds."). A building block the rate rules and the context tests share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from fitlint.lazyregex import lazy_compile
from fitlint.rules.periods import (
    COUNT,
    NUM,
    NUMBER_WORDS,
    OPENING_PERIOD_RE,
    PERIOD,
    PERIOD_RE,
    UNITS_OF_TIME,
)

_RANGE = rf"(?P<amount>{NUM})(?:\s*(?:-|–|to)\s*(?P<amount_high>{NUM}))?"
_UNIT = (
    r"(?P<unit>lbs?\b|pounds?|kgs?\b|kilograms?|kilos?|stones?|st\b|(?:dress|clothes|clothing|jeans?|pants?|trousers?|skirt)\s+sizes?|sizes?|"
    r"inch(?:es)?|in\.|cm\b|centimet(?:re|er)s?)(?:\.(?=[ \t]+[a-z]))?"
)
_LOSS = (
    r"(?:los(?:e|es|t|ing)|loss(?:es)?|drop(?:ped|ping|s)?|shed(?:ding|s)?|melt(?:ed|s|ing)?|burn(?:ed|t|s|ing)?|"
    r"took\s+off|take\s+off|taking\s+off|slim(?:s|med|ming)?\s+down|trim(?:s|med|ming)?|gone|down|"
    r"obliterat(?:e|ed|es|ing)|ditch(?:ed|es|ing)?|torch(?:ed|es|ing)?|knock(?:ed|s|ing)?\s+off|"
    # A girth or size taken down: "shrink your waist 1 inch a week", "reduce waist size by 2
    # inches in 30 days".
    r"shr(?:ink(?:s|ing)?|ank|unk)|reduc(?:e|es|ed|ing)|whittl(?:e|es|ed|ing)|"
    # British for losing it: "helped readers shift half a stone in a fortnight".
    r"shift(?:s|ed|ing)?)"
)
# After the amount: "5 kg gone", "3 kg lighter", and the amount doing the going: "watch up to
# 3 kg fall off", "10 lbs melted away".
_AFTER_AMOUNT = (
    r"(?:gone|down|lighter|smaller|slimmer|thinner|off|less|reduction|loss|lost|drop|"
    r"vanish(?:es|ed|ing)?|disappear(?:s|ed|ing)?|"
    r"(?:fall|falls|fell|falling|melt|melts|melted|melting|drop|drops|dropped|dropping|come|comes|came|"
    r"coming|slide|slides|slid|sliding)[ \t]+(?:off|away))"
)
# An amount of something other than the body: "we lost 3 kg of frozen peas".
_OF_SOMETHING_ELSE = (
    r"\s+of\s+(?!(?:pure\s+|body\s+|belly\s+|stubborn\s+|visceral\s+|excess\s+|their\s+|my\s+|your\s+|her\s+|his\s+)?"
    r"(?:fat|weight|flab|water|bodyweight|body|belly|muscle|bloat)\b)[a-z]"
)
# What the amount is of, when said: "1 kg of fat gone", "3 lbs of belly fat in a week".
_OF_FAT = (
    r"(?:[ \t]+of[ \t]+(?:pure[ \t]+|body[ \t]+|belly[ \t]+|stubborn[ \t]+)?(?:fat|weight|flab))"
)
_FRAGMENT_PREFIX = r"(?:(?:minus|another|a[ \t]+whopping|whopping|up[ \t]+to|over|nearly|almost)[ \t]+|[-−–][ \t]?)?"
# The period that ends a verbless headline: "in one week!", "within just 10 days", "in 3 wks)".
_FRAGMENT_PERIOD = (
    r"(?:[ \t]+(?:in|within|inside)[ \t]+(?:(?:just|only|the|a|first|less[ \t]+than|under)[ \t]+){0,2}"
    rf"(?:{NUM}[ \t]*[- ]?[ \t]*)?(?:hours?|days?|nights?|weeks?|wks?|fortnight|month)"
    # or a rate as a table cell or a card gives it: "Up to 8 kg/month", "2 lb a week".
    r"|[ \t]*/[ \t]*(?:week|wk|month)|[ \t]+(?:a|per)[ \t]+(?:week|month))\b"
    r"[ \t]*(?:[.!?;,)|*_]|$"
    # or a testimonial going on about itself: "4 inches in 4 weeks and I ate pizza on Fridays!"
    r"|[ \t]+and[ \t]+(?:i|my|she|her|he|his|we|our|still|never|without|no)\b"
    # or a sentence that calls it easy: "Two stone in six weeks is easy", "… is totally doable".
    r"|[ \t]+(?:is|was|are)[ \t]+(?:(?:totally|very|so|really|perfectly|completely|super)[ \t]+)?"
    r"(?:easy|possible|doable|achievable|realistic|simple|guaranteed)\b)"
)
# Where a verbless headline or card starts: the text's start or a mark (an opening quote too),
# not a decimal point.
_HEADLINE_START = r"(?:^|(?<=[.!?:;|•(\[\"“‘])(?<!\d[.,])|(?<=[.!?:;|•(\[\"“‘][ \t]))"
# Gaps between the parts are a few words joined by spaces only: a comma or full stop ends the
# claim, a decimal point does not ("lose 9 lbs and 5.1 inches in 28 days").
_WORDS = r"(?:[ \t]+(?:\d+[.,]\d+|[\w'’~-]+))"
_PREFIX = r"(?:up\s+to\s+|at\s+least\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+|a\s+total\s+of\s+|~\s*)?"
# The amount a person lost: a loss word, then (within a few words) the amount; or the amount,
# then a word of loss; or a from–to weight.
_AMOUNT = lazy_compile(
    # Never the weight reached: "dropped from 92 kg to 84 kg", "my weight fell to 84 kg".
    rf"\b{_LOSS}\b{_WORDS}{{0,4}}?[ \t]+(?<!\bto[ \t])(?<!\bfrom[ \t]){_PREFIX}{_RANGE}\s*{_UNIT}(?!\s+(?:down\s+)?to\s+\d)(?!{_OF_SOMETHING_ELSE})"
    # A stat card's figure and label: "11 kg average loss in the first 28 days".
    rf"|\b{_RANGE}\s*(?:whole\s+|full\s+|entire\s+)?{_UNIT}{_OF_FAT}?[ \t]+"
    r"(?:(?:average|avg\.?|total|combined|typical|median)[ \t]+)?(?:(?:weight|fat|body[ \t]+fat|waist)[ \t]+)?"
    rf"(?:{_AFTER_AMOUNT}\b|(?:from|off)[ \t]+(?:your|my|her|his|the|their)\b)"
    # A headline with no verb, the amount then its period and nothing else: "12 pounds in one
    # week!", "Minus 5 kg in 10 days". A sentence that goes on says something about the pace.
    rf"|{_HEADLINE_START}{_FRAGMENT_PREFIX}{_RANGE}\s*{_UNIT}{_OF_FAT}?(?={_FRAGMENT_PERIOD})"
    # A result card's signed girth, the area after it: "-7.5 cm waist in 2 weeks". The sign says
    # it was lost ("28 inch waist in 30 days" is a size, not a loss).
    rf"|{_HEADLINE_START}[-−–][ \t]?{_RANGE}\s*{_UNIT}"
    r"[ \t]+(?:off[ \t]+(?:the[ \t]+)?)?(?:waist(?:line)?|belly|tummy|stomach|hips?|thighs?|arms?|bust|chest)"
    rf"(?={_FRAGMENT_PERIOD})"
    # A clothing size down: "from a size 14 to a size 12", "from a UK 16 to a 12".
    r"|\bfrom\s+(?:an?\s+)?(?:(?:uk|us|au|dress|jeans?|pants?)\s+)?size\s+(?P<start_size>\d{1,2})"
    r"\s+(?:(?:down\s+)?to|→|->)\s+(?:an?\s+)?(?:size\s+)?(?P<end_size>\d{1,2})\b"
    # With "size" on both sides "from" may go: "Jeans size 14 to size 10 in one month!"
    r"|\b(?:(?:uk|us|au|dress|jeans?|pants?)\s+)?size\s+(?P<start_size>\d{1,2})"
    r"\s+(?:(?:down\s+)?to|→|->)\s+(?:an?\s+)?size\s+(?P<end_size>\d{1,2})\b"
    # The same with no "size" when a loss word (or "went") leads and each number has its
    # article: "dropped from a 16 to a 12", "went from a 14 to a 12".
    rf"|\b(?:{_LOSS}|went)\s+from\s+an?\s+(?P<start_size>\d{{1,2}})\s+(?:down\s+)?to\s+an?\s+(?P<end_size>\d{{1,2}})\b(?!\s*(?:kg|kilos?|lbs?|pounds?|stone|%|inch|cm|-?\s*(?:min|minutes?|sec|seconds?|hours?|miles?|km|reps?)\b|waist|waistline|out\b|/))"
    # Stones and pounds, as UK copy writes a weight: "from 12st 9 to 11st 6", "14 stone 2lb to 13 stone".
    rf"|\bfrom\s+(?P<start_st>\d{{1,2}})\s*(?:st|stone)\b\s*(?:(?P<start_lb>\d{{1,2}})(?:\s*(?:lbs?|pounds?)\b)?)?"
    rf"\s+(?:(?:down\s+)?to|→|->)\s+(?P<end_st>\d{{1,2}})\s*(?:st|stone)\b(?:\s*(?P<end_lb>\d{{1,2}})(?:\s*(?:lbs?|pounds?)\b)?)?"
    rf"|\b(?:{_LOSS}[ \t]+)?from\s+(?P<start_weight>\d+(?:[.,]\d+)?)\s*(?P<start_unit>lbs?\b|pounds?|kgs?\b|kilograms?|kilos?|stones?)?"
    rf"\s*(?:(?:down\s+)?to|→|->|–>)\s*(?P<end_weight>\d+(?:[.,]\d+)?)(?:\s*(?P<end_unit>lbs?\b|pounds?|kgs?\b|kilograms?|kilos?|stones?|inch(?:es)?\b|cm\b))?"
    # A results list's arrow with no "from": "Marcus: 245 → 219 in eight weeks", "92kg -> 81kg".
    rf"|(?<![\w.,])(?P<start_weight>\d{{2,3}}(?:[.,]\d)?)\s*(?P<start_unit>lbs?\b|pounds?|kgs?\b|kilos?)?"
    rf"\s*(?:→|->|–>|⟶)\s*(?P<end_weight>\d{{2,3}}(?:[.,]\d)?)(?:\s*(?P<end_unit>lbs?\b|pounds?|kgs?\b|kilos?))?"
    r"(?![.,]?\d|\s*(?:bpm|%|reps?\b|mins?\b|minutes?|sec|k?cal|steps|mmhg|mg\b|g\b|/|cm\b|inch|in\b|\"))"
    # A waist measurement: "from a 34 to a 29 waist", "from a 34-inch to a 29-inch waist".
    rf"|\bfrom\s+(?:an?\s+)?(?P<start_waist>\d{{2}}(?:[.,]5)?)(?:\s*-?\s*(?:inch|in\.?|[\"”]))?"
    rf"\s+(?:(?:down\s+)?to|→|->)\s+(?:an?\s+)?(?P<end_waist>\d{{2}}(?:[.,]5)?)(?:\s*-?\s*(?:inch(?:es)?|in\.?|[\"”]))?\s*(?:inch\s+)?waist(?:line)?\b",
    re.IGNORECASE,
)
# A period right after the amount, within a few words joined by spaces (no comma or full stop),
# or as a table writes a rate: "8 kg/month", "2 lb / wk".
_PERIOD_AFTER = lazy_compile(
    rf"(?:[ \t]*\([^()]{{0,40}}\))?(?:{_WORDS}{{0,6}}?[ \t]+|[ \t]*(?=/)){PERIOD}", re.IGNORECASE
)

_SENTENCE_END = lazy_compile(r"[.!?](?:\s|$)")
# A size named as a jeans size just after a from–to size ("from size 32 to 28 jeans").
_JEANS = lazy_compile(r"\bjeans?\b", re.IGNORECASE)

KG_PER_UNIT = {
    "lb": 0.4536,
    "pound": 0.4536,
    "kg": 1.0,
    "kilo": 1.0,
    "kilogram": 1.0,
    "stone": 6.35,
    "st": 6.35,
}
_WEEKS_PER = {
    "hour": 1 / 168,
    "day": 1 / 7,
    "night": 1 / 7,
    "week": 1.0,
    "wk": 1.0,
    "fortnight": 2.0,
    "month": 4.35,
    "year": 52.18,
    "weekend": 3 / 7,
}
_CONTEXT_CHARS = 240  # how far back a paragraph's period may stand from the amount


class Limits(NamedTuple):
    max_kg_per_week: float = 1.0
    kg_per_size: float = 4.5  # a dress size is roughly 4-5 kg of body weight
    max_cm_per_week: float = 1.0  # waist girth; a heuristic, girth claims also need a period
    # A total with no period ("Greg has dropped 27.5 lbs"); 0 leaves totals alone. A rule that
    # sets only this checks totals only, so that it and a rate rule do not report one claim twice.
    max_kg_total: float = 0.0


def _number(text: str) -> float:
    text = text.lower().strip()
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    if text.count(",") and len(text.split(",")[-1]) == 3:
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _unit_key(unit: str) -> str:
    unit = unit.lower().rstrip(".")
    for key in ("lb", "pound", "kilogram", "kilo", "kg", "stone"):
        if unit.startswith(key):
            return key
    if unit == "st":
        return "st"
    if "size" in unit:
        return "size"
    if unit.startswith(("inch", "in")):
        return "inch"
    return "cm"


def weeks(period: re.Match[str]) -> float | None:
    """The period's length in weeks (None for a plural with no count: "over months")."""
    groups = period.groupdict()
    if groups.get("overnight"):
        return 1 / 7
    if groups.get("day"):
        return _number(groups["day"]) / 7  # "by day five": five days in
    if groups.get("per"):
        return _WEEKS_PER[groups["per"].lower()]
    if groups.get("ordinal"):
        unit = groups["period"].lower().rstrip("s")
        return _number(groups["ordinal"]) * _WEEKS_PER[unit]
    if not groups.get("count") and groups["period"].lower().endswith("s"):
        return None  # "over months", "in weeks": no length to divide by
    unit = groups["period"].lower().rstrip("s")
    count = _number(groups["count"]) if groups.get("count") else 1.0
    return count * _WEEKS_PER["wk" if unit == "wk" else unit]


class Amount(NamedTuple):
    start: int
    end: int
    value: float
    unit: str


# A group's total, no one person's loss: "38 shredders lost 412 lb between them", "lost a
# combined 212 kg".
_GROUP_TOTAL_AFTER = lazy_compile(
    r"\s+(?:between|among|amongst)\s+(?:them|us|you|themselves)\b|\s+(?:combined|collectively|as\s+a\s+(?:group|team|club))\b",
    re.IGNORECASE,
)
_GROUP_TOTAL_WORD = lazy_compile(r"\b(?:combined|collective|joint)\b", re.IGNORECASE)


def amounts(text: str) -> Iterator[Amount]:
    for match in _AMOUNT.finditer(text):
        if _GROUP_TOTAL_AFTER.match(text, match.end()) or _GROUP_TOTAL_WORD.search(
            text, max(0, match.start() - 12), match.end()
        ):
            continue
        groups = match.groupdict()
        if groups.get("start_waist"):
            start, end = _number(groups["start_waist"]), _number(groups["end_waist"])
            if start - end > 0:
                yield Amount(match.start(), match.end(), start - end, "inch")
            continue
        if groups.get("start_size"):
            first, last = _number(groups["start_size"]), _number(groups["end_size"])
            jeans = _JEANS.search(text[match.end() : match.end() + 12])
            if max(first, last) >= 24 and (first % 2 or last % 2 or jeans):
                # An odd size from 24 up, or a jeans size, is a waist in inches ("from size 32 to
                # 29", "from size 32 to 28 jeans").
                if first - last > 0:
                    yield Amount(match.start(), match.end(), first - last, "inch")
                continue
            # Dress sizes go up in twos: 14 to 12 is one size down.
            sizes = (first - last) / 2
            if sizes > 0:
                yield Amount(match.start(), match.end(), sizes, "size")
            continue
        if groups.get("start_st"):
            start = _number(groups["start_st"]) * 14 + _number(groups.get("start_lb") or "0")
            end = _number(groups["end_st"]) * 14 + _number(groups.get("end_lb") or "0")
            if start - end > 0:
                yield Amount(match.start(), match.end(), start - end, "lb")
            continue
        if groups.get("start_weight"):
            start, end = _number(groups["start_weight"]), _number(groups["end_weight"])
            unit = groups.get("start_unit") or groups.get("end_unit") or ""
            if not unit and start >= 100:
                unit = "lb"  # "from 241 to 209": a body weight with no unit reads as pounds
            if start - end > 0 and unit:
                yield Amount(match.start(), match.end(), start - end, _unit_key(unit))
            continue
        # A range promises its high end: "lose 3-5 kg in 28 days" tells a reader 5 kg is theirs.
        value = _number(groups.get("amount_high") or groups["amount"])
        yield Amount(match.start(), match.end(), value, _unit_key(groups["unit"]))


# Between a period and the loss after it: a denial, or an illness or operation that explains the
# loss ("Two weeks in hospital and I was down 4 kg").
_NOT_A_DIET = lazy_compile(
    r"\b(?:not|never|no|won['’]t|can['’]t|cannot|don['’]t|didn['’]t|doesn['’]t|isn['’]t|wasn['’]t|nobody|nothing)\b"
    r"|\b(?:bug|virus|norovirus|flu|covid|ill|illness|sick|hospital|surgery|op|operation|fever|poisoning|chemo\w*|"
    r"infection|antibiotics|power\s+cut|power\s+was\s+out)\b",
    re.IGNORECASE,
)
# A count before "a week": how often, not how long ("three mornings a week").
_FREQUENCY = lazy_compile(
    r"\b(?:times|mornings|evenings|nights|days|sessions|classes|workouts|runs|twice|once)\s*$",
    re.IGNORECASE,
)
_CLAUSE_TURN = lazy_compile(r"\s*(?:,|and\b)")  # read with match: ", and" starts with ","
_CLAUSE_CONJUNCTION = lazy_compile(r",\s*(?:and|then|so|but|and\s+then)$")


def period_before(text: str, position: int) -> re.Match[str] | None:
    """A period earlier in the sentence that governs the amount: "In just 4 weeks, you can lose
    10 lbs", "For 5 days I ate soup, lost 3 kg". Only one that opens the sentence or its clause
    counts, so that "lost 2 kg in a week and 5 kg …" does not give the second amount the first
    one's period."""
    last = None
    for match in OPENING_PERIOD_RE.finditer(text, 0, position):
        last = match
    if last is None:
        return None
    lead = text[: last.start()].strip(" \t*_\"'“‘(").lower()
    lead = _CLAUSE_CONJUNCTION.sub(",", lead)  # "…, and three days later she was …"
    between = text[last.end() : position]
    if _NOT_A_DIET.search(text[last.start() : position]) or _FREQUENCY.search(text[: last.start()]):
        return None  # "One month of walking won't melt 5 kg", "For 5 days I had norovirus, …"
    if (
        lead
        and not lead.endswith((",", ":", ";", "—", "–"))
        and len(lead.split()) > 2
        # A period of use that closes the clause before the loss: "Made this soup for 5 days,
        # lost 3 kg", "… for ten days and dropped 9 pounds".
        and not (last.group().lower().startswith("for") and _CLAUSE_TURN.match(between))
    ):
        return None  # opening the sentence: "In 28 days, …", "Just finished day 3 and …"
    if _SENTENCE_END.search(between) or len(between) > 80:
        return None
    return last


_BARE_PERIOD = lazy_compile(rf"{COUNT}\s*[- ]?\s*{UNITS_OF_TIME}", re.IGNORECASE)
# A next sentence that gives the time the loss took: "That was over the 3 weeks of the first
# pack", "It took just 10 days", "All of it in a month".
_TOOK = lazy_compile(
    r"^[\W_]*(?:(?:that|this|it|all\s+of\s+(?:it|that))\s+(?:was|took|happened|all\s+happened|came\s+off)"
    # or with the subject left out, as a review writes it: "Took me exactly a fortnight."
    r"|took)\s+(?:me\s+|us\s+|her\s+|him\s+)?(?:just\s+|only\s+|exactly\s+|about\s+|around\s+)?",
    re.IGNORECASE,
)
_FRAGMENT_LEAD = lazy_compile(r"^[\W_]*(?:(?:all|and|just|only)\s+)*", re.IGNORECASE)
# A short next sentence that points back at the loss and names the stretch it took: "Honestly
# didn't expect that from a four-week programme.", "All of this in three weeks, by the way."
_POINTS_BACK = lazy_compile(r"\b(?:that|this|it)\b", re.IGNORECASE)


def period_fragment(following: str) -> re.Match[str] | None:
    """The period of a next sentence that is nothing but a period: "In 30 days!", "All in
    three weeks.", "Just in 10 days."."""
    text = following.strip()
    told = _TOOK.match(text)
    if told is not None:
        # "That was over the 3 weeks of the first pack.", "It took me 2 weeks."
        return PERIOD_RE.match(text, told.end()) or _BARE_PERIOD.match(text, told.end())
    if not text:
        return None
    if len(text.split()) > 6:
        return _period_pointed_back(text)
    lead = _FRAGMENT_LEAD.match(text)
    start = lead.end() if lead else 0
    period = PERIOD_RE.match(text, start)
    if period is None or text[period.end() :].strip(" .!…)\"'”’"):
        return None
    return period


def _period_pointed_back(text: str) -> re.Match[str] | None:
    """The length of a course or a stretch in a short sentence that refers back to the loss
    before it ("Didn't expect that from a four-week programme."); never a frequency ("It takes 30
    minutes a day")."""
    first = _SENTENCE_END.search(text)
    sentence = text[: first.end()] if first else text
    if len(sentence.split()) > 12 or not _POINTS_BACK.search(sentence):
        return None
    for period in PERIOD_RE.finditer(sentence):
        if period.group("per") is None and not _FREQUENCY.search(sentence[: period.start()]):
            return period
    return None


def period_in_context(context: str) -> re.Match[str] | None:
    """The last period in the sentence just before (a paragraph's earlier sentence, or a list
    item's lead-in): "By day five I had more energy. I was down 3 pounds."."""
    tail = context[-_CONTEXT_CHARS:]
    ends = list(_SENTENCE_END.finditer(tail.rstrip()))
    # The sentence just before: from the end of the one before it.
    start = ends[-2].end() if len(ends) >= 2 else 0
    last = None
    for match in PERIOD_RE.finditer(tail, start):
        if not _FREQUENCY.search(tail[: match.start()]):
            last = match  # not "three mornings a week": how often, not how long
    return last


class Located(NamedTuple):
    amount: Amount
    start: int  # where the claim starts: the amount, or a period that opens its clause
    end: int  # where it ends: the amount, or a period right after it
    weeks: float | None  # the period's length; None when no period goes with the amount


def mentions_amount(text: str) -> bool:
    """Is there an amount lost anywhere in ``text``? (A cheap test before parsing sentences.)"""
    return _AMOUNT.search(text) is not None


def located(text: str, context: str = "", following: str = "") -> Iterator[Located]:
    """Each amount lost in ``text`` with the period that goes with it: right after it, opening
    its clause, in the sentence just before (``context``), or a next sentence that is only a
    period (``following``: "I lost 12 lbs. In 30 days!")."""
    for amount in amounts(text):
        start, end, length = amount.start, amount.end, None
        after = _PERIOD_AFTER.match(text, amount.end)
        if after is not None:
            end, length = after.end(), weeks(after)
        else:
            before = period_before(text, amount.start)
            if before is not None:
                start, length = before.start(), weeks(before)
            else:
                earlier = period_in_context(context)
                if earlier is not None:
                    length = weeks(earlier)
                else:
                    afterwards = period_fragment(_set_apart(text, amount.end)) or period_fragment(
                        following
                    )
                    if afterwards is not None:
                        length = weeks(afterwards)
        yield Located(amount, start, end, length)


def _set_apart(text: str, position: int) -> str:
    """The text after the first sentence end past ``position``: a stretch of time the sentence
    splitter joined to the sentence it follows ("I lost 12 lbs. In 30 days!")."""
    end = _SENTENCE_END.search(text, position)
    return text[end.end() :] if end is not None and end.end() < len(text) else ""


def kilograms(amount: Amount, limits: Limits) -> float:
    """A weight or size amount in kilograms (a dress size as ``limits.kg_per_size``)."""
    return amount.value * (
        limits.kg_per_size if amount.unit == "size" else KG_PER_UNIT[amount.unit]
    )


def centimetres(amount: Amount) -> float:
    return amount.value * (2.54 if amount.unit == "inch" else 1.0)


def sustainable(text: str, limits: Limits = Limits()) -> bool:
    """Does ``text`` give a weight lost with its period, and is every such pace within
    ``limits`` ("down 1.2 kg in three weeks", "lose a kilo in 3 weeks")? False when no pace is
    given, or when any amount is inches or centimetres off a body part: girth has no pace the
    guidance sets, and inches in weeks are sold as fast."""
    paces = [(found.amount, found.weeks) for found in located(text) if found.weeks]
    if not paces:
        return False
    return all(
        amount.unit not in ("inch", "cm")
        and amount.value > 0
        and kilograms(amount, limits) / length <= limits.max_kg_per_week
        for amount, length in paces
    )
