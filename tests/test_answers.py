"""The answer of `lexkb penalty` computed in-process (lexkb.penalty.answer on index.json), each
expected value written here from the source, CRC/C/OPSC/MEX/Q/1/Add.1: the penalties of every
article-query spelling (paras. 47-51), the in-force notes on both sides of each date (LPSTP
published 27 November 2007, abrogated by the General Law published 14 June 2012; the decree of
19 August 2010, para. 44), and the error paths of --with with their exit codes."""
from __future__ import annotations

import copy

import pytest

from conftest import run_lexkb
from lexkb.errors import LexkbError
from lexkb.penalty import amendment_status, answer, in_force, no_result_message, parse_date

# (provision, basis, imprisonment years, fine, fine unit), as each source prints them: today's law
# (the CPF as of DOF 28-11-2025, "días multa") first, then the State's account (report, "minimum
# daily wages")
WAGE, DIAS = "minimum-daily-wage", "dia-multa"
CPF_203 = [("CPF art. 203", "statute", [7, 12], [800, 2000], DIAS),  # "de siete a doce años … de ochocientos a dos mil días multa"
           ("CPF art. 203", "state-report", [7, 12], [800, 2000], WAGE)]                  # para. 47
CPF_203_BIS = [("CPF art. 203 bis", "statute", [12, 16], [2000, 3000], DIAS),  # "de doce a dieciséis … de dos mil a tres mil"
               ("CPF art. 203 bis", "state-report", [12, 16], [2000, 3000], WAGE)]        # para. 47
CPF_204 = [("CPF art. 204", "statute", [8, 15], [1000, 2500], DIAS),  # "de ocho a quince años y de mil a dos mil quinientos"
           ("CPF art. 204", "state-report", [8, 15], [1000, 2000], WAGE)]                 # para. 47
CPF_206 = [("CPF art. 206", "statute", [2, 9], [50, 500], DIAS),      # "de dos a nueve años y de cincuenta a quinientos"
           ("CPF art. 206", "state-report", [2, 9], [50, 500], WAGE)]                     # para. 50
CPF_209_BIS = [("CPF art. 209 bis", "statute", [9, 18], [750, 2250], DIAS),  # "de nueve a dieciocho … setecientos cincuenta a dos mil doscientos cincuenta"
               ("CPF art. 209 bis", "state-report", [9, 18], [750, 2250], WAGE)]          # para. 48
LPSTP_6_I = ("LPSTP art. 6 I", "state-report", [6, 12], [500, 1500], WAGE)             # para. 51
LPSTP_6_II = ("LPSTP art. 6 II", "state-report", [9, 18], [750, 2250], WAGE)           # para. 51

SPELLINGS = [
    *[(q, "sexual-tourism", CPF_203) for q in
      ("203", "Article 203", "art. 203", "art 203", "CPF 203", "cpf art 203", "artículo 203", "Código Penal Federal 203",
       "federal criminal code art. 203", "203, CPF", "CPF: 203")],
    *[(q, "sexual-acts-in-sexual-tourism", CPF_203_BIS) for q in
      ("203 bis", "203bis", "art. 203 bis", "Article 203 (bis)", "CPF 203 bis", "cpf art 203 bis", "Art. 203 BIS",
       "203 (bis)", "artículo 203 bis", "203 bis CPF")],
    *[(q, "procurement-of-minors", CPF_204) for q in
      ("204", "CPF 204", "Article 204", "cpf 204 I", "cpf 204 II", "CPF 204 III", "art. 204 (III)")],
    *[(q, "procurement", CPF_206) for q in ("206", "CPF 206", "206 bis", "Article 206 (bis)", "CPF 206 bis II")],
    *[(q, "pederasty", CPF_209_BIS) for q in ("209 bis", "209 (bis)", "CPF art. 209 bis", "209 ter", "Article 209 (ter)")],
    *[(q, "trafficking-in-persons", [LPSTP_6_I, LPSTP_6_II]) for q in
      ("LPSTP 6", "lpstp art. 6", "Article 6 LPSTP", "6", "LPSTP 5", "lpstp art 5", "LPSTP 6 III", "LPSTP 6 III(a)",
       "LPSTP 6 III (d)")],
    ("LPSTP 6 I", "trafficking-in-persons", [LPSTP_6_I]),
    ("lpstp art. 6 (I)", "trafficking-in-persons", [LPSTP_6_I]),
    ("LPSTP 6 II", "trafficking-in-persons", [LPSTP_6_II]),
    ("Article 6 II LPSTP", "trafficking-in-persons", [LPSTP_6_II]),
]


def penalties(result: dict) -> list:
    return [(p["provision"], p["basis"], p["imprisonment_years"], p["fine"], p["fine_unit"]["id"]) for p in result["penalties"]]


@pytest.mark.parametrize("query,offence,expected", SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_every_article_spelling_gives_the_penalties_in_the_source(index, query, offence, expected):
    result, _ = answer(query, index, [], None)
    [o] = result["results"]
    assert o["id"] == offence
    assert penalties(o) == expected
    assert result["query"] == query and result["on"] is None
    assert not {"candidates", "not_in_source", "suggestions"} & set(result)


@pytest.mark.parametrize("query,offence,expected", [
    ("sexual tourism", "sexual-tourism", CPF_203), ("pederastía", "pederasty", CPF_209_BIS),
    ("trata", "trafficking-in-persons", [LPSTP_6_I, LPSTP_6_II]), ("procurement for prostitution", "procurement", CPF_206),
    ("procuring of children", "procurement-of-minors", CPF_204),
])
def test_names_give_the_penalties_in_the_source(index, query, offence, expected):
    [o] = answer(query, index, [], None)[0]["results"]
    assert (o["id"], penalties(o)) == (offence, expected)


def test_the_2010_variant_condition_and_the_text_are_carried(index):
    [o] = answer("LPSTP 6 II", index, [], None)[0]["results"]
    [p] = o["penalties"]
    assert p["condition"] == ("if the offence is committed against a person who is under the age of 18 or not capable "
                              "of understanding the significance of the act or of offering resistance")
    assert p["text"].startswith("II. From 9 to 18 years’ imprisonment and a fine of between 750 and 2,250 minimum daily wages")
    # "against a person who is under the age of 18 or not capable of understanding the significance of the act or of
    # offering resistance"
    assert [c["label"] for c in p["victim_conditions"]] == [
        "person who does not have the capacity to understand the significance of the act",
        "person who is unable to offer resistance", "person aged under 18 years"]
    assert "effective_imprisonment_years" not in p and "explanation" not in p


# the General Law's art. 18 offence is found by its id, general-law-child-sex-tourism
@pytest.mark.parametrize("query,ids", [("tourism", ["general-law-child-sex-tourism", "sexual-acts-in-sexual-tourism",
                                                    "sexual-tourism"])])
def test_candidates(index, query, ids):
    result, match = answer(query, index, [], None)
    assert result["results"] == [] and [c["id"] for c in result["candidates"]] == ids
    assert set(result["candidates"][0]) == {"id", "offence", "offence_es", "defined_in", "penalised_in"}
    assert no_result_message(query, result) == f"'{query}' matches {len(ids)} offences; be more specific"


@pytest.mark.parametrize("query,message", [
    ("CPF 6", "no offence matches 'CPF 6'; did you mean: CPF art. 206?"),
    ("OPSC 5", "no offence matches 'OPSC 5'"),
    ("trata xyz", "no offence matches 'trata xyz'"),
    ("CPF 205", "CPF art. 205 was repealed by a decree published on 2007-11-27 ('Derogado', Código Penal Federal "
                "(Última reforma publicada DOF 28-11-2025), art. 205): it defines no offence"),
])
def test_queries_that_must_not_match(index, query, message):
    result, match = answer(query, index, [], None)
    assert result["results"] == [] and "candidates" not in result and match.offences == []
    assert no_result_message(query, result) == message


# ------------------------------------------------------------------------------------ dates
LPSTP_NOTE = ("LPSTP published 2007-11-27; abrogated by the General Law on trafficking (2012), published 2012-06-14; "
              "dates of entry into force not in source, publication dates used")
INFERRED = "inferred from publication dates; dates of entry into force not in source"
LPSTP_DATES = "LPSTP published 2007-11-27; abrogated by the General Law on trafficking (2012), published 2012-06-14"
CPF_NOTE = ("CPF: the statute's text by edition, today's law from the latest; beside it the State's account, as reported "
            "by the State in CRC/C/OPSC/MEX/Q/1/Add.1 (2010), undated")


@pytest.mark.parametrize("on,in_force_,notes", [
    (None, None, [LPSTP_NOTE]),
    ("2007-11-26", False, [f"not in force on 2007-11-26 ({INFERRED}): LPSTP was published on 2007-11-27", LPSTP_NOTE]),
    ("2007-11-27", True, [f"in force on 2007-11-27 ({INFERRED}): {LPSTP_DATES}", LPSTP_NOTE]),
    ("2012-06-13", True, [f"in force on 2012-06-13 ({INFERRED}): {LPSTP_DATES}", LPSTP_NOTE]),
    ("2012-06-14", False, [f"not in force on 2012-06-14 ({INFERRED}): LPSTP was abrogated by the General Law on "
                           "trafficking (2012), published 2012-06-14", LPSTP_NOTE]),
])
def test_lpstp_in_force_on_both_sides_of_each_date(index, on, in_force_, notes):
    result, _ = answer("trata", index, [], on)
    o, *later = result["results"]
    assert [x["id"] for x in later] == (["general-law-trafficking"] if on == "2012-06-14" else [])
    assert result["on"] == on
    assert (o["in_force"], o["notes"]) == (in_force_, notes)
    # the answer says in the same breath that it is inferred from publication dates (issue 10)
    assert o["in_force_basis"] == (None if on is None else INFERRED)
    assert penalties(o) == ([] if in_force_ is False else [LPSTP_6_I, LPSTP_6_II])


def test_lenocinio_is_the_offence_the_law_calls_exactly_that(index):
    """CPF art. 206 bis: "Comete el delito de lenocinio: …" (DOF 28-11-2025); art. 204 names a longer offence."""
    [o] = answer("lenocinio", index, [], None)[0]["results"]
    assert (o["id"], o["offence_es"], o["defined_in"]) == ("procurement", "lenocinio", ["CPF art. 206 bis"])


# CPF art. 203: one version in the editions, "Artículo reformado DOF 27-03-2007" (2025 edition's note)
VERSION_203 = ("CPF art. 203: version of 2007-03-27 (from 2007-03-27, no later change in the editions lexkb holds; dated "
               "from the journal's publication of each decree; entry into force not in source)")
FROM_VERSIONS = ("from the dates of the article's versions (journal publication of each decree); entry into force not "
                 "in source")


# art. 205 bis names art. 203 in its version of 2023-10-18 only ("… 202, 203, 203 Bis, 204 y 209 Bis")
AGGRAVATION_205_BIS = ("CPF art. 205 bis: no version lexkb holds that aggravates this offence is in force on {on} (the "
                       "earliest that does is of 2023-10-18): its aggravation on that date is not in source")


@pytest.mark.parametrize("on,in_force_,notes,expected", [
    (None, None, [CPF_NOTE, VERSION_203], CPF_203),
    ("1990-01-01", None, ["whether this offence was in force on 1990-01-01 is not in source: the earliest version lexkb "
                          "holds is of 2007-03-27", CPF_NOTE,
                          "CPF art. 203: no version in the sources is in force on 1990-01-01 (the earliest version lexkb "
                          "holds is of 2007-03-27): the statute's penalty on that date is not in source",
                          AGGRAVATION_205_BIS.format(on="1990-01-01")], CPF_203[1:]),
    ("2007-03-26", None, ["whether this offence was in force on 2007-03-26 is not in source: the earliest version lexkb "
                          "holds is of 2007-03-27", CPF_NOTE,
                          "CPF art. 203: no version in the sources is in force on 2007-03-26 (the earliest version lexkb "
                          "holds is of 2007-03-27): the statute's penalty on that date is not in source",
                          AGGRAVATION_205_BIS.format(on="2007-03-26")], CPF_203[1:]),
    ("2007-03-27", True, [f"in force on 2007-03-27 ({FROM_VERSIONS})", CPF_NOTE, VERSION_203 + ": in force on 2007-03-27",
                          AGGRAVATION_205_BIS.format(on="2007-03-27")], CPF_203),
    ("2030-12-31", True, [f"in force on 2030-12-31 ({FROM_VERSIONS})", CPF_NOTE, VERSION_203 + ": in force on 2030-12-31"],
     CPF_203),
])
def test_cpf_dates_come_from_the_versions_of_its_articles(index, on, in_force_, notes, expected):
    """Before the earliest version lexkb holds the statute is silent (not in source), and only the State's
    account (undated) is shown; from the version's date on, the statute's penalty holds."""
    [o] = answer("203", index, [], on)[0]["results"]
    assert (o["in_force"], o["notes"]) == (in_force_, notes)
    assert o["in_force_basis"] == {None: None, "1990-01-01": "not in source", "2007-03-26": "not in source"}.get(
        on, FROM_VERSIONS)
    assert penalties(o) == expected


AMENDMENT = {"act": "Decree of 19 August 2010", "since": "2010-08-19",
             "victim_conditions": [{"id": "under-18", "label": "person aged under 18 years"}],
             "source": "CRC/C/OPSC/MEX/Q/1/Add.1, para. 44"}
KINDS = [("parole-ruled-out", "possibility of parole ruled out"),
         ("serious-offence", "classified as serious offence under the Federal Code of Criminal Procedures")]


@pytest.mark.parametrize("on,applies,note", [
    (None, None, "dated from publication; entry into force not in source"),
    ("2010-08-18", False, "not yet on 2010-08-18 (decree published 2010-08-19); the status before the decree is not in source"),
    ("2010-08-19", True, "dated from publication; entry into force not in source"),
    ("2010-08-20", True, "dated from publication; entry into force not in source"),
])
def test_the_2010_decree_on_both_sides_of_its_date(index, on, applies, note):
    [o] = answer("204", index, [], on)[0]["results"]
    # the compensation effect has no age limit in para. 44 (reading decree-2010-compensation-class)
    expected = [dict(AMENDMENT, kind="compensation-extended", label="scope of compensation extended",
                     victim_conditions=[], note=note)]
    expected += [dict(AMENDMENT, kind=kind, label=label, note=note) for kind, label in KINDS]
    if applies is not None:
        expected = [dict(e, applies=applies) for e in expected]
    assert o["amendments"] == expected
    assert penalties(o) == CPF_204


def test_in_force_of_an_instrument_published_and_not_repealed():
    index = {"instruments": {"i": {"short": "Act X", "date_publication": "2010-01-10"}}}
    offence = {"instrument": "i"}
    note = "Act X published 2010-01-10; dates of entry into force not in source, publication dates used"
    assert in_force(offence, index, None) == {"in_force": None, "in_force_basis": None, "notes": [note]}
    assert in_force(offence, index, parse_date("2010-01-09")) == {
        "in_force": False, "in_force_basis": INFERRED,
        "notes": [f"not in force on 2010-01-09 ({INFERRED}): Act X was published on 2010-01-10", note]}
    assert in_force(offence, index, parse_date("2010-01-10")) == {
        "in_force": True, "in_force_basis": INFERRED, "notes": [f"in force on 2010-01-10 ({INFERRED}): Act X published 2010-01-10", note]}
    assert in_force(offence, index, parse_date("2099-01-01"))["in_force"] is True


def test_amendment_status_direct():
    a = {"kind": "k", "label": "l", "act": "A", "date": "2010-08-19", "victim_conditions": [], "source": "s"}
    assert amendment_status(a, None) == {"kind": "k", "label": "l", "act": "A", "since": "2010-08-19",
                                         "victim_conditions": [], "source": "s",
                                         "note": "dated from publication; entry into force not in source"}
    assert amendment_status(a, parse_date("2010-08-19"))["applies"] is True
    assert amendment_status(a, parse_date("2010-08-18"))["applies"] is False


@pytest.mark.parametrize("text", ["2010-13-01", "yesterday", "2010/08/19", ""])
def test_a_bad_date_is_an_argument_error(text):
    with pytest.raises(LexkbError) as exc:
        parse_date(text)
    assert str(exc.value) == f"--on {text!r}: not a date; use YYYY-MM-DD, e.g. --on 2011-01-01"
    assert exc.value.exit_code == 2
    assert parse_date(None) is None


# ------------------------------------------------------------------------------------ --with
# the factors of today's law for pederasty: CPF 205 bis (version of 2023-10-18), incisos a) to j); CPF 209 bis's
# own (statute, version of 2010-08-19); and the report's 'violence' (para. 48)
FACTORS_209_BIS = "cpf-205bis-v2023-10-18-a-patria-potestad, cpf-205bis-v2023-10-18-b-ascendientes, cpf-205bis-v2023-10-18-c-colaterales, cpf-205bis-v2023-10-18-d-tutores, cpf-205bis-v2023-10-18-e-subordinacion, cpf-205bis-v2023-10-18-f-funcion-publica, cpf-205bis-v2023-10-18-g-mismo-domicilio, cpf-205bis-v2023-10-18-h-ministro-de-culto, cpf-205bis-v2023-10-18-i-violencia, cpf-205bis-v2023-10-18-j-lazo-afectivo, cpf-209bis-v2010-08-19-violencia-fisica, violence"
def test_with_a_factor_computes_each_variant(index):
    result, _ = answer("LPSTP 6", index, ["victim-over-60"], None)
    [o] = result["results"]
    assert o["with"] == ["victim-over-60"]
    i, ii = o["penalties"]
    assert (i["effective_imprisonment_years"], i["effective_fine_days_wage"]) == ([9, 18], [750, 2250])
    assert (ii["effective_imprisonment_years"], ii["effective_fine_days_wage"]) == ([13.5, 27], [1125, 3375])
    assert (i["imprisonment_years"], i["fine_days_wage"]) == ([6, 12], [500, 1500])   # the base range stays
    assert i["explanation"][1] == ("Factor 'victim-over-60' (LPSTP art. 6 III(a)) triggers LPSTP art. 6 III: "
                                   "imprisonment and fine increased by half (both bounds).")


def test_with_a_factor_on_one_variant(index):
    [o] = answer("LPSTP 6 II", index, ["indigenous-victim"], None)[0]["results"]
    [p] = o["penalties"]
    assert (p["provision"], p["effective_imprisonment_years"], p["effective_fine_days_wage"]) == (
        "LPSTP art. 6 II", [13.5, 27], [1125, 3375])


def test_pederasty_with_violence(index):
    """'violence' is the report's factor (para. 48): it raises the State's account; the statute's variant of
    209 bis is raised only by the statute's own factors, so its range is unchanged and the answer says so."""
    [o] = answer("209 bis", index, ["violence"], None)[0]["results"]
    statute, report = o["penalties"]
    assert (report["effective_imprisonment_years"], report["effective_fine_days_wage"]) == ([13.5, 27], [1125, 3375])
    assert (statute["effective_imprisonment_years"], statute["effective_fine"]) == ([9, 18], [750, 2250])
    assert statute["effective_fine_days_wage"] is None
    assert statute["explanation"][-1] == "None of the selected factors applies to this variant: the range is unchanged."


def test_a_factor_given_twice_applies_once(index):
    [o] = answer("trata", index, ["victim-over-60", "victim-over-60", "relative-or-carer"], None)[0]["results"]
    assert o["penalties"][1]["effective_imprisonment_years"] == [13.5, 27]


def test_a_factor_that_brings_a_measure_adds_it_with_its_provision(index):
    [o] = answer("LPSTP 6 I", index, ["public-office"], None)[0]["results"]
    [p] = o["penalties"]
    extra = [m for m in p["additional_measures"] if m.endswith("[LPSTP art. 6 III(a)]")]
    assert len(extra) == 1 and extra[0].startswith("loss of job, removal and bar from office and public service in general")
    [o] = answer("LPSTP 6 I", index, [], None)[0]["results"]
    assert o["penalties"][0]["additional_measures"] == []


def test_a_factor_that_applies_to_no_variant_leaves_the_range_and_says_so(index):
    index = copy.deepcopy(index)
    trafficking = next(o for o in index["offences"] if o["id"] == "trafficking-in-persons")
    for f in trafficking["aggravating_factors"]:
        if f["id"] == "indigenous-victim":
            f["applies_to"] = ["lpstp-6-II"]
    [o] = answer("trata", index, ["indigenous-victim"], None)[0]["results"]
    i, ii = o["penalties"]
    assert (i["effective_imprisonment_years"], i["effective_fine_days_wage"]) == ([6, 12], [500, 1500])
    assert i["explanation"][-1] == "None of the selected factors applies to this variant: the range is unchanged."
    assert ii["effective_imprisonment_years"] == [13.5, 27]
    assert ii["explanation"][-1] != i["explanation"][-1]


@pytest.mark.parametrize("query,factor,message", [
    ("pederasty", "victim-over-60", "--with victim-over-60: not an aggravating factor of pederasty (CPF art. 209 bis); "
                                    "factors that apply: " + FACTORS_209_BIS),
    ("206", "violence", "--with violence: not an aggravating factor of procurement for prostitution (CPF art. 206); "
                        "factors that apply: none"),
    ("trata", "violence", "--with violence: not an aggravating factor of trafficking in persons (LPSTP art. 6); "
                          "factors that apply: indigenous-victim, public-office, victim-over-60, relative-or-carer"),
])
def test_a_factor_that_does_not_apply_is_exit_2(index, query, factor, message):
    with pytest.raises(LexkbError) as exc:
        answer(query, index, [factor], None)
    assert (str(exc.value), exc.value.exit_code) == (message, 2)


FACTORS_205_BIS_2023 = ", ".join(f"cpf-205bis-v2023-10-18-{x}" for x in (
    "a-patria-potestad", "b-ascendientes", "c-colaterales", "d-tutores", "e-subordinacion", "f-funcion-publica",
    "g-mismo-domicilio", "h-ministro-de-culto", "i-violencia", "j-lazo-afectivo"))


@pytest.mark.parametrize("on,when", [(None, "in today's law (the latest version; give --on DATE for another day)"),
                                     ("2030-01-01", "on 2030-01-01")])
def test_a_factor_of_another_version_of_the_article_says_when_it_held(on, when):
    # CPF art. 205 bis in its 2012-06-14 version (the 2013 edition; the next change, DOF 25-04-2023): "Las sanciones
    # señaladas en los artículos ... se aumentarán al doble de la que corresponda cuando el autor tuviere para con la
    # víctima, alguna de las siguientes relaciones: a) Los que ejerzan la patria potestad, guarda o custodia"
    args = ["penalty", "204", "--with", "cpf-205bis-v2012-06-14-a-patria-potestad"] + (["--on", on] if on else [])
    assert run_lexkb(*args) == (
        2, "", "lexkb: error: --with cpf-205bis-v2012-06-14-a-patria-potestad: an aggravating factor of procurement for "
               "prostitution of persons aged under 18 years or persons who do not have the capacity to understand the "
               "significance of the act or are not able to offer resistance only in the version of CPF art. 205 bis "
               f"from 2012-06-14 until 2023-04-25, not {when}; factors that apply: {FACTORS_205_BIS_2023}\n")


def test_a_factor_of_the_version_in_force_that_day_applies(index):
    # on 2015-01-01 the 2012 version holds: CPF art. 204 "de ocho a quince años de prisión y de mil a dos mil
    # quinientos días multa", doubled ("al doble"): 16 to 30 years, 2,000 to 5,000 días multa
    result, _ = answer("204", index, ["cpf-205bis-v2012-06-14-a-patria-potestad"], "2015-01-01")
    [statute] = [p for p in result["results"][0]["penalties"] if p["basis"] == "statute"]
    assert (statute["effective_imprisonment_years"], statute["effective_fine"]) == ([16, 30], [2000, 5000])


@pytest.mark.parametrize("query,message", [
    ("tourism", "'tourism' matches 3 offences; be more specific"),
    ("xyzzy", "no offence matches 'xyzzy'"),
    ("CPF 6", "no offence matches 'CPF 6'; did you mean: CPF art. 206?"),
    ("CPF 205", "CPF art. 205 was repealed by a decree published on 2007-11-27 ('Derogado', Código Penal Federal "
                "(Última reforma publicada DOF 28-11-2025), art. 205): it defines no offence"),
])
def test_with_needs_one_offence_exit_1(index, query, message):
    with pytest.raises(LexkbError) as exc:
        answer(query, index, ["violence"], None)
    assert (str(exc.value), exc.value.exit_code) == (f"--with needs a query that names one offence; {message}", 1)
    result, _ = answer(query, index, [], None)       # without --with: an answer, no error
    assert result["results"] == []


def test_with_on_the_command_line_exit_codes_and_messages():
    assert run_lexkb("penalty", "tourism", "--with", "violence") == (
        1, "", "lexkb: error: --with needs a query that names one offence; 'tourism' matches 3 offences; be more specific\n")
    assert run_lexkb("penalty", "206", "--with", "violence") == (
        2, "", "lexkb: error: --with violence: not an aggravating factor of procurement for prostitution (CPF art. 206); "
               "factors that apply: none\n")


def test_the_result_carries_the_offence_and_its_sources(index):
    [o] = answer("206", index, [], None)[0]["results"]
    assert (o["offence"], o["offence_es"], o["iri"]) == ("procurement for prostitution", "lenocinio",
                                                         "https://w3id.org/lexkb/id/mx/offence/procurement")
    assert (o["defined_in"], o["penalised_in"]) == (["CPF art. 206 bis"], ["CPF art. 206"])
    assert o["sources"] == ["Código Penal Federal (Última Reforma DOF 07-06-2013), art. 206",
                            "Código Penal Federal (Última reforma publicada DOF 24-01-2020), art. 206",
                            "Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. 206",
                            "Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. 206 bis",
                            "CRC/C/OPSC/MEX/Q/1/Add.1, para. 50"] and o["with"] == []
    assert o["aggravating_factors"] == [] and [a["kind"] for a in o["amendments"]] == ["compensation-extended"]
    [o] = answer("209 bis", index, [], None)[0]["results"]
    factors = [(f["id"], f["provision"], f["rule_provision"]) for f in o["aggravating_factors"]]
    assert factors[-2:] == [("cpf-209bis-v2010-08-19-violencia-fisica", "CPF art. 209 bis", "CPF art. 209 bis"),
                            ("violence", "CPF art. 209 bis", "CPF art. 209 bis")]
    assert ", ".join(f[0] for f in factors) == FACTORS_209_BIS
    # para. 48, art. 209 (bis): "… as a relative, guardian, legal representative, carer or custodian of any kind or of the
    # existence of a pedagogic, religious, work-related, medical, cultural, domestic or other type of relationship, …
    # with or without his or her consent"
    assert sorted(o["relationships"]) == sorted([
        "relative", "guardian", "legal representative", "carer", "custodian of any kind", "pedagogic", "religious",
        "work-related", "medical", "cultural", "domestic", "other type of relationship"])
    assert o["circumstances"] == ["with or without his or her consent"]
    from lexkb.penalty import reported

    # the document and the year the State submitted it come from the data (its [document] table)
    entry = next(x for x in index["offences"] if x["id"] == "pederasty")
    assert reported(entry) == "as reported by the State in CRC/C/OPSC/MEX/Q/1/Add.1 (2010)"


def test_a_factor_that_does_not_apply_names_every_penalising_provision(index):
    index = copy.deepcopy(index)
    pederasty = next(o for o in index["offences"] if o["id"] == "pederasty")
    pederasty["penalised_in"] = ["CPF art. 209 bis", "CPF art. 209 ter"]
    with pytest.raises(LexkbError) as exc:
        answer("pederasty", index, ["victim-over-60"], None)
    assert str(exc.value) == ("--with victim-over-60: not an aggravating factor of pederasty (CPF art. 209 bis, "
                              "CPF art. 209 ter); factors that apply: " + FACTORS_209_BIS)


def test_the_result_carries_what_the_source_says_of_the_offence(index):
    """LPSTP arts. 5-6 (paras. 49, 51): names, victims, conduct, rules and the State's OPSC claims."""
    [o] = answer("trata", index, [], None)[0]["results"]
    assert sorted(o) == ["aggravating_factors", "aliases", "amendments", "circumstances", "conduct", "defined_in", "id",
                         "in_force", "in_force_basis", "iri", "not_in_force", "notes", "offence", "offence_es", "opsc",
                         "opsc_claims", "penalised_in", "penalties", "readings", "relationships", "rules", "sources",
                         "victim_conditions", "with"]
    # the report's name for the Act (para. 49) is an alias too
    assert o["aliases"] == ["Human Trafficking", "trafficking of persons"]
    # art. 5 covers "a person": the minors clause only waives proof of the means (issue 10)
    assert o["victim_conditions"] == []
    assert [c["label"] for c in o["rules"][0]["victim_conditions"]] == [
        "person aged under 18 years", "person who does not have the capacity to understand the significance of the act",
        "person who is unable to offer resistance"]
    assert o["conduct"] == ["delivers", "facilitates", "offers", "procures", "promotes", "receives", "solicits", "transfers"]
    # art. 5: "… receives, for himself or herself or for a third party, a person …"
    assert (o["circumstances"], o["relationships"]) == (["for himself or herself or for a third party"], [])
    assert [(r["provision"], r["label"], r["refers_to"]) for r in o["rules"]] == [
        ("LPSTP art. 5", "no verification of commissive means required", None),
        ("LPSTP art. 6 III(c)", "another offence committed together with this one", "the First Book of the Federal Criminal Code"),
        ("LPSTP art. 6 III(d)", "consent of the victim", "article 15, section III, of the Federal Criminal Code")]
    assert o["opsc"] == ["2(a)", "3(1)(a)"]
    # para. 49: the Act "define[s] the sale of children ... in accordance with articles 2 (a) and 3 (a)";
    # art. 5 defines the offence (both), art. 6 only penalises it (3(1)(a), criminalisation)
    assert {(c["provision"], c["opsc"], c["source"]) for c in o["opsc_claims"]} == {
        (p, opsc, f"CRC/C/OPSC/MEX/Q/1/Add.1, para. {para}")
        for p, opsc in [("LPSTP art. 5", "2(a)"), ("LPSTP art. 5", "3(1)(a)"), ("LPSTP art. 6", "3(1)(a)")]
        for para in (49, 51)}


def test_no_match_suggests_every_close_name():
    result = {"query": "tourisme", "suggestions": ["turismo sexual", "sexual-tourism", "sexual tourism"]}
    assert no_result_message("tourisme", result) == (
        "no offence matches 'tourisme'; did you mean: turismo sexual, sexual-tourism, sexual tourism?")


# ------------------------------------------------------------------------------------ versions by date
# CPF art. 201, both versions: "en el caso del inciso a) o b) pena de prisión de cinco a diez años y multa de
# quinientos a mil días; en el caso del inciso c) … de cuatro a nueve años y de cuatrocientos a novecientos días
# multa; en el caso del inciso e) o f) … de siete a doce años y multa de ochocientos a dos mil quinientos días"
CPF_201 = [([5, 10], [500, 1000]), ([4, 9], [400, 900]), ([7, 12], [800, 2500])]


# CPF art. 201's version of 2007-03-27 (2013 edition) ended with the reform published 18-07-2016 ("Párrafo reformado
# DOF 18-07-2016", 2020 and 2025 editions); today's law is the latest version
VERSION_201 = ("CPF art. 201: version of {since} (from {since}{until}; dated from the journal's publication of each "
               "decree; entry into force not in source)")
NOTE_201_UNTIL = VERSION_201.format(since="2007-03-27", until=" until 2016-07-18")
NOTE_201_LATEST = VERSION_201.format(since="2016-07-18", until=", no later change in the editions lexkb holds")


@pytest.mark.parametrize("on,since,until,version_note", [
    ("2016-07-17", "2007-03-27", "2016-07-18", NOTE_201_UNTIL + ": in force on 2016-07-17"),   # the day before the reform
    ("2016-07-18", "2016-07-18", None, NOTE_201_LATEST + ": in force on 2016-07-18"),
    (None, "2016-07-18", None, NOTE_201_LATEST),                    # today's law: the latest version
])
def test_cpf_201_answers_from_the_version_of_the_day(index, on, since, until, version_note):
    [o] = answer("201", index, [], on)[0]["results"]
    assert [(p["imprisonment_years"], p["fine"]) for p in o["penalties"]] == CPF_201
    assert {(p["basis"], p["valid_from"], p["valid_until"]) for p in o["penalties"]} == {("statute", since, until)}
    # the statute alone: no State's account beside it
    assert "CPF: the statute's text by edition, today's law from the latest" in o["notes"]
    assert [n for n in o["notes"] if n.startswith("CPF art. 201: ")] == [version_note]


def test_between_two_versions_lexkb_holds_the_205_bis_factors_are_not_in_source(index):
    """The note "Párrafo reformado DOF 27-11-2007, 14-06-2012, 25-04-2023, 18-10-2023" (2025 edition): the
    version of 2012-06-14 ended on 2023-04-25, and no edition lexkb holds carries the version of that day."""
    [o] = answer("204", index, [], "2023-05-01")[0]["results"]
    assert not [f for f in o["aggravating_factors"] if f["id"].startswith("cpf-205bis-")]
    assert o["notes"][-1] == ("CPF art. 205 bis: no version lexkb holds that aggravates this offence is in force on "
                              "2023-05-01 (the earliest that does is of 2012-06-14): its aggravation on that date is not "
                              "in source")


@pytest.mark.parametrize("on,version", [("2020-01-01", "2012-06-14"), ("2023-04-24", "2012-06-14"),
                                        ("2023-10-18", "2023-10-18"), (None, "2023-10-18")])
def test_the_205_bis_factors_of_the_day_and_never_both_versions(index, on, version):
    """CPF art. 205 bis doubles the penalty of art. 204 in both its versions (2012-06-14 and 2023-10-18):
    the factors offered are those of the version in force on the date."""
    [o] = answer("204", index, [], on)[0]["results"]
    versions = {f["id"].split("-v", 1)[1][:10] for f in o["aggravating_factors"] if f["id"].startswith("cpf-205bis-")}
    assert versions == {version}
    [o] = answer("204", index, [f"cpf-205bis-v{version}-a-patria-potestad"], on)[0]["results"]
    statute = o["penalties"][0]
    # "se aumentarán al doble": [8, 15] years and 1,000-2,500 días multa doubled
    assert (statute["effective_imprisonment_years"], statute["effective_fine"]) == ([16, 30], [2000, 5000])


@pytest.mark.parametrize("penalties,expected", [
    # the State's account names its document and the year it was submitted
    ([{"basis": "state-report", "document": "DOC/1", "document_date": "2010-10-12"},
      {"basis": "state-report", "document": "DOC/1", "document_date": "2010-10-12"}],
     "as reported by the State in DOC/1 (2010)"),
    ([{"basis": "state-report", "document": "DOC/1"}], "as reported by the State in DOC/1"),   # no date: no year
    ([{"basis": "state-report", "document": "DOC/1", "document_date": "2010-10-12"},
      {"basis": "state-report", "document": "DOC/2", "document_date": "2012-01-31"}],
     "as reported by the State in DOC/1 (2010), DOC/2 (2012)"),
    # a statute's penalty is not the State's report, even where it names a document; a penalty with no document
    # names none
    ([{"basis": "statute", "document": "ACT edition", "document_date": "2020-01-24"},
      {"basis": "state-report", "document": "DOC/1", "document_date": "2010-10-12"}],
     "as reported by the State in DOC/1 (2010)"),
    ([{"basis": "state-report", "document": None}], "as the sources report them"),
    ([{"basis": "statute", "document": None}], "as the sources report them"),
    ([], "as the sources report them"),
])
def test_reported_names_the_documents_of_the_states_account(penalties, expected):
    from lexkb.penalty import reported

    assert reported({"penalties": penalties}) == expected


def test_in_force_of_an_instrument_the_sources_give_no_date_for():
    """An instrument with neither publication date nor statute versions: whether it was in force is not in
    source, and the note says whose account its provisions are."""
    index = {"instruments": {"y": {"short": "Act Y"}}}
    offence = {"instrument": "y", "penalties": [{"basis": "state-report", "document": "DOC/1",
                                                 "document_date": "2010-10-12"}]}
    note = "Act Y dates not in source: provisions as reported by the State in DOC/1 (2010)"
    assert in_force(offence, index, None) == {"in_force": None, "in_force_basis": None, "notes": [note]}
    assert in_force(offence, index, parse_date("2011-01-01")) == {
        "in_force": None, "in_force_basis": "not in source",
        "notes": ["whether this text was in force on 2011-01-01 is not in source (as reported by the State in DOC/1 "
                  "(2010))", note]}


def test_a_day_after_the_last_version_lexkb_holds_ended(index):
    """Made-up: CPF art. 203's only version ended on 2015-01-01 with no later one in the sources. On the day
    before it holds; from that day no version of the offence's articles holds: not in force, said so, with the
    statute's penalty on that date not in source."""
    index = copy.deepcopy(index)
    tourism = next(o for o in index["offences"] if o["id"] == "sexual-tourism")
    for p in tourism["penalties"]:
        if p["basis"] == "statute":
            p["valid_until"] = "2015-01-01"
    [o] = answer("203", index, [], "2014-12-31")[0]["results"]
    assert (o["in_force"], o["in_force_basis"], o["notes"][0]) == (True, FROM_VERSIONS,
                                                                  f"in force on 2014-12-31 ({FROM_VERSIONS})")
    assert penalties(o) == CPF_203
    [o] = answer("203", index, [], "2015-01-01")[0]["results"]
    assert (o["in_force"], o["in_force_basis"], o["penalties"]) == (False, FROM_VERSIONS, [])
    assert o["notes"][0] == f"not in force on 2015-01-01 ({FROM_VERSIONS}): no version of its articles holds that day"
    assert ("CPF art. 203: no version in the sources is in force on 2015-01-01: the statute's penalty on that date is "
            "not in source") in o["notes"]
    assert o["not_in_force"]["reason"] == o["notes"][0]


@pytest.mark.parametrize("query,penalised", [("trata", ["LPSTP art. 6 I", "LPSTP art. 6 II"]),
                                             ("LPSTP 6 II", ["LPSTP art. 6 II"])])
def test_not_in_force_the_law_is_kept_apart_not_applied(index, query, penalised):
    """On 2013-01-01 the LPSTP is abrogated: its factors, rules and OPSC claims (para. 49: arts. 2 (a) and 3 (a))
    are not listed as applying; they are kept under not_in_force, with the penalties the query names."""
    o = answer(query, index, [], "2013-01-01")[0]["results"][0]
    assert (o["in_force"], o["penalties"], o["aggravating_factors"], o["rules"], o["opsc"], o["opsc_claims"]) == (
        False, [], [], [], [], [])
    kept = o["not_in_force"]
    assert (kept["on"], kept["reason"], kept["penalties"], kept["opsc"]) == (
        "2013-01-01", o["notes"][0], penalised, ["2(a)", "3(1)(a)"])
    assert [f["id"] for f in kept["aggravating_factors"]] == ["indigenous-victim", "public-office", "victim-over-60",
                                                              "relative-or-carer"]
    assert [r["provision"] for r in kept["rules"]] == ["LPSTP art. 5", "LPSTP art. 6 III(c)", "LPSTP art. 6 III(d)"]
    o = answer(query, index, [], "2009-01-01")[0]["results"][0]
    assert (o["in_force"], o["not_in_force"], o["opsc"]) == (True, None, ["2(a)", "3(1)(a)"])


# ------------------------------------------------------------------------------------ succession
# lexkb's reading of succession (provisions/lgpsedmtp/10.md): General Law art. 10 continues the LPSTP's
# trafficking after the General Law (published 2012-06-14) abrogated the LPSTP
def test_no_continuing_offence_while_the_earlier_one_is_in_force(index):
    """Made-up: were the LPSTP never abrogated, on 2013-01-01 it would still be in force and be the answer
    alone, though General Law art. 10 is in force that day too."""
    index = copy.deepcopy(index)
    lpstp = index["instruments"][next(o for o in index["offences"] if o["id"] == "trafficking-in-persons")["instrument"]]
    for key in ("repealed_by", "repealer_date_publication"):
        lpstp.pop(key, None)
    result, _ = answer("trafficking", index, [], "2013-01-01")
    assert [(o["id"], o["in_force"]) for o in result["results"]] == [("trafficking-in-persons", True)]


def test_a_continuing_offence_already_answered_or_not_in_the_index_is_not_added(index):
    from lexkb.lookup import Match
    from lexkb.penalty import offence_result, successor_results

    on = parse_date("2013-01-01")
    by_id = {o["id"]: o for o in index["offences"]}
    lpstp, art10 = by_id["trafficking-in-persons"], by_id["general-law-trafficking"]
    both = Match(offences=[lpstp, art10])
    results = [offence_result(o, index, both, [], on) for o in both.offences]
    assert [r["in_force"] for r in results] == [False, True]
    assert successor_results(both, results, index, [], on) == []          # art. 10 is answered already
    alone = Match(offences=[lpstp])
    without = dict(index, offences=[o for o in index["offences"] if o["id"] != "general-law-trafficking"])
    assert successor_results(alone, results[:1], without, [], on) == []    # art. 10 not in this index
    [later] = successor_results(alone, results[:1], index, [], on)
    assert later["id"] == "general-law-trafficking" and later["continues"]["id"] == "trafficking-in-persons"


def test_a_factor_of_the_continuing_offence_applies_to_it_and_not_to_the_abrogated_one(index):
    """General Law art. 42 fr. I (version of 2012-06-14): "Las penas previstas en este Título se aumentarán hasta
    en una mitad"; art. 10 (DOF 14-06-2012): "de 5 a 15 años de prisión y de un mil a veinte mil días multa". On
    2013-01-01 the LPSTP's offence (abrogated) is answered without that factor, which is not its own, and says so;
    art. 10, continuing it, with it: up to one half more at the maximum, 15 x 1.5 = 22.5 years, 20,000 x 1.5 =
    30,000 días multa."""
    factor = "lgpsedmtp-42-v2012-06-14-I"
    refusal = (f"--with {factor}: not an aggravating factor of trafficking in persons (LPSTP art. 6); factors that "
               "apply: indigenous-victim, public-office, victim-over-60, relative-or-carer")
    result, _ = answer("trafficking", index, [factor], "2013-01-01")
    lpstp, art10 = result["results"]
    assert (lpstp["id"], lpstp["in_force"], lpstp["with"]) == ("trafficking-in-persons", False, [])
    assert lpstp["notes"][-1] == f"--with not applied to trafficking-in-persons: {refusal}"
    assert (art10["id"], art10["with"]) == ("general-law-trafficking", [factor])
    assert [n for n in art10["notes"] if n.startswith("--with")] == []      # applied to art. 10: nothing refused
    [p] = art10["penalties"]
    assert (p["effective_imprisonment_years"], p["effective_fine"]) == ([5, 22.5], [1000, 30000])
    # before the abrogation the LPSTP is in force, and before its publication (2007-11-27) neither offence is: the
    # factor, not the LPSTP's, is refused, as without a date
    for on in ("2009-01-01", "2007-01-01", None):
        with pytest.raises(LexkbError) as exc:
            answer("trafficking", index, [factor], on)
        assert (str(exc.value), exc.value.exit_code) == (refusal, 2)


def test_a_factor_of_neither_offence_is_refused_after_the_abrogation_too(index):
    with pytest.raises(LexkbError) as exc:
        answer("trafficking", index, ["violence"], "2013-01-01")
    assert (str(exc.value), exc.value.exit_code) == (
        "--with violence: not an aggravating factor of trafficking in persons (LPSTP art. 6); factors that apply: "
        "indigenous-victim, public-office, victim-over-60, relative-or-carer", 2)


def test_an_article_the_sources_do_not_describe(index):
    """Made-up: a CPF article in the index whose coverage is 'not-in-source'."""
    index = copy.deepcopy(index)
    model = next(p for p in index["provisions"].values() if p["label"] == "CPF art. 207")
    silent = dict(model, label="CPF art. 299", key=model["key"].replace("207", "299"),
                  iri=model["iri"].replace("207", "299"), coverage="not-in-source", sources=["Source A", "Source B"])
    silent.pop("repealed_on", None)
    index["provisions"]["cpf-299"] = silent
    result, _ = answer("CPF 299", index, [], None)
    assert (result["results"], result["not_in_source"], result["not_in_source_sources"]) == (
        [], "CPF art. 299", ["Source A", "Source B"])
    assert no_result_message("CPF 299", result) == "CPF art. 299 is not described by Source A; Source B: not in source"
    assert no_result_message("CPF 299", dict(result, not_in_source_sources=[])) == (
        "CPF art. 299 is not described by the sources: not in source")


def test_before_the_earliest_of_two_versions_of_cpf_201(index):
    """CPF art. 201 has two versions in the editions, of 2007-03-27 and 2016-07-18: the day before the first,
    the statute is silent, and the answer names the earliest."""
    [o] = answer("201", index, [], "2007-03-26")[0]["results"]
    assert (o["in_force"], o["in_force_basis"], o["penalties"]) == (None, "not in source", [])
    assert o["notes"][0] == ("whether this offence was in force on 2007-03-26 is not in source: the earliest version "
                             "lexkb holds is of 2007-03-27")
    assert ("CPF art. 201: no version in the sources is in force on 2007-03-26 (the earliest version lexkb holds is of "
            "2007-03-27): the statute's penalty on that date is not in source") in o["notes"]


def test_the_earliest_version_is_named_whatever_order_the_index_lists_them(index):
    # CPF art. 201's versions in the editions: "Artículo reformado DOF 27-03-2007" (2013 edition) and the reform of
    # 2016-07-18 (2020 and 2025 editions); on 2000-01-01 neither holds, and the note names the earlier one
    reordered = copy.deepcopy(index)
    for o in reordered["offences"]:
        o["penalties"].reverse()
    for ix in (index, reordered):
        result, _ = answer("201", ix, [], "2000-01-01")
        assert ("CPF art. 201: no version in the sources is in force on 2000-01-01 (the earliest version lexkb holds "
                "is of 2007-03-27): the statute's penalty on that date is not in source") in result["results"][0]["notes"]
