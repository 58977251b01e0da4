"""What every table shares: the store, the query files, labels in English and Spanish, and the
point-in-time rules of --on.

Point in time (--on DATE). The source gives publication dates, not dates of entry into force, so:

- an instrument with a publication date is in force from that date; one that another instrument
  abrogated is in force until the day before that instrument's publication. Rows of instruments not in force on DATE are
  dropped, with a note;
- the State's report's rows of an instrument with no publication date in the knowledge base are
  kept as the State reported them (the year of the report, from the data); for a date outside that
  year a note says that whether that text was in force then is not in the report;
- a statute's own rows (penalties stated by a version of their article) hold as their version
  does (lexkb.tables.versions, lexkb.validity.holds), not by these rules;
- an amending decree has effect from its publication (see lexkb.tables.amendments).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..errors import LexkbError
from .model import parse_date, query_path

LANGS = ("en", "es")

# Fixed labels of the tables; data labels come from the knowledge base (skos:prefLabel@es etc.).
STRINGS = {
    "instrument": ("Instrument", "Instrumento"),
    "article": ("Article", "Artículo"),
    "offence": ("Offence", "Delito"),
    "victim": ("Victim condition", "Condición de la víctima"),
    "victim_conditions": ("Victim condition ids", "Ids de la condición de la víctima"),
    "imprisonment": ("Imprisonment (years)", "Prisión (años)"),
    "fine": ("Fine (days of minimum wage)", "Multa (días de salario mínimo)"),
    "factors": ("Aggravating factors", "Agravantes"),
    "agg_imprisonment": ("Aggravated imprisonment (years)", "Prisión agravada (años)"),
    "agg_fine": ("Aggravated fine (days of minimum wage)", "Multa agravada (días de salario mínimo)"),
    "measures": ("Additional measures", "Medidas adicionales"),
    # the statute beside the State's report (issue 11)
    "basis-col": ("Basis", "Fundamento"),
    "variant": ("Variant (the source's words)", "Variante (palabras de la fuente)"),
    "version": ("Version (dates it holds)", "Versión (fechas en que rige)"),
    "fine-amount": ("Fine", "Multa"),
    "fine-unit": ("Fine unit", "Unidad de la multa"),
    "agg_fine-amount": ("Aggravated fine", "Multa agravada"),
    "no-fine": ("none in source", "ninguna en la fuente"),
    "community-work": ("Community work (jornadas de trabajo en favor de la comunidad)",
                       "Trabajo en favor de la comunidad (jornadas)"),
    "not-comparable": ("not comparable (different units: {a} / {b})", "no comparable (unidades distintas: {a} / {b})"),
    "opsc": ("OPSC paragraphs (as the State claims)", "Párrafos del OPSC (según el Estado)"),
    "source": ("Source", "Fuente"),
    "notes": ("Notes", "Notas"),
    "sources": ("Sources", "Fuentes"),
    "query": ("Query", "Consulta"),
    "no-condition": ("no condition stated (any person)", "sin condición (cualquier persona)"),
    "other-victims": ("no condition stated (general range; another variant names its victims)", "sin condición (pena general; otra variante nombra a sus víctimas)"),
    "if-factor": ("if '{factor}': {measure}", "si '{factor}': {measure}"),
    "none": ("none", "ninguna"),
    # minors vs adults
    "conduct": ("Conduct", "Conducta"),
    "bound": ("Bound", "Límite"),
    "adult_provision": ("Any person (no age or capacity condition): provision",
                        "Cualquier persona (sin condición de edad o capacidad): disposición"),
    "adult": ("Any person (no age or capacity condition)", "Cualquier persona (sin condición de edad o capacidad)"),
    "minor_provision": ("Victim under 18 or lacking capacity: provision", "Víctima menor de 18 o incapaz: disposición"),
    "minor": ("Victim under 18 or lacking capacity", "Víctima menor de 18 o incapaz"),
    "difference": ("Difference (minor − any person)", "Diferencia (menor − cualquier persona)"),
    "ratio": ("Ratio (minor / any person)", "Razón (menor / cualquier persona)"),
    "ratio_exact": ("Ratio (minor / any person), exact fraction", "Razón (menor / cualquier persona), fracción exacta"),
    "imprisonment-min": ("imprisonment, minimum", "prisión, mínimo"),
    "imprisonment-max": ("imprisonment, maximum", "prisión, máximo"),
    "fine-min": ("fine, minimum", "multa, mínimo"),
    "fine-max": ("fine, maximum", "multa, máximo"),
    "unit": ("Unit", "Unidad"),
    # history
    "date": ("Date", "Fecha"),
    "event": ("Event", "Hecho"),
    "detail": ("Detail (the source's words in quotes)", "Detalle (entre comillas, las palabras de la fuente)"),
    "version-of": ("Version of", "Versión del"),
    "valid-until": ("Valid until (exclusive)", "Rige hasta (excluido)"),
    "editions": ("Editions that carry it", "Ediciones que la contienen"),
    # OPSC coverage
    "paragraph": ("OPSC paragraph", "Párrafo del OPSC"),
    "description": ("Description", "Descripción"),
    "domestic": ("Domestic provisions (as the State claims)", "Disposiciones nacionales (según el Estado)"),
    "status": ("Status", "Situación"),
    "claimed": ("claimed", "reivindicado"),
    "claimed-broader": ("claimed only at a broader paragraph ({p})", "reivindicado solo en un párrafo más amplio ({p})"),
    "claimed-narrower": ("claimed only at narrower paragraphs ({p})", "reivindicado solo en párrafos más específicos ({p})"),
    "editorial": ("lexkb's own mappings (editorial, not the State's)", "Vinculaciones propias de lexkb (editoriales, no del Estado)"),
    "editorial-only": ("not claimed by the State; lexkb's own (editorial) mapping only",
                       "el Estado no lo reivindica; solo una vinculación propia de lexkb (editorial)"),
    "no-provision": ("no provision mapped in the encoded sources", "ninguna disposición vinculada en las fuentes codificadas"),
    "note": ("Note", "Nota"),
    "rationale": ("Why each claim has its basis", "Por qué cada vinculación tiene su fundamento"),
    "gap-note": ("a gap in the sources lexkb encodes, not a finding about the State's law: no provision in them is "
                 "mapped to this paragraph, at it, above it or below it",
                 "una laguna en las fuentes que lexkb codifica, no una conclusión sobre el derecho del Estado: ninguna "
                 "disposición de ellas está vinculada a este párrafo, ni a él ni por encima ni por debajo"),
    # amendments
    "modelled": ("In the knowledge base", "En la base de conocimiento"),
    "is-modelled": ("modelled", "modelado"),
    "not-modelled": ("not modelled", "no modelado"),
    "parole_before": ("Parole before the decree", "Libertad preparatoria antes del decreto"),
    "parole_after": ("Parole after the decree (from {date})", "Libertad preparatoria después del decreto (desde {date})"),
    "serious_before": ("Serious offence before the decree", "Delito grave antes del decreto"),
    "serious_after": ("Serious offence after the decree (from {date})", "Delito grave después del decreto (desde {date})"),
    "parole_on": ("Parole on {date}", "Libertad preparatoria el {date}"),
    "serious_on": ("Serious offence on {date}", "Delito grave el {date}"),
    "not-in-source": ("not in source", "no consta en la fuente"),
    "ruled-out": ("ruled out ({cond})", "excluida ({cond})"),
    "extended": ("scope extended", "alcance ampliado"),
    "compensation_after": ("Compensation after the decree (from {date})", "Reparación después del decreto (desde {date})"),
    "compensation_on": ("Compensation on {date}", "Reparación el {date}"),
    "readings": ("lexkb's readings (not the source's words)", "Lecturas de lexkb (no son palabras de la fuente)"),
    "basis": ("Basis of each claim", "Fundamento de cada vinculación"),
    "serious": ("serious offence ({cond})", "delito grave ({cond})"),
    "no-change": ("no change stated in source", "la fuente no indica cambio"),
    "victim-under-18": ("victim under 18", "víctima menor de 18 años"),
}


def t(key: str, lang: str, **kw) -> str:
    en, es = STRINGS[key]
    text = es if lang == "es" else en
    return text.format(**kw) if kw else text


def pick(en: str | None, es: str | None, lang: str) -> str | None:
    """The Spanish label where the knowledge base has one, else the English."""
    return es if lang == "es" and es else en


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise LexkbError(f"--lang: '{lang}' is not one of {', '.join(LANGS)}")
    return lang


def parse_on(text: str | None) -> dt.date | None:
    """--on DATE as a date; one-line error naming the option otherwise."""
    if text is None:
        return None
    import re

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise LexkbError(f"--on: '{text}' is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise LexkbError(f"--on: '{text}' is not a valid date ({exc})") from None


STATISTICS_TURTLE = "statistics.ttl"


@lru_cache(maxsize=4)
def _store(path: str, mtime: float, extra: tuple = ()):
    from ..store import open_store

    store = open_store(Path(path))
    for other, _mtime in extra:
        import pyoxigraph as ox

        try:
            store.load(path=other, format=ox.RdfFormat.TURTLE)
        except (SyntaxError, OSError, ValueError) as exc:
            raise LexkbError(f"{other}: cannot load: {' '.join(str(exc).split())}") from None
    return store


def load_store(turtle: Path | None = None, statistics: bool = False):
    """The built knowledge base (kb/generated/lexkb.ttl) in an in-memory SPARQL store; with
    statistics=True, together with the statistics graph (kb/generated/statistics.ttl) in the same
    default graph, as `lexkb query` loads them (lexkb.sparql.load_store)."""
    path = turtle or paths.GENERATED / paths.KB_TURTLE
    if not path.exists():
        raise LexkbError(f"{path}: knowledge base not built; run 'lexkb build'")
    extra = ()
    if statistics:
        stats = path.parent / STATISTICS_TURTLE
        if not stats.exists():
            raise LexkbError(f"{stats}: statistics not built; run 'lexkb build'")
        extra = ((str(stats), stats.stat().st_mtime),)
    return _store(str(path), path.stat().st_mtime, extra)


def readings_by_offence(store) -> dict[str, list[dict]]:
    """lexkb's readings (lexkb:Reading) that bear on each offence, by offence id (lexkb.index.Q_READINGS)."""
    from ..index import Q_READINGS, reading_entries
    from ..store import select

    rows: dict[str, list] = {}
    for r in select(store, Q_READINGS):
        rows.setdefault(r["offence"].rsplit("/", 1)[-1], []).append(r)
    return {k: reading_entries(v) for k, v in rows.items()}


Q_VICTIM_CONDITIONS = """
SELECT ?id ?label WHERE {
  ?c skos:inScheme <https://w3id.org/lexkb/concept/victim-condition> ; skos:notation ?id ; skos:prefLabel ?label
  FILTER(lang(?label) = "en")
}"""


def victim_conditions(store):
    """A function from the English labels of victim conditions (as the table queries give them) to
    Concept cells: id and label side by side, as `lexkb penalty` writes victim_conditions."""
    from ..store import select
    from .model import Concept

    ids = {r["label"]: r["id"] for r in select(store, Q_VICTIM_CONDITIONS)}
    return lambda labels: [Concept(ids[label], label) for label in labels]


def reading_cell(readings: list[dict]):
    """A table cell naming lexkb's readings by id (ReadingRef; CSV prints each in full)."""
    from ..penalty_format import reading_cell as one_line
    from .model import ReadingRef

    return [ReadingRef(r["id"], one_line([r])) for r in readings] or None


def reading_notes(used: dict[str, dict], lang: str) -> list[str]:
    """The readings the rows name, in full, one note each (md, html, tex print notes; JSON has them
    as the table's `readings` field)."""
    from ..penalty_format import reading_cell as one_line

    head = "Lectura de lexkb" if lang == "es" else "lexkb's reading"
    return [f"{head} {one_line([used[k]])}" for k in sorted(used)]


def run_query(store, name: str) -> list[dict]:
    """Run kb/queries/table-NAME.rq against the store; rows as dicts of Python values."""
    from ..store import select

    path = query_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexkbError(f"{path}: cannot read the table's query ({exc.strerror})") from None
    return select(store, text)


class Period:
    """Which rows' instruments are in force on the --on date, and the notes that say so."""

    def __init__(self, on: dt.date | None, lang: str, unit: tuple[str, str] = ("row(s)", "fila(s)"),
                 report: dict | None = None):
        """report: the State's report as lexkb.tables.versions.report_of gives it (name, year)."""
        self.on, self.lang, self.unit = on, lang, unit
        self.report = report or {}
        self.dropped: dict[str, set] = {}
        self.seen: dict[str, dict] = {}

    def keeps(self, row: dict, key=None) -> bool:
        """row has instrumentShort, published, repealedOn, repealerShort (from a table query);
        key identifies what a dropped row stands for (counted once in the note)."""
        short = row.get("instrumentShort")
        if short is None:
            return True
        self.seen.setdefault(short, row)
        if self.on is None:
            return True
        published, repealed = parse_date(row.get("published")), parse_date(row.get("repealedOn"))
        ok = (published is None or published <= self.on) and (repealed is None or self.on < repealed)
        if not ok:
            self.dropped.setdefault(short, set()).add(key if key is not None else id(row))
        return ok

    def notes(self) -> list[str]:
        es = self.lang == "es"
        out = []
        for short, row in sorted(self.seen.items()):
            published, repealed = row.get("published"), row.get("repealedOn")
            if published is None:
                year, name = self.report.get("year"), self.report.get("name")
                head = ((f"{short}, filas del informe del Estado: el texto tal como el Estado lo comunicó"
                         + (f" en {year}" if year else "") + (f" ({name})" if name else "")) if es else
                        (f"{short}, rows from the State's report: the text as the State reported it"
                         + (f" in {year}" if year else "") + (f" ({name})" if name else "")))
                if self.on is None or (year is not None and str(self.on.year) in year.split("/")):
                    out.append(head + ".")
                else:
                    out.append(head + (f"; si ese texto regía el {self.on.isoformat()} no consta en el informe."
                                       if es else
                                       f"; whether that text was in force on {self.on.isoformat()} is not in the report."))
                continue
            period = (f"en vigor desde su publicación ({published})" if es else
                      f"in force from its publication ({published})")
            if repealed:
                period += (f" hasta que la {row.get('repealerShort') or 'ley'} publicada el {repealed} la abrogó"
                           if es else
                           f" until the {row.get('repealerShort') or 'act'} published {repealed} abrogated it")
            period += ("; las fechas de entrada en vigor no constan en la fuente, por lo que lexkb cuenta desde las "
                       "publicaciones" if es else
                       "; the dates of entry into force are not in source, so lexkb counts from the publications")
            if self.on is None:
                out.append(f"{short}: {period}. " + ("Se muestran sus filas sin fecha; use --on FECHA para un día."
                                                     if es else "Its rows are shown regardless of date; use --on DATE for one day."))
            elif short in self.dropped:
                n = len(self.dropped[short])
                unit = self.unit[1] if es else self.unit[0]
                out.append(f"{short}: {period}. " + (f"No vigente el {self.on.isoformat()}: {n} {unit} omitida(s)."
                                                     if es else
                                                     f"Not in force on {self.on.isoformat()}: {n} {unit} dropped."))
            else:
                out.append(f"{short}: {period}. " + (f"En vigor el {self.on.isoformat()}." if es else
                                                     f"In force on {self.on.isoformat()}."))
        return out


def query_note(name: str, lang: str) -> str:
    from .model import query_path

    rel = paths.display(query_path(name))
    return (f"Tabla generada por la consulta SPARQL {rel} (`lexkb query table-{name}`)." if lang == "es" else
            f"Generated by the SPARQL query {rel} (`lexkb query table-{name}`).")
