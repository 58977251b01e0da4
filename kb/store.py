"""The embedded SPARQL store (pyoxigraph) over the built knowledge base, and term conversion."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from . import namespaces as ns
from .errors import LexkbError

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in ns.PREFIXES.items())


def open_store(turtle: Path):
    """An in-memory pyoxigraph store holding the Turtle file (read-only use)."""
    import pyoxigraph as ox

    store = ox.Store()
    try:
        store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    except FileNotFoundError:
        raise LexkbError(f"{turtle}: knowledge base not built; run 'lexkb build'") from None
    except (SyntaxError, OSError, ValueError) as exc:
        raise LexkbError(f"{turtle}: cannot load: {' '.join(str(exc).split())}") from None
    return store


def python_value(term):
    """A pyoxigraph term as a plain Python value: IRIs as str, numbers as int/float."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        if dt.endswith("#decimal") or dt.endswith("#double") or dt.endswith("#float"):
            d = Decimal(term.value)
            return int(d) if d == d.to_integral_value() else float(d)
        if dt.endswith("#integer"):
            return int(term.value)
        if dt.endswith("#boolean"):
            return term.value in ("true", "1")
        return term.value
    return term.value


def select(store, query: str, bind: dict | None = None) -> list[dict]:
    """Run a SELECT with the lexkb prefixes; rows as dicts of Python values. bind pre-binds
    variables to plain literals ({"name": "text"}), the way to pass user input to a query: as a
    value, never as query text."""
    if bind:  # a VALUES block of literals serialised by pyoxigraph, as RemoteStore binds --bind
        import pyoxigraph as ox

        query = bind_values(query, {ox.Variable(k): ox.Literal(v) for k, v in bind.items()})
    solutions = store.query(PROLOGUE + query)
    names = [v.value for v in solutions.variables]
    return [{n: python_value(sol[n]) for n in names} for sol in solutions]


# ---------------------------------------------------------------- any SPARQL 1.1 endpoint

DEFAULT_GRAPH = "https://w3id.org/lexkb/graph/mx"
DEFAULT_TIMEOUT = 30.0
ENDPOINT_EXIT = 3  # every failure to get an answer from an endpoint


def statistics_graph(graph: str) -> str:
    """The companion graph `lexkb publish` puts the statistics (Data Cube) graph into."""
    return graph.rstrip("/") + "/statistics"


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint used like the embedded pyoxigraph store (read-only).

    `query` answers with the same pyoxigraph objects as `pyoxigraph.Store.query` (solutions parsed
    from application/sparql-results+json, triples from N-Triples), so every caller of the embedded
    store works unchanged and prints identical output. Only the standard protocol is used: a POST of
    application/sparql-query, with default-graph-uri for each graph read. Reads are idempotent, so a
    connection failure, a timeout or an HTTP 5xx is retried `retries` times with a short backoff."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, retries: int = 2,
                 graphs: list[str] | tuple[str, ...] = ()):
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LexkbError(f"--endpoint {url!r}: not an http(s) URL, e.g. http://127.0.0.1:7878/query",
                             exit_code=ENDPOINT_EXIT)
        if timeout is None or timeout <= 0:
            raise LexkbError(f"--timeout {timeout}: give a number of seconds greater than 0")
        self.url, self.timeout, self.retries, self.graphs = url, float(timeout), retries, list(graphs)

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r}, graphs={self.graphs!r})"

    # -- HTTP

    def _request(self, query: str, accept: str) -> tuple[bytes, str]:
        import time
        import urllib.error
        import urllib.request
        from urllib.parse import urlencode

        url = self.url
        if self.graphs:
            url += ("&" if "?" in url else "?") + urlencode([("default-graph-uri", g) for g in self.graphs])
        last, retryable = None, True
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(0.2 * 2 ** (attempt - 1))
            request = urllib.request.Request(
                url, data=query.encode("utf-8"), method="POST",
                headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept,
                         "User-Agent": "lexkb"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
                    return body, response.headers.get("Content-Type", "")
            except (OSError, ValueError) as exc:  # HTTPError, URLError, timeouts, resets, bad URLs
                last = _failure(exc, self.url, self.timeout, "endpoint")
                if isinstance(exc, urllib.error.HTTPError) and exc.code < 500:
                    retryable = False
                    break  # the server refused this request; asking again gives the same answer
        tries = f" after {self.retries + 1} attempts" if self.retries and retryable else ""
        raise LexkbError(last + tries, exit_code=ENDPOINT_EXIT)

    # -- the pyoxigraph.Store interface lexkb uses

    def query(self, query: str, substitutions=None):
        import pyoxigraph as ox

        # Syntax is checked here, by the embedded engine on an empty store, so that a bad query gets
        # the same one-line SyntaxError as without --endpoint (and no request is sent).
        ox.Store().query(query)
        if substitutions:
            query = bind_values(query, substitutions)
        form = query_form(query)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return list(self._triples(query))
        body, ctype = self._request(query, "application/sparql-results+json")
        mime = ctype.split(";")[0].strip().lower()
        if mime not in ("application/sparql-results+json", "application/json"):
            raise LexkbError(f"{self.url}: not a SPARQL answer (content-type {ctype or 'none'})", exit_code=ENDPOINT_EXIT)
        try:
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise LexkbError(f"{self.url}: not a SPARQL answer (malformed JSON results: {' '.join(str(exc).split())[:120]})",
                             exit_code=ENDPOINT_EXIT) from None

    def _triples(self, query: str):
        """The triples a CONSTRUCT or DESCRIBE answers, one at a time as they are parsed."""
        import pyoxigraph as ox

        body, ctype = self._request(query, "application/n-triples, text/turtle;q=0.9")
        mime = ctype.split(";")[0].strip().lower()
        fmt = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
               "text/turtle": ox.RdfFormat.TURTLE}.get(mime)
        if fmt is None:
            raise LexkbError(f"{self.url}: not a SPARQL answer (content-type {ctype or 'none'})",
                             exit_code=ENDPOINT_EXIT)
        try:
            for q in ox.parse(body, format=fmt):
                yield ox.Triple(q.subject, q.predicate, q.object)
        except (SyntaxError, ValueError) as exc:
            raise LexkbError(f"{self.url}: not a SPARQL answer (malformed {mime}: {' '.join(str(exc).split())[:120]})",
                             exit_code=ENDPOINT_EXIT) from None

    def quads_for_pattern(self, subject, predicate=None, obj=None, graph=None):
        """Only the (subject, ?, ?) pattern, which is all the report needs."""
        import pyoxigraph as ox

        if predicate is not None or obj is not None or graph is not None:
            raise NotImplementedError("RemoteStore.quads_for_pattern: subject patterns only")
        rows = self.query(f"SELECT ?p ?o WHERE {{ <{subject.value}> ?p ?o }}")
        return [ox.Quad(subject, row["p"], row["o"]) for row in rows]

    def graph_triples(self):
        """Every triple of the graph(s) read, for validation: parsed as they are consumed, so that
        2x10^6 triples are never all Python objects at once."""
        return self._triples("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def _failure(exc: BaseException, url: str, timeout: float, what: str, timeout_note: str = "") -> str:
    """One line saying why an HTTP exchange with a SPARQL server failed."""
    import socket
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        detail = _first_line(exc.read() if exc.fp else b"")
        return f"{url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"{url}: no answer within {timeout:g} s (--timeout){timeout_note}"
    if isinstance(exc, urllib.error.URLError):
        return f"{url}: cannot reach the {what} ({getattr(reason, 'strerror', None) or reason})"
    return f"{url}: request failed ({' '.join(str(exc).split()) or type(exc).__name__})"


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    if text.lstrip().startswith("<"):  # an HTML error page: say so rather than print markup
        return ""
    return " ".join(text.splitlines()[0].split())[:200] if text else ""


def _skip(text: str, i: int) -> int:
    """Index after the string, IRI or comment starting at i (or i + 1)."""
    c = text[i]
    if c == "#":
        j = text.find("\n", i)
        return len(text) if j < 0 else j + 1
    if c == "<":
        j = i + 1
        while j < len(text) and text[j] not in "<>\"{}|^`\\ \n\t":
            j += 1
        return j + 1 if j < len(text) and text[j] == ">" else i + 1  # else a less-than operator
    if c in "'\"":
        long = text.startswith(c * 3, i)
        quote = c * 3 if long else c
        j = i + len(quote)
        while j < len(text):
            if text[j] == "\\":
                j += 2
                continue
            if text.startswith(quote, j):
                return j + len(quote)
            j += 1
        return len(text)
    return i + 1


def _tokens(text: str):
    """(position, word or brace) of the query's top-level keywords and braces, skipping strings,
    IRIs and comments."""
    import re

    i = 0
    word = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
    while i < len(text):
        c = text[i]
        if c in "#<'\"":
            i = _skip(text, i)
        elif c in "{}":
            yield i, c
            i += 1
        elif c in "?$":
            m = word.match(text, i + 1)
            i = m.end() if m else i + 1
        elif c.isalpha():
            m = word.match(text, i)
            yield i, m.group(0).upper()
            i = m.end()
        else:
            i += 1


def query_form(text: str) -> str:
    for _, token in _tokens(text):
        if token in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return token
    return "SELECT"


def bind_values(text: str, substitutions: dict) -> str:
    """The query with each variable pre-bound, as pyoxigraph's substitutions do: a VALUES block
    opening the outermost WHERE group (the protocol has no parameter for bindings)."""
    depth, form, brace = 0, None, None
    seen_where = False
    for pos, token in _tokens(text):
        if token == "{":
            if depth == 0 and (seen_where or form in ("SELECT", "ASK")):
                brace = pos
                break
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and form is None:
            form = token
        elif depth == 0 and token == "WHERE":
            seen_where = True
    if brace is None:
        raise LexkbError("--bind: cannot find the query's WHERE clause to bind variables in")
    values = " ".join(f"VALUES ?{var.value} {{ {term} }}" for var, term in substitutions.items())
    return text[:brace + 1] + " " + values + " " + text[brace + 1:]


# ---------------------------------------------------------------- Graph Store HTTP Protocol

def store_url_for(endpoint: str) -> str:
    """Oxigraph's Graph Store endpoint next to its query endpoint: http://h:p/query -> http://h:p/store."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(endpoint)
    path = parts.path
    if path.endswith("/query") or path.endswith("/sparql"):
        path = path.rsplit("/", 1)[0] + "/store"
    else:
        path = path.rstrip("/") + "/store"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def put_graph(store_url: str, graph: str, data: bytes, timeout: float, content_type: str = "text/turtle") -> int:
    """Replace the named graph with data in one HTTP PUT (SPARQL 1.1 Graph Store HTTP Protocol).
    Never retried: a write is not repeated behind the user's back. Returns the HTTP status."""
    import urllib.request
    from urllib.parse import urlencode

    url = store_url + ("&" if "?" in store_url else "?") + urlencode({"graph": graph})
    request = urllib.request.Request(url, data=data, method="PUT",
                                     headers={"Content-Type": content_type, "User-Agent": "lexkb"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except (OSError, ValueError) as exc:
        message = _failure(exc, store_url, timeout, "Graph Store endpoint",
                           "; the graph may or may not have been replaced")
    raise LexkbError(message, exit_code=ENDPOINT_EXIT)
