"""What the penalty tables share about sources and time: each penalty's basis (the statute's own
text, one version of its article, or the State's report), the dates a statute version holds,
the fine's own unit, and which of them belong to the law of a day.

A statute version holds from the journal date of the decree that made it (`valid_from`) until the
journal date of the next change the editions' notes record for its article (`valid_until`,
exclusive): the same dates the lookup index gives (lexkb.index, Q_ARTICLE_CHANGES) and the same
test, lexkb.validity.holds. Without --on the tables show today's law, the latest version of each
statute article, beside the State's account. An aggravation rule stated by a version of its
own article (in the data: an "al doble" with versions of 2012-06-14 and 2023-10-18) is applied to a penalty
only where both hold on the table's day: never two versions of one rule together."""
from __future__ import annotations

import datetime as dt

from ..validity import holds

STATUTE, REPORT = "statute", "state-report"

# a fine's unit as the tables name it: (English, Spanish), from the source's own words
UNITS = {
    "DayOfMinimumWage": ("minimum-daily-wage", "days of minimum wage", "días de salario mínimo"),
    "DayFine": ("dia-multa", "días multa", "días multa"),
    "UMADailyValue": ("uma-daily-value", "times the daily value of the UMA", "veces el valor diario de la UMA"),
}


def unit_key(iri: str | None) -> str | None:
    return str(iri).rsplit("#", 1)[-1] if iri else None


def unit_label(iri: str | None, lang: str) -> str | None:
    key = unit_key(iri)
    if key is None:
        return None
    _id, en, es = UNITS.get(key, (key, key, key))
    return es if lang == "es" else en


def unit_concept(iri: str | None, lang: str):
    """A fine's unit as a cell: its id and words side by side, as `lexkb penalty` gives fine_unit
    ({"id", "label"} in JSON, the id in CSV, the words in md, html and tex); None where there is no fine."""
    from .model import Concept

    key = unit_key(iri)
    if key is None:
        return None
    return Concept(UNITS.get(key, (key,))[0], unit_label(iri, lang))


Q_REPORTS = """
SELECT DISTINCT ?id ?submitted WHERE {
  ?document a lexkb:SourceDocument ; dcterms:identifier ?id .
  OPTIONAL { ?document dcterms:dateSubmitted ?submitted }
  FILTER NOT EXISTS { ?document a eli:LegalExpression }
} ORDER BY ?id"""


def report_of(store) -> dict:
    """The State's report(s) the knowledge base cites, from the data: {"name": its identifier(s),
    "year": the year it was received (dcterms:dateSubmitted), or None where not in source}."""
    from ..store import select

    rows = select(store, Q_REPORTS)
    years = sorted({str(r["submitted"])[:4] for r in rows if r["submitted"]})
    return {"name": "; ".join(r["id"] for r in rows) or None, "year": "/".join(years) or None}


def basis_label(basis: str, lang: str, report: dict | None = None) -> str:
    if basis == STATUTE:
        return "ley (texto oficial)" if lang == "es" else "statute"
    year = f" ({report['year']})" if report and report.get("year") else ""
    return f"informe del Estado{year}" if lang == "es" else f"State's report{year}"


def basis_cell(basis: str, lang: str, report: dict | None = None):
    """A row's basis as a cell: 'statute' or 'state-report' in json and csv, as `lexkb penalty` gives a
    penalty's basis; its words (basis_label) in the formats for people."""
    from .model import Code

    return Code(basis, basis_label(basis, lang, report))


def as_reported(lang: str, report: dict | None = None) -> str:
    year = f" en {report['year']}" if lang == "es" and report and report.get("year") else \
        f" in {report['year']}" if report and report.get("year") else ""
    return f"según lo comunicó el Estado{year}" if lang == "es" else f"as reported by the State{year}"


class Dating:
    """The dated changes of every article (amendment notes, repeals), to date each version; and the
    State's report the knowledge base cites (`report`, see report_of)."""

    def __init__(self, store):
        from ..index import Q_ARTICLE_CHANGES
        from ..store import select

        self.report = report_of(store)

        self.changes: dict[str, list[str]] = {}
        for r in select(store, Q_ARTICLE_CHANGES):
            self.changes.setdefault(r["article"], []).append(str(r["date"])[:10])
        for dates in self.changes.values():
            dates.sort()

    def until(self, article: str | None, since: str | None) -> str | None:
        """The journal date of the next change to the article after `since` (exclusive end), or None."""
        if not article or not since:
            return None
        return next((d for d in self.changes.get(article, []) if d > str(since)[:10]), None)

    def entry(self, version: str | None, since: str | None, article: str | None) -> dict:
        """basis, valid_from, valid_until of a penalty or rule (a statute's when stated by a version)."""
        if version is None:
            return {"basis": REPORT, "valid_from": None, "valid_until": None}
        since = str(since)[:10]
        return {"basis": STATUTE, "valid_from": since, "valid_until": self.until(article, since)}


def holds_on(entry: dict, on: dt.date | None) -> bool:
    """Whether a statute version's entry is part of the law of `on` (None: the latest); an entry of
    the State's report always is (its rows are filtered by their instrument's dates instead)."""
    return holds(entry, on)


def span_text(entry: dict, lang: str) -> str | None:
    """'2007-03-27 – ' or '2007-03-27 – 2016-07-18 (exclusive)' for a statute entry; None for the report's."""
    if entry.get("basis") != STATUTE:
        return None
    until = entry.get("valid_until")
    if until is None:
        return (f"desde {entry['valid_from']} (sin cambio posterior en las ediciones)" if lang == "es" else
                f"from {entry['valid_from']} (no later change in the editions)")
    return (f"{entry['valid_from']} hasta {until} (excluida)" if lang == "es" else
            f"{entry['valid_from']} until {until} (exclusive)")
