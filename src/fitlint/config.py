"""Configuration: ``[tool.fitlint]`` in pyproject.toml or ``.fitlint.yaml``, found upward from the
linted path; command-line flags override it. The result is one frozen :class:`Config`."""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fitlint.diagnostics import Severity
from fitlint.document import DEFAULT_FRONT_MATTER_KEYS

PROFILES = ("ftc", "asa", "eu")
CONFIG_NAMES = (".fitlint.yaml", ".fitlint.yml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


class ConfigError(Exception):
    """Invalid configuration; one line, reported with exit code 2."""


@dataclass(frozen=True)
class Config:
    root: Path = field(default_factory=Path.cwd)  # directory of the config file (or cwd)
    source: Path | None = None
    select: tuple[str, ...] = ()  # codes or prefixes; empty = every rule that is on by default
    extend_select: tuple[str, ...] = ()  # added to select; the way to turn on opt-in rules
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rule_dirs: tuple[Path, ...] = ()
    fail_on: Severity = Severity.WARNING
    front_matter_keys: frozenset[str] = DEFAULT_FRONT_MATTER_KEYS
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    respect_gitignore: bool = True
    force_exclude: bool = False
    regex_timeout: float = 1.0
    file_time_budget: float = 7.0  # seconds one file may take; past it, FL001 and the run goes on
    profile: str | None = (
        None  # ftc | asa | eu: only rules mapped to that guidance, raised to error
    )
    allow_duplicates: tuple[str, ...] = ()  # sanctioned boilerplate, never reported as copies
    template_headings: tuple[str, ...] = ()  # headings whose sections repeat by design
    show_excused: bool = False  # also report matches a context test excused, as hints
    formats: dict[str, str] = field(default_factory=dict)  # extension -> reader, over the defaults
    baseline: Path | None = None  # findings recorded here are not reported (see fitlint.baseline)

    def selects(self, code: str, default_on: bool = True) -> bool:
        """Is the rule on? Opt-in rules (``default_on`` false) need their full code in select or
        extend-select; prefixes such as FL3 do not switch them on."""
        if any(code.startswith(prefix) for prefix in self.ignore):
            return False
        if code in self.select or code in self.extend_select:
            return True
        if not default_on:
            return False
        if any(code.startswith(prefix) for prefix in self.extend_select):
            return True
        return not self.select or any(code.startswith(prefix) for prefix in self.select)


_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "severity",
    "exclude",
    "per-file-ignores",
    "rule-dirs",
    "fail-on",
    "front-matter-keys",
    "max-file-size",
    "respect-gitignore",
    "force-exclude",
    "regex-timeout",
    "profile",
    "allow-duplicates",
    "template-headings",
    "formats",
    "baseline",
    "file-time-budget",
}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The closest config file at or above ``start`` that configures fitlint."""
    directory = start if start.is_dir() else start.parent
    directory = directory.absolute()
    for candidate_dir in [directory, *directory.parents]:
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if not candidate.is_file():
                continue
            data = read_config_file(candidate)
            if data is not None:
                return candidate, data
    return None


def read_config_file(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    # The parsers are imported here, not at the top: a run with no config file never needs them.
    if path.name == "pyproject.toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - exercised on 3.10 only
            import tomli as tomllib
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        section = data.get("tool", {}).get("fitlint")
        if section is None:
            return None
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.fitlint] must be a table")
        return section
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise ConfigError(f"{path}:{line}: invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of settings")
    return data


def _strings(value: Any, key: str, where: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _severity(value: Any, key: str, where: Path) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: '{key}': {exc}") from None


def config_from_mapping(data: dict[str, Any], root: Path, source: Path | None) -> Config:
    where = source or Path("<config>")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting '{unknown[0]}' (known: {', '.join(sorted(_KEYS))})"
        )
    config = Config(root=root, source=source)
    updates: dict[str, Any] = {}
    if "select" in data:
        updates["select"] = tuple(
            code.upper() for code in _strings(data["select"], "select", where)
        )
    if "extend-select" in data:
        updates["extend_select"] = tuple(
            code.upper() for code in _strings(data["extend-select"], "extend-select", where)
        )
    if "ignore" in data:
        updates["ignore"] = tuple(
            code.upper() for code in _strings(data["ignore"], "ignore", where)
        )
    if "severity" in data:
        if not isinstance(data["severity"], dict):
            raise ConfigError(f"{where}: 'severity' must map rule codes to error/warning/info/hint")
        updates["severity"] = {
            str(code).upper(): _severity(level, f"severity.{code}", where)
            for code, level in data["severity"].items()
        }
    if "exclude" in data:
        updates["exclude"] = _strings(data["exclude"], "exclude", where)
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must map glob patterns to rule codes")
        updates["per_file_ignores"] = {
            str(glob): tuple(
                code.upper() for code in _strings(codes, f"per-file-ignores.{glob}", where)
            )
            for glob, codes in table.items()
        }
    if "rule-dirs" in data:
        updates["rule_dirs"] = tuple(
            _rule_dir(root, entry, where)
            for entry in _strings(data["rule-dirs"], "rule-dirs", where)
        )
    if "fail-on" in data:
        updates["fail_on"] = _severity(data["fail-on"], "fail-on", where)
    if "front-matter-keys" in data:
        updates["front_matter_keys"] = frozenset(
            k.lower() for k in _strings(data["front-matter-keys"], "front-matter-keys", where)
        )
    if "max-file-size" in data:
        size = data["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= MAX_MAX_FILE_SIZE:
            raise ConfigError(
                f"{_at(where, source, 'max-file-size')}: 'max-file-size' must be a whole number of bytes from 1 "
                f"to {MAX_MAX_FILE_SIZE} (1 GiB), not {_shown(size)}"
            )
        updates["max_file_size"] = size
    if "respect-gitignore" in data:
        if not isinstance(data["respect-gitignore"], bool):
            raise ConfigError(f"{where}: 'respect-gitignore' must be true or false")
        updates["respect_gitignore"] = data["respect-gitignore"]
    if "force-exclude" in data:
        if not isinstance(data["force-exclude"], bool):
            raise ConfigError(f"{where}: 'force-exclude' must be true or false")
        updates["force_exclude"] = data["force-exclude"]
    if "allow-duplicates" in data:
        updates["allow_duplicates"] = _strings(data["allow-duplicates"], "allow-duplicates", where)
    if "template-headings" in data:
        updates["template_headings"] = _strings(
            data["template-headings"], "template-headings", where
        )
    if "formats" in data:
        updates["formats"] = _formats(data["formats"], where)
    if "baseline" in data:
        if not isinstance(data["baseline"], str) or not data["baseline"].strip():
            raise ConfigError(
                f"{where}: 'baseline' must be the path of a baseline file (relative to this file)"
            )
        updates["baseline"] = root / data["baseline"]
    if "profile" in data:
        if data["profile"] not in PROFILES:
            raise ConfigError(f"{where}: 'profile' must be one of {', '.join(PROFILES)}")
        updates["profile"] = data["profile"]
    if "regex-timeout" in data:
        updates["regex_timeout"] = _seconds(
            data["regex-timeout"], "regex-timeout", MAX_REGEX_TIMEOUT, where, source
        )
    if "file-time-budget" in data:
        updates["file_time_budget"] = _seconds(
            data["file-time-budget"], "file-time-budget", MAX_FILE_TIME_BUDGET, where, source
        )
    return replace(config, **updates)


def _seconds(value: Any, key: str, most: float, where: Path, source: Path | None) -> float:
    # NaN compares false with everything and infinity never runs out: both would pass a plain
    # "> 0" test and switch the guard off (for regex-timeout, with it every phrase rule).
    if (
        not isinstance(value, (int, float))
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 0 < value <= most
    ):
        raise ConfigError(
            f"{_at(where, source, key)}: '{key}' must be a number of seconds over 0 "
            f"and at most {most:g}, not {_shown(value)}"
        )
    return float(value)


MAX_REGEX_TIMEOUT = 60.0  # seconds a pattern may run on one sentence before its rule is disabled
MAX_FILE_TIME_BUDGET = 3600.0  # seconds one file may take before it is reported unfinished
MAX_MAX_FILE_SIZE = 1 << 30


def _shown(value: Any) -> str:
    """A config value as the error quotes it: 'inf', 'nan', 0, -1, 'abc'."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(str(value))
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _at(where: Path, source: Path | None, key: str) -> str:
    """``path:line`` of a setting in its config file (the first line that sets it; in
    pyproject.toml, after ``[tool.fitlint]``), or the path alone when it cannot be found."""
    if source is None:
        return str(where)
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return str(where)
    first = 0
    if source.name == "pyproject.toml":
        first = next((n for n, line in enumerate(lines) if line.strip() == "[tool.fitlint]"), 0)
    setting = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*[:=]""")
    for number in range(first, len(lines)):
        if setting.match(lines[number]):
            return f"{where}:{number + 1}"
    return str(where)


def _formats(table: Any, where: Path) -> dict[str, str]:
    """``{php: html, "blade.php": html, tsx: jsx}``: extensions (without the dot) → readers."""
    from fitlint.document.formats import READERS, normalise_extension

    if not isinstance(table, dict):
        raise ConfigError(
            f"{where}: 'formats' must map file extensions to a reader ({', '.join(READERS)})"
        )
    formats: dict[str, str] = {}
    for extension, reader in table.items():
        name = normalise_extension(str(extension))
        if not name or "/" in name or any(ch.isspace() for ch in name):
            raise ConfigError(f"{where}: 'formats': {extension!r} is not a file extension")
        if reader not in READERS:
            raise ConfigError(
                f"{where}: 'formats.{extension}': unknown reader {reader!r} (known: {', '.join(READERS)})"
            )
        formats[name] = reader
    return formats


def _rule_dir(root: Path, entry: str, where: Path) -> Path:
    """Relative rule directories must stay inside the project; absolute ones are explicit."""
    path = Path(entry)
    if path.is_absolute():
        return path
    resolved = (root / path).resolve()
    try:
        resolved.relative_to(root.resolve())
    except ValueError:
        raise ConfigError(
            f"{where}: rule-dirs entry '{entry}' points outside the project; use an absolute path if you mean it"
        ) from None
    return resolved


def load_config(start: Path, explicit: Path | None = None, isolated: bool = False) -> Config:
    if isolated:
        return Config(root=Path.cwd())
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        data = read_config_file(explicit)
        return config_from_mapping(data or {}, explicit.parent.absolute(), explicit)
    found = find_config(start)
    if found is None:
        return Config(root=Path.cwd())
    path, data = found
    return config_from_mapping(data, path.parent.absolute(), path)
