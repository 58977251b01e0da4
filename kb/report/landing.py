"""The landing page (index.html): what the knowledge base holds, the coverage picture, the audit's
findings and the timeline at a glance, then links to the charts, the tables and every provision.

Every figure is counted from the graph by SPARQL (the store the report is built from, so an
--endpoint report counts the endpoint's graph) or taken from the audit run on that store."""
from __future__ import annotations

import html

from ..store import select
from ..tables.model import natural_key
from .audit_page import audit_counts
from .i18n import pick, tx
from .page import Page

Q_HOLDINGS = """
SELECT
  (COUNT(DISTINCT ?instrument) AS ?instruments)
  (COUNT(DISTINCT ?document) AS ?documents)
  (COUNT(DISTINCT ?edition) AS ?editions)
  (COUNT(DISTINCT ?offence) AS ?offences)
  (COUNT(DISTINCT ?version) AS ?versions)
  (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?claim) AS ?claims)
WHERE {
  { ?instrument a eli:LegalResource }
  UNION { ?document a lexkb:SourceDocument OPTIONAL { ?document a eli:LegalExpression BIND(?document AS ?edition) } }
  UNION { ?offence a lexkb:Offence }
  UNION { ?version a lexkb:ArticleVersion }
  UNION { ?event a lexkb:AmendmentEvent }
  UNION { ?claim a lexkb:ImplementationClaim }
}"""

# each instrument's title in the page's language (the index keeps the English one)
Q_TITLES = """
SELECT ?instrument ?title WHERE { ?instrument a eli:LegalResource ; eli:title ?title FILTER(lang(?title) = ?lang) }"""

Q_PROVISIONS = """
SELECT ?instrument ?short (COUNT(DISTINCT ?provision) AS ?n) WHERE {
  ?provision a eli:LegalResourceSubdivision ; eli:is_part_of+ ?instrument .
  ?instrument a eli:LegalResource ; eli:title_short ?short .
} GROUP BY ?instrument ?short ORDER BY ?short"""

# the audit's verdicts (lexkb.audit.verdicts) in the order a reader weighs them
VERDICTS = {
    "differs": ("differs", "difiere"),
    "agrees": ("agrees", "coincide"),
    "not in report": ("not in report", "no consta en el informe"),
    "not in statute": ("not in statute", "no consta en la ley"),
    "cannot compare": ("cannot compare", "no se puede comparar"),
}

CHARTS = (("coverage-matrix.html", "Coverage matrix", "Matriz de cobertura"),
          ("penalties-chart.html", "Penalty ranges, drawn", "Rangos de penas, en gráfico"),
          ("timeline.html", "Timeline of the sources", "Cronología de las fuentes"))


def _figures(boxes) -> str:
    """A row of key figures: (number, label, detail or '', css class or '')."""
    out = []
    for n, label, detail, cls in boxes:
        extra = f' <span class="detail">{html.escape(detail)}</span>' if detail else ""
        out.append(f'<div class="{cls}"><dt>{html.escape(label)}{extra}</dt><dd>{n}</dd></div>' if cls else
                   f"<div><dt>{html.escape(label)}{extra}</dt><dd>{n}</dd></div>")
    return '<dl class="figures">' + "".join(out) + "</dl>\n"


def holdings(ctx) -> dict:
    """What the knowledge base holds, counted from the graph."""
    h = select(ctx.store, Q_HOLDINGS)[0]
    per = [(r["short"], int(r["n"])) for r in select(ctx.store, Q_PROVISIONS)]
    counts = {k: int(h[k] or 0) for k in ("instruments", "documents", "editions", "offences", "versions", "events", "claims")}
    counts["provisions"] = per
    return counts


def _holdings_html(ctx) -> str:
    lang = ctx.lang
    h = holdings(ctx)
    total = sum(n for _, n in h["provisions"])
    others = h["documents"] - h["editions"]
    return _figures([
        (h["instruments"], pick("instruments", "instrumentos", lang), "", ""),
        (h["documents"], pick("source documents", "documentos fuente", lang),
         pick(f"{h['editions']} statute editions, {others} other", f"{h['editions']} ediciones de leyes, {others} "
                                                                       f"{'otro' if others == 1 else 'otros'}", lang), ""),
        (total, pick("provisions (articles and their parts)", "disposiciones (artículos y sus partes)", lang),
         " · ".join(f"{s} {n}" for s, n in h["provisions"]), ""),
        (h["offences"], pick("offences", "delitos", lang), "", ""),
        (h["versions"], pick("article versions", "versiones de artículos", lang), "", ""),
        (h["events"], pick("amendment events", "eventos de reforma", lang), "", ""),
        (h["claims"], pick("mappings to the OPSC", "vinculaciones con el OPSC", lang),
         pick("the State's claims and lexkb's own", "afirmaciones del Estado y propias de lexkb", lang), ""),
    ])


def _audit_html(ctx, pages) -> str:
    lang = ctx.lang
    result, counts = audit_counts(ctx)
    n = len(result.records)
    order = [v for v in VERDICTS if v in counts] + sorted(v for v in counts if v not in VERDICTS)
    boxes = [(counts[v], pick(*VERDICTS[v], lang) if v in VERDICTS else v, "", f"verdict-{v.replace(' ', '-')}")
             for v in order]
    lead = pick(f"{n} records: each fact of the State's report {result.report} (submitted {result.submitted}) beside the "
                f"statute in force that day. Differences are findings, not corrections.",
                f"{n} registros: cada dato del informe del Estado {result.report} (presentado el {result.submitted}) "
                f"frente a la ley vigente ese día. Las diferencias son hallazgos, no correcciones.", lang)
    page = next((p for p in ("audit.html", "table-audit.html") if p in pages), None)
    more = f' <a href="{page}">{html.escape(pick("The audit", "La auditoría", lang))}</a>' if page else \
        f' {html.escape(pick("Full records:", "Registros completos:", lang))} <code>lexkb audit</code>'
    return f"<p>{html.escape(lead)}{more}</p>\n" + _figures(boxes)


def _timeline_html(ctx) -> str:
    try:
        from .timeline import timeline_svg
    except ImportError:
        return ""
    drawing = timeline_svg(ctx, compact=True)
    if not drawing:
        return ""
    return (f'<h2 id="timeline">{html.escape(pick("Timeline", "Cronología", ctx.lang))}</h2>\n'
            f'<div class="landing-timeline">{drawing}</div>\n')


def _links(ctx, pages, tables) -> str:
    lang = ctx.lang
    charts = [(p, pick(en, es, lang)) for p, en, es in CHARTS if p in pages]
    out = ""
    if charts:
        out += (f'<h2 id="charts">{html.escape(pick("Charts", "Gráficos", lang))}</h2>\n<ul class="landing-links">'
                + "".join(f'<li><a href="{p}">{html.escape(t)}</a></li>' for p, t in charts) + "</ul>\n")
    out += (f'<h2 id="tables">{html.escape(tx("tables", lang))}</h2>\n<ul class="landing-links">'
            + "".join(f'<li><a href="{p}">{html.escape(pages[p].title)}</a></li>' for p in tables if p in pages)
            + "</ul>\n")
    return out


def _provisions_html(ctx) -> str:
    lang = ctx.lang
    by_instrument: dict[str, list[dict]] = {}
    for p in ctx.by_iri.values():
        by_instrument.setdefault(p["instrument"], []).append(p)
    titles = {r["instrument"]: r["title"] for r in select(ctx.store, Q_TITLES, bind={"lang": lang})}
    out = [f'<h2 id="provisions">{html.escape(tx("provisions", lang))}</h2>\n<div class="landing-provisions">']
    for inst in sorted(by_instrument, key=lambda i: ctx.index["instruments"].get(i, {}).get("short", i)):
        info = ctx.index["instruments"].get(inst, {})
        items = sorted(by_instrument[inst], key=lambda p: natural_key(p["label"]))
        title = html.escape(titles[inst]) if inst in titles else \
            f'<span lang="en">{html.escape(info.get("title", inst))}</span>' if lang != "en" else html.escape(info.get("title", inst))
        head = f"{html.escape(info.get('short', ''))}: {title} ({len(items)})"
        out.append(f"<details><summary>{head}</summary><ul>"
                   + "".join(f'<li><a href="{ctx.provision_path(p["iri"])}">{html.escape(p["label"])}</a></li>' for p in items)
                   + "</ul></details>")
    out.append("</div>\n")
    return "".join(out)


def landing_page(ctx, pages: dict, tables) -> Page:
    """tables: the table pages' paths, in the order to list them."""
    from . import matrix

    lang = ctx.lang
    about = tx("about", lang).replace("`", "")
    m = matrix.of(ctx)
    link = matrix.PATH if matrix.PATH in pages else None
    body = (f"<h1>{html.escape(tx('title', lang))}</h1>\n<p>{html.escape(about)}</p>\n"
            + f'<h2 id="holdings">{html.escape(pick("What the knowledge base holds", "Qué contiene la base de conocimiento", lang))}</h2>\n'
            + _holdings_html(ctx)
            + f'<h2 id="coverage">{html.escape(pick("Coverage of the OPSC", "Cobertura del OPSC", lang))}</h2>\n'
            + matrix.summary_html(m, ctx, link)
            + f'<h2 id="audit">{html.escape(pick("Audit: the State’s report and the statute", "Auditoría: el informe del Estado y la ley", lang))}</h2>\n'
            + _audit_html(ctx, pages)
            + _timeline_html(ctx)
            + _links(ctx, pages, tables)
            + _provisions_html(ctx))
    return Page(tx("title", lang), body, styles=(matrix.STYLESHEET,))
