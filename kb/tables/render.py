"""A Table as Markdown (GitHub-flavoured), CSV (RFC 4180), JSON, LaTeX (booktabs) or a standalone
accessible HTML page rendered from the Markdown with markdown-it-py.

Numbers are exact: integers and Decimals print as they are (1,000 and 13.5; in Spanish 1000 and
13,5, the thousands grouped by a space from five digits, as the RAE recommends); a ratio that is
not a terminating decimal prints as a fraction with an approximation marked ≈ (5/3 ≈ 1.667). CSV,
JSON and JSON Lines carry numbers (a range as [min, max] in JSON, as `lexkb penalty` writes it, and as
(min) and (max) columns in CSV; a ratio as a decimal number, with
the exact fraction in a column of its own, which only these formats have: Column.machine)."""
from __future__ import annotations

import csv
import html
import io
import json
from decimal import Decimal
from fractions import Fraction
from typing import Callable

from .common import t
from .model import Concept, Link, Range, ReadingRef, SourceRef, Table, fraction_decimal, terminates

DASH = "–"
EMPTY = "—"
LinkFn = Callable[[Link], "str | None"]


# ------------------------------------------------------------------ numbers and cells as text
def fmt_number(x, lang: str = "en") -> str:
    d = x if isinstance(x, Decimal) else Decimal(str(x))
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    else:
        d = d.normalize()
    neg = d < 0
    digits = format(abs(d), "f")
    whole, _, frac = digits.partition(".")
    if lang == "es":
        group = "\u00a0" if len(whole) >= 5 else ""
        sep_dec = ","
    else:
        group, sep_dec = ",", "."
    if group:
        parts = []
        while len(whole) > 3:
            parts.insert(0, whole[-3:])
            whole = whole[:-3]
        parts.insert(0, whole)
        whole = group.join(parts)
    return ("−" if neg else "") + whole + (sep_dec + frac if frac else "")


def fmt_fraction(f: Fraction, lang: str = "en") -> str:
    if terminates(f):
        return fmt_number(fraction_decimal(f), lang)
    approx = (Decimal(f.numerator) / Decimal(f.denominator)).quantize(Decimal("0.001"))
    return f"{f.numerator}/{f.denominator} ≈ {fmt_number(approx, lang)}"


def cell_text(value, lang: str = "en", link: LinkFn | None = None, escape: Callable[[str], str] = lambda s: s) -> str:
    """A cell for human-readable formats (md, html, tex); escape applies to text, not to links."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return escape(str(value).lower())
    if isinstance(value, Link):
        href = link(value) if link else None
        return f"[{escape(value.text)}]({href})" if href else escape(value.text)
    if isinstance(value, Range):
        return f"{fmt_number(value.lo, lang)}{DASH}{fmt_number(value.hi, lang)}"
    if isinstance(value, Fraction):
        return escape(fmt_fraction(value, lang))
    if isinstance(value, (int, Decimal, float)):
        return fmt_number(value, lang)
    if isinstance(value, list):
        return "; ".join(cell_text(v, lang, link, escape) for v in value) if value else EMPTY
    return escape(str(value))


def raw_value(value):
    """A cell for machine formats (json): numbers as numbers, exactly."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, Link):
        return value.text
    if isinstance(value, (ReadingRef, SourceRef)):  # machine formats have no notes: the reading, basis or source in full
        return value.full
    if isinstance(value, Concept):  # id and label side by side, as in `lexkb penalty`
        return {"id": value.id, "label": value.label}
    if isinstance(value, Range):  # [min, max], as imprisonment_years and fine_days_wage in `lexkb penalty`
        return [raw_value(value.lo), raw_value(value.hi)]
    if isinstance(value, Fraction):  # a number a spreadsheet reads as one (not "5/3", which it reads as a date)
        return raw_value(fraction_decimal(value)) if terminates(value) else float(value)
    if isinstance(value, (Decimal, int, float)):
        d = Decimal(str(value))
        return int(d) if d == d.to_integral_value() else float(d)
    if isinstance(value, list):
        return [raw_value(v) for v in value]
    return str(value)


def csv_value(value) -> str:
    """A CSV cell: numbers as numbers, text neutralised against spreadsheet formulas (lexkb.escape)."""
    if isinstance(value, Concept):
        return csv_text(value.id)
    if isinstance(value, list) and value and all(isinstance(x, Concept) for x in value):
        return csv_text("; ".join(x.id for x in value))
    v = raw_value(value)
    if v is None:
        return ""
    if isinstance(v, list):
        joined = "; ".join(str(x) for x in v)
        return csv_text(joined) if v and isinstance(v[0], str) else joined
    if isinstance(v, bool):
        return str(v).lower()
    return csv_text(v) if isinstance(v, str) else str(v)


# ------------------------------------------------------------------ Markdown
from ..escape import MD_SPECIAL as _MD_SPECIAL, csv_text, md_escape  # noqa: E402 -- one helper per format


def md_note(text: str) -> str:
    """Notes are lexkb's own sentences: `code` in them stays code."""
    return md_escape(text, _MD_SPECIAL.replace("`", ""))


def human_columns(table: Table) -> list:
    """The columns of the formats for people (md, html, tex): not those for machines only."""
    return [c for c in table.columns if not c.machine]


def to_markdown(table: Table, link: LinkFn | None = None, heading: bool = True) -> str:
    lang = table.lang
    columns = human_columns(table)
    lines = []
    if heading:
        lines += [f"# {md_escape(table.caption)}", ""]
    lines.append("| " + " | ".join(md_escape(c.label) for c in columns) + " |")
    lines.append("|" + "|".join("---:" if c.numeric else "---" for c in columns) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(cell_text(row.get(c.key), lang, link, md_escape) for c in columns) + " |")
    if not table.rows:
        lines.append("| " + " | ".join([EMPTY] * len(columns)) + " |")
    if table.notes:
        lines += ["", f"{t('notes', lang)}:", ""] + [f"- {md_note(n)}" for n in table.notes]
    if table.sources:
        lines += ["", f"{t('sources', lang)}:", ""] + [f"- {md_escape(s)}" for s in table.sources]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ CSV
def to_csv(table: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    header, ranges = [], {}

    def is_ranges(v) -> bool:  # a Range, or a multi-valued cell of Ranges (one per penalty variant)
        return isinstance(v, Range) or (isinstance(v, list) and bool(v) and all(isinstance(x, Range) for x in v))

    for c in table.columns:
        if any(is_ranges(r.get(c.key)) for r in table.rows):
            ranges[c.key] = True
            header += [f"{c.label} (min)", f"{c.label} (max)"]
        else:
            header.append(c.label)
    w.writerow(header)
    for r in table.rows:
        out = []
        for c in table.columns:
            v = r.get(c.key)
            if c.key in ranges:
                if isinstance(v, Range):
                    out += [csv_value(v.lo), csv_value(v.hi)]
                elif is_ranges(v):
                    out += ["; ".join(csv_value(x.lo) for x in v), "; ".join(csv_value(x.hi) for x in v)]
                else:  # text in a range column ("not modelled ...") goes under (min), (max) stays empty
                    out += [csv_value(v), ""]
            else:
                out.append(csv_value(v))
        w.writerow(out)
    return buf.getvalue()


# ------------------------------------------------------------------ JSON
def to_json(table: Table) -> str:
    doc = {
        "table": table.name,
        "caption": table.caption,
        "lang": table.lang,
        "on": table.on.isoformat() if table.on else None,
        "query": table.query,
        "columns": [{"key": c.key, "label": c.label} for c in table.columns],
        "rows": [{c.key: raw_value(r.get(c.key)) for c in table.columns} for r in table.rows],
        "notes": table.notes,
        "sources": table.sources,
    }
    if table.readings:
        doc["readings"] = table.readings
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def to_jsonl(table: Table) -> str:
    """JSON Lines: one object per row, the same keys and values as the rows of the JSON format."""
    return "".join(json.dumps({c.key: raw_value(r.get(c.key)) for c in table.columns}, ensure_ascii=False) + "\n"
                   for r in table.rows)


# ------------------------------------------------------------------ LaTeX
_TEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
        "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
        "≈": r"$\approx$", "−": r"$-$", "–": "--", "—": "---", "\u00a0": "~"}


def tex_escape(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch == "-" and text[i + 1:i + 2] == "-":
            out.append("-{}")  # "--on" stays two hyphens, not an en dash
        else:
            out.append(_TEX.get(ch, ch))
    return "".join(out)


TEX_LANDSCAPE_FROM = 8  # columns: from this many, the table is set sideways (landscape) on its own page


def to_tex(table: Table) -> str:
    """A booktabs table that fits an A4 page: tabularx spreads the text columns (X, ragged right)
    over the line width, numbers keep their natural width; a table of TEX_LANDSCAPE_FROM columns or
    more is set sideways (the rotating package's sidewaystable), in a smaller type."""
    lang = table.lang
    columns = human_columns(table)
    wide = len(columns) >= TEX_LANDSCAPE_FROM
    spec = "".join("r" if c.numeric else r">{\raggedright\arraybackslash}X" for c in columns)
    env = "sidewaystable" if wide else "table"
    lines = [
        f"% {table.caption}",
        f"% Generated by lexkb from {table.query}; needs \\usepackage{{booktabs,array,tabularx"
        + (",rotating" if wide else "") + "}.",
        f"\\begin{{{env}}}",
        r"\centering",
        r"\scriptsize" if wide else r"\small",
        r"\setlength{\tabcolsep}{3pt}" if wide else "",
        f"\\caption{{{tex_escape(table.caption)}}}",
        f"\\label{{tab:lexkb-{table.name}}}",
        f"\\begin{{tabularx}}{{\\linewidth}}{{{spec}}}",
        r"\toprule",
        " & ".join(tex_escape(c.label) for c in columns) + r" \\",
        r"\midrule",
    ]
    lines = [line for line in lines if line]
    for r in table.rows:
        lines.append(" & ".join(tex_escape(cell_text(r.get(c.key), lang)) for c in columns) + r" \\")
    lines += [r"\bottomrule", r"\end{tabularx}"]
    if table.notes or table.sources:
        lines.append(r"\par\smallskip\footnotesize")
        for n in table.notes:
            parts = n.split("`")  # `code` in lexkb's notes -> \texttt{code}
            lines.append("".join(f"\\texttt{{{tex_escape(p)}}}" if i % 2 else tex_escape(p)
                                 for i, p in enumerate(parts)) + r"\par")
        if table.sources:
            lines.append(f"{t('sources', lang)}: " + tex_escape("; ".join(table.sources)) + r".\par")
    lines.append(f"\\end{{{env}}}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ HTML
STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.45;color:#111}
table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}
caption{font-weight:600;text-align:left;padding:.4rem 0}
th,td{border:1px solid #999;padding:.3rem .5rem;vertical-align:top}
th{background:#eee}
blockquote{border-left:4px solid #999;margin-left:0;padding-left:1rem}
pre{white-space:pre-wrap;font-size:.85rem;background:#f6f6f6;padding:.5rem}"""


def markdown_renderer(caption: str | None = None):
    """markdown-it-py, CommonMark + GFM tables, raw HTML off; every <th> gets scope="col" and the
    first table gets <caption> (the table's caption)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    state = {"captioned": False}

    def table_open(self, tokens, idx, options, env):
        out = self.renderToken(tokens, idx, options, env)
        if caption is not None and not state["captioned"]:
            state["captioned"] = True
            out += f"<caption>{html.escape(caption)}</caption>\n"
        return out

    def th_open(self, tokens, idx, options, env):
        tokens[idx].attrSet("scope", "col")
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("table_open", table_open)
    md.add_render_rule("th_open", th_open)
    return md


def html_page(title: str, body_html: str, lang: str, nav: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="lexkb">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
            f"{nav}<main>\n{body_html}</main>\n</body>\n</html>\n")


def to_html(table: Table, link: LinkFn | None = None, nav: str = "") -> str:
    md_text = to_markdown(table, link)
    body = markdown_renderer(table.caption).render(md_text)
    return html_page(table.caption, body, table.lang, nav)


RENDERERS = {"md": to_markdown, "csv": to_csv, "json": to_json, "jsonl": to_jsonl, "tex": to_tex, "html": to_html}


def render(table: Table, fmt: str) -> str:
    """fmt "text" is the table for people in a terminal: the Markdown table, readable as it is."""
    return RENDERERS["md" if fmt == "text" else fmt](table)
