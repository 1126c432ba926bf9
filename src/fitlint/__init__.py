"""fitlint: a fact-checking linter for fitness copy."""

__version__ = "0.2.0"
