"""The basis of every implementation claim and reading (concept/claim-basis: stated,
inferred-from-structure, editorial), the shapes that require it, and lexkb's recorded readings."""
import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from lexkb.validation import validate

from conftest import run_lexkb

LEXKB = Namespace("https://w3id.org/lexkb/ontology#")
ID = "https://w3id.org/lexkb/id/mx/"
CB = Namespace("https://w3id.org/lexkb/concept/claim-basis/")
UNDER_18 = URIRef("https://w3id.org/lexkb/concept/victim-condition/under-18")
CLAIM_203 = URIRef(ID + "claim/cpf-art_203--opsc-3-1-b")
CLAIM_206 = URIRef(ID + "claim/cpf-art_206--opsc-3-1-a")
READING = URIRef(ID + "reading/lpstp-6-III-one-increase")
STATUTE_MAPPING = URIRef(ID + "mapping/example")

BASIS_MSG = "a claim or reading needs exactly one lexkb:claimBasis from the claim-basis scheme"
RATIONALE_MSG = "an inferred-from-structure or editorial basis needs a lexkb:basisRationale saying why in one line"


def violations_for(graph, shapes, focus):
    return [v for v in validate(graph, shapes) if str(focus) in v.focus or v.focus.endswith(str(focus).rsplit("/", 1)[-1] + ">")]


def test_every_claim_has_the_basis_the_review_established(compiled):
    g = compiled.graph
    bases = {}
    for claim in g.subjects(RDF.type, LEXKB.ImplementationClaim):
        label = str(g.value(claim, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
        bases[label] = str(g.value(claim, LEXKB.claimBasis)).rsplit("/", 1)[-1]
    assert bases == {
        "Mexico claims CPF art. 203 implements OPSC art. 2(b)": "stated",
        "Mexico claims CPF art. 203 implements OPSC art. 3(1)(b)": "stated",
        "Mexico claims CPF art. 203 bis implements OPSC art. 2(b)": "stated",
        "Mexico claims CPF art. 203 bis implements OPSC art. 3(1)(b)": "stated",
        "Mexico claims CPF art. 204 implements OPSC art. 2(b)": "stated",
        "Mexico claims CPF art. 204 implements OPSC art. 3(1)(b)": "stated",
        "Mexico claims CPF art. 206 implements OPSC art. 3(1)(a)": "inferred-from-structure",
        "Mexico claims CPF art. 206 bis implements OPSC art. 2(a)": "inferred-from-structure",
        "Mexico claims CPF art. 206 bis implements OPSC art. 3(1)(a)": "inferred-from-structure",
        "Mexico claims LPSTP art. 5 implements OPSC art. 2(a)": "inferred-from-structure",
        "Mexico claims LPSTP art. 5 implements OPSC art. 3(1)(a)": "inferred-from-structure",
        "Mexico claims LPSTP art. 6 implements OPSC art. 3(1)(a)": "inferred-from-structure",
        # lexkb's own mappings of the General Law (provisions/lgpsedmtp/10.md, 26.md): never the State's
        "lexkb reads General Law on trafficking (2012) art. 10 implements OPSC art. 3(1)(a)(i)(a)": "editorial",
        "lexkb reads General Law on trafficking (2012) art. 10 implements OPSC art. 3(1)(a)(i)(b)": "editorial",
        "lexkb reads General Law on trafficking (2012) art. 10 implements OPSC art. 3(1)(a)(i)(c)": "editorial",
        "lexkb reads General Law on trafficking (2012) art. 26 implements OPSC art. 3(1)(a)(i)(a)": "editorial",
    }
    # penalty-only articles are not linked to a definition (OPSC 2(a))
    assert g.value(CLAIM_206, LEXKB.basisRationale).endswith(
        "Art. 206 only sets the penalty, so it is not linked to the definition in 2(a).")


def test_the_scheme_has_three_concepts(compiled):
    scheme = URIRef("https://w3id.org/lexkb/concept/claim-basis")
    notations = sorted(str(compiled.graph.value(c, SKOS.notation)) for c in compiled.graph.subjects(SKOS.inScheme, scheme))
    assert notations == ["editorial", "inferred-from-structure", "stated"]


@pytest.mark.parametrize("mutate,focus,message", [
    (lambda g: g.remove((CLAIM_203, LEXKB.claimBasis, None)), CLAIM_203, BASIS_MSG),
    (lambda g: g.set((CLAIM_203, LEXKB.claimBasis, UNDER_18)), CLAIM_203, BASIS_MSG),
    (lambda g: g.add((CLAIM_203, LEXKB.claimBasis, CB.editorial)), CLAIM_203, BASIS_MSG),
    (lambda g: g.remove((CLAIM_206, LEXKB.basisRationale, None)), CLAIM_206, RATIONALE_MSG),
    (lambda g: g.set((CLAIM_206, LEXKB.basisRationale, Literal("sin idioma", lang="es"))), CLAIM_206,
     "lexkb:basisRationale is at most one English (@en) line"),
    (lambda g: g.remove((READING, LEXKB.claimBasis, None)), READING, BASIS_MSG),
    (lambda g: g.remove((READING, LEXKB.basisRationale, None)), READING, RATIONALE_MSG),
    # any resource that states a basis is checked the same way (a statute's editorial mapping)
    (lambda g: g.add((STATUTE_MAPPING, LEXKB.claimBasis, CB.editorial)), STATUTE_MAPPING, RATIONALE_MSG),
    (lambda g: g.remove((READING, LEXKB.restsOn, None)), READING,
     "a reading quotes the source's words it rests on (lexkb:restsOn, in its source's language: @en or @es)"),
    # the words are the source's, in its language (the report's English, the statute's Spanish), never another
    (lambda g: g.add((READING, LEXKB.restsOn, Literal("les mots", lang="fr"))), READING,
     "a reading quotes the source's words it rests on (lexkb:restsOn, in its source's language: @en or @es)"),
    (lambda g: g.remove((READING, LEXKB.alternativeReading, None)), READING,
     "a reading names the alternative it does not adopt (lexkb:alternativeReading, @en)"),
    (lambda g: g.remove((READING, LEXKB.readingOf, None)), READING,
     "a reading names at least one resource whose encoding depends on it (lexkb:readingOf)"),
    (lambda g: g.add((READING, LEXKB.readingText, Literal("another", lang="en"))), READING,
     "a reading states lexkb's reading once (lexkb:readingText, @en)"),
], ids=["claim without basis", "claim with a concept of another scheme", "claim with two bases",
        "inferred claim without rationale", "rationale not English", "reading without basis",
        "editorial reading without rationale", "mapping with an editorial basis and no rationale",
        "reading without words", "reading words in French", "reading without alternative", "reading of nothing", "two readings in one"])
def test_basis_shapes_reject_the_broken_graph(kb_graph, shapes, mutate, focus, message):
    assert validate(kb_graph, shapes) == []
    mutate(kb_graph)
    found = [v for v in validate(kb_graph, shapes) if message in v.message]
    assert found, "graph still conforms"
    assert any(str(focus).rsplit("/", 1)[-1] in v.focus for v in found), [v.line() for v in found]


def test_a_stated_claim_needs_no_rationale(kb_graph, shapes):
    kb_graph.remove((CLAIM_203, LEXKB.basisRationale, None))
    assert validate(kb_graph, shapes) == []


@pytest.mark.parametrize("file,old,new,message", [
    ("cpf/206.md", 'basis = "inferred-from-structure"\n', "",
     "provisions/cpf/206.md:38: [claim] needs 'basis'"),
    ("cpf/206.md", 'basis = "inferred-from-structure"', 'basis = "obvious"',
     "provisions/cpf/206.md:42: unknown claim-basis 'obvious'; known: editorial, inferred-from-structure, stated"),
    ("lpstp/5.md", 'rationale = "Para. 49 says the Act', 'note = "Para. 49 says the Act',
     "provisions/lpstp/5.md:52: [claim] unknown key(s) note; allowed: basis, opsc, provision, rationale, source"),
    ("lpstp/6.md", 'rationale = "Section III states one increase', 'why = "Section III states one increase',
     "provisions/lpstp/6.md:118: [reading] unknown key(s) why; allowed: alternative, basis, id, of, rationale, reading, rests_on, source"),
    ("lpstp/6.md", 'rests_on = "shall be increased by half in the following situations"',
     'rests_on = "shall be increased by a third in the following situations"',
     "provisions/lpstp/6.md:114: quote not found verbatim in CRC/C/OPSC/MEX/Q/1/Add.1 para. 51"),
    ("lpstp/6.md", 'of = ["aggravation:lpstp-6-III"]', 'of = ["aggravation:lpstp-6-IV"]',
     "provisions/lpstp/6.md:112: [reading] 'of' names no resource: 'aggravation:lpstp-6-IV'"),
], ids=["claim without basis", "unknown basis", "claim key typo", "reading key typo", "reading words not verbatim",
        "reading of nothing"])
def test_compiler_refuses_a_claim_or_reading_without_a_good_basis(tmp_path, provisions_copy, file, old, new, message):
    path = provisions_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, _, err = run_lexkb("build", "-q", "--out", str(tmp_path / "kb"), "--provisions", str(provisions_copy))
    assert code == 2, err
    assert err.startswith("lexkb: error: " + message), err


def test_compiler_refuses_an_editorial_basis_without_rationale(tmp_path, provisions_copy):
    path = provisions_copy / "lpstp" / "6.md"
    text = path.read_text(encoding="utf-8")
    old = 'rationale = "Section III states one increase for a list of situations and says nothing of their combination."\n'
    assert old in text
    path.write_text(text.replace(old, "", 1), encoding="utf-8")
    code, _, err = run_lexkb("build", "-q", "--out", str(tmp_path / "kb"), "--provisions", str(provisions_copy))
    assert code == 2
    assert err == "lexkb: error: provisions/lpstp/6.md:117: [reading] basis 'editorial' needs a 'rationale': one line saying why\n"
