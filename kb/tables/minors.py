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
BOUNDS = (("imprisonment-min", "Imin"), ("imprisonment-max", "Imax"), ("fine-min", "Fmin"), ("fine-max", "Fmax"))


def _fraction_text(f) -> str | None:
    """The exact ratio as text, "5/3" (or "4" when whole), next to its decimal in csv and json."""
    if f is None:
        return None
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def build(store=None, on=None, lang: str = "en", sort: str | None = None, reverse: bool = False) -> Table:
    check_lang(lang)
    if sort is not None:
        raise LexkbError(f"--sort: table '{NAME}' has a fixed order (pairs in provision order); it takes no --sort")
    store = store if store is not None else load_store()
    period = Period(on, lang)
    sources: set[str] = set()
    rows = []
    concepts = victim_conditions(store)
    pairs = sorted(run_query(store, NAME), key=lambda r: natural_key(r["minorProvision"]))
    for r in pairs:
        if not period.keeps(r):
            continue
        victim = (" o " if lang == "es" else " or ").join(split(r["minorConditions"]))
        pair_sources = sorted(set(split(r["adultSources"])) | set(split(r["minorSources"])), key=source_sort_key)
        sources.update(pair_sources)
        for key, suffix in BOUNDS:
            adult, minor = dec(r["adult" + suffix]), dec(r["minor" + suffix])
            rows.append({
                "conduct": pick(r["conductEn"], r["conductEs"], lang),
                "bound": t(key, lang),
                "adult_provision": Link(r["adultProvision"], r["adultProv"]),
                "adult": adult,
                "minor_provision": Link(r["minorProvision"], r["minorProv"]),
                "victim": victim,
                "victim_conditions": concepts(split(r["minorConditions"])),
                "minor": minor,
                "difference": minor - adult,
                "ratio": exact_fraction(minor, adult),
                "ratio_exact": _fraction_text(exact_fraction(minor, adult)),
                "sources": source_refs(pair_sources),
                "_pair": (r["adultId"], r["minorId"]),
                "_bound": key,
            })
    if reverse:
        rows.reverse()
    cols = [Column("conduct", t("conduct", lang)), Column("bound", t("bound", lang)),
            Column("adult_provision", t("adult_provision", lang)), Column("adult", t("adult", lang), True),
            Column("minor_provision", t("minor_provision", lang)), Column("victim", t("victim", lang)),
            Column("victim_conditions", t("victim_conditions", lang), machine=True),
            Column("minor", t("minor", lang), True), Column("difference", t("difference", lang), True),
            Column("ratio", t("ratio", lang), True), Column("ratio_exact", t("ratio_exact", lang), machine=True),
            Column("sources", t("source", lang))]
    es = lang == "es"
    notes = [
        ("Pares: dos variantes de pena de un mismo delito, una condicionada a una víctima menor de 18 años (LPSTP "
         "art. 6 I y II), o dos delitos con el mismo nombre en español, uno para víctimas menores de 18 años y otro "
         "sin condición de la víctima (CPF 204 y CPF 206 bis/206, «lenocinio»)."
         if es else
         "Pairs: two penalty variants of one offence, one conditioned on a victim under 18 (LPSTP art. 6 I and II), "
         "or two offences with the same Spanish name, one for victims under 18 and one naming no victim condition "
         "(CPF 204 and CPF 206 bis/206, \"lenocinio\")."),
        ("La columna «cualquier persona» es la disposición sin condición de edad o capacidad de la víctima (CPF 206 "
         "bis: «another», «a person»; LPSTP art. 6 I), no una disposición solo para adultos. "
         "Diferencia = menor − cualquier persona; razón = menor / cualquier persona, exactas: una razón que no es un decimal finito se da "
         "como fracción con una aproximación marcada ≈."
         if es else
         "The \"any person\" columns are the provision with no condition on the victim's age or capacity (CPF 206 bis: "
         "\"another\", \"a person\"; LPSTP art. 6 I), not a provision for adults only. "
         "Difference = minor − any person; ratio = minor / any person, both exact: a ratio that is not a terminating decimal is "
         "given as a fraction with an approximation marked ≈."),
    ]
    notes += period.notes()
    notes.append(query_note(NAME, lang))
    caption = ("Víctimas menores de 18 años o incapaces frente a cualquier persona" if es else
               "Victims under 18 or lacking capacity compared with any person") + \
              (f" ({'el' if es else 'on'} {on.isoformat()})" if on else "")
    return Table(NAME, caption, cols, rows, notes, sorted(sources, key=source_sort_key), lang, on)
