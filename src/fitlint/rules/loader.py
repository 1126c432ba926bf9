"""Load and validate rule packs (YAML, safe loader only) into a :class:`RuleSet`.

Every problem is reported as ``path:line: message``: schema errors (JSON Schema on the YAML
tree, with the line of the offending node), duplicate codes, unknown lexicons, evidence or
guidance ids, and patterns that do not compile.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fitlint.diagnostics import FixSafety, Severity
from fitlint.rules.model import (
    Evidence,
    Guidance,
    Origin,
    Rule,
    RuleError,
    RuleSet,
    SuggestionTemplate,
)
from fitlint.rules.patterns import PatternError, parse_pattern
from fitlint.rules.rewrite_loader import build_rewrites, read_rewrite_areas

if TYPE_CHECKING:
    import yaml  # imported at run time only when a pack is parsed (not cached)


def builtin_rules_dir() -> Path:
    """Rule packs shipped in the wheel (fitlint/_rules), or the repo's rules/ in a checkout."""
    packaged = _PACKAGE / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


_PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def _validator():  # jsonschema is imported only when a pack actually needs validating
    import jsonschema

    text = (_PACKAGE / "schemas" / "rule-pack.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def pack_files(directories: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            raise RuleError(Origin(str(directory), 0), "rule directory does not exist")
        files.extend(sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml")))
    return files


def load_rules(extra_dirs: Iterable[Path] = ()) -> RuleSet:
    files = pack_files([builtin_rules_dir(), *extra_dirs])
    return load_rule_files(files)


def load_rule_files(files: Iterable[Path]) -> RuleSet:
    ruleset = RuleSet()
    digest = hashlib.sha256()
    origins: dict[tuple[str, str], Origin] = {}
    extensions: list[tuple[str, str, tuple[str, ...], Origin]] = []
    validated: list[tuple[str, Any]] = []
    pending_rules: list[tuple[dict[str, Any], yaml.Node, str]] = []
    pending_rewrites: list[tuple[str, dict[str, Any], yaml.Node | None, str, Origin]] = []
    for path in files:
        display = str(path)
        text = _read_pack(path, display)
        digest.update(display.encode() + b"\0" + text.encode() + b"\0")
        data = _cached_pack(text)
        if data is None:
            data, root = _parse_yaml(text, display)
            _validate(data, root, display)
            validated.append((text, data))
        else:
            root = None
        for name, entries in (data.get("lexicons") or {}).items():
            if name in ruleset.lexicons:
                raise RuleError(
                    _origin(root, ("lexicons", name), display), f"lexicon @{name} is defined twice"
                )
            ruleset.lexicons[name] = tuple(entries)
        for name, sources in (data.get("phrases") or {}).items():
            if name in ruleset.phrases:
                raise RuleError(
                    _origin(root, ("phrases", name), display), f"phrase <{name}> is defined twice"
                )
            ruleset.phrases[name] = tuple(sources)
            origins[("phrases", name)] = _origin(root, ("phrases", name), display)
        for section in ("lexicons", "phrases"):
            for name, entries in ((data.get("extend") or {}).get(section) or {}).items():
                extensions.append(
                    (
                        section,
                        name,
                        tuple(entries),
                        _origin(root, ("extend", section, name), display),
                    )
                )
        for lemma, forms in (data.get("forms") or {}).items():
            ruleset.forms[lemma.lower()] = tuple(form.lower() for form in forms)
        for form, lemma in (data.get("lemma-overrides") or {}).items():
            ruleset.lemma_overrides[form.lower()] = lemma.lower()
        for key, entry in (data.get("evidence") or {}).items():
            if key in ruleset.evidence:
                raise RuleError(
                    _origin(root, ("evidence", key), display),
                    f"evidence id {key!r} is defined twice",
                )
            ruleset.evidence[key] = Evidence(
                id=key,
                citation=entry["citation"],
                status=entry["status"],
                short=entry.get("short"),
                doi=entry.get("doi"),
                pmid=entry.get("pmid"),
                url=entry.get("url"),
                finding=entry.get("finding"),
                figures=tuple(entry.get("figures", ())),
            )
        for key, entry in (data.get("guidance") or {}).items():
            ruleset.guidance[key] = Guidance(
                key, entry["title"], entry["profile"], entry.get("url"), entry.get("summary")
            )
        for index, raw in enumerate(data.get("rules") or []):
            pending_rules.append(
                (raw, _node_at(root, ("rules", index)) if root is not None else None, display)
            )
        read_rewrite_areas(ruleset, data, partial(_key_origin, root, display))
        for code, raw in (data.get("rewrites") or {}).items():
            node = _node_at(root, ("rewrites", code)) if root is not None else None
            key = _key_origin(root, display, "rewrites", code)
            pending_rewrites.append((code, raw, node, display, key))
    # House packs extend built-in lexicons and phrases once every pack is read.
    for section, name, entries, origin in extensions:
        target = ruleset.lexicons if section == "lexicons" else ruleset.phrases
        if name not in target:
            kind = "lexicon @" if section == "lexicons" else "phrase <"
            raise RuleError(
                origin, f"extend: no {kind}{name}{'>' if section == 'phrases' else ''} to extend"
            )
        target[name] = tuple(dict.fromkeys(target[name] + entries))
    # The same packs read by the same code check out the same: a set of packs whose patterns
    # all checked out once is not parsed again for the check (on one file, half the load time).
    marker = _checked_marker(digest.hexdigest())
    checked = marker is not None and marker.is_file()
    if not checked:
        for name, sources in ruleset.phrases.items():
            origin = origins.get(("phrases", name), Origin("<builtin>", 0))
            for source in sources:
                _check_pattern(source, ruleset, origin, phrase=True)
        _check_phrase_cycles(ruleset, origins)
    # Rules are checked after every pack is read: a rule may use another pack's lexicon.
    for raw, node, display in pending_rules:
        rule = _build_rule(raw, node, display, ruleset, check_patterns=not checked)
        if rule.code in ruleset.rules:
            first = ruleset.rules[rule.code].origin
            raise RuleError(rule.origin, f"rule code {rule.code} is already used at {first}")
        ruleset.rules[rule.code] = rule
    # Rewrites name rules, evidence and rules they resolve from any pack: checked last.
    for code, raw, node, display, key in pending_rewrites:

        def where(*path: Any, node=node, display=display, key=key) -> Origin:
            return _origin(node, path, display) if path else key  # the entry itself: its key's line

        rewrites = build_rewrites(code, raw, where, ruleset)
        if code in ruleset.rewrites:
            first = ruleset.rewrites[code].origin
            raise RuleError(rewrites.origin, f"rewrites for {code} are already defined at {first}")
        ruleset.rewrites[code] = rewrites
    ruleset.digest = digest.hexdigest()
    # Cached only once every pack of the run built without error: a cached pack is trusted, so
    # its errors would otherwise lose their line numbers.
    for text, data in validated:
        _store_pack(text, data)
    if marker is not None and not checked:
        _mark_checked(marker)
    return ruleset


MAX_PACK_BYTES = 16 * 1024 * 1024  # a pack with a 100,000-entry lexicon is about 2 MB


def _read_pack(path: Path, display: str) -> str:
    """A pack's text: a regular file of at most MAX_PACK_BYTES, checked with ``stat`` before it
    is opened (a FIFO or a link to /dev/zero named *.yaml in a rule directory is an error, never
    read), and never read past the limit."""
    from fitlint.files import ReadError, read_regular

    try:
        return read_regular(path, MAX_PACK_BYTES, setting=None).decode("utf-8")
    except ReadError as exc:
        raise RuleError(Origin(display, 0), f"cannot read rule pack: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleError(
            Origin(display, 0),
            f"cannot read rule pack: not valid UTF-8: {exc.reason} at byte {exc.start}",
        ) from None


def _check_pattern(source: str, ruleset: RuleSet, origin: Origin, phrase: bool = False) -> None:
    try:
        parsed = parse_pattern(source)
    except PatternError as exc:
        raise RuleError(origin, f"pattern {source!r}: {exc}") from None
    if phrase and parsed.halves() is not None:
        raise RuleError(origin, f"pattern {source!r}: a phrase cannot use '&' (use it in the rule)")
    for lexicon in parsed.lexicons:
        if lexicon not in ruleset.lexicons:
            raise RuleError(origin, f"unknown lexicon @{lexicon} in {source!r}")
    for name in parsed.phrases:
        if name not in ruleset.phrases:
            raise RuleError(origin, f"unknown phrase <{name}> in {source!r}")


def _check_phrase_cycles(ruleset: RuleSet, origins: dict[tuple[str, str], Origin]) -> None:
    """A phrase may use other phrases, but never itself, directly or through others."""
    uses = {
        name: frozenset().union(*(parse_pattern(s).phrases for s in sources))
        for name, sources in ruleset.phrases.items()
    }
    for start in uses:
        stack, seen = list(uses[start]), set()
        while stack:
            name = stack.pop()
            if name == start:
                origin = origins.get(("phrases", start), Origin("<builtin>", 0))
                raise RuleError(origin, f"phrase <{start}> uses itself")
            if name not in seen:
                seen.add(name)
                stack.extend(uses.get(name, ()))


def _parse_yaml(text: str, display: str) -> tuple[Any, yaml.Node]:
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        root = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader: no code runs
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        raise RuleError(Origin(display, line), f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise RuleError(Origin(display, 0), f"invalid YAML: {exc}") from None
    if root is None or not isinstance(data, dict):
        raise RuleError(Origin(display, 1), "a rule pack must be a YAML mapping with 'schema: 1'")
    return data, root


def _validate(data: Any, root: yaml.Node, display: str) -> None:
    errors = sorted(_validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    if not errors:
        return
    error = min(errors, key=lambda e: _origin(root, tuple(e.absolute_path), display).line)
    where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
    raise RuleError(_origin(root, tuple(error.absolute_path), display), f"{where}: {error.message}")


def _node_at(root: yaml.Node | None, path: tuple[Any, ...]) -> yaml.Node | None:
    node = root
    if node is None:
        return None
    import yaml  # a node exists only if the pack was parsed, so yaml is already loaded

    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    node = value
                    break
            else:
                return node
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            return node
    return node


def _key_origin(root: yaml.Node | None, display: str, *path: Any) -> Origin:
    """The line of the key that names ``path`` (an entry), not of the value under it."""
    parent = _node_at(root, path[:-1]) if path else None
    for key, _ in getattr(parent, "value", None) or ():
        if getattr(key, "value", None) == path[-1]:
            return Origin(display, key.start_mark.line + 1)
    return _origin(root, path, display)


def _origin(root: yaml.Node | None, path: tuple[Any, ...], display: str) -> Origin:
    node = _node_at(root, path)
    return Origin(display, node.start_mark.line + 1 if node is not None else 0)


def _build_rule(
    raw: dict[str, Any],
    node: yaml.Node | None,
    display: str,
    ruleset: RuleSet,
    check_patterns: bool = True,
) -> Rule:
    origin = Origin(display, node.start_mark.line + 1 if node is not None else 0)

    def where(*path: Any) -> Origin:
        found = _node_at(node, path)
        return Origin(display, found.start_mark.line + 1 if found is not None else 0)

    for index, pattern in enumerate(raw.get("patterns", ()) if check_patterns else ()):
        _check_pattern(pattern, ruleset, where("patterns", index))
    if raw["kind"] == "rate" and raw.get("patterns"):
        raise RuleError(
            origin,
            f"{raw['code']}: a rate rule finds amounts and periods itself; remove 'patterns'",
        )
    if raw["kind"] in ("duplicate", "claim", "citation") and not raw.get("unit"):
        raise RuleError(origin, f"{raw['code']}: a {raw['kind']} rule needs 'unit'")
    if raw["kind"] == "phrase" and not raw.get("patterns"):
        raise RuleError(origin, f"{raw['code']}: a phrase rule needs patterns")
    beside = raw.get("beside") or {}
    if beside and raw["kind"] != "phrase":
        raise RuleError(
            where("beside"), f"{raw['code']}: only a phrase rule can need a claim beside it"
        )
    if beside and beside.get("category") == raw["category"]:
        raise RuleError(
            where("beside"), f"{raw['code']}: a rule cannot need a claim of its own category"
        )
    suggestions = []
    for index, entry in enumerate(raw["suggest"]):
        for ev in entry.get("evidence", ()):
            if ev not in ruleset.evidence:
                raise RuleError(where("suggest", index), f"unknown evidence id {ev!r}")
        fix = FixSafety(entry.get("fix", "unsafe" if "replace" in entry else "none"))
        if fix is not FixSafety.NONE and "replace" not in entry:
            raise RuleError(where("suggest", index), "a suggestion marked as a fix needs 'replace'")
        suggestions.append(
            SuggestionTemplate(
                entry["text"], entry.get("replace"), fix, tuple(entry.get("evidence", ()))
            )
        )
    for index, ev in enumerate(raw.get("evidence", ())):
        if ev not in ruleset.evidence:
            raise RuleError(where("evidence", index), f"unknown evidence id {ev!r}")
    for index, reg in enumerate(raw.get("regulators", ())):
        if reg not in ruleset.guidance:
            raise RuleError(where("regulators", index), f"unknown guidance id {reg!r}")
    examples = raw.get("examples") or {}
    return Rule(
        code=raw["code"],
        name=raw["name"],
        category=raw["category"],
        severity=Severity.parse(raw["severity"]),
        kind=raw["kind"],
        message=raw["message"],
        rationale=raw["rationale"].strip(),
        suggest=tuple(suggestions),
        patterns=tuple(raw.get("patterns", ())),
        unless=frozenset(raw.get("unless", ())),
        requires=frozenset(raw.get("requires", ())),
        scope=frozenset(raw.get("scope", ())),
        limits=dict(raw.get("limits") or {}),
        unit=raw.get("unit", ""),
        beside=beside.get("category", ""),
        beside_within=int(beside.get("within", 8)) if beside else 0,
        enabled=raw.get("enabled", True),
        once=raw.get("once", False),
        options=dict(raw.get("options") or {}),
        evidence=tuple(raw.get("evidence", ())),
        regulators=tuple(raw.get("regulators", ())),
        examples_flag=tuple(examples.get("flag", ())),
        examples_pass=tuple(examples.get("pass", ())),
        origin=origin,
    )


# A pack that validated once is stored as JSON under the user's cache directory, keyed by its
# exact text and the fitlint version, so later runs skip YAML composition and schema checks.
def _pack_cache_dir() -> Path:
    from fitlint.rules.compiled import user_cache_dir

    return user_cache_dir() / "packs"


def _pack_key(text: str) -> str:
    from fitlint import __version__

    return hashlib.sha256(f"{__version__}\0{text}".encode()).hexdigest()


# The code that decides whether a pattern checks out: a change to it is a new marker.
_CHECKING = ("loader.py", "patterns.py")


def _checked_marker(digest: str) -> Path | None:
    """Where the marker of these exact packs having checked out lives (None: keep no marker)."""
    from fitlint.rules.compiled import code_key, turned_off

    key = None if turned_off() else code_key(digest, _CHECKING)
    if key is None:
        return None  # cannot tell which code checked them: check again
    return _pack_cache_dir() / f"{key[:40]}.checked"


def _mark_checked(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # no marker: the next run checks again


def _cached_pack(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(
            (_pack_cache_dir() / f"{_pack_key(text)}.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _store_pack(text: str, data: dict[str, Any]) -> None:
    import tempfile

    directory = _pack_cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream)
        os.replace(temp, directory / f"{_pack_key(text)}.json")
    except (OSError, TypeError, ValueError):
        pass  # no cache, no problem
