"""The penalty ranges drawn: for each offence, one bar per source (the State's report's account and
each version of the statute's article, with the editions that carry it), the imprisonment range on
one years axis shared by every offence of the page, each fine on an axis of its own unit (días multa,
UMA, days of minimum wage are different units and never share an axis), and each aggravation rule's
range as a hatched bar under the base bar. Every bar links to the page of the passage that states it (the
article's version, the report's paragraph) and carries its
numbers in data- attributes; the same numbers follow each chart as a table.

The bars are drawn from the knowledge base's index (offences[].penalties and aggravating_factors):
it holds every version of each article (the penalties table holds one day's law), and its entries
are those `lexkb penalty` prints; the aggravated ranges come from lexkb.aggravation.effective, the
arithmetic of `lexkb penalty --with` and of the penalties table."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from ..aggravation import effective, exact, number, show
from ..sanction import COMMUNITY_WORK_UNIT
from ..tables.model import natural_key
from ..tables.versions import STATUTE, UNITS
from .i18n import pick
from .citations import sources_of
from .page import Page, esc, href

PATH = "penalties-chart.html"
STATUTE_FILL, REPORT_FILL = "#1f5fa8", "#a04a00"
STATUTE_LIGHT, REPORT_LIGHT = "#dbe7f6", "#f6e3d3"
W, X0, X1 = 600, 8, 420          # the drawing's width; the bars' axis runs from X0 to X1
ROW, BAR, AGG = 30, 12, 9         # a source's row (label line and bar), its bar, an aggravated bar
UNIT_WORDS = {u[0]: (u[1], u[2]) for u in UNITS.values()}



@dataclass
class Aggravation:
    rule_provision: str
    versions: list[str]          # the rule's version dates (statute); empty for the report's rule
    effect: str
    up_to: bool
    prison: list | None
    fine: list | None
    factor: str                  # one of its factors, as `lexkb penalty --with` names it
    on: str | None               # a day both the penalty and the rule hold (statute)
    fraction: float = 0          # the increase, as the data gives it (0.5: by half)


@dataclass
class Bar:
    penalty: dict
    source: str                  # the bar's source in words (source_label)
    link: str | None
    aggravations: list[Aggravation] = field(default_factory=list)
    condition_lang: str | None = None   # the language of the variant's words (the literal's tag)

    @property
    def condition(self) -> str | None:
        return self.penalty.get("condition")

    @property
    def label(self) -> str:
        return self.source + (f" · {self.condition}" if self.condition else "")

    @property
    def basis(self) -> str:
        return self.penalty["basis"]

    @property
    def prison(self):
        return self.penalty.get("imprisonment_years")

    @property
    def fine(self):
        return self.penalty.get("fine")

    @property
    def unit(self) -> str | None:
        return (self.penalty.get("fine_unit") or {}).get("id")


def data_number(x) -> str:
    """A bound as the data- attributes carry it: the number `lexkb penalty --format json` prints."""
    x = number(x) if isinstance(x, Fraction) else x
    return str(int(x)) if float(x).is_integer() else repr(float(x))


@lru_cache(maxsize=None)
def shown(x) -> str:
    """A bound as a reader sees it: 2,500, 13.5, or an exact fraction with its approximation."""
    s = show(exact(x) if not isinstance(x, Fraction) else x)
    if "/" in s:
        f = exact(x) if not isinstance(x, Fraction) else x
        return f"{s} ≈ {float(f):,.2f}"
    return s


def range_text(r) -> str:
    return f"{shown(r[0])}–{shown(r[1])}"


def unit_words(unit_id: str | None, lang: str) -> str:
    if unit_id is None:
        return ""
    en, es = UNIT_WORDS.get(unit_id, (unit_id, unit_id))
    return pick(en, es, lang)


def editions(penalty: dict) -> list[str]:
    """The editions that carry a statute version, from its source passages ("<edition>, art. N")."""
    return [s.rsplit(", art. ", 1)[0] for s in penalty.get("sources", []) if ", art. " in s]


EDITION_DATE = re.compile(r"(\S+ )?\d{2}-\d{2}-\d{4}")  # "DOF 28-11-2025" in an edition's title


def edition_short(edition: str) -> str:
    m = EDITION_DATE.search(edition)
    return m.group(0) if m else edition


def overlaps(penalty: dict, rule: dict) -> bool:
    """Whether a statute penalty's version and a rule's version hold on a common day (ends exclusive)."""
    p0, p1 = penalty["valid_from"], penalty.get("valid_until") or "9999-12-31"
    r0, r1 = rule["valid_from"], rule.get("valid_until") or "9999-12-31"
    return r0 < p1 and p0 < r1


_aggravated: dict[str, tuple] = {}


def aggravated(penalty: dict, factors: list[dict]) -> tuple:
    """lexkb.aggravation.effective's ranges, computed once for both languages' pages: the key holds
    everything the arithmetic reads."""
    import json

    key = json.dumps([penalty.get("imprisonment_years"), penalty.get("fine"), penalty.get("fine_days_wage"),
                      [[f["rule"], f["increase_fraction"], f["components"], f["bounds"], bool(f.get("up_to"))]
                       for f in factors]])
    if key not in _aggravated:
        prison, fine, _steps = effective(penalty, factors)
        _aggravated[key] = (prison, fine)
    return _aggravated[key]


def aggravations_of(penalty: dict, factors: list[dict]) -> list[Aggravation]:
    """One aggravated range per rule provision and effect: versions of one rule that give the same
    range are one bar naming its versions."""
    mine = [f for f in factors if penalty["id"] in f.get("applies_to", []) and f.get("basis") == penalty["basis"]
            and (penalty["basis"] != STATUTE or overlaps(penalty, f))]
    by_rule: dict[str, list[dict]] = {}
    for f in sorted(mine, key=lambda f: (natural_key(f["rule_provision"]), f.get("valid_from") or "", f["rule"], f["id"])):
        by_rule.setdefault(f["rule"], []).append(f)
    out: list[Aggravation] = []
    for fs in by_rule.values():
        first = fs[0]
        prison, fine = aggravated(penalty, fs)
        on = max(penalty["valid_from"], first["valid_from"]) if penalty["basis"] == STATUTE else None
        same = next((a for a in out if a.rule_provision == first["rule_provision"] and a.effect == first["effect"]
                     and a.prison == prison and a.fine == fine), None)
        if same is not None:
            if first.get("valid_from"):
                same.versions.append(first["valid_from"])
            continue
        out.append(Aggravation(first["rule_provision"], [first["valid_from"]] if first.get("valid_from") else [],
                               first["effect"], bool(first.get("up_to")), prison, fine, first["id"], on,
                               first["increase_fraction"]))
    return out


def source_label(penalty: dict, lang: str, with_editions: bool = True) -> str:
    """The bar's source in words: the report (with its year), or the statute's version and its editions."""
    if penalty["basis"] != STATUTE:
        year = (penalty.get("document_date") or "")[:4]
        return pick(f"State's report{f' ({year})' if year else ''}", f"informe del Estado{f' ({year})' if year else ''}", lang)
    until = penalty.get("valid_until")
    span = (pick(f"version of {penalty['valid_from']}", f"versión del {penalty['valid_from']}", lang)
            + (pick(f", until {until}", f", hasta el {until}", lang) if until else ""))
    eds = ", ".join(edition_short(e) for e in editions(penalty))
    return pick("Statute", "Ley", lang) + f" · {span}" + (f" · {pick('editions', 'ediciones', lang)} {eds}"
                                                          if eds and with_editions else "")


def offence_name(offence: dict, lang: str) -> tuple[str, str | None]:
    """(name, lang attribute or None): the label in the page's language where the data has it; the
    English name equal to the Spanish one is the Spanish label, marked as such on an English page."""
    en, es = offence.get("offence"), offence.get("offence_es")
    if lang == "es":
        return (es, None) if es else (en, "en")
    if es and en == es:
        return en, "es"
    return en or es, None if en else "es"


Q_CONDITION_LANGS = """
SELECT ?id (LANG(?text) AS ?lang) WHERE {
  ?penalty a lexkb:Penalty ; dcterms:identifier ?id ; lexkb:conditionText ?text .
}"""


def condition_langs(store) -> dict[str, str]:
    """Penalty id -> the language tag of its variant's words (the statute's and the report's differ); a report
    asks it once for both languages' pages (lexkb.store.answered_once)."""
    from ..store import select

    return {str(r["id"]): str(r["lang"]) for r in select(store, Q_CONDITION_LANGS) if r["lang"]}


def offence_bars(offence: dict, lang: str, path_of, langs: dict | None = None, source_path=lambda label: None) -> list[Bar]:
    """The offence's bars: the State's report's first, then each statute variant's versions in date order. A bar
    links to the page of the passage that states it (source_path: the article's version an edition carries, the
    report's paragraph), else to its provision's page (path_of)."""
    bars = []
    key = lambda p: (p["basis"] == STATUTE, natural_key(p["provision"]), p.get("condition") or "", p.get("valid_from") or "")
    for p in sorted(offence["penalties"], key=key):
        link = (source_path(p["source"]) if p.get("source") else None) or path_of(p["provision"])
        bars.append(Bar(p, source_label(p, lang), link,
                        aggravations_of(p, offence.get("aggravating_factors", [])), (langs or {}).get(p["id"])))
    return bars


def foreign(text_lang: str | None, lang: str) -> str:
    """The lang attribute of words in another language than the page's, or nothing."""
    return f' lang="{esc(text_lang)}"' if text_lang and text_lang != lang else ""


def nice_ceiling(x) -> int | float:
    """The axis' end: the first of 1, 2, 2.5, 5 × 10^k at or above x."""
    x = float(x)
    if x <= 0:
        return 1
    k = Decimal(x).adjusted()
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        top = m * 10 ** k
        if top >= x:
            return int(top) if float(top).is_integer() else top
    return 10 ** (k + 1)


def ticks(top) -> list:
    """0, then every step to the axis' end, the step a round number that gives 4 to 10 ticks."""
    def round_number(s):
        if s <= 0:
            return False
        k = Decimal(s).adjusted()
        return any(abs(s - m * 10 ** k) < 1e-9 for m in (1, 2, 2.5, 5))
    step = next((top / n for n in (5, 4, 6, 8, 3, 10, 2) if round_number(top / n)), top)
    return [round(i * step, 6) for i in range(int(round(top / step)) + 1)]


def clip(text: str, n: int = 100) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class Drawing:
    """One offence's SVG: panels (imprisonment; one per fine unit), each with its axis and its rows."""

    def __init__(self, ident: str, lang: str, from_path: str):
        self.ident, self.lang, self.from_path = ident, lang, from_path
        self.parts: list[str] = []
        self.y = 4

    def x(self, v, top) -> float:
        return round(X0 + (X1 - X0) * float(v) / float(top), 2)

    def axis(self, title: str, top, unit: str):
        self.parts.append(f'<text x="{X0}" y="{self.y + 13}" font-size="13" font-weight="700" fill="#111">{esc(title)}</text>')
        self.y += 20
        self.panel_top = self.y
        self.top, self.unit = top, unit
        for v in ticks(top):
            x = self.x(v, top)
            anchor = "start" if v == 0 else "end" if v == top else "middle"
            self.parts.append(f'<text x="{x}" y="{self.y + 10}" font-size="10" fill="#444" text-anchor="{anchor}">'
                              f"{esc(shown(v))}</text>")
        self.y += 14
        self.grid_from = len(self.parts)

    def close_panel(self):
        lines = [f'<line x1="{self.x(v, self.top)}" x2="{self.x(v, self.top)}" y1="{self.panel_top + 14}" '
                 f'y2="{self.y}" stroke="#ccc" stroke-width="1"/>' for v in ticks(self.top)]
        self.parts[self.grid_from:self.grid_from] = lines
        self.y += 8

    def row(self, bar: Bar, kind: str, rng, aggs: list[tuple[Aggravation, list]], none: str | None = None):
        """A source's row: its label, its bar (or words where it sets no such penalty), its aggravated bars."""
        p = bar.penalty
        statute = p["basis"] == STATUTE
        fill, light = (STATUTE_FILL, STATUTE_LIGHT) if statute else (REPORT_FILL, REPORT_LIGHT)
        link = href(self.from_path, bar.link) if bar.link else None
        words = esc(bar.source)
        if bar.condition:
            room = max(92 - len(bar.source) - 3, 12)
            words += f' · <tspan{foreign(bar.condition_lang, self.lang)}>{esc(clip(bar.condition, room))}</tspan>'
        self.parts.append(f'<text x="{X0}" y="{self.y + 11}" font-size="11.5" fill="#111">'
                          f"<title>{esc(bar.label)}</title>{words}</text>")
        self.y += 15
        common = (f'data-basis="{esc(p["basis"])}" data-source="{esc(p.get("source") or "")}" '
                  f'data-penalty="{esc(p["id"])}" data-unit="{esc(self.unit)}" '
                  f'data-valid-from="{esc(p.get("valid_from") or "")}" data-condition="{esc(p.get("condition") or "")}"')
        if rng is None:
            self.parts.append(f'<text x="{X0}" y="{self.y + 10}" font-size="11" font-style="italic" fill="#333">'
                              f"{esc(none)}</text>")
            self.y += 16
            return
        x0, x1 = self.x(rng[0], self.top), self.x(rng[1], self.top)
        what = f"{range_text(rng)} {self.unit_text()}"
        rect = (f'<rect x="{x0}" y="{self.y}" width="{max(x1 - x0, 2)}" height="{BAR}" fill="{fill}" '
                f'data-kind="{kind}" data-lo="{data_number(rng[0])}" data-hi="{data_number(rng[1])}" {common}>'
                f"<title>{esc(bar.label)}: {esc(what)}</title></rect>")
        self.parts.append(f'<a href="{esc(link)}">{rect}</a>' if link else rect)
        self.parts.append(f'<text x="{x1 + 5}" y="{self.y + 10}" font-size="11" fill="#111">{esc(range_text(rng))}</text>')
        self.y += BAR + 3
        for agg, arng in aggs:
            a0, a1 = self.x(arng[0], self.top), self.x(arng[1], self.top)
            name = agg_label(agg, self.lang)
            rect = (f'<rect x="{a0}" y="{self.y}" width="{max(a1 - a0, 2)}" height="{AGG}" '
                    f'fill="url(#{self.ident}-hatch-{"s" if statute else "r"})" stroke="{fill}" stroke-width="0.8" '
                    f'data-kind="aggravated-{kind}" data-lo="{data_number(arng[0])}" data-hi="{data_number(arng[1])}" '
                    f'data-rule="{esc(agg.rule_provision)}" data-factor="{esc(agg.factor)}" '
                    f'data-on="{esc(agg.on or "")}" {common}>'
                    f"<title>{esc(name)}: {esc(range_text(arng))} {esc(self.unit_text())}</title></rect>")
            self.parts.append(f'<a href="{esc(link)}">{rect}</a>' if link else rect)
            x, anchor, words = beside(a0, a1, f"{range_text(arng)} · {name}", 10)
            if words is None:   # on a line of its own, under the bar
                self.y += AGG + 1
                x, anchor, words = X0 + 4, "start", clip(f"{range_text(arng)} · {name}", 100)
            self.parts.append(f'<text x="{x}" y="{self.y + 8}" font-size="10" fill="#333" text-anchor="{anchor}">'
                              f"{esc(words)}</text>")
            self.y += AGG + 3
        self.y += 4

    def unit_text(self) -> str:
        return pick("years", "años", self.lang) if self.unit == "years" else unit_words(self.unit, self.lang)

    def svg(self, title: str, desc: str) -> str:
        hatch = "".join(
            f'<pattern id="{self.ident}-hatch-{k}" patternUnits="userSpaceOnUse" width="6" height="6" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{light}"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="{fill}" stroke-width="2.2"/></pattern>'
            for k, fill, light in (("s", STATUTE_FILL, STATUTE_LIGHT), ("r", REPORT_FILL, REPORT_LIGHT)))
        h = self.y + 4
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" width="100%" role="group" '
                f'aria-labelledby="{self.ident}-t {self.ident}-d" font-family="system-ui, sans-serif" '
                f'preserveAspectRatio="xMinYMin meet">'
                f'<title id="{self.ident}-t">{esc(title)}</title><desc id="{self.ident}-d">{esc(desc)}</desc>'
                f"<defs>{hatch}</defs>{''.join(self.parts)}</svg>")


def beside(x0: float, x1: float, text: str, size: float) -> tuple[float, str, str | None]:
    """Where a bar's words go: after the bar if they fit in the drawing, else before it; None where
    they fit on neither side."""
    per_char = 0.56 * size
    width = per_char * len(text)
    if x1 + 5 + width <= W - 4:
        return x1 + 5, "start", text
    if x0 - 5 - width >= X0:
        return x0 - 5, "end", text
    return 0, "start", None


def agg_label(agg: Aggravation, lang: str) -> str:
    """'aggravated ×2: XYZ art. 205 bis (versions of 2012-06-14, 2023-10-18)'; 'up to ×1.5' where the
    judge may raise the maximum up to that."""
    versions = (pick(" (version of " if len(agg.versions) == 1 else " (versions of ",
                     " (versión del " if len(agg.versions) == 1 else " (versiones del ", lang)
                + ", ".join(agg.versions) + ")") if agg.versions else ""
    factor = show(1 + exact(agg.fraction))
    times = (pick("up to ×", "hasta ×", lang) if agg.up_to else "×") + factor
    return pick("aggravated ", "agravada ", lang) + f"{times}: {agg.rule_provision}{versions}"


@dataclass
class Axes:
    years: dict   # group -> the imprisonment axis' end
    fines: dict   # (group, unit id) -> axis end


def axes_for(groups: dict[str, list[tuple[dict, list[Bar]]]]) -> Axes:
    years, fines = {}, {}
    for group, items in groups.items():
        for _offence, bars in items:
            for b in bars:
                for r in [b.prison] + [a.prison for a in b.aggravations]:
                    if r is not None:
                        years[group] = max(years.get(group, 0), float(r[1]))
                for r in [b.fine] + [a.fine for a in b.aggravations]:
                    if r is not None and b.unit:
                        fines[(group, b.unit)] = max(fines.get((group, b.unit), 0), float(r[1]))
    return Axes({k: nice_ceiling(v) for k, v in years.items()}, {k: nice_ceiling(v) for k, v in fines.items()})


def offence_svg(offence: dict, bars: list[Bar], axes: Axes, group: str, lang: str, from_path: str) -> str:
    ident = "c-" + re.sub(r"[^a-z0-9-]", "-", offence["id"].lower())
    name, _ = offence_name(offence, lang)
    d = Drawing(ident, lang, from_path)
    top = axes.years.get(group, 1)
    d.axis(pick("Imprisonment (years)", "Prisión (años)", lang), top, "years")
    for b in bars:
        words = None
        if b.prison is None:
            work = b.penalty.get("community_work")
            words = (pick("No prison term in the source", "Sin pena de prisión en la fuente", lang)
                     + (pick(": community work only, ", ": solo trabajo en favor de la comunidad, ", lang)
                        + f"{range_text(work)} {COMMUNITY_WORK_UNIT}" if work else ""))
        d.row(b, "imprisonment", b.prison, [(a, a.prison) for a in b.aggravations if a.prison is not None], words)
    d.close_panel()
    units = sorted({b.unit for b in bars if b.fine is not None and b.unit})
    for unit in units:
        top = axes.fines[(group, unit)]
        d.axis(pick(f"Fine ({unit_words(unit, lang)})", f"Multa ({unit_words(unit, lang)})", lang), top, unit)
        for b in bars:
            if b.unit == unit and b.fine is not None:
                d.row(b, "fine", b.fine, [(a, a.fine) for a in b.aggravations if a.fine is not None])
        d.close_panel()
    title = pick(f"Penalty ranges by source: {name}", f"Rangos de penas por fuente: {name}", lang)
    parts = []
    for b in bars:
        bits = [pick("imprisonment ", "prisión ", lang) + (f"{range_text(b.prison)} " + pick("years", "años", lang)
                                                             if b.prison else pick("none in source", "ninguna en la fuente", lang))]
        if b.fine is not None:
            bits.append(pick("fine ", "multa ", lang) + f"{range_text(b.fine)} {unit_words(b.unit, lang)}")
        for a in b.aggravations:
            bits.append(agg_label(a, lang) + (f" {range_text(a.prison)}" if a.prison else "")
                        + (f" / {range_text(a.fine)}" if a.fine else ""))
        parts.append(f"{b.label}: " + "; ".join(bits))
    return d.svg(title, ". ".join(parts) + ".")


def data_table(offence: dict, bars: list[Bar], lang: str, from_path: str) -> str:
    name, name_lang = offence_name(offence, lang)
    la = f' lang="{name_lang}"' if name_lang else ""
    cols = [pick("Source", "Fuente", lang), pick("Variant (the source's words)", "Variante (palabras de la fuente)", lang),
            pick("Imprisonment (years)", "Prisión (años)", lang), pick("Fine", "Multa", lang),
            pick("Fine unit", "Unidad de la multa", lang), pick("Aggravated (rule: imprisonment; fine)",
                                                                 "Agravada (regla: prisión; multa)", lang),
            pick("Source passages", "Pasajes de la fuente", lang)]
    out = [f'<div class="chart-table"><table><caption>{esc(pick("Data of the chart: ", "Datos del gráfico: ", lang))}'
           f"<span{la}>{esc(name)}</span></caption><thead><tr>"
           + "".join(f'<th scope="col">{esc(c)}</th>' for c in cols) + "</tr></thead><tbody>"]
    for b in bars:
        p = b.penalty
        src = esc(source_label(p, lang, with_editions=False))
        if b.link:
            src = f'<a href="{esc(href(from_path, b.link))}">{src}</a>'
        cond = p.get("condition")
        cond_cell = f"<span{foreign(b.condition_lang, lang)}>{esc(cond)}</span>" if cond else "—"
        prison = (range_text(b.prison) if b.prison else pick("none in source", "ninguna en la fuente", lang)
                  + (f" ({pick('community work', 'trabajo en favor de la comunidad', lang)} "
                     f"{range_text(p['community_work'])} {COMMUNITY_WORK_UNIT})" if p.get("community_work") else ""))
        fine = range_text(b.fine) if b.fine else pick("none in source", "ninguna en la fuente", lang)
        aggs = "<br>".join(esc(f"{agg_label(a, lang)}: " + (range_text(a.prison) if a.prison else "—") + "; "
                               + (range_text(a.fine) if a.fine else "—")) for a in b.aggravations) or "—"
        passages = "<br>".join(esc(s) for s in p.get("sources", [])) or esc(p.get("source") or "")
        out.append(f'<tr data-penalty="{esc(p["id"])}" data-basis="{esc(p["basis"])}"><td>{src}</td><td>{cond_cell}</td>'
                   f'<td class="num" data-kind="imprisonment">{esc(prison)}</td><td class="num" data-kind="fine">{esc(fine)}</td>'
                   f"<td>{esc(unit_words(b.unit, lang)) or '—'}</td><td>{aggs}</td><td>{passages}</td></tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def legend(lang: str, year: str) -> str:
    def swatch(fill, hatch=None):
        inner = (f'<rect width="28" height="12" fill="{fill}"/>' if hatch is None else
                 f'<rect width="28" height="10" y="1" fill="{hatch}" stroke="{fill}"/>'
                 + "".join(f'<line x1="{x}" y1="11" x2="{x + 8}" y2="1" stroke="{fill}" stroke-width="1.6"/>'
                           for x in range(-4, 28, 5)))
        return f'<svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">{inner}</svg>'
    items = [(swatch(STATUTE_FILL), pick("the statute (one bar per version of the article)",
                                         "la ley (una barra por versión del artículo)", lang)),
             (swatch(REPORT_FILL), pick(f"the State's report (its {year} account of the law, with no date of its own)".replace("  ", " "),
                                        f"el informe del Estado (su relato de {year} sobre la ley, sin fecha propia)"
                                        .replace("  ", " "), lang)),
             (swatch(STATUTE_FILL, STATUTE_LIGHT), pick("hatched: the range under an aggravation rule (labelled with the rule)",
                                                        "rayada: el rango con una regla de agravación (con el nombre de la regla)", lang))]
    return ('<ul class="chart-legend">' + "".join(f"<li>{s} {esc(t)}</li>" for s, t in items) + "</ul>")


def instrument_of(offence: dict, index: dict) -> str:
    return index["instruments"].get(offence.get("instrument"), {}).get("title") or offence.get("instrument") or ""


def penalty_chart_pages(ctx) -> dict[str, Page]:
    lang = ctx.lang
    label_to_iri = {p["label"]: iri for iri, p in ctx.by_iri.items()}

    def path_of(label):
        iri = label_to_iri.get(label)
        return ctx.provision_path(iri) if iri else None

    langs = condition_langs(ctx.store)
    groups: dict[str, list[tuple[dict, list[Bar]]]] = {}
    for o in ctx.index["offences"]:
        if not o.get("penalties"):
            continue
        groups.setdefault(instrument_of(o, ctx.index), []).append(
            (o, offence_bars(o, lang, path_of, langs, sources_of(ctx).path_of)))
    for items in groups.values():
        items.sort(key=lambda ob: (natural_key(ob[0]["penalties"][0]["provision"]), ob[0]["id"]))
    axes = axes_for(groups)
    # the report's year: the year its data says it was submitted
    years = sorted({(p.get("document_date") or "")[:4] for o in ctx.index["offences"] for p in o["penalties"]
                    if p["basis"] != STATUTE and p.get("document_date")})
    year = "/".join(years)
    year_note = f" ({year})" if year else ""
    title = pick("Penalty ranges drawn: the statute's versions and the State's report", "Rangos de penas dibujados: "
                 "las versiones de la ley y el informe del Estado", lang)
    intro = pick(
        f"Each offence gets one chart. A bar is one source's range: the State's report's account{year_note} or one version "
        "of the statute's article, with the dates it holds (journal publication of the decree; entry into force is not "
        "in source) and the editions that carry it. Within one instrument's offences every chart uses the same "
        "imprisonment axis, so a longer bar is a longer sentence across that section. Fines are drawn in their source's "
        "own unit, each unit on an axis of its own (the same within a section): días multa, times the daily value of the UMA and days of minimum wage are "
        "different units and are never compared on one axis. A hatched bar under a range is that range under an "
        "aggravation rule, computed as `lexkb penalty --with` does (\"up to\": at the judge's discretion, from the "
        "unchanged minimum to the raised maximum). Every bar links to the source that states it (the article's version, "
        "the report's paragraph); the numbers follow each chart "
        "as a table.",
        f"Cada delito tiene un gráfico. Una barra es el rango de una fuente: el relato del informe del Estado{year_note} o "
        "una versión del artículo de la ley, con las fechas en que rige (publicación del decreto en el Diario Oficial; "
        "la entrada en vigor no consta en la fuente) y las ediciones que la contienen. Entre los delitos de un mismo "
        "instrumento, todos los gráficos usan el mismo eje de prisión: una barra más larga es una pena más larga en "
        "toda esa sección. Las multas se dibujan en la unidad de su fuente, cada unidad en su propio eje (el mismo "
        "dentro de una sección): días multa, veces el "
        "valor diario de la UMA y días de salario mínimo son unidades distintas y nunca se comparan en un mismo eje. "
        "Una barra rayada bajo un rango es ese rango con una regla de agravación, calculado como lo hace `lexkb penalty "
        "--with` («hasta»: a discreción del juez, del mínimo sin cambio al máximo aumentado). Cada barra enlaza a la "
        "fuente que lo establece (la versión del artículo, el párrafo del informe); los números siguen a cada gráfico en una tabla.", lang)
    command = "`lexkb penalty --with`"
    intro_html = esc(intro).replace(command, f"<code>{esc(command.strip('`'))}</code>")
    see = pick("The dates of the versions, on one axis: ", "Las fechas de las versiones, en un eje: ", lang)
    body = [f"<h1>{esc(title)}</h1>", f"<p>{intro_html}</p>",
            f'<p>{esc(see)}<a href="timeline.html">{esc(pick("the timeline", "la cronología", lang))}</a>.</p>', legend(lang, year)]
    if lang == "es":
        body.append("<p>Nombres de delitos en español donde la base de conocimiento los tiene; las variantes del "
                    "informe, en inglés como en la fuente (marcadas).</p>")
    toc = []
    for group, items in groups.items():
        toc.append(f"<li><span{foreign('en', lang)}>{esc(group)}</span><ul>")
        for o, _bars in items:
            name, nl = offence_name(o, lang)
            la = f' lang="{nl}"' if nl else ""
            toc.append(f'<li><a href="{PATH}#{esc(o["id"])}"{la}>{esc(clip(name, 90))}</a> '
                       f"({esc(', '.join(o.get('penalised_in') or o.get('defined_in') or []))})</li>")
        toc.append("</ul></li>")
    body.append(f'<nav aria-label="{esc(pick("Offences", "Delitos", lang))}"><ul class="chart-toc">{"".join(toc)}</ul></nav>')
    for group, items in groups.items():
        # the instruments' titles are in the data's English
        body.append(f"<h2{foreign('en', lang)}>{esc(group)}</h2>")
        scales = [pick(f"imprisonment 0–{shown(axes.years[group])} years", f"prisión 0–{shown(axes.years[group])} años",
                       lang)] if group in axes.years else []
        scales += [f"{pick('fine', 'multa', lang)} 0–{shown(top)} {unit_words(unit, lang)}"
                   for (g, unit), top in sorted(axes.fines.items()) if g == group]
        lead = pick("The axes of every chart in this section: ", "Los ejes de todos los gráficos de esta sección: ", lang)
        body.append(f"<p>{esc(lead + '; '.join(scales))}.</p>")
        for o, bars in items:
            name, nl = offence_name(o, lang)
            la = f' lang="{nl}"' if nl else ""
            arts = ", ".join(o.get("penalised_in") or o.get("defined_in") or [])
            body.append(f'<h3 id="{esc(o["id"])}"><span{la}>{esc(name)}</span> ({esc(arts)})</h3>')
            body.append(f'<figure class="chart-figure" tabindex="0">{offence_svg(o, bars, axes, group, lang, PATH)}</figure>')
            body.append(data_table(o, bars, lang, PATH))
    return {PATH: Page(title, "\n".join(body) + "\n", styles=("charts.css",))}
