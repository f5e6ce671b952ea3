"""Addressees named in the text: "To:"/"From:" lines of a telegram form, "To Comrade X" lines, a letter's "To His
Excellency" block and inside address above its salutation, a "Destination:" line."""

from __future__ import annotations

import re

from kg.ingest.common import parse_name
from kg.ingest.wilson.offices import strip_role
from kg.ingest.wilson.page import Line, PageBase
from kg.ingest.wilson.sentfrom import is_place
from kg.ingest.wilson.vocab import (
    ADDRESS_RE,
    CONVERSATION_KINDS,
    DEST_RE,
    HANDLING_TAIL,
    TO_LINE,
)
from kg.records import DocumentRecord


def _is_place(name: str) -> bool:
    return is_place(name)


# "Dear Comrade Liebermann!", "Dear Mr. Testov,": a letter's salutation
SALUTATION = re.compile(r"^Dear\s+(?:(?:Comrades?|Cde\.?|Comr\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Professor|Ambassador|Minister|"
                        r"Secretary|Chairman|General)\s+)*(?P<n>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s*[!,:.]?$")

# an inside address's line naming the addressee: "Comrade Helmut Liebermann", "Comrade H e g e n", "Mr. A. Testov"
ADDRESS_PERSON = re.compile(r"^(?:Comrade|Cde\.?|Comr\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Genosse|Herrn?)\s+"
                            r"(?P<who>(?:[A-Z]\.\s*)*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}|(?:[A-Z] ){2,}[A-Z]|[A-Z](?: [a-z]){2,})\s*,?$")

# "Comrade ", "Cde. ": a form of address just before a name
FORM_OF_ADDRESS_BEFORE = re.compile(r"(?:Comrades?|Cde\.?|Comr\.?|Com\.|Tov\.?|Genosse|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+$")

# "Head E. Testowski", "Director A. B. Testov": the head of the office named on the line above, in an address block
OFFICE_HEAD_LINE = re.compile(r"^(?P<role>Head|Director|Chief|Minister|Deputy\s+Minister|Vice[- ]Minister|Ambassador)\s+"
                              r"(?P<who>(?:[A-Z]\.\s?){1,2}[A-Z][\w’'?-]+|[A-Z][a-z’'?-]+\s+[A-Z][\w’'?-]+)$")
# "To His Excellency" (then the office on the next line), "To His Excellency the Minister of Foreign Affairs"
EXCELLENCY_RE = re.compile(r"^To\s+(?:His|Her|Your|Their)\s+Excellenc(?:y|ies)\b[,:]?\s*(?P<who>.*)$")

# ", Second Direction – Relations", ", 3rd Department": a unit of the body or the office named before it
UNIT_AFTER = re.compile(r",\s*(?:(?:First|Second|Third|Fourth|Fifth|Sixth|\d{1,2}(?:st|nd|rd|th)|the)\s+)?"
                        r"(?:Direction|Directorate|Department|Division|Section|Bureau)\b")
ORG_NAME = re.compile(r"\b(?:Ministry|Embassy|Committee|Department|Office|Government|Legation|Consulate|Directorate)\b")


class AddressMixin(PageBase):
    def address_line(self, rec: DocumentRecord, ln: Line, places_only: bool = False) -> None:
        """ "To: Krajewski": the addressee when the title names none; "From: [Ambassador X] Y": the writer.
        ``places_only``: a record of a conversation names no writer or addressee; a sending post still counts."""
        m = ADDRESS_RE.match(ln.text.lstrip())
        assert m
        to = m["label"].lower() not in ("from", "sender")
        field = "recipients" if to else "senders"
        if places_only:
            who = m["who"].strip().rstrip(".,")
            if not to and _is_place(who) and rec.sent_from is None:
                at = ln.lead + m.start("who")
                rec.sent_from, rec.sent_from_span = who, ln.span(at, at + len(who))
            return
        if getattr(rec, field) and not (to and rec.kind in ("letter", "report", "note", "memorandum") and all(
                ORG_NAME.search(r.name) for r in rec.recipients)):
            # the title named them already (a letter to a ministry may still name the person it is for here)
            return
        lead = ln.lead
        who = HANDLING_TAIL.sub("", m["who"])
        # editors' insertions in brackets ("[Ambassador Edward] DROŻNIAK2") and footnote numbers are not the name
        who = re.sub(r"\[[^\]]*\]", lambda x: " " * len(x.group(0)), who)
        who = re.sub(r"(?<=[^\W\d])\d{1,2}\b", lambda x: " " * len(x.group(0)), who)
        who = re.split(r"\s+-\s+", who)[0]  # "DROŻNIAK - WASHINGTON": the place it went to
        if not re.search(r"[^\W\d_]", who):
            return
        if not to and _is_place(who.strip().rstrip(".,")):  # "Sender: Pyongyang": the sending post, not a writer
            if rec.sent_from is None:
                place = who.strip().rstrip(".,")
                rec.sent_from = place
                rec.sent_from_span = ln.span(lead + m.start("who"), lead + m.start("who") + len(place))
            return
        um = UNIT_AFTER.search(who)
        if um is not None and ORG_NAME.search(who[: um.start()]) and "," not in who[: um.start()]:
            # "To: the Ministry of Foreign Affairs, Second Direction – Relations": one body and its unit
            body = who.strip().rstrip(".,")
            ref, _ = parse_name(body, ln.start + lead + m.start("who") + (len(who) - len(who.lstrip())))
            ref.written, ref.name, ref.identified_as, ref.kind = body, body, None, "organization"
            getattr(rec, field).append(ref)
            return
        # "To: Comrade X, First Direction – Relations": the unit after the name is where he works
        who = re.sub(r",\s*(?:(?:First|Second|Third|Fourth|Fifth|Sixth|\d{1,2}(?:st|nd|rd|th)|the)\s+)?"
                     r"(?:Direction|Directorate|Department|Division|Section|Bureau)\b.*$",
                     lambda x: " " * len(x.group(0)), who)
        om = re.match(r"^(?P<office>[^,]{3,120}),\s*(?:Comrade|Cde\.?|Com\.)\s+(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
                      r"\s*$", who.strip())
        if om and re.search(r"\b(?:Member|Secretary|Minister|Chairman|Head|Director|Ambassador|Deputy)\b", om["office"]):
            # "To: Member of Politburo and Secretary of the CC, Comrade Hermann Axen": his offices, then the name
            at = who.find(om["name"])
            refs = self.names(om["name"], ln.start + lead + m.start("who") + at, field, ln, getattr(rec, field))
            for r in refs:
                r.role, r.kind = om["office"].strip(), "person"
        else:
            refs = self.names(who, ln.start + lead + m.start("who"), field, ln, getattr(rec, field))
        if getattr(rec, field):  # after the title's ministry: only a person named here, once
            known = {r.name for r in getattr(rec, field)}
            refs = [r for r in refs if r.kind == "person" or (r.role and r.name not in known)]
        # "To: Ambassador to China": an office and a place, no name to read
        getattr(rec, field).extend(r for r in refs if not re.match(r"[a-z]", r.name) or re.match(r"the\s+[A-Z]", r.name))

    def addressee(self, rec: DocumentRecord, ln: Line, who: str) -> None:
        lead = ln.lead
        at = ln.text.lstrip().find(who)
        refs = self.names(who, ln.start + lead + max(at, 0), "recipients", ln, rec.recipients)
        rec.recipients.extend(r for r in refs if not re.match(r"[a-z]", r.name) or r.name.startswith("the "))

    def to_head(self, rec: DocumentRecord, ln: Line, m: re.Match[str]) -> None:
        """ "[To the] Ministry of Foreign Affairs and the Second Department of the General Staff:", "To Foreign
        Minister Testov from Chargé d'Affaires Examplov": the addressees over the text, when the title names none
        (several joined by "and the", ", and"; an office before a name is his role)."""
        if rec.recipients:
            return
        who, at = m["who"].strip().rstrip(".,"), ln.start + ln.lead + m.start("who")
        # "... committees with copies to all military districts": those sent copies are not its addressees
        who = re.split(r",?\s+(?:with\s+(?:a\s+)?cop(?:y|ies)|(?:and\s+)?cop(?:y|ies))\s+to\s", who)[0]
        starts = [0] + [j.end() for j in re.finditer(r"\s+and\s+(?=the\s|Comrades?\s)|,\s+and\s+|;\s+", who)]
        ends = [j.start() for j in re.finditer(r"\s+and\s+(?=the\s|Comrades?\s)|,\s+and\s+|;\s+", who)] + [len(who)]
        for p0, p1 in zip(starts, ends, strict=True):
            text = who[p0:p1].strip()
            if not text or _is_place(text):
                continue
            name, role = strip_role(text)
            if not name:
                continue
            ref, _ = parse_name(name, at + p0 + text.rfind(name))
            ref.written, ref.role = text if role is None else name, role
            if re.search(r"\b(?:Ministry|Department|Committee|Division|Office|Bureau|Embassy|Directorate|Council|"
                         r"Staff|Government|Headquarters|Section|Center|Centre)\b", text):
                ref.kind = "organization"
            else:
                ref.kind = "person"
            rec.recipients.append(ref)

    def to_line(self, rec: DocumentRecord, ln: Line) -> None:
        """ "To Comrade X", "To [Foreign Minister X]", "To [Foreign Minister] Comrade X:": the addressee, when the
        title names none (an office in the editors' brackets is his role)."""
        if rec.recipients:
            return
        m = TO_LINE.match(ln.s)
        assert m
        lead = ln.lead
        if m["who"]:
            name, role = strip_role(m["who"])  # "[To] Ambassador Wang": his office, then his name
            if not name or role is not None and name == m["who"]:
                return
            at = m.start("who") + m["who"].rfind(name)
            hm = FORM_OF_ADDRESS_BEFORE.search(ln.s[:at]) if role is None else None
            if hm is not None:  # "To Comrade Testov": the name keeps its form of address as written
                ref, _ = parse_name(ln.s[hm.start():at] + name, ln.start + lead + hm.start())
            else:
                ref, _ = parse_name(name, ln.start + lead + at)
            role = m["br"] or role
        else:
            name, role = strip_role(m["br"])
            if role is None or not name:
                return
            at = m.start("br") + m["br"].rfind(name)
            ref, _ = parse_name(name, ln.start + lead + at)
        if _is_place(ref.name):
            return
        ref.kind, ref.role = "person", role
        rec.recipients.append(ref)

    def excellency(self, rec: DocumentRecord, k: int, b: int, roles: dict[int, str]) -> int:
        """A letter's address block: "To His Excellency" / "the Minister of Foreign Affairs" / "The Hague". The
        office (or name) on the same or the next line is the addressee; a place on the line after it is where the
        letter went. Returns the index of the first line after the block."""
        ln = self.lines[k]
        roles[k] = "header"
        m = EXCELLENCY_RE.match(ln.s)
        assert m
        who_ln, who = ln, (m["who"] or "").strip()
        j = k + 1
        if not who:
            while j < b and not self.lines[j].s:
                j += 1
            if j < b and len(self.lines[j].s) < 80 and not self.header_kind(self.lines[j].s) and \
                    not self.lines[j].s.endswith("."):
                who_ln, who = self.lines[j], self.lines[j].s
                roles[j] = "header"
                j += 1
        if who and not rec.recipients:
            self.addressee(rec, who_ln, who.rstrip(","))
        p = j
        while p < b and not self.lines[p].s:
            p += 1
        if p < b and _is_place(self.lines[p].s.rstrip(".,")):
            roles[p] = "header"
            if rec.destination is None:
                rec.destination = self.lines[p].s.rstrip(".,")
            j = p + 1
        return j

    def destination(self, rec: DocumentRecord, ln: Line) -> None:
        m = DEST_RE.match(ln.text.lstrip())
        lead = ln.lead
        assert m
        rec.destination = m["d"].strip()
        if m["w"] and not rec.recipients:
            ref, probs = parse_name(m["w"], ln.start + lead + m.start("w"))
            if ref.name.lower().startswith("sov"):
                ref.kind = "office"
            rec.recipients.append(ref)
            self.name_problems("recipients[0]", probs, ref, ln)

    def inside_address(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A letter or report with an inside address above its salutation ("Ministry for Foreign Affairs" /
        "Comrade Helmut Liebermann" / "Berlin" / "Dear Comrade Liebermann!"): the person it greets, named in full
        in the address, is the addressee (when the title names none)."""
        if rec.recipients or rec.kind in CONVERSATION_KINDS or rec.kind == "diary":
            return
        nonblank = [k for k in range(a, b) if self.lines[k].s][:16]
        for i, k in enumerate(nonblank[:8]):
            # "Ministry of Foreign Affairs" / "Eastern Department" / "Head E. Testowski": an address block with no
            # salutation, an office's head named under his office
            om = OFFICE_HEAD_LINE.match(self.lines[k].s)
            if om and i > 0 and len(self.lines[nonblank[i - 1]].s) < 60 and \
                    ORG_NAME.search(self.lines[nonblank[i - 1]].s):
                ln = self.lines[k]
                lead = ln.lead
                ref, _ = parse_name(om["who"], ln.start + lead + om.start("who"))
                ref.kind, ref.role = "person", om["role"]
                rec.recipients.append(ref)
                return
        for i, k in enumerate(nonblank):
            sm = SALUTATION.match(self.lines[k].s)
            if sm is None:
                continue
            last = sm["n"].split()[-1]
            for k2 in reversed(nonblank[max(0, i - 8):i]):
                ln = self.lines[k2]
                am = ADDRESS_PERSON.match(ln.s)
                if am is None:
                    continue
                spaced = re.fullmatch(r"(?:[A-Z] ){2,}[A-Z]|[A-Z](?: [a-z]){2,}", am["who"])
                who = am["who"].replace(" ", "") if spaced else am["who"]
                if who.split()[-1] != last:
                    continue
                lead = ln.lead
                if spaced:
                    ref, _ = parse_name(who, ln.start + lead + am.start("who"))
                    ref.span = ln.span(lead + am.start("who"), lead + am.end("who"))
                else:  # "Comrade Helmut Liebermann": the name keeps its form of address as written
                    ref, _ = parse_name(ln.s[: am.end("who")], ln.start + lead)
                ref.kind = "person"
                rec.recipients.append(ref)
                return
            return
