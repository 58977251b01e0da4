"""Mutation testing of the modules that compute a legal answer: would the tests notice a wrong one?

Each mutant is one small change to one module (a comparison, boolean or arithmetic operator
swapped, a constant changed, "min" and "max" exchanged, a statement deleted, ...). The harness
writes it over the module in place (the editable install maps `lexkb` onto kb/, so a copy elsewhere
would not be imported: why mutmut 3 does not work here), runs the module's fast test subset with
`pytest -x`, and restores the file, always: after each mutant, on Ctrl-C, on SIGTERM, and at the
next start if a run was killed outright (the pristine file is kept in .mutation-backup/ meanwhile).

A mutant is *killed* when the tests fail (or run past the time limit), *survives* when they pass.
Mutants that no test can kill because they do not change behaviour are *equivalent*: they are
listed, each with the reason, in tools/mutation-equivalents.toml, and counted apart.

    python tools/mutate.py                     # every target
    python tools/mutate.py lookup range_pair   # some targets
    python tools/mutate.py --list lookup       # print the mutants, run nothing
    python tools/mutate.py --json out.json     # machine-readable results as well
    python tools/mutate.py --survivors-of out.json   # only the survivors of that run, after new tests
    python tools/mutate.py --before            # the subsets the suite had before (for comparison)

To guard a new module (the statute work's date resolution, say), add a Target below: the module,
the qualified names of the functions to mutate (or None for all of it), and the fast tests that
should kill its mutants; then run it, kill or list every survivor.

Run on demand, not in CI (a few minutes per target on 2 cores). Exit status: 0 when every target
has no unlisted survivor, 1 otherwise, 2 on a usage error.
"""
from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKUP = ROOT / ".mutation-backup"
LOCK = ROOT / ".mutation-lock"
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.toml"


@dataclass
class Target:
    path: str                      # module, relative to the repository
    tests: list[str]               # pytest node ids or files: the fast subset that guards it
    functions: list[str] | None = None   # qualified names to mutate; None = the whole module


# The in-process tests only: the one test that runs the command (exit codes through the CLI) costs
# more than all the others together, and the same paths are asserted in-process.
IN_PROCESS = ["-k", "not command_line"]

# The tests of lexkb's reading of succession and of `--on` that run the command (a quarter second each);
# the compiler's refusals of a broken succession build the knowledge base and reach no answer: left out.
SUCCESSION = ["tests/test_succession.py"]
ON_DATE = ["tests/test_statute_lgpsedmtp.py::test_penalty_on_either_side_of_the_2024_reform_of_art_14",
           "tests/test_penalty.py::test_on_date_around_lpstp_publication_and_abrogation",
           "tests/test_penalty.py::test_on_date_around_2010_decree",
           "tests/test_penalty.py::test_bad_date_is_an_argument_error"]
IN_PROCESS_NO_BUILD = ["-k", "not command_line and not compiler_refuses"]

# The test subsets are chosen per module: the in-process unit tests of the module first (they
# fail fastest), then the command-level tests that exercise it.
TARGETS: dict[str, Target] = {
    "aggravation": Target("kb/aggravation.py", ["tests/test_aggravation.py", "tests/test_answers.py", *IN_PROCESS]),
    "penalty": Target("kb/penalty.py", ["tests/test_answers.py", "tests/test_aggravation.py", *SUCCESSION, *ON_DATE,
                                        *IN_PROCESS_NO_BUILD]),
    # which statute penalty holds on a date (the statute work's date resolution): the in-process answers
    # around every version date, then the answers after an abrogation and the General Law's 2024 reform
    "validity": Target("kb/validity.py", ["tests/test_validity.py", "tests/test_answers.py", *SUCCESSION, *ON_DATE,
                                          *IN_PROCESS_NO_BUILD]),
    "lookup": Target("kb/lookup.py", ["tests/test_lookup.py", "tests/test_answers.py", *IN_PROCESS]),
    "seed": Target("kb/sources/report.py", ["tests/test_source_checks.py"]),
    # the compiler's source_nodes and check_verbatim are thin calls into the sources package
    "source": Target("kb/sources/__init__.py", ["tests/test_source_checks.py", "tests/test_sources.py"],
                     ["Library.passages", "Library._one", "Library._address", "Library.check_quote"]),
    "range_pair": Target("kb/compiler.py", ["tests/test_source_checks.py"], ["Compiler.range_pair"]),
}

# The subsets the suite had before tests/test_{aggravation,answers,lookup,source_checks}.py: to
# measure what the existing tests catch (--before).
BEFORE_TESTS: dict[str, list[str]] = {
    "aggravation": ["tests/test_tables_numbers.py", "tests/test_penalty.py"],
    "penalty": ["tests/test_penalty.py"],
    "lookup": ["tests/test_penalty.py"],
    # the compiler's checks: the content tests, and the build's malformed-file cases that reach them
    **{name: ["tests/test_content.py", "tests/test_build.py", "-k",
              "test_content or (test_malformed and (minimum or verbatim or 470 or Unclosed))"]
       for name in ("seed", "source", "range_pair")},
}


# ---------------------------------------------------------------------------------------- mutants
@dataclass
class Mutant:
    target: str
    qualname: str
    line: int
    operator: str
    before: str
    after: str
    source: str = field(repr=False, default="")
    key: str = ""
    raw: tuple = ()               # (line, node before, node after): matches results of older versions

    def describe(self) -> str:
        return f"{self.line}: [{self.operator}] {self.before}  ->  {self.after}"


SWAP_COMPARE = {ast.Lt: (ast.LtE, ast.GtE), ast.LtE: (ast.Lt, ast.Gt), ast.Gt: (ast.GtE, ast.LtE),
                ast.GtE: (ast.Gt, ast.Lt), ast.Eq: (ast.NotEq,), ast.NotEq: (ast.Eq,), ast.In: (ast.NotIn,),
                ast.NotIn: (ast.In,), ast.Is: (ast.IsNot,), ast.IsNot: (ast.Is,)}
SWAP_BINOP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
              ast.Mod: ast.Mult, ast.Pow: ast.Mult}
SWAP_NAME = {"all": "any", "any": "all", "min": "max", "max": "min"}
SWAP_STRING = {"min": "max", "max": "min"}
DELETABLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.Raise, ast.Continue, ast.Break,
             ast.Delete)


def short(node: ast.AST, limit: int = 90) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class Finder(ast.NodeVisitor):
    """Every place a mutation applies: (node path, operator, replacement builder, description)."""

    def __init__(self, functions: list[str] | None):
        self.functions = functions
        self.stack: list[str] = []
        self.statements: list[ast.stmt] = []
        self.nodes: list[ast.AST] = []
        self.sites: list[tuple] = []
        self.in_fstring = 0

    def visit(self, node):
        self.nodes.append(node)
        if isinstance(node, ast.stmt):
            self.statements.append(node)
        try:
            return super().visit(node)
        finally:
            self.nodes.pop()
            if isinstance(node, ast.stmt):
                self.statements.pop()

    # which code is mutated ------------------------------------------------------------------
    def qualname(self) -> str:
        return ".".join(self.stack) or "<module>"

    def wanted(self) -> bool:
        if self.functions is None:
            return True
        q = self.qualname()
        return any(q == f or q.startswith(f + ".") for f in self.functions)

    def visit_Module(self, node):
        self.body(node.body)

    def body(self, stmts):
        for i, s in enumerate(stmts):
            if i == 0 and isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
                continue  # docstring
            self.visit(s)

    def visit_ImportFrom(self, node):
        pass

    def visit_Import(self, node):
        pass

    def visit_FunctionDef(self, node):
        self.stack.append(node.name)
        for d in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(d)
        self.body(node.body)         # not the decorators, not the annotations
        self.stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.stack.append(node.name)
        self.body(node.body)
        self.stack.pop()

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.stmt(node)
            self.visit(node.value)   # not the annotation

    def visit_arg(self, node):
        pass

    # sites -------------------------------------------------------------------------------------
    def add(self, node, operator, build, before, after):
        if self.wanted():
            # a small change says where it is: the first line of its statement
            context = ast.unparse(self.statements[-1]).splitlines()[0] if self.statements else ""
            context = context if len(context) <= 70 else context[:69] + "…"
            where = "" if not context or isinstance(node, ast.stmt) or len(before) > 25 or context.startswith(before) else context
            # a constant or a name is shown in the call or operation it belongs to: "split(' ', 1)"
            parent = None
            if operator in ("constant", "name", "min/max"):
                parent = next((p for p in reversed(self.nodes[:-1])
                               if isinstance(p, (ast.Call, ast.BinOp, ast.Compare, ast.Subscript, ast.Dict, ast.Tuple,
                                                 ast.List))), None)
            self.sites.append((node, operator, build, before, after, self.qualname(), where, parent))

    def stmt(self, node):
        if isinstance(node, DELETABLE):
            self.add(node, "delete", lambda n: ast.Pass(), short(node), "pass")

    def generic_visit(self, node):
        if isinstance(node, ast.stmt):
            self.stmt(node)
        super().generic_visit(node)

    def visit_If(self, node):
        self.add(node.test, "negate-if", lambda n: ast.UnaryOp(ast.Not(), n), short(node.test), f"not ({short(node.test)})")
        self.visit(node.test)
        self.body_nodocs(node.body)
        self.body_nodocs(node.orelse)

    def body_nodocs(self, stmts):
        for s in stmts:
            self.visit(s)

    def visit_Compare(self, node):
        for i, op in enumerate(node.ops):
            for new in SWAP_COMPARE.get(type(op), ()):
                def build(n, i=i, new=new):
                    n.ops[i] = new()
                    return n
                mutated = build(copy.deepcopy(node))
                self.add(node, "compare", build, short(node), short(mutated))
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And

        def build(n, new=new):
            n.op = new()
            return n
        self.add(node, "boolean", build, short(node), short(build(copy.deepcopy(node))))
        self.generic_visit(node)

    def visit_BinOp(self, node):
        new = SWAP_BINOP.get(type(node.op))
        if new is not None:
            def build(n, new=new):
                n.op = new()
                return n
            self.add(node, "arithmetic", build, short(node), short(build(copy.deepcopy(node))))
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self.stmt(node)
        new = SWAP_BINOP.get(type(node.op))
        if new is not None:
            def build(n, new=new):
                n.op = new()
                return n
            self.add(node, "arithmetic", build, short(node), short(build(copy.deepcopy(node))))
        self.visit(node.value)

    def visit_UnaryOp(self, node):
        if isinstance(node.op, (ast.Not, ast.USub)):
            self.add(node, "unary", lambda n: n.operand, short(node), short(node.operand))
        self.generic_visit(node)

    def visit_IfExp(self, node):
        self.add(node, "ifexp", lambda n: n.body, short(node), short(node.body))
        self.add(node, "ifexp", lambda n: n.orelse, short(node), short(node.orelse))
        self.generic_visit(node)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load) and node.id in SWAP_NAME:
            new = SWAP_NAME[node.id]
            self.add(node, "name", lambda n, new=new: ast.Name(new, ast.Load()), node.id, new)

    def visit_JoinedStr(self, node):
        # an f-string: mark it changed as a whole (its parts have no reliable positions before 3.12)
        self.add(node, "string", lambda n: ast.JoinedStr([ast.Constant("XX"), *n.values]), short(node), "f'XX' + …")
        self.in_fstring += 1
        for v in node.values:
            if isinstance(v, ast.FormattedValue):
                self.visit(v.value)
        self.in_fstring -= 1

    def visit_Constant(self, node):
        v = node.value
        if isinstance(v, bool):
            self.add(node, "constant", lambda n: ast.Constant(not v), repr(v), repr(not v))
        elif isinstance(v, (int, float)):
            self.add(node, "constant", lambda n: ast.Constant(v + 1), repr(v), repr(v + 1))
            if v != 0:
                self.add(node, "constant", lambda n: ast.Constant(v - 1), repr(v), repr(v - 1))
        elif isinstance(v, str):
            if v in SWAP_STRING:
                self.add(node, "min/max", lambda n: ast.Constant(SWAP_STRING[v]), repr(v), repr(SWAP_STRING[v]))
            new = f"XX{v}XX"
            self.add(node, "constant", lambda n: ast.Constant(new), short(node), repr(new))


def mutants(name: str, target: Target) -> tuple[str, list[Mutant]]:
    """The module's source as the tests will run it (ast.unparse of the unchanged tree: the same
    program), and one Mutant per site, each with its whole mutated source."""
    saved = BACKUP / target.path          # during a run, the live file is a mutant: read the pristine copy
    original = (saved if saved.exists() else ROOT / target.path).read_text(encoding="utf-8")
    tree = ast.parse(original)
    finder = Finder(target.functions)
    finder.visit(tree)
    baseline = ast.unparse(tree)
    out: list[Mutant] = []
    seen: dict[str, int] = {}
    for node, operator, build, before, after, qualname, where, parent in finder.sites:
        replacement = build(copy.deepcopy(node))
        raw = (node.lineno, before, after)
        if parent is not None and len(short(parent, 1000)) <= 90:
            before, after = short(parent), short(_swap(parent, node, replacement))
            where = ""
        mutated_tree = _swap(tree, node, replacement)
        source = ast.unparse(ast.fix_missing_locations(mutated_tree))
        if source == baseline:
            continue
        try:
            compile(source, target.path, "exec")
        except SyntaxError:
            continue
        m = Mutant(name, qualname, node.lineno, operator, before, after, source)
        m.raw = raw
        base = f"{qualname}: [{operator}] {before} -> {after}" + (f" in `{where}`" if where else "")
        seen[base] = seen.get(base, 0) + 1
        m.key = base if seen[base] == 1 else f"{base} #{seen[base]}"
        out.append(m)
    return baseline, out


def _swap(tree: ast.Module, old: ast.AST, new: ast.AST) -> ast.Module:
    """A copy of tree with the node `old` (by identity) replaced by `new`."""
    memo: dict[int, object] = {id(old): new}
    return copy.deepcopy(tree, memo)


# ---------------------------------------------------------------------------------- running tests
class Restorer:
    """Writes mutants over a module and puts the pristine bytes back, whatever happens."""

    def __init__(self, path: Path):
        self.path = path
        self.pristine = path.read_bytes()
        self.stat = path.stat()
        self.backup = BACKUP / path.relative_to(ROOT)

    def __enter__(self):
        self.backup.parent.mkdir(parents=True, exist_ok=True)
        self.backup.write_bytes(self.pristine)
        return self

    def write(self, text: str) -> None:
        self.path.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        self.path.write_bytes(self.pristine)
        os.utime(self.path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))  # keep others' .pyc valid

    def __exit__(self, *exc):
        self.restore()
        self.backup.unlink(missing_ok=True)
        shutil.rmtree(BACKUP, ignore_errors=True)
        return False


def lock() -> None:
    """One run per checkout: two would write over each other's modules."""
    try:
        pid = int(LOCK.read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        LOCK.write_text(str(os.getpid()))
        return
    raise SystemExit(f"another mutation run (pid {pid}) is using this checkout; wait for it or stop it")


def recover() -> None:
    """A run killed outright (SIGKILL, power) left a module mutated: put the backup back."""
    if not BACKUP.exists():
        return
    for saved in BACKUP.rglob("*.py"):
        live = ROOT / saved.relative_to(BACKUP)
        if live.read_bytes() != saved.read_bytes():
            live.write_bytes(saved.read_bytes())
            print(f"restored {live.relative_to(ROOT)} from an interrupted run", file=sys.stderr)
        saved.unlink()
    shutil.rmtree(BACKUP, ignore_errors=True)


def run_tests(tests: list[str], timeout: float) -> tuple[str, float]:
    """'pass', 'fail' or 'timeout', and seconds."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")   # no stale .pyc of a mutant, ever
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header", "-o", "addopts=",
           *tests]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return "timeout", time.monotonic() - start
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    return ("pass" if code == 0 else "fail"), time.monotonic() - start


def load_equivalents() -> dict[str, dict[str, str]]:
    """target -> {mutant key: reason}."""
    if not EQUIVALENTS.exists():
        return {}
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    for entry in data.get("equivalent", []):
        if not entry.get("reason", "").strip():
            raise SystemExit(f"{EQUIVALENTS}: the entry {entry.get('mutant')!r} gives no reason")
        out.setdefault(entry["target"], {})[entry["mutant"]] = entry["reason"]
    return out


def run_target(name: str, target: Target, tests: list[str], equivalents: dict[str, str], timeout: float | None,
               verbose: bool, only: set[str] | None = None, sample: int | None = None) -> dict:
    path = ROOT / target.path
    baseline, ms = mutants(name, target)
    keys = {m.key for m in ms}    # every mutant of the module: a listed equivalent left out by --sample is not stale
    if only is not None:   # by key, or by place and change (keys written by an older version of this script)
        ms = [m for m in ms if m.key in only or (m.line, m.before, m.after) in only or m.raw in only]
    if sample is not None and sample < len(ms):
        import random

        ms = sorted(random.Random(15).sample(ms, sample), key=lambda m: (m.line, m.key))
    results = {"target": name, "module": target.path, "functions": target.functions, "tests": tests,
               "total": len(ms), "killed": 0, "equivalent": 0, "survivors": [], "timeouts": [], "equivalent_but_killed": [],
               "unknown_equivalents": []}
    with Restorer(path) as r:
        r.write(baseline)          # the unchanged program, as ast.unparse writes it: must pass
        status, seconds = run_tests(tests, timeout=600)
        r.restore()
        if status != "pass":
            raise SystemExit(f"{name}: the tests fail on the unchanged module ({' '.join(tests)}); fix that first")
        limit = timeout or max(60.0, 10 * seconds)   # generous: a loaded machine must not pass for a kill
        print(f"{name}: {len(ms)} mutants of {target.path}"
              + (f" ({', '.join(target.functions)})" if target.functions else "")
              + f"; tests pass in {seconds:.1f} s, limit {limit:.0f} s per mutant", file=sys.stderr, flush=True)
        for i, m in enumerate(ms, 1):
            r.write(m.source)
            try:
                status, seconds = run_tests(tests, limit)
            finally:
                r.restore()
            killed = status != "pass"
            listed = m.key in equivalents
            if status == "timeout":
                results["timeouts"].append(m.key)
            if killed:
                results["killed"] += 1
                if listed:
                    results["equivalent_but_killed"].append(m.key)
            elif listed:
                results["equivalent"] += 1
            else:
                results["survivors"].append({"line": m.line, "key": m.key, "operator": m.operator,
                                             "before": m.before, "after": m.after})
            if verbose:
                print(f"  [{i}/{len(ms)}] {'killed' if killed else 'equivalent' if listed else 'SURVIVED'} ({status}, {seconds:.1f} s) "
                      f"{m.describe()}", file=sys.stderr, flush=True)
    results["unknown_equivalents"] = sorted(k for k in equivalents if k not in keys)
    counted = results["total"] - results["equivalent"]
    results["score"] = round(100 * results["killed"] / counted, 1) if counted else 100.0
    return results


def report(all_results: list[dict]) -> str:
    lines = [f"{'target':<12} {'killed':>6} / {'total':<5} {'equivalent':>10} {'survived':>8} {'(timeouts)':>10}   "
             "score = killed / (total - equivalent)"]
    for r in all_results:
        lines.append(f"{r['target']:<12} {r['killed']:>6} / {r['total']:<5} {r['equivalent']:>10} "
                     f"{len(r['survivors']):>8} {len(r['timeouts']):>10}   {r['score']:.1f}%")
    for r in all_results:
        for s in r["survivors"]:
            lines.append(f"SURVIVOR {r['target']} {r['module']}:{s['line']}: {s['key']}")
        for k in r["equivalent_but_killed"]:
            lines.append(f"LISTED AS EQUIVALENT BUT KILLED {r['target']}: {k} (remove it from {EQUIVALENTS.name})")
        for k in r["unknown_equivalents"]:
            lines.append(f"STALE EQUIVALENT {r['target']}: {k} (no such mutant any more)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="targets: " + ", ".join(TARGETS),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--list", action="store_true", help="print the mutants and their keys; run nothing")
    parser.add_argument("--before", action="store_true",
                        help="use the test subsets the suite had before the mutation tests (for comparison)")
    parser.add_argument("--timeout", type=float, help="seconds per mutant (default: 10x the unchanged run, at least 60)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--survivors-of", type=Path, metavar="JSON",
                        help="run only the mutants that survived in this earlier --json result (a quick re-check "
                             "after adding tests; the score then counts those mutants only)")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="run N mutants per target drawn at random (fixed seed), to estimate a score when the "
                             "test subset is slow (e.g. --before)")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per mutant as it runs")
    args = parser.parse_args(argv)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}; targets: {', '.join(TARGETS)}")
    names = args.targets or list(TARGETS)
    if args.list:
        for name in names:
            for m in mutants(name, TARGETS[name])[1]:
                print(f"{name} {TARGETS[name].path}:{m.describe()}\n    key: {m.key}")
        return 0
    lock()
    try:
        return run(args, names)
    finally:
        LOCK.unlink(missing_ok=True)


def run(args, names: list[str]) -> int:
    recover()
    equivalents = load_equivalents()
    only: dict[str, set[str]] | None = None
    if args.survivors_of:
        earlier = json.loads(args.survivors_of.read_text(encoding="utf-8"))
        only = {r["target"]: {s["key"] for s in r["survivors"]} | {(s["line"], s["before"], s["after"]) for s in r["survivors"]}
                for r in earlier}
        names = [n for n in names if n in only]
    previous = signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    results = []
    try:
        for name in names:
            tests = BEFORE_TESTS[name] if args.before else TARGETS[name].tests
            results.append(run_target(name, TARGETS[name], tests, {} if args.before else equivalents.get(name, {}),
                                      args.timeout, args.verbose, None if only is None else only[name], args.sample))
    except KeyboardInterrupt:
        print("interrupted: the module is restored", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if all(not r["survivors"] and not r["equivalent_but_killed"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
