"""A source passage: a document, an address in it, its text and its language.

An address is a paragraph of a report (para. 47) or a place in a statute edition (art. 204,
fracción III, inciso a, párrafo 2). Its IRI and label are minted here, from the document's id and
the address alone, so that the same place in the same edition always has the same IRI."""
from __future__ import annotations

from dataclasses import dataclass

from .. import namespaces as ns


@dataclass(frozen=True)
class Address:
    """Where a passage is: `para` for a report; `article` (+ `fraccion`, `inciso`, `parrafo`) for a
    statute. Numbers are kept as the author wrote them ("203 bis", "III", "a", 2)."""

    para: int | None = None
    article: str | None = None
    fraccion: str | None = None
    inciso: str | None = None
    parrafo: int | None = None

    def path(self) -> str:
        """The IRI tail: 'para-47', 'art_203bis', 'art_204/frac_III', 'art_205bis/par_2/inc_a'."""
        if self.para is not None:
            return f"para-{self.para}"
        parts = [ns.subdivision_path(self.article)]
        if self.parrafo is not None:
            parts.append(f"par_{self.parrafo}")
        if self.fraccion is not None:
            parts.append(f"frac_{self.fraccion}")
        if self.inciso is not None:
            parts.append(f"inc_{self.inciso}")
        return "/".join(parts)

    def label(self) -> str:
        """'para. 47', 'art. 204, fracc. III, inciso a)', 'art. 205 Bis, párr. 2'."""
        if self.para is not None:
            return f"para. {self.para}"
        text = f"art. {self.article}"
        if self.parrafo is not None:
            text += f", párr. {self.parrafo}"
        if self.fraccion is not None:
            text += f", fracc. {self.fraccion}"
        if self.inciso is not None:
            text += f", inciso {self.inciso})"
        return text


@dataclass(frozen=True)
class Passage:
    document: str  # the declared document's id
    address: Address | None  # None: the document as a whole
    text: str  # whitespace-normalised
    language: str

    def iri(self) -> str:
        return ns.source_iri(self.document, None) + (f"/{self.address.path()}" if self.address else "")
