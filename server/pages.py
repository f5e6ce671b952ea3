"""View helpers for the HTML pages: an entity's description indexed for templates, terms, links, the text with
its mentions linked.

Nothing here builds HTML: templates get plain values and Jinja's autoescaping does the escaping, so every string
from the data is shown as text. Links go only to this server's own paths or to ``http(s)`` IRIs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.config import ONTOLOGY_NS
from kg.namespaces import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
LABEL_PROPS = (
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["rdfs"] + "label",
    PREFIXES["dcterms"] + "title",
    PREFIXES["schema"] + "name",
)
CURIE_PREFIXES = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
XSD = PREFIXES["xsd"]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
#: Words for the outside vocabularies' terms a page shows (the ontology's own terms have their rdfs:label).
TERM_LABELS = {
    "rdf:type": "type", "rdfs:label": "label", "rdfs:comment": "comment", "rdfs:seeAlso": "see also",
    "skos:prefLabel": "name", "skos:altLabel": "other name", "skos:hiddenLabel": "misspelling", "skos:note": "note",
    "skos:editorialNote": "editorial note", "skos:definition": "definition", "skos:inScheme": "in scheme",
    "skos:historyNote": "history", "skos:broader": "broader", "skos:exactMatch": "same as",
    "owl:sameAs": "same as", "schema:sameAs": "same as", "schema:name": "name", "schema:latitude": "latitude",
    "schema:longitude": "longitude", "dcterms:title": "title", "dcterms:date": "date", "dcterms:identifier": "identifier",
    "dcterms:description": "description", "dcterms:source": "source", "dcterms:abstract": "summary",
    "dcterms:bibliographicCitation": "citation", "dcterms:rights": "rights", "dcterms:publisher": "publisher",
    "dcterms:relation": "related", "dcterms:isReplacedBy": "replaced by", "prov:wasDerivedFrom": "derived from",
    "prov:generatedAtTime": "made on", "rdf:value": "text", "rdf:subject": "subject", "rdf:predicate": "statement",
    "rdf:object": "object", "foaf:name": "name", "void:inDataset": "in dataset",
}


def readable_literal(value: str, datatype: str | None) -> str:
    """A typed value as a reader writes it: "26 September 1950", "26 September 1950, 08:10", "yes"."""
    try:
        if datatype == XSD + "date" and len(value) == 10:
            y, m, d = value.split("-")
            return f"{int(d)} {MONTHS[int(m) - 1]} {y}"
        if datatype == XSD + "dateTime" and len(value) >= 16 and value[10] == "T":
            return readable_literal(value[:10], XSD + "date") + ", " + value[11:16]
        if datatype == XSD + "gYearMonth" and len(value) == 7:
            return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    except (ValueError, IndexError):
        return value
    if datatype == XSD + "boolean":
        return {"true": "yes", "1": "yes", "false": "no", "0": "no"}.get(value, value)
    return value


LANGUAGES = {"en": "English", "ru": "Russian", "ko": "Korean", "zh": "Chinese", "ja": "Japanese", "ka": "Georgian",
             "de": "German", "fr": "French", "uk": "Ukrainian", "mn": "Mongolian", "vi": "Vietnamese"}
SCRIPTS = {"latn": "in Latin letters", "cyrl": "in Cyrillic", "hang": "in Hangul", "hani": "in Chinese characters",
           "hans": "in simplified characters", "hant": "in traditional characters", "jpan": "in Japanese script",
           "kore": "in Korean script"}
SYSTEMS = {"pinyin": "pinyin", "wadegile": "Wade–Giles", "hepburn": "Hepburn", "x-mr": "McCune–Reischauer",
           "x-rr": "Revised Romanization", "x-bgn": "BGN/PCGN", "x-lc": "Library of Congress"}


def lang_name(tag: str | None) -> str:
    """A language tag in words: ``ko-Latn-x-mr`` -> "Korean in Latin letters (McCune–Reischauer)"."""
    if not tag:
        return "as written"
    parts = tag.lower().split("-")
    words = LANGUAGES.get(parts[0], parts[0])
    rest = parts[1:]
    if rest and rest[0] in SCRIPTS:
        words += " " + SCRIPTS[rest.pop(0)]
    system = "-".join(rest)
    if system:
        words += f" ({SYSTEMS.get(system, SYSTEMS.get(rest[-1], system))})"
    return words


def words_of(name: str) -> str:
    """``copiesMade`` -> "copies made"."""
    out = "".join(" " + c.lower() if c.isupper() else c for c in name).replace("_", " ").replace("-", " ")
    return out.strip()


def curie(iri: str) -> str:
    for prefix, ns in CURIE_PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            tail = iri.rstrip(sep).rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


@dataclass(frozen=True)
class Linker:
    """Where a link to an IRI goes on this server."""

    base: str
    root: str = ""  # the app's script root ("" at the top of a host)

    def href(self, iri: str) -> str | None:
        if iri.startswith((self.base + "id/", self.base + "graph/")):
            return self.root + "/" + iri[len(self.base):]
        if iri == self.base + "dataset":
            return self.root + "/"
        if iri.startswith(self.base + "dumps/"):
            return self.root + "/" + iri[len(self.base):].split("#", 1)[0]
        if iri.startswith(ONTOLOGY_NS):
            return self.root + "/ontology#" + iri[len(ONTOLOGY_NS):]
        if iri == ONTOLOGY_NS.rstrip("#"):
            return self.root + "/ontology"
        if iri.startswith(("http://", "https://")):
            return iri
        return None  # never a javascript:, data: or file: link

    def is_local(self, iri: str) -> bool:
        return iri.startswith(self.base) or iri.startswith(ONTOLOGY_NS.rstrip("#"))


@dataclass(frozen=True)
class Term:
    """A node as a template shows it."""

    text: str
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None
    iri: str | None = None
    local: bool = False

    @property
    def is_iri(self) -> bool:
        return self.iri is not None


@dataclass
class Description:
    """The triples of an entity's description, indexed both ways."""

    triples: list[ox.Triple]
    linker: Linker
    labels_of_terms: dict[str, str] = field(default_factory=dict)  # ontology labels of properties/classes

    def __post_init__(self) -> None:
        self.out: dict[str, dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]] = defaultdict(lambda: defaultdict(list))
        self.inc: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        seen: set[tuple] = set()
        for t in self.triples:
            key = (str(t.subject), str(t.predicate), str(t.object))
            if key in seen:
                continue
            seen.add(key)
            s = _key(t.subject)
            self.out[s][t.predicate.value].append(t.object)  # type: ignore[arg-type]
            if isinstance(t.object, ox.NamedNode):
                self.inc[t.object.value][t.predicate.value].append(s)

    # -- reading ------------------------------------------------------------------------------------------------

    def values(self, s: str, p: str) -> list:
        return list(self.out.get(s, {}).get(_expand(p), []))

    def first(self, s: str, p: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
        v = self.values(s, p)
        return v[0] if v else None

    def text(self, s: str, p: str) -> str | None:
        v = self.first(s, p)
        return None if v is None else v.value  # type: ignore[union-attr]

    def iris(self, s: str, p: str) -> list[str]:
        return [v.value for v in self.values(s, p) if isinstance(v, ox.NamedNode)]

    def types(self, s: str) -> list[str]:
        return self.iris(s, RDF_TYPE)

    def has_type(self, s: str, cls: str) -> bool:
        return _expand(cls) in self.types(s)

    def subjects(self, p: str, o: str) -> list[str]:
        return list(dict.fromkeys(self.inc.get(o, {}).get(_expand(p), [])))

    def label(self, node: str, *, lang: str = "en") -> str:
        """The best label of a node: skos:prefLabel, rdfs:label, dcterms:title (English first), else its name."""
        for p in LABEL_PROPS:
            vals = [v for v in self.out.get(node, {}).get(p, []) if isinstance(v, ox.Literal)]
            if vals:
                for v in vals:
                    if v.language == lang:
                        return v.value
                for v in vals:
                    if v.language is None:
                        return v.value
                return vals[0].value
        if node in self.labels_of_terms:
            return self.labels_of_terms[node]
        return local_name(node)

    # -- for templates ------------------------------------------------------------------------------------------

    def term(self, node: object) -> Term:
        if isinstance(node, ox.NamedNode):
            iri = node.value
            local = self.linker.is_local(iri)
            text = self.label(iri)
            if not local and text == local_name(iri) and iri not in self.labels_of_terms:
                text = curie(iri)  # an outside IRI with no label: its prefixed name, else the IRI whole
            return Term(text, self.linker.href(iri), iri=iri, local=local)
        if isinstance(node, ox.Literal):
            dt = node.datatype.value if node.datatype is not None else None
            if dt in (PREFIXES["xsd"] + "string", PREFIXES["rdf"] + "langString"):
                dt = None
            return Term(readable_literal(node.value, dt), lang=node.language, datatype=curie(dt) if dt else None)
        if isinstance(node, str):
            return self.term(ox.NamedNode(node)) if not node.startswith("_:") else Term(node)
        return Term(str(node))

    def terms(self, s: str, p: str) -> list[Term]:
        return [self.term(v) for v in self.values(s, p)]

    def prop_label(self, p: str) -> str:
        """A property as words: its rdfs:label in the ontology, else a plain name for a well-known term."""
        if p in self.labels_of_terms:
            return self.labels_of_terms[p]
        c = curie(p)
        return TERM_LABELS.get(c) or (words_of(local_name(p)) if c != p else p)

    def statements(self, s: str, skip: Iterable[str] = ()) -> list[tuple[Term, list[Term]]]:
        """Every property of ``s`` with its values, as (property, values) rows in a stable order."""
        skipped = {_expand(p) for p in skip}
        rows = []
        for p, objs in sorted(self.out.get(s, {}).items(), key=lambda kv: curie(kv[0])):
            if p in skipped:
                continue
            prop = Term(self.prop_label(p), self.linker.href(p), iri=p, local=self.linker.is_local(p))
            rows.append((prop, sorted((self.term(o) for o in objs), key=lambda t: (t.text.lower(), t.lang or ""))))
        return rows

    def incoming(self, o: str, limit: int = 500) -> list[tuple[Term, list[Term]]]:
        """What points to ``o``, by property; at most ``limit`` subjects per property (the RDF has them all)."""
        rows = []
        for p, subs in sorted(self.inc.get(o, {}).items(), key=lambda kv: curie(kv[0])):
            prop = Term(self.prop_label(p), self.linker.href(p), iri=p, local=self.linker.is_local(p))
            unique = list(dict.fromkeys(subs))
            terms = sorted((self.term(s) for s in unique[:limit]), key=lambda t: t.text.lower())
            if len(unique) > limit:
                terms.append(Term(f"… and {len(unique) - limit} more (all of them are in this page's RDF)"))
            rows.append((prop, terms))
        return rows

    def labels_by_language(self, s: str) -> list[tuple[str, list[str]]]:
        """Labels and variants grouped by language/script tag (``ru``, ``ru-Latn``, ``zh``, untagged)."""
        groups: dict[str, list[str]] = defaultdict(list)
        for p in (*LABEL_PROPS, PREFIXES["skos"] + "altLabel"):
            for v in self.out.get(s, {}).get(p, []):
                if isinstance(v, ox.Literal) and v.value not in groups[v.language or ""]:
                    groups[v.language or ""].append(v.value)
        return sorted(groups.items(), key=lambda kv: (kv[0] != "en", kv[0] == "", kv[0]))


def _key(node: object) -> str:
    if isinstance(node, ox.NamedNode):
        return node.value
    return str(node)


def _expand(p: str) -> str:
    if ":" in p and not p.startswith(("http://", "https://", "urn:")):
        prefix, _, rest = p.partition(":")
        if prefix in PREFIXES:
            return PREFIXES[prefix] + rest
    return p


@dataclass(frozen=True)
class Segment:
    text: str
    href: str | None = None
    title: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    iri: str
    kind: str


def whole_word(text: str, a: int, b: int) -> bool:
    """True when ``text[a:b]`` is not part of a longer word ("Korea" in "Korean" is not a mention of Korea)."""
    return (a == 0 or not text[a - 1].isalnum()) and (b >= len(text) or not text[b].isalnum())


def place_spans(text: str, marks: list[tuple[int | None, int | None, str, str, str]]) -> list[Span]:
    """Where each attested quote is in ``text``: at its offsets when they hold the quote, else at the
    occurrence of the quote nearest to them (offsets may count from the source page, not the body).
    ``marks`` are (start, end, quote, target IRI, kind). Overlapping spans: the first placed wins."""
    placed: list[Span] = []

    def free(a: int, b: int) -> bool:
        return whole_word(text, a, b) and all(b <= s.start or a >= s.end for s in placed)

    for start, end, quote, iri, kind in sorted(marks, key=lambda m: (m[0] is None, m[0] or 0)):
        if not quote:
            if start is not None and end is not None and 0 <= start < end <= len(text):
                quote = text[start:end]
            else:
                continue
        if start is not None and end is not None and text[start:end] == quote and free(start, end):
            placed.append(Span(start, end, iri, kind))
            continue
        hits = []
        i = text.find(quote)
        while i >= 0 and len(hits) < 1000:
            hits.append(i)
            i = text.find(quote, i + 1)
        hits = [h for h in hits if free(h, h + len(quote))]
        if not hits:
            continue
        anchor = start if start is not None else 0
        h = min(hits, key=lambda x: abs(x - anchor))
        placed.append(Span(h, h + len(quote), iri, kind))
    return sorted(placed, key=lambda s: s.start)


def segments(text: str, spans: list[Span], describe: Description) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for sp in spans:
        if sp.start < pos:
            continue
        if sp.start > pos:
            out.append(Segment(text[pos:sp.start]))
        out.append(Segment(text[sp.start:sp.end], describe.linker.href(sp.iri), describe.label(sp.iri), sp.kind))
        pos = sp.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out
