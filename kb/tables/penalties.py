"""`lexkb table penalties`: one row per penalty variant (query kb/queries/table-penalties.rq).

The aggravated ranges are computed by lexkb.aggravation.effective, the arithmetic `lexkb penalty`
uses, from factor entries shaped like those of index.json."""
from __future__ import annotations

from ..errors import LexkbError
from .common import (Period, check_lang, load_store, pick, query_note, reading_cell, reading_notes, readings_by_offence,
                     run_query, t, victim_conditions)
from .model import Column, Link, Range, Table, dec, natural_key, para_number, source_refs, source_sort_key, split

NAME = "penalties"

# the basis of the claims on an offence's defining and penalising provisions (concept/claim-basis)
Q_CLAIM_BASES = """
SELECT DISTINCT ?offenceId ?basis WHERE {
  ?offence a lexkb:Offence ; dcterms:identifier ?offenceId ; lexkb:definedIn|lexkb:penalisedIn ?provision .
  ?claim a lexkb:ImplementationClaim ; lexkb:domesticProvision ?provision ;
         lexkb:claimBasis/skos:prefLabel ?basis . FILTER(lang(?basis) = "en")
} ORDER BY ?offenceId ?basis"""


def _opsc_label(label: str) -> str:
    return label.removeprefix("OPSC art. ")


def _number(label: str, short: str) -> str:
    return label.removeprefix(f"{short} art. ")


def penalty_entries(rows: list[dict]) -> list[dict]:
    """The query rows grouped per penalty variant, as index-like entries (same keys as
    index.json offences[].penalties[] and offences[].aggravating_factors[])."""
    from ..index import describe_increase

    out: dict[str, dict] = {}
    for r in rows:
        e = out.get(r["penaltyId"])
        if e is None:
            e = out[r["penaltyId"]] = {
                "row": r,
                "penalty": {"id": r["penaltyId"], "provision": r["provisionLabel"], "condition": None,
                            "imprisonment_years": [r["imin"], r["imax"]], "fine_days_wage": [r["fmin"], r["fmax"]]},
                "factors": [],
            }
        if r["factorId"] is not None:
            components = r["components"].split()
            bounds = r["bounds"].split()
            components = [c for c in ("imprisonment", "fine") if c in components]
            bounds = [b for b in ("min", "max") if b in bounds]
            e["factors"].append({
                "id": r["factorId"], "label": r["factorLabel"], "provision": r["factorProvision"],
                "rule": r["ruleId"], "rule_provision": r["ruleProvision"], "increase_fraction": r["fraction"],
                "components": components, "bounds": bounds,
                "effect": describe_increase(r["fraction"], components, bounds),
                "applies_to": [r["penaltyId"]], "measures": split(r["factorMeasures"]),
            })
    return list(out.values())


SORT_KEYS = {
    "provision": None,
    "offence": lambda row: row["offence"].lower(),
    "imprisonment-min": lambda row: row["imprisonment_years"].lo,
    "imprisonment-max": lambda row: row["imprisonment_years"].hi,
    "fine-min": lambda row: row["fine_days_wage"].lo,
    "fine-max": lambda row: row["fine_days_wage"].hi,
    "aggravated-imprisonment-max": lambda row: (row["aggravated_imprisonment_years"] or row["imprisonment_years"]).hi,
    "aggravated-fine-max": lambda row: (row["aggravated_fine_days_wage"] or row["fine_days_wage"]).hi,
}


def build(store=None, on=None, lang: str = "en", sort: str | None = None, reverse: bool = False) -> Table:
    from ..aggravation import effective

    check_lang(lang)
    if sort is not None and sort not in SORT_KEYS:
        raise LexkbError(f"--sort: '{sort}' is not a sort key of table '{NAME}' (one of: {', '.join(SORT_KEYS)})")
    store = store if store is not None else load_store()
    from ..store import select

    period = Period(on, lang)
    sources: set[str] = set()
    bases: dict[str, list[str]] = {}
    for b in select(store, Q_CLAIM_BASES):
        bases.setdefault(b["offenceId"], []).append(b["basis"])
    readings = readings_by_offence(store)
    concepts = victim_conditions(store)
    used: dict[str, dict] = {}
    rows = []
    for e in penalty_entries(run_query(store, NAME)):
        r = e["row"]
        if not period.keeps(r):
            continue
        own = split(r["penaltyConditions"])
        joiner = " o " if lang == "es" else " or "
        conditions: list[str] = []
        if own:
            victim, conditions = joiner.join(own), own
        elif r["siblingConditioned"]:
            victim = t("other-victims", lang)
        elif r["offenceConditions"]:
            conditions = split(r["offenceConditions"])
            victim = joiner.join(conditions)
        else:
            victim = t("no-condition", lang)
        factors = e["factors"]
        if factors:
            imp, fine, _steps = effective(e["penalty"], factors)
            agg_imp, agg_fine = Range(dec(imp[0]), dec(imp[1])), Range(dec(fine[0]), dec(fine[1]))
            rules = sorted({(f["rule_provision"], f["effect"]) for f in factors})
            factor_cell = [f"{f['label']} ({f['provision']})" for f in sorted(factors, key=lambda f: (natural_key(f["provision"]), f["id"]))]
            factor_cell += [f"{prov}: {effect}" for prov, effect in rules]
        else:
            agg_imp = agg_fine = None
            factor_cell = []
        measures = split(r["measures"])
        for f in sorted(factors, key=lambda f: f["id"]):
            measures += [t("if-factor", lang, factor=f["id"], measure=m) for m in f["measures"]]
        opsc = sorted({_opsc_label(x) for x in split(r["opsc"])}, key=natural_key)
        claim_paras = sorted({p for p in (para_number(s) for s in split(r["opscSources"])) if p is not None})
        basis = "; ".join(bases.get(r["offenceId"], []))
        opsc_cell = (", ".join(opsc) + (f" (para{'s' if len(claim_paras) > 1 else ''}. "
                                        f"{', '.join(map(str, claim_paras))}" + (f"; {basis}" if basis else "") + ")"
                                        if claim_paras else "")) if opsc else None
        mine = readings.get(r["offenceId"], [])
        used.update((x["id"], x) for x in mine)
        own_sources = sorted(split(r["sources"]), key=source_sort_key)
        sources.update(own_sources)
        sources.update(split(r["opscSources"]))
        rows.append({
            "instrument": r["instrumentShort"],
            "article": Link(_number(r["provisionLabel"], r["instrumentShort"]), r["provision"]),
            "offence": pick(r["offenceEn"], r["offenceEs"], lang),
            "victim": victim,
            "victim_conditions": concepts(conditions),
            "imprisonment_years": Range(dec(r["imin"]), dec(r["imax"])),
            "fine_days_wage": Range(dec(r["fmin"]), dec(r["fmax"])),
            "factors": factor_cell or None,
            "aggravated_imprisonment_years": agg_imp,
            "aggravated_fine_days_wage": agg_fine,
            "additional_measures": measures or None,
            "opsc": opsc_cell,
            "sources": source_refs(own_sources),
            "readings": reading_cell(mine),
            "_key": (natural_key(r["provisionLabel"]), r["penaltyId"]),
            "_penalty_id": r["penaltyId"],
            "_offence_id": r["offenceId"],
        })
    rows.sort(key=lambda row: row["_key"])
    if sort and SORT_KEYS[sort] is not None:
        rows.sort(key=SORT_KEYS[sort], reverse=reverse)  # stable: ties keep the provision order
    elif reverse:
        rows.reverse()
    cols = [Column("instrument", t("instrument", lang)), Column("article", t("article", lang)),
            Column("offence", t("offence", lang)), Column("victim", t("victim", lang)),
            Column("victim_conditions", t("victim_conditions", lang), machine=True),
            Column("imprisonment_years", t("imprisonment", lang), True), Column("fine_days_wage", t("fine", lang), True),
            Column("factors", t("factors", lang)),
            Column("aggravated_imprisonment_years", t("agg_imprisonment", lang), True),
            Column("aggravated_fine_days_wage", t("agg_fine", lang), True),
            Column("additional_measures", t("measures", lang)),
            Column("opsc", t("opsc", lang)), Column("sources", t("source", lang)),
            Column("readings", t("readings", lang))]
    es = lang == "es"
    notes = [
        ("Una fila por variante de pena. Las penas agravadas aplican una sola vez el aumento de cada regla de "
         "agravación, cualquiera que sea la agravante presente (LPSTP art. 6 III: «shall be increased by half in the "
         "following situations»); aritmética decimal exacta, la misma que `lexkb penalty`."
         if es else
         "One row per penalty variant. Aggravated ranges apply each aggravation rule's increase once, whichever of its "
         "factors is present (LPSTP art. 6 III: \"shall be increased by half in the following situations\"); exact "
         "decimal arithmetic, the same as `lexkb penalty`."),
        ("Las multas se expresan en días de salario mínimo, como en la fuente. Párrafos del OPSC: los que el Estado "
         "afirma que aplican las disposiciones del delito, con los párrafos de la fuente que lo afirman."
         if es else
         "Fines are in days of minimum wage, as in the source. OPSC paragraphs: those the State claims the offence's "
         "provisions implement, with the paragraphs of the source that claim it and the claims' basis (stated by the "
         "source, or inferred from the source's structure: see `lexkb table opsc-coverage`)."),
    ]
    if es:
        notes.append("Etiquetas en español donde la base de conocimiento las tiene (nombres de delitos); las demás, "
                     "y el texto citado, en inglés como en la fuente.")
    if sort:
        notes.append((f"Ordenada por {sort}" if es else f"Sorted by {sort}") + (" (descendente)." if es and reverse else
                                                                                 " (descending)." if reverse else "."))
    notes += period.notes()
    notes += reading_notes(used, lang)
    notes.append(query_note(NAME, lang))
    caption = ("Penas por delito y variante" if es else "Penalties by offence and variant") + \
              (f" ({'el' if es else 'on'} {on.isoformat()})" if on else "")
    return Table(NAME, caption, cols, rows, notes, sorted(sources, key=source_sort_key), lang, on,
                 readings=[used[k] for k in sorted(used)])
