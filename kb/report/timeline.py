"""The dated events of the sources on one axis: the instruments' adoption, publication, ratification,
entry into force where the source gives it, and abrogation; the State's report's submission; each
statute edition; and each article's amendment notes, versions and repeals (the dated rows of the
history table, kb/queries/table-history.rq run once for every article), each linked to the article.

Dates are the sources' own: the journal's publication of each decree (entry into force is not in
source). Years run along the axis; the years before the first instrument's date are drawn on a
compressed stretch of it, marked as such. Events of one day and lane are stacked, never overlapping.
`timeline_svg(ctx, compact=True)` is the same picture with one marker per day and lane, for the
landing page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..tables.model import natural_key
from .i18n import pick
from .page import Page, esc, href

PATH = "timeline.html"
W, LABELS, X_END = 900, 150, 885   # the drawing's width; the lane names' column; the axis' right end
EARLY = 0.14                       # the share of the axis the compressed years before the first instrument take
LINE = 15

INSTRUMENT_DATES = (("date_adopted", "adopted", "adopción"),
                    ("date_publication", "published", "publicación"),
                    ("first_date_entry_in_force", "entry into force", "entrada en vigor"),
                    ("date_ratification", "ratified", "ratificación"))

Q_REPORTS = """
SELECT DISTINCT ?id ?submitted WHERE {
  ?document a lexkb:SourceDocument ; dcterms:identifier ?id ; dcterms:dateSubmitted ?submitted .
  FILTER NOT EXISTS { ?document a eli:LegalExpression }
} ORDER BY ?id"""


@dataclass
class Event:
    date: str                        # YYYY-MM-DD
    lane: str                        # "instruments", "editions", or an article's instrument IRI
    kind: str                        # amendment, version, repeal, edition, or an instrument date's key
    short: str                       # the words drawn beside the marker
    text: tuple[str, str]            # what happened, (en, es)
    sources: list[str] = field(default_factory=list)
    article: str | None = None       # the article's IRI
    article_label: str | None = None
    quote: str | None = None         # the source's own words (an amendment note, a repeal)
    editions: list[str] = field(default_factory=list)
    short_es: str | None = None      # the words drawn on a Spanish page, where they differ
    article_of_edition: str | None = None   # an article the edition carries (for its instrument)


_cache: dict[int, tuple[object, list[Event]]] = {}


def article_events(store) -> list[Event]:
    """One event per dated row of each article's history table: amendment notes, versions, repeals
    (one row per fact, its source passages gathered, as lexkb.tables.history does), and one per
    statute edition (the journal date of the edition that carries a version)."""
    from ..tables.common import run_query

    facts: dict[tuple, dict] = {}
    editions: dict[str, set] = {}
    for r in run_query(store, "history"):
        if r["kind"] not in ("amendment", "version", "repeal"):
            continue
        f = facts.setdefault((r["article"], r["kind"], r["id"]), {"row": r, "sources": set(), "editions": set()})
        if r["source"]:
            f["sources"].add(r["source"])
        if r["kind"] == "version" and r["editionDate"]:
            f["editions"].add(str(r["editionDate"])[:10])
            if r["source"] and ", art. " in r["source"]:
                editions.setdefault(r["source"].rsplit(", art. ", 1)[0], set()).add((str(r["editionDate"])[:10], r["article"]))
    out = []
    for (article, kind, _id), f in facts.items():
        r = f["row"]
        date = str(r["date"])[:10]
        if kind == "amendment":
            k_en, k_es = r["eventKindEn"], r["eventKindEs"] or r["eventKindEn"]
            l_en, l_es = r["eventLevelEn"], r["eventLevelEs"] or r["eventLevelEn"]
            text = (f"amendment note ({k_en}, {l_en})", f"nota de reforma ({k_es}, {l_es})")
        elif kind == "repeal":
            text = ("repeal", "derogación")
        else:
            text = (f"version: the article's text published {date}", f"versión: texto del artículo publicado el {date}")
        out.append(Event(date, "", kind, "", text, sorted(f["sources"]), article, r["articleLabel"],
                         r["note"] if kind != "version" else None, sorted(f["editions"])))
    for edition, seen in editions.items():
        dates = sorted({d for d, _a in seen})
        for d in dates:
            out.append(Event(d, "editions", "edition", "", ("statute edition", "edición de la ley"), [edition],
                             editions=[d], article_of_edition=min(a for day, a in seen if day == d)))
    return out


def instrument_events(index: dict, store) -> list[Event]:
    from ..store import select

    out = []
    for iri, inst in index["instruments"].items():
        short = inst.get("short") or inst.get("title") or iri
        for key, en, es in INSTRUMENT_DATES:
            if inst.get(key):
                out.append(Event(inst[key], "instruments", key, f"{short} {en}", (f"{short}: {en}", f"{short}: {es}"),
                                 sorted(inst.get("sources", [])), short_es=f"{short}: {es}"))
        if inst.get("repealer_date_publication"):
            by = inst.get("repealed_by") or ""
            out.append(Event(inst["repealer_date_publication"], "instruments", "abrogated", f"{short} abrogated",
                             (f"{short}: abrogated by {by} (its publication)", f"{short}: abrogada por {by} (su publicación)"),
                             sorted(inst.get("sources", [])), short_es=f"{short} abrogada"))
    for r in select(store, Q_REPORTS):
        day = str(r["submitted"])[:10]
        out.append(Event(day, "instruments", "submitted", f"{r['id']} submitted",
                         (f"the State's report {r['id']} submitted", f"el informe del Estado {r['id']}, presentado"),
                         [r["id"]], short_es=f"{r['id']}, presentado"))
    return out


def events(ctx) -> list[Event]:
    """Every dated event, in date order (language-free; the words of both languages are carried)."""
    hit = _cache.get(id(ctx.store))
    if hit is not None and hit[0] is ctx.store:
        return hit[1]
    evs = instrument_events(ctx.index, ctx.store) + article_events(ctx.store)
    by_iri = ctx.by_iri
    for e in evs:
        if e.article is not None:
            p = by_iri.get(e.article, {})
            e.lane = p.get("instrument") or ""
            e.short = p.get("number") or (e.article_label or "").split(" art. ")[-1]
        elif e.kind == "edition":
            inst = ctx.index["instruments"].get(by_iri.get(e.article_of_edition, {}).get("instrument"), {})
            e.short = edition_words(e.sources[0], inst.get("short"))
    evs.sort(key=lambda e: (e.date, lane_rank(e.lane), natural_key(e.article_label or e.short), e.kind))
    _cache.clear()
    _cache[id(ctx.store)] = (ctx.store, evs)
    return evs


def edition_words(edition: str, short: str | None = None) -> str:
    """An edition as the drawing names it: its instrument's short name and the journal date its title
    gives ('<short>, JOURNAL 28-11-2025'); the whole title is in the marker's title and the table."""
    from .charts import EDITION_DATE

    m = EDITION_DATE.search(edition)
    name = (short or edition.split(" (", 1)[0]).split(" (", 1)[0]
    name = name if len(name) <= 20 else name[:19] + "…"
    return f"{name}, {m.group(0)}" if m else edition


def lane_rank(lane: str) -> tuple:
    return (0,) if lane == "instruments" else (1,) if lane == "editions" else (2, lane)


def year_fraction(day: str) -> float:
    d = dt.date.fromisoformat(day)
    start = dt.date(d.year, 1, 1)
    length = (dt.date(d.year + 1, 1, 1) - start).days
    return d.year + (d - start).days / length


class Scale:
    """Years to x: the years before the first instrument's date on a compressed stretch, the rest linear."""

    def __init__(self, evs: list[Event]):
        years = [int(e.date[:4]) for e in evs]
        self.first, self.last = min(years), max(years) + 1
        anchored = [int(e.date[:4]) for e in evs if e.lane == "instruments"]
        self.window = min(anchored) if anchored else self.first
        self.early = self.window > self.first
        self.w0 = LABELS + (X_END - LABELS) * EARLY if self.early else LABELS

    def x(self, value: float) -> float:
        """The years before the window all go to one column, the middle of the compressed stretch."""
        if self.early and value < self.window:
            return round((LABELS + self.w0) / 2 - 20, 2)
        return round(self.w0 + (X_END - self.w0) * (value - self.window) / (self.last - self.window), 2)


@dataclass
class Marker:
    x: float
    date: str
    lane: str
    kinds: list[str]
    label: str
    title: str
    link: str | None
    events: list[Event]
    left: bool = False           # its words to the left of the marker (at the drawing's right edge)


def markers(evs: list[Event], ctx, scale: Scale, compact: bool, from_path: str) -> list[Marker]:
    """One marker per lane, day and article (compact: per lane and day), labelled."""
    lang = ctx.lang
    groups: dict[tuple, list[Event]] = {}
    for e in evs:
        if scale.early and int(e.date[:4]) < scale.window:
            # one marker per article, its years listed (compact: one per lane)
            key = (e.lane, "early") + (() if compact else (e.article or e.kind + e.short,))
        else:
            key = (e.lane, e.date) + (() if compact and e.article else (e.article or e.kind + e.short,))
        groups.setdefault(key, []).append(e)
    out = []
    for key, es in groups.items():
        e = es[0]
        if e.article and compact:
            arts = sorted({x.article_label for x in es}, key=natural_key)
            label = f"{len(arts)} " + (pick("art.", "art.", lang) if len(arts) == 1 else pick("arts.", "arts.", lang))
            link = href(from_path, PATH) + f"#d{e.date}"
            title = f"{e.date}: " + ", ".join(arts)
        elif e.article:
            label = e.short
            target = ctx.provision_path(e.article)
            link = href(from_path, target) if target else None
            title = f"{e.article_label}, {e.date}: " + "; ".join(pick(*x.text, lang) + (f" «{x.quote}»" if x.quote else "")
                                                                 for x in es)
        else:
            label = pick(e.short, e.short_es or e.short, lang)
            link = href(from_path, PATH) + f"#d{e.date}" if compact else None
            title = f"{e.date}: " + "; ".join(pick(*x.text, lang) + (f" ({x.sources[0]})" if x.sources else "") for x in es)
        if scale.early and int(e.date[:4]) < scale.window:
            years = sorted({x.date[:4] for x in es})
            if compact:
                label = f"{len(es)} " + pick("events", "hechos", lang) + f", {years[0]}–{years[-1]}"
            else:
                label = f"{e.short}: {', '.join(years)}" if e.article else f"{label} ({e.date[:4]})"
            if e.article and not compact:
                target = ctx.provision_path(e.article)
                link = href(from_path, target) if target else None
                title = f"{e.article_label}: " + "; ".join(f"{x.date}: {pick(*x.text, lang)}" + (f" «{x.quote}»" if x.quote else "")
                                                           for x in es)
        out.append(Marker(scale.x(year_fraction(e.date)), e.date, e.lane, sorted({x.kind for x in es}), label, title,
                          link, es))
    return out


def shape(m: Marker, y: float) -> str:
    """A marker's shape says its kind, beside its colour: a cross a repeal, a square an amendment note,
    a circle a new version, a diamond an instrument's date, a bar an edition."""
    x = m.x
    if "repeal" in m.kinds:
        return (f'<path d="M{x - 4} {y - 4}L{x + 4} {y + 4}M{x - 4} {y + 4}L{x + 4} {y - 4}" stroke="#8b0000" '
                f'stroke-width="2.2"/>')
    if "amendment" in m.kinds:
        return f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="#1f5fa8"/>'
    if "version" in m.kinds:
        return f'<circle cx="{x}" cy="{y}" r="4.2" fill="#fff" stroke="#1f5fa8" stroke-width="2"/>'
    if "edition" in m.kinds:
        return f'<rect x="{x - 1.5}" y="{y - 6}" width="3" height="12" fill="#444"/>'
    return f'<path d="M{x} {y - 5.5}L{x + 5.5} {y}L{x} {y + 5.5}L{x - 5.5} {y}Z" fill="#a04a00"/>'


def lane_name(lane: str, ctx) -> tuple[str, str | None]:
    """A lane's name, on one line or two."""
    lang = ctx.lang
    if lane == "instruments":
        return pick("Instruments,", "Instrumentos,", lang), pick("the report", "el informe", lang)
    if lane == "editions":
        return pick("Statute", "Ediciones", lang), pick("editions", "de la ley", lang)
    short = ctx.index["instruments"].get(lane, {}).get("short") or lane
    short = short if len(short) <= 18 else short.split(" (")[0][:17] + "…"
    return short, pick("articles", "artículos", lang)


def timeline_svg(ctx, compact: bool = True, from_path: str = "index.html") -> str:
    """The timeline as one inline SVG (role img, title and description); compact: one marker per day
    and lane, each linking to that day's rows of the timeline page."""
    lang = ctx.lang
    evs = events(ctx)
    scale = Scale(evs)
    ms = markers(evs, ctx, scale, compact, from_path)
    lanes = sorted({m.lane for m in ms}, key=lane_rank)
    ident = "tl-compact" if compact else "tl"
    parts, y = [], 8
    # the axis: years, every year a tick, a label every few years; the compressed stretch says so
    axis_y = 22
    y = axis_y + 12
    rows_of: dict[str, list[list[Marker]]] = {}
    for lane in lanes:
        rows: list[float] = []
        placed: list[list[Marker]] = []
        for m in sorted((m for m in ms if m.lane == lane), key=lambda m: (m.x, m.date, natural_key(m.label))):
            width = 6.0 * len(m.label) + 10
            m.left = m.x + 8 + width > W - 2
            start, end = (m.x - 8 - width, m.x + 6) if m.left else (m.x - 6, m.x + 8 + width)
            i = next((i for i, last in enumerate(rows) if last + 4 <= start), None)
            if i is None:
                rows.append(end)
                placed.append([m])
            else:
                rows[i] = end
                placed[i].append(m)
        rows_of[lane] = placed
    body = []
    for n, lane in enumerate(lanes):
        placed = rows_of[lane]
        height = max(len(placed), 1) * LINE + 10
        if n % 2 == 0:
            body.append(f'<rect x="0" y="{y}" width="{W}" height="{height}" fill="#f4f4f4"/>')
        name, second = lane_name(lane, ctx)
        body.append(f'<text x="6" y="{y + 15}" font-size="11.5" font-weight="700" fill="#111">{esc(name)}'
                    + (f'<tspan x="6" dy="14">{esc(second)}</tspan>' if second else "") + "</text>")
        for r, row in enumerate(placed):
            my = y + 10 + r * LINE
            for m in row:
                label = (f'<text x="{m.x - 8 if m.left else m.x + 8}" y="{my + 4}" font-size="10.5" fill="#111" '
                         f'text-anchor="{"end" if m.left else "start"}">{esc(m.label)}</text>')
                g = f"<title>{esc(m.title)}</title>{shape(m, my)}{label}"
                attrs = (f'data-dates="{esc(" ".join(sorted({x.date for x in m.events})))}" '
                         f'data-kinds="{esc(" ".join(m.kinds))}" '
                         f'data-events="{len(m.events)}"'
                         + (f' data-article="{esc(m.events[0].article_label)}"' if m.events[0].article and not compact else ""))
                body.append(f'<a href="{esc(m.link)}" {attrs}>{g}</a>' if m.link else f"<g {attrs}>{g}</g>")
        y += height
    top, bottom = axis_y + 12, y
    grid = []
    for year in range(scale.window, scale.last + 1):
        x = scale.x(year)
        step = 1 if scale.last - scale.window <= 12 else 2 if scale.last - scale.window <= 30 else 5
        labelled = (year - scale.window) % step == 0
        grid.append(f'<line x1="{x}" x2="{x}" y1="{top}" y2="{bottom}" stroke="{"#bbb" if labelled else "#e2e2e2"}" '
                    f'stroke-width="1"/>')
        if labelled:
            grid.append(f'<text x="{x}" y="{axis_y}" font-size="10.5" fill="#333" text-anchor="middle">{year}</text>')
    if scale.early:
        early = sorted(int(e.date[:4]) for e in evs if int(e.date[:4]) < scale.window)
        xb = scale.w0 - 6
        grid.append(f'<line x1="{xb}" x2="{xb}" y1="{axis_y - 10}" y2="{bottom}" stroke="#777" stroke-width="1" '
                    f'stroke-dasharray="3 3"/>')
        grid.append(f'<text x="{(LABELS + xb) / 2}" y="{axis_y}" font-size="10.5" fill="#333" text-anchor="middle">'
                    f"{early[0]}–{early[-1]}</text>")
    parts = grid + body
    height = y + 6
    kinds = {}
    for e in evs:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    busiest = sorted({e.date for e in evs}, key=lambda d: -sum(1 for e in evs if e.date == d))[:3]
    title = pick(f"Timeline of the sources, {scale.first}–{scale.last - 1}", f"Cronología de las fuentes, "
                 f"{scale.first}–{scale.last - 1}", lang)
    desc = pick(f"{len(evs)} dated events: {kinds.get('amendment', 0)} amendment notes, {kinds.get('version', 0)} "
                f"versions of articles, {kinds.get('repeal', 0)} repeals, {kinds.get('edition', 0)} statute editions and "
                f"{sum(v for k, v in kinds.items() if k not in ('amendment', 'version', 'repeal', 'edition'))} dates of "
                f"instruments and the report. Busiest days: "
                + ", ".join(f"{d} ({sum(1 for e in evs if e.date == d)})" for d in busiest)
                + (f". The events before {scale.window} are gathered in one column at the left, each with its year."
                   if scale.early else "."),
                f"{len(evs)} hechos fechados: {kinds.get('amendment', 0)} notas de reforma, {kinds.get('version', 0)} "
                f"versiones de artículos, {kinds.get('repeal', 0)} derogaciones, {kinds.get('edition', 0)} ediciones de "
                f"la ley y {sum(v for k, v in kinds.items() if k not in ('amendment', 'version', 'repeal', 'edition'))} "
                f"fechas de instrumentos y del informe. Días con más hechos: "
                + ", ".join(f"{d} ({sum(1 for e in evs if e.date == d)})" for d in busiest)
                + (f". Los hechos anteriores a {scale.window} se reúnen en una columna a la izquierda, cada uno con su año."
                   if scale.early else "."), lang)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="100%" role="group" '
            f'aria-labelledby="{ident}-t {ident}-d" font-family="system-ui, sans-serif" class="timeline" '
            f'style="max-width:100%;height:auto" data-events="{len(evs)}">'
            f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
            + "".join(parts) + "</svg>")


def legend(lang: str) -> str:
    items = [(f'<rect x="2" y="2" width="8" height="8" fill="#1f5fa8"/>', pick("amendment note (the edition's words)",
                                                                             "nota de reforma (palabras de la edición)", lang)),
             (f'<circle cx="6" cy="6" r="4.2" fill="#fff" stroke="#1f5fa8" stroke-width="2"/>',
              pick("new version of an article's text", "nueva versión del texto de un artículo", lang)),
             (f'<path d="M2 2L10 10M2 10L10 2" stroke="#8b0000" stroke-width="2.2"/>', pick("repeal", "derogación", lang)),
             (f'<rect x="4.5" y="0" width="3" height="12" fill="#444"/>', pick("statute edition", "edición de la ley", lang)),
             (f'<path d="M6 0.5L11.5 6L6 11.5L0.5 6Z" fill="#a04a00"/>',
              pick("an instrument's date, the report's submission", "fecha de un instrumento, presentación del informe", lang))]
    return ('<ul class="chart-legend">' + "".join(
        f'<li><svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">{s}</svg> {esc(t)}</li>'
        for s, t in items) + "</ul>")


def events_table(ctx, evs: list[Event]) -> str:
    lang = ctx.lang
    cols = [pick("Date", "Fecha", lang), pick("Event", "Hecho", lang), pick("Article or instrument", "Artículo o instrumento", lang),
            pick("The source's words", "Palabras de la fuente", lang), pick("Editions", "Ediciones", lang),
            pick("Source", "Fuente", lang)]
    out = [f'<div class="chart-table"><table class="timeline-events"><caption>'
           f'{esc(pick("The dated events of the sources", "Los hechos fechados de las fuentes", lang))}</caption><thead><tr>'
           + "".join(f'<th scope="col">{esc(c)}</th>' for c in cols) + "</tr></thead><tbody>"]
    seen = set()
    for e in evs:
        anchor = f' id="d{e.date}"' if e.date not in seen else ""
        seen.add(e.date)
        if e.article:
            target = ctx.provision_path(e.article)
            what = esc(e.article_label)
            what = f'<a href="{esc(href(PATH, target))}">{what}</a>' if target else what
        else:
            what = esc(pick(*e.text, lang).split(": ")[0]) if e.lane == "instruments" else esc(e.sources[0] if e.sources else "")
        quote = f'<q lang="es">{esc(e.quote)}</q>' if e.quote else "—"
        out.append(f'<tr{anchor} data-date="{esc(e.date)}" data-kind="{esc(e.kind)}" '
                   f'data-article="{esc(e.article_label or "")}"><td>{esc(e.date)}</td><td>{esc(pick(*e.text, lang))}</td>'
                   f"<td>{what}</td><td>{quote}</td><td>{esc(', '.join(e.editions)) or '—'}</td>"
                   f"<td>{'<br>'.join(esc(s) for s in e.sources) or '—'}</td></tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def timeline_pages(ctx) -> dict[str, Page]:
    lang = ctx.lang
    evs = events(ctx)
    title = pick("Timeline: the dated events of the sources", "Cronología: los hechos fechados de las fuentes", lang)
    intro = pick(
        "Every dated event the knowledge base holds, on one axis of years: the instruments' dates and the State's "
        "report's submission, each statute edition, and each article's amendment notes, new versions and repeals, as "
        "the editions record them. Dates are the journal's publication of each decree; entry into force is not in "
        "source. Events of the same day are stacked. Each article's marker links to its page; the same events follow as "
        "a table.",
        "Todos los hechos fechados de la base de conocimiento, en un eje de años: las fechas de los instrumentos y la "
        "presentación del informe del Estado, cada edición de la ley, y las notas de reforma, nuevas versiones y "
        "derogaciones de cada artículo, como las anotan las ediciones. Las fechas son las de publicación de cada decreto "
        "en el Diario Oficial; la entrada en vigor no consta en la fuente. Los hechos del mismo día se apilan. El "
        "marcador de cada artículo enlaza a su página; los mismos hechos siguen en una tabla.", lang)
    see = pick("What each version's penalties were, drawn: ", "Las penas de cada versión, dibujadas: ", lang)
    body = [f"<h1>{esc(title)}</h1>", f"<p>{esc(intro)}</p>",
            f'<p>{esc(see)}<a href="penalties-chart.html">{esc(pick("the penalty ranges", "los rangos de penas", lang))}</a>.</p>',
            legend(lang), f'<figure class="chart-figure timeline-figure" tabindex="0">{timeline_svg(ctx, compact=False, from_path=PATH)}'
                          f"</figure>", events_table(ctx, evs)]
    return {PATH: Page(title, "\n".join(body) + "\n", styles=("charts.css",))}
