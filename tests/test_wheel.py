"""lexkb installed from its wheel, as `pip install .` or pipx would, in a fresh venv outside the
checkout: every read command works from the package data, and `lexkb build` says what it needs.

The wheel is built by pip (`pip wheel --no-deps`, build isolation: setuptools comes from PyPI, as for
any user). The fresh venv has no pip and no copies of the dependencies: a .pth line puts this test
venv's site-packages after its own, so rdflib, pyshacl, typer and pyoxigraph are the ones already
installed (seconds instead of a minute of downloads per run), while `lexkb` itself, which the venv's
own site-packages holds first, is the wheel's copy (checked: lexkb.__file__). The project venv's
editable-install hook is not run, as .pth files are read only in site directories."""
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT, run_lexkb

PIP = [sys.executable, "-m", "pip"]


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([*PIP, "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"), str(ROOT)], check=True,
                   capture_output=True, timeout=600)
    wheel = next((tmp / "dist").glob("lexkb-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()] or [sysconfig.get_paths()["purelib"]]
    (Path(site) / "lexkb-test-deps.pth").write_text("".join(f"{p}\n" for p in deps))
    subprocess.run([*PIP, "--python", str(python), "install", "-q", "--no-deps", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    home = tmp / "elsewhere"
    home.mkdir()
    return venv, home


def run_installed(wheel_venv, *args):
    venv, cwd = wheel_venv
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEXKB_")}
    proc = subprocess.run([str(venv / "bin" / "lexkb"), *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def test_the_wheel_is_what_runs(wheel_venv):
    venv, cwd = wheel_venv
    out = subprocess.run([str(venv / "bin" / "python"), "-c", "import lexkb.paths as p; print(p.__file__); print(p.PROJECT)"],
                         capture_output=True, text=True, cwd=cwd, check=True).stdout.split("\n")
    assert out[0].startswith(str(venv)) and out[1] == "None"


@pytest.mark.parametrize("args", [
    ("penalty", "203"),
    ("penalty", "trafficking", "--with", "victim-over-60", "-f", "json"),
    ("show", "OPSC 3(1)(b)"),
    ("table", "penalties"),
    ("table", "enforcement", "-f", "csv"),
    ("query", "--list"),
    ("query", "penalties", "-f", "csv"),
    ("summary",),
    ("stats", "adoptions", "--by", "year"),
])
def test_read_commands_from_the_wheel_print_what_the_checkout_prints(wheel_venv, args):
    code, out, err = run_installed(wheel_venv, *args)
    assert (code, out, err) == run_lexkb(*args)
    assert code == 0 and out


def test_query_list_names_every_shipped_query(wheel_venv):
    code, out, _ = run_installed(wheel_venv, "query", "--list")
    assert [line.split()[0] for line in out.splitlines()] == sorted(p.stem for p in (ROOT / "kb" / "queries").glob("*.rq"))


def test_validate_from_the_wheel(wheel_venv):
    code, out, err = run_installed(wheel_venv, "validate")
    assert (code, out) == (0, "")
    assert err.startswith("conforms: ") and "0 violation(s)" in err


def test_build_from_the_wheel_needs_a_project(wheel_venv, tmp_path):
    code, out, err = run_installed(wheel_venv, "build")
    assert code == 2 and out == ""
    assert err == ("lexkb: error: no lexkb project to build: this lexkb is installed without its sources "
                   "(provisions/); run it from a checkout, or give --project DIR or LEXKB_HOME\n")
    code, _, err = run_installed(wheel_venv, "build", "--project", str(tmp_path))
    assert code == 2 and err == f"lexkb: error: --project {tmp_path}: not a lexkb project (no provisions/ and ontology/ folders in it)\n"


def test_build_a_project_with_the_installed_lexkb(wheel_venv, tmp_path):
    for name in ("provisions", "ontology", "statistics"):
        shutil.copytree(ROOT / name, tmp_path / name)
    code, _, err = run_installed(wheel_venv, "build", "-q", "--project", str(tmp_path))
    assert code == 0, err
    for name in ("lexkb.ttl", "index.json", "index-records.jsonl", "statistics.ttl"):
        assert (tmp_path / "kb" / "generated" / name).read_bytes() == (ROOT / "kb" / "generated" / name).read_bytes()


def test_the_report_from_the_wheel_is_the_checkouts(wheel_venv, tmp_path):
    """The report reads only the package data (the built knowledge base, its queries, its assets): the same
    files, byte for byte, as from the checkout."""
    code, _, err = run_installed(wheel_venv, "report", "-o", str(tmp_path / "installed"))
    assert code == 0, err
    code, _, err = run_lexkb("report", "-o", str(tmp_path / "checkout"))
    assert code == 0, err

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    installed, checkout = files(tmp_path / "installed"), files(tmp_path / "checkout")
    assert sorted(installed) == sorted(checkout) and len(installed) > 390
    assert [k for k in installed if installed[k] != checkout[k]] == []
