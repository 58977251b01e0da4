"""The report's charts are data: the penalty bars carry the numbers `lexkb penalty --format json`
prints (read back from the SVG's data- attributes and from the table after each chart), and the
timeline's events are the dated rows of every article's history table and the instruments' dates.
Every chart is a named group (role="group": its bars and markers are links, which role="img" would hide from
assistive technology, axe's nested-interactive) with a text alternative, in both languages."""
import html.parser
import json
import subprocess
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest

from lexkb.kbfile import load_index
from lexkb.penalty import answer
from lexkb.report.charts import penalty_chart_pages
from lexkb.report.site import Context, _load
from lexkb.report.timeline import timeline_pages, timeline_svg

LEXKB = Path(sys.executable).parent / "lexkb"


class Parts(html.parser.HTMLParser):
    """The SVGs (attributes, their <title>/<desc> texts), the bars, the markers and the tables' cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.svgs, self.rects, self.markers, self.rows = [], [], [], []
        self.ids: dict[str, str] = {}
        self._text_of = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svgs.append(a)
        if tag == "rect" and "data-kind" in a:
            self.rects.append(a)
        if tag in ("a", "g") and "data-dates" in a:
            self.markers.append(a)
        if tag in ("title", "desc") and "id" in a:
            self._text_of = a["id"]
            self.ids[a["id"]] = ""
        if tag == "tr":
            self._row = {"attrs": a, "cells": {}, "texts": []}
        if tag == "td" and self._row is not None:
            self._cell = a.get("data-kind") or len(self._row["texts"])
            self._row["texts"].append("")

    def handle_data(self, data):
        if self._text_of:
            self.ids[self._text_of] += data
        if self._cell is not None:
            self._row["texts"][-1] += data

    def handle_endtag(self, tag):
        if tag in ("title", "desc"):
            self._text_of = None
        if tag == "td" and self._cell is not None:
            self._row["cells"][self._cell] = self._row["texts"][-1]
            self._cell = None
        if tag == "tr" and self._row is not None:
            if self._row["cells"]:
                self.rows.append(self._row)
            self._row = None


def parse(text: str) -> Parts:
    p = Parts()
    p.feed(text)
    p.close()
    return p


@pytest.fixture(scope="module")
def kb():
    return _load(None)


@pytest.fixture(scope="module", params=["en", "es"])
def pages(request, kb):
    store, index = kb
    ctx = Context(store, index, request.param)
    out = {}
    out.update(penalty_chart_pages(ctx))
    out.update(timeline_pages(ctx))
    return request.param, ctx, {path: page.body for path, page in out.items()}


def cli_penalty(query: str, *args: str) -> dict:
    run = subprocess.run([str(LEXKB), "penalty", query, "--format", "json", *args], capture_output=True, text=True,
                         check=True)
    return json.loads(run.stdout)


def number(text: str):
    """A bound as the table shows it ('2,500', '13.5', '250/3 ≈ 83.33') -> an exact number."""
    text = text.split("≈")[0].strip().replace(",", "")
    return Fraction(text) if "/" in text else Fraction(text)


def table_range(text: str):
    lo, hi = text.split(" (")[0].split("–")
    return [number(lo), number(hi)]


def bars(parts: Parts, penalty: str, kind: str) -> list[dict]:
    return [r for r in parts.rects if r["data-penalty"] == penalty and r["data-kind"] == kind]


# --- named cases, through the command line ---

def test_cpf_204_statute_and_report_bars_equal_lexkb_penalty(pages):
    lang, _ctx, bodies = pages
    parts = parse(bodies["penalties-chart.html"])
    result = cli_penalty("204")["results"][0]
    statute = next(p for p in result["penalties"] if p["basis"] == "statute")
    report = next(p for p in result["penalties"] if p["basis"] == "state-report")
    # the numbers a reader relies on: 8–15 years in both, 1,000–2,500 días multa against 1,000–2,000 days of minimum wage
    assert statute["imprisonment_years"] == [8, 15] and report["imprisonment_years"] == [8, 15]
    assert statute["fine"] == [1000, 2500] and statute["fine_unit"]["id"] == "dia-multa"
    assert report["fine"] == [1000, 2000] and report["fine_unit"]["id"] == "minimum-daily-wage"
    drawn = {(r["data-basis"], r["data-kind"]): r for r in parts.rects
             if r["data-penalty"] in ("cpf-204", "cpf-204-v2007-03-27") and not r["data-kind"].startswith("aggravated")}
    for p in (statute, report):
        prison, fine = drawn[(p["basis"], "imprisonment")], drawn[(p["basis"], "fine")]
        assert [float(prison["data-lo"]), float(prison["data-hi"])] == p["imprisonment_years"]
        assert [float(fine["data-lo"]), float(fine["data-hi"])] == p["fine"]
        assert fine["data-unit"] == p["fine_unit"]["id"] and prison["data-unit"] == "years"
        assert prison["data-source"] == p["source"]
    # the two fines are on axes of their own units: never one axis for días multa and days of minimum wage
    assert drawn[("statute", "fine")]["data-unit"] != drawn[("state-report", "fine")]["data-unit"]
    rows = {r["attrs"]["data-penalty"]: r["cells"] for r in parts.rows if "data-penalty" in r["attrs"]}
    assert table_range(rows["cpf-204-v2007-03-27"]["imprisonment"]) == [8, 15]
    assert table_range(rows["cpf-204-v2007-03-27"]["fine"]) == [1000, 2500]
    assert table_range(rows["cpf-204"]["imprisonment"]) == [8, 15]
    assert table_range(rows["cpf-204"]["fine"]) == [1000, 2000]
    assert rows["cpf-204"][4] == ("days of minimum wage" if lang == "en" else "días de salario mínimo")
    assert rows["cpf-204-v2007-03-27"][4] == "días multa"


def test_aggravated_bars_equal_lexkb_penalty_with(pages):
    _lang, _ctx, bodies = pages
    parts = parse(bodies["penalties-chart.html"])
    # CPF 204 doubled by art. 205 bis: 16–30 years, 2,000–5,000 días multa
    agg = bars(parts, "cpf-204-v2007-03-27", "aggravated-imprisonment")
    assert [(a["data-lo"], a["data-hi"]) for a in agg] == [("16", "30")]
    result = cli_penalty("204", "--with", agg[0]["data-factor"], "--on", agg[0]["data-on"])["results"][0]
    p = next(p for p in result["penalties"] if p["basis"] == "statute")
    assert p["effective_imprisonment_years"] == [16, 30] and p["effective_fine"] == [2000, 5000]
    fine = bars(parts, "cpf-204-v2007-03-27", "aggravated-fine")
    assert [(a["data-lo"], a["data-hi"]) for a in fine] == [("2000", "5000")]
    # pederasty in the State's account, increased by half: 13.5–27 years, 1,125–3,375 days of minimum wage
    rep = bars(parts, "cpf-209bis", "aggravated-imprisonment")
    assert [(a["data-lo"], a["data-hi"]) for a in rep] == [("13.5", "27")]
    result = cli_penalty("pederasty", "--with", rep[0]["data-factor"])["results"][0]
    p = next(p for p in result["penalties"] if p["basis"] == "state-report")
    assert p["effective_imprisonment_years"] == [13.5, 27] and p["effective_fine"] == [1125, 3375]


def test_no_prison_term_is_said_in_words_not_drawn(pages):
    lang, _ctx, bodies = pages
    parts = parse(bodies["penalties-chart.html"])
    assert bars(parts, "cpf-208-v2007-03-27", "imprisonment") == []
    words = ("No prison term in the source: community work only, 10–180 jornadas de trabajo en favor de la comunidad"
             if lang == "en" else
             "Sin pena de prisión en la fuente: solo trabajo en favor de la comunidad, 10–180 jornadas de trabajo en "
             "favor de la comunidad")
    assert words in bodies["penalties-chart.html"]


# --- every bar, through the command's function (the same answer, in-process) ---

def test_every_bar_equals_lexkb_penalty_of_its_day(pages):
    _lang, ctx, bodies = pages
    parts = parse(bodies["penalties-chart.html"])
    index = load_index()
    offence_of = {p["id"]: o["id"] for o in index["offences"] for p in o["penalties"]}
    checked = Counter()
    for r in parts.rects:
        offence = offence_of[r["data-penalty"]]
        statute = r["data-basis"] == "statute"
        aggravated = r["data-kind"].startswith("aggravated")
        on = (r["data-on"] if aggravated else r["data-valid-from"]) if statute else None
        result, _ = answer(offence, index, [r["data-factor"]] if aggravated else [], on)
        [p] = [p for p in result["results"][0]["penalties"]
               if p["basis"] == r["data-basis"] and (p["condition"] or "") == r["data-condition"]
               and (p["valid_from"] or "") == r["data-valid-from"]]
        assert p["source"] == r["data-source"]
        key = {"imprisonment": "imprisonment_years", "fine": "fine", "aggravated-imprisonment":
               "effective_imprisonment_years", "aggravated-fine": "effective_fine"}[r["data-kind"]]
        # the attribute is the JSON number's own text (repr of the float for a bound like 100/3)
        assert [float(r["data-lo"]), float(r["data-hi"])] == [float(x) for x in p[key]], (offence, r)
        if "fine" in r["data-kind"]:
            assert r["data-unit"] == p["fine_unit"]["id"]
        checked[r["data-kind"]] += 1
    # every penalty variant of every version is drawn: 31 offences, 48 variants (41 with a fine), and their
    # aggravated ranges (one per rule, versions of a rule that give the same range drawn once)
    n_penalties = sum(len(o["penalties"]) for o in index["offences"])
    assert checked["imprisonment"] == sum(1 for o in index["offences"] for p in o["penalties"]
                                          if p["imprisonment_years"] is not None) == n_penalties - 1
    assert checked["fine"] == sum(1 for o in index["offences"] for p in o["penalties"] if p["fine"] is not None)
    assert checked["aggravated-imprisonment"] > 40


def test_table_after_each_chart_has_the_bars_numbers(pages):
    _lang, _ctx, bodies = pages
    parts = parse(bodies["penalties-chart.html"])
    rows = {r["attrs"]["data-penalty"]: r["cells"] for r in parts.rows if "data-penalty" in r["attrs"]}
    for r in parts.rects:
        if r["data-kind"] in ("imprisonment", "fine"):
            assert table_range(rows[r["data-penalty"]][r["data-kind"]]) == [Fraction(r["data-lo"]), Fraction(r["data-hi"])]
        else:  # an aggravated bound may be a fraction (× 5/3): the table gives it exact, the attribute as JSON does
            cell = next(c for c in rows[r["data-penalty"]].values() if r["data-rule"] in c)
            assert f"{r['data-rule']}" in cell


# --- the timeline ---

@pytest.fixture(scope="module")
def histories(kb):
    from lexkb.store import select
    from lexkb.tables import build_table
    from lexkb.tables.history import Q_ARTICLES

    store, _index = kb
    # every article, those inside a chapter too (CPF arts. 206 and 206 bis sit in chapter VI)
    articles = select(store, Q_ARTICLES)
    assert {"CPF art. 206", "CPF art. 206 bis"} <= {a["label"] for a in articles}
    rows = []
    for a in articles:
        table = build_table("history", store=store, article=a["label"])
        rows += [(a["label"], row["_kind"], row["date"]) for row in table.rows
                 if row["_kind"] in ("amendment", "version", "repeal")]
    return rows


def test_timeline_events_are_the_history_tables_dated_rows(pages, histories):
    _lang, _ctx, bodies = pages
    parts = parse(bodies["timeline.html"])
    table = [r["attrs"] for r in parts.rows if r["attrs"].get("data-kind") in ("amendment", "version", "repeal")]
    assert Counter((r["data-article"], r["data-kind"], r["data-date"]) for r in table) == Counter(histories)
    assert len(table) == len(histories) == 118
    # each article's markers carry the dates of its events: every dated row, drawn
    drawn = {(m["data-article"], d) for m in parts.markers if "data-article" in m for d in m["data-dates"].split()}
    assert drawn == {(a, d) for a, _k, d in histories}
    # and each links to the article's page
    assert all(m.get("href", "").startswith("provisions/") for m in parts.markers if "data-article" in m)
    # 2007-03-27, the Code's reform of that day, is the busiest: 18 amendment notes, 11 new versions, 3 repeals
    busiest = Counter((k, d) for _a, k, d in histories)
    assert (busiest["amendment", "2007-03-27"], busiest["version", "2007-03-27"], busiest["repeal", "2007-03-27"]) == (18, 11, 3)


def test_timeline_instrument_dates_are_the_datas(pages):
    _lang, ctx, bodies = pages
    parts = parse(bodies["timeline.html"])
    dated = Counter(r["attrs"]["data-date"] for r in parts.rows
                    if r["attrs"].get("data-kind") not in (None, "amendment", "version", "repeal", "edition"))
    expected = Counter()
    for inst in ctx.index["instruments"].values():
        for key in ("date_adopted", "date_publication", "first_date_entry_in_force", "date_ratification",
                    "repealer_date_publication"):
            if inst.get(key):
                expected[inst[key]] += 1
    expected["2010-10-12"] += 1       # the State's report's submission (dcterms:dateSubmitted)
    assert dated == expected
    # the abrogation and the publication of the act that abrogated it are one day, from the data
    assert dated["2012-06-14"] == 2 and dated["2007-11-27"] == 1 and dated["2010-08-19"] == 1
    editions = sorted(r["attrs"]["data-date"] for r in parts.rows if r["attrs"].get("data-kind") == "edition")
    assert editions == ["2012-06-14", "2013-06-07", "2020-01-24", "2023-04-05", "2025-11-14", "2025-11-28"]


def test_compact_timeline_counts_every_event(pages):
    _lang, ctx, bodies = pages
    svg = timeline_svg(ctx, compact=True)
    parts = parse(svg)
    full = parse(bodies["timeline.html"])
    assert sum(int(m["data-events"]) for m in parts.markers) == len(full.rows) == int(parts.svgs[0]["data-events"])
    assert all(m["href"].startswith("timeline.html#d") for m in parts.markers if "href" in m)


def test_every_chart_has_role_img_and_a_text_alternative(pages):
    lang, ctx, bodies = pages
    bodies = dict(bodies, compact=timeline_svg(ctx, compact=True))
    for path, body in bodies.items():
        parts = parse(body)
        charts = [s for s in parts.svgs if s.get("aria-hidden") != "true"]
        assert charts, path
        for s in charts:
            assert s["role"] == "group" and s["viewbox"].startswith("0 0 ") and s["width"] == "100%", (path, s)
            title, desc = s["aria-labelledby"].split()
            assert parts.ids[title].strip() and parts.ids[desc].strip(), (path, s)
        # decorative legend swatches are hidden from assistive technology; nothing else is
        assert all(s.get("role") == "group" for s in parts.svgs if s.get("aria-hidden") != "true")
    assert 'lang="es"' in bodies["penalties-chart.html"] if lang == "en" else "Rangos de penas" in bodies["penalties-chart.html"]
    # one chart per offence, each followed by its table
    chart = bodies["penalties-chart.html"]
    assert chart.count('role="group"') == len(ctx.index["offences"]) == 31
    assert chart.count("</svg></figure>\n<div class=\"chart-table\"><table><caption>") == 31


def test_each_bar_links_to_the_passage_that_states_it(pages):
    """A statute bar opens the page of the article's version it draws (versions/ARTICLE/DATE.html, the date its
    data-valid-from); a bar of the State's report opens the report's paragraph it cites."""
    import re

    _lang, ctx, bodies = pages
    linked = re.findall(r'<a href="([^"]+)"><rect ([^>]*)>', bodies["penalties-chart.html"])
    assert len(linked) > 100
    seen = set()
    for link, attrs in linked:
        a = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        if a["data-basis"] == "statute":
            assert re.fullmatch(r"versions/[a-z0-9-]+/" + re.escape(a["data-valid-from"]) + r"\.html", link), (link, a)
        else:
            assert re.fullmatch(r"sources/[A-Za-z0-9.-]+/para-\d+\.html", link), (link, a)
        seen.add(a["data-basis"])
    assert seen == {"statute", "state-report"}
    assert ('<a href="versions/cpf-art-204/2007-03-27.html"><rect ' in bodies["penalties-chart.html"]
            and '<a href="sources/CRC-C-OPSC-MEX-Q-1-Add.1/para-47.html"><rect ' in bodies["penalties-chart.html"])
