"""The source citation: archives and their parts (fond, opis, delo, folios), collections, published
collections, and the translator named in the same paragraph.

One citation paragraph may name several archives ("APRF, f. 45, ...; and RGASPI, f. 558, ..."), give Chinese
archive numbers ("PRC FMA 111-00019-01, 5-8"), a university library's collection, a published collection
("Reprinted in ...", "eds., ... (Moscow: ..., 2005), 37-39") or sentences of prose around the archival part.
Each archive becomes one :class:`ArchivalCitation`; prose is kept only in ``citation_verbatim``.
"""

from __future__ import annotations

import re

from kg.ingest.common import parse_name, split_names
from kg.ingest.wilson.page import Line, PageBase
from kg.records import ArchivalCitation, DocumentRecord, Span

# "Translated by X.", "Translated for CWIHP by X and Y.", "Obtained by A and translated by B."
TRANSLATED_BY = re.compile(r"\b(?:[Tt]ranslat(?:ed|ion)(?:\s+and\s+(?:edited|annotated|introduced))?(?:\s+from\s+\w+)?(?:\s+for\s+[\w .&-]+?)?|[Tt]r\.)\s+by\s+"
                           r"(?:for\s+[\w.&-]+\s+by\s+)?")  # "Translated by for NKIDP by X": the site's garbled credit
SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\bop)(?<!\bll)(?<!\bpp)(?<!\bvol)(?<!\bno)(?<!\beds)\.(?!\s+(?:doboz|tétel)\b)(?=[\]\)”\"']*(?:\s+[A-Z(\"“]|\s*$))",
                          re.IGNORECASE)
PUBLICATION = re.compile(r"\b(?:Reprinted in|Published in|Printed in|Cited in|eds?\.,|compiled by)\b|"
                         r"\([A-Z][\w .'-]*:\s*[^)]*\b\d{4}\)|\bvol\.\s*\d|"
                         # "A. B. Author’s “Book Title”, Publisher, City, 1999": a book, its publisher, place and year
                         r"[“\"][^”\"]{3,}[”\"][^;]*,\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?,\s*(?:1[89]|20)\d\d\s*[;.]?\s*$",
                         re.IGNORECASE)
# "; ", " and RGASPI ...", ", copy in Volkogonov Collection, ... Library of Congress": where another archive's part begins
PART_SPLIT = re.compile(r"(;\s*(?:and\s+)?|,?\s+and\s+(?=[A-Z]{2,}\b|(?:Archive|Library)\b(?!\s*(?:[,.;]|$)))|"
                        r",\s*(?:a\s+)?cop(?:y|ies)\s+(?:is\s+|are\s+)?(?:also\s+)?(?:in|at)\s+(?:the\s+)?)")
# "Also available at the Diplomatic Archives of X", "A copy is also held in the Y Library": a second archive
ALSO_AT = re.compile(r"^(?:Also|A\s+copy\s+(?:is\s+)?also|Copies\s+(?:are\s+)?also)\s+(?:available|held|kept|found|located)\s+"
                     r"(?:at|in)\s+(?:the\s+)?(?P<repo>[A-Z][^;:]{3,120})$")
PROVENANCE = re.compile(r"^(?:Obtained|Provided|Donated|Courtesy|Copy courtesy|Made available|Acquired|Contributed)\b",
                        re.IGNORECASE)
# "MNL OL XIV-J-1-j Korea 25-005249/1980": an archive's initials, then its call number
_REPO_CODE = re.compile(r"^(?P<repo>(?:[A-Z][A-Za-z]?[A-Z]+\.?\s+)+?)(?P<id>(?:[IVXLC]+-[\w-]|\d)[\w/.-]*(?:\s.*)?)$")
NOT_GIVEN = re.compile(r"\b(?:not given|not indicated|not known|unknown|n\.\s?d\.)\b", re.IGNORECASE)
_VALUE = r"(?P<v>[\w-]*\d[\w./-]*(?:\s*[-–]\s*[\w.]*\d[\w.]*)?(?:\s*(?:ob|ob\.|verso))?)"
_CIT_KEYS = [
    # "Record 58" is a Bulgarian archive's opis, "Document 344" its file
    ("fond", r"(?:f\.|fond|fund|fonds)"), ("opis", r"(?:op\.|opis|inventory|per\.|perechen|record)"),
    ("delo", r"(?:d\.|delo|file|dossier|dosar|spr\.|dok\.|document)"), ("papka", r"(?:p\.|papka|folder)"),
    ("box", r"(?:box|doboz)"), ("item", r"(?:por\.|poriadok|item|tétel)"),
    ("folios", r"(?:ll\.|l\.|listy|listi|list|pages|pp\.|sheets?|ark\.)"),
]
# "Opis’ 2": a soft sign transliterated as an apostrophe after the word
# "Fond Nº 2, opis' Nº 1": a number sign before the value
_KEY_RES = [(k, re.compile(p + r"[’']?\s*(?:N[º°o]\.?\s*|№\s*)?" + _VALUE + r"\.?", re.IGNORECASE)) for k, p in _CIT_KEYS]
# "Year: 1954; Issues 20 221; Country: ...": labelled parts after an archive describe its file, they are no archive
LABELLED_PART = re.compile(r"(?:Years?|Issues?|Country|Countries|Problem|Topic|Subject|Volume|Reel|Microfilm)\b:?|"
                           r"[A-Z][a-z]+:\s")
# "60. doboz" (box 60), "81. tétel" (item 81): the number before the word, as Hungarian citations write them
_NUMBER_THEN_KEY = re.compile(r"(?P<v>\d[\w/-]*)\.?\s*(?P<k>doboz|tétel)", re.IGNORECASE)
# "PRC FMA 206-00049-01": an archive's abbreviation followed by a file number
_REPO_NUMBER = re.compile(r"^(?P<repo>.*?[A-Za-z)])\s+(?:No\.\s*)?(?P<id>\d[\w]*(?:-[\w]+)+|\d{3,}[\w-]*)$")
_REPO_THEN_KEY = re.compile(r"^(?P<repo>[A-Z][A-Za-z]*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*?)\s+"
                            r"(?P<part>(?:F\.|Fond|f\.|fond)\s*\d[\w./-]*\.?)$")
_NAMED_FOND = re.compile(r"^(?:(?P<repo>[A-Z][\w.()-]*(?:\s+[A-Z][\w.()-]*)*)\s+)?(?:fond|Fond)\s+(?P<v>[A-Z][^\d,]*)$")
_PROSE_REPO = re.compile(r".*\b(?:in|at|from)\s+(?:the\s+)?(?P<repo>[A-Z][\w.'’/ -]*)$")
# "National Security Archive RADD/READD Collection": an archive, then one of its collections
_ARCHIVE_THEN_COLLECTION = re.compile(r"^(?P<repo>.*?\b(?:Archives?|Library))\s+(?P<coll>\S.*\bCollection)$")


class CitationMixin(PageBase):
    def citation(self, rec: DocumentRecord, ln: Line, offset: int = 0, heading: str | None = None) -> None:
        """Read one citation paragraph (``ln`` from character ``offset``)."""
        raw = ln.text[offset:]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        base = ln.start + offset + lead
        # a web address at the end ("... https://digitalarchive.../document/113395") is the page, not the citation
        um = re.search(r"https?://\S*digitalarchive\.wilsoncenter\.org/document/(?P<id>\d+)\b", body)
        if um and rec.record_id is None:  # the page's own address ends in its record number
            rec.record_id = um["id"]
        body = re.sub(r"\s*https?://\S+(?:\s*-\s*(?:Share|Download)\b)*", lambda m: " " * len(m.group(0)), body).rstrip()
        # the translator: "Translated [for CWIHP] by NAME[, NAME and NAME][ for The National Security Archive]."
        kept = body
        for tm in TRANSLATED_BY.finditer(body):
            rest = body[tm.end():]
            em = SENTENCE_END.search(rest)
            names = rest[: em.start()] if em else rest.rstrip(".")
            names = re.split(r"\s+for\s+(?=[A-Z])|\s+from\s+(?=[A-Z])|,?\s+with\s+(?:the\s+)?(?:assistance|help)\b",
                             names)[0].strip().rstrip(".,;] ")
            noff = base + tm.end()
            for off, piece in split_names(names):
                ref, probs = parse_name(piece, noff + off)
                ref.kind = "person"
                rec.translators.append(ref)
                self.name_problems(f"translators[{len(rec.translators) - 1}]", probs, ref, ln)
            a = tm.start()
            if (am := re.search(r",?\s+and\s*$", kept[:a])) is not None:
                a = am.start()  # "Obtained by X and translated by Y": the "and" goes with the credit
            b = tm.end() + (em.end() if em else len(rest))
            kept = kept[:a] + " " * (b - a) + kept[b:]
        cit = kept.rstrip()
        if not cit.strip():
            return
        flat = re.sub(r"\s{2,}", " ", cit.strip())
        rec.citation_verbatim = flat if rec.citation_verbatim is None else rec.citation_verbatim + "\n" + flat
        # sentences: archival parts, published collections, prose
        pos = 0
        for sm in list(SENTENCE_END.finditer(cit)) + [None]:
            end = sm.start() if sm else len(cit)
            sentence = cit[pos:end]
            s_off = pos
            pos = sm.end() if sm else len(cit)
            if not sentence.strip():
                continue
            self.citation_sentence(rec, ln, sentence, base + s_off, heading)

    def citation_sentence(self, rec: DocumentRecord, ln: Line, sentence: str, base: int,
                          heading: str | None) -> None:
        s = sentence.strip()
        base += len(sentence) - len(sentence.lstrip())
        if rec.citations and re.fullmatch(r"(?:compiled|selected|copied|transcribed)\s+by\s+[^;]+", s.strip(" .,"),
                                          re.IGNORECASE):
            prev = rec.citations[-1]  # "..., Ll. 49-50, compiled by V. N. Malin": who made the archive's notes
            prev.note = s.strip(" .,") if prev.note is None else prev.note + "; " + s.strip(" .,")
            return
        if PUBLICATION.search(s) and not any(r.search(s) for _, r in _KEY_RES[:3]):
            text = re.sub(r"^(?:Reprinted|Published|Printed|Cited)\s+in\s+", "", s)
            rec.citations.append(ArchivalCitation(verbatim=s, kind="publication", collection=text.rstrip("."),
                                                  heading=heading, span=Span(base, base + len(s))))
            return
        if PUBLICATION.search(s):  # "APRF: F. 39, ... Reprinted in ...": the archive, then the publication
            cut = PUBLICATION.search(s)
            assert cut
            self.citation_sentence(rec, ln, s[: cut.start()], base, heading)
            self.citation_sentence(rec, ln, s[cut.start():], base + cut.start(), heading)
            return
        if (am := ALSO_AT.match(s)) is not None:  # "Also available at the X Archives": a copy there, another entry
            repo = am["repo"].strip().rstrip(".")
            at = base + am.start("repo")
            rec.citations.append(ArchivalCitation(verbatim=s, repository=repo, heading=heading,
                                                  span=Span(at, at + len(repo))))
            return
        if PROVENANCE.match(s) and not any(r.search(s) for _, r in _KEY_RES):
            if re.fullmatch(r"\w+\.?", s.strip()):
                return  # "Obtained" left of "Obtained and translated by Y": nothing about the copy
            if rec.citations:  # "Obtained by X and translated by Y": how the copy came, not another archive
                prev = rec.citations[-1]
                s = s.rstrip(" ,;")
                prev.note = s if prev.note is None else prev.note + "; " + s
            return
        has_keys = any(r.search(s) for _, r in _KEY_RES)
        words = len(s.split())
        if not has_keys and ((words > 12 and not _archive_chunk(s)) or re.match(r"(?:The|This|A|An)\s+(?:document|copy|original)\b", s)):
            return  # a sentence of prose about the document: kept in citation_verbatim only
        pos = 0
        for idx, part in enumerate(PART_SPLIT.split(s)):
            if idx % 2 == 1:
                pos += len(part)
                continue
            p = part.strip().rstrip(".")
            a = base + pos + (len(part) - len(part.lstrip()))
            pos += len(part)
            if not p:
                continue
            if rec.citations and (p[0].islower() or NOT_GIVEN.fullmatch(p.strip()) or PROVENANCE.match(p)
                                  or LABELLED_PART.match(p)) and not has_keys_in(p):
                prev = rec.citations[-1]
                prev.note = p if prev.note is None else prev.note + "; " + p
                continue
            c = parse_citation_part(p)
            prev = rec.citations[-1] if rec.citations else None
            if c.repository is None and c.kind == "archive" and prev is not None and prev.kind == "archive" \
                    and prev.span is not None and prev.span.start >= ln.start and \
                    any(r.match(p) for _, r in _KEY_RES[0 if prev.fond is None else 1:]):
                # "AVP SSSR, f. 06. op. 8, ...": a period where a comma belongs; the parts go on in the same archive
                for key in ("fond", "opis", "delo", "papka", "folios", "item", "box", "identifier"):
                    if getattr(prev, key) is None and getattr(c, key) is not None:
                        setattr(prev, key, getattr(c, key))
                prev.span = Span(prev.span.start, a + len(c.verbatim))
                prev.verbatim = self.text[prev.span.start:prev.span.end]
                continue
            if c.repository is not None and c.kind == "archive" and prev is not None and prev.kind == "archive" \
                    and prev.repository is not None and prev.span is not None and prev.span.start >= ln.start \
                    and not _ARCHIVE_WORD.search(c.repository) and (not re.match(r"[A-Z][A-Za-z]*[A-Z]", c.repository)
                                                                    or re.match(r"[IVXLC]+-[\w-]+\b", c.repository)) \
                    and (c.box or c.folios or c.delo or c.item or re.search(r"\bSignature\b", p)):
                # "Archive of the Ministry of Foreign Affairs, Prague. Korea, Signature 51, Box 5.": the file's
                # title and call parts in the next sentence belong to the archive named before
                for key in ("fond", "opis", "delo", "papka", "folios", "item", "box", "identifier"):
                    if getattr(prev, key) is None and getattr(c, key) is not None:
                        setattr(prev, key, getattr(c, key))
                more = ", ".join(x for x in (c.repository, c.collection) if x)
                prev.collection = more if prev.collection is None else f"{prev.collection}; {more}"
                prev.span = Span(prev.span.start, a + len(c.verbatim))
                prev.verbatim = self.text[prev.span.start:prev.span.end]
                continue
            c.heading = heading
            c.span = Span(a, a + len(c.verbatim))
            if c.repository is None and c.kind == "archive":
                self.flag(f"citations[{len(rec.citations)}].repository", "no repository named in this part",
                          c.verbatim, ln, c.span)
            rec.citations.append(c)


# a file's call number: words that each carry a digit or a "/" or "-", or short codes between them
_CALL_NUMBER = re.compile(r"(?=.*\d)(?:[\w.]*[\d/-][\w./-]*|[A-Za-z]{1,3})(?:\s+(?:[\w.]*[\d/-][\w./-]*|[A-Za-z]{1,3}))*")
# a place or state named after an archive: "Kew", "Warsaw", "Republic of Poland", "Mexico City"
_PLACE_AFTER_ARCHIVE = re.compile(r"(?!.*\d)(?!.*\b(?:Division|Department|Section|Branch|Collection|Papers|Records|Files?|Fonds?|"
                                  r"Series|Group|Box|Folder|Microfilm|Reel)\b)[A-Z][a-z]+(?:[’'.-][A-Za-z]+)*"
                                  r"(?:\s+(?:of|the|de|del|du|der|[A-Z][a-z]+(?:[’'.-][A-Za-z]+)*)){0,3}\.?")
_ARCHIVE_WORD = re.compile(r"\b(?:Archives?|Archiv|Arkhiv|Library|Records Office|Bundesarchiv)\b")
# "Notes of O.A. Westad, TsKhSD, ...", "Notes by O.A. Westad at TsKhSD": who copied it, then (or at) the archive
_NOTES_OF = re.compile(r"^(?:Notes?|Copy|Excerpts?|Transcript(?:ion)?|Handwritten notes)\s+(?:of|by|made by|taken by)\s+"
                       r"(?P<who>.+?)(?:\s+(?:at|in|from)\s+(?P<repo>[A-Z].*))?$")


def _archive_chunk(s: str) -> bool:
    """A citation sentence with no fond or delo may still name its archive in one of its comma parts
    ("Szyfrogramy ..., 6/77 w-82, Polish Foreign Ministry Archive (AMSZ), Warsaw")."""
    if re.search(r"\b(?:was|were|is|are|has|have|had|been)\b", s):
        return False  # a sentence of prose about the document
    chunks = [c.strip() for c in s.split(",")]
    return len(chunks) >= 2 and any(_ARCHIVE_WORD.search(c) and (len(c.split()) <= 8 or (
        len(c.split()) <= 12 and re.search(r"\([A-Z][\w .]{1,12}\)$", c))) for c in chunks)


def _comma_parts(text: str) -> list[str]:
    """The comma parts of a citation, a comma inside brackets left alone: "Hungarian National Archives (Magyar
    Országos Levéltár, MOL), XIX-J-1-j" has two parts."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def has_keys_in(s: str) -> bool:
    return any(r.fullmatch(ch.strip()) for ch in s.split(",") for _, r in _KEY_RES)


def parse_citation_part(part: str) -> ArchivalCitation:
    """One archive's part of a citation: "APRF, Fond 45, Opis 1, Delo 336, List 122", "APRF: F. 39, Op. 1, D. 31,
    Ll. 39-40", "PRC FMA 111-00019-01, 5-8", "AVPRF, f. 0100, op. 43, por. 12, papka 302, d. 8, l. 5"."""
    c = ArchivalCitation(verbatim=part)
    text = part
    m = re.match(r"^(?P<repo>[^,:]{2,80}?):\s+(?=\S)", text)
    if m and any(r.match(text[m.end():]) for _, r in _KEY_RES):
        text = m["repo"] + ", " + text[m.end():]
    chunks = [x.strip() for x in _comma_parts(text)]
    rest: list[str] = []
    for ch in chunks:
        if not ch:
            continue
        hit = False
        for key, rx in _KEY_RES:
            km = rx.fullmatch(ch)
            if km:
                if key == "fond" and ch[:2].lower() == "f." and c.delo is not None and c.folios is None:
                    key = "folios"  # "file 109/1969, f. 2-10": an "f." after the file is its folio (fila)
                if key == "papka" and ch[:2].lower() == "p." and c.delo is not None and c.folios is None:
                    key = "folios"  # "delo 7, p.16-42": a "p." after the file is its pages (a folder comes before)
                setattr(c, key, km["v"].strip().rstrip("."))
                hit = True
                break
        if hit:
            continue
        bm = _NUMBER_THEN_KEY.fullmatch(ch)
        if bm:  # "60. doboz", "81. tétel": Hungarian writes the number before the word (box, item)
            setattr(c, "box" if bm["k"].lower() == "doboz" else "item", bm["v"])
            continue
        wm = _NAMED_FOND.match(ch) if c.fond is None and len(rest) <= 1 else None
        if wm:  # "ANIC fond CC of RCP—Chancellery": a fond known by its name, not a number
            c.fond = wm["v"].strip()
            if wm["repo"]:
                rest.append(wm["repo"])
            continue
        gm = _REPO_THEN_KEY.match(ch) if not rest and c.repository is None else None
        if gm:  # "AVPRF F. 0102": the archive and its first part with no comma between them
            for key, rx in _KEY_RES:
                km = rx.fullmatch(gm["part"])
                if km:
                    setattr(c, key, km["v"].strip().rstrip("."))
                    break
            rest.append(gm["repo"])
            continue
        nm_ = _NOTES_OF.match(ch) if not rest and c.repository is None else None
        if nm_:
            note = ch[: nm_.start("repo")].rstrip() if nm_["repo"] else ch
            c.note = note if c.note is None else c.note + "; " + note
            if nm_["repo"]:
                rest.append(nm_["repo"])
            continue
        if NOT_GIVEN.search(ch) and len(ch.split()) <= 8:
            c.note = ch if c.note is None else c.note + "; " + ch
            continue
        if len(rest) == 1 and _REPO_NUMBER.match(rest[0]) and re.fullmatch(r"\d[\d\s–-]*", ch) \
                and c.folios is None:  # "PRC FMA 111-00019-01, 5-8": the pages of that file
            c.folios = ch.strip()
            continue
        rest.append(ch)
    if rest and c.identifier is None and re.fullmatch(r"\d[\w/]*(?:-\d[\w/]*)+|\d{3,}[\w/]*", rest[0]):
        # "2010-367, Act on Access to Information ...": a disclosure's number first, no archive named
        c.identifier = rest.pop(0)
        if rest and not _ARCHIVE_WORD.search(", ".join(rest)):
            c.collection, rest = ", ".join(rest), []
    after_repo = 0  # which of rest[1:] stood right after the archive's name on the page
    if len(rest) > 1 and not _ARCHIVE_WORD.search(rest[0]):
        # the archive named after a file's own title: "Szyfrogramy from Hawana 1962, 6/77, X Archive (AMSZ), Warsaw"
        named = [k for k, ch in enumerate(rest) if _ARCHIVE_WORD.search(ch) and len(ch.split()) <= 8]
        if named and not re.match(r"^[A-Z][A-Za-z]*[A-Z]", rest[0]):
            k = named[0]
            rest = [rest[k]] + rest[:k] + rest[k + 1:]
            after_repo = k
    if rest:
        repo = rest[0]
        if len(repo.split()) > 5:  # "A copy was subsequently found in RGASPI"
            pm = _PROSE_REPO.match(repo)
            repo = pm["repo"].strip() if pm else repo
            am = _ARCHIVE_THEN_COLLECTION.match(repo)
            if am:
                repo, rest = am["repo"], [rest[0], am["coll"]] + rest[1:]
        cm = _REPO_CODE.match(repo)
        if cm and not _REPO_NUMBER.match(repo):
            repo, c.identifier = cm["repo"].strip(), cm["id"].strip()
        nm = _REPO_NUMBER.match(repo)
        if nm and not re.search(r"\b(?:papers|collection|records)\b", repo, re.IGNORECASE):
            repo, c.identifier = nm["repo"].strip(), nm["id"]
        repo = re.sub(r"^[Tt]he\s+(?=[A-Z])", "", repo)  # "the Gorbachev Foundation Archive": the archive's name
        if re.fullmatch(r"(?:AP|GA)\sRF\.?", repo):  # "AP RF.", "GA RF": the APRF, the GARF, spaced
            repo = repo.rstrip(".").replace(" ", "")
        c.repository = repo or None
        coll: list[str] = []
        after_id = False
        for idx, ch in enumerate(rest[1:]):
            if idx == after_repo and _PLACE_AFTER_ARCHIVE.fullmatch(ch) and _ARCHIVE_WORD.search(repo) and \
                    not _ARCHIVE_WORD.search(ch):
                # "National Archives, Kew", "Archive of the Ministry of Foreign Affairs, Republic of Testland": where
                # the archive is, not a collection of it (it stays in the verbatim citation)
                continue
            if re.search(r"\bDivision\b", ch):
                c.division = ch
            elif c.identifier is None and (re.fullmatch(r"[a-z]{1,4}\d{5,}|[A-Z]{1,5}[-\s]?\d[\w.-]*", ch) or (
                    _CALL_NUMBER.fullmatch(ch) and not re.fullmatch(r"\d{4}(?:\s*[-–]\s*\d{2,4})?", ch))):
                c.identifier = ch  # "AB16/565", "D-I-R-0-2420-19/68", "6/77 w-82 t-1264": a file's call number
                after_id = True
                continue
            elif after_id and c.folios is None and re.fullmatch(r"\d[\d\s–-]*", ch):
                c.folios = ch  # "..., 2420-19/68, 24": the pages of that file
            else:
                coll.append(ch)
            after_id = False
        if coll:
            c.collection = ", ".join(coll)
    return c
