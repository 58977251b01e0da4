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

    @property
    def from_records(self) -> bool:
        return self.record_measure is not None

    @property
    def paragraphs(self) -> list[str]:
        return sorted({o.paragraph for o in self.observations} | {self.paragraph}, key=int)
