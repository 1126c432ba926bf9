"""Command line: ``fitlint check``, ``fitlint rules``, ``fitlint rule CODE``.

Exit codes: 0 nothing at or above --fail-on; 1 findings; 2 usage, config or rule-pack error.
Errors are one line on stderr; --debug adds the traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path

from fitlint import __version__
from fitlint.config import Config, ConfigError, load_config
from fitlint.diagnostics import Severity
from fitlint.engine import Linter
from fitlint.files import encode
from fitlint.render import FORMATS, renderer
from fitlint.rules.loader import load_rules
from fitlint.results import ENGINE_CODES, FileResult, count_at_or_above
from fitlint.rules.model import RuleError, RuleSet

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a program a closed pipe ended


_SETTING = object()  # --write-baseline without a file: the 'baseline' setting's file


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with one line, like every other error
        raise UsageError(message)


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.replace(" ", ",").split(",") if part.strip()]


def _statuses(value: str) -> list[str]:
    from fitlint.inventory import STATUSES

    chosen = [part.strip().lower() for part in value.replace(" ", ",").split(",") if part.strip()]
    for status in chosen:
        if status not in STATUSES:
            raise argparse.ArgumentTypeError(
                f"unknown status {status!r} (expected {', '.join(STATUSES)})"
            )
    return chosen


def _job_count(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(
            f"must be 0 (one worker per CPU) or a positive number, not {jobs}"
        )
    return jobs


def _add_run_options(command: argparse.ArgumentParser, verb: str, profile_help: str) -> None:
    """The paths and the options that choose rules, configuration and files, for the commands
    that run the rules (check, claims)."""
    command.add_argument(
        "paths", nargs="*", default=[], metavar="PATH", help="files or directories; - reads stdin"
    )
    command.add_argument(
        "--select", type=_codes, help="only these rule codes or prefixes (comma-separated)"
    )
    command.add_argument(
        "--extend-select",
        type=_codes,
        help="add rule codes or prefixes to the selection (opt-in rules need their full code)",
    )
    command.add_argument("--ignore", type=_codes, help="skip these rule codes or prefixes")
    command.add_argument("--profile", choices=["ftc", "asa", "eu"], help=profile_help)
    command.add_argument(
        "--config", type=Path, help="use this config file instead of discovering one"
    )
    command.add_argument("--isolated", action="store_true", help="ignore all config files")
    command.add_argument("--stdin-filename", help="name to report for text read from stdin")
    command.add_argument(
        "--no-respect-gitignore", action="store_true", help=f"{verb} that .gitignore excludes"
    )
    command.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply config exclude even to paths named on the command line",
    )
    command.add_argument(
        "--rule-dir",
        action="append",
        type=Path,
        default=[],
        help="extra rule-pack directory (repeatable)",
    )
    command.add_argument(
        "-j",
        "--jobs",
        type=_job_count,
        default=0,
        help="worker processes (default: number of CPUs)",
    )
    command.add_argument(
        "--no-cache", action="store_true", help="do not read or write .fitlint_cache/"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fitlint", description="A fact-checking linter for fitness copy.")
    parser.add_argument("-V", "--version", action="version", version=f"fitlint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="lint files and directories")
    _add_run_options(
        check, "lint files", "only rules mapped to this regulator's guidance, as errors"
    )
    check.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="output format (default: text)"
    )
    check.add_argument(
        "--fail-on",
        choices=[s.label for s in Severity],
        help="lowest severity that makes the exit code 1",
    )
    check.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="report fitlint-disable comments that suppress nothing",
    )
    check.add_argument("--output-file", type=Path, help="write the report here instead of stdout")
    check.add_argument(
        "--no-source", action="store_true", help="text format: one line per diagnostic"
    )
    check.add_argument("--quiet", "-q", action="store_true", help="text format: no summary line")
    check.add_argument(
        "--fix", action="store_true", help="apply safe fixes (stdin: print the fixed text)"
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply fixes that change meaning",
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="show the fixes as a unified diff instead of writing them",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="count diagnostics per rule instead of listing them",
    )
    check.add_argument(
        "--show-excused",
        action="store_true",
        help="also list matches a context test excused (negated, quoted, a debunk, …), as hints naming the test",
    )
    check.add_argument(
        "--show-files",
        action="store_true",
        help="list the files a run would lint, with their reader, and lint nothing",
    )
    check.add_argument(
        "--show-settings",
        action="store_true",
        help="print the resolved settings, where each came from and the config file; lint nothing",
    )
    check.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (errors still exit 2)",
    )
    check.add_argument(
        "--add-noqa",
        action="store_true",
        help="suppress every current finding with a fitlint-disable-next-line comment above its line",
    )
    check.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text format (auto: on a terminal; NO_COLOR and FORCE_COLOR are honoured)",
    )
    check.add_argument(
        "--watch",
        action="store_true",
        help="lint, then lint again whenever a file changes (Ctrl-C stops)",
    )
    check.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report only findings not recorded in this baseline file (overrides the 'baseline' setting)",
    )
    check.add_argument(
        "--no-baseline",
        action="store_true",
        help="ignore the 'baseline' setting: report every finding",
    )
    check.add_argument(
        "--write-baseline",
        type=Path,
        nargs="?",
        const=_SETTING,
        metavar="FILE",
        help="record every current finding in FILE (default: the 'baseline' setting, else .fitlint-baseline.json) and report nothing",
    )
    check.add_argument(
        "--report-unused-baseline",
        action="store_true",
        help="list baseline entries that no longer match a finding (on stderr)",
    )

    claims = commands.add_parser(
        "claims",
        help="list every claim the rules considered (flagged, excused, cited) as CSV or JSON",
        description="List every claim-like sentence the rules considered (promises, statistics, appeals "
        "to research) with its file, line, column, category, rule, status (flagged; excused, with the "
        "reason; cited, with the source found) and evidence ids.",
    )
    _add_run_options(
        claims, "list claims in files", "only rules mapped to this regulator's guidance"
    )
    claims.add_argument(
        "--format",
        choices=["csv", "json"],
        default="csv",
        help="output format (default: csv, RFC 4180)",
    )
    claims.add_argument(
        "--output-file", type=Path, help="write the inventory here instead of stdout"
    )
    claims.add_argument(
        "--status",
        type=_statuses,
        help="only claims with these statuses (comma-separated: flagged, excused, cited)",
    )
    claims.set_defaults(fail_on=None, show_excused=True)

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    rules.add_argument("--rule-dir", action="append", type=Path, default=[])

    commands.add_parser("lsp", help="run the language server on stdin/stdout")

    rule = commands.add_parser("rule", help="explain one rule: rationale, examples, evidence")
    rule.add_argument("code")
    rule.add_argument("--rule-dir", action="append", type=Path, default=[])
    return parser


def console() -> None:
    """The ``fitlint`` command: :func:`main`, then exit without tearing the interpreter down.

    A run that loaded spaCy holds hundreds of thousands of objects, and freeing them one by one
    at exit only costs time (mypy skips it for the same reason). Output is flushed first; every
    file the run writes (fixes, cache entries) is complete before ``main`` returns.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = code or EXIT_BROKEN_PIPE
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        if args.command == "check":
            if args.watch:
                from fitlint.watch import watch

                return watch(args, run_check)
            code = run_check(args)
            return EXIT_CLEAN if args.exit_zero and code == EXIT_FINDINGS else code
        if args.command == "claims":
            return run_claims(args)
        if args.command == "lsp":
            from fitlint.lsp.server import run

            return run()
        if args.command == "rules":
            from fitlint.rules.explain import rules_json, rules_markdown, rules_table

            ruleset = load_rules(args.rule_dir)
            listing = {"text": rules_table, "json": rules_json, "markdown": rules_markdown}[
                args.format
            ]
            sys.stdout.write(listing(ruleset))
            return EXIT_CLEAN
        if args.command == "rule":
            from fitlint.rules.explain import explain_rule

            ruleset = load_rules(args.rule_dir)
            code = args.code.upper()
            if code not in ruleset.rules:
                raise UsageError(f"unknown rule {args.code!r}; `fitlint rules` lists them")
            sys.stdout.write(explain_rule(ruleset, ruleset.rules[code]))
            return EXIT_CLEAN
    except (UsageError, ConfigError, RuleError) as exc:
        _error(str(exc), debug)
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted", debug)
        return 130
    except BrokenPipeError:
        # The reader went away (`fitlint check docs/ | head`): stop quietly, as a program that
        # SIGPIPE ended would, and keep the interpreter's final flush from raising it again.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, never a traceback
        _error(
            f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for a traceback)",
            debug,
        )
        return EXIT_ERROR
    return EXIT_CLEAN


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (a test's capture): nothing will flush into a pipe


def _error(message: str, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    print(f"fitlint: error: {message}", file=sys.stderr)


def _validate_codes(
    codes: Sequence[str],
    ruleset: RuleSet,
    setting: str,
    config: Config | None = None,
    given: Sequence[str] | None = None,
) -> None:
    """Unknown codes are errors that say where they came from: the flag, or the config file (and
    its line, when the code can be found there)."""
    known = [*ruleset.rules, *ENGINE_CODES]
    for code in codes:
        if any(k.startswith(code) for k in known):
            continue
        if given and code in given or config is None or config.source is None:
            raise ConfigError(f"unknown rule code or prefix {code!r} in {setting}")
        where = str(config.source)
        try:
            lines = config.source.read_text(encoding="utf-8").upper().splitlines()
            where += next(f":{number}" for number, line in enumerate(lines, 1) if code in line)
        except (OSError, UnicodeDecodeError, StopIteration):
            pass
        raise ConfigError(f"{where}: unknown rule code or prefix {code!r} in '{setting}'")


def resolve_config(args: argparse.Namespace) -> Config:
    paths = [p for p in args.paths if p != "-"]
    if paths:
        start = Path(paths[0])
    elif args.stdin_filename:
        start = Path(args.stdin_filename).absolute().parent
    else:
        start = Path.cwd()
    config = load_config(start if start.exists() else Path.cwd(), args.config, args.isolated)
    updates: dict[str, object] = {}
    if args.select is not None:
        updates["select"] = tuple(args.select)
    if args.extend_select is not None:
        updates["extend_select"] = tuple(config.extend_select) + tuple(args.extend_select)
    if args.ignore is not None:
        updates["ignore"] = tuple(config.ignore) + tuple(args.ignore)
    if args.fail_on:
        updates["fail_on"] = Severity.parse(args.fail_on)
    if args.no_respect_gitignore:
        updates["respect_gitignore"] = False
    if args.profile:
        updates["profile"] = args.profile
    if args.force_exclude:
        updates["force_exclude"] = True
    if args.rule_dir:
        updates["rule_dirs"] = tuple(config.rule_dirs) + tuple(p.absolute() for p in args.rule_dir)
    if getattr(args, "show_excused", False):
        updates["show_excused"] = True
    if getattr(args, "baseline", None) is not None:
        updates["baseline"] = args.baseline.absolute()
    if getattr(args, "no_baseline", False):
        updates["baseline"] = None
    return dataclasses.replace(config, **updates)


def _prepare(args: argparse.Namespace) -> tuple[Config, RuleSet, list[str], list[Path]]:
    """The resolved config, the rule packs (selection codes checked), the paths and the files."""
    config = resolve_config(args)
    ruleset = load_rules(config.rule_dirs)
    _validate_codes(config.select, ruleset, "select", config, args.select)
    _validate_codes(config.extend_select, ruleset, "extend-select", config, args.extend_select)
    _validate_codes(config.ignore, ruleset, "ignore", config, args.ignore)
    _validate_codes(list(config.severity), ruleset, "severity", config)
    paths = args.paths or (["-"] if args.stdin_filename and not sys.stdin.isatty() else ["."])
    return config, ruleset, paths, [Path(p) for p in paths if p != "-"]


def _jobs(args: argparse.Namespace) -> int:
    """Worker processes for -j/--jobs (0: one per CPU); more than the CPUs is cut, with a note."""
    from fitlint.workers import resolve_jobs

    jobs, note = resolve_jobs(args.jobs)
    if note is not None:
        print(f"fitlint: note: {note}", file=sys.stderr)
    return jobs


def run_check(args: argparse.Namespace) -> int:
    config, ruleset, paths, file_paths = _prepare(args)
    if args.show_files:
        return _show_files(args, config, file_paths, paths)
    if args.show_settings:
        from fitlint.showsettings import show_settings

        sys.stdout.write(show_settings(args, config, ruleset, paths))
        return EXIT_CLEAN
    if args.add_noqa and "-" in paths:
        raise UsageError("--add-noqa edits files; it cannot read stdin")
    if args.add_noqa and (args.fix or args.diff):
        raise UsageError("--add-noqa cannot be combined with --fix or --diff")
    if args.write_baseline is not None and (args.fix or args.diff or args.add_noqa or args.watch):
        raise UsageError(
            "--write-baseline cannot be combined with --fix, --diff, --add-noqa or --watch"
        )
    baseline = _load_baseline(args, config)
    linter = Linter(config, ruleset, report_unused_suppressions=args.report_unused_suppressions)
    results: list[FileResult] = []
    stdin: tuple[FileResult, bytes] | None = None  # what was read from stdin: its result and bytes
    for path in paths:
        if path == "-":
            raw = sys.stdin.buffer.read()
            stdin = (linter.lint_bytes(raw, args.stdin_filename or "-"), raw)
            results.append(stdin[0])
    if file_paths:
        jobs = _jobs(args)
        progress = sys.stderr.isatty() and not args.quiet
        # Fixing rewrites files: lint them fresh rather than trust cached positions.
        use_cache = not (args.no_cache or args.fix or args.diff or args.add_noqa)
        results.extend(
            linter.lint_paths(file_paths, jobs=jobs, use_cache=use_cache, progress=progress)
        )
    for result in results:
        if result.error:
            print(f"fitlint: {result.path}: {result.error}", file=sys.stderr)
    walk = linter.last_walk if file_paths else None
    for directory in walk.empty if walk is not None else ():
        print(
            f"fitlint: warning: {directory}: no file to lint here ({_skipped(walk) or 'it is empty'})",
            file=sys.stderr,
        )
    if args.write_baseline is not None:
        return _write_baseline(args, config, results)
    if args.fix or args.diff:
        return _run_fixes(args, linter, results, config, stdin, baseline)
    if args.add_noqa:
        _apply_baseline(args, config, results, baseline)
        return _run_add_noqa(args, linter, results, config)
    for code, reason in linter.disabled_rules.items():
        print(f"fitlint: warning: rule {code} disabled: {reason}", file=sys.stderr)
    hidden = _apply_baseline(args, config, results, baseline)
    _report(args, linter, results, baselined=hidden)
    return EXIT_FINDINGS if count_at_or_above(results, config.fail_on) else EXIT_CLEAN


def _load_baseline(args: argparse.Namespace, config: Config):
    """The baseline the run filters by (``--baseline`` or the setting), or None."""
    if args.write_baseline is not None:
        return None
    if config.baseline is None:
        if args.report_unused_baseline:
            raise UsageError(
                "--report-unused-baseline needs a baseline (--baseline FILE or the 'baseline' setting)"
            )
        return None
    from fitlint.baseline import Baseline

    return Baseline.load(config.baseline)


def _apply_baseline(
    args: argparse.Namespace, config: Config, results: list[FileResult], baseline
) -> int:
    """Drop the findings the baseline records; list its unused entries if asked. The number hidden."""
    if baseline is None:
        return 0
    from fitlint.baseline import describe_unused

    outcome = baseline.apply(results, config)
    if args.report_unused_baseline:
        sys.stderr.write(describe_unused(baseline, outcome.unused))
    return outcome.hidden


def _write_baseline(args: argparse.Namespace, config: Config, results: list[FileResult]) -> int:
    """``--write-baseline``: record every finding; report nothing else."""
    from fitlint.baseline import DEFAULT_NAME, write_baseline

    target = args.write_baseline
    if target is _SETTING:  # the flag without a file name
        target = config.baseline or config.root / DEFAULT_NAME
    try:
        findings, entries = write_baseline(target, results, config)
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write baseline: {exc.strerror or exc}") from None
    if not args.quiet:
        print(
            f"Wrote {findings} finding{'s' if findings != 1 else ''} ({entries} entr{'ies' if entries != 1 else 'y'}) "
            f"to the baseline {target}.",
            file=sys.stderr,
        )
    return EXIT_CLEAN


def run_claims(args: argparse.Namespace) -> int:
    """``fitlint claims``: the claim inventory (see :mod:`fitlint.inventory`)."""
    from fitlint.inventory import InventoryLinter, inventory_rows, render_csv, render_json

    config, ruleset, paths, file_paths = _prepare(args)
    linter = InventoryLinter(config, ruleset)
    results: list[FileResult] = []
    if "-" in paths:
        results.append(linter.lint_bytes(sys.stdin.buffer.read(), args.stdin_filename or "-"))
    if file_paths:
        results.extend(
            linter.lint_paths(
                file_paths,
                jobs=_jobs(args),
                use_cache=not args.no_cache,
                progress=sys.stderr.isatty(),
            )
        )
    for result in results:
        if result.error:
            print(f"fitlint: {result.path}: {result.error}", file=sys.stderr)
    rows = inventory_rows(results, linter)
    if args.status:
        rows = [row for row in rows if row["status"] in args.status]
    output = render_csv(rows) if args.format == "csv" else render_json(rows)
    if args.output_file:
        with open(args.output_file, "w", encoding="utf-8", newline="") as stream:
            stream.write(output)
    else:
        sys.stdout.write(output)
    return EXIT_CLEAN


def _show_files(
    args: argparse.Namespace, config: Config, file_paths: list[Path], paths: list[str]
) -> int:
    """``--show-files``: every file the run would lint and its reader, one per line, sorted."""
    from fitlint.document.formats import reader_for
    from fitlint.files import ExcludeRules, discover

    exclude = ExcludeRules.build(config.root, config.exclude) if config.exclude else None
    walk = discover(
        file_paths, exclude, config.respect_gitignore, config.force_exclude, config.formats
    )
    for path, reason in walk.problems:
        print(f"fitlint: {path}: {reason}", file=sys.stderr)
    lines = [
        f"{path}\t{reader_for(str(path), config.formats) or 'markdown'}" for path in walk.files
    ]
    if "-" in paths:
        name = args.stdin_filename or "-"
        lines.append(f"{name}\t{reader_for(name, config.formats) or 'markdown'}")
    output = "".join(f"{line}\n" for line in sorted(lines))
    if args.output_file:
        args.output_file.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return EXIT_CLEAN


def _skipped(walk) -> str:
    """What a walk passed over, in words: 'skipped 3 files with no reader (.php 2, .js 1; ...)'."""
    parts = []
    if walk.unknown_count:
        shown = sorted(walk.unknown.items(), key=lambda item: (-item[1], item[0]))
        listed = ", ".join(f"{ext or 'no extension'} {count}" for ext, count in shown[:5])
        more = ", …" if len(shown) > 5 else ""
        files = "file" if walk.unknown_count == 1 else "files"
        its = "its" if walk.unknown_count == 1 else "their"
        parts.append(
            f"{walk.unknown_count} {files} with no reader for {its} extension ({listed}{more}; see `formats`)"
        )
    if walk.ignored:
        parts.append(f"{walk.ignored} ignored by .gitignore or exclude")
    if walk.binary:
        parts.append(f"{walk.binary} binary")
    return "skipped " + ", ".join(parts) if parts else ""


def _report(
    args: argparse.Namespace,
    linter: Linter,
    results: list[FileResult],
    fixed: int = 0,
    stream=None,
    baselined: int = 0,
) -> None:
    if args.statistics:
        from fitlint.render.text import render_statistics

        output = render_statistics(results)
    else:
        from fitlint.render.text import use_color

        target = None if args.output_file else stream or sys.stdout
        color = args.format == "text" and use_color(args.color, target)
        if args.format == "text":
            pieces = _text_report(args, linter, results, color, fixed, baselined)
            if args.output_file:
                args.output_file.write_text("".join(pieces), encoding="utf-8")
            else:
                for piece in pieces:  # written as they come: a huge report is never held whole
                    (stream or sys.stdout).write(piece)
            return
        output = renderer(args.format)(
            results,
            rules=linter.rules,
            show_source=not args.no_source,
            color=color,
            root=linter.config.root,
            ruleset=linter.ruleset,
            baselined=baselined,
        )
    if args.output_file:
        args.output_file.write_text(output, encoding="utf-8")
    else:
        (stream or sys.stdout).write(output)


def _text_report(
    args: argparse.Namespace,
    linter: Linter,
    results: list[FileResult],
    color: bool,
    fixed: int,
    baselined: int,
) -> Iterator[str]:
    """The text report in pieces (see ``text_chunks``), then what the run fixed and skipped."""
    from fitlint.render.text import text_chunks

    yield from text_chunks(results, not args.no_source, color, with_summary=not args.quiet)
    if args.quiet:
        return
    if fixed:
        yield f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.\n"
    if baselined:
        yield (
            f"{baselined} finding{'s' if baselined != 1 else ''} hidden by the baseline "
            f"{linter.config.baseline}.\n"
        )
    skipped = _skipped(linter.last_walk) if linter.last_walk is not None else ""
    if skipped:
        yield skipped[0].upper() + skipped[1:] + ".\n"


def _run_fixes(
    args: argparse.Namespace,
    linter: Linter,
    results: list[FileResult],
    config: Config,
    stdin: tuple[FileResult, bytes] | None = None,
    baseline=None,
) -> int:
    """--fix / --diff: fix each file to a fixed point, then report what is left.

    Text read from stdin is written back to stdout whole, fixed or not (an editor can use
    ``fitlint check - --fix`` as a filter), and the remaining diagnostics go to stderr."""
    from fitlint.fixes import (
        FixSkipped,
        FixTargets,
        fix_text,
        unified_diff,
    )  # only fixing runs need it

    targets = FixTargets(
        args.paths or ["."]
    )  # regular files inside the linted tree, unchanged since read
    fixed = 0
    changed_any = False
    write_failed = False
    for result in results:
        source = result.source
        from_stdin = stdin is not None and result is stdin[0]
        if source is None:
            if from_stdin and not args.diff:
                sys.stdout.buffer.write(stdin[1])  # unreadable (not UTF-8): given back untouched
            continue
        outcome = fix_text(
            source.text,
            lambda text, path=source.path: linter.lint_text(text, path),
            args.unsafe_fixes,
        )
        if outcome.withheld:
            fixes = f"{outcome.withheld} fix{'es' if outcome.withheld != 1 else ''}"
            print(
                f"fitlint: warning: {source.path}: {fixes} left out: applied, it would make a new "
                "finding appear",
                file=sys.stderr,
            )
        if outcome.text == source.text:
            if from_stdin and not args.diff:
                sys.stdout.buffer.write(source.raw)  # nothing to fix: the text, byte for byte
            continue
        changed_any = True
        fixed += outcome.applied
        if args.diff:
            sys.stdout.write(unified_diff(source.path, source.text, outcome.text))
            continue
        data = encode(source, outcome.text)
        if from_stdin:
            sys.stdout.buffer.write(data)  # stdin in, fixed text out
        else:
            try:
                targets.write(Path(source.path), source.raw, data)
            except FixSkipped as exc:
                print(f"fitlint: warning: {source.path}: {exc}", file=sys.stderr)
                fixed -= outcome.applied
                continue
            except OSError as exc:
                print(
                    f"fitlint: error: {source.path}: could not write fixes, file left as it was: {exc.strerror or exc}",
                    file=sys.stderr,
                )
                write_failed = True
                continue
        result.source = source._replace(text=outcome.text, raw=data)
        result.diagnostics = linter.lint_text(outcome.text, source.path)
    if args.diff:
        return EXIT_FINDINGS if changed_any else EXIT_CLEAN
    # With stdin, stdout carries the text: what is left to fix is reported on stderr.
    to_stderr = stdin is not None and not args.output_file
    hidden = _apply_baseline(args, config, results, baseline)
    _report(
        args, linter, results, fixed, stream=sys.stderr if to_stderr else None, baselined=hidden
    )
    if write_failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if count_at_or_above(results, config.fail_on) else EXIT_CLEAN


def _run_add_noqa(
    args: argparse.Namespace, linter: Linter, results: list[FileResult], config: Config
) -> int:
    """--add-noqa: a suppression comment for every finding, written like --fix writes."""
    from fitlint.document import parse_document
    from fitlint.fixes import FixSkipped, FixTargets
    from fitlint.noqa import add_noqa

    targets = FixTargets(args.paths or ["."])
    added = files = 0
    failed = False
    for result in results:
        source = result.source
        if source is None or not result.diagnostics:
            continue
        document = parse_document(
            source.text, source.path, config.front_matter_keys, config.formats
        )
        outcome = add_noqa(
            document,
            result.diagnostics,
            config.formats,
            lambda text, path=source.path: linter.lint_text(text, path),
        )
        for warning in outcome.warnings:
            print(f"fitlint: warning: {warning}", file=sys.stderr)
        if outcome.text == source.text:
            continue
        try:
            targets.write(Path(source.path), source.raw, encode(source, outcome.text))
        except FixSkipped as exc:
            print(f"fitlint: warning: {source.path}: {exc}", file=sys.stderr)
            continue
        except OSError as exc:
            print(
                f"fitlint: error: {source.path}: could not write, file left as it was: {exc.strerror or exc}",
                file=sys.stderr,
            )
            failed = True
            continue
        added += outcome.added
        files += 1
    if not args.quiet:
        comments = "comment" if added == 1 else "comments"
        print(
            f"Added {added} fitlint-disable {comments} to {files} file{'s' if files != 1 else ''}.",
            file=sys.stderr,
        )
    return EXIT_ERROR if failed else EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
