"""Shared fixtures: project paths, a build of the collection, a live server on 127.0.0.1."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.virtuoso_support import use_virtuoso, virtuoso_home  # noqa: F401 - fixtures shared by engine-parametrized tests

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
DATA = ROOT / "data"
WILSON = DATA / "documents" / "wilson"
SEED_TELEGRAM = WILSON / "000_627fab5f342979c4.txt"
SEED_CABLE = WILSON / "004_bfab98a7b49e4ad9.txt"
BASE = "https://w3id.org/archive-kg/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen | None = None, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited early with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port}")


@pytest.fixture(scope="session")
def built_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real collection (data/documents) built once into a temporary output folder."""
    from kg.build import build
    from kg.config import Settings

    out = tmp_path_factory.mktemp("var")
    settings = Settings.from_env(out_dir=out)
    result = build([DATA / "documents"], settings=settings, progress=False)
    assert result.ok, result.summary()
    return out


def start_server(out: Path, *, extra_env: dict[str, str] | None = None, args: list[str] | None = None):
    port = free_port()
    env = dict(os.environ)
    env.setdefault("KG_RATE_LIMIT_EXEMPT", "127.0.0.0/8,::1")  # tests hammer loopback (docs/hardening.md)
    env.update(extra_env or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--out", str(out), "--port", str(port), *(args or [])],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    wait_for_port(port, proc)
    return proc, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def live_server(built_out: Path):
    """``kg serve`` (the real WSGI server) on 127.0.0.1 over the built collection; yields its base URL."""
    proc, url = start_server(built_out)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


class _BrokenEndpoint(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint stand-in that fails: ``sleep`` (answers after 3 s), ``500``, ``junk`` (not JSON)."""

    mode = "sleep"

    def _answer(self) -> None:
        if self.mode == "sleep":
            time.sleep(3)
        body, code = {"sleep": (b"{}", 200), "500": (b"boom", 500), "junk": (b'{"results": {"bind', 200)}[self.mode]
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def broken_endpoint(mode: str) -> Iterator[str]:
    """A failing endpoint on 127.0.0.1 for as long as the block runs; yields its URL."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_BrokenEndpoint,), {"mode": mode}))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}/sparql"
    finally:
        srv.shutdown()


@contextmanager
def stand_in_endpoint(trig: Path, tmp: Path) -> Iterator[str]:
    """The project's own server on 127.0.0.1 over a small graph in Wikidata's shape; yields its /sparql URL."""
    from tests.fixtures.server.build_fixture import make_out

    out = make_out(tmp / "var", extra_trig=trig.read_text(encoding="utf-8"))
    proc, url = start_server(out)
    try:
        yield url + "/sparql"
    finally:
        proc.terminate()
        proc.wait(10)
