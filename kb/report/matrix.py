"""The coverage matrix (coverage-matrix.html): the OPSC paragraphs of `lexkb table opsc-coverage` (rows, in
treaty order) against every domestic provision a mapping names (columns, grouped by instrument).

A cell is one mapping: its basis (stated by the State, inferred from the report's structure, or
editorial, lexkb's own reading) as a colour, a border style and a letter, and its sources as marks
(a paragraph of the State's report, or the date of a statute edition). The cells are the table's
claims and lexkb's editorial mappings, row by row (build_table, with --on), so the matrix and the
table cannot disagree; one SPARQL query adds what the table does not carry per cell: the IRI of an
editorial mapping's provision and the kind of document each source passage belongs to (a statute
edition is an eli:LegalExpression with an eli:version_date; the State's report is not)."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..store import select
from ..tables.model import natural_key, para_number
from .i18n import pick
from .page import Page, href

PATH = "coverage-matrix.html"
STYLESHEET = "matrix.css"

# basis notation (skos:notation in the claim-basis scheme) -> letter and words in each language; a
# basis not listed here shows "?" and the scheme's own label
BASES = {
    "stated": (("S", "stated by the State"), ("D", "declarado por el Estado")),
    "inferred-from-structure": (("I", "inferred from the report's structure"),
                                ("I", "inferido de la estructura del informe")),
    "editorial": (("E", "editorial: lexkb's own reading, not the State's claim"),
                  ("E", "editorial: lectura propia de lexkb, no afirmación del Estado")),
}
ORDER = tuple(BASES)

Q_SOURCES = """
SELECT DISTINCT ?paragraph ?domestic ?domesticLabel ?source ?doc ?docLabel ?versionDate ?rationale WHERE {
  ?claim a lexkb:ImplementationClaim ; lexkb:treatyProvision ?paragraph ; lexkb:domesticProvision ?domestic ;
         dcterms:source ?s .
  ?domestic rdfs:label ?domesticLabel .
  ?s rdfs:label ?source ; dcterms:isPartOf ?doc .
  ?doc rdfs:label ?docLabel .
  OPTIONAL { ?doc a eli:LegalExpression ; eli:version_date ?versionDate }
  OPTIONAL { ?claim lexkb:basisRationale ?rationale }
}"""


@dataclass(frozen=True)
class Source:
    label: str          # the passage's label, as the table lists it
    document: str       # its document's label
    edition: str | None  # a statute edition's date (ISO); None for the State's report

    def mark(self, lang: str) -> str:
        if self.edition is not None:
            return pick("ed. ", "ed. ", lang) + self.edition
        n = para_number(self.label)
        return f"¶{n}" if n is not None else self.label


@dataclass(frozen=True)
class Cell:
    opsc: str            # the OPSC paragraph's short label, e.g. 3(1)(b)
    opsc_iri: str
    domestic: str        # the domestic provision's label
    domestic_iri: str
    basis: str           # notation: stated, inferred-from-structure, editorial
    basis_label: str | None
    sources: tuple[Source, ...]
    rationale: str | None


@dataclass
class Row:
    opsc: str
    iri: str
    description: str | None
    status: str
    gap: bool
    note: str | None
    cells: dict = field(default_factory=dict)  # domestic IRI -> [Cell]


@dataclass
class Matrix:
    rows: list[Row]
    columns: list[tuple[str, str, str]]   # (instrument short title, provision IRI, provision label)
    table_caption: str
    query: str

    @property
    def cells(self) -> list[Cell]:
        return [c for r in self.rows for cs in r.cells.values() for c in cs]


def basis_words(basis: str, label: str | None, lang: str) -> tuple[str, str]:
    """(letter, words) of a basis in lang."""
    if basis in BASES:
        return BASES[basis][lang == "es"]
    return "?", label or pick("basis not recorded", "fundamento no registrado", lang)


def of(ctx) -> Matrix:
    """The matrix of ctx's language and day, built once per Context (the matrix page and the landing page
    both show it)."""
    cached = ctx.__dict__.get("_coverage_matrix")
    if cached is None:
        cached = ctx.__dict__["_coverage_matrix"] = build(ctx)
    return cached


def build(ctx) -> Matrix:
    from ..tables import build_table

    tbl = build_table("opsc-coverage", store=ctx.store, on=ctx.on, lang=ctx.lang)
    found: dict[tuple[str, str], dict] = {}
    docs: dict[str, Source] = {}
    for r in select(ctx.store, Q_SOURCES):
        docs[r["source"]] = Source(r["source"], r["docLabel"], None if r["versionDate"] is None else str(r["versionDate"])[:10])
        f = found.setdefault((r["paragraph"], r["domesticLabel"]), {"iri": r["domestic"], "sources": set(),
                                                                     "rationale": r["rationale"]})
        f["sources"].add(r["source"])

    def sources(labels) -> tuple[Source, ...]:
        out = [docs.get(s, Source(s, s, None)) for s in labels]
        return tuple(sorted(out, key=lambda s: (s.edition is not None, para_number(s.label) or 0, s.edition or "", s.label)))

    rows, columns = [], {}
    for tr in tbl.rows:
        iri = tr["opsc"].target
        row = Row(tr["opsc"].text, iri, tr["description"], tr["status"], tr["_gap"], tr["note"])
        for link, claim in zip(tr["provisions"] or [], tr["_claims"]):
            row.cells.setdefault(link.target, []).append(
                Cell(row.opsc, iri, link.text, link.target, claim["basis"], claim["basis_label"],
                     sources(claim["sources"]), claim["rationale"]))
        for ref in tr["editorial"] or []:
            f = found[(iri, ref.id)]
            row.cells.setdefault(f["iri"], []).append(
                Cell(row.opsc, iri, ref.id, f["iri"], "editorial", None, sources(f["sources"]), f["rationale"]))
        for cells in row.cells.values():
            c = cells[0]
            columns[c.domestic_iri] = c.domestic
        rows.append(row)
    instruments = ctx.index["instruments"]

    def short(iri):
        p = ctx.by_iri.get(iri)
        return instruments.get(p["instrument"], {}).get("short", "") if p else ""

    cols = sorted(((short(i), i, label) for i, label in columns.items()), key=lambda c: (c[0], natural_key(c[2])))
    return Matrix(rows, cols, tbl.caption, tbl.query)


def summary(m: Matrix) -> dict[str, int]:
    """Each OPSC paragraph of the matrix in one class: the strongest basis among its own mappings (stated,
    then inferred, then editorial), else 'gap' (the table's gap), else 'elsewhere' (claimed only at a
    broader or narrower paragraph)."""
    out = {k: 0 for k in (*ORDER, "other", "elsewhere", "gap")}
    for r in m.rows:
        bases = {c.basis for cs in r.cells.values() for c in cs}
        if r.gap:
            out["gap"] += 1
        elif not bases:
            out["elsewhere"] += 1
        else:
            out[next((b for b in ORDER if b in bases), "other")] += 1
    return out


# ---------------------------------------------------------------- the page

def _cell_title(c: Cell, lang: str) -> str:
    words = basis_words(c.basis, c.basis_label, lang)[1]
    return f"OPSC {pick('art.', 'art.', lang)} {c.opsc} ← {c.domestic}: {words}, {'; '.join(s.label for s in c.sources)}"


def _cell(cells: list[Cell], path: str, ctx) -> str:
    lang = ctx.lang
    out = []
    for c in cells:
        letter = basis_words(c.basis, c.basis_label, lang)[0]
        marks = " ".join(s.mark(lang) for s in c.sources)
        target = ctx.provision_path(c.domestic_iri)
        title = html.escape(_cell_title(c, lang))
        inner = (f'<span class="mx-letter" aria-hidden="true">{letter}</span>'
                 f'<span class="mx-src" aria-hidden="true">{html.escape(marks)}</span>'
                 f'<span class="mx-vh">{title}</span>')
        out.append(f'<a class="mx-claim" href="{href(path, target)}" title="{title}">{inner}</a>' if target
                   else f'<span class="mx-claim" title="{title}">{inner}</span>')
    basis = cells[0].basis if len({c.basis for c in cells}) == 1 else "mixed"
    return f'<td class="mx-cell mx-{html.escape(basis)}">{"".join(out)}</td>'


def _t(ctx):
    lang = ctx.lang
    return lambda en, es: pick(en, es, lang)


def legend(m: Matrix, ctx) -> str:
    t = _t(ctx)
    used = []
    for c in m.cells:
        if c.basis not in used:
            used.append(c.basis)
    used.sort(key=lambda b: ORDER.index(b) if b in ORDER else len(ORDER))
    items = []
    for b in used:
        label = next(c.basis_label for c in m.cells if c.basis == b)
        letter, words = basis_words(b, label, ctx.lang)
        items.append(f'<div><dt><span class="mx-swatch mx-{html.escape(b)}"><span class="mx-letter">{letter}</span></span></dt>'
                     f"<dd>{html.escape(words)}</dd></div>")
    srcs = {s.label: s for c in m.cells for s in c.sources}.values()
    reports = sorted({s.document for s in srcs if s.edition is None})
    editions = sorted({(s.edition, s.document) for s in srcs if s.edition is not None})
    for doc in reports:
        items.append(f'<div><dt><span class="mx-src">¶N</span></dt><dd>'
                     f"{html.escape(t('paragraph N of the State’s report', 'párrafo N del informe del Estado'))} "
                     f"({html.escape(doc)})</dd></div>")
    for date, doc in editions:
        items.append(f'<div><dt><span class="mx-src">{html.escape(t("ed. ", "ed. ") + date)}</span></dt>'
                     f'<dd><span lang="es">{html.escape(doc)}</span></dd></div>')
    items.append(f'<div><dt><span class="mx-swatch mx-gap-swatch">{html.escape(t("gap", "laguna"))}</span></dt><dd>'
                 f"{html.escape(t('no provision mapped at the paragraph, above it or below it in the encoded sources', 'ninguna disposición vinculada al párrafo, por encima ni por debajo de él, en las fuentes codificadas'))}"
                 f"</dd></div>")
    return (f'<h2 id="legend">{html.escape(t("Legend", "Leyenda"))}</h2>\n'
            f'<dl class="mx-legend">{"".join(items)}</dl>\n')


def table_html(m: Matrix, ctx, path: str = PATH) -> str:
    t = _t(ctx)
    groups: list[tuple[str, int]] = []
    for short, _, _ in m.columns:
        if groups and groups[-1][0] == short:
            groups[-1] = (short, groups[-1][1] + 1)
        else:
            groups.append((short, 1))
    caption = t("Coverage matrix: OPSC paragraphs (rows) and the domestic provisions mapped to them (columns)",
                "Matriz de cobertura: párrafos del OPSC (filas) y disposiciones nacionales vinculadas (columnas)")
    head1 = "".join(f'<th scope="colgroup" colspan="{n}" class="mx-inst">{html.escape(s)}</th>' for s, n in groups)
    head2 = []
    for short, iri, label in m.columns:
        shown = label.removeprefix(short).strip() if short and label.startswith(short) else label
        target = ctx.provision_path(iri)
        text = (f'<span class="mx-vh">{html.escape(short)} </span>{html.escape(shown)}')
        head2.append(f'<th scope="col" class="mx-col" title="{html.escape(label)}">'
                     + (f'<a href="{href(path, target)}">{text}</a>' if target else text) + "</th>")
    notes: dict[str, int] = {}
    body = []
    for r in m.rows:
        depth = r.opsc.count("(")
        target = ctx.provision_path(r.iri)
        label = html.escape(r.opsc)
        head = f'<a href="{href(path, target)}">{label}</a>' if target else label
        desc = f' title="{html.escape(r.description)}"' if r.description else ""
        cells = []
        for _, iri, _ in m.columns:
            cells.append(_cell(r.cells[iri], path, ctx) if iri in r.cells else '<td class="mx-empty"></td>')
        status = html.escape(r.status)
        if r.gap:
            status = f'<strong class="mx-gap-mark">{html.escape(t("Gap", "Laguna"))}</strong> {status}'
        if r.note:
            n = notes.setdefault(r.note, len(notes) + 1)
            status += f' <a class="mx-noteref" href="{path}#mx-note-{n}" aria-label="{html.escape(t("note", "nota"))} {n}">[{n}]</a>'
        cls = " ".join(x for x in ("mx-gap" if r.gap else "", f"mx-d{min(depth, 3)}") if x)
        body.append(f'<tr class="{cls}"><th scope="row"{desc}>{head}</th>{"".join(cells)}'
                    f'<td class="mx-status">{status}</td></tr>')
    status_head = t("Status (as in the coverage table)", "Situación (como en la tabla de cobertura)")
    out = (f'<div class="mx-scroll" role="region" aria-labelledby="mx-caption" tabindex="0">\n'
           f'<table class="mx-table">\n<caption id="mx-caption"><span>{html.escape(caption)}</span></caption>\n<thead>\n'
           f'<tr><td class="mx-corner"></td>{head1}<td class="mx-corner"></td></tr>\n'
           f'<tr><th scope="col">{html.escape(t("OPSC paragraph", "Párrafo del OPSC"))}</th>{"".join(head2)}'
           f'<th scope="col">{html.escape(status_head)}</th></tr>\n</thead>\n<tbody>\n'
           + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n")
    if notes:
        out += '<ol class="mx-notes">' + "".join(f'<li id="mx-note-{n}">{html.escape(text)}</li>'
                                                 for text, n in notes.items()) + "</ol>\n"
    return out


def summary_html(m: Matrix, ctx, link: str | None = None) -> str:
    """The coverage picture in a row of boxes (the landing page shows it too)."""
    t = _t(ctx)
    s = summary(m)
    boxes = []
    for b in ORDER:
        letter, words = basis_words(b, None, ctx.lang)
        boxes.append((s[b], f'<span class="mx-swatch mx-{b}"><span class="mx-letter">{letter}</span></span> '
                            + html.escape(words), f"mx-box-{b}"))
    if s["other"]:
        boxes.append((s["other"], html.escape(t("other basis", "otro fundamento")), ""))
    boxes.append((s["elsewhere"], html.escape(t("claimed only at a broader or narrower paragraph",
                                               "reivindicado solo en un párrafo más amplio o más específico")), ""))
    boxes.append((s["gap"], html.escape(t("gaps: nothing mapped at, above or below it",
                                         "lagunas: nada vinculado en él, por encima ni por debajo")), "mx-box-gap"))
    total = len(m.rows)
    intro = t(f"{total} OPSC paragraphs (arts. 1-10), each counted once: by the basis of its own mappings (stated "
              f"before inferred before editorial), or as claimed elsewhere, or as a gap.",
              f"{total} párrafos del OPSC (arts. 1 a 10), cada uno contado una vez: por el fundamento de sus propias "
              f"vinculaciones (declarado antes que inferido y que editorial), como reivindicado en otro nivel o como laguna.")
    more = f' <a href="{link}">{html.escape(t("See the coverage matrix", "Ver la matriz de cobertura"))}</a>' if link else ""
    return (f'<p>{html.escape(intro)}{more}</p>\n<dl class="figures mx-summary">'
            + "".join(f'<div class="{cls}"><dt>{label}</dt><dd>{n}</dd></div>' for n, label, cls in boxes)
            + "</dl>\n")


def matrix_page(ctx) -> dict[str, Page]:
    t = _t(ctx)
    m = of(ctx)
    title = t("Coverage matrix: the OPSC and the State's provisions", "Matriz de cobertura: el OPSC y las disposiciones del Estado")
    intro = t("Each row is a paragraph of the OPSC (articles 1-10), each column a domestic provision that a mapping "
              "names. A marked cell is a mapping: its letter and colour give its basis, its small marks the sources "
              "that record it (¶ a paragraph of the State's report; ed. a statute edition). Select a cell to open the "
              "provision; the row's heading opens the OPSC paragraph.",
              "Cada fila es un párrafo del OPSC (artículos 1 a 10) y cada columna una disposición nacional que alguna "
              "vinculación menciona. Una celda marcada es una vinculación: su letra y su color indican el fundamento; "
              "sus marcas pequeñas, las fuentes que la registran (¶ un párrafo del informe del Estado; ed. una edición "
              "de la ley). Cada celda abre la disposición; el encabezado de la fila, el párrafo del OPSC.")
    table_link = "table-opsc-coverage.html"
    source = t(f"Built from the same data as the table “{m.table_caption}” ", f"Construida con los mismos datos que la tabla «{m.table_caption}» ")
    if ctx.on is not None:
        intro += " " + t(f"Only the instruments in force on {ctx.on.isoformat()}: the coverage table's notes name the "
                         f"mappings left out.", f"Solo los instrumentos vigentes el {ctx.on.isoformat()}: las notas de la "
                         f"tabla de cobertura nombran las vinculaciones omitidas.")
    body = (f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(intro)}</p>\n"
            + summary_html(m, ctx)
            + legend(m, ctx)
            + f'<h2 id="matrix">{html.escape(t("Matrix", "Matriz"))}</h2>\n'
            + table_html(m, ctx)
            + f'<p class="mx-source">{html.escape(source)}(<a href="{table_link}">{html.escape(table_link)}</a>; '
              f"<code>{html.escape(m.query)}</code>).</p>\n")
    return {PATH: Page(title, body, styles=(STYLESHEET,))}
