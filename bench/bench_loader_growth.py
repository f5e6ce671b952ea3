"""The bulk loader's CPU as the store grows: chunk after chunk (the build's way) or one call, on N-Quads.

    python -m bench.bench_loader_growth make DATASET.nq COPIES BIG.nq   # COPIES renamed copies of a build's quads
    python -m bench.bench_loader_growth chunks BIG.nq STORE [--mb 128]  # one bulk_load a chunk, into one store
    python -m bench.bench_loader_growth one BIG.nq STORE                # one bulk_load for the whole file

``DATASET.nq`` is a build's ``dataset.nq.gz`` decompressed (``kg.dump_parts.open_dump``); ``make`` writes it
``COPIES`` times with the document IRIs renamed per copy (``/id/document/c<i>-...``), so a 10k build gives the
documents graph of a larger collection (entities and authorities stay shared, as in a real one). Printed, one JSON
line a chunk: its CPU seconds (user + system of the whole process, the bulk loader's threads and the store's
compactions included), the running sum, the peak RSS so far, and the CPU of the store's compaction threads
(``rocksdb:low``) so far. Nothing else should run in the process: the CPU is the process's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import time
from pathlib import Path

import pyoxigraph as ox


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _compactions() -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for tid in os.listdir("/proc/self/task"):
        try:
            text = Path(f"/proc/self/task/{tid}/stat").read_text()
        except OSError:
            continue
        if text[text.index("(") + 1 : text.rindex(")")].startswith("rocksdb"):
            fields = text.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _line(**kw: object) -> None:
    kw["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    kw["compactions_cpu"] = round(_compactions(), 1)
    print(json.dumps(kw), flush=True)


def make(src: Path, copies: int, dest: Path) -> None:
    data = src.read_bytes()
    with dest.open("wb") as f:
        for i in range(copies):
            f.write(data.replace(b"/id/document/", f"/id/document/c{i}-".encode()))


def chunks(src: Path, store_dir: Path, mb: int) -> None:
    shutil.rmtree(store_dir, ignore_errors=True)
    store = ox.Store(str(store_dir))
    tmp = store_dir.with_name(store_dir.name + ".chunk.nq")
    c0, t0, n = _cpu(), time.perf_counter(), 0
    with src.open("rb") as f:
        while buf := f.read(mb << 20):
            tmp.write_bytes(buf + f.readline())
            c = _cpu()
            store.bulk_load(path=str(tmp), format=ox.RdfFormat.N_QUADS)
            n += 1
            _line(chunk=n, cpu=round(_cpu() - c, 1), cpu_so_far=round(_cpu() - c0, 1))
    tmp.unlink()
    store.flush()
    _line(done=True, cpu=round(_cpu() - c0, 1), wall=round(time.perf_counter() - t0, 1))


def one(src: Path, store_dir: Path) -> None:
    shutil.rmtree(store_dir, ignore_errors=True)
    store = ox.Store(str(store_dir))
    c0, t0 = _cpu(), time.perf_counter()
    store.bulk_load(path=str(src), format=ox.RdfFormat.N_QUADS)
    store.flush()
    _line(done=True, cpu=round(_cpu() - c0, 1), wall=round(time.perf_counter() - t0, 1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["make", "chunks", "one"])
    ap.add_argument("args", nargs="+")
    ap.add_argument("--mb", type=int, default=128, help="chunk size (chunks)")
    a = ap.parse_args(argv)
    if a.mode == "make":
        make(Path(a.args[0]), int(a.args[1]), Path(a.args[2]))
    elif a.mode == "chunks":
        chunks(Path(a.args[0]), Path(a.args[1]), a.mb)
    else:
        one(Path(a.args[0]), Path(a.args[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
