"""Synthetic title and header shapes found in the fresh batches of issue 8 (batch 20 onward), for
:mod:`kg.synth_variants`.

Every name and word is invented; the shapes imitate what archive pages do: a reception with its host and guest,
a protocol of a body's meeting with its number and participant list, a memorandum addressed before its sender is
named, an office writing "to" someone with the office before the person's name, a person writing from a place
("from X in City"), telegrams to several leaders "and Others" or "and convey to X", a title for two documents,
an embassy's letter whose inside address names the addressee, and a bracketed year ending the title.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

PEOPLE = ["Ivan Testov", "Petar Primerov", "Kim Example", "Zhou Shili", "Anton Probny", "Lena Vzorova"]
FAMILY = ["Testov", "Primerov", "Probny", "Vzorov", "Exemplar", "Muster"]
# invented towns no gazetteer knows: a dateline names them all the same
TOWNS = ["Tesgrad", "Exampleburg", "Nova Testa", "Probnik"]
CITIES = ["Urumchi", "Hanoi", "Pyongyang", "Havana", "Warsaw", "Prague"]
BODIES = ["Political Bureau of the CC of the Invented Workers Party", "Testland Politburo",
          "Presidium of the Example Party CC"]
GROUPS = ["the Testland Friendship Delegation", "the Example Trade Delegation"]


def _ref(name: str, kind: str = "person", honorific: str | None = None, written: str | None = None) -> dict[str, Any]:
    return {"written": written or name, "name": name, "identified_as": None, "variants": [], "kind": kind,
            "honorific": honorific}


def fresh_title(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
    """One of the shapes above: returns the title, puts header lines into ``head`` and text into ``body`` and the
    facts into ``exp``."""
    style = rng.randrange(16)
    if style >= 9:
        return _later_shapes(rng, style, date, exp, head, body)
    if style == 8 and date.day % 4 != 3:  # (chosen from the date: the other shapes' random sequence stays as it was)
        from kg.synth_parties import party_shapes, place_shapes  # (they draw on this module's names)

        return (party_shapes if date.day % 2 == 0 else place_shapes)(rng, date, exp, head, body)
    if style == 0:  # a reception: the host, the guest (title order), the kind of paper is a meeting
        host, guest = rng.choice(PEOPLE), rng.choice(GROUPS)
        exp.update(kind="meeting", participants=[host, guest])
        if rng.random() < 0.5:
            return f"Reception by Chairman {host} of {guest}"
        exp["participants"] = [guest, host]
        return f"Reception of {guest} by Chairman {host}"
    if style == 1:  # a protocol of a body's meeting, its number, who was there
        num = str(rng.randrange(10, 300))
        a, b, c = rng.sample(PEOPLE, 3)
        body[:0] = [f"Participants: Comrades {a}, {b}. {c}.", ""]
        exp.update(kind="minutes of conversation", number=num, participants=[a, b, c])
        if rng.random() < 0.5:
            return f"Protocol {num} of the Meeting of the {rng.choice(BODIES)}, on Invented Measures"
        return f"Protocol No. {num}, Meeting of the {rng.choice(BODIES)}"
    if style == 2:  # a memorandum naming its addressee before its sender
        who = rng.choice(PEOPLE)
        exp.update(kind="memorandum", senders=[_ref(who)], recipients=[_ref("the Chairman", kind="office")])
        return f"Memorandum for the Chairman from {who}"
    if style == 3:  # no kind word: an office and its holder to another office and its holder
        a, b = rng.sample(FAMILY, 2)
        exp.update(kind="document", sent_from="DPRK",  # an envoy writes from where he is accredited
                   senders=[_ref(a, written=f"Testland Ambassador to the DPRK {a}")],
                   recipients=[_ref(b, written=f"Foreign Minister {b}")])
        return f"Testland Ambassador to the DPRK {a} to Foreign Minister {b}"
    if style == 4:  # a person writing from a place: the place is where it was sent from
        who, city = rng.choice(FAMILY), rng.choice(CITIES)
        num = str(rng.randrange(10000, 99999))
        exp.update(kind="ciphered telegram", number=num, senders=[_ref(who)], sent_from=city)
        if body and body[-1].endswith(".") and int(num) % 2:  # the cipher office's number closing the text
            tno = f"{int(num) % 900 + 100}/sh"
            body[-1] += f" Nº {tno}"
            exp["telegram_number"] = tno
        return f"Ciphered Telegram No. {num} from {who} in {city}"
    if style == 5:  # several addressees "and Others", or one more to be passed on to
        a, b, c, d = rng.sample(PEOPLE, 4)
        exp["kind"] = "telegram"
        exp["senders"] = [_ref(a)]
        if rng.random() < 0.5:
            exp["recipients"] = [_ref(b)]
            return f"Telegram, {a} to {b} and Others, Regarding the Invented Session"
        exp["recipients"] = [_ref(b), _ref(c), _ref(d)]
        return f"Telegram, {a} to {b}, {c}, and convey to {d} (excerpt)"
    if style == 6:  # a title for two documents: the kind of the first
        a, b = rng.sample(FAMILY, 2)
        label = rng.choice(["Two Telegrams", "Telegram and Letter"])
        exp.update(kind="telegram", senders=[_ref(a)], recipients=[_ref(b)])
        return f"{label} from {a} to {b}"
    if style == 7:  # an embassy's report whose inside address names the addressee above the salutation
        first, family = rng.choice(["Helga", "Karl", "Werner"]), rng.choice(FAMILY)
        city = rng.choice(CITIES)
        head += [f"Testland Embassy to {city}", "", f"{city}, {date.day} {date.strftime('%B')}, {date.year}", "",
                 "Ministry for Foreign Affairs", "", "Head of Example Department", "", f"Comrade {first} {family}", "",
                 "B e r l i n", "", f"Dear Comrade {family}!", ""]
        exp.update(kind="report", senders=[_ref(f"the Testland Embassy in {city}", kind="organization")],
                   recipients=[_ref(f"{first} {family}", honorific="Comrade", written=f"Comrade {first} {family}")],
                   sent_from=city)
        return f"Report from the Testland Embassy in {city}"
    # a year the editors supplied, in brackets, ends the title
    exp.update(kind="memorandum", senders=[_ref("the Testland Foreign Ministry", kind="organization")])
    return f"Memorandum from the Testland Foreign Ministry, [{date.year}]"


def _later_shapes(rng: random.Random, style: int, date: dt.date, exp: dict[str, Any], head: list[str],
                  body: list[str]) -> str:
    """Shapes of batches 22-29: working notes with "Those Taking Part", a memorandum of a discussion held by an
    office holder, a meeting whose text calls itself notes with those present in a paragraph, a telegram form with
    "Sender:" and "To:" lines, a report two wrote together, a reply to someone's message, a signed letter."""
    a, b, c, d = rng.sample(PEOPLE, 4)
    if style == 9:
        body[:0] = [f"Those Taking Part: {', '.join(FAMILY[:4])}.", ""]
        exp.update(kind="record of conversation", participants=FAMILY[:4], conversation_date=date)
        return f"Working Notes from the Session of the {rng.choice(BODIES)} on {date.day} {date.strftime('%B')} {date.year}"
    if style == 10:
        city = rng.choice(CITIES)
        head += [f"Consulate-General of Testland in {city}", "", f"No. {date.day}", ""]
        # the mission's letterhead over the record is where the record was written (docs/page-fields.md, sent_from)
        exp.update(kind="memorandum of conversation", number=str(date.day), participants=[a, b], sent_from=city)
        return (f"Memorandum of a Discussion held by Testland Consul-General in {city}, {a}, with First Secretary "
                f"of the Invented Party Committee, Comrade {b}")
    if style == 11:
        note = f"Notes of the conversation between {a} and a delegation headed by {b}. Present were {c}, {d} (Translator)."
        body[:0] = [f"[{note}]", ""]
        exp.update(kind="record of conversation", participants=[a, b, c, d])
        exp["notes"].append(("gloss", note, None))
        return f"Meeting between {a} and {b}"
    if style == 12:
        city = rng.choice(["Pyongyang", "Hanoi", "Havana"])
        num = f"0{rng.randrange(10, 99)}.{rng.randrange(100, 999)}"
        head += [f"Sender: {city}", f"Date: {date.day:02d}.{date.month:02d}.{date.year}/04:30", f"No.: {num}",
                 f"To: Comrade {a}, First Direction – Relations", ""]
        # the title's number and a "No.:" header field: the document's number, and its telegram number
        # (docs/page-fields.md, "number vs telegram_number": a header field gives telegram_number)
        exp.update(kind="telegram", number=num, telegram_number=num, sent_from=city, destination="Bucharest",
                   recipients=[_ref(a, honorific="Comrade", written=f"Comrade {a}")])
        return f"Telegram from {city} to Bucharest, SECRET, Urgent, No. {num}"
    if style == 13:
        x, y = rng.sample(FAMILY, 2)
        exp.update(kind="report", senders=[_ref(x), _ref(y)])
        # the title names no addressee: the heading may (chosen from the date: the random sequence stays as it was)
        if date.day % 3 == 0:
            head += ["[To the] Ministry of Testing and the Second Department of the Example Staff:", ""]
            exp["recipients"] = [_ref("Ministry of Testing", kind="organization"),
                                 _ref("the Second Department of the Example Staff", kind="organization")]
            exp["notes"].append(("gloss", "To the", None))  # the editors' words in brackets
        elif date.day % 3 == 1:
            head += [f"Ambassador Comrade {d}", "", "Subject: invented matters", ""]
            exp["recipients"] = [_ref(d, honorific="Comrade", written=f"Comrade {d}")]
        else:  # a form's from-line: the sending mission where it is, and the addressee
            town = TOWNS[date.month % len(TOWNS)]
            head += [f"From the Testland Embassy in {town} to the State Secretariat", ""]
            exp["recipients"] = [_ref("the State Secretariat", kind="organization")]
            exp["sent_from"] = town
        return f"{x}-{y} Report"
    if style == 14 and date.day % 3 == 0:  # kinds from a title's structure (chosen from the date: the sequence stays)
        body_name = BODIES[date.month % len(BODIES)]
        if date.month % 2:  # a body's name of five to seven words, then the kind of paper it issued
            exp.update(kind="resolution")
            return f"Example Party of Testland (EPT) Politburo Resolution on Invented Supplies, {date.strftime('%B')} {date.year}"
        if date.day % 9 == 3:  # a paper of another sort about a paper of a listed kind: a document
            exp.update(kind="document")
            return f"{('Analysis', 'Evaluation', 'Assessment')[date.month % 3]} of the Report on Invented Matters"
        # a body's session named alone; the text's first line after the handling marks names the record's form
        body[:0] = ["Top Secret", "", "Single Copy", "", "(Working Notes)", ""]
        exp.update(kind="record of conversation")
        return f"Session of the {body_name}, {date.day} {date.strftime('%B')} {date.year}"
    if style == 14 and date.day % 3 == 1:  # a cable form: its registry's "Number" field, then its own numbered heading
        reg, num = f"R{date.toordinal() % 99991:06d}", str(date.toordinal() % 9000 + 100)
        head += [f"Number {reg}", "", f"Number {num} Secret Urgent", ""]
        exp.update(kind="cable", senders=[_ref(a)], recipients=[_ref(b)], number=num, telegram_number=reg)
        return f"Cable from {a} to {b}"
    if style == 14 and date.day % 3 == 2 and date.month % 2 == 0 and body and body[0]:
        # the receiving ministry's register over the text, the sender's number (with the day and time) opening it
        reg, num = str(date.toordinal() % 90000 + 10000), str(date.toordinal() % 900 + 100)
        head += [reg, ""]
        body[0] = f"{num} – FRIDAY – 17hs45 – {body[0]}"
        exp.update(kind="telegram", senders=[_ref(a)], recipients=[_ref(b)], telegram_number=num)
        exp["flags"].append("telegram_number")
        return f"Telegram from {a} to {b}"
    if style == 14:
        exp.update(kind="letter", senders=[_ref(a)], recipients=[_ref(b)])
        return f"Response of the President of the [Invented] Republic, {a} [to {b}'s Message of {date.year - 1}]"
    closing = rng.choice(["With comradely greetings,", "Respectfully yours,", "With socialist greetings"])
    # two shapes of later batches, chosen from the date so that the random sequence of the corpus stays as it was
    town, serial = TOWNS[date.day % len(TOWNS)], date.toordinal() % 997 + 3
    if date.day % 5 == 1:  # dated at its head in a town no gazetteer knows, its register number, year and secrecy
        reg = f"{serial}/ {date.year}/ top secret"
        head += [f"{town}, {date.day} {date.strftime('%B')} {date.year}", "", reg, ""]
        exp.update(kind="letter", senders=[_ref(a)], recipients=[_ref(b)], sent_from=town, number=reg)
        return f"Letter from {a} to {b}"
    if date.day % 5 == 2:  # a note numbered with letters and an editor's bracket, signed off with place and date
        num = f"{serial}/{date.month}/{date.year % 100:02d}/XYZ"
        head += [f"No. {num} [secret]", ""]
        body += ["", f"{town}, {date.year} {date.strftime('%B')} {date.day}", "", a]
        exp.update(kind="note", senders=[_ref(a)], recipients=[_ref(b)], sent_from=town, number=num, signatories=[a])
        return f"Note from {a} to {b}"
    if date.day % 5 == 3:  # a cable whose title names no addressee: its heading names two offices
        head += ["[To the] Ministry of Testing and the Second Department of the Example Staff:", ""]
        exp.update(kind="cable", senders=[_ref(a)], recipients=[
            _ref("Ministry of Testing", kind="organization"),
            _ref("the Second Department of the Example Staff", kind="organization")])
        exp["notes"].append(("gloss", "To the", None))  # the editors' words in brackets
        return f"Cable from {a}, 'On Invented Matters'"
    if date.day % 5 == 4:  # a covering letter: the addressee's office and form of address over its subject line
        head += [f"Ambassador Comrade {b}", "", "Subject: invented matters", ""]
        exp.update(kind="letter", senders=[_ref(a)],
                   recipients=[_ref(b, honorific="Comrade", written=f"Comrade {b}")])
        return f"Letter from {a}"
    exp.update(kind="letter", senders=[_ref(a)], recipients=[_ref(b)], signatories=[a])
    if date.day % 5 == 0:  # a heading with the paper's kind and its number
        head += [f"LETTER No {serial} OF {date.day} {date.strftime('%B').upper()} {date.year}", ""]
        exp["number"] = str(serial)
    body += ["", closing, "", a]
    return f"Letter from {a} to {b}"


def caps_title_line(exp: dict[str, Any]) -> str | None:
    """A version of the quoted-citation layout shows the title once more on a line of its own, in capitals, above
    the citation: that line is the page's title, and the names the title gives are read in its capitals. Returns
    the line (and changes ``exp``), or None when the page's expectations cannot say it (a sent_from place)."""
    title = exp["title"]
    if not title or exp.get("sent_from") or len(title.upper()) != len(title):
        return None

    def up(name: str) -> str:
        return name.upper() if name in title else name

    for key in ("senders", "recipients", "via"):
        for r in exp[key]:
            r["name"], r["written"] = up(r["name"]), up(r["written"])
    if "participants" in exp:
        exp["participants"] = [up(p) if isinstance(p, str) else {**p, "name": up(p["name"])}
                               for p in exp["participants"]]
    if exp.get("author"):
        exp["author"] = up(exp["author"]) if isinstance(exp["author"], str) else exp["author"]
    exp["title"] = title.upper()
    return exp["title"]


def citation_shape(f: int, o: int, d_: int, a: int, base: int) -> tuple[str, list[dict[str, Any]]] | None:
    """Citation shapes of later batches, chosen from numbers already drawn (the random sequence stays as it was):
    the text and the parts a reader takes from it. ``base`` is the caller's style."""
    if base == 0 and d_ % 4 == 1:  # a comma inside the archive's brackets, a call number, a box written "12. doboz"
        return (f"Example National Archives (Arkhiv Primera, ANP), XIX-J-1-j Testland, {o}. doboz, {d_:06d}/2/1983.",
                [{"repository": "Example National Archives (Arkhiv Primera, ANP)", "collection": "XIX-J-1-j Testland",
                  "box": str(o), "identifier": f"{d_:06d}/2/1983"}])
    if base == 0 and d_ % 4 == 2:  # "Record" for the opis and "File" for the delo
        return (f"Archive of the Example Party, Fond {f}, Record {o}, File {d_}.",
                [{"repository": "Archive of the Example Party", "fond": str(f), "opis": str(o), "delo": str(d_)}])
    if (p3 := citation_grammar_shape(f, o, d_, a, base)) is not None:
        return p3
    if (p7 := citation_language_shape(f, o, d_, a, base)) is not None:
        return p7
    if base == 8 and d_ % 4 == 2:  # number signs before the values
        return (f"TsGA, Fond Nº {f}, opis’ Nº {o}, delo Nº {d_}.",
                [{"repository": "TsGA", "fond": str(f), "opis": str(o), "delo": str(d_)}])
    return None


def citation_grammar_shape(f: int, o: int, d_: int, a: int, base: int) -> tuple[str, list[dict[str, Any]]] | None:
    """Citation shapes read by the parts grammar (kg.ingest.wilson.citation_parts): an archive and a published
    collection in one sentence, a file's volume and pages, provenance after an archive and its town, a citation
    written from the file up to the archive, labels after their numbers, an archive's parent institution, a call
    number and its pages in one chunk, a town and its state after an archive."""
    if base == 5 and d_ % 5 == 0:  # the archive, then where the document was first published
        return (f"TsEA, F. {f}, Op. {o}, D. {d_}, first published in Invented Working Paper {a}.",
                [{"repository": "TsEA", "fond": str(f), "opis": str(o), "delo": str(d_)},
                 {"kind": "publication", "collection": f"Invented Working Paper {a}"}])
    if base == 5 and d_ % 5 == 1:  # a file's volume and pages: still an archive, not a book
        return (f"AMEX, Tesgrad/{1970 + o % 20}, vol. {o % 9 + 1}, pp. {a}-{a + 1}.",
                [{"repository": "AMEX", "identifier": f"Tesgrad/{1970 + o % 20}", "volume": str(o % 9 + 1),
                  "folios": f"{a}-{a + 1}"}])
    if base == 5 and d_ % 5 == 2:  # the archive's town, then who obtained the copy (no second archive)
        return ("EXBA-Arch, Prague. Document obtained by Anna Sample.",
                [{"repository": "EXBA-Arch", "note": "Document obtained by Anna Sample"}])
    if base == 3 and d_ % 4 == 0:  # from the file up to the archive: call number, party files, archive, town
        return (f"Sygnatura XI B{o}, KC XPZ, AEN, Warsaw.",
                [{"repository": "AEN", "identifier": f"XI B{o}", "collection": "KC XPZ"}])
    if base == 3 and d_ % 4 == 1:  # Polish leaves ("k.") after unlabelled parts
        return (f"AEN, KC XPZ, {d_}, k. {a}-{a + 5}.",
                [{"repository": "AEN", "collection": "KC XPZ", "identifier": str(d_), "folios": f"{a}-{a + 5}"}])
    if base == 2 and d_ % 10 == 0:  # Hungarian order: the number, then "f." (fond) and "ö.e." (file)
        return (f"Example National Archives (Tesgrad), Department of Invented Party Papers, {f}. f. {o}/{d_}. ö.e., "
                f"pp. {a}-{a + 4}.",
                [{"repository": "Example National Archives (Tesgrad)", "collection": "Department of Invented Party Papers",
                  "fond": str(f), "delo": f"{o}/{d_}", "folios": f"{a}-{a + 4}"}])
    if base == 2 and d_ % 10 == 1:  # a subject file's number first, then the papers and the archive
        return (f"Subject File No. {o}, Papers of A. Sample, Example Memorial Museum and Library.",
                [{"repository": "Example Memorial Museum and Library", "collection": "Papers of A. Sample",
                  "delo": str(o)}])
    if base == 2 and d_ % 10 == 2:  # the archive, its parent university, a call number
        return (f"Example Records Center, Testland Defense University, EX-ABC-D-000-{d_:03d}.",
                [{"repository": "Example Records Center, Testland Defense University",
                  "identifier": f"EX-ABC-D-000-{d_:03d}"}])
    if base == 2 and d_ % 10 == 3:  # a call number and its pages in one comma part; a volume ("Bd.")
        return (f"EXDOC Archives, XYZ ab c {1960 + o % 20}.0{o % 9 + 1}.1{a % 9} pp. {a}- {a + 10}; PA EX, "
                f"Zwischenarchiv, Bd. {d_}{a}.",
                [{"repository": "EXDOC Archives", "identifier": f"XYZ ab c {1960 + o % 20}.0{o % 9 + 1}.1{a % 9}",
                  "folios": f"{a}- {a + 10}"},
                 {"repository": "PA EX", "collection": "Zwischenarchiv", "volume": f"{d_}{a}"}])
    if base == 2 and d_ % 10 == 4:  # a copy in a library, its town and state
        return (f"EXA, f. {f}, op. {o}, d. {d_}, copy in Example Collection, Manuscript Division, Library of "
                "Testing, Washington, DC.",
                [{"repository": "EXA", "fond": str(f), "opis": str(o), "delo": str(d_)},
                 {"repository": "Library of Testing", "division": "Manuscript Division",
                  "collection": "Example Collection"}])
    return None


def citation_language_shape(f: int, o: int, d_: int, a: int, base: int) -> tuple[str, list[dict[str, Any]]] | None:
    """Citations in the archives' own labels (kg.ingest.wilson.citation_labels: Albanian "Fondi (F.)" and "Dosja
    (Dos.)", Romanian "inv."/"dosar"/"fila", Bulgarian "a.e.", Czech "sv."/"a.j.", German "Bl."), an archive's
    siglum glued to its collection's ("PA AA" from the authorities' archives file, then an invented one), a fond's
    series letters before its number written the Hungarian way, a file's own title in quotation marks (full stops
    and commas inside it), a document's number in a published collection."""
    if base == 1 and d_ % 40 == 0:
        return (f"Central Example Archive (Arkivi Shembull, ASH), Tesgrad, Fondi (F.) {f}/AP, Relations with the "
                f"Example Party, Viti (V.) {1950 + o % 30}, Dosja (Dos.) {d_}.",
                [{"repository": "Central Example Archive (Arkivi Shembull, ASH)", "fond": f"{f}/AP", "delo": str(d_),
                  "collection": f"Relations with the Example Party, Viti (V.) {1950 + o % 30}"}])
    if base == 1 and d_ % 40 == 1:
        return (f"AEXM, fond. {f}, inv. {o}, dosar {d_}, fila {a}.",
                [{"repository": "AEXM", "fond": str(f), "opis": str(o), "delo": str(d_), "folios": str(a)}])
    if base == 1 and d_ % 40 == 2:
        return (f"TsDEX, f. {f}, op. {o}, a.e. {d_}, l. {a}-{a + 3}.",
                [{"repository": "TsDEX", "fond": str(f), "opis": str(o), "delo": str(d_), "folios": f"{a}-{a + 3}"}])
    if base == 1 and d_ % 40 == 3:
        return (f"NAEX, f. {f}, sv. {o}, a. j. {d_}.",
                [{"repository": "NAEX", "fond": str(f), "volume": str(o), "delo": str(d_)}])
    if base == 1 and d_ % 40 == 4:
        return (f"EXBArch, DY {f}/{d_}, Bl. {a}-{a + 2}.",
                [{"repository": "EXBArch", "identifier": f"DY {f}/{d_}", "folios": f"{a}-{a + 2}"}])
    if base == 6 and d_ % 30 == 0:
        return (f"PA AA MfEX, ZR {d_}/{50 + o % 40}.",
                [{"repository": "PA AA", "collection": "MfEX", "identifier": f"ZR {d_}/{50 + o % 40}"}])
    if base == 6 and d_ % 30 == 1:
        return (f"Example National Archives, Tesgrad (ENA), M-EX {f}. f. {o}/{d_}. o. e. Obtained by Anna Sample.",
                [{"repository": "Example National Archives", "collection": "Tesgrad (ENA)", "fond": f"M-EX {f}",
                  "delo": f"{o}/{d_}",
                  "note": "Obtained by Anna Sample"}])
    if base == 6 and d_ % 30 == 2:
        return (f"“Ciphergrams, Part {o}. Tesgrad, {1950 + o % 30},” Example Ministry Archives, Tesgrad.",
                [{"repository": "Example Ministry Archives"}])
    if base == 6 and d_ % 30 == 3:
        return (f"Example National Archives (ENA), Office of the Invented Party, File No. {d_}, “Notes on a Visit. "
                f"Part {o}.” Obtained by Anna Sample.",
                [{"repository": "Example National Archives (ENA)", "collection": "Office of the Invented Party",
                  "delo": str(d_), "note": "Obtained by Anna Sample"}])
    if base == 6 and d_ % 30 == 4:
        ref = (f"A. Example and B. Sample, “Invented Papers on Testland, 1960-1970,” Example Review, vol. {o % 9 + 1}, "
               f"no. {a % 12 + 1} ({1990 + f % 25}), p. {a}")
        return (f"EXAM, fond {f}, inv. {o}, dosar {d_}; Document No. {o} in {ref}.",
                [{"repository": "EXAM", "fond": str(f), "opis": str(o), "delo": str(d_)},
                 {"kind": "publication", "collection": f"Document No. {o} in {ref}"}])
    if base == 6 and d_ % 30 == 5:  # a ";" inside the archive's nested brackets; a call number and its pages
        return (f"Example Foundation Archive (Archive of the Example Parties (Foundation); EXF-Arch), Tesgrad, "
                f"DY {o}/IV A 2/{d_}, {a}-{a + 1}.",
                [{"repository": "Example Foundation Archive (Archive of the Example Parties (Foundation); EXF-Arch)",
                  "identifier": f"DY {o}/IV A 2/{d_}", "folios": f"{a}-{a + 1}"}])
    if base == 6 and d_ % 30 == 6:  # "See also" a book whose title has full stops and a bracket; then a series
        ref = (f"Testland. The Withdrawal. {1950 + o % 30} [Testland, The Withdrawal. {1950 + o % 30}], Example "
               f"Press, Tesgrad, {1990 + f % 25} (editor: Prof. A. Sample, Ph.D.), pp. {a}-{a + 1}")
        return (f"EXAM, fond {f}, dosar {d_}. See also {ref}.] Published in Invented Briefing Book No. {o}.",
                [{"repository": "EXAM", "fond": str(f), "delo": str(d_)},
                 {"kind": "publication", "collection": ref},
                 {"kind": "publication", "collection": f"Invented Briefing Book No. {o}"}])
    if base == 6 and d_ % 30 == 7:  # a research centre (Centro) as the archive, a family's archive its collection
        return (f"Centro de Exemplo (CEX), Example Family Archive, EXF{1970 + o % 20}.08.15 ab/cd [{o}/{d_}].",
                [{"repository": "Centro de Exemplo (CEX)", "collection": "Example Family Archive",
                  "identifier": f"EXF{1970 + o % 20}.08.15 ab/cd [{o}/{d_}]"}])
    if base == 6 and d_ % 30 == 8:  # a collection, a colon, one of its items
        return (f"Example Institution Archive, Ivan Testov Papers: Notepad {o % 28 + 1:02d}.05.1989.",
                [{"repository": "Example Institution Archive", "collection": "Ivan Testov Papers",
                  "identifier": f"Notepad {o % 28 + 1:02d}.05.1989"}])
    if base == 6 and d_ % 30 == 9:  # a file known by its name, then its box
        return (f"National Example Archive, Archive of the CC EXZ (Tesgrad), file Ivan Testov, Testland, box {o}.",
                [{"repository": "National Example Archive", "collection": "Archive of the CC EXZ (Tesgrad)",
                  "delo": "Ivan Testov, Testland", "box": str(o)}])
    if base == 6 and d_ % 30 == 10:  # a label's full stop before a value in capitals ("sygn. V/79")
        return (f"Archiwum Akt Exemplarnych (AAE), KC XPZ, sygn. V/{o}, k. {a}-{a + 9}.",
                [{"repository": "Archiwum Akt Exemplarnych (AAE)", "collection": "KC XPZ", "identifier": f"V/{o}",
                  "folios": f"{a}-{a + 9}"}])
    if base == 6 and d_ % 30 == 11:  # an archive's long name (more than twelve words), then its call number
        return (f"Archives of the Ministry of Foreign Affairs of the Example People's Republic of Testland (EX FMA) "
                f"{f}-{d_:05d}-0{o % 9 + 1}, {a}-{a + 2}.",
                [{"repository": "Archives of the Ministry of Foreign Affairs of the Example People's Republic of "
                                "Testland (EX FMA)", "identifier": f"{f}-{d_:05d}-0{o % 9 + 1}",
                  "folios": f"{a}-{a + 2}"}])
    return None
