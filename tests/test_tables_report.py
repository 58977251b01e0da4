"""`lexkb report`: the static HTML report, checked at parser level, without a browser.

html.parser sees what the markup itself can get wrong: every element is closed and nested properly, every
local href resolves to a file in the report (a #fragment to an id of its page), every <table> has a
<caption> first and every <th> a scope, every page declares its language and charset, in both languages'
folders. What needs a browser (layout at two widths, scripts, the search box, console errors) is
tests/test_report_browser.py, in headless Chromium."""
import html.parser
from pathlib import Path

import pytest

from lexkb.report import MARKER, write_report

VOID = {"meta", "link", "base", "br", "hr", "img", "input", "source", "wbr"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.links, self.ids = [], [], [], set()
        self.tables = self.captions_first = self.th = self.th_scoped = 0
        self.lang = self.base = None
        self.charset = False
        self._after_table = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "base":
            self.base = a.get("href")
        if tag == "meta" and a.get("charset") == "utf-8":
            self.charset = True
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "table":
            self.tables += 1
        if self._after_table:
            self.captions_first += tag == "caption"
            self._after_table = False
        self._after_table = tag == "table"
        if tag == "th":
            self.th += 1
            self.th_scoped += a.get("scope") in ("col", "row", "colgroup")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("r") / "report"
    n = write_report(out)
    return out, n


def check(path: Path) -> Checker:
    c = Checker()
    c.feed(path.read_text(encoding="utf-8"))
    c.close()
    return c


def test_report_pages(report):
    out, n = report
    pages = sorted(out.rglob("*.html"))
    # per language: index, 6 table pages (enforcement included), 133 provisions: 73 of the OPSC (11-17 too), 30 of
    # the CPF (Title Eight from the statute: arts. 200 to 209 Quintus, fracciones of 204 and 206 bis, two chapters),
    # 9 of the LPSTP, 21 of the General Law on trafficking (arts. 10, 13 to 20, 26 to 30, 35, 39 to 43 and 47);
    # 9 pages of the State's report's cited paragraphs (sources/), 45 of article versions (versions/); the coverage
    # matrix, the penalty chart, the timeline and the audit; and the root page
    per_language = 1 + 6 + 133 + 9 + 45 + 4
    assert len(pages) == n == 1 + 2 * per_language
    assert len(list((out / "en").rglob("*.html"))) == len(list((out / "es").rglob("*.html"))) == per_language
    assert (out / MARKER).exists() and (out / "assets" / "report.css").is_file()
    assert (out / "assets" / "sources.css").is_file()
    for page in pages:
        c = check(page)
        rel = page.relative_to(out)
        assert c.errors == [] and c.stack == [], (page, c.errors, c.stack)
        assert c.lang == (rel.parts[0] if len(rel.parts) > 1 else "en") and c.charset, page
        assert c.tables == c.captions_first, f"{page}: a table without a leading <caption>"
        assert c.th == c.th_scoped, f"{page}: <th> without scope"
        base = page.parent / (c.base or "")
        for href in c.links:
            assert not href.startswith(("http:", "https:", "/")), href
            if href.startswith("#"):  # this page (the skip link to <main id="main">)
                assert not c.base and href[1:] in c.ids, f"{rel}: broken link {href}"
                continue
            target = (base / href.split("#")[0]).resolve()
            assert target.is_file(), f"{rel}: broken link {href}"


def test_index_links_every_table_and_provision(report):
    out, _ = report
    links = set(check(out / "en" / "index.html").links)
    for name in ("penalties", "minors-vs-adults", "opsc-coverage", "opsc-gaps", "amendments"):
        assert f"table-{name}.html" in links
    assert len([l for l in links if l.startswith("provisions/")]) == 133


def test_table_page_links_provisions_and_lists_sources(report):
    out, _ = report
    text = (out / "en" / "table-penalties.html").read_text(encoding="utf-8")
    assert '<a href="provisions/cpf-art-204.html">204</a>' in text
    assert "<caption>Penalties by offence and variant</caption>" in text
    assert '<li><a href="sources/CRC-C-OPSC-MEX-Q-1-Add.1/para-51.html">CRC/C/OPSC/MEX/Q/1/Add.1, para. 51</a></li>' in text
    assert "kb/queries/table-penalties.rq" in text


def test_provision_page_has_text_encoding_mappings(report):
    out, _ = report
    page = (out / "en" / "provisions" / "cpf-art-204.html").read_text(encoding="utf-8")
    assert "between 8 and 15 years’ imprisonment" in page
    assert "imprisonment 8–15 years; fine 1,000–2,000 days of minimum wage" in page
    assert '<a href="opsc-art-3-1-b.html">OPSC art. 3(1)(b)</a>' in page
    assert "lexkb:coverage" in page and "eli:is_part_of" in page
    opsc = (out / "en" / "provisions" / "opsc-art-3-1-b.html").read_text(encoding="utf-8")
    assert '<a href="cpf-art-204.html">CPF art. 204</a>' in opsc


def test_report_replaces_only_a_report(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine", encoding="utf-8")
    from lexkb.errors import LexkbError

    with pytest.raises(LexkbError, match="^-o: "):
        write_report(other)
    assert (other / "keep.txt").read_text(encoding="utf-8") == "mine"
    out = tmp_path / "rep"
    write_report(out)
    (out / "stale.html").write_text("x", encoding="utf-8")
    write_report(out, lang="es")
    assert not (out / "stale.html").exists()
    root = check(out / "index.html")
    assert root.lang == "es" and root.base == "es/"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "rep"]  # no temporary folders left


def test_provision_texts_say_their_language(report):
    """CPF art. 206 is quoted in the State's English and in the statute's Spanish: each text is marked with its
    language (WCAG 3.1.2), the page's own first."""
    out, _ = report
    es = (out / "es" / "provisions" / "cpf-art-206.html").read_text(encoding="utf-8")
    en = (out / "en" / "provisions" / "cpf-art-206.html").read_text(encoding="utf-8")
    spanish = ('<blockquote lang="es">\n<p>El lenocinio se sancionará con prisión de dos a nueve años y de cincuenta a '
               'quinientos días multa.</p>\n</blockquote>')
    english = '<blockquote lang="en">\n<p>Article 206. Procurement for prostitution shall be penalized with between 2'
    assert spanish in es and english in es and es.index(spanish) < es.index(english)
    assert spanish in en and english in en and en.index(english) < en.index(spanish)
