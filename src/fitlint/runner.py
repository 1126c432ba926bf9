"""A run over files and directories: walk, read, look up the cache, lint what is left (here or in
worker processes, :mod:`fitlint.workers`), store what was linted, then the cross-file checks.

Results come back in the walk's order whichever process linted a file. A file that could not be
read is an ``FL001`` result; a file whose time budget ran out is an ``FL001`` error followed by
the findings made before it stopped, and is not cached (it may finish on a faster run).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fitlint.cache import ResultCache
from fitlint.checks import Checked
from fitlint.document import parse_document
from fitlint.files import ExcludeRules, ReadError, SourceFile, WalkResult, discover, read_source
from fitlint.results import ENGINE_CODES, UNUSED_SUPPRESSION, FileResult, unreadable
from fitlint.rules.duplicates import CrossFileIndex

if TYPE_CHECKING:
    from fitlint.engine import Linter

PARALLEL_THRESHOLD = 16  # files; below this, starting workers costs more than it saves


def lint_paths(
    linter: Linter,
    paths: Sequence[Path],
    jobs: int = 1,
    use_cache: bool = False,
    progress: bool = False,
) -> tuple[list[FileResult], WalkResult]:
    config = linter.config
    exclude = ExcludeRules.build(config.root, config.exclude) if config.exclude else None
    walk = discover(paths, exclude, config.respect_gitignore, config.force_exclude, config.formats)
    problems = [unreadable(path, reason) for path, reason in walk.problems]
    cache = (
        ResultCache.for_run(config.root, linter.ruleset.digest, linter.fingerprint())
        if use_cache
        else None
    )
    results: list[FileResult | None] = []
    todo: list[tuple[int, SourceFile, str | None]] = []
    for path in walk.files:
        display = str(path)
        try:
            source = read_source(path, display, config.max_file_size)
        except ReadError as exc:
            if not walk.passes_over(path, exc):  # a binary file a walk found is skipped silently
                results.append(unreadable(display, str(exc)))
            continue
        key = cache.key(display, source.raw) if cache else None
        cached = cache.get(key) if cache and key else None
        if cached is not None:
            results.append(FileResult(display, cached, source))
        else:
            results.append(None)
            todo.append((len(results) - 1, source, key))
    checked = lint_sources(linter, [source for _, source, _ in todo], jobs, progress)
    for (position, source, key), outcome in zip(todo, checked):
        results[position] = FileResult(source.path, outcome.diagnostics, source, outcome.stopped)
        if cache and key and outcome.stopped is None:
            cache.put(key, outcome.diagnostics)
    done = problems + [r for r in results if r is not None]
    if linter.duplicates.cross_file:
        add_cross_file(linter, done)
    return done, walk


def lint_sources(
    linter: Linter, sources: list[SourceFile], jobs: int, progress: bool
) -> list[Checked]:
    """Lint sources, in worker processes when there are enough of them; order is kept."""
    if jobs > 1 and len(sources) >= PARALLEL_THRESHOLD:
        from fitlint.workers import lint_in_workers

        return lint_in_workers(linter, sources, jobs, progress)
    tune_collector()
    bar = progress_bar(len(sources)) if progress else None
    out = []
    for source in sources:
        out.append(linter.check_text(source.text, source.path))
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return out


def tune_collector() -> None:
    """Linting allocates many short-lived objects (tokens, markdown tokens, findings) and few
    cycles: collect the youngest generation less often. With the default (every 700 new objects)
    a file with a hundred thousand findings spends a third of its time in the collector."""
    import gc

    gc.set_threshold(50_000, 20, 100)


def progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", leave=False, dynamic_ncols=True)


def add_cross_file(linter: Linter, results: list[FileResult]) -> None:
    """Copies across files, reported once (on the first location) after every file is read."""
    config = linter.config
    index = CrossFileIndex(linter.duplicates.options)
    for result in results:
        if result.source is not None:
            index.add(
                parse_document(
                    result.source.text, result.path, config.front_matter_keys, config.formats
                )
            )
    by_path = {result.path: result for result in results}
    for path, found in linter.duplicates.cross_file_diagnostics(index).items():
        result = by_path.get(path)
        if result is None or result.source is None:
            continue
        document = parse_document(
            result.source.text, path, config.front_matter_keys, config.formats
        )
        engine = [d for d in result.diagnostics if d.code in ENGINE_CODES]
        kept = [d for d in result.diagnostics if d.code not in ENGINE_CODES]
        finished = linter.finish(document, kept + found)
        # An unused-suppression report is made again by finish; an FL001 (time budget) is kept.
        result.diagnostics = [d for d in engine if d.code != UNUSED_SUPPRESSION[0]] + finished
