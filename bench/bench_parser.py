"""Score the page parser field by field against expectation files.

    python -m bench.bench_parser DIR            # pages DIR/*.txt, each with DIR/<stem>.expected.yaml
    python -m bench.bench_parser --synth 500    # the synthetic corpus (kg.synth), the CI default

An expectation file is YAML with any of these keys (a key left out is not scored; ``null`` means "absent"); how
to read each one off a page, and which of two readings counts, is decided in docs/page-fields.md:

    title: "Ciphered Telegram No. 709, Filippov [Stalin] to Krasovsky, for Mao Zedong"
    date: 1952-02-03                # the document date (null when the page gives none); as precise as the page:
                                    # "1956-10" (month), "1962" (year), "1983-21" (spring), "1950~" (c. 1950): EDTF
    kind: ciphered telegram
    senders: [{name: Filippov, identified_as: Stalin}]   # a plain string compares the name only
    recipients: [Krasovsky, Mao Zedong]
    via: []
    participants: []                # conversations: who took part (neither senders nor recipients)
    author: null                    # diaries and journals only: whose diary
    citations: [{repository: APRF, fond: "45", opis: "1", delo: "342", folios: "78"}]  # only the keys given
    number: "709"                   # the document's number ("No. 709", "# 600382/sh")
    telegram_number: "72/III"       # the trailer's outgoing number
    sent_from: null
    translators: []
    record_id: "113636"
    incomplete: false               # the page text is cut (no citation, no rights)
    date_inferred: false            # true: no date line, the date came from the title, header or citation

Values compare as written, case included, after whitespace is normalised ("TESGRAD" is not "Tesgrad": the line
docs/page-fields.md picks decides the case); a repository may carry or drop the place after it.

Core fields: title, date, kind, senders, recipients, citations. Printed: accuracy per field, the share of pages
with every core field right, of fields right overall, parse errors (IngestError) and crashes (anything else),
and pages per second (against a baseline of reading the same files, measured in the same run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from kg.errors import IngestError
from kg.ingest.wilson import parse_page
from kg.records import DocumentRecord, NameRef

CORE = ("title", "date", "kind", "senders", "recipients", "citations")
NAME_LISTS = ("senders", "recipients", "via", "participants", "translators")
SCALARS = ("title", "kind", "number", "telegram_number", "sent_from", "record_id")


def _norm(s: Any) -> Any:
    return " ".join(str(s).split()) if s is not None else None


def _name_is(g: NameRef, want: Any) -> bool:
    """A name as written with its honorific ("Cde. Testov") or without it ("Testov"): the record keeps both."""
    return _norm(want) in (_norm(g.name), _norm(g.written))


def _names_match(got: list[NameRef], want: list[Any]) -> bool:
    if len(got) != len(want):
        return False
    for g, w in zip(got, want, strict=True):
        if isinstance(w, dict):
            if not _name_is(g, w.get("name")):
                return False
            if "identified_as" in w and _norm(g.identified_as) != _norm(w["identified_as"]):
                return False
        elif not _name_is(g, w):
            return False
    return True


def _same_repository(got: Any, want: Any) -> bool:
    """Equal, or equal but for the place after the archive's name ("SAPMO-BArch, Berlin" and "SAPMO-BArch")."""
    a, b = _norm(got), _norm(want)
    if a == b:
        return True
    if a is None or b is None:
        return False
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short + ", ")


def _citations_match(rec: DocumentRecord, want: list[dict[str, Any]]) -> bool:
    got = rec.citations
    if len(got) != len(want):
        return False
    for g, w in zip(got, want, strict=True):
        for key, value in w.items():
            if key == "repository":
                if not _same_repository(g.repository, value):
                    return False
            elif _norm(getattr(g, key, None)) != _norm(value):
                return False
    return True


def _date_matches(rec: DocumentRecord, want: Any) -> bool:
    """A day compares with the record's date; a partial date ("1956-10", 1962, "1950~") with its EDTF form."""
    if want is None:
        return rec.date_edtf is None
    if isinstance(want, dt.date):
        return rec.date == want and not rec.date_approximate
    return rec.date_edtf == str(want)


def field_results(rec: DocumentRecord, exp: dict[str, Any]) -> dict[str, bool]:
    """For each field the expectation names: did the parser read it right?"""
    out: dict[str, bool] = {}
    for key, want in exp.items():
        if key in SCALARS:
            out[key] = _norm(getattr(rec, key)) == _norm(want)
        elif key == "date":
            out[key] = _date_matches(rec, want)
        elif key in NAME_LISTS:
            out[key] = _names_match(getattr(rec, key), want or [])
        elif key == "citations":
            out[key] = _citations_match(rec, want or [])
        elif key == "author":
            out[key] = _norm(rec.author.name if rec.author else None) == _norm(want)
        elif key in ("incomplete", "date_inferred"):
            out[key] = bool(getattr(rec, key)) == bool(want)
    return out


def score(cases: list[tuple[str, str, dict[str, Any]]], verbose: bool = False) -> dict[str, Any]:
    per_field: Counter[str] = Counter()
    per_field_ok: Counter[str] = Counter()
    core_ok = all_ok = errors = crashes = 0
    misses: list[str] = []
    t0 = time.perf_counter()
    for name, text, exp in cases:
        try:
            rec = parse_page(text, path=name)
        except IngestError as e:
            errors += 1
            misses.append(f"{name}: parse error: {e}")
            for key in exp:
                per_field[key] += 1
            continue
        except Exception:  # a crash: the parser must never raise anything but IngestError
            crashes += 1
            misses.append(f"{name}: CRASH\n{traceback.format_exc()}")
            for key in exp:
                per_field[key] += 1
            continue
        res = field_results(rec, exp)
        for key, ok in res.items():
            per_field[key] += 1
            per_field_ok[key] += ok
            if not ok and verbose:
                misses.append(f"{name}: {key}: got {_shown(rec, key)!r}, want {exp[key]!r}")
        core_ok += all(res.get(k, True) for k in CORE)
        all_ok += all(res.values())
    elapsed = time.perf_counter() - t0
    n = len(cases)
    fields_total = sum(per_field.values())
    return {"pages": n, "core_ok": core_ok, "all_ok": all_ok, "errors": errors, "crashes": crashes,
            "fields_ok": sum(per_field_ok.values()), "fields_total": fields_total,
            "per_field": {k: (per_field_ok[k], per_field[k]) for k in sorted(per_field)},
            "seconds": elapsed, "misses": misses}


def _shown(rec: DocumentRecord, key: str) -> Any:
    if key in NAME_LISTS:
        return [(r.name, r.identified_as) for r in getattr(rec, key)]
    if key == "citations":
        return [{k: v for k, v in vars(c).items() if v and k not in ("verbatim", "span")} for c in rec.citations]
    if key == "author":
        return rec.author.name if rec.author else None
    return getattr(rec, key, None)


def load_dir(folder: Path) -> list[tuple[str, str, dict[str, Any]]]:
    cases = []
    for page in sorted(folder.glob("*.txt")):
        exp_path = page.with_name(page.stem + ".expected.yaml")
        if not exp_path.exists():
            continue
        exp = yaml.safe_load(exp_path.read_text(encoding="utf-8")) or {}
        cases.append((page.name, page.read_text(encoding="utf-8"), exp))
    return cases


def synth_cases(count: int, seed: int) -> list[tuple[str, str, dict[str, Any]]]:
    from kg.synth import expected_fields, generate_case

    rng = random.Random(seed)
    out = []
    for n in range(count):
        text, exp = generate_case(rng, n)
        out.append((f"synth-{n:06d}.txt", text, expected_fields(exp)))
    return out


def report(res: dict[str, Any], label: str, baseline_s: float | None = None) -> str:
    n = max(res["pages"], 1)
    lines = [f"parser bench: {label}: {res['pages']} pages"]
    for key, (ok, total) in res["per_field"].items():
        mark = "*" if key in CORE else " "
        lines.append(f"  {mark} {key:<16} {ok:>6}/{total:<6} {100 * ok / max(total, 1):6.1f} %")
    lines.append(f"pages with every core field right: {res['core_ok']}/{res['pages']} "
                 f"({100 * res['core_ok'] / n:.1f} %)")
    lines.append(f"pages with every field right:      {res['all_ok']}/{res['pages']} ({100 * res['all_ok'] / n:.1f} %)")
    lines.append(f"fields right:                      {res['fields_ok']}/{res['fields_total']} "
                 f"({100 * res['fields_ok'] / max(res['fields_total'], 1):.1f} %)")
    lines.append(f"parse errors: {res['errors']}   crashes: {res['crashes']}")
    rate = res["pages"] / res["seconds"] if res["seconds"] else float("inf")
    tail = f"speed: {rate:,.0f} pages/s"
    if baseline_s:
        tail += f" ({res['seconds'] / baseline_s:,.0f}x the time to split the same pages into lines)"
    lines.append(tail)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_parser", description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, help="pages (*.txt) with <stem>.expected.yaml beside them")
    ap.add_argument("--synth", type=int, metavar="N", help="score N synthetic pages instead (default 500 "
                    "when no folder is given)")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every field read wrong")
    args = ap.parse_args(argv)
    if args.folder is None and args.synth is None:
        args.synth = 500
    if args.folder is not None:
        if not args.folder.is_dir():
            print(f"bench_parser: {args.folder}: not a folder", file=sys.stderr)
            return 2
        cases, label = load_dir(args.folder), str(args.folder)
    else:
        cases, label = synth_cases(args.synth, args.seed), f"synthetic corpus (seed {args.seed})"
    if not cases:
        print(f"bench_parser: no pages with expectation files in {label}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    for _, text, _ in cases:  # baseline: the cheapest full pass over the same text
        text.splitlines()
    baseline = time.perf_counter() - t0
    res = score(cases, verbose=args.verbose)
    print(report(res, label, baseline))
    if args.verbose or res["crashes"]:
        for m in res["misses"]:
            print("  - " + m)
    return 1 if res["crashes"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
