"""`lexkb penalty` and `lexkb show`: lookups on the compiled index (no rdflib, no SPARQL engine), or with
--endpoint on the part of the same index the query needs, built by targeted SPARQL."""
from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from lexkb.cli.options import (DEFAULT_GRAPH, EndpointOption, GraphOption, JurisdictionOption, TimeoutOption,
                               remote_store)


def _index(endpoint, timeout, graph, jurisdiction, query: str, command: str) -> dict:
    """The compiled index.json; with --endpoint, the part of the same index that QUERY needs, built
    by targeted SPARQL on the endpoint (lexkb.remote_lookup), from which the output is the same."""
    store = remote_store(endpoint, timeout, graph)
    if store is None:
        from lexkb.jurisdiction import check_code, restrict_index
        from lexkb.kbfile import load_index

        return restrict_index(load_index(), check_code(jurisdiction))
    from lexkb.remote_lookup import lookup_index, show_index

    return (lookup_index if command == "penalty" else show_index)(store, query, jurisdiction)


def register(app: typer.Typer) -> None:
    from lexkb.cli.main import handles_errors

    @app.command()
    @handles_errors
    def penalty(
        query: Annotated[str, typer.Argument(help="An article ('203 bis', 'Article 203 (bis)', 'LPSTP 6') or an offence name or fragment, English or Spanish ('tourism', 'lenocinio').")],
        with_: Annotated[Optional[List[str]], typer.Option("--with", "-w", help="Aggravating factor id to apply (repeatable); shows the computation.")] = None,
        on: Annotated[Optional[str], typer.Option("--on", help="Answer as the law stood that day (YYYY-MM-DD).")] = None,
        format: Annotated[str, typer.Option("--format", "-f", help="table (for people), json, csv or md.")] = "table",
        endpoint: EndpointOption = None,
        timeout: TimeoutOption = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        jurisdiction: JurisdictionOption = None,
    ) -> None:
        """Look up the penalties for an offence: every variant, its condition, measures,
        aggravating factors, OPSC mappings and the source paragraph.

        Exit status: 0 found, 1 no single offence matches (candidates or suggestions are printed),
        2 bad argument, 3 endpoint failure (with --endpoint).

        Examples:

          lexkb penalty '203 bis'

          lexkb penalty trafficking --with victim-over-60

          lexkb penalty lenocinio --format json

          lexkb penalty 'LPSTP 6' --on 2013-01-01

          lexkb penalty 204 --endpoint http://127.0.0.1:7878/query

          lexkb penalty 'CPF 203 bis' --jurisdiction mx --endpoint http://127.0.0.1:7878/query
        """
        import sys

        from lexkb.errors import LexkbError
        from lexkb.penalty import answer, no_result_message
        from lexkb.penalty_format import FORMATS

        if format not in FORMATS:
            raise LexkbError(f"--format {format!r}: use one of {', '.join(FORMATS)}")
        if not query.strip():
            raise LexkbError("QUERY is empty: give an article number or an offence name")
        result, match = answer(query, _index(endpoint, timeout, graph, jurisdiction, query, "penalty"), list(with_ or []), on)
        if not match.offences:
            if format == "json":
                sys.stdout.write(FORMATS["json"](result))
            for c in result.get("candidates", []):
                typer.echo(f"  {c['id']:<32} {c['offence']} ({', '.join(dict.fromkeys(c['defined_in'] + c['penalised_in']))})", err=True)
            raise LexkbError(no_result_message(query, result), exit_code=1)
        sys.stdout.write(FORMATS[format](result))

    @app.command()
    @handles_errors
    def show(
        article: Annotated[str, typer.Argument(help="A provision: 'CPF 204', '203 bis', 'LPSTP 6 III(a)', 'OPSC 3(1)(b)'.")],
        format: Annotated[str, typer.Option("--format", "-f", help="table (for people) or json.")] = "table",
        endpoint: EndpointOption = None,
        timeout: TimeoutOption = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        jurisdiction: JurisdictionOption = None,
    ) -> None:
        """Show a provision: its words as quoted in the source, its structured data, the OPSC
        mappings the State claims, and provenance.

        Examples:

          lexkb show 'CPF 204'

          lexkb show 'OPSC 3(1)(b)' --format json

          LEXKB_ENDPOINT=http://127.0.0.1:7878/query lexkb show 'LPSTP 6'
        """
        import json
        import sys

        from lexkb.errors import LexkbError
        from lexkb.provision_view import describe, render

        if format not in ("table", "json"):
            raise LexkbError(f"--format {format!r}: use table or json")
        data = describe(article, _index(endpoint, timeout, graph, jurisdiction, article, "show"))
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n" if format == "json" else render(data))
