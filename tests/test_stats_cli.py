"""`lexkb stats` through a typer app built here (the main app calls stats.register(app) too)."""
import csv
import io
import json

import pytest
import typer
from typer.testing import CliRunner

from conftest import assert_statistics_facts

from lexkb import stats as lib
from lexkb.cli import stats

runner = CliRunner()


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    stats.register(app)

    @app.callback()
    def main():
        pass

    return app


def run(app, *args):
    return runner.invoke(app, ["stats", *args])


def _parse(fmt, result):
    text = result.stdout_bytes.decode("utf-8")  # .stdout turns CRLF into LF
    if fmt == "json":
        return json.loads(text)
    if fmt == "csv":
        assert "\r\n" in text
        return list(csv.DictReader(io.StringIO(text, newline="")))
    lines = [l for l in text.splitlines() if l.strip()]
    if fmt == "md":
        header = [c.strip() for c in lines[0].strip("|").split(" | ")]
        return [dict(zip(header, [c.strip() for c in l.strip("|").split(" | ")])) for l in lines[2:]]
    # table: columns start where the header's names start
    starts = [i for i, ch in enumerate(lines[0]) if ch != " " and (i == 0 or lines[0][i - 1] == " ")]
    header = lines[0].split()
    bounds = list(zip(starts, starts[1:] + [None]))
    return [{h: l[a:b].strip() for h, (a, b) in zip(header, bounds)} for l in lines[1:]]


@pytest.mark.parametrize("fmt", ["text", "table", "json", "csv", "md"])
def test_no_data_survives_every_output_format(app, fmt):
    result = run(app, "adoptions", "--format", fmt)
    assert result.exit_code == 0, result.output
    rows = _parse(fmt, result)
    assert len(rows) == 297
    no_data = [r for r in rows if r["adoptions"] == "No data"]
    assert len(no_data) == 19
    assert all(r["printed"] == "No data" for r in no_data)
    assert len([r for r in rows if r["adoptions"] == "Not applicable"]) == 9
    (bcs,) = [r for r in rows if (r["year"], r["state"], r["adoption-type"]) == ("2007", "Baja California Sur", "Total")]
    # its source passage: in full in json (a list, as `sources` in the tables and `lexkb penalty`) and csv; 'para. 5'
    # for people
    para_5 = "CRC/C/OPSC/MEX/Q/1/Add.1, para. 5"
    assert bcs["adoptions"] == "No data" and bcs["sources"] == {"json": [para_5], "csv": para_5}.get(fmt, "para. 5")
    assert "paragraph" not in bcs
    (grand,) = [r for r in rows if (r["year"], r["state"], r["adoption-type"]) == ("2007", "Total", "Total")]
    assert str(grand["adoptions"]) == "1011" and grand["printed"] == "1 011"


@pytest.mark.parametrize("fmt", ["text", "table", "json", "csv", "md"])
def test_source_words_of_para_1_survive_every_output_format(app, fmt):
    rows = _parse(fmt, run(app, "federal-investigations", "--format", fmt))
    ages = [str(r["victim-age"]) for r in rows]
    assert ages.count("No data") == 7 and "2 victims, each 17" in ages
    assert [r["victim-sex"] for r in rows].count("F and/or M") == 1
    assert [r["state"] for r in rows].count("Not known") == 2
    assert [r["status"] for r in rows].count("not in source") == 11
    kb = {r["offence"]: r["kb-offence"] for r in rows}
    assert kb == {"Child pornography": "Not modelled in this knowledge base. Linked by the statistics' name only: the sources lexkb cites name no article for it (not in source).",
                  "Procuring of children": "https://w3id.org/lexkb/id/mx/offence/procurement-of-minors"}


def test_check_lists_one_record_per_inconsistency(app):
    result = run(app, "--check", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = _parse("csv", result)
    assert len(rows) == 26
    disagreeing = [(r["dataset"], r["printed"], r["computed"], r["sources"].replace("CRC/C/OPSC/MEX/Q/1/Add.1, ", ""))
                   for r in rows if r["outcome"] == "disagrees"]
    assert sorted(disagreeing) == sorted([
        ("adoptions", "157", "141", "para. 5"), ("adoptions", "764", "748", "para. 5"),
        ("federal-district-investigations", "31", "32", "para. 2"), ("federal-district-investigations", "31", "32", "para. 2"),
        ("foreign-trafficking-victims", "2", "5", "para. 70"), ("foreign-trafficking-victims", "5", "2", "para. 70"),
        ("foreign-trafficking-victims-prose", "5", "8", "para. 69; para. 70"),
        ("foreign-trafficking-victims-prose", "5", "8", "para. 69; para. 70"),
        ("foreign-trafficking-victims-prose", "1", "4", "para. 69; para. 70"),
        ("foreign-trafficking-victims-prose", "3", "2", "para. 69; para. 70"),
        ("foreign-trafficking-victims-prose", "1", "2", "para. 69; para. 70")])
    one = run(app, "federal-district-investigations", "--check", "--format", "json")
    assert [r["where"] for r in json.loads(one.stdout)] == [
        "Federal District preliminary investigations: row 'Total', column 'Total', against the sum over year",
        "Federal District preliminary investigations: row 'Total', column 'Total', against the sum over offence"]


def test_by_dimension_puts_the_sum_next_to_the_printed_total(app):
    rows = json.loads(run(app, "adoptions", "--by", "year", "--format", "json").stdout)
    assert rows == [
        {"year": "2007", "adoptions": 1011, "cells": 64, "cells-without-figure": "No data: 4; Not applicable: 3", "printed-total": 1011, "sources": ["CRC/C/OPSC/MEX/Q/1/Add.1, para. 5"]},
        {"year": "2008", "adoptions": 1209, "cells": 64, "cells-without-figure": "No data: 4; Not applicable: 3", "printed-total": 1209, "sources": ["CRC/C/OPSC/MEX/Q/1/Add.1, para. 5"]},
        {"year": "2009", "adoptions": 748, "cells": 64, "cells-without-figure": "No data: 7; Not applicable: 3", "printed-total": 764, "sources": ["CRC/C/OPSC/MEX/Q/1/Add.1, para. 5"]},
    ]
    by_state = json.loads(run(app, "federal-investigations", "--by", "state", "--format", "json").stdout)
    assert {r["state"]: r["investigations"] for r in by_state} == {
        "Jalisco": 1, "Mexico State": 1, "Baja California": 2, "Veracruz": 1, "Federal District": 4,
        "Not known": 2, "Aguascalientes": 1, "Chiapas": 1}
    assert {r["printed-total"] for r in by_state} == {"not in source"}


def test_listing(app):
    rows = json.loads(run(app, "--format", "json").stdout)
    assert [(r["dataset"], r["observations"], r["flagged"]) for r in rows] == [
        ("adoptions", 297, 16), ("federal-district-investigations", 15, 2), ("federal-investigations", 13, 0),
        ("foreign-trafficking-victims-prose", 29, 5), ("foreign-trafficking-victims", 48, 3)]


@pytest.mark.parametrize("args, message", [
    (["nope"], "lexkb: error: DATASET: unknown dataset 'nope' (known: adoptions, federal-district-investigations, federal-investigations, foreign-trafficking-victims-prose, foreign-trafficking-victims)"),
    (["adoptions", "--format", "xml"], "lexkb: error: --format: 'xml' is not one of text, json, csv, md"),
    (["adoptions", "--by", "colour"], "lexkb: error: --by: 'colour' is not a dimension of 'adoptions' (dimensions: year, state, adoption-type)"),
    (["--by", "year"], "lexkb: error: --by needs a DATASET"),
    (["adoptions", "--plot", "a.pdf"], "lexkb: error: --plot: 'a.pdf' must end in .png or .svg"),
    (["--plot", "a.png"], "lexkb: error: --plot needs a DATASET with a figure (one of: adoptions, federal-district-investigations, federal-investigations)"),
    (["--ttl", "a.txt"], "lexkb: error: --ttl: 'a.txt' must end in .ttl"),
    (["--statistics", "/nonexistent/stats"], "lexkb: error: /nonexistent/stats: statistics folder not found"),
])
def test_bad_arguments_give_one_line_and_exit_2(app, args, message):
    result = run(app, *args)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert result.stdout == ""


def test_a_malformed_statistics_file_is_named(app, tmp_path):
    (tmp_path / "bad.md").write_text('# Bad\n\n```toml\n[dataset]\nslug = "x"\ntitle = "X"\nparagraph = "1"\n'
                                     'measure = "adoptions"\ndimensions = ["colour"]\n```\n', encoding="utf-8")
    result = run(app, "--statistics", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (f"lexkb: error: {tmp_path / 'bad.md'}:3: 'dimensions' names unknown dimension 'colour' (known: year, "
                             "case-number, offence, state, disposition, adoption-type, section, age-group, resolution, category)\n")
    (tmp_path / "bad.md").write_text('# Bad\n\n```toml\n[dataset\n```\n', encoding="utf-8")
    result = run(app, "--statistics", str(tmp_path))
    assert result.exit_code == 2 and result.stderr.startswith(f"lexkb: error: {tmp_path / 'bad.md'}:4: invalid TOML")
    assert "Traceback" not in result.output


def test_help_has_an_example(app):
    result = runner.invoke(app, ["stats", "--help"])
    assert result.exit_code == 0
    assert "lexkb stats adoptions --by year -f md -o adoptions.md" in result.stdout


def test_ttl_is_written(app, tmp_path):
    out = tmp_path / "s.ttl"
    result = run(app, "--ttl", str(out))
    assert result.exit_code == 0
    triples = assert_statistics_facts(out.read_text(encoding="utf-8"))
    assert result.stdout == f"wrote {out} ({triples} triples)\n"
    assert [p.name for p in tmp_path.iterdir()] == ["s.ttl"]  # no temporary file left behind


@pytest.mark.parametrize("name", ["adoptions.png", "adoptions.svg", "federal-district-investigations.svg"])
def test_plot(app, tmp_path, name):
    pytest.importorskip("matplotlib")
    dataset, _ = name.split(".")
    out = tmp_path / name
    result = run(app, dataset, "--plot", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if name.endswith(".png") else b"<svg" in data
    if name.endswith(".svg"):
        text = data.decode("utf-8")
        assert "CRC/C/OPSC/MEX/Q/1/Add.1, para." in text
        if dataset == "adoptions":
            assert "No data" in text  # cells without a figure are labelled, not drawn as 0


def test_investigations_by_offence():
    rows = lib.investigations_by_offence()
    assert [r["offence"].rsplit("/", 1)[1] for r in rows] == [
        "sexual-tourism", "sexual-acts-in-sexual-tourism", "procurement-of-minors", "procurement", "pederasty",
        "trafficking-in-persons", "child-pornography"]
    by = {r["offence"].rsplit("/", 1)[1]: r for r in rows}
    assert [(c["year"], c["disposition"], c["investigations"], c["paragraph"]) for c in by["procurement-of-minors"]["counts"]] == [
        ("2007", "Indicted", 1, "1"),
        ("2008", "No jurisdiction, assigned to Federal District Attorney General", 1, "1"),
        ("2009", "No jurisdiction, assigned to Federal District Attorney General", 2, "1")]
    assert [(c["year"], c["disposition"], c["investigations"]) for c in by["trafficking-in-persons"]["counts"]] == [
        ("2007", "not in source", 1), ("2008", "not in source", 2), ("2009", "not in source", 4), ("2010", "not in source", 0)]
    cp = by["child-pornography"]
    # no source names its article: none is invented (issue 10)
    assert (cp["modelled"], cp["note"], cp["statute"]) == (
        False, "not modelled in the knowledge base; linked by name only, article not in source", None)
    assert sum(c["investigations"] for c in cp["counts"]) == 9 + 25
    assert by["pederasty"]["counts"] == [] and by["pederasty"]["note"] == "not in source"
    assert by["procurement"]["note"] == ("not in source; the source's 'Procuring of children' is counted under "
                                         "procurement-of-minors (CPF 204)")


def test_errors_follow_the_project_format_through_the_main_app(tmp_path):
    """`lexkb stats` prints `lexkb: error: ...` like every command, via lexkb.cli.main.handles_errors."""
    from lexkb.cli.main import app as main_app

    result = runner.invoke(main_app, ["stats", "--by", "year"])
    assert (result.exit_code, result.stderr) == (2, "lexkb: error: --by needs a DATASET\n")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(main_app, ["stats", "--ttl", str(blocker / "s.ttl")])  # an OSError: one line, exit 2
    assert result.exit_code == 2 and result.stderr.startswith("lexkb: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_check_exits_1_when_the_graph_breaks_an_integrity_constraint(app, monkeypatch):
    import lexkb.stats.integrity as integrity

    monkeypatch.setattr(integrity, "violations", lambda graph: ["IC-1: an observation without a dataset"])
    result = run(app, "--check")
    assert result.exit_code == 1
    assert result.stderr == ("Data Cube integrity: IC-1: an observation without a dataset\n"
                             "lexkb: error: the statistics graph breaks 1 Data Cube integrity constraint(s)\n")
