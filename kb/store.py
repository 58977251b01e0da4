"""The embedded SPARQL store (pyoxigraph) over the built knowledge base, and term conversion."""
from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from . import namespaces as ns
from .errors import LexkbError, shown

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


_answered: dict | None = None  # within answered_once(): (store, query, bind) -> rows


@contextmanager
def answered_once():
    """Within this block select() answers a query that it has answered before on the same store from
    memory (each row a copy): `lexkb report` renders every table and chart in two languages from one
    store, which would otherwise run the same queries twice or more."""
    global _answered
    outer, _answered = _answered, {}
    try:
        yield
    finally:
        _answered = outer


def select(store, query: str, bind: dict | None = None) -> list[dict]:
    """Run a SELECT with the lexkb prefixes; rows as dicts of Python values. bind pre-binds
    variables to plain literals ({"name": "text"}), the way to pass user input to a query: as a
    value, never as query text."""
    if _answered is not None:
        key = (id(store), query, tuple(sorted(bind.items())) if bind else ())
        if key not in _answered:
            _answered[key] = (store, _select(store, query, bind))  # the store kept: its id stays its own
        return [dict(row) for row in _answered[key][1]]
    return _select(store, query, bind)


def _select(store, query: str, bind: dict | None) -> list[dict]:
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
        check_url(url, "--endpoint")
        self.timeout = check_timeout(timeout)
        self.url, self.retries, self.graphs = url, retries, list(graphs)
        self.max_rows: int | None = None  # set by `lexkb query` (--limit): counted as an answer is read
        self.checked: set[str] = set()  # queries whose syntax lexkb.sparql.run has already checked

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r}, graphs={self.graphs!r})"

    # -- HTTP

    def _request(self, query: str, accept: str) -> tuple[bytes, str]:
        import time
        import urllib.error
        from urllib.parse import urlencode

        url = self.url
        if self.graphs:
            url += ("&" if "?" in url else "?") + urlencode([("default-graph-uri", g) for g in self.graphs])
        last, retryable = None, True
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(0.2 * 2 ** (attempt - 1))
            try:
                return exchange(url, query.encode("utf-8"), "POST",
                                {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept},
                                self.timeout)
            except (OSError, ValueError, http_client_errors()) as exc:  # HTTPError, URLError, timeouts, resets
                last = _failure(exc, self.url, self.timeout, "endpoint")
                if isinstance(exc, urllib.error.HTTPError) and exc.code < 500:
                    retryable = False
                    break  # the server refused this request; asking again gives the same answer
                if isinstance(exc, AnswerTooLarge):
                    retryable = False
                    break
        tries = f" after {self.retries + 1} attempts" if self.retries and retryable else ""
        raise LexkbError(last + tries, exit_code=ENDPOINT_EXIT)

    # -- the pyoxigraph.Store interface lexkb uses

    def query(self, query: str, substitutions=None):
        import pyoxigraph as ox

        if query not in self.checked:
            syntax_check(query)  # the same one-line SyntaxError as without --endpoint; nothing is sent
        if substitutions:
            query = bind_values(query, substitutions)
        form = query_form(query)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return list(self._triples(query))
        body, ctype = self._request(query, RESULTS_ACCEPT)
        mime = ctype.split(";")[0].strip().lower()
        fmt = RESULTS_FORMATS.get(mime)
        if fmt is None:
            raise LexkbError(f"{self.url}: not a SPARQL answer (content-type {ctype or 'none'})", exit_code=ENDPOINT_EXIT)
        if fmt == "json":
            body = normalise_json_results(body, self.url, query)
        results_format = getattr(ox.QueryResultsFormat, fmt.upper())
        try:
            # pyoxigraph parses lazily: read the whole answer here, so that an error in it is this
            # line, and count its rows; then hand out a fresh parse of the same, checked, bytes
            parsed = ox.parse_query_results(body, format=results_format)
            if isinstance(parsed, ox.QuerySolutions):
                rows = 0
                for _ in parsed:
                    rows += 1
                    if self.max_rows is not None and rows > self.max_rows:
                        from .sparql import too_many

                        raise too_many(self.url, self.max_rows)
            return ox.parse_query_results(body, format=results_format)
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            raise LexkbError(f"{self.url}: not a SPARQL answer (malformed {fmt.upper()} results: "
                             f"{' '.join(str(exc).split())[:120]})", exit_code=ENDPOINT_EXIT) from None

    def _triples(self, query: str):
        """The triples a CONSTRUCT or DESCRIBE answers, one at a time as they are parsed."""
        import pyoxigraph as ox

        body, ctype = self._request(query, "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5")
        mime = ctype.split(";")[0].strip().lower()
        fmt = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
               "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML}.get(mime)
        if fmt is None:
            raise LexkbError(f"{self.url}: not a SPARQL answer (content-type {ctype or 'none'})",
                             exit_code=ENDPOINT_EXIT)
        try:
            for q in ox.parse(body, format=fmt):
                o = q.object
                if type(o) is ox.Literal and o.datatype.value in NUMERIC:
                    o = ox.Literal(canonical(o.value, o.datatype.value), datatype=o.datatype)
                yield ox.Triple(q.subject, q.predicate, o)
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
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


RESULTS_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
                  "text/tab-separated-values;q=0.8")
RESULTS_FORMATS = {"application/sparql-results+json": "json", "application/json": "json",
                   "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                   "text/tab-separated-values": "tsv"}


def max_answer_bytes() -> int:
    """The largest answer lexkb reads from a server (LEXKB_MAX_ANSWER_BYTES, default 1 GiB)."""
    from .limits import env_limit

    return env_limit("LEXKB_MAX_ANSWER_BYTES", 1 << 30, " of bytes")


def check_url(url: str, what: str = "--endpoint") -> str:
    """An http(s) URL, or a one-line error (exit 2: a bad argument)."""
    from urllib.parse import urlsplit

    if any(ord(c) <= 32 or ord(c) == 127 for c in url):
        raise LexkbError(f"{what} '{shown(url)}': a URL cannot hold spaces or control characters "
                         "(percent-encode them)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number in range
    except ValueError as exc:
        raise LexkbError(f"{what} '{url}': not a URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LexkbError(f"{what} '{url}': not an http(s) URL, e.g. http://127.0.0.1:7878/query")
    return url


def check_timeout(timeout) -> float:
    """A finite number of seconds greater than 0, or a one-line error (exit 2)."""
    import math

    try:
        value = float(timeout)
    except (TypeError, ValueError):
        value = float("nan")
    if not math.isfinite(value) or value <= 0:
        raise LexkbError(f"--timeout {timeout}: give a number of seconds greater than 0")
    return value


class DeadlineExceeded(TimeoutError):
    """--timeout passed during an exchange (connecting, sending, or reading the answer)."""


class AnswerTooLarge(OSError):
    def __init__(self, limit: int):
        super().__init__(f"the answer is larger than {limit:,} bytes (LEXKB_MAX_ANSWER_BYTES)")


def http_client_errors():
    """http.client's own errors (IncompleteRead, a bad status line) are not OSErrors."""
    import http.client

    return http.client.HTTPException


def exchange(url: str, data: bytes, method: str, headers: dict, timeout: float) -> tuple[bytes, str]:
    """One HTTP request and its whole answer within `timeout` seconds, all of it: connecting,
    sending, the headers and every byte of the body (a server sending one byte a second is cut off
    at the deadline). The body is read up to LEXKB_MAX_ANSWER_BYTES. Returns (body, content type)."""
    import http.client
    import socket
    import threading
    import urllib.request

    sockets: list = []
    expired = threading.Event()

    class Connection(http.client.HTTPConnection):
        def connect(self):
            super().connect()
            sockets.append(self.sock)

    class SecureConnection(http.client.HTTPSConnection):
        def connect(self):
            super().connect()
            sockets.append(self.sock)

    class Handler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Connection, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(SecureConnection, req, context=getattr(self, "_context", None))

    def expire():
        expired.set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    limit = max_answer_bytes()
    opener = urllib.request.build_opener(Handler, SecureHandler)
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers, **{"User-Agent": "lexkb"}))
    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()
    try:
        with opener.open(request, timeout=timeout) as response:
            chunks, size = [], 0
            while True:
                chunk = response.read1(65536)
                if expired.is_set():
                    raise DeadlineExceeded()
                if not chunk:
                    if response.length:  # the server closed before the Content-Length it announced
                        raise http.client.IncompleteRead(b"".join(chunks), response.length)
                    break
                size += len(chunk)
                if size > limit:
                    raise AnswerTooLarge(limit)
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("Content-Type", "")
    except (OSError, ValueError, http.client.HTTPException):
        if expired.is_set():
            raise DeadlineExceeded() from None
        raise
    finally:
        timer.cancel()


def order_keys(query: str) -> list[tuple[str, bool]] | None:
    """The query's top-level ORDER BY as (variable, descending) pairs, when it orders by plain
    variables only (ASC(?v) and DESC(?v) too); None otherwise."""
    import re

    from .query_guard import _scan

    tokens = [(pos, tok) for pos, tok, _, _ in _scan(query) if not tok.isspace()]
    depth, start = 0, None
    for i, (pos, tok) in enumerate(tokens):
        if tok in "{([":
            depth += 1
        elif tok in "})]":
            depth -= 1
        elif depth == 0 and tok == "ORDER" and i + 1 < len(tokens) and tokens[i + 1][1] == "BY":
            start = tokens[i + 1][0] + 2
    if start is None:
        return None
    clause = re.split(r"\b(?:LIMIT|OFFSET|VALUES)\b", query[start:], flags=re.I)[0]
    keys = []
    for m in re.finditer(r"(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+)|(\S)", clause, re.I):
        if m.group(4):
            return None  # an expression: not re-sorted
        keys.append((m.group(2) or m.group(3), (m.group(1) or "").upper() == "DESC"))
    return keys or None


def _term_key(term) -> tuple:
    """SPARQL 1.1 ORDER BY for the terms lexkb's queries order by: unbound, blank nodes, IRIs, then
    literals (numbers by value, others by their lexical form, as Oxigraph orders them)."""
    from decimal import Decimal, InvalidOperation

    if not isinstance(term, dict):
        return (0,)
    kind, value = term.get("type"), str(term.get("value", ""))
    if kind == "bnode":
        return (1, value)
    if kind == "uri":
        return (2, value)
    if term.get("datatype") in NUMERIC:
        try:
            return (3, 0, Decimal(value), "")
        except InvalidOperation:
            pass
    return (3, 1, Decimal(0), value, term.get("xml:lang", ""))


def sort_bindings(bindings: list, keys: list[tuple[str, bool]]) -> list:
    """Rows in the order the query asks for, whatever order the server sent them in (Comunica 3
    does not order the rows of a UNION restricted by VALUES). Python's sort is stable: rows that tie
    keep the server's order, as SPARQL leaves them unspecified."""
    rows = list(bindings)
    for var, descending in reversed(keys):
        rows.sort(key=lambda row: _term_key(row.get(var) if isinstance(row, dict) else None), reverse=descending)
    return rows


def normalise_json_results(body: bytes, url: str, query: str | None = None) -> bytes:
    """SPARQL 1.1 JSON results with only what the format defines (head, and results or boolean):
    servers add members of their own (Comunica a "metadata" after "results"), which the standard
    parser refuses; SPARQL 1.0's "typed-literal" is read as "literal"."""
    import json

    def malformed(reason: str) -> LexkbError:
        return LexkbError(f"{url}: not a SPARQL answer (malformed JSON results: {reason[:120]})", exit_code=ENDPOINT_EXIT)

    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise malformed(" ".join(str(exc).split())) from None
    except RecursionError:
        raise malformed("nested too deeply") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("head"), dict):
        raise malformed("no head object")
    keep: dict = {"head": {k: v for k, v in doc["head"].items() if k in ("vars", "link")}}
    if "boolean" in doc:
        keep["boolean"] = doc["boolean"]
    elif isinstance(doc.get("results"), dict) and isinstance(doc["results"].get("bindings"), list):
        bindings = doc["results"]["bindings"]
        for row in bindings:
            if isinstance(row, dict):
                for term in row.values():
                    if isinstance(term, dict) and term.get("type") == "typed-literal":
                        term["type"] = "literal"
                    if isinstance(term, dict) and isinstance(term.get("datatype"), str) and \
                            isinstance(term.get("value"), str):
                        term["value"] = canonical(term["value"], term["datatype"])
        keys = order_keys(query) if query else None
        if keys:
            try:
                bindings = sort_bindings(bindings, keys)
            except TypeError:  # terms that do not compare (mixed kinds): the server's order
                pass
        keep["results"] = {"bindings": bindings}
    else:
        raise malformed("neither results.bindings nor boolean")
    return json.dumps(keep, ensure_ascii=False).encode("utf-8")


_XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {_XSD + t for t in ("decimal", "integer", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger")}


def canonical(value: str, datatype: str) -> str:
    """A numeric literal's lexical form as the embedded store (Oxigraph) gives it back: "7.0" is
    "7", "13.50" is "13.5". Servers keep the form they were given (Comunica answers "7.0"); the
    value is the same, and the output must be the same bytes. Oxigraph itself does the conversion."""
    return _canonical(value, datatype) if datatype in NUMERIC else value


_CANONICAL: dict = {}


def _canonical(value: str, datatype: str) -> str:
    key = (value, datatype)
    if key not in _CANONICAL:
        import pyoxigraph as ox

        store = ox.Store()
        node = ox.NamedNode("urn:lexkb:canonical")
        try:
            store.add(ox.Quad(node, node, ox.Literal(value, datatype=ox.NamedNode(datatype))))
            _CANONICAL[key] = next(iter(store)).object.value if len(_CANONICAL) < 100_000 else value
        except (ValueError, StopIteration):
            return value
    return _CANONICAL.get(key, value)


def syntax_check(query: str) -> None:
    """Raise pyoxigraph's SyntaxError for a query it cannot parse, and send nothing: the check runs
    on an empty store with every SERVICE target replaced by one no engine can call."""
    import pyoxigraph as ox

    from .query_guard import without_service

    try:
        ox.Store().query(without_service(query))
    except SyntaxError:
        raise
    except Exception:  # an error evaluating on an empty store (the replaced SERVICE) is not a syntax error
        pass


def snapshot(remote: "RemoteStore"):
    """The graph(s) an endpoint holds, read in one query, as an in-memory pyoxigraph store: what a
    command that runs many queries renders from, so that it sees one version of the graph."""
    import pyoxigraph as ox

    local = ox.Store()
    local.extend(ox.Quad(t.subject, t.predicate, t.object) for t in remote.graph_triples())
    return local


def _failure(exc: BaseException, url: str, timeout: float, what: str, timeout_note: str = "") -> str:
    """One line saying why an HTTP exchange with a SPARQL server failed."""
    import socket
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        detail = _first_line(exc.read() if exc.fp else b"")
        return f"{url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
    import http.client

    if isinstance(exc, AnswerTooLarge):
        return f"{url}: {exc}"
    if isinstance(exc, http.client.IncompleteRead):
        return f"{url}: the answer broke off after {len(exc.partial):,} bytes"
    if isinstance(exc, http.client.HTTPException):
        return f"{url}: not an HTTP answer ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})"
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
    Never retried: a write is not repeated behind the user's back. A 2xx answer that is an HTML page
    (a proxy's or a web server's, not a Graph Store's) is not a success. Returns the HTTP status."""
    from urllib.parse import urlencode

    url = store_url + ("&" if "?" in store_url else "?") + urlencode({"graph": graph})
    note = "; the graph may or may not have been replaced"
    try:
        body, ctype = exchange(url, data, "PUT", {"Content-Type": content_type}, timeout)
    except (OSError, ValueError, http_client_errors()) as exc:
        raise LexkbError(_failure(exc, store_url, timeout, "Graph Store endpoint", note), exit_code=ENDPOINT_EXIT) from None
    if ctype.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml"):
        raise LexkbError(f"{store_url}: answered the PUT with an HTML page, not as a Graph Store does "
                         f"(is --store-url right?){note}", exit_code=ENDPOINT_EXIT)
    return 204
