"""The README's quick start and examples, run as written (tests/test_readme.py checks its SPARQL).

- The quick start's first command runs in a copy of the checkout, in a new venv, as a newcomer runs it
  (pip fetches the dependencies, from its cache when it has them); its second command is what
  `.ci/run` runs (tests/test_readme.py), i.e. this very suite.
- Every `sh` example runs line by line with the project venv's `lexkb` first on PATH, in a scratch
  folder; the Oxigraph example starts the server as written, on 127.0.0.1:7878.
- Not run: the Apache Jena Fuseki example (a Java server, not among lexkb's dependencies; the same
  protocol is exercised against Oxigraph) and the scale benchmark (minutes long; benchmarks/)."""
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import ROOT, run_lexkb

BIN = Path(sys.executable).parent
NOT_RUN = ("fuseki-server", "python benchmarks/scale.py")


def triples(*names: str) -> int:
    """Distinct triples in committed files of kb/generated/, counted by pyoxigraph (not by lexkb's code)."""
    import pyoxigraph as ox

    return len({t for name in names
                for t in ox.parse(path=str(ROOT / "kb" / "generated" / name), format=ox.RdfFormat.TURTLE)})


def sh_blocks():
    tokens = MarkdownIt("commonmark").parse((ROOT / "README.md").read_text(encoding="utf-8"))
    return [t.content for t in tokens if t.type == "fence" and t.info.strip() == "sh"]


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEXKB_", "VIRTUAL_ENV", "PYTHON"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return dict(env, **extra)


def bash(line, cwd, env=None, timeout=600):
    return subprocess.run(["bash", "-c", line], capture_output=True, text=True, cwd=cwd, env=env or clean_env(),
                          timeout=timeout)


def example_blocks():
    blocks = sh_blocks()[1:]  # [0] is the quick start
    return [b for b in blocks if not any(marker in b for marker in NOT_RUN)]


def test_every_example_block_is_run_or_named_as_not_run():
    blocks = sh_blocks()
    assert blocks[0].startswith("python3 -m venv .venv")
    assert len(blocks) == 1 + len(example_blocks()) + len(NOT_RUN)


def test_quick_start_runs_as_written(tmp_path):
    project = tmp_path / "lexkb"
    common = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", ".pytest_cache", ".comunica", ".axe")

    def ignore(folder, names):  # and what the examples write at the top (build/, report/), not kb/report
        return set(common(folder, names)) | ({"build", "report"} & set(names) if Path(folder) == ROOT else set())

    shutil.copytree(ROOT, project, ignore=ignore)
    first = sh_blocks()[0].splitlines()[0]
    env = clean_env(PATH=os.environ.get("PATH", "").replace(f"{BIN}{os.pathsep}", ""))
    proc = bash(first, project, env=env, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-2000:]
    table = run_lexkb("table", "penalties")[1]
    assert proc.stdout.endswith(table)
    assert f"validating {triples('lexkb.ttl')} triples" in proc.stderr
    for name in ("lexkb.ttl", "index.json", "index-records.jsonl"):
        assert (project / "kb" / "generated" / name).read_bytes() == (ROOT / "kb" / "generated" / name).read_bytes()


# exit status 1 is what the README documents for an ambiguous name
EXPECTED_STATUS = {"lexkb penalty tourism": 1}


@pytest.mark.parametrize("block", [b for b in example_blocks() if "oxigraph serve" not in b],
                         ids=lambda b: b.split()[1] + "-block")
def test_examples_run_as_written(tmp_path, block):
    for line in block.splitlines():
        command = line.split("  #")[0].strip()
        proc = bash(line, tmp_path)
        assert proc.returncode == EXPECTED_STATUS.get(command, 0), f"{line}\n{proc.stderr}"
        if command.startswith("lexkb report"):
            assert (tmp_path / "report" / "index.html").exists()
        elif command.startswith("lexkb load"):
            n = triples("lexkb.ttl", "statistics.ttl")
            assert f"read {n:,} triples from 2 file(s) into lexkb-store" in proc.stderr
        elif command in EXPECTED_STATUS:
            assert "lexkb: error: 'tourism' matches 3 offences" in proc.stderr and "CPF art. 203 bis" in proc.stderr
        else:
            assert proc.stdout, line
        assert "Traceback" not in proc.stderr


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_the_oxigraph_example_runs_as_written(tmp_path):
    [block] = [b for b in example_blocks() if "oxigraph serve" in b]
    lines = [line.split("  #")[0].strip() for line in block.splitlines()]
    serve = next(line for line in lines if line.startswith("oxigraph serve"))
    assert serve.endswith("&") and "127.0.0.1:7878" in serve
    assert not port_open(7878), "127.0.0.1:7878 is taken: the README's example needs it"
    before, after = lines[:lines.index(serve)], lines[lines.index(serve) + 1:]
    for line in before:
        assert bash(line, tmp_path).returncode == 0, line
    env = clean_env()
    server = subprocess.Popen(["bash", "-c", f"exec {serve[:-1].strip()}"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):  # a person types the next line after the server is up
            if port_open(7878):
                break
            time.sleep(0.1)
        proc = bash("\n".join(["set -e"] + after), tmp_path, env=env)
        assert proc.returncode == 0, proc.stderr
        assert f"published {triples('lexkb.ttl')} triples to <https://w3id.org/lexkb/graph/mx>" in proc.stdout
        assert run_lexkb("penalty", "203 bis")[1] in proc.stdout
        assert f"conforms: {triples('lexkb.ttl')} triples, 0 violation(s)" in proc.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)
