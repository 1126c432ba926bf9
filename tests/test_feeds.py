"""RSS and Atom feeds and WordPress exports: what is read, with exact ranges; other XML is not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fitlint.config import Config
from fitlint.document import parse_document
from fitlint.engine import Linter

WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Lift Notes</title>
  <link>https://example.org</link>
  <item>
    <title>Melt Belly Fat in 7 Days</title>
    <link>https://example.org/melt-belly-fat/</link>
    <content:encoded><![CDATA[<!-- wp:paragraph -->
<p>These crunches burn belly fat fast. Café owners love them.</p>
<!-- /wp:paragraph -->]]></content:encoded>
    <excerpt:encoded><![CDATA[My daily routine.]]></excerpt:encoded>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:postmeta>
      <wp:meta_key><![CDATA[_yoast_wpseo_metadesc]]></wp:meta_key>
      <wp:meta_value><![CDATA[Shrink your waist with this tea.]]></wp:meta_value>
    </wp:postmeta>
    <wp:postmeta>
      <wp:meta_key><![CDATA[_edit_lock]]></wp:meta_key>
      <wp:meta_value><![CDATA[Burn belly fat lock value]]></wp:meta_value>
    </wp:postmeta>
    <wp:comment>
      <wp:comment_content><![CDATA[I lost 2 inches off my thighs in a week!]]></wp:comment_content>
    </wp:comment>
  </item>
  <item>
    <title>belly-fat-before-after</title>
    <content:encoded><![CDATA[Burn belly fat with this wrap]]></content:encoded>
    <wp:post_type><![CDATA[attachment]]></wp:post_type>
  </item>
</channel>
</rss>
"""


def _read(text: str, path: str = "export.xml") -> list[tuple[str, str, str]]:
    document = parse_document(text, path)
    out = []
    for block in document.blocks:
        start, end = block.smap.span(0, len(block.text))
        out.append((block.kind, block.text, text[start:end]))
    return out


def test_a_wordpress_export_s_posts_are_read_with_exact_ranges():
    blocks = _read(WXR)
    assert [(kind, prose) for kind, prose, _ in blocks] == [
        ("heading", "Lift Notes"),
        ("heading", "Melt Belly Fat in 7 Days"),
        ("paragraph", "These crunches burn belly fat fast. Café owners love them."),
        ("paragraph", "My daily routine."),
        ("paragraph", "Shrink your waist with this tea."),
        ("paragraph", "I lost 2 inches off my thighs in a week!"),
    ]
    assert all(prose == source for _, prose, source in blocks)


def test_a_wordpress_export_s_findings_point_at_the_source():
    found = Linter(Config()).lint_text(WXR, "export.xml")
    texts = {d.text for d in found}
    assert {"Melt Belly Fat", "burn belly fat"} <= texts
    assert all(d.text == WXR[d.start : d.end] for d in found)
    # the edit-lock meta value and the attachment are not copy
    lock, attachment = WXR.index("lock value"), WXR.index("belly-fat-before-after")
    assert not any(d.start >= attachment or lock - 30 <= d.start <= lock for d in found)


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><urlset><url><loc>https://x/burn-belly-fat</loc></url></urlset>',
        "<project><description>Burn belly fat fast with these moves</description></project>",
        "<rss><channel",  # not well-formed before anything readable
        '<!DOCTYPE rss [<!ENTITY a "burn belly fat">]><rss><channel><title>&a;</title></channel></rss>',
        "",
    ],
    ids=["sitemap", "build-file", "cut-short", "entity", "empty"],
)
def test_other_xml_gives_no_blocks(text):
    assert _read(text) == []


def test_a_feed_cut_short_is_linted_up_to_the_break_with_a_warning():
    # A truncated or hand-edited export: the posts closed before the break are read, and the
    # rest is reported as not read rather than silently dropped.
    text = (
        "<rss><channel><title>Lift Notes</title>\n"
        "<item><title>Lose 10 pounds in 3 days</title></item>\n"
        "<item><title>Café</title><description>Melt your love handles <b>now</description>\n"
    )
    found = Linter(Config()).lint_text(text, "feed.xml")
    warning = [d for d in found if d.code == "FL001"]
    assert [d.severity.label for d in warning] == ["warning"]
    assert warning[0].message == (
        "File only partly linted: the feed is not well-formed XML past this point (mismatched"
        " tag); nothing from here on was read."
    )
    # The description the break cut short is not read either: the warning stands at its start.
    assert warning[0].start == text.index("<description>")
    assert "Lose 10 pounds in 3 days" in [d.text for d in found]
    assert not any("love handles" in d.text for d in found)


def test_a_feed_broken_before_its_first_post_is_reported_not_passed():
    # An unescaped "&" in the channel's link: nothing readable comes before the break.
    text = "<rss><channel><link>https://x.org/?a=1&b=2</link><title>Burn belly fat fast</title>\n"
    found = Linter(Config()).lint_text(text, "feed.xml")
    assert [d.code for d in found] == ["FL001"]
    assert text.index("&") <= found[0].start <= text.index("</link>")  # where expat stopped


def test_a_well_formed_feed_has_no_partial_read_warning():
    text = "<rss><channel><item><title>Lose 10 pounds in 3 days</title></item></channel></rss>\n"
    assert not [d for d in Linter(Config()).lint_text(text, "feed.xml") if d.code == "FL001"]


def test_atom_and_escaped_html():
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><entry>'
        '<title type="html">Melt belly fat in 7 days</title>'
        '<content type="html"><![CDATA[<p>These moves burn belly fat.</p>]]></content>'
        "</entry></feed>"
    )
    assert [prose for _, prose, _ in _read(atom, "feed.atom")] == [
        "Blog",
        "Melt belly fat in 7 days",
        "These moves burn belly fat.",
    ]
    rss = (
        "<rss><channel><item><title>Post</title><description>&lt;p&gt;Burn belly fat with"
        " this tea&lt;/p&gt;</description></item></channel></rss>"
    )
    blocks = _read(rss, "feed.rss")
    assert blocks[1][1] == "Burn belly fat with this tea"
    assert blocks[1][2] == "Burn belly fat with this tea"


def test_a_title_over_several_crlf_lines_keeps_its_positions():
    text = "<rss>\r\n<channel>\r\n<item>\r\n<title\r\n>Burn belly\r\n fat</title>\r\n</item></channel></rss>"
    assert _read(text) == [("heading", "Burn belly fat", "Burn belly\r\n fat")]


def test_the_cli_lints_a_feed_and_passes_over_other_xml(tmp_path: Path):
    (tmp_path / "export.xml").write_text(WXR, encoding="utf-8")
    (tmp_path / "pom.xml").write_text(
        "<project><description>Burn belly fat fast</description></project>", encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "fitlint", "check", str(tmp_path), "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 1, run.stderr
    reported = {Path(f["path"]).name for f in json.loads(run.stdout) if f["diagnostics"]}
    assert reported == {"export.xml"}


H = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n'
E = "</channel></rss>\n"
CLAIM = "<item><title>Burn belly fat fast with these 5 moves.</title></item>\n"


def _found(text: str, path: str = "feed.xml") -> list[str]:
    return [d.text for d in Linter(Config()).lint_text(text, path)]


@pytest.mark.parametrize(
    "broken",
    [
        "<item><title>A</title><description><![CDATA[<p>Try <code>x = 1]]></description></item>\n",
        "<item><title>A</title><description><![CDATA[<p>Hi <!-- note]]></description></item>\n",
        "<item><title>A</title><description><![CDATA[Use a[b[0]]]]><![CDATA[> in code.]]>"
        "</description></item>\n",
    ],
    ids=["unclosed-code", "unclosed-comment", "split-cdata"],
)
def test_one_post_s_broken_html_does_not_hide_the_next(broken):
    assert "Burn belly fat" in _found(H + broken + CLAIM + E)


def test_an_attribute_holding_a_bracket_or_a_long_value_leaves_the_title_read():
    assert "Burn belly fat" in _found(
        H + '<item><title type="a>b">Burn belly fat fast with these 5 moves.</title></item>\n' + E
    )
    long = H + f'<item><title foo="{"x" * 200_000}">Burn belly fat fast.</title></item>\n' + E
    assert "Burn belly fat" in _found(long)


def test_declared_encodings_and_entity_text_do_not_stop_a_feed():
    assert _found('<?xml version="1.0" encoding="GBK"?>\n<resources><s>hi</s></resources>\n') == []
    utf16 = '<?xml version="1.0" encoding="UTF-16"?>\n<rss><channel>' + CLAIM + "</channel></rss>"
    assert "Burn belly fat" in _found(utf16)
    mention = "<item><description><![CDATA[Never put <!ENTITY in a feed.]]></description></item>\n"
    assert "Burn belly fat" in _found(H + CLAIM + mention + E)


def test_escaped_markup_with_entities_in_attributes_is_markup():
    text = (
        H + '<item><title>P</title><description>&lt;a href="https://x.com/?a=1&amp;amp;b=2"&gt;'
        "Lose 10 kg in one week!&lt;/a&gt;&lt;!-- Burn belly fat fast --&gt;</description></item>\n"
        + E
    )
    assert set(_found(text)) == {"Lose 10 kg in one week"}


def test_social_card_meta_is_not_read():
    text = (
        H + '<item><title>P</title><wp:postmeta xmlns:wp="w"><wp:meta_key>'
        "_yoast_wpseo_opengraph-description</wp:meta_key><wp:meta_value>Burn belly fat fast"
        "</wp:meta_value></wp:postmeta></item>\n" + E
    )
    assert _found(text) == []


def test_xml_in_another_encoding_is_passed_over_in_a_walk(tmp_path: Path):
    (tmp_path / "pom.xml").write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<project><name>Café</name></project>\n'.encode(
            "latin-1"
        )
    )
    (tmp_path / "a.md").write_text("Eat well and sleep.\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "fitlint", "check", str(tmp_path), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
