"""Dumps in parts shared between versions by hard links (``kg.dump_parts``): a derived version writes only the
parts of the pages that changed, were added or removed, and links the others (same inode); the whole dump, one
download, is the concatenation of the parts and equals the store; over HTTP with its size, ranges and ETag."""

from __future__ import annotations

import gzip
import hashlib
import pickle
import re
import shutil
import zlib
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from kg import dump_parts
from kg.build import build
from kg.config import Settings
from kg.layout import OutDir
from kg.store import open_store
from kg.synth import write_corpus
from tests.conftest import BASE, start_server
from tests.fixtures.server.build_fixture import stop

BUILD_GRAPH = ox.NamedNode(BASE + "graph/build")
PAGES = 4  # pages per part here (2,000 in a real build)


def _files(root: Path) -> dict[str, tuple[int, str]]:
    return {str(p.relative_to(root)): (p.stat().st_ino, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted((root / "dumps").rglob("*")) if p.is_file()}


def _named(quads) -> set:
    quads = list(quads)
    return {len(quads)} | {q for q in quads if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


def _store_quads(out: Path) -> set:
    store = open_store(OutDir(out).current().store)
    return _named(q for q in store.raw.quads_for_pattern(None, None, None) if q.graph_name != BUILD_GRAPH)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory):
    """Two versions of 14 pages in parts of 4: the second with one page changed, one removed and one added."""
    mp = pytest.MonkeyPatch()
    mp.setattr(dump_parts, "PART_PAGES", PAGES)
    tmp = tmp_path_factory.mktemp("parts")
    corpus, more = tmp / "corpus", tmp / "more"
    write_corpus(corpus, count=14, seed=5)
    write_corpus(more, count=16, seed=5)
    settings = Settings.from_env(out_dir=tmp / "var")
    try:
        assert build([corpus], settings=settings, progress=False, workers=1).ok
        v1 = OutDir(tmp / "var").current().root
        before = _files(v1)
        page = corpus / "synth-000001.txt"  # in part 1
        text = page.read_text()
        page.write_text(text.replace("\nAuthor(s):", "\nA paragraph added after publication.\nAuthor(s):", 1))
        for suffix in (".txt", ".source.yaml"):
            (corpus / f"synth-000009{suffix}").unlink()  # part 3 (pages 8-11)
            shutil.copy(more / f"synth-000015{suffix}", corpus / f"synth-000015{suffix}")  # added: the last part
        derived = build([corpus], settings=settings, progress=False, workers=1)
        assert derived.ok and derived.documents == 14
        yield tmp / "var", v1, before, OutDir(tmp / "var").current().root
    finally:
        mp.undo()


def test_unchanged_parts_are_hard_links_of_the_previous_version(versions) -> None:
    _out, v1, before, v2 = versions
    assert _files(v1) == before  # the previous version is untouched
    old, new = dump_parts.read_listing(v1 / "dumps"), dump_parts.read_listing(v2 / "dumps")
    assert [e["file"] for e in old["dumps"]["dataset.nt.gz"]] == [
        "dataset-00001.nt.gz", "dataset-00002.nt.gz", "dataset-00003.nt.gz", "dataset-00004.nt.gz",
        "dataset-graphs.nt.gz"]
    for name in dump_parts.DATA_DUMPS:
        ino = {p: (v2 / "dumps" / "parts" / dump_parts.part_file(name, p)).stat().st_ino for p in (1, 2, 3, 4)}
        was = {p: (v1 / "dumps" / "parts" / dump_parts.part_file(name, p)).stat().st_ino for p in (1, 2, 3, 4)}
        assert ino[2] == was[2], name  # no page of part 2 changed: the same file
        assert ino[1] != was[1] and ino[3] != was[3] and ino[4] != was[4], name  # changed, removed, added
    pages = {e["file"]: e["pages"] for e in new["dumps"]["dataset.nq.gz"]}
    assert pages["dataset-00003.nq.gz"] == 3 and pages["dataset-00004.nq.gz"] == 3
    # every part is a valid file of its format on its own
    for e in new["dumps"]["dataset.jsonld"]:
        list(ox.parse((v2 / "dumps" / "parts" / e["file"]).read_bytes(), format=ox.RdfFormat.JSON_LD))
    for e in new["dumps"]["dataset.ttl"]:
        list(ox.parse((v2 / "dumps" / "parts" / e["file"]).read_bytes(), format=ox.RdfFormat.TURTLE))
    # and SHA256SUMS holds each part's checksum
    sums = dict(reversed(line.split("  ")) for line in (v2 / "dumps" / "SHA256SUMS").read_text().splitlines())
    for entries in new["dumps"].values():
        for e in entries:
            assert sums["parts/" + e["file"]] == hashlib.sha256((v2 / "dumps" / "parts" / e["file"]).read_bytes()).hexdigest()


def test_the_whole_dump_is_the_concatenation_and_equals_the_store(versions) -> None:
    out, _v1, _before, v2 = versions
    dumps = v2 / "dumps"
    in_store = _store_quads(out)
    nq = _named(ox.parse(gzip.decompress(dump_parts.read_dump(dumps, "dataset.nq.gz")), format=ox.RdfFormat.N_QUADS))
    assert nq == in_store
    assert any("A paragraph added after publication" in str(q) for q in nq if not isinstance(q, int))
    assert not any("/document/synth-000009>" in str(q) for q in nq if not isinstance(q, int))
    triples = {x if isinstance(x, int) else x.triple for x in nq}
    for name, fmt in (("dataset.nt.gz", ox.RdfFormat.N_TRIPLES), ("dataset.ttl", ox.RdfFormat.TURTLE)):
        data = dump_parts.read_dump(dumps, name)
        got = _named(ox.parse(gzip.decompress(data) if name.endswith(".gz") else data, format=fmt))
        assert {x if isinstance(x, int) else x.triple for x in got} == triples, name
    assert _named(ox.parse(dump_parts.read_dump(dumps, "dataset.jsonld"), format=ox.RdfFormat.JSON_LD)) == nq


def test_a_derived_version_equals_a_build_from_scratch_in_parts(versions, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out, _v1, _before, v2 = versions
    monkeypatch.setattr(dump_parts, "PART_PAGES", PAGES)
    corpus = Path(str(out).replace("/var", "/corpus"))
    scratch = build([corpus], settings=Settings.from_env(out_dir=tmp_path / "var"), progress=False, workers=1)
    assert scratch.ok

    def lines(root: Path) -> list[str]:
        text = gzip.decompress(dump_parts.read_dump(root / "dumps", "dataset.nq.gz")).decode()
        return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", text).splitlines())

    assert lines(v2) == lines(OutDir(tmp_path / "var").current().root)


def test_served_as_one_file_with_size_ranges_and_etag(versions) -> None:
    out, _v1, _before, v2 = versions
    proc, url = start_server(out)
    try:
        for name in dump_parts.DATA_DUMPS:
            whole = dump_parts.read_dump(v2 / "dumps", name)
            r = requests.get(f"{url}/dumps/{name}")
            assert r.status_code == 200 and r.content == whole, name
            assert int(r.headers["Content-Length"]) == len(whole)
            assert r.headers["Accept-Ranges"] == "bytes"
            etag = r.headers["ETag"]
            assert requests.get(f"{url}/dumps/{name}", headers={"If-None-Match": etag}).status_code == 304
        whole = dump_parts.read_dump(v2 / "dumps", "dataset.ttl")
        first = dump_parts.read_listing(v2 / "dumps")["dumps"]["dataset.ttl"][0]["size"]
        lo, hi = first - 50, first + 49  # across the boundary of the first two parts
        r = requests.get(f"{url}/dumps/dataset.ttl", headers={"Range": f"bytes={lo}-{hi}"})
        assert r.status_code == 206 and r.content == whole[lo:hi + 1]
        assert r.headers["Content-Range"] == f"bytes {lo}-{hi}/{len(whole)}" and r.headers["Content-Length"] == "100"
        tail = requests.get(f"{url}/dumps/dataset.ttl", headers={"Range": "bytes=-10"})
        assert tail.status_code == 206 and tail.content == whole[-10:]
        assert requests.get(f"{url}/dumps/dataset.ttl", headers={"Range": f"bytes={len(whole) + 5}-"}).status_code == 416
        head = requests.head(f"{url}/dumps/dataset.jsonld")
        assert head.status_code == 200 and int(head.headers["Content-Length"]) == len(
            dump_parts.read_dump(v2 / "dumps", "dataset.jsonld"))
        # each part on its own, and the listing names them with their checksums
        listing = dump_parts.read_listing(v2 / "dumps")
        e = listing["dumps"]["dataset.nq.gz"][1]
        part = requests.get(f"{url}/dumps/parts/{e['file']}")
        assert part.status_code == 200 and hashlib.sha256(part.content).hexdigest() == e["sha256"]
        assert requests.get(f"{url}/dumps/parts/..%2Fbuild.json").status_code == 404
        assert requests.get(f"{url}/dumps/parts/nothing.nq.gz").status_code == 404
        dcat = requests.get(f"{url}/dumps/", headers={"Accept": "text/turtle"}).text
        assert e["sha256"] in dcat and f"dumps/parts/{e['file']}" in dcat
        html = requests.get(f"{url}/dumps/", headers={"Accept": "text/html"}).text
        assert 'href="/dumps/dataset.nq.gz"' in html
    finally:
        stop(proc)


def _page_pieces(i: int) -> dict[str, bytes]:
    from kg.publish import dump_pieces

    nt = f'<https://example.org/d{i}> <http://purl.org/dc/terms/title> "Page {i}" .\n'.encode()
    return dump_pieces(nt, BASE + "graph/documents") | {"load.nt": nt}


def _titles(dumps: Path) -> list[str]:
    text = gzip.decompress(dump_parts.read_dump(dumps, "dataset.nt.gz")).decode()
    return sorted(line.split('"')[1] for line in text.splitlines())


def test_pages_left_out_of_a_linked_part_rewrite_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--keep-going drops a page after the fact: its part is written anew (never the linked file changed)."""
    monkeypatch.setattr(dump_parts, "PART_PAGES", 2)
    v1 = tmp_path / "v1" / "dumps"
    w = dump_parts.PartsWriter(v1, tmp_path / "v1" / "load.nt")
    spans = [w.write(_page_pieces(i), i // 2 + 1) for i in range(4)]  # parts 1 and 2
    w.close()
    before = {p.name: p.read_bytes() for p in (v1 / "parts").iterdir()}
    v2 = tmp_path / "v2" / "dumps"
    w = dump_parts.PartsWriter(v2, tmp_path / "v2" / "load.nt", prev=v1, dirty={2})
    kept = [w.copy(spans[0]), w.copy(spans[1]), w.copy(spans[2]), w.write(_page_pieces(9), 2)]
    kept = w.keep_only([kept[0], kept[2], kept[3]])  # page 1 (in linked part 1) left out
    w.close()
    assert _titles(v2) == ["Page 0", "Page 2", "Page 9"]
    assert {p.name: p.read_bytes() for p in (v1 / "parts").iterdir()} == before  # the old version is whole
    p1 = dump_parts.part_file("dataset.nt.gz", 1)
    assert (v2 / "parts" / p1).stat().st_ino != (v1 / "parts" / p1).stat().st_ino
    for sp, title in zip(kept, ("Page 0", "Page 2", "Page 9"), strict=True):  # the spans point at the pages
        start, length = sp["dataset.nt.gz"]
        data = dump_parts.part_path(v2, "dataset.nt.gz", sp).read_bytes()[start:start + length]
        assert title in gzip.decompress(data).decode()
    # and a version derived from that one links part 1 now
    v3 = tmp_path / "v3" / "dumps"
    w = dump_parts.PartsWriter(v3, tmp_path / "v3" / "load.nt", prev=v2, dirty=set())
    for sp in kept:
        w.copy(sp)
    w.close()
    assert (v3 / "parts" / p1).stat().st_ino == (v2 / "parts" / p1).stat().st_ino
    assert _titles(v3) == ["Page 0", "Page 2", "Page 9"]


def test_unchanged_index_and_names_chunks_are_hard_links(versions, tmp_path: Path) -> None:
    """The index and names of a version are in chunks, one per dump part: the derived version links the chunk of
    the part no page of changed (same inode) and writes the others; reading the chunks gives every page."""
    from kg import derive, page_names
    from kg.layout import BuildDir

    _out, v1, _before, v2 = versions
    for folder, stem in ((derive.INDEX_DIR, "index"), (page_names.NAMES_DIR, "names")):
        ino = {p: (v2 / folder / f"{stem}-{p:05d}.pkl").stat().st_ino for p in (1, 2, 3, 4)}
        was = {p: (v1 / folder / f"{stem}-{p:05d}.pkl").stat().st_ino for p in (1, 2, 3, 4)}
        assert ino[2] == was[2], stem
        assert ino[1] != was[1] and ino[3] != was[3] and ino[4] != was[4], stem
    fingerprint = pickle.loads(zlib.decompress((v2 / derive.INDEX).read_bytes()))["fingerprint"]
    prev = derive.PreviousVersion.open(BuildDir(v2), fingerprint)
    assert prev is not None and len(prev.docs) == 14 and set(prev.files) == {d.path for d in prev.docs}
    assert len(page_names.load(v2)) == 14

    # a version built before the chunks (one index.pkl, one names.pkl) is still read the same
    old = tmp_path / "old"
    shutil.copytree(v2, old, symlinks=True)
    header = pickle.loads(zlib.decompress((old / derive.INDEX).read_bytes()))
    header.update(docs=prev.docs, files=prev.files)
    del header["chunks"]
    (old / derive.INDEX).write_bytes(zlib.compress(pickle.dumps(header)))
    (old / page_names.NAMES).write_bytes(zlib.compress(pickle.dumps(page_names.load(v2))))
    shutil.rmtree(old / derive.INDEX_DIR)
    shutil.rmtree(old / page_names.NAMES_DIR)
    again = derive.PreviousVersion.open(BuildDir(old), fingerprint)
    assert again is not None and again.files == prev.files
    assert [(d.path, d.key) for d in again.docs] == [(d.path, d.key) for d in prev.docs]
    assert page_names.load(old) == page_names.load(v2)
