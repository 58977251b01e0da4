"""The documents facts come from: declared in provision files, each file checked against its
sha256, each addressed in its own way (a report by paragraph, a statute edition by article,
fracción, inciso and párrafo), and one verbatim check for a quote against any of them.

This package knows nothing of offences, penalties or any particular State: documents, their
languages, layouts and instruments are what the provision files declare.

A source, in a provision file, is one of (or a list of):

- `47`: paragraph 47 of the default document (the one declared with `default = true`);
- `{ doc = "ID", para = 47 }`: a paragraph of a report;
- `{ doc = "ID", art = "204", fraccion = "III", inciso = "a", parrafo = 2 }`: a place in a statute
  edition (`art` is required; the others narrow it);
- `{ doc = "ID" }` or `"ID"`: a document as a whole, or a passage declared with [source].
"""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from ..errors import ProvisionError
from .document import Document, declare, verify
from .furniture import Layout, normalise
from .passage import Address, Passage
from .report import paragraphs
from .statute import Statute

LAYOUT_KEYS = {"id", "furniture", "body_end", "heading_words", "journal", "paragraph_heading"}
ADDRESS_KEYS = {"doc", "para", "art", "fraccion", "inciso", "parrafo"}


def _regex(value, key: str, where) -> re.Pattern:
    if not isinstance(value, str):
        raise ProvisionError(where.file, where.line_of(key), f"[layout] '{key}' must be a regular expression string")
    try:
        return re.compile(value)
    except re.error as exc:
        raise ProvisionError(where.file, where.line_of(key), f"[layout] '{key}' {value!r} is not a regular expression: {exc}") from None


class Library:
    """The declared documents and layouts of one build; texts read, checked and parsed once."""

    def __init__(self, root: Path):
        self.root = root
        self.documents: dict[str, Document] = {}
        self.layouts: dict[str, Layout] = {}
        self.named: dict[str, str] = {}  # [source] passages: id -> label
        self.cited: dict[str, Passage] = {}  # passage IRI -> passage, for every passage a fact cites
        self.default: Document | None = None
        self._bytes: dict[str, bytes] = {}
        self._parsed: dict[str, object] = {}

    # ------------------------------------------------------------ declarations
    def declare(self, table: dict, where) -> Document:
        doc = declare(table, where, self.root)
        if doc.id in self.documents or doc.id in self.named:
            other = self.documents[doc.id].where if doc.id in self.documents else "a [source]"
            raise ProvisionError(where.file, where.line, f"document {doc.id!r} is already declared at {other}")
        if doc.path is not None:
            self._bytes[doc.id] = verify(doc)
        if table.get("default"):
            if self.default is not None:
                raise ProvisionError(where.file, where.line_of("default"),
                                     f"document {doc.id!r}: {self.default.id!r} is already the default document ({self.default.where})")
            self.default = doc
        self.documents[doc.id] = doc
        return doc

    def declare_layout(self, table: dict, where) -> None:
        extra = set(table) - LAYOUT_KEYS
        if extra:
            raise ProvisionError(where.file, where.line_of(sorted(extra)[0]),
                                 f"[layout] unknown key(s) {', '.join(sorted(extra))}; allowed: {', '.join(sorted(LAYOUT_KEYS))}")
        ident = table.get("id")
        if not isinstance(ident, str) or not ident:
            raise ProvisionError(where.file, where.line, "[layout] needs 'id'")
        if ident in self.layouts:
            raise ProvisionError(where.file, where.line, f"layout {ident!r} is declared twice")
        furniture = table.get("furniture", [])
        if not isinstance(furniture, list):
            raise ProvisionError(where.file, where.line_of("furniture"), "[layout] 'furniture' must be a list of regular expressions")
        words = table.get("heading_words", list(Layout.heading_words))
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise ProvisionError(where.file, where.line_of("heading_words"), "[layout] 'heading_words' must be a list of words")
        self.layouts[ident] = Layout(
            id=ident, furniture=tuple(_regex(p, "furniture", where) for p in furniture),
            body_end=_regex(table["body_end"], "body_end", where) if "body_end" in table else None,
            heading_words=tuple(words), journal=table.get("journal"),
            paragraph_heading=_regex(table["paragraph_heading"], "paragraph_heading", where) if "paragraph_heading" in table else None)

    def declare_named(self, ident: str, label: str, where) -> None:
        if ident in self.named or ident in self.documents:
            raise ProvisionError(where.file, where.line, f"source {ident!r} is declared twice")
        self.named[ident] = label

    def get(self, ident: str, where, line: int | None = None) -> Document:
        if ident not in self.documents:
            known = ", ".join(sorted(self.documents)) or "none"
            raise ProvisionError(where.file, line or where.line, f"unknown document {ident!r}; declared: {known}")
        return self.documents[ident]

    def text(self, doc: Document) -> str:
        """The document's text as vendored (checked against its sha256 when declared)."""
        return self._bytes[doc.id].decode("utf-8")

    def layout(self, doc: Document, where=None) -> Layout:
        name = doc.get("layout")
        if name is None:
            return Layout()
        if name not in self.layouts:
            raise ProvisionError(*(doc.where.rsplit(":", 1)[0], int(doc.where.rsplit(":", 1)[1])),
                                 f"document {doc.id!r}: unknown layout {name!r}; declared: {', '.join(sorted(self.layouts)) or 'none'}")
        return self.layouts[name]

    def parsed(self, doc: Document):
        """A report's paragraphs (dict) or a statute edition's articles (Statute), parsed once."""
        if doc.id not in self._parsed:
            if doc.path is None:
                raise ProvisionError(*(doc.where.rsplit(":", 1)[0], int(doc.where.rsplit(":", 1)[1])),
                                     f"document {doc.id!r} has no file, so it cannot be cited by paragraph or article")
            layout = self.layout(doc)
            text = self.text(doc)
            self._parsed[doc.id] = paragraphs(text, layout) if doc.kind == "report" else Statute(text, layout)
        return self._parsed[doc.id]

    # ------------------------------------------------------------ addressing
    def passages(self, value, where, line: int | None = None) -> list[Passage]:
        """The passages a `source` value cites (see the module's docstring); each is recorded as cited."""
        values = value if isinstance(value, list) else [value]
        if value is None or not values:
            raise ProvisionError(where.file, line or where.line, "no source: every fact must cite a paragraph, an article or a declared source")
        found = [self._one(v, where, line or where.line_of("source")) for v in values]
        for p in found:
            self.cited.setdefault(p.iri(), p)
        return found

    def _one(self, v, where, line: int) -> Passage:
        if isinstance(v, bool):
            raise ProvisionError(where.file, line, f"source {v!r} is neither a paragraph number nor a declared source")
        if isinstance(v, int):
            if self.default is None:
                raise ProvisionError(where.file, line, f"source {v} is a bare paragraph number, but no document is declared with default = true")
            return self._address(self.default, Address(para=v), where, line)
        if isinstance(v, str):
            if v in self.named:
                return Passage(v, None, None, None)
            if v in self.documents:
                return Passage(v, None, None, self.documents[v].language)
            raise ProvisionError(where.file, line, f"source {v!r} is neither a paragraph number nor a declared source")
        if isinstance(v, dict):
            extra = set(v) - ADDRESS_KEYS
            if extra:
                raise ProvisionError(where.file, line, f"source: unknown key(s) {', '.join(sorted(extra))}; allowed: {', '.join(sorted(ADDRESS_KEYS))}")
            if "doc" not in v:
                raise ProvisionError(where.file, line, "source: a table needs doc = \"DOCUMENT ID\"")
            doc = self.get(v["doc"], where, line)
            if set(v) == {"doc"}:
                return Passage(doc.id, None, None, doc.language)
            if doc.kind == "report":
                if set(v) != {"doc", "para"} or not isinstance(v["para"], int) or isinstance(v["para"], bool):
                    raise ProvisionError(where.file, line, f"source: {doc.id!r} is a report, cited as {{ doc = \"{doc.id}\", para = N }}")
                return self._address(doc, Address(para=v["para"]), where, line)
            if "para" in v or "art" not in v:
                raise ProvisionError(where.file, line, f"source: {doc.id!r} is a statute edition, cited by art (and fraccion, inciso, parrafo)")
            for key in ("art", "fraccion", "inciso"):
                if key in v and not (isinstance(v[key], str) and v[key].strip()):
                    raise ProvisionError(where.file, line, f"source: '{key}' must be a non-empty string")
            if "parrafo" in v and (not isinstance(v["parrafo"], int) or isinstance(v["parrafo"], bool) or v["parrafo"] < 1):
                raise ProvisionError(where.file, line, "source: 'parrafo' must be a positive integer")
            return self._address(doc, Address(article=v["art"], fraccion=v.get("fraccion"), inciso=v.get("inciso"),
                                              parrafo=v.get("parrafo")), where, line)
        raise ProvisionError(where.file, line, f"source {v!r} is neither a paragraph number nor a declared source")

    def _address(self, doc: Document, address: Address, where, line: int) -> Passage:
        parsed = self.parsed(doc)
        if address.para is not None:
            if address.para not in parsed:
                raise ProvisionError(where.file, line, f"source paragraph {address.para} does not exist in {doc.symbol}")
            return Passage(doc.id, address, parsed[address.para], doc.language)
        text = parsed.passage(address)
        if text is None:
            what = "article" if parsed.article(address.article) is None else "place"
            raise ProvisionError(where.file, line, f"source: no {what} {address.label()} in {doc.id}")
        return Passage(doc.id, address, text, doc.language)

    def label(self, passage: Passage) -> str:
        if passage.document in self.named:
            return self.named[passage.document]
        doc = self.documents[passage.document]
        name = doc.symbol if doc.kind == "report" else f"{doc.title} ({doc.get('edition')})"
        return name if passage.address is None else f"{name}, {passage.address.label()}"

    # ------------------------------------------------------------ quotes
    def check_quote(self, text: str, passages: list[Passage], where, line: int) -> str:
        """Check that text is verbatim in one of the cited passages (whitespace aside, furniture
        dropped); return the quote's language (that passage's document's)."""
        checkable = [p for p in passages if p.text is not None]
        if not checkable:
            raise ProvisionError(where.file, line, "a quote must cite a paragraph or an article of a source document")
        # verbatim within one passage: words that end one paragraph and start the next are not
        # printed together in the source (the next paragraph's number stands between them)
        if not any(normalise(text) in p.text for p in checkable):
            by_doc: dict[str, list[str]] = {}
            for p in checkable:
                by_doc.setdefault(self.documents[p.document].symbol, []).append(p.address.label())
            cited = "; ".join(f"{doc} {_join(labels)}" for doc, labels in by_doc.items())
            raise ProvisionError(where.file, line, f"quote not found verbatim in {cited}: {text[:60]!r}")
        return next(p.language for p in checkable if normalise(text) in p.text)



def _join(labels: list[str]) -> str:
    """'para. 49', 'para. 50' -> 'para. 49, 50' (as a reader cites them); other labels as they are."""
    if len(labels) > 1 and all(label.startswith("para. ") for label in labels):
        return "para. " + ", ".join(label[6:] for label in labels)
    return "; ".join(labels)


__all__ = ["Address", "Document", "Layout", "Library", "Passage"]
