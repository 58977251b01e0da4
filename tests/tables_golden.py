"""Regenerate the golden files of the comparison tables: tests/golden/tables/NAME[.VARIANT].FORMAT.

When the knowledge base changes on purpose, rebuild it and run

    .venv/bin/lexkb build && .venv/bin/python tests/tables_golden.py

then review `git diff tests/golden/tables` and commit the files with the change that caused them.
tests/test_tables_golden.py compares every table in every format byte for byte with these files.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from lexkb import paths

GOLDEN = paths.ROOT / "tests" / "golden" / "tables"

# (file stem, table name, build arguments): every table in every format, plus variants.
CASES = [(name, name, {}) for name in ("penalties", "minors-vs-adults", "opsc-coverage", "amendments",
                                      "enforcement")] + [
    ("penalties.es", "penalties", {"lang": "es"}),
    ("penalties.sort-imprisonment-max", "penalties", {"sort": "imprisonment-max", "reverse": True}),
    ("penalties.on-2013-01-01", "penalties", {"on": dt.date(2013, 1, 1)}),
    ("minors-vs-adults.es", "minors-vs-adults", {"lang": "es"}),
    ("opsc-coverage.gaps", "opsc-coverage", {"gaps": True}),
    ("amendments.on-2010-01-01", "amendments", {"on": dt.date(2010, 1, 1)}),
    ("enforcement.es", "enforcement", {"lang": "es"}),
    # the law on either side of CPF 205 bis's reform of 2023-10-18 (its 2012 version ends 2023-04-25)
    ("penalties.on-2023-10-18", "penalties", {"on": dt.date(2023, 10, 18)}),
    ("minors-vs-adults.on-2005-01-01", "minors-vs-adults", {"on": dt.date(2005, 1, 1)}),
    ("history.cpf-205-bis", "history", {"article": "CPF 205 bis"}),
    ("history.cpf-201", "history", {"article": "201"}),
    ("history.cpf-204.es", "history", {"article": "CPF art. 204", "lang": "es"}),
    ("history.lpstp-6", "history", {"article": "LPSTP 6"}),
]
VARIANT_FORMATS = ("md",)


def expected() -> dict[str, str]:
    """File name -> the text lexkb produces now."""
    from lexkb.tables import FORMATS, build_table
    from lexkb.tables.render import render

    out = {}
    for stem, name, kwargs in CASES:
        table = build_table(name, **kwargs)
        for fmt in (FORMATS if stem == name else VARIANT_FORMATS):
            out[f"{stem}.{fmt}"] = render(table, fmt)
    return out


def main() -> int:
    from lexkb.build import write_atomically

    files = expected()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_atomically(GOLDEN / name, text.encode("utf-8"))
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.is_file() and p.name not in files)
    for name in stale:
        (GOLDEN / name).unlink()
    print(f"wrote {len(files)} golden files to {GOLDEN.relative_to(paths.ROOT)}"
          + (f"; removed {', '.join(stale)}" if stale else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
