"""lexkb validate (exit 0/1/2, one line per violation, JSON) and lexkb export (round trips)."""
import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ROOT, run_lexkb

KB = ROOT / "kb" / "generated" / "lexkb.ttl"


def test_validate_built_kb_conforms():
    code, out, err = run_lexkb("validate")
    assert code == 0, err
    assert out == ""
    assert err.startswith("conforms: ") and "0 violation(s)" in err


def test_validate_reports_one_line_per_violation_with_source_line(tmp_path):
    broken = tmp_path / "broken.ttl"
    text = KB.read_text(encoding="utf-8")
    assert "schema:maxValue 12.0 ;" in text
    broken.write_text(text.replace("schema:maxValue 12.0 ;", "schema:maxValue 6.0 ;", 1), encoding="utf-8")
    code, out, err = run_lexkb("validate", str(broken))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) >= 1
    assert any("schema:minValue: a range needs one positive xsd:decimal schema:minValue, not above its maximum" in l for l in lines)


def test_validate_json(tmp_path):
    broken = tmp_path / "broken.nt"
    g = Graph().parse(KB)
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS
    offence = URIRef("https://w3id.org/lexkb/id/mx/offence/pederasty")
    g.remove((offence, DCTERMS.source, None))
    g.serialize(broken, format="nt")
    code, out, _ = run_lexkb("validate", "--format", "json", str(broken))
    assert code == 1
    report = json.loads(out)
    assert report["conforms"] is False
    line = next(n for n, l in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if l.startswith(f"<{offence}> "))
    assert {"focus": "<https://w3id.org/lexkb/id/mx/offence/pederasty>", "path": "dcterms:source",
            "message": "every fact needs dcterms:source naming a lexkb:SourcePassage (document and paragraph)",
            "severity": "Violation", "where": f"{broken}:{line}", "value": None, "shape": "lsh:Sourced",
            "component": "sh:MinCountConstraintComponent"} in report["violations"]


def broken_range(tmp_path):
    """CPF art. 203's imprisonment as the report gives it (para. 47: "between 7 and 12 years'"), its maximum set
    below its minimum."""
    broken = tmp_path / "broken.ttl"
    text = KB.read_text(encoding="utf-8")
    focus = "<https://w3id.org/lexkb/id/mx/penalty/cpf-203/imprisonment>"
    block = (f"{focus} a schema:QuantitativeValue ;\n"
             "    dcterms:source <https://w3id.org/lexkb/source/CRC-C-OPSC-MEX-Q-1-Add.1/para-47> ;\n"
             "    schema:maxValue 12.0 ;\n")
    assert text.count(block) == 1
    broken.write_text(text.replace(block, block.replace("schema:maxValue 12.0 ;", "schema:maxValue 6.0 ;")), encoding="utf-8")
    line = next(n for n, l in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if l.startswith(focus))
    return broken, focus, line


def test_validate_json_names_shape_component_and_the_line_of_a_users_file(tmp_path):
    broken, focus, line = broken_range(tmp_path)
    code, out, _ = run_lexkb("validate", "-f", "json", str(broken))
    assert code == 1
    [v] = [v for v in json.loads(out)["violations"] if v["focus"] == focus]
    assert v == {"focus": focus, "path": "schema:minValue",
                 "message": "a range needs one positive xsd:decimal schema:minValue, not above its maximum",
                 "severity": "Violation", "where": f"{broken}:{line}", "value": "7.0",
                 "shape": "lsh:RangeShape/property[schema:minValue]",
                 "component": "sh:LessThanOrEqualsConstraintComponent"}


def test_validate_ttl_is_the_standard_shacl_report(tmp_path):
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, SH

    broken, focus, _ = broken_range(tmp_path)
    code, out, _ = run_lexkb("validate", "-f", "ttl", str(broken))
    assert code == 1
    report = Graph().parse(data=out, format="turtle")
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    results = list(report.objects(node, SH.result))
    [r] = [r for r in results if report.value(r, SH.focusNode) == URIRef(focus[1:-1])]
    assert (r, RDF.type, SH.ValidationResult) in report
    assert report.value(r, SH.resultPath) == URIRef("https://schema.org/minValue")
    assert report.value(r, SH.sourceConstraintComponent) == SH.LessThanOrEqualsConstraintComponent
    assert report.value(r, SH.resultSeverity) == SH.Violation
    assert report.value(r, SH.value).toPython() == 7
    assert report.value(report.value(r, SH.sourceShape), SH.path) == URIRef("https://schema.org/minValue")
    code, out, _ = run_lexkb("validate", "-f", "ttl")
    assert code == 0
    ok = Graph().parse(data=out, format="turtle")
    [node] = ok.subjects(RDF.type, SH.ValidationReport)
    assert ok.value(node, SH.conforms) == Literal(True) and not list(ok.objects(node, SH.result))


def test_validate_built_kb_names_provision_file_and_line():
    """Violations of the built KB are mapped back to provision files through the source map."""
    from lexkb.kbfile import load_for_validation
    from lexkb.validation import validate
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    graph, sourcemap = load_for_validation([])
    graph.remove((URIRef("https://w3id.org/lexkb/id/mx/penalty/lpstp-6-II"), DCTERMS.source, None))
    [v] = validate(graph, sourcemap=sourcemap)
    assert v.line() == ("provisions/lpstp/6.md:33: <https://w3id.org/lexkb/id/mx/penalty/lpstp-6-II> dcterms:source: "
                        "every fact needs dcterms:source naming a lexkb:SourcePassage (document and paragraph)")


@pytest.mark.parametrize("content,suffix,message", [
    ("@prefix : <x#> .\n:a :b", ".ttl", "cannot parse as turtle"),
    ("{not json", ".jsonld", "cannot parse as json-ld"),
    ("hello", ".txt", "unknown RDF format"),
])
def test_validate_unreadable_input_exits_2(tmp_path, content, suffix, message):
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run_lexkb("validate", str(bad))
    assert code == 2
    assert err.startswith(f"lexkb: error: {bad}: {message}")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_validate_missing_file_exits_2(tmp_path):
    code, _, err = run_lexkb("validate", str(tmp_path / "none.ttl"))
    assert (code, err) == (2, f"lexkb: error: {tmp_path / 'none.ttl'}: no such file\n")


@pytest.mark.parametrize("fmt,parse_as", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml"),
                                          ("turtle", "turtle"), ("ntriples", "nt"), ("json-ld", "json-ld"),
                                          ("rdfxml", "xml")])
def test_export_round_trips_to_isomorphic_graph(tmp_path, fmt, parse_as):
    out = tmp_path / f"kb.{fmt}"
    code, _, err = run_lexkb("export", "--format", fmt, "-o", str(out))
    assert code == 0, err
    exported = Graph().parse(out, format=parse_as)
    original = Graph().parse(KB, format="turtle")
    assert len(exported) == len(original) > 2000
    assert isomorphic(exported, original)


def test_export_rejects_unknown_format():
    code, _, err = run_lexkb("export", "--format", "pdf")
    assert (code, err) == (2, "lexkb: error: --format 'pdf': use one of ttl, nt, jsonld, xml, trig, nq "
                              "(or rdflib's names: turtle, ntriples, json-ld, rdfxml, nquads)\n")


def test_jsonld_compacts_to_the_project_prefixes():
    from lexkb.namespaces import PREFIXES

    code, out, _ = run_lexkb("export", "-f", "json-ld")
    doc = json.loads(out)
    assert doc["@context"] == PREFIXES
    types = {t for node in doc["@graph"] for t in ([node["@type"]] if isinstance(node.get("@type"), str) else node.get("@type", []))}
    assert {"lexkb:Penalty", "lexkb:Offence", "eli:LegalResourceSubdivision"} <= types
    assert any("dcterms:source" in node for node in doc["@graph"])


@pytest.mark.parametrize("fmt,parse_as", [("trig", "trig"), ("nq", "nquads"), ("nquads", "nquads")])
def test_datasets_carry_the_law_and_the_statistics_in_named_graphs(tmp_path, fmt, parse_as):
    from rdflib import Dataset, URIRef

    out = tmp_path / f"kb.{fmt}"
    code, _, err = run_lexkb("export", "-f", fmt, "-o", str(out))
    assert code == 0, err
    ds = Dataset().parse(out, format=parse_as)
    law = ds.graph(URIRef("https://w3id.org/lexkb/graph/mx"))
    stats = ds.graph(URIRef("https://w3id.org/lexkb/graph/mx/statistics"))
    assert isomorphic(law, Graph().parse(KB, format="turtle"))
    statistics = Graph().parse(ROOT / "kb" / "generated" / "statistics.ttl", format="turtle")
    assert len(stats) > 1000
    assert set(stats) == set(statistics) - set(law)  # what both cite (source passages) stays with the law
    assert len(list(ds.graphs())) >= 2
