"""The pass over the pages of a build: counts, duplicates, unreconciled names (helpers of :mod:`kg.build`)."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg import build_workers as bw
from kg.errors import IngestError


def _add_stats(total: dict, stats: tuple, sign: int = 1) -> None:
    if stats:
        total["triples"] += sign * stats[0]
        total["subjects"] += sign * stats[1]
        for key, counts in (("properties", stats[2]), ("classes", stats[3])):
            if sign > 0:
                total[key].update(counts)
            else:
                total[key].subtract(counts)
                for k in [k for k in counts if total[key][k] <= 0]:
                    del total[key][k]


def _unreconciled(kept: list[bw.DocOut]) -> list[tuple[str, str, int, list[str]]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in kept:
        for etype, name, doc_id in doc.unreconciled:
            found[(etype, name)].append(doc_id)
    counter = Counter({k: len(v) for k, v in found.items()})
    return [(etype, name, n, sorted(set(found[(etype, name)]))) for (etype, name), n in counter.most_common()]


def _duplicate_of(doc: bw.DocOut, seen: dict[tuple[str, str], str]) -> str | None:
    """The same page twice: same document id, source URL or Record ID as an earlier file (the first one wins)."""
    keys = (("document id", doc.doc_id), ("source URL", doc.source_url), ("Record ID", doc.record_id))
    for key in keys:
        if key[1] and key in seen:
            return f"{key[0]} {key[1]!r} is also in {seen[key]}"
    for key in keys:
        if key[1]:
            seen[key] = doc.path
    return None


def _errors_text(errors: list[IngestError]) -> str:
    if not errors:
        return ""
    return f"\n{len(errors)} file(s) could not be read:\n" + "\n".join(f"  {e}" for e in errors)
