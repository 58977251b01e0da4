"""Options shared by the commands that read the knowledge base: --endpoint, --timeout, --graph.
Only typer here: the default (embedded) lookup path must stay free of heavy imports."""
from __future__ import annotations

import io
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

DEFAULT_GRAPH = "https://w3id.org/lexkb/graph/mx"  # = lexkb.store.DEFAULT_GRAPH (not imported: cold start)

EndpointOption = Annotated[Optional[str], typer.Option(
    "--endpoint", envvar="LEXKB_ENDPOINT", show_default=False,
    help="Read from this SPARQL 1.1 query endpoint (e.g. http://127.0.0.1:7878/query) instead of the "
         "embedded store; also LEXKB_ENDPOINT. Failures exit with status 3.")]
TimeoutOption = Annotated[float, typer.Option(
    "--timeout", help="With --endpoint: seconds each exchange with the server may take, as a whole "
                      "(reads are retried twice).")]
GraphOption = Annotated[str, typer.Option(
    "--graph", envvar="LEXKB_GRAPH",
    help="With --endpoint: the named graph holding the knowledge base (sent as default-graph-uri); "
         "'' for the endpoint's own default graph; also LEXKB_GRAPH.")]

JurisdictionOption = Annotated[Optional[str], typer.Option(
    "--jurisdiction", "-j", envvar="LEXKB_JURISDICTION", show_default=False,
    autocompletion=lambda incomplete: complete_jurisdictions(incomplete),
    help="Only this jurisdiction's offences and provisions (and the shared treaties), by the code in its IRIs "
         "(e.g. mx); default: all. For a store holding several jurisdictions; also LEXKB_JURISDICTION.")]


StoreOption = Annotated[Optional[Path], typer.Option(
    "--store", envvar="LEXKB_STORE", show_default=False,
    help="Read from this persistent pyoxigraph store (a folder filled by 'lexkb load'), opened read-only, "
         "instead of the shipped knowledge base; also LEXKB_STORE.")]


def remote_store(endpoint: Optional[str], timeout: float, graph: str, statistics: bool = False,
                 store_dir: Optional[Path] = None):
    """The endpoint, or the persistent store at store_dir, as a store; None for the shipped knowledge
    base (in memory, or index.json for lookups). --timeout is checked either way."""
    import math

    from lexkb.errors import LexkbError

    if not isinstance(timeout, (int, float)) or not math.isfinite(timeout) or timeout <= 0:
        raise LexkbError(f"--timeout {timeout}: give a number of seconds greater than 0")
    if store_dir is not None:
        from lexkb.persistent import EmbeddedStore

        if endpoint:
            raise LexkbError("give either --store or --endpoint (LEXKB_STORE or LEXKB_ENDPOINT), not both")
        return EmbeddedStore(store_dir, statistics=statistics)
    if not endpoint:
        return None
    from lexkb.store import RemoteStore, statistics_graph

    graphs = [graph] if graph else []
    if graph and statistics:
        graphs.append(statistics_graph(graph))
    return RemoteStore(endpoint, timeout=timeout, graphs=graphs)


# --- one grammar: -f/--format and -o/--output on every command that prints ---------------------

def _complete(values):
    """A shell-completion callback offering `values` (a list, or a function giving one) that start
    with what was typed; never fails (completion must not print errors into the user's shell)."""

    def complete(incomplete: str):
        try:
            items = values() if callable(values) else values
        except Exception:
            return []
        return [v for v in items if v.startswith(incomplete)]

    return complete


def _index():
    from lexkb.kbfile import load_index

    return load_index()


def factor_ids() -> list[str]:
    return sorted({f["id"] for o in _index()["offences"] for f in o["aggravating_factors"]})


def jurisdiction_codes() -> list[str]:
    from lexkb.jurisdiction import code_of

    return sorted({code_of(o["iri"]) for o in _index()["offences"]} - {None})


def table_names() -> list[str]:
    from lexkb.tables import names

    return names()


def query_names() -> list[str]:
    from lexkb.sparql import shipped_queries

    return list(shipped_queries())


def format_option(formats: tuple[str, ...], help: str):
    """-f/--format, completed from `formats`; the value is checked by the command (one line)."""
    return typer.Option("--format", "-f", help=help, autocompletion=_complete(list(formats)))


complete_factors = _complete(factor_ids)
complete_jurisdictions = _complete(jurisdiction_codes)
complete_tables = _complete(table_names)
complete_queries = _complete(query_names)

OutputOption = Annotated[Optional[Path], typer.Option(
    "--output", "-o", show_default=False, help="File to write (default: standard output).")]


@contextmanager
def output_to(output: Optional[Path]):
    """Send what the command prints on standard output to OUTPUT instead, written atomically once the
    command is done; also when it ends with exit status 1 (a report of violations, no single match),
    never when it fails with a bad argument or an error."""
    if output is None:
        yield
        return
    from lexkb.atomic import check_target
    from lexkb.errors import LexkbError

    check_target(output)  # before the work: '', a folder, a missing folder
    buffer = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)
    saved = sys.stdout
    sys.stdout = buffer
    ok = False
    try:
        yield
        ok = True
    except (LexkbError, typer.Exit) as exc:
        code = getattr(exc, "exit_code", None)
        ok = code in (0, 1)
        raise
    finally:
        sys.stdout = saved
        if ok:
            _write(output, buffer.buffer.getvalue())


def _write(output: Path, data: bytes) -> None:
    from lexkb.atomic import write_file

    write_file(output, data, say=lambda message: typer.echo(message, err=True))
