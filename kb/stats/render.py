"""Rows of dicts -> text (aligned columns, for people) | json | csv (RFC 4180) | md."""
from __future__ import annotations

import csv
import io
import json
import re

FORMATS = ("text", "json", "csv", "md")


_PARA = re.compile(r", (paras?\. \d+)$")


def _text(value, short: bool = False) -> str:
    """A cell as text; a list (the `sources` of a row) joined by '; ', each passage as 'para. N' when short
    (text and md, as the tables print them) and in full otherwise (csv, as json gives them)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_PARA.search(x).group(1) if short and _PARA.search(x) else str(x) for x in value)
    return str(value)


def render(rows: list[dict], columns: list[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        from ..escape import csv_text

        writer.writerows([[csv_text(_text(r[c])) if isinstance(r.get(c), (str, list)) else _text(r.get(c)) for c in columns]
                          for r in rows])
        return out.getvalue()
    if fmt == "md":
        def cell(value) -> str:
            return _text(value, short=True).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
        lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        lines += ["| " + " | ".join(cell(r.get(c)) for c in columns) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    widths = [max([len(c)] + [len(_text(r.get(c), True)) for r in rows]) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines += ["  ".join(_text(r.get(c), True).ljust(w) for c, w in zip(columns, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"
