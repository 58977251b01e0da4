"""Options shared by the commands that read the knowledge base: --endpoint, --timeout, --graph.
Only typer here: the default (embedded) lookup path must stay free of heavy imports."""
from __future__ import annotations

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
    help="Only this jurisdiction's offences and provisions (and the shared treaties), by the code in its IRIs "
         "(e.g. mx); default: all. For a store holding several jurisdictions; also LEXKB_JURISDICTION.")]


def remote_store(endpoint: Optional[str], timeout: float, graph: str, statistics: bool = False):
    """The endpoint as a store, or None for the embedded store. --timeout is checked either way."""
    import math

    if not isinstance(timeout, (int, float)) or not math.isfinite(timeout) or timeout <= 0:
        from lexkb.errors import LexkbError

        raise LexkbError(f"--timeout {timeout}: give a number of seconds greater than 0")
    if not endpoint:
        return None
    from lexkb.store import RemoteStore, statistics_graph

    graphs = [graph] if graph else []
    if graph and statistics:
        graphs.append(statistics_graph(graph))
    return RemoteStore(endpoint, timeout=timeout, graphs=graphs)
