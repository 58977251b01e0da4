"""The answer to `lexkb penalty`: offences with their penalties, factors, mappings and sources,
as the law stood on a date, with aggravations applied and explained. Stdlib only."""
from __future__ import annotations

import datetime as dt

from .aggravation import effective
from .errors import LexkbError
from .lookup import Match, resolve, within
from .validity import holds, silent_note, version_note

def reported(offence: dict) -> str:
    """'as reported by the State in DOCUMENT (YEAR)': the documents of the offence's report-based penalties."""
    docs = list(dict.fromkeys(f"{p['document']} ({p['document_date'][:4]})" if p.get("document_date") else p["document"]
                              for p in offence["penalties"] if p.get("basis") != "statute" and p.get("document")))
    return f"as reported by the State in {', '.join(docs)}" if docs else "as the sources report them"


def parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise LexkbError(f"--on {text!r}: not a date; use YYYY-MM-DD, e.g. --on 2011-01-01") from None


FROM_PUBLICATION = "inferred from publication dates; dates of entry into force not in source"


def in_force(offence: dict, index: dict, on: dt.date | None) -> dict:
    """Whether the offence's instrument was in force on `on`, from publication dates, with notes.
    `in_force_basis` says, next to the answer, how it was reached: inferred from publication dates
    (the sources give no date of entry into force), or "not in source" where they give no date."""
    inst = index["instruments"][offence["instrument"]]
    notes = []
    published = inst.get("date_publication")
    repealed = inst.get("repealer_date_publication")
    if published:
        notes.append(f"{inst['short']} published {published}"
                     + (f"; abrogated by the {inst['repealed_by']}, published {repealed}" if inst.get("repealed_by") else "")
                     + "; dates of entry into force not in source, publication dates used")
    else:
        notes.append(f"{inst['short']} dates not in source: provisions {reported(offence)}")
    status = basis = None
    if on is not None:
        basis = FROM_PUBLICATION if published else "not in source"
        if published and on < dt.date.fromisoformat(published):
            status = False
            notes.insert(0, f"not in force on {on} ({FROM_PUBLICATION}): {inst['short']} was published on {published}")
        elif repealed and on >= dt.date.fromisoformat(repealed):
            status = False
            notes.insert(0, f"not in force on {on} ({FROM_PUBLICATION}): {inst['short']} was abrogated by the "
                            f"{inst['repealed_by']}, published {repealed}")
        elif published:
            status = True
            notes.insert(0, f"in force on {on} ({FROM_PUBLICATION}): {inst['short']} published {published}"
                            + (f"; abrogated by the {inst['repealed_by']}, published {repealed}" if repealed else ""))
        else:
            notes.insert(0, f"whether this text was in force on {on} is not in source ({reported(offence)})")
    statute = [p for p in offence.get("penalties", []) if p.get("basis") == "statute"]
    if statute and not published:
        return statute_in_force(offence, inst, statute, on)
    return {"in_force": status, "in_force_basis": basis, "notes": notes}


FROM_VERSIONS = "from the dates of the article's versions (journal publication of each decree); entry into force not in source"


def statute_in_force(offence: dict, inst: dict, statute: list[dict], on: dt.date | None) -> dict:
    """In force on `on` from the statute's versions: an offence whose article has a version holding
    that day is in force; before the earliest version lexkb holds, the sources are silent."""
    beside = [p for p in offence["penalties"] if p.get("basis") != "statute"]
    notes = [f"{inst['short']}: the statute's text by edition, today's law from the latest"
             + (f"; beside it the State's account, {reported(offence)}, undated" if beside else "")]
    if on is None:
        return {"in_force": None, "in_force_basis": None, "notes": notes}
    earliest = min(p["valid_from"] for p in statute)
    if any(holds(p, on) for p in statute):
        notes.insert(0, f"in force on {on} ({FROM_VERSIONS})")
        return {"in_force": True, "in_force_basis": FROM_VERSIONS, "notes": notes}
    if on < dt.date.fromisoformat(earliest):
        notes.insert(0, f"whether this offence was in force on {on} is not in source: the earliest version lexkb "
                        f"holds is of {earliest}")
        return {"in_force": None, "in_force_basis": "not in source", "notes": notes}
    notes.insert(0, f"not in force on {on} ({FROM_VERSIONS}): no version of its articles holds that day")
    return {"in_force": False, "in_force_basis": FROM_VERSIONS, "notes": notes}


def _earliest(entries: list[dict], key: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in entries:
        out[e[key]] = min(out.get(e[key], e["valid_from"]), e["valid_from"])
    return out


def amendment_status(amendment: dict, on: dt.date | None) -> dict:
    since = dt.date.fromisoformat(amendment["date"])
    entry = {"kind": amendment["kind"], "label": amendment["label"], "act": amendment["act"], "since": amendment["date"],
             "victim_conditions": amendment["victim_conditions"], "source": amendment["source"],
             "note": "dated from publication; entry into force not in source"}
    if on is not None:
        entry["applies"] = on >= since
        if on < since:
            entry["note"] = f"not yet on {on} (decree published {amendment['date']}); the status before the decree is not in source"
    return entry


def resolve_factors(offence: dict, factor_ids: list[str], on: dt.date | None = None,
                    other_versions: list[dict] = ()) -> list[dict]:
    """The factors named, from those that hold on `on`; a factor of another version of the article is refused with
    the dates of the version that states it."""
    known = {f["id"]: f for f in offence["aggravating_factors"]}
    unknown = [f for f in factor_ids if f not in known]
    if unknown:
        applicable = ", ".join(known) if known else "none"
        elsewhere = next((f for f in other_versions if f["id"] == unknown[0]), None)
        if elsewhere is not None:
            until = elsewhere.get("valid_until")
            when = f"on {on}" if on is not None else "in today's law (the latest version; give --on DATE for another day)"
            raise LexkbError(f"--with {unknown[0]}: an aggravating factor of {offence['offence']} only in the version of "
                             f"{elsewhere['provision']} from {elsewhere['valid_from']} "
                             f"{f'until {until}' if until else 'on'}, not {when}; factors that apply: {applicable}")
        raise LexkbError(f"--with {unknown[0]}: not an aggravating factor of {offence['offence']} "
                         f"({', '.join(offence['penalised_in'])}); factors that apply: {applicable}")
    return [known[f] for f in dict.fromkeys(factor_ids)]


def offence_result(offence: dict, index: dict, match: Match, factor_ids: list[str], on: dt.date | None) -> dict:
    # the rules of a statute's article version hold while that version does, like its penalties
    all_factors = [f for f in offence["aggravating_factors"] if f.get("basis") == "statute"]
    offence = dict(offence, aggravating_factors=[f for f in offence["aggravating_factors"] if holds(f, on)],
                   rules=[r for r in offence["rules"] if holds(r, on)],
                   penalties=sorted(offence["penalties"], key=lambda p: p.get("basis") != "statute"))
    factors = resolve_factors(offence, factor_ids, on, all_factors)
    force = in_force(offence, index, on)
    penalties = []
    off = force["in_force"] is False
    statute_seen: dict[str, str] = {}  # provision -> earliest version date, for what holds on no date
    statute_held: set[str] = set()
    for p in offence["penalties"]:
        if match.provision_filter and not within(p["provision"], match.provision_filter):
            continue
        if p.get("basis") == "statute":
            statute_seen[p["provision"]] = min(statute_seen.get(p["provision"], p["valid_from"]), p["valid_from"])
            if not holds(p, on):
                continue
            statute_held.add(p["provision"])
            note = version_note(p, on)
            if note not in force["notes"]:
                force["notes"].append(note)
        if not off:
            entry = {k: p.get(k) for k in ("provision", "condition", "imprisonment_years", "fine", "fine_unit",
                                           "fine_days_wage", "community_work", "additional_measures", "victim_conditions", "basis",
                                           "source", "valid_from", "valid_until")}
            entry["text"] = p["text"]
            if factor_ids:
                applying = [f for f in factors if p["id"] in f["applies_to"]]
                prison, fine, steps = effective(p, applying)
                if not applying:
                    steps.append("None of the selected factors applies to this variant: the range is unchanged.")
                entry["effective_imprisonment_years"] = prison
                entry["effective_fine"] = fine
                entry["effective_fine_days_wage"] = fine if p.get("fine_days_wage") is not None else None
                entry["explanation"] = steps
                entry["additional_measures"] = entry["additional_measures"] + [
                    f"{m} [{f['provision']}]" for f in applying for m in f["additional_measures"]]
            penalties.append(entry)
    if on is not None:
        force["notes"].extend(silent_note(prov, earliest, on) for prov, earliest in statute_seen.items()
                              if prov not in statute_held)
        # a statute's aggravating rule whose article has versions, none holding that day
        held_rules = {f["rule_provision"] for f in offence["aggravating_factors"]}
        for prov, earliest in _earliest(all_factors, "rule_provision").items():
            if prov not in held_rules:
                force["notes"].append(f"{prov}: no version lexkb holds that aggravates this offence is in force on {on} "
                                      f"(the earliest that does is of {earliest}): its aggravation on that date is not "
                                      "in source")
    law = {
        "aggravating_factors": [{k: f[k] for k in ("id", "label", "provision", "effect", "rule_provision", "applies_to")}
                                for f in offence["aggravating_factors"]],
        "rules": [{k: r[k] for k in ("id", "label", "provision", "refers_to", "victim_conditions")} for r in offence["rules"]],
        "opsc": offence["opsc"],
        "opsc_claims": [{k: c[k] for k in ("provision", "opsc", "source", "basis", "basis_label", "rationale")}
                        for c in offence["opsc_claims"]],
    }
    result = {
        "offence": offence["offence"],
        "offence_es": offence["offence_es"],
        "id": offence["id"],
        "iri": offence["iri"],
        "aliases": offence["aliases"],
        "defined_in": offence["defined_in"],
        "penalised_in": offence["penalised_in"],
        "victim_conditions": offence["victim_conditions"],
        "conduct": offence["conduct"],
        "circumstances": offence.get("circumstances", []),
        "relationships": offence.get("relationships", []),
        "in_force": force["in_force"],
        "in_force_basis": force["in_force_basis"],
        "notes": force["notes"],
        "penalties": penalties,
        "with": factor_ids,
        "amendments": [amendment_status(a, on) for a in offence["amendments"]],
        "sources": offence["sources"],
        "readings": offence.get("readings", []),
    }
    # not in force on the date: the law's factors, rules and claims are not listed as applying; they
    # are kept, marked as such, under not_in_force
    result.update({k: ([] if off else v) for k, v in law.items()})
    result["not_in_force"] = None if not off else dict(
        on=on.isoformat(), reason=force["notes"][0],
        penalties=[p["provision"] for p in offence["penalties"]
                   if not match.provision_filter or within(p["provision"], match.provision_filter)], **law)
    return result


def result_with_factors(offence: dict, index: dict, match: Match, factor_ids: list[str],
                        on: dt.date | None) -> tuple[dict, LexkbError | None]:
    """The offence's answer with the --with factors; when it has none of them, its answer without
    them and the refusal (the caller decides whether that is an error or a note)."""
    try:
        return offence_result(offence, index, match, factor_ids, on), None
    except LexkbError as exc:
        return offence_result(offence, index, match, [], on), exc


def successor_results(match: Match, results: list[dict], index: dict, factor_ids: list[str], on: dt.date) -> list[dict]:
    """For an offence not in force on the date, the offences that lexkb reads as continuing it after
    its act's abrogation (a reading of succession) and that are in force then: each answered for the
    date, marked as resting on that reading (`continues`, and the first note)."""
    out = []
    shown = {o["iri"] for o in match.offences}
    by_iri = {o["iri"]: o for o in index["offences"]}
    for offence, result in zip(match.offences, results):
        if result["in_force"] is not False:
            continue
        for s in offence.get("successors", []):
            later = by_iri.get(s["iri"])
            if later is None or later["iri"] in shown:
                continue
            # a factor of the earlier offence that the later one does not have is not applied to it
            entry, refused = result_with_factors(later, index, Match(offences=[later]), factor_ids, on)
            notes = [] if refused is None else [f"--with not applied to {later['id']}: {refused}"]
            if entry["in_force"] is False:
                continue
            reading = next(r for r in later["readings"] if r["id"] == s["reading"])
            entry["continues"] = {"id": offence["id"], "offence": offence["offence"], "reading": reading["id"],
                                  "basis": reading["basis"]}
            entry["notes"] = [f"answered for {offence['id']} by lexkb's reading ({reading['basis']}), not the "
                              f"sources' words: {reading['reading']}"] + notes + entry["notes"]
            shown.add(later["iri"])
            out.append(entry)
    return out


def answer(query: str, index: dict, factor_ids: list[str], on_text: str | None,
           match: Match | None = None) -> tuple[dict, Match]:
    """match: the query already resolved on this index (kbfile.load_lookup_index), else resolved here."""
    on = parse_date(on_text)
    match = resolve(query, index) if match is None else match
    results, refused = [], None
    for o in match.offences:
        entry, exc = result_with_factors(o, index, match, factor_ids, on)
        if exc is not None:
            # a factor of the offence that continues this one (lexkb's reading of succession), asked
            # for on a day this one is not in force: this one is answered without it
            if on is None or not o.get("successors") or entry["in_force"] is not False:
                raise exc
            entry["notes"].append(f"--with not applied to {o['id']}: {exc}")
            refused = exc
        results.append(entry)
    if on is not None:
        later = successor_results(match, results, index, factor_ids, on)
        if refused is not None and not any(r["with"] for r in later):
            raise refused
        results += later
    result = {"query": query, "on": on.isoformat() if on else None, "results": results}
    if match.candidates:
        result["candidates"] = [{"id": o["id"], "offence": o["offence"], "offence_es": o["offence_es"],
                                 "defined_in": o["defined_in"], "penalised_in": o["penalised_in"]}
                                for o in match.candidates]
    if match.not_in_source:
        result["not_in_source"] = match.not_in_source["label"]
        result["not_in_source_sources"] = match.not_in_source.get("sources", [])
    if match.repealed:
        result["repealed"] = {"provision": match.repealed["label"], "on": match.repealed["repealed_on"],
                              "sources": match.repealed.get("sources", [])}
    if match.suggestions:
        result["suggestions"] = match.suggestions
    if factor_ids and not match.offences:
        raise LexkbError(f"--with needs a query that names one offence; {no_result_message(query, result)}", exit_code=1)
    return result, match


def no_result_message(query: str, result: dict) -> str:
    if "repealed" in result:
        r = result["repealed"]
        latest = f" ('Derogado', {r['sources'][-1]})" if r["sources"] else ""
        return f"{r['provision']} was repealed by a decree published on {r['on']}{latest}: it defines no offence"
    if "not_in_source" in result:
        cited = "; ".join(result.get("not_in_source_sources") or []) or "the sources"
        return f"{result['not_in_source']} is not described by {cited}: not in source"
    if "candidates" in result:
        return f"'{query}' matches {len(result['candidates'])} offences; be more specific"
    suggestion = f"; did you mean: {', '.join(result['suggestions'])}?" if result.get("suggestions") else ""
    return f"no offence matches '{query}'{suggestion}"
