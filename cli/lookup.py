"""`lexkb penalty` and `lexkb show`: lookups on the compiled index (no rdflib, no SPARQL engine), or with
--endpoint on the part of the same index the query needs, built by targeted SPARQL."""
from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from lexkb.cli.options import (DEFAULT_GRAPH, EndpointOption, GraphOption, JurisdictionOption, OutputOption,
                               StoreOption, TimeoutOption, complete_factors, format_option, output_to, remote_store)


def register(app: typer.Typer) -> None:
    from lexkb.cli.main import handles_errors

    @app.command()
    @handles_errors
    def penalty(
        query: Annotated[str, typer.Argument(help="An article ('203 bis', 'Article 203 (bis)', 'ACT 6': an instrument's short name, title or alias and the article) or an offence name or fragment, English or Spanish ('tourism', 'lenocinio').")],
        with_: Annotated[Optional[List[str]], typer.Option("--with", "-w", help="Aggravating factor id to apply (repeatable); shows the computation.",
                                                                  autocompletion=complete_factors)] = None,
        on: Annotated[Optional[str], typer.Option("--on", help="Answer as the law stood that day (YYYY-MM-DD).")] = None,
        format: Annotated[str, format_option(("text", "json", "csv", "md"), "text (for people), json, csv or md.")] = "text",
        output: OutputOption = None,
        endpoint: EndpointOption = None,
        timeout: TimeoutOption = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        jurisdiction: JurisdictionOption = None,
        store_dir: StoreOption = None,
    ) -> None:
        """Look up the penalties for an offence: every variant, its condition, measures,
        aggravating factors, OPSC mappings and the source paragraph.

        Exit status: 0 found, 1 no single offence matches (candidates or suggestions are printed),
        2 bad argument, 3 endpoint failure (with --endpoint).

        Examples:

          lexkb penalty '203 bis'

          lexkb penalty trafficking --with victim-over-60

          lexkb penalty lenocinio --format json

          lexkb penalty trafficking --on 2013-01-01

          lexkb penalty 204 --endpoint http://127.0.0.1:7878/query

          lexkb penalty '203 bis' --jurisdiction mx --endpoint http://127.0.0.1:7878/query
        """
        from lexkb.cli.lookup_fast import penalty as run_penalty

        with output_to(output):
            run_penalty(query, with_ or [], on, format, jurisdiction, remote_store(endpoint, timeout, graph, store_dir=store_dir))

    @app.command()
    @handles_errors
    def show(
        article: Annotated[str, typer.Argument(help="A provision: 'CODE 204', '203 bis', 'ACT 6 III(a)', 'OPSC 3(1)(b)' (an instrument by its short name, title or alias).")],
        format: Annotated[str, format_option(("text", "json"), "text (for people) or json.")] = "text",
        output: OutputOption = None,
        endpoint: EndpointOption = None,
        timeout: TimeoutOption = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        jurisdiction: JurisdictionOption = None,
        store_dir: StoreOption = None,
    ) -> None:
        """Show a provision: its words as quoted in the source, its structured data, the OPSC
        mappings the State claims, and provenance.

        Examples:

          lexkb show 204

          lexkb show 'OPSC 3(1)(b)' --format json

          LEXKB_ENDPOINT=http://127.0.0.1:7878/query lexkb show '6 III'
        """
        from lexkb.cli.lookup_fast import show as run_show

        with output_to(output):
            run_show(article, format, jurisdiction, remote_store(endpoint, timeout, graph, store_dir=store_dir))
