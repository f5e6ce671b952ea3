"""Name resolution: :class:`Authorities` holds the entries with their match indexes, resolves names as written in
documents to entities (:meth:`Authorities.resolve`, :meth:`Authorities.resolve_ref`) and finds known names in
running text (:meth:`Authorities.find_mentions`, a gazetteer). A name that matches no entry, or matches two
entities equally, is returned as an *unreconciled* :class:`Resolution` with a stable key
(``kg.iris.unreconciled_key``); ambiguity is never guessed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.authorities import files
from kg.authorities.merge import Merge
from kg.authorities.model import KIND_ACCEPTS, MENTION_ETYPES, AliasEntry, Entity, Resolution, date_bound
from kg.authorities.names import (
    _ALNUM_RE,
    _CJK_ONLY_RE,
    _CJK_RE,
    _SHORT,
    _TRAILING,
    _clean_display,
    _collapse_spaced,
    _contiguous,
    _scan_tokens,
    _strip_stages,
    match_key,
    tokens,
)
from kg.iris import unreconciled_key

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.iris import IRIs
    from kg.records import NameRef, Span


@dataclass
class _Form:
    """One matchable form of an entity."""

    text: str
    method: str  # preferred | variant | misspelling | alias | surname
    entity: Entity
    confidence: str = "high"
    alias: AliasEntry | None = None  # the cover name or nickname this form writes


_METHOD_RANK = {"preferred": 0, "variant": 1, "alias": 1, "misspelling": 2, "surname": 3}


class Authorities:
    """The authority files in memory, with their match indexes."""

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self._by_key: dict[tuple[str, str], Entity] = {}
        self._index: dict[str, list[_Form]] = {}
        self._gazetteer: dict[str, list[tuple[tuple[str, ...], _Form]]] = {}
        self._mention_cache: dict[tuple[str, ...], Resolution] = {}
        self._cjk: dict[str, _Form] = {}  # forms written in Hangul / Han only, found inside longer runs
        self._cjk_max = 0
        self._shared_surnames: set[str] = set()  # family names of several persons: never resolved alone
        self._merged: dict[str, Merge] = {}  # unreconciled person key -> the merge across documents it is part of
        self._replaced: list = []  # published unreconciled keys replaced by another (kg.authorities.stable_iris)
        for e in entities:
            self._by_key[(e.etype, e.key)] = e
        self._build_indexes()

    # -- loading ---------------------------------------------------------------------------------------

    @classmethod
    def empty(cls) -> Authorities:
        return cls()

    @classmethod
    def load(cls, directory: Path) -> Authorities:
        return cls(files.load_entities(Path(directory)))

    # -- indexes ---------------------------------------------------------------------------------------

    def _build_indexes(self) -> None:
        surnames: dict[str, list[Entity]] = {}
        for e in self._by_key.values():
            forms = [_Form(e.label, "preferred", e)]
            forms += [_Form(v.text, "variant", e, v.confidence) for v in e.variants]
            forms += [_Form(m.text, "misspelling", e, m.confidence) for m in e.misspellings]
            for a in e.aliases:
                forms.append(_Form(a.label, "alias", e, "high", a))
                forms += [_Form(x.text, "alias", e, x.confidence, a) for x in a.forms]
            for f in forms:
                self._add_form(f)
            for fam in e.family_names:
                surnames.setdefault(match_key(fam), []).append(e)
        for k, ents in surnames.items():
            for e in ents:
                if any(f.entity is e for f in self._index.get(k, [])):
                    continue  # already a listed form of this entity
                fam = next(x for x in e.family_names if match_key(x) == k)
                self._add_form(_Form(fam, "surname", e, "high"))
                if len(ents) > 1:
                    self._shared_surnames.add(k)

    def _add_form(self, f: _Form) -> None:
        k = match_key(f.text)
        if not k:
            return
        self._index.setdefault(k, []).append(f)
        if f.entity.etype in MENTION_ETYPES:
            nfc = unicodedata.normalize("NFC", f.text.strip())
            if _CJK_RE.search(nfc) and _CJK_ONLY_RE.fullmatch(nfc):
                self._cjk.setdefault(nfc, f)
                self._cjk_max = max(self._cjk_max, len(nfc))
                return
            toks = tuple(tokens(f.text))
            if toks:
                self._gazetteer.setdefault(toks[0], []).append((toks, f))
                self._gazetteer[toks[0]].sort(key=lambda x: -len(x[0]))

    # -- lookup ----------------------------------------------------------------------------------------

    def get(self, etype: str, key: str) -> Entity | None:
        return self._by_key.get((etype, key))

    def alias_entry(self, etype: str, key: str, label: str) -> AliasEntry | None:
        """The cover name or nickname ``label`` as the authority entry of ``etype``/``key`` lists it (its node and
        names are published with the authorities), or None."""
        e = self.get(etype, key)
        return e.alias(label) if e is not None else None

    def entities(self) -> Iterable[Entity]:
        return list(self._by_key.values())

    def resolve(self, name: str, kind: str | None = None) -> Resolution:
        """Resolve a name as written. Never raises."""
        try:
            return self._resolve(name, kind)
        except Exception as exc:  # pragma: no cover - defensive: resolution must never break a build
            return self._unreconciled(name or "", kind, note=f"resolution error: {exc}")

    def _resolve(self, name: str, kind: str | None) -> Resolution:
        if kind not in KIND_ACCEPTS:
            kind = None
        toks = _collapse_spaced(tokens(name or ""))
        if not toks:
            return self._unreconciled(name or "", kind)
        attempts = ["".join(toks)]
        stages = _strip_stages(toks)
        attempts += ["".join(s) for s in stages]
        stripped = stages[-1] if stages else toks
        if len(stripped) > 1 and stripped[-1] in _TRAILING:
            attempts.append("".join(stripped[:-1]))  # "8th MDGS file" (the directorate's file copy)
        if len(stripped) > 1 and stripped[-1] == "s" and re.search(r"['\u2019]s\W*$", name):
            attempts.append("".join(stripped[:-1]))  # possessive: "Kim Il Sung's"
        for i, k in enumerate(attempts):
            forms = self._index.get(k)
            if not forms:
                continue
            res = self._choose(name, forms, kind, normalized=i > 0)
            if res is not None:
                return res
        return self._unreconciled(name, kind)

    def _choose(self, name: str, forms: list[_Form], kind: str | None, *, normalized: bool) -> Resolution | None:
        if kind is not None:
            fitting = [f for f in forms if f.entity.etype in KIND_ACCEPTS[kind]]
            if not fitting:
                fitting = forms  # a place or organization named where a person was expected: still linked
        else:
            fitting = forms
        by_entity: dict[tuple[str, str], _Form] = {}
        for f in fitting:
            ek = (f.entity.etype, f.entity.key)
            best = by_entity.get(ek)
            if best is None or _rank(f) < _rank(best):
                by_entity[ek] = f
        ranked = sorted(by_entity.values(), key=_rank)
        top = ranked[0]
        tied = [f for f in ranked if _rank(f) == _rank(top)]
        if len(tied) > 1:
            cands = [f"{f.entity.etype}/{f.entity.key}" for f in tied]
            etype = kind or top.entity.etype
            return self._unreconciled(name, etype, method="ambiguous", candidates=cands,
                                      note="matches several entities equally: " + ", ".join(cands))
        if top.method == "surname" and match_key(top.text) in self._shared_surnames:
            return self._unreconciled(name, kind or "person", method="ambiguous",
                                      candidates=[f"{f.entity.etype}/{f.entity.key}" for f in ranked],
                                      note="family name shared by several persons")
        e = top.entity
        method = "normalized" if normalized and top.method in ("preferred", "variant") else top.method
        return Resolution(etype=e.etype, key=e.key, label=e.label, reconciled=True, matched=top.text, method=method,
                          alias=top.alias.label if top.alias is not None else None, entity=e,
                          confidence=top.confidence)

    def _unreconciled(self, name: str, kind: str | None, *, method: str = "unreconciled",
                      candidates: list[str] | None = None, note: str | None = None) -> Resolution:
        clean = _clean_display(name, kind) if name.strip() else name
        key = unreconciled_key(clean or name or "unnamed")
        merged = self._merged.get(key) if method == "unreconciled" and (kind or "person") == "person" else None
        if merged is not None:  # one person under several names across documents (kg.authorities.merge)
            return Resolution(etype="person", key=merged.key, label=merged.label, reconciled=False, matched=name,
                              method="merged", note=merged.note)
        return Resolution(etype=kind or "person", key=key,
                          label=clean or name, reconciled=False, matched=name, method=method,
                          candidates=candidates or [], note=note)

    def set_merges(self, merges: Iterable[Merge]) -> None:
        """Resolve every name of each merge to its merged entity (:mod:`kg.authorities.merge`)."""
        self._merged = {k: m for m in merges for k in m.members}
        self._mention_cache.clear()

    def merges(self) -> list[Merge]:
        return list({id(m): m for m in self._merged.values()}.values())

    def set_replaced(self, replaced: list) -> None:
        """Published unreconciled person keys now replaced by another (:mod:`kg.authorities.stable_iris`)."""
        self._replaced = sorted(replaced, key=lambda r: r.old)

    def replaced(self) -> list:
        return list(getattr(self, "_replaced", []))

    def resolve_ref(self, ref: NameRef) -> tuple[Resolution, str | None]:
        """Resolve a :class:`kg.records.NameRef`; returns the resolution and the cover name used, if any."""
        kind = ref.kind if ref.kind in KIND_ACCEPTS else None
        if ref.identified_as:
            real = self.resolve(ref.identified_as, kind)
            used = self.resolve(ref.name, kind) if ref.name else None
            if real.reconciled:
                if used is not None and used.reconciled and used.key == real.key and used.etype == real.etype:
                    return real, used.alias  # "PAK HEON-YEONG [Pak Hon Yong]": a spelling, not a cover name
                alias = _alias_label(real.entity, ref.name, ref.variants) if ref.name else None
                return real, alias
            if used is not None and used.reconciled:
                return used, used.alias
            for v in ref.variants:
                r = self.resolve(v, kind)
                if r.reconciled:
                    return r, ref.name
            return real, (ref.name if ref.name and match_key(ref.name) != match_key(ref.identified_as) else None)
        res = self.resolve(ref.name, kind)
        if not res.reconciled:
            for v in ref.variants:
                r = self.resolve(v, kind)
                if r.reconciled:
                    return r, r.alias
        return res, res.alias

    def office_holder(self, office_key: str, on: dt.date | None) -> str | None:
        """The person key of whoever held the office on that date (a year as start = 1 January, as end =
        31 December). Without a date: the holder only if the office has exactly one. None when unknown or when
        two terms overlap on that date (never guessed)."""
        office = self.get("office", office_key)
        if office is None:
            return None
        if on is None:
            return office.holders[0].person if len(office.holders) == 1 else None
        found = [t.person for t in office.holders
                 if (t.start is None or date_bound(t.start, end=False) <= on)  # type: ignore[operator]
                 and (t.end is None or on <= date_bound(t.end, end=True))]  # type: ignore[operator]
        return found[0] if len(set(found)) == 1 else None

    # -- gazetteer -------------------------------------------------------------------------------------

    def find_mentions(self, text: str, offset: int = 0) -> list[tuple[Span, Resolution]]:
        """Every known name of a person, place or organization in ``text``: word-bounded, case- and
        diacritic-insensitive, longest match first, no overlaps. Spans are offset by ``offset``."""
        from kg.records import Span

        toks = _scan_tokens(text)
        out: list[tuple[Span, Resolution]] = []
        words = [t[0] for t in toks]
        n = len(toks)
        i = 0
        gaz = self._gazetteer
        while i < n:
            if self._cjk and _CJK_RE.search(words[i]):
                out.extend(self._cjk_mentions(text, toks[i][1], toks[i][2], offset))
                i += 1
                continue
            cands = gaz.get(words[i])
            if not cands:
                i += 1
                continue
            hit = None
            for seq, f in cands:
                L = len(seq)
                if i + L <= n and tuple(words[i:i + L]) == seq and _contiguous(text, toks, i, L):
                    if len("".join(seq)) <= _SHORT and \
                            _ALNUM_RE.sub("", text[toks[i][1]:toks[i + L - 1][2]]) != _ALNUM_RE.sub("", f.text):
                        continue  # short forms (acronyms: "LoC", "KPA") match in running text only as written
                    hit = (seq, f)
                    break
            if hit is None:
                i += 1
                continue
            L = len(hit[0])
            start, end = toks[i][1], toks[i + L - 1][2]
            seq = hit[0]
            cached = self._mention_cache.get(seq)
            if cached is None:
                cached = self._mention_cache[seq] = self._resolve(text[start:end], None)
            res = dataclasses.replace(cached) if cached.reconciled else self._resolve(text[start:end], None)
            out.append((Span(start + offset, end + offset), res))
            i += L
        return out

    def _cjk_mentions(self, text: str, start: int, end: int, offset: int) -> list[tuple[Span, Resolution]]:
        """Names inside a run of Hangul or Han characters, which is not split at word ends
        ("周恩来同志", "김일성은"): longest listed form first, left to right."""
        from kg.records import Span

        out: list[tuple[Span, Resolution]] = []
        word = text[start:end]
        j = 0
        while j < len(word):
            for L in range(min(self._cjk_max, len(word) - j), 0, -1):
                f = self._cjk.get(unicodedata.normalize("NFC", word[j:j + L]))
                if f is not None:
                    matched = word[j:j + L]
                    res = self._resolve(matched, None)
                    out.append((Span(start + j + offset, start + j + L + offset), res))
                    j += L
                    break
            else:
                j += 1
        return out

    # -- RDF -------------------------------------------------------------------------------------------

    def to_graph(self, iris: IRIs) -> Graph:
        """The authority entries as RDF (the named graph ``graph/authorities``)."""
        from kg.authorities.graph import authorities_graph

        return authorities_graph(self, iris)

    def find_org(self, key: str) -> Entity | None:
        return self.get("organization", key) or self.get("archive", key)

    def part_of_target(self, e: Entity) -> Entity | None:
        if e.part_of is None:
            return None
        if e.etype == "place":
            return self.get("place", e.part_of)
        return self.find_org(e.part_of)


# ---------------------------------------------------------------------------------------------- helpers


def _rank(f: _Form) -> tuple[int, int]:
    return (1 if f.confidence == "low" else 0, _METHOD_RANK[f.method])


def _key_of(f: _Form) -> str:
    return match_key(f.text)


def _alias_label(entity: Entity | None, name: str, variants: list[str]) -> str:
    """The entity's own label of a cover name when it lists it in any form ("FENG XI", "Фын Си" -> "Feng Xi"), else
    the name as written."""
    if entity is not None:
        for wanted in [match_key(name)] + [match_key(v) for v in variants]:
            for a in entity.aliases:
                if wanted in {match_key(a.label)} | {match_key(x.text) for x in a.forms}:
                    return a.label
    return " ".join(name.split())
