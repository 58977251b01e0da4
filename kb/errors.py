"""Errors a user can cause, each rendered as one line (no traceback reaches the user)."""
from __future__ import annotations


def shown(text: str) -> str:
    """Text from a user or a file as lexkb echoes it: control characters escaped (\\r, \\x1b,
    \\n), so an argument cannot rewrite the terminal or add lines to the one-line error."""
    return "".join(c.encode("unicode_escape").decode("ascii") if ord(c) < 32 or 127 <= ord(c) < 160 else c
                   for c in text)


class LexkbError(Exception):
    """A problem with user input; str() is the one-line message, exit_code the process status."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class ProvisionError(LexkbError):
    """A malformed provision file: the message starts with 'file:line:'."""

    def __init__(self, file: str, line: int | None, message: str):
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}", exit_code=2)
        self.file, self.line = file, line
