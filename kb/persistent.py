"""A persistent pyoxigraph store on disk: the embedded store for a knowledge base larger than the
shipped one. `lexkb load FILE... --store DIR` fills it (the default graph, as the shipped queries
read it; without FILE, the built knowledge base there and its statistics in the named graph
STATISTICS_GRAPH, as `lexkb publish` lays them out on a server), and every read command opens it
read-only with `--store DIR` (or LEXKB_STORE); those that read the statistics too (query, the
enforcement table, report) read that graph with the default one."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .errors import LexkbError

# file suffix -> pyoxigraph format name; quads formats keep their graph names
LOAD_FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG", ".rdf": "RDF_XML",
                ".xml": "RDF_XML", ".owl": "RDF_XML", ".jsonld": "JSON_LD", ".n3": "N3"}
PROGRESS_EVERY = 100_000  # triples
STATISTICS_GRAPH = "https://w3id.org/lexkb/graph/mx/statistics"  # = lexkb.store.statistics_graph(DEFAULT_GRAPH)


class EmbeddedStore:
    """A read-only pyoxigraph store opened from DIR, with what lexkb's readers ask of a store:
    query() and quads_for_pattern() as pyoxigraph has them, and graph_triples() for validation."""

    def __init__(self, location: Path, statistics: bool = False):
        import pyoxigraph as ox

        self.location = Path(location)
        self.statistics = statistics
        if not self.location.is_dir():
            raise LexkbError(f"--store {location}: no such folder (create one with 'lexkb load FILE... --store DIR')")
        try:
            self._store = ox.Store.read_only(str(self.location))
        except OSError as exc:
            raise LexkbError(f"--store {location}: cannot open as a pyoxigraph store: "
                             f"{' '.join(str(exc).split())}") from None

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.location)!r})"

    def query(self, query: str, substitutions=None):
        if self.statistics:
            import pyoxigraph as ox

            stats = ox.NamedNode(STATISTICS_GRAPH)
            if self._store.contains_named_graph(stats):
                return self._store.query(query, substitutions=substitutions, default_graph=[ox.DefaultGraph(), stats])
        return self._store.query(query, substitutions=substitutions)

    def quads_for_pattern(self, subject, predicate=None, obj=None, graph=None):
        return self._store.quads_for_pattern(subject, predicate, obj, graph)

    def graph_triples(self):
        import pyoxigraph as ox

        return (q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def load(files: list[Path], location: Path, progress: Callable[[str], None] | None = None,
         graphs: dict[Path, str] | None = None, already: set | None = None) -> int:
    """Load the RDF files into the persistent store at `location` (created if need be), streaming
    them in, with a line of progress every PROGRESS_EVERY triples: triples into the default graph,
    or into graphs[file] when given, leaving out of those the triples in `already` (those the
    default graph holds: a query over both graphs would count them twice, as `lexkb publish` says);
    quads keep their graph. Returns the statements read."""
    import pyoxigraph as ox

    say = progress or (lambda message: None)
    graphs = graphs or {}
    for f in files:
        if f.suffix.lower() not in LOAD_FORMATS:
            raise LexkbError(f"{f}: unknown RDF format (use one of {', '.join(sorted(LOAD_FORMATS))})")
        if not f.is_file():
            raise LexkbError(f"{f}: no such file")
    location.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(location))
    except OSError as exc:
        raise LexkbError(f"--store {location}: cannot open for writing: {' '.join(str(exc).split())}") from None
    total, start = 0, time.perf_counter()
    for i, f in enumerate(files, 1):
        say(f"loading {f} ({i}/{len(files)})")
        fmt = getattr(ox.RdfFormat, LOAD_FORMATS[f.suffix.lower()])
        target = ox.NamedNode(graphs[f]) if f in graphs else ox.DefaultGraph()
        count = 0

        def quads():
            nonlocal count
            for q in ox.parse(path=str(f), format=fmt, base_iri=f.resolve().as_uri()):
                if f in graphs and already and q.triple in already:
                    continue
                yield ox.Quad(q.subject, q.predicate, q.object, target) if fmt.supports_datasets is False or \
                    isinstance(q.graph_name, ox.DefaultGraph) else q
                count += 1
                if count % PROGRESS_EVERY == 0:
                    say(f"  {count:,} triples from {f.name} ({time.perf_counter() - start:.1f} s)")

        try:
            store.bulk_extend(quads())
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            raise LexkbError(f"{f}: cannot parse: {' '.join(str(exc).split())}") from None
        except OSError as exc:
            raise LexkbError(f"{f}: cannot load: {exc.strerror or exc}") from None
        total += count
    store.flush()
    say(f"read {total:,} triples from {len(files)} file(s) into {location} in {time.perf_counter() - start:.1f} s")
    return total
