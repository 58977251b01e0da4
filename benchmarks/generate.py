"""Synthetic knowledge bases shaped like the real one: N jurisdictions.

Jurisdiction 0 is the real Mexican knowledge base (kb/generated/lexkb.ttl). Each further
jurisdiction is a copy of its jurisdiction-specific part (instruments, provisions, offences,
penalties, rules, claims: every triple that names an IRI under /id/mx/ or /eli/mx/) with those IRIs
minted under /id/xNNNN/ and /eli/xNNNN/ instead; the shared part (vocabulary concepts, the OPSC,
the source passages) is written once. Same vocabulary, same shapes: the result validates against
ontology/shapes.ttl (the shapes are node-local, so each copy conforms as the original does).
Labels are kept, so a name fragment matches one offence per jurisdiction, as it would with 180
countries translating the same OPSC offences.

Triples: shared + N x per-jurisdiction (1,259 + 855 N with the current knowledge base).

    python benchmarks/generate.py N OUT_DIR      # writes OUT_DIR/kb.nt
    python benchmarks/generate.py --triples 2000000 OUT_DIR
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "kb" / "generated" / "lexkb.ttl"
MARKS = ("/lexkb/id/mx/", "/lexkb/eli/mx/")


def parts(source: Path = REAL) -> tuple[list[str], list[str]]:
    """(shared, per-jurisdiction) N-Triples lines of the real knowledge base."""
    import pyoxigraph as ox

    data = ox.serialize(ox.parse(path=str(source), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
    shared, own = [], []
    for line in data.decode("utf-8").splitlines():
        (own if any(m in line for m in MARKS) else shared).append(line)
    return shared, own


def code(i: int) -> str:
    return "mx" if i == 0 else f"x{i:04d}"


def jurisdictions_for(triples: int) -> int:
    shared, own = parts()
    return max(1, round((triples - len(shared)) / len(own)))


def generate(n: int, out_dir: Path) -> tuple[Path, int]:
    shared, own = parts()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "kb.nt"
    template = "\n".join(own) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(shared) + "\n")
        for i in range(n):
            c = code(i)
            f.write(template.replace("/lexkb/id/mx/", f"/lexkb/id/{c}/").replace("/lexkb/eli/mx/", f"/lexkb/eli/{c}/"))
    return path, len(shared) + n * len(own)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, help="number of jurisdictions")
    parser.add_argument("out", type=Path)
    parser.add_argument("--triples", type=int, help="choose N to get about this many triples")
    args = parser.parse_args()
    n = args.n if args.n is not None else jurisdictions_for(args.triples or 0)
    path, count = generate(n, args.out)
    print(f"{path}: {n} jurisdictions, {count} triples", file=sys.stderr)


if __name__ == "__main__":
    main()
