"""Reading literate provision files: Markdown whose block quotes hold the source's words and whose
fenced ```toml blocks hold their encoding (Catala style). Parsed with markdown-it-py tokens."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
import re

from markdown_it import MarkdownIt

from .errors import ProvisionError

_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass
class Quote:
    text: str
    line: int  # 1-based line in the file


@dataclass
class Block:
    """One fenced TOML block: its tables, where it is, and the quotes just above it."""

    data: dict
    file: str
    line: int  # 1-based line of the opening fence
    quotes: list[Quote] = field(default_factory=list)
    content: str = ""

    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def line_of(self, key: str) -> int:
        """File line where `key = ...` is set in this block (the fence line if not found)."""
        for offset, text in enumerate(self.content.splitlines(), start=1):
            if text.split("=", 1)[0].strip() == key:
                return self.line + offset
        return self.line

    def line_of_value(self, value) -> int:
        """File line where the string value is written in this block (the fence line if not found)."""
        needle = f'"{value}"' if isinstance(value, str) else None
        for offset, text in enumerate(self.content.splitlines(), start=1):
            if needle and needle in text:
                return self.line + offset
        return self.line


def _quote_text(tokens, start: int) -> tuple[str, int]:
    """Text of the blockquote opening at tokens[start]; returns (text, index after close)."""
    depth, parts, i = 0, [], start
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "blockquote_open":
            depth += 1
        elif tok.type == "blockquote_close":
            depth -= 1
            if depth == 0:
                return " ".join(parts), i + 1
        elif tok.type == "inline":
            parts.append(" ".join(tok.content.split()))
        i += 1
    return " ".join(parts), i


def read_blocks(path: Path, display: str | None = None) -> list[Block]:
    """All TOML blocks of one provision file, each with the quotes since the previous block."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProvisionError(name, None, f"cannot read file: {exc}") from None
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    pending: list[Quote] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "blockquote_open":
            quote, i = _quote_text(tokens, i)
            pending.append(Quote(quote, tok.map[0] + 1))
            continue
        if tok.type == "code_block":  # indented: Markdown shows it as code, lexkb would not read it
            raise ProvisionError(name, tok.map[0] + 1, "indented code block: lexkb reads only fenced ```toml "
                                 "blocks (fence it, or indent it less than 4 spaces if it is text)")
        if tok.type == "fence":
            lang = (tok.info.split() or [""])[0]
            fence_line = tok.map[0] + 1
            if lang != "toml":  # a block lexkb does not understand is not silently skipped
                shown_lang = f"```{lang}" if lang else "``` (no language)"
                raise ProvisionError(name, fence_line, f"fenced block {shown_lang}: lexkb reads only ```toml blocks "
                                     "(lower case); quote the source's words with '>'")
            if lang == "toml":
                try:
                    data = tomllib.loads(tok.content)
                except RecursionError:
                    raise ProvisionError(name, fence_line, "invalid TOML: nested too deeply") from None
                except tomllib.TOMLDecodeError as exc:
                    m = _TOML_LINE.search(str(exc))
                    line = fence_line + int(m.group(1)) if m else fence_line
                    message = _TOML_LINE.sub("", str(exc)).strip()
                    raise ProvisionError(name, line, f"invalid TOML: {message}") from None
                blocks.append(Block(data, name, fence_line, pending, tok.content))
                pending = []
        i += 1
    if pending:
        raise ProvisionError(name, pending[0].line, "quote is not followed by an encoding block")
    return blocks
