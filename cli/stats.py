"""`lexkb stats`: the source's statistics, their aggregates, their inconsistencies and their plots."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import LexkbError

HELP = """Print the source's statistics (W3C Data Cube datasets compiled from statistics/).

\b
Without DATASET: the list of datasets. With DATASET: its observations, or with --by DIMENSION
the sum per value of that dimension next to the source's printed total.
--check lists every printed total (and every figure printed twice) that disagrees with its parts,
or that counts a cell without a figure ('No data') as nothing: dataset, where, printed figure,
computed figure, source passages. It exits 1 if the graph breaks a Data Cube integrity constraint.

\b
Examples:
  lexkb stats
  lexkb stats adoptions --by year -f md -o adoptions.md
  lexkb stats --check --format csv
  lexkb stats adoptions --plot adoptions.svg
  lexkb stats --ttl kb/generated/statistics.ttl
"""


def _run(dataset, by, fmt, check, plot, ttl, statistics_dir) -> None:
    from lexkb import stats
    from lexkb.stats.aggregate import aggregate, aggregate_columns, dataset_columns, dataset_rows, sources
    from lexkb.stats.render import FORMATS, render

    if fmt not in FORMATS:
        raise LexkbError(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
    datasets = stats.load(statistics_dir)
    ds = None
    if dataset is not None:
        ds = datasets.get(dataset)
        if ds is None:
            raise LexkbError(f"DATASET: unknown dataset '{dataset}' (known: {', '.join(datasets)})")
    if ttl is not None:
        if ttl.suffix != ".ttl":
            raise LexkbError(f"--ttl: '{ttl}' must end in .ttl")
        n = stats.write_graph(ttl, statistics_dir)
        typer.echo(f"wrote {ttl} ({n} triples)")
        return
    if plot is not None:
        from lexkb.stats.plot import PLOTTABLE, SUFFIXES, plot as draw

        if plot.suffix.lower() not in SUFFIXES:
            raise LexkbError(f"--plot: '{plot}' must end in .png or .svg")
        if ds is None or ds.slug not in PLOTTABLE:
            raise LexkbError(f"--plot needs a DATASET with a figure (one of: {', '.join(PLOTTABLE)})")
        stats.write_atomically(plot, draw(ds, plot))
        typer.echo(f"wrote {plot}")
        return
    if check:
        from lexkb.stats.integrity import violations

        found = [c for c in stats.flagged(datasets) if ds is None or c.dataset == ds.slug]
        rows = [c.record(sources(datasets[c.dataset], c.paragraphs)) for c in found]
        typer.echo(render(rows, ["dataset", "kind", "outcome", "where", "printed", "computed", "sources", "note"], fmt), nl=False)
        broken = violations(stats.compile_statistics(statistics_dir))
        for line in broken:
            typer.echo(f"Data Cube integrity: {line}", err=True)
        if broken:
            raise LexkbError(f"the statistics graph breaks {len(broken)} Data Cube integrity constraint(s)", exit_code=1)
        return
    if by is not None:
        if ds is None:
            raise LexkbError("--by needs a DATASET")
        if by not in ds.dimensions:
            raise LexkbError(f"--by: '{by}' is not a dimension of '{ds.slug}' (dimensions: {', '.join(ds.dimensions)})")
        typer.echo(render(aggregate(ds, by), aggregate_columns(ds, by), fmt), nl=False)
        return
    if ds is not None:
        typer.echo(render(dataset_rows(ds), dataset_columns(ds), fmt), nl=False)
        return
    flagged = stats.flagged(datasets)
    rows = [{"dataset": d.slug, "title": d.title, "sources": sources(d, d.paragraphs),
             "observations": len(d.observations), "flagged": sum(c.dataset == d.slug for c in flagged)}
            for d in datasets.values()]
    typer.echo(render(rows, ["dataset", "title", "sources", "observations", "flagged"], fmt), nl=False)


def stats_command(
    dataset: Optional[str] = typer.Argument(None, help="A dataset (see `lexkb stats`), e.g. adoptions."),
    by: Optional[str] = typer.Option(None, "--by", help="Add up the dataset by this dimension, e.g. --by year."),
    fmt: str = typer.Option("text", "--format", "-f", help="text (for people), json, csv (RFC 4180) or md.",
                            autocompletion=lambda incomplete: [f for f in ("text", "json", "csv", "md") if f.startswith(incomplete)]),
    output: Optional[Path] = typer.Option(None, "--output", "-o", show_default=False,
                                          help="File to write (default: standard output)."),
    check: bool = typer.Option(False, "--check", help="List the source's inconsistent totals and figures."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Draw DATASET to FILE.png or FILE.svg, e.g. --plot a.svg."),
    ttl: Optional[Path] = typer.Option(None, "--ttl", help="Write the compiled Data Cube graph to FILE.ttl."),
    statistics_dir: Optional[Path] = typer.Option(None, "--statistics", help="The statistics folder (default: the project's statistics/)."),
) -> None:
    """Errors are LexkbErrors: `lexkb: error: MESSAGE` on one line and the error's exit code (2 for
    bad input) once registered with lexkb.cli.main.handles_errors (see register)."""
    from lexkb import stats
    from lexkb.cli.options import output_to

    try:
        with output_to(output):
            _run(dataset, by, "text" if fmt == "table" else fmt, check, plot, ttl, statistics_dir or stats.STATISTICS_DIR)
    except OSError as exc:
        raise LexkbError(f"{exc.filename or ''}: {exc.strerror or exc}") from None


def register(app: typer.Typer) -> None:
    """Add the `stats` command to the main app (errors as `lexkb: error: ...`, like every command)."""
    from lexkb.cli.main import handles_errors

    app.command("stats", help=HELP)(handles_errors(stats_command))
