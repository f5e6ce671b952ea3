"""Synthetic conversation records and papers issued by bodies, for :mod:`kg.synth_variants`.

Every name, place and number is invented; the shapes imitate what the archive's pages do:

* records of conversation whose title names the sides with their offices, a place, a day, or a dash between the
  sides; records written in a diary (the diarist, who recorded it, comes after the others); labelled lines naming
  the interpreter and the recorder;
* a transcript of a conversation (a transcript, its sides took part); a German "Vermerk" on a conversation;
* lists of those who took part anywhere in the text: "Participating:", "ATTENDED BY:", one side's list ("On the
  Testland side: ..."), the label alone with one person a line, a session "Chaired by" one with "In attendance:"
  family names followed by initials;
* those who attended named in the opening sentences ("A, member of the CC, attended the meeting", "The meeting
  was attended by:" then "Name – office" lines, "Participating in the meeting were: ..."); "A Meets B to Discuss";
* a mission's report on a conversation (the mission took no part; it wrote from its place; the person in brackets
  signed); a diary's reception of a guest; a report "on the Meeting With" two people; an office identified by
  the editors in brackets ("The Premier’s [X's] Meeting with Y");
* lists of those present: "Those attending the meeting:", "Receiving Persons:", "Translator/Recorder:", a side's
  sentence ending "participated in the meeting:" over a line of names, "Name – office;" groups with an aside,
  "Present [at the meeting]:" over one line of names a side (:func:`_list_shapes`);
* the kind read from cues outside a kind word (:func:`kind_cue_page`): a title with no kind word over a heading
  ("Meeting, record of conversation", "Record of Conversation between A and B", "(Speech given by ...)"), a
  meeting's title over a letter-spaced "V e r m e r k"; kind phrases with words between their parts ("Record of
  Telephone Conversation", "Note regarding the Personal Conversation", "Memo of Meeting", "Record of a meeting on
  <day> between", "Record of the Plenum of ...", "Informational Note", "Information: X Reported about ...");
* papers issued by a body named before the kind word ("Secret Testland Politburo Cable No. 32", "VKP(b) CC
  Decree, 'On ...'"), ciphered telegrams called "Cryptogram" or "Cipher", a mission "in" a place writing to a
  city (the city is where the text went, not an addressee).

Each function returns the title, puts header lines into ``head`` and text into ``body`` and the facts into ``exp``
(the ground truth of :func:`kg.synth.generate_case`).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember"]
# (as written in a title, name read, role read)
ROLE_PEOPLE = [
    ("Soviet Ambassador Orlovsky", "Orlovsky", "Soviet Ambassador"),
    ("Premier Zhou Enlai", "Zhou Enlai", "Premier"),
    ("Chairman Mao Zedong", "Mao Zedong", "Chairman"),
    ("FRG Chancellor Helmut Kohl", "Helmut Kohl", "FRG Chancellor"),
    ("the DPRK Ambassador to China Pak Sun Gil", "Pak Sun Gil", "the DPRK Ambassador to China"),
    ("Foreign Minister Han Dok Su", "Han Dok Su", "Foreign Minister"),
    ("M.S. Gorbachev", "M.S. Gorbachev", None),
    ("Vice Minister Li Wenhua", "Li Wenhua", "Vice Minister"),
    ("Counsellor V. I. Belyaeva", "V. I. Belyaeva", "Counsellor"),
    ("Deputy Chairman Volodin", "Volodin", "Deputy Chairman"),
]
GROUPS = ["the Chinese Friendship Delegation", "the Mongolian Trade Delegation",
          "Korea-China Friendship Association Delegation"]
HELPERS = ["Zaitseva", "Sokolov", "Kovalenko", "Egorov", "Li Xiangwen", "Chen Guozhong"]
AUTHORS = [("Soviet Ambassador in the DPRK A. M. Tarasenko", "A. M. Tarasenko"),
           ("Ambassador P. F. Vetrov", "P. F. Vetrov"), ("N.V. Orlovsky", "N.V. Orlovsky"),
           ("Soviet Ambassador to the PRC I. Kuzmin", "I. Kuzmin")]
CONV_KINDS = [("Memorandum of Conversation", "memorandum of conversation"),
              ("Record of Conversation", "record of conversation"),
              ("Record of a Conversation", "record of conversation"),
              ("Minutes of Conversation", "minutes of conversation"),
              # a report or notes of a meeting between people are a record of what they said (batch 13)
              ("Report on a Meeting", "record of conversation"), ("Notes from a Meeting", "record of conversation")]
MEETING_PLACES = ["Bonn", "Beijing", "Pyongyang", "Moscow", "Hanoi", "Warsaw"]
PLAIN_PEOPLE = ["Ivan Testov", "Petar Primerov", "Kim Example", "Zhou Shili"]
SIDE_PEOPLE = [("Ambassador A. Primerova", "A. Primerova"), ("First Secretary B. Testenko", "B. Testenko"),
               ("Vice Minister Li Sample", "Li Sample"), ("Wang Test", "Wang Test"), ("C. Examplova", "C. Examplova")]
# family names with the initials after them, as a session's attendance list writes them
FAMILY_INITIALS = ["Testov, I.V.", "Primerov, A.A.", "Examplov, B.Ia.", "Sampleson, K.U.", "Probnik, D.F."]
NATIONS = ["Testland", "Exampleland", "Invented"]
MISSION_CITIES = ["Havana", "Hanoi", "Bucharest", "Warsaw", "Cairo"]
BODY = ["The situation in the northern districts remains difficult and requires additional measures.",
        "Both sides agreed to continue the exchange of opinions at the next opportunity."]


def _dmy(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _ref(name: str, ident: str | None = None, **more: Any) -> dict[str, Any]:
    out = {"written": name, "name": name, "identified_as": ident, "variants": [], "kind": "person", "honorific": None}
    out.update(more)
    return out


def conversation_page(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str],
                      body: list[str]) -> str:
    """A record of a conversation: its title (returned), the sides and those the text lists (``exp``)."""
    label, kind = rng.choice(CONV_KINDS)
    exp["kind"] = kind
    sides: list[str] = []
    diarist: str | None = None
    roll = rng.random()
    if roll < 0.2:  # written in a diary: the diarist recorded it
        aw, diarist = rng.choice(AUTHORS)
        other = rng.choice([p for p in ROLE_PEOPLE if p[1].split()[-1] != diarist.split()[-1]])
        cday = date - dt.timedelta(days=rng.randrange(1, 20))
        title = f"From the Diary of {aw}: {label} with {other[0]} on {_dmy(cday)}"
        sides = [other[1]]
        exp["conversation_date"] = cday
    elif roll < 0.3:  # a dash between the two sides, then the residence where they met
        sides = rng.sample(PLAIN_PEOPLE, 2)
        title = f"{label} between {sides[0]} – {sides[1]}, {rng.choice(['Example Residence', 'Testovo Dacha'])} [Testland]"
    elif roll < 0.4:  # a diary's quoted record; the person's offices follow his name
        diarist = rng.choice(["Vetrov I.S.", "A.B. Orlovsky"])
        b = rng.choice(PLAIN_PEOPLE)
        cday = date - dt.timedelta(days=rng.randrange(1, 9))
        title = (f"From the Diary of {diarist}, '{label} with {b}, Invented Party Politburo member and Secretary, "
                 f"and Minister of Example Affairs, {_dmy(cday)}'")
        sides = [b]
        exp["conversation_date"] = cday
    elif roll < 0.5:  # the diarist's office, then a quoted record with a person and an office
        aw, diarist = rng.choice(AUTHORS)
        b = rng.choice(PLAIN_PEOPLE)
        title = (f"From the Journal of {diarist}, Soviet Ambassador to Testland, '{label} with Chairman of the "
                 f"Invented Council, {b}'")
        sides = [b]
    elif roll < 0.57:  # the two sides joined by a dash before the word for the meeting (batch 18)
        sides = rng.sample(PLAIN_PEOPLE, 2)
        title = f"Minutes of {sides[0]} – {sides[1]} Meeting, {rng.choice(MEETING_PLACES)}"
        exp["kind"] = "minutes of conversation"
    else:
        a, b = rng.sample(ROLE_PEOPLE, 2)
        second = (b[0], b[1]) if rng.random() < 0.7 else (rng.choice(GROUPS),) * 2
        title = f"{label} between {a[0]} and {second[0]}"
        sides = [a[1], second[1]]
        if rng.random() < 0.3:
            title += f" in {rng.choice(MEETING_PLACES)}"
        if rng.random() < 0.3:
            cday = date - dt.timedelta(days=rng.randrange(0, 5))
            title += f", {_dmy(cday)}"
            exp["conversation_date"] = cday
        elif rng.random() < 0.2:  # what they talked about (held-out batch 15)
            title += " on the Question of the Invented Railway Shipments"
    if diarist is not None:
        exp["author"] = diarist
    helpers: list[str] = []
    recorders = [diarist] if diarist else []
    if rng.random() < 0.6:
        interp, rec1 = rng.sample(HELPERS, 2)
        head += [f"Time: 4:30 p.m., {_dmy(date)}", f"Interpreter: {interp}",
                 f"{rng.choice(['Recording officials', 'Recorder', 'Record'])}: {rec1}", ""]
        helpers.append(interp)
        recorders.append(rec1)  # the recorder comes after the others (docs/page-fields.md)
        if rng.random() < 0.3:  # more people present, in a labelled list ending "..., and C" (batch 12)
            more = [p for p in HELPERS if p not in (interp, rec1)][:3]
            head.insert(-1, f"Participants: {more[0]}, {more[1]}, and {more[2]}")
            helpers += more
    elif rng.random() < 0.5:  # one list per side, or a list label with one person a line
        head += _side_lists(rng, helpers)
    exp["participants"] = sides + helpers + recorders
    speakers = (sides + helpers + recorders + ["Testov"])[:2]
    body += [f"{speakers[0]}: {rng.choice(BODY)}", "", f"{speakers[1]}: {rng.choice(BODY)}"]
    return title


def _side_lists(rng: random.Random, names: list[str]) -> list[str]:
    """Lists of those present in one of the layouts pages use; the names read go into ``names``."""
    a, b, c = rng.sample(SIDE_PEOPLE, 3)
    style = rng.randrange(4)
    if style == 0:
        names += [a[1], b[1], c[1]]
        return [f"On the Testland side: {a[0]}, {b[0]}.", f"From the Exampleland side - {c[0]} (interpreter).", ""]
    if style == 1:
        names += [a[1], b[1], c[1]]
        label = rng.choice(["Participating", "ATTENDED BY", "Those taking part", "Attended by"])
        return [f"{label}: {a[0]}, {b[0]}; {c[0]}", ""]
    if style == 2:  # the label alone, one person a line, blank lines between
        names += [a[1], b[1], c[1]]
        return [rng.choice(["Participating:", "Present:", "Participants:"]), "", a[0], "", b[0], "", f"{c[0]} (interpreter)",
                ""]
    names += [a[1], b[1]]
    return [f"Present: on the Testland side - {a[0]}; on the Exampleland side - {b[0]}", ""]


def more_conversation_page(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str],
                           body: list[str]) -> str:
    """The rarer shapes of conversation records: a transcript, a German note, a session with its chair and
    attendance, a mission's report, a diary's reception, a report on a meeting, an office the editors name."""
    a, b = rng.sample(PLAIN_PEOPLE, 2)
    style = rng.randrange(9)
    if style == 7:  # those who attended, named in the opening sentences among their offices
        x, y, z = rng.sample(["Ion Testescu", "Li Sample", "Wang Test", "Anna Probna"], 3)
        exp.update(kind="minutes of conversation", participants=[a, b, x, y, z])
        form = rng.randrange(3)
        if form == 0:
            exp["notes"].append(("gloss", b, "meeting"))  # "[Kim] was accompanied": the editors' completion
        body += [([
            f"Comrades {x}, member of the CC of the Invented Party, {y}, deputy member of the CC, attended the "
            f"meeting. [{b}] was accompanied by {z}, head of the International Section.",
            f"The meeting was attended by:\n{x}[3] – Minister of Invented Affairs;\n{y}[4] – Ambassador to "
            f"Exampleland;\n{z} – Head of Department IV",
            f"Participating in the meeting were: {x}, {y}. Also invited were comrades {z}."])[form], "",
            f"{a}: {rng.choice(BODY)}"]
        return f"Minutes of Conversation between {a} and {b}"
    body += [rng.choice(BODY), "", rng.choice(BODY)]
    if style == 8:  # a meeting told as news: who met or received whom
        news = rng.choice([f"{a} Meets {b} to Discuss Invented Matters", f"{a} Meets with {b}"])
        if date.toordinal() % 2 == 0:  # (the draws are made all the same: the rest of the corpus stays as it was)
            return kind_cue_page(date, exp, head, body)
        exp.update(kind="meeting", participants=[a, b])
        return news
    if style == 0:  # a verbatim record of a conversation
        exp.update(kind="transcript", participants=[a, b])
        return rng.choice([f"Transcript of Conversation between {a} and {b}", f"Transcript, Meeting of {a} and {b}",
                           f"Stenographic Transcript of the Official Talks between {a} and {b}"])
    if style == 1:  # an untranslated German note on a conversation, perhaps with its day
        exp.update(kind="record of conversation", participants=[a, b])
        title = f"Vermerk über das Gespräch zwischen {a} und {b}"
        if rng.random() < 0.5:
            exp["conversation_date"] = date
            title += f" am {date.day}. {GERMAN_MONTHS[date.month - 1]} {date.year}"
        return title
    if style == 2:  # a body's session: its chair, then those attending written "Family, I.N."
        chair, *rest = rng.sample(FAMILY_INITIALS, 4)
        exp.update(kind=rng.choice(["transcript", "minutes of conversation"]), participants=[chair, *rest])
        head += ["Top Secret", "", f"Chaired by Comrade {chair}", "", f"In attendance: Comrades {'; '.join(rest)}", ""]
        exp["classification"] = ["Top Secret"]
        word = "Transcript" if exp["kind"] == "transcript" else "Minutes"
        return f"{word} of the Invented Party Politburo Session on Railway Matters"
    if style == 3:  # a mission's report on a conversation: not a participant; it wrote from its city
        city, nation = rng.choice(MISSION_CITIES), rng.choice(NATIONS)
        exp.update(kind="record of conversation", participants=["Invented Foreign Ministry Official"], sent_from=city,
                   signatories=["Testowicz"])
        return (f"{nation} Embassy in {city} (Testowicz), Report on Conversation with Invented Foreign Ministry "
                f"Official on {nation}-Exampleland Relations")
    if style == 4:  # a diarist receives a guest: the host, and the recorder (after the others)
        exp.update(kind="meeting", author="A. A. Testov", participants=[b, "A. A. Testov"],
                   conversation_date=date - dt.timedelta(days=1))
        return (f"From the Journal of A. A. Testov, 'Reception of the Ambassador of Testland in Moscow {b}, "
                f"{_dmy(date - dt.timedelta(days=1))}'")
    if style == 5 and date.toordinal() % 2 == 0:  # (style 5 draws nothing more)
        return kind_cue_page(date, exp, head, body)
    if style == 5:  # a report on a meeting with two people: an account of the conversation, no addressee
        exp.update(kind="record of conversation", participants=[f"J. {a.split()[-1]}", f"A. {b.split()[-1]}"])
        return (f"Report to the Invented Committee on the Consultation Meeting With Comrade J. {a.split()[-1]} and "
                f"Comrade A. {b.split()[-1]}")
    day = date - dt.timedelta(days=2)
    exp.update(kind="meeting", participants=["The Premier", b], conversation_date=day)
    return f"The Premier’s [{a}'s] Meeting with Foreign Minister {b} on Friday, {_dmy(day)}, 10.15 until 11.30 hours"


def paper_title(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
    """A paper issued by a body named before its kind word, a ciphered telegram by another name, a mission in a
    city writing home."""
    style = rng.randrange(5)
    nation, city = rng.choice(NATIONS), rng.choice(MISSION_CITIES)
    body += [rng.choice(BODY), "", rng.choice(BODY)]
    if style == 0:
        num = str(rng.randrange(10, 999))
        exp.update(kind="cable", number=num, senders=[dict(_ref(f"North {nation} Politburo"), kind="organization")])
        return f"Secret North {nation} Politburo Cable No. {num}"
    if style == 1:
        exp.update(kind="decree", senders=[dict(_ref("VKP(b) CC"), kind="organization")])
        return "VKP(b) CC Decree, 'Concerning Instructions to Cdes. Testov and Primerov'"
    if style == 2:
        exp.update(kind="information", senders=[dict(_ref("Ministry of Foreign Affairs"), kind="organization")],
                   recipients=[dict(_ref("the President"), kind="office")])
        return "Ministry of Foreign Affairs Information to the President, 'Minister Testov's Visit'"
    if style == 3:
        num = str(rng.randrange(1000, 99999))
        exp.update(kind="ciphered telegram", number=num, sent_from=city)
        word = rng.choice(["Cryptogram No", "Cipher No."])
        return f"{word} {num} from {city}"
    exp.update(kind="cable", sent_from=city, destination="Tokyo",
               senders=[dict(_ref(f"{nation} Embassy in {city}"), kind="organization")])
    return f"Cable from {nation} Embassy in {city} to Tokyo"


def kind_cue_page(date: dt.date, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
    """A record whose kind is read from a heading over the text, or from a kind phrase with words between its
    parts (docs/page-fields.md, kind). Its own generator, seeded by the date, so the corpus's draws stay as they
    were."""
    rng = random.Random(date.toordinal())
    body.clear()
    a, b = rng.sample(PLAIN_PEOPLE, 2)
    nation, city = rng.choice(NATIONS), rng.choice(MISSION_CITIES)
    text = [rng.choice(BODY), "", f"{a.split()[-1]}: {rng.choice(BODY)}"]
    style = rng.randrange(24)
    if style == 23:  # the place and the day in brackets after the side; an office, a form of address, the name
        body += text
        if date.day % 2:
            exp.update(kind="memorandum of conversation", participants=[b], conversation_date=date)
            return f"Memorandum of Conversation with Comrade {b} in Tesgrad ({_dmy(date)})"
        exp.update(kind="record of conversation", author=a, participants=[b, a])
        return f"From the Journal of {a}, Record of Conversation with {nation} Ambassador in Exampleland Cde. {b}"
    if style == 22:  # a record kept in its writer's journal: the keeper where a page's columns put him
        keeper = f"A. P. {a.split()[-1].upper()}"
        exp.update(kind="memorandum of conversation", author=keeper, participants=[b, keeper])
        body += [f"From the journal of TOP SECRET {keeper} Copy no. 2", "", _dmy(date), "", *text]
        return f"Memorandum of Conversation with {b}"
    if style == 20:  # words describing the paper before its kind word; who "possibly" wrote it is no sender
        exp.update(kind="note")
        body += text
        return f"Undated, unsigned handwritten note, possibly by Minister {a}"
    if style >= 16:  # lists of those present in the layouts of batches h1/h2 (21: a list over lines)
        body += text
        return _list_shapes(style, rng, exp, head, a, b, nation)
    if style >= 11:  # the sides of a title, around places, descriptions, a possessor and a sentence after them
        body += text
        return _sides_title(style, rng, date, exp, a, b, nation, city)
    if style == 0:  # no kind word in the title; the mission's heading says what it is (and where it was written)
        # the sides are named only by the sentence saying who met with whom, behind their offices
        exp.update(kind="record of conversation", participants=[a, b], sent_from=city)
        head += [f"{nation} Embassy in {city}", "Meeting, record of conversation", "", _dmy(date), ""]
        body += [f"On {_dmy(date)} Embassy counsellor {a} met with the Deputy Head of the Exampleland MFA {b} on his "
                 f"own initiative.", "", *text]
        return f"{nation}-Exampleland Trade, {date.year}"
    if style == 1:  # no kind word in the title; the heading names the record and its sides
        z = rng.choice(LISTED)  # one more, named by a sentence saying he was present
        exp.update(kind="record of conversation", participants=[a, b, z])
        body += [f"Record of Conversation between {a} and {b}", "", f"Deputy Foreign Minister {z} was also present.",
                 "", *text]
        return "Invented Questions of the Northern Railway"
    if style == 2:  # the title is a paper's subject; the editors' line under the repeated title says it is a speech
        subject = "Key Tasks of the Invented Service in the Coming Year"
        exp.update(kind="speech", senders=[_ref(a)])  # "Name, 'Title'": the speaker
        body += ["[Page 1]", "", subject, "", f"(Speech given by Deputy Minister {a} at the Invented Conference of "
                 f"Leading Cadres)", "", rng.choice(BODY)]
        return f"{a}, '{subject}' [Excerpts]"
    if style == 3:  # a meeting's title over a German note: the record's form
        exp.update(kind="record of conversation", participants=[a, b])
        body += [f"{city}, den {date.day}. {GERMAN_MONTHS[date.month - 1]} {date.year}", "", "V e r m e r k", "",
                 *text]
        return f"{a}'s Meeting with {b}"
    body += text
    if style == 4:
        exp.update(kind="record of conversation", participants=[a, b])
        return f"Record of Telephone Conversation between {a} and {b}"
    if style == 5:
        exp.update(kind="record of conversation", participants=[a, b])
        return f"Note regarding the Personal Conversation that took place between {a} and {b}, in {city}"
    if style == 6:
        exp.update(kind="memorandum of conversation", participants=[a, b])
        return f"Memo of Meeting between Deputy Foreign Minister {a} and {nation} Ambassador {b}"
    if style == 7:
        day = date - dt.timedelta(days=1)
        exp.update(kind="record of conversation", participants=[a, b], conversation_date=day)
        return f"Record of a meeting on {MONTHS[day.month - 1]} {day.day}, {day.year} between {a} and {b}"
    if style == 8:  # a body's plenum: no one named as taking part
        exp.update(kind="record of conversation", participants=[])
        return f"Record of the Plenum of the {nation} Party Central Committee, {city}"
    if style == 9:
        exp.update(kind="information", sent_from=city, senders=[dict(_ref(f"the {nation} Embassy in {city}"),
                                                                     kind="organization")],
                   recipients=[dict(_ref("the Ministry of Foreign Affairs"), kind="organization")])
        return f"Informational Note from the {nation} Embassy in {city} to the Ministry of Foreign Affairs"
    exp.update(kind="information", participants=[])  # a heading, then a sentence on what it reports
    return f"Information: The Source Reported about a Conversation with Prof. {b.split()[-1].upper()}"


def _sides_title(style: int, rng: random.Random, date: dt.date, exp: dict[str, Any], a: str, b: str, nation: str,
                 city: str) -> str:
    """A conversation's title whose sides stand among words that name no one: a sentence after them, a place
    after a name, "Held by ...", a description before a name, a possessor who wrote the notes, a building."""
    if style == 11:
        exp.update(kind="record of conversation", participants=[a, b])
        return f"Record of Telephone Conversation between {a} and Chancellor of {nation} {b}. {city}-Exampleburg."
    if style == 12:  # the possessor of the notes wrote them: he comes after the other side
        exp.update(kind="record of conversation", participants=[b, a])
        return f"{a}'s Notes of a Conversation with {b} in {city} Held by the {nation} and Exampleland Delegations"
    if style == 13:
        day = date - dt.timedelta(days=rng.randrange(0, 3))
        exp.update(kind="transcript", participants=[a, b], conversation_date=day)
        return f"Transcript of {a}'s Phone Conversation with {b}, {_dmy(day)}"
    if style == 14:
        exp.update(kind="record of conversation", participants=[a, b])
        return (f"Excerpts from a record of a meeting between {nation} journalist, {a}, and Director of the Invented "
                f"Office, {b}")
    exp.update(kind="conversation", participants=[a, b])
    return f"First Conversation between {a} and {b}, Hall of Invented Columns [{city}]"


LISTED = ["Ion Testescu", "Li Sample", "Wang Test", "Anna Probna", "Zhao Example", "Petra Musterova"]


def _list_shapes(style: int, rng: random.Random, exp: dict[str, Any], head: list[str], a: str, b: str,
                 nation: str) -> str:
    """A record of a conversation between ``a`` and ``b`` whose header lists more who took part."""
    x, y, z, q = rng.sample(LISTED, 4)
    title = f"Record of Conversation between {a} and {b}"
    exp.update(kind="record of conversation")
    if style == 16:
        head += [f"Those attending the meeting: Comrade {x}, Comrade {y}", f"Interpreters: {z}, {q}", ""]
        exp["participants"] = [a, b, x, y, z, q]
    elif style == 17:
        head += [f"Receiving Persons: Deputy Director {x}", f"Translator/Recorder: {y}", ""]
        exp["participants"] = [a, b, x, y]
    elif style == 18:  # one side's sentence over a line of names (the title's side again, by his initial)
        initial = f"{a.split()[0][0]}. {a.split()[-1]}"
        head += [f"From the {nation} side, [the following comrades] participated in the meeting:", "",
                 f"Cdes. {initial}, {x} and {y}.", "",
                 f"From the Exampleland side: Cdes. {z} – Head of the Delegation; {q} - Member of the Invented "
                 f"Committee; (the ambassador was not present during the meeting).", ""]
        exp["participants"] = [a, b, x, y, z, q]
    elif style == 19:
        head += ["Present [at the meeting]:", "", f"Cdes. {a.split()[-1]}, {x}, {y};", "", f"Cdes. {z}, {q}.", ""]
        exp["participants"] = [a, b, x, y, z, q]
    else:  # a list going on over lines, offices and bodies after each name, a name cut by the line's end
        first, family = x.split()
        head += [f"PARTICIPANTS: {a}, Vice President, Council of State, {first}", f"{family}, Counselor, {nation} "
                 f"Foreign Ministry,", f"Ambassador {b}, American Ambassador,", f"{y}, Political Officer, American "
                 f"Embassy,", "DATE AND PLACE: the invented day, Council of State", ""]
        exp["participants"] = [a, b, x, y]
    return title
