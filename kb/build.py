"""Building the knowledge base: compile provisions/, validate, write kb/generated/ atomically."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from . import paths
from .compiler import Compiler
from .errors import LexkbError


def provision_files(provisions_dir: Path) -> list[tuple[Path, str]]:
    if not provisions_dir.is_dir():
        raise LexkbError(f"{provisions_dir}: provisions folder not found")
    root = provisions_dir.parent
    files = sorted(p for p in provisions_dir.rglob("*.md") if p.name != "README.md")
    return [(p, str(p.relative_to(root))) for p in files]


def load_vocabulary(ontology_dir: Path) -> Graph:
    g = Graph()
    for name in paths.VOCABULARY_FILES:
        path = ontology_dir / name
        try:
            g.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many types; the user needs file and reason
            raise LexkbError(f"{path}: cannot parse Turtle: {' '.join(str(exc).split())}") from None
    return g


@dataclass
class Compiled:
    graph: Graph
    sourcemap: dict[str, str]


def compile_kb(provisions_dir: Path = paths.PROVISIONS, ontology_dir: Path = paths.ONTOLOGY) -> Compiled:
    vocabulary = load_vocabulary(ontology_dir)
    compiler = Compiler(provisions_dir)
    graph = compiler.compile(provision_files(provisions_dir), vocabulary)
    graph += vocabulary
    return Compiled(graph, compiler.sourcemap)


def write_atomically(target: Path, data: bytes) -> None:
    """Kept for callers of the old name: lexkb.atomic.write_file is the one writer."""
    from .atomic import write_file

    write_file(target, data)


def serialize_turtle(graph: Graph, written=None) -> bytes:
    from .turtle import serialize

    return serialize(graph, written)


def dump_json(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
