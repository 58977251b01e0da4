"""`lexkb audit`: the State's report checked against the statute in force when it was written."""
from __future__ import annotations

from typing import Annotated

import typer

from lexkb.cli.options import (DEFAULT_GRAPH, EndpointOption, GraphOption, OutputOption, StoreOption, TimeoutOption,
                               format_option, output_to, remote_store)

HELP = """Set each fact of the State's report beside the statute's text of the same article in force
when the report was submitted, aspect by aspect: existence, imprisonment, fine, additional
measures, victim conditions.

\b
The statute's text of that day is read in the closest edition printed on or after it; where the
article's amendment notes record a change in between, the verdict is 'cannot compare' (with the
change's date). Verdicts: agrees, differs, not in report, not in statute, cannot compare.
Differences are findings, not corrections: both values are shown, each with its source.
Fines are compared by their numbers, and both units are named (lexkb's reading audit-fine-units).

\b
Exit status: 0 done; with --check, 1 when any record differs; 2 bad argument; 3 endpoint failure.

\b
Examples:
  lexkb audit
  lexkb audit -f md -o audit.md
  lexkb audit -f json | jq '.[] | select(.verdict == "differs")'
  lexkb audit --check -f csv
  lexkb audit --endpoint http://127.0.0.1:7878/query
"""


def register(app: typer.Typer) -> None:
    from lexkb.cli.main import handles_errors

    @app.command("audit", help=HELP)
    @handles_errors
    def audit(
        fmt: Annotated[str, format_option(("text", "table", "md", "csv", "json"),
                                          "text (for people: a table; 'table' names it too), md, csv or json (an array "
                                          "of flat records).")] = "text",
        output: OutputOption = None,
        check: Annotated[bool, typer.Option("--check", help="Exit with status 1 when any record differs.")] = False,
        endpoint: EndpointOption = None,
        timeout: TimeoutOption = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        store_dir: StoreOption = None,
    ) -> None:
        import sys

        from lexkb.audit import audit as run_audit
        from lexkb.audit.render import ALIASES, FORMATS, render
        from lexkb.errors import LexkbError

        if fmt not in FORMATS and fmt not in ALIASES:
            raise LexkbError(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
        store = remote_store(endpoint, timeout, graph, store_dir=store_dir)
        result = run_audit(store)
        with output_to(output):
            sys.stdout.write(render(result, fmt))
            sys.stdout.flush()
            if check and result.differs:
                raise typer.Exit(1)
