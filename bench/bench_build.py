"""Build benchmark: the synthetic corpus at 1k and 10k documents, time per stage, documents/s, peak memory.

    python -m bench.bench_build [--sizes 1000,10000] [--seed 1] [--workdir bench/out]

Each size is built in a fresh child process (so its peak memory is its own). Ratios are against baselines
measured in the same run, since these machines are noisy:
- ``per-doc vs 1k``: a stage's time per document at this size divided by the same at the smallest size
  (1.0 = linear scaling);
- ``vs read``: a stage's time divided by the time to merely read every source file (the floor of any pass).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

STAGES = ["parse", "resolve", "map", "validate", "load", "dump"]


def _child(corpus: Path, out: Path) -> None:
    from kg.build import build
    from kg.config import Settings

    t0 = time.perf_counter()
    for p in sorted(corpus.iterdir()):
        p.read_bytes()
    read = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = build([corpus], settings=Settings.from_env(out_dir=out), progress=False, keep_going=True)
    total = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"documents": result.documents, "skipped": len(result.errors), "stages": result.stages,
                      "total": total, "read": read, "peak_mib": peak_kib / 1024,
                      "triples": result.counts.get("triples", 0)}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", default="bench/out")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(Path(args.child[0]), Path(args.child[1]))
        return 0

    from kg.synth import write_corpus

    work = Path(args.workdir)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for n in sizes:
        corpus = work / f"corpus-{n}"
        out = work / f"var-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        write_corpus(corpus, count=n, seed=args.seed)
        gen = time.perf_counter() - t0
        proc = subprocess.run([sys.executable, "-m", "bench.bench_build", "--child", str(corpus), str(out)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["size"] = n
        row["generate"] = gen
        rows.append(row)

    base = rows[0]
    print(f"\n{'size':>7} {'docs':>7} {'triples':>9} {'total s':>8} {'docs/s':>8} {'peak MiB':>9} {'read s':>7}")
    for r in rows:
        print(f"{r['size']:>7} {r['documents']:>7} {r['triples']:>9} {r['total']:>8.2f} "
              f"{r['documents'] / r['total']:>8.1f} {r['peak_mib']:>9.0f} {r['read']:>7.3f}")
    print(f"\n{'stage':<9}" + "".join(f"{'s@' + str(r['size']):>12}{'per-doc vs ' + str(base['size']):>18}{'vs read':>10}"
                                     for r in rows))
    for st in STAGES:
        line = f"{st:<9}"
        for r in rows:
            t = r["stages"].get(st, 0.0)
            per_doc = t / max(r["documents"], 1)
            base_per_doc = base["stages"].get(st, 0.0) / max(base["documents"], 1)
            ratio = per_doc / base_per_doc if base_per_doc else float("nan")
            line += f"{t:>12.2f}{ratio:>18.2f}{t / max(r['read'], 1e-9):>10.0f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
