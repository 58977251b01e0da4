"""Source documents declared in provision files: what each is, where its file is, and whether the
file is still the one that was vendored (its sha256). Knows nothing of offences or penalties."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
import re

from ..errors import LexkbError, ProvisionError

# What a document may be: a State report addressed by numbered paragraph, or one edition of a
# statute (its consolidated text as of a date) addressed by article, fracción, inciso, párrafo.
KINDS = ("report", "statute-edition")
KEYS = {"id", "kind", "symbol", "title", "language", "instrument", "issuer", "edition", "date_edition",
        "date_submitted", "date_issued", "file", "sha256", "mirror", "mirror_commit", "mirror_path",
        "mirror_date", "layout", "default"}
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
LANGUAGE = re.compile(r"^[a-z]{2}$")
# Exit status of a build whose vendored source file is not the declared one (README, "lexkb build").
CHECKSUM_EXIT = 2


@dataclass(frozen=True)
class Document:
    """One declared source document. `path` is the file on disk (None for a document lexkb cites
    without holding its text); `where` is the declaration's file:line."""

    id: str
    kind: str
    title: str
    language: str
    symbol: str
    path: Path | None
    display: str | None  # the file as the author wrote it, relative to the provisions' parent
    sha256: str | None
    where: str
    table: dict

    def get(self, key: str, default=None):
        return self.table.get(key, default)


def _need(table: dict, key: str, where, types=(str,)):
    if key not in table:
        raise ProvisionError(where.file, where.line, f"[document] needs '{key}'")
    value = table[key]
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise ProvisionError(where.file, where.line_of(key), f"[document] '{key}' has the wrong type ({type(value).__name__})")
    return value


def declare(table: dict, where, root: Path) -> Document:
    """A [document] table read and checked; `file` is relative to `root`, the provisions folder
    (`file = "source/x.txt"`), and errors name it as provisions/source/x.txt."""
    extra = set(table) - KEYS
    if extra:
        raise ProvisionError(where.file, where.line_of(sorted(extra)[0]),
                             f"[document] unknown key(s) {', '.join(sorted(extra))}; allowed: {', '.join(sorted(KEYS))}")
    ident = _need(table, "id", where)
    if not ID.match(ident):
        raise ProvisionError(where.file, where.line_of("id"), f"[document] id {ident!r} must be letters, digits, '.' and '-'")
    kind = table.get("kind", "report")
    if kind not in KINDS:
        raise ProvisionError(where.file, where.line_of("kind"), f"[document] kind {kind!r}; use one of: {', '.join(KINDS)}")
    title = _need(table, "title", where)
    language = table.get("language", "en")
    if not isinstance(language, str) or not LANGUAGE.match(language):
        raise ProvisionError(where.file, where.line_of("language"), f"[document] language {language!r} must be a two-letter code such as 'en' or 'es'")
    for key in ("date_edition", "date_submitted", "date_issued", "mirror_date"):
        if key in table:
            _need(table, key, where, (dt.date,))
    if "default" in table:
        _need(table, "default", where, (bool,))
    if "layout" in table:
        _need(table, "layout", where)
    if kind == "statute-edition":
        for key in ("instrument", "issuer", "edition", "date_edition"):
            _need(table, key, where, (dt.date,) if key == "date_edition" else (str,))
    path = display = digest = None
    if "file" in table:
        display = _need(table, "file", where)
        digest = _need(table, "sha256", where)
        if not SHA256.match(digest):
            raise ProvisionError(where.file, where.line_of("sha256"), "[document] 'sha256' must be 64 lower-case hexadecimal digits")
        path = (root / display).resolve()
        if root.resolve() not in path.parents:
            raise ProvisionError(where.file, where.line_of("file"), f"[document] file {display!r} is outside {root.name}/")
        display = f"{root.name}/{display}"
    elif "sha256" in table:
        raise ProvisionError(where.file, where.line_of("sha256"), "[document] 'sha256' without 'file'")
    return Document(ident, kind, title, language, table.get("symbol", ident), path, display, digest,
                    where.where(), dict(table))


def verify(doc: Document) -> bytes:
    """The document's bytes, after checking them against the declared sha256. A file that is
    missing or differs stops the build with one line naming it (exit CHECKSUM_EXIT)."""
    try:
        data = doc.path.read_bytes()
    except OSError as exc:
        raise LexkbError(f"{doc.display}: cannot read source document {doc.id!r} declared at {doc.where}: "
                         f"{exc.strerror}", exit_code=CHECKSUM_EXIT) from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != doc.sha256:
        raise LexkbError(f"{doc.display}: sha256 {actual} differs from {doc.sha256} declared at {doc.where}; "
                         "the file is not the vendored source", exit_code=CHECKSUM_EXIT)
    return data
