"""Data-loss causes of issue 12: publish never leaves a server worse than it found it, the build's
files switch at once, output files are written by one helper that never replaces a device, and a
provision file cannot lose encodings silently."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

from pathlib import Path

import pytest

from conftest import ROOT, run_lexkb

LEXKB = str(Path(sys.executable).parent / "lexkb")

from .edits import edit, line_of
from .oneline import one_error


@pytest.fixture
def project(tmp_path):
    """A copy of the project (LEXKB_HOME) whose kb/generated/ a test may break."""
    home = tmp_path / "project"
    for name in ("provisions", "ontology", "statistics", "kb/queries", "kb/generated"):
        shutil.copytree(ROOT / name, home / name)
    return home


def publish(project, fake, store_path="/ok-put", *extra):
    return run_lexkb("publish", "--endpoint", f"{fake.url}/query", "--store-url", f"{fake.url}{store_path}", *extra,
                     env={"LEXKB_HOME": str(project)})


@pytest.mark.parametrize("content", ["", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"])
def test_publish_refuses_a_knowledge_base_without_content(project, fake, content):
    (project / "kb/generated/lexkb.ttl").write_text(content, encoding="utf-8")
    one_error(publish(project, fake), 1, "0 instrument(s), 0 offence(s): not a knowledge base",
              "refusing to replace <https://w3id.org/lexkb/graph/mx>", stdout=None)
    assert fake.hits() == 0


def test_publish_html_200_is_not_a_success(project, fake):
    one_error(publish(project, fake, "/html"), 3, "answered the PUT with an HTML page", stdout=None)


def test_publish_parses_statistics_before_the_first_put(project, fake):
    (project / "kb/generated/statistics.ttl").write_text("<a> <b> broken", encoding="utf-8")
    one_error(publish(project, fake), 2, "statistics.ttl: cannot parse as turtle", "nothing was published",
              stdout=None)
    assert fake.hits() == 0


def test_publish_half_done_says_which_graph_holds_which_build(project, fake):
    """The law graph's PUT succeeds, the statistics graph's fails: say so, and the way back."""
    from . import servers

    calls = []
    original = servers.Handler._answer
    try:
        # the first PUT answers 204, the second 500
        def answer(self):
            path = self.path.split("?")[0]
            if path == "/first-only":
                calls.append(self.path)
                self.path = "/ok-put" if len(calls) == 1 else "/fail-put"
            return original(self)

        servers.Handler.do_PUT = answer
        line = one_error(publish(project, fake, "/first-only"), 3, "HTTP 500", "Half published",
                         "<https://w3id.org/lexkb/graph/mx> holds this build",
                         "<https://w3id.org/lexkb/graph/mx/statistics> still holds what it held before",
                         "publish the previous build", stdout=None)
    finally:
        servers.Handler.do_PUT = original
    assert len(calls) == 2 and "graph=https%3A%2F%2Fw3id.org%2Flexkb%2Fgraph%2Fmx" in calls[0]


def test_build_switches_the_generated_files_at_once_and_cleans_orphans(tmp_path):
    out = tmp_path / "generated"
    orphan = tmp_path / ".generated.new-abc123"
    orphan.mkdir()
    (orphan / "lexkb.ttl").write_text("half", encoding="utf-8")
    code, _, err = run_lexkb("build", "-q", "--out", str(out))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]  # orphan gone, no temporary left
    first = out.stat().st_ino
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run_lexkb("build", "-q", "--out", str(out))
    assert code == 0, err
    assert out.stat().st_ino != first  # a new folder was put in place in one step
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # what else it held is carried over
    assert sorted(p.name for p in out.iterdir()) == ["index-records.jsonl", "index.json", "lexkb.ttl", "notes.txt",
                                                     "sourcemap.json", "statistics.ttl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_build_onto_a_file_is_one_line(tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    one_error(run_lexkb("build", "-q", "--out", str(target)), 2, f"'{target}' is a file; give a folder")
    assert target.read_text(encoding="utf-8") == "x"


def test_files_get_the_umask_mode(tmp_path):
    out = tmp_path / "t.md"
    code = subprocess.run(["sh", "-c", f'umask 027 && "{LEXKB}" table penalties -o "{out}"'],
                          capture_output=True, text=True, cwd=ROOT)
    assert code.returncode == 0, code.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # mkstemp gave 0600 whatever the umask
    assert code.stderr == f"wrote {out} ({out.stat().st_size:,} bytes)\n"  # where the file went


def test_export_writes_through_a_device_and_never_replaces_it():
    for device in ("/dev/full",):
        before = os.stat(device)
        one_error(run_lexkb("export", "-o", device), 2, f"-o: cannot write '{device}': No space left on device")
        after = os.stat(device)
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_export_to_dev_stdout_is_written_through():
    code, out, err = run_lexkb("export", "-f", "nt", "-o", "/dev/stdout")
    assert code == 0, err
    assert out.count("\n") > 2000 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("target, fragment", [
    ("/nonexistent/x.md", "-o: cannot write '/nonexistent/x.md': folder '/nonexistent' does not exist"),
    ("{tmp}", "is a folder; give a file name"),
    ("{tmp}/file/x.md", "is not a folder"),
])
def test_bad_output_paths_are_one_line(tmp_path, target, fragment):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = target.replace("{tmp}", str(tmp_path))
    for args in (["export", "-o", target], ["table", "penalties", "-o", target]):
        one_error(run_lexkb(*args), 2, fragment)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.parametrize("args", [("penalty", "204"), ("penalty", "204", "--format", "json"), ("show", "CPF 204"),
                                  ("table", "penalties"), ("query", "penalties"), ("export",), ("summary",),
                                  ("validate", "--format", "json")])
def test_a_full_standard_output_is_one_line(args):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([LEXKB, *args],
                              stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    one_error((proc.returncode, "", proc.stderr), 2, "cannot write to standard output: No space left on device")


# ---------------------------------------------------------------- provision files


def build(provisions, tmp_path):
    return run_lexkb("build", "-q", "--provisions", str(provisions), "--out", str(tmp_path / "out"))


@pytest.mark.parametrize("old, new, fragment", [
    ("```toml\n[penalty]", "```TOML\n[penalty]", "fenced block ```TOML: lexkb reads only ```toml blocks"),
    ("```toml\n[penalty]", "```\n[penalty]", "fenced block ``` (no language)"),
    ('ref = "cpf:206"', 'ref = "cpf:206>"', "provision reference 'cpf:206>': '206>' is not an article number"),
])
def test_provision_blocks_are_never_skipped(provisions_copy, tmp_path, old, new, fragment):
    where = line_of(edit(provisions_copy, "cpf/206.md", old, new), new)
    one_error(build(provisions_copy, tmp_path), 2, f"provisions/cpf/206.md:{where}: {fragment}")
    assert not (tmp_path / "out").exists()


def test_an_indented_toml_block_is_an_error_at_its_own_line(provisions_copy, tmp_path):
    path = provisions_copy / "cpf/206.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("```toml\n[penalty]")
    end = text.index("```\n", start + 7) + 4
    block = text[start + 8:end - 4]
    path.write_text(text[:start] + "".join("    " + l + "\n" for l in block.splitlines()) + text[end:], encoding="utf-8")
    one_error(build(provisions_copy, tmp_path), 2, f"provisions/cpf/206.md:{line_of(text, '```toml' + chr(10) + '[penalty]')}: "
              "indented code block")


def test_report_from_an_endpoint_reads_one_snapshot(fake, tmp_path):
    """A report's ~100 queries could straddle a publish; it now reads the graph in one request and
    renders every page from that copy, which gives the same pages as the embedded store."""
    import pyoxigraph as ox

    from . import servers

    triples = []
    for name in ("lexkb.ttl", "statistics.ttl"):
        triples += [q.triple for q in ox.parse(path=str(ROOT / "kb/generated" / name), format=ox.RdfFormat.TURTLE)]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    servers.Handler.routes = dict(servers.ROUTES, **{"/graph": (200, "application/n-triples", body, "plain")})
    try:
        code, _, err = run_lexkb("report", "-o", str(tmp_path / "remote"), "--endpoint", f"{fake.url}/graph")
    finally:
        servers.Handler.routes = servers.ROUTES
    assert code == 0, err
    assert fake.hits("/graph") == 1
    code, _, err = run_lexkb("report", "-o", str(tmp_path / "local"))
    assert code == 0, err
    local = {p.relative_to(tmp_path / "local"): p.read_bytes() for p in (tmp_path / "local").rglob("*") if p.is_file()}
    remote = {p.relative_to(tmp_path / "remote"): p.read_bytes() for p in (tmp_path / "remote").rglob("*") if p.is_file()}
    assert local == remote and len(local) > 20
