"""Table formats a user relies on beyond the goldens: jsonl for every table, text as the default
for people, TeX that fits an A4 page."""
import json
import re

import pytest

from conftest import run_lexkb
from lexkb.tables import build_table, names
from lexkb.tables.render import human_columns, render


def build(name):
    """The table; history of one article (it needs one)."""
    return build_table(name, article="CPF 205 bis") if name == "history" else build_table(name)


@pytest.mark.parametrize("name", names())
def test_jsonl_is_the_json_rows_one_per_line(name):
    table = build(name)
    doc = json.loads(render(table, "json"))
    lines = render(table, "jsonl").splitlines()
    assert len(lines) == len(doc["rows"]) > 0
    assert [json.loads(line) for line in lines] == doc["rows"]


def test_text_is_the_default_and_the_table_for_people():
    code, out, _ = run_lexkb("table", "amendments")
    assert code == 0
    assert out == run_lexkb("table", "amendments", "-f", "text")[1] == run_lexkb("table", "amendments", "-f", "md")[1]


@pytest.mark.parametrize("name", names())
def test_tex_fits_an_a4_page(name):
    """No fixed column widths: tabularx shares \\linewidth among the text columns; from eight columns
    the table is set sideways (landscape), whose line is the page's height."""
    table = build(name)
    tex = render(table, "tex")
    assert not re.search(r"p\{[0-9.]+cm\}", tex)
    assert "\\begin{tabularx}{\\linewidth}{" in tex and "\\end{tabularx}" in tex
    wide = len(human_columns(table)) >= 8
    assert ("\\begin{sidewaystable}" in tex) == wide == ("\\end{sidewaystable}" in tex)
    assert ("rotating" in tex.splitlines()[1]) == wide
    assert "tabularx" in tex.splitlines()[1]
