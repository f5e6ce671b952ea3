"""`kg enrich` through SPARQLWrapper against a stand-in Wikidata endpoint on 127.0.0.1 (the project's own server over
a fixture graph in Wikidata's shape); remote failures (timeout, HTTP 500, malformed JSON) leave the cache as it was;
the build adds the cached graph without any network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, SKOS, XSD

from kg import enrich
from kg.config import Settings
from kg.namespaces import SCHEMA, WD
from tests.conftest import ROOT, broken_endpoint, stand_in_endpoint

FIXTURE = ROOT / "tests" / "fixtures" / "wikidata" / "enrich-items.trig"
ID = "https://w3id.org/archive-kg/id/"


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with stand_in_endpoint(FIXTURE, tmp_path_factory.mktemp("wd")) as url:
        yield url


@pytest.fixture(scope="module")
def enriched(stand_in: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings.from_env(out_dir=tmp_path_factory.mktemp("out"))
    n, path = enrich.enrich(settings, endpoint=stand_in, timeout=30)
    assert n > 0 and path.is_file()
    return settings


def test_answers_fill_what_linked_entities_lack(enriched: Settings) -> None:
    g = enrich.cached_graph(enriched)
    assert g is not None
    stalin, incheon, kim = URIRef(ID + "person/joseph-stalin"), URIRef(ID + "place/incheon"), URIRef(ID + "person/kim-il-sung")
    alt = {(str(o), o.language) for o in g.objects(stalin, SKOS.altLabel)}
    assert {("Иосиф Сталин", "ru"), ("이오시프 스탈린", "ko"), ("约瑟夫·斯大林", "zh")} <= alt
    assert ("Сталин", "ru") not in alt  # we have that form already
    assert ("金日成", "zh") not in {(str(o), o.language) for o in g.objects(kim, SKOS.altLabel)}
    assert g.value(stalin, SCHEMA.birthDate) == Literal("1878-12-18", datatype=XSD.date)
    assert g.value(stalin, SCHEMA.deathDate) == Literal("1953-03-05", datatype=XSD.date)
    assert float(g.value(incheon, SCHEMA.latitude)) == pytest.approx(37.4563)
    assert float(g.value(incheon, SCHEMA.longitude)) == pytest.approx(126.7052)
    assert (incheon, SCHEMA.birthDate, None) not in g  # dates only for persons
    assert not any(str(s).endswith("andrei-gromyko") for s in g.subjects())  # no verified QID: not enriched


def test_answers_carry_their_source_and_retrieval_date(enriched: Settings, stand_in: str) -> None:
    g = enrich.cached_graph(enriched)
    gname = URIRef("https://w3id.org/archive-kg/graph/enrichment")
    assert g.value(gname, PROV.wasDerivedFrom) == URIRef(stand_in)
    assert g.value(gname, PROV.generatedAtTime).datatype == XSD.dateTime
    sources = set(g.objects(gname, URIRef("http://purl.org/dc/terms/source")))
    assert {WD.Q855, WD.Q20934} <= sources and WD.Q900000201 not in sources


@pytest.mark.parametrize(("mode", "words"), [("sleep", "did not answer"), ("500", "status code 500"),
                                             ("junk", "not SPARQL JSON")])
def test_remote_failures_leave_the_cache_as_it_was(enriched: Settings, mode: str, words: str) -> None:
    cache = enrich.cache_dir(enriched)
    before = {p.name: p.read_bytes() for p in cache.iterdir()}
    with broken_endpoint(mode) as url, pytest.raises(enrich.EnrichError) as e:
        enrich.enrich(enriched, endpoint=url, timeout=1)
    assert words in str(e.value) and "127.0.0.1" in str(e.value) and "cache was left as it was" in str(e.value)
    assert {p.name: p.read_bytes() for p in cache.iterdir()} == before


def test_no_cache_no_graph(tmp_path: Path) -> None:
    assert enrich.cached_graph(Settings.from_env(out_dir=tmp_path)) is None


def test_build_adds_the_cached_graph_without_network(enriched: Settings) -> None:
    from kg.build import build

    assert build([ROOT / "data" / "documents"], settings=enriched, progress=False).ok
    from kg.layout import OutDir

    store = ox.Store.read_only(str(OutDir(enriched.out_dir).current().store))
    q = ("ASK { GRAPH <https://w3id.org/archive-kg/graph/enrichment> { "
         f"<https://w3id.org/archive-kg/id/place/incheon> <{SCHEMA.latitude}> ?lat }} }}")
    assert store.query(q)


def test_cli_enrich(stand_in: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import free_port

    run = [sys.executable, "-m", "kg.cli", "enrich", "--out", str(tmp_path)]
    r = subprocess.run([*run, "--endpoint", stand_in], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "triples cached" in r.stdout, r.stderr
    cached = (tmp_path / "cache" / "enrichment" / "enrichment.ttl").read_bytes()
    r = subprocess.run([*run, "--endpoint", f"http://127.0.0.1:{free_port()}/sparql", "--timeout", "2"], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "could not be reached" in r.stderr and "kg enrich" in r.stderr
    assert (tmp_path / "cache" / "enrichment" / "enrichment.ttl").read_bytes() == cached
