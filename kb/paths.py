"""Where lexkb's inputs and outputs live.

Two layouts, one set of names:
- a project (a checkout, an editable install, or LEXKB_HOME / `lexkb build --project DIR`): the
  top-level folders provisions/, ontology/, statistics/ and kb/queries/, kb/generated/;
- an installed wheel without its sources: the built knowledge base, the queries, the ontology and
  the statistics ship inside the package (lexkb/generated, lexkb/queries, lexkb/ontology,
  lexkb/statistics; see pyproject.toml), so every read command works; only `lexkb build` needs a
  project (PROJECT is None then)."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # kb/ in a checkout, site-packages/lexkb in a wheel


def is_project(root: Path) -> bool:
    return (root / "provisions").is_dir() and (root / "ontology").is_dir()


def _project() -> Path | None:
    home = os.environ.get("LEXKB_HOME")
    if home:
        return Path(home)
    return PACKAGE.parent if is_project(PACKAGE.parent) else None


PROJECT = _project()
ROOT = PROJECT or PACKAGE
PROVISIONS = ROOT / "provisions"
if PROJECT is not None:
    ONTOLOGY = ROOT / "ontology"
    QUERIES = ROOT / "kb" / "queries"
    GENERATED = ROOT / "kb" / "generated"
    STATISTICS = ROOT / "statistics"
else:
    ONTOLOGY = PACKAGE / "ontology"
    QUERIES = PACKAGE / "queries"
    GENERATED = PACKAGE / "generated"
    STATISTICS = PACKAGE / "statistics"
VOCABULARY_FILES = ("lexkb.ttl", "concepts.ttl")
SHAPES = ONTOLOGY / "shapes.ttl"
KB_TURTLE = "lexkb.ttl"
INDEX = "index.json"
SOURCEMAP = "sourcemap.json"


def display(path: Path) -> str:
    """A shipped file as the project names it (kb/queries/table-penalties.rq), whichever layout it
    was read from, so that outputs are the same bytes from a checkout and from a wheel."""
    for folder, name in ((QUERIES, "kb/queries"), (GENERATED, "kb/generated"), (ONTOLOGY, "ontology"),
                         (STATISTICS, "statistics")):
        try:
            return f"{name}/{Path(path).relative_to(folder).as_posix()}"
        except ValueError:
            continue
    return Path(path).as_posix()
