"""Identifiers others link to: formatter URLs expand to live IRIs; merged ones answer 301, withdrawn ones 410."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kg.build import build
from kg.config import Settings
from kg.errors import IngestError
from kg.identifiers import formatter_urls, history_graph, load_history
from kg.iris import IRIs
from tests.conftest import DATA, start_server

HISTORY = """
merged:
- id: person/iosif-stalin
  into: person/joseph-stalin
  date: 2026-11-20
  reason: the same person, published twice under two spellings
withdrawn:
- id: place/atlantis
  date: 2026-11-21
  reason: not a place any document names; published by mistake
"""


@pytest.fixture(scope="module")
def history_server(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("ids")
    data = tmp / "data"
    shutil.copytree(DATA, data)
    (data / "authorities" / "history.yaml").write_text(HISTORY)
    settings = Settings.from_env(out_dir=tmp / "var", data_dir=data)
    assert build([data / "documents"], settings=settings, progress=False).ok
    proc, url = start_server(tmp / "var")
    yield url
    proc.terminate()
    proc.wait(10)


def test_formatter_urls_expand_to_live_iris(live_server: str) -> None:
    urls = formatter_urls(IRIs())
    assert urls["person"] == "https://w3id.org/archive-kg/id/person/$1"
    iri = urls["person"].replace("$1", "joseph-stalin")
    path = iri[len("https://w3id.org/archive-kg"):]
    r = requests.get(live_server + path, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "Joseph Stalin" in r.text


def test_merged_identifier_redirects_permanently(history_server: str) -> None:
    for form, suffix in (("id", ""), ("page", ""), ("data", ".ttl")):
        r = requests.get(f"{history_server}/{form}/person/iosif-stalin{suffix}", allow_redirects=False)
        assert r.status_code == 301, form
        assert r.headers["Location"].endswith(f"/{form}/person/joseph-stalin{suffix}")
    final = requests.get(history_server + "/id/person/iosif-stalin", headers={"Accept": "text/turtle"})
    assert final.status_code == 200 and "Joseph Stalin" in final.text


def test_merge_is_said_in_rdf(history_server: str) -> None:
    q = "SELECT ?new WHERE { <https://w3id.org/archive-kg/id/person/iosif-stalin> <http://purl.org/dc/terms/isReplacedBy> ?new }"
    r = requests.get(history_server + "/sparql", params={"query": q})
    assert r.json()["results"]["bindings"][0]["new"]["value"] == "https://w3id.org/archive-kg/id/person/joseph-stalin"


def test_withdrawn_identifier_is_gone_with_a_reason(history_server: str) -> None:
    r = requests.get(history_server + "/id/place/atlantis", headers={"Accept": "text/html"})
    assert r.status_code == 410 and "published by mistake" in r.text and "<h1>Gone</h1>" in r.text
    r = requests.get(history_server + "/data/place/atlantis.ttl")
    assert r.status_code == 410 and "withdrawn on 2026-11-21" in r.text
    assert requests.get(history_server + "/id/place/incheon", allow_redirects=False).status_code == 303


def test_history_graph_follows_chains(tmp_path: Path) -> None:
    p = tmp_path / "h.yaml"
    p.write_text("merged:\n- {id: person/a, into: person/b, date: 2026-01-01, reason: x}\n"
                 "- {id: person/b, into: person/c, date: 2026-01-02, reason: y}\nwithdrawn: []\n")
    g: Graph = history_graph(IRIs(), p)
    a = URIRef("https://w3id.org/archive-kg/id/person/a")
    assert g.value(a, DCTERMS.isReplacedBy) == URIRef("https://w3id.org/archive-kg/id/person/c")


@pytest.mark.parametrize(("text", "field", "words"), [
    ("merged:\n- {id: person/a, into: person/b, date: 2026-01-01}\n", "merged[0].reason", "required"),
    ("merged:\n- {id: Person A, into: person/b, date: 2026-01-01, reason: x}\n", "merged[0].id", "not an identifier"),
    ("merged:\n- {id: person/a, into: place/b, date: 2026-01-01, reason: x}\n", "merged[0].into", "another type"),
    ("merged:\n- {id: person/a, into: person/b, date: 2026-13-01, reason: x}\n", "merged[0].date", "YYYY-MM-DD"),
    ("merged:\n- {id: person/a, into: person/b, date: 2026-01-01, reason: x}\n"
     "withdrawn:\n- {id: person/a, date: 2026-01-01, reason: y}\n", "withdrawn[0].id", "both merged and withdrawn"),
    ("merged:\n- {id: person/a, into: person/b, date: 2026-01-01, reason: x}\n"
     "- {id: person/b, into: person/a, date: 2026-01-01, reason: x}\n", "merged", "cycle"),
    ("merged:\n- {id: person/a, into: person/b, date: 2026-01-01, reason: x}\n"
     "withdrawn:\n- {id: person/b, date: 2026-01-01, reason: y}\n", "merged", "withdrawn"),
    ("renamed: []\n", "renamed", "unknown field"),
])
def test_bad_history_names_file_line_and_field(tmp_path: Path, text: str, field: str, words: str) -> None:
    p = tmp_path / "history.yaml"
    p.write_text(text)
    with pytest.raises(IngestError) as e:
        load_history(p)
    assert e.value.field == field and words in str(e.value) and "history.yaml" in str(e.value)


def test_the_published_history_file_is_valid() -> None:
    h = load_history(DATA / "authorities" / "history.yaml")
    assert all(m.into not in h.withdrawn for m in h.merged.values())
