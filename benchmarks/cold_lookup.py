"""Cold-start cost of a lookup, as a person or a shell script pays it: a new process each time.

Measures the median wall time of each command over N runs, interleaved so that machine noise
hits every command alike, and reports ratios to `python -c pass` and `python -c "import rdflib"`
measured in the same run. Goal (issue 13): `lexkb penalty` and `lexkb show` at most 2x `python -c pass`.
A plain lookup runs without typer (lexkb.cli.lookup_fast); "via typer" runs the same command
through the typer CLI (python -m lexkb.cli.main), for comparison.

    python benchmarks/cold_lookup.py [--runs 21] [--before PYTHON] [--instructions]

--before PYTHON adds the lookups that both versions answer, run by another install's interpreter (e.g. a
checkout of an earlier commit with its own venv), interleaved with this one's: issue 11 asks that the
statute's larger knowledge base add no measurable time to a cold lookup (same ratio to `python -c pass`).

--instructions counts the instructions each command executes (valgrind's callgrind, once each, bytecode
cached), instead of timing it: the same count whatever else the machine is doing, so a before/after
ratio holds on a shared, loaded machine where wall and CPU times vary from run to run.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PY = sys.executable
LEXKB = str(Path(PY).parent / "lexkb") if (Path(PY).parent / "lexkb").exists() else shutil.which("lexkb")

COMMANDS = {
    "python -c pass": [PY, "-c", "pass"],
    "python -c 'import typer'": [PY, "-c", "import typer"],
    "python -c 'import rdflib'": [PY, "-c", "import rdflib"],
    "lexkb penalty 203": [LEXKB, "penalty", "203"],
    "lexkb penalty tourism (ambiguous)": [LEXKB, "penalty", "tourism"],
    "lexkb penalty trata --with victim-over-60 -f json": [LEXKB, "penalty", "trata", "--with", "victim-over-60", "-f", "json"],
    "lexkb show 'CPF 204'": [LEXKB, "show", "CPF 204"],
    # issue 11: the statute's versions answer a date from the same index
    "lexkb penalty 201 --on 2016-07-18": [LEXKB, "penalty", "201", "--on", "2016-07-18"],
    "lexkb penalty 203, via typer": [PY, "-m", "lexkb.cli.main", "penalty", "203"],
}

# the lookups an install from before the statute work (65a6d33) answers the same way
BOTH = ["lexkb penalty 203", "lexkb penalty tourism (ambiguous)", "lexkb penalty trata --with victim-over-60 -f json"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--before", metavar="PYTHON", help="another install's python, for a before/after run")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions with valgrind --tool=callgrind instead of timing")
    args = parser.parse_args()
    if args.before:
        before = str(Path(args.before).parent / "lexkb")
        for name in BOTH:
            COMMANDS[f"{name} (before)"] = [before, *COMMANDS[name][1:]]
    # as an installed lexkb runs: with its modules' bytecode cached (a shell that sets PYTHONDONTWRITEBYTECODE would
    # otherwise measure the compiler: 60 ms of a 230 ms lookup here), after one untimed run that writes it
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for cmd in COMMANDS.values():
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    if args.instructions:
        return count_instructions(env)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}  # user + system time: less sensitive to load
    for i in range(args.runs):
        for name, cmd in COMMANDS.items():
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
            times[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        print(f"\rrun {i + 1}/{args.runs}", end="", file=sys.stderr)
    print(file=sys.stderr)
    base = statistics.median(times["python -c pass"])
    rdflib = statistics.median(times["python -c 'import rdflib'"])
    cpu_base = statistics.median(cpu["python -c pass"])
    print("| command | median ms | x python -c pass | x import rdflib | median CPU ms | CPU x python -c pass |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, values in times.items():
        m, c = statistics.median(values), statistics.median(cpu[name])
        print(f"| {name} | {m * 1000:.0f} | {m / base:.1f} | {m / rdflib:.2f} | {c * 1000:.0f} | {c / cpu_base:.1f} |")


def count_instructions(env: dict) -> None:
    if not shutil.which("valgrind"):
        sys.exit("cold_lookup.py: --instructions needs valgrind (Debian package valgrind)")
    counts = {}
    for i, (name, cmd) in enumerate(COMMANDS.items()):
        run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                             capture_output=True, text=True, check=False, env=env)
        found = re.search(r"Collected : (\d+)", run.stderr)
        if not found:
            sys.exit(f"cold_lookup.py: no instruction count for {name}: {run.stderr.strip()[-300:]}")
        counts[name] = int(found.group(1))
        print(f"\rcommand {i + 1}/{len(COMMANDS)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    base = counts["python -c pass"]
    print("| command | million instructions | x python -c pass | beyond python -c pass (M) |")
    print("|---|---:|---:|---:|")
    for name, n in counts.items():
        print(f"| {name} | {n / 1e6:.1f} | {n / base:.2f} | {(n - base) / 1e6:.1f} |")


if __name__ == "__main__":
    main()
