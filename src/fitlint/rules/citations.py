"""What a document cites, and where: reference lists, footnotes, numbered markers, author–year
citations, DOIs, links to sources, and attribution lines.

Claim rules ask :meth:`CitationIndex.cites` whether a sentence has a citation in scope (the
sentence, then its paragraph or list item); citation-integrity rules read the entries and markers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlparse

from fitlint.document.model import Document, ProseBlock
from fitlint.lazyregex import Needled, lazy_compile

REFERENCE_HEADING = lazy_compile(
    r"^\s*(?:references?|sources?|bibliography|works cited|citations?|literature(?: cited)?|further reading|studies cited)\s*:?\s*$",
    re.IGNORECASE,
)
# (Brobakken et al., 2023) · (Smith & Jones, 2019; Lee, 2020) · Smith et al. (2020); not a date
# in brackets ("(Jan 2025)", "(Spring 2024)").
_NOT_A_NAME = (
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b|(?:January|February|March|April"
    r"|June|July|August|September|October|November|December|Spring|Summer|Autumn|Fall|Winter"
    r"|Since|From|Until|Updated|Est)\b)"
)
AUTHOR_YEAR = lazy_compile(
    r"\((?P<inside>[^()]*?\b"
    + _NOT_A_NAME
    + r"(?P<name>[A-Z][\p{L}'’-]+)(?:\s+(?:et al\.?|and|&)[^()]*?)?,?\s+(?P<year>(?:19|20)\d{2})[a-z]?\b[^()]*)\)"
    r"|\b(?P<name2>[A-Z][\p{L}'’-]+)(?:\s+[A-Z]{1,3}\.?)?\s+(?:et al\.?|and [A-Z][\p{L}'’-]+|& [A-Z][\p{L}'’-]+)\s*\((?P<year2>(?:19|20)\d{2})[a-z]?\)"
)
ANY_DIGIT = lazy_compile(
    r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹]"
)  # markers, DOIs and PMIDs all carry one: a cheap first test
_YEAR = lazy_compile(r"(?:19|20)\d\d")  # both author-year forms carry one
NUMBERED_MARKER = lazy_compile(
    r"\[(?:\d{1,3})(?:\s*[-–,]\s*\d{1,3})*\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+"
    # A copied marker that kept its label: "(5Trusted Source)", "(3 Trusted Source)".
    r"|\((?:\d{1,3}\s*(?:trusted\s+source\s*)?,\s*)*\d{1,3}\s*(?:trusted\s+)?source\)"
    # "(1)" or "(2, 5)" where a sentence ends: "… triglyceride levels.(1)", "… in 17 men (3)."
    r"|(?<=[\p{L}.)\]])\s?\((?:\d{1,3})(?:\s*[-–,]\s*\d{1,3})*\)(?=\s*$|\s*[.!?;:]|\s+\p{Lu})",
    re.IGNORECASE,
)
# Reference numbers at the end of a sentence: glued to the word ("technique7.") or a spaced list
# ("areas 4,5,6."). A single spaced number ("… muscles 4.") counts only beside a numbered list.
GLUED_MARKER = lazy_compile(r"(?<=\p{Ll})\d{1,2}(?:,\d{1,2})*(?=[.!?;:](?:\s|$))")
SPACED_LIST_MARKER = lazy_compile(
    r"(?<=[\p{L}\)])\s\d{1,2}(?:\s?,\s?\d{1,2})+(?=[.!?;:](?:\s|$)|\s*$)"
)
GLUED_NUMBERS = lazy_compile(r"(?<=[\p{L}\)])\s?\d{1,2}(?=[.!?;:]\s|[.!?;:]?\s*$)")
DOI = Needled(lazy_compile(r"\b10\.\d{4,9}/[^\s\"<>]+", re.IGNORECASE), "10.")
DOI_LIKE = lazy_compile(
    r"\bdoi\b(?:\s*:\s*|\s+(?=\d))(\S+)|https?://(?:dx\.)?doi\.org/(\S+)", re.IGNORECASE
)
PMID = lazy_compile(r"\bPMID:?\s*\d{5,9}\b", re.IGNORECASE)
PLACEHOLDER = lazy_compile(r"\[(?:citation|source|ref|reference)s?(?: needed)?\??\]", re.IGNORECASE)
ATTRIBUTION = lazy_compile(r"^\s*(?:—|–|--)\s*\S.*\((?:19|20)\d{2}\)")
ENTRY_NUMBER = lazy_compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s")
ENTRY_AUTHOR_YEAR = lazy_compile(
    r"^\s*(?:\[\d{1,3}\]\s*|\d{1,3}[.)]\s*|[-*]\s*)?(?P<name>[A-Z][\p{L}'’-]+).{0,200}?\(?(?P<year>(?:19|20)\d{2})[a-z]?\)?"
)

_PMID_WORD = lazy_compile("pmid", re.IGNORECASE)


def _identifier_in(text: str) -> bool:
    """A DOI or PMID; the word a PMID needs is looked for first, which is far cheaper."""
    return bool(DOI.search(text) or (_PMID_WORD.search(text) and PMID.search(text)))


def author_years(text: str) -> Iterator[re.Match[str]]:
    """Author–year citations in ``text``; a year test first spares most text the full pattern."""
    return AUTHOR_YEAR.finditer(text) if _YEAR.search(text) else iter(())


DEFAULT_DENY = (
    "store.",
    "shop.",
    "amazon.",
    "etsy.",
    "teespring.",
    "redbubble.",
    "aliexpress.",
    "ebay.",
    "bit.ly",
    "amzn.",
)


_LEAD_REACH = 3  # paragraphs after a citation, before any heading, that discuss its study


class Entry(NamedTuple):
    """One item of a reference list."""

    block: int  # index into document.blocks
    number: str | None
    author: str | None
    year: str | None
    text: str


# A sentence's end: a stop, then a space or the end (a marker like "(1)" stays with its sentence).
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)")


@dataclass
class CitationIndex:
    document: Document
    deny_domains: tuple[str, ...] = DEFAULT_DENY
    site_domains: tuple[str, ...] = ()
    entries: list[Entry] = field(default_factory=list)
    reference_blocks: set[int] = field(default_factory=set)
    block_cites: dict[int, bool] = field(default_factory=dict)
    block_by_sentence: dict[int, bool] = field(default_factory=dict)
    markers_in_text: bool = False
    _first_cited: int | None = field(default=None, repr=False, compare=False)  # derived, lazily
    _first_heading: int | None = field(default=None, repr=False, compare=False)  # derived, lazily

    def __post_init__(self) -> None:
        blocks = self.document.blocks
        if not self.site_domains:
            self.site_domains = own_site(blocks)
        reference_section = None
        for index, block in enumerate(blocks):
            if block.kind == "heading":
                reference_section = block.section if REFERENCE_HEADING.match(block.text) else None
                continue
            if reference_section is not None and block.section == reference_section:
                self.reference_blocks.add(index)
                # An ordered-list marker ("2. Kordi …") is markup, so read the number from the source line.
                self.entries.append(_entry(index, block, self.document.lines.line_text(block.line)))
        for index, block in enumerate(blocks):
            if index in self.reference_blocks:
                continue
            # Naming an entry in passing ("Sousa and colleagues, 2019") is not an inline marker.
            if (
                block.footnote_refs
                or self._marker_in(block, mentions=False)
                or any(author_years(block.text))
            ):
                self.markers_in_text = True
                break

    # -- what counts as a citation -----------------------------------------------------------
    def is_source_link(self, href: str) -> bool:
        parsed = urlparse(href)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            return False  # relative links and {{ site.baseurl }} templates are the site's own pages
        host = parsed.netloc.lower()
        if any(domain in host for domain in self.deny_domains):
            return False
        return not any(host == d or host.endswith("." + d) for d in self.site_domains)

    def _marker_in(self, block: ProseBlock, text: str | None = None, mentions: bool = True) -> bool:
        text = block.text if text is None else text
        if not ANY_DIGIT.search(text):
            return False  # every marker, DOI, PMID and entry mention holds a digit
        cleaned = PLACEHOLDER.sub("", text)
        if NUMBERED_MARKER.search(cleaned) or _identifier_in(cleaned):
            return True
        if GLUED_MARKER.search(cleaned) or SPACED_LIST_MARKER.search(cleaned):
            return True
        if mentions and any(pattern.search(cleaned) for pattern in self._entry_mentions):
            return True  # "the Brobakken 2023 RCT": an entry of the reference list, named
        return bool(
            self.entries and any(e.number for e in self.entries) and GLUED_NUMBERS.search(cleaned)
        )

    @property
    def _entry_mentions(self) -> list[re.Pattern[str]]:
        if not hasattr(self, "_mentions"):
            self._mentions = [
                re.compile(rf"\b{re.escape(e.author)}\b.{{0,40}}?\b{e.year}\b")
                for e in self.entries
                if e.author and e.year
            ]
        return self._mentions

    def section_below_cites(self, heading_index: int, reach: int = 12) -> bool:
        """Does the section a heading opens cite a source in its first ``reach`` blocks? A
        heading names what its section reports ("Trials that found no local effect")."""
        blocks = self.document.blocks
        section = blocks[heading_index].section
        for i in range(heading_index + 1, min(len(blocks), heading_index + 1 + reach)):
            if blocks[i].section != section or blocks[i].kind == "heading":
                return False
            if i not in self.reference_blocks and self.block_has_citation(i):
                return True
        return False

    def first_cited_earlier_in_section(
        self, block_index: int, reach: int | None = None
    ) -> int | None:
        """The first block cited earlier in this block's section (under a real heading), at most
        ``reach`` blocks before it if given; None when there is none.

        Articles cite a study once, then discuss its figures in the paragraphs that follow."""
        blocks = self.document.blocks
        section = blocks[block_index].section
        candidates: Iterable[int]
        if section < 0:
            # No heading: a quotation of a study (a blockquote whose first lines link to it) is
            # its own section; otherwise only the few paragraphs right after the citation go on
            # about its study (a news story's lead), not a whole thread.
            if "blockquote" not in blocks[block_index].containers:
                reach = _LEAD_REACH if reach is None else min(reach, _LEAD_REACH)
                candidates = (
                    i
                    for i in range(max(0, block_index - reach), block_index)
                    if i not in self.reference_blocks and blocks[i].kind != "heading"
                )
            else:
                quoted = []
                for i in range(block_index - 1, -1, -1):
                    if "blockquote" not in blocks[i].containers:
                        break
                    quoted.append(i)
                candidates = reversed(quoted)
        else:
            candidates = (
                i
                for i in range(0 if reach is None else max(0, block_index - reach), block_index)
                if blocks[i].section == section
                and i not in self.reference_blocks
                and blocks[i].kind != "heading"
            )
        return next((i for i in candidates if self.block_has_citation(i)), None)

    def cited_below(self, heading_index: int) -> bool:
        """Does the text a heading introduces cite a source? "Trials that found no local effect"
        over the cited trials. That text is the heading's own section; a heading with no text of
        its own before its first subheading ("## The trials" then "### Katch, 1984") introduces
        that first subsection instead. A page title is not cited by whatever the page cites."""
        blocks = self.document.blocks
        if heading_index <= self.first_heading:
            return False  # the page's title
        level = blocks[heading_index].heading_level or 1
        seen_text = False
        for i in range(heading_index + 1, min(len(blocks), heading_index + 1 + _BELOW_REACH)):
            block = blocks[i]
            if block.kind == "heading":
                if (block.heading_level or 1) <= level or seen_text:
                    return False
                continue
            seen_text = True
            if i not in self.reference_blocks and self.block_has_citation(i):
                return True
        return False

    @property
    def first_heading(self) -> int:
        """The index of the page's first heading, its title (the block count when it has none)."""
        if self._first_heading is None:
            blocks = self.document.blocks
            self._first_heading = next(
                (i for i, block in enumerate(blocks) if block.kind == "heading"), len(blocks)
            )
        return self._first_heading

    def cited_earlier(self, block_index: int) -> bool:
        """Was a source cited anywhere before this block (outside the reference list)?"""
        if self._first_cited is None:
            # Found once per document: a file of many "that study …" sentences stays linear.
            self._first_cited = next(
                (
                    i
                    for i, block in enumerate(self.document.blocks)
                    if i not in self.reference_blocks
                    and block.kind != "heading"
                    and self.block_has_citation(i)
                ),
                len(self.document.blocks),
            )
        return self._first_cited < block_index

    def span_cites(self, block_index: int, start: int, end: int) -> bool:
        """Does the text block.text[start:end] carry a citation itself?"""
        block = self.document.blocks[block_index]
        text = block.text[start:end]
        if self._marker_in(block, text) or any(author_years(text)):
            return True
        if any(start <= offset <= end for offset, _ in block.footnote_refs):
            return True
        return any(
            link.prose_start < end and start < link.prose_end and self.is_source_link(link.href)
            for link in block.links
        )

    def cites_by_sentence(self, block_index: int) -> bool:
        """Does the block cite sentence by sentence (two or more sentences carry their own
        citation)? Then each citation belongs to its sentence, not to the whole paragraph."""
        if block_index not in self.block_by_sentence:
            block = self.document.blocks[block_index]
            cited, start = 0, 0
            for end in [m.end() for m in _SENTENCE_END.finditer(block.text)] + [len(block.text)]:
                if end > start and self.span_cites(block_index, start, end):
                    cited += 1
                start = end
            self.block_by_sentence[block_index] = cited >= 2
        return self.block_by_sentence[block_index]

    def block_has_citation(self, block_index: int) -> bool:
        if block_index not in self.block_cites:
            block = self.document.blocks[block_index]
            cited = self.span_cites(block_index, 0, len(block.text))
            following = (
                self.document.blocks[block_index + 1]
                if block_index + 1 < len(self.document.blocks)
                else None
            )
            if not cited and following is not None and ATTRIBUTION.match(following.text):
                cited = True  # "— Author (Year). Title." on the next line
            self.block_cites[block_index] = cited
        return self.block_cites[block_index]

    @property
    def mode(self) -> str:
        """How the document cites: none, marked (inline markers), bulk (a reference list and no
        markers: every claim leans on the list), or single (one reference: a study summary)."""
        if self.markers_in_text:
            return "marked"
        if len(self.entries) >= 2:
            return "bulk"
        if len(self.entries) == 1:
            return "single"
        return "none"


def own_site(blocks: list[ProseBlock]) -> tuple[str, ...]:
    """The site a page belongs to, read from its navigation: menus, buttons and related-post
    cards (blocks that are one link) point to the site's own pages. The host of most of those
    (at least three, and a third of them) is the page's own, and links there are not citations."""
    hosts: dict[str, int] = {}
    total = 0
    for block in blocks:
        if block.kind != "control":
            continue
        for link in block.links:
            host = urlparse(link.href).netloc.lower().removeprefix("www.")
            if host:
                hosts[host] = hosts.get(host, 0) + 1
                total += 1
    if not hosts:
        return ()
    host, count = max(hosts.items(), key=lambda item: (item[1], item[0]))
    return (host,) if count >= 3 and count * 3 >= total else ()


def citation_index(document: Document) -> CitationIndex:
    """The document's citation index, built once and shared by every check that needs it."""
    index = document.derived.get("citations")
    if not isinstance(index, CitationIndex):
        index = CitationIndex(document)
        document.derived["citations"] = index
    return index


def _entry(index: int, block: ProseBlock, source_line: str = "") -> Entry:
    text = block.text.strip()
    number = ENTRY_NUMBER.match(text) or ENTRY_NUMBER.match(source_line)
    author = ENTRY_AUTHOR_YEAR.match(text)
    return Entry(
        index,
        (number.group(1) or number.group(2)) if number else None,
        author.group("name") if author else None,
        author.group("year") if author else None,
        text,
    )


def valid_doi(candidate: str) -> bool:
    candidate = candidate.rstrip(".,;)")
    return bool(re.fullmatch(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+", candidate))


_BELOW_REACH = 12  # blocks a heading's citation may stand in: its opening paragraphs
