"""Publishing never loses data: kills at any stage, versions kept, restore, one build at a time."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build, list_versions, restore_version
from kg.config import Settings
from kg.errors import BuildError
from kg.layout import BuildDir, OutDir
from kg.store import open_store
from tests.conftest import ROOT, WILSON


def _assert_complete(b: BuildDir) -> None:
    """A published version is whole: manifest, store that answers, dumps that match their checksums."""
    m = b.manifest()
    assert m["id"] == b.build_id
    store = open_store(b.store)
    n = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")))["n"].value)
    assert n > 100
    for line in (b.dumps / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((b.dumps / name).read_bytes()).hexdigest() == digest


@pytest.fixture()
def published(tmp_path: Path) -> tuple[Settings, Path]:
    docs = tmp_path / "docs"
    shutil.copytree(WILSON, docs)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    assert build([docs], settings=settings, progress=False).ok
    return settings, docs


@pytest.mark.parametrize("stage", ["parse", "resolve", "map", "validate", "load", "dump", "publish"])
def test_killing_a_build_at_any_stage_keeps_the_published_build(published, stage: str) -> None:
    settings, docs = published
    out = OutDir(settings.out_dir)
    before = out.current()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(docs), "--out", str(settings.out_dir)],
                            cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.strip() == f"[kg build] {stage}":
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(60)
    after = out.current()
    assert after is not None
    # either the old build (killed before the switch) or the whole new one (killed just after it)
    assert after.root == before.root or proc.returncode == 0 or stage == "publish"
    _assert_complete(after)
    _assert_complete(before)
    # the next build cleans up what the killed one left in staging and succeeds
    assert build([docs], settings=settings, progress=False).ok
    assert not any(out.staging.iterdir())


def test_versions_are_kept_and_can_be_restored(published) -> None:
    settings, docs = published
    first = OutDir(settings.out_dir).current()
    assert build([docs], settings=settings, progress=False).ok
    rows = list_versions(settings)
    assert len(rows) == 2 and [r["current"] for r in rows] == [False, True]
    assert all(r["documents"] == 2 for r in rows)
    restored = restore_version(first.build_id, settings)
    assert OutDir(settings.out_dir).current().root == first.root == restored.root
    _assert_complete(restored)
    with pytest.raises(BuildError, match="no published version"):
        restore_version("../../etc", settings)
    r = subprocess.run([sys.executable, "-m", "kg.cli", "versions", "--out", str(settings.out_dir)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and f"* {first.build_id}" in r.stdout


def test_old_versions_are_pruned_but_never_the_current(published, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build

    settings, docs = published
    monkeypatch.setattr(kg.build, "KEEP_VERSIONS", 2)
    for _ in range(3):
        assert build([docs], settings=settings, progress=False).ok
    rows = list_versions(settings)
    assert len(rows) == 2 and rows[-1]["current"]


def test_published_dumps_never_change(published) -> None:
    settings, docs = published
    first = OutDir(settings.out_dir).current()
    def files() -> dict[str, bytes]:  # the dumps' parts (kg.dump_parts) too
        return {str(p.relative_to(first.dumps)): p.read_bytes() for p in first.dumps.rglob("*") if p.is_file()}

    snapshot = files()
    assert any(name.startswith("parts/") for name in snapshot)
    (docs / "000_627fab5f342979c4.txt").write_text(
        (docs / "000_627fab5f342979c4.txt").read_text().replace("severe", "very severe"))
    assert build([docs], settings=settings, progress=False).ok
    assert OutDir(settings.out_dir).current().root != first.root
    assert files() == snapshot


def test_one_build_at_a_time(published) -> None:
    import fcntl

    settings, docs = published
    with (Path(settings.out_dir) / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another build is running"):
            build([docs], settings=settings, progress=False)


def test_switching_builds_under_load_fails_no_request(published) -> None:
    """Clients keep querying and reading pages while two new builds are published: every request succeeds,
    answers come from the old build until the switch and from the new one after it, with no restart."""
    import threading

    import requests

    from tests.conftest import start_server

    settings, docs = published
    proc, url = start_server(Path(settings.out_dir))
    failures: list[str] = []
    ids: set[str] = set()
    stop = threading.Event()

    def hammer() -> None:
        s = requests.Session()
        while not stop.is_set():
            for path, kw in (("/sparql", {"params": {"query": "SELECT ?v WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/identifier> ?v } } LIMIT 1"}}),
                             ("/id/person/joseph-stalin", {"headers": {"Accept": "text/turtle"}}),
                             ("/dumps/", {}), ("/reconcile", {"params": {"query": "Filippov"}})):
                try:
                    r = s.get(url + path, timeout=30, **kw)
                    if r.status_code != 200:
                        failures.append(f"{path} -> {r.status_code} {r.text[:200]}")
                except requests.RequestException as e:
                    failures.append(f"{path} -> {e}")
            r = s.get(url + "/.well-known/void", headers={"Accept": "text/turtle"}, timeout=30)
            ids.update(line.split('"')[1] for line in r.text.splitlines() if "dcterms:identifier" in line and '"' in line)

    try:
        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for t in threads:
            t.start()
        for _ in range(2):
            assert build([docs], settings=settings, progress=False).ok
        time.sleep(1.0)
        stop.set()
        for t in threads:
            t.join(60)
    finally:
        proc.terminate()
        proc.wait(10)
    assert not failures, failures[:5]
    current = OutDir(settings.out_dir).current()
    assert current.build_id in ids  # the last build was served without a restart
    assert len(ids) >= 2
