"""Authority files and name resolution.

The authority files in ``data/authorities/*.yaml`` (format: ``data/authorities/README.md``) list persons,
places, organizations, archives (repositories) and offices with their preferred label, variant spellings by
script and romanization system, misspellings seen in sources, cover names (aliases), roles, office holders and
Wikidata IDs where verified.

:class:`Authorities` loads them with validation (a bad file raises :class:`kg.errors.IngestError` naming the
file, line and field) and resolves names as written in documents to entities. Matching ignores case,
diacritics, typographic quotes, leading honorifics and titles, hyphen/space differences and letter-spaced
capitals ("S H T Y K O V"). A name that matches no entry, or matches two entities equally, is returned as an
*unreconciled* :class:`Resolution` with a stable key (``kg.iris.unreconciled_key``); ambiguity is never guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.errors import IngestError
from kg.iris import KEY_RE, slug, unreconciled_key
from kg.namespaces import AKG, SCHEMA, WD

if TYPE_CHECKING:
    from kg.iris import IRIs
    from kg.records import NameRef, Span

ETYPES = ("person", "organization", "archive", "place", "office")
FILE_TYPES = {
    "persons.yaml": "person",
    "organizations.yaml": "organization",
    "archives.yaml": "archive",
    "places.yaml": "place",
    "offices.yaml": "office",
}
# etypes found by find_mentions (offices are named by role phrases, resolved through resolve_ref)
MENTION_ETYPES = ("person", "place", "organization", "archive")
# a kind hint also accepts these etypes (an archive is an organization)
KIND_ACCEPTS = {
    "person": ("person",),
    "organization": ("organization", "archive"),
    "archive": ("archive",),
    "place": ("place",),
    "office": ("office",),
}

QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")

ENTITY_FIELDS = {
    "key", "label", "description", "family_names", "part_of", "wikidata", "wikidata_source", "source",
    "variants", "misspellings", "aliases", "roles", "holders", "notes",
}
LABEL_FIELDS = {"text", "lang", "note", "derived", "confidence"}
ALIAS_FIELDS = {"label", "lang", "note", "source"}
ROLE_FIELDS = {"title", "start", "end", "organization", "note"}
TERM_FIELDS = {"person", "start", "end"}

# Leading words stripped before a second matching attempt (compared after normalisation, dots dropped).
TITLES: tuple[tuple[str, ...], ...] = tuple(
    tuple(t.split())
    for t in (
        "cde", "cdes", "comr", "comrs", "comrade", "comrades", "tov", "tovarishch", "mr", "mrs", "ms", "messrs",
        "dr", "prof", "professor", "sir", "general of the army", "general", "gen", "lieutenant general",
        "colonel general", "major general", "lt gen", "maj gen", "col", "colonel", "marshal",
        "marshal of the soviet union", "admiral", "ambassador", "premier", "chairman", "president",
        "foreign minister", "minister", "deputy minister", "vice premier", "secretary", "the", "citizen",
    )
)
_TRAILING = frozenset({"file"})
# forms of address (dropped from any name of unknown kind); ranks and offices are dropped only from persons' names
_HONORIFICS = frozenset({"cde", "cdes", "comr", "comrs", "comrade", "comrades", "tov", "tovarishch", "mr", "mrs",
                         "ms", "messrs", "dr", "prof", "sir", "citizen"})
_TITLE_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _t in sorted(TITLES, key=len, reverse=True):
    _TITLE_FIRST.setdefault(_t[0], []).append(_t)

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u201c": '"',
                         "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2013": "-",
                         "\u2014": "-"})
_TOKEN_RE = re.compile(r"[^\W_]+")


# ----------------------------------------------------------------------------------------------- records


@dataclass
class Label:
    text: str
    lang: str | None = None  # BCP 47 incl. script, e.g. "ru-Cyrl", "ko-Latn-x-mr"
    note: str | None = None
    derived: bool = False  # written from general knowledge, not seen in a source
    confidence: str = "high"  # "low": a doubtful identification, kept as noted, never as a fact
    line: int | None = field(default=None, repr=False, compare=False)  # where it is written


@dataclass
class AliasEntry:
    label: str
    lang: str | None = None
    note: str | None = None
    source: str | None = None  # where the cover name is attested
    line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class Role:
    title: str
    start: str | None = None
    end: str | None = None
    organization: str | None = None  # organization key
    note: str | None = None
    line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class OfficeTerm:
    person: str  # person key
    start: str | None = None
    end: str | None = None
    line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class Entity:
    key: str
    etype: str
    label: str
    variants: list[Label] = field(default_factory=list)
    misspellings: list[Label] = field(default_factory=list)
    aliases: list[AliasEntry] = field(default_factory=list)
    wikidata: str | None = None
    wikidata_source: str | None = None
    description: str | None = None
    roles: list[Role] = field(default_factory=list)
    holders: list[OfficeTerm] = field(default_factory=list)
    part_of: str | None = None
    source: str | None = None
    family_names: list[str] = field(default_factory=list)  # a surname alone resolves when unambiguous
    notes: list[str] = field(default_factory=list)
    file: str | None = field(default=None, repr=False, compare=False)
    line: int | None = field(default=None, repr=False, compare=False)
    part_of_line: int | None = field(default=None, repr=False, compare=False)


@dataclass
class Resolution:
    etype: str
    key: str
    label: str
    reconciled: bool
    matched: str
    method: str  # preferred | variant | misspelling | alias | normalized | surname | ambiguous | unreconciled
    alias: str | None = None
    entity: Entity | None = None
    candidates: list[str] = field(default_factory=list)  # "etype/key" of the candidates when ambiguous
    confidence: str = "high"  # "low" when only a doubtful form matched
    note: str | None = None


# ---------------------------------------------------------------------------------------- normalisation


def _fold_char(ch: str) -> str:
    """One source character -> its folded form (may be empty, or several characters)."""
    ch = ch.translate(_QUOTES)
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(c):
            continue
        out.append(c)
    return "".join(out).casefold()


def tokens(text: str) -> list[str]:
    """Folded word tokens of a name: case, diacritics, quotes, hyphens and punctuation do not count."""
    folded = "".join(_fold_char(c) for c in text)
    return _TOKEN_RE.findall(folded)


def _collapse_spaced(toks: list[str]) -> list[str]:
    """"S H T Y K O V" -> ["shtykov"]: runs of three or more single letters are joined."""
    out: list[str] = []
    run: list[str] = []
    for t in toks + [""]:
        if len(t) == 1 and t.isalpha():
            run.append(t)
            continue
        if len(run) >= 3:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if t:
            out.append(t)
    return out


def _strip_stages(toks: list[str]) -> list[list[str]]:
    """Successive forms of a name with one more leading title dropped each time
    ("Cde. Chairman Mao" -> "Chairman Mao" -> "Mao"); never drops the last token."""
    stages = []
    i = 0
    changed = True
    while changed and i < len(toks):
        changed = False
        for t in _TITLE_FIRST.get(toks[i], ()):
            if tuple(toks[i:i + len(t)]) == t and len(toks) > i + len(t):
                i += len(t)
                stages.append(toks[i:])
                changed = True
                break
    return stages


def _strip_titles(toks: list[str]) -> list[str]:
    stages = _strip_stages(toks)
    return stages[-1] if stages else toks


def match_key(text: str) -> str:
    """The key two spellings share when they differ only in case, diacritics, quotes, hyphens or spaces."""
    return "".join(_collapse_spaced(tokens(text)))


def _clean_display(name: str, kind: str | None = None) -> str:
    """The name without leading titles and with letter-spacing collapsed, for unreconciled labels and keys.

    Titles are dropped only from names of persons (or of unknown kind): "General Assembly" stays as it is."""
    s = " ".join(name.translate(_QUOTES).split()).strip(" ,;:")
    words = s.split(" ")
    if len(words) >= 3 and all(len(w) == 1 and w.isalpha() for w in words):
        return "".join(words)  # letter-spaced capitals
    wtoks = [tokens(w) for w in words]
    i = 0
    while i < len(words) - 1:
        step = 0
        for t in _TITLE_FIRST.get(wtoks[i][0] if wtoks[i] else "", ()):
            if kind != "person" and t != ("the",) and (kind is not None or t[0] not in _HONORIFICS):
                continue
            for n in range(1, len(words) - i):
                joined = tuple(x for w in wtoks[i:i + n] for x in w)
                if joined == t:
                    step = n
                    break
                if len(joined) >= len(t):
                    break
            if step:
                break
        if not step:
            break
        i += step
    return " ".join(words[i:]) or s


# ------------------------------------------------------------------------------------------------ loading


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps each mapping's start line and each value's line (1-based)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    result: _LineDict = _LineDict()
    result.line = node.start_mark.line + 1
    for knode, vnode in node.value:
        k = loader.construct_object(knode, deep=True)
        if k in result:
            raise IngestError("", f"duplicate field {k!r}", line=knode.start_mark.line + 1, field=str(k))
        result[k] = loader.construct_object(vnode, deep=True)
        result.lines[k] = vnode.start_mark.line + 1
    return result


class _LineDict(dict):
    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}  # dates stay strings: checked by _check_date with a line number
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[arg-type]


def _check_date(value: Any, path: str, line: int, fld: str) -> str | None:
    if value is None:
        return None
    s = str(value)
    m = DATE_RE.match(s)
    ok = bool(m)
    if m:
        try:
            dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            ok = False
    if not ok:
        raise IngestError(path, f"bad date {s!r}: expected YYYY, YYYY-MM or YYYY-MM-DD", line=line, field=fld)
    return s


def _date_bound(value: str | None, *, end: bool) -> dt.date | None:
    if value is None:
        return None
    m = DATE_RE.match(value)
    assert m
    y = int(m[1])
    if m[3]:
        return dt.date(y, int(m[2]), int(m[3]))
    if m[2]:
        mo = int(m[2])
        if not end:
            return dt.date(y, mo, 1)
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)


@dataclass
class _Form:
    """One matchable form of an entity."""

    text: str
    method: str  # preferred | variant | misspelling | alias | surname
    entity: Entity
    confidence: str = "high"
    note: str | None = None


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
        for e in entities:
            self._by_key[(e.etype, e.key)] = e
        self._build_indexes()

    # -- loading ---------------------------------------------------------------------------------------

    @classmethod
    def empty(cls) -> Authorities:
        return cls()

    @classmethod
    def load(cls, directory: Path) -> Authorities:
        directory = Path(directory)
        entities: list[Entity] = []
        for name, etype in FILE_TYPES.items():
            path = directory / name
            if path.exists():
                entities.extend(_load_file(path, etype))
        # other files in the folder (history.yaml of kg.identifiers) are not ours and are left alone
        _check_entities(entities)
        return cls(entities)

    # -- indexes ---------------------------------------------------------------------------------------

    def _build_indexes(self) -> None:
        surnames: dict[str, list[Entity]] = {}
        for e in self._by_key.values():
            forms = [_Form(e.label, "preferred", e)]
            forms += [_Form(v.text, "variant", e, v.confidence, v.note) for v in e.variants]
            forms += [_Form(m.text, "misspelling", e, m.confidence, m.note) for m in e.misspellings]
            forms += [_Form(a.label, "alias", e, "high", a.note) for a in e.aliases]
            for f in forms:
                self._add_form(f)
            for fam in e.family_names:
                surnames.setdefault(match_key(fam), []).append(e)
        for k, ents in surnames.items():
            for e in ents:
                if any(f.entity is e for f in self._index.get(k, [])):
                    continue  # already a listed form of this entity
                fam = next(x for x in e.family_names if match_key(x) == k)
                note = None if len(ents) == 1 else "family name shared by several persons"
                self._add_form(_Form(fam, "surname", e, "high", note))

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
        if top.method == "surname" and top.note:
            return self._unreconciled(name, kind or "person", method="ambiguous",
                                      candidates=[f"{f.entity.etype}/{f.entity.key}" for f in ranked],
                                      note=top.note)
        e = top.entity
        method = "normalized" if normalized and top.method in ("preferred", "variant") else top.method
        return Resolution(etype=e.etype, key=e.key, label=e.label, reconciled=True, matched=top.text, method=method,
                          alias=top.text if top.method == "alias" else None, entity=e,
                          confidence=top.confidence, note=top.note if top.confidence == "low" else None)

    def _unreconciled(self, name: str, kind: str | None, *, method: str = "unreconciled",
                      candidates: list[str] | None = None, note: str | None = None) -> Resolution:
        clean = _clean_display(name, kind) if name.strip() else name
        return Resolution(etype=kind or "person", key=unreconciled_key(clean or name or "unnamed"),
                          label=clean or name, reconciled=False, matched=name, method=method,
                          candidates=candidates or [], note=note)

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
                 if (t.start is None or _date_bound(t.start, end=False) <= on)  # type: ignore[operator]
                 and (t.end is None or on <= _date_bound(t.end, end=True))]  # type: ignore[operator]
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
        g = Graph()
        for prefix, ns in (("akg", AKG), ("skos", SKOS), ("dcterms", DCTERMS), ("owl", OWL), ("schema", SCHEMA),
                           ("wd", WD)):
            g.bind(prefix, ns)
        classes = {
            "person": (AKG.Person, AKG.Agent),
            "organization": (AKG.Organization, AKG.Agent),
            "archive": (AKG.Archive, AKG.Organization, AKG.Agent),
            "place": (AKG.Place,),
            "office": (AKG.Office, AKG.Agent),
        }
        for e in self._by_key.values():
            s = iris.entity(e.etype, e.key)
            for c in classes[e.etype]:
                g.add((s, RDF.type, c))
            g.add((s, RDFS.label, Literal(e.label, lang="en")))
            g.add((s, SKOS.prefLabel, Literal(e.label, lang="en")))
            g.add((s, DCTERMS.identifier, Literal(e.key)))
            g.add((s, AKG.reconciled, Literal(True)))
            if e.description:
                g.add((s, DCTERMS.description, Literal(e.description, lang="en")))
            if e.source:
                g.add((s, DCTERMS.source, Literal(e.source)))
            seen: set[tuple[str, str | None]] = {(e.label, "en")}
            derived: list[str] = []
            for v in e.variants:
                if v.confidence == "low":
                    g.add((s, SKOS.editorialNote,
                           Literal(f"Doubtful form {v.text!r} ({v.lang}), not asserted as a name: {v.note or ''}".strip())))
                    continue
                if (v.text, v.lang) in seen:
                    continue
                seen.add((v.text, v.lang))
                g.add((s, SKOS.altLabel, Literal(v.text, lang=v.lang) if v.lang else Literal(v.text)))
                if v.derived:
                    derived.append(v.text)
            if derived:
                g.add((s, SKOS.editorialNote, Literal(
                    "Forms written from general knowledge, not seen in a source: " + "; ".join(derived))))
            for m in e.misspellings:
                g.add((s, SKOS.hiddenLabel, Literal(m.text, lang=m.lang) if m.lang else Literal(m.text)))
            for note in e.notes:
                g.add((s, SKOS.note, Literal(note)))
            if e.wikidata:
                g.add((s, OWL.sameAs, WD[e.wikidata]))
                g.add((s, SCHEMA.sameAs, URIRef(f"https://www.wikidata.org/wiki/{e.wikidata}")))
                g.add((s, SKOS.editorialNote, Literal(f"owl:sameAs wd:{e.wikidata} verified: {e.wikidata_source}")))
            for a in e.aliases:
                ai = iris.alias(e.key, a.label)
                g.add((ai, RDF.type, AKG.Alias))
                g.add((ai, RDFS.label, Literal(a.label, lang=a.lang) if a.lang else Literal(a.label)))
                g.add((ai, AKG.aliasOf, s))
                g.add((s, AKG.hasAlias, ai))
                if a.source:
                    g.add((ai, DCTERMS.source, Literal(a.source)))
                if a.note:
                    g.add((ai, SKOS.note, Literal(a.note)))
            for r in e.roles:
                rn = URIRef(f"{s}/role/{slug(r.title)}" + (f"-{r.start}" if r.start else ""))
                g.add((s, AKG.role, rn))
                g.add((rn, RDF.type, AKG.RoleHolding))
                g.add((rn, RDFS.label, Literal(r.title, lang="en")))
                _add_date(g, rn, AKG.start, r.start)
                _add_date(g, rn, AKG.end, r.end)
                if r.organization:
                    org = self._find_org(r.organization)
                    if org is not None:
                        g.add((rn, AKG.inOrganization, iris.entity(org.etype, org.key)))
                if r.note:
                    g.add((rn, SKOS.note, Literal(r.note)))
            for t in e.holders:
                tn = URIRef(f"{s}/term/{t.person}" + (f"-{t.start}" if t.start else ""))
                g.add((s, AKG.officeHeldBy, tn))
                g.add((tn, RDF.type, AKG.OfficeTerm))
                g.add((tn, AKG.holder, iris.person(t.person)))
                holder = self.get("person", t.person)
                span = "\u2013".join(x or "?" for x in (t.start, t.end)) if (t.start or t.end) else ""
                g.add((tn, RDFS.label, Literal(f"{holder.label if holder else t.person}, {e.label}"
                                               + (f", {span}" if span else ""), lang="en")))
                _add_date(g, tn, AKG.start, t.start)
                _add_date(g, tn, AKG.end, t.end)
            if e.part_of:
                target = self._part_of_target(e)
                if target is not None:
                    g.add((s, AKG.partOf, iris.entity(target.etype, target.key)))
        return g

    def _find_org(self, key: str) -> Entity | None:
        return self.get("organization", key) or self.get("archive", key)

    def _part_of_target(self, e: Entity) -> Entity | None:
        if e.part_of is None:
            return None
        if e.etype == "place":
            return self.get("place", e.part_of)
        return self._find_org(e.part_of)


# ---------------------------------------------------------------------------------------------- helpers


def _rank(f: _Form) -> tuple[int, int]:
    return (1 if f.confidence == "low" else 0, _METHOD_RANK[f.method])


def _key_of(f: _Form) -> str:
    return match_key(f.text)


def _alias_label(entity: Entity | None, name: str, variants: list[str]) -> str:
    """The entity's own spelling of a cover name when it lists it ("FENG XI" -> "Feng Xi"), else as written."""
    if entity is not None:
        wanted = {match_key(name)} | {match_key(v) for v in variants}
        for a in entity.aliases:
            if match_key(a.label) == match_key(name):
                return a.label
        for a in entity.aliases:
            if match_key(a.label) in wanted:
                return a.label
    return " ".join(name.split())


def _add_date(g: Graph, s: Any, p: URIRef, value: str | None) -> None:
    if value is None:
        return
    dtype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    g.add((s, p, Literal(value, datatype=dtype)))


_WORD_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def _scan_tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded tokens of ``text`` with their exact source offsets (the same tokens :func:`tokens` gives)."""
    out: list[tuple[str, int, int]] = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if word.isascii():
            out.append((word.lower(), m.start(), m.end()))
            continue
        # slow path: fold char by char; a character that folds to a separator (U+02BC) splits the word
        base = m.start()
        buf: list[str] = []
        start = -1
        for k, ch in enumerate(word):
            f = _fold_char(ch)
            if not f:
                continue  # combining mark
            if all(c.isalnum() for c in f):
                if start < 0:
                    start = k
                buf.append(f)
            elif start >= 0:
                out.append(("".join(buf), base + start, base + k))
                buf, start = [], -1
        if start >= 0:
            out.append(("".join(buf), base + start, m.end()))
    return out


_SHORT = 4
# Hangul syllables and jamo, CJK ideographs (incl. extension A and compatibility ideographs)
_CJK_CHARS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK_CHARS}]")
_CJK_ONLY_RE = re.compile(f"[{_CJK_CHARS}]+")
_ALNUM_RE = re.compile(r"[\W_]+")
_GAP_OK = frozenset(" \t\n-'.,\u2019\u2010\u2011\u00a0")


def _contiguous(text: str, toks: list[tuple[str, int, int]], i: int, length: int) -> bool:
    """Tokens i..i+length-1 form one name: separated only by a few spaces, hyphens, apostrophes, dots or
    commas, never by a bracket, a colon or a blank line."""
    for j in range(i, i + length - 1):
        gap = text[toks[j][2]:toks[j + 1][1]]
        if len(gap) > 4 or "\n\n" in gap or not _GAP_OK.issuperset(gap):
            return False
    return True


def _load_file(path: Path, etype: str) -> Iterator[Entity]:
    p = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(p, f"cannot read authority file: {exc}") from exc
    try:
        doc = yaml.load(raw, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except IngestError as exc:
        raise IngestError(p, exc.message, line=exc.line, field=exc.field) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise IngestError(p, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                          line=mark.line + 1 if mark else None) from exc
    if not isinstance(doc, dict):
        raise IngestError(p, "expected a mapping with 'type' and 'entities'", line=1)
    lines = getattr(doc, "lines", {})
    for k in doc:
        if k not in ("type", "entities"):
            raise IngestError(p, f"unknown field {k!r}", line=lines.get(k), field=str(k))
    if doc.get("type") != etype:
        raise IngestError(p, f"type must be {etype!r} in {path.name}, not {doc.get('type')!r}",
                          line=lines.get("type", 1), field="type")
    ents = doc.get("entities")
    if not isinstance(ents, list):
        raise IngestError(p, "'entities' must be a list", line=lines.get("entities", 1), field="entities")
    for idx, item in enumerate(ents):
        yield _entity(item, etype, p, idx)


def _entity(item: Any, etype: str, p: str, idx: int) -> Entity:
    where = f"entities[{idx}]"
    if not isinstance(item, _LineDict):
        raise IngestError(p, "each entity must be a mapping", field=where)
    ln = item.lines

    def line(k: str) -> int:
        return ln.get(k, item.line)

    for k in item:
        if k not in ENTITY_FIELDS:
            raise IngestError(p, f"unknown field {k!r} (allowed: {', '.join(sorted(ENTITY_FIELDS))})",
                              line=line(k), field=f"{where}.{k}")
    key = item.get("key")
    if not key:
        raise IngestError(p, "missing key", line=item.line, field=f"{where}.key")
    if not isinstance(key, str) or not KEY_RE.match(key):
        raise IngestError(p, f"bad key {key!r}: lower-case ASCII slug expected", line=line("key"),
                          field=f"{where}.key")
    where = f"{key}"
    label = item.get("label")
    if not isinstance(label, str) or not label.strip():
        raise IngestError(p, "missing label", line=line("label") if "label" in item else item.line,
                          field=f"{where}.label")
    qid = item.get("wikidata")
    if qid is not None and not (isinstance(qid, str) and QID_RE.match(qid)):
        raise IngestError(p, f"bad Wikidata ID {qid!r}: expected Q followed by digits", line=line("wikidata"),
                          field=f"{where}.wikidata")
    for k in ("description", "part_of", "wikidata_source", "source"):
        if k in item and item[k] is not None and not isinstance(item[k], str):
            raise IngestError(p, f"{k} must be a string", line=line(k), field=f"{where}.{k}")
    if qid and not item.get("wikidata_source"):
        raise IngestError(p, "a Wikidata ID needs wikidata_source saying how it was verified",
                          line=line("wikidata"), field=f"{where}.wikidata_source")
    if "part_of" in item and etype not in ("place", "office", "organization", "archive"):
        raise IngestError(p, f"part_of is not allowed for a {etype}", line=line("part_of"), field=f"{where}.part_of")

    def items(k: str) -> list[Any]:
        v = item.get(k) or []
        if not isinstance(v, list):
            raise IngestError(p, f"{k} must be a list", line=line(k), field=f"{where}.{k}")
        return v

    def labels(k: str) -> list[Label]:
        out = []
        for i, v in enumerate(items(k)):
            f = f"{where}.{k}[{i}]"
            vl = getattr(v, "line", line(k))
            if not isinstance(v, dict):
                raise IngestError(p, "expected a mapping with 'text' and 'lang'", line=line(k), field=f)
            for kk in v:
                if kk not in LABEL_FIELDS:
                    raise IngestError(p, f"unknown field {kk!r}", line=v.lines.get(kk, vl), field=f"{f}.{kk}")
            text = v.get("text")
            if not isinstance(text, str) or not text.strip():
                raise IngestError(p, "missing text", line=vl, field=f"{f}.text")
            lang = _lang(v.get("lang"), p, v.lines.get("lang", vl), f"{f}.lang")
            conf = v.get("confidence", "high")
            if conf not in ("high", "low"):
                raise IngestError(p, f"confidence must be 'high' or 'low', not {conf!r}",
                                  line=v.lines.get("confidence", vl), field=f"{f}.confidence")
            derived = v.get("derived", False)
            if not isinstance(derived, bool):
                raise IngestError(p, "derived must be true or false", line=v.lines.get("derived", vl),
                                  field=f"{f}.derived")
            out.append(Label(text=text.strip(), lang=lang, note=v.get("note"), derived=derived, confidence=conf,
                             line=vl))
        return out

    aliases = []
    for i, v in enumerate(items("aliases")):
        f = f"{where}.aliases[{i}]"
        if not isinstance(v, dict):
            raise IngestError(p, "expected a mapping with 'label'", line=line("aliases"), field=f)
        for kk in v:
            if kk not in ALIAS_FIELDS:
                raise IngestError(p, f"unknown field {kk!r}", line=v.lines.get(kk, v.line), field=f"{f}.{kk}")
        lab = v.get("label")
        if not isinstance(lab, str) or not lab.strip():
            raise IngestError(p, "missing label", line=v.line, field=f"{f}.label")
        aliases.append(AliasEntry(label=lab.strip(), lang=_lang(v.get("lang"), p, v.lines.get("lang", v.line),
                                                                f"{f}.lang"),
                                  note=v.get("note"), source=v.get("source"), line=v.line))
    roles = []
    for i, v in enumerate(items("roles")):
        f = f"{where}.roles[{i}]"
        if not isinstance(v, dict):
            raise IngestError(p, "expected a mapping with 'title'", line=line("roles"), field=f)
        for kk in v:
            if kk not in ROLE_FIELDS:
                raise IngestError(p, f"unknown field {kk!r}", line=v.lines.get(kk, v.line), field=f"{f}.{kk}")
        if not v.get("title"):
            raise IngestError(p, "missing title", line=v.line, field=f"{f}.title")
        roles.append(Role(title=str(v["title"]),
                          start=_check_date(v.get("start"), p, v.lines.get("start", v.line), f"{f}.start"),
                          end=_check_date(v.get("end"), p, v.lines.get("end", v.line), f"{f}.end"),
                          organization=v.get("organization"), note=v.get("note"),
                          line=v.lines.get("organization", v.line)))
    holders = []
    for i, v in enumerate(items("holders")):
        f = f"{where}.holders[{i}]"
        if etype != "office":
            raise IngestError(p, "holders are only allowed on offices", line=line("holders"), field=f"{where}.holders")
        if not isinstance(v, dict):
            raise IngestError(p, "expected a mapping with 'person'", line=line("holders"), field=f)
        for kk in v:
            if kk not in TERM_FIELDS:
                raise IngestError(p, f"unknown field {kk!r}", line=v.lines.get(kk, v.line), field=f"{f}.{kk}")
        if not v.get("person"):
            raise IngestError(p, "missing person", line=v.line, field=f"{f}.person")
        holders.append(OfficeTerm(person=str(v["person"]),
                                  start=_check_date(v.get("start"), p, v.lines.get("start", v.line), f"{f}.start"),
                                  end=_check_date(v.get("end"), p, v.lines.get("end", v.line), f"{f}.end"),
                                  line=v.lines.get("person", v.line)))
    for i, r in enumerate(roles + holders):
        if r.start and r.end and _date_bound(r.start, end=False) > _date_bound(r.end, end=True):  # type: ignore[operator]
            raise IngestError(p, f"end {r.end} is before start {r.start}", line=line("roles" if i < len(roles)
                                                                                      else "holders"),
                              field=f"{where}.{'roles' if i < len(roles) else 'holders'}")
    fams = items("family_names")
    if not all(isinstance(x, str) and x.strip() for x in fams):
        raise IngestError(p, "family_names must be a list of names", line=line("family_names"),
                          field=f"{where}.family_names")
    notes = items("notes")
    if not all(isinstance(x, str) for x in notes):
        raise IngestError(p, "notes must be a list of strings", line=line("notes"), field=f"{where}.notes")
    return Entity(key=key, etype=etype, label=label.strip(), variants=labels("variants"),
                  misspellings=labels("misspellings"), aliases=aliases, wikidata=qid,
                  wikidata_source=item.get("wikidata_source"), description=item.get("description"), roles=roles,
                  holders=holders, part_of=item.get("part_of"), source=item.get("source"),
                  family_names=[x.strip() for x in fams], notes=list(notes), file=p, line=item.line,
                  part_of_line=ln.get("part_of"))


def _lang(value: Any, p: str, line: int, fld: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not LANG_RE.match(value):
        raise IngestError(p, f"bad language tag {value!r}: BCP 47 expected (e.g. 'ru-Cyrl', 'ko-Latn-x-mr')",
                          line=line, field=fld)
    return value


def _check_entities(entities: list[Entity]) -> None:
    seen: dict[tuple[str, str], Entity] = {}
    claims: dict[tuple[str, str], tuple[Entity, str]] = {}
    keys = {(e.etype, e.key) for e in entities}
    for e in entities:
        k = (e.etype, e.key)
        if k in seen:
            first = seen[k]
            raise IngestError(e.file or "", f"duplicate key {e.key!r} (first at {first.file}:{first.line})",
                              line=e.line, field=f"{e.key}.key")
        seen[k] = e
    for e in entities:
        forms: list[tuple[str, str, str, int | None]] = [("label", e.label, "high", e.line)]
        forms += [(f"variants[{i}]", v.text, v.confidence, v.line) for i, v in enumerate(e.variants)]
        forms += [(f"misspellings[{i}]", m.text, m.confidence, m.line) for i, m in enumerate(e.misspellings)]
        forms += [(f"aliases[{i}]", a.label, "high", a.line) for i, a in enumerate(e.aliases)]
        for fld, text, conf, fline in forms:
            if conf == "low":
                continue  # doubtful forms may be shared: resolving them is reported as ambiguous
            mk = match_key(text)
            if not mk:
                raise IngestError(e.file or "", f"form {text!r} has no letters or digits", line=fline,
                                  field=f"{e.key}.{fld}")
            other = claims.get((e.etype, mk))
            if other is not None and other[0] is not e:
                raise IngestError(e.file or "", f"{text!r} is also claimed by {other[0].etype} {other[0].key!r} "
                                  f"({other[1]}); a name may belong to one {e.etype} only",
                                  line=fline, field=f"{e.key}.{fld}")
            claims[(e.etype, mk)] = (e, fld)
    for e in entities:
        if e.part_of:
            ok = ((e.etype == "place" and ("place", e.part_of) in keys)
                  or (e.etype != "place" and (("organization", e.part_of) in keys or ("archive", e.part_of) in keys)))
            if not ok:
                raise IngestError(e.file or "", f"part_of {e.part_of!r} names no known entity",
                                  line=e.part_of_line or e.line,
                                  field=f"{e.key}.part_of")
        for r in e.roles:
            if r.organization and ("organization", r.organization) not in keys and \
                    ("archive", r.organization) not in keys:
                raise IngestError(e.file or "", f"role organization {r.organization!r} names no known organization",
                                  line=r.line or e.line, field=f"{e.key}.roles")
        for t in e.holders:
            if ("person", t.person) not in keys:
                raise IngestError(e.file or "", f"holder {t.person!r} names no known person", line=t.line or e.line,
                                  field=f"{e.key}.holders")
