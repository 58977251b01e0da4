"""`lexkb load --store DIR` and the read commands' --store DIR / LEXKB_STORE: a persistent pyoxigraph
store opened read-only answers as the shipped knowledge base does, byte for byte."""
import pytest

from conftest import run_lexkb


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    location = tmp_path_factory.mktemp("store") / "db"
    code, out, err = run_lexkb("load", "--store", str(location))
    assert code == 0, err
    lines = err.splitlines()
    assert lines[0].startswith("loading ") and lines[0].endswith("lexkb.ttl (1/2)")
    assert lines[1].endswith("statistics.ttl (2/2)")
    assert lines[-1].startswith(f"read ") and f"into {location} in " in lines[-1]
    return location


@pytest.mark.parametrize("args", [
    ("penalty", "203"), ("penalty", "tourism", "-f", "json"), ("penalty", "trata", "--with", "victim-over-60"),
    ("show", "CPF 204"), ("show", "OPSC 3(1)(b)", "-f", "json"),
    ("table", "penalties"), ("table", "minors-vs-adults", "-f", "csv"), ("table", "opsc-coverage", "-f", "json"),
    ("table", "amendments"), ("table", "enforcement"),
    ("query", "penalties", "-f", "csv"), ("query", "opsc-claims"),
    ("validate",),
])
def test_a_store_answers_as_the_shipped_knowledge_base(store, args):
    assert run_lexkb(*args, "--store", str(store)) == run_lexkb(*args)
    assert run_lexkb(*args, env={"LEXKB_STORE": str(store)}) == run_lexkb(*args)


def test_statistics_are_read_once(store):
    """The statistics graph leaves out what the law's graph holds, so a query over both counts each
    triple once (as the in-memory store does)."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_lexkb("query", "-", "--store", str(store), input=count) == run_lexkb("query", "-", input=count)


def test_store_errors_are_one_line(tmp_path, store):
    missing = tmp_path / "none"
    code, out, err = run_lexkb("penalty", "203", "--store", str(missing))
    assert (code, out) == (2, "")
    assert err == f"lexkb: error: --store {missing}: no such folder (create one with 'lexkb load FILE... --store DIR')\n"
    code, _, err = run_lexkb("table", "penalties", "--store", str(store), "--endpoint", "http://127.0.0.1:9/query")
    assert (code, err) == (2, "lexkb: error: give either --store or --endpoint (LEXKB_STORE or LEXKB_ENDPOINT), not both\n")
    code, _, err = run_lexkb("load")
    assert (code, err) == (2, "lexkb: error: --store DIR (or LEXKB_STORE) is required: the folder of the store to load into\n")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <x#> .\n:a :b", encoding="utf-8")
    code, _, err = run_lexkb("load", str(bad), "--store", str(tmp_path / "db"))
    assert code == 2 and err.splitlines()[-1].startswith(f"lexkb: error: {bad}: cannot parse")


def test_load_files_and_progress(tmp_path, monkeypatch):
    from pathlib import Path

    from lexkb import persistent

    nt = tmp_path / "kb.nt"
    nt.write_text("".join(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n" for i in range(2500)),
                  encoding="utf-8")
    monkeypatch.setattr(persistent, "PROGRESS_EVERY", 1000)
    said = []
    assert persistent.load([nt], tmp_path / "db", said.append) == 2500
    assert said[:3] == [f"loading {nt} (1/1)", said[1], said[2]]
    assert said[1].startswith("  1,000 triples from kb.nt (") and said[2].startswith("  2,000 triples from kb.nt (")
    store = persistent.EmbeddedStore(tmp_path / "db")
    assert sum(1 for _ in store.graph_triples()) == 2500
