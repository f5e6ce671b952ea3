"""Dumps over HTTP against the real server: listing (HTML, DCAT), media types, ETag, Last-Modified, 304, 206,
streaming from disk, and no way out of the dumps folder."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from tests.conftest import start_server
from tests.fixtures.server.build_fixture import SECRET, make_out, stop

BIG = "big-test.nt"
BIG_SIZE = 96 * 1024 * 1024
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    out = make_out(tmp_path_factory.mktemp("dumps") / "var")
    dumps = out / "current" / "dumps"
    with (dumps / BIG).open("wb") as f:  # a large file (sparse: no disk cost) to show downloads are streamed
        f.truncate(BIG_SIZE)
    proc, url = start_server(out)
    try:
        yield url, dumps, proc
    finally:
        stop(proc)


def curl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["curl", "-s", "--path-as-is", *args], capture_output=True, timeout=60)


def status_of(url: str) -> tuple[int, bytes]:
    r = curl("-o", "-", "-w", "\n%{http_code}", url)
    body, _, code = r.stdout.rpartition(b"\n")
    return int(code), body


def test_listing_html(served) -> None:
    url, dumps, _ = served
    r = requests.get(url + "/dumps/", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "accept" in r.headers["Vary"].lower()
    sums = dict(reversed(line.split("  ")) for line in (dumps / "SHA256SUMS").read_text().splitlines())
    for name in ("dataset.ttl", "dataset.nt.gz", "dataset.nq.gz", "dataset.jsonld", "void.ttl", "SHA256SUMS",
                 "validation-report.txt"):
        assert f'href="/dumps/{name}"' in r.text, name
        size = (dumps / name).stat().st_size
        assert f'title="{size} bytes"' in r.text
    for digest in sums.values():
        assert digest in r.text
    # a checksum not listed in SHA256SUMS is computed (SHA256SUMS itself)
    assert hashlib.sha256((dumps / "SHA256SUMS").read_bytes()).hexdigest() in r.text
    assert "N-Triples, gzip-compressed" in r.text
    assert "escape.ttl" not in r.text  # the symlink out of the folder is not a dump
    assert requests.get(url + "/dumps", allow_redirects=False).headers["Location"].endswith("/dumps/")


def test_listing_dcat(served) -> None:
    url, dumps, _ = served
    r = requests.get(url + "/dumps/", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    store = ox.Store()
    store.load(r.content, format=ox.RdfFormat.TURTLE)
    rows = list(store.query(f"""PREFIX dcat: <{DCAT}> PREFIX spdx: <{SPDX}>
        SELECT ?url ?size ?sum ?type WHERE {{ ?ds dcat:distribution ?d . ?d a dcat:Distribution ; dcat:downloadURL ?url ;
        dcat:byteSize ?size ; dcat:mediaType ?type ; spdx:checksum [ spdx:checksumValue ?sum ] }}"""))
    names = {row["url"].value.rsplit("/", 1)[1] for row in rows}
    assert {"dataset.ttl", "dataset.nt.gz", "void.ttl", "SHA256SUMS", BIG} <= names and "escape.ttl" not in names
    for row in rows:
        name = row["url"].value.rsplit("/", 1)[1]
        assert row["url"].value == f"{url}/dumps/{name}"
        if name == BIG:
            continue
        got = requests.get(row["url"].value)
        assert got.status_code == 200
        assert int(row["size"].value) == len(got.content) == (dumps / name).stat().st_size
        assert row["sum"].value == hashlib.sha256(got.content).hexdigest()
    types = {row["url"].value.rsplit("/", 1)[1]: row["type"].value for row in rows}
    assert types["dataset.nt.gz"].endswith("/application/n-triples")
    assert types["dataset.ttl"].endswith("/text/turtle")


@pytest.mark.parametrize("name,media", [
    ("dataset.ttl", "text/turtle"), ("dataset.nt.gz", "application/gzip"), ("dataset.nq.gz", "application/gzip"),
    ("dataset.jsonld", "application/ld+json"), ("void.ttl", "text/turtle"), ("SHA256SUMS", "text/plain"),
    ("validation-report.txt", "text/plain"),
])
def test_files_with_media_type_etag_and_date(served, name: str, media: str) -> None:
    url, dumps, _ = served
    r = requests.get(f"{url}/dumps/{name}")
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0] == media
    assert "Content-Encoding" not in r.headers  # a .gz is saved as it is, so its checksum holds
    assert r.content == (dumps / name).read_bytes()
    assert r.headers["ETag"].strip('"') == hashlib.sha256(r.content).hexdigest()
    assert r.headers["Last-Modified"].endswith("GMT")
    assert r.headers["Accept-Ranges"] == "bytes"
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    if name == "dataset.nt.gz":
        assert gzip.decompress(r.content).startswith(b"<")


def test_conditional_requests(served) -> None:
    url, _, _ = served
    first = requests.get(url + "/dumps/dataset.ttl")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert requests.get(url + "/dumps/dataset.ttl", headers={"If-None-Match": etag}).status_code == 304
    not_modified = requests.get(url + "/dumps/dataset.ttl", headers={"If-Modified-Since": modified})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert requests.get(url + "/dumps/dataset.ttl", headers={"If-None-Match": '"other"'}).status_code == 200
    # curl, a real client, says the same
    out = curl("-o", "/dev/null", "-w", "%{http_code}", "-H", f"If-None-Match: {etag}", url + "/dumps/dataset.ttl")
    assert out.stdout == b"304"


def test_range_requests(served) -> None:
    url, dumps, _ = served
    data = (dumps / "dataset.ttl").read_bytes()
    r = requests.get(url + "/dumps/dataset.ttl", headers={"Range": "bytes=0-99"})
    assert r.status_code == 206 and r.content == data[:100]
    assert r.headers["Content-Range"] == f"bytes 0-99/{len(data)}"
    tail = requests.get(url + "/dumps/dataset.ttl", headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == data[-10:]
    assert requests.get(url + "/dumps/dataset.ttl", headers={"Range": f"bytes={len(data) + 10}-"}).status_code == 416
    etag = r.headers["ETag"]
    same = requests.get(url + "/dumps/dataset.ttl", headers={"Range": "bytes=10-19", "If-Range": etag})
    assert same.status_code == 206 and same.content == data[10:20]
    changed = requests.get(url + "/dumps/dataset.ttl", headers={"Range": "bytes=10-19", "If-Range": '"stale"'})
    assert changed.status_code == 200 and changed.content == data
    # resuming a download with curl
    out = curl("-r", "100-", "-o", "-", url + "/dumps/dataset.ttl")
    assert out.stdout == data[100:]


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_large_file_is_streamed_not_read_into_memory(served) -> None:
    url, _, proc = served
    requests.get(url + "/dumps/dataset.ttl")  # warm up
    before = _rss_kib(proc.pid)
    peak = before
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _rss_kib(proc.pid))
            time.sleep(0.01)

    t = threading.Thread(target=watch)
    t.start()
    received = 0
    try:
        with requests.get(url + "/dumps/" + BIG, stream=True) as r:
            assert r.status_code == 200 and int(r.headers["Content-Length"]) == BIG_SIZE
            for chunk in r.iter_content(1 << 20):
                received += len(chunk)
                time.sleep(0.0005)
    finally:
        done.set()
        t.join()
    assert received == BIG_SIZE
    growth_mib = (peak - before) / 1024
    print(f"RSS growth while streaming {BIG_SIZE >> 20} MiB: {growth_mib:.1f} MiB")
    assert growth_mib < 32, f"server grew by {growth_mib:.1f} MiB while serving a {BIG_SIZE >> 20} MiB file"


TRAVERSALS = [
    "/dumps/../build.json", "/dumps/../secret.txt", "/dumps/../../secret.txt",
    "/dumps/..%2fsecret.txt", "/dumps/..%2Fbuild.json", "/dumps/%2e%2e/secret.txt", "/dumps/%2e%2e%2fsecret.txt",
    "/dumps/%2E%2E%2F%2E%2E%2Fsecret.txt", "/dumps/..%5csecret.txt", "/dumps/....//secret.txt",
    "/dumps//etc/passwd", "/dumps/%2fetc%2fpasswd", "/dumps/%2Fetc%2Fpasswd", "/dumps/escape.ttl",
    "/dumps/..", "/dumps/.", "/dumps/%2e%2e", "/dumps/dataset.ttl%00.txt", "/dumps/dataset.ttl/..%2f..%2fsecret.txt",
    "/dumps/%252e%252e%252fsecret.txt", "/dumps/..;/secret.txt", "/dumps/.%2e/secret.txt",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_way_out_of_the_dumps_folder(served, path: str) -> None:
    url, _, _ = served
    code, body = status_of(url + path)
    assert SECRET.encode() not in body
    assert b"root:" not in body and b'"checksums"' not in body  # /etc/passwd, build.json
    assert code in (301, 308, 400, 404), f"{path} -> {code}"
    if code in (301, 308):  # a client-side normalisation: where it leads must not leak either
        r = requests.get(url + path, allow_redirects=True)
        assert SECRET not in r.text and "root:" not in r.text


def test_missing_dump_is_404(served) -> None:
    url, _, _ = served
    r = requests.get(url + "/dumps/nothing.ttl")
    assert r.status_code == 404


@pytest.mark.parametrize("path", [
    "/static/../__init__.py", "/static/..%2f__init__.py", "/static/%2e%2e/state.py", "/static/%2e%2e%2fstate.py",
    "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/../../kg/config.py", "/static/..%5c__init__.py",
])
def test_no_way_out_of_the_static_folder(served, path: str) -> None:
    url, _, _ = served
    code, body = status_of(url + path)
    assert b"from __future__" not in body and b"root:" not in body
    assert code in (308, 400, 404), f"{path} -> {code}"
    if code == 308:  # Werkzeug merges double slashes: where it leads must be inside the folder, or nothing
        r = requests.get(url + path, allow_redirects=True)
        assert r.status_code == 404 and "root:" not in r.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/dumps/", "/dumps/dataset.ttl", "/id/person/joseph-stalin",
                                  "/page/person/joseph-stalin", "/ontology", "/", "/.well-known/void"])
def test_read_only(served, method: str, path: str) -> None:
    url, dumps, _ = served
    before = (dumps / "dataset.ttl").read_bytes()
    r = requests.request(method, url + path, data=b"<a> <b> <c> .", headers={"Content-Type": "text/turtle"})
    assert r.status_code == 405
    assert (dumps / "dataset.ttl").read_bytes() == before


def test_nothing_published_yet_is_a_clear_503(tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    proc, url = start_server(out)
    try:
        for path in ("/", "/dumps/", "/dumps/dataset.ttl", "/id/person/joseph-stalin", "/ontology", "/.well-known/void"):
            r = requests.get(url + path, allow_redirects=False)
            assert r.status_code == 503, path
            assert "kg build" in r.text, path
    finally:
        stop(proc)
