"""`lexkb table opsc-coverage`: one row per OPSC paragraph of articles 1-10, the domestic provisions
the State claims implement it, and a status (query kb/queries/table-opsc-coverage.rq).

Status of a paragraph:
- "claimed": an implementation claim names the paragraph itself;
- "claimed only at a broader paragraph (P)": no claim of its own, but P, its nearest ancestor with
  a claim, has one (3(1)(a)(ii) under 3(1)(a));
- "claimed only at narrower paragraphs (P, ...)": no claim of its own, but descendants have one
  (3(1) through 3(1)(a) and 3(1)(b));
- "no provision mapped in the encoded sources": nothing claimed at, above or below it. That is a gap
  in the sources lexkb encodes, not a finding about the State's law; the machine formats carry a
  note saying so on the row itself (column "note"), as a CSV has no notes below the table.

Gaps (--gaps): paragraphs without a direct claim that also have no claimed descendants, so a
paragraph claimed only at a broader level is a gap (3(1)(a)(ii)) and one claimed below is not (3(1)).
"""
from __future__ import annotations

from ..errors import LexkbError
from .common import Period, check_lang, load_store, query_note, run_query, t
from .model import Code, Column, Link, ReadingRef, Table, natural_key, source_refs, source_sort_key

NAME = "opsc-coverage"


def _short(label: str) -> str:
    return label.removeprefix("OPSC art. ")


def _article(label: str) -> int:
    return int(_short(label).split("(", 1)[0])


def build(store=None, on=None, lang: str = "en", sort: str | None = None, reverse: bool = False,
          gaps: bool = False) -> Table:
    check_lang(lang)
    if sort is not None:
        raise LexkbError(f"--sort: table '{NAME}' is in treaty order; it takes no --sort")
    store = store if store is not None else load_store()
    period = Period(on, lang, unit=("mapping(s)", "vinculación(es)"))
    paras: dict[str, dict] = {}
    for r in run_query(store, NAME):
        p = paras.setdefault(r["paragraph"], {"label": r["label"], "summary": r["summary"], "parent": r["parent"],
                                              "claims": {}, "editorial": {}})
        if r["domestic"] is not None and period.keeps(r, key=(r["paragraph"], r["domestic"])):
            # lexkb's own mappings (basis "editorial") apart from the State's claims, never among them
            which = "editorial" if r["basis"] == "editorial" else "claims"
            claim = p[which].setdefault(r["domestic"], {"label": r["domesticLabel"], "sources": set(),
                                                           "basis": r["basis"], "basis_label": r["basisLabel"],
                                                           "rationale": r["rationale"]})
            claim["sources"].add(r["source"])
    paras = {k: v for k, v in paras.items() if 1 <= _article(v["label"]) <= 10}
    children: dict[str, list[str]] = {}
    for iri, p in paras.items():
        children.setdefault(p["parent"], []).append(iri)

    def descendants(iri):
        for c in children.get(iri, []):
            yield c
            yield from descendants(c)

    def nearest_claimed_ancestor(iri):
        parent = paras[iri]["parent"]
        while parent in paras:
            if paras[parent]["claims"]:
                return parent
            parent = paras[parent]["parent"]
        return None

    sources: set[str] = set()
    rows = []
    for iri in sorted(paras, key=lambda i: natural_key(paras[i]["label"])):
        p = paras[iri]
        claimed_below = sorted((d for d in descendants(iri) if paras[d]["claims"]),
                               key=lambda d: natural_key(paras[d]["label"]))
        anc = nearest_claimed_ancestor(iri)
        if p["claims"]:
            status = t("claimed", lang)
        elif anc is not None:
            status = t("claimed-broader", lang, p=_short(paras[anc]["label"]))
        elif claimed_below:
            status = t("claimed-narrower", lang, p=", ".join(_short(paras[d]["label"]) for d in claimed_below))
        else:
            status = t("no-provision", lang)
        editorial_here = bool(p["editorial"]) or any(paras[d]["editorial"] for d in descendants(iri))
        if not p["claims"] and anc is None and not claimed_below and editorial_here:
            status = t("editorial-only", lang)
        gap = not p["claims"] and not claimed_below and not editorial_here
        if gaps and not gap:
            continue
        claims = sorted(p["claims"].items(), key=lambda kv: natural_key(kv[1]["label"]))
        claim_sources = sorted({s for _, c in claims for s in c["sources"]}, key=source_sort_key)
        sources.update(claim_sources)
        mine = sorted(p["editorial"].items(), key=lambda kv: natural_key(kv[1]["label"]))
        sources.update(s for _, c in mine for s in c["sources"])
        rows.append({
            "opsc": Link(_short(p["label"]), iri),
            "description": p["summary"],
            "provisions": [Link(c["label"], d) for d, c in claims] or None,
            "status": status,
            # each claim's basis, in the order of `provisions`: its id in json and csv ('stated',
            # 'inferred-from-structure', as `basis` in `lexkb penalty`'s opsc_claims), words in md, html and tex
            "basis": [Code(c["basis"], f"{c['label']}: {c['basis_label'] or 'basis not recorded'}")
                      for _, c in claims] or None,
            # why each claim has its basis, in the same order (null where none is recorded): the formats for
            # people give it in a note
            "rationale": [c["rationale"] for _, c in claims] or None,
            "sources": source_refs(claim_sources) or None,
            "editorial": [ReadingRef(c["label"], f"{c['label']}: editorial"
                                     + (f" ({c['rationale']})" if c["rationale"] else "")
                                     + f" [{'; '.join(sorted(c['sources'], key=source_sort_key))}]")
                          for _, c in mine] or None,
            "note": t("gap-note", lang) if gap else None,
            "_gap": gap,
            "_claims": [c for _, c in claims],
            "_label": p["label"],
        })
    if reverse:
        rows.reverse()
    cols = [Column("opsc", t("paragraph", lang)), Column("description", t("description", lang)),
            Column("provisions", t("domestic", lang)), Column("status", t("status", lang)),
            Column("basis", t("basis", lang)), Column("sources", t("source", lang)),
            Column("editorial", t("editorial", lang)),
            Column("rationale", t("rationale", lang), machine=True),
            Column("note", t("note", lang), machine=True)]
    es = lang == "es"
    notes = [
        ("Vinculaciones tal como las afirma el Estado (lexkb:ImplementationClaim), en el nivel en que las afirma: "
         "2(a), 2(b), 3(1)(a), 3(1)(b). «Reivindicado solo en un párrafo más amplio»: el párrafo no tiene vinculación "
         "propia pero la tiene su ascendiente más cercano. «Reivindicado solo en párrafos más específicos»: la tienen "
         "sus descendientes."
         if es else
         "Mappings as the State claims them (lexkb:ImplementationClaim), at the level it claims them: 2(a), 2(b), "
         "3(1)(a), 3(1)(b). \"Claimed only at a broader paragraph\": the paragraph has no claim of its own but its "
         "nearest ancestor has one. \"Claimed only at narrower paragraphs\": its descendants have one."),
        ("Lagunas (--gaps): párrafos sin vinculación directa y sin descendientes vinculados; un párrafo reivindicado "
         "solo en un nivel más amplio es una laguna (3(1)(a)(ii)), uno reivindicado en un nivel inferior no (3(1)). "
         "Una laguna lo es en las fuentes que lexkb codifica, no una conclusión sobre el derecho del Estado."
         if es else
         "Gaps (--gaps): paragraphs without a direct claim that also have no claimed descendants; a paragraph claimed "
         "only at a broader level is a gap (3(1)(a)(ii)), one claimed below is not (3(1)). A gap is a gap in the "
         "sources lexkb encodes, not a finding about the State's law."),
        ("Descripciones: resúmenes breves de lexkb, no el texto del tratado (en inglés)." if es else
         "Descriptions: lexkb's short summaries, not the treaty text."),
    ]
    rationales = {}
    for row in rows:
        for claim in (c for c in row["_claims"] if c["rationale"]):
            rationales.setdefault(f"{claim['label']}: {claim['basis'] or 'not recorded'} ({claim['rationale']})", None)
    notes.append("Fundamento de cada vinculación (esquema concept/claim-basis): «stated», la fuente lo dice con esas "
                 "palabras; «inferred-from-structure», se deduce de dónde sitúa la fuente sus palabras; «editorial», "
                 "lectura de lexkb." if lang == "es" else
                 "Basis of each claim (scheme concept/claim-basis): stated, the source says it in so many words; "
                 "inferred from the source's structure, it follows from where the source puts its words; editorial, "
                 "lexkb's own reading.")
    notes += [f"{'Fundamento' if lang == 'es' else 'Basis'}: {full}" for full in rationales]
    mine = {ref.full: None for row in rows for ref in row["editorial"] or []}
    if mine:
        notes.append("Vinculaciones de lexkb (fundamento «editorial»): lecturas propias de lexkb de la ley, no "
                     "afirmaciones del Estado; van en su propia columna y no cuentan como vinculaciones del Estado en la "
                     "situación de cada párrafo." if es else
                     "lexkb's own mappings (basis \"editorial\"): lexkb's readings of the statute, not the State's "
                     "claims; they have a column of their own and do not count as the State's claims in a paragraph's "
                     "status.")
        notes += [("Vinculación de lexkb: " if es else "lexkb's mapping: ") + full for full in mine]
    notes += period.notes()
    notes.append(query_note(NAME, lang))
    if es:
        caption = "Párrafos del OPSC sin disposición vinculada (lagunas)" if gaps else \
                  "Cobertura del OPSC (arts. 1 a 10) por el derecho penal del Estado, según el Estado"
    else:
        caption = "OPSC paragraphs with nothing mapped (gaps)" if gaps else \
                  "OPSC coverage (arts. 1-10) by the State's criminal law, as the State claims"
    caption += f" ({'el' if es else 'on'} {on.isoformat()})" if on else ""
    return Table(NAME, caption, cols, rows, notes, sorted(sources, key=source_sort_key), lang, on)
