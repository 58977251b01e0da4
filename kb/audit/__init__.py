"""`lexkb audit`: the State's report checked against the statute in force when it was written.

Each fact of the report (an article's existence, a penalty's imprisonment and fine, its additional
measures and victim conditions) is set beside the statute's text of the same article on the report's
date of submission (dcterms:dateSubmitted of the report: 2010-10-12), read in the closest edition
printed on or after that day; the article's amendment notes tell whether it changed in between
(then the verdict is "cannot compare", with the change's date). The articles of the same instruments
that were law that day and that the report does not describe are listed as "not in report". Articles
repealed before the day, or added after it, that the report does not describe are left out (a note
names them). Everything is read from the graph by SPARQL (lexkb.audit.facts).

Modules: facts (the SPARQL), in_force (the statute's text of a day), verdicts (the records),
render (table, md, csv, json)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Audit:
    report: str
    submitted: str
    records: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def differs(self) -> int:
        return sum(r["verdict"] == "differs" for r in self.records)


def audit(store=None) -> Audit:
    """The audit of the built knowledge base, or of `store` (an --endpoint, a --store, any store
    lexkb.store.select takes)."""
    from . import facts, in_force, verdicts

    if store is None:
        from .. import paths
        from ..store import open_store

        store = open_store(paths.GENERATED / paths.KB_TURTLE)
    f = facts.read(store)
    described = {a.instrument for a in f.articles if a.report_sources}
    out = Audit(f.report, f.submitted.isoformat())
    left_out, editions_used = [], set()
    for article in sorted((a for a in f.articles if a.instrument in described), key=order):
        st = in_force.on(article, f.submitted, f.editions.get(article.instrument, []))
        if st.edition is not None:
            editions_used.add(st.edition[1])
        first = verdicts.existence(article, st, f.submitted)
        if first is None:
            left_out.append(f"{article.label} ({'repealed on ' + st.since.isoformat() if st.status == 'repealed' else 'not yet law'})")
            continue
        out.records.append(first)
        if article.report_sources:
            out.records += verdicts.penalties(article, st, f.submitted)
    out.notes = notes(f, sorted(editions_used), left_out,
                      any(verdicts.UNIT_MARK in (r["statute"] or "") for r in out.records))
    return out


def notes(f, editions: list[str], left_out: list[str], units: bool) -> list[str]:
    day = f.submitted.isoformat()
    out = [f"The State's report {f.report} (submitted {day}) beside the statute in force that day, read in the "
           f"closest edition printed on or after it ({'; '.join(editions) or 'none'}); an article whose notes "
           f"record a change between the two dates cannot be compared. Dates are the journal's publication dates of "
           f"each decree; entry into force is not in source."]
    if units:
        from .verdicts import UNIT_READING

        out.append(UNIT_READING)
    if left_out:
        out.append(f"Not described by the report and not law on {day}, so left out: {', '.join(left_out)}.")
    out.append("Differences are findings, not corrections: the knowledge base keeps both values with their sources.")
    return out


SUFFIXES = {"bis": 2, "ter": 3, "quater": 4, "quáter": 4, "quintus": 5, "sexies": 6, "septies": 7, "octies": 8}


def order(article) -> tuple:
    """Instrument, then article number in the Code's order: 209, 209 bis, 209 ter, 209 quater, 209 bis 1 after 201 bis."""
    parts = article.number.lower().split()
    key = []
    for part in parts:
        if part.isdigit():
            key.append((0, int(part)))
        else:
            key.append((1, SUFFIXES.get(part, 99), part))
    return (article.short, key)
