"""`lexkb query`: SPARQL over the knowledge base."""
from __future__ import annotations

import sys
from typing import Annotated, List, Optional

import typer

from lexkb.cli.options import DEFAULT_GRAPH, EndpointOption, GraphOption, TimeoutOption, remote_store


def register(app: typer.Typer) -> None:
    from lexkb.cli.main import handles_errors

    @app.command()
    @handles_errors
    def query(
        source: Annotated[Optional[str], typer.Argument(help="A shipped query name, a .rq file, or - for standard input.")] = None,
        format: Annotated[str, typer.Option("--format", "-f", help="table, json, csv, tsv (SPARQL 1.1 results); ttl or nt for CONSTRUCT/DESCRIBE.")] = "table",
        bind: Annotated[Optional[List[str]], typer.Option("--bind", "-b", help="NAME=VALUE: bind ?NAME to a literal (repeatable).")] = None,
        list_: Annotated[bool, typer.Option("--list", "-l", help="List the shipped queries and exit.")] = False,
        endpoint: EndpointOption = None,
        timeout: Annotated[float, typer.Option(
            "--timeout", help="Seconds the query may take, on the embedded store or --endpoint (the whole "
                              "exchange); then it is stopped (exit 3).")] = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        limit: Annotated[int, typer.Option(
            "--limit", help="The most rows (or triples) written; an answer with more writes nothing (exit 4): "
                            "raise it, or add LIMIT to the query.")] = 10_000,
        allow_service: Annotated[bool, typer.Option(
            "--allow-service", help="Let SERVICE clauses contact the URLs they name (federated queries); "
                                    "refused by default.")] = False,
    ) -> None:
        """Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query over the knowledge base (read-only).

        Examples:

          lexkb query --list

          lexkb query penalties --format csv

          lexkb query offence-by-name --bind name=trata

          echo 'ASK { ?s ?p ?o }' | lexkb query -

          lexkb query penalties --endpoint http://127.0.0.1:7878/query

          lexkb query big.rq --limit 100000 --timeout 120
        """
        from lexkb import sparql
        from lexkb.errors import LexkbError

        if list_:
            for name, path in sparql.shipped_queries().items():
                typer.echo(f"{name:28} {sparql.describe(path)}")
            return
        if source is None:
            raise LexkbError("give a query name, a .rq file or - (see 'lexkb query --list')")
        from lexkb.store import check_timeout

        check_timeout(timeout)
        if limit < 1:
            raise LexkbError(f"--limit {limit}: give a number of rows of at least 1")
        label, text = sparql.read_query(source, sparql.read_stdin() if source == "-" else None)
        bindings = sparql.parse_bindings(bind or [])
        store = remote_store(endpoint, timeout, graph, statistics=True)

        def write(chunk: bytes) -> None:
            sys.stdout.buffer.write(chunk)

        sparql.run(store if store is not None else sparql.load_store(), label, text, format, bindings,
                   limit=limit, timeout=timeout, allow_service=allow_service, write=write)
        sys.stdout.flush()
