"""`lexkb query`: read-only SPARQL 1.1 over the knowledge base, results in the standard formats.

User values reach a query only as bindings (pyoxigraph substitutions), never by string splicing."""
from __future__ import annotations

import re
from pathlib import Path

from . import paths
from .errors import LexkbError

RESULT_FORMATS = ("text", "json", "csv", "tsv", "ttl", "nt")
TEXT_ALIASES = ("table",)  # the human format's old name, still accepted
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def shipped_queries(folder: Path = paths.QUERIES) -> dict[str, Path]:
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


def describe(path: Path) -> str:
    """First comment line of a .rq file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def read_query(source: str, stdin_text: str | None = None) -> tuple[str, str]:
    """(label, text) from a shipped query name, a file path, or '-' for standard input."""
    if source == "-":
        return "<stdin>", stdin_text or ""
    shipped = shipped_queries()
    if source in shipped:
        return source, shipped[source].read_text(encoding="utf-8")
    path = Path(source)
    if path.is_file():
        try:
            return str(path), path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexkbError(f"{path}: cannot read query: {exc}") from None
    if _NAME.match(source):
        raise LexkbError(f"no query named {source!r}; 'lexkb query --list' shows them")
    raise LexkbError(f"{source}: no such query file")


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
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise LexkbError(f"--bind {pair!r}: use NAME=VALUE (a plain literal), e.g. --bind name=lenocinio")
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


def run(store, label: str, text: str, fmt: str, bindings=None) -> bytes:
    """Execute a read-only query; return the serialised result."""
    import pyoxigraph as ox

    fmt = "text" if fmt in TEXT_ALIASES else fmt
    if fmt not in RESULT_FORMATS:
        raise LexkbError(f"--format: unknown format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if is_empty(text):
        raise LexkbError(f"{label}: the query is empty: give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    try:
        result = store.query(text, substitutions=bindings or None)
    except SyntaxError as exc:
        if is_update(text):
            raise LexkbError(f"{label}: SPARQL updates are refused: the knowledge base is read-only here "
                             "(edit provisions/ and run 'lexkb build')") from None
        raise LexkbError(f"{label}: SPARQL syntax error: {' '.join(str(exc).split())}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise LexkbError(f"{label}: query failed: {' '.join(str(exc).split())}") from None
    if isinstance(result, ox.QueryBoolean):
        if fmt == "text":
            return (("true" if bool(result) else "false") + "\n").encode()
        if fmt in ("ttl", "nt"):
            raise LexkbError(f"--format {fmt}: an ASK query answers true or false; use text, json, csv or tsv")
        return _ending_a_line(result.serialize(format=_results_format(fmt)))
    if isinstance(result, ox.QuerySolutions):
        if fmt == "text":
            return render_table(result).encode("utf-8")
        if fmt in ("ttl", "nt"):
            raise LexkbError(f"--format {fmt}: a SELECT query answers a table; use text, json, csv or tsv")
        return _ending_a_line(result.serialize(format=_results_format(fmt)))
    # CONSTRUCT / DESCRIBE: a graph
    if fmt in ("json", "csv", "tsv"):
        raise LexkbError(f"--format {fmt}: CONSTRUCT and DESCRIBE answer a graph; use ttl, nt or text (Turtle)")
    rdf_format = ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.TURTLE
    from .namespaces import PREFIXES

    if rdf_format == ox.RdfFormat.TURTLE:
        return ox.serialize(result, format=rdf_format, prefixes=PREFIXES)
    return ox.serialize(result, format=rdf_format)


def _ending_a_line(data: bytes) -> bytes:
    """Results end with a newline, as every text a shell prints should (pyoxigraph ends the JSON
    results and an ASK's CSV/TSV without one); the SPARQL result formats allow it."""
    return data if data.endswith(b"\n") else data + b"\n"


def is_empty(text: str) -> bool:
    """True when the text holds no query: only white space, comments and a prologue (BASE/PREFIX).
    SPARQL's grammar reads that as an empty update, which is not what a user sent."""
    import re as _re

    body = _re.sub(r"(?i)(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", " ", text)
    body = _re.sub(r"(?m)#[^\n]*$", " ", body)
    return not body.strip()


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
