"""Who sent a document and to whom, as a title names them: names split out of a list (offices, cover names,
missions in a list of cities), "to A from B", and the tidying after the title is read (a mission's signatory in
brackets, places in brackets or after "in", a mission's place as sent_from, a place never a sender or an
addressee)."""

from __future__ import annotations

import re

from kg.ingest.common import find_dates, parse_name, split_names, strip_honorific_list, trailing_partial_date
from kg.ingest.wilson.offices import (
    FIELD_WORDS,
    OFFICE_OF,
    ORG_TAIL,
    ORG_WORDS,
    TO_VERB,
    is_office,
    is_office_phrase,
    strip_role,
    swap_cover_name,
)
from kg.ingest.wilson.page import Line, PageBase
from kg.ingest.wilson.sentfrom import is_place
from kg.ingest.wilson.vocab import ROLE_TO, ROLE_WORDS, TITLE_CUT
from kg.records import DocumentRecord, NameRef, Span


class PartiesMixin(PageBase):
    def tidy_parties(self, rec: DocumentRecord) -> None:
        """After the title's senders and recipients are read: what their brackets and places say."""
        if rec.kind not in ISSUED_KINDS:
            # "Informational Note from the Conference of Secretaries in Sofia": a gathering a note or a report
            # comes "from" is what it is about ("Statement from the Meeting of Ministers": the meeting issued it)
            rec.senders = [r for r in rec.senders if not GATHERING.match(r.written)]
        # "Telegram from Polish Embassy in Havana (Jeleń)": the person in brackets after a mission signed it; he is
        # not another name of the mission
        for ref in rec.senders:
            if ref.identified_as and (ref.kind == "organization" or ORG_WORDS.search(ref.name)) and \
                    ref.written.rstrip().endswith(f"({ref.identified_as})") and \
                    re.fullmatch(r"[A-Z\u00C0-\u024F][\w\u00C0-\u024F.’'-]*(?:\s+[A-Z\u00C0-\u024F][\w\u00C0-\u024F.’'-]*){0,3}",
                                 ref.identified_as):
                sig_at = ref.span.start + ref.written.rfind("(") + 1 if ref.span else None
                rec.signatories.append(NameRef(
                    written=ref.identified_as, name=ref.identified_as, kind="person",
                    span=Span(sig_at, sig_at + len(ref.identified_as)) if sig_at is not None else None))
                ref.identified_as = None
        # "Telegram from Polish Embassy in Havana (Beck)", "from the Soviet Ambassador in Beijing": a mission or an
        # envoy in a place writes from there (the sender's name stays whole)
        for ref in rec.senders:
            if rec.sent_from is None and (mp := mission_place(ref.name)) is not None and ref.span is not None:
                at = ref.span.start + ref.written.find(ref.name) + mp.start("p") if ref.name in ref.written else None
                rec.sent_from = mp["p"]
                rec.sent_from_span = Span(at, at + len(mp["p"])) if at is not None else None
            elif rec.sent_from is None and ref.role and (mp := mission_place(ref.role)) is not None and \
                    ref.span is not None and ref.role in ref.written:
                # "Soviet Ambassador to Cuba A. Testov": an envoy writes from where he is accredited
                at = ref.span.start + ref.written.find(ref.role) + mp.start("p")
                rec.sent_from, rec.sent_from_span = mp["p"], Span(at, at + len(mp["p"]))
        # "from the Testland CC [signed by Ivan Testov]": who signed for a body, not another name of it
        for ref in rec.senders:
            if ref.identified_as and (sm := re.fullmatch(r"(?i:signed\s+by)\s+(?P<n>[A-Z].+)", ref.identified_as)):
                at = ref.span.start + ref.written.find(sm["n"]) if ref.span and sm["n"] in ref.written else None
                rec.signatories.append(NameRef(written=sm["n"], name=sm["n"], kind="person", span=Span(
                    at, at + len(sm["n"])) if at is not None else None))
                ref.identified_as = None
        # "Testov (Pyongyang) to Primerov (Moscow)": a place in brackets after a name is where he was
        for field in ("senders", "recipients"):
            for ref in getattr(rec, field):
                if ref.identified_as and is_place(ref.identified_as) and \
                        ref.written.rstrip().endswith(f"({ref.identified_as})"):
                    if field == "senders" and rec.sent_from is None:
                        rec.sent_from = ref.identified_as
                    elif field == "recipients" and rec.destination is None:
                        rec.destination = ref.identified_as
                    ref.identified_as = None
        # "from Savel'yev in Urumchi": a person's place is where he wrote from (an office's "in" is its own:
        # "Embassy in Havana", "Ambassador in Beijing")
        for ref in rec.senders:
            pm2 = re.fullmatch(r"(?P<x>.+?)\s+in\s+(?P<p>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)", ref.name)
            if pm2 and GROUP_IN.search(pm2["x"]) and is_place(pm2["p"]) and rec.sent_from is None and ref.span:
                # "Kazak Refugees in Turkey": a group named by where it lives; the name stays whole
                a = ref.span.start + ref.written.find(ref.name) + pm2.start("p") if ref.name in ref.written else None
                rec.sent_from = pm2["p"]
                rec.sent_from_span = Span(a, a + len(pm2["p"])) if a is not None else None
                continue
            if pm2 and is_place(pm2["p"]) and not ORG_WORDS.search(pm2["x"]) and not ROLE_TO.search(pm2["x"]) and \
                    not ORG_TAIL.search(pm2["x"]) and not ROLE_WORDS.match(pm2["x"].split()[-1]) and \
                    ref.identified_as is None:
                ref.name = ref.written = pm2["x"]
                name, role = strip_role(pm2["x"])  # "Soviet Representative Aleksei Ignatieff in Pyongyang"
                if role is not None:
                    ref.name, ref.role, ref.kind = name, role, "person"
                if ref.span is not None:
                    if rec.sent_from is None:
                        a = ref.span.start + pm2.start("p")
                        rec.sent_from, rec.sent_from_span = pm2["p"], Span(a, a + len(pm2["p"]))
                    ref.span = Span(ref.span.start, ref.span.start + len(pm2["x"]))
        # "Cable from Japanese Embassy in Havana to Tokyo": a place is never an addressee; it is where the text went
        # ("Chiang's Visit to Japan": no sender named either)
        if len(rec.recipients) == 1 and is_place(rec.recipients[0].name) and rec.destination is None:
            rec.destination = rec.recipients.pop().name
        # "to Ministry of Foreign Affairs, Moscow": the city after an office is where it went, not a second addressee
        if len(rec.recipients) >= 2 and is_place(rec.recipients[-1].name) and \
                not is_place(rec.recipients[-2].name) and rec.destination is None:
            rec.destination = rec.recipients.pop().name
        # "Cable from Tehran", "Telegram from Pyongyang to Bucharest": places are where it was sent from and to,
        # never senders or recipients
        if len(rec.senders) == 2 and is_place(rec.senders[0].name) and rec.senders[0].span and rec.senders[1].span \
                and re.fullmatch(r"D\.?\s?C\.?|[A-Z]\.?[A-Z]\.?", rec.senders[1].name):
            # "Telegram from Washington, DC, No. 1": a city and its state or district, one place
            city, state = rec.senders
            joined = f"{city.name}, {state.name}"
            rec.senders = [NameRef(written=joined, name=joined, span=Span(city.span.start, state.span.end),
                                   kind=city.kind)]
        # "Letter from Dutch Embassy, Havana (Boissevain)": the city after an embassy is where it wrote from
        if len(rec.senders) >= 2 and is_place(rec.senders[-1].name) and rec.sent_from is None and \
                not is_place(rec.senders[-2].name) and (ORG_WORDS.search(rec.senders[-2].name) or
                                                        rec.senders[-1].identified_as is None):
            # (and "Telegram from Testov, Beijing, to Dover": a person's too; a place is never a sender)
            ref = rec.senders.pop()
            rec.sent_from, rec.sent_from_span = ref.name, ref.span
        if len(rec.senders) >= 2 and rec.sent_from is None and rec.senders[-1].identified_as is None and \
                re.fullmatch(r"[A-Z][a-z’'-]{2,}", rec.senders[-1].name) and \
                MISSION_WORD.search(rec.senders[-2].name):
            # "from the Officer in Charge, Testland Mission, Tesgrad, to ...": one word after a mission is where it is
            ref = rec.senders.pop()
            rec.sent_from, rec.sent_from_span = ref.name, ref.span
        if len(rec.senders) == 1 and is_place(rec.senders[0].name.split(",")[0]) and (
                not rec.recipients or all(is_place(r.name) for r in rec.recipients)):
            ref = rec.senders.pop()
            rec.sent_from, rec.sent_from_span = ref.name, ref.span
            if len(rec.recipients) == 1:
                rec.destination = rec.recipients.pop().name

    def to_then_from(self, rec: DocumentRecord, rest: str, base: int, line: Line) -> bool:
        """ "Memorandum for the President from Henry Kissinger", "Memorandum to the Chairman from the Director":
        the addressee first, then the sender."""
        m = TO_THEN_FROM.match(rest)
        if m is None:
            return False
        a = m["a"]
        for d in reversed(find_dates(a)):
            if d.value and not a[d.end:].strip(" .)]"):
                dm = re.search(r"[,;]?\s*(?:on\s+|of\s+|dated\s+)?$", a[: d.start])
                a = a[: dm.start() if dm else d.start]
            break
        if (pd := trailing_partial_date(a)) is not None:
            a = a[: pd.start]
        if (cut := TITLE_CUT.search(a)) is not None:
            a = a[: cut.start()]
        rec.recipients.extend(self.names(m["b"], base + m.start("b"), "recipients", line, rec.recipients))
        rec.senders.extend(self.names(a, base + m.start("a"), "senders", line, rec.senders))
        return True


    def names(self, txt: str, offset: int, field: str, line: Line, existing: list[NameRef]) -> list[NameRef]:
        out: list[NameRef] = []
        # "to the X Politburo containing a transcript of ... between A and B": what the paper holds, not a name
        if (pm := ABOUT_AFTER.search(txt)) is not None:
            txt = txt[: pm.start()]
        # "X to Halt the Bombardment": what the paper asks for, after its writer
        for tm in re.finditer(r"\s+to\s+(?=[A-Z])", txt):
            if TO_VERB.match(txt, tm.end()) and not ROLE_WORDS.match(txt[tm.end():].split()[0]):
                txt = txt[: tm.start()]
                break
        honor, hlen = strip_honorific_list(txt.lstrip())
        lead = len(txt) - len(txt.lstrip())
        pieces = split_names(txt)
        group_at: int | None = None  # where "Embassies in Washington, Havana, ..." starts in ``txt``
        pending_role: str | None = None
        skip_next = False
        for n, (off, piece) in enumerate(pieces):
            if skip_next:  # (read with the piece before it)
                skip_next = False
                continue
            if group_at is not None and out and PLACE_LIST_ITEM.fullmatch(piece.strip()):
                # "... Embassies in Washington, Havana, and LaPaz": each city belongs to the missions named before
                whole = txt[group_at: off + len(piece.rstrip())]
                ref, _ = parse_name(whole, offset + group_at)
                out[-1].written, out[-1].name, out[-1].span = ref.written, ref.name, ref.span
                out[-1].identified_as, out[-1].kind = ref.identified_as, "organization"
                continue
            group_at = off + len(piece) - len(piece.lstrip()) if MISSIONS_IN.search(piece) else None
            if (em := EDITORS_NATION.match(piece)) is not None and ROLE_WORDS.match(piece[em.end():].split()[0]):
                # "[PRC] Minister of Defense [Peng Dehuai]": the editors' bracket before an office is no part of it
                off, piece = off + em.end(), piece[em.end():]
            lead_word = piece.split()[1] if piece.strip().startswith("the ") else (piece.split() or [""])[0]
            if EDITORS_COMPLETION.search(piece) is not None and ROLE_WORDS.match(lead_word):
                # "the Secretary General [of the Testland Party] Ivan Testov a": the editors completed the office
                # (the brackets no identification); a stray letter after the name is no part of it
                whole = re.sub(r"\s+[a-z]$", "", re.sub(r"\[((?:of|the|for|in|to|and)\b[^\[\]]*)\]", r"\1", piece.strip()))
                name0, role0 = strip_role(whole)
                if role0 is not None and name0 in piece:
                    at = offset + off + piece.find(name0)
                    ref0, probs0 = parse_name(name0, at)
                    ref0.written, ref0.role, ref0.kind = name0, role0, "person"
                    out.append(ref0)
                    self.name_problems(f"{field}[{len(existing) + len(out) - 1}]", probs0, ref0, line)
                    continue
            ref, probs = parse_name(piece, offset + off)
            if group_at is not None:
                ref.kind = "organization"
            swap_cover_name(ref)
            plain = re.sub(r"[\[\]]", "", piece).strip()
            name, role = strip_role(ref.name)
            if role == "c.":  # "c. Moravec": "comrade", a form of address, no office
                ref.name, ref.honorific, role = name, "c.", None
            if role is not None:  # "Soviet Ambassador to Cuba Aleksandr Alekseev": the person, in that office
                ref.name, ref.role, ref.kind = name, role, "person"
            if honor and honor.lower().rstrip(".") in ("cdes", "comrades") and n > 0 and ref.honorific is None:
                ref.honorific = honor
            if honor and n == 0 and off == lead and len(piece.strip()) <= hlen:
                continue
            if out and out[-1].role and re.search(r"\b(?i:of)\s+(?:(?i:the)\s+)?[A-Z][\w’'-]*$", out[-1].role) and \
                    re.fullmatch(r"(?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*(?:\s+(?i:of)\s+[A-Z][\w’'-]*)?", piece.strip()) and \
                    (piece.split()[-1].title() in FIELD_WORDS or piece.split()[0].title() in FIELD_WORDS):
                # "Deputy Chief of the Energy and Mineral Resources Division", "MINISTRY OF RESEARCH AND TECHNOLOGY
                # OF FRG": one office
                out[-1].role += " and " + piece.strip()
                continue
            if (am := ATTENTION.match(piece)) is not None:  # "to the Testland CC, attention Ivan Testov": the
                off, piece = off + am.end(), piece[am.end():]  # person it is for, an addressee too
                ref, probs = parse_name(piece, offset + off)
                ref.kind = "person"
            if NOT_A_NAME.fullmatch(piece.strip()):  # "Mao Zedong and Others": no one more named
                continue
            if not_a_party(piece):  # "..., 5 P.M., Wednesday", "..., 14 January 1981": when, not who
                continue
            if out and GERUND_START.match(piece.strip()):  # "X, 14 November 1980, Reducing Tourist Exchanges with Y":
                break  # what the paper does, after who wrote it
            if EVENT_PHRASE.match(piece.strip()):  # "Note from the Visit of ...", "Memo of Meeting Between A and B":
                break  # what happened, not who wrote (the names after it are the event's)
            nxt_piece = pieces[n + 1][1].strip() if n + 1 < len(pieces) else ""
            if (is_office(plain) or OFFICE_OF.match(plain)) and strip_role(plain)[1] is None and \
                    ORG_WORDS.search(nxt_piece) and strip_role(nxt_piece)[1] is None and \
                    not NAME_THEN_OFFICE.fullmatch(nxt_piece):
                # "the Officer in Charge, Testland Mission": an office and its own body are one name
                # (docs/page-fields.md, 'An office, a place')
                end = pieces[n + 1][0] + len(pieces[n + 1][1].rstrip())
                ref, probs = parse_name(txt[off:end], offset + off)
                ref.kind = "office"
                out.append(ref)
                self.name_problems(f"{field}[{len(existing) + len(out) - 1}]", probs, ref, line)
                skip_next = True
                continue
            if n + 1 < len(pieces) and (is_office(plain) or OFFICE_OF.match(plain)) and not out and \
                    not ORG_WORDS.search(nxt_piece) and not is_place(nxt_piece) and (
                    re.match(r"\s*(?:(?:[A-Z]\.\s?)+[A-Z][\w’'-]+|[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\s*(?:\[|$)",
                             pieces[n + 1][1]) or (strip_role(pieces[n + 1][1].strip())[1] is not None and
                                                   strip_role(plain)[1] is None)):
                # ("People's Representative and Candidate Politburo Member A. Testov": two offices of one person)
                pending_role = plain  # "the President of the Republic, J.B. Tito": his office, then his name
                continue
            tame = _tamed(ref.name)  # "DEPUTY MINISTER IN THE ..." read as "Deputy Minister in the ..."
            if out and out[-1].role is None and (is_office(tame) or OFFICE_OF.match(tame) or (
                    n > 0 and is_office_phrase(tame) and ROLE_WORDS.match(tame.split()[0]) and
                    out[-1].kind != "organization" and not ORG_WORDS.search(out[-1].name))):
                out[-1].role = ref.name  # "Nikolai Novikov, Soviet Ambassador to the US": his office, not a second one
                continue  # ("HANS TESTMANN, DEPUTY MINISTER IN THE FEDERAL MINISTRY": in capitals too)
            if (nm_ := NAME_THEN_OFFICE.fullmatch(ref.name)) is not None and ref.identified_as is None and \
                    not ORG_WORDS.search(nm_["n"]) and not ROLE_WORDS.match(nm_["n"].split()[0]):
                # "Mir Testov CC Secretary of the Invented Party": a name, then his office without a comma
                ref.name, ref.role, ref.kind = nm_["n"], nm_["office"], "person"
                if ref.span is not None and ref.written.startswith(nm_["n"]):
                    ref.written = nm_["n"]
                    ref.span = Span(ref.span.start, ref.span.start + len(nm_["n"]))
            if out and n > 0 and out[-1].role is None and OFFICE_OF.match(plain) and \
                    out[-1].kind in ("person", "unknown") and not ORG_WORDS.search(out[-1].name):
                out[-1].role = plain  # "Testov, President of the Academy": his office
                continue
            if pending_role is not None and ref.role is None:
                ref.role, ref.kind, pending_role = pending_role, "person", None
            elif pending_role is not None:
                ref.role, pending_role = f"{pending_role} and {ref.role}", None
            out.append(ref)
            self.name_problems(f"{field}[{len(existing) + len(out) - 1}]", probs, ref, line)
        return out

    def name_problems(self, field: str, probs: list[str], ref: NameRef, line: Line) -> None:
        for p in probs:
            self.flag(field, p, ref.written, line, ref.span)


    # -- conversations and diaries ---------------------------------------------------------------------------


# a gathering of people, named as such: "the Conference of Secretaries", "Plenum of the CC", "Meeting in Tesgrad"
GATHERING = re.compile(r"(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,2}(?:Conference|Congress|Session|Plenum|Summit|Meeting|"
                       r"Consultation|Gathering|Rally)\s+(?:of|in|at|on)\b")
# kinds of paper a gathering adopts and issues in its own name
ISSUED_KINDS = ("statement", "resolution", "decision", "decree", "directive", "declaration", "communique", "appeal",
                "order", "instruction", "protocol", "document")

# "... containing verbatim transcript of ...", "... concerning the visit", "... with a copy of the manifesto": what a
# paper holds or is about, after the addressee (a participle in lower case never belongs to a name)
ABOUT_AFTER = re.compile(r"\s+(?:with\s+(?:a\s+)?cop(?:y|ies)\s+(?:of|to)|[a-z]{3,}ing|containing|concerning|regarding|transmitting|enclosing|forwarding|summari[sz]ing|"
                         r"describing|discussing|reporting\s+on|about|Summari[sz]ing|Containing|Transmitting|Enclosing|"
                         r"Forwarding|Describing|Discussing)\s")
# "Mir Testov CC Secretary of the Invented Party": two or three capitalised words of a name, then an office (perhaps
# after a body's initials) that holds "of" something
NAME_THEN_OFFICE = re.compile(r"(?P<n>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})\s+(?P<office>(?:[A-Z]{2,6}\s+){0,2}"
                              r"(?:First\s+|Deputy\s+|General\s+|Vice\s+)?(?:Secretary|Chairman|Minister|Ambassador|"
                              r"President|Director|Head|Member|Commander|Chief)\s+of\s+.+)")

# "Reducing Tourist Exchanges with Testland", "Regarding the Visit": a capitalised participle and the words it governs
GERUND_START = re.compile(r"[A-Z][a-z]{2,}ing\s+(?:[A-Z\d]\S*\s+){0,5}[a-z]")

# a diplomatic mission's word: the place after it is where it sits
MISSION_WORD = re.compile(r"\b(?:Embassy|Mission|Legation|Consulate(?:[- ]General)?|High\s+Commission)$")

# "attention Ivan Testov", "Attn: X", "for the attention of X": the person a paper sent to a body is for
ATTENTION = re.compile(r"\s*(?:(?:for\s+the\s+)?(?i:attention)(?:\s+of)?|(?i:attn)\.?)\s*:?\s+(?=[A-Z])")
# "Kazak Refugees in Tesgrad", "Testland Students in X": a group named by where it lives
GROUP_IN = re.compile(r"\b(?:Refugees|Students|Workers|Emigrants|Émigrés|Emigres|Exiles|Communists|Residents|Nationals|"
                      r"Citizens|Compatriots|Volunteers|Specialists|Advisers|Advisors|Experts|Prisoners|Veterans)$")

# "[of the Testland Party]": the editors' words completing an office, in brackets
EDITORS_COMPLETION = re.compile(r"\[(?:of|the|for|in|to|and)\s[^\[\]]*\]")

# "[PRC] ", "[Testland] ": the editors' word in brackets before an office
EDITORS_NATION = re.compile(r"\s*\[[^\[\]]{1,30}\]\s+(?=[A-Z])")

# "and Others", "et al.": a list's end that names no one
NOT_A_NAME = re.compile(r"(?:and\s+)?(?:others|other\s+comrades|other\s+leaders|et\s+al\.?|etc\.?|all)", re.IGNORECASE)


# an event a title names where a list of senders or addressees would stand: "the Visit of the Delegation", "Meeting
# Between A and B", "Testov's Visit" (a meeting or a conference that issues a paper is its sender: "Statement from the
# Meeting of Foreign Ministers" is left alone)
EVENT_PHRASE = re.compile(r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:(?:[\w.-]+\s+){0,8}?[\w.-]+[’']s\s+)?"
                          r"(?:(?i:official|state|working|friendly|private|secret|first|second|recent|last)\s+)?(?:"
                          r"(?i:visits?|trips?|journeys?|stays?|receptions?|luncheons?|dinners?|banquets?|incidents?)"
                          r"(?=\s+(?i:of|to|in|at|by|between|with|on)\b|\s*$)|"
                          r"(?i:meetings?|talks|conversations?|discussions?|negotiations?)(?=\s+(?i:between|with)\b))")

_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# a clock time ("5 P.M.", "21:30", "9 p.m. Moscow time", "0400 hours"), a weekday, or both ("Friday, 9 p.m.")
CLOCK_OR_DAY = re.compile(r"(?i:(?:" + _WEEKDAY + r"\s*,?\s*)?(?:(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?|hours?|hrs\.?|h)"
                          r"|\d{1,2}[:.]\d{2}|\d{4}\s+hours?)(?:\s+(?:\w+\s+)?time)?|" + _WEEKDAY + r")\.?")


def _tamed(s: str) -> str:
    """Words in capitals as a title writes them otherwise: "DEPUTY MINISTER IN THE MINISTRY OF TESTING" ->
    "Deputy Minister in the Ministry of Testing" (initials and short acronyms stay); other text as it is."""
    if s.upper() != s or not any(c.isalpha() for c in s):
        return s
    small = {"in", "of", "the", "to", "for", "and", "at", "on", "a", "an"}
    return " ".join(w.lower() if w.lower() in small and i else w if len(w) <= 4 and w.isalpha() and i else w.title()
                    for i, w in enumerate(s.split()))


def not_a_party(piece: str) -> bool:
    """A piece of a list of senders or addressees that names when, not who: a date ("14 January 1981", "May
    1962"), a weekday, a clock time ("5 P.M.", "21:30 Moscow time")."""
    p = piece.strip().strip("[]()").strip().rstrip(".,;")
    if not p or CLOCK_OR_DAY.fullmatch(p):
        return bool(p)
    if re.search(r"[A-Za-z]{2}", re.sub(r"(?i)\b(?:" + _MONTH_WORDS + r")\b|\b(?:on|of|the|dated|circa|ca)\b|(?<=\d)(?:st|nd|rd|th)\b", "", p)):
        return False  # a word that is not a month's: a name may be in it
    if re.fullmatch(r"(?:(?:early|mid|late)[- ])?(?:(?:" + _MONTH_WORDS + r")\.?\s+)?(?:1[89]|20)\d\d(?:s)?", p, re.IGNORECASE):
        return True  # "May 1962", "1953", "1950s"
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?\s+(?:" + _MONTH_WORDS + r")\.?|(?:" + _MONTH_WORDS +
                    r")\.?\s+\d{1,2}(?:st|nd|rd|th)?", p, re.IGNORECASE):
        return True  # "3 May", "May 3rd": a day of a year the title gives elsewhere
    return bool(find_dates(p)) or trailing_partial_date(p) is not None


_MONTH_WORDS = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
                r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")


# "Memorandum for the President from Henry Kissinger": the addressee, then the sender
TO_THEN_FROM = re.compile(r"^\s*,?\s*(?:to|for)\s+(?P<b>(?:the\s+)?[A-Z][^,:;]{0,120}?)\s*,?\s+from\s+(?P<a>(?:the\s+)?[A-Z].*)$")


# "Yugoslav Embassies in Washington", "Missions in Santiago de Chile": missions in a list of places that follows
MISSIONS_IN = re.compile(r"\b(?:Embassies|Missions|Legations|Consulates|Representations)\s+in\s+[A-Z]")


PLACE_LIST_ITEM = re.compile(r"(?:and\s+)?[A-Z][\w’'.-]*(?:\s+(?:de\s+|del\s+)?[A-Z][\w’'.-]*){0,3}(?:\s*\([^()]*\))?")


# "Embassy in Havana", "the Embassy of Testland in Tesgrad", "the Soviet Ambassador in Beijing", "Chinese Embassy in
# North Korea": a mission or an envoy and the place (a city or a country) it sits in
MISSION_PLACE = re.compile(r"\b(?:Embass(?:y|ies)|Consulate(?:[- ]General)?|Legation|Mission|Representation|Ambassador|"
                           r"Envoy|Charg[eé]\s+d['’]\s?Affaires|Consul(?:[- ]General)?|Trade\s+Representative)"
                           r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,4}?)?"
                           r"(?:\s+to\s+the\s+(?:U\.\s?N\.|UN|United\s+Nations))?\s+(?P<prep>in|to)\s+(?:the\s+)?"
                           r"(?P<p>[A-Z\u00C0-\u00DE][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*){0,3})\s*$")


def mission_place(name: str) -> re.Match[str] | None:
    """Where a mission or envoy named as a sender sits ("Polish Embassy in Havana" -> Havana), or None."""
    m = MISSION_PLACE.search(name)
    if m is None or m["p"].split()[0] in ("Charge", "Chief", "Office") or ROLE_WORDS.match(m["p"].split()[0]):
        return None
    if m["prep"] == "to" and not is_place(m["p"]):  # "Embassy to the Foreign Ministry": an addressee, no place
        return None
    return m


