"""`lexkb table` and `lexkb report`: comparison tables from the knowledge base. Imports are lazy."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from lexkb.cli.options import (DEFAULT_GRAPH, EndpointOption, GraphOption, JurisdictionOption, OutputOption,
                               StoreOption, TimeoutOption, complete_tables, format_option, output_to, remote_store)
from typing import Annotated

TABLE_HELP = """Print a comparison table generated from the knowledge base, with its sources.

\b
Tables:
  penalties          one row per penalty variant, with aggravated ranges (--sort KEY [--reverse])
  minors-vs-adults   victims under 18 or lacking capacity vs adults: difference and ratio of bounds
  opsc-coverage      OPSC arts. 1-10 and the provisions the State maps to them (--gaps: unmapped only)
  amendments         parole and serious-offence status before and after the decree of 19 August 2010
  enforcement        per offence, penalty ranges next to the investigations by year and disposition
  history ARTICLE    one article's versions, amendment notes, repeal and penalties across editions,
                     and the State's 2010 account of it (e.g. history '205 bis', history 201)

Each table is produced by the SPARQL query kb/queries/table-NAME.rq (run it with
`lexkb query table-NAME`); the output names it. penalties and minors-vs-adults show each row's
basis: the statute (one version of its article, with the dates it holds, from its editions) or the
State's 2010 report; without --on, today's law (the latest version of each article) beside the
State's account. --on DATE shows the law of that day: statute rows whose version holds then, and
report rows of instruments in force then (dates from publications; entry into force is not in
source); the notes say what was dropped. Fines are in their source's unit (días multa, UMA, days
of minimum wage). history ARTICLE: an article that matches nothing or several exits 1.
penalties --sort keys: provision (default), offence, imprisonment-min, imprisonment-max,
fine-min, fine-max, aggravated-imprisonment-max, aggravated-fine-max.

\b
Examples:
  lexkb table penalties --sort imprisonment-max --reverse
  lexkb table minors-vs-adults --format csv -o minors.csv
  lexkb table opsc-coverage --gaps --lang es --format html -o gaps.html
  lexkb table amendments --on 2010-01-01 --format tex
  lexkb table penalties --on 2013-01-01
  lexkb table history '205 bis' --format json
  lexkb table penalties --endpoint http://127.0.0.1:7878/query
  lexkb table penalties --jurisdiction mx --endpoint http://127.0.0.1:7878/query

--jurisdiction CODE restricts a table to one jurisdiction of a store holding several (the code in
its IRIs, e.g. mx; default: all). Not for enforcement, whose statistics are one State's (statistics/declarations.md).
"""

REPORT_HELP = """Write all tables as a small static HTML report into a folder.

DIR/index.html links a page per table and a page per provision (its quoted text, its structured
data, the OPSC mappings the State claims and the sources). The folder is replaced as a whole, or
not at all; an existing folder is replaced only if it holds a previous lexkb report.

\b
Examples:
  lexkb report -o report/ --lang es
  lexkb report -o report/ --endpoint http://127.0.0.1:7878/query
"""


def _emit(text: str, output: Optional[Path]) -> None:
    from lexkb.errors import LexkbError

    data = text.encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from lexkb.atomic import write_file

    write_file(output, data, say=lambda message: typer.echo(message, err=True))


def register(app: typer.Typer) -> None:
    """Add the `table` and `report` commands to the main app."""
    from lexkb.cli.main import handles_errors

    @app.command("table", help=TABLE_HELP)
    @handles_errors
    def table(
        name: Annotated[str, typer.Argument(help="penalties, minors-vs-adults, opsc-coverage, amendments, enforcement "
                                                 "or history.", show_default=False, autocompletion=complete_tables)],
        article: Annotated[Optional[str], typer.Argument(help="history only: the article, e.g. '205 bis', 201 or an instrument's short name and the number.",
                                                         show_default=False)] = None,
        fmt: Annotated[str, format_option(("text", "md", "csv", "html", "json", "jsonl", "tex"),
                                          "text (for people: the Markdown table), md, csv, html, json, jsonl (a row per line) "
                                          "or tex (booktabs, fits A4).")] = "text",
        on: Annotated[Optional[str], typer.Option("--on", help="The law of this day (YYYY-MM-DD): statute versions "
                                                  "and instruments in force then.")] = None,
        lang: Annotated[str, typer.Option("--lang", help="en or es (Spanish labels where the knowledge base has them).")] = "en",
        output: OutputOption = None,
        sort: Annotated[Optional[str], typer.Option("--sort", help="Sort key (penalties), e.g. imprisonment-max.")] = None,
        reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order (descending with --sort).")] = False,
        gaps: Annotated[bool, typer.Option("--gaps", help="opsc-coverage: only paragraphs with nothing mapped.")] = False,
        endpoint: EndpointOption = None,
        timeout: TimeoutOption = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        jurisdiction: JurisdictionOption = None,
        store_dir: StoreOption = None,
    ) -> None:
        from lexkb.errors import LexkbError
        from lexkb.tables import FORMATS, build_table
        from lexkb.tables.common import check_lang, parse_on
        from lexkb.tables.render import render

        if fmt not in FORMATS:
            raise LexkbError(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
        check_lang(lang)
        # the enforcement table reads the statistics graph too (lexkb publish puts it in GRAPH/statistics)
        store = remote_store(endpoint, timeout, graph, statistics=name == "enforcement", store_dir=store_dir)
        tbl = build_table(name, store=store, on=parse_on(on), lang=lang, sort=sort, reverse=reverse, gaps=gaps,
                          jurisdiction=jurisdiction, article=article)
        _emit(render(tbl, fmt), output)

    @app.command("report", help=REPORT_HELP)
    @handles_errors
    def report(
        output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the report into.",
                                             show_default=False)],
        on: Annotated[Optional[str], typer.Option("--on", help="Only instruments in force on this day (YYYY-MM-DD).")] = None,
        lang: Annotated[str, typer.Option("--lang", help="en or es.")] = "en",
        endpoint: EndpointOption = None,
        timeout: TimeoutOption = 30.0,
        graph: GraphOption = DEFAULT_GRAPH,
        store_dir: StoreOption = None,
    ) -> None:
        from lexkb.tables.common import check_lang, parse_on
        from lexkb.report import write_report

        check_lang(lang)
        n = write_report(output, on=parse_on(on), lang=lang,
                         store=remote_store(endpoint, timeout, graph, statistics=True, store_dir=store_dir))
        typer.echo(f"wrote {output}/index.html and {n - 1} other pages", err=True)
