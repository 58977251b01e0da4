"""Misbehaving HTTP servers on 127.0.0.1 for the hostile-input tests: each path answers in its own way,
and every request is counted, so a test can assert that nothing was sent where nothing may go."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EMPTY = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'


def rows_json(n: int) -> bytes:
    row = '{"s":{"type":"uri","value":"http://example.org/x"}}'
    return ('{"head":{"vars":["s"]},"results":{"bindings":[' + ",".join([row] * n) + "]}}").encode()


ROUTES = {
    # path: (status, content type, body, how)
    "/empty": (200, "application/sparql-results+json", EMPTY, "plain"),
    "/rows": (200, "application/sparql-results+json", rows_json(50), "plain"),
    "/html": (200, "text/html", b"<html><body>Welcome to nginx</body></html>", "plain"),
    "/ok-put": (204, "", b"", "plain"),
    "/fail-put": (500, "text/plain", b"disk full", "plain"),
    "/incomplete": (200, "application/sparql-results+json", EMPTY[:20], "short"),  # Content-Length lies
    "/truncated": (200, "application/sparql-results+json", EMPTY[:30], "plain"),
    "/garbage": (200, "application/sparql-results+json", EMPTY[:25] + b"\x00\xff garbage" + EMPTY[25:], "plain"),
    "/bad-iri": (200, "application/sparql-results+json",
                 b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://a b/"}}]}}', "plain"),
    "/dribble": (200, "application/sparql-results+json", EMPTY, "dribble"),
    "/context": (200, "application/ld+json", b'{"@context": {"p": "http://example.org/p"}}', "plain"),
    "/cut-graph": (200, "application/n-triples", b'<http://a/s> <http://a/p> "x" .\n', "short"),  # a server killed mid-answer
    # Comunica 3 sends a member of its own after "results"
    "/metadata": (200, "application/sparql-results+json", rows_json(3)[:-1] + b',"metadata":{"httpRequests":0}}', "plain"),
}


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    bodies: dict[str, list[bytes]] = {}
    routes: dict = ROUTES

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body_in = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0]
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        Handler.bodies.setdefault(path, []).append(body_in)
        route = None
        for prefix, answer in self.routes.items():
            if path.startswith(prefix):
                route = answer
                break
        status, ctype, body, how = route or (404, "text/plain", b"no", "plain")
        try:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body) + (100 if how == "short" else 0)))
            self.end_headers()
            if how == "dribble":
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(1)
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_POST = do_GET = do_PUT = _answer


class Server:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @staticmethod
    def reset() -> None:
        Handler.hits.clear()
        Handler.bodies.clear()

    @staticmethod
    def hits(path: str | None = None) -> int:
        return sum(Handler.hits.values()) if path is None else Handler.hits.get(path, 0)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
