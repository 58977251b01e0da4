"""lexkb.stats: the source's enforcement and protection statistics as W3C Data Cube datasets.

- compile_statistics(statistics_dir) -> rdflib.Graph: datasets, structures, code lists, observations
  (each with dcterms:source, its paragraph) and the consistency checks of every printed total.
- load(statistics_dir) -> datasets by slug; flagged(datasets) -> the inconsistencies of the source.
- investigations_by_offence(): counts of investigations per offence, for `lexkb table enforcement`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .checks import Check, all_checks, flagged
from .enforcement import investigations_by_offence
from .graph import build_graph
from .model import Dataset
from .source import StatsError, read_statistics

from .. import paths  # honours LEXKB_HOME, and reads the shipped copies from a wheel

STATISTICS_DIR = paths.STATISTICS
ONTOLOGY = paths.ONTOLOGY / "statistics.ttl"
GENERATED = paths.GENERATED / "statistics.ttl"

__all__ = ["Check", "Dataset", "StatsError", "compile_statistics", "flagged", "investigations_by_offence",
           "load", "serialise", "write_atomically", "write_graph", "GENERATED", "STATISTICS_DIR"]


def load(statistics_dir: Path = STATISTICS_DIR) -> dict[str, Dataset]:
    return _load(Path(statistics_dir).resolve())


@lru_cache(maxsize=8)
def _load(statistics_dir: Path) -> dict[str, Dataset]:
    return read_statistics(statistics_dir)


def compile_statistics(statistics_dir: Path = STATISTICS_DIR) -> Graph:
    """The qb: graph of every dataset in statistics_dir, with the term definitions of
    ontology/statistics.ttl (the Data Cube integrity checks need them)."""
    datasets = load(statistics_dir)
    try:
        return build_graph(datasets, all_checks(datasets), ONTOLOGY)
    except ValueError as exc:
        raise StatsError(str(exc)) from None


def serialise(graph: Graph) -> str:
    """Turtle, the same text for the same graph (lexkb.turtle: sorted triples, no blank nodes)."""
    from ..turtle import serialize

    return serialize(graph).decode("utf-8")


def write_atomically(path: Path, data: str | bytes) -> None:
    """lexkb.atomic.write_file, the one writer of output files (umask honoured, devices written through)."""
    from ..atomic import write_file

    write_file(path, data)


def write_graph(path: Path = GENERATED, statistics_dir: Path = STATISTICS_DIR) -> int:
    """Compile and write the graph as Turtle (atomically); returns the number of triples."""
    graph = compile_statistics(statistics_dir)
    write_atomically(path, serialise(graph))
    return len(graph)
