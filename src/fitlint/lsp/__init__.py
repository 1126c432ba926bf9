"""The language server (``fitlint lsp``): the CLI's diagnostics, live in the editor."""
