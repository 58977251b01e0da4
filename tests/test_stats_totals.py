"""Every printed total of the encoded tables against its rows and columns, and the flagged mismatches."""
from collections import Counter

import pytest

from lexkb import stats
from lexkb.stats.checks import AGREES, DISAGREES, UNKNOWN_PARTS, all_checks


@pytest.fixture(scope="module")
def datasets():
    return stats.load()


def test_the_encoded_tables_have_the_source_rows(datasets):
    assert {k: len(d.observations) for k, d in datasets.items()} == {
        "adoptions": 297, "federal-district-investigations": 15, "federal-investigations": 13,
        "foreign-trafficking-victims": 48, "foreign-trafficking-victims-prose": 29}
    per_year = Counter(o.coord("year") for o in datasets["federal-investigations"].observations)
    assert per_year == {"2007": 2, "2008": 3, "2009": 8}
    adoption_rows = Counter(o.coord("year") for o in datasets["adoptions"].observations if o.coord("adoption-type") == "Total")
    assert adoption_rows == {"2007": 33, "2008": 33, "2009": 33}


def _adoption(ds, year, state, kind):
    (obs,) = [o for o in ds.observations if (o.coord("year"), o.coord("state"), o.coord("adoption-type")) == (year, state, kind)]
    return obs.measure


def test_adoption_row_totals_recomputed_from_the_rows(datasets):
    """National + Intercountry = Total on every row of para. 5 where all three are figures."""
    ds = datasets["adoptions"]
    rows = {(o.coord("year"), o.coord("state")) for o in ds.observations if o.coord("state") != "Total"}
    checked = 0
    for year, state in rows:
        nat, inter, total = (_adoption(ds, year, state, k) for k in ("National", "Intercountry", "Total"))
        if None not in (nat.number, inter.number, total.number):
            assert nat.number + inter.number == total.number, (year, state)
            checked += 1
    # 96 rows, less those with a word in a cell: 5 in 2007, 6 in 2008, 8 in 2009
    assert (len(rows), checked) == (96, 77)


def test_adoption_column_totals_recomputed_from_the_rows(datasets):
    ds = datasets["adoptions"]
    printed, computed = {}, {}
    for year in ("2007", "2008", "2009"):
        for kind in ("National", "Intercountry", "Total"):
            printed[year, kind] = _adoption(ds, year, "Total", kind).number
            computed[year, kind] = sum(o.measure.number or 0 for o in ds.observations
                                       if o.coord("year") == year and o.coord("adoption-type") == kind and o.coord("state") != "Total")
    assert printed == {("2007", "National"): 931, ("2007", "Intercountry"): 80, ("2007", "Total"): 1011,
                       ("2008", "National"): 1105, ("2008", "Intercountry"): 104, ("2008", "Total"): 1209,
                       ("2009", "National"): 607, ("2009", "Intercountry"): 157, ("2009", "Total"): 764}
    assert {k: v for k, v in computed.items() if v != printed[k]} == {("2009", "Intercountry"): 141, ("2009", "Total"): 748}
    assert _adoption(ds, "2007", "Total", "Total").printed == "1 011"


def test_federal_district_totals(datasets):
    ds = datasets["federal-district-investigations"]
    cell = {(o.coord("year"), o.coord("offence")): o.measure.number for o in ds.observations}
    for year in ("2007", "2008", "2009", "2010"):
        assert cell[year, "Child pornography"] + cell[year, "Child trafficking"] == cell[year, "Total"]
    assert sum(cell[y, "Child pornography"] for y in ("2007", "2008", "2009", "2010")) == cell["Total", "Child pornography"] == 25
    assert sum(cell[y, "Child trafficking"] for y in ("2007", "2008", "2009", "2010")) == cell["Total", "Child trafficking"] == 7
    assert cell["Total", "Total"] == 31
    assert sum(cell[y, "Total"] for y in ("2007", "2008", "2009", "2010")) == 32


def test_every_printed_total_is_checked(datasets):
    checks = [c for c in all_checks(datasets) if c.kind == "total"]
    # adoptions: 92 row totals that are figures (31 + 31 + 30), 3 x 3 column totals, 3 grand totals by row;
    # Federal District: 4 row totals, 2 column totals, the grand total both ways
    assert Counter(c.dataset for c in checks) == {"adoptions": 104, "federal-district-investigations": 8,
                                                  "foreign-trafficking-victims": 9}
    assert Counter(c.outcome for c in checks) == {AGREES: 101, UNKNOWN_PARTS: 15, DISAGREES: 5}


def test_the_flagged_mismatches_are_exactly_the_source_s(datasets):
    found = sorted((c.dataset, c.where, c.printed, c.computed, tuple(c.paragraphs))
                   for c in all_checks(datasets) if c.outcome == DISAGREES)
    assert found == [
        ("adoptions", "2009 Adoptions: row 'Total', column 'Intercountry', against the sum over state", 157, 141, ("5",)),
        ("adoptions", "2009 Adoptions: row 'Total', column 'Total', against the sum over state", 764, 748, ("5",)),
        ("federal-district-investigations", "Federal District preliminary investigations: row 'Total', column 'Total', against the sum over offence", 31, 32, ("2",)),
        ("federal-district-investigations", "Federal District preliminary investigations: row 'Total', column 'Total', against the sum over year", 31, 32, ("2",)),
        ("foreign-trafficking-victims", "Age groups, Children and adolescents = Resolution of migratory status, Children and adolescents, Total, year 2010", 5, 2, ("70",)),
        ("foreign-trafficking-victims", "Foreign victims of trafficking (table after para. 70): row 'Resolution of migratory status / Children and adolescents / Total', column '2010', against the sum over resolution", 2, 5, ("70",)),
        ("foreign-trafficking-victims-prose", "Case being reviewed or pending (prose) = Pending (table), year 2010", 1, 2, ("69", "70")),
        ("foreign-trafficking-victims-prose", "Given the option to regularize status (prose) = Option to regularize status, children and adults (table), year 2010", 3, 2, ("69", "70")),
        ("foreign-trafficking-victims-prose", "Possible victims processed (para. 69) = possible victims identified (para. 70), year 2010", 5, 8, ("69", "70")),
        ("foreign-trafficking-victims-prose", "Possible victims processed (prose) = Number of victims identified (table), year 2010", 5, 8, ("69", "70")),
        ("foreign-trafficking-victims-prose", "Repatriated (prose) = Repatriation, children and adults (table), year 2010", 1, 4, ("69", "70")),
    ]


def test_totals_over_no_data_are_flagged_not_corrected(datasets):
    flagged = [c for c in all_checks(datasets) if c.outcome == UNKNOWN_PARTS]
    tamaulipas = [c for c in flagged if "row 'Tamaulipas'" in c.where and c.where.startswith("2007")]
    assert len(tamaulipas) == 1
    assert (tamaulipas[0].printed, tamaulipas[0].computed) == (0, 0)
    assert tamaulipas[0].note == ("parts without a figure, counted as nothing: "
                                  "2007 Adoptions: row 'Tamaulipas', column 'National' is 'No data'")
    assert len(flagged) == 15


def test_prose_figures_that_agree_with_the_table_are_not_flagged(datasets):
    agreeing = sorted(c.where for c in all_checks(datasets) if c.kind == "cross" and c.outcome == AGREES)
    assert "Repatriated (prose) = Repatriation, children and adults (table), year 2008" in agreeing
    assert "Repatriated (prose) = Repatriation, children and adults (table), year 2009" in agreeing
    assert len(agreeing) == 25
