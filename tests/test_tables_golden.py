"""Every table in every format (and the variants in tests/tables_golden.py's CASES) equals its golden
file byte for byte. After an intended change of the knowledge base:
    lexkb build && python tests/tables_golden.py"""
import pytest

from lexkb.tables import FORMATS
from tables_golden import CASES, GOLDEN, expected

EXPECTED = expected()


def test_every_table_in_every_format_has_a_golden_file():
    for name in ("penalties", "minors-vs-adults", "opsc-coverage", "amendments", "enforcement"):
        for fmt in FORMATS:
            assert f"{name}.{fmt}" in EXPECTED
            assert (GOLDEN / f"{name}.{fmt}").is_file(), f"missing golden file {name}.{fmt}"
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(EXPECTED), "stale or missing golden files"


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_output_equals_golden_file(file):
    golden = (GOLDEN / file).read_bytes()
    assert EXPECTED[file].encode("utf-8") == golden, (
        f"{file} differs from tests/golden/tables/{file}; if the knowledge base changed on purpose, "
        "run `python tests/tables_golden.py` and review the diff")


def test_output_is_deterministic():
    assert expected() == EXPECTED


def test_cli_output_equals_golden(tmp_path):
    from typer.testing import CliRunner

    from lexkb.cli.main import app

    runner = CliRunner()
    for fmt in FORMATS:
        out = tmp_path / f"p.{fmt}"
        res = runner.invoke(app, ["table", "penalties", "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert out.read_bytes() == (GOLDEN / f"penalties.{fmt}").read_bytes()
    res = runner.invoke(app, ["table", "opsc-coverage", "--gaps"])
    assert res.exit_code == 0
    assert res.stdout_bytes == (GOLDEN / "opsc-coverage.gaps.md").read_bytes()
