"""Targeted lookups (lexkb.remote_lookup) and jurisdiction scoping (--jurisdiction): what `penalty`
and `show` print with --endpoint comes from index entries built for the matches only, and must be
what the whole index gives; tables of one jurisdiction must be that jurisdiction's rows."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, run_lexkb

sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def real_store():
    from lexkb import paths
    from lexkb.store import open_store

    return open_store(paths.GENERATED / paths.KB_TURTLE)


@pytest.fixture(scope="module")
def multi_store(tmp_path_factory):
    """A generated knowledge base of 3 jurisdictions (mx, x0001, x0002), benchmarks/generate.py."""
    import pyoxigraph as ox
    from generate import generate

    path, _ = generate(3, tmp_path_factory.mktemp("multi"))
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return store


def _queries(index) -> list[str]:
    out = {"203", "203 bis", "Article 203 (bis)", "CPF 205 bis", "LPSTP 6 III(a)", "OPSC 3(1)(b)", "999", "tourism",
           "trata", "lenocinio", "pederastía", "PEDERASTIA", "xyzzy", "sex tour", "209 ter", "cpf 207", "LPSTP 6"}
    for p in index["provisions"].values():
        out |= {p["label"], p["label"].split(" art. ")[-1]}
    for o in index["offences"]:
        for name in [o["offence"], o["offence_es"], o["id"], *o["aliases"]]:
            if name:
                out |= {name, name[:5]}
    return sorted(out)


def _penalty(query, index, factors=(), on=None):
    from lexkb.errors import LexkbError
    from lexkb.penalty import answer

    try:
        return answer(query, index, list(factors), on)[0]
    except LexkbError as exc:
        return ("error", str(exc), exc.exit_code)


def _show(query, index):
    from lexkb.errors import LexkbError
    from lexkb.provision_view import describe

    try:
        return describe(query, index)
    except LexkbError as exc:
        return ("error", str(exc), exc.exit_code)


# (provision, basis, imprisonment years, fine, fine unit, version date) as the sources print them
DAY = "minimum-daily-wage"  # the report's "minimum daily wages"
CPF_203 = ("CPF art. 203", "state-report", [7, 12], [800, 2000], DAY, None)               # para. 47
CPF_203_BIS = ("CPF art. 203 bis", "state-report", [12, 16], [2000, 3000], DAY, None)     # para. 47
CPF_204 = ("CPF art. 204", "state-report", [8, 15], [1000, 2000], DAY, None)              # para. 47
CPF_206 = ("CPF art. 206", "state-report", [2, 9], [50, 500], DAY, None)                  # para. 50
CPF_209_BIS = ("CPF art. 209 bis", "state-report", [9, 18], [750, 2250], DAY, None)       # para. 48
LPSTP_6_I = ("LPSTP art. 6 I", "state-report", [6, 12], [500, 1500], DAY, None)           # para. 51
LPSTP_6_II = ("LPSTP art. 6 II", "state-report", [9, 18], [750, 2250], DAY, None)         # para. 51
# the statute (CPF, DOF 28-11-2025 edition), in días multa, with the date of the version's decree
CPF_203_ES = ("CPF art. 203", "statute", [7, 12], [800, 2000], "dia-multa", "2007-03-27")  # "de siete a doce años … de ochocientos a dos mil días multa"
CPF_203_BIS_ES = ("CPF art. 203 bis", "statute", [12, 16], [2000, 3000], "dia-multa", "2007-03-27")  # "de doce a dieciséis años … de dos mil a tres mil días multa"
CPF_204_ES = ("CPF art. 204", "statute", [8, 15], [1000, 2500], "dia-multa", "2007-03-27")  # "de ocho a quince años … de mil a dos mil quinientos días multa"
CPF_206_ES = ("CPF art. 206", "statute", [2, 9], [50, 500], "dia-multa", "2007-03-27")  # "de dos a nueve años y de cincuenta a quinientos días multa"
CPF_209_BIS_ES = ("CPF art. 209 bis", "statute", [9, 18], [750, 2250], "dia-multa", "2010-08-19")  # "de nueve a dieciocho años … de setecientos cincuenta a dos mil doscientos cincuenta días multa"
TRAFFICKING = ("trafficking-in-persons", [LPSTP_6_I, LPSTP_6_II])
EXPECTED = {
    "203": ("sexual-tourism", [CPF_203_ES, CPF_203]),
    "Article 203 (bis)": ("sexual-acts-in-sexual-tourism", [CPF_203_BIS_ES, CPF_203_BIS]),
    "cpf 207": ("repealed", "2007-11-27"),  # "Artículo 207. Derogado." / "Derogado DOF 27-11-2007"
    # art. 205 bis raises the penalties of several offences ("Las sanciones señaladas en los artículos …")
    "CPF 205 bis": ["corrupcion-de-menores", "cpf-200-offence", "pederasty", "pornografia-de-menores",
                    "procurement-of-minors", "sexual-acts-in-sexual-tourism", "sexual-tourism"],
    "999": "no match", "xyzzy": "no match",
    "LPSTP 6 III(a)": TRAFFICKING, "LPSTP 6": TRAFFICKING, "trata": TRAFFICKING,
    "PEDERASTIA": ("pederasty", [CPF_209_BIS_ES, CPF_209_BIS]), "209 ter": ("pederasty", [CPF_209_BIS_ES, CPF_209_BIS]),
    "Procuring of children": ("procurement-of-minors", [CPF_204_ES, CPF_204]),
    "tourism": ["general-law-child-sex-tourism", "sexual-acts-in-sexual-tourism", "sexual-tourism"],
    "lenocinio": ("procurement", [CPF_206_ES, CPF_206]),
    "OPSC 3(1)(b)": "no match",
}


def _variants(offence: dict) -> list:
    return [(p["provision"], p["basis"], p["imprisonment_years"], p["fine"], p["fine_unit"] and p["fine_unit"]["id"],
             p["valid_from"]) for p in offence["penalties"]]


def _outcome(result):
    """(offence id, variants) for one offence; the candidates' ids; 'not in source'; or 'no match'."""
    if not isinstance(result, dict):
        return result
    if len(result["results"]) == 1:
        [o] = result["results"]
        return (o["id"], _variants(o))
    if result["results"]:
        return sorted(o["id"] for o in result["results"])
    if "repealed" in result:
        return ("repealed", result["repealed"]["on"])
    if "candidates" in result:
        return [c["id"] for c in result["candidates"]]
    if "not_in_source" in result:
        return "not in source"
    return "no match"


def test_targeted_equals_whole_index_on_the_real_kb(real_store, index):
    from lexkb.remote_lookup import lookup_index, show_index

    for q in _queries(index):
        assert _penalty(q, lookup_index(real_store, q)) == _penalty(q, index), q
        assert _show(q, show_index(real_store, q)) == _show(q, index), q
    # and what both must say, from the source (paras. 47-51), not from the other side of the comparison
    for q, expected in EXPECTED.items():
        assert _outcome(_penalty(q, lookup_index(real_store, q))) == expected, q
    shown = _show("OPSC 3(1)(b)", show_index(real_store, "OPSC 3(1)(b)"))
    assert shown["text_kind"] == "description (not the treaty text)"
    assert {c["provision"] for c in shown["claimed_by"]} == {"CPF art. 203", "CPF art. 203 bis", "CPF art. 204"}


def test_targeted_with_factors_and_dates(real_store, index):
    from lexkb.remote_lookup import lookup_index

    for q, factors, on in [("trafficking", ["victim-over-60"], None), ("LPSTP 6", [], "2013-01-01"),
                           ("203 bis", [], "2010-01-01"), ("trata", ["victim-over-60", "public-servant"], "2011-05-05"),
                           # after the LPSTP's abrogation: General Law art. 10 too, by lexkb's reading of succession
                           ("trafficking", [], "2013-01-01"), ("LPSTP 5", ["victim-over-60"], "2025-01-01")]:
        got = _penalty(q, lookup_index(real_store, q), factors, on)
        assert got == _penalty(q, index, factors, on), q
        if on is not None and on >= "2012-06-14" and q != "LPSTP 6":
            assert [r["id"] for r in got["results"]] == ["trafficking-in-persons", "general-law-trafficking"], q


@pytest.mark.parametrize("code", [None, "mx", "x0002"])
def test_targeted_equals_whole_index_per_jurisdiction(multi_store, index, code):
    from lexkb.index import index_from_store
    from lexkb.jurisdiction import code_of, restrict_index
    from lexkb.remote_lookup import lookup_index, show_index

    whole = restrict_index(index_from_store(multi_store), code)
    for q in _queries(index):
        got = _penalty(q, lookup_index(multi_store, q, code))
        assert got == _penalty(q, whole), (code, q)
        assert _show(q, show_index(multi_store, q, code)) == _show(q, whole), (code, q)
        if code is not None and isinstance(got, dict):
            iris = [r["iri"] for r in got["results"]]
            assert all(code_of(i) == code for i in iris), (q, iris)
    # stated apart from the comparison: one jurisdiction answers as Mexico's law does, all three give candidates
    for q, (offence, expected) in [("CPF 203 bis", ("sexual-acts-in-sexual-tourism", [CPF_203_BIS_ES, CPF_203_BIS])),
                                   ("trata", ("trafficking-in-persons", [LPSTP_6_I, LPSTP_6_II]))]:
        got = _penalty(q, lookup_index(multi_store, q, code))
        if code is None:
            assert got["results"] == [] and [c["id"] for c in got["candidates"]] == [offence] * 3, q
        else:
            [o] = got["results"]
            assert (o["id"], code_of(o["iri"]), _variants(o)) == (offence, code, expected), q


def test_one_jurisdictions_offences_only(multi_store):
    from lexkb.remote_lookup import lookup_index

    result = _penalty("CPF 203 bis", lookup_index(multi_store, "CPF 203 bis", "x0001"))
    assert [r["iri"] for r in result["results"]] == ["https://w3id.org/lexkb/id/x0001/offence/sexual-acts-in-sexual-tourism"]
    result = _penalty("tourism", lookup_index(multi_store, "tourism", "x0002"))
    # the CPF's two offences named in English, and the General Law's art. 18 offence by its id
    assert {c["id"] for c in result["candidates"]} == {"sexual-tourism", "sexual-acts-in-sexual-tourism",
                                                      "general-law-child-sex-tourism"}
    assert len(_penalty("tourism", lookup_index(multi_store, "tourism"))["candidates"]) == 9  # 3 per jurisdiction


def test_an_article_links_the_offences_of_its_own_jurisdiction(multi_store):
    """Every jurisdiction has a provision labelled "CPF art. 203 bis": each links its own offence
    only, so over all jurisdictions the candidates are one offence per jurisdiction, each once."""
    from lexkb.index import index_from_store
    from lexkb.remote_lookup import lookup_index

    for index in (index_from_store(multi_store), lookup_index(multi_store, "CPF 203 bis")):
        result = _penalty("CPF 203 bis", index)
        assert [c["id"] for c in result["candidates"]] == ["sexual-acts-in-sexual-tourism"] * 3
        assert result["results"] == []
    assert len(_penalty("LPSTP 6 II", index_from_store(multi_store))["candidates"]) == 3


class Recorder:
    def __init__(self, store):
        self.store, self.queries = store, []

    def query(self, text, **kwargs):
        self.queries.append(text)
        return self.store.query(text, **kwargs)


@pytest.mark.parametrize("query", ["trata QZXMARK", "QZXMARK", 'tour"} QZXMARK', "203 QZXMARK", "LPSTP 6 QZXMARK"])
def test_user_text_never_in_a_query(multi_store, query):
    from lexkb.remote_lookup import lookup_index, show_index

    rec = Recorder(multi_store)
    lookup_index(rec, query, "x0001")
    show_index(rec, query, "x0001")
    assert rec.queries and not any("QZXMARK" in q or "qzxmark" in q for q in rec.queries)


def test_jurisdiction_code_only_as_a_literal(multi_store):
    from lexkb.errors import LexkbError
    from lexkb.remote_lookup import lookup_index

    rec = Recorder(multi_store)
    lookup_index(rec, "203 bis", "x0001")
    for q in rec.queries:
        assert q.replace('"https://w3id.org/lexkb/eli/x0001/"', "").count('"https://w3id.org/lexkb/eli/x0001') == 0
    for bad in ['x0001" }', "X1", "un", "a b"]:
        with pytest.raises(LexkbError):
            lookup_index(multi_store, "203", bad)
    with pytest.raises(LexkbError, match="not in the knowledge base"):
        lookup_index(multi_store, "203", "x0009")


def test_tables_of_one_jurisdiction(multi_store):
    from lexkb.tables import build_table
    from lexkb.tables.render import render

    for name in ("penalties", "minors-vs-adults", "opsc-coverage", "amendments"):
        expected = render(build_table(name), "md").replace("/mx/", "/x0002/")
        assert render(build_table(name, store=multi_store, jurisdiction="x0002"), "md") == expected, name


@pytest.mark.parametrize("name", ["penalties", "minors-vs-adults", "opsc-coverage", "amendments"])
def test_table_jurisdiction_mx_is_the_whole_real_kb(name):
    assert run_lexkb("table", name, "--jurisdiction", "mx", "-f", "html") == run_lexkb("table", name, "-f", "html")


def test_cli_jurisdiction_errors():
    code, out, err = run_lexkb("penalty", "203", "--jurisdiction", "zz")
    assert (code, out) == (2, "") and "jurisdictions: mx" in err
    assert run_lexkb("penalty", "203", "-j", "mx") == run_lexkb("penalty", "203")
    code, _, err = run_lexkb("table", "enforcement", "--jurisdiction", "mx")
    assert code == 2 and "enforcement" in err


def test_name_filter_binds_the_folded_words_as_literals(multi_store, index):
    """Over all jurisdictions a name is first narrowed in SPARQL (Q_NAME_CANDIDATES): the folded
    words appear in a query only as literals that pyoxigraph serialised, and the answer is the
    whole index's."""
    import pyoxigraph as ox

    from lexkb.index import index_from_store
    from lexkb.lookup import fold
    from lexkb.remote_lookup import lookup_index

    whole = index_from_store(multi_store)
    for query in ['tour"} QZXMARK', "QZXMARK \\ ' tourism", 'tourism") || true || ("', "sex tour", "xyzzy"]:
        rec = Recorder(multi_store)
        assert _penalty(query, lookup_index(rec, query)) == _penalty(query, whole), query
        bound = [f"VALUES ?w{i} {{ {ox.Literal(w)} }}" for i, w in enumerate(dict.fromkeys(fold(query).split()))]
        filters = [q for q in rec.queries if "?w0" in q]
        assert len(filters) == 3 and all(b in f for f in filters for b in bound), query  # one per name property
        for q in rec.queries:
            for b in bound:
                q = q.replace(b, "")
            assert "qzxmark" not in q.lower() and '") || true' not in q, query


def test_name_filter_keeps_names_only_python_can_fold(index):
    """Names that CONTAINS on LCASE cannot decide (accents, double spaces, tabs) pass the SPARQL
    filter and are matched in Python: the same answers as the whole index."""
    import pyoxigraph as ox

    from lexkb import paths
    from lexkb.index import index_from_store
    from lexkb.remote_lookup import lookup_index
    from lexkb.store import open_store

    store = open_store(paths.GENERATED / paths.KB_TURTLE)
    tourism = ox.NamedNode("https://w3id.org/lexkb/id/mx/offence/sexual-tourism")
    alt = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    trafficking = ox.NamedNode("https://w3id.org/lexkb/id/mx/offence/trafficking-in-persons")
    for offence, alias in [(tourism, "Explotación  Sexual\tInfantil"), (tourism, "Turismo SEXUAL  agravádo"),
                           (trafficking, "Turísmo forzado"), (trafficking, "pederasty  ring"), (trafficking, "lenocinio\tpersonas")]:
        store.add(ox.Quad(offence, alt, ox.Literal(alias)))
    whole = index_from_store(store)
    # each query also matches another offence's plain ASCII name, so the filter's answer is used
    for query in ["explotacion sexual infantil", "sexual infantil", "EXPLOTACIÓN", "sexual agravado", "turismo sexual",
                  "agrav", "tourism", "turismo", "pederast", "lenocinio", "Lenocinio personas"]:
        got = _penalty(query, lookup_index(store, query))
        assert got == _penalty(query, whole), query
    assert [r["id"] for r in _penalty("explotacion sexual infantil", lookup_index(store, "explotacion sexual infantil"))["results"]] == ["sexual-tourism"]
    # "turismo sexual" (CPF 203's name) and the alias "Turísmo forzado"; the statute gives 203 bis no name
    assert {c["id"] for c in _penalty("turismo", lookup_index(store, "turismo"))["candidates"]} == {
        "sexual-tourism", "trafficking-in-persons"}
    assert {c["id"] for c in _penalty("pederast", lookup_index(store, "pederast"))["candidates"]} == {
        "pederasty", "trafficking-in-persons"}


def test_enforcement_needs_a_knowledge_base_of_one_jurisdiction(multi_store):
    from lexkb.errors import LexkbError
    from lexkb.tables import build_table

    with pytest.raises(LexkbError) as exc:
        build_table("enforcement", store=multi_store)
    assert str(exc.value) == ("the knowledge base holds 3 jurisdictions (mx, x0001, x0002); the enforcement table "
                              "needs a knowledge base of one (its statistics graph holds one State's figures and "
                              "is not divided by jurisdiction)")


@pytest.mark.parametrize("name", ["penalties", "minors-vs-adults", "opsc-coverage", "amendments"])
def test_table_of_several_jurisdictions_needs_one(multi_store, name):
    """Table rows are keyed by the provision files' ids, which repeat across jurisdictions: without
    --jurisdiction, a store of several is refused instead of merging their rows."""
    from lexkb.errors import LexkbError
    from lexkb.tables import build_table

    with pytest.raises(LexkbError) as exc:
        build_table(name, store=multi_store)
    assert str(exc.value) == ("the knowledge base holds 3 jurisdictions (mx, x0001, x0002); a table is of one "
                              "jurisdiction's law: give --jurisdiction CODE")
    assert exc.value.exit_code == 2


@pytest.mark.parametrize("query, reads_every_offence", [("tourism", False), ("sex tour", False), ("TRATA", False),
                                                        ("xyzzy", True), ("sexo", True)])
def test_a_name_that_matches_reads_only_the_filtered_offences(multi_store, query, reads_every_offence):
    """Over all jurisdictions, a name that matches is resolved on the offences the SPARQL filter
    keeps; only a name that matches nothing (suggestions) reads every offence."""
    from lexkb.remote_lookup import Q_ALL_OFFENCES, lookup_index

    rec = Recorder(multi_store)
    lookup_index(rec, query)
    assert any(Q_ALL_OFFENCES in q for q in rec.queries) == reads_every_offence
