"""`lexkb table minors-vs-adults`: each conduct punished differently when the victim is under 18
or lacks capacity, adult and minor variants side by side (query kb/queries/table-minors-vs-adults.rq).

One row per pair and bound (imprisonment min/max, fine min/max), with the difference
(minor − adult) and the ratio (minor / adult). Both are exact: Decimal differences, and ratios as
fractions; the renderers for people print a ratio that is not a terminating decimal as a fraction
with an approximation marked ≈ (5/3 ≈ 1.667), never a silently rounded number; csv and json carry
it as a decimal number, with the exact fraction in a column of its own (ratio_exact)."""
from __future__ import annotations

from ..errors import LexkbError
from .common import Period, check_lang, load_store, pick, query_note, run_query, t, victim_conditions
from .model import Column, Link, Table, dec, exact_fraction, natural_key, source_refs, source_sort_key, split

NAME = "minors-vs-adults"
BOUNDS = (("imprisonment-min", "Imin", 0), ("imprisonment-max", "Imax", 1), ("fine-min", "Fmin", 0), ("fine-max", "Fmax", 1))


def _fraction_text(f) -> str | None:
    """The exact ratio as text, "5/3" (or "4" when whole), next to its decimal in csv and json."""
    if f is None:
        return None
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def build(store=None, on=None, lang: str = "en", sort: str | None = None, reverse: bool = False) -> Table:
    from ..validity import silent_note
    from .penalties import sources_note
    from .versions import STATUTE, Dating, as_reported, basis_cell, holds_on, span_text, unit_key, unit_label

    check_lang(lang)
    if sort is not None:
        raise LexkbError(f"--sort: table '{NAME}' has a fixed order (pairs in provision order); it takes no --sort")
    store = store if store is not None else load_store()
    es = lang == "es"
    dating = Dating(store)
    period = Period(on, lang, report=dating.report)
    sources: set[str] = set()
    rows = []
    concepts = victim_conditions(store)
    seen: dict[str, str] = {}    # statute provision -> earliest version date, for what holds on no date
    held: set[str] = set()
    pairs = []
    for r in run_query(store, NAME):
        adult = dating.entry(r["adultVersion"], r["adultSince"], r["adultArticle"])
        minor = dating.entry(r["minorVersion"], r["minorSince"], r["minorArticle"])
        if minor["basis"] == STATUTE:
            for label, entry in ((r["adultProvision"], adult), (r["minorProvision"], minor)):
                seen[label] = min(seen.get(label, "9999"), entry["valid_from"])
            if not (holds_on(adult, on) and holds_on(minor, on)):
                continue
            held.update((r["adultProvision"], r["minorProvision"]))
        elif not period.keeps(r):
            continue
        pairs.append((r, adult, minor))
    pairs.sort(key=lambda p: (natural_key(p[0]["minorProvision"]), 0 if p[2]["basis"] == STATUTE else 1,
                              p[2]["valid_from"] or "", p[0]["minorId"], p[0]["adultId"]))
    for r, adult_entry, minor_entry in pairs:
        victim = (" o " if es else " or ").join(split(r["minorConditions"]))
        pair_sources = sorted(set(split(r["adultSources"])) | set(split(r["minorSources"])), key=source_sort_key)
        sources.update(pair_sources)
        years = "años" if es else "years"
        for key, suffix, _k in BOUNDS:
            fine = key.startswith("fine")
            a_raw, m_raw = r["adult" + suffix], r["minor" + suffix]
            a_unit = unit_label(r["adultFineUnit"], lang) if fine else years
            m_unit = unit_label(r["minorFineUnit"], lang) if fine else years
            comparable = (not fine) or (a_raw is not None and m_raw is not None
                                        and unit_key(r["adultFineUnit"]) == unit_key(r["minorFineUnit"]))
            adult = dec(a_raw) if a_raw is not None else t("no-fine", lang)
            minor = dec(m_raw) if m_raw is not None else t("no-fine", lang)
            if comparable:
                difference, ratio = minor - adult, exact_fraction(minor, adult)
                unit = a_unit
            else:
                unit = a_unit if a_unit == m_unit else f"{a_unit or t('no-fine', lang)} / {m_unit or t('no-fine', lang)}"
                difference = ratio = (t("not-comparable", lang, a=a_unit or t("no-fine", lang),
                                        b=m_unit or t("no-fine", lang))
                                      if a_raw is not None and m_raw is not None else t("no-fine", lang))
            rows.append({
                "conduct": pick(r["conductEn"], r["conductEs"], lang) or r["conductEs"] or r["conductEn"],
                "basis": basis_cell(minor_entry["basis"], lang, dating.report),
                "validity": ("; ".join(dict.fromkeys(span_text(e, lang) for e in (adult_entry, minor_entry)))
                            if minor_entry["basis"] == STATUTE else as_reported(lang, dating.report)),
                "bound": t(key, lang),
                "unit": unit,
                "adult_provision": Link(r["adultProvision"], r["adultProv"]),
                "adult": adult,
                "minor_provision": Link(r["minorProvision"], r["minorProv"]),
                "victim": victim,
                "victim_conditions": concepts(split(r["minorConditions"])),
                "minor": minor,
                "difference": difference,
                "ratio": ratio,
                "ratio_exact": _fraction_text(ratio) if comparable else None,
                "sources": source_refs(pair_sources),
                "_pair": (r["adultId"], r["minorId"]),
                "_bound": key,
                "_basis": minor_entry["basis"],
            })
    if reverse:
        rows.reverse()
    cols = [Column("conduct", t("conduct", lang)), Column("basis", t("basis-col", lang)),
            Column("validity", t("version", lang)), Column("bound", t("bound", lang)), Column("unit", t("unit", lang)),
            Column("adult_provision", t("adult_provision", lang)), Column("adult", t("adult", lang), True),
            Column("minor_provision", t("minor_provision", lang)), Column("victim", t("victim", lang)),
            Column("victim_conditions", t("victim_conditions", lang), machine=True),
            Column("minor", t("minor", lang), True), Column("difference", t("difference", lang), True),
            Column("ratio", t("ratio", lang), True), Column("ratio_exact", t("ratio_exact", lang), machine=True),
            Column("sources", t("source", lang))]
    shown = list(dict.fromkeys((r["how"], r["minorProvision"], r["adultProvision"]) for r, _a, _m in pairs))
    by_variants = "; ".join(f"{m} / {a}" for how, m, a in shown if how == "variants") or ("ninguno" if es else "none")
    by_names = "; ".join(f"{m} / {a}" for how, m, a in shown if how == "names") or ("ninguno" if es else "none")
    notes = [
        ("Pares: (1) dos variantes de pena de un mismo delito, una condicionada a una víctima menor de 18 años (aquí: "
         f"{by_variants}); o (2) dos delitos, uno para víctimas menores de 18 años y otro sin condición de la víctima, "
         "cuyo nombre en español es el mismo, o el del otro seguido de «de personas menores de dieciocho años» (aquí: "
         f"{by_names}): emparejarlos por el nombre es una lectura de lexkb de los nombres de la ley, no palabras de la "
         "fuente. Los dos lados de un par tienen el mismo fundamento: dos versiones de la ley que rigen el mismo día, o "
         "dos relatos del informe del Estado; nunca uno de cada."
         if es else
         "Pairs: (1) two penalty variants of one offence, one conditioned on a victim under 18 (here: "
         f"{by_variants}); or (2) two offences, one for victims under 18 and one naming no victim condition, whose "
         "Spanish names are the same, or the one's followed by \"de personas menores de dieciocho años\" (here: "
         f"{by_names}): pairing them by name is lexkb's reading of the statute's names, not the source's words. Both "
         "sides of a pair have the same basis: two statute versions that hold on the same day, or two accounts of the "
         "State's report; never one of each."),
        ("La columna «cualquier persona» es la disposición sin condición de edad o capacidad de la víctima, no una "
         "disposición solo para adultos. "
         "Diferencia = menor − cualquier persona; razón = menor / cualquier persona, exactas: una razón que no es un "
         "decimal finito se da como fracción con una aproximación marcada ≈. Las multas se comparan solo en la misma "
         "unidad (días multa con días multa; días de salario mínimo con días de salario mínimo): entre unidades "
         "distintas, «no comparable»."
         if es else
         "The \"any person\" columns are the provision with no condition on the victim's age or capacity, not a "
         "provision for adults only. "
         "Difference = minor − any person; ratio = minor / any person, both exact: a ratio that is not a terminating "
         "decimal is given as a fraction with an approximation marked ≈. Fines are compared only in one unit (días "
         "multa with días multa, days of minimum wage with days of minimum wage): across different units, \"not "
         "comparable\"."),
        sources_note(sources, lang, dating.report),
    ]
    if on is not None:
        notes.extend(silent_note(prov, earliest, on) for prov, earliest in sorted(seen.items(), key=lambda kv: natural_key(kv[0]))
                     if prov not in held)
    notes += period.notes()
    notes.append(query_note(NAME, lang))
    caption = ("Víctimas menores de 18 años o incapaces frente a cualquier persona" if es else
               "Victims under 18 or lacking capacity compared with any person") + \
              (f" ({'el' if es else 'on'} {on.isoformat()})" if on else "")
    return Table(NAME, caption, cols, rows, notes, sorted(sources, key=source_sort_key), lang, on)
