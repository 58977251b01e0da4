"""Semantics of issue 12 that were accepted and wrong: an increase fraction that contradicts its words
or is implausible, dates out of order or of implausible years, and range numbers that are not the
numbers of the quote above them. Each is a compiler error at its own line and, where a graph can
carry it, a shape that rejects the graph."""
from __future__ import annotations

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import XSD

from conftest import run_lexkb

from .edits import edit, line_of
from .oneline import one_error

LEXKB = Namespace("https://w3id.org/lexkb/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
EFFECT = URIRef("https://w3id.org/lexkb/id/mx/aggravation/cpf-209bis-violence/effect")
LPSTP = URIRef("https://w3id.org/lexkb/eli/mx/lpstp/2007")
OPSC = URIRef("https://w3id.org/lexkb/eli/un/opsc/2000")


CASES = [
    ("cpf/209-bis.md", "increase = 0.5", "increase = 1.5",
     None, "[aggravation] 'increase' = 1.5, but the quote above it says 'by half' (0.5)"),
    ("cpf/209-bis.md", "increase = 0.5", "increase = 1000", None, "'increase' = 1000, but the quote above it says 'by half'"),
    ("cpf/206.md", "imprisonment_years = [2, 9]", "imprisonment_years = [3, 10]", None,
     "[penalty] 'imprisonment_years' = [3, 10]: 3, 10 is not a number of the quote above it (which gives 2, 9, 50, 206, 500)"),
    ("cpf/206.md", "fine_days_wage = [50, 500]", "fine_days_wage = [50, 5000]", None, "5000 is not a number of the quote"),
    ("instruments/lpstp.md", "date_publication = 2007-11-27", "date_publication = 2013-11-27", 'repealed_by = "general-law-2012"',
     "instrument 'lpstp' published on 2013-11-27 is repealed by 'general-law-2012', published earlier, on 2012-06-14"),
    # adopted <= published <= in force (the LPSTP states its publication; the OPSC its adoption and entry into force)
    ("instruments/lpstp.md", "date_publication = 2007-11-27", "date_publication = 2007-11-27\ndate_adopted = 2007-11-28",
     "date_adopted = 2007-11-28", "instrument 'lpstp' adopted on 2007-11-28, after its publication on 2007-11-27"),
    ("instruments/opsc.md", "date_adopted = 2000-05-25", "date_adopted = 2000-05-25\ndate_publication = 2002-01-19",
     "first_date_entry_in_force = 2002-01-18", "instrument 'opsc' in force on 2002-01-18, before its publication on 2002-01-19"),
    ("instruments/lpstp.md", "date_publication = 2007-11-27", "date_publication = 0001-11-27", None,
     "'date_publication' = 0001-11-27: a year outside 1800-2100"),
    ("instruments/lpstp.md", "date_publication = 2007-11-27", "date_publication = 9999-11-27", None,
     "a year outside 1800-2100"),
]


@pytest.mark.parametrize("name, old, new, at, fragment", CASES, ids=[c[2].replace("\n", " + ") for c in CASES])
def test_compiler_refuses_implausible_encodings(provisions_copy, tmp_path, name, old, new, at, fragment):
    text = edit(provisions_copy, name, old, new)
    line = line_of(text, at or new)  # the edited line, or the key the error is about
    one_error(run_lexkb("build", "-q", "--provisions", str(provisions_copy), "--out", str(tmp_path / "o")), 2,
              f"provisions/{name}:{line}: ", fragment)
    assert not (tmp_path / "o").exists()


def test_numbers_in_words_are_not_compared(provisions_copy, tmp_path):
    """A quote that writes no digits gives nothing to compare: the check does not guess."""
    from lexkb.compiler import numbers_in

    assert numbers_in("between two and nine years") == set()
    assert numbers_in("between 2 and 9 years and 1,500 days, art. 6") == {2, 9, 1500, 6}


@pytest.mark.parametrize("mutate, path, message", [
    (lambda g: g.set((EFFECT, LEXKB.increaseFraction, Literal("1000", datatype=XSD.decimal))),
     "lexkb:increaseFraction", "not plausible"),
    (lambda g: g.set((LPSTP, ELI.date_publication, Literal("0001-11-27", datatype=XSD.date))),
     "eli:date_publication", "plausible date"),
    (lambda g: g.set((LPSTP, ELI.date_publication, Literal("9999-11-27", datatype=XSD.date))),
     "eli:date_publication", "plausible date"),
    (lambda g: g.add((LPSTP, ELI.date_document, Literal("2008-01-01", datatype=XSD.date))),
     "eli:date_document", "an instrument is adopted (eli:date_document) on or before its publication"),
    (lambda g: g.set((LPSTP, ELI.date_publication, Literal("2013-11-27", datatype=XSD.date))),
     "eli:repealed_by", "an instrument is published before the act that repeals it"),
], ids=["increase 1000", "year 0001", "year 9999", "adopted after publication", "published after its repeal"])
def test_shapes_reject_implausible_graphs(kb_graph, shapes, mutate, path, message):
    from lexkb.validation import validate

    mutate(kb_graph)
    violations = validate(kb_graph, shapes)
    assert any(v.path == path and message in v.message for v in violations), \
        "\n".join(v.line() for v in violations) or "graph still conforms"


def test_validate_file_with_publication_after_repeal(tmp_path):
    """A graph from elsewhere (`lexkb validate FILE`) whose LPSTP is published after the act that repeals
    it (2012-06-14): one violation at the instrument's line, exit 1, validated by jurisdiction."""
    from lexkb import paths

    text = (paths.GENERATED / paths.KB_TURTLE).read_text(encoding="utf-8")
    published = 'eli:date_publication "2007-11-27"^^xsd:date'
    assert text.count(published) == 1
    bad = tmp_path / "kb.ttl"
    bad.write_text(text.replace(published, 'eli:date_publication "2013-11-27"^^xsd:date'), encoding="utf-8")
    line = line_of(text, f"<{LPSTP}> a eli:LegalResource")
    code, out, err = run_lexkb("validate", str(bad))
    assert (code, out) == (1, f"{bad}:{line}: <{LPSTP}> eli:repealed_by: an instrument is published before the act "
                              "that repeals it (eli:repealed_by): published 2013-11-27, the repealing act 2012-06-14 "
                              "(value: <https://w3id.org/lexkb/eli/mx/general-law-trafficking/2012>)\n")
    assert err.startswith("does not conform: ") and err.endswith(" triples, 1 violation(s)\n") and "whole" not in err
