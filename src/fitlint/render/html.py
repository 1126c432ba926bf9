"""``--format html``: one self-contained review page for the editors who sign copy off.

The page loads nothing: its CSS and script are inline and its Content-Security-Policy allows only
those two blocks, by hash, so the browser refuses anything else (an image, a font, a script that
slipped into the linted text). Links to studies (DOI, PubMed) and rule docs are plain hrefs.

Layout: a summary (counts per category and rule, the files with most findings), an index of
files, then one collapsible section per file with findings: its source text with each finding
highlighted in place (one ``<mark>`` per diagnostic covering exactly its range, nested where
ranges nest) beside a panel of cards (message, rewrites and fixes, evidence, related places).
Excused matches (``--show-excused``) are muted and give the reason. Keys: j/n next finding,
k/p previous, o open or close the file, e show or hide excused matches, ? help.

Everything from the input (text, paths, messages) is escaped; ids are numbers, never file names.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlparse

from fitlint import __version__
from fitlint.diagnostics import Diagnostic, FixSafety, Severity
from fitlint.results import FileResult
from fitlint.positions import LineIndex

# Category colours (background, text accent). Categories from other rule packs take a spare one.
_COLOURS = {
    "spot-reduction": ("#ffd8a8", "#c2410c"),
    "quick-fix": ("#ffc9c9", "#c92a2a"),
    "uncited-statistic": ("#a5d8ff", "#1864ab"),
    "duplicate": ("#d0bfff", "#5f3dc4"),
    "citation": ("#96f2d7", "#087f5b"),
    "input": ("#dee2e6", "#495057"),
    "suppression": ("#dee2e6", "#495057"),
}
_SPARE = [
    ("#ffec99", "#8a6d00"),
    ("#c3fae8", "#0b7285"),
    ("#fcc2d7", "#a61e4d"),
    ("#d8f5a2", "#5c940d"),
]
_FIX_LABEL = {FixSafety.SAFE: "fix", FixSafety.UNSAFE: "unsafe fix", FixSafety.NONE: "rewrite"}
TOP_FILES = 10
OPEN_ALL_UP_TO = 20  # files with findings: up to this many start open, more start closed

_STYLE = """
:root{--fg:#1f2328;--muted:#6e7781;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header.top,main{max-width:110rem;margin:0 auto;padding:0 1.25rem}
header.top{padding-top:1rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
.meta,.keys,.muted{color:var(--muted)}.keys kbd,#help kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 .3em;font-size:.85em;background:var(--panel)}
table{border-collapse:collapse;font-size:.92rem}th,td{border-bottom:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.cats{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.cat{border:1px solid var(--line);border-radius:999px;padding:.2rem .8rem;font:inherit;cursor:pointer;background:var(--panel)}
.cat b{margin-left:.4rem}.cat[aria-pressed=false]{opacity:.45;text-decoration:line-through}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:3px;margin-right:.35em;vertical-align:-.05em}
.overview{display:flex;flex-wrap:wrap;gap:1rem 3rem;align-items:start}.overview h3{margin:0 0 .3rem;font-size:1rem}.overview ol{margin:0;padding-left:1.6rem;overflow-wrap:anywhere}
.tools{display:flex;gap:.5rem;align-items:center;margin:.5rem 0;flex-wrap:wrap}
.tools input{font:inherit;padding:.25rem .5rem;min-width:18rem;border:1px solid var(--line);border-radius:6px}
.tools button{font:inherit;padding:.2rem .7rem;border:1px solid var(--line);border-radius:6px;background:var(--panel);cursor:pointer}
.index-wrap{max-height:24rem;overflow:auto;border:1px solid var(--line);border-radius:6px}
.index-wrap table{width:100%}.index-wrap th{position:sticky;top:0;background:var(--panel)}
details.file{border:1px solid var(--line);border-radius:8px;margin:.8rem 0}
details.file>summary{cursor:pointer;padding:.5rem .8rem;background:var(--panel);border-radius:8px;font-weight:600;overflow-wrap:anywhere}
details.file>summary .counts{font-weight:400;color:var(--muted);margin-left:.5rem}
.body{display:grid;grid-template-columns:minmax(0,1fr) minmax(18rem,28rem);gap:1rem;padding:.8rem}
@media (max-width:60rem){.body{grid-template-columns:1fr}}
pre.src{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;tab-size:4}
mark.hl{color:inherit;border-radius:2px;cursor:pointer;padding:0;border-bottom:2px solid transparent}
mark.hl mark.hl{padding-bottom:1px}
mark.hl.s3,mark.hl.s4{background:none!important;border-bottom-style:dotted}
mark.hl.x{background:none!important;border-bottom:2px dashed #adb5bd}
mark.hl.e:before{content:"\\25B8"}
mark.hl.cur{outline:3px solid #1f6feb;outline-offset:1px}
.panel{position:sticky;top:.5rem;align-self:start;max-height:calc(100vh - 3.5rem);overflow:auto}
.card{border:1px solid var(--line);border-left:5px solid var(--muted);border-radius:6px;padding:.45rem .65rem;margin:0 0 .6rem;font-size:.9rem;background:var(--bg);cursor:pointer}
.card.cur{box-shadow:0 0 0 3px #1f6feb55;border-color:#1f6feb}
.card.x{opacity:.7;border-left-style:dashed;background:var(--panel)}
.card h3{font-size:.9rem;margin:0 0 .2rem;font-weight:600}
.card h3 .sev{font-weight:400;color:var(--muted)}
.card p{margin:.2rem 0}.card ul{margin:.2rem 0;padding-left:1.1rem}
.card .why{color:var(--muted);font-style:italic}
.card .lbl{font-weight:600;color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
.card ins{text-decoration:none;background:#dafbe1;border-radius:3px;padding:0 .15em}
.ev a{overflow-wrap:anywhere}
#evidence li{margin:.3rem 0}
#status{position:fixed;bottom:0;left:0;right:0;background:#24292f;color:#fff;font-size:.85rem;padding:.3rem 1rem;display:flex;gap:1rem;justify-content:space-between}
#status span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
body{padding-bottom:2.5rem}
#help{position:fixed;inset:20% auto auto 50%;transform:translateX(-50%);background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:1rem 1.4rem;box-shadow:0 8px 30px #0003}
.hidden-row{display:none}
mark.hl.off{background:none!important;border-bottom-color:transparent!important;cursor:auto}
body.nox mark.hl.x{border-bottom-color:transparent;cursor:auto}
body.nox .card.x{display:none}
"""

_SCRIPT = """
(function(){
"use strict";
var body=document.body,marks=[],cur=-1;
function visible(m){return !(body.classList.contains("nox")&&m.classList.contains("x"))&&!m.classList.contains("off");}
function refresh(){marks=Array.prototype.slice.call(document.querySelectorAll("mark.hl[id]"));}
function card(m){return document.getElementById("p"+m.id.slice(1));}
function status(text){document.getElementById("where").textContent=text;}
function select(i,scroll){
  if(cur>=0&&marks[cur]){marks[cur].classList.remove("cur");var old=card(marks[cur]);if(old)old.classList.remove("cur");}
  cur=i;var m=marks[i];if(!m)return;
  var file=m.closest("details");if(file&&!file.open)file.open=true;
  m.classList.add("cur");var c=card(m);
  if(c){c.classList.add("cur");var p=c.parentNode;var top=c.offsetTop-p.offsetTop;
    if(top<p.scrollTop||top+c.offsetHeight>p.scrollTop+p.clientHeight)p.scrollTop=top-8;}
  if(scroll)m.scrollIntoView({block:"center"});
  var shown=0,n=0;for(var k=0;k<marks.length;k++){if(visible(marks[k])){n++;if(k<=i)shown=n;}}
  status("Finding "+shown+" of "+n+" \\u00b7 "+(file?file.getAttribute("data-path"):"")+" \\u00b7 "+(c?c.getAttribute("data-label"):""));
}
function step(d){
  if(!marks.length)return;var i=cur<0?(d>0?-1:0):cur;
  for(var t=0;t<marks.length;t++){i=(i+d+marks.length)%marks.length;if(i<0)i=marks.length-1;if(visible(marks[i])){select(i,true);return;}}
}
refresh();
document.addEventListener("click",function(ev){
  var t=ev.target;
  var m=t.closest?t.closest("mark.hl"):null;
  if(m&&m.dataset.of)m=document.getElementById(m.dataset.of);
  if(m){select(marks.indexOf(m),false);return;}
  var c=t.closest?t.closest(".card"):null;
  if(c&&!t.closest("a")){var mk=document.getElementById("d"+c.id.slice(1));if(mk)select(marks.indexOf(mk),true);return;}
  var b=t.closest?t.closest("button[data-cat]"):null;
  if(b){var on=b.getAttribute("aria-pressed")!=="false";b.setAttribute("aria-pressed",on?"false":"true");
    var cls=b.getAttribute("data-cat");
    document.querySelectorAll("mark.hl."+cls+",.card."+cls).forEach(function(e){e.classList.toggle("off",on);if(e.classList.contains("card"))e.hidden=on;});return;}
  if(t.id==="openall"||t.id==="closeall"){var open=t.id==="openall";
    document.querySelectorAll("details.file").forEach(function(d){if(!d.hidden)d.open=open;});}
});
var filter=document.getElementById("filter");
if(filter)filter.addEventListener("input",function(){
  var q=filter.value.toLowerCase();
  document.querySelectorAll("[data-path]").forEach(function(e){
    var hit=e.getAttribute("data-path").toLowerCase().indexOf(q)>=0;
    if(e.tagName==="TR")e.classList.toggle("hidden-row",!hit);else e.hidden=!hit;});
});
document.addEventListener("keydown",function(ev){
  if(ev.ctrlKey||ev.metaKey||ev.altKey)return;
  var t=ev.target;if(t&&(t.tagName==="INPUT"||t.tagName==="TEXTAREA"||t.isContentEditable))return;
  var k=ev.key,help=document.getElementById("help");
  if(k==="j"||k==="n")step(1);
  else if(k==="k"||k==="p")step(-1);
  else if(k==="o"&&cur>=0){var d=marks[cur].closest("details");if(d)d.open=!d.open;}
  else if(k==="e"){body.classList.toggle("nox");}
  else if(k==="?")help.hidden=!help.hidden;
  else if(k==="Escape")help.hidden=true;
  else return;
  ev.preventDefault();
});
})();
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode(
        "ascii"
    )


def esc(text: str) -> str:
    """Escaped for HTML text and quoted attributes. CR is written as a reference: the parser
    would turn a raw CR LF into LF and the page's text would no longer be the file's."""
    return html.escape(text, quote=True).replace("\r", "&#13;")


def safe_href(url: str | None) -> str | None:
    """An http(s) URL for an href, or None: no javascript:, data: or relative links."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    return url.strip()


def doi_href(doi: str) -> str:
    return "https://doi.org/" + quote(doi.strip(), safe="/:;()._-<>[]")


def pmid_href(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{quote(pmid.strip(), safe='')}/"


class _Categories:
    """Category → CSS class (c0, c1, …) and colours, in first-seen order."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}

    def cls(self, category: str) -> str:
        if category not in self.order:
            self.order[category] = len(self.order)
        return f"c{self.order[category]}"

    def colours(self, category: str) -> tuple[str, str]:
        if category in _COLOURS:
            return _COLOURS[category]
        spare = [c for c in self.order if c not in _COLOURS]
        return _SPARE[spare.index(category) % len(_SPARE)]

    def css(self) -> str:
        rules = []
        for category, number in self.order.items():
            background, accent = self.colours(category)
            rules.append(
                f"mark.hl.c{number}{{background:{background};border-bottom-color:{accent}}}"
                f".card.c{number}{{border-left-color:{accent}}}.sw{number}{{background:{background};border:1px solid {accent}}}"
            )
        return "\n".join(rules)


def _is_excused(d: Diagnostic) -> bool:
    return "excused" in d.extra


def _highlighted(
    text: str, diagnostics: Sequence[Diagnostic], ids: Sequence[str], classes: Sequence[str]
) -> str:
    """The text with one ``<mark>`` per diagnostic around exactly its range, nested where ranges
    nest. A range that crosses the end of an open mark (two rules' spans overlapping in part,
    rare) is cut there and goes on in a mark of class ``more`` without an id."""
    import heapq

    length = len(text)
    heap: list[tuple[int, int, int, int, str]] = []  # (start, -end, order, end, opening tag)
    for i, d in enumerate(diagnostics):
        start = max(0, min(d.start, length))
        end = max(start, min(d.end, length))
        empty = " e" if start == end else ""
        heap.append((start, -end, i, end, f'<mark class="hl{empty} {classes[i]}" id="{ids[i]}">'))
    heapq.heapify(heap)
    out: list[str] = []
    position = 0
    stack: list[tuple[int, str]] = []  # (end, opening tag) of the open marks, innermost last
    order = len(heap)

    def advance(offset: int) -> None:
        nonlocal position
        if offset > position:
            out.append(esc(text[position:offset]))
            position = offset

    def later(start: int, end: int, tag: str) -> None:
        nonlocal order
        if " more " in tag:
            more = tag
        else:
            # A continuation names the mark it continues, so the finding's words can be joined.
            head, _, rest = tag.partition(' id="')
            ident = rest.split('"')[0]
            more = head.replace('class="hl', 'class="hl more', 1) + f' data-of="{ident}">'
        heapq.heappush(heap, (start, -end, order, end, more))
        order += 1

    while heap:
        start, _, _, end, tag = heapq.heappop(heap)
        while stack and stack[-1][0] <= start:
            advance(stack.pop()[0])
            out.append("</mark>")
        advance(start)
        # A continuation in the way of a diagnostic's own mark gives way: it stops here and
        # goes on inside the new mark.
        while stack and stack[-1][0] < end and " more " in stack[-1][1] and " more " not in tag:
            closed_end, closed_tag = stack.pop()
            out.append("</mark>")
            later(start, closed_end, closed_tag)
        if stack and stack[-1][0] < end:
            later(stack[-1][0], end, tag)
            end = stack[-1][0]
        out.append(tag)
        if end == start:
            out.append("</mark>")
        else:
            stack.append((end, tag))
    while stack:
        advance(stack.pop()[0])
        out.append("</mark>")
    advance(length)
    return "".join(out)


def _source_links(ref: Any, url_label: str | None) -> list[str]:
    """DOI and PubMed links of an evidence record; its URL when it has neither (shown as
    ``url_label``, or as itself)."""
    links = []
    if ref.doi:
        links.append(f'<a href="{esc(doi_href(ref.doi))}">doi:{esc(ref.doi)}</a>')
    if ref.pmid:
        links.append(f'<a href="{esc(pmid_href(ref.pmid))}">PMID {esc(ref.pmid)}</a>')
    url = safe_href(ref.url)
    if url and not ref.doi and not ref.pmid:
        links.append(f'<a href="{esc(url)}">{esc(url_label or url)}</a>')
    return links


def _evidence_items(d: Diagnostic, known: dict[str, Any]) -> str:
    items = []
    for ref in d.evidence:
        entry = known.get(ref.id)
        label = getattr(entry, "short", None) or ref.citation.split(".")[0]
        links = [f'<a href="#ev-{esc(ref.id)}">{esc(label)}</a>', *_source_links(ref, "source")]
        status = (
            f' <span class="muted">({esc(ref.status)})</span>'
            if ref.status and ref.status != "verified"
            else ""
        )
        items.append(f"<li>{' · '.join(links)}{status}</li>")
    return f'<p class="lbl">Evidence</p><ul class="ev">{"".join(items)}</ul>' if items else ""


def _card(
    d: Diagnostic,
    ident: str,
    cls: str,
    index: LineIndex,
    anchors: dict[tuple[str, int], str],
    known: dict[str, Any],
) -> str:
    line, column = index.position(d.start)
    excused = _is_excused(d)
    label = f"{d.code} {d.rule} · line {line + 1}"
    parts = [
        f'<article class="card {cls}{" x" if excused else ""}" id="p{ident[1:]}" data-label="{esc(label)}">',
        f'<h3><a href="#{ident}">{line + 1}:{column + 1}</a> {esc(d.code)} ',
    ]
    docs = safe_href(d.docs_url)
    parts.append(f'<a href="{esc(docs)}">{esc(d.rule)}</a>' if docs else esc(d.rule))
    parts.append(f' <span class="sev">{esc(d.severity.label)} · {esc(d.category)}</span></h3>')
    if excused:
        reason = str(d.extra.get("excused", ""))
        from fitlint.rules.matching import EXCUSE_WORDS

        parts.append(
            f'<p class="why">Excused, not reported: {esc(EXCUSE_WORDS.get(reason, reason))}</p>'
        )
        message = d.message
        prefix = "Not reported ("
        if message.startswith(prefix) and "): " in message:
            message = message.split("): ", 1)[1]
        parts.append(f'<p class="muted">{esc(message)}</p>')
    else:
        parts.append(f"<p>{esc(d.message)}</p>")
    if d.suggestions:
        items = []
        for suggestion in d.suggestions:
            label_text = _FIX_LABEL[suggestion.fix]
            item = f'<span class="lbl">{label_text}</span> {esc(suggestion.text)}'
            if suggestion.edits:
                replacement = suggestion.edits[0].new_text
                item += f" <ins>{esc(replacement)}</ins>" if replacement else " <ins>(remove)</ins>"
            items.append(f"<li>{item}</li>")
        parts.append(f'<ul class="sg">{"".join(items)}</ul>')
    parts.append(_evidence_items(d, known))
    if d.related:
        items = []
        for item in d.related:
            where_index = index if item.source is None else LineIndex(item.source)
            rline, rcol = where_index.position(min(item.start, len(where_index.text)))
            place = f"{item.path}:{rline + 1}:{rcol + 1}"
            target = anchors.get((item.path, item.start))
            shown = f'<a href="#{target}">{esc(place)}</a>' if target else esc(place)
            items.append(f"<li>{shown}: {esc(item.message)}</li>")
        parts.append(f'<p class="lbl">Related</p><ul>{"".join(items)}</ul>')
    parts.append("</article>")
    return "".join(parts)


def render_html(
    results: Sequence[FileResult],
    rules: dict[str, Any] | None = None,
    ruleset: Any = None,
    baselined: int = 0,
    **_: object,
) -> str:
    known = dict(getattr(ruleset, "evidence", {}) or {})
    categories = _Categories()
    for category in _COLOURS:
        categories.cls(category)  # fixed classes for the built-in categories
    with_findings = [r for r in results if r.diagnostics]
    clean = [r for r in results if not r.diagnostics]
    severities: Counter[Severity] = Counter()
    per_category: Counter[str] = Counter()
    per_rule: Counter[str] = Counter()
    excused_per_rule: Counter[str] = Counter()
    names: dict[str, tuple[str, str, str | None]] = {}
    per_file: list[tuple[int, int, FileResult]] = []
    cited_evidence: dict[str, Any] = {}
    for number, result in enumerate(with_findings):
        findings = 0
        for d in result.diagnostics:
            names.setdefault(d.code, (d.rule, d.category, d.docs_url))
            categories.cls(d.category)
            for ref in d.evidence:
                cited_evidence.setdefault(ref.id, ref)
            if _is_excused(d):
                excused_per_rule[d.code] += 1
                continue
            findings += 1
            severities[d.severity] += 1
            per_category[d.category] += 1
            per_rule[d.code] += 1
        per_file.append((findings, number, result))
    total = sum(per_category.values())
    excused_total = sum(excused_per_rule.values())

    # Anchors of every diagnostic, for related links between findings (cross-file copies).
    ids: list[list[str]] = []
    anchors: dict[tuple[str, int], str] = {}
    for number, result in enumerate(with_findings):
        row = [f"d{number}-{k}" for k in range(len(result.diagnostics))]
        ids.append(row)
        for d, ident in zip(result.diagnostics, row):
            anchors.setdefault((d.path, d.start), ident)

    body: list[str] = []
    files_word = "file" if len(results) == 1 else "files"
    headline = f"{total} finding{'s' if total != 1 else ''} in {sum(1 for f, _, _ in per_file if f)} of {len(results)} {files_word}"
    severity_text = ", ".join(
        f"{count} {severity.label}{'s' if count != 1 and severity is not Severity.INFO else ''}"
        for severity, count in sorted(severities.items())
        if count
    )
    meta = [headline + (f" ({severity_text})" if severity_text else "")]
    if excused_total:
        meta.append(
            f"{excused_total} excused match{'es' if excused_total != 1 else ''} shown muted"
        )
    if baselined:
        meta.append(f"{baselined} finding{'s' if baselined != 1 else ''} hidden by the baseline")
    meta.append(f"fitlint {esc(__version__)}")
    body.append('<header class="top"><h1>fitlint review</h1>')
    body.append(f'<p class="meta">{esc(" · ".join(meta[:-1]))} · {meta[-1]}</p>')
    body.append(
        '<p class="keys"><kbd>j</kbd>/<kbd>n</kbd> next finding · <kbd>k</kbd>/<kbd>p</kbd> previous · '
        "<kbd>o</kbd> open or close the file · <kbd>e</kbd> show or hide excused matches · <kbd>?</kbd> help · "
        "click a highlight or a card to select it</p></header><main>"
    )

    # -- summary
    body.append('<section id="summary"><h2>Summary</h2><div class="cats">')
    for category, _number in categories.order.items():
        count = per_category.get(category, 0)
        excused = sum(
            excused_per_rule[code] for code, (_, cat, _) in names.items() if cat == category
        )
        if not count and not excused:
            continue
        cls = categories.cls(category)
        title = f"{count} finding{'s' if count != 1 else ''}" + (
            f", {excused} excused" if excused else ""
        )
        body.append(
            f'<button class="cat" type="button" data-cat="{cls}" aria-pressed="true" title="{esc(title)} (click to hide or show)">'
            f'<span class="swatch sw{cls[1:]}"></span>{esc(category)}<b>{count}</b></button>'
        )
    body.append("</div>")
    if names:
        body.append('<div class="overview"><div>')
        body.append(
            '<table class="rules"><thead><tr><th>Code</th><th>Rule</th><th>Category</th>'
            '<th class="n">Findings</th><th class="n">Excused</th></tr></thead><tbody>'
        )
        for code in sorted(names, key=lambda c: (-per_rule[c], c)):
            rule, category, docs = names[code]
            href = safe_href(docs)
            name = f'<a href="{esc(href)}">{esc(rule)}</a>' if href else esc(rule)
            cls = categories.cls(category)
            body.append(
                f'<tr><td>{esc(code)}</td><td>{name}</td><td><span class="swatch sw{cls[1:]}"></span>{esc(category)}</td>'
                f'<td class="n">{per_rule[code]}</td><td class="n">{excused_per_rule[code] or ""}</td></tr>'
            )
        body.append("</tbody></table></div><div>")
        top = sorted((f for f in per_file if f[0]), key=lambda item: (-item[0], item[2].path))[
            :TOP_FILES
        ]
        if top:
            body.append("<h3>Files with most findings</h3><ol>")
            for findings, number, result in top:
                body.append(
                    f'<li><a href="#f{number}">{esc(result.path)}</a> <span class="muted">{findings}</span></li>'
                )
            body.append("</ol>")
        body.append("</div></div>")
    body.append("</section>")

    # -- index
    shown_categories = [c for c in categories.order if per_category.get(c)]
    body.append(
        f'<section id="index"><h2>Files ({len(results)})</h2><div class="tools">'
        '<input id="filter" type="search" placeholder="Filter files by path" aria-label="Filter files by path">'
        '<button id="openall" type="button">Open all</button><button id="closeall" type="button">Close all</button></div>'
    )
    if with_findings:
        body.append(
            '<div class="index-wrap"><table><thead><tr><th>File</th><th class="n">Findings</th>'
        )
        for category in shown_categories:
            body.append(
                f'<th class="n" title="{esc(category)}"><span class="swatch sw{categories.cls(category)[1:]}"></span></th>'
            )
        body.append('<th class="n">Excused</th></tr></thead><tbody>')
        for findings, number, result in per_file:
            counts = Counter(d.category for d in result.diagnostics if not _is_excused(d))
            excused = sum(1 for d in result.diagnostics if _is_excused(d))
            cells = "".join(f'<td class="n">{counts.get(c) or ""}</td>' for c in shown_categories)
            body.append(
                f'<tr data-path="{esc(result.path)}"><td><a href="#f{number}">{esc(result.path)}</a></td>'
                f'<td class="n">{findings}</td>{cells}<td class="n">{excused or ""}</td></tr>'
            )
        body.append("</tbody></table></div>")
    if clean:
        body.append(
            f'<details><summary>{len(clean)} file{"s" if len(clean) != 1 else ""} with no findings</summary><ul>'
        )
        body.extend(f'<li data-path="{esc(r.path)}">{esc(r.path)}</li>' for r in clean)
        body.append("</ul></details>")
    body.append("</section>")

    # -- files
    body.append('<section id="files"><h2>Findings by file</h2>')
    start_open = len(with_findings) <= OPEN_ALL_UP_TO
    for number, result in enumerate(with_findings):
        diagnostics = result.diagnostics
        text = result.source.text if result.source is not None else ""
        index = LineIndex(text)
        classes = [
            categories.cls(d.category) + f" s{int(d.severity)}" + (" x" if _is_excused(d) else "")
            for d in diagnostics
        ]
        findings = sum(1 for d in diagnostics if not _is_excused(d))
        excused = len(diagnostics) - findings
        counts = f"{findings} finding{'s' if findings != 1 else ''}" + (
            f", {excused} excused" if excused else ""
        )
        body.append(
            f'<details class="file" id="f{number}" data-path="{esc(result.path)}"{" open" if start_open else ""}>'
            f'<summary>{esc(result.path)}<span class="counts">{counts}</span></summary><div class="body">'
        )
        if result.source is not None:
            # The newline after <pre> is dropped by the parser; the file's own first one stays.
            body.append(
                f'<pre class="src">\n{_highlighted(text, diagnostics, ids[number], classes)}</pre>'
            )
        else:
            body.append(f'<p class="muted">{esc(result.error or "not read")}</p>')
        body.append('<aside class="panel">')
        body.extend(
            _card(d, ident, categories.cls(d.category), index, anchors, known)
            for d, ident in zip(diagnostics, ids[number])
        )
        body.append("</aside></div></details>")
    body.append("</section>")

    # -- evidence
    if cited_evidence:
        body.append('<section id="evidence"><h2>Evidence cited</h2><ul>')
        for key in sorted(cited_evidence):
            ref = cited_evidence[key]
            entry = known.get(key)
            links = _source_links(ref, None)
            finding = getattr(entry, "finding", None)
            body.append(
                f'<li id="ev-{esc(key)}">{esc(ref.citation)} {" · ".join(links)} <span class="muted">({esc(ref.status)})</span>'
                + (f'<br><span class="muted">{esc(finding)}</span>' if finding else "")
                + "</li>"
            )
        body.append("</ul></section>")
    body.append("</main>")
    body.append(
        '<div id="status"><span id="where">Press j for the first finding.</span><span>? for keys</span></div>'
    )
    body.append(
        '<div id="help" hidden role="dialog" aria-label="Keys"><h2>Keys</h2><p><kbd>j</kbd> or <kbd>n</kbd>: next finding<br>'
        "<kbd>k</kbd> or <kbd>p</kbd>: previous finding<br><kbd>o</kbd>: open or close the current file<br>"
        "<kbd>e</kbd>: show or hide excused matches<br><kbd>?</kbd>: this help; <kbd>Esc</kbd> closes it</p>"
        "<p>Click a category above to hide or show its findings.</p></div>"
    )

    style = _STYLE + categories.css() + "\n"
    policy = (
        f"default-src 'none'; style-src '{_sha256(style)}'; script-src '{_sha256(_SCRIPT)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    title = f"fitlint review: {headline}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{style}</style>\n"
        "</head><body>\n" + "\n".join(body) + f"\n<script>{_SCRIPT}</script>\n</body></html>\n"
    )
