"""Republish benchmark: one page changed, added or removed, on a collection already built and published.

    python -m bench.bench_republish CORPUS OUT [--edits change,add,remove] [--profile FILE]

``OUT`` holds a published version of ``CORPUS`` (``kg build``, or ``bench.bench_build``'s work folder). Each
edit changes the corpus in place (a paragraph of the text of the page in the middle changed; a copy of that page under a new
name with a document id of its own; the removal of that copy) and builds again: a new version derived from the
previous one. Printed for each: the wall time and the CPU time (user + system), the load average before and
after, the version's stages, the pages processed, the pages taken whole with
their dump parts and the pages whose names were read (``kg.derive.Summary``, ``kg.page_names.NamesState``), how
the global validation pass ran, and the peak RSS of the process. ``--profile``: cProfile of the first edit's build (pstats file).
The collection is left with the changed page (a copy of the corpus keeps the original: ``cp -a``; the version
index names files by path, so build a copy at the path it was built from, e.g. with a bind mount).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import re
import resource
import time
from pathlib import Path


def _page(corpus: Path) -> Path:
    pages = sorted(str(p) for p in corpus.glob("*.txt"))
    return Path(pages[len(pages) // 2])


_ADDED = re.compile(r"\n\nA sentence added for the republish benchmark \(\d+\)\.")


def _change(corpus: Path) -> None:
    """A paragraph of the middle page's text changed (added after its last paragraph the first time, replaced after):
    the page stays valid and its record changes (it is mapped, validated and loaded again)."""
    page = _page(corpus)
    text = page.read_text(encoding="utf-8")
    sentence = f"\n\nA sentence added for the republish benchmark ({time.time_ns()})."
    if _ADDED.search(text):
        text = _ADDED.sub(lambda _m: sentence, text, count=1)
    else:
        at = min((i for i in (text.find("\n\nAuthor(s):"), text.find("\n\nDocument Information")) if i >= 0),
                 default=len(text.rstrip()))
        text = text[:at] + sentence + text[at:]
    page.write_text(text, encoding="utf-8")


def _copy_name(corpus: Path) -> Path:
    return corpus / ("zz-republish-" + _page(corpus).name)


def _add(corpus: Path) -> None:
    """A copy of the middle page with a document id and a Record ID of its own (its sidecar's, when it has one)."""
    page, copy = _page(corpus), _copy_name(corpus)
    text = re.sub(r"(Record ID\n\s*)(\d+)", lambda m: m.group(1) + "9" + m.group(2), page.read_text(encoding="utf-8"))
    copy.write_text(text + "\nA page added for the republish benchmark.\n", encoding="utf-8")
    sidecar = page.with_name(page.stem + ".source.yaml")
    if sidecar.is_file():
        text = re.sub(r"(?m)^doc_id:.*$", "doc_id: zz-republish", sidecar.read_text(encoding="utf-8"))
        copy.with_name(copy.stem + ".source.yaml").write_text(text, encoding="utf-8")


def _remove(corpus: Path) -> None:
    copy = _copy_name(corpus)
    copy.unlink(missing_ok=True)
    copy.with_name(copy.stem + ".source.yaml").unlink(missing_ok=True)


def _cpu() -> float:
    """User + system CPU seconds of this process and of its children that ended (a republish of a few pages
    processes them in this process: no workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


EDITS = {"change": _change, "add": _add, "remove": _remove}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--edits", default="change,add,remove")
    ap.add_argument("--profile")
    args = ap.parse_args(argv)
    from kg.build import build
    from kg.config import Settings
    from kg.layout import OutDir

    corpus, out = Path(args.corpus), Path(args.out)
    settings = Settings.from_env(out_dir=out)
    if OutDir(out).current() is None:
        raise SystemExit(f"no published version in {out}: build {corpus} first")
    for i, name in enumerate(args.edits.split(",")):
        EDITS[name](corpus)
        prof = cProfile.Profile() if args.profile and i == 0 else None
        load0 = os.getloadavg()[0]
        c0 = _cpu()
        t0 = time.perf_counter()
        if prof is not None:
            prof.enable()
        result = build([corpus], settings=settings, progress=False, keep_going=True)
        if prof is not None:
            prof.disable()
            prof.dump_stats(args.profile)
        took = time.perf_counter() - t0
        cpu = _cpu() - c0
        m = OutDir(out).current().manifest()
        print(json.dumps({"edit": name, "seconds": round(took, 2), "cpu_seconds": round(cpu, 2),
                          "documents": result.documents,
                          "processed": m["counts"].get("processed"), "derived_from": m.get("derived_from"),
                          "taken_whole": m["counts"].get("taken_whole"), "names_read": m["counts"].get("names_read"),
                          "global": m.get("validation", {}).get("global"),
                          "stages": {k: round(v, 2) for k, v in result.stages.items()},
                          "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                          "load": [round(load0, 1), round(os.getloadavg()[0], 1)]}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
