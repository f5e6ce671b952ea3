"""What the entity pages show, read from an entity's description (``server.pages.Description``): a document's
header, transmission, distribution, citation, text with its mentions, notes and data-quality notes; a person's,
place's or organization's names, cover names and documents; and the small schema.org description a page embeds.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.config import ONTOLOGY_NS
from kg.namespaces import PREFIXES
from server.pages import Description, local_name, place_spans, segments, words_of

AKG = ONTOLOGY_NS
P = PREFIXES


def document_context(d: Description, iri: str) -> dict:
    a = AKG
    marks = []
    for att in d.subjects(a + "inDocument", iri):
        obj = d.first(att, P["rdf"] + "object")
        if not isinstance(obj, ox.NamedNode):
            continue
        pred = d.first(att, P["rdf"] + "predicate")
        kind = local_name(pred.value) if isinstance(pred, ox.NamedNode) else "mentions"
        start, end = d.text(att, a + "charStart"), d.text(att, a + "charEnd")
        marks.append((int(start) if start and start.lstrip("-").isdigit() else None,
                      int(end) if end and end.lstrip("-").isdigit() else None,
                      d.text(att, a + "quote") or "", obj.value, kind))
    body = d.text(iri, a + "bodyText") or ""
    text_segments = segments(body, place_spans(body, marks), d) if body else []

    def parts(prop: str) -> list[str]:
        return sorted(d.iris(iri, prop))

    def alias_rows(prop: str) -> list[dict]:
        rows = []
        for al in d.iris(iri, prop):
            of = d.iris(al, a + "aliasOf")
            rows.append({"alias": d.term(al), "of": [d.term(o) for o in of]})
        return rows

    events = []
    for ev in parts(a + "transmissionEvent"):
        etype = d.text(ev, a + "eventType")
        events.append({
            "type": (d.label(etype) if etype and d.label(etype) != etype else
                     local_name(etype).removeprefix("event-") if etype else local_name(ev)),
            "as_written": d.text(ev, a + "timeAsWritten"),
            "when": d.terms(ev, a + "atTime") or d.terms(ev, a + "onDate"),
            "where": d.terms(ev, a + "atPlace"), "agent": d.terms(ev, a + "agent"),
            "means": d.terms(ev, a + "means"), "clock": d.text(ev, a + "clock"),
        })
    # in the order they happened (lines with only a time, such as "12:35, Pyongyang time", last)
    events.sort(key=lambda e: (not e["when"], e["when"][0].text if e["when"] else ""))
    distribution = [{"to": d.terms(x, a + "distributedTo"), "copies": d.text(x, a + "copies"),
                     "copy_number": d.text(x, a + "copyNumber"), "label": d.text(x, P["rdfs"] + "label")}
                    for x in parts(a + "distribution")]
    references = []
    for r in parts(a + "archivalReference"):
        fields = [(name, d.text(r, a + name)) for name in
                  ("fond", "opis", "delo", "papka", "folios", "division", "collection", "collectionIdentifier")]
        references.append({"repository": d.terms(r, a + "repository"), "fields": [f for f in fields if f[1]],
                           "citation": d.text(r, P["dcterms"] + "bibliographicCitation")})
    notes = []
    for n in parts(a + "editorialNote"):
        kind = d.first(n, a + "noteType")
        kind_text = (d.label(kind.value) if isinstance(kind, ox.NamedNode) else kind.value if kind is not None else "")
        notes.append({"type": kind_text.split(":", 1)[0].removeprefix("note-"),
                      "value": d.text(n, P["rdf"] + "value") or d.label(n)})
    flags = quality_notes(d, iri)
    shown = [a + x for x in ("bodyText", "transmissionEvent", "distribution", "archivalReference", "editorialNote",
                             "flag", "sender", "recipient", "senderAlias", "recipientAlias", "documentKind", "via",
                             "signatory", "translator", "sentFrom", "destination", "sentAt", "receivedAt", "copiesMade",
                             "telegramNumber", "documentNumber", "classification", "handwrittenDate", "mentionsPerson",
                             "mentionsPlace", "mentionsOrganization", "mentions")]
    shown += [P["dcterms"] + x for x in ("title", "date", "identifier", "abstract", "rights", "source", "publisher")]
    shown += [a + "datePrecision"] if d.text(iri, a + "datePrecision") in (None, "day") else []  # only when coarser
    return {
        "kind_terms": d.terms(iri, a + "documentKind"),
        "date": d.terms(iri, P["dcterms"] + "date"),
        "senders": d.terms(iri, a + "sender"), "recipients": d.terms(iri, a + "recipient"),
        "sender_aliases": alias_rows(a + "senderAlias"), "recipient_aliases": alias_rows(a + "recipientAlias"),
        "via": d.terms(iri, a + "via"), "signatories": d.terms(iri, a + "signatory"),
        "translators": d.terms(iri, a + "translator"),
        "sent_from": d.terms(iri, a + "sentFrom"), "destination": d.terms(iri, a + "destination"),
        "sent_at": d.terms(iri, a + "sentAt"), "received_at": d.terms(iri, a + "receivedAt"),
        "copies_made": d.text(iri, a + "copiesMade"),
        "numbers": [(label, d.text(iri, a + prop)) for label, prop in
                    (("Telegram no.", "telegramNumber"), ("Document no.", "documentNumber"),
                     ("Classification", "classification"), ("Handwritten date", "handwrittenDate"))
                    if d.text(iri, a + prop)],
        "identifier": d.text(iri, P["dcterms"] + "identifier"),
        "abstract": d.text(iri, P["dcterms"] + "abstract"), "rights": d.terms(iri, P["dcterms"] + "rights"),
        "sources": d.terms(iri, P["dcterms"] + "source"), "publisher": d.terms(iri, P["dcterms"] + "publisher"),
        "events": events, "distribution": distribution, "references": references, "notes": notes, "flags": flags,
        "segments": text_segments, "has_text": bool(body),
        "mentions": _mentions(d, iri),
        "statements": d.statements(iri, skip=shown + [a + "bodyStart", a + "sourceFormat", a + "sourceFile",
                                                      P["rdf"] + "type", P["rdfs"] + "label",
                                                      P["dcterms"] + "bibliographicCitation", P["prov"] + "wasDerivedFrom"]),
    }


def _mentions(d: Description, iri: str) -> list[tuple[str, list]]:
    """What the document mentions, by kind; "Other" holds only what no kind lists (the sub-properties' values
    are also stated with ``akg:mentions``)."""
    a = AKG
    rows, listed = [], set()
    for label, prop in (("Persons", "mentionsPerson"), ("Places", "mentionsPlace"), ("Organizations", "mentionsOrganization")):
        values = d.iris(iri, a + prop)
        listed.update(values)
        if values:
            rows.append((label, sorted((d.term(v) for v in dict.fromkeys(values)), key=lambda t: t.text.lower())))
    other = [v for v in d.values(iri, a + "mentions") if not (isinstance(v, ox.NamedNode) and v.value in listed)]
    if other:
        rows.append(("Other", sorted((d.term(v) for v in other), key=lambda t: t.text.lower())))
    return rows


def _field_words(path: str) -> str:
    """``events[3].time`` -> "the time of header line 4" (the parser's field paths, for readers)."""
    m = re.fullmatch(r"events\[(\d+)\]\.(\w+)", path or "")
    if m:
        return f"the {words_of(m.group(2))} in transmission line {int(m.group(1)) + 1}"
    m = re.fullmatch(r"distribution\[(\d+)\]\.?(\w*)", path or "")
    if m:
        return f"entry {int(m.group(1)) + 1} of the distribution list"
    return "the " + words_of(path.replace(".", " ")) if path else ""


def quality_notes(d: Description, iri: str) -> list[dict]:
    """The quality flags of a document, worded for people, once each."""
    a = AKG
    out, seen = [], set()
    for f in sorted(d.iris(iri, a + "flag")):
        message = d.text(f, P["rdfs"] + "comment") or d.text(f, P["rdfs"] + "label") or ""
        field = d.text(f, a + "flaggedField") or ""
        if field and message.startswith(field + ": "):
            message = message[len(field) + 2:]
        key = (message, field)
        if key in seen:
            continue
        seen.add(key)
        out.append({"message": message[:1].upper() + message[1:], "where": _field_words(field),
                    "line": d.text(f, a + "line"), "verbatim": d.text(f, a + "verbatim")})
    for v in d.values(iri, a + "flag"):
        if isinstance(v, ox.Literal) and (v.value, "") not in seen:
            seen.add((v.value, ""))
            out.append({"message": v.value, "where": "", "line": None, "verbatim": None})
    return out


def _docs(d: Description, iris: list[str]) -> list[dict]:
    rows = []
    for doc in dict.fromkeys(iris):
        rows.append({"doc": d.term(doc), "date": d.text(doc, P["dcterms"] + "date") or ""})
    return sorted(rows, key=lambda r: (r["date"], r["doc"].text))


def agent_context(d: Description, iri: str) -> dict:
    a = AKG
    mentioning: list[str] = []
    for prop in ("mentionsPerson", "mentionsPlace", "mentionsOrganization", "mentions"):
        mentioning += d.subjects(a + prop, iri)
    distributed = []
    for entry in d.subjects(a + "distributedTo", iri):
        docs = d.subjects(a + "distribution", entry)
        if docs:
            distributed += docs
        elif "/distribution/" in entry:
            distributed.append(entry.split("/distribution/", 1)[0])
    attested = []  # (quote, document) of attestations whose object is this entity
    for att in d.subjects(P["rdf"] + "object", iri):
        doc = d.iris(att, a + "inDocument")
        if doc:
            attested.append({"quote": d.text(att, a + "quote") or "", "doc": d.term(doc[0]),
                             "what": d.prop_label(d.iris(att, P["rdf"] + "predicate")[0]) if d.iris(att, P["rdf"] + "predicate") else ""})
    aliases, nicknames = [], []  # cover names of correspondence; nicknames and party names (akg:Nickname)
    for al in d.iris(iri, a + "hasAlias"):
        row = {"alias": d.term(al), "docs": _docs(d, d.iris(al, a + "attestedIn"))}
        (nicknames if a + "Nickname" in d.iris(al, P["rdf"] + "type") else aliases).append(row)
    wikidata = []
    for v in d.iris(iri, P["owl"] + "sameAs"):
        if v.startswith("http://www.wikidata.org/entity/Q"):
            wikidata.append((v.rsplit("/", 1)[1], "https://www.wikidata.org/wiki/" + v.rsplit("/", 1)[1]))
    skip_in = {a + p for p in ("sender", "recipient", "mentionsPerson", "mentionsPlace", "mentionsOrganization",
                               "mentions", "distributedTo", "inDocument")} | {P["rdf"] + "object", P["rdf"] + "subject"}
    return {
        "labels": d.labels_by_language(iri),
        "hidden": [v.value for v in d.values(iri, P["skos"] + "hiddenLabel") if isinstance(v, ox.Literal)],
        "aliases": aliases, "nicknames": nicknames, "wikidata": wikidata,
        "reconciled": d.text(iri, a + "reconciled"),
        "sent": _docs(d, d.subjects(a + "sender", iri) + d.subjects(a + "senderAlias", iri)),
        "received": _docs(d, d.subjects(a + "recipient", iri) + d.subjects(a + "recipientAlias", iri)),
        "mentioned_in": _docs(d, mentioning), "distributed": _docs(d, distributed),
        "attested": attested,
        "alias_of": d.terms(iri, a + "aliasOf"),
        "alias_kind": "Nickname or party name" if a + "Nickname" in d.iris(iri, P["rdf"] + "type") else "Cover name", "attested_in": _docs(d, d.iris(iri, a + "attestedIn")),
        "statements": d.statements(iri, skip=[P["skos"] + "altLabel", P["skos"] + "hiddenLabel", a + "hasAlias"]),
        "incoming": [(p, subs) for p, subs in d.incoming(iri) if p.iri not in skip_in],
    }




SCHEMA_TYPES = {"document": "ArchiveComponent", "person": "Person", "place": "Place", "organization": "Organization",
                "archive": "ArchiveOrganization", "office": "Organization", "alias": "Thing"}


def _ref(d: Description, iri: str, kind: str = "Thing") -> dict:
    return {"@type": kind, "@id": iri, "name": d.label(iri)}


def schema_org(d: Description, iri: str, etype: str, page_url: str, dataset: str) -> dict:
    """The small schema.org description a page embeds for search engines: what the entity is, its names, its
    links; not the whole graph (that is one ``rel=alternate`` link away)."""
    a = AKG
    kind = SCHEMA_TYPES.get(etype, "Thing")
    out: dict = {"@context": "https://schema.org/", "@type": kind, "@id": iri, "name": d.label(iri), "url": page_url,
                 "isPartOf": {"@type": "Dataset", "@id": dataset}}
    names = [n for _, group in d.labels_by_language(iri) for n in group if n != out["name"]]
    if etype == "document":
        out["@type"] = ["ArchiveComponent", "Message"] if d.has_type(iri, a + "Telegram") or d.has_type(
            iri, a + "Letter") else "ArchiveComponent"
        for key, prop in (("dateCreated", P["dcterms"] + "date"), ("dateSent", a + "sentAt"),
                          ("dateReceived", a + "receivedAt"), ("abstract", P["dcterms"] + "abstract"),
                          ("identifier", P["dcterms"] + "identifier")):
            if d.text(iri, prop):
                out[key] = d.text(iri, prop)
        people = {"sender": a + "sender", "recipient": a + "recipient"}
        for key, prop in people.items():
            refs = [_ref(d, x, "Person") for x in d.iris(iri, prop)]
            if refs:
                out[key] = refs[0] if len(refs) == 1 else refs
        mentioned = [_ref(d, x, k) for k, prop in (("Person", "mentionsPerson"), ("Place", "mentionsPlace"),
                                                   ("Organization", "mentionsOrganization"))
                     for x in sorted(set(d.iris(iri, a + prop)))]
        if mentioned:
            out["mentions"] = mentioned[:100]
        archives = [x for r in d.iris(iri, a + "archivalReference") for x in d.iris(r, a + "repository")]
        if archives:
            out["holdingArchive"] = _ref(d, archives[0], "ArchiveOrganization")
        source = d.iris(iri, P["dcterms"] + "source")
        if source:
            out["sameAs"] = source[0]
    else:
        covers = [d.label(al) for al in d.iris(iri, a + "hasAlias")]
        alternate = list(dict.fromkeys(names + covers))
        if alternate:
            out["alternateName"] = alternate[:50]
        same = [x for x in d.iris(iri, P["owl"] + "sameAs") if x.startswith("http://www.wikidata.org/entity/")]
        if same:
            out["sameAs"] = same
        lat, lon = d.text(iri, P["schema"] + "latitude"), d.text(iri, P["schema"] + "longitude")
        if etype == "place" and lat and lon:
            out["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        if etype == "alias":
            of = d.iris(iri, a + "aliasOf")
            if of:
                kind = "nickname" if a + "Nickname" in d.iris(iri, P["rdf"] + "type") else "cover name"
                out["description"] = f"A {kind} of " + d.label(of[0])
                out["subjectOf"] = _ref(d, of[0], "Person")
        description = d.text(iri, P["dcterms"] + "description")
        if description and etype != "alias":
            out["description"] = description
    return out
