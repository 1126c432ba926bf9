"""Markdown and plain text → prose blocks with exact source maps."""

from __future__ import annotations

from fitlint.document import parse_document


def _blocks(text: str, path: str = "post.md"):
    document = parse_document(text, path)
    out = []
    for block in document.blocks:
        start, end = block.smap.span(0, len(block.text))
        out.append((block.kind, block.text, text[start:end]))
    return document, out


def test_headings_paragraphs_lists_quotes_and_tables_are_prose():
    text = (
        "# Title *here*\n\n"
        "> quoted **bold** text\n> lazy line\n\n"
        "- item [link text](https://example.com/page) end\n"
        "  continued `inline code` x\n\n"
        "| head | other |\n|---|---|\n| cell one | cell &amp; two |\n"
    )
    _, blocks = _blocks(text)
    kinds = [kind for kind, _, _ in blocks]
    assert kinds == [
        "heading",
        "paragraph",
        "list_item",
        "table_cell",
        "table_cell",
        "table_cell",
        "table_cell",
    ]
    assert blocks[0][1] == "Title here"
    assert blocks[1][1] == "quoted bold text lazy line"
    assert blocks[2][1] == "item link text end continued   x"  # URL and inline code dropped
    assert blocks[-1][1] == "cell & two"
    assert blocks[-1][2] == "cell &amp; two"  # the entity maps back to its source


def test_code_html_comments_and_link_urls_are_not_prose():
    text = (
        "```\nburn belly fat\n```\n\n"
        "    indented code burn belly fat\n\n"
        "<!-- burn belly fat -->\n\n"
        "See <https://burn-belly-fat.example>.\n"
    )
    document, blocks = _blocks(text)
    joined = " ".join(prose for _, prose, _ in blocks)
    assert "burn" not in joined
    assert {0, 1, 2, 4} <= document.code_lines


def test_an_images_alt_text_is_copy_and_its_url_is_not():
    text = "- Step one ![Jo *before* and after: 4 inches off](/img/burn-belly-fat.jpg) today\n"
    document = parse_document(text, "doc.md")
    alts = [b for b in document.blocks if b.kind == "attribute"]
    assert [(b.text, b.key, b.line, b.containers) for b in alts] == [
        ("Jo before and after: 4 inches off", "alt", 0, ("list_item",))
    ]
    start, end = alts[0].source_span(0, len(alts[0].text))
    assert text[start:end] == "Jo *before* and after: 4 inches off"
    item = next(b for b in document.blocks if b.kind == "list_item")
    assert "burn" not in item.text and "inches" not in item.text


def test_an_alt_text_that_repeats_the_title_is_not_copied_again():
    text = "---\ntitle: Lose Face Fat Fast\n---\n\n![Lose face fat fast](/cover.jpg)\n\n![Jo at week 4](/jo.jpg)\n"
    alts = [b.text for b in parse_document(text, "doc.md").blocks if b.kind == "attribute"]
    assert alts == ["Jo at week 4"]


def test_a_wiki_link_reads_as_the_words_it_shows():
    text = "To flatten the [[lower_chest_fat | lower chest fat]] region, see [[beerbiceps]].\n"
    (block,) = parse_document(text, "note.md").blocks
    assert block.text == "To flatten the lower chest fat region, see beerbiceps."
    at = block.text.index("lower")
    start, end = block.smap.span(at, at + len("lower chest fat"))
    assert text[start:end] == "lower chest fat"


def test_an_alt_text_over_two_lines_keeps_its_words_apart():
    text = "![Lose belly\nfat fast](y.png)\n"
    (alt,) = [b for b in parse_document(text, "doc.md").blocks if b.kind == "attribute"]
    assert alt.text == "Lose belly fat fast"


def test_a_fence_that_holds_email_copy_is_read_as_prose():
    email = (
        "Hi {first_name},\n\n"
        "Thanks for joining the programme. This week we start slowly and build the habit first.\n\n"
        "- Most people who quit do so in the first two weeks, so keep your sessions short.\n"
        "- Walk after dinner on the days you do not lift.\n\n"
        "See you on Monday, and reply to this email with any questions you have.\n"
    )
    text = "### Content:\n```\n" + email + "```\n"
    document, blocks = _blocks(text)
    assert [kind for kind, _, _ in blocks] == [
        "heading",
        "paragraph",
        "paragraph",
        "list_item",
        "list_item",
        "paragraph",
    ]
    assert (
        blocks[3][1]
        == blocks[3][2]
        == "Most people who quit do so in the first two weeks, so keep your sessions short."
    )
    assert document.code_lines == set()
    html = (
        "```html\n<table><tr><td>\n<p>"
        + email.replace("\n\n", "</p>\n<p>")
        + "</p>\n</td></tr></table>\n```\n"
    )
    _, blocks = _blocks(html)
    assert "Thanks for joining the programme." in " ".join(prose for _, prose, _ in blocks)


def test_a_fence_of_commands_config_or_code_stays_code():
    for fence in (
        "```\n$ fitlint check docs/ --format json\ndocs/a.md:3:1: FL101 [warning] 'burn belly fat' promises to burn fat off one body part, which the\n  = rewrite: Say what the exercise really does and where fat loss comes from, in words.\n```\n",
        "```yaml\ntitle: Burn belly fat with these moves and lose weight fast this week\ndescription: The quick brown fox jumps over the lazy dog again and again, then rests.\n```\n",
        "```python\nprint('Burn belly fat with these moves. The quick brown fox jumps over the lazy dog again and again.')\n```\n",
    ):
        _, blocks = _blocks(fence)
        assert blocks == [], fence


def test_front_matter_only_published_keys():
    text = '---\ntitle: "Burn Belly Fat"\nslug: burn-belly-fat\ndescription: >-\n  Melt your\n  love handles\n---\nBody.\n'
    _, blocks = _blocks(text)
    assert [(k, p) for k, p, _ in blocks] == [
        ("front_matter", "Burn Belly Fat"),
        ("front_matter", "Melt your love handles"),
        ("paragraph", "Body."),
    ]
    assert blocks[0][2] == "Burn Belly Fat"


def test_front_matter_keys_a_theme_prints_are_published():
    """A theme prints a hero's tagline and a Pinterest title; "pin-title" reads as "pin_title"."""
    text = '---\ntagline: "Melt belly fat"\npin-title: Flat Belly Smoothie\nlayout: recipe\n---\nBody.\n'
    _, blocks = _blocks(text)
    assert [p for _, p, _ in blocks] == ["Melt belly fat", "Flat Belly Smoothie", "Body."]


def test_front_matter_list_items_are_each_their_own_block():
    """A product page prints "badges" and "features" as separate lines: each item is its own
    block, mapped to its own words (quoted, single-quoted or plain; inline or one per line);
    list keys that are data ("tags") are not read."""
    text = (
        "---\nbadges: [\"Bestseller\", 'Lose 5 kg in 2 weeks', plain item]\n"
        'features:\n  - "Melts belly fat"\n  - Custom diet chart\n'
        'tags: ["lose 5 kg fast"]\n---\nBody.\n'
    )
    _, blocks = _blocks(text)
    assert [(k, p, s) for k, p, s in blocks] == [
        ("front_matter", "Bestseller", "Bestseller"),
        ("front_matter", "Lose 5 kg in 2 weeks", "Lose 5 kg in 2 weeks"),
        ("front_matter", "plain item", "plain item"),
        ("front_matter", "Melts belly fat", "Melts belly fat"),
        ("front_matter", "Custom diet chart", "Custom diet chart"),
        ("paragraph", "Body.", "Body."),
    ]


def test_front_matter_names_of_listed_classes_are_read_but_not_people_s():
    """A data list of classes or plans prints each "name" on its card ("Belly Blitz"); a
    testimonial's name ("Chioma, Lekki"), a one-word name and other fields are not copy."""
    text = (
        "---\nclasses:\n  - slug: belly-blitz\n    name: Belly Blitz\n    length: 30\n"
        '  - name: "Chioma, Lekki"\n  - name: Spin\n---\nBody.\n'
    )
    _, blocks = _blocks(text)
    assert [(k, p, s) for k, p, s in blocks] == [
        ("front_matter", "Belly Blitz", "Belly Blitz"),
        ("paragraph", "Body.", "Body."),
    ]


def test_front_matter_benefit_lines_under_data_keys_are_read():
    """A class card's benefit line sits under a data key ("kcal: Burns up to 450 kcal"); the page
    prints it. Other data values ("intensity: High", "length: 30") are not copy."""
    text = "---\nclasses:\n  - kcal: Burns up to 450 kcal\n    intensity: Moderate to high\n    length: 30\n---\nBody.\n"
    _, blocks = _blocks(text)
    assert [(k, p) for k, p, _ in blocks] == [
        ("front_matter", "Burns up to 450 kcal"),
        ("paragraph", "Body."),
    ]


def test_front_matter_benefit_keys_of_listed_items_are_read():
    """A listed pose's "benefit" is printed on its card, whatever verb opens it."""
    text = (
        "---\nposes:\n  - name: Bow Pose\n"
        "    benefit: Squeezes the stomach and burns fat from the sides.\n---\nBody.\n"
    )
    _, blocks = _blocks(text)
    assert [(k, p) for k, p, _ in blocks] == [
        ("front_matter", "Bow Pose"),
        ("front_matter", "Squeezes the stomach and burns fat from the sides."),
        ("paragraph", "Body."),
    ]


def test_front_matter_snippet_keys_in_camel_case_are_published():
    """ "pinterestTitle" and "seoDescription" are the pin's and the search result's copy, as
    "pin_title" is; "ogTitle" is a social card."""
    text = (
        '---\npinterestTitle: "Belly Fat Burning Foods"\nogTitle: Flat Belly\n'
        "subTitle: Slim down for summer\n---\nBody.\n"
    )
    _, blocks = _blocks(text)
    assert [p for _, p, _ in blocks] == ["Belly Fat Burning Foods", "Slim down for summer", "Body."]


def test_toml_front_matter():
    _, blocks = _blocks('+++\ntitle = "Waist Whittler"\ndraft = true\n+++\n\nText.\n')
    assert blocks[0][:2] == ("front_matter", "Waist Whittler")


def test_html_block_text_is_prose_but_not_script_or_comment():
    text = "<div>\n<p>Lose a size&nbsp;in 28 days</p>\n<script>burn()</script>\n<!-- hidden -->\n</div>\n"
    _, blocks = _blocks(text)
    assert [(k, p) for k, p, _ in blocks] == [("paragraph", "Lose a size\xa0in 28 days")]
    assert blocks[0][2] == "Lose a size&nbsp;in 28 days"


def test_crlf_tabs_and_emoji_map_exactly():
    text = "# Go 💪\r\n\r\n-\tTabbed item 🏋️ burn\r\n- second\r\n"
    document, blocks = _blocks(text)
    assert blocks[0][1:] == ("Go 💪", "Go 💪")
    assert blocks[1][1] == "Tabbed item 🏋️ burn"
    assert blocks[1][2] == "Tabbed item 🏋️ burn"


def test_plain_text_paragraphs_and_headings():
    # One paragraph per line, no blank lines: each line stands alone; short lines are headings.
    text = "Spot reduction myths\nWork the muscle, not the fat.\nWhy is it popular?\nBecause ads say so.\n"
    _, blocks = _blocks(text, "seed.txt")
    assert [k for k, _, _ in blocks] == ["heading", "paragraph", "heading", "paragraph"]
    # Hard-wrapped prose is joined back into one paragraph.
    wrapped = "This is a long line of prose that has been wrapped at a fixed\nwidth by an editor, and it goes on.\n"
    _, blocks = _blocks(wrapped, "wrapped.txt")
    assert [(k, p) for k, p, _ in blocks] == [
        (
            "paragraph",
            "This is a long line of prose that has been wrapped at a fixed width by an editor, and it goes on.",
        )
    ]
    text = "The belief\n\nCrunches burn calories.\n\nFinal words\n\nThe end.\n"
    _, blocks = _blocks(text, "seed.txt")
    assert [k for k, _, _ in blocks] == ["heading", "paragraph", "heading", "paragraph"]


def test_footnotes_are_recorded():
    text = "Claim here[^1].\n\n[^1]: A source.\n"
    document = parse_document(text, "a.md")
    assert document.blocks[0].footnote_refs == [(10, "1")]
    assert document.footnote_definitions == {"1": 2}


def test_an_mdx_citation_component_is_a_footnote_reference(linter):
    """<Cite id="…" /> and <Ref n={2} /> render as numbered links to the reference list: the
    sentence they close is cited, as with a footnote reference; other components are not."""
    text = (
        'In one trial of 585 adults, biceps size changed by -2% to +59% <Cite id="hubal" />.\n\n'
        "A meta-analysis found 0.37% more growth per weekly set <Ref n={2} />.\n\n"
        'Studies show 80% of people lose more fat <Badge text="new" />.\n'
    )
    document = parse_document(text, "post.mdx")
    assert [block.footnote_refs for block in document.blocks] == [[(63, "hubal")], [(55, "2")], []]
    found = [
        d.code for d in linter.lint_text(text, "post.mdx") if d.category == "uncited-statistic"
    ]
    assert found == ["FL402"]


def test_deeply_nested_containers_do_not_recurse_forever():
    text = "".join("> " * depth + "- item\n" for depth in range(1, 40)) + ">" * 40 + " deep text\n"
    document = parse_document(text, "deep.md")
    assert any("deep text" in block.text for block in document.blocks)
    # Past the parser's nesting limit text is dropped, but nothing crashes.
    parse_document(">" * 5000 + " very deep\n" + "- " * 3000 + "x\n", "deeper.md")


def test_a_snippet_s_copy_of_a_published_key_and_a_nested_alt_are_read():
    """``seo_title`` and ``pin-description`` copy the title and description into a search result
    or a pin; ``og_title`` is a social card and stays unread. An image's alt text is read where
    the front matter nests it, and the keys beside it are not read into it."""
    text = (
        "---\nseo_title: Burn belly fat\npin-description: Melt thigh fat\nog_title: Flat tummy\n"
        'image:\n  src: hero.jpg\n  alt: "Tea for belly fat loss"\n  caption_id: 7\n---\nBody.\n'
    )
    _, blocks = _blocks(text)
    assert [p for _, p, _ in blocks] == [
        "Burn belly fat",
        "Melt thigh fat",
        "Tea for belly fat loss",
        "Body.",
    ]


def test_a_stretch_of_time_set_apart_is_read_with_the_sentence_before():
    """Testimonials set the time apart ("… Only 20 days!"): it is part of the result before it,
    so the pre-filter's sentences keep the two together; a sentence that goes on is its own."""
    from fitlint.document.sentences import split_sentences

    text = "My tummy shrank. Only 20 days! Three weeks later, I tried again. In a fortnight."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "My tummy shrank. Only 20 days!",
        "Three weeks later, I tried again. In a fortnight.",
    ]


def test_a_headline_of_short_fragments_ending_in_a_stretch_of_time_is_one_sentence(linter):
    """ "Flat tummy. Snatched waist. In 28 days." is one promise set out in fragments; a longer
    sentence before the fragments stays apart."""
    from fitlint.document.sentences import split_sentences

    text = "I walked every day for years. Flat tummy. Slim arms. In 28 days."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "I walked every day for years.",
        "Flat tummy. Slim arms. In 28 days.",
    ]
    found = linter.lint_text("# Flat tummy. Slim arms. In 28 days.\n", "hero.md")
    assert ("FL211", "Flat tummy. Slim arms. In 28 days") in [(d.code, d.text) for d in found]
    questions = "Did it work? Yes. In 28 days."
    assert [questions[s:e] for s, e in split_sentences(questions)] == [
        "Did it work?",
        "Yes. In 28 days.",
    ]
