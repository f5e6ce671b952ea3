"""Who took part in a conversation or meeting, read from the text: labelled lines ("Present:", "Interpreter:"),
those present named inside an opening paragraph, who "met with" whom, interpreters "translating", the keeper of a
journal, the names behind the offices of a title ("Reception of A by B")."""

from __future__ import annotations

import re

from kg.ingest.common import parse_name, split_names
from kg.ingest.wilson.layout import Line, PageBase, first_filled
from kg.ingest.wilson.offices import is_office_phrase
from kg.ingest.wilson.vocab import (
    CONVERSATION_KINDS,
    DEMONYM,
    LIST_LABELS,
    LIST_LOWER_OK,
    PRESENT_IN_TEXT,
    ROLE_LINE,
    ROLE_OF_LABEL,
    ROLE_WORDS,
    SIDE_LINE,
    SIDE_PREFIX,
)
from kg.records import DocumentRecord, NameRef

HONORIFIC_ROLE = re.compile(r"Comrades?|Cdes?\.?|Comr\.?|Com\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Tov\.?")


_MW_NAME = r"(?:[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})"

_MW_NAMES = rf"{_MW_NAME}(?:(?:,\s*(?:and\s+)?|\s+and\s+){_MW_NAME})*"

# "Choibalsan and Ivanov met with Stalin and Molotov": who met whom, in a conversation record's opening lines
MET_WITH = re.compile(rf"(?P<a>{_MW_NAMES})\s+(?:met|talked|conferred|had\s+(?:a\s+)?(?:conversation|talks?|meeting))\s+"
                      rf"with\s+(?P<b>{_MW_NAMES})")

# "..., Embassy counsellor A. Testov met with the Deputy Head of the Ministry I. Examplov ...": one sentence
_SENT = r"(?:[^.;:]|(?<=[\s.][A-Z])\.|(?<=[\s.][A-Z][a-z])\.)"  # a sentence's characters (an initial's stop too)
SIDES_MET = re.compile(rf"(?P<a>{_SENT}{{3,160}}?)\s+(?:met|talked|conferred|had\s+(?:a\s+)?(?:conversation|talks?|"
                       rf"meeting))\s+with\s+(?P<b>{_SENT}{{3,200}}?)(?:\.(?:\s|$)|;|$)")

_MW_NOT_NAMES = {"The", "He", "She", "We", "They", "It", "On", "In", "At", "Then", "After", "When", "Also", "Both",
                 "Comrade", "Comrades", "I", "This", "That", "There"}

_TR_NAME = r"(?:[A-Z]\.\s?)*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"

# "... with Foreign Ministry attache P. Testov and Ho Example translating": interpreters named in the text
TRANSLATING = re.compile(rf"\bwith\s+(?:[\w’'-]+\s+){{0,4}}?(?P<names>{_TR_NAME}(?:(?:,\s*|\s+and\s+){_TR_NAME})*)\s+"
                         r"(?:translating|interpreting)\b")

# the conversation kinds and the records of a body's session: the pages that list who took part
MEETING_RECORD_KINDS = CONVERSATION_KINDS + ("minutes", "protocol")
# "Iu.V.", "A.Ia.", "K. U.": a person's initials written after the family name ("Andropov, Iu.V.")
INITIALS = re.compile(r"\s*(?:[A-Z\u0400-\u042F][a-z\u0430-\u044F]?\.\s?){1,3}\s*")


# "Zhou Example – Vice Chairman of the CC and Premier": a name, a dash, then his offices
_DASH_OFFICE = re.compile(r"\s+[–—]\s*|\s*[–—]\s+|\s+-\s+")
# "(the ambassador was not present)": the editors' or the writer's aside among the groups of a list
_ASIDE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*\.?\s*")


def dash_office(group: str) -> tuple[str, str | None]:
    """ "Cdes. A. Testov – Head of the Delegation" -> ("Cdes. A. Testov", "Head of the Delegation"); a group
    without a dash after its name -> (group, None)."""
    m = _DASH_OFFICE.search(group)
    if m is None or not group[: m.start()].strip() or not re.match(r"[A-Za-z]", group[m.end():]):
        return group, None
    return group[: m.start()], group[m.end():].strip().rstrip(".;")


def _list_piece(piece: str) -> bool:
    """One piece of a list of those present: a name, perhaps with an office before it or a role in brackets
    after it ("the Testland ambassador to the USSR Ju Yong-ha", "Kim I.M. (Translator)")."""
    p = re.sub(r"\s*\([^()]{1,80}\)", "", piece.strip())
    p = re.sub(r"^(?:and\s+)?(?:the\s+)?", "", p).rstrip(" .;")
    toks = p.split()
    if not toks or len(toks) > 12 or not toks[-1][:1].isupper():
        return False
    return all(t[:1].isupper() or t.lower().strip(",") in LIST_LOWER_OK or not t[:1].isalpha() for t in toks)


def _no_stop(txt: str) -> str:
    """A list without the full stop that ends it (an initial's stays: "..., Gorbachev, M.S.")."""
    txt = txt.rstrip()
    if txt.endswith(".") and not re.search(r"(?:(?:^|[\s.])[A-Z]|\.[A-Z][a-z])\.$", txt):
        txt = txt[:-1]
    return txt


def name_list(txt: str) -> bool:
    """A list of names (perhaps with offices, groups split by ";", a side's label before a group), not a
    sentence: "Ambassador A. Testov, counsellor B. Primerov; on the Testland side - Li Example"."""
    groups = [dash_office(SIDE_PREFIX.sub("", g))[0] for g in re.split(r";", txt.rstrip(" .")) if g.strip()
              and not _ASIDE.fullmatch(g)]
    return bool(groups) and all(_list_piece(p) for g in groups for _, p in split_names(g))


# "DATE AND PLACE:", "SUBJECT:": a label starting another line of a header
_LABEL_START = re.compile(r"^[A-Z][A-Za-z /&.-]{1,40}:")
# the words of a body or a mission: "Council of State", "American Embassy", "Romanian Foreign Ministry"
_BODY_OF = re.compile(r"\b(?:Council|Embassy|Ministry|Committee|Department|Office|Legation|Consulate|Mission|Bureau|"
                      r"Secretariat|Presidium|Politburo|Commission|Directorate)\b")


def _affiliation(piece: str) -> bool:
    """A piece after a person's name that says where he belongs, not another person: a body's name ("Council of
    State", "American Embassy") or a nation's adjective and an office ("American Ambassador")."""
    p = piece.strip().rstrip(".")
    words = p.split()
    if not words or len(words) > 6 or p.lower().startswith("the ") or re.search(r"[(\[]", p):
        return False
    return bool(_BODY_OF.search(p)) or (DEMONYM.fullmatch(words[0]) is not None and 2 <= len(words) <= 3) or (
        len(words) <= 4 and ROLE_WORDS.match(words[-1]) is not None)  # "Political Officer"


# "From the journal of ...", "From the Diary of", "From the log of": a record kept in its writer's journal
JOURNAL_OF = re.compile(r"^from\s+the\s+(?:journal|diary|log|notebook|day\s?book)\s+of\b\s*(?P<rest>.*)$", re.IGNORECASE)
# the keeper's name: initials and a family name ("A. P. TESTOV", "L. D. Testova"), or a family name and initials
# ("Testov, A.P."), wherever it stands on the line
KEEPER_NAME = re.compile(r"(?<![\w.])(?P<n>(?:[A-Z][a-z]?\.\s?){1,3}\s*(?P<fam>[A-Z][\w’'-]+))(?=\s|,|$)|"
                         r"(?<![\w.])(?P<fi>[A-Z][\w’'-]+,\s*(?:[A-Z][a-z]?\.\s?){1,3})(?=\s|$)")


def _fold(name: str) -> str:
    """A family name for comparing: case and the kind of apostrophe do not count."""
    return name.replace("’", "'").casefold().strip(".,")


def _family(name: str) -> str:
    """The family name of "A.P. Testov", "Testov, A.P.", "Ivan Testov", folded for comparing."""
    if "," in name and re.fullmatch(r"[^,]+,\s*(?:[A-Z][a-z]?\.\s?)+", name.strip()):
        return _fold(name.split(",")[0])
    return _fold(name.split()[-1]) if name.split() else ""


# "From Tesgrad", "For the Testland Party:": a heading over one group of a list written one person a line
GROUP_HEAD = re.compile(r"^(?:From|For|Of)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*:?$")


def list_line(s: str) -> bool:
    """A line of a list written one person a line ("1. A. Testov, Ambassador", "- Li Example (interpreter)")."""
    s = re.sub(r"^(?:\d{1,2}[.)]|[-–—•*·])\s+", "", s.strip())
    if GROUP_HEAD.match(s):
        return False
    words = s.rstrip(".;,").split()
    if not words or len(words) > 14 or ":" in s or not re.match(r"[A-Z\u00C0-\u024F\u0400-\u04FF]", s):
        return False
    return _list_piece(re.sub(r",.*$", "", s)) and all(
        w[:1].isupper() or w.strip(",;()").lower() in LIST_LOWER_OK or not w[:1].isalpha() for w in words)


class ParticipantsMixin(PageBase):
    def participant_list(self, rec: DocumentRecord, k: int, b: int, roles: dict[int, str]) -> int | None:
        """A labelled list of who took part starting at line ``k`` of a conversation record or a body's session,
        wherever it stands in the text: "Present: A, B (interpreter)", "Participating: ...", "ATTENDED BY: ...",
        "Guests: ...", "On the Testland side: A, B", the label alone with the names one a line below it (blank
        lines between them allowed), or a side's label on each line below it. Its lines are marked as header
        lines in ``roles``; returns the line to read next, or None when line ``k`` starts no such list."""
        if rec.kind not in MEETING_RECORD_KINDS:
            return None
        ln = self.lines[k]
        m = ROLE_LINE.match(ln.s)
        side = False
        if m is None:
            m = SIDE_LINE.match(ln.s)
            side = m is not None
        if m is None:
            return None
        label, names = m["label"], m["names"]
        strict = side or ROLE_OF_LABEL.get(label.split()[0].lower().rstrip("s"), "") in ("guest", "host")
        if names:
            # a list that goes on over the next lines: each line but the last ends with a comma ("A, office, B\n
            # C, office,"); a name may be cut by the line's end
            end = k
            while end + 1 < b and self.lines[end + 1].s and not _LABEL_START.match(self.lines[end + 1].s) and (
                    self.lines[end].s.endswith(",") or (re.search(r"[A-Za-z]$", self.lines[end].s) and
                                                        re.match(r"[A-Z][\w’'-]+,\s", self.lines[end + 1].s))):
                end += 1
            if end > k:
                joined = self.text[ln.start: self.lines[end].end].replace("\r", " ").replace("\n", " ")
                ln = Line(ln.no, ln.start, joined)  # the same length: offsets into the page stay right
                names = joined[ln.lead + m.start("names"):].rstrip()
            if (strict or LIST_LABELS.fullmatch(label)) and not name_list(names.rstrip(",")):
                return None  # "Chinese side: we agree that ...": a sentence, not a list
            for j in range(k, end + 1):
                roles[j] = "header"
            self.role_line(rec, ln, "participant" if side else label, _no_stop(names.rstrip(",")),
                           ln.lead + m.start("names"))
            return end + 1
        if not (side or LIST_LABELS.fullmatch(label)):
            return None
        # the label alone: the names below it, one a line, or each side's list on a line of its own
        roles[k] = "header"
        j = k + 1
        while True:
            n = j
            while n < b and not self.lines[n].s:
                n += 1
            if n >= b:
                break
            nl = self.lines[n]
            sm = SIDE_LINE.match(nl.s)
            if sm is not None and sm["names"] and name_list(sm["names"]):
                self.role_line(rec, nl, "participant", _no_stop(sm["names"]), nl.lead + sm.start("names"))
            elif (sm is not None and not sm["names"]) or GROUP_HEAD.match(nl.s):
                pass  # "On the Testland side:", "From Tesgrad": a group's heading, its names below it
            elif (list_line(nl.s) or (name_list(nl.s) and "," in nl.s)) and (
                    n == j or j == k + 1 or self._short_list_ahead(n, b)):
                # (one person a line, or a line of names: "Cdes. A, B, C;" one side's, then the other's)
                body = re.sub(r"^(?:\d{1,2}[.)]|[-–—•*·])\s+", "", nl.s)
                self.role_line(rec, nl, label, _no_stop(body.rstrip(";")), nl.lead + nl.s.find(body))
            else:
                break
            roles[n] = "header"
            j = n + 1
        return j

    def _short_list_ahead(self, n: int, b: int) -> bool:
        """After a blank line, line ``n`` goes on the list only when its paragraph is list lines only: a
        speaker's name over his words is not one."""
        j = n
        while j < b and self.lines[j].s:
            if not (list_line(self.lines[j].s) or (name_list(self.lines[j].s) and "," in self.lines[j].s)):
                return False
            j += 1
        return True

    def role_line(self, rec: DocumentRecord, ln: Line, label: str, names: str, at: int) -> None:
        """ "Interpreter: Han Chang-xi", "Observer: Department Head Zhang Wenjin", "Present: A. P. Volodin, Head
        of the Soviet Delegation; Li Wen (interpreter)": people present at a conversation in a role (an interpreter
        is a participant, not the document's translator). An office after a name is that person's role, not a
        second participant; one already named (in the title) is not named twice."""
        label_role = next((v for k, v in ROLE_OF_LABEL.items() if label.lower().startswith(k)), "participant")
        in_list = LIST_LABELS.fullmatch(label) is not None  # "Present:": its order stays, a recorder's in it too
        if not hasattr(self, "listed_ids"):
            self.listed_ids: set[int] = set()
        base = ln.start + at
        # "A, B. C, D": a full stop after a whole name (not an initial) where a comma belongs
        # (not after a form of address: "Cdes. Zhou Example")
        names = re.sub(r"(?<=[a-z\u00C0-\u024F]{2})(?<!\bCdes)(?<!\bCde)(?<!\bComr)(?<!\bMrs)(?<!\bMessrs)\."
                       r"(?=\s+[A-Z][a-z\u00C0-\u024F]+\s+[A-Z])", ";", names)
        for gm in re.finditer(r"[^;]+", names):
            last: NameRef | None = None
            group = gm.group(0)
            gstart = gm.start()
            if _ASIDE.fullmatch(group):
                continue  # "(the ambassador was not present)"
            if (sp := SIDE_PREFIX.match(group)) is not None and name_list(group[sp.end():]):
                gstart += sp.end()  # "on the Testland side - A, B": the side's label names no one
                group = group[sp.end():]
            group, office = dash_office(group)  # "A. Testov – Head of the Delegation": his office
            pieces = split_names(group)
            for i in range(len(pieces) - 1, 0, -1):  # "Andropov, Iu.V.": the initials belong to the name before
                if INITIALS.fullmatch(pieces[i][1]) and not INITIALS.fullmatch(pieces[i - 1][1]):
                    start = pieces[i - 1][0]
                    pieces[i - 1: i + 1] = [(start, group[start: pieces[i][0] + len(pieces[i][1].rstrip())])]
            for off, piece in pieces:
                role = label_role
                pos = base + gstart + off
                rm = re.match(r"\s*(?P<r>interpreters?|translators?|observers?|recorders?)\s+(?=[A-Z])", piece)
                if rm:  # "interpreter Li Wen"
                    role, pos, piece = "interpreter" if rm["r"][0] in "it" else rm["r"].rstrip("s"), \
                        pos + rm.end(), piece[rm.end():]
                tm = re.search(r"\s*[(\[](?P<r>interpreters?|translators?|observers?|recorders?)[)\]]\s*\.?$", piece,
                               re.IGNORECASE)
                if tm:  # "Li Wen (interpreter)"
                    role, piece = "interpreter" if tm["r"][0] in "iItT" else tm["r"].lower().rstrip("s"), \
                        piece[: tm.start()]
                if last is not None and piece.strip().lower().rstrip(".") in ("interpreter", "translator"):
                    last.role = "interpreter"  # "Li Wen, interpreter"
                    continue
                if last is not None and last.kind == "person" and _affiliation(piece):
                    # "Emil Testescu, Vice President, Council of State, ...": where his office is
                    last.role = piece.strip().rstrip(".") if last.role in (None, "participant") else \
                        f"{last.role}, {piece.strip().rstrip('.')}"
                    continue
                if last is not None and is_office_phrase(piece):  # "A. P. Volodin, Head of the Soviet Delegation"
                    if last.role in (None, "participant"):
                        last.role = piece.strip().rstrip(".")
                    continue
                ref = self.add_participant(rec, piece, pos, None)  # type: ignore[attr-defined]
                if ref is None:
                    continue
                if ref.role and HONORIFIC_ROLE.fullmatch(ref.role):  # "Comrade Zhang Wentian": no office
                    ref.honorific, ref.role = ref.role, None
                if ref.role is None or role != "participant":
                    ref.role = role if role != "participant" or ref.role is None else ref.role
                last = self.merge_participant(rec, ref)
                if in_list:
                    self.listed_ids.add(id(last))
            if last is not None and office and last.role in (None, "participant"):
                last.role = office

    def present_in_text(self, rec: DocumentRecord, a: int, b: int) -> None:
        """An opening paragraph (often the editors', in brackets) naming who was present: "The meeting began at
        8:00 p.m. Present were A.B. Testov, C.D. Primerov (Translator). On the Testland side: E, F, G." Each
        sentence after the label that is only a list of names (perhaps after "On the X side:") adds them."""
        if rec.kind not in CONVERSATION_KINDS:
            return
        for ln in first_filled(self.lines[a:b], 2):
            pm = PRESENT_IN_TEXT.search(ln.text)
            if pm is None or ROLE_LINE.match(ln.s):
                continue
            rest = ln.text[pm.end():]
            pos = pm.end()
            # sentences: a full stop after a word of two letters or a bracket (not after an initial)
            for sm in re.finditer(r".+?(?:(?<=[a-z\u00C0-\u024F)\]]{2})\.(?=\s|\]|$)|$)", rest):
                sent = sm.group(0)
                if not sent.strip():
                    break
                lab = re.match(r"\s*(?:On|From|For)\s+the\s+[\w\s’'-]{2,40}?side\s*:\s*", sent)
                start = lab.end() if lab else len(sent) - len(sent.lstrip())
                names = sent[start:].rstrip().rstrip(".]").rstrip()
                names = re.sub(r"\s*\[[^\]]*\]", lambda x: " " * len(x.group(0)), names)
                if not names or not all(_list_piece(p) for _, p in split_names(names)):
                    break
                self.role_line(rec, ln, "participant", names, pos + sm.start() + start)
            return

    def order_participants(self, rec: DocumentRecord) -> None:
        """The recorder comes after the others (docs/page-fields.md, order): one named by a "Recorded by" line or
        a diarist recording his own conversation moves to the end; one named inside a list of those present keeps
        his place there."""
        listed: set[int] = getattr(self, "listed_ids", set())
        author = rec.author

        def records(p: NameRef) -> bool:
            if id(p) in listed:  # (a diarist who received a guest as his host is the recorder all the same)
                return False
            return p.role == "recorder" or (author is not None and p.span == author.span and p.name == author.name)
        rec.participants[:] = [p for p in rec.participants if not records(p)] + \
            [p for p in rec.participants if records(p)]

    @staticmethod
    def merge_participant(rec: DocumentRecord, ref: NameRef) -> NameRef:
        """One already among the participants (the title named him) is kept once, with the role found now."""
        key = ref.name.casefold()
        for p in rec.participants[:-1]:
            a, b = p.name.split(), ref.name.split()
            if p.name.casefold() == key or (a[-1:] == b[-1:] and (len(a) == 1 or len(b) == 1 or (
                    # "Wł. Gomułka" and "Wladyslaw Gomułka": an initial of the same given name
                    len(a) == len(b) == 2 and a[0][:1] == b[0][:1] and (a[0].endswith(".") or b[0].endswith("."))))):
                rec.participants.pop()
                if p.role in (None, "participant") and ref.role not in (None, "participant"):
                    p.role = ref.role
                elif p.role is None:
                    p.role = ref.role
                return p
        return ref

    def journal_keeper(self, rec: DocumentRecord, lines: list[Line]) -> None:
        """ "From the journal of" (diary, log) over a record of conversation: the keeper's name after it, or on one
        of the next two lines, past what a page's columns ran in between (a classification, a copy number, a
        date, an office: "From the journal of TOP SECRET A. P. TESTOV Copy no. 2", "From the journal of 29 May
        1977" / "Testov, A.P. Original No. 354"). The record is from his journal and he took part; one the title
        named already is the same person, written as there (docs/page-fields.md: a person named twice)."""
        for i, ln in enumerate(lines):
            m = JOURNAL_OF.match(ln.s)
            if m is None:
                continue
            cands = [(ln, ln.lead + m.start("rest"), re.sub(r"\[.*$", "", m["rest"]))]
            cands += [(nxt, nxt.lead, nxt.s) for nxt in lines[i + 1: i + 3]]
            for cl, off, txt in cands:
                nm = KEEPER_NAME.search(txt)
                if nm is None:
                    continue
                written = nm["n"] or nm["fi"]
                ref, _ = parse_name(written, cl.start + off + nm.start("n" if nm["n"] else "fi"))
                ref.kind = "person"
                family = _fold(nm["fam"] or written.split(",")[0])
                known = next((p for p in rec.participants if _family(p.name) == family), None)
                if known is not None:  # the title's "Ambassador A.P. Testov": the keeper, first named there
                    rec.author = NameRef(written=known.written, name=known.name, kind="person", span=known.span)
                    return
                rec.author = ref
                rec.participants.insert(0, NameRef(written=ref.written, name=ref.name, kind="person", span=ref.span))
                return
            return

    def participants_from_text(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A conversation whose title names only offices ("between the Foreign Minister of X and the First
        Secretary of Y"): the text's "Reception of A by B" line names them; "with A and B translating" names the
        interpreters."""
        from kg.ingest.wilson.title import RECEPTION_RE
        from kg.ingest.wilson.vocab import CONVERSATION_KINDS
        if rec.kind not in CONVERSATION_KINDS:
            return
        lines = [ln for ln in self.lines[a:b] if ln.s][:8]
        offices_only = bool(rec.participants) and all(
            p.role is None and re.match(r"the\s", p.name) for p in rec.participants)
        if offices_only:
            for ln in lines:
                m = RECEPTION_RE.match(ln.s)
                if m is None or len(ln.s) > 120:
                    continue
                keys = [k for k in ("h1", "g1", "g2", "h2", "h3", "g3") if m.group(k)]
                keys.sort(key=m.start)
                lead = ln.lead
                found = []
                for k in keys:
                    txt = re.sub(r"^(?:cde\.|comrade|com\.)\s+", "", m[k].strip(), flags=re.IGNORECASE)
                    at = ln.s.find(txt, m.start(k))
                    ref, _ = parse_name(txt, ln.start + lead + max(at, 0))
                    ref.kind, ref.part = "person", "host" if k.startswith("h") else "guest"
                    found.append(ref)
                rec.participants[:] = found
                break
        self.attendance(rec, a, b)  # type: ignore[attr-defined]  # "A and B attended the meeting."
        if rec.author is None:
            self.journal_keeper(rec, lines)
        for ln in lines:
            tm = TRANSLATING.search(ln.text)
            if tm:
                self.role_line(rec, ln, "interpreter", tm["names"], tm.start("names"))  # type: ignore[attr-defined]
                break

    def sides_met(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A conversation record whose title names no one: the first sentence saying who met with whom names the
        two sides, their offices before their names left out ("On 16 May Embassy counsellor A. Testov met with the
        Deputy Head of the Ministry Ivan Examplov on his own initiative")."""
        from kg.ingest.wilson.attendance import person_pieces
        for ln in first_filled(self.lines[a:b], 6):  # (under a heading, a dateline, a subject line)
            for m in SIDES_MET.finditer(ln.text):
                b_txt = re.split(r"\s+(?:on|at|in|to|about|regarding|concerning|during|for|after|before)\s+"
                                 r"(?:his|her|their|the|a|an|this|that)\b|\s+(?:on|at|in)\s+\d", m["b"])[0]
                left = person_pieces(m["a"])
                right = person_pieces(b_txt)
                if not left or not right:
                    continue
                for off, name in (left[-1], (m.start("b") - m.start("a") + right[0][0], right[0][1])):
                    at = ln.start + m.start("a") + off
                    ref, _ = parse_name(name, at)
                    ref.kind = "person"
                    rec.participants.append(ref)
                return

    def met_with(self, rec: DocumentRecord, a: int, b: int) -> None:
        """A conversation whose title names some who took part: the others its first lines say met with them
        ("X and Y met with Z and W") took part too (after the title's, in the text's order)."""
        from kg.ingest.wilson.vocab import CONVERSATION_KINDS
        if rec.kind not in CONVERSATION_KINDS:
            return
        if not rec.participants:
            self.sides_met(rec, a, b)
            return
        known = {p.name.split()[-1] for p in rec.participants if p.name}
        for ln in first_filled(self.lines[a:b], 3):
            for m in MET_WITH.finditer(ln.text):
                names: list[tuple[int, str]] = []
                for g in ("a", "b"):
                    for nm in re.finditer(_MW_NAME, m[g]):
                        if not re.fullmatch(r"and", nm.group(0)):
                            names.append((m.start(g) + nm.start(), nm.group(0)))
                if any(w.split()[0] in _MW_NOT_NAMES for _, w in names):
                    continue
                if not any(w.split()[-1] in known for _, w in names):
                    continue
                for off, w in names:
                    if w.split()[-1] in known:
                        continue
                    ref, _ = parse_name(w, ln.start + off)
                    ref.kind = "person"
                    rec.participants.append(ref)
                    known.add(w.split()[-1])
                return
