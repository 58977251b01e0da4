import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def compiled():
    from lexkb.build import compile_kb

    return compile_kb()


@pytest.fixture(scope="session")
def shapes():
    from lexkb.validation import load_shapes

    return load_shapes()


@pytest.fixture
def kb_graph(compiled):
    """A fresh copy of the compiled knowledge base graph, safe to break."""
    from rdflib import Graph

    g = Graph()
    for prefix, ns in compiled.graph.namespaces():
        g.bind(prefix, ns)
    for t in compiled.graph:
        g.add(t)
    return g


@pytest.fixture(scope="session")
def index():
    from lexkb.kbfile import load_index

    return load_index()


@pytest.fixture
def provisions_copy(tmp_path):
    """A writable copy of provisions/ (with the source document) in tmp_path/provisions."""
    target = tmp_path / "provisions"
    shutil.copytree(ROOT / "provisions", target)
    return target


def run_lexkb(*args, env=None, input=None):
    """Run the installed console command in a new process: exit code, stdout, stderr."""
    exe = Path(sys.executable).parent / "lexkb"
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, env=full_env, input=input,
                          cwd=ROOT, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def assert_statistics_facts(turtle: str) -> int:
    """Facts of the statistics graph stated from the source (CRC/C/OPSC/MEX/Q/1/Add.1, para. 5, table
    "2007 Adoptions": Baja California 87 national, 7 intercountry, 94 in all; Baja California Sur
    "No data"), checked in Turtle that lexkb wrote; returns its number of triples."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, XSD

    lexkb = Namespace("https://w3id.org/lexkb/ontology#")
    obs = "https://w3id.org/lexkb/id/mx/stats/obs/adoptions/2007/"
    g = Graph().parse(data=turtle, format="turtle")
    for row, column, value in [("baja-california", "national", 87), ("baja-california", "intercountry", 7),
                               ("baja-california", "total", 94)]:
        node = URIRef(f"{obs}{row}/{column}")
        assert g.value(node, lexkb.adoptions).toPython() == value, (row, column)
        assert is_string(g.value(node, lexkb.printedValue), str(value))
        assert g.value(node, DCTERMS.source) == URIRef("https://w3id.org/lexkb/source/CRC-C-OPSC-MEX-Q-1-Add.1/para-5")
    no_data = URIRef(f"{obs}baja-california-sur/national")
    assert g.value(no_data, lexkb.adoptions) == URIRef("https://w3id.org/lexkb/concept/stats-cell/no-data")
    assert is_string(g.value(no_data, lexkb.printedValue), "No data")
    return len(g)


def is_string(term, text: str) -> bool:
    """An xsd:string literal of that text: in RDF 1.1 '"87"' and '"87"^^xsd:string' are one literal, which rdflib
    parses as two (lexkb writes the first, the short form)."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    return (isinstance(term, Literal) and str(term) == text and term.language is None
            and term.datatype in (None, XSD.string))


@pytest.fixture(scope="session")
def library():
    """The source documents as provisions/instruments/sources.md declares them (lexkb.sources.Library)."""
    from lexkb.literate import read_blocks
    from lexkb.sources import Library

    lib = Library(ROOT / "provisions")
    for b in read_blocks(ROOT / "provisions" / "instruments" / "sources.md", "provisions/instruments/sources.md"):
        if "layout" in b.data:
            lib.declare_layout(b.data["layout"], b)
        if "document" in b.data:
            lib.declare(b.data["document"], b)
    return lib
