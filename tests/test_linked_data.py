"""Linked data against the real server (``kg serve`` on 127.0.0.1) over a small fixture build:
303 content negotiation, suffixes, full descriptions, HTML pages, ontology, landing page, VoID, base IRI."""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import start_server
from tests.fixtures.server.build_fixture import make_out, stop

BASE = "https://w3id.org/archive-kg/"
ID = BASE + "id/"
AKG = "https://w3id.org/archive-kg/ontology#"
RDF_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
             "rdf": "application/rdf+xml"}
OX_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
              "application/n-triples": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    out = make_out(tmp_path_factory.mktemp("ld") / "var")
    proc, url = start_server(out)
    try:
        yield url
    finally:
        stop(proc)


def triples(resp: requests.Response) -> set[tuple[str, str, str]]:
    media = resp.headers["Content-Type"].split(";")[0].strip()
    parsed = ox.parse(resp.content, format=OX_FORMATS[media])
    return {(str(t.subject), str(t.predicate), str(t.object)) for t in parsed}


def iri(s: str) -> str:
    return f"<{s}>"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.alternates: list[tuple[str, str]] = []
        self.scripts: list[tuple[str, str]] = []
        self._script: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append((a.get("type"), a.get("href")))
        if tag == "script":
            self._script, self._buf = a.get("type") or "", []

    def handle_data(self, data):
        if self._script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buf)))
            self._script = None


def parse_html(text: str) -> Links:
    p = Links()
    p.feed(text)
    return p


# -- 303 negotiation, suffixes, 404/406 ---------------------------------------------------------------------------


@pytest.mark.parametrize("accept,target", [
    (BROWSER, "/page/person/joseph-stalin"),
    ("text/turtle", "/data/person/joseph-stalin.ttl"),
    ("application/ld+json", "/data/person/joseph-stalin.jsonld"),
    ("application/n-triples", "/data/person/joseph-stalin.nt"),
    ("application/rdf+xml", "/data/person/joseph-stalin.rdf"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "/data/person/joseph-stalin.jsonld"),
    ("application/rdf+xml, text/html;q=0.1", "/data/person/joseph-stalin.rdf"),
])
def test_entity_iri_answers_303_by_accept(server: str, accept: str, target: str) -> None:
    r = requests.get(server + "/id/person/joseph-stalin", headers={"Accept": accept}, allow_redirects=False)
    assert r.status_code == 303
    assert r.headers["Location"].endswith(target)
    assert "accept" in r.headers["Vary"].lower()
    followed = requests.get(server + "/id/person/joseph-stalin", headers={"Accept": accept})
    assert followed.status_code == 200
    if target.startswith("/data/"):
        media = RDF_TYPES[target.rsplit(".", 1)[1]]
        assert followed.headers["Content-Type"].startswith(media)
        assert (iri(ID + "person/joseph-stalin"), iri(AKG + "hasAlias"), iri(ID + "alias/joseph-stalin--feng-xi")) \
            in triples(followed)
    else:
        assert followed.headers["Content-Type"].startswith("text/html")
        assert "<h1>Joseph Stalin</h1>" in followed.text


@pytest.mark.parametrize("path", ["/id/person/joseph-stalin", "/data/person/joseph-stalin"])
@pytest.mark.parametrize("suffix,media", sorted(RDF_TYPES.items()))
def test_a_suffix_picks_the_format(server: str, path: str, suffix: str, media: str) -> None:
    r = requests.get(f"{server}{path}.{suffix}", headers={"Accept": "text/html"}, allow_redirects=False)
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0] == media
    ts = triples(r)
    assert (iri(ID + "person/joseph-stalin"), iri("http://www.w3.org/2002/07/owl#sameAs"),
            iri("http://www.wikidata.org/entity/Q855")) in ts


def test_curl_sees_303_and_vary(server: str) -> None:
    import subprocess

    out = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", "-H", "Accept: text/turtle",
                          server + "/id/document/d-telegram"], capture_output=True, text=True, timeout=30).stdout
    assert out.startswith("HTTP/1.1 303")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines()[1:] if ":" in line)}
    assert headers["location"].endswith("/data/document/d-telegram.ttl")
    assert "Accept" in headers["vary"]


def test_unknown_iri_is_404_html_or_plain(server: str) -> None:
    for path in ("/id/person/nobody", "/id/person/nobody.ttl", "/page/person/nobody", "/data/person/nobody.ttl",
                 "/id/", "/id/person/%3Cscript%3E", "/id/person/a%20b"):
        html = requests.get(server + path, headers={"Accept": BROWSER}, allow_redirects=False)
        assert html.status_code == 404, path
        assert html.headers["Content-Type"].startswith("text/html")
        assert "<script>" not in html.text.split("</head>", 1)[1]
        plain = requests.get(server + path, headers={"Accept": "text/turtle"}, allow_redirects=False)
        assert plain.status_code == 404, path
        assert plain.headers["Content-Type"].startswith("text/plain")


def test_nothing_acceptable_is_406(server: str) -> None:
    r = requests.get(server + "/id/person/joseph-stalin", headers={"Accept": "image/png"}, allow_redirects=False)
    assert r.status_code == 406
    assert "text/turtle" in r.text


# -- descriptions -------------------------------------------------------------------------------------------------


def test_document_description_is_complete(server: str) -> None:
    ts = triples(requests.get(server + "/id/document/d-telegram.nt"))
    doc = iri(ID + "document/d-telegram")
    subjects = {s for s, _, _ in ts}
    # own triples, sub-resources (events, distribution, reference, notes, flags) and attestations
    for part in ("event/sent", "event/deciphered", "distribution/stalin", "distribution/molotov", "reference/aprf",
                 "note/1", "flag/1", "attestation/a1", "attestation/a2", "attestation/a3", "attestation/a4"):
        assert iri(ID + "document/d-telegram/" + part) in subjects, part
    assert (iri(ID + "document/d-telegram/reference/aprf"), iri(AKG + "fond"), '"45"') in ts
    assert (doc, iri(AKG + "recipientAlias"), iri(ID + "alias/joseph-stalin--feng-xi")) in ts
    # labels of what it links to, including through its sub-resources
    assert (iri(ID + "person/joseph-stalin"), iri("http://www.w3.org/2000/01/rdf-schema#label"), '"Joseph Stalin"@en') in ts
    assert (iri(ID + "archive/aprf"), iri("http://www.w3.org/2000/01/rdf-schema#label"),
            '"Archive of the President of the Russian Federation"@en') in ts
    # what points to it: the alias attested in it
    assert (iri(ID + "alias/joseph-stalin--feng-xi"), iri(AKG + "attestedIn"), doc) in ts
    # and nothing of the other document's own statements
    assert not any(s == iri(ID + "document/d-cable") and p == iri(AKG + "bodyText") for s, p, _ in ts)


def test_person_description_has_the_documents_that_point_to_it(server: str) -> None:
    ts = triples(requests.get(server + "/data/person/joseph-stalin.ttl"))
    person = iri(ID + "person/joseph-stalin")
    assert (iri(ID + "document/d-telegram"), iri(AKG + "recipient"), person) in ts
    assert (iri(ID + "document/d-cable"), iri(AKG + "mentionsPerson"), person) in ts
    assert any(s == iri(ID + "document/d-cable") and p == "<http://purl.org/dc/terms/title>" for s, p, _ in ts)
    assert (iri(ID + "alias/joseph-stalin--feng-xi"), iri(AKG + "attestedIn"), iri(ID + "document/d-telegram")) in ts
    assert (person, iri("http://www.w3.org/2004/02/skos/core#altLabel"), '"Иосиф Виссарионович Сталин"@ru') in ts


# -- HTML pages -----------------------------------------------------------------------------------------------------


def test_document_page(server: str) -> None:
    r = requests.get(server + "/id/document/d-telegram", headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.url.endswith("/page/document/d-telegram")
    t = r.text
    assert "<h1>Ciphered Telegram from Matveyev (Zakharov) to Feng Xi (Stalin)</h1>" in t
    # senders and recipients as written, linked to the alias page and to the person
    assert re.search(r'as written: <q><a href="/id/alias/joseph-stalin--feng-xi"[^>]*>Feng Xi</a></q> — cover name of '
                     r'<a href="/id/person/joseph-stalin"', t)
    assert 'href="/id/alias/matvei-zakharov--matveyev"' in t
    # header events, distribution, citation in parts and verbatim, translator, notes, flags, source, summary
    assert "27.9.50 at 23:50 p.m." in t and "by wire" in t and "Morozov" in t
    assert "<td>Stalin - 2</td>" in t and "10 copies made." in t
    assert "<b>fond</b> 45" in t and "<b>delo</b> 347" in t
    assert "APRF, fond 45, opis 1, delo 347, listy 41-45." in t
    assert "Gary Goldberg" in t and "[Korean People&#39;s Army]" in t and "Minute 101 is out of range" in t  # a data-quality note, worded as a sentence
    assert 'href="https://digitalarchive.wilsoncenter.org/document/example-telegram"' in t
    assert "Zakharov reports on the predicament" in t
    # the text, with its mentions linked where the attestations point (a3's offsets are stale: found by its quote)
    body = t.split('<div class="body-text" id="text">', 1)[1].split("</div>", 1)[0]
    assert re.search(r'<a class="mention mentionsOrganization" href="/id/organization/kpa"[^>]*>KPA</a>', body)
    assert re.search(r'<a class="mention mentionsPlace" href="/id/place/pyongyang"[^>]*>Pyongyang</a>', body)
    assert re.search(r'<a class="mention mentionsPerson" href="/id/person/joseph-stalin"[^>]*>Feng Xi</a> must be told', body)
    assert re.sub(r"<[^>]+>", "", body).replace("&#39;", "'") == (
        "Having familiarized myself with the predicament of the KPA [Korean People's Army], I report: the situation "
        "in Pyongyang is severe. Feng Xi must be told.\n\nMatveyev")


def test_page_carries_its_rdf(server: str) -> None:
    r = requests.get(server + "/page/document/d-telegram")
    p = parse_html(r.text)
    ld = [json.loads(body) for kind, body in p.scripts if kind == "application/ld+json"]
    # the page embeds a small schema.org description of the document (the whole description is an alternate)
    assert len(ld) == 1 and ld[0]["@context"] == "https://schema.org/" and ld[0]["@id"] == ID + "document/d-telegram"
    assert ld[0]["recipient"]["@id"] == ID + "person/joseph-stalin" and ld[0]["recipient"]["name"] == "Joseph Stalin"
    assert len(r.content) < 60_000
    assert {media for media, _ in p.alternates} == set(RDF_TYPES.values())
    for media, href in p.alternates:
        alt = requests.get(server + href)
        assert alt.status_code == 200 and alt.headers["Content-Type"].startswith(media)
        assert (iri(ID + "document/d-telegram"), iri(AKG + "sender"), iri(ID + "person/matvei-zakharov")) in triples(alt)


def test_data_is_escaped_in_html(server: str) -> None:
    t = requests.get(server + "/page/document/d-cable").text
    assert "<script>document.title" not in t and "<script>alert" not in t and "<b>bold</b>" not in t
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp; more." in t
    assert "<h1>Cable from Gromyko to the Soviet Ambassador in Peking &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>" in t
    # the JSON-LD in the page cannot close its script element either
    scripts = parse_html(t).scripts
    assert [kind for kind, _ in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0][1])["name"].endswith("<script>alert('x')</script>")
    # an IRI in the data is a link only if it is http(s) or ours: never a javascript: link; attributes are quoted
    assert "javascript:" not in "".join(parse_html(t).hrefs)
    assert 'href="https://example.org/x?a=1&amp;b=%222%22&amp;c=x%3Cy"' in t
    # the same title in lists on other pages is escaped too
    person = requests.get(server + "/page/person/joseph-stalin").text
    assert "<script>alert" not in person and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in person


def test_person_page(server: str) -> None:
    t = requests.get(server + "/page/person/joseph-stalin").text
    assert "<h1>Joseph Stalin</h1>" in t
    assert '<span lang="ru">Иосиф Виссарионович Сталин</span>' in t and '<span lang="zh">斯大林</span>' in t
    assert "ru-latn" in t.lower() and "Iosif Stalin" in t and "Stalen" in t
    assert '<a class="external" href="https://www.wikidata.org/wiki/Q855">Q855</a>' in t
    section = t.split("<h2>Cover names</h2>", 1)[1].split("</section>", 1)[0]
    assert 'href="/id/alias/joseph-stalin--feng-xi"' in section and 'href="/id/document/d-telegram"' in section
    received = t.split("<h2>Documents received</h2>", 1)[1].split("</section>", 1)[0]
    assert 'href="/id/document/d-telegram"' in received and "d-cable" not in received
    mentioning = t.split("<h2>Documents mentioning Joseph Stalin</h2>", 1)[1].split("</section>", 1)[0]
    assert 'href="/id/document/d-telegram"' in mentioning and 'href="/id/document/d-cable"' in mentioning
    assert "<h2>Documents sent</h2>" not in t
    sender = requests.get(server + "/page/person/andrei-gromyko").text
    sent = sender.split("<h2>Documents sent</h2>", 1)[1].split("</section>", 1)[0]
    assert 'href="/id/document/d-cable"' in sent
    # an unreconciled person: no Wikidata link, says so
    molotov = requests.get(server + "/page/person/u-molotov").text
    assert "wikidata.org" not in molotov and "Not yet reconciled" in molotov
    distribution = molotov.split("<h2>On the distribution list of</h2>", 1)[1].split("</section>", 1)[0]
    assert re.search(r'href="/id/document/d-telegram"[^>]*>Ciphered Telegram from Matveyev', distribution)


@pytest.mark.parametrize("path,title,expect", [
    ("alias/joseph-stalin--feng-xi", "Feng Xi", ['Cover name of <a href="/id/person/joseph-stalin"', 'href="/id/document/d-telegram"']),
    ("place/pyongyang", "Pyongyang", ['<span lang="ko">평양</span>', 'href="/id/document/d-telegram"']),
    ("organization/kpa", "Korean People&#39;s Army", ['href="/id/document/d-telegram"']),
    ("archive/aprf", "Archive of the President of the Russian Federation", ['href="/id/document/d-telegram/reference/aprf"']),
    ("office/soviet-ambassador-peking", "Soviet Ambassador, Peking", ['href="/id/document/d-cable"']),
    ("document/d-telegram/event/sent", "sent", ['href="/id/place/pyongyang"']),
])
def test_other_entity_pages(server: str, path: str, title: str, expect: list[str]) -> None:
    r = requests.get(server + "/id/" + path, headers={"Accept": BROWSER})
    assert r.status_code == 200
    assert f"<h1>{title}</h1>" in r.text
    for e in expect:
        assert e in r.text


def test_every_link_works_on_this_server(server: str) -> None:
    """Crawl the site from the landing page: every local link answers 200, no link leads to the base IRI's host."""
    seen: set[str] = set()
    todo = ["/"]
    while todo and len(seen) < 150:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        r = requests.get(server + path, headers={"Accept": BROWSER})
        assert r.status_code == 200, path
        if not r.headers["Content-Type"].startswith("text/html"):
            continue
        for href in parse_html(r.text).hrefs:
            assert not href.startswith(BASE), f"{path} links to the base IRI host: {href}"
            if href.startswith("/") and not href.startswith("/sparql"):
                todo.append(href.split("#", 1)[0])
    assert {"/id/person/joseph-stalin", "/id/document/d-cable", "/id/place/pyongyang", "/dumps/", "/ontology"} <= seen


# -- ontology, landing page, VoID -------------------------------------------------------------------------------


def test_ontology_dereferences(server: str) -> None:
    html = requests.get(server + "/ontology", headers={"Accept": BROWSER})
    assert html.status_code == 200 and "accept" in html.headers["Vary"].lower()
    t = html.text
    assert '<div class="term" id="Person">' in t and '<div class="term" id="sender">' in t
    assert "Who sent the document &lt;b&gt;as identified&lt;/b&gt;." in t
    assert 'href="https://www.ica.org/standards/RiC/ontology#Record"' in t  # alignments shown
    for accept in ("text/turtle", "application/ld+json", "application/rdf+xml"):
        r = requests.get(server + "/ontology", headers={"Accept": accept})
        assert r.headers["Content-Type"].startswith(accept)
        assert (iri(AKG + "Person"), iri("http://www.w3.org/2002/07/owl#equivalentClass"), "<http://schema.org/Person>") in triples(r)
    ttl = requests.get(server + "/ontology.ttl")
    assert ttl.headers["Content-Type"].startswith("text/turtle")
    assert (iri(AKG + "sender"), iri("http://www.w3.org/2000/01/rdf-schema#domain"), iri(AKG + "Document")) in triples(ttl)
    # a term's IRI in a page links to its anchor in the documentation
    page = requests.get(server + "/page/document/d-telegram").text
    assert 'href="/ontology#Telegram"' in page


def test_landing_page(server: str) -> None:
    r = requests.get(server + "/")
    assert r.status_code == 200
    t = r.text
    assert "<b>2</b> documents" in t and "<b>4</b> persons" in t
    assert "creativecommons.org/licenses/by/4.0/" in t
    assert 'href="/dumps/"' in t and 'href="/.well-known/void"' in t
    persons = t.split("<h2>Persons</h2>", 1)[1].split("</section>", 1)[0]
    # Stalin: the telegram (recipient, mentions, distribution) and the cable (mentions) point to him
    assert '<a href="/id/person/joseph-stalin">Joseph Stalin</a> <span class="tag" title="documents">2</span>' in persons
    assert persons.index("Joseph Stalin") < persons.index("Andrei Gromyko")
    assert 'href="/id/place/pyongyang"' in t.split("<h2>Places</h2>", 1)[1].split("</section>", 1)[0]
    schema = [json.loads(b) for kind, b in parse_html(t).scripts if kind == "application/ld+json"]
    ds = next(s for s in schema if s.get("@type") == "Dataset")
    assert ds["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert ds["name"] and ds["description"]
    names = {d["name"] for d in ds["distribution"]}
    assert {"dataset.ttl", "dataset.nt.gz", "dataset.jsonld", "void.ttl"} <= names and "escape.ttl" not in names
    for d in ds["distribution"]:
        assert d["@type"] == "DataDownload" and d["contentUrl"].startswith(server + "/dumps/")
        got = requests.get(d["contentUrl"])
        assert got.status_code == 200 and got.headers["Content-Type"].startswith(d["encodingFormat"])
        assert hashlib.sha256(got.content).hexdigest() == d["sha256"]
        assert int(d["contentSize"]) == len(got.content)


def test_example_queries_run_with_one_click(server: str, tmp_path: Path) -> None:
    hrefs = [h for h in parse_html(requests.get(server + "/").text).hrefs if h.startswith("/sparql?")]
    assert len(hrefs) >= 4
    out = make_out(tmp_path / "var")
    store = ox.Store.read_only(str(out / "current" / "store"))
    answered = 0
    from server.examples import HISTORIAN_QUESTIONS

    historians = {q for _, q in HISTORIAN_QUESTIONS}  # about the real collection: tests/test_web.py runs them
    for href in hrefs:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["query"][0]
        if query in historians:
            continue
        rows = list(store.query(query, use_default_graph_as_union=True))  # the query is valid SPARQL and finds data
        assert rows, query
        r = requests.get(server + href, headers={"Accept": "application/sparql-results+json"})
        if r.status_code != 404:  # the endpoint is another module's; when it is there, the link must work
            assert r.status_code == 200
            assert len(r.json()["results"]["bindings"]) == len(rows)
            answered += 1
    assert answered in (0, len(hrefs) - len(historians))


def test_void(server: str) -> None:
    r = requests.get(server + "/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    assert "accept" in r.headers["Vary"].lower()
    ts = triples(r)
    assert (iri(BASE + "dataset"), iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            "<http://rdfs.org/ns/void#Dataset>") in ts
    jl = requests.get(server + "/.well-known/void", headers={"Accept": "application/ld+json"})
    assert jl.headers["Content-Type"].startswith("application/ld+json")
    named = {t for t in ts if not any(x.startswith("_:") for x in t)}
    jl_triples = triples(jl)
    assert len(jl_triples) == len(ts) and {t for t in jl_triples if not any(x.startswith("_:") for x in t)} == named
    html = requests.get(server + "/.well-known/void", headers={"Accept": BROWSER})
    assert html.headers["Content-Type"].startswith("text/html") and "void:Dataset" in html.text
    ds = requests.get(server + "/dataset", headers={"Accept": "text/turtle"}, allow_redirects=False)
    assert ds.status_code == 303 and ds.headers["Location"].endswith("/.well-known/void")


def test_base_iri_is_configurable(tmp_path: Path) -> None:
    base = "http://example.org/akg/"
    out = make_out(tmp_path / "var", base=base)
    proc, url = start_server(out, extra_env={"KG_BASE_IRI": base})
    try:
        r = requests.get(url + "/id/person/joseph-stalin", headers={"Accept": "text/turtle"})
        assert r.status_code == 200
        assert (f"<{base}id/person/joseph-stalin>", iri(AKG + "hasAlias"), f"<{base}id/alias/joseph-stalin--feng-xi>") \
            in triples(r)
        page = requests.get(url + "/id/person/joseph-stalin").text
        assert 'href="/id/alias/joseph-stalin--feng-xi"' in page and f"identifier: <code>{base}id/person/joseph-stalin</code>" in page
    finally:
        stop(proc)


def test_named_graph_iris_dereference(server: str) -> None:
    r = requests.get(server + "/graph/documents", headers={"Accept": "text/turtle"}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("/data/graph/documents.ttl")
    ts = triples(requests.get(server + "/graph/documents", headers={"Accept": "text/turtle"}))
    assert (iri(BASE + "dataset"), "<http://rdfs.org/ns/void#subset>", iri(BASE + "graph/documents")) in ts
    assert requests.get(server + "/graph/nothing").status_code == 404


HEADER_TEXT = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)
ACCEPT = st.one_of(
    HEADER_TEXT,
    st.lists(st.tuples(st.sampled_from(["text/html", "text/turtle", "application/ld+json", "*/*", "text/*",
                                        "application/*", "image/png", "application/n-triples", "*/html", "bogus"]),
                       st.one_of(st.none(), st.one_of(st.floats(-2, 3).map(lambda q: f"{q:.3f}"), st.just("nan"), st.just("inf")), HEADER_TEXT)),
             max_size=5).map(lambda parts: ", ".join(m if q is None else f"{m};q={q}" for m, q in parts)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(accept=ACCEPT)
def test_any_accept_header_gets_a_clear_answer(server: str, accept: str) -> None:
    accept = accept.strip()  # HTTP drops surrounding whitespace of a header value (requests refuses to send it)
    for path in ("/id/person/joseph-stalin", "/ontology", "/.well-known/void", "/dumps/"):
        r = requests.get(server + path, headers={"Accept": accept}, allow_redirects=False)
        assert r.status_code in (200, 303, 406), (path, accept, r.status_code)
        if r.status_code == 406:
            assert "available as" in r.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x2FFF, exclude_characters="?#"),
                    min_size=1, max_size=40))
def test_any_entity_path_gets_a_clear_answer(server: str, path: str) -> None:
    quoted = urllib.parse.quote(path, safe="/%.-_~")
    for prefix in ("/id/", "/page/", "/data/"):
        r = requests.get(server + prefix + quoted, headers={"Accept": "text/turtle"}, allow_redirects=False)
        assert r.status_code in (200, 303, 308, 404), (prefix + quoted, r.status_code)


# -- the real collection (kg build over data/documents) ---------------------------------------------------------


def test_real_collection_pages(built_out: Path, live_server: str) -> None:
    """Every document, person, alias and place of the real build has a page; a document's text is shown whole,
    with its attested mentions linked; every RDF description parses and states the entity's types."""
    store = ox.Store.read_only(str(built_out / "current" / "store"))
    rows = list(store.query(f"""SELECT DISTINCT ?e ?kind WHERE {{ GRAPH ?g {{ ?e a ?c }}
        VALUES (?c ?kind) {{ (<{AKG}Document> "document") (<{AKG}Person> "person") (<{AKG}Alias> "alias")
                             (<{AKG}Place> "place") (<{AKG}Organization> "organization") }} }}"""))
    assert any(r["kind"].value == "document" for r in rows)
    for row in rows:
        entity = row["e"].value
        assert entity.startswith(BASE + "id/")
        local = "/" + entity[len(BASE):]
        page = requests.get(live_server + local, headers={"Accept": BROWSER})
        assert page.status_code == 200, local
        assert page.url == live_server + local.replace("/id/", "/page/", 1)
        rdf = requests.get(live_server + local, headers={"Accept": "text/turtle"})
        assert rdf.status_code == 200
        assert any(s == iri(entity) and p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" for s, p, _ in triples(rdf))
        if row["kind"].value != "document":
            continue
        body = list(store.query(f"SELECT ?t WHERE {{ GRAPH ?g {{ <{entity}> <{AKG}bodyText> ?t }} }}"))
        if body:
            text = body[0]["t"].value
            shown = page.text.split('<div class="body-text" id="text">', 1)[1].split("</div>", 1)[0]
            assert html_lib.unescape(re.sub(r"<[^>]+>", "", shown)) == text
            quotes = [r["q"].value for r in store.query(f"""SELECT ?q WHERE {{ GRAPH ?g {{
                ?a <{AKG}inDocument> <{entity}> ; <{AKG}quote> ?q ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o .
                FILTER(isIRI(?o)) }} }}""")]
            if any(q and q in text for q in quotes):
                assert 'class="mention' in shown, local


def test_pages_and_descriptions_answer_conditional_requests(server: str) -> None:
    for path, accept in (("/page/person/joseph-stalin", BROWSER), ("/data/document/d-telegram.ttl", "*/*"),
                         ("/ontology", "text/turtle"), ("/", BROWSER)):
        first = requests.get(server + path, headers={"Accept": accept})
        etag = first.headers["ETag"]
        again = requests.get(server + path, headers={"Accept": accept, "If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"", path
        other = requests.get(server + path, headers={"Accept": accept, "If-None-Match": '"x"'})
        assert other.status_code == 200 and other.content == first.content
    ttl = requests.get(server + "/ontology", headers={"Accept": "text/turtle"}).headers["ETag"]
    html = requests.get(server + "/ontology", headers={"Accept": BROWSER}).headers["ETag"]
    assert ttl != html  # variants have their own validators


@pytest.mark.parametrize("accept,expected", [
    (None, "text/html"),
    ("", "text/html"),
    ("*/*", "text/html"),
    ("text/*;q=0.1, text/turtle", "text/turtle"),
    ("*/*;q=0.1, application/ld+json", "application/ld+json"),
    ("text/html;q=0, */*", "text/turtle"),
    ("application/json", "application/ld+json"),
    ("application/x-turtle", "text/turtle"),
    ("TEXT/TURTLE", "text/turtle"),
    ("text/turtle;q=0.3, application/rdf+xml;q=0.7, text/html;q=0.5", "application/rdf+xml"),
    ("text/html;q=0, application/*;q=0", None),
    ("image/png", None),
    ("garbage, ;;;, /", "text/html"),
    ("text/turtle;q=abc, application/n-triples;q=0.5", "application/n-triples"),
    ("text/turtle;q=7", None),
])
def test_content_negotiation_rules(accept: str | None, expected: str | None) -> None:
    from server import conneg

    assert conneg.best_match(accept, conneg.PAGE_OFFERS) == expected


def test_a_new_build_is_served_once_switched_in(tmp_path: Path) -> None:
    out = make_out(tmp_path / "var")
    proc, url = start_server(out)
    try:
        page = requests.get(url + "/page/person/joseph-stalin")
        assert requests.get(url + "/id/person/kim-il-sung").status_code == 404
        assert "20500101T000000Z-fixture" in requests.get(url + "/").text
        extra = """<https://w3id.org/archive-kg/graph/authorities> {
          <https://w3id.org/archive-kg/id/person/kim-il-sung> a <https://w3id.org/archive-kg/ontology#Person> ;
            <http://www.w3.org/2000/01/rdf-schema#label> "Kim Il Sung"@en . }"""
        make_out(out, build_id="20500102T000000Z-second", extra_trig=extra)  # switches `current` atomically
        r = requests.get(url + "/id/person/kim-il-sung")
        assert r.status_code == 200 and "<h1>Kim Il Sung</h1>" in r.text
        assert "20500102T000000Z-second" in requests.get(url + "/").text
        assert "20500102T000000Z-second" in requests.get(url + "/dumps/").text
        # the old page's validator no longer holds: the client gets the new version
        again = requests.get(url + "/page/person/joseph-stalin", headers={"If-None-Match": page.headers["ETag"]})
        assert again.status_code == 200 and again.headers["ETag"] != page.headers["ETag"]
    finally:
        stop(proc)
