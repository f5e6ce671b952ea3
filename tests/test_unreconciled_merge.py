"""One person under several unreconciled names across documents (kg.authorities.merge): merged into one entity
when the evidence is unambiguous, kept apart when it is not, and a curator's decision undoes a merge. The names
are invented for these tests (no authority file knows them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kg.authorities import Authorities
from kg.authorities.merge import cluster, compatible, name_form
from kg.iris import unreconciled_key

ROOT = Path(__file__).resolve().parent.parent
AUTH_DIR = ROOT / "data" / "authorities"
BASE = "https://w3id.org/archive-kg/"


@pytest.fixture(scope="module")
def auth() -> Authorities:
    return Authorities.load(AUTH_DIR)


def names(*rows: tuple[str, str]) -> list[tuple[str, str, str]]:
    return [(unreconciled_key(label), label, doc) for label, doc in rows]


# -- the rule ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, ok", [
    ("M.S. Asimov", "Asimov", True),
    ("M.S. Asimov", "M. Asimov", True),
    ("M.S. Asimov", "Mikhail Asimov", True),
    ("Mikhail Sergeevich Asimov", "M.S. Asimov", True),
    ("Asimov, M.S.", "M.S. Asimov", True),
    ("M.S. Asimov", "P.K. Asimov", False),
    ("Mikhail Asimov", "Pavel Asimov", False),
    ("M.S. Asimov", "M.P. Asimov", False),
    ("M.S. Asimov", "M.S. Asimova", False),
])
def test_compatible_given_names_and_initials(a: str, b: str, ok: bool) -> None:
    fa, fb = name_form(a), name_form(b)
    assert fa is not None and fb is not None
    assert compatible(fa, fb) is ok


def test_family_name_first_names_are_not_grouped() -> None:
    assert name_form("Kim Taesong") is None  # may be family name first
    assert name_form("Central Committee") is None  # an organization read as a person has no family name
    assert name_form("Li") is None
    assert name_form("Asimov").family == "asimov"  # type: ignore[union-attr]


def test_one_person_under_four_written_forms_is_one_merge(auth: Authorities) -> None:
    merges = cluster(names(("M.S. Asimov", "d1"), ("Asimov", "d2"), ("Asimov", "d3"), ("Mikhail Asimov", "d4")),
                     auth)
    assert len(merges) == 1
    m = merges[0]
    assert m.key == "u-mikhail-asimov"  # the fullest name keeps its key
    assert set(m.members) == {"u-m-s-asimov", "u-asimov", "u-mikhail-asimov"}
    assert m.documents == ["d1", "d2", "d3", "d4"]
    assert "compatible given names or initials" in m.note and "no other person" in m.note


def test_two_persons_of_one_family_name_stay_apart_and_so_does_the_family_name_alone(auth: Authorities) -> None:
    merges = cluster(names(("M.S. Asimov", "d1"), ("P.K. Asimov", "d2"), ("Asimov", "d3")), auth)
    assert merges == []
    merges = cluster(names(("M.S. Asimov", "d1"), ("Mikhail Asimov", "d2"), ("P.K. Asimov", "d3"),
                           ("Asimov", "d4")), auth)
    assert [set(m.members) for m in merges] == [{"u-m-s-asimov", "u-mikhail-asimov"}]
    assert "stay apart" in merges[0].note


def test_a_name_fitting_two_persons_joins_neither(auth: Authorities) -> None:
    merges = cluster(names(("M.S. Asimov", "d1"), ("M.P. Asimov", "d2"), ("M. Asimov", "d3")), auth)
    assert merges == []


def test_a_family_name_an_authority_entry_has_is_never_merged(auth: Authorities) -> None:
    assert auth.resolve("Tsedenbal", "person").reconciled
    assert cluster(names(("B. Tsedenbal", "d1"), ("Tsedenbal", "d2")), auth) == []


def test_a_curator_keeps_a_name_apart(auth: Authorities) -> None:
    rows = names(("M.S. Asimov", "d1"), ("Asimov", "d2"), ("M. Asimov", "d3"))
    assert len(cluster(rows, auth)) == 1
    merges = cluster(rows, auth, keep_apart=["Asimov"])
    assert [set(m.members) for m in merges] == [{"u-m-s-asimov", "u-m-asimov"}]


def test_resolution_follows_the_merge() -> None:
    a = Authorities.load(AUTH_DIR)
    a.set_merges(cluster(names(("M.S. Asimov", "d1"), ("Asimov", "d2")), a))
    for written in ("Asimov", "ASIMOV", "Comrade Asimov", "M.S. Asimov"):
        res = a.resolve(written, "person")
        assert (res.key, res.method, res.reconciled) == ("u-m-s-asimov", "merged", False), written
    assert a.resolve("P.K. Asimov", "person").key == "u-p-k-asimov"
    assert a.resolve("Asimov", "place").key == "u-asimov"  # only persons are merged


# -- in a build --------------------------------------------------------------------------------------------


def _record(path: Path, doc_id: str, body: str, **extra: object) -> None:
    rec = {"doc_id": doc_id, "title": f"Note {doc_id}", "kind": "note", "date": "1962-05-04", "body": body, **extra}
    path.write_text(yaml.safe_dump(rec, allow_unicode=True), encoding="utf-8")


def _build(src: Path, out: Path, data: Path) -> None:
    from kg.build import build
    from kg.config import Settings

    settings = Settings.from_env(out_dir=out, data_dir=data)
    result = build([src], settings=settings, progress=False, authorities_dir=AUTH_DIR, workers=1)
    assert result.ok, result.summary()


def _select(out: Path, query: str) -> list[tuple]:
    from kg.store import OxigraphStore

    st = OxigraphStore((out / "current" / "store").resolve(), read_only=True)
    return [tuple(v.value for v in row) for row in st.query(query)]


def test_a_build_merges_across_documents_and_says_why(tmp_path: Path) -> None:
    src, out, data = tmp_path / "src", tmp_path / "var", tmp_path / "data"
    src.mkdir()
    _record(src / "a.yaml", "note-a", "The report of academician M.S. Asimov was read at the session.")
    _record(src / "b.yaml", "note-b", "Comrade Asimov said the institute needed more funds.")
    _record(src / "c.yaml", "note-c", "ASIMOV: We will finish the work by June.", senders=["ASIMOV"])
    _record(src / "d.yaml", "note-d", "Colonel P.K. Verlinsky and Colonel Verlinsky's deputy L. Verlinsky spoke.")
    _record(src / "e.yaml", "note-e", "Verlinsky said nothing.")
    _build(src, out, data)
    q = """PREFIX akg: <https://w3id.org/archive-kg/ontology#>
    SELECT DISTINCT ?d ?p WHERE { ?d akg:mentionsPerson|akg:sender ?p .
      FILTER(CONTAINS(STR(?p), "asimov")) }"""
    rows = _select(out, q)
    assert {d.rsplit("/", 1)[1] for d, _ in rows} == {"note-a", "note-b", "note-c"}
    assert {p for _, p in rows} == {BASE + "id/person/u-m-s-asimov"}
    q = f"""PREFIX akg: <https://w3id.org/archive-kg/ontology#>
    SELECT ?name ?note ?rec WHERE {{ <{BASE}id/person/u-m-s-asimov> akg:mergedName ?name ; akg:mergeNote ?note ;
      akg:reconciled ?rec }}"""
    rows = _select(out, q)
    assert {r[0] for r in rows} == {"M.S. Asimov", "Asimov"}
    assert all(r[2] == "false" for r in rows) and "Asimov" in rows[0][1]
    # P.K. and L. Verlinsky are two persons: the family name alone stays apart from both
    q = """SELECT DISTINCT ?p WHERE { ?d <https://w3id.org/archive-kg/ontology#mentionsPerson> ?p .
      FILTER(CONTAINS(STR(?p), "verlinsky")) }"""
    keys = {r[0].rsplit("/", 1)[1] for r in _select(out, q)}
    assert keys == {"u-p-k-verlinsky", "u-l-verlinsky", "u-verlinsky"}

    # a curator undoes the merge of the family name alone; the next build keeps it apart
    cmd = [sys.executable, "-m", "kg.cli", "link", "--keep-apart", "Asimov", "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "KG_DATA_DIR": str(data), "KG_OUT_DIR": str(out)})
    assert done.returncode == 0, done.stderr
    assert "Asimov" in (data / "curation" / "unreconciled-merges.yaml").read_text(encoding="utf-8")
    _build(src, out, data)
    q = """SELECT DISTINCT ?d ?p WHERE { ?d <https://w3id.org/archive-kg/ontology#mentionsPerson> ?p .
      FILTER(CONTAINS(STR(?p), "asimov")) }"""
    by_doc = {d.rsplit("/", 1)[1]: p.rsplit("/", 1)[1] for d, p in _select(out, q)}
    assert by_doc == {"note-a": "u-m-s-asimov", "note-b": "u-asimov", "note-c": "u-asimov"}


def test_gathering_on_worker_processes_gives_the_same_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             auth: Authorities) -> None:
    from kg.authorities import merge

    for i, body in enumerate(["The report of academician M.S. Asimov was read.", "Comrade Asimov said no.",
                              "Colonel Verlinsky arrived."]):
        _record(tmp_path / f"p{i}.yaml", f"page-{i}", body)
    sources = sorted(str(p) for p in tmp_path.glob("*.yaml"))
    alone = merge.gather(sources, auth, workers=1)
    monkeypatch.setattr(merge, "PARALLEL_FROM", 2)
    pooled = merge.gather(sources, auth, cache_dir=tmp_path / "cache", workers=2)
    assert pooled == alone and ("u-m-s-asimov", "M.S. Asimov", "page-0") in alone
    assert merge.gather(sources, auth, cache_dir=tmp_path / "cache", workers=2) == alone  # from the cache
