"""The numbers in the tables: written here from the sources' words (the statute's editions in
provisions/source/cpf-dof-*.txt, the State's report in provisions/source/CRC-C-OPSC-MEX-Q-1-Add.1.txt),
and the same as the numbers `lexkb penalty` prints (index.json offences[].penalties[])."""
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from lexkb.tables import build_table
from lexkb.tables.model import Code, Range
from lexkb.tables.render import raw_value
from lexkb.validity import holds

from lexkb.kbfile import load_index

ROOT = Path(__file__).resolve().parent.parent
INDEX = load_index()
PENALTIES = {p["id"]: (o, p) for o in INDEX["offences"] for p in o["penalties"]}
TODAY = {pid for pid, (_o, p) in PENALTIES.items() if holds(p, None)}  # today's law and the State's account


def R(lo, hi):
    return Range(Decimal(str(lo)), Decimal(str(hi)))


# (imprisonment in years, fine, fine unit), from the words of each source
FROM_SOURCES = {
    # CPF 204, edition DOF 28-11-2025: "prisión de ocho a quince años y de mil a dos mil quinientos días de multa"
    "cpf-204-v2007-03-27": (R(8, 15), R(1000, 2500), "días multa"),
    # the State's report, para. 47: "between 8 and 15 years' imprisonment and a fine of between 1,000 and 2,000
    # minimum daily wages" (a finding: the report's fine maximum is not the statute's)
    "cpf-204": (R(8, 15), R(1000, 2000), "days of minimum wage"),
    # CPF 206: "prisión de dos a nueve años y de cincuenta a quinientos días multa"; report para. 50 the same numbers
    "cpf-206-v2007-03-27": (R(2, 9), R(50, 500), "días multa"),
    "cpf-206": (R(2, 9), R(50, 500), "days of minimum wage"),
    # CPF 200: "de seis meses a cinco años de prisión y de trescientos a quinientos días multa"
    "cpf-200-v2007-03-27": (R("0.5", 5), R(300, 500), "días multa"),
    # CPF 209: "pena de seis meses a tres años de prisión y de cincuenta a doscientos días multa"
    "cpf-209-v2010-08-19": (R("0.5", 3), R(50, 200), "días multa"),
    # CPF 209 Bis: "de nueve a dieciocho años de prisión y de setecientos cincuenta a dos mil doscientos cincuenta días multa"
    "cpf-209bis-v2010-08-19": (R(9, 18), R(750, 2250), "días multa"),
    # CPF 209 Quintus: "de dos a seis años de prisión y multa de mil a dos mil veces el valor diario de la Unidad de
    # Medida y Actualización"
    "cpf-209quintus-v2024-06-07": (R(2, 6), R(1000, 2000), "times the daily value of the UMA"),
    # CPF 201, editions 2020 and 2025, inciso c): "pena de prisión de cuatro a nueve años y de cuatrocientos a
    # novecientos días multa"
    "cpf-201-c-v2016-07-18": (R(4, 9), R(400, 900), "días multa"),
    # CPF 201 Bis: "prisión de uno a tres años y de trescientos a setecientos días multa"
    "cpf-201bis-v2007-03-27": (R(1, 3), R(300, 700), "días multa"),
    # LPSTP art. 6, report para. 51: I "six to 12 years ... 500 to 1,500 days", II "9 to 18 years ... 750 to 2,250"
    "lpstp-6-I": (R(6, 12), R(500, 1500), "days of minimum wage"),
    "lpstp-6-II": (R(9, 18), R(750, 2250), "days of minimum wage"),
    # CPF 208: "de diez a ciento ochenta jornadas de trabajo en favor de la comunidad, si el delito no se ejecutare":
    # no prison term, no fine (the community work: test_community_work_of_208)
    "cpf-208-v2007-03-27": ("none in source", "none in source", None),
}

# The aggravated ranges of today's law, worked out by hand from the words: CPF 205 bis (version of
# 2023-10-18) doubles "las sanciones señaladas en dichos artículos" of arts. 200, 201, 202, 203, 203 Bis,
# 204 and 209 Bis (both bounds: lexkb's reading cpf-205bis-al-doble-bounds); CPF 209 Bis "en una mitad
# más"; LPSTP art. 6 III (para. 51) "by half"; one range per rule, never two rules (or two versions of
# one rule) together.
AGGRAVATED = {
    "cpf-204-v2007-03-27": ([R(16, 30)], [R(2000, 5000)]),             # 8-15 x 2, 1,000-2,500 x 2
    "cpf-200-v2007-03-27": ([R(1, 10)], [R(600, 1000)]),               # 0.5-5 x 2, 300-500 x 2
    "cpf-209bis-v2010-08-19": ([R(18, 36), R("13.5", 27)],             # x 2 (205 bis), x 1.5 (209 bis)
                               [R(1500, 4500), R(1125, 3375)]),
    "cpf-209bis": ([R("13.5", 27)], [R(1125, 3375)]),                  # the report's para. 48: "increased by half"
    "lpstp-6-I": ([R(9, 18)], [R(750, 2250)]),                         # 6-12 x 1.5, 500-1,500 x 1.5
    "lpstp-6-II": ([R("13.5", 27)], [R(1125, 3375)]),                  # 9-18 x 1.5, 750-2,250 x 1.5
    # 209 Quáter: "se aumentará hasta en una mitad, en su mínimo y en su máximo": a ceiling, so 8 stays the
    # floor and 15 x 1.5 = 22.5 the top; 1,000-2,500 días multa -> up to 3,750
    "cpf-209quater-v2023-04-25": ([R(8, "22.5")], [R(1000, 3750)]),
    "cpf-206-v2007-03-27": (None, None),                               # 205 bis does not name art. 206
    "cpf-204": (None, None),                                           # the report gives 204 no aggravation
}


def cells(value):
    return None if value is None else value if isinstance(value, list) else [value]


@pytest.fixture(scope="module")
def penalties():
    return {r["_penalty_id"]: r for r in build_table("penalties").rows}


def test_penalty_numbers_are_the_sources_numbers(penalties):
    for pid, (imprisonment, fine, unit) in FROM_SOURCES.items():
        row = penalties[pid]
        assert (row["imprisonment_years"], row["fine"], row["fine_unit"] and row["fine_unit"].label) == (
            imprisonment, fine, unit), pid
    for pid, (imp, fine) in AGGRAVATED.items():
        assert cells(penalties[pid]["aggravated_imprisonment_years"]) == imp, pid
        assert cells(penalties[pid]["aggravated_fine"]) == fine, pid


def test_rows_are_todays_law_and_the_states_account(penalties):
    """Without --on: the latest version of each statute article and every account of the report; CPF 201's
    version of 2007-03-27 (valid until the reform of 2016-07-18) is not today's law."""
    assert set(penalties) == TODAY
    assert "cpf-201-c-v2007-03-27" not in penalties and "cpf-201-c-v2016-07-18" in penalties
    assert penalties["cpf-204-v2007-03-27"]["basis"] == Code("statute", "statute")
    assert penalties["cpf-204"]["basis"] == Code("state-report", "State's report (2010)")
    for pid, row in penalties.items():
        offence, p = PENALTIES[pid]
        assert row["_offence_id"] == offence["id"]
        assert row["imprisonment_years"] == (R(*p["imprisonment_years"]) if p["imprisonment_years"] else "none in source"), pid
        assert row["community_work"] == (R(*p["community_work"]) if p["community_work"] else None), pid
        assert row["fine"] == (R(*p["fine"]) if p["fine"] else "none in source"), pid
        assert raw_value(row["fine_unit"]) == p["fine_unit"], pid  # {id, label}, as `lexkb penalty` gives it
        assert sorted(m for m in (row["additional_measures"] or []) if not m.startswith("if '")) == sorted(p["additional_measures"])


def test_no_dias_multa_under_minimum_wage(penalties):
    """A statute's fine is never in days of minimum wage, the report's always is."""
    for row in penalties.values():
        if row["fine"] == "none in source":  # CPF 208: community work, no fine and so no unit
            assert row["fine_unit"] is None and row["_basis"] == "statute", row["_penalty_id"]
            continue
        assert (row["fine_unit"].id == "minimum-daily-wage") is (row["_basis"] == "state-report"), row["_penalty_id"]
    table = build_table("penalties")
    assert "Fine (days of minimum wage)" not in [c.label for c in table.columns]
    assert not any("Fines are in days of minimum wage" in n for n in table.notes)


def test_one_version_of_205_bis_at_a_time():
    """CPF 204 is doubled by 205 bis once: never by its versions of 2012-06-14 and 2023-10-18 together
    (which stacked gave 32-60 years)."""
    import datetime as dt

    for day, version in ((None, "2023-10-18"), ("2013-01-01", "2012-06-14"), ("2023-10-18", "2023-10-18")):
        on = dt.date.fromisoformat(day) if day else None
        rows = {r["_penalty_id"]: r for r in build_table("penalties", on=on).rows}
        row = rows["cpf-204-v2007-03-27"]
        assert row["aggravated_imprisonment_years"] == R(16, 30), day
        assert all(f.startswith(f"cpf-205bis-v{version}-") for f in row["_factor_ids"]), day
        assert len(row["_factor_ids"]) == 10, day   # incisos a) to j) of the one version


def test_markdown_prints_the_same_numbers():
    from lexkb.tables.render import human_columns, to_markdown

    table = build_table("penalties")
    keys = [c.key for c in human_columns(table)]
    md = to_markdown(table)
    line = next(l for l in md.splitlines() if l.startswith("| LPSTP | 6 II |"))
    cells_ = dict(zip(keys, [c.strip() for c in line.strip("|").split(" | ")]))
    assert (cells_["imprisonment_years"], cells_["fine"], cells_["fine_unit"]) == ("9–18", "750–2,250", "days of minimum wage")
    assert (cells_["aggravated_imprisonment_years"], cells_["aggravated_fine"]) == ("13.5–27", "1,125–3,375")
    line = next(l for l in md.splitlines() if l.startswith("| CPF | 204 |") and "| statute |" in l)
    cells_ = dict(zip(keys, [c.strip() for c in line.strip("|").split(" | ")]))
    assert (cells_["imprisonment_years"], cells_["fine"], cells_["fine_unit"]) == ("8–15", "1,000–2,500", "días multa")
    assert (cells_["aggravated_imprisonment_years"], cells_["aggravated_fine"]) == ("16–30", "2,000–5,000")


def test_community_work_of_208(penalties):
    """CPF 208: "se le aplicarán de diez a ciento ochenta jornadas de trabajo en favor de la comunidad, si el delito
    no se ejecutare"; the only variant with community work."""
    row = penalties["cpf-208-v2007-03-27"]
    assert (row["community_work"], row["condition"], row["aggravated_imprisonment_years"]) == (R(10, 180), "si el delito no se ejecutare",
                                                                               None)
    assert [pid for pid, r in penalties.items() if r["community_work"] is not None] == ["cpf-208-v2007-03-27"]


def test_sort_by_max_imprisonment():
    rows = build_table("penalties", sort="imprisonment-max", reverse=True).rows
    # CPF 208 sets no prison term: last, in either direction
    assert rows[-1]["_penalty_id"] == "cpf-208-v2007-03-27" and rows[-1]["imprisonment_years"] == "none in source"
    assert build_table("penalties", sort="imprisonment-max").rows[-1]["_penalty_id"] == "cpf-208-v2007-03-27"
    rows = rows[:-1]
    maxima = [r["imprisonment_years"].hi for r in rows]
    assert maxima == sorted(maxima, reverse=True)
    # General Law art. 35 (ed. 2025-11-14), its victims named: "de 12 a 50 años de prisión"; CPF 209: "seis meses a tres años"
    assert maxima[0] == 50 and maxima[-1] == 3
    asc = build_table("penalties", sort="fine-min").rows
    assert [r["_penalty_id"] for r in asc][:3] == ["cpf-206-v2007-03-27", "cpf-206", "cpf-209-v2010-08-19"]


def test_minors_vs_adults_numbers():
    """CPF 204 against 206 (206 bis's "lenocinio"), statute with statute and report with report; LPSTP 6 II
    against 6 I. Ratios and differences written from the numbers above."""
    rows = build_table("minors-vs-adults").rows
    assert sorted({r["_pair"] for r in rows}) == [("cpf-206", "cpf-204"), ("cpf-206-v2007-03-27", "cpf-204-v2007-03-27"),
                                                  ("lpstp-6-I", "lpstp-6-II")]
    by = {(r["_pair"][1], r["_bound"]): r for r in rows}
    expected = {
        # statute: 204 8-15 años, 1,000-2,500 días multa; 206 2-9 años, 50-500 días multa
        ("cpf-204-v2007-03-27", "imprisonment-min"): (2, 8, 6, Fraction(4)),
        ("cpf-204-v2007-03-27", "imprisonment-max"): (9, 15, 6, Fraction(5, 3)),
        ("cpf-204-v2007-03-27", "fine-min"): (50, 1000, 950, Fraction(20)),
        ("cpf-204-v2007-03-27", "fine-max"): (500, 2500, 2000, Fraction(5)),
        # report: 204 8-15 years, 1,000-2,000 days; 206 2-9 years, 50-500 days
        ("cpf-204", "fine-max"): (500, 2000, 1500, Fraction(4)),
        ("cpf-204", "imprisonment-max"): (9, 15, 6, Fraction(5, 3)),
        # LPSTP 6 I 6-12 years, 500-1,500 days; 6 II 9-18 years, 750-2,250 days
        ("lpstp-6-II", "fine-max"): (1500, 2250, 750, Fraction(3, 2)),
        ("lpstp-6-II", "imprisonment-min"): (6, 9, 3, Fraction(3, 2)),
    }
    for key, (adult, minor, difference, ratio) in expected.items():
        r = by[key]
        assert (r["adult"], r["minor"], r["difference"], r["ratio"]) == (adult, minor, difference, ratio), key
    assert by[("cpf-204-v2007-03-27", "fine-min")]["unit"] == "días multa"
    assert by[("cpf-204", "fine-min")]["unit"] == "days of minimum wage"
    assert by[("lpstp-6-II", "imprisonment-min")]["unit"] == "years"


def test_a_ratio_across_units_is_not_computed():
    """Fines in different units are "not comparable": no difference, no ratio (a pair the data does not
    have today, so made here from the query's rows)."""
    from lexkb.tables import minors
    from lexkb.tables.common import load_store, run_query

    real = run_query(load_store(), "minors-vs-adults")
    mixed = [dict(r, minorFineUnit="https://w3id.org/lexkb/ontology#UMADailyValue") for r in real
             if r["minorId"] == "cpf-204-v2007-03-27"]
    assert mixed
    original = minors.run_query
    minors.run_query = lambda store, name: mixed
    try:
        rows = minors.build().rows
    finally:
        minors.run_query = original
    fine = [r for r in rows if r["_bound"].startswith("fine")]
    assert fine and all(r["ratio"] == r["difference"] ==
                        "not comparable (different units: días multa / times the daily value of the UMA)" for r in fine)
    assert all(r["ratio_exact"] is None for r in fine)
    prison = [r for r in rows if r["_bound"].startswith("imprisonment")]
    assert [r["ratio"] for r in prison] == [Fraction(4), Fraction(5, 3)]


def test_ratio_is_never_silently_rounded():
    """For people, 5/3 ≈ 1.667; for machines, a number a spreadsheet reads as one (never "5/3",
    which it reads as a date) and the exact fraction in a column of its own."""
    import csv
    import io

    from lexkb.tables.render import to_csv, to_json, to_jsonl, to_markdown

    table = build_table("minors-vs-adults")
    assert "| 5/3 ≈ 1.667 |" in to_markdown(table)
    assert "exact fraction" not in to_markdown(table)
    rows = list(csv.DictReader(io.StringIO(to_csv(table))))
    cpf204 = [r for r in rows if r["Victim under 18 or lacking capacity: provision"] == "CPF art. 204"]
    assert [(r["Basis"], r["Ratio (minor / any person)"], r["Ratio (minor / any person), exact fraction"])
            for r in cpf204] == [
        ("statute", "4", "4"), ("statute", "1.6666666666666667", "5/3"), ("statute", "20", "20"), ("statute", "5", "5"),
        ("state-report", "4", "4"), ("state-report", "1.6666666666666667", "5/3"),
        ("state-report", "20", "20"), ("state-report", "4", "4")]
    doc = json.loads(to_json(table))
    assert {"key": "ratio_exact", "label": "Ratio (minor / any person), exact fraction"} in doc["columns"]
    ratios = [(r["ratio"], r["ratio_exact"]) for r in doc["rows"]]
    assert (5 / 3, "5/3") in ratios and (1.5, "3/2") in ratios
    assert all(isinstance(r, (int, float)) for r, _ in ratios)
    assert [json.loads(line) for line in to_jsonl(table).splitlines()] == doc["rows"]


def test_penalty_command_prints_the_table_numbers(penalties):
    """`lexkb penalty ID --format json` (with an aggravating factor of today's law where there is one)
    prints the same base and aggravated ranges as the penalties table, for every penalty variant."""
    from typer.testing import CliRunner

    from lexkb.cli.main import app

    runner = CliRunner()
    seen = set()
    for offence in INDEX["offences"]:
        args = ["penalty", offence["id"], "--format", "json"]
        factors = [f for f in offence["aggravating_factors"] if holds(f, None)]
        if factors:
            args += ["--with", factors[0]["id"]]
        res = runner.invoke(app, args)
        assert res.exit_code == 0, res.output
        (result,) = json.loads(res.stdout)["results"]
        for printed in result["penalties"]:
            basis = "statute" if printed["basis"] == "statute" else "state-report"
            (row,) = [r for r in penalties.values()
                      if r["_offence_id"] == offence["id"] and r["_basis"] == basis and r["condition"] == printed["condition"]
                      and f"{r['instrument']} art. {r['article'].text}" == printed["provision"]]
            assert row["imprisonment_years"] == (R(*printed["imprisonment_years"]) if printed["imprisonment_years"]
                                           else "none in source")
            assert row["fine"] == (R(*printed["fine"]) if printed["fine"] else "none in source")
            assert row["community_work"] == (R(*printed["community_work"]) if printed["community_work"] else None)
            if printed.get("effective_imprisonment_years") and printed["effective_imprisonment_years"] != printed["imprisonment_years"]:
                assert R(*printed["effective_imprisonment_years"]) in cells(row["aggravated_imprisonment_years"])
                assert R(*printed["effective_fine"]) in cells(row["aggravated_fine"])
            seen.add(row["_penalty_id"])
    assert seen == set(penalties)
