"""The kind of a document read from cues outside the title's kind word: a heading among the first lines of the
text ("NOTE", "V e r m e r k", "Record of Conversation between A and B", "Meeting, record of conversation",
"CIPHERED TELEGRAM", "(Speech given by X at ...)"). A title with no kind word takes the heading's kind; a title that
names only a meeting or a conversation takes the record's form (docs/page-fields.md, kind)."""

from __future__ import annotations

import re

from kg.ingest.wilson.offices import kind_name
from kg.ingest.wilson.page import PageBase
from kg.ingest.wilson.vocab import BOILERPLATE, CONVERSATION_KINDS, END_MARKERS, KIND_RE
from kg.records import DocumentRecord

# "V e r m e r k", "N o t e": a heading written letter-spaced
_LETTER_SPACED = re.compile(r"^(?:\w ){2,}\w$")
# "[Page 1]", "[Translation]", "English translation:": the editors' lines above the text
_EDITORS_LINE = re.compile(r"^\[(?:Page|p\.)\s*\d+\]$|^\[?(?:(?:English|Unofficial|Draft)\s+)?translation\]?:?$|"
                           r"^\[?(?:stamp|seal|handwritten)[^\]]*\]?$|^[-–—*•]+$", re.IGNORECASE)
# after a heading's kind phrase: nothing, or the words that start what it is on, by whom, between whom
_AFTER_KIND = re.compile(r"^\s*(?:[.:]?\s*$|\s(?:(?:on|of|about|regarding|concerning|from|to|by|between|with|for|given|"
                         r"delivered|made|held|taken|written|presented)\b|no\.|nº|#))", re.IGNORECASE)
# a verb: the line is a sentence of the text ("Reports of the harvest were late"), not a heading
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|shall|would|should|can|could|did|does|do)\b", re.IGNORECASE)
# a record's form word alone over a text whose title names only the meeting: the form of record
_FORM_ALONE = {"note": "record of conversation", "notes": "record of conversation", "record": "record of conversation",
               "working notes": "record of conversation", "workingnotes": "record of conversation",
               "vermerk": "record of conversation", "aufzeichnung": "record of conversation",
               "memorandum": "memorandum of conversation", "memo": "memorandum of conversation",
               "minutes": "minutes of conversation", "protocol": "minutes of conversation", "transcript": "transcript"}
RECORD_FORMS = ("record of conversation", "memorandum of conversation", "minutes of conversation", "transcript")
_RECORD_FORM = re.compile(r"(?P<k>Notes?|Record|Minutes|Memorandum|Transcript|Vermerk|Protocol|Stenographic\s+record)\s+"
                          r"(?:of|on|über|ueber|about|from)\s+(?:a\s+|the\s+|das\s+|ein\s+|die\s+|the\s+official\s+)?"
                          r"(?:conversations?|talks?|meeting|discussions?|gespr[äa]ch|unterredung)\b", re.IGNORECASE)


# a series' name before a heading's kind word ("Testland Information No. 34069") and the number after it
_SERIES = re.compile(r"(?:[A-Z][\w’'-]*\s+)?[A-Z][\w’'-]*")
_SERIES_NO = re.compile(r"\s+(?:No\.?|Nº|№|#)\s*\d")


def record_form(body: str) -> str | None:
    """The form of record the first lines of a text give ("[Notes of the conversation between ...", "V e r m e r k"
    / "über das Gespräch des ..."), as a kind, or None: a title that names only the meeting takes it."""
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()][:6]
    lines = [ln.replace(" ", "") if _LETTER_SPACED.match(ln) else ln for ln in lines]
    for i in range(len(lines)):
        m = _RECORD_FORM.match(" ".join(lines[i: i + 2]).lstrip("[ "))
        if m:
            k = m["k"].lower()
            return "minutes of conversation" if k in ("minutes", "protocol") else "memorandum of conversation" \
                if k == "memorandum" else "transcript" if k.startswith(("transcript", "stenographic")) \
                else "record of conversation"
    return None


def heading_kind(line: str) -> tuple[str, str] | None:
    """The kind a heading line names, and the words after its kind phrase: "NOTE" -> ("note", ""), "Record of
    Conversation between A and B" -> ("record of conversation", " between A and B"), "(Speech given by X)" ->
    ("speech", " given by X"), "Meeting, record of conversation" -> the record's form. None for a line of text
    ("Note: the text is damaged", "The report was read ...")."""
    t = line.strip()
    if len(t) > 200:
        return None
    if re.fullmatch(r"\((.+)\)|\[(.+)\]", t):
        t = t[1:-1].strip()
    if _LETTER_SPACED.match(t):
        t = t.replace(" ", "")
    alone = _FORM_ALONE.get(t.lower().rstrip(".:"))
    if alone is not None and " " in t.strip() and KIND_RE.match(t) is not None and KIND_RE.match(t)["pre"].strip():
        return "note", ""  # "Working Notes": a form of record alone
    parts = [p.strip() for p in t.split(",")] if "," in t and len(t) < 80 else [t]
    found: list[tuple[str, str]] = []
    for part in parts:
        km = KIND_RE.match(part)
        if km is not None and km["pre"].strip() and _SERIES.fullmatch(km["pre"].strip()) and \
                _SERIES_NO.match(part[km.end():]):
            pass  # "Testland Information No. 34069": a series' name, its kind word and its number
        elif km is None or km["pre"].strip():
            return None
        kind = kind_name(km["kind"])
        rest = part[km.end():]
        if kind is None or not _AFTER_KIND.match(rest) or (len(parts) > 1 and rest.strip()) or _VERB.search(rest):
            return None
        found.append((kind, rest))
    if not found:
        return None
    if alone is not None and found[0][0] in ("note", "memorandum", "minutes", "protocol", "transcript", "document"):
        return found[0][0], ""
    forms = [f for f in found if f[0] in RECORD_FORMS]
    return forms[0] if forms else found[0]


class KindCueMixin(PageBase):
    def kind_from_headings(self, rec: DocumentRecord, a: int) -> None:
        """A heading among the first lines of the text names the kind when the title does not: a title with no
        kind word takes it (not a conversation's kind when the title names a sender or an addressee); a title
        naming only a meeting or a conversation takes the record's form ("V e r m e r k", "NOTE",
        "Memorandum of Conversation"). The scan stops where the text begins (a sentence, a long line)."""
        if rec.kind not in ("document", "meeting", "conversation"):
            return
        title = " ".join((rec.title or "").split()).casefold()
        seen = 0
        for ln in self.lines[a:]:
            s = ln.s
            if not s or BOILERPLATE.match(s) or _EDITORS_LINE.match(s) or " ".join(s.split()).casefold() == title:
                continue
            if END_MARKERS.match(s) or seen >= 8 or len(s) > 200 or (
                    len(s.split()) >= 8 and re.search(r"[a-z)\]]\s*[.!?][\"”’]?$", s) and not s.startswith("(")):
                return
            seen += 1
            hk = heading_kind(s)
            if hk is None:
                continue
            kind, rest = hk
            if rec.kind in ("meeting", "conversation"):
                word = re.sub(r"\s+", "", s.strip("()[] ").lower()).rstrip(".:")
                form = kind if kind in RECORD_FORMS else _FORM_ALONE.get(word) if not rest.strip() else None
                if form is not None:
                    rec.kind = form  # type: ignore[assignment]
                return
            if kind in CONVERSATION_KINDS and (rec.senders or rec.recipients):
                return  # "A to B" over a record of a conversation: a covering letter's title, left as it is
            rec.kind = kind  # type: ignore[assignment]
            self.flag("kind", f"no kind word in the title: the kind was read from the text's heading ({kind})", s, ln,
                      ln.stripped_span())
            if kind in CONVERSATION_KINDS and rest.strip() and not rec.participants:
                at = ln.start + ln.lead + s.find(rest.strip()) - 1
                self.conversation_title(rec, " " + rest.strip(), at)  # type: ignore[attr-defined]
            return
