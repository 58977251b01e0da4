"""Time `lexkb validate FILE` by partition on one N-Triples file (lexkb.kbfile.validate_kb, the
function the command runs) and print JSON: seconds, triples, partitions, batches, violations, and the
peak memory of this process and of its worker processes.

    python benchmarks/validate_scale.py /tmp/scale/2m/kb.nt --jobs 2
    python benchmarks/validate_scale.py kb.nt --whole      # also whole-graph rdflib + pyshacl, compared
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    from lexkb.kbfile import validate_kb
    from lexkb.partition import BATCH_TRIPLES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--jobs", type=int, default=None, help="default: as lexkb validate")
    parser.add_argument("--batch-triples", type=int, default=BATCH_TRIPLES)
    parser.add_argument("--whole", action="store_true", help="then validate the whole graph in rdflib, and compare")
    args = parser.parse_args()

    t0 = time.perf_counter()
    result = validate_kb([args.file], jobs=args.jobs, batch_triples=args.batch_triples,
                         note=lambda m: print(m, file=sys.stderr),
                         progress=lambda done, n, triples: print(f"validated {done}/{n} batches ({triples:,} triples)",
                                                                 file=sys.stderr))
    out = {"file": str(args.file), "seconds": round(time.perf_counter() - t0, 2), "triples": result.triples,
           "jurisdictions": result.jurisdictions, "partitions": result.partitions, "batches": result.batches,
           "batch_triples": args.batch_triples, "jobs": args.jobs, "violations": len(result.violations),
           "whole_reason": result.whole, "peak_mb_parent": round(peak_mb(resource.RUSAGE_SELF)),
           "peak_mb_children": round(peak_mb(resource.RUSAGE_CHILDREN))}
    if args.whole:
        from rdflib import Graph

        from lexkb.validation import validate

        t1 = time.perf_counter()
        graph = Graph().parse(args.file, format="nt")
        t2 = time.perf_counter()
        violations = validate(graph)
        out["whole"] = {"parse_seconds": round(t2 - t1, 2), "validate_seconds": round(time.perf_counter() - t2, 2),
                        "triples": len(graph), "violations": len(violations),
                        "same_violations": violations == result.violations,
                        "peak_mb": round(peak_mb(resource.RUSAGE_SELF))}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
