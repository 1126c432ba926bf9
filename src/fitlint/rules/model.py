"""Rule packs as loaded from YAML: rules, lexicons, evidence and guidance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from fitlint.diagnostics import FixSafety, Severity
from fitlint.rules.patterns import Grammar


class Origin(NamedTuple):
    path: str
    line: int  # 1-based

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class RuleError(Exception):
    """A broken rule pack: reported as ``path:line: message`` with exit code 2."""

    def __init__(self, origin: Origin, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message


class SuggestionTemplate(NamedTuple):
    text: str
    replace: str | None = None
    fix: FixSafety = FixSafety.NONE
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    kind: str
    message: str
    rationale: str
    suggest: tuple[SuggestionTemplate, ...]
    patterns: tuple[str, ...] = ()
    unless: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    scope: frozenset[str] = frozenset()
    limits: dict[str, float] = field(default_factory=dict)
    enabled: bool = True  # false: opt-in, runs only when its code is selected explicitly
    once: bool = False  # a name: reported where the page first uses it, later mentions linked to it
    unit: str = ""  # duplicate rules: section | paragraph | near | pull-quote | cross-file
    # A phrase rule that reports only beside a claim another rule reported in the same sentence
    # (a category), within so many words: the match and the claim together are its finding.
    beside: str = ""
    beside_within: int = 0
    options: dict[str, object] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    regulators: tuple[str, ...] = ()
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    origin: Origin = Origin("<builtin>", 0)


class Evidence(NamedTuple):
    id: str
    citation: str
    status: str
    short: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    finding: str | None = None
    figures: tuple[str, ...] = ()

    @property
    def link(self) -> str | None:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


# Claim shapes a rewrite is written for (README, Fixes); the rewrite module detects them.
REWRITE_SHAPES = (
    "title",
    "description",
    "list-item",
    "testimonial",
    "rate",
    "product",
    "imperative",
    "workout",
    "claim",
)
REWRITE_PLACEHOLDERS = frozenset({"muscles", "muscle", "means"})
REWRITE_OUTCOMES = ("weight", "abs", "results")


class RewriteArea(NamedTuple):
    """A group of body parts a rewrite names by the muscles there ("strengthen your core")."""

    name: str
    muscles: str  # after "your"
    muscle: str  # before a noun
    words: tuple[str, ...]


class RewriteTemplate(NamedTuple):
    """One rewrite of a claim shape: ``text`` (a sentence, a verb phrase or a noun phrase, as the
    shape needs) or, for titles, ``verb`` and ``noun`` forms."""

    text: str | None = None
    verb: str | None = None
    noun: str | None = None
    outcome: str | None = None  # only for units that promise this outcome
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class RuleRewrites:
    code: str
    evidence: tuple[str, ...]
    resolves: frozenset[str]  # other rules whose claims these rewrites remove from a shared unit
    shapes: dict[str, tuple[RewriteTemplate, ...]]
    origin: Origin


class Guidance(NamedTuple):
    id: str
    title: str
    profile: str
    url: str | None = None
    summary: str | None = None


@dataclass
class RuleSet:
    rules: dict[str, Rule] = field(default_factory=dict)
    lexicons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # named sub-patterns
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lemma_overrides: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    guidance: dict[str, Guidance] = field(default_factory=dict)
    rewrites: dict[str, RuleRewrites] = field(default_factory=dict)  # rule code -> its rewrites
    rewrite_areas: dict[str, RewriteArea] = field(default_factory=dict)
    digest: str = ""
    # Pre-filter stems per pattern option, shared by the phrase matchers built from this set.
    prefilter_memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # What matchers derive from the packs once per run (lemmatised context words, …).
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def grammar(self) -> Grammar:
        """What patterns refer to; clause breaks are the ``clause-break`` lexicon."""
        return Grammar(
            self.lexicons, self.phrases, self.forms, self.lexicons.get("clause-break", ())
        )
