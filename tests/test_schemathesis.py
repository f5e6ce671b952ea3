"""Schemathesis against the OpenAPI description the server publishes at /openapi.json, played on a live
``kg serve`` on 127.0.0.1 (fixture build): every documented operation, with generated parameters, headers and
bodies, never gets a 5xx, only documented status codes, and a documented media type."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from server.openapi import load_spec
from tests.conftest import start_server
from tests.fixtures.server.build_fixture import make_out, stop

EXAMPLES = 60  # per operation; about 20 operations -> ~1200 requests


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory):
    out = make_out(tmp_path_factory.mktemp("schemathesis") / "var")
    proc, url = start_server(out)
    try:
        yield url
    finally:
        stop(proc)


# The description the server publishes is this file (test_published_description_is_the_file checks it); it is
# loaded at collection time because the lazy fixture loader of schemathesis does not work with this pytest.
schema = schemathesis.openapi.from_dict(load_spec())


def test_published_description_is_the_file(live_url: str) -> None:
    r = requests.get(live_url + "/openapi.json", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/json")
    served = r.json()
    assert served["openapi"].startswith("3.") and served["paths"] == load_spec()["paths"]
    for path in ("/sparql", "/dumps/", "/dumps/{name}", "/id/{path}", "/page/{path}", "/data/{path}", "/ontology",
                 "/reconcile", "/.well-known/void", "/exports/{name}", "/openapi.json"):
        assert path in served["paths"], path
    y = requests.get(live_url + "/openapi.yaml", timeout=10)
    assert y.status_code == 200 and "openapi: 3.0.3" in y.text


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case, live_url: str) -> None:
    response = case.call(base_url=live_url, timeout=30)
    what = f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
    # no crash: a 5xx only as a deliberate, documented 503/504 (time limit, busy workers) with a message
    assert response.status_code < 500 or (response.status_code in (503, 504) and response.text.strip()), what
    case.validate_response(response, checks=[checks.status_code_conformance, checks.content_type_conformance])
    if response.status_code >= 400 and case.method != "HEAD":
        assert response.text.strip(), "an error must say what went wrong"
