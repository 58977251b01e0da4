"""`lexkb show`: one provision with its words, encoding, mappings and provenance (from the index)."""
from __future__ import annotations

from .fine import fine_text

from .aggravation import show
from .errors import LexkbError
from .lookup import find_provisions_read, within


def _typed(label: str) -> str:
    """A provision label as a reader types it: 'ACT art. 6 II' -> 'ACT 6 II'."""
    return label.replace(" art. ", " ", 1)


def _examples(index: dict, n: int = 3) -> list[str]:
    """One provision of each of the first n instruments (by label), as a reader types it."""
    first: dict[str, str] = {}
    for label in sorted(p["label"] for p in index["provisions"].values()):
        short, sep, _ = label.partition(" art. ")
        if sep:
            first.setdefault(short, _typed(label))
    return list(first.values())[:n]


def _or(items: list[str]) -> str:
    quoted = [f"'{i}'" for i in items]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def describe(article: str, index: dict) -> dict:
    found, read_as = find_provisions_read(article, index)
    if not found:
        labels = sorted({p["label"] for p in index["provisions"].values()})
        import difflib

        close = difflib.get_close_matches(article, labels, n=3, cutoff=0.5)
        examples = _examples(index)
        hint = f"; did you mean: {', '.join(close)}?" if close else \
            f"; try {_or(examples)}" if examples else ""
        raise LexkbError(f"no provision matches '{article}'{hint}", exit_code=1)
    if len(found) > 1:
        raise LexkbError(f"'{article}' matches {len(found)} provisions: {', '.join(p['label'] for p in found)}; "
                         f"name the instrument (e.g. '{_typed(found[0]['label'])}')", exit_code=1)
    p = found[0]
    label = p["label"]
    parts = [q for q in index["provisions"].values() if q["parent"] == p["iri"]]
    encoded = {"offences_defined": [], "offences_penalised": [], "penalties": [], "aggravating_factors": [], "rules": []}
    for o in index["offences"]:
        if label in o["defined_in"]:
            encoded["offences_defined"].append(o["offence"])
        if label in o["penalised_in"]:
            encoded["offences_penalised"].append(o["offence"])
        for pen in o["penalties"]:
            if within(pen["provision"], label):
                encoded["penalties"].append({"offence": o["offence"], "provision": pen["provision"],
                                             "condition": pen["condition"],
                                             "imprisonment_years": pen["imprisonment_years"],
                                             "fine_days_wage": pen["fine_days_wage"],
                                             "fine": pen.get("fine"), "fine_unit": pen.get("fine_unit"),
                                             "basis": pen.get("basis"), "source": pen.get("source"),
                                             "additional_measures": pen["additional_measures"]})
        for f in o["aggravating_factors"]:
            if within(f["provision"], label) or within(f["rule_provision"], label):
                entry = {"id": f["id"], "label": f["label"], "provision": f["provision"], "effect": f["effect"]}
                if entry not in encoded["aggravating_factors"]:
                    encoded["aggravating_factors"].append(entry)
        for r in o["rules"]:
            if within(r["provision"], label):
                encoded["rules"].append({"id": r["id"], "label": r["label"], "provision": r["provision"],
                                         "refers_to": r["refers_to"], "victim_conditions": r.get("victim_conditions", [])})
    claimed_by = [{"provision": q["label"], "source": c["source"], "basis": c.get("basis"),
                   "basis_label": c.get("basis_label"), "rationale": c.get("rationale")}
                  for q in index["provisions"].values()
                  for c in q["opsc_claims"] if label.startswith("OPSC art. ") and c["opsc"] == label.removeprefix("OPSC art. ")]
    # readings of this provision and of its parts (lexkb's, not the source's words)
    readings: dict[str, dict] = {}
    for q in index["provisions"].values():
        if q["iri"] == p["iri"] or within(q["label"], label):
            for r in q.get("readings", []):
                readings.setdefault(r["id"], r)
    return {
        "query": article,
        "read_as": None if read_as is None else {"provision": label, "reading": read_as},
        "provision": label,
        "iri": p["iri"],
        "coverage": p["coverage"],
        "text": p["text"] or (p["description"] if p["description"] else None),
        "text_kind": "quoted from the source" if p["text"] else ("description (not the treaty text)" if p["description"] else "not in source"),
        "parts": [{"provision": q["label"], "text": q["text"] or q["description"]} for q in parts],
        "encoding": encoded,
        "opsc_claims": p["opsc_claims"],
        "claimed_by": claimed_by,
        "readings": [readings[k] for k in sorted(readings)],
        "sources": p["sources"],
    }


def render(d: dict) -> str:
    from .penalty_format import claim_lines, para, reading_lines

    out = [d["provision"], f"  {d['iri']}"]
    if d.get("read_as"):
        out.append(f"  read '{d['query']}' as {d['read_as']['provision']}: {d['read_as']['reading']}")
    if d["coverage"] == "not-in-source":
        out.append("  not in source: the source document does not describe this provision")
    if d["text"]:
        out.append(f"  text ({d['text_kind']}):")
        out += [f"    {line}" for line in d["text"].splitlines()]
    for part in d["parts"]:
        out.append(f"  {part['provision']}: {part['text'] or 'not in source'}")
    e = d["encoding"]
    if e["offences_defined"]:
        out.append(f"  defines: {'; '.join(e['offences_defined'])}")
    if e["offences_penalised"]:
        out.append(f"  penalises: {'; '.join(e['offences_penalised'])}")
    for pen in e["penalties"]:
        cond = f" ({pen['condition']})" if pen["condition"] else ""
        out.append(f"  penalty {pen['provision']}{cond}: imprisonment {show(pen['imprisonment_years'][0])}–"
                   f"{show(pen['imprisonment_years'][1])} years, fine {fine_text(pen)}")
        out += [f"    additional measure: {m}" for m in pen["additional_measures"]]
    for f in e["aggravating_factors"]:
        out.append(f"  aggravating factor {f['id']} ({f['provision']}): {f['label']}; {f['effect']}")
    for r in e["rules"]:
        out.append(f"  rule ({r['provision']}): {r['label']}" + (f"; refers to {r['refers_to']}" if r["refers_to"] else "")
                   + (f"; victims: {'; '.join(c['label'] for c in r['victim_conditions'])}" if r.get("victim_conditions") else ""))
    out += [line.replace("  OPSC ", "  implements OPSC ", 1) for line in claim_lines(d["opsc_claims"])]
    grouped: dict[str, dict] = {}
    for c in d["claimed_by"]:
        grouped.setdefault(c["provision"], dict(c, paras=[]))["paras"].append(para(c["source"]))
    for domestic, c in grouped.items():
        why = f": {c['rationale']}" if c.get("rationale") and c.get("basis") != "stated" else ""
        out.append(f"  claimed as implemented by {domestic} [{', '.join(c['paras'])}] — basis: "
                   f"{c.get('basis_label') or 'basis not recorded'}{why}")
    out += reading_lines(d.get("readings", []))
    out.append(f"  sources: {'; '.join(d['sources'])}")
    return "\n".join(out) + "\n"
