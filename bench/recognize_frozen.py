"""Frozen recognizer outputs, and the recognizer's cost per page.

    python -m bench.recognize_frozen --write FILE [--heldout]   # record a digest of the mentions of every text
    python -m bench.recognize_frozen --check FILE [--heldout]   # compare (exit 1 and list the texts that differ)
    python -m bench.recognize_frozen --time [--pages 300] [--texts synth|bench|long|heldout]   # ms/page, recognizer only

The texts: the synthetic bench texts of ``bench/synth_mentions.py`` (300, seed 7, read as a page's body with the
parser's mentions, as ``bench/bench_recognize.py`` does), the same joined 50 at a time (long pages), the bodies of 500 ``kg synth`` pages (seed 11, parsed,
then :func:`kg.recognize.document_mentions`, the entry point of the build) and, with ``--heldout``, every
``/tmp/recog-*/*.txt`` present (never committed). Each text's entry is ``"<input digest> <output digest>"``: the input
is the text and the parser's mentions (a parser change is not a recognizer change: a text whose input changed is
skipped, and counted), the output the sorted mentions with their resolutions.

``--time`` parses the pages first, then times only the recognizer (all three finders merged, authorities loaded
once), best of the rounds; run it with ``PYTHONPATH`` pointing at another tree to time that tree's code.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNTH_PAGES = 500
SYNTH_SEED = 11
BENCH_TEXTS = 300
BENCH_SEED = 7
LONG_GROUP = 50  # texts joined into one long page


def _digest(obj: object) -> str:
    return hashlib.sha1(repr(obj).encode("utf-8")).hexdigest()[:16]


def _found_key(found: list) -> list[tuple]:
    rows = []
    for span, r, written in found:
        rows.append((span.start, span.end, written, r.etype, r.key, r.label, r.reconciled, r.matched, r.method,
                     r.alias, tuple(r.candidates), r.confidence, r.note, r.flag))
    return sorted(rows, key=repr)


def _auth():
    from kg.authorities import Authorities

    return Authorities.load(ROOT / "data" / "authorities")


def bench_texts() -> Iterator[tuple[str, str]]:
    from bench.synth_mentions import generate

    rng = random.Random(BENCH_SEED)
    for i in range(BENCH_TEXTS):
        yield f"bench-{i:04d}", generate(rng).text


def heldout_texts() -> Iterator[tuple[str, str]]:
    for folder in sorted(Path("/tmp").glob("recog-*")):
        if folder.is_dir():
            for txt in sorted(folder.glob("*.txt")):
                yield f"{folder.name}/{txt.name}", txt.read_text(encoding="utf-8")


def synth_records(count: int = SYNTH_PAGES, seed: int = SYNTH_SEED) -> list:
    from kg.ingest import parse_file
    from kg.synth import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), count, seed)
        return [parse_file(p) for p in sorted(Path(tmp).glob("synth-*.txt"))]


def _text_entry(text: str, auth) -> str:
    from bench.bench_recognize import parser_mentions
    from kg.recognize import mentions_in_text

    pm = parser_mentions(text)
    return f"{_digest((text, pm))} {_digest(_found_key(mentions_in_text(text, auth, parser_mentions=pm)))}"


def _record_entry(rec, auth) -> str:
    from kg.recognize import document_mentions

    pm = [(m.span.start, m.span.end, m.text, m.kind) for m in rec.mentions]
    inp = (rec.text, rec.body, rec.body_span and (rec.body_span.start, rec.body_span.end), pm)
    return f"{_digest(inp)} {_digest(_found_key(document_mentions(rec, auth)))}"


def freeze(*, heldout: bool) -> dict[str, dict[str, str]]:
    auth = _auth()
    out: dict[str, dict[str, str]] = {"bench": {}, "synth": {}, "long": {}}
    bench = list(bench_texts())
    for label, text in bench:
        out["bench"][label] = _text_entry(text, auth)
    for k in range(0, len(bench), LONG_GROUP):  # long pages: where a scan over all names so far would show
        out["long"][f"bench-{k:04d}+{LONG_GROUP}"] = _text_entry("\n\n".join(t for _, t in bench[k:k + LONG_GROUP]), auth)
    for rec in synth_records():
        out["synth"][rec.doc_id] = _record_entry(rec, auth)
    if heldout:
        held = list(heldout_texts())
        out["heldout"] = {label: _text_entry(text, auth) for label, text in held}
        for k in range(0, len(held), LONG_GROUP):
            out["heldout"][f"long-{k:04d}+{LONG_GROUP}"] = _text_entry(
                "\n\n".join(t for _, t in held[k:k + LONG_GROUP]), auth)
    return out


def dumps(frozen: dict[str, dict[str, str]]) -> str:
    """One text a line."""
    parts = []
    for part in sorted(frozen):
        rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(frozen[part].items()))
        parts.append(f" {json.dumps(part)}: {{\n{rows}\n }}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def compare(frozen: dict, now: dict) -> tuple[int, int, list[str]]:
    """(texts compared, texts skipped because their input changed, labels whose output differs)."""
    compared = skipped = 0
    differ = []
    for part, entries in frozen.items():
        for label, entry in entries.items():
            inp, outp = entry.split()
            got = now.get(part, {}).get(label, "").split() or ["", ""]
            if got[0] != inp:
                skipped += 1
                continue
            compared += 1
            if got[1] != outp:
                differ.append(f"{part}/{label}")
    return compared, skipped, differ


def time_pages(pages: int, rounds: int, texts: str = "synth", join: int = LONG_GROUP) -> float:
    """Best ms/page of the recognizer over ``pages`` parsed synthetic pages (``texts="synth"``), or over the bench
    texts, the long pages of 50 of them, or the held-out texts read as a page's body (``"bench"``, ``"long"``,
    ``"heldout"``)."""
    from kg.recognize import document_mentions, mentions_in_text

    auth = _auth()
    if texts == "synth":
        recs = synth_records(pages)
        calls = [lambda r=r: document_mentions(r, auth) for r in recs]
    else:
        from bench.bench_recognize import parser_mentions

        items = [t for _, t in (heldout_texts() if texts == "heldout" else bench_texts())]
        if texts == "long":
            items = ["\n\n".join(items[k:k + join]) for k in range(0, len(items), join)]
        args = [(t, parser_mentions(t)) for t in items]
        calls = [lambda t=t, pm=pm: mentions_in_text(t, auth, parser_mentions=pm) for t, pm in args]
    if not calls:
        raise SystemExit(f"no {texts} texts")
    for call in calls[:20]:
        call()  # warm the lexicons' caches
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for call in calls:
            call()
        best = min(best, time.process_time() - t0)
    return best / len(calls) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", type=Path)
    g.add_argument("--check", type=Path)
    g.add_argument("--time", action="store_true")
    ap.add_argument("--heldout", action="store_true", help="also the /tmp/recog-*/*.txt texts present")
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--join", type=int, default=LONG_GROUP, help="bench texts a long page joins (--texts long)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--texts", choices=("synth", "bench", "long", "heldout"), default="synth",
                    help="what --time reads")
    args = ap.parse_args(argv)
    if args.time:
        print(f"{time_pages(args.pages, args.rounds, args.texts, args.join):.2f} ms/page ({args.texts})")
        return 0
    now = freeze(heldout=args.heldout)
    if args.write:
        args.write.write_text(dumps(now), encoding="utf-8")
        print(f"wrote {sum(len(v) for v in now.values())} digests to {args.write}")
        return 0
    frozen = json.loads(args.check.read_text(encoding="utf-8"))
    if not args.heldout:
        frozen.pop("heldout", None)
    compared, skipped, differ = compare(frozen, now)
    print(f"{compared} texts compared, {skipped} skipped (input changed), {len(differ)} differ")
    for d in differ:
        print("   ", d)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
