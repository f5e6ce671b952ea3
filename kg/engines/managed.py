"""``kg engine start|stop|status``: a managed local Virtuoso for development and tests.

Everything lives under one folder (``KG_VIRTUOSO_HOME``, else ``OUT/engine``)::

    engine/
      virtuoso.ini     written by us on every start (free ports, paths under this folder)
      db/              the database, its transaction log and error log
      load/            the only folder the engine may read files from (DirsAllowed): bulk-loader input
      www/             an empty web root
      engine.json      ports, SPARQL URL, the dba password (mode 0600); the pid is in db/virtuoso.lck

The config binds both ports to 127.0.0.1, allows file access to ``load/`` only, no OS calls, no DAV. At the
first start the well-known ``dba`` password is replaced by a random one, graphs are read-only for the public
account, and the public SPARQL account is made sure to have neither ``SPARQL_SPONGE`` (``define get:soft`` and
sponging ``FROM``) nor ``SPARQL_UPDATE`` (``LOAD``); Debian's database grants neither, and ``SERVICE`` fails on
the account's missing privileges (tests/test_virtuoso_outbound.py asks the engine directly). Virtuoso's ``bif:``
functions (one of them an HTTP client) cannot be switched off by configuration: the project's server refuses every
extension function before a query reaches the engine (:mod:`kg.engines.versions`), and the engine's own endpoint
is never exposed beyond 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from kg.engines import EngineError

HARDEN = """
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1);
"""
REVOKE = ("SPARQL_SPONGE", "SPARQL_UPDATE")

INI = """\
; written by `kg engine start`; rewritten on every start
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{isql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 20
CheckpointInterval   = 60
CaseMode             = 2
AllowOSCalls         = 0
DirsAllowed          = {load}
NumberOfBuffers      = {buffers}
MaxDirtyBuffers      = {dirty}
MaxQueryMem          = {query_mem}
ThreadsPerQuery      = {threads}
AsyncQueueMaxThreads = 10
VADInstallDir        = {home}/no-vad

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {www}
MaxClientConnections = 20
ServerThreads        = 20
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0
EnabledGzipContent   = 0
MaxKeepAlives        = 20
KeepAliveTimeout     = 10
Charset              = UTF-8

[URIQA]
DynamicLocal = 0
DefaultHost  = 127.0.0.1:{http_port}

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryExecutionTime      = {max_time}
MaxQueryCostEstimationTime = 0
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ManagedVirtuoso:
    def __init__(self, home: Path) -> None:
        self.home = Path(home).resolve()

    @classmethod
    def for_out(cls, out_dir: Path) -> ManagedVirtuoso:
        home = os.environ.get("KG_VIRTUOSO_HOME")
        return cls(Path(home) if home else Path(out_dir) / "engine")

    @property
    def info_path(self) -> Path:
        return self.home / "engine.json"

    def info(self) -> dict[str, Any] | None:
        """Where the running engine is (None if it was never started or is not running)."""
        if not self.info_path.is_file():
            return None
        info = json.loads(self.info_path.read_text(encoding="utf-8"))
        return info if self._alive(info) else None

    def _pid(self) -> int | None:
        lck = self.home / "db" / "virtuoso.lck"
        try:
            text = lck.read_text(encoding="utf-8")
        except OSError:
            return None
        for part in text.split():
            if part.startswith("VIRT_PID="):
                return int(part.split("=", 1)[1])
        return None

    def _alive(self, info: dict[str, Any]) -> bool:
        pid = self._pid()
        if pid is None:
            return False
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        try:
            with socket.create_connection(("127.0.0.1", int(info["http_port"])), timeout=1):
                return True
        except OSError:
            return False

    def start(self, wait: float = 120.0) -> dict[str, Any]:
        running = self.info()
        if running is not None:
            return running
        from kg.engines.virtuoso import DEFAULT_MAX_ROWS, _binary

        binary = _binary("virtuoso-t")
        db, load, www = self.home / "db", self.home / "load", self.home / "www"
        for d in (db, load, www):
            d.mkdir(parents=True, exist_ok=True)
        old = json.loads(self.info_path.read_text(encoding="utf-8")) if self.info_path.is_file() else {}
        fresh = not (db / "virtuoso.db").exists()
        password = old.get("password") if not fresh and old.get("password") else "k" + secrets.token_hex(16)
        isql_port, http_port = free_port(), free_port()
        max_rows = int(os.environ.get("KG_VIRTUOSO_MAX_ROWS", str(DEFAULT_MAX_ROWS)))
        buffers = int(os.environ.get("KG_VIRTUOSO_BUFFERS", "20000"))  # 8 KiB pages: 20000 = about 170 MB
        ini = INI.format(db=db, load=load, www=www, home=self.home, isql_port=isql_port, http_port=http_port,
                         buffers=buffers, dirty=buffers * 3 // 4,
                         query_mem=os.environ.get("KG_VIRTUOSO_QUERY_MEM", "1G"),
                         threads=os.environ.get("KG_VIRTUOSO_THREADS_PER_QUERY", "2"),
                         max_rows=max_rows,
                         max_time=os.environ.get("KG_VIRTUOSO_MAX_QUERY_TIME", "600"))
        (self.home / "virtuoso.ini").write_text(ini, encoding="utf-8")
        info = {"sparql": f"http://127.0.0.1:{http_port}/sparql", "isql": f"127.0.0.1:{isql_port}",
                "http_port": http_port, "isql_port": isql_port, "load_dir": str(load), "home": str(self.home),
                "password": password, "max_rows": max_rows}
        fd = os.open(self.info_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(info, f, indent=2)
        args = [binary, "+configfile", str(self.home / "virtuoso.ini"), "+wait"]
        r = subprocess.run(args, cwd=db, capture_output=True, text=True, timeout=wait)
        if r.returncode != 0:
            log = (db / "virtuoso.log").read_text(encoding="utf-8", errors="replace")[-2000:] \
                if (db / "virtuoso.log").is_file() else ""
            raise EngineError(f"Virtuoso did not start ({r.returncode}): {r.stdout[-500:]}{r.stderr[-500:]}\n{log}")
        try:
            self._wait_http(http_port, wait)
            if fresh:
                self._harden(info)
        except BaseException:
            pid = self._pid()
            if pid is not None:
                os.kill(pid, signal.SIGKILL)  # never leave a half-set-up engine running
            raise
        return info

    def _wait_http(self, port: int, wait: float) -> None:
        deadline = time.monotonic() + wait
        url = f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 - our own local engine
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise EngineError(f"Virtuoso's SPARQL endpoint on 127.0.0.1:{port} did not come up in {wait:g} s")

    def _harden(self, info: dict[str, Any]) -> None:
        from kg.engines.virtuoso import VirtuosoEngine, VirtuosoSettings

        # a new database has the well-known dba password: replaced first, before anything else is done
        VirtuosoEngine(VirtuosoSettings(info["sparql"], info["isql"], "dba", "dba", None, ""), self.home).isql(
            f"USER_CHANGE_PASSWORD('dba', 'dba', '{info['password']}');\n")
        eng = VirtuosoEngine(VirtuosoSettings(info["sparql"], info["isql"], "dba", info["password"], None, ""),
                             self.home)
        eng.isql(HARDEN)
        for role in REVOKE:
            try:
                eng.isql(f'revoke "{role}" from "SPARQL";\n')
            except EngineError:
                pass  # not granted in this database: nothing to take away

    def stop(self, wait: float = 60.0) -> bool:
        """Stop the engine (a checkpoint first). False if it was not running."""
        info = self.info()
        pid = self._pid()
        if info is None or pid is None:
            return False
        from kg.engines.virtuoso import VirtuosoEngine, VirtuosoSettings

        eng = VirtuosoEngine(VirtuosoSettings(info["sparql"], info["isql"], "dba", info["password"], None, ""),
                             self.home)
        try:
            eng.isql("shutdown;\n", timeout=wait)
        except EngineError:
            pass  # the connection drops while the server shuts down
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except OSError:
                return True
            time.sleep(0.2)
        os.kill(pid, signal.SIGKILL)
        return True

    def disk_bytes(self) -> int:
        return sum(p.stat().st_size for p in (self.home / "db").glob("*") if p.is_file())

    def rss_bytes(self) -> int | None:
        pid = self._pid()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except (OSError, TypeError):
            return None
        return None
