"""The reader-facing surfaces over HTTP (no browser): the workbench only for browsers at ``/sparql``, full-text
search (index written by the build, switched with the version), the views' data, robots/sitemap/context."""

from __future__ import annotations

import json
import sqlite3
import urllib.parse
from pathlib import Path

import pytest
import requests

from kg import search_index as si
from kg import search_versions
from kg.layout import OutDir
from server.workbench import prefers_html

CHROME_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
                 "application/signed-exchange;v=b3;q=0.7")


@pytest.mark.parametrize("accept,html", [
    (CHROME_ACCEPT, True),
    ("text/html", True),
    ("text/html;q=0.9, application/sparql-results+json", False),
    ("*/*", False),
    (None, False),
    ("application/sparql-results+json,application/json,text/javascript,application/javascript", False),  # SPARQLWrapper
    ("application/sparql-results+xml, application/xml;q=0.9", False),
    ("application/sparql-results+json,*/*;q=0.9", False),  # Yasgui itself
    ("text/csv", False),
    ("text/turtle, text/html;q=0.5", False),
])
def test_only_a_browser_navigation_gets_the_workbench(accept: str | None, html: bool) -> None:
    assert prefers_html(accept) is html


def test_the_build_writes_the_index_beside_the_store(built_out: Path) -> None:
    current = OutDir(built_out).current()
    assert current is not None
    index = search_versions.pointer(current.root)  # the index file it shares with the versions derived from it
    assert index is not None and index[0].is_file()
    con = search_versions.open_index(current.root)
    assert con is not None
    assert con.execute("SELECT count(*) FROM docs").fetchone()[0] == json.loads(
        current.manifest_path.read_text())["counts"]["documents"]
    with pytest.raises(sqlite3.OperationalError):  # opened read-only
        con.execute("DELETE FROM docs")


@pytest.mark.parametrize("q,expect_title,why", [
    ("Chemulpo", "Cable, Gromyko", "the text's word"),
    ("Chemulpo", "Ciphered Telegram", "a variant name of Incheon, which it mentions"),
    ("aviaboiazn'", "Ciphered Telegram", "a transliterated word in brackets, with its apostrophe"),
    ("Фын Си", "Ciphered Telegram", "a Cyrillic cover name of its recipient"),
    ("feng xi", "Ciphered Telegram", "lower case"),
    ("Gromyko", "Cable, Gromyko", "the sender"),
])
def test_search_finds_documents_by_any_name(built_out: Path, q: str, expect_title: str, why: str) -> None:
    con = search_versions.open_index(OutDir(built_out).current().root)  # type: ignore[union-attr]
    results = si.search(con, q)
    titles = [h.title.replace(si.MARK_START, "").replace(si.MARK_END, "") for h in results.hits]
    assert any(t.startswith(expect_title) for t in titles), (why, titles)


def test_search_syntax_is_plain_text(built_out: Path) -> None:
    con = search_versions.open_index(OutDir(built_out).current().root)  # type: ignore[union-attr]
    for q in ['"', "NEAR(a b)", "title:x OR", "*", "-Stalin", "a AND (", "'; DROP TABLE docs; --"]:
        si.search(con, q)  # no FTS5 syntax error: every word is a quoted term
    assert si.match_expression("a AND (b") == '"a" "AND" "b"'
    assert si.match_expression("!!!") is None


def test_search_over_http_html_and_json(live_server: str) -> None:
    r = requests.get(live_server + "/search", params={"q": "Chemulpo"}, headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "<mark>Chemulpo</mark>" in r.text
    r = requests.get(live_server + "/search", params={"q": "Chemulpo"}, headers={"Accept": "application/json"}, timeout=30)
    j = r.json()
    assert j["total"] == 2 and {"kind", "year", "sender", "archive"} <= set(j["facets"])
    assert all("Chemulpo" in x["matches"] for x in j["results"])
    assert j["entities"][0]["label"] == "Incheon"
    # a facet narrows the results
    kind = j["facets"]["kind"][0]["value"]
    narrowed = requests.get(live_server + "/search", params={"q": "Chemulpo", "kind": kind, "format": "json"},
                            timeout=30).json()
    assert narrowed["total"] == j["facets"]["kind"][0]["count"] < j["total"]
    # by date, either way
    for sort, expect in (("date", ["1950-09-20", "1950-09-26"]), ("-date", ["1950-09-26", "1950-09-20"])):
        r = requests.get(live_server + "/search", params={"q": "Korea", "sort": sort, "format": "json"}, timeout=30)
        assert [x["date"] for x in r.json()["results"]] == expect, sort


def test_workbench_for_browsers_protocol_for_everyone_else(live_server: str) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    url = live_server + "/sparql?" + urllib.parse.urlencode({"query": q})
    page = requests.get(url, headers={"Accept": CHROME_ACCEPT}, timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "yasgui.min.js" in page.text and "Vary" in page.headers
    csp = page.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp and "'sha256-" in csp
    config = page.text.split('id="workbench-config">', 1)[1].split("</script>", 1)[0]
    assert json.loads(config)["query"] == q
    # the same URL for a SPARQL client: results, not a page
    for accept in ("*/*", "application/sparql-results+json", "text/csv"):
        r = requests.get(url, headers={"Accept": accept}, timeout=30)
        assert r.status_code == 200 and not r.headers["Content-Type"].startswith("text/html"), accept
    # format= wins over a browser's Accept; POST is always the protocol
    r = requests.get(url + "&format=json", headers={"Accept": CHROME_ACCEPT}, timeout=30)
    assert r.json()["results"]["bindings"][0]["n"]["value"].isdigit()
    r = requests.post(live_server + "/sparql", data={"query": q}, headers={"Accept": CHROME_ACCEPT}, timeout=30)
    assert not r.headers["Content-Type"].startswith("text/html")
    # the editor completes our prefixes from our own list (no prefix.cc)
    assert json.loads(config)["prefixList"] == "/workbench/prefixes.json"
    listed = requests.get(live_server + "/workbench/prefixes.json", timeout=30).json()
    assert listed["person"] == "https://w3id.org/archive-kg/id/person/" and listed["akg"].endswith("ontology#")
    # the bundled libraries are served by us
    for path in ("/static/vendor/yasgui.min.js", "/static/vendor/d3.min.js", "/static/vendor/countries-110m.json"):
        assert requests.get(live_server + path, timeout=30).status_code == 200, path


def test_views_data(live_server: str) -> None:
    net = requests.get(live_server + "/views/network.json", timeout=30).json()
    labels = {n["label"]: n for n in net["nodes"]}
    assert {"Joseph Stalin", "Matvei Zakharov", "Andrei Gromyko"} <= set(labels)
    assert "Feng Xi" in labels["Joseph Stalin"]["coverNames"] and "Matveyev" in labels["Matvei Zakharov"]["coverNames"]
    ids = {n["id"] for n in net["nodes"]}
    assert all(x["source"] in ids and x["target"] in ids and x["documents"] >= 1 for x in net["links"])
    tl = requests.get(live_server + "/views/timeline.json", timeout=30).json()
    assert [d["date"] for d in tl["documents"]] == sorted(d["date"] for d in tl["documents"])
    assert any(d["sentAt"] for d in tl["documents"])
    m = requests.get(live_server + "/views/map.json", timeout=30).json()
    assert "places" in m and "Incheon" in m["withoutCoordinates"] + [p["label"] for p in m["places"]]
    for name in ("network", "timeline", "map"):
        r = requests.get(live_server + f"/views/{name}", timeout=30)
        assert r.status_code == 200 and "views.js" in r.text
    assert requests.get(live_server + "/views/nothing", timeout=30).status_code == 404


def test_robots_sitemap_favicon_context(live_server: str) -> None:
    robots = requests.get(live_server + "/robots.txt", timeout=30).text
    assert "Sitemap: " + live_server + "/sitemap.xml" in robots and "Disallow: /sparql" in robots
    sm = requests.get(live_server + "/sitemap.xml", timeout=30)
    assert sm.headers["Content-Type"].startswith("application/xml")
    from xml.etree import ElementTree

    locs = [e.text for e in ElementTree.fromstring(sm.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert live_server + "/page/person/joseph-stalin" in locs
    assert any(u.startswith(live_server + "/page/document/") for u in locs)
    assert not any("/attestation/" in u or "/distribution/" in u for u in locs)  # sub-resources are not pages
    fav = requests.get(live_server + "/favicon.ico", timeout=30)
    assert fav.status_code == 200 and fav.headers["Content-Type"].startswith("image/svg+xml")
    ctx = requests.get(live_server + "/context.jsonld", timeout=30).json()["@context"]
    assert ctx["akg"] == "https://w3id.org/archive-kg/ontology#" and ctx["person"].endswith("/id/person/")


# -- pages readers enjoy ------------------------------------------------------------------------------------------


def test_mentions_are_whole_words_only() -> None:
    from server.pages import place_spans

    text = "The Korean question, and Korea itself."
    spans = place_spans(text, [(4, 9, "Korea", "urn:x:korea", "mentionsPlace"), (None, None, "Korea", "urn:x:korea", "p")])
    assert [(text[s.start:s.end], s.start) for s in spans] == [("Korea", 25)]  # never the "Korea" of "Korean"


def test_compact_jsonld_round_trips() -> None:
    import pyoxigraph as ox
    import rdflib
    from rdflib.compare import isomorphic

    from server.jsonld import compact

    nt = ('<https://w3id.org/archive-kg/id/person/x> <http://www.w3.org/2000/01/rdf-schema#label> "X"@en .\n'
          '<https://w3id.org/archive-kg/id/person/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
          '<https://w3id.org/archive-kg/ontology#Person> .\n'
          '<https://w3id.org/archive-kg/id/person/x> <https://w3id.org/archive-kg/ontology#reconciled> '
          '"true"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n'
          '<https://w3id.org/archive-kg/id/person/x> <http://purl.org/dc/terms/identifier> "x" .\n'
          '<https://w3id.org/archive-kg/id/person/x> <http://example.org/p> _:b .\n'
          '_:b <http://example.org/q> <http://example.org/r> .\n')
    triples = list(ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES))
    ctx = {"akg": "https://w3id.org/archive-kg/ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
           "dcterms": "http://purl.org/dc/terms/", "person": "https://w3id.org/archive-kg/id/person/",
           "xsd": "http://www.w3.org/2001/XMLSchema#"}
    doc = compact(ox.serialize(triples, format=ox.RdfFormat.JSON_LD), ctx)
    node = next(n for n in doc["@graph"] if n["@id"] == "person:x")
    assert node["@type"] == "akg:Person" and node["dcterms:identifier"] == "x"
    assert node["rdfs:label"] == {"@language": "en", "@value": "X"}
    assert node["akg:reconciled"]["@type"] == "xsd:boolean"
    back = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert isomorphic(back, rdflib.Graph().parse(data=nt, format="nt"))


def test_document_page_reads_like_a_page(live_server: str) -> None:
    page = "/page/document/wcda-ciphered-telegram-matveyev-zakharov-feng-xi-stalin"
    t = requests.get(live_server + page, timeout=30).text
    assert "xsd:" not in t and "^^" not in t  # no datatype badges
    assert "https://w3id.org/archive-kg/ontology#note-" not in t  # note kinds by their labels
    assert '<span class="tag">gloss</span>' in t
    assert '<details class="quality"><summary>Data quality:' in t  # collapsed, worded for people
    assert "written with p.m." in t and t.count("24-hour time 23:50 written with p.m.") == 1  # once, not twice
    assert "26 September 1950" in t
    body = t.split('id="text">', 1)[1].split("</div>", 1)[0]
    assert ">Korea</a>n" not in body  # mentions on whole words only
    assert len(t) < 80_000  # the embedded JSON-LD is a small schema.org description, not the whole graph
    mentioned = t.split("<h2>Mentioned</h2>", 1)[1].split("</section>", 1)[0]
    assert mentioned.count(">Seoul</a>") == 1  # "Other" does not repeat what the kinds list
    assert ("“Ciphered Telegram from Matveyev (Zakharov) to Feng Xi (Stalin)”, 26 September 1950. APRF, fond 3, opis 65, "
            "delo 827, listy 103-106.") in t  # cite this document
    ld = json.loads(t.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert ld["@context"] == "https://schema.org/" and ld["recipient"]["name"] == "Joseph Stalin"


def test_person_page_tells_the_story(live_server: str) -> None:
    t = requests.get(live_server + "/page/person/joseph-stalin", timeout=30).text
    assert "<h2>Cover names over time</h2>" in t and "<td>Feng Xi</td><td>1950-09-26</td>" in t
    assert "<h2>Correspondents</h2>" in t and "Matvei Zakharov</a>: they wrote to Joseph Stalin 1 time" in t
    assert 'id="person-timeline"' in t and "person.js" in t
    assert "Russian in Cyrillic" in t  # language tags in words


def test_data_jsonld_is_compacted_with_the_published_context(live_server: str) -> None:
    r = requests.get(live_server + "/data/person/joseph-stalin.jsonld", timeout=30)
    doc = r.json()
    published = requests.get(live_server + "/context.jsonld", timeout=30).json()["@context"]
    assert doc["@context"] == published
    me = next(n for n in doc["@graph"] if n["@id"] == "person:joseph-stalin")
    assert "akg:Person" in me["@type"] and me["skos:prefLabel"] == {"@language": "en", "@value": "Joseph Stalin"}


def test_the_historians_questions_answer_on_the_collection(built_out: Path) -> None:
    """The five questions of the README and the landing page, with the answers the README shows."""
    import pyoxigraph as ox

    from server.examples import HISTORIAN_QUESTIONS

    store = ox.Store.read_only(str(OutDir(built_out).current().store))  # type: ignore[union-attr]
    answers = []
    for _, q in HISTORIAN_QUESTIONS:
        answers.append([[t.value if t is not None else None for t in row]  # type: ignore[union-attr]
                        for row in store.query(q, use_default_graph_as_union=True)])  # type: ignore[union-attr]
    cover, copies, chemulpo, fond, correspondents = answers
    doc = "https://w3id.org/archive-kg/id/document/wcda-ciphered-telegram-matveyev-zakharov-feng-xi-stalin"
    assert cover == [["1950-09-26", doc, "https://w3id.org/archive-kg/id/person/joseph-stalin"]]
    assert copies[0] == ["https://w3id.org/archive-kg/id/person/joseph-stalin", "2", "Stalin - 2"]
    assert len(copies) == 9 and sum(int(c[1]) for c in copies) == 10  # ten copies made
    assert [r[2].rsplit("/", 1)[-1] for r in chemulpo] == ["wcda-cable-gromyko-soviet-ambassador-peking",
                                                           "wcda-ciphered-telegram-matveyev-zakharov-feng-xi-stalin"]
    assert fond == [[doc, "65", "827", "103-106"]]
    assert ["https://w3id.org/archive-kg/id/person/matvei-zakharov", "wrote to him", "1"] in correspondents


def test_a_version_without_an_index_gets_one_made_once(tmp_path: Path) -> None:
    """A version published without ``search.sqlite`` (an older build) is indexed once into ``OUT/cache/search/``."""
    from kg.config import Settings
    from server import create_app
    from tests.fixtures.server.build_fixture import BUILD_ID, make_out

    out = make_out(tmp_path / "var")
    assert not (out / "current" / si.INDEX_FILE).exists()
    client = create_app(Settings.from_env(out_dir=out)).test_client()
    j = client.get("/search?q=Pyongyang&format=json").get_json()
    assert j["total"] >= 1 and any("d-telegram" in r["id"] for r in j["results"])
    assert (out / "cache" / "search" / f"{BUILD_ID}.sqlite").is_file()
