"""One person under several unreconciled names across documents ("M.S. Asimov", "Asimov", "Comrade Asimov",
"ASIMOV" on different pages) becomes one unreconciled entity, when the evidence is unambiguous.

The rule, over every unreconciled person name of the collection (:func:`cluster`):

* names are grouped by family name (the last word; "Asimov, M.S." is read as family name, initials). Names that
  may be written family name first (an East Asian family name first: "Kim Chaek") are never grouped;
* two names with given names or initials are *compatible* when each given name or initial agrees with the other's
  at the same place ("M." with "M.S." and with "Mikhail"; not "M.S." with "P.K."), a name with the family name
  alone is compatible with every name;
* a family name that an authority entry also has is a competing candidate: its names are never grouped;
* the names of one family name are merged when all names with given names or initials are compatible with each
  other (one person). When they are not, the compatible groups that compete with no other group are merged
  among themselves, and the family name alone stays apart (it could be either).

The merged entity is labelled with its fullest name and keyed by it, unless one of its names was published before
as an IRI (:mod:`kg.authorities.stable_iris` keeps that IRI); the graph says which names were merged and why
(``akg:mergedName``, ``akg:mergeNote``), and a curator undoes a merge with ``kg link --keep-apart NAME``, which
records the decision in ``data/curation/unreconciled-merges.yaml`` (read by every build).

:func:`attach` gathers the names from the sources before a build (parsing each page and finding its mentions; the
result is cached per file) and hands the merges to :class:`~kg.authorities.Authorities`.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

import yaml

from kg.authorities.names import tokens
from kg.iris import unreconciled_key

if TYPE_CHECKING:
    from kg.authorities.resolution import Authorities
    from kg.config import Settings
    from kg.records import DocumentRecord

_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*\.?")
_PATRONYMIC = ("ovich", "evich", "ovna", "evna", "ich")
DECISIONS = "unreconciled-merges.yaml"


@dataclass(frozen=True)
class NameForm:
    """An unreconciled person's name split into family name and given names or initials."""

    key: str
    label: str
    family: str  # folded
    given: tuple[tuple[str, bool], ...]  # (folded text, is an initial)

    @property
    def bare(self) -> bool:
        return not self.given


@dataclass
class Merge:
    key: str  # the merged entity's key (that of its fullest name)
    label: str
    members: dict[str, str]  # key -> label of every name merged into it (its own included)
    documents: list[str] = field(default_factory=list)
    note: str = ""


def name_form(label: str) -> NameForm | None:
    """``"M.S. Asimov"`` -> family ``asimov``, given ``(("m", True), ("s", True))``; None for names the rule does
    not group (one letter family names, family name first, more than four words)."""
    from kg.recognize import lexicon

    text = " ".join(label.split())
    if "," in text:  # "Asimov, M.S."
        fam, _, rest = text.partition(",")
        words = _WORD_RE.findall(rest) + _WORD_RE.findall(fam)
        if len(_WORD_RE.findall(fam)) != 1:
            return None
    else:
        words = _WORD_RE.findall(text)
    if not words or len(words) > 4:
        return None
    fam_word = words[-1].rstrip(".")
    fam = "".join(tokens(fam_word))
    if len(fam) < 3 or words[-1].endswith(".") and len(fam_word) <= 2:
        return None
    given: list[tuple[str, bool]] = []
    for w in words[:-1]:
        t = "".join(tokens(w))
        if not t:
            return None
        initial = w.endswith(".") and len(t) <= 2 or len(t) == 1
        given.append((t, initial))
    if fam in lexicon.ORG_HEADS or fam in lexicon.PLACE_HEADS or fam in lexicon.TITLES or fam in lexicon.COMMON:
        return None  # "Central Committee" read as a person is no family name
    if given and not given[0][1] and given[0][0] in lexicon.ASIAN_SURNAMES:
        return None  # "Kim Chaek", "Li Fuchun": the family name may come first
    if not given and fam in lexicon.ASIAN_SURNAMES:
        return None
    return NameForm(unreconciled_key(label), label, fam, tuple(given))


def compatible(a: NameForm, b: NameForm) -> bool:
    """Given names and initials agree place by place (an initial with a name it begins)."""
    if a.family != b.family:
        return False
    for (x, xi), (y, yi) in zip(a.given, b.given, strict=False):
        if xi or yi:
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if not long_.startswith(short):
                return False
        elif x != y:
            return False
    return True


def _fullness(f: NameForm) -> tuple[int, int, int, str]:
    return (sum(1 for _t, i in f.given if not i), len(f.given), len(f.label), f.label)


def cluster(names: Iterable[tuple[str, str, str]], auth: Authorities | None = None,
            keep_apart: Iterable[str] = ()) -> list[Merge]:
    """Merges of unreconciled person names ``(key, label, doc_id)`` across documents (see the module's rule).
    ``keep_apart``: keys or names a curator decided must stay apart (never merged)."""
    apart = {unreconciled_key(x) if not x.startswith("u-") else x for x in keep_apart}
    docs: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, NameForm] = {}
    read: dict[tuple[str, str], NameForm | None] = {}  # each written form read once
    for key, label, doc_id in names:
        if key in apart:
            continue
        if (key, label) not in read:
            read[(key, label)] = name_form(label)
        f = read[(key, label)]
        if f is None or f.key != key:
            continue
        forms.setdefault(key, f)
        docs[key].add(doc_id)
    by_family: dict[str, list[NameForm]] = defaultdict(list)
    for f in forms.values():
        by_family[f.family].append(f)
    out: list[Merge] = []
    for fam, fs in sorted(by_family.items()):
        if len(fs) < 2 or auth is not None and _competing(auth, fam, fs):
            continue
        full = [f for f in fs if not f.bare]
        bare = [f for f in fs if f.bare]
        groups = _groups(full)
        if not groups:
            continue
        if len(groups) == 1:
            out.append(_merge(groups[0] + bare, docs, competing=False))
        else:
            out.extend(_merge(g, docs, competing=True) for g in groups if len(g) > 1)
    return out


def _competing(auth: Authorities, fam: str, fs: list[NameForm]) -> bool:
    """An authority entry with this family name (or any of these names) is a candidate the rule must not pass
    over."""
    if auth.resolve(fam, "person").method != "unreconciled":
        return True
    return any(auth.resolve(f.label, "person").method != "unreconciled" for f in fs)


def _groups(full: list[NameForm]) -> list[list[NameForm]]:
    """Names with given names or initials in groups of mutually compatible names; a name compatible with two
    groups that are not compatible with each other ("M. Asimov" beside "M.S." and "M.P. Asimov") joins none."""
    comps: list[list[NameForm]] = []
    for f in sorted(full, key=_fullness, reverse=True):
        fits = [g for g in comps if all(compatible(f, x) for x in g)]
        touches = [g for g in comps if any(compatible(f, x) for x in g)]
        if len(fits) == 1 and len(touches) == 1:
            fits[0].append(f)
        elif not touches:
            comps.append([f])
        # else: ambiguous, stays alone
    return comps if full else []


def _merge(group: list[NameForm], docs: dict[str, set[str]], *, competing: bool) -> Merge:
    best = max(group, key=lambda f: (_fullness(f), len(docs[f.key])))
    members = {f.key: f.label for f in sorted(group, key=lambda f: f.key)}
    in_docs = sorted({d for f in group for d in docs[f.key]})
    others = [f.label for f in group if f.key != best.key]
    note = (f"Names merged as one person: {best.label} and {', '.join(others)} (no authority entry). Same family "
            f"name with compatible given names or initials, in {len(in_docs)} documents; "
            + ("other persons of this family name stay apart, and so does the family name alone."
               if competing else "no other person of this family name in the collection or the authority files.")
            + " A curator may keep any of these names apart.")
    return Merge(best.key, best.label, members, in_docs, note)


# ------------------------------------------------------------------------------------------ gathering


def person_names(record: DocumentRecord, auth: Authorities, memo: dict | None = None) -> list[tuple[str, str]]:
    """``(key, label)`` of every unreconciled person named in a record: its agents and its mentions (``memo``: kept
    for the build's mapping, :func:`kg.recognize.mentions_in_text`)."""
    from kg.recognize import document_mentions

    out: dict[str, str] = {}
    r = record
    refs = [*r.senders, *r.recipients, *r.via, *r.signatories, *r.translators, *r.participants]
    refs += [r.author] if r.author is not None else []
    refs += [ev.agent for ev in r.events if ev.agent is not None]
    refs += [d.recipient for d in r.distribution]
    for ref in refs:
        res, _alias = auth.resolve_ref(ref)
        if not res.reconciled and res.method == "unreconciled" and res.etype == "person":
            out.setdefault(res.key, res.label)
    for _span, res, _written in document_mentions(r, auth, memo=memo):
        if not res.reconciled and res.method == "unreconciled" and res.etype == "person":
            out.setdefault(res.key, res.label)
    return sorted(out.items())


def _salt(auth_dir: Path | None) -> bytes:
    """What the gathered names depend on: the parser's, recognizer's and resolver's code (as what runs:
    :mod:`kg.code_digest`, comments and docstrings do not count) and the authority files."""
    from kg.code_digest import module_digest

    kg_dir = Path(__file__).resolve().parent.parent
    files = sorted((kg_dir / "ingest").rglob("*.py")) + sorted((kg_dir / "recognize").glob("*.py")) \
        + sorted((kg_dir / "authorities").glob("*.py")) + [kg_dir / "records.py"]
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode() + b"\0" + module_digest(p).encode())
    if auth_dir is not None:
        for p in sorted(p for p in Path(auth_dir).glob("*") if p.is_file()):
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.digest()


_auth: Authorities | None = None  # in a worker process of gather()


def _init(auth: Authorities) -> None:
    global _auth
    _auth = auth


def record_file(records_dir: Path, path: str, data: bytes) -> Path:
    """The name under which :func:`gather_by_path` keeps the record it parsed from ``path`` (with content ``data``),
    so that the build maps it without parsing the page again (:func:`kept_records`)."""
    return records_dir / (hashlib.sha256(path.encode() + b"\0" + data).hexdigest()[:40] + ".pkl")


_spools: dict[Path, tuple[BinaryIO, TextIO]] = {}  # records folder -> this process's spool and its index


def _keep_record(keep: Path, blob: bytes) -> None:
    """Append a kept record to this process's spool in ``keep``'s folder, with a line naming it in the spool's index:
    one file a process, not one a page (on this kind of disk creating a file costs ~0.15-0.6 ms of CPU, appending
    to one a few µs)."""
    got = _spools.get(keep.parent)
    if got is None:
        stem = keep.parent / f"spool-{os.getpid()}"
        got = _spools[keep.parent] = (stem.with_suffix(".pkl").open("ab"), stem.with_suffix(".idx").open("a"))
    data, index = got
    at = data.tell()
    data.write(blob)
    data.flush()  # (a pool's worker ends without flushing its files)
    index.write(f"{keep.name} {at} {len(blob)}\n")
    index.flush()


def _close_spools() -> None:
    for data, index in _spools.values():
        data.close()
        index.close()
    _spools.clear()


def kept_records(records_dir: Path) -> dict[str, tuple[Path, int, int]]:
    """Where each record kept in ``records_dir`` lies: ``{record_file(...).name: (spool, offset, length)}``."""
    out: dict[str, tuple[Path, int, int]] = {}
    for index in sorted(records_dir.glob("spool-*.idx")):
        spool = index.with_suffix(".pkl")
        for line in index.read_text().splitlines():
            parts = line.split(" ")
            if len(parts) == 3:  # (a line cut short by a killed process: its record is parsed again)
                out[parts[0]] = (spool, int(parts[1]), int(parts[2]))
    return out


def _names_of(path: str, auth: Authorities | None = None, keep: Path | None = None,
              same: tuple[str, str, str] | None = None) -> dict:
    """The page's document id and unreconciled person names, and its record's digest (what its key is made from).
    ``same``: (page fingerprint, key, merge signature) of the page in the previous version (same page code): when
    the record gives that key again, its names are the ones that version kept (``"names": None``; not recognized
    again, the record not kept: the build takes the page as it was)."""
    from kg.ingest import parse_file
    from kg.stage_keys import page_key, record_digest

    memo: dict = {}
    try:
        rec = parse_file(Path(path))
        digest = record_digest(rec)
        if same is not None and page_key(same[0], path, digest, same[2]) == same[1]:
            return {"doc": rec.doc_id, "names": None, "rec": digest}
        names = person_names(rec, auth or _auth, memo)  # type: ignore[arg-type]
    except Exception:  # a page that fails here fails (and is reported) in the build
        return {"doc": None, "names": []}
    if keep is not None:  # (a pickled record is a fifth of a parse to read back; with it what was recognized)
        _keep_record(keep, pickle.dumps((rec, memo, digest), protocol=pickle.HIGHEST_PROTOCOL))
    return {"doc": rec.doc_id, "names": names, "rec": digest}  # (rec: what the page's key is made from)


def _names_of_kept(job: tuple[str, Path | None, tuple[str, str, str] | None]) -> dict:
    return _names_of(job[0], None, job[1], job[2])


PARALLEL_FROM = 2000  # uncached pages from which gather() reads them in worker processes


def gather(sources: Iterable[str | Path], auth: Authorities, cache_dir: Path | None = None,
           auth_dir: Path | None = None, workers: int | None = None) -> list[tuple[str, str, str]]:
    """``(key, label, doc_id)`` of the unreconciled person names of every readable source (unreadable ones are
    the build's business). Cached per file content in ``cache_dir``; many uncached pages are read on
    ``workers`` processes (default: the CPUs, at most 4)."""
    found = gather_by_path(sources, auth, cache_dir, auth_dir, workers)
    return [(k, label, got["doc"]) for got in found.values() for k, label in got["names"] if got["doc"]]


def gather_by_path(sources: Iterable[str | Path], auth: Authorities, cache_dir: Path | None = None,
                   auth_dir: Path | None = None, workers: int | None = None,
                   records_dir: Path | None = None,
                   same: tuple[str, dict[str, tuple[str, str]]] | None = None) -> dict[str, dict]:
    """:func:`gather` by file, in the order of ``sources``: ``{path: {"doc": doc_id or None, "names": [(key,
    label)]}}`` (files that cannot be read left out). With ``records_dir``, each record parsed here is kept there
    (:func:`record_file`). ``same``: the page fingerprint and ``{path: (key, merge signature)}`` of the previous
    version's pages (:func:`_names_of`: a page whose record is the same gets ``"names": None``)."""
    salt = _salt(auth_dir) if cache_dir is not None else b""
    fp, keys = same if same is not None else ("", {})
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    found: dict[str, dict] = {}
    todo: list[tuple[str, Path | None]] = []
    keep: list[Path | None] = []
    order: list[str] = []
    if records_dir is not None:
        records_dir.mkdir(parents=True, exist_ok=True)
    for src in sources:
        path = str(src)
        try:
            data = Path(path).read_bytes()
        except OSError:
            continue
        order.append(path)
        ck = None
        if cache_dir is not None:
            ck = cache_dir / (hashlib.sha256(salt + path.encode() + b"\0" + data).hexdigest()[:40] + ".json")
            if ck.is_file():
                try:
                    found[path] = json.loads(ck.read_text(encoding="utf-8"))
                    continue
                except (OSError, ValueError):
                    pass
        todo.append((path, ck))
        keep.append(record_file(records_dir, path, data) if records_dir is not None else None)
    workers = workers or min(4, os.cpu_count() or 1)
    if len(todo) >= PARALLEL_FROM and workers > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=mp.get_context("forkserver"), initializer=_init,
                                 initargs=(auth,)) as pool:
            results = list(pool.map(_names_of_kept, [(p, k, _same(fp, keys, p)) for (p, _ck), k in zip(
                todo, keep, strict=True)], chunksize=32))
    else:
        results = [_names_of(p, auth, k, _same(fp, keys, p)) for (p, _ck), k in zip(todo, keep, strict=True)]
        _close_spools()
    for (path, ck), got in zip(todo, results, strict=True):
        found[path] = got
        if ck is not None and got["names"] is not None:
            tmp = ck.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(got, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, ck)
    return {p: found[p] for p in order}


def _same(fp: str, keys: dict[str, tuple[str, str]], path: str) -> tuple[str, str, str] | None:
    got = keys.get(path)
    return (fp, got[0], got[1]) if got is not None else None


def decisions_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / "curation" / DECISIONS


def kept_apart(settings: Settings) -> list[str]:
    """Names (or keys) a curator decided to keep apart."""
    p = decisions_path(settings)
    if not p.is_file():
        return []
    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    return [str(x.get("name", "")) if isinstance(x, dict) else str(x) for x in data.get("keep_apart", []) or []]


def keep_apart(settings: Settings, name: str, today: str) -> str:
    """Record a curator's decision that ``name`` must never be merged with other names."""
    p = decisions_path(settings)
    data = (yaml.safe_load(p.read_text(encoding="utf-8")) or {}) if p.is_file() else {}
    entries = list(data.get("keep_apart", []) or [])
    if any((x.get("name") if isinstance(x, dict) else x) == name for x in entries):
        return f"{name!r} is already kept apart"
    entries.append({"name": name, "decided": today})
    p.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Unreconciled names a curator decided to keep apart: the build never merges them with other names\n"
              "# of the same family name (written by `kg link --keep-apart NAME`).\n")
    tmp = p.with_suffix(".tmp")
    tmp.write_text(header + yaml.safe_dump({"keep_apart": entries}, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    os.replace(tmp, p)
    return f"{name!r} will be kept apart from other names from the next build on"


def attach(auth: Authorities, sources: Iterable[str | Path], *, settings: Settings | None = None,
           cache_dir: Path | None = None, auth_dir: Path | None = None) -> list[Merge]:
    """Gather the unreconciled person names of ``sources``, merge what the rule allows, and make ``auth`` resolve
    every merged name to its merged entity. Returns the merges."""
    names = gather(sources, auth, cache_dir, auth_dir)
    merges = cluster(names, auth, kept_apart(settings) if settings is not None else ())
    auth.set_merges(merges)
    return merges
