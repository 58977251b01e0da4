"""Writing lexkb's output files: the one place that does it, for every command.

A regular file (or a new one) is replaced atomically: the data goes to a temporary file beside it,
which is renamed over it, so a reader sees the old file or the new one and a failure leaves the old
one. The new file gets the mode the user's umask gives (or keeps the mode of the file it replaces),
never mkstemp's 0600. Anything else that can be written to (a terminal, a pipe, /dev/stdout,
/dev/null, /dev/full) is written through: replacing a device with a file would be data loss. A
folder, a missing parent folder, '' and a failed write (full disk, read-only folder) are one
`lexkb: error:` line with exit status 2 (OUTPUT_EXIT)."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Callable

from .errors import LexkbError

OUTPUT_EXIT = 2  # the output named by the user cannot be written
TEMP_PREFIX = "."  # temporary files are hidden: .NAME.XXXX.tmp
TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode open() would give a new file: 0666 less the umask."""
    return 0o666 & ~_umask()


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def check_target(target: Path | str, what: str = "-o") -> Path:
    """The path to write, or a one-line error for one that cannot be a file: '', a folder, a path
    whose parent folder does not exist or is not a folder."""
    if str(target) == "":
        raise LexkbError(f"{what} '': give a file name", exit_code=OUTPUT_EXIT)
    path = Path(target)
    if path.is_dir():
        raise LexkbError(f"{what} '{path}': is a folder; give a file name", exit_code=OUTPUT_EXIT)
    parent = path.parent
    if not parent.exists():
        raise LexkbError(f"{what} '{path}': folder '{parent}' does not exist", exit_code=OUTPUT_EXIT)
    if not parent.is_dir():
        raise LexkbError(f"{what} '{path}': '{parent}' is not a folder", exit_code=OUTPUT_EXIT)
    return path


def write_file(target: Path | str, data: bytes | str, what: str = "-o",
               say: Callable[[str], None] | None = None, mode: int | None = None) -> Path:
    """Write data to target (see the module's docstring); say(message) is told where it went."""
    path = check_target(target, what)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise LexkbError(f"{what} '{path}': cannot write: {_reason(exc)}", exit_code=OUTPUT_EXIT) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(path, data, what)
    else:
        file_mode = mode if mode is not None else (stat.S_IMODE(st.st_mode) if st is not None else new_file_mode())
        _replace(path, data, what, file_mode)
    if say is not None:
        say(f"wrote {path} ({len(data):,} bytes)")
    return path


def _write_through(path: Path, data: bytes, what: str) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
    except OSError as exc:
        raise LexkbError(f"{what} '{path}': cannot write: {_reason(exc)}", exit_code=OUTPUT_EXIT) from None


def _replace(path: Path, data: bytes, what: str, file_mode: int) -> None:
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, file_mode)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise LexkbError(f"{what} '{path}': cannot write: {_reason(exc)}", exit_code=OUTPUT_EXIT) from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def make_dir(path: Path, what: str) -> None:
    """mkdir -p with a one-line error."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise LexkbError(f"{what} '{path}': is a file, not a folder", exit_code=OUTPUT_EXIT) from None
    except OSError as exc:
        raise LexkbError(f"{what} '{path}': cannot create folder: {_reason(exc)}", exit_code=OUTPUT_EXIT) from None
