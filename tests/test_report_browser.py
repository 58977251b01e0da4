"""`lexkb report` in a real browser: Debian's chromium, driven by Playwright (never `playwright install`:
it downloads a browser of its own; .ci/run installs chromium with apt instead).

Every page of both languages is opened at a laptop's width (1,280 px) and a phone's (390 px), served
over HTTP from 127.0.0.1; a page fails on a console error, an uncaught script error, a request that
fails, a link, stylesheet or script that does not resolve to a file of the report, and a page wider
than the window (the page must never scroll sideways: wide tables scroll in their own box). Then the
search box is typed into, the language switch is followed, and the root page is opened from file://
(no server at all), where the search must work too; axe-core checks the WCAG 2.1 A and AA rules it can
test on a page of each kind.

Without chromium or Playwright the tests skip locally, and fail in CI (CI set, or
LEXKB_BROWSER=required as .ci/run exports): a browser test that silently skips checks nothing."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from lexkb.report import write_report

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = (1280, 390)


def _unavailable(reason: str):
    if os.environ.get("CI") or os.environ.get("LEXKB_BROWSER") == "required":
        pytest.fail(f"browser test required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "report"
    n = write_report(out)
    return out, n


@pytest.fixture(scope="module")
def server(report):
    out, _ = report

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which("chromium")):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium"),
                              args=ARGS)
        yield b
        b.close()


class Watch:
    """A page whose console errors, script errors and failed requests are collected."""

    def __init__(self, browser, width: int):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"script: {e}"))
        # net::ERR_ABORTED: the next page was opened before a request of this one ended (the icon)
        self.page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                     and self.errors.append(f"request failed: {r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}"))

    def open(self, url: str):
        self.errors.clear()
        self.page.goto(url, wait_until="load")
        return self.page

    def close(self):
        self.context.close()


# an <a> inside an SVG chart has an SVGAnimatedString for .href: its attribute, resolved, is the link
CHECK = """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, [
  ...Array.from(document.querySelectorAll('a[href]'), a => new URL(a.getAttribute('href'), document.baseURI).href),
  ...Array.from(document.querySelectorAll('link[href]'), l => l.href),
  ...Array.from(document.querySelectorAll('script[src]'), s => s.src)]]"""


def test_every_page_loads_clean_links_resolve_and_fits(report, server, browser):
    """Each page is loaded once, at one width, checked, then resized to the other width and checked
    again (media queries apply on resize as on load): half the page loads of one context per width."""
    out, n = report
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(files) == n == 1 + 2 * (1 + 6 + 133 + 9 + 45 + 4)  # as tests/test_tables_report.py counts them
    problems, checked = [], set()
    started = time.monotonic()
    watch = Watch(browser, WIDTHS[0])
    widths = list(WIDTHS)
    try:
        for rel in files:
            page = watch.open(server + rel)
            for width in widths:
                if page.viewport_size["width"] != width:
                    page.set_viewport_size({"width": width, "height": 900})
                scroll, client, links = page.evaluate(CHECK)
                if scroll > client:
                    problems.append(f"{rel} @{width}: page is {scroll} px wide in a {client} px window")
            widths.reverse()  # the next page loads at the width this one ends with
            problems += [f"{rel}: {e}" for e in watch.errors]
            for url in links:
                if url in checked:
                    continue
                checked.add(url)
                if not url.startswith(server):
                    problems.append(f"{rel}: link outside the report: {url}")
                elif not (out / unquote(urlsplit(url).path).lstrip("/")).is_file():
                    problems.append(f"{rel}: broken link {url}")
    finally:
        watch.close()
    elapsed = time.monotonic() - started
    assert problems == [], "\n".join(problems[:40])
    # every page's stylesheet, icon and two scripts are among the checked targets
    assert {server + "assets/report.css", server + "assets/search.js", server + "assets/favicon.svg",
            server + "en/search-index.js",
            server + "es/search-index.js"} <= checked
    print(f"\n{len(files)} pages at {' and '.join(map(str, WIDTHS))} px in {elapsed:.1f} s")


def results(page) -> list[tuple[str, str]]:
    """The result list: (label, page it opens, relative to the language's folder)."""
    return [(text, href.split("/", 3)[-1] if "://" in href else href) for text, href in page.evaluate(
        """() => Array.from(document.querySelectorAll('.search-results a'),
                             a => [a.textContent, a.getAttribute('href')])""")]


def search(page, query: str) -> list[tuple[str, str]]:
    from playwright.sync_api import expect

    box = page.get_by_role("searchbox")
    box.fill("")
    box.press_sequentially(query)  # one input event per character, as a reader types
    expect(page.locator(".search-results")).to_have_attribute("data-query", query)
    expect(page.locator(".search-status")).not_to_be_empty()
    return results(page)


PROCUREMENT_MINORS_EN = ("procurement for prostitution of persons aged under 18 years or persons who do not have the "
                         "capacity to understand the significance of the act or are not able to offer resistance")
GENERAL_LAW_18 = ("al que promueva, publicite, invite, facilite o gestione por cualquier medio a que una o más "
                  "personas viajen al interior o exterior del territorio nacional con la finalidad de que realicen "
                  "cualquier tipo de actos sexuales, reales o simulados")
PROCUREMENT_MINORS_ES = ("lenocinio de personas menores de dieciocho años de edad o de personas que no tienen "
                         "capacidad para comprender el significado del hecho o de personas que no tienen capacidad "
                         "para resistirlo")


def test_search_as_you_type(server, browser):
    from playwright.sync_api import expect

    watch = Watch(browser, 1280)
    try:
        page = watch.open(server + "en/provisions/cpf-art-204.html")
        status = page.locator(".search-status")
        # "lenocinio" is the Code's Spanish name: the English page lists the two offences it names so,
        # each opening the article that defines it, with the Spanish name beside the English one
        assert search(page, "lenocinio") == [
            ("procurement for prostitution", "../provisions/cpf-art-206-bis.html"),
            (PROCUREMENT_MINORS_EN, "../provisions/cpf-art-204.html")]
        expect(status).to_have_text("2 results")
        assert page.locator(".search-results .other span[lang=es]").first.text_content() == "lenocinio"
        # the article, the offence it defines, its fracciones, and art. 205 bis, whose text cites art. 204
        assert search(page, "204") == [
            ("CPF art. 204", "../provisions/cpf-art-204.html"),
            (PROCUREMENT_MINORS_EN, "../provisions/cpf-art-204.html"),
            ("CPF art. 204 I", "../provisions/cpf-art-204-i.html"),
            ("CPF art. 204 II", "../provisions/cpf-art-204-ii.html"),
            ("CPF art. 204 III", "../provisions/cpf-art-204-iii.html"),
            ("CPF art. 205 bis", "../provisions/cpf-art-205-bis.html")]
        expect(status).to_have_text("6 results")
        assert page.locator(".search-results li").nth(5).locator(".snippet").text_content().startswith(
            "Serán imprescriptibles las sanciones señaladas en los artículos 200, 201 y 204.")
        # the two CPF offences so named, the General Law's offence of child sex tourism (its id), and
        # art. 203 bis, whose text says it
        assert search(page, "tourism") == [
            ("sexual tourism", "../provisions/cpf-art-203.html"),
            ("sexual acts within the context of sexual tourism", "../provisions/cpf-art-203-bis.html"),
            (GENERAL_LAW_18, "../provisions/general-law-on-trafficking-2012-art-18.html"),
            ("CPF art. 203 bis", "../provisions/cpf-art-203-bis.html")]
        expect(status).to_have_text("4 results")
        # a label that is the statute's own (Spanish) words is marked as Spanish on an English page
        assert page.locator(".search-results a").nth(2).get_attribute("lang") == "es"
        assert search(page, "qqqzz") == []
        expect(status).to_have_text("No results")
        page.get_by_role("searchbox").press("Escape")
        expect(status).to_be_empty()
        assert results(page) == []
        assert watch.errors == []

        page = watch.open(server + "es/index.html")
        assert search(page, "lenocinio") == [("lenocinio", "provisions/cpf-art-206-bis.html"),
                                             (PROCUREMENT_MINORS_ES, "provisions/cpf-art-204.html")]
        expect(page.locator(".search-status")).to_have_text("2 resultados")
        # an English word on the Spanish page; the offence with no Spanish label shows the English one, marked
        assert search(page, "tourism")[:2] == [("turismo sexual", "provisions/cpf-art-203.html"),
                                               ("sexual acts within the context of sexual tourism",
                                                "provisions/cpf-art-203-bis.html")]
        assert page.locator(".search-results a").nth(1).get_attribute("lang") == "en"
        # accents folded: "explotacion" finds "explotación"
        assert [h for _, h in search(page, "explotacion sexual")] == [
            "provisions/general-law-on-trafficking-2012-art-29.html",
            "provisions/general-law-on-trafficking-2012-art-13.html",
            "provisions/general-law-on-trafficking-2012-art-15.html",
            "provisions/general-law-on-trafficking-2012-art-29.html"]
        expect(page.locator(".search-status")).to_have_text("4 resultados")
        # Enter opens the first result
        page.get_by_role("searchbox").press("Enter")
        page.wait_for_url(server + "es/provisions/general-law-on-trafficking-2012-art-29.html")
        assert page.locator("h1").text_content() == "General Law on trafficking (2012) art. 29"
        assert watch.errors == []
    finally:
        watch.close()


def test_language_switch(server, browser):
    watch = Watch(browser, 390)
    try:
        page = watch.open(server + "index.html")  # the root page: the English landing page, <base href="en/">
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").text_content() == "lexkb report: the State's criminal law and the OPSC"
        page.get_by_role("link", name="Español").click()
        page.wait_for_load_state("load")
        assert page.url == server + "es/index.html"
        assert page.evaluate("document.documentElement.lang") == "es"
        assert page.locator("h1").text_content() == "Informe lexkb: el derecho penal del Estado y el OPSC"

        page = watch.open(server + "es/provisions/cpf-art-204.html")
        assert page.locator("h2").first.text_content() == "Texto"
        page.get_by_role("link", name="English").click()
        page.wait_for_load_state("load")
        assert page.url == server + "en/provisions/cpf-art-204.html"
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h2").first.text_content() == "Text"
        # the first Tab reaches the skip link, which moves to the page's main content
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        assert watch.errors == []
    finally:
        watch.close()


def test_report_from_file_url(report, browser):
    """Opened from disk, with no server: the root page's <base>, the stylesheet and the search index."""
    out, _ = report
    watch = Watch(browser, 1280)
    try:
        page = watch.open((out / "index.html").as_uri())
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(22, 50, 79)"
        assert search(page, "lenocinio")[0] == ("procurement for prostitution", "provisions/cpf-art-206-bis.html")
        page.locator(".search-results a").first.click()
        page.wait_for_load_state("load")
        assert page.url == (out / "en" / "provisions" / "cpf-art-206-bis.html").as_uri()
        assert page.locator("h1").text_content() == "CPF art. 206 bis"
        assert watch.errors == []
    finally:
        watch.close()


def test_folded_cells_open_on_demand_and_for_print(server, browser):
    """The penalties table folds its long cells (<details>); a click opens one; printing opens them all (print.js)
    and closes them again after, so paper shows every word of the table."""
    watch = Watch(browser, 1280)
    try:
        page = watch.open(server + "en/table-penalties.html")
        folded = page.locator(".table-scroll details")
        total = folded.count()
        assert total > 20 and page.locator(".table-scroll details[open]").count() == 0
        assert page.locator(".table-scroll details").first.locator("summary").text_content().endswith("…")
        folded.first.locator("summary").click()
        assert page.locator(".table-scroll details[open]").count() == 1
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator(".table-scroll details[open]").count() == total
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        assert page.locator(".table-scroll details[open]").count() == 1  # the one the reader opened stays open
        assert watch.errors == []
    finally:
        watch.close()


ROOT = Path(__file__).resolve().parent.parent
AXE = [Path(p) for p in (os.environ.get("LEXKB_AXE", ""), ROOT / ".axe" / "node_modules" / "axe-core" / "axe.min.js") if p]
# one page of each kind, in both languages: the template, the tables, the charts and every page a section writes
AXE_PAGES = ("index.html", "coverage-matrix.html", "penalties-chart.html", "timeline.html", "audit.html",
             "table-penalties.html", "table-opsc-gaps.html", "provisions/cpf-art-204.html", "provisions/opsc-art-3-1-b.html",
             "sources/CRC-C-OPSC-MEX-Q-1-Add.1/para-47.html", "versions/cpf-art-201/2016-07-18.html")
AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag',
  values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
  v => `${v.id} (${v.impact}): ${v.nodes.length} element(s), e.g. ${v.nodes[0].target.join(' ')}`)"""


def test_wcag_21_aa_by_axe(server, browser):
    """axe-core (Deque's accessibility engine, from npm; .ci/run installs it into .axe/) finds no violation of the
    WCAG 2.0/2.1 A and AA rules it can test (contrast, names, roles, lang, headings, tables' headers...) on a page
    of each kind in both languages, at both widths."""
    axe = next((p for p in AXE if p.is_file()), None)
    if axe is None:
        _unavailable("axe-core is missing (npm install --prefix .axe axe-core@4)")
    script = axe.read_text(encoding="utf-8")
    problems = []
    watch = Watch(browser, WIDTHS[0])
    try:
        for lang in ("en", "es"):
            for rel in AXE_PAGES:
                page = watch.open(f"{server}{lang}/{rel}")
                page.add_script_tag(content=script)
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    problems += [f"{lang}/{rel} @{width}: {v}" for v in page.evaluate(AXE_RUN)]
    finally:
        watch.close()
    assert problems == []
