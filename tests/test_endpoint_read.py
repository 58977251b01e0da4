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


# Each read, with what it must print, stated from the sources (CRC/C/OPSC/MEX/Q/1/Add.1, paras. 44-51, and
# the CPF's DOF 28-11-2025 edition) and not from another run of lexkb: the exit code and fragments of
# stdout + stderr.
READS = [
    # CPF 203: "de siete a doce años de prisión y de ochocientos a dos mil días multa"; para. 47: "7 and 12 years' …"
    (("penalty", "203"), 0, ["penalty under CPF art. 203:\n    source        the statute: Código Penal Federal (Última "
                             "reforma publicada DOF 28-11-2025), art. 203; version of 2007-03-27\n    imprisonment  7–12 "
                             "years\n    fine          800–2,000 días multa",
                             "penalty under CPF art. 203:\n    source        the State's report: CRC/C/OPSC/MEX/Q/1/Add.1, "
                             "para. 47\n    imprisonment  7–12 years\n    fine          800–2,000 days of minimum wage"]),
    (("penalty", "203 bis"), 0, ["imprisonment  12–16 years\n    fine          2,000–3,000 days of minimum wage"]),
    (("penalty", "Article 206"), 0, ["imprisonment  2–9 years\n    fine          50–500 days of minimum wage"]),
    # abrogated on 2012-06-14: no LPSTP penalty; General Law art. 10 (2012: "de 5 a 15 años de prisión y de un mil a
    # veinte mil días multa") by lexkb's reading of succession
    (("penalty", "LPSTP 6", "--on", "2013-01-01", "--format", "md"), 0,
     ["| offence | offence_es | provision | condition | basis | source | valid_from | valid_until | imprisonment_min | "
      "imprisonment_max | fine_min | fine_max | fine_unit |", "|---|",
      "| General Law on trafficking (2012) art. 10 |  | statute | Ley General para Prevenir, Sancionar y Erradicar los "
      "Delitos en Materia de Trata de Personas y para la Protección y Asistencia a las Víctimas de estos Delitos (Última "
      "reforma publicada DOF 05-04-2023), art. 10 | 2012-06-14 | 2024-06-07 | 5 | 15 | 1,000 | 20,000 | dia-multa |"]),
    (("penalty", "trata", "--with", "victim-over-60", "--format", "json"), 0,
     ['"effective_imprisonment_years": [\n            9,\n            18\n', '"effective_imprisonment_years": [\n            13.5,\n            27\n',
      '"effective_fine_days_wage": [\n            1125,\n            3375\n']),
    # CPF 206 bis: "Comete el delito de lenocinio"; 206: "de dos a nueve años y de cincuenta a quinientos días multa"
    (("penalty", "lenocinio", "--format", "csv"), 0,
     ['procurement for prostitution,lenocinio,CPF art. 206,,statute,"Código Penal Federal (Última reforma publicada DOF '
      '28-11-2025), art. 206",2007-03-27,,2,9,50,500,dia-multa,']),
    (("penalty", "tourism"), 1, ["  sexual-tourism                   sexual tourism (CPF art. 203)\n",
                                 "lexkb: error: 'tourism' matches 3 offences; be more specific\n"]),
    (("penalty", "no such offence xyz"), 1, ["lexkb: error: no offence matches 'no such offence xyz'"]),
    # "Artículo 205. Derogado." … "Derogado DOF 27-11-2007"
    (("penalty", "CPF 205"), 1, ["lexkb: error: CPF art. 205 was repealed by a decree published on 2007-11-27 ('Derogado', "
                                 "Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. 205): it defines no "
                                 "offence\n"]),
    (("show", "CPF 204"), 0, ["  penalty CPF art. 204: imprisonment 8–15 years, fine 1,000–2,000 days of minimum wage\n"]),
    (("show", "LPSTP 6"), 0, ["  penalty LPSTP art. 6 I: imprisonment 6–12 years, fine 500–1,500 days of minimum wage\n",
                              "of offering resistance): imprisonment 9–18 years, fine 750–2,250 days of minimum wage\n"]),
    (("show", "OPSC 3(1)(b)", "--format", "json"), 0, ['"text_kind": "description (not the treaty text)"']),
    (("table", "penalties"), 0, ["| CPF | 203 | sexual tourism |", "| statute | from 2007-03-27 (no later change in the "
                                 "editions) | 7–12 | 800–2,000 | días multa |",
                                 "| State's report (2010) | as reported by the State in 2010 | 7–12 | 800–2,000 | days of "
                                 "minimum wage |", "| 9–18 | 750–2,250 |", "| 13.5–27 | 1,125–3,375 |"]),
    # the longest maximum first: General Law art. 35, "de 12 a 50 años de prisión"
    (("table", "penalties", "--format", "json", "--sort", "imprisonment-max", "--reverse"), 0,
     ['"article": "35"']),
    (("table", "minors-vs-adults", "--format", "csv"), 0,
     # CPF 206: 2 to 9 years, 50 to 500 días multa; 204: 8 to 15 years, 1,000 to 2,500 días multa
     ['procurement for prostitution,statute,from 2007-03-27 (no later change in the editions),"imprisonment, minimum",'
      'years,CPF art. 206,2,CPF art. 204,',
      'procurement for prostitution,statute,from 2007-03-27 (no later change in the editions),"fine, maximum",'
      'días multa,CPF art. 206,500,CPF art. 204,']),
    (("table", "opsc-coverage", "--gaps", "--lang", "es", "--format", "html"), 0, ["<table"]),
    (("table", "amendments", "--on", "2010-01-01", "--format", "tex"), 0,
     ["sexual tourism & CPF art. 203 & modelled & not in source & ruled out (victim under 18) & not in source & "
      "serious offence (victim under 18) & scope extended & not in source & not in source & not in source & para. 44 & "
      "decree-2010-compensation-class; decree-2010-procurement-of-minors; decree-2010-sexual-tourism \\\\"]),
    (("query", "penalties"), 0, ["CPF art. 203                               sexual tourism"]),
    (("query", "penalties", "--format", "json"), 0,
     ['"provision":{"type":"literal","value":"CPF art. 209 bis"},"offence":{"type":"literal","value":"pederasty","xml:lang":"en"},'
      '"prison_min":{"type":"literal","value":"9","datatype":"http://www.w3.org/2001/XMLSchema#decimal"},'
      '"prison_max":{"type":"literal","value":"18","datatype":"http://www.w3.org/2001/XMLSchema#decimal"}']),
    (("query", "opsc-claims", "--format", "csv"), 0,
     ['CPF art. 206 bis,OPSC art. 2(a),"CRC/C/OPSC/MEX/Q/1/Add.1, para. 49; CRC/C/OPSC/MEX/Q/1/Add.1, para. 50",'
      'inferred-from-structure,"Para. 49 says the Federal Criminal Code as a whole defines']),
    (("query", "offence-by-name", "--bind", "name=trata", "--format", "tsv"), 0,
     ['"trafficking-in-persons"\t"trafficking in persons"@en\t"LPSTP art. 5"\t"LPSTP art. 6"\t"trata"']),
    (("validate",), 0, [" triples, 0 violation(s)\n"]),
    (("validate", "--format", "json"), 0, ['"conforms": true', '"violations": []']),
]


@pytest.mark.parametrize("args,code,fragments", READS, ids=[" ".join(a[0]) for a in READS])
def test_same_output_embedded_and_server(server, args, code, fragments):
    (lcode, lout, lerr), (rcode, rout, rerr) = both(server, *args)
    assert (rcode, rout, rerr) == (lcode, lout, lerr)
    assert lcode == code, lerr
    for fragment in fragments:
        assert fragment in lout + lerr, fragment


def test_sorted_table_from_the_server(server):
    """Maximum imprisonment, longest first, as the source prints them: 18 (CPF 209 bis, LPSTP 6 II), 16 (CPF 203 bis),
    15 (CPF 204), 12 (CPF 203, LPSTP 6 I), 9 (CPF 206)."""
    import json

    code, out, err = run_lexkb("table", "penalties", "--format", "json", "--sort", "imprisonment-max", "--reverse",
                               "--endpoint", server.query_url)
    assert code == 0, err
    rows = json.loads(out)["rows"]
    report = [r for r in rows if r["basis"] == "state-report"]
    assert [r["imprisonment_years"][1] for r in report] == [18, 18, 16, 15, 12, 12, 9]
    assert [r["article"] for r in report][2:4] == ["203 bis", "204"] and report[-1]["article"] == "206"
    # the statute's longest: General Law art. 35, "de 12 a 50 años de prisión" (victims named in its second paragraph)
    assert (rows[0]["article"], rows[0]["imprisonment_years"]) == ("35", [12, 50])


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


def test_a_server_whose_port_is_taken_starts_on_another(tmp_path, monkeypatch):
    """free_port() cannot hold the port it found: when another process takes it first, the server
    fixture starts the server again on another port instead of failing (or talking to a stranger)."""
    import socket

    import endpoint_server

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    offered = iter([port])
    real = endpoint_server.free_port
    monkeypatch.setattr(endpoint_server, "free_port", lambda: next(offered, None) or real())
    srv = endpoint_server.OxigraphServer(tmp_path / "data")
    try:
        assert srv.port != port
        assert srv.ask("ASK {}") is True
    finally:
        srv.stop()
        taken.close()
