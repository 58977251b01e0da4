"""A real SPARQL server for the endpoint tests: the Oxigraph server (pip package `oxigraph`, in the
`test` extra), on 127.0.0.1 with a free port and a temporary data folder."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


class OxigraphServer:
    """The server on a port that was free a moment ago. Another process may take that port before
    the server binds it (free_port() cannot hold it), so a server that exits before it is ready is
    started again on another port; it is ready once it has said it listens, answers, and is alive."""

    ATTEMPTS = 5

    def __init__(self, location: Path):
        exe = oxigraph_binary()
        if exe is None:
            raise RuntimeError("the oxigraph server is not installed: pip install -e '.[test]'")
        self.log_path = location.parent / "oxigraph.log"
        for attempt in range(1, self.ATTEMPTS + 1):
            self.port = free_port()
            self.base = f"http://127.0.0.1:{self.port}"
            self.query_url = f"{self.base}/query"
            self.log = open(self.log_path, "wb")
            self.proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"],
                                         stdout=self.log, stderr=subprocess.STDOUT)
            if self._ready():
                return
            exited_by_itself = self.proc.poll() is not None    # e.g. the port was taken meanwhile
            self.stop()
            if attempt == self.ATTEMPTS or not exited_by_itself:
                raise RuntimeError(f"oxigraph server did not start on port {self.port}: "
                                   + self.log_path.read_text(errors="replace").strip()[-300:])

    def _ready(self) -> bool:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if b"Listening" in self.log_path.read_bytes():
                try:
                    request = urllib.request.Request(self.query_url, data=b"ASK {}", method="POST",
                                                     headers={"Content-Type": "application/sparql-query"})
                    with urllib.request.urlopen(request, timeout=1) as response:
                        response.read()
                    time.sleep(0.05)
                    return self.proc.poll() is None      # it is our server that answered
                except OSError:
                    pass
            time.sleep(0.1)
        return False

    def ask(self, query: str, graph: str | None = None) -> bool:
        import json
        from urllib.parse import urlencode

        url = self.query_url + (f"?{urlencode({'default-graph-uri': graph})}" if graph else "")
        request = urllib.request.Request(url, data=query.encode(), method="POST",
                                         headers={"Content-Type": "application/sparql-query",
                                                  "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["boolean"]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()
