"""The coverage matrix and the landing page of `lexkb report`: the matrix's cells are the coverage table's
mappings, its gap rows the gaps table's rows; the landing page's figures are the numbers the knowledge
base and `lexkb audit -f json` give, counted here independently; in both languages."""
import html.parser
import json
import re
from collections import Counter

import pytest
from conftest import run_lexkb

from lexkb.report import matrix
from lexkb.report.site import Context, _load, language_pages
from lexkb.store import select
from lexkb.tables import build_table

REPORT = "CRC/C/OPSC/MEX/Q/1/Add.1"
EDITION = "Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas y para la " \
          "Protección y Asistencia a las Víctimas de estos Delitos, Última reforma publicada DOF 14-11-2025"


@pytest.fixture(scope="module")
def loaded():
    return _load(None)


@pytest.fixture(scope="module", params=["en", "es"])
def ctx(request, loaded):
    store, index = loaded
    return Context(store, index, request.param)


@pytest.fixture(scope="module")
def pages(ctx):
    return language_pages(ctx)


def table_pairs(tbl):
    """(OPSC paragraph, domestic provision label, basis) of every mapping the coverage table lists."""
    out = []
    for r in tbl.rows:
        for link, code in zip(r["provisions"] or [], r["basis"] or []):
            out.append((r["opsc"].text, link.text, code.id))
        out += [(r["opsc"].text, ref.id, "editorial") for ref in r["editorial"] or []]
    return out


def test_cells_are_the_coverage_tables_mappings(ctx):
    m = matrix.build(ctx)
    tbl = build_table("opsc-coverage", store=ctx.store, lang=ctx.lang)
    cells = sorted((c.opsc, c.domestic, c.basis) for c in m.cells)
    assert cells == sorted(table_pairs(tbl))
    assert Counter(c.basis for c in m.cells) == {"stated": 6, "inferred-from-structure": 6, "editorial": 4}
    assert [r.opsc for r in m.rows] == [r["opsc"].text for r in tbl.rows]
    assert len(m.rows) == 66
    # columns: every provision some mapping names, grouped by instrument, in the law's order
    assert [label for _, _, label in m.columns] == [
        "CPF art. 203", "CPF art. 203 bis", "CPF art. 204", "CPF art. 206", "CPF art. 206 bis",
        "General Law on trafficking (2012) art. 10", "General Law on trafficking (2012) art. 26",
        "LPSTP art. 5", "LPSTP art. 6"]


def test_specific_cells_and_their_sources(ctx):
    m = matrix.build(ctx)
    by = {(c.opsc, c.domestic): c for c in m.cells}
    assert sorted(o for o, d in by if d == "CPF art. 204") == ["2(b)", "3(1)(b)"]
    c204 = by[("3(1)(b)", "CPF art. 204")]
    assert c204.basis == "stated"
    assert [s.label for s in c204.sources] == [f"{REPORT}, para. 45", f"{REPORT}, para. 47"]
    assert [s.mark(ctx.lang) for s in c204.sources] == ["¶45", "¶47"]
    c206 = by[("3(1)(a)", "CPF art. 206")]
    assert c206.basis == "inferred-from-structure" and [s.mark(ctx.lang) for s in c206.sources] == ["¶49", "¶50"]
    art10 = sorted(o for o, d in by if d == "General Law on trafficking (2012) art. 10")
    assert art10 == ["3(1)(a)(i)(a)", "3(1)(a)(i)(b)", "3(1)(a)(i)(c)"]
    e = by[("3(1)(a)(i)(a)", "General Law on trafficking (2012) art. 10")]
    assert e.basis == "editorial" and [(s.edition, s.document) for s in e.sources] == [("2025-11-14", EDITION)]


def test_matrix_page_cells_titles_links(ctx, pages):
    body = pages[matrix.PATH].body
    stated = "stated by the State" if ctx.lang == "en" else "declarado por el Estado"
    title = f"OPSC art. 3(1)(b) ← CPF art. 204: {stated}, {REPORT}, para. 45; {REPORT}, para. 47"
    assert f'<a class="mx-claim" href="provisions/cpf-art-204.html" title="{title}">' in body
    letter = "S" if ctx.lang == "en" else "D"
    assert body.count(f'<span class="mx-letter" aria-hidden="true">{letter}</span>') == 6
    assert body.count('<span class="mx-letter" aria-hidden="true">I</span>') == 6
    assert body.count('<span class="mx-letter" aria-hidden="true">E</span>') == 4
    assert body.count('<td class="mx-cell mx-stated">') == 6
    assert body.count('<td class="mx-cell mx-editorial">') == 4
    assert '<a href="provisions/opsc-art-3-1-b.html">3(1)(b)</a>' in body
    assert '<th scope="colgroup" colspan="5" class="mx-inst">CPF</th>' in body


def test_gap_rows_are_the_gaps_table(ctx, pages):
    m = matrix.build(ctx)
    gaps = build_table("opsc-coverage", store=ctx.store, lang=ctx.lang, gaps=True)
    assert [r.opsc for r in m.rows if r.gap] == [r["opsc"].text for r in gaps.rows]
    assert len(gaps.rows) == 55
    assert {r.note for r in m.rows if r.gap} == {r["note"] for r in gaps.rows}
    body = pages[matrix.PATH].body
    assert body.count('<tr class="mx-gap ') == 55
    assert body.count('<strong class="mx-gap-mark">') == 55
    note = gaps.rows[0]["note"]
    assert f'<li id="mx-note-1">{note.replace(chr(39), "&#x27;")}</li>' in body
    assert matrix.summary(m) == {"stated": 2, "inferred-from-structure": 2, "editorial": 3, "other": 0,
                                 "elsewhere": 4, "gap": 55}


class Figures(html.parser.HTMLParser):
    """The landing page's key figures: (section id, label) -> number, from each <dt>/<dd> pair (the <dt>'s
    words without its detail line and without a basis swatch)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.section, self.label, self.figures = None, "", {}
        self.in_dt = self.in_dd = False
        self.spans = []  # for each open <span> in a <dt>: whether its text is left out

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2":
            self.section = a.get("id")
        elif tag == "dt":
            self.in_dt, self.label = True, ""
        elif tag == "dd":
            self.in_dd = True
        elif tag == "span" and self.in_dt:
            cls = a.get("class") or ""
            self.spans.append(cls == "detail" or cls.startswith("mx-swatch") or any(self.spans))

    def handle_endtag(self, tag):
        if tag == "dt":
            self.in_dt = False
        elif tag == "dd":
            self.in_dd = False
        elif tag == "span" and self.in_dt:
            self.spans.pop()

    def handle_data(self, data):
        if self.in_dt and not any(self.spans):
            self.label += data
        elif self.in_dd:
            self.figures[(self.section, self.label.strip())] = int(data.strip())


def figures(body):
    f = Figures()
    f.feed(body)
    return f.figures


def count(store, cls):
    return select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a {cls} }}")[0]["n"]


def test_landing_page_figures(ctx, pages):
    es = ctx.lang == "es"
    f = figures(pages["index.html"].body)
    w = (lambda en, sp: sp if es else en)
    holds = {label: n for (sec, label), n in f.items() if sec == "holdings"}
    assert holds[w("instruments", "instrumentos")] == count(ctx.store, "eli:LegalResource") == 5
    assert holds[w("offences", "delitos")] == count(ctx.store, "lexkb:Offence") == len(ctx.index["offences"]) == 31
    assert holds[w("article versions", "versiones de artículos")] == count(ctx.store, "lexkb:ArticleVersion") == 45
    assert holds[w("amendment events", "eventos de reforma")] == count(ctx.store, "lexkb:AmendmentEvent") == 68
    assert holds[w("source documents", "documentos fuente")] == count(ctx.store, "lexkb:SourceDocument") == 7
    assert holds[w("provisions (articles and their parts)", "disposiciones (artículos y sus partes)")] \
        == len(ctx.index["provisions"]) == 133
    assert holds[w("mappings to the OPSC", "vinculaciones con el OPSC")] == count(ctx.store, "lexkb:ImplementationClaim") == 16
    assert "CPF 30 · General Law on trafficking (2012) 21 · LPSTP 9 · OPSC 73" in pages["index.html"].body


def test_landing_audit_counts_equal_the_cli(ctx, pages):
    code, out, err = run_lexkb("audit", "-f", "json")
    assert code == 0, err
    verdicts = Counter(r["verdict"] for r in json.loads(out))
    assert verdicts == {"agrees": 26, "differs": 1, "not in report": 8, "not in statute": 10}
    f = figures(pages["index.html"].body)
    shown = {label: n for (sec, label), n in f.items() if sec == "audit"}
    words = {"agrees": "coincide", "differs": "difiere", "not in report": "no consta en el informe",
             "not in statute": "no consta en la ley"}
    assert shown == {(words[v] if ctx.lang == "es" else v): n for v, n in verdicts.items()}
    total = sum(verdicts.values())
    assert re.search(rf"<p>{total} (records|registros): ", pages["index.html"].body)


def test_landing_coverage_summary_and_links(ctx, pages):
    body = pages["index.html"].body
    f = figures(body)
    cov = [n for (sec, _), n in f.items() if sec == "coverage"]
    assert cov == [2, 2, 3, 4, 55] and sum(cov) == 66
    assert f'<a href="{matrix.PATH}">' in body
    assert body.count('<a href="provisions/') == 133
    for table in ("table-penalties.html", "table-opsc-coverage.html", "table-opsc-gaps.html"):
        assert f'<a href="{table}">' in body
    # a chart page is linked only where it exists
    for chart in ("penalties-chart.html", "timeline.html"):
        assert (f'<a href="{chart}">' in body) == (chart in pages)
