"""The documents facts come from: declared in provision files, each file checked against its
sha256, each addressed in its own way (a report by paragraph, a statute edition by article).

This package knows nothing of offences, penalties or any particular State: a document, its
language and its instrument are what the provision files declare.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ProvisionError
from .document import Document, declare, verify


class Library:
    """The declared documents of one build, by id; their texts read (and checked) once."""

    def __init__(self, root: Path):
        self.root = root
        self.documents: dict[str, Document] = {}
        self._bytes: dict[str, bytes] = {}

    def declare(self, table: dict, where) -> Document:
        doc = declare(table, where, self.root)
        if doc.id in self.documents:
            raise ProvisionError(where.file, where.line, f"document {doc.id!r} is already declared at {self.documents[doc.id].where}")
        if doc.path is not None:
            self._bytes[doc.id] = verify(doc)
        self.documents[doc.id] = doc
        return doc

    def get(self, ident: str, where, line: int | None = None) -> Document:
        if ident not in self.documents:
            known = ", ".join(sorted(self.documents)) or "none"
            raise ProvisionError(where.file, line or where.line, f"unknown document {ident!r}; declared: {known}")
        return self.documents[ident]

    def text(self, doc: Document) -> str:
        """The document's text as vendored (checked against its sha256 when declared)."""
        return self._bytes[doc.id].decode("utf-8")


__all__ = ["Document", "Library"]
