"""`lexkb query`: SPARQL over the knowledge base."""
from __future__ import annotations

import sys
from typing import Annotated, List, Optional

import typer

from lexkb.cli.options import (DEFAULT_GRAPH, EndpointOption, GraphOption, OutputOption, StoreOption, TimeoutOption,
                               complete_queries, format_option, output_to, remote_store)


def register(app: typer.Typer) -> None:
    from lexkb.cli.main import handles_errors

    @app.command()
    @handles_errors
    def query(
        source: Annotated[Optional[str], typer.Argument(help="A shipped query name, a .rq file, or - for standard input.",
                                                                 autocompletion=complete_queries)] = None,
        format: Annotated[str, format_option(("text", "json", "csv", "tsv", "ttl", "nt"),
                                             "text (for people), json, csv, tsv (SPARQL 1.1 results); ttl or nt for CONSTRUCT/DESCRIBE.")] = "text",
        output: OutputOption = None,
        bind: Annotated[Optional[List[str]], typer.Option("--bind", "-b", help="NAME=VALUE: bind ?NAME to a literal (repeatable).")] = None,
        list_: Annotated[bool, typer.Option("--list", "-l", help="List the shipped queries and exit.")] = False,
        endpoint: EndpointOption = None,
        timeout: TimeoutOption = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        store_dir: StoreOption = None,
    ) -> None:
        """Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query over the knowledge base (read-only).

        Examples:

          lexkb query --list

          lexkb query penalties --format csv

          lexkb query offence-by-name --bind name=trata

          echo 'ASK { ?s ?p ?o }' | lexkb query -

          lexkb query penalties --endpoint http://127.0.0.1:7878/query
        """
        from lexkb import sparql
        from lexkb.errors import LexkbError

        with output_to(output):
            if list_:
                for name, path in sparql.shipped_queries().items():
                    typer.echo(f"{name:28} {sparql.describe(path)}")
                return
            if source is None:
                raise LexkbError("give a query name, a .rq file or - (see 'lexkb query --list')")
            label, text = sparql.read_query(source, sys.stdin.read() if source == "-" else None)
            bindings = sparql.parse_bindings(bind or [])
            store = remote_store(endpoint, timeout, graph, statistics=True, store_dir=store_dir)
            data = sparql.run(store if store is not None else sparql.load_store(), label, text, format, bindings)
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
