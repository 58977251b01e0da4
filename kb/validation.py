"""SHACL validation of a knowledge base graph, with violations mapped back to provision files."""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from . import paths
from .errors import LexkbError


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str
    where: str | None  # "provisions/code/203.md:12" where the node came from, if known
    value: str | None = None
    shape: str | None = None      # the source shape: lsh:Sourced, or lsh:OffenceShape/property[lexkb:conduct]
    component: str | None = None  # the constraint component: sh:MinCountConstraintComponent
    # N-Triples terms of focus, path (IRI or ""), value, source shape (IRI or ""), component and
    # severity, for the standard report (validation_report_graph); not part of the JSON or the line
    terms: tuple = field(default=(), compare=False, repr=False)

    def line(self) -> str:
        location = f"{self.where}: " if self.where else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{location}{self.focus} {self.path}: {self.message}{value}"

    def as_dict(self) -> dict:
        return {"focus": self.focus, "path": self.path, "message": self.message, "severity": self.severity,
                "where": self.where, "value": self.value, "shape": self.shape, "component": self.component}


def load_shapes(shapes_path: Path = paths.SHAPES) -> Graph:
    g = Graph()
    try:
        g.parse(shapes_path, format="turtle")
    except Exception as exc:
        raise LexkbError(f"{shapes_path}: cannot parse shapes: {' '.join(str(exc).split())}") from None
    return g


def _short(graph: Graph, node) -> str:
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:
            return f"<{node}>"
    if (node, RDF.type, SH.PropertyShape) in graph or graph.value(node, SH.inversePath) is not None:
        inner = graph.value(node, SH.inversePath)
        if inner is not None:
            return "^" + _short(graph, inner)
        inner = graph.value(node, SH.oneOrMorePath)
        if inner is not None:
            return _short(graph, inner) + "+"
    inner = graph.value(node, SH.oneOrMorePath)
    if inner is not None:
        return _short(graph, inner) + "+"
    return str(node)


def _shape_name(shapes: Graph, shape) -> str | None:
    """A shape by its IRI (lsh:Sourced), or an anonymous property shape by its node shape and path
    (lsh:OffenceShape/property[lexkb:conduct]): the same name in every run and every batch."""
    if shape is None:
        return None
    if isinstance(shape, URIRef):
        return _short(shapes, shape)
    path = shapes.value(shape, SH.path)
    inner = f"property[{_short(shapes, path)}]" if path is not None else "property"
    parent = shapes.value(None, SH.property, shape) or shapes.value(None, SH.node, shape)
    return f"{_short(shapes, parent)}/{inner}" if parent is not None else inner


def validation_report_graph(violations: list[Violation]) -> Graph:
    """The standard SHACL validation report (sh:ValidationReport, one sh:ValidationResult per
    violation) of these violations, as pyshacl would write it, with lexkb's prefixes."""
    from rdflib import BNode, Literal
    from rdflib.util import from_n3

    from .namespaces import PREFIXES

    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    g.bind("sh", SH)
    report = BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(not violations)))
    for v in violations:
        focus, path, value, shape, component, severity = (from_n3(t) if t else None for t in v.terms)
        result = BNode()
        g.add((report, SH.result, result))
        g.add((result, RDF.type, SH.ValidationResult))
        g.add((result, SH.focusNode, focus))
        g.add((result, SH.resultSeverity, severity or SH.Violation))
        g.add((result, SH.resultMessage, Literal(v.message)))
        if component is not None:
            g.add((result, SH.sourceConstraintComponent, component))
        if path is not None:
            g.add((result, SH.resultPath, path))
        if value is not None:
            g.add((result, SH.value, value))
        if shape is None:  # an anonymous property shape: described by its path
            shape = BNode()
            if path is not None:
                g.add((shape, SH.path, path))
        g.add((result, SH.sourceShape, shape))
    return g


def where_defined(violations: list[Violation], files: list[Path]) -> list[Violation]:
    """For a user's Turtle or N-Triples files: each violation without a `where` gets FILE:LINE of the
    first line that starts a statement about its focus node (by full IRI or by a prefixed name of
    the file's own @prefix lines), when one does."""
    import re
    from dataclasses import replace

    from rdflib.util import from_n3

    texts = []
    for f in files:
        if f.suffix.lower() not in (".ttl", ".nt"):
            continue
        try:
            lines = f.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        prefixes = dict(re.findall(r"^\s*@?prefix\s+([A-Za-z0-9_.-]*):\s*<([^>]*)>", "\n".join(lines), re.I | re.M))
        texts.append((f, lines, prefixes))
    out = []
    for v in violations:
        focus = from_n3(v.terms[0]) if v.terms and v.terms[0] else None
        if v.where is None and isinstance(focus, URIRef):
            for f, lines, prefixes in texts:
                tokens = [f"<{focus}>"] + [f"{p}:{focus[len(iri):]}" for p, iri in prefixes.items()
                                            if focus.startswith(iri) and re.fullmatch(r"[A-Za-z0-9_.-]*", focus[len(iri):])]
                hit = next((n for n, line in enumerate(lines, 1)
                            if any(line.lstrip().startswith(t) and line.lstrip()[len(t):len(t) + 1] in (" ", "\t", "")
                                   for t in tokens)), None)
                if hit is not None:
                    v = replace(v, where=f"{f}:{hit}")
                    break
        out.append(v)
    return out


@lru_cache(maxsize=256)
def _prepared(text: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


class _PreparedQueries(Graph):
    """The data graph, with each SPARQL query text parsed once. pyshacl runs a SPARQL-based constraint once per
    focus node with the same text (the node bound as $this), and rdflib parses a text on every call: 129 parses
    of 4 texts took 1.5 s of a 2.6 s validation."""

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def validate(data: Graph, shapes: Graph | None = None, sourcemap: dict[str, str] | None = None,
             meta_shacl: bool = False) -> list[Violation]:
    """Validate data against the shapes; return the violations (empty when it conforms)."""
    from pyshacl import validate as shacl_validate

    shapes = shapes if shapes is not None else load_shapes()
    prepared = _PreparedQueries(store=data.store, identifier=data.identifier, namespace_manager=data.namespace_manager)
    conforms, report, _ = shacl_validate(prepared, shacl_graph=shapes, inference="none",
                                         advanced=False, meta_shacl=meta_shacl, allow_warnings=False)
    if conforms:
        return []
    report.namespace_manager = data.namespace_manager
    for prefix, iri in shapes.namespaces():
        report.bind(prefix, iri, override=False)
    sourcemap = sourcemap or {}
    violations = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        severity = report.value(result, SH.resultSeverity)
        value = report.value(result, SH.value)
        shape = report.value(result, SH.sourceShape)
        component = report.value(result, SH.sourceConstraintComponent)
        violations.add(Violation(
            focus=_short(data, focus),
            path=_short(report, path) if path is not None else "-",
            message=messages[0] if messages else "violates a shape",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            where=sourcemap.get(str(focus)),
            value=_short(data, value) if value is not None and value != focus else None,
            shape=_shape_name(shapes, shape),
            component=_short(shapes, component) if component is not None else None,
            terms=tuple(t.n3() if t is not None and not (i in (1, 3) and not isinstance(t, URIRef)) else ""
                        for i, t in enumerate((focus, path, value, shape, component, severity))),
        ))
    return sorted(violations, key=lambda v: (v.where or "", v.focus, v.path, v.message, v.value or ""))


# ---------------------------------------------------------------- by partitions (lexkb.partition)

@dataclass
class PartitionedValidation:
    violations: list[Violation]
    triples: int  # distinct triples validated
    partitions: int
    batches: int
    jurisdictions: int
    whole: str | None  # why the graph was validated whole, when it was


_batch_context: dict = {}


def _start_batches(shapes_path: Path | None, sourcemap: dict[str, str] | None, bindings) -> None:
    """Per process: the shapes, parsed once, and what every batch's graph needs."""
    _batch_context.update(shapes=load_shapes(shapes_path) if shapes_path else load_shapes(),
                          sourcemap=sourcemap or {}, bindings=tuple(bindings))


def _rdflib_term(term):
    import pyoxigraph as ox
    from rdflib import BNode, Literal

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # RDF 1.1: a simple literal is an xsd:string; rdflib's parsers give it no datatype.
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    return BNode(term.value)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _add_ntriples(graph: Graph, data: bytes) -> None:
    import pyoxigraph as ox

    add, term = graph.add, _rdflib_term
    for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        add((term(q.subject), term(q.predicate), term(q.object)))


def _validate_batch(shared: bytes, own: bytes) -> tuple[list[Violation], int, int]:
    """One pyshacl run over the shared triples and a batch of partitions: the violations, the
    number of distinct shared triples and of the batch's own."""
    graph = Graph()
    for prefix, iri, override in _batch_context["bindings"]:
        graph.bind(prefix, iri, override=override)
    _add_ntriples(graph, shared)
    n_shared = len(graph)
    _add_ntriples(graph, own)
    violations = validate(graph, _batch_context["shapes"], _batch_context["sourcemap"])
    n_own = len(graph) - n_shared
    del graph
    gc.collect()  # the graph and pyshacl's report hold reference cycles: without this a worker grows batch by batch
    return violations, n_shared, n_own


def default_jobs() -> int:
    import os

    return min(2, os.cpu_count() or 1)


def validate_partitioned(partitioning, shapes_path: Path | None = None, sourcemap: dict[str, str] | None = None,
                         bindings=(), jobs: int | None = None, batch_triples: int | None = None,
                         progress=None) -> PartitionedValidation:
    """Validate a lexkb.partition.Partitioning batch by batch (the shared triples with each): the
    violations of the whole graph, de-duplicated and sorted as `validate` sorts them. bindings:
    (prefix, namespace IRI, override) bound in each batch's graph, as the whole graph would have
    them, so that nodes are written alike. jobs > 1 runs batches in that many processes.
    progress(batches done, batches, triples done) is called after each batch."""
    from .partition import BATCH_TRIPLES, batches as make_batches

    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise LexkbError(f"--jobs {jobs}: give a number of processes of at least 1")
    batches = list(make_batches(partitioning, batch_triples or BATCH_TRIPLES))
    found: set[Violation] = set()
    n_shared, n_own, done, done_triples = 0, 0, 0, 0

    def finished(result, batch) -> None:
        nonlocal n_shared, n_own, done, done_triples
        violations, n_shared, own = result
        found.update(violations)
        n_own += own
        done += 1
        done_triples += batch.triples
        if progress is not None:
            progress(done, len(batches), done_triples)

    if jobs == 1 or len(batches) == 1:
        _start_batches(shapes_path, sourcemap, bindings)
        for batch in batches:
            finished(_validate_batch(partitioning.shared, batch.data), batch)
    else:
        _validate_in_processes(partitioning.shared, batches, min(jobs, len(batches)), finished,
                               (shapes_path, sourcemap, tuple(bindings)))
    violations = sorted(found, key=lambda v: (v.where or "", v.focus, v.path, v.message, v.value or ""))
    return PartitionedValidation(violations, n_shared + n_own, len(partitioning.partitions), len(batches),
                                 partitioning.jurisdictions, partitioning.whole)


def _validate_in_processes(shared: bytes, batches: list, jobs: int, finished, context) -> None:
    """At most 2 x jobs batches handed out at a time, so that the parent holds few batches' data."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pending: dict = {}
    queue = iter(batches)
    # spawn: workers start without a copy of the parent, which holds the whole graph's triples
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_batches, initargs=context) as pool:
        try:
            while True:
                while len(pending) < 2 * jobs:
                    batch = next(queue, None)
                    if batch is None:
                        break
                    pending[pool.submit(_validate_batch, shared, batch.data)] = batch
                if not pending:
                    break
                ready, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in ready:
                    finished(future.result(), pending.pop(future))
        except BrokenProcessPool as exc:
            raise LexkbError(f"a validation process ended abnormally ({exc}); try --jobs 1") from None
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
