"""The lookup fast path (lexkb.cli.lookup_fast): a plain `lexkb penalty`/`lexkb show` runs without
importing typer or click, and prints the same bytes, errors and exit codes as the typer CLI."""
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

LEXKB = str(Path(sys.executable).parent / "lexkb")


def run(cmd, env=None):
    import os

    proc = subprocess.run(cmd, capture_output=True, env=dict(os.environ, **(env or {})), cwd=ROOT, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("args", [
    ["penalty", "203"],
    ["show", "CPF 204"],
    ["penalty", "trata", "--with", "victim-over-60", "-f", "json"],
    ["penalty", "-fjson", "LPSTP 6", "--on=2013-01-01"],
    ["penalty", "tourism"],
    ["penalty", "xyzzy", "-f", "json"],
    ["penalty", "203", "-f", "table"],
    ["penalty", "203", "-j", "mx", "--format", "md"],
    ["penalty", "203", "--with", "nonsense"],
    ["penalty", "203", "-f", "yaml"],
    ["penalty", " "],
    ["show", "OPSC 3(1)(b)", "-f", "json"],
    ["show", "CPF 999"],
])
def test_fast_path_prints_what_typer_prints_and_imports_no_typer(args):
    fast = run([sys.executable, "-X", "importtime", LEXKB, *args])
    slow = run([sys.executable, "-m", "lexkb.cli.main", *args])
    assert fast[0] == slow[0]
    assert fast[1] == slow[1]
    imported = [line.split("|")[-1].strip() for line in fast[2].decode().splitlines() if line.startswith("import time:")]
    assert imported, "python -X importtime reported nothing"
    assert not [m for m in imported if m.split(".")[0] in ("typer", "click", "rdflib", "pyoxigraph")]
    errors = "".join(line + "\n" for line in fast[2].decode().splitlines() if not line.startswith("import time:"))
    assert errors == slow[2].decode()


@pytest.mark.parametrize("args, env", [
    (["penalty", "203", "--help"], {}),
    (["penalty"], {}),
    (["penalty", "203", "--bogus"], {}),
    (["penalty", "203", "--endpoint", "http://127.0.0.1:9/query"], {}),
    (["penalty", "203"], {"LEXKB_ENDPOINT": "http://127.0.0.1:9/query"}),
    (["penalty", "203", "204"], {}),
])
def test_anything_but_a_plain_lookup_goes_to_typer(args, env):
    from lexkb.cli.lookup_fast import fast_argv
    import os

    saved = dict(os.environ)
    os.environ.update(env)
    try:
        assert fast_argv(["lexkb", *args]) is None
    finally:
        os.environ.clear()
        os.environ.update(saved)
