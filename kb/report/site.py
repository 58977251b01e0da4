"""The report as a set of files: each section's pages in both languages, the assets, the root page.

DIR/en/ and DIR/es/ hold the same pages in each language (index.html, table-NAME.html,
provisions/SLUG.html, ...); DIR/assets/ the stylesheet and scripts they share; DIR/index.html is the
landing page of --lang read from the root. Every page is rendered from the knowledge base's SPARQL
results and index, the same data as `lexkb table` and `lexkb penalty`.

The folder is built beside DIR and renamed into place, so DIR is the old report or the new one,
never half of each; an existing DIR is replaced only if it is empty or holds a lexkb report
(a .lexkb-report marker file)."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from ..errors import LexkbError
from ..tables.model import Link
from ..tables.render import html_body, markdown_renderer
from .i18n import LANGS
from .charts import penalty_chart_pages
from .page import Page, href, render
from .audit_page import audit_pages
from .citations import article_versions, citation_href, linked_table, source_pages, sources_markdown, table_link_fn
from .matrix import matrix_page
from .provision import provision_html, slug
from .search import search_index_js
from .timeline import timeline_pages
from .versions import version_pages

MARKER = ".lexkb-report"
ASSETS = ("report.css", "matrix.css", "charts.css", "sources.css", "search.js", "print.js", "favicon.svg")


@dataclass
class Context:
    """What every section reads: the store and index of one knowledge base, one language, one day."""

    store: object
    index: dict
    lang: str
    on: object = None

    @cached_property
    def audit(self):
        """The audit of the store (lexkb.audit), for the landing page's counts and the audit's page alike."""
        from ..audit import audit

        return audit(self.store)

    @property
    def by_iri(self) -> dict:
        return self.index["provisions"]

    def provision_path(self, iri: str) -> str | None:
        p = self.by_iri.get(iri)
        return f"provisions/{slug(p['label'])}.html" if p else None

    def link_fn(self, from_path: str):
        """A table renderer's link function for a page at from_path."""
        def link(value: Link):
            target = self.provision_path(value.target)
            return href(from_path, target) if target else None
        return link


FOLD = 160  # a table cell longer than this (characters) opens on demand (tables.render.folded_cell)
TABLES = (("penalties", "table-penalties.html", {}),
          ("minors-vs-adults", "table-minors-vs-adults.html", {}),
          ("opsc-coverage", "table-opsc-coverage.html", {}),
          ("opsc-coverage", "table-opsc-gaps.html", {"gaps": True}),
          ("amendments", "table-amendments.html", {}),
          ("enforcement", "table-enforcement.html", {}))


def table_pages(ctx: Context) -> dict[str, Page]:
    from ..tables import build_table

    pages = {}
    for name, file, kwargs in TABLES:
        # the enforcement table counts investigations, which have no point in time of their own
        tbl = build_table(name, store=ctx.store, on=None if name == "enforcement" else ctx.on, lang=ctx.lang, **kwargs)
        # every citation a link: source cells and the list of sources (citations.py)
        sources = sources_markdown(ctx, tbl.sources, file, ctx.lang)
        body = html_body(linked_table(tbl), table_link_fn(ctx, file), fold=FOLD) + markdown_renderer().render(sources)
        pages[file] = Page(tbl.caption, body)
    return pages


def provision_pages(ctx: Context) -> dict[str, Page]:
    pages = {}
    for p in ctx.by_iri.values():
        path = ctx.provision_path(p["iri"])
        body = provision_html(p, ctx.index, ctx.store, ctx.by_iri, ctx.lang,
                              cite=lambda label, path=path: citation_href(ctx, label, path),
                              versions=article_versions(ctx, p["iri"], path))
        pages[ctx.provision_path(p["iri"])] = Page(p["label"], body)
    return pages


# Each section: Context -> {path: Page}. The landing page (below) comes last and links them.
SECTIONS = (table_pages, provision_pages, source_pages, version_pages, matrix_page, penalty_chart_pages, timeline_pages,
            audit_pages)
# Files other than pages in each language's folder: path -> (Context -> text).
LANGUAGE_FILES = {"search-index.js": search_index_js}


def landing_page(ctx: Context, pages: dict[str, Page]) -> Page:
    from .landing import landing_page as landing

    return landing(ctx, pages, [file for _, file, _ in TABLES])


def _load(store):
    if store is None:
        from ..kbfile import load_index
        from ..tables.common import load_store

        return load_store(statistics=True), load_index()
    from ..index import index_from_store
    from ..store import RemoteStore, snapshot

    if isinstance(store, RemoteStore):
        # One consistent version: a report runs ~100 queries, and a publish between two of them
        # mixed two versions in one report; the graph is read once, in one query, and the pages
        # are rendered from that copy.
        store = snapshot(store)
    return store, index_from_store(store)


def language_pages(ctx: Context) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for section in SECTIONS:
        pages.update(section(ctx))
    pages["index.html"] = landing_page(ctx, pages)
    return pages


def build_pages(on=None, lang: str = "en", store=None) -> dict[str, str]:
    """Path in one language's folder -> HTML text of every page in that language; store: the
    embedded store of the built knowledge base (default) or any other, e.g. a SPARQL endpoint
    (lexkb.store.RemoteStore)."""
    store, index = _load(store)
    ctx = Context(store, index, lang, on)
    pages = language_pages(ctx)
    return {path: render(path, page, lang, known=pages.keys()) for path, page in pages.items()}


def build_site(on=None, lang: str = "en", store=None) -> dict[str, str]:
    """Path in DIR -> text of every file of the report: both languages, the assets, the root page."""
    from ..store import answered_once

    store, index = _load(store)
    files: dict[str, str] = {}
    with answered_once():
        for each in LANGS:
            ctx = Context(store, index, each, on)
            pages = language_pages(ctx)
            for path, page in pages.items():
                files[f"{each}/{path}"] = render(path, page, each, known=pages.keys())
            if each == lang:
                files["index.html"] = render("index.html", pages["index.html"], each, base=f"{each}/",
                                             known=pages.keys())
            for path, make in LANGUAGE_FILES.items():
                files[f"{each}/{path}"] = make(ctx)
    for name in ASSETS:
        files[f"assets/{name}"] = resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
    return files


def write_report(out_dir: Path, on=None, lang: str = "en", store=None) -> int:
    """Build every file, then put the folder in place at once; returns the number of HTML pages."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        if not out_dir.is_dir():
            raise LexkbError(f"-o: '{out_dir}' is a file; give a folder")
        if any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
            raise LexkbError(f"-o: '{out_dir}' exists and is not a lexkb report; give a new or empty folder")
    files = build_site(on, lang, store)
    parent = out_dir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=parent))
    except OSError as exc:
        raise LexkbError(f"-o: cannot write '{out_dir}': {exc.strerror or exc}") from None
    try:
        for rel, text in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (tmp / MARKER).write_text("lexkb report\n", encoding="utf-8")
        os.chmod(tmp, 0o755)
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old.", dir=parent))
            os.replace(out_dir, old / "report")
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise LexkbError(f"-o: cannot write '{out_dir}': {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sum(1 for rel in files if rel.endswith(".html"))
