"""Source documents: the vendored statute editions are the files the manifest names, byte for byte,
and a build whose copy differs stops with one line naming the file (exit 2), the knowledge base
left as it was."""
import hashlib

import pytest

from conftest import ROOT, run_lexkb

# From /work/shared/sources/mx/MANIFEST.md: file, sha256 (independent of the provision files).
MANIFEST = {
    "cpf-dof-2013-06-07.txt": "4795282b65d7c0867659826ccc84e6bd3e1c2ccd297f3a55e2216cd453e9ed74",
    "cpf-dof-2020-01-24.txt": "a88a38b056c61b274114ace98bfca9d317345bf8ca3bde7271945f1f784f9377",
    "cpf-dof-2025-11-28.txt": "1c63f70c5f3ba4022285ce42bf7bb49397c8a1b4cb1e70130d71ddb5af3f620a",
    "lgpsedmtp-dof-2012-06-14.txt": "8da0eb3870b2fd5b3470343379a44b79ea9e7da9be78fb3f4c3ab5faaf16f18d",
    "lgpsedmtp-dof-2023-04-05.txt": "59e8d1facc7b20b2df33b0e45641d980a91e02a1b1057c0c84e5ff29fad121ad",
    "lgpsedmtp-dof-2025-11-14.txt": "b424270d8dea90f81fe09ca004a8741c94fa5bd112abe44107b7dd8858fb279a",
}
SOURCES_MD = "provisions/instruments/sources.md"


def digest(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_vendored_edition_is_the_manifest_file_and_declared_with_its_provenance(name):
    data = (ROOT / "provisions" / "source" / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == MANIFEST[name]
    declared = (ROOT / SOURCES_MD).read_text(encoding="utf-8")
    block = declared.split(f'file = "source/{name}"', 1)
    assert len(block) == 2, f"{name} is not declared in {SOURCES_MD}"
    after = block[1].split("```", 1)[0]
    assert f'sha256 = "{MANIFEST[name]}"' in after
    for key in ("mirror_commit", "mirror_path", "mirror_date"):
        assert f"{key} = " in after
    before = block[0].rsplit("[document]", 1)[1]
    for key in ("issuer", "edition", "date_edition", "instrument"):
        assert f"{key} = " in before


def test_edition_in_graph_has_checksum_and_mirror(compiled):
    from rdflib import Literal, URIRef

    g = compiled.graph
    node = URIRef("https://w3id.org/lexkb/source/cpf-dof-2020-01-24")
    spdx = "http://spdx.org/rdf/terms#"
    checksum = g.value(node, URIRef(spdx + "checksum"))
    assert g.value(checksum, URIRef(spdx + "checksumValue")) == Literal(MANIFEST["cpf-dof-2020-01-24.txt"])
    origin = g.value(node, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert str(origin) == ("https://github.com/renich/LeyesMexicanas/blob/762836fca843d632f7f98a02e3ad0f80b0140f22/"
                           "federales/txt/Codigo_Penal_Federal.txt")
    assert g.value(node, URIRef("http://data.europa.eu/eli/ontology#version_date")).toPython().isoformat() == "2020-01-24"


@pytest.mark.parametrize("change", ["one byte", "missing"])
def test_changed_vendored_file_stops_the_build_naming_it(tmp_path, provisions_copy, change):
    out = tmp_path / "kb"
    code, _, err = run_lexkb("build", "-q", "--out", str(out), "--provisions", str(provisions_copy))
    assert code == 0, err
    before = digest(out)
    target = provisions_copy / "source" / "cpf-dof-2020-01-24.txt"
    if change == "missing":
        target.unlink()
    else:
        data = bytearray(target.read_bytes())
        data[100_000] ^= 0x01
        target.write_bytes(bytes(data))
    code, stdout, err = run_lexkb("build", "-q", "--out", str(out), "--provisions", str(provisions_copy))
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    declared_line = next(i for i, line in enumerate((ROOT / SOURCES_MD).read_text(encoding="utf-8").splitlines(), 1)
                         if line == 'id = "cpf-dof-2020-01-24"') - 2  # the opening fence, two lines above
    if change == "missing":
        assert err.startswith("lexkb: error: provisions/source/cpf-dof-2020-01-24.txt: cannot read source document "
                              f"'cpf-dof-2020-01-24' declared at {SOURCES_MD}:{declared_line}: No such file"), err
    else:
        actual = hashlib.sha256(target.read_bytes()).hexdigest()
        assert err == (f"lexkb: error: provisions/source/cpf-dof-2020-01-24.txt: sha256 {actual} differs from "
                       f"{MANIFEST['cpf-dof-2020-01-24.txt']} declared at {SOURCES_MD}:{declared_line}; "
                       "the file is not the vendored source\n")
    assert digest(out) == before


# ------------------------------------------------------------------ sources plural, jurisdictions
FICTIONAL = ROOT / "tests" / "fixtures" / "fictional" / "provisions"


def test_a_fictional_jurisdiction_compiles_from_its_own_files_alone():
    """Freedonia: its own jurisdiction, layout, statute edition (with page furniture inside the
    quoted sentence) and one offence; nothing in kb/ knows it. Its resources conform to the shapes;
    the only violations are the shared vocabulary's citations of the shipped knowledge base's
    documents (ontology/concepts.ttl cites a report's paragraphs and statute editions for its
    concepts), which this build does not declare."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    from lexkb.build import compile_kb, serialize_turtle
    from lexkb.index import build_index
    from lexkb.validation import validate

    compiled = compile_kb(FICTIONAL, ROOT / "ontology")
    g = compiled.graph
    offence = URIRef("https://w3id.org/lexkb/id/fx/offence/sale-of-a-child")
    penalty = URIRef("https://w3id.org/lexkb/id/fx/penalty/pc-12")
    passage = URIRef("https://w3id.org/lexkb/source/fx-pc-2024-03-01/art_12")
    lexkb = "https://w3id.org/lexkb/ontology#"
    schema = "https://schema.org/"
    assert (offence, URIRef("http://purl.org/dc/terms/source"), passage) in g
    imprisonment = g.value(penalty, URIRef(lexkb + "imprisonment"))
    fine = g.value(penalty, URIRef(lexkb + "fine"))
    assert [g.value(imprisonment, URIRef(schema + k)).toPython() for k in ("minValue", "maxValue")] == [6, 14]
    assert [g.value(fine, URIRef(schema + k)).toPython() for k in ("minValue", "maxValue")] == [300, 900]
    assert g.value(passage, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == Literal(
        "Penal Code of Freedonia (Consolidated text as of 1 March 2024), art. 12")
    assert g.value(penalty, URIRef(lexkb + "quotedText")) == Literal(
        "Whoever sells a child, for any purpose and in any form, shall be punished with imprisonment of 6 to 14 "
        "years and a fine of 300 to 900 day-fines.", lang="en")
    assert not [s for s in g.subjects() if "/mx/" in str(s)]
    violations = validate(g, sourcemap=compiled.sourcemap)
    assert violations
    # the shared vocabulary's concepts cite documents of the shipped knowledge base (a report, statute
    # editions), none of them Freedonia's: those citations are the only violations
    assert all(v.path == "dcterms:source" and "concept" in v.focus and ("src:" in v.line() or "/lexkb/source/" in v.line()) and "fx-" not in v.line()
               for v in violations), "\n".join(v.line() for v in violations)
    store = ox.Store()
    store.load(serialize_turtle(g), format=ox.RdfFormat.TURTLE)
    index = build_index(store)
    assert [(o["id"], [(p["provision"], p["imprisonment_years"], p["fine_days_wage"]) for p in o["penalties"]])
            for o in index["offences"]] == [("sale-of-a-child", [("PC art. 12", [6, 14], [300, 900])])]
    # an article is found by the instrument's names in its own files: short name, title, aliases
    from lexkb.lookup import resolve

    assert index["instrument_names"] == {"PC": ["FPC", "Freedonian Penal Code", "PC", "Penal Code of Freedonia"]}
    for query in ("PC 12", "12, PC", "Penal Code of Freedonia art. 12", "freedonian penal code, article 12", "FPC 12"):
        assert [o["id"] for o in resolve(query, index).offences] == ["sale-of-a-child"], query


def test_the_library_names_no_state_document_or_code():
    """The compiler and the sources package know no jurisdiction or document by name."""
    words = ("mexic", "\"mx\"", "'mx'", "/mx/", "cpf", "lpstp", "crc-c-opsc", "crc/c/opsc", "seed")
    files = [ROOT / "kb" / "compiler.py", ROOT / "kb" / "build.py", *sorted((ROOT / "kb" / "sources").glob("*.py"))]
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        assert not [w for w in words if w in text], path


def quote_file(provisions, body, source):
    path = provisions / "cpf" / "zz-test.md"
    path.write_text(f"> {body}\n\n```toml\n[measure]\ntype = \"closure-of-establishments\"\nmandatory = true\n"
                    f"provision = \"cpf:204\"\npenalty = \"cpf-204\"\nsource = {source}\n```\n", encoding="utf-8")
    return "provisions/cpf/zz-test.md"


BAD_SOURCES = [
    ('{ doc = "cpf-dof-2025-11-28", art = "204 bis" }', "9", "source: no article art. 204 bis in cpf-dof-2025-11-28"),
    ('{ doc = "cpf-dof-2025-11-28", art = "204", fraccion = "IV" }', "9",
     "source: no place art. 204, fracc. IV in cpf-dof-2025-11-28"),
    ('{ doc = "cpf-dof-2025-11-28", para = 4 }', "9",
     "source: 'cpf-dof-2025-11-28' is a statute edition, cited by art (and fraccion, inciso, parrafo)"),
    ('{ doc = "CRC-C-OPSC-MEX-Q-1-Add.1", art = "204" }', "9",
     "source: 'CRC-C-OPSC-MEX-Q-1-Add.1' is a report, cited as { doc = \"CRC-C-OPSC-MEX-Q-1-Add.1\", para = N }"),
    ('{ doc = "cpf-dof-1999" , art = "204" }', "9", "unknown document 'cpf-dof-1999'; declared: CRC-C-OPSC-MEX-Q-1-Add.1, "
     "cpf-dof-2013-06-07, cpf-dof-2020-01-24, cpf-dof-2025-11-28, lgpsedmtp-dof-2012-06-14, lgpsedmtp-dof-2023-04-05, "
     "lgpsedmtp-dof-2025-11-14"),
    ('{ doc = "cpf-dof-2025-11-28", art = "204", page = 3 }', "9",
     "source: unknown key(s) page; allowed: art, doc, fraccion, inciso, para, parrafo"),
    ('{ doc = "cpf-dof-2025-11-28", art = "204", page = 3, line = 2 }', "9",
     "source: unknown key(s) line, page; allowed: art, doc, fraccion, inciso, para, parrafo"),
    ('{ art = "204" }', "9", 'source: a table needs doc = "DOCUMENT ID"'),
    ('{ doc = "cpf-dof-2025-11-28", art = "204", parrafo = 0 }', "9", "source: 'parrafo' must be a positive integer"),
    ('{ doc = "cpf-dof-2025-11-28", art = "204", parrafo = "2" }', "9", "source: 'parrafo' must be a positive integer"),
]


@pytest.mark.parametrize("source,line,message", BAD_SOURCES, ids=[b[2][:40] for b in BAD_SOURCES])
def test_a_bad_address_is_one_line_naming_file_and_line(tmp_path, provisions_copy, source, line, message):
    name = quote_file(provisions_copy, "así como clausura definitiva de los establecimientos descritos en la fracción III.", source)
    code, _, err = run_lexkb("build", "-q", "--out", str(tmp_path / "kb"), "--provisions", str(provisions_copy))
    assert code == 2
    assert err == f"lexkb: error: {name}:{line}: {message}\n", err


def test_the_first_paragraph_is_parrafo_1(tmp_path, provisions_copy):
    # CPF art. 204 (DOF 28-11-2025), its first paragraph: "Artículo 204.- Comete el delito de lenocinio de personas
    # menores de dieciocho años de edad ..."
    quote_file(provisions_copy, "Comete el delito de lenocinio de personas menores de dieciocho años de edad",
               '{ doc = "cpf-dof-2025-11-28", art = "204", parrafo = 1 }')
    code, _, err = run_lexkb("build", "-q", "--out", str(tmp_path / "kb"), "--provisions", str(provisions_copy))
    assert (code, err) == (0, "")


def test_a_spanish_quote_is_checked_against_the_edition_and_kept_in_spanish(tmp_path, provisions_copy):
    from rdflib import Graph, Literal, URIRef

    quote = "así como clausura definitiva de los establecimientos descritos en la fracción III."
    quote_file(provisions_copy, quote, '{ doc = "cpf-dof-2025-11-28", art = "204", parrafo = 2 }')
    out = tmp_path / "kb"
    code, _, err = run_lexkb("build", "-q", "--out", str(out), "--provisions", str(provisions_copy))
    assert code == 0, err
    g = Graph().parse(out / "lexkb.ttl")
    measure = URIRef("https://w3id.org/lexkb/id/mx/penalty/cpf-204/measure/closure-of-establishments")
    assert Literal(quote, lang="es") in set(g.objects(measure, URIRef("https://w3id.org/lexkb/ontology#quotedText")))
    passage = URIRef("https://w3id.org/lexkb/source/cpf-dof-2025-11-28/art_204/par_2")
    assert str(g.value(passage, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == (
        "Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. 204, párr. 2")
    # A word changed: the quote is not the statute's, and the build says where.
    quote_file(provisions_copy, quote.replace("definitiva", "temporal"), '{ doc = "cpf-dof-2025-11-28", art = "204", parrafo = 2 }')
    code, _, err = run_lexkb("build", "-q", "--out", str(out), "--provisions", str(provisions_copy))
    assert code == 2
    assert err == ("lexkb: error: provisions/cpf/zz-test.md:1: quote not found verbatim in cpf-dof-2025-11-28 "
                   "art. 204, párr. 2: 'así como clausura temporal de los establecimientos descritos'\n")
