"""Every read command gives the same bytes against a second, independent SPARQL server (Comunica,
another engine in another ecosystem) as against the embedded store, as tests/test_endpoint_read.py
checks for Oxigraph. Comunica serves a file and ignores default-graph-uri, so two servers hold what
the embedded store reads: the knowledge base alone, and the knowledge base with the statistics graph
(what `lexkb query` and `report` read)."""
from __future__ import annotations

import pytest

from comunica_server import ComunicaServer
from conftest import ROOT, run_lexkb
from lexkb.tables import TABLES

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
    ("table", "penalties", "--lang", "es", "--format", "json", "--sort", "aggravated-fine-max"),
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
]
# every table, in its default format, from the server holding what the embedded store reads for it
# (the enforcement table reads the statistics graph too); no table is left out
STATISTICS_TABLES = {"enforcement"}
KB_READS += [("table", name) for name in TABLES if name not in STATISTICS_TABLES]
ALL_READS += [("table", name) for name in TABLES if name in STATISTICS_TABLES]


# Comunica 3 evaluates the table queries (nested OPTIONAL sub-SELECTs over the statute-era knowledge
# base, 8,543 triples) and `query penalties` in more than the 120 s a test allows (measured on
# 2026-11-30: `table penalties` over 250 s, `table minors-vs-adults` over 300 s; Oxigraph answers each in
# under 0.2 s). They run when LEXKB_COMUNICA_SLOW=1; `report --endpoint` (below) still renders every
# table from Comunica's data, through its one-snapshot copy.
SLOW_ON_COMUNICA = {("table", "penalties", "--lang", "es", "--format", "json", "--sort", "aggravated-fine-max"),
                    ("table", "minors-vs-adults", "--format", "csv"),
                    ("table", "amendments", "--on", "2010-01-01", "--format", "tex"),
                    ("query", "penalties"), ("query", "penalties", "--format", "json"),
                    ("table", "penalties"), ("table", "minors-vs-adults"), ("table", "amendments")}


def same(server, args):
    import os

    if args in SLOW_ON_COMUNICA and os.environ.get("LEXKB_COMUNICA_SLOW") != "1":
        pytest.skip("slower than a test's 120 s on Comunica 3: run with LEXKB_COMUNICA_SLOW=1")
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


# ---------------------------------------------------------------- queries Comunica 3 parses alike
# Comunica 3's SPARQL parser (sparqlalgebrajs 4) names the hidden middle node of a sequence path
# (`?a p/q ?b`) ?var0, ?var1, … and restarts that numbering after each sub-SELECT it translates, so
# two sequence paths in one query level that holds a sub-SELECT can get the same hidden name and be
# joined on it. That is how `table penalties` lost LPSTP art. 6's aggravating factors on Comunica:
# `?rule lexkb:prescribedBy/rdfs:label ?ruleProvision` and `?factor lexkb:prescribedBy/rdfs:label
# ?factorProvision` shared ?var2, which held only where a rule and its factor cite the same provision
# (CPF 209 bis), not LPSTP 6 III and 6 III(a)/(b). The same query with the middle node named is
# standard SPARQL with the same answers on every engine; these tests keep every query lexkb sends to
# a store written that way.

def query_levels(text: str) -> list[dict]:
    """For the query and each sub-SELECT in it: whether it holds a sub-SELECT itself, and how many
    sequence paths it has outside its sub-SELECTs."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    from lexkb.store import PROLOGUE

    levels = [{"sub": False, "seq": 0}]

    def walk(node, level):
        if isinstance(node, CompValue):
            if node.name == "SubSelect":
                level["sub"] = True
                levels.append({"sub": False, "seq": 0})
                level = levels[-1]
            elif node.name == "PathSequence" and len(node.part) > 1:
                level["seq"] += 1
            for value in node.values():
                walk(value, level)
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
            for value in node:
                walk(value, level)

    walk(parseQuery(PROLOGUE + text), levels[0])
    return levels


def shared_hidden_names(text: str) -> bool:
    return any(level["sub"] and level["seq"] for level in query_levels(text))


def sent_queries() -> dict[str, str]:
    """Every query lexkb sends to a store (embedded or --endpoint): the shipped .rq files and the
    Q_* constants of the library (Q_NAME_CANDIDATES filled in as lexkb.remote_lookup fills it)."""
    import importlib
    import pkgutil

    import lexkb
    from lexkb import paths

    out = {p.name: p.read_text(encoding="utf-8") for p in sorted(paths.QUERIES.glob("*.rq"))}
    for info in pkgutil.walk_packages(lexkb.__path__, "lexkb."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("Q_") and isinstance(value, str) and getattr(module, "__name__", "") == info.name:
                if name == "Q_NAME_CANDIDATES":
                    value = value.replace("WORDS", "CONTAINS(LCASE(STR(?name)), ?w0)").replace("NAME", "skos:prefLabel")
                out[f"{info.name}.{name}"] = value
    return out


def test_the_check_finds_the_shape_that_lost_the_factors():
    before = """SELECT ?penalty ?factorId WHERE {
      ?penalty a lexkb:Penalty .
      OPTIONAL { SELECT ?penalty (GROUP_CONCAT(?s) AS ?sources) WHERE { ?penalty dcterms:source/rdfs:label ?s } GROUP BY ?penalty }
      OPTIONAL { ?rule lexkb:aggravates ?penalty ; lexkb:prescribedBy/rdfs:label ?ruleProvision .
                 ?factor lexkb:triggers ?rule ; dcterms:identifier ?factorId ; lexkb:prescribedBy/rdfs:label ?factorProvision } }"""
    after = before.replace("lexkb:prescribedBy/rdfs:label ?ruleProvision", "lexkb:prescribedBy ?rp . ?rp rdfs:label ?ruleProvision") \
                  .replace("lexkb:prescribedBy/rdfs:label ?factorProvision", "lexkb:prescribedBy ?fp . ?fp rdfs:label ?factorProvision")
    assert [level["seq"] for level in query_levels(before)] == [2, 1]
    assert shared_hidden_names(before)
    assert [level["seq"] for level in query_levels(after)] == [0, 1]  # a path inside a sub-SELECT alone is safe
    assert not shared_hidden_names(after)


def test_no_query_joins_on_a_hidden_name():
    queries = sent_queries()
    assert len(queries) > 40 and "table-penalties.rq" in queries and "lexkb.remote_lookup.Q_ARTICLES_IN" in queries
    assert [name for name, text in queries.items() if shared_hidden_names(text)] == []
