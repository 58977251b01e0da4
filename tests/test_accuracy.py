"""Issue 10: what a line-by-line review of the encoding against paragraphs 40-55 of
CRC/C/OPSC/MEX/Q/1/Add.1 found, each fix pinned by its exact output."""
import json

import pytest

from conftest import ROOT, run_lexkb
from lexkb.penalty import FROM_PUBLICATION, answer
from lexkb.provision_view import describe, render

UNDER_18 = "person aged under 18 years"
LACKING = "person who does not have the capacity to understand the significance of the act"
UNABLE = "person who is unable to offer resistance"


def one(index, query, on=None, factors=()):
    [o] = answer(query, index, list(factors), on)[0]["results"]
    return o


# ------------------------------------------------------------------ errors
def test_trafficking_covers_any_person_and_the_minors_clause_waives_the_means(index):
    o = one(index, "trafficking")
    assert o["victim_conditions"] == []  # art. 5: "a person"
    rule = next(r for r in o["rules"] if r["id"] == "lpstp-5-means-not-required")
    assert rule["victim_conditions"] == [{"id": "under-18", "label": UNDER_18}, {"id": "lacking-capacity", "label": LACKING},
                                         {"id": "unable-to-resist", "label": UNABLE}]
    [ii] = [p for p in o["penalties"] if p["provision"] == "LPSTP art. 6 II"]
    assert [c["id"] for c in ii["victim_conditions"]] == ["lacking-capacity", "unable-to-resist", "under-18"]
    code, out, _ = run_lexkb("penalty", "trafficking")
    assert code == 0 and "victims:" not in out.split("  rule:")[0]
    assert ("  rule: no verification of commissive means required (LPSTP art. 5); victims: person aged under 18 years; "
            "person who does not have the capacity to understand the significance of the act; person who is unable to "
            "offer resistance\n") in out


def test_no_invented_article_for_child_pornography():
    assert "202" not in (ROOT / "kb" / "generated" / "statistics.ttl").read_text(encoding="utf-8")
    from lexkb.tables import build_table

    [row] = [r for r in build_table("enforcement").rows if r["offence"] == "Child pornography"]
    assert (row["instrument"], row["article"], row["variant"]) == (
        "not in source", "not in source", "not modelled in this knowledge base; linked by name only, article not in source")


def test_amendments_table_says_which_wording_is_linked_to_which_article_and_why():
    from lexkb.tables import build_table

    table = build_table("amendments")
    # the note names no instrument of a State: the readings themselves say which wording goes to which article
    assert table.notes[2] == (
        "The source (para. 44) names offences, not articles: which modelled offences each effect reaches is lexkb's "
        "reading, not the source's words; see the readings column and their notes.")
    assert table.notes[3] == "Offences of the knowledge base lexkb links to no effect of the decree: trafficking in persons (LPSTP art. 6)."
    assert table.notes[5].startswith("lexkb's reading decree-2010-procurement-of-minors (editorial): 'Procurement for "
                                     "prostitution … involving persons under the age of 18' is CPF art. 204")
    assert not any("does not name" in n for n in table.notes)
    row = next(r for r in table.rows if r["_offence_id"] == "procurement")
    assert (row["parole_after"], row["compensation_after"]) == ("no change stated in source", "scope extended")
    assert [x.id for x in row["readings"]] == ["decree-2010-compensation-class", "decree-2010-procurement-of-minors"]


# ------------------------------------------------------------------ smaller errors
def test_measure_labels_are_each_provisions_own_words(index):
    statute, report = one(index, "209 bis")["penalties"]
    assert report["additional_measures"][0] == (
        "barred, removed or suspended from public office or profession (mandatory; for a period equal to that of the "
        "prison sentence; condition: If the crime is committed by a public servant or by a professional through or in "
        "the exercise of his or her profession)")
    # the statute's condition in its own words, CPF art. 209 Bis (DOF 28-11-2025): "Cuando el delito fuere cometido por
    # un servidor público o un profesionista en ejercicio de sus funciones o con motivo de ellas"
    assert statute["additional_measures"][0] == (
        "barred, removed or suspended from public office or profession (mandatory; for a period equal to that of the "
        "prison sentence; condition: Cuando el delito fuere cometido por un servidor público o un profesionista en "
        "ejercicio de sus funciones o con motivo de ellas)")
    [p] = one(index, "LPSTP 6 I", factors=["public-office"])["penalties"]
    assert p["additional_measures"] == [
        "loss of job, removal and bar from office and public service in general (mandatory; for a period equal to that "
        "of the prison sentence; condition: in which case the public servant shall lose his or her job and be removed "
        "and barred from office and public service in general for a period equal to the prison sentence imposed) "
        "[LPSTP art. 6 III(a)]"]


def test_what_is_not_in_force_on_the_date_is_shown_as_such_in_every_format(index):
    o, later = answer("LPSTP 6", index, [], "2012-06-15")[0]["results"]
    # the General Law's art. 10 offence, by lexkb's reading of succession (provisions/lgpsedmtp/10.md)
    assert (later["id"], later["continues"]["reading"]) == ("general-law-trafficking", "general-law-10-continues-lpstp-5")
    assert (o["in_force"], o["in_force_basis"]) == (False, FROM_PUBLICATION)
    assert (o["penalties"], o["aggravating_factors"], o["rules"], o["opsc"], o["opsc_claims"]) == ([], [], [], [], [])
    off = o["not_in_force"]
    assert off["on"] == "2012-06-15" and off["penalties"] == ["LPSTP art. 6 I", "LPSTP art. 6 II"]
    assert [f["id"] for f in off["aggravating_factors"]] == ["indigenous-victim", "public-office", "victim-over-60",
                                                              "relative-or-carer"]
    assert off["opsc"] == ["2(a)", "3(1)(a)"]
    assert off["reason"] == ("not in force on 2012-06-15 (inferred from publication dates; dates of entry into force "
                             "not in source): LPSTP was abrogated by the General Law on trafficking (2012), published "
                             "2012-06-14")
    code, out, _ = run_lexkb("penalty", "LPSTP 6", "--on", "2012-06-15")
    assert ("  no penalty applies on that date\n"
            "  not in force on 2012-06-15, so none of this applies (shown for reference):\n"
            "    penalties under LPSTP art. 6 I, LPSTP art. 6 II\n"
            "    aggravating factors: indigenous-victim, public-office, victim-over-60, relative-or-carer\n") in out
    lpstp = out.split("\n\n")[0]  # then General Law art. 10, by lexkb's reading of succession, with its own factors
    assert "aggravating factors (use --with ID)" not in lpstp and "[general-law-trafficking]" in out
    for fmt in ("csv", "md"):
        code, out, _ = run_lexkb("penalty", "LPSTP 6", "--on", "2012-06-15", "--format", fmt)
        assert code == 0 and "LPSTP art. 6 I; LPSTP art. 6 II" in out and ",false," in out.replace(" | ", ",") \
            .replace("|", ","), out
    assert one(index, "LPSTP 6", on="2011-01-01")["not_in_force"] is None


def test_in_force_answer_says_it_is_inferred_from_publication_dates(index):
    o = one(index, "trata", on="2011-01-01")
    assert (o["in_force"], o["in_force_basis"]) == (True, "inferred from publication dates; dates of entry into force not in source")
    assert o["notes"][0] == ("in force on 2011-01-01 (inferred from publication dates; dates of entry into force not in "
                             "source): LPSTP published 2007-11-27; abrogated by the General Law on trafficking (2012), published "
                             "2012-06-14")
    # CPF art. 203: its version of 2007-03-27 ("Artículo reformado DOF … 27-03-2007") dates it; before it, not in source
    assert one(index, "203", on="2011-01-01")["in_force_basis"] == (
        "from the dates of the article's versions (journal publication of each decree); entry into force not in source")
    assert one(index, "203", on="2005-01-01")["in_force_basis"] == "not in source"
    assert one(index, "trata")["in_force_basis"] is None


def test_minors_table_names_the_general_column_for_what_it_is():
    from lexkb.tables import build_table

    cols = {c.key: c.label for c in build_table("minors-vs-adults").columns}
    assert (cols["adult_provision"], cols["adult"]) == ("Any person (no age or capacity condition): provision",
                                                        "Any person (no age or capacity condition)")


def test_the_same_penalty_rule_names_its_victims(index):
    [rule] = [r for r in one(index, "209 bis")["rules"] if r["id"] == "cpf-209bis-same-penalty"]
    assert rule["label"] == "the same penalty applies to the victims the rule names"
    assert rule["victim_conditions"] == [{"id": "lacking-capacity", "label": LACKING},
                                         {"id": "unable-to-resist", "label": UNABLE}]


# ------------------------------------------------------------------ omissions
def test_para_46_is_a_source_passage_of_the_art_204_offence(index, compiled):
    # the statute's art. 204 and the art. 205 bis that aggravates it, in each edition, then the report's paragraphs
    assert one(index, "204")["sources"] == [
        "Código Penal Federal (Última Reforma DOF 07-06-2013), art. 204",
        "Código Penal Federal (Última Reforma DOF 07-06-2013), art. 205 bis",
        "Código Penal Federal (Última reforma publicada DOF 24-01-2020), art. 204",
        "Código Penal Federal (Última reforma publicada DOF 24-01-2020), art. 205 bis",
        "Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. 204",
        "Código Penal Federal (Última reforma publicada DOF 28-11-2025), art. 205 bis",
        "CRC/C/OPSC/MEX/Q/1/Add.1, para. 1", "CRC/C/OPSC/MEX/Q/1/Add.1, para. 46", "CRC/C/OPSC/MEX/Q/1/Add.1, para. 47"]
    from rdflib import URIRef
    from rdflib.namespace import RDF

    assert (URIRef("https://w3id.org/lexkb/source/CRC-C-OPSC-MEX-Q-1-Add.1/para-46"), RDF.type,
            URIRef("https://w3id.org/lexkb/ontology#SourcePassage")) in compiled.graph


def test_compensation_effect_is_linked_and_shown(index):
    for q in ("203", "203 bis", "204", "206", "209 bis"):
        [a] = [a for a in one(index, q)["amendments"] if a["kind"] == "compensation-extended"]
        assert (a["label"], a["victim_conditions"], a["source"]) == ("scope of compensation extended", [],
                                                                    "CRC/C/OPSC/MEX/Q/1/Add.1, para. 44")
    assert one(index, "LPSTP 6")["amendments"] == []
    code, out, _ = run_lexkb("query", "amendments-2010", "--format", "csv")
    assert "procurement for prostitution,scope of compensation extended,,2010-08-19,\"CRC/C/OPSC/MEX/Q/1/Add.1, para. 44\"" in out


def test_quoted_words_are_encoded(index):
    pederasty = one(index, "209 bis")
    assert pederasty["circumstances"] == ["with or without his or her consent"]
    assert pederasty["relationships"] == ["carer", "cultural", "custodian of any kind", "domestic", "guardian",
                                          "legal representative", "medical", "other type of relationship", "pedagogic",
                                          "relative", "religious", "work-related"]
    assert one(index, "LPSTP 5")["circumstances"] == ["for himself or herself or for a third party"]
    tourism = next(o for o in index["offences"] if o["id"] == "sexual-tourism")
    assert tourism["circumstances"] == ["for a person or persons to travel inside or outside the national territory"]
    assert tourism["purposes"] == ["performing any kind of real or simulated sexual act"]


def test_the_reports_name_of_the_act_finds_trafficking(index):
    assert one(index, "human trafficking")["id"] == "trafficking-in-persons"
    assert run_lexkb("penalty", "human trafficking")[0] == 0


def test_annex_v_is_recorded(index):
    decree = next(i for i in index["instruments"].values() if i["id"] == "decree-2010")
    assert sorted(decree["sources"]) == [
        "CRC/C/OPSC/MEX/Q/1/Add.1, annex IV (the decree of 19 August 2010, cited in para. 44; not in the text of the report)",
        "CRC/C/OPSC/MEX/Q/1/Add.1, annex V, \"Comparative table of the amendments of 19 August 2010\" (cited in para. 44; "
        "not in the text of the report)",
        "CRC/C/OPSC/MEX/Q/1/Add.1, para. 44"]


@pytest.mark.parametrize("article,summary", [("11", "More favourable provisions."), ("12", "Reports."),
                                             *[(str(n), "Final clauses.") for n in range(13, 18)]])
def test_opsc_articles_11_to_17(index, article, summary):
    d = describe(f"OPSC {article}", index)
    assert (d["provision"], d["text"], d["text_kind"]) == (f"OPSC art. {article}", summary,
                                                          "description (not the treaty text)")


def test_the_reports_citation_style_resolves_and_says_how(index):
    d = describe("OPSC 3 (b)", index)
    assert d["provision"] == "OPSC art. 3(1)(b)"
    assert d["read_as"] == {"provision": "OPSC art. 3(1)(b)", "reading": (
        "the report cites article 3's lettered sub-paragraphs without their paragraph number (\"article 3 (b)\", "
        "paras. 45 and 49); OPSC article 3 has them in paragraph 1")}
    assert render(d).splitlines()[2] == (
        "  read 'OPSC 3 (b)' as OPSC art. 3(1)(b): the report cites article 3's lettered sub-paragraphs without their "
        "paragraph number (\"article 3 (b)\", paras. 45 and 49); OPSC article 3 has them in paragraph 1")
    assert describe("OPSC 3(1)(b)", index)["read_as"] is None
    code, out, _ = run_lexkb("show", "OPSC 3 (a)", "--format", "json")
    assert code == 0 and json.loads(out)["provision"] == "OPSC art. 3(1)(a)"


# ------------------------------------------------------------------ say what is interpretation
def test_penalty_json_gives_each_claims_basis_as_fields(index):
    claims = one(index, "206")["opsc_claims"]
    assert [(c["provision"], c["opsc"], c["basis"]) for c in claims] == [
        ("CPF art. 206 bis", "2(a)", "inferred-from-structure"), ("CPF art. 206 bis", "2(a)", "inferred-from-structure"),
        ("CPF art. 206 bis", "3(1)(a)", "inferred-from-structure"), ("CPF art. 206 bis", "3(1)(a)", "inferred-from-structure"),
        ("CPF art. 206", "3(1)(a)", "inferred-from-structure"), ("CPF art. 206", "3(1)(a)", "inferred-from-structure")]
    assert claims[0]["rationale"].startswith("Para. 49 says the Federal Criminal Code as a whole defines the sale of children")
    assert {c["basis"] for c in one(index, "203")["opsc_claims"]} == {"stated"}


def test_penalty_shows_readings_with_words_and_alternative(index):
    o = one(index, "trata")
    assert [r["id"] for r in o["readings"]] == ["general-law-10-continues-lpstp-5", "lpstp-6-III-c-d-not-aggravations",
                                                "lpstp-6-III-one-increase", "para-49-definition-claims"]
    r = o["readings"][2]
    assert r == {"id": "lpstp-6-III-one-increase",
                 "reading": "One increase by half, however many of the situations in (a) and (b) are present.",
                 "rests_on": ["shall be increased by half in the following situations"],
                 "alternative": ("One increase by half for each situation present (a victim over 60 who is indigenous: "
                                 "increased by half twice)."),
                 "basis": "editorial", "basis_label": "editorial: lexkb's own reading",
                 "rationale": "Section III states one increase for a list of situations and says nothing of their combination.",
                 "sources": ["CRC/C/OPSC/MEX/Q/1/Add.1, para. 51"]}
    code, out, _ = run_lexkb("penalty", "trata")
    assert ("  lexkb's reading [lpstp-6-III-one-increase] (editorial: lexkb's own reading), not the source's words: One "
            "increase by half, however many of the situations in (a) and (b) are present.\n"
            "    rests on: \"shall be increased by half in the following situations\" [para. 51]\n"
            "    alternative: One increase by half for each situation present (a victim over 60 who is indigenous: "
            "increased by half twice).\n") in out


def test_show_gives_basis_and_readings(index):
    text = render(describe("CPF 206", index))
    assert ("  implements OPSC 3(1)(a), as the State claims [para. 49, para. 50] — basis: inferred from the source's "
            "structure: Para. 49 says the Federal Criminal Code as a whole defines") in text
    assert "  lexkb's reading [para-49-definition-claims] (editorial: lexkb's own reading)" in text
    d = describe("LPSTP 6", index)
    assert [r["id"] for r in d["readings"]] == ["general-law-10-continues-lpstp-5", "lpstp-6-III-c-d-not-aggravations",
                                                "lpstp-6-III-one-increase", "para-49-definition-claims"]


def test_tables_give_basis_and_readings_in_every_format():
    from lexkb.tables import build_table
    from lexkb.tables.render import render as render_table

    coverage = build_table("opsc-coverage")
    row = next(r for r in coverage.rows if r["opsc"].text == "2(b)")
    assert [str(b) for b in row["basis"]] == ["CPF art. 203: stated by the source", "CPF art. 203 bis: stated by the source",
                                              "CPF art. 204: stated by the source"]
    # machine formats: the basis ids in the order of the provisions, each claim's rationale in its own column
    csv_text = render_table(coverage, "csv")
    assert ("2(a),Definition: sale of children.,CPF art. 206 bis; LPSTP art. 5,claimed,"
            "inferred-from-structure; inferred-from-structure,") in csv_text
    assert ',"Para. 49 says the Federal Criminal Code as a whole defines the sale of children' in csv_text
    doc = json.loads(render_table(coverage, "json"))
    [two_a] = [r for r in doc["rows"] if r["opsc"] == "2(a)"]
    assert (two_a["provisions"], two_a["basis"]) == (["CPF art. 206 bis", "LPSTP art. 5"],
                                                    ["inferred-from-structure", "inferred-from-structure"])
    assert two_a["rationale"][0].startswith("Para. 49 says the Federal Criminal Code as a whole defines the sale")
    penalties = build_table("penalties")
    doc = json.loads(render_table(penalties, "json"))
    assert [r["id"] for r in doc["readings"]] == [
        "cpf-205bis-al-doble-bounds", "cpf-208-offence-labelled-by-its-conduct", "cpf-209bis-statute-violence-bounds", "cpf-209quater-la-pena-components",
        "cpf-209quintus-doubling-bounds", "cpf-unnamed-offences-labelled-by-their-conduct", "decree-2010-compensation-class",
        "decree-2010-procurement-of-minors", "decree-2010-sexual-tourism", "general-law-10-continues-lpstp-5",
        "lgpsedmtp-13-menores-de-edad",
        "lgpsedmtp-16-increase-bounds", "lgpsedmtp-42-II-not-art-13", "lgpsedmtp-42-bounds", "lgpsedmtp-43-bounds",
        "lgpsedmtp-offences-labelled-by-their-conduct", "lpstp-6-III-c-d-not-aggravations", "lpstp-6-III-one-increase",
        "para-49-definition-claims"]
    md = render_table(penalties, "md")
    assert "- lexkb's reading lpstp-6-III-one-increase (editorial): One increase by half" in md
    assert "| 2(a), 3(1)(a) (paras. 49, 50; inferred from the source's structure) |" in md
    assert "lpstp-6-III-one-increase (editorial): One increase by half" in render_table(penalties, "csv")


def test_report_pages_give_basis_and_readings():
    from lexkb.report import build_pages

    pages = build_pages()
    page = pages["provisions/cpf-art-206.html"]
    # the citation is a link to the paragraph's page
    assert ('(<a href="../sources/CRC-C-OPSC-MEX-Q-1-Add.1/para-49.html">CRC/C/OPSC/MEX/Q/1/Add.1, para. 49</a>; basis: '
            "inferred from the source's structure: Para. 49 says the Federal Criminal Code as a whole") in page
    lpstp = pages["provisions/lpstp-art-6-iii.html"]
    assert "lexkb&#x27;s readings (not the source&#x27;s words)" in lpstp or "lexkb's readings (not the source's words)" in lpstp
    assert "lpstp-6-III-one-increase" in lpstp and "Alternative: One increase by half for each situation present" in lpstp
    assert "lexkb&#x27;s reading lpstp-6-III-one-increase" in pages["table-penalties.html"] or \
        "lexkb's reading lpstp-6-III-one-increase" in pages["table-penalties.html"]
