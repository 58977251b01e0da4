"""The seed document: its numbered paragraphs, for citing and for checking quotes verbatim."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .errors import LexkbError

_PARA = re.compile(r"^(\d+)\.\s*$")
_HEADING = re.compile(r"^\s*Replies to paragraph")


def normalise(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=4)
def paragraphs(path: Path) -> dict[int, str]:
    """Paragraph number -> text (whitespace-normalised). A paragraph starts at a line 'N.'."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexkbError(f"{path}: cannot read the source document: {exc.strerror}") from None
    result: dict[int, list[str]] = {}
    current: int | None = None
    for line in lines:
        m = _PARA.match(line)
        if m and (current is None or int(m.group(1)) == current + 1):
            current = int(m.group(1))
            result[current] = []
        elif current is not None and not _HEADING.match(line):
            result[current].append(line)
    return {n: normalise("\n".join(body)) for n, body in result.items()}
