"""Jurisdictions of a knowledge base holding several (lexkb's IRIs put a jurisdiction's resources
under /id/CODE/ and /eli/CODE/; the treaties, under /eli/un/, the vocabulary and the sources are
shared by all). Stdlib only: the default `lexkb penalty` path uses it on index.json."""
from __future__ import annotations

import re

from .errors import LexkbError

ID = "https://w3id.org/lexkb/id/"
ELI = "https://w3id.org/lexkb/eli/"
SHARED = ("un",)  # treaties: kept in every jurisdiction's view
CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


def check_code(code: str | None) -> str | None:
    """--jurisdiction CODE, checked; None for all jurisdictions."""
    if code is None:
        return None
    if not CODE.fullmatch(code) or code in SHARED:
        raise LexkbError(f"--jurisdiction {code!r}: give a jurisdiction code such as 'mx' "
                         "(lower-case letters and digits, as in the knowledge base's IRIs)")
    return code


def code_of(iri: str | None) -> str | None:
    """'mx' for https://w3id.org/lexkb/id/mx/... or .../eli/mx/...; None for shared resources."""
    if not iri:
        return None
    for base in (ID, ELI):
        if iri.startswith(base):
            code = iri[len(base):].split("/", 1)[0]
            return None if code in SHARED else code
    return None


def keeps(iri: str | None, code: str) -> bool:
    """Whether the resource belongs to the jurisdiction's view: its own, or shared."""
    c = code_of(iri)
    return c is None or c == code


def restrict_index(index: dict, code: str | None, check: bool = True) -> dict:
    """The index as one jurisdiction sees it: its offences, provisions and instruments, and the
    shared ones (treaties). An unknown code is an error that lists the known ones (with check)."""
    if code is None:
        return index
    known = sorted({c for c in map(code_of, index["instruments"]) if c})
    if check and code not in known:
        raise LexkbError(f"--jurisdiction {code!r}: not in the knowledge base (jurisdictions: {', '.join(known) or 'none'})")
    out = dict(index)
    out["offences"] = [o for o in index["offences"] if keeps(o["iri"], code)]
    out["provisions"] = {k: p for k, p in index["provisions"].items() if keeps(k, code)}
    out["instruments"] = {k: i for k, i in index["instruments"].items() if keeps(k, code)}
    return out
