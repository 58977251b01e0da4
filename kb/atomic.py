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
        raise LexkbError(f"{what}: '' is not a file name; give one", exit_code=OUTPUT_EXIT)
    path = Path(target)
    if path.is_dir():
        raise LexkbError(f"{what}: '{path}' is a folder; give a file name", exit_code=OUTPUT_EXIT)
    parent = path.parent
    if not parent.exists():
        raise LexkbError(f"{what}: cannot write '{path}': folder '{parent}' does not exist", exit_code=OUTPUT_EXIT)
    if not parent.is_dir():
        raise LexkbError(f"{what}: cannot write '{path}': '{parent}' is not a folder", exit_code=OUTPUT_EXIT)
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
        raise LexkbError(f"{what}: cannot write '{path}': {_reason(exc)}", exit_code=OUTPUT_EXIT) from None
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
        raise LexkbError(f"{what}: cannot write '{path}': {_reason(exc)}", exit_code=OUTPUT_EXIT) from None


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
        raise LexkbError(f"{what}: cannot write '{path}': {_reason(exc)}", exit_code=OUTPUT_EXIT) from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def make_dir(path: Path, what: str) -> None:
    """mkdir -p with a one-line error."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise LexkbError(f"{what}: '{path}' is a file, not a folder", exit_code=OUTPUT_EXIT) from None
    except OSError as exc:
        raise LexkbError(f"{what}: cannot create folder '{path}': {_reason(exc)}", exit_code=OUTPUT_EXIT) from None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes
    import errno

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def orphans(folder: Path) -> list[Path]:
    """Temporary folders a killed build left beside folder."""
    return sorted(folder.parent.glob(f"{TEMP_PREFIX}{folder.name}.new-*")) + \
        sorted(folder.parent.glob(f"{TEMP_PREFIX}{folder.name}.old-*"))


def replace_folder(folder: Path, files: dict[str, bytes], what: str = "--out") -> None:
    """Put `files` (name -> bytes) in `folder` so that they all change at once: they are written to a
    new folder beside it, which is then exchanged with the old one in one rename (renameat2), so a
    reader or a kill never sees some files new and others old. Other entries of the old folder are
    carried over. Temporary folders left by a killed build are removed first."""
    import shutil

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise LexkbError(f"{what}: '{folder}' is a file; give a folder", exit_code=OUTPUT_EXIT)
    make_dir(folder.parent, what)
    for orphan in orphans(folder):
        shutil.rmtree(orphan, ignore_errors=True)
    tmp = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{folder.name}.new-", dir=folder.parent))
        os.chmod(tmp, 0o777 & ~_umask())
        if folder.exists():
            for entry in folder.iterdir():
                if entry.name not in files:
                    if entry.is_dir() and not entry.is_symlink():
                        shutil.copytree(entry, tmp / entry.name, symlinks=True)
                    else:
                        shutil.copy2(entry, tmp / entry.name, follow_symlinks=False)
        mode = new_file_mode()
        for name, data in files.items():
            with open(tmp / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp / name, mode)
        if not folder.exists():
            os.rename(tmp, folder)
            tmp = None
        elif _exchange(tmp, folder):
            pass  # tmp now holds the previous files
        else:  # two renames: a reader may briefly find no folder, never a mixed one
            old = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{folder.name}.old-", dir=folder.parent))
            os.rename(folder, old / "previous")
            os.rename(tmp, folder)
            tmp = old
    except OSError as exc:
        raise LexkbError(f"{what}: cannot write '{folder}': {_reason(exc)}; the previous files are unchanged",
                         exit_code=OUTPUT_EXIT) from None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
