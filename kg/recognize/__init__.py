"""Mentions of persons, places and organizations in a document's body.

Three finders are merged here:

1. the gazetteer of the authority files (:meth:`kg.authorities.Authorities.find_mentions`): known names;
2. the recognizer (:mod:`kg.recognize.rules`): names no authority file knows, found from the text itself
   (titles and honorifics, initials, participant lists, speaker labels, signatures, name shapes, place and
   organization cues);
3. the parser's own mentions (:attr:`kg.records.DocumentRecord.mentions`), less the capitalized words that are
   not names ("HTML", "CWIHP", "CORRESPONDENT").

Every recognized name is resolved against the authorities with its kind. What resolves is linked; what does
not (or matches several entities) stays an unreconciled entity for curators and ``kg link``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from kg.authorities.names import tokens as name_tokens
from kg.recognize import lexicon
from kg.recognize.rules import Candidate, SpanIndex, recognize_text
from kg.recognize.tokens import mostly_capitals

if TYPE_CHECKING:
    from kg.authorities import Authorities, Resolution
    from kg.records import DocumentRecord, Span

__all__ = ["Candidate", "recognize_text", "not_a_name", "document_mentions", "mentions_in_text"]

Found = tuple["Span", "Resolution", str]  # span into the record's text, resolution, name as written
_WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
_LOWER_IN_NAMES = frozenset({"of", "the", "for", "and", "de", "da", "di", "do", "du", "del", "der", "den", "van", "von",
                             "y", "la", "le", "les", "bin", "ibn", "al", "el", "dos", "das", "zu", "ter"})
_ARTICLE_RE = re.compile(r"^(?:al|el|ad|ash|as|an|ar|at|az|ud|ed|ul)-")  # "al-Assad"
_STOP = lexicon.CAPS_NOT_NAMES | lexicon.COMMON | lexicon.DEMONYMS | lexicon.TITLES | lexicon.HONORIFICS
_SITE_STOP = _STOP | lexicon.SITE_WORDS


def not_a_name(text: str) -> bool:
    """True for capitalized words that are never a person, place or organization: headings, stamps,
    markup and site words ("HTML", "CWIHP", "CORRESPONDENT", "TOP SECRET"), demonyms, lone titles."""
    found = _WORD.findall(text or "")
    words = [w.lower().replace("’", "'") for w in found]
    if not words:
        return True
    if any(w[:1].islower() and w not in _LOWER_IN_NAMES and not _ARTICLE_RE.match(w) for w in found):
        return True  # "the northern forces", "KPA, i.e. the army": an editor's gloss in brackets, not a name
    if text.isupper() and all(w in _SITE_STOP for w in words):
        return True  # "ADD SEARCH FILTER CANCEL": the site's buttons
    stop = _STOP
    if len(words) > 1 and any(w in lexicon.ORG_HEADS for w in words[1:]):
        return False  # "Communist Party", "Soviet Government"
    if all(w in stop for w in words):
        return True
    if len(words) == 1 and text.isupper() and len(words[0]) <= 6 and words[0] not in lexicon.ORG_ACRONYMS \
            and words[0] not in lexicon.PLACE_ACRONYMS and words[0] not in lexicon.PLACES:
        return True  # an unknown word of up to six capitals is an acronym or a heading, not a person
    return False


def _display(name: str) -> str:
    """"MAO ZEDONG" -> "Mao Zedong"; mixed case is kept."""
    if name.isupper():
        return " ".join(w[:1] + w[1:].lower() if len(w) > 1 else w for w in name.split(" "))
    return name


def _resolve(auth: Authorities, c: Candidate) -> Resolution:
    name = _display(" ".join(c.text.split()))
    res = auth.resolve(name, c.kind)
    if res.reconciled or res.method == "ambiguous" or c.kind != "person":
        return res
    # "A. A. Gromyko", "Andropov, Iu.V.": the family name alone when the rest are initials
    words = _WORD.findall(name)
    if len(words) >= 2 and all(len(w) <= 2 for w in words[:-1]):
        alt = auth.resolve(words[-1], "person")
        if alt.reconciled or alt.method == "ambiguous":
            return alt
    return res


def _flagged(res: Resolution, c: Candidate) -> Resolution:
    return dataclasses.replace(res, flag=c.note) if c.note else res


def _name_words(name: str) -> frozenset[str]:
    """The words of a name, case and diacritics folded ("Ranković" and "Rankovic" are one word)."""
    return frozenset("".join(name_tokens(w)) for w in _WORD.findall(name)
                     if len(w) > 2 or w.lower() in lexicon.ASIAN_SURNAMES)


def _same_person(auth: Authorities, rec: list[tuple[Candidate, Resolution]]) -> list[tuple[Candidate, Resolution]]:
    """Within one text, a short form of an unknown person ("Tsedenbal", "Dascalescu") is the same entity as the
    one longer name it is part of ("Yumjaagiin Tsedenbal", "Constantin Dascalescu"); with two such names
    ("Fidel Castro", "Raul Castro") it stays as written."""
    longer: dict[frozenset[str], Resolution] = {}
    words_of: list[frozenset[str] | None] = []
    for c, res in rec:
        if c.kind == "person" and not res.reconciled and res.method != "ambiguous":
            words = _name_words(c.text)
            longer.setdefault(words, res)
            words_of.append(words)
        else:
            words_of.append(None)
    keys = list(longer)  # in the order first seen
    having: dict[str, set[int]] = {}  # word -> the names (positions in keys) with it
    for n, k in enumerate(keys):
        for w in k:
            having.setdefault(w, set()).add(n)
    out = []
    for (c, res), words in zip(rec, words_of, strict=True):
        if words:
            inside = set.intersection(*(having.get(w, set()) for w in words))
            wider = [keys[n] for n in sorted(inside) if words < keys[n]]
            if len({longer[k].key for k in wider}) == 1:
                res = longer[wider[0]]
        out.append((c, res))
    return out


def _after_known_person(auth: Authorities, text: str, c: Candidate, res: Resolution, persons: dict[int, int],
                        offset: int) -> list[tuple[Candidate, Resolution]]:
    """An unreconciled person's name whose first words are a known person's name found by the gazetteer
    ("Tsedenbal Ulanfu": a list or a sentence that lost its comma) yields the rest as a name of its own, unless the
    rest is a patronymic or an initial ("Tsedenbal Yumjaagiin" stays one name only if the authorities list it)."""
    if c.kind != "person" or res.reconciled:
        return [(c, res)]
    ge = persons.get(c.start + offset)  # the gazetteer's names do not overlap: one at most starts there
    for e in (() if ge is None else (ge - offset,)):
        if not c.start < e < c.end:
            continue
        rest = text[e:c.end]
        words = _WORD.findall(rest)
        if not rest.startswith(" ") or not words or len(words) > 2 or rest.strip() != " ".join(words) \
                or any(len(w) < 3 or w.lower().endswith(("ovich", "evich", "ovna", "evna")) for w in words):
            break
        start = c.end - len(rest.lstrip())
        part = Candidate(start, c.end, "person", text[start:c.end], "after-known-person", c.note)
        return [(part, _resolve(auth, part))]
    return [(c, res)]


def _recognized(text: str, known: list[tuple[int, int]], memo: dict | None) -> list[Candidate]:
    # keyed by the text itself (and the known spans), not a checksum: two texts that collide never share names;
    # the comparison is by identity first, so the second reading of the same string costs nothing
    key = (text, tuple(known))
    got = memo.get("recognized") if memo is not None else None
    if got is not None and (got[0][0] is text or got[0][0] == text) and got[0][1] == key[1]:
        return got[1]
    cands = recognize_text(text, known)
    if memo is not None:
        memo["recognized"] = (key, cands)
    return cands


def mentions_in_text(text: str, auth: Authorities, *, offset: int = 0,
                     parser_mentions: list[tuple[int, int, str, str]] = (),  # type: ignore[assignment]
                     recognize: bool = True, memo: dict | None = None) -> list[Found]:
    """Merge the three finders over ``text`` (a body starting at ``offset`` in the record's text).

    ``parser_mentions`` are ``(start, end, text, kind)`` in record offsets. Overlaps are settled in this order:
    names the authorities reconcile, recognized names, the parser's mentions; a recognized name that contains a
    gazetteer name and resolves itself (e.g. "A. A. Gromyko" around "Gromyko") replaces it, and a recognized
    organization keeps the names inside it ("Embassy of the USSR" and "USSR"). Ordered by end offset, a name
    inside another before it.

    ``memo``: a dict kept with the record between two readings of the same text (the build's names pass and its
    mapping). The recognizer's names depend on the text and the known persons' spans only, not on the merges of
    unreconciled names decided in between, so the second reading takes them from there (the resolutions are made
    again: they depend on the merges)."""
    from kg.records import Span

    taken = SpanIndex()
    out: list[Found] = []
    free = taken.free

    gaz = auth.find_mentions(text, offset=offset)
    known = [(g.start - offset, g.end - offset) for g, r in gaz if r.reconciled and r.etype == "person"]
    rec = _same_person(auth, [(c, _resolve(auth, c)) for c in _recognized(text, known, memo)]) if recognize else []
    # 1. recognized names that reconcile and cover a gazetteer name
    gaz_spans = SpanIndex((g.start, g.end) for g, _ in gaz)
    for c, res in rec:
        s, e = c.start + offset, c.end + offset
        if res.reconciled and gaz_spans.any_within(s, e):
            taken.add((s, e))
            out.append((Span(s, e), _flagged(res, c), c.text))
    # 2. gazetteer names
    for span, res in gaz:
        if free(span.start, span.end):
            taken.add((span.start, span.end))
            out.append((span, res, text[span.start - offset:span.end - offset]))
    # 3. recognized names; an organization may hold names found before ("Embassy of the USSR"); a person's name
    #    that begins with a known person's name is two names run together ("Tsedenbal Ulanfu")
    persons = {g.start: g.end for g, r in gaz if r.reconciled and r.etype == "person"}
    rec = [x for c, res in rec for x in _after_known_person(auth, text, c, res, persons, offset)]
    for c, res in rec:
        s, e = c.start + offset, c.end + offset
        if free(s, e) or c.kind == "organization" and all(s <= a and b <= e and (a, b) != (s, e)
                                                           for a, b in taken.overlapping(s, e)):
            taken.add((s, e))
            out.append((Span(s, e), _flagged(res, c), c.text))
    # 4. the parser's mentions, less non-names; none in a text in capitals, where a capitalized run is no name
    for s, e, written, kind in (parser_mentions if not mostly_capitals(text) else ()):
        if free(s, e) and not not_a_name(written):
            taken.add((s, e))
            out.append((Span(s, e), auth.resolve(_display(written), kind), written))
    out.sort(key=lambda f: (f[0].end, -f[0].start))  # a name inside an organization's name comes first
    return out


def document_mentions(record: DocumentRecord, auth: Authorities, *, recognize: bool = True,
                      memo: dict | None = None) -> list[Found]:
    """Every mention in a record's body: ``(span, resolution, written)``, spans into ``record.text``. ``memo``: see
    :func:`mentions_in_text`."""
    r = record
    pm = [(m.span.start, m.span.end, m.text, m.kind) for m in r.mentions]
    if r.body and r.body_span is not None and r.text[r.body_span.start:r.body_span.end] == r.body:
        return mentions_in_text(r.body, auth, offset=r.body_span.start, parser_mentions=pm, recognize=recognize,
                                memo=memo)
    from kg.records import Span

    return [(Span(s, e), auth.resolve(w, k), w) for s, e, w, k in pm if not not_a_name(w)]
