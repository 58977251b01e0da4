"""Where lexkb's inputs and outputs live in the project tree (overridable by LEXKB_HOME)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("LEXKB_HOME") or Path(__file__).resolve().parent.parent)
PROVISIONS = ROOT / "provisions"
ONTOLOGY = ROOT / "ontology"
QUERIES = ROOT / "kb" / "queries"
GENERATED = ROOT / "kb" / "generated"
SEED = PROVISIONS / "source" / "CRC-C-OPSC-MEX-Q-1-Add.1.txt"
VOCABULARY_FILES = ("lexkb.ttl", "concepts.ttl")
SHAPES = ONTOLOGY / "shapes.ttl"
KB_TURTLE = "lexkb.ttl"
INDEX = "index.json"
SOURCEMAP = "sourcemap.json"
