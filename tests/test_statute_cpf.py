"""CPF Title Eight (arts. 200-209 Quintus) as the statute states it, pinned from the Spanish text.

Every number below was written here from the words of the vendored editions
(provisions/source/cpf-dof-*.txt), not computed by the code under test: "de seis meses a cinco años"
is [0.5, 5], "de trescientos a quinientos días multa" [300, 500], and so on (the words are beside each
row). The build checks the encoding against the quotes; this pins what the knowledge base says."""
import json
from decimal import Decimal

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import XSD

from conftest import run_lexkb

LEXKB = Namespace("https://w3id.org/lexkb/ontology#")
SCHEMA = Namespace("https://schema.org/")
CPF = "https://w3id.org/lexkb/eli/mx/cpf/"
ID = "https://w3id.org/lexkb/id/mx/"
SRC = "https://w3id.org/lexkb/source/"
E2013, E2020, E2025 = "cpf-dof-2013-06-07", "cpf-dof-2020-01-24", "cpf-dof-2025-11-28"

# penalty id: (article, version, imprisonment years, fine, fine unit, the statute's words)
PENALTIES = {
    "cpf-200-v2007-03-27": ("200", "2007-03-27", ["0.5", "5"], ["300", "500"], "DayFine",
                            "de seis meses a cinco años de prisión y de trescientos a quinientos días multa"),
    "cpf-201-ab-v2007-03-27": ("201", "2007-03-27", ["5", "10"], ["500", "1000"], "DayFine",
                               "inciso a) o b) pena de prisión de cinco a diez años y multa de quinientos a mil días"),
    "cpf-201-c-v2016-07-18": ("201", "2016-07-18", ["4", "9"], ["400", "900"], "DayFine",
                              "inciso c) pena de prisión de cuatro a nueve años y de cuatrocientos a novecientos días multa"),
    "cpf-201-ef-v2016-07-18": ("201", "2016-07-18", ["7", "12"], ["800", "2500"], "DayFine",
                               "inciso e) o f) pena de prisión de siete a doce años y multa de ochocientos a dos mil "
                               "quinientos días"),
    "cpf-201bis-v2007-03-27": ("201bis", "2007-03-27", ["1", "3"], ["300", "700"], "DayFine",
                               "prisión de uno a tres años y de trescientos a setecientos días multa"),
    "cpf-202-v2007-03-27": ("202", "2007-03-27", ["7", "12"], ["800", "2000"], "DayFine",
                            "pena de siete a doce años de prisión y de ochocientos a dos mil días multa"),
    "cpf-202bis-v2007-03-27": ("202bis", "2007-03-27", ["1", "5"], ["100", "500"], "DayFine",
                               "de uno a cinco años de prisión y de cien a quinientos días multa"),
    "cpf-203-v2007-03-27": ("203", "2007-03-27", ["7", "12"], ["800", "2000"], "DayFine",
                            "pena de siete a doce años de prisión y de ochocientos a dos mil días multa"),
    "cpf-203bis-v2007-03-27": ("203bis", "2007-03-27", ["12", "16"], ["2000", "3000"], "DayFine",
                               "pena de doce a dieciséis años de prisión y de dos mil a tres mil días multa"),
    "cpf-204-v2007-03-27": ("204", "2007-03-27", ["8", "15"], ["1000", "2500"], "DayFine",
                            "prisión de ocho a quince años y de mil a dos mil quinientos días de multa"),
    "cpf-206-v2007-03-27": ("206", "2007-03-27", ["2", "9"], ["50", "500"], "DayFine",
                            "prisión de dos a nueve años y de cincuenta a quinientos días multa"),
    "cpf-209-v2010-08-19": ("209", "2010-08-19", ["0.5", "3"], ["50", "200"], "DayFine",
                            "pena de seis meses a tres años de prisión y de cincuenta a doscientos días multa"),
    "cpf-209bis-v2010-08-19": ("209bis", "2010-08-19", ["9", "18"], ["750", "2250"], "DayFine",
                               "de nueve a dieciocho años de prisión y de setecientos cincuenta a dos mil doscientos "
                               "cincuenta días multa"),
    "cpf-209quater-v2023-04-25": ("209quater", "2023-04-25", ["8", "15"], ["1000", "2500"], "DayFine",
                                  "pena de ocho a quince años de prisión y de mil a dos mil quinientos días multa"),
    "cpf-209quintus-v2024-06-07": ("209quintus", "2024-06-07", ["2", "6"], ["1000", "2000"], "UMADailyValue",
                                   "de dos a seis años de prisión y multa de mil a dos mil veces el valor diario de la "
                                   "Unidad de Medida y Actualización"),
}


def bounds(g, node):
    return [Decimal(str(g.value(node, SCHEMA.minValue))), Decimal(str(g.value(node, SCHEMA.maxValue)))]


@pytest.mark.parametrize("pid", sorted(PENALTIES))
def test_statute_penalty_ranges_units_and_version(compiled, pid):
    article, since, prison, fine, unit, words = PENALTIES[pid]
    g = compiled.graph
    node = URIRef(ID + "penalty/" + pid)
    assert g.value(node, LEXKB.statedByVersion) == URIRef(f"{CPF}art_{article}/v{since}")
    assert bounds(g, g.value(node, LEXKB.imprisonment)) == [Decimal(x) for x in prison]
    assert bounds(g, g.value(node, LEXKB.fine)) == [Decimal(x) for x in fine]
    assert g.value(g.value(node, LEXKB.fine), SCHEMA.unitCode) == LEXKB[unit]
    quoted = str(g.value(node, LEXKB.quotedText))
    assert words in " ".join(quoted.split())
    assert g.value(node, LEXKB.quotedText).language == "es"


def test_art_201s_two_versions_carry_the_same_ranges(compiled):
    """The 2016 reform renamed the offence ('corrupción' -> 'corrupción de menores'); the ranges of
    incisos a)-b), c) and e)-f) are the same words in both versions."""
    g = compiled.graph
    for key, prison, fine in (("ab", ["5", "10"], ["500", "1000"]), ("c", ["4", "9"], ["400", "900"]),
                              ("ef", ["7", "12"], ["800", "2500"])):
        for since in ("2007-03-27", "2016-07-18"):
            node = URIRef(f"{ID}penalty/cpf-201-{key}-v{since}")
            assert bounds(g, g.value(node, LEXKB.imprisonment)) == [Decimal(x) for x in prison], (key, since)
            assert bounds(g, g.value(node, LEXKB.fine)) == [Decimal(x) for x in fine], (key, since)
    texts = {str(t) for t in g.objects(URIRef(CPF + "art_201/v2007-03-27"), URIRef("http://data.europa.eu/eli/ontology#is_realized_by"))}
    assert texts == {CPF + "art_201/v2007-03-27/spa@2013-06-07"}
    texts = {str(t) for t in g.objects(URIRef(CPF + "art_201/v2016-07-18"), URIRef("http://data.europa.eu/eli/ontology#is_realized_by"))}
    assert texts == {CPF + "art_201/v2016-07-18/spa@2020-01-24", CPF + "art_201/v2016-07-18/spa@2025-11-28"}


@pytest.mark.parametrize("article,on", [("205", "2007-11-27"), ("207", "2007-11-27"), ("201bis1", "2007-03-27"),
                                        ("201bis2", "2007-03-27"), ("201bis3", "2007-03-27")])
def test_repealed_articles_and_the_date_of_their_repeal(compiled, article, on):
    """'Derogado DOF 27-11-2007' (205, 207) and 'Derogado DOF 2703-2007', i.e. 27-03-2007 (201 bis 1-3),
    the 2025 edition's notes; the three editions print each article repealed."""
    g = compiled.graph
    art = URIRef(CPF + f"art_{article}")
    assert g.value(art, LEXKB.repealedOn) == Literal(on, datatype=XSD.date)
    assert {str(s) for s in g.objects(art, URIRef("http://purl.org/dc/terms/source"))} >= {
        f"{SRC}{e}/art_{article}" for e in (E2013, E2020, E2025)}


def increase(g, rule):
    effect = g.value(URIRef(ID + "aggravation/" + rule), LEXKB.effect)
    return (Decimal(str(g.value(effect, LEXKB.increaseFraction))),
            (effect, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), LEXKB.IncreaseUpTo) in g,
            sorted(str(b).rsplit("/", 1)[1] for b in g.objects(effect, LEXKB.affectsBound)))


@pytest.mark.parametrize("rule,expected", [
    # "se aumentará hasta en una mitad, en su mínimo y en su máximo": a ceiling of one half, both bounds
    ("cpf-209quater-v2023-04-25-pueblo-indigena-o-afromexicano", (Decimal("0.5"), True, ["maxValue", "minValue"])),
    # "las penas se aumentarán en una mitad más": fixed (bounds: lexkb's reading)
    ("cpf-209bis-v2010-08-19-violence", (Decimal("0.5"), False, ["maxValue", "minValue"])),
    # "se aumentarán al doble de la que corresponda": fixed, doubled (bounds: lexkb's reading)
    ("cpf-205bis-v2012-06-14-al-doble", (Decimal("1"), False, ["maxValue", "minValue"])),
    ("cpf-205bis-v2023-10-18-al-doble", (Decimal("1"), False, ["maxValue", "minValue"])),
    ("cpf-209quintus-v2024-06-07-victimas", (Decimal("1"), False, ["maxValue", "minValue"])),
    ("cpf-209quintus-v2024-06-07-relaciones", (Decimal("1"), False, ["maxValue", "minValue"])),
])
def test_statute_aggravations(compiled, rule, expected):
    assert increase(compiled.graph, rule) == expected


def test_art_205_bis_aggravates_the_articles_each_version_names(compiled):
    """2012 version (2013, 2020 editions): "los artículos 200, 201 y 204"; 2023 version (2025 edition):
    "200, 201, 202, 203, 203 Bis, 204 y 209 Bis"."""
    g = compiled.graph

    def articles(rule):
        return sorted({str(g.value(p, LEXKB.prescribedBy)).rsplit("/art_", 1)[1]
                       for p in g.objects(URIRef(ID + "aggravation/" + rule), LEXKB.aggravates)})

    assert articles("cpf-205bis-v2012-06-14-al-doble") == ["200", "201", "204"]
    assert articles("cpf-205bis-v2023-10-18-al-doble") == ["200", "201", "202", "203", "203bis", "204", "209bis"]
    imprescriptible = sorted(str(x) for (x,) in g.query("""
        SELECT ?id WHERE { ?r lexkb:ruleKind/skos:notation "imprescriptible" ; dcterms:identifier ?id }""",
        initNs={"lexkb": LEXKB, "skos": URIRef("http://www.w3.org/2004/02/skos/core#"),
                "dcterms": URIRef("http://purl.org/dc/terms/")}))
    assert [x for x in imprescriptible if "v2012" in x] == [
        "cpf-205bis-v2012-06-14-imprescriptible-200", "cpf-205bis-v2012-06-14-imprescriptible-201",
        "cpf-205bis-v2012-06-14-imprescriptible-204"]
    assert len([x for x in imprescriptible if "v2023" in x]) == 7


def test_offence_names_from_comete_el_delito_de(compiled):
    g = compiled.graph
    pref = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")

    def es(offence):
        return [str(x) for x in g.objects(URIRef(ID + "offence/" + offence), pref) if x.language == "es"]

    assert es("procurement") == ["lenocinio"]
    assert es("procurement-of-minors") == [
        "lenocinio de personas menores de dieciocho años de edad o de personas que no tienen capacidad para comprender "
        "el significado del hecho o de personas que no tienen capacidad para resistirlo"]
    assert es("sexual-tourism") == ["turismo sexual"]
    assert es("sexual-acts-in-sexual-tourism") == []  # art. 203 bis names no offence
    assert es("corrupcion-de-menores") == ["corrupción de menores"]


def test_lenocinio_finds_the_offence_the_law_calls_exactly_that():
    code, out, err = run_lexkb("penalty", "lenocinio", "-f", "json")
    assert code == 0, err
    [result] = json.loads(out)["results"]
    assert result["id"] == "procurement"
    statute = [p for p in result["penalties"] if p["text"].startswith("El lenocinio")]
    assert [p["imprisonment_years"] for p in statute] == [[2, 9]]
