"""``--format text``: ruff-style ``path:line:col: CODE message`` with the source line, a caret span
under the exact range, and the suggested rewrite."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from typing import TextIO

from fitlint.diagnostics import Diagnostic, FixSafety, Severity
from fitlint.results import FileResult
from fitlint.lazyregex import lazy_compile
from fitlint.positions import LineIndex

# Control characters a terminal would act on (ESC opens colour, title and clear-screen sequences;
# C1 has a one-byte CSI): C0 but tab, DEL and C1. Each is shown as one character, a control picture
# (ESC as ␛) or U+FFFD for C1, so the caret line stays aligned under the source.
_CONTROL = lazy_compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20) if code != 0x09}
_VISIBLE |= {0x7F: "\u2421", **dict.fromkeys(range(0x80, 0xA0), "\ufffd")}


def visible(text: str) -> str:
    """``text`` with control characters (other than tab) shown, never sent to the terminal."""
    return text.translate(_VISIBLE) if _CONTROL.search(text) else text


def use_color(mode: str, stream: TextIO | None) -> bool:
    """``--color``: ``always``/``never`` as said; ``auto`` is off when ``NO_COLOR`` is set (to
    anything but the empty string, no-color.org), on when ``FORCE_COLOR`` is (force-color.org),
    else on only when ``stream`` is a terminal."""
    if mode in ("always", "never"):
        return mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


_SGR = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;34m",
    Severity.HINT: "\x1b[1;36m",
}
_BOLD, _GUTTER, _LABEL, _RESET = "\x1b[1m", "\x1b[1;34m", "\x1b[36m", "\x1b[0m"
_GUTTER_LINE = re.compile(r"^( *\d* \|)(.*)$", re.DOTALL)
_NOTE_LINE = re.compile(r"^( *= [^:]+:)(.*)$", re.DOTALL)


def _colorize(lines: list[str], d: Diagnostic, header: str) -> list[str]:
    """ANSI colours on lines that are already made safe by :func:`visible`: the path bold, the
    code and severity in the severity's colour, the gutter blue, carets in the severity's
    colour, note labels cyan. Source text and messages keep the terminal's own colour."""
    tone = _SGR[d.severity]
    label = f"[{d.severity.label}]"
    position, _, rest = header.partition(f" {d.code} {label}")
    out = [f"{_BOLD}{position}{_RESET} {tone}{d.code}{_RESET} {tone}{label}{_RESET}{rest}"]
    for number, line in enumerate(lines[1:], start=1):
        gutter = _GUTTER_LINE.match(line)
        note = _NOTE_LINE.match(line)
        if gutter and number == 3 and "^" in gutter.group(2):
            body = gutter.group(2)
            first = body.index("^")
            last = body.rindex("^") + 1
            line = f"{_GUTTER}{gutter.group(1)}{_RESET}{body[:first]}{tone}{body[first:last]}{_RESET}{body[last:]}"
        elif gutter:
            line = f"{_GUTTER}{gutter.group(1)}{_RESET}{gutter.group(2)}"
        elif note:
            line = f"{_LABEL}{note.group(1)}{_RESET}{note.group(2)}"
        out.append(line)
    return out


def _caret_line(line_text: str, start_col: int, end_col: int) -> str:
    # Keep tabs from the source so the carets line up under them.
    before = line_text[:start_col]
    prefix = (
        "".join(ch if ch == "\t" else " " for ch in before) if "\t" in before else " " * len(before)
    )
    return prefix + "^" * max(1, end_col - start_col)


SOURCE_WIDTH = 160  # characters of a long source line shown around the range


def _clip(text: str, start: int, end: int) -> tuple[str, int, int]:
    """A long line (minified HTML, a run-on paragraph) shown as the stretch around the range,
    with "…" where it was cut; columns move with it."""
    if len(text) <= SOURCE_WIDTH:
        return text, start, end
    left = max(0, min(start - 40, len(text) - SOURCE_WIDTH))
    right = max(left + SOURCE_WIDTH, min(end, start + SOURCE_WIDTH))
    head = "…" if left > 0 else ""
    tail = "…" if right < len(text) else ""
    shift = left - len(head)
    return head + text[left:right] + tail, start - shift, min(end, right) - shift


def format_diagnostic(
    d: Diagnostic, index: LineIndex, show_source: bool = True, color: bool = False
) -> list[str]:
    line, column = index.position(d.start)
    out = [f"{d.path}:{line + 1}:{column + 1}: {d.code} [{d.severity.label}] {d.message}"]
    if not show_source or not index.text:
        return _colorize([visible(out[0])], d, visible(out[0])) if color else [visible(out[0])]
    end_line, end_column = index.position(d.end)
    text = index.line_text(line)
    gutter = str(line + 1)
    pad = " " * len(gutter)
    span_end = end_column if end_line == line else len(text)
    text, column, span_end = _clip(text, column, span_end)
    out.append(f"{pad} |")
    out.append(f"{gutter} | {text}")
    out.append(f"{pad} | {_caret_line(text, column, max(span_end, column + 1))}")
    if end_line > line:
        out.append(f"{pad} | … continues to line {end_line + 1}")
    for suggestion in d.suggestions:
        label = {FixSafety.SAFE: "fix", FixSafety.UNSAFE: "unsafe fix", FixSafety.NONE: "rewrite"}[
            suggestion.fix
        ]
        if suggestion.edits:
            replacement = suggestion.edits[0].new_text
            shown = replacement if replacement else "(remove)"
            out.append(f"{pad} = {label}: {shown!s}")
        else:
            out.append(f"{pad} = {label}: {suggestion.text}")
    if d.evidence:
        cites = "; ".join(
            ref.citation.split(".")[0] + (f" (doi:{ref.doi})" if ref.doi else "")
            for ref in d.evidence[:3]
        )
        out.append(f"{pad} = evidence: {cites}")
    for item in d.related:
        if item.source is None:
            rline, rcol = index.position(item.start)
            out.append(f"{pad} = related: {d.path}:{rline + 1}:{rcol + 1}: {item.message}")
        else:
            rline, rcol = LineIndex(item.source).position(item.start)
            out.append(f"{pad} = related: {item.path}:{rline + 1}:{rcol + 1}: {item.message}")
    if _CONTROL.search("".join(out)):  # paths, messages and source lines come from the input
        out = [visible(line) for line in out]
    return _colorize(out, d, out[0]) if color else out


def summary(results: Sequence[FileResult]) -> str:
    counts = {severity: 0 for severity in Severity}
    files = 0
    for result in results:
        if result.diagnostics:
            files += 1
        for d in result.diagnostics:
            counts[d.severity] += 1
    total = sum(counts.values())
    if not total:
        return f"All clear: {len(results)} file{'s' if len(results) != 1 else ''} checked, no problems."
    parts = [
        f"{count} {severity.label}{'s' if count != 1 and severity is not Severity.INFO else ''}"
        for severity, count in counts.items()
        if count
    ]
    return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} of {len(results)} files."


def render_text(
    results: Sequence[FileResult], show_source: bool = True, color: bool = False, **_: object
) -> str:
    return "".join(text_chunks(results, show_source, color))


def text_chunks(
    results: Sequence[FileResult],
    show_source: bool = True,
    color: bool = False,
    with_summary: bool = True,
) -> Iterator[str]:
    """The text report in pieces (a diagnostic each, then the summary line), to be written as they
    come: a run with a hundred thousand findings never holds its whole report in memory."""
    for result in results:
        if not result.diagnostics:
            continue
        index = LineIndex(result.source.text if result.source else "")
        for d in result.diagnostics:
            lines = format_diagnostic(d, index, show_source, color)
            if show_source:
                lines.append("")
            yield "\n".join(lines) + "\n"
    if with_summary:
        yield summary(results) + "\n"


def render_statistics(results: Sequence[FileResult], rules: dict | None = None) -> str:
    """``--statistics``: one line per code, most frequent first; [*] marks codes with a fix."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    fixable: set[str] = set()
    for result in results:
        for d in result.diagnostics:
            counts[d.code] = counts.get(d.code, 0) + 1
            names[d.code] = d.rule
            if any(s.edits for s in d.suggestions):
                fixable.add(d.code)
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = [
        f"{count:>{width}}\t{code}\t{'[*]' if code in fixable else '[ ]'} {names[code]}"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return "\n".join(lines) + ("\n" if lines else "")
