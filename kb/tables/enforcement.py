"""`lexkb table enforcement` (issue 6): per offence, its penalty ranges next to the counts of
preliminary investigations (query kb/queries/table-enforcement.rq, over the knowledge base and the
statistics graph together).

One row per offence of the knowledge base, in the order the law numbers their provisions, then one
per offence the statistics name that the knowledge base does not model (child pornography, linked by
its name only: no source names its article, so instrument and article are "not in source").
Penalties: one imprisonment and one fine range per penalty variant as the State reported it
(the statute's own, in días multa or UMA, are in the penalties table).
Counts: per dataset that counts investigations by offence (para. 1, federal; para. 2, Federal
District), one column per year, and for a dataset with dispositions (para. 1) the counts by year
and disposition. A cell the source prints as a word ("No data") keeps the word; a dataset that does
not name the offence gives "not in source", never 0."""
from __future__ import annotations

from ..errors import LexkbError
from .common import check_lang, load_store, pick, query_note, run_query, t
from .model import Column, Link, Range, Table, dec, natural_key, source_refs, source_sort_key, split

NAME = "enforcement"

STRINGS = {
    "caption": ("Penalties and preliminary investigations by offence",
                "Penas y averiguaciones previas por delito"),
    "variant": ("Penalty variant", "Variante de pena"),
    "penalty-source": ("Penalty source", "Fuente de la pena"),
    "named": ("Named in the statistics as", "Nombre en las estadísticas"),
    "count-source": ("Counts source", "Fuente de las cifras"),
    "year-column": ("{agency} investigations, {year} (para. {p})", "Averiguaciones previas {agency}, {year} (párr. {p})"),
    "disposition-column": ("{agency} investigations by year and disposition (para. {p})",
                           "Averiguaciones previas {agency} por año y resolución (párr. {p})"),
    "not-modelled": ("not modelled in this knowledge base; linked by name only, article not in source",
                     "no modelado en esta base de conocimiento; vinculado solo por el nombre, artículo no consta en la fuente"),
    "counted-under": ("not in source; the statistics' '{name}' is counted under {provision}",
                      "no consta en la fuente; «{name}» de las estadísticas se cuenta en {provision}"),
}
AGENCIES = {"federal-investigations": ("Federal", "federales"),
            "federal-district-investigations": ("Federal District", "del Distrito Federal")}


def s(key: str, lang: str, **kw) -> str:
    en, es = STRINGS[key]
    return (es if lang == "es" else en).format(**kw)


def _statute(row: dict) -> str | None:
    """The statute of an offence the knowledge base does not model: None where no source names it."""
    from ..stats.offences import UNMODELLED

    return UNMODELLED.get(row["offenceEn"])


def _count_value(c: dict):
    """The investigations of one count row: an int, the source's word(s), or both."""
    words = split(c["words"])
    if not words:
        return c["investigations"]
    if not c["figures"]:
        return "; ".join(words)
    return f"{c['investigations']} + {'; '.join(words)}"


def build(store=None, on=None, lang: str = "en", sort: str | None = None, reverse: bool = False) -> Table:
    check_lang(lang)
    if on is not None:
        raise LexkbError(f"--on: table '{NAME}' shows the penalties as the State reported them next to the "
                         "counts of its statistics; it takes no --on")
    if sort is not None:
        raise LexkbError(f"--sort: table '{NAME}' is in provision order; it takes no --sort")
    store = store if store is not None else load_store(statistics=True)
    es = lang == "es"
    nis = t("not-in-source", lang)
    offences: dict[str, dict] = {}
    provisions: dict[str, dict] = {}
    penalties: dict[str, list[dict]] = {}
    counts: dict[str, list[dict]] = {}
    datasets: dict[str, dict] = {}
    for r in run_query(store, NAME):
        kind = r["kind"]
        if kind == "offence":
            o = offences.setdefault(r["row"], {"row": r, "named": set(), "related": set(), "link_notes": set()})
            if r["namedInSource"]:
                o["named"].add(r["namedInSource"])
            if r["relatedName"]:
                o["related"].add(r["relatedName"])
            if r["linkNote"]:
                o["link_notes"].add((r["namedInSource"], r["linkNote"]))
        elif kind == "provision":
            provisions.setdefault(r["row"], {})[r["provision"]] = r
        elif kind == "penalty":
            penalties.setdefault(r["row"], []).append(r)
        elif kind == "count":
            counts.setdefault(r["row"], []).append(r)
        elif kind == "dataset":
            d = datasets.setdefault(r["dataset"], {"row": r, "notes": set(), "years": set(), "dispositions": False})
            if r["datasetNote"]:
                d["notes"].add(r["datasetNote"])
    if not offences:
        raise LexkbError(f"table '{NAME}': the query found no offences; run 'lexkb build'")
    if not datasets:  # counts would all read "not in source": refuse rather than mislead
        raise LexkbError(f"table '{NAME}': the store holds no statistics of investigations "
                         "(kb/generated/statistics.ttl, or the graph .../statistics of an endpoint); run 'lexkb build'")
    for rows in counts.values():
        for c in rows:
            d = datasets.setdefault(c["dataset"], {"row": {"dataset": c["dataset"], "datasetTitle": c["dataset"],
                                                           "paragraph": c["paragraph"]},
                                                   "notes": set(), "years": set(), "dispositions": False})
            d["years"].add(c["year"])
            d["dispositions"] |= c["disposition"] is not None
    order = sorted(datasets, key=lambda k: (datasets[k]["row"]["paragraph"] or 0, k))

    # the offence of the knowledge base each name of the statistics is counted under
    counted_under = {}
    for iri, o in offences.items():
        if o["row"]["modelled"]:
            for name in o["named"]:
                pen = sorted(penalties.get(iri, []), key=lambda p: natural_key(p["provisionLabel"]))
                counted_under[name] = pen[0]["provisionLabel"] if pen else (o["row"]["offenceId"] or iri)

    sources: set[str] = set()
    out = []
    for iri, o in offences.items():
        r = o["row"]
        modelled = bool(r["modelled"])
        row = {"offence": pick(r["offenceEn"], r["offenceEs"], lang), "_iri": iri, "_offence_id": r["offenceId"]}
        if modelled:
            provs = sorted(provisions.get(iri, {}).values(), key=lambda p: natural_key(p["provisionLabel"]))
            shorts = sorted({p["instrumentShort"] for p in provs})
            row["instrument"] = ", ".join(shorts) or None
            row["article"] = [Link(p["provisionLabel"].removeprefix(f"{p['instrumentShort']} art. "), p["provision"])
                              for p in provs] or None
            variants = sorted(penalties.get(iri, []), key=lambda p: (natural_key(p["provisionLabel"]), p["penaltyId"]))
            joiner = " o " if es else " or "
            row["variant"] = [Link(p["provisionLabel"] + (f" ({joiner.join(split(p['conditions']))})" if p["conditions"] else ""),
                                   p["provision"]) for p in variants] or None
            row["imprisonment_years"] = [Range(dec(p["imin"]), dec(p["imax"])) for p in variants] or None
            row["fine_days_wage"] = [Range(dec(p["fmin"]), dec(p["fmax"])) for p in variants] or None
            pen_sources = sorted({x for p in variants for x in split(p["source"])}, key=source_sort_key)
            sources.update(pen_sources)
            row["penalty_sources"] = source_refs(pen_sources) or None
            row["_penalty_ids"] = [p["penaltyId"] for p in variants]
            key = (0, natural_key(variants[0]["provisionLabel"] if variants else (provs[0]["provisionLabel"] if provs else "")), iri)
        else:
            statute = _statute(r)
            short, _, number = (statute or "").partition(" ")
            row["instrument"] = short or t("not-in-source", lang)
            row["article"] = number or t("not-in-source", lang)
            row["variant"] = s("not-modelled", lang)
            row["imprisonment_years"] = row["fine_days_wage"] = t("not-modelled", lang)
            row["penalty_sources"] = None
            row["_penalty_ids"] = []
            key = (1, natural_key(statute or ""), iri)
        if o["named"]:
            row["named"] = sorted(o["named"])
        elif o["related"]:
            row["named"] = [s("counted-under", lang, name=n, provision=counted_under.get(n, n)) for n in sorted(o["related"])]
        else:
            row["named"] = nis
        mine = counts.get(iri, [])
        for ds in order:
            d = datasets[ds]
            own = [c for c in mine if c["dataset"] == ds]
            for year in sorted(d["years"]):
                cells = [c for c in own if c["year"] == year]
                if not own:
                    row[f"{ds}/{year}"] = nis
                elif not cells:
                    row[f"{ds}/{year}"] = 0  # the dataset names the offence, with no investigation this year
                else:
                    values = [_count_value(c) for c in cells]
                    row[f"{ds}/{year}"] = sum(values) if all(isinstance(v, int) for v in values) else \
                        "; ".join(str(v) for v in values)
            if d["dispositions"]:
                row[f"{ds}/disposition"] = [f"{c['year']}, {c['disposition'] or nis}: {_count_value(c)}"
                                            for c in sorted(own, key=lambda c: (c["year"], c["disposition"] or ""))] or nis
        count_sources = sorted({c["source"] for c in mine}, key=source_sort_key)
        sources.update(count_sources)
        row["count_sources"] = source_refs(count_sources) or None
        row["_key"] = key
        row["_counts"] = mine
        out.append(row)
    out.sort(key=lambda row: row["_key"])
    if reverse:
        out.reverse()

    cols = [Column("offence", t("offence", lang)), Column("instrument", t("instrument", lang)),
            Column("article", t("article", lang)), Column("variant", s("variant", lang)),
            Column("imprisonment_years", t("imprisonment", lang), True), Column("fine_days_wage", t("fine", lang), True),
            Column("penalty_sources", s("penalty-source", lang)), Column("named", s("named", lang))]
    for ds in order:
        d = datasets[ds]
        agency = AGENCIES.get(ds, (d["row"]["datasetTitle"], d["row"]["datasetTitle"]))[1 if es else 0]
        p = d["row"]["paragraph"]
        for year in sorted(d["years"]):
            cols.append(Column(f"{ds}/{year}", s("year-column", lang, agency=agency, year=year, p=p), True))
        if d["dispositions"]:
            cols.append(Column(f"{ds}/disposition", s("disposition-column", lang, agency=agency, p=p)))
        if d["row"].get("source"):
            sources.add(d["row"]["source"])
    cols.append(Column("count_sources", s("count-source", lang)))

    notes = [
        ("Una fila por delito de la base de conocimiento que el informe del Estado describe, y por delito que las "
         "estadísticas nombran sin que la base lo modele. Penas: un rango de prisión y uno de multa por variante, tal como el Estado las comunicó "
         "(el informe de estas estadísticas); multas en días de salario mínimo, como en la fuente. Las penas del texto "
         "de la ley, en días multa o UMA, están en `lexkb table penalties`." if es else
         "One row per offence of the knowledge base that the State's report describes, and per offence the statistics "
         "name that the knowledge base does not model. Penalties: one imprisonment and one fine range per variant, as the State reported them "
         "(the report these statistics come from); fines in days of minimum wage, as in the source. The statute's own "
         "penalties, in días multa or UMA, are in `lexkb table penalties`."),
        ("Cifras: «no consta en la fuente» donde el conjunto de datos no nombra el delito (nunca 0); las palabras que la "
         "fuente imprime («No data», etc.) se conservan. Párr. 1: lexkb cuenta las filas de la tabla (una averiguación "
         "cada una; la fuente no imprime totales). Párr. 2: las cifras impresas; sus totales impresos se omiten "
         "(`lexkb stats --check` señala que no cuadran)." if es else
         "Counts: \"not in source\" where a dataset does not name the offence (never 0); words the source prints "
         "(\"No data\" etc.) are kept. Para. 1: lexkb counts the table's rows (one investigation each; the source "
         "prints no totals). Para. 2: the printed figures; its printed totals are left out (`lexkb stats --check` "
         "flags that they do not add up)."),
    ]
    for iri, o in sorted(offences.items(), key=lambda kv: kv[0]):
        for named, note in sorted(o["link_notes"], key=lambda x: (x[0] or "", x[1])):
            notes.append(f"{named}: {note}")
    for ds in order:
        for note in sorted(datasets[ds]["notes"]):
            notes.append(f"{datasets[ds]['row']['datasetTitle']}: {note}")
    if es:
        notes.append("Etiquetas en español donde la base de conocimiento las tiene (nombres de delitos); las demás "
                     "(resoluciones, nombres de las estadísticas) en inglés como en la fuente.")
    notes.append(query_note(NAME, lang))
    return Table(NAME, s("caption", lang), cols, out, notes, sorted(sources, key=source_sort_key), lang, None)
