"""The General Law on trafficking (LGPSEDMTP, 2012), Title Two, as lexkb encodes it from the three
editions it holds (provisions/lgpsedmtp/): each penalty pinned from the statute's Spanish words.

The numbers below are written here from the words of the editions (quoted beside each row), not
computed by the code under test; each row also checks that those words are in every edition that
carries the version, so a wrong number, a wrong edition or a wrong version date fails here."""
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from conftest import ROOT
from lexkb.build import compile_kb
from lexkb.errors import ProvisionError
from lexkb.numerals import numbers_in

ELI = Namespace("http://data.europa.eu/eli/ontology#")
LEXKB = Namespace("https://w3id.org/lexkb/ontology#")
SCHEMA = Namespace("https://schema.org/")
LAW = "https://w3id.org/lexkb/eli/mx/general-law-trafficking/2012/"
PENALTY = "https://w3id.org/lexkb/id/mx/penalty/"
E2012, E2023, E2025 = "lgpsedmtp-dof-2012-06-14", "lgpsedmtp-dof-2023-04-05", "lgpsedmtp-dof-2025-11-14"
ORIGINAL, REFORM = "2012-06-14", "2024-06-07"

# (article, version, penalty id suffix, editions that print the version, the words,
#  imprisonment [min, max] in years, fine [min, max] in días multa), as the editions print them
PENALTIES = [
    ("10", ORIGINAL, "", [E2012, E2023],
     "se le impondrá de 5 a 15 años de prisión y de un mil a veinte mil días multa", (5, 15), (1000, 20000)),
    ("10", REFORM, "", [E2025],
     "se le impondrá de 5 a 15 años de prisión y de un mil a veinte mil días multa", (5, 15), (1000, 20000)),
    ("13", ORIGINAL, "", [E2012, E2023, E2025],
     "Será sancionado con pena de 15 a 30 años de prisión y de un mil a 30 mil días multa", (15, 30), (1000, 30000)),
    ("14", ORIGINAL, "", [E2012, E2023],
     "Será sancionado con pena de 10 a 15 años de prisión y de un mil a 30 mil días multa", (10, 15), (1000, 30000)),
    ("14", REFORM, "", [E2025],
     "Será sancionado con pena de 10 a 15 años de prisión y de un mil a 30 mil días multa", (10, 15), (1000, 30000)),
    ("14", REFORM, "-pueblos-indigenas-afromexicanos", [E2025],
     "se impondrá una pena de 16 a 21 años de prisión y de un mil 500 a 45 mil días multa", (16, 21), (1500, 45000)),
    ("15", ORIGINAL, "", [E2012, E2023, E2025],
     "Será sancionado con pena de 5 a 15 años de prisión y de un mil a 30 mil días multa", (5, 15), (1000, 30000)),
    ("16", ORIGINAL, "", [E2012, E2023, E2025],
     "Se impondrá pena de 15 a 30 años de prisión y de 2 mil a 60 mil días multa", (15, 30), (2000, 60000)),
    ("16", ORIGINAL, "-material", [E2012, E2023, E2025],
     "Se impondrá pena de 15 a 30 años de prisión y de 2 mil a 60 mil días multa", (15, 30), (2000, 60000)),
    ("17", ORIGINAL, "", [E2012, E2023, E2025],
     "Se impondrá pena de 5 a 15 años de prisión y de un mil a 20 mil días multa", (5, 15), (1000, 20000)),
    ("18", ORIGINAL, "", [E2012, E2023],
     "Se impondrá pena de 15 a 25 años de prisión y de un mil a 20 mil días multa", (15, 25), (1000, 20000)),
    ("18", REFORM, "", [E2025],
     "Se impondrá pena de 15 a 25 años de prisión y de un mil a 20 mil días multa", (15, 25), (1000, 20000)),
    ("19", ORIGINAL, "", [E2012, E2023, E2025],
     "Será sancionado con pena de 5 a 10 años de prisión y de 4 mil a 30 mil días multa", (5, 10), (4000, 30000)),
    ("20", ORIGINAL, "", [E2012, E2023, E2025],
     "Será sancionado con pena de 5 a 10 años de prisión y de 4 mil a 30 mil días multa", (5, 10), (4000, 30000)),
    ("26", ORIGINAL, "", [E2012, E2023, E2025],
     "Se impondrá pena de 20 a 40 años de prisión y de 2 mil a 20 mil días multa", (20, 40), (2000, 20000)),
    ("27", ORIGINAL, "", [E2012, E2023, E2025],
     "Se impondrá pena de 3 a 10 años de prisión y de 500 a 2 mil días multa", (3, 10), (500, 2000)),
    ("28", ORIGINAL, "", [E2012, E2023, E2025],
     "Se impondrá pena de 4 a 10 años de prisión y de 200 a 2 mil días multa", (4, 10), (200, 2000)),
    ("29", ORIGINAL, "", [E2012, E2023, E2025],
     "Se impondrá pena de 20 a 40 años de prisión y de 2 mil a 30 mil días multa", (20, 40), (2000, 30000)),
    ("30", ORIGINAL, "", [E2012, E2023, E2025],
     "Se impondrá pena de 15 a 25 años de prisión, y de 2 mil a 30 mil días multa", (15, 25), (2000, 30000)),
    ("35", ORIGINAL, "", [E2012, E2023],
     "Se sancionará con pena de 2 a 40 años de prisión y de un mil a 25 mil días multa", (2, 40), (1000, 25000)),
    ("35", REFORM, "", [E2025],
     "Se sancionará con pena de 2 a 40 años de prisión y de un mil a 25 mil días multa", (2, 40), (1000, 25000)),
    ("35", REFORM, "-victims-named", [E2025],
     "de 12 a 50 años de prisión y de 12 mil a 50 mil días multa", (12, 50), (12000, 50000)),
]
ALL = [E2012, E2023, E2025]


def article_text(library, doc, art):
    return library.parsed(library.documents[doc]).article(art).text()


def ident(art, version, suffix):
    return f"lgpsedmtp-{art}-v{version}{suffix}"


@pytest.mark.parametrize("art,version,suffix,editions,words,prison,fine", PENALTIES,
                         ids=[ident(*row[:3]) for row in PENALTIES])
def test_the_penalty_each_version_states(compiled, library, art, version, suffix, editions, words, prison, fine):
    # the words are in every edition that carries the version, and only the reform's are new
    for doc in editions:
        assert words in article_text(library, doc, art), (doc, art)
    g = compiled.graph
    node = URIRef(PENALTY + ident(art, version, suffix))
    assert (node, RDF.type, LEXKB.Penalty) in g
    assert g.value(node, LEXKB.prescribedBy) == URIRef(f"{LAW}art_{art}")
    stated_by = URIRef(f"{LAW}art_{art}/v{version}")
    assert g.value(node, LEXKB.statedByVersion) == stated_by
    assert sorted(g.objects(stated_by, ELI.is_realized_by)) == sorted(
        URIRef(f"{stated_by}/spa@{doc[-10:]}") for doc in editions)
    imprisonment, fine_range = g.value(node, LEXKB.imprisonment), g.value(node, LEXKB.fine)
    assert (g.value(imprisonment, SCHEMA.minValue).toPython(), g.value(imprisonment, SCHEMA.maxValue).toPython()) == prison
    assert (g.value(fine_range, SCHEMA.minValue).toPython(), g.value(fine_range, SCHEMA.maxValue).toPython()) == fine
    assert g.value(imprisonment, SCHEMA.unitCode) == URIRef("http://qudt.org/vocab/unit/YR")
    assert g.value(fine_range, SCHEMA.unitCode) == LEXKB.DayFine  # "días multa", in every edition


def test_every_general_law_penalty_is_pinned_here(compiled):
    g = compiled.graph
    encoded = {str(p)[len(PENALTY):] for p in g.subjects(RDF.type, LEXKB.Penalty)
               if str(g.value(p, LEXKB.prescribedBy)).startswith(LAW)}
    assert encoded == {ident(*row[:3]) for row in PENALTIES}


def test_no_edition_counts_these_fines_in_uma(library):
    for doc in ALL:
        text = library.text(library.documents[doc])
        assert "Unidad de Medida y Actualización" not in text
        for art in ("10", "13", "14", "16", "17", "18", "26", "27", "28", "29", "30", "35"):
            assert "días multa" in article_text(library, doc, art)


def test_the_penalties_that_changed_between_editions(library):
    """Arts. 14 and 35 gained penalty variants in the reform of 7 June 2024 (2025 edition only)."""
    for art, words in (("14", "de 16 a 21 años de prisión y de un mil 500 a 45 mil días multa"),
                       ("35", "de 12 a 50 años de prisión y de 12 mil a 50 mil días multa")):
        assert words not in article_text(library, E2012, art)
        assert words not in article_text(library, E2023, art)
        assert words in article_text(library, E2025, art)
        notes = library.parsed(library.documents[E2025]).article(art).notes
        assert [n.text for n in notes][-1] == "Párrafo adicionado DOF 07-06-2024"


@pytest.mark.parametrize("art,versions", [
    ("10", {ORIGINAL: [E2012, E2023], REFORM: [E2025]}),
    ("13", {ORIGINAL: ALL}),
    ("18", {ORIGINAL: [E2012, E2023], REFORM: [E2025]}),
    ("42", {ORIGINAL: [E2012, E2023], REFORM: [E2025]}),
    ("47", {ORIGINAL: ALL}),
])
def test_the_versions_of_an_article(compiled, art, versions):
    g = compiled.graph
    work = URIRef(f"{LAW}art_{art}")
    assert sorted(g.subjects(ELI.is_member_of, work)) == sorted(URIRef(f"{work}/v{v}") for v in versions)
    for since, editions in versions.items():
        version = URIRef(f"{work}/v{since}")
        assert g.value(version, ELI.date_publication) == Literal(since, datatype=XSD.date)
        assert len(list(g.objects(version, ELI.is_realized_by))) == len(editions)


def test_the_reform_event_of_art_18(compiled):
    g = compiled.graph
    event = URIRef(f"{LAW}art_18/amendment/2024-06-07-articulo-reformado")
    assert g.value(event, LEXKB.quotedText) == Literal("Artículo reformado DOF 07-06-2024", lang="es")
    assert g.value(event, DCTERMS.date) == Literal("2024-06-07", datatype=XSD.date)
    assert g.value(event, LEXKB.resultingVersion) == URIRef(f"{LAW}art_18/v2024-06-07")


def test_the_offence_names_are_the_statutes_words(compiled, library):
    g = compiled.graph
    from rdflib.namespace import SKOS

    offences = {str(o).rsplit("/", 1)[-1]: o for o in g.subjects(LEXKB.definedIn, None)
                if any(str(p).startswith(LAW) for p in g.objects(o, LEXKB.definedIn))}
    assert len(offences) == 16
    for name, node in offences.items():
        labels = list(g.objects(node, SKOS.prefLabel))
        assert [label.language for label in labels] == ["es"], name  # never translated here
        art = str(g.value(node, LEXKB.definedIn)).rsplit("art_", 1)[-1]
        assert str(labels[0]) in article_text(library, E2025, art), name


@pytest.mark.parametrize("words,numbers", [
    ("de un mil 500 a 45 mil días multa", {1500, 45000}),  # art. 14 (2024): one thousand five hundred
    ("de un mil a veinte mil días multa", {1000, 20000}),  # art. 10
    ("de 500 a 2 mil días multa", {500, 2000}),  # art. 27
    ("de 12 mil a 50 mil días multa", {12000, 50000}),  # art. 35 (2024)
])
def test_the_spanish_numbers_of_the_fines(words, numbers):
    assert numbers_in(words, "es") == {Decimal(n) for n in numbers}


def test_the_original_text_is_dated_by_the_acts_publication_only(provisions_copy):
    """since = 2012-06-14 is the General Law's publication (no note gives it); another date without a
    note is refused, and the refusal names both."""
    path = provisions_copy / "lgpsedmtp" / "13.md"
    path.write_text(path.read_text(encoding="utf-8").replace("since = 2012-06-14", "since = 2012-06-15")
                    .replace("version = 2012-06-14", "version = 2012-06-15"), encoding="utf-8")
    with pytest.raises(ProvisionError) as exc:
        compile_kb(provisions_copy, ROOT / "ontology")
    assert re.search(r"lgpsedmtp/13\.md:\d+: \[version\] no amendment note of General Law on trafficking \(2012\) "
                     r"art\. 13 gives 2012-06-15 \(reforms and additions the editions' notes give: none; or "
                     r"2012-06-14, the act's publication, for the original text\)", str(exc.value)), str(exc.value)


def test_a_wrong_number_under_the_words_is_refused(provisions_copy):
    path = provisions_copy / "lgpsedmtp" / "14.md"
    text = path.read_text(encoding="utf-8")
    assert text.count("fine = [1500, 45000]") == 1
    path.write_text(text.replace("fine = [1500, 45000]", "fine = [1000, 45000]"), encoding="utf-8")
    with pytest.raises(ProvisionError) as exc:
        compile_kb(provisions_copy, ROOT / "ontology")
    assert "lgpsedmtp/14.md" in str(exc.value) and "1000 is not a number of the quote above it" in str(exc.value)


AGGRAVATION = "https://w3id.org/lexkb/id/mx/aggravation/"
UNCHANGED = ["13", "15", "16", "16-material", "17", "19", "20", "26", "27", "28", "29", "30"]


def penalty_ids(version, arts):
    return {URIRef(PENALTY + ident(a.split("-")[0], version, ("-" + a.split("-", 1)[1]) if "-" in a else ""))
            for a in arts}


@pytest.mark.parametrize("rule,words,art,fraction,up_to", [
    # art. 42: "se aumentarán hasta en una mitad" (a ceiling); art. 43: "hasta en dos terceras partes";
    # art. 16, párr. 2: "se aumentará en una mitad" (fixed)
    ("lgpsedmtp-42-v2012-06-14", "Las penas previstas en este Título se aumentarán hasta en una mitad cuando:", "42", Fraction(1, 2), True),
    ("lgpsedmtp-42-v2024-06-07", "Las penas previstas en este Título se aumentarán hasta en una mitad cuando:", "42", Fraction(1, 2), True),
    ("lgpsedmtp-43-v2012-06-14", "La pena se incrementará hasta en dos terceras partes", "43", Fraction(2, 3), True),
    ("lgpsedmtp-16-v2012-06-14-means", "la pena prevista en el párrafo anterior se aumentará en una mitad", "16", Fraction(1, 2), False),
])
def test_the_increases_in_the_statutes_words(compiled, library, rule, words, art, fraction, up_to):
    for doc in ALL:
        assert words in article_text(library, doc, art)
    from lexkb.aggravation import exact

    g = compiled.graph
    effect = g.value(URIRef(AGGRAVATION + rule), LEXKB.effect)
    assert exact(g.value(effect, LEXKB.increaseFraction).toPython()) == fraction
    assert ((effect, RDF.type, LEXKB.IncreaseUpTo) in g) is up_to
    assert set(g.objects(effect, LEXKB.affectsBound)) == {SCHEMA.minValue, SCHEMA.maxValue}  # lexkb's reading
    assert set(g.objects(effect, LEXKB.affectsComponent)) == {LEXKB.imprisonment, LEXKB.fine}


def test_each_version_of_art_42_raises_the_penalties_in_force_with_it(compiled):
    g = compiled.graph
    old = set(g.objects(URIRef(AGGRAVATION + "lgpsedmtp-42-v2012-06-14"), LEXKB.aggravates))
    new = set(g.objects(URIRef(AGGRAVATION + "lgpsedmtp-42-v2024-06-07"), LEXKB.aggravates))
    assert old == penalty_ids(ORIGINAL, UNCHANGED + ["10", "14", "18", "35"])
    assert new == penalty_ids(ORIGINAL, UNCHANGED) | penalty_ids(REFORM, ["10", "14", "14-pueblos-indigenas-afromexicanos",
                                                                       "18", "35", "35-victims-named"])
    every = set(g.objects(URIRef(AGGRAVATION + "lgpsedmtp-43-v2012-06-14"), LEXKB.aggravates))
    assert every == old | new and len(every) == len(PENALTIES)
    # fr. I to IX and the six incisos of fr. X, in each version
    for rule in ("lgpsedmtp-42-v2012-06-14", "lgpsedmtp-42-v2024-06-07"):
        assert len(list(g.subjects(LEXKB.triggers, URIRef(AGGRAVATION + rule)))) == 15


def test_up_to_two_thirds_of_art_30(compiled):
    """Art. 30 (15 to 25 years, 2,000 to 30,000 días multa) under art. 43: up to 5/3 of each bound."""
    from lexkb.aggravation import exact

    g = compiled.graph
    effect = g.value(URIRef(AGGRAVATION + "lgpsedmtp-43-v2012-06-14"), LEXKB.effect)
    factor = 1 + exact(g.value(effect, LEXKB.increaseFraction).toPython())
    assert (25 * factor, 30000 * factor) == (Fraction(125, 3), 50000)


@pytest.mark.parametrize("on,expected", [
    # the day before the reform published in the DOF on 7 June 2024: the original version alone
    ("2024-06-06", [([10, 15], [1000, 30000], "2012-06-14", "2024-06-07")]),
    # from that day: the same first paragraph, and the third paragraph's 16 to 21 years, 1,500 to 45,000 días multa
    ("2024-06-07", [([10, 15], [1000, 30000], "2024-06-07", None), ([16, 21], [1500, 45000], "2024-06-07", None)]),
])
def test_penalty_on_either_side_of_the_2024_reform_of_art_14(on, expected):
    import json

    from conftest import run_lexkb

    code, out, err = run_lexkb("penalty", "general-law-pornographic-acts", "--on", on, "-f", "json")
    assert code == 0, err
    [result] = json.loads(out)["results"]
    got = sorted((p["imprisonment_years"], p["fine"], p["valid_from"], p["valid_until"]) for p in result["penalties"])
    assert got == sorted(expected)
    assert {p["fine_unit"]["id"] for p in result["penalties"]} == {"dia-multa"}


def test_the_conduct_is_the_articles_own_verbs(compiled, library):
    """Each offence's conduct concepts are labelled only in Spanish, by words of its article (not translated)."""
    from rdflib.namespace import SKOS

    g = compiled.graph
    seen = 0
    for offence in set(g.subjects(LEXKB.definedIn, None)):
        provision = str(g.value(offence, LEXKB.definedIn))
        if not provision.startswith(LAW):
            continue
        text = article_text(library, E2025, provision.rsplit("art_", 1)[-1])
        verbs = list(g.objects(offence, LEXKB.conduct))
        assert verbs, offence
        for concept in verbs:
            [label] = g.objects(concept, SKOS.prefLabel)
            assert label.language == "es" and re.search(rf"(?<!\w){re.escape(str(label))}(?!\w)", text), (offence, label)
            seen += 1
    assert seen == 63  # 8 + 1 + 6 + 1 + 7 + 13 + 3 + 5 + 3 + 1 + 2 + 2 + 2 + 1 + 3 + 5 (arts. 10 to 35)
