"""The servers :mod:`bench.bench_serve` compares, started and stopped: ours (``kg serve``), the bare Flask wrapper
(``python -m bench.bench_serve --bare``), rdflib-endpoint and a managed Virtuoso."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import requests

from bench.bench_load import free_port

ROOT = Path(__file__).resolve().parent.parent
JSON = "application/sparql-results+json"


class Server:
    def __init__(self, name: str, url: str, proc: subprocess.Popen | None, stop: Callable[[], None] | None = None,
                 params: list[tuple[str, str]] | None = None, pid: int | None = None) -> None:
        self.name, self.url, self.proc, self._stop = name, url, proc, stop
        self.params = params or []  # added to every query (Virtuoso: the version's graphs)
        self.pid = pid if pid is not None else (proc.pid if proc else None)

    def query_url(self, q: str) -> str:
        extra = "".join(f"&{k}={quote(v, safe='')}" for k, v in self.params)
        return f"{self.url}?query={quote(q, safe='')}{extra}"

    def stop(self) -> None:
        if self._stop:
            self._stop()
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def _wait(url: str, proc: subprocess.Popen | None, seconds: float = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"exited with {proc.returncode}")
        try:
            r = requests.get(url, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": JSON}, timeout=30)
            if r.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds:.0f} s")


def start_ours(out: Path, timeout: str = "30") -> Server:
    port = free_port()
    env = dict(os.environ, KG_RATE_LIMIT_EXEMPT="127.0.0.1/32", KG_QUERY_TIMEOUT=timeout)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--out", str(out), "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    _wait(url, proc)
    return Server("ours", url, proc)


def start_bare(out: Path) -> Server:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bench.bench_serve", "--bare", str((out / "current" / "store")
                                                                                    .resolve()), str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    _wait(url, proc)
    return Server("bare Flask", url, proc)


def start_rdflib_endpoint(out: Path) -> Server:
    exe = shutil.which("rdflib-endpoint") or str(Path(sys.executable).parent / "rdflib-endpoint")
    if not Path(exe).exists():
        raise RuntimeError("rdflib-endpoint is not installed (pip install 'rdflib-endpoint[cli]', or make bench-serve)")
    port = free_port()
    ttl = (out / "current" / "dumps" / "dataset.ttl").resolve()
    if not ttl.exists():  # a dump published in parts: the one file it stands for, beside the output folder
        from kg.dump_parts import open_dump

        ttl = out / "bench-dataset.ttl"
        with open_dump(out / "current" / "dumps", "dataset.ttl") as src, ttl.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    proc = subprocess.Popen([exe, "serve", str(ttl),
                             "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"  # its CLI serves the endpoint at the root
    _wait(url, proc, seconds=1800)
    return Server("rdflib-endpoint", url, proc)


def start_virtuoso(out: Path, work: Path) -> Server:
    if not shutil.which("virtuoso-t"):
        raise RuntimeError("Virtuoso is not installed (Debian virtuoso-opensource: make virtuoso-deps)")
    from kg.engines.managed import ManagedVirtuoso
    from kg.engines.virtuoso import VirtuosoEngine
    from kg.layout import OutDir

    home = work / "virtuoso"
    os.environ["KG_VIRTUOSO_HOME"] = str(home)
    build = OutDir(out).current()
    assert build is not None
    triples = json.loads(build.manifest_path.read_text()).get("counts", {}).get("triples", 1_000_000)
    os.environ.setdefault("KG_VIRTUOSO_BUFFERS", str(max(20000, int(triples) * 100 // 8192)))
    managed = ManagedVirtuoso(home)
    managed.start()
    try:
        eng = VirtuosoEngine.from_env(out)
        eng.load_version(build)
        eng.activate(build.build_id, keep=[build.build_id])
        graphs = eng.graphs_of(build.build_id)
        info = managed.info() or {}
        server = Server("Virtuoso", eng.settings.sparql_url, None, stop=managed.stop,
                        params=[("default-graph-uri", g) for g in graphs], pid=info.get("pid"))
        _wait(server.query_url("ASK { ?s ?p ?o }").split("?")[0], None)
        return server
    except BaseException:
        managed.stop()
        raise
