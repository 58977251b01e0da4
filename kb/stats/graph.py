"""Compile the datasets and their checks to a Data Cube (qb:) graph: no blank nodes, IRIs from the
values' slugs, so the same statistics always give the same graph."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..namespaces import LEXKB, PREFIXES, concept_iri, entity_iri, source_iri, vocab
from .cells import LABELS, SPECIAL, Cell
from .checks import Check
from .components import AGE, CELL_SCHEME, CODED, COMPONENTS, COUNT, DIMENSION, INTEGER, MEASURE, STRING, TEXT, TOTAL
from .model import Dataset, Declared, Observation

QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
L = Namespace(LEXKB)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "blank"


def stats_iri(declared: Declared, *parts: str) -> URIRef:
    """Under the jurisdiction the statistics declare: /id/CODE/stats/..."""
    return URIRef(entity_iri(declared.jurisdiction, "stats", "/".join(parts)))


def dataset_iri(ds: Dataset) -> URIRef:
    return stats_iri(ds.declared, "dataset", ds.slug)


def observation_iri(obs: Observation, ds: Dataset) -> URIRef:
    return stats_iri(ds.declared, "obs", ds.slug, *(slug(obs.coord(d)) for d in ds.dimensions))


def passage(g: Graph, declared: Declared, paragraph: str) -> URIRef:
    """A paragraph of the declared document, labelled with the document's symbol."""
    node = URIRef(source_iri(declared.document, paragraph))
    g.add((node, RDF.type, L.SourcePassage))
    g.add((node, RDFS.label, Literal(f"{declared.symbol}, para. {paragraph}")))
    g.add((node, L.paragraph, Literal(int(paragraph))))
    return node


def _scheme(g: Graph, scheme: str) -> URIRef:
    node = URIRef(concept_iri(scheme, "").rstrip("/"))
    g.add((node, RDF.type, SKOS.ConceptScheme))
    g.add((node, RDFS.label, Literal(f"lexkb statistics code list: {scheme}", lang="en")))
    return node


def _cell_concept(g: Graph, status: str) -> URIRef:
    node = URIRef(concept_iri(CELL_SCHEME, status))
    word = next(w for w, (s, _) in SPECIAL.items() if s == status)
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.prefLabel, Literal(LABELS[status], lang="en")))
    g.add((node, SKOS.definition, Literal(SPECIAL[word][1], lang="en")))
    g.add((node, SKOS.inScheme, _scheme(g, CELL_SCHEME)))
    return node


def _code(g: Graph, scheme: str, cell: Cell, declared: Declared) -> URIRef:
    """A dimension or attribute value -> concept of the scheme (a stats-cell word joins the scheme too)."""
    if cell.status:
        node = _cell_concept(g, cell.status)
    else:
        node = URIRef(concept_iri(scheme, "total" if cell.printed == TOTAL else slug(cell.printed)))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.prefLabel, Literal(cell.printed, lang="en")))
        link = declared.links.get(cell.printed) if scheme == "stats-offence" else None
        if link:
            if link.offence:
                g.add((node, L.concernsOffence, URIRef(link.offence)))
            if link.related:
                g.add((node, RDFS.seeAlso, URIRef(link.related)))
            g.add((node, SKOS.note, Literal(link.note, lang="en")))
    g.add((node, SKOS.inScheme, _scheme(g, scheme)))
    return node


def _value(g: Graph, key: str, cell: Cell, declared: Declared):
    comp = COMPONENTS[key]
    if comp.values == STRING:
        return Literal(cell.printed, datatype=XSD.string)
    if comp.values == CODED:
        return _code(g, comp.scheme, cell, declared)
    if cell.number is not None and comp.values in (COUNT, INTEGER, AGE):
        return Literal(cell.number, datatype=XSD.integer)
    if cell.status:
        return _cell_concept(g, cell.status)
    if comp.values == AGE:
        return _code(g, comp.scheme, cell, declared)
    if comp.values == TEXT:
        return Literal(cell.printed, lang="en")
    raise ValueError(f"{key}: '{cell.printed}' is not a figure")


def _structure(g: Graph, ds: Dataset) -> URIRef:
    dsd = stats_iri(ds.declared, "dsd", ds.slug)
    g.add((dsd, RDF.type, QB.DataStructureDefinition))
    g.add((dsd, RDFS.label, Literal(f"Structure of: {ds.title}", lang="en")))
    keys = [(k, QB.dimension) for k in ds.dimensions] + [(ds.measure, QB.measure)] + \
           [(k, QB.attribute) for k in ds.attributes]
    if any(c in ds.declared.links for o in ds.observations for c in [o.coords.get("offence", Cell("")).printed]):
        keys.append(("concerns-offence", QB.attribute))
    for order, (key, role) in enumerate(keys, 1):
        spec = stats_iri(ds.declared, "dsd", ds.slug, key)
        prop = URIRef(vocab("concernsOffence")) if key == "concerns-offence" else URIRef(COMPONENTS[key].iri)
        g.add((dsd, QB.component, spec))
        g.add((spec, RDF.type, QB.ComponentSpecification))
        g.add((spec, role, prop))
        if role == QB.dimension:
            g.add((spec, QB.order, Literal(order)))
        if role == QB.attribute:
            g.add((spec, QB.componentRequired, Literal(key != "concerns-offence")))
    return dsd


def _observation(g: Graph, ds: Dataset, obs: Observation, ds_node: URIRef) -> URIRef:
    node = observation_iri(obs, ds)
    if (node, RDF.type, QB.Observation) in g:
        raise ValueError(f"{obs.origin}: two observations of '{ds.slug}' share the dimension values of {obs.label}")
    g.add((node, RDF.type, QB.Observation))
    g.add((node, QB.dataSet, ds_node))
    g.add((node, RDFS.label, Literal(obs.label, lang="en")))
    g.add((node, DCTERMS.source, passage(g, ds.declared, obs.paragraph)))
    for key, cell in list(obs.coords.items()) + list(obs.attributes.items()):
        g.add((node, URIRef(COMPONENTS[key].iri), _value(g, key, cell, ds.declared)))
    g.add((node, URIRef(COMPONENTS[ds.measure].iri), _value(g, ds.measure, obs.measure, ds.declared)))
    link = ds.declared.links.get(obs.coords["offence"].printed) if "offence" in obs.coords else None
    if link and link.offence:
        g.add((node, L.concernsOffence, URIRef(link.offence)))
    return node


def add_dataset(g: Graph, ds: Dataset) -> None:
    node = dataset_iri(ds)
    g.add((node, RDF.type, QB.DataSet))
    g.add((node, RDFS.label, Literal(ds.title, lang="en")))
    g.add((node, DCTERMS.title, Literal(ds.title, lang="en")))
    g.add((node, DCTERMS.identifier, Literal(ds.slug)))
    g.add((node, QB.structure, _structure(g, ds)))
    for paragraph in ds.paragraphs:
        g.add((node, DCTERMS.source, passage(g, ds.declared, paragraph)))
    for note in ds.notes:
        g.add((node, SKOS.note, Literal(note, lang="en")))
    for obs in ds.observations:
        _observation(g, ds, obs, node)


_OUTCOME_LABELS = {"agrees": "agrees", "disagrees": "disagrees",
                   "agrees-over-unknown-parts": "agrees, but a part has no figure ('No data', 'Not known', 'N/A' or empty) and the printed total counts it as nothing"}


def add_check(g: Graph, check: Check, datasets: dict[str, Dataset]) -> None:
    declared = datasets[check.dataset].declared
    node = stats_iri(declared, "check", *(slug(p) for p in check.key))
    g.add((node, RDF.type, L.ConsistencyCheck))
    g.add((node, RDFS.label, Literal(check.where, lang="en")))
    g.add((node, L.printedFigure, Literal(check.printed)))
    g.add((node, L.computedFigure, Literal(check.computed)))
    outcome = URIRef(concept_iri("stats-check-outcome", check.outcome))
    g.add((node, L.checkOutcome, outcome))
    g.add((outcome, RDF.type, SKOS.Concept))
    g.add((outcome, SKOS.prefLabel, Literal(_OUTCOME_LABELS[check.outcome], lang="en")))
    g.add((outcome, SKOS.inScheme, _scheme(g, "stats-check-outcome")))
    if check.note:
        g.add((node, SKOS.note, Literal(check.note, lang="en")))
    for paragraph in check.paragraphs:
        g.add((node, DCTERMS.source, passage(g, declared, paragraph)))
    if check.total is not None:
        g.add((node, L.checkedObservation, observation_iri(check.total, datasets[check.total.dataset])))
        g.add((node, L.summedOver, URIRef(COMPONENTS[check.summed_over].iri)))
    for part in check.parts:
        g.add((node, PROV.wasDerivedFrom, observation_iri(part, datasets[part.dataset])))


def build_graph(datasets: dict[str, Dataset], checks: list[Check], ontology: Path | None) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("qb", QB)
    g.bind("sdmx-dimension", SDMX_DIMENSION)
    if ontology is not None:
        g.parse(ontology, format="turtle")
    for ds in datasets.values():
        add_dataset(g, ds)
    for check in checks:
        add_check(g, check, datasets)
    return g
