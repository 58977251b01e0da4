"""lexkb build: deterministic output, committed KB up to date, bad provision files rejected with
file and line while the previous knowledge base stays intact."""
import hashlib
import subprocess
import sys

import pytest

from conftest import ROOT, assert_statistics_facts, run_lexkb


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_build_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out{seed}"
        code, _, err = run_lexkb("build", "-q", "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert code == 0, err
        outs.append(digest(out))
    assert outs[0] == outs[1]
    assert set(outs[0]) == {"lexkb.ttl", "index.json", "index-records.jsonl", "sourcemap.json", "statistics.ttl"}


def test_committed_knowledge_base_is_up_to_date(tmp_path):
    """kb/generated/ is committed so that diffs of the graph are reviewable; it must match a fresh build."""
    code, _, err = run_lexkb("build", "-q", "--out", str(tmp_path))
    assert code == 0, err
    for name in ("lexkb.ttl", "index.json", "index-records.jsonl", "sourcemap.json", "statistics.ttl"):
        assert (tmp_path / name).read_bytes() == (ROOT / "kb" / "generated" / name).read_bytes(), (
            f"kb/generated/{name} is stale: run 'lexkb build' and commit it")


def test_build_prints_what_the_knowledge_base_holds(tmp_path):
    code, out, err = run_lexkb("build", "--out", str(tmp_path))
    assert code == 0, err
    assert ("Offences and penalties (imprisonment; fine in the unit its source states: 'days' are the State's report's "
            "days of minimum wage; [statute] marks the statute's penalty):\n") in out
    # para. 47: "between 7 and 12 years' imprisonment and a fine of between 800 and 2,000 minimum daily wages"; CPF art.
    # 203 (DOF 28-11-2025): "una pena de siete a doce años de prisión y de ochocientos a dos mil días multa"
    assert ("  sexual tourism [sexual-tourism] (CPF art. 203)\n    CPF art. 203: 7–12 years, 800–2,000 days\n"
            "    CPF art. 203: 7–12 years, 800–2,000 días multa [statute]\n") in out
    assert "LPSTP art. 6 II: 9–18 years, 750–2,250 days\n" in out
    # art. 209 Quintus: "de dos a seis años de prisión y multa de mil a dos mil veces el valor diario de la Unidad de
    # Medida y Actualización"; art. 200: "de seis meses a cinco años de prisión y de trescientos a quinientos días multa"
    assert "    CPF art. 209 quintus: 2–6 years, 1,000–2,000 times the daily value of the UMA [statute]\n" in out
    assert "    CPF art. 200: 0.5–5 years, 300–500 días multa [statute]\n" in out
    # arts. 205, 205 bis, 207, 208 and 209 are described by the statute now (provisions/cpf/not-in-source.md)
    assert "not in source" not in out
    assert "compiling 71 provision files" in err  # progress goes to stderr (48 before the General Law; its 22 in provisions/lgpsedmtp and instruments/lgpsedmtp.md)


BROKEN = [
    # (file, old text, new text, expected message fragment)
    ("cpf/203.md", "imprisonment_years = [7, 12]", "imprisonment_years = [7 12]",
     "provisions/cpf/203.md:39: invalid TOML: Unclosed array"),
    ("cpf/203.md", "imprisonment_years = [7, 12]", "imprisonment_years = [12, 7]",
     "provisions/cpf/203.md:39: [penalty] 'imprisonment_years' minimum 12 exceeds maximum 7"),
    ("cpf/203.md", "fine_days_wage = [800, 2000]", "fine_days_wage = [800, 2000]\nfines = 3",
     "provisions/cpf/203.md:41: [penalty] unknown key(s) fines; allowed: community_work, condition, fine, fine_days_wage, fine_unit, id, imprisonment_years, offence, provision, source, "
     "version, victim_conditions"),
    ("cpf/203.md", "between 7 and 12 years", "between 7 and 13 years",
     "provisions/cpf/203.md:33: quote not found verbatim in CRC/C/OPSC/MEX/Q/1/Add.1 para. 47"),
    ("cpf/203.md", 'offence = "sexual-tourism"', 'offence = "sex-tourism"',
     "provisions/cpf/203.md:38: unknown offence 'sex-tourism'"),
    ("cpf/203.md", "source = 47", "source = 470",
     "provisions/cpf/203.md:10: source paragraph 470 does not exist in CRC/C/OPSC/MEX/Q/1/Add.1"),
    ("cpf/203.md", '"under-18", "lacking', '"under-17", "lacking',
     "provisions/cpf/203.md:28: unknown victim condition 'under-17'"),
    ("cpf/204.md", 'opsc = ["2/b", "3/1/b"]', 'opsc = ["2/b", "3/9"]',
     "provisions/cpf/204.md:90: unknown provision 'opsc:3/9'"),
]


@pytest.mark.parametrize("file,old,new,message", BROKEN, ids=[b[3].split(": ", 1)[1][:40] for b in BROKEN])
def test_malformed_provision_is_one_line_error_and_previous_kb_survives(tmp_path, provisions_copy, file, old, new, message):
    out = tmp_path / "kb"
    code, _, err = run_lexkb("build", "-q", "--out", str(out), "--provisions", str(provisions_copy))
    assert code == 0, err
    before = digest(out)
    path = provisions_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, stdout, err = run_lexkb("build", "-q", "--out", str(out), "--provisions", str(provisions_copy))
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("lexkb: error: " + message), err
    assert digest(out) == before


def test_shape_violation_stops_build_with_exit_1_and_keeps_kb(tmp_path, provisions_copy):
    out = tmp_path / "kb"
    assert run_lexkb("build", "-q", "--out", str(out), "--provisions", str(provisions_copy))[0] == 0
    before = digest(out)
    # an offence without any penalty passes the compiler but violates OffenceShape
    path = provisions_copy / "cpf" / "209-ter.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n```toml\n[offence]\nid = "orphan"\nlabel = "orphan"\n'
                    'defined_in = ["cpf:209 ter"]\npenalised_in = ["cpf:209 ter"]\n```\n', encoding="utf-8")
    code, _, err = run_lexkb("build", "--out", str(out), "--provisions", str(provisions_copy))
    assert code == 1
    assert ("provisions/cpf/209-ter.md:50: <https://w3id.org/lexkb/id/mx/offence/orphan> ^lexkb:penaltyFor: "
            "an offence needs at least one penalty variant (lexkb:penaltyFor)") in err
    assert "build stopped: 1 shape violation(s)" in err
    assert digest(out) == before


def test_missing_provisions_folder(tmp_path):
    code, _, err = run_lexkb("build", "--provisions", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert code == 2
    assert err == f"lexkb: error: {tmp_path / 'nope'}: provisions folder not found\n"


def test_build_writes_the_statistics_and_a_bad_statistics_file_changes_nothing(tmp_path, monkeypatch):
    """lexkb build also compiles statistics/ into statistics.ttl (the bytes of `lexkb stats --ttl`); a
    malformed statistics file stops the build before anything in the out dir is written."""
    from lexkb import stats
    from lexkb.errors import LexkbError
    from lexkb.kbfile import build_kb

    out = tmp_path / "kb"
    lines = []
    build_kb(ROOT / "provisions", out, report=lines.append)
    assert_statistics_facts((out / "statistics.ttl").read_text(encoding="utf-8"))
    assert [l.split(" ")[0] for l in lines][-3:] == ["indexing", "compiling", "writing"]
    assert lines[-2] == f"compiling the statistics in {stats.STATISTICS_DIR}"
    before = digest(out)
    bad = tmp_path / "statistics"
    bad.mkdir()
    (bad / "bad.md").write_text('# Bad\n\n```toml\n[dataset\n```\n', encoding="utf-8")
    monkeypatch.setattr(stats, "STATISTICS_DIR", bad)
    with pytest.raises(LexkbError, match=r"bad\.md:4: invalid TOML"):
        build_kb(ROOT / "provisions", out)
    assert digest(out) == before
