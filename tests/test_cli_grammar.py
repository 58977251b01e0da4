"""One grammar for every command: -f/--format and -o/--output, one human format name (text), click's
usage errors as one line, shell completion of choices, outputs that end with a newline."""
import json

import pytest

from conftest import ROOT, run_lexkb


@pytest.mark.parametrize("args, line", [
    (["penalty"], "lexkb: error: penalty: missing argument 'QUERY' (see 'lexkb penalty --help')"),
    (["penalty", "203", "--bogus"], "lexkb: error: penalty: no such option '--bogus' (see 'lexkb penalty --help')"),
    (["penalty", "203", "-f"], "lexkb: error: penalty: option '-f' requires an argument (see 'lexkb penalty --help')"),
    (["validate", "-f", "yaml"], "lexkb: error: validate: invalid value for '--format' / '-f': 'yaml' is not one of "
                                 "'text', 'json', 'ttl' (see 'lexkb validate --help')"),
    (["nocommand"], "lexkb: error: no such command 'nocommand' (see 'lexkb --help')"),
    (["table", "penalties", "-f", "yaml"], "lexkb: error: --format: 'yaml' is not one of text, md, csv, html, json, jsonl, tex"),
])
def test_usage_errors_are_one_line(args, line):
    code, out, err = run_lexkb(*args)
    assert (code, out, err) == (2, "", line + "\n")


def test_the_usage_is_shown_with_help():
    code, out, err = run_lexkb("penalty", "--help")
    assert code == 0 and err == "" and out.lstrip().startswith("Usage: lexkb penalty [OPTIONS] QUERY")


@pytest.mark.parametrize("args", [
    ["penalty", "203"], ["show", "CPF 204"], ["query", "penalties"], ["table", "penalties"], ["stats"],
    ["summary"], ["validate"],
])
def test_text_is_the_human_format_everywhere(args):
    """text is the default and can be named; the old name 'table' is still accepted where it was one."""
    default = run_lexkb(*args)
    assert default[0] == 0
    assert run_lexkb(*args, "-f", "text") == default
    if args[0] in ("penalty", "show", "query", "stats"):
        assert run_lexkb(*args, "--format", "table") == default


@pytest.mark.parametrize("args", [
    ["penalty", "203", "-f", "json"], ["show", "CPF 204"], ["query", "penalties", "-f", "csv"],
    ["table", "penalties", "-f", "csv"], ["stats", "adoptions", "-f", "md"], ["summary", "-f", "json"],
    ["validate", "-f", "json"], ["export", "-f", "nt"],
])
def test_o_writes_what_stdout_would_show(tmp_path, args):
    out = tmp_path / "out.txt"
    code, stdout, _ = run_lexkb(*args)
    assert code == 0
    code, nothing, err = run_lexkb(*args, "-o", str(out))
    assert (code, nothing) == (0, ""), err
    written = out.read_text(encoding="utf-8")
    if args[0] == "export":  # rdflib writes N-Triples in no fixed order
        written, stdout = sorted(written.splitlines()), sorted(stdout.splitlines())
    assert written == stdout


def test_build_takes_o_and_the_old_out(tmp_path):
    for option in ("-o", "--output", "--out"):
        code, _, err = run_lexkb("build", "-q", option, str(tmp_path / option))
        assert code == 0, err
        assert (tmp_path / option / "index.json").read_bytes() == (ROOT / "kb" / "generated" / "index.json").read_bytes()


def test_an_empty_query_is_an_empty_query():
    for text in ("", "  \n", "# only a comment\nPREFIX ex: <http://example.org/#>\n"):
        code, out, err = run_lexkb("query", "-", input=text)
        assert (code, out, err) == (2, "", "lexkb: error: <stdin>: the query is empty: give a SELECT, ASK, "
                                            "CONSTRUCT or DESCRIBE query\n")
    code, _, err = run_lexkb("query", "-", input="INSERT DATA { <http://a> <http://b> <http://c> }")
    assert code == 2 and "SPARQL updates are refused" in err


@pytest.mark.parametrize("query, fmt", [
    ("penalties", "json"), ("ASK { ?s ?p ?o }", "csv"), ("ASK { ?s ?p ?o }", "tsv"), ("ASK { ?s ?p ?o }", "json"),
    ("penalties", "csv"), ("penalties", "tsv"),
])
def test_results_end_with_a_newline(query, fmt):
    args = ["query", query, "-f", fmt] if query == "penalties" else ["query", "-", "-f", fmt]
    code, out, _ = run_lexkb(*args, input=None if query == "penalties" else query)
    assert code == 0 and out.endswith("\n") and not out.endswith("\n\n")
    if fmt == "json":
        json.loads(out)


def complete(words: str, env_extra=None):
    """What bash completion offers after `words` (typer's protocol, as --install-completion sets it up)."""
    parts = words.split(" ")
    code, out, err = run_lexkb(env={"_LEXKB_COMPLETE": "complete_bash", "COMP_WORDS": words,
                                    "COMP_CWORD": str(len(parts) - 1), **(env_extra or {})})
    assert code == 0, err
    return out.split()


def test_shell_completion_of_choices():
    from lexkb.sparql import shipped_queries

    assert complete("lexkb table ") == ["penalties", "minors-vs-adults", "opsc-coverage", "amendments", "enforcement",
                                        "history"]
    assert complete("lexkb table penalties -f j") == ["json", "jsonl"]
    assert complete("lexkb query ") == list(shipped_queries())
    assert complete("lexkb query table-p") == ["table-penalties"]
    assert complete("lexkb penalty trata --with victim") == ["victim-over-60"]
    assert "violence" in complete("lexkb penalty 203 -w ")
    assert complete("lexkb show 204 -j ") == ["mx"]
    assert complete("lexkb stats -f ") == ["text", "json", "csv", "md"]
    assert complete("lexkb export -f n") == ["nt", "nq", "ntriples", "nquads"]
    assert complete("lexkb penalty 203 -f ") == ["text", "json", "csv", "md"]
