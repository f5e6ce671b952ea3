"""Titles of conversations, meetings, receptions and diaries: who took part and in what part (host, guest, the
diarist), the day of the conversation."""

from __future__ import annotations

import datetime as dt
import re

from kg.ingest.common import find_dates, parse_name, split_names, trailing_partial_date
from kg.ingest.wilson.kinds import record_form  # noqa: F401 - re-exported
from kg.ingest.wilson.layout import Line, PageBase
from kg.ingest.wilson.offices import OFFICE_OF, ORG_WORDS, is_office, is_office_phrase, kind_name, strip_role
from kg.ingest.wilson.vocab import CONVERSATION_KINDS, DIARY_RE, KIND_RE, PLACES, ROLE_WORDS
from kg.records import DocumentRecord, NameRef, Span

GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember"]


def _is_place(name: str) -> bool:
    return name in PLACES or name.title() in PLACES


# "Minutes of Todor Zhivkov – Indira Gandhi Meeting, Delhi": two sides joined by a dash before the word for the meeting
NAMED_MEETING = re.compile(r"^(?P<k>Minutes|Protocol|Record|Notes|Transcript)\s+of\s+(?:the\s+)?"
                           r"(?P<a>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s+[–—-]\s+"
                           r"(?P<b>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}?)\s+(?:Meeting|Talks|Conversation)\b")

# "Reception by Chairman Mao Zedong of the Albanian Friendship Delegation", "Reception of Y by X", "X's Reception of Y"
RECEPTION_RE = re.compile(r"^(?:The\s+)?(?:Official\s+)?Reception\s+(?:given\s+)?by\s+(?P<h1>.+?)\s+(?:of|for)\s+(?P<g1>(?:the\s+)?[A-Z].*)$|"
                          r"^(?:The\s+)?(?:Official\s+)?Reception\s+of\s+(?P<g2>.+?)\s+by\s+(?P<h2>(?:the\s+|cde\.\s+)?[A-Z].*)$|"
                          r"^(?P<h3>[A-Z][^,’']{1,80}?)[’']s?\s+Reception\s+(?:of|for)\s+(?P<g3>(?:the\s+)?[A-Z].*)$")

# "the Testland Delegation led by", "the Party and Government Delegation of the Exampleland P.R. headed by": the words
# before the head's name
LED_BY = re.compile(r"(?:(?<=\s)|^)(?:the\s+)?(?:[A-Z][\w.’'-]*\s+(?:and\s+)?){0,5}Delegations?(?:\s+of\s+(?:the\s+)?"
                    r"[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*){0,5})?,?\s+(?:led|headed)\s+by\s+(?=[A-Z])")

# "General Testov Meets Colonel Primerov to Discuss ...", "Comrade A, Comrade B Receive C": a meeting told as news
MEETS = re.compile(r"^(?P<a>[A-Z].+?)\s+(?P<v>Meets?(?:\s+[Ww]ith)?|Receives?|Confers?\s+[Ww]ith|Holds?\s+Talks\s+[Ww]ith)\s+"
                   r"(?P<b>(?:the\s+)?[A-Z].+?)(?:\s+(?:to|on|about|in|at|for)\s+(?:Discuss|Talk|[a-z]|the\s|[A-Z][a-z]+\s+(?:Issues?|"
                   r"Questions?|Matters?|Relations))|,\s+\d|$)")

# "Reception of the Ambassador of Testland Ivan Examplov": a reception whose host the title does not name
RECEPTION_OF = re.compile(r"^(?:The\s+)?(?:Official\s+)?Reception\s+(?:of|for)\s+(?P<g>(?:the\s+)?[A-Z](?:(?!\sby\s).)*)$")

# "Excerpts from Tsedenbal's diary on his conversation with ...": the author named before the diary
POSSESSIVE_DIARY = re.compile(r"^(?:(?:From|Excerpts?\s+from)\s+)?(?:the\s+)?(?P<who>[A-Z][^,:]{0,80}?)[’']s?\s+"
                              r"(?:Diary|Journal)\b", re.IGNORECASE)


# "the Delegations of A and B", "the Soviet and Chinese Party Delegations": one plural noun shared by two sides
_PLURALS = {"delegations": "Delegation", "governments": "Government", "parties": "Party", "ministers": "Minister",
            "embassies": "Embassy", "ministries": "Ministry", "leaders": "Leader", "leaderships": "Leadership",
            "representatives": "Representative", "premiers": "Premier", "committees": "Committee",
            "commanders": "Commander", "presidents": "President", "chairmen": "Chairman", "heads": "Head",
            "secretaries": "Secretary", "groups": "Group", "missions": "Mission", "sides": "Side"}
PLURAL_WORD = r"(?:" + "|".join(w.capitalize() for w in _PLURALS) + r"|" + "|".join(_PLURALS) + r")"
PLURAL_OF = re.compile(r"^(?P<the>the\s+|The\s+)?(?P<pre>(?:[A-Z][\w’'-]*\s+){0,3}?)(?P<noun>" + PLURAL_WORD +
                       r")(?P<mid>(?:\s+of\s+State)?)\s+of\s+(?P<a>(?:the\s+)?[A-Z][^,&]*?)\s*(?:,\s*)?(?:and|&)\s+"
                       r"(?:of\s+)?(?P<b>(?:the\s+)?[A-Z][^,&]*?)\s*$")
PLURAL_AFTER = re.compile(r"^(?P<the>the\s+|The\s+)?(?P<a>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)\s*(?:,\s*)?(?:and|&)\s+"
                          r"(?P<b>[A-Z][\w’'-]*)(?P<rest>(?:\s+[A-Z][\w’'-]*){0,3}?)\s+(?P<noun>" + PLURAL_WORD +
                          r")\s*$")


def distribute_plural(g: str) -> list[tuple[int, int, str]] | None:
    """ "the Delegations of Testland and Exampleland" -> the Delegation of Testland, the Delegation of
    Exampleland; "the Soviet and Chinese Party Delegations" -> the Soviet Party Delegation, the Chinese Party
    Delegation. Each side as (start, end of its own words in g, the name written out); None for anything else."""
    m = PLURAL_OF.match(g)
    if m:
        noun = _PLURALS[m["noun"].lower()]
        if m["noun"][0].islower():
            noun = noun.lower()
        head = (m["the"] or "") + m["pre"] + noun + m["mid"] + " of "
        return [(m.start(k), m.end(k), head + m[k]) for k in ("a", "b")]
    m = PLURAL_AFTER.match(g)
    if m and not is_office_phrase(m["a"]) and not re.search(r"\b(?:of|and)\b", m["a"]):
        noun = _PLURALS[m["noun"].lower()]
        tail = m["rest"] + " " + noun
        the = m["the"] or ""
        return [(m.start("a"), m.end("a"), the + m["a"] + tail), (m.start("b"), m.end("noun"), the + m["b"] + tail)]
    return None


# the small words a person's name or an office may have in lower case
_NAME_PARTICLES = {"of", "the", "and", "de", "da", "di", "del", "dos", "du", "la", "le", "van", "von", "der", "al", "el",
                   "bin", "ibn", "for", "to", "in"}


def _description(piece: str) -> bool:
    """ "Soviet journalist", "An American businessman": a description of the one named next, not a name (it ends
    in a word in lower case that is not one of a name's small words; "Polish leader Testov" names him)."""
    words = piece.strip().split()
    return 2 <= len(words) <= 5 and words[0][:1].isupper() and re.fullmatch(r"[a-z]{3,}", words[-1]) is not None and \
        words[-1].lower() not in _NAME_PARTICLES and not re.search(r"[\[(]", piece)


class ConversationMixin(PageBase):
    def meets_title(self, rec: DocumentRecord, s: str, base: int) -> bool:
        """ "General Testov Meets Colonel Primerov to Discuss ...", "Comrade A, Comrade B Receive C, Testland's
        Ambassador; and D, ...": a meeting told as news; the first side met (or received) the second."""
        m = MEETS.match(s)
        if m is None or not re.fullmatch(r"(?:(?:Comrade|Cde\.|Mr\.|Dr\.)\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}"
                                         r"(?:,\s*(?:and\s+)?(?:(?:Comrade|Cde\.)\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})*",
                                         m["a"]):
            return False
        rec.kind = "meeting"  # type: ignore[assignment]
        host = m["v"].lower().startswith("receive")
        for key in ("a", "b"):
            for gm in re.finditer(r"[^;]+", m[key]):
                group = gm.group(0)
                om = re.match(r"^\s*(?:and\s+)?(?P<name>[^,]+?),\s*(?P<role>[^,]+)$", group)
                if key == "b" and om and ("’s " in om["role"] or "'s " in om["role"] or is_office(om["role"].strip())):
                    ref = self.add_participant(rec, om["name"], base + m.start(key) + gm.start() + group.find(om["name"]),
                                               None)
                    if ref is not None:
                        ref.role = om["role"].strip()
                        ref.part = "guest" if host else None
                    continue
                for off, piece in split_names(group):
                    ref = self.add_participant(rec, piece, base + m.start(key) + gm.start() + off, None)
                    if ref is not None and host:
                        ref.part = "host" if key == "a" else "guest"
        return True

    def reception_title(self, rec: DocumentRecord, s: str, base: int) -> bool:
        """ "Reception by Chairman Mao Zedong of the Albanian Friendship Delegation", "Reception of Y by X",
        "X's Reception of Y": a meeting; X is its host and Y the guest."""
        m = RECEPTION_RE.match(s)
        if m is None:
            return False
        gd = m.groupdict()
        host_key = next(k for k in ("h1", "h2", "h3") if gd.get(k))
        guest_key = {"h1": "g1", "h2": "g2", "h3": "g3"}[host_key]
        txt = {host_key: m[host_key], guest_key: m[guest_key]}
        rec.kind = "meeting"  # type: ignore[assignment]
        for key, part in sorted(((host_key, "host"), (guest_key, "guest")), key=lambda kp: m.start(kp[0])):
            t = txt[key]
            for d in reversed(find_dates(t)):  # "..., 5 May 1961": the day of the reception
                if d.value and not t[d.end:].strip(" .)]"):
                    if rec.conversation_date is None:
                        rec.conversation_date = d.value
                    dm = re.search(r"[,;]?\s*(?:on\s+|of\s+|dated\s+)?$", t[: d.start])
                    t = t[: dm.start() if dm else d.start]
                break
            if (pd := trailing_partial_date(t)) is not None:
                t = t[: pd.start]
            t = re.split(r",\s*(?=[a-z])|\s+(?:on|in|at)\s+(?:the\s+)?(?=occasion|[A-Z][\w’'-]+\s*$)", t)[0]
            pm = re.search(r",\s*(?P<p>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s*$", t)
            if pm and _is_place(pm["p"]):  # ", Beijing": where it was held
                t = t[: pm.start()]
            om = re.match(r"^(?P<role>[^,]+),\s*(?P<name>[A-Z][^,]+?)\s*$", t.strip())
            if om and is_office(om["role"].strip()):  # "United States Ambassador in Bucharest, Richard H. Davis"
                ref = self.add_participant(rec, om["name"], base + m.start(key) + t.find(om["name"]), None)
                if ref is not None:
                    ref.role = om["role"].strip()
            else:
                ref = self.add_participant(rec, t, base + m.start(key), None)
            if ref is not None:
                ref.part = part
        return True

    def conversation_title(self, rec: DocumentRecord, rest: str, base: int) -> None:
        """ "between A and B [in Bonn][, 9 November 1990]", "with B on 5 April 1958", ", A with B",
        "from Premier Zhou Enlai’s Reception of X": the participants, with their roles, and the day of the
        conversation when the title gives one."""
        txt = rest
        # a German title ("Vermerk über das Gespräch zwischen A und B", "... des Kanzlers mit B"): its small words
        # read as the English ones (same lengths, so the offsets stay; "mit" is read with "with" below)
        txt = re.sub(r"\bzwischen\s", "between ", txt)
        txt = re.sub(r"(?<=\s)und(?=\s)", "and", txt)
        txt = re.sub(r"^(\s*)(?:des|der|von)(?=\s+[A-Z])", lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))),
                     txt)
        # "am 12. Juni 1989": a German day of the conversation
        gm = re.search(r"[,\s]+(?:am|vom)\s+(?P<d>\d{1,2})\.\s*(?P<m>" + "|".join(GERMAN_MONTHS) + r")\s+(?P<y>\d{4})\s*$",
                       txt)
        if gm:
            if rec.conversation_date is None:
                rec.conversation_date = dt.date(int(gm["y"]), GERMAN_MONTHS.index(gm["m"]) + 1, int(gm["d"]))
            txt = txt[: gm.start()] + " " * (len(txt) - gm.start())
        # "... and Helmut Kohl. Moscow-Bonn.": a full stop after a word (not an initial, not "Amb.") ends who took
        # part; what follows says where or how
        sm = re.search(r"(?<![\w.])(?![A-Z][a-z]{0,2}\.)(?!(?:Prof|Capt|Sept|Comr|Gen|Col|Amb|Cde)\.)[\w’'-]{4,}(?<=[a-z\u00C0-\u024F])"
                       r"(?P<stop>\.\s+[A-Z\u00C0-\u024F].*)$", txt)
        if sm:
            txt = txt[: sm.start("stop")] + " " * (len(txt) - sm.start("stop"))
        # "... with N. Testescu and Message for Primerov": a second paper the page gives, not one who took part
        if (pm := SECOND_PAPER.search(txt)) is not None:
            txt = txt[: pm.start()] + " " * (len(txt) - pm.start())
        # a date in the title is the day of the conversation
        for d in reversed(find_dates(txt)):
            if d.value:
                if rec.conversation_date is None:
                    rec.conversation_date = d.value
                head = txt[: d.start]
                # ("... in Tesgrad (7 June 1960)": the day in brackets goes with its brackets)
                cut = re.search(r"(?:,|\s+on|\s+of|\s+held\s+on|\s+dated)?\s*\(?\s*$", head)
                at = cut.start() if cut else d.start
                # ("Record of a meeting on 3 May 1961 between A and B": the sides after the day stay)
                end = d.end if re.match(r"\s+(?:between|with)\s", txt[d.end:]) else len(txt)
                txt = txt[:at] + " " * (end - at) + txt[end:]
        if (pd := trailing_partial_date(txt.rstrip())) is not None:
            txt = txt[: pd.start] + " " * (len(txt) - pd.start)
        # "between 11:00 and 12:30 hours", "from 10 to 12 o'clock": when, not who
        txt = re.sub(r"\s+(?:between|from)\s+\d{1,2}[:.]?\d{0,2}\s+(?:and|to|-)\s+\d{1,2}[:.]?\d{0,2}\s*(?:hours|hrs\.?|h|"
                     r"o['’]clock|[ap]\.?m\.?)?", lambda x: " " * len(x.group(0)), txt)
        # "... with Z. Firlinger on the Question of Preparing ...": what they talked about, not who
        sm = re.search(r"\s+(?:on\s+(?:the\s+)?(?:questions?|issues?|problems?|matters?|situation|subject)\s+of|"
                       r"regarding|concerning|during|in\s+the\s+course\s+of|on\s+the\s+occasion\s+of|at\s+the\s+time\s+of)\b",
                       txt, re.IGNORECASE)
        if sm:
            txt = txt[: sm.start()] + " " * (len(txt) - sm.start())
        # "... with A, B and C on Rhodesia", "... with X about the Treaty": what they talked about (the day, "on 5
        # May", was taken above), after the sides are named
        om = re.search(r"\b(?:with|between|and|of|mit)\s+\S.*?(?P<cut>\s+(?:on|about)\s+(?=[A-Za-z‘'“\"]))", txt)
        if om:
            txt = txt[: om.start("cut")] + " " * (len(txt) - om.start("cut"))
        # "Mao Zedong [and Beqir Balluku]": the editor names one more who took part
        txt = re.sub(r"\[(\s*and\s+[^\]]+)\]", lambda m: " " + m.group(1) + " ", txt)
        # quoted subjects, parenthesised asides, "(Excerpt)"
        txt = re.sub(r"\s*[,:]?\s*[‘'“\"][^’'”\"]*[’'”\"]\s*$", lambda m: " " * len(m.group(0)), txt)
        txt = re.sub(r"\s*,?\s*\((?:[^()]*)\)\s*$", lambda m: " " * len(m.group(0)), txt)
        # ", Voden Residence [Bulgaria]", ", Sofia": where it was held, after the participants
        # ", [undated]", "[n.d.]": the editors' word that the day is unknown
        txt = re.sub(r",?\s*\[(?:undated|n\.\s?d\.|no\s+date|date\s+unknown)\]\s*$", lambda x: " " * len(x.group(0)),
                     txt, flags=re.IGNORECASE)
        pm = re.search(r",\s*(?P<p>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)(?:\s*\[[^\]]*\])?\s*$", txt) or \
            re.search(r",\s*(?P<p>(?:[A-Z][\w’'-]+\s+(?:of\s+(?:the\s+)?)?){0,3}(?:Residence|Palace|House|Kremlin|Dacha|"
                      r"Villa|Hall|Building|Guesthouse|Headquarters)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'-]+){0,3})"
                      r"(?:\s*\[[^\]]*\])?\s*$", txt)
        if pm and (_is_place(pm["p"]) or re.search(r"\b(?:Residence|Palace|House|Kremlin|Dacha|Villa|Hall|Building|"
                                                   r"Guesthouse|Headquarters)\b", pm["p"])
                   or pm.group(0).rstrip().endswith("]")):
            txt = txt[: pm.start()] + " " * (len(txt) - pm.start())
        # "A and B, Crimea": after the second of two sides joined by "and", a lone name is where they met
        pm = re.search(r"\sand\s(?P<b>[^,]+),\s*(?P<p>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s*$", txt)
        if pm and not is_office_phrase(pm["p"]) and not ROLE_WORDS.match(pm["p"].split()[0]) and \
                not is_office_phrase(pm["b"]) and not OFFICE_OF.match(pm["b"].strip()) and \
                not re.search(r"\b(?:Jr|Sr)\b", pm["p"]):
            txt = txt[: pm.start("p")].rstrip().rstrip(",") + " " * (len(txt) - len(txt[: pm.start("p")].rstrip().rstrip(",")))
        # "the Testland Delegation led by Ivan Testov", "the Party and Government Delegation of X headed by Y": the
        # head named is the participant (docs/page-fields.md, delegations)
        txt = LED_BY.sub(lambda x: " " * len(x.group(0)), txt)
        # "Todor Zhivkov – Leonid I. Brezhnev": a dash between the two sides
        txt = re.sub(r"\s[–—-]\s", lambda m: " & ", txt)
        # " in the House of the Central Committee": the building where they met
        pm = re.search(r"\s+(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,2}(?:House|Building|Residence|Palace|Hall|"
                       r"Headquarters|Villa|Dacha|Guesthouse|Kremlin)\b.*$", txt)
        if pm:
            txt = txt[: pm.start()] + " " * (len(txt) - pm.start())
        # "... with Stalin in Sochi Held by the PPR and PPS Delegations": who held the talks, after the sides
        side_at = re.search(r"\b(?:with|between|and)\s", txt)
        hm = re.search(r"\s+(?:held|conducted|organi[sz]ed|hosted|arranged)\s+by\s.*$", txt, re.IGNORECASE)
        if side_at is not None and hm is not None and hm.start() > side_at.end():
            txt = txt[: hm.start()] + " " * (len(txt) - hm.start())
        # " in Bonn", " in Beijing", ", in Tesgrad", "with Stalin in Sochi": where it was held (after a comma or a
        # person's name, any place; an office keeps its place: "the Soviet Ambassador in Beijing")
        pm = re.search(r"(?P<comma>,)?\s+(?:in|at)\s+(?P<p>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?)\s*$", txt)
        before = re.split(r"\b(?:with|between|and|mit)\s+", txt[: pm.start()])[-1].strip() if pm else ""
        if pm and (pm["p"] in PLACES or pm["p"].title() in PLACES or pm["comma"] or (
                re.fullmatch(r"(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]+", before) and not is_office_phrase(before)
                and (strip_role(before)[1] is None or FORM_OF_ADDRESS.fullmatch(strip_role(before)[1] or ""))
                and not ORG_WORDS.search(before))):  # ("with Comrade Testov in Tesgrad": a form of address, no office)
            txt = txt[: pm.start()] + " " * (len(txt) - pm.start())
        txt = re.sub(r"^\s*:", " ", txt)  # "Memcon: A and B"
        groups: list[tuple[int, str]] = []
        m = re.match(r"^(?P<pre>.*?)\s*\bbetween\s+(?P<all>.+)$", txt, re.IGNORECASE) or \
            re.match(r"^\s*,?\s*of\s+(?P<all>(?:the\s+)?(?:\w+\s+){0,3}?" + PLURAL_WORD + r"\b.+)$", txt)
        if m:
            groups.append((m.start("all"), m["all"]))
        else:
            m = re.match(r"^\s*(?:,\s*)?(?:(?:from|of)\s+)?(?P<a>.*?)[’']s\s+(?:(?:tele)?phone\s+|private\s+|personal\s+|"
                         r"last\s+|first\s+|second\s+|official\s+)?(?:Reception|Meeting|Talks?|Conversations?|"
                         r"Discussions?)\s+(?:of|with)\s+(?P<b>.+)$", txt, re.IGNORECASE)
            if m:
                groups += [(m.start("a"), m["a"]), (m.start("b"), m["b"])]
            else:
                m = re.match(r"^\s*(?:,\s*)?(?:with|mit)\s+(?P<b>.+)$", txt, re.IGNORECASE) or \
                    re.match(r"^\s*(?:,\s*)?(?:(?P<a>.*?)\s+)?(?:with|mit|and)\s+(?P<b>.+)$", txt, re.IGNORECASE)
                if m:
                    if m.groupdict().get("a") and m["a"].strip() and not re.fullmatch(r"\s*(?:held|had)\s*", m["a"]):
                        a_txt = m["a"]
                        # "Conversation of c. Moravec with ...", "Discussion held by Consul-General X with ..."
                        om_ = re.match(r"\s*(?:of|(?:held|conducted|had)\s+by|by)\s+(?:the\s+)?", a_txt)
                        a_off = m.start("a") + (om_.end() if om_ else 0)
                        groups.append((a_off, a_txt[om_.end():] if om_ else a_txt))
                    groups.append((m.start("b"), m["b"]))
        for goff, gtxt in groups:
            g2 = re.sub(r"^\s*,?\s*", "", gtxt)
            delta = len(gtxt) - len(g2)
            if (sides := distribute_plural(g2.rstrip(" ,"))) is not None:
                for start, end, written in sides:
                    ref = self.add_participant(rec, written, 0, None)
                    if ref is not None:
                        ref.span = Span(base + goff + delta + start, base + goff + delta + end)
                        ref.kind = "organization" if re.search(r"\b(?:Delegation|Government|Party|Embassy|Ministry|"
                                                                r"Leadership|Committee|Group|Mission|Side)\b",
                                                                written) else "person"
                continue
            # "with General Secretary of the CC and Chairman of the Cabinet, Kim Il Sung": offices, then the one
            # person holding them
            om = re.match(r"^(?P<role>.+),\s*(?P<name>[A-Z][^,&]+?)\s*$", g2.rstrip(" ,"))
            if om and (ROLE_WORDS.match(om["role"].split()[0]) or (
                    is_office(om["role"].strip()) and not re.search(r"\b(?:and|&)\s", om["role"]))) and \
                    strip_role(re.split(r"\s+(?:and|&)\s+", om["role"])[0].strip())[1] is None and \
                    not is_office(om["name"]) and not _is_place(om["name"].strip()) and \
                    not re.search(r"\b(?:and|&)\s+[A-Z][a-z]+\s+[A-Z]", om["name"]):
                ref = self.add_participant(rec, om["name"], base + goff + delta + om.start("name"), None)
                if ref is not None:
                    ref.role = om["role"]
                continue
            last: NameRef | None = None
            pending: tuple[int, str] | None = None  # "the Head of the Soviet Delegation, A. P. Volodin"
            pieces = split_names(g2.rstrip(" ,"))
            for i in range(len(pieces) - 3, -1, -1):  # "Testov, Ivan, Member of the Executive": family, given name
                if all(re.fullmatch(r"\s*[A-Z][\w’'-]+\s*", pieces[i + d][1]) for d in (0, 1)) and \
                        is_office_phrase(pieces[i + 2][1]):
                    a0 = pieces[i][0]
                    pieces[i: i + 2] = [(a0, g2[a0: pieces[i + 1][0] + len(pieces[i + 1][1])])]
            for i, (off, piece) in enumerate(pieces):
                office = is_office_phrase(piece) or _description(piece)
                prev_end = pieces[i - 1][0] + len(pieces[i - 1][1]) if i else 0
                after_and = bool(re.search(r"\band\b|&", g2[prev_end:off]))  # "A and Chairman of X, B"
                if office and i + 1 < len(pieces) and not is_office_phrase(pieces[i + 1][1]) and (
                        last is None or after_and or (last.role is not None and OFFICE_OF.match(piece.strip()) and
                                                      OFFICE_OF.match(last.role))):
                    pending = (off, piece)  # the office of the one named next
                    continue
                if last is not None and office and last.kind != "office" and not (
                        after_and and re.match(r"the\s", piece.strip())):  # "A and the Testland Ambassador": two
                    # "with Nguyen Duy Trinh, VWP CC Politburo member and Secretary, and DRV Minister of ...":
                    # the offices of the person named before them
                    last.role = piece.strip() if last.role is None else last.role + ", " + piece.strip()
                    continue
                last = self.add_participant(rec, piece, base + goff + delta + off, None)
                if last is not None and pending is not None:
                    last.role = last.role or pending[1].strip()
                    last.kind = "person"
                pending = None

    def add_participant(self, rec: DocumentRecord, piece: str, offset: int, role: str | None) -> NameRef | None:
        if not piece.strip() or not re.search(r"[A-Z\u0400-\u04FF\u4e00-\u9fff]", piece):
            return None
        written = piece.strip().rstrip(",;:")
        if not re.search(r"(?:(?:^|[\s.])[A-Z]|\.[A-Z][a-z])\.$", written):  # "Kim I.M.", "Pelshe, A.Ia.": initials keep it
            written = written.rstrip(".,;:")
        lead = len(piece) - len(piece.lstrip())
        name, title = strip_role(written)
        honorific = None
        if title is not None and re.fullmatch(r"(?i:c\.|comrades?|cdes?\.?|comr\.?|com\.|tov\.?|mr\.?|mrs\.?|ms\.?)",
                                              title):
            honorific, title = title, None  # "Comrade Zvetkov", "c. Moravec": a form of address, no office
        elif title is not None and (hm := re.search(r"\s(?P<h>Cdes?\.|Comrades?|Comr\.|Com\.|Mr\.|Mrs\.|Ms\.)$", title)):
            # "DPRK Ambassador in the USSR Cde. Ri Sin-pal": his office, then the form of address he is named with
            honorific, title = hm["h"], title[: hm.start()]
            cut = written.rfind(f"{honorific} {name}")
            if cut > 0:
                lead += cut
                written = written[cut:]
        ref, _ = parse_name(name, offset + lead + (len(written) - len(name) if name != written and
                                                    written.endswith(name) else 0))
        ref.written = written
        ref.span = Span(offset + lead, offset + lead + len(written))
        ref.honorific = ref.honorific or honorific
        ref.role = role or title
        if ref.kind == "unknown":
            ref.kind = "person"
        if re.search(r"\b(?:Delegation|Delegates|Committee|Government|Party|Embassy|Ministry|Association)\b", name):
            ref.kind = "organization"
        rec.participants.append(ref)
        return ref

    def author_then_kind(self, rec: DocumentRecord, s: str, base: int, line: Line) -> bool:
        """ "Embassy of the GDR in the PR China, 'Note about the Club Meeting ...'": who wrote it, then a quoted
        (or plain) description whose first words say what kind of document it is."""
        # (an apostrophe inside a name is a letter of it: "E. M. Tyazhel'nikov")
        m = re.match(r"^(?P<who>[A-Z](?:[^,‘'“\"]|(?<=\w)['’](?=\w)){1,120}?),\s*[‘'“\"]?(?P<desc>\S.*)$", s)
        if not m:
            return False
        km = KIND_RE.match(m["desc"])
        if not km or len(km["pre"].split()) > 1:
            return False
        kind = kind_name(km["kind"])
        if kind is None or kind == "diary":
            return False
        rec.kind = kind  # type: ignore[assignment]
        who = m["who"]
        if kind in CONVERSATION_KINDS:  # "Ambassador Vorotnikov, Memorandum of Conversation with Raul Castro"
            self.record_writer(rec, who, base + m.start("who"))
            desc = m["desc"]
            if s[m.start("desc") - 1] in "‘'“\"":  # the quoted description's closing mark is not a name's
                desc = desc.rstrip("’'”\" ")
            self.conversation_title(rec, desc[km.end():], base + m.start("desc") + km.end())
            return True
        rec.senders.extend(self.names(who, base + m.start("who"), "senders", line, rec.senders))
        from kg.ingest.wilson.title import FOR_ADDRESSEE, NOT_AN_ADDRESSEE  # (title imports this module)
        at = m.start("desc") + km.end()
        if (fm := FOR_ADDRESSEE.match(s[at:])) is not None and not NOT_AN_ADDRESSEE.match(fm["who"]):
            # "Testland Embassy, Report for the CC Summarizing ...": the one it was written for
            rec.recipients.extend(self.names(fm["who"], base + at + fm.start("who"), "recipients", line, rec.recipients))
        return True

    def record_writer(self, rec: DocumentRecord, who: str, at: int) -> None:
        """Who is named before a conversation record's kind word: a person ("Ambassador Testov, Record of
        Conversation with X") took part; a mission ("Testland Embassy in Tesgrad (Testov), Report on Conversation
        with X") wrote the record: not a participant; it wrote from its place, and the person in brackets signed."""
        from kg.ingest.wilson.title import mission_place
        bm = re.search(r"\s*\((?P<sig>[A-Z][^()]{1,60})\)\s*$", who)
        name = who[: bm.start()] if bm else who
        if not ORG_WORDS.search(name):
            self.add_participant(rec, who, at, None)
            return
        if bm is not None:
            sig_at = at + bm.start("sig")
            rec.signatories.append(NameRef(written=bm["sig"], name=bm["sig"], kind="person",
                                           span=Span(sig_at, sig_at + len(bm["sig"]))))
        if rec.sent_from is None and (mp := mission_place(name.rstrip())) is not None:
            rec.sent_from, rec.sent_from_span = mp["p"], Span(at + mp.start("p"), at + mp.end("p"))

    def diary_title(self, rec: DocumentRecord, s: str, base: int) -> None:
        """ "Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 9 February 1960": the author's diary;
        "From the Diary of P. F. Yudin: Memorandum of Conversation with Mao Zedong on 5 April 1958": a record of
        a conversation written in the author's diary (the author takes part)."""
        m = DIARY_RE.match(s)
        if not m:
            # "Excerpts from Tsedenbal's diary on his conversation with ...": the author named before the diary
            pm = POSSESSIVE_DIARY.match(s)
            if pm:
                ref, _ = parse_name(pm["who"], base + pm.start("who"))
                ref.kind = "person"
                rec.author = ref
            return
        who = m["who"]
        name, title = strip_role(who.strip().rstrip(",:"))
        ref, _ = parse_name(name, base + m.start("who") + who.rfind(name) if name in who else base + m.start("who"))
        ref.written = who.strip()
        ref.span = Span(base + m.start("who"), base + m.start("who") + len(who.strip()))
        ref.role = title
        ref.kind = "person"
        rec.author = ref
        rest_txt, rest_at = m["rest"], m.start("rest")
        if rest_txt:
            # "N.G. Sudarikov, Soviet Ambassador to the DPRK, 'Record of a Conversation with ...'": his office first
            om = re.match(r"^(?P<office>[^,‘'“\"]+),\s*[‘'“\"]?", rest_txt)
            if om and is_office(om["office"].strip()) and KIND_RE.match(rest_txt[om.end():]):
                ref.role = om["office"].strip()
                rest_at += om.end()
                rest_txt = rest_txt[om.end():].rstrip("’'”\" ")
        if rest_txt and rest_txt[:1] in "‘'“\"":  # "From the Diary of X, 'Record of Conversation with Y'"
            rest_at += 1
            rest_txt = rest_txt[1:].rstrip("’'”\" ")
        if rest_txt:
            km = KIND_RE.match(rest_txt)
            kind = None
            if km:
                kind = kind_name(km["kind"])
            author = NameRef(written=ref.written, name=ref.name, identified_as=ref.identified_as,
                             kind="person", span=ref.span, role=ref.role)
            if kind in CONVERSATION_KINDS:
                rec.kind = kind  # type: ignore[assignment]
                assert km
                self.conversation_title(rec, rest_txt[km.end():], base + rest_at + km.end())
                # the diarist recorded it (he comes after the others: order_participants)
                if not any(p.name.split()[-1:] == author.name.split()[-1:] for p in rec.participants):
                    rec.participants.append(author)
            elif (gm := RECEPTION_OF.match(rest_txt)) is not None:
                # "From the Journal of X, 'Reception of Y, 21 July 1949'": X received Y; what was said is the meeting's
                rec.kind = "meeting"  # type: ignore[assignment]
                author.part = "host"
                rec.participants.append(author)
                g = gm["g"]
                for d in reversed(find_dates(g)):
                    if d.value and not g[d.end:].strip(" .)]'’"):
                        rec.conversation_date = rec.conversation_date or d.value
                        g = g[: d.start].rstrip(" ,")
                    break
                guest = self.add_participant(rec, g, base + rest_at + gm.start("g"), None)
                if guest is not None:
                    guest.part = "guest"


# "and Message for X", "and a Letter to Y", "and Telegram": a second paper after the conversation's sides
SECOND_PAPER = re.compile(r"\s+(?:and|with)\s+(?:a\s+|an\s+|the\s+|his\s+)?(?:Message|Letter|Telegram|Cable|Note|Memorandum|"
                          r"Report|Statement|Draft|Appeal|Declaration|Resolution)s?\b(?:\s+(?:for|to|from|of|on)\b|\s*$)")

# "Comrade", "Cde.", "Mr.": a form of address before a name (no office)
FORM_OF_ADDRESS = re.compile(r"(?i:comrades?|cdes?\.?|comr\.?|com\.|tov\.?|mr\.?|mrs\.?|ms\.?|dr\.?)")
