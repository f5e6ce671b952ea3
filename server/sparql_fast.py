"""The WSGI fast path of ``/sparql``: a plain GET or POST query is answered without Flask's request machinery.

Flask spends about as long on a cheap query's request as the query itself: it pushes an app and a request context,
matches the path against the routes of a dozen blueprints, runs every ``before_request`` hook (identifier history,
workbench, query length) and the response hooks, and looks up ``current_app``/``request`` through context locals a
few dozen times. :class:`SparqlFastPath` sits between the limits middleware (:mod:`server.limits`: rate limit, URL
and body limits, security headers and CSP, all unchanged) and Flask, and answers ``GET``/``POST`` on ``/sparql``
and ``/sparql/`` itself by calling the same function Flask's route calls, :func:`server.sparql.respond`, with a
request object of the app's own request class (same parsing of the URL, form and body, same body-size limits),
and sends the :class:`server.sparql.Reply` it gets as it is (the route turns the same reply into a ``Response``):

* the same guard, time and result-size limits, per-client query limit (429 + ``Retry-After``), content
  negotiation, error bodies, CORS and other headers, and the same per-build caches (invalidated when
  ``OUT/current`` points elsewhere), because it is the same code;
* the hook that matters for these requests runs first, as in Flask: the query-length limit (413/414,
  :func:`server.limits.query_too_long`); the identifier-history hook never matches ``/sparql``;
* what it does not answer goes to Flask untouched: other paths and methods (``HEAD``, ``OPTIONS``), and a GET
  that a browser would render (``Accept`` preferring HTML: the workbench's hook decides it);
* an exception is handled as Flask handles it: an HTTP error becomes its own response, anything else is logged
  on the app's logger (``Exception on /sparql [GET]``) and answered 500, or re-raised when the app propagates
  exceptions (testing).

``KG_SPARQL_FAST_PATH=0`` (``app.config`` or environment) turns it off; ``tests/test_sparql_fast.py`` compares
its answers and headers with Flask's over a matrix of queries, formats and methods.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.exceptions import HTTPException, InternalServerError

from server.limits import query_too_long
from server.sparql import respond
from server.workbench import prefers_html

PATHS = frozenset(("/sparql", "/sparql/"))
METHODS = frozenset(("GET", "POST"))


class SparqlFastPath:
    """WSGI middleware: answers plain ``/sparql`` GET and POST requests itself, hands the rest to ``wsgi_app``."""

    def __init__(self, wsgi_app: Callable, app: Flask) -> None:
        self.wsgi_app = wsgi_app
        self.app = app
        raw = app.config.get("KG_SPARQL_FAST_PATH", os.environ.get("KG_SPARQL_FAST_PATH", "1"))
        self.enabled = str(raw).strip().lower() not in ("0", "false", "no", "off", "")
        self.answered = 0  # requests answered here (for tests of the mechanism)

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        if (not self.enabled or environ.get("PATH_INFO") not in PATHS or environ.get("REQUEST_METHOD") not in METHODS
                or (environ["REQUEST_METHOD"] == "GET" and prefers_html(environ.get("HTTP_ACCEPT")))):
            return self.wsgi_app(environ, start_response)
        app = self.app
        config = app.config
        req = app.request_class(environ)
        # what Flask's request reads from the app config through current_app (there is no app context here)
        req.max_content_length = config.get("MAX_CONTENT_LENGTH")
        req.max_form_memory_size = config.get("MAX_FORM_MEMORY_SIZE")
        req.max_form_parts = config.get("MAX_FORM_PARTS")
        self.answered += 1
        try:
            limit = app.extensions["archive-kg-limits"].max_query_chars
            resp: Any = query_too_long(req, limit) or respond(app, req)
        except HTTPException as e:  # Flask answers an HTTP error raised by a view with the error's own response
            resp = e
        except Exception as e:
            propagate = config.get("PROPAGATE_EXCEPTIONS")
            if propagate or (propagate is None and (app.testing or app.debug)):
                raise
            app.logger.error(f"Exception on {req.path} [{req.method}]", exc_info=sys.exc_info())
            resp = InternalServerError(original_exception=e)
        finally:
            req.close()
        return resp(environ, start_response)
