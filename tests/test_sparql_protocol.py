"""The W3C SPARQL 1.1 Protocol test suite, played against the live server.

Reads ``protocol-manifest.ttl`` (W3C HTTP-in-RDF requests), loads ``data1/2/3.nt`` as the named graphs the
tests expect (with ``kg load``), starts ``kg serve`` on 127.0.0.1 and sends every request as written. The
``update_*`` tests exercise SPARQL Update, which a read-only public endpoint refuses by design: they are
reported as not applicable. Every query test and every ``bad_*`` test (``bad_update_*`` included: a read-only
endpoint passes them by refusing with a 4xx) must pass.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from tests.conftest import ROOT, SHARED, start_server
from tests.virtuoso_support import virtuoso_env

W3C = SHARED / "reference" / "w3c-sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

MANIFEST = Graph().parse(W3C / "protocol-manifest.ttl", format="turtle", publicID=(W3C / "protocol-manifest.ttl").as_uri())
ENTRIES = list(Collection(MANIFEST, MANIFEST.value(next(MANIFEST.subjects(RDF.type, MF.Manifest)), MF.entries)))


def _name(test: URIRef) -> str:
    return str(test).rsplit("#", 1)[1]


@pytest.fixture(scope="module", params=["embedded", "virtuoso"])
def w3c_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The same server over each engine (KG_ENGINE; Virtuoso: a managed instance, tests/virtuoso_support.py)."""
    env = dict(os.environ)
    if request.param == "virtuoso":
        env.update(virtuoso_env(request.getfixturevalue("virtuoso_home")))
    out = tmp_path_factory.mktemp("w3c")
    for n in (1, 2, 3):
        r = subprocess.run([sys.executable, "-m", "kg.cli", "load", str(W3C / f"data{n}.nt"), "--graph",
                            f"http://kasei.us/2009/09/sparql/data/data{n}.rdf", "--out", str(out)],
                           cwd=ROOT, capture_output=True, text=True, env=env)
        assert r.returncode == 0, r.stderr
    proc, url = start_server(out, extra_env=env)
    yield url
    proc.terminate()
    proc.wait(10)


def _requests(test: URIRef) -> list[URIRef]:
    action = MANIFEST.value(test, MF.action)
    return list(Collection(MANIFEST, MANIFEST.value(action, HT.requests)))


def _check_format(fmt: str, ctype: str, body: bytes, expected_bool) -> None:
    media = ctype.split(";")[0].strip().lower()
    if fmt == "boolean":
        if media == "application/sparql-results+json":
            value = json.loads(body)["boolean"]
        elif media == "application/sparql-results+xml":
            root = ET.fromstring(body)
            value = root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
        else:
            raise AssertionError(f"a boolean result came as {media}")
        if expected_bool is not None:
            assert value == expected_bool.toPython()
    elif fmt == "tabular":
        assert media in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                         "text/tab-separated-values"), media
        if media == "application/sparql-results+json":
            assert "results" in json.loads(body)
    elif fmt == "RDF":
        fmts = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                "application/ld+json": "json-ld"}
        assert media in fmts, media
        Graph().parse(data=body, format=fmts[media])
    else:
        raise AssertionError(f"unknown expected format {fmt}")


@pytest.mark.parametrize("test", ENTRIES, ids=[_name(t) for t in ENTRIES])
def test_w3c_protocol(w3c_server: str, test: URIRef) -> None:
    name = _name(test)
    if name.startswith("update_"):
        pytest.skip("not applicable: SPARQL Update on a read-only public endpoint (refused by design)")
    base = urlsplit(w3c_server)
    for req in _requests(test):
        method = str(MANIFEST.value(req, HT.methodName))
        path = str(MANIFEST.value(req, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
        headers = {}
        hdrs = MANIFEST.value(req, HT.headers)
        if hdrs is not None:
            for h in Collection(MANIFEST, hdrs):
                headers[str(MANIFEST.value(h, HT.fieldName))] = str(MANIFEST.value(h, HT.fieldValue))
        body = None
        b = MANIFEST.value(req, HT.body)
        if b is not None:
            enc = str(MANIFEST.value(b, CNT.characterEncoding) or "UTF-8")
            body = str(MANIFEST.value(b, CNT.chars)).encode(enc)
        conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        expected = MANIFEST.value(req, HT.resp)
        classes = {str(s).rsplit("#", 1)[1] for s in MANIFEST.objects(expected, MF.expectedStatus)}
        got = f"StatusCode{resp.status // 100}xx"
        assert got in classes, f"{name}: {method} {path} -> {resp.status} {data[:300]!r}, expected {classes}"
        fmt = MANIFEST.value(expected, MF.expectedFormat)
        if fmt is not None:
            _check_format(str(fmt), resp.getheader("Content-Type", ""), data, MANIFEST.value(expected, MF.expectedBoolean))


def test_manifest_data_is_what_the_server_holds(w3c_server: str) -> None:
    """ut:graphData names the graphs; the server's service description lists exactly those."""
    wanted = {str(lbl) for gd in MANIFEST.objects(None, UT.graphData) for lbl in MANIFEST.objects(gd, RDFS.label)}
    assert wanted == {f"http://kasei.us/2009/09/sparql/data/data{n}.rdf" for n in (1, 2, 3)}
    sd = _service_description(w3c_server)
    names = {str(o) for o in sd.objects(None, SD.name)}
    assert wanted <= names


def _service_description(url: str, accept: str = "text/turtle") -> Graph:
    u = urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.request("GET", "/sparql", headers={"Accept": accept})
    resp = conn.getresponse()
    body = resp.read()
    assert resp.status == 200
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
           "application/n-triples": "nt"}[resp.getheader("Content-Type").split(";")[0]]
    return Graph().parse(data=body, format=fmt)


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"])
def test_service_description_returns_rdf(w3c_server: str, accept: str) -> None:
    g = _service_description(w3c_server, accept)
    assert len(g) > 10


def test_service_description_has_endpoint_triple(w3c_server: str) -> None:
    g = _service_description(w3c_server)
    assert (None, SD.endpoint, URIRef(w3c_server + "/sparql")) in g


def test_service_description_conforms_to_schema(w3c_server: str) -> None:
    g = _service_description(w3c_server)
    service = next(g.subjects(RDF.type, SD.Service))
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    ds = g.value(service, SD.defaultDataset)
    assert (ds, RDF.type, SD.Dataset) in g
    assert g.value(ds, SD.defaultGraph) is not None
    for ng in g.objects(ds, SD.namedGraph):
        assert (ng, RDF.type, SD.NamedGraph) in g and isinstance(g.value(ng, SD.name), URIRef)
    formats = set(g.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats

