"""The README's promises: two quick-start commands, CI runs the test one, SPARQL examples run."""
import re

from markdown_it import MarkdownIt

from conftest import ROOT, run_lexkb


def fences(lang):
    tokens = MarkdownIt("commonmark").parse((ROOT / "README.md").read_text(encoding="utf-8"))
    return [t.content for t in tokens if t.type == "fence" and t.info.strip() == lang]


def quick_start():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    tokens = MarkdownIt("commonmark").parse(section)
    blocks = [t.content for t in tokens if t.type == "fence"]
    assert len(blocks) == 1, "the quick start holds one code block"
    return blocks[0].strip().splitlines()


def test_quick_start_is_exactly_two_commands():
    lines = quick_start()
    assert len(lines) == 2
    assert "lexkb build" in lines[0]
    assert "pytest" in lines[1]
    for line in lines:
        assert line.startswith("python3 -m venv .venv && .venv/bin/pip install")


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert script[-1] == quick_start()[1]


def test_readme_sparql_examples_run_as_written(tmp_path):
    examples = fences("sparql")
    assert len(examples) == 3
    results = []
    for i, query in enumerate(examples):
        code, out, err = run_lexkb("query", "-", "--format", "csv", input=query)
        assert code == 0, err
        results.append(out.replace("\r\n", "\n").strip().splitlines())
    assert results[0][0] == "provision,max_years"
    # General Law art. 35 (DOF 14-11-2025): "de 12 a 50 años de prisión"; art. 26: "pena de 20 a 40 años de prisión"
    assert results[0][1:3] == ["General Law on trafficking (2012) art. 35,50", "General Law on trafficking (2012) art. 26,40"]
    assert len(results[1]) == 1 + 12 * 2 and "CPF art. 203,OPSC art. 2(b),\"CRC/C/OPSC/MEX/Q/1/Add.1, para. 45\"" in results[1]
    assert results[2] == ["true"]


def test_readme_worked_example_matches_the_provision_file():
    text = (ROOT / "provisions" / "cpf" / "206.md").read_text(encoding="utf-8")
    example = fences("markdown")[0]
    for block in re.findall(r"```toml\n(.*?)```", example, re.S):
        assert block in text
