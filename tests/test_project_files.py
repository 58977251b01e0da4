"""LICENSE and CITATION.cff at the top, agreeing with pyproject.toml."""
import tomllib

from conftest import ROOT


def test_license_is_the_one_pyproject_names():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "MIT"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n") and "THE SOFTWARE IS PROVIDED \"AS IS\"" in text


def test_citation_names_this_version_and_license():
    from lexkb import __version__

    fields = dict(line.split(": ", 1) for line in (ROOT / "CITATION.cff").read_text(encoding="utf-8").splitlines()
                  if ": " in line and not line.startswith((" ", "#", "-")))
    assert fields["cff-version"] == "1.2.0"
    assert fields["version"] == __version__
    assert fields["license"] == "MIT"
    assert fields["title"].startswith('"lexkb')
