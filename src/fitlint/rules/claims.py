"""Claim rules (``kind: claim``): statistics and appeals to research with no citation in scope.

Three claim types, one per rule (``unit``): ``venue`` ("a study in *Sports Medicine* found"),
``appeal`` ("studies show", "clinically proven") and ``statistic`` (percentages, multipliers,
outcome amounts). A sentence is reported once, as the most specific type that applies. Whether it
is cited is decided by :class:`~fitlint.rules.citations.CitationIndex`: the sentence, then its
paragraph or list item, then how the document cites as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from fitlint.document.model import Document, ProseBlock, document_header_rows
from fitlint.lazyregex import Needled, lazy_compile
from fitlint.nlp import LemmaText
from fitlint.rules.citations import CitationIndex, citation_index
from fitlint.rules.context import (
    EMPTY_WORDS,
    ContextWords,
    MatchContext,
    context_words,
    quoted,
    reports_others_claims,
)
from fitlint.rules.matching import CONTEXT_CHARS, Found
from fitlint.rules.model import Rule, RuleSet
from fitlint.rules.numberwords import CARDINALS
from fitlint.rules.phrase import PhraseMatcher

# The statistic patterns are matched against lower-cased text (see statistic_in), so they are
# written in lower case and compiled without IGNORECASE, which costs re a case fold per character.
# Most are Needled: the words each cannot match without are looked for first.
_NUM = r"\d+(?:[.,]\d+)?"
# A percentage in figures or in words: "39%", "ninety percent", "twenty-five per cent".
_PERCENT = Needled(
    lazy_compile(
        rf"{_NUM}\s?(?:[-–]\s?{_NUM}\s?)?(?:%|per ?cent\b)"
        # In words, only as a share of people: "ninety percent of trainers" (not "ninety percent
        # of the time", "a hundred percent recovered").
        r"|\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"|ten|fifteen)\s+per\s?cent\s+of\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+)?"
        r"(?:people|adults|women|men|trainers|coaches|doctors|users|customers|clients|members|dieters|participants|"
        r"patients|americans|britons|australians|canadians|gym-goers|runners|athletes|mums|moms|those|us)\b",
    ),
    "%",
    "cent",
)
# "at 70% of max heart rate", "80% of 1RM": intensity prescriptions, not findings.
_INTENSITY = lazy_compile(
    rf"{_NUM}\s?(?:[-–]\s?{_NUM}\s?)?%\s*(?:of\s+(?:your\s+)?)?(?:1\s?rm|one-rep|max\w*|hr\s?max|mhr|vo2|v̇o2|heart rate|effort|intensity|body ?weight|incline|grade|gradient|resistance)",
)
# A share of body weight lost is an amount of loss, not a load to lift: "a loss of 5 to 10% of
# your body weight improves blood pressure".
_LOSS_SHARE = lazy_compile(
    rf"\b(?:loss|losses|losing|lose|lost|drop|dropping)\s+(?:of\s+)?(?:just\s+|only\s+|about\s+)?"
    rf"{_NUM}(?:\s?(?:[-–]|to)\s?{_NUM})?\s?(?:%|per\s?cent\b)\s*of\s+(?:your\s+|their\s+|total\s+|initial\s+)*body\s?weight"
)
# The same share credited with an effect: "… of your body weight can lower your blood pressure".
_LOSS_SHARE_EFFECT = lazy_compile(
    _LOSS_SHARE.pattern
    + r"[^.;!?]{0,40}?\b(?:(?:can|could|may|will|would|is\s+enough\s+to|helps?)\s+(?:\w+\s+)?)?"
    r"(?:lower|improv|reduc|cut|rais|boost|protect|benefit)\w*"
)
_MULTIPLIER = Needled(
    lazy_compile(
        r"\b(?:twice|double|triple|half)\s+as\b|\b(?:twice|double|triple)\s+the\b"
        # "half the calories", "half the risk"; not "half the battle", "half the sets", "half the
        # session fee" or "half the size" (a testimonial's waist), which compare no amount
        r"|\bhalf\s+the\s+(?:calori(?:e|es)|kcal|fat|weight|risk|effort|fib(?:re|er)|sugar|carbs?"
        r"|results?|amount|dose|energy|protein)\b"
        rf"|\b(?:{_NUM}|two|three|four|five|six|seven|eight|nine|ten)\s?(?:x|×|times)\s+(?:more|less|fewer|higher|lower|greater|faster|slower|as|the)\b"
        # "Obesity has tripled since 1975", "doubled their weight loss"
        # ("two halves", "both halves": the noun, parts of a whole)
        r"|\b(?:doubl|tripl|quadrupl|halv)(?:ed|es|ing)\b(?<!\bin halves)(?<!\binto halves)"
        r"(?<!\btwo halves)(?<!\bboth halves)(?<!\bthe halves)"
        # "increases sweating by 3 times", "a 3-fold rise"
        # ("until 3 times": non-native copy's "up to")
        rf"|\b(?:by\s+(?:up\s+to\s+)?|until\s+)(?:{_NUM}|two|three|four|five|six|seven|eight|nine|ten)\s?(?:x|×|times)(?!\s+(?:a|per|each|every)\b)"
        r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)-?fold\b",
    ),
    "twice",
    "double",
    "triple",
    "half",
    "x",
    "×",
    "times",
    "doubl",
    "tripl",
    "quadrupl",
    "halv",
    "fold",
)
_COUNT_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)"
# "9 out of 10", "nine in ten", "one in five", "a third of gym-goers", "two-thirds of adults".
# A figure per unit of something else: "a return of £4.20 for every £1 spent", "it shortens
# your life by 2 hours for every hour you sit", "100 calories for every mile you walk".
_PER_EVERY = Needled(
    lazy_compile(
        rf"{_NUM}\s?(?:%|[a-z£$€]+)?(?:\s+[\w'’-]+){{0,4}}?\s+for\s+(?:every|each)\s+(?:[£$€]\s?)?(?:{_NUM}\s?)?[a-z£$€]+"
    ),
    "every",
    "each",
)
_RATIO = lazy_compile(
    # not the tail of a rating ("4.8 out of 5")
    rf"(?<![\d.,])\b{_COUNT_WORD}\s+(?:out\s+of|in(?!\s+(?:19|20)\d\d\b))\s+(?:every\s+)?{_COUNT_WORD}\b"
    # not a rating, an effort scale ("7 out of 10 effort") or a plan's days ("one in three days")
    # or a pick from a list ("2 out of 3 exercises")
    r"(?!\s+(?:stars?|points?|rating|effort|rpe|intensity|difficulty|days?|weeks?|months?|years?|hours?|minutes?|"
    r"sessions?|workouts?|sets?|reps?|meals?|"
    r"exercises?|moves?|recipes?|questions?|options?|items?|tips?))"
    r"|\b(?:thousands|millions|hundreds|tens\s+of\s+thousands)\s+of\s+(?:\w+\s+)?(?:people|women|men|users|customers|members|dieters|moms|mums|parents|clients|readers|fans)\b"
    r"|\b(?:a|one|two|three)[\s-](?:thirds?|quarters?|fifths?|tenths?)\s+of\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+)?"
    r"(?:people|adults|women|men|americans|dieters|users|customers|gym-goers|participants|patients|children|members|"
    r"clients|athletes|runners|those|us|them|cases|deaths)\b"
    r"|\b(?:the\s+)?(?:highest|lowest|largest|smallest|greatest)\s+(?:percentage|proportion|share|number)\s+of\b"
    r"|\b(?:half|majority)\s+of\s+(?:all\s+)?(?:the\s+)?(?:people|adults|women|men|americans|dieters|users|customers|gym-goers|participants|patients|children)\b"
)
_TEST_STAT = Needled(lazy_compile(r"\b[rp]\s?[=<>≤]\s?0?\.\d+"), "=", "<", ">", "≤")
_RANK = Needled(
    lazy_compile(r"\b(?:number\s+one|#1|leading|top)\s+(?:reason|cause|predictor)\b"),
    "reason",
    "cause",
    "predictor",
)
_AMOUNT = lazy_compile(
    rf"\b{_NUM}(?:\s?[-–]\s?{_NUM})?(?:\s+(?:more|fewer|less|extra|additional))?\s?(?:calories|kcal|cal\b|grams?\b|g\b|kg\b|kilos?\b|lbs?\b|pounds?\b|inch(?:es)?\b|cm\b|mg\b|ounces\b|oz\b|billion\b|million\b)",
)
_DOSE = Needled(
    lazy_compile(
        rf"\b{_NUM}(?:\s?[-–]\s?{_NUM})?\s?(?:minutes?|mins?|hours?|hrs?|sessions?|days?|steps|times)\s+(?:a|per|each|every)\s+(?:day|week|night|session)\b",
    ),
    "day",
    "week",
    "night",
    "session",
)
# A guideline's dose told with its words between ("150 to 300 minutes of moderate activity a
# week"), and the body it is credited to: a figure its reader should be able to check.
_SPREAD_DOSE = lazy_compile(
    rf"\b{_NUM}(?:\s?(?:[-–]|to)\s?{_NUM})?\s?(?:minutes?|mins?|hours?|hrs?|sessions?|days?|steps"
    r"|litres?|liters?|glasses|servings?|portions?)\s+(?:[\w-]+\s+){0,6}?(?:a|per|each|every)\s+"
    r"(?:day|week)\b"
)
_AUTHORITY = lazy_compile(
    r"\b(?:who|nhs|cdc|hse|acsm|usda|fda|guidelines?|experts?|research|doctors|scientists"
    r"|health\s+(?:service|authorities|officials))\b[^.;!?]{0,40}?"
    r"\b(?:recommend\w*|suggest\w*|advis\w*|says?|said|need)\b"
    r"|\baccording\s+to\s+(?:the\s+)?(?:who|nhs|cdc|hse|acsm|usda|fda|guidelines|experts)\b"
)
_OUTCOME = lazy_compile(
    r"\b(?:burn|torch|los[et]|losing|reduc|increas|boost|rais|lower|improv|process|spen[dt]|affect|account|cut|gain|"
    r"maximi[sz]|support(?!s?\s+(?:users?|people|weights?|up\s+to)\b)|promot|lead|led\b|caus|produc(?!ts?\b)|decreas|prevent|sav|elevat|enhanc|doubl|tripl|shrink|drop|"
    r"extend(?!er)|prolong|shorten|risk|linked|associated|predict|fluctuat|var(?:y|ies|ied)|generat)\w*"
    # "adds 300 calories", not figures that "add up"
    r"|\badd(?:s|ed|ing|itional)?\b(?!\s+up\b)"
    # "eat up to 88 fewer calories a meal": a comparison of intake is an outcome too.
    r"|\b(?:fewer|less|more|extra)\s+(?:calories|kcal)\b",
)
_CALORIES_BURNED = Needled(
    lazy_compile(
        rf"\b(?:burn|torch|us)\w*\s+(?:about\s+|around\s+|up\s+to\s+)?{_NUM}(?:\s?[-–]\s?{_NUM})?\s?(?:calories|kcal)\b"
        # "burns a thousand calories", "torches five hundred calories"
        r"|\b(?:burn|torch)\w*\s+(?:about\s+|around\s+|up\s+to\s+|over\s+)?(?:a|one|two|three|four|five|six|seven|eight|nine)\s+"
        r"(?:hundred|thousand)\s+(?:calories|kcal)\b"
        # "600 calories in 20 minutes", "around 300 calories in 10 minutes on level 99"
        rf"|\b{_NUM}(?:\s?[-–]\s?{_NUM})?\s?(?:calories|kcal|cals)\s+(?:in|per|during|every)\s+(?:just\s+|only\s+|a\s+single\s+|one\s+)?"
        rf"(?:{_NUM}[\s-]?)?(?:minutes?|mins?|hours?|hrs?|sessions?|workouts?|class(?:es)?|rounds?)\b",
    ),
    "cal",  # calories, cals, kcal
)
# "Most adults need about 1.6 g of protein per kg": a recommendation stated as fact.
_GUIDELINE = Needled(
    lazy_compile(r"\b(?:needs?|requires?|recommend\w*|should\s+(?:get|eat|aim|have|drink))\b"),
    "need",
    "requir",
    "recommend",
    "should",
)
# "Join over 1 million happy users": a satisfaction figure used as proof.
_SOCIAL_PROOF = Needled(
    lazy_compile(
        rf"\b{_NUM}\s?(?:k|thousand|million|billion)?\+?\s+(?:happy|satisfied|delighted|successful)\s+(?:users|customers|members|clients|people|dieters|readers)\b",
    ),
    "happy",
    "satisfied",
    "delighted",
    "successful",
)
# An exercise equivalence: "equivalent to 600 squats", "the same ab workout as 150 crunches",
# "10 minutes = 1 hour workout". A figure of effort saved is a claim to back up.
_EQUIVALENCE = Needled(
    lazy_compile(
        rf"(?:\bequivalent\s+to|\bthe\s+same\s+(?:[a-z-]+\s+){{0,2}}as|\bas\s+effective\s+as"
        rf"|\blike\s+doing|=|\bequals?)\s+(?:a\s+|an\s+)?(?:(?:running|doing|walking|cycling|swimming)\s+)?"
        rf"(?:{_NUM}|{_COUNT_WORD})\s*[-\s]?\s*"
        r"(?:[a-z-]+\s+){0,2}(?:squats?|crunch(?:es)?|sit-?ups?|push-?ups?|lunges?|burpees?|planks?"
        r"|workouts?|hours?|hrs?|minutes?|mins?|miles?|km|reps?|jogs?|runs?|sessions?|classes"
        r"|marathons?|half-marathons?|5ks?|10ks?|laps?|doughnuts?|donuts?|pizzas?|slices?)\b"
        # one stretch of exercise set equal to another: "20 minutes of jogging burns as many
        # calories as 30 of walking", "jogging for 20 minutes gets you the same result as
        # skipping for half that"
        rf"|(?:{_NUM}|{_COUNT_WORD}|an?)\s*[-\s]?(?:minutes?|mins?|hours?|hrs?)\b"
        # with the burn or the result it is about close by (not a car park's fee or app points)
        r"(?=.{0,100}?\b(?:burn|calor|kcal|result|benefit|effect|fat|workout|jog|running|gym|"
        r"treadmill|cardio|hiit|crunch|sit-?up|squat|steps)\w*)"
        r".{0,60}?"
        r"\b(?:the\s+same\s+(?:[a-z-]+\s+){0,2}as|as\s+(?:many|much)\s+(?:[a-z-]+\s+){0,2}as|beats?|"
        r"(?:calorie\s+)?burn\s+of|equal\s+to)\b"
        rf".{{0,40}}?(?:\b(?:{_NUM}|{_COUNT_WORD}|an?)\s*[-\s]?(?:minutes?|mins?|hours?|hrs?)\b"
        rf"|\b(?:{_NUM}|{_COUNT_WORD}|an?)\s*[-\s]?(?:km|k|miles?)\s+(?:run|jog|walk|ride)"
        r"|\b(?:half|twice|double)\s+(?:that|the\s+time)\b)"
        # more done in the shorter time: "you'll burn more in 45 minutes than in two hours"
        rf"|\bmore\s+(?:[a-z-]+\s+){{0,3}}?in\s+(?:just\s+|only\s+)?(?:{_NUM}|{_COUNT_WORD}|an?)\s*[-\s]?"
        rf"(?:minutes?|mins?|hours?|hrs?)\s+than\s+(?:in\s+|with\s+|from\s+)?(?:{_NUM}|{_COUNT_WORD}|an?)\s*[-\s]?"
        r"(?:minutes?|mins?|hours?|hrs?)\b",
    ),
    "equivalent",
    "as",
    "like",
    "=",
    "equal",
    "beat",
    "than",
    "burn",
)
_STUDY_REFERENCE = lazy_compile(
    r"\b(?:this|the|our|that|these)\s+(?:present\s+|same\s+|above\s+)?(?:study|trial|paper|review|meta-analysis|authors|researchers|findings|results|data|experiment)\b"
    r"|\bparticipants\b|\bsubjects\b|^\W*we\s+(?:found|show|observed|provide|report|demonstrat|hypothesi)",
    re.IGNORECASE,
)
_NEW_SOURCE = lazy_compile(
    r"\b(?:other|another|some|many|most|several|more|recent|new|numerous|multiple|countless|various|further|additional|earlier|previous)\s+"
    r"(?:\w+\s+)?(?:research|studies|study|trials?|reviews?|data|evidence|experts?|scientists|researchers)\b",
    re.IGNORECASE,
)
# A statistic needs a figure: a digit or a word of these (on lower-cased text).
_DIGIT = lazy_compile(r"\d")
_FIGURE_WORDS = (
    "percent",
    "twice",
    "double",
    "triple",
    "quadrupl",
    "half",
    "halv",
    "times",
    "number one",
    " out of ",
    "thousand",
    "million",
    "hundreds of",
    " in ten",
    " in five",
    " in four",
    " in three",
    "third",
    "quarter",
    "fifth",
    "tenth",
    "majority",
)
PRIORITY = ("venue", "appeal", "statistic")


# Instructions ("Be active 30-60 minutes a day", "Consider 100-200 mg of caffeine") prescribe;
# they do not report findings. Their numbers count only as calories burned or a real percentage.
_IMPERATIVE = lazy_compile(
    r"^\W*(?:(?:also|and|so|then|now|first|next|finally|instead|please)\W+)*(?:be|do|aim|try|get|add|build|consider|start|keep|walk|eat|drink|take|make|use|include|limit|"
    r"avoid|choose|perform|hold|rest|stay|schedule|set|plan|go|focus|nourish|fuel|repeat|complete|finish|"
    r"begin|increase|reduce|swap|replace|skip|cut|pair|combine|follow|track|log|write|prepare|cook|store|"
    r"aim|allow|give|let|remember|note|check|warm|cool|stretch|breathe|drop|lift|run|jog|swim|cycle|target|"
    r"lighten|film|brace|lower|raise|join|download|sign|grab|buy|order|incorporate|practi[cs]e|massage|apply|"
    r"rub|wear|alternate|mix|sip|chew|spread|split|divide|space|sprinkle|blend|soak|double|triple|halve|"
    # a recipe's steps: "Freeze ripe bananas in halves", "Top with 20 g of oats"
    r"freeze|chop|slice|peel|bake|boil|simmer|stir|serve|top|garnish|season|whisk|roast|grill|"
    r"pour|heat|measure|weigh|portion|refrigerate|chill|thaw|rinse|puree|scoop|layer|toss|"
    r"slow(?=\s+(?:down|it|the|your))|speed(?=\s+up))\b",
)
_PROPORTION_OF_TIME = lazy_compile(rf"{_NUM}\s?%\s+of\s+the\s+time")
# "100%" as a plain intensifier of a quality the seller asserts, not a share anyone measured:
# "100% natural", "100% guaranteed", "100% home compostable".
_WHOLLY = lazy_compile(
    r"\b100\s?%\s+(?:(?:home|fully|certified)\s+)?(?:natural|organic|pure|vegan|guaranteed|genuine|"
    r"authentic|legit|legal|real|compostable|recyclable|biodegradable|plant-based|sugar-free|"
    r"gluten-free|handmade|halal|cotton|raw|free|satisfaction|money-back|refundable|recommended)\b"
)
# The weight of a piece of kit: "two 5 kg dumbbells", "a 16kg kettlebell", "10-lb plates".
_EQUIPMENT = lazy_compile(
    rf"{_NUM}\s?-?\s?(?:kg|kgs|kilo|kilos|lb|lbs|pound|pounds)\s+(?:adjustable\s+)?"
    r"(?:dumbbells?|kettlebells?|plates?|barbells?|bars?|medicine\s+balls?|slam\s+balls?|"
    r"weight\s+vests?|vests?|sandbags?|ankle\s+weights?|wrist\s+weights?|backpacks?|rucksacks?|"
    r"rucks?|bags?|jugs?|bottles?|tyres?|tires?)\b"
)
# What something is made of is a description or a prescription, not a finding: a macro split
# ("70% fat, 25% protein"), "20% of your calories from protein", a "4% acetic acid" vinegar.
_COMPOSITION = lazy_compile(
    rf"{_NUM}\s?%\s*(?:of\s+(?:your\s+|total\s+|daily\s+)*(?:calories|energy|intake|plate)\s+(?:from|as|come|comes|should|will|in)\b|"
    # ("30% fat reduction" is a change, not a make-up)
    r"(?:fats?(?!\s+(?:reduction|loss|burn\w*|decrease|oxidation|breakdown))|proteins?|carbs?|"
    r"carbohydrates?|acetic|abv|alcohol|cocoa|cacao|juice|cotton|polyester|spandex|humidity)\b)"
    rf"|\b(?:fats?|proteins?|carbs?|carbohydrates?)\s*[:=(–-]?\s*{_NUM}\s?%"
)
# Figures that state an offer, a rating's spread or a plate's share, not a finding: "20% off",
# "fifteen percent off", "88% five stars, 7% four stars", "fill half the plate with vegetables".
_OFFER_OR_SPREAD = lazy_compile(
    rf"{_NUM}\s?(?:%\s*|(?:percent|per\s+cent)\s+)(?:off|discount)\b"
    r"|\b\d[\d.,]*\s?%\s+(?:five|four|three|two|one|[1-5])[\s-]stars?\b"
    r"|\bhalf\s+(?:of\s+)?(?:the|your|each)\s+plate\b"
)
# A percentage is a finding when it measures a change, a comparison or a share of people:
# "burns 39% more fat", "90% of users", "a 20% lower risk". Alone it may be a spec ("93% pure").
_PERCENT_CUE = lazy_compile(
    # a share of people and what they see or do, in the present: "92% see their abs by week 4"
    r"\d\s?%\s+(?:of\s+(?:[\w-]+\s+){1,2})?(?:see|notice|feel|lose|drop|say|report|get|reach|keep)s?\b|"
    # what a body tissue is made of: "fat cells are ~80% water", "muscle is about 75% water"
    r"\b(?:body|fat|cells?|muscles?|brain|blood|bones?|tissue|skin)\s+(?:is|are)\s+(?:made\s+up\s+of\s+|"
    r"composed\s+of\s+)?(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|almost\s+|~\s*)?\d[\d.]*\s?%|"
    r"\b(?:over|nearly|almost|up\s+to)\s+\d[\d.,]*\s?%|\b(?:more|less|fewer|higher|lower|greater|better|worse|faster|slower|likely|likelihood|chances?|risks?|"
    r"rates?|odds|compared|than|versus|vs|percent\w*|increase\w*|decrease\w*|drop\w*|rise|rose|fell|fall\w*|"
    r"jump\w*|improv\w*|reduc\w*|boost\w*|cut\w*|gain\w*|los[est]\w*|burn\w*|average|report\w*|say|said|"
    r"slow\w*|declin\w*|speeds?\s+up|sped\s+up|revs?\s+up|"
    # what share of diets or dieters fail or regain: "95% of diets fail"
    r"fail\w*|succeed\w*|regain\w*|"
    # a share of buyers pleased: "94% would recommend it", "97% were satisfied"
    # ("100% recommend" is a reviewer's emphasis, not a share)
    r"(?<!100%\s)(?<!100%\swould\s)recommend\w*|satisf\w*|"
    # a share of people and what they felt or saw: "94% felt a tighter waistline"
    r"felt|saw|noticed|agreed|experienced|measured|"
    r"found|show\w*|account\w*|made\s+up|consist\w*|compos\w*|"
    r"of\s+(?:all\s+|the\s+)?(?:\w+\s+)?(?:people|users|adults|women|men|males|females|boys|girls|adolescents|teenagers|"
    r"americans|britons|participants|customers|clients|dieters|patients|subjects|respondents|members|children|kids|"
    r"guys|gals|ladies|folks|moms|mums|dads|lifters|beginners|gymgoers|"
    r"teens|those|them|us|population|gym-goers|runners|athletes|doctors|trainers|readers|buyers|cases|body|brain|"
    r"metabolism|muscle|weight|results?"
    # any group named by what its members do: "81% of steepers", "60% of walkers"
    r"|[a-z-]{3,}(?:ers|ees|ants|ists)))\b"
)
# A share of something put down to a cause: "90% of belly fat loss comes from diet".
_SHARE_CAUSE = lazy_compile(
    r"\d\s?%\s+of\s+(?:[\w-]+\s+){1,5}?(?:comes?\s+from|came\s+from|is\s+due\s+to|is\s+caused\s+by"
    r"|is\s+driven\s+by)\b"
)
# Advice to the reader prescribes ("you should aim for less than 20 g of carbs a day").
_ADVICE = lazy_compile(
    r"\byou(?:'ll|\s+will|\s+may|\s+might|\s+can)?\s+(?:should|need\s+to|must|want\s+to|wish\s+to|have\s+to|aim)\b"
    r"|\b(?:aim(?:s|ing|ed)?\s+(?:for|to|at)|try\s+to|stick\s+to|stay\s+(?:below|under|above)|keep\s+(?:it|them|carbs|protein|calories)\s+(?:below|under))\b"
    r"|\bit\s+is\s+(?:suggested|recommended|advised|advisable|best|wise)\s+(?:that\s+you|to|for\s+you)\b"
)
# The writer's own prescription: "We recommend one session of 20 minutes per day".
_OWN_PRESCRIPTION = lazy_compile(
    r"^\W*(?:we|i)\s+(?:(?:usually|generally|always|strongly)\s+)?(?:recommend|suggest|advise)\b"
)
# A comparison inside an instruction is still a finding: "Add GLP-1s (you eat ~50% fewer calories)".
_COMPARATIVE_PERCENT = lazy_compile(
    rf"{_NUM}\s?%\s+(?:more|less|fewer|higher|lower|greater|faster|slower)\b"
    # a change by a share: "it boosts metabolism by 25%", "cuts cravings by up to 40%"
    r"|\b(?:boost|increas|rais|cut|reduc|lower|speed|burn|improv|doubl)\w*\s+(?:[\w-]+\s+){0,3}?by\s+"
    rf"(?:up\s+to\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+)?{_NUM}\s?%"
)
# "Join our 2M+ members", "over 30,000 customers": a crowd offered as proof.
_CROWD = lazy_compile(
    r"\b((?:over|more\s+than|nearly|almost|join|joined|trusted\s+by|used\s+by|loved\s+by|helped)\s+(?:our\s+)?)?(\d[\d,.]*)\s?(k|m|thousand|million|billion)?(\+)?\s+"
    r"(?:(?:happy|satisfied|delighted|successful|active|loyal|verified|busy|personal|real|certified)\s+)?"
    r"(?:users|customers|members|clients|people|dieters|readers|subscribers|followers|women|men|athletes|reviews|buyers|"
    r"parents|moms|mums|girls|girlies|guys|fans|students|patients|mothers|dads|runners|lifters|americans|brits|britons|"
    r"australians|canadians|families|trainers|coaches|doctors|nurses|experts|professionals|dietitians|of\s+you)\b(?:\s+(?:have|who|already|use|love|trust|swear))?"
)
_LETTERS = lazy_compile(r"[a-z]{3}")
# Weight lost by a person is a result or a promise (quick-fix rules judge it), not a statistic.
_PERSONAL_LOSS = Needled(
    lazy_compile(
        r"\b(?:los(?:e|es|t|ing)|losses|drop(?:ped|s|ping)?|shed|down)\b(?:[^.!?]|\.(?=\d)){0,40}?(?:\b|(?<=\d))(?:pounds?|lbs?|kgs?|kilos?|stone|sizes?|weight|body ?fat|inch(?:es)?|cm)\b"
        r"|\bi(?:'m|’m|\s+am|\s+was|\s+weigh(?:ed)?)\s+(?:now\s+|down\s+to\s+|at\s+)?\d[\d.,]*\s?(?:kg|kgs|lbs?|pounds|kilos|stone)\b"
        r"|\d\s?(?:lbs?|pounds?|kgs?|kilos?)\.?\s+(?:of\s+)?(?:reduction|loss|lost|drop|down|off|lighter|gone|scale\s+drop)\b"
        r"|\bfrom\s+\d{2,3}\s*(?:lbs?|kgs?|pounds)?\s*(?:to|→|->)\s*\d{2,3}\b",
    ),
    "los",
    "drop",
    "shed",
    "down",
    "twice",
    "double",
    "triple",
    "x",
    "times",
    "reduction",
    "off",
    "lighter",
    "gone",
    "kg",
    "lb",
    "pound",
    "kilo",
    "stone",
    "from",
)


# What groups lost is a finding: "people who ate grapefruit lost 3.5 pounds", "members lose an
# average of 12 lbs", "83% lost weight", "can help you lose 15 pounds in a year".
_POPULATION_RESULT = lazy_compile(
    r"\b(?:people|participants|subjects|volunteers|women|men|users|members|dieters|patients|adults|those|customers|"
    r"clients|readers|groups?|eaters|drinkers|walkers|runners|takers|girls|ladies|guys|mums|moms|mamas|"
    r"followers|subscribers|trainees|challengers)\b(?:\s+[\w'’-]+){0,10}?\s+(?:lost|lose|losing|dropped|shed)\b"
    r"|\d\s?%\s+(?:of\s+[\w-]+\s+)?(?:lost|lose|dropped|shed)\b"
    r"|\b(?:can|could|may|might|will)\s+help\s+(?:you\s+)?(?:lose|drop|shed)\b"
    r"|\ban\s+average\s+of\b"
    r"|\b(?:the|our|my|your)\s+(?:average|typical)\s+(?:[\w-]+\s+){1,2}?(?:lost|loses|lose|dropped|drops|sheds?)\b"
)
# A typical result over people is a statistic even when it reads like one person's loss: "average
# loss in the first 30 days: 14.6 lbs", "6.1 cm average waist loss", "my average client loses
# 14 pounds", "most clients are 12 to 18 pounds lighter".
_PEOPLE = (
    r"(?:clients?|members?|users?|customers?|readers?|dieters?|participants?|patients?|women|men|people|"
    r"testers?|students?|buyers?)"
)
_TYPICAL_RESULT = lazy_compile(
    r"(?<!\bmy\s)(?<!\bhis\s)(?<!\bher\s)\baverage,?\s+(?:[\w-]+\s+){0,2}?(?:loss|lost|result|results|change|reduction|drop)\b"
    # "challengers lost on average 2.9 kg"
    r"|\b(?:lose|loses|lost|drop|drops|dropped|shed|sheds)\s+on\s+average\b"
    # "an average of 6.2 cm off the waist", "testers averaged 4.5 lbs"
    r"|\ban\s+average\s+of\b|\baverag(?:ed|es)\b"
    # "the average squad member", "our typical finisher": a person named by what they do
    rf"|\b(?:my|our|the|your)\s+(?:average|typical)\s+(?:[\w-]+\s+)?(?:{_PEOPLE}|[a-z-]{{3,}}(?:ers?|ants?|ees?))\b"
    # "most of our clients lose", "most walkers drop", "most new mums see": a plural noun
    rf"|\bmost\s+(?:of\s+(?:my|our|the|your)\s+)?(?:[\w-]+\s+)?(?:{_PEOPLE}|[a-z-]{{3,}}s)\s+(?:[\w-]+\s+){{0,6}}?"
    r"(?:are|were|lose|lost|drop|dropped|shed|see|saw|report|reported|end\s+up)\b"
    r"|\btypically\s+(?:lose|lost|drop|shed|see)\b"
)
# The typical result regulators ask sellers to disclose: "the average member loses 1-2 lbs per
# week". It reports a safe pace, not a finding to source.
_HEALTHY_PACE = lazy_compile(
    r"\b(?:(?:0?\.5|1|2)(?:\s?(?:[-–]|to)\s?(?:1|2))?\s?(?:lbs?|pounds?)|(?:0?\.5|1)(?:\s?(?:[-–]|to)\s?1)?\s?(?:kg|kilos?)"
    # the same pace as a share of body weight: "lose 0.5-1% of bodyweight per week"
    r"|(?:0?\.5|1)(?:\s?(?:[-–]|to)\s?1)?\s?%\s+of\s+(?:your\s+)?(?:body\s?weight|weight))"
    r"(?:\s+(?:a|per|each|every)\s+|\s?/\s?)week\b"
)
# An amount of body weight or girth: "14.6 lbs", "3.1\"", "2 dress sizes".
_BODY_AMOUNT = lazy_compile(
    rf"\b{_NUM}(?:\s?(?:[-–]|to)\s?{_NUM})?\s?(?:kg\b|kilos?\b|lbs?\b|pounds?\b|stone\b|inch(?:es)?\b|cm\b|"
    r"(?:dress\s+|jeans?\s+|clothes\s+)?sizes?\b)|\b\d+(?:\.\d+)?\s?[\"″”](?!\w)"
    # "3.2 in average waist reduction": "in" as inches, before what the inches measure
    r"|\b\d+(?:\.\d+)?\s?in\.?\s+(?=(?:average\s+|of\s+)?(?:waist|belly|hips?|thighs?|off|lost|"
    r"reduction|less|smaller|gone)\b)"
    # "a dress size", "two jeans sizes"
    r"|\b(?:a|one|two|three|a\s+whole|a\s+full)\s+(?:dress|jeans?|clothes|clothing|pant)\s+sizes?\b"
)
# The total a whole membership has lost, a counter's claim: "6000+ kg fat burned by members",
# "2,000+ kgs fat lost", "50,000 pounds lost and counting".
_GROUP_TOTAL = lazy_compile(
    r"\b\d[\d,.]*\s?(?:k|thousand|million)?\s?(?:\+\s?(?:kgs?|kilos?|kilograms?|lbs?|pounds?|stones?|inches)"
    r"|(?:kgs?|kilos?|kilograms?|lbs?|pounds?|stones?|inches)\+)\s+(?:of\s+)?(?:body\s+)?(?:fat\s+|weight\s+)?"
    r"(?:lost|burned|burnt|shed|dropped|gone|melted)\b"
    r"|\b\d{1,3}(?:,\d{3})+\s?(?:kgs?|kilos?|lbs?|pounds?|inches)\s+(?:of\s+)?(?:fat\s+|weight\s+)?"
    r"(?:lost|burned|burnt|shed|dropped|gone)\b"
    r"|\b(?:lost|burned|burnt|shed|dropped)\s+by\s+(?:our\s+|my\s+)?(?:members|clients|customers|users|students|community)\b"
    # "38 shredders lost 412 lb between them", "lost 1,200 kg combined"
    r"|\b(?:lost|shed|dropped)\s+(?:a\s+(?:total|combined)\s+(?:of\s+)?)?\d[\d,.]*\s?(?:kgs?|kilos?|lbs?|pounds?|stones?|inches)\s+"
    r"(?:between\s+them|among\s+them|between\s+us|combined)\b"
)
_QUOTED = lazy_compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]{3,}’")
_POINTER = lazy_compile(r"^\W*(?:see|read|check out|learn more|find out)\b", re.IGNORECASE)
_QUOTATION = lazy_compile(r"[\"“]([^\"”]{8,300})[\"”]")
# Words that make a quotation someone's claim the writer is examining: "another claimed its blend
# was "…"", ""… 63% more fat loss" means nothing without the study", "the label promises "…"".
_EXAMINED = lazy_compile(
    r"\b(?:claim(?:s|ed)?|promis(?:e|es|ed)|advertis\w*|boast(?:s|ed)?|slogans?|labels?|packets?|"
    r"means\s+nothing|marketing|tagline|buzzwords?|red\s+flags?|fine\s+print|misleading)\b",
    re.IGNORECASE,
)
_APPEAL_WORD = lazy_compile(
    r"\b(?:stud(?:y|ies)|research\w*|clinical(?:ly)?|scien\w*|proven|trials?|doctors?|experts?)\b",
    re.IGNORECASE,
)


def _quoted_to_criticise(text: str, claim: str) -> bool:
    """Is the figure or the appeal inside a quotation the sentence examines as someone's claim?"""
    for quote in _QUOTATION.finditer(text):
        quoted = quote.group(1)
        outside = text[: quote.start()] + " " + text[quote.end() :]
        holds = statistic_in(quoted) if claim == "statistic" else _APPEAL_WORD.search(quoted)
        if holds and _EXAMINED.search(outside):
            return True
    return False


# "What 40 years of studies say", "here's what the research actually says": an article announcing
# its evidence, which the sentences after it cite.
_ANNOUNCEMENT = lazy_compile(
    r"\bwhat\s+(?:[\w'’-]+\s+){0,4}?(?:research|studies|study|science|trials?|evidence|data|experts?|papers?)\s+(?:\w+\s+)?"
    r"(?:says?|show|shows|found|finds|suggests?|tells?|supports?)\b",
    re.IGNORECASE,
)


# A video's or podcast's chapter marker: "09:40 What the sit-up studies found", "[1:02:15] …".
# A transcript's line ("[01:42] RICK: …") names its speaker and is speech, not a chapter.
_CHAPTER = lazy_compile(
    r"^\s*[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}[\])]?\s*[-–—:|]?\s+(?![\w .'’-]{1,24}:\s)\S"
)


# The writer's own doctor or coach as the only authority in the sentence: an anecdote of advice
# ("My doctor said …", "my doctor was shocked"), not an appeal to research.
_OWN_ADVISER = lazy_compile(
    r"\b(?:my|our|the|her|his)\s+(?:own\s+|old\s+|new\s+|family\s+)?(?:gp|doctor|doc|physician|dietitian|nutritionist|"
    r"trainer|coach|physio\w*|consultant|surgeon|pharmacist|professor|nurse|midwife|\w*ologist)\b(?!s)",
    re.IGNORECASE,
)
# A site's sourcing policy, not a claim: "We depend on peer-reviewed studies and research by
# medical institutions", "Our writers rely on academic research", "our editorial standards".
_SOURCING_POLICY = lazy_compile(
    r"(?:^\W*(?:(?:at|here|for)\b[^,]{0,40},\s*)?(?:we|our\s+(?:\w+\s+)?(?:team|writers?|editors?|experts?|authors?|content|articles?|"
    r"reviewers?))\s+(?:\w+\s+){0,6}?(?:rely|relies|depend|depends|draw|draws|insist)\s+(?:only\s+|"
    r"solely\s+|exclusively\s+)?(?:on|upon|from)|sourcing\s+(?:criteria|guidelines|standards|"
    r"policy|policies)\b|\beditorial\s+(?:process|policy|policies|standards|guidelines)\b)",
    re.IGNORECASE,
)
# An appeal asked about, not made: "Do dermatologists agree that …?", "Does science show …?",
# "asked whether science says …", "Science says very little about detox teas".
_APPEAL_ASKED = lazy_compile(
    r"^\W*(?:do|does|did|is|are|can|could|has|have|will|would)\b[^?]*\?\s*$"
    r"|\b(?:whether|if)\s+(?:the\s+)?(?:science|research|studies|experts?|doctors?|\w*ologists?)\b"
    r"|\b(?:science|research|studies|the\s+evidence)\s+(?:says?|tells?\s+us|shows?)\s+(?:very\s+)?(?:little|nothing|less|no\b)",
    re.IGNORECASE,
)
# Evidence said to be missing, so none is appealed to: "We have not found a trial showing …",
# "There is no study showing …", "No tea has any published trial", "Our own data doesn't show
# that". "Not only do studies show …" and "no doubt research shows …" still appeal.
_RESEARCH_NOUN = r"(?:stud(?:y|ies)|trials?|research|evidence|data|proof)"
_NO_EVIDENCE = lazy_compile(
    r"(?:\b(?:no|not|never|nor|without|none|cannot)\b|n't\b)(?<!not only)(?<!not just)"
    r"(?!\s+(?:only|just|doubt|question|secret|wonder|surprise)\b)"
    r"(?:[^\w.;:!?,]+(?!but\b|and\b)\w+){0,4}?[^\w.;:!?,]+" + _RESEARCH_NOUN + r"\b"
    r"|(?:\b(?:no|not|never)\b|n't\b)[^.;:!?]*\bany\s+(?:\w+\s+){0,2}?" + _RESEARCH_NOUN + r"\b"
    # "Nothing I read in an actual study says …", "nothing in the research suggests …"
    r"|\bnothing\b(?:[^\w.;:!?,]+\w+){0,5}?[^\w.;:!?,]+" + _RESEARCH_NOUN + r"\b"
    r"|\b"
    + _RESEARCH_NOUN
    + r"\s+(?:\w+\s+)?(?:does|do|did|has|have|had)\s*(?:n[o']t|never)\b(?!\s+lie)"
    r"|\b"
    + _RESEARCH_NOUN
    + r"\s+(?:\w+\s+)?(?:doesn't|don't|didn't|hasn't|haven't|hadn't|never|fails?\s+to)\b(?!\s+lie)",
    re.IGNORECASE,
)
# A score out of five or ten: "We gave it 7 out of 10", "Comfort: 9 in 10", "Our score: 4 out of 5".
_SCORE = lazy_compile(
    r"(?:\bgave\s+(?:it|them|this)|\bscored?|\brat(?:ed|ing)|\bverdict|^\W*[a-z][a-z ]{0,20}:\**)\W*"
    r"\d+(?:\.\d+)?\s+(?:out\s+of|in)\s+(?:5|10|100)\b(?!\s+(?:of|people|women|men|users|customers)\b)"
)
_RESEARCH_WORD = lazy_compile(
    r"\b(?:stud(?:y|ies)|research\w*|trials?|evidence|scien\w*|experts?)\b", re.IGNORECASE
)


_LIST_LINE = lazy_compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s")


def _introduces_cited_list(index: CitationIndex, block_index: int) -> bool:
    """Is the block followed by list items (or plain-text numbered lines) of which one cites, or
    by a quotation or a paragraph of its section that cites ("In a study entitled …, we see:"
    then the quoted finding and its link)?"""
    blocks = index.document.blocks
    following = block_index + 1
    cited = False
    while following < len(blocks) and (
        blocks[following].kind == "list_item" or _LIST_LINE.match(blocks[following].text)
    ):
        cited = cited or index.block_has_citation(following)
        following += 1
    if cited:
        return True
    section = blocks[block_index].section
    for after in range(block_index + 1, min(len(blocks), block_index + 4)):
        if blocks[after].kind == "heading" or blocks[after].section != section:
            break
        if index.block_has_citation(after):
            return True
    return False


_NUTRIENT_TARGET = lazy_compile(
    r"^\W*(?:daily\s+)?(?:net\s+carbs|carbs|carbohydrates?|protein|fats?|fib(?:er|re)|sugars?|sodium|salt|water|"
    r"calories|kcal|energy|caffeine|creatine|alcohol)\W{0,3}:\s*(?:about\s+|around\s+|~\s*|up\s+to\s+|<\s*|>\s*)?\d"
)


_OWN_COUNT = lazy_compile(
    r"^\W*join\s+(?:over\s+|more\s+than\s+)?[\d,.]+\s?(?:k|thousand|million)?\+?\s"
    r"|\brated\s+[\d.]+\s*(?:/|out\s+of)\s*(?:5|five|10|ten)\b"
    # a headcount opening a stat card: "2,000+ members since we opened in 2015"
    r"|^\W*[\d,.]+\s?(?:k|thousand|million)?\+?\s+(?:happy\s+|active\s+|satisfied\s+|loyal\s+)?"
    r"(?:members|clients|customers|students|followers|subscribers|readers|users)\b"
    r"|\b[\d.]+\s*(?:/\s*5\s+)?stars?\s+(?:from|on|across|by)\s+[\d,.]+\+?\s+(?:reviews?|ratings?|customers)\b"
)


_WHO_HAVE = lazy_compile(r"\b(?:who|that)\s+(?:have|has|’ve|'ve)?\s*\w+ed\b|#\s?1\b")


_WORD_NUMBER = "|".join(sorted(CARDINALS, key=len, reverse=True))
# A number written as a word before a unit of amount: "five pounds", "twenty percent", "one to
# two pounds". Read as its digits, it is the same figure as "5 pounds".
_SPELLED_AMOUNT = lazy_compile(
    rf"\b({_WORD_NUMBER})(?=\s+(?:(?:to|or)\s+(?:{_WORD_NUMBER})\s+)?(?:percent|per\s+cent|"
    r"pounds?|lbs?|kilos?|kilograms?|kg|calories|stone|inch(?:es)?|centimet(?:re|er)s?|cm)\b)"
)

# A spelt-out stretch of time, which an equivalence may set against another ("twenty minutes of
# rowing gives the same benefit as an hour of walking").
_SPELLED_DURATION = lazy_compile(rf"\b(?:{_WORD_NUMBER})\s+(?:minutes?|hours?)\b")
_COMPARING = (" as ", "than", "beat", "equal", "burn of")

# A share of a counted group, as a finding: "one client in ten", "Of the 38 clients who …, 31
# had lost weight", "Out of the last 50 first appointments, 21 people mentioned …", and a group's
# measured average: "Our members walk an average of 7,400 steps a day".
_GROUP_SHARE = lazy_compile(
    rf"(?<![\d.,])\b{_COUNT_WORD}\s+{_PEOPLE}\s+(?:out\s+of|in)\s+(?:every\s+)?{_COUNT_WORD}\b"
    r"|\b(?:of|out\s+of)\s+(?:the\s+|my\s+|our\s+|those\s+|these\s+)?(?:last\s+|first\s+|past\s+)?"
    r"\d[\d,]*\s+[^.;:!?]{0,120}?,\s*(?:about\s+|roughly\s+|nearly\s+|only\s+|just\s+|almost\s+|over\s+)?"
    rf"(?:\d[\d,]*|{_WORD_NUMBER})\s+(?:(?:of\s+them|of\s+those|{_PEOPLE})\s+)?"
    r"(?:\w+ed|had|were|was|said|told|lost|saw|got|went|did|kept|gave|made|found|took|came|left|felt|"
    r"thought|still|could|would)\b"
    rf"|\ban\s+average\s+of\s+(?:about\s+|around\s+|nearly\s+|over\s+)?{_NUM}"
)


# A ratio of people: "3 out of 4 users", "nine in ten of our clients".
_PEOPLE_RATIO = lazy_compile(
    rf"(?<![\d.,])\b{_COUNT_WORD}\s+of\s+{_COUNT_WORD}\s+{_PEOPLE}\b"  # "9 of 10 participants"
    rf"|(?<![\d.,])\b{_COUNT_WORD}\s+(?:out\s+of|in)\s+(?:every\s+)?{_COUNT_WORD}\s+"
    rf"(?:of\s+(?:our|my|the|your|these|those)\s+)?(?:[\w-]+\s+)?{_PEOPLE}\b"
)


# How long a workout's afterburn lasts: "your body keeps burning fat for up to 48 hours after".
_AFTERBURN = lazy_compile(
    r"\b(?:burn|burns|burning)\s+(?:extra\s+|more\s+)?(?:fat|calories)\s+(?:for\s+)?(?:up\s+to\s+|over\s+|nearly\s+|about\s+)?"
    r"\d+\s*(?:-|to)?\s*\d*\s+(?:hours?|hrs?)\s+(?:after|afterwards|post)"
    r"|\bafter-?burn(?:\s+effect)?\s+(?:\w+\s+){0,2}?(?:lasts?|of)\s+(?:up\s+to\s+)?\d+\s*(?:hours?|hrs?)\b"
    # "keeps your metabolism fired up for 48 hours afterwards"
    r"|\bmetabolism\s+(?:[\w-]+\s+){0,3}?for\s+(?:up\s+to\s+|over\s+|nearly\s+|about\s+)?\d+\s*(?:hours?|hrs?)\b"
)


# What the seller's own customers are: "over 40% of our customers are women".
_OWN_MAKEUP = lazy_compile(
    rf"%\s+of\s+(?:our|my)\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\s+(?:are|were)\s+(?:(?:busy|working|new|first-time)\s+)?"
    r"(?:women|men|mums|moms|mothers|dads|fathers|parents|students|nurses|teachers|over|under|aged|from|based)\b"
)
# A share of a group that did something: "98% of our clients hit their target weight". What
# a group is made of ("40% of our customers are women") describes the seller's customers.
_SHARE_DID = lazy_compile(
    rf"\d[\d.,]*\s?%\s+of\s+(?:(?:our|my|the|all|these|those|their)\s+)?(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\s+"
    r"(?!(?:are|is|were|was|come|came|live|lived|identify|aged?|between|over|under|from)\b)(?:\w+\s+)?[a-z]{2,}"
)


def _digits(match: re.Match[str]) -> str:
    return str(CARDINALS[match.group(1)])


def statistic_in(text: str) -> bool:
    """Does the sentence state an outcome statistic (not a prescription, date or list number)?

    Figures inside quotation marks are someone else's words being quoted ("ads promise 'burn
    fat in 10 minutes a day'"), not the writer's claim."""
    cleaned = text.lower()
    if not _LETTERS.search(cleaned):
        return False  # a figure on its own ("93.9%") says nothing about what it measures
    cleaned = _SPELLED_AMOUNT.sub(_digits, cleaned)
    if ("“" in cleaned or '"' in cleaned or "‘" in cleaned) and not cleaned.lstrip(
        " *_>"
    ).startswith(("“", '"', "‘")):
        cleaned = _QUOTED.sub(
            " ", cleaned
        )  # a quotation the sentence reports; a quoted paragraph is copy
    if "%" in cleaned:
        if not _LOSS_SHARE.search(cleaned):
            cleaned = _INTENSITY.sub(" ", cleaned)
        cleaned = _COMPOSITION.sub(" ", _PROPORTION_OF_TIME.sub(" ", _WHOLLY.sub(" ", cleaned)))
    cleaned = _OFFER_OR_SPREAD.sub(" ", cleaned)
    cleaned = _EQUIPMENT.sub(" ", cleaned)  # "two 5 kg dumbbells": a kit list, not a finding
    cleaned = _SCORE.sub(" ", cleaned)  # "We gave it 7 out of 10": a reviewer's score
    if _NUTRIENT_TARGET.match(cleaned):
        return False  # "Fat: 60-80g/day (…)": a plan's daily target, labelled by its nutrient
    if (
        _OWN_COUNT.search(cleaned)
        and not _OUTCOME.search(cleaned)
        and not _WHO_HAVE.search(cleaned)
        and not _SOCIAL_PROOF.search(cleaned)
        and "%" not in cleaned
    ):
        return False  # "Join 5,000+ members", "Rated 4.8 out of 5 by 2,300 customers": a count or
        # a rating of the seller's own, which a reader can see for themselves
    if _PEOPLE_RATIO.search(cleaned):
        return True  # "3 out of 4 users stay under their goal": the group, not "you", does it
    if _GROUP_SHARE.search(cleaned) and not (_IMPERATIVE.match(cleaned) or _ADVICE.search(cleaned)):
        return True  # a share of a counted group, or its average: a finding about the group
    if _GROUP_TOTAL.search(cleaned):
        return True  # what all the members lost together: a counter's claim
    typical = _TYPICAL_RESULT.search(cleaned)
    if (
        typical is not None
        and _BODY_AMOUNT.search(cleaned, max(0, typical.start() - 12), typical.end() + 60)
        and not _HEALTHY_PACE.search(cleaned)
    ):
        return True  # what people typically lose: a finding about a group, its amount beside it
    if (
        _PERSONAL_LOSS.search(cleaned)
        and not _POPULATION_RESULT.search(cleaned)
        and not _crowd(cleaned)
        and not _LOSS_SHARE_EFFECT.search(cleaned)  # "losing 5-10% of your body weight can lower …"
    ):
        return False  # one person's loss is a result or a promise; a group's is a finding
    if (
        _IMPERATIVE.match(cleaned)
        or _ADVICE.search(cleaned)
        or (_OWN_PRESCRIPTION.match(cleaned) and not _POPULATION_RESULT.search(cleaned))
    ):
        # "Lighten the bar by about 20%", "you should aim for 20 g": an instruction's numbers
        # prescribe. Only a claimed outcome ("…, burning 100 calories") or comparison counts.
        return bool(
            _CALORIES_BURNED.search(cleaned)
            or _AFTERBURN.search(cleaned)
            or _EQUIVALENCE.search(cleaned)
            or _SOCIAL_PROOF.search(cleaned)
            or _crowd(cleaned)
            or ("%" in cleaned and _COMPARATIVE_PERCENT.search(cleaned))
            or _SHARE_DID.search(cleaned)  # "… because 92% of users lost weight"
        )
    if _OWN_MAKEUP.search(cleaned):
        return False  # "40% of our customers are women": who buys, which the seller knows
    if (
        _PERCENT.search(cleaned)
        and (
            _PERCENT_CUE.search(cleaned)
            or _SHARE_DID.search(cleaned)
            or _SHARE_CAUSE.search(cleaned)
        )
        and not _HEALTHY_PACE.search(cleaned)
    ):
        return True
    if _MULTIPLIER.search(cleaned) or _RATIO.search(cleaned):
        return True
    if _crowd(cleaned):
        # A crowd credited with a result is a finding ("300,000 Americans have used it to shed
        # pounds", "trusted by 9 million"); one that only did something ("38,000 women have done
        # the Countdown", "taught it to 18,000 women") is the seller's own count.
        return bool(_OUTCOME.search(cleaned) or _CROWD_CREDIT.search(cleaned))
    if (
        _EQUIVALENCE.search(cleaned)
        or _CALORIES_BURNED.search(cleaned)
        or _AFTERBURN.search(cleaned)
    ):
        return True
    if _PER_EVERY.search(cleaned) and (_OUTCOME.search(cleaned) or "return" in cleaned):
        return True
    if _SOCIAL_PROOF.search(cleaned):
        return True
    if _TEST_STAT.search(cleaned) or _RANK.search(cleaned):
        return True
    if _AUTHORITY.search(cleaned) and _SPREAD_DOSE.search(cleaned):
        return True  # "The WHO recommends 150 to 300 minutes of moderate activity a week"
    if (_AMOUNT.search(cleaned) or _DOSE.search(cleaned)) and (
        _OUTCOME.search(cleaned) or _GUIDELINE.search(cleaned)
    ):
        # "Around 0.5 to 1 kg a week is realistic": the guideline pace, restated as advice.
        return not _HEALTHY_PACE.search(cleaned)
    return False


# What a crowd is credited with besides a loss: being helped, reshaped, slimmed or won over.
_CROWD_CREDIT = lazy_compile(
    r"\b(?:help\w*|trust\w*|reshap\w*|transform\w*|chang\w*|slim(?:mer|ming|med|s)?\b|swear\w*|lov(?:e|es|ed|ing)\b|"
    r"success\w*|results?|confiden\w*|already)"
)
# Any crowd already won over: "over 20,000 Kiwis are already shaking their way slimmer".
_CROWD_ALREADY = lazy_compile(
    r"\b((?:over|more\s+than|nearly|almost)\s+)?(\d[\d,.]*)\s?(k|m|thousand|million|billion)?(\+)?\s+"
    r"(?!(?:bottles|orders|units|boxes|packs|jars|tubs|pouches|bags|copies|items|products|parcels)\b)[a-z]+s\s+(?:are|have)\s+already\b"
)


def _crowd(text: str) -> bool:
    """A crowd offered as proof: thousands of members, customers or reviews."""
    for match in _CROWD_ALREADY.finditer(text):
        _, number, scale, _ = match.groups()
        if _thousands(number, scale):
            return True
    for match in _CROWD.finditer(text):
        cue, number, scale, plus = match.groups()
        # "Join 14,000+ parents", "over 50k girlies": a crowd offered as proof, not a head count
        # in a plan ("organisations of 50 to 50,000 people").
        if _thousands(number, scale) and (
            cue
            or plus
            or match.group(0)
            .rstrip()
            .endswith(("have", "who", "already", "use", "love", "trust", "swear"))
        ):
            return True
    return False


def _thousands(number: str, scale: str | None) -> bool:
    """A head count of a thousand or more ("14,000", "50k", "2 million"); False if unreadable."""
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return False
    return bool(scale) or value >= 1000


@dataclass
class ClaimGroup:
    """The claim rules of a run, sharing one classification per sentence and one citation index
    per document."""

    matchers: dict[str, ClaimMatcher] = field(default_factory=dict)
    index: CitationIndex | None = None
    document: Document | None = None
    words: ContextWords = EMPTY_WORDS
    _cache: dict[tuple[int, int, str], str | None] = field(default_factory=dict)
    _scanner: Any = None
    # For the claim inventory: claims found cited are matched too and recorded here, by (path,
    # code, source start, source end), with where the citation was found (see ClaimMatcher._cited).
    report_cited: bool = False
    cited: dict[tuple[str, str, int, int], tuple[str, int, int, int]] = field(default_factory=dict)

    def stems_of(self, lowered: str) -> dict[str, list[int]]:
        from fitlint.rules.prefilter import StemScanner

        if self._scanner is None:
            self._scanner = StemScanner(stem for m in self.matchers.values() for stem in m.stems())
        return self._scanner.scan(lowered)

    def begin(self, document: Document) -> None:
        if self.document is not document:
            self.document = document
            self.index = citation_index(document)
            self._cache.clear()

    def classify(
        self,
        sentence: Any,
        lemmas: LemmaText,
        timeout: float,
        before: str = "",
        around: Collection[str] | None = None,
    ) -> str | None:
        """The claim the sentence makes, if any. ``around``: word stems of the text holding the
        sentence, which lets a claim none of whose patterns those stems allow be ruled out at once."""
        # The sentence doc is shared by identical sentences; what precedes it in the block
        # (quote context) can differ, so it is part of the key.
        key = (id(sentence.doc), sentence.start, before)
        if key not in self._cache:
            kind = None
            for claim in PRIORITY:
                matcher = self.matchers.get(claim)
                if matcher is not None and matcher.detects(
                    sentence, lemmas, timeout, before, around
                ):
                    kind = claim
                    break
            self._cache[key] = kind
        return self._cache[key]


class ClaimMatcher:
    kind = "claim"
    reads_document = True  # what the document cites decides

    def __init__(self, rule: Rule, ruleset: RuleSet, group: ClaimGroup) -> None:
        self.rule = rule
        self.claim = rule.unit
        self.group = group
        group.matchers[self.claim] = self
        self.ruleset = ruleset
        self.phrase = PhraseMatcher(rule, ruleset) if rule.patterns else None
        self.gated = self.phrase is not None  # statistics are found by their figures, not by words

    def stems(self) -> Iterator[str]:
        if self.phrase is not None:
            yield from self.phrase.stems()

    def gate_stems(self) -> Iterator[str]:
        if self.phrase is not None:
            yield from self.phrase.gate_stems()

    def prefilter(self, lowered: str, stems: Collection[str]) -> bool:
        if self.phrase is not None:
            return self.phrase.prefilter(lowered, stems)
        # Statistics need no spaCy to find: only sentences that state one go on.
        has_figure = (
            _DIGIT.search(lowered) is not None
            or any(word in lowered for word in _FIGURE_WORDS)
            or _SPELLED_AMOUNT.search(lowered) is not None
            # a spelt-out duration only where it is compared ("as", "than", "beats", "equal")
            or (
                any(word in lowered for word in _COMPARING)
                and _SPELLED_DURATION.search(lowered) is not None
            )
        )
        return has_figure and statistic_in(lowered)

    def prepare(self, lemmatize: Callable[[str], str]) -> None:
        if self.phrase is not None:
            self.phrase.prepare(lemmatize)
        self.group.words = context_words(self.ruleset, lemmatize)

    def begin(self, document: Document) -> None:
        self.group.begin(document)

    def compile_all(self) -> None:
        if self.phrase is not None:
            self.phrase.compile_all()

    def detects(
        self,
        sentence: Any,
        lemmas: LemmaText,
        timeout: float,
        before: str = "",
        around: Collection[str] | None = None,
    ) -> bool:
        if self.phrase is not None:
            # A sentence's stems are a subset of its surrounding text's, and fewer stems never
            # allow more patterns: nothing allowed around the sentence, nothing in it.
            if around is not None and not self.phrase.allowed(around):
                return False
            lowered = sentence.text.lower()
            stems = self.group.stems_of(lowered)
            if not self.phrase.prefilter(lowered, stems):
                return False
            # An appeal inside quotation marks is being quoted, not made.
            return any(
                not quoted(
                    MatchContext(
                        sentence, hit.first, hit.last, "", "", before=before, words=self.group.words
                    )
                )
                for hit in self.phrase.find(sentence, lemmas, timeout, stems=stems)
            )
        return statistic_in(sentence.text)

    @staticmethod
    def _heading(document: Document, block: Any) -> str:
        for candidate in document.blocks:
            if candidate.kind == "heading" and candidate.section == block.section:
                return candidate.text
        return ""

    def find(
        self,
        sentence: Any,
        lemmas: LemmaText,
        timeout: float,
        block_index: int = -1,
        offset: int = 0,
        stems: Collection[str] | None = None,
        context: str = "",
        following: str = "",
    ) -> Iterator[Found]:
        index = self.group.index
        assert index is not None
        document = index.document
        block = document.blocks[block_index]
        # Context tests read at most CONTEXT_CHARS of the block before the sentence; a longer
        # prefix would be copied for every sentence and kept in the cache key (memory and time
        # growing with the square of a paragraph's length).
        before = block.text[max(0, offset - CONTEXT_CHARS) : offset]
        if self.group.classify(sentence, lemmas, timeout, before, stems) != self.claim:
            return
        if block_index in index.reference_blocks:
            return
        if (
            block.kind == "table_cell"
            and not _layout_prose(document, block)
            and not (
                self.claim == "appeal"
                and len(block.text.split()) >= PROSE_CELL_WORDS
                and _OPENS_WITH_APPEAL.match(block.text)
            )
        ):
            # A figure or a label in a data table is read by its row (uncited_table_rows); a
            # cell that appeals to research in a sentence ("Research proves it burns 30% more
            # fat") makes its claim wherever it stands.
            return
        if block.kind == "control" and self.claim != "statistic":
            return  # a link that names another page ("… According to a Trainer") points to its claim
        titled = block.kind == "heading" or (block.kind == "front_matter" and block.key == "title")
        if titled and self.claim == "statistic" and _figures_in_body(document, sentence.text):
            return  # a title's figure the article under it states: the body is where it is cited
        start = offset + sentence.start_char
        end = offset + sentence.end_char
        if block.kind == "heading" and index.cited_below(block_index):
            yield from self._cited("section", sentence, block_index, start, end)
            return  # a heading over the studies it names: its section cites them
        if _STUDY_NAMED.search(sentence.text) and _page_summary(index, block_index):
            if index.cited_earlier(len(document.blocks)):
                # "Local study says ab work took extra fat off the trunk" as a news page's title,
                # standfirst or headline: the study the page goes on to cite.
                yield from self._cited("section", sentence, block_index, start, end)
                return
        text = sentence.text.strip()
        if _POINTER.match(text):
            return  # "See our guide for what the data says": a pointer to a source, not a claim
        if text.lstrip(" *_>-").startswith(("“", '"', "‘")) and _MYTH_HEADING.search(
            self._heading(document, block)
        ):
            return  # a myth quoted under "Myths" or "Debunked": stated to be refuted
        if (
            "blockquote" in block.containers
            and block_index > 0
            and reports_others_claims(document.blocks[block_index - 1].text.lower())
        ):
            return  # a message quoted after "A forward doing the rounds reads, in part:"
        if getattr(block, "key", None) == "myth":
            return  # a myth card's myth ({ myth: "…", verdict: false }): stated to be refuted
        if _quoted_to_criticise(text, self.claim):
            return  # 'Another claimed its blend was "clinically proven to melt 3x more fat"'
        if self.claim != "statistic" and _ANNOUNCEMENT.search(text):
            return  # "Here's what the trials show": the article announces what it cites
        if self.claim == "appeal" and _OWN_ADVISER.search(text) and not _RESEARCH_WORD.search(text):
            return  # "My doctor said even 5% would help": one person's adviser, not research
        if self.claim in ("appeal", "venue") and _SOURCING_POLICY.search(text):
            return  # "We depend on peer-reviewed studies …": how the site sources its pages
        if self.claim == "appeal" and _APPEAL_ASKED.search(text):
            return  # "Does science show that cold showers boost your metabolism?"
        if self.claim == "appeal" and _NO_EVIDENCE.search(text):
            return  # "There is no study showing that lemon water burns fat"
        if self.claim != "statistic" and _CHAPTER.match(text) and len(text.split()) <= 12:
            return  # "21:02 The one study that says …": a chapter title names what is discussed
        if index.span_cites(block_index, start, end):
            yield from self._cited("sentence", sentence, block_index, start, end)
            return
        # "Other research shows …", "some studies suggest …": a source other than the one the
        # paragraph cites, so only a citation in its own sentence covers it.
        new_source = self.claim != "statistic" and _NEW_SOURCE.search(text) is not None
        # "…, according to our instructors": a figure the sentence credits to the seller's own
        # people has that for its source, whatever the paragraph or section cites elsewhere.
        new_source = new_source or _OWN_ATTRIBUTION.search(text) is not None
        # A paragraph that cites sentence by sentence gives each citation to its own sentence:
        # "Studies show …" beside "One small study found … (1)" is not covered by the (1).
        by_sentence = (
            self.claim != "statistic"
            and not _PROVEN_BACK.search(text)
            and index.cites_by_sentence(block_index)
        )
        if by_sentence:
            trailing = _TRAILING_MARKER.match(block.text, end)
            if trailing is not None and index.span_cites(block_index, start, trailing.end()):
                # "… a food journal. [9]": the marker after the full stop is this sentence's
                yield from self._cited("sentence", sentence, block_index, start, trailing.end())
                return
        if not new_source and not by_sentence and index.block_has_citation(block_index):
            yield from self._cited("paragraph", sentence, block_index, start, end)
            return
        if block.kind == "heading" and index.section_below_cites(block_index):
            yield from self._cited("section", sentence, block_index, start, end)
            return  # "Trials that found no local effect": the section under it cites them
        if text.endswith(":") and _introduces_cited_list(index, block_index):
            yield from self._cited("list", sentence, block_index, start, end)
            return  # "Here's what the research supports:" followed by cited points
        names_study = _STUDY_REFERENCE.search(text) is not None
        # A figure is the cited study's when it reads as its results ("the ab group lost 700 g
        # more", "no significant difference was found"); a general figure under it ("Running
        # burns about 100 calories a mile") is the writer's own claim.
        # A figure that names no study is the cited study's only in the paragraphs right after
        # the citation; further down a long section (a forum thread, a page with one heading)
        # it is a new claim. Hearsay ("I read somewhere that 70% …") names no source at all.
        reach = None if names_study else _FIGURE_REACH
        cited_at = (
            index.first_cited_earlier_in_section(block_index, reach)
            if (names_study or self.claim == "statistic")
            and not new_source
            and not _HEARSAY.search(text)
            else None
        )
        if cited_at is not None and (
            names_study
            or _REPORTS_FINDINGS.search(text)
            or _RESTATES.search(text)
            or _shares_figure(text, _cited_passage(document, cited_at, block_index))
        ):
            yield from self._cited("section", sentence, block_index, start, end)
            return  # a study's figures and findings, discussed in the section that cites it
        if _SAME_STUDY.search(text) and index.cited_earlier(block_index):
            yield from self._cited("section", sentence, block_index, start, end)
            return  # "In the same study, …", "that trial also found …": the study cited before
        if _A_STUDY.search(text) and _cited_next(index, block_index):
            yield from self._cited("section", sentence, block_index, start, end)
            return  # "A small study from Norway …", then "The study, by … (doi:…)" under it
        mode = index.mode
        if mode == "bulk" and self.claim != "venue":
            yield from self._cited("references", sentence, block_index, start, end)
            return  # a reference list with no inline markers: the writer cites in bulk
        if mode == "single" and (
            self.claim == "statistic" or _STUDY_REFERENCE.search(sentence.text)
        ):
            yield from self._cited("references", sentence, block_index, start, end)
            return  # a study summary: its figures come from the one reference
        first, last = _trim(sentence)
        if first is None:
            return
        yield Found(first, last)

    def _cited(
        self, scope: str, sentence: Any, block_index: int, start: int, end: int
    ) -> Iterator[Found]:
        """With ``group.report_cited``: a claim found cited, matched like an uncited one and
        recorded with where its citation is (``scope``: sentence, paragraph, list, section or
        references; ``start``/``end``: the prose the citation was found in, for the sentence)."""
        if not self.group.report_cited:
            return
        first, last = _trim(sentence)
        if first is None:
            return
        doc = sentence.doc
        document = self.group.index.document
        offset = start - sentence.start_char  # the unit's offset in the block's prose
        span = document.blocks[block_index].source_span(
            offset + doc[first].idx, offset + doc[last].idx + len(doc[last])
        )
        self.group.cited[(document.path, self.rule.code, *span)] = (scope, block_index, start, end)
        yield Found(first, last)


_OWN_ATTRIBUTION = lazy_compile(
    r"\baccording\s+to\s+(?:our|my)\s+(?:own\s+)?(?:\w+\s+)?(?:instructors?|coaches|coach|trainers?|team|staff|"
    r"members|clients|customers|users|founders?|experts?|nutritionists?|therapists?)\b"
    r"|\b(?:our|my)\s+(?:instructors|coaches|trainers|team|staff)\s+(?:say|says|said|tell|find|found|report|reckon)\b",
    re.IGNORECASE,
)
# A study referred back to: "In the same arm study", "that trial also found", "the study above".
_SAME_STUDY = lazy_compile(
    r"\b(?:the\s+same|the\s+earlier|the\s+above|the\s+former|the\s+latter)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:study|studies|trial|trials|review|paper|experiment)\b"
    r"|\b(?:that|this)\s+(?:[\w-]+\s+)?(?:study|trial|review|paper|experiment)\b(?!\s+(?:participants|subjects))"
    r"|\bboth\s+(?:studies|trials|reviews|papers)\b",
    re.IGNORECASE,
)
# A study brought in, to be named in the paragraph after: "a small study from Norway".
_A_STUDY = lazy_compile(
    r"\ba\s+(?:[\w-]+\s+){0,3}?(?:study|trial|review|paper|meta-analysis)\b", re.IGNORECASE
)
# The next paragraph naming it: "The study, by Brobakken and colleagues, …".
_THE_STUDY_OPENS = lazy_compile(
    r"^\W*(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:study|trial|review|paper|meta-analysis)\b",
    re.IGNORECASE,
)


def _cited_next(index: CitationIndex, block_index: int) -> bool:
    """Does the next paragraph of the section open on the study and cite it?"""
    blocks = index.document.blocks
    after = block_index + 1
    if after >= len(blocks) or blocks[after].kind == "heading":
        return False
    if blocks[after].section != blocks[block_index].section:
        return False
    return bool(_THE_STUDY_OPENS.match(blocks[after].text)) and index.block_has_citation(after)


# What a study's results are told with: its groups and participants, its significance, what
# it found or measured.
_REPORTS_FINDINGS = lazy_compile(
    r"\b(?:groups?|participants?|subjects?|volunteers?|controls?|cohorts?|randomi[sz]ed|placebo"
    r"|trials?|stud(?:y|ies)|researchers?|authors?|data|significant(?:ly)?|baseline|follow-up"
    r"|found|showed|shown|observed|demonstrat\w*|indicated|reported|measured|recorded"
    r"|compared\s+(?:with|to))\b|\bp\s?[<=>≤]",
    re.IGNORECASE,
)
# A figure worked out from the one cited before: "for most people that means about 600 kcal a
# day less".
_RESTATES = lazy_compile(
    r"\b(?:that|this|which)\s+(?:means|works\s+out|adds\s+up|comes\s+to|translates)\b"
    r"|\bin\s+other\s+words\b",
    re.IGNORECASE,
)
_FIGURE = lazy_compile(_NUM)


def _shares_figure(text: str, blocks: Sequence[Any]) -> bool:
    """Does the sentence repeat a figure (not a year) of the cited passage before it ("4 min of
    training a day" quoted, then "just 4 minutes a day can improve …")?"""
    own = {f for f in _FIGURE.findall(text) if not _YEAR.fullmatch(f)}
    if not own:
        return False
    return any(own & set(_FIGURE.findall(block.text)) for block in blocks)


_YEAR = lazy_compile(r"(?:19|20)\d\d")


def _cited_passage(document: Document, cited_at: int, block_index: int) -> list[Any]:
    """The blocks from the citation up to the sentence's, with the one just before a citation
    that stands on a line of its own after what it sources (a quote, then its link)."""
    blocks = document.blocks
    start = cited_at
    if start > 0 and blocks[start - 1].section == blocks[cited_at].section:
        start -= 1
    return blocks[start:block_index]


_FIGURE_REACH = 4  # blocks after a citation in which a figure that names no study is its
_HEARSAY = lazy_compile(
    r"\b(?:i|we)\s+(?:read|heard|saw)\s+(?:somewhere|online|once)\b|\bthey\s+say\b|\bapparently\b"
    r"|\b(?:rumou?r|word)\s+(?:has\s+it|is)\b",
    re.IGNORECASE,
)


# "it has been proven", "this was shown": the appeal points back at a claim cited beside it.
_PROVEN_BACK = lazy_compile(
    r"\b(?:it|this|that|these|those|which)\s+(?:\w+\s+){0,2}?(?:been\s+)?(?:proven|shown|found|demonstrated|confirmed)\b",
    re.IGNORECASE,
)
# A citation marker standing just after a sentence's full stop: " [9]", " (12)", "[^3]".
_TRAILING_MARKER = lazy_compile(
    r"\s*(?:\\?\[[^\]]{1,80}\](?:\([^)]{0,300}\))?\\?\]?|\(\d[^)]{0,40}\))"
)
_FIGURE = lazy_compile(r"\d[\d,.]*")


# One study named as the subject of a headline: "Local study says …", "A small trial from Molde
# found …" (not "Studies show", "clinically proven" or "science-backed", which name none).
_STUDY_NAMED = lazy_compile(
    r"\b(?:study|trial|paper)\s+(?:says|finds|found|shows|showed|suggests|reports|reported|links|"
    r"linked)\b|\b(?:a|one|the|new|local|small|"
    r"recent)\s+(?:[\w-]+\s+){0,2}?(?:study|trial|paper)\s+(?:from|at|in|by|of|out\s+of)\b",
    re.IGNORECASE,
)


def _page_summary(index: CitationIndex, block_index: int) -> bool:
    """Is the block the page's title, description or first heading: where a page sums up what
    its body goes on to say?"""
    block = index.document.blocks[block_index]
    if block.kind == "front_matter":
        return block.key in ("title", "description", "excerpt", "summary", "subtitle", "lead")
    return block.kind == "heading" and block_index == index.first_heading


def _figures_in_body(document: Document, title: str) -> bool:
    """Does the body (not titles or headings) state every figure of a title? "Torch Up to 1,000
    Calories a Class" over a page that never says 1,000 again is the page's own claim."""
    figures = {f.rstrip(".,") for f in _FIGURE.findall(title)}
    if not figures:
        return True
    body = document.derived.get("body-figures")
    if body is None:
        body = document.derived["body-figures"] = {
            f.rstrip(".,")
            for block in document.blocks
            if block.kind not in ("heading", "front_matter")
            for f in _FIGURE.findall(block.text)
        }
    return figures <= body


_MYTH_HEADING = lazy_compile(
    r"\b(?:myths?|misconceptions?|debunk\w*|busted|fact\s+or\s+fiction|truth)\b", re.IGNORECASE
)


def _trim(sentence: Any) -> tuple[int | None, int]:
    """Token range of the sentence without leading list markers or trailing spaces."""
    tokens = [t for t in sentence if not t.is_space]
    while tokens and tokens[0].text in ("-", "*", "•", "—", "–", ">"):
        tokens = tokens[1:]
    if not tokens:
        return None, 0
    return tokens[0].i, tokens[-1].i


# Tables about bodies and energy (calories burned, fat lost, % change); not benchmarks or prices.
_TABLE_TOPIC = lazy_compile(
    r"\b(?:calories?|kcal|burn(?:ed|s|ing)?|fat|weight|metabolism|loss|lose|lost|percent|risk|reduction|reduces?|"
    r"lower|chance|likelihood|benefits?|effects?|improvements?|increase|decrease)\b|%",
    re.IGNORECASE,
)
_MEASURED_CELL = lazy_compile(r"%|[a-z×]", re.IGNORECASE)
# A cell that states an effect in figures: "Boosts your metabolism by 12%", "3x more fat burned".
_EFFECT_CELL = lazy_compile(
    r"\b(?:boost|increas|rais|reduc|lower|cut|burn|speed|accelerat|doubl|tripl|improv|block|curb)\w*"
    r"\b[^|]{0,60}?\d+(?:[.,]\d+)?\s*(?:%|x\b|times\b|percent\b)",
    re.IGNORECASE,
)
_ENERGY_UNIT = lazy_compile(r"\b(?:k?cal|kcals|calories|kj|kilojoules)\b", re.IGNORECASE)
_BURNED = lazy_compile(r"\bburn(?:ed|t|s|ing)?\b|\bexpenditure\b", re.IGNORECASE)
# A column of what a method did: "Calories burned (30 min)", "Fat lost", "% change". A column
# named by a nutrient or a measure alone ("Fat", "Weight") is a label or a log.
_OUTCOME_HEADER = lazy_compile(
    r"\b(?:burn(?:ed|t|s)?|lost|loss|losses|reduction|reduced|change|increase|decrease|improvement|"
    r"difference|effect|results?)\b",
    re.IGNORECASE,
)
# A table of what to do ("Sets | Reps | Rest"): its figures are instructions, not findings.
_PRESCRIBED_HEADER = lazy_compile(
    r"\b(?:sets|reps|repetitions|rest|tempo|rounds|intervals|frequency|servings?|portions?|doses?|"
    r"dosage|sessions?\s+per|maintenance|targets?|goals?|intake|budget|allowance|limits?)\b",
    re.IGNORECASE,
)
# A column of changes to a body measurement: "Avg. waist change", "Inches lost (hips)". A plain
# "Waist (cm)" is a size chart or a log, not an outcome.
_MEASURE_CHANGE_COLUMN = lazy_compile(
    r"\b(?:waist(?:line)?|hips?|thighs?|belly|tummy|arms?|girth|circumference|inch(?:es)?|cm)\b.{0,30}?"
    r"\b(?:change|changes|loss|lost|reduction|off|drop|dropped|difference|down)\b"
    r"|\b(?:change|loss|lost|reduction|drop)\b.{0,20}?\b(?:waist(?:line)?|hips?|thighs?|belly|tummy|arms?|girth|"
    r"circumference|inch(?:es)?|cm)\b",
    re.IGNORECASE,
)
_AGGREGATE = lazy_compile(
    r"\b(?:average|avg|mean|median|typical|typically|users|customers|clients|members|testers|"
    r"participants|readers|women|men|people)\b",
    re.IGNORECASE,
)
# A signed or plain length in such a column: "−2.4 in", "5 cm", "3.1\"".
_LENGTH_CELL = lazy_compile(
    r"^\s*(?:up\s+to|about|around|over|nearly|almost|[~≈<>+−-])?\s*\d[\d,.]*\s*"
    r"(?:cm|in\.?|inch(?:es)?|[\"″”])\s*$",
    re.IGNORECASE,
)
_PRESCRIBED_ROW = lazy_compile(
    r"\b(?:target|goal|plan|limit|allowance|intake|budget|recommended|serving|portion|dose|dosage|per\s+day|daily|"
    r"net\s+carbs|carbs|carbohydrates?|protein|fats?|fib(?:er|re)|sugars?|sodium)\b",
    re.IGNORECASE,
)
# A cell holding one figure, maybe qualified: "35%", "Up to 35%", "~400 kcal", "< 10 g".
_NUMERIC_CELL = lazy_compile(
    r"^\s*(?:up\s+to|about|around|approx\.?|approximately|over|under|nearly|almost|[~≈<>≤≥+−-])?\s*"
    r"\d[\d,.]*\s*(?:[-–]\s*\d[\d,.]*\s*)?"
    r"(?:%|kcal|cal|calories|kg|lbs?|g|mg|x|×|min|mins|minutes|hrs?|hours)?"
    r"(?:\s+(?:more|less|fewer|higher|lower))?\s*$",
    re.IGNORECASE,
)


_NUTRIENT = lazy_compile(
    r"\b(?:calories|calorie|kcal|energy|protein|carbs|carbohydrates?|fats?|fib(?:er|re)|sugars?|"
    r"sodium|salt|saturates)\b"
)
_BRACKETED = lazy_compile(r"\([^()]{0,30}\)")
_TIME_COLUMN = lazy_compile(
    r"^\W*(?:week|day|date|month|session|check-?in|weigh-?in)s?\b", re.IGNORECASE
)


PROSE_CELL_WORDS = 6  # a layout cell this long holds a sentence ("92% of wrappers saw …")


# A cell that opens with the appeal: "Research proves it burns 30% more fat", "Scientifically
# proven to …" (a quoted headline, or a cell that only mentions evidence, is left to its row).
_OPENS_WITH_APPEAL = lazy_compile(
    r"(?i)^[^\w\"“‘']*(?:research|studies|study|science|scientists|scientifically|clinically|"
    r"clinical\s+(?:studies|trials|research)|experts?|doctors?)\b"
)


def _layout_prose(document: Document, block: ProseBlock) -> bool:
    """Is the cell a sentence in a table that lays out a page or an email (an HTML table with no
    header row), not a data table's entry?"""
    if block.cell is None or len(block.text.split()) < PROSE_CELL_WORDS:
        return False
    return block.cell.table not in document_header_rows(document)


# A table of what a product contains: "Ingredient | Amount", "Per serving", "% DV".
_COMPOSITION_HEADER = lazy_compile(
    r"\b(?:ingredients?|per\s+serving|serving\s+size|dose|dosage|%\s?dv|daily\s+value|supplement\s+facts|"
    r"active\s+compounds?|composition)\b",
    re.IGNORECASE,
)


def _outcome_label(label: str, around: str) -> bool:
    """Does a row's first cell name an outcome ("Fat lost", "Calories burned", "Calories in 30
    minutes")? Plain "Calories" on a recipe card is a nutrition label, and "Inch Loss Wrap" in a
    price list is a product."""
    if _PRESCRIBED_HEADER.search(label):
        return False
    if _ENERGY_UNIT.search(label):
        return bool(_BURNED.search(label + " " + around) or _ACTIVITY_SPAN.search(label))
    label = label.strip()
    return bool(_OUTCOME_HEADER.match(label) or _OUTCOME_ENDING.search(label))


# A row label that ends on what happened: "Fat lost", "Waist reduction", "Weight change".
_OUTCOME_ENDING = lazy_compile(r"\b(?:burn(?:ed|t)|lost|loss|reduction|change)\s*$", re.IGNORECASE)


# A stretch of activity a figure is measured over: "in 30 minutes", "per hour", "an hour".
_ACTIVITY_SPAN = lazy_compile(
    r"\b(?:in|per|an?|each)\s+(?:\d+\s*)?(?:min|mins|minutes?|hours?|hr|session|workout|class)\b",
    re.IGNORECASE,
)
_PRICE = lazy_compile(r"[£$€₹₦]|\b(?:usd|gbp|eur|php|inr|ngn|zar|kes|rm)\s*\d", re.IGNORECASE)


def uncited_table_rows(document: Document, index: CitationIndex) -> list[tuple[int, int]]:
    """Source spans of data rows in tables of outcome figures (calories burned, % change, inches
    off the waist) that have no citation in the table, its heading or the paragraph around it.
    A row counts when a figure stands under a column whose header names an outcome, or when
    most of its cells are measured figures."""
    blocks = document.blocks
    tables: dict[int, dict[int, list[int]]] = {}  # table -> row -> its cells' block indexes
    for position, block in enumerate(blocks):
        if block.cell is not None:
            tables.setdefault(block.cell.table, {}).setdefault(block.cell.row, []).append(position)
    heads_of = document_header_rows(document)
    spans = []
    for table, rows in tables.items():
        ordered = sorted(rows)
        first_cell = rows[ordered[0]][0]
        last_cell = rows[ordered[-1]][-1]
        context = [
            i for i in range(max(0, first_cell - 2), first_cell) if blocks[i].kind != "table_cell"
        ]
        if last_cell + 1 < len(blocks):
            context.append(last_cell + 1)
        # Header rows are rows of header cells only; a table with none is headed by its first row.
        heads = set(heads_of.get(table, ())) or {ordered[0]}
        header_cells = [i for row in ordered if row in heads for i in rows[row]]
        header = " ".join(blocks[i].text for i in header_cells)
        around = " ".join(
            blocks[i].text
            for i in context
            if blocks[i].kind == "heading" or blocks[i].section == blocks[first_cell].section
        ).replace("%", " ")  # a percentage in nearby prose says nothing about the table's subject
        topic = header + " " + around  # what the table is about: its header and its surroundings
        # A change in a body measurement is a statistic when it is an average over people; one
        # person's log of their own waist is a diary.
        measure_columns = {
            blocks[i].cell.column
            for i in header_cells
            if _MEASURE_CHANGE_COLUMN.search(blocks[i].text)
            and _AGGREGATE.search(blocks[i].text + " " + around)
        }
        # A table may name its measures down its first column ("Calories in 30 minutes | 140 |
        # 350"), its header naming what is compared.
        row_labels = " ".join(
            blocks[rows[row][0]].text for row in ordered if row not in heads and rows[row]
        )
        topical = bool(measure_columns) or _TABLE_TOPIC.search(topic) is not None
        effects = any(_EFFECT_CELL.search(blocks[i].text) for row in ordered for i in rows[row][1:])
        if not topical and not effects and not _TABLE_TOPIC.search(row_labels):
            continue
        cells_text = " ".join(blocks[i].text for row in ordered for i in rows[row])
        cited = (
            any(index.block_has_citation(i) for i in context)
            or bool(index.span_cites(first_cell, 0, len(blocks[first_cell].text)))
            or any(index.block_has_citation(i) for row in ordered for i in rows[row])
        )
        if cited or index.mode == "bulk" or "source" in cells_text.lower():
            continue
        prescription = _PRESCRIBED_HEADER.search(header) is not None
        outcome_columns = {
            blocks[i].cell.column for i in header_cells if _OUTCOME_HEADER.search(blocks[i].text)
        }
        # A column headed by its unit under a heading that says what it measures ("Calories
        # burned in 30 minutes" over "Activity | kcal"): its bare figures carry the unit.
        unit_columns = (
            {blocks[i].cell.column for i in header_cells if _ENERGY_UNIT.search(blocks[i].text)}
            if _BURNED.search(topic)
            else set()
        )
        outcome_columns |= unit_columns
        if not outcome_columns and len(set(_NUTRIENT.findall(header.lower()))) >= 2:
            continue  # "Calories | Protein | Carbs": a food's nutrition label, not a finding
        # "Ingredient | Amount": what a product contains, a label, not a finding; only a cell
        # that states an effect in figures ("Boosts your metabolism by 12%") makes a claim.
        composition = not outcome_columns and bool(_COMPOSITION_HEADER.search(topic))
        if (
            header_cells
            and _TIME_COLUMN.match(blocks[header_cells[0]].text)
            # a header's brackets give its unit ("Sleep (avg h)"), not whose figures they are
            and not _AGGREGATE.search(_BRACKETED.sub(" ", topic))
        ):
            continue  # "Week | Weight | Waist": one person's log over time, not a finding
        for row in ordered:
            if row in heads:
                continue
            # Stripped first: a cell padded with thousands of spaces costs no backtracking.
            cells = [(blocks[i].cell.column, blocks[i].text.strip()) for i in rows[row]]
            if cells and _PRESCRIBED_ROW.search(cells[0][1]):
                continue  # "Daily calorie target | 1,400 kcal": a plan, not a finding
            if composition:
                if any(_EFFECT_CELL.search(text) for _, text in cells):
                    spans.append(_row_span(document, [blocks[i] for i in rows[row]]))
                continue
            figures = [text for _, text in cells if _NUMERIC_CELL.match(text)]
            # A row named by an outcome ("Calories burned | 600 to 800 | Up to 14,000").
            labelled_outcome = bool(
                cells
                and len(cells) > 1
                and _outcome_label(cells[0][1], topic)
                and any(_NUMERIC_CELL.match(text) for _, text in cells[1:])
                and not any(_PRICE.search(text) for _, text in cells)
            )
            measured = any(_MEASURED_CELL.search(text) for text in figures)  # "35%", "400 kcal"
            under_outcome = any(
                (
                    column in outcome_columns
                    and text in figures
                    and (_MEASURED_CELL.search(text) or column in unit_columns)
                )
                or (column in measure_columns and _LENGTH_CELL.match(text))
                for column, text in cells
            )
            mostly_figures = (
                not prescription
                and figures
                and len(figures) * 2 >= len(cells)
                and (len(figures) >= 2 or measured)
            )
            if labelled_outcome or (topical and (under_outcome or mostly_figures)):
                spans.append(_row_span(document, [blocks[i] for i in rows[row]]))
    return sorted(set(spans))


def _row_span(document: Document, cells: list[ProseBlock]) -> tuple[int, int]:
    """A Markdown row is reported as its line, pipes and all; any other row (HTML, even on one
    line with the rest of the page) from its first cell to its last."""
    first, last = cells[0], cells[-1]
    if first.line == last.end_line:
        line = first.line
        text = document.lines.line_text(line)
        if text.lstrip().startswith("|") or text.rstrip().endswith("|"):
            start = document.lines.starts[line] + (len(text) - len(text.lstrip()))
            return start, document.lines.starts[line] + len(text.rstrip())
    return first.smap.span(0, len(first.text))[0], last.smap.span(0, len(last.text))[1]
