"""Every citation a link: a source passage's label, as the tables and provision pages print it, mapped
to the report page that shows its words.

A report's paragraph ("DOC, para. 47") goes to its passage page, `sources/DOC-ID/para-47.html`
(DOC-ID: the last segment of the document's IRI, minted from its declared id); a place in a statute
edition ("TITLE (EDITION), art. 204", "…, art. 204, fracc. III") goes to the page of the article's
version that edition carries, `versions/ARTICLE-SLUG/DATE.html` (versions.py). Everything comes
from the graph's lexkb:SourcePassage, lexkb:SourceDocument and lexkb:ArticleVersion resources; a
label the graph does not know stays plain text, so no link is ever broken."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..tables.model import Link, SourceRef
from .page import href
from .provision import slug

Q_PASSAGES = """
SELECT ?passage ?label ?para ?locator ?text (LANG(?text) AS ?textLang) ?doc WHERE {
  ?passage a lexkb:SourcePassage ; rdfs:label ?label .
  OPTIONAL { ?passage dcterms:isPartOf ?doc }
  OPTIONAL { ?passage lexkb:paragraph ?para }
  OPTIONAL { ?passage lexkb:locator ?locator }
  OPTIONAL { ?passage lexkb:quotedText ?text }
}"""

Q_DOCUMENTS = """
SELECT ?doc ?identifier ?title (LANG(?title) AS ?titleLang) ?language ?submitted ?issued ?publisher ?vendored
       ?checksum ?origin ?originLabel ?edition ?editionDate WHERE {
  ?doc a lexkb:SourceDocument ; dcterms:identifier ?identifier ; dcterms:title ?title .
  OPTIONAL { ?doc dcterms:language ?language }
  OPTIONAL { ?doc dcterms:dateSubmitted ?submitted }
  OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?doc dcterms:publisher ?publisher }
  OPTIONAL { ?doc lexkb:vendoredAs ?vendored }
  OPTIONAL { ?doc spdx:checksum ?c . ?c spdx:checksumValue ?checksum }
  OPTIONAL { ?doc prov:wasDerivedFrom ?origin . OPTIONAL { ?origin rdfs:label ?originLabel } }
  OPTIONAL { ?doc lexkb:editionStatement ?edition }
  OPTIONAL { ?doc eli:version_date ?editionDate }
}"""

Q_EXPRESSIONS = """
SELECT ?article ?articleLabel ?version ?since ?expression ?editionDate ?passage WHERE {
  ?version a lexkb:ArticleVersion ; eli:is_member_of ?article ; eli:date_publication ?since ;
           eli:is_realized_by ?expression .
  ?article rdfs:label ?articleLabel .
  ?expression eli:version_date ?editionDate ; dcterms:source ?passage .
}"""

_SEVERAL = re.compile(r"^(?P<doc>.*), paras?\. (?P<nums>\d+(?:\s*(?:[-–,]|and|y)\s*\d+)*)$")


@dataclass
class Sources:
    """The passages, documents and article versions of one knowledge base, read once."""

    passages: dict = field(default_factory=dict)  # passage IRI -> row
    documents: dict = field(default_factory=dict)  # document IRI -> row
    by_label: dict = field(default_factory=dict)  # passage label -> passage IRI
    expressions: list = field(default_factory=list)  # Q_EXPRESSIONS rows
    versions_of: dict = field(default_factory=dict)  # article IRI -> [(since, version IRI)] in date order
    article_of_passage: dict = field(default_factory=dict)  # statute article passage IRI -> (article IRI, article label, since)

    def passage_path(self, iri: str) -> str | None:
        """sources/DOC-ID/para-N.html for a report's paragraph; None for anything else."""
        p = self.passages.get(iri)
        if not p or p["para"] is None or not p["doc"] or not p["text"]:
            return None
        return f"sources/{doc_slug(p['doc'])}/para-{p['para']}.html"

    def version_path(self, iri: str) -> str | None:
        """versions/ARTICLE-SLUG/DATE.html for a statute passage: the article's version the edition carries."""
        hit = self.article_of_passage.get(iri)
        while hit is None and "/" in iri:  # a fracción, inciso or párrafo: its article's passage
            iri = iri.rsplit("/", 1)[0]
            hit = self.article_of_passage.get(iri)
        return version_path(hit[1], hit[2]) if hit else None

    def path_of(self, label: str) -> str | None:
        iri = self.by_label.get(label)
        if iri is None:
            m = _SEVERAL.match(label)
            if not m:
                return None
            # several paragraphs in one label: the first that has a page
            for n in re.findall(r"\d+", m.group("nums")):
                one = self.by_label.get(f"{m.group('doc')}, para. {n}")
                if one and self.passage_path(one):
                    return self.passage_path(one)
            return None
        return self.passage_path(iri) or self.version_path(iri)


def doc_slug(doc_iri: str) -> str:
    return doc_iri.rstrip("/").rsplit("/", 1)[-1]


def version_path(article_label: str, since) -> str:
    return f"versions/{slug(article_label)}/{str(since)[:10]}.html"


_cache: list = []  # [(store, index, Sources)]: the last one read; both languages share it


def sources_of(ctx) -> Sources:
    if _cache and _cache[0][0] is ctx.store and _cache[0][1] is ctx.index:
        return _cache[0][2]
    from ..store import select

    s = Sources()
    for r in select(ctx.store, Q_PASSAGES):
        s.passages[r["passage"]] = r
        s.by_label.setdefault(r["label"], r["passage"])
    for r in select(ctx.store, Q_DOCUMENTS):
        s.documents.setdefault(r["doc"], r)
    s.expressions = select(ctx.store, Q_EXPRESSIONS)
    for r in s.expressions:
        since = str(r["since"])[:10]
        versions = s.versions_of.setdefault(r["article"], [])
        if (since, r["version"]) not in versions:
            versions.append((since, r["version"]))
        s.article_of_passage[r["passage"]] = (r["article"], r["articleLabel"], since)
    for versions in s.versions_of.values():
        versions.sort()
    _cache[:] = [(ctx.store, ctx.index, s)]
    return s


def citation_href(ctx, label: str, from_path: str) -> str | None:
    """The relative link from the page at from_path to the page of the passage `label` names, or
    None when the report has no page for it (then the label is printed as plain text)."""
    path = sources_of(ctx).path_of(label)
    return href(from_path, path) if path else None


def cite_html(ctx, label: str, from_path: str, text: str | None = None) -> str:
    """A citation as HTML: a link where it has a page, else the escaped label."""
    link = citation_href(ctx, label, from_path)
    if link == href(from_path, from_path):  # the page itself
        link = None
    shown = html.escape(text if text is not None else label)
    return f'<a href="{html.escape(link)}">{shown}</a>' if link else shown


def cite_md(ctx, label: str, from_path: str, text: str | None = None) -> str:
    """A citation as Markdown (for the pages rendered by markdown-it)."""
    from ..tables.render import md_escape

    link = citation_href(ctx, label, from_path)
    shown = md_escape(text if text is not None else label)
    return f"[{shown}]({link})" if link else shown


# ------------------------------------------------------------------ table pages
def linked_table(tbl):
    """The table with each source cell a Link (target: the passage's full label), and its list of
    sources taken off (sources_markdown prints it with links)."""
    from dataclasses import replace

    def cell(v):
        if isinstance(v, SourceRef):
            return Link(v.short, v.full)
        if isinstance(v, list):
            return [cell(x) for x in v]
        return v

    rows = [{k: cell(v) for k, v in row.items()} for row in tbl.rows]
    return replace(tbl, rows=rows, sources=[])


def table_link_fn(ctx, from_path: str):
    """A table renderer's link function: a provision's page, or a source passage's."""
    provision = ctx.link_fn(from_path)

    def link(value: Link):
        return provision(value) or citation_href(ctx, value.target, from_path)
    return link


def sources_markdown(ctx, labels, from_path: str, lang: str) -> str:
    from ..tables.common import t

    if not labels:
        return ""
    return "\n".join(["", f"{t('sources', lang)}:", ""] + [f"- {cite_md(ctx, s, from_path)}" for s in labels]) + "\n"


# ------------------------------------------------------------------ a report's paragraph pages
WORDS = {
    "document": ("Document", "Documento"),
    "identifier": ("Symbol", "Signatura"),
    "title": ("Title", "Título"),
    "language": ("Language of the text", "Idioma del texto"),
    "submitted": ("Received (dcterms:dateSubmitted)", "Recibido (dcterms:dateSubmitted)"),
    "issued": ("Issued (dcterms:issued)", "Publicado (dcterms:issued)"),
    "publisher": ("Publisher", "Editor"),
    "file": ("Vendored file", "Archivo conservado"),
    "checksum": ("sha256", "sha256"),
    "origin": ("Derived from", "Procede de"),
    "text": ("The paragraph's words", "Texto del párrafo"),
    "text-note": ("Quoted from the vendored document as lexkb reads it (whitespace normalised); in its own language.",
                  "Citado del documento conservado tal como lo lee lexkb (espacios normalizados); en su propio idioma."),
    "cited-by": ("What cites this paragraph", "Qué cita este párrafo"),
    "provisions": ("Provisions", "Disposiciones"),
    "offences": ("Offences", "Delitos"),
    "penalties": ("Penalties", "Penas"),
    "claims": ("Implementation claims", "Afirmaciones de aplicación"),
    "readings": ("lexkb's readings (not the source's words)", "Lecturas de lexkb (no son palabras de la fuente)"),
    "nothing": ("Nothing in the knowledge base's provisions cites it.", "Nada en las disposiciones de la base de conocimiento lo cita."),
    "others": ("Other cited paragraphs of this document", "Otros párrafos citados de este documento"),
    "defined-in": ("defined in", "definido en"),
    "penalty": ("imprisonment {i} years; fine {f} {u}", "prisión de {i} años; multa de {f} {u}"),
    "claim": ("{p} claimed to implement OPSC art. {o}", "{p} aplicaría, según el Estado, el art. {o} del OPSC"),
    "basis": ("basis", "fundamento"),
    "reading": ("reading {id} on {p}", "lectura {id} sobre {p}"),
    "nis": ("not in source", "no consta en la fuente"),
}


def _w(key: str, lang: str, **kw) -> str:
    from .i18n import pick

    text = pick(*WORDS[key], lang)
    return text.format(**kw) if kw else text


def _citers(ctx, label: str, path: str) -> list[tuple[str, list[str]]]:
    """(heading, items as HTML) of everything in the index that cites the passage `label`."""
    from .versions import penalty_fields

    lang, e = ctx.lang, html.escape
    by_label = {p["label"]: p for p in ctx.by_iri.values()}

    def prov(name: str) -> str:
        p = by_label.get(name)
        target = ctx.provision_path(p["iri"]) if p else None
        return f'<a href="{e(href(path, target))}">{e(name)}</a>' if target else e(name)

    groups: dict[str, list[str]] = {k: [] for k in ("provisions", "offences", "penalties", "claims", "readings")}
    for p in sorted(ctx.by_iri.values(), key=lambda p: p["label"]):
        if label in p.get("sources", []):
            groups["provisions"].append(prov(p["label"]))
        for c in p.get("opsc_claims", []):
            if c.get("source") == label:
                groups["claims"].append(e(_w("claim", lang, p="\0", o=c["opsc"])).replace("\0", prov(p["label"]))
                                        + f' ({e(_w("basis", lang))}: <span lang="en">{e(c.get("basis_label") or "")}</span>)')
        for r in p.get("readings", []):
            if isinstance(r, dict) and label in r.get("sources", []):
                groups["readings"].append(e(_w("reading", lang, id=r["id"], p="\0")).replace("\0", prov(p["label"]))
                                          + f' (<span lang="en">{e(r.get("basis_label") or "")}</span>)')
    seen = set()
    for o in ctx.index["offences"]:
        if label in o.get("sources", []):
            name = o["offence_es"] if lang == "es" and o.get("offence_es") else o["offence"]
            where = ", ".join(prov(d) for d in o.get("defined_in", []))
            groups["offences"].append(f"{e(name)} ({e(_w('defined-in', lang))} {where})" if where else e(name))
        for pen in o["penalties"]:
            if pen["id"] in seen or label not in (pen.get("sources") or [pen.get("source")]):
                continue
            seen.add(pen["id"])
            f = penalty_fields(pen, lang)
            groups["penalties"].append(f"{prov(pen['provision'])}: "
                                       + e(_w("penalty", lang, i=f["imprisonment"], f=f["fine"], u=f["fine-unit"]))
                                       + (f' — <span lang="en">{e(f["measures"])}</span>' if pen.get("additional_measures") else ""))
    return [(_w(k, lang), sorted(set(v), key=v.index)) for k, v in groups.items() if v]


def source_pages(ctx) -> dict:
    from .page import Page

    lang, e = ctx.lang, html.escape
    s = sources_of(ctx)
    pages = {}
    cited = sorted(((p["doc"], p["para"], iri) for iri, p in s.passages.items() if s.passage_path(iri)))
    for doc_iri, para, iri in cited:
        p, doc = s.passages[iri], s.documents.get(doc_iri, {})
        path = s.passage_path(iri)
        text_lang = p.get("textLang") or doc.get("language") or ""
        body = [f"<h1>{e(p['label'])}</h1>",
                f'<blockquote class="passage" lang="{e(text_lang)}"><p>{e(p["text"])}</p></blockquote>',
                f'<p class="note">{e(_w("text-note", lang))}</p>',
                f"<h2>{e(_w('document', lang))}</h2>", '<dl class="facts">']
        facts = [("identifier", doc.get("identifier")), ("title", doc.get("title")), ("language", doc.get("language")),
                 ("submitted", doc.get("submitted")), ("issued", doc.get("issued")), ("publisher", doc.get("publisher")),
                 ("file", doc.get("vendored")), ("checksum", doc.get("checksum")),
                 ("origin", doc.get("originLabel") or doc.get("origin"))]
        for key, value in facts:
            if key in ("publisher", "origin") and value is None:
                continue
            attr = f' lang="{e(doc.get("titleLang") or doc.get("language") or "")}"' if key == "title" else ""
            shown = e(str(value)) if value is not None else e(_w("nis", lang))
            body.append(f"<dt>{e(_w(key, lang))}</dt><dd{attr}>{shown}</dd>")
        body.append("</dl>")
        body.append(f"<h2>{e(_w('cited-by', lang))}</h2>")
        groups = _citers(ctx, p["label"], path)
        if not groups:
            body.append(f"<p>{e(_w('nothing', lang))}</p>")
        for heading, items in groups:
            body.append(f"<h3>{e(heading)}</h3><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
        siblings = [(n, i) for d, n, i in cited if d == doc_iri and i != iri]
        if siblings:
            body.append(f"<h2>{e(_w('others', lang))}</h2><p>" + " · ".join(
                f'<a href="{e(href(path, s.passage_path(i)))}">{e(s.passages[i]["label"].rsplit(", ", 1)[-1])}</a>'
                for n, i in siblings) + "</p>")
        pages[path] = Page(p["label"], "\n".join(body) + "\n", styles=("sources.css",))
    return pages


def article_versions(ctx, iri: str, from_path: str) -> list[tuple[str, str]]:
    """(date, link) of each version of the article that is, or holds, the provision iri; oldest first."""
    s = sources_of(ctx)
    article = iri
    while article is not None and article not in s.versions_of:
        article = ctx.by_iri.get(article, {}).get("parent")
    if article is None:
        return []
    label = next(r["articleLabel"] for r in s.expressions if r["article"] == article)
    return [(since, href(from_path, version_path(label, since))) for since, _ in s.versions_of[article]]
