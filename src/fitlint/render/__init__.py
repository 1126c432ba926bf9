"""Output formats: leaves over Diagnostic. Each renderer takes the run's file results."""

from __future__ import annotations

from collections.abc import Callable

from fitlint.render.github import render_github
from fitlint.render.json import render_json
from fitlint.render.rdjson import render_rdjson
from fitlint.render.sarif import render_sarif
from fitlint.render.text import render_text

RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "rdjson": render_rdjson,
}
