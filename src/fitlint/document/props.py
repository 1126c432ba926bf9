"""Which named values of a component or a site generator's shortcode render as text.

A JSX component (``<Hero title="…" />``), a Hugo shortcode (``{{< product tagline="…" >}}``) and a
Liquid include (``{% include card.html caption="…" %}``) pass copy to the page through named
values; their other values are links, sizes, prices and class names.
"""

from __future__ import annotations

from fitlint.lazyregex import lazy_compile

_TEXT_PROPS = (
    "title",
    "label",
    "text",
    "caption",
    "heading",
    "subtitle",
    "cta",
    "button",
    "quote",
    "tagline",
    "description",
    "blurb",
    "excerpt",
    "summary",
    "buttontext",
    "headline",
    "body",
    "alt",
    "finding",
    "findings",
    "result",
    "conclusion",
    "takeaway",
    # a hero's lines above and under its headline, and a card's answer, tip or promise
    "subhead",
    "eyebrow",
    "kicker",
    "lede",
    "intro",
    "answer",
    "tip",
    "benefit",
    "promise",
)
# Names that end like a text prop but hold none: "context", "salt" end in "text" and "alt".
_NOT_TEXT = ("context", "salt")


# Names a component or a data array gives a product, plan, programme or workout ("Flat Belly 30",
# "Slim Legs", "Muffin Top Melt"): the page prints them as headings, cards and buttons. Matched
# whole ("className" and "username" are not names of anything sold).
_NAME_PROPS = frozenset(
    {
        "name", "productname", "planname", "programname", "programmename", "packagename",
        "product", "plan", "programme", "program", "package", "badge", "badgetext",
        # a workout or a day of a challenge, as a schedule array names it ({day: 2, focus: "…"})
        "workout", "workoutname", "routine", "routinename", "session", "sessionname", "focus",
        "challenge", "challengename", "course", "coursename",
    }
)  # fmt: skip


def is_text_prop(name: str) -> bool:
    """Also compounds ending in one (heroTitle, imageAlt, ctaText); HTML lower-cases prop names."""
    lowered = name.lower()
    return lowered.endswith(_TEXT_PROPS) and not lowered.endswith(_NOT_TEXT)


def is_name_prop(name: str) -> bool:
    """A key or prop that names what is sold: ``name``, ``productName``, ``plan``, ``badge``."""
    return name.lower().replace("_", "").replace("-", "") in _NAME_PROPS


# A person, as a testimonial's "name" gives one: an initial ("Tyler B."), a place or an age after
# a comma ("Jessie R., Tampa FL", "Aditya, 31"), a title ("Mrs. Adaeze O.").
_PERSON = lazy_compile(r",|\b[A-Z]\.(?:\s|$)|^(?:mr|mrs|ms|miss|dr|coach)\b\.?", 2)


def names_something_sold(value: str) -> bool:
    """Is a name-valued string the name of a product, plan or programme ("Flat Belly Pack",
    "Slim Legs") rather than a person's? Two words or more: a one-word name carries no claim."""
    words = value.split()
    return 2 <= len(words) <= 12 and _PERSON.search(value.strip()) is None


# A line that is one shortcode or include and nothing else: "{{< name key="v" >}}",
# "{{% name %}}", "{% include file.html key='v' %}".
_SHORTCODE_LINE = lazy_compile(
    r"^[ \t]*(?:\{\{<[ \t]*[\w./-]+(?P<hugo>[^\n]*?)/?>\}\}|\{\{%[ \t]*[\w./-]+"
    r"(?P<hugo2>[^\n]*?)/?%\}\}|\{%-?[ \t]*include(?:_relative)?[ \t]+\S+(?P<liquid>[^\n]*?)-?%\})"
    r"[ \t]*$"
)
_NAMED_VALUE = lazy_compile(r"""([\w-]+)[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')""")


def shortcode_line(line: str) -> list[tuple[int, int]] | None:
    """None when ``line`` is not a lone shortcode or include; else the spans (columns) of its
    text-valued parameters."""
    found = _SHORTCODE_LINE.match(line)
    if found is None:
        return None
    group = next(name for name in ("hugo", "hugo2", "liquid") if found.group(name) is not None)
    base = found.start(group)
    spans = []
    for value in _NAMED_VALUE.finditer(found.group(group)):
        if is_text_prop(value.group(1)):
            which = 2 if value.group(2) is not None else 3
            spans.append((base + value.start(which), base + value.end(which)))
    return spans


_DOI = lazy_compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", 2)


def component_source(attrs: list[tuple[str, str | None]]) -> str:
    """The study a component cites through its props (a study card's ``doi="10.…"``, a
    ``source="https://…"``), as a URL; "" when it cites none."""
    values = {name.lower(): (value or "").strip() for name, value in attrs}
    doi = _DOI.match(values.get("doi", ""))
    if doi:
        return "https://doi.org/" + doi.group(1)
    pmid = values.get("pmid") or values.get("pubmed")
    if pmid and pmid.isdigit():
        return "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/"
    for name in ("source", "sourceurl", "url", "href", "link"):
        value = values.get(name, "")
        if value.startswith(("http://", "https://")) and (
            "authors" in values or "year" in values or "journal" in values or "doi" in values
        ):
            return value
    return ""
