"""Text from the knowledge base made safe for the formats lexkb writes, one helper per format.

- Markdown: the characters that Markdown or the HTML it becomes would read as markup (`<script>`,
  `<img onerror>`, links, emphasis, table pipes) are backslash-escaped, and the cell is one line.
- CSV: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
  spreadsheets as a formula (CSV injection, OWASP); it gets a leading `'`, which spreadsheets show
  as text. Numbers are written as numbers. `lexkb query --format csv` is the W3C SPARQL CSV results
  format and is left as the standard defines it."""
from __future__ import annotations

MD_SPECIAL = "\\`*_[]<>|"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_TABLES: dict[str, dict] = {}


def md_escape(text: str, special: str = MD_SPECIAL) -> str:
    table = _TABLES.get(special)
    if table is None:
        table = _TABLES[special] = str.maketrans({c: "\\" + c for c in special})
    return " ".join(text.translate(table).split())


def csv_text(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text
