"""'Clean errors everywhere' of issue 12: each of these was a traceback; each is now one
`lexkb: error:` line with the documented exit code."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_lexkb

from .edits import edit, fence_line, line_of
from .oneline import one_error

BAD_URLS = [
    ("http://[::1/query", "not a URL"),
    ("http://127.0.0.1:port/query", "not a URL"),
    ("http://127.0.0.1:99999/query", "not a URL"),
    ("http://127.0.0.1:7878/query\r\nX-Injected: 1", "cannot hold spaces or control characters"),
    ("http://127.0.0.1:7878/que ry", "cannot hold spaces or control characters"),
    ("ftp://example.org/sparql", "not an http(s) URL"),
]


@pytest.mark.parametrize("url, fragment", BAD_URLS, ids=[u for u, _ in BAD_URLS])
@pytest.mark.parametrize("command", [("penalty", "203"), ("query", "penalties"), ("table", "penalties"),
                                     ("validate",), ("publish",)])
def test_endpoint_urls_that_do_not_parse(url, fragment, command):
    line = one_error(run_lexkb(*command, "--endpoint", url), 2, "--endpoint", fragment)
    assert "\r" not in line and "\n" not in line  # CR/LF shown escaped, never raw


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "-inf"])
@pytest.mark.parametrize("command", [("penalty", "203"), ("query", "penalties"), ("table", "penalties"),
                                     ("publish",)])
def test_timeouts_that_are_not_a_duration(value, command):
    one_error(run_lexkb(*command, "--timeout", value, "--endpoint", "http://127.0.0.1:9/query"), 2,
              f"--timeout {value if value not in ('0', '-1') else float(value)}")


BROKEN = [("incomplete", "broke off"), ("truncated", "malformed JSON results"),
          ("garbage", "malformed JSON results"), ("bad-iri", "malformed JSON results")]


@pytest.mark.parametrize("path, fragment", BROKEN, ids=[p for p, _ in BROKEN])
@pytest.mark.parametrize("command", [("penalty", "203"), ("show", "CPF 204"), ("query", "penalties"),
                                     ("table", "penalties")])
def test_results_that_break_off_mid_answer(fake, path, fragment, command):
    one_error(run_lexkb(*command, "--timeout", "5", "--endpoint", f"{fake.url}/{path}"), 3, fragment)


def test_a_graph_that_breaks_off_during_validate(fake):
    """A server killed during `validate --endpoint`: the graph's answer ends before its Content-Length."""
    code, out, err = run_lexkb("validate", "--endpoint", f"{fake.url}/cut-graph", "--timeout", "5")
    assert (code, out, err) == (3, "", f"lexkb: error: {fake.url}/cut-graph: the answer broke off after 32 bytes "
                                       "after 3 attempts\n")
    assert fake.hits("/cut-graph") == 3


def test_unknown_members_of_a_results_document_are_ignored(fake):
    """Comunica 3's JSON results carry a "metadata" member after "results": every read command ended in
    a traceback ("Unexpected JSON after the end of the bindings array"); the rows are read, the rest ignored."""
    code, out, err = run_lexkb("query", "-", "-f", "csv", "--endpoint", f"{fake.url}/metadata",
                               input="SELECT ?s { ?s ?p ?o }")
    assert (code, out, err) == (0, "s\n" + "http://example.org/x\n" * 3, "")  # CRLF, read as text


@pytest.mark.parametrize("target, line", [
    ("", "lexkb: error: -o: '.' is a folder; give a file name"),
    # a folder lexkb may not write in, whoever runs the tests (root too): sysfs takes no new files
    ("/sys/lexkb-test.md", "lexkb: error: -o: cannot write '/sys/lexkb-test.md': Permission denied"),
])
def test_outputs_that_cannot_be_written_are_one_line(target, line):
    for args in (("table", "penalties"), ("export",), ("penalty", "204")):
        code, out, err = run_lexkb(*args, "-o", target)
        assert (code, out, err) == (2, "", line + "\n"), args


def test_bind_bytes_that_are_not_utf8():
    import os
    import subprocess
    import sys
    from pathlib import Path

    proc = subprocess.run([str(Path(sys.executable).parent / "lexkb"), "query", "offence-by-name", "--bind",
                           os.fsdecode(b"name=\xff")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    one_error((proc.returncode, proc.stdout, proc.stderr), 2, "--bind name=...: the value is not UTF-8 (byte \\xff at 0)")


def test_a_query_name_longer_than_the_filesystem_allows():
    one_error(run_lexkb("query", "x" * 5000), 2, "no such query (File name too long)")


def test_an_unreadable_index(tmp_path):
    home = tmp_path / "project"
    for name in ("provisions", "ontology", "statistics", "kb/queries", "kb/generated"):
        shutil.copytree(ROOT / name, home / name)
    (home / "kb/generated/index.json").write_bytes(b"\xff\xfe not json")
    for command in (("penalty", "204"), ("summary",), ("show", "CPF 204")):
        one_error(run_lexkb(*command, env={"LEXKB_HOME": str(home)}), 2, "index.json: unreadable index")
    (home / "kb/generated/index.json").unlink()
    (home / "kb/generated/index.json").mkdir()
    one_error(run_lexkb("penalty", "204", env={"LEXKB_HOME": str(home)}), 2, "index.json")
    # the records the index points into: cut short, or missing
    (home / "kb/generated/index.json").rmdir()
    shutil.copy(ROOT / "kb/generated/index.json", home / "kb/generated/index.json")
    records = (ROOT / "kb/generated/index-records.jsonl").read_bytes()
    (home / "kb/generated/index-records.jsonl").write_bytes(records[:len(records) // 2])
    for command in (("penalty", "204"), ("penalty", "trata"), ("show", "CPF 204")):
        one_error(run_lexkb(*command, env={"LEXKB_HOME": str(home)}), 2, "index.json: unreadable index")
    (home / "kb/generated/index-records.jsonl").unlink()
    one_error(run_lexkb("penalty", "204", env={"LEXKB_HOME": str(home)}), 2,
              "index-records.jsonl: knowledge base not built; run 'lexkb build'")


def test_an_ill_typed_literal(tmp_path):
    path = tmp_path / "ill.ttl"
    path.write_text('@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n<http://a/s> <http://a/p> "abc"^^xsd:integer .\n',
                    encoding="utf-8")
    one_error(run_lexkb("validate", str(path)), 2, "ill-typed literal 'abc'^^xsd:integer", stdout=None)
    path.write_text('<http://a/s> <http://a/p> "2010-02-30"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
                    encoding="utf-8")
    one_error(run_lexkb("validate", str(path)), 2, "ill-typed literal '2010-02-30'^^xsd:date", stdout=None)


@pytest.mark.parametrize("args, code", [(("penalty", "20\r4\x1b[2J"), 1), (("show", "X\rY"), 1),
                                        (("query", "no\x07such"), 2), (("table", "pen\ralties"), 2)])
def test_control_characters_are_echoed_escaped(args, code):
    line = one_error(run_lexkb(*args), code, stdout=None)
    assert not any(ord(c) < 32 for c in line)
    assert "\\r" in line or "\\x07" in line


# ---------------------------------------------------------------- provision files


WRONG = [  # (old, new, where the error is: the key's line or the block's fence, what it says)
    ('offence = "procurement"', 'offence = ["procurement"]', "key", "[penalty] 'offence' must be a string, not a list"),
    ("imprisonment_years = [2, 9]", "imprisonment_years = [nan, 9]", "key", "holds nan: give a finite number"),
    ("imprisonment_years = [2, 9]", "imprisonment_years = [2, inf]", "key", "holds inf: give a finite number"),
    ("fine_days_wage = [50, 500]", "fine_days_wage = [50, 1e309]", "key", "holds inf: give a finite number"),
    ('chapter = "VI"', 'chapter = "V I>"', "key", "chapter 'V I>': letters and digits"),
    ('id = "cpf-206"', 'id = "cpf 206>"', "key", "id 'cpf 206>': use letters, digits"),
    ("imprisonment_years = [2, 9]", "imprisonment_years = " + "[" * 3000 + "]" * 3000, "fence",
     "invalid TOML: nested too deeply"),
    ('opsc = ["3/1/a"]', 'opsc = [["3/1/a"]]', "key", "[claim] 'opsc' must be a list of strings"),
]


@pytest.mark.parametrize("old, new, at, fragment", WRONG, ids=[w[3][:40] for w in WRONG])
def test_provision_values_of_the_wrong_type_or_form(provisions_copy, tmp_path, old, new, at, fragment):
    text = edit(provisions_copy, "cpf/206.md", old, new)
    line = line_of(text, new) if at == "key" else fence_line(text, new)
    one_error(run_lexkb("build", "-q", "--provisions", str(provisions_copy), "--out", str(tmp_path / "o")), 2,
              f"provisions/cpf/206.md:{line}: ", fragment)


def test_verbs_and_aliases_of_the_wrong_type(provisions_copy, tmp_path):
    import re

    offence_file = next(p for p in sorted(provisions_copy.rglob("*.md")) if "aliases" in p.read_text(encoding="utf-8"))
    text = offence_file.read_text(encoding="utf-8")
    broken = re.sub(r'label = "([^"]*)", source', "label = 5, source", text, count=1)
    assert broken != text
    offence_file.write_text(broken, encoding="utf-8")
    one_error(run_lexkb("build", "-q", "--provisions", str(provisions_copy), "--out", str(tmp_path / "o")), 2,
              "each alias's label must be a string, not a number")
    offence_file.write_text(text, encoding="utf-8")
    verbs_file = next(p for p in sorted(provisions_copy.rglob("*.md")) if "verbs = [" in p.read_text(encoding="utf-8"))
    text = verbs_file.read_text(encoding="utf-8")
    verbs_file.write_text(re.sub(r"verbs = \[[^\]]*\]", "verbs = [1, 2]", text, count=1), encoding="utf-8")
    one_error(run_lexkb("build", "-q", "--provisions", str(provisions_copy), "--out", str(tmp_path / "o")), 2,
              "[conduct] 'verbs' must be a list of strings, not a list holding a number")
