"""A listener on 127.0.0.1 that records every connection made to it and answers like a small web server (a
JSON-LD context, or empty SPARQL results for a path with "sparql"): the outbound tests prove that nothing connects."""

from __future__ import annotations

import socket
import threading

JSONLD_CONTEXT = b'{"@context": {"name": "http://schema.org/name"}}'
SPARQL_RESULTS = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection (and answers like a small web server)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.hits: list[bytes] = []
        self._lock = threading.Lock()
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    head = conn.recv(65536)
                except OSError:
                    head = b""
                with self._lock:
                    self.hits.append(head or b"<connected>")
                body = SPARQL_RESULTS if b"sparql" in head.lower() else JSONLD_CONTEXT
                ctype = b"application/sparql-results+json" if body is SPARQL_RESULTS else b"application/ld+json"
                try:
                    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: " + ctype + b"\r\nContent-Length: "
                                 + str(len(body)).encode() + b"\r\n\r\n" + body)
                except OSError:
                    pass

    def count(self) -> int:
        with self._lock:
            return len(self.hits)

    def close(self) -> None:
        self._stop = True
        self.thread.join(2)
        self.sock.close()
