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


def test_editorial_mappings_stand_apart_from_the_states_claims():
    rows = coverage()
    r = rows["3(1)(a)(i)(a)"]
    assert r["provisions"] is None                        # the State claims nothing here
    assert r["status"] == "claimed only at a broader paragraph (3(1)(a))"
    assert [x.id for x in r["editorial"]] == ["General Law on trafficking (2012) art. 10",
                                              "General Law on trafficking (2012) art. 26"]
    assert all(": editorial (" in x.full for x in r["editorial"])
    assert all("General Law" not in d.text for row in rows.values() for d in row["provisions"] or [])
    assert rows["2(a)"]["editorial"] is None


def test_gaps():
    gaps = coverage(gaps=True)
    for p in ("3(1)(a)(ii)", "3(1)(c)", "3(4)", "2(c)", "1", "3(5)", "10"):
        assert p in gaps
    for p in ("3(1)", "3", "2", "2(a)", "3(1)(a)", "3(1)(b)"):
        assert p not in gaps
    assert all(r["_gap"] for r in gaps.values())
    # 59 paragraphs with nothing mapped, less 3(1)(a)(i) and its (a), (b), (c), which lexkb's editorial mappings of
    # the General Law's arts. 10 and 26 reach (a mapping of lexkb's own, but a provision mapped all the same)
    assert len(gaps) == len([r for r in coverage().values() if r["_gap"]]) == 55
    assert "3(1)(a)(i)" not in gaps and "3(1)(a)(ii)" in gaps


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
    assert sum(r["Note"] == note for r in rows.values()) == 55


def test_the_basis_of_each_claim_is_its_id_for_machines_and_its_words_for_people():
    """opsc-coverage's `basis`: the claim-basis concept ids (concept/claim-basis/stated,
    inferred-from-structure) in json and csv, in the order of `provisions`, as `basis` in `lexkb penalty`'s
    opsc_claims; the words in md. The rationale of each claim has a column of its own in the same order."""
    import csv
    import io
    import json

    from lexkb.tables.render import render

    table = build_table("opsc-coverage")
    rows = {r["opsc"]: r for r in json.loads(render(table, "json"))["rows"]}
    assert (rows["2(a)"]["provisions"], rows["2(a)"]["basis"]) == (
        ["CPF art. 206 bis", "LPSTP art. 5"], ["inferred-from-structure", "inferred-from-structure"])
    assert (rows["2(b)"]["provisions"], rows["2(b)"]["basis"]) == (
        ["CPF art. 203", "CPF art. 203 bis", "CPF art. 204"], ["stated", "stated", "stated"])
    assert rows["2(a)"]["rationale"][1].startswith("Para. 49 says the Act as a whole defines the sale of children")
    assert rows["3(1)(c)"]["basis"] is rows["3(1)(c)"]["rationale"] is None
    lines = {r["OPSC paragraph"]: r for r in csv.DictReader(io.StringIO(render(table, "csv")))}
    assert lines["2(b)"]["Basis of each claim"] == "stated; stated; stated"
    md = next(x for x in render(table, "md").splitlines() if x.startswith("| 2(a) |"))
    assert ("| CPF art. 206 bis: inferred from the source's structure; LPSTP art. 5: inferred from the source's "
            "structure |") in md and "inferred-from-structure" not in md


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
    assert ("CPF, rows from the State's report: the text as the State reported it in 2010 (CRC/C/OPSC/MEX/Q/1/Add.1); "
            "whether that text was in force on 2013-01-01 is not in the report.") in later.notes
    assert not any(n.startswith("CPF: text as the State reported it in 2010") for n in later.notes)
    earlier = build_table("minors-vs-adults", on=dt.date(2005, 1, 1))
    assert {r["_pair"] for r in earlier.rows} == {("cpf-206", "cpf-204")}
    # the statute's versions of 204 and 206 are of 2007-03-27: on 2005-01-01 not in source
    assert ("CPF art. 204: no version in the sources is in force on 2005-01-01 (the earliest version lexkb holds is of "
            "2007-03-27): the statute's penalty on that date is not in source") in earlier.notes


def _on(day, table="penalties"):
    return {r["_penalty_id"]: r for r in build_table(table, on=dt.date.fromisoformat(day)).rows}


def test_on_either_side_of_the_reform_of_cpf_201():
    """CPF 201: the 2013 edition carries the version of 2007-03-27; the editions of 2020 and 2025 carry the
    version of 2016-07-18 ("Párrafo reformado DOF 18-07-2016"). The day before the reform, the old one."""
    before, after = _on("2016-07-17"), _on("2016-07-18")
    assert {p for p in before if p.startswith("cpf-201-")} == {"cpf-201-ab-v2007-03-27", "cpf-201-c-v2007-03-27",
                                                               "cpf-201-ef-v2007-03-27"}
    assert {p for p in after if p.startswith("cpf-201-")} == {"cpf-201-ab-v2016-07-18", "cpf-201-c-v2016-07-18",
                                                              "cpf-201-ef-v2016-07-18"}
    # inciso e) o f), both versions: "siete a doce años y multa de ochocientos a dos mil quinientos días"
    assert before["cpf-201-ef-v2007-03-27"]["fine"] == after["cpf-201-ef-v2016-07-18"]["fine"]
    assert str(before["cpf-201-ef-v2007-03-27"]["fine"].hi) == "2500"
    assert before["cpf-201-ef-v2007-03-27"]["validity"] == "2007-03-27 until 2016-07-18 (exclusive)"
    assert after["cpf-201-ef-v2016-07-18"]["validity"] == "from 2016-07-18 (no later change in the editions)"
    assert [s.full for s in before["cpf-201-ef-v2007-03-27"]["sources"]] == [
        "Código Penal Federal (Última Reforma DOF 07-06-2013), art. 201"]


def test_on_either_side_of_the_reform_of_cpf_205_bis():
    """205 bis doubles the penalties of arts. 200, 201 y 204 in its version of 2012-06-14, of 200, 201, 202, 203,
    203 Bis, 204 y 209 Bis in its version of 2023-10-18; the notes of 25-04-2023 end the first, and between
    2023-04-25 and 2023-10-18 no version lexkb holds is in force."""
    in_2013, gap, after = _on("2013-01-01"), _on("2023-10-17"), _on("2023-10-18")
    assert in_2013["cpf-203-v2007-03-27"]["aggravated_imprisonment_years"] is None            # 203 not named in 2012
    assert str(in_2013["cpf-204-v2007-03-27"]["aggravated_imprisonment_years"].hi) == "30"    # 15 x 2
    assert gap["cpf-204-v2007-03-27"]["aggravated_imprisonment_years"] is None
    assert after["cpf-203-v2007-03-27"]["aggravated_imprisonment_years"].hi == 24            # 12 x 2, "203" named in 2023
    table = build_table("penalties", on=dt.date(2023, 10, 17))
    assert ("CPF art. 205 bis: none of its versions in the sources (2012-06-14, 2023-10-18) holds on 2023-10-17: its "
            "aggravations are not applied (not in source).") in table.notes
    # 209 Quintus was added by the decree of 2024-06-07
    assert "cpf-209quintus-v2024-06-07" not in after and "cpf-209quintus-v2024-06-07" in _on("2024-06-07")


def test_history_of_cpf_205_bis():
    table = build_table("history", article="CPF 205 bis")
    assert table.caption == "History of CPF art. 205 bis"
    versions = [(r["version"], r["valid_until"], r["editions"]) for r in table.rows if r["_kind"] == "version"]
    assert versions == [("2012-06-14", "2023-04-25", ["2013-06-07", "2020-01-24"]), ("2023-10-18", None, ["2025-11-28"])]
    notes = [(r["date"], r["detail"]) for r in table.rows if r["_kind"] == "amendment"]
    assert ("2007-03-27", "«Artículo adicionado DOF 27-03-2007»") in notes
    assert ("2023-04-25", "«Párrafo reformado DOF 27-11-2007, 14-06-2012, 25-042023, 18-10-2023»") in notes
    aggravations = {r["version"]: r["detail"] for r in table.rows if r["_kind"] == "aggravation"}
    assert aggravations["2012-06-14"].endswith("applies to: CPF art. 200, CPF art. 201, CPF art. 204")
    assert aggravations["2023-10-18"].endswith("applies to: CPF art. 200, CPF art. 201, CPF art. 202, CPF art. 203, "
                                               "CPF art. 203 bis, CPF art. 204, CPF art. 209 bis")
    assert all(r["sources"] for r in table.rows)


def test_history_of_cpf_204_beside_the_report():
    rows = build_table("history", article="204").rows
    penalties = [(str(r["basis"]), r["date"], r["imprisonment_years"], r["fine"], r["fine_unit"]) for r in rows
                 if r["_kind"] == "penalty"]
    from decimal import Decimal

    from lexkb.tables.model import Concept, Range
    assert penalties == [
        ("statute", "2007-03-27", Range(Decimal(8), Decimal(15)), Range(Decimal(1000), Decimal(2500)),
         Concept("dia-multa", "días multa")),
        ("State's report (2010)", None, Range(Decimal(8), Decimal(15)), Range(Decimal(1000), Decimal(2000)),
         Concept("minimum-daily-wage", "days of minimum wage"))]
    assert [(s.full, str(s)) for s in rows[-1]["sources"]] == [("CRC/C/OPSC/MEX/Q/1/Add.1, para. 47", "para. 47")]
    repealed = build_table("history", article="CPF 205").rows
    assert [(r["date"], r["event"]) for r in repealed if r["_kind"] == "repeal"] == [("2007-11-27", "repeal")]


def test_history_of_articles_inside_a_chapter():
    """CPF arts. 206 and 206 bis sit in chapter VI, 209 bis and 209 ter in chapter VIII (not directly under the
    code): each has its history; the chapter itself is not an article."""
    rows = build_table("history", article="206").rows
    assert [(r["date"], r["imprisonment_years"].lo, r["imprisonment_years"].hi) for r in rows
            if r["_kind"] == "penalty" and r["date"]] == [("2007-03-27", 2, 9)]   # «prisión de dos a nueve años»
    assert build_table("history", article="CPF 206 bis").caption == "History of CPF art. 206 bis"
    assert build_table("history", article="209 ter").caption == "History of CPF art. 209 ter"
    with pytest.raises(LexkbError, match="^ARTICLE: no article matches 'VI'"):
        build_table("history", article="VI")


@pytest.mark.parametrize("article, code, message", [
    ("999", 1, "ARTICLE: no article matches '999'"),
    ("5", 1, "ARTICLE: '5' matches several articles (LPSTP art. 5, OPSC art. 5)"),
])
def test_history_of_an_unknown_article(article, code, message):
    with pytest.raises(LexkbError) as exc:
        build_table("history", article=article)
    assert exc.value.exit_code == code and str(exc.value).startswith(message)


def test_history_on_the_command_line():
    from typer.testing import CliRunner

    from lexkb.cli.main import app

    runner = CliRunner()
    res = runner.invoke(app, ["table", "history", "CPF 201", "--format", "json"])
    assert res.exit_code == 0, res.output
    import json

    doc = json.loads(res.stdout)
    assert doc["table"] == "history" and doc["on"] is None
    for args, code in ((["table", "history", "nope"], 1), (["table", "history"], 2),
                       (["table", "penalties", "201"], 2), (["table", "history", "201", "--on", "2020-01-01"], 2)):
        res = runner.invoke(app, args)
        assert res.exit_code == code, (args, res.output)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("lexkb: error: "), (args, res.stderr)


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
    ({"name": "history"}, "ARTICLE"),
    ({"name": "minors-vs-adults", "article": "204"}, "ARTICLE"),
    ({"name": "history", "article": "204", "sort": "date"}, "--sort"),
])
def test_bad_input_names_the_argument(kwargs, arg):
    with pytest.raises(LexkbError) as exc:
        build_table(**kwargs)
    assert str(exc.value).startswith(f"{arg}: ")
