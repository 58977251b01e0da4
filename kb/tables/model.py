"""What a comparison table is, independent of its format: columns, rows of typed values, caption,
notes, sources and the SPARQL query that produced it.

Cell values are plain Python: str, int, Decimal (exact; never a float), Fraction (a ratio that
may not be a terminating decimal), Range (a min–max pair), Link (text that names a provision,
which the HTML report turns into a link), a list of those (a multi-valued cell) or None (nothing).
The renderers in lexkb.tables.render decide how each looks in each format.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .. import paths


@dataclass(frozen=True)
class Range:
    lo: Decimal
    hi: Decimal


@dataclass(frozen=True)
class Link:
    """Text naming a provision (target: its IRI)."""

    text: str
    target: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ReadingRef:
    """A cell naming one of lexkb's readings (lexkb:Reading) by its id, or a claim's basis in short;
    `full` is the same in one line with the words, the alternative and why, which CSV and JSON
    print (they have no notes), while md, html and tex print the id and give it in full in a note."""

    id: str
    full: str

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class SourceRef:
    """A source passage: `full` is its label ('DOC/C/1/Add.1, para. 47'), which the formats
    for machines carry, as `lexkb penalty` and `show` do in `sources`; md, html and tex print `short`
    ('para. 47'), the table's list of sources naming the document."""

    full: str
    short: str

    def __str__(self) -> str:
        return self.short


def source_refs(labels) -> list[SourceRef]:
    """Source passage labels, in the order given, as cells (short: 'para. N' when the label has one)."""
    return [SourceRef(s, s.rsplit(", ", 1)[-1] if para_number(s) is not None else s) for s in labels]


@dataclass(frozen=True)
class Code:
    """A value that `lexkb penalty` gives by its id alone (e.g. a penalty's basis, 'statute' or
    'state-report'): json and csv carry the id, md, html, tex and text the words."""

    id: str
    label: str

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Concept:
    """A SKOS concept (e.g. a victim condition): its id (skos:notation) and label side by side, as every
    command writes them ({"id", "label"} in JSON; the id in CSV, whose column next to it has the words)."""

    id: str
    label: str

    def __str__(self) -> str:
        return self.label


@dataclass
class Column:
    key: str
    label: str
    numeric: bool = False
    machine: bool = False  # only in the formats for machines (csv, json, jsonl), e.g. an exact fraction


@dataclass
class Table:
    name: str
    caption: str
    columns: list[Column]
    rows: list[dict]
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    lang: str = "en"
    on: dt.date | None = None
    readings: list[dict] = field(default_factory=list)  # lexkb's readings the rows name (ReadingRef)

    @property
    def query(self) -> str:
        """The query file, relative to the project root, e.g. kb/queries/table-penalties.rq."""
        return paths.display(query_path(self.name))

    @property
    def query_name(self) -> str:
        return f"table-{self.name}"


def query_path(name: str):
    return paths.QUERIES / f"table-{name}.rq"


def dec(value) -> Decimal:
    """A number from the store (int or float) as an exact Decimal, via its shortest repr."""
    return Decimal(str(value))


def exact_number(x) -> "Decimal | Fraction":
    """A computed bound exactly: a Decimal where it has a finite decimal expansion (13.5), else the
    Fraction it stands for (20,000 x 5/3 = 100000/3, never 33333.333333333336). Floats from the
    aggravation arithmetic are read back as the simple fraction they approximate (lexkb.aggravation.exact)."""
    from ..aggravation import exact

    f = x if isinstance(x, Fraction) else exact(x)
    return fraction_decimal(f) if terminates(f) else f


def exact_fraction(a: Decimal, b: Decimal) -> Fraction | None:
    return None if b == 0 else Fraction(a) / Fraction(b)


def terminates(f: Fraction) -> bool:
    """True when f has a finite decimal expansion (denominator of only 2s and 5s)."""
    d = f.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def fraction_decimal(f: Fraction) -> Decimal:
    """The exact Decimal of a terminating fraction."""
    return Decimal(f.numerator) / Decimal(f.denominator)


def split(joined: str | None, sep: str = " | ") -> list[str]:
    """A GROUP_CONCAT value as a sorted list (SPARQL does not order group members)."""
    return sorted(set(joined.split(sep))) if joined else []


_PARA = re.compile(r", para\. (\d+)$")


def para_number(source_label: str) -> int | None:
    m = _PARA.search(source_label)
    return int(m.group(1)) if m else None


def source_sort_key(label: str):
    n = para_number(label)
    return (0, n, label) if n is not None else (1, 0, label)


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_LATIN = {"bis": 1, "ter": 2, "quater": 3, "quinquies": 4}


def natural_key(label: str) -> tuple:
    """Order provision labels as the law numbers them: 203 < 203 bis < 204; 6 I < 6 II < 6 III;
    3(1)(a) < 3(1)(a)(i) < 3(1)(a)(ii) < 3(1)(b) < 3(2) < 10."""
    out = []
    for tok in re.findall(r"\d+|[A-Za-z]+", label):
        if tok.isdigit():
            out.append((0, int(tok), ""))
        elif tok in _ROMAN:
            out.append((0, _ROMAN[tok], ""))
        elif tok.lower() in _LATIN:
            out.append((1, _LATIN[tok.lower()], ""))
        else:
            out.append((2, 0, tok.lower()))
    return tuple(out)


def parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    return dt.date.fromisoformat(str(text)[:10])
