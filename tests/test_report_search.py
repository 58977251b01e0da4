"""The report's search index (kb/report/search.py): one script per language folder, built from the
knowledge base's index alone; what the search box of tests/test_report_browser.py reads."""
import json

import pytest

from lexkb.kbfile import load_index
from lexkb.report.search import SNIPPET, search_entries, search_index_js, snippet
from lexkb.report.site import Context


@pytest.fixture(scope="module")
def index():
    return load_index()


def entries(index, lang):
    return search_entries(index, lang, Context(None, index, lang).provision_path)


def test_every_offence_and_provision_once(index):
    for lang in ("en", "es"):
        got = entries(index, lang)
        assert len(got) == 31 + 133
        assert sum(e["k"] == "o" for e in got) == 31
        assert len({e["t"] for e in got if e["k"] == "p"}) == 133


def test_offence_entry_both_languages_and_its_article(index):
    en = next(e for e in entries(index, "en") if e.get("id") == "procurement")
    es = next(e for e in entries(index, "es") if e.get("id") == "procurement")
    # defined in art. 206 bis, penalised in art. 206: the entry opens the defining article
    assert en == {"k": "o", "t": "procurement for prostitution", "a": "lenocinio", "h": "provisions/cpf-art-206-bis.html",
                  "i": "CPF", "n": ["CPF art. 206 bis", "CPF art. 206"], "id": "procurement"}
    assert es == dict(en, t="lenocinio", a="procurement for prostitution")
    trafficking = next(e for e in entries(index, "en") if e.get("id") == "trafficking-in-persons")
    assert trafficking["s"] == ["Human Trafficking", "trafficking of persons"]
    assert trafficking["h"] == "provisions/lpstp-art-5.html" and trafficking["i"] == "LPSTP"


def test_label_language_marked(index):
    # no Spanish label: the Spanish page shows the English one, marked "en"
    acts_es = next(e for e in entries(index, "es") if e.get("id") == "sexual-acts-in-sexual-tourism")
    assert acts_es["t"] == "sexual acts within the context of sexual tourism" and acts_es["l"] == "en" and "a" not in acts_es
    # the statute's words with no English label: Spanish on the English page, marked "es"
    corruption = next(e for e in entries(index, "en") if e.get("id") == "corrupcion-de-menores")
    assert corruption["t"] == "corrupción de menores" and corruption["l"] == "es" and "a" not in corruption
    assert "l" not in next(e for e in entries(index, "es") if e.get("id") == "corrupcion-de-menores")


def test_provision_entry_with_snippet(index):
    art = next(e for e in entries(index, "en") if e["t"] == "CPF art. 205 bis")
    assert art["h"] == "provisions/cpf-art-205-bis.html" and art["n"] == "205 bis" and art["i"] == "CPF"
    assert art["x"].startswith("Serán imprescriptibles las sanciones señaladas en los artículos 200, 201 y 204.")
    assert art["x"].endswith(" …") and len(art["x"]) <= SNIPPET + 2
    no_text = next(e for e in entries(index, "en") if e["t"] == "OPSC art. 2")
    assert "x" not in no_text


def test_snippet_cuts_at_a_word():
    assert snippet(None) == "" and snippet("a  b\nc") == "a b c"
    text = "word " * 100
    assert snippet(text) == ("word " * 32).strip() + " …"  # 159 characters, then the ellipsis


def test_index_script_is_small_and_loads(index):
    for lang in ("en", "es"):
        js = search_index_js(Context(None, index, lang))
        assert js.startswith("window.LEXKB_SEARCH=[") and js.endswith("];\n")
        data = json.loads(js.removeprefix("window.LEXKB_SEARCH=").removesuffix(";\n"))
        assert data == entries(index, lang)
        assert len(js.encode()) < 40_000  # ~32 KB (6 KB gzipped) for 164 entries


def test_header_links_only_pages_that_exist():
    """The header names the charts' pages only when the site has them (no broken link before they exist)."""
    from lexkb.report.page import Page, render

    page = Page("T", "<table>\n<caption>Cap &amp; <em>x</em></caption>\n<thead>\n<tr>\n<th scope=\"col\">a</th>\n"
                     "<th scope=\"col\">b</th>\n</tr>\n</thead>\n</table>\n")
    bare = render("provisions/x.html", page, "es", known={"table-penalties.html"})
    assert '<a href="../table-penalties.html">Penas</a>' in bare and "timeline.html" not in bare
    assert '<a class="lang-switch" href="../../en/provisions/x.html" hreflang="en" lang="en">English</a>' in bare
    assert '<a class="skip-link" href="#main">Saltar al contenido principal</a>' in bare
    assert '<script src="../search-index.js" defer></script>' in bare
    # each table in a focusable region named by its caption's text; --cols: its columns
    assert ('<div class="table-scroll" role="region" tabindex="0" aria-label="Cap &amp; x" style="--cols:2"><table>'
            in bare) and "</table></div>" in bare
    full = render("index.html", page, "en", base="en/", known={"timeline.html", "coverage-matrix.html"})
    assert '<a href="coverage-matrix.html">Coverage matrix</a>' in full and '<a href="timeline.html">Timeline</a>' in full
    assert '<a href="index.html" aria-current="page">Overview</a>' in full
    assert '<a class="skip-link" href="index.html#main">' in full  # "#main" would resolve against <base>
