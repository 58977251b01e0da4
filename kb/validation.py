"""SHACL validation of a knowledge base graph, with violations mapped back to provision files."""
from __future__ import annotations

from dataclasses import dataclass, asdict
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
    where: str | None  # "provisions/cpf/203.md:12" where the node came from, if known
    value: str | None = None

    def line(self) -> str:
        location = f"{self.where}: " if self.where else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{location}{self.focus} {self.path}: {self.message}{value}"

    def as_dict(self) -> dict:
        return asdict(self)


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


def validate(data: Graph, shapes: Graph | None = None, sourcemap: dict[str, str] | None = None,
             meta_shacl: bool = False) -> list[Violation]:
    """Validate data against the shapes; return the violations (empty when it conforms)."""
    from pyshacl import validate as shacl_validate

    shapes = shapes if shapes is not None else load_shapes()
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none",
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
        violations.add(Violation(
            focus=_short(data, focus),
            path=_short(report, path) if path is not None else "-",
            message=messages[0] if messages else "violates a shape",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            where=sourcemap.get(str(focus)),
            value=_short(data, value) if value is not None and value != focus else None,
        ))
    return sorted(violations, key=lambda v: (v.where or "", v.focus, v.path, v.message, v.value or ""))
