"""`lexkb table --jurisdiction CODE`: a table of one jurisdiction of a store that holds several.

The table queries join across everything they match, so over a store of many jurisdictions they
cost what the whole store costs (minutes at 2x10^6 triples). With a jurisdiction, lexkb first copies
that jurisdiction's part of the graph into a small in-memory store, and runs the unchanged table
query there: the table then costs what one country's data costs, whatever else the store holds.

The part is gathered by selective queries, from the jurisdiction's instruments (found with the
code as a bound literal, lexkb.remote_lookup.Scope) and the treaties' provisions:
- every triple whose subject is gathered (CONSTRUCT with VALUES ?s, IRIs from results only);
- every IRI those triples point to is gathered too, unless it belongs to another jurisdiction;
- for the jurisdiction's own resources, also the resources that point to them (its penalties point
  to its offences, its claims to its provisions): these are its own by construction. Shared resources
  (vocabulary, sources, treaties) are not followed backwards, as every jurisdiction points to them.
Only IRIs are followed (the knowledge base has no blank nodes; a blank node's triples come with
the triple that reaches it)."""
from __future__ import annotations

from ..errors import LexkbError

UNSUPPORTED = {"enforcement": "its statistics graph holds one State's figures and is not divided by jurisdiction"}

Q_TREATY_PARTS = "SELECT DISTINCT ?x WHERE { ?x eli:is_part_of+ ?instrument }"
Q_OUT = "CONSTRUCT { ?s ?p ?o . ?o ?p2 ?o2 } WHERE { ?s ?p ?o OPTIONAL { ?o ?p2 ?o2 FILTER(isBlank(?o)) } }"
Q_IN = "SELECT DISTINCT ?x WHERE { ?x ?p ?o . FILTER(isIRI(?x)) }"


Q_INSTRUMENTS = "SELECT ?instrument WHERE { ?instrument a eli:LegalResource }"


def one_jurisdiction(store, table: str) -> None:
    """A table compares the provisions of one State's law. Its rows are keyed by the identifiers
    the provision files give (penalty, offence, factor ids), which repeat from one jurisdiction to
    the next, so over a store of several the rows of different States would be merged: refused,
    with the codes to choose from (--jurisdiction)."""
    from ..jurisdiction import code_of
    from ..store import select

    codes = sorted({c for r in select(store, Q_INSTRUMENTS) if (c := code_of(r["instrument"]))})
    if len(codes) > 1:
        shown = ", ".join(codes[:5]) + (f", ... ({len(codes) - 5} more)" if len(codes) > 5 else "")
        if table in UNSUPPORTED:
            raise LexkbError(f"the knowledge base holds {len(codes)} jurisdictions ({shown}); the {table} table "
                             f"needs a knowledge base of one ({UNSUPPORTED[table]})")
        raise LexkbError(f"the knowledge base holds {len(codes)} jurisdictions ({shown}); a table is of one "
                         "jurisdiction's law: give --jurisdiction CODE")


def partition(store, code: str):
    """An in-memory pyoxigraph store holding the jurisdiction's part of the graph (see above)."""
    import pyoxigraph as ox

    from ..index import restricted
    from ..jurisdiction import code_of
    from ..remote_lookup import CHUNK, Scope, select_in

    scope = Scope(store, code)
    treaties = scope.treaties()
    seeds = scope.instruments + treaties + [r["x"] for r in select_in(store, Q_TREATY_PARTS, "instrument", treaties)]
    seen: set[str] = set()
    frontier = list(dict.fromkeys(seeds))
    part = ox.Store()
    while frontier:
        seen.update(frontier)
        found: list[str] = []
        for i in range(0, len(frontier), CHUNK):
            chunk = frontier[i:i + CHUNK]
            triples = store.query(restricted(Q_OUT, "s", chunk))
            for t in triples:
                part.add(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
                if isinstance(t.object, ox.NamedNode):
                    found.append(t.object.value)
            own = [s for s in chunk if code_of(s) == code]
            if own:
                found += [r["x"] for r in select_in(store, Q_IN, "o", own)]
        frontier = [x for x in dict.fromkeys(found) if x not in seen and code_of(x) in (None, code)]
    return part


def view(store, code: str | None, table: str):
    """The store, or with a jurisdiction code a store of that jurisdiction's part only."""
    if code is None:
        return store
    if table in UNSUPPORTED:
        raise LexkbError(f"--jurisdiction: the {table} table cannot be restricted to a jurisdiction ({UNSUPPORTED[table]})")
    return partition(store, code)
