"""A knowledge base graph split into per-jurisdiction partitions, so that it can be validated piece
by piece with the same result as the whole graph.

A triple belongs to its subject's jurisdiction (lexkb.jurisdiction.code_of); a triple whose subject
has none (vocabulary, treaties, source passages) is shared and goes into every partition. The shapes
follow values (sh:class, sh:node, eli:is_part_of+) and a few inverse paths, so a partition holds
everything its nodes' validation reads only when

- no triple links two jurisdictions: when one does, they are merged into one partition;
- no shared triple points into a jurisdiction, and no triple on a predicate the shapes read
  backwards (sh:inversePath) points from a jurisdiction to a shared node (which every partition
  holds, each with only its own incoming triples);
- there are no blank nodes (they have no jurisdiction), and the shapes' SPARQL constraints read only
  what their focus node links to, followed forwards (lsh:RepealOrderShape: an act and the act that
  repeals it; lsh:FineUnitOfStatuteShape), which the rules above keep in the focus node's partition;

otherwise the whole graph is one partition, and `whole` says why.

Triples are read with pyoxigraph and kept as N-Triples bytes, never as one rdflib Graph."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .jurisdiction import code_of

BATCH_TRIPLES = 50_000  # pyshacl costs ~75 us a triple from ~5,000 triples on; each run adds ~0.15 s
SH = "http://www.w3.org/ns/shacl#"
ANY_PREDICATE = None
_UNSEEN = object()


@dataclass
class Partition:
    codes: tuple[str, ...]  # the jurisdictions merged into it
    triples: int
    data: bytes  # N-Triples


@dataclass
class Partitioning:
    shared: bytes  # N-Triples of the shared triples, part of every partition
    shared_triples: int
    partitions: list[Partition]
    whole: str | None = None  # why the graph could not be split, when it could not
    triples: int = 0  # triples read (before removing duplicates)
    jurisdictions: int = 0


@dataclass
class Batch:
    partitions: list[Partition] = field(default_factory=list)
    triples: int = 0

    @property
    def data(self) -> bytes:
        return b"".join(p.data for p in self.partitions)


def backward_predicates(shapes) -> frozenset[str] | None:
    """IRIs of the predicates the shapes (an rdflib Graph) follow backwards; None when a path under
    sh:inversePath is not a single predicate (then any predicate may be)."""
    from rdflib import URIRef

    out = set()
    for _, inner in shapes.subject_objects(URIRef(SH + "inversePath")):
        if not isinstance(inner, URIRef):
            return ANY_PREDICATE
        out.add(str(inner))
    return frozenset(out)


def not_node_local(shapes) -> str | None:
    """Why the shapes cannot be checked by partition, if they cannot: a SPARQL constraint may read
    any part of the graph, unless its query reads only what its focus node links to (reads_forward);
    SPARQL-based constraint components and targets (sh:ask, a sh:select elsewhere) are not analysed."""
    from rdflib import URIRef

    sparql, select = URIRef(SH + "sparql"), URIRef(SH + "select")
    constraints = set(shapes.objects(None, sparql))
    for constraint in constraints:
        query = shapes.value(constraint, select)
        if query is None or not reads_forward(str(query), declared_prefixes(shapes, constraint)):
            return "the shapes use sh:sparql"
    if any(s not in constraints for s, _ in shapes.subject_objects(select)):
        return "the shapes use sh:select"
    if next(iter(shapes.triples((None, URIRef(SH + "ask"), None))), None) is not None:
        return "the shapes use sh:ask"
    return None


def declared_prefixes(shapes, constraint) -> dict[str, str]:
    """The prefixes a SPARQL constraint declares (sh:prefixes, then sh:declare)."""
    from rdflib import URIRef

    out = {}
    for node in shapes.objects(constraint, URIRef(SH + "prefixes")):
        for decl in shapes.objects(node, URIRef(SH + "declare")):
            prefix, namespace = shapes.value(decl, URIRef(SH + "prefix")), shapes.value(decl, URIRef(SH + "namespace"))
            if prefix is not None and namespace is not None:
                out[str(prefix)] = str(namespace)
    return out


def reads_forward(query: str, prefixes: dict[str, str]) -> bool:
    """Whether a SPARQL constraint's SELECT reads only triples reachable from $this by named
    predicates followed forwards: every triple pattern has an IRI predicate or a property path with
    no inverse step (lsh:FineUnitOfStatuteShape's lexkb:fine/schema:unitCode) and, as its subject,
    $this or a variable (or blank node) that is the object of another pattern so reached; no
    sub-SELECT, UNION, MINUS, GRAPH or SERVICE. A partition holds all of those triples (a link to
    another jurisdiction merges the two; a shared node's triples are in every partition, and a shared
    node linking into a jurisdiction keeps the graph whole)."""
    from rdflib import BNode, URIRef, Variable
    from rdflib.paths import AlternativePath, MulPath, NegatedPath, SequencePath
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())
    try:
        algebra = translateQuery(parseQuery(prologue + query)).algebra
    except Exception:
        return False
    triples, refused = [], []

    def walk(node):
        if isinstance(node, CompValue):
            if node.name in ("ToMultiSet", "SubSelect", "Graph", "GraphGraphPattern", "ServiceGraphPattern", "Union",
                             "Minus", "MinusGraphPattern") or \
                    node.name == "GroupOrUnionGraphPattern" and len(node.graph) > 1:
                refused.append(node.name)  # a branch evaluated apart from $this's links, or another graph
            if node.name == "BGP":
                triples.extend(node.triples)
            elif node.name == "TriplesBlock":  # inside EXISTS, which rdflib leaves untranslated
                for flat in node.triples:
                    triples.extend(tuple(flat[i:i + 3]) for i in range(0, len(flat), 3))
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    def forward(path) -> bool:
        if isinstance(path, URIRef):
            return True
        if isinstance(path, (SequencePath, AlternativePath)):
            return all(forward(p) for p in path.args)
        if isinstance(path, MulPath):
            return forward(path.path)
        if isinstance(path, NegatedPath):
            return all(isinstance(p, URIRef) for p in path.args)
        return False  # an inverse step, a variable predicate

    walk(algebra)
    if refused or not all(forward(p) for _, p, _ in triples):
        return False
    reached = {Variable("this")}
    grew = True
    while grew:
        grew = False
        for s, _, o in triples:
            if s in reached and isinstance(o, (Variable, BNode)) and o not in reached:
                reached.add(o)
                grew = True
    return all(s in reached for s, _, _ in triples)


class _Jurisdictions:
    """Union-find over jurisdiction codes: jurisdictions linked by a triple share a partition."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def add(self, code: str) -> None:
        self.parent.setdefault(code, code)

    def find(self, code: str) -> str:
        root = code
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[code] != root:
            self.parent[code], code = root, self.parent[code]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def partition(triples: Iterable, backward: frozenset[str] | None = frozenset(), whole: str | None = None) -> Partitioning:
    """Split pyoxigraph Triples into partitions (in the order their jurisdictions first appear).
    `backward`: backward_predicates(shapes); `whole`: a reason to keep the graph whole anyway."""
    import pyoxigraph as ox

    NamedNode, BlankNode = ox.NamedNode, ox.BlankNode
    own: dict[str | None, bytearray] = {None: bytearray()}
    counts: dict[str | None, int] = {None: 0}
    union = _Jurisdictions()
    codes: dict[str, object] = {}
    read = 0
    for t in triples:
        read += 1
        s, o = t.subject, t.object
        if type(s) is NamedNode:
            sv = s.value
            sc = codes.get(sv, _UNSEEN)
            if sc is _UNSEEN:
                sc = codes[sv] = code_of(sv)
        else:
            sc = None
            if whole is None:
                whole = "it has blank nodes, which belong to no jurisdiction"
        otype = type(o)
        if otype is NamedNode:
            ov = o.value
            oc = codes.get(ov, _UNSEEN)
            if oc is _UNSEEN:
                oc = codes[ov] = code_of(ov)
            if oc is not None:
                if sc is None:
                    if whole is None:
                        whole = f"a shared resource, {s}, links to {o}, in jurisdiction {oc!r}"
                elif oc != sc:
                    union.add(oc)
                    union.add(sc)
                    union.union(sc, oc)
            elif sc is not None and whole is None and (backward is ANY_PREDICATE or t.predicate.value in backward):
                whole = f"{s} links to a shared resource, {o}, by {t.predicate}, which the shapes read backwards"
        elif otype is BlankNode and whole is None:
            whole = "it has blank nodes, which belong to no jurisdiction"
        buf = own.get(sc)
        if buf is None:
            buf = own[sc] = bytearray()
            counts[sc] = 0
            union.add(sc)
        buf += f"{t} .\n".encode()
        counts[sc] += 1
    shared, shared_n = bytes(own.pop(None)), counts.pop(None)
    jurisdictions = len(own)
    if whole is not None:
        merged: dict[str, list[str]] = {"": list(own)} if own else {}
    else:
        merged = {}
        for code in own:
            merged.setdefault(union.find(code), []).append(code)
    partitions = []
    for members in merged.values():
        data = b"".join(bytes(own.pop(c)) for c in members)
        partitions.append(Partition(tuple(members), sum(counts[c] for c in members), data))
    return Partitioning(shared, shared_n, partitions, whole, read, jurisdictions)


def batches(partitioning: Partitioning, max_triples: int = BATCH_TRIPLES) -> Iterator[Batch]:
    """Consecutive partitions grouped into batches of up to max_triples triples (a larger partition
    is a batch of its own); each batch is validated with the shared triples in one pyshacl run. At
    least one batch, so that a graph of shared triples only is validated too."""
    batch = Batch()
    for p in partitioning.partitions:
        if batch.partitions and batch.triples + p.triples > max_triples:
            yield batch
            batch = Batch()
        batch.partitions.append(p)
        batch.triples += p.triples
    yield batch

