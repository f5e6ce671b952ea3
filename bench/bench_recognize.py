"""Recall and precision of mention finding, before (gazetteer + parser mentions) and after (with the recognizer).

    python -m bench.bench_recognize                      # synthetic texts (bench/synth_mentions.py), seeded
    python -m bench.bench_recognize --corpus DIR [-v]    # a folder of NAME.txt + NAME.json expectations

An expectation file lists the names a reader sees in the text, by kind; each entry is one entity, its written
forms separated by "|"; "ignore" lists names that count neither way (site words, offices), "non_names" words
that must not be found (counted as false positives either way):

    {"person": ["Gorbachev|M.S. Gorbachev", "Kohl"], "place": ["Moscow"], "organization": ["CC CPSU"],
     "ignore": ["Vice President"]}

A found mention matches an entity when its words (titles, honorifics and initials left out, case and diacritics
folded) are a subset or a superset of one written form's words. Recall = entities found / entities expected
(per kind, and overall); precision = distinct found names that match an expected entity / distinct found names
that match an expected or a non-ignored name; kind = matches whose kind is the expected kind. The texts are read
as the body of a page (the parser's own body mentions included, as the pipeline does).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.authorities import Authorities, tokens
from kg.recognize import lexicon, mentions_in_text
from kg.records import DocumentRecord, Span

KINDS = ("person", "place", "organization")
_DROP = lexicon.TITLES | lexicon.HONORIFICS


def _key(name: str) -> frozenset[str]:
    toks = tokens(name)
    if len(toks) > 1 and all(len(t) == 1 for t in toks):
        return frozenset({"".join(toks)})  # a dotted acronym: "U.S." is "us", not nothing
    return frozenset(t for t in toks if len(t) > 1 and t not in _DROP)


@dataclass
class Score:
    expected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    recalled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    tp: int = 0
    fp: int = 0
    kind_ok: int = 0
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def recall(self, kind: str | None = None) -> float:
        e = sum(self.expected.values()) if kind is None else self.expected[kind]
        r = sum(self.recalled.values()) if kind is None else self.recalled[kind]
        return r / e if e else 1.0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0


def parser_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """The parser's body mentions for a plain text (the whole text read as the body)."""
    try:
        from kg.ingest import wilson

        p = wilson._Parser(text, "bench", None)
        rec = DocumentRecord(doc_id="bench", source_path="bench", source_format="wilson-page", text=text,
                             body=text, body_span=Span(0, len(text)))
        p.mentions(rec)
        return [(m.span.start, m.span.end, m.text, m.kind) for m in rec.mentions]
    except Exception:  # the parser's internals changed: score the other finders alone
        return []


def found_mentions(text: str, auth: Authorities, *, after: bool) -> list[tuple[str, str]]:
    pm = parser_mentions(text)
    if after:
        found = mentions_in_text(text, auth, parser_mentions=pm)
    else:
        # the pipeline before the recognizer: gazetteer names, then every parser mention not inside one
        gaz = auth.find_mentions(text)
        found = [(s, r, text[s.start:s.end]) for s, r in gaz]
        taken = [(s.start, s.end) for s, _ in gaz]
        for s, e, w, k in pm:
            if not any(a <= s and e <= b for a, b in taken):
                taken.append((s, e))
                found.append((Span(s, e), auth.resolve(w, k), w))
    kind_of = {"archive": "organization", "office": "organization"}
    return [(w, kind_of.get(r.etype, r.etype)) for _, r, w in found]


def score_text(text: str, exp: dict[str, list[str]], auth: Authorities, *, after: bool, score: Score) -> None:
    entities = [(k, [_key(f) for f in e.split("|")], e) for k in KINDS for e in exp.get(k, [])]
    ignore = [_key(f) for e in exp.get("ignore", []) for f in e.split("|")]
    non_names = [_key(f) for f in exp.get("non_names", [])]
    for k, _, _ in entities:
        score.expected[k] += 1
    hit: set[int] = set()
    seen: set[frozenset[str]] = set()
    for written, kind in found_mentions(text, auth, after=after):
        fk = _key(written)
        if not fk or fk in seen:
            continue
        seen.add(fk)
        match = None
        if not any(fk & nn == nn or fk <= nn for nn in non_names if nn):
            exact = [n for n, (_k, forms, _) in enumerate(entities) if fk in forms]
            loose = [n for n, (_k, forms, _) in enumerate(entities) if any(f and (fk <= f or f <= fk) for f in forms)]
            for n in exact + loose:  # an exact form first, then one not found yet
                match = n
                if n not in hit:
                    break
        if match is not None:
            score.tp += 1
            if entities[match][0] == kind:
                score.kind_ok += 1
            hit.add(match)
        elif any(fk == ig or fk <= ig for ig in ignore if ig):
            continue
        else:
            score.fp += 1
            score.false_positives.append(f"{written} ({kind})")
    for n, (k, _, e) in enumerate(entities):
        if n in hit:
            score.recalled[k] += 1
        else:
            score.missed.append(f"{e.split('|')[0]} ({k})")


def load_corpus(folder: Path) -> list[tuple[str, str, dict[str, list[str]]]]:
    out = []
    for txt in sorted(folder.glob("*.txt")):
        exp_path = txt.with_suffix(".json")
        if not exp_path.exists():
            print(f"{txt}: no expectations file {exp_path.name}; skipped", file=sys.stderr)
            continue
        try:
            exp = json.loads(exp_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise SystemExit(f"{exp_path}:{e.lineno}: bad JSON: {e.msg}") from None
        out.append((txt.name, txt.read_text(encoding="utf-8"), exp))
    return out


def synthetic(count: int, seed: int) -> list[tuple[str, str, dict[str, list[str]]]]:
    from bench.synth_mentions import generate

    rng = random.Random(seed)
    out = []
    for i in range(count):
        st = generate(rng)
        out.append((f"synth-{i:04d}", st.text, st.expectations()))
    return out


def run(docs: list[tuple[str, str, dict[str, list[str]]]], auth: Authorities, *, verbose: bool) -> dict:
    results = {}
    for label, after in (("before", False), ("after", True)):
        sc = Score()
        t0 = time.perf_counter()
        per_doc = []
        for name, text, exp in docs:
            d = Score()
            score_text(text, exp, auth, after=after, score=d)
            per_doc.append((name, d))
            for k in KINDS:
                sc.expected[k] += d.expected[k]
                sc.recalled[k] += d.recalled[k]
            sc.tp += d.tp
            sc.fp += d.fp
            sc.kind_ok += d.kind_ok
            sc.false_positives += [f"{name}: {x}" for x in d.false_positives]
            sc.missed += [f"{name}: {x}" for x in d.missed]
        secs = time.perf_counter() - t0
        results[label] = (sc, secs)
        if verbose:
            print(f"--- {label}: missed")
            for m in sc.missed:
                print("   ", m)
            print(f"--- {label}: false positives")
            for m in sc.false_positives:
                print("   ", m)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="folder of NAME.txt + NAME.json (default: synthetic texts)")
    ap.add_argument("--count", type=int, default=300, help="synthetic texts (default 300)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--authorities", type=Path, default=Path("data/authorities"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed names and false positives")
    args = ap.parse_args(argv)
    auth = Authorities.load(args.authorities) if args.authorities.is_dir() else Authorities.empty()
    docs = load_corpus(args.corpus) if args.corpus else synthetic(args.count, args.seed)
    if not docs:
        print("no texts", file=sys.stderr)
        return 1
    results = run(docs, auth, verbose=args.verbose)
    exp = results["before"][0].expected
    by_kind = ", ".join(f"{k} {exp[k]}" for k in KINDS)
    print(f"{len(docs)} texts, {sum(exp.values())} expected names ({by_kind})")
    print("| finder | recall | person | place | org | precision | kind right | found | time |")
    print("|---|---|---|---|---|---|---|---|---|")
    base_t = results["before"][1]
    for label in ("before", "after"):
        sc, secs = results[label]
        print(f"| {label} | {sc.recall():.0%} | {sc.recall('person'):.0%} | {sc.recall('place'):.0%} | "
              f"{sc.recall('organization'):.0%} | {sc.precision():.0%} | "
              f"{(sc.kind_ok / sc.tp if sc.tp else 1):.0%} | {sc.tp + sc.fp} | "
              f"{secs:.2f} s ({secs / base_t if base_t else 0:.1f}x) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
