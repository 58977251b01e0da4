"""Endpoint failures: one line, exit status 3; reads retried, writes never; --timeout honoured.
A tiny HTTP server on 127.0.0.1 (in a thread) plays the misbehaving endpoint."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import run_lexkb
from endpoint_server import free_port


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    release = threading.Event()

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path = self.path.split("?")[0]
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        if path.startswith("/slow"):
            # no answer until the test releases it (or a minute has passed: a guard, not a measure)
            Handler.release.wait(60)
            status, ctype, body = 200, "application/sparql-results+json", b'{"head":{"vars":[]},"results":{"bindings":[]}}'
        elif path.startswith("/error500"):
            status, ctype, body = 500, "text/plain", b"internal trouble\nsecond line"
        elif path.startswith("/error400"):
            status, ctype, body = 400, "text/plain", b"bad request here"
        elif path.startswith("/html"):
            status, ctype, body = 200, "text/html", b"<html><body>Welcome to nginx</body></html>"
        elif path.startswith("/badjson"):
            status, ctype, body = 200, "application/sparql-results+json", b'{"head": '
        elif path.startswith("/badnt"):  # a graph that breaks off after its first triple
            status, ctype, body = 200, "application/n-triples", b'<http://a.example/s> <http://a.example/p> "o" .\n<http://a.example/s> <http'
        else:
            status, ctype, body = 404, "text/plain", b"no"
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_POST = do_GET = do_PUT = _answer


@pytest.fixture(scope="module")
def fake():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def one_line_3(result):
    code, out, err = result
    assert code == 3, err
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("lexkb: error: ") and "Traceback" not in err
    return err


COMMANDS = [("penalty", "203"), ("show", "CPF 204"), ("query", "penalties"), ("table", "penalties"),
            ("validate",)]


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
def test_server_down(args):
    port = free_port()  # nothing listens there
    err = one_line_3(run_lexkb(*args, "--endpoint", f"http://127.0.0.1:{port}/query"))
    assert "cannot reach the endpoint" in err and "after 3 attempts" in err


def test_report_server_down(tmp_path):
    err = one_line_3(run_lexkb("report", "-o", str(tmp_path / "r"), "--endpoint", f"http://127.0.0.1:{free_port()}/query"))
    assert "cannot reach" in err and not (tmp_path / "r").exists()


def test_http_500_is_retried(fake):
    Handler.hits.clear()
    err = one_line_3(run_lexkb("penalty", "203", "--endpoint", f"{fake}/error500"))
    assert "HTTP 500" in err and "internal trouble" in err and "second line" not in err
    assert Handler.hits["/error500"] == 3


def test_http_400_is_not_retried(fake):
    Handler.hits.clear()
    err = one_line_3(run_lexkb("table", "penalties", "--endpoint", f"{fake}/error400"))
    assert "HTTP 400" in err and "bad request here" in err and "attempts" not in err
    assert Handler.hits["/error400"] == 1


@pytest.mark.parametrize("path,what", [("html", "content-type text/html"), ("badjson", "malformed JSON")])
def test_not_a_sparql_answer(fake, path, what):
    err = one_line_3(run_lexkb("query", "penalties", "--endpoint", f"{fake}/{path}"))
    assert "not a SPARQL answer" in err and what in err


def test_validate_a_broken_graph_from_the_endpoint(fake):
    """lexkb validate reads the endpoint's graph as it parses it: a broken answer is still one line."""
    err = one_line_3(run_lexkb("validate", "--endpoint", f"{fake}/badnt"))
    assert "not a SPARQL answer (malformed application/n-triples" in err


def test_timeout(fake):
    """/slow answers nothing until the test releases it, after the command has ended: so the command
    can only end by giving up on its own, after --timeout, on each of its 3 attempts."""
    Handler.hits.clear()
    Handler.release.clear()
    try:
        err = one_line_3(run_lexkb("penalty", "203", "--endpoint", f"{fake}/slow", "--timeout", "0.5"))
        assert "no answer within 0.5 s" in err
        assert Handler.hits["/slow"] == 3
    finally:
        Handler.release.set()


def test_publish_never_retries(fake):
    Handler.hits.clear()
    err = one_line_3(run_lexkb("publish", "-q", "--endpoint", f"{fake}/query", "--store-url", f"{fake}/error500"))
    assert "HTTP 500" in err
    assert Handler.hits["/error500"] == 1


@pytest.mark.parametrize("value", ["ftp://example.org/sparql", "not-a-url"])
def test_bad_endpoint_url(value):
    """A URL that is not http(s) is a bad argument (exit 2), like any other (tests/hostile/)."""
    code, out, err = run_lexkb("penalty", "203", "--endpoint", value)
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert "not an http(s) URL" in err


def test_bad_timeout():
    code, out, err = run_lexkb("penalty", "203", "--endpoint", "http://127.0.0.1:9/query", "--timeout", "0")
    assert code == 2 and err.count("\n") == 1 and "--timeout" in err


def test_empty_environment_variable_means_embedded():
    assert run_lexkb("penalty", "203", env={"LEXKB_ENDPOINT": ""}) == run_lexkb("penalty", "203")


def test_default_lookup_imports_no_http_or_sparql():
    import subprocess
    import sys

    code = ("import sys; from lexkb.cli.main import app\n"
            "try:\n    app(['penalty', '203'])\nexcept SystemExit:\n    pass\n"
            "bad = [m for m in ('urllib.request', 'pyoxigraph', 'rdflib', 'pyshacl', 'http.client') if m in sys.modules]\n"
            "print('LOADED', bad, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "LOADED []" in proc.stderr, proc.stderr
