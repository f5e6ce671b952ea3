"""Synthetic archive pages in the Wilson Center Digital Archive page format: for tests and benchmarks.

All text is invented here (sentence templates and name pools; real names only as they occur in
``../shared/reference/authorities-draft.tsv``), seeded and deterministic. Each page covers a random
mix of the variations the parser must handle (pseudonyms in round or square brackets, numbered telegrams,
"via" intermediaries, offices as recipients, numbered copy lists, multi-archive citations, old and new
metadata blocks, editorial brackets of every kind) and of the scraping noise (footnote numbers glued to
times and acronyms, 24-hour times with "p.m.", obfuscated e-mail addresses, typographic quotes).

:func:`generate_case` returns the page and the values a correct parser must read from it
(the ground truth); :func:`generate_page` returns the page and its sidecar metadata;
:func:`write_corpus` writes ``synth-{n:06d}.txt`` pages plus ``.source.yaml`` sidecars.

Synthetic pages are marked as such: their doc_id is ``synth-{n:06d}`` and their publisher
"archive-kg synthetic corpus", so they can never be mistaken for archive documents.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from kg.synth_variants import generate_variant

VARIANT_SHARE = 0.35  # share of pages drawn from kg.synth_variants
PUBLISHER = "archive-kg synthetic corpus (invented test documents)"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# (written as in a title, name, identified_as, variants)
PSEUDONYMS = [
    ("Filippov [Stalin]", "Filippov", "Stalin", []),
    ("Feng Xi (Stalin)", "Feng Xi", "Stalin", []),
    ("FENG XI [FYN SI; Stalin]", "FENG XI", "Stalin", ["FYN SI"]),
    ("Matveyev (Zakharov)", "Matveyev", "Zakharov", []),
    ("Vetrov [Kuzmin]", "Vetrov", "Kuzmin", []),  # invented
    ("Gordeev (Tarasenko)", "Gordeev", "Tarasenko", []),  # invented
]
PERSONS = ["Gromyko", "Zhou Enlai", "Mao Zedong", "Kim Il Sung", "Shtykov", "Roshchin", "Vyshinsky", "Molotov",
           "Malenkov", "Bulganin", "Tarasenko", "Kuzmin", "Orlovsky", "Belyaeva", "Volodin", "Li Wenhua",
           "Pak Sun Gil", "Sokolov", "Zaitseva", "Han Dok Su"]  # the last ones invented
CLERKS = ["Morozov", "Budanova", "Lebedeva", "Kovalenko", "Savina", "Egorov"]
OFFICES = [("the Soviet Ambassador, Peking", "office"), ("the Soviet Ambassador, Pyongyang", "office"),
           ("USSR Foreign Ministry", "organization")]
PLACES = ["Pyongyang", "Moscow", "Peking", "Beijing", "Seoul", "Shanghai", "Harbin", "Vladivostok", "Urumchi"]
CAPS_PLACES = ["PEKING", "PYONGYANG", "MOSCOW", "URUMCHI", "SHANGHAI"]
KINDS = [("Ciphered Telegram", "ciphered telegram", 35), ("Cable", "cable", 20), ("Telegram", "telegram", 15),
         ("Letter", "letter", 10), ("Memorandum of Conversation", "memorandum of conversation", 5),
         ("Note", "note", 5), ("Report", "report", 5), ("Record of Conversation", "record of conversation", 5)]
CLASSIFICATIONS = ["Top Secret", "SPECIAL", "TOP PRIORITY", "Strictly Secret", "Urgent"]
TRANSLITERATIONS = [("headquarters", "instantsiya"), ("aircraft-fright", "aviaboiazn'"),
                    ("coordination", "soglasovanie"), ("leadership", "rukovodstvo")]
GLOSSES = [("KPA", "Korean People’s Army"), ("CPV", "Chinese People’s Volunteers"), ("WPK", "Workers’ Party of Korea")]
TRANSLATORS = ["Gary Goldberg", "Anna Vetrova", "Sergei Radchenko"]
RIGHTS = ("Synthetic page: reuse for testing is free and no copyright is claimed; the layout imitates an "
          "archive page, the words are invented.")
RIGHTS_2 = "To enquire about this synthetic document, contact the test suite at [email\u00a0protected]."
SENTENCES = [
    "The situation of the troops near {place} remains difficult and requires {adj} measures.",
    "We consider it necessary to send {num} specialists to {place} before the end of the month.",
    "Comrade {CAPS} reported that the supply of fuel has been {adj} delayed.",
    "The meeting with Cde. {person} took place on {dotdate} in {place}.",
    "{CAPS} asked us to convey his “sincere gratitude” for the help already given.",
    "The {gl} {gloss} has lost contact with two of its divisions north of {place}.",
    "According to the information received, the enemy is moving toward {CAPSPLACE} along the coast.",
    "The question was raised again, this time as a matter for the {tt} {translit} alone.",
    "[...]",
    "Please inform us of your opinion on the proposals of Comrades {person} and {person2}.",
    "The {num} trucks promised earlier [inserted by hand: and {num2} tractors] have not yet arrived.",
    "The depots near {place}and the railway line were damaged by the raids.",  # words run together (noise)
]
ADJ = ["urgent", "serious", "considerably", "immediate", "additional"]


def _pick_weighted(rng: random.Random, items: list[tuple[str, str, int]]) -> tuple[str, str, int]:
    return rng.choices(items, weights=[w for *_, w in items])[0]


def _date(rng: random.Random) -> dt.date:
    return dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 4 * 365))


def _long(d: dt.date, pad: bool = False) -> str:
    return f"{MONTHS[d.month - 1]} {d.day:02d}, {d.year}" if pad else f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _dot(d: dt.date) -> str:
    return f"{d.day}.{d.month}.{d.year % 100:02d}"


def _us(d: dt.date) -> str:
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def _dmy(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _name_ref(written: str, name: str, ident: str | None = None, variants: list[str] | None = None,
              kind: str = "person", honorific: str | None = None) -> dict[str, Any]:
    return {"written": written, "name": name, "identified_as": ident, "variants": variants or [],
            "kind": kind, "honorific": honorific}


def _agent(rng: random.Random, exclude: set[str]) -> tuple[str, dict[str, Any]]:
    r = rng.random()
    if r < 0.35:
        w, n, i, v = rng.choice(PSEUDONYMS)
        if i not in exclude:
            exclude.add(i)
            return w, _name_ref(w, n, i, v)
    if r < 0.45:
        w, k = rng.choice(OFFICES)
        if w not in exclude:
            exclude.add(w)
            return w, _name_ref(w, w, kind=k)
    for _ in range(10):
        p = rng.choice(PERSONS)
        if p not in exclude:
            break
    exclude.add(p)
    if rng.random() < 0.15:
        return f"Cde. {p}", _name_ref(f"Cde. {p}", p, honorific="Cde.")
    return p, _name_ref(p, p)


def _time12(rng: random.Random) -> tuple[str, dt.time]:
    h, m = rng.randrange(0, 24), rng.randrange(0, 60)
    t = dt.time(h, m)
    h12 = h % 12 or 12
    if h == 0:
        h12 = 0 if rng.random() < 0.5 else 12
    return f"{h12}:{m:02d} {'a.m.' if h < 12 else 'p.m.'}", t


def generate_case(rng: random.Random, n: int) -> tuple[str, dict[str, Any]]:
    """A synthetic page and the values a correct parser reads from it."""
    if rng.random() < VARIANT_SHARE:  # the other layouts and kinds (kg.synth_variants)
        return generate_variant(rng, n)
    exp: dict[str, Any] = {"flags": [], "notes": [], "events": [], "distribution": [], "classification": [],
                           "via": [], "signatories": [], "translators": [], "handwritten_dates": [],
                           "mention_texts": []}
    lines: list[str] = []
    if rng.random() < 0.9:
        lines += ["Skip to content", ""]
    date = _date(rng)
    exp["date"] = date
    if rng.random() < 0.03:  # a date given to the month, season or year only (perhaps "c."): no day, kept partial
        v = date.toordinal() % 5  # (no draw from rng: the rest of the corpus stays as it was)
        lead = "c. " if v == 4 else ""
        if v in (0, 1):
            lines += [f"{MONTHS[date.month - 1]}{',' if v else ''} {date.year}", ""]
            exp["date_edtf"] = f"{date.year}-{date.month:02d}"
        elif v == 2:
            season = ("Winter", "Spring", "Summer", "Autumn")[(date.month % 12) // 3]
            lines += [f"{season} {date.year}", ""]
            exp["date_edtf"] = f"{date.year}-{(date.month % 12) // 3 + 20 if date.month % 12 >= 3 else 24}"
        elif v == 3 and date.toordinal() % 3 == 0:  # a decade only: "1950s" (EDTF "195X")
            lines += [f"{date.year // 10}0s", ""]
            exp["date_edtf"] = f"{date.year // 10}X"
        else:
            lines += [f"{lead}{date.year}", ""]
            exp["date_edtf"] = f"{date.year}" + ("~" if lead else "")
        exp["date"] = None
    else:
        lines += [_long(date, pad=rng.random() < 0.1), ""]

    title_kind, kind, _ = _pick_weighted(rng, KINDS)
    exp["kind"] = kind
    telegram = kind in ("ciphered telegram", "cable", "telegram")
    used: set[str] = set()
    s_w, s_ref = _agent(rng, used)
    recips = [_agent(rng, used)]
    if rng.random() < 0.2 and recips[0][1]["kind"] == "person":
        r2 = rng.choice([p for p in PERSONS if p not in used])
        used.add(r2)
        recips.append((r2, _name_ref(r2, r2)))
    r_w = " and ".join(w for w, _ in recips)
    number = None
    if telegram and rng.random() < 0.3:
        number = str(rng.randrange(100, 99999))
    via = None
    if rng.random() < 0.2:
        via = rng.choice([p for p in ["Roshchin", "Kovalev", "Krasovsky", "Orlovsky"] if p not in used])
    head = title_kind + (f" No. {number}" if number else "")
    sep = rng.choice([", ", " from "])
    title = f"{head}{sep}{s_w} to {r_w}"
    final = None
    if via:
        title += rng.choice([f" (via {via})", f" [via {via}]"])
        exp["via"].append(_name_ref(via, via))
    elif telegram and rng.random() < 0.05:
        title += " (for the Politburo)"
        final = _name_ref("the Politburo", "the Politburo", kind="organization")
    exp.update(number=number, senders=[s_ref], recipients=[r for _, r in recips] + ([final] if final else []))
    if kind in ("memorandum of conversation", "record of conversation"):
        # participants of a conversation are neither senders nor recipients
        title = f"{title_kind} between {s_w} and {r_w}"
        exp.update(senders=[], recipients=[], via=[])
    lines += [title, "", ""]
    exp["title"] = title

    # header
    exp["sent_from"] = None
    exp["destination"] = None
    exp["copies_made"] = None
    exp["telegram_number"] = None
    clerk_used = rng.sample(CLERKS, 2)
    from_style = False
    us_style = telegram and rng.random() < 0.3
    dfmt = _us if us_style else _dot
    if telegram and rng.random() < 0.8:
        place = rng.choice(PLACES)
        exp["sent_from"] = place
        sent = date
        if rng.random() < 0.15:  # "From BEIJING No. 1309 20 hours 05" / "minutes, 13.1.1951"
            from_style = True
            tno = str(rng.randrange(100, 9999))
            h, mi = rng.randrange(0, 24), rng.randrange(0, 60)
            cap = place.upper()
            exp["sent_from"] = cap
            lines += [f"From {cap} No. {tno} {h} hours {mi:02d}", f"minutes, {sent.day}.{sent.month}.{sent.year}"]
            exp["telegram_number"] = tno
            exp["events"].append({"kind": "sent", "date": sent, "time": dt.time(h, mi), "place": cap})
            sent_at = dt.datetime.combine(sent, dt.time(h, mi))
        else:
            if us_style:  # "Ciphered Telegram # 600111/sh", "FROM: PYONGYANG", "Sent by wire on 10/14/50 at ..."
                if number is None:
                    number = f"{rng.randrange(100000, 999999)}/sh"
                    exp["number"] = number
                    lines += [f"Ciphered Telegram # {number}", ""]
                exp["sent_from"] = place.upper()
                lines.append(f"FROM: {place.upper()}")
            else:
                lines.append(f"From {place}")
            tw, tt = _time12(rng)
            ev_sent = {"kind": "sent", "date": sent, "time": tt, "means": "by wire", "place": exp["sent_from"]}
            if rng.random() < 0.1:  # footnote glued to the minutes
                fn = str(rng.randrange(1, 9))
                tw = tw.replace(" ", fn + " ", 1)
                exp["flags"].append(f"events[{len(exp['events'])}].time")
            lines.append(f"Sent by wire on {dfmt(sent)} at {tw}" if us_style else f"Sent on {_dot(sent)} at {tw}, by wire")
            exp["events"].append(ev_sent)
            sent_at = dt.datetime.combine(sent, tt)
        lines.append("")
        if rng.random() < 0.1:
            lines += ["Destination: PEKING To Whom: SovAmbassador", ""]
            exp["destination"] = "PEKING"
        # received after sent (a SHACL rule), in the afternoon or evening
        recv = sent + dt.timedelta(days=rng.randrange(0, 2))
        hh, mm = rng.randrange(13, 24), rng.randrange(0, 60)
        if dt.datetime.combine(recv, dt.time(hh, mm)) < sent_at:
            recv += dt.timedelta(days=1)
        if rng.random() < 0.2:  # "Received on 4:10 am, 14 May 1950"
            h12 = hh - 12
            lines.append(f"Received on {h12}:{mm:02d} pm, {_dmy(recv)}")
        elif rng.random() < 0.5:  # 24-hour time with p.m.: flagged, kept
            lines.append(f"Received in Moscow on {dfmt(recv)} at {hh}:{mm:02d} p.m.")
            exp["flags"].append(f"events[{len(exp['events'])}].time")
        else:
            lines.append(f"Received in Moscow on {dfmt(recv)} at {hh}:{mm:02d}")
        place_r = "Moscow" if "Moscow" in lines[-1] else None
        exp["events"].append({"kind": "received", "date": recv, "time": dt.time(hh, mm), "place": place_r})
        lines.append("")
        if rng.random() < 0.5:
            glue = rng.random() < 0.3
            if us_style:
                lines.append(f"Arrived at the 8D/GS on {dfmt(recv)} at {hh}:{mm:02d}")
            else:
                lines.append(f"Arrived in the 8th MDGS{'3' if glue else ''} on {_dot(recv)} at {hh}:{mm:02d}")
                if glue:
                    exp["flags"].append(f"events[{len(exp['events'])}].place")
            exp["events"].append({"kind": "arrived", "date": recv, "time": dt.time(hh, mm),
                                  "place": "the 8D/GS" if us_style else "the 8th MDGS"})
            lines.append("")
        dec = dt.datetime.combine(recv, dt.time(hh, mm)) + dt.timedelta(minutes=rng.randrange(10, 180))
        lines.append(f"Deciphered by {clerk_used[0]} on {dfmt(dec.date())} at {dec.hour}:{dec.minute:02d}")
        exp["events"].append({"kind": "deciphered", "date": dec.date(), "time": dec.time().replace(second=0),
                              "agent": clerk_used[0]})
        lines.append("")
        style = rng.random()
        names = rng.sample(["Stalin", "Molotov", "Malenkov", "Beria", "Mikoyan", "Bulganin", "Vasilevsky"],
                           rng.randrange(2, 6))
        copies = [rng.choice([1, 1, 1, 2]) for _ in names]
        if style < 0.12:  # "Copies: Stalin (2), Molotov, Copy."
            lines.append("Copies: " + ", ".join(f"{nm} ({c})" if c > 1 else nm
                                                for nm, c in zip(names, copies, strict=True)) + ", Copy.")
            exp["distribution"] = [(nm, c if c > 1 else None, None) for nm, c in zip(names, copies, strict=True)] + \
                [("Copy", None, None)]
        elif style < 0.5:
            total = sum(copies) + 1
            lines.append(f"Number of copies made - {total}")
            lines.append("")
            lines.append("Distribution List:")
            items = [f"{nm} - {c}" for nm, c in zip(names, copies, strict=True)] + ["8th MDGS file - 1"]
            joined = ", ".join(items) + "."
            cut = joined.rfind(" ", 0, len(joined) - 5) if rng.random() < 0.4 else -1
            if cut > 0 and "," in joined[:cut]:
                joined = joined[:cut] + "\n" + joined[cut + 1:]
            lines.append(joined)
            exp["copies_made"] = total
            exp["distribution"] = [(nm, c, None) for nm, c in zip(names, copies, strict=True)] + \
                [("8th MDGS file", 1, None)]
        elif style < 0.75:
            lines.append(f"{len(names)} copies")
            for k, nm in enumerate(names, 1):
                lines.append(f"{k}. Comr. {nm}")
            exp["copies_made"] = len(names)
            exp["distribution"] = [(nm, 1, k) for k, nm in enumerate(names, 1)]
        else:
            lines.append(f"Distribution list - {sum(copies)} copies: "
                         + ", ".join(f"{nm} - {c}" for nm, c in zip(names, copies, strict=True)))
            exp["copies_made"] = sum(copies)
            exp["distribution"] = [(nm, c, None) for nm, c in zip(names, copies, strict=True)]
        lines += ["", ""]
    if rng.random() < 0.3:
        cl = rng.choice(CLASSIFICATIONS)
        lines += [cl, ""]
        exp["classification"].append(cl)
    if rng.random() < 0.15:
        hd = date + dt.timedelta(days=rng.randrange(0, 3))
        lines += [f"[handwritten: {_dmy(hd)}]", "", ""]
        exp["handwritten_dates"].append(hd)
        exp["notes"].append(("handwritten", _dmy(hd)))

    # body
    body_lines: list[str] = []
    for _ in range(rng.randrange(2, 7)):
        tpl = rng.choice(SENTENCES)
        person, person2 = rng.sample(["Kotov", "Konnov", "Roshchin", "Volodin", "Sokolov"], 2)
        caps = rng.choice(["KIM IL SUNG", "PAK HEON-YEONG", "SHTYKOV", "MAO ZEDONG", "ZHOU ENLAI", "ORLOVSKY"])
        gl, gloss = rng.choice(GLOSSES)
        tt, translit = rng.choice(TRANSLITERATIONS)
        num, num2 = rng.randrange(2, 900), rng.randrange(2, 90)
        d2 = date - dt.timedelta(days=rng.randrange(1, 5))
        sent = tpl.format(place=rng.choice(PLACES), adj=rng.choice(ADJ), num=num, num2=num2, CAPS=caps,
                          person=person, person2=person2, dotdate=_dot(d2), gl=gl, gloss=f"[{gloss}]",
                          CAPSPLACE=rng.choice(CAPS_PLACES), tt=tt, translit=f"[{translit}]")
        if "{gloss}" in tpl:
            exp["notes"].append(("gloss", gloss, gl))
        if "{translit}" in tpl:
            exp["notes"].append(("transliteration", translit, tt))
        if tpl == "[...]":
            exp["notes"].append(("elision", "..."))
        if "inserted by hand" in tpl:
            exp["notes"].append(("inserted_by_hand", f"and {num2} tractors"))
        if "{place}and" in tpl:
            exp["flags"].append("body")
        if "{CAPS}" in tpl:
            exp["mention_texts"].append(caps)
        if "Cde. {person}" in tpl:
            exp["mention_texts"].append(person)
        body_lines += [sent, ""]
    if rng.random() < 0.5:
        sig = rng.choice(["GROMYKO", "ROSHCHIN", "ORLOVSKY", "S H T Y K O V", "FILIPPOV [Stalin]"])
        if sig.startswith("FILIPPOV"):
            body_lines += [f"With greetings. {sig}.”", ""]
            exp["notes"].append(("gloss", "Stalin", "FILIPPOV"))
            exp["signatories"].append("FILIPPOV")
        else:
            body_lines += [f"{_dot(date)} {sig}" if rng.random() < 0.3 else
                           f"With greetings. {sig}" if rng.random() < 0.5 else sig, ""]
            exp["signatories"].append(sig.replace(" ", ""))
        if rng.random() < 0.1:
            body_lines += ["Spravka: an invented reference note about an earlier telegram.", ""]
    if rng.random() < 0.1:
        body_lines += ["[Translator’s note: the last paragraph is crossed out in the original]", ""]
        exp["notes"].append(("translator_note", "the last paragraph is crossed out in the original"))
    lines += body_lines
    if telegram and not from_style and rng.random() < 0.5:
        tn = f"{rng.randrange(100, 9999)}/sh"
        if us_style:  # "No. 1476/sh" and a dateline
            lines += ["", f"No. {tn}", _dmy(date)]
            exp["events"].append({"kind": "issued", "date": date})
        else:
            lines += ["", f"# {tn}", f"{rng.randrange(1, 12)}:{rng.randrange(0, 60):02d}pm, Pyongyang time"]
            exp["events"].append({"kind": "issued"})
        exp["telegram_number"] = tn
        td = date + dt.timedelta(days=3)  # typed after deciphering
        lines.append(f"Typed by {clerk_used[1]} on {dfmt(td)} at 0:{rng.randrange(10, 60)} a.m.")
        exp["events"].append({"kind": "typed", "date": td, "agent": clerk_used[1]})
    lines.append("")
    summary = f"Synthetic {kind} number {n}: an invented text for testing the page parser."
    lines += [summary, ""]
    exp["summary"] = summary

    # citation, rights, metadata
    cits: list[dict[str, Any]] = []
    parts: list[str] = []
    if rng.random() < 0.15:
        ident = f"mm{rng.randrange(10**7, 10**8)}"
        parts.append(f"Library of Congress, Manuscript Division, Example papers, 1900-1990, {ident}")
        cits.append({"repository": "Library of Congress", "division": "Manuscript Division",
                     "collection": "Example papers, 1900-1990", "identifier": ident})
    else:
        for repo in rng.sample(["APRF", "AVPRF", "RGASPI"], rng.randrange(1, 4)):
            f, o, d_, la = rng.randrange(1, 600), rng.randrange(1, 90), rng.randrange(1, 999), rng.randrange(1, 300)
            if rng.random() < 0.5:
                parts.append(f"{repo}, f. {f}, op. {o}, d. {d_}, l. {la}")
                cits.append({"repository": repo, "fond": str(f), "opis": str(o), "delo": str(d_), "folios": str(la)})
            else:
                pk = rng.randrange(1, 40)
                parts.append(f"{repo}, Fond {f}, Opis {o}, Delo {d_}, Papka {pk}, List {la}-{la + 2}")
                cits.append({"repository": repo, "fond": str(f), "opis": str(o), "delo": str(d_), "papka": str(pk),
                             "folios": f"{la}-{la + 2}"})
    citation = "; ".join(parts)
    translator = rng.choice(TRANSLATORS) if rng.random() < 0.3 else None
    cit_line = citation + "." + (f" Translated by {translator}." if translator else "")
    exp["citations"] = cits
    exp["translators"] = [translator] if translator else []
    exp["rights"] = True
    exp["flags"].append("rights")  # the obfuscated e-mail address
    new_format = rng.random() < 0.5
    rid = None
    uploaded = None
    if new_format:
        rid = str(900000 + n)
        uploaded = dt.date(2011, 1, 1) + dt.timedelta(days=rng.randrange(0, 3000))
        lines += ["Author(s):", "", "", "Document Information", "", "Source", "", cit_line, "", "Rights", "",
                  RIGHTS, "", RIGHTS_2, "", "Original Uploaded Date", "", uploaded.isoformat(), "", "Type", "",
                  "Telegram" if telegram else "Document", "", "Language", "", "Record ID", "", rid]
        exp["doc_type"] = "Telegram" if telegram else "Document"
    else:
        lines += ["Document Information", "", "", cit_line, "", "", RIGHTS, "", RIGHTS_2, "",
                  "Original Uploaded Date", "", "", "", "Record ID"]
        exp["doc_type"] = None
    exp["record_id"] = rid
    exp["original_uploaded"] = uploaded
    text = "\n".join(lines) + "\n"
    return text, exp


def generate_page(rng: random.Random, n: int) -> tuple[str, dict[str, Any]]:
    """A synthetic page and its sidecar metadata (doc_id, publisher)."""
    text, _ = generate_case(rng, n)
    return text, {"doc_id": f"synth-{n:06d}", "publisher": PUBLISHER, "synthetic": True}


def write_corpus(dest: Path, count: int, seed: int) -> int:
    """Write ``count`` pages ``synth-{n:06d}.txt`` (with ``.source.yaml`` sidecars) to ``dest``."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for n in range(count):
        text, meta = generate_page(rng, n)
        (dest / f"synth-{n:06d}.txt").write_text(text, encoding="utf-8")
        (dest / f"synth-{n:06d}.source.yaml").write_text(
            f"# synthetic page written by kg.synth (seed {seed}); not an archive document\n"
            f"doc_id: {meta['doc_id']}\npublisher: {meta['publisher']}\n", encoding="utf-8")
    return count


def expected_fields(exp: dict[str, Any]) -> dict[str, Any]:
    """The ground truth of :func:`generate_case` in the expectation format of ``bench/bench_parser.py``."""

    def refs(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"name": r["name"], "identified_as": r["identified_as"]} for r in items]

    out: dict[str, Any] = {
        "title": exp["title"], "date": exp.get("date_edtf") or exp["date"], "kind": exp["kind"],
        "senders": refs(exp["senders"]), "recipients": refs(exp["recipients"]), "via": refs(exp["via"]),
        "citations": exp["citations"], "number": exp["number"], "telegram_number": exp["telegram_number"],
        "sent_from": exp["sent_from"], "translators": exp["translators"], "record_id": exp["record_id"],
    }
    for key in ("participants", "author", "incomplete", "date_inferred"):
        if key in exp:
            out[key] = exp[key]
    return out
