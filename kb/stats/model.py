"""The datasets as read from statistics/: plain data, before any RDF."""
from __future__ import annotations

from dataclasses import dataclass, field

from .cells import Cell
from .components import TOTAL


@dataclass
class Observation:
    dataset: str
    coords: dict[str, Cell]      # dimension key -> cell (label as printed)
    measure: Cell
    attributes: dict[str, Cell]  # attribute key -> cell
    paragraph: str
    label: str                   # where it is printed: table, row, column
    origin: str                  # file:line of the block that holds it

    def coord(self, dim: str) -> str:
        return self.coords[dim].printed

    def is_total_in(self, dim: str) -> bool:
        return self.coords[dim].printed == TOTAL

    @property
    def is_total(self) -> bool:
        return any(c.printed == TOTAL for c in self.coords.values())


@dataclass
class CrossCheck:
    label: str
    left: dict   # {"dataset": slug, "where": {dim: label}}
    right: dict
    over: str
    origin: str


@dataclass
class Link:
    """A name the source's tables give an offence, tied to the knowledge base's offences."""
    name: str
    offence: str | None   # IRI of the offence counted under the name, or None
    related: str | None   # IRI of an offence the name is related to, or None
    note: str


@dataclass
class Declared:
    """What a statistics folder declares (a [statistics] table and its [[link]] and [[offence]]
    tables): the document its figures are printed in, the jurisdiction whose offences they count."""
    document: str          # the id of a [document] declared in the provision files
    symbol: str            # that document's symbol, as labels cite it
    jurisdiction: str      # the code its IRIs are minted under (/id/CODE/stats/...)
    links: dict[str, Link] = field(default_factory=dict)
    offences: list[tuple[str, str | None]] = field(default_factory=list)  # (offence IRI, statute)
    origin: str = ""


@dataclass
class Dataset:
    slug: str
    title: str
    paragraph: str
    measure: str
    dimensions: list[str]
    attributes: list[str]
    notes: list[str]
    origin: str
    observations: list[Observation] = field(default_factory=list)
    cross_checks: list[CrossCheck] = field(default_factory=list)
    # Set where each printed row is one observation whose measure the layout implies (1 per row).
    record_measure: Cell | None = None
    # the folder's declaration: document, symbol, jurisdiction, offence links (set when loaded)
    declared: Declared | None = None

    @property
    def from_records(self) -> bool:
        return self.record_measure is not None

    @property
    def paragraphs(self) -> list[str]:
        return sorted({o.paragraph for o in self.observations} | {self.paragraph}, key=int)
