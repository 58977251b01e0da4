"""lexkb query: SELECT/ASK/CONSTRUCT/DESCRIBE in the SPARQL 1.1 result formats, shipped queries,
bindings that cannot change a query, updates refused, one-line errors."""
import csv
import io
import json

import pytest

from conftest import ROOT, run_lexkb

SELECT = """PREFIX lexkb: <https://w3id.org/lexkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?provision ?max WHERE { ?p a lexkb:Penalty ; lexkb:prescribedBy/rdfs:label ?provision ;
  lexkb:imprisonment/schema:maxValue ?max } ORDER BY ?provision"""


def test_select_json_follows_sparql_results_json():
    code, out, err = run_lexkb("query", "-", "--format", "json", input=SELECT)
    assert code == 0, err
    result = json.loads(out)
    assert result["head"]["vars"] == ["provision", "max"]
    first = result["results"]["bindings"][0]
    assert first["provision"] == {"type": "literal", "value": "CPF art. 203"}
    assert first["max"] == {"type": "literal", "value": "12", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    assert len(result["results"]["bindings"]) == 7


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_select_csv_and_tsv(fmt, delimiter):
    code, out, _ = run_lexkb("query", "-", "--format", fmt, input=SELECT)
    assert code == 0
    lines = out.splitlines()
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["provision", "max"] and rows[1] == ["CPF art. 203", "12"]
    else:  # SPARQL TSV: variables with '?', terms in Turtle syntax
        assert lines[0] == "?provision\t?max"
        assert lines[1] == '"CPF art. 203"\t"12"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def test_select_table_for_people():
    code, out, _ = run_lexkb("query", "-", input=SELECT)
    assert code == 0
    assert out.splitlines()[0].split() == ["provision", "max"]
    assert out.rstrip().endswith("(7 rows)")


def test_ask_and_construct_and_describe():
    assert run_lexkb("query", "-", input="ASK { ?s a <https://w3id.org/lexkb/ontology#Offence> }")[1] == "true\n"
    code, out, _ = run_lexkb("query", "-", "-f", "json", input="ASK { ?s a <http://example.org/Nothing> }")
    assert json.loads(out)["boolean"] is False
    code, out, _ = run_lexkb("query", "-", "-f", "nt", input=(
        "CONSTRUCT { ?o <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?o a <https://w3id.org/lexkb/ontology#Offence> ;"
        " <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(lang(?l) = 'es') }"))
    assert code == 0 and len(out.splitlines()) == 6
    assert '<https://w3id.org/lexkb/id/mx/offence/pederasty> <http://www.w3.org/2000/01/rdf-schema#label> "pederastia"@es .' in out
    code, out, _ = run_lexkb("query", "-", input="DESCRIBE <https://w3id.org/lexkb/id/mx/penalty/cpf-203/fine>")
    assert code == 0 and 'schema:minValue "800"^^xsd:decimal' in out


@pytest.mark.parametrize("update", ["INSERT DATA { <a:s> <a:p> <a:o> }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL",
                                    "DROP DEFAULT", "LOAD <http://example.org/x.ttl>"])
def test_updates_are_refused_and_change_nothing(update):
    code, out, err = run_lexkb("query", "-", input=update)
    assert code == 2 and out == ""
    assert err == ("lexkb: error: <stdin>: SPARQL updates are refused: the knowledge base is read-only here "
                   "(edit provisions/ and run 'lexkb build')\n")
    assert run_lexkb("query", "-", input="ASK { ?s a <https://w3id.org/lexkb/ontology#Penalty> }")[1] == "true\n"


def test_syntax_error_is_one_line_with_position():
    code, out, err = run_lexkb("query", "-", input="SELECT * WHERE { ?s ?p }")
    assert code == 2 and out == ""
    assert err.startswith("lexkb: error: <stdin>: SPARQL syntax error: error at 1:")
    assert err.count("\n") == 1


SOURCE_47 = '"CRC/C/OPSC/MEX/Q/1/Add.1, para. 47"'
# What each shipped query must answer, stated from the source (CRC/C/OPSC/MEX/Q/1/Add.1): its CSV header
# and rows it must contain (for `penalties`, every row: the seven variants of paras. 47-51).
SHIPPED = {
    "penalties": ("provision,offence,condition,prison_min,prison_max,fine_min,fine_max,source", [
        f"CPF art. 203,sexual tourism,,7,12,800,2000,{SOURCE_47}",
        f"CPF art. 203 bis,sexual acts within the context of sexual tourism,,12,16,2000,3000,{SOURCE_47}",
        "CPF art. 204,procurement for prostitution of persons aged under 18 years or persons who do not have the capacity to "
        f"understand the significance of the act or are not able to offer resistance,,8,15,1000,2000,{SOURCE_47}",
        'CPF art. 206,procurement for prostitution,,2,9,50,500,"CRC/C/OPSC/MEX/Q/1/Add.1, para. 50"',
        'CPF art. 209 bis,pederasty,,9,18,750,2250,"CRC/C/OPSC/MEX/Q/1/Add.1, para. 48"',
        'LPSTP art. 6 I,trafficking in persons,,6,12,500,1500,"CRC/C/OPSC/MEX/Q/1/Add.1, para. 51"',
        "LPSTP art. 6 II,trafficking in persons,if the offence is committed against a person who is under the age of 18 or not "
        "capable of understanding the significance of the act or of offering resistance,9,18,750,2250,"
        '"CRC/C/OPSC/MEX/Q/1/Add.1, para. 51"'], True),
    "aggravations": ("factor,factor_provision,rule_provision,increase,penalty_provision", [
        "violence,CPF art. 209 bis,CPF art. 209 bis,0.5,CPF art. 209 bis",
        *[f"{f},LPSTP art. 6 III({s}),LPSTP art. 6 III,0.5,LPSTP art. 6 {v}"
          for f, s in [("indigenous-victim", "a"), ("public-office", "a"), ("relative-or-carer", "b"), ("victim-over-60", "a")]
          for v in ("I", "II")]], True),
    "amendments-2010": ("offence,effect,victim,published,source", [
        'pederasty,possibility of parole ruled out,under-18,2010-08-19,"CRC/C/OPSC/MEX/Q/1/Add.1, para. 44"',
        'pederasty,classified as serious offence under the Federal Code of Criminal Procedures,under-18,2010-08-19,'
        '"CRC/C/OPSC/MEX/Q/1/Add.1, para. 44"'], False),
    "not-in-source": ("resource,not_stated", ["CPF,date_publication", "CPF art. 205,content", "CPF art. 209,content",
                                              "LPSTP,first_date_entry_in_force"], False),
    "opsc-claims": ("domestic,opsc,claimed_in,basis,rationale", [
        'CPF art. 206 bis,OPSC art. 2(a),"CRC/C/OPSC/MEX/Q/1/Add.1, para. 49; CRC/C/OPSC/MEX/Q/1/Add.1, para. 50",'
        'inferred-from-structure,"Para. 49 says the Federal Criminal Code as a whole defines the sale of children in '
        'accordance with articles 2 (a) and 3 (a) (read as 3(1)(a)); para. 50, which follows it, quotes arts. 206 and '
        '206 bis and makes no OPSC claim."',
        'CPF art. 203,OPSC art. 2(b),"CRC/C/OPSC/MEX/Q/1/Add.1, para. 45; CRC/C/OPSC/MEX/Q/1/Add.1, para. 47",stated,'], False),
    "offence-by-name": ("id,label,defined_in,penalised_in,name",
                        ["trafficking-in-persons,trafficking in persons,LPSTP art. 5,LPSTP art. 6,trata"], True),
    "table-penalties": ("penaltyId,provision,provisionLabel,", [",7,12,800,2000,", ",9,18,750,2250,", ",2,9,50,500,"], False),
    "table-minors-vs-adults": ("adultId,minorId,conductEn,", ["cpf-206,cpf-204,procurement for prostitution,lenocinio,",
                                                            ",2,9,50,500,8,15,1000,2000,", ",6,12,500,1500,9,18,750,2250,"], False),
    "table-amendments": ("kind,offenceId,offenceEn,", [
        "serious-offence,,,,,,corruption,Decree of 19 August 2010,2010-08-19,under-18,"], False),
    "table-opsc-coverage": ("paragraph,label,summary,", [
        'OPSC art. 1,"States Parties shall prohibit sale of children, child prostitution and child pornography."'], False),
    "table-enforcement": ("kind,row,modelled,", [
        'federal-district-investigations,,,2007,,5,1,,"CRC/C/OPSC/MEX/Q/1/Add.1, para. 2",2'], False),
}


def test_shipped_queries_are_listed_and_answer_what_the_source_says():
    code, out, _ = run_lexkb("query", "--list")
    names = [line.split()[0] for line in out.splitlines()]
    assert names == sorted(p.stem for p in (ROOT / "kb" / "queries").glob("*.rq"))
    assert sorted(SHIPPED) == names, "a shipped query needs its expected answer here"
    for name in names:
        header, rows, whole = SHIPPED[name]
        args = ["--bind", "name=trata"] if name == "offence-by-name" else []
        code, out, err = run_lexkb("query", name, "--format", "csv", *args)
        assert code == 0, (name, err)
        lines = out.splitlines()
        assert lines[0].startswith(header), name
        if whole:
            assert sorted(lines[1:]) == sorted(rows), name
        else:
            for row in rows:
                assert any(row in line for line in lines[1:]), (name, row)


def test_not_in_source_query_lists_the_silences():
    code, out, _ = run_lexkb("query", "not-in-source", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert ["CPF art. 205", "content"] in rows and ["CPF", "date_publication"] in rows
    assert ["LPSTP", "first_date_entry_in_force"] in rows


@pytest.mark.parametrize("hostile", ['") } ; DROP ALL ; { ("', "x\" || true || \"", "{?s ?p ?o}", "\\\"", "'; CLEAR ALL #"])
def test_bound_user_text_cannot_change_the_query(hostile):
    code, out, err = run_lexkb("query", "offence-by-name", "--bind", f"name={hostile}", "--format", "csv")
    assert code == 0, err
    assert out.splitlines() == ["id,label,defined_in,penalised_in,name"]  # matched nothing, broke nothing
    code, out, _ = run_lexkb("query", "offence-by-name", "--bind", "name=LENOC", "--format", "csv")
    assert [row[0] for row in csv.reader(io.StringIO(out))][1:] == ["procurement", "procurement-of-minors"]


def test_bad_arguments():
    assert run_lexkb("query")[2] == "lexkb: error: give a query name, a .rq file or - (see 'lexkb query --list')\n"
    assert run_lexkb("query", "no-such-query")[2] == "lexkb: error: no query named 'no-such-query'; 'lexkb query --list' shows them\n"
    assert run_lexkb("query", "/nope/q.rq")[2] == "lexkb: error: /nope/q.rq: no such query file\n"
    code, _, err = run_lexkb("query", "penalties", "--bind", "1bad")
    assert code == 2 and err.startswith("lexkb: error: --bind '1bad': use NAME=VALUE")
    code, _, err = run_lexkb("query", "penalties", "--format", "nt")
    assert (code, err) == (2, "lexkb: error: --format nt: a SELECT query answers a table; use table, json, csv or tsv\n")
    code, _, err = run_lexkb("query", "penalties", "--format", "xml")
    assert code == 2 and err.startswith("lexkb: error: --format: unknown format 'xml'")
