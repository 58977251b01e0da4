"""Rendering `lexkb penalty` answers: text for people, JSON, CSV (RFC 4180) and Markdown for pipes."""
from __future__ import annotations

import csv
import io
import json

from .aggravation import show

DAYS = "days of minimum wage"


def rng(pair, unit: str) -> str:
    return f"{show(pair[0])}–{show(pair[1])} {unit}"


def as_json(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


def as_text(result: dict) -> str:
    out = []
    if result["on"]:
        out.append(f"As the law stood on {result['on']}:")
    for o in result["results"]:
        es = f" | {o['offence_es']} (es)" if o["offence_es"] else ""
        out.append(f"{o['offence']}{es}  [{o['id']}]")
        out.append(f"  defined in {', '.join(o['defined_in'])}; penalised in {', '.join(o['penalised_in'])}")
        if o["victim_conditions"]:
            out.append(f"  victims: {'; '.join(o['victim_conditions'])}")
        for note in o["notes"]:
            out.append(f"  note: {note}")
        for p in o["penalties"]:
            condition = f" — {p['condition']}" if p["condition"] else ""
            out.append(f"  penalty under {p['provision']}{condition}:")
            out.append(f"    imprisonment  {rng(p['imprisonment_years'], 'years')}")
            out.append(f"    fine          {rng(p['fine_days_wage'], DAYS)}")
            if "effective_imprisonment_years" in p:
                out.append(f"    with {', '.join(o['with'])}:")
                out.append(f"      imprisonment  {rng(p['effective_imprisonment_years'], 'years')}")
                out.append(f"      fine          {rng(p['effective_fine_days_wage'], DAYS)}")
                out.append("      because:")
                out += [f"        {i}. {step}" for i, step in enumerate(p["explanation"], 1)]
            for m in p["additional_measures"]:
                out.append(f"    additional measure: {m}")
        if o["in_force"] is False:
            out.append("  no penalty applies on that date")
        if o["aggravating_factors"]:
            out.append("  aggravating factors (use --with ID):")
            width = max(len(f["id"]) for f in o["aggravating_factors"])
            for f in o["aggravating_factors"]:
                out.append(f"    {f['id']:<{width}}  {f['label']} ({f['provision']}): {f['effect']}")
        else:
            out.append("  aggravating factors: none in source")
        for r in o["rules"]:
            refers = f" (refers to {r['refers_to']})" if r["refers_to"] else ""
            out.append(f"  rule: {r['label']} ({r['provision']}){refers}")
        for a in o["amendments"]:
            victim = " (victim under 18)" if a["victim_condition"] == "under-18" else ""
            applies = "" if "applies" not in a else (" — applies" if a["applies"] else " — does not apply yet")
            out.append(f"  {a['act']}: {a['label']}{victim}, since {a['since']}{applies}; {a['note']} [{a['source']}]")
        if o["opsc_claims"]:
            claims = {}
            for c in o["opsc_claims"]:
                claims.setdefault(c["opsc"], []).append(c["source"].rsplit(", ", 1)[-1])
            out.append("  OPSC, as claimed by the State: " + "; ".join(
                f"{k} ({', '.join(dict.fromkeys(v))})" for k, v in claims.items()))
        else:
            out.append("  OPSC: no mapping claimed in the source")
        out.append(f"  sources: {'; '.join(o['sources'])}")
        out.append("")
    return "\n".join(out)


COLUMNS = ["offence", "offence_es", "provision", "condition", "imprisonment_min", "imprisonment_max",
           "fine_min", "fine_max", "effective_imprisonment_min", "effective_imprisonment_max",
           "effective_fine_min", "effective_fine_max", "additional_measures", "aggravating_factors", "opsc", "sources"]


def rows(result: dict) -> list[dict]:
    out = []
    for o in result["results"]:
        for p in o["penalties"]:
            eff_i = p.get("effective_imprisonment_years", [None, None])
            eff_f = p.get("effective_fine_days_wage", [None, None])
            out.append({
                "offence": o["offence"], "offence_es": o["offence_es"] or "", "provision": p["provision"],
                "condition": p["condition"] or "",
                "imprisonment_min": p["imprisonment_years"][0], "imprisonment_max": p["imprisonment_years"][1],
                "fine_min": p["fine_days_wage"][0], "fine_max": p["fine_days_wage"][1],
                "effective_imprisonment_min": eff_i[0], "effective_imprisonment_max": eff_i[1],
                "effective_fine_min": eff_f[0], "effective_fine_max": eff_f[1],
                "additional_measures": "; ".join(p["additional_measures"]),
                "aggravating_factors": "; ".join(f["id"] for f in o["aggravating_factors"]),
                "opsc": "; ".join(o["opsc"]), "sources": "; ".join(o["sources"]),
            })
    return out


def cell(value) -> str:
    return "" if value is None else show(value) if isinstance(value, (int, float)) else str(value)


def as_csv(result: dict) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)  # RFC 4180: CRLF line ends, quoted where needed
    writer.writeheader()
    for row in rows(result):
        writer.writerow({k: (v if not isinstance(v, (int, float)) else repr(v)) if v is not None else "" for k, v in row.items()})
    return buf.getvalue()


def as_markdown(result: dict) -> str:
    cols = [c for c in COLUMNS if not c.startswith("effective") or any(r[c] is not None for r in rows(result))]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows(result):
        lines.append("| " + " | ".join(cell(row[c]).replace("|", "\\|") for c in cols) + " |")
    return "\n".join(lines) + "\n"


FORMATS = {"text": as_text, "json": as_json, "csv": as_csv, "md": as_markdown}
