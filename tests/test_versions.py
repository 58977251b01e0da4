"""Articles by version (ELI work / version / expression) and the amendment events read from the
editions' notes: the versions of CPF 204 and 206 in the built graph, and [version] declarations the
sources contradict, each one line with file and line."""
import shutil

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from conftest import ROOT
from lexkb.build import compile_kb
from lexkb.errors import ProvisionError

ELI = Namespace("http://data.europa.eu/eli/ontology#")
LEXKB = Namespace("https://w3id.org/lexkb/ontology#")
CPF = "https://w3id.org/lexkb/eli/mx/cpf/"
SRC = "https://w3id.org/lexkb/source/"
EDITIONS = ["2013-06-07", "2020-01-24", "2025-11-28"]


@pytest.mark.parametrize("article", ["204", "206"])
def test_the_article_version_and_its_three_spanish_texts(compiled, article):
    g = compiled.graph
    work = URIRef(CPF + f"art_{article}")
    version = URIRef(CPF + f"art_{article}/v2007-03-27")
    assert (work, RDF.type, ELI.ComplexWork) in g
    assert list(g.subjects(ELI.is_member_of, work)) == [version]
    assert g.value(version, ELI.date_publication) == Literal("2007-03-27", datatype=XSD.date)
    assert (version, LEXKB.notInSource, ELI.first_date_entry_in_force) in g
    texts = sorted(g.objects(version, ELI.is_realized_by))
    assert texts == [URIRef(f"{version}/spa@{d}") for d in EDITIONS]
    for text, date in zip(texts, EDITIONS):
        assert g.value(text, ELI.realizes) == version
        assert g.value(text, ELI.version_date) == Literal(date, datatype=XSD.date)
        assert g.value(text, ELI.language) == URIRef("http://publications.europa.eu/resource/authority/language/SPA")
        assert g.value(text, DCTERMS.source) == URIRef(f"{SRC}cpf-dof-{date}/art_{article}")


def test_the_amendment_events_of_art_206(compiled):
    g = compiled.graph
    work = URIRef(CPF + "art_206")
    events = sorted(g.subjects(LEXKB.affectedProvision, work))
    assert events == [URIRef(CPF + "art_206/amendment/1989-01-03-articulo-reformado"),
                      URIRef(CPF + "art_206/amendment/2007-03-27-articulo-reformado")]
    old, new = events
    for event, date in ((old, "1989-01-03"), (new, "2007-03-27")):
        assert g.value(event, DCTERMS.date) == Literal(date, datatype=XSD.date)
        assert g.value(event, LEXKB.amendmentKind) == URIRef("https://w3id.org/lexkb/concept/amendment-kind/reformado")
        assert g.value(event, LEXKB.amendmentLevel) == URIRef("https://w3id.org/lexkb/concept/amendment-level/articulo")
        assert g.value(event, LEXKB.quotedText) == Literal("Artículo reformado DOF 03-01-1989, 27-03-2007", lang="es")
        # only the 2025 edition prints the note
        assert list(g.objects(event, DCTERMS.source)) == [URIRef(SRC + "cpf-dof-2025-11-28/art_206")]
    assert g.value(new, LEXKB.resultingVersion) == URIRef(CPF + "art_206/v2007-03-27")
    assert g.value(old, LEXKB.resultingVersion) is None  # the 1989 version is not declared


def with_version(provisions, article, body):
    (provisions / "cpf" / "zz-version.md").write_text(body, encoding="utf-8")
    return "provisions/cpf/zz-version.md"


def compile_error(provisions):
    with pytest.raises(ProvisionError) as exc:
        compile_kb(provisions, ROOT / "ontology")
    return str(exc.value)


VERSION = '```toml\n[version]\nprovision = "cpf:{art}"\nsince = {since}\ntexts = [{texts}]\n```\n'


@pytest.mark.parametrize("art,since,texts,message", [
    ("206", "2007-03-28", '"cpf-dof-2025-11-28"',
     "zz-version.md:4: [version] no amendment note of CPF art. 206 gives 2007-03-28 (reforms and additions the "
     "editions' notes give: 1989-01-03, 2007-03-27)"),
    ("206", "1989-01-03", '"cpf-dof-2013-06-07"',
     "zz-version.md:5: [version] the notes record a change to CPF art. 206 on 2007-03-27, after 1989-01-03 and by "
     "'cpf-dof-2013-06-07' (as of 2013-06-07): that edition carries a later version"),
    ("206", "2007-03-27", '"lgpsedmtp-dof-2025-11-14"',
     "zz-version.md:5: [version] 'lgpsedmtp-dof-2025-11-14' is not an edition of CPF art. 206's act"),
    ("206", "2007-03-27", '"cpf-dof-1999"', "zz-version.md:5: unknown document 'cpf-dof-1999'"),
    ("206", "'2007'", '"cpf-dof-2025-11-28"', "zz-version.md:4: [version] 'since' must be a date"),
    ("206 bis/I", "2007-03-27", '"cpf-dof-2025-11-28"', "zz-version.md:3: [version] 'cpf:206 bis/I': versions are of whole articles"),
])
def test_a_version_the_sources_contradict_is_refused(provisions_copy, art, since, texts, message):
    with_version(provisions_copy, art, VERSION.format(art=art, since=since, texts=texts))
    assert compile_error(provisions_copy).startswith("provisions/cpf/" + message)


def test_two_texts_that_differ_are_not_one_version(tmp_path):
    """A fictional act in two editions whose article 12 differs, with no note between them."""
    provisions = tmp_path / "provisions"
    shutil.copytree(ROOT / "tests" / "fixtures" / "fictional" / "provisions", provisions)
    old = (provisions / "source" / "pc-2024-03-01.txt").read_text(encoding="utf-8")
    note = "buys the child.\nArtículo reformado OG 01-02-2020"  # the note grammar is the Spanish one
    old = old.replace("buys the child.", note)
    (provisions / "source" / "pc-2024-03-01.txt").write_text(old, encoding="utf-8")
    new = old.replace("6 to 14 years", "7 to 14 years")
    (provisions / "source" / "pc-2025-01-01.txt").write_text(new, encoding="utf-8")
    import hashlib

    sources = (provisions / "instruments" / "sources.md").read_text(encoding="utf-8")
    first = sources.index("```toml\n[document]")
    second = sources[first:].replace("fx-pc-2024-03-01", "fx-pc-2025-01-01").replace("pc-2024-03-01.txt", "pc-2025-01-01.txt") \
        .replace("date_edition = 2024-03-01", "date_edition = 2025-01-01").replace("default = true\n", "")
    sums = {n: hashlib.sha256((provisions / "source" / n).read_bytes()).hexdigest() for n in ("pc-2024-03-01.txt", "pc-2025-01-01.txt")}
    sources = sources.replace("b4472a470670970c67c6b706adad88ec4279236a477753680b5bda981058c3aa", sums["pc-2024-03-01.txt"])
    second = second.replace("b4472a470670970c67c6b706adad88ec4279236a477753680b5bda981058c3aa", sums["pc-2025-01-01.txt"])
    (provisions / "instruments" / "sources.md").write_text(sources + "\n" + second, encoding="utf-8")
    (provisions / "pc" / "zz-version.md").write_text(
        '```toml\n[version]\nprovision = "pc:12"\nsince = 2020-02-01\ntexts = ["fx-pc-2024-03-01", "fx-pc-2025-01-01"]\n```\n',
        encoding="utf-8")
    assert compile_error(provisions) == (
        "provisions/pc/zz-version.md:5: [version] the texts of PC art. 12 in 'fx-pc-2024-03-01' and 'fx-pc-2025-01-01' "
        "differ: not one version")
