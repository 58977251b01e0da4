"""A free port on 127.0.0.1 and waiting for a SPARQL endpoint to answer (benchmarks)."""
from __future__ import annotations

import socket
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            request = urllib.request.Request(url, data=b"ASK {}", method="POST",
                                             headers={"Content-Type": "application/sparql-query"})
            with urllib.request.urlopen(request, timeout=2) as response:
                response.read()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{url}: server did not start")
            time.sleep(0.1)
