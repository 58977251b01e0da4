"""`lexkb table` / `lexkb report` on the command line: formats parse, errors are one line naming
the argument, -o writes atomically, --help has an example."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

LEXKB = [sys.executable, "-c", "from lexkb.cli.main import run; run()"]


def run(*args, cwd=None):
    return subprocess.run(LEXKB + list(args), capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("args, arg", [
    (["table", "nope"], "NAME"),
    (["table", "penalties", "--sort", "height"], "--sort"),
    (["table", "penalties", "--on", "2010-02-30"], "--on"),
    (["table", "penalties", "--on", "yesterday"], "--on"),
    (["table", "penalties", "--format", "pdf"], "--format"),
    (["table", "penalties", "--lang", "fr"], "--lang"),
    (["table", "amendments", "--gaps"], "--gaps"),
    (["table", "penalties", "-o", "{file}/x.md"], "-o"),
])
def test_bad_input_is_one_line_naming_the_argument(args, arg, tmp_path):
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    res = run(*[a.replace("{file}", str(tmp_path / "file")) for a in args])
    assert res.returncode == 2
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"lexkb: error: {arg}: "), res.stderr


def test_output_to_a_folder_is_refused(tmp_path):
    res = run("table", "penalties", "-o", str(tmp_path))
    assert res.returncode == 2 and res.stderr.startswith("lexkb: error: -o: ")


def test_unwritable_output_leaves_nothing_behind(tmp_path):
    """-o under a path whose parent is a file: no writer (root included) can create it."""
    parent = tmp_path / "plain-file"
    parent.write_text("x", encoding="utf-8")
    res = run("table", "penalties", "-o", str(parent / "x.md"))
    assert res.returncode == 2 and res.stderr.startswith("lexkb: error: -o: cannot write"), res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain-file"]
    assert parent.read_text(encoding="utf-8") == "x"


def test_o_replaces_the_file_atomically(tmp_path):
    out = tmp_path / "t.csv"
    out.write_text("old", encoding="utf-8")
    res = run("table", "minors-vs-adults", "-f", "csv", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]  # no temporary file left
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    assert out.read_bytes().count(b"\r\n") == 13  # RFC 4180 line ends: header + 12 rows (3 pairs x 4 bounds)
    assert rows[0][:7] == ["Conduct", "Basis", "Version (dates it holds)", "Bound", "Unit",
                           "Any person (no age or capacity condition): provision",
                           "Any person (no age or capacity condition)"]
    # CPF 206 and 204, statute: "de dos a nueve años" and "de ocho a quince años"
    assert rows[2][1] == "statute" and rows[2][3] == "imprisonment, maximum"
    assert rows[2][6] == "9" and rows[2][10] == "15" and rows[2][12:14] == ["1.6666666666666667", "5/3"]


def test_csv_splits_ranges_into_min_and_max():
    res = run("table", "penalties", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    row = next(r for r in rows if r["Article"] == "6 II")
    assert (row["Imprisonment (years) (min)"], row["Imprisonment (years) (max)"]) == ("9", "18")
    assert (row["Aggravated imprisonment (years) (min)"], row["Aggravated fine (max)"]) == ("13.5", "3375")
    # CSV gives a unit by its id, as it does every concept ({id, label} in json)
    assert row["Fine unit"] == "minimum-daily-wage" and row["Basis"] == "state-report"


def test_json_format():
    doc = json.loads(run("table", "penalties", "-f", "json", "--sort", "imprisonment-max", "--reverse").stdout)
    assert doc["query"] == "kb/queries/table-penalties.rq"
    # General Law art. 35 (DOF 07-06-2024): "de 12 a 50 años de prisión y de 12 mil a 50 mil días multa"; CPF 208,
    # which sets no prison term ("de diez a ciento ochenta jornadas de trabajo en favor de la comunidad"), comes last
    top, last = doc["rows"][0], doc["rows"][-1]
    assert (last["article"], last["imprisonment_years"], last["community_work"]) == ("208", "none in source", [10, 180])
    assert (top["article"], top["basis"], top["imprisonment_years"], top["fine"], top["fine_unit"]) == (
        "35", "statute", [12, 50], [12000, 50000], {"id": "dia-multa", "label": "días multa"})
    statute, report = (next(r for r in doc["rows"] if r["article"] == "204" and r["basis"] == b)
                       for b in ("statute", "state-report"))
    # CPF 204: "de mil a dos mil quinientos días de multa"; the report (para. 47): "1,000 and 2,000 minimum daily wages"
    assert statute["imprisonment_years"] == [8, 15] and statute["fine"] == [1000, 2500]
    assert statute["fine_unit"] == {"id": "dia-multa", "label": "días multa"}
    assert report["imprisonment_years"] == [8, 15] and report["fine"] == [1000, 2000]
    assert report["fine_unit"] == {"id": "minimum-daily-wage", "label": "days of minimum wage"}


def test_every_table_names_its_query_and_the_query_runs():
    from lexkb import paths
    from lexkb.store import open_store
    from lexkb.tables import build_table
    from lexkb.tables.model import query_path
    from lexkb.tables.render import render

    store = open_store(paths.GENERATED / paths.KB_TURTLE)
    for name in ("penalties", "minors-vs-adults", "opsc-coverage", "amendments", "history"):
        text = query_path(name).read_text(encoding="utf-8")
        assert text.startswith(f"# table-{name}:")
        for prefix in ("lexkb:", "eli:", "skos:", "dcterms:", "schema:", "rdfs:"):
            assert f"PREFIX {prefix}" in text
        assert len(list(store.query(text))) > 0  # self-contained: runs without lexkb's prologue
        table = build_table(name, article="CPF 204") if name == "history" else build_table(name)
        for fmt in ("md", "csv", "html", "json", "tex"):
            out = render(table, fmt)
            if fmt != "csv":
                assert f"kb/queries/table-{name}.rq" in out, (name, fmt)


def test_help_has_examples():
    for cmd in ("table", "report"):
        res = run(cmd, "--help")
        assert res.returncode == 0
        assert "Example" in res.stdout and f"lexkb {cmd} " in res.stdout
