"""Comparison tables generated from the knowledge base (`lexkb table NAME`, `lexkb report`).

Each table is produced by a SPARQL query, kb/queries/table-NAME.rq, that a user can read and run
with `lexkb query`; the modules here add only what SPARQL cannot say well (aggravation arithmetic,
exact ratios, point-in-time filtering, derived statuses) and the renderers print the result as
Markdown, CSV, HTML, JSON, JSON Lines or LaTeX (lexkb.tables.render)."""
from __future__ import annotations

from importlib import import_module

from ..errors import LexkbError

# table name -> module with build(store=None, on=None, lang="en", sort=None, reverse=False, ...)
TABLES = {
    "penalties": "penalties",
    "minors-vs-adults": "minors",
    "opsc-coverage": "coverage",
    "amendments": "amendments",
    "enforcement": "enforcement",  # issue 6: over the knowledge base and the statistics graph
    "history": "history",          # issue 11: one article's versions, amendments and penalties (takes ARTICLE)
}
FORMATS = ("text", "md", "csv", "html", "json", "jsonl", "tex")  # text: the Markdown table, for people


def names() -> list[str]:
    return list(TABLES)


def build_table(name: str, store=None, on=None, lang: str = "en", sort: str | None = None,
                reverse: bool = False, gaps: bool = False, jurisdiction: str | None = None,
                article: str | None = None):
    """The Table called name; LexkbError (naming the argument) for bad input. With a jurisdiction
    code, the table of that jurisdiction only (lexkb.tables.scope). `article` is the history
    table's ARTICLE, and only its."""
    if name not in TABLES:
        raise LexkbError(f"NAME: unknown table '{name}' (one of: {', '.join(names())})")
    if name == "history" and not article:
        raise LexkbError("ARTICLE: the history table needs an article, by its label or number, e.g. "
                         "lexkb table history 201")
    if name != "history" and article is not None:
        raise LexkbError(f"ARTICLE: only the history table takes an article, not '{name}'")
    if jurisdiction is not None:
        from ..jurisdiction import check_code
        from .common import load_store
        from .scope import view

        code = check_code(jurisdiction)
        store = view(store if store is not None else load_store(), code, name)
    elif store is not None or name != "enforcement":
        from .common import load_store
        from .scope import one_jurisdiction

        store = store if store is not None else load_store()
        one_jurisdiction(store, name)
    module = import_module(f".{TABLES[name]}", __name__)
    if gaps and name != "opsc-coverage":
        raise LexkbError(f"--gaps: only the opsc-coverage table has gaps, not '{name}'")
    kwargs = {"gaps": gaps} if name == "opsc-coverage" else {"article": article} if name == "history" else {}
    return module.build(store=store, on=on, lang=lang, sort=sort, reverse=reverse, **kwargs)
