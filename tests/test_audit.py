"""`lexkb audit`: the State's report (CRC/C/OPSC/MEX/Q/1/Add.1, submitted 2010-10-12) beside the
statute in force that day, read in the closest edition (CPF, Última Reforma DOF 07-06-2013).

Every pinned value is written from the sources' words, which each test quotes from
provisions/source/*.txt (and checks are there), never from what the code computes."""
import csv
import io
import json

import pytest

from conftest import ROOT, run_lexkb

SOURCE = ROOT / "provisions" / "source"
REPORT = "CRC/C/OPSC/MEX/Q/1/Add.1"
ED2013 = "Código Penal Federal (Última Reforma DOF 07-06-2013)"
KEYS = ["provision", "aspect", "report", "statute", "verdict", "report_source", "statute_source"]
UNIT_MARK = "[another unit than the report's; numbers compared: lexkb's reading audit-fine-units]"
LPSTP_NONE = "not in source: no edition of the LPSTP's text in force on 2010-10-12 in the sources"


def words(name: str) -> str:
    """A source file's text, its line breaks and runs of spaces as one space."""
    return " ".join((SOURCE / name).read_text(encoding="utf-8").split())


def says(name: str, phrase: str) -> None:
    assert " ".join(phrase.split()) in words(name), f"{name} does not say: {phrase}"


def rec(provision, aspect, report, statute, verdict, report_source, statute_source) -> dict:
    return dict(zip(KEYS, (provision, aspect, report, statute, verdict, report_source, statute_source)))


@pytest.fixture(scope="module")
def records():
    code, out, err = run_lexkb("audit", "-f", "json")
    assert code == 0, err
    return json.loads(out)


def find(records, provision, aspect):
    found = [r for r in records if r["provision"] == provision and r["aspect"] == aspect]
    assert len(found) == 1, (provision, aspect, found)
    return found[0]


# ---------------------------------------------------------------- each verdict, from the sources' words

def test_differs_cpf_204_fine():
    """Para. 47: 'a fine of between 1,000 and 2,000 minimum daily wages'; the 2013 edition (and the
    two later ones): 'de mil a dos mil quinientos días de multa' (1,000-2,500). The article's only
    note, 'Artículo reformado DOF 27-03-2007' (2025 edition), is before the report: no change between."""
    says("CRC-C-OPSC-MEX-Q-1-Add.1.txt", "a fine of between 1,000 and 2,000 minimum daily wages, as well as the "
                                          "definitive closure of the establishments described in section III above")
    for edition in ("cpf-dof-2013-06-07.txt", "cpf-dof-2020-01-24.txt", "cpf-dof-2025-11-28.txt"):
        says(edition, "Al responsable de este delito se le impondrá prisión de ocho a quince años y de mil a dos mil "
                      "quinientos días de multa")
    says("cpf-dof-2025-11-28.txt", "establecimientos descritos en la fracción III. Artículo reformado DOF 27-03-2007 CAPÍTULO V")
    code, out, _ = run_lexkb("audit", "-f", "json")
    assert find(json.loads(out), "CPF art. 204", "fine") == rec(
        "CPF art. 204", "fine", "1,000–2,000 days of minimum wage", f"1,000–2,500 días multa {UNIT_MARK}", "differs",
        f"{REPORT}, para. 47", f"{ED2013}, art. 204")


def test_agrees_cpf_204_imprisonment_and_measure(records):
    """Para. 47 'between 8 and 15 years' imprisonment ... as well as the definitive closure of the
    establishments'; the 2013 edition 'prisión de ocho a quince años ... así como clausura definitiva'."""
    says("CRC-C-OPSC-MEX-Q-1-Add.1.txt", "shall be penalized with between 8 and 15 years’ imprisonment")
    says("cpf-dof-2013-06-07.txt", "así como clausura definitiva de los establecimientos descritos en la fracción III.")
    assert find(records, "CPF art. 204", "imprisonment") == rec(
        "CPF art. 204", "imprisonment", "8–15 years", "8–15 years", "agrees", f"{REPORT}, para. 47", f"{ED2013}, art. 204")
    assert find(records, "CPF art. 204", "additional measures") == rec(
        "CPF art. 204", "additional measures", "definitive closure of the establishments (mandatory)",
        "definitive closure of the establishments (mandatory)", "agrees", f"{REPORT}, para. 47", f"{ED2013}, art. 204")
    assert find(records, "CPF art. 204", "existence") == rec(
        "CPF art. 204", "existence", "described", "in force: version of 2007-03-27", "agrees", f"{REPORT}, para. 47",
        f"{ED2013}, art. 204")


def test_agrees_in_numbers_with_both_units_named(records):
    """Para. 47 'a fine of between 800 and 2,000 minimum daily wages'; 2013 edition 'de ochocientos a
    dos mil días multa': the same numbers of days, in two units (lexkb's reading audit-fine-units)."""
    says("CRC-C-OPSC-MEX-Q-1-Add.1.txt", "between 7 and 12 years’ imprisonment and a fine of between 800 and 2,000 "
                                          "minimum daily wages")
    says("cpf-dof-2013-06-07.txt", "una pena de siete a doce años de prisión y de ochocientos a dos mil días multa.")
    assert find(records, "CPF art. 203", "fine") == rec(
        "CPF art. 203", "fine", "800–2,000 days of minimum wage", f"800–2,000 días multa {UNIT_MARK}", "agrees",
        f"{REPORT}, para. 47", f"{ED2013}, art. 203")
    # para. 48 and the 2013 edition: 209 bis, 'between 750 and 2,250' / 'de setecientos cincuenta a dos mil
    # doscientos cincuenta días multa'
    says("CRC-C-OPSC-MEX-Q-1-Add.1.txt", "a fine of between 750 and 2,250 minimum daily wages")
    says("cpf-dof-2013-06-07.txt", "de setecientos cincuenta a dos mil doscientos cincuenta días multa")
    assert find(records, "CPF art. 209 bis", "fine")["verdict"] == "agrees"


def test_not_in_report(records):
    """Art. 209 stands in the 2013 edition ('Artículo 209.- El que pudiendo hacerlo ...'), its last
    note before the report 'Párrafo reformado DOF 19-08-2010' (2025 edition); the report, which
    quotes arts. 203, 203 bis, 204, 206, 206 bis, 209 bis and 209 ter, never names it."""
    says("cpf-dof-2013-06-07.txt", "Artículo 209.- El que pudiendo hacerlo con su intervención inmediata")
    says("cpf-dof-2025-11-28.txt", "seis meses a tres años de prisión y de cincuenta a doscientos días multa. "
                                   "Párrafo reformado DOF 19-08-2010")
    assert "Article 209." not in words("CRC-C-OPSC-MEX-Q-1-Add.1.txt")
    assert find(records, "CPF art. 209", "existence") == rec(
        "CPF art. 209", "existence", None, "in force: version of 2010-08-19", "not in report", None,
        f"{ED2013}, art. 209")


def test_not_in_statute_lpstp(records):
    """Para. 51: LPSTP art. 6 II 'From 9 to 18 years' imprisonment and a fine of between 750 and 2,250
    minimum daily wages'. No edition of the LPSTP is in the sources (abrogated in 2012)."""
    says("CRC-C-OPSC-MEX-Q-1-Add.1.txt", "From 9 to 18 years’ imprisonment and a fine of between 750 and 2,250 "
                                          "minimum daily wages if the offence is committed")
    assert not list(SOURCE.glob("lpstp*"))
    assert find(records, "LPSTP art. 6 II", "fine") == rec(
        "LPSTP art. 6 II", "fine", "750–2,250 days of minimum wage", LPSTP_NONE, "not in statute",
        f"{REPORT}, para. 51", None)
    assert find(records, "LPSTP art. 5", "existence") == rec(
        "LPSTP art. 5", "existence", "described", LPSTP_NONE, "not in statute", f"{REPORT}, para. 51", None)


def test_nothing_compared_with_the_general_law(records):
    assert not [r for r in records if "General" in (r["statute_source"] or "") or "LGPSEDMTP" in r["statute"]]


def test_left_out_articles_repealed_before_the_report():
    """'Artículo 205. Derogado.' (2013 edition), 'Derogado DOF 27-11-2007': not law on 2010-10-12
    and not in the report, so no record; the note names it."""
    says("cpf-dof-2013-06-07.txt", "Artículo 205. Derogado.")
    says("cpf-dof-2025-11-28.txt", "27-03-2007. Derogado DOF 27-11-2007")
    code, out, _ = run_lexkb("audit")
    assert code == 0
    assert "CPF art. 205 (repealed on 2007-11-27)" in " ".join(out.split())
    code, out, _ = run_lexkb("audit", "-f", "json")
    assert "CPF art. 205" not in {r["provision"] for r in json.loads(out)}


def test_counts_of_the_whole_audit(records):
    """By hand from the sources: the report describes CPF 203, 203 bis, 204, 206, 206 bis, 209 bis,
    209 ter (paras. 47, 48, 50) and LPSTP 5, 6 (para. 51): 9 existence records; penalties of 203,
    203 bis, 204, 206, 209 bis and LPSTP 6 I and II, 4 aspects each: 28; articles in force on
    2010-10-12 that it does not describe: CPF 200, 201, 201 bis, 202, 202 bis, 205 bis, 208, 209: 8."""
    verdicts = {}
    for r in records:
        verdicts[r["verdict"]] = verdicts.get(r["verdict"], 0) + 1
    assert len(records) == 45
    assert verdicts == {"agrees": 26, "differs": 1, "not in report": 8, "not in statute": 10}


# ---------------------------------------------------------------- cannot compare: a change between the dates

def _store_with(extra: str):
    import pyoxigraph as ox

    from lexkb.store import PROLOGUE

    store = ox.Store()
    store.load(path=str(ROOT / "kb" / "generated" / "lexkb.ttl"), format=ox.RdfFormat.TURTLE)
    if extra:
        store.update(PROLOGUE + extra)
    return store


def _event(article: str, date: str, kind: str, level: str) -> str:
    a = f"https://w3id.org/lexkb/eli/mx/cpf/{article}"
    return (f"INSERT DATA {{ <{a}/amendment/test-{date}> a lexkb:AmendmentEvent ; lexkb:affectedProvision <{a}> ; "
            f"dcterms:date \"{date}\"^^xsd:date ; "
            f"lexkb:amendmentKind <https://w3id.org/lexkb/concept/amendment-kind/{kind}> ; "
            f"lexkb:amendmentLevel <https://w3id.org/lexkb/concept/amendment-level/{level}> }}")


def test_cannot_compare_when_the_article_changed_between_the_report_and_the_edition():
    """A paragraph of 204 reformed on 2012-01-01 (a fixture: the sources record none): the 2013
    edition's words are not those of 2010-10-12, so no penalty aspect is compared; the article
    still stood (a paragraph's reform does not unmake it)."""
    from lexkb.audit import audit

    result = audit(_store_with(_event("art_204", "2012-01-01", "reformado", "parrafo")))
    got = {r["aspect"]: r for r in result.records if r["provision"] == "CPF art. 204"}
    why = ("changed after 2010-10-12 and before the edition of 2013-06-07 (reformado (parrafo) 2012-01-01): "
           "the text in force on 2010-10-12 is not in the sources")
    assert got["fine"] == rec("CPF art. 204", "fine", "1,000–2,000 days of minimum wage", why, "cannot compare",
                              f"{REPORT}, para. 47", f"{ED2013}, art. 204")
    assert {a: r["verdict"] for a, r in got.items()} == {
        "existence": "agrees", "imprisonment": "cannot compare", "fine": "cannot compare",
        "additional measures": "cannot compare", "victim conditions": "cannot compare"}
    assert result.differs == 0


def test_cannot_compare_existence_when_the_article_was_repealed_between():
    from lexkb.audit import audit

    result = audit(_store_with(_event("art_206bis", "2011-05-05", "derogado", "articulo")))
    assert [r for r in result.records if r["provision"] == "CPF art. 206 bis"] == [rec(
        "CPF art. 206 bis", "existence", "described",
        "changed after 2010-10-12 and before the edition of 2013-06-07 (derogado (articulo) 2011-05-05): whether it "
        "stood on 2010-10-12 is not in the sources", "cannot compare", f"{REPORT}, para. 50", f"{ED2013}, art. 206 bis")]


def test_a_change_after_the_edition_does_not_matter():
    from lexkb.audit import audit

    result = audit(_store_with(_event("art_204", "2014-01-01", "reformado", "articulo")))
    assert find(result.records, "CPF art. 204", "fine")["verdict"] == "differs"


# ---------------------------------------------------------------- the command: formats, keys, --check, errors

def test_json_records_are_flat_with_exactly_the_keys(records):
    import jsonschema

    schema = json.loads((ROOT / "kb" / "schemas" / "audit.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(records, schema)
    for r in records:
        assert list(r) == KEYS
        assert all(v is None or isinstance(v, str) for v in r.values())
    broken = [dict(records[0], extra="x")]
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_check_exits_1_when_a_record_differs(tmp_path):
    code, out, err = run_lexkb("audit", "--check")
    assert (code, err) == (1, "")
    assert "1 differs" in out
    target = tmp_path / "audit.csv"
    code, out, err = run_lexkb("audit", "--check", "-f", "csv", "-o", str(target))
    assert (code, out) == (1, "")
    assert target.read_bytes().startswith((",".join(KEYS) + "\r\n").encode())


def test_check_exits_0_when_nothing_differs(tmp_path):
    """The same graph with the report's 204 fine set to the statute's 2,500 (a fixture), loaded into
    a persistent store: --check exits 0, read through --store."""
    store = _store_with("DELETE { ?f schema:maxValue ?m } INSERT { ?f schema:maxValue 2500.0 } WHERE { "
                        "<https://w3id.org/lexkb/id/mx/penalty/cpf-204> lexkb:fine ?f . ?f schema:maxValue ?m }")
    import pyoxigraph as ox

    nt = tmp_path / "kb.nt"
    store.dump(str(nt), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    code, _, err = run_lexkb("load", str(nt), "--store", str(tmp_path / "store"), "-q")
    assert code == 0, err
    code, out, err = run_lexkb("audit", "--check", "--store", str(tmp_path / "store"), "-f", "json")
    assert (code, err) == (0, "")
    assert find(json.loads(out), "CPF art. 204", "fine")["verdict"] == "agrees"
    assert run_lexkb("audit", "--store", str(tmp_path / "store"))[0] == 0


def test_csv_is_the_records():
    code, out, _ = run_lexkb("audit", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    _, js, _ = run_lexkb("audit", "-f", "json")
    assert rows == [{k: v or "" for k, v in r.items()} for r in json.loads(js)]


def test_md_row_and_notes():
    code, out, _ = run_lexkb("audit", "-f", "md")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "| Provision | Aspect | Report | Report source | Statute | Statute source | Verdict |"
    assert (f"| CPF art. 204 | fine | 1,000–2,000 days of minimum wage | {REPORT}, para. 47 | 1,000–2,500 días multa "
            "\\[another unit than the report's; numbers compared: lexkb's reading audit-fine-units\\] | "
            f"{ED2013}, art. 204 | differs |") in lines
    assert any(line.startswith("- lexkb's reading (audit-fine-units):") for line in lines)


def test_text_is_the_default_and_table_names_it_too(tmp_path):
    default = run_lexkb("audit")
    assert default[0] == 0
    assert run_lexkb("audit", "-f", "text") == default == run_lexkb("audit", "--format", "table")
    out = default[1]
    assert out.splitlines()[0].split() == ["Provision", "Aspect", "Report", "Report", "source", "Statute", "Statute",
                                           "source", "Verdict"]
    assert "45 record(s): 26 agrees, 1 differs, 8 not in report, 10 not in statute" in out
    assert "lexkb's reading (audit-fine-units)" in out
    target = tmp_path / "a.txt"
    assert run_lexkb("audit", "-o", str(target))[:2] == (0, "")
    assert target.read_text(encoding="utf-8") == out


@pytest.mark.parametrize("args, line", [
    (["audit", "-f", "yaml"], "lexkb: error: --format: 'yaml' is not one of text, md, csv, json"),
    (["audit", "--bogus"], "lexkb: error: audit: no such option '--bogus' (see 'lexkb audit --help')"),
    (["audit", "--timeout", "0"], "lexkb: error: --timeout 0.0: give a number of seconds greater than 0"),
])
def test_a_bad_argument_is_one_line_exit_2(args, line):
    assert run_lexkb(*args) == (2, "", line + "\n")


def test_readme_gives_the_audit_as_the_command_prints_it():
    code, out, _ = run_lexkb("audit", "-f", "md")
    assert code == 0
    assert out in (ROOT / "README.md").read_text(encoding="utf-8"), "paste `lexkb audit -f md` into the README's Audit section"


def test_the_same_audit_from_a_sparql_endpoint(tmp_path):
    """Read through --endpoint (a real Oxigraph server on 127.0.0.1), the audit is the same bytes."""
    from endpoint_server import OxigraphServer

    server = OxigraphServer(tmp_path / "data")
    try:
        code, _, err = run_lexkb("publish", "--endpoint", server.query_url, "-q")
        assert code == 0, err
        for fmt in ("json", "text"):
            assert run_lexkb("audit", "-f", fmt, "--endpoint", server.query_url) == run_lexkb("audit", "-f", fmt)
    finally:
        server.stop()
