"""Who took part in a conversation, named in the sentences of its opening lines rather than in a labelled list:
"Comrades A, member of the CC, and B attended the meeting.", "The meeting was attended by:" (then one person a
line, "Name – office;"), "X was accompanied by A, office, B, office.", "Participating in the meeting were: A, B,
C.", "Also invited were comrades A, B.", "The meeting was presided over by comrade X, office.", "The delegation of
the Testland side consisted of: Colonel A—head, Colonel B—deputy". The offices around the names are left out
(they are the persons' roles); a person named before (the title's sides) is not named twice."""

from __future__ import annotations

import re

from kg.ingest.common import parse_name
from kg.ingest.wilson.offices import FIELD_WORDS
from kg.ingest.wilson.page import Line, PageBase
from kg.ingest.wilson.vocab import ACRONYMS_ORG, CONVERSATION_KINDS, ROLE_LINE, ROLE_WORDS, SIDE_LINE
from kg.records import DocumentRecord, Span

# "The meeting was attended by", "presided over by", "was accompanied by", "Participating in the meeting were",
# "Also invited were", "consisted of": the list follows
_AFTER_LABEL = re.compile(
    r"(?:\b(?:(?:also\s+)?attended|presided\s+over|chaired|accompanied|joined)\s+by|"
    r"\b(?:Participating|Participants|Also\s+participating|Also\s+present|Present|Also\s+invited|Those\s+present|"
    r"Taking\s+part|Also\s+taking\s+part)(?:\s+(?:in|at)\s+the\s+(?:meeting|conversation|talks|discussions?|session))?"
    r"(?:\s+(?:from|on)\s+the\s+(?:side|part)\s+of\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3}?)?\s+(?:were|was)|"
    r"\bconsisted\s+of|"
    # "From the DPRK side deputy minister A, ...", "and from the MPR side, B": one side's people
    r"\b(?:from|on)\s+the\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}?\s+side,?|"
    # "From Romania: A, the General Secretary ..., B, member of ...": a line opening with the side
    r"^(?:From|For)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z’'\w-]*){0,6}\s*(?=:))\s*:?\s*", re.IGNORECASE)
# "..., B attended the meeting", "... took part in the talks": the list comes before
_BEFORE_VERB = re.compile(r"\s+(?:also\s+)?(?:attended|participated\s+in|took\s+part\s+in|were\s+(?:also\s+)?present\s+"
                          r"(?:at|during))\s+the\s+(?:meeting|conversation|talks|discussions?|session|reception)\b|"
                          # "Deputy Minister X was also present.", "A and B were also present during the meeting."
                          r"\s+(?:was|were)\s+(?:also\s+)?present(?:\s+(?:at|during)\s+the\s+(?:meeting|conversation|"
                          r"talks|discussions?|session|reception))?(?=\s*[.;]|\s*$)", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"(?:[A-Z\u00C0-\u024F\u0400-\u042F][\w\u00C0-\u024F\u0400-\u04FF’'.-]*(?:\[[a-z]+\])?|"
                         r"(?:al|el|ad|as|ibn|bin|bint|de|da|di|del|dos|van|von|der|du|la|le)(?:-[A-Z][\w’'-]*)?)")
# forms of address and ranks before a name: not part of it
_ADDRESS = re.compile(r"^(?:(?:and|also|as\s+well\s+as)\s+)?(?:(?:comrades?|cdes?\.?|com\.|comr\.|mr\.?|mrs\.?|ms\.?|dr\.?|"
                      r"prof\.?|lt\.|gen\.|lieutenant|major|general|colonel|col\.|captain|admiral|marshal|"
                      r"lt\.\s*gen\.|maj\.\s*gen\.|major\s+gen\.)\s+)+", re.IGNORECASE)
_NOT_NAMES = {"The", "This", "That", "He", "She", "They", "We", "It", "On", "In", "At", "Comrade", "Comrades", "Both",
              "Our", "Their", "His", "Her", "Mr", "Dr", "Also", "All", "Other", "Others", "Head", "Chief", "Member",
              "Members", "Deputy", "First", "Second", "Third", "Department", "Directorate", "Ministry", "Embassy",
              "Committee", "Council", "Party", "Republic", "Government", "Delegation", "Section", "State"}


# words of a body's or a field's name, never of a person's ("International Economic Cooperation")
_BODY_WORDS = {"Cooperation", "Affairs", "Trade", "Relations", "Economic", "International", "Committee", "Union",
               "Party", "Council", "Ministry", "Department", "Section", "Bureau", "Office", "Front", "Army", "Forces",
               "Security", "Defense", "Defence", "Foreign", "Internal", "Central", "Political", "Executive", "Women’s",
               "Workers", "Workers’", "Youth", "Federation", "Organization", "Agency", "Academy", "Institute"}
# a name (two to four capitalised words) followed by an office in lower case: "Li Example member of the CC"
_NAME_THEN_OFFICE = re.compile(r"^(?P<n>(?:[A-Z][\w’'.-]*\s+){1,3}?[A-Z][\w’'.-]*)\s+(?=(?:member|head|secretary|minister|"
                               r"president|chairman|deputy|ambassador|counsellor|director|chief|first|vice|candidate)\b)")


# abbreviations a full stop does not end a sentence after ("Lt. Gen. Testov")
_NOT_AFTER = "".join(rf"(?<!\b{a})" for a in ("Gen", "Col", "Maj", "Capt", "Adm", "Cde", "Com", "Comr", "Prof", "Mrs",
                                               "Sgt", "Jr", "Sr", "Gov", "Sen", "Rep", "Lt"))


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence): a full stop ends one after a word of two letters or a bracket, not after an initial."""
    out = []
    for m in re.finditer(r".+?(?:(?<=[a-z\u00C0-\u024F\]\)]{2})" + _NOT_AFTER + r"\.(?=\s|$)|$)", text):
        if m.group(0).strip():
            out.append((m.start(), m.group(0)))
    return out


def person_pieces(txt: str) -> list[tuple[int, str]]:
    """The persons' names in a list that mixes names and offices ("Comrades Ion Testov, member of the CC, Vice-
    President of the Council, Petar Primerov, deputy member", "Colonel A—head, Colonel B—deputy chief"): (offset
    in ``txt``, name). Offices, ranks, forms of address and footnote marks are left out."""
    # (an editors' completion glued to a name stays: "W[itold] Testov"; footnote marks "[3]" and asides go)
    clean = re.sub(r"\[[^\]]*\]|\([^)]*\)", lambda m: m.group(0) if re.fullmatch(r"\[[a-z]+\]", m.group(0)) and
                   m.start() > 0 and txt[m.start() - 1].isalpha() else " " * len(m.group(0)), txt)
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^,;:]+", clean):
        seg = m.group(0)
        seg = re.split(r"\s*[–—]\s*|\s+-\s+", seg)[0]  # "Name – office", "Name—head"
        for am in re.finditer(r"(?:(?!\s+and\s).)+", seg):  # the pieces between "and"s
            piece = am.group(0)
            lead = len(piece) - len(piece.lstrip())
            stripped = piece.strip()
            st = re.sub(r"^and\s+", "", stripped)
            st_off = len(stripped) - len(st)
            ad = _ADDRESS.match(st)
            name = st[ad.end():] if ad else st
            name = name.rstrip(" .")
            if re.search(r"(?:^|[\s.])[A-Z]$", name):
                name += "."  # "Chertishev P.I." keeps its initial's full stop
            toks = name.split()
            # "deputy minister Jeon Example", "department head of the MFA Ya. Testov": the name ends the piece
            k = len(toks)
            while k > 0 and _NAME_TOKEN.fullmatch(toks[k - 1]) and toks[k - 1] not in _NOT_NAMES and \
                    toks[k - 1] not in FIELD_WORDS and \
                    not ROLE_WORDS.match(toks[k - 1]) and not (toks[k - 1] in ACRONYMS_ORG or (
                        re.fullmatch(r"[A-Z]{2,}", toks[k - 1]) and k < len(toks))):
                k -= 1
            if (pm := _NAME_THEN_OFFICE.match(name)) is not None:
                # "Li Example member of the Political Committee": the name, then his office without a comma
                name = pm["n"]
                toks = name.split()
                k = 0
            if k > 0 and toks[k - 1].lower() in ("of", "in", "for", "to", "at", "the", "from", "with", "by", "on", "and"):
                continue  # "member of the CC of the RCP", "the staff assistant of Abu Iyad": a body or a person's chief
            if k > 0:
                dropped = " ".join(toks[:k])
                name = " ".join(toks[k:])
                st_off += len(st) - len(st.lstrip()) + (st.find(name, len(dropped)) if name else 0) - (ad.end() if ad else 0)
                toks = name.split()
            if not 1 <= len(toks) <= 5 or not all(_NAME_TOKEN.fullmatch(t) for t in toks) or \
                    re.fullmatch(r"(?:[A-Z][a-z]?\.?\s?){1,3}", name):  # initials alone ("Testov, I.V.")
                continue
            if toks[0] in _NOT_NAMES or any(ROLE_WORDS.match(t) or t in _BODY_WORDS for t in toks) or not any(
                    len(t.strip(".")) > 2 for t in toks):
                continue
            at = m.start() + am.start() + lead + st_off + (ad.end() if ad else 0)
            form = re.match(r"(?i:comrades?|cdes?\.?|com\.|comr\.)\s+", ad.group(0).strip() + " ") if ad and k == 0 else None
            if form is not None and not form.group(0).lower().startswith(("comrades", "cdes")):
                at -= len(ad.group(0))  # "Comrade Kim": the form of address stays with the name as written
                name = ad.group(0) + name
            out.append((at, name))
    return out


class AttendanceMixin(PageBase):
    def attendance(self, rec: DocumentRecord, a: int, b: int) -> None:
        """The sentences of a conversation record's first lines that name who attended (see the module)."""
        if rec.kind not in CONVERSATION_KINDS:
            return
        lines = [ln for ln in self.lines[a:b] if ln.s][:14]
        for i, ln in enumerate(lines):
            if ROLE_LINE.match(ln.s) or SIDE_LINE.match(ln.s):
                continue  # a labelled list: participants.participant_list read it
            for soff, sent in _sentences(ln.text):
                lists: list[tuple[int, str]] = []
                if (m := _AFTER_LABEL.search(sent)) is not None:
                    rest = sent[m.end():]
                    if rest.strip():
                        lists.append((soff + m.end(), rest))
                    elif sent.rstrip().endswith(":"):
                        for nl in lines[i + 1: i + 12]:  # "The meeting was attended by:" then one a line
                            if not re.match(r"[A-Z]\S*(?:\s+\S+){0,5}?(?:\[\d+\])?\s*[–—-]\s+\S", nl.s):
                                break
                            self._attendees(rec, nl, nl.lead, nl.s)
                elif (m := _BEFORE_VERB.search(sent)) is not None:
                    lists.append((soff, sent[: m.start()]))
                for off, txt in lists:
                    self._attendees(rec, ln, off, txt)

    def _attendees(self, rec: DocumentRecord, ln: Line, off: int, txt: str) -> None:
        for poff, name in person_pieces(txt):
            family = re.sub(r"^(?i:comrade|cde\.|com\.|comr\.)\s+", "", name).split()[0].rstrip(",")
            if any(p.name.split()[0].rstrip(",") == family and "," in p.name for p in rec.participants):
                continue  # "Testov, I.V." of a list above: "Chaired by Comrade Testov, I.V." read again
            ref, _ = parse_name(name, ln.start + off + poff)
            if (lm := re.match(r"(?:comrade|cde\.|com\.|comr\.)\s+", name)) is not None:  # "comrade Testov": lower case
                ref, _ = parse_name(name[lm.end():], ln.start + off + poff + lm.end())
                ref.written, ref.honorific = name, lm.group(0).strip()
                ref.span = Span(ln.start + off + poff, ln.start + off + poff + len(name))
            ref.kind = "person"
            rec.participants.append(ref)
            self.merge_participant(rec, ref)  # type: ignore[attr-defined]
