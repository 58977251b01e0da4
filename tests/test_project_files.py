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


# The code names no State, no State's report and no statute: documents, jurisdictions and
# instruments (and their names) are data, in provisions/ and statistics/. The same expression as
# `grep -rnE` over kb/ and cli/, comments and docstrings included.
STATE_NAMES = r'"mx"|CRC/C/OPSC/MEX|CRC-C-OPSC-MEX|SEED_|Mexic|\bcpf\b|\bCPF\b|lpstp|LPSTP'


def test_the_code_names_no_state_report_or_statute():
    import re

    pattern = re.compile(STATE_NAMES)
    hits = []
    for folder in ("kb", "cli"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    hits.append(f"{name}:{n}: {line.strip()}")
    assert not hits, "\n".join(hits)
