"""Synthetic pages for the layouts and document kinds beyond the plain telegram (used by :mod:`kg.synth`).

Every word is invented here; the shapes imitate what the archive's pages do:

* conversations (memorandum / record / minutes of conversation) whose title names the participants with their
  offices, a place and a day; labelled lines naming the interpreter and the recorders;
* diaries and journals ("Journal of Ambassador X for <day>"), and records of conversation written in a diary;
* telegrams sent "from" a place, addressed "to A, for B", written under a cover name ("Stalin [Kuznetsov]"),
  drafts, misspelt cover names, headers where "Received" comes before "Sent", forwarding lines
  ("Sent to 8th Department ..."), clocks said or implied;
* the original-language text before the translation, a credit line, a stray summary of a related document
  before the date line, pages scraped without blank lines, pages without a date line, pages cut in the middle;
* citations of many shapes (abbreviated and full archival parts, "por.", Chinese archive numbers, university
  library collections, "Fond and Opis not given", published collections, a second "Original Archive"
  paragraph), the older layout's quoted citation block, translators named there.

:func:`generate_variant` returns the page text and the ground truth in the same form as
:func:`kg.synth.generate_case`.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kg.ingest.clocks import clock_offset
from kg.synth_conversations import (
    AUTHORS,
    MEETING_PLACES,
    ROLE_PEOPLE,
    conversation_page,
    more_conversation_page,
    paper_title,
)
from kg.synth_fresh import caps_title_line, citation_shape, fresh_title

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
RIGHTS = ("Synthetic page: reuse for testing is free and no copyright is claimed; the layout imitates an "
          "archive page, the words are invented.")
# forms of the translator's credit (kg.ingest.wilson.citation.TRANSLATED_BY); the others are "Translated for CWIHP by"
CREDITS = ("English translation by", "Translated from the Russian by", "Translation:", "Trans. by")
# the archive's statement opens with these words (vocab.RIGHTS_START); the rest is invented
RIGHTS_CUT = "The History and Public Policy Program welcomes reuse of these invented materials for testing."
RIGHTS_2 = "To enquire about this synthetic document, contact the test suite at [email\u00a0protected]."

SENDER_PLACES = ["Beijing", "Pyongyang", "Moscow", "Shanghai", "Harbin"]
OFFICES = ["Embassy of the GDR in the PR Mongolia", "Embassy of Hungary in the Invented Republic",
           "USSR Embassy in Testland", "Polish Legation in Exampleville"]
FOUNDATIONS = ["the Example Foundation", "the Test Trust for Archives"]
TRANSLATORS = ["Anna Vetrova", "James K. Orlov", "Sergei Radchenko"]
ORIGINAL_LINES = ["Товарищи сообщают, что положение остается трудным.", "Просим сообщить ваше мнение.",
                  "我们同意你们的意见。", "请回电告知。"]
BODY = ["The situation in the northern districts remains difficult and requires additional measures.",
        "We consider it necessary to send a group of specialists before the end of the month.",
        "The question of the railway shipments was raised again and left for a further meeting.",
        "Both sides agreed to continue the exchange of opinions at the next opportunity."]
RELATED = "An invented summary of a related document, shown by the site before the date of this one."



def _behind_moscow(place: str, date: dt.date) -> bool:
    """Whether the local clock of ``place`` on ``date`` is behind Moscow's (the clock rule compares in UTC)."""
    here, moscow = clock_offset(place, date), clock_offset("Moscow", date)
    return here is not None and moscow is not None and here < moscow

def _long(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _dmy(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _dot(d: dt.date) -> str:
    return f"{d.day}.{d.month}.{d.year % 100:02d}"


def _ref(name: str, ident: str | None = None) -> dict[str, Any]:
    return {"written": name, "name": name, "identified_as": ident, "variants": [], "kind": "person",
            "honorific": None}


def _citation(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    """A citation paragraph and the parts a parser reads from it."""
    f, o, d_, a = rng.randrange(1, 600), rng.randrange(1, 90), rng.randrange(1, 999), rng.randrange(1, 300)
    style = rng.randrange(10)
    # the draws of styles 1 and 6, made before a later shape may take their place: the sequence stays as it was
    por, pk = (rng.randrange(1, 40), rng.randrange(100, 400)) if style == 1 else (0, rng.randrange(10, 99)) \
        if style == 6 else (0, 0)
    if (alt := citation_shape(f, o, d_, a, style)) is not None:  # shapes of later batches (kg.synth_fresh)
        return alt
    if style == 4 and d_ % 3 == 0:  # a fond known by its name, the file as "file"/"dosar", then "f." = its folios
        word = ("file", "dosar")[d_ % 2]
        return (f"E.N.A. fond Central Committee of the Example Party—Office, {word} {d_}/1969, f. {a}-{a + 4}.",
                [{"repository": "E.N.A.", "fond": "Central Committee of the Example Party—Office",
                  "delo": f"{d_}/1969", "folios": f"{a}-{a + 4}"}])
    if style == 7:
        return (f"Notes of A.B. Example, TsKhSD, f. {f}, op. {o}, d. {d_}, ll. {a}-{a + 4}.",
                [{"repository": "TsKhSD", "note": "Notes of A.B. Example", "fond": str(f), "opis": str(o),
                  "delo": str(d_), "folios": f"{a}-{a + 4}"}])
    if style == 8:
        return (f"AVP SSSR, f. 0{f}. op. {o}, d. {d_}.",
                [{"repository": "AVP SSSR", "fond": f"0{f}", "opis": str(o), "delo": str(d_)}])
    if style == 9:
        return (f"Ciphergrams from Testville {1950 + o % 30}, {o}/{d_} w-{a}, Example Foreign Ministry Archive (EFMA), "
                "Warsaw.",
                # the file's call number is its identifier; the place after the archive is no collection
                [{"repository": "Example Foreign Ministry Archive (EFMA)",
                  "collection": f"Ciphergrams from Testville {1950 + o % 30}", "identifier": f"{o}/{d_} w-{a}"}])
    if style == 6:  # the archive's initials and its fond with no comma between them, the folder before the file
        return (f"AVPRF F. 0{f}, Op. {o}, P. {pk}, Delo {d_}, Listy {a}-{a + 9}.",
                [{"repository": "AVPRF", "fond": f"0{f}", "opis": str(o), "papka": str(pk), "delo": str(d_),
                  "folios": f"{a}-{a + 9}"}])
    if style == 0:
        return (f"APRF: F. {f}, Op. {o}, D. {d_}, Ll. {a}-{a + 1}.",
                [{"repository": "APRF", "fond": str(f), "opis": str(o), "delo": str(d_), "folios": f"{a}-{a + 1}"}])
    if style == 1:
        return (f"AVPRF, f. 0{f}, op. {o}, por. {por}, papka {pk}, d. {d_}, l. {a}.",
                [{"repository": "AVPRF", "fond": f"0{f}", "opis": str(o), "item": str(por), "papka": str(pk),
                  "delo": str(d_), "folios": str(a)}])
    if style == 2:
        ident = f"{rng.randrange(100, 300)}-{rng.randrange(0, 99999):05d}-{rng.randrange(1, 20):02d}"
        return (f"PRC FMA {ident}, {a}-{a + 3}.",
                [{"repository": "PRC FMA", "identifier": ident, "folios": f"{a}-{a + 3}"}])
    if style == 3:
        box, fol = rng.randrange(1, 60), rng.randrange(1, 30)
        return (f"Northfield University Library, Example Family Papers, Box {box}, Folder {fol}.",
                [{"repository": "Northfield University Library", "collection": "Example Family Papers",
                  "box": str(box), "papka": str(fol)}])
    if style == 4:
        return (f"RGASPI, Fond and Opis not given, Delo {d_}.",
                [{"repository": "RGASPI", "note": "Fond and Opis not given", "delo": str(d_)}])
    year = rng.randrange(1990, 2015)
    return (f"Reprinted in A. Example, ed., Invented Documents on Relations, Vol. 2 (Moscow: Test Press, {year}), "
            f"pp. {a}-{a + 2}.",
            [{"kind": "publication",
              "collection": f"A. Example, ed., Invented Documents on Relations, Vol. 2 (Moscow: Test Press, {year}), "
                            f"pp. {a}-{a + 2}"}])


def generate_variant(rng: random.Random, n: int) -> tuple[str, dict[str, Any]]:
    exp: dict[str, Any] = {"flags": [], "notes": [], "events": [], "distribution": [], "classification": [],
                           "via": [], "signatories": [], "translators": [], "handwritten_dates": [],
                           "mention_texts": [], "senders": [], "recipients": [], "participants": [], "author": None,
                           "number": None, "telegram_number": None, "sent_from": None, "destination": None,
                           "copies_made": None, "incomplete": False, "date_inferred": False,
                           "conversation_date": None}
    date = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randrange(0, 46 * 365))
    exp["date"] = date
    family = rng.choice(["conversation", "conversation", "diary", "telegram", "telegram", "telegram", "office",
                         "mission", "fresh", "structure"])
    old = rng.random() < 0.2
    plain = not old and rng.random() < 0.3
    cut = not old and rng.random() < 0.1
    no_date = family == "diary" and not old and rng.random() < 0.4

    head: list[str] = []  # lines before the body
    body: list[str] = []
    if family == "conversation":  # records of conversation (kg.synth_conversations)
        title = conversation_page(rng, date, exp, head, body)
    elif family == "structure":  # rarer records of conversation, papers issued by bodies (kg.synth_conversations)
        shape = more_conversation_page if rng.random() < 0.6 else paper_title
        title = shape(rng, date, exp, head, body)
    elif family == "diary":
        aw, an = rng.choice(AUTHORS)
        exp["kind"] = "diary"
        exp["author"] = an
        if not no_date and rng.random() < 0.3:  # the author named before "diary", in the possessive
            other = rng.choice(ROLE_PEOPLE)
            title = f"Excerpts from {an}'s diary on his talk with {other[0]} about Invented Matters"
        else:
            title = f"Journal of {aw} for {_dmy(date)}"
        body += ["JOURNAL", f"of {aw} for the period", "", f"{_dmy(date)}", "", rng.choice(BODY)]
    elif family == "fresh":  # shapes of the fresh batches 20 onward (kg.synth_fresh)
        body += [rng.choice(BODY), "", rng.choice(BODY)]
        title = fresh_title(rng, date, exp, head, body)
    elif family == "mission":  # a mission's code message, letter or note (held-out batches 10-11)
        title = _mission(rng, date, exp, head)
        body += [rng.choice(BODY), "", rng.choice(BODY)]
    elif family == "office":  # an office named first, then what kind of paper it wrote, often quoted
        office = rng.choice(OFFICES)
        label, kind = rng.choice([("Note", "note"), ("Report", "report"), ("Informational Letter", "letter"),
                                  ("Memorandum", "memorandum")])
        q = rng.choice(["'", "‘", ""])
        close = {"'": "'", "‘": "’", "": ""}[q]
        title = f"{office}, {q}{label} about the Invented Meeting of {rng.choice(MEETING_PLACES)} Diplomats{close}"
        exp["kind"] = kind
        exp["senders"] = [dict(_ref(office), kind="organization")]
        # a mission in a place writes from there (docs/page-fields.md, sent_from 3)
        exp["sent_from"] = office.split(" in ", 1)[1].removeprefix("the ")
        body += [rng.choice(BODY), "", rng.choice(BODY)]
    else:
        sender, recipient = rng.sample(["Orlovsky", "Tarasenko", "Kuzmin", "Volodin", "Zhou Enlai", "Mao Zedong"], 2)
        s_ref, r_refs = _ref(sender), [_ref(recipient)]
        kind_label, kind = rng.choice([("Ciphered Telegram", "ciphered telegram"), ("Telegram", "telegram"),
                                       ("Cable", "cable"), ("Draft Telegram", "telegram")])
        exp["kind"] = kind
        style = rng.randrange(10)
        if style == 8:  # the number right after the kind word, with a dot in it
            num = f"0{rng.randrange(10, 99)}.{rng.randrange(100, 999)}"
            title = f"{kind_label} {num} from {sender} to {recipient}"
            exp["number"] = num
        elif style == 9:  # one office writing to a person in another office
            title = f"{kind_label}, Foreign Minister to Ambassador {recipient}"
            s_ref = dict(_ref("Foreign Minister"), kind="office")
            r_refs = [dict(_ref(recipient), written=f"Ambassador {recipient}", honorific="Ambassador")]
        elif style == 6:  # an embassy with its ambassador in brackets, the day at the end; "To:"/"From:" lines
            city = rng.choice(["Havana", "Warsaw", "Moscow"])
            title = f"{kind_label} from Example Embassy in {city} ({sender}), {_dmy(date)}"
            s_ref = dict(_ref("Example Embassy in " + city), written=f"Example Embassy in {city} ({sender})",
                         kind="organization")
            exp["signatories"] = [sender]  # the ambassador in brackets signed it
            exp["sent_from"] = city  # a mission in a place writes from there (docs/page-fields.md)
            r_refs = [_ref(recipient)]
            head += [f"To: {recipient}, Eyes only", f"From: Ambassador {sender.upper()}", ""]
        elif style == 7:  # a person with his office after a comma, then ", to" the addressee
            title = f"{kind_label} from {sender}, Soviet Ambassador to Testland, to the Invented Leadership"
            r_refs = [dict(_ref("the Invented Leadership"), kind="office")]
        elif style == 5:  # an office and the city it sits in: the city is where the text went, not an addressee
            city = rng.choice(["Moscow", "Beijing", "Warsaw"])
            title = f"{kind_label}, {sender} to Ministry of Foreign Affairs, {city}"
            r_refs = [dict(_ref("Ministry of Foreign Affairs"), kind="organization")]
            exp["destination"] = city
        elif style == 0:  # a place after "from" is where it was sent from, never a sender
            place = rng.choice(SENDER_PLACES)
            num = str(rng.randrange(1000, 99999))
            title = f"{kind_label} No. {num} from {place}, {sender} to {recipient}"
            exp["number"], exp["sent_from"] = num, place
        elif style == 1:  # two addressees: the ambassador, and the one he hands the text to
            via = rng.choice(["Krasovsky", "Roshchin"])
            title = f"{kind_label}, {sender} to {via}, for {recipient}"
            r_refs = [_ref(via), _ref(recipient)]
        elif style == 2:  # a real name with the cover name he wrote under
            title = f"{kind_label}, Stalin [Kuznetsov] to {recipient} [via Terebin]"
            s_ref = dict(_ref("Kuznetsov", "Stalin"), written="Stalin [Kuznetsov]")
            exp["via"] = [_ref("Terebin")]
        elif style == 3:  # a misspelt cover name keeps its written form
            title = f"{kind_label} from Flilippov [Stalin] to {recipient}"
            s_ref = dict(_ref("Flilippov", "Stalin"), written="Flilippov [Stalin]")
        else:
            num = f"{rng.randrange(100000, 999999)}"
            title = f"{kind_label} No. {num} from {sender} to {recipient}"
            exp["number"] = num
        exp["senders"], exp["recipients"] = [s_ref], r_refs
        if kind == "ciphered telegram" and not old:
            place = exp["sent_from"] or rng.choice(SENDER_PLACES)
            glued = exp["sent_from"] is None and rng.random() < 0.3
            if exp["sent_from"] is None and not glued:
                head += [f"From {place}"]
            exp["sent_from"] = place
            sent = dt.datetime.combine(date, dt.time(rng.randrange(6, 12), rng.randrange(60)))
            recv = sent + dt.timedelta(hours=rng.randrange(1, 20))
            if _behind_moscow(place, date):  # received after it was sent, in UTC too
                recv += dt.timedelta(hours=9)
            recv_line = f"Received in Moscow on {_dot(recv.date())} at {recv:%H:%M}"
            sent_line = f"Sent on {_dot(sent.date())} at {sent:%H:%M}, local time"
            recv_ev = {"kind": "received", "date": recv.date(), "time": recv.time(), "clock_place": "Moscow"}
            sent_ev = {"kind": "sent", "date": sent.date(), "time": sent.time(), "clock_place": place}
            if glued:  # the page lost the line break: "From Harbin.Sent on ..."
                head += [f"From {place}.{sent_line}", recv_line]
                exp["events"] += [sent_ev, recv_ev]
            elif rng.random() < 0.4:  # the receipt written first
                head += [recv_line, sent_line]
                exp["events"] += [recv_ev, sent_ev]
            else:
                head += [sent_line, recv_line]
                exp["events"] += [sent_ev, recv_ev]
            if rng.random() < 0.5:
                fwd = recv + dt.timedelta(minutes=rng.randrange(5, 90))
                head.append(f"Sent to 8th Department of the General Staff on {_dot(fwd.date())} at {fwd:%H:%M}")
                exp["events"].append({"kind": "forwarded", "date": fwd.date(), "time": fwd.time(),
                                      "place": "8th Department of the General Staff", "clock_place": "Moscow"})
            head.append("")
        if rng.random() < 0.3:  # the original-language text comes before the translation
            body += [rng.choice(ORIGINAL_LINES[:2] if rng.random() < 0.5 else ORIGINAL_LINES[2:]), ""]
        body += [rng.choice(BODY), "", rng.choice(BODY)]
    exp["title"] = title
    summary = f"Synthetic {exp['kind']} number {n}: an invented text for testing the page parser."
    cit_text, cits = _citation(rng)
    translator = rng.choice(TRANSLATORS) if rng.random() < 0.5 else None
    second = None
    if not old and rng.random() < 0.25:
        second = _citation(rng)
    rid = str(800000 + n)

    lines: list[str] = []
    if old and family == "office" and rng.random() < 0.3:  # the older layout with no title at all (batch 11)
        cit_line = f"    {cit_text}" + (f"; translated by {translator}." if translator else "")
        lines += [_long(date), "", "", f"This document was made possible with support from {rng.choice(FOUNDATIONS)}",
                  "", f"    {summary}", cit_line, "English HTML", ""] + head + body
        exp.update(title=None, kind="document", senders=[], recipients=[], sent_from=None, summary=summary, rights=False,
                   record_id=None, original_uploaded=None, doc_type=None, citations=cits,
                   translators=[translator] if translator else [])
        exp["flags"].append("title")
        return "\n".join(lines) + "\n", exp
    if old:  # the older layout: the title, date, citation and translator only in a quoted citation block
        cit_line = (f"    \"{title},\" {_long(date)}, History and Public Policy Program Digital Archive, {cit_text}"
                    + (f" Translated for CWIHP by {translator}." if translator else ""))
        if rng.random() < 0.4:  # the page address after the citation, and more site furniture
            cit_line += f" https://archive.example/document/{800000 + n}"
        furniture = ["ADD SEARCH FILTER CANCEL SEARCH FILTER"] if rng.random() < 0.3 else []
        quoted = [f"    {summary}", cit_line]
        if rng.random() < 0.3:  # the summary and the quoted citation run together on one line
            quoted = [f"{summary}{cit_line.strip()}"]
        caps = caps_title_line(exp) if furniture and rng.random() < 0.5 else None  # the title line in capitals
        lines += ["Search in"] + furniture + ["", "Digital Archive International History Declassified", "",
                                             _long(date), ""] + ([caps, ""] if caps else []) + \
            ["", "  • Citation", "", "    get citation", ""] + \
            quoted + ["  • share document", "", "", "English HTML", ""] + head + body
        exp["citations"], exp["translators"] = cits, [translator] if translator else []
        exp["summary"], exp["rights"], exp["record_id"] = summary, False, None
        exp["original_uploaded"], exp["doc_type"] = None, None
        text = "\n".join(lines) + "\n"
        return text, exp

    if rng.random() < 0.9:
        lines += ["Skip to content", ""]
    if rng.random() < 0.15 and not no_date:
        lines += [RELATED, ""]
    if no_date:
        exp["date_inferred"] = True
        exp["flags"].append("date")
    elif n % 37 == 3:  # a part of a year ("Late 1962", "Mid-1962"): the date line gives the year
        lines += [f"{('Early', 'Mid-', 'Late')[date.month % 3]}{'' if date.month % 3 == 1 else ' '}{date.year}", ""]
        exp["date"], exp["date_edtf"] = None, str(date.year)
    else:
        lines += [_long(date), ""]
    lines += [title, ""]
    if rng.random() < 0.3:
        lines += [f"This document was made possible with support from {rng.choice(FOUNDATIONS)}", ""]
    lines += head + body + [""]
    if cut:  # the page stops in the middle of a sentence: no summary, citation or rights
        last = lines[-2] if lines[-1] == "" else lines[-1]
        lines = lines[: len(lines) - (2 if lines[-1] == "" else 1)] + [last[: max(8, len(last) // 2)].rstrip(" .,")]
        exp.update(citations=[], translators=[], summary=None, rights=False, record_id=None, original_uploaded=None,
                   doc_type=None, incomplete=True)
        if exp["signatories"] and exp["signatories"][-1] == last:  # cut inside the signature: read as it stands
            exp["signatories"][-1] = lines[-1]
        exp["flags"] += ["incomplete", "summary"]
        text = _join(lines, plain)
        return text, exp
    lines += [summary, "", "Author(s):", "", "", "Document Information", "", "Source", "",
              cit_text + (f" {CREDITS[n % 13] if n % 13 < len(CREDITS) else 'Translated for CWIHP by'} {translator}."
                          if translator else ""), ""]
    exp["citations"] = list(cits)
    if second is not None:
        lines += ["Original Archive", "", second[0], ""]
        exp["citations"] += second[1]
    exp["translators"] = [translator] if translator else []
    if n % 29 == 7:  # the page stops after the first sentence of the archive's rights statement: cut before its
        # enquiry sentence (kg.ingest.wilson.metadata.rights_whole), no metadata block
        lines += ["Rights", "", RIGHTS_CUT]
        exp.update(summary=summary, rights=True, record_id=None, original_uploaded=None, doc_type=None, incomplete=True)
        exp["flags"].append("incomplete")
        return _join(lines, plain), exp
    lines += ["Rights", "", RIGHTS, "", RIGHTS_2, "", "Original Uploaded Date", "", "2012-03-04", "", "Type", "",
              "Document", "", "Language", "", "Record ID", "", rid]
    exp.update(summary=summary, rights=True, record_id=rid, original_uploaded=dt.date(2012, 3, 4), doc_type="Document")
    exp["flags"].append("rights")  # the obfuscated e-mail address
    return _join(lines, plain), exp


def _mission(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str]) -> str:
    """A mission abroad writing home: a code message with its addressee on a line of its own under the header, a
    letter with an address block and a dateline, a ciphergram whose addressee line carries handling words, or an
    untitled note to a committee. Returns the title; the header lines go into ``head``."""
    nation = rng.choice(NATIONS)
    place = rng.choice(MISSION_PLACES)
    writer, addressee = rng.sample(MISSION_PEOPLE, 2)
    style = rng.randrange(9)
    if style == 8:  # a title naming only writer and addressee; the text's first line says it is a report (batch 16)
        who = f"{rng.choice(FIRST_NAMES)} {writer}"
        head += ["Report on the invented visit to Testland and on the talks held there:", ""]
        exp.update(kind="report")
        exp["senders"] = [_ref(who)]
        exp["recipients"] = [dict(_ref("the Testland Armed Forces Minister", addressee), kind="office",
                                  written=f"the Testland Armed Forces Minister [{addressee}]")]
        return f"{who} to the Testland Armed Forces Minister [{addressee}]"
    if style == 6:  # a speech by a person, his office and where it was given after him (held-out batch 14)
        who = f"{rng.choice(FIRST_NAMES)} {writer}"
        exp.update(kind="speech")
        exp["senders"] = [dict(_ref(who), written=f"Premier {who}", honorific="Premier")]
        if rng.random() < 0.5:
            return (f"Main Speech by Premier {who}, Head of the Delegation of Testland, Distributed at the Plenary "
                    f"Session of the Invented Conference")
        return f"Speech by Premier {who} at the Closing Session of the Invented Conference"
    if style == 7:  # a message sent over a government line, to two comrades
        a, b = rng.sample(MISSION_PEOPLE, 2)
        exp.update(kind="message")
        exp["recipients"] = [_ref(a), _ref(b)]
        for r in exp["recipients"]:
            r["honorific"] = "Cde."
            r["written"] = f"Cde. {r['name']}"
        return f"Telephone message via VCh to Cde. {a} and Cde. {b}"
    if style == 4:  # a telegram form: its sending post, receipt and number as labelled lines (held-out batch 11)
        num = str(rng.randrange(100, 999))
        city = rng.choice(["Rio", "Havana", "Cairo"])
        head += [f"Ministry of Foreign Affairs, {nation[:3].upper()}", "", f"Sending: {city}", "", f"No. {num}", ""]
        exp.update(kind="telegram", telegram_number=num, sent_from=city)
        exp["senders"] = [dict(_ref(f"{nation} Embassy in {city}"), kind="organization",
                               written=f"{nation} Embassy in {city} ({writer})")]
        exp["signatories"] = [writer]
        exp["recipients"] = [dict(_ref(f"{nation} Foreign Ministry"), kind="organization")]
        return f"Telegram from {nation} Embassy in {city} ({writer}) to {nation} Foreign Ministry"
    if style == 5:  # missions in a list of cities, one addressee each
        cities = rng.sample(["Lima", "Quito", "Havana", "Cairo", "Hanoi"], 3)
        group = f"{nation} Embassies in {cities[0]}, {cities[1]}, and {cities[2]}"
        exp.update(kind="telegram")
        exp["senders"] = [dict(_ref(f"{nation} Foreign Ministry"), kind="organization")]
        exp["recipients"] = [dict(_ref(group), kind="organization"),
                             dict(_ref("Missions in Montevideo, and New York City"), kind="organization")]
        return f"Telegram from {nation} Foreign Ministry to {group}, and Missions in Montevideo, and New York City"
    if style == 0:
        num = f"{rng.randrange(100, 999)}/{rng.choice(['III', 'IV', 'VI'])}/{rng.randrange(1000, 9999)}"
        label = rng.choice(["Code message No ", "CODE MESSAGE No: "])
        dline = rng.choice([_dmy(date), f"date: {_dmy(date)}"])
        head += ["Ministry of Foreign Affairs", "", f"{label}{num}", f"from: {place}", dline,
                 f"Com. {addressee}", ""]
        exp.update(kind="report", number=num, sent_from=place)
        exp["events"].append({"kind": "issued", "date": date})
        exp["senders"] = [_ref(f"{rng.choice(FIRST_NAMES)} {writer}")]
        exp["recipients"] = [dict(_ref(addressee), written=f"Com. {addressee}", honorific="Com.")]  # as written
        return f"Untitled report from {exp['senders'][0]['name']}, {nation} Diplomat in {place}"
    if style == 1:
        home = rng.choice(["The Hague", "Warsaw", "Budapest"])
        head += ["To His Excellency", "", "the Minister of Foreign Affairs", "", home, "", "",
                 f"{place}, {_dmy(date)}.", ""]
        exp.update(kind="letter", sent_from=place, destination=home)
        exp["senders"] = [dict(_ref(f"{nation} Embassy"), kind="organization")]
        exp["recipients"] = [dict(_ref("the Minister of Foreign Affairs"), kind="office")]
        return f"Letter from {nation} Embassy, {place} ({writer}), {_dmy(date)}"
    if style == 2:
        num = str(rng.randrange(10000, 99999))
        handling = rng.choice([", Urgent, EYES ONLY", ",2 EYES ONLY", ", Urgent", ""])
        head += [f"Ciphergram No. {num}", "", f"To: [Director] {addressee.upper()}{handling}", "",
                 f"From: [Ambassador] {writer.upper()}", ""]
        exp.update(kind="telegram", number=num)
        exp["senders"] = [dict(_ref(f"{nation} Legation"), kind="organization",
                               written=f"{nation} Legation ({writer})")]
        exp["signatories"] = [writer]
        exp["notes"] += [("gloss", "Director", "To:"), ("gloss", "Ambassador", "From:")]
        exp["recipients"] = [_ref(addressee.upper())]
        return f"Telegram from {nation} Legation ({writer}), {_dmy(date)}"
    office = rng.choice(["the Political Committee", "the Foreign Affairs Department"])
    # a report on talks with a named person is an account of the conversation (docs/page-fields.md): no addressee
    exp.update(kind="record of conversation", participants=[writer])
    return f"Report to {office} on the Invented Talks With Comrade {writer}"


NATIONS = ["Polish", "Dutch", "Hungarian", "Czechoslovak"]
MISSION_PLACES = ["Havana", "Hanoi", "Pyongyang", "Lima", "Cairo"]
MISSION_PEOPLE = ["Kowalik", "Nowacki", "Vermaat", "Szabados", "Dvorak", "Wierzbicki"]
FIRST_NAMES = ["Marek", "Jan", "Pieter", "Karel"]


def _join(lines: list[str], plain: bool) -> str:
    if plain:  # scraped without blank lines: one line per paragraph
        lines = [ln for ln in lines if ln.strip()]
    return "\n".join(lines) + "\n"
