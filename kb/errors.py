"""Errors a user can cause, each rendered as one line (no traceback reaches the user)."""
from __future__ import annotations


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
