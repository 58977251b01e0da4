"""Resource causes of issue 12: query size and nesting bounded before parsing (pyoxigraph crashed with
SIGSEGV), rows and time bounded (a cross product grew to 23 GB), --timeout a deadline for the whole
exchange, RDF input bounded in size and expansion."""
from __future__ import annotations

import time

import pytest

from conftest import run_lexkb

from .oneline import one_error

DEEP = [
    ("braces", "SELECT * WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000, "nested more than 64 deep"),
    ("parentheses", "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", "nested more than 64 deep"),
    ("union", "SELECT * WHERE {" + " UNION ".join(["{?s ?p ?o}"] * 60000) + "}", "characters; the limit is 100,000"),
    ("small union", "SELECT * WHERE {" + " UNION ".join(["{}"] * 10000) + "}", "more than 2,000 operators"),
    ("sum", "SELECT * WHERE { FILTER(" + "+".join(["1"] * 20000) + ") }", "more than 2,000 operators"),
]


@pytest.mark.parametrize("name, query, fragment", DEEP, ids=[d[0] for d in DEEP])
def test_deep_or_huge_queries_are_refused_before_parsing(fake, name, query, fragment):
    one_error(run_lexkb("query", "-", input=query), 2, "<stdin>", fragment)
    one_error(run_lexkb("query", "-", "--endpoint", f"{fake.url}/empty", input=query), 2, fragment)
    assert fake.hits() == 0


def test_query_limits_can_be_raised():
    query = "SELECT * WHERE " + "{" * 70 + "?s ?p ?o" + "}" * 70 + " LIMIT 1"
    one_error(run_lexkb("query", "-", input=query), 2, "LEXKB_QUERY_MAX_DEPTH")
    code, out, err = run_lexkb("query", "-", input=query, env={"LEXKB_QUERY_MAX_DEPTH": "80"})
    assert code == 0 and out.rstrip().endswith("(1 row)"), err


def test_a_cross_product_is_cut_at_the_row_limit_and_writes_nothing():
    start = time.monotonic()
    one_error(run_lexkb("query", "-", "-f", "json", input="SELECT * { ?a ?b ?c . ?d ?e ?f }"), 4,
              "the answer has more than 10,000 rows; nothing written (raise --limit")
    assert time.monotonic() - start < 30


def test_limit_option(fake):
    code, out, err = run_lexkb("query", "-", "--limit", "3", "-f", "csv", input="SELECT * { ?s ?p ?o } LIMIT 3")
    assert code == 0 and len(out.splitlines()) == 4, err
    one_error(run_lexkb("query", "-", "--limit", "2", input="SELECT * { ?s ?p ?o } LIMIT 3"), 4, "more than 2 rows")
    one_error(run_lexkb("query", "-", "--limit", "49", "--endpoint", f"{fake.url}/rows",
                        input="SELECT ?s { ?s ?p ?o }"), 4, "more than 49 rows")
    code, out, err = run_lexkb("query", "-", "--limit", "50", "--endpoint", f"{fake.url}/rows",
                               input="SELECT ?s { ?s ?p ?o }")
    assert code == 0 and out.rstrip().endswith("(50 rows)"), err


def test_embedded_query_stops_at_timeout():
    """A 1,500-step property path takes minutes to plan: stopped at --timeout, exit 3."""
    query = "SELECT * WHERE { ?s " + "/".join(["<http://example.org/p>"] * 1500) + " ?o }"
    start = time.monotonic()
    one_error(run_lexkb("query", "-", "--timeout", "2", input=query), 3, "no answer within 2 s (--timeout)")
    assert time.monotonic() - start < 15


def test_timeout_is_a_deadline_for_the_whole_exchange(fake):
    """A server sending one byte a second held `penalty --timeout 2` for 120 s, then a traceback."""
    start = time.monotonic()
    one_error(run_lexkb("penalty", "203", "--timeout", "2", "--endpoint", f"{fake.url}/dribble"), 3,
              "no answer within 2 s (--timeout)", "after 3 attempts")
    assert time.monotonic() - start < 15


def test_answer_size_is_bounded(fake):
    one_error(run_lexkb("query", "penalties", "--endpoint", f"{fake.url}/rows",
                        env={"LEXKB_MAX_ANSWER_BYTES": "1000"}), 3, "larger than 1,000 bytes (LEXKB_MAX_ANSWER_BYTES)")


def test_rdf_input_size_and_literal_limits(tmp_path):
    big = tmp_path / "big.nt"
    big.write_text('<http://a/s> <http://a/p> "' + "x" * (17 << 20) + '" .\n', encoding="utf-8")
    one_error(run_lexkb("validate", str(big)), 2, f"{big}: cannot parse as nt", stdout=None)
    small = tmp_path / "small.nt"
    small.write_text('<http://a/s> <http://a/p> "' + "x" * 2000 + '" .\n', encoding="utf-8")
    one_error(run_lexkb("validate", str(small), env={"LEXKB_MAX_LITERAL_BYTES": "1000"}), 2,
              "a literal of 2,000 characters; the limit is 1,000 (LEXKB_MAX_LITERAL_BYTES)", stdout=None)
    one_error(run_lexkb("validate", str(small), env={"LEXKB_MAX_INPUT_BYTES": "100"}), 2,
              "bytes; the limit for nt is 100 (LEXKB_MAX_INPUT_BYTES)", stdout=None)


def test_rdfxml_entity_expansion_is_bounded(tmp_path):
    """700 bytes expanding to 3 MB kept rdflib busy for 100 s."""
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY a "' + "x" * 60 + '">\n'
                    '<!ENTITY b "' + "&a;" * 30 + '">\n<!ENTITY c "' + "&b;" * 30 + '">\n]>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                    'rdf:about="http://a/x"><rdf:value>' + "&c;" * 20 + "</rdf:value></rdf:Description></rdf:RDF>",
                    encoding="utf-8")
    assert bomb.stat().st_size < 700
    start = time.monotonic()
    one_error(run_lexkb("validate", str(bomb)), 2, "RDF/XML entities expand the file by more than 1,048,576 bytes",
              stdout=None)
    assert time.monotonic() - start < 10
    external = tmp_path / "external.rdf"
    external.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]>\n'
                        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', encoding="utf-8")
    one_error(run_lexkb("validate", str(external)), 2, "external entity 'e' refused", stdout=None)


def test_a_limit_set_to_no_number_is_one_line(tmp_path):
    """Every documented limit is read by one helper (lexkb.limits.env_limit): a value that is not a
    whole number of at least 1 is one line naming the variable, exit 2."""
    import os

    from conftest import run_lexkb

    for name, value, words in (("LEXKB_QUERY_MAX_DEPTH", "deep", "give a whole number"),
                               ("LEXKB_QUERY_MAX_CHARS", "0", "give a whole number of at least 1")):
        env = dict(os.environ, **{name: value})
        code, _, err = run_lexkb("query", "-", input="ASK { ?s ?p ?o }", env=env)
        assert code == 2 and err == f"lexkb: error: {name}={value!r}: {words}\n", err
