"""The embedded SPARQL store (pyoxigraph) over the built knowledge base, and term conversion."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from . import namespaces as ns
from .errors import LexkbError

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in ns.PREFIXES.items())


def open_store(turtle: Path):
    """An in-memory pyoxigraph store holding the Turtle file (read-only use)."""
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    except FileNotFoundError:
        raise LexkbError(f"{turtle}: knowledge base not built; run 'lexkb build'") from None
    except (SyntaxError, OSError, ValueError) as exc:
        raise LexkbError(f"{turtle}: cannot load: {' '.join(str(exc).split())}") from None
    return store


def python_value(term):
    """A pyoxigraph term as a plain Python value: IRIs as str, numbers as int/float."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        if dt.endswith("#decimal") or dt.endswith("#double") or dt.endswith("#float"):
            d = Decimal(term.value)
            return int(d) if d == d.to_integral_value() else float(d)
        if dt.endswith("#integer"):
            return int(term.value)
        if dt.endswith("#boolean"):
            return term.value in ("true", "1")
        return term.value
    return term.value


def select(store, query: str) -> list[dict]:
    """Run a SELECT with the lexkb prefixes; rows as dicts of Python values."""
    solutions = store.query(PROLOGUE + query)
    names = [v.value for v in solutions.variables]
    return [{n: python_value(sol[n]) for n in names} for sol in solutions]
