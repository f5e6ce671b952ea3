"""The surfaces for readers: the query workbench, full-text search, the views, and robots/sitemap/favicon/context.

``init_app`` registers them after the limits, so rate, size and header rules apply to them like to every route.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from server import search, site, views, workbench

    for module in (workbench, search, views, site):
        app.register_blueprint(module.bp)
    from server.pages import lang_name

    app.add_template_filter(lang_name)
