"""Blueprint: the OpenAPI 3 description of the HTTP API at the fixed paths ``/openapi.json`` and ``/openapi.yaml``.

The description is ``server/openapi.yaml`` (kept by hand beside the routes); ``servers`` is the server's own
root, so tools such as schemathesis can play it against whichever address serves it.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

import yaml
from flask import Blueprint, Response, request

bp = Blueprint("openapi", __name__)
SPEC_PATH = Path(__file__).with_name("openapi.yaml")


@functools.cache
def load_spec() -> dict:
    """The description as a dict (parsed once)."""
    with SPEC_PATH.open(encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    if not isinstance(spec, dict) or not str(spec.get("openapi", "")).startswith("3."):
        raise ValueError(f"{SPEC_PATH}: not an OpenAPI 3 document")
    return spec


def _served() -> dict:
    spec = copy.deepcopy(load_spec())
    spec["servers"] = [{"url": (request.script_root or "") + "/"}]
    return spec


@bp.route("/openapi.json")
def openapi_json() -> Response:
    return Response(json.dumps(_served(), indent=1), mimetype="application/json",
                    headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=3600"})


@bp.route("/openapi.yaml")
def openapi_yaml() -> Response:
    return Response(yaml.safe_dump(_served(), sort_keys=False, allow_unicode=True), mimetype="application/yaml",
                    headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=3600"})
