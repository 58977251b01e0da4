"""Rows of dicts -> table | json | csv (RFC 4180) | md."""
from __future__ import annotations

import csv
import io
import json

FORMATS = ("table", "json", "csv", "md")


def _text(value) -> str:
    return "" if value is None else str(value)


def render(rows: list[dict], columns: list[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        from ..escape import csv_text

        writer.writerows([[csv_text(r[c]) if isinstance(r.get(c), str) else _text(r.get(c)) for c in columns]
                          for r in rows])
        return out.getvalue()
    if fmt == "md":
        def cell(value) -> str:
            return _text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
        lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        lines += ["| " + " | ".join(cell(r.get(c)) for c in columns) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    widths = [max([len(c)] + [len(_text(r.get(c))) for r in rows]) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines += ["  ".join(_text(r.get(c)).ljust(w) for c, w in zip(columns, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"
