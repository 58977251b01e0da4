"""Security causes of issue 12: a read command contacts nothing but the endpoint the user named
(SERVICE, JSON-LD contexts), and data cannot inject markup or spreadsheet formulas into outputs."""
from __future__ import annotations

import json

import pytest

from conftest import run_lexkb

from .oneline import one_error

SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}/service> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}/service> {{ ?s ?p ?o }} }}",
    "ASK {{ service <{url}/service> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE ?where {{ ?s ?p ?o }} VALUES ?where {{ <{url}/service> }} }}",
    "SELECT * WHERE {{ SERVICE <file:///etc/passwd> {{ ?s ?p ?o }} }}",
    "PREFIX x: <{url}/> SELECT * WHERE {{ SERVICE x:service {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_on_the_embedded_store(fake, template):
    query = template.format(url=fake.url)
    one_error(run_lexkb("query", "-", input=query), 2, "<stdin>:1: SERVICE is refused", "--allow-service")
    assert fake.hits() == 0


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_with_an_endpoint_before_anything_is_sent(fake, template):
    query = template.format(url=fake.url)
    one_error(run_lexkb("query", "-", "--endpoint", f"{fake.url}/empty", input=query), 2, "SERVICE is refused")
    assert fake.hits() == 0  # neither the SERVICE URL nor the endpoint


def test_allow_service_with_an_endpoint_sends_the_query_to_the_endpoint_only(fake):
    """The client's syntax check used to run the query on an empty local store, calling the SERVICE URL."""
    query = f"SELECT ?s WHERE {{ SERVICE <{fake.url}/service> {{ ?s ?p ?o }} }}"
    code, out, err = run_lexkb("query", "-", "--allow-service", "--endpoint", f"{fake.url}/empty", "-f", "json",
                               input=query)
    assert code == 0, err
    assert json.loads(out)["results"]["bindings"] == []
    assert fake.hits("/service") == 0 and fake.hits("/empty") == 1


def test_a_prefixed_name_called_service_is_not_the_keyword():
    code, out, err = run_lexkb("query", "-", input="PREFIX ex: <http://example.org/> "
                                                    "SELECT * WHERE { ?s ex:service ?o }")
    assert code == 0 and out.rstrip().endswith("(0 rows)"), err


@pytest.mark.parametrize("context", ["{url}/context", "file:///etc/passwd", ["{url}/context"],
                                     {"@import": "{url}/context"}])
def test_jsonld_contexts_are_never_fetched(fake, tmp_path, context):
    text = json.dumps({"@context": context, "@id": "http://example.org/x", "p": "v"}).replace("{url}", fake.url)
    path = tmp_path / "data.jsonld"
    path.write_text(text, encoding="utf-8")
    line = one_error(run_lexkb("validate", str(path)), 2, str(path), "refused", stdout=None)
    assert "JSON-LD" in line
    assert fake.hits() == 0


def test_inline_jsonld_context_still_works(tmp_path):
    path = tmp_path / "data.jsonld"
    path.write_text(json.dumps({"@context": {"p": "http://example.org/p"}, "@id": "http://example.org/x", "p": "v"}),
                    encoding="utf-8")
    code, out, err = run_lexkb("validate", str(path))
    assert code == 0 and "conforms: 1 triples" in err, err


def _result(label: str, condition: str) -> dict:
    offence = {"offence": label, "offence_es": "", "id": "x", "defined_in": ["CPF art. 1"], "penalised_in": [],
               "victim_conditions": [], "notes": [], "in_force": None, "aggravating_factors": [], "rules": [],
               "amendments": [], "opsc_claims": [], "opsc": [], "sources": ["=HYPERLINK(\"http://evil\")"],
               "penalties": [{"provision": "@SUM(A1)", "condition": condition, "imprisonment_years": [2, 9],
                              "fine": [50, 500], "fine_unit": {"id": "minimum-daily-wage", "label": "days of minimum wage"},
                              "fine_days_wage": [50, 500], "additional_measures": ["+1"], "basis": "state-report",
                              "source": "=HYPERLINK(\"http://evil/source\")", "valid_from": None, "valid_until": None}]}
    return {"query": "q", "on": None, "results": [offence]}


def test_penalty_markdown_escapes_markup_like_the_tables():
    from lexkb.penalty_format import as_markdown
    from lexkb.tables.render import md_escape

    text = as_markdown(_result('<script>alert(1)</script>', '<img src=x onerror="alert(1)">'))
    import re

    assert not re.search(r"(?<!\\)[<>]", text), text  # every angle bracket escaped: no tag survives
    assert md_escape("<script>alert(1)</script>") in text
    assert "\\<img src=x onerror=\"alert(1)\"\\>" in text


def test_penalty_csv_neutralises_formula_cells():
    import csv
    import io

    from lexkb.penalty_format import as_csv

    row = next(csv.DictReader(io.StringIO(as_csv(_result("=cmd|' /C calc'!A0", "-2+3")))))
    assert row["offence"] == "'=cmd|' /C calc'!A0"
    assert row["condition"] == "'-2+3"
    assert row["provision"] == "'@SUM(A1)"
    assert row["sources"].startswith("'=HYPERLINK")
    assert row["additional_measures"] == "'+1"
    assert row["source"].startswith("'=HYPERLINK")
    assert (row["imprisonment_min"], row["fine_max"], row["fine_unit"]) == ("2", "500", "minimum-daily-wage")  # numbers stay numbers


def test_table_csv_neutralises_formula_cells():
    from lexkb.tables.render import csv_value

    assert csv_value("=1+1") == "'=1+1" and csv_value(["@x", "y"]) == "'@x; y"
    assert csv_value("plain") == "plain" and csv_value(-3) == "-3"
