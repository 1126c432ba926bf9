"""fitlint: a fact-checking linter for fitness copy."""

__version__ = "0.1.0"
