"""The Data Cube graph: sources, offence links, integrity constraints, determinism, 'No data' kept."""
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from lexkb import stats
from lexkb.stats.integrity import violations

QB = Namespace("http://purl.org/linked-data/cube#")
L = Namespace("https://w3id.org/lexkb/ontology#")
NO_DATA = URIRef("https://w3id.org/lexkb/concept/stats-cell/no-data")
OFFENCE = "https://w3id.org/lexkb/id/mx/offence/"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def graph():
    return stats.compile_statistics()


def _obs(graph, dataset):
    ds = URIRef(f"https://w3id.org/lexkb/id/mx/stats/dataset/{dataset}")
    return set(graph.subjects(QB.dataSet, ds))


def test_no_blank_nodes_and_the_committed_file_is_current(graph):
    assert not [n for n in graph.all_nodes() if not isinstance(n, (URIRef, Literal))]
    assert stats.serialise(graph) == (ROOT / "kb" / "generated" / "statistics.ttl").read_text(encoding="utf-8")


def test_every_observation_carries_its_paragraph(graph):
    observations = set(graph.subjects(RDF.type, QB.Observation))
    assert len(observations) == 402
    labels = {str(graph.value(graph.value(o, DCTERMS.source), RDFS.label)) for o in observations}
    assert labels == {f"CRC/C/OPSC/MEX/Q/1/Add.1, para. {n}" for n in (1, 2, 5, 69, 70)}
    para1 = URIRef("https://w3id.org/lexkb/source/CRC-C-OPSC-MEX-Q-1-Add.1/para-1")
    assert len(_obs(graph, "federal-investigations")) == len(set(graph.subjects(DCTERMS.source, para1)) & observations) == 13


def test_data_cube_integrity_constraints_hold(graph):
    assert violations(graph) == []


def _copy(graph):
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_integrity_checks_can_fail(graph):
    obs = URIRef("https://w3id.org/lexkb/id/mx/stats/obs/adoptions/2007/jalisco/national")
    no_measure = _copy(graph)
    no_measure.remove((obs, L.adoptions, None))
    assert violations(no_measure) == ["IC-14: Every qb:Observation has a value for every declared measure."]
    no_dimension = _copy(graph)
    no_dimension.remove((obs, L.stateOrAgency, None))
    # without its State the observation also equals another one on every dimension it has (the spec's IC-12 query)
    assert violations(no_dimension) == [
        "IC-11: Each qb:Observation has a value for every dimension declared in its qb:DataStructureDefinition.",
        "IC-12: No two qb:Observations in the same qb:DataSet may have the same value for all dimensions.",
    ]
    twin = _copy(graph)
    copy = URIRef("https://w3id.org/lexkb/id/mx/stats/obs/adoptions/twin")
    for p, o in graph.predicate_objects(URIRef("https://w3id.org/lexkb/id/mx/stats/obs/adoptions/2008/colima/total")):
        twin.add((copy, p, o))
    assert violations(twin) == ["IC-12: No two qb:Observations in the same qb:DataSet may have the same value for all dimensions."]
    unsourced = _copy(graph)
    unsourced.remove((obs, DCTERMS.source, None))
    assert violations(unsourced) == ["LEXKB-SOURCE: Every qb:Observation carries dcterms:source, a paragraph with an rdfs:label."]


def test_no_data_survives_a_turtle_round_trip(graph):
    again = Graph().parse(data=stats.serialise(graph), format="turtle")
    adoptions = _obs(again, "adoptions")
    no_data = {o for o in adoptions if (o, L.adoptions, NO_DATA) in again}
    assert len(no_data) == 19  # 5 cells in 2007, 5 in 2008, 9 in 2009
    assert {str(again.value(o, L.printedValue)) for o in no_data} == {"No data"}
    assert str(again.value(NO_DATA, SKOS.prefLabel)) == "No data"
    not_applicable = URIRef("https://w3id.org/lexkb/concept/stats-cell/not-applicable")
    assert len([o for o in adoptions if (o, L.adoptions, not_applicable) in again]) == 9
    ages = {str(again.value(a, SKOS.prefLabel)) if isinstance(a, URIRef) else a.toPython()
            for a in again.objects(None, L.victimAge)}
    assert ages == {16, 15, 7, 3, "No data", "2 victims, each 17"}
    sexes = {str(again.value(s, SKOS.prefLabel)) for s in again.objects(None, L.victimSex)}
    assert sexes == {"F", "F and M", "F and/or M"}


def test_observations_link_to_the_offences_they_name(graph):
    linked = {}
    for obs in _obs(graph, "federal-investigations") | _obs(graph, "federal-district-investigations"):
        name = str(graph.value(graph.value(obs, L.offenceAsNamed), SKOS.prefLabel))
        linked.setdefault(name, set()).update(str(o) for o in graph.objects(obs, L.concernsOffence))
    assert linked == {"Procuring of children": {OFFENCE + "procurement-of-minors"},
                      "Child trafficking": {OFFENCE + "trafficking-in-persons"},
                      "Child pornography": set(), "Total": set()}
    cp = URIRef("https://w3id.org/lexkb/concept/stats-offence/child-pornography")
    assert (cp, RDF.type, SKOS.Concept) in graph
    assert str(graph.value(cp, SKOS.note)) == "Not modelled in this knowledge base. Linked by the statistics' name only: the sources lexkb cites name no article for it (not in source)."
    procuring = URIRef("https://w3id.org/lexkb/concept/stats-offence/procuring-of-children")
    assert graph.value(procuring, RDFS.seeAlso) == URIRef(OFFENCE + "procurement")


def test_flagged_totals_keep_the_printed_figure_and_record_the_computed_one(graph):
    check = URIRef("https://w3id.org/lexkb/id/mx/stats/check/adoptions/total/2009/total/intercountry/state")
    assert graph.value(check, L.printedFigure).toPython() == 157
    assert graph.value(check, L.computedFigure).toPython() == 141
    assert graph.value(check, L.checkOutcome) == URIRef("https://w3id.org/lexkb/concept/stats-check-outcome/disagrees")
    total = graph.value(check, L.checkedObservation)
    assert graph.value(total, L.adoptions).toPython() == 157


def test_every_lexkb_term_used_is_defined_with_label_and_comment(graph):
    ontology = Graph()
    for name in ("statistics.ttl", "lexkb.ttl"):
        if (ROOT / "ontology" / name).exists():
            ontology.parse(ROOT / "ontology" / name)
    used = {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(str(L))}
    undefined = sorted(str(t) for t in used if not (ontology.value(t, RDFS.label) and ontology.value(t, RDFS.comment)))
    assert undefined == []


# ------------------------------------------------------------------ the declaration is data
def _folder(tmp_path, declaration: str) -> Path:
    import shutil

    folder = tmp_path / "statistics"
    shutil.copytree(ROOT / "statistics", folder)
    (folder / "declarations.md").write_text(declaration, encoding="utf-8")
    return folder


def test_document_and_jurisdiction_come_from_the_declaration(tmp_path):
    """The same figures declared for another jurisdiction: their IRIs and offence links follow the
    declaration, and the labels the declared document's symbol (read from its [document] table)."""
    text = (ROOT / "statistics" / "declarations.md").read_text(encoding="utf-8")
    folder = _folder(tmp_path, text.replace('jurisdiction = "mx"', 'jurisdiction = "x0001"'))
    g = stats.compile_statistics(folder)
    subjects = {str(s) for s in g.subjects() if "/lexkb/id/" in str(s)}
    assert subjects and all(s.startswith("https://w3id.org/lexkb/id/x0001/stats/") for s in subjects)
    linked = {str(o) for o in g.objects(None, L.concernsOffence)}
    assert linked == {"https://w3id.org/lexkb/id/x0001/offence/procurement-of-minors",
                      "https://w3id.org/lexkb/id/x0001/offence/trafficking-in-persons"}
    symbol = stats.load(folder)["adoptions"].declared.symbol
    para5 = URIRef(f"https://w3id.org/lexkb/source/{stats.load(folder)['adoptions'].declared.document}/para-5")
    assert g.value(para5, RDFS.label) == Literal(f"{symbol}, para. 5")


def test_an_undeclared_document_or_no_declaration_is_an_error(tmp_path):
    folder = _folder(tmp_path, '# X\n\n```toml\n[statistics]\ndocument = "no-such-report"\njurisdiction = "x0001"\n```\n')
    with pytest.raises(stats.StatsError, match="document 'no-such-report' is not declared"):
        stats.load(folder)
    (folder / "declarations.md").unlink()
    with pytest.raises(stats.StatsError, match="no file declares where the statistics come from"):
        stats.load(folder)
