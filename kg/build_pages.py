"""The pass over the pages of a build: counts, duplicates, unreconciled names (helpers of :mod:`kg.build`).

A derived version takes a dump part none of whose pages changed as a whole (:meth:`kg.derive.PreviousVersion.plan_parts`):
its pages are not looked at, what they add up to comes from the previous version's :class:`kg.derive.Summary`.
Where that cannot give the result a build from scratch gives (a page taken one by one duplicates a later page
taken whole; the rules over all pages leave out a page), the build raises :class:`Expand` and runs again with
every page taken one by one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from kg import build_workers as bw
from kg import derive, validate_global
from kg.errors import IngestError


class Expand(Exception):  # noqa: N818 (a signal, not an error: the build runs again page by page)
    """The parts taken whole cannot give this build's result: take every page one by one."""


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
    found: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for doc in kept:
        for etype, name, doc_id in doc.unreconciled:
            by_doc = found[(etype, name)]
            by_doc[doc_id] = by_doc.get(doc_id, 0) + 1
    return _unreconciled_of(found)


def _unreconciled_of(found: dict[tuple[str, str], dict[str, int]]) -> list[tuple[str, str, int, list[str]]]:
    """``(type, name, occurrences, documents)`` from the occurrences of each name by document, the most frequent
    first (then by type and name: the same order whichever way the counts were made)."""
    rows = [(etype, name, sum(by_doc.values()), sorted(by_doc)) for (etype, name), by_doc in found.items()]
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    return rows


def _duplicate_of(doc: bw.DocOut, seen: dict[tuple[str, str], str], whole: dict[tuple[str, str], str] | None = None,
                  after: Callable[[str, str], bool] | None = None) -> str | None:
    """The same page twice: same document id, source URL or Record ID as an earlier file (the first one wins).
    ``whole``: the keys of the pages of the parts taken whole (:class:`kg.derive.Summary`), whose order among the
    others ``after(a, b)`` (a comes after b in the sources) tells; such a page coming after ``doc`` raises
    :class:`Expand` (it would be the duplicate, and it is not looked at)."""
    keys = (("document id", doc.doc_id), ("source URL", doc.source_url), ("Record ID", doc.record_id))
    for key in keys:
        if key[1] and key in seen:
            return f"{key[0]} {key[1]!r} is also in {seen[key]}"
        if key[1] and whole is not None and key in whole:
            if after is None or after(whole[key], doc.path):
                raise Expand(f"{whole[key]} is a page taken whole and a later duplicate of {doc.path}")
            return f"{key[0]} {key[1]!r} is also in {whole[key]}"
    for key in keys:
        if key[1]:
            seen[key] = doc.path
    return None


def _errors_text(errors: list[IngestError]) -> str:
    if not errors:
        return ""
    return f"\n{len(errors)} file(s) could not be read:\n" + "\n".join(f"  {e}" for e in errors)


def _read_key(src: str, records: dict[str, str], fingerprint: str, sigs: dict[str, str], reread: bool) -> str | None:
    """The key of a page this build read again (its record's), to compare with the previous version's; None: compare
    by the file's size and time; "": not taken (a page that had to be read and could not be)."""
    got = records.get(src)
    if got is None:
        return "" if reread else None
    return bw.page_key(fingerprint, src, got, sigs.get(src, ""))


def _global_lines(run: validate_global.GlobalRun, shared: list[str], prev: derive.PreviousVersion | None
                  ) -> tuple[list[str] | None, list[str] | None]:
    """The global pass's lines and shared lines to keep with this version; (None, None) when they are the previous
    version's, kept in its file (the next version links it)."""
    if run.data is not None:
        return run.data, shared
    state = prev.global_state if prev is not None else None
    if prev is not None and not (prev.build.root / validate_global.LINES_FILE).is_file():
        return getattr(state, "lines", None), getattr(state, "shared", None)  # (kept in its index: written out)
    return None, None
