"""Reading rules for a document's text, in one place.

A document's text is the vendored file, never edited. Before a quote is looked up in it, these
rules, and only these, apply:

1. **Furniture lines** are dropped whole: each pattern of the document's `[layout]` (`furniture`)
   that matches a whole line (page numbers "9 de 60", the running title, the publisher's name,
   the edition line repeated on every page) removes that line and nothing else.
2. **Whitespace** is one space: line breaks, blank lines, tabs, the form feed pdftotext writes at
   each page break (lines are counted at line feeds only, so file:line is what an editor shows)
   and runs of spaces between words
   (a justified line split one word a line, a list marker alone on its line with its text after a
   blank line) compare as a single space, on both the quote and the text.

No rule may change a word. The engine enforces it: a rule returns, for each line, the line itself
(whitespace aside) or None to drop it; any other change stops the build (`RuleChangesWords`).
Readings that interpret a text, such as the date `2703-2007` in an amendment note read as
27-03-2007, are not reading rules: they live with the reader that needs them (`statute.py`,
amendment notes) and never touch the words a quote is checked against.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..errors import LexkbError


def normalise(text: str) -> str:
    """Rule 2: runs of whitespace, line breaks included, as one space; no other change."""
    return " ".join(text.split())


class RuleChangesWords(LexkbError):
    """A reading rule that would change the words of the text (not allowed)."""


# A rule: lines in, for each line the line (whitespace aside) or None to drop it.
Rule = Callable[[list[str]], list["str | None"]]


@dataclass(frozen=True)
class Layout:
    """How a publisher lays out its documents: declared in a provision file as [layout]."""

    id: str = "plain"
    furniture: tuple[re.Pattern, ...] = ()
    body_end: re.Pattern | None = None  # a line after which the body ends (e.g. transitory provisions)
    heading_words: tuple[str, ...] = ("Artículo", "ARTÍCULO", "ARTICULO")
    journal: str | None = None  # the official journal named in amendment notes (e.g. "DOF")
    paragraph_heading: re.Pattern | None = None  # a report's heading lines between paragraphs
    extra_rules: tuple[Rule, ...] = field(default=())

    def rules(self) -> list[tuple[str, Rule]]:
        rules: list[tuple[str, Rule]] = []
        if self.furniture:
            rules.append(("furniture", drop_matching(self.furniture)))
        if self.paragraph_heading is not None:
            rules.append(("paragraph headings", drop_matching((self.paragraph_heading,))))
        rules.extend((getattr(r, "__name__", "rule"), r) for r in self.extra_rules)
        return rules


def drop_matching(patterns) -> Rule:
    """A rule that drops each line matching one of patterns whole (surrounding spaces aside)."""
    combined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.MULTILINE)

    def rule(lines: list[str]) -> list[str | None]:
        # One pass over the whole text finds the furniture lines (as fast as one regex search).
        text = "\n".join(line.strip() for line in lines)
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line.strip()) + 1)
        drop = set()
        for m in re.finditer(f"^(?:{combined.pattern})$", text, re.MULTILINE):
            if "\n" not in m.group():  # a pattern matches within one line only
                drop.add(m.start())
        return [None if start in drop else line for start, line in zip(starts, lines)]
    return rule


def apply_rules(lines: list[str], rules: list[tuple[str, Rule]], where: str = "") -> list[tuple[int, str]]:
    """The lines that remain, each with its 1-based line number in the file. Each rule may only
    drop lines or change their whitespace; anything else raises RuleChangesWords."""
    kept = list(enumerate(lines, start=1))
    for name, rule in rules:
        out = rule([text for _, text in kept])
        if len(out) != len(kept):
            raise RuleChangesWords(f"{where}reading rule {name!r} returned {len(out)} lines for {len(kept)}: "
                                   "a rule may only keep or drop lines")
        result = []
        for (number, before), after in zip(kept, out):
            if after is None:
                continue
            if after is not before and after.split() != before.split():
                old, new = before.split(), str(after).split()
                i = next((k for k, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
                raise RuleChangesWords(f"{where}reading rule {name!r} changes the words of line {number} "
                                       f"({' '.join(old[i:i + 3])!r} -> {' '.join(new[i:i + 3])!r}); rules may only "
                                       "drop furniture lines or change whitespace")
            result.append((number, after))
        kept = result
    return kept
