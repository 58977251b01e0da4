"""What the knowledge base holds, as text for people."""
from __future__ import annotations

from .fine import fine_text


def fmt_number(x) -> str:
    return f"{x:,}" if isinstance(x, int) else f"{x:,.1f}"


def fmt_range(pair, unit: str) -> str:
    lo, hi = pair
    return f"{fmt_number(lo)}–{fmt_number(hi)} {unit}"


def render_summary(summary: dict) -> str:
    counts = summary.get("counts", {})
    lines = [
        f"lexkb knowledge base: {summary.get('triples', '?'):,} triples from {summary.get('provision_files', '?')} provision files",
        "  " + ", ".join(f"{n} {name}" for name, n in sorted(counts.items())),
        "",
        "Offences and penalties (imprisonment; fine in the unit its source states: 'days' are the State's report's "
        "days of minimum wage; [statute] marks the statute's penalty):",
    ]
    for o in summary.get("offences", []):
        cites = ", ".join(dict.fromkeys(o["defined_in"] + o["penalised_in"]))
        lines.append(f"  {o['offence']} [{o['id']}] ({cites})")
        for p in o["penalties"]:
            fine = fmt_range(p['fine_days_wage'], 'days') if p.get("fine_days_wage") else fine_text(p)
            lines.append(f"    {p['provision']}: {fmt_range(p['imprisonment_years'], 'years')}, {fine}"
                         + (f" [{p['basis']}]" if p.get("basis") == "statute" else ""))
    if summary.get("not_in_source"):
        lines += ["", "In the range but not in source: " + ", ".join(summary["not_in_source"])]
    return "\n".join(lines)
