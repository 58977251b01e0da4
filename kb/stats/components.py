"""The Data Cube components the datasets may use: key in the statistics files -> RDF property.

The terms are defined (label, comment, range, code list) in ontology/statistics.ttl.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..namespaces import concept_iri, vocab

DIMENSION, MEASURE, ATTRIBUTE = "dimension", "measure", "attribute"
# How a cell of the component becomes an RDF value:
CODED = "coded"      # a SKOS concept of the component's scheme (words of the source -> stats-cell)
COUNT = "count"      # an xsd:integer, or a stats-cell concept
INTEGER = "integer"  # an xsd:integer (a number the source prints as an identifier)
AGE = "age"          # an xsd:integer, a stats-cell concept, or a concept of the scheme for words
TEXT = "text"        # an @en literal, or stats-cell 'blank' for an empty cell
STRING = "string"    # the printed cell as xsd:string


@dataclass(frozen=True)
class Component:
    key: str
    term: str
    role: str
    values: str
    scheme: str | None = None
    label: str = ""

    @property
    def iri(self) -> str:
        return vocab(self.term)

    @property
    def scheme_iri(self) -> str | None:
        return concept_iri(self.scheme, "").rstrip("/") if self.scheme else None


_ALL = [
    Component("year", "refYear", DIMENSION, CODED, "stats-year", "Year"),
    Component("case-number", "caseNumber", DIMENSION, INTEGER, None, "Number"),
    Component("offence", "offenceAsNamed", DIMENSION, CODED, "stats-offence", "Offence"),
    Component("state", "stateOrAgency", DIMENSION, CODED, "mx-state-or-agency", "State or agency"),
    Component("disposition", "disposition", DIMENSION, CODED, "stats-disposition", "Disposition of the case"),
    Component("adoption-type", "adoptionType", DIMENSION, CODED, "stats-adoption-type", "Adoption type"),
    Component("section", "tableSection", DIMENSION, CODED, "stats-table-section", "Section"),
    Component("age-group", "ageGroup", DIMENSION, CODED, "stats-age-group", "Age group"),
    Component("resolution", "migratoryResolution", DIMENSION, CODED, "stats-migratory-resolution", "Resolution of migratory status"),
    Component("category", "victimCategory", DIMENSION, CODED, "stats-victim-category", "Category"),
    Component("investigations", "investigations", MEASURE, COUNT, None, "Preliminary investigations"),
    Component("adoptions", "adoptions", MEASURE, COUNT, None, "Adoptions"),
    Component("victims", "victims", MEASURE, COUNT, None, "Possible victims"),
    Component("printed", "printedValue", ATTRIBUTE, STRING, None, "Printed"),
    Component("victim-age", "victimAge", ATTRIBUTE, AGE, "stats-victim-age", "Victim age"),
    Component("victim-sex", "victimSex", ATTRIBUTE, CODED, "stats-victim-sex", "Victim sex"),
    Component("status", "proceedingsStatus", ATTRIBUTE, TEXT, None, "Status of criminal proceedings"),
]
COMPONENTS: dict[str, Component] = {c.key: c for c in _ALL}
CELL_SCHEME = "stats-cell"
TOTAL = "Total"  # the label the source prints for a total row or column
