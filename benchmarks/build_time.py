"""Wall time of `lexkb build` (issue 11: "stays under 5 s") and of `lexkb report` (issue 14: "built in
under 5 s"), as a user pays it: a new process each time.

Builds into a temporary folder N times (the committed kb/generated/ is not touched) and writes the
report (both languages) into another, interleaved with `python -c pass` so that machine noise hits all
alike, and prints the median, the fastest and the slowest run of each, and the ratio of the medians.

    python benchmarks/build_time.py [--runs 7] [--only build|report]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
LEXKB = str(Path(PY).parent / "lexkb") if (Path(PY).parent / "lexkb").exists() else shutil.which("lexkb")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", choices=("build", "report"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        commands = {"python -c pass": [PY, "-c", "pass"],
                    "lexkb build -q": [LEXKB, "build", "-q", "--out", str(Path(tmp) / "kb")],
                    "lexkb report -o DIR": [LEXKB, "report", "-o", str(Path(tmp) / "report")]}
        if args.only:
            commands = {k: v for k, v in commands.items() if k == "python -c pass" or f" {args.only} " in f"{k} "}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for i in range(args.runs):
            for name, cmd in commands.items():
                start = time.perf_counter()
                done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
                times[name].append(time.perf_counter() - start)
                if done.returncode != 0:
                    sys.exit(f"{name} failed: {done.stderr.decode(errors='replace').strip()}")
            print(f"\rrun {i + 1}/{args.runs}", end="", file=sys.stderr)
    print(file=sys.stderr)
    base = statistics.median(times["python -c pass"])
    print("| command | median s | fastest s | slowest s | x python -c pass |")
    print("|---|---:|---:|---:|---:|")
    for name, values in times.items():
        m = statistics.median(values)
        print(f"| {name} | {m:.2f} | {min(values):.2f} | {max(values):.2f} | {m / base:.0f} |")


if __name__ == "__main__":
    main()
