"""The State's account beside the statute, aspect by aspect, one record each: existence of the
article, imprisonment, fine, additional measures, victim conditions. A verdict compares what the two
sources say; it never corrects either (both values stay, with their sources).

Verdicts:
- agrees: both state it, the same;
- differs: both state it, not the same;
- not in report: the statute states it, the report does not;
- not in statute: the report states it, and no edition of the statute in the sources does (an act
  abrogated before the earliest edition lexkb holds has none);
- cannot compare: the article's notes record a change between the report's date and the closest
  edition (the edition's words are not those of the report's day), or lexkb cannot tell which of the
  statute's penalties the report's account is of."""
from __future__ import annotations

import datetime as dt

from ..aggravation import show
from ..index import FINE_UNITS
from .facts import Article, Penalty
from .in_force import Statute, changes_text

KEYS = ("provision", "aspect", "report", "statute", "verdict", "report_source", "statute_source")
VERDICTS = ("agrees", "differs", "not in report", "not in statute", "cannot compare")
ASPECTS = ("existence", "imprisonment", "fine", "additional measures", "victim conditions")

# lexkb's reading of fines in two units (shown with the records it decides, and in full in the notes)
UNIT_READING_ID = "audit-fine-units"
UNIT_READING = (
    "lexkb's reading (audit-fine-units): the report's fines are in 'minimum daily wages' (days of minimum wage), "
    "the statute's in 'días multa': different units, which lexkb neither converts nor equates. A fine's verdict "
    "compares the numbers of days, and both units are shown; a difference in the units' names alone is not counted "
    "as 'differs' (it would be in every fine the report gives for the Code: its English names one unit for all of them). "
    "Alternative reading: count the different unit as a difference, which makes every fine 'differs'.")
UNIT_MARK = "another unit than the report's; numbers compared: lexkb's reading audit-fine-units"
NONE = "none stated"


def record(provision, aspect, report, statute, verdict, report_source, statute_source) -> dict:
    assert verdict in VERDICTS and aspect in ASPECTS
    return dict(zip(KEYS, (provision, aspect, report, statute, verdict, report_source, statute_source)))


def years(r: tuple) -> str:
    return f"{show(r[0])}–{show(r[1])} years"


def fine_text(p: Penalty) -> str:
    if p.fine is None:
        return NONE
    unit = FINE_UNITS.get(p.fine_unit, {}).get("label", p.fine_unit)
    return f"{show(p.fine[0])}–{show(p.fine[1])} {unit}"


def measures_key(p: Penalty) -> list:
    return sorted((m.type, m.mandatory, m.duration) for m in p.measures)


def measures_text(p: Penalty) -> str:
    parts = [f"{m.label} ({'mandatory' if m.mandatory else 'discretionary'}{'; ' + m.duration if m.duration else ''})"
             for m in sorted(p.measures, key=lambda m: m.type)]
    return "; ".join(parts) or NONE


def conditions_text(p: Penalty) -> str:
    return "; ".join(p.conditions[k] for k in sorted(p.conditions)) or "none of the penalty's own (the offence's)"


def report_source(p: Penalty) -> str:
    return "; ".join(p.sources)


def existence(article: Article, st: Statute, day: dt.date) -> dict:
    """The existence record; None for an article the report does not describe and that was not law
    on the day (repealed before it, added after it): there is nothing to set beside the report."""
    described = bool(article.report_sources)
    report = "described" if described else None
    rsource = "; ".join(article.report_sources) if described else None
    if st.status == "no-edition":
        return record(article.label, "existence", report, _no_edition(article, day), "not in statute", rsource, None) \
            if described else None
    if st.status in ("repealed", "not-yet"):
        if not described:
            return None
        value = (f"repealed on {st.since.isoformat()}" if st.status == "repealed" else
                 f"not yet in the statute on {day.isoformat()}")
        return record(article.label, "existence", report, value, "differs", rsource, st.passage)
    if st.existence_changed:
        value = f"{_changed(st)}: whether it stood on {day.isoformat()} is not in the sources"
        return record(article.label, "existence", report, value, "cannot compare", rsource, st.passage)
    if st.since is not None and st.printed:
        value = f"in force: version of {st.since.isoformat()}"
    else:
        value = (f"in force (its words of that day not in the sources; notes up to it: "
                 f"{changes_text([c for c in article.changes if c.date <= day][-3:])})")
    if st.between:
        value += f"; {_changed(st)}"
    return record(article.label, "existence", report, value, "agrees" if described else "not in report",
                  rsource, st.passage)


def penalties(article: Article, st: Statute, day: dt.date) -> list[dict]:
    """Records for each aspect of each penalty the report states for the article, beside the statute's
    penalty of the version in force on the day; then the statute's penalties the report does not state."""
    reported = [p for p in article.penalties if p.version is None]
    out: list[dict] = []
    if st.status == "no-edition":
        for p in reported:
            for aspect, value in _values(p):
                out.append(record(p.provision, aspect, value, _no_edition(article, day), "not in statute",
                                  report_source(p), None))
        return out
    if st.status != "in-force":
        return out  # the existence record says it
    stated = [p for p in article.penalties if p.version is not None and p.version == st.version]
    paired: set = set()
    for p in reported:
        if not st.comparable:
            why = (f"{_changed(st)}: the text in force on {day.isoformat()} is not in the sources" if st.between else
                   f"the version in force on {day.isoformat()} is not printed in the edition of {st.edition[0].isoformat()}")
            for aspect, value in _values(p):
                out.append(record(p.provision, aspect, value, why, "cannot compare", report_source(p), st.passage))
            continue
        match = _match(p, stated)
        if match is None:
            why = ("no penalty in the statute's text of the article" if not stated else
                   "more than one penalty in the statute's text: lexkb cannot tell which the report states")
            verdict = "not in statute" if not stated else "cannot compare"
            for aspect, value in _values(p):
                out.append(record(p.provision, aspect, value, why, verdict, report_source(p), st.passage))
            continue
        paired.add(match.id)
        out += _compare(p, match, st.passage)
    for s in stated:
        if s.id not in paired and article.report_sources and st.comparable:
            for aspect, value in _values(s):
                out.append(record(s.provision, aspect, None, value, "not in report", None, st.passage))
    return out


def _values(p: Penalty) -> list[tuple[str, str]]:
    return [("imprisonment", years(p.imprisonment)), ("fine", fine_text(p)),
            ("additional measures", measures_text(p)), ("victim conditions", conditions_text(p))]


def _match(report: Penalty, stated: list[Penalty]) -> Penalty | None:
    """The statute's penalty the report's account is of: the same offence, then the same provision,
    then the same victim conditions; None when no single one remains."""
    for narrower in (lambda s: s.offence == report.offence,
                     lambda s: s.provision == report.provision,
                     lambda s: set(s.conditions) == set(report.conditions)):
        if len(stated) <= 1:
            break
        kept = [s for s in stated if narrower(s)]
        stated = kept or stated
    if len(stated) == 1 and stated[0].offence == report.offence:
        return stated[0]
    return None


def _compare(r: Penalty, s: Penalty, passage: str) -> list[dict]:
    rs = report_source(r)
    out = [record(r.provision, "imprisonment", years(r.imprisonment), years(s.imprisonment),
                  "agrees" if tuple(r.imprisonment) == tuple(s.imprisonment) else "differs", rs, passage)]
    if r.fine is None and s.fine is None:
        out.append(record(r.provision, "fine", NONE, NONE, "agrees", rs, passage))
    elif r.fine is None or s.fine is None:
        out.append(record(r.provision, "fine", fine_text(r), fine_text(s),
                          "not in report" if r.fine is None else "not in statute", rs, passage))
    else:
        value = fine_text(s) + (f" [{UNIT_MARK}]" if s.fine_unit != r.fine_unit else "")
        out.append(record(r.provision, "fine", fine_text(r), value,
                          "agrees" if tuple(r.fine) == tuple(s.fine) else "differs", rs, passage))
    out.append(record(r.provision, "additional measures", measures_text(r), measures_text(s),
                      _sets(measures_key(r), measures_key(s)), rs, passage))
    out.append(record(r.provision, "victim conditions", conditions_text(r), conditions_text(s),
                      "agrees" if set(r.conditions) == set(s.conditions) else "differs", rs, passage))
    return out


def _sets(report: list, statute: list) -> str:
    """Measures: the same set agrees; one side silent is 'not in' the other; else differs."""
    if report == statute:
        return "agrees"
    if not report:
        return "not in report"
    if not statute:
        return "not in statute"
    return "differs"


def _changed(st: Statute) -> str:
    return (f"changed after {st.day.isoformat()} and before the edition of {st.edition[0].isoformat()} "
            f"({changes_text(st.between)})")


def _no_edition(article: Article, day: dt.date) -> str:
    return f"not in source: no edition of the {article.short}'s text in force on {day.isoformat()} in the sources"
