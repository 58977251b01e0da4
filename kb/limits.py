"""Running one embedded query under a deadline: in a child process (fork), whose output is passed
on as it comes and which is killed when --timeout passes. pyoxigraph evaluates a query inside one
call that Python cannot interrupt, so a separate process is the only way to stop it; a crash of the
engine (a signal) is one line too, not the end of lexkb."""
from __future__ import annotations

import json
import os
import select
import signal
import time
from typing import Callable

from .errors import LexkbError

TIMEOUT_EXIT = 3


def env_limit(name: str, default: int, unit: str = "") -> int:
    """A limit read from the environment variable `name` (a whole number of at least 1), else default.
    One reader for every documented limit (README: "Exit codes, limits and bad input")."""
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise LexkbError(f"{name}={raw!r}: give a whole number{unit}") from None
    if value < 1:
        raise LexkbError(f"{name}={raw!r}: give a whole number{unit} of at least 1")
    return value


def run_in_child(work: Callable[[Callable[[bytes], None]], None], timeout: float | None, label: str,
                 sink: Callable[[bytes], None]) -> None:
    """work(out) runs in a child process; what it gives to out reaches sink in this process. A
    LexkbError in the child is raised here; past `timeout` seconds the child is killed (exit 3)."""
    data_r, data_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(data_r)
            os.close(err_r)
            signal.signal(signal.SIGINT, signal.SIG_DFL)

            def out(chunk: bytes) -> None:
                view = memoryview(chunk)
                while view:
                    view = view[os.write(data_w, view):]

            try:
                work(out)
            except LexkbError as exc:
                os.write(err_w, json.dumps([str(exc), exc.exit_code]).encode())
            except BaseException as exc:  # anything else is still one line
                os.write(err_w, json.dumps([f"{label}: query failed: {' '.join(str(exc).split()) or type(exc).__name__}",
                                            2]).encode())
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(data_w)
    os.close(err_w)
    deadline = None if timeout is None else time.monotonic() + timeout
    error = bytearray()
    open_fds = {data_r, err_r}
    try:
        while open_fds:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                os.kill(pid, signal.SIGKILL)
                raise LexkbError(f"{label}: no answer within {timeout:g} s (--timeout); the query was stopped",
                                 exit_code=TIMEOUT_EXIT)
            ready, _, _ = select.select(list(open_fds), [], [], wait)
            for fd in ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    open_fds.discard(fd)
                elif fd == data_r:
                    sink(chunk)
                else:
                    error += chunk
    except BaseException:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(data_r)
        os.close(err_r)
    _, status = os.waitpid(pid, 0)
    if error:
        message, code = json.loads(error.decode("utf-8", "replace"))
        raise LexkbError(message, exit_code=code)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        raise LexkbError(f"{label}: the query engine stopped with signal {name} (out of memory, or a query it "
                         "cannot evaluate)", exit_code=2)
    if os.WEXITSTATUS(status):
        raise LexkbError(f"{label}: the query engine stopped (status {os.WEXITSTATUS(status)})", exit_code=2)
