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
