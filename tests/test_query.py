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
    # CPF art. 200 (DOF 28-11-2025): "de seis meses a cinco años de prisión"
    assert first["provision"] == {"type": "literal", "value": "CPF art. 200"}
    assert first["max"] == {"type": "literal", "value": "5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    # the report's 7 variants (paras. 47-51) and the statute's 19: arts. 200, 201 bis, 202 bis, 203, 203 bis, 204, 206,
    # 209, 209 bis, 209 Quáter, 209 Quintus one each, 202 two (its first and second párrafos), 201 three incisos in each
    # of its two versions (2007 and 2016); and 22 of the General Law on trafficking (arts. 10, 13-20, 26-30, 35, some in
    # two versions or variants; of those, arts. 10 and 30 are pinned from their words in SHIPPED below)
    assert len(result["results"]["bindings"]) == 48


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_select_csv_and_tsv(fmt, delimiter):
    code, out, _ = run_lexkb("query", "-", "--format", fmt, input=SELECT)
    assert code == 0
    lines = out.splitlines()
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["provision", "max"] and rows[1] == ["CPF art. 200", "5"]
    else:  # SPARQL TSV: variables with '?', terms in Turtle syntax
        assert lines[0] == "?provision\t?max"
        assert lines[1] == '"CPF art. 200"\t"5"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def test_select_table_for_people():
    code, out, _ = run_lexkb("query", "-", input=SELECT)
    assert code == 0
    assert out.splitlines()[0].split() == ["provision", "max"]
    assert out.rstrip().endswith("(48 rows)")


def test_ask_and_construct_and_describe():
    assert run_lexkb("query", "-", input="ASK { ?s a <https://w3id.org/lexkb/ontology#Offence> }")[1] == "true\n"
    code, out, _ = run_lexkb("query", "-", "-f", "json", input="ASK { ?s a <http://example.org/Nothing> }")
    assert json.loads(out)["boolean"] is False
    code, out, _ = run_lexkb("query", "-", "-f", "nt", input=(
        "CONSTRUCT { ?o <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?o a <https://w3id.org/lexkb/ontology#Offence> ;"
        " <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(lang(?l) = 'es') }"))
    # 13 offences have a Spanish name: 5 of the report's 6 (not 'sexual acts within the context of sexual tourism', a
    # name art. 203 bis does not give) and the 8 offences of the statute alone (arts. 200, 201, 201 bis, 202, 202 bis,
    # 209, 209 Quáter, 209 Quintus), each named from the statute's own words; and 16 offences of the General Law
    assert code == 0 and len(out.splitlines()) == 29
    assert '<https://w3id.org/lexkb/id/mx/offence/procurement> <http://www.w3.org/2000/01/rdf-schema#label> "lenocinio"@es .' in out
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
E13, E20, E25 = ('"Código Penal Federal (Última Reforma DOF 07-06-2013), art. {}"',
                 '"Código Penal Federal (Última reforma publicada DOF 24-01-2020), art. {}"',
                 '"Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. {}"')
WAGE, DAY_FINE, UMA = "day of general minimum wage", "day-fine", "daily value of the Unit of Measure and Update (UMA)"
A204 = ("procurement for prostitution of persons aged under 18 years or persons who do not have the capacity to "
        "understand the significance of the act or are not able to offer resistance")
PORN = ("pornografía de personas menores de dieciocho años de edad o de personas que no tienen capacidad para comprender "
        "el significado del hecho o de personas que no tienen capacidad para resistirlo")
# (article, offence as CSV, condition as CSV, imprisonment, fine, unit, sources): the report's numbers as paras. 47-51
# print them, the statute's from each article's Spanish words (DOF 28-11-2025 unless said), one row per source
STATUTE_PENALTIES = [
    # "de seis meses a cinco años de prisión y de trescientos a quinientos días multa"
    ("200", '"comercie, distribuya, exponga, haga circular u oferte, a menores de dieciocho años de edad, libros, escritos, '
            'grabaciones, filmes, fotografías, anuncios impresos, imágenes u objetos, de carácter pornográfico"', "",
     "0.5,5", "300,500", DAY_FINE, (E13, E20, E25)),
    # "en el caso del inciso a) o b) pena de prisión de cinco a diez años y multa de quinientos a mil días; … inciso c)
    # … de cuatro a nueve años y de cuatrocientos a novecientos días multa; … inciso e) o f) … de siete a doce años y
    # multa de ochocientos a dos mil quinientos días" (the same words in each edition, in both versions)
    ("201", "corrupción de menores", "en el caso del inciso a) o b)", "5,10", "500,1000", DAY_FINE, (E13, E20, E25)),
    ("201", "corrupción de menores", "en el caso del inciso c)", "4,9", "400,900", DAY_FINE, (E13, E20, E25)),
    ("201", "corrupción de menores", "en el caso del inciso e) o f)", "7,12", "800,2500", DAY_FINE, (E13, E20, E25)),
    # "prisión de uno a tres años y de trescientos a setecientos días multa"
    ("201 bis", '"emplear a personas menores de dieciocho años de edad o a personas que no tienen capacidad para comprender '
                'el significado del hecho, en cantinas, tabernas, bares, antros, centros de vicio o cualquier otro lugar en '
                'donde se afecte de forma negativa su sano desarrollo físico, mental o emocional"', "", "1,3", "300,700",
     DAY_FINE, (E13, E20, E25)),
    # "pena de siete a doce años de prisión y de ochocientos a dos mil días multa", twice (párrafos 1 and 2)
    ("202", PORN, "", "7,12", "800,2000", DAY_FINE, (E13, E20, E25)),
    ("202", PORN, '"A quien fije, imprima, video grabe, fotografíe, filme o describa actos de exhibicionismo corporal o '
                  'lascivos o sexuales, reales o simulados, en que participen una o varias personas menores de dieciocho '
                  'años de edad"', "7,12", "800,2000", DAY_FINE, (E13, E20, E25)),
    # "de uno a cinco años de prisión y de cien a quinientos días multa"
    ("202 bis", '"almacene, compre, arriende, el material a que se refieren los párrafos anteriores, sin fines de '
                'comercialización o distribución"', "", "1,5", "100,500", DAY_FINE, (E13, E20, E25)),
    # "de siete a doce años de prisión y de ochocientos a dos mil días multa"; para. 47 "between 7 and 12 … 800 and 2,000"
    ("203", "sexual tourism", "", "7,12", "800,2000", DAY_FINE, (E13, E20, E25)),
    ("203", "sexual tourism", "", "7,12", "800,2000", WAGE, (SOURCE_47,)),
    # "de doce a dieciséis años de prisión y de dos mil a tres mil días multa"; para. 47 "12 and 16 … 2,000 and 3,000"
    ("203 bis", "sexual acts within the context of sexual tourism", "", "12,16", "2000,3000", DAY_FINE, (E13, E20, E25)),
    ("203 bis", "sexual acts within the context of sexual tourism", "", "12,16", "2000,3000", WAGE, (SOURCE_47,)),
    # "prisión de ocho a quince años y de mil a dos mil quinientos días de multa"; para. 47 "8 and 15 … 1,000 and 2,000"
    ("204", A204, "", "8,15", "1000,2500", DAY_FINE, (E13, E20, E25)),
    ("204", A204, "", "8,15", "1000,2000", WAGE, (SOURCE_47,)),
    # "prisión de dos a nueve años y de cincuenta a quinientos días multa"; para. 50 "2 and 9 … 50 and 500"
    ("206", "procurement for prostitution", "", "2,9", "50,500", DAY_FINE, (E13, E20, E25)),
    ("206", "procurement for prostitution", "", "2,9", "50,500", WAGE, ('"CRC/C/OPSC/MEX/Q/1/Add.1, para. 50"',)),
    # "la pena de seis meses a tres años de prisión y de cincuenta a doscientos días multa"
    ("209", '"no impidiere la comisión de uno de los delitos contemplados en el Título VIII, Libro Segundo, de este Código '
            'o en la Ley Federal para Prevenir y Sancionar la Trata de Personas"', "", "0.5,3", "50,200", DAY_FINE,
     (E13, E20, E25)),
    # "de nueve a dieciocho años de prisión y de setecientos cincuenta a dos mil doscientos cincuenta días multa"; para. 48
    ("209 bis", "pederasty", "", "9,18", "750,2250", DAY_FINE, (E13, E20, E25)),
    ("209 bis", "pederasty", "", "9,18", "750,2250", WAGE, ('"CRC/C/OPSC/MEX/Q/1/Add.1, para. 48"',)),
    # "pena de ocho a quince años de prisión y de mil a dos mil quinientos días multa" ("Artículo adicionado DOF
    # 25-04-2023": in the 2025 edition only)
    ("209 quater", "cohabitación forzada de personas menores de dieciocho años de edad o de personas que no tienen "
                   "capacidad para comprender el significado del hecho o de personas que no tienen capacidad para resistirlo",
     "", "8,15", "1000,2500", DAY_FINE, (E25,)),
    # "de dos a seis años de prisión y multa de mil a dos mil veces el valor diario de la Unidad de Medida y
    # Actualización" ("Artículo adicionado DOF 07-06-2024")
    ("209 quintus", '"realice, imparta, aplique, obligue o financie cualquier tipo de tratamiento, terapia, servicio o '
                    'práctica que obstaculice, restrinja, impida, menoscabe, anule o suprima la orientación sexual, identidad '
                    'o expresión de género de una persona"', "", "2,6", "1000,2000", UMA, (E25,)),
]
PENALTY_ROWS = [f"CPF art. {art},{offence},{condition},{prison},{fine},{unit},{source.format(art)}"
                for art, offence, condition, prison, fine, unit, sources in STATUTE_PENALTIES for source in sources]
# CPF art. 201: two versions, its three penalties in each; the 2007 version's in the 2013 edition, the 2016 version's in
# the 2020 and 2025 editions ("Párrafo reformado DOF 18-07-2016"): 9 rows, not 3 x 3 of one version
PENALTY_ROWS = [r for r in PENALTY_ROWS if not r.startswith("CPF art. 201,")] + [
    f"CPF art. 201,corrupción de menores,{c},{prison},{fine},{DAY_FINE},{src.format('201')}"
    for c, prison, fine in [("en el caso del inciso a) o b)", "5,10", "500,1000"), ("en el caso del inciso c)", "4,9", "400,900"),
                            ("en el caso del inciso e) o f)", "7,12", "800,2500")]
    for src in (E13, E20, E25)]
# 205 bis (2012 version, "Párrafo reformado DOF … 14-06-2012"): "las sanciones señaladas en los artículos 200, 201 y
# 204 … se aumentarán al doble" (increase 1), incisos a) to j); its 2023 version: "200, 201, 202, 203, 203 Bis, 204 y
# 209 Bis"
INCISOS = ["a-patria-potestad", "b-ascendientes", "c-colaterales", "d-tutores", "e-subordinacion", "f-funcion-publica",
           "g-mismo-domicilio", "h-ministro-de-culto", "i-violencia", "j-lazo-afectivo"]
AGGRAVATED_2012 = ["200"] + ["201"] * 6 + ["204"]                       # both versions of 201, 3 penalties each
AGGRAVATED_2023 = ["200"] + ["201"] * 3 + ["202"] * 2 + ["203", "203 bis", "204", "209 bis"]  # 201's 2016 version
AGGRAVATION_ROWS = [
    *[f"cpf-205bis-v{v}-{i},CPF art. 205 bis,CPF art. 205 bis,1,CPF art. {a}"
      for v, arts in (("2012-06-14", AGGRAVATED_2012), ("2023-10-18", AGGRAVATED_2023)) for i in INCISOS for a in arts],
    # 209 bis: "las penas se aumentarán en una mitad más"; para. 48 "shall be increased by half"
    "cpf-209bis-v2010-08-19-violencia-fisica,CPF art. 209 bis,CPF art. 209 bis,0.5,CPF art. 209 bis",
    "violence,CPF art. 209 bis,CPF art. 209 bis,0.5,CPF art. 209 bis",
    # 209 Quáter: "se aumentará hasta en una mitad" (a ceiling: 0.5)
    "cpf-209quater-v2023-04-25-victima-indigena-o-afromexicana,CPF art. 209 quater,CPF art. 209 quater,0.5,CPF art. 209 quater",
    # 209 Quintus: "Se aumentará al doble" (minors, older adults, disability) and "se aumentarán al doble" (incisos a)-c))
    *[f"cpf-209quintus-v2024-06-07-{f},CPF art. 209 quintus,CPF art. 209 quintus,1,CPF art. 209 quintus"
      for f in ("a-subordinacion", "adultos-mayores", "b-funcion-publica", "c-violencia", "discapacidad", "menores")],
    *[f"{f},LPSTP art. 6 III({s}),LPSTP art. 6 III,0.5,LPSTP art. 6 {v}"
      for f, s in [("indigenous-victim", "a"), ("public-office", "a"), ("relative-or-carer", "b"), ("victim-over-60", "a")]
      for v in ("I", "II")]]
# What each shipped query must answer, stated from the sources: its CSV header and rows it must contain (for
# `penalties` and `aggravations`, every row).
LGL = ('"Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas y para la Protección '
       'y Asistencia a las Víctimas de estos Delitos (Última reforma publicada DOF 14-11-2025), art. {}"')
GENERAL_LAW_ROWS = [
    # art. 10 (DOF 14-11-2025): "se le impondrá de 5 a 15 años de prisión y de un mil a veinte mil días multa"
    'General Law on trafficking (2012) art. 10,"acción u omisión dolosa de una o varias personas para captar, enganchar, '
    'transportar, transferir, retener, entregar, recibir o alojar a una o varias personas con fines de explotación",,5,15,'
    f'1000,20000,{DAY_FINE},{LGL.format(10)}',
    # art. 30: "Se impondrá pena de 15 a 25 años de prisión, y de 2 mil a 30 mil días multa"
    'General Law on trafficking (2012) art. 30,"a quien realice la extracción, remoción u obtención de un órgano, tejido o '
    'células de seres humanos vivos, a cambio de un beneficio o a través de una transacción comercial",,15,25,2000,30000,'
    f'{DAY_FINE},{LGL.format(30)}',
]
NOT_IN_SOURCE = ["CPF,date_publication", "CPF,first_date_entry_in_force", "Decree of 19 August 2010,first_date_entry_in_force",
                 "General Law on trafficking (2012),first_date_entry_in_force", "LPSTP,date_no_longer_in_force",
                 "LPSTP,first_date_entry_in_force"]
SHIPPED = {
    # every row of the CPF and the report (whole); the General Law's rows: see GENERAL_LAW_ROWS
    "penalties": ("provision,offence,condition,prison_min,prison_max,fine_min,fine_max,fine_unit,source", [
        *PENALTY_ROWS,
        f'LPSTP art. 6 I,trafficking in persons,,6,12,500,1500,{WAGE},"CRC/C/OPSC/MEX/Q/1/Add.1, para. 51"',
        "LPSTP art. 6 II,trafficking in persons,if the offence is committed against a person who is under the age of 18 or not "
        f"capable of understanding the significance of the act or of offering resistance,9,18,750,2250,{WAGE},"
        '"CRC/C/OPSC/MEX/Q/1/Add.1, para. 51"'], True),
    # every row of the CPF and the report (whole); the General Law's (arts. 16 and 42) are not pinned here
    "aggravations": ("factor,factor_provision,rule_provision,increase,penalty_provision", AGGRAVATION_ROWS, True),
    "amendments-2010": ("offence,effect,victim,published,source", [
        'pederasty,possibility of parole ruled out,under-18,2010-08-19,"CRC/C/OPSC/MEX/Q/1/Add.1, para. 44"',
        'pederasty,classified as serious offence under the Federal Code of Criminal Procedures,under-18,2010-08-19,'
        '"CRC/C/OPSC/MEX/Q/1/Add.1, para. 44"'], False),
    # arts. 205, 205 bis, 207, 208 and 209 are described by the statute now: only the instruments' dates stay silent
    "not-in-source": ("resource,not_stated", NOT_IN_SOURCE, True),
    "opsc-claims": ("domestic,opsc,claimed_in,basis,rationale", [
        'CPF art. 206 bis,OPSC art. 2(a),"CRC/C/OPSC/MEX/Q/1/Add.1, para. 49; CRC/C/OPSC/MEX/Q/1/Add.1, para. 50",'
        'inferred-from-structure,"Para. 49 says the Federal Criminal Code as a whole defines the sale of children in '
        'accordance with articles 2 (a) and 3 (a) (read as 3(1)(a)); para. 50, which follows it, quotes arts. 206 and '
        '206 bis and makes no OPSC claim."',
        'CPF art. 203,OPSC art. 2(b),"CRC/C/OPSC/MEX/Q/1/Add.1, para. 45; CRC/C/OPSC/MEX/Q/1/Add.1, para. 47",stated,'], False),
    "offence-by-name": ("id,label,defined_in,penalised_in,name",
                        ["trafficking-in-persons,trafficking in persons,LPSTP art. 5,LPSTP art. 6,trata"], True),
    # CPF 201 bis 1 in the 2025 edition: "Artículo 201 bis 1. Se deroga" / "… Derogado DOF 2703-2007" (sic)
    "table-history": ("article,articleLabel,kind,", [
        "CPF art. 201 bis 1,repeal,https://w3id.org/lexkb/eli/mx/cpf/art_201bis1,2007-03-27,,,,,,,,"
        'Artículo 201 bis 1. Se deroga,,,,,,,,,,,,,,"Código Penal Federal (Última reforma publicada DOF 28-11-2025), '
        'art. 201 bis 1"'], False),
    "table-penalties": ("penaltyId,provision,provisionLabel,", [",7,12,800,2000,", ",9,18,750,2250,", ",2,9,50,500,"], False),
    # the CPF pair (206 / 204) is pinned in test_minors_vs_adults_pairs_cpf_206_with_204 below
    "table-minors-vs-adults": ("how,adultId,minorId,conductEn,", [
        # LPSTP art. 6 as the report gives it (para. 51): 6-12 years and 500-1,500 days; 9-18 and 750-2,250 for minors
        "variants,lpstp-6-I,lpstp-6-II,trafficking in persons,trata de personas,",
        ",6,12,500,1500,https://w3id.org/lexkb/ontology#DayOfMinimumWage,9,18,750,2250,"
        "https://w3id.org/lexkb/ontology#DayOfMinimumWage,"], False),
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
        if whole:  # every row of the CPF and the report; the General Law's rows are pinned apart
            assert sorted(l for l in lines[1:] if "General Law on trafficking (2012) art." not in l) == sorted(rows), name
            if name == "penalties":
                for row in GENERAL_LAW_ROWS:
                    assert row in lines[1:], row
        else:
            for row in rows:
                assert any(row in line for line in lines[1:]), (name, row)


@pytest.mark.xfail(strict=True, reason="table-minors-vs-adults pairs an adult and a minors' offence by an identical Spanish "
                   "name; the statute names CPF 206 bis 'lenocinio' and 204 'lenocinio de personas menores de dieciocho años "
                   "de edad o de …', so the pair (and the report's 206/204 rows) vanished: the table's owners must pair them "
                   "otherwise (e.g. by a declared counterpart)")
def test_minors_vs_adults_pairs_cpf_206_with_204():
    code, out, _ = run_lexkb("query", "table-minors-vs-adults", "--format", "csv")
    lines = out.splitlines()[1:]
    # para. 50 (206): "between 2 and 9 years' imprisonment and a fine of between 50 and 500"; para. 47 (204): "between 8
    # and 15 years' imprisonment and a fine of between 1,000 and 2,000"
    assert any(l.startswith("cpf-206,cpf-204,procurement for prostitution,") for l in lines)
    assert any(",2,9,50,500,8,15,1000,2000," in l for l in lines)


def test_not_in_source_query_lists_the_silences():
    code, out, _ = run_lexkb("query", "not-in-source", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert [",".join(r) for r in rows[1:]] == NOT_IN_SOURCE
    assert not any(" art. " in r[0] for r in rows[1:])  # no article is 'not in source' any longer


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
    assert (code, err) == (2, "lexkb: error: --format nt: a SELECT query answers a table; use text, json, csv or tsv\n")
    code, _, err = run_lexkb("query", "penalties", "--format", "xml")
    assert code == 2 and err.startswith("lexkb: error: --format: unknown format 'xml'")
