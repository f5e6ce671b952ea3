"""Build benchmark: the synthetic corpus at several sizes, time per stage against floors measured in the same run.

    python -m bench.bench_build [--sizes 1000,10000,100000] [--seed 1] [--workdir bench/out]

For each size a corpus is written with ``kg synth``'s generator, then built in a fresh child process (so its
peak memory is its own; the build's worker processes are its children). The machine is shared and noisy, so
every time is also given as a ratio to a floor measured in the same child right before or after:

- ``read``: reading every source file once (no pass over the sources can be faster);
- ``bulk load``: pyoxigraph's bulk loader on the N-Quads the build produced (``dataset.nq.gz``, decompressed
  first), into a fresh store (the build's own load can be no faster).

Then one page is changed and the collection built again (``republish``: a new version, the cache used for
every other page). With ``--code-changes``, two more builds follow, each in a fresh process running a copy of
``kg/`` edited the way a developer would (:func:`_code_change`): comments and docstrings only (the next build must
derive from the previous version, nothing read or mapped again), then a statement added to the parser that
changes no record (every page parsed again, none mapped again): what a code change costs (docs/scaling.md). The build's progress (each stage and when it started, documents/s and time left) and the
memory every 30 s go to stderr. Printed: documents, triples, total time, documents/s, CPU ms a document (user +
system of the build process and all its workers: what two cores share, whatever the load; the build process's
by thread: main, loader, store compactions), peak RSS (the build process, and the largest worker), each stage with its ratio to the floors, and the republish time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WALL_STAGES = ["resolve", "plan", "process", "validate-global", "load", "load (thread)", "dump", "search-index",
               "prune-cache"]  # "load (thread)": the bulk loader's time on its thread, mostly during "process"
CPU_STAGES = ["parse", "map", "validate", "serialize",  # summed over the worker processes (wall time in each)
              "cpu:parse", "cpu:map", "cpu:validate", "cpu:serialize"]  # (their CPU time)


def _floor_read(corpus: Path) -> float:
    t0 = time.perf_counter()
    for p in sorted(corpus.iterdir()):
        p.read_bytes()
    return time.perf_counter() - t0


def _floor_bulk_load(dumps: Path) -> float:
    import pyoxigraph as ox

    from kg.dump_parts import open_dump

    with tempfile.TemporaryDirectory(dir=dumps.parent.parent) as tmp:
        nq = Path(tmp) / "dataset.nq"
        with gzip.open(open_dump(dumps, "dataset.nq.gz"), "rb") as src, nq.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        t0 = time.perf_counter()
        store = ox.Store(str(Path(tmp) / "store"))
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        return time.perf_counter() - t0


class _RssSampler(threading.Thread):
    """Samples, twice a second, the RSS of this process and of all its descendants (the build's workers):
    the largest single process and the largest total; and the CPU time of each (user + system, the last value
    seen: a worker that ended between two samples loses at most half a second), summed in :meth:`cpu_seconds`."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.max_one = self.max_total = 0
        self._cpu: dict[tuple[int, int], float] = {}  # (pid, start time) -> CPU seconds
        self._threads: dict[int, tuple[str, float]] = {}  # this process's threads: tid -> (name, CPU seconds)
        self._stop_event = threading.Event()
        self._lock = threading.Lock()

    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    def snapshot(self) -> float:
        """The CPU seconds of the whole tree now (a fresh sample: at a stage's start and end)."""
        self._tree()
        return self.cpu_seconds()

    def thread_seconds(self) -> dict[str, float]:
        """CPU of the build process by thread name: ``kg-bulk-load`` (the loader thread and the bulk loader's
        threads it starts), ``rocksdb:*`` (the store's flushes and compactions), the rest (the main thread). A
        thread that ended between two samples loses at most half a second."""
        out: dict[str, float] = {}
        for name, cpu in self._threads.values():
            key = name if name == "kg-bulk-load" or name.startswith("rocksdb") else "main and other"
            out[key] = out.get(key, 0.0) + cpu
        return out

    def _sample_threads(self, tick: int) -> None:
        me = os.getpid()
        for tid in os.listdir(f"/proc/{me}/task"):
            try:
                with open(f"/proc/{me}/task/{tid}/stat") as f:
                    text = f.read()
            except OSError:
                continue
            fields = text.rsplit(")", 1)[1].split()
            self._threads[int(tid)] = (text[text.index("(") + 1 : text.rindex(")")],
                                       (int(fields[11]) + int(fields[12])) / tick)

    def _tree(self) -> dict[int, int]:
        with self._lock:  # (the sampler's thread and the build's, at a stage's start)
            return self._tree_locked()

    def _tree_locked(self) -> dict[int, int]:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        cpu: dict[int, tuple[int, float]] = {}
        tick = os.sysconf("SC_CLK_TCK")
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parents[int(d)] = int(fields[1])
                rss[int(d)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
                cpu[int(d)] = (int(fields[19]), (int(fields[11]) + int(fields[12])) / tick)
            except (OSError, IndexError, ValueError):
                continue
        mine, todo = {os.getpid()}, [os.getpid()]
        while todo:
            p = todo.pop()
            for c, pp in parents.items():
                if pp == p and c not in mine:
                    mine.add(c)
                    todo.append(c)
        for p in mine:
            if p in cpu:
                self._cpu[(p, cpu[p][0])] = cpu[p][1]
        self._sample_threads(tick)
        return {p: rss.get(p, 0) for p in mine}

    def run(self) -> None:
        n = 0
        while not self._stop_event.wait(0.5):
            tree = self._tree()
            self.max_one = max(self.max_one, max(tree.values(), default=0))
            self.max_total = max(self.max_total, sum(tree.values()))
            n += 1
            if n % 60 == 0:  # every 30 s, for long runs
                print(f"[bench] RSS now {sum(tree.values()) / 2**20:.0f} MiB (all), peak {self.max_one / 2**20:.0f} MiB "
                      f"(one process) / {self.max_total / 2**20:.0f} MiB (all)", file=sys.stderr, flush=True)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _child(corpus: Path, out: Path) -> None:
    from kg.build import build
    from kg.config import Settings
    from kg.layout import OutDir

    settings = Settings.from_env(out_dir=out)
    read = _floor_read(corpus)
    sampler = _RssSampler()
    marks = _mark_stages(sampler)
    sampler.start()
    t0 = time.perf_counter()
    result = build([corpus], settings=settings, progress=True, keep_going=True)  # progress: on stderr
    total = time.perf_counter() - t0
    sampler.stop()
    marks.append(("end", sampler.snapshot()))  # (a last sample: the build process's own CPU up to now)
    cpu_stages = _stage_cpu(marks)  # (the republish below is not sampled)
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bulk = _floor_bulk_load(OutDir(out).current().dumps)
    # one page changed: a new version, every other page from the cache
    page = sorted(corpus.glob("*.txt"))[len(list(corpus.glob("*.txt"))) // 2]
    text = page.read_text(encoding="utf-8")
    at = "\n\n" if "\n\n" in text else "\nAuthor(s):"  # (some synthetic pages have no blank line)
    page.write_text(text.replace(at, "\nA sentence added for the republish benchmark." + at, 1), encoding="utf-8")
    t0 = time.perf_counter()
    again = build([corpus], settings=settings, progress=False, keep_going=True)
    republish = time.perf_counter() - t0
    print(json.dumps({"documents": result.documents, "left_out": len(result.left_out), "stages": result.stages,
                      "total": total, "cpu": sampler.cpu_seconds(),
                      "cpu_threads": sampler.thread_seconds(), "cpu_stages": cpu_stages,
                      "read": read, "bulk_load": bulk, "peak_mib": peak_self,
                      "peak_one_mib": sampler.max_one / 2**20, "peak_total_mib": sampler.max_total / 2**20,
                      "triples": result.counts.get("triples", 0), "republish": republish,
                      "republish_stages": again.stages, "republish_cached": again.counts.get("cached", 0),
                      "code_changes": _code_changes(corpus, out) if os.environ.get("KG_BENCH_CODE_CHANGES") else None}))


def _mark_stages(sampler: _RssSampler) -> list[tuple[str, float]]:
    """Record the CPU of the whole tree (the build process and its workers) as each stage of the build starts
    (:meth:`kg.build_result.Progress.stage`): what :func:`_stage_cpu` divides by stage."""
    from kg import build_result

    marks: list[tuple[str, float]] = []
    stage = build_result.Progress.stage

    def marked(self: build_result.Progress, name: str) -> None:
        if not marks or marks[-1][0] != "end":  # (not the republish's stages: "cpu" is the first build's)
            marks.append((name, sampler.snapshot()))
        stage(self, name)

    build_result.Progress.stage = marked  # type: ignore[method-assign]
    return marks


def _stage_cpu(marks: list[tuple[str, float]]) -> dict[str, float]:
    """CPU seconds of every process by stage: ``resolve`` (listing, the names pass's workers, the merges),
    ``process`` (the page workers, the build's loop and its loader thread), ``validate-global``, ``load``, ``dump``
    (with the search index), ``publish``."""
    out: dict[str, float] = {}
    for (name, at), (_next, end) in zip(marks, marks[1:], strict=False):
        key = "process" if name.startswith("parse, map") else "validate-global" if name.startswith("validate ") \
            else name.split(" ", 1)[0]
        out[key] = out.get(key, 0.0) + end - at
    return out


_CODE_CHANGE_BUILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])  # the edited copy first (the same working folder: the pages' paths are the same)
from pathlib import Path
from kg.build import build
from kg.config import Settings
from kg.layout import OutDir
t0 = time.perf_counter()
r = build([Path(sys.argv[1])], settings=Settings.from_env(out_dir=Path(sys.argv[2])), progress=False, keep_going=True)
wall = time.perf_counter() - t0
cpu = sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
          for f in ("ru_utime", "ru_stime"))
m = OutDir(Path(sys.argv[2])).current().manifest()
print(json.dumps({"wall": wall, "cpu": cpu, "derived": m["derived_from"] is not None, "processed": m["counts"]["processed"],
                  "names_read": m["counts"]["names_read"], "stages": r.stages}))
"""


def _code_change(corpus: Path, out: Path, copy: Path, edits: list[tuple[str, str, str]]) -> dict:
    """A build in a fresh process whose code is ``copy`` (a copy of this ``kg/`` with data, shapes and ontology
    linked) after ``edits`` ((file under kg/, text, replacement)); its wall and CPU time (with its workers'),
    whether it derived from the previous version and how many pages it read and processed."""
    for rel, old, new in edits:
        f = copy / "kg" / rel
        text = f.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"{rel}: {old!r} not found (edit the bench's code change)")
        f.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _CODE_CHANGE_BUILD, str(corpus), str(out), str(copy)],
                          stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _code_changes(corpus: Path, out: Path) -> dict:
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        copy = Path(tmp)
        shutil.copytree(root / "kg", copy / "kg", ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("data", "shapes", "ontology"):
            (copy / name).symlink_to(root / name)
        comment = _code_change(corpus, out, copy, [
            ("mapping.py", '"""', '"""(A docstring said otherwise for the benchmark.)\n'),
            ("ingest/common.py", "\nimport re\n", "\nimport re  # (a comment added for the benchmark)\n\n")])
        parser = _code_change(corpus, out, copy, [("ingest/common.py", "\nimport re", "\nimport re\n\n_BENCH = 1\n")])
    return {"comment": comment, "parser": parser}


def _run_size(corpus: Path, out: Path) -> dict:
    """In its own process, so that the largest worker's memory is measured for this size alone."""
    proc = subprocess.run([sys.executable, "-m", "bench.bench_build", "--child", str(corpus), str(out)],
                          stdout=subprocess.PIPE, text=True)  # stderr (the build's progress) passes through
    if proc.returncode != 0:
        raise SystemExit(f"the build of {corpus} failed (exit {proc.returncode})")
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", default="bench/out")
    ap.add_argument("--code-changes", action="store_true", help="also build after a comment-only and a parser change")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--size", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(Path(args.child[0]), Path(args.child[1]))
        return 0
    if args.size:
        print(json.dumps(_run_size(Path(args.size[0]), Path(args.size[1]))))
        return 0

    from kg.synth import write_corpus

    if args.code_changes:
        os.environ["KG_BENCH_CODE_CHANGES"] = "1"  # (for the child processes)
    work = Path(args.workdir)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        corpus, out = work / f"corpus-{n}", work / f"var-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        write_corpus(corpus, count=n, seed=args.seed)
        gen = time.perf_counter() - t0
        proc = subprocess.run([sys.executable, "-m", "bench.bench_build", "--size", str(corpus), str(out)],
                              stdout=subprocess.PIPE, text=True)  # stderr (the build's progress) passes through
        if proc.returncode != 0:
            return 1
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row.update(size=n, generate=gen)
        rows.append(row)
        shutil.rmtree(out, ignore_errors=True)  # a 100k build is large: keep the disk for the next size
        _print(rows)
    return 0


def _print(rows: list[dict]) -> None:
    print(f"\n{'size':>7} {'docs':>7} {'triples':>10} {'total s':>8} {'docs/s':>7} {'cpu ms/doc':>10} {'RSS MiB':>8} "
          f"{'all MiB':>8} {'read s':>7} {'bulk s':>7} {'total/bulk':>10} {'republish s':>11}")
    for r in rows:
        print(f"{r['size']:>7} {r['documents']:>7} {r['triples']:>10} {r['total']:>8.1f} "
              f"{r['documents'] / r['total']:>7.1f} {1000 * r.get('cpu', 0) / max(r['documents'], 1):>10.2f} "
              f"{r['peak_mib']:>8.0f} {r['peak_total_mib']:>8.0f} "
              f"{r['read']:>7.2f} {r['bulk_load']:>7.2f} {r['total'] / r['bulk_load']:>10.1f} {r['republish']:>11.2f}")
    print("\nCPU ms a document of the build process by thread (the rest of 'cpu ms/doc' is its worker processes): "
          + "; ".join(f"{r['size']}: " + ", ".join(f"{k} {1000 * v / max(r['documents'], 1):.2f}"
                                                   for k, v in sorted(r.get("cpu_threads", {}).items())) for r in rows))
    print("\nCPU ms a document by stage (every process: the build's and its workers'): " + "; ".join(
        f"{r['size']}: " + ", ".join(f"{k} {1000 * v / max(r['documents'], 1):.2f}" for k, v in r.get("cpu_stages", {}).items())
        for r in rows))
    base = rows[0]
    print(f"\n{'stage':<20}" + "".join(f"{'s@' + str(r['size']):>11}{'/read':>8}{'/bulk':>7}{'ms/doc':>8}" for r in rows))
    for st in WALL_STAGES + CPU_STAGES:
        line = f"{st + (' (workers)' if st in CPU_STAGES and ':' not in st else ''):<20}"
        for r in rows:
            t = r["stages"].get(st, 0.0)
            line += f"{t:>11.2f}{t / max(r['read'], 1e-9):>8.0f}{t / max(r['bulk_load'], 1e-9):>7.2f}" \
                    f"{1000 * t / max(r['documents'], 1):>8.2f}"
        print(line)
    if len(rows) > 1:
        print("\nper-document cost vs the smallest size (1.0 = flat): " + ", ".join(
            f"{r['size']}: {(r['total'] / r['documents']) / (base['total'] / base['documents']):.2f}" for r in rows))
    print("\nrepublish one changed page, by step (s): " + "; ".join(
        f"{r['size']}: total {r['republish']:.2f} = " + ", ".join(
            f"{k} {v:.2f}" for k, v in r["republish_stages"].items() if k not in CPU_STAGES and v >= 0.005)
        + f", rest {r['republish'] - sum(v for k, v in r['republish_stages'].items() if k not in CPU_STAGES and k != 'load (thread)'):.2f}"
        for r in rows))
    for r in rows:
        for kind, c in (r.get("code_changes") or {}).items():
            print(f"\n{r['size']}: after a {kind} change: {c['wall']:.1f} s wall, {c['cpu']:.1f} s CPU (with workers), "
                  f"{'derived' if c['derived'] else 'from scratch'}, {c['names_read']} pages read, "
                  f"{c['processed']} processed; " + ", ".join(f"{k} {v:.2f}" for k, v in c["stages"].items()
                                                              if k not in CPU_STAGES and v >= 0.005))


if __name__ == "__main__":
    raise SystemExit(main())
