"""The audit's page (audit.html): each fact of the State's report beside the statute in force when it was
written, aspect by aspect, with its verdict, as `lexkb audit` gives them; differences first counted, then
every record, each provision and each source a link. The records are lexkb's English; on the Spanish page
they are marked so (lang="en"), the headings and the counts are Spanish."""
from __future__ import annotations

import html

from .citations import cite_html
from .i18n import pick
from .page import Page, href

PATH = "audit.html"
HEADERS = {"provision": ("Provision", "Disposición"), "aspect": ("Aspect", "Aspecto"),
           "report": ("The State's report", "Informe del Estado"), "report_source": ("Report source", "Fuente (informe)"),
           "statute": ("The statute", "La ley"), "statute_source": ("Statute source", "Fuente (ley)"),
           "verdict": ("Verdict", "Veredicto")}
COLUMNS = ("provision", "aspect", "report", "report_source", "statute", "statute_source", "verdict")
EMPTY = "—"


def _code(text: str) -> str:
    return html.escape(text).replace("`lexkb audit`", "<code>lexkb audit</code>")


def audit_counts(ctx) -> tuple[object, dict[str, int]]:
    """The audit of the context's store and how many records have each verdict."""
    counts: dict[str, int] = {}
    for r in ctx.audit.records:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    return ctx.audit, counts


def audit_pages(ctx) -> dict[str, Page]:
    lang = ctx.lang
    result, counts = audit_counts(ctx)
    by_label = {p["label"]: iri for iri, p in ctx.by_iri.items()}

    def cell(key: str, value) -> str:
        if value is None:
            return EMPTY
        if key == "provision" and value in by_label:
            return f'<a href="{html.escape(href(PATH, ctx.provision_path(by_label[value])))}">{html.escape(value)}</a>'
        if key in ("report_source", "statute_source"):
            return cite_html(ctx, value, PATH)
        return html.escape(value)

    title = pick("Audit: the State's report checked against the statute", "Auditoría: el informe del Estado frente a la ley",
                 lang)
    caption = pick(f"{len(result.records)} records, one per provision and aspect",
                   f"{len(result.records)} registros, uno por disposición y aspecto", lang)
    other = ' lang="en"' if lang != "en" else ""
    out = [f"<h1>{html.escape(title)}</h1>",
           "<p>" + _code(pick(
               "Each fact of the State's report beside the statute's text of the same article in force when the "
               "report was written, aspect by aspect, as `lexkb audit` gives it. A difference is a finding, not a "
               "correction: the knowledge base keeps both values with their sources.",
               "Cada dato del informe del Estado junto al texto de la ley del mismo artículo vigente cuando se escribió "
               "el informe, aspecto por aspecto, como lo da `lexkb audit`. Una diferencia es un hallazgo, no una "
               "corrección: la base de conocimiento conserva ambos valores con sus fuentes.", lang)) + "</p>",
           '<ul class="audit-counts">']
    out += [f'<li><span{other}>{html.escape(v)}</span>: {n}</li>' for v, n in sorted(counts.items(), key=lambda kv: kv[0] != "differs")]
    out += ["</ul>", "<table>", f"<caption>{html.escape(caption)}</caption>", "<thead>", "<tr>"]
    out += [f'<th scope="col">{html.escape(pick(*HEADERS[k], lang))}</th>' for k in COLUMNS]
    out += ["</tr>", "</thead>", f"<tbody{other}>"]
    for r in result.records:
        mark = ' class="differs"' if r["verdict"] == "differs" else ""
        out += [f"<tr{mark}>"] + [f"<td>{cell(k, r[k])}</td>" for k in COLUMNS] + ["</tr>"]
    out += ["</tbody>", "</table>", f"<h2>{html.escape(pick('Notes', 'Notas', lang))}</h2>", f"<ul{other}>"]
    out += [f"<li>{html.escape(n)}</li>" for n in result.notes]
    out.append("</ul>")
    return {PATH: Page(title, "\n".join(out) + "\n")}
