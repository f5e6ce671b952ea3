"""`kg link`: candidate QIDs for unreconciled names from a stand-in Wikidata endpoint (the project's own server on
127.0.0.1), curator decisions into the authority files, and remote failures that leave the candidates file as it was."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from kg import link
from kg.authorities import Authorities
from kg.build import build
from kg.config import Settings
from kg.enrich import EnrichError
from tests.conftest import DATA, ROOT, broken_endpoint, stand_in_endpoint

FIXTURE = ROOT / "tests" / "fixtures" / "wikidata" / "link-items.trig"


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with stand_in_endpoint(FIXTURE, tmp_path_factory.mktemp("wd")) as url:
        yield url


# Names the collection mentions, taken out of a copy of the authority files so that they are unreconciled here.
UNLINKED = {("organizations.yaml", "kuomintang"), ("organizations.yaml", "united-nations"),
            ("organizations.yaml", "un-general-assembly"), ("places.yaml", "korea")}


def _authorities_without(dest: Path) -> Path:
    shutil.copytree(DATA / "authorities", dest)
    gone = {key for _, key in UNLINKED}
    for p in sorted(dest.glob("*.yaml")):
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or "entities" not in doc:
            continue
        doc["entities"] = [e for e in doc["entities"] if (p.name, e["key"]) not in UNLINKED]
        for e in doc["entities"]:  # an entry inside one taken out (the UN's Security Council) stands alone here
            if e.get("part_of") in gone:
                del e["part_of"]
        p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("var")
    auth = _authorities_without(tmp_path_factory.mktemp("auth") / "authorities")
    assert build([DATA / "documents"], settings=Settings.from_env(out_dir=out), progress=False,
                 authorities_dir=auth).ok
    return out


@pytest.fixture()
def settings(published: Path, tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    _authorities_without(data / "authorities")
    return Settings.from_env(out_dir=published, data_dir=data)


def _files(settings: Settings) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (Path(settings.data_dir) / "authorities").iterdir()}


def test_candidates_for_unreconciled_names_link_nothing(stand_in: str, settings: Settings) -> None:
    before = _files(settings)
    names = {e["name"]: e for e in link.propose(settings, endpoint=stand_in, timeout=20)}
    assert [c["qid"] for c in names["Kuomintang"]["candidates"]] == ["Q900000301"]
    assert [c["qid"] for c in names["United Nations"]["candidates"]] == ["Q900000302", "Q900000303"]
    assert names["Korea"]["candidates"] == []  # only a German label in the stand-in
    assert all(e["decision"] == "pending" for e in names.values())
    assert _files(settings) == before
    assert link.candidates_path(settings).is_file()
    assert {e["name"] for e in link.load_candidates(settings)} == set(names)


def test_accept_adds_the_qid_only_through_the_decision(stand_in: str, settings: Settings) -> None:
    link.propose(settings, endpoint=stand_in, timeout=20)
    before = _files(settings)
    with pytest.raises(link.LinkError, match="not among the candidates"):
        link.decide(settings, accept="Kuomintang=Q42")
    assert _files(settings) == before
    msg = link.decide(settings, accept="Kuomintang=Q900000301")
    assert "organization/kuomintang" in msg
    auth = Authorities.load(Path(settings.data_dir) / "authorities")
    r = auth.resolve("Kuomintang", "organization")
    assert r.reconciled and r.entity.wikidata == "Q900000301" and "curator decision" in r.entity.wikidata_source
    entry = next(e for e in link.load_candidates(settings) if e["name"] == "Kuomintang")
    assert entry["decision"] == "accepted" and entry["qid"] == "Q900000301"
    with pytest.raises(link.LinkError, match="already accepted"):
        link.decide(settings, accept="Kuomintang=Q900000301")


def test_reject_is_remembered(stand_in: str, settings: Settings) -> None:
    link.propose(settings, endpoint=stand_in, timeout=20)
    before = _files(settings)
    link.decide(settings, reject="United Nations")
    assert _files(settings) == before
    again = {e["name"]: e for e in link.propose(settings, endpoint=stand_in, timeout=20)}
    assert again["United Nations"]["decision"] == "rejected"
    with pytest.raises(link.LinkError, match="run `kg link` first"):
        link.decide(settings, reject="Atlantis")


@pytest.mark.parametrize(("mode", "words"), [("sleep", "did not answer"), ("500", "status code 500"),
                                             ("junk", "not SPARQL JSON")])
def test_remote_failures_leave_the_candidates_file_as_it_was(stand_in: str, settings: Settings, mode: str,
                                                             words: str) -> None:
    link.propose(settings, endpoint=stand_in, timeout=20)
    path = link.candidates_path(settings)
    # every name is still pending, so the next run asks the (broken) endpoint again
    text = path.read_text(encoding="utf-8")
    with broken_endpoint(mode) as url, pytest.raises(EnrichError) as e:
        link.propose(settings, endpoint=url, timeout=1)
    assert words in str(e.value) and "candidates file was left as it was" in str(e.value)
    assert e.value.exit_code == 6  # the README's "enrichment error": the remote endpoint failed
    assert path.read_text(encoding="utf-8") == text


def test_cli_link(stand_in: str, settings: Settings) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "KG_DATA_DIR": str(settings.data_dir)}
    run = [sys.executable, "-m", "kg.cli", "link", "--out", str(settings.out_dir), "--endpoint", stand_in]
    r = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "waiting for a decision" in r.stdout, r.stderr
    r = subprocess.run([*run, "--accept", "United Nations=Q900000303"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert Authorities.load(Path(settings.data_dir) / "authorities").resolve("United Nations").entity.wikidata == "Q900000303"
    r = subprocess.run([*run, "--accept", "Korea=Q900000304"], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2 and "not among the candidates" in r.stderr
