"""HTML pages, templates and scripts: what is read as prose, exact ranges, suppressions, fixes,
the ``formats`` setting, ``--show-files`` and the skipped-files summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, write

from fitlint.config import Config
from fitlint.document import parse_document
from fitlint.document.formats import reader_for
from fitlint.engine import Linter

FORMATS = FIXTURES / "formats"
MAPPED = {
    "php": "html",
    "blade.php": "html",
    "liquid": "html",
    "astro": "html",
    "erb": "html",
    "twig": "html",
    "hbs": "html",
    "vue": "html",
    "tsx": "jsx",
    "jsx": "jsx",
    "js": "jsx",
}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(root=FORMATS, formats=MAPPED))


def _found(linter: Linter, name: str, text: str | None = None) -> list[tuple[str, str]]:
    """(code, exact source slice) of every diagnostic, in order."""
    text = (FORMATS / name).read_text(encoding="utf-8") if text is None else text
    diagnostics = linter.lint_text(text, str(FORMATS / name))
    for d in diagnostics:
        assert d.text == text[d.start : d.end]
    return [(d.code, text[d.start : d.end]) for d in diagnostics]


def _code_strings(text: str, path: str) -> list[str]:
    """The prose of every string read from template code."""
    return [prose for kind, prose, _ in _blocks(text, path) if kind == "attribute:string"]


def _blocks(text: str, path: str, **kwargs) -> list[tuple[str, str, str]]:
    """(kind, prose, source slice) of every block."""
    document = parse_document(text, path, formats=MAPPED, **kwargs)
    out = []
    for block in document.blocks:
        start, end = block.smap.span(0, len(block.text))
        out.append(
            (block.kind + (f":{block.key}" if block.key else ""), block.text, text[start:end])
        )
    return out


# -- the acceptance page -------------------------------------------------------------------------
def test_title_meta_description_and_php_paragraph_are_flagged_but_not_json_ld(linter):
    # Four promises: <title>, meta description, a <p> with PHP echoes inside the sentence, and
    # JSON-LD (not visible copy). Exactly three diagnostics, each slicing to the promise.
    assert _found(linter, "acceptance.php") == [
        ("FL101", "Burn Belly Fat"),
        ("FL101", "Burn belly fat"),
        ("FL101", "Burn belly fat"),
    ]
    text = (FORMATS / "acceptance.php").read_text(encoding="utf-8")
    lines = [linter.lint_text(text, "acceptance.php")[i].start for i in range(3)]
    assert [text.count("\n", 0, start) + 1 for start in lines] == [6, 7, 16]


def test_template_echo_inside_a_sentence_keeps_one_sentence_and_an_exact_range(linter):
    found = _found(linter, "lander.php")
    # The rate claim runs across the echo: its range covers the tag, byte for byte.
    assert ("FL204", "Lose 10 lbs <?= $when ?> in a week") in found
    blocks = _blocks((FORMATS / "lander.php").read_text(encoding="utf-8"), "lander.php")
    assert (
        "paragraph",
        "Lose 10 lbs in a week with the Reset.",
        "Lose 10 lbs <?= $when ?> in a week with the <?= $city ?> Reset.",
    ) in blocks
    assert ("heading", "Hi , your plan is ready", "Hi <?= $name ?>, your plan is ready") in blocks
    # PHP code before the page (the GET handling) is never prose.
    assert not any("isset" in prose or "Leeds" in prose for _, prose, _ in blocks)


# -- Jekyll page ---------------------------------------------------------------------------------
def test_jekyll_page_front_matter_entities_links_and_scripts(linter):
    text = (FORMATS / "jekyll-page.html").read_text(encoding="utf-8")
    found = _found(linter, "jekyll-page.html")
    assert found == [
        ("FL101", "Melt your love handles"),  # front matter title
        ("FL401", "Members of our club burn 45% more fat in a month."),  # uncited
    ]
    # The 39% figure is cited by its link to a study: remove the link and it is reported.
    unlinked = text.replace(
        '<a href="https://doi.org/10.1000/example.2019.001">Ortiz &amp; Lee, 2019</a>',
        "a small trial",
    )
    assert (
        "FL401",
        "In one trial, adults who trained three times a week burned 39% more fat than those who didn&apos;t\n     (a small trial).",
    ) in _found(linter, "jekyll-page.html", unlinked)
    blocks = _blocks(text, "jekyll-page.html")
    kinds = [kind for kind, _, _ in blocks]
    assert kinds == [
        "front_matter:title",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "list_item",
        "list_item",
        "attribute:alt",
        "paragraph",
        "paragraph",
    ]
    by_prose = {prose: source for _, prose, source in blocks}
    # Liquid is masked, entities decoded, and each maps back to its source characters.
    assert "Posted by" in by_prose
    assert (
        by_prose["Keep your hips level — don’t let them sag."]
        == "Keep your hips level &mdash; don&rsquo;t let them sag."
    )
    assert by_prose["Plank, 3 sets of 30\xa0seconds"] == "Plank, 3 sets of 30&nbsp;seconds"
    assert "It won’t melt fat from one spot" in next(
        p for p in by_prose if p.startswith("Core training")
    )
    # The script's string is not prose.
    assert not any(
        "var promo" in prose or prose.startswith('Burn belly fat with these 5 moves"')
        for prose in by_prose
    )


def test_links_and_sections_are_recorded_like_markdown():
    text = (FORMATS / "jekyll-page.html").read_text(encoding="utf-8")
    document = parse_document(text, "page.html")
    cited = next(b for b in document.blocks if b.text.startswith("In one trial"))
    (link,) = cited.links
    assert cited.text[link.prose_start : link.prose_end] == "Ortiz & Lee, 2019"
    assert link.href == "https://doi.org/10.1000/example.2019.001"
    headings = [
        (b.text, b.section, b.heading_level) for b in document.blocks if b.kind == "heading"
    ]
    assert headings == [("Why core work matters", 0, 2), ("The plan", 1, 2)]
    assert {b.section for b in document.blocks if b.kind == "list_item"} == {1}


# -- WordPress and Blade templates ---------------------------------------------------------------
def test_wordpress_template_metadata_variables_are_front_matter(linter):
    text = (FORMATS / "page-template.php").read_text(encoding="utf-8")
    blocks = _blocks(text, "page-template.php")
    assert blocks[:2] == [
        ("front_matter:title", "Summer Shred: the 6-week plan", "Summer Shred: the 6-week plan"),
        (
            "front_matter:description",
            "Melt your love handles in six weeks. It's the plan our coaches use.",
            "Melt your love handles in six weeks. It\\'s the plan our coaches use.",
        ),
    ]
    proses = [prose for _, prose, _ in blocks]
    assert "Burn belly fat with these 5 moves" not in proses  # og_title: a social card, skipped
    assert "Three coached sessions a week at" in proses
    assert not any("the_title" in p or "have_posts" in p or "Template Name" in p for p in proses)
    assert _found(linter, "page-template.php") == [
        ("FL101", "Melt your love handles"),
        ("FL202", "Melt your love handles in six weeks"),  # a body part's fat by a date
    ]


def test_blade_view_extends_metadata_directives_and_echoes(linter):
    text = (FORMATS / "challenge.blade.php").read_text(encoding="utf-8")
    blocks = _blocks(text, "challenge.blade.php")
    assert blocks[0] == (
        "front_matter:title",
        "7 Day Flat Tummy Challenge",
        "7 Day Flat Tummy Challenge",
    )
    assert blocks[1][:2] == (
        "front_matter:description",
        "Melt your love handles in 7 days — it's the challenge everyone's talking about.",
    )
    assert (
        blocks[1][2]
        == "Melt your love handles in 7 days &mdash; it\\'s the challenge everyone\\'s talking about."
    )
    proses = [prose for _, prose, _ in blocks]
    assert "Welcome back, ! Burn belly fat with these 5 moves." in proses
    assert "Questions? Email hello@example.com any time." in proses  # an address, not a directive
    assert "Your email address" in proses  # placeholder
    assert not any("@" in p and "example.com" not in p for p in proses)
    assert not any("content" == p or "csrf" in p or "partials" in p for p in proses)
    kinds = {prose: kind for kind, prose, _ in blocks}
    assert kinds["Start the challenge"] == "control"
    found = _found(linter, "challenge.blade.php")
    assert ("FL105", "Flat Tummy") in found
    assert ("FL101", "Melt your love handles") in found
    assert ("FL101", "Burn belly fat") in found


# -- TSX -----------------------------------------------------------------------------------------
def test_tsx_page_metadata_jsx_text_and_alt_but_no_code(linter):
    found = _found(linter, "next-app/page.tsx")
    assert found == [
        ("FL101", "Burn Belly Fat"),  # export const metadata = {title: …}
        ("FL101", "melt your love handles"),  # JSX text around {user.name}
        ("FL101", "Burn belly fat"),  # alt text
    ]
    text = (FORMATS / "next-app/page.tsx").read_text(encoding="utf-8")
    blocks = _blocks(text, "page.tsx")
    proses = [prose for _, prose, _ in blocks]
    assert "Hi , melt your love handles with these 5 moves and a plan that fits." in proses
    assert not any("burn-belly-fat" in p or "burnBellyFat" in p or "styles" in p for p in proses)
    cited = next(
        b
        for b in parse_document(text, "page.tsx", formats=MAPPED).blocks
        if b.text.startswith("A review")
    )
    assert [(cited.text[link.prose_start : link.prose_end], link.href) for link in cited.links] == [
        ("(Ruiz, 2020)", "https://doi.org/10.1000/example.2020.013")
    ]


def test_jsx_html_in_template_literals_and_inner_html_is_prose():
    text = (
        'import x from "./burn-belly-fat";\n'
        "const post = { content: `<h2>Week one</h2><p>Lose 10 lbs ${when} in a week.</p>` };\n"
        'const Box = () => <div dangerouslySetInnerHTML={{ __html: "<p>Melt your love handles</p>" }} />;\n'
        "const Card = () => <Card><CardTitle>One</CardTitle><CardBody>Two</CardBody></Card>;\n"
    )
    blocks = _blocks(text, "post.js")
    assert blocks == [
        ("heading", "Week one", "Week one"),
        ("paragraph", "Lose 10 lbs in a week.", "Lose 10 lbs ${when} in a week."),
        ("paragraph", "Melt your love handles", "Melt your love handles"),
        ("paragraph", "One", "One"),
        ("paragraph", "Two", "Two"),
    ]


def test_a_translation_lookup_s_default_text_is_copy(linter):
    """An app's screens ask a translation function for their copy and pass the text shown until a
    translation exists: t("key", "text"), i18n.t, __(). The text is read; keys and other calls'
    strings are not."""
    text = (
        "export const steps = [\n"
        '  { title: t("arms.title", "Arms on your hit list?"),\n'
        '    body: t("arms.body", "Our ten-minute circuit melts the wobble off your arms for summer.") },\n'
        '  { body: i18n.t("proof.body", "Members say this is the easiest plan they have followed.") },\n'
        "];\n"
        'track("onboarding step viewed with a long event name");\n'
    )
    proses = [prose for kind, prose, _ in _blocks(text, "steps.tsx")]
    assert proses == [
        "Arms on your hit list?",
        "Our ten-minute circuit melts the wobble off your arms for summer.",
        "Members say this is the easiest plan they have followed.",
    ]
    found = linter.lint_text(text, "steps.tsx")
    assert ("FL101", "melts the wobble") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_myth_card_s_myth_is_a_mention_not_a_promise(linter):
    """A myths page keeps its cards as data ({ myth: "…", verdict: "Busted" }, 'misconception' =>
    '…'): the myth is stated to be refuted. A claim under another key is still reported."""
    script = (
        "const myths = [\n"
        '  { myth: "Crunches and leg raises will flatten a paunch.", verdict: "Busted" },\n'
        '  { tip: "Our wrap will flatten your paunch in a fortnight." },\n'
        "];\n"
    )
    php = "<?php $cards = [ ['misconception' => 'Crunches and leg raises will flatten a paunch.'] ]; ?>\n"
    assert [kind for kind, _, _ in _blocks(script, "myths.tsx")] == [
        "attribute:myth",
        "attribute:string",
    ]
    assert [kind for kind, _, _ in _blocks(php, "myths.php")] == ["attribute:myth"]
    spot = [d.text for d in linter.lint_text(script, "myths.tsx") if d.category == "spot-reduction"]
    assert spot == ["flatten your paunch"]
    assert not [d for d in linter.lint_text(php, "myths.php") if d.category == "spot-reduction"]


def test_a_myth_card_s_figure_is_not_an_uncited_statistic(linter):
    """A myth card's figure is the myth the card refutes; a figure in another card is a claim."""
    script = (
        "const myths = [\n"
        '  { myth: "Green coffee capsules boost your metabolism by 30%.", verdict: false },\n'
        '  { tip: "Our capsules boost your metabolism by 30%." },\n'
        "];\n"
    )
    found = [d.text for d in linter.lint_text(script, "myths.tsx") if d.code == "FL401"]
    assert found == ["Our capsules boost your metabolism by 30%."]


def test_a_jsx_component_s_text_props_and_prop_data_are_copy(linter):
    """<Testimonial quote="…" />, <Hero subhead="…" imageAlt="…" /> and the items a prop passes
    (items={[{ icon: "arm", text: "…" }]}) are what the page shows; class names and icons are not."""
    script = (
        "export default function Page() {\n"
        "  return (\n"
        '    <main className="landing">\n'
        '      <Hero subhead="Melt belly fat by the weekend." imageAlt="Our wrap on a tape" />\n'
        '      <Testimonial name="Ana" quote="My waist went from 80 to 71 cm in 3 weeks!" />\n'
        '      <BenefitList items={[{ icon: "arm", text: "Burns the fat off your arms fast" }]} />\n'
        "    </main>\n"
        "  );\n"
        "}\n"
    )
    proses = [prose for _, prose, _ in _blocks(script, "page.tsx")]
    assert proses == [
        "Melt belly fat by the weekend.",
        "Our wrap on a tape",
        "My waist went from 80 to 71 cm in 3 weeks!",
        "Burns the fat off your arms fast",
    ]
    found = linter.lint_text(script, "page.tsx")
    assert {"Melt belly fat", "Burns the fat off your arms"} <= {d.text for d in found}
    assert all(d.text == script[d.start : d.end] for d in found)


def test_a_myth_component_s_claim_is_stated_to_be_refuted(linter):
    """<Myth title="…"> sets out the claim its body refutes; the same words in a plain card sell."""
    page = (
        '<Myth n={1} title="Waist trainers slim your stomach.">\n'
        "They squeeze you for a few hours; no fat goes anywhere.\n"
        "</Myth>\n\n"
        '<Card text="Our waist trainer will slim your stomach." />\n'
    )
    spot = [d for d in linter.lint_text(page, "myths.mdx") if d.category == "spot-reduction"]
    assert spot and {d.text for d in spot} == {"slim your stomach"}
    assert all(d.start > page.index("<Card") for d in spot)


# -- HTML reading details ------------------------------------------------------------------------
def test_a_stat_badge_s_figure_and_label_are_one_sentence(linter):
    """<StatBadge value="9 of 10" label="…" />: the badge shows the figure over its label, one
    claim; mapped back to both props."""
    text = '<StatBadge value="9 of 10" label="participants see results in the first week" />\n'
    assert [(kind, prose) for kind, prose, _ in _blocks(text, "page.mdx")] == [
        ("attribute:label", "9 of 10 participants see results in the first week")
    ]
    found = [d for d in linter.lint_text(text, "page.mdx") if d.code == "FL401"]
    assert [text[d.start : d.start + 7] for d in found] == ["9 of 10"]
    # The badge's own source cites it; an empty label is no sentence.
    cited = '<StatBadge value="92%" label="of participants lost weight" doi="10.1000/xyz123" />\n'
    assert not [d for d in linter.lint_text(cited, "page.mdx") if d.code == "FL401"]
    assert _blocks('<StatBadge value="92%" label="" />\n', "page.mdx") == []


def test_a_form_s_labels_are_each_their_own_block():
    """A sign-up form's options ("Flatten my tummy", "Slim down my thighs") are separate choices,
    not one run of words."""
    text = (
        "<fieldset><legend>Main goal</legend>\n"
        '<label><input type="radio" name="goal"> Flatten my tummy</label>\n'
        '<label><input type="radio" name="goal"> Just get fitter</label></fieldset>\n'
    )
    assert [prose for _, prose, _ in _blocks(text, "join.html")] == [
        "Main goal",
        "Flatten my tummy",
        "Just get fitter",
    ]


def test_inline_markup_joins_blocks_break_and_br_is_a_space():
    text = (
        "<div><p>Burn <strong>belly</strong> <em>fat</em> with <code>x()</code> these<br>moves</p>"
        "<p>Second</p>Loose text<td>cell</td></div>\n"
    )
    blocks = _blocks(text, "a.html")
    assert blocks == [
        (
            "paragraph",
            "Burn belly fat with these moves",
            "Burn <strong>belly</strong> <em>fat</em> with <code>x()</code> these<br>moves",
        ),
        ("paragraph", "Second", "Second"),
        ("paragraph", "Loose text", "Loose text"),
        ("table_cell", "cell", "cell"),
    ]


def test_a_stat_cards_figure_and_label_read_as_one_claim(linter):
    text = (
        '<div class="counter"><h2>98%</h2><p>Success Rate</p></div>\n'
        '<div class="stat"><strong>11 lbs</strong><span>average loss in 6 weeks</span></div>\n'
        '<div class="counter"><h3>2000+</h3>\n<p>Kgs Fat Lost</p></div>\n'
        "<h2>2019</h2>\n<p>We opened our first studio in a small garage and it grew from there.</p>\n"
        "<p><b>W</b>ord and <span>Un</span><span>real</span></p>\n"
    )
    blocks = _blocks(text, "a.html")
    assert blocks[:3] == [
        ("paragraph", "98% Success Rate", "98%</h2><p>Success Rate"),
        ("paragraph", "11 lbs average loss in 6 weeks", text[85:129]),
        ("paragraph", "2000+ Kgs Fat Lost", "2000+</h3>\n<p>Kgs Fat Lost"),
    ]
    # A long paragraph after a figure is not its label; letters split by tags stay one word.
    assert [b[1] for b in blocks[3:]] == [
        "2019",
        "We opened our first studio in a small garage and it grew from there.",
        "Word and Unreal",
    ]
    found = _found(linter, "a.html", text)
    assert [slice for code, slice in found if code == "FL401"][:3] == [
        "98%</h2><p>Success Rate",
        text[85:129],
        "2000+</h3>\n<p>Kgs Fat Lost",
    ]


def test_hidden_elements_comments_and_social_meta_are_skipped():
    text = (
        '<head><meta property="og:description" content="Burn belly fat"><meta name="twitter:title" content="x">'
        "<style>p{}</style></head><body><template><p>Burn belly fat</p></template>"
        "<svg><title>Burn belly fat</title><text>Burn</text></svg><!-- Burn belly fat --><pre>burn belly fat</pre>"
        '<a href="https://example.com/burn-belly-fat"><img src="/burn-belly-fat.png" alt="/burn-belly-fat.png"></a>'
        "<p>Visible.</p></body>"
    )
    assert _blocks(text, "a.html") == [("paragraph", "Visible.", "Visible.")]


def test_noscript_fallback_copy_is_read():
    """A page's fallback for readers without scripts (and for search engines) is copy: reviews
    rendered by a script are often repeated there."""
    text = (
        "<section><h2>Reviews</h2><noscript>\n"
        '<p>"My double chin is gone after 3 weeks." Brianna R.</p>\n'
        '<img src="https://px.example/t.gif" alt="">\n'
        "</noscript></section>\n"
    )
    assert ("paragraph", '"My double chin is gone after 3 weeks." Brianna R.') in [
        (kind, prose) for kind, prose, _ in _blocks(text, "a.html")
    ]


def test_rails_content_for_sets_the_title_and_description():
    text = (
        '<% content_for :title, "Freeze Belly Fat Without Surgery | FrostCo" %>\n'
        "<% provide(:meta_description, 'Slim your thighs at home.') %>\n"
        "<h1>FrostCo</h1>\n"
    )
    blocks = _blocks(text, "show.html.erb")
    assert ("front_matter:title", "Freeze Belly Fat Without Surgery | FrostCo") in [
        (kind, prose) for kind, prose, _ in blocks
    ]
    assert ("front_matter:description", "Slim your thighs at home.") in [
        (kind, prose) for kind, prose, _ in blocks
    ]


def test_a_components_root_template_is_the_markup_it_renders():
    """A Vue or Svelte file's root <template> is its page; one inside a page stays unread."""
    component = (
        "<template>\n  <section>\n    <p>Burn belly fat in a week.</p>\n  </section>\n</template>\n"
        '<script>\nexport default { data() { return { title: "x" } } }\n</script>\n'
    )
    assert _blocks(component, "Hero.vue") == [
        ("paragraph", "Burn belly fat in a week.", "Burn belly fat in a week.")
    ]
    page = "<body><template><p>Burn belly fat</p></template><p>Visible.</p></body>"
    assert _blocks(page, "Hero.vue") == [("paragraph", "Visible.", "Visible.")]


def test_a_components_script_data_that_reads_as_prose_is_copy(linter):
    """A Vue component's script holds the testimonials and cards its template renders: strings
    that read as prose are copy, at their exact place; keys, paths and names are code. A plain
    page's inline script stays code."""
    component = (
        '<template>\n  <p v-for="s in stories">{{ s.quote }}</p>\n</template>\n'
        "<script>\nexport default {\n  data() {\n    return { stories: [\n"
        '      { photo: "/img/tan.jpg", quote: "After four sessions my love handles are gone." },\n'
        "    ] };\n  },\n};\n</script>\n"
    )
    quote = "After four sessions my love handles are gone."
    assert (quote, quote) in [(prose, text) for _, prose, text in _blocks(component, "Stories.vue")]
    assert "/img/tan.jpg" not in [prose for _, prose, _ in _blocks(component, "Stories.vue")]
    codes = {code for code, _ in _found(linter, "Stories.vue", component)}
    assert "FL101" in codes or "FL105" in codes, codes
    page = (
        "<body><p>Visible.</p>\n"
        '<script>\nconst note = "After four sessions my love handles are gone.";\n</script>\n</body>'
    )
    assert [prose for _, prose, _ in _blocks(page, "a.html")] == ["Visible."]


def test_a_scripts_data_strings_that_read_as_prose_are_copy():
    """An array of testimonials or features in a script is what the page shows; class names,
    links and short labels are code."""
    script = (
        "export const reviews = [\n"
        '  { name: "Jess", text: "I lost 12 pounds in one week and my jeans fit again!" },\n'
        '  { name: "Sam", className: "card card--wide highlighted review item" },\n'
        "];\n"
        'export const features = ["Ten minutes a day, no equipment needed.", "Home"];\n'
    )
    assert _blocks(script, "data.js") == [
        (
            "attribute:string",
            "I lost 12 pounds in one week and my jeans fit again!",
            "I lost 12 pounds in one week and my jeans fit again!",
        ),
        (
            "attribute:string",
            "Ten minutes a day, no equipment needed.",
            "Ten minutes a day, no equipment needed.",
        ),
    ]


def test_html_that_template_code_prints_is_read_in_place():
    """``echo '<h2>…</h2>'`` and a heredoc of markup print the page's own HTML."""
    page = (
        "<?php\n"
        "$intro = <<<EOT\n<p>Burn belly fat with these moves.</p>\nEOT;\n"
        "echo '<h2>Melt your love handles</h2>';\n"
        "$class = 'btn btn-primary';\n"
        "?>\n"
    )
    assert _blocks(page, "page.php") == [
        ("paragraph", "Burn belly fat with these moves.", "Burn belly fat with these moves."),
        ("heading", "Melt your love handles", "Melt your love handles"),
    ]
    printed = (
        "<h3><?= 'Flat Belly Blast' ?></h3>\n"
        "<p><?php _e('Sessions run every weekday at seven.', 'theme'); ?></p>\n"
        "<li class=\"<?php echo 'active'; ?>\">Home</li>\n"
    )
    assert _blocks(printed, "page.php") == [
        ("heading", "Flat Belly Blast", "Flat Belly Blast"),
        (
            "paragraph",
            "Sessions run every weekday at seven.",
            "Sessions run every weekday at seven.",
        ),
        ("list_item", "Home", "Home"),
    ]
    # ERB's <%= %> and a Twig, Jinja or Nunjucks {{ }} print a string literal the same way.
    assert _blocks("<h2><%= 'Lose Belly Fat Fast' %></h2>\n", "page.erb")[0][:2] == (
        "heading",
        "Lose Belly Fat Fast",
    )
    assert _blocks("<h2>{{ 'Melt your love handles'|trans }}</h2>\n", "page.twig")[0][:2] == (
        "heading",
        "Melt your love handles",
    )


def test_nested_front_matter_copy_is_read_and_media_fields_are_not():
    """A landing page's hero, testimonials and cards nested in front matter are copy; an
    image's title or path and a flag are data."""
    text = (
        "---\n"
        "hero:\n"
        '  heading: "Melt your love handles in 21 days"\n'
        "  image: /img/hero.jpg\n"
        "testimonials:\n"
        "  - name: Jess\n"
        '    quote: "I lost 12 pounds in one week!"\n'
        "images:\n"
        "  - url: /img/a.jpg\n"
        "    title: Quick Weight Loss Tips\n"
        "cta_text: Start your plan today\n"
        "draft: false\n"
        "---\n"
        "Body.\n"
    )
    read = [(kind, prose) for kind, prose, _ in _blocks(text, "landing.md")]
    assert ("front_matter:heading", "Melt your love handles in 21 days") in read
    assert ("front_matter:quote", "I lost 12 pounds in one week!") in read
    assert ("front_matter:cta_text", "Start your plan today") in read
    assert not any("Quick Weight Loss" in prose or "/img/" in prose for _, prose in read)
    for kind, prose, source in _blocks(text, "landing.md"):
        assert prose == source, kind  # each value maps onto its own words


def test_crlf_and_lone_cr_offsets_stay_exact():
    for newline in ("\r\n", "\r"):
        text = newline.join(
            [
                "<html>",
                "<body>",
                "<p>One line",
                "and <b>another</b> &amp; more</p>",
                "</body>",
                "</html>",
            ]
        )
        blocks = _blocks(text, "a.html")
        assert blocks == [
            (
                "paragraph",
                "One line and another & more",
                f"One line{newline}and <b>another</b> &amp; more",
            )
        ]


def test_markdown_html_blocks_use_the_same_reader_with_links():
    text = (
        "# Notes\n\n"
        '<div class="note">\n<p>Adults burned 39% more fat <a href="https://doi.org/10.1000/x">in a trial</a>.</p>\n</div>\n\n'
        "After.\n"
    )
    document = parse_document(text, "a.md")
    block = document.blocks[1]
    assert (block.kind, block.text) == ("paragraph", "Adults burned 39% more fat in a trial.")
    assert [(block.text[link.prose_start : link.prose_end], link.href) for link in block.links] == [
        ("in a trial", "https://doi.org/10.1000/x")
    ]
    assert [b.section for b in document.blocks] == [0, 0, 0]


# -- suppressions and fixes ----------------------------------------------------------------------
def test_suppression_comments_work_in_html_and_php(linter):
    for name in ("page.html", "page.php"):
        text = (
            "<html><body>\n"
            "<!-- fitlint-disable-next-line FL101 -->\n"
            "<p>Burn belly fat with these 5 moves.</p>\n"
            "<?php echo $x; ?>\n"
            "<p>Burn belly fat with these 5 moves, again.</p>\n"
            "</body></html>\n"
        )
        found = _found(linter, name, text)
        assert [(code, text.count("\n", 0, text.index("again")) + 1) for code, _ in found] == [
            ("FL101", 5)
        ], name


def test_fix_on_an_html_file_is_byte_exact(cli, tmp_path):
    original = (
        "\ufeff<!DOCTYPE html>\r\n<html>\r\n<body>\r\n"
        "<p>Tip: burn belly fat with these 5 moves &amp; rest well.</p>\r\n"
        "</body>\r\n</html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(original.encode("utf-8"))
    result = cli(
        "check", "page.html", "--isolated", "--no-cache", "--fix", "--unsafe-fixes", cwd=tmp_path
    )
    fixed = path.read_bytes().decode("utf-8")
    assert "Fixed 1 problem." in result.out
    start = original.index("burn belly fat")
    prefix, suffix = original[:start], original[start + len("burn belly fat") :]
    assert fixed.startswith(prefix) and fixed.endswith(suffix)
    assert fixed[len(prefix) : len(fixed) - len(suffix)] == "strengthen your core"


def test_lsp_json_ranges_are_utf16_in_html(cli, tmp_path):
    write(tmp_path / "page.html", "<p>💪🏽 Burn belly fat with these 5 moves.</p>\n")
    result = cli("check", "page.html", "--isolated", "--no-cache", "--format", "json", cwd=tmp_path)
    ((diagnostic,),) = [entry["diagnostics"] for entry in json.loads(result.out)]
    assert diagnostic["range"] == {
        "start": {"line": 0, "character": 8},
        "end": {"line": 0, "character": 22},
    }


# -- formats, --show-files, the summary ----------------------------------------------------------
def test_longest_extension_wins_and_defaults():
    formats = {"php": "text", "blade.php": "html"}
    assert reader_for("views/home.blade.php", formats) == "html"
    assert reader_for("views/home.php", formats) == "text"
    assert reader_for("Index.HTM") == "html"
    assert reader_for("post.mdx") == "markdown"
    assert reader_for("notes.txt") == "text"
    assert reader_for("app.tsx") is None  # scripts only when mapped
    assert reader_for("page.php") is None


def test_show_files_lists_what_a_run_would_lint(cli, tmp_path):
    write(tmp_path / ".fitlint.yaml", 'formats: {php: html, "blade.php": html, tsx: jsx}\n')
    for name in ("a.md", "b.html", "c.php", "views/d.blade.php", "e.tsx", "f.js", "g.txt", "h.png"):
        write(tmp_path / name, "Burn belly fat.\n")
    write(tmp_path / ".gitignore", "ignored/\n")
    write(tmp_path / "ignored" / "x.md", "x\n")
    result = cli("check", ".", "--show-files", cwd=tmp_path)
    assert result.code == 0
    assert result.out.splitlines() == [
        "a.md\tmarkdown",
        "b.html\thtml",
        "c.php\thtml",
        "e.tsx\tjsx",
        "g.txt\ttext",
        "views/d.blade.php\thtml",
    ]


def test_summary_says_what_was_skipped_and_an_empty_directory_says_so(cli, tmp_path):
    write(tmp_path / "site" / "index.php", "<p>Hello</p>\n")
    write(tmp_path / "site" / "about.php", "<p>Hello</p>\n")
    write(tmp_path / "site" / "app.js", "x\n")
    write(tmp_path / "docs" / "a.md", "Hello.\n")
    (tmp_path / "docs" / "b.md").write_bytes(b"\x00\x01binary")
    write(tmp_path / "docs" / ".gitignore", "drafts/\n")
    write(tmp_path / "docs" / "drafts" / "c.md", "x\n")
    result = cli("check", "site", "--isolated", "--no-cache", cwd=tmp_path)
    assert result.code == 0
    assert result.out.splitlines()[-2:] == [
        "All clear: 0 files checked, no problems.",
        "Skipped 3 files with no reader for their extension (.php 2, .js 1; see `formats`).",
    ]
    assert "fitlint: warning: site: no file to lint here (skipped 3 files" in result.err
    result = cli("check", "docs", "--isolated", "--no-cache", cwd=tmp_path)
    assert result.out.splitlines()[-1] == "Skipped 1 ignored by .gitignore or exclude, 1 binary."
    assert "no file to lint" not in result.err


def test_unknown_reader_in_formats_is_a_config_error_naming_the_file(cli, tmp_path):
    write(tmp_path / ".fitlint.yaml", "formats: {php: htm}\n")
    write(tmp_path / "a.md", "x\n")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 2
    assert result.err.strip() == (
        f"fitlint: error: {tmp_path / '.fitlint.yaml'}: 'formats.php': unknown reader 'htm' "
        "(known: markdown, html, jsx, text, data, feed)"
    )
    write(tmp_path / "pyproject.toml", '[tool.fitlint]\nformats = ["php"]\n')
    (tmp_path / ".fitlint.yaml").unlink()
    assert (
        "'formats' must map file extensions to a reader" in cli("check", "a.md", cwd=tmp_path).err
    )


def test_formats_change_the_cache_fingerprint():
    plain = Linter(Config(root=FORMATS))
    mapped = Linter(Config(root=FORMATS, formats={"php": "html"}), plain.ruleset)
    assert plain.fingerprint() != mapped.fingerprint()


_PROBE = """
import json, sys
from fitlint.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "tree_sitter": "tree_sitter" in sys.modules}))
"""


def _probe(tmp_path: Path, *args: str) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, "check", "--no-cache", *args],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_tree_sitter_is_imported_only_when_a_script_is_linted(tmp_path):
    write(tmp_path / ".fitlint.yaml", "formats: {tsx: jsx}\n")
    write(tmp_path / "a.md", "# Plan\n\nRest well.\n")
    write(tmp_path / "b.html", "<p>Rest well.</p>\n")
    write(tmp_path / "c.tsx", "export default () => <p>Rest well.</p>;\n")
    assert _probe(tmp_path, "a.md", "b.html") == {"code": 0, "tree_sitter": False}
    assert _probe(tmp_path, "c.tsx") == {"code": 0, "tree_sitter": True}


def test_inline_anchor_in_a_markdown_paragraph_is_a_link(linter):
    text = '# Notes\n\nAdults burned 39% more fat <a href="https://doi.org/10.1000/x">in a trial</a>.\n'
    block = parse_document(text, "a.md").blocks[1]
    assert [(block.text[link.prose_start : link.prose_end], link.href) for link in block.links] == [
        ("in a trial", "https://doi.org/10.1000/x")
    ]
    assert not [code for code, _ in _found(linter, "a.md", text) if code.startswith("FL4")]
    uncited = text.replace('<a href="https://doi.org/10.1000/x">in a trial</a>', "in a trial")
    assert [code for code, _ in _found(linter, "a.md", uncited)] == ["FL401"]


_PIECES = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<li>",
    "<h2>",
    "</h2>",
    "<a href='https://x.org'>",
    "</a>",
    "<br>",
    "<b>",
    "</b>",
    "<script>",
    "</script>",
    "<!-- c -->",
    "<?= $x ?>",
    "{{ y }}",
    "@if($z)",
    "&amp;",
    "&rsquo;",
    "&nbsp",
    "&#8217;",
    "<img alt='Lose fat'>",
    "\n",
    "\r\n",
    "  ",
    "Burn",
    "belly",
    "fat",
    "💪",
    "é",
    "<",
    ">",
    "&",
    "'",
    '"',
    "<title>",
    "</title>",
    "<meta name=description content='x y'>",
]


def test_any_markup_reads_without_error_and_every_block_maps_into_its_source():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(st.sampled_from(_PIECES) | st.text(max_size=5), max_size=40),
        st.sampled_from(["p.html", "p.php"]),
    )
    def check(pieces, path):
        text = "".join(pieces)
        for block in parse_document(text, path, formats=MAPPED).blocks:
            start, end = block.smap.span(0, len(block.text))
            assert 0 <= start <= end <= len(text)
            letters = iter(text[start:end].lower())
            # Every letter of the prose sits, in order, in its source span (entities add letters).
            assert all(ch in letters for ch in block.text.lower() if ch.isalpha() and ch.isascii())

    check()


def test_template_metadata_strings_in_each_template_language():
    text = (
        "@section('title', 'Melt your love handles')\n"
        '{% set description = "Lose 10 lbs in a week" %}\n'
        "{% assign page_subtitle = 'Core week' %}\n"
        '<?php $data["summary"] = "A short plan"; $post_title .= " | Site"; ?>\n'
        '<% @excerpt = "Rest &amp; recover" %>\n'
        '{{ $title := "Hugo title" }}\n'
        "{{-- a Blade comment with title = 'not copy' --}}\n"
        '<?php if ($title == "not copy") { $twitter_title = "social card"; } ?>\n'
        "@if($user) <p>Write to me@example.com or @endurancecoach</p> @endif <style>@media print {}</style>\n"
    )
    blocks = _blocks(text, "page.php")
    assert blocks == [
        ("front_matter:title", "Melt your love handles", "Melt your love handles"),
        ("front_matter:description", "Lose 10 lbs in a week", "Lose 10 lbs in a week"),
        ("front_matter:subtitle", "Core week", "Core week"),
        ("front_matter:summary", "A short plan", "A short plan"),
        ("front_matter:excerpt", "Rest & recover", "Rest &amp; recover"),
        ("front_matter:title", "Hugo title", "Hugo title"),
        (
            "paragraph",
            "Write to me@example.com or @endurancecoach",
            "Write to me@example.com or @endurancecoach",
        ),
    ]


def test_component_text_props_are_copy_but_not_ids_or_prices():
    from fitlint.document import parse_document

    text = (
        "# Programme\n\n"
        '<BuyButton price="$47" label="Get Chest Fat Eraser" />\n\n'
        '<VideoEmbed id="moob-melter-day1" title="Moob Melter Day 1 follow-along" />\n'
    )
    document = parse_document(text, "page.mdx")
    read = [(b.kind, b.text) for b in document.blocks]
    assert read == [
        ("heading", "Programme"),
        ("attribute", "Get Chest Fat Eraser"),
        ("attribute", "Moob Melter Day 1 follow-along"),
    ]
    for block in document.blocks[1:]:
        start, end = block.smap.span(0, len(block.text))
        assert text[start:end] == block.text


def test_blade_component_props_and_bound_bullets_are_copy():
    # A Blade component's text props, and the bullets of a bound list prop, are what the page
    # shows; its other props (prices, bound expressions) and a plain element's bound list are not.
    text = (
        "<h2>Plans</h2>\n"
        '<x-plan-card name="Shred" price="34.95"\n'
        "    :features=\"['5 workouts a week (home or gym)', 'The 14-Day Belly Blitz program', "
        "'x', 'Flat belly by month\\'s end']\"\n"
        '    cta="Get Shredded" />\n'
        '<x-addon-card title="Bingo Wing Blitz" :weeks="3"></x-addon-card>\n'
        "<x-card :benefits='[\"Belly gone in 2 weeks\"]' />\n"
        "<div :features=\"['Not a component list']\"></div>\n"
    )
    document = parse_document(text, "plans.blade.php", formats={"blade.php": "html"})
    read = [(b.kind, b.text) for b in document.blocks]
    assert read == [
        ("heading", "Plans"),
        ("list_item", "5 workouts a week (home or gym)"),
        ("list_item", "The 14-Day Belly Blitz program"),
        ("list_item", "Flat belly by month's end"),
        ("attribute", "Get Shredded"),
        ("attribute", "Bingo Wing Blitz"),
        ("list_item", "Belly gone in 2 weeks"),
    ]
    for block in document.blocks[1:]:
        start, end = block.smap.span(0, len(block.text))
        # The escaped quote is two characters of the source, one of the text.
        assert text[start:end] == block.text.replace("'", "\\'")


def test_shortcode_and_include_text_params_are_copy_with_exact_ranges(linter):
    text = (
        "# Best belts\n\n"
        '{{< product name="Heat Pro" price="$27.99" tagline="Melt your love handles in a week" '
        'link="/go/heat" >}}\n\n'
        '{% include card.html caption="Zap that muffin top for good" url="/x" %}\n\n'
        "{{< note >}}\nA paragraph inside a shortcode is read as it always was.\n{{< /note >}}\n\n"
        '```\n{{< product tagline="Burn belly fat fast" >}}\n```\n'
    )
    document = parse_document(text, "post.md")
    read = [(b.kind, b.text) for b in document.blocks]
    assert read == [
        ("heading", "Best belts"),
        ("attribute", "Melt your love handles in a week"),
        ("attribute", "Zap that muffin top for good"),
        ("paragraph", "A paragraph inside a shortcode is read as it always was."),
    ]
    for block in document.blocks[1:3]:
        start, end = block.smap.span(0, len(block.text))
        assert text[start:end] == block.text
    found = linter.lint_text(text, "post.md")
    assert {(d.code, d.text) for d in found} >= {
        ("FL101", "Melt your love handles"),
        ("FL101", "Zap that muffin top"),
    }
    assert not [d for d in found if d.code == "FL302"]  # a shortcode line is not a paragraph


def test_a_study_card_cites_its_finding_and_the_heading_above_it(linter):
    text = (
        "## Trials that found no local effect\n\n"
        '<StudyCard\n  authors="Vispute, Smith, LeCheminant & Hurley"\n  year={2011}\n'
        '  finding="After six weeks of ab exercises, 24 adults lost no more belly fat than controls."\n'
        '  doi="10.1519/JSC.0b013e3181fb4a46"\n/>\n\n'
        "## Studies show it works\n\n"
        '<Quote text="Studies show 90% of users lose belly fat in a month." />\n'
    )
    finding = next(b for b in parse_document(text, "p.mdx").blocks if b.key == "finding")
    assert [link.href for link in finding.links] == ["https://doi.org/10.1519/JSC.0b013e3181fb4a46"]
    found = {(d.code, d.text) for d in linter.lint_text(text, "p.mdx")}
    assert not {
        code for code, quoted in found if "found no local" in quoted or "24 adults" in quoted
    }
    assert any(
        code in ("FL401", "FL402") and ("90%" in quoted or "Studies show" in quoted)
        for code, quoted in found
    )


def test_a_components_button_prop_is_copy():
    document = parse_document('<Pricing button="Shrink My Belly Now" href="/buy" />\n', "p.mdx")
    assert [(b.kind, b.text) for b in document.blocks] == [("attribute", "Shrink My Belly Now")]


def test_component_props_over_several_lines_are_read_with_exact_ranges(cli, tmp_path):
    # A component whose props run over several lines is not an HTML block to the Markdown
    # parser; its text props (title, subtitle, quote, …) are copy the page shows all the same.
    text = (
        'import Hero from "./Hero"\n\n'
        "<Hero\n"
        '  title="Lose the Dad Gut in 42 Days"\n'
        '  subtitle="Strength work for busy dads."\n'
        '  href="/start"\n'
        "/>\n\n"
        '<Testimonial quote="The man boobs are gone." name="Rob" />\n'
    )
    page = tmp_path / "page.mdx"
    page.write_text(text, encoding="utf-8")
    result = cli("check", "--isolated", "--no-cache", "--format", "json", str(page))
    lines = text.splitlines(keepends=True)

    def offset(position: dict) -> int:  # ASCII text: UTF-16 units are characters
        return sum(len(line) for line in lines[: position["line"]]) + position["character"]

    found = set()
    for d in json.loads(result.out)[0]["diagnostics"]:
        sliced = text[offset(d["range"]["start"]) : offset(d["range"]["end"])]
        assert sliced == d["data"]["text"]
        found.add((d["code"], sliced))
    assert ("FL101", "Lose the Dad Gut in 42 Days") in found
    assert ("FL101", "man boobs are gone") in found
    assert all("/start" not in quoted for _, quoted in found)


def test_a_short_desc_key_is_the_page_description_but_a_social_one_is_not():
    text = (
        "<?php\n$seo = [\n    'desc' => 'Shrink your tummy in 14 days.',\n"
        "    'og_desc' => 'Burn belly fat with these 5 moves.',\n];\n?>\n"
        '<meta name="description" content="<?php echo $seo[\'desc\']; ?>">\n'
    )
    blocks = _blocks(text, "product.php")
    assert (
        "front_matter:description",
        "Shrink your tummy in 14 days.",
        "Shrink your tummy in 14 days.",
    ) in blocks
    assert not any("Burn belly fat" in prose for _, prose, _ in blocks)


def test_an_element_whose_class_names_a_headline_role_sells_like_a_heading(linter):
    text = (
        "<html><body>\n"
        '<p class="tagline">Flat belly, happy gut.</p>\n'
        '<div class="hero__copy"><p>Flat belly, happy gut.</p></div>\n'
        '<p class="note">Flat belly, happy gut.</p>\n'
        "</body></html>\n"
    )
    found = _found(linter, "page.html", text)
    assert found == [("FL105", "Flat belly"), ("FL105", "Flat belly")]
    lines = [
        text.count("\n", 0, d.start) + 1 for d in linter.lint_text(text, str(FORMATS / "page.html"))
    ]
    assert lines == [2, 3]  # the plain paragraph is not sold


def test_a_components_expression_props_are_code_but_sentences_in_them_are_copy():
    from fitlint.document import parse_document

    text = (
        "## Plans\n\n"
        "<PricingCard\n"
        '  name="Coached"\n'
        '  features={["Weekly calls", "Form reviews"]}\n'
        '  cta="Lose My Gut With a Coach"\n'
        "/>\n\n"
        "<CommentThread comments={[\n"
        '  { name: "Lorraine", text: "Just finished day 3 and I am down 6 pounds!!" },\n'
        "]} />\n\n"
        "Results vary.\n"
    )
    document = parse_document(text, "page.mdx")
    read = [(b.kind, b.key, b.text) for b in document.blocks]
    assert read == [
        ("heading", "", "Plans"),
        ("attribute", "cta", "Lose My Gut With a Coach"),
        ("attribute", "prop", "Just finished day 3 and I am down 6 pounds!!"),
        ("paragraph", "", "Results vary."),
    ]
    for block in document.blocks:
        start, end = block.smap.span(0, len(block.text))
        assert text[start:end] == block.text


def test_an_expression_this_reader_cannot_balance_leaves_the_rest_of_the_page_alone():
    from fitlint.document import parse_document

    text = (
        "<List items={[<span>Don't skip leg day</span>]} />\n\n"
        '<Card features={[1, 2 title="x" />\n\n'
        '```jsx\n<Card features={["Lose belly fat fast with our plan"]} />\n```\n\n'
        "<Faq items={[{ a: 'Crunches won\\'t burn belly fat, sorry.' }]} />\n\n"
        "Lose belly fat fast with this one trick.\n"
    )
    document = parse_document(text, "page.mdx")
    read = [(b.kind, b.text) for b in document.blocks]
    assert ("paragraph", "Lose belly fat fast with this one trick.") in read
    assert not any("with our plan" in prose for _, prose in read)  # a fence is code
    quote = next(b for b in document.blocks if b.key == "prop")
    assert quote.text == "Crunches won't burn belly fat, sorry."
    start, end = quote.smap.span(0, len(quote.text))
    assert text[start:end] == "Crunches won\\'t burn belly fat, sorry."


def test_php_strings_that_read_as_prose_are_copy_at_exact_offsets(linter):
    text = (
        "<?php\n"
        "$testimonials = [\n"
        "    ['name' => 'Tyler B.', 'text' => 'Two weeks in and my belly fat has melted away.'],\n"
        "];\n"
        "$og_title = 'Burn belly fat with these five moves today';\n"
        "$classes = 'btn btn-primary btn-lg';\n"
        "// echo 'Melt your thigh fat in a week, guaranteed.';\n"
        "?>\n"
        '<p><?php echo "Melt your love handles with this belt."; ?></p>\n'
    )
    strings = _code_strings(text, "page.php")
    # The testimonial; not the array keys, the name, the CSS classes, the social card or the
    # commented-out line. The echo prints where it stands: it is the paragraph's text.
    assert strings == ["Two weeks in and my belly fat has melted away."]
    assert ("paragraph", "Melt your love handles with this belt.") in [
        (kind, prose) for kind, prose, _ in _blocks(text, "page.php")
    ]
    found = [(d.code, d.text) for d in linter.lint_text(text, "page.php")]
    assert ("FL101", "belly fat has melted away") in found
    assert ("FL101", "Melt your love handles") in found
    assert all(d.text == text[d.start : d.end] for d in linter.lint_text(text, "page.php"))


def test_a_name_key_holds_copy_when_it_names_what_is_sold_not_a_person():
    text = (
        "<?php\n"
        "$product = 'TrimCore Belly Burn';\n"
        "$plans = [\n"
        "    ['name' => 'Flat Belly Pack', 'days' => '28-day supply'],\n"
        "    ['name' => 'Tyler B.', 'rating' => '5'],\n"
        "    ['name' => 'Mrs Adaeze', 'rating' => '5'],\n"
        "    ['name' => 'Starter', 'class' => 'card card-lg'],\n"
        "];\n"
        "?>\n"
    )
    # Not a person's name, a one-word name or a CSS class list.
    assert _code_strings(text, "plans.php") == ["TrimCore Belly Burn", "Flat Belly Pack"]


def test_a_schedule_s_workout_names_are_copy(linter):
    """A challenge's schedule names each day's workout in a data array ({day: 2, focus: "…"});
    the page prints the names as cards, so a name that promises a part's fat is a claim."""
    text = (
        "{% set days = [\n"
        '  { day: 1, focus: "Muffin Top Melt", moves: "Russian twist, heel taps", time: "12 min" },\n'
        '  { day: 2, workout: "Upper Body Strength", moves: "Rows, presses", time: "15 min" },\n'
        '  { day: 3, session: "Rest", time: "0 min" }\n'
        "] %}\n"
        "{% for d in days %}<h3>{{ d.focus }}</h3>{% endfor %}\n"
    )
    strings = _code_strings(text, "challenge.twig")
    assert "Muffin Top Melt" in strings and "Upper Body Strength" in strings
    assert "Rest" not in strings  # a one-word name carries no claim
    found = [(d.code, d.text) for d in linter.lint_text(text, "challenge.njk")]
    assert ("FL101", "Muffin Top Melt") in found
    assert not [d for d in found if "Upper Body" in d[1]]


def test_a_stat_card_s_figure_and_text_are_read_as_one_sentence(linter):
    """A template's stat cards keep the figure and its text in separate strings, as a key and
    its value or as two fields; the page shows them side by side, as one claim."""
    text = (
        "<?php\n"
        "$stats = [\n"
        "    '94%' => 'would recommend the tea to a friend',\n"
        "    ['figure' => '3x', 'text' => 'faster fat loss than diet and exercise alone'],\n"
        "    ['name' => 'Jess', 'text' => 'I love the taste of this tea so much.'],\n"
        "];\n"
        "?>\n"
    )
    strings = _code_strings(text, "stats.php")
    assert strings == [
        "94% would recommend the tea to a friend",
        "3x faster fat loss than diet and exercise alone",
        "I love the taste of this tea so much.",
    ]
    found = linter.lint_text(text, "stats.php")
    cards = [d for d in found if d.code == "FL401"]
    assert [text[d.start : d.start + 3] for d in cards] == ["94%", "3x'"]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_script_object_s_figure_and_label_are_read_as_one_sentence(linter):
    """An Astro page's script lists its stat cards as objects ({ value: "94%", label: "…" }):
    the figure and its label show side by side, as one claim, mapped back to both strings."""
    text = (
        "---\n"
        "const stats = [\n"
        '  { value: "11 kg", label: "average loss in the first 28 days" },\n'
        "  { value: '94%', 'label': 'say their belly is flatter by week 2' },\n"
        "];\n"
        "---\n"
        "<ul>{stats.map((s) => <li>{s.value} {s.label}</li>)}</ul>\n"
    )
    blocks = [(prose, source) for kind, prose, source in _blocks(text, "index.astro")]
    assert (
        "11 kg average loss in the first 28 days",
        '11 kg", label: "average loss in the first 28 days',
    ) in blocks
    assert (
        "94% say their belly is flatter by week 2",
        "94%', 'label': 'say their belly is flatter by week 2",
    ) in blocks
    found = linter.lint_text(text, "index.astro")
    assert [d.code for d in found if d.code == "FL401"] == ["FL401", "FL401"]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_jsx_object_s_figure_and_label_are_read_as_one_sentence(linter):
    """A React page keeps its stat cards in an array of objects; the figure and its label are
    one claim, as in an Astro script, mapped back to both strings."""
    text = (
        "const stats = [\n"
        '  { value: "87%", label: "of users saw a smaller waistline in 21 days" },\n'
        '  { value: "12,400+", label: "bottles delivered across the country" },\n'
        "];\n"
        "export default function Stats() {\n"
        "  return <ul>{stats.map((s) => <li key={s.label}>{s.value} {s.label}</li>)}</ul>;\n"
        "}\n"
    )
    blocks = [(prose, source) for kind, prose, source in _blocks(text, "Stats.jsx")]
    assert (
        "87% of users saw a smaller waistline in 21 days",
        '87%", label: "of users saw a smaller waistline in 21 days',
    ) in blocks
    found = linter.lint_text(text, "Stats.jsx")
    assert [text[d.start : d.start + 3] for d in found if d.code == "FL401"] == ["87%"]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_jsx_array_s_short_names_and_a_signed_stat_card_are_copy(linter):
    """A programme's weeks keep their names under name keys, too short to read as sentences, and
    a stat card's figure may carry a sign ("-19 lbs")."""
    text = (
        "const weeks = [\n"
        '  { week: 1, name: "Moob Melter", focus: "Chest and cardio finishers" },\n'
        '  { week: 2, name: "Peak Week", className: "card card--dark" },\n'
        "];\n"
        'const stats = [{ value: "-19 lbs", label: "average drop in 6 weeks" }];\n'
        "export default function W() { return <ul>{weeks.map((w) => <li>{w.name}</li>)}</ul>; }\n"
    )
    prose = [prose for kind, prose, source in _blocks(text, "Weeks.tsx")]
    assert "Moob Melter" in prose and "Chest and cardio finishers" in prose
    assert "Peak Week" in prose and "card card--dark" not in prose
    assert "-19 lbs average drop in 6 weeks" in prose
    codes = {(d.code, d.text) for d in linter.lint_text(text, "Weeks.tsx")}
    assert ("FL102", "Moob Melter") in codes
    assert "FL204" in {code for code, _ in codes}


def test_a_php_stat_card_s_label_through_a_translation_call_joins_its_figure():
    """WordPress themes pass a card's label through __(): the figure before it still reads
    with it ("93% of members lose …")."""
    text = (
        "<?php\n$stats = array(\n"
        "  array( 'num' => '93%', 'label' => __( 'of members lose 2 inches from their waist', 'fba' ) ),\n"
        ");\n?>\n"
    )
    prose = [prose for kind, prose, source in _blocks(text, "front-page.php")]
    assert "93% of members lose 2 inches from their waist" in prose


def test_liquid_variables_and_snippet_parameters_are_copy(linter):
    """A Shopify section keeps its headline in a variable or hands it to a snippet; the page
    prints it. Other Liquid tags (if, for) and their strings are logic."""
    text = (
        "{%- liquid\n"
        '  assign gel_name = "ContourHeat Firming Gel"\n'
        '  assign subhead = "Burn belly fat around the clock, even while you sleep."\n'
        "-%}\n"
        "{% render 'hero', heading: \"Melt your muffin top in 7 days\", image: 'hero.jpg' %}\n"
        '{% if product.type == "a long product type name here" %}<p>In stock.</p>{% endif %}\n'
        '<p class="lead">{{ subhead }}</p>\n'
    )
    strings = _code_strings(text, "section.liquid")
    assert strings == [
        "Burn belly fat around the clock, even while you sleep.",
        "Melt your muffin top in 7 days",
    ]
    found = linter.lint_text(text, "section.liquid")
    assert ("FL101", "Burn belly fat") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_an_erb_block_s_ruby_strings_are_copy_and_its_comments_are_not(linter):
    """A Rails view keeps its plans in a Ruby hash inside <% %> and prints them; the strings a
    reader sees are copy, the hash keys, slugs and Ruby comments are not."""
    text = (
        "<%# Plan copy lives here until the CMS is ready. %>\n"
        "<%\n"
        "  # marketing asked for a faster promise; not added\n"
        "  plans = {\n"
        '    "belly-plan" => {\n'
        '      title: "Seven-Day Tummy Melt Plan for busy people",\n'
        '      tagline: "Melt tummy fat fast with cumin water and light dinners.",\n'
        "      kcal: 1200\n"
        "    }\n"
        "  }\n"
        "%>\n"
        "<h1><%= plans['belly-plan'][:title] %></h1>\n"
    )
    # The title and the tagline are the page's metadata; the slug and the comments are not read.
    read = [(kind, prose) for kind, prose, _ in _blocks(text, "show.html.erb")]
    assert read == [
        ("front_matter:title", "Seven-Day Tummy Melt Plan for busy people"),
        ("front_matter:tagline", "Melt tummy fat fast with cumin water and light dinners."),
    ]
    found = linter.lint_text(text, "show.html.erb")
    assert ("FL101", "Melt tummy fat") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_the_text_a_rails_view_helper_prints_is_copy_and_its_path_is_not(linter):
    """link_to, button_to and content_tag print their text argument where they stand; the
    path, the options and a string handed to another helper are not copy."""
    text = (
        "<ul>\n"
        '  <li><%= link_to "Burn belly fat with these 5 moves", recipe_path("burn-belly-fat") %></li>\n'
        '  <li><%= button_to "Melt your love handles", "/melt-love-handles", class: "btn" %></li>\n'
        "</ul>\n"
        '<%= content_tag(:h2, "Shrink your thighs in a week") %>\n'
        '<%= image_tag "burn-belly-fat.jpg" %>\n'
    )
    found = linter.lint_text(text, "index.html.erb")
    assert {(d.code, d.text) for d in found if d.code in ("FL101", "FL104")} == {
        ("FL101", "Burn belly fat"),
        ("FL101", "Melt your love handles"),
        ("FL101", "Shrink your thighs"),
    }
    assert all(d.text == text[d.start : d.end] for d in found)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hero.blade.php", "<h1>{{ __('Burn belly fat with these 5 moves') }}</h1>\n"),
        ("hero.blade.php", "<p>@lang('Burn belly fat with these 5 moves')</p>\n"),
        ("hero.php", "<h2><?php echo __('Burn belly fat with these 5 moves', 'theme'); ?></h2>\n"),
        ("hero.twig", '<h1>{{ _("Burn belly fat with these 5 moves") }}</h1>\n'),
        ("hero.twig", '<p>{% trans "Burn belly fat with these 5 moves" %}</p>\n'),
        (
            "Hero.vue",
            "<template><h1>{{ $t('Burn belly fat with these 5 moves') }}</h1></template>\n",
        ),
        ("hero.hbs", '<h1>{{t "Burn belly fat with these 5 moves"}}</h1>\n'),
        ("short.blade.php", "<h2>@lang('Burn belly fat fast')</h2>\n"),
        ("short.twig", '<h2>{% trans "Burn belly fat fast" %}</h2>\n'),
    ],
    ids=[
        "laravel-__",
        "blade-lang",
        "wordpress-echo-__",
        "gettext-_",
        "twig-trans",
        "vue-i18n",
        "handlebars-t",
        "blade-lang-heading",
        "twig-trans-heading",
    ],
)
def test_text_handed_to_a_translation_call_is_copy(linter, name, text):
    """Sites written for translation keep their copy in the source language inside a call."""
    found = linter.lint_text(text, name)
    assert ("FL101", "Burn belly fat") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_jsx_element_s_string_child_and_translated_text_are_read_in_place(linter):
    """ "{'…'}" and "{t('…')}" among an element's children are the text it shows; a key passed
    to t() and a string in a prop's expression are not read as the element's text."""
    text = (
        "export default function Hero() {\n"
        "  return (\n"
        "    <section>\n"
        '      <h1>{t("Burn belly fat with these 5 moves")}</h1>\n'
        "      <p>{'Melt your love handles in a week'}</p>\n"
        '      <h2>{t("home.subtitle")}</h2>\n'
        '      <img src={"/img/burn-belly-fat.jpg"} />\n'
        "    </section>\n"
        "  );\n"
        "}\n"
    )
    found = linter.lint_text(text, "Hero.jsx")
    assert {(d.code, d.text) for d in found if d.code == "FL101"} == {
        ("FL101", "Burn belly fat"),
        ("FL101", "Melt your love handles"),
    }
    assert all(d.text == text[d.start : d.end] for d in found)
    headings = [b.text for b in parse_document(text, "Hero.jsx", reader="jsx").blocks]
    assert "Burn belly fat with these 5 moves" in headings
    assert not any("home.subtitle" in t or "/img" in t for t in headings)


def test_a_twig_set_list_s_strings_are_copy(linter):
    """A Symfony page sets its programme cards in {% set %} and loops over them; their text is
    copy. Other tags' strings (if, block names) stay logic."""
    text = (
        "{% extends 'base.html.twig' %}\n"
        "{% set programmes = [\n"
        "  { slug: 'abs-belly-off', name: 'Abs & Belly Off',\n"
        "    text: 'Intensive core circuits. Belly fat goes away and abs appear after 4 weeks!' }\n"
        "] %}\n"
        "{% if app.request.locale == 'a long locale name that reads like words' %}{% endif %}\n"
        "{% for p in programmes %}<p>{{ p.text }}</p>{% endfor %}\n"
    )
    strings = _code_strings(text, "offer.html.twig")
    # The programme's name too: short, but under a key that names what is sold.
    assert strings == [
        "Abs & Belly Off",
        "Intensive core circuits. Belly fat goes away and abs appear after 4 weeks!",
    ]
    found = linter.lint_text(text, "offer.html.twig")
    assert ("FL101", "Belly fat goes away") in [(d.code, d.text) for d in found]


def test_a_liquid_section_s_schema_defaults_are_copy_and_its_comments_are_not(linter):
    text = (
        '{%- comment -%} Do not reuse "Lose 10cm in 10 days" from the 2022 launch. {%- endcomment -%}\n'
        '<p class="lead">{{ section.settings.lead }}</p>\n'
        "{% schema %}\n"
        '{ "name": "Contour Duo", "settings": [ { "type": "text", "id": "lead", "label": "Lead line",\n'
        '  "default": "Melt your muffin top with our hot gel and sauna wrap." } ] }\n'
        "{% endschema %}\n"
    )
    read = [(kind, prose) for kind, prose, _ in _blocks(text, "duo.liquid")]
    assert read == [("attribute:string", "Melt your muffin top with our hot gel and sauna wrap.")]
    found = linter.lint_text(text, "duo.liquid")
    assert found and all(d.start > text.index('"default"') for d in found)
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_liquid_schema_s_three_word_badge_default_is_copy_and_an_option_is_not(linter):
    text = (
        '<span class="badge">{{ section.settings.badge }}</span>\n'
        "{% schema %}\n"
        '{ "name": "Tea", "settings": [ { "type": "text", "id": "badge", "label": "Badge",\n'
        '  "default": "Belly-fat melting formula" },\n'
        '  { "type": "select", "id": "align", "label": "Alignment", "default": "left" } ] }\n'
        "{% endschema %}\n"
    )
    read = [prose for kind, prose, _ in _blocks(text, "tea.liquid")]
    assert read == ["Belly-fat melting formula"]


def test_a_liquid_section_s_preset_text_settings_are_copy_and_its_editor_labels_are_not(linter):
    text = (
        "{% for block in section.blocks %}<p>{{ block.settings.text }}</p>{% endfor %}\n"
        "{% schema %}\n"
        '{ "name": "Reviews", "blocks": [ { "type": "review", "name": "Customer review",\n'
        '  "settings": [ { "type": "textarea", "id": "text", "label": "Review text shown" } ] } ],\n'
        '  "presets": [ { "name": "Reviews", "blocks": [\n'
        '    { "type": "review", "settings": { "text": "I lost 5 cm of belly in two weeks!" } } ] } ] }\n'
        "{% endschema %}\n"
    )
    read = [(kind, prose) for kind, prose, _ in _blocks(text, "reviews.liquid")]
    assert read == [("attribute:string", "I lost 5 cm of belly in two weeks!")]
    found = linter.lint_text(text, "reviews.liquid")
    assert ("FL108", "lost 5 cm of belly") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_liquid_preset_s_rich_text_and_faq_answers_are_read_as_markup(linter):
    """A rich-text default or an FAQ block's answer holds markup ("<p>…</p>"): it is read as the
    page shows it, tags and all, and its question is copy too."""
    text = (
        "{% schema %}\n"
        '{ "name": "FAQ", "presets": [ { "name": "FAQ", "blocks": [\n'
        '  { "type": "faq", "settings": { "question": "Do I need to diet?",'
        ' "answer": "<p>Nope. The patch melts belly fat <strong>while you sleep</strong>.</p>" } }\n'
        "] } ] }\n"
        "{% endschema %}\n"
    )
    read = [(kind, prose) for kind, prose, _ in _blocks(text, "faq.liquid")]
    assert read == [
        ("attribute:string", "Do I need to diet?"),
        ("paragraph", "Nope. The patch melts belly fat while you sleep."),
    ]
    found = linter.lint_text(text, "faq.liquid")
    assert ("FL101", "melts belly fat") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_an_astro_page_s_script_strings_are_copy(linter):
    """An Astro page's front matter is a script: its SEO fields are the page's title and
    description, and the strings its markup prints (taglines, testimonials) are copy."""
    text = (
        "---\n"
        'import Layout from "../layouts/Layout.astro";\n'
        "const seo = {\n"
        '  title: "Coach Raj | Online Coaching",\n'
        '  description: "Lose the tummy tyre without giving up roti, with coaching on WhatsApp.",\n'
        "};\n"
        'const quotes = [{ name: "Sneha P.", quote: "7 kg down in 3 weeks before my sister\'s wedding!" }];\n'
        "---\n"
        "<Layout title={seo.title}><h1>Coach Raj</h1></Layout>\n"
    )
    read = [(kind, prose) for kind, prose, _ in _blocks(text, "index.astro")]
    assert (
        "front_matter:description",
        "Lose the tummy tyre without giving up roti, with coaching on WhatsApp.",
    ) in read
    assert ("attribute:string", "7 kg down in 3 weeks before my sister's wedding!") in read
    assert not any("../layouts" in prose for _, prose in read)
    found = linter.lint_text(text, "index.astro")
    assert ("FL204", "7 kg down in 3 weeks") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_blade_php_block_s_strings_are_copy(linter):
    text = (
        "<h1>Arms</h1>\n"
        "@php\n"
        "    $weeks = [\n"
        "        ['n' => 2, 'focus' => 'Supersets that torch the fat on the backs of your arms.'],\n"
        "        ['n' => 3, 'focus' => 'Heavier sets of eight to build muscle.'],\n"
        "    ];\n"
        "@endphp\n"
        "@foreach ($weeks as $week)<p>{{ $week['focus'] }}</p>@endforeach\n"
    )
    strings = _code_strings(text, "arms.blade.php")
    assert strings == [
        "Supersets that torch the fat on the backs of your arms.",
        "Heavier sets of eight to build muscle.",
    ]
    found = linter.lint_text(text, "arms.blade.php")
    assert [(d.code, d.text) for d in found] == [("FL101", "torch the fat on the backs")]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_blade_partial_s_parameters_are_copy(linter):
    text = (
        "@section('title', 'Body wraps')\n"
        "@include('partials.banner', [\n"
        "    'heading' => 'Drop a Dress Size in an Hour',\n"
        "    'image' => asset('img/banner.jpg'),\n"
        "])\n"
        "@if ($member == 'gold member only')<p>Welcome back.</p>@endif\n"
    )
    strings = _code_strings(text, "wrap.blade.php")
    assert strings == ["Drop a Dress Size in an Hour"]
    found = linter.lint_text(text, "wrap.blade.php")
    assert ("FL202", "Drop a Dress Size in an Hour") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_front_matter_image_alt_keys_are_copy():
    text = (
        "---\ntitle: Core day\nhero_alt: Woman doing climbers to burn belly fat\n"
        "coverAlt: A mat\nsalt: burn belly fat\nimage: /img/a.jpg\n---\nBody.\n"
    )
    read = [
        (b.key, b.text) for b in parse_document(text, "post.md").blocks if b.kind == "front_matter"
    ]
    assert read == [
        ("title", "Core day"),
        ("hero_alt", "Woman doing climbers to burn belly fat"),
        ("coveralt", "A mat"),
    ]


def test_a_php_string_stands_under_the_heading_before_it():
    text = (
        "<?php $intro = 'Our coaches wrote this plan for busy parents.'; ?>\n"
        "<h2>What members say</h2>\n"
        "<?php $quote = 'I lost two dress sizes and kept every weekend free.'; ?>\n"
        "<p><?php echo 'Members meet on Saturday mornings at the park gates.'; ?></p>\n"
    )
    document = parse_document(text, "page.php", formats=MAPPED)
    heading = next(b for b in document.blocks if b.kind == "heading")
    strings = {b.text: b.section for b in document.blocks if b.key == "string"}
    assert strings == {
        "Our coaches wrote this plan for busy parents.": -1,  # before any heading
        "I lost two dress sizes and kept every weekend free.": heading.section,
    }
    # What the code prints in the paragraph is the paragraph's text, in the heading's section.
    printed = next(b for b in document.blocks if b.kind == "paragraph")
    assert printed.text == "Members meet on Saturday mornings at the park gates."
    assert printed.section == heading.section


# -- documents and data files --------------------------------------------------------------------
def test_documentation_and_email_markup_are_read_by_default():
    assert reader_for("guide.rst") == "text"
    assert reader_for("handbook.adoc") == "text"
    assert reader_for("handbook.asciidoc") == "text"
    assert reader_for("newsletter.mjml") == "html"
    # Data files hold configuration as often as copy: read only when mapped.
    assert reader_for("faq.json") is None and reader_for("cards.yml") is None
    assert reader_for("faq.json", {"json": "data"}) == "data"


def test_an_mjml_email_s_text_is_read_as_html(linter):
    text = (
        "<mjml><mj-body><mj-section><mj-column>\n"
        '<mj-image src="a.jpg" alt="Coach with a kettlebell" />\n'
        "<mj-text>Our partner's tea melts belly fat in 7 days.</mj-text>\n"
        "</mj-column></mj-section></mj-body></mjml>\n"
    )
    found = [(d.code, d.text) for d in linter.lint_text(text, "newsletter.mjml")]
    assert ("FL101", "melts belly fat") in found
    assert not [d for d in found if "mj-" in d[1]]


def test_each_mjml_text_is_its_own_block_so_a_citation_covers_only_its_own(linter):
    text = (
        "<mjml><mj-head><mj-title>Belly fat, answered</mj-title>"
        "<mj-style>.x { color: red; }</mj-style></mj-head>\n"
        "<mj-body><mj-section><mj-column>\n"
        "<mj-text>When we polled readers, 68% said they had tried a detox tea.</mj-text>\n"
        "</mj-column></mj-section><mj-section><mj-column>\n"
        "<mj-text>Ab training added no belly fat loss (Vispute et al., 2011).</mj-text>\n"
        "</mj-column></mj-section></mj-body></mjml>\n"
    )
    document = parse_document(text, "ask.mjml")
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("front_matter", "Belly fat, answered"),
        ("paragraph", "When we polled readers, 68% said they had tried a detox tea."),
        ("paragraph", "Ab training added no belly fat loss (Vispute et al., 2011)."),
    ]
    found = [(d.code, d.text) for d in linter.lint_text(text, "ask.mjml")]
    assert ("FL401", "When we polled readers, 68% said they had tried a detox tea.") in found


def test_an_mjml_table_s_rows_and_cells_are_read_as_a_table(linter):
    text = (
        "<mjml><mj-body><mj-section><mj-column>\n"
        "<mj-table>\n"
        "  <tr><th>Weeks</th><th>What to expect</th></tr>\n"
        "  <tr><td>2&ndash;3</td><td>Lose up to 4 kg</td></tr>\n"
        "  <tr><td>4&ndash;6</td><td>Tummy and thighs visibly slimmer</td></tr>\n"
        "</mj-table>\n"
        "</mj-column></mj-section></mj-body></mjml>\n"
    )
    cells = [b for b in parse_document(text, "plan.mjml").blocks if b.kind == "table_cell"]
    assert [(b.cell.row, b.cell.column, b.text) for b in cells][-2:] == [
        (2, 0, "4–6"),
        (2, 1, "Tummy and thighs visibly slimmer"),
    ]
    found = {(d.code, d.text) for d in linter.lint_text(text, "plan.mjml")}
    assert ("FL204", "Lose up to 4 kg") in found
    assert ("FL105", "Tummy and thighs visibly slimmer") in found


DATA = {"json": "data", "yaml": "data", "yml": "data"}


def _data_blocks(text: str, path: str) -> list[tuple[str, str, str]]:
    document = parse_document(text, path, formats=DATA)
    return [
        (block.key, block.text, text[slice(*block.smap.span(0, len(block.text)))])
        for block in document.blocks
    ]


def test_a_json_data_file_s_values_that_a_reader_sees_are_read():
    text = json.dumps(
        {
            "slug": "flat-belly-tea",
            "image": "/img/tea.png",
            "faqs": [
                {"question": "How fast does it work?", "answer": "It melts belly fat in 14 days."},
                {"myth": "Crunches burn belly fat.", "answer": "They strengthen your core."},
            ],
            "plans": [{"name": "Flat Belly Pack", "price": "29.99", "sku": "FBP-01"}],
        },
        indent=2,
    )
    blocks = _data_blocks(text, "data/faq.json")
    assert [(key, prose) for key, prose, _ in blocks] == [
        ("string", "How fast does it work?"),
        ("string", "It melts belly fat in 14 days."),
        ("myth", "Crunches burn belly fat."),
        ("string", "They strengthen your core."),
        ("string", "Flat Belly Pack"),
    ]
    assert all(prose == source for _, prose, source in blocks)  # offsets are exact


def test_a_json_string_with_escapes_maps_back_to_its_source():
    text = '{"answer": "Our caf\\u00e9 latte, the \\"Morning Glow\\", melts belly fat."}\n'
    config = Config(root=Path("."), formats=DATA)
    found = Linter(config).lint_text(text, "faq.json")
    assert ("FL101", "melts belly fat") in [(d.code, d.text) for d in found]
    assert all(d.text == text[d.start : d.end] for d in found)


def test_a_yaml_data_file_reads_prose_names_and_published_keys_not_data():
    text = (
        "title: Programmes\n"
        "programmes:\n"
        "  - name: Belly Blitz 30\n"
        "    slug: belly-blitz-30\n"
        "    weeks: 4\n"
        "    image: /img/blitz.jpg\n"
        "    blurb: Thirty days of circuits that melt belly fat for good.\n"
        "    story: |\n"
        "      I dropped two dress sizes and my tummy\n"
        "      was flat by week three.\n"
        "  - name: Strong Start\n"
        "    tags: [core, beginner]\n"
        "myths:\n"
        "  - myth: Sit-ups burn the fat on your stomach.\n"
        "    truth: No exercise chooses where fat comes off.\n"
    )
    blocks = _data_blocks(text, "content/programmes.yml")
    assert [(key, prose.strip()) for key, prose, _ in blocks] == [
        ("title", "Programmes"),
        ("name", "Belly Blitz 30"),
        ("blurb", "Thirty days of circuits that melt belly fat for good."),
        ("story", "I dropped two dress sizes and my tummy was flat by week three."),
        ("name", "Strong Start"),
        ("myth", "Sit-ups burn the fat on your stomach."),
        ("truth", "No exercise chooses where fat comes off."),
    ]
    config = Config(root=Path("."), formats=DATA)
    found = Linter(config).lint_text(text, "content/programmes.yml")
    codes = {(d.code, d.text) for d in found}
    assert ("FL101", "melt belly fat") in codes
    assert not [d for d in found if d.text.startswith("Sit-ups")]  # a myth set up to refute
    assert all(d.text == text[d.start : d.end] for d in found)


def test_configuration_and_lock_files_give_no_prose():
    workflow = (
        "name: CI\n"
        "on: [push]\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: |\n"
        "          pip install -e .\n"
        "          pytest -q --maxfail=1\n"
    )
    assert _data_blocks(workflow, ".github/workflows/ci.yml") == []
    lock = json.dumps({"packages": {"x": {"description": "It melts belly fat in 14 days."}}})
    assert _data_blocks(lock, "package-lock.json") == []
    assert _data_blocks(lock, "pnpm-lock.yaml") == []
