"""What the opsc-coverage, amendments and --on/--lang variants say, checked row by row."""
import datetime as dt

import pytest

from lexkb.errors import LexkbError
from lexkb.tables import build_table


def coverage(**kw):
    return {r["opsc"].text: r for r in build_table("opsc-coverage", **kw).rows}


def test_coverage_statuses():
    rows = coverage()
    assert rows["2(a)"]["status"] == "claimed"
    # a penalty-only article (CPF 206, LPSTP 6) is not linked to the definition (reading para-49-definition-claims)
    assert [d.text for d in rows["2(a)"]["provisions"]] == ["CPF art. 206 bis", "LPSTP art. 5"]
    assert [str(s) for s in rows["2(a)"]["sources"]] == ["para. 49", "para. 50", "para. 51"]
    assert [d.text for d in rows["3(1)(b)"]["provisions"]] == ["CPF art. 203", "CPF art. 203 bis", "CPF art. 204"]
    assert rows["3(1)(a)(ii)"]["status"] == "claimed only at a broader paragraph (3(1)(a))"
    assert rows["3(1)(a)(i)(b)"]["status"] == "claimed only at a broader paragraph (3(1)(a))"
    assert rows["3(1)"]["status"] == "claimed only at narrower paragraphs (3(1)(a), 3(1)(b))"
    assert rows["3(1)(c)"]["status"] == "no provision mapped in the encoded sources"
    assert rows["3(4)"]["provisions"] is None
    claimed = sorted(k for k, r in rows.items() if r["status"] == "claimed")
    assert claimed == ["2(a)", "2(b)", "3(1)(a)", "3(1)(b)"]
    # treaty order, articles 1 to 10
    labels = list(rows)
    assert labels[0] == "1" and labels[-1] == "10(4)"
    assert labels.index("3(1)(a)(ii)") < labels.index("3(1)(b)") < labels.index("3(2)") < labels.index("4")


def test_gaps():
    gaps = coverage(gaps=True)
    for p in ("3(1)(a)(ii)", "3(1)(c)", "3(4)", "2(c)", "1", "3(5)", "10"):
        assert p in gaps
    for p in ("3(1)", "3", "2", "2(a)", "3(1)(a)", "3(1)(b)"):
        assert p not in gaps
    assert all(r["_gap"] for r in gaps.values())
    assert len(gaps) == len([r for r in coverage().values() if r["_gap"]]) == 59


def test_the_csv_says_a_gap_is_in_the_encoded_sources_not_in_the_law():
    import csv
    import io

    from lexkb.tables.render import to_csv

    rows = {r["OPSC paragraph"]: r for r in csv.DictReader(io.StringIO(to_csv(build_table("opsc-coverage"))))}
    note = ("a gap in the sources lexkb encodes, not a finding about the State's law: no provision in them is "
            "mapped to this paragraph, at it, above it or below it")
    assert rows["3(1)(c)"]["Note"] == rows["1"]["Note"] == note
    assert rows["3(1)(a)(ii)"]["Note"] == note  # claimed only at a broader paragraph: a gap (--gaps)
    assert rows["2(a)"]["Note"] == rows["3(1)"]["Note"] == ""
    assert sum(r["Note"] == note for r in rows.values()) == 59


def test_coverage_on_a_date_after_the_lpstp():
    table = build_table("opsc-coverage", on=dt.date(2013, 1, 1))
    rows = {r["opsc"].text: r for r in table.rows}
    assert [d.text for d in rows["2(a)"]["provisions"]] == ["CPF art. 206 bis"]
    assert any("LPSTP" in n and "Not in force on 2013-01-01: 3 mapping(s) dropped" in n for n in table.notes)


def test_on_drops_the_lpstp_and_says_so():
    for day, kept in (("2007-11-26", False), ("2007-11-27", True), ("2012-06-13", True), ("2012-06-14", False)):
        table = build_table("penalties", on=dt.date.fromisoformat(day))
        ids = {r["_penalty_id"] for r in table.rows}
        assert ("lpstp-6-I" in ids) is kept, day
        assert "cpf-204" in ids
        assert any(n.startswith("LPSTP: in force from its publication (2007-11-27)") for n in table.notes)
        assert any(("dropped" in n) is (not kept) for n in table.notes if n.startswith("LPSTP"))
    later = build_table("penalties", on=dt.date(2013, 1, 1))
    assert "CPF: text as the State reported it in 2010; the later text in force on 2013-01-01 is not in source." in later.notes
    earlier = build_table("minors-vs-adults", on=dt.date(2005, 1, 1))
    assert {r["_pair"] for r in earlier.rows} == {("cpf-206", "cpf-204")}
    assert any("earlier text in force on 2005-01-01 is not in source" in n for n in earlier.notes)


def test_amendments():
    table = build_table("amendments")
    rows = {r["offence"]: r for r in table.rows}
    assert list(rows)[-2:] == ["corruption", "pornography"]
    assert rows["corruption"]["modelled"] == "not modelled"
    assert rows["pornography"]["provision"] is None
    assert rows["pederasty"]["provision"].text == "CPF art. 209 bis"
    for name, r in rows.items():
        assert r["parole_before"] == r["serious_before"] == "not in source"
        # CPF 206 is linked to the compensation effect only (reading decree-2010-procurement-of-minors)
        expected = "no change stated in source" if name == "procurement for prostitution" else None
        assert r["parole_after"] == (expected or "ruled out (victim under 18)")
        assert r["serious_after"] == (expected or "serious offence (victim under 18)")
        assert [(s.short, s.full) for s in r["sources"]] == [("para. 44", "CRC/C/OPSC/MEX/Q/1/Add.1, para. 44")]
    assert len(rows) == 7
    assert any(n.endswith("no effect of the decree: trafficking in persons (LPSTP art. 6).") for n in table.notes)
    assert table.sources == ["CRC/C/OPSC/MEX/Q/1/Add.1, para. 44"]


def test_amendments_on_a_date():
    before = {r["offence"]: r for r in build_table("amendments", on=dt.date(2010, 8, 18)).rows}
    after = {r["offence"]: r for r in build_table("amendments", on=dt.date(2010, 8, 19)).rows}
    assert before["pederasty"]["parole_on"] == "not in source"
    assert after["pederasty"]["parole_on"] == "ruled out (victim under 18)"
    assert after["corruption"]["serious_on"] == "serious offence (victim under 18)"


def test_spanish_labels_where_the_kb_has_them():
    rows = {r["_penalty_id"]: r for r in build_table("penalties", lang="es").rows}
    assert rows["lpstp-6-II"]["offence"] == "trata de personas"
    assert rows["cpf-209bis"]["offence"] == "pederastia"
    table = build_table("opsc-coverage", lang="es")
    assert table.columns[3].label == "Situación"
    assert {r["status"] for r in table.rows} >= {"reivindicado", "ninguna disposición vinculada en las fuentes codificadas"}
    from lexkb.tables.render import to_html, to_markdown

    assert to_html(table).startswith('<!DOCTYPE html>\n<html lang="es">')
    assert "5/3 ≈ 1,667" in to_markdown(build_table("minors-vs-adults", lang="es"))


@pytest.mark.parametrize("kwargs, arg", [
    ({"name": "nope"}, "NAME"),
    ({"name": "penalties", "sort": "height"}, "--sort"),
    ({"name": "amendments", "sort": "offence"}, "--sort"),
    ({"name": "penalties", "gaps": True}, "--gaps"),
    ({"name": "penalties", "lang": "fr"}, "--lang"),
])
def test_bad_input_names_the_argument(kwargs, arg):
    with pytest.raises(LexkbError) as exc:
        build_table(**kwargs)
    assert str(exc.value).startswith(f"{arg}: ")
