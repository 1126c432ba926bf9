"""The review page (``check --format html``): self-contained, every finding highlighted at its
range, nothing injectable; loaded in headless Chromium (tests/chromium.py) with no console error
and no request but the page itself. Screenshots go to artifacts/ (or $FITLINT_ARTIFACTS)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from chromium import Browser, find_chromium
from conftest import REPO, needs_shared, write
from corpus_runs import corpus_copy

from fitlint.cli import main
from fitlint.config import load_config
from fitlint.engine import Linter

ARTIFACTS = Path(os.environ.get("FITLINT_ARTIFACTS") or REPO / "artifacts")
CHROMIUM = find_chromium()
needs_browser = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on PATH (Debian: apt-get install chromium); the review page is tested in a real browser",
)
EVIL_NAME = '<img src=x onerror=alert(1)> & "quotes".md'
EVIL_TEXT = (
    "# Burn belly fat fast</pre></mark><script>alert('title')</script>\n\n"
    "Lose 10 pounds in 3 days <img src=http://127.0.0.1:9/pixel.png onerror=alert(2)> "
    "<link rel=stylesheet href=http://127.0.0.1:9/x.css> &amp; <b>bold</b>\r\n"
    "Studies show <iframe src=http://127.0.0.1:9/></iframe>this works 100% of the time.\r\n"
)


class Page(HTMLParser):
    """What a browser would build from the page: each mark's textContent by id, and every tag
    that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[str, str] = {}
        self.mark_count = 0
        self.open: list[str | None] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "mark":
            ident = attributes.get("id")
            if ident:
                self.mark_count += 1
                self.marks[ident] = ""
            # A continuation of a mark that crosses another adds its words to that mark's text.
            self.open.append(ident or attributes.get("data-of"))
        elif tag in self.blocks:
            self._in = tag
            self.blocks[tag].append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()
        elif tag in self.blocks:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.blocks[self._in][-1] += data
        for ident in self.open:
            if ident:
                self.marks[ident] += data


def expected_marks(results) -> dict[str, str]:
    """Mark id → the diagnostic's text, in the order the page numbers files and findings."""
    with_findings = [r for r in results if r.diagnostics]
    return {
        f"d{i}-{k}": d.text
        for i, r in enumerate(with_findings)
        for k, d in enumerate(r.diagnostics)
    }


@pytest.fixture(scope="module")
def real2():
    """The review page of ../shared/corpus/real2 (with --show-excused), and the run's results."""
    root = corpus_copy("real2")
    report = root / "real2-report.html"
    code = main(
        [
            "check",
            str(root / "real2"),
            "--show-excused",
            "--format",
            "html",
            "--output-file",
            str(report),
        ]
    )
    assert code == 1
    config = dataclasses.replace(load_config(root), show_excused=True)
    results = Linter(config).lint_paths([root / "real2"], jobs=1, use_cache=True)  # the run's cache
    return report, results


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium on PATH")
    with tempfile.TemporaryDirectory(prefix="fitlint-chromium-") as profile:
        instance = Browser(CHROMIUM, Path(profile))
        try:
            instance.open_page()
            yield instance
        finally:
            instance.close()


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@needs_shared
def test_page_is_self_contained_and_marks_every_finding(real2):
    report, results = real2
    text = report.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    # Nothing that loads: no external script, style, image, frame or font; one inline block each.
    loading = [
        (tag, a)
        for tag, a in page.tags
        if tag in ("img", "iframe", "link", "object", "embed", "source", "video", "audio")
    ]
    assert loading == []
    assert not [a for _, a in page.tags if "src" in a]
    assert len(page.blocks["script"]) == len(page.blocks["style"]) == 1
    policy = next(
        a["content"]
        for tag, a in page.tags
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy.startswith("default-src 'none';")
    assert f"script-src '{_sha(page.blocks['script'][0])}'" in policy
    assert f"style-src '{_sha(page.blocks['style'][0])}'" in policy
    # One mark per diagnostic, holding exactly its text, and no other.
    expected = expected_marks(results)
    assert len(expected) > 150
    assert page.marks == expected
    assert page.mark_count == len(expected)  # one mark with an id per diagnostic
    excused = sum(1 for r in results for d in r.diagnostics if "excused" in d.extra)
    assert excused and text.count('class="card c') == len(expected)
    assert text.count(' x" id="p') == excused  # excused cards are muted
    assert "Excused, not reported: " in text


@needs_shared
@needs_browser
def test_review_page_in_chromium(real2, browser):
    report, results = real2
    browser.navigate(report.as_uri())
    assert browser.console_errors() == []
    assert browser.requests() == [report.as_uri()]  # the page itself, nothing else
    marks = dict(
        browser.evaluate(
            "Array.from(document.querySelectorAll('mark.hl[id]')).map(m => [m.id, m.textContent + "
            "Array.from(document.querySelectorAll('mark.hl.more')).filter(c => c.dataset.of === m.id)"
            ".map(c => c.textContent).join('')])"
        )
    )
    assert marks == expected_marks(results)
    cards = browser.evaluate("document.querySelectorAll('aside .card').length")
    assert cards == len(marks)
    summary = browser.evaluate("document.getElementById('summary').innerText")
    total = sum(1 for r in results for d in r.diagnostics if "excused" not in d.extra)
    assert f"{total} finding" in browser.evaluate("document.querySelector('.meta').innerText")
    assert (
        "spot-reduction" in summary and "FL101" in summary and "Files with most findings" in summary
    )
    browser.screenshot(ARTIFACTS / "review-real2-summary.png")
    # Keys: j selects the first finding (its card too) and says where it is; k from there wraps.
    browser.press("j")
    selected = browser.evaluate(
        "[document.querySelector('mark.cur').id, document.querySelector('.card.cur').id]"
    )
    assert selected == ["d0-0", "p0-0"]
    assert browser.evaluate("document.getElementById('where').textContent").startswith(
        f"Finding 1 of {len(marks)} ·"
    )
    browser.press("j")
    assert browser.evaluate("document.querySelector('mark.cur').id") == "d0-1"
    browser.screenshot(ARTIFACTS / "review-real2-finding.png")
    browser.press("k")
    browser.press("k")
    last = (
        list(marks)[-1]
        if False
        else browser.evaluate("Array.from(document.querySelectorAll('mark.hl[id]')).pop().id")
    )
    assert browser.evaluate("document.querySelector('mark.cur').id") == last
    # e hides excused matches from the walk; a category button hides its findings.
    browser.press("e")
    assert browser.evaluate("document.body.classList.contains('nox')")
    assert browser.console_errors() == []
    assert (ARTIFACTS / "review-real2-finding.png").stat().st_size > 10_000


@needs_browser
def test_file_names_and_text_cannot_inject(tmp_path, browser):
    root = tmp_path / "site"
    (root / "posts").mkdir(parents=True)
    (root / "posts" / EVIL_NAME).write_bytes(EVIL_TEXT.encode())
    report = tmp_path / "report.html"
    assert (
        main(
            [
                "check",
                str(root),
                "--isolated",
                "--no-cache",
                "--format",
                "html",
                "--output-file",
                str(report),
            ]
        )
        == 1
    )
    text = report.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img" not in text and "<iframe" not in text
    browser.navigate(report.as_uri())
    assert browser.dialogs() == []
    assert browser.requests() == [report.as_uri()]
    assert browser.console_errors() == []
    assert browser.evaluate("document.querySelectorAll('script').length") == 1
    # The file's text is shown as it is, byte for byte (CR LF included), and so is its name.
    assert browser.evaluate("document.querySelector('pre.src').textContent") == EVIL_TEXT
    assert EVIL_NAME in browser.evaluate(
        "document.querySelector('details.file summary').textContent"
    )
    results = Linter(load_config(root, isolated=True)).lint_paths([root])
    assert dict(
        browser.evaluate(
            "Array.from(document.querySelectorAll('mark.hl[id]')).map(m => [m.id, m.textContent])"
        )
    ) == expected_marks(results)


def test_many_files_start_closed_with_an_index(tmp_path, cli):
    for number in range(25):
        write(
            tmp_path / f"post-{number:02}.md",
            f"# Post {number}\n\nBurn belly fat with these moves.\n",
        )
    write(tmp_path / "clean.md", "# Clean\n\nWalk every day.\n")
    result = cli(
        "check",
        ".",
        "--isolated",
        "--no-cache",
        "--format",
        "html",
        "--output-file",
        "report.html",
        cwd=tmp_path,
    )
    assert result.code == 1 and result.out == ""
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert text.count('<details class="file"') == 25 and " open>" not in text  # all closed
    assert len(re.findall(r'<tr data-path="post-\d\d\.md"><td><a href="#f\d+">', text)) == 25
    assert "1 file with no findings" in text and '<li data-path="clean.md">clean.md</li>' in text
    assert "26 files" in text.split("</title>")[0]
