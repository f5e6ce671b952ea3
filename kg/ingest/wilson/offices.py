"""Offices and the names of those who hold them, as titles write them: "Soviet Ambassador to Cuba Aleksandr
Alekseev" (a person in an office), "the Soviet Ambassador" (an office, no one named), "Head of the Delegation of the
PRC" (an office after a name); where " to " divides senders from addressees; the kind a kind phrase names."""

from __future__ import annotations

import re

from kg.ingest.wilson.vocab import (
    ACRONYMS_ORG,
    COVER_NAMES,
    KINDS,
    PLACES,
    ROLE_TO,
    ROLE_WORDS,
)
from kg.records import NameRef
from kg.titles import OFFICE_TITLES

# "Head of the Delegation of the PRC", "Chairman of the Council of Ministers": an office held, named after a person
OFFICE_OF = re.compile(r"(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}?(?:Head|Chairman|Chair|Secretary|Leader|Chief|Member|Director|"
                       r"Minister|President|Commander|Consul-General|Consul)\s+of\b")

ORG_WORDS = re.compile(r"\b(?:Embassy|Legation|Consulate|Mission|Ministry|Delegation|Office|Department|Committee)\b")

MINISTRY_WORDS = {"Foreign", "Affairs", "Internal", "Defense", "Defence", "State", "Trade", "National", "Security",
                  "Economic", "Cultural", "Relations", "Health", "Education", "Finance", "Justice", "Agriculture",
                  "Industry", "Communications", "Interior", "Armed", "Forces", "Staff", "Government", "Delegation",
                  "Party", "Military", "Friendship"}

ORG_TAIL = re.compile(r"Council|Committee|Government|Ministry|Delegation|Party|Assembly|Presidium|Politburo|Bureau|"
                      r"Commission|Embassy|Legation|Consulate|Mission|Department|Office|Staff|Army|Front|Union")

# one-word titles of the shared list (kg.titles: "Senator", "Academician", "Cardinal"): an office before a name
TITLE_WORDS = frozenset(t for t in OFFICE_TITLES if " " not in t and t[:1].isupper())

# "East German leader Erich Honecker", "Soviet premier Kosygin": offices written in lower case before a name
LOWER_ROLES = {"leader", "premier", "president", "ambassador", "minister", "chairman", "chancellor", "consul",
               "envoy", "marshal", "representative", "secretary"}

TO_AN_OFFICE = re.compile(r"(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}(?:Ministry|Foreign\s+Office|Committee|Department|"
                          r"Secretariat|Presidium|Politburo|Bureau|Directorate)\b")

# "Orders from X to Halt the Bombardment", "Proposal to Establish Relations", "to Send Aid to Testland": "to" and a
# verb is what the paper asks for or does, no addressee
TO_VERB = re.compile(r"(?:Establish|Halt|Stop|End|Cease|Withdraw|Send|Provide|Supply|Grant|Strengthen|Expand|Develop|"
                     r"Improve|Reduce|Increase|Hold|Convene|Organi[sz]e|Create|Set|Form|Open|Close|Resume|Suspend|"
                     r"Postpone|Accept|Reject|Sign|Ratify|Support|Aid|Assist|Help|Protect|Prevent|Avoid|Ban|Prohibit|"
                     r"Allow|Permit|Invite|Discuss|Negotiate|Conclude|Begin|Start|Continue|Deploy|Dispatch|Transfer|"
                     r"Deliver|Build|Construct|Restore|Normali[sz]e|Release|Return|Recall|Expel|Admit|Join|Leave|Enter|"
                     r"Attack|Defend|Occupy|Liberate|Take|Make|Give|Be|Have|Go|Travel|Study|Prepare|Publish|Use|"
                     r"Carry|Bring|Keep|Put|Raise|Lift|Abolish|Cancel|Approve|Adopt|Introduce|Implement|Change|"
                     r"Remove|Replace|Appoint|Dismiss|Elect|Train|Equip|Arm|Disarm|Inform|Notify|Request|Demand|"
                     r"Ask|Seek|Explore|Improve|Settle|Solve|Resolve|Reach|Achieve|Ensure|Secure|Counter|Combat|"
                     r"Fight|Oppose|Condemn|Protest|Purchase|Buy|Sell|Export|Import|Exchange|Expedite|Speed|Accelerate|"
                     r"Coordinate|Cooperate|Unite|Unify|Merge|Divide|Evacuate|Repatriate|Extend|Renew|Terminate)"
                     r"(?=\s|$)")

def find_to(rest: str) -> int | None:
    """Where " to " divides senders from addressees (outside brackets, not the "to" of an office such as
    "Soviet Ambassador to Cuba"); -1 when the text starts with "to"; None when there is none."""
    if rest.upper() == rest and re.search(r"[A-Z]{2}", rest):
        # a title in capitals: read as it would be written otherwise ("AMBASSADOR TO CUBA" -> "Ambassador to Cuba"),
        # every word in place
        rest = re.sub(r"[A-Z][A-Z’'-]*", lambda w: w.group(0).lower() if w.group(0).lower() in _SMALL_WORDS else
                      w.group(0) if len(w.group(0)) <= 4 else w.group(0).title(), rest)
    depth = 0
    for k in range(len(rest)):
        c = rest[k]
        if c in "[(":
            depth += 1
        elif c in "])":
            depth = max(0, depth - 1)
        elif depth == 0 and rest.startswith(" to ", k) and re.search(
                r"\b(?:Mission|Delegation|Representation|Representative|Ambassador)\s+of\s+(?:the\s+)?[A-Z][\w’'-]*$",
                rest[:k]) and re.match(r"(?:the\s+)?(?:U\.\s?N\.|UN|United Nations|OSCE|CSCE|IAEA|UNESCO)(?!\w)", rest[k + 4:]):
            continue  # "Permanent Mission of Hungary to the U.N. in Geneva": where the mission is accredited
        elif depth == 0 and rest.startswith(" to ", k) and TO_VERB.match(rest, k + 4) and \
                not ROLE_WORDS.match((rest[k + 4:].split() or [""])[0]):
            continue  # "Orders from X to Halt the Bombardment": what is ordered, not to whom
        elif depth == 0 and rest.startswith(" to ", k) and (not ROLE_TO.search(rest[:k]) or ROLE_WORDS.match(
                (rest[k + 4:].split() or [""])[0]) or TO_AN_OFFICE.match(rest[k + 4:]) or
                is_office(re.split(r"[,;(\[]", rest[k + 4:])[0].strip())):  # "Prime Minister to the Foreign Secretary"
            # "Foreign Minister to Ambassador Nakae", "Embassy to the Foreign Ministry": an addressee after all
            return k
        elif depth == 0 and k == 0 and rest.lower().startswith("to "):
            return -1
    return None

_SMALL_WORDS = {"to", "in", "of", "the", "for", "and", "at", "on", "a", "an", "from", "with", "by"}


def kind_name(raw: str) -> str | None:
    """The kind a kind phrase of a title names ("Minutes of the Politburo Meeting" -> "minutes of conversation")."""
    return next((name for name, pat in KINDS if re.fullmatch(pat, raw, re.IGNORECASE)), None)

# words of a body's or a field's name that end an office before its holder's name ("... for Nuclear Energy Ion Udrea")
FIELD_WORDS = {"Energy", "Nuclear", "Affairs", "Trade", "Economy", "Research", "Technology", "Relations", "Committee",
               "Council", "Ministry", "Department", "Party", "Republic", "State", "Security", "Defense", "Defence",
               "Cooperation", "Resources", "Development", "Planning", "Industry", "Agriculture", "Culture", "Education",
               "Health", "Justice", "Finance", "Labor", "Labour", "Science", "Information", "Propaganda", "Union",
               "Assembly", "Front", "Commission", "Bureau", "Office", "Section", "Division", "Directorate", "Staff",
               "Army", "Forces", "Government", "Presidium", "Politburo", "Secretariat", "Academy", "Institute", "Bank",
               "Organization", "Organisation", "Administration", "Board", "Service", "Services", "Works", "Power",
               "Protocol", "Intelligence", "Tourism", "Transport"}


def strip_role(written: str) -> tuple[str, str | None]:
    """ "FRG Chancellor Helmut Kohl" -> ("Helmut Kohl", "FRG Chancellor"); "the DPRK Ambassador to China Pak
    Se-chang" -> ("Pak Se-chang", "the DPRK Ambassador to China"); a name with no title is returned as it is, and
    so is a title with no name after it ("the Soviet Ambassador")."""
    toks = written.split()
    last = None
    if toks and re.fullmatch(r"(?:Directorate|Department|Staff|Office|Committee|Ministry|Council|Secretariat|"
                             r"Administration|Command|Headquarters|Division|Bureau|Assembly|Inspectorate)", toks[-1]):
        return written, None  # "General Political Directorate": a body's name ends it, no one holds an office here
    for i, t in enumerate(toks):
        if ROLE_WORDS.match(t) or (t in TITLE_WORDS and i + 1 < len(toks)) or (t in LOWER_ROLES and i + 1 < len(toks) and (
                toks[i + 1][:1].isupper() or toks[i + 1] in ("to", "in", "at"))):  # "the Testland ambassador to X"
            last = i
    if last is None:
        return written, None
    j = last + 1
    if j < len(toks) and toks[j].lower() in ("to", "in", "of", "at", "for"):
        j += 1
        if j < len(toks) and toks[j].lower() == "the":
            j += 1
        # the place or organization: one word ("China", "DPRK"), two when they name one place ("North Korea"),
        # or a ministry's words ("Foreign Affairs")
        j += 2 if j + 1 < len(toks) and f"{toks[j]} {toks[j + 1]}" in PLACES else 1
    while j < len(toks) and toks[j] in MINISTRY_WORDS:
        j += 1
    # "Head of the Delegation of the USSR A. P. Volodin", "Chairman of the Council of Ministers Kosygin"
    while j + 2 < len(toks) and toks[j] == "of" and toks[j + 1][:1].isalpha():
        k = j + 1 + (toks[j + 1].lower() == "the")
        if k + 1 >= len(toks) or not toks[k][:1].isupper() or re.fullmatch(r"[A-Z]\.", toks[k]):
            break
        j = k + 1
        while j < len(toks) and toks[j] in MINISTRY_WORDS:
            j += 1
    # "the Ambassador of Testland in Moscow Ivan Examplov": where he holds the office belongs to it
    if len(toks) - j > 2 and toks[j] == "in" and toks[j + 1] in PLACES:
        j += 2
    while len(toks) - j > 1 and (toks[j] in ACRONYMS_ORG or (re.fullmatch(r"[A-Z]{2,6}", toks[j]) and any(
            c.islower() for c in "".join(toks[j + 1:])))):  # "the CC PDPA Najibullah": PDPA is a body's initials  # "Deputy Chairmen of the CC CCP Liu Shaoqi": the body's
        j += 1  # initials belong to the office
    rest = toks[j:]
    if rest and (ORG_TAIL.fullmatch(rest[0].strip(",;")) or not all(re.match(r"[A-Z\u00C0-\u024F\u0400-\u04FF]|[A-Z]\.", t) for t in rest)
                 or any(t in FIELD_WORDS for t in rest[:-1])) and \
            re.search(r"\s(?:of|for)\s", written):
        # "Vice President of the State Committee for Nuclear Energy Ion Udrea": the name is the last capitalised
        # words after the body's own words
        k = len(toks)
        while k > j and re.match(r"[A-Z\u00C0-\u024F]", toks[k - 1]) and toks[k - 1] not in FIELD_WORDS and \
                len(toks) - k < 3:
            k -= 1
        if k < len(toks) and (toks[k - 1] in FIELD_WORDS or toks[k - 1] in ACRONYMS_ORG) and len(toks) - k >= 2:
            return " ".join(toks[k:]), " ".join(toks[:k])
    if len(rest) >= 2 and re.search(r"\s(?:of|for|at)\s", written) and ORG_TAIL.fullmatch(rest[-2]) and \
            re.fullmatch(r"[A-Z\u00C0-\u024F][a-z\u00E0-\u024F’'-]{2,}", rest[-1]) and rest[-1] not in FIELD_WORDS and \
            not ORG_TAIL.fullmatch(rest[-1]) and rest[-1] not in PLACES:
        # "the Counsellor of the Testland Embassy Primerov": one family name after the body's last word
        return rest[-1], " ".join(toks[:-1])
    if rest and ORG_TAIL.fullmatch(rest[0].strip(",;")):  # "Chairman of the Invented Council": no one named
        return written, None
    if rest and all(t.strip(",;") in ACRONYMS_ORG for t in rest):  # "General Secretary of the KWP CC": a body
        return written, None
    if rest and re.fullmatch(r"(?:Party|Republic|Committee|Council|Union|Federation|Region|Government|Ministry|"
                             r"Assembly|Front|Army|League|Organization|Movement|Kingdom|Bureau|Presidium|Pact|Treaty|Alliance|"
                             r"Community|Association|Agency|Parties|Committees|Councils|Unions|Organi[sz]ations|States|Countries|"
                             r"Nations|Republics|Governments|Ministries|Fronts|Movements)\]?",
                             rest[-1].strip(",;")):  # "Secretary General of the Korean Workers Party": a body
        return written, None
    if not rest or not all(re.match(r"[A-Z\u00C0-\u024F\u0400-\u04FF]|[A-Z]\.|(?:al|el|ad|ibn|bin|de|da|di|du|van|von|der|"
                                    r"la|le)(?:-[A-Z]|$)", t) for t in rest) or not rest[0][:1].isupper():
        return written, None  # ("Colonel Muammar al-Testafi": a name's particles are a name's)
    name = " ".join(rest)
    role = " ".join(toks[:j])
    return name, re.sub(r"\s+c\.$", "", role)  # "the Soviet Ambassador c. X": the "c." is "comrade", no office

def is_office(written: str) -> bool:
    """ "Soviet Ambassador to the US", "the Soviet Ambassador": an office with no person's name after it."""
    toks = written.split()
    if not toks or not any(ROLE_WORDS.match(t) for t in toks[:3]) or strip_role(written)[1] is not None:
        return False
    return not re.search(r"\b(?:Embassy|Ministry|Committee|Government|Legation|Delegation|Department|Office)\b",
                         written)

def is_office_phrase(piece: str) -> bool:
    """ "VWP CC Politburo member", "Secretary", "DRV Minister of Foreign Affairs": an office, no person named."""
    p = piece.strip().rstrip(".,;")
    if not p or strip_role(p)[1] is not None:
        return False
    if OFFICE_OF.fullmatch(p.split(" of ")[0] + " of") and re.fullmatch(r"[\w\s.’'()-]+", p):
        return True  # "Head of the Soviet Delegation", "Deputy Chairman of the Council of Ministers"
    if re.search(r"\b(?:Delegation|Embassy|Committee|Government|Party|Ministry|Association)\b", p) and \
            not re.search(r"\b(?:Minister|member|Member|Secretary|Chairman|Counsell?or|Attach[eé]|Consul|Head|Director|"
                          r"Chief|Official|Officer|Representative)\b", p):
        return False
    return bool(re.search(r"\b(?:member|secretary|minister|chairman|chair|head|deputy|ambassador|premier|president|"
                          r"director|chief|counsell?or|consul(?:-general)?)\b", p, re.IGNORECASE))

def swap_cover_name(ref: NameRef) -> None:
    """ "Stalin [Kuznetsov]": a real name with the cover name he wrote under in brackets. The document used the
    cover name; the person is the one named first."""
    if ref.identified_as in COVER_NAMES and ref.name not in COVER_NAMES:
        ref.name, ref.identified_as = ref.identified_as, ref.name


# the initials of a body that issues papers in its own name (a party, its Central Committee, a ministry, a service,
# a news agency): "CC CPSU Decree", "TASS Report", "KGB Information"; one list for the title rules below
BODY_INITIALS = frozenset("""
CC CPSU CCP KWP WPK SED PUWP PZPR RCP BCP MPRP CPCz KSC KSČ HSWP MSZMP VWP LCY SKJ PLA ALP UN MFA MID KGB NKVD MGB
GRU StB MfS TASS ADN PAP CTK ČTK MTI BTA KCNA VNA Agerpres Tanjug
""".split())
_BODY_INITIALS_ALT = "|".join(sorted((re.escape(a) for a in BODY_INITIALS), key=len, reverse=True))
# a word of a body's name: capitalised, or its initials in brackets ("Communist Party of Testland (CPT) Politburo")
_BODY_WORD = r"(?:[A-Z][\w’'()-]*|\([A-Z][\w’'-]*\))"

# "Testland Interior Ministry Analysis of ...", "TASS News Summary": a body, then a word for a paper that is no kind
# of the closed list; "Testland Embassy in Tesgrad, 'Evaluation of ...'": a body, then its paper's quoted title
BODY_THEN_PAPER = re.compile(r"^(?P<body>(?:[A-Z][\w’'-]*\s+){0,4}(?:Ministry|Committee|Embassy|Department|Politburo|"
                             r"Secretariat|Council|Government|Office|Bureau|Commission|Directorate|Staff)"
                             r"(?:\s+(?:of|in|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?|"
                             r"(?:" + _BODY_INITIALS_ALT + r"))(?:(?=,\s*[‘'“\"][A-Z])|\s+(?=(?:News\s+|Press\s+)?(?:Analysis|Assessment|"
                             r"Survey|Overview|Review|Study|Evaluation|Proposals?|Plan|Summary|Estimate|Appraisal|Briefing|"
                             r"Theses|Guidelines|Bulletin|Digest|Dispatch)(?:\s+(?:of|on|about|regarding|concerning|for)\b|"
                             r"\s*,\s*[‘'“\"]|\s*$)))")


# a body or an office before the kind word, perhaps after a classification ("Secret North Vietnam Politburo",
# "VKP(b) CC", "Ministry of Foreign Affairs", "GDR Embassy", "CC CPSU", "Communist Party of Testland (CPT)
# Politburo", "TASS"): it issued the document
BODY_BEFORE_KIND = re.compile(
    r"(?:(?:An?\s+)?(?:Excerpts?|Extracts?)\s+(?:from|of)\s+)?(?:(?:Top\s+)?(?i:secret|urgent|confidential|draft)\s+)?"
    r"(?:the\s+)?(?P<body>(?:" + _BODY_WORD + r"\s+(?:(?:of|for)\s+(?:the\s+)?)?){0,6}?"
    r"(?:(?:Embassy|Legation|Consulate|Mission|Ministry|Delegation|Office|Department|Committee|Politburo|Presidium|"
    r"Secretariat|Council|Government|Bureau|Commission|Command|Staff)"
    r"(?:\s+(?:of\s+(?:the\s+)?)?(?!(?:Top\s+)?(?:Secret|Urgent|Confidential)\b)[A-Z][\w’'-]*){0,3}|"
    r"(?:" + _BODY_INITIALS_ALT + r"|VKP\([bB]\))))"
    r"(?:\s+(?:Top\s+)?(?i:secret|urgent|confidential))?\s+")


# a long body's name, then the kind word: "Central Committee Testland Party Politburo Secret Resolution on ..."
BODY_KIND_RE = re.compile(r"^(?P<pre>" + BODY_BEFORE_KIND.pattern + r")(?P<kind>Resolution|Decision|Decree|Directive|"
                          r"Instructions?|Report|Information|Note|Letter|Telegram|Cable|Memorandum|Order|Statement)\b")
