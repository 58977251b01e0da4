"""`lexkb table history ARTICLE`: one article across its sources (query kb/queries/table-history.rq).

Rows, in date order: the amendment events the editions' notes record (date, kind, level and the
note's own words), its repeal if the editions print it "Derogado", each version of its text (the
journal date of the decree that made it, the editions that carry it, and until when it holds: the
next change the notes record, exclusive), the penalties and aggravation rules each version states
(ranges with their own units), and last the State's report's account of the article, which has no date
of its own. Every row names its source passages. Dates are publication dates; entry into force is
not in source."""
from __future__ import annotations

import re
import unicodedata

from ..errors import LexkbError
from .common import check_lang, load_store, query_note, run_query, t
from .model import Column, Link, Range, Table, dec, natural_key, query_path, source_refs, source_sort_key

NAME = "history"
KIND_ORDER = {"amendment": 0, "repeal": 1, "version": 2, "penalty": 3, "aggravation": 4}

# An article: a subdivision whose local id has no "/" (its parts' ids do: "art_204/I"), and which groups
# no other such subdivision (a chapter groups articles, "chp_VI" > "art_206"), wherever it sits in the
# instrument: under the instrument itself or under a chapter.
Q_ARTICLES = """
SELECT ?article ?label ?key WHERE {
  ?article a eli:LegalResourceSubdivision ; rdfs:label ?label ; eli:id_local ?key .
  FILTER(!CONTAINS(?key, "/"))
  FILTER NOT EXISTS { ?part eli:is_part_of ?article ; eli:id_local ?part_key FILTER(!CONTAINS(?part_key, "/")) }
} ORDER BY ?label"""


def _squash(text: str) -> str:
    """'XYZ art. 205 Bis' -> 'xyz205bis'; 'art. 209 Quáter' -> '209quater'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(art|arts|article|articulo)\b\.?", " ", text)
    return re.sub(r"[\s.]+", "", text)


def resolve(store, query: str) -> dict:
    """The article (IRI, label) that ARTICLE names, by its label ("XYZ art. 205 bis", "XYZ 205 bis")
    or its number alone ("205 bis", "201"); LexkbError exit 1 when none or several match, as
    `lexkb penalty` does for offences."""
    from ..store import select

    wanted = _squash(query or "")
    if not wanted:
        raise LexkbError("ARTICLE: give an article, by its label or its number alone")
    rows = select(store, Q_ARTICLES)
    hits = []
    for r in rows:
        full = _squash(r["label"])
        number = _squash(r["label"].split(" art. ", 1)[-1])
        if wanted in (full, number):
            hits.append(r)
    if not hits:
        example = rows[0]["label"] if rows else "none"
        raise LexkbError(f"ARTICLE: no article matches '{query}' (give its label, e.g. '{example}', or its number)",
                         exit_code=1)
    if len(hits) > 1:
        names = ", ".join(sorted((h["label"] for h in hits), key=natural_key))
        raise LexkbError(f"ARTICLE: '{query}' matches several articles ({names}); name the instrument, e.g. "
                         f"'{hits[0]['label']}'", exit_code=1)
    return hits[0]


def build(store=None, on=None, lang: str = "en", sort: str | None = None, reverse: bool = False,
          article: str | None = None) -> Table:
    from ..index import describe_increase, restricted
    from ..store import select
    from .penalties import sources_note
    from .versions import REPORT, STATUTE, Dating, as_reported, basis_cell, basis_label, unit_concept

    check_lang(lang)
    if sort is not None:
        raise LexkbError(f"--sort: table '{NAME}' is in date order; it takes no --sort")
    if on is not None:
        raise LexkbError(f"--on: table '{NAME}' shows every date of the article; it takes no --on")
    store = store if store is not None else load_store()
    es = lang == "es"
    art = resolve(store, article)
    path = query_path(NAME)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexkbError(f"{path}: cannot read the table's query ({exc.strerror})") from None
    result = select(store, restricted(text, "article", [art["article"]]))
    dating = Dating(store)

    facts: dict[tuple, dict] = {}
    for r in result:
        key = (r["kind"], r["id"])
        f = facts.setdefault(key, {"row": r, "sources": set(), "editions": set(), "targets": set()})
        if r["source"]:
            f["sources"].add(r["source"])
        if r["editionDate"]:
            f["editions"].add(str(r["editionDate"])[:10])
        if r["target"]:
            f["targets"].add(r["target"])
    editions_of_version = {f["row"]["version"]: f["editions"] for (kind, _), f in facts.items() if kind == "version"}

    rows, sources = [], set()
    for (kind, ident), f in facts.items():
        r = f["row"]
        since = str(r["since"])[:10] if r["since"] else None
        statute = since is not None
        until = dating.until(art["article"], since) if statute else None
        srcs = sorted(f["sources"], key=source_sort_key)
        sources.update(srcs)
        row = {"date": str(r["date"])[:10] if r["date"] else None, "event": None, "detail": None,
               "basis": None, "version": since, "valid_until": until, "imprisonment_years": None, "fine": None,
               "fine_unit": None, "community_work": None, "editions": None, "sources": source_refs(srcs) or None,
               "_kind": kind, "_id": ident}
        if kind == "version":
            row["event"] = "versión" if es else "version"
            row["basis"] = basis_cell(STATUTE, lang)
            row["editions"] = sorted(f["editions"])
            row["detail"] = (f"texto del artículo publicado el {since}" if es else f"the article's text published {since}")
        elif kind == "amendment":
            kind_label = (r["eventKindEs"] if es else None) or r["eventKindEn"]
            level = (r["eventLevelEs"] if es else None) or r["eventLevelEn"]
            row["event"] = (f"nota de reforma ({kind_label}, {level})" if es else f"amendment note ({kind_label}, {level})")
            row["basis"] = basis_cell(STATUTE, lang)
            row["detail"] = f"«{r['note']}»" if r["note"] else t("not-in-source", lang)
            row["version"] = str(r["resultingVersion"]).rsplit("/v", 1)[-1] if r["resultingVersion"] else None
            row["valid_until"] = None
        elif kind == "repeal":
            row["event"] = "derogación" if es else "repeal"
            row["basis"] = basis_cell(STATUTE, lang)
            row["detail"] = f"«{r['note']}»" if r["note"] else t("not-in-source", lang)
        elif kind == "penalty":
            row["event"] = ("pena" if es else "penalty") + (f" ({r['provisionLabel']})" if r["provisionLabel"] != art["label"] else "")
            row["basis"] = basis_cell(STATUTE if statute else REPORT, lang, dating.report)
            row["detail"] = r["condition"] or (as_reported(lang, dating.report) if not statute else None)
            row["imprisonment_years"] = Range(dec(r["imin"]), dec(r["imax"])) if r["imin"] is not None else t("no-fine", lang)
            if r["cwmin"] is not None:  # community work, in jornadas (lexkb:CommunityWorkJornada)
                row["community_work"] = Range(dec(r["cwmin"]), dec(r["cwmax"]))
            row["fine"] = Range(dec(r["fmin"]), dec(r["fmax"])) if r["fmin"] is not None else t("no-fine", lang)
            row["fine_unit"] = unit_concept(r["fineUnit"], lang)
            row["editions"] = sorted(editions_of_version.get(r["version"], ())) or None
            row["date"] = since
        elif kind == "aggravation":
            comps = [c for c in ("imprisonment", "fine") if c in (r["components"] or "").split()]
            bounds = [b for b in ("min", "max") if b in (r["bounds"] or "").split()]
            targets = sorted(f["targets"], key=natural_key)
            row["event"] = "agravación" if es else "aggravation"
            row["basis"] = basis_cell(STATUTE if statute else REPORT, lang, dating.report)
            row["detail"] = (describe_increase(r["fraction"], comps, bounds, bool(r["upTo"]))
                             + ((" — aplica a: " if es else " — applies to: ") + ", ".join(targets) if targets else ""))
            if not statute:
                row["detail"] += f" ({as_reported(lang, dating.report)})"
            row["editions"] = sorted(editions_of_version.get(r["version"], ())) or None
            row["date"] = since
        row["_key"] = (row["date"] is None, row["date"] or "", KIND_ORDER[kind], ident)
        rows.append(row)
    rows.sort(key=lambda x: x["_key"])
    if reverse:
        rows.reverse()
    cols = [Column("date", t("date", lang)), Column("event", t("event", lang)), Column("detail", t("detail", lang)),
            Column("basis", t("basis-col", lang)), Column("version", t("version-of", lang)),
            Column("valid_until", t("valid-until", lang)), Column("imprisonment_years", t("imprisonment", lang), True),
            Column("fine", t("fine-amount", lang), True), Column("fine_unit", t("fine-unit", lang))]
    if any(row["community_work"] is not None for row in rows):  # only the articles that set community work
        cols.append(Column("community_work", t("community-work", lang), True))
    cols += [Column("editions", t("editions", lang)), Column("sources", t("source", lang))]
    notes = [
        ("Fechas: las de publicación en el Diario Oficial de cada decreto, como las dan las notas de las ediciones; la "
         "entrada en vigor no consta en la fuente. Una versión rige hasta el siguiente cambio que anotan las ediciones "
         "(«Rige hasta», excluido); vacío donde las ediciones no anotan cambio posterior. Las notas de reforma se citan "
         "con sus propias palabras; una nota que enumera varias fechas da una fila por fecha."
         if es else
         "Dates: the journal's publication of each decree, as the editions' notes give them; entry into force is not in "
         "source. A version holds until the next change the editions' notes record (\"Valid until\", exclusive); empty "
         "where the editions record no later change. Amendment notes are quoted in their own words; a note listing "
         "several dates gives one row per date."),
        ("El relato del informe del Estado no tiene fecha propia: sus filas van al final, sin fecha, con fundamento "
         f"«{basis_label(REPORT, lang, dating.report)}»." if es else
         "The State's report's account has no date of its own: its rows come last, undated, with basis "
         f"\"{basis_label(REPORT, lang, dating.report)}\"."),
        sources_note(sources, lang, dating.report, today=False),
    ]
    if not rows:
        notes.insert(0, (f"{art['label']}: ni versiones, ni notas de reforma, ni penas en las fuentes codificadas."
                         if es else
                         f"{art['label']}: no versions, amendment notes or penalties in the encoded sources."))
    notes.append(query_note(NAME, lang))
    caption = (f"Historia de {art['label']}" if es else f"History of {art['label']}")
    table = Table(NAME, caption, cols, rows, notes, sorted(sources, key=source_sort_key), lang, None)
    return table
