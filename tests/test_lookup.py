"""lexkb.lookup on its own: what a lawyer types, parsed and resolved to offences, with the expected
offences and provisions written here from the source (CRC/C/OPSC/MEX/Q/1/Add.1 paras. 47-51).
Queries that must not match; two jurisdictions with the same article labels."""
from __future__ import annotations

import copy
import json

import pytest

from pathlib import Path

from lexkb.lookup import (ArticleQuery, Match, find_provisions, find_provisions_read, fold, instrument_words, names_of,
                          offence_provisions, parse_article as parse_with, provision_key, read_citation, resolve,
                          same_article, suggest, within)

# the instruments' names as the shipped index has them (short name, titles, aliases): the data, not
# lexkb.lookup, knows that 'Código Penal Federal' is the CPF
NAMES = json.loads((Path(__file__).parent.parent / "kb" / "generated" / "index.json")
                   .read_text(encoding="utf-8"))["instrument_names"]


def parse_article(text):
    return parse_with(text, NAMES)


@pytest.mark.parametrize("text,instrument,key", [
    ("203", None, "203"), ("203 bis", None, "203bis"), ("Article 203 (bis)", None, "203bis"), ("art. 203bis", None, "203bis"),
    ("artículo 203 bis", None, "203bis"), ("Arts. 203", None, "203"), ("articulos 203", None, "203"),
    ("CPF 203 bis", "cpf", "203bis"), ("cpf, art. 203", "cpf", "203"), ("CPF: 203", "cpf", "203"), ("CPF:203", "cpf", "203"),
    ("203 bis, CPF", "cpf", "203bis"), ("203 CPF", "cpf", "203"), ("Código Penal Federal 204", "cpf", "204"),
    ("federal criminal code art. 204", "cpf", "204"), ("LPSTP 6 III(a)", "lpstp", "6iiia"), ("lpstp art. 6", "lpstp", "6"),
    ("OPSC 3(1)(b)", "opsc", "31b"), ("opsc. 3", "opsc", "3"), ("  Art.  209   ter ", None, "209ter"),
    # the General Law by its alias (provisions/instruments/lgpsedmtp.md) and by its short name
    ("LGPSEDMTP 10", "general law on trafficking (2012)", "10"), ("art. 13, lgpsedmtp", "general law on trafficking (2012)", "13"),
    ("General Law on trafficking (2012) art. 10", "general law on trafficking (2012)", "10"),
])
def test_article_spellings_parse(text, instrument, key):
    assert parse_article(text) == ArticleQuery(instrument, key)


# only a space, comma, full stop or colon joins an instrument's name to the article: "CPF-203" is not one
@pytest.mark.parametrize("text", ["trata", "sexual tourism", "CPF", "art.", "", "bis 203", "cpfx 203", "203-bis", "opsc3",
                                  "CPF-203", "CPF(203)"])
def test_what_is_not_an_article(text):
    assert parse_article(text) is None


def test_the_longest_instrument_name_wins():
    # 'codigo penal federal' before 'cpf'; an instrument word inside another word is not one
    assert parse_article("codigo penal federal art. 206") == ArticleQuery("cpf", "206")
    assert parse_article("lpstpx 6") is None


def test_provision_keys_and_same_article():
    assert provision_key("CPF art. 203 bis") == ArticleQuery("cpf", "203bis")
    assert provision_key("OPSC art. 3(1)(b)") == ArticleQuery("opsc", "31b")
    assert provision_key("LPSTP art. 6 III(a)") == ArticleQuery("lpstp", "6iiia")
    assert same_article(ArticleQuery(None, "203bis"), "CPF art. 203 bis")
    assert same_article(ArticleQuery("cpf", "203bis"), "CPF art. 203 bis")
    assert not same_article(ArticleQuery("lpstp", "203bis"), "CPF art. 203 bis")
    assert not same_article(ArticleQuery("cpf", "203"), "CPF art. 203 bis")


@pytest.mark.parametrize("label,provision,inside", [
    ("LPSTP art. 6 II", "LPSTP art. 6", True), ("LPSTP art. 6", "LPSTP art. 6", True),
    ("LPSTP art. 6 III(a)", "LPSTP art. 6 III", True), ("OPSC art. 3(1)(b)", "OPSC art. 3", True),
    ("CPF art. 203 bis", "CPF art. 203", False), ("CPF art. 209 ter", "CPF art. 209", False),
    ("CPF art. 206 bis II", "CPF art. 206", False), ("CPF art. 206 bis II", "CPF art. 206 bis", True),
    ("CPF art. 2030", "CPF art. 203", False), ("LPSTP art. 6", "LPSTP art. 6 II", False),
    ("CPF art. 203 quater", "CPF art. 203", False), ("CPF art. 203(bis)", "CPF art. 203", True),
])
def test_within(label, provision, inside):
    assert within(label, provision) is inside


def test_fold():
    assert fold("  Trata de   PERSONAS ") == "trata de personas"
    assert fold("Pederastía") == "pederastia" and fold("Código") == "codigo"


def test_names_and_provisions_of_an_offence(index):
    trafficking = next(o for o in index["offences"] if o["id"] == "trafficking-in-persons")
    assert names_of(trafficking) == ["trafficking in persons", "trata de personas", "trafficking-in-persons",
                                     "Human Trafficking", "trafficking of persons"]
    assert offence_provisions(trafficking) == ["LPSTP art. 5", "LPSTP art. 6", "LPSTP art. 6 I", "LPSTP art. 6 II",
                                               "LPSTP art. 6 III(c)", "LPSTP art. 6 III(d)", "LPSTP art. 6 III(a)",
                                               "LPSTP art. 6 III(b)"]
    assert names_of({"offence": "x", "id": "x-id"}) == ["x", "", "x-id"]


def ids(os):
    return [o["id"] for o in os]


@pytest.mark.parametrize("query,offence,provision_filter", [
    ("203", "sexual-tourism", None), ("CPF 203 bis", "sexual-acts-in-sexual-tourism", None),
    ("204", "procurement-of-minors", None), ("cpf 204 II", "procurement-of-minors", None),
    ("206", "procurement", None), ("206 bis", "procurement", None), ("CPF 206 bis III", "procurement", None),
    ("209 bis", "pederasty", None), ("209 ter", "pederasty", None),
    ("LPSTP 5", "trafficking-in-persons", None), ("LPSTP 6", "trafficking-in-persons", None),
    ("LPSTP 6 I", "trafficking-in-persons", "LPSTP art. 6 I"), ("LPSTP 6 II", "trafficking-in-persons", "LPSTP art. 6 II"),
    ("LPSTP 6 III", "trafficking-in-persons", None), ("LPSTP 6 III(a)", "trafficking-in-persons", None),
    ("6", "trafficking-in-persons", None),   # LPSTP art. 6 links an offence; OPSC art. 6 none
])
def test_an_article_resolves_to_its_offence(index, query, offence, provision_filter):
    m = resolve(query, index)
    assert (ids(m.offences), m.provision_filter) == ([offence], provision_filter)
    assert (m.candidates, m.not_in_source, m.suggestions) == ([], None, [])


@pytest.mark.parametrize("query,suggestions", [
    ("CPF 6", ["CPF art. 206"]),         # there is no CPF art. 6; LPSTP art. 6 is not the CPF's
    ("OPSC 5", []),                      # OPSC art. 5 exists, but no offence implements it by its label
    ("trata xyz", []),                   # every word must match, not any
    ("xyzzy", []), ("OPSC 3(1)(b)", []), ("LPSTP 9", ["LPSTP art. 6", "LPSTP art. 5"]),
    # the statute's arts. 200, 209 and 208 are offences now
    ("CPF 300", ["CPF art. 200", "CPF art. 209", "CPF art. 208"]),
    ("tourisme", ["turismo sexual", "sexual-tourism", "sexual tourism"]),
])
def test_queries_that_must_not_match(index, query, suggestions):
    m = resolve(query, index)
    assert (m.offences, m.candidates, m.not_in_source, m.provision_filter) == ([], [], None, None)
    assert m.suggestions == suggestions


# CPF (DOF 28-11-2025): "Artículo 205. Derogado. … Derogado DOF 27-11-2007", "Artículo 207. Derogado. … Derogado DOF
# 27-11-2007"
@pytest.mark.parametrize("query,label,on", [("205", "CPF art. 205", "2007-11-27"), ("207", "CPF art. 207", "2007-11-27"),
                                            ("CPF 201 bis 1", "CPF art. 201 bis 1", "2007-03-27")])
def test_a_repealed_article_resolves_to_its_repeal(index, query, label, on):
    m = resolve(query, index)
    assert (m.repealed["label"], m.repealed["repealed_on"], m.repealed["coverage"]) == (label, on, "described")
    assert (m.offences, m.candidates, m.suggestions, m.not_in_source) == ([], [], [], None)


@pytest.mark.parametrize("query,defined_in", [
    ("Article 209", ["CPF art. 209"]),   # "se le impondrá la pena de seis meses a tres años de prisión …"
    # "las sanciones señaladas en los artículos 200, 201, 202, 203, 203 Bis, 204 y 209 Bis … se aumentarán al doble"
    ("CPF 205 bis", ["CPF art. 200", "CPF art. 201", "CPF art. 202", "CPF art. 203", "CPF art. 203 bis", "CPF art. 204",
                     "CPF art. 209 bis"]),
])
def test_articles_once_not_in_source_are_encoded_from_the_statute(index, query, defined_in):
    m = resolve(query, index)
    assert sorted(o["defined_in"][0] for o in m.offences) == defined_in
    assert (m.candidates, m.suggestions, m.not_in_source, m.repealed) == ([], [], None, None)


def test_an_article_of_the_statute_whose_sanction_is_community_work(index):
    """CPF art. 208 ("de diez a ciento ochenta jornadas de trabajo en favor de la comunidad", no prison term) is
    quoted from the three editions and its offence is encoded (provisions/cpf/208.md): '208' resolves to it."""
    [p] = [p for p in index["provisions"].values() if p["label"] == "CPF art. 208"]
    assert (p["coverage"], p["repealed_on"]) == ("described", None)
    assert p["sources"] == ["Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. 208"]
    m = resolve("208", index)
    assert [o["id"] for o in m.offences] == ["cpf-208-offence"]
    assert (m.candidates, m.suggestions, m.not_in_source, m.repealed) == ([], [], None, None)


@pytest.mark.parametrize("query,offence", [
    ("trata", "trafficking-in-persons"), ("Trata de Personas", "trafficking-in-persons"),
    ("trafficking of persons", "trafficking-in-persons"), ("pederastía", "pederasty"), ("PEDERASTIA", "pederasty"),
    ("procurement for prostitution", "procurement"), ("procuring of children", "procurement-of-minors"),
    ("procurement-of-minors", "procurement-of-minors"), ("sexual tourism", "sexual-tourism"),
    ("within the context", "sexual-acts-in-sexual-tourism"),
    # the statute's names: "Comete el delito de lenocinio:" (206 bis), "Comete el delito de lenocinio de personas menores
    # de dieciocho años …" (204), "Comete el delito de turismo sexual" (203; art. 203 bis names no offence)
    ("lenocinio", "procurement"), ("lenocinio de personas", "procurement-of-minors"), ("turismo sexual", "sexual-tourism"),
])
def test_a_name_or_fragment_resolves_to_one_offence(index, query, offence):
    m = resolve(query, index)
    assert ids(m.offences) == [offence] and m.candidates == [] and m.suggestions == []


@pytest.mark.parametrize("query,candidates", [
    # the General Law's art. 18 (its id 'general-law-child-sex-tourism') is a third sexual-tourism offence
    ("tourism", ["general-law-child-sex-tourism", "sexual-acts-in-sexual-tourism", "sexual-tourism"]),
    ("sex tour", ["general-law-child-sex-tourism", "sexual-acts-in-sexual-tourism", "sexual-tourism"]),
    # every word the start of a word of two names: 'trafficking in persons' and the id of the General Law's offence of
    # using a trafficked person's services (art. 35: "a sabiendas de su situación de trata")
    ("traf pers", ["general-law-use-of-trafficked-persons-services", "trafficking-in-persons"]),
])
def test_a_name_shared_by_several_offences_gives_candidates(index, query, candidates):
    m = resolve(query, index)
    assert m.offences == [] and ids(m.candidates) == candidates and m.suggestions == []


def test_an_empty_name_matches_nothing_and_suggests_nothing(index):
    m = resolve("   ", index)
    assert (m.offences, m.candidates, m.suggestions) == ([], [], [])


def test_an_exact_name_beats_a_fragment(index):
    """'sexual tourism' is a name of one offence and a fragment of another's: the exact name wins."""
    assert ids(resolve("sexual tourism", index).offences) == ["sexual-tourism"]


def test_suggest_and_find_provisions(index):
    assert suggest("pederasti", index) == ["pederastia", "pederasty"]
    assert suggest("pederasti", index, limit=1) == ["pederastia"]
    assert suggest("qqqqqq", index) == []
    assert [p["label"] for p in find_provisions("6", index)] == ["LPSTP art. 6", "OPSC art. 6"]
    assert [p["label"] for p in find_provisions("CPF 204 II", index)] == ["CPF art. 204 II"]
    assert find_provisions("trata", index) == []


def test_match_defaults():
    m = Match()
    assert (m.offences, m.provision_filter, m.candidates, m.not_in_source, m.suggestions) == ([], None, [], None, [])


# --------------------------------------------------------------------------- two jurisdictions
def two_jurisdictions(index: dict) -> dict:
    """The index plus a copy of Mexico's part under the code x0001: the same labels, other IRIs."""
    copy_ = json.loads(json.dumps(index).replace("/id/mx/", "/id/x0001/").replace("/eli/mx/", "/eli/x0001/"))
    both = copy.deepcopy(index)  # its own offences: a test may change them, never the session's index
    both["offences"] = both["offences"] + copy_["offences"]
    both["provisions"] = {**both["provisions"], **copy_["provisions"]}
    both["instruments"] = {**both["instruments"], **copy_["instruments"]}
    return both


def test_an_article_in_two_jurisdictions_gives_one_candidate_in_each(index):
    both = two_jurisdictions(index)
    for query, offence in [("CPF 203 bis", "sexual-acts-in-sexual-tourism"), ("204", "procurement-of-minors"),
                           ("LPSTP 6 II", "trafficking-in-persons")]:
        m = resolve(query, both)
        assert m.offences == [] and m.suggestions == [] and m.not_in_source is None, query
        assert [(o["id"], o["iri"].split("/")[5]) for o in m.candidates] == [(offence, "mx"), (offence, "x0001")], query


def test_a_name_in_two_jurisdictions_gives_candidates(index):
    m = resolve("trata", two_jurisdictions(index))
    assert [o["iri"] for o in m.candidates] == ["https://w3id.org/lexkb/id/mx/offence/trafficking-in-persons",
                                                "https://w3id.org/lexkb/id/x0001/offence/trafficking-in-persons"]


def test_a_treaty_article_links_the_offences_of_every_jurisdiction(index):
    """A shared provision (no jurisdiction code) links the offences of any jurisdiction that names it:
    one provision, so both are results."""
    both = two_jurisdictions(index)
    for o in both["offences"]:
        if o["id"] == "pederasty":
            o["rules"] = o["rules"] + [{"id": "r", "label": "r", "provision": "OPSC art. 9(1)", "refers_to": None,
                                        "victim_conditions": []}]
    m = resolve("OPSC 9(1)", both)
    assert m.candidates == [] and [o["iri"] for o in m.offences] == ["https://w3id.org/lexkb/id/mx/offence/pederasty",
                                                "https://w3id.org/lexkb/id/x0001/offence/pederasty"]


# --------------------------------------------------------------------------- edges the mutation run found
def test_a_query_naming_two_instruments_is_not_one_article():
    for text in ("lpstp 6 cpf", "codigo penal federal 6 lpstp", "opsc 3 cpf", "cpf 203 cpf", "CPF"):
        assert parse_article(text) is None, text


def test_an_instrument_is_named_by_the_data_only():
    assert parse_with("CPF 203 bis") is None and parse_with("203 bis") == ArticleQuery(None, "203bis")
    names = {"PC": ["PC", "Penal Code of Exemplia", "Código Penal"], "CP": ["CP", "Código Penal"]}
    assert parse_with("Penal Code of Exemplia 12", names) == ArticleQuery("pc", "12")
    assert parse_with("12, pc", names) == ArticleQuery("pc", "12")
    # a name two instruments share names neither; a short name always names its own instrument
    assert parse_with("Código Penal 12", names) is None
    assert instrument_words({"A": ["A", "B"], "B": ["B"]}) == {"a": "a", "b": "b"}


def test_article_query_repr():
    assert repr(parse_article("CPF 203 bis")) == "ArticleQuery(instrument='cpf', key='203bis')"


def test_a_suffix_followed_by_a_paragraph_is_another_article():
    assert within("CPF art. 209 ter(a)", "CPF art. 209") is False
    assert within("CPF art. 209 ter(a)", "CPF art. 209 ter") is True


def test_match_repr_and_equality():
    m = Match(offences=[{"id": "x"}], provision_filter="CPF art. 204", suggestions=["y"])
    assert repr(m) == ("Match(offences=[{'id': 'x'}], provision_filter='CPF art. 204', candidates=[], "
                       "not_in_source=None, suggestions=['y'], repealed=None)")
    assert m == Match(offences=[{"id": "x"}], provision_filter="CPF art. 204", suggestions=["y"])
    assert m != Match(offences=[{"id": "x"}], provision_filter="CPF art. 204")
    assert Match() == Match() and Match() != Match(candidates=[{"id": "x"}])
    assert Match() != "Match()" and not (Match() == None)  # noqa: E711


def test_an_article_that_links_no_offence_is_never_read_as_a_name(index):
    """'CPF 300' is an article query: an offence whose alias happens to contain the words is not it."""
    index = copy.deepcopy(index)
    index["offences"][0]["aliases"] = index["offences"][0]["aliases"] + ["offences listed in cpf 300 annex"]
    m = resolve("CPF 300", index)
    assert m.offences == [] and m.candidates == []


def test_a_fragment_inside_a_word_of_one_name(index):
    """'fficking in pers' is in the English name only, and is not the start of any word."""
    assert ids(resolve("fficking in pers", index).offences) == ["trafficking-in-persons"]


# The report cites OPSC art. 3(1)(a) and (b) as "article 3 (a)" and "article 3 (b)" (paras. 45, 49); the
# treaty numbers them 3(1)(a) and 3(1)(b)
OPSC_3_READING = ("the report cites article 3's lettered sub-paragraphs without their paragraph number "
                  "(\"article 3 (b)\", paras. 45 and 49); OPSC article 3 has them in paragraph 1")


@pytest.mark.parametrize("query,labels,reading", [
    ("OPSC 3 (b)", ["OPSC art. 3(1)(b)"], OPSC_3_READING),
    ("OPSC 3(a)", ["OPSC art. 3(1)(a)"], OPSC_3_READING),
    ("OPSC 3(1)(b)", ["OPSC art. 3(1)(b)"], None),     # the treaty's own numbering: nothing read
    ("OPSC 2 (a)", ["OPSC art. 2(a)"], None),          # art. 2 has its letters itself
    ("OPSC 3 (z)", [], None),                           # read as 3(1)(z), which the treaty does not have
    ("3 (b)", [], None),                                # only the treaty's citation is read so
    ("LPSTP 3 (b)", [], None),
    ("OPSC 13 (b)", [], None), ("OPSC 3 (b)(i)", [], None),
])
def test_the_reports_citation_of_opsc_article_3(index, query, labels, reading):
    found, read = find_provisions_read(query, index)
    assert ([p["label"] for p in found], read) == (labels, reading)
    assert [p["label"] for p in find_provisions(query, index)] == labels


def test_read_citation_on_its_own():
    assert read_citation(ArticleQuery("opsc", "3b")) == (ArticleQuery("opsc", "31b"), OPSC_3_READING)
    assert read_citation(ArticleQuery(None, "3b")) is None
    assert read_citation(ArticleQuery("opsc", "31b")) is None
    assert read_citation(ArticleQuery("opsc", "33b")) is None


# the Latin ordinals of inserted articles, bis (2nd) to decies (10th): each makes an article of its own
@pytest.mark.parametrize("suffix", ["bis", "ter", "quater", "quintus", "quinquies", "sexies", "septies", "octies",
                                    "nonies", "decies"])
def test_every_latin_ordinal_makes_an_article_of_its_own(suffix):
    assert within(f"CPF art. 209 {suffix}", "CPF art. 209") is False
    assert within(f"CPF art. 209 {suffix}(a)", "CPF art. 209") is False
    assert within(f"CPF art. 209 {suffix} II", f"CPF art. 209 {suffix}") is True


def test_a_name_that_begins_with_the_query_as_a_whole_word_wins():
    """Made-up names: 'trata' begins 'trata de personas' as a word, but only the letters of 'tratamiento
    cruel': the first wins; with 'trat' neither begins with a whole word, so both are candidates."""
    offences = [{"offence": name, "offence_es": None, "id": f"o{i}", "aliases": []}
                for i, name in enumerate(["tratamiento cruel", "trata de personas", "contra la trata"])]
    index = {"offences": offences, "provisions": {}, "instrument_names": {}}
    assert [o["id"] for o in resolve("trata", index).offences] == ["o1"]
    assert [o["id"] for o in resolve("trat", index).candidates] == ["o0", "o1", "o2"]
