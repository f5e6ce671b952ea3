"""Every string from the data is escaped in HTML: a document (and a person, alias, place, organization,
archive, office, ontology term) whose text holds ``<script>`` and attribute-breaking markup shows it as text on
every HTML page of the live server, which is crawled from the landing page."""

from __future__ import annotations

import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests.conftest import start_server
from tests.fixtures.server.build_fixture import make_out, stop


def payload(tag: str) -> str:
    return f"<script>alert('{tag}')</script><img src=x onerror=alert('{tag}')>\"'><svg onload=alert('{tag}')> {tag}"


FIELDS = ["title", "body", "abstract", "citation", "note", "person", "altlabel", "alias", "place", "org", "archive",
          "office", "translator", "ontology"]


def q(tag: str) -> str:
    return json.dumps(payload(tag))  # a valid Turtle string literal (JSON escaping is a subset)


EVIL_TRIG = f"""
<https://w3id.org/archive-kg/graph/documents> {{
  doc:d-evil a akg:Letter, akg:Document ;
    dcterms:identifier "d-evil" ;
    dcterms:title {q("title")}@en ;
    dcterms:date "1951-01-02"^^xsd:date ;
    dcterms:abstract {q("abstract")}@en ;
    akg:sender id:person\\/evil-person ;
    akg:senderAlias id:alias\\/evil-person--evil ;
    akg:recipient id:person\\/joseph-stalin ;
    akg:sentFrom id:place\\/evil-place ;
    akg:translator {q("translator")} ;
    akg:mentionsOrganization id:organization\\/evil-org ;
    akg:mentionsPerson id:person\\/evil-person ;
    akg:archivalReference doc:d-evil\\/reference\\/r ;
    akg:editorialNote doc:d-evil\\/note\\/1 ;
    akg:bodyText {q("body")} .
  doc:d-evil\\/reference\\/r a akg:ArchivalReference ; akg:repository id:archive\\/evil-archive ; akg:fond "1" ;
    dcterms:bibliographicCitation {q("citation")} .
  doc:d-evil\\/note\\/1 a akg:EditorialNote ; akg:noteType "gloss" ; rdf:value {q("note")} .
  doc:d-evil\\/attestation\\/a1 a akg:Attestation, rdf:Statement ;
    rdf:subject doc:d-evil ; rdf:predicate akg:mentionsPerson ; rdf:object id:person\\/evil-person ;
    akg:inDocument doc:d-evil ; akg:charStart 0 ; akg:charEnd 8 ; akg:quote "<script>" .
}}
<https://w3id.org/archive-kg/graph/authorities> {{
  id:person\\/evil-person a akg:Person, akg:Agent ; rdfs:label {q("person")}@en ; skos:altLabel {q("altlabel")} ;
    akg:hasAlias id:alias\\/evil-person--evil ; akg:reconciled false .
  id:alias\\/evil-person--evil a akg:Alias ; rdfs:label {q("alias")} ; akg:aliasOf id:person\\/evil-person ;
    akg:attestedIn doc:d-evil .
  id:place\\/evil-place a akg:Place ; rdfs:label {q("place")}@en .
  id:organization\\/evil-org a akg:Organization, akg:Agent ; rdfs:label {q("org")}@en .
  id:archive\\/evil-archive a akg:Archive, akg:Organization, akg:Agent ; rdfs:label {q("archive")}@en .
  id:office\\/evil-office a akg:Office ; rdfs:label {q("office")}@en .
}}
<https://w3id.org/archive-kg/graph/ontology> {{
  akg:evilProperty a owl:DatatypeProperty ; rdfs:label {q("ontology")}@en ; rdfs:comment {q("ontology")}@en .
}}
"""

MUST_SEE = {  # page -> fields whose payload must be shown there as text
    "/page/document/d-evil": ["title", "body", "citation", "note", "translator"],
    "/page/person/evil-person": ["person"],
    "/page/alias/evil-person--evil": ["alias"],
    "/page/place/evil-place": ["place"],
    "/page/organization/evil-org": ["org"],
    "/page/archive/evil-archive": ["archive"],
    "/page/office/evil-office": ["office"],
}
MAX_PAGES = 150


class Page(HTMLParser):
    """What matters for script injection in a page: script elements, event-handler attributes, URL schemes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[str, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        for k, v in a.items():
            if k.startswith("on"):
                self.handlers.append((tag, k))
            if k in ("href", "src", "action", "formaction", "data", "xlink:href"):
                self.urls.append(v)
        if tag in ("script", "svg", "iframe", "object", "embed") and tag != "script":
            self.handlers.append((tag, "element"))
        if tag == "img" and "onerror" in a:
            self.handlers.append((tag, "onerror"))
        if tag == "script":  # an external script keeps its src in the kind: ("external:" + src)
            self._script, self._buf = ("external:" + a["src"]) if a.get("src") else a.get("type", ""), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buf)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._buf.append(data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    out = make_out(tmp_path_factory.mktemp("xss") / "var", extra_trig=EVIL_TRIG)
    proc, url = start_server(out)
    try:
        yield url
    finally:
        stop(proc)


def check_page(url: str, html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    assert not p.handlers, f"{url}: active markup from data: {p.handlers}"
    for kind, content in p.scripts:
        if kind.startswith("external:"):  # our own bundled code only, never inline code
            assert kind.startswith("external:/static/") and not content.strip(), f"{url}: script {kind!r}"
            continue
        assert kind in ("application/ld+json", "application/json"), f"{url}: a script of type {kind!r}"
        json.loads(content)  # still one well-formed JSON value (data for the page's code): nothing broke out of it
    for u in p.urls:
        scheme = re.sub(r"[\x00-\x20]", "", u).lower().split(":", 1)[0]
        assert scheme not in ("javascript", "vbscript", "data"), f"{url}: {u!r}"
    for field in FIELDS:
        assert f"<script>alert('{field}')" not in html, (url, field)
        assert f"<img src=x onerror=alert('{field}')" not in html, (url, field)
        assert f"<svg onload=alert('{field}')" not in html, (url, field)
    return p


def test_every_html_page_shows_the_script_as_text(served: str) -> None:
    seen: set[str] = set()
    todo = deque(["/", "/dumps/", "/ontology", *MUST_SEE, "/page/person/joseph-stalin", "/id/person/%3Cscript%3E",
                  "/page/nothing/<script>alert(1)</script>", "/sparql",
                  "/search?q=evil", "/search?q=%3Cscript%3E", "/views/network", "/views/timeline", "/views/map"])
    pages = 0
    while todo and pages < MAX_PAGES:
        path = todo.popleft()
        if path in seen:
            continue
        seen.add(path)
        r = requests.get(served + path, headers={"Accept": "text/html"}, timeout=30)
        assert r.status_code < 500, (path, r.status_code)
        if not r.headers.get("Content-Type", "").startswith("text/html"):
            continue
        pages += 1
        page = check_page(path, r.text)
        text = "".join(page.text)
        for field in MUST_SEE.get(path, []):
            assert payload(field) in text, f"{path}: the {field} is not shown as text"
        for href in page.urls:
            target = urlsplit(urljoin(served + path, href))
            if target.netloc == urlsplit(served).netloc and target.path.startswith(("/page/", "/id/", "/ontology")):
                todo.append(target.path)
    assert pages >= len(MUST_SEE) + 5, seen
    assert set(MUST_SEE) <= seen


def test_the_checker_catches_injection() -> None:
    """The page check itself fails on a page that lets the payload through (so a pass means something)."""
    for bad in (f"<p>{payload('title')}</p>", '<a href=" javascript:alert(1)">x</a>',
                '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
                '<script type="application/json">{"a": "</script><script>alert(1)</script>"}</script>',
                '<script src="https://cdn.example/x.js"></script>', '<script src="/static/x.js">alert(1)</script>'):
        with pytest.raises((AssertionError, ValueError)):
            check_page("/fake", f"<!doctype html><html><body>{bad}</body></html>")


def test_rdf_of_the_evil_document_keeps_the_text(served: str) -> None:
    """Escaping is for HTML only: the RDF gives the text back exactly as written."""
    import pyoxigraph as ox

    r = requests.get(served + "/data/document/d-evil.nt", timeout=30)
    assert r.status_code == 200
    values = {t.object.value for t in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)
              if isinstance(t.object, ox.Literal)}
    assert payload("body") in values and payload("title") in values
