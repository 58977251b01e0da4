"""A cell of a source table: the string the source prints, and its number where it is one.

Words the source prints instead of figures are kept as values of their own (never 0, never blank):
each maps to a concept of the scheme stats-cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# printed word -> (concept slug, skos:definition)
SPECIAL = {
    "No data": ("no-data", "The source prints 'No data' in this cell."),
    "Not applicable": ("not-applicable", "The source prints 'Not applicable' in this cell (for adoptions: the State does not conduct intercountry adoptions, note under the tables of para. 5)."),
    "Not known": ("not-known", "The source prints 'Not known' in this cell."),
    "N/A": ("n-a", "The source prints 'N/A' in this cell and does not expand it."),
    "": ("blank", "The cell is empty in the source: not in source."),
}
LABELS = {slug: ("not in source" if word == "" else word) for word, (slug, _) in SPECIAL.items()}
# A part with one of these statuses has no figure: a total over it cannot be verified.
# 'Not applicable' is not among them: the source says there is nothing to count.
UNKNOWN = frozenset({"no-data", "not-known", "n-a", "blank"})

_NUMBER = re.compile(r"\d+|\d{1,3}(?: \d{3})+")  # '31', '1 011' (space as thousands separator)


@dataclass(frozen=True)
class Cell:
    printed: str  # exactly as printed; '' for an empty cell
    number: int | None = None
    status: str | None = None  # a SPECIAL slug where the cell is a word the source uses for no figure

    @property
    def is_unknown(self) -> bool:
        return self.number is None and self.status != "not-applicable"

    def display(self) -> str:
        """The value for output: the number, or the source's own word ('not in source' if empty)."""
        if self.number is not None:
            return str(self.number)
        return LABELS[self.status] if self.status else self.printed

    def json_value(self) -> int | str:
        return self.number if self.number is not None else self.display()


def parse_cell(raw: object) -> Cell:
    """A TOML value -> Cell. Raises ValueError for a type a table cell cannot have."""
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise ValueError(f"a cell must be an integer or a string, not {raw!r}")
    if isinstance(raw, int):
        if raw < 0:
            raise ValueError(f"a count cannot be negative: {raw}")
        return Cell(str(raw), raw)
    if raw in SPECIAL:
        return Cell(raw, None, SPECIAL[raw][0])
    if _NUMBER.fullmatch(raw):
        return Cell(raw, int(raw.replace(" ", "")))
    return Cell(raw)
