"""The JSON contract: real outputs of every command's --format json validate against its schema in
kb/schemas/, and the README's contract section is the one generated from the schemas."""
import contextlib
import io
import json

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, run_lexkb
from lexkb import contract


def validator(name):
    schema = contract.load(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def check(name, doc):
    errors = sorted(validator(name).iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def captured(fn, **kwargs):
    from lexkb.errors import LexkbError

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            fn(**kwargs)
        except LexkbError:
            pass
    return json.loads(buf.getvalue()) if buf.getvalue() else None


def test_every_penalty_answer_matches_its_schema(index):
    """Every offence, with each of its factors of the day (a versioned article's factors hold while its
    version does) and on dates before, inside and after the sources' periods, and the answers without a
    single match (candidates, suggestions, a repealed article)."""
    from lexkb.cli.lookup_fast import penalty

    seen = set()
    for o in index["offences"]:
        for on in (None, "2005-01-01", "2011-01-01", "2013-01-01"):
            plain = captured(penalty, query=o["id"], with_=[], on=on, format="json", jurisdiction=None)
            day_factors = [f["id"] for r in plain["results"] for f in r["aggravating_factors"]]
            for factors in [[]] + [[f] for f in day_factors]:
                doc = captured(penalty, query=o["id"], with_=factors, on=on, format="json", jurisdiction=None)
                check("penalty", doc)
                seen.update(k for r in doc["results"] for p in r["penalties"] for k in p)
    for query in ("tourism", "205", "traficking", "xyzzy"):
        doc = captured(penalty, query=query, with_=[], on=None, format="json", jurisdiction=None)
        check("penalty", doc)
        seen.update(k for k in ("candidates", "suggestions", "not_in_source", "repealed") if k in doc)
    # no article is 'not in source' since the statute describes 205-209 ('repealed' for 205, 207)
    assert {"explanation", "effective_imprisonment_years", "candidates", "suggestions", "repealed"} <= seen


def test_every_show_answer_matches_its_schema(index):
    from lexkb.cli.lookup_fast import show

    kinds = set()
    for p in index["provisions"].values():
        if " art. " not in p["label"]:  # chapters: `lexkb show 'CPF chapter VI'` finds nothing (not a lookup target)
            continue
        doc = captured(show, query=p["label"], format="json", jurisdiction=None)
        check("show", doc)
        kinds.add(doc["coverage"])
    assert kinds == {"described"}  # arts. 205, 205 bis, 207, 208, 209 are described by the statute now


def test_every_general_law_show_answer_matches_its_schema(index):
    from lexkb.cli.lookup_fast import show

    labels = [p["label"] for p in index["provisions"].values() if p["label"].startswith("General Law on trafficking")]
    assert labels
    for label in labels:
        check("show", captured(show, query=label, format="json", jurisdiction=None))


def test_summary_validate_and_tables_match_their_schemas(tmp_path):
    code, out, _ = run_lexkb("summary", "-f", "json")
    check("summary", json.loads(out))
    code, out, _ = run_lexkb("validate", "-f", "json")
    check("validate", json.loads(out))
    broken = tmp_path / "broken.ttl"
    text = (ROOT / "kb" / "generated" / "lexkb.ttl").read_text(encoding="utf-8")
    # a maximum of 12 set below its range's minimum (kb/turtle.py writes xsd:decimal in its canonical form, 12.0)
    assert 'schema:maxValue 12.0 ;' in text
    broken.write_text(text.replace('schema:maxValue 12.0 ;', 'schema:maxValue 6.0 ;', 1),
                      encoding="utf-8")
    code, out, _ = run_lexkb("validate", "-f", "json", str(broken))
    report = json.loads(out)
    assert code == 1 and report["violations"]
    check("validate", report)
    from lexkb.tables import build_table, names
    from lexkb.tables.render import render

    for name in names():
        for kwargs in ({}, {"lang": "es"}):
            if name == "history":  # one article's history: it takes one
                kwargs = dict(kwargs, article="CPF 205 bis")
            check("table", json.loads(render(build_table(name, **kwargs), "json")))


def test_a_schema_rejects_what_drifts():
    """additionalProperties is false and keys are required: a renamed key fails."""
    from lexkb.cli.lookup_fast import penalty

    doc = captured(penalty, query="203", with_=[], on=None, format="json", jurisdiction=None)
    doc["results"][0]["victim_condition_ids"] = doc["results"][0].pop("victim_conditions")
    assert not validator("penalty").is_valid(doc)


def test_readme_contract_is_generated_from_the_schemas():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert contract.readme_with_contract(text) == text, "run: python -m lexkb.contract"
    for name in contract.COMMANDS:
        assert f"Schema: `kb/schemas/{name}.schema.json`." in text


@pytest.mark.parametrize("args", [
    ("stats",), ("stats", "adoptions"), ("stats", "adoptions", "--by", "year"), ("stats", "--check"),
    ("stats", "federal-investigations"),
])
def test_stats_json_matches_its_schema(args):
    code, out, err = run_lexkb(*args, "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc
    check("stats", doc)


@pytest.mark.parametrize("query, kind", [
    ("penalties", "results"), ("opsc-claims", "results"), ("ASK { ?s ?p ?o }", "boolean"),
    ("SELECT ?x WHERE { OPTIONAL { ?x a <http://example.org/none> } }", "results"),
])
def test_query_json_is_the_sparql_results_format(query, kind):
    args = ("query", query, "-f", "json") if " " not in query else ("query", "-", "-f", "json")
    code, out, err = run_lexkb(*args, input=query if " " in query else None)
    assert code == 0, err
    doc = json.loads(out)
    assert kind in doc
    check("query", doc)
