"""Every read command gives the same output against a real SPARQL server (Oxigraph, started here on
127.0.0.1) as against the embedded store; `lexkb publish` loads and replaces the named graph."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_lexkb
from endpoint_server import OxigraphServer

GRAPH = "https://w3id.org/lexkb/graph/mx"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oxigraph")
    srv = OxigraphServer(folder / "data")
    try:
        code, out, err = run_lexkb("publish", "--endpoint", srv.query_url)
        assert code == 0, err
        yield srv
    finally:
        srv.stop()


def both(server, *args, env=None):
    local = run_lexkb(*args, env=env)
    remote = run_lexkb(*args, "--endpoint", server.query_url, env=env)
    return local, remote


READS = [
    ("penalty", "203"),
    ("penalty", "203 bis"),
    ("penalty", "Article 206"),
    ("penalty", "LPSTP 6", "--on", "2013-01-01", "--format", "md"),
    ("penalty", "trata", "--with", "victim-over-60", "--format", "json"),
    ("penalty", "lenocinio", "--format", "csv"),
    ("penalty", "tourism"),                      # ambiguous: exit 1, candidates on stderr
    ("penalty", "no such offence xyz"),          # nothing: exit 1, suggestions
    ("penalty", "CPF 205"),                      # not in source
    ("show", "CPF 204"),
    ("show", "LPSTP 6"),
    ("show", "OPSC 3(1)(b)", "--format", "json"),
    ("table", "penalties"),
    ("table", "penalties", "--format", "json", "--sort", "imprisonment-max", "--reverse"),
    ("table", "minors-vs-adults", "--format", "csv"),
    ("table", "opsc-coverage", "--gaps", "--lang", "es", "--format", "html"),
    ("table", "amendments", "--on", "2010-01-01", "--format", "tex"),
    ("query", "penalties"),
    ("query", "penalties", "--format", "json"),
    ("query", "opsc-claims", "--format", "csv"),
    ("query", "offence-by-name", "--bind", "name=trata", "--format", "tsv"),
    ("validate",),
    ("validate", "--format", "json"),
]


@pytest.mark.parametrize("args", READS, ids=[" ".join(a) for a in READS])
def test_same_output_embedded_and_server(server, args):
    (lcode, lout, lerr), (rcode, rout, rerr) = both(server, *args)
    assert (rcode, rout, rerr) == (lcode, lout, lerr)
    assert lout or lerr


# SPARQL leaves the order of GROUP_CONCAT (and of rows that tie in ORDER BY) unspecified, and the
# table queries do not fix it (`lexkb table` sorts in Python, and the tables are compared byte for
# byte above): compare their rows, and each cell's parts, as multisets.
def unordered(name: str) -> bool:
    return name.startswith("table-")


def _cells(results_json: str):
    import json
    import re

    rows = json.loads(results_json)["results"]["bindings"]
    return sorted(sorted((name, tuple(sorted(re.split(r" \| | ", term["value"])))) for name, term in row.items())
                  for row in rows)


def test_every_shipped_query_same(server):
    from lexkb.sparql import shipped_queries

    names = list(shipped_queries())
    assert len(names) >= 8
    for name in names:
        if name == "offence-by-name":
            continue
        if unordered(name):
            (lcode, lout, lerr), (rcode, rout, rerr) = both(server, "query", name, "--format", "json")
            assert (rcode, rerr) == (lcode, lerr) == (0, "") and _cells(rout) == _cells(lout), name
            continue
        (lcode, lout, lerr), (rcode, rout, rerr) = both(server, "query", name)
        assert (rcode, rout, rerr) == (lcode, lout, lerr), name


def test_construct_ask_and_statistics_graph(server):
    construct = "CONSTRUCT { ?o a <https://w3id.org/lexkb/ontology#Offence> } WHERE { ?o a <https://w3id.org/lexkb/ontology#Offence> } ORDER BY ?o"
    for fmt in ("ttl", "nt"):
        local = run_lexkb("query", "-", "--format", fmt, input=construct)
        remote = run_lexkb("query", "-", "--format", fmt, "--endpoint", server.query_url, input=construct)
        assert remote == local and local[0] == 0
    # the embedded query store holds the statistics graph too; publish put it in GRAPH/statistics
    # publish leaves out of GRAPH/statistics what GRAPH holds, so the union of both is their merge
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    local = run_lexkb("query", "-", input=count)
    remote = run_lexkb("query", "-", "--endpoint", server.query_url, input=count)
    assert remote == local and int(local[1].split()[2]) > 0
    ask = run_lexkb("query", "-", "--endpoint", server.query_url, input="ASK { ?s a <https://w3id.org/lexkb/ontology#Offence> }")
    assert ask[:2] == (0, "true\n")


def test_query_errors_same_without_a_request(server):
    for text in ("SELEC nothing", "INSERT DATA { <a:b> <a:b> <a:c> }"):
        local = run_lexkb("query", "-", input=text)
        remote = run_lexkb("query", "-", "--endpoint", server.query_url, input=text)
        assert remote == local and local[0] == 2
    assert server.ask("ASK { <a:b> ?p ?o }", GRAPH) is False


def test_report_same_folder(server, tmp_path):
    assert run_lexkb("report", "-o", str(tmp_path / "local"))[0] == 0
    code, _, err = run_lexkb("report", "-o", str(tmp_path / "remote"), "--endpoint", server.query_url)
    assert code == 0, err
    local = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*") if p.is_file())
    remote = sorted(p.relative_to(tmp_path / "remote") for p in (tmp_path / "remote").rglob("*") if p.is_file())
    assert local == remote and len(local) > 10
    for rel in local:
        assert (tmp_path / "remote" / rel).read_bytes() == (tmp_path / "local" / rel).read_bytes(), rel


def test_environment_variable_and_other_graph(server):
    local = run_lexkb("penalty", "204")
    assert run_lexkb("penalty", "204", env={"LEXKB_ENDPOINT": server.query_url}) == local
    other = "https://example.org/graph/copy"
    code, out, err = run_lexkb("publish", "--endpoint", server.query_url, "--graph", other, "--no-statistics")
    assert code == 0, err
    assert f"<{other}>" in out
    assert run_lexkb("penalty", "204", "--endpoint", server.query_url, "--graph", other) == local
    # the server's default graph is empty: nothing found there
    code, out, err = run_lexkb("penalty", "204", "--endpoint", server.query_url, "--graph", "")
    assert code == 1 and out == ""


def test_publish_replaces_the_graph(server):
    graph = "https://example.org/graph/replaced"
    assert run_lexkb("publish", "-q", "--endpoint", server.query_url, "--graph", graph, "--no-statistics")[0] == 0
    assert run_lexkb("publish", "-q", "--endpoint", server.query_url, "--graph", graph, "--no-statistics")[0] == 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    remote = run_lexkb("query", "-", "--format", "csv", "--endpoint", server.query_url, "--graph", graph, input=count)
    from rdflib import Graph

    n = len(Graph().parse(ROOT / "kb" / "generated" / "lexkb.ttl"))
    assert remote[1].split() == ["n", str(n)]  # twice published, once held: replaced, not added


def test_publish_refuses_a_graph_that_does_not_conform(server, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(ROOT / "ontology", home / "ontology")
    (home / "kb" / "generated").mkdir(parents=True)
    broken = (ROOT / "kb" / "generated" / "lexkb.ttl").read_text(encoding="utf-8")
    broken += "\n<https://w3id.org/lexkb/id/mx/offence/bogus> a <https://w3id.org/lexkb/ontology#Offence> .\n"
    (home / "kb" / "generated" / "lexkb.ttl").write_text(broken, encoding="utf-8")
    graph = "https://example.org/graph/refused"
    code, out, err = run_lexkb("publish", "--endpoint", server.query_url, "--graph", graph, env={"LEXKB_HOME": str(home)})
    assert code == 1
    assert "refusing to publish" in err and err.strip().splitlines()[-1].startswith("lexkb: error:")
    assert server.ask("ASK { ?s ?p ?o }", graph) is False


def test_publish_needs_an_endpoint():
    code, out, err = run_lexkb("publish", env={"LEXKB_ENDPOINT": ""})
    assert code == 2 and err.count("\n") == 1 and "--endpoint" in err
