"""`lexkb table amendments`: parole and serious-offence status before and after the decree of
19 August 2010, per offence (query kb/queries/table-amendments.rq).

"Before" is "not in source": the source (para. 44) only says that the decree rules parole out and
makes serious offences of the listed offences involving persons under 18. The effects are dated
from the decree's publication; its entry into force is not in source. Offences the source names
but the knowledge base does not model (corruption, pornography) are rows marked "not modelled"."""
from __future__ import annotations

from ..errors import LexkbError
from .common import (check_lang, load_store, pick, query_note, reading_cell, reading_notes, readings_by_offence,
                     run_query, t)
from .model import Column, Link, Table, natural_key, parse_date, source_refs, source_sort_key

NAME = "amendments"
KINDS = {"parole-ruled-out": ("parole", "ruled-out"), "serious-offence": ("serious", "serious"),
         "compensation-extended": ("compensation", "extended")}


def build(store=None, on=None, lang: str = "en", sort: str | None = None, reverse: bool = False) -> Table:
    check_lang(lang)
    if sort is not None:
        raise LexkbError(f"--sort: table '{NAME}' is in provision order; it takes no --sort")
    store = store if store is not None else load_store()
    es = lang == "es"
    offences: dict[str, dict] = {}
    untouched: dict[str, dict] = {}
    sources: set[str] = set()
    decree_date = act = None
    for r in run_query(store, NAME):
        if r["kind"] is None:
            untouched[r["offenceId"]] = r
            continue
        decree_date, act = r["date"], r["act"]
        key = r["offenceId"] or f"unmodelled:{r['unmodelled']}"
        o = offences.setdefault(key, {"row": r, "effects": {}, "sources": set()})
        cond = t("victim-under-18", lang) if r["condition"] == "under-18" else (r["conditionLabel"] or "")
        o["effects"][KINDS[r["kind"]][0]] = t(KINDS[r["kind"]][1], lang, cond=cond).replace(" ()", "")
        o["sources"].add(r["source"])
        sources.add(r["source"])
    date = parse_date(decree_date)
    readings = readings_by_offence(store)
    used: dict[str, dict] = {}
    rows = []
    for key, o in offences.items():
        r = o["row"]
        modelled = r["offenceId"] is not None
        effect_sources = sorted(o["sources"], key=source_sort_key)
        row = {
            "offence": pick(r["offenceEn"], r["offenceEs"], lang) if modelled else r["unmodelled"],
            "provision": Link(r["provisionLabel"], r["provision"]) if modelled and r["provisionLabel"] else None,
            "modelled": t("is-modelled" if modelled else "not-modelled", lang),
            "parole_before": t("not-in-source", lang),
            "parole_after": o["effects"].get("parole", t("no-change", lang)),
            "serious_before": t("not-in-source", lang),
            "serious_after": o["effects"].get("serious", t("no-change", lang)),
            "compensation_after": o["effects"].get("compensation", t("no-change", lang)),
            "readings": reading_cell(mine := [x for x in readings.get(r["offenceId"] or "", [])
                                              if x["id"].startswith("decree-2010-")]) if modelled else None,
            "sources": source_refs(effect_sources),
            "_key": (0 if modelled else 1, natural_key(r["provisionLabel"] or ""), key),
            "_offence_id": r["offenceId"],
        }
        if modelled:
            used.update((x["id"], x) for x in mine)
        if on is not None:
            after = date is not None and on >= date
            row["parole_on"] = row["parole_after"] if after else t("not-in-source", lang)
            row["serious_on"] = row["serious_after"] if after else t("not-in-source", lang)
            row["compensation_on"] = row["compensation_after"] if after else t("not-in-source", lang)
        rows.append(row)
    rows.sort(key=lambda row: row["_key"])
    if reverse:
        rows.reverse()
    d = decree_date or "?"
    cols = [Column("offence", t("offence", lang)), Column("provision", t("article", lang)),
            Column("modelled", t("modelled", lang)),
            Column("parole_before", t("parole_before", lang)), Column("parole_after", t("parole_after", lang, date=d)),
            Column("serious_before", t("serious_before", lang)),
            Column("serious_after", t("serious_after", lang, date=d)),
            Column("compensation_after", t("compensation_after", lang, date=d))]
    if on is not None:
        cols += [Column("parole_on", t("parole_on", lang, date=on.isoformat())),
                 Column("serious_on", t("serious_on", lang, date=on.isoformat())),
                 Column("compensation_on", t("compensation_on", lang, date=on.isoformat()))]
    cols += [Column("sources", t("source", lang)), Column("readings", t("readings", lang))]
    notes = [
        (f"«Antes»: no consta en la fuente, que solo dice que el decreto ({act}) excluye la libertad preparatoria y "
         "califica como delitos graves los delitos enumerados cometidos contra personas menores de 18 años."
         if es else
         f"\"Before\": not in source; the source only says that the decree ({act}) rules parole out and makes "
         "serious offences of the listed offences involving persons under 18."),
        (f"Los efectos se fechan desde la publicación del decreto ({d}); su entrada en vigor no consta en la fuente."
         if es else
         f"The effects are dated from the decree's publication ({d}); its entry into force is not in source."),
    ]
    paras = ", ".join(sorted({x.rsplit(", ", 1)[-1] for x in sources}, key=source_sort_key)) or "?"
    notes.append((f"La fuente ({paras}) nombra delitos, no artículos: a qué delitos modelados llega cada efecto es una "
                  "lectura de lexkb, no palabras de la fuente; ver la columna de lecturas y sus notas.") if es else
                 (f"The source ({paras}) names offences, not articles: which modelled offences each effect reaches is "
                  "lexkb's reading, not the source's words; see the readings column and their notes."))
    if untouched:
        names = "; ".join(f"{pick(u['offenceEn'], u['offenceEs'], lang)} ({u['provisionLabel']})"
                          for u in sorted(untouched.values(), key=lambda u: natural_key(u["provisionLabel"] or "")))
        notes.append((f"Delitos de la base de conocimiento a los que lexkb no vincula ningún efecto del decreto: {names}."
                      if es else f"Offences of the knowledge base lexkb links to no effect of the decree: {names}."))
    if on is not None:
        notes.append((f"El {on.isoformat()}: " if es else f"On {on.isoformat()}: ") +
                     ((f"posterior a la publicación del decreto ({d})." if es else f"on or after the decree's publication ({d}).")
                      if date is not None and on >= date else
                      (f"anterior a la publicación del decreto ({d}); la situación entonces no consta en la fuente."
                       if es else f"before the decree's publication ({d}); the status then is not in source.")))
        from .versions import report_of

        report = report_of(store)
        if report["year"] is None or str(on.year) not in report["year"].split("/"):
            year = f" {report['year']}" if report["year"] else ""
            name = f" ({report['name']})" if report["name"] else ""
            notes.append(f"Los delitos, tal como el Estado los comunicó{year and ' en' + year}{name}; si ese texto regía "
                         f"el {on.isoformat()} no consta en el informe." if es else
                         f"The offences as the State reported them{year and ' in' + year}{name}; whether that text was "
                         f"in force on {on.isoformat()} is not in the report.")
    notes += reading_notes(used, lang)
    notes.append(query_note(NAME, lang))
    caption = (f"Libertad preparatoria, delito grave y reparación antes y después del decreto del {d}" if es else
               f"Parole, serious-offence status and compensation before and after the decree of {d}")
    return Table(NAME, caption, cols, rows, notes, sorted(sources, key=source_sort_key), lang, on,
                 readings=[used[k] for k in sorted(used)])
