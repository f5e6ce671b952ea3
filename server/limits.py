"""Request limits and security headers for the public service (a WSGI middleware plus two Flask hooks).

``init_app(app)`` (called once by :func:`server.create_app`) installs:

* a per-client request-rate limit (token bucket): over the limit a client gets ``429 Too Many Requests`` with
  ``Retry-After``;
* a limit on the SPARQL queries one client may have running at once (``KG_QUERY_PER_CLIENT``, 2: fewer than the 3 standing query workers): over it,
  ``429`` with ``Retry-After`` (used by :mod:`server.sparql` through :func:`query_slots`);
* a request-body limit (``413 Content Too Large``), a request-target (URL) limit (``414 URI Too Long``) and a
  limit on the length of a SPARQL query text however it is sent (``414`` in the URL, ``413`` in a body);
* security headers on every response (``X-Content-Type-Options``, ``X-Frame-Options``, ``Referrer-Policy``,
  a ``Content-Security-Policy`` without inline scripts for HTML and a locked-down one for everything else).

Every limit is configurable: an ``app.config`` key of the same name as the environment variable wins over the
environment, which wins over the default. The defaults and their reasons are in ``docs/hardening.md``.

Who is "a client": the peer address of the TCP connection; when that peer is a trusted proxy
(``KG_TRUSTED_PROXIES``, by default loopback: a reverse proxy on the same host), the nearest address in
``X-Forwarded-For`` that is not itself a trusted proxy. Waitress removes ``X-Forwarded-For`` from requests
unless it is told which proxy to trust: :func:`waitress_options` gives the options ``serve()`` should pass so
that proxied clients keep their own address. Clients in ``KG_RATE_LIMIT_EXEMPT`` (nobody by default; the test
suite and the load benchmark exempt loopback) are not rate-limited and have no per-client query limit; every
other limit applies to them too.
"""

from __future__ import annotations

import functools
import ipaddress
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, Request, Response, request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: CSP of HTML pages: no inline or remote script, style or frame; the pages use only ``/static/style.css``.
HTML_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
#: CSP of everything else (RDF, JSON, CSV, dumps): nothing in it may run if a browser renders it.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"

#: The WSGI environ key where the middleware leaves (client, exempt) for the routes (not an HTTP header: clients
#: cannot set it; waitress puts request headers under ``HTTP_*``).
CLIENT_KEY = "archive-kg.client"

#: Request parameters that carry a query text (SPARQL ``query``/``update``; reconciliation ``queries``).
QUERY_PARAMS = ("query", "update", "queries")


def _networks(text: str) -> tuple[Network, ...]:
    nets = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if part:
            nets.append(ipaddress.ip_network(part, strict=False))
    return tuple(nets)


def _flag(value: object) -> bool:
    return str(value).strip().lower() not in ("0", "false", "no", "off", "")


@dataclass(frozen=True)
class Limits:
    """The limits in force. ``0`` disables a numeric limit."""

    rate_per_minute: int = 600          # KG_RATE_LIMIT: sustained requests per minute per client (10/s)
    rate_burst: int = 120               # KG_RATE_BURST: requests a client may make at once before it is paced
    max_body_bytes: int = 1 << 20       # KG_MAX_BODY_BYTES: 1 MiB
    max_url_bytes: int = 16384          # KG_MAX_URL_BYTES: path + query string
    max_query_chars: int = 32768        # KG_MAX_QUERY_CHARS: a SPARQL query text
    trusted_proxies: tuple[Network, ...] = field(default_factory=lambda: _networks("127.0.0.0/8,::1"))
    rate_exempt: tuple[Network, ...] = ()  # KG_RATE_LIMIT_EXEMPT: nobody by default
    security_headers: bool = True       # KG_SECURITY_HEADERS
    html_csp: str = HTML_CSP            # KG_CSP
    hsts_seconds: int = 0               # KG_HSTS_SECONDS: only behind HTTPS
    max_clients: int = 100_000          # KG_RATE_MAX_CLIENTS: buckets kept in memory at most
    queries_per_client: int = 2         # KG_QUERY_PER_CLIENT: SPARQL queries one client may have running at once

    ENV = {
        "rate_per_minute": "KG_RATE_LIMIT", "rate_burst": "KG_RATE_BURST", "max_body_bytes": "KG_MAX_BODY_BYTES",
        "max_url_bytes": "KG_MAX_URL_BYTES", "max_query_chars": "KG_MAX_QUERY_CHARS",
        "trusted_proxies": "KG_TRUSTED_PROXIES", "rate_exempt": "KG_RATE_LIMIT_EXEMPT",
        "security_headers": "KG_SECURITY_HEADERS", "html_csp": "KG_CSP", "hsts_seconds": "KG_HSTS_SECONDS",
        "max_clients": "KG_RATE_MAX_CLIENTS", "queries_per_client": "KG_QUERY_PER_CLIENT",
    }

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Limits:
        """Read the limits: ``config[KEY]``, else ``environ[KEY]``, else the default. Bad values raise ValueError
        naming the setting."""
        config = config or {}
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for attr, key in cls.ENV.items():
            raw = config.get(key, environ.get(key))
            if raw is None:
                continue
            try:
                if attr in ("trusted_proxies", "rate_exempt"):
                    values[attr] = _networks(raw) if isinstance(raw, str) else tuple(
                        ipaddress.ip_network(str(n), strict=False) for n in raw)
                elif attr == "security_headers":
                    values[attr] = _flag(raw)
                elif attr == "html_csp":
                    values[attr] = str(raw)
                else:
                    v = int(raw)
                    if v < 0:
                        raise ValueError("must be >= 0")
                    values[attr] = v
            except ValueError as e:
                raise ValueError(f"{key}={raw!r}: {e}") from e
        return cls(**values)


class RateLimiter:
    """Token buckets per client: ``burst`` tokens, refilled at ``per_minute / 60`` per second. Thread-safe; at
    most ``max_clients`` buckets (least recently seen dropped first: a dropped bucket is a full one again)."""

    def __init__(self, per_minute: int, burst: int, max_clients: int = 100_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(max(burst, 1))
        self.max_clients = max(max_clients, 1)
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Take one token for ``client``: 0.0 if allowed, else the seconds until a token is available."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                wait = 0.0
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return wait

    def __len__(self) -> int:
        return len(self._buckets)


class ClientSlots:
    """At most ``per_client`` things at once per client (SPARQL queries running): over it, :meth:`take` is False
    and the caller answers 429. Thread-safe; a client's entry disappears when it has nothing running."""

    def __init__(self, per_client: int) -> None:
        self.per_client = per_client
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> bool:
        with self._lock:
            n = self._running.get(client, 0)
            if self.per_client and n >= self.per_client:
                return False
            self._running[client] = n + 1
            return True

    def give_back(self, client: str) -> None:
        with self._lock:
            n = self._running.get(client, 0) - 1
            if n > 0:
                self._running[client] = n
            else:
                self._running.pop(client, None)

    def running(self, client: str) -> int:
        with self._lock:
            return self._running.get(client, 0)


def query_client(app: Flask, environ: Mapping[str, Any]) -> tuple[str, bool]:
    """(the client of a request, whether it is exempt from per-client limits): the middleware's own answer for this
    request when it ran, else worked out the same way."""
    known = environ.get(CLIENT_KEY)
    if known is not None:
        return known
    lim: Limits = app.extensions["archive-kg-limits"]
    client = client_address(environ, lim.trusted_proxies)
    return client, in_networks(client, lim.rate_exempt)


def query_slots(app: Flask) -> ClientSlots:
    return app.extensions["archive-kg-query-slots"]


@functools.lru_cache(maxsize=8192)
def _ip(addr: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(addr.strip().strip("[]"))
    except ValueError:
        return None


def in_networks(addr: str, nets: Iterable[Network]) -> bool:
    ip = _ip(addr)
    return ip is not None and any(ip in n for n in nets)



def client_address(environ: Mapping[str, Any], trusted: tuple[Network, ...]) -> str:
    """The client of a request: the peer, or behind trusted proxies the nearest untrusted ``X-Forwarded-For``
    hop (a client cannot choose its address by sending the header itself unless it is a trusted proxy)."""
    peer = str(environ.get("REMOTE_ADDR") or "unknown")
    if not in_networks(peer, trusted):
        return peer
    hops = [h.strip() for h in str(environ.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop.strip("[]"))
        except ValueError:
            return peer  # a forged or garbled chain: fall back to the peer
        if not in_networks(hop, trusted):
            return hop.strip("[]")
    return peer


def _plain(start_response: Callable, status: str, text: str, extra: list[tuple[str, str]] | None = None) -> list:
    body = text.encode("utf-8")
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
               ("Cache-Control", "no-store"), *(extra or [])]
    start_response(status, headers)
    return [body]


class LimitsMiddleware:
    """The WSGI part: runs before Flask sees the request (rate, body size, URL length) and adds the security
    headers to every response, including the errors of other layers."""

    def __init__(self, app: Callable, limits: Limits) -> None:
        self.app = app
        self.limits = limits
        self.limiter = RateLimiter(limits.rate_per_minute, limits.rate_burst, limits.max_clients) \
            if limits.rate_per_minute > 0 else None
        self._html_headers = self._security_headers(html=True)
        self._data_headers = self._security_headers(html=False)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        lim = self.limits
        respond = self._with_headers(start_response) if lim.security_headers else start_response
        if self.limiter is not None:
            client = client_address(environ, lim.trusted_proxies)
            exempt = in_networks(client, lim.rate_exempt)
            environ[CLIENT_KEY] = (client, exempt)
            if not exempt:
                wait = self.limiter.take(client)
                if wait > 0:
                    retry = max(1, math.ceil(wait))
                    return _plain(respond, "429 Too Many Requests",
                                  f"429 Too Many Requests: more than {lim.rate_per_minute} requests per minute "
                                  f"(bursts of {lim.rate_burst}) from {client}. Retry after {retry} s.\n",
                                  [("Retry-After", str(retry))])
        if lim.max_url_bytes:
            target = len(environ.get("PATH_INFO", "").encode("utf-8", "surrogateescape")) + \
                len(environ.get("QUERY_STRING", "").encode("utf-8", "surrogateescape"))
            if target > lim.max_url_bytes:
                return _plain(respond, "414 URI Too Long",
                              f"414 URI Too Long: the request target is {target} bytes, the limit is "
                              f"{lim.max_url_bytes}. Send long SPARQL queries with POST "
                              f"(application/sparql-query).\n")
        if lim.max_body_bytes:
            raw = environ.get("CONTENT_LENGTH") or ""
            try:
                length = int(raw) if raw.strip() else 0
            except ValueError:
                return _plain(respond, "400 Bad Request", f"400 Bad Request: Content-Length {raw!r} is not a number.\n")
            if length > lim.max_body_bytes:
                return _plain(respond, "413 Content Too Large",
                              f"413 Content Too Large: the request body is {length} bytes, the limit is "
                              f"{lim.max_body_bytes}.\n")
        return self.app(environ, respond)

    def _security_headers(self, html: bool) -> tuple[tuple[str, str, str], ...]:
        """The headers added to a response (name, value, lower-case name), computed once per kind."""
        lim = self.limits
        add = [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
               ("Referrer-Policy", "strict-origin-when-cross-origin"),
               ("Content-Security-Policy", lim.html_csp if html else DATA_CSP)]
        if html:
            add.append(("Cross-Origin-Opener-Policy", "same-origin"))
        if lim.hsts_seconds:
            add.append(("Strict-Transport-Security", f"max-age={lim.hsts_seconds}"))
        return tuple((k, v, k.lower()) for k, v in add)

    def _with_headers(self, start_response: Callable) -> Callable:
        html_add, data_add = self._html_headers, self._data_headers

        def respond(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            have = {k.lower() for k, _ in headers}
            ctype = next((v for k, v in headers if k.lower() == "content-type"), "")
            add = html_add if ctype.lower().startswith(("text/html", "application/xhtml")) else data_add
            headers = list(headers) + [(k, v) for k, v, low in add if low not in have]
            if exc_info is not None:
                return start_response(status, headers, exc_info)
            return start_response(status, headers)

        return respond


def _too_long(where: str, n: int, limit: int, status: int) -> Response:
    what = "414 URI Too Long" if status == 414 else "413 Content Too Large"
    hint = " Send long queries with POST." if status == 414 else ""
    return Response(f"{what}: the query text in {where} is {n} characters, the limit is {limit}.{hint}\n",
                    status=status, mimetype="text/plain", headers={"Cache-Control": "no-store"})


def check_query_length() -> Response | None:
    """Flask ``before_request``: refuse a query text longer than ``KG_MAX_QUERY_CHARS`` however it is sent."""
    return query_too_long(request, _limits().max_query_chars)


def query_too_long(request: Request, limit: int) -> Response | None:
    """The 413/414 answer when a query text of ``request`` is longer than ``limit`` characters (0: no limit), else
    None (also called by the ``/sparql`` fast path, :mod:`server.sparql_fast`, with a request it made itself)."""
    if not limit:
        return None
    for name in QUERY_PARAMS:
        for value in request.args.getlist(name):
            if len(value) > limit:
                return _too_long(f"the URL parameter {name!r}", len(value), limit, 414)
    if request.method != "POST":
        return None
    mime = request.mimetype
    if mime == "application/x-www-form-urlencoded":
        request.get_data(cache=True)  # keep the raw body readable for the route too (form parsing reuses it)
        for name in QUERY_PARAMS:
            for value in request.form.getlist(name):
                if len(value) > limit:
                    return _too_long(f"the form field {name!r}", len(value), limit, 413)
    elif mime in ("application/sparql-query", "application/sparql-update"):
        body = request.get_data(cache=True)
        if len(body) > limit:
            n = len(body.decode("utf-8", "replace"))
            if n > limit:
                return _too_long("the request body", n, limit, 413)
    return None


def _limits() -> Limits:
    from flask import current_app

    return current_app.extensions["archive-kg-limits"]


def waitress_options(limits: Limits | None = None) -> dict[str, Any]:
    """Options for ``waitress.serve`` that go with these limits: the request body cap (waitress would otherwise
    buffer up to 1 GiB of a chunked body before the app sees it) and, when a single proxy address is trusted,
    the ``X-Forwarded-For`` handling that keeps each proxied client's own address."""
    limits = limits or Limits.from_config()
    opts: dict[str, Any] = {}
    if limits.max_body_bytes:
        # twice the app's limit: a declared Content-Length over the limit gets the app's own 413 (which names both
        # sizes); the waitress cap only bounds what a chunked or lying client can make the server buffer
        opts["max_request_body_size"] = 2 * limits.max_body_bytes
    # waitress trusts one proxy address; a reverse proxy on the same host (127.0.0.1) is the usual one
    single = [str(n.network_address) for n in limits.trusted_proxies if n.num_addresses == 1]
    if any(ipaddress.ip_address("127.0.0.1") in n for n in limits.trusted_proxies):
        single.insert(0, "127.0.0.1")
    if single:
        opts["trusted_proxy"] = single[0]
        opts["trusted_proxy_headers"] = {"x-forwarded-for"}
        opts["clear_untrusted_proxy_headers"] = True
    return opts


def init_app(app: Flask) -> Flask:
    """Install the limits on ``app`` (reads ``app.config`` and the environment once)."""
    limits = Limits.from_config(app.config)
    app.extensions["archive-kg-limits"] = limits
    app.extensions["archive-kg-query-slots"] = ClientSlots(limits.queries_per_client)
    if limits.max_body_bytes:
        if app.config.get("MAX_CONTENT_LENGTH") is None:
            app.config["MAX_CONTENT_LENGTH"] = limits.max_body_bytes
    app.before_request(check_query_length)
    app.wsgi_app = LimitsMiddleware(app.wsgi_app, limits)  # type: ignore[method-assign]
    app.extensions["archive-kg-limits-middleware"] = app.wsgi_app
    return app
