"""The W3C Data Cube integrity constraints that apply to these datasets, as SPARQL ASK queries
(true = violated), run on pyoxigraph after the spec's normalisation (phase 1) rules.

Not applicable here: IC-7 (no slices), IC-15/16 (no measure dimension), IC-17/18 (no
multi-measure observations), IC-20/21 (no hierarchical code lists), IC-8..10 (no slice keys).
"""
from __future__ import annotations

from pyoxigraph import RdfFormat, Store
from rdflib import Graph

PREFIXES = """PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# Data Cube spec, section 11.1, phase 1 (the parts that apply: no slices, no attachment levels).
NORMALISE = [
    "INSERT { ?o a qb:Observation } WHERE { ?o qb:dataSet ?ds }",
    "INSERT { ?ds a qb:DataSet } WHERE { ?o qb:dataSet ?ds }",
    "INSERT { ?cs qb:componentProperty ?p . ?p a qb:DimensionProperty } WHERE { ?cs qb:dimension ?p }",
    "INSERT { ?cs qb:componentProperty ?p . ?p a qb:MeasureProperty } WHERE { ?cs qb:measure ?p }",
    "INSERT { ?cs qb:componentProperty ?p . ?p a qb:AttributeProperty } WHERE { ?cs qb:attribute ?p }",
]

CONSTRAINTS: dict[str, tuple[str, str]] = {
    "IC-1": ("Every qb:Observation has exactly one associated qb:DataSet.", """ASK {
      { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?d1 } }
      UNION { ?obs a qb:Observation ; qb:dataSet ?d1, ?d2 . FILTER (?d1 != ?d2) } }"""),
    "IC-2": ("Every qb:DataSet has exactly one associated qb:DataStructureDefinition.", """ASK {
      { ?ds a qb:DataSet . FILTER NOT EXISTS { ?ds qb:structure ?dsd } }
      UNION { ?ds a qb:DataSet ; qb:structure ?s1, ?s2 . FILTER (?s1 != ?s2) } }"""),
    "IC-3": ("Every qb:DataStructureDefinition must include at least one declared measure.", """ASK {
      ?dsd a qb:DataStructureDefinition .
      FILTER NOT EXISTS { ?dsd qb:component [ qb:componentProperty [ a qb:MeasureProperty ] ] } }"""),
    "IC-4": ("Every dimension declared in a qb:DataStructureDefinition must have a declared rdfs:range.", """ASK {
      ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?dim rdfs:range [] } }"""),
    "IC-5": ("Every dimension with range skos:Concept must have a qb:codeList.", """ASK {
      ?dim a qb:DimensionProperty ; rdfs:range skos:Concept . FILTER NOT EXISTS { ?dim qb:codeList [] } }"""),
    "IC-6": ("The only components of a qb:DataStructureDefinition that may be marked as optional are attributes.", """ASK {
      ?dsd qb:component ?spec . ?spec qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?c .
      FILTER NOT EXISTS { ?c a qb:AttributeProperty } }"""),
    "IC-11": ("Each qb:Observation has a value for every dimension declared in its qb:DataStructureDefinition.", """ASK {
      ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
      FILTER NOT EXISTS { ?obs ?dim [] } }"""),
    "IC-12": ("No two qb:Observations in the same qb:DataSet may have the same value for all dimensions.", """ASK {
      FILTER (?allEqual)
      { SELECT (MIN(?equal) AS ?allEqual) WHERE {
          ?obs1 qb:dataSet ?ds . ?obs2 qb:dataSet ?ds . FILTER (?obs1 != ?obs2)
          ?ds qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
          ?obs1 ?dim ?v1 . ?obs2 ?dim ?v2 . BIND (?v1 = ?v2 AS ?equal)
        } GROUP BY ?obs1 ?obs2 } }"""),
    "IC-13": ("Every qb:Observation has a value for every required attribute.", """ASK {
      ?obs qb:dataSet/qb:structure/qb:component ?spec .
      ?spec qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
      FILTER NOT EXISTS { ?obs ?attr [] } }"""),
    "IC-14": ("Every qb:Observation has a value for every declared measure.", """ASK {
      ?obs qb:dataSet/qb:structure ?dsd .
      FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
      ?dsd qb:component/qb:componentProperty ?measure . ?measure a qb:MeasureProperty .
      FILTER NOT EXISTS { ?obs ?measure [] } }"""),
    "IC-19": ("A dimension value with a skos:ConceptScheme code list must be a skos:Concept of that scheme.", """ASK {
      ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
      ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme .
      ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }"""),
    # lexkb's own rule: every fact carries its source.
    "LEXKB-SOURCE": ("Every qb:Observation carries dcterms:source, a paragraph with an rdfs:label.", """ASK {
      ?obs a qb:Observation . FILTER NOT EXISTS { ?obs dcterms:source [ rdfs:label [] ] } }"""),
}


def violations(graph: Graph) -> list[str]:
    """'IC-n: message' for each violated constraint; empty when the graph conforms."""
    store = Store()
    store.load(graph.serialize(format="nt").encode("utf-8"), format=RdfFormat.N_TRIPLES)
    for update in NORMALISE:
        store.update(PREFIXES + update)
    return [f"{name}: {message}" for name, (message, query) in CONSTRAINTS.items()
            if store.query(PREFIXES + query)]
