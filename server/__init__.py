"""The Flask app: one blueprint per surface, all over the same store interface."""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

from kg.config import Settings

if TYPE_CHECKING:
    from flask import Flask


def create_app(settings: Settings | None = None, config: dict | None = None) -> Flask:
    # Flask is imported here, not at the top: query worker processes import server.executor, and should not
    # pay for the web framework when they boot
    from flask import Flask

    from server.state import ServerState

    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(config or {})
    app.extensions["archive-kg"] = ServerState(settings, dict(config or {}))

    from server import dumps, exports, identifiers, linked_data, reconcile, sparql

    app.register_blueprint(sparql.bp)
    app.register_blueprint(dumps.bp)
    app.register_blueprint(reconcile.bp)
    app.register_blueprint(__import__("server.openapi", fromlist=["bp"]).bp)  # /openapi.json, /openapi.yaml
    app.register_blueprint(exports.bp)
    app.register_blueprint(identifiers.bp)  # merged -> 301, withdrawn -> 410, before linked data
    app.register_blueprint(linked_data.bp)  # last: it owns the catch-all entity routes
    from server.sparql_fast import SparqlFastPath

    app.wsgi_app = SparqlFastPath(app.wsgi_app, app)  # type: ignore[method-assign]  # plain /sparql without Flask
    __import__("server.limits", fromlist=["init_app"]).init_app(app)  # rate/size limits, security headers
    __import__("server.web", fromlist=["init_app"]).init_app(app)  # workbench, search, views, robots/sitemap
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8080, threads: int = 8) -> None:
    """Serve with waitress (a production WSGI server), not Flask's development server."""
    from waitress import serve as waitress_serve

    app = create_app(settings)
    with app.app_context():  # boot the query workers and listen once they are ready, not on the first query
        ex = __import__("server.sparql", fromlist=["executor"]).executor()
        if hasattr(ex, "wait_ready"):
            ex.inline_in = "waitress-"  # waitress's request threads answer known-cheap queries without a hand-off
            ex.wait_ready(timeout=120)

    def stop(signum: int, frame: object) -> None:  # SIGTERM/SIGINT: end the query workers, then exit
        ex = app.extensions.get("archive-kg-executor")
        if ex is not None:
            ex.close()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"serving {settings.out_dir} on http://{host}:{port}/", flush=True)
    from server.limits import waitress_options

    waitress_serve(app, host=host, port=port, threads=threads, ident="archive-kg", **waitress_options())
