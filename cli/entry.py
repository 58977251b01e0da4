"""The `lexkb` console script. A plain lookup (`lexkb penalty 203`, `lexkb show 204`) runs
without importing typer (lexkb.cli.lookup_fast); every other command line goes to the typer CLI
(lexkb.cli.main), which defines the grammar, the help and the usage errors."""
from __future__ import annotations

import sys


def run() -> None:
    from lexkb.cli.lookup_fast import fast_argv, run_fast

    plain = fast_argv(sys.argv)
    if plain is not None:
        sys.exit(run_fast(*plain))
    from lexkb.cli.main import run as run_typer

    run_typer()


if __name__ == "__main__":
    run()
