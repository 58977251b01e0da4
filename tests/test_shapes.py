"""Each SHACL shape rejects a graph broken in exactly the way it forbids, with its own message;
the intact knowledge base conforms; the shapes graph itself passes SHACL-SHACL."""
import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from lexkb.validation import validate

LEXKB = Namespace("https://w3id.org/lexkb/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
ID = "https://w3id.org/lexkb/id/mx/"
INST = "https://w3id.org/lexkb/eli/"
CONCEPT = "https://w3id.org/lexkb/concept/"
SRC = "https://w3id.org/lexkb/source/"

OFFENCE = URIRef(ID + "offence/sexual-tourism")
PENALTY = URIRef(ID + "penalty/cpf-203")
PENALTY_II = URIRef(ID + "penalty/lpstp-6-II")
RANGE = URIRef(ID + "penalty/cpf-203/imprisonment")
FINE = URIRef(ID + "penalty/cpf-203/fine")
MEASURE = URIRef(ID + "penalty/cpf-203bis/measure/psychiatric-treatment")
RULE = URIRef(ID + "aggravation/cpf-209bis-violence")
EFFECT = URIRef(ID + "aggravation/cpf-209bis-violence/effect")
FACTOR = URIRef(ID + "aggravating-factor/violence")
APP_RULE = URIRef(ID + "rule/lpstp-6-III-d")
CLAIM = URIRef(ID + "claim/cpf-art_203--opsc-3-1-b")
AMEND = URIRef(ID + "amendment-effect/decree-2010-parole")
CPF = URIRef(INST + "mx/cpf")
LPSTP = URIRef(INST + "mx/lpstp/2007")
OPSC = URIRef(INST + "un/opsc/2000")
ART_203 = URIRef(INST + "mx/cpf/art_203")
ART_203BIS = URIRef(INST + "mx/cpf/art_203bis")
UNDER_18 = URIRef(CONCEPT + "victim-condition/under-18")
CLOSURE = URIRef(CONCEPT + "measure-type/closure-of-establishments")
PARA_47 = URIRef(SRC + "CRC-C-OPSC-MEX-Q-1-Add.1/para-47")
DOC = URIRef(SRC + "CRC-C-OPSC-MEX-Q-1-Add.1")
SPDX = Namespace("http://spdx.org/rdf/terms#")
# lexkb's reading that General Law art. 10 continues LPSTP art. 5's offence (provisions/lgpsedmtp/10.md)
SUCCESSION = URIRef(ID + "reading/general-law-10-continues-lpstp-5")
EDITION = URIRef(SRC + "cpf-dof-2020-01-24")
CHECKSUM = URIRef(SRC + "cpf-dof-2020-01-24/checksum/sha256")
ART_206 = URIRef(INST + "mx/cpf/art_206")
VERSION = URIRef(INST + "mx/cpf/art_206/v2007-03-27")
VERSION_204 = URIRef(INST + "mx/cpf/art_204/v2007-03-27")
EXPRESSION = URIRef(INST + "mx/cpf/art_206/v2007-03-27/spa@2025-11-28")
EVENT = URIRef(INST + "mx/cpf/art_206/amendment/2007-03-27-articulo-reformado")


def remove(p, s=None):
    return lambda g: g.remove((s, p, None))


def replace(s, p, o):
    def mutate(g):
        g.remove((s, p, None))
        g.add((s, p, o))
    return mutate


def add(s, p, o):
    return lambda g: g.add((s, p, o))


def cycle(g):
    g.set((ART_203, ELI.is_part_of, ART_203BIS))
    g.set((ART_203BIS, ELI.is_part_of, ART_203))


def drop_factor_link(g):
    g.remove((FACTOR, LEXKB.triggers, RULE))
    g.remove((FACTOR, RDF.type, LEXKB.AggravatingFactor))


# (test id, mutation, focus node, path, message fragment)
CASES = [
    ("Sourced", remove(DCTERMS.source, OFFENCE), OFFENCE, "dcterms:source", "every fact needs dcterms:source"),
    ("Sourced: not a passage", replace(OFFENCE, DCTERMS.source, URIRef("http://example.org/x")), OFFENCE, "dcterms:source",
     "every fact needs dcterms:source"),
    ("Identifier", replace(PENALTY, DCTERMS.identifier, Literal("cpf 203!")), PENALTY, "dcterms:identifier",
     "needs exactly one dcterms:identifier"),
    ("PrescribedBy", remove(LEXKB.prescribedBy, PENALTY), PENALTY, "lexkb:prescribedBy", "exactly one lexkb:prescribedBy"),
    ("VictimConditions", add(PENALTY, LEXKB.victimCondition, CLOSURE), PENALTY, "lexkb:victimCondition",
     "a victim condition must be a concept of the victim-condition scheme"),
    ("QuotedText: one per language", add(OFFENCE, LEXKB.quotedText, Literal("another text", lang="en")), OFFENCE,
     "lexkb:quotedText", "at most one per language"),
    ("QuotedText: language tag", add(PENALTY, LEXKB.quotedText, Literal("no language")), PENALTY, "lexkb:quotedText",
     "a language-tagged string"),
    ("ConditionText", replace(PENALTY_II, LEXKB.conditionText, Literal("no language")), PENALTY_II, "lexkb:conditionText",
     "a language-tagged string"),
    ("Offence: a label", lambda g: g.remove((OFFENCE, SKOS.prefLabel, None)),
     OFFENCE, "skos:prefLabel", "an offence needs a skos:prefLabel"),
    ("Offence: one label per language", add(OFFENCE, SKOS.prefLabel, Literal("tourism", lang="en")),
     OFFENCE, "skos:prefLabel", "at most one per language"),
    ("Offence: alias language", add(OFFENCE, SKOS.altLabel, Literal("tourisme sexuel", lang="fr")), OFFENCE, "skos:altLabel",
     "aliases (skos:altLabel) are tagged @en or @es"),
    ("Offence: definedIn", remove(LEXKB.definedIn, OFFENCE), OFFENCE, "lexkb:definedIn", "lexkb:definedIn naming the provision"),
    ("Offence: penalisedIn", remove(LEXKB.penalisedIn, OFFENCE), OFFENCE, "lexkb:penalisedIn", "lexkb:penalisedIn naming"),
    # the report's and the statute's (CPF art. 203, DOF 28-11-2025) penalties both punish sexual tourism
    ("Offence: has a penalty", lambda g: g.remove((None, LEXKB.penaltyFor, OFFENCE)), OFFENCE, "^lexkb:penaltyFor",
     "at least one penalty variant"),
    ("Offence: conduct", add(OFFENCE, LEXKB.conduct, Literal("promotes")), OFFENCE, "lexkb:conduct", "conduct values are SKOS concepts"),
    ("Penalty: one offence", add(PENALTY, LEXKB.penaltyFor, URIRef(ID + "offence/pederasty")), PENALTY, "lexkb:penaltyFor",
     "exactly one lexkb:Offence"),
    ("Penalty: imprisonment in years", replace(RANGE, SCHEMA.unitCode, LEXKB.DayOfMinimumWage), PENALTY, "lexkb:imprisonment",
     "imprisonment range in years"),
    ("Penalty: fine in a fine unit", replace(FINE, SCHEMA.unitCode, UNIT.YR), PENALTY, "lexkb:fine", "in a fine unit"),
    ("Penalty: one fine", add(PENALTY, LEXKB.fine, RANGE), PENALTY, "lexkb:fine", "at most one fine range"),
    ("Penalty: one version", lambda g: [g.add((PENALTY, LEXKB.statedByVersion, v)) for v in (VERSION, VERSION_204)],
     PENALTY, "lexkb:statedByVersion", "at most one lexkb:ArticleVersion"),
    ("Penalty: a statute's fine unit", add(PENALTY, LEXKB.statedByVersion, VERSION), PENALTY, "-",
     "gives its fine in the statute's unit"),
    ("Range: min <= max", replace(RANGE, SCHEMA.minValue, Literal("13", datatype=XSD.decimal)), RANGE, "schema:minValue",
     "not above its maximum"),
    ("Range: positive", replace(RANGE, SCHEMA.maxValue, Literal("-1", datatype=XSD.decimal)), RANGE, "schema:maxValue",
     "positive xsd:decimal schema:maxValue"),
    ("Range: decimal", replace(RANGE, SCHEMA.maxValue, Literal("12")), RANGE, "schema:maxValue", "positive xsd:decimal"),
    ("Range: closed unit list", replace(RANGE, SCHEMA.unitCode, UNIT.DAY), RANGE, "schema:unitCode",
     "unit:YR, lexkb:DayOfMinimumWage, lexkb:DayFine or lexkb:UMADailyValue"),
    ("Measure: type", replace(MEASURE, LEXKB.measureType, UNDER_18), MEASURE, "lexkb:measureType", "measure-type scheme"),
    ("Measure: mandatory boolean", replace(MEASURE, LEXKB.mandatory, Literal("yes")), MEASURE, "lexkb:mandatory",
     "mandatory (xsd:boolean)"),
    ("Measure: duration scheme", add(MEASURE, LEXKB.duration, UNDER_18), MEASURE, "lexkb:duration", "measure-duration scheme"),
    ("Measure: belongs somewhere", lambda g: g.remove((None, LEXKB.additionalMeasure, MEASURE)), MEASURE,
     "^lexkb:additionalMeasure", "belongs to a penalty variant or an aggravating factor"),
    ("Aggravation: aggravates", remove(LEXKB.aggravates, RULE), RULE, "lexkb:aggravates", "names the penalty variants"),
    ("Aggravation: effect", remove(LEXKB.effect, RULE), RULE, "lexkb:effect", "exactly one effect"),
    ("Aggravation: factor", drop_factor_link, RULE, "^lexkb:triggers", "at least one aggravating factor"),
    ("Increase: positive", replace(EFFECT, LEXKB.increaseFraction, Literal("0", datatype=XSD.decimal)), EFFECT,
     "lexkb:increaseFraction", "positive xsd:decimal"),
    ("Increase: component", add(EFFECT, LEXKB.affectsComponent, LEXKB.conduct), EFFECT, "lexkb:affectsComponent",
     "lexkb:imprisonment and/or lexkb:fine"),
    ("Increase: bound", add(EFFECT, LEXKB.affectsBound, SCHEMA.value), EFFECT, "lexkb:affectsBound",
     "schema:minValue and/or schema:maxValue"),
    ("Factor: label", remove(RDFS.label, FACTOR), FACTOR, "rdfs:label", "one English rdfs:label"),
    ("Factor: triggers", replace(FACTOR, LEXKB.triggers, PENALTY), FACTOR, "lexkb:triggers", "exactly one aggravation rule"),
    ("Rule: kind", replace(APP_RULE, LEXKB.ruleKind, UNDER_18), APP_RULE, "lexkb:ruleKind", "rule-kind scheme"),
    ("Rule: governs", remove(LEXKB.governs, APP_RULE), APP_RULE, "lexkb:governs", "exactly one lexkb:Offence"),
    ("Rule: refersTo", replace(APP_RULE, LEXKB.refersTo, Literal("artículo 15", lang="es")), APP_RULE, "lexkb:refersTo",
     "at most one English string"),
    ("Claim: target is OPSC", replace(CLAIM, LEXKB.treatyProvision, ART_203BIS), CLAIM, "lexkb:treatyProvision",
     "must be exactly one provision of the OPSC"),
    ("Claim: cites the report", replace(CLAIM, DCTERMS.source, URIRef(SRC + "opsc")), CLAIM, "dcterms:source",
     "cites paragraphs of the State's report"),
    ("Claim: the State's claim rests on its report", replace(CLAIM, DCTERMS.source, URIRef(SRC + "cpf-dof-2025-11-28/art_203")),
     CLAIM, "-", "cites the State's report, not a statute edition"),
    ("Claim: domestic provision", remove(LEXKB.domesticProvision, CLAIM), CLAIM, "lexkb:domesticProvision",
     "exactly one domestic provision"),
    ("Claim: claimant", remove(LEXKB.claimant, CLAIM), CLAIM, "lexkb:claimant", "names its claimant"),
    ("Amendment: dated act", replace(AMEND, LEXKB.amendingAct, CPF), AMEND, "lexkb:amendingAct", "with an eli:date_publication"),
    ("Amendment: kind", replace(AMEND, LEXKB.effectKind, UNDER_18), AMEND, "lexkb:effectKind", "amendment-effect scheme"),
    ("Amendment: offences", add(AMEND, LEXKB.affectsOffence, PENALTY), AMEND, "lexkb:affectsOffence", "offences of the knowledge base"),
    ("Instrument: English title", lambda g: [g.remove((LPSTP, ELI.title, t)) for t in list(g.objects(LPSTP, ELI.title)) if t.language == "en"],
     LPSTP, "eli:title", "one English eli:title"),
    ("Instrument: short title", add(LPSTP, ELI.title_short, Literal("LPSTP2")), LPSTP, "eli:title_short", "exactly one eli:title_short"),
    ("Instrument: date type", replace(LPSTP, ELI.date_publication, Literal("27 November 2007")), LPSTP, "eli:date_publication",
     "at most one xsd:date"),
    ("Instrument: repealed_by", add(LPSTP, ELI.repealed_by, OFFENCE), LPSTP, "eli:repealed_by", "names an eli:LegalResource"),
    # the order of an instrument's dates: adopted <= published <= in force (the LPSTP: published 2007-11-27;
    # the OPSC: adopted 2000-05-25, in force 2002-01-18, no publication date)
    ("Instrument: adopted after publication", add(LPSTP, ELI.date_document, Literal("2007-11-28", datatype=XSD.date)), LPSTP,
     "eli:date_document", "an instrument is adopted (eli:date_document) on or before its publication (eli:date_publication)"),
    ("Instrument: in force before publication",
     add(LPSTP, ELI.first_date_entry_in_force, Literal("2007-11-26", datatype=XSD.date)), LPSTP, "eli:date_publication",
     "an instrument is published (eli:date_publication) on or before its entry into force (eli:first_date_entry_in_force)"),
    ("Instrument: in force before adoption", replace(OPSC, ELI.date_document, Literal("2002-01-19", datatype=XSD.date)), OPSC,
     "eli:date_document",
     "an instrument is adopted (eli:date_document) on or before its entry into force (eli:first_date_entry_in_force)"),
    # the LPSTP is repealed by the General Law published 2012-06-14: published that day is not before it
    ("Repeal: published the day of the repealing act", replace(LPSTP, ELI.date_publication, Literal("2012-06-14", datatype=XSD.date)),
     LPSTP, "eli:repealed_by", "an instrument is published before the act that repeals it (eli:repealed_by): "
     "published 2012-06-14, the repealing act 2012-06-14"),
    ("Subdivision: parent", remove(ELI.is_part_of, ART_203), ART_203, "eli:is_part_of", "exactly one instrument or subdivision"),
    ("Subdivision: reaches an instrument", cycle, ART_203, "eli:is_part_of+", "must belong, through eli:is_part_of, to an instrument"),
    ("Subdivision: number", remove(ELI.number, ART_203), ART_203, "eli:number", "exactly one eli:number"),
    ("Subdivision: coverage", replace(ART_203, LEXKB.coverage, UNDER_18), ART_203, "lexkb:coverage", "whether the source describes it"),
    ("Subdivision: description language", add(ART_203, DCTERMS.description, Literal("turismo", lang="es")), ART_203,
     "dcterms:description", "at most one English string"),
    ("Concept: a label", lambda g: g.remove((UNDER_18, SKOS.prefLabel, None)), UNDER_18, "skos:prefLabel",
     "a concept needs a skos:prefLabel"),
    ("Concept: unique language", add(UNDER_18, SKOS.prefLabel, Literal("minor", lang="en")), UNDER_18, "skos:prefLabel",
     "at most one per language"),
    ("Concept: scheme", remove(SKOS.inScheme, UNDER_18), UNDER_18, "skos:inScheme", "exactly one skos:ConceptScheme"),
    ("Concept: notation", replace(UNDER_18, SKOS.notation, Literal("Under 18")), UNDER_18, "skos:notation", "exactly one skos:notation"),
    ("Scheme: label", remove(SKOS.prefLabel, URIRef(CONCEPT + "victim-condition")), URIRef(CONCEPT + "victim-condition"),
     "skos:prefLabel", "a scheme needs a skos:prefLabel"),
    ("Passage: label", remove(RDFS.label, PARA_47), PARA_47, "rdfs:label", "exactly one rdfs:label (its citation)"),
    ("Passage: paragraph", replace(PARA_47, LEXKB.paragraph, Literal(0)), PARA_47, "lexkb:paragraph", "positive xsd:integer"),
    ("Document: symbol", remove(DCTERMS.identifier, DOC), DOC, "dcterms:identifier", "exactly one dcterms:identifier"),
    ("Vendored document: checksum", remove(SPDX.checksum, EDITION), EDITION, "spdx:checksum",
     "exactly one spdx:checksum"),
    ("Checksum: value", replace(CHECKSUM, SPDX.checksumValue, Literal("A88A38")), CHECKSUM, "spdx:checksumValue",
     "64 lower-case hex digits"),
    ("Edition: version date", remove(ELI.version_date, EDITION), EDITION, "eli:version_date", "exactly one eli:version_date"),
    ("Edition: language", add(EDITION, ELI.language, URIRef("http://publications.europa.eu/resource/authority/language/ENG")),
     EDITION, "eli:language", "exactly one eli:language"),
    ("Edition: publisher", remove(DCTERMS.publisher, EDITION), EDITION, "dcterms:publisher", "exactly one dcterms:publisher"),
    ("Version: member of", remove(ELI.is_member_of, VERSION), VERSION, "eli:is_member_of", "exactly one timeless article"),
    ("Version: member of a complex work", lambda g: g.remove((ART_206, RDF.type, ELI.ComplexWork)), VERSION,
     "eli:is_member_of", "(an eli:ComplexWork)"),
    ("Version: date", remove(ELI.date_publication, VERSION), VERSION, "eli:date_publication", "exactly one eli:date_publication"),
    ("Version: texts", remove(ELI.is_realized_by, VERSION), VERSION, "eli:is_realized_by", "at least one text"),
    ("Version: sourced", remove(DCTERMS.source, VERSION), VERSION, "dcterms:source", "every fact needs dcterms:source"),
    ("Expression: realizes one version", add(EXPRESSION, ELI.realizes, ART_206), EXPRESSION, "eli:realizes",
     "exactly one lexkb:ArticleVersion"),
    ("Expression: version date", remove(ELI.version_date, EXPRESSION), EXPRESSION, "eli:version_date",
     "exactly one eli:version_date"),
    ("Expression: language", remove(ELI.language, EXPRESSION), EXPRESSION, "eli:language", "exactly one eli:language"),
    ("Event: kind", replace(EVENT, LEXKB.amendmentKind, UNDER_18), EVENT, "lexkb:amendmentKind", "amendment-kind scheme"),
    ("Event: level", replace(EVENT, LEXKB.amendmentLevel, URIRef(CONCEPT + "amendment-kind/derogado")), EVENT,
     "lexkb:amendmentLevel", "amendment-level scheme"),
    ("Event: article", remove(LEXKB.affectedProvision, EVENT), EVENT, "lexkb:affectedProvision", "affects exactly one article"),
    ("Event: note", remove(LEXKB.quotedText, EVENT), EVENT, "lexkb:quotedText", "keeps the note's words"),
    ("Event: date or not in source", remove(DCTERMS.date, EVENT), EVENT, "-", "or says lexkb:notInSource dcterms:date"),
    ("Event: resulting version", replace(EVENT, LEXKB.resultingVersion, ART_206), EVENT, "lexkb:resultingVersion",
     "at most one lexkb:ArticleVersion"),
    ("Reading: succession without its later offence", remove(LEXKB.laterOffence, SUCCESSION), SUCCESSION, "-",
     "names both offences"),
    ("Reading: succession of an offence it does not read",
     replace(SUCCESSION, LEXKB.earlierOffence, URIRef(ID + "offence/sexual-tourism")), SUCCESSION, "-",
     "each one it reads"),
    ("Reading: two later offences", add(SUCCESSION, LEXKB.laterOffence, OFFENCE), SUCCESSION, "lexkb:laterOffence",
     "one later offence"),
    ("Reading: succession of a non-offence", replace(SUCCESSION, LEXKB.earlierOffence, ART_203), SUCCESSION,
     "lexkb:earlierOffence", "one earlier offence"),
    ("Checksum: algorithm", replace(CHECKSUM, SPDX.algorithm, SPDX.checksumAlgorithm_md5), CHECKSUM, "spdx:algorithm",
     "spdx:checksumAlgorithm_sha256"),
]


def test_intact_knowledge_base_conforms(compiled, shapes):
    assert validate(compiled.graph, shapes) == []


@pytest.mark.parametrize("mutate,focus,path,message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_shape_rejects_graph_broken_that_way(kb_graph, shapes, mutate, focus, path, message):
    mutate(kb_graph)
    violations = validate(kb_graph, shapes)
    found = [v for v in violations if v.path == path and message in v.message and str(focus) in v.focus.strip("<>")
             or v.path == path and message in v.message and v.focus == kb_graph.namespace_manager.normalizeUri(focus)]
    assert found, "\n".join(v.line() for v in violations) or "graph still conforms"


def test_every_node_shape_is_exercised(shapes):
    """Each targeted shape of ontology/shapes.ttl has at least one breaking case above."""
    from rdflib.namespace import SH

    targeted = {str(s).rsplit("#", 1)[1] for p in (SH.targetClass, SH.targetSubjectsOf) for s in shapes.subjects(p, None)}
    covered = {"OffenceShape", "PenaltyShape", "RangeShape", "MeasureShape", "AggravationRuleShape", "IncreaseShape",
               "FactorShape", "ApplicationRuleShape", "ClaimShape", "AmendmentEffectShape", "LegalResourceShape",
               "SubdivisionShape", "ConceptShape", "SchemeShape", "SourcePassageShape", "SourceDocumentShape",
               "VendoredDocumentShape", "ChecksumShape", "EditionShape", "VersionShape", "ExpressionShape",
               "AmendmentEventShape", "FineUnitOfStatuteShape", "StateClaimShape", "RepealOrderShape",
               # broken in tests/test_claim_basis.py
               "ClaimBasisShape", "BasisRationaleShape", "ReadingShape"}
    assert targeted == covered


DATE_PATHS = ("eli:date_document", "eli:date_publication", "eli:first_date_entry_in_force", "eli:repealed_by")


def date_order_violations(graph, shapes, focus):
    short = graph.namespace_manager.normalizeUri(focus)
    return [v.line() for v in validate(graph, shapes) if v.path in DATE_PATHS and v.focus in (short, f"<{focus}>")]


def test_dates_in_order_at_the_boundaries_conform(kb_graph, shapes):
    """Adopted, published and in force on one day, the day before the repealing act is published: in order."""
    day = Literal("2012-06-13", datatype=XSD.date)
    for p in (ELI.date_document, ELI.date_publication, ELI.first_date_entry_in_force):
        kb_graph.set((LPSTP, p, day))
    kb_graph.set((OPSC, ELI.date_document, Literal("2002-01-18", datatype=XSD.date)))
    assert date_order_violations(kb_graph, shapes, LPSTP) == []
    assert date_order_violations(kb_graph, shapes, OPSC) == []


def test_repeal_order_violation_names_both_dates(kb_graph, shapes):
    """One violation, by lsh:RepealOrderShape's SPARQL constraint, with the two dates and the repealing act."""
    kb_graph.set((LPSTP, ELI.date_publication, Literal("2013-01-01", datatype=XSD.date)))
    found = [v for v in validate(kb_graph, shapes) if v.shape == "lsh:RepealOrderShape"]
    assert [(v.path, v.message, v.value, v.component) for v in found] == [
        ("eli:repealed_by", "an instrument is published before the act that repeals it (eli:repealed_by): "
         "published 2013-01-01, the repealing act 2012-06-14", kb_graph.namespace_manager.normalizeUri(
             URIRef(INST + "mx/general-law-trafficking/2012")), "sh:SPARQLConstraintComponent")]


def test_shapes_graph_passes_shacl_shacl(compiled, shapes):
    assert validate(compiled.graph, shapes, meta_shacl=True) == []


def test_broken_shapes_graph_fails_shacl_shacl(compiled):
    from pyshacl.errors import ReportableRuntimeError
    from rdflib import BNode, Graph
    from rdflib.namespace import SH

    bad = Graph()
    shape, prop = URIRef("http://example.org/S"), BNode()
    bad.add((shape, RDF.type, SH.NodeShape))
    bad.add((shape, SH.targetClass, LEXKB.Offence))
    bad.add((shape, SH.property, prop))
    bad.add((prop, SH.path, RDFS.label))
    bad.add((prop, SH.minCount, Literal("one")))
    with pytest.raises(ReportableRuntimeError):
        validate(compiled.graph, bad, meta_shacl=True)
