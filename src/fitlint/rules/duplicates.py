"""Duplicated copy: sections and paragraphs pasted twice, near-copies, pull-quotes, and the same
text across files.

Everything is hashing, so the work grows linearly with the text: exact copies are found by hashing
normalised text; near-copies by a bottom-k MinHash sketch of word shingles (paragraphs that share
one of their k smallest shingle hashes become candidates, and only candidates are compared);
across files, a run-level index maps each hash to its locations.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from fitlint.document.model import Document, ProseBlock
from fitlint.document.templates import DATA_KEYS
from fitlint.lazyregex import lazy_compile

_WORDS = lazy_compile(r"[^\W_]+")  # letters and digits
_COMMENT_LINE = lazy_compile(r"^\s*<!--.*-->\s*$")
_SENTENCES = lazy_compile(r"[^.!?]+[.!?]+[\"'”’)]*|[^.!?]+$")
PARAGRAPH_KINDS = frozenset({"paragraph", "html", "footnote"})


def normalise(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


class _Wording:
    """A document's normalised text, each piece computed once: sections nest (a section's text
    holds its subsections'), and a paragraph is the sum of its sentences.

    Joining the normalised pieces of a text equals normalising it whole, because pieces are cut
    at line ends or after sentence punctuation, never inside a word.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self._lines: dict[int, str] = {}
        self._sentences: dict[int, list[tuple[re.Match[str], str]]] = {}

    @classmethod
    def of(cls, document: Document) -> _Wording:
        wording = document.derived.get("wording")
        if not isinstance(wording, _Wording):
            wording = document.derived["wording"] = cls(document)
        return wording

    def line(self, number: int) -> str:
        words = self._lines.get(number)
        if words is None:
            words = self._lines[number] = normalise(self.document.lines.line_text(number))
        return words

    def sentences(self, index: int) -> list[tuple[re.Match[str], str]]:
        """Sentence matches of block ``index`` with their normalised text."""
        found = self._sentences.get(index)
        if found is None:
            text = self.document.blocks[index].text
            found = self._sentences[index] = [
                (m, normalise(m.group())) for m in _SENTENCES.finditer(text)
            ]
        return found

    def block(self, index: int) -> str:
        return " ".join(words for _, words in self.sentences(index) if words)


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


class Unit(NamedTuple):
    """A section or paragraph: where it is, and what it says (normalised)."""

    kind: str  # section | paragraph | item (a list item written as a paragraph)
    start: int  # source offsets, whole lines where the unit owns its lines
    end: int
    line: int
    key: str  # hash of the normalised content
    text: str  # normalised prose, for near-duplicate comparison and the allow-list
    heading: str = ""  # section heading as written
    removable: bool = True  # deleting start..end leaves the rest of the page well formed


class Options(NamedTuple):
    min_chars: int = 40
    threshold: float = 0.7
    shingle: int = 3
    sketch: int = 4
    ignore_headings: frozenset[str] = frozenset()
    allow: tuple[str, ...] = ()
    # Phrases of boilerplate that pages repeat by design (disclosures, disclaimers): a short unit
    # holding one is never a copy, even when a word differs between its copies.
    boilerplate: tuple[str, ...] = ()
    boilerplate_words: int = 60

    def allowed(self, unit: Unit) -> bool:
        if any(entry and entry in unit.text for entry in self.allow):
            return True
        return len(unit.text.split()) <= self.boilerplate_words and any(
            phrase and phrase in unit.text for phrase in self.boilerplate
        )


def _line_span(document: Document, first: int, last: int) -> tuple[int, int]:
    """Offsets of whole lines first..last, including the last line's line ending."""
    starts = document.lines.starts
    end = starts[last + 1] if last + 1 < len(starts) else len(document.text)
    return starts[first], end


def _block_span(document: Document, block: ProseBlock) -> tuple[int, int, bool]:
    """The unit's offsets, and whether removing them leaves the page well formed."""
    start, end = block.smap.span(0, len(block.text))
    if block.kind == "attribute":
        return start, end, False  # a string in code: emptying it leaves a blank card, not less copy
    first_line = document.lines.line_of(start)
    last_line = document.lines.line_of(max(end - 1, start))
    line_start, line_end = _line_span(document, first_line, last_line)
    before = document.text[line_start:start]
    after = document.text[end:line_end]
    if after.strip():
        return start, end, block.kind != "list_item"
    # A paragraph that owns its lines is removed with them; HTML runs share lines, so keep exact.
    if block.kind != "html" and not before.strip(" \t>"):
        return line_start, line_end, True
    # A list item goes with its marker, unless items nested under it would move up a level.
    if block.kind == "list_item" and _LIST_MARKER.match(before):
        following = document.text[line_end : line_end + 200].split("\n", 1)[0]
        nested = len(following) - len(following.lstrip()) > len(before) - len(before.lstrip())
        if not (following.strip() and nested):
            return line_start, line_end, True
    return start, end, block.kind != "list_item"


_LIST_MARKER = lazy_compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+$")


def section_units(document: Document, options: Options) -> list[Unit]:
    headings = [b for b in document.blocks if b.kind == "heading"]
    units: list[Unit] = []
    last_line = document.lines.line_count() - 1
    wording = _Wording.of(document)
    for position, heading in enumerate(headings):
        if heading.text.strip().lower() in options.ignore_headings:
            continue
        following = next(
            (h for h in headings[position + 1 :] if h.heading_level <= heading.heading_level), None
        )
        end_line = following.line - 1 if following else last_line
        raw = [document.lines.line_text(n) for n in range(heading.line, end_line + 1)]
        # Trailing blank and comment-only lines are not part of the section's copy.
        while raw and (not raw[-1].strip() or _COMMENT_LINE.match(raw[-1])):
            raw.pop()
            end_line -= 1
        kept = [
            n for n, line in enumerate(raw[1:], 1) if line.strip() and not _COMMENT_LINE.match(line)
        ]
        if not kept:
            continue
        content = "\n".join([raw[0].strip(), *(raw[n].rstrip() for n in kept)])
        prose = " ".join(w for w in (wording.line(heading.line + n) for n in (0, *kept)) if w)
        if len(prose) < options.min_chars:
            continue
        start, end = _line_span(document, heading.line, end_line)
        units.append(
            Unit("section", start, end, heading.line, digest(content), prose, heading.text.strip())
        )
    return units


def paragraph_units(document: Document, options: Options, with_items: bool = True) -> list[Unit]:
    """Paragraphs, and (``with_items``) list items written as paragraphs. An item is keyed with
    its list: the same comment twice in one comment list is a copy, while a reference entry or
    a regulator's clause repeated in each section's own list is structure."""
    units = []
    templated = {
        block.section
        for block in document.blocks
        if block.kind == "heading" and block.text.strip().lower() in options.ignore_headings
    }
    wording = _Wording.of(document)
    list_number = 0  # one run of list items, uninterrupted by other blocks, is one list
    for index, block in enumerate(document.blocks):
        item = block.kind == "list_item"
        if not item:
            list_number += 1
        # A template's prose string (a testimonial in a PHP array) is a paragraph of the page.
        string = block.kind == "attribute" and block.key in DATA_KEYS
        if block.section in templated or not (
            block.kind in PARAGRAPH_KINDS
            or _call_to_action(block)
            or (item and with_items)
            or (string and _prose_item(wording, index))
        ):
            continue
        prose = wording.block(index)
        if len(prose) < options.min_chars or _FIELD_LINE.match(block.text):
            continue
        if _LABELLED_FIELD.match(block.text) and len(block.text.split()) <= LABELLED_FIELD_WORDS:
            continue  # "Optimal sets and reps: 3 sets of 15-20.": a template's field, filled in
        if "blockquote" in block.containers and _ATTRIBUTED.match(block.text):
            continue  # "kuyaJM wrote: …" quoted in a reply: a quotation, not a copy
        if _CTA_OPENING.match(prose) and len(prose.split()) <= CTA_WORDS:
            continue  # "Join 6,200 readers. It's free.": a sign-up box a template repeats
        if _TAGS_ONLY.match(block.text):
            continue  # "#legday #homeworkout": a post's hashtags, the same under every post
        if len(prose.split()) <= CONTACT_WORDS and _CONTACT_LINE.search(block.text):
            continue  # "Book a 1:1: email hello@…": how to reach someone, under each profile
        if item and not _prose_item(wording, index):
            continue
        start, end, removable = _block_span(document, block)
        key = digest(f"{list_number}\n{prose}" if item else prose)
        kind = "item" if item else "paragraph"
        units.append(Unit(kind, start, end, block.line, key, prose, "", removable))
    return units


PROSE_ITEM_WORDS = 15  # with two sentences: a comment or a tip written out, not a checklist line


def _prose_item(wording: _Wording, index: int) -> bool:
    """A list item that is a paragraph of prose (a posted comment, a tip in several sentences).
    Checklists, tables of contents and interval sets repeat short items by design; a paragraph
    repeated word for word is a copy wherever it sits."""
    sentences = [words for _, words in wording.sentences(index) if words]
    return (
        len(sentences) >= 2 and sum(len(words.split()) for words in sentences) >= PROSE_ITEM_WORDS
    )


# A line of short fields with no sentence in them: a forum signature or a byline ("Caz · Couch
# to 5k starter · Bristol, UK"), repeated under each post by design.
_FIELD_LINE = lazy_compile(r"^\s*[^.!?·|•\n]{1,60}(?:\s[·|•]\s[^.!?·|•\n]{1,60}){1,5}\s*$")


# A notice a page states where the law or its policy wants it (an affiliate disclosure at the top
# and, fuller, at the foot; a medical disclaimer): two versions are two notices, not two drafts.
_NOTICE = lazy_compile(
    r"^\W*(?:affiliate\s+)?(?:disclosure|disclaimer|medical\s+disclaimer|notice|legal|"
    r"important|results\s+(?:may\s+)?vary|as\s+an\s+amazon\s+associate)\b",
    re.IGNORECASE,
)
# A quotation that names whose words it is, as forums and comment threads quote a post in a
# reply: "kuyaJM_lifts wrote:", "Quote from Bea:", "Originally posted by Raf".
_ATTRIBUTED = lazy_compile(
    r"^\W*(?:(?:quote|quoting|originally\s+posted\s+by|in\s+reply\s+to)\b[^.!?\n]{0,40}?|"
    r"[\w.@'’ -]{1,40}?\s+(?:wrote|said|posted|commented))\s*:",
    re.IGNORECASE,
)
# A short paragraph that opens by asking the reader to act: a sign-up or buy box, which a
# template places after each post or section.
_CTA_OPENING = lazy_compile(
    r"^(?:join|subscribe|sign\s+up|get|grab|book|order|buy|shop|download|click|tap|claim|start)\b"
)
CTA_WORDS = 15
CONTACT_WORDS = 20
# A line of nothing but hashtags and handles.
_TAGS_ONLY = lazy_compile(r"^\s*(?:[#@][^\s#@]+[\s,]*)+$")
# A short labelled field ("Rest: 60 seconds between sets.", "Optimal Sets and Reps: 3 sets of
# 15-20 reps."): each exercise of a routine repeats it with the same values by design.
_LABELLED_FIELD = lazy_compile(r"^\s*[A-Z][^.!?:\n]{1,40}:\s+\S[^!?:\n]*$")
LABELLED_FIELD_WORDS = 12


_CTA = lazy_compile(
    r"\b(?:click|tap|sign\s+up|join|get|grab|download|start|claim|check|order|buy|book|try|subscribe|learn)\b",
    re.IGNORECASE,
)


def _call_to_action(block: ProseBlock) -> bool:
    """A link or button that is a whole sales sentence ("Stop looking and check our real results
    … CLICK HERE"): pasted again, it is a copy. Menus and related-post titles are not."""
    words = block.text.split()
    return (
        block.kind == "control"
        and len(words) >= 8
        and bool(_CTA.search(block.text))
        and not _button_label(words)
    )


def _button_label(words: list[str]) -> bool:
    """A button's label, written in Title Case with no full stop ("Check If TrimRoot Is Still
    Available In Your Province »"): a page repeats its order button by design."""
    lettered = [word for word in words if word[:1].isalpha()]
    capitals = sum(word[0].isupper() for word in lettered)
    return (
        bool(lettered)
        and capitals >= 0.8 * len(lettered)
        and not " ".join(words).rstrip("»›→>\"'”’ ").endswith((".", "!", "?"))
    )


HEADING_WORDS = 5  # a repeated heading this long is a copy; shorter ones are template titles


# A short line that gives an address to reach or follow: an email, a web address, a handle
# ("📩 Business inquiries: collabs@example.com", "🛒 My gear: shop.example/me"). A signature
# repeats it under every post by design.
_CONTACT_LINE = lazy_compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w@])@[\w.]{3,}|https?://|www\.|\b[\w-]+\.(?:com|net|org|ph|co|io|me|app|shop|store|uk|au|in|za|ca|nz|ie|sg|ng)(?:/\S*)?(?!\w)",
    re.IGNORECASE,
)


def heading_units(document: Document, options: Options) -> list[Unit]:
    units = []
    for block in document.blocks:
        if block.kind != "heading" or block.text.strip().lower() in options.ignore_headings:
            continue
        if _CONTACT_LINE.search(block.text):
            continue  # a contact or link line, not a section's title
        prose = normalise(block.text)
        if len(prose.split()) < HEADING_WORDS:
            continue
        start, end = _line_span(document, block.line, block.end_line)
        units.append(
            Unit("heading", start, end, block.line, digest(prose), prose, block.text.strip())
        )
    return units


class Copy(NamedTuple):
    """A later copy of an earlier unit."""

    kind: str  # section | passage | paragraph | near | pull-quote
    copy: Unit
    original: Unit
    similarity: float = 1.0


class Spans:
    """Character spans already reported, kept in order of their start: whether a unit lies
    inside one, or a span overlaps one, is looked up among the spans that start close enough
    to matter (no span is longer than the longest). A file of 100,000 pasted paragraphs then
    takes time in proportion to them, not to their square; one long reported section widens
    every lookup to the spans it could hold."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)
        self._longest = max(self._longest, end - start)

    def contain(self, start: int, end: int) -> bool:
        # A span holding start..end starts at or before ``start``, and no earlier than
        # ``end`` minus the longest span.
        low = bisect.bisect_left(self._starts, end - self._longest)
        high = bisect.bisect_right(self._starts, start)
        return any(self._ends[k] >= end for k in range(low, high))

    def overlap(self, start: int, end: int) -> bool:
        # A span overlapping start..end starts before ``end`` and ends after ``start``.
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_left(self._starts, end)
        return any(self._ends[k] > start for k in range(low, high))


def _inside(unit: Unit, spans: Spans) -> bool:
    return spans.contain(unit.start, unit.end)


def shingles(text: str, size: int) -> set[str]:
    words = text.split()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _sketch(text: str, size: int, k: int) -> list[int]:
    """The k smallest shingle hashes. crc32 is a fast, stable hash: candidates are verified by
    exact Jaccard afterwards, so the sketch hashes encoded words without building shingle strings."""
    words = text.encode("utf-8").split()
    if len(words) <= size:
        return [zlib.crc32(b" ".join(words))]
    hashes = {zlib.crc32(b" ".join(words[i : i + size])) for i in range(len(words) - size + 1)}
    return heapq.nsmallest(k, hashes)


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def near_pairs(
    units: Sequence[Unit], options: Options, bucket_limit: int = 64
) -> Iterable[tuple[int, int, float]]:
    """(i, j, similarity) for i < j whose shingle Jaccard is at least the threshold but below 1."""
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for value in _sketch(unit.text, options.shingle, options.sketch):
            buckets[value].append(index)
    sets: dict[int, set[str]] = {}  # shingle sets, built only for candidates

    def shingles_of(index: int) -> set[str]:
        if index not in sets:
            sets[index] = shingles(units[index].text, options.shingle)
        return sets[index]

    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2 or len(members) > bucket_limit:
            continue  # a hash shared by very many paragraphs is boilerplate, not a signal
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                pair = (min(a, b), max(a, b))
                if pair in seen or units[a].key == units[b].key:
                    continue
                seen.add(pair)
                similarity = jaccard(shingles_of(a), shingles_of(b))
                if similarity >= options.threshold:
                    yield pair[0], pair[1], similarity


def _sentences(document: Document, options: Options) -> list[tuple[str, int, int, int, bool]]:
    """(normalised sentence, block index, source start, source end, stands alone) for the prose
    sentences worth tracking. Headings and list items are left out: tables of contents and
    checklists repeat them by design."""
    found = []
    wording = _Wording.of(document)
    for index, block in enumerate(document.blocks):
        if block.kind not in PARAGRAPH_KINDS:
            continue
        sentences = wording.sentences(index)
        alone = sum(1 for m, _ in sentences if m.group().strip()) == 1
        for match, norm in sentences:
            text = match.group().strip()
            if len(norm) < options.min_chars or len(norm.split()) < 6:
                continue
            lead = len(match.group()) - len(match.group().lstrip())
            start, end = block.smap.span(match.start() + lead, match.start() + lead + len(text))
            found.append((norm, index, start, end, alone))
    return found


class Passage(NamedTuple):
    first_line: int
    last_line: int
    original_first: int
    original_last: int


_TABLE_OR_LIST = lazy_compile(r"^\s*(?:\||[-*+]\s|\d+[.)]\s)")
# An HTML tag, closed on its line: what a line shows is its text without them.
_MARKUP = lazy_compile(r"<[A-Za-z/!][^<>]*>")


def _shown(line: str) -> str:
    """What a line shows: its words with its tags taken out, spaces collapsed."""
    return " ".join(_MARKUP.sub(" ", line).split())


def repeated_passages(
    document: Document, options: Options, window: int = 4, min_prose: int = 200
) -> list[Passage]:
    """Runs of consecutive non-blank lines that repeat an earlier run: a block pasted twice.

    Lines are compared by what they show: whole (whitespace-trimmed) with their markup taken out,
    since a box pasted again with other inline styles is still the same text; a line of markup
    alone is passed over. Windows of ``window`` lines are hashed, so the work is linear. Runs
    must carry real prose (``min_prose`` normalised characters outside tables and lists):
    repeated log fields or interval sets are structure, not copies.
    """
    numbers: list[int] = []
    keys: list[str] = []
    raws: list[str] = []
    for number in range(document.lines.line_count()):
        if number in document.code_lines:
            continue
        line = document.lines.line_text(number).strip()
        if not line or _COMMENT_LINE.match(line):
            continue
        shown = _shown(line)
        if shown:
            numbers.append(number)
            keys.append(shown)
            raws.append(line)
    first_window: dict[tuple[str, ...], int] = {}
    source_of: dict[int, int] = {}  # position of a repeated line -> position of its original
    for position in range(len(keys) - window + 1):
        key = tuple(keys[position : position + window])
        earlier = first_window.setdefault(key, position)
        if earlier != position and earlier + window <= position:
            for offset in range(window):
                source_of.setdefault(position + offset, earlier + offset)
    passages: list[Passage] = []
    position = 0
    while position < len(keys):
        if position not in source_of:
            position += 1
            continue
        start = position
        while (
            position + 1 < len(keys)
            and position + 1 in source_of
            and source_of[position + 1] == source_of[position] + 1
        ):
            position += 1
        prose = sum(
            len(normalise(keys[p]))
            for p in range(start, position + 1)
            if not _TABLE_OR_LIST.match(raws[p])
        )
        if position - start + 1 >= window and prose >= min_prose:
            passages.append(
                Passage(
                    numbers[start],
                    numbers[position],
                    numbers[source_of[start]],
                    numbers[source_of[position]],
                )
            )
        position += 1
    return passages


TEMPLATE_COUNT = (
    3  # a text on the page this many times is a template (a footer, a card), not a paste
)


# A paragraph printed this many times is a template's (a sign-off, a card, a banner): three copies
# of a paragraph are as often a paste repeated as a template, so paragraphs need more.
TEMPLATE_PARAGRAPH_COUNT = 5


def _templated(units: Sequence[Unit], count: int = TEMPLATE_COUNT) -> set[str]:
    counts: dict[str, int] = defaultdict(int)
    for unit in units:
        counts[unit.key] += 1
    return {key for key, seen in counts.items() if seen >= count}


def find_copies(document: Document, options: Options) -> list[Copy]:
    copies: list[Copy] = []
    taken = Spans()
    # 1. Sections, largest first, so a whole pasted article is one finding, not fifty.
    sections = section_units(document, options)
    template_sections = _templated(sections)
    first_seen: dict[str, Unit] = {}
    repeated: list[Copy] = []
    for unit in sections:
        if (
            unit.key in first_seen
            and not options.allowed(unit)
            and unit.key not in template_sections
        ):
            repeated.append(Copy("section", unit, first_seen[unit.key]))
        first_seen.setdefault(unit.key, unit)
    # 1b. Pasted passages that do not line up with sections (a copy cut short, a paste that
    # starts mid-section): runs of repeated lines.
    for passage in repeated_passages(document, options):
        start, end = _line_span(document, passage.first_line, passage.last_line)
        heading = _shown(document.lines.line_text(passage.first_line))
        o_start, o_end = _line_span(document, passage.original_first, passage.original_last)
        repeated.append(
            Copy(
                "passage",
                Unit("passage", start, end, passage.first_line, "", "", heading),
                Unit("passage", o_start, o_end, passage.original_first, "", ""),
            )
        )
    # Biggest first; a section wins over a passage of the same extent (its removal is safe).
    for copy in sorted(repeated, key=lambda c: (c.copy.start - c.copy.end, c.kind != "section")):
        if not taken.overlap(copy.copy.start, copy.copy.end):
            copies.append(copy)
            taken.add(copy.copy.start, copy.copy.end)
    # 2. Paragraphs outside the reported sections. Consecutive paragraphs pasted together are one
    # pasted passage; a paragraph pasted with the heading above it is reported from the heading.
    paragraphs = [u for u in paragraph_units(document, options) if not options.allowed(u)]
    template_paragraphs = _templated(paragraphs, TEMPLATE_PARAGRAPH_COUNT)
    first_para: dict[str, int] = {}
    found: list[tuple[int, int, float]] = []  # (copy position, original position, similarity)
    for position, unit in enumerate(paragraphs):
        if unit.key in template_paragraphs:
            continue  # a sign-off or a card's text printed again and again: a template
        if unit.key in first_para and not _inside(unit, taken):
            found.append((position, first_para[unit.key], 1.0))
            taken.add(unit.start, unit.end)
        first_para.setdefault(unit.key, position)
    # 3. Near copies among the rest (not list items: sibling items share their wording by design).
    for i, j, similarity in near_pairs(paragraphs, options):
        if paragraphs[i].kind == "item" or paragraphs[j].kind == "item":
            continue
        if _NOTICE.match(paragraphs[i].text) and _NOTICE.match(paragraphs[j].text):
            continue  # a disclosure at the top and a fuller one at the foot: notices, not drafts
        later = paragraphs[j]
        if not _inside(later, taken):
            found.append((j, i, similarity))
            taken.add(later.start, later.end)
    copies.extend(_paragraph_copies(document, paragraphs, sorted(found)))
    # 4. A title used twice: a long heading repeated over different text (a pasted call-to-action
    # box, a section pasted and then edited). Short headings repeat by design ("How to do it").
    first_heading: dict[str, Unit] = {}
    for unit in heading_units(document, options):
        earlier = first_heading.get(unit.key)
        if earlier is not None and not _inside(unit, taken) and not options.allowed(unit):
            copies.append(Copy("heading", unit, earlier))
            taken.add(unit.start, unit.end)
        first_heading.setdefault(unit.key, unit)
    # 5. A sentence repeated in another block: a pull-quote.
    # One copy stands alone as its own block, the other sits inside a paragraph.
    seen_sentence: dict[str, tuple[int, int, int, bool]] = {}
    for norm, block_index, start, end, alone in _sentences(document, options):
        earlier = seen_sentence.get(norm)
        if earlier is not None and earlier[0] != block_index and earlier[3] != alone:
            _, first_start, first_end, _ = earlier
            unit = Unit("sentence", start, end, document.lines.line_of(start), digest(norm), norm)
            if not _inside(unit, taken) and not options.allowed(unit):
                original = Unit(
                    "sentence",
                    first_start,
                    first_end,
                    document.lines.line_of(first_start),
                    unit.key,
                    norm,
                )
                copies.append(Copy("pull-quote", unit, original))
                taken.add(start, end)
        seen_sentence.setdefault(norm, (block_index, start, end, alone))
    return copies


def _paragraph_copies(
    document: Document, paragraphs: Sequence[Unit], found: Sequence[tuple[int, int, float]]
) -> list[Copy]:
    """Copies of paragraphs, merging runs pasted together: copy k+1 of original k+1 right after
    copy k of original k is one pasted passage."""
    copies: list[Copy] = []
    run: list[tuple[int, int, float]] = []
    block_lines = [block.line for block in document.blocks]

    def flush() -> None:
        if not run:
            return
        first_copy, first_original, similarity = run[0]
        last_copy, last_original, _ = run[-1]
        copy, original = paragraphs[first_copy], paragraphs[first_original]
        copy = _with_heading(document, block_lines, copy, original)
        if len(run) == 1:
            copies.append(
                Copy("paragraph" if similarity >= 1.0 else "near", copy, original, similarity)
            )
        else:
            end, o_end = paragraphs[last_copy].end, paragraphs[last_original].end
            heading = document.lines.line_text(copy.line).strip()
            removable = all(paragraphs[k].removable for k in range(first_copy, last_copy + 1))
            copies.append(
                Copy(
                    "passage",
                    Unit("passage", copy.start, end, copy.line, "", "", heading, removable),
                    Unit("passage", original.start, o_end, original.line, "", ""),
                )
            )
        run.clear()

    for entry in found:
        if run and entry[0] == run[-1][0] + 1 and entry[1] == run[-1][1] + 1:
            run.append(entry)
            continue
        flush()
        run.append(entry)
    flush()
    return copies


def _with_heading(
    document: Document, block_lines: Sequence[int], copy: Unit, original: Unit
) -> Unit:
    """A paragraph copy whose heading repeats the original's heading is a pasted section: report
    it from the heading. ``block_lines``: each block's first line, in order."""
    before_copy = _heading_before(document, block_lines, copy)
    before_original = _heading_before(document, block_lines, original)
    if before_copy is None or before_original is None or before_copy.line == before_original.line:
        return copy
    if normalise(before_copy.text) != normalise(before_original.text):
        return copy
    start, _ = _line_span(document, before_copy.line, before_copy.line)
    return copy._replace(start=start, line=before_copy.line, heading=before_copy.text.strip())


def _heading_before(
    document: Document, block_lines: Sequence[int], unit: Unit
) -> ProseBlock | None:
    """The heading that directly precedes the unit (nothing but blank lines between)."""
    at = bisect.bisect_left(block_lines, unit.line)  # the first block on the unit's line or after
    previous = document.blocks[at - 1] if at > 0 else None
    if previous is None or previous.kind != "heading":
        return None
    between = range(previous.end_line + 1, unit.line)
    if any(document.lines.line_text(n).strip() for n in between):
        return None
    return previous


@dataclass
class CrossFileIndex:
    """Run-level index of sections and paragraphs, for copies across files."""

    options: Options
    locations: dict[str, list[tuple[str, Unit]]] = field(default_factory=lambda: defaultdict(list))
    texts: dict[str, str] = field(default_factory=dict)

    def add(self, document: Document) -> None:
        units = section_units(document, self.options) + paragraph_units(
            document, self.options, with_items=False
        )
        if units:
            self.texts[document.path] = document.text
        for unit in units:
            if not self.options.allowed(unit):
                self.locations[unit.key].append((document.path, unit))

    def groups(self) -> list[list[tuple[str, Unit]]]:
        """Each text that appears in two or more files: its locations, sections before paragraphs."""
        found = []
        for entries in self.locations.values():
            files = {path for path, _ in entries}
            if len(files) > 1:
                found.append(sorted(entries, key=lambda e: (e[0], e[1].start)))
        # Report a shared section once, not again for each of its paragraphs.
        found.sort(
            key=lambda group: (group[0][1].kind != "section", group[0][0], group[0][1].start)
        )
        reported: dict[str, Spans] = defaultdict(Spans)
        kept = []
        for group in found:
            if all(_inside(unit, reported[path]) for path, unit in group):
                continue
            kept.append(group)
            for path, unit in group:
                reported[path].add(unit.start, unit.end)
        return kept
