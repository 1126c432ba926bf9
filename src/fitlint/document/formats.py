"""Which reader a file goes through: extension → ``markdown`` | ``html`` | ``jsx`` | ``text`` |
``data`` | ``feed``.

Markdown, plain text and HTML pages are read by default; templates and scripts only when the
``formats`` setting maps their extension (an app's code should not be linted by surprise). The
longest matching extension wins, so ``page.blade.php`` finds ``blade.php`` before ``php``.
"""

from __future__ import annotations

from collections.abc import Mapping

READERS = ("markdown", "html", "jsx", "text", "data", "feed")
DEFAULT_FORMATS: dict[str, str] = {
    "md": "markdown",
    "markdown": "markdown",
    "mdx": "markdown",
    "txt": "text",
    # Documentation markup read as text: headings, paragraphs and lists are lines of words;
    # a link's address beside a claim still counts as its source.
    "rst": "text",
    "adoc": "text",
    "asciidoc": "text",
    "html": "html",
    "htm": "html",
    "mjml": "html",  # email markup: <mj-text> holds HTML
    # RSS and Atom feeds and WordPress exports; any other XML gives no blocks.
    "xml": "feed",
    "rss": "feed",
    "atom": "feed",
}
# Data files (json, yaml, yml → "data") hold configuration as often as copy: read when mapped.


def normalise_extension(extension: str) -> str:
    """``.Blade.PHP`` → ``blade.php``."""
    return extension.strip().lstrip(".").lower()


def merged(formats: Mapping[str, str] | None) -> dict[str, str]:
    """The defaults with ``formats`` laid over them."""
    table = dict(DEFAULT_FORMATS)
    if formats:
        table.update({normalise_extension(ext): reader for ext, reader in formats.items()})
    return table


def reader_for(path: str, formats: Mapping[str, str] | None = None) -> str | None:
    """The reader for ``path``, or None when no extension of its name is mapped."""
    return lookup(path, merged(formats) if formats else DEFAULT_FORMATS)


def lookup(path: str, table: Mapping[str, str]) -> str | None:
    """:func:`reader_for` with the table already merged (a directory walk asks once per file)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    # Every dotted suffix of the name, longest first: a.b.blade.php → b.blade.php, blade.php, php.
    position = name.find(".", 1 if name.startswith(".") else 0)
    while position >= 0:
        reader = table.get(name[position + 1 :])
        if reader is not None:
            return reader
        position = name.find(".", position + 1)
    return None


# An editor names each document's language: the language server reads a document whose extension
# no format maps (an untitled buffer, a template the client chose to send) by its language.
LANGUAGE_READERS: dict[str, str] = {
    "markdown": "markdown",
    "mdx": "markdown",
    "plaintext": "text",
    "restructuredtext": "text",
    "asciidoc": "text",
    "html": "html",
    "xml": "feed",
    "php": "html",
    "blade": "html",
    "erb": "html",
    "liquid": "html",
    "nunjucks": "html",
    "handlebars": "html",
    "jinja": "html",
    "jinja-html": "html",
    "twig": "html",
    "astro": "html",
    "vue": "html",
    "svelte": "html",
    "ejs": "html",
    "razor": "html",
    "javascript": "jsx",
    "javascriptreact": "jsx",
    "typescript": "jsx",
    "typescriptreact": "jsx",
}
