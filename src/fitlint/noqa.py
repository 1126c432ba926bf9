"""``fitlint check --add-noqa``: suppress every current finding with a comment above its line.

Each line with findings gets ``<!-- fitlint-disable-next-line FL101, FL204 -->`` (its codes) where
the suppression parser (:mod:`fitlint.document.suppressions`) reads it as the line's own, and where
it leaves the document's structure alone:

- a line that starts a block (paragraph, heading, list item, blockquote line, HTML line): a line of
  its own above it, indented like it; above a list item that follows another item, indented to the
  item's text so the comment stays inside the list (a comment at the margin would end the list);
  inside a blockquote, with the same ``>`` markers;
- a line that continues a paragraph: at the end of the line before (a comment line would split the
  paragraph in two), before any trailing spaces or backslash that make a hard line break;
- a table row: ``fitlint-disable`` above the table and ``fitlint-enable`` below it, since no line
  can stand between two rows;
- front matter: a YAML comment (``# <!-- … -->``), above the key, or around a multi-line value;
- MDX: the comment inside ``{/* … */}``, which MDX allows and the parser still finds.

An existing ``fitlint-disable-next-line`` comment for the line gets the new codes added to it.
Scripts (JSX/TS) and lines inside an HTML tag, template code or ``<pre>``/``<textarea>``/
``<script>``/``<style>``/``<title>`` are left alone with a warning. The result is linted again:
a finding the comment did not silence has its comment taken out, with a warning, so a second run
changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fitlint.diagnostics import Diagnostic, Edit
from fitlint.document import Document
from fitlint.document.formats import reader_for
from fitlint.document.frontmatter import find_front_matter
from fitlint.fixes import apply_edits
from fitlint.positions import LineIndex

_BLOCKQUOTE = re.compile(r"(?:[ ]{0,3}>[ ]?)+")
_LIST_MARKER = re.compile(r"([ \t]*)((?:[-+*]|\d{1,9}[.)])[ \t]+)")
_YAML_KEY = re.compile(r"[^\s#][^:]*:(?:\s|$)")
_RAW_ELEMENTS = ("pre", "textarea", "script", "style", "title")


@dataclass
class NoqaResult:
    text: str
    added: int = 0  # comments inserted or extended
    warnings: list[str] = field(default_factory=list)


def comment(codes: Sequence[str], kind: str = "disable-next-line") -> str:
    return f"<!-- fitlint-{kind} {', '.join(sorted(set(codes)))} -->"


def _eol(text: str, index: LineIndex, line: int) -> str:
    """The line ending to use for a line inserted before ``line``: the file's own."""
    for number in (line - 1, line, *range(index.line_count())):
        if 0 <= number < index.line_count() - 1:  # a line followed by another has an ending
            piece = text[index.starts[number] : index.starts[number + 1]]
            return piece[len(piece.rstrip("\r\n")) :]
    return "\n"


class _Planner:
    def __init__(self, document: Document, reader: str, mdx: bool) -> None:
        self.document = document
        self.text = document.text
        self.index = document.lines
        self.reader = reader
        self.mdx = mdx
        self.lines = [self.index.line_text(n) for n in range(self.index.line_count())]
        self.front = find_front_matter(self.lines) if reader == "markdown" else None
        self._tokens = None
        self._html_state = None

    # -- structure ------------------------------------------------------------------------
    def tokens(self):
        if self._tokens is None:
            from fitlint.document.markdown import _parser

            body = list(self.lines)
            if self.front is not None:
                for number in range(self.front.first_line, self.front.last_line + 1):
                    body[number] = ""
            self._tokens = _parser().parse("\n".join(body))
        return self._tokens

    def _innermost(self, line: int, kinds: tuple[str, ...]):
        found = None
        for token in self.tokens():
            inside = token.type in kinds and token.map and token.map[0] <= line < token.map[1]
            if inside and (found is None or token.level >= found.level):
                found = token
        return found

    def _wrap(self, text: str) -> str:
        return f"{{/* {text} */}}" if self.mdx else text

    # -- edits for one target line ------------------------------------------------------------
    def plan(self, line: int, codes: set[str]) -> tuple[list[tuple[int, int, Edit]], str | None]:
        """Edits (with a sort priority) that suppress ``codes`` on ``line``, or a reason not to."""
        if self.reader == "jsx":
            return [], "scripts (JSX/TS) are not edited; add the comment by hand"
        if self.front is not None and self.front.first_line <= line <= self.front.last_line:
            return self._front_matter(line, codes), None
        if self.reader == "html":
            return self._html(line, codes)
        if self.reader == "text":
            starts_paragraph = line == 0 or not self.lines[line - 1].strip()
            if starts_paragraph:
                return [self._above(line, codes, self._indent(self.lines[line]))], None
            return [self._inline_before(line, codes)], None
        return self._markdown(line, codes)

    def _indent(self, text: str) -> str:
        return text[: len(text) - len(text.lstrip(" \t"))]

    def _above(
        self,
        line: int,
        codes: set[str],
        prefix: str,
        kind: str = "disable-next-line",
        priority: int = 1,
    ) -> tuple[int, int, Edit]:
        start = self.index.starts[line]
        new = prefix + self._wrap(comment(codes, kind)) + _eol(self.text, self.index, line)
        return (start, priority, Edit(start, start, new))

    def _below(self, line: int, codes: set[str], prefix: str) -> tuple[int, int, Edit]:
        """An ``enable`` line after ``line`` (priority 0: before a comment for the next line)."""
        after = line + 1
        eol = _eol(self.text, self.index, after)
        new = prefix + self._wrap(comment(codes, "enable"))
        if after < self.index.line_count():
            start = self.index.starts[after]
            return (start, 0, Edit(start, start, new + eol))
        end = len(self.text)  # the last line, with no line ending: keep it that way
        return (end, 0, Edit(end, end, eol + new))

    def _inline_before(self, line: int, codes: set[str]) -> tuple[int, int, Edit]:
        """The comment at the end of the line before ``line``, ahead of a hard line break."""
        previous = line - 1
        text = self.lines[previous]
        kept = len(text.rstrip(" \t"))
        if kept and text[kept - 1] == "\\":  # a backslash hard break stays last
            kept -= 1
        position = self.index.starts[previous] + kept
        return (position, 1, Edit(position, position, " " + self._wrap(comment(codes))))

    def _markdown(self, line: int, codes: set[str]):
        table = self._innermost(line, ("table_open",))
        if table is not None:
            first, last = table.map[0], table.map[1] - 1
            prefix = self._container_prefix(first)
            return [
                self._above(first, codes, prefix, "disable", priority=2),
                self._below(last, codes, prefix),
            ], None
        block = self._innermost(line, ("paragraph_open", "heading_open", "html_block"))
        if block is not None and block.map[0] < line:
            if block.type == "html_block":
                return self._html(line, codes)
            return [self._inline_before(line, codes)], None
        return [self._above(line, codes, self._line_prefix(line))], None

    def _container_prefix(self, line: int) -> str:
        text = self.lines[line]
        quote = _BLOCKQUOTE.match(text)
        head = quote.group() if quote else ""
        return head + self._indent(text[len(head) :])

    def _line_prefix(self, line: int) -> str:
        """Indentation for a comment line above ``line``: inside the same blockquote, and inside
        the previous list item when ``line`` starts an item that is not its list's first."""
        text = self.lines[line]
        quote = _BLOCKQUOTE.match(text)
        head = quote.group() if quote else ""
        rest = text[len(head) :]
        marker = _LIST_MARKER.match(rest)
        if marker is None:
            return head + self._indent(rest)
        item = None
        previous = None
        for token in self.tokens():
            if token.type == "list_item_open" and token.map and token.map[0] == line:
                item = token
                break
            previous = token
        first_item = previous is not None and previous.type in (
            "bullet_list_open",
            "ordered_list_open",
        )
        if item is None or first_item:
            return head + marker.group(1)
        return head + " " * len((marker.group(1) + marker.group(2)).expandtabs(4))

    def _front_matter(self, line: int, codes: set[str]):
        front = self.front
        key = line
        while key > front.first_line + 1 and not _YAML_KEY.match(self.lines[key]):
            key -= 1
        end = key
        while end + 1 < front.last_line and not _YAML_KEY.match(self.lines[end + 1]):
            end += 1
        while end > key and not self.lines[end].strip():
            end -= 1
        saved, self.mdx = self.mdx, False  # YAML comments, never MDX expressions
        try:
            if key == line == end:
                return [self._above(line, codes, "# ")]
            return [
                self._above(key, codes, "# ", "disable", priority=2),
                self._below(end, codes, "# "),
            ]
        finally:
            self.mdx = saved

    def _html(self, line: int, codes: set[str]):
        start = self.index.starts[line] + len(self._indent(self.lines[line]))
        reason = self._html_unsafe(start)
        if reason:
            return [], reason
        return [self._above(line, codes, self._indent(self.lines[line]))], None

    def _html_unsafe(self, offset: int) -> str | None:
        from fitlint.document.templates import mask, template_regions

        regions = template_regions(self.text)
        if any(r.start <= offset < r.end for r in regions):
            return "the line starts inside template code; add the comment by hand"
        masked = mask(self.text, [(r.start, r.end) for r in regions]) if regions else self.text
        before = re.sub(
            r"<!--.*?-->", lambda m: " " * len(m.group()), masked[:offset], flags=re.DOTALL
        )
        if before.rfind("<") > before.rfind(">"):
            return "the line starts inside an HTML tag; add the comment by hand"
        lowered = before.lower()
        for name in _RAW_ELEMENTS:
            opened = len(re.findall(rf"<{name}\b", lowered))
            closed = len(re.findall(rf"</{name}\s*>", lowered))
            if opened > closed:
                return f"the line is inside <{name}>, where a comment would show; add it by hand"
        return None


def _target(document: Document, end: int) -> int:
    index = document.lines
    target = index.line_of(end) + 1
    while target < index.line_count() and not index.line_text(target).strip():
        target += 1
    return target


def add_noqa(
    document: Document,
    diagnostics: Sequence[Diagnostic],
    formats: dict[str, str] | None,
    relint: Callable[[str], list[Diagnostic]],
) -> NoqaResult:
    """The document's text with a suppression for every finding in ``diagnostics``."""
    path = document.path
    reader = reader_for(path.lower(), formats) or "markdown"
    mdx = reader == "markdown" and path.lower().endswith(".mdx")
    index = document.lines
    wanted: dict[int, set[str]] = {}
    for d in diagnostics:
        wanted.setdefault(index.line_of(d.start), set()).add(d.code)
    existing = {
        _target(document, s.end): s
        for s in document.suppressions
        if s.kind == "next-line" and s.codes
    }
    result = NoqaResult(document.text)
    skipped: set[int] = set()  # lines left alone, each with its warning in result.warnings
    for _attempt in range(3):
        planner = _Planner(document, reader, mdx)
        planned: list[tuple[int, int, Edit]] = []
        wraps: dict[tuple[int, int], tuple[int, set[str]]] = {}
        for line, codes in sorted(wanted.items()):
            if line in skipped:
                continue
            old = existing.get(line)
            if old is not None:
                merged = set(old.codes) | codes
                new = comment(merged)  # inside MDX's {/* */} too: only the comment changes
                planned.append((old.start, 1, Edit(old.start, old.end, new)))
                continue
            edits, reason = planner.plan(line, codes)
            if reason:
                result.warnings.append(f"{path}:{line + 1}: not suppressed: {reason}")
                skipped.add(line)
                continue
            if len(edits) == 2:  # a wrapped region (table, front matter value): one per region
                key = (edits[0][2].start, edits[1][2].start)
                previous = wraps.get(key)
                wraps[key] = (line, codes | (previous[1] if previous else set()))
                continue
            planned.extend(edits)
        for line, codes in wraps.values():
            edits, _reason = planner.plan(line, codes)
            planned.extend(edits)
        order = sorted(range(len(planned)), key=lambda i: (planned[i][0], planned[i][1]))
        edits = [planned[i][2] for i in order]
        text = apply_edits(document.text, edits)
        failed = _still_reported(document, text, edits, wanted, skipped, relint)
        if not failed:
            result.text = text
            result.added = len(edits) - sum(1 for e in edits if "fitlint-enable" in e.new_text)
            return result
        for line in sorted(failed):
            result.warnings.append(
                f"{path}:{line + 1}: a comment here did not silence the finding; left as it was"
            )
        skipped |= failed
    result.warnings.append(f"{path}: left unchanged: comments could not silence its findings")
    return result


def _still_reported(document, text, edits, wanted, skipped, relint) -> set[int]:
    """Original lines whose findings the new text still reports."""
    new_index = LineIndex(text)
    remaining: dict[int, set[str]] = {}
    for d in relint(text):
        remaining.setdefault(new_index.line_of(d.start), set()).add(d.code)
    failed = set()
    for line, codes in wanted.items():
        if line in skipped:
            continue
        start = document.lines.starts[line]
        shift = sum(len(e.new_text) - (e.end - e.start) for e in edits if e.end <= start)
        new_line = new_index.line_of(start + shift)
        if remaining.get(new_line, set()) & codes:
            failed.add(line)
    return failed
