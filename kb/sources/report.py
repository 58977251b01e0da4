"""A report addressed by numbered paragraph: a paragraph starts at a line 'N.' whose N follows the
previous paragraph's number; the layout's heading lines between paragraphs are not its text."""
from __future__ import annotations

import re

from .furniture import Layout, apply_rules, normalise

_PARA = re.compile(r"^(\d+)\.\s*$")


def paragraphs(text: str, layout: Layout = Layout()) -> dict[int, str]:
    """Paragraph number -> text (whitespace-normalised)."""
    result: dict[int, list[str]] = {}
    current: int | None = None
    for _, line in apply_rules(text.split("\n"), layout.rules()):
        m = _PARA.match(line)
        if m and (current is None or int(m.group(1)) == current + 1):
            current = int(m.group(1))
            result[current] = []
        elif current is not None:
            result[current].append(line)
    return {n: normalise("\n".join(body)) for n, body in result.items()}
