"""lexkb's reading of succession: after the General Law (published 2012-06-14) abrogated the LPSTP,
`penalty trafficking --on DATE` answers with General Law art. 10, marked as lexkb's reading
(provisions/lgpsedmtp/10.md), beside the LPSTP's offence, no longer in force."""
import json

import pytest

from conftest import ROOT, run_lexkb

READING = "general-law-10-continues-lpstp-5"


def penalty_json(*args):
    code, out, err = run_lexkb("penalty", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_trafficking_after_the_abrogation_is_answered_by_general_law_art_10():
    doc = penalty_json("trafficking", "--on", "2013-01-01")
    lpstp, art10 = doc["results"]
    assert (lpstp["id"], lpstp["in_force"], lpstp["penalties"]) == ("trafficking-in-persons", False, [])
    assert "continues" not in lpstp
    assert art10["id"] == "general-law-trafficking" and art10["in_force"] is True
    assert art10["continues"] == {"id": "trafficking-in-persons", "offence": "trafficking in persons",
                                  "reading": READING, "basis": "editorial"}
    assert art10["notes"][0].startswith("answered for trafficking-in-persons by lexkb's reading (editorial), not "
                                         "the sources' words: After the General Law abrogated the LPSTP")
    assert READING in [r["id"] for r in art10["readings"]]
    # art. 10 as first published (DOF 14-06-2012): "de 5 a 15 años de prisión y de un mil a veinte mil días multa"
    [p] = art10["penalties"]
    assert (p["provision"], p["imprisonment_years"], p["fine"], p["fine_unit"]["id"], p["valid_from"],
            p["valid_until"]) == ("General Law on trafficking (2012) art. 10", [5, 15], [1000, 20000], "dia-multa",
                                  "2012-06-14", "2024-06-07")


def test_trafficking_before_the_abrogation_is_the_lpstp_alone():
    doc = penalty_json("trafficking", "--on", "2009-01-01")
    [lpstp] = doc["results"]
    assert lpstp["id"] == "trafficking-in-persons" and lpstp["in_force"] is True
    # para. 51: "6 to 12 years' imprisonment and 500 to 1,500 days' minimum wage"; II: 9 to 18, 750 to 2,250
    assert [(p["provision"], p["imprisonment_years"], p["fine"]) for p in lpstp["penalties"]] == [
        ("LPSTP art. 6 I", [6, 12], [500, 1500]), ("LPSTP art. 6 II", [9, 18], [750, 2250])]


def test_without_a_date_no_reading_is_applied():
    doc = penalty_json("trafficking")
    assert [r["id"] for r in doc["results"]] == ["trafficking-in-persons"]


def test_a_factor_the_later_offence_lacks_is_not_applied_and_said_so():
    doc = penalty_json("trata", "--on", "2013-01-01", "--with", "victim-over-60")
    art10 = doc["results"][1]
    assert art10["notes"][1].startswith("--with not applied to general-law-trafficking: ")
    assert "effective_imprisonment_years" not in art10["penalties"][0]


def test_tabular_formats_say_the_answer_rests_on_the_reading():
    code, out, _ = run_lexkb("penalty", "trafficking", "--on", "2013-01-01", "--format", "csv")
    assert code == 0
    assert f"trafficking-in-persons, by lexkb's reading {READING} (editorial)" in out
    code, out, _ = run_lexkb("penalty", "trafficking", "--on", "2013-01-01")
    assert code == 0 and "note: answered for trafficking-in-persons by lexkb's reading (editorial)" in out


@pytest.mark.parametrize("succession,message", [
    ('{ from = "offence:trafficking-in-persons", to = "offence:sexual-tourism" }',
     "[reading] succession 'to' 'offence:sexual-tourism' must be one of the reading's 'of'"),
    ('{ from = "offence:trafficking-in-persons" }', "[reading] 'succession' must be a table { from = \"offence:ID\", to = \"offence:ID\" }"),
    ('{ from = "provision:lpstp:5", to = "offence:general-law-trafficking" }',
     "[reading] succession 'from' must name an offence ('offence:ID'), not 'provision:lpstp:5'"),
    ('{ from = "offence:general-law-trafficking", to = "offence:general-law-trafficking" }',
     "[reading] a succession joins two different offences"),
])
def test_the_compiler_refuses_a_broken_succession(provisions_copy, succession, message):
    from lexkb.build import compile_kb
    from lexkb.errors import ProvisionError

    provisions = provisions_copy
    path = provisions / "lgpsedmtp" / "10.md"
    text = path.read_text(encoding="utf-8")
    old = 'succession = { from = "offence:trafficking-in-persons", to = "offence:general-law-trafficking" }'
    assert old in text
    path.write_text(text.replace(old, f"succession = {succession}"), encoding="utf-8")
    with pytest.raises(ProvisionError) as exc:
        compile_kb(provisions, ROOT / "ontology")
    line = next(n for n, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if l.startswith("succession"))
    assert str(exc.value) == f"provisions/lgpsedmtp/10.md:{line}: {message}"
