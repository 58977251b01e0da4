"""What an RDF file given to lexkb may be, checked before a parser reads it.

- Size: Turtle and N-Triples are streamed (pyoxigraph) and may be up to LEXKB_MAX_INPUT_BYTES
  (default 1 GiB); the formats rdflib reads into memory (RDF/XML, JSON-LD, N3, TriG, N-Quads) up to
  LEXKB_MAX_RDFLIB_BYTES (default 64 MiB). One literal may hold up to LEXKB_MAX_LITERAL_BYTES
  (default 16 MiB).
- No parser of a user's file fetches anything: a JSON-LD @context or @import that names a document
  (http:, https:, file:, or any other IRI) is refused, as are RDF/XML external entities.
- RDF/XML internal entities may add at most LEXKB_MAX_ENTITY_EXPANSION bytes (default 1 MiB) to the
  file once expanded: 700 bytes that expand to 3 MB kept rdflib busy for 100 s.
Every refusal is one line naming the file, exit 2."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from .errors import LexkbError
from .limits import env_limit

STREAMED = ("turtle", "nt")



def max_literal_bytes() -> int:
    return env_limit("LEXKB_MAX_LITERAL_BYTES", 16 << 20, " of bytes")


def check_input(path: Path, fmt: str) -> None:
    """Refuse (one line, exit 2) a file over its size limit, a JSON-LD document that would fetch a
    context, an RDF/XML document with external entities or one whose entities expand too far."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # the parser's own error names it (no such file, a folder)
    if fmt in STREAMED:
        name, limit = "LEXKB_MAX_INPUT_BYTES", env_limit("LEXKB_MAX_INPUT_BYTES", 1 << 30, " of bytes")
    else:
        name, limit = "LEXKB_MAX_RDFLIB_BYTES", env_limit("LEXKB_MAX_RDFLIB_BYTES", 64 << 20, " of bytes")
    if size > limit:
        raise LexkbError(f"{path}: {size:,} bytes; the limit for {fmt} is {limit:,} ({name})")
    if fmt == "json-ld":
        _check_jsonld(path)
    elif fmt == "xml":
        _check_xml(path)


def _check_jsonld(path: Path) -> None:
    try:
        doc = json.loads(path.read_bytes())
    except RecursionError:
        raise LexkbError(f"{path}: JSON nested too deeply to read") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise LexkbError(f"{path}: cannot parse as json-ld: {' '.join(str(exc).split())}") from None
    except OSError as exc:
        raise LexkbError(f"{path}: cannot read: {exc.strerror or exc}") from None
    stack = [doc]
    while stack:  # iterative: a 3,000-deep array is no problem here
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    _check_context(path, value)
                if key == "@import":
                    raise LexkbError(f"{path}: JSON-LD @import of {str(value)[:100]!r} refused: lexkb fetches nothing "
                                     "a file names (put the context inline)")
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def _check_context(path: Path, value) -> None:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            raise LexkbError(f"{path}: JSON-LD @context {item[:100]!r} is a document to fetch; refused: lexkb fetches "
                             "nothing a file names (put the context inline)")


_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s]+)\s+(?:(SYSTEM|PUBLIC)\b|([\"'])(.*?)\4)", re.S)
_REF = re.compile(rb"&([A-Za-z_:][A-Za-z0-9_.:-]*);")


def _check_xml(path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexkbError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if b"<!ENTITY" not in data:
        return
    entities: dict[bytes, bytes] = {}
    for m in _ENTITY.finditer(data):
        if m.group(3):
            raise LexkbError(f"{path}: RDF/XML external entity {m.group(2).decode('utf-8', 'replace')!r} refused: "
                             "lexkb fetches nothing a file names")
        entities[m.group(2)] = m.group(5)
    sizes: dict[bytes, int] = {}

    def expanded(name: bytes, seen: tuple = ()) -> int:
        if name in sizes:
            return sizes[name]
        if name in seen or name not in entities:
            return 0
        value = entities[name]
        total = len(value) + sum(expanded(ref, seen + (name,)) - len(ref) - 2 for ref in _REF.findall(value))
        sizes[name] = total
        return total

    if len(entities) > 10_000:
        raise LexkbError(f"{path}: more than 10,000 RDF/XML entity declarations")
    limit = env_limit("LEXKB_MAX_ENTITY_EXPANSION", 1 << 20, " of bytes")
    body = data[data.rfind(b"]>") + 2:] if b"]>" in data else data
    growth = 0
    for ref in _REF.findall(body):
        try:
            growth += max(0, expanded(ref) - len(ref) - 2)
        except RecursionError:
            raise LexkbError(f"{path}: RDF/XML entities nested too deeply") from None
        if growth > limit:
            raise LexkbError(f"{path}: RDF/XML entities expand the file by more than {limit:,} bytes "
                             "(LEXKB_MAX_ENTITY_EXPANSION)")


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INT = r"[+-]?[0-9]+"
_DEC = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
_DOUBLE = r"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)"
_TZ = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_DATE = r"-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = r"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"
LEXICAL = {_XSD + name: re.compile(f"^{pattern}$") for name, pattern in {
    "integer": _INT, "int": _INT, "long": _INT, "short": _INT, "nonNegativeInteger": r"[+]?[0-9]+|-0+",
    "positiveInteger": r"[+]?0*[1-9][0-9]*", "decimal": _DEC, "double": _DOUBLE, "float": _DOUBLE,
    "boolean": r"true|false|1|0", "date": _DATE + _TZ, "dateTime": _DATE + "T" + _TIME + _TZ,
    "gYear": r"-?([1-9][0-9]{3,}|0[0-9]{3})" + _TZ,
}.items()}


def ill_typed(datatype: str, value: str) -> bool:
    """True when value is not in the lexical space of the XSD datatype (for the types lexkb uses)."""
    pattern = LEXICAL.get(datatype)
    if pattern is None or not pattern.match(value):
        return pattern is not None
    if datatype.endswith(("#date", "#dateTime")):
        import datetime as dt

        try:
            dt.date.fromisoformat(value.lstrip("-")[:10])
        except ValueError:
            return True  # 2010-02-30
    return False


def ill_typed_error(path: Path, value: str, datatype: str) -> LexkbError:
    name = datatype[len(_XSD):] if datatype.startswith(_XSD) else datatype
    return LexkbError(f"{path}: ill-typed literal {value[:80]!r}^^xsd:{name}: not a valid {name}")
