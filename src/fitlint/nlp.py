"""The spaCy pipeline: blank English, a sentencizer and a lookup lemmatizer.

Built once, lazily: importing spaCy costs most of a second, so nothing imports it until a
rule actually needs tokens. No trained model is loaded and nothing is downloaded; the lemma
table ships inside fitlint (``fitlint/data``, derived from spacy-lookups-data's English table).
"""

from __future__ import annotations

import gc
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

from fitlint import budget
from fitlint.memo import MEMO_TEXT, remember
from fitlint.lazyregex import lazy_compile

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

_LOCK = threading.Lock()
_PIPELINE: Language | None = None
DOC_CACHE_SIZE = 20_000  # sentences whose docs a DocCache keeps
MAX_CHUNK = 5_000  # characters handed to spaCy at once; a longer text is tokenised in pieces
RUN_LENGTH = 32  # a run of this many punctuation or symbol characters is blanked before tokenising
# Punctuation, symbols and emoji (and "_", which \w counts as a word character but spaCy splits
# off like punctuation). The first item is spelled out so the search skips ahead by it.
_RUN = lazy_compile(rf"(?:[^\w\s]|_)(?:[^\w\s]|_){{{RUN_LENGTH - 1},}}")
_HYPHENS = frozenset({"-", "‐", "‑"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "„"})
_RANGE_DASHES = frozenset({"-", "–", "‐", "‑"})


def pipeline() -> Language:
    global _PIPELINE
    with _LOCK:
        if _PIPELINE is None:
            with collector_paused():
                _PIPELINE = _build()
        return _PIPELINE


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building objects that live for the whole run.

    Importing spaCy and building the pipeline create hundreds of thousands of objects and no
    garbage; without the pause the collector rescans them again and again (a third of the time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# spaCy's package initialiser imports ``spacy.cli`` for this one line only (3.7 and 3.8).
_CLI_LINE = "from .cli.info import info"


def _import_spacy() -> Any:
    """Import spaCy, without its command-line interface when that is known to be safe.

    spaCy's ``__init__`` imports ``spacy.cli`` only to re-export ``spacy.info``; that pulls in
    weasel, typer, httpx and requests: about 450 modules and 0.2 s, a third of the import, that a
    linter never uses. When the installed ``__init__`` mentions the CLI in that one line and no
    other, a placeholder stands in while spaCy loads and is removed afterwards, so a later
    ``import spacy.cli`` loads the real one and ``spacy.info`` calls it. Any other spaCy (or a
    failure while importing with the placeholder) gets a plain import.
    """
    if "spacy" not in sys.modules and _cli_import_is_deferrable():
        try:
            with _spacy_cli_deferred():
                import spacy
            return spacy
        except Exception:  # noqa: BLE001 - a spaCy that needs its CLI after all: import it plainly
            for name in [
                name for name in sys.modules if name == "spacy" or name.startswith("spacy.")
            ]:
                del sys.modules[name]
    import spacy

    return spacy


def _cli_import_is_deferrable() -> bool:
    """Does the installed spaCy's ``__init__`` use ``spacy.cli`` only for ``spacy.info``?"""
    import importlib.util

    try:
        spec = importlib.util.find_spec("spacy")
        if spec is None or spec.origin is None:
            return False
        with open(spec.origin, encoding="utf-8") as stream:
            source = stream.read()
    except (OSError, ImportError, ValueError):
        return False
    uses = [
        line.split("#")[0].strip() for line in source.splitlines() if "cli" in line.split("#")[0]
    ]
    return uses == [_CLI_LINE]


@contextmanager
def _spacy_cli_deferred() -> Iterator[None]:
    """Placeholders for ``spacy.cli`` and ``spacy.cli.info`` while spaCy's package loads."""
    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    info = types.ModuleType("spacy.cli.info")

    def _info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real  # the real CLI, imported on first call

        return real(*args, **kwargs)

    info.info = _info  # type: ignore[attr-defined]
    placeholders = {"spacy.cli": package, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        yield
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is package:
            del spacy.cli


def parse(texts: list[str]) -> list[Doc]:
    """spaCy docs for ``texts``, each token's ``idx`` an offset into the text as given.

    Hostile text costs linear time and never fails:

    - spaCy splits punctuation off a word one character at a time, searching the rest of the word
      each time, so a run of punctuation or emoji costs the cube of its length (4,000 ``!`` take
      seconds). A run of ``RUN_LENGTH`` or more such characters keeps its first character and the
      rest become spaces, one whitespace token: the text keeps its length, so every offset stays
      exact with no mapping back, and words (all rules look at) are untouched.
    - spaCy refuses a text over its ``max_length`` (a million characters). A text longer than
      ``MAX_CHUNK`` is tokenised in pieces cut after whitespace and joined back into one doc with
      the same text; each piece starts a sentence, so later stages see sentences of bounded length.
    """
    nlp = pipeline()
    docs: list[Any] = [None] * len(texts)
    search = _RUN.search  # one search per sentence; a run is rare
    defused = [text if search(text) is None else _blank_runs(text) for text in texts]
    short = [i for i, text in enumerate(defused) if len(text) <= MAX_CHUNK]
    for i, doc in zip(short, nlp.pipe([defused[i] for i in short], batch_size=256)):
        budget.check()
        docs[i] = doc
    for i, text in enumerate(defused):
        if docs[i] is None:
            from spacy.tokens import Doc

            pieces = []
            for piece in nlp.pipe(_pieces(text, MAX_CHUNK), batch_size=16):
                budget.check()
                pieces.append(piece)
            docs[i] = Doc.from_docs(pieces, ensure_whitespace=False)
    return docs


class DocCache:
    """spaCy docs for sentences, from a bounded cache: an editor's relint re-parses only the
    sentences that changed, and a sentence pasted many times is parsed once."""

    def __init__(self, size: int = DOC_CACHE_SIZE) -> None:
        self.size = size
        self._docs: OrderedDict[str, Any] = OrderedDict()

    def __len__(self) -> int:
        return len(self._docs)

    def __call__(self, texts: list[str]) -> list[Doc]:
        docs: dict[str, Any] = {}
        missing = []
        for text in dict.fromkeys(texts):
            if text in self._docs:
                self._docs.move_to_end(text)
                docs[text] = self._docs[text]
            else:
                missing.append(text)
        if missing:
            for text, doc in zip(missing, parse(missing)):
                self._docs[text] = docs[text] = doc
        # Evict only after collecting: one huge document may bring more sentences than fit.
        while len(self._docs) > self.size:
            self._docs.popitem(last=False)
        return [docs[text] for text in texts]


def _blank_runs(text: str) -> str:
    return _RUN.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 1), text)


def _pieces(text: str, size: int) -> Iterator[str]:
    """``text`` in pieces of at most ``size`` characters that join back to it, each cut after the
    last whitespace of its window (or at ``size`` if the window's second half has none)."""
    start = 0
    while len(text) - start > size:
        cut = start + size
        for position in range(cut - 1, start + size // 2, -1):
            if text[position].isspace():
                cut = position + 1
                break
        yield text[start:cut]
        start = cut
    yield text[start:]


def _build() -> Language:
    spacy = _import_spacy()
    from spacy.language import Language

    from fitlint.data import lemma_lookup

    # The table as a plain dict: spaCy's Lookups would hash all 41k keys into a Bloom filter
    # first, which costs three times the read, and hash each key again on every lookup. It ships
    # inside fitlint (fitlint/data, built from spacy-lookups-data by scripts/build_lemma_data.py).
    table: dict[str, str] = lemma_lookup()

    if not Language.has_factory("fitlint_lemmatizer"):

        @Language.factory("fitlint_lemmatizer")
        def _factory(nlp: Language, name: str) -> Any:
            return _LowercaseLookupLemmatizer(table)

    if not Language.has_factory("fitlint_abbreviations"):

        @Language.factory("fitlint_abbreviations")
        def _abbreviations(nlp: Language, name: str) -> Any:
            return _keep_abbreviations

    nlp = spacy.blank("en")
    _split_citation_markers(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fitlint_abbreviations")
    nlp.add_pipe("fitlint_lemmatizer")
    return nlp


def _keep_abbreviations(doc: Doc) -> Doc:
    """Undo the sentencizer's splits after an abbreviation or an initial ("Ramirez-Campillo et
    al. 2022", "J. Smith"), as the pre-filter's splitter does: the citation stays in its
    sentence."""
    from fitlint.document.sentences import is_abbreviation

    for token in doc[1:-1]:
        if token.text != ".":
            continue
        # The split may come after a comma that follows: "(Smith et al., 2013)".
        after = token.i + 1
        while (
            after < len(doc) - 1 and doc[after].text in (",", ";") and not doc[after].is_sent_start
        ):
            after += 1
        if not doc[after].is_sent_start:
            continue
        before = doc[token.i - 1]
        if before.idx + len(before) == token.idx and is_abbreviation(before.text):
            doc[after].is_sent_start = False
    return doc


# Citation markers glued to a word ("reduce[1]", "fat(2)", "fat¹") would otherwise make one token
# of the word and the marker, and the word would no longer match a rule.
_MARKER_INFIXES = (r"(?<=[^\W\d_])[\[(](?=\d)", r"(?<=[^\W\d_.])[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def _split_citation_markers(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ()) + list(_MARKER_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


class _LowercaseLookupLemmatizer:
    """spaCy's lookup table, keyed by the lower-cased form so "Burning" lemmatises like "burning"."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = table
        self._lemma_of: dict[int, int] = {}  # string id of a lower-cased form -> of its lemma

    def __call__(self, doc: Doc) -> Doc:
        # Whole-doc arrays of string ids, not Token objects: this runs on every candidate sentence.
        import numpy
        from spacy.attrs import LEMMA, LOWER

        if not len(doc):
            return doc
        strings = doc.vocab.strings
        lemma_of = self._lemma_of
        lemmas = []
        for lower_id in doc.to_array(LOWER).tolist():
            lemma_id = lemma_of.get(lower_id)
            if lemma_id is None:
                lower = strings[lower_id]
                lemma_id = lemma_of[lower_id] = strings.add(
                    str(self.table.get(lower, lower)).lower()
                )
            lemmas.append(lemma_id)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


class LemmaText(NamedTuple):
    """A sentence as one string of lemmas separated by single spaces, with a map to tokens.

    Rule patterns are regular expressions over this string, so multi-word lexicon entries
    ("love handle", "muffin top") and gaps between words are plain regex.
    """

    text: str
    starts: tuple[int, ...]  # char offset in ``text`` of each kept token's lemma
    tokens: tuple[int, ...]  # doc index of each kept token

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Doc token indices [first, last] covered by the lemma-text span [start, end)."""
        import bisect

        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, max(end - 1, start)) - 1
        return self.tokens[max(first, 0)], self.tokens[max(last, 0)]


def doc_text(doc: Doc) -> str:
    """A doc's text, built once: spaCy rebuilds ``doc.text`` from every token on each read."""
    text = doc.user_data.get("fitlint.text")
    if text is None:
        text = doc.user_data["fitlint.text"] = doc.text
    return text


def lemma_text(span: Span | Doc, overrides: Mapping[str, str] | None = None) -> LemmaText:
    """The lemma text of a sentence the rules read (a point where a file's time budget is checked).
    A sentence met again in an identical parse (a paragraph pasted many times) is read once."""
    budget.check()
    doc = getattr(span, "doc", span)
    start, end = (span.start, span.end) if doc is not span else (0, len(doc))
    text = doc_text(doc)
    key = (text, start, end, id(overrides))
    found = _LEMMA_TEXTS.get(key)
    if found is None:
        found = _lemma_text(span, overrides)
        if len(text) <= MEMO_TEXT:
            remember(_LEMMA_TEXTS, key, found)
    return found


_LEMMA_TEXTS: dict[tuple[str, int, int, int], LemmaText] = {}


def _lemma_text(span: Span | Doc, overrides: Mapping[str, str] | None = None) -> LemmaText:
    pieces: list[str] = []
    starts: list[int] = []
    indices: list[int] = []
    offset = 0
    tokens = list(span)
    skip_next = False
    for position, token in enumerate(tokens):
        if skip_next:
            skip_next = False
            continue
        if token.is_space:
            continue
        glued = position > 0 and not tokens[position - 1].whitespace_ and not token.whitespace_
        if token.text in _RANGE_DASHES and glued and pieces and position + 1 < len(tokens):
            after = tokens[position + 1]
            if tokens[position - 1].like_num and after.like_num:
                # "20-30" stays one number range, not two numbers.
                pieces[-1] += "-" + after.lower_
                offset += 1 + len(after.lower_)
                skip_next = True
                continue
        # "belly-fat" and "belly fat" read the same: drop hyphens inside words.
        if token.text in _HYPHENS and glued:
            continue
        # Quotation marks are not words: 'fat reduction for the "spare tyre"' reads through them
        # (context tests see them on the sentence itself).
        if token.text in _QUOTE_MARKS:
            continue
        lemma = token.lemma_ or token.lower_
        if overrides:
            lemma = overrides.get(token.lower_, lemma)
        lemma = lemma.replace(" ", "_")
        starts.append(offset)
        indices.append(token.i)
        pieces.append(lemma)
        offset += len(lemma) + 1
    return LemmaText(" ".join(pieces), tuple(starts), tuple(indices))


def lemmatize_phrase(phrase: str, overrides: Mapping[str, str] | None = None) -> str:
    """Lemma text of a short phrase, e.g. a lexicon entry: "Love Handles" → "love handle"."""
    return _lemma_text(pipeline()(phrase), overrides).text
