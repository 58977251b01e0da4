"""Every read command gives the same bytes against a second, independent SPARQL server (Comunica,
another engine in another ecosystem) as against the embedded store, as tests/test_endpoint_read.py
checks for Oxigraph. Comunica serves a file and ignores default-graph-uri, so two servers hold what
the embedded store reads: the knowledge base alone, and the knowledge base with the statistics graph
(what `lexkb query` and `report` read)."""
from __future__ import annotations

import pytest

from comunica_server import ComunicaServer
from conftest import ROOT, run_lexkb

TIMEOUT = "300"  # Comunica evaluates in JavaScript, on a machine shared by several test runs


@pytest.fixture(scope="session")
def comunica_kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("comunica-kb")
    server = ComunicaServer(ROOT / "kb" / "generated" / "lexkb.ttl", folder / "comunica.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def comunica_all(tmp_path_factory):
    folder = tmp_path_factory.mktemp("comunica-all")
    data = folder / "all.ttl"
    data.write_bytes((ROOT / "kb/generated/lexkb.ttl").read_bytes() + b"\n" +
                     (ROOT / "kb/generated/statistics.ttl").read_bytes())
    server = ComunicaServer(data, folder / "comunica.log")
    yield server
    server.stop()


KB_READS = [
    ("penalty", "203"),
    ("penalty", "203 bis"),
    ("penalty", "Article 206"),
    ("penalty", "LPSTP 6", "--on", "2013-01-01", "--format", "md"),
    ("penalty", "trata", "--with", "victim-over-60", "--format", "json"),
    ("penalty", "lenocinio", "--format", "csv"),
    ("penalty", "tourism"),
    ("penalty", "no such offence xyz"),
    ("penalty", "CPF 205"),
    ("show", "CPF 204"),
    ("show", "LPSTP 6"),
    ("show", "OPSC 3(1)(b)", "--format", "json"),
    ("table", "minors-vs-adults", "--format", "csv"),
    ("table", "opsc-coverage", "--gaps", "--lang", "es", "--format", "html"),
    ("table", "amendments", "--on", "2010-01-01", "--format", "tex"),
    ("validate",),
    ("validate", "--format", "json"),
]
ALL_READS = [
    ("query", "penalties"),
    ("query", "penalties", "--format", "json"),
    ("query", "offence-by-name", "--bind", "name=trata", "--format", "tsv"),
    ("table", "enforcement"),
]


def same(server, args):
    local = run_lexkb(*args)
    remote = run_lexkb(*args, "--endpoint", server.query_url, "--timeout", TIMEOUT)
    assert remote == local
    assert local[1] or local[2]


@pytest.mark.parametrize("args", KB_READS, ids=[" ".join(a) for a in KB_READS])
def test_same_bytes_from_comunica_as_embedded(comunica_kb, args):
    same(comunica_kb, args)


@pytest.mark.parametrize("args", ALL_READS, ids=[" ".join(a) for a in ALL_READS])
def test_same_bytes_from_comunica_with_statistics(comunica_all, args):
    same(comunica_all, args)


def test_grouped_claims_same_rows_and_parts(comunica_all):
    """opsc-claims concatenates paragraphs (GROUP_CONCAT), whose order SPARQL leaves unspecified, and
    Comunica does not keep the order of the subquery: the same rows, each cell the same parts."""
    import csv
    import io

    args = ("query", "opsc-claims", "--format", "csv")
    (lcode, lout, lerr), (rcode, rout, rerr) = run_lexkb(*args), run_lexkb(*args, "--endpoint", comunica_all.query_url,
                                                                          "--timeout", TIMEOUT)
    assert (rcode, rerr) == (lcode, lerr) == (0, "")

    def cells(text):
        return sorted(tuple(tuple(sorted(cell.split("; "))) for cell in row) for row in csv.reader(io.StringIO(text)))

    assert cells(rout) == cells(lout) and len(cells(lout)) > 10


def test_report_same_folder(comunica_all, tmp_path):
    assert run_lexkb("report", "-o", str(tmp_path / "local"))[0] == 0
    code, _, err = run_lexkb("report", "-o", str(tmp_path / "remote"), "--endpoint", comunica_all.query_url,
                             "--timeout", TIMEOUT)
    assert code == 0, err
    files = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "remote") for p in (tmp_path / "remote").rglob("*") if p.is_file())
    for f in files:
        assert (tmp_path / "local" / f).read_bytes() == (tmp_path / "remote" / f).read_bytes(), f
