"""Property-based fuzzing: Markdown-ish text in, no crash and exact positions out.

CI runs a bounded number of examples. A long session (documented in docs/hardening.md):

    FITLINT_FUZZ_EXAMPLES=100000 python -m pytest tests/test_fuzz.py --hypothesis-seed=20261122 -q
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fitlint.config import Config
from fitlint.engine import FileResult, Linter
from fitlint.files import SourceFile
from fitlint.fixes import fix_text
from fitlint.positions import LineIndex
from fitlint.render.json import json_payload

EXAMPLES = int(os.environ.get("FITLINT_FUZZ_EXAMPLES", "60"))
LINTER = Linter(Config())

PHRASES = [
    "Burn belly fat with these 5 moves.",
    "Crunches won't burn belly fat.",
    "Lose 10 lbs in a week!",
    "Studies show 40% of people quit.",
    "Melt your love handles",
    "(Brobakken et al., 2023)",
    "[^1]",
    "[^1]: A source.",
    "doi:10.1519/JSC.0b013e3181fb4a46",
    "**Myth**: spot reduction works",
    "Guaranteed results for everyone.",
    "Research shows [3] it helps.",
    "a 2021 meta-analysis in Sports Medicine found",
    "<!-- fitlint-disable-next-line -->",
    "<!-- fitlint-disable FL101 -->",
    "<!-- fitlint-enable -->",
    "💪🏽🔥",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "Café &amp; crème",
    "\t tabbed \t",
    "`inline code burn belly fat`",
    "[link text](https://example.com/a) and <https://auto.link>",
    "<b>bold</b> <em>html</em>",
    "| cell | burn belly fat |",
    "|---|---|",
    "> quoted burn belly fat",
    "- item",
    "  - nested item",
    "1. numbered",
    "```",
    "    indented code",
    "# Heading",
    "## Flat Tummy Focus",
    "---",
    "+++",
    'title: "Burn Belly Fat"',
    "description: >-",
    "Sip your way to a slimmer waist!",
    "",
]
line = st.one_of(
    st.sampled_from(PHRASES),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)
newline = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(line, max_size=25))
    ends = draw(st.lists(newline, min_size=len(lines), max_size=len(lines)))
    text = "".join(a + b for a, b in zip(lines, ends))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no final newline
    return text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["doc.md", "doc.txt", "doc.mdx"]))
def test_fuzz_positions_and_fixes(text: str, path: str) -> None:
    diagnostics = LINTER.lint_text(text, path)
    index = LineIndex(text)
    for d in diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
        assert d.text == text[d.start : d.end]
    source = SourceFile(path, text.encode("utf-8", "surrogatepass"), text, "utf-8")
    payload = json_payload([FileResult(path, diagnostics, source)])[0]
    for item in payload["diagnostics"]:
        start = item["range"]["start"]
        end = item["range"]["end"]
        begin = index.offset_from_lsp(start["line"], start["character"])
        finish = index.offset_from_lsp(end["line"], end["character"])
        assert text[begin:finish] == item["data"]["text"]
    fixed = fix_text(text, lambda t: LINTER.lint_text(t, path), unsafe=True)
    again = fix_text(fixed.text, lambda t: LINTER.lint_text(t, path), unsafe=True)
    assert again.applied == 0 and again.text == fixed.text
