"""The title line: kind, number, senders, recipients, intermediaries, the place sent from."""

from __future__ import annotations

import re

from kg.ingest.common import (
    find_dates,
    parse_name,
    split_names,
    trailing_partial_date,
)
from kg.ingest.wilson.conversation import NAMED_MEETING, POSSESSIVE_DIARY, RECEPTION_RE  # noqa: F401 - re-exported
from kg.ingest.wilson.layout import Line
from kg.ingest.wilson.offices import (  # noqa: F401 - re-exported for the other parts of the parser
    BODY_BEFORE_KIND,
    BODY_KIND_RE,
    BODY_THEN_PAPER,
    LOWER_ROLES,
    MINISTRY_WORDS,
    OFFICE_OF,
    ORG_TAIL,
    ORG_WORDS,
    TO_AN_OFFICE,
    TO_VERB,
    find_to,
    is_office,
    is_office_phrase,
    kind_name,
    strip_role,
    swap_cover_name,
)
from kg.ingest.wilson.parties import PartiesMixin, is_place, mission_place  # noqa: F401 - re-exported
from kg.ingest.wilson.vocab import (
    CONVERSATION_KINDS,
    CORRESPONDENCE_KINDS,
    DEMONYM,
    DESCRIPTION_START,
    FOR_RE,
    KIND_RE,
    MAX_TITLE,
    NUMBER_RE,
    PLACES,
    ROLE_WORDS,
    TITLE_CUT,
    VIA_MEANS,
    VIA_RE,
)
from kg.records import (
    DocumentRecord,
    Span,
)

# a title's comma part that is the paper's number, perhaps after a word naming the paper: ", No. 53/492,",
# "Aviso no. 025/79, ..."
COMMA_NUMBER = re.compile(r"(?:^\s*(?:(?-i:[A-Z])[\w’'-]*\s+)?|,\s+)(?:No\.|no\.|NO\.|Nº|№|#)\s*"
                          r"(?P<num>\d[\w/.-]*(?:\(\d+\)[\w/.-]*)?(?<=[\w)]))"
                          r"(?=,|\s*$|\s+(?i:from|to|of|by|dated)\s)")


# a paper of another sort than the kind word names, about that one: "Analysis of the Report", "Evaluation of the
# Telegram", "Appendix to the Letter" (page-fields: words outside the kind table give document); an excerpt, a
# translation, a copy or the text of a paper keeps its kind
OTHER_PAPER_OF = re.compile(r"^(?!(?:An?\s+|The\s+)?(?:Excerpts?|Extracts?|Translation|Copy|Copies|Text|Draft|From|Full|"
                            r"English|Summary|Original)\b)(?-i:[A-Z])[a-z]+\s+(?:of|on|to|about|concerning|regarding)\s+"
                            r"(?:the|a|an|this|that|his|her|its|their)\s+$")


# the paper's number as a comma part of a title's tail: "..., TOP SECRET, No. 76.054, Urgent", "..., NO. 055/74 FROM
# THE COUNCIL" (not "in Example Review No. 11/1964": the journal's)
TAIL_NUMBER = re.compile(r"(?:^|,)\s*(?:No\.|Nº|№)\s*(?P<num>\d[\w/.-]*\w)(?=\s*(?:,|$)|\s+(?:from|to|of|by|dated)\b)",
                         re.IGNORECASE)


class TitleMixin(PartiesMixin):
    # -- title -----------------------------------------------------------------------------------------------
    def parse_title(self, rec: DocumentRecord, line: Line) -> None:
        self.read_title(rec, line)
        self.tidy_parties(rec)  # (every shape of title: what the parties' brackets and places say)
        if rec.number is None and (nm := COMMA_NUMBER.search(line.text)) is not None:
            rec.number = nm["num"]  # "Directorate of X, No. 53/492, to Y", "Aviso no. 025/79, Response from X"

    def body_then_paper(self, rec: DocumentRecord, s: str, base: int, line: Line) -> bool:
        """ "Testland Interior Ministry Analysis of Invented Propaganda": the body that wrote a paper named by a word
        no kind has (kind stays "document")."""
        bm = BODY_THEN_PAPER.match(s)
        if bm is None:
            return False
        rec.senders.extend(self.names(bm["body"], base, "senders", line, rec.senders))
        return True

    def read_title(self, rec: DocumentRecord, line: Line) -> None:
        t = line.text
        lead = len(t) - len(t.lstrip())
        s = t.strip()
        nm = NAMED_MEETING.match(s)
        if nm:  # "Minutes of Todor Zhivkov – Indira Gandhi Meeting, Delhi": the two sides, then what it records
            rec.kind = "minutes of conversation" if nm["k"].lower() in ("minutes", "protocol") \
                else "record of conversation"  # type: ignore[assignment]
            base = line.start + lead
            self.add_participant(rec, nm["a"], base + nm.start("a"), None)
            self.add_participant(rec, nm["b"], base + nm.start("b"), None)
            return
        m = KIND_RE.match(s)
        if m is not None and OTHER_PAPER_OF.match(m["pre"]):
            m = None  # "Analysis of the Report on X", "Appendix to the Letter of X": a paper about that one (document)
        pos = 0
        if m:
            rec.kind = kind_name(m["kind"]) or rec.kind  # type: ignore[assignment]
            pos = m.end()
        elif (bk := BODY_KIND_RE.match(s)) is not None and kind_name(bk["kind"]):
            m = bk
            rec.kind = kind_name(m["kind"]) or rec.kind  # type: ignore[assignment]
            pos = m.end()
        elif lk := LATE_KIND.search(s):
            # "Central Committee of the ... Presidium Protocol 32": the kind and its number end the title
            rec.kind = kind_name(lk["kind"]) or "document"  # type: ignore[assignment]
            rec.number = lk["num"]
            return
        elif POSSESSIVE_DIARY.match(s):  # "Excerpts from A. M. Orlov's diary ...": initials hide the kind word
            rec.kind = "diary"
        elif (dk := DESCRIBED_KIND.match(s)) is not None and kind_name(dk["kind"]):
            # "Undated, unsigned handwritten note, possibly by X": words describing it, then its kind word; who
            # "possibly" wrote it is a guess, not a sender
            rec.kind = kind_name(dk["kind"]) or "document"  # type: ignore[assignment]
            return
        else:
            rec.kind = "document"
            if self.author_then_kind(rec, s, line.start + lead, line):
                return
            if self.body_then_paper(rec, s, line.start + lead, line):  # ("TASS News Summary, 'Broadcasts'")
                return
            qm = re.fullmatch(r"(?P<who>[A-Z\u00C0-\u024F\u1E00-\u1EFF][\w’'.-]*(?:\s+[A-Z\u00C0-\u024F\u1E00-\u1EFF]"
                              r"[\w’'.-]*){1,3}),\s*[‘'“\"].+", s)  # ("Trần Văn Test, 'On ...'": any capital letter)
            if qm is not None and not ORG_WORDS.search(qm["who"]) and not is_place(qm["who"]):
                # "Hans Testmann, 'RE: Invented Cooperation; Result of my Meeting ...'": his paper, its subject quoted
                rec.senders.extend(self.names(qm["who"], line.start + lead, "senders", line, rec.senders))
                return
            if self.meets_title(rec, s, line.start + lead):
                return
            if self.reception_title(rec, s, line.start + lead):
                return
            # "GDR Ambassador Pyongyang to Ministry for Foreign Affairs, Berlin": the city after the addressee is
            # where it went
            dm = re.search(r",\s*(?P<p>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s*$", s)
            s_ = s[: dm.start()] if dm and is_place(dm["p"]) else s
            um = UNTYPED_A_TO_B.match(s_)
            to_at = find_to(s_) if um or UNTYPED_PARTIES.match(s_) else None
            one = re.fullmatch(r"(?P<a>[A-Z][\w’'-]{2,})\s+to\s+(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]*", s_)
            if one is not None and not is_place(one["a"]) and KIND_RE.match(one["a"]) is None and \
                    not TO_VERB.match(s_, len(one["a"]) + 4):  # ("Proposal to Establish Relations": no addressee)
                to_at = len(one["a"])  # "Testmann to Hermann Examplov": one name writing to a person
            if to_at is not None and to_at > 0 and (UNTYPED_PARTIES.match(s_[:to_at]) or one is not None) and \
                    re.match(r"(?:the\s+)?[A-Z]", s_[to_at + 4:]) and not re.search(r"[,:;]", s_[to_at + 4:]) and \
                    all(w in ("of", "the", "and", "for", "to", "in", "on", "de", "von", "van", "al", "der", "du")
                        for w in re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", s_[to_at + 4:])):
                # (every small word of the addressee is one of an office's or a name's: "Ministries Plan to
                # Cooperate against X" names no addressee)
                # "Raúl Díaz Argíelles to the Cuban Armed Forces Minister [Raúl Castro]", "Soviet Ambassador to
                # the DPRK Puzanov to Foreign Minister Gromyko": no kind word, only who wrote to whom
                base = line.start + lead
                senders_txt = s_[:to_at]
                # "GDR Ambassador Pyongyang": an office, then the city where he was (a place is never a sender)
                pm0 = re.search(r"(?<=\s)(?P<p>[A-Z][\w’'-]+)\s*$", senders_txt)
                if pm0 and is_place(pm0["p"]) and ROLE_WORDS.match(senders_txt[: pm0.start()].split()[-1]) and \
                        rec.sent_from is None:
                    rec.sent_from, rec.sent_from_span = pm0["p"], Span(base + pm0.start("p"), base + pm0.end("p"))
                    senders_txt = senders_txt[: pm0.start()].rstrip()
                rec.senders.extend(self.names(senders_txt, base, "senders", line, rec.senders))
                rec.recipients.extend(self.names(s_[to_at + 4:], base + to_at + 4, "recipients", line,
                                                 rec.recipients))
                if s_ is not s and rec.destination is None and dm:
                    rec.destination = dm["p"]
                return
        n = NUMBER_RE.match(s[pos:]) or (re.match(r"^\s+(?P<num>\d{1,4}[./]\d{2,}(?:[./]\d+)*|\d{3,})(?=\s+(?:from|to)\b|,)",
                                                  s[pos:]) if m else None) or (
            re.match(r"^\s+(?P<num>\d{1,4}[\w/-]*)(?=\s+of\b|,|\s*$)", s[pos:])  # "Protocol 55 of the Meeting"
            if m and rec.kind in ("protocol", "minutes") else None)
        if n is None and m:  # "Memorandum DEM/132 by X": a register's letters and number after the kind word
            n = re.match(r"^\s+(?P<num>[A-Z]{2,5}[/-]\s?\d[\w/-]*)(?=\s+(?:by|from|to)\b|,|\s*$)", s[pos:])
        if n:
            rec.number = n["num"].rstrip(".")
            pos += n.end()
        rest = s[pos:]
        rest_off = pos
        cm = KIND_THEN_CONVERSATION.match(rest) if rec.kind in KIND_OF_CONVERSATION else None
        if cm:  # "Minutes, Mao's Conversation with X, Beijing": the minutes of his conversation
            rec.kind = KIND_OF_CONVERSATION[rec.kind]  # type: ignore[assignment]
            self.add_participant(rec, cm["who"], line.start + lead + rest_off + cm.start("who"), None)
            self.conversation_title(rec, rest[cm.end("k"):], line.start + lead + rest_off + cm.end("k"))
            return
        if rec.kind == "diary":
            self.diary_title(rec, s, line.start + lead)
            return
        # ("Information: The Source Reported about a Conversation with X": a heading, then what it is about)
        am_ = ACCOUNT_OF_TALKS.search(rest) if rec.kind in ("report", "information", "note") and \
            not rest.lstrip().startswith(":") else None
        if am_ is not None and re.match(r"\s+(?:of|by|from)\s+(?:the\s+)?[A-Z]", rest):
            am_ = None  # "Report of X and Y on Talks with Z", "Report by X on his Conversation with Y": their report
        if am_ is not None:
            # "Report to the Political Committee on the Consultation Meeting With A and B": an account of a
            # conversation (docs/page-fields.md), with no addressee; those it was with took part
            rec.kind = "record of conversation"  # type: ignore[assignment]
            self.conversation_title(rec, rest[am_.end("k"):], line.start + lead + rest_off + am_.end("k"))
            return
        if rec.kind in CONVERSATION_KINDS:
            # "Bierut's Telephone Conversation with Stalin": the one whose conversation it was took part
            pm_ = re.match(r"^(?P<who>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2})(?:[’']s)?\s*(?:\[(?P<id>[^\[\]]{2,60}?)"
                           r"(?:[’']s)?\]\s*)?(?(id)|[’']s\s)", m["pre"]) if m else None
            if pm_ and pm_["id"]:  # "The Chancellor’s [Testov's] Meeting with X": the office, identified by the editors
                ref = self.add_participant(rec, f"{pm_['who']} [{pm_['id']}]", 0, None)
                if ref is not None:
                    ref.written = pm_.group(0).strip()
                    ref.span = Span(line.start + lead, line.start + lead + len(ref.written))
                    ref.role = None
            elif pm_:
                ref = self.add_participant(rec, pm_["who"], line.start + lead, None)
                if ref is not None and m and re.match(r"(?i:notes?|record|memorandum|memo|minutes|summary|account)\b",
                                                      m["kind"]):
                    ref.role = "recorder"  # "X's Notes of a Conversation with Y": X wrote them (he comes last)
            # participants of a conversation are neither senders nor recipients
            self.conversation_title(rec, rest, line.start + lead + rest_off)
            return
        if len(rest) > MAX_TITLE:
            self.flag("title", f"title longer than {MAX_TITLE} characters: senders and recipients not read from it",
                      s[:80] + "...", line, rec.title_span)
            return
        if rec.kind in ("protocol", "minutes") and PROTOCOL_OF_MEETING.match(rest):
            # "Protocol 55 of the Meeting of the Political Bureau ...", "Protocol No. 129, Meeting of the Polish
            # Politburo": the minutes of a body's meeting, which no one sent
            rec.kind = "minutes of conversation"  # type: ignore[assignment]
            return
        if DESCRIBED_AFTER.match(rest):
            return  # "Embassy Report no. 2296/1954, Registered by the Ministry ...": how it was filed, not who sent it
        body_pre = BODY_BEFORE_KIND.fullmatch(m["pre"]) if m else None
        if m and not rec.senders and body_pre is not None and \
                re.match(r"\s*(?:\((?i:with|without|and|plus)\s[^()]*\)\s*)?(?:$|,\s*[‘'“\"\[]|,\s*(?!to\s|from\s)[A-Z]|(?i:to|on|about|regarding|concerning|with|for)\s|"
                         r"(?i:distributed|sent|addressed|circulated|submitted)\s+to\s)", rest):
            # "GDR Embassy Letter to State Secretary Hegen", "Secret North Vietnam Politburo Cable No. 320", "VKP(b)
            # CC Decree, 'On ...'", "Ministry of Foreign Affairs Information to the President": the body or office
            # that wrote it stands before the kind word
            at = body_pre.start("body")
            rec.senders.extend(self.names(body_pre["body"].rstrip(), line.start + lead + at, "senders", line,
                                          rec.senders))
            if re.match(r"\s+with\s|\s*,\s*(?!to\s|from\s)[A-Z]", rest):
                # "Politburo Decision with Approved Message from A to B": an enclosure; "Embassy Cable, Ambassador
                # X Reports on ...": what it says
                return
        hm = re.fullmatch(r"(?P<a>[A-Z][a-z]{2,})[-–](?P<b>[A-Z][a-z]{2,})\s+", m["pre"]) if m else None
        if hm and not DEMONYM.fullmatch(hm["a"]) and not DEMONYM.fullmatch(hm["b"]) and not rec.senders and \
                not re.match(r"\s*(?:,|:|from\b|by\b|of\b)", rest) and rec.kind not in CONVERSATION_KINDS:
            # "Mikoyan-Suslov Report": a report the two wrote together
            base0 = line.start + lead
            for g in ("a", "b"):
                ref, _ = parse_name(hm[g], base0 + hm.start(g))
                ref.kind = "person"
                rec.senders.append(ref)
        pm3 = (re.match(r"^(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})[’']s\s", m["pre"]) or
               # "Excerpt from the Unedited Translation of Mao Zedong’s Speech": the possessor just before the kind word
               re.search(r"(?<=\sof\s)(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})[’']s\s+$", m["pre"])) if m else None
        if pm3 and not rec.senders and not re.match(r"\s*(?:,|:|from\b|by\b)", rest):
            # "Mikhail Testov's Background Report for Khrushchev on China": whose report it is, and for whom
            base0 = line.start + lead
            rec.senders.extend(self.names(pm3["who"], base0 + pm3.start("who"), "senders", line, rec.senders))
            fm = re.match(r"^\s+(?:for|to)\s+(?P<b>(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?=\s+(?:on|about|"
                          r"regarding|concerning)\b|\s*[,(]|\s*$)", rest)
            if fm:
                rec.recipients.extend(self.names(fm["b"], base0 + rest_off + fm.start("b"), "recipients", line,
                                                 rec.recipients))
            return
        if self.to_then_from(rec, rest, line.start + lead + rest_off, line):
            return
        hm2 = HANDED_TO.match(rest)
        if hm2 is not None:  # "Note Handed to the Testland Ambassador by Foreign Minister X": to whom, by whom
            base0 = line.start + lead + rest_off
            rec.recipients.extend(self.names(hm2["b"], base0 + hm2.start("b"), "recipients", line, rec.recipients))
            rec.senders.extend(self.names(hm2["a"], base0 + hm2.start("a"), "senders", line, rec.senders))
            return
        if (am := ANSWERING.search(rest)) is not None and not rec.recipients:
            # "Response of X [to Kim Il Sung's Message of August 1, 1976]": the one whose message it answers
            rec.recipients.extend(self.names(am["who"], line.start + lead + rest_off + am.start("who"), "recipients",
                                             line, rec.recipients))
            rest = rest[: am.start()] + " " * (am.end() - am.start()) + rest[am.end():]
        # (a misspelt "from" still is one: "Report fromk X")
        mm = re.match(r"^\s*(?:,\s*(?:from\s+)?|:\s*|\s+(?:from|fromk|fromm|frm|fom|fron)\s+|\s+of\s+|\s+by\s+)", rest,
                      re.IGNORECASE)
        if not mm and rec.kind in CORRESPONDENCE_KINDS and re.match(r"\s+[A-Z]", rest) and " to " in rest:
            mm = re.match(r"\s+", rest)  # "Telegram Shtykov to Vyshinsky on a Luncheon"
        if not mm and rec.kind in CORRESPONDENCE_KINDS and re.match(r"\s+via\s+\S+\s+to\s+(?:the\s+)?(?:[A-Z]|Cde\.)", rest):
            mm = re.match(r"\s+", rest)  # "Telephone message via VCh to Cde. Stalin": no sender named
        if not mm and re.match(r"\s+(?:(?i:distributed|sent|addressed|circulated|submitted)\s+)?to\s+(?:the\s+)?[A-Z]", rest):
            # "Report to the Political Committee on ...", "TASS Report Distributed to Cdes. A, B": only the addressee
            mm = re.match(r"\s+(?:(?i:distributed|sent|addressed|circulated|submitted)\s+)?(?=to\s)", rest)
        if not mm:
            mm = SUBJECT_THEN_FROM.match(rest)  # "Report on the 'Invented Incident' from the Testland Embassy in X"
        if not mm and (fm0 := FOR_FIRST.match(rest) or FOR_ADDRESSEE.match(rest)) is not None and \
                not NOT_AN_ADDRESSEE.match(fm0["who"]):
            # "INFORMATION [FOR IVAN TESTOV] ON ...", "Report for the CPSU CC Summarizing ...": for whom
            rec.recipients.extend(self.names(fm0["who"], line.start + lead + rest_off + fm0.start("who"), "recipients",
                                             line, rec.recipients))
            return
        if not mm:
            return  # a title without sender/recipient
        if mm.group(0).strip() == ":" and re.search(r"\b[A-Za-z]{3,}ed\s+(?:about|on|that|with|to|in)\s", rest[mm.end():]):
            return  # "Information: The Source Reported about X": a sentence on what it says, not who sent it
        if rec.kind in ("transcript", "minutes", "protocol") and mm.group(0).strip().lower() == "of":
            # "Transcript of a Politburo Session", "Minutes of the Board": what was recorded, not who sent it;
            # "Transcript of Official Negotiations between A and B": A and B took part
            if re.search(r"\bbetween\s+\S+.*\sand\s", rest):
                self.conversation_title(rec, rest[mm.end():], line.start + lead + rest_off + mm.end())
            return
        rest_off += mm.end()
        rest = rest[mm.end():]
        pm = re.match(r"(?P<place>[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*)?),\s+(?=\S.*\sto\s)", rest)
        if pm and (pm["place"] in PLACES or pm["place"].title() in PLACES):
            rec.sent_from = pm["place"]
            a = line.start + lead + rest_off
            rec.sent_from_span = Span(a, a + len(pm["place"]))
            rest_off += pm.end()
            rest = rest[pm.end():]
        # "..., 19 June 1953, 5:35 p.m.": the time after the day; "(3)": a footnote number
        rest = re.sub(r",?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.\s?m\.|[ap]m|hours?)?\s*$", "", rest)
        rest = re.sub(r"\s*\(\d{1,2}\)(?=\s*(?:,|$))", lambda x: " " * len(x.group(0)), rest)
        # "(excerpt)", "[extract]": what part of the document the page gives (before a date that ends the title)
        rest = EXCERPT_MARK.sub(lambda x: " " * len(x.group(0)), rest).rstrip()
        # "..., 21 November 1962": the day at the end of a title is the date, neither a sender nor an addressee
        for d in reversed(find_dates(rest)):
            if d.value and not rest[d.end:].strip(" .)]"):
                dm = re.search(r"[,;]?\s*(?:on\s+|of\s+|dated\s+)?$", rest[: d.start])
                rest = rest[: dm.start() if dm else d.start]
            break
        if (pd := trailing_partial_date(rest)) is not None:  # ", [1953]", ", ca. 1970": a date, not a name
            rest = rest[: pd.start]
        # "(excerpt)", "[extract]": what part of the document the page gives, not part of a name
        rest = EXCERPT_MARK.sub(lambda x: " " * len(x.group(0)), rest)
        # "Memorandum by the Foreign Ministry on Invented Relations": what it is about (a "Committee on X" keeps it)
        for om2 in re.finditer(r"\s+on\s+(?=[A-Z])", rest):
            if not re.search(r"\b(?:Committee|Commission|Conference|Council|Subcommittee|Board)$", rest[: om2.start()]) \
                    and (not re.search(r"\bto\s", rest[om2.end():]) or re.search(r"(?:^|\s)to\s", rest[: om2.start()]) or
                         re.match(r"(?:the\s+|his\s+|a\s+)?(?:Visit|Trip|Journey|Stay|Talks|Situation|Question|Results?|"
                                  r"Meeting|Conversation|Negotiations|Relations|Problems?|Issues?)\b", rest[om2.end():])):
                # ("Report to X on Instructions to Y": the addressee came before what it is about)
                rest = rest[: om2.start()]
                break
        if DESCRIPTION_START.match(rest):  # "Telegram, Visit of Mr. X to Y": no one named who sent it
            rest = ""
        # cut a trailing description ("..., transmitting a Message", " - Henry A. Wallace's visit")
        cut = TITLE_CUT.search(rest)
        if cut:
            # (a comma part of its own: "in Example Review No. 11/1964" numbers the journal, not the paper)
            nm_tail = TAIL_NUMBER.search(rest[cut.start():])
            if nm_tail and rec.number is None:  # "..., TOP SECRET, No. 76.054, Urgent"
                rec.number = nm_tail["num"]
            rest = rest[: cut.start()]
        # "A to B"
        to_at = find_to(rest)
        base = line.start + lead + rest_off
        if to_at is None and (fr := re.search(r",\s*for\s+(?=(?:the\s+)?[A-Z])", rest)) is not None:
            # "Memorandum by X, Deputy Chief, for the Head of the Department": the addressee after "for"
            senders_txt, recips_txt, r_off = rest[: fr.start()], rest[fr.end():], fr.end()
        elif to_at is None:
            senders_txt, recips_txt, r_off = rest, "", None
        elif to_at == -1:
            senders_txt, recips_txt, r_off = "", rest[3:], 3
        else:
            senders_txt, recips_txt, r_off = rest[:to_at], rest[to_at + 4:], to_at + 4
            # "from the CC sent to X", "from A addressed to B": how it went, not part of the sender's name
            senders_txt = re.sub(r"\s+(?:sent|addressed|forwarded|delivered|handed|passed|transmitted|sent\s+on)\s*$", "",
                                 senders_txt)
        for who, txt, off in (("senders", senders_txt, 0), ("recipients", recips_txt, r_off)):
            if not txt.strip() or off is None:
                continue
            vm0 = re.fullmatch(r"\s*via\s+(?P<m>\S+)\s*", txt)
            if vm0 and VIA_MEANS.fullmatch(vm0["m"]):  # "Telephone message via VCh to ...": no sender named
                continue
            # "Draft Instructions to A and B, VKP(b) CC Decree": the body whose decree it is, after the addressees
            im = re.search(r",\s*(?P<org>[^,]+?\s)(?:Decree|Resolution|Decision|Directive|Order)\s*$", txt) \
                if who == "recipients" else None
            if im and not rec.senders and (bm := BODY_BEFORE_KIND.fullmatch(im["org"])) is not None:
                rec.senders.extend(self.names(bm["body"], base + off + im.start("org") + bm.start("body"), "senders",
                                              line, rec.senders))
                txt = txt[: im.start()]
            # "to A, B, and convey to C": C gets it through them, an addressee too
            if who == "recipients":
                txt = CONVEY_TO.sub(lambda x: "," + " " * (len(x.group(0)) - 1), txt)
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
                if VIA_MEANS.fullmatch(vname.strip()):  # "via VCh": the line it went by, not a person
                    txt = txt[: vm.start()] + " " * (vm.end() - vm.start()) + txt[vm.end():]
                    continue
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
            if final is not None:  # "to Krasovsky, for Mao Zedong": both are addressees, the second the final one
                rec.recipients.extend(self.names(final[1], base + off + final[0], who, line, rec.recipients))

# "on the 'Invented Incident' from the Testland Embassy in X": what it is about, then the mission or body that wrote
# it (a place or a person after "from" may be what the subject came from: "Report on Grain from Testland")
SUBJECT_THEN_FROM = re.compile(r"^\s+(?:on|about|regarding|concerning)\s+.{3,150}?\s+from\s+(?=(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}"
                               r"(?:Embassy|Legation|Consulate|Mission|Ministry|Committee|Department|Office|Secretariat|"
                               r"Politburo|Presidium|Government|Council|Bureau|Command|Headquarters)\b)")
# "[FOR IVAN TESTOV] ON ...": the editors' bracket naming for whom a paper was written, right after the kind word
FOR_FIRST = re.compile(r"^\s*[\[(]\s*(?i:for)\s+(?P<who>[^\])]{2,80})[\])]")
PARTICIPLES = (r"Summari[sz]ing|Concerning|Regarding|Containing|Discussing|Describing|Reporting|Transmitting|Enclosing|"
               r"Forwarding|Proposing|Outlining|Assessing|Evaluating|Analy[sz]ing|Explaining|Requesting|Informing|"
               r"Announcing|Conveying|Including|Reviewing|Criticizing|Criticising")
# "Report for the CPSU CC Summarizing ...", "Memorandum for the President": the one a paper was written for, up
# to what it is about ("on", "about", a participle, a comma)
FOR_ADDRESSEE = re.compile(r"^\s+for\s+(?P<who>(?:the\s+)?[A-Z][\w’'.()-]*(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][\w’'.()-]*){0,6})"
                           r"(?=\s+(?:on|about|regarding|concerning|[a-z]+ing|" + PARTICIPLES + r")\b|\s*[,(:]|\s*$)")
# "for the Record", "for 1962", "for the Period ...", "for the Press": no one it was written for
NOT_AN_ADDRESSEE = re.compile(r"(?:the\s+)?(?:Record|Records|Files?|Year|Period|Month|Quarter|First|Second|Third|Fourth|"
                              r"Press|Attention|Information|Use|Discussion|Approval|Publication|Years?|Months?|Weeks?)\b")
# "on the Consultation Meeting With A", "about a Conversation with B": what a report or information is an account of
ACCOUNT_OF_TALKS = re.compile(r"\b(?:on|about|of|regarding|concerning)\s+(?:a\s+|an\s+|the\s+|his\s+|my\s+|their\s+)?"
                              r"(?:[\w-]+\s+){0,2}?(?P<k>Conversations?|Talks|Meetings?|Discussions?)\s+(?=(?i:with|between)"
                              r"\s+(?:the\s+|Comrades?\s+)?[A-Z])")


# "Minutes, Mao's Conversation with X", "Record: A's Talks with B": a record of one's conversation
KIND_OF_CONVERSATION = {"minutes": "minutes of conversation", "protocol": "minutes of conversation",
                        "memorandum": "memorandum of conversation", "note": "record of conversation",
                        "transcript": "transcript"}
KIND_THEN_CONVERSATION = re.compile(r"^\s*[,:]\s*(?P<who>[A-Z][^,’':]{0,60}?)[’']s?\s+(?P<k>Conversations?|Talks?|Meeting|"
                                    r"Discussions?)(?=\s+with\s+[A-Z]|\s+with\s+(?:a|an|the)\s+[A-Z])")
ANSWERING = re.compile(r"\s*\[to\s+(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})[’']s\s+(?:Message|Letter|Telegram|"
                       r"Note|Greetings?|Congratulations)\b[^\]]*\]")
# ", Meeting of the Polish Politburo", " of the Meeting of the Political Bureau": a body's meeting after a protocol
PROTOCOL_OF_MEETING = re.compile(r"^\s*(?:,|of|from)\s+(?:the\s+)?(?:[\w()’'-]+\s+){0,4}?(?:Meeting|Session|Sitting|Plenum)\b",
                                 re.IGNORECASE)
# ", Registered by the Ministry ...", ", Written in ...": a participle describing the document, not its sender
DESCRIBED_AFTER = re.compile(r"^\s*,\s*(?:[A-Z][a-z]+ed|Written|Drawn|Sent|Given|Made|Taken|Kept)\s+"
                             r"(?:by|as|in|on|at|for|with|under|into)\b")
EXCERPT_MARK = re.compile(r"\s*[\[(](?:excerpts?|extracts?|abridged|fragments?|summary|partial)[\])]|"
                          # ", [with attached table]": the editors' word on what comes with it
                          r",?\s*\[(?:with|without|plus|including|and)\s[^\]]*\]", re.IGNORECASE)
# "to A, B, and convey to C", "to A, to be passed on to B"
CONVEY_TO = re.compile(r",?\s*(?:and\s+)?(?:please\s+)?(?:to\s+be\s+)?(?:convey(?:ed)?|forward(?:ed)?|pass(?:ed)?(?:\s+on)?|"
                       r"transmit(?:ted)?|relay(?:ed)?)\s+(?:(?:it|this|them|copies)\s+)?(?:on\s+)?to\s+", re.IGNORECASE)
HANDED_TO = re.compile(r"^\s+(?:Handed|Delivered|Presented|Given|Passed|Transmitted)\s+(?:over\s+)?to\s+"
                       r"(?P<b>(?:the\s+)?[A-Z][^,:;]{0,120}?)\s+by\s+(?P<a>(?:the\s+)?[A-Z][^,:;]{0,120}?)\s*(?:,.*)?$")
# the sender of an untyped "A to B" title: capitalized words, perhaps an office's small words ("Soviet Ambassador to
# the DPRK Puzanov"), perhaps a bracketed identification
UNTYPED_PARTIES = re.compile(r"^(?:the\s+)?[A-Z\u00C0-\u024F][\w\u00C0-\u024F.’'-]*(?:\s+(?:(?:to|in|of|for|the|and|de|von|van|al)\s+)*"
                             r"(?:[A-Z\u00C0-\u024F][\w\u00C0-\u024F.’'-]*|\[[^\]]+\]|\([^)]+\)))+(?=\s+to\s|$)")
# a title naming only who wrote to whom: two to four capitalized words, "to", then an addressee (a name or an office,
# perhaps identified in brackets), and nothing after it
UNTYPED_A_TO_B = re.compile(r"^(?P<a>[A-Z\u00C0-\u024F][\w\u00C0-\u024F.’'-]*(?:\s+[A-Z\u00C0-\u024F][\w\u00C0-\u024F.’'-]*){1,3})"
                            r"\s+to\s+(?P<b>(?:the\s+)?[A-Z][^,:;]{1,100}?(?:\s*\[[^\]]+\])?)$")
# "Undated, unsigned handwritten note": a capitalised word, then words in lower case describing it, then a kind word in
# lower case
DESCRIBED_KIND = re.compile(r"^[A-Z][a-z]+,?\s+(?:(?!(?:the|a|an|his|her|their|its|this|that|to|from|of|on)\s)"
                            r"[a-z][a-z-]+,?\s+){0,3}(?P<kind>note|letter|memorandum|memo|report|"
                            r"telegram|cable|message|minutes|draft|statement|speech|directive|order|instructions?)\b(?!-)")
# "Central Committee of the ... Presidium Protocol 32": the kind and its number at the end of a title
LATE_KIND = re.compile(r"\b(?P<kind>Protocol|Minutes|Resolution|Decree|Directive|Memorandum|Report|Note|Telegram|Cable|"
                       r"Instruction|Decision)\s+(?:No\.\s*|#\s*|Nº\s*)?(?P<num>\d[\w/.-]*)\s*$", re.IGNORECASE)
