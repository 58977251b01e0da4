"""The `lexkb` command. Imports stay lazy: a lookup must not pay for rdflib or pyshacl."""
from __future__ import annotations

import functools
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from typing import Annotated

from lexkb import __version__
from lexkb.cli.options import (DEFAULT_GRAPH, EndpointOption, GraphOption, OutputOption, StoreOption, TimeoutOption, format_option,
                               output_to, remote_store)

app = typer.Typer(
    name="lexkb",
    help="lexkb: how a State's criminal law implements the OPSC, as a queryable knowledge base.\n\n"
         "Example:  lexkb build && lexkb penalty '203 bis'",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(message: str, code: int = 2) -> "typer.Exit":
    from lexkb.errors import shown

    typer.echo(f"lexkb: error: {shown(message)}", err=True)
    return typer.Exit(code)


OUTPUT_ERRNOS = {"ENOSPC", "EDQUOT", "EFBIG", "EIO"}


def _stdout_failed(exc: OSError) -> "typer.Exit":
    """Standard output cannot take the answer (e.g. a full disk, /dev/full): one line, and fd 1 is
    pointed at /dev/null so that Python's own flush at exit adds nothing to it."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return fail(f"cannot write to standard output: {exc.strerror or exc}", 2)


def handles_errors(fn):
    """Turn a LexkbError into one line on stderr and its exit code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from lexkb.errors import LexkbError

        import errno
        import os

        try:
            result = fn(*args, **kwargs)
            sys.stdout.flush()
            return result
        except LexkbError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None
        except BrokenPipeError:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            raise typer.Exit(0) from None
        except OSError as exc:
            if errno.errorcode.get(exc.errno) in OUTPUT_ERRNOS:
                raise _stdout_failed(exc) from None
            if os.environ.get("LEXKB_DEBUG"):
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}", 2) from None
        except (typer.Exit, SystemExit):
            raise
        except Exception as exc:  # a bug: still one line (LEXKB_DEBUG=1 shows the traceback)
            if os.environ.get("LEXKB_DEBUG"):
                raise
            raise fail(f"internal error ({type(exc).__name__}: {' '.join(str(exc).split())[:200]}); "
                       "please report it, with LEXKB_DEBUG=1 for the traceback", 70) from None

    return wrapper


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"lexkb {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=version_callback, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """lexkb: how a State's criminal law implements the OPSC, as a queryable knowledge base."""


RDF_FORMATS = ("ttl", "nt", "jsonld", "xml", "trig", "nq", "turtle", "ntriples", "json-ld", "rdfxml", "nquads")


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    ttl = "ttl"  # validate only: the standard sh:ValidationReport


def progress(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
@handles_errors
def build(
    project: Annotated[Optional[Path], typer.Option(
        "--project", envvar="LEXKB_HOME", show_default=False,
        help="The lexkb project (a checkout: provisions/, ontology/, statistics/) to build; also LEXKB_HOME. "
             "Default: the checkout lexkb runs from.")] = None,
    provisions: Annotated[Optional[Path], typer.Option(help="Folder of literate provision files (default: PROJECT/provisions).",
                                                       show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", show_default=False,
                                                   help="Folder for the built knowledge base (default: PROJECT/kb/generated).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", hidden=True)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Compile provisions/ into the knowledge base, validate it, and write it atomically.

    A malformed provision file or a graph that violates the shapes stops the build with a
    non-zero exit code, and the previous knowledge base stays as it was. Building needs the
    project's sources: a checkout (or --project DIR / LEXKB_HOME); an installed wheel carries the
    built knowledge base, not provisions/.

    Examples:

      lexkb build && lexkb summary

      lexkb build --project ~/src/lexkb
    """
    import os

    from lexkb.errors import LexkbError

    if project is not None:
        if not (project / "provisions").is_dir() or not (project / "ontology").is_dir():
            raise LexkbError(f"--project {project}: not a lexkb project (no provisions/ and ontology/ folders in it)")
        if "lexkb.paths" in sys.modules:  # the paths are read once, at import (lexkb.paths)
            raise LexkbError("--project: internal error: the project's paths were read before --project was seen")
        os.environ["LEXKB_HOME"] = str(project.resolve())
    from lexkb import paths
    from lexkb.kbfile import build_kb

    if paths.PROJECT is None:
        raise LexkbError("no lexkb project to build: this lexkb is installed without its sources (provisions/); "
                         "run it from a checkout, or give --project DIR or LEXKB_HOME")
    report = None if quiet else progress
    summary = build_kb(provisions or paths.PROVISIONS, output or out or paths.GENERATED, report=report)
    if not quiet:
        from lexkb.summary import render_summary

        typer.echo(render_summary(summary))


@app.command()
@handles_errors
def validate(
    files: Annotated[Optional[List[Path]], typer.Argument(help="RDF files to validate (default: the built knowledge base).")] = None,
    format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="text: one line per violation; json: for machines; ttl: the standard SHACL "
                               "validation report (sh:ValidationReport).")] = ReportFormat.text,
    output: OutputOption = None,
    shapes: Annotated[Optional[Path], typer.Option(help="Shapes graph (default: ontology/shapes.ttl).")] = None,
    endpoint: EndpointOption = None,
    timeout: TimeoutOption = 30.0,
    graph: GraphOption = DEFAULT_GRAPH,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", show_default=False,
        help="Processes validating partitions at once (default: 2, or 1 on one core).")] = None,
    store_dir: StoreOption = None,
) -> None:
    """Validate the knowledge base, or the RDF files given, against the SHACL shapes.

    Exit status: 0 conforms, 1 violations found, 2 unreadable input, 3 endpoint failure. Each
    violation is one line: where it came from (file:line) when known, the focus node, the path and
    the message; --format json adds the source shape and the constraint component, and --format ttl
    writes the standard SHACL report. With --endpoint, the graph read from the endpoint is validated.

    The graph is validated by jurisdiction (each with the shared vocabulary and treaties), in
    batches, --jobs at a time; the violations are those of the whole graph.

    Examples:

      lexkb validate --format json my-extension.ttl

      lexkb validate --endpoint http://127.0.0.1:7878/query
    """
    import json

    from lexkb.errors import LexkbError
    from lexkb.kbfile import validate_kb

    if jobs is not None and jobs < 1:
        raise LexkbError(f"--jobs {jobs}: give a number of processes of at least 1")
    store = remote_store(endpoint, timeout, graph, store_dir=store_dir)
    if store is not None and files:
        raise LexkbError("give either FILES or --endpoint/--store, not both")
    result = validate_kb(files or [], store, shapes, jobs, progress=_batch_progress if sys.stderr.isatty() else None,
                         note=lambda message: typer.echo(f"lexkb: {message}", err=True))
    violations = result.violations
    with output_to(output):
        if format is ReportFormat.json:
            typer.echo(json.dumps({"conforms": not violations, "violations": [v.as_dict() for v in violations]},
                                  ensure_ascii=False, indent=1))
        elif format is ReportFormat.ttl:
            from lexkb.validation import validation_report_graph

            sys.stdout.write(validation_report_graph(violations).serialize(format="turtle"))
        else:
            for v in violations:
                typer.echo(v.line())
    if format is not ReportFormat.json:
        typer.echo(f"{'conforms' if not violations else 'does not conform'}: {result.triples} triples, "
                   f"{len(violations)} violation(s)", err=True)
    raise typer.Exit(1 if violations else 0)


def _batch_progress(done: int, batches: int, triples: int) -> None:
    """On a terminal, for graphs of several batches (a few seconds each)."""
    if batches >= 4:
        typer.echo(f"validated {done}/{batches} batches ({triples:,} triples)", err=True)


@app.command()
@handles_errors
def publish(
    endpoint: Annotated[Optional[str], typer.Option(
        "--endpoint", envvar="LEXKB_ENDPOINT", show_default=False,
        help="The server's SPARQL query endpoint, e.g. http://127.0.0.1:7878/query; also LEXKB_ENDPOINT.")] = None,
    graph: GraphOption = DEFAULT_GRAPH,
    store_url: Annotated[Optional[str], typer.Option(
        "--store-url", show_default=False,
        help="The server's Graph Store Protocol endpoint, when it is not the endpoint's /store "
             "(Oxigraph); Fuseki: http://HOST:3030/DATASET/data.")] = None,
    timeout: TimeoutOption = 120.0,
    statistics: Annotated[bool, typer.Option("--statistics/--no-statistics",
                                             help="Also publish the statistics graph, into GRAPH/statistics.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Load the built knowledge base into a SPARQL server, replacing the named graph.

    The knowledge base is validated first; a graph that does not conform is not published (exit 1).
    Then one HTTP PUT (SPARQL 1.1 Graph Store HTTP Protocol) replaces the graph as a whole, atomically
    on servers such as Oxigraph and Fuseki; it is never retried. Endpoint failures exit with status 3.

    Examples:

      lexkb publish --endpoint http://127.0.0.1:7878/query

      lexkb publish --endpoint http://localhost:3030/lexkb/sparql --store-url http://localhost:3030/lexkb/data
    """
    from lexkb.errors import LexkbError
    from lexkb.kbfile import publish_kb

    if not endpoint:
        raise LexkbError("--endpoint URL (or LEXKB_ENDPOINT) is required: the server's SPARQL query endpoint")
    done = publish_kb(endpoint, graph, store_url, timeout, statistics, report=None if quiet else progress)
    if not quiet:
        for name, n in done:
            typer.echo(f"published {n} triples to <{name}>")


@app.command()
@handles_errors
def export(
    format: Annotated[str, format_option(RDF_FORMATS, "ttl, nt, jsonld, xml, trig or nq; rdflib's names (turtle, "
                                                      "ntriples, json-ld, rdfxml, nquads) too.")] = "ttl",
    output: OutputOption = None,
    graph: Annotated[str, typer.Option("--graph", help="trig, nq: the named graph of the knowledge base "
                                                       "(the statistics go to GRAPH/statistics).")] = DEFAULT_GRAPH,
) -> None:
    """Write the knowledge base as Turtle, N-Triples, JSON-LD (with an @context of lexkb's prefixes),
    RDF/XML, or as a dataset in TriG or N-Quads: the knowledge base in its named graph and the
    statistics in GRAPH/statistics, as `lexkb publish` loads them into a server.

    Examples:

      lexkb export --format jsonld -o lexkb.jsonld

      lexkb export -f trig -o lexkb.trig
    """
    from lexkb.kbfile import export_kb

    if output is not None:
        from lexkb.atomic import check_target

        check_target(output)  # before the work: '', a folder, a missing folder
    data = export_kb(format, graph)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        from lexkb.atomic import write_file

        write_file(output, data, say=progress)


@app.command()
@handles_errors
def summary(
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="text or json.")] = ReportFormat.text,
    output: OutputOption = None,
) -> None:
    """Print what the knowledge base holds: instruments, provisions, offences, penalties, claims.

    Example:  lexkb summary --format json
    """
    import json

    from lexkb.kbfile import load_index
    from lexkb.summary import render_summary

    index = load_index()
    with output_to(output):
        if format is ReportFormat.json:
            typer.echo(json.dumps(index["summary"], ensure_ascii=False, indent=1))
        else:
            typer.echo(render_summary(index["summary"]))


@app.command()
@handles_errors
def load(
    files: Annotated[Optional[List[Path]], typer.Argument(
        help="RDF files to load (.ttl, .nt, .nq, .trig, .rdf, .jsonld); default: the built knowledge base "
             "and its statistics.", show_default=False)] = None,
    store_dir: Annotated[Optional[Path], typer.Option(
        "--store", envvar="LEXKB_STORE", show_default=False,
        help="The persistent store's folder (created if need be); also LEXKB_STORE.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Load RDF files into a persistent pyoxigraph store on disk, for the read commands' --store.

    The triples go into the store's default graph, which the shipped queries read; quads keep
    their graphs. Without FILE, the built knowledge base goes into the default graph and its
    statistics into https://w3id.org/lexkb/graph/mx/statistics, as `lexkb publish` lays them out. Progress is printed every 100,000 triples. Then every read command (penalty,
    show, query, table, report, validate) answers from it with --store DIR, opening it read-only.

    Examples:

      lexkb load --store lexkb-store

      lexkb load big.nt --store lexkb-store && lexkb penalty '203 bis' --store lexkb-store -j mx
    """
    from lexkb.errors import LexkbError
    from lexkb.persistent import STATISTICS_GRAPH, load as load_files

    if store_dir is None:
        raise LexkbError("--store DIR (or LEXKB_STORE) is required: the folder of the store to load into")
    graphs, already = {}, None
    if not files:
        from lexkb import paths
        from lexkb.kbfile import STATISTICS_TURTLE, kb_path

        files = [kb_path(paths.KB_TURTLE)]
        if (paths.GENERATED / STATISTICS_TURTLE).exists():
            files.append(paths.GENERATED / STATISTICS_TURTLE)
            graphs[files[-1]] = STATISTICS_GRAPH
            import pyoxigraph as ox

            already = {q.triple for q in ox.parse(path=str(files[0]), format=ox.RdfFormat.TURTLE)}
    load_files(files, store_dir, progress=None if quiet else progress, graphs=graphs, already=already)


def _register_optional() -> None:
    """Commands contributed by other modules of the CLI."""
    from importlib import import_module

    for name in ("lexkb.cli.lookup", "lexkb.cli.query", "lexkb.cli.tables", "lexkb.cli.audit", "lexkb.cli.stats"):
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(app)


_register_optional()


def usage_error_line(exc) -> str:
    """Click's usage error (missing argument, unknown option, bad value) as lexkb's one line."""
    message = " ".join(exc.format_message().split()).rstrip(".")
    message = message[:1].lower() + message[1:]
    where = exc.ctx.command_path if exc.ctx is not None else "lexkb"
    if where == "lexkb" and len(sys.argv) > 1 and sys.argv[1] in typer.main.get_command(app).commands:
        where = f"lexkb {sys.argv[1]}"  # an error in a command's options that click reports without its context
    return f"lexkb: error: {where.removeprefix('lexkb').strip() + ': ' if where != 'lexkb' else ''}{message} " \
           f"(see '{where} --help')"


def run() -> None:
    """The typer CLI, with click's own errors as one `lexkb: error:` line each (exit 2), like every
    other error; the usage itself is printed only with --help."""
    import click

    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="lexkb", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:  # `lexkb` alone: the help, as click prints it
        exc.show()
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        typer.echo(usage_error_line(exc), err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        typer.echo("lexkb: error: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        typer.echo(f"lexkb: error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    run()
