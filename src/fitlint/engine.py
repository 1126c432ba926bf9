"""The pipeline every front end calls: text → document → checks → diagnostics → filters.

``Linter.lint_text`` is what the language server calls on each change; ``lint_paths`` is the
CLI and pre-commit path. Nothing here knows about output formats.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from fitlint.cache import ResultCache
from fitlint.config import Config
from fitlint.diagnostics import Diagnostic, Related, Severity
from fitlint.document import Document, parse_document
from fitlint.files import (
    ExcludeRules,
    ReadError,
    SourceFile,
    WalkResult,
    decode,
    discover,
    read_source,
)
from fitlint.rules.citation_rules import CitationRules
from fitlint.rules.citations import citation_index
from fitlint.rules.claims import ClaimGroup, ClaimMatcher, uncited_table_rows
from fitlint.rules.duplicate_rules import DuplicateRules, build_options
from fitlint.rules.duplicates import CrossFileIndex
from fitlint.rules.emit import docs_url, make_span_diagnostic
from fitlint.rules.loader import load_rules
from fitlint.rules.matching import Candidate, SentenceRules
from fitlint.rules.model import RuleSet
from fitlint.rules.phrase import PhraseMatcher
from fitlint.rules.rate import RateMatcher
from fitlint.rules.rewrite import settle_rewrites
from fitlint.suppress import apply_suppressions

DOC_CACHE_SIZE = 20_000  # sentences
PARALLEL_THRESHOLD = 16  # files; below this, starting workers costs more than it saves
CHUNK = 8  # files per task sent to a worker
_FORKED_LINTER: Linter | None = None


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _start_worker() -> None:
    import gc

    # Linting allocates many short-lived objects (tokens, markdown tokens) and few cycles: collect
    # the youngest generation less often. The start-up objects were frozen before the fork.
    gc.set_threshold(50_000, 20, 100)


def _lint_chunk(items: list[tuple[str, str, Lexical | None]]) -> list[list[Diagnostic]]:
    linter = _FORKED_LINTER
    assert linter is not None, "worker started without a linter"
    return [linter.lint_text(text, path, lexical) for text, path, lexical in items]


class _HeadStart:
    """A child forked before spaCy loads, running the lexical stage on files from the end of the
    run while the parent imports spaCy (most of a second in which one CPU would idle). The
    workers then only run the spaCy stage on those files."""

    def __init__(self, linter: Linter, sources: list[SourceFile]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self._receive, send = context.Pipe(duplex=False)
        items = [(index, source.text, source.path) for index, source in reversed(list(enumerate(sources)))]
        self._process = context.Process(target=_run_head_start, args=(linter, items, self._stop, send), daemon=True)
        self._process.start()
        send.close()

    def collect(self) -> dict[int, Lexical]:
        """Stop the child after its current file; what it finished, by source index."""
        self._stop.set()
        try:
            done: dict[int, Lexical] = self._receive.recv()
        except (EOFError, OSError):
            done = {}  # the child died: the workers do everything
        self._receive.close()
        self._process.join()
        return done


def _run_head_start(linter: Linter, items: list[tuple[int, str, str]], stop: Any, send: Any) -> None:
    done: dict[int, Lexical] = {}
    try:
        for index, text, path in items:
            if stop.is_set():
                break
            try:
                done[index] = linter.lexical_stage(parse_document(text, path, linter.config.front_matter_keys, linter.config.formats))
            except Exception:  # noqa: BLE001, S112 - the worker lints this file itself and reports what fails
                continue
        send.send(done)
        send.close()
    except KeyboardInterrupt:
        pass  # the parent stops too; print nothing of its own


def _progress(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", leave=False, dynamic_ncols=True)


# Engine-level codes (not rule packs): problems with the input itself.
UNREADABLE = ("FL001", "unreadable-file", "input")
UNUSED_SUPPRESSION = ("FL002", "unused-suppression", "suppression")


class Lexical(NamedTuple):
    """What the lexical stage found in one document (plain data: it may cross processes)."""

    candidates: list[Candidate]  # sentences for the spaCy stage
    diagnostics: list[Diagnostic]  # from the checks that need no spaCy


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: SourceFile | None = None
    error: str | None = None


class Linter:
    def __init__(
        self,
        config: Config,
        ruleset: RuleSet | None = None,
        report_unused_suppressions: bool = False,
    ) -> None:
        self.config = config
        self.ruleset = ruleset if ruleset is not None else load_rules(config.rule_dirs)
        self.report_unused_suppressions = report_unused_suppressions
        rules = []
        for rule in self.ruleset.rules.values():
            if not config.selects(rule.code, rule.enabled):
                continue
            if config.profile is not None:
                # A regulator profile keeps the rules mapped to its guidance and makes them errors.
                if not any(self.ruleset.guidance[g].profile == config.profile for g in rule.regulators):
                    continue
                rule = replace(rule, severity=Severity.ERROR)
            if rule.code in config.severity:
                rule = replace(rule, severity=config.severity[rule.code])
            rules.append(rule)
        self.rules = {rule.code: rule for rule in rules}
        claims = self.claims = ClaimGroup()
        kinds = {
            "phrase": PhraseMatcher,
            "rate": RateMatcher,
            "claim": lambda rule, ruleset: ClaimMatcher(rule, ruleset, claims),
        }
        self.sentence_rules = SentenceRules(
            [kinds[r.kind](r, self.ruleset) for r in rules if r.kind in kinds],
            self.ruleset,
            config.regex_timeout,
            show_excused=config.show_excused,
        )
        duplicate_rules = [r for r in rules if r.kind == "duplicate"]
        # Options are shared by every duplicate rule of the packs, whichever are selected.
        all_duplicate_rules = [r for r in self.ruleset.rules.values() if r.kind == "duplicate"]
        self.duplicates = DuplicateRules(
            duplicate_rules,
            self.ruleset,
            build_options(all_duplicate_rules, config.template_headings, config.allow_duplicates),
        )
        self.citations = CitationRules([r for r in rules if r.kind == "citation"], self.ruleset)
        self._docs: OrderedDict[str, Any] = OrderedDict()
        self.last_walk: WalkResult | None = None  # what lint_paths walked (the CLI's skip summary)
        self._per_file = []
        if config.per_file_ignores:
            import pathspec

            self._per_file = [
                (pathspec.GitIgnoreSpec.from_lines([glob]), frozenset(codes))
                for glob, codes in config.per_file_ignores.items()
            ]

    def annotate(self, texts: list[str]) -> list[Any]:
        """spaCy docs for sentences, from a bounded cache: an editor relint re-parses only the
        sentences that changed."""
        docs: dict[str, Any] = {}
        missing = []
        for text in dict.fromkeys(texts):
            if text in self._docs:
                self._docs.move_to_end(text)
                docs[text] = self._docs[text]
            else:
                missing.append(text)
        if missing:
            from fitlint.nlp import parse  # bounded: long texts in pieces, punctuation runs blanked

            for text, doc in zip(missing, parse(missing)):
                self._docs[text] = docs[text] = doc
        # Evict only after collecting: one huge document may bring more sentences than fit.
        while len(self._docs) > DOC_CACHE_SIZE:
            self._docs.popitem(last=False)
        return [docs[text] for text in texts]

    @property
    def disabled_rules(self) -> dict[str, str]:
        return dict(self.sentence_rules.disabled)

    # -- one text ---------------------------------------------------------------------------
    def lexical_stage(self, document: Document) -> Lexical:
        """Everything that needs no spaCy: the sentence rules' candidates, and the duplicate,
        table and citation checks."""
        candidates = self.sentence_rules.candidates(document.blocks)
        diagnostics = self.duplicates.run(document)
        diagnostics += self._table_statistics(document)
        diagnostics += self.citations.run(document)
        return Lexical(candidates, diagnostics)

    def lint_document(self, document: Document, lexical: Lexical | None = None) -> list[Diagnostic]:
        """``lexical``: the lexical stage's result for this document, if it has run already."""
        if lexical is None:
            lexical = self.lexical_stage(document)
        diagnostics = self.sentence_rules.run(document, self.annotate, lexical.candidates)
        diagnostics += lexical.diagnostics
        return self.finish(document, diagnostics)

    def _table_statistics(self, document: Document) -> list[Diagnostic]:
        statistic = self.claims.matchers.get("statistic")
        if statistic is None or not any(b.kind == "table_cell" for b in document.blocks):
            return []
        index = citation_index(document)
        return [
            make_span_diagnostic(statistic.rule, self.ruleset, document.path, document.text, start, end, {})
            for start, end in uncited_table_rows(document, index)
        ]

    def finish(self, document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Per-file ignores, suppressions and the unused-suppression report, then sort."""
        diagnostics = link_front_matter_repeats(document, diagnostics)
        diagnostics = fold_name_mentions(document, diagnostics, self.ruleset)
        diagnostics = self._filter_per_file(document.path, diagnostics)
        diagnostics, unused = apply_suppressions(document, diagnostics)
        diagnostics = settle_rewrites(diagnostics, self.ruleset)  # one complete fix per claim unit
        if self.report_unused_suppressions and self.config.selects(UNUSED_SUPPRESSION[0]):
            for suppression in unused:
                codes = ", ".join(sorted(suppression.codes)) or "all rules"
                diagnostics.append(
                    _engine_diagnostic(
                        UNUSED_SUPPRESSION,
                        document.path,
                        suppression.start,
                        suppression.end,
                        document.text[suppression.start : suppression.end],
                        Severity.WARNING,
                        f"Unused suppression ({codes}): nothing here was reported; remove the comment.",
                    )
                )
        return sorted(diagnostics, key=Diagnostic.sort_key)

    def lint_text(self, text: str, path: str, lexical: Lexical | None = None) -> list[Diagnostic]:
        document = parse_document(text, path, self.config.front_matter_keys, self.config.formats)
        return self.lint_document(document, lexical)

    def lint_source(self, source: SourceFile) -> FileResult:
        return FileResult(source.path, self.lint_text(source.text, source.path), source)

    def _filter_per_file(self, path: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        if not self._per_file:
            return diagnostics
        try:
            rel = Path(path).absolute().relative_to(self.config.root).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        ignored: set[str] = set()
        for spec, codes in self._per_file:
            if spec.match_file(rel):
                ignored |= codes
        if not ignored:
            return diagnostics
        return [d for d in diagnostics if not any(d.code.startswith(code) for code in ignored)]

    # -- many files ---------------------------------------------------------------------------
    def fingerprint(self) -> str:
        """What, besides the rule packs, changes the diagnostics of a file (for the cache key)."""
        c = self.config
        parts = [
            sorted(self.rules), sorted((k, int(v)) for k, v in c.severity.items()),
            sorted(c.per_file_ignores.items()), sorted(c.front_matter_keys), c.profile, c.regex_timeout,
            c.allow_duplicates, c.template_headings, self.report_unused_suppressions, str(c.root),
            sorted(c.formats.items()), c.show_excused,
            {code: int(rule.severity) for code, rule in self.rules.items()},
        ]
        return repr(parts)

    def lint_paths(self, paths: Sequence[Path], jobs: int = 1, use_cache: bool = False, progress: bool = False) -> list[FileResult]:
        exclude = ExcludeRules.build(self.config.root, self.config.exclude) if self.config.exclude else None
        walk = self.last_walk = discover(
            paths, exclude, self.config.respect_gitignore, self.config.force_exclude, self.config.formats
        )
        problems = [self.unreadable(path, reason) for path, reason in walk.problems]
        cache = ResultCache.for_run(self.config.root, self.ruleset.digest, self.fingerprint()) if use_cache else None
        results: list[FileResult | None] = []
        todo: list[tuple[int, SourceFile, str | None]] = []
        for path in walk.files:
            display = str(path)
            try:
                source = read_source(path, display, self.config.max_file_size)
            except ReadError as exc:
                if not walk.passes_over(path, exc):  # a binary file a walk found is skipped silently
                    results.append(self.unreadable(display, str(exc)))
                continue
            key = cache.key(display, source.raw) if cache else None
            cached = cache.get(key) if cache and key else None
            if cached is not None:
                results.append(FileResult(display, cached, source))
            else:
                results.append(None)
                todo.append((len(results) - 1, source, key))
        for (position, source, key), diagnostics in zip(todo, self._lint_many([s for _, s, _ in todo], jobs, progress)):
            results[position] = FileResult(source.path, diagnostics, source)
            if cache and key:
                cache.put(key, diagnostics)
        done = problems + [r for r in results if r is not None]
        if self.duplicates.cross_file:
            index = CrossFileIndex(self.duplicates.options)
            for result in done:
                if result.source is not None:
                    index.add(parse_document(result.source.text, result.path, self.config.front_matter_keys, self.config.formats))
            self.add_cross_file(done, index)
        return done

    def _lint_many(self, sources: list[SourceFile], jobs: int, progress: bool) -> list[list[Diagnostic]]:
        """Lint sources, in worker processes when there are enough of them; order is kept."""
        bar = _progress(len(sources)) if progress else None
        if jobs <= 1 or len(sources) < PARALLEL_THRESHOLD or not _can_fork():
            out = []
            for source in sources:
                out.append(self.lint_text(source.text, source.path))
                if bar is not None:
                    bar.update(1)
            if bar is not None:
                bar.close()
            return out
        import gc
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from fitlint.nlp import pipeline_loaded

        global _FORKED_LINTER
        head_start = None if pipeline_loaded() else _HeadStart(self, sources)
        self.warm_up()  # load spaCy once here; forked workers share it copy-on-write
        staged = head_start.collect() if head_start is not None else {}
        _FORKED_LINTER = self
        tasks = [(source.text, source.path, staged.get(index)) for index, source in enumerate(sources)]
        chunks = [tasks[i : i + CHUNK] for i in range(0, len(tasks), CHUNK)]
        out: list[list[Diagnostic]] = []
        context = multiprocessing.get_context("fork")
        # Frozen objects are never scanned by the collector, so the workers neither spend time on
        # spaCy's tables nor copy the pages that hold them.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker) as pool:
                for part in pool.map(_lint_chunk, chunks):
                    out.extend(part)
                    if bar is not None:
                        bar.update(len(part))
        finally:
            gc.unfreeze()
            _FORKED_LINTER = None
        if bar is not None:
            bar.close()
        return out

    def warm_up(self) -> None:
        from fitlint.nlp import pipeline

        pipeline()
        self.sentence_rules.prepare()

    def add_cross_file(self, results: list[FileResult], index: CrossFileIndex) -> None:
        """Copies across files, reported once (on the first location) after every file is read."""
        by_path = {result.path: result for result in results}
        for path, found in self.duplicates.cross_file_diagnostics(index).items():
            result = by_path.get(path)
            if result is None or result.source is None:
                continue
            document = parse_document(result.source.text, path, self.config.front_matter_keys, self.config.formats)
            kept = [d for d in result.diagnostics if d.code != UNUSED_SUPPRESSION[0]]
            result.diagnostics = self.finish(document, kept + found)

    def lint_file(self, path: Path) -> FileResult:
        display = str(path)
        try:
            source = read_source(path, display, self.config.max_file_size)
        except ReadError as exc:
            return self.unreadable(display, str(exc))
        return self.lint_source(source)

    def lint_bytes(self, raw: bytes, display: str) -> FileResult:
        try:
            source = decode(raw, display)
        except ReadError as exc:
            return self.unreadable(display, str(exc))
        return self.lint_source(source)

    def unreadable(self, path: str, reason: str) -> FileResult:
        diagnostic = _engine_diagnostic(UNREADABLE, path, 0, 0, "", Severity.ERROR, f"File not linted: {reason}")
        return FileResult(path, [diagnostic], None, reason)


def _engine_diagnostic(
    identity: tuple[str, str, str], path: str, start: int, end: int, text: str, severity: Severity, message: str
) -> Diagnostic:
    code, name, category = identity
    return Diagnostic(
        path=path,
        start=start,
        end=end,
        code=code,
        rule=name,
        category=category,
        severity=severity,
        message=message,
        text=text,
        docs_url=docs_url(code),
    )


EXCERPT_KEYS = frozenset({"excerpt", "summary"})


def _normalised(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def link_front_matter_repeats(document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Point a claim in a front-matter excerpt and its copy in the body at each other.

    An excerpt (or summary) is usually the article's opening copied for listings, but it is
    published on its own (in feeds, cards and meta tags) and edited on its own, so both places
    are reported; each names the other so a writer fixes the two together.
    """
    if not diagnostics:
        return diagnostics
    body = _normalised(" ".join(b.text for b in document.blocks if b.kind != "front_matter"))
    # Only an excerpt that is a copy of body text: a summary that words its own claim is copy.
    spans = [
        (*block.smap.span(0, len(block.text)), block.key, block.line)
        for block in document.blocks
        if block.kind == "front_matter" and block.key in EXCERPT_KEYS and _normalised(block.text) in body
    ]
    if not spans:
        return diagnostics

    def front_matter(d: Diagnostic):
        return next(((key, line) for start, end, key, line in spans if start <= d.start < end), None)

    in_body: dict[tuple[str, str], Diagnostic] = {}
    for d in diagnostics:
        if front_matter(d) is None:
            in_body.setdefault((d.code, _normalised(d.text)), d)
    for d in diagnostics:
        where = front_matter(d)
        twin = in_body.get((d.code, _normalised(d.text))) if where is not None else None
        if twin is None:
            continue
        key, line = where
        twin.related = (*twin.related, Related(d.path, d.start, d.end, f"also in the front matter '{key}' (line {line + 1})"))
        d.related = (*d.related, Related(twin.path, twin.start, twin.end, "the same claim in the body"))
    return diagnostics


def fold_name_mentions(document: Document, diagnostics: list[Diagnostic], ruleset: Any) -> list[Diagnostic]:
    """Report a name once in a timetable: for rules that find names (``once: true``: "Thigh
    Trimmer", "Waist Whittler Core"), a name a table repeats (a class timetable) is reported
    where the page first uses it, and its repeats in the table become related locations of that
    finding. A name in a sentence, a heading or a price list (each name once) is always reported."""
    once = {code for code, rule in ruleset.rules.items() if rule.once}
    if not once or not any(d.code in once for d in diagnostics):
        return diagnostics
    # Tables: runs of table cells on nearby lines (a paragraph or blank lines end one), by the
    # source span of each cell.
    cell_table: list[tuple[int, int, int]] = []
    table, last_line = -1, -2
    for index, block in enumerate(document.blocks):
        if block.kind != "table_cell":
            last_line = -2
            continue
        between = range(last_line + 1, block.line)
        # A Markdown table's |---| row may stand between its cells; a blank line ends a table.
        if last_line < 0 or len(between) > 1 or any(not document.lines.line_text(n).strip() for n in between):
            table = index
        last_line = block.line
        cell_table.append((*block.smap.span(0, len(block.text)), table))

    starts = [start for start, _, _ in cell_table]

    def table_of(d: Diagnostic) -> int | None:
        at = bisect_right(starts, d.start) - 1
        return cell_table[at][2] if at >= 0 and d.start < cell_table[at][1] else None

    names = [d for d in diagnostics if d.code in once and "excused" not in d.extra]
    per_table = Counter((d.code, _normalised(d.text), table_of(d)) for d in names)
    first: dict[tuple[str, str], Diagnostic] = {}
    folded: set[int] = set()
    for d in sorted(names, key=lambda d: d.start):
        key = (d.code, _normalised(d.text))
        where = table_of(d)
        earlier = first.setdefault(key, d)
        if earlier is d or where is None or per_table[(*key, where)] < 2:
            continue
        line = document.lines.position(d.start)[0] + 1
        earlier.related = (*earlier.related, Related(d.path, d.start, d.end, f"the same name again (line {line})"))
        folded.add(id(d))
    return [d for d in diagnostics if id(d) not in folded]


def count_at_or_above(results: Iterable[FileResult], threshold: Severity) -> int:
    return sum(1 for result in results for d in result.diagnostics if d.severity <= threshold)
