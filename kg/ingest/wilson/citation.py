"""The source citation paragraph: its sentences, each an archive's parts, a published collection, a note on the
copy's provenance or a translation credit (the translator).

One citation paragraph may name several archives ("APRF, f. 45, ...; and RGASPI, f. 558, ..."), give Chinese
archive numbers ("PRC FMA 111-00019-01, 5-8"), a university library's collection, a published collection
("Reprinted in ...", "eds., ... (Moscow: ..., 2005), 37-39") or sentences of prose around the archival part.
Each archive becomes one :class:`ArchivalCitation`; prose is kept only in ``citation_verbatim``. The parts of one
archive are read in :mod:`.citation_parts`; publications, provenance and copies elsewhere in
:mod:`.citation_sources`.
"""

from __future__ import annotations

import re

from kg.ingest.common import parse_name, split_names
from kg.ingest.wilson.citation_labels import LABELS as CITATION_LABELS
from kg.ingest.wilson.citation_parts import (
    ARCHIVE_WORD,
    NOT_GIVEN,
    SIGLUM,
    any_labelled,
    has_keys_in,
    parse_citation_part,
    starts_labelled,
)
from kg.ingest.wilson.citation_sources import (
    ALSO_AT,
    EVENT_NOTE,
    ON_FILE_AT,
    PROVENANCE,
    PUB_LEAD,
    PUBLISHER_TAIL,
    SITE_CITATION,
    is_publication,
    publication_split,
    strip_lead,
)
from kg.ingest.wilson.page import Line, PageBase
from kg.ingest.wilson.vocab import META_KEYS
from kg.records import ArchivalCitation, DocumentRecord, Span

__all__ = ["CitationMixin", "has_keys_in", "parse_citation_part"]

# "Translated by X.", "Translated for CWIHP by X and Y.", "Obtained by A and translated by B."
# ("English translation by X", "Translated from the Russian by X", "translation slightly revised by X", "Trans. by X",
# "Translation: X")
TRANSLATED_BY = re.compile(r"\b(?:(?:[A-Z][a-z]+(?:ish|ese|ian|an|ch)\s+)?[Tt]ranslat(?:ed|ion)"
                           r"(?:\s+and\s+(?:edited|annotated|introduced|editing|annotation|introduction))?"
                           r"(?:\s+(?:slightly\s+|heavily\s+)?revised)?(?:\s+from\s+(?:the\s+)?\w+)?"
                           r"(?:\s+for\s+[\w .&-]+?)?|[Tt]r(?:ans)?\.)\s+by\s+"
                           r"(?:for\s+[\w.&-]+\s+by\s+)?"  # "Translated by for NKIDP by X": the site's garbled credit
                           r"|\b[Tt]ranslation\s*:\s*(?=[A-Z])")
# a sentence ends at a full stop (after its closing quotes and brackets) before a capital or the end; not after an
# initial (a capital: "ő. e. Obtained by" ends one), "op.", "ll.", "pp.", "vol.", "no.", "eds.", and not before a
# Hungarian "doboz" / "tétel"; nor inside a quotation (:func:`sentence_ends`)
SENTENCE_END = re.compile(r"(?<!\b(?-i:[A-Z]))(?<!\b[A-Z][a-z])(?<!\bop)(?<!\bll)(?<!\bpp)(?<!\bvol)(?<!\bno)(?<!\beds)(?<!\bed)\.(?!\s+(?:doboz|tétel)\b)"
                          r"[\]\)”\"']*(?-i:(?=\s+[A-Z(\"“]|\s*$))", re.IGNORECASE)
# "; ", " and RGASPI ...", ", copy in Volkogonov Collection, ... Library of Congress": where another archive's part begins
PART_SPLIT = re.compile(r"(;\s*(?:and\s+)?|,?\s+and\s+(?=[A-Z]{2,}\b|(?:Archive|Library)\b(?!\s*(?:[,.;]|$)))|"
                        r",\s*(?:a\s+)?cop(?:y|ies)\s+(?:is\s+|are\s+)?(?:also\s+)?(?:in|at)\s+(?:the\s+)?)")
# "Document No. 81 in" a published collection: the document's number in it, not an archive file's
_DOC_IN = re.compile(r"^(?:Document|Doc\.)\s+(?:No\.?\s*|Nº\s*)?\d+\w*\s+in\s+")
# a journal's volume, number or pages going on after a full stop inside an article's reference
_JOURNAL_TAIL = re.compile(r"\bvol\.\s*\d+\s*\(\d{4}\)|\bno\.\s*\d|\bpp\.\s*\d")


# the dotted labels written before their value (kg.ingest.wilson.citation_labels), the word before a full stop, and
# a value after it
LABELS_BEFORE_VALUE = frozenset(r.label for r in CITATION_LABELS if r.order != "after" and r.label.endswith("."))
_WORD_BEFORE = re.compile(r"(?<![\w.])[^\W\d][\w.]*\.$")
_VALUE_NEXT = re.compile(r"\s+[A-Z]{0,4}[\d/IVX]")
# a quotation in a citation: „...” (Hungarian, Polish, German), “...”, "..."
QUOTATION = re.compile(r"„[^„”“\"]{1,600}[”“\"]|“[^“”]{1,600}”|\"[^\"]{1,600}\"")


def sentence_ends(cit: str) -> list[re.Match[str]]:
    """The full stops that end a citation's sentences: not one inside a quotation („A. Title. 1989. december.”:
    a file's title with its own full stops), unless it closes the quotation."""
    quotes = [(m.start(), m.end()) for m in QUOTATION.finditer(cit)] + bracket_spans(cit)
    return [m for m in SENTENCE_END.finditer(cit) if not any(a < m.start() and m.end() < b for a, b in quotes)
            and not _closes_label(cit, m.start())]


def _closes_label(cit: str, dot: int) -> bool:
    """The full stop at ``dot`` closes a label written before its value ("sygn. V/79", "Sign. IV 2/3"): no end."""
    wm = _WORD_BEFORE.search(cit, 0, dot + 1)
    return wm is not None and wm.group(0).lower() in LABELS_BEFORE_VALUE and _VALUE_NEXT.match(cit, dot + 1) is not None


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the closed brackets of a text, outermost ("(Archive of X (Foundation); SAPMO)", "[Title. 1958]")."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            a = stack.pop()
            if not stack:
                spans.append((a, i + 1))
    return spans


def split_outside_brackets(rx: re.Pattern[str], text: str) -> list[str]:
    """``rx.split(text)`` (``rx`` with one group) but for the matches inside brackets: "X (A; B), f. 3" is one part."""
    spans = bracket_spans(text)
    out, pos = [], 0
    for m in rx.finditer(text):
        if any(a < m.start() < b for a, b in spans):
            continue
        out += [text[pos: m.start()], m.group(1)]
        pos = m.end()
    return out + [text[pos:]]


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
            names = re.split(r"\s+for\s+(?=[A-Z])|\s+from\s+(?=[A-Z])|,?\s+with\s+(?:the\s+)?(?:assistance|help)\b|"
                             # "by X, copy provided by Y; ...", "by X slightly revised": a new clause ends the names
                             r";|,\s+(?=[a-z])|\s+(?:slightly\s+|heavily\s+)?(?:revised|edited|amended)\b",
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
        last = next((x for x in reversed(self.lines) if x.s), None)
        if last is not None and last.no == ln.no and not re.search(r"[.;)\]\"”’]$", cit) and " " in cit.strip():
            cit = re.sub(r"\s+\S+$", "", cit)  # the page is cut inside its citation: its last word may be cut too
        if not cit.strip():
            return
        if any(k.startswith(cit.strip()) and len(cit.strip()) < len(k) for k in META_KEYS):
            return  # "Original Arch": a heading cut by the end of the page, no citation
        flat = re.sub(r"\s{2,}", " ", cit.strip())
        rec.citation_verbatim = flat if rec.citation_verbatim is None else rec.citation_verbatim + "\n" + flat
        if (sc := SITE_CITATION.match(cit.lstrip())) is not None:
            # the site's own citation quoted again ("“Title,” Date, ... Digital Archive, X"): X is the citation
            cut = len(cit) - len(cit.lstrip()) + sc.end()
            cit = " " * cut + cit[cut:]
        # sentences: archival parts, published collections, prose
        sentences: list[tuple[int, str]] = []
        pos = 0
        for sm in sentence_ends(cit) + [None]:
            end = len(cit) if sm is None else (sm.end() if sm.group(0) != "." else sm.start())
            sentence = cit[pos:end]
            s_off = pos
            pos = sm.end() if sm else len(cit)
            if not sentence.strip():
                continue
            if sentences and _JOURNAL_TAIL.search(sentence) and re.search(r"[“\"][^”\"]{3,}[”\"]", sentences[-1][1]) \
                    and not any_labelled(sentence) and not ARCHIVE_WORD.search(sentence):
                # 'A. Author, "Article," Journal. Its Subtitle, vol. 3 (1992), no. 12': one reference
                a, prev = sentences[-1]
                sentences[-1] = (a, cit[a:end])
                continue
            if sentences and PUB_LEAD.match(sentences[-1][1].strip()) and not PUB_LEAD.match(sentence.strip()) \
                    and not PROVENANCE.match(sentence.strip()) and not has_keys_in(sentence):
                # "See also Title. Subtitle. 1958 [...], Publisher, 1996, pp. 3-4.": a reference runs over its own
                # full stops up to the next lead, credit or archive
                a, prev = sentences[-1]
                sentences[-1] = (a, cit[a:end])
                continue
            if sentences and PUBLISHER_TAIL.match(sentence.strip()) and not any_labelled(sentences[-1][1]):
                a, prev = sentences[-1]  # "Author, ed. Title, 1956-1970. London: Publisher, 1996": one book
                sentences[-1] = (a, cit[a:end])
                continue
            sentences.append((s_off, sentence))
        for s_off, sentence in sentences:
            self.citation_sentence(rec, ln, sentence, base + s_off, heading)

    def publication(self, rec: DocumentRecord, s: str, base: int, heading: str | None) -> None:
        """A published collection: the reference without its lead words and final full stop."""
        text = strip_lead(s)
        at = base + len(s) - len(text)
        text = text.rstrip(" .,;")
        if text.endswith("]") and text.count("]") > text.count("["):
            text = text[:-1].rstrip(" .,;")  # a stray closing bracket at the end goes with the full stop
        if not text:
            return
        rec.citations.append(ArchivalCitation(verbatim=text, kind="publication", collection=text, heading=heading,
                                              span=Span(at, at + len(text))))

    def citation_sentence(self, rec: DocumentRecord, ln: Line, sentence: str, base: int,
                          heading: str | None) -> None:
        s = sentence.strip()
        base += len(sentence) - len(sentence.lstrip())
        if not s:
            return
        if rec.citations and re.fullmatch(r"(?:compiled|selected|copied|transcribed)\s+by\s+[^;]+", s.strip(" .,"),
                                          re.IGNORECASE):
            prev = rec.citations[-1]  # "..., Ll. 49-50, compiled by V. N. Malin": who made the archive's notes
            prev.note = s.strip(" .,") if prev.note is None else prev.note + "; " + s.strip(" .,")
            return
        cut = publication_split(s)
        if cut is not None:  # "TsKhSD, F. 89, ..., first published in X": the archive, then the publication
            self.citation_sentence(rec, ln, s[:cut].rstrip(" ,;"), base, heading)
            self.citation_sentence(rec, ln, s[cut:], base + cut, heading)
            return
        if is_publication(s) and not any_labelled(_DOC_IN.sub("", s)):  # ("Document No. 81 in ...": no file)
            parts = [p for p in re.split(r"(?<=\d)\s*;\s*(?=[A-Z])", s)]  # "Book A, 260; Book B, 142": two
            at = base
            for p in parts:
                self.publication(rec, p, at, heading)
                at += len(p) + 2
            return
        if (am := ALSO_AT.match(s.rstrip(" ."))) is not None:  # "Also available at the X Archives": another entry
            repo = am["repo"].strip().rstrip(".")
            repo, coll = _repo_and_collection(repo)
            at = base + am.start("repo")
            rec.citations.append(ArchivalCitation(verbatim=s, repository=repo, collection=coll, heading=heading,
                                                  span=Span(at, at + len(repo))))
            return
        if PROVENANCE.match(s) and not has_keys_in(s):
            self.provenance(rec, s, base, heading)
            return
        if rec.citations and rec.citations[-1].kind == "archive" and EVENT_NOTE.match(s):
            prev = rec.citations[-1]  # "... Oral History Conference on X, Tesgrad, March 2012": where it was shown
            prev.note = s if prev.note is None else prev.note + "; " + s
            return
        has_keys = has_keys_in(s) or any_labelled(s, ("fond", "opis", "delo", "folios", "box"))
        words = len(s.split())
        if not has_keys and ((words > 12 and not _archive_chunk(s)) or re.match(r"(?:The|This|A|An)\s+(?:document|copy|original)\b", s)):
            return  # a sentence of prose about the document: kept in citation_verbatim only
        pos = 0
        for idx, part in enumerate(split_outside_brackets(PART_SPLIT, s)):
            if idx % 2 == 1:
                pos += len(part)
                continue
            p = part.strip().rstrip(".")
            if p.endswith('"') and part.strip().endswith('."'):
                p = part.strip()
            a = base + pos + (len(part) - len(part.lstrip()))
            pos += len(part)
            if not p:
                continue
            if PROVENANCE.match(p) and not has_keys_in(p):
                self.provenance(rec, p, a, heading)
                continue
            if rec.citations and (p[0].islower() or NOT_GIVEN.fullmatch(p.strip())
                                  or LABELLED_PART.match(p)) and not has_keys_in(p):
                if ON_FILE_AT.search(p) is not None:
                    self.provenance(rec, p, a, heading)
                    continue
                prev = rec.citations[-1]
                prev.note = p if prev.note is None else prev.note + "; " + p
                continue
            c = parse_citation_part(p)
            prev = rec.citations[-1] if rec.citations else None
            if c.repository is None and c.kind == "archive" and prev is not None and prev.kind == "archive" \
                    and prev.span is not None and prev.span.start >= ln.start and \
                    starts_labelled(p, _KEYS_AFTER[0 if prev.fond is None else 1:]):
                # "AVP SSSR, f. 06. op. 8, ...": a period where a comma belongs; the parts go on in the same archive
                for key in _MERGED:
                    if getattr(prev, key) is None and getattr(c, key) is not None:
                        setattr(prev, key, getattr(c, key))
                prev.span = Span(prev.span.start, a + len(c.verbatim))
                prev.verbatim = self.text[prev.span.start:prev.span.end]
                continue
            if c.repository is not None and c.kind == "archive" and prev is not None and prev.kind == "archive" \
                    and prev.repository is not None and prev.span is not None and prev.span.start >= ln.start \
                    and not ARCHIVE_WORD.search(c.repository) and (not re.match(r"[A-Z][A-Za-z]*[A-Z]", c.repository)
                                                                   or re.match(r"[IVXLC]+-[\w-]+\b", c.repository)) \
                    and (c.box or c.folios or c.delo or c.item or re.search(r"\bSignature\b", p)):
                # "Archive of the Ministry of Foreign Affairs, Prague. Korea, Signature 51, Box 5.": the file's
                # title and call parts in the next sentence belong to the archive named before
                for key in _MERGED:
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

    def provenance(self, rec: DocumentRecord, s: str, base: int, heading: str | None) -> None:
        """"Obtained by X", "Document obtained by X", "copy courtesy of X": how the copy came, a note of the archive
        before it, not another archive; "..., and on file at Y" names another archive that holds a copy."""
        s = s.rstrip(" ,;.")
        if re.fullmatch(r"\w+", s):
            return  # "Obtained" left of "Obtained and translated by Y": nothing about the copy
        om = ON_FILE_AT.search(s)
        note = s[: om.start()].rstrip(" ,;") if om else s
        note = re.sub(r",?\s+and$", "", note)
        if rec.citations and note:
            prev = rec.citations[-1]
            prev.note = note if prev.note is None else prev.note + "; " + note
        if om is not None:
            repo, _ = _repo_and_collection(om["repo"].strip().rstrip("."))
            at = base + om.start("repo")
            rec.citations.append(ArchivalCitation(verbatim=om["repo"], repository=repo, heading=heading,
                                                  span=Span(at, at + len(repo))))


_KEYS_AFTER = ("fond", "opis", "delo", "papka", "folios", "item", "box")
_MERGED = ("fond", "opis", "delo", "papka", "folios", "item", "box", "volume", "identifier")
# "Year: 1954; Issues 20 221; Country: ...": labelled parts after an archive describe its file, they are no archive
LABELLED_PART = re.compile(r"(?:Years?|Issues?|Country|Countries|Problem|Topic|Subject|Volume|Reel|Microfilm)\b:?|"
                           r"[A-Z][a-z]+:\s")


def _repo_and_collection(text: str) -> tuple[str, str | None]:
    """"the Example Archive RADD Collection" -> the archive and its collection; a place after a comma is left out
    ("National Security Archive, Washington, D.C." -> "National Security Archive")."""
    c = parse_citation_part(text)
    repo = c.repository or text
    m = re.match(r"^(?P<repo>.*?\b(?:Archives?|Library))\s+(?P<coll>\S.*\bCollection)$", repo)
    if m:
        return m["repo"], m["coll"]
    return repo, c.collection


def _archive_chunk(s: str) -> bool:
    """A citation sentence with no fond or delo may still name its archive in one of its comma parts
    ("Szyfrogramy ..., 6/77 w-82, Polish Foreign Ministry Archive (AMSZ), Warsaw")."""
    if re.search(r"\b(?:was|were|is|are|has|have|had|been)\b", s):
        return False  # a sentence of prose about the document
    chunks = [re.sub(r"\s*\([^)]*\)", "", c).strip() for c in s.split(",")]
    # ("Archives of the Ministry of Foreign Affairs of the People's Republic of China 105-00123-05": a long name)
    return len(chunks) >= 2 and any((ARCHIVE_WORD.search(c) and len(c.split()) <= 20) or SIGLUM.match(c) for c in chunks)
