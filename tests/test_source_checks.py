"""The checks that keep every fact tied to its source, one by one: the report's paragraphs
(lexkb.sources.report.paragraphs), the sources a block cites (Compiler.source_nodes, through
lexkb.sources.Library.passages), quotes verbatim (Compiler.check_verbatim, through
Library.check_quote) and penalty ranges (Compiler.range_pair). Every expected value is written
here, from the source document (provisions/source/CRC-C-OPSC-MEX-Q-1-Add.1.txt) or the made-up
input of the test; these tests are the fast subset of `python tools/mutate.py seed source range_pair`."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from lexkb import paths
from lexkb.compiler import Compiler
from lexkb.errors import LexkbError, ProvisionError
from lexkb.literate import Block
from lexkb.sources.furniture import normalise
from lexkb.sources.report import paragraphs as report_paragraphs

SEED_IRI = "https://w3id.org/lexkb/source/CRC-C-OPSC-MEX-Q-1-Add.1"
SEED = paths.PROVISIONS / "source" / "CRC-C-OPSC-MEX-Q-1-Add.1.txt"


@pytest.fixture(scope="module")
def compiler():
    """A compiler that has read the provision files, so their documents are declared."""
    from lexkb.build import load_vocabulary, provision_files

    c = Compiler(paths.PROVISIONS)
    c.compile(provision_files(paths.PROVISIONS), load_vocabulary(paths.ONTOLOGY))
    return c


def paragraphs(path: Path) -> dict[int, str]:
    """A report's paragraphs with the layout the State's report declares (its question headings)."""
    import re

    from lexkb.sources.furniture import Layout

    layout = Layout(paragraph_heading=re.compile("Replies to paragraph.*"))
    return report_paragraphs(path.read_text(encoding="utf-8"), layout)


def seed(compiler) -> dict[int, str]:
    return compiler.library.parsed(compiler.library.documents["CRC-C-OPSC-MEX-Q-1-Add.1"])


def cited(compiler) -> set[int]:
    prefix = SEED_IRI + "/para-"
    return {int(i[len(prefix):]) for i in compiler.library.cited if i.startswith(prefix)}


def block(content: str = "", line: int = 10, file: str = "provisions/x/1.md") -> Block:
    """A TOML block whose fence is on `line` of `file`, holding `content` (key k on line+1+i)."""
    return Block(data={}, file=file, line=line, content=content)


def error(fn, *args) -> str:
    with pytest.raises(ProvisionError) as exc:
        fn(*args)
    assert exc.value.exit_code == 2
    return str(exc.value)


# ------------------------------------------------------------------------------ the seed document
def test_the_seed_has_paragraphs_1_to_70_with_the_replies_quoted():
    seed = paragraphs(SEED)
    assert sorted(seed) == list(range(1, 71))
    assert seed[50].startswith("Chapter VI of the Federal Criminal Code establishes the offence of procurement for "
                               "prostitution as follows: Article 206. Procurement for prostitution shall be penalized "
                               "with between 2 and 9 years’ imprisonment and a fine of between 50 and 500 minimum daily wages.")
    assert seed[44].startswith("On 19 August 2010, a decree amending the Federal Criminal Code was published")
    assert "between 7 and 12 years’ imprisonment and a fine of between 800 and 2,000 minimum daily wages" in seed[47]


def test_paragraphs_numbering_headings_and_whitespace(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("Preamble, before any paragraph.\n"
                   "1.\n"
                   "First   paragraph,\n"
                   "  on two lines.\n"
                   "Replies to paragraph 3 of the list of issues\n"
                   "3.\n"                      # not 2: a number inside the text, not a new paragraph
                   "2.\n"
                   "Second.\n"
                   "2.\n"                      # a repeated number is text too
                   "3.  \n"
                   "Third\tone.\n", encoding="utf-8")
    assert paragraphs(doc) == {1: "First paragraph, on two lines. 3.", 2: "Second. 2.", 3: "Third one."}


def test_paragraphs_of_a_document_with_a_leading_number_only(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("7.\nSeven.\n8.\nEight.\n", encoding="utf-8")
    assert paragraphs(doc) == {7: "Seven.", 8: "Eight."}


def test_an_unreadable_source_document_is_one_line(tmp_path):
    from lexkb.sources.document import declare, verify

    doc = declare({"id": "x", "title": "X", "file": "missing.txt", "sha256": "0" * 64}, block(), tmp_path)
    with pytest.raises(LexkbError) as exc:
        verify(doc)
    assert str(exc.value) == (f"{tmp_path.name}/missing.txt: cannot read source document 'x' declared at "
                              "provisions/x/1.md:10: No such file or directory")
    assert exc.value.exit_code == 2


def test_normalise():
    assert normalise("  a \n\t b  c ") == "a b c"


# ------------------------------------------------------------------------------ sources a block cites
def test_a_paragraph_number_is_cited_as_the_paragraph(compiler):
    compiler.library.cited.clear()  # the build cited paragraphs already: start from none
    before = cited(compiler)
    assert before == set()
    nodes = compiler.source_nodes([47, 50], block())
    assert [str(n) for n in nodes] == [f"{SEED_IRI}/para-47", f"{SEED_IRI}/para-50"]
    assert {47, 50} <= cited(compiler)
    assert [str(n) for n in compiler.source_nodes(1, block())] == [f"{SEED_IRI}/para-1"]
    assert [str(n) for n in compiler.source_nodes(70, block())] == [f"{SEED_IRI}/para-70"]
    assert cited(compiler) - before >= {1, 70}


def test_the_document_and_a_declared_source_are_cited_by_name(compiler):
    assert [str(n) for n in compiler.source_nodes("CRC-C-OPSC-MEX-Q-1-Add.1", block())] == [SEED_IRI]
    compiler.library.named["annex-v"] = "Annex V"
    try:
        assert [str(n) for n in compiler.source_nodes(["annex-v", 44], block())] == [
            "https://w3id.org/lexkb/source/annex-v", f"{SEED_IRI}/para-44"]
    finally:
        del compiler.library.named["annex-v"]


def test_a_paragraph_that_does_not_exist_names_the_source_line(compiler):
    b = block('id = "x"\nsource = [47, 71]\n')
    assert error(compiler.source_nodes, [47, 71], b) == (
        "provisions/x/1.md:12: source paragraph 71 does not exist in CRC/C/OPSC/MEX/Q/1/Add.1")
    assert error(compiler.source_nodes, 0, b) == (
        "provisions/x/1.md:12: source paragraph 0 does not exist in CRC/C/OPSC/MEX/Q/1/Add.1")


@pytest.mark.parametrize("value", [None, []])
def test_no_source_is_an_error(compiler, value):
    assert error(compiler.source_nodes, value, block()) == (
        "provisions/x/1.md:10: no source: every fact must cite a paragraph, an article or a declared source")


@pytest.mark.parametrize("value,shown", [(True, "True"), ("annex-z", "'annex-z'"), (47.0, "47.0"), ([47, "x"], "'x'")])
def test_what_is_neither_a_paragraph_nor_a_declared_source(compiler, value, shown):
    assert error(compiler.source_nodes, value, block()) == (
        f"provisions/x/1.md:10: source {shown} is neither a paragraph number nor a declared source")


# ------------------------------------------------------------------------------ quotes verbatim
def test_a_quote_found_verbatim_passes_whitespace_aside(compiler):
    compiler.check_verbatim("Article 206. Procurement for prostitution shall be penalized with between 2 and 9 years’ "
                            "imprisonment", 50, block(), 5)
    compiler.check_verbatim("Article   206.\nProcurement", [49, 50], block(), 5)
    # several paragraphs: the quote may be in any of them
    compiler.check_verbatim("Article 203 (bis).", [50, 47], block(), 5)


def test_a_quote_not_in_the_cited_paragraph_names_file_line_and_paragraphs(compiler):
    # the words are in para. 50, not in para. 47
    assert error(compiler.check_verbatim, "Article 206. Procurement for prostitution", [47, 48], block(), 31) == (
        "provisions/x/1.md:31: quote not found verbatim in CRC/C/OPSC/MEX/Q/1/Add.1 para. 47, 48: "
        "'Article 206. Procurement for prostitution'")
    # one word changed: 13 for 12
    text = "shall be penalized with between 7 and 13 years’ imprisonment and a fine of between 800 and 2,000 minimum daily wages"
    assert error(compiler.check_verbatim, text, 47, block(), 30) == (
        f"provisions/x/1.md:30: quote not found verbatim in CRC/C/OPSC/MEX/Q/1/Add.1 para. 47: {text[:60]!r}")


def test_a_quote_must_cite_a_paragraph(compiler):
    compiler.library.named["annex-v"] = "Annex V"
    try:
        for value in ("CRC-C-OPSC-MEX-Q-1-Add.1", ["annex-v"], {"doc": "cpf-dof-2025-11-28"}):
            assert error(compiler.check_verbatim, "Article 206.", value, block(), 8) == (
                "provisions/x/1.md:8: a quote must cite a paragraph or an article of a source document")
        # a named source next to a paragraph: the paragraph is searched
        compiler.check_verbatim("Article 206.", ["annex-v", 50], block(), 8)
    finally:
        del compiler.library.named["annex-v"]
    # no source, or one that is not a source, is an error before any quote is looked up
    assert error(compiler.check_verbatim, "Article 206.", [], block(), 8) == (
        "provisions/x/1.md:8: no source: every fact must cite a paragraph, an article or a declared source")
    assert error(compiler.check_verbatim, "Article 206.", [True], block(), 8) == (
        "provisions/x/1.md:8: source True is neither a paragraph number nor a declared source")


def test_a_quote_across_two_paragraphs_is_not_verbatim(compiler):
    # the end of para. 49 and the start of para. 50, joined: words the source never prints together
    end_49 = seed(compiler)[49].split()[-2:]
    start_50 = seed(compiler)[50].split()[:2]
    quote = " ".join(end_49 + start_50)
    assert error(compiler.check_verbatim, quote, [49, 50], block(), 8) == (
        f"provisions/x/1.md:8: quote not found verbatim in CRC/C/OPSC/MEX/Q/1/Add.1 para. 49, 50: {quote!r}")
    compiler.check_verbatim(" ".join(end_49), [49, 50], block(), 8)
    compiler.check_verbatim(" ".join(start_50), [49, 50], block(), 8)


def test_a_paragraph_that_does_not_exist_holds_no_text(compiler):
    assert error(compiler.check_verbatim, "XXXX", [71], block(), 8) == (
        "provisions/x/1.md:8: source paragraph 71 does not exist in CRC/C/OPSC/MEX/Q/1/Add.1")


# ------------------------------------------------------------------------------ ranges
RANGE_LINE = 12  # imprisonment_years is on the second line of the block whose fence is on line 10


def range_of(compiler, value, key="imprisonment_years"):
    b = block(f'id = "x"\n{key} = {value!r}\n')
    return compiler.range_pair({key: value}, key, "penalty", b)


@pytest.mark.parametrize("value,expected", [([7, 12], (7, 12)), ([7, 7], (7, 7)), ([1, 12], (1, 12)),
                                            ([0.5, 1.5], ("0.5", "1.5")), ([2, 9.5], (2, "9.5"))])
def test_ranges_accepted(compiler, value, expected):
    lo, hi = range_of(compiler, value)
    assert (lo, hi) == tuple(Decimal(str(x)) for x in expected)
    assert isinstance(lo, Decimal) and isinstance(hi, Decimal)


@pytest.mark.parametrize("value", [[7, "12"], ["7", 12], [7, 12, 15], [7], [], [True, 12], [7, None], [[7], 12]])
def test_ranges_that_are_not_two_numbers(compiler, value):
    assert error(range_of, compiler, value) == (
        f"provisions/x/1.md:{RANGE_LINE}: [penalty] 'imprisonment_years' must be [min, max] numbers")


def test_a_minimum_above_the_maximum(compiler):
    assert error(range_of, compiler, [12, 7]) == (
        f"provisions/x/1.md:{RANGE_LINE}: [penalty] 'imprisonment_years' minimum 12 exceeds maximum 7")
    assert error(range_of, compiler, [7.5, 7], "fine_days_wage") == (
        f"provisions/x/1.md:{RANGE_LINE}: [penalty] 'fine_days_wage' minimum 7.5 exceeds maximum 7")


@pytest.mark.parametrize("value", [[0, 12], [-1, 12], [0, 0]])
def test_bounds_must_be_positive(compiler, value):
    assert error(range_of, compiler, value) == (
        f"provisions/x/1.md:{RANGE_LINE}: [penalty] 'imprisonment_years' bounds must be positive")


def test_a_range_that_is_not_a_list_or_is_missing(compiler):
    b = block('id = "x"\nimprisonment_years = 7\n')
    assert error(compiler.range_pair, {"imprisonment_years": 7}, "imprisonment_years", "penalty", b) == (
        "provisions/x/1.md:10: [penalty] 'imprisonment_years' has the wrong type (int)")
    assert error(compiler.range_pair, {}, "imprisonment_years", "penalty", b) == (
        "provisions/x/1.md:10: [penalty] needs 'imprisonment_years'")


def test_a_range_in_a_provision_file_fails_the_build_at_its_line(tmp_path, provisions_copy):
    """[7, "12"] in provisions/cpf/203.md: the build stops with the file and the line of the key."""
    from lexkb.build import compile_kb

    path = provisions_copy / "cpf" / "203.md"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    line = 1 + next(i for i, l in enumerate(lines) if l == "imprisonment_years = [7, 12]")
    for bad, message in [('[7, "12"]', "must be [min, max] numbers"), ("[7, 12, 15]", "must be [min, max] numbers")]:
        path.write_text(text.replace("imprisonment_years = [7, 12]", f"imprisonment_years = {bad}"), encoding="utf-8")
        with pytest.raises(ProvisionError) as exc:
            compile_kb(provisions_copy)
        assert str(exc.value) == f"provisions/cpf/203.md:{line}: [penalty] 'imprisonment_years' {message}"
