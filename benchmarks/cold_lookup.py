"""Cold-start cost of a lookup, as a person or a shell script pays it: a new process each time.

Measures the median wall time of each command over N runs, interleaved so that machine noise
hits every command alike, and reports ratios to `python -c pass` and `python -c "import rdflib"`
measured in the same run. Goal (issue 13): `lexkb penalty` and `lexkb show` at most 2x `python -c pass`.
A plain lookup runs without typer (lexkb.cli.lookup_fast); "via typer" runs the same command
through the typer CLI (python -m lexkb.cli.main), for comparison.

    python benchmarks/cold_lookup.py [--runs 21]
"""
from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for i in range(args.runs):
        for name, cmd in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - start)
        print(f"\rrun {i + 1}/{args.runs}", end="", file=sys.stderr)
    print(file=sys.stderr)
    base = statistics.median(times["python -c pass"])
    rdflib = statistics.median(times["python -c 'import rdflib'"])
    print(f"| command | median ms | x python -c pass | x import rdflib |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        m = statistics.median(values)
        print(f"| {name} | {m * 1000:.0f} | {m / base:.1f} | {m / rdflib:.2f} |")


if __name__ == "__main__":
    main()
