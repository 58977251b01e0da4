"""`lexkb table penalties`: one row per penalty variant (query kb/queries/table-penalties.rq).

The aggravated ranges are computed by lexkb.aggravation.effective, the arithmetic `lexkb penalty`
uses, from factor entries shaped like those of index.json."""
from __future__ import annotations

from ..errors import LexkbError
from .common import (Period, check_lang, load_store, pick, query_note, reading_cell, reading_notes, readings_by_offence,
                     run_query, t, victim_conditions)
from .model import (Column, Link, Range, Table, dec, exact_number, natural_key, para_number, source_refs,
                    source_sort_key, split)

NAME = "penalties"

# the basis of the claims on an offence's defining and penalising provisions (concept/claim-basis)
Q_CLAIM_BASES = """
SELECT DISTINCT ?offenceId ?basis WHERE {
  ?offence a lexkb:Offence ; dcterms:identifier ?offenceId ; lexkb:definedIn|lexkb:penalisedIn ?provision .
  ?claim a lexkb:ImplementationClaim ; lexkb:domesticProvision ?provision ;
         lexkb:claimBasis/skos:prefLabel ?basis . FILTER(lang(?basis) = "en")
  FILTER NOT EXISTS { ?claim lexkb:claimBasis/skos:notation "editorial" }
} ORDER BY ?offenceId ?basis"""


def _opsc_label(label: str) -> str:
    return label.removeprefix("OPSC art. ")


def _number(label: str, short: str) -> str:
    return label.removeprefix(f"{short} art. ")


def penalty_entries(rows: list[dict], dating) -> list[dict]:
    """The query rows grouped per penalty variant, as index-like entries (same keys as
    index.json offences[].penalties[] and offences[].aggravating_factors[]), each penalty and each
    factor with its basis and the dates its version holds (lexkb.tables.versions)."""
    from ..index import FINE_UNITS, describe_increase
    from .versions import unit_key

    out: dict[str, dict] = {}
    for r in rows:
        e = out.get(r["penaltyId"])
        if e is None:
            unit = unit_key(r["fineUnit"])
            fine = [r["fmin"], r["fmax"]] if r["fmin"] is not None else None
            e = out[r["penaltyId"]] = {
                "row": r,
                "penalty": dict({"id": r["penaltyId"], "provision": r["provisionLabel"], "condition": None,
                                 "imprisonment_years": [r["imin"], r["imax"]] if r["imin"] is not None else None,
                                 "fine": fine,
                                 "community_work": [r["cwmin"], r["cwmax"]] if r["cwmin"] is not None else None,
                                 "fine_unit": FINE_UNITS.get(unit) if unit else None,
                                 "fine_days_wage": fine if unit == "DayOfMinimumWage" else None},
                                **dating.entry(r["version"], r["since"], r["article"])),
                "factors": [],
            }
        if r["factorId"] is not None:
            components = r["components"].split()
            bounds = r["bounds"].split()
            components = [c for c in ("imprisonment", "fine") if c in components]
            bounds = [b for b in ("min", "max") if b in bounds]
            up_to = bool(r["upTo"])
            e["factors"].append(dict({
                "id": r["factorId"], "label": r["factorLabel"], "provision": r["factorProvision"],
                "rule": r["ruleId"], "rule_provision": r["ruleProvision"], "increase_fraction": r["fraction"],
                "components": components, "bounds": bounds, "up_to": up_to,
                "effect": describe_increase(r["fraction"], components, bounds, up_to),
                "applies_to": [r["penaltyId"]], "measures": split(r["factorMeasures"]),
                "rule_version": r["ruleVersion"], "rule_article": r["ruleArticle"],
            }, **dating.entry(r["ruleVersion"], r["ruleSince"], r["ruleArticle"])))
    return list(out.values())


def factors_of_the_day(penalty: dict, factors: list[dict], on) -> tuple[list[dict], list[dict]]:
    """(the factors that apply to the penalty on `on`, those left out because their rule's version does
    not hold then). A statute's penalty takes only the rules whose version holds that day (None: the
    latest), so two versions of one rule never apply together; the report's account takes the
    report's rules (no version)."""
    from .versions import REPORT, holds_on

    if penalty["basis"] == REPORT:
        return [f for f in factors if f["basis"] == REPORT], []
    kept = [f for f in factors if f["basis"] != REPORT and holds_on(f, on)]
    left = [f for f in factors if f["basis"] != REPORT and not holds_on(f, on)]
    return kept, left


def _lo(r, key):
    v = r[key]
    return v.lo if isinstance(v, Range) else None


def _hi(r, key):
    """The highest maximum of a range cell (a list: one range per aggravation rule); None for text."""
    v = r[key]
    if isinstance(v, list):
        highs = [x.hi for x in v if isinstance(x, Range)]
        return max(highs) if highs else None
    return v.hi if isinstance(v, Range) else None


def _num(x):  # None (no prison term or no fine in source) sorts after every number
    return (1, 0) if x is None else (0, x)


SORT_KEYS = {
    "provision": None,
    "offence": lambda row: row["offence"].lower(),
    "imprisonment-min": lambda row: _num(_lo(row, "imprisonment_years")),
    "imprisonment-max": lambda row: _num(_hi(row, "imprisonment_years")),
    "fine-min": lambda row: _num(_lo(row, "fine")),
    "fine-max": lambda row: _num(_hi(row, "fine")),
    "aggravated-imprisonment-max": lambda row: _num(_hi(row, "aggravated_imprisonment_years")
                                                    if row["aggravated_imprisonment_years"]
                                                    else _hi(row, "imprisonment_years")),
    "aggravated-fine-max": lambda row: _num(_hi(row, "aggravated_fine") if row["aggravated_fine"] else _hi(row, "fine")),
}


def editions_of(source_labels) -> list[str]:
    """The statute editions among a table's source passages ("<edition>, art. 204" -> "<edition>"),
    in the order of their labels' dates (DD-MM-YYYY at their end)."""
    import re

    eds = {s.rsplit(", art. ", 1)[0] for s in source_labels if para_number(s) is None and ", art. " in s}

    def when(label):
        m = re.search(r"(\d{2})-(\d{2})-(\d{4})\)?$", label)
        return (m.group(3), m.group(2), m.group(1), label) if m else ("", "", "", label)

    return sorted(eds, key=when)


def sources_note(source_labels, lang: str, report: dict | None = None, today: bool = True) -> str:
    """Which sources a penalty table draws on, and how its rows say which is which (today: and what
    the table shows without --on). The report's name and year come from the data (versions.report_of)."""
    from .versions import REPORT, basis_label

    editions = "; ".join(editions_of(source_labels))
    report = report or {}
    name = f" ({report['name']})" if report.get("name") else ""
    label = basis_label(REPORT, lang, report)
    if lang == "es":
        text = ("Fuentes: el texto oficial de la ley (" + (editions or "ninguna edición") + "), filas con fundamento "
                f"«ley (texto oficial)», cada una con la versión del artículo que la establece; y el informe del "
                f"Estado{name}, filas con fundamento «{label}».")
        return text + (" Sin --on: la ley de hoy (la última versión de cada artículo) junto al relato del Estado."
                       if today else "")
    text = ("Sources: the statute's own text (" + (editions or "no edition") + "), rows with basis \"statute\", each "
            f"with the version of its article that states it; and the State's report{name}, rows with basis "
            f"\"{label}\".")
    return text + (" Without --on: today's law (the latest version of each statute article) beside the State's "
                   "account." if today else "")


def build(store=None, on=None, lang: str = "en", sort: str | None = None, reverse: bool = False) -> Table:
    from ..aggravation import effective
    from ..validity import silent_note
    from .versions import STATUTE, Dating, as_reported, basis_cell, holds_on, span_text, unit_concept

    check_lang(lang)
    if sort is not None and sort not in SORT_KEYS:
        raise LexkbError(f"--sort: '{sort}' is not a sort key of table '{NAME}' (one of: {', '.join(SORT_KEYS)})")
    store = store if store is not None else load_store()
    from ..store import select

    es = lang == "es"
    dating = Dating(store)
    period = Period(on, lang, report=dating.report)
    sources: set[str] = set()
    bases: dict[str, list[str]] = {}
    for b in select(store, Q_CLAIM_BASES):
        bases.setdefault(b["offenceId"], []).append(b["basis"])
    readings = readings_by_offence(store)
    concepts = victim_conditions(store)
    used: dict[str, dict] = {}
    rows = []
    statute_seen: dict[str, str] = {}   # provision -> earliest version date
    statute_held: set[str] = set()
    rules_left: dict[str, set] = {}      # rule provision -> versions left out on this day
    rules_applied: dict[str, set] = {}
    for e in penalty_entries(run_query(store, NAME), dating):
        r, penalty = e["row"], e["penalty"]
        if penalty["basis"] == STATUTE:
            statute_seen[r["provisionLabel"]] = min(statute_seen.get(r["provisionLabel"], "9999"), penalty["valid_from"])
            if not holds_on(penalty, on):
                continue
            statute_held.add(r["provisionLabel"])
        elif not period.keeps(r):
            continue
        own = split(r["penaltyConditions"])
        joiner = " o " if es else " or "
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
        factors, left = factors_of_the_day(penalty, e["factors"], on)
        for f in left:
            rules_left.setdefault(f["rule_provision"], set()).add(f["valid_from"])
        for f in factors:
            if f["basis"] == STATUTE:
                rules_applied.setdefault(f["rule_provision"], set()).add(f["valid_from"])
        fine = penalty["fine"]
        if factors:
            # one aggravated range per rule, each rule alone: where two rules of different articles apply
            # to one variant, whether and how they combine is not computed
            by_rule: dict[tuple, list[dict]] = {}
            for f in sorted(factors, key=lambda f: (natural_key(f["rule_provision"]), f["rule"], f["id"])):
                by_rule.setdefault((f["rule_provision"], f["rule"]), []).append(f)
            agg_imp, agg_fine, factor_cell = [], [], []
            for (prov, _rule), fs in by_rule.items():
                imp, afine, _steps = effective(penalty, fs)
                agg_imp.append(Range(exact_number(imp[0]), exact_number(imp[1])) if imp is not None
                               else t("no-fine", lang))
                agg_fine.append(Range(exact_number(afine[0]), exact_number(afine[1])) if afine is not None
                                else t("no-fine", lang))
                factor_cell += [f"{f['label']} ({f['provision']})" for f in fs]
                factor_cell.append(f"{prov}" + (f" ({'versión del' if es else 'version of'} {fs[0]['valid_from']})"
                                                if fs[0]["basis"] == STATUTE else "") + f": {fs[0]['effect']}")
            if len(agg_imp) == 1:
                agg_imp, agg_fine = agg_imp[0], agg_fine[0]
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
            "offence": pick(r["offenceEn"], r["offenceEs"], lang) or r["offenceEs"] or r["offenceEn"],
            "victim": victim,
            "victim_conditions": concepts(conditions),
            "condition": r["condition"],
            "basis": basis_cell(penalty["basis"], lang, dating.report),
            "validity": span_text(penalty, lang) or as_reported(lang, dating.report),
            "imprisonment_years": Range(dec(r["imin"]), dec(r["imax"])) if r["imin"] is not None else t("no-fine", lang),
            "fine": Range(dec(fine[0]), dec(fine[1])) if fine is not None else t("no-fine", lang),
            # id and words side by side, as `lexkb penalty` gives fine_unit
            "fine_unit": unit_concept(r["fineUnit"], lang),
            # community work, in jornadas (lexkb:CommunityWorkJornada); empty where the variant sets none
            "community_work": Range(dec(r["cwmin"]), dec(r["cwmax"])) if r["cwmin"] is not None else None,
            "factors": factor_cell or None,
            "aggravated_imprisonment_years": agg_imp,
            "aggravated_fine": agg_fine,
            "additional_measures": measures or None,
            "opsc": opsc_cell,
            "sources": source_refs(own_sources),
            "readings": reading_cell(mine),
            "_key": (natural_key(r["provisionLabel"]), 0 if penalty["basis"] == STATUTE else 1,
                     penalty["valid_from"] or "", r["penaltyId"]),
            "_penalty_id": r["penaltyId"],
            "_offence_id": r["offenceId"],
            "_basis": penalty["basis"],
            "_valid_from": penalty["valid_from"],
            "_valid_until": penalty["valid_until"],
            "_factor_ids": sorted(f["id"] for f in factors),
        })
    rows.sort(key=lambda row: row["_key"])
    if sort and SORT_KEYS[sort] is not None:
        key = SORT_KEYS[sort]
        rows.sort(key=key, reverse=reverse)  # stable: ties keep the provision order
        # a row without the value (no prison term, no fine in source) comes last, in either direction
        rows.sort(key=lambda row: isinstance(key(row), tuple) and key(row)[0] == 1)
    elif reverse:
        rows.reverse()
    cols = [Column("instrument", t("instrument", lang)), Column("article", t("article", lang)),
            Column("offence", t("offence", lang)), Column("victim", t("victim", lang)),
            Column("victim_conditions", t("victim_conditions", lang), machine=True),
            Column("condition", t("variant", lang)), Column("basis", t("basis-col", lang)), Column("validity", t("version", lang)),
            Column("imprisonment_years", t("imprisonment", lang), True), Column("fine", t("fine-amount", lang), True),
            Column("fine_unit", t("fine-unit", lang)), Column("community_work", t("community-work", lang), True),
            Column("factors", t("factors", lang)),
            Column("aggravated_imprisonment_years", t("agg_imprisonment", lang), True),
            Column("aggravated_fine", t("agg_fine-amount", lang), True), Column("additional_measures", t("measures", lang)),
            Column("opsc", t("opsc", lang)), Column("sources", t("source", lang)),
            Column("readings", t("readings", lang))]
    notes = [
        ("Una fila por variante de pena y por fuente. Las penas agravadas aplican una sola vez el aumento de cada regla "
         "de agravación, cualquiera que sea la agravante presente (una regla que enumera varias situaciones aumenta la "
         "pena una vez); aritmética decimal exacta, la misma que `lexkb penalty`. A una pena de la ley solo se "
         "aplican las reglas de agravación cuya versión rige el mismo día (sin --on: la última), nunca dos versiones de "
         "una misma regla; a la versión del informe, solo las reglas que el informe relata. «Hasta en» es un tope a "
         "discreción del juez: el rango agravado va del mínimo sin cambio al máximo aumentado. Donde dos reglas "
         "agravan una variante, se da un rango por regla, cada una sola, en el orden de la columna "
         "de agravantes: la ley no dice si se acumulan y lexkb no lo calcula."
         if es else
         "One row per penalty variant and source. Aggravated ranges apply each aggravation rule's increase once, "
         "whichever of its factors is present (a rule that lists several situations increases the penalty once); "
         "exact decimal arithmetic, the same as `lexkb penalty`. A statute's penalty takes only the "
         "aggravation rules whose version holds on the same day (without --on: the latest), never two versions of one "
         "rule; the report's account takes only the rules the report gives. \"Hasta en\" (up to) is a ceiling at the "
         "judge's discretion: the aggravated range runs from the unchanged minimum to the raised maximum. Where two rules "
         "aggravate one variant, each gets a range of its own, that rule alone, in the order of the "
         "factors column: whether they combine the statute does not say, and lexkb does not compute it."),
        ("Cada multa se da en la unidad de su fuente: «días multa» o «veces el valor diario de la UMA» en la ley, "
         "días de salario mínimo en el informe del Estado; no son la misma unidad. Párrafos del OPSC: los que el Estado "
         "afirma que aplican las disposiciones del delito, con los párrafos de la fuente que lo afirman."
         if es else
         "Each fine is in its source's own unit: \"días multa\" or \"times the daily value of the UMA\" in the statute, "
         "days of minimum wage in the State's report; they are different units. OPSC paragraphs: those the State claims "
         "the offence's provisions implement, with the paragraphs of the source that claim it and the claims' basis "
         "(stated by the source, or inferred from the source's structure: see `lexkb table opsc-coverage`)."),
        sources_note(sources, lang, dating.report),
        (f"Versiones de la ley: fechadas por la publicación de cada decreto en el Diario Oficial; la entrada en vigor no "
         f"consta en la fuente. Una versión rige hasta el siguiente cambio que anotan las ediciones (excluido)."
         if es else
         "Statute versions are dated by the journal's publication of each decree; entry into force is not in source. "
         "A version holds until the next change the editions' notes record for its article (exclusive)."),
    ]
    if any(row["community_work"] is not None for row in rows):
        notes.append("Trabajo en favor de la comunidad: en «jornadas de trabajo en favor de la comunidad», la unidad de su "
                     "fuente; lexkb no las convierte en días." if es else
                     "Community work is in its source's unit, \"jornadas de trabajo en favor de la comunidad\"; lexkb "
                     "does not convert jornadas into days (see lexkb:CommunityWorkJornada).")
    if es:
        notes.append("Etiquetas en español donde la base de conocimiento las tiene (nombres de delitos); las demás, "
                     "y el texto citado, en inglés como en la fuente.")
    if sort:
        notes.append((f"Ordenada por {sort}" if es else f"Sorted by {sort}") + (" (descendente)." if es and reverse else
                                                                                 " (descending)." if reverse else "."))
    from fractions import Fraction

    if any(isinstance(x, Fraction) for row in rows for key in ("aggravated_imprisonment_years", "aggravated_fine")
           for cell in (row[key] if isinstance(row[key], list) else [row[key]]) if isinstance(cell, Range)
           for x in (cell.lo, cell.hi)):
        notes.append("Un límite agravado que no es un decimal finito (un aumento de dos terceras partes: 20 000 × 5/3) "
                     "se da como fracción exacta con una aproximación marcada ≈; csv y json lo llevan como el número "
                     "binario más cercano." if es else
                     "An aggravated bound that is not a terminating decimal (an increase by two thirds: 20,000 × 5/3) "
                     "is given as its exact fraction with an approximation marked ≈; csv and json carry it as the "
                     "nearest binary number.")
    if on is not None:
        notes.extend(silent_note(prov, earliest, on) for prov, earliest in sorted(statute_seen.items(),
                                                                                key=lambda kv: natural_key(kv[0]))
                     if prov not in statute_held)
    for prov in sorted(rules_left, key=natural_key):
        applied = sorted(rules_applied.get(prov, ()))
        skipped = sorted(rules_left[prov] - set(applied))
        if not skipped:
            continue
        if applied:
            notes.append((f"{prov}: se aplica su versión de {', '.join(applied)}; no la(s) de {', '.join(skipped)}, "
                          f"que no rige(n) {'ese día' if on else 'hoy'}." if es else
                          f"{prov}: its version of {', '.join(applied)} is applied; not that of {', '.join(skipped)}, "
                          f"which does not hold {'on ' + on.isoformat() if on else 'today'}."))
        elif on is not None:
            notes.append((f"{prov}: ninguna de sus versiones en las fuentes ({', '.join(skipped)}) rige el "
                          f"{on.isoformat()}: sus agravantes no se aplican (no consta en la fuente)." if es else
                          f"{prov}: none of its versions in the sources ({', '.join(skipped)}) holds on "
                          f"{on.isoformat()}: its aggravations are not applied (not in source)."))
    notes += period.notes()
    notes += reading_notes(used, lang)
    notes.append(query_note(NAME, lang))
    caption = ("Penas por delito y variante" if es else "Penalties by offence and variant") + \
              (f" ({'el' if es else 'on'} {on.isoformat()})" if on else "")
    return Table(NAME, caption, cols, rows, notes, sorted(sources, key=source_sort_key), lang, on,
                 readings=[used[k] for k in sorted(used)])
