"""Wilson Center Digital Archive pages (scraped page text) -> :class:`kg.records.DocumentRecord`.

A page reads, top to bottom: an optional "Skip to content" line; the document date; the title
("Ciphered Telegram No. 8600, Vyshinsky to Mao Zedong"); a transmission header (from-place, sent,
received, arrived, deciphered lines, number of copies, distribution list, classification lines,
handwritten dates); the body; a trailer (telegram number "# 1298/sh", a time, "Typed by ..."); the
one-paragraph summary; then "Author(s):" / "Document Information" with the source citation, the rights
statement and a metadata block ("Original Uploaded Date", "Type", "Language", "Record ID", each
followed by its value when the page has one).

Everything read carries a Span into the page text. Values that cannot be right are kept as written and
flagged (:class:`kg.records.Flag`); a page without a date line or a title raises
:class:`kg.errors.IngestError`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import IngestError
from kg.ingest.common import (
    FOOTNOTE_GLUE,
    find_dates,
    find_time,
    parse_date_line,
    parse_name,
    split_names,
    strip_honorific_list,
)
from kg.iris import slug
from kg.records import (
    ArchivalCitation,
    DistributionEntry,
    DocumentRecord,
    EditorialNote,
    Flag,
    HeaderEvent,
    Mention,
    NameRef,
    NoteKind,
    Span,
)

PUBLISHER = "Wilson Center Digital Archive"
MAX_COPIES = 10_000
MAX_TITLE = 1000

# -- page structure ----------------------------------------------------------------------------------------------

END_MARKERS = re.compile(
    r"^(?:Document Information|Author\(s\):?|Associated (?:People|Places|Topics|Documents)[^\n]*|"
    r"Related Documents|Subjects Discussed|Original Archive|Original Uploaded Date|Record ID)\s*$")
RIGHTS_START = re.compile(r"^The History and Public Policy Program welcomes")
RIGHTS_WORDS = re.compile(r"\b(?:rights|copyright|reuse|permission|licen[cs]e)\b", re.IGNORECASE)
META_KEYS = ("Original Uploaded Date", "Type", "Language", "Record ID", "Source", "Rights", "Original Archive",
             "Document Information", "Author(s):", "Author(s)", "Associated People & Organizations",
             "Associated Places", "Associated Topics", "Related Documents", "Subject(s)",
             "Subjects Discussed")

KINDS = [
    ("ciphered telegram", r"cipher(?:ed)?\s+telegram"), ("coded telegram", r"coded\s+telegram"),
    ("cable", r"cable(?:\s+telegram)?"), ("telegram", r"telegram"),
    ("memorandum of conversation", r"memorandum\s+of\s+(?:a\s+|the\s+)?conversation"),
    ("record of conversation", r"(?:record|notes?)\s+of\s+(?:a\s+|the\s+)?conversation"),
    ("memorandum", r"memorandum"), ("letter", r"letter"), ("note", r"note"), ("report", r"report"),
    ("minutes", r"minutes"), ("protocol", r"protocol"), ("directive", r"directive"), ("message", r"message"),
    ("draft reply", r"draft\s+reply"), ("resolution", r"resolution"), ("decree", r"decree"),
    ("instruction", r"instructions?"), ("statement", r"statement"), ("speech", r"speech"),
    ("conversation", r"conversation"), ("information", r"information"), ("digest", r"digest"),
]
KIND_RE = re.compile(
    r"^(?P<pre>(?:[\w’'-]+\s+){0,3}?)(?P<kind>" + "|".join(f"(?:{p})" for _, p in KINDS) + r")\b",
    re.IGNORECASE)
NUMBER_RE = re.compile(r"^\s*(?:Nos?\.|Nº|№|#|Number)\s*(?P<num>[\w/.-]*\d[\w/-]*)", re.IGNORECASE)
TITLE_CUT = re.compile(r",\s+(?!and\s|for\s)(?=[a-z'‘“\"])|\s+-\s+|:\s+|\s+(?:regarding|concerning|about|re:)\s+|\s+on\s+(?:a|an|the)\s+")
CONVERSATION_KINDS = ("memorandum of conversation", "record of conversation", "conversation")
CORRESPONDENCE_KINDS = ("ciphered telegram", "coded telegram", "cable", "telegram", "letter", "note", "message")
FOR_RE = re.compile(r"\s*[\[(]\s*for\s+(?P<n>[^\])]+)[\])]", re.IGNORECASE)
VIA_RE = re.compile(r"\s*[\[(]\s*via\s+(?P<n>[^\])]+)[\])]|\s+via\s+(?P<m>.+)$", re.IGNORECASE)

EVENT_RE = re.compile(
    r"^(?P<verb>Sent|Received|Arrived|Deciphered|Decoded|Typed|Dispatched|Transmitted|Copied|Issued)\b",
    re.IGNORECASE)
EVENT_KIND = {"sent": "sent", "dispatched": "sent", "transmitted": "sent", "received": "received",
              "arrived": "arrived", "deciphered": "deciphered", "decoded": "deciphered", "typed": "typed",
              "copied": "other", "issued": "issued"}
MEANS_WORDS = ("wire", "telegraph", "radio", "courier", "hand", "telephone", "mail", "diplomatic pouch", "post")
FROM_RE = re.compile(r"^(?i:from):?\s+(?P<place>[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)*?)(?=\s+No\.|\s+\d|\s*,|\s*$)")
DEST_RE = re.compile(r"^Destination:\s*(?P<d>.+?)(?:\s+To Whom:\s*(?P<w>.+))?\s*$", re.IGNORECASE)
COPIES_MADE_RE = re.compile(r"^(?:Number of copies(?: made)?|Copies made)\s*[-–—:]*\s*(?P<n>-?\S+)", re.IGNORECASE)
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split())}
# "5 copies", "Two copies printed. Nº 2 to file."
N_COPIES_RE = re.compile(r"^(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+cop(?:y|ies)(?:\s+(?:printed|made|typed))?"
                         r"\.?(?:\s+(?P<entry>(?:Nº|№|No\.)\s*(?P<k>\d+)\s+to\s+(?P<to>[^.]+))\.?)?\s*$", re.IGNORECASE)
# "Ciphered Telegram # 600428/sh", "CIPHERED TELEGRAM No. 709"
DOCNO_RE = re.compile(r"^(?:cipher(?:ed)?\s+|coded\s+)?(?:telegram|cable)\s*(?:#|No\.|Nº|№)\s*(?P<n>\d[\w/.-]*)\s*$",
                      re.IGNORECASE)
DIST_RE = re.compile(
    r"^(?:Distribution(?: list)?|Copies)\s*(?:[-–—]\s*(?P<n>\d+)\s+cop(?:y|ies))?\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE)
NUMBERED_RE = re.compile(r"^(?P<k>\d{1,2})\.\s+(?P<who>\S.{0,80})$")
TELNO_RE = re.compile(r"^(?:#|No\.|Nº|№)\s*(?P<n>\d[\w/-]*(?:\.\d[\w/-]*)*)\.?\s*$")
TIME_ONLY_RE = re.compile(r"^\d{1,2}:\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:,\s*(?P<clock>.+))?$", re.IGNORECASE)
CLASSIFICATIONS = {
    "top secret", "secret", "strictly secret", "special", "top priority", "priority", "urgent", "most urgent",
    "personal", "strictly personal", "confidential", "strictly confidential", "for official use only",
    "special file", "absolutely secret", "eyes only", "very urgent", "copy", "top secret special file",
    "making copies is forbidden", "highest priority", "strictly secret special file",
}
CLOCK_RE = re.compile(r"(?:,\s*|\s+|\()(?P<clock>(?:local|Moscow|Pyongyang|Beijing|Peking|Tokyo|"
                      r"Washington|[A-Z][a-z]+) time)\b|\((?P<clock2>Moscow|local)\)")
TRANSLATED_RE = re.compile(r"\s*(?P<all>(?:Translated|Translation)\s+(?:for\s+[\w ]+?\s+)?by\s+"
                           r"(?P<names>[^.]+(?:\.\s?[A-Z]\.)*[^.]*)\.?)")
EMAIL_OBFUSCATED = re.compile(r"\[email\s*protected\]", re.IGNORECASE)

ACRONYMS_ORG = {"KPA", "CPV", "PLA", "CCP", "CPSU", "VKP", "UN", "UNC", "KWP", "WPK", "MDGS", "MID", "MFA",
                "NKVD", "MGB", "GRU", "KGB", "CC", "TASS", "USSR", "DPRK", "PRC", "ROK", "US", "USA", "UK",
                "SKWP", "NKWP", "CPC", "GMD", "KMT", "CVP", "APRF", "AVPRF", "RGASPI"}
COUNTRY_ACRONYMS = {"USSR", "DPRK", "PRC", "ROK", "US", "USA", "UK"}
ORG_PHRASES = re.compile(
    r"\b(?:Korean People[’']s Army|People[’']s Liberation Army|Chinese People[’']s Volunteers|"
    r"Workers[’']? Party of Korea|Communist Party(?: of (?:China|the Soviet Union))?|United Nations|"
    r"General Assembly|Kuomintang|Guomindang|Politburo|Central Committee|Soviet Government|"
    r"Chinese Government|Security Council|General Staff)\b")
PLACES = {
    "Pyongyang", "Moscow", "Peking", "Beijing", "Peiping", "Seoul", "Busan", "Pusan", "Incheon", "Inchon",
    "Chemulpo", "Jemulpo", "Daegu", "Taegu", "Daejon", "Daejeon", "Taejon", "Cheongju", "Suwon", "Sangju",
    "Andong", "Jincheon", "Boeun", "Boeon", "Yeosu", "Yeoju", "Chungju", "Bonghwa", "Uljin", "Urumchi", "Urumqi",
    "Shanghai", "Manchuria", "Korea", "China", "Washington", "London", "Harbin", "Dalian", "Mukden", "Shenyang",
    "Tehran", "Xinjiang", "Vladivostok", "Kaesong", "Wonsan", "Hamhung", "Sinuiju", "Tokyo", "Japan", "Taiwan",
    "Formosa", "Port Arthur", "North Korea", "South Korea", "Soviet Union", "Kremlin", "Nanjing", "Nanking",
    "Liaodong", "Mongolia", "Ulan Bator", "India", "Burma", "Poland", "Czechoslovakia", "Weixian", "Yalu",
    "Andung", "Kowloon", "Hong Kong", "Chongqing", "Chungking", "Yan'an", "Yenan", "Kaifeng", "Wuhan",
}
_PLACE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
                       + r")(?![\w-])", re.IGNORECASE)
_CAPS_NAME = re.compile(r"(?<![\w’'-])(?:[A-Z][A-Z’'-]+)(?:[ \t]+[A-Z][A-Z’'-]+){0,3}(?![\w’'-])")
_LETTER_SPACED = re.compile(r"(?<![\w])(?:[A-Z] ){3,}[A-Z](?![\w])")
_HONORIFIC_NAMES = re.compile(
    r"\b(?P<h>Comrades|Comrade|Cdes\.|Cde\.|Comr\.)[ \t]+(?P<names>[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*"
    r"(?:(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*)*)")
_GLUED_LOWER_UPPER = re.compile(r"(?<![\w’'-])([a-z]{2,})([A-Z][a-z]{2,})(?![\w’'-])")
_GLUED_PLACE_WORD = re.compile(r"(?<![\w’'-])(" + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
                               + r")(the|and|of|in|to|with|from|was|is)(?![\w’'-])")
NOTE_RE = re.compile(r"\[(?P<inner>[^\[\]\n]{0,2000})\]")
_TRANSLIT_HINT = re.compile(r"zh|kh|shch|ts[aeiouy]|i[aeuo]|iy|yi|['’]$|ye|yu|ya")
_ENGLISH_ENDINGS = ("ment", "tion", "sion", "ness", "ing", "ed", "ly", "ity", "ers", "ous", "ive", "al", "ance",
                    "ence", "s", "er", "ship", "ism", "ist", "ful", "less", "able", "ible", "ure", "ate")
CAPS_NOT_NAMES = {
    "ONLY", "EXAMPLE", "NOTE", "COPY", "COPIES", "SECRET", "TOP", "URGENT", "SPECIAL", "TELEGRAM", "CIPHERED",
    "PRIORITY", "PERSONAL", "FROM", "TO", "ATTENTION", "IMPORTANT", "DRAFT", "ANNEX", "APPENDIX", "END", "PS",
    "CABLE", "LETTER", "MEMORANDUM", "REPORT", "RECORD", "CONVERSATION", "STRICTLY", "CONFIDENTIAL", "SIGNED",
    "NO", "AND", "THE", "OF", "IN", "FOR", "WITH", "ON", "AT", "BY", "RE", "SUBJECT", "MOST", "IMMEDIATE",
}
STOP_CAPS = CLASSIFICATIONS | {"i", "a", "ii", "iii", "iv", "v", "vi", "no", "ok", "sh", "p.s.", "ps"}


@dataclass
class Line:
    no: int  # 1-based
    start: int  # offset of the first character
    text: str  # without the line end ("\n", "\r\n")

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def s(self) -> str:
        return self.text.strip()

    def span(self, a: int = 0, b: int | None = None) -> Span:
        return Span(self.start + a, self.start + (len(self.text) if b is None else b))

    def stripped_span(self) -> Span:
        lead = len(self.text) - len(self.text.lstrip())
        return Span(self.start + lead, self.start + lead + len(self.text.strip()))


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(i + 1, pos, body))
        pos += len(raw) + 1
    return lines


class _Parser:
    def __init__(self, text: str, path: str, meta: dict[str, Any] | None) -> None:
        self.text = text
        self.path = path
        self.meta = meta or {}
        self.lines = split_lines(text)
        self.flags: list[Flag] = []

    # -- helpers ---------------------------------------------------------------------------------------------
    def flag(self, field: str, message: str, verbatim: str, line: Line | int | None = None,
             span: Span | None = None) -> None:
        no = line.no if isinstance(line, Line) else line
        if span is not None and (span.end > len(self.text)):
            span = None
        self.flags.append(Flag(field=field, message=message, verbatim=verbatim, line=no, span=span))

    def error(self, message: str, line: int | None, field: str) -> IngestError:
        return IngestError(self.path, message, line=line, field=field)

    def next_nonblank(self, i: int, stop: int | None = None) -> int | None:
        stop = len(self.lines) if stop is None else stop
        while i < stop:
            if self.lines[i].s:
                return i
            i += 1
        return None

    # -- main ------------------------------------------------------------------------------------------------
    def parse(self) -> DocumentRecord:
        text = self.text
        if not text.strip():
            raise self.error("empty page: no text", 1, "text")
        if "\x00" in text:
            raise self.error("binary data (NUL bytes), not page text", self.lines_with("\x00"), "text")
        ctrl = sum(1 for c in text[:4000] if ord(c) < 32 and c not in "\n\r\t\f\v")
        if ctrl > 8 and ctrl > len(text[:4000]) // 50:
            raise self.error("binary data (control characters), not page text", None, "text")

        rec = DocumentRecord(doc_id="", source_path=self.path, source_format="wilson-page", text=text,
                             publisher=self.meta.get("publisher") or PUBLISHER,
                             source_url=self.meta.get("source_url"))

        # date line, then title
        i = 0
        first = self.next_nonblank(0)
        if first is not None and self.lines[first].s.lower() == "skip to content":
            i = first + 1
        date_idx = None
        j = i
        for _ in range(4):
            k = self.next_nonblank(j)
            if k is None:
                break
            hit = parse_date_line(self.lines[k].s)
            if hit is not None:
                date_idx = k
                break
            j = k + 1
        if date_idx is None:
            k = self.next_nonblank(i)
            raise self.error("no date line at the top of the page (truncated page?)",
                             self.lines[k].no if k is not None else 1, "date")
        dline = self.lines[date_idx]
        hit = parse_date_line(dline.s)
        assert hit is not None
        rec.date_verbatim = dline.s
        rec.date_span = dline.stripped_span()
        rec.date = hit.value
        if hit.problem:
            self.flag("date", hit.problem, dline.s, dline, rec.date_span)
        t_idx = self.next_nonblank(date_idx + 1)
        if t_idx is None or END_MARKERS.match(self.lines[t_idx].s) or parse_date_line(self.lines[t_idx].s):
            raise self.error("no title after the date line (truncated page?)",
                             self.lines[t_idx].no if t_idx is not None else dline.no, "title")
        tline = self.lines[t_idx]
        rec.title = tline.s
        rec.title_span = tline.stripped_span()
        self.parse_title(rec, tline)

        # where the document ends: the first end marker after the title
        end_idx = len(self.lines)
        for k in range(t_idx + 1, len(self.lines)):
            s = self.lines[k].s
            if END_MARKERS.match(s) or RIGHTS_START.match(s) or s in ("Source", "Rights"):
                end_idx = k
                break
        else:
            self.flag("summary", "no 'Document Information' block: summary, citation and rights not found",
                      tline.s, tline)

        # summary: the last paragraph before the end marker
        region_end = end_idx
        if end_idx < len(self.lines):
            k = end_idx - 1
            while k > t_idx and not self.lines[k].s:
                k -= 1
            if k > t_idx:
                last = k
                while k - 1 > t_idx and self.lines[k - 1].s:
                    k -= 1
                para = self.lines[k:last + 1]
                if not any(self.header_kind(ln.s) for ln in para) and not any(
                        NOTE_RE.fullmatch(ln.s) for ln in para):
                    rec.summary = "\n".join(ln.text for ln in para).strip()
                    sp = Span(para[0].stripped_span().start, para[-1].stripped_span().end)
                    rec.summary_span = sp
                    rec.summary = text[sp.start:sp.end]
                    region_end = k

        self.parse_region(rec, t_idx + 1, region_end)
        if end_idx < len(self.lines):
            self.parse_info(rec, end_idx)

        # identity
        if self.meta.get("doc_id"):
            rec.doc_id = str(self.meta["doc_id"])
        elif rec.record_id:
            rec.doc_id = "wcda-" + slug(rec.record_id)
        else:
            rec.doc_id = "wcda-" + slug(Path(self.path).stem)
        rec.flags = self.flags
        return rec

    def lines_with(self, needle: str) -> int | None:
        for ln in self.lines:
            if needle in ln.text:
                return ln.no
        return None

    # -- title -----------------------------------------------------------------------------------------------
    def parse_title(self, rec: DocumentRecord, line: Line) -> None:
        t = line.text
        lead = len(t) - len(t.lstrip())
        s = t.strip()
        m = KIND_RE.match(s)
        pos = 0
        if m:
            raw = m["kind"].lower()
            for name, pat in KINDS:
                if re.fullmatch(pat, raw):
                    rec.kind = name
                    break
            pos = m.end()
        else:
            rec.kind = "document"
        n = NUMBER_RE.match(s[pos:])
        if n:
            rec.number = n["num"].rstrip(".")
            pos += n.end()
        rest = s[pos:]
        rest_off = pos
        if rec.kind in CONVERSATION_KINDS:
            return  # participants of a conversation are neither senders nor recipients
        if len(rest) > MAX_TITLE:
            self.flag("title", f"title longer than {MAX_TITLE} characters: senders and recipients not read from it",
                      s[:80] + "...", line, rec.title_span)
            return
        mm = re.match(r"^\s*(?:,\s*|:\s*|\s+from\s+|\s+of\s+|\s+by\s+)", rest, re.IGNORECASE)
        if not mm and rec.kind in CORRESPONDENCE_KINDS and re.match(r"\s+[A-Z]", rest) and " to " in rest:
            mm = re.match(r"\s+", rest)  # "Telegram Shtykov to Vyshinsky on a Luncheon"
        if not mm:
            return  # a title without sender/recipient
        rest_off += mm.end()
        rest = rest[mm.end():]
        # cut a trailing description ("..., transmitting a Message", " - Henry A. Wallace's visit")
        cut = TITLE_CUT.search(rest)
        if cut:
            rest = rest[: cut.start()]
        # "A to B"
        depth = 0
        to_at = None
        for k in range(len(rest)):
            c = rest[k]
            if c in "[(":
                depth += 1
            elif c in "])":
                depth = max(0, depth - 1)
            elif depth == 0 and rest.startswith(" to ", k):
                to_at = k
                break
            elif depth == 0 and k == 0 and rest.lower().startswith("to "):
                to_at = -1
                break
        base = line.start + lead + rest_off
        if to_at is None:
            senders_txt, recips_txt, r_off = rest, "", None
        elif to_at == -1:
            senders_txt, recips_txt, r_off = "", rest[3:], 3
        else:
            senders_txt, recips_txt, r_off = rest[:to_at], rest[to_at + 4:], to_at + 4
        for who, txt, off in (("senders", senders_txt, 0), ("recipients", recips_txt, r_off)):
            if not txt.strip() or off is None:
                continue
            # ", for Mao Zedong": B is an intermediary, Mao the recipient
            final = None
            fm = re.search(r",\s*for\s+(.+)$", txt)
            if fm and who == "recipients":
                final = (fm.start(1), fm.group(1))
                txt = txt[: fm.start()]
            # "(for the Politburo)": the final addressee
            for_refs: list[tuple[int, str]] = []
            for fm2 in list(FOR_RE.finditer(txt)):
                if who == "recipients":
                    for_refs += [(fm2.start("n") + foff, fp) for foff, fp in split_names(fm2["n"])]
                txt = txt[: fm2.start()] + " " * (fm2.end() - fm2.start()) + txt[fm2.end():]
            # "Cable from Tehran Nº 31343/31353": a number after the name
            nm = re.search(r"\s+(?:Nos?\.|Nº|№|#)\s*(?P<num>\d[\w/.-]*)\s*$", txt)
            if nm:
                if rec.number is None:
                    rec.number = nm["num"].rstrip(".")
                txt = txt[: nm.start()]
            # "(via Roshchin)", "[via Kovalev]", "via Molotov"
            for vm in list(VIA_RE.finditer(txt)):
                vname = vm["n"] or vm["m"]
                vstart = vm.start("n") if vm["n"] else vm.start("m")
                for voff, vpiece in split_names(vname):
                    ref, probs = parse_name(vpiece, base + off + vstart + voff)
                    rec.via.append(ref)
                    self.name_problems(f"via[{len(rec.via) - 1}]", probs, ref, line)
                txt = txt[: vm.start()] + " " * (vm.end() - vm.start()) + txt[vm.end():]
            refs = self.names(txt, base + off, who, line, getattr(rec, who))
            getattr(rec, who).extend(refs)
            for foff, fpiece in for_refs:
                ref, probs = parse_name(fpiece, base + off + foff)
                rec.recipients.append(ref)
                self.name_problems(f"recipients[{len(rec.recipients) - 1}]", probs, ref, line)
            if final is not None:
                moved = rec.recipients[-len(refs):] if refs else []
                del rec.recipients[len(rec.recipients) - len(refs):]
                rec.via.extend(moved)
                rec.recipients.extend(self.names(final[1], base + off + final[0], who, line, rec.recipients))
        # "Cable from Tehran": a sender that is a known place is where it was sent from
        if len(rec.senders) == 1 and rec.senders[0].name in PLACES and not rec.recipients:
            ref = rec.senders.pop()
            rec.sent_from, rec.sent_from_span = ref.name, ref.span

    def names(self, txt: str, offset: int, field: str, line: Line, existing: list[NameRef]) -> list[NameRef]:
        out: list[NameRef] = []
        honor, hlen = strip_honorific_list(txt.lstrip())
        lead = len(txt) - len(txt.lstrip())
        pieces = split_names(txt)
        for n, (off, piece) in enumerate(pieces):
            ref, probs = parse_name(piece, offset + off)
            if honor and honor.lower().rstrip(".") in ("cdes", "comrades") and n > 0 and ref.honorific is None:
                ref.honorific = honor
            if honor and n == 0 and off == lead and len(piece.strip()) <= hlen:
                continue
            out.append(ref)
            self.name_problems(f"{field}[{len(existing) + len(out) - 1}]", probs, ref, line)
        return out

    def name_problems(self, field: str, probs: list[str], ref: NameRef, line: Line) -> None:
        for p in probs:
            self.flag(field, p, ref.written, line, ref.span)

    # -- header, body, trailer -------------------------------------------------------------------------------
    def header_kind(self, s: str) -> str | None:
        if not s:
            return None
        if EVENT_RE.match(s):
            return "event"
        if len(s) < 120 and FROM_RE.match(s):
            return "from"
        if DEST_RE.match(s):
            return "destination"
        if COPIES_MADE_RE.match(s):
            return "copies"
        if N_COPIES_RE.match(s):
            return "ncopies"
        if DIST_RE.match(s):
            return "distribution"
        if TELNO_RE.match(s):
            return "telno"
        if DOCNO_RE.match(s):
            return "docno"
        if parse_date_line(s) is not None:
            return "dateline"
        if TIME_ONLY_RE.match(s):
            return "time"
        if s.lower().rstrip(".") in CLASSIFICATIONS or re.fullmatch(r"Special\s+No\.\s*\d[\w/-]*", s, re.I):
            return "classification"
        if re.fullmatch(r"\[handwritten:[^\]]*\]", s, re.IGNORECASE):
            return "handwritten"
        return None

    def parse_region(self, rec: DocumentRecord, a: int, b: int) -> None:
        roles: dict[int, str] = {}
        k = a
        numbered_ok = False
        while k < b:
            ln = self.lines[k]
            s = ln.s
            kind = self.header_kind(s)
            if kind is None and numbered_ok and NUMBERED_RE.match(s):
                self.numbered_entry(rec, ln)
                roles[k] = "header"
                k += 1
                continue
            numbered_ok = numbered_ok and kind is None and bool(NUMBERED_RE.match(s))
            if kind is None:
                if s:
                    roles[k] = "body"
                k += 1
                continue
            roles[k] = "header"
            if kind == "event":
                self.event(rec, ln)
            elif kind == "from":
                nxt = self.lines[k + 1] if k + 1 < b else None
                if nxt is not None and nxt.s and not self.header_kind(nxt.s) and \
                        re.match(r"(?:minutes?|hours?|[0-9]{1,2}[.:])", nxt.s) and len(nxt.s) < 40:
                    roles[k + 1] = "header"
                    self.from_line(rec, ln, nxt)
                    k += 2
                    continue
                self.from_line(rec, ln)
            elif kind == "destination":
                self.destination(rec, ln)
            elif kind == "copies":
                self.copies(rec, ln, COPIES_MADE_RE.match(s))
            elif kind == "ncopies":
                nm = N_COPIES_RE.match(s)
                self.copies(rec, ln, nm)
                numbered_ok = True
                if nm and nm["to"]:  # "Nº 2 to file"
                    lead = len(ln.text) - len(ln.text.lstrip())
                    ref, _ = parse_name(nm["to"], ln.start + lead + nm.start("to"))
                    if re.search(r"\bfile\b", ref.name, re.IGNORECASE):
                        ref.kind = "organization"
                    rec.distribution.append(DistributionEntry(
                        recipient=ref, copies=1, copy_number=int(nm["k"]), verbatim=nm["entry"],
                        span=Span(ln.start + lead + nm.start("entry"), ln.start + lead + nm.end("entry"))))
            elif kind == "distribution":
                k2 = k + 1
                while k2 < b and self.lines[k2].s and not self.header_kind(self.lines[k2].s) \
                        and not NUMBERED_RE.match(self.lines[k2].s) and k2 - k < 6:
                    roles[k2] = "header"
                    k2 += 1
                self.distribution(rec, ln, self.lines[k2 - 1])
                numbered_ok = not DIST_RE.match(s)["rest"].strip()  # type: ignore[index]
                k = k2
                continue
            elif kind == "telno":
                num = TELNO_RE.match(s)["n"]  # type: ignore[index]
                if rec.telegram_number and rec.telegram_number != num:
                    self.flag("telegram_number", f"a second telegram number {num!r}; kept {rec.telegram_number!r}",
                              s, ln, ln.stripped_span())
                else:
                    rec.telegram_number = num
            elif kind == "docno":
                num = DOCNO_RE.match(s)["n"]  # type: ignore[index]
                if rec.number is None:
                    rec.number = num
                elif rec.number != num:
                    self.flag("number", f"the page gives the number {num!r}; kept {rec.number!r} from the title",
                              s, ln, ln.stripped_span())
            elif kind in ("time", "dateline"):
                self.event(rec, ln, kind_override="issued")
            elif kind == "classification":
                rec.classification.append(s)
            k += 1
        body_idx = [i for i, r in roles.items() if r == "body"]
        # classification lines and numbers inside the body ("CIPHERED TELEGRAM No. 709", "TOP PRIORITY")
        if body_idx:
            first, last = min(body_idx), max(body_idx)
            rec.body_span = Span(self.lines[first].stripped_span().start, self.lines[last].stripped_span().end)
            rec.body = self.text[rec.body_span.start:rec.body_span.end]
            self.signatory(rec, [self.lines[i] for i in sorted(body_idx)])
        else:
            self.flag("body", "no body text (the page has no transcript)", "", None)
        self.notes(rec, a, b)
        if rec.body_span is not None:
            self.mentions(rec)
        self.check_distribution(rec)

    def event(self, rec: DocumentRecord, ln: Line, kind_override: str | None = None) -> None:
        s = ln.text
        m = EVENT_RE.match(s.lstrip())
        kind = kind_override or (EVENT_KIND.get(m["verb"].lower(), "other") if m else "other")
        idx = len(rec.events)
        ev = HeaderEvent(kind=kind, verbatim=ln.s, span=ln.stripped_span())  # type: ignore[arg-type]
        field = f"events[{idx}]"
        dates = find_dates(s)
        th = find_time(s)
        if th and any(d.start <= th.start < d.end for d in dates):
            th = None
        if dates:
            d = dates[0]
            ev.date = d.value
            if d.problem:
                self.flag(field + ".date", d.problem, d.verbatim, ln, ln.span(d.start, d.end))
        if th:
            ev.time = th.value
            for p in th.problems:
                self.flag(field + ".time", p, th.verbatim.strip(), ln, ln.span(th.start, th.end))
        cm = CLOCK_RE.search(s)
        if cm:
            ev.clock = cm["clock"] or cm["clock2"]
        pm = re.search(r"\b(?:in|at)\s+(?P<p>(?:the\s+)?(?:\d+\w*\s+)?[A-Za-z][\w’'./-]*(?:\s+[A-Z0-9][\w’'./-]*)*)", s)
        if pm and not re.match(r"(?:the\s+)?\d+[:.]", pm["p"]):
            place = pm["p"].strip().rstrip(".,")
            g = FOOTNOTE_GLUE.search(place)
            if g:
                self.flag(field + ".place", f"footnote reference {g.group(1)!r} glued to {place!r}: stripped",
                          place, ln, ln.span(pm.start("p"), pm.start("p") + len(place)))
                place = place[: g.start()] + place[g.end():]
            ev.place = place
        am = re.search(r"\bby\s+(?P<who>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*|(?:" + "|".join(MEANS_WORDS)
                       + r"))\b", s)
        if am:
            who = am["who"]
            if who.lower() in MEANS_WORDS:
                ev.means = "by " + who
            else:
                ref, probs = parse_name(who, ln.start + am.start("who"))
                ref.kind = "person"
                ev.agent = ref
                self.name_problems(field + ".agent", probs, ref, ln)
        if ev.kind == "sent" and ev.place is None and rec.sent_from:
            ev.place = rec.sent_from
        if kind_override == "issued" and ev.clock is None:
            tm = TIME_ONLY_RE.match(ln.s)
            if tm and tm["clock"]:
                ev.clock = tm["clock"].strip()
        if ev.date is None and ev.time is None:
            self.flag(field, "a transmission line with neither a date nor a time", ln.s, ln, ln.stripped_span())
        rec.events.append(ev)

    def from_line(self, rec: DocumentRecord, ln: Line, cont: Line | None = None) -> None:
        if cont is not None:  # "From BEIJING No. 1309 20 hours 05" + "minutes, 13.1.1951"
            ln = Line(ln.no, ln.start, self.text[ln.start:cont.end].replace("\r", " ").replace("\n", " "))
        m = FROM_RE.match(ln.text.lstrip())
        lead = len(ln.text) - len(ln.text.lstrip())
        assert m
        place = m["place"]
        sp = ln.span(lead + m.start("place"), lead + m.end("place"))
        if rec.sent_from and rec.sent_from != place:
            self.flag("sent_from", f"a second from-place {place!r}; kept {rec.sent_from!r}", ln.s, ln, sp)
        else:
            rec.sent_from, rec.sent_from_span = place, sp
        rest = ln.text[lead + m.end():]
        nm = re.search(r"No\.\s*(\d[\w/-]*)", rest)
        if nm and not rec.telegram_number:
            rec.telegram_number = nm.group(1)
        if find_time(rest) or find_dates(rest):
            self.event(rec, ln, kind_override="sent")
            rec.events[-1].place = place
        for ev in rec.events:
            if ev.kind == "sent" and ev.place is None:
                ev.place = place

    def destination(self, rec: DocumentRecord, ln: Line) -> None:
        m = DEST_RE.match(ln.text.lstrip())
        lead = len(ln.text) - len(ln.text.lstrip())
        assert m
        rec.destination = m["d"].strip()
        if m["w"] and not rec.recipients:
            ref, probs = parse_name(m["w"], ln.start + lead + m.start("w"))
            if ref.name.lower().startswith("sov"):
                ref.kind = "office"
            rec.recipients.append(ref)
            self.name_problems("recipients[0]", probs, ref, ln)

    def copies(self, rec: DocumentRecord, ln: Line, m: re.Match[str] | None) -> None:
        assert m
        raw = m["n"].rstrip(".,")
        lead = len(ln.text) - len(ln.text.lstrip())
        sp = ln.span(lead + m.start("n"), lead + m.start("n") + len(raw))
        if raw.lower() in NUMBER_WORDS:
            raw = str(NUMBER_WORDS[raw.lower()])
        if not raw.isdigit() or int(raw) > MAX_COPIES or int(raw) == 0:
            self.flag("copies_made", "not a plausible number of copies", raw, ln, sp)
            return
        if rec.copies_made is not None and rec.copies_made != int(raw):
            self.flag("copies_made", f"a second number of copies {raw}; kept {rec.copies_made}", raw, ln, sp)
            return
        rec.copies_made, rec.copies_span = int(raw), sp

    def distribution(self, rec: DocumentRecord, first: Line, last: Line) -> None:
        raw = self.text[first.start:last.end]
        flat = raw.replace("\r", " ").replace("\n", " ")
        m = DIST_RE.match(flat.lstrip())
        lead = len(flat) - len(flat.lstrip())
        assert m
        if m["n"]:
            n = int(m["n"])
            if rec.copies_made is None and 0 < n <= MAX_COPIES:
                rec.copies_made = n
                rec.copies_span = Span(first.start + lead + m.start("n"), first.start + lead + m.end("n"))
        rest = m["rest"]
        base = first.start + lead + m.start("rest")
        for piece in re.finditer(r"[^,;]+", rest):
            p = piece.group(0)
            if not p.strip() or not re.search(r"\w", p):
                continue
            if len(p) > 300:
                self.flag(f"distribution[{len(rec.distribution)}]", "too long for a distribution entry", p[:80] + "...",
                          first, None)
                continue
            pstart = base + piece.start() + (len(p) - len(p.lstrip()))
            body = p.strip().rstrip(".")
            cm = re.search(r"\s*(?:[-–—]\s*(?P<a>-?\d+)|\((?P<b>\d+)\))\s*$", body)
            copies = None
            name = body
            if cm:
                num = cm["a"] or cm["b"]
                name = body[: cm.start()].strip()
                if num.isdigit() and 0 < int(num) <= MAX_COPIES:
                    copies = int(num)
                else:
                    self.flag(f"distribution[{len(rec.distribution)}].copies", "not a plausible number of copies",
                              body, first, Span(pstart, pstart + len(body)))
            elif re.search(r"[-–—]\s*$", body):
                name = re.sub(r"\s*[-–—]\s*$", "", body)
            if not name or not re.search(r"[A-Za-z\u00C0-\u04FF]", name):
                self.flag(f"distribution[{len(rec.distribution)}]", "a distribution entry without a name", body,
                          first, Span(pstart, pstart + len(body)))
                continue
            ref, probs = parse_name(name, pstart)
            if re.search(r"\bfile\b", name, re.IGNORECASE):
                ref.kind = "organization"
            elif re.fullmatch(r"cop(?:y|ies)", name, re.IGNORECASE):
                ref.kind = "unknown"  # "Copy": a copy kept, no addressee
            entry = DistributionEntry(recipient=ref, copies=copies, verbatim=body, span=Span(pstart, pstart + len(body)))
            rec.distribution.append(entry)
            self.name_problems(f"distribution[{len(rec.distribution) - 1}].recipient", probs, ref, first)

    def numbered_entry(self, rec: DocumentRecord, ln: Line) -> None:
        m = NUMBERED_RE.match(ln.s)
        assert m
        lead = len(ln.text) - len(ln.text.lstrip())
        who = m["who"].rstrip(".")
        ref, probs = parse_name(who, ln.start + lead + m.start("who"))
        rec.distribution.append(DistributionEntry(recipient=ref, copies=1, copy_number=int(m["k"]), verbatim=ln.s,
                                                  span=ln.stripped_span()))
        self.name_problems(f"distribution[{len(rec.distribution) - 1}].recipient", probs, ref, ln)

    def check_distribution(self, rec: DocumentRecord) -> None:
        counts = [e.copies for e in rec.distribution]
        if rec.copies_made is not None and counts and all(c is not None for c in counts):
            total = sum(c for c in counts if c is not None)
            if total != rec.copies_made:
                self.flag("distribution", f"distribution copies add up to {total}, copies made is {rec.copies_made}",
                          ", ".join(e.verbatim for e in rec.distribution), None)

    def signatory(self, rec: DocumentRecord, body_lines: list[Line]) -> None:
        cands = [ln for ln in body_lines if ln.s and not NOTE_RE.fullmatch(ln.s)
                 and not re.match(r"(?:Spravka|Reference|Certificate)\b", ln.s)][-4:]
        found: list[NameRef] = []
        for ln in reversed(cands):
            ref = self._signature(ln)
            if ref is None:
                break
            found.insert(0, ref)
        rec.signatories.extend(found)

    def _signature(self, ln: Line) -> NameRef | None:
        cut = max(0, len(ln.text) - 200)  # a signature sits at the end of its line
        ln = Line(ln.no, ln.start + cut, ln.text[cut:])
        s = ln.text
        spaced = list(_LETTER_SPACED.finditer(s))
        if spaced:
            m = spaced[-1]
            return NameRef(written=m.group(0), name=m.group(0).replace(" ", ""), kind="person",
                           span=ln.span(m.start(), m.end()))
        # a name in capitals at the end of the line, maybe with a gloss: "GROMYKO", "FILIPPOV [Stalin].”"
        m2 = re.search(r"(?<![\w’'-])(?P<n>[A-Z][A-Z’'-]{2,}(?:\s+[A-Z][A-Z’'-]{1,})*)(?P<g>\s*\[[^\]]*\])?"
                       r"[\s.,;:”\"'’]*$", s)
        if m2 and m2["n"].upper() not in ACRONYMS_ORG and m2["n"].lower() not in STOP_CAPS \
                and not (m2["n"].upper() == s.strip().upper() and len(s.split()) > 4) \
                and re.search(r"(?:^|[.:;!?\]”]|\d)\s*$", s[: m2.start("n")]):
            w = m2.group("n") + (m2["g"] or "")
            ref, _ = parse_name(w, ln.start + m2.start("n"))
            ref.kind = "person"
            return ref
        return None

    def notes(self, rec: DocumentRecord, a: int, b: int) -> None:
        for ln in self.lines[a:b]:
            for m in NOTE_RE.finditer(ln.text):
                inner = m["inner"]
                if EMAIL_OBFUSCATED.fullmatch(m.group(0)):
                    self.flag("body", "e-mail address obfuscated by the page scraper", m.group(0), ln,
                              ln.span(m.start(), m.end()))
                    continue
                kind, content = classify_note(inner)
                note = EditorialNote(kind=kind, text=content, verbatim=m.group(0), span=ln.span(m.start(), m.end()))
                if kind in ("gloss", "transliteration"):
                    note.target = gloss_target(ln.text[: m.start()])
                if kind == "handwritten":
                    for d in find_dates(content):
                        if d.value:
                            rec.handwritten_dates.append(d.value)
                        else:
                            self.flag("handwritten_dates", d.problem or "bad date", d.verbatim, ln, note.span)
                rec.notes.append(note)

    def mentions(self, rec: DocumentRecord) -> None:
        assert rec.body_span is not None
        body, off = rec.body, rec.body_span.start
        cands: list[tuple[int, int, str]] = []  # (start, end, kind) in the order found
        by_end: dict[int, tuple[str, str]] = {}  # end offset -> (text, kind) of the first candidate ending there

        def add(a: int, b: int, kind: str) -> None:
            a2, b2 = off + a, off + b
            cands.append((a2, b2, kind))
            by_end.setdefault(b2, (self.text[a2:b2], kind))

        for m in _HONORIFIC_NAMES.finditer(body):
            names = m["names"]
            for sm in re.finditer(r"[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*", names):
                n = sm.group(0)
                if n.lower() in ("and",):
                    continue
                add(m.start("names") + sm.start(), m.start("names") + sm.end(), "person")
        for m in _PLACE_RE.finditer(body):
            w = m.group(0)
            if w[0].isupper():
                add(m.start(), m.end(), "place")
        # words the scraper ran together: "andKorea", "Seoulthe" (flagged; the place inside is still a mention)
        for m in _GLUED_LOWER_UPPER.finditer(body):
            self.flag("body", "words run together (scraping noise): kept as written", m.group(0),
                      rec.line_of(off + m.start()), Span(off + m.start(), off + m.end()))
            if m.group(2) in PLACES:
                add(m.start(2), m.end(2), "place")
        for m in _GLUED_PLACE_WORD.finditer(body):
            self.flag("body", "words run together (scraping noise): kept as written", m.group(0),
                      rec.line_of(off + m.start()), Span(off + m.start(), off + m.end()))
            add(m.start(1), m.end(1), "place")
        for m in ORG_PHRASES.finditer(body):
            add(m.start(), m.end(), "organization")
        for m in _CAPS_NAME.finditer(body):
            w = m.group(0)
            lead = re.match(r"(?:(?:TO|FROM|DEAR|COMRADES?|CDES?\.?|COMR\.?|AND|OF|THE|FOR|WITH|MR\.?)[ \t]+)+", w)
            if lead:
                w = w[lead.end():]
                m = re.compile(re.escape(w)).search(body, m.start() + lead.end())  # type: ignore[assignment]
                if not w or m is None:
                    continue
            if w.upper() in ACRONYMS_ORG:
                add(m.start(), m.end(), "place" if w in COUNTRY_ACRONYMS else "organization")
                continue
            words = w.split()
            if len(w.replace(" ", "")) < 4 or w.lower() in STOP_CAPS or any(x.lower() in STOP_CAPS for x in words
                                                                              if len(words) == 1):
                continue
            if any(len(x) < 2 or x.strip("’'-") in CAPS_NOT_NAMES for x in words):
                continue
            add(m.start(), m.end(), "person")
        for note in rec.notes:
            if note.kind != "gloss" or note.span is None or not (off <= note.span.start < off + len(body)):
                continue
            target = note.target
            kind = None
            for gap in (0, 1, 2):
                hit = by_end.get(note.span.start - gap)
                if target and hit and hit[0] == target:
                    kind = hit[1]
                    break
            if kind:
                a = note.span.start + 1 - off
                add(a, a + len(note.text), kind)
        # one mention per span; a span inside a longer one is dropped (sweep, n log n)
        order = sorted(range(len(cands)), key=lambda i: (cands[i][0], -cands[i][1], i))
        max_end = -1
        seen: set[tuple[int, int]] = set()
        for i in order:
            a2, b2, kind = cands[i]
            if (a2, b2) in seen or b2 <= max_end:
                continue
            seen.add((a2, b2))
            max_end = max(max_end, b2)
            rec.mentions.append(Mention(text=self.text[a2:b2], kind=kind, span=Span(a2, b2)))  # type: ignore[arg-type]

    # -- document information --------------------------------------------------------------------------------
    def parse_info(self, rec: DocumentRecord, start: int) -> None:
        lines = self.lines
        n = len(lines)
        keys_at = {k: lines[k].s for k in range(start, n) if lines[k].s in META_KEYS}

        def value_after(k: int) -> Line | None:
            j = self.next_nonblank(k + 1)
            if j is None or lines[j].s in META_KEYS:
                return None
            return lines[j]

        # citation: the first paragraph after "Document Information" (or "Source") that is not rights text
        cit_line = None
        for k, key in keys_at.items():
            if key in ("Document Information", "Source"):
                v = value_after(k)
                if v is not None and not RIGHTS_START.match(v.s):
                    cit_line = v
                    break
        if cit_line is not None:
            self.citation(rec, cit_line)
        # rights
        r0 = None
        for k in range(start, n):
            if RIGHTS_START.match(lines[k].s):
                r0 = k
                break
        if r0 is None:
            for k, key in keys_at.items():
                if key == "Rights" and (v := value_after(k)) is not None:
                    r0 = v.no - 1
                    break
        if r0 is None:
            after = cit_line.no if cit_line is not None else start
            for k in range(after, n):
                s = lines[k].s
                if s in META_KEYS and s not in ("Original Archive", "Rights", "Source", "Document Information"):
                    break
                if s and s not in META_KEYS and RIGHTS_WORDS.search(s):
                    r0 = k
                    break
        if r0 is not None:
            r1 = r0
            k = r0 + 1
            while k < n and lines[k].s not in META_KEYS:
                if lines[k].s:
                    r1 = k
                k += 1
            sp = Span(lines[r0].stripped_span().start, lines[r1].stripped_span().end)
            rec.rights, rec.rights_span = self.text[sp.start:sp.end], sp
            for ln in lines[r0:r1 + 1]:
                for em in EMAIL_OBFUSCATED.finditer(ln.text):
                    self.flag("rights", "e-mail address obfuscated by the page scraper; the address is unknown",
                              em.group(0), ln, ln.span(em.start(), em.end()))
        else:
            self.flag("rights", "no rights statement on the page", "", None)
        for k, key in keys_at.items():
            v = value_after(k)
            if v is None:
                continue
            if key == "Record ID":
                if re.fullmatch(r"[\w-]{1,40}", v.s):
                    rec.record_id = v.s
                else:
                    self.flag("record_id", "not a record identifier", v.s, v, v.stripped_span())
            elif key == "Original Uploaded Date":
                ds = find_dates(v.s)
                if ds and ds[0].value:
                    rec.original_uploaded = ds[0].value
                else:
                    self.flag("original_uploaded", "not a date", v.s, v, v.stripped_span())
            elif key == "Type":
                rec.doc_type = v.s
            elif key == "Language":
                rec.language = v.s

    def citation(self, rec: DocumentRecord, ln: Line) -> None:
        s = ln.text
        lead = len(s) - len(s.lstrip())
        body = s.strip()
        tm = TRANSLATED_RE.search(body)
        cit_end = len(body)
        if tm:
            names = tm["names"].strip().rstrip(".")
            noff = ln.start + lead + tm.start("names")
            for off, piece in split_names(names):
                ref, probs = parse_name(piece, noff + off)
                ref.kind = "person"
                rec.translators.append(ref)
                self.name_problems(f"translators[{len(rec.translators) - 1}]", probs, ref, ln)
            cit_end = tm.start()
        cit = body[:cit_end].rstrip()
        if not cit:
            return
        rec.citation_verbatim = cit
        base = ln.start + lead
        parts = re.split(r"(;\s*(?:and\s+)?|,?\s+and\s+(?=(?:[A-Z]{2,}|Archive|Library)\b))", cit)
        pos = 0
        for idx, part in enumerate(parts):
            if idx % 2 == 1:
                pos += len(part)
                continue
            if part.strip():
                c = parse_citation_part(part.strip().rstrip("."))
                a = base + pos + (len(part) - len(part.lstrip()))
                c.span = Span(a, a + len(c.verbatim))
                if c.repository is None:
                    self.flag(f"citations[{len(rec.citations)}].repository", "no repository named in this part",
                              c.verbatim, ln, c.span)
                rec.citations.append(c)
            pos += len(part)


def classify_note(inner: str) -> tuple[NoteKind, str]:
    s = inner.strip()
    low = s.lower()
    for prefix, kind in (("handwritten:", "handwritten"), ("inserted by hand:", "inserted_by_hand"),
                         ("translator's note:", "translator_note"), ("translator’s note:", "translator_note"),
                         ("translators note:", "translator_note"), ("editor's note:", "other"),
                         ("editor’s note:", "other"), ("stamp:", "stamp"), ("stamp", "stamp")):
        if low.startswith(prefix):
            return kind, s[len(prefix):].strip()  # type: ignore[return-value]
    m = re.match(r"in (?:the )?[\w-]+ translation:\s*", s, re.IGNORECASE)
    if m:
        return "translation", s[m.end():].strip()
    if re.fullmatch(r"(?:\.\.\.|…|\.\s\.\s\.)", s):
        return "elision", s
    if low in ("illegible", "illegible word", "illegible words") or low.startswith("illegible"):
        return "illegible", s
    if low in ("sic", "?", "sic!"):
        return "other", s
    if re.fullmatch(r"[a-z][a-z'’-]{3,}(?:\s[a-z][a-z'’-]+)?", s) and (
            _TRANSLIT_HINT.search(s) or (" " not in s and len(s) >= 5 and not s.endswith(_ENGLISH_ENDINGS))):
        return "transliteration", s
    return "gloss", s


def gloss_target(before: str) -> str | None:
    b = before[-200:].rstrip()
    if not b:
        return None
    m = re.search(r"(?:[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+)*)$", b)
    if m and len(m.group(0)) >= 2:
        return m.group(0)
    m = re.search(r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)$", b)
    if m:
        return m.group(0)
    m = re.search(r"[\w’'.:-]+$", b)
    return m.group(0).rstrip(".,") if m else None


_CIT_KEYS = [
    ("fond", r"(?:f\.|fond|fund|fonds)"), ("opis", r"(?:op\.|opis|inventory)"),
    ("delo", r"(?:d\.|delo|file|dossier)"), ("papka", r"(?:p\.|papka|folder)"),
    ("folios", r"(?:ll\.|l\.|listy|listi|list|pages|pp\.|sheets?)"),
]


def parse_citation_part(part: str) -> ArchivalCitation:
    c = ArchivalCitation(verbatim=part)
    chunks = [x.strip() for x in part.split(",")]
    rest: list[str] = []
    for ch in chunks:
        hit = False
        for key, pat in _CIT_KEYS:
            m = re.fullmatch(pat + r"\s*(?P<v>.+)", ch, re.IGNORECASE)
            if m:
                setattr(c, key, m["v"].strip().rstrip("."))
                hit = True
                break
        if not hit:
            rest.append(ch)
    if rest:
        c.repository = rest[0] or None
        others = rest[1:]
        coll: list[str] = []
        for ch in others:
            if re.search(r"\bDivision\b", ch):
                c.division = ch
            elif re.fullmatch(r"[a-z]{1,4}\d{5,}|[A-Z]{1,5}[-\s]?\d[\w.-]*", ch) and c.identifier is None:
                c.identifier = ch
            else:
                coll.append(ch)
        if coll:
            c.collection = ", ".join(coll)
    return c


def parse_page(text: str, *, path: str, meta: dict[str, Any] | None = None) -> DocumentRecord:
    """Parse one archive page. Raises :class:`IngestError` (naming file, line, field) if it cannot be read."""
    return _Parser(text, path, meta).parse()


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
