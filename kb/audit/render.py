"""The audit's records as text (also called table; for people: aligned columns, then the notes), md (a GitHub table,
then the notes), csv (RFC 4180, a header of the record's keys) or json (an array of flat records with
exactly the keys of lexkb.audit.verdicts.KEYS; kb/schemas/audit.schema.json). Every format carries
lexkb's reading of fine units in the fine records it decides; table and md give it in full below."""
from __future__ import annotations

import csv
import io
import json

from ..escape import csv_text, md_escape
from .verdicts import KEYS

FORMATS = ("text", "md", "csv", "json")
ALIASES = {"table": "text"}  # the human format's other name, as in penalty, show, query and stats
EMPTY = "—"
HEADERS = {"provision": "Provision", "aspect": "Aspect", "report": "Report", "report_source": "Report source",
           "statute": "Statute", "statute_source": "Statute source", "verdict": "Verdict"}
HUMAN = ("provision", "aspect", "report", "report_source", "statute", "statute_source", "verdict")


def render(audit, fmt: str) -> str:
    return {"text": to_table, "md": to_markdown, "csv": to_csv, "json": to_json}[ALIASES.get(fmt, fmt)](audit)


def to_json(audit) -> str:
    return json.dumps([{k: r[k] for k in KEYS} for r in audit.records], ensure_ascii=False, indent=1) + "\n"


def to_csv(audit) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(KEYS)
    for r in audit.records:
        w.writerow(["" if r[k] is None else csv_text(r[k]) for k in KEYS])
    return buf.getvalue()


def to_markdown(audit) -> str:
    lines = ["| " + " | ".join(HEADERS[k] for k in HUMAN) + " |", "|" + "|".join("---" for _ in HUMAN) + "|"]
    for r in audit.records:
        lines.append("| " + " | ".join(md_escape(r[k]) if r[k] is not None else EMPTY for k in HUMAN) + " |")
    if not audit.records:
        lines.append("| " + " | ".join([EMPTY] * len(HUMAN)) + " |")
    lines += ["", "Notes:", ""] + [f"- {md_escape(n, md_special())}" for n in audit.notes]
    return "\n".join(lines) + "\n"


def md_special() -> str:
    from ..escape import MD_SPECIAL

    return MD_SPECIAL.replace("`", "")


WRAP = {"provision": 16, "aspect": 19, "report": 30, "report_source": 34, "statute": 30, "statute_source": 30,
        "verdict": 14}  # the widest a column of the table format gets; longer cells wrap onto more lines


def to_table(audit) -> str:
    import textwrap

    def cells(values: list[str]) -> list[list[str]]:
        return [textwrap.wrap(v, WRAP[k], break_on_hyphens=False) or [""] for k, v in zip(HUMAN, values)]

    rows = [cells([HEADERS[k] for k in HUMAN])] + [cells([r[k] if r[k] is not None else EMPTY for k in HUMAN])
                                                  for r in audit.records]
    widths = [max(len(line) for row in rows for line in row[i]) for i in range(len(HUMAN))]

    def lines(row) -> list[str]:
        return ["  ".join((c[n] if n < len(c) else "").ljust(w) for c, w in zip(row, widths)).rstrip()
                for n in range(max(len(c) for c in row))]

    out = lines(rows[0]) + ["  ".join("-" * w for w in widths)]
    for row in rows[1:]:
        out += lines(row)
    verdicts: dict = {}
    for r in audit.records:
        verdicts[r["verdict"]] = verdicts.get(r["verdict"], 0) + 1
    out += ["", f"{len(audit.records)} record(s): " + ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items())), ""]
    out += [f"- {n}" for n in audit.notes]
    return "\n".join(out) + "\n"
