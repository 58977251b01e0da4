"""`lexkb table enforcement` (issue 6): penalty ranges next to the counts of investigations.

Its penalty numbers are the numbers `lexkb penalty ID --format json` prints (index.json); its counts
are those of lexkb.stats.investigations_by_offence() and of the encoded rows in statistics/; words
and silences of the source stay visible, never 0."""
import csv
import io
import json
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lexkb import stats
from lexkb.cli.main import app
from lexkb.errors import LexkbError
from lexkb.tables import build_table, names
from lexkb.tables.model import Range

from lexkb.kbfile import load_index

ROOT = Path(__file__).resolve().parent.parent
INDEX = load_index()
CHILD_PORNOGRAPHY = "https://w3id.org/lexkb/concept/stats-offence/child-pornography"
# the offences whose penalties the State's report gives (paras. 47, 48, 50 and 51)
REPORTED = ("sexual-tourism", "sexual-acts-in-sexual-tourism", "procurement-of-minors", "procurement", "pederasty",
            "trafficking-in-persons")
NIS = "not in source"
FED, FD = "federal-investigations", "federal-district-investigations"


def R(lo, hi):
    return Range(Decimal(str(lo)), Decimal(str(hi)))


@pytest.fixture(scope="module")
def table():
    return build_table("enforcement")


@pytest.fixture(scope="module")
def rows(table):
    return {r["_iri"]: r for r in table.rows}


def test_registered_with_a_query():
    assert "enforcement" in names()
    text = (ROOT / "kb" / "queries" / "table-enforcement.rq").read_text(encoding="utf-8")
    assert text.startswith("# table-enforcement:")


def test_one_row_per_offence_of_the_kb_then_child_pornography(table):
    iris = [r["_iri"] for r in table.rows]
    assert iris[:-1] == [f"https://w3id.org/lexkb/id/mx/offence/{slug}" for slug in (
        "sexual-tourism", "sexual-acts-in-sexual-tourism", "procurement-of-minors", "procurement", "pederasty",
        "trafficking-in-persons")]
    # the offences the State's report describes; the statute's alone (CPF 200, 201 ...) are not in its statistics
    assert sorted(r["_offence_id"] for r in table.rows[:-1]) == sorted(REPORTED)
    last = table.rows[-1]
    assert iris[-1] == CHILD_PORNOGRAPHY and last["_offence_id"] is None
    # no source names its article: none is invented (issue 10)
    assert (last["instrument"], last["article"]) == ("not in source", "not in source")
    assert last["variant"] == "not modelled in this knowledge base; linked by name only, article not in source"
    assert last["imprisonment_years"] == last["fine_days_wage"] == "not modelled"
    # the same order as investigations_by_offence()
    assert iris == [e["offence"] for e in stats.investigations_by_offence()]


def test_penalty_numbers_are_what_lexkb_penalty_prints(rows):
    """The report's accounts of the penalties, as `lexkb penalty` prints them beside today's law; the
    statute's (días multa) are never in this table, whose fines are in days of minimum wage."""
    runner = CliRunner()
    for offence in INDEX["offences"]:
        if offence["id"] not in REPORTED:
            assert offence["iri"] not in rows
            continue
        res = runner.invoke(app, ["penalty", offence["id"], "--format", "json"])
        assert res.exit_code == 0, res.output
        (printed,) = json.loads(res.stdout)["results"]
        printed = [p for p in printed["penalties"] if p["basis"] == "state-report"]
        reported = sorted((p for p in offence["penalties"] if p["basis"] == "state-report"), key=lambda p: p["provision"])
        row = rows[offence["iri"]]
        assert row["_penalty_ids"] == [p["id"] for p in reported]
        assert row["imprisonment_years"] == [R(*p["imprisonment_years"]) for p in printed], offence["id"]
        assert row["fine_days_wage"] == [R(*p["fine_days_wage"]) for p in printed], offence["id"]
        assert row["imprisonment_years"] == [R(*p["imprisonment_years"]) for p in reported]
        assert [v.text.split(" (")[0] for v in row["variant"]] == [p["provision"] for p in printed]


def test_exact_penalty_numbers(rows):
    t = rows["https://w3id.org/lexkb/id/mx/offence/trafficking-in-persons"]
    assert t["imprisonment_years"] == [R(6, 12), R(9, 18)] and t["fine_days_wage"] == [R(500, 1500), R(750, 2250)]
    assert [a.text for a in t["article"]] == ["5", "6"]
    p = rows["https://w3id.org/lexkb/id/mx/offence/procurement"]
    assert p["imprisonment_years"] == [R(2, 9)] and [a.text for a in p["article"]] == ["206", "206 bis"]


def _expected_cells(entry):
    """The table's count cells for one investigations_by_offence() entry."""
    by_year, by_disp = defaultdict(Counter), defaultdict(list)
    for c in entry["counts"]:
        by_year[c["dataset"]][c["year"]] += c["investigations"]
        if c["dataset"] == FED:
            by_disp[c["dataset"]].append(f"{c['year']}, {c['disposition']}: {c['investigations']}")
    return by_year, by_disp


def test_counts_equal_investigations_by_offence(rows, table):
    year_columns = {c.key for c in table.columns if c.key.startswith((FED + "/", FD + "/")) and c.numeric}
    assert year_columns == {f"{FED}/{y}" for y in ("2007", "2008", "2009")} | {f"{FD}/{y}" for y in ("2007", "2008", "2009", "2010")}
    for entry in stats.investigations_by_offence():
        row = rows[entry["offence"]]
        by_year, by_disp = _expected_cells(entry)
        for key in sorted(year_columns):
            ds, year = key.split("/")
            if ds in by_year:
                assert row[key] == by_year[ds].get(year, 0), (entry["offence"], key)
            else:
                assert row[key] == NIS, (entry["offence"], key)  # never 0 where the source is silent
        expected = sorted(by_disp[FED]) if by_disp[FED] else NIS
        assert (sorted(row[f"{FED}/disposition"]) if isinstance(row[f"{FED}/disposition"], list)
                else row[f"{FED}/disposition"]) == expected
        paras = sorted({c["paragraph"] for c in entry["counts"]}, key=int)
        assert [s.short for s in row["count_sources"] or []] == [f"para. {p}" for p in paras]
        assert [s.full for s in row["count_sources"] or []] == [f"CRC/C/OPSC/MEX/Q/1/Add.1, para. {p}" for p in paras]


def test_counts_equal_the_encoded_rows(rows):
    """Against statistics/ directly: para. 1 counts its rows; para. 2 prints its figures."""
    datasets = stats.load()
    fed = Counter((o.coord("offence"), o.coord("year")) for o in datasets[FED].observations)
    fd = {(o.coord("offence"), o.coord("year")): o.measure.number for o in datasets[FD].observations if not o.is_total}
    cp, pm = rows[CHILD_PORNOGRAPHY], rows["https://w3id.org/lexkb/id/mx/offence/procurement-of-minors"]
    tip = rows["https://w3id.org/lexkb/id/mx/offence/trafficking-in-persons"]
    for year in ("2007", "2008", "2009"):
        assert cp[f"{FED}/{year}"] == fed[("Child pornography", year)]
        assert pm[f"{FED}/{year}"] == fed[("Procuring of children", year)]
    for year in ("2007", "2008", "2009", "2010"):
        assert cp[f"{FD}/{year}"] == fd[("Child pornography", year)]
        assert tip[f"{FD}/{year}"] == fd[("Child trafficking", year)]
    assert [cp[f"{FED}/{y}"] for y in ("2007", "2008", "2009")] == [1, 2, 6]
    assert [cp[f"{FD}/{y}"] for y in ("2007", "2008", "2009", "2010")] == [5, 10, 8, 2]  # printed total 25 left out
    assert [tip[f"{FD}/{y}"] for y in ("2007", "2008", "2009", "2010")] == [1, 2, 4, 0]  # 2010: a printed 0
    assert "2009, Pending: 5" in cp[f"{FED}/disposition"]


def test_silences_and_links_stay_visible(rows):
    proc = rows["https://w3id.org/lexkb/id/mx/offence/procurement"]
    assert proc["named"] == ["not in source; the statistics' 'Procuring of children' is counted under CPF art. 204"]
    assert all(proc[k] == NIS for k in proc if k.startswith((FED, FD)))
    assert rows["https://w3id.org/lexkb/id/mx/offence/trafficking-in-persons"]["named"] == ["Child trafficking"]
    assert rows["https://w3id.org/lexkb/id/mx/offence/sexual-tourism"]["named"] == NIS


def test_a_word_the_source_prints_is_kept_never_zero():
    """A Federal District cell that says 'No data' instead of a figure shows the words, not 0."""
    import pyoxigraph as ox

    from lexkb import paths

    store = ox.Store()
    for name in ("lexkb.ttl", "statistics.ttl"):
        store.load(path=str(paths.GENERATED / name), format=ox.RdfFormat.TURTLE)
    obs = "https://w3id.org/lexkb/id/mx/stats/obs/federal-district-investigations/2009/child-trafficking"
    store.update(f"""PREFIX lexkb: <https://w3id.org/lexkb/ontology#>
        DELETE {{ <{obs}> lexkb:investigations ?v }} INSERT {{ <{obs}> lexkb:investigations
        <https://w3id.org/lexkb/concept/stats-cell/no-data> }} WHERE {{ <{obs}> lexkb:investigations ?v }}""")
    row = next(r for r in build_table("enforcement", store=store).rows if r["_offence_id"] == "trafficking-in-persons")
    assert row[f"{FD}/2009"] == "No data"
    assert row[f"{FD}/2008"] == 2


def test_query_runs_on_the_union_of_the_two_graphs():
    import pyoxigraph as ox

    from lexkb import paths
    from lexkb.store import open_store

    text = (ROOT / "kb" / "queries" / "table-enforcement.rq").read_text(encoding="utf-8")
    kb_only = open_store(paths.GENERATED / "lexkb.ttl")
    kinds = Counter(s["kind"].value for s in kb_only.query(text))
    assert kinds["count"] == 0 and kinds["penalty"] == 7  # self-contained, but the counts need the statistics
    kb_only.load(path=str(paths.GENERATED / "statistics.ttl"), format=ox.RdfFormat.TURTLE)
    kinds = Counter(s["kind"].value for s in kb_only.query(text))
    assert kinds["count"] > 0 and kinds["dataset"] > 0
    res = CliRunner().invoke(app, ["query", "table-enforcement", "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert "federal-district-investigations" in res.stdout


def test_missing_statistics_is_a_one_line_error(tmp_path):
    from lexkb import paths
    from lexkb.tables.common import load_store

    (tmp_path / "lexkb.ttl").write_bytes((paths.GENERATED / "lexkb.ttl").read_bytes())
    with pytest.raises(LexkbError, match=r"statistics.ttl: statistics not built; run 'lexkb build'"):
        load_store(tmp_path / "lexkb.ttl", statistics=True)
    # a store without the statistics graph (e.g. an endpoint without it) is refused, not shown as "not in source"
    with pytest.raises(LexkbError, match=r"the store holds no statistics of investigations"):
        build_table("enforcement", store=load_store(tmp_path / "lexkb.ttl"))


def test_cli_formats_and_errors(tmp_path):
    runner = CliRunner()
    out = tmp_path / "e.csv"
    res = runner.invoke(app, ["table", "enforcement", "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    tip = next(r for r in data if r["Offence"] == "trafficking in persons")
    assert (tip["Imprisonment (years) (min)"], tip["Imprisonment (years) (max)"]) == ("6; 9", "12; 18")
    assert tip["Federal District investigations, 2010 (para. 2)"] == "0"
    assert tip["Federal investigations, 2007 (para. 1)"] == NIS
    doc = json.loads(runner.invoke(app, ["table", "enforcement", "--format", "json"]).stdout)
    assert doc["query"] == "kb/queries/table-enforcement.rq"
    assert doc["rows"][-1]["federal-district-investigations/2008"] == 10
    assert doc["rows"][0]["imprisonment_years"] == [[7, 12]]
    res = runner.invoke(app, ["table", "enforcement", "--lang", "es"])
    assert res.exit_code == 0 and "trata de personas" in res.stdout and "no consta en la fuente" in res.stdout
    for args, fragment in ((["--on", "2010-01-01"], "--on: table 'enforcement'"),
                           (["--sort", "offence"], "--sort: table 'enforcement'"),
                           (["--gaps"], "--gaps: only the opsc-coverage table")):
        res = runner.invoke(app, ["table", "enforcement", *args])
        assert res.exit_code == 2
        assert res.stderr.startswith("lexkb: error: " + fragment) and res.stderr.count("\n") == 1
