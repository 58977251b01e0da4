"""The statute's own format (issue 11): a penalty stated by an article version, in the statute's fine
unit, its Spanish number words checked against its ranges; increases 'hasta en' (a ceiling); repealed
articles. Each refusal is one line naming the file and line."""
import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from conftest import ROOT
from lexkb.build import compile_kb
from lexkb.errors import ProvisionError

LEXKB = Namespace("https://w3id.org/lexkb/ontology#")
SCHEMA = Namespace("https://schema.org/")
CPF = "https://w3id.org/lexkb/eli/mx/cpf/"
SRC = "https://w3id.org/lexkb/source/"
ID = "https://w3id.org/lexkb/id/mx/"

QUOTE_204 = ("> Al responsable de este delito se le impondrá prisión de ocho a quince años y de mil a dos mil "
             "quinientos días de multa, así como clausura definitiva de los establecimientos descritos en la fracción III.\n\n")
PENALTY = ('```toml\n[penalty]\nid = "cpf-204-test"\noffence = "procurement-of-minors"\nprovision = "cpf:204"\n'
           'version = 2007-03-27\nimprisonment_years = {prison}\n{fine}```\n')
DIAS = 'fine = [1000, 2500]\nfine_unit = "dia-multa"\n'


def write(provisions, body, name="zz-statute.md"):
    (provisions / "cpf" / name).write_text(body, encoding="utf-8")


def compile_error(provisions):
    with pytest.raises(ProvisionError) as exc:
        compile_kb(provisions, ROOT / "ontology")
    return str(exc.value)


def test_a_penalty_stated_by_a_version_in_dias_multa(provisions_copy):
    write(provisions_copy, QUOTE_204 + PENALTY.format(prison="[8, 15]", fine=DIAS))
    g = compile_kb(provisions_copy, ROOT / "ontology").graph
    node = URIRef(ID + "penalty/cpf-204-test")
    assert g.value(node, LEXKB.statedByVersion) == URIRef(CPF + "art_204/v2007-03-27")
    fine = g.value(node, LEXKB.fine)
    assert g.value(fine, SCHEMA.unitCode) == LEXKB.DayFine
    assert (g.value(fine, SCHEMA.minValue), g.value(fine, SCHEMA.maxValue)) == (
        Literal("1000", datatype=XSD.decimal), Literal("2500", datatype=XSD.decimal))
    # without a source of its own, the penalty cites the version's three texts, at the article
    assert sorted(g.objects(node, DCTERMS.source)) == [
        URIRef(f"{SRC}cpf-dof-{d}/art_204") for d in ("2013-06-07", "2020-01-24", "2025-11-28")]
    assert g.value(node, LEXKB.quotedText).language == "es"


@pytest.mark.parametrize("prison,fine,message", [
    ("[8, 16]", DIAS, "zz-statute.md:9: [penalty] 'imprisonment_years' = [8, 16]: 16 is not a number of the quote "
                      "above it (which gives 8, 15, 1000, 2500)"),
    ("[8, 15]", 'fine = [1000, 2000]\nfine_unit = "dia-multa"\n',
     "zz-statute.md:10: [penalty] 'fine' = [1000, 2000]: 2000 is not a number of the quote above it (which gives 8, 15, "
     "1000, 2500)"),
    ("[8, 15]", 'fine = [1000, 2500]\n', "zz-statute.md:10: [penalty] 'fine' needs 'fine_unit', one of: "
                                          "minimum-daily-wage, dia-multa, uma-daily-value"),
    ("[8, 15]", 'fine = [1000, 2500]\nfine_unit = "pesos"\n', "zz-statute.md:11: [penalty] 'fine' needs 'fine_unit', "
                                                               "one of: minimum-daily-wage, dia-multa, uma-daily-value"),
    ("[8, 15]", 'fine_days_wage = [1000, 2500]\nfine = [1000, 2500]\n', "zz-statute.md:11: [penalty] give "
                                                                        "'fine_days_wage' or 'fine' with 'fine_unit', not both"),
])
def test_a_wrong_statute_penalty_is_refused(provisions_copy, prison, fine, message):
    write(provisions_copy, QUOTE_204 + PENALTY.format(prison=prison, fine=fine))
    assert compile_error(provisions_copy) == "provisions/cpf/" + message


def test_a_version_not_declared_is_refused(provisions_copy):
    write(provisions_copy, QUOTE_204 + PENALTY.format(prison="[8, 15]", fine=DIAS).replace("2007-03-27", "2012-06-14"))
    assert compile_error(provisions_copy) == ("provisions/cpf/zz-statute.md:8: [penalty] no [version] of 'cpf:204' since "
                                              "2012-06-14 (declared versions: 2007-03-27)")


QUATER = ("> La pena prevista en el párrafo anterior se aumentará hasta en una mitad, en su mínimo y en su máximo, si "
          "la víctima perteneciere a algún pueblo o comunidad indígena o afromexicana.\n\n"
          '```toml\n[aggravation]\nid = "test-up-to"\nprovision = "cpf:204"\naggravates = ["cpf-204-test"]\n'
          'source = {{ doc = "cpf-dof-2025-11-28", art = "209 Quáter" }}\nincrease = {increase}\n{up_to}'
          'components = ["imprisonment", "fine"]\nbounds = ["min", "max"]\n'
          'factors = [{{ id = "test-indigenous", label = "the victim belongs to an indigenous community" }}]\n```\n')


def test_an_increase_up_to_half_is_a_ceiling(provisions_copy):
    write(provisions_copy, QUOTE_204 + PENALTY.format(prison="[8, 15]", fine=DIAS) + "\n"
          + QUATER.format(increase="0.5", up_to="up_to = true\n"))
    g = compile_kb(provisions_copy, ROOT / "ontology").graph
    effect = URIRef(ID + "aggravation/test-up-to/effect")
    assert (effect, RDF.type, LEXKB.IncreaseUpTo) in g
    assert g.value(effect, LEXKB.increaseFraction) == Literal("0.5", datatype=XSD.decimal)


@pytest.mark.parametrize("increase,up_to,message", [
    ("0.5", "", "zz-statute.md:22: [aggravation] the quote above it says 'hasta en' / 'up to' (a ceiling): give "
                "up_to = true"),
    ("1", "up_to = true\n", "zz-statute.md:22: [aggravation] 'increase' = 1, but the quote above it says "
                            "'en una mitad' (0.5)"),
])
def test_an_increase_against_its_spanish_words_is_refused(provisions_copy, increase, up_to, message):
    write(provisions_copy, QUOTE_204 + PENALTY.format(prison="[8, 15]", fine=DIAS) + "\n"
          + QUATER.format(increase=increase, up_to=up_to))
    assert compile_error(provisions_copy) == "provisions/cpf/" + message


REPEALED = ('```toml\n[provision]\nref = "cpf:207"\nsource = {{ doc = "cpf-dof-2025-11-28", art = "207" }}\n```\n\n'
            '> Artículo 207. Derogado.\n\n'
            '```toml\n[repealed]\non = {on}\ntexts = [{texts}]\n```\n')
EDITIONS = '"cpf-dof-2013-06-07", "cpf-dof-2020-01-24", "cpf-dof-2025-11-28"'


def not_covered_without_207(provisions):
    path = provisions / "cpf" / "not-in-source.md"
    path.write_text(path.read_text(encoding="utf-8").replace('"207", ', ""), encoding="utf-8")
    (provisions / "cpf" / "207.md").unlink(missing_ok=True)  # the fixture declares the article itself


def test_a_repealed_article_and_its_dated_repeal(provisions_copy):
    not_covered_without_207(provisions_copy)
    write(provisions_copy, REPEALED.format(on="2007-11-27", texts=EDITIONS))
    g = compile_kb(provisions_copy, ROOT / "ontology").graph
    article = URIRef(CPF + "art_207")
    assert g.value(article, LEXKB.repealedOn) == Literal("2007-11-27", datatype=XSD.date)
    event = URIRef(CPF + "art_207/amendment/2007-11-27-articulo-derogado")
    assert g.value(event, DCTERMS.date) == Literal("2007-11-27", datatype=XSD.date)
    assert g.value(event, LEXKB.amendmentKind) == URIRef("https://w3id.org/lexkb/concept/amendment-kind/derogado")


@pytest.mark.parametrize("on,texts,message", [
    ("2007-11-28", EDITIONS, "zz-statute.md:11: [repealed] no 'Derogado' note of CPF art. 207 gives 2007-11-28 (repeals "
                             "the editions' notes give: 2007-11-27)"),
    ("2007-11-27", '"cpf-dof-2025-11-28", "lgpsedmtp-dof-2025-11-14"',
     "zz-statute.md:12: [repealed] 'lgpsedmtp-dof-2025-11-14' is not an edition of CPF art. 207's act"),
])
def test_a_repeal_the_sources_contradict_is_refused(provisions_copy, on, texts, message):
    not_covered_without_207(provisions_copy)
    write(provisions_copy, REPEALED.format(on=on, texts=texts))
    assert compile_error(provisions_copy) == "provisions/cpf/" + message


def test_an_article_no_note_repeals_is_refused(provisions_copy):
    path = provisions_copy / "cpf" / "not-in-source.md"
    path.write_text(path.read_text(encoding="utf-8").replace('"208", ', ""), encoding="utf-8")
    (provisions_copy / "cpf" / "208.md").unlink(missing_ok=True)  # the fixture declares the article itself
    write(provisions_copy, REPEALED.replace("207", "208").replace("> Artículo 208. Derogado.\n\n", "")
          .format(on="2007-11-27", texts=EDITIONS))
    assert compile_error(provisions_copy) == ("provisions/cpf/zz-statute.md:9: [repealed] no 'Derogado' note of CPF art. "
                                              "208 gives 2007-11-27 (repeals the editions' notes give: none)")
