"""The report's audit page (audit.html): the records of `lexkb audit`, counted and listed, each provision and
source a link, in both languages."""
import json
import re

import pytest

from conftest import run_lexkb
from lexkb.report import build_pages


@pytest.fixture(scope="module", params=["en", "es"])
def page(request):
    return request.param, build_pages(lang=request.param)["audit.html"]


def test_the_audit_page_counts_and_lists_the_records_of_lexkb_audit(page):
    lang, text = page
    code, out, err = run_lexkb("audit", "-f", "json")
    assert code == 0, err
    records = json.loads(out)
    counts = {}
    for r in records:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    assert counts == {"agrees": 26, "differs": 1, "not in report": 8, "not in statute": 10}
    shown = dict(re.findall(r'<li><span(?: lang="en")?>([a-z ]+)</span>: (\d+)</li>', text))
    assert {k: int(v) for k, v in shown.items()} == counts
    assert len(re.findall(r"<tr( class=\"differs\")?>\n<td>", text)) == len(records) == 45
    # the one difference: CPF art. 204's fine, 1,000-2,000 days of minimum wage (para. 47) against the 2013
    # edition's 1,000-2,500 días multa, the provision and both sources links
    row = re.search(r'<tr class="differs">\n(.*?)</tr>', text, re.S).group(1)
    assert '<a href="provisions/cpf-art-204.html">CPF art. 204</a>' in row and "<td>fine</td>" in row
    assert "1,000–2,000 days of minimum wage" in row and "1,000–2,500 días multa" in row
    assert '<a href="sources/CRC-C-OPSC-MEX-Q-1-Add.1/para-47.html">CRC/C/OPSC/MEX/Q/1/Add.1, para. 47</a>' in row
    assert '<a href="versions/cpf-art-204/2007-03-27.html">' in row
    assert ("<h1>Audit: the State&#x27;s report checked against the statute</h1>" if lang == "en"
            else "<h1>Auditoría: el informe del Estado frente a la ley</h1>") in text
    assert ("<tbody>" if lang == "en" else '<tbody lang="en">') in text  # the records are lexkb's English
