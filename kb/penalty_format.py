"""Rendering `lexkb penalty` answers: text for people, JSON, CSV (RFC 4180) and Markdown for pipes."""
from __future__ import annotations

import csv
import io
import json

from .aggravation import show
from .escape import csv_text, md_escape
from .sanction import COMMUNITY_WORK_UNIT, community_work_text, prison_text

DAYS = "days of minimum wage"
BASIS = {"statute": "the statute", "state-report": "the State's report"}


def fine_line(fine, unit: dict | None) -> str:
    return rng(fine, unit["label"]) if fine is not None else "none in source"


def prison_line(years) -> str:
    return rng(years, "years") if years is not None else "none in source"


def source_line(p: dict) -> str:
    """Where a penalty variant comes from: the statute edition and article, or the State's report."""
    dates = ""
    if p.get("valid_from"):
        dates = f"; version of {p['valid_from']}" + (f", until {p['valid_until']}" if p.get("valid_until") else "")
    return f"{BASIS.get(p.get('basis'), p.get('basis'))}: {p.get('source') or 'not in source'}{dates}"


def rng(pair, unit: str) -> str:
    return f"{show(pair[0])}–{show(pair[1])} {unit}"


def as_json(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


def para(source: str) -> str:
    return source.rsplit(", ", 1)[-1]


def claim_lines(claims: list[dict], indent: str = "  ") -> list[str]:
    """One line per claimed OPSC paragraph and domestic provision: the paragraphs that make the
    claim and its basis, with the rationale of an inferred or editorial one."""
    grouped: dict[tuple, dict] = {}
    for c in claims:
        g = grouped.setdefault((c["opsc"], c.get("provision")), dict(c, paras=[]))
        g["paras"].append(para(c["source"]))
    out = []
    for (opsc, provision), c in grouped.items():
        who = f" by {provision}" if provision else ""
        basis = c.get("basis_label") or "basis not recorded"
        why = f": {c['rationale']}" if c.get("rationale") and c.get("basis") != "stated" else ""
        # lexkb's own mapping is never shown as the State's claim
        whose = "as lexkb reads it (not a claim of the State)" if c.get("basis") == "editorial" else "as the State claims"
        out.append(f"{indent}OPSC {opsc}, {whose}{who} [{', '.join(dict.fromkeys(c['paras']))}] — "
                   f"basis: {basis}{why}")
    return out


def reading_lines(readings: list[dict], indent: str = "  ") -> list[str]:
    out = []
    for r in readings:
        out.append(f"{indent}lexkb's reading [{r['id']}] ({r['basis_label']}), not the source's words: {r['reading']}")
        words = "; ".join(f"\"{w}\"" for w in r["rests_on"])
        out.append(f"{indent}  rests on: {words} [{', '.join(para(s) for s in r['sources'])}]")
        out.append(f"{indent}  alternative: {r['alternative']}")
        if r.get("rationale"):
            out.append(f"{indent}  why: {r['rationale']}")
    return out


def reading_cell(readings: list[dict]) -> str:
    return " | ".join(f"{r['id']} ({r['basis']}): {r['reading']} Rests on: "
                      + "; ".join(f"\"{w}\"" for w in r["rests_on"])
                      + f" [{', '.join(para(s) for s in r['sources'])}]. Alternative: {r['alternative']}"
                      + (f" Why: {r['rationale']}" if r.get("rationale") else "") for r in readings)


def as_text(result: dict) -> str:
    out = []
    if result["on"]:
        out.append(f"As the law stood on {result['on']}:")
    for o in result["results"]:
        es = f" | {o['offence_es']} (es)" if o["offence_es"] and o["offence_es"] != o["offence"] else ""
        out.append(f"{o['offence']}{es}  [{o['id']}]")
        out.append(f"  defined in {', '.join(o['defined_in'])}; penalised in {', '.join(o['penalised_in'])}")
        if o["victim_conditions"]:
            out.append(f"  victims: {'; '.join(c['label'] for c in o['victim_conditions'])}")
        if o.get("circumstances"):
            out.append(f"  circumstances: {'; '.join(o['circumstances'])}")
        if o.get("relationships"):
            out.append(f"  relationships: {'; '.join(o['relationships'])}")
        for note in o["notes"]:
            out.append(f"  note: {note}")
        for p in o["penalties"]:
            condition = f" — {p['condition']}" if p["condition"] else ""
            out.append(f"  penalty under {p['provision']}{condition}:")
            out.append(f"    source        {source_line(p)}")
            out.append(f"    imprisonment  {prison_text(p)}")
            out.append(f"    fine          {fine_line(p['fine'], p['fine_unit'])}")
            if p.get("community_work") is not None:
                out.append(f"    community work  {community_work_text(p)}")
            if "effective_imprisonment_years" in p:
                out.append(f"    with {', '.join(o['with'])}:")
                out.append(f"      imprisonment  {prison_line(p['effective_imprisonment_years'])}")
                out.append(f"      fine          {fine_line(p['effective_fine'], p['fine_unit'])}")
                out.append("      because:")
                out += [f"        {i}. {step}" for i, step in enumerate(p["explanation"], 1)]
            for m in p["additional_measures"]:
                out.append(f"    additional measure: {m}")
        off = o.get("not_in_force")
        if off:
            out.append("  no penalty applies on that date")
            out.append(f"  not in force on {off['on']}, so none of this applies (shown for reference):")
            out.append(f"    penalties under {', '.join(off['penalties'])}")
            if off["aggravating_factors"]:
                out.append(f"    aggravating factors: {', '.join(f['id'] for f in off['aggravating_factors'])}")
            for r in off["rules"]:
                out.append(f"    rule: {r['label']} ({r['provision']})")
            out += claim_lines(off["opsc_claims"], "    ")
        elif o["aggravating_factors"]:
            out.append("  aggravating factors (use --with ID):")
            width = max(len(f["id"]) for f in o["aggravating_factors"])
            for f in o["aggravating_factors"]:
                out.append(f"    {f['id']:<{width}}  {f['label']} ({f['provision']}): {f['effect']}")
        else:
            out.append("  aggravating factors: none in source")
        for r in o["rules"]:
            refers = f" (refers to {r['refers_to']})" if r["refers_to"] else ""
            victims = f"; victims: {'; '.join(c['label'] for c in r['victim_conditions'])}" if r.get("victim_conditions") else ""
            out.append(f"  rule: {r['label']} ({r['provision']}){refers}{victims}")
        for a in o["amendments"]:
            victim = f" (victim: {'; '.join(c['label'] for c in a['victim_conditions'])})" if a["victim_conditions"] else ""
            applies = "" if "applies" not in a else (" — applies" if a["applies"] else " — does not apply yet")
            out.append(f"  {a['act']}: {a['label']}{victim}, since {a['since']}{applies}; {a['note']} [{a['source']}]")
        if o["opsc_claims"]:
            out += claim_lines(o["opsc_claims"])
        elif not off:
            out.append("  OPSC: no mapping claimed in the source")
        out += reading_lines(o.get("readings", []))
        out.append(f"  sources: {'; '.join(o['sources'])}")
        out.append("")
    return "\n".join(out)


COLUMNS = ["offence", "offence_es", "provision", "condition", "basis", "source", "valid_from", "valid_until",
           "imprisonment_min", "imprisonment_max", "fine_min", "fine_max", "fine_unit", "effective_imprisonment_min", "effective_imprisonment_max",
           "effective_fine_min", "effective_fine_max", "additional_measures", "aggravating_factors", "opsc", "opsc_basis",
           "in_force", "in_force_basis", "continues", "readings", "sources",
           # appended, so that the columns before them keep their places; Markdown shows them only when a row has them
           "community_work_min", "community_work_max", "community_work_unit"]


def rows(result: dict) -> list[dict]:
    out = []
    for o in result["results"]:
        off = o.get("not_in_force")
        claims = o["opsc_claims"] if not off else off["opsc_claims"]
        common = {
            "opsc": "; ".join(o["opsc"] if not off else off["opsc"]),
            "opsc_basis": "; ".join(dict.fromkeys(
                f"{c['opsc']} ({c['provision']}): {c['basis'] or 'not recorded'}"
                + (f" ({c['rationale']})" if c.get("rationale") and c["basis"] != "stated" else "") for c in claims)),
            "in_force": "" if o["in_force"] is None else str(o["in_force"]).lower(),
            "in_force_basis": o.get("in_force_basis") or "",
            "readings": reading_cell(o.get("readings", [])),
            # an answer that rests on lexkb's reading of succession, not on the sources' words
            "continues": (f"{o['continues']['id']}, by lexkb's reading {o['continues']['reading']} "
                          f"({o['continues']['basis']})") if o.get("continues") else "",
        }
        if off:
            out.append(dict({c: None for c in COLUMNS}, offence=o["offence"], offence_es=o["offence_es"] or "",
                            provision="; ".join(off["penalties"]),
                            condition=off["reason"], additional_measures="",
                            aggravating_factors="; ".join(f["id"] for f in off["aggravating_factors"]),
                            sources="; ".join(o["sources"]), **common))
        for p in o["penalties"]:
            eff_i = p.get("effective_imprisonment_years") or [None, None]
            eff_f = p.get("effective_fine") or [None, None]
            fine = p["fine"] or [None, None]
            prison = p["imprisonment_years"] or [None, None]
            work = p.get("community_work") or [None, None]
            out.append({
                "offence": o["offence"], "offence_es": o["offence_es"] or "", "provision": p["provision"],
                "condition": p["condition"] or "",
                "basis": p["basis"], "source": p["source"] or "", "valid_from": p["valid_from"] or "",
                "valid_until": p["valid_until"] or "",
                "imprisonment_min": prison[0], "imprisonment_max": prison[1],
                "fine_min": fine[0], "fine_max": fine[1], "fine_unit": (p["fine_unit"] or {}).get("id", ""),
                "community_work_min": work[0], "community_work_max": work[1],
                "community_work_unit": COMMUNITY_WORK_UNIT if p.get("community_work") is not None else "",
                "effective_imprisonment_min": eff_i[0], "effective_imprisonment_max": eff_i[1],
                "effective_fine_min": eff_f[0], "effective_fine_max": eff_f[1],
                "additional_measures": "; ".join(p["additional_measures"]),
                "aggravating_factors": "; ".join(f["id"] for f in o["aggravating_factors"]),
                "sources": "; ".join(o["sources"]), **common,
            })
    return out


def cell(value) -> str:
    return "" if value is None else show(value) if isinstance(value, (int, float)) else str(value)


def as_csv(result: dict) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)  # RFC 4180: CRLF line ends, quoted where needed
    writer.writeheader()
    for row in rows(result):
        writer.writerow({k: (csv_text(v) if not isinstance(v, (int, float)) else repr(v)) if v is not None else ""
                         for k, v in row.items()})
    return buf.getvalue()


def as_markdown(result: dict) -> str:
    cols = [c for c in COLUMNS if not c.startswith(("effective", "community_work")) or any(r[c] not in (None, "") for r in rows(result))]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows(result):
        lines.append("| " + " | ".join(md_escape(cell(row[c])) for c in cols) + " |")
    return "\n".join(lines) + "\n"


FORMATS = {"text": as_text, "json": as_json, "csv": as_csv, "md": as_markdown}
