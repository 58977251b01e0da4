"""A second, independent SPARQL server for the endpoint tests: Comunica (npm
@comunica/query-sparql-file@3), whose `comunica-sparql-file-http FILE -p PORT` serves a file at /sparql.
.ci/run installs it into .comunica/ when it is missing (LEXKB_COMUNICA names another binary). It
listens on 127.0.0.1 only (tests/localhost.js is preloaded into node)."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from endpoint_server import free_port

ROOT = Path(__file__).resolve().parent.parent
NAME = "comunica-sparql-file-http"


def install() -> None:
    """npm install into .comunica/, as .ci/run does, when npm is there and Comunica is not."""
    npm = shutil.which("npm")
    if npm is not None and comunica_binary() is None:
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(ROOT / ".comunica"),
                        "@comunica/query-sparql-file@3"], check=False, capture_output=True, timeout=900)


def comunica_binary() -> str | None:
    for candidate in (os.environ.get("LEXKB_COMUNICA"), str(ROOT / ".comunica" / "node_modules" / ".bin" / NAME)):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which(NAME)


class ComunicaServer:
    def __init__(self, data: Path, log: Path, start_timeout: float = 180):
        install()
        exe, node = comunica_binary(), shutil.which("node")
        if exe is None or node is None:
            raise RuntimeError("Comunica is not installed: npm install --prefix .comunica @comunica/query-sparql-file@3 "
                               "(.ci/run does it)")
        self.port = free_port()
        self.query_url = f"http://127.0.0.1:{self.port}/sparql"
        self.log = open(log, "wb")
        env = dict(os.environ, NODE_OPTIONS=f"--require {ROOT / 'tests' / 'localhost.js'}")
        self.proc = subprocess.Popen([node, exe, str(data), "-p", str(self.port), "-t", "300"],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                request = urllib.request.Request(self.query_url, data=b"ASK {}", method="POST",
                                                 headers={"Content-Type": "application/sparql-query",
                                                          "Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"Comunica did not start on port {self.port} (see {log})")
                time.sleep(0.5)

    def stop(self) -> None:
        import signal

        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # its workers too: they are in its session
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log.close()
