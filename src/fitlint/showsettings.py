"""``fitlint check --show-settings``: the resolved settings, each with where it came from."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fitlint.config import Config, read_config_file
from fitlint.rules.model import RuleSet

# Config field -> (setting name in the config file, command-line flag that sets it, if any)
SETTINGS: dict[str, tuple[str, str | None]] = {
    "select": ("select", "--select"),
    "extend_select": ("extend-select", "--extend-select"),
    "ignore": ("ignore", "--ignore"),
    "severity": ("severity", None),
    "exclude": ("exclude", None),
    "per_file_ignores": ("per-file-ignores", None),
    "rule_dirs": ("rule-dirs", "--rule-dir"),
    "fail_on": ("fail-on", "--fail-on"),
    "front_matter_keys": ("front-matter-keys", None),
    "max_file_size": ("max-file-size", None),
    "respect_gitignore": ("respect-gitignore", "--no-respect-gitignore"),
    "force_exclude": ("force-exclude", "--force-exclude"),
    "regex_timeout": ("regex-timeout", None),
    "file_time_budget": ("file-time-budget", None),
    "profile": ("profile", "--profile"),
    "allow_duplicates": ("allow-duplicates", None),
    "template_headings": ("template-headings", None),
    "formats": ("formats", None),
    "show_excused": ("show-excused", "--show-excused"),
    "baseline": ("baseline", "--baseline"),
}


def _plain(value: Any) -> Any:
    """A setting's value as JSON: tuples as lists, severities by name, sets sorted, paths as str."""
    if hasattr(value, "label"):
        return value.label
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (frozenset, set)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _flag_given(args: argparse.Namespace, flag: str) -> bool:
    value = getattr(args, flag.lstrip("-").replace("-", "_"), None)
    return bool(value)


def show_settings(
    args: argparse.Namespace, config: Config, ruleset: RuleSet, paths: Sequence[str]
) -> str:
    in_file: set[str] = set()
    if config.source is not None:
        in_file = set(read_config_file(config.source) or {})
    defaults = Config(root=config.root)
    lines = [
        f"Settings for: {' '.join(paths)}",
        f"Config file: {config.source.absolute() if config.source else 'none (defaults)'}",
        f"Root: {config.root}  (exclude, per-file-ignores and SARIF paths are relative to it)",
        "",
    ]
    rows = []
    for field in dataclasses.fields(Config):
        if field.name in ("root", "source"):
            continue
        name = field.name
        key, flag = SETTINGS.get(name, (name.replace("_", "-"), None))
        value = getattr(config, name)
        if flag and _flag_given(args, flag):
            origin = f"command line ({flag})"
        elif key in in_file:
            origin = str(config.source)
        elif value != getattr(defaults, name):
            origin = "command line"
        else:
            origin = "default"
        rows.append((key, json.dumps(_plain(value), ensure_ascii=False), origin))
    width = max(len(key) for key, _, _ in rows)
    lines += [f"{key.ljust(width)} = {value}  # {origin}" for key, value, origin in rows]
    selected = sorted(
        code for code, rule in ruleset.rules.items() if config.selects(code, rule.enabled)
    )
    lines += ["", f"Rules selected ({len(selected)}): {', '.join(selected)}"]
    return "\n".join(lines) + "\n"
