"""A declared document as RDF: what it is, where it came from (PROV-O), and the checksum of the
file lexkb holds (SPDX 2.3 terms, the standard vocabulary for a file's checksum)."""
from __future__ import annotations

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from .. import namespaces as ns
from .document import Document
from .passage import Passage

LEXKB = Namespace(ns.LEXKB)
ELI = Namespace(ns.ELI)
SPDX = Namespace(ns.SPDX)
# EU language authority table (ELI's range for eli:language), for the languages documents use.
LANGUAGES = {"en": "ENG", "es": "SPA", "fr": "FRA", "pt": "POR", "de": "DEU", "it": "ITA"}
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language/"


def language_iri(code: str) -> URIRef | None:
    return URIRef(LANGUAGE_AUTHORITY + LANGUAGES[code]) if code in LANGUAGES else None


def document_iri(doc: Document) -> URIRef:
    return URIRef(ns.source_iri(doc.id))


def document_triples(doc: Document, instrument: URIRef | None = None):
    """Triples describing doc. A statute edition is also an eli:LegalExpression of its instrument,
    valid as of its edition date (eli:version_date). The link is stated from the instrument
    (eli:is_realized_by, the inverse of eli:realizes): a document is shared by every jurisdiction's
    part of the graph, and a shared resource that pointed into one would stop validation by
    jurisdiction (kb/partition.py)."""
    node = document_iri(doc)
    t = doc.table
    yield node, RDF.type, LEXKB.SourceDocument
    yield node, RDF.type, LEXKB.SourcePassage  # the document as a whole can be cited
    yield node, DCTERMS.identifier, Literal(doc.symbol)
    yield node, DCTERMS.title, Literal(doc.title, lang=doc.language)
    if doc.kind == "statute-edition":
        yield node, RDFS.label, Literal(f"{doc.title}, {t['edition']}")
        yield node, RDF.type, ELI.LegalExpression
        if instrument is not None:
            yield instrument, ELI.is_realized_by, node
        yield node, ELI.version_date, Literal(t["date_edition"])
        lang = language_iri(doc.language)
        if lang is not None:
            yield node, ELI.language, lang
        yield node, LEXKB.editionStatement, Literal(t["edition"], lang=doc.language)
    else:
        yield node, RDFS.label, Literal(doc.symbol)
    yield node, DCTERMS.language, Literal(doc.language)
    if "issuer" in t:
        yield node, DCTERMS.publisher, Literal(t["issuer"])
    for key, prop in (("date_submitted", DCTERMS.dateSubmitted), ("date_issued", DCTERMS.issued)):
        if key in t:
            yield node, prop, Literal(t[key])
    if doc.sha256:
        checksum = URIRef(f"{node}/checksum/sha256")
        yield node, SPDX.checksum, checksum
        yield checksum, RDF.type, SPDX.Checksum
        yield checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256
        yield checksum, SPDX.checksumValue, Literal(doc.sha256)
        yield node, LEXKB.vendoredAs, Literal(doc.display)
    if "mirror" in t and "mirror_commit" in t and "mirror_path" in t:
        origin = URIRef(f"{t['mirror'].rstrip('/')}/blob/{t['mirror_commit']}/{t['mirror_path']}")
        yield node, PROV.wasDerivedFrom, origin
        yield origin, RDFS.label, Literal(f"{t['mirror_path']} at commit {t['mirror_commit']}"
                                          + (f" ({t['mirror_date'].isoformat()})" if "mirror_date" in t else ""))


def passage_triples(passage: Passage, label: str):
    """A cited passage: part of its document, with its citation, its address and its words."""
    node = URIRef(passage.iri())
    yield node, RDF.type, LEXKB.SourcePassage
    yield node, DCTERMS.isPartOf, URIRef(ns.source_iri(passage.document))
    yield node, RDFS.label, Literal(label)
    if passage.address.para is not None:
        yield node, LEXKB.paragraph, Literal(passage.address.para)
    else:
        yield node, LEXKB.locator, Literal(passage.address.label())
    yield node, LEXKB.quotedText, Literal(passage.text, lang=passage.language)
