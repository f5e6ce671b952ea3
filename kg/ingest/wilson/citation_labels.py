"""The labels of an archive citation's parts, by language: one table (label, language, part, order).

Each row says that ``label`` (as a reader sees it, lower case) names the part ``part`` of an archival
reference (``docs/page-fields.md``, citations: fond, opis, delo, papka, folios, item, box, volume) in the
archives of ``language`` (ISO 639-1; ``en`` for labels an English citation uses whatever the archive).
``order`` is ``before`` when the label precedes its value ("f. 45", "Dosja 2"), ``after`` when the value comes
first ("288. f.", "60. doboz", as Hungarian citations write them), ``rest`` when the label's value is the rest of
its comma part, a call number ("Sygnatura XI A15": the ``identifier``).

How a label is matched (:func:`label_pattern`): case aside; a dotted abbreviation with or without its inner
dots and spaces ("a.e.", "a. e.", "ae."); a word with or without a full stop after it ("fond 51", "fond. 51"); and
the archive's own abbreviation in brackets after a word ("Fondi (F.) 14", "Dosja (Dos.) 2").

To teach the parser another archive's labels, add rows here; no regular expression elsewhere names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# label <TAB> language <TAB> part [<TAB> order]
_TABLE = """
f.	ru	fond
fond	ru	fond
fonds	fr	fond
fund	en	fond
record group	en	fond
rg	en	fond
fondi	sq	fond
zespół	pl	fond
zesp.	pl	fond
op.	ru	opis
opis	ru	opis
inventory	en	opis
per.	ru	opis
perechen	ru	opis
record	bg	opis
inv.	ro	opis
d.	ru	delo
delo	ru	delo
file	en	delo
subject file	en	delo
personal file	en	delo
special file	en	delo
dossier	fr	delo
dosar	ro	delo
dosja	sq	delo
dokument	ru	delo
ed. khr.	ru	delo
fascicolo	it	delo
expediente	es	delo
akte	de	delo
dos.	sq	delo
spr.	uk	delo
dok.	bg	delo
document	bg	delo
a.e.	bg	delo
a.j.	cs	delo
ö.e.	hu	delo
ő.e.	hu	delo
ö.e.	hu	delo	after
ő.e.	hu	delo	after
o.e.	hu	delo	after
p.	ru	papka
papka	ru	papka
pap.	ru	papka
folder	en	papka
teczka	pl	papka
pasta	pt	papka
box	en	box
cx	pt	box
caixa	pt	box
karton	cs	box
carton	fr	box
kart.	cs	box
kor.	ru	box
kutija	sr	box
busta	it	box
legajo	es	box
caja	es	box
doboz	hu	box	after
d.	hu	box	after
d	hu	box	after
por.	ru	item
poriadok	ru	item
item	en	item
tétel	hu	item	after
ll.	ru	folios
l.	ru	folios
list	ru	folios
listy	ru	folios
listi	ru	folios
pages	en	folios
pp.	en	folios
ff.	en	folios
fol.	en	folios
fols.	en	folios
sheet	en	folios
sheets	en	folios
ark.	uk	folios
k.	pl	folios
karta	pl	folios
karty	pl	folios
fila	ro	folios
filele	ro	folios
bl.	de	folios
blatt	de	folios
vol.	en	volume
volume	en	volume
bd.	de	volume
band	de	volume
sv.	cs	volume
f.	hu	fond	after
sygnatura	pl	identifier	rest
sygn.	pl	identifier	rest
signatur	de	identifier	rest
matter	en	identifier	rest
sign.	cs	identifier	rest
cote	fr	identifier	rest
"""

PARTS = ("fond", "opis", "delo", "papka", "box", "item", "folios", "volume")
ORDERS = ("before", "after", "rest")


@dataclass(frozen=True)
class Label:
    label: str
    language: str
    part: str
    order: str = "before"


def _rows(table: str) -> tuple[Label, ...]:
    rows = []
    for line in table.strip().splitlines():
        cells = line.split("\t")
        row = Label(*cells)
        assert (row.part in PARTS and row.order in ORDERS[:2]) or (row.part == "identifier" and row.order == "rest"), row
        rows.append(row)
    return tuple(rows)


LABELS: tuple[Label, ...] = _rows(_TABLE)


def label_pattern(label: str, order: str = "before") -> str:
    """A regular expression (no groups) for one label as it is written on pages."""
    if re.fullmatch(r"(?:\w\.){2,}", label):  # "a.e.": "a.e.", "a. e.", "ae."
        letters = label.rstrip(".").split(".")
        return r"\.?\s?".join(re.escape(x) for x in letters) + r"\.?"
    body = r"\s+".join(re.escape(w) for w in label.split())
    if order == "after" and re.fullmatch(r"\w", label):
        return body + "$"  # "3.d": a one-letter label without its full stop only where the chunk ends
    if order == "rest" and not label.endswith("."):
        return body + r"(?!\w)"  # "Signatur 12", not "Signature 12"
    if label.endswith(".") or order != "before":
        return body
    # "fond. 51", "Fondi (F.) 14/AP", "Dosja (Dos.) 2": a full stop, or the archive's abbreviation in brackets
    return body + r"(?:\.|\s*\([^\W\d][\w.]{0,5}\))?"


def alternation(part: str | None, order: str = "before") -> str:
    """All labels of one part (``None``: of every part) written in this order, as one alternation, longest first
    (so "ll." wins over "l.")."""
    labels = sorted({r.label for r in LABELS if (part is None or r.part == part) and r.order == order},
                    key=len, reverse=True)
    return "|".join(label_pattern(x, order) for x in labels)


def part_after(label: str) -> str | None:
    """The part a label written after its value names ("doboz" -> box), or None."""
    key = re.sub(r"\s", "", label.lower())
    for r in LABELS:
        if r.order == "after" and r.label.replace(" ", "") == key:
            return r.part
    if re.fullmatch(r"[öőo]\.?e\.", key):
        return "delo"
    return None
