"""The built knowledge base on disk (kb/generated/): building, loading, exporting it."""
from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Callable

from . import paths
from .errors import LexkbError
from .index_file import RECORDS, Records, pack, unpack

STATISTICS_TURTLE = "statistics.ttl"  # the statistics graph, next to the knowledge base
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
                  ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".n3": "n3", ".trig": "trig", ".nq": "nquads"}


def build_kb(provisions_dir: Path, out_dir: Path, report: Callable[[str], None] | None = None) -> dict:
    """Compile, validate, index and write; on any failure nothing in out_dir changes."""
    import pyoxigraph as ox

    from .atomic import replace_folder
    from .build import compile_kb, dump_json, provision_files, serialize_turtle
    from .index import build_index
    from .validation import validate

    say = report or (lambda message: None)
    files = provision_files(provisions_dir)
    say(f"compiling {len(files)} provision files from {provisions_dir}")
    compiled = compile_kb(provisions_dir)
    say(f"validating {len(compiled.graph)} triples against {paths.SHAPES.name}")
    violations = validate(compiled.graph, sourcemap=compiled.sourcemap)
    if violations:
        for v in violations:
            say(v.line())
        raise LexkbError(f"build stopped: {len(violations)} shape violation(s); the knowledge base in {out_dir} is unchanged",
                         exit_code=1)
    from .turtle import triples

    written = triples(compiled.graph)
    turtle = serialize_turtle(compiled.graph, written)
    say("indexing offences and penalties")
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in written)
    index = build_index(store)
    index["summary"]["triples"] = len(compiled.graph)
    index["summary"]["provision_files"] = len(files)
    index["summary"]["offences"] = [
        {"offence": o["offence"], "id": o["id"], "defined_in": o["defined_in"], "penalised_in": o["penalised_in"],
         "penalties": [{"provision": p["provision"], "imprisonment_years": p["imprisonment_years"],
                        "fine_days_wage": p["fine_days_wage"], "fine": p["fine"], "fine_unit": p["fine_unit"],
                        "community_work": p["community_work"], "basis": p["basis"], "valid_from": p["valid_from"], "valid_until": p["valid_until"]}
                       for p in o["penalties"]]}
        for o in index["offences"]]
    index["summary"]["not_in_source"] = sorted(p["label"] for p in index["provisions"].values()
                                               if p["coverage"] == "not-in-source")
    # The statistics (issue 6) are compiled before anything is written, so that a malformed file in
    # statistics/ also leaves out_dir unchanged; they are written after the knowledge base, with the
    # statistics package's own serialiser and atomic writer (the bytes of `lexkb stats --ttl`).
    from . import stats

    say(f"compiling the statistics in {stats.STATISTICS_DIR}")
    statistics_turtle = stats.serialise(stats.compile_statistics(stats.STATISTICS_DIR))
    # The five files switch at once (lexkb.atomic.replace_folder): a kill leaves the old set or the new.
    say(f"writing {out_dir}: {paths.KB_TURTLE}, {paths.INDEX}, {RECORDS}, {paths.SOURCEMAP}, {STATISTICS_TURTLE}")
    head, records = pack(index)
    replace_folder(out_dir, {paths.KB_TURTLE: turtle, paths.INDEX: dump_json(head),
                             RECORDS: ("\n".join(records) + "\n").encode("utf-8"),
                             paths.SOURCEMAP: dump_json(compiled.sourcemap),
                             STATISTICS_TURTLE: statistics_turtle.encode("utf-8")
                             if isinstance(statistics_turtle, str) else statistics_turtle},
                   what="--out")
    return index["summary"]


def kb_path(name: str, out_dir: Path | None = None) -> Path:
    path = (out_dir or paths.GENERATED) / name
    if not path.exists():
        raise LexkbError(f"{path}: knowledge base not built; run 'lexkb build'")
    return path


def _decoded(out_dir: Path | None, decode: Callable[[], dict]):
    """decode(), an index that cannot be read or decoded being one lexkb error that names index.json."""
    path = kb_path(paths.INDEX, out_dir)
    try:
        return decode()
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise LexkbError(f"{path}: unreadable index ({type(exc).__name__}: {exc}); run 'lexkb build'") from None


def _files(out_dir: Path | None) -> tuple[dict, Records]:
    """index.json, parsed, and index-records.jsonl (each missing one: 'not built')."""
    index, records = kb_path(paths.INDEX, out_dir), kb_path(RECORDS, out_dir)
    return _decoded(out_dir, lambda: (json.loads(index.read_bytes()), Records(records.read_bytes())))


def load_index(out_dir: Path | None = None) -> dict:
    packed, records = _files(out_dir)
    return _decoded(out_dir, lambda: unpack(packed, records))


def load_lookup_index(query: str, code: str | None, out_dir: Path | None = None):
    """(index, match) for `lexkb penalty QUERY` in the jurisdiction code: the query resolved on the offences'
    headers (lexkb.lookup.resolve), then the index it needs: the whole records of the offences it names and
    of their successors (index_file.lookup_index; the match holds those records); headers alone for
    candidates and suggestions, which name offences only; the whole index for an article that the
    sources repeal or do not describe (its sources are cited)."""
    from .index_file import headers, lookup_index
    from .jurisdiction import restrict_index
    from .lookup import resolve

    packed, records = _files(out_dir)
    heads = restrict_index(_decoded(out_dir, lambda: headers(packed)), code)
    match = resolve(query, heads)
    if match.repealed is not None or match.not_in_source is not None:
        index = restrict_index(_decoded(out_dir, lambda: unpack(packed, records)), code)
        return index, resolve(query, index)
    if not match.offences:
        return heads, match
    by_iri = {o["iri"]: o for o in heads["offences"]}
    ids, todo = set(), list(match.offences)
    while todo:
        o = todo.pop()
        if o["id"] not in ids:
            ids.add(o["id"])
            todo += [by_iri[s["iri"]] for s in o.get("successors", []) if s["iri"] in by_iri]
    index = _decoded(out_dir, lambda: lookup_index(packed, heads, records, ids))
    whole = {o["id"]: o for o in index["offences"] if o["id"] in ids}
    match.offences = [whole[o["id"]] for o in match.offences]
    return index, match


def parse_rdf(path: Path):
    """Parse one RDF file, guessing the format from its suffix; one-line errors."""
    from rdflib import Graph

    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LexkbError(f"{path}: unknown RDF format (use one of {', '.join(sorted(SUFFIX_FORMATS))})")
    import logging

    from .rdf_input import check_input, ill_typed, ill_typed_error

    check_input(path, fmt)
    # rdflib logs a traceback for each literal it cannot convert; lexkb reports the first one instead
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    g = Graph()
    try:
        g.parse(path, format=fmt)
    except LexkbError:
        raise
    except RecursionError:
        raise LexkbError(f"{path}: cannot parse as {fmt}: nested too deeply") from None
    except MemoryError:
        raise LexkbError(f"{path}: cannot parse as {fmt}: out of memory (see LEXKB_MAX_RDFLIB_BYTES)") from None
    except FileNotFoundError:
        raise LexkbError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LexkbError(f"{path}: is a folder, not an RDF file") from None
    except Exception as exc:  # parsers raise many exception types; all mean unreadable input
        raise LexkbError(f"{path}: cannot parse as {fmt}: {' '.join(str(exc).split())}") from None
    from rdflib import Literal

    for o in g.objects():
        if isinstance(o, Literal) and o.datatype is not None and ill_typed(str(o.datatype), str(o)):
            raise ill_typed_error(path, str(o), str(o.datatype))
    return g


def built_sourcemap() -> dict[str, str]:
    """The built knowledge base's node -> provisions/FILE.md:LINE map ({} when unreadable)."""
    try:
        return json.loads(kb_path(paths.SOURCEMAP).read_text(encoding="utf-8"))
    except (LexkbError, ValueError):
        return {}


def load_for_validation(files: list[Path]):
    """The graph to validate and the source map for it (only the built KB has one)."""
    from rdflib import Graph

    if not files:
        return parse_rdf(kb_path(paths.KB_TURTLE)), built_sourcemap()
    graph = Graph()
    for f in files:
        graph += parse_rdf(f)
    return graph, {}


OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES"}  # read with pyoxigraph; other formats with rdflib


def rdf_triples(path: Path, prefixes: dict | None = None, blank_prefix: str = ""):
    """The triples of one RDF file, as pyoxigraph Triples (or Quads of the default graph), with the
    same one-line errors as parse_rdf. Turtle and N-Triples are streamed by pyoxigraph; the file's
    prefixes are put in `prefixes` once it is read. Blank nodes get blank_prefix, so that the same
    label in two files names two nodes, as when rdflib reads them."""
    import pyoxigraph as ox

    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LexkbError(f"{path}: unknown RDF format (use one of {', '.join(sorted(SUFFIX_FORMATS))})")
    if path.is_dir():
        raise LexkbError(f"{path}: is a folder, not an RDF file")
    if not path.exists():
        raise LexkbError(f"{path}: no such file")
    from .rdf_input import check_input, ill_typed, ill_typed_error, max_literal_bytes

    check_input(path, fmt)
    if fmt not in OX_FORMATS:
        from .validation import _XSD_STRING
        from rdflib import BNode, Literal as RLiteral

        def term(node):
            if isinstance(node, BNode):
                return ox.BlankNode(blank_prefix + str(node))
            if isinstance(node, RLiteral):
                if node.language:
                    return ox.Literal(str(node), language=node.language)
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or _XSD_STRING)))
            return ox.NamedNode(str(node))

        try:
            for s, p, o in parse_rdf(path):
                yield ox.Triple(term(s), term(p), term(o))
        except (ValueError, TypeError) as exc:
            raise LexkbError(f"{path}: cannot read as {fmt}: {' '.join(str(exc).split())}") from None
        return
    BlankNode, Literal = ox.BlankNode, ox.Literal
    longest = max_literal_bytes()
    try:
        parser = ox.parse(path=str(path), format=getattr(ox.RdfFormat, OX_FORMATS[fmt]),
                          base_iri=path.resolve().as_uri())
        for q in parser:
            if type(q.object) is Literal:
                if len(q.object.value) > longest:
                    raise LexkbError(f"{path}: a literal of {len(q.object.value):,} characters; the limit is "
                                     f"{longest:,} (LEXKB_MAX_LITERAL_BYTES)")
                if ill_typed(q.object.datatype.value, q.object.value):
                    raise ill_typed_error(path, q.object.value, q.object.datatype.value)
            if type(q.subject) is BlankNode or type(q.object) is BlankNode:
                s, o = q.subject, q.object
                q = ox.Triple(BlankNode(blank_prefix + s.value) if type(s) is BlankNode else s, q.predicate,
                              BlankNode(blank_prefix + o.value) if type(o) is BlankNode else o)
            yield q
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise LexkbError(f"{path}: cannot parse as {fmt}: {' '.join(str(exc).split())[:300]}") from None
    except MemoryError as exc:  # pyoxigraph: "Reached the buffer maximal size of 16777216" (a 16 MiB token)
        raise LexkbError(f"{path}: cannot parse as {fmt}: {' '.join(str(exc).split()) or 'out of memory'}; "
                         "a literal or IRI is larger than the parser reads") from None
    except OSError as exc:
        raise LexkbError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if prefixes is not None:
        prefixes.update(parser.prefixes)


def partition_for_validation(files: list[Path], backward, whole: str | None = None):
    """The graph `lexkb validate` checks, split by lexkb.partition without building one rdflib
    Graph: (partitioning, source map, namespace bindings the whole graph would have in rdflib).
    Without files, the built knowledge base: rdflib binds its Turtle prefixes, and it has a source
    map; files are read into one graph, which keeps rdflib's default bindings only."""
    from itertools import chain

    from .partition import partition

    if not files:
        path = kb_path(paths.KB_TURTLE)
        prefixes: dict = {}
        partitioning = partition(rdf_triples(path, prefixes), backward, whole)
        return partitioning, built_sourcemap(), [(p, iri, True) for p, iri in prefixes.items()]
    triples = chain.from_iterable(rdf_triples(f, blank_prefix=f"f{i}x") for i, f in enumerate(files))
    return partition(triples, backward, whole), {}, []


def partition_store(store, backward, whole: str | None = None):
    """The graph a store holds (e.g. a SPARQL endpoint, lexkb.store.RemoteStore), split by
    lexkb.partition, with lexkb's prefixes bound; no rdflib Graph of it is built."""
    from .namespaces import PREFIXES
    from .partition import partition

    return partition(store.graph_triples(), backward, whole), {}, [(p, iri, True) for p, iri in PREFIXES.items()]


def validate_kb(files: list[Path], store=None, shapes: Path | None = None, jobs: int | None = None,
                batch_triples: int | None = None, progress=None, note: Callable[[str], None] | None = None):
    """What `lexkb validate` does: the built knowledge base, the files or the store's graph, split
    by jurisdiction and validated batch by batch (lexkb.validation.validate_partitioned). note()
    is told once why the graph is validated whole, when it is."""
    from .partition import backward_predicates, not_node_local
    from .validation import load_shapes, validate_partitioned

    shapes_graph = load_shapes(shapes) if shapes else load_shapes()
    backward, whole = backward_predicates(shapes_graph), not_node_local(shapes_graph)
    if store is not None:
        partitioning, sourcemap, bindings = partition_store(store, backward, whole)
    else:
        partitioning, sourcemap, bindings = partition_for_validation(files, backward, whole)
    if partitioning.whole is not None and note is not None:
        note(f"validating the graph whole, not by jurisdiction: {partitioning.whole}")
    result = validate_partitioned(partitioning, shapes, sourcemap, bindings, jobs=jobs,
                                  batch_triples=batch_triples, progress=progress)
    if files and store is None:
        from .validation import where_defined

        result.violations = where_defined(result.violations, files)
    return result


# `lexkb export --format`: lexkb's short names and rdflib's (the names users of rdflib and pyshacl type)
EXPORT_FORMATS = {"ttl": "turtle", "turtle": "turtle", "nt": "nt", "ntriples": "nt", "jsonld": "json-ld",
                  "json-ld": "json-ld", "xml": "xml", "rdfxml": "xml", "trig": "trig", "nq": "nquads",
                  "nquads": "nquads"}
DATASET_FORMATS = ("trig", "nquads")  # named graphs: the law's and the statistics'


def export_kb(fmt: str, graph_iri: str | None = None) -> bytes:
    """The built knowledge base in another serialisation. TriG and N-Quads are datasets: the
    knowledge base in its named graph (as `lexkb publish` puts it, default
    https://w3id.org/lexkb/graph/mx) and the statistics, when built, in GRAPH/statistics. JSON-LD
    carries an @context of the project's prefixes, so terms read lexkb:Penalty, not full IRIs."""
    from .namespaces import PREFIXES
    from .store import DEFAULT_GRAPH, statistics_graph

    name = EXPORT_FORMATS.get(fmt)
    if name is None:
        raise LexkbError(f"--format {fmt!r}: use one of ttl, nt, jsonld, xml, trig, nq "
                         "(or rdflib's names: turtle, ntriples, json-ld, rdfxml, nquads)")
    path = kb_path(paths.KB_TURTLE)
    if name == "turtle":
        return path.read_bytes()
    graph = parse_rdf(path)
    if name == "json-ld":
        return graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True, encoding="utf-8")
    if name not in DATASET_FORMATS:
        return graph.serialize(format=name, encoding="utf-8")
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    for prefix, iri in graph.namespaces():
        dataset.bind(prefix, iri)
    law = graph_iri or DEFAULT_GRAPH
    named = dataset.graph(URIRef(law))
    for triple in graph:
        named.add(triple)
    stats_path = paths.GENERATED / STATISTICS_TURTLE
    if stats_path.exists():
        stats_graph = dataset.graph(URIRef(statistics_graph(law)))
        for triple in parse_rdf(stats_path):
            if triple not in graph:  # the source passages both cite stay in the law's graph, as publish does
                stats_graph.add(triple)
    return dataset.serialize(format=name, encoding="utf-8")


def _content(store) -> tuple[int, int]:
    """(instruments, offences) a knowledge base holds: a graph without either is not publishable."""
    from .namespaces import ELI, LEXKB

    def count(cls: str) -> int:
        return int(next(iter(store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{cls}> }}")))["n"].value)

    return count(ELI + "LegalResource"), count(LEXKB + "Offence")


def publish_kb(endpoint: str, graph: str, store_url: str | None, timeout: float,
               statistics: bool = True, report: Callable[[str], None] | None = None) -> list[tuple[str, int]]:
    """Validate the built knowledge base, then replace `graph` on the server with it in one HTTP PUT
    (SPARQL 1.1 Graph Store HTTP Protocol); the statistics graph, when built, goes to graph/statistics
    in a second PUT. Everything is read, checked and serialised before the first PUT: a knowledge
    base with no instrument or no offence (an empty lexkb.ttl validates) is refused (exit 1), as is
    one that violates the shapes; a broken statistics.ttl stops it too. If the second PUT fails, the
    error says which graph holds which build, and how to go back. Returns (graph, triples) for each
    graph published."""
    import pyoxigraph as ox

    from .store import ENDPOINT_EXIT, check_timeout, check_url, put_graph, statistics_graph, store_url_for
    from .validation import validate

    say = report or (lambda message: None)
    if not graph:
        raise LexkbError("--graph: publishing needs a named graph IRI (default https://w3id.org/lexkb/graph/mx)")
    check_timeout(timeout)
    for name, url in (("--endpoint", endpoint), ("--store-url", store_url)):
        if url is not None:
            check_url(url, name)
    target = store_url or store_url_for(endpoint)
    path = kb_path(paths.KB_TURTLE)
    data = parse_rdf(path)
    kb_bytes = path.read_bytes()
    store = ox.Store()
    try:
        store.load(kb_bytes, format=ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError) as exc:
        raise LexkbError(f"{path}: cannot parse as turtle: {' '.join(str(exc).split())}") from None
    instruments, offences = _content(store)
    if not instruments or not offences:
        raise LexkbError(f"{path}: {len(data)} triples, {instruments} instrument(s), {offences} offence(s): not a "
                         f"knowledge base; refusing to replace <{graph}> with it (run 'lexkb build')", exit_code=1)
    violations = validate(data)
    if violations:
        for v in violations:
            say(v.line())
        raise LexkbError(f"{path}: {len(violations)} shape violation(s); refusing to publish a graph that does "
                         "not conform (fix provisions/ and run 'lexkb build')", exit_code=1)
    stats = paths.GENERATED / "statistics.ttl"
    stats_put = None
    if statistics and stats.exists():
        # Without the triples the knowledge base graph already holds (the source passages both cite):
        # a server may read several default-graph-uri as a union that repeats them (Oxigraph does).
        kb_triples = {q.triple for q in store}
        try:
            own = [q.triple for q in ox.parse(path=str(stats), format=ox.RdfFormat.TURTLE) if q.triple not in kb_triples]
        except (SyntaxError, ValueError, OSError) as exc:
            raise LexkbError(f"{stats}: cannot parse as turtle: {' '.join(str(exc).split())}; nothing was published "
                             "(run 'lexkb build')", exit_code=2) from None
        if not own:
            raise LexkbError(f"{stats}: no statistics in it; nothing was published (run 'lexkb build', or "
                             "--no-statistics)", exit_code=1)
        stats_put = (statistics_graph(graph), ox.serialize(own, format=ox.RdfFormat.N_TRIPLES), len(own))
    published = []
    say(f"replacing <{graph}> at {target} with {len(data)} triples")
    put_graph(target, graph, kb_bytes, timeout)
    published.append((graph, len(data)))
    if stats_put is not None:
        stats_graph, body, n = stats_put
        say(f"replacing <{stats_graph}> with {stats.name}")
        try:
            put_graph(target, stats_graph, body, timeout, content_type="application/n-triples")
        except LexkbError as exc:
            raise LexkbError(
                f"{exc}. Half published: <{graph}> holds this build ({len(data)} triples), <{stats_graph}> "
                "still holds what it held before (or nothing). Run the same 'lexkb publish' again to finish; to go "
                "back, publish the previous build (its kb/generated/, e.g. from git) the same way",
                exit_code=ENDPOINT_EXIT) from None
        published.append((stats_graph, n))
    return published
