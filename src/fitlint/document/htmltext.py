"""Visible text inside raw HTML blocks (rendered copy, so it is linted); comments and scripts skipped."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from fitlint.document.inline import ProseBuilder

# Tags that end a run of prose: text on either side belongs to different blocks.
_BREAKING = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol td th tr table section article header footer blockquote "
    "br hr dd dt dl figure figcaption aside nav main form option".split()
)
_INVISIBLE = frozenset({"script", "style", "template", "noscript"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Collector(HTMLParser):
    def __init__(self, text: str, base: int, line_starts_local: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self.base = base
        self.local_starts = line_starts_local
        self.runs: list[tuple[ProseBuilder, str]] = []
        self.builder = ProseBuilder()
        self.kind = "html"
        self.hidden = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.local_starts[line - 1] + column

    def _flush(self) -> None:
        if self.builder.text().strip():
            self.runs.append((self.builder, self.kind))
        self.builder = ProseBuilder()
        self.kind = "html"

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _INVISIBLE:
            self.hidden += 1
        if tag in _BREAKING:
            self._flush()
            if tag in _HEADINGS:
                self.kind = "heading"

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BREAKING:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE and self.hidden:
            self.hidden -= 1
        if tag in _BREAKING:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        start = self._offset()
        # Collapse newlines into spaces in the prose but keep a 1:1 map.
        self.builder.add_source_run(data.replace("\r", " ").replace("\n", " "), self.base + start)

    def _entity(self, raw: str) -> None:
        if self.hidden:
            return
        start = self._offset()
        decoded = html.unescape(raw)
        if decoded == raw:
            self.builder.add_source_run(raw, self.base + start)
        else:
            self.builder.add_mapped(decoded, self.base + start, len(raw))

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")


def html_prose(block_text: str, base: int) -> list[tuple[ProseBuilder, str]]:
    """Prose runs (builder, kind) from an HTML block starting at source offset ``base``."""
    local_starts = [0]
    for index, char in enumerate(block_text):
        if char == "\n":
            local_starts.append(index + 1)
    collector = _Collector(block_text, base, local_starts)
    try:
        collector.feed(block_text)
        collector.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; never let markup stop a lint run
        pass
    collector._flush()
    return collector.runs
