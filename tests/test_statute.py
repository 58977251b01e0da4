"""Reading the statute editions as vendored (provisions/source/), with the layout their
[document]s declare: article headings in every spelling, párrafos / fracciones / incisos,
amendment notes read as dated events (broken dates included), and the one set of reading rules,
which may not change a word. Expected values are copied from the files, with their line numbers."""
import datetime as dt
import re

import pytest

from conftest import ROOT
from lexkb.sources.furniture import Layout, RuleChangesWords, apply_rules, drop_matching
from lexkb.sources.passage import Address
from lexkb.sources.statute import Statute, article_key, read_note


def edition(library, doc) -> Statute:
    return library.parsed(library.documents[doc])


# (document, article as cited, heading line in the file, the heading as the file spells it)
HEADINGS = [
    ("cpf-dof-2025-11-28", "204", 4671, "Artículo 204.- Comete el delito de lenocinio de"),
    ("cpf-dof-2025-11-28", "203 bis", 4652, "Artículo 203 BIS.- A quien realice cualquier tipo de"),
    ("cpf-dof-2025-11-28", "205 Bis", 4707, "Artículo 205 Bis. Serán imprescriptibles las"),
    ("cpf-dof-2025-11-28", "209 Quáter", 4885, "Artículo 209 Quáter. Comete el delito de"),
    ("cpf-dof-2025-11-28", "209 quintus", 4910, "Artículo 209 Quintus.- Se impondrá de dos a seis"),
    ("cpf-dof-2025-11-28", "205", 4703, "Artículo 205. Derogado."),
    ("cpf-dof-2013-06-07", "205 bis", 2685, "Artículo 205-Bis. Serán imprescriptibles las sanciones señaladas en los artículos 200, 201 y 204."),
    ("cpf-dof-2013-06-07", "206", 2752, "Artículo. 206.- El lenocinio se sancionará con prisión de dos a nueve años y de cincuenta a quinientos"),
    ("cpf-dof-2013-06-07", "1", 30, "Artículo 1o.- Este Código se aplicará en toda la República para los delitos del orden federal."),
    ("cpf-dof-2020-01-24", "205-bis", 3998, "Artículo 205-Bis. Serán imprescriptibles las"),
    ("lgpsedmtp-dof-2012-06-14", "10", 410, "Artículo 10.- Toda acción u omisión dolosa de una o varias personas para captar, enganchar,"),
    ("lgpsedmtp-dof-2012-06-14", "13", 498, "Artículo 13. Será sancionado con pena de 15 a 30 años de prisión y de un mil a 30 mil días multa, al"),
    ("lgpsedmtp-dof-2025-11-14", "1", 44, "Artículo 1o. La presente Ley es reglamentaria del artículo 73, fracción XXI, párrafo primero, en"),
]


@pytest.mark.parametrize("doc,number,line,heading", HEADINGS, ids=[f"{h[0][:3]}{h[0][-10:-6]}-{h[1]}" for h in HEADINGS])
def test_article_headings_in_every_spelling(library, doc, number, line, heading):
    article = edition(library, doc).article(number)
    assert article is not None
    assert (article.line, article.heading) == (line, heading)
    assert (ROOT / "provisions" / "source" / f"{doc}.txt").read_text(encoding="utf-8").split("\n")[line - 1].strip() == heading


def test_title_eight_articles_of_each_cpf_edition(library):
    def title_eight(doc):
        keys = list(edition(library, doc).articles)
        return keys[keys.index("200"):keys.index("210")]

    common = ["200", "201", "201 bis", "201 bis 1", "201 bis 2", "201 bis 3", "202", "202 bis", "203", "203 bis",
              "204", "205", "205 bis", "206", "206 bis", "207", "208", "209", "209 bis", "209 ter"]
    assert title_eight("cpf-dof-2013-06-07") == common
    assert title_eight("cpf-dof-2020-01-24") == common
    assert title_eight("cpf-dof-2025-11-28") == common + ["209 quater", "209 quintus"]


def test_article_key_folds_spellings():
    assert {article_key(n) for n in ("205 Bis", "205-Bis", "205 BIS", "205  bis", "205-bis")} == {"205 bis"}
    assert article_key("209 Quáter") == article_key("209 quater") == "209 quater"
    assert article_key("1o") == "1"


def test_the_first_article_with_a_number_wins_over_transitory_articles(library):
    # The 2013 edition's reform decrees at the end have their own 'Artículo 1o.'; the body ends first.
    assert edition(library, "cpf-dof-2013-06-07").article("1").heading.startswith("Artículo 1o.- Este Código")


# ------------------------------------------------------------------ párrafos, fracciones, incisos
PASSAGES = [
    ("cpf-dof-2025-11-28", Address(article="204", fraccion="III"),
     "III.- Al que regentee, administre o sostenga directa o indirectamente, prostíbulos, casas de cita o lugares de "
     "concurrencia dedicados a explotar la prostitución de personas menores de dieciocho años de edad o de personas "
     "que no tienen capacidad para comprender el significado del hecho o de personas que no tienen capacidad para "
     "resistirlo, u obtenga cualquier beneficio con sus productos."),
    ("cpf-dof-2025-11-28", Address(article="204", parrafo=2),
     "Al responsable de este delito se le impondrá prisión de ocho a quince años y de mil a dos mil quinientos días de "
     "multa, así como clausura definitiva de los establecimientos descritos en la fracción III."),
    ("cpf-dof-2013-06-07", Address(article="204", parrafo=2),
     "Al responsable de este delito se le impondrá prisión de ocho a quince años y de mil a dos mil quinientos días de "
     "multa, así como clausura definitiva de los establecimientos descritos en la fracción III."),
    # a list marker alone on its line, its text after a blank line
    ("cpf-dof-2025-11-28", Address(article="205 bis", inciso="f"), "f) Quien se valga de función pública para cometer el delito;"),
    ("cpf-dof-2013-06-07", Address(article="205 bis", inciso="h"), "h) Al ministro de un culto religioso;"),
    ("cpf-dof-2025-11-28", Address(article="206"),
     "Artículo 206.- El lenocinio se sancionará con prisión de dos a nueve años y de cincuenta a quinientos días multa."),
    ("cpf-dof-2020-01-24", Address(article="206"),
     "Artículo 206.- El lenocinio se sancionará con prisión de dos a nueve años y de cincuenta a quinientos días multa."),
    ("cpf-dof-2013-06-07", Address(article="206"),
     "Artículo. 206.- El lenocinio se sancionará con prisión de dos a nueve años y de cincuenta a quinientos días multa."),
]


@pytest.mark.parametrize("doc,address,text", PASSAGES, ids=[f"{p[0][4:8]}-{p[1].label()}" for p in PASSAGES])
def test_passage_at_an_address(library, doc, address, text):
    assert edition(library, doc).passage(address) == text


def test_amendment_notes_are_not_article_text(library):
    text = edition(library, "cpf-dof-2025-11-28").article("204").text()
    assert text.endswith("descritos en la fracción III.")
    assert "reformado" not in text and "DOF" not in text


def test_page_furniture_inside_an_article_is_dropped(library):
    # 2013 art. 205-Bis runs over a page break (file lines 2729-2738: "52 de 177", the running
    # title, the Chamber, "Última Reforma DOF 07-06-2013", "Secretaría General", …).
    lines = (ROOT / "provisions" / "source" / "cpf-dof-2013-06-07.txt").read_text(encoding="utf-8").split("\n")
    assert [l.strip("\f") for l in lines[2728:2738] if l.strip()] == [
        "52 de 177", "CÓDIGO PENAL FEDERAL", "CÁMARA DE DIPUTADOS DEL H. CONGRESO DE LA UNIÓN",
        "Última Reforma DOF 07-06-2013", "Secretaría General", "Secretaría de Servicios Parlamentarios"]
    text = edition(library, "cpf-dof-2013-06-07").article("205 bis").text()
    assert "Secretaría" not in text and "177" not in text and "CÁMARA" not in text
    assert "algún otro que pueda influir en obtener la confianza de ésta. En los casos de los incisos a), b), c) y d)" in text


# ------------------------------------------------------------------ amendment notes as events
def events(library, doc, article):
    return [(e.kind, e.level, e.date) for e in edition(library, doc).article(article).events()]


def test_a_note_with_several_events_over_three_lines(library):
    # 2025 art. 205: "Artículo derogado DOF 14-01-1966. Adicionado DOF / 13-01-1984. Reformado DOF
    # 03-01-1989, 04-01-2000, / 27-03-2007. Derogado DOF 27-11-2007"
    d = dt.date
    assert events(library, "cpf-dof-2025-11-28", "205") == [
        ("derogado", "articulo", d(1966, 1, 14)), ("adicionado", "articulo", d(1984, 1, 13)),
        ("reformado", "articulo", d(1989, 1, 3)), ("reformado", "articulo", d(2000, 1, 4)),
        ("reformado", "articulo", d(2007, 3, 27)), ("derogado", "articulo", d(2007, 11, 27))]


def test_dates_that_lost_a_hyphen_at_a_line_end(library):
    d = dt.date
    # "Párrafo reformado DOF 27-11-2007, 14-06-2012, 25-042023, 18-10-2023"
    note = edition(library, "cpf-dof-2025-11-28").article("205 bis").notes[0]
    assert note.text == "Párrafo reformado DOF 27-11-2007, 14-06-2012, 25-042023, 18-10-2023"
    assert [(e.kind, e.level, e.date) for e in note.events] == [
        ("reformado", "parrafo", d(2007, 11, 27)), ("reformado", "parrafo", d(2012, 6, 14)),
        ("reformado", "parrafo", d(2023, 4, 25)), ("reformado", "parrafo", d(2023, 10, 18))]
    assert note.after == Address(article="205 Bis", parrafo=2)
    # "Artículo reformado DOF 14-01-1966, 23-12-1985, 04-012000, 27-03-2007"
    assert [e[2] for e in events(library, "cpf-dof-2025-11-28", "208")] == [
        d(1966, 1, 14), d(1985, 12, 23), d(2000, 1, 4), d(2007, 3, 27)]
    # the manifest's examples
    assert [e.date for e in read_note("Capítulo reubicado con denominación reformada DOF 2703-2007")] == [d(2007, 3, 27)]
    assert [e.date for e in read_note("Denominación del Código reformada DOF 31-121974")] == [d(1974, 12, 31)]


def test_fe_de_erratas_then_reforms(library):
    d = dt.date
    # "Fe de erratas al artículo DOF 31-08-1931. Reformado / DOF 14-01-1966, 27-03-2007"
    assert events(library, "cpf-dof-2025-11-28", "202") == [
        ("fe-de-erratas", "articulo", d(1931, 8, 31)), ("reformado", "articulo", d(1966, 1, 14)),
        ("reformado", "articulo", d(2007, 3, 27))]


def test_a_note_belongs_to_the_unit_it_follows(library):
    notes = edition(library, "cpf-dof-2025-11-28").article("201").notes
    assert [(n.text, n.after.parrafo, n.after.inciso) for n in notes[:2]] == [
        ("Párrafo reformado DOF 18-07-2016", 1, None), ("Inciso reformado DOF 18-07-2016", 1, "e")]
    assert [(e.kind, e.level) for e in notes[1].events] == [("reformado", "inciso")]


def test_added_articles_and_editions_without_notes(library):
    d = dt.date
    assert events(library, "cpf-dof-2025-11-28", "209 quater") == [("adicionado", "articulo", d(2023, 4, 25))]
    assert events(library, "cpf-dof-2025-11-28", "209 quintus") == [("adicionado", "articulo", d(2024, 6, 7))]
    assert events(library, "cpf-dof-2025-11-28", "206") == [("reformado", "articulo", d(1989, 1, 3)),
                                                           ("reformado", "articulo", d(2007, 3, 27))]
    # The 2013 edition prints no amendment notes: its articles have none ("not in source").
    assert events(library, "cpf-dof-2013-06-07", "206") == []
    assert edition(library, "cpf-dof-2020-01-24").article("209 quater") is None


def test_a_note_without_a_readable_date_keeps_its_words():
    [event] = read_note("Artículo reformado DOF 31-02-2001")
    assert (event.kind, event.date, event.note) == ("reformado", None, "Artículo reformado DOF 31-02-2001")


# ------------------------------------------------------------------ the reading rules
def test_furniture_rule_drops_whole_lines_only():
    lines = ["Artículo 5.- Uno", "9 de 60", "dos  tres", "", "CÓDIGO"]
    rules = Layout(furniture=(re.compile(r"\d+ de \d+"), re.compile("CÓDIGO"))).rules()
    assert apply_rules(lines, rules) == [(1, "Artículo 5.- Uno"), (3, "dos  tres"), (4, "")]


def test_a_rule_that_changes_a_word_is_refused():
    def join_dates(lines):  # would "repair" 2703-2007 into 27-03-2007 in the text: not allowed
        return [re.sub(r"\b(\d{2})(\d{2})-(\d{4})\b", r"\1-\2-\3", line) for line in lines]

    lines = ["Capítulo reubicado con denominación reformada DOF 2703-2007"]
    with pytest.raises(RuleChangesWords) as exc:
        apply_rules(lines, [("join-dates", join_dates)], where="cpf: ")
    assert str(exc.value) == ("cpf: reading rule 'join-dates' changes the words of line 1 ('2703-2007' -> "
                              "'27-03-2007'); rules may only drop furniture lines or change whitespace")
    with pytest.raises(RuleChangesWords):
        apply_rules(["a", "b"], [("merge", lambda ls: [" ".join(ls)])])
    # whitespace alone may change
    assert apply_rules(["a  b"], [("spaces", lambda ls: [" ".join(l.split()) for l in ls])]) == [(1, "a b")]


def test_declared_layout_rules_never_change_a_word_of_any_edition(library):
    """Every line the layout keeps is the file's line, unchanged, for all six editions."""
    for doc in library.documents.values():
        if doc.kind != "statute-edition":
            continue
        lines = library.text(doc).split("\n")
        kept = apply_rules(lines, library.layout(doc).rules())
        assert all(lines[n - 1] == text for n, text in kept)
        dropped = {n for n in range(1, len(lines) + 1)} - {n for n, _ in kept}
        assert all(drop_matching(library.layout(doc).furniture)([lines[n - 1]]) == [None] for n in dropped)
