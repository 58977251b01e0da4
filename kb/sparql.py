"""`lexkb query`: read-only SPARQL 1.1 over the knowledge base, results in the standard formats.

User values reach a query only as bindings (pyoxigraph substitutions), never by string splicing."""
from __future__ import annotations

import re
from pathlib import Path

from . import paths
from .errors import LexkbError

RESULT_FORMATS = ("table", "json", "csv", "tsv", "ttl", "nt")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def shipped_queries(folder: Path = paths.QUERIES) -> dict[str, Path]:
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


def describe(path: Path) -> str:
    """First comment line of a .rq file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def read_stdin() -> str:
    """The query on standard input, as UTF-8 (one line for anything else)."""
    import sys

    try:
        return sys.stdin.buffer.read(max_query_bytes()).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexkbError(f"<stdin>: the query is not UTF-8 (byte {exc.start})") from None


def max_query_bytes() -> int:
    from .query_guard import max_chars

    return 4 * max_chars() + 1


def read_query(source: str, stdin_text: str | None = None) -> tuple[str, str]:
    """(label, text) from a shipped query name, a file path, or '-' for standard input."""
    if source == "-":
        return "<stdin>", stdin_text or ""
    from .errors import shown

    shipped = shipped_queries()
    if source in shipped:
        return source, shipped[source].read_text(encoding="utf-8")
    path = Path(source)
    try:
        is_file = path.is_file()
    except (OSError, ValueError) as exc:  # a name longer than the filesystem allows, a NUL byte
        raise LexkbError(f"{shown(source)[:200]}: no such query ({getattr(exc, 'strerror', None) or exc})") from None
    if is_file:
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_query_bytes())
            return str(path), data.decode("utf-8")
        except OSError as exc:
            raise LexkbError(f"{path}: cannot read query: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise LexkbError(f"{path}: the query is not UTF-8 (byte {exc.start})") from None
    if _NAME.match(source):
        raise LexkbError(f"no query named {source!r}; 'lexkb query --list' shows them")
    raise LexkbError(f"{shown(source)[:200]}: no such query file")


def is_update(text: str) -> bool:
    """True when text is a SPARQL Update (checked by parsing it, never by running it)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
        return True
    except Exception:
        return False


def parse_bindings(pairs: list[str]):
    import pyoxigraph as ox

    result = {}
    from .errors import shown

    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise LexkbError(f"--bind '{shown(pair)}': use NAME=VALUE (a plain literal), e.g. --bind name=lenocinio")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:  # bytes that are not UTF-8 reach Python as lone surrogates
            bad = value[exc.start].encode("utf-8", "surrogateescape")
            raise LexkbError(f"--bind {name}=...: the value is not UTF-8 (byte \\x{bad.hex()} at {exc.start})") from None
        result[ox.Variable(name)] = ox.Literal(value)
    return result


def load_store(extra: list[Path] | None = None):
    """The built knowledge base (and the statistics graph, when built) in an in-memory store."""
    import pyoxigraph as ox

    from .kbfile import kb_path
    from .store import open_store

    store = open_store(kb_path(paths.KB_TURTLE))
    stats = paths.GENERATED / "statistics.ttl"
    for path in ([stats] if stats.exists() else []) + list(extra or []):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


DEFAULT_LIMIT = 10_000  # rows (or triples) `lexkb query` writes at most; --limit raises it
LIMIT_EXIT = 4  # the answer has more rows than --limit: nothing is written
TIMEOUT_EXIT = 3  # no answer within --timeout, as for an endpoint


def run(store, label: str, text: str, fmt: str, bindings=None, limit: int | None = None,
        timeout: float | None = None, allow_service: bool = False, write=None) -> bytes:
    """Execute a read-only query and return (or, given write, pass on chunk by chunk) the serialised
    result. The query is checked first (lexkb.query_guard: size, nesting, SERVICE); at most `limit`
    rows are written (more: nothing is written, exit 4); on the embedded store the query runs in a
    child process killed at `timeout` seconds (exit 3), so that one query cannot take the machine."""
    from .query_guard import check_query

    if fmt not in RESULT_FORMATS:
        raise LexkbError(f"--format: unknown format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    check_query(text, label, allow_service)
    chunks: list[bytes] = []
    sink = write or chunks.append
    from .store import RemoteStore

    if isinstance(store, RemoteStore):
        store.max_rows = DEFAULT_LIMIT if limit is None else limit  # counted as the answer is read
        from .limits import run_in_child
        from .store import syntax_check

        # the syntax check plans the query on an empty store, which for some queries takes long:
        # it runs under the same deadline, in a child process
        run_in_child(lambda out: _check_syntax(syntax_check, label, text), timeout, label, sink)
        store.checked.add(text)
        sink(_serialise(store, label, text, fmt, bindings, limit))
    else:
        from .limits import run_in_child

        run_in_child(lambda out: out(_serialise(store, label, text, fmt, bindings, limit, out)),
                     timeout, label, sink)
    return b"".join(chunks)


def _check_syntax(check, label: str, text: str) -> None:
    try:
        check(text)
    except SyntaxError as exc:
        if is_update(text):
            raise LexkbError(f"{label}: SPARQL updates are refused: the knowledge base is read-only here "
                             "(edit provisions/ and run 'lexkb build')") from None
        raise LexkbError(f"{label}: SPARQL syntax error: {' '.join(str(exc).split())}") from None


def _evaluate(store, label: str, text: str, bindings):
    try:
        return store.query(text, substitutions=bindings or None)
    except SyntaxError as exc:
        if is_update(text):
            raise LexkbError(f"{label}: SPARQL updates are refused: the knowledge base is read-only here "
                             "(edit provisions/ and run 'lexkb build')") from None
        raise LexkbError(f"{label}: SPARQL syntax error: {' '.join(str(exc).split())}") from None
    except LexkbError:
        raise
    except Exception as exc:  # pyoxigraph: OSError, RuntimeError (e.g. SERVICE ?unbound), ValueError
        raise LexkbError(f"{label}: query failed: {' '.join(str(exc).split())}") from None


def too_many(label: str, limit: int) -> LexkbError:
    return LexkbError(f"{label}: the answer has more than {limit:,} rows; nothing written (raise --limit, "
                      "or add LIMIT to the query)", exit_code=LIMIT_EXIT)


def _serialise(store, label: str, text: str, fmt: str, bindings, limit: int | None, out=None) -> bytes:
    """The result in fmt. Over the embedded store (out given) the query is evaluated twice: once to
    count its rows without keeping them, then to serialise them straight to out; nothing is held."""
    import pyoxigraph as ox

    limit = DEFAULT_LIMIT if limit is None else limit
    result = _evaluate(store, label, text, bindings)
    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return (("true" if bool(result) else "false") + "\n").encode()
        if fmt in ("ttl", "nt"):
            raise LexkbError(f"--format {fmt}: an ASK query answers true or false; use table, json, csv or tsv")
        return result.serialize(format=_results_format(fmt))
    graph = not isinstance(result, ox.QuerySolutions)
    if graph and fmt in ("json", "csv", "tsv"):
        raise LexkbError(f"--format {fmt}: CONSTRUCT and DESCRIBE answer a graph; use ttl, nt or table (Turtle)")
    if not graph and fmt in ("ttl", "nt"):
        raise LexkbError(f"--format {fmt}: a SELECT query answers a table; use table, json, csv or tsv")
    if isinstance(result, list) and len(result) > limit:  # an endpoint's graph, already read
        raise too_many(label, limit)
    if out is not None:  # the embedded store: count first, hold nothing
        count = 0
        try:
            for _ in result:
                count += 1
                if count > limit:
                    raise too_many(label, limit)
        except LexkbError:
            raise
        except Exception as exc:
            raise LexkbError(f"{label}: query failed: {' '.join(str(exc).split())}") from None
        result = _evaluate(store, label, text, bindings)
    try:
        if not graph:
            if fmt == "table":
                return render_table(result).encode("utf-8")
            if out is not None:
                buf = _Writer(out)
                result.serialize(buf, format=_results_format(fmt))
                buf.flush()
                return b""
            return result.serialize(format=_results_format(fmt))
        rdf_format = ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.TURTLE
        from .namespaces import PREFIXES

        if rdf_format == ox.RdfFormat.TURTLE:
            return ox.serialize(result, format=rdf_format, prefixes=PREFIXES)
        return ox.serialize(result, format=rdf_format)
    except LexkbError:
        raise
    except Exception as exc:
        raise LexkbError(f"{label}: query failed: {' '.join(str(exc).split())}") from None


class _Writer:
    """A binary file-like object passing pyoxigraph's serialiser output on in blocks of 64 KB."""

    def __init__(self, out):
        self.out, self.buf = out, bytearray()

    def write(self, data) -> int:
        self.buf += data
        if len(self.buf) >= 65536:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buf:
            self.out(bytes(self.buf))
            self.buf.clear()


def _results_format(fmt: str):
    import pyoxigraph as ox

    return {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV}[fmt]


def compact(value: str) -> str:
    from .namespaces import PREFIXES

    for prefix, iri in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if value.startswith(iri) and "/" not in value[len(iri):] and "#" not in value[len(iri):]:
            return f"{prefix}:{value[len(iri):]}"
    return value


def render_table(solutions) -> str:
    import pyoxigraph as ox

    names = [v.value for v in solutions.variables]
    rows = []
    for sol in solutions:
        row = []
        for n in names:
            term = sol[n]
            if term is None:
                row.append("")
            elif isinstance(term, ox.NamedNode):
                row.append(compact(term.value))
            else:
                row.append(" ".join(term.value.split()))
        rows.append(row)
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    widths = [min(w, 80) for w in widths]

    def fmt(cells):
        return "  ".join((c if len(c) <= 80 else c[:77] + "...").ljust(w) for c, w in zip(cells, widths)).rstrip()

    lines = [fmt(names), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
