"""Editing a copy of a provision file, and the line an error about the edit must name (computed from
the file, so that colleagues' changes to the provisions do not move the tests' goalposts)."""
from __future__ import annotations


def edit(provisions, name: str, old: str, new: str) -> str:
    """Replace the first `old` by `new` in provisions/NAME; returns the new text."""
    path = provisions / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    """1-based line where needle starts."""
    return text[:text.index(needle)].count("\n") + 1


def fence_line(text: str, needle: str) -> int:
    """1-based line of the ```toml fence opening the block that holds needle."""
    before = text[:text.index(needle)]
    return before[:before.rfind("```toml")].count("\n") + 1
