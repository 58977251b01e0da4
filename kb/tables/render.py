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
import re
from decimal import Decimal
from fractions import Fraction
from typing import Callable

from .common import t
from .model import Code, Concept, Link, Range, ReadingRef, SourceRef, Table, fraction_decimal, terminates

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
    if isinstance(value, Range):  # a bound may be an exact fraction (an increase by two thirds): 100000/3 ≈ 33,333.333
        def bound(x):
            return fmt_fraction(x, lang) if isinstance(x, Fraction) else fmt_number(x, lang)

        return escape(f"{bound(value.lo)}{DASH}{bound(value.hi)}")
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
    if isinstance(value, Code):  # the id alone, as `lexkb penalty` gives it
        return value.id
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
        joined = "; ".join("" if x is None else str(x) for x in v)
        return csv_text(joined) if any(isinstance(x, str) for x in v) else joined
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
    return "\n".join(lines + _md_after(table)) + "\n"


def _md_after(table: Table) -> list[str]:
    """The lines after the table: its notes and its sources."""
    lines = []
    if table.notes:
        lines += ["", f"{t('notes', table.lang)}:", ""] + [f"- {md_note(n)}" for n in table.notes]
    if table.sources:
        lines += ["", f"{t('sources', table.lang)}:", ""] + [f"- {md_escape(s)}" for s in table.sources]
    return lines


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
        "≈": r"$\approx$", "−": r"$-$", "–": "--", "—": "---", "\u00a0": "~",
        "/": r"\slash{}", "[": "{[}", "]": "{]}"}
# a slash where a line may break, as after a hyphen ("DOC/C/1/Add.1"); brackets braced, as
# a row that begins with "[" would be read as the optional argument of the \\ ending the row before


def tex_escape(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch == "-" and text[i + 1:i + 2] == "-":
            out.append("-{}")  # "--on" stays two hyphens, not an en dash
        else:
            out.append(_TEX.get(ch, ch))
    return "".join(out)


TEX_LANDSCAPE_FROM = 8  # columns: from this many, the table is set on landscape pages
TEX_PACKAGES = "booktabs,array,longtable"
TEX_PREAMBLE = ("% needs \\usepackage[T1]{fontenc} and \\usepackage{" + TEX_PACKAGES + "} (a wide table also pdflscape);"
                " the text is UTF-8")
_WORD = re.compile(r"[^\s\-–/]+[-–/]?")  # what TeX cannot break: a word, up to a hyphen, dash or slash
# The type sizes a table may be set in, largest first, each with its line and the padding of a
# column (2 \tabcolsep = 6 pt), in characters, in the LaTeX article class on A4 paper: 345 pt
# portrait, 598 pt landscape. A character: 4.83 pt in \small, 4.44 pt in \footnotesize, 4.16 pt in
# \scriptsize, 3.54 pt in \tiny (measured with T1 Computer Modern).
TEX_SIZES = {False: [(r"\small", 345 / 4.83, 6 / 4.83), (r"\footnotesize", 345 / 4.44, 6 / 4.44),
                     (r"\scriptsize", 345 / 4.16, 6 / 4.16)],
             True: [(r"\scriptsize", 598 / 4.16, 6 / 4.16), (r"\tiny", 598 / 3.54, 6 / 3.54)]}
_LETTERS = re.compile(r"^\(?[^\W\d_]+[,;:.)]*$")
_LETTER_RUN = re.compile(r"^[^\w]*[^\W\d_]+[^\w]*$")
_BREAKS = re.compile(r"([-–/])")
TEX_HYPHENATED = {"en": 8, "es": 10}  # characters: the narrowest column TeX's (English) hyphenation fills


def tex_layout(columns: list, rows: list[dict], lang: str, wide: bool) -> tuple[str, list[int]]:
    """The type size and each column's share of the line's text width, in thousandths. Every column
    gets its longest word, which has to fit (TeX breaks lines at spaces, hyphens and slashes, and
    hyphenates words only when it must), in the largest size where they all fit; else, in the
    smallest size, a text column gets TEX_HYPHENATED characters of a word of letters. What is left
    goes to the text columns wanting more (their average cell, up to 40 characters); what is still
    left, to every column by its width."""
    need, want, short = [], [], []
    for c in columns:
        cells = [cell_text(r.get(c.key), lang) for r in rows]
        texts = [c.label, *cells]
        # a number's thousands are joined by an unbreakable space in Spanish ("33 333,333"): one word to TeX
        longest = max((len(w) for text in texts
                       for w in (text.split(" ") if c.numeric else _WORD.findall(text))), default=1)
        # TeX does not hyphenate numbers, "3(1)(a)(i)" or words with a hyphen in them
        hyphenated = max((min(len(w), TEX_HYPHENATED[lang]) if _LETTERS.match(w) else len(w)
                          for text in texts for w in text.split()), default=1)
        typical = 0 if c.numeric or not cells else min(40.0, sum(len(x) for x in cells) / len(cells))
        # a character more: widths vary; two for numbers, whose digits are wider than the average character
        need.append(max(longest, 3) + (2 if c.numeric else 1))
        short.append(min(need[-1], max(hyphenated, 3) + 1))
        want.append(max(need[-1], typical))
    for size, line, pad in TEX_SIZES[wide]:
        room = line - pad * len(columns)
        if sum(need) <= room:
            break
    else:
        need = short
    extra = room - sum(need)
    gap = [w - n for w, n in zip(want, need)]
    if extra <= 0:
        widths = need
    elif sum(gap) > extra:
        widths = [n + extra * g / sum(gap) for n, g in zip(need, gap)]
    else:
        widths = [w + (extra - sum(gap)) * w / sum(want) for w in want]
    shares = [round(1000 * w / sum(widths)) for w in widths]
    shares[shares.index(max(shares))] -= sum(shares) - 1000  # exactly the line
    return size, shares


def tex_room(size: str, wide: bool, columns: int) -> float:
    """The characters of text a line holds in that type size, less the space between the columns."""
    line, pad = next((line, pad) for s, line, pad in TEX_SIZES[wide] if s == size)
    return line - pad * columns


def tex_cell(text: str, width: float) -> str:
    """A cell, escaped; a word of letters longer than its column (`width` characters) gets discretionary
    hyphens (\\-) every few characters, so that TeX can break it rather than let it overflow into the
    next column (its hyphenation patterns are English and find no break in many Spanish words)."""
    step = max(int(width) - 3, 3)

    def piece(p: str) -> str:  # letters, with the punctuation around them (numbers get their width from tex_layout)
        if len(p) > width - 1 and _LETTER_RUN.match(p):
            return "\\-".join(tex_escape(p[i:i + step]) for i in range(0, len(p), step))
        return tex_escape(p)

    # TeX breaks a word after a hyphen, dash or slash: each piece between them is checked on its own
    return " ".join(tex_escape(word) if "--" in word else "".join(piece(p) for p in _BREAKS.split(word))
                    for word in text.split(" "))


def to_tex(table: Table) -> str:
    """A booktabs longtable that fits an A4 page and breaks across pages: each column a paragraph
    column whose width is its share of the line (tex_layout), text ragged right, numbers ragged
    left, the header repeated on every page; a table of TEX_LANDSCAPE_FROM columns or more is set
    on landscape pages (pdflscape), in a smaller type. Notes and sources follow the table."""
    lang = table.lang
    columns = human_columns(table)
    wide = len(columns) >= TEX_LANDSCAPE_FROM
    size, shares = tex_layout(columns, table.rows, lang, wide)
    room = tex_room(size, wide, len(columns))
    widths = [room * w / 1000 for w in shares]
    text_width = f"\\linewidth-{2 * len(columns) - 2}\\tabcolsep"  # the line less the space between columns
    spec = "".join((r">{\raggedleft\arraybackslash\hspace{0pt}}" if c.numeric else r">{\raggedright\arraybackslash\hspace{0pt}}")
                   + f"p{{\\dimexpr({text_width})*{w}/1000\\relax}}" for c, w in zip(columns, shares))
    header = " & ".join(tex_cell(c.label, w) for c, w in zip(columns, widths)) + r" \\"
    caption = tex_escape(table.caption)
    more = "(continuación)" if lang == "es" else "(continued)"
    lines = [
        f"% {table.caption}",
        f"% Generated by lexkb from {table.query}.",
        TEX_PREAMBLE,
        r"\begin{landscape}" if wide else "",
        r"\begingroup",
        size,
        r"\setlength{\tabcolsep}{3pt}",
        f"\\begin{{longtable}}{{@{{}}{spec}@{{}}}}",
        f"\\caption{{{caption}}}\\label{{tab:lexkb-{table.name}}}\\\\",
        r"\toprule", header, r"\midrule", r"\endfirsthead",
        f"\\caption[]{{{caption} {more}}}\\\\",
        r"\toprule", header, r"\midrule", r"\endhead",
        r"\bottomrule", r"\endfoot",
    ]
    lines = [line for line in lines if line]
    for r in table.rows:
        lines.append(" & ".join(tex_cell(cell_text(r.get(c.key), lang), w) for c, w in zip(columns, widths)) + r" \\")
    if not table.rows:
        lines.append(" & ".join([tex_escape(EMPTY)] * len(columns)) + r" \\")
    lines.append(r"\end{longtable}")
    if table.notes or table.sources:
        lines.append(r"\footnotesize\raggedright")
        for n in table.notes:
            parts = n.split("`")  # `code` in lexkb's notes -> \texttt{code}
            lines.append("".join(f"\\texttt{{{tex_escape(p)}}}" if i % 2 else tex_escape(p)
                                 for i, p in enumerate(parts)) + r"\par")
        if table.sources:
            lines.append(f"{t('sources', lang)}: " + tex_escape("; ".join(table.sources)) + r".\par")
    lines.append(r"\endgroup")
    if wide:
        lines.append(r"\end{landscape}")
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


def html_text(text: str) -> str:
    """Text as markdown-it-py escapes it (& < > and the double quote)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def html_link(text: str, href: str | None) -> str:
    """A link as markdown-it-py writes one (its href normalised as markdown-it-py does), or the text alone."""
    from markdown_it.common.normalize_url import normalizeLink

    return f'<a href="{html_text(normalizeLink(href))}">{html_text(text)}</a>' if href else html_text(text)


def cell_html(value, lang: str = "en", link: LinkFn | None = None) -> str:
    """A cell as the HTML that markdown-it-py makes of its Markdown (cell_text with md_escape), written directly:
    a report renders some 400 tables, and parsing their Markdown was half its time."""
    if isinstance(value, Link):
        return html_link(value.text, link(value) if link else None)
    if isinstance(value, list):
        return "; ".join(cell_html(v, lang, link) for v in value) if value else EMPTY
    return cell_text(value, lang, None, html_text).strip()


def folded_cell(value, lang: str, link: LinkFn | None, limit: int) -> str:
    """A cell longer than limit characters as a <details>: its summary the first item's beginning and how
    many items follow, its body the whole cell. The report's penalties table holds cells of several
    thousand characters (the General Law's aggravations, lexkb's readings), which made its page some
    60,000 px tall."""
    full = cell_html(value, lang, link)
    if len(cell_text(value, lang)) <= limit:
        return full
    items = value if isinstance(value, list) and value else [value]
    first = cell_text(items[0], lang)
    short = first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"
    more = f" (+{len(items) - 1})" if len(items) > 1 else ""
    return f"<details><summary>{html_text(short)}{more}</summary>{full}</details>"


def html_table(table: Table, link: LinkFn | None = None, fold: int | None = None) -> str:
    """The table element of to_html's page (caption, scoped headers, numeric columns right-aligned);
    fold: cells longer than this many characters folded (folded_cell)."""
    columns = human_columns(table)
    right = ' style="text-align:right"'
    out = ["<table>", f"<caption>{html.escape(table.caption)}</caption>", "<thead>", "<tr>"]
    out += [f'<th{right if c.numeric else ""} scope="col">{html_text(c.label)}</th>' for c in columns]
    out += ["</tr>", "</thead>", "<tbody>"]
    def cell(value) -> str:
        return cell_html(value, table.lang, link) if fold is None else folded_cell(value, table.lang, link, fold)

    rows = [[cell(row.get(c.key)) for c in columns] for row in table.rows] or [[EMPTY] * len(columns)]
    for cells in rows:
        out.append("<tr>")
        out += [f'<td{right if c.numeric else ""}>{cell}</td>' if cell else f'<td{right if c.numeric else ""}></td>'
                for c, cell in zip(columns, cells)]
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out) + "\n"


def html_body(table: Table, link: LinkFn | None = None, fold: int | None = None) -> str:
    """The body of to_html's page: heading, table, notes and sources (the notes through markdown-it-py: they
    may hold `code`)."""
    after = "\n".join(_md_after(table))
    return (f"<h1>{html_text(table.caption)}</h1>\n" + html_table(table, link, fold)
            + (markdown_renderer().render(after) if after else ""))


def to_html(table: Table, link: LinkFn | None = None, nav: str = "") -> str:
    return html_page(table.caption, html_body(table, link), table.lang, nav)


RENDERERS = {"md": to_markdown, "csv": to_csv, "json": to_json, "jsonl": to_jsonl, "tex": to_tex, "html": to_html}


def render(table: Table, fmt: str) -> str:
    """fmt "text" is the table for people in a terminal: the Markdown table, readable as it is."""
    return RENDERERS["md" if fmt == "text" else fmt](table)
