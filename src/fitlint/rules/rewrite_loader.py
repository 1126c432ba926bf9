"""The ``rewrite-areas`` and ``rewrites`` sections of a rule pack, checked as they are read.

Every problem is a :class:`RuleError` with the pack's path and line: an unknown rule code, shape,
outcome, placeholder or evidence id, evidence that is neither verified nor partial (a rewrite
may not rest on a record nobody could check), a template in the wrong form for its shape, a
body-part word in two areas.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fitlint.rules.model import (
    REWRITE_OUTCOMES,
    REWRITE_PLACEHOLDERS,
    REWRITE_SHAPES,
    Origin,
    RewriteArea,
    RewriteTemplate,
    RuleError,
    RuleRewrites,
    RuleSet,
)

Where = Callable[..., Origin]  # where(*path) -> the origin of the node at that path
_SLOT = re.compile(r"\{([^{}]*)\}")


def read_rewrite_areas(ruleset: RuleSet, data: dict[str, Any], where: Where) -> None:
    """``rewrite-areas``: body-part words grouped by the muscles a rewrite names."""
    owner = {word: area.name for area in ruleset.rewrite_areas.values() for word in area.words}
    for name, entry in (data.get("rewrite-areas") or {}).items():
        origin = where("rewrite-areas", name)
        if name in ruleset.rewrite_areas:
            raise RuleError(origin, f"rewrite area {name!r} is defined twice")
        words = tuple(" ".join(word.lower().split()) for word in entry["words"])
        for word in words:
            if word in owner:
                raise RuleError(
                    origin, f"rewrite area {name!r}: {word!r} already belongs to {owner[word]!r}"
                )
            owner[word] = name
        ruleset.rewrite_areas[name] = RewriteArea(name, entry["muscles"], entry["muscle"], words)


def build_rewrites(code: str, raw: dict[str, Any], where: Where, ruleset: RuleSet) -> RuleRewrites:
    """One rule's rewrites; ``where(*path)`` locates a node under this rule's entry."""
    if code not in ruleset.rules:
        raise RuleError(where(), f"rewrites: unknown rule code {code}")

    def fail(path: tuple[Any, ...], message: str) -> RuleError:
        return RuleError(where(*path), f"rewrites for {code}: {message}")

    def evidence(ids: Any, *path: Any) -> tuple[str, ...]:
        for index, ev in enumerate(ids or ()):
            entry = ruleset.evidence.get(ev)
            if entry is None:
                raise fail((*path, index), f"unknown evidence id {ev!r}")
            if entry.status not in ("verified", "partial"):
                raise fail(
                    (*path, index),
                    f"evidence {ev!r} is {entry.status}; a rewrite rests on verified or partial "
                    "records only",
                )
        return tuple(ids or ())

    base = evidence(raw["evidence"], "evidence")
    for index, other in enumerate(raw.get("resolves", ())):
        if other not in ruleset.rules:
            raise fail(("resolves", index), f"resolves unknown rule code {other}")
    shapes: dict[str, tuple[RewriteTemplate, ...]] = {}
    for shape, value in raw["shapes"].items():
        if shape not in REWRITE_SHAPES:
            expected = ", ".join(REWRITE_SHAPES)
            raise fail(("shapes", shape), f"unknown shape {shape!r} (expected one of {expected})")
        variants = value if isinstance(value, list) else [value]
        built = []
        for index, variant in enumerate(variants):
            path = ("shapes", shape, index) if isinstance(value, list) else ("shapes", shape)
            built.append(_template(shape, variant, path, fail, evidence, base))
        shapes[shape] = tuple(built)
    return RuleRewrites(code, base, frozenset(raw.get("resolves", ())), shapes, where())


def _template(
    shape: str,
    variant: Any,
    path: tuple[Any, ...],
    fail: Callable[[tuple[Any, ...], str], RuleError],
    evidence: Callable[..., tuple[str, ...]],
    base: tuple[str, ...],
) -> RewriteTemplate:
    if isinstance(variant, str):
        variant = {"text": variant}
    forms = {key: variant.get(key) for key in ("text", "verb", "noun")}
    if shape == "title":
        if forms["text"] is not None or not (forms["verb"] or forms["noun"]):
            raise fail(path, "a title rewrite has 'verb' and/or 'noun' forms, not 'text'")
    elif forms["text"] is None or forms["verb"] is not None or forms["noun"] is not None:
        raise fail(path, f"a {shape} rewrite has 'text' (only titles have 'verb'/'noun')")
    for template in filter(None, forms.values()):
        for name in _SLOT.findall(template):
            if name not in REWRITE_PLACEHOLDERS:
                known = ", ".join("{" + p + "}" for p in sorted(REWRITE_PLACEHOLDERS))
                raise fail(
                    path, f"unknown placeholder {{{name}}} in {template!r} (expected {known})"
                )
    outcome = variant.get("outcome")
    if outcome is not None and outcome not in REWRITE_OUTCOMES:  # the schema checks it too
        raise fail(path, f"unknown outcome {outcome!r}")
    ids = evidence(variant.get("evidence"), *path, "evidence") or base
    return RewriteTemplate(forms["text"], forms["verb"], forms["noun"], outcome, ids)
