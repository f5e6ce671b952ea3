"""The Reconciliation Service API (0.2, as OpenRefine speaks it) on the live server, every response validated
against the W3C Entity Reconciliation Community Group's JSON schemas (shared/reference/reconciliation/0.2)."""

from __future__ import annotations

import json

import pytest
import requests
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from tests.conftest import SHARED

SCHEMAS = SHARED / "reference" / "reconciliation" / "0.2"


def _registry() -> Registry:
    reg = Registry()
    for p in SCHEMAS.glob("*.json"):
        doc = json.loads(p.read_text())
        res = Resource.from_contents(doc, default_specification=DRAFT7)
        reg = reg.with_resource(doc.get("$id", p.name), res)
        reg = reg.with_resource(f"https://reconciliation-api.github.io/specs/0.2/schemas/{p.name}", res)
    return reg


REGISTRY = _registry()


def validate(instance: object, schema_file: str) -> None:
    schema = json.loads((SCHEMAS / schema_file).read_text())
    errors = list(Draft7Validator(schema, registry=REGISTRY).iter_errors(instance))
    assert not errors, [e.message for e in errors[:5]]


def test_the_schemas_reject_bad_examples() -> None:
    """The validation itself can fail: the spec's own invalid examples are rejected."""
    bad = json.loads((SCHEMAS / "examples" / "reconciliation-result-batch" / "invalid" / "no-result.json").read_text())
    with pytest.raises(AssertionError):
        validate(bad, "reconciliation-result-batch.json")
    bad_manifest = json.loads((SCHEMAS / "examples" / "manifest" / "invalid" / "missing-version.json").read_text())
    with pytest.raises(AssertionError):
        validate(bad_manifest, "manifest.json")


def test_manifest(live_server: str) -> None:
    r = requests.get(live_server + "/reconcile")
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    m = r.json()
    validate(m, "manifest.json")
    assert {t["id"] for t in m["defaultTypes"]} == {"person", "place", "organization", "document"}
    assert m["view"]["url"].endswith("/id/{{id}}")


def _one(live_server: str, query: str, **extra) -> list[dict]:
    q = {"query": query, **extra}
    r = requests.get(live_server + "/reconcile", params={"queries": json.dumps({"q0": q})})
    assert r.status_code == 200, r.text
    data = r.json()
    validate(data, "reconciliation-result-batch.json")
    return data["q0"]["result"]


@pytest.mark.parametrize(("name", "expected", "how"), [
    ("Feng Xi", "person/joseph-stalin", "cover name"),
    ("Filippov", "person/joseph-stalin", "cover name"),
    ("Сталин", "person/joseph-stalin", "variant"),
    ("STALIN", "person/joseph-stalin", "variant"),
    ("Chemulpo", "place/incheon", "variant"),
    ("Jemulpo", "place/incheon", "variant"),
    ("Chou En-lai", "person/zhou-enlai", "variant"),
    ("KIM IL SUNG", "person/kim-il-sung", ""),
    ("김일성", "person/kim-il-sung", "variant"),
])
def test_alias_and_script_aware_matching(live_server: str, name: str, expected: str, how: str) -> None:
    results = _one(live_server, name)
    top = results[0]
    assert top["id"] == expected and top["score"] == 100 and top["match"] is True
    assert f"\u201c{name}\u201d" in top["description"] or name.lower() in top["description"].lower()
    assert how in top["description"]
    assert [r for r in results if r["match"]] == [top]


@pytest.mark.parametrize(("name", "expected", "how"), [
    ("Фын Си", "person/joseph-stalin", "cover name"),  # the cover name in another script: one alias node
    ("Koba", "person/joseph-stalin", "nickname"),
    ("UN", "organization/united-nations", "variant"),
    ("United Nations", "organization/united-nations", "exact"),
])
def test_other_scripts_nicknames_and_one_organization(live_server: str, name: str, expected: str, how: str) -> None:
    results = _one(live_server, name)
    assert results[0]["id"] == expected and results[0]["match"] is True, results[:2]
    assert how in results[0]["description"]
    assert [r["id"] for r in results].count(expected) == 1


def test_never_a_match_for_an_unreconciled_placeholder(live_server: str) -> None:
    """A name known only as written in the documents scores as an exact name, but is never `match: true`:
    OpenRefine would otherwise link a column to a placeholder no curator has identified."""
    results = _one(live_server, "Communist Party")
    top = results[0]
    assert top["id"].startswith("organization/u-") and top["score"] == 100
    assert top["match"] is False
    assert {"id": "reconciled", "value": False} in top["features"]
    assert "not yet identified" in top["description"]


def test_misspelling_scores_below_a_certain_match(live_server: str) -> None:
    top = _one(live_server, "Boeon", type="place")[0]
    assert top["id"] == "place/boeun" and 90 <= top["score"] < 100 and top["match"] is False
    assert "misspelling" in top["description"]


def test_type_filter_limit_and_unknown_names(live_server: str) -> None:
    assert all("place" in [t["id"] for t in r["type"]] for r in _one(live_server, "Seoul", type="place"))
    assert all(r["id"].startswith("place/") for r in _one(live_server, "Stalin", type="place"))
    assert len(_one(live_server, "Korea", limit=1)) <= 1
    assert _one(live_server, "Xyzzy Quux") == []


def test_property_constraints_move_scores(live_server: str) -> None:
    plain = _one(live_server, "Stalin", type="person")[0]
    right = _one(live_server, "Stalin", type="person", properties=[{"pid": "wikidata", "v": "Q855"}])[0]
    wrong = _one(live_server, "Stalin", type="person", properties=[{"pid": "wikidata", "v": "Q1"}])[0]
    assert right["id"] == plain["id"] == "person/joseph-stalin"
    assert wrong["score"] < plain["score"] and not wrong["match"]
    doc = _one(live_server, "Cable, Gromyko to the Soviet Ambassador, Peking", type="document",
               properties=[{"pid": "date", "v": "1950-09"}])[0]
    assert doc["id"] == "document/wcda-cable-gromyko-soviet-ambassador-peking" and doc["match"]


def test_single_query_forms_and_post(live_server: str) -> None:
    r = requests.get(live_server + "/reconcile", params={"query": "Filippov"})
    assert r.json()["result"][0]["id"] == "person/joseph-stalin"
    r = requests.get(live_server + "/reconcile", params={"query": json.dumps({"query": "Chemulpo", "type": "place"})})
    assert r.json()["result"][0]["id"] == "place/incheon"
    r = requests.post(live_server + "/reconcile", data={"queries": json.dumps({"a": {"query": "Matveyev"}})})
    data = r.json()
    validate(data, "reconciliation-result-batch.json")
    assert data["a"]["result"][0]["id"] == "person/matvei-zakharov"


@pytest.mark.parametrize("bad", ["not json", "[]", "{}", '{"q0": {"query": 5}}', '{"q0": {"query": "x", "limit": -1}}',
                                 '{"q0": {"query": "Stalin", "type": []}}', '{"q0": {"query": "' + "x" * 501 + '"}}',
                                 '{"q0": {"query": "x", "properties": [{"pid": "year", "v": "' + "9" * 5000 + '"}]}}'])
def test_bad_batches_get_a_clear_400(live_server: str, bad: str) -> None:
    r = requests.get(live_server + "/reconcile", params={"queries": bad})
    assert r.status_code == 400 and "bad reconciliation request" in r.json()["message"]


@pytest.mark.timeout(60)
def test_long_names_answer(live_server: str) -> None:
    """Similarity is quadratic in length: the longest accepted query still answers (a stall fails on the
    test's time-out; how fast it answers is measured in bench/, not asserted here)."""
    results = _one(live_server, ("Stalin Kim Il Sung Chemulpo " * 20)[:500])
    assert results and all(0 <= r["score"] <= 100 for r in results)


def test_jsonp(live_server: str) -> None:
    r = requests.get(live_server + "/reconcile", params={"callback": "cb_1"})
    assert r.text.startswith("/**/cb_1(") and r.headers["Content-Type"].startswith("application/javascript")
    assert requests.get(live_server + "/reconcile", params={"callback": "alert(1)//"}).status_code == 400


def test_suggest_services(live_server: str) -> None:
    ents = requests.get(live_server + "/reconcile/suggest/entity", params={"prefix": "zho"}).json()
    validate(ents, "suggest-entities-response.json")
    assert ents["result"][0]["id"] == "person/zhou-enlai"
    cover = requests.get(live_server + "/reconcile/suggest/entity", params={"prefix": "Filip"}).json()
    assert cover["result"][0]["id"] == "person/joseph-stalin" and "Filippov" in cover["result"][0]["description"]
    types = requests.get(live_server + "/reconcile/suggest/type", params={"prefix": "pl"}).json()
    validate(types, "suggest-types-response.json")
    assert [t["id"] for t in types["result"]] == ["place"]
    props = requests.get(live_server + "/reconcile/suggest/property", params={"prefix": "wiki"}).json()
    validate(props, "suggest-properties-response.json")
    assert props["result"][0]["id"] == "wikidata"


def test_preview_and_view(live_server: str) -> None:
    r = requests.get(live_server + "/reconcile/preview", params={"id": "person/joseph-stalin"})
    assert r.status_code == 200 and "Joseph Stalin" in r.text and "Filippov" in r.text
    assert requests.get(live_server + "/reconcile/preview", params={"id": "person/nobody"}).status_code == 404
    v = requests.get(live_server + "/reconcile/view/person/joseph-stalin", allow_redirects=False)
    assert v.status_code == 303 and v.headers["Location"].endswith("/id/person/joseph-stalin")
