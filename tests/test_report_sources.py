"""`lexkb report`: every citation a link. A report's paragraph has a page with its words (the same as
the vendored document read through lexkb.sources) and what cites it; an article version has a page
with the statute's words, its dates, its editions and a word diff from the previous version; the table
and provision pages link their sources to them. Expected values are copied from the vendored files
(provisions/source/) and `lexkb table history`."""
import html
import posixpath
import re

import pytest

from conftest import ROOT
from lexkb.report import build_site
from lexkb.report.citations import citation_href
from lexkb.report.site import Context, _load

REPORT = "CRC-C-OPSC-MEX-Q-1-Add.1"
PARA47 = f"sources/{REPORT}/para-47.html"


@pytest.fixture(scope="module")
def site():
    return build_site()


def dele(words: str) -> str:
    """Removed words as a version page marks them: struck through, and [− …] for readers without colour."""
    return f'<span class="chg del"><span class="mark">[−</span><del>{words}</del><span class="mark">]</span></span>'


def ins(words: str) -> str:
    return f'<span class="chg ins"><span class="mark">[+</span><ins>{words}</ins><span class="mark">]</span></span>'


def main(page: str) -> str:
    return re.split(r"<main[^>]*>", page, maxsplit=1)[1].split("</main>", 1)[0]


def links(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<a href="([^"]+)"', main(page))]


def resolves(site: dict, lang: str, from_path: str, link: str) -> bool:
    return f"{lang}/{posixpath.normpath(posixpath.join(posixpath.dirname(from_path), link))}" in site


def blockquote(page: str, cls: str = "") -> tuple[str, str]:
    """(lang attribute, text) of the page's first blockquote (of class cls)."""
    m = re.search(rf'<blockquote{f" class=.{cls}." if cls else ""} lang="([a-z]*)"><p>(.*?)</p></blockquote>', page, re.S)
    assert m, "no blockquote"
    return m.group(1), html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_paragraph_47_page_quotes_the_vendored_paragraph_and_links_what_cites_it(site, library, lang):
    page = site[f"{lang}/{PARA47}"]
    doc = library.documents[REPORT]
    words = library.parsed(doc)[47]
    assert words.startswith("The acts associated with child prostitution mentioned in the Optional Protocol")
    assert blockquote(page, "passage") == (doc.language, words) == ("en", words)
    assert f'<html lang="{lang}">' in page
    assert "<h1>CRC/C/OPSC/MEX/Q/1/Add.1, para. 47</h1>" in page
    assert "<dd>2010-10-12</dd>" in page and f"<dd>provisions/source/{REPORT}.txt</dd>" in page
    out = links(page)
    assert "../../provisions/cpf-art-204.html" in out  # CPF art. 204 cites it (its penalty, its claims)
    assert all(resolves(site, lang, PARA47, link) for link in out), out
    # the State's figures for art. 204 as the paragraph gives them
    assert {"en": "imprisonment 8–15 years; fine 1,000–2,000 days of minimum wage",
            "es": "prisión de 8–15 años; multa de 1000–2000 días de salario mínimo"}[lang] in page


def test_cpf_204_has_one_version_page_with_its_dates_and_the_statutes_words(site, library):
    pages = sorted(p for p in site if p.startswith("en/versions/cpf-art-204/"))
    assert pages == ["en/versions/cpf-art-204/2007-03-27.html"]
    page = site[pages[0]]
    assert "<h1>CPF art. 204, version of 2007-03-27</h1>" in page
    assert "<dt>Published (journal date of the decree that made this text)</dt><dd>2007-03-27</dd>" in page
    assert "<dd>no later change in the editions lexkb holds</dd>" in page
    assert "<dt>Entry into force</dt><dd>not in source</dd>" in page
    for edition in ("2013-06-07", "2020-01-24", "2025-11-28"):
        assert f"<td class=\"date\">{edition}</td>" in page
    text = library.parsed(library.documents["cpf-dof-2025-11-28"]).article("204").text()
    assert text.startswith("Artículo 204.- Comete el delito de lenocinio de personas menores de dieciocho años")
    assert blockquote(page) == ("es", text)
    assert "The same words in every edition that carries this version (3)." in page
    assert "../../provisions/cpf-art-204.html" in links(page)
    # the State's 2010 account, linked to its paragraph
    assert f'<a href="../../{PARA47}">CRC/C/OPSC/MEX/Q/1/Add.1, para. 47</a>' in page
    es = site["es/versions/cpf-art-204/2007-03-27.html"]
    assert '<html lang="es">' in es and "<h1>CPF art. 204, versión del 2007-03-27</h1>" in es
    assert "<dt>Entrada en vigor</dt><dd>no consta en la fuente</dd>" in es


def test_cpf_201_versions_hold_until_the_next_and_the_diff_shows_the_changed_words(site):
    old = site["en/versions/cpf-art-201/2007-03-27.html"]
    new = site["en/versions/cpf-art-201/2016-07-18.html"]
    assert "<dd>2016-07-18</dd>" in old  # holds until the 2016 decree (exclusive)
    assert ('Versions of this article: <strong aria-current="page">2007-03-27 (this page)</strong> · '
            '<a href="2016-07-18.html">2016-07-18</a>') in old
    assert '<a href="2007-03-27.html">2007-03-27</a> · <strong aria-current="page">2016-07-18 (this page)</strong>' in new
    assert "<h2>What changed from the version of 2007-03-27</h2>" in new
    # 2013 edition: "Comete el delito de corrupción, quien…"; 2020 edition: "…de corrupción de menores, quien…"
    assert f"Comete el delito de corrupción {ins('de menores')}, quien obligue" in new
    # and before inciso f): "asociación delictuosa; y f)" became "…; o f)"
    assert f"asociación delictuosa; {dele('y')}{ins('o')} f) Realizar" in new
    assert "1 word(s) removed, 3 word(s) added." in new
    # the encoded penalties did not change: every row says so
    data = main(new).split("<h3>Encoded data</h3>")[1]
    assert data.count('<td class="same">same</td>') == 3 and 'class="changed"' not in data
    es = site["es/versions/cpf-art-201/2016-07-18.html"]
    assert "1 palabra(s) suprimida(s), 3 palabra(s) añadida(s)." in es and '<td class="same">igual</td>' in es


def test_cpf_205_bis_2023_diff_marks_removed_and_added_words_and_the_rules(site):
    page = site["en/versions/cpf-art-205-bis/2023-10-18.html"]
    assert f"artículos 200, 201{ins(', 202, 203, 203 Bis, 204')} y {dele('204')}{ins('209 Bis de este Código')}." in page
    assert f"Artículo 205{dele('-')} Bis. Serán imprescriptibles" in page
    assert "imprescriptible: cpf-205bis-imprescriptible-209bis" in page.split("Version of 2023-10-18")[1]
    # the notes record a reform of 25-04-2023 (printed "25-042023") whose text no edition carries
    assert "also record a change on 2023-04-25, between the two versions" in page
    assert "<dd>2023-04-25</dd>" in site["en/versions/cpf-art-205-bis/2012-06-14.html"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_penalties_table_sources_are_links_that_resolve(site, lang):
    path = "table-penalties.html"
    page = main(site[f"{lang}/{path}"])
    heading = {"en": "Sources:", "es": "Fuentes:"}[lang]
    items = re.findall(r"<li>(.*?)</li>", page.split(f"<p>{heading}</p>", 1)[1])
    assert len(items) == 80 and all(i.startswith("<a href=") for i in items)
    assert f'<li><a href="{PARA47}">CRC/C/OPSC/MEX/Q/1/Add.1, para. 47</a></li>' in page
    assert ('<a href="versions/cpf-art-204/2007-03-27.html">Código Penal Federal (Última reforma publicada DOF 28-11-2025), '
            "art. 204</a>") in page
    assert f'<td><a href="{PARA47}">para. 47</a>' in page  # a source cell
    assert all(resolves(site, lang, path, link) for link in links(site[f"{lang}/{path}"]))


def test_provision_page_links_its_sources_and_versions(site):
    page = site["en/provisions/cpf-art-204.html"]
    assert f'<li><a href="../{PARA47}">CRC/C/OPSC/MEX/Q/1/Add.1, para. 47</a></li>' in page
    assert '<li><a href="../versions/cpf-art-204/2007-03-27.html">version of 2007-03-27</a></li>' in page
    # each penalty row names its sources, linked: the State's (para. 47) and the statute's (the version page)
    assert (f'imprisonment 8–15 years; fine 1,000–2,000 days of minimum wage; <a href="../{PARA47}">'
            "CRC/C/OPSC/MEX/Q/1/Add.1, para. 47</a></td>") in page
    assert ('fine 1,000–2,500 días multa; <a href="../versions/cpf-art-204/2007-03-27.html">Código Penal Federal '
            "(Última Reforma DOF 07-06-2013), art. 204</a>") in page
    # a fracción links to its article's versions
    assert '<a href="../versions/cpf-art-204/2007-03-27.html">' in site["en/provisions/cpf-art-204-i.html"]


def test_citation_href_links_known_labels_only():
    store, index = _load(None)
    ctx = Context(store, index, "en")
    assert citation_href(ctx, "CRC/C/OPSC/MEX/Q/1/Add.1, para. 47", "table-penalties.html") == PARA47
    assert citation_href(ctx, "CRC/C/OPSC/MEX/Q/1/Add.1, paras. 44-46", "index.html") == f"sources/{REPORT}/para-44.html"
    assert (citation_href(ctx, "Código Penal Federal (Última Reforma DOF 07-06-2013), art. 201", "provisions/x.html")
            == "../versions/cpf-art-201/2007-03-27.html")
    assert citation_href(ctx, "CRC/C/OPSC/MEX/Q/1/Add.1, para. 999", "index.html") is None
    assert citation_href(ctx, "no such source", "index.html") is None
