"""The IRI scheme of lexkb: one place that mints every identifier.

Scheme (documented in README, never to change once published):

- vocabulary          https://w3id.org/lexkb/ontology#Term
- instruments (ELI)   https://w3id.org/lexkb/eli/{jurisdiction}/{instrument}
- subdivisions        {instrument}/art_203bis, {instrument}/art_6/III/a  (Akoma Ntoso-style ids)
- offences etc.       https://w3id.org/lexkb/id/{jurisdiction}/{kind}/{slug}
- SKOS concepts       https://w3id.org/lexkb/concept/{scheme}/{slug}
- source passages     https://w3id.org/lexkb/source/{document}/para-{n}
"""
from __future__ import annotations

BASE = "https://w3id.org/lexkb/"
LEXKB = BASE + "ontology#"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
QUDT_UNIT = "http://qudt.org/vocab/unit/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
SPDX = "http://spdx.org/rdf/terms#"

PREFIXES = {
    "lexkb": LEXKB,
    "eli": ELI,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "schema": SCHEMA,
    "unit": QUDT_UNIT,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "sh": SH,
    "spdx": SPDX,
    "src": BASE + "source/",
    "inst": BASE + "eli/",
    "id": BASE + "id/",
    "concept": BASE + "concept/",
}

def subdivision_path(number: str) -> str:
    """'203 bis' -> 'art_203bis'; '6 III (a)' handled by callers as separate parts."""
    return "art_" + number.replace(" ", "").replace("(", "").replace(")", "").lower()


def instrument_iri(path: str) -> str:
    return f"{BASE}eli/{path}"


def entity_iri(jurisdiction: str, kind: str, slug: str) -> str:
    return f"{BASE}id/{jurisdiction}/{kind}/{slug}"


def concept_iri(scheme: str, slug: str) -> str:
    return f"{BASE}concept/{scheme}/{slug}"


def source_iri(document_slug: str, paragraph: str | None = None) -> str:
    tail = f"/para-{paragraph}" if paragraph else ""
    return f"{BASE}source/{document_slug}{tail}"


def vocab(term: str) -> str:
    return LEXKB + term
