"""Validation by jurisdiction (lexkb.partition, lexkb.validation.validate_partitioned): on a generated
knowledge base of 3 jurisdictions it must give exactly the violations of whole-graph validation,
merge jurisdictions a triple links, and keep the graph whole when partitions would not be exact."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT, run_lexkb

sys.path.insert(0, str(ROOT / "benchmarks"))

ID, ELI, LEXKB = "https://w3id.org/lexkb/id/", "https://w3id.org/lexkb/eli/", "https://w3id.org/lexkb/ontology#"
OPSC = f"<{ELI}un/opsc/2000>"


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """N-Triples lines of a knowledge base of 3 jurisdictions (mx, x0001, x0002)."""
    from generate import generate

    path, _ = generate(3, tmp_path_factory.mktemp("three"))
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.fixture(scope="module")
def shapes():
    from lexkb.validation import load_shapes

    return load_shapes()


def write(tmp_path, lines, drop=(), add=()):
    """The knowledge base without the lines starting with any of `drop`, plus the lines `add`."""
    path = tmp_path / "kb.nt"
    for prefix in drop:
        assert sum(l.startswith(prefix) for l in lines) == 1, prefix
    kept = [l for l in lines if not l.startswith(tuple(drop))] if drop else list(lines)
    path.write_text("".join(kept) + "".join(a + " .\n" for a in add), encoding="utf-8")
    return path


def whole(path, shapes):
    from rdflib import Graph

    from lexkb.validation import validate

    return validate(Graph().parse(path, format="nt"), shapes)


def by_partition(path, shapes, jobs=1, batch_triples=1000):
    """Small batches, so that each jurisdiction is validated in its own pyshacl run."""
    from lexkb.kbfile import partition_for_validation
    from lexkb.partition import backward_predicates
    from lexkb.validation import validate_partitioned

    partitioning, sourcemap, bindings = partition_for_validation([path], backward_predicates(shapes))
    return validate_partitioned(partitioning, None, sourcemap, bindings, jobs=jobs, batch_triples=batch_triples)


def test_three_jurisdictions_conform_by_partition_in_processes(tmp_path, three, shapes):
    path = write(tmp_path, three)
    result = by_partition(path, shapes, jobs=2)
    assert (result.partitions, result.batches, result.jurisdictions, result.whole) == (3, 3, 3, None)
    assert result.violations == whole(path, shapes) == []
    assert result.triples == len(three)


def test_violations_in_one_jurisdiction_and_in_the_shared_part_once_each(tmp_path, three, shapes):
    penalised = f"<{ID}x0001/offence/sexual-tourism> <{LEXKB}penalisedIn> "
    title = f"{OPSC} <http://data.europa.eu/eli/ontology#title_short> "  # shared: in every batch
    minimum = f"<{ID}x0002/penalty/cpf-203/imprisonment> <https://schema.org/minValue> "
    path = write(tmp_path, three, drop=[penalised, title, minimum],
                 add=[minimum + '"13.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'])
    expected = whole(path, shapes)
    result = by_partition(path, shapes)
    assert result.batches == 3
    assert result.violations == expected
    focus = [v.focus for v in expected]
    assert len(expected) == 3 and len(set(focus)) == 3
    assert f"<{ID}x0001/offence/sexual-tourism>" in focus and f"<{ID}x0002/penalty/cpf-203/imprisonment>" in focus
    assert OPSC in focus


def test_a_triple_linking_two_jurisdictions_merges_them(tmp_path, three, shapes):
    # Without the merge, x0001's partition would not know x0002's offence to be a lexkb:Offence.
    path = write(tmp_path, three, add=[f"<{ID}x0001/penalty/cpf-203> <{LEXKB}penaltyFor> <{ID}x0002/offence/procurement>"])
    result = by_partition(path, shapes)
    assert result.partitions == 2 and result.whole is None
    assert result.violations == whole(path, shapes)
    [v] = result.violations
    assert (v.focus, v.path) == (f"<{ID}x0001/penalty/cpf-203>", "lexkb:penaltyFor")


TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


# Each would give violations the whole graph does not have if it were split: a shared penalty of
# x0001's offence is checked in every partition, where the offence is not a lexkb:Offence; a shared
# offence with a penalty in x0001 has none in the other partitions.
@pytest.mark.parametrize("triples,reason", [
    ([f"<{ID}un/penalty/p> {TYPE} <{LEXKB}Penalty>", f"<{ID}un/penalty/p> <{LEXKB}penaltyFor> <{ID}x0001/offence/procurement>"],
     "a shared resource"),
    ([f"<{ID}un/offence/o> {TYPE} <{LEXKB}Offence>", f"<{ID}x0001/penalty/cpf-203> <{LEXKB}penaltyFor> <{ID}un/offence/o>"],
     "read backwards"),
    ([f"<{ID}x0001/penalty/cpf-203> <http://www.w3.org/2000/01/rdf-schema#seeAlso> _:note"], "blank nodes"),
], ids=["shared-to-jurisdiction", "backward-to-shared", "blank-node"])
def test_links_partitions_would_miss_keep_the_graph_whole(tmp_path, three, shapes, triples, reason):
    path = write(tmp_path, three, add=triples)
    result = by_partition(path, shapes)
    assert result.violations == whole(path, shapes)
    assert (result.partitions, result.batches) == (1, 1) and reason in result.whole


def test_built_kb_by_partition_is_written_with_its_turtle_prefixes(tmp_path, monkeypatch, shapes):
    """Without files, the built KB: prefixed names and provision file:line as whole-graph validation."""
    import shutil

    from lexkb import paths
    from lexkb.kbfile import load_for_validation, partition_for_validation
    from lexkb.partition import backward_predicates
    from lexkb.validation import validate, validate_partitioned

    for name in (paths.KB_TURTLE, paths.SOURCEMAP):
        shutil.copy(paths.GENERATED / name, tmp_path / name)
    text = (tmp_path / paths.KB_TURTLE).read_text(encoding="utf-8")
    assert "schema:unitCode unit:YR ." in text
    (tmp_path / paths.KB_TURTLE).write_text(text.replace("schema:unitCode unit:YR .", "schema:unitCode unit:MO .", 1),
                                            encoding="utf-8")
    monkeypatch.setattr(paths, "GENERATED", tmp_path)
    graph, sourcemap = load_for_validation([])
    expected = validate(graph, shapes, sourcemap)
    partitioning, sourcemap, bindings = partition_for_validation([], backward_predicates(shapes))
    result = validate_partitioned(partitioning, None, sourcemap, bindings, jobs=1)
    assert result.violations == expected and expected
    assert any(v.value == "unit:MO" and v.where and v.where.startswith("provisions/") for v in expected)


DATE = "<http://www.w3.org/2001/XMLSchema#date>"
PUBLISHED, REPEALED_BY = "<http://data.europa.eu/eli/ontology#date_publication>", "<http://data.europa.eu/eli/ontology#repealed_by>"


def test_repeal_order_is_checked_by_partition(tmp_path, three, shapes):
    """lsh:RepealOrderShape's SPARQL constraint reads only what the repealed act links to: the graph is
    still split, and its violations are the whole graph's. x0001's LPSTP (2007-11-27) is repealed by
    x0002's General Law (a link that merges the two jurisdictions), published, like x0002's own
    LPSTP, earlier: 2007-01-01. x0001's General Law is unchanged (2012-06-14)."""
    x1, x2, law2 = f"<{ELI}x0001/lpstp/2007>", f"<{ELI}x0002/lpstp/2007>", f"<{ELI}x0002/general-law-trafficking/2012>"
    path = write(tmp_path, three, drop=[f"{x1} {REPEALED_BY} ", f"{law2} {PUBLISHED} "],
                 add=[f"{x1} {REPEALED_BY} {law2}", f'{law2} {PUBLISHED} "2007-01-01"^^{DATE}'])
    result = by_partition(path, shapes)
    assert (result.partitions, result.whole) == (2, None)
    assert result.violations == whole(path, shapes)
    message = ("an instrument is published before the act that repeals it (eli:repealed_by): published 2007-11-27, "
               "the repealing act 2007-01-01")
    assert [(v.focus, v.path, v.message, v.value, v.shape) for v in result.violations] == [
        (x1, "eli:repealed_by", message, law2, "lsh:RepealOrderShape"),
        (x2, "eli:repealed_by", message, law2, "lsh:RepealOrderShape")]


def test_a_sparql_constraint_reading_backwards_keeps_the_graph_whole(shapes):
    from rdflib import Graph

    from lexkb.partition import not_node_local

    assert not_node_local(shapes) is None  # the shipped shapes: lsh:RepealOrderShape reads forwards only
    backwards = Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <http://example.org/S> a sh:NodeShape ; sh:targetClass <{LEXKB}Offence> ;
            sh:sparql [ sh:select "SELECT $this WHERE {{ ?penalty <{LEXKB}penaltyFor> $this }}" ] .""", format="turtle")
    assert not_node_local(shapes + backwards) == "the shapes use sh:sparql"


def test_cli_validates_three_jurisdictions(tmp_path, three):
    path = write(tmp_path, three)
    code, out, err = run_lexkb("validate", str(path))
    assert (code, out, err) == (0, "", f"conforms: {len(three)} triples, 0 violation(s)\n")


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_below_one_is_a_one_line_error(jobs):
    code, out, err = run_lexkb("validate", "--jobs", jobs)
    assert (code, out) == (2, "")
    assert err == f"lexkb: error: --jobs {jobs}: give a number of processes of at least 1\n"


# A SPARQL constraint that reads any triple a partition may not hold must keep the graph whole.
@pytest.mark.parametrize("body, forward", [
    ("$this eli:repealed_by ?v . ?v eli:date_publication ?d", True),
    ("$this eli:a [ eli:b ?z ] OPTIONAL { ?z eli:c ?y } BIND(eli:a AS ?path) FILTER(?y < 3)", True),
    ("$this eli:a ?x FILTER NOT EXISTS { ?x eli:b ?y . ?y eli:c ?z }", True),
    ("?x eli:repealed_by $this", False),
    ("$this ^eli:repealed_by ?x", False),
    ("$this eli:repealed_by/eli:date_publication ?x", True),
    ("$this (eli:a|eli:b)+/!eli:c ?x . ?x eli:d ?y", True),
    ("$this eli:a/^eli:b ?x", False),
    ("$this (eli:a|^eli:b) ?x", False),
    ("$this !^eli:a ?x", False),
    ("$this ?p ?x", False),
    ("$this eli:a ?x FILTER NOT EXISTS { ?y eli:b ?x }", False),
    ("$this eli:a ?x FILTER EXISTS { { ?x eli:b ?y } UNION { ?z eli:c ?x } }", False),
    ("{ $this eli:a ?x } UNION { ?x eli:b ?y }", False),
    ("$this eli:a ?x MINUS { ?x eli:b ?y }", False),
    ("$this eli:a ?x { SELECT ?x WHERE { ?x eli:b ?z } }", False),
    ("GRAPH ?g { $this eli:a ?x }", False),
    ("$this eli:a ?x . ?y eli:b ?z", False),
])
def test_which_sparql_constraints_read_forward_only(body, forward):
    from lexkb.partition import reads_forward

    assert reads_forward(f"SELECT $this WHERE {{ {body} }}", {"eli": "http://data.europa.eu/eli/ontology#"}) is forward
