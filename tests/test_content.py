"""What the knowledge base says: exact penalties, conditions, aggravations, claims, amendment,
provenance on every resource, and silence where the source is silent."""
import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

PREFIXES = """
PREFIX lexkb: <https://w3id.org/lexkb/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

PENALTIES = {
    # provision: (offence id, imprisonment years, fine in days of minimum wage, source paragraph)
    "CPF art. 203": ("sexual-tourism", (7, 12), (800, 2000), 47),
    "CPF art. 203 bis": ("sexual-acts-in-sexual-tourism", (12, 16), (2000, 3000), 47),
    "CPF art. 204": ("procurement-of-minors", (8, 15), (1000, 2000), 47),
    "CPF art. 206": ("procurement", (2, 9), (50, 500), 50),
    "CPF art. 209 bis": ("pederasty", (9, 18), (750, 2250), 48),
    "LPSTP art. 6 I": ("trafficking-in-persons", (6, 12), (500, 1500), 51),
    "LPSTP art. 6 II": ("trafficking-in-persons", (9, 18), (750, 2250), 51),
}


def rows(graph, query):
    return [tuple(r) for r in graph.query(PREFIXES + query)]


def test_every_penalty_variant_with_exact_numbers_units_and_source(compiled):
    found = rows(compiled.graph, """
      SELECT ?prov ?oid ?imin ?imax ?iu ?fmin ?fmax ?fu ?para WHERE {
        ?p a lexkb:Penalty ; lexkb:prescribedBy/rdfs:label ?prov ; lexkb:penaltyFor/dcterms:identifier ?oid ;
           lexkb:imprisonment [ schema:minValue ?imin ; schema:maxValue ?imax ; schema:unitCode ?iu ] ;
           lexkb:fine [ schema:minValue ?fmin ; schema:maxValue ?fmax ; schema:unitCode ?fu ] ;
           dcterms:source/lexkb:paragraph ?para }""")
    got = {str(r[0]): (str(r[1]), (r[2].toPython(), r[3].toPython()), (r[5].toPython(), r[6].toPython()), r[8].toPython())
           for r in found}
    assert got == PENALTIES
    assert {str(r[4]) for r in found} == {"http://qudt.org/vocab/unit/YR"}
    assert {str(r[7]) for r in found} == {"https://w3id.org/lexkb/ontology#DayOfMinimumWage"}


def test_offence_is_distinct_from_defining_and_penalising_provisions(compiled):
    [(defined, penalised)] = rows(compiled.graph, """
      SELECT ?d ?p WHERE { ?o dcterms:identifier "procurement" ; lexkb:definedIn/rdfs:label ?d ; lexkb:penalisedIn/rdfs:label ?p }""")
    assert (str(defined), str(penalised)) == ("CPF art. 206 bis", "CPF art. 206")


def test_lpstp_6_variants_carry_their_condition(compiled):
    got = dict((str(a), sorted(str(b).rsplit("/", 1)[1] for b in bs.split()) if bs else [])
               for a, bs in rows(compiled.graph, """
      SELECT ?id (GROUP_CONCAT(?c) AS ?cs) WHERE { ?p a lexkb:Penalty ; dcterms:identifier ?id .
        FILTER(STRSTARTS(?id, "lpstp")) OPTIONAL { ?p lexkb:victimCondition ?c } } GROUP BY ?id"""))
    assert got == {"lpstp-6-I": [], "lpstp-6-II": ["lacking-capacity", "unable-to-resist", "under-18"]}


def test_aggravations_increase_both_bounds_by_half(compiled):
    """The report's aggravations (the statute's, stated by a version, are pinned in test_statute_cpf.py)."""
    got = sorted((str(r), str(f), float(x)) for r, f, x in rows(compiled.graph, """
      SELECT ?rule ?fid ?x WHERE { ?f lexkb:triggers ?r ; dcterms:identifier ?fid . ?r dcterms:identifier ?rule ;
        lexkb:effect/lexkb:increaseFraction ?x FILTER NOT EXISTS { ?r lexkb:statedByVersion ?v } }"""))
    assert got == [("cpf-209bis-violence", "violence", 0.5), ("lpstp-6-III", "indigenous-victim", 0.5),
                   ("lpstp-6-III", "public-office", 0.5), ("lpstp-6-III", "relative-or-carer", 0.5),
                   ("lpstp-6-III", "victim-over-60", 0.5)]
    bounds = rows(compiled.graph, """SELECT DISTINCT ?r ?c ?b WHERE { ?r lexkb:effect [ lexkb:affectsComponent ?c ; lexkb:affectsBound ?b ]
      FILTER NOT EXISTS { ?r lexkb:statedByVersion ?v } }""")
    assert len(bounds) == 8  # 2 rules x {imprisonment, fine} x {min, max}


def test_concurrence_and_consent_are_rules_not_aggravations(compiled):
    got = sorted((str(a), str(b)) for a, b in rows(compiled.graph, """
      SELECT ?id ?kind WHERE { ?r a lexkb:ApplicationRule ; dcterms:identifier ?id ; lexkb:ruleKind/skos:notation ?kind .
        FILTER(?id IN ("lpstp-6-III-c", "lpstp-6-III-d")) FILTER NOT EXISTS { ?r a lexkb:AggravationRule } }"""))
    assert got == [("lpstp-6-III-c", "concurrence-of-offences"), ("lpstp-6-III-d", "consent")]


def test_opsc_claims_are_the_states_with_their_paragraphs(compiled):
    got = sorted((str(d), str(t), tuple(sorted(int(p) for p in ps.split())))
                 for d, t, ps in rows(compiled.graph, """
      SELECT ?d ?t (GROUP_CONCAT(?p) AS ?ps) WHERE { ?c a lexkb:ImplementationClaim ; lexkb:domesticProvision/rdfs:label ?d ;
        lexkb:treatyProvision/rdfs:label ?t ; dcterms:source/lexkb:paragraph ?p } GROUP BY ?d ?t"""))
    expected = []
    for d, paras, targets in [("CPF art. 203", (45, 47), ("2(b)", "3(1)(b)")), ("CPF art. 203 bis", (45, 47), ("2(b)", "3(1)(b)")),
                              ("CPF art. 204", (45, 47), ("2(b)", "3(1)(b)")), ("CPF art. 206", (49, 50), ("3(1)(a)",)),
                              ("CPF art. 206 bis", (49, 50), ("2(a)", "3(1)(a)")), ("LPSTP art. 5", (49, 51), ("2(a)", "3(1)(a)")),
                              ("LPSTP art. 6", (49, 51), ("3(1)(a)",))]:  # penalty articles: no definition (2(a))
        expected += [(d, f"OPSC art. {t}", paras) for t in targets]
    assert got == sorted(expected)


def test_pederasty_has_no_opsc_claim(compiled):
    assert rows(compiled.graph, """SELECT ?c WHERE { ?c lexkb:domesticProvision/rdfs:label ?l FILTER(STRSTARTS(?l, "CPF art. 209")) }""") == []


def test_2010_decree_rules_out_parole_and_makes_serious_offences(compiled):
    got = sorted((str(k), str(o), str(d), str(v)) for k, o, d, v in rows(compiled.graph, """
      SELECT ?k ?oid ?date ?vc WHERE { ?e a lexkb:AmendmentEffect ; lexkb:effectKind/skos:notation ?k ;
        lexkb:affectsOffence/dcterms:identifier ?oid ; lexkb:amendingAct/eli:date_publication ?date ;
        lexkb:victimCondition/skos:notation ?vc ; dcterms:source/lexkb:paragraph 44 }"""))
    offences = ["pederasty", "procurement-of-minors", "sexual-acts-in-sexual-tourism", "sexual-tourism"]
    assert got == sorted([(k, o, "2010-08-19", "under-18") for k in ("parole-ruled-out", "serious-offence") for o in offences])
    unmodelled = sorted(str(u) for (u,) in rows(compiled.graph, """
      SELECT ?u WHERE { ?e lexkb:effectKind/skos:notation "parole-ruled-out" ; lexkb:affectsUnmodelledOffence ?u }"""))
    assert unmodelled == ["corruption", "pornography"]


def test_instrument_dates_and_lpstp_abrogation(compiled):
    [(pub, repealer_pub)] = rows(compiled.graph, """
      SELECT ?pub ?rpub WHERE { ?l eli:title_short "LPSTP" ; eli:date_publication ?pub ; eli:repealed_by/eli:date_publication ?rpub }""")
    assert (str(pub), str(repealer_pub)) == ("2007-11-27", "2012-06-14")
    [(adopted, in_force, ratified)] = rows(compiled.graph, """
      SELECT ?a ?f ?r WHERE { ?o eli:title_short "OPSC" ; eli:date_document ?a ; eli:first_date_entry_in_force ?f ; lexkb:dateOfRatification ?r }""")
    assert (str(adopted), str(in_force), str(ratified)) == ("2000-05-25", "2002-01-18", "2002-03-15")
    silent = sorted(str(p).rsplit("#", 1)[1] for (p,) in rows(compiled.graph, """
      SELECT ?p WHERE { ?c eli:title_short "CPF" ; lexkb:notInSource ?p }"""))
    assert silent == ["date_publication", "first_date_entry_in_force"]


def test_articles_the_report_is_silent_on_are_described_by_the_statute(compiled):
    """CPF 205, 205 bis, 207, 208 and 209: the report does not describe them; the statute editions do,
    so none is 'not in source' any longer, and each cites the 2025 edition at its article."""
    assert rows(compiled.graph, """
      SELECT ?a WHERE { ?a lexkb:coverage/skos:notation "not-in-source" }""") == []
    for number in ("205", "205bis", "207", "208", "209"):
        art = f"https://w3id.org/lexkb/eli/mx/cpf/art_{number}"
        got = {str(s) for (s,) in rows(compiled.graph, f"""
          SELECT ?s WHERE {{ <{art}> lexkb:coverage/skos:notation "described" ; dcterms:source ?s }}""")}
        assert f"https://w3id.org/lexkb/source/cpf-dof-2025-11-28/art_{number}" in got, number


def test_every_resource_has_a_source(compiled):
    g = compiled.graph
    exempt_prefixes = ("https://w3id.org/lexkb/ontology", "https://w3id.org/lexkb/source/")
    missing = sorted(str(s) for s in set(g.subjects(RDF.type, None))
                     if isinstance(s, URIRef) and not str(s).startswith(exempt_prefixes)
                     and (s, DCTERMS.source, None) not in g)
    assert missing == []


def test_offence_labels_in_english_and_spanish(compiled):
    got = {str(i): (str(en), str(es)) for i, en, es in rows(compiled.graph, """
      SELECT ?id ?en ?es WHERE { ?o a lexkb:Offence ; dcterms:identifier ?id ; skos:prefLabel ?en , ?es .
        FILTER(lang(?en) = "en" && lang(?es) = "es") }""")}
    assert got["trafficking-in-persons"] == ("trafficking in persons", "trata de personas")
    assert got["procurement"] == ("procurement for prostitution", "lenocinio")
    assert got["pederasty"] == ("pederasty", "pederastia")
    assert got["sexual-tourism"] == ("sexual tourism", "turismo sexual")


def test_provision_text_is_verbatim_from_cited_paragraph(compiled):
    import re

    from lexkb import paths
    from lexkb.sources.furniture import Layout
    from lexkb.sources.report import paragraphs

    text = (paths.PROVISIONS / "source" / "CRC-C-OPSC-MEX-Q-1-Add.1.txt").read_text(encoding="utf-8")
    seed = paragraphs(text, Layout(paragraph_heading=re.compile("Replies to paragraph.*")))
    checked = 0
    for prov, text, para in rows(compiled.graph, """
        SELECT ?p ?t ?n WHERE { ?p a eli:LegalResourceSubdivision ; lexkb:quotedText ?t ; dcterms:source/lexkb:paragraph ?n
                                FILTER(lang(?t) = "en") }"""):
        for passage in str(text).split("\n"):  # one line per quoted passage
            assert passage in seed[int(para)], (prov, passage)
        checked += 1
    assert checked >= 20
