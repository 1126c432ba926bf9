"""Output formats: leaves over Diagnostic. Each renderer takes the run's file results.

Renderers are imported by name when a run asks for one: a run prints in one format only.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# format name -> (module in fitlint.render, function)
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "render_text"),
    "json": ("json", "render_json"),
    "sarif": ("sarif", "render_sarif"),
    "github": ("github", "render_github"),
    "rdjson": ("rdjson", "render_rdjson"),
    "html": ("html", "render_html"),
}


def renderer(name: str) -> Callable[..., str]:
    module, function = FORMATS[name]
    return getattr(importlib.import_module(f"fitlint.render.{module}"), function)
