"""What a user's SPARQL query may be before any engine sees it: its size, its nesting, its chains of
operators, and no SERVICE (federation) unless the user allows it.

Oxigraph's parser and planner recurse over the query: 5,000 nested braces, a 10,000-way UNION or a
20,000-term sum crash the process (SIGSEGV) before any error can be raised, so the bounds are
checked here, on the text, by a scanner that does not recurse. SERVICE makes a read command send
requests to any URL the query names (and, with --endpoint, the syntax check would too): refused by
default, so a read contacts nothing but the store or the endpoint the user named.

The limits are generous for any hand-written query (the shipped ones are under 3 KB, depth 6) and
documented in the README with the variables that raise them."""
from __future__ import annotations

import os

from .errors import LexkbError
from .limits import env_limit

QUERY_EXIT = 2



def max_chars() -> int:
    return env_limit("LEXKB_QUERY_MAX_CHARS", 100_000)


def max_depth() -> int:
    return env_limit("LEXKB_QUERY_MAX_DEPTH", 64)


def max_operators() -> int:
    return env_limit("LEXKB_QUERY_MAX_OPERATORS", 2_000)


_OPEN, _CLOSE = "{([", "})]"
_OPERATOR_CHARS = set("|&/+*=!<>^,-")
_OPERATOR_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "SERVICE", "GRAPH", "VALUES"}


def _scan(text: str):
    """(position, token) over the query outside strings, IRIs and comments: '{', '(', '[' and
    their closers, operator characters, and upper-cased words with the character before and
    after them (to tell a keyword from part of a prefixed name). Iterative: no recursion."""
    from .store import _skip

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "#'\"":
            i = _skip(text, i)
        elif c == "<":
            j = _skip(text, i)
            if j == i + 1:  # a less-than operator
                yield i, "<", "", ""
            i = j
        elif c in "?$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            i = max(j, i + 1)
        elif c.isalpha() or c == "_":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_-."):
                j += 1
            while text[j - 1] == ".":  # a trailing '.' ends a triple, not the name
                j -= 1
            yield i, text[i:j].upper(), text[i - 1] if i else "", text[j] if j < n else ""
            i = j
        else:
            yield i, c, "", ""
            i += 1


def service_positions(text: str) -> list[int]:
    """Where the SERVICE keyword occurs (not a prefixed name such as ex:service)."""
    return [pos for pos, tok, before, after in _scan(text)
            if tok == "SERVICE" and before != ":" and after != ":"]


def check_query(text: str, label: str, allow_service: bool = False) -> None:
    """Refuse, with one line (exit 2), a query over the limits or one that uses SERVICE."""
    limit = max_chars()
    if len(text) > limit:
        raise LexkbError(f"{label}: query of {len(text):,} characters; the limit is {limit:,} "
                         "(LEXKB_QUERY_MAX_CHARS)", exit_code=QUERY_EXIT)
    depth = deepest = operators = 0
    line_of_deepest = 1
    depth_limit, op_limit = max_depth(), max_operators()
    for pos, tok, before, after in _scan(text):
        if tok in _OPEN:
            depth += 1
            if depth > deepest:
                deepest, line_of_deepest = depth, text.count("\n", 0, pos) + 1
                if deepest > depth_limit:
                    raise LexkbError(f"{label}:{line_of_deepest}: query nested more than {depth_limit} deep "
                                     "(braces, parentheses, brackets); the limit is LEXKB_QUERY_MAX_DEPTH",
                                     exit_code=QUERY_EXIT)
        elif tok in _CLOSE:
            depth -= 1
        elif tok in _OPERATOR_CHARS or (tok in _OPERATOR_WORDS and before != ":" and after != ":"):
            operators += 1
            if operators > op_limit:
                raise LexkbError(f"{label}:{text.count(chr(10), 0, pos) + 1}: query has more than {op_limit:,} "
                                 "operators (UNION, OPTIONAL, FILTER, path and expression operators); the limit is "
                                 "LEXKB_QUERY_MAX_OPERATORS", exit_code=QUERY_EXIT)
            if tok == "SERVICE" and not allow_service:
                line = text.count("\n", 0, pos) + 1
                raise LexkbError(f"{label}:{line}: SERVICE is refused: a read command contacts nothing but its own "
                                 "store or --endpoint (give --allow-service to run federated queries)",
                                 exit_code=QUERY_EXIT)


NO_SERVICE = "urn:lexkb:service-not-called"


def without_service(text: str) -> str:
    """The query with every SERVICE target replaced by an IRI no engine can call, for a syntax check
    that must send nothing (SERVICE ?var becomes SERVICE <urn:...> too; the syntax is the same)."""
    from .store import _skip

    out, last = [], 0
    for pos in service_positions(text):
        j = pos + len("SERVICE")
        while j < len(text) and text[j].isspace():
            j += 1
        if text[j:j + 6].upper() == "SILENT":
            j += 6
            while j < len(text) and text[j].isspace():
                j += 1
        if j >= len(text):
            continue
        if text[j] == "<":
            end = _skip(text, j)
        elif text[j] in "?$":
            end = j + 1
            while end < len(text) and (text[end].isalnum() or text[end] == "_"):
                end += 1
        else:  # a prefixed name
            end = j
            while end < len(text) and not text[end].isspace() and text[end] != "{":
                end += 1
        out.append(text[last:j] + f"<{NO_SERVICE}>")
        last = end
    out.append(text[last:])
    return "".join(out)
