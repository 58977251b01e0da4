"""The numbers in the tables are the numbers `lexkb penalty` prints (index.json
offences[].penalties[] and aggravating_factors[]): one source of truth, checked exactly."""
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from lexkb.tables import build_table
from lexkb.tables.model import Range

ROOT = Path(__file__).resolve().parent.parent
INDEX = json.loads((ROOT / "kb" / "generated" / "index.json").read_text(encoding="utf-8"))
PENALTIES = {p["id"]: (o, p) for o in INDEX["offences"] for p in o["penalties"]}


# The aggravated ranges, worked out from the source: CPF art. 209 bis (para. 48) and LPSTP art. 6 III
# (para. 51) increase the penalties "by half"; no other variant has an aggravation in the source.
AGGRAVATED = {
    "cpf-209bis": (("13.5", 27), (1125, 3375)),    # 9-18 years, 750-2,250 days, x 1.5
    "lpstp-6-I": ((9, 18), (750, 2250)),           # 6-12 years, 500-1,500 days, x 1.5
    "lpstp-6-II": (("13.5", 27), (1125, 3375)),    # 9-18 years, 750-2,250 days, x 1.5
}


def R(lo, hi):
    return Range(Decimal(str(lo)), Decimal(str(hi)))


@pytest.fixture(scope="module")
def penalties():
    return {r["_penalty_id"]: r for r in build_table("penalties").rows}


def test_penalty_rows_are_the_index_penalties(penalties):
    assert sorted(penalties) == sorted(PENALTIES)
    for pid, row in penalties.items():
        offence, p = PENALTIES[pid]
        assert row["imprisonment_years"] == R(*p["imprisonment_years"]), pid
        assert row["fine_days_wage"] == R(*p["fine_days_wage"]), pid
        assert row["_offence_id"] == offence["id"]
        if pid in AGGRAVATED:
            imp, fine = AGGRAVATED[pid]
            assert row["aggravated_imprisonment_years"] == R(*imp), pid
            assert row["aggravated_fine_days_wage"] == R(*fine), pid
        else:
            assert row["aggravated_imprisonment_years"] is None and row["aggravated_fine_days_wage"] is None
        assert sorted(m for m in (row["additional_measures"] or []) if not m.startswith("if '")) == sorted(p["additional_measures"])
        opsc = row["opsc"].split(" (")[0].split(", ") if row["opsc"] else []
        assert opsc == sorted(offence["opsc"], key=lambda x: (x[0], x))


def test_exact_penalty_numbers(penalties):
    assert (penalties["cpf-204"]["imprisonment_years"], penalties["cpf-204"]["fine_days_wage"]) == (R(8, 15), R(1000, 2000))
    assert (penalties["cpf-206"]["imprisonment_years"], penalties["cpf-206"]["fine_days_wage"]) == (R(2, 9), R(50, 500))
    assert (penalties["lpstp-6-I"]["imprisonment_years"], penalties["lpstp-6-I"]["fine_days_wage"]) == (R(6, 12), R(500, 1500))
    assert (penalties["lpstp-6-II"]["imprisonment_years"], penalties["lpstp-6-II"]["fine_days_wage"]) == (R(9, 18), R(750, 2250))
    assert penalties["lpstp-6-II"]["aggravated_imprisonment_years"] == R("13.5", 27)
    assert penalties["lpstp-6-II"]["aggravated_fine_days_wage"] == R(1125, 3375)
    assert penalties["lpstp-6-I"]["aggravated_imprisonment_years"] == R(9, 18)
    assert penalties["cpf-209bis"]["aggravated_imprisonment_years"] == R("13.5", 27)
    assert penalties["cpf-206"]["victim"] == "no condition stated (any person)"
    assert penalties["lpstp-6-I"]["victim"] == "no condition stated (general range; another variant names its victims)"


def test_markdown_prints_the_same_numbers_as_the_index():
    from lexkb.tables.render import to_markdown

    md = to_markdown(build_table("penalties"))
    line = next(l for l in md.splitlines() if l.startswith("| LPSTP | 6 II |"))
    cells = [c.strip() for c in line.strip("|").split(" | ")]
    assert cells[4:6] == ["9–18", "750–2,250"]
    assert cells[7:9] == ["13.5–27", "1,125–3,375"]


def test_sort_by_max_imprisonment():
    rows = build_table("penalties", sort="imprisonment-max", reverse=True).rows
    maxima = [r["imprisonment_years"].hi for r in rows]
    assert maxima == sorted(maxima, reverse=True)
    assert maxima[0] == 18 and maxima[-1] == 9
    asc = build_table("penalties", sort="fine-min").rows
    assert [r["_penalty_id"] for r in asc][:2] == ["cpf-206", "lpstp-6-I"]


def test_minors_vs_adults_numbers_are_the_index_numbers():
    rows = build_table("minors-vs-adults").rows
    assert sorted({r["_pair"] for r in rows}) == [("cpf-206", "cpf-204"), ("lpstp-6-I", "lpstp-6-II")]
    for r in rows:
        adult, minor = (PENALTIES[i][1] for i in r["_pair"])
        comp, bound = r["_bound"].split("-")
        key = "imprisonment_years" if comp == "imprisonment" else "fine_days_wage"
        k = 0 if bound == "min" else 1
        assert r["adult"] == Decimal(str(adult[key][k]))
        assert r["minor"] == Decimal(str(minor[key][k]))
        assert r["difference"] == r["minor"] - r["adult"]
        assert r["ratio"] == Fraction(r["minor"]) / Fraction(r["adult"])
    by = {(r["_pair"][1], r["_bound"]): r for r in rows}
    assert by[("cpf-204", "imprisonment-max")]["ratio"] == Fraction(5, 3)
    assert by[("cpf-204", "imprisonment-min")]["difference"] == 6
    assert by[("cpf-204", "fine-min")]["ratio"] == 20
    assert by[("lpstp-6-II", "fine-max")]["difference"] == 750
    assert by[("lpstp-6-II", "imprisonment-min")]["ratio"] == Fraction(3, 2)


def test_ratio_is_never_silently_rounded():
    """For people, 5/3 ≈ 1.667; for machines, a number a spreadsheet reads as one (never "5/3",
    which it reads as a date) and the exact fraction in a column of its own."""
    import csv
    import io
    import json

    from lexkb.tables.render import to_csv, to_json, to_jsonl, to_markdown

    table = build_table("minors-vs-adults")
    assert "| 5/3 ≈ 1.667 |" in to_markdown(table)
    assert "exact fraction" not in to_markdown(table)
    rows = list(csv.DictReader(io.StringIO(to_csv(table))))
    cpf204 = [r for r in rows if r["Victim under 18 or lacking capacity: provision"] == "CPF art. 204"]
    assert [(r["Ratio (minor / any person)"], r["Ratio (minor / any person), exact fraction"]) for r in cpf204] == \
        [("4", "4"), ("1.6666666666666667", "5/3"), ("20", "20"), ("4", "4")]
    doc = json.loads(to_json(table))
    assert {"key": "ratio_exact", "label": "Ratio (minor / any person), exact fraction"} in doc["columns"]
    ratios = [(r["ratio"], r["ratio_exact"]) for r in doc["rows"]]
    assert (5 / 3, "5/3") in ratios and (1.5, "3/2") in ratios
    assert all(isinstance(r, (int, float)) for r, _ in ratios)
    assert [json.loads(line) for line in to_jsonl(table).splitlines()] == doc["rows"]


def test_penalty_command_prints_the_table_numbers(penalties):
    """`lexkb penalty ID --format json` (with an aggravating factor where there is one) prints the
    same base and aggravated ranges as the penalties table, for every penalty variant."""
    from typer.testing import CliRunner

    from lexkb.cli.main import app

    runner = CliRunner()
    seen = set()
    for offence in INDEX["offences"]:
        args = ["penalty", offence["id"], "--format", "json"]
        if offence["aggravating_factors"]:
            args += ["--with", offence["aggravating_factors"][0]["id"]]
        res = runner.invoke(app, args)
        assert res.exit_code == 0, res.output
        (result,) = json.loads(res.stdout)["results"]
        for printed in result["penalties"]:
            row = next(r for r in penalties.values()
                       if r["_offence_id"] == offence["id"] and f"{r['instrument']} art. {r['article'].text}" == printed["provision"])
            assert row["imprisonment_years"] == R(*printed["imprisonment_years"])
            assert row["fine_days_wage"] == R(*printed["fine_days_wage"])
            if "effective_imprisonment_years" in printed:
                assert row["aggravated_imprisonment_years"] == R(*printed["effective_imprisonment_years"])
                assert row["aggravated_fine_days_wage"] == R(*printed["effective_fine_days_wage"])
            seen.add(row["_penalty_id"])
    assert seen == set(penalties)
