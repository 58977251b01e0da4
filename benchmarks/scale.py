"""Scale benchmark: synthetic knowledge bases of about 10^3, 10^5 and 2x10^6 triples
(benchmarks/generate.py), against the embedded store (a persistent pyoxigraph store on disk, filled
by `lexkb load --store DIR` and opened read-only by the read commands' `--store DIR`:
lexkb.persistent) and the Oxigraph server (SPARQL 1.1 Protocol, through lexkb.store.RemoteStore).

For each size it measures, each phase in a fresh process (so peak memory is that phase's):
  build     write the N-Triples and load them into a persistent pyoxigraph store as `lexkb load` does
  validate  `lexkb validate kb.nt --jobs 2` (lexkb.kbfile.validate_kb): the graph split by jurisdiction
            (lexkb.partition), pyshacl with ontology/shapes.ttl on batches of partitions with the
            shared triples, in 2 processes; the whole graph, to the end
  whole     pyshacl on the whole graph at once (only up to --whole-max triples)
  lookups   the code path of `lexkb penalty` (lexkb.remote_lookup.lookup_index, then lexkb.penalty.answer
            and the JSON output): article 'CPF 203 bis', name 'trata' (one offence) and fragment
            'tourism' (2 candidates) in the last jurisdiction (--jurisdiction), and 'tourism' (2 per
            jurisdiction), 'CPF 203 bis' (1 per jurisdiction) and 'xyzzy' (no match) over all
            jurisdictions. Cold is the `lexkb penalty ... --store DIR` (embedded) or `--endpoint URL`
            (server) command (wall time, median of 3). Warm: median of 3 more in one process (server: the CLI's app
            called in-process, a new RemoteStore each time, as the command does)
  tables    the four `lexkb table` tables with --jurisdiction (the last jurisdiction's; lexkb.tables.
            build_table + Markdown), each in its own process, stopped after --table-timeout seconds
  validate  again, as `lexkb validate --endpoint URL --jobs 2`: the graph read from the server over HTTP

    python benchmarks/scale.py                       # the three sizes; prints a Markdown table
    python benchmarks/scale.py --sizes 1000 100000   # fewer
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
PY = sys.executable
OXIGRAPH = str(Path(PY).parent / "oxigraph") if (Path(PY).parent / "oxigraph").exists() else shutil.which("oxigraph")
TABLES = ("penalties", "minors-vs-adults", "opsc-coverage", "amendments")

LOOKUPS = {  # kind -> (query, restricted to the last jurisdiction, label)
    "article": ("CPF 203 bis", True, "article 'CPF 203 bis' --jurisdiction LAST"),
    "name": ("trata", True, "name 'trata' --jurisdiction LAST (one offence)"),
    "fragment": ("tourism", True, "fragment 'tourism' --jurisdiction LAST (2 candidates)"),
    "article-all": ("CPF 203 bis", False, "article 'CPF 203 bis', all jurisdictions (1 per jurisdiction)"),
    "fragment-all": ("tourism", False, "fragment 'tourism', all jurisdictions (2 per jurisdiction)"),
    "no-match": ("xyzzy", False, "name 'xyzzy', all jurisdictions (no match: suggestions read every name)"),
}


def last(n: int) -> str:
    return f"x{n - 1:04d}" if n > 1 else "mx"


def lexkb_args(kind: str, n: int, endpoint: str, store: str = "") -> list[str]:
    query, scoped, _ = LOOKUPS[kind]
    where = ["--store", store] if store else ["--endpoint", endpoint, "--graph", "", "--timeout", "600"]
    return ["penalty", query, "--format", "json", *where, *(["--jurisdiction", last(n)] if scoped else [])]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- phases (run in a child process)

def phase_build(d: Path, n: int) -> dict:
    from generate import generate

    from lexkb.persistent import load

    t0 = time.perf_counter()
    path, triples = generate(n, d)
    t1 = time.perf_counter()
    load([Path(path)], d / "store")  # what `lexkb load kb.nt --store DIR` runs
    t2 = time.perf_counter()
    return {"generate": t1 - t0, "load": t2 - t1, "triples": triples, "mb": peak_mb()}


def phase_validate(d: Path, jobs: int) -> dict:
    """`lexkb validate kb.nt --jobs JOBS`: lexkb.kbfile.validate_kb, the function the command runs."""
    from lexkb.kbfile import validate_kb

    import threading

    workers = {"mb": 0.0}
    done = threading.Event()

    def watch() -> None:  # VmHWM of the worker processes (ru_maxrss of children counts the fork)
        me = str(os.getpid())
        while not done.wait(0.5):
            for status in Path("/proc").glob("[0-9]*/status"):
                try:
                    fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
                except OSError:
                    continue
                if fields.get("PPid", "").strip() == me and "VmHWM" in fields:
                    workers["mb"] = max(workers["mb"], int(fields["VmHWM"].split()[0]) / 1024)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    t0 = time.perf_counter()
    result = validate_kb([d / "kb.nt"], jobs=jobs)
    seconds = time.perf_counter() - t0
    done.set()
    watcher.join()
    return {"seconds": seconds, "triples": result.triples, "partitions": result.partitions,
            "batches": result.batches, "jobs": jobs, "whole_reason": result.whole,
            "violations": len(result.violations), "mb": peak_mb(), "worker_mb": workers["mb"]}


def phase_validate_endpoint(endpoint: str, jobs: int) -> dict:
    """`lexkb validate --endpoint URL --jobs JOBS`: the graph read from the server, split as it is parsed."""
    from lexkb.kbfile import validate_kb
    from lexkb.store import RemoteStore

    t0 = time.perf_counter()
    result = validate_kb([], RemoteStore(endpoint, timeout=600, graphs=[]), jobs=jobs)
    return {"seconds": time.perf_counter() - t0, "triples": result.triples,
            "violations": len(result.violations), "mb": peak_mb()}


def phase_whole(d: Path) -> dict:
    from rdflib import Graph

    from lexkb.validation import load_shapes, validate

    t0 = time.perf_counter()
    g = Graph()
    g.parse(str(d / "kb.nt"), format="nt")
    t1 = time.perf_counter()
    v = validate(g, load_shapes())
    return {"parse": t1 - t0, "validate": time.perf_counter() - t1, "violations": len(v), "mb": peak_mb()}


def _open(d: Path, endpoint: str | None):
    if endpoint:
        from lexkb.store import RemoteStore

        return RemoteStore(endpoint, timeout=600, graphs=[])
    from lexkb.persistent import EmbeddedStore

    return EmbeddedStore(d / "store")


def phase_lookup(d: Path, kind: str, n: int, endpoint: str | None, cold_only: bool = False) -> dict:
    """Cold (embedded, cold_only): this process, started and timed whole by the parent, opens the
    store, answers once and exits. Warm: median of 3 more answers after the first in one process."""
    import contextlib
    import io

    t0 = time.perf_counter()
    query, scoped, _ = LOOKUPS[kind]
    if endpoint:
        from lexkb.cli.main import app

        def once() -> int:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                try:
                    app(lexkb_args(kind, n, endpoint))
                except SystemExit as exc:
                    if exc.code not in (0, 1, None):
                        raise RuntimeError(f"lexkb exited {exc.code}")
            data = json.loads(out.getvalue())
            return len(data["results"]) + len(data.get("candidates", []))
    else:
        from lexkb.penalty import answer
        from lexkb.penalty_format import FORMATS
        from lexkb.persistent import EmbeddedStore
        from lexkb.remote_lookup import lookup_index

        store = EmbeddedStore(d / "store")  # what `--store DIR` opens

        def once() -> int:
            result, _ = answer(query, lookup_index(store, query, last(n) if scoped else None), [], None)
            FORMATS["json"](result)
            return len(result["results"]) + len(result.get("candidates", []))
    rows = once()
    first = time.perf_counter() - t0
    if cold_only:
        return {"first": first, "rows": rows}
    warm = []
    for _ in range(3):
        t = time.perf_counter()
        once()
        warm.append(time.perf_counter() - t)
    return {"first": first, "warm": statistics.median(warm), "rows": rows, "mb": peak_mb()}


def cli_wall(kind: str, n: int, endpoint: str, runs: int = 3, store: str = "") -> float:
    """Median wall time of the `lexkb penalty ... --endpoint URL` (or `--store DIR`) command, a new
    process each time."""
    lexkb = str(Path(PY).parent / "lexkb")
    walls = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run([lexkb, *lexkb_args(kind, n, endpoint, store)], capture_output=True, timeout=900)
        walls.append(time.perf_counter() - t)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"lexkb {kind} failed: {proc.stderr.decode()}")
    return statistics.median(walls)


def phase_tables(d: Path, n: int, endpoint: str | None, names=TABLES) -> dict:
    from lexkb.tables import build_table
    from lexkb.tables.render import render

    store = _open(d, endpoint)
    out = {}
    for name in names:
        t = time.perf_counter()
        table = build_table(name, store=store, jurisdiction=last(n))
        text = render(table, "md")
        out[name] = time.perf_counter() - t
        out[name + ":rows"] = text.count("\n")
    out["mb"] = peak_mb()
    return out


# ---------------------------------------------------------------- driver

def child(*args: str, timeout: float = 3600) -> tuple[dict, float]:
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([PY, __file__, "--phase", *args], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}, timeout
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"phase {args} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


class Server:
    def __init__(self, location: Path):
        from endpoint_port import free_port, wait_until_up

        port = free_port()
        self.url = f"http://127.0.0.1:{port}/query"
        self.proc = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(location), "--bind",
                                      f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(self.url, self.proc)

    def peak_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def measure(triples_goal: int, args) -> dict:
    from generate import jurisdictions_for

    n = jurisdictions_for(triples_goal)
    d = Path(tempfile.mkdtemp(prefix=f"lexkb-scale-{triples_goal}-", dir=args.tmp))
    r: dict = {"goal": triples_goal, "n": n}
    try:
        print(f"[{triples_goal}] build N={n}", file=sys.stderr)
        r["build"], _ = child("build", str(d), str(n))
        print(f"[{triples_goal}] validate", file=sys.stderr)
        r["validate"], _ = child("validate", str(d), str(args.jobs))
        if r["build"]["triples"] <= args.whole_max:
            r["whole"], _ = child("whole", str(d))
        for where in ("embedded", "server"):
            server = Server(d / "store") if where == "server" else None
            endpoint = server.url if server else ""
            try:
                for kind in LOOKUPS:
                    print(f"[{triples_goal}] {where} {kind}", file=sys.stderr)
                    res, _ = child("lookup", str(d), kind, str(n), endpoint)
                    res["cold_wall"] = cli_wall(kind, n, endpoint, store="" if server else str(d / "store"))
                    r[f"{where}:{kind}"] = res
                r[f"{where}:tables"] = {"mb": 0}
                for name in TABLES:
                    print(f"[{triples_goal}] {where} table {name}", file=sys.stderr)
                    res, _ = child("tables", str(d), str(n), endpoint, name, timeout=args.table_timeout)
                    r[f"{where}:tables"][name] = res.get(name, -res.get("timeout", 0))
                    r[f"{where}:tables"]["mb"] = max(r[f"{where}:tables"]["mb"], res.get("mb", 0))
                if server:
                    print(f"[{triples_goal}] server validate", file=sys.stderr)
                    r["server:validate"], _ = child("validate-endpoint", str(d), endpoint, str(args.jobs))
                    r["server:mb"] = server.peak_mb()
            finally:
                if server:
                    server.stop()
        r["disk_mb"] = sum(f.stat().st_size for f in (d / "store").rglob("*") if f.is_file()) / 2**20
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return r


def fmt_s(x: float) -> str:
    if x < 0:
        return f"> {-x:.0f} s (stopped)"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.1f} s"


def table(results: list[dict]) -> str:
    head = ["", *[f"{r['build']['triples']:,} triples ({r['n']} jurisdictions)" for r in results]]
    rows = [
        ("build: generate + `lexkb load kb.nt --store DIR` (bulk load)", lambda r: fmt_s(r["build"]["generate"] + r["build"]["load"])),
        ("build: peak memory", lambda r: f"{r['build']['mb']:.0f} MB"),
        ("`--store DIR` on disk", lambda r: f"{r['disk_mb']:.0f} MB"),
        ("validate (`lexkb validate kb.nt --jobs 2`: by jurisdiction, in batches)",
         lambda r: f"{fmt_s(r['validate']['seconds'])}, {r['validate']['violations']} violations "
                   f"({r['validate']['partitions']} partitions, {r['validate']['batches']} batches)"),
        ("validate: peak memory (lexkb / largest worker)",
         lambda r: f"{r['validate']['mb']:.0f} / " + (f"{r['validate']['worker_mb']:.0f} MB" if r['validate']['worker_mb'] else "- (one process)")),
        ("validate whole graph: parse + pyshacl", lambda r: f"{fmt_s(r['whole']['parse'])} + {fmt_s(r['whole']['validate'])}, "
         f"{r['whole']['violations']} violations, {r['whole']['mb']:.0f} MB" if "whole" in r else "not run"),
    ]
    for where, label in (("embedded", "`--store DIR` (pyoxigraph on disk, read-only)"), ("server", "`--endpoint URL` (Oxigraph server)")):
        for kind, (_, _, what) in LOOKUPS.items():
            rows.append((f"{label}: {what}, cold (new process) / warm",
                         lambda r, k=f"{where}:{kind}": f"{fmt_s(r[k]['cold_wall'])} / "
                                                        f"{fmt_s(r[k]['warm'])} ({r[k]['rows']} rows)"))
        for name in TABLES:
            rows.append((f"{label}: table {name} --jurisdiction LAST", lambda r, k=f"{where}:tables", t=name: fmt_s(r[k][t])))
        rows.append((f"{label}: peak memory (lookup / tables)",
                     lambda r, w=where: f"{r[f'{w}:fragment-all']['mb']:.0f} / "
                                        + (f"{r[f'{w}:tables']['mb']:.0f} MB" if r[f'{w}:tables']['mb'] else "- (stopped)")))
    rows.append(("Oxigraph server: `lexkb validate --endpoint --jobs 2` (time, violations, peak memory)",
                 lambda r: f"{fmt_s(r['server:validate']['seconds'])}, {r['server:validate']['violations']} violations, "
                           f"{r['server:validate']['mb']:.0f} MB" if "server:validate" in r else "not run"))
    rows.append(("Oxigraph server process: peak memory", lambda r: f"{r['server:mb']:.0f} MB"))
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * len(results) + "|"]
    for label, f in rows:
        lines.append("| " + " | ".join([label, *[f(r) for r in results]]) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", nargs="+")
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 100_000, 2_000_000])
    parser.add_argument("--jobs", type=int, default=2, help="validation processes (lexkb validate --jobs)")
    parser.add_argument("--whole-max", type=int, default=300_000, help="largest graph validated whole")
    parser.add_argument("--table-timeout", type=float, default=60, help="seconds before a table is stopped")
    parser.add_argument("--tmp", default=None)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--render", type=Path, help="print the table of figures written by --json")
    args = parser.parse_args()
    if args.render:
        results = json.loads(args.render.read_text())
        print(f"`python benchmarks/scale.py --sizes {' '.join(str(r['goal']) for r in results)}` on {os.cpu_count()} cores\n")
        print(table(results))
        return
    if args.phase:
        name, d, *rest = args.phase
        d = Path(d)
        if name == "build":
            out = phase_build(d, int(rest[0]))
        elif name == "validate":
            out = phase_validate(d, int(rest[0]))
        elif name == "validate-endpoint":
            out = phase_validate_endpoint(rest[0], int(rest[1]))
        elif name == "whole":
            out = phase_whole(d)
        elif name in ("lookup", "cold"):
            out = phase_lookup(d, rest[0], int(rest[1]), rest[2] or None, cold_only=name == "cold")
        else:
            out = phase_tables(d, int(rest[0]), rest[1] or None, rest[2:] or TABLES)
        print(json.dumps(out))
        return
    results = [measure(size, args) for size in args.sizes]
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(f"`python benchmarks/scale.py --sizes {' '.join(map(str, args.sizes))}` on {os.cpu_count()} cores\n")
    print(table(results))


if __name__ == "__main__":
    main()
