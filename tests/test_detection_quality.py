"""Detection quality, measured with the evaluation script on labelled corpora.

These are regression floors, not the measurement itself: run `python -m fitlint.eval` for the
figures. The shared corpus floors are the targets the project committed to.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED, needs_shared

from fitlint.eval import evaluate


@pytest.fixture(scope="module")
def own_scores(linter):
    return evaluate(FIXTURES / "eval", FIXTURES / "eval" / "LABELS.tsv", linter)


@pytest.mark.parametrize(
    "label,min_recall,min_precision",
    [("SPOT_PROMISE", 0.9, 0.95), ("QUICKFIX_PROMISE", 0.85, 0.9), ("STAT_UNCITED", 0.85, 0.9)],
)
def test_own_evaluation_set(own_scores, label, min_recall, min_precision):
    score = own_scores[label]
    assert score.labelled >= 5
    _meets(score, (min_recall, min_precision))


# Floors per shared corpus: (recall, precision). `real` is the set the first rules were tuned
# on; `real2` and `real2b` were labelled blind by others. Where their conventions differ, the
# rules follow the blind sets: on `real`, three quick-fix "false alarms" are rates above 1 kg a
# week (CAP 13.10) its labels leave unmarked, and three are titles and excerpts that sell "quick
# weight loss" or "rapid results", which `real2b` labels as promises; one is a call to "watch your
# pounds drop away", the FTC's own example of a weight-loss claim. Likewise two spot "false
# alarms" there are a diet said to "blast through your belly-fat", which the corpus conventions
# (diets claimed to take fat off one part) and the blind sets count as spot promises. The floors
# record that.
SHARED_FLOORS = {
    "real": {
        "SPOT_PROMISE": (0.9, 0.78),
        "QUICKFIX_PROMISE": (0.9, 0.6),
        "STAT_UNCITED": (0.95, 0.9),
        "DUP_SECTION": (0.95, 0.95),
    },
    # real2 labels an image's repeated Pinterest description on one page and not on another
    # (inside hidden carousels); each image is reported, which costs precision there.
    "real2": {
        "SPOT_PROMISE": (0.85, 0.85),
        # 0.87 since comparatives ("shed weight faster") are no longer read as a promised pace:
        # two promises here went with them, and eight false alarms on the sealed sets.
        "QUICKFIX_PROMISE": (0.85, 0.68),
        "STAT_UNCITED": (0.8, 0.8),
        "DUP_SECTION": (0.8, 0.9),
    },
    # Measured once before any rule saw it (templates then unread: recall 0-0.1); since used for
    # development, so these floors guard against regressions, not generalisation.
    "real2b": {
        "SPOT_PROMISE": (0.75, 0.9),
        "QUICKFIX_PROMISE": (0.8, 0.85),
        "STAT_UNCITED": (0.75, 0.85),
        "DUP_SECTION": (0.9, 0.9),
    },
}

# fixtures/dev2: a second set written blind for this project (first run: spot .53/.82, quick-fix
# .36/.90, statistics .64/.66, duplicates .62/.38), since used for development.
DEV2_FLOORS = {
    "SPOT_PROMISE": (0.85, 0.9),
    "QUICKFIX_PROMISE": (0.75, 0.85),
    "STAT_UNCITED": (0.8, 0.85),
    "DUP_SECTION": (0.9, 0.9),
}


# fixtures/dev3: a third set written blind (first run: spot .50/.85, quick-fix .37/.80, statistics
# .78/.76, duplicates 1.0/.83); 30 of its 37 files were then used for development.
DEV3_FLOORS = {
    "SPOT_PROMISE": (0.7, 0.85),
    "QUICKFIX_PROMISE": (0.6, 0.8),
    "STAT_UNCITED": (0.8, 0.75),
    "DUP_SECTION": (0.8, 0.8),
}


# fixtures/dev4: a fourth set written blind (first run: spot .54/.84, quick-fix .35/.82, statistics
# .72/.74, duplicates 1.0/.78); 18 of its 30 files were then used for development, 12 kept unseen.
DEV4_FLOORS = {
    "SPOT_PROMISE": (0.75, 0.89),
    "QUICKFIX_PROMISE": (0.64, 0.9),
    "STAT_UNCITED": (0.8, 0.78),
    "DUP_SECTION": (0.9, 0.9),
}


# fixtures/dev5: a fifth set written blind (first run: spot .45/.84, quick-fix .35/.76, statistics
# .60/.74, duplicates .83/1.0); 17 of its 24 files are used for development, 7 kept unseen.
DEV5_FLOORS = {
    "SPOT_PROMISE": (0.64, 0.86),
    "QUICKFIX_PROMISE": (0.58, 0.82),
    "STAT_UNCITED": (0.8, 0.82),
    "DUP_SECTION": (0.9, 0.9),
}


# fixtures/dev6: a sixth set written blind, in idiomatic and regional wording (first run: spot
# .32/.81, quick-fix .33/.72, statistics .62/.80); 16 of its 24 files are used for development.
DEV6_FLOORS = {
    "SPOT_PROMISE": (0.46, 0.84),
    "QUICKFIX_PROMISE": (0.45, 0.77),
    "STAT_UNCITED": (0.7, 0.8),
    "DUP_SECTION": (0.85, 0.85),
}
# fixtures/dev7: a seventh set written blind, in mainstream marketing wording (first run: spot
# .59/.90, quick-fix .63/.79, statistics .82/.73, duplicates .83/.83); 16 of its 24 files are
# used for development, 8 kept unseen.
DEV7_FLOORS = {
    "SPOT_PROMISE": (0.73, 0.9),
    "QUICKFIX_PROMISE": (0.72, 0.81),
    "STAT_UNCITED": (0.8, 0.71),
    "DUP_SECTION": (0.95, 0.95),
}
# fixtures/dev8: an eighth set written blind (marketplace listings, notification decks, captions,
# press releases, clinic FAQs, forums, podcasts; first run: spot .57/.86, quick-fix .61/.64,
# statistics .69/.77, duplicates .75/.60); 16 of its 24 files are used for development. Its
# writer labels what most of a group lose ("Most members drop a dress size in 14 days") as a
# quick fix only, where dev4 and dev7 also label it a statistic: statistics precision .76.
DEV8_FLOORS = {
    "SPOT_PROMISE": (0.6, 0.85),
    "QUICKFIX_PROMISE": (0.62, 0.64),
    "STAT_UNCITED": (0.72, 0.75),
    "DUP_SECTION": (0.7, 0.8),
}
# fixtures/dev9: a ninth set written blind (listicles, Liquid, JSX and Astro product pages,
# advertorials, store listings, video descriptions; first run, its templates read: spot .47/.88,
# quick-fix .43/.84, statistics .67/.62, duplicates .88/.50); 16 of its 24 files for development.
DEV9_FLOORS = {
    "SPOT_PROMISE": (0.5, 0.9),
    "QUICKFIX_PROMISE": (0.53, 0.85),
    "STAT_UNCITED": (0.64, 0.72),
    "DUP_SECTION": (0.85, 0.95),
}
# fixtures/dev10: a tenth set written blind in the shape of copy kept in public repositories
# (affiliate landers, student PHP sites, cached WordPress posts; first run: spot .68/.90, quick-fix
# .73/.82, statistics .63/.57, duplicates 1.00/.75); 16 of its 24 files for development.
DEV10_FLOORS = {
    "SPOT_PROMISE": (0.67, 0.88),
    "QUICKFIX_PROMISE": (0.74, 0.8),
    "STAT_UNCITED": (0.6, 0.64),
    "DUP_SECTION": (0.95, 0.7),
}

# fixtures/dev11: an eleventh set written blind (gym, studio and shop pages, WordPress, Shopify,
# Eleventy, Rails, Ghost and Symfony templates, app-store text, an HTML newsletter; first run: spot
# .62/.93, quick-fix .47/.77, statistics .74/.74, duplicates .88/1.00); 16 of its 24 files for
# development.
DEV11_FLOORS = {
    "SPOT_PROMISE": (0.7, 0.9),
    "QUICKFIX_PROMISE": (0.56, 0.78),
    "STAT_UNCITED": (0.7, 0.74),
    "DUP_SECTION": (0.85, 0.95),
}
# fixtures/dev12: a twelfth set written blind (editorial and creator copy: listicles,
# newsletters, clinic and dietitian blogs, course pages, a forum thread; first run: spot .52/.83,
# quick-fix .52/.78, statistics .67/.59, duplicates 1.00/.78). Kept sealed whole: these floors only
# guard against a regression on copy no rule was tuned on.
DEV12_FLOORS = {
    "SPOT_PROMISE": (0.5, 0.8),
    "QUICKFIX_PROMISE": (0.48, 0.72),
    "STAT_UNCITED": (0.62, 0.55),
    "DUP_SECTION": (0.95, 0.7),
}

# fixtures/dev13: a thirteenth set written blind (copy as content repositories hold it: Hugo,
# Jekyll, Eleventy, Gatsby and Docusaurus posts with front matter, HTML pages, Liquid and PHP
# templates, in UK, Australian, Indian, Irish and US English; first run: spot .66/.81, quick-fix
# .55/.70, statistics .65/.60, duplicates 1.00/1.00); 16 of its 24 files for development.
DEV13_FLOORS = {
    "SPOT_PROMISE": (0.63, 0.78),
    "QUICKFIX_PROMISE": (0.52, 0.66),
    "STAT_UNCITED": (0.6, 0.55),
    "DUP_SECTION": (0.95, 0.95),
}

# fixtures/dev14: a fourteenth set written blind (shop and marketing copy: Shopify, WooCommerce,
# Blade and Nunjucks templates, landers, emails, an app-store listing, affiliate roundups; first
# run: spot .60/.86, quick-fix .62/.83, statistics .83/.67, duplicates 1.00/.88); 16 of its 24
# files for development.
DEV14_FLOORS = {
    "SPOT_PROMISE": (0.6, 0.83),
    "QUICKFIX_PROMISE": (0.65, 0.8),
    "STAT_UNCITED": (0.8, 0.65),
    "DUP_SECTION": (0.95, 0.85),
}
# fixtures/dev15: a fifteenth set written blind (community copy: forum threads, captions, a club
# site, a podcast transcript, a news story, a myths wiki, course notes; first run: spot .66/.80,
# quick-fix .62/.66, statistics .56/.51, duplicates .88/.50); 16 of its 24 files for development.
DEV15_FLOORS = {
    "SPOT_PROMISE": (0.68, 0.78),
    "QUICKFIX_PROMISE": (0.66, 0.66),
    "STAT_UNCITED": (0.54, 0.55),
    "DUP_SECTION": (0.85, 0.95),
}

# fixtures/dev16: a sixteenth set written blind (editorial and blog copy as small sites publish
# it: WordPress, Jekyll, Hugo and Eleventy posts, SEO articles, an advertorial, a trainer's pages,
# an app README, PHP and Blade templates; first run: spot .73/.90, quick-fix .75/.85, statistics
# .82/.78, duplicates .88/.78); 16 of its 24 files for development.
DEV16_FLOORS = {
    "SPOT_PROMISE": (0.7, 0.87),
    "QUICKFIX_PROMISE": (0.74, 0.83),
    "STAT_UNCITED": (0.8, 0.75),
    "DUP_SECTION": (0.85, 0.75),
}

# fixtures/dev17: a seventeenth set written blind (copy in product and side-project repositories:
# JSX, TSX, Astro, MDX, Liquid, Blade, PHP, Nunjucks and Handlebars templates, emails, READMEs;
# first run: spot .67/.92, quick-fix .65/.80, statistics .58/.70, duplicates .75/1.00); 16 of its
# 24 files for development.
DEV17_FLOORS = {
    "SPOT_PROMISE": (0.65, 0.9),
    "QUICKFIX_PROMISE": (0.63, 0.78),
    "STAT_UNCITED": (0.56, 0.68),
    "DUP_SECTION": (0.7, 0.95),
}

# fixtures/dev18: an eighteenth set written blind (whole web pages as site repositories keep
# them: HTML with the site's chrome, WordPress theme and cache files, static-site posts,
# advertorials, clinic, gym and shop pages, a forum thread; first run: spot .76/.87, quick-fix
# .70/.78, statistics .79/.83, duplicates 1.00/.83); 16 of its 24 files for development.
DEV18_FLOORS = {
    "SPOT_PROMISE": (0.74, 0.84),
    "QUICKFIX_PROMISE": (0.68, 0.74),
    "STAT_UNCITED": (0.76, 0.8),
    "DUP_SECTION": (0.95, 0.8),
}

# fixtures/dev19: a nineteenth set written blind (short-form and channel copy: shop listings,
# app-store listings, newsletters and drip emails, caption calendars, show notes, a sales funnel;
# first run: spot .75/.89, quick-fix .64/.87, statistics .67/.74, duplicates .75/.60); 16 of its 24
# files for development.
DEV19_FLOORS = {
    "SPOT_PROMISE": (0.72, 0.86),
    "QUICKFIX_PROMISE": (0.62, 0.84),
    "STAT_UNCITED": (0.64, 0.7),
    "DUP_SECTION": (0.7, 0.55),
}

# fixtures/dev20: a twentieth set written blind (search-driven articles as content sites keep
# them: SEO how-to posts, listicles, affiliate round-ups, myth-versus-fact posts, study news,
# pillar pages; first run: spot .70/.91, quick-fix .66/.87, statistics .71/.85, duplicates
# .80/1.00); 16 of its 24 files for development.
DEV20_FLOORS = {
    "SPOT_PROMISE": (0.68, 0.88),
    "QUICKFIX_PROMISE": (0.68, 0.85),
    "STAT_UNCITED": (0.68, 0.82),
    "DUP_SECTION": (0.75, 0.95),
}

# fixtures/dev21: a twenty-first set written blind (spoken and user-generated copy: video,
# podcast and webinar transcripts, stream scripts, forum threads, reviews, comments, check-ins,
# an AMA; first run: spot .51/.90, quick-fix .50/.83, statistics .71/.70, duplicates .50/.50);
# 16 of its 24 files for development.
DEV21_FLOORS = {
    "SPOT_PROMISE": (0.53, 0.86),
    "QUICKFIX_PROMISE": (0.57, 0.83),
    "STAT_UNCITED": (0.7, 0.72),
    "DUP_SECTION": (0.6, 0.5),
}

# fixtures/dev22: a twenty-second set written blind (copy as public repositories keep it: student
# web projects, WordPress caches, Blade sales views, affiliate reviews, generated SEO articles,
# email sequences, video summaries, device sites, honest explainers; first run: spot .72/.90,
# quick-fix .67/.88, statistics .96/.82, duplicates 1.00/1.00); 16 of its 24 files for development.
DEV22_FLOORS = {
    "SPOT_PROMISE": (0.69, 0.89),
    "QUICKFIX_PROMISE": (0.66, 0.87),
    "STAT_UNCITED": (0.93, 0.79),
    "DUP_SECTION": (0.95, 0.95),
}

# fixtures/dev23: a twenty-third set written blind (copy as small sites publish it: advertorials,
# Liquid and Blade product pages, a Twig testimonials loop, clinic FAQs, show notes, listicles,
# honest explainers; first run: spot .71/.90, quick-fix .73/.90, statistics .76/.83, duplicates
# .80/1.00); 16 of its 24 files for development.
DEV23_FLOORS = {
    "SPOT_PROMISE": (0.69, 0.88),
    "QUICKFIX_PROMISE": (0.71, 0.88),
    "STAT_UNCITED": (0.74, 0.81),
    "DUP_SECTION": (0.78, 0.95),
}

# fixtures/dev24: a twenty-fourth set written blind (first run: spot .53/.92, quick-fix .45/.91,
# statistics .50/.68, duplicates .80/1.00); 16 of its 23 files for development.
DEV24_FLOORS = {
    "SPOT_PROMISE": (0.7, 0.92),
    "QUICKFIX_PROMISE": (0.62, 0.85),
    "STAT_UNCITED": (0.7, 0.72),
    "DUP_SECTION": (0.75, 0.95),
}

# fixtures/dev25: a twenty-fifth set written blind (copy produced at scale or by hurried and
# non-native writers; first run: spot .54/.86, quick-fix .52/.86, statistics .50/.68, duplicates
# .83/1.00); 16 of its 24 files for development.
DEV25_FLOORS = {
    "SPOT_PROMISE": (0.67, 0.87),
    "QUICKFIX_PROMISE": (0.69, 0.85),
    "STAT_UNCITED": (0.68, 0.74),
    "DUP_SECTION": (0.8, 0.95),
}

# fixtures/dev26: a twenty-sixth set written blind (ordinary content-site pages; first run: spot
# .81/.91, quick-fix .78/.89, statistics .78/.68, duplicates 1.00/1.00); 15 of its 22 files for
# development.
DEV26_FLOORS = {
    "SPOT_PROMISE": (0.8, 0.88),
    "QUICKFIX_PROMISE": (0.76, 0.86),
    "STAT_UNCITED": (0.75, 0.68),
    "DUP_SECTION": (0.95, 0.95),
}

# fixtures/dev27: a twenty-seventh set written blind (sites of several pages each: a student
# portal, a gym theme, app docs, video notes, advertorial landers, a coach's blog, a challenge
# funnel, a diary, press releases, a clinic; first run: spot .75/.90, quick-fix .67/.91,
# statistics .63/.83, duplicates 1.00/1.00); 17 of its 25 files for development.
DEV27_FLOORS = {
    "SPOT_PROMISE": (0.76, 0.9),
    "QUICKFIX_PROMISE": (0.64, 0.9),
    "STAT_UNCITED": (0.67, 0.8),
    "DUP_SECTION": (0.95, 0.95),
}

# fixtures/dev28: a twenty-eighth set written blind (a Shopify tea and cream shop, a trainer's
# Eleventy site, a step-counter app, meal-kit emails, a gym's WordPress export and feed, university
# factsheets, a men's shred site, a menopause coach, a Pilates studio, a creator's video scripts;
# first run: spot .62/.84, quick-fix .50/.86, statistics .77/.87, duplicates .67/1.00); 17 of its
# 25 files for development.
DEV28_FLOORS = {
    "SPOT_PROMISE": (0.66, 0.84),
    "QUICKFIX_PROMISE": (0.55, 0.86),
    "STAT_UNCITED": (0.82, 0.92),
    "DUP_SECTION": (0.95, 0.95),
}

# fixtures/dev29: a twenty-ninth set written blind (an affiliate review site, a chiropractor's
# lipo-laser pages, an EMS belt funnel, a gym chain's location pages, a skipping app's tips and
# store listing, a pharmacy's carnival campaign, a dietitian's newsletter, a keto creator's
# posts, a walking club's chat export, a podcast; first run: spot .61/.83, quick-fix .45/.85,
# statistics .73/.85, duplicates 1.00/1.00); 17 of its 25 files for development.
DEV29_FLOORS = {
    "SPOT_PROMISE": (0.58, 0.8),
    "QUICKFIX_PROMISE": (0.43, 0.82),
    "STAT_UNCITED": (0.7, 0.82),
    "DUP_SECTION": (0.95, 0.95),
}

FIXTURE_FLOORS = {
    "dev2": DEV2_FLOORS,
    "dev3": DEV3_FLOORS,
    "dev4": DEV4_FLOORS,
    "dev5": DEV5_FLOORS,
    "dev6": DEV6_FLOORS,
    "dev7": DEV7_FLOORS,
    "dev8": DEV8_FLOORS,
    "dev9": DEV9_FLOORS,
    "dev10": DEV10_FLOORS,
    "dev11": DEV11_FLOORS,
    "dev12": DEV12_FLOORS,
    "dev13": DEV13_FLOORS,
    "dev14": DEV14_FLOORS,
    "dev15": DEV15_FLOORS,
    "dev16": DEV16_FLOORS,
    "dev17": DEV17_FLOORS,
    "dev18": DEV18_FLOORS,
    "dev19": DEV19_FLOORS,
    "dev20": DEV20_FLOORS,
    "dev21": DEV21_FLOORS,
    "dev22": DEV22_FLOORS,
    "dev23": DEV23_FLOORS,
    "dev24": DEV24_FLOORS,
    "dev25": DEV25_FLOORS,
    "dev26": DEV26_FLOORS,
    "dev27": DEV27_FLOORS,
    "dev28": DEV28_FLOORS,
    "dev29": DEV29_FLOORS,
}


@pytest.fixture(scope="module")
def fixture_scores():
    return {}


@pytest.mark.parametrize(
    "corpus,label",
    [(corpus, label) for corpus, floors in FIXTURE_FLOORS.items() for label in sorted(floors)],
)
def test_blind_fixture_set(fixture_scores, corpus, label):
    if corpus not in fixture_scores:
        fixture_scores[corpus] = evaluate(FIXTURES / corpus)
    _meets(fixture_scores[corpus][label], FIXTURE_FLOORS[corpus][label])


def _meets(score, floor: tuple[float, float]) -> None:
    min_recall, min_precision = floor
    assert score.recall >= min_recall, score.misses
    assert score.precision >= min_precision, score.false_alarms


@pytest.fixture(scope="module")
def shared_scores():
    return {}


@needs_shared
@pytest.mark.parametrize(
    "corpus,label",
    [(corpus, label) for corpus, floors in SHARED_FLOORS.items() for label in floors],
)
def test_shared_corpus(shared_scores, corpus, label):
    if corpus not in shared_scores:
        shared_scores[corpus] = evaluate(SHARED / "corpus" / corpus)
    _meets(shared_scores[corpus][label], SHARED_FLOORS[corpus][label])


@needs_shared
def test_seed_articles_have_no_spot_reduction_warnings(linter):
    for seed in sorted((SHARED / "corpus" / "seeds").glob("*.txt")):
        found = linter.lint_text(seed.read_text(encoding="utf-8"), str(seed))
        serious = [d for d in found if d.category == "spot-reduction" and d.severity <= 2]
        assert serious == [], (seed.name, [d.text for d in serious])


def test_eval_command_prints_a_table(capsys):
    from fitlint.eval import main

    assert main([str(FIXTURES / "eval"), str(FIXTURES / "eval" / "LABELS.tsv")]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert header == ["label", "category", "labelled", "found", "recall", "TP", "FP", "precision"]
