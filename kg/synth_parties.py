"""Synthetic title and header shapes of issue 8's parties and sending places, for :mod:`kg.synth_fresh`: lists of
senders and addressees holding words that name no one (a day, a clock time, an event), addressees named over the
text (headings, "To:" fields and lists), signatures, offices after names, and where a paper was sent from by its own
lines (letterheads, a form's post line, closing datelines, a record's dateline). Every name and word is invented."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kg.synth_fresh import CITIES, FAMILY, GROUPS, PEOPLE, TOWNS, _ref

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def party_shapes(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
    """Titles whose lists of senders and addressees hold words that name no one (issue 8, parties): a mission's
    telegram with the hour and the weekday it went after the signer in brackets, a body's directive with its day
    and enclosures after the name, a note "from" a visit (what it is about, no sender), a person's visit to a
    country (no sender, no addressee)."""
    a = rng.choice(FAMILY)
    shape = rng.randrange(4 + len(_ADDRESS_SHAPES))
    if shape >= 4:
        return _ADDRESS_SHAPES[shape - 4](rng, date, exp, head, body)
    if shape == 0:
        city = rng.choice(CITIES)
        hour, day = rng.randrange(1, 12), WEEKDAYS[date.weekday()]
        exp.update(kind="telegram", sent_from=city, signatories=[a], senders=[_ref(
            f"the Testland Embassy in {city}", kind="organization", written=f"the Testland Embassy in {city} ({a})")])
        clock = rng.choice([f"{hour} P.M.", f"{hour} p.m.", f"{hour + 8}:{date.day + 10}"])
        return f"Telegram from the Testland Embassy in {city} ({a}), {clock}, {day}"
    if shape == 1:
        exp.update(kind="directive", senders=[_ref("the Testland Secretariat", kind="office")])
        return f"Directive from the Testland Secretariat, {date.day} {date.strftime('%B')} {date.year}, with Attached Cables"
    if shape == 2:
        exp.update(kind="note")
        return f"Note from the Visit of {rng.choice(GROUPS)} in {rng.choice(TOWNS)}"
    exp.update(kind="document", destination=rng.choice(["Japan", "Mongolia", "Cuba"]))
    return f"Minister of Testing {a}’s Visit to {exp['destination']}"


def _report_containing(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str],
                       body: list[str]) -> str:
    """A report to a body, then what it contains: the addressee ends before the participle."""
    a, b = rng.sample(PEOPLE, 2)
    exp.update(kind="report", recipients=[_ref("the Central Committee of the Invented Party Politburo",
                                               kind="organization")])
    return (f"Report to the Central Committee of the Invented Party Politburo containing verbatim transcript of "
            f"{date.day} {date.strftime('%B')} {date.year} telephone conversation between {a} and {b}")


def _name_then_office(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str],
                      body: list[str]) -> str:
    """An addressee's name, then his office with no comma between."""
    who = rng.choice(PEOPLE)
    exp.update(kind="decree", senders=[_ref("the Testland Politburo", kind="organization")],
               recipients=[_ref(who, written=who)])
    return f"Decree of the Testland Politburo to {who} CC Secretary of the Invented Party, 'Invented Measures'"


def _to_list(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
    """A resolution whose "TO:" field goes on, one addressee a line, each with his office."""
    a, b, c = rng.sample(PEOPLE, 3)
    head += [f"TO: Gen. {a}, Member of Politburo", f"Comrade {b}, Minister of Trade", f"Gen. {c}, Minister of Defense",
             ""]
    exp.update(kind="resolution", senders=[_ref("Testland Party Politburo", kind="organization")], recipients=[
        _ref(a, honorific="Gen.", written=f"Gen. {a}"), _ref(b, honorific="Comrade", written=f"Comrade {b}"),
        _ref(c, honorific="Gen.", written=f"Gen. {c}")])
    return "Testland Party Politburo Secret Resolution Regarding Invented Supplies"


def _heading_after_instruction(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str],
                               body: list[str]) -> str:
    """An editor's or a reader's instruction line, then the addressee heading in the editors' brackets; or a form's
    "To:" field naming a ministry and its unit."""
    if date.day % 2:
        head += ["Please have the Second Department study and handle this invented matter.", "",
                 "[To] the Ministry of Testing:", ""]
        exp.update(kind="cable", senders=[_ref("the Testland Embassy in Exampleland", kind="organization")],
                   recipients=[_ref("the Ministry of Testing", kind="organization")], sent_from="Exampleland")
        exp["notes"].append(("gloss", "To", None))
        return "Cable from the Testland Embassy in Exampleland"
    city = rng.choice(["Hanoi", "Havana", "Pyongyang"])
    head += [f"Sender: {city}", "To:  the Ministry of Testing, Second Direction – Relations", ""]
    exp.update(kind="telegram", sent_from=city, destination="Bucharest",
               recipients=[_ref("the Ministry of Testing, Second Direction – Relations", kind="organization")])
    return f"Telegram from {city} to Bucharest, SECRET, Regular"


def _signed(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
    """A telegram between two places, signed "Signed: N. X" at its foot: the signer wrote it."""
    who, city = f"N. {rng.choice(FAMILY)}", rng.choice(["Hanoi", "Havana", "Pyongyang"])
    body += ["", f"Signed: {who}"]
    exp.update(kind="telegram", sent_from=city, destination="Bucharest", senders=[_ref(who)], signatories=[who])
    return f"Telegram from {city} to Bucharest, TOP SECRET, Urgent"


def _title_structures(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str],
                      body: list[str]) -> str:
    """A report on a quoted subject "from" a mission; the editors' "[FOR X]" after the kind word; a body, then a
    word for its paper that no kind has; a person (any alphabet), then his quoted paper."""
    who = rng.choice(PEOPLE)
    v = date.toordinal() % 4
    if v == 0:
        exp.update(kind="report", sent_from="North Korea",
                   senders=[_ref("the Testland Embassy in North Korea", kind="organization")])
        return "Report on the ‘Invented Incident’ from the Testland Embassy in North Korea"
    if v == 1:
        exp.update(kind="information", recipients=[_ref(who.upper())])
        return f"INFORMATION [FOR {who.upper()}] ON THE PROGRESS OF THE INVENTED MEETING"
    if v == 2:
        exp.update(kind="document", senders=[_ref("Testland Interior Ministry", kind="organization")])
        return "Testland Interior Ministry Analysis of Invented Propaganda against Testland"
    if date.day % 2:  # a mission, then its report "for" a body, then what it sums up
        exp.update(kind="report", sent_from="North Korea", recipients=[_ref("Testland CC", kind="organization")],
                   senders=[_ref("Testland Embassy in North Korea", kind="organization")])
        return "Testland Embassy in North Korea, Report for Testland CC Summarizing an Invented Visit"
    exp.update(kind="document", senders=[_ref("Trần Văn Thử")])
    return "Trần Văn Thử, 'Key Issues in the Invented Struggle'"


def _bodies_and_lists(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str],
                      body: list[str]) -> str:
    """A body named only by its initials or by its name with its initials in brackets before the kind word; a
    report "distributed to" a list of comrades; an order "to" do something (no addressee); the sender after a comma
    and "from"; a subject after the day; a person "for the attention" of whom a paper to a body went."""
    a, b, c = rng.sample(PEOPLE, 3)
    v = date.toordinal() % 9
    day = f"{date.day} {date.strftime('%B')} {date.year}"
    if v == 6:  # the editors completed the office in brackets; a stray letter after the name
        exp.update(kind="message", senders=[{**_ref(a), "written": a}], recipients=[_ref(b)])
        return f"Message of the Secretary General [of the Invented Workers' Party] {a} a, to {b}"
    if v == 7:  # a mission, then its paper's quoted title
        city = rng.choice(["Hanoi", "Havana", "Prague"])
        exp.update(kind="document", sent_from=city, senders=[_ref(f"Testland Embassy in {city}", kind="organization")])
        return f"Testland Embassy in {city}, 'Evaluation of the Invented Delegation's Visit'"
    if v == 8:  # an office and its mission (one name), the mission's town (no gazetteer knows it)
        town = rng.choice(TOWNS[:2])
        exp.update(kind="memorandum", sent_from=town, recipients=[_ref(b)],
                   senders=[_ref("the Officer in Charge, Testland Mission", kind="office")])
        return f"Memorandum from the Officer in Charge, Testland Mission, {town}, to {b}"
    if v == 0:
        exp.update(kind="report", senders=[_ref("TASS", kind="organization")],
                   recipients=[_ref(a, written=f"Cdes. {a}"), _ref(b), _ref(c)])
        return f"TASS Report Distributed to Cdes. {a}, {b}, and {c}, 'Invented Rumours in the Example Press'"
    if v == 1:
        exp.update(kind="resolution", senders=[_ref("Invented Party of Testland (IPT) Presidium", kind="organization")])
        return "Invented Party of Testland (IPT) Presidium Resolution (with enclosures) on Invented Deliveries to Exampleland"
    if v == 2:
        exp.update(kind="order", senders=[{**_ref("Minister of Defense", kind="office"), "identified_as": a,
                                           "written": f"Minister of Defense [{a}]"}])
        return f"Orders from [Testland] Minister of Defense [{a}] to Halt the Shelling of Exampleburg for a Week"
    if v == 3:
        exp.update(kind="letter", recipients=[_ref("the Central Committee of the Example Party", kind="organization")],
                   senders=[{**_ref(a), "written": a}])
        return f"Letter to the Central Committee of the Example Party, from the Secretary of the Invented Party, {a}"
    if v == 4:
        exp.update(kind="directive", senders=[_ref("the Testland Secretariat", kind="office")])
        return f"Directive from the Testland Secretariat, {day}, Reducing Invented Exchanges with Exampleland"
    exp.update(kind="letter", signatories=[a],
               senders=[_ref("the Testland CC", kind="organization", written=f"the Testland CC [signed by {a}]")],
               recipients=[_ref("the Example CC", kind="organization"), _ref(b)])
    return f"Letter from the Testland CC [signed by {a}] to the Example CC, attention {b}"


_ADDRESS_SHAPES = (_report_containing, _name_then_office, _to_list, _heading_after_instruction, _signed,
                   _title_structures, _bodies_and_lists)


def place_shapes(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
    """Where a paper was sent from, named by its own lines (issue 8, sent_from): a mission's letterhead "to" a
    country above a dateline in its capital (the first is kept, the second flagged), a bracketed letterhead under a
    form's post line ("Tesgrad Instant Message": the post wins), an envoy "to" a country in the title, a covering
    letter signed off with place and date above its enclosure, the office's heading by a record's dateline."""
    a, b = rng.sample(PEOPLE, 2)
    day = f"{date.day} {date.strftime('%B')} {date.year}"
    shape = rng.randrange(6)
    if shape == 5:
        return _letterhead_lines(rng, date, exp, head, body)
    if shape == 0:
        head += ["Testland Embassy to the DPRK", "", f"Pyongyang, {day}", ""]
        exp.update(kind="report", sent_from="DPRK",
                   senders=[_ref("the Testland Embassy in North Korea", kind="organization")])
        exp["flags"] += ["sent_from", "sent_from"]  # the title's North Korea and the dateline's city give way
        return "Report from the Testland Embassy in North Korea"
    if shape == 1:
        town = rng.choice(TOWNS)
        head += ["[Testland Embassy in Mongolia]", "", f"{town} Instant Message", ""]
        exp.update(kind="telegram", sent_from=town, senders=[_ref(a)], recipients=[_ref(b)])
        exp["flags"].append("sent_from")
        exp["notes"].append(("gloss", "Testland Embassy in Mongolia", None))
        return f"Telegram from {a} to {b}"
    if shape == 2:
        country = rng.choice(["Cuba", "Mongolia", "Ethiopia"])
        exp.update(kind="telegram", sent_from=country, senders=[{
            **_ref(a, written=f"Testland Ambassador to {country} {a}")}],
            recipients=[_ref("the Testland Foreign Ministry", kind="organization")])
        return f"Telegram from Testland Ambassador to {country} {a} to the Testland Foreign Ministry"
    if shape == 3:
        city = rng.choice(["New Delhi", "Havana", "Hanoi"])
        body[:0] = ["Hereby I submit the invented information as an attachment.", "",
                    f"{city}, {date.strftime('%B')} {date.year}", "", "With comradely greetings,", a, "",
                    "Subject: invented matters", ""]
        exp.update(kind="letter", sent_from=city,
                   senders=[_ref("the Testland Embassy in Exampleland", kind="organization")])
        exp["flags"].append("sent_from")  # the title's country gives way to the text's own dateline
        return "Letter from the Testland Embassy in Exampleland"
    town = rng.choice(TOWNS)
    if date.day % 2:  # a mission's dateline: the country, the mission, its city, the day
        head += [f"Exampleland, Testland Embassy, {town}, {day}.", ""]
        exp.update(kind="memorandum of conversation", participants=[a, b], sent_from=town)
        return f"Memorandum of Conversation between {a} and {b}"
    head += ["[Department of International Relations]", "", f"{town}, {day}", ""]
    exp.update(kind="memorandum of conversation", participants=[a, b], sent_from=town)
    exp["notes"].append(("gloss", "Department of International Relations", None))
    return f"Memorandum of a Conversation between {a} and {b}"


def _letterhead_lines(rng: random.Random, date: dt.date, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
    """A place alone on its line in a letterhead: the city under a mission's letterhead that names its country (the
    city is more exact), under a body's name, a dateline in words ("In Tesgrad on ..."), a dateline over two lines
    (the place, then the day)."""
    a, b = rng.sample(PEOPLE, 2)
    city = rng.choice(["Hanoi", "Havana", "Prague"])
    country = {"Hanoi": "Vietnam", "Havana": "Cuba", "Prague": "Czechoslovakia"}[city]
    v = date.toordinal() % 4
    if v == 0:
        head += [f"Embassy of Testland in {country}", "", city, ""]
        exp.update(kind="report", sent_from=city, senders=[_ref(a)], recipients=[_ref(b)])
        exp["flags"].append("sent_from")  # the letterhead's country gives way to its city
        return f"Report from {a} to {b}"
    if v == 1:
        head += ["Central Committee of the Invented Party", "", city, ""]
        exp.update(kind="letter", sent_from=city, senders=[_ref(a)], recipients=[_ref(b)])
        return f"Letter from {a} to {b}"
    if v == 2:
        head += ["Ministry of Testing", "", f"In {city} on {date.day}th {date.strftime('%B')} {date.year}", ""]
        exp.update(kind="letter", sent_from=city, senders=[_ref(a)], recipients=[_ref(b)])
        return f"Letter from {a} to {b}"
    head += [city, "", f"{date.day} {date.strftime('%B')} {date.year}", ""]  # a dateline over two lines
    exp.update(kind="letter", sent_from=city, senders=[_ref(a)], recipients=[_ref(b)])
    exp["events"].append({"kind": "issued"})
    return f"Letter from {a} to {b}"
